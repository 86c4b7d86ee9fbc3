package match

import (
	"math"

	"kinlink/datasets"
)

// maxSamplePairs bounds the pairs used to estimate u.
const maxSamplePairs = 200_000

// EstimateU returns a copy of m whose u values are the level frequencies
// among pairs of the people sought and the sample records: almost all such
// pairs are non-matches, which is what u describes. Pairs are taken in a
// fixed order (a stride through the product), so the estimate depends only
// on the inputs. Counts are smoothed (add one), so no u is zero. The exact
// family-name level keeps its term-frequency treatment in scoring.
func EstimateU(m *Model, queries []person, sample []datasets.Record) *Model {
	total := len(queries) * len(sample)
	if total == 0 {
		return m
	}
	cands := make([]person, len(sample))
	for i := range sample {
		cands[i] = prepare(&sample[i], nil)
	}
	stride := max(1, total/maxSamplePairs)
	var counts [numComparisons][]float64
	for c := range counts {
		counts[c] = make([]float64, len(m.levels[c]))
	}
	var n [numComparisons]float64
	for k := 0; k < total; k += stride {
		q, c := &queries[k%len(queries)], &cands[k/len(queries)]
		if len(q.readings) == 0 || len(c.readings) == 0 {
			continue
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
				counts[comp][l]++
				n[comp]++
			}
		}
	}
	var u [numComparisons][]float64
	for c := range counts {
		u[c] = make([]float64, len(counts[c]))
		if n[c] < 1000 {
			continue // too few pairs to say anything: keep the model's u
		}
		for l, k := range counts[c] {
			u[c][l] = (k + 1) / (n[c] + float64(len(counts[c])))
		}
	}
	return m.withU(u)
}
