package records

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestIDCheckAcrossShards: a shard logs the id and position of each row
// it checks, positions order rows as a single run reads them, the rows at
// the positions given as repeats are rejected as duplicates, and
// ReadPositions reads those rows again as the shard read them.
func TestIDCheckAcrossShards(t *testing.T) {
	dir := t.TempDir()
	var recs []Record
	for i := range 1200 {
		recs = append(recs, Record{ID: fmt.Sprintf("P%04d", i), FamilyName: "Kim"})
	}
	recs[1100].ID = recs[3].ID // a repeat in a later row group
	pq := filepath.Join(dir, "a.parquet")
	writeParquetRecords(t, pq, recs)
	csv := filepath.Join(dir, "b.csv")
	os.WriteFile(csv, []byte("id,family_name\nC1,Lee\nP0003,Park\n,Choi\nC2,Han\n"), 0o600)
	files := []string{csv, pq} // sorted: a.parquet is file 0
	type row struct {
		id   string
		pos  uint64
		file string
		line int64
	}
	var all []row
	for i := range 3 {
		var log []IDEntry
		r, err := OpenSetIDs(files, "", nil, Shard{Index: i, Count: 3}, IDCheck{Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		var read []row
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			var re *RowError
			if errors.As(err, &re) {
				if strings.Contains(re.Reason, "duplicate id") { // checked, and a repeat in the shard
					f := slices.Index(files, re.File)
					read = append(read, row{re.ID, RowPosition(1-f, re.Line), re.File, re.Line})
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			f := 0
			if rec.FamilyName != "Kim" {
				f = 1
			}
			read = append(read, row{rec.ID, RowPosition(f, rec.Line), files[1-f], rec.Line})
		}
		r.Close()
		if len(log) != len(read) {
			t.Fatalf("shard %d: %d rows read, %d logged", i, len(read), len(log))
		}
		for k, e := range log {
			if e.Fingerprint != IDFingerprint(read[k].id) || e.Position != read[k].pos {
				t.Errorf("shard %d: logged %x at %x for %s at %x", i, e.Fingerprint, e.Position, read[k].id, read[k].pos)
			}
		}
		all = append(all, read...)
	}
	if len(all) != 1200+3 { // the row without an id is not checked
		t.Fatalf("%d rows logged by the shards, want 1203", len(all))
	}
	// Positions order rows as a single run reads them.
	r, _ := OpenSet(files, "", nil, Shard{})
	var order []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var re *RowError
		switch {
		case err == nil:
			order = append(order, fmt.Sprint(rec.ID, rec.Line))
		case errors.As(err, &re) && strings.Contains(re.Reason, "duplicate id"):
			order = append(order, fmt.Sprint(re.ID, re.Line))
		}
	}
	r.Close()
	slices.SortFunc(all, func(a, b row) int { return cmp.Compare(a.pos, b.pos) })
	var byPos []string
	for _, x := range all {
		byPos = append(byPos, fmt.Sprint(x.id, x.line))
	}
	if !slices.Equal(byPos, order) {
		t.Errorf("positions order rows otherwise than a single run reads them:\n%v\n%v", byPos[:8], order[:8])
	}

	// The later P0003s, given as repeats, are rejected as a single run
	// rejects them.
	repeats := []uint64{RowPosition(0, 1101), RowPosition(1, 3)}
	set := map[uint64]struct{}{repeats[0]: {}, repeats[1]: {}}
	var rejected []string
	for i := range 3 {
		r, err := OpenSetIDs(files, "", nil, Shard{Index: i, Count: 3}, IDCheck{Repeats: set})
		if err != nil {
			t.Fatal(err)
		}
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			var re *RowError
			if errors.As(err, &re) && strings.Contains(re.Reason, `duplicate id "P0003"`) {
				rejected = append(rejected, fmt.Sprint(filepath.Base(re.File), re.Line))
			}
		}
		r.Close()
	}
	slices.Sort(rejected)
	if want := []string{"a.parquet1101", "b.csv3"}; !slices.Equal(rejected, want) {
		t.Errorf("rejected as repeats: %v, want %v", rejected, want)
	}

	got, err := ReadPositions(files, "", nil, []uint64{RowPosition(1, 5), RowPosition(0, 1101), RowPosition(0, 2)})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, rec := range got {
		ids = append(ids, fmt.Sprint(rec.ID, rec.FamilyName, rec.Line))
	}
	if want := []string{"P0001Kim2", "P0003Kim1101", "C2Han5"}; !slices.Equal(ids, want) {
		t.Errorf("ReadPositions: %v, want %v", ids, want)
	}
	for _, bad := range []uint64{RowPosition(1, 4), RowPosition(1, 9), RowPosition(0, 1201), RowPosition(2, 1)} {
		if _, err := ReadPositions(files, "", nil, []uint64{bad}); err == nil {
			t.Errorf("ReadPositions of file %d line %d: no error", PositionFile(bad), PositionLine(bad))
		}
	}
}

// TestStatsFileIDs: a statistics file gives back its people's rows and
// its ids, in order; one written before the ids were kept is refused
// with a message that says what to do.
func TestStatsFileIDs(t *testing.T) {
	dir := t.TempDir()
	rows := []StatsRow{{QueryID: "Q1", FamilyCount: 3}, {QueryID: "Q2", NamesCount: 0}}
	var ids []IDEntry
	for i := range 5000 {
		ids = append(ids, IDEntry{IDFingerprint(fmt.Sprint("id", i)), RowPosition(i%3, int64(i+1))})
	}
	slices.SortFunc(ids, func(a, b IDEntry) int {
		if a.Fingerprint < b.Fingerprint {
			return -1
		}
		return 1
	})
	path := filepath.Join(dir, "s.parquet")
	if err := WriteStatsFile(path, rows, ids, map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	gotRows, meta, err := ReadStatsFile(path)
	if err != nil || !slices.Equal(gotRows, rows) || meta["k"] != "v" {
		t.Fatalf("ReadStatsFile: %v, %v, %v", gotRows, meta, err)
	}
	s, err := OpenStatsIDs(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []IDEntry
	for {
		e, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	s.Close()
	if !slices.Equal(got, ids) {
		t.Errorf("%d ids read back of %d, or not the same", len(got), len(ids))
	}

	// Ids out of order are not written, and not read.
	if err := WriteStatsFile(path, rows, []IDEntry{ids[1], ids[0]}, nil); err == nil {
		t.Error("ids out of order written")
	}
	f, _ := os.Create(path)
	w := parquet.NewGenericWriter[statsFileRow](f)
	w.Write([]statsFileRow{{IDBlock: appendIDBlock(nil, ids[2:4])}, {IDBlock: appendIDBlock(nil, ids[:2])}})
	w.Close()
	f.Close()
	s, _ = OpenStatsIDs(path)
	for range 2 {
		s.Next()
	}
	if _, err := s.Next(); err == nil || !strings.Contains(err.Error(), "not sorted") {
		t.Errorf("ids out of order: %v", err)
	}
	s.Close()
	// A block cut inside an id.
	f, _ = os.Create(path)
	w = parquet.NewGenericWriter[statsFileRow](f)
	b := appendIDBlock(nil, ids[:2])
	w.Write([]statsFileRow{{IDBlock: b[:len(b)-1]}})
	w.Close()
	f.Close()
	s, _ = OpenStatsIDs(path)
	s.Next()
	if _, err := s.Next(); err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("a block cut inside an id: %v", err)
	}
	s.Close()

	// A file from before: the people's columns only.
	old := filepath.Join(dir, "old.parquet")
	f, _ = os.Create(old)
	wo := parquet.NewGenericWriter[oldStatsRow](f)
	wo.Write([]oldStatsRow{{QueryID: "Q1"}})
	wo.Close()
	f.Close()
	if _, _, err := ReadStatsFile(old); err == nil || !strings.Contains(err.Error(), "run kinlink stats (and stats merge) again") {
		t.Errorf("statistics from before the ids: %v", err)
	}
}

// oldStatsRow is a statistics file's row as kinlink wrote it before the
// ids were kept.
type oldStatsRow struct {
	QueryID          string `parquet:"query_id"`
	FamilyCount      int64  `parquet:"family_count"`
	GivenCount       int64  `parquet:"given_count"`
	NamesCount       int64  `parquet:"names_count"`
	NamesFar         int64  `parquet:"names_far_count"`
	NamesRoundPairs  int64  `parquet:"names_round_pairs"`
	GivenRoundPairs  int64  `parquet:"given_round_pairs"`
	FamilyRoundPairs int64  `parquet:"family_round_pairs"`
}

// TestSortIDs: SortIDs orders ids as a plain sort does, with repeated
// fingerprints and uneven buckets, above and below the size at which it
// sorts by buckets.
func TestSortIDs(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1 << 16, 300_000} {
		ids := make([]IDEntry, n)
		for i := range ids {
			f := IDFingerprint(fmt.Sprint("id", i))
			switch i % 7 {
			case 0:
				f = IDFingerprint(fmt.Sprint("id", i/70)) // repeats
			case 1:
				f &= 0x00ff_ffff_ffff_ffff // a crowded first bucket
			}
			ids[i] = IDEntry{f, uint64(n - i)}
		}
		want := slices.Clone(ids)
		slices.SortFunc(want, compareIDs)
		SortIDs(ids)
		if !slices.Equal(ids, want) {
			t.Errorf("%d ids: SortIDs differs from a plain sort", n)
		}
	}
}

func BenchmarkSortIDs(b *testing.B) {
	ids := make([]IDEntry, 1_000_000)
	for i := range ids {
		ids[i] = IDEntry{IDFingerprint(fmt.Sprint("id", i)), uint64(i)}
	}
	work := make([]IDEntry, len(ids))
	for _, sorter := range []struct {
		name string
		sort func([]IDEntry)
	}{{"buckets", SortIDs}, {"plain", func(s []IDEntry) { slices.SortFunc(s, compareIDs) }}} {
		b.Run(sorter.name, func(b *testing.B) {
			for b.Loop() {
				copy(work, ids)
				sorter.sort(work)
			}
		})
	}
}
