package records

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Cells that already start with quotes before a formula character get
// one more quote, so that every cell reads back as it was; numbers are
// quoted like any other cell that starts with a sign.
func TestSpreadsheetSafeRoundTrip(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"-3.2", "'-3.2"},
		{"'=1", "''=1"},
		{"''-3", "'''-3"},
		{"'quoted'", "'quoted'"},
		{"'", "'"},
		{"O'Brien", "O'Brien"},
		{"李=", "李="},
	} {
		got := SpreadsheetSafe(c.in)
		if got != c.want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", c.in, got, c.want)
		}
		if back := FromSpreadsheetSafe(got); back != c.in {
			t.Errorf("FromSpreadsheetSafe(%q) = %q, want %q back", got, back, c.in)
		}
	}
}

// FuzzCellRoundTrip: every string comes back from SpreadsheetSafe and
// FromSpreadsheetSafe unchanged, and what is written never starts a formula.
func FuzzCellRoundTrip(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''-x", "-1", "+", "a", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := SpreadsheetSafe(s)
		if back := FromSpreadsheetSafe(w); back != s {
			t.Fatalf("%q written as %q reads back as %q", s, w, back)
		}
		if w != "" && strings.ContainsRune("=+-@\t\r", rune(w[0])) {
			t.Fatalf("%q written as %q starts a formula", s, w)
		}
	})
}

// The ids of a labels file come back as they were before kinlink
// neutralised them, and the decision cell is read after the same undoing.
func TestReadLabelsRestoresCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.csv")
	body := "report_id,query_id,candidate_id,rank,match_weight,decision,note,decided_at\n" +
		"r1,'=M1,'-A7,1,-3.5,confirm,'@note,2026-12-02T10:00:00Z\n" +
		"r1,''+M2,A8,2,4.0,reject,,\n" +
		"r1,M3,A9,1,1.0,unsure,,\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Label{
		{QueryID: "=M1", CandidateID: "-A7", Match: true, Note: "@note"},
		{QueryID: "'+M2", CandidateID: "A8", Match: false},
	}
	if len(got) != len(want) {
		t.Fatalf("read %d labels, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("label %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// Generated records written as CSV hold no cell that starts a formula,
// and read back as they were written (the rejects file: TestSpreadsheetSafe).
func TestCSVWritersNeutralize(t *testing.T) {
	dir := t.TempDir()
	recPath := filepath.Join(dir, "records.csv")
	w, err := CreateCSVTable(recPath, false)
	if err != nil {
		t.Fatal(err)
	}
	rec := Record{ID: "=1+1", FamilyName: "@Kim", GivenName: "-Ho", BirthPlace: "+Seoul", AltNames: "'=x"}
	if err := w.Record(&rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(recPath)
	line := strings.Split(string(b), "\n")[1]
	if want := `'=1+1,'@Kim,'-Ho,,,,'+Seoul,''=x,`; line != want {
		t.Errorf("record written as %q, want %q", line, want)
	}
	r, err := OpenCSV(recPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	back, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	if back.ID != rec.ID || back.FamilyName != rec.FamilyName || back.GivenName != rec.GivenName ||
		back.BirthPlace != rec.BirthPlace || back.AltNames != rec.AltNames {
		t.Errorf("read back %+v, want %+v", back, rec)
	}

}
