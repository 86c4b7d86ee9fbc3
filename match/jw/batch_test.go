package jw

import (
	"math"
	"testing"
)

// batchPath is one way ScoreBatch can go; each is forced in turn.
type batchPath struct {
	name   string
	useAVX bool
}

// batchPaths are the portable path and, where the CPU has it, AVX2.
func batchPaths() []batchPath {
	paths := []batchPath{{"go", false}}
	if useAVX2 {
		paths = append(paths, batchPath{"avx2", true})
	}
	return paths
}

// forcePath sets the path for the rest of the test.
func forcePath(t testing.TB, p batchPath) {
	avx := useAVX2
	useAVX2 = p.useAVX
	t.Cleanup(func() { useAVX2 = avx })
}

// checkBatch scores a against cands on the current path and compares every
// score with the reference under the cutoff's rules.
func checkBatch(t testing.TB, a string, cands []string, cutoff float64, out []float64) {
	t.Helper()
	NewPattern(a).ScoreBatch(cands, cutoff, out)
	for k, b := range cands {
		want, got := reference(a, b), out[k]
		if sameBits(got, want) || (want < cutoff && got == 0) {
			continue
		}
		t.Fatalf("ScoreBatch(%q, cutoff %v): candidate %q = %v (%#x), want %v (%#x)",
			a, cutoff, b, got, math.Float64bits(got), want, math.Float64bits(want))
	}
}

func TestScoreBatchDifferential(t *testing.T) {
	pairs := corpus(3, 60000)
	for _, path := range batchPaths() {
		t.Run(path.name, func(t *testing.T) {
			forcePath(t, path)
			out := make([]float64, 300)
			// Each pattern against a slice of the corpus's b side (whose
			// lengths vary, so blocks mix short and long candidates), and
			// against its own b with neighbours, so that near matches occur.
			cands := make([]string, 0, 300)
			for k := 0; k+300 <= len(pairs); k += 300 {
				cands = cands[:0]
				for _, c := range pairs[k : k+300] {
					cands = append(cands, c[1])
				}
				for _, cutoff := range []float64{0, 0.5, 0.8, 0.9, 0.97} {
					a := pairs[k+int(cutoff*100)%300][0]
					checkBatch(t, a, cands, cutoff, out)
				}
			}
			for k := 0; k+13 <= len(pairs); k += 13 {
				cands = cands[:0]
				for _, c := range pairs[k : k+13] {
					cands = append(cands, c[1])
				}
				for _, cutoff := range []float64{-1, 0.8, 0.85} {
					checkBatch(t, pairs[k][0], cands, cutoff, out)
				}
			}
		})
	}
}

// TestScoreBatchPrunes checks that the bound skips most of the realistic
// workload at the usual cutoff, as the benchmarks assume.
func TestScoreBatchPrunes(t *testing.T) {
	out := make([]float64, len(archive))
	kept, n := 0, 0
	for _, a := range sought[:100] {
		p := NewPattern(a)
		pr := pruner{p: p, least: &leastFor(0.8).least[len(a)]}
		for _, b := range archive {
			n++
			if pr.keep(b) {
				kept++
			}
		}
		p.ScoreBatch(archive, 0.8, out)
	}
	if frac := float64(kept) / float64(n); frac > 0.05 {
		t.Errorf("bound keeps %.1f%% of pairs at cutoff 0.8, want under 5%%", 100*frac)
	}
}
