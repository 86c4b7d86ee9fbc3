package match

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"kinlink/datasets"
	"kinlink/records"
)

// sliceReader serves records from memory, optionally failing at one row.
type sliceReader struct {
	recs   []records.Record
	i      int
	failAt int // 1-based row returning a fatal error; 0 for none
}

func (s *sliceReader) Read() (records.Record, error) {
	if s.i >= len(s.recs) {
		return records.Record{}, io.EOF
	}
	s.i++
	if s.i == s.failAt {
		return records.Record{}, errors.New("disk on fire")
	}
	return s.recs[s.i-1], nil
}
func (s *sliceReader) Columns() string               { return "" }
func (s *sliceReader) Progress() (done, total int64) { return int64(s.i), int64(len(s.recs)) }
func (s *sliceReader) Close() error                  { return nil }

var (
	families = []string{"kim", "lee", "ri", "park", "pak", "sato", "satoh", "suzuki", "ono", "ohno", "choi", "choe"}
	givens   = []string{"horim", "ho rim", "jong un", "shinichi", "yuko", "yuuko", "minsu", "min-su", "akira"}
)

func randomPeople(r *rand.Rand, n int, prefix string) []records.Record {
	out := make([]records.Record, n)
	for i := range out {
		out[i] = records.Record{
			ID:         fmt.Sprintf("%s%05d", prefix, i),
			FamilyName: families[r.IntN(len(families))],
			GivenName:  givens[r.IntN(len(givens))],
			BirthYear:  1920 + r.IntN(40),
		}
	}
	return out
}

func TestRunIsDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	missing := randomPeople(r, 20, "M")
	archive := randomPeople(r, 3000, "A")
	var want []records.Match
	// The threshold cuts pairs while the archive streams (see
	// thresholdCut): the cut too must not depend on the order records
	// arrive in.
	for _, threshold := range []float64{0.5, 0.01} {
		want = nil
		for _, workers := range []int{1, 2, 3, 8} {
			for _, batch := range []int{1, 7, 1024} {
				l := NewLinker(Config{Top: 5, Threshold: threshold, Workers: workers, BatchSize: batch}, missing)
				res, err := l.Run(context.Background(), SliceOpener(archive), nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := res.Rows
				if want == nil {
					want = got
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("threshold %g, workers=%d batch=%d: output differs from workers=1", threshold, workers, batch)
				}
			}
		}
	}
	if len(want) < 50 || len(want) > 20*5 {
		t.Fatalf("got %d rows, want 50..100 (names repeat a lot: most top 5s fill up)", len(want))
	}
	for i := 1; i < len(want); i++ {
		a, b := want[i-1], want[i]
		if a.QueryID > b.QueryID || (a.QueryID == b.QueryID && b.Rank != a.Rank+1) {
			t.Fatalf("rows %d,%d out of order: %s/%d then %s/%d", i-1, i, a.QueryID, a.Rank, b.QueryID, b.Rank)
		}
		if a.QueryID == b.QueryID && (a.MatchWeight < b.MatchWeight || (a.MatchWeight == b.MatchWeight && a.CandidateID > b.CandidateID)) {
			t.Fatalf("rank %d (%g %s) not better than rank %d (%g %s)", a.Rank, a.MatchWeight, a.CandidateID, b.Rank, b.MatchWeight, b.CandidateID)
		}
	}
}

