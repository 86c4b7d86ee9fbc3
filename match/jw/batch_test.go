package jw

import (
	"math"
	"math/rand/v2"
	"testing"
)

// batchPath is one way ScoreBatch can go; each is forced in turn.
type batchPath struct {
	name     string
	useAVX   bool
	useShort bool
}

// batchPaths are the portable path and, where the CPU has AVX2, the wide
// kernel alone (8 lanes, candidates of up to 32 bytes) and the short one
// with the wide one for longer candidates (16 lanes, up to 16 bytes).
func batchPaths() []batchPath {
	paths := []batchPath{{"go", false, false}}
	if useAVX2 {
		paths = append(paths, batchPath{"avx2-8", true, false}, batchPath{"avx2-16", true, true})
	}
	return paths
}

// forcePath sets the path for the rest of the test.
func forcePath(t testing.TB, p batchPath) {
	avx, short := useAVX2, useShort
	useAVX2, useShort = p.useAVX, p.useShort
	t.Cleanup(func() { useAVX2, useShort = avx, short })
}

// checkBatch scores a against cands on the current path and compares every
// score with the reference under the cutoff's rules, and Score's with it
// exactly.
func checkBatch(t testing.TB, a string, cands []string, cutoff float64, out []float64) {
	t.Helper()
	p := NewPattern(a)
	p.ScoreBatch(cands, cutoff, out)
	for k, b := range cands {
		want, got := reference(a, b), out[k]
		if one := p.Score(b); !sameBits(one, want) {
			t.Fatalf("Pattern(%q).Score(%q) = %v, want %v", a, b, one, want)
		}
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

// TestScoreBatchLengths runs every pattern length against blocks holding
// every candidate length around the kernels' limits (16, 32, 64 bytes), so
// that each lane width meets its longest windows and its hand-overs.
func TestScoreBatchLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, path := range batchPaths() {
		t.Run(path.name, func(t *testing.T) {
			forcePath(t, path)
			for la := 1; la <= 66; la++ {
				for _, alphabet := range []string{"ab", "abcdefgh", "kimnaorsu \xff"} {
					a := make([]byte, la)
					for i := range a {
						a[i] = alphabet[r.IntN(len(alphabet))]
					}
					var cands []string
					for lb := 0; lb <= 70; lb++ {
						b := make([]byte, lb)
						for j := range b {
							b[j] = alphabet[r.IntN(len(alphabet))]
						}
						cands = append(cands, string(b), string(a[:min(lb, la)]))
					}
					out := make([]float64, len(cands))
					for _, cutoff := range []float64{0, 0.8} {
						checkBatch(t, string(a), cands, cutoff, out)
					}
				}
			}
		})
	}
}
