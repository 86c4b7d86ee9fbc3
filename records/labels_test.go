package records

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallMatches are rows of a matches file, in output order.
var smallMatches = []MatchRow{
	{"M0001", "A0000001", 1, 0.99},
	{"M0001", "A0000009", 2, 0.80},
	{"M0002", "A0000008", 1, 0.60},
	{"M0099", "A0000004", 1, 0.90},
}

func TestReadMatchesParquet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "matches.parquet")
	w, err := CreateMatches(path, map[string]string{"test": "yes"})
	if err != nil {
		t.Fatal(err)
	}
	var rows []Match
	for _, m := range smallMatches {
		rows = append(rows, Match{QueryID: m.QueryID, CandidateID: m.CandidateID, Rank: int32(m.Rank),
			MatchProbability: m.MatchProbability, NameOrder: "direct", Explanation: "x"})
	}
	if err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadMatches(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(smallMatches) {
		t.Fatalf("read %d rows, want %d", len(got), len(smallMatches))
	}
	for i := range got {
		if got[i] != smallMatches[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], smallMatches[i])
		}
	}
}

func TestReadMatchesParquetErrors(t *testing.T) {
	dir := t.TempDir()
	notParquet := filepath.Join(dir, "m.parquet")
	os.WriteFile(notParquet, []byte("query_id,candidate_id\n"), 0o600)
	if _, err := ReadMatches(notParquet); err == nil || !strings.Contains(err.Error(), notParquet) {
		t.Errorf("CSV read as Parquet: err = %v, want one naming the file", err)
	}
	// A generated truth file is Parquet without a rank column.
	tw, err := CreateParquetTable(filepath.Join(dir, "truth.parquet"), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.Truth(&Truth{QueryID: "M1", CandidateID: "A1"}); err != nil {
		t.Fatal(err)
	}
	if err := tw.Commit(); err != nil {
		t.Fatal(err)
	}
	_, err = ReadMatches(filepath.Join(dir, "truth.parquet"))
	if err == nil || !strings.Contains(err.Error(), "no column rank") {
		t.Errorf("truth read as matches: err = %v, want no column rank", err)
	}
}

func TestReadTruthErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, text, want string }{
		{"empty.csv", "", "empty file"},
		{"nocol.csv", "query,candidate\nM1,A1\n", "no column query_id"},
		{"blank.csv", "query_id,candidate_id\nM1,A1\nM2,\n", "line 3"},
	} {
		p := filepath.Join(dir, c.name)
		os.WriteFile(p, []byte(c.text), 0o600)
		_, err := ReadTruth(p)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: err = %v, want %q and the file name", c.name, err, c.want)
		}
	}
	// Columns are found by name, in any order; origin and variation are optional.
	p := filepath.Join(dir, "order.csv")
	os.WriteFile(p, []byte("candidate_id,query_id\nA7,M1\n"), 0o600)
	got, err := ReadTruth(p)
	if err != nil || len(got) != 1 || got[0] != (Truth{QueryID: "M1", CandidateID: "A7"}) {
		t.Errorf("reordered columns: %+v, %v", got, err)
	}
}

// FuzzReadTruthCSV: any file either reads or fails with an error naming it;
// it never panics, and every pair read has both ids.
func FuzzReadTruth(f *testing.F) {
	f.Add([]byte("query_id,candidate_id,origin,variation\nM0001,A0000001,ja,system:kunrei;birth_year:same\nM0003,A0000005,ko,order:given_first\n"))
	f.Add([]byte("query_id,candidate_id\n\"M1\",A1\n"))
	f.Add([]byte("candidate_id,query_id,origin\nA1,M1\n,\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "truth.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := ReadTruth(p)
		if err != nil {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for _, x := range got {
			if x.QueryID == "" || x.CandidateID == "" {
				t.Errorf("pair with an empty id: %+v", x)
			}
		}
	})
}

func TestReadLabelsDecisions(t *testing.T) {
	p := filepath.Join(t.TempDir(), "decisions.csv")
	text := "report_id,query_id,candidate_id,rank,match_weight,decision,note,decided_at\n" +
		"r1,M1,A1,1,9.5,confirm,married name,2026-12-01T10:00:00Z\n" +
		"r1,M1,A2,2,3.0,reject,,2026-12-01T10:01:00Z\n" +
		"r1,M2,A9,1,4.0,unsure,ask the family,2026-12-01T10:02:00Z\n"
	os.WriteFile(p, []byte(text), 0o600)
	got, err := ReadLabels(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []Label{{QueryID: "M1", CandidateID: "A1", Match: true, Note: "married name"}, {QueryID: "M1", CandidateID: "A2"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("labels = %+v, want %+v", got, want)
	}
	truth, err := ReadTruth(p)
	if err != nil || len(truth) != 1 || truth[0].CandidateID != "A1" {
		t.Errorf("truth from decisions = %+v, %v; want the confirmed pair only", truth, err)
	}
	os.WriteFile(p, []byte("query_id,candidate_id,decision\nM1,A1,perhaps\n"), 0o600)
	if _, err := ReadLabels(p); err == nil || !strings.Contains(err.Error(), "line 2, column decision") {
		t.Errorf("unknown decision: err = %v, want one naming line 2 and the column", err)
	}
}
