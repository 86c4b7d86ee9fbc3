// Package match finds, for each person sought, the archive records most
// likely to be theirs: Jaro-Winkler kernels, candidate search, scoring and
// the concurrent pipeline that streams an archive through them.
package match

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sort"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"kinlink/datasets"
)

// Config sets how a Linker searches and what it keeps.
type Config struct {
	Top       int     // candidates kept per person sought (default 10)
	Threshold float64 // lowest match probability kept, 0..1
	Workers   int     // scoring goroutines; 0 means one per core
	BatchSize int     // archive records per batch handed to a worker (default 1024)
}

func (c Config) withDefaults() Config {
	if c.Top <= 0 {
		c.Top = 10
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 1024
	}
	return c
}

// Counters are updated while a run goes on, for progress reports; they may
// be read concurrently.
type Counters struct {
	Read     atomic.Int64 // archive rows read, used or rejected
	Rejected atomic.Int64 // archive rows rejected
	Pairs    atomic.Int64 // pairs compared
}

// Linker holds the prepared list of people sought, ready to be run against
// an archive. It is immutable once made and may be run several times.
type Linker struct {
	cfg     Config
	queries []query
}

// NewLinker prepares the people sought. Their ids should be unique
// (datasets.ReadAll rejects repeats).
func NewLinker(cfg Config, missing []datasets.Record) *Linker {
	cfg = cfg.withDefaults()
	qs := make([]query, len(missing))
	for i := range missing {
		qs[i] = newQuery(missing[i])
	}
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].rec.ID < qs[j].rec.ID })
	return &Linker{cfg: cfg, queries: qs}
}

// Config returns the configuration in force, defaults filled in.
func (l *Linker) Config() Config { return l.cfg }

// Run streams the archive through the scoring workers and returns the kept
// matches sorted by query id, then rank. Rows the archive reader cannot use
// go to reject (nil makes them fatal); an error from reject, from the reader
// or a cancelled ctx stops the run. The result is the same for any worker count or batch size.
func (l *Linker) Run(ctx context.Context, archive datasets.Reader, reject func(*datasets.RowError) error, c *Counters) ([]datasets.Match, error) {
	if c == nil {
		c = new(Counters)
	}
	if reject == nil {
		reject = func(e *datasets.RowError) error { return e }
	}
	g, ctx := errgroup.WithContext(ctx)
	batches := make(chan []datasets.Record, 2*l.cfg.Workers)
	g.Go(func() error {
		defer close(batches)
		return l.read(ctx, archive, reject, c, batches)
	})
	kept := make([][]topK, l.cfg.Workers)
	for w := range kept {
		kept[w] = l.newTops()
		g.Go(func() error { return l.work(ctx, batches, kept[w], c) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for w := 1; w < len(kept); w++ {
		for q := range kept[0] {
			kept[0][q].merge(&kept[w][q])
		}
	}
	var out []datasets.Match
	for q := range kept[0] {
		out = append(out, kept[0][q].sorted()...)
	}
	return out, nil
}

func (l *Linker) newTops() []topK {
	t := make([]topK, len(l.queries))
	for i := range t {
		t[i].k = l.cfg.Top
	}
	return t
}

// read cuts the archive into batches.
func (l *Linker) read(ctx context.Context, r datasets.Reader, reject func(*datasets.RowError) error, c *Counters, out chan<- []datasets.Record) error {
	batch := make([]datasets.Record, 0, l.cfg.BatchSize)
	send := func() error {
		select {
		case out <- batch:
			batch = make([]datasets.Record, 0, l.cfg.BatchSize)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var re *datasets.RowError
		switch {
		case errors.As(err, &re):
			c.Read.Add(1)
			c.Rejected.Add(1)
			if err := reject(re); err != nil {
				return err
			}
			continue
		case err != nil:
			return err
		}
		c.Read.Add(1)
		batch = append(batch, rec)
		if len(batch) == cap(batch) {
			if err := send(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		return send()
	}
	return nil
}

// work scores batches against every query, keeping each query's best.
func (l *Linker) work(ctx context.Context, in <-chan []datasets.Record, tops []topK, c *Counters) error {
	for batch := range in {
		if err := ctx.Err(); err != nil {
			return err
		}
		for i := range batch {
			cand := newCandidate(&batch[i])
			for q := range l.queries {
				m, ok := l.queries[q].score(&cand, l.cfg.Threshold)
				if ok && tops[q].admits(m.MatchWeight, m.CandidateID) {
					tops[q].offer(m)
				}
			}
		}
		c.Pairs.Add(int64(len(batch) * len(l.queries)))
	}
	return nil
}
