package match

import (
	"context"
	"fmt"
	"math"
	"testing"

	"kinlink/datasets"
)

// BenchmarkCompare measures one worker comparing archive records with the
// people sought, on one goroutine: no reading, no channels, no finishing.
// It is deterministic, so its instruction count is a stable measure of the
// engine's cost (callgrind). One op is one archive record.
func BenchmarkCompare(b *testing.B) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 42, Missing: 1000, Archive: 20_000})
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []Blocking{Exhaustive, Blocked} {
		b.Run(fmt.Sprintf("blocking=%d", mode), func(b *testing.B) {
			l := NewLinker(Config{Blocking: mode}, people)
			st, err := l.Collect(context.Background(), SliceOpener(recs), false, nil)
			if err != nil {
				b.Fatal(err)
			}
			ix := l.runIndex(l.cfg.Model, st)
			var blocks *blockIndex
			if mode == Blocked {
				blocks = newBlockIndex(ix)
			}
			w := newWorker(&shared{ix: ix, model: l.cfg.Model, blocks: blocks, cut: math.Inf(-1)})
			tops := l.newTops()
			// Warm the key cache and the top-K floors, as a long run would.
			w.compareBatch(recs, tops)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				w.compareBatch(recs[i%len(recs):i%len(recs)+1], tops)
			}
		})
	}
}
