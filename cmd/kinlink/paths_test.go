package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsNeverOverwriteInputs: an output that is an input or another
// output, however it is named, is refused with exit 2 before any work,
// and the inputs are untouched.
func TestOutputsNeverOverwriteInputs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	missing := writeCSV(t, dir, "missing.csv", "id,full_name\nM1,Kim Ho\n")
	archive := writeCSV(t, dir, "archive.csv", "id,full_name\nA1,Kim Ho\n")
	if err := os.Link(archive, filepath.Join(dir, "hardlink.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(missing, filepath.Join(dir, "symlink.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	base := []string{"match", "--missing", missing, "--archive", "archive.csv", "--progress", "never"}
	cases := []struct {
		name  string
		extra []string
		want  string
	}{
		{"out is the archive", []string{"--out", "archive.csv"}, "--out archive.csv is the same file as --archive"},
		{"out is the archive, other spelling", []string{"--out", "./archive.csv"}, "the same file as --archive"},
		{"out is the archive, absolute", []string{"--out", archive}, "the same file as --archive"},
		{"out through a folder symlink", []string{"--out", "loop/archive.csv"}, "the same file as --archive"},
		{"out is a hard link to the archive", []string{"--out", "hardlink.csv"}, "the same file as --archive"},
		{"out is a symlink to the missing list", []string{"--out", "symlink.csv"}, "the same file as --missing"},
		{"rejects is the missing list", []string{"--out", "m.parquet", "--rejects", missing}, "--rejects " + missing + " is the same file as --missing"},
		{"rejects is the output", []string{"--out", "m.parquet", "--rejects", "m.parquet"}, "--rejects m.parquet is the same file as --out m.parquet"},
		{"rejects is the output, not yet existing, other spelling", []string{"--out", "sub/n.parquet", "--rejects", "sub/../sub/n.parquet"}, "is the same file as --out"},
		{"out is a folder", []string{"--out", "sub"}, "--out sub is a folder"},
		{"out's folder is missing", []string{"--out", "absent/m.parquet"}, "--out absent/m.parquet: the folder absent does not exist"},
		{"profile is the archive", []string{"--out", "m.parquet", "--cpuprofile", "archive.csv"}, "--cpuprofile archive.csv is the same file as --archive"},
	}
	before := map[string][]byte{}
	for _, f := range []string{missing, archive} {
		before[f], _ = os.ReadFile(f)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := kinlink(t, "", append(base, c.extra...)...)
			if code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, c.want)
			}
			for f, b := range before {
				if now, _ := os.ReadFile(f); string(now) != string(b) {
					t.Fatalf("%s was changed", f)
				}
			}
			if _, err := os.Stat("m.parquet"); err == nil {
				t.Errorf("an output was written")
			}
		})
	}
	// train and demo check their outputs too.
	if code, _, stderr := kinlink(t, "", "train", "--missing", missing, "--archive", archive, "--out", archive); code != 2 || !strings.Contains(stderr, "same file") {
		t.Errorf("train --out archive: exit %d, %q", code, stderr)
	}
	if code, _, stderr := kinlink(t, "", "demo", "--out", "sub"); code != 2 || !strings.Contains(stderr, "is a folder") {
		t.Errorf("demo --out folder: exit %d, %q", code, stderr)
	}
}

// TestUnwritableFolderIsNamed: a folder that cannot be written is named
// with the flag at fault (not the rejects file).
func TestUnwritableFolderIsNamed(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in read-only folders")
	}
	dir := t.TempDir()
	missing := writeCSV(t, dir, "missing.csv", "id,full_name\nM1,Kim Ho\n")
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	code, _, stderr := kinlink(t, "", "match", "--missing", missing, "--archive", missing, "--out", filepath.Join(ro, "m.parquet"))
	if code != 1 || !strings.Contains(stderr, "--out "+filepath.Join(ro, "m.parquet")+": cannot write in the folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestGenerateWritesOverNothing: generate into a folder that already holds
// a file of its names is refused, and the file is untouched.
func TestGenerateWritesOverNothing(t *testing.T) {
	dir := t.TempDir()
	mine := writeCSV(t, dir, "missing.csv", "id,full_name\nM1,my own list\n")
	code, _, stderr := kinlink(t, "", "generate", "--missing", "2", "--archive", "20", "--out", dir)
	if code != 2 || !strings.Contains(stderr, "already holds") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(mine); string(b) != "id,full_name\nM1,my own list\n" {
		t.Error("generate wrote over the user's missing.csv")
	}
}
