package match

import (
	"fmt"
	"math"

	"kinlink/records"
)

// keepFactor is how many pairs per person sought are kept during a run, as
// a multiple of the requested top K: the final term-frequency rescoring may
// reorder them, and the K best after it are the ones written.
const keepFactor = 3

// finisher turns the pairs kept for each person sought into output rows
// once the whole archive has been seen: it sets the term frequencies of
// exact name agreements from the archive's own counts, adds the prior
// (which depends on the archive's size), ranks, and applies the threshold.
type finisher struct {
	model              *Model
	ix                 *index
	n                  int64   // archive records used
	famCount, givCount []int64 // archive records carrying each key of the people sought
	top                int
	threshold          float64
}

// frequency is the share of archive records carrying a key seen count
// times; a key seen nowhere counts as seen once.
func (f *finisher) frequency(count int64) float64 {
	return float64(max(count, 1)) / float64(max(f.n, 1))
}

// rescore replaces the weight of exact name agreement by the one the
// archive's term frequency gives: agreeing on Kim is worth little, on
// Higashiura a lot, and likewise for given names.
func (f *finisher) rescore(ps *pairScore) {
	if ps.levels[CompFamily] == nameExact {
		if id, ok := f.ix.family.id[ps.query.family]; ok {
			ps.tfFamily = f.frequency(f.famCount[id])
			w := math.Log2(f.model.levels[CompFamily][nameExact].M / ps.tfFamily)
			ps.weight += w - ps.contrib[CompFamily]
			ps.contrib[CompFamily] = w
		}
	}
	if ps.levels[CompGiven] == nameExact {
		if id, ok := f.ix.given.id[ps.query.given]; ok {
			ps.tfGiven = f.frequency(f.givCount[id])
			w := math.Log2(f.model.levels[CompGiven][nameExact].M / ps.tfGiven)
			ps.weight += w - ps.contrib[CompGiven]
			ps.contrib[CompGiven] = w
		}
	}
}

// finish gives the output rows of one person sought, best first.
func (f *finisher) finish(ks []kept) []records.Match {
	for i := range ks {
		f.rescore(&ks[i].ps)
	}
	sortKept(ks)
	prior := f.model.priorWeight(f.n)
	var out []records.Match
	for _, k := range ks[:min(len(ks), f.top)] {
		w := k.ps.weight + prior
		p := probability(w)
		if p < f.threshold {
			break
		}
		k.c.addDetail() // the record's name order, for the row
		row := k.ps.row(f.model, k.q, k.c)
		row.Rank = int32(len(out) + 1)
		row.MatchWeight = w
		row.MatchProbability = p
		row.Explanation += fmt.Sprintf("; prior %+.1f = %.1f bits", prior, w)
		row.WeightFamily, row.WeightGiven, row.WeightBirthYear, row.WeightSex, row.WeightBirthPlace, row.WeightPrior, row.TFFamily, row.TFGiven =
			k.ps.contrib[CompFamily], k.ps.contrib[CompGiven], k.ps.contrib[CompBirthYear], k.ps.contrib[CompSex], k.ps.contrib[CompBirthPlace], prior, k.ps.tfFamily, k.ps.tfGiven
		out = append(out, row)
	}
	return out
}

// thresholdCut drops, while the archive streams, the pairs that cannot
// reach the threshold however the finisher rescores them. Their final
// weight is not known before the end (the term frequencies and the prior
// depend on the whole archive), but it is bounded, whatever the archive:
//
//   - rescore raises an exact name part to at most log2(M·n) bits (a name
//     seen once among n records), and the prior is log2(1/(n−1)) (or the
//     model's fixed prior P);
//   - so a pair with no exact name part ends at most at its weight (plus
//     P), one with a single exact part at most 1 + log2(M) − its present
//     weight above its weight (the n's cancel: log2(n/(n−1)) ≤ 1), and one
//     with two exact parts (or one, with a fixed prior) is not bounded.
//
// A pair below the cut is dropped before its other fields are scored, and
// never takes a place in a top-K. The cut depends only on the pair and the
// model, not on how far the run has got, so the output is the same for
// any number of workers and any batch size.
type thresholdCut struct {
	weight     float64 // the threshold as a weight, less a margin for rounding; -Inf: no cut
	fixedPrior float64 // the model's prior weight when fixed, else 0
	fixed      bool
	givenGain  float64 // the most rescore adds to an exact given name
	log2FamM   float64 // log2 of m for an exact family name
}

// cutMargin is how much below the threshold, in bits, the cut lies, so
// that rounding can never drop a pair the finisher would keep.
const cutMargin = 1.0

// maxFiniteWeight is a weight above which probability rounds to 1.
const maxFiniteWeight = 50

func newThresholdCut(m *Model, threshold float64) thresholdCut {
	c := thresholdCut{weight: math.Inf(-1)}
	if threshold <= 0 {
		return c
	}
	c.weight = maxFiniteWeight
	if threshold < 1 {
		c.weight = min(c.weight, math.Log2(threshold/(1-threshold)))
	}
	c.weight -= cutMargin
	if m.Prior != 0 {
		c.fixed, c.fixedPrior = true, m.priorWeight(0)
	}
	c.log2FamM = math.Log2(m.levels[CompFamily][nameExact].M)
	c.givenGain = math.Log2(m.levels[CompGiven][nameExact].M) - m.weights[CompGiven][nameExact]
	return c
}

// floor is the weight that the names n of a pair with query reading qr,
// plus the other fields, must exceed for the pair to have a chance of
// reaching the threshold.
func (c *thresholdCut) floor(qr *reading, n nameScore) float64 {
	if math.IsInf(c.weight, -1) {
		return c.weight
	}
	famExact, givExact := n.family == nameExact, n.given == nameExact
	switch {
	case !famExact && !givExact && c.fixed:
		return c.weight - c.fixedPrior
	case !famExact && !givExact:
		return c.weight
	case c.fixed || (famExact && givExact):
		return math.Inf(-1)
	case famExact:
		return c.weight - 1 - (c.log2FamM - qr.exactW)
	}
	return c.weight - 1 - c.givenGain
}
