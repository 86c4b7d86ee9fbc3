package match

import (
	"fmt"
	"math"
	"strings"

	"github.com/xrash/smetrics"

	"kinlink/datasets"
)

// query is a person sought, prepared for comparison.
type query struct {
	rec    datasets.Record
	name   string
	family string
	given  string
}

func newQuery(r datasets.Record) query {
	f, g := splitName(&r)
	return query{rec: r, name: r.Name(), family: f, given: g}
}

// candidate is an archive record prepared for comparison.
type candidate struct {
	rec    *datasets.Record
	family string
	given  string
}

func newCandidate(r *datasets.Record) candidate {
	f, g := splitName(r)
	return candidate{rec: r, family: f, given: g}
}

// splitName gives the lower-cased family and given names of r, splitting a
// full name at its first space when the parts are not separate.
func splitName(r *datasets.Record) (family, given string) {
	family, given = r.FamilyName, r.GivenName
	if family == "" && given == "" {
		family, given, _ = strings.Cut(strings.TrimSpace(r.FullName), " ")
	}
	return strings.ToLower(strings.TrimSpace(family)), strings.ToLower(strings.TrimSpace(given))
}

// score compares q with c in both name orders and returns the better, with
// ok false when its probability is below threshold.
func (q *query) score(c *candidate, threshold float64) (datasets.Match, bool) {
	df, dg := jw(q.family, c.family), jw(q.given, c.given)
	sf, sg := jw(q.family, c.given), jw(q.given, c.family)
	order := "direct"
	p := mean(df, dg, q.given != "" && c.given != "")
	if ps := mean(sf, sg, q.given != "" && c.family != ""); ps > p {
		p, df, dg, order = ps, sf, sg, "swapped"
	}
	if p < threshold {
		return datasets.Match{}, false
	}
	m := datasets.Match{
		QueryID:          q.rec.ID,
		CandidateID:      c.rec.ID,
		MatchProbability: p,
		MatchWeight:      weight(p),
		JWFamily:         df,
		JWGiven:          dg,
		NameOrder:        order,
		QueryName:        q.name,
		CandidateName:    c.rec.Name(),
		Explanation:      fmt.Sprintf("family jw %.3f, given jw %.3f (%s order)", df, dg, order),
	}
	if q.rec.BirthYear != 0 && c.rec.BirthYear != 0 {
		d := int32(c.rec.BirthYear - q.rec.BirthYear)
		m.BirthYearDiff = &d
	}
	return m, true
}

func jw(a, b string) float64 { return smetrics.JaroWinkler(a, b, 0.7, 4) }

func mean(f, g float64, both bool) float64 {
	if !both {
		return f
	}
	return (f + g) / 2
}

// weight is the log2 odds of p, bounded so that p = 1 stays finite.
func weight(p float64) float64 {
	p = math.Min(math.Max(p, 1e-9), 1-1e-9)
	return math.Log2(p / (1 - p))
}
