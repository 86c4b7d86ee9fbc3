package jw

import (
	"math/rand/v2"
	"testing"

	"github.com/xrash/smetrics"
)

// benchNames are the realistic workload: romanised Japanese and Korean
// names of 2 to 20 bytes, deterministic.
func benchNames(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 2026))
	names := make([]string, n)
	for i := range names {
		names[i] = randomName(r, 20)
	}
	return names
}

var (
	sought  = benchNames(1, 2000)
	archive = benchNames(2, 2000)
	sinkF   float64
	sinkOut = make([]float64, 2000)
)

// perPair reports the time per pair for b.N rows of len(archive) pairs.
func perPair(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(archive)), "ns/pair")
}

func BenchmarkKernelSmetrics(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		a := sought[i%len(sought)]
		for _, c := range archive {
			sinkF += smetrics.JaroWinkler(a, c, 0.7, 4)
		}
	}
	perPair(b)
}

func BenchmarkKernelSimilarity(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a := sought[i%len(sought)]
		for _, c := range archive {
			sinkF += Similarity(a, c)
		}
	}
	perPair(b)
}

func BenchmarkKernelPattern(b *testing.B) {
	pats := make([]*Pattern, len(sought))
	for i, a := range sought {
		pats[i] = NewPattern(a)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := pats[i%len(pats)]
		for _, c := range archive {
			sinkF += p.Score(c)
		}
	}
	perPair(b)
}

func benchBatch(b *testing.B, cutoff float64) {
	pats := make([]*Pattern, len(sought))
	for i, a := range sought {
		pats[i] = NewPattern(a)
	}
	pats[0].ScoreBatch(archive, cutoff, sinkOut) // builds the bound's table once
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		pats[i%len(pats)].ScoreBatch(archive, cutoff, sinkOut)
	}
	perPair(b)
}

func BenchmarkKernelBatch(b *testing.B) {
	for _, path := range batchPaths() {
		b.Run(path.name+"/cutoff=0", func(b *testing.B) {
			forcePath(b, path)
			benchBatch(b, 0)
		})
		b.Run(path.name+"/cutoff=0.8", func(b *testing.B) {
			forcePath(b, path)
			benchBatch(b, 0.8)
		})
	}
}
