package match

import (
	"fmt"
	"math"

	"kinlink/datasets"
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
func (f *finisher) finish(ks []kept) []datasets.Match {
	for i := range ks {
		f.rescore(&ks[i].ps)
	}
	sortKept(ks)
	prior := f.model.priorWeight(f.n)
	var out []datasets.Match
	for _, k := range ks[:min(len(ks), f.top)] {
		w := k.ps.weight + prior
		p := probability(w)
		if p < f.threshold {
			break
		}
		row := k.ps.row(f.model, k.q, k.c)
		row.Rank = int32(len(out) + 1)
		row.MatchWeight = w
		row.MatchProbability = p
		row.Explanation += fmt.Sprintf("; prior %+.1f = %.1f bits", prior, w)
		out = append(out, row)
	}
	return out
}