func TestRunStopsOnReaderErrorWithoutLeaks(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	missing := randomPeople(r, 5, "M")
	archive := randomPeople(r, 50000, "A")
	before := runtime.NumGoroutine()
	l := NewLinker(Config{Workers: 4, BatchSize: 16}, missing)
	_, err := l.Run(context.Background(), func() (records.Reader, error) { return &sliceReader{recs: archive, failAt: 20000}, nil }, nil, nil)
	if err == nil || err.Error() != "disk on fire" {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Run(ctx, SliceOpener(archive), nil, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: err = %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left running (before: %d)", n, before)
	}
}

func TestTopKKeepsBest(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	recs := make([]records.Record, 200)
	all := make([]kept, 200)
	for i := range all {
		recs[i].ID = fmt.Sprintf("A%03d", i)
		all[i] = kept{ps: pairScore{weight: float64(r.IntN(20))}, c: &person{rec: &recs[i]}}
	}
	tk := topK{k: 10}
	for _, k := range all {
		tk.offer(k)
	}
	got := append([]kept(nil), tk.rows...)
	sortKept(got)
	// Reference: sort everything by hand and take the first ten.
	ref := append([]kept(nil), all...)
	for i := range ref {
		for j := i + 1; j < len(ref); j++ {
			if ref[j].ps.weight > ref[i].ps.weight || (ref[j].ps.weight == ref[i].ps.weight && ref[j].c.rec.ID < ref[i].c.rec.ID) {
				ref[i], ref[j] = ref[j], ref[i]
			}
		}
	}
	if len(got) != 10 {
		t.Fatalf("kept %d", len(got))
	}
	for i := range got {
		if got[i].c.rec.ID != ref[i].c.rec.ID {
			t.Fatalf("rank %d: got %s, want %s", i+1, got[i].c.rec.ID, ref[i].c.rec.ID)
		}
	}
}

// TestCancelWhileFinishing: a run cancelled once the scan is over stops in
// the finishing stage (it used to run to its end, a minute on big runs)
// and reports the cancellation.
func TestCancelWhileFinishing(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	missing := randomPeople(r, 200, "M")
	archive := randomPeople(r, 2000, "A")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := NewLinker(Config{Top: 50, Threshold: 0, Workers: 2}, missing)
	l.afterScan = cancel
	var c Counters
	_, err := l.Run(ctx, SliceOpener(archive), nil, &c)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if Stage(c.Stage.Load()) != Finishing || c.Done.Load() >= c.Total.Load() {
		t.Errorf("stage %d, %d of %d finished: want a stop in the finishing stage", c.Stage.Load(), c.Done.Load(), c.Total.Load())
	}
}

// panicReader panics at a read, as a bug in a reader would.
type panicReader struct{ sliceReader }

func (p *panicReader) Read() (records.Record, error) {
	if p.i == sampleSize {
		panic("reader bug")
	}
	return p.sliceReader.Read()
}

// TestPanicInWorkerIsAnError: a panic inside the pipeline's goroutines
// ends the run with an *InternalError instead of killing the process.
func TestPanicInWorkerIsAnError(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	l := NewLinker(Config{Top: 5, Threshold: 0, Workers: 2}, randomPeople(r, 5, "M"))
	archive := randomPeople(r, sampleSize+10, "A")
	_, err := l.Run(context.Background(), func() (records.Reader, error) { return &panicReader{sliceReader{recs: archive}}, nil }, nil, nil)
	var ie *InternalError
	if !errors.As(err, &ie) || ie.Value != "reader bug" {
		t.Fatalf("Run = %v, want an InternalError", err)
	}
}

// TestOutputIndependentOfTop checks that the first K rows of every person
// sought in a --top 3K run are the rows of a --top K run: weights are final
// when pairs are kept, so keeping more changes nothing of the best. And
// that a threshold only cuts: a run at threshold t writes exactly the rows
// of a run at 0 whose probability reaches t.
func TestOutputIndependentOfTop(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 12, Missing: 80, Archive: 20_000})
	if err != nil {
		t.Fatal(err)
	}
	run := func(top int, threshold float64) map[string][]records.Match {
		l := NewLinker(Config{Top: top, Threshold: threshold}, people)
		res, err := l.Run(context.Background(), SliceOpener(recs), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]records.Match{}
		for _, r := range res.Rows {
			out[r.QueryID] = append(out[r.QueryID], r)
		}
		return out
	}
	for _, k := range []int{1, 3, 10} {
		small, large := run(k, 0), run(3*k, 0)
		for q, rows := range small {
			if len(large[q]) < len(rows) || !reflect.DeepEqual(rows, large[q][:len(rows)]) {
				t.Fatalf("--top %d: %s's rows differ from the first of --top %d", k, q, 3*k)
			}
		}
		if len(small) != len(large) {
			t.Fatalf("--top %d lists %d people, --top %d %d", k, len(small), 3*k, len(large))
		}
	}
	all := run(10, 0)
	for _, th := range []float64{0.3, 0.9} {
		cut := run(10, th)
		for q, rows := range all {
			var want []records.Match
			for _, r := range rows {
				if r.MatchProbability >= th {
					want = append(want, r)
				}
			}
			if !reflect.DeepEqual(cut[q], want) {
				t.Fatalf("threshold %g: %s has %d rows, want the %d of threshold 0 at or above it", th, q, len(cut[q]), len(want))
			}
		}
	}
}

// TestEstimateIsDeterministic checks that the model estimated from an
// archive is the same however many cores share the work.
func TestEstimateIsDeterministic(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 9, Missing: 300, Archive: 20_000})
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	for _, procs := range []int{1, 2, 3} {
		old := runtime.GOMAXPROCS(procs)
		l := NewLinker(Config{Workers: procs + 1, BatchSize: 100 * procs}, people)
		st, err := l.Collect(context.Background(), SliceOpener(recs), true, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := l.Estimate(DefaultModel(), st).MarshalIndent()
		runtime.GOMAXPROCS(old)
		if want == nil {
			want = got
			continue
		}
		if string(got) != string(want) {
			t.Fatalf("the model estimated on %d cores differs from that on 1:\n%s\n%s", procs, got, want)
		}
	}
	if string(want) == string(DefaultModel().MarshalIndent()) {
		t.Error("the estimate left the model as it was")
	}
}

// TestPanicsAreRaisedInTheWaiter: a panic in a goroutine waited for with
// a WaitGroup comes back in the waiting goroutine, where callers recover it.
func TestPanicsAreRaisedInTheWaiter(t *testing.T) {
	var wg sync.WaitGroup
	var crash panics
	for i := range 3 {
		wg.Go(func() {
			defer crash.catch()
			if i == 1 {
				panic("worker bug")
			}
		})
	}
	wg.Wait()
	defer func() {
		if p := recover(); p != "worker bug" {
			t.Errorf("recovered %v, want the worker's panic", p)
		}
	}()
	crash.raise()
	t.Error("raise did not panic")
}
