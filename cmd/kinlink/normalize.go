package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"kinlink/normalize"
)

// normalizeResult is one line of `kinlink normalize --json`: the best parse
// of the input, and the other parses that were considered.
type normalizeResult struct {
	normalize.Name
	Alternatives []normalize.Name `json:"alternatives,omitempty"`
}

// nameInput is one name to normalise: a full name (as match reads a
// full_name column), or family and given fields (as it reads
// family_name and given_name).
type nameInput struct {
	full, family, given string
	fields              bool
}

// parse reads the name as match reads a record's: the first writing with
// origin o, then the other writings its fields hold (in brackets, in a
// second script), each with its own origin, as further parses.
func (in nameInput) parse(o normalize.Origin) []normalize.Name {
	var w normalize.Writing
	var others []normalize.Writing
	if in.fields {
		w, others = normalize.Writings(in.family, in.given, "")
	} else {
		w, others = normalize.Writings("", "", in.full)
	}
	names := w.Parse(o)
	for _, ow := range others {
		names = append(names, ow.Parse(normalize.Unknown)...)
	}
	return names
}

// display is the input as shown in the table: fields separated by " | ".
func (in nameInput) display() string {
	if in.fields {
		return in.family + " | " + in.given
	}
	return in.full
}

func runNormalize(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "normalize")
	origin := fs.String("origin", "auto", "origin of the names: auto|ja|ko")
	asJSON := fs.Bool("json", false, "print one JSON object per name")
	family := fs.String("family", "", "a family name, read as separate fields with --given (as match reads family_name and given_name)")
	given := fs.String("given", "", "a given name, read with --family")
	asCSV := fs.Bool("csv", false, "read stdin as CSV: one name per record, family,given (one field: a full name)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o, err := normalize.ParseOrigin(*origin)
	if err != nil {
		return usagef("--origin: %v", err)
	}
	var inputs []nameInput
	for _, s := range fs.Args() {
		inputs = append(inputs, nameInput{full: s})
	}
	if fs.Changed("family") || fs.Changed("given") {
		inputs = append(inputs, nameInput{family: *family, given: *given, fields: true})
	}
	if len(inputs) == 0 {
		if inputs, err = readNameInputs(e.stdin, *asCSV); err != nil {
			return err
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, in := range inputs {
			parses := in.parse(o)
			r := normalizeResult{Name: parses[0], Alternatives: parses[1:]}
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	rows := [][]string{{"INPUT", "ORIGIN", "FAMILY", "GIVEN", "KEY", "OTHER PARSES"}}
	for _, in := range inputs {
		parses := in.parse(o)
		var others []string
		for _, p := range parses[1:] {
			others = append(others, p.Origin.String()+":"+p.Key)
		}
		b := parses[0]
		rows = append(rows, []string{in.display(), b.Origin.String(), b.Family, b.Given, b.Key, strings.Join(others, "; ")})
	}
	return writeTable(e.stdout, rows)
}

// readNameInputs reads the names on r, one per line. A line with a tab is
// two fields, family TAB given (TSV); with asCSV, each CSV record is
// family,given, or one field holding a full name. Other lines are full
// names.
func readNameInputs(r io.Reader, asCSV bool) ([]nameInput, error) {
	var out []nameInput
	add := func(fields []string) {
		switch {
		case len(fields) >= 2:
			out = append(out, nameInput{family: fields[0], given: fields[1], fields: true})
		case strings.TrimSpace(fields[0]) != "":
			out = append(out, nameInput{full: fields[0]})
		}
	}
	if asCSV {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, fmt.Errorf("stdin: %w", err) // csv.ParseError names the line and column
			}
			line, _ := cr.FieldPos(0)
			for i, f := range rec {
				if !utf8.ValidString(f) {
					_, col := cr.FieldPos(i)
					return nil, fmt.Errorf("stdin line %d, column %d: invalid UTF-8", line, col)
				}
			}
			if len(rec) > 2 {
				return nil, fmt.Errorf("stdin line %d: %d fields (want family,given or a full name)", line, len(rec))
			}
			add(rec)
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if !utf8.ValidString(s) {
			return nil, fmt.Errorf("stdin line %d: invalid UTF-8", line)
		}
		fields := strings.Split(s, "\t")
		if len(fields) > 2 {
			return nil, fmt.Errorf("stdin line %d: %d tab-separated fields (want family<TAB>given or a full name)", line, len(fields))
		}
		add(fields)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("stdin line %d: %w", line+1, err)
	}
	return out, nil
}

// writeTable writes rows as columns two spaces apart, aligned by the width
// the text takes on a terminal: kanji, kana and Hangul take two columns,
// combining marks none (text/tabwriter counts runes, which misaligns
// them).
func writeTable(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	bw := bufio.NewWriter(w)
	var line strings.Builder
	for _, r := range rows {
		line.Reset()
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		bw.WriteString(strings.TrimRight(line.String(), " "))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200b':
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
