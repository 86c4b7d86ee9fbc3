package match

import (
	"fmt"
	"strings"

	"kinlink/match/jw"
	"kinlink/records"
)

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
	case d == 2:
		return yearOff2
	case d <= 5:
		return yearOff3to5
	}
	return yearElse
}

const missing = -1

// maxYearSpan is the widest range of birth years (193? spans 9) that is
// compared; a wider one (19xx) tells nothing a comparison can use, and
// counts as unknown.
const maxYearSpan = 10

// knownYear reports whether r has a birth year to compare.
func knownYear(r *records.Record) bool {
	return r.BirthYear != 0 && r.BirthYearSpan <= maxYearSpan
}

// midYear is r's birth year, the middle of a range, or 0 when unknown: the
// year blocking keys on.
func midYear(r *records.Record) int {
	if !knownYear(r) {
		return 0
	}
	return r.BirthYear + r.BirthYearSpan/2
}

// yearGap is c's birth year less q's (both known: see knownYear). A range
// (193?) stands for its years: ranges that overlap differ by the widest
// span, capped at 5, so that agreeing on a decade weighs what agreeing
// within five years does; ranges apart differ by the years between them.
// ranged reports whether either side was a range.
func yearGap(q, c *records.Record) (gap int, ranged bool) {
	if q.BirthYearSpan == 0 && c.BirthYearSpan == 0 {
		return c.BirthYear - q.BirthYear, false
	}
	qEnd, cEnd := q.BirthYear+q.BirthYearSpan, c.BirthYear+c.BirthYearSpan
	switch {
	case c.BirthYear > qEnd:
		return c.BirthYear - qEnd, true
	case q.BirthYear > cEnd:
		return cEnd - q.BirthYear, true
	}
	return min(max(q.BirthYearSpan, c.BirthYearSpan), 5), true
}

// names scores the name parts of a pair in one order: the levels and
// weights of the family and given names of query reading qr against
// candidate reading cr, from the similarities of their keys in that order
// (famSim compares the family names, givSim the given names; 0 when below
// nameCutoff). Keys agree exactly when their similarity is 1: Jaro-Winkler
// is 1 only for equal strings. viaAlias says famSim compares a family name
// with an other name (maiden, married) of one of the two.
func (m *Model) names(qr, cr *reading, famSim, givSim float64, swapped, viaAlias bool) pairScore {
	n := m.nameParts(qr, cr, famSim, givSim, swapped, viaAlias)
	return n.pairScore(qr, cr, swapped, viaAlias)
}

// nameScore is the scored name parts of a pair in one order: each part's
// level (missing when either side lacks it) and weight.
type nameScore struct {
	family, given   int8
	wFamily, wGiven float64
}

func (n nameScore) weight() float64 { return n.wFamily + n.wGiven }

func (n nameScore) pairScore(qr, cr *reading, swapped, viaAlias bool) pairScore {
	ps := pairScore{swapped: swapped, viaAlias: viaAlias, query: qr, cand: cr}
	ps.levels = [numComparisons]int8{n.family, n.given, missing, missing, missing}
	ps.contrib[CompFamily], ps.contrib[CompGiven] = n.wFamily, n.wGiven
	ps.weight = n.weight()
	return ps
}

// nameParts scores the name parts of a pair in one order (see names)
// without building the pairScore, so that a pair the floor rules out
// costs little.
//
// A part holding characters no table reads, on either side, agrees
// exactly with the same characters (similarity 1), weighed like any exact
// agreement, and otherwise tells nothing, since nothing says how they
// read: it is missing, not disagreeing. The parts read are scored as any
// (codepoints.go). One exception: an order all of whose parts compared
// are such parts that do not agree compares nothing, and would let the
// pair escape, as missing on both, the disagreement of the order its
// names agree in (𡈽田 Hiroshi read the other way round against 𡈽田 茂):
// there they disagree. A pair holding code points is scored as any, and
// its parts that are missing so are made missing at the end (a part that
// does not agree never made the other a namesakes' part, so nothing else
// changes): the marks are the one test every pair pays, and nameParts
// stays a leaf with no stack frame, with no call and no copy. Read first
// and tested at the end, they cost 1.1 instructions per call more than
// the test of readable they replace; read at the end, 3.7, most of it
// alignment padding (callgrind, BenchmarkCompare).
func (m *Model) nameParts(qr, cr *reading, famSim, givSim float64, swapped, viaAlias bool) nameScore {
	marked := qr.identity|cr.identity != 0 // read first: see above
	n := nameScore{family: missing, given: missing}
	cf, cg := cr.family, cr.given
	if swapped {
		cf, cg = cg, cf
	}
	if qr.family != "" && (cf != "" || viaAlias) {
		l := nameLevel(famSim == 1, famSim)
		w := m.weights[CompFamily][l]
		if l == nameExact {
			// Term frequency: agreeing on Kim is weak evidence, on
			// Higashiura strong (see weights.go).
			w = qr.exact.family
			if viaAlias {
				w = qr.exact.alias
			}
		}
		n.family, n.wFamily = l, w
	}
	if qr.given != "" && cg != "" {
		l := nameLevel(givSim == 1 && !qr.loose && !cr.loose, givSim)
		w := m.weights[CompGiven][l]
		if l == nameExact {
			// Given names go with their family names (and their
			// origin): when both agree, the pair's joint frequency
			// weighs them.
			w = qr.exact.given
			if n.family == nameExact && !viaAlias {
				w = qr.exact.both
			}
		}
		n.given, n.wGiven = l, w
	}
	// Namesakes on one name part are not strangers on the other (see
	// Level.UNamesakes).
	switch {
	case n.family == nameExact && n.given > nameExact:
		n.wGiven = m.namesakeWeights[CompGiven][n.given]
	case n.given == nameExact && n.family > nameExact:
		n.wFamily = m.namesakeWeights[CompFamily][n.family]
	}
	if marked {
		// The record's marks in this order's roles.
		id := cr.identity
		if swapped {
			id = id>>1 | id<<1&identityGiven
		}
		// The parts compared that hold code points and do not agree.
		// Through an other name, the family name sought meets the
		// record's other name, or the other name sought the record's
		// family name: only the query's own family key is known to be
		// compared.
		family := n.family != missing && famSim != 1 && (qr.identity&identityFamily != 0 || !viaAlias && id&identityFamily != 0)
		given := n.given != missing && givSim != 1 && (qr.identity|id)&identityGiven != 0
		// They are missing, unless they are all the order compares.
		if family && n.given != missing && !given {
			n.family, n.wFamily = missing, 0
		}
		if given && n.family != missing && !family {
			n.given, n.wGiven = missing, 0
		}
	}
	return n
}

