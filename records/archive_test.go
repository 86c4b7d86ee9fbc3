package records

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func TestParseShard(t *testing.T) {
	env := func(vars ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(vars); i += 2 {
				if vars[i] == k {
					return vars[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		in   string
		env  func(string) string
		want Shard
	}{
		{"", env(), Shard{}},
		{"0/1", env(), Shard{0, 1}},
		{"2/7", env(), Shard{2, 7}},
		{"auto/4", env("JOB_COMPLETION_INDEX", "3"), Shard{3, 4}},
		{"auto/4", env("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1"), Shard{3, 4}},
		{"auto/4", env("SLURM_ARRAY_TASK_ID", "2"), Shard{2, 4}},
		{"auto/4", env("AWS_BATCH_JOB_ARRAY_INDEX", "1"), Shard{1, 4}},
		{"auto/4", env("BATCH_TASK_INDEX", "0"), Shard{0, 4}},
		// The explicit flag wins over the environment.
		{"1/4", env("JOB_COMPLETION_INDEX", "3"), Shard{1, 4}},
		// Kubernetes first, when several are set.
		{"auto/4", env("BATCH_TASK_INDEX", "0", "JOB_COMPLETION_INDEX", "2"), Shard{2, 4}},
	}
	for _, c := range cases {
		got, err := ParseShard(c.in, c.env)
		if err != nil || got != c.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []struct {
		in  string
		env func(string) string
	}{
		{"3", env()}, {"4/4", env()}, {"-1/4", env()}, {"0/0", env()}, {"x/4", env()}, {"0/1000001", env()},
		{"auto/4", env()}, {"auto/4", env("JOB_COMPLETION_INDEX", "4")}, {"auto/4", env("JOB_COMPLETION_INDEX", "two")},
		{"auto/4", env("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "2")},
	} {
		if got, err := ParseShard(bad.in, bad.env); err == nil {
			t.Errorf("ParseShard(%q) = %v, accepted", bad.in, got)
		}
	}
}

// writeParquetRecords writes recs to path in row groups of at most 500
// rows, so that a file holds several shard units.
func writeParquetRecords(t *testing.T, path string, recs []Record) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[recordRow](f, parquet.MaxRowsPerRowGroup(500))
	for _, r := range recs {
		if _, err := w.Write([]recordRow{{ID: r.ID, FamilyName: r.FamilyName}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// readIDs reads the ids of a set's shard.
func readIDs(t *testing.T, files []string, root string, shard Shard) []string {
	t.Helper()
	r, err := OpenSet(files, root, nil, shard)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var ids []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return ids
		}
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec.ID)
		// part-0's ids are its row numbers: rows keep their numbers in
		// the file whichever row groups a shard reads.
		var n int64
		if fmt.Sscanf(rec.ID, "R%05d", &n); n >= 1 && n <= 3000 && rec.Line != n {
			t.Errorf("%s read as row %d", rec.ID, rec.Line)
		}
	}
}

// TestShardsPartitionTheArchive: for any shard count, the shards' records
// together are the archive's, each once, in an order that does not depend
// on the order the files were listed in; shards are balanced.
func TestShardsPartitionTheArchive(t *testing.T) {
	dir := t.TempDir()
	var files []string
	var want []string
	n := 0
	for f, size := range []int{3000, 1200, 50, 2500} {
		var recs []Record
		for range size {
			n++
			recs = append(recs, Record{ID: fmt.Sprintf("R%05d", n), FamilyName: "Kim"})
			want = append(want, recs[len(recs)-1].ID)
		}
		p := filepath.Join(dir, fmt.Sprintf("part-%d.parquet", f))
		writeParquetRecords(t, p, recs)
		files = append(files, p)
	}
	csv := filepath.Join(dir, "extra.csv")
	os.WriteFile(csv, []byte("id,family_name\nC1,Lee\nC2,Park\n"), 0o600)
	files = append(files, csv)
	want = append(want, "C1", "C2")
	slices.Sort(want)
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	units, err := listUnits(files)
	if err != nil || len(units) != 6+3+1+5+1 {
		t.Fatalf("%d units, %v; want 16 (row groups of 500, and the CSV file)", len(units), err)
	}
	for _, count := range []int{1, 2, 3, 7} {
		var all []string
		for i := range count {
			ids := readIDs(t, files, "", Shard{i, count})
			again := readIDs(t, reversed, "", Shard{i, count})
			if !slices.Equal(ids, again) {
				t.Errorf("%d shards: shard %d depends on the order of the files", count, i)
			}
			all = append(all, ids...)
		}
		slices.Sort(all)
		if !slices.Equal(all, want) {
			t.Errorf("%d shards: %d records together, want %d, each once", count, len(all), len(want))
		}
	}
}

func TestShardUnitsBalance(t *testing.T) {
	files := []string{"a", "b", "c"}
	var units []unit
	for g := range 30 {
		units = append(units, unit{file: g % 3, group: g / 3, weight: 1000 + int64(g%5)*10})
	}
	for _, count := range []int{2, 3, 4, 7} {
		var loads []int64
		seen := 0
		for i := range count {
			var load int64
			for _, u := range shardUnits(files, units, Shard{i, count}) {
				load += u.weight
				seen++
			}
			loads = append(loads, load)
		}
		if seen != len(units) {
			t.Errorf("%d shards hold %d units, want %d", count, seen, len(units))
		}
		if slices.Max(loads)-slices.Min(loads) > 1040 { // at most one unit apart
			t.Errorf("%d shards: loads %v", count, loads)
		}
	}
}

func TestExpandPathsAndPartitions(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel, text string) string {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	a := mk("archive/origin=ko/region=North%20Hamgyong/part-0.csv", "id,full_name\nK1,Ri Ho Rim\n")
	b := mk("archive/origin=ja/part-0.csv", "id,full_name\nJ1,Ono Shinichi\n")
	mk("archive/_SUCCESS", "")
	mk("archive/.part-0.csv.crc", "x")
	mk("archive/origin=ja/notes.md", "not data")
	got, err := ExpandPaths([]string{filepath.Join(dir, "archive")})
	if err != nil || !slices.Equal(got, []string{b, a}) {
		t.Fatalf("folder: %v, %v; want %v", got, err, []string{b, a})
	}
	glob, err := ExpandPaths([]string{filepath.Join(dir, "archive", "*", "*.csv")})
	if err != nil || !slices.Equal(glob, []string{b}) {
		t.Errorf("glob: %v, %v", glob, err)
	}
	list, err := ExpandPaths([]string{a, b})
	if err != nil || !slices.Equal(list, []string{b, a}) {
		t.Errorf("list: %v, %v", list, err)
	}
	for _, bad := range [][]string{{a, a}, {filepath.Join(dir, "none*.csv")}, {filepath.Join(dir, "absent.csv")}, {t.TempDir()}} {
		if got, err := ExpandPaths(bad); err == nil {
			t.Errorf("ExpandPaths(%v) = %v, accepted", bad, got)
		}
	}
	// The partition folders give the origin column; region is no field.
	r, err := OpenSet(got, filepath.Join(dir, "archive"), nil, Shard{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	origins := map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		origins[rec.ID] = rec.Origin
	}
	if origins["K1"] != "ko" || origins["J1"] != "ja" {
		t.Errorf("origins from partitions: %v", origins)
	}
	if !strings.Contains(r.Columns(), "origin=origin") {
		t.Errorf("columns %q do not name the partition column", r.Columns())
	}
}

// TestDuplicateIDsAcrossFiles: an id repeated in another file of the set
// is a row error naming that file.
func TestDuplicateIDsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte("id,full_name\nX1,Kim Ho\n"), 0o600)
	os.WriteFile(b, []byte("id,full_name\nX2,Lee Ho\nX1,Park Ho\n"), 0o600)
	r, err := OpenSet([]string{a, b}, "", nil, Shard{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rejects []*RowError
	recs, err := ReadAll(r, func(e *RowError) error { rejects = append(rejects, e); return nil })
	if err != nil || len(recs) != 2 || len(rejects) != 1 || rejects[0].File != b || rejects[0].Line != 3 {
		t.Fatalf("recs %v, rejects %+v, err %v", recs, rejects, err)
	}
}

// TestDuplicateIDsReadAhead: ids are checked some rows ahead of the rows
// returned; a repeat is still found wherever it falls (in the batch of its
// first row, the next one, across files), and named with its own file
// and line.
func TestDuplicateIDsReadAhead(t *testing.T) {
	dir := t.TempDir()
	repeats := map[int]int{10: 3, idBatch - 1: idBatch - 2, idBatch: idBatch - 3, 2*idBatch + 5: 2*idBatch + 4, 150: 0}
	var files []string
	var want []string
	for f, rows := range [][2]int{{0, 100}, {100, 3*idBatch + 7}} {
		var sb strings.Builder
		sb.WriteString("id,full_name\n")
		path := filepath.Join(dir, fmt.Sprintf("%c.csv", 'a'+f))
		for i := rows[0]; i < rows[1]; i++ {
			id := i
			if j, ok := repeats[i]; ok {
				id = j
				want = append(want, fmt.Sprintf("%s:%d", path, i-rows[0]+2))
			}
			fmt.Fprintf(&sb, "X%d,Kim Ho\n", id)
		}
		os.WriteFile(path, []byte(sb.String()), 0o600)
		files = append(files, path)
	}
	r, err := OpenSet(files, "", nil, Shard{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	recs, err := ReadAll(r, func(e *RowError) error { got = append(got, fmt.Sprintf("%s:%d", e.File, e.Line)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) || len(recs) != 3*idBatch+7-len(want) {
		t.Errorf("%d records, repeats found at %v, want %v", len(recs), got, want)
	}
}
