// Package match finds, for each person sought, the archive records most
// likely to be theirs: Jaro-Winkler kernels, candidate search, scoring and
// the concurrent pipeline that streams an archive through them.
package match

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"kinlink/internal/fpmath"
	"kinlink/records"
)

// DefaultThreshold is the lowest match probability kept by default: a low
// floor. Recall comes first in tracing, so every person sought gets their
// top-K candidates, each with its honest probability, but for those below
// one chance in a hundred (on the generated sets, the floor keeps 99% of
// the true pairs the top 10 hold and drops a quarter to a third of the
// rows); --threshold cuts higher for those who want only the likely pairs.
const DefaultThreshold = 0.01

// Config sets how a Linker searches and what it keeps.
type Config struct {
	Top       int     // candidates kept per person sought (default 10)
	Threshold float64 // lowest match probability kept, 0..1
	Workers   int     // scoring goroutines; 0 means one per core
	BatchSize int     // archive records per batch handed to a worker (default 1024)
	// Model is the model a run starts its estimation from (nil:
	// DefaultModel), or, with Fixed, the model it scores with.
	Model    *Model
	Fixed    bool
	Blocking Blocking
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
	if c.Model == nil {
		c.Model = DefaultModel()
	}
	return c
}

// Stage is the part of a run under way, for progress reports.
type Stage int32

const (
	Scanning  Stage = iota // the archive streams through the workers
	Finishing              // each person's kept pairs are ranked
	Writing                // the output is written (set by the caller)
)

// Counters are updated while a run goes on, for progress reports; they may
// be read concurrently. Read, Rejected and Pairs count the pass under way.
type Counters struct {
	Pass      atomic.Int32 // 1: archive statistics, 2: matching
	PassStart atomic.Int64 // when the pass began, in Unix nanoseconds
	Read      atomic.Int64 // archive rows read, used or rejected
	Rejected  atomic.Int64 // archive rows rejected
	Warned    atomic.Int64 // archive rows kept with a warning
	Pairs     atomic.Int64 // pairs compared
	// RulePairs counts, in Blocked mode, the pairs each blocking rule
	// produced (a pair found by two rules counts for both).
	RulePairs [NumRules]atomic.Int64
	// Stage is the Stage under way; Done of Total tell how far the
	// stages after Scanning have got (people finished, rows written).
	Stage       atomic.Int32
	Done, Total atomic.Int64
}

// InternalError is a panic inside a goroutine of the pipeline, turned into
// an error so that it ends the run through the caller's one error path
// (temporary files removed, a plain message, exit status 1) instead of
// killing the process with a trace.
type InternalError struct {
	Value any
	Stack []byte
}

func (e *InternalError) Error() string { return fmt.Sprintf("internal error: %v", e.Value) }

// goSafe runs f in g, turning a panic into an *InternalError.
func goSafe(g *errgroup.Group, f func() error) {
	g.Go(func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = &InternalError{Value: p, Stack: debug.Stack()}
			}
		}()
		return f()
	})
}

// panics holds the first panic of goroutines that a caller waits for
// with a sync.WaitGroup, to raise it again in the caller's goroutine
// (whose own callers turn it into an internal error) instead of ending the
// process from a goroutine nobody recovers.
type panics struct {
	mu sync.Mutex
	v  any
}

// catch, deferred in each goroutine, keeps its panic.
func (p *panics) catch() {
	if r := recover(); r != nil {
		p.mu.Lock()
		if p.v == nil {
			p.v = r
		}
		p.mu.Unlock()
	}
}

// raise panics again with the kept panic, if any (call it after Wait).
func (p *panics) raise() {
	if p.v != nil {
		panic(p.v)
	}
}

// finishCheck is how many people sought are finished between two looks at
// the context: one, since finishing a person with a long list (--top
// 100000) takes tens of milliseconds, and a look costs nanoseconds.
const finishCheck = 1

func (c *Counters) startPass(p int32) {
	c.Pass.Store(p)
	c.PassStart.Store(time.Now().UnixNano())
	c.Read.Store(0)
	c.Rejected.Store(0)
	c.Pairs.Store(0)
	c.Warned.Store(0)
	c.Stage.Store(int32(Scanning))
}

// Linker holds the prepared list of people sought, ready to be run against
// an archive. It is immutable once made and may be run several times.
type Linker struct {
	cfg     Config
	missing []records.Record
	ix      *index // the people sought, their readings not weighed (see runIndex)
	// afterScan, when set (by tests), runs when the scan is over and the
	// finishing stage begins.
	afterScan func()
}

