package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	review "kinlink/report"
)

// The review loop from the command line: generate, match, report with
// records and truth, then the decisions CSV goes back in as truth and as
// earlier decisions.
func TestReportEndToEnd(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := kinlink(t, "", "generate", "--seed", "3", "--missing", "12", "--archive", "3000", "--out", dir); code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	m := filepath.Join(dir, "m.parquet")
	if code, _, stderr := kinlink(t, "", "match", "--missing", filepath.Join(dir, "missing.csv"), "--archive", filepath.Join(dir, "archive.csv"),
		"--out", m, "--threshold", "0", "--top", "5", "--progress", "never"); code != 0 {
		t.Fatalf("match: %s", stderr)
	}
	html := filepath.Join(dir, "r.html")
	code, _, stderr := kinlink(t, "", "report", "--matches", m, "--missing", filepath.Join(dir, "missing.csv"),
		"--archive", filepath.Join(dir, "archive.csv"), "--labels", filepath.Join(dir, "truth.csv"), "--out", html)
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "12 people sought, 60 candidates") || !strings.Contains(stderr, "file://") {
		t.Errorf("summary %q", stderr)
	}
	st, err := os.Stat(html)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("report mode %v: it holds personal data", st.Mode().Perm())
	}
	d := readData(t, html)
	if d.Counts.People != 12 || !d.Run.Missing || !d.Run.Archive || !d.Run.Model || !d.Run.Structured || d.Labels == nil || d.Labels.TruePairs == 0 {
		t.Errorf("report data: counts %+v, run %+v, labels %v", d.Counts, d.Run, d.Labels != nil)
	}
	for _, p := range d.People {
		if p.Rec == nil {
			t.Errorf("%s has no record although --missing was given", p.ID)
		}
		for _, c := range p.Cands {
			if c.Rec == nil {
				t.Errorf("%s/%s has no record although --archive was given", p.ID, c.ID)
			}
			var sum float64
			for _, w := range c.Wt {
				sum += float64(w)
			}
			if diff := sum + float64(c.Prior) - float64(c.W); diff > 0.001 || diff < -0.001 {
				t.Errorf("%s/%s: contributions add up to %.4f, weight %.4f", p.ID, c.ID, sum+float64(c.Prior), float64(c.W))
			}
		}
	}

	// Decisions as an analyst exports them go back as truth and labels,
	// and into the next report.
	first := d.People[0]
	decisions := filepath.Join(dir, "decisions.csv")
	f, _ := os.Create(decisions)
	review.WriteDecisions(f, []review.Decision{
		{ReportID: d.ReportID, QueryID: first.ID, CandidateID: first.Cands[0].ID, Rank: "1", Decision: "confirm", Note: "=checked"},
		{ReportID: d.ReportID, QueryID: first.ID, CandidateID: first.Cands[1].ID, Rank: "2", Decision: "reject"},
	})
	f.Close()
	code, out, stderr := kinlink(t, "", "evaluate", "--matches", m, "--truth", decisions, "--json")
	if code != 0 || !strings.Contains(out, `"precision"`) {
		t.Errorf("evaluate --truth decisions: exit %d, %s %s", code, out, stderr)
	}
	md := filepath.Join(dir, "r.md")
	if code, _, stderr := kinlink(t, "", "report", "--matches", m, "--decisions", decisions, "--query-ids", first.ID, "--out", md); code != 0 {
		t.Fatalf("report --format md: %s", stderr)
	}
	b, _ := os.ReadFile(md)
	if !strings.Contains(string(b), "| confirm: =checked |") || strings.Count(string(b), "\n### ") != 1 {
		t.Errorf("markdown report for one person with decisions:\n%s", b)
	}
}

func readData(t *testing.T, path string) review.Data {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="kinlink-data">(.*?)</script>`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no data block")
	}
	var d review.Data
	if err := json.Unmarshal(m[1], &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestReportRefusesItsInputs(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "m.parquet")
	os.WriteFile(m, []byte("not parquet"), 0o600)
	missing := writeCSV(t, dir, "people.csv", "id,name\n1,Kim\n")
	link := filepath.Join(dir, "link.html")
	if err := os.Symlink(missing, link); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{
		{"--matches", m, "--out", m},
		{"--matches", m, "--missing", missing, "--out", filepath.Join(dir, ".", "people.csv")},
		{"--matches", m, "--missing", missing, "--out", link}, // the same file through a link
		{"--matches", m, "--labels", missing, "--out", missing},
	} {
		code, _, stderr := kinlink(t, "", append([]string{"report"}, args...)...)
		if code != 2 || !strings.Contains(stderr, "never writes over its inputs") {
			t.Errorf("report %v: exit %d, %q", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile(missing); string(b) != "id,name\n1,Kim\n" {
		t.Error("an input was overwritten")
	}
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := kinlink(t, "", "generate", "--seed", "5", "--missing", "5", "--archive", "500", "--out", dir); code != 0 {
		t.Fatal(stderr)
	}
	m := filepath.Join(dir, "m.parquet")
	if code, _, stderr := kinlink(t, "", "match", "--missing", filepath.Join(dir, "missing.csv"), "--archive", filepath.Join(dir, "archive.csv"),
		"--out", m, "--threshold", "0", "--progress", "never"); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "r.html")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--out", out}, 2, "--matches is required"},
		{[]string{"--matches", m}, 2, "--out is required"},
		{[]string{"--matches", m, "--out", out, "--format", "pdf"}, 2, "html or md"},
		{[]string{"--matches", m, "--out", out, "--min-probability", "2"}, 2, "between 0 and 1"},
		{[]string{"--matches", m, "--out", out, "--max-people", "3"}, 1, "would hold 5 people sought, more than --max-people 3"},
		{[]string{"--matches", filepath.Join(dir, "missing.csv"), "--out", out}, 1, "not a readable Parquet file"},
		{[]string{"--matches", m, "--out", out, "--decisions", filepath.Join(dir, "truth.csv")}, 1, "no column decision"},
	} {
		code, _, stderr := kinlink(t, "", append([]string{"report"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("report %v: exit %d (want %d), stderr %q (want %q)", c.args, code, c.code, stderr, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("report %v failed but left %s", c.args, out)
			os.Remove(out)
		}
	}
	// --max-people's message says how to split; --query-ids does it.
	ids := writeCSV(t, dir, "ids.txt", "M0001\nM0002\n")
	code, _, stderr := kinlink(t, "", "report", "--matches", m, "--out", out, "--max-people", "3", "--query-ids", ids)
	if code != 0 || !strings.Contains(stderr, "2 people sought") {
		t.Errorf("--query-ids FILE: exit %d, %q", code, stderr)
	}
	code, _, stderr = kinlink(t, "", "report", "--matches", m, "--out", out, "--query-ids", "M0003,M0004,M0005")
	if code != 0 || !strings.Contains(stderr, "3 people sought") {
		t.Errorf("--query-ids LIST: exit %d, %q", code, stderr)
	}
}
