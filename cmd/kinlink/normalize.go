package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"kinlink/normalize"
)

// normalizeResult is one line of `kinlink normalize --json`: the best parse
// of the input, and the other parses that were considered.
type normalizeResult struct {
	normalize.Name
	Alternatives []normalize.Name `json:"alternatives,omitempty"`
}

func runNormalize(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "normalize")
	origin := fs.String("origin", "auto", "origin of the names: auto|ja|ko")
	asJSON := fs.Bool("json", false, "print one JSON object per name")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o, err := normalize.ParseOrigin(*origin)
	if err != nil {
		return usagef("--origin: %v", err)
	}
	names := fs.Args()
	if len(names) == 0 {
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		line := 0
		for sc.Scan() {
			line++
			s := sc.Text()
			if !utf8.ValidString(s) {
				return fmt.Errorf("stdin line %d: invalid UTF-8", line)
			}
			if strings.TrimSpace(s) != "" {
				names = append(names, s)
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("stdin line %d: %w", line+1, err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, s := range names {
			parses := normalize.ParseFull(s, o)
			r := normalizeResult{Name: parses[0], Alternatives: parses[1:]}
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INPUT\tORIGIN\tFAMILY\tGIVEN\tKEY\tOTHER PARSES")
	for _, s := range names {
		parses := normalize.ParseFull(s, o)
		var others []string
		for _, p := range parses[1:] {
			others = append(others, p.Origin.String()+":"+p.Key)
		}
		b := parses[0]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s, b.Origin, b.Family, b.Given, b.Key, strings.Join(others, "; "))
	}
	return tw.Flush()
}
