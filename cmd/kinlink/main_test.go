package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"kinlink/records"
)

// kinlink runs one command line in-process and returns its exit code,
// stdout and stderr.
func kinlink(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := kinlink(t, "", "help")
	if code != 0 {
		t.Fatalf("help exited %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("help does not list %s:\n%s", c.name, out)
		}
		if c.run == nil {
			continue
		}
		code, usage, stderr := kinlink(t, "", c.name, "--help")
		if code != 0 || !strings.HasPrefix(usage, "Usage: kinlink "+c.name) || strings.Count(usage, "Usage:") != 1 {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", c.name, code, usage, stderr)
		}
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	cases := [][]string{
		{},
		{"frobnicate"},
		{"match"},
		{"match", "--missing", "m.csv", "--archive", "a.csv"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--threshold", "1.5"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--map", "nick=x"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--progress", "loud"},
		{"match", "--no-such-flag"},
		// Hostile values: out of range, overflowing, not a number.
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--top", "3074457345618258603"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--top", "0"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--batch", "100000000000"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--batch", "0"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--workers", "100000"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--workers", "-1"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--threshold", "NaN"},
		{"match", "--missing", "m.csv", "--archive", "a.csv", "--out", "o.parquet", "--threshold", "-Inf"},
		{"generate", "--missing", "1", "--archive", "99999999999999", "--out", "d"},
		{"normalize", "--origin", "fr", "Kim"},
		{"evaluate", "--matches", "x.parquet"},
		{"generate", "--format", "xml", "--out", "d"},
	}
	for _, args := range cases {
		code, _, stderr := kinlink(t, "", args...)
		if code != 2 {
			t.Errorf("kinlink %v: exit %d, want 2 (stderr %q)", args, code, stderr)
		}
		if strings.Contains(stderr, "goroutine ") {
			t.Errorf("kinlink %v printed a stack trace", args)
		}
	}
}

func writeCSV(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMatchEndToEnd(t *testing.T) {
	dir := t.TempDir()
	missing := writeCSV(t, dir, "missing.csv", "id,surname,forename,birth_year\n"+
		"M1,Ri,Ho Rim,1934\n"+
		"M2,Ono,Shinichi,1941\n"+
		"M2,Dup,Licate,1941\n")
	archive := writeCSV(t, dir, "archive.csv", "id,full_name,birth_year\n"+
		"A1,Lee Horim,1934\n"+
		"A2,Ono Shinichi,1941\n"+
		"A3,Shinichi Ono,1941\n"+
		"A4,,1950\n"+
		"A5,Tanaka Hanako,19x0\n"+
		"A2,Ono Shinichi,1941\n") // the archive repeats an id
	out := filepath.Join(dir, "out.parquet")
	code, _, stderr := kinlink(t, "", "match", "--missing", missing, "--archive", archive, "--out", out, "--progress", "never")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"3 rows read = 2 used + 1 rejected", "6 rows read = 4 used + 2 rejected (1 used with a warning)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	rows, err := parquet.ReadFile[records.Match](out)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, r := range rows {
		if r.Rank == 1 || r.CandidateID == "A3" {
			found[r.QueryID+"-"+r.CandidateID] = r.NameOrder
		}
	}
	if found["M2-A2"] != "direct" || found["M2-A3"] != "swapped" {
		t.Errorf("Ono Shinichi not found in both orders: %v", found)
	}
	rejects, err := os.ReadFile(filepath.Join(dir, "out.rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`missing.csv,4,id,M2,rejected,"duplicate id`, `archive.csv,7,id,A2,rejected,"duplicate id`,
		"no name", `archive.csv,6,birth_year,A5,warning,"cannot read a birth year`} {
		if !strings.Contains(string(rejects), want) {
			t.Errorf("rejects file lacks %q:\n%s", want, rejects)
		}
	}
}

func TestMatchDataErrorsExit1(t *testing.T) {
	dir := t.TempDir()
	good := writeCSV(t, dir, "good.csv", "id,full_name\nA1,Kim Ho\n")
	cases := []struct {
		missing, archive string
		want             string
	}{
		{filepath.Join(dir, "absent.csv"), good, "absent.csv"},
		{writeCSV(t, dir, "nohead.csv", ""), good, "nohead.csv: empty file"},
		{good, writeCSV(t, dir, "fields.csv", "id,full_name\nA1,Kim,Ho\n"), "fields.csv line 2: 3 fields"},
		{writeCSV(t, dir, "allbad.csv", "id,full_name\nM1,\n"), good, "no usable person sought: all 1 rows were rejected; the reason for each is in"},
		{writeCSV(t, dir, "header.csv", "id,full_name\n"), good, "header.csv: no people sought: the file has a header but no rows"},
	}
	for _, c := range cases {
		out := filepath.Join(dir, "out.parquet")
		code, _, stderr := kinlink(t, "", "match", "--missing", c.missing, "--archive", c.archive, "--out", out, "--progress", "never")
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, c.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("a failed run left %s", out)
		}
		// The rejects file is kept exactly when the message points to it.
		rejects := filepath.Join(dir, "out.rejects.csv")
		_, err := os.Stat(rejects)
		if strings.Contains(stderr, rejects) != (err == nil) {
			t.Errorf("stderr %q; rejects file present: %v", stderr, err == nil)
		}
		os.Remove(rejects)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := kinlink(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "kinlink "+records.Version) {
		t.Fatalf("version: %d %q", code, out)
	}
}

// TestOutputIsByteIdentical runs the same match with different worker
// counts and batch sizes: the Parquet files must be the same bytes.
func TestOutputIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := kinlink(t, "", "generate", "--seed", "3", "--missing", "30", "--archive", "4000", "--out", dir)
	if code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	var first []byte
	out := filepath.Join(dir, "m.parquet") // the same path: it is recorded in the metadata
	for _, flags := range [][]string{{"--workers", "1", "--batch", "1024"}, {"--workers", "3", "--batch", "7"}, {"--workers", "2", "--batch", "100"}} {
		args := append([]string{"match", "--missing", filepath.Join(dir, "missing.csv"), "--archive", filepath.Join(dir, "archive.csv"),
			"--out", out, "--rejects", filepath.Join(dir, "rejects.csv"), "--progress", "never", "--threshold", "0.5"}, flags...)
		if code, _, stderr := kinlink(t, "", args...); code != 0 {
			t.Fatalf("match %v: %s", flags, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
			continue
		}
		if !bytes.Equal(b, first) {
			t.Fatalf("output with %v differs from the first run", flags)
		}
	}
}

// TestInterruptLeavesNoOutput: a run cancelled (as by Ctrl-C) says so,
// exits 1 and leaves nothing under the output's name.
func TestInterruptLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	missing := writeCSV(t, dir, "missing.csv", "id,full_name\nM1,Kim Ho\n")
	archive := writeCSV(t, dir, "archive.csv", "id,full_name\nA1,Kim Ho\n")
	out := filepath.Join(dir, "out.parquet")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := run(ctx, e, []string{"match", "--missing", missing, "--archive", archive, "--out", out, "--progress", "never"})
	if code != 1 || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if en.Name() != "missing.csv" && en.Name() != "archive.csv" {
			t.Errorf("interrupted run left %s", en.Name())
		}
	}
}

func TestNormalizeFieldsAndTable(t *testing.T) {
	// A full name decides its order; family and given fields are taken
	// as given, from flags, tab-separated lines or CSV.
	code, out, stderr := kinlink(t, "", "normalize", "--json", "--origin", "ja", "Hiroshi Higashiura", "--family", "Hiroshi", "--given", "Higashiura")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"key":"higashiura hiroshi"`) || !strings.Contains(lines[1], `"key":"hiroshi higashiura"`) {
		t.Errorf("full name then fields:\n%s", out)
	}
	for _, c := range []struct{ stdin, flag string }{
		{"Hiroshi\tHigashiura\n", ""},
		{"Hiroshi,Higashiura\n", "--csv"},
		{"\"Hiroshi\",\"Higashiura\"\n", "--csv"},
	} {
		args := []string{"normalize", "--json", "--origin", "ja"}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		code, out, stderr := kinlink(t, c.stdin, args...)
		if code != 0 || !strings.Contains(out, `"family":"Hiroshi"`) || !strings.Contains(out, `"key":"hiroshi higashiura"`) {
			t.Errorf("stdin %q %s: exit %d, %s %s", c.stdin, c.flag, code, out, stderr)
		}
	}
	if code, _, stderr := kinlink(t, "a,b,c\n", "normalize", "--csv"); code != 1 || !strings.Contains(stderr, "line 1") {
		t.Errorf("three CSV fields: exit %d, %s", code, stderr)
	}
	// The table lines up names in kanji, kana and Hangul by the columns
	// they take on a terminal (two per character).
	code, out, _ = kinlink(t, "", "normalize", "東浦 洋", "Higashiura Hiroshi", "히가시우라 히로시")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var at []int
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		// the column where ORIGIN starts
		i := strings.Index(l, "  ja ")
		if strings.HasPrefix(l, "INPUT") {
			i = strings.Index(l, "ORIGIN") - 2
		}
		if i < 0 {
			t.Fatalf("no origin column in %q", l)
		}
		at = append(at, displayWidth(l[:i]))
	}
	for _, x := range at[1:] {
		if x != at[0] {
			t.Errorf("columns not aligned (%v):\n%s", at, out)
			break
		}
	}
}

// TestMatchArchiveOfManyFiles: --archive takes a folder (Hive partitions
// giving a column), a glob or a repeated flag, and gives the output a
// single file would.
func TestMatchArchiveOfManyFiles(t *testing.T) {
	dir := t.TempDir()
	missing := writeCSV(t, dir, "missing.csv", "id,family_name,given_name,birth_year\nM1,Ri,Ho Rim,1934\nM2,Ono,Shinichi,1941\n")
	rows := []string{"A1,Lee Horim,1934", "A2,Ono Shinichi,1941", "A3,Shinichi Ono,1941", "A4,Kim Sunja,1930"}
	whole := writeCSV(t, dir, "whole.csv", "id,full_name,birth_year\n"+strings.Join(rows, "\n")+"\n")
	os.MkdirAll(filepath.Join(dir, "parts", "origin=ko"), 0o700)
	os.MkdirAll(filepath.Join(dir, "parts", "origin=ja"), 0o700)
	writeCSV(t, dir, "parts/origin=ko/a.csv", "id,full_name,birth_year\n"+rows[0]+"\n"+rows[3]+"\n")
	writeCSV(t, dir, "parts/origin=ja/b.csv", "id,full_name,birth_year\n"+rows[1]+"\n"+rows[2]+"\n")
	read := func(args ...string) []records.Match {
		t.Helper()
		out := filepath.Join(t.TempDir(), "m.parquet")
		code, _, stderr := kinlink(t, "", append([]string{"match", "--missing", missing, "--out", out, "--progress", "never", "--threshold", "0"}, args...)...)
		if code != 0 {
			t.Fatalf("match %v: exit %d, %s", args, code, stderr)
		}
		got, err := parquet.ReadFile[records.Match](out)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	key := func(ms []records.Match) string {
		var b strings.Builder
		for _, m := range ms {
			fmt.Fprintf(&b, "%s %s %d %.6f\n", m.QueryID, m.CandidateID, m.Rank, m.MatchWeight)
		}
		return b.String()
	}
	want := read("--archive", whole)
	for _, args := range [][]string{
		{"--archive", filepath.Join(dir, "parts")},
		{"--archive", filepath.Join(dir, "parts", "*", "*.csv")},
		{"--archive", filepath.Join(dir, "parts", "origin=ja", "b.csv"), "--archive", filepath.Join(dir, "parts", "origin=ko", "a.csv")},
	} {
		// The folder adds the origin column, which only sharpens the
		// readings; the pairs found are the same.
		got := read(args...)
		if len(got) != len(want) || got[0].CandidateID != want[0].CandidateID {
			t.Errorf("%v:\n%s\nwant\n%s", args, key(got), key(want))
		}
	}
	if code, _, stderr := kinlink(t, "", "match", "--missing", missing, "--archive", filepath.Join(dir, "none*.csv"), "--out", filepath.Join(dir, "x.parquet")); code != 1 || !strings.Contains(stderr, "no file matches") {
		t.Errorf("empty glob: exit %d, %q", code, stderr)
	}
}

func TestColumnsLine(t *testing.T) {
	for in, want := range map[string]string{
		"birth_year=dob,family_name=surname,given_name=name,id=id": "birth_year=dob, family_name=surname, given_name=name, id",
		"family_name=姓,id=番号 | family_name=family_name,id=id":      "family_name=姓, id=番号 | family_name, id",
	} {
		if got := columnsLine(in); got != want {
			t.Errorf("columnsLine(%q) = %q, want %q", in, got, want)
		}
	}
}
