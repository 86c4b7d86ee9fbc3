package main

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Memory. A run holds little that grows with the archive (the kept
// candidates, the caches, 8 bytes per archive id), but it allocates
// quickly, and Go's collector lets the heap grow to twice what is live
// before it collects: a 10-million-record run that needs 230 MB would
// take 460 or more. kinlink match therefore sets a soft memory limit, so the
// collector runs sooner, and raises it as the live heap grows, so that a
// run needing more (a very long list of people sought) is never starved
// into collecting without pause. GOMEMLIMIT, when set, is obeyed instead.

const (
	memoryFloor = 240 << 20 // the limit never goes below this
	memoryWatch = 250 * time.Millisecond
)

// limitMemory sets the soft memory limit until ctx ends or stop is called.
func limitMemory(ctx context.Context) (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(memoryFloor)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { recover() }() // a watchdog's bug must not end the run
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		limit := int64(memoryFloor)
		t := time.NewTicker(memoryWatch)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			metrics.Read(sample)
			live := int64(sample[0].Value.Uint64())
			// Leave a quarter of the live heap for new objects: the
			// collector then runs four times as often as by default,
			// not continuously.
			if want := live + live/4; want > limit {
				limit = want
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		cancel()
		<-done
		debug.SetMemoryLimit(old)
	}
}
