package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteMarkdown writes a static summary of d for people who will not
// open the page, or to attach to a case file: the run, the candidates by
// probability, the model, the figures against labels, and per person
// sought the ranked candidates with their levels and any decisions.
func WriteMarkdown(w io.Writer, d *Data) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	decided := map[pair]Decision{}
	for _, x := range d.Decisions {
		decided[pair{x.QueryID, x.CandidateID}] = x
	}

	p("# kinlink review: %s\n\n", md(d.Title))
	p("%s, %d candidates. Report %s, written %s by kinlink %s; matches written by kinlink %s.\n\n",
		PeopleSought(d.Counts.People), d.Counts.Candidates, d.ReportID, d.Generated, md(d.Version), md(orDash(d.Run.Version)))
	for _, n := range d.Notes {
		p("- %s\n", md(n))
	}
	if len(d.Notes) > 0 {
		p("\n")
	}

	p("## Run\n\n| | |\n|---|---|\n")
	for _, kv := range d.Run.Rows {
		p("| %s | %s |\n", md(kv[0]), md(kv[1]))
	}
	for _, kv := range d.Run.Config {
		p("| %s | %s |\n", md(kv[0]), md(kv[1]))
	}
	for _, kv := range d.Run.RulePairs {
		p("| pairs by rule %s | %s |\n", md(kv[0]), md(kv[1]))
	}
	p("\n## Candidates by probability\n\n| probability | candidates | best candidates |\n|---|--:|--:|\n")
	for _, band := range []struct {
		lo, hi float64
		name   string
	}{{0.9, 2, "90% and more"}, {0.5, 0.9, "50–90%"}, {0.1, 0.5, "10–50%"}, {0, 0.1, "below 10%"}} {
		all, best := 0, 0
		for _, q := range d.People {
			for _, c := range q.Cands {
				if float64(c.P) >= band.lo && float64(c.P) < band.hi {
					all++
					if c.Rank == 1 {
						best++
					}
				}
			}
		}
		p("| %s | %d | %d |\n", band.name, all, best)
	}

	p("\n## Model\n\n| comparison | level | m | u | weight (bits) | candidates |\n|---|---|--:|--:|--:|--:|\n")
	for f, ls := range d.Levels {
		for _, l := range ls {
			m, u := "", ""
			if l.M > 0 {
				m, u = strconv.FormatFloat(l.M, 'g', 3, 64), strconv.FormatFloat(l.U, 'g', 3, 64)
			}
			p("| %s | %s | %s | %s | %+.1f | %d |\n", Fields[f], md(l.Name), m, u, float64(l.W), l.Count)
		}
	}
	if !d.Run.Model {
		p("\nThe matches file does not record m and u; weights are those its rows carry, averaged per level.\n")
	}

	if L := d.Labels; L != nil {
		p("\n## Against %s\n\n%d true pairs of the people in this report; %d not among the candidates.\n\n", md(L.File), L.TruePairs, len(L.Missed))
		p("| threshold | found | false alarms | missed | precision | recall |\n|--:|--:|--:|--:|--:|--:|\n")
		for _, r := range L.Thresholds {
			t := float64(r.T)
			if math.Mod(math.Round(t*100), 10) != 0 && t != 0.95 && t != 0.99 {
				continue
			}
			p("| %.2f | %d | %d | %d | %s | %s |\n", t, r.TP, r.FP, r.FN, fixed(r.Precision), fixed(r.Recall))
		}
	}

	p("\n## People sought\n")
	for _, q := range d.People {
		p("\n### %s · %s", md(q.ID), md(q.Name))
		if q.Origin != "" {
			p(" (%s)", q.Origin)
		}
		p("\n\n")
		if q.Rec != nil {
			var parts []string
			if q.Rec.Year != 0 {
				parts = append(parts, fmt.Sprintf("born %d", q.Rec.Year))
			}
			if q.Rec.Sex != "" {
				parts = append(parts, "sex "+q.Rec.Sex)
			}
			if q.Rec.Place != "" {
				parts = append(parts, "birth place "+q.Rec.Place)
			}
			if q.Rec.Alt != "" {
				parts = append(parts, "other names "+q.Rec.Alt)
			}
			if len(parts) > 0 {
				p("%s.\n\n", md(strings.Join(parts, ", ")))
			}
		}
		if q.Missed > 0 {
			p("%d true record(s) per the labels are not among the candidates.\n\n", q.Missed)
		}
		p("| # | candidate | name | probability | bits | family | given | birth year | sex | birth place | decision |\n|--:|---|---|--:|--:|---|---|---|---|---|---|\n")
		for _, c := range q.Cands {
			lv := func(f int) string {
				if c.Lv[f] < 0 {
					return "–"
				}
				return md(d.Levels[f][c.Lv[f]].Name)
			}
			family := lv(fieldFamily)
			if c.Via {
				family += " via other name"
			}
			year := lv(fieldBirthYear)
			if c.DY != nil {
				year += fmt.Sprintf(" (%+d)", *c.DY)
			}
			dec := ""
			if x, ok := decided[pair{q.ID, c.ID}]; ok {
				dec = x.Decision
				if x.Note != "" {
					dec += ": " + x.Note
				}
			}
			p("| %d | %s | %s | %.1f%% | %+.1f | %s | %s | %s | %s | %s | %s |\n", c.Rank, md(c.ID), md(c.Name),
				100*float64(c.P), float64(c.W), family, lv(fieldGiven), year, lv(fieldSex), lv(fieldBirthPlace), md(dec))
		}
	}
	return b.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func fixed(n num) string {
	if math.IsNaN(float64(n)) {
		return "–"
	}
	return strconv.FormatFloat(float64(n), 'f', 3, 64)
}

// md escapes text for a Markdown table cell or heading: the characters
// that Markdown or the HTML inside it would read as markup are escaped,
// and a line break becomes a space. (A > needs no escape inside a cell.)
func md(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
