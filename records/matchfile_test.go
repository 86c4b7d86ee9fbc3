package records

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// fullMatches are rows with every column set, a null year gap among them,
// and names in three scripts.
func fullMatches() []Match {
	d := int32(-1)
	return []Match{
		{QueryID: "M1", CandidateID: "A7", Rank: 1, MatchProbability: 0.99, MatchWeight: 6.6,
			JWFamily: 1, JWGiven: 0.96, NameOrder: "direct", BirthYearDiff: &d,
			QueryName: "Lee Ho-rim", CandidateName: "리 호림", Explanation: "family exact lee +3.0; ...",
			LevelFamily: "exact", LevelGiven: "jw>=0.95", LevelBirthYear: "off by 1", LevelSex: "agree", LevelBirthPlace: "missing",
			WeightFamily: 3, WeightGiven: 3.9, WeightBirthYear: 2, WeightSex: 1, WeightBirthPlace: 0, WeightPrior: -3.3,
			TFFamily: 0.1},
		{QueryID: "M1", CandidateID: "A9", Rank: 2, MatchProbability: 0.2, MatchWeight: -2,
			NameOrder: "swapped", QueryName: "Lee Ho-rim", CandidateName: "Horim LEE", Explanation: "x",
			LevelFamily: "else", LevelGiven: "exact", LevelBirthYear: "missing", LevelSex: "missing", LevelBirthPlace: "missing",
			WeightFamily: -3.8, WeightGiven: 5, WeightPrior: -3.2, TFGiven: 0.02},
		{QueryID: "M2", CandidateID: "A3", Rank: 1, MatchProbability: 0.9, MatchWeight: 3.2,
			NameOrder: "direct", QueryName: "Ōno Shin'ichi", CandidateName: "おおの しんいち", Explanation: "<b>&\"</script>"},
	}
}

func writeMatchFile(t testing.TB, path string, rows []Match, meta map[string]string) {
	t.Helper()
	w, err := CreateMatches(path, meta)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestReadMatchFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.parquet")
	meta := map[string]string{"kinlink.version": "9.9", "kinlink.config": `{"top":10}`}
	want := fullMatches()
	writeMatchFile(t, path, want, meta)
	mf, err := ReadMatchFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mf.Rows, want) {
		t.Errorf("rows differ:\n got %+v\nwant %+v", mf.Rows, want)
	}
	for k, v := range meta {
		if mf.Meta[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, mf.Meta[k], v)
		}
	}
	for _, mc := range matchColumns {
		if !mf.Has[mc.name] {
			t.Errorf("column %s not reported present", mc.name)
		}
	}
}

// Every column of Match is read: the list of readers and the struct must
// not drift apart when a column is added.
func TestMatchColumnsCoverMatch(t *testing.T) {
	var names []string
	for _, c := range parquet.SchemaOf(Match{}).Columns() {
		names = append(names, strings.Join(c, "."))
	}
	var have []string
	for _, mc := range matchColumns {
		have = append(have, mc.name)
	}
	if !reflect.DeepEqual(names, have) {
		t.Errorf("Match has columns %v, ReadMatchFile reads %v", names, have)
	}
}

// A file of an older kinlink (without the weight columns), with 64-bit
// ranks and integer ids as another tool might write it, reads with zero
// values where it has no column.
func TestReadMatchFileOlderColumns(t *testing.T) {
	type oldRow struct {
		QueryID     int64   `parquet:"query_id"`
		CandidateID string  `parquet:"candidate_id"`
		Rank        int64   `parquet:"rank"`
		P           float32 `parquet:"match_probability"`
		Explanation string  `parquet:"explanation"`
	}
	path := writeParquet(t, []oldRow{{7, "A1", 1, 0.5, "family exact +3.0"}, {8, "A2", 1, 0.25, ""}})
	mf, err := ReadMatchFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Match{
		{QueryID: "7", CandidateID: "A1", Rank: 1, MatchProbability: 0.5, Explanation: "family exact +3.0"},
		{QueryID: "8", CandidateID: "A2", Rank: 1, MatchProbability: 0.25},
	}
	if !reflect.DeepEqual(mf.Rows, want) {
		t.Errorf("rows = %+v, want %+v", mf.Rows, want)
	}
	if mf.Has["weight_family"] || !mf.Has["explanation"] {
		t.Errorf("Has = %v", mf.Has)
	}
}

