package match

import (
	"fmt"
	"math"
	"testing"

	"kinlink/datasets"
)

// TestThresholdCutIsSafe scores generated pairs in both name orders and
// checks that no pair the cut drops could reach the threshold, whatever
// the archive's size and however rare its names prove to be. The bound is
// checked without the cut's margin for rounding, so that the margin does
// not hide an error in it.
func TestThresholdCutIsSafe(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 3, Missing: 60, Archive: 600})
	if err != nil {
		t.Fatal(err)
	}
	for _, prior := range []float64{0, 1e-5, 0.75} {
		m := DefaultModel()
		m.Prior = prior
		if err := m.compile(); err != nil {
			t.Fatal(err)
		}
		l := NewLinker(Config{Model: m}, people)
		var pairs []scoredPair
		for i := range recs {
			c := prepare(&recs[i], nil, false)
			for qi := range l.ix.queries {
				pairs = appendOrders(pairs, m, &l.ix.queries[qi], &c)
			}
		}
		finals := bestFinalWeights(m, l.ix, pairs)
		for _, threshold := range []float64{0.5, 0.8, 0.99} {
			t.Run(fmt.Sprintf("prior=%g/threshold=%g", prior, threshold), func(t *testing.T) {
				cut := newThresholdCut(m, threshold)
				want := math.Log2(threshold / (1 - threshold))
				var dropped int
				for i, sp := range pairs {
					if sp.ps.weight > cut.floor(sp.ps.query, sp.n)+cutMargin {
						continue
					}
					dropped++
					if finals[i] > want+1e-9 {
						t.Fatalf("%s %s vs %s %s: dropped at %.3f bits, may end at %.3f (threshold %.3f)",
							sp.ps.query.family, sp.ps.query.given, sp.ps.cand.family, sp.ps.cand.given,
							sp.ps.weight, finals[i], want)
					}
				}
				if dropped == 0 || dropped == len(pairs) {
					t.Fatalf("%d of %d pairs dropped: the test does not test the cut", dropped, len(pairs))
				}
			})
		}
	}
}

type scoredPair struct {
	ps pairScore
	n  nameScore
}

// appendOrders scores every reading pair of q and c in both name orders.
func appendOrders(out []scoredPair, m *Model, q, c *person) []scoredPair {
	for qi := range q.readings {
		for ci := range c.readings {
			qr, cr := &q.readings[qi], &c.readings[ci]
			for _, swapped := range []bool{false, true} {
				cf, cg := cr.family, cr.given
				if swapped {
					cf, cg = cg, cf
				}
				n := m.nameParts(qr, cr, cutSim(qr.family, cf), cutSim(qr.given, cg), swapped, false)
				if ps, ok := m.score(q, c, n.pairScore(qr, cr, swapped, false), math.Inf(-1)); ok {
					out = append(out, scoredPair{ps, n})
				}
			}
		}
	}
	return out
}

// cutSim is the similarity candidate search gives two keys: 0 below
// nameCutoff.
func cutSim(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	if s := keySim(a, b); s >= nameCutoff {
		return s
	}
	return 0
}

// bestFinalWeights is, for each pair, the highest weight the finisher can
// give it: with its names seen once in the archive, over archive sizes
// from 1 to 10⁹.
func bestFinalWeights(m *Model, ix *index, pairs []scoredPair) []float64 {
	out := make([]float64, len(pairs))
	for i := range out {
		out[i] = math.Inf(-1)
	}
	for _, n := range []int64{1, 2, 3, 10, 1000, 1e6, 1e9} {
		f := finisher{model: m, ix: ix, n: n,
			famCount: ones(len(ix.family.keys)), givCount: ones(len(ix.given.keys))}
		for i, sp := range pairs {
			ps := sp.ps
			f.rescore(&ps)
			out[i] = max(out[i], ps.weight+m.priorWeight(n))
		}
	}
	return out
}

func ones(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

// TestPlaceLevelsRemembered checks that the place levels a worker
// remembers are those a direct comparison gives, the first time and from
// the cache.
func TestPlaceLevelsRemembered(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 5, Missing: 100, Archive: 400})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{}, people)
	kc := newKeyCache()
	var cached, compared int
	for round := range 2 {
		for i := range recs {
			c := prepare(&recs[i], kc, false)
			if c.place[0] == "" {
				continue
			}
			if c.places == nil {
				t.Fatalf("%s: a known place without levels", c.rec.Name())
			}
			for qi := range l.ix.queries {
				q := &l.ix.queries[qi]
				if q.place[0] == "" {
					continue
				}
				if q.placeID < 0 {
					t.Fatalf("%s: a known place without an id", q.rec.Name())
				}
				if int(q.placeID) < len(c.places.level) && c.places.level[q.placeID] > 0 {
					cached++
				}
				compared++
				if got, want := c.placeLevel(q), placeLevel(q.place, c.place); got != want {
					t.Fatalf("round %d: %q vs %q: level %d, want %d", round, c.rec.BirthPlace, q.rec.BirthPlace, got, want)
				}
			}
		}
	}
	if cached == 0 || cached == compared {
		t.Fatalf("%d of %d levels came from the cache", cached, compared)
	}
}
