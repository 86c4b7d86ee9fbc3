package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"kinlink/match"
)

// printModel writes the parameters a run scored with: the records expected
// per person sought, and each comparison's levels with m, u and weight,
// saying which were estimated from the files and which kept the starting
// model's values.
func printModel(w io.Writer, m *match.Model, fixed bool) {
	if m == nil {
		return
	}
	how := "estimated from the two files (see the model in the output's metadata, kinlink.model)"
	if fixed {
		how = "as given by --model"
	}
	fmt.Fprintf(w, "model %s:\n", how)
	if m.Prior > 0 {
		fmt.Fprintf(w, "  prior per pair %.3g (fixed)\n", m.Prior)
	} else {
		fmt.Fprintf(w, "  archive records per person sought %.2f (%s)\n", m.RecordsPerPerson, shortSource(m.RecordsPerPersonSource))
	}
	for _, name := range []string{"family", "given", "birth_year", "sex", "birth_place"} {
		var parts, kept []string
		for _, l := range m.Comparisons[name] {
			u := fmt.Sprintf("u %.3g", l.U)
			wt := fmt.Sprintf("%+.1f", math.Log2(l.M/l.U))
			if l.Name == "exact" && (name == "family" || name == "given") {
				u, wt = "u by frequency", "tf"
			}
			parts = append(parts, fmt.Sprintf("%s m %.3g %s %s", l.Name, l.M, u, wt))
			if !strings.HasPrefix(l.MSource, "EM") && !strings.HasPrefix(l.MSource, "labels") {
				kept = append(kept, l.Name)
			}
		}
		note := ""
		switch {
		case fixed || len(kept) == 0:
		case len(kept) == len(m.Comparisons[name]):
			note = "  [m built in: the data could not tell]"
		default:
			note = fmt.Sprintf("  [m of %s built in: the data could not tell them from namesakes]", strings.Join(kept, ", "))
		}
		fmt.Fprintf(w, "  %-11s %s%s\n", name, strings.Join(parts, "; "), note)
	}
	if e := m.Estimation; e != nil {
		for _, r := range e.Rounds {
			conv := "converged"
			if !r.Converged {
				conv = "NOT converged"
			}
			fmt.Fprintf(w, "  EM round %s: %d pairs, %.0f matches expected, %s in %d iterations\n", r.Name, r.Pairs, r.ExpectedMatches, conv, r.Iterations)
		}
		for _, warn := range e.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	}
}

// shortSource is the part of a parameter's source before any detail in
// parentheses or after a comma.
func shortSource(s string) string {
	if i := strings.IndexAny(s, "(,"); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}