func TestReadMatchFileErrors(t *testing.T) {
	dir := t.TempDir()
	type noRank struct {
		QueryID     string `parquet:"query_id"`
		CandidateID string `parquet:"candidate_id"`
	}
	type textRank struct {
		QueryID     string `parquet:"query_id"`
		CandidateID string `parquet:"candidate_id"`
		Rank        string `parquet:"rank"`
	}
	csvPath := filepath.Join(dir, "m.parquet")
	os.WriteFile(csvPath, []byte("query_id,candidate_id\n"), 0o600)
	for _, c := range []struct {
		path, want string
	}{
		{csvPath, "not a readable Parquet file"},
		{writeParquetTo(t, filepath.Join(dir, "a.parquet"), []noRank{{"M1", "A1"}}), "no column rank"},
		{writeParquetTo(t, filepath.Join(dir, "b.parquet"), []textRank{{"M1", "A1", "one"}}), "column rank has type"},
		{filepath.Join(dir, "absent.parquet"), "no such file"},
	} {
		_, err := ReadMatchFile(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
			t.Errorf("ReadMatchFile(%s): err = %v, want one naming the file and %q", filepath.Base(c.path), err, c.want)
		}
	}
}

// A page header altered to claim a 1 GB page (which also pushes the page
// past the end of its column chunk) is caught before parquet-go reads
// the page, by the same walk of the page headers as the record reader's.
func TestReadMatchFileCorruptPage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.parquet")
	writeMatchFile(t, path, fullMatches(), nil)
	f, pf, err := openParquetFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := pf.Metadata().RowGroups[0].Columns[len(matchColumns)-1].MetaData // tf_given
	pos := md.DataPageOffset
	if md.DictionaryPageOffset > 0 && md.DictionaryPageOffset < pos {
		pos = md.DictionaryPageOffset
	}
	f.Close()
	b, _ := os.ReadFile(path)
	// The page header starts with field 1, the page type, then field 2,
	// the uncompressed size as a zigzag varint: make it claim 1 GB+.
	if b[pos] != 0x15 || b[pos+2] != 0x15 {
		t.Skipf("unexpected page header layout % x", b[pos:pos+8])
	}
	bad := append(append(append([]byte{}, b[:pos+3]...), 0xfe, 0xff, 0xff, 0xff, 0x0f), b[pos+3:]...)
	// The inserted bytes shift everything after them: shorten the varint
	// that was there by dropping its old bytes (a varint ends at the first
	// byte below 0x80).
	end := pos + 8
	for bad[end] >= 0x80 {
		end++
	}
	bad = append(bad[:pos+8], bad[end+1:]...)
	corrupt := filepath.Join(t.TempDir(), "bad.parquet")
	os.WriteFile(corrupt, bad, 0o600)
	_, err = ReadMatchFile(corrupt)
	if err == nil || !strings.Contains(err.Error(), "tf_given") {
		t.Errorf("err = %v, want one naming the column", err)
	}
}

// FuzzReadMatchFile: arbitrary bytes, seeded with valid matches files,
// give rows or an error, never a panic.
func FuzzReadMatchFile(f *testing.F) {
	dir := f.TempDir()
	for i, rows := range [][]Match{fullMatches(), fullMatches()[:1], nil} {
		p := filepath.Join(dir, "seed"+string(rune('a'+i))+".parquet")
		writeMatchFile(f, p, rows, map[string]string{"kinlink.rows": "{}"})
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.parquet")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		mf, err := ReadMatchFile(p)
		if err == nil && mf == nil {
			t.Fatal("no file and no error")
		}
	})
}

// TestMatchStreamReadsWhatReadMatchFileReads: row groups, small pages,
// nulls: the stream gives the same rows, in order.
func TestMatchStreamReadsWhatReadMatchFileReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[Match](f, parquet.MaxRowsPerRowGroup(700), parquet.PageBufferSize(512),
		parquet.KeyValueMetadata("kinlink.rows", "{}"))
	var rows []Match
	for i := range 3000 {
		m := Match{QueryID: fmt.Sprintf("Q%04d", i/10), CandidateID: fmt.Sprintf("C%06d", i*7919%10007), Rank: int32(i%10 + 1),
			MatchWeight: float64(i) / 3, Explanation: strings.Repeat("x", i%50), NameOrder: "direct"}
		if i%3 == 0 {
			d := int32(i % 7)
			m.BirthYearDiff = &d
		}
		rows = append(rows, m)
	}
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want, err := ReadMatchFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := OpenMatchStream(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ms.Close()
	if ms.Meta["kinlink.rows"] != "{}" {
		t.Errorf("metadata %v", ms.Meta)
	}
	for i := 0; ; i++ {
		got, err := ms.Next()
		if err == io.EOF {
			if i != len(want.Rows) {
				t.Fatalf("stream gave %d rows, want %d", i, len(want.Rows))
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		w := want.Rows[i]
		if (got.BirthYearDiff == nil) != (w.BirthYearDiff == nil) || got.BirthYearDiff != nil && *got.BirthYearDiff != *w.BirthYearDiff {
			t.Fatalf("row %d: birth_year_diff differs", i)
		}
		got.BirthYearDiff, w.BirthYearDiff = nil, nil
		if got != w {
			t.Fatalf("row %d = %+v, want %+v", i, got, w)
		}
	}
}
