package benchmarks

import (
	"context"
	"fmt"
	"testing"

	"kinlink/datasets"
	"kinlink/match"
	"kinlink/records"
)

func generate(b *testing.B, seed uint64, missing, archive int) (people, recs []records.Record) {
	b.Helper()
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: seed, Missing: missing, Archive: archive})
	if err != nil {
		b.Fatal(err)
	}
	return people, recs
}

// BenchmarkPipeline runs the matcher (all cores) on generated data: people
// sought × archive records, in exhaustive and in blocked mode, reported per
// archive record and per pair of the exhaustive product. One op is one
// whole run.
func BenchmarkPipeline(b *testing.B) {
	sizes := []struct{ missing, archive int }{{100, 20_000}, {1000, 20_000}}
	modes := []struct {
		name     string
		blocking match.Blocking
	}{{"exhaustive", match.Exhaustive}, {"blocked", match.Blocked}}
	for _, mode := range modes {
		for _, size := range sizes {
			name := fmt.Sprintf("%s/missing=%d/archive=%d", mode.name, size.missing, size.archive)
			b.Run(name, func(b *testing.B) {
				people, recs := generate(b, 42, size.missing, size.archive)
				cfg := match.Config{Threshold: match.DefaultThreshold, Blocking: mode.blocking}
				l := match.NewLinker(cfg, people)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if _, err := l.Run(context.Background(), match.SliceOpener(recs), nil, nil); err != nil {
						b.Fatal(err)
					}
				}
				perRun := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
				b.ReportMetric(perRun/float64(size.archive), "ns/record")
				b.ReportMetric(perRun/float64(size.archive*size.missing), "ns/pair")
			})
		}
	}
}
