package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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
	gen := filepath.Join(dir, "gen")
	if code, _, stderr := kinlink(t, "", "generate", "--seed", "3", "--missing", "40", "--archive", "6000", "--out", gen); code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	b, err := os.ReadFile(filepath.Join(gen, "archive.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	header, rows := lines[0], lines[1:]
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
	return filepath.Join(gen, "missing.csv"), archive
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
			run := filepath.Join(dir, mode, fmt.Sprint(n))
			os.MkdirAll(filepath.Join(run, "stats"), 0o700)
			os.MkdirAll(filepath.Join(run, "parts"), 0o700)
			for i := range n {
				runIn(t, run, "stats", "--missing", missing, "--archive", archive, "--progress", "never",
					"--shard", fmt.Sprintf("%d/%d", i, n), "--out", fmt.Sprintf("stats/s-%d.parquet", i))
			}
			runIn(t, run, "stats", "merge", "--missing", missing, "--out", "stats.parquet", "stats")
			for i := range n {
				runIn(t, run, append([]string{"match", "--stats", "stats.parquet", "--shard", fmt.Sprintf("%d/%d", i, n),
					"--out", fmt.Sprintf("parts/part-%d-of-%d.parquet", i, n)}, common...)...)
			}
			runIn(t, run, "merge", "--out", "m.parquet", "parts")
			got, _ := os.ReadFile(filepath.Join(run, "m.parquet"))
			gotRejects, _ := os.ReadFile(filepath.Join(run, "m.rejects.csv"))
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %d shards: the merged output differs from a single run's", mode, n)
			}
			if !bytes.Equal(gotRejects, wantRejects) {
				t.Errorf("%s, %d shards: the merged rejects differ:\n%s\nwant\n%s", mode, n, gotRejects, wantRejects)
			}
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