// NewLinker prepares the people sought. Their ids should be unique
// (records.ReadAll rejects repeats).
func NewLinker(cfg Config, missing []records.Record) *Linker {
	cfg = cfg.withDefaults()
	recs := append([]records.Record(nil), missing...)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].ID < recs[j].ID })
	qs := make([]person, len(recs))
	for i := range recs {
		qs[i] = prepare(&recs[i], nil, true)
	}
	return &Linker{cfg: cfg, missing: recs, ix: newIndex(qs)}
}

// Config returns the configuration in force, defaults filled in.
func (l *Linker) Config() Config { return l.cfg }

// runIndex returns the index of the people sought with their readings
// weighed for model m and the archive statistics st (nil: not known yet;
// see exactWeightsOf).
func (l *Linker) runIndex(m *Model, st *Stats) *index {
	n := 0
	for _, q := range l.ix.queries {
		n += len(q.readings)
	}
	ws := make([]exactWeights, 0, n)
	qs := make([]person, len(l.ix.queries))
	var rates namesakeRates
	if st != nil {
		known := make([]bool, len(l.ix.queries))
		for i := range known {
			known[i] = knownYear(l.ix.queries[i].rec)
		}
		rates = st.namesakeRates(float64(m.otherRecords()*m.M(CompFamily, nameExact)*m.M(CompGiven, nameExact)), known)
	}
	for i := range qs {
		qs[i] = l.ix.queries[i]
		qs[i].readings = append([]reading(nil), qs[i].readings...)
		w := m.exactWeightsOf(&qs[i], i, st, rates)
		for r := range qs[i].readings {
			rd := &qs[i].readings[r]
			ws = append(ws, w)
			if st == nil { // the reference tables weigh each reading's family name
				ws[len(ws)-1].family = fpmath.Log2(m.levels[CompFamily][nameExact].M / max(rd.tf, unknownSurnameShare))
				ws[len(ws)-1].alias = ws[len(ws)-1].family
			}
			rd.exact = &ws[len(ws)-1]
		}
	}
	return newIndex(qs)
}

// Opener opens the archive for one pass over it. A run reads the archive
// twice: its statistics first, then to match it.
type Opener func() (records.Reader, error)

// SliceOpener serves records held in memory to a run.
func SliceOpener(recs []records.Record) Opener {
	return func() (records.Reader, error) { return records.NewSliceReader(recs), nil }
}

// Result is what a run produced: the kept matches, the model they were
// scored with and the archive's statistics.
type Result struct {
	Rows   []records.Match
	Model  *Model
	Stats  *Stats
	Timing Timing
}

// Timing is how long each stage of a run took.
type Timing struct {
	Statistics time.Duration // the first pass over the archive
	Estimation time.Duration // the model from the statistics
	Matching   time.Duration // the second pass, and ranking
}

// Run reads the archive's statistics, estimates the model from them
// (unless the configuration fixes it), matches the archive and returns
// the kept matches sorted by query id, then rank. Rows the archive reader
// cannot use go to reject (nil makes them fatal) in the match pass; an
// error from reject, from the reader or a cancelled ctx stops the run. The
// result is the same for any worker count or batch size.
func (l *Linker) Run(ctx context.Context, open Opener, reject func(*records.RowError) error, c *Counters) (Result, error) {
	if c == nil {
		c = new(Counters)
	}
	var res Result
	t0 := time.Now()
	st, err := l.Collect(ctx, open, !l.cfg.Fixed, c)
	if err != nil {
		return Result{}, err
	}
	t1 := time.Now()
	model := l.cfg.Model
	if !l.cfg.Fixed {
		model = l.Estimate(model, st)
	}
	t2 := time.Now()
	rows, err := l.Match(ctx, open, model, st, reject, c)
	if err != nil {
		return Result{}, err
	}
	res.Rows, res.Model, res.Stats = rows, model, st
	res.Timing = Timing{Statistics: t1.Sub(t0), Estimation: t2.Sub(t1), Matching: time.Since(t2)}
	return res, nil
}

