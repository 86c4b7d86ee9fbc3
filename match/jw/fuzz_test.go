package jw

import (
	"math"
	"testing"
)

// FuzzSimilarity compares every path with smetrics, bit for bit, on any pair
// of byte strings.
func FuzzSimilarity(f *testing.F) {
	for _, c := range published {
		f.Add(c.a, c.b)
	}
	for _, c := range corpus(5, 64) {
		f.Add(c[0], c[1])
	}
	f.Add("ab", "ba")
	f.Add("aab", "aba")
	f.Add("\xff\x00", "\x00\xff")
	f.Add("ri ho rim", "lee horim")
	f.Add("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm")
	out := make([]float64, 3)
	f.Fuzz(func(t *testing.T, a, b string) {
		want := reference(a, b)
		for _, path := range scorePaths() {
			forcePath(t, path)
			if got := Similarity(a, b); !sameBits(got, want) {
				t.Fatalf("%s: Similarity(%q, %q) = %v (%#x), want %v (%#x)", path.name, a, b, got, math.Float64bits(got), want, math.Float64bits(want))
			}
			if got := NewPattern(a).Score(b); !sameBits(got, want) {
				t.Fatalf("%s: Pattern(%q).Score(%q) = %v, want %v", path.name, a, b, got, want)
			}
		}
		// b among two of its neighbours, to fill more than one lane.
		cands := []string{b, a, b + a}
		for _, path := range batchPaths() {
			forcePath(t, path)
			for _, cutoff := range []float64{0, 0.8, want} {
				checkBatch(t, a, cands, cutoff, out)
			}
		}
	})
}
