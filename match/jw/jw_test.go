package jw

import (
	"math"
	"testing"

	"github.com/xrash/smetrics"
)

func sameBits(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }

// TestSimilarityDifferential checks the pairwise and pattern paths, and the
// scalar one for all lengths, against smetrics in both argument orders, with
// Score in Go and, where the CPU has it, in assembly for short candidates.
func TestSimilarityDifferential(t *testing.T) {
	pairs := corpus(1, 200000)
	for _, path := range scorePaths() {
		t.Run(path.name, func(t *testing.T) {
			forcePath(t, path)
			for k, c := range pairs {
				a, b := c[0], c[1]
				if k%2 == 1 {
					a, b = b, a
				}
				want := reference(a, b)
				if got := Similarity(a, b); !sameBits(got, want) {
					t.Fatalf("Similarity(%q, %q) = %v (%#x), want %v (%#x)", a, b, got, math.Float64bits(got), want, math.Float64bits(want))
				}
				if got := scalar(a, b); !sameBits(got, want) {
					t.Fatalf("scalar(%q, %q) = %v, want %v", a, b, got, want)
				}
				if got := NewPattern(a).Score(b); !sameBits(got, want) {
					t.Fatalf("Pattern(%q).Score(%q) = %v, want %v", a, b, got, want)
				}
			}
		})
	}
}

// scorePaths are the ways Pattern.Score can go: Go, and assembly for
// candidates of up to 16 bytes where the CPU allows.
func scorePaths() []batchPath {
	paths := []batchPath{{"go", false, false}}
	if useAVX2 && useShortScore {
		paths = append(paths, batchPath{"avx2", true, true})
	}
	return paths
}

// TestSmetricsFusion checks that smetrics.JaroWinkler, on this build, is our
// reference or, where the build fuses the boost into an FMA, its fused form.
func TestSmetricsFusion(t *testing.T) {
	differ := 0
	for _, c := range corpus(2, 50000) {
		a, b := c[0], c[1]
		got := smetrics.JaroWinkler(a, b, 0.7, 4)
		if sameBits(got, reference(a, b)) {
			continue
		}
		if !sameBits(got, fused(a, b)) {
			t.Fatalf("smetrics.JaroWinkler(%q, %q) = %v, neither %v nor fused %v", a, b, got, reference(a, b), fused(a, b))
		}
		differ++
	}
	t.Logf("%d pairs where this build of smetrics fuses the boost", differ)
}
