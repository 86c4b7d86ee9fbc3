package match

import (
	"math"
	"runtime"
	"sync"

	"kinlink/records"
)

// maxSamplePairs bounds the pairs used to estimate u.
const maxSamplePairs = 200_000

// EstimateU returns a copy of m whose u values are the level frequencies
// among pairs of the people sought and the sample records: almost all such
// pairs are non-matches, which is what u describes. Pairs are taken in a
// fixed order (a stride through the product), so the estimate depends only
// on the inputs. Counts are smoothed (add one), so no u is zero. The exact
// family-name level keeps its term-frequency treatment in scoring.
func EstimateU(m *Model, queries []person, sample []records.Record) *Model {
	total := len(queries) * len(sample)
	if total == 0 {
		return m
	}
	// The run waits for the estimate: it is shared among the cores. The
	// counts are whole numbers, so their sum does not depend on the
	// order the parts are added in.
	parts := runtime.GOMAXPROCS(0)
	cands := make([]person, len(sample))
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p; i < len(sample); i += parts {
				cands[i] = prepare(&sample[i], nil, false)
			}
		})
	}
	wg.Wait()
	stride := max(1, total/maxSamplePairs)
	counts := make([]levelCounts, parts)
	for p := range parts {
		counts[p] = newLevelCounts(m)
		wg.Go(func() {
			for k := p * stride; k < total; k += parts * stride {
				counts[p].add(m, &queries[k%len(queries)], &cands[k/len(queries)])
			}
		})
	}
	wg.Wait()
	for p := 1; p < parts; p++ {
		counts[0].merge(&counts[p])
	}
	return m.withU(counts[0].u())
}

// levelCounts counts the levels of each comparison among scored pairs.
type levelCounts struct {
	counts [numComparisons][]float64
	n      [numComparisons]float64
}

func newLevelCounts(m *Model) levelCounts {
	var lc levelCounts
	for c := range lc.counts {
		lc.counts[c] = make([]float64, len(m.levels[c]))
	}
	return lc
}

// add scores the first readings of q and c and counts the levels.
func (lc *levelCounts) add(m *Model, q, c *person) {
	if len(q.readings) == 0 || len(c.readings) == 0 {
		return
	}
	qr, cr := q.readings[0], c.readings[0]
	qr.exactW = math.Log2(m.levels[CompFamily][nameExact].M / qr.tf)
	fs, gs := 0.0, 0.0
	if qr.family != "" && cr.family != "" {
		fs = keySim(cr.family, qr.family)
	}
	if qr.given != "" && cr.given != "" {
		gs = keySim(cr.given, qr.given)
	}
	ps, _ := m.score(q, c, m.names(&qr, &cr, fs, gs, false, false), math.Inf(-1))
	for comp, l := range ps.levels {
		if l != missing {
			lc.counts[comp][l]++
			lc.n[comp]++
		}
	}
}

func (lc *levelCounts) merge(o *levelCounts) {
	for c := range lc.counts {
		for l := range lc.counts[c] {
			lc.counts[c][l] += o.counts[c][l]
		}
		lc.n[c] += o.n[c]
	}
}

// u turns the counts into u values, smoothed (add one); a comparison
// seen in fewer than 1000 pairs keeps the model's (nil).
func (lc *levelCounts) u() [numComparisons][]float64 {
	var u [numComparisons][]float64
	for c := range lc.counts {
		u[c] = make([]float64, len(lc.counts[c]))
		if lc.n[c] < 1000 {
			continue // too few pairs to say anything: keep the model's u
		}
		for l, k := range lc.counts[c] {
			u[c][l] = (k + 1) / (lc.n[c] + float64(len(lc.counts[c])))
		}
	}
	return u
}
