package match

import (
	"fmt"
	"strings"

	"kinlink/datasets"
	"kinlink/match/jw"
)

// unknownSurnameShare is the frequency assumed for a surname the tables do
// not list: rarer than the rarest listed one.
const unknownSurnameShare = 0.001

// pairScore is the comparison of one reading of a person sought with one
// reading of an archive record, in one name order.
type pairScore struct {
	weight   float64 // evidence: the sum of the levels' weights, without the prior
	levels   [numComparisons]int8
	contrib  [numComparisons]float64
	swapped  bool
	viaAlias bool
	query    *reading
	cand     *reading
	// Share of archive records with the query's family (given) name, set
	// when the level is exact and the archive has been counted.
	tfFamily, tfGiven float64
}

// nameLevel places a Jaro-Winkler similarity (0 when below nameCutoff) of
// two keys on the name-part levels.
func nameLevel(equal bool, sim float64) int8 {
	switch {
	case equal:
		return nameExact
	case sim >= 0.95:
		return nameJW95
	case sim >= 0.88:
		return nameJW88
	case sim >= nameCutoff:
		return nameJW80
	}
	return nameElse
}

func yearLevel(d int) int8 {
	d = max(d, -d)
	switch {
	case d == 0:
		return yearExact
	case d == 1:
		return yearOff1
	case d <= 5:
		return yearOff2to5
	}
	return yearElse
}

const missing = -1

// score computes the weight of a person sought q against an archive record
// c for one pair of readings, given the similarities of the name keys in
// the order chosen (famSim compares the family names, givSim the given
// names) and whether the family name agreed through an alias.
//
// When the name levels leave no chance of a weight above floor (the other
// fields together add at most m.restMax), it stops early and reports false.
func (m *Model) score(q, c *person, qr, cr *reading, famSim, givSim float64, famEqual, givEqual, swapped, viaAlias bool, floor float64) (pairScore, bool) {
	// Names first, in locals: most pairs stop here.
	names := qr.readable && cr.readable
	cf, cg := cr.family, cr.given
	if swapped {
		cf, cg = cg, cf
	}
	famLevel, givLevel := int8(missing), int8(missing)
	var famW, givW float64
	if names && qr.family != "" && (cf != "" || viaAlias) {
		famLevel = nameLevel(famEqual, famSim)
		famW = m.weights[CompFamily][famLevel]
		if famLevel == nameExact {
			// Term frequency: agreeing on Kim is weak evidence, on
			// Higashiura strong. The reference tables' shares stand in
			// until the archive's own counts are known (see finisher).
			famW = qr.exactW
		}
	}
	if names && qr.given != "" && cg != "" {
		givLevel = nameLevel(givEqual, givSim)
		givW = m.weights[CompGiven][givLevel]
	}
	if famW+givW+m.restMax <= floor {
		return pairScore{}, false
	}
	ps := pairScore{swapped: swapped, viaAlias: viaAlias, query: qr, cand: cr, weight: famW + givW}
	ps.levels = [numComparisons]int8{famLevel, givLevel, missing, missing, missing}
	ps.contrib[CompFamily], ps.contrib[CompGiven] = famW, givW
	add := func(comp int, level int8, w float64) {
		ps.levels[comp] = level
		ps.contrib[comp] = w
		ps.weight += w
	}
	if q.rec.BirthYear != 0 && c.rec.BirthYear != 0 {
		l := yearLevel(c.rec.BirthYear - q.rec.BirthYear)
		add(CompBirthYear, l, m.weights[CompBirthYear][l])
	}
	if q.rec.Sex != "" && c.rec.Sex != "" {
		l := int8(sexAgree)
		if q.rec.Sex != c.rec.Sex {
			l = sexDisagree
		}
		add(CompSex, l, m.weights[CompSex][l])
	}
	if q.place[0] != "" && c.place[0] != "" {
		if ps.weight+m.placeMax <= floor {
			return pairScore{}, false
		}
		l := int8(placeElse)
		switch {
		case q.place[0] == c.place[0] || q.place[1] == c.place[1]:
			l = placeExact
		case jw.Similarity(c.place[0], q.place[0]) >= 0.88 || jw.Similarity(c.place[1], q.place[1]) >= 0.88:
			l = placeJW88
		}
		add(CompBirthPlace, l, m.weights[CompBirthPlace][l])
	}
	return ps, true
}

// row builds the output row of a scored pair.
func (ps *pairScore) row(m *Model, q, c *person) datasets.Match {
	qf, qg := ps.query.family, ps.query.given
	cf, cg := ps.cand.family, ps.cand.given
	if ps.swapped {
		cf, cg = cg, cf
	}
	// The order is told as the two records wrote their names: swapped when
	// one wrote the family name first and the other did not.
	order := "direct"
	if ps.swapped != (ps.query.reversed != ps.cand.reversed) {
		order = "swapped"
	}
	out := datasets.Match{
		QueryID:         q.rec.ID,
		CandidateID:     c.rec.ID,
		MatchWeight:     ps.weight, // the prior is added by finish
		NameOrder:       order,
		QueryName:       q.rec.Name(),
		CandidateName:   c.rec.Name(),
		Explanation:     ps.explain(m),
		LevelFamily:     m.levelName(CompFamily, ps.levels[CompFamily]),
		LevelGiven:      m.levelName(CompGiven, ps.levels[CompGiven]),
		LevelBirthYear:  m.levelName(CompBirthYear, ps.levels[CompBirthYear]),
		LevelSex:        m.levelName(CompSex, ps.levels[CompSex]),
		LevelBirthPlace: m.levelName(CompBirthPlace, ps.levels[CompBirthPlace]),
	}
	if qf != "" && cf != "" {
		out.JWFamily = jw.Similarity(cf, qf)
	}
	if qg != "" && cg != "" {
		out.JWGiven = jw.Similarity(cg, qg)
	}
	if q.rec.BirthYear != 0 && c.rec.BirthYear != 0 {
		d := int32(c.rec.BirthYear - q.rec.BirthYear)
		out.BirthYearDiff = &d
	}
	return out
}

// explain lists each field's contribution to the weight, e.g.
// "family exact kim (21% of people) +2.1; given jw>=0.95 +6.2; birth_year
// missing 0; ..."; finish appends the prior and the total.
func (ps *pairScore) explain(m *Model) string {
	var b strings.Builder
	for c, name := range comparisonNames {
		if c > 0 {
			b.WriteString("; ")
		}
		b.WriteString(name)
		l := ps.levels[c]
		if l == missing {
			b.WriteString(" missing 0")
			continue
		}
		b.WriteString(" ")
		b.WriteString(m.levels[c][l].Name)
		if l == nameExact && c == CompFamily && ps.tfFamily > 0 {
			fmt.Fprintf(&b, " %s (%.2g%% of records)", ps.query.family, 100*ps.tfFamily)
		}
		if l == nameExact && c == CompGiven && ps.tfGiven > 0 {
			fmt.Fprintf(&b, " %s (%.2g%% of records)", ps.query.given, 100*ps.tfGiven)
		}
		if c == CompFamily && ps.viaAlias {
			b.WriteString(" via other name")
		}
		fmt.Fprintf(&b, " %+.1f", ps.contrib[c])
	}
	return b.String()
}
