package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"kinlink/match"
)

// archiveRow is a row of a test archive written to Parquet in small row
// groups, so that shards split one file.
type archiveRow struct {
	ID         string `parquet:"id"`
	FamilyName string `parquet:"family_name"`
	GivenName  string `parquet:"given_name"`
	FullName   string `parquet:"full_name"`
	BirthYear  string `parquet:"birth_year"`
	Sex        string `parquet:"sex"`
	BirthPlace string `parquet:"birth_place"`
	AltNames   string `parquet:"alt_names"`
	Origin     string `parquet:"origin"`
}

// shardedArchive generates a data set and writes its archive as a folder:
// half as one Parquet file of many row groups, half as four CSV files.
func shardedArchive(t *testing.T, dir string) (missing, archive string) {
	t.Helper()
	missing, header, rows := generatedArchive(t, dir, "3", "6000")
	archive = filepath.Join(dir, "archive")
	os.MkdirAll(archive, 0o700)
	f, err := os.Create(filepath.Join(archive, "a.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[archiveRow](f, parquet.MaxRowsPerRowGroup(250))
	half := len(rows) / 2
	for _, l := range rows[:half] {
		c := strings.Split(l, ",")
		if len(c) != 9 { // a quoted comma: keep such rows in the CSV half
			rows = append(rows, l)
			continue
		}
		w.Write([]archiveRow{{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]}})
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rest := rows[half:]
	for i := range 4 {
		part := rest[i*len(rest)/4 : (i+1)*len(rest)/4]
		os.WriteFile(filepath.Join(archive, fmt.Sprintf("b-%d.csv", i)), []byte(header+"\n"+strings.Join(part, "\n")+"\n"), 0o600)
	}
	return missing, archive
}

// generatedArchive generates a data set of 40 people sought and archive
// records with seed, and returns the path of its people sought, and its
// archive's CSV header and rows.
func generatedArchive(t *testing.T, dir, seed, archive string) (missing, header string, rows []string) {
	t.Helper()
	gen := filepath.Join(dir, "gen")
	if code, _, stderr := kinlink(t, "", "generate", "--seed", seed, "--missing", "40", "--archive", archive, "--out", gen); code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(gen, "archive.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return filepath.Join(gen, "missing.csv"), lines[0], lines[1:]
}

// runIn runs kinlink in folder dir and fails the test on a non-zero exit.
func runIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	t.Chdir(dir)
	if code, _, stderr := kinlink(t, "", args...); code != 0 {
		t.Fatalf("kinlink %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
}

// TestShardedRunEqualsSingleRun: statistics per shard, merged; a match per
// shard with them; the parts merged: the same bytes as one kinlink match,
// for 1, 2, 3 and 7 shards, in both search modes, output and rejects.
func TestShardedRunEqualsSingleRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs kinlink 30 times")
	}
	dir := t.TempDir()
	missing, archive := shardedArchive(t, dir)
	for _, mode := range []string{"exhaustive", "blocked"} {
		common := []string{"--missing", missing, "--archive", archive, "--progress", "never", "--threshold", "0.2", "--blocking", mode}
		single := filepath.Join(dir, mode, "single")
		os.MkdirAll(single, 0o700)
		runIn(t, single, append([]string{"match", "--out", "m.parquet"}, common...)...)
		want, _ := os.ReadFile(filepath.Join(single, "m.parquet"))
		wantRejects, _ := os.ReadFile(filepath.Join(single, "m.rejects.csv"))
		for _, n := range []int{1, 2, 3, 7} {
			got, gotRejects, _ := shardedRun(t, filepath.Join(dir, mode, fmt.Sprint(n)), missing, archive, n, common)
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %d shards: the merged output differs from a single run's", mode, n)
			}
			if !bytes.Equal(gotRejects, wantRejects) {
				t.Errorf("%s, %d shards: the merged rejects differ:\n%s\nwant\n%s", mode, n, gotRejects, wantRejects)
			}
		}
	}
}

// shardedRun runs the whole sharded pipeline in folder run with n shards:
// statistics per shard, merged; a match per shard; the parts merged. It
// returns the merged output and rejects, and what stats merge said.
func shardedRun(t *testing.T, run, missing, archive string, n int, common []string) (out, rejects []byte, statsMerge string) {
	t.Helper()
	return shardedRunOf(t, run, missing, archive, n, n, common)
}

// shardedRunOf is shardedRun counting the statistics in statsShards
// shards and matching in n.
func shardedRunOf(t *testing.T, run, missing, archive string, statsShards, n int, common []string) (out, rejects []byte, statsMerge string) {
	t.Helper()
	os.MkdirAll(filepath.Join(run, "stats"), 0o700)
	os.MkdirAll(filepath.Join(run, "parts"), 0o700)
	for i := range statsShards {
		runIn(t, run, "stats", "--missing", missing, "--archive", archive, "--progress", "never",
			"--shard", fmt.Sprintf("%d/%d", i, statsShards), "--out", fmt.Sprintf("stats/s-%d.parquet", i))
	}
	code, _, statsMerge := kinlink(t, "", "stats", "merge", "--missing", missing, "--out", "stats.parquet", "stats")
	if code != 0 {
		t.Fatalf("stats merge: exit %d\n%s", code, statsMerge)
	}
	for i := range n {
		runIn(t, run, append([]string{"match", "--stats", "stats.parquet", "--shard", fmt.Sprintf("%d/%d", i, n),
			"--out", fmt.Sprintf("parts/part-%d-of-%d.parquet", i, n)}, common...)...)
	}
	runIn(t, run, "merge", "--out", "m.parquet", "parts")
	out, _ = os.ReadFile(filepath.Join(run, "m.parquet"))
	rejects, _ = os.ReadFile(filepath.Join(run, "m.rejects.csv"))
	return out, rejects, statsMerge
}

// repeatedIDArchives generates a data set and writes its archive twice,
// with ids repeated in rows far apart: as one Parquet file of many row
// groups, and as five CSV files. Some repeats hold other values than the
// first row of their id (a single run keeps the first); one id comes
// three times; one first comes in a row rejected for want of a name (a
// single run then keeps the second); one repeat is in the same file.
func repeatedIDArchives(t *testing.T, dir string) (missing, parquetArchive, filesArchive string) {
	t.Helper()
	missing, header, lines := generatedArchive(t, dir, "4", "4000")
	var rows [][]string
	for _, l := range lines {
		if c := strings.Split(l, ","); len(c) == 9 { // rows without a quoted comma
			rows = append(rows, c)
		}
	}
	// other is row c under its id, born a year later.
	other := func(c []string) []string {
		d := slices.Clone(c)
		if y, err := strconv.Atoi(d[4]); err == nil {
			d[4] = strconv.Itoa(y + 1)
		} else {
			d[4] = "1931"
		}
		return d
	}
	named := func(c []string, id string) []string {
		d := slices.Clone(c)
		d[0] = id
		return d
	}
	noName := []string{"rep-noname", "", "", "", "1930", "", "", "", ""}
	withName := named(rows[7], "rep-noname")

	// Parquet: rows 0, 250, 500, ... (one in each early row group) come
	// again at the end, every other one with another birth year; row 5
	// also in the middle; the nameless first in the first group.
	pq := slices.Clone(rows)
	pq = slices.Insert(pq, 3, noName)
	pq = slices.Insert(pq, len(pq)/2, rows[5])
	for i := 0; i < len(rows)/2; i += 250 {
		c := rows[i]
		if i%500 == 0 {
			c = other(c)
		}
		pq = append(pq, c)
	}
	pq = append(pq, rows[5], withName)
	parquetArchive = filepath.Join(dir, "parquet")
	os.MkdirAll(parquetArchive, 0o700)
	f, err := os.Create(filepath.Join(parquetArchive, "a.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[archiveRow](f, parquet.MaxRowsPerRowGroup(250))
	for _, c := range pq {
		w.Write([]archiveRow{{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]}})
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// Five CSV files: some rows of the first two come again in the later
	// ones, one in its own file too.
	files := make([][][]string, 5)
	for i := range files {
		files[i] = slices.Clone(rows[i*len(rows)/5 : (i+1)*len(rows)/5])
	}
	files[0] = slices.Insert(files[0], 2, noName)
	for k := 0; k < 60; k += 6 {
		files[2+k%3] = append(files[2+k%3], files[0][10+k])
		files[4-k%2] = append(files[4-k%2], other(files[1][20+k]))
	}
	files[3] = append(files[3], files[0][10], withName)
	files[1] = append(files[1], files[1][30])
	filesArchive = filepath.Join(dir, "files")
	os.MkdirAll(filesArchive, 0o700)
	for i, rs := range files {
		var sb strings.Builder
		sb.WriteString(header + "\n")
		for _, c := range rs {
			sb.WriteString(strings.Join(c, ",") + "\n")
		}
		os.WriteFile(filepath.Join(filesArchive, fmt.Sprintf("b-%d.csv", i)), []byte(sb.String()), 0o600)
	}
	return missing, parquetArchive, filesArchive
}

// TestShardedRunRejectsRepeatedIDs: ids repeated in rows that fall into
// different shards are rejected as a single run rejects them (the later
// rows), the statistics do not count them, and the merged output and
// rejects are a single run's bytes, for 1, 2, 3 and 7 shards of a Parquet
// file's row groups and of several files.
func TestShardedRunRejectsRepeatedIDs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs kinlink 70 times")
	}
	dir := t.TempDir()
	missing, parquetArchive, filesArchive := repeatedIDArchives(t, dir)
	for _, tc := range []struct {
		layout, archive string
		repeats         int // rows a single run rejects as repeats
	}{
		{"parquet", parquetArchive, 8 + 2}, // rows 0..1750 by 250 again, row 5 twice more (not the named one: its first has no name)
		{"files", filesArchive, 20 + 2},    // ten of each of the first two files, one a third time, the own file's
	} {
		common := []string{"--missing", missing, "--archive", tc.archive, "--progress", "never", "--threshold", "0.2"}
		single := filepath.Join(dir, "runs", tc.layout, "single")
		os.MkdirAll(single, 0o700)
		runIn(t, single, append([]string{"match", "--out", "m.parquet"}, common...)...)
		want, _ := os.ReadFile(filepath.Join(single, "m.parquet"))
		wantRejects, _ := os.ReadFile(filepath.Join(single, "m.rejects.csv"))
		if got := strings.Count(string(wantRejects), "an earlier row has the same id"); got != tc.repeats {
			t.Fatalf("%s: a single run rejects %d rows as repeats, want %d:\n%s", tc.layout, got, tc.repeats, wantRejects)
		}
		if !strings.Contains(string(wantRejects), "no name in any name column") {
			t.Fatalf("%s: the nameless row is not rejected:\n%s", tc.layout, wantRejects)
		}
		for _, n := range []int{1, 2, 3, 7} {
			got, gotRejects, statsMerge := shardedRun(t, filepath.Join(dir, "runs", tc.layout, fmt.Sprint(n)), missing, tc.archive, n, common)
			if n > 1 && !strings.Contains(statsMerge, "in another shard") {
				t.Errorf("%s, %d shards: no id repeated across shards, the test tests nothing: %s", tc.layout, n, statsMerge)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %d shards: the merged output differs from a single run's", tc.layout, n)
			}
			if !bytes.Equal(gotRejects, wantRejects) {
				t.Errorf("%s, %d shards: the merged rejects differ:\n%s\nwant\n%s", tc.layout, n, gotRejects, wantRejects)
			}
		}
		// Statistics counted in 3 shards, matched in 2: the repeats are
		// rows, not shards.
		got, gotRejects, _ := shardedRunOf(t, filepath.Join(dir, "runs", tc.layout, "3-2"), missing, tc.archive, 3, 2, common)
		if !bytes.Equal(got, want) || !bytes.Equal(gotRejects, wantRejects) {
			t.Errorf("%s, statistics in 3 shards, matches in 2: the merged output or rejects differ from a single run's:\n%s", tc.layout, gotRejects)
		}
	}
}

// TestShardRetryAndRefusals: a shard killed before it wrote leaves no
// part (only a hidden temporary file, which merge ignores), and merge
// refuses to go on without it; retried, the merge equals a single run.
// Parts scored with other statistics are refused.
func TestShardRetryAndRefusals(t *testing.T) {
	dir := t.TempDir()
	missing, archive := shardedArchive(t, dir)
	common := []string{"--missing", missing, "--archive", archive, "--progress", "never", "--threshold", "0.2"}
	single := filepath.Join(dir, "single")
	os.MkdirAll(single, 0o700)
	runIn(t, single, append([]string{"match", "--out", "m.parquet"}, common...)...)
	want, _ := os.ReadFile(filepath.Join(single, "m.parquet"))

	run := filepath.Join(dir, "run")
	os.MkdirAll(filepath.Join(run, "parts"), 0o700)
	stats := func(name string, shards int, model string) {
		for i := range shards {
			args := []string{"stats", "--missing", missing, "--archive", archive, "--progress", "never",
				"--shard", fmt.Sprintf("%d/%d", i, shards), "--out", fmt.Sprintf("%s-%d.parquet", name, i)}
			if model != "" {
				args = append(args, "--model", model)
			}
			runIn(t, run, args...)
		}
		var parts []string
		for i := range shards {
			parts = append(parts, fmt.Sprintf("%s-%d.parquet", name, i))
		}
		runIn(t, run, append([]string{"stats", "merge", "--missing", missing, "--out", name + ".parquet"}, parts...)...)
	}
	stats("s3", 3, "")
	// Other statistics: the same archive, scored with a model given.
	model := match.DefaultModel()
	os.WriteFile(filepath.Join(run, "model.json"), model.MarshalIndent(), 0o600)
	stats("s2", 2, "model.json")
	part := func(i int, statsFile string) []string {
		return append([]string{"match", "--stats", statsFile, "--shard", fmt.Sprintf("%d/3", i),
			"--out", fmt.Sprintf("parts/part-%d-of-3.parquet", i)}, common...)
	}
	runIn(t, run, part(0, "s3.parquet")...)
	runIn(t, run, part(2, "s3.parquet")...)
	// Shard 1 is killed mid-write: its temporary file stays, no part.
	os.WriteFile(filepath.Join(run, "parts", ".part-1-of-3.parquet.tmp-0a1b2c"), []byte("PAR1 torn"), 0o600)
	t.Chdir(run)
	code, _, stderr := kinlink(t, "", "merge", "--out", "m.parquet", "parts")
	if code != 1 || !strings.Contains(stderr, "shard 1/3 missing") {
		t.Fatalf("merge without shard 1: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat("m.parquet"); err == nil {
		t.Fatal("a refused merge wrote its output")
	}
	// Shard 1 retried with other statistics: refused.
	runIn(t, run, part(1, "s2.parquet")...)
	code, _, stderr = kinlink(t, "", "merge", "--out", "m.parquet", "parts")
	if code != 1 || !strings.Contains(stderr, "other statistics") {
		t.Fatalf("merge of mixed statistics: exit %d, %q", code, stderr)
	}
	// Retried with the right ones: the single run's bytes.
	runIn(t, run, part(1, "s3.parquet")...)
	runIn(t, run, "merge", "--out", "m.parquet", "parts")
	if got, _ := os.ReadFile(filepath.Join(run, "m.parquet")); !bytes.Equal(got, want) {
		t.Error("after the retry the merge differs from a single run")
	}
	// A shard needs the merged statistics, not a shard's.
	code, _, stderr = kinlink(t, "", append([]string{"match", "--stats", "s3-0.parquet", "--shard", "0/3", "--out", "x.parquet"}, common...)...)
	if code != 1 || !strings.Contains(stderr, "merge them first") {
		t.Errorf("match with one shard's statistics: exit %d, %q", code, stderr)
	}
	code, _, stderr = kinlink(t, "", append([]string{"match", "--shard", "0/3", "--out", "x.parquet"}, common...)...)
	if code != 2 || !strings.Contains(stderr, "needs --stats") {
		t.Errorf("--shard without --stats: exit %d, %q", code, stderr)
	}
}

// TestStatsMergeSeesAChangedArchive: stats merge reads again the rows it
// takes out of the statistics; if the archive changed since the shards
// counted it, it says so rather than take other rows out.
func TestStatsMergeSeesAChangedArchive(t *testing.T) {
	dir := t.TempDir()
	missing, _, archive := repeatedIDArchives(t, dir)
	run := filepath.Join(dir, "run")
	os.MkdirAll(run, 0o700)
	for i := range 2 {
		runIn(t, run, "stats", "--missing", missing, "--archive", archive, "--progress", "never",
			"--shard", fmt.Sprintf("%d/2", i), "--out", fmt.Sprintf("s-%d.parquet", i))
	}
	for i := 2; i < 5; i++ { // a row more at the top of the files holding the repeats
		p := filepath.Join(archive, fmt.Sprintf("b-%d.csv", i))
		b, _ := os.ReadFile(p)
		header, rest, _ := strings.Cut(string(b), "\n")
		os.WriteFile(p, []byte(header+"\nnew-row,Ko,Mina,,1950,F,,,\n"+rest), 0o600)
	}
	code, _, stderr := kinlink(t, "", "stats", "merge", "--missing", missing, "--out", "stats.parquet", "s-0.parquet", "s-1.parquet")
	if code != 1 || !strings.Contains(stderr, "the archive changed since kinlink stats") {
		t.Errorf("stats merge over a changed archive: exit %d, %q", code, stderr)
	}
}
