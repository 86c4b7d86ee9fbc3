package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"kinlink/match"
	"kinlink/records"
)

// startProgress reports the progress of a run on stderr until the returned
// function is called: a redrawn bar with rate and ETA on a terminal, a plain
// line every few seconds otherwise (so logs stay readable), or nothing.
func startProgress(ctx context.Context, e *env, mode string, r records.Reader, c *match.Counters) (stop func()) {
	bar := e.stderrTerminal || mode == "always"
	if mode == "never" {
		return func() {}
	}
	every := 5 * time.Second
	if bar {
		every = 200 * time.Millisecond
	}
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// Progress is a nicety: a bug here must not end the run.
		defer func() { recover() }()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if bar {
					fmt.Fprint(e.stderr, clearLine)
				}
				return
			case <-ctx.Done():
				return // the line is the signal handler's now
			case <-t.C:
				line := progressLine(time.Since(start), r, c)
				if bar {
					fmt.Fprint(e.stderr, clearLine+line)
				} else {
					fmt.Fprintln(e.stderr, line)
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}

// clearLine returns the cursor to the start of the line and erases it
// (the ANSI "erase in line" sequence, which every terminal kinlink runs in
// understands), so no leftover of a longer line remains.
const clearLine = "\r\x1b[K"

// progressLine describes a run so far: rows read, rate, share done, ETA;
// after the scan, the stage under way and how far it has got.
func progressLine(elapsed time.Duration, r records.Reader, c *match.Counters) string {
	switch match.Stage(c.Stage.Load()) {
	case match.Finishing:
		done, total := c.Done.Load(), c.Total.Load()
		return fmt.Sprintf("%s finishing: ranking the candidates of %d of %d people sought", bar(ratio(done, total), 20), done, total)
	case match.Writing:
		done, total := c.Done.Load(), c.Total.Load()
		return fmt.Sprintf("%s writing: %d of %d rows", bar(ratio(done, total), 20), done, total)
	}
	rows := c.Read.Load()
	if t := c.PassStart.Load(); t > 0 {
		elapsed = time.Since(time.Unix(0, t))
	}
	rate := float64(rows) / elapsed.Seconds()
	done, total := r.Progress()
	line := fmt.Sprintf("archive: %s rows, %s rows/s, %s pairs", human(float64(rows)), human(rate), human(float64(c.Pairs.Load())))
	if c.Pass.Load() == 1 {
		line = fmt.Sprintf("archive statistics (pass 1 of 2): %s rows, %s rows/s", human(float64(rows)), human(rate))
	}
	if total > 0 && done > 0 {
		f := float64(done) / float64(total)
		eta := time.Duration(float64(elapsed) * (1 - f) / f).Round(time.Second)
		line = fmt.Sprintf("%s %5.1f%% %s ETA %s", bar(f, 20), 100*f, line, eta)
	}
	return line
}

func bar(f float64, width int) string {
	n := int(f * float64(width))
	n = min(max(n, 0), width)
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "]"
}

func ratio(a, b int64) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}
