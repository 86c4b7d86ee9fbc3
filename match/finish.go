package match

import (
	"fmt"
	"math"

	"kinlink/internal/fpmath"
	"kinlink/records"
)

// finisher turns the pairs kept for each person sought into output rows
// once the whole archive has been seen: it adds the prior (which depends
// on the archive's size), ranks, and applies the threshold. The weights
// are final when pairs are kept (the model and the term frequencies are
// known before the match pass), so the K best kept are the K best of the
// archive, whatever K.
type finisher struct {
	model     *Model
	n         int64 // archive records used
	top       int
	threshold float64
}

// finish gives the output rows of one person sought, best first.
func (f *finisher) finish(ks []kept) []records.Match {
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
			k.ps.contrib[CompFamily], k.ps.contrib[CompGiven], k.ps.contrib[CompBirthYear], k.ps.contrib[CompSex], k.ps.contrib[CompBirthPlace], prior, k.ps.tfShare(CompFamily), k.ps.tfShare(CompGiven)
		out = append(out, row)
	}
	return out
}

// cutMargin is how much below the threshold, in bits, pairs are dropped
// while the archive streams, so that rounding can never drop a pair the
// finisher would keep (which applies the threshold exactly).
const cutMargin = 1e-6

// maxFiniteWeight is a weight above which probability rounds to 1.
const maxFiniteWeight = 50

// thresholdCut is the weight, prior excluded, that a pair must exceed to
// reach probability threshold with the given prior weight; −Inf when
// every pair passes. Pairs below it are dropped before their other fields
// are scored, and never take a place in a top-K. It depends only on the
// pair, so the output is the same for any number of workers.
func thresholdCut(threshold, prior float64) float64 {
	if threshold <= 0 {
		return math.Inf(-1)
	}
	w := float64(maxFiniteWeight)
	if threshold < 1 {
		w = min(w, fpmath.Log2(threshold/(1-threshold)))
	}
	return w - prior - cutMargin
}