// Collect reads the statistics of the archive: the counts of the name
// keys of the people sought, the sample and, with rounds, the pairs of
// the estimation rounds, scored with the configuration's model. Unusable
// rows are skipped (Match reports them); other errors stop it.
func (l *Linker) Collect(ctx context.Context, open Opener, rounds bool, c *Counters) (*Stats, error) {
	if c == nil {
		c = new(Counters)
	}
	c.startPass(1)
	r, err := open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	ix := l.runIndex(l.cfg.Model, nil)
	st := newStats(ix)
	si := newStatsIndex(ix)
	g, ctx := errgroup.WithContext(ctx)
	batches := make(chan []records.Record, 2*l.cfg.Workers)
	goSafe(g, func() error {
		defer close(batches)
		return l.read(ctx, r, func(*records.RowError) error { return nil }, c, batches)
	})
	cls := make([]*collector, l.cfg.Workers)
	for w := range cls {
		cls[w] = newCollector(ix, si, l.cfg.Model, rounds)
		goSafe(g, func() error {
			for batch := range batches {
				if err := ctx.Err(); err != nil {
					return err
				}
				cls[w].collect(batch)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, cl := range cls {
		cl.st.Sample = cl.sample.sorted()
		if err := st.Merge(cl.st); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// Match streams the archive through the scoring workers with model m and
// the archive's statistics st, and returns the kept matches sorted by
// query id, then rank.
func (l *Linker) Match(ctx context.Context, open Opener, m *Model, st *Stats, reject func(*records.RowError) error, c *Counters) ([]records.Match, error) {
	if c == nil {
		c = new(Counters)
	}
	if reject == nil {
		reject = func(e *records.RowError) error { return e }
	}
	c.startPass(2)
	if err := st.matches(l.ix); err != nil {
		return nil, err
	}
	r, err := open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	ix := l.runIndex(m, st)
	// The group's context ends when Wait returns; the finishing stage
	// watches the caller's.
	g, gctx := errgroup.WithContext(ctx)
	batches := make(chan []records.Record, 2*l.cfg.Workers)
	goSafe(g, func() error {
		defer close(batches)
		return l.read(gctx, r, reject, c, batches)
	})
	var blocks *blockIndex
	if l.cfg.Blocking == Blocked {
		blocks = newBlockIndex(ix)
	}
	f := finisher{model: m, n: st.Records, top: l.cfg.Top, threshold: l.cfg.Threshold}
	sh := &shared{ix: ix, model: m, blocks: blocks, cut: thresholdCut(l.cfg.Threshold, m.priorWeight(st.Records))}
	tops := make([][]topK, l.cfg.Workers)
	workers := make([]*worker, l.cfg.Workers)
	for w := range tops {
		tops[w] = l.newTops()
		workers[w] = newWorker(sh)
		goSafe(g, func() error { return workers[w].work(gctx, batches, tops[w], c) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	c.Stage.Store(int32(Finishing))
	c.Total.Store(int64(len(tops[0])))
	if l.afterScan != nil {
		l.afterScan()
	}
	for w := 1; w < len(tops); w++ {
		for q := range tops[0] {
			if q%finishCheck == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			tops[0][q].merge(&tops[w][q])
		}
	}
	var out []records.Match
	for q := range tops[0] {
		if q%finishCheck == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			c.Done.Store(int64(q))
		}
		out = append(out, f.finish(tops[0][q].rows)...)
	}
	c.Done.Store(int64(len(tops[0])))
	return out, nil
}

func (l *Linker) newTops() []topK {
	t := make([]topK, len(l.ix.queries))
	for i := range t {
		t[i].k = l.cfg.Top
	}
	return t
}

// read cuts the archive into batches.
func (l *Linker) read(ctx context.Context, r records.Reader, reject func(*records.RowError) error, c *Counters, out chan<- []records.Record) error {
	batch := make([]records.Record, 0, l.cfg.BatchSize)
	send := func() error {
		select {
		case out <- batch:
			batch = make([]records.Record, 0, l.cfg.BatchSize)
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
		var re *records.RowError
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
		if rec.Warning != nil {
			c.Warned.Add(1)
			if err := reject(rec.Warning); err != nil {
				return err
			}
		}
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

// work scores batches against every person sought, keeping each one's best.
func (w *worker) work(ctx context.Context, in <-chan []records.Record, tops []topK, c *Counters) error {
	for batch := range in {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.pairs = 0
		w.rulePairs = [NumRules]int64{}
		w.compareBatch(batch, tops)
		c.Pairs.Add(w.pairs)
		for r, n := range w.rulePairs {
			c.RulePairs[r].Add(n)
		}
	}
	return nil
}