// restBound is the most that birth year, sex and birth place can add to
// the weight of a pair of q and c: a field missing on either side adds
// nothing.
func (m *Model) restBound(q, c *person) float64 { return m.restMax[q.fields&c.fields] }

// score completes ps, a pair whose names are scored (see names), with the
// other fields of q and c. When the weight cannot exceed floor, it stops
// early and reports false.
func (m *Model) score(q, c *person, ps pairScore, floor float64) (pairScore, bool) {
	if ps.weight+m.restBound(q, c) <= floor {
		return pairScore{}, false
	}
	add := func(comp int, level int8, w float64) {
		ps.levels[comp] = level
		ps.contrib[comp] = w
		ps.weight += w
	}
	if knownYear(q.rec) && knownYear(c.rec) {
		gap, _ := yearGap(q.rec, c.rec)
		l := yearLevel(gap)
		add(CompBirthYear, l, m.weights[CompBirthYear][l])
	}
	if q.rec.Sex != "" && c.rec.Sex != "" {
		l := int8(sexAgree)
		if q.rec.Sex != c.rec.Sex {
			l = sexDisagree
		}
		add(CompSex, l, m.weight(CompSex, l, ps.levels))
	}
	if q.place[0] != "" && c.place[0] != "" {
		if ps.weight+m.placeMax <= floor {
			return pairScore{}, false
		}
		l := c.placeLevel(q)
		add(CompBirthPlace, l, m.weight(CompBirthPlace, l, ps.levels))
	}
	return ps, true
}

// weight is the weight of level l of comparison c for a pair whose names
// reached levels ls: the namesakes' weight when its name part agrees
// exactly (see Level.UNamesakes).
func (m *Model) weight(c int, l int8, ls [numComparisons]int8) float64 {
	if n := namesakeOf[c]; n >= 0 && ls[n] == nameExact {
		return m.namesakeWeights[c][l]
	}
	return m.weights[c][l]
}

// placeLevel compares the birth places of q and c (both known), folded by
// foldPlace.
func placeLevel(q, c [2]string) int8 {
	switch {
	case q[0] == c[0] || q[1] == c[1]:
		return placeExact
	case jw.Similarity(c[0], q[0]) >= 0.88 || jw.Similarity(c[1], q[1]) >= 0.88:
		return placeJW88
	}
	return placeElse
}

// row builds the output row of a scored pair.
func (ps *pairScore) row(m *Model, q, c *person) records.Match {
	qf, cf := ps.keys(CompFamily)
	qg, cg := ps.keys(CompGiven)
	// The order is told as the two records wrote their names: swapped when
	// one wrote the family name first and the other did not.
	order := "direct"
	if ps.swapped != (ps.query.reversed != ps.cand.reversed) {
		order = "swapped"
	}
	out := records.Match{
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
		out.JWFamily = rowSim(cf, qf)
	}
	if qg != "" && cg != "" {
		out.JWGiven = rowSim(cg, qg)
	}
	if knownYear(q.rec) && knownYear(c.rec) {
		if gap, ranged := yearGap(q.rec, c.rec); !ranged {
			d := int32(gap)
			out.BirthYearDiff = &d
		}
	}
	return out
}

// keys returns the keys of the query and of the candidate that name part
// c (CompFamily or CompGiven) compared, in the order used.
func (ps *pairScore) keys(c int) (query, cand string) {
	cf, cg := ps.cand.family, ps.cand.given
	if ps.swapped {
		cf, cg = cg, cf
	}
	if c == CompFamily {
		return ps.query.family, cf
	}
	return ps.query.given, cg
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
		if l == nameExact && ps.query.exact != nil {
			ps.explainShare(&b, c)
		}
		if c == CompFamily && ps.viaAlias {
			b.WriteString(" via other name")
		}
		if n := namesakeOf[c]; n >= 0 && ps.levels[n] == nameExact && m.levels[c][l].UNamesakes > 0 && !(l == nameExact && (c == CompFamily || c == CompGiven)) {
			fmt.Fprintf(&b, " (as for namesakes: same %s name)", comparisonNames[n])
		}
		if l == nameJW88 && (c == CompGiven || !ps.viaAlias) {
			if q, k := ps.keys(c); jw.Similarity(k, q) < transposedSim {
				fmt.Fprintf(&b, " (%s ~ %s, letters transposed)", k, q)
			}
		}
		fmt.Fprintf(&b, " %+.1f", ps.contrib[c])
	}
	return b.String()
}
