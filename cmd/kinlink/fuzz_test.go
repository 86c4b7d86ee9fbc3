package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzCommandLine runs kinlink on fuzzed command lines (tokens separated
// by NUL, or by spaces when there is none) in a folder holding small
// input files. Whatever the line: no panic and no trace reach the user,
// the exit code is 0, 1 or 2 with a message for 1 and 2, the inputs are
// unchanged, and no temporary file is left behind.
func FuzzCommandLine(f *testing.F) {
	for _, seed := range []string{
		"match --missing missing.csv --archive archive.csv --out m.parquet",
		"match --missing missing.csv --archive archive.csv --out archive.csv",
		"match --missing missing.csv --archive archive.csv --out m.parquet --rejects missing.csv",
		"match --missing missing.csv --archive archive.csv --out m.parquet --rejects m.parquet",
		"match --missing missing.csv --archive archive.csv --out m.parquet --top 3074457345618258603",
		"match --missing missing.csv --archive archive.csv --out m.parquet --batch 100000000000",
		"match --missing missing.csv --archive archive.csv --out m.parquet --workers 100000",
		"match --missing missing.csv --archive archive.csv --out m.parquet --threshold NaN",
		"match --missing missing.csv --archive archive.csv --out m.parquet --blocking blocked --top 1 --threshold 0",
		"match --missing missing.csv --archive archive.csv --out . --map id=nope",
		"match\x00--missing\x00missing.csv\x00--archive\x00archive.csv\x00--out\x00a b.parquet\x00--map\x00family_name=full_name",
		"normalize --json Kim",
		"normalize --origin xx",
		"evaluate --matches missing.csv --truth archive.csv",
		"generate --seed 1 --missing 2 --archive 20 --out gen",
		"generate --missing -5 --archive 20 --out gen",
		"train --missing missing.csv --archive archive.csv --out model.json --iterations 2",
		"train --missing missing.csv --archive archive.csv --out missing.csv",
		"help match",
		"version --json",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		dir := t.TempDir()
		t.Chdir(dir)
		inputs := map[string]string{
			"missing.csv": "id,family_name,given_name,birth_year\nM1,Ri,Ho Rim,1934\nM2,Ono,Shinichi,昭和16年\n",
			"archive.csv": "id,full_name,birth_year\nA1,Lee Horim,1934\nA2,Ono Shinichi,1941\nA3,,1950\n",
		}
		for name, text := range inputs {
			if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		sep := " "
		if strings.Contains(line, "\x00") {
			sep = "\x00"
		}
		var args []string
		for _, a := range strings.Split(line, sep) {
			if a != "" && a != "demo" { // the demo's 120,000 records are too slow to fuzz
				args = append(args, a)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader("Kim Ho\n"), stdout: &stdout, stderr: &stderr}
		code := run(ctx, e, args)
		msg := stderr.String()
		switch {
		case strings.Contains(msg, "internal error") || strings.Contains(msg, "goroutine "):
			t.Fatalf("kinlink %q: a panic reached the user: %s", args, msg)
		case code != 0 && code != 1 && code != 2:
			t.Fatalf("kinlink %q: exit %d", args, code)
		case code != 0 && strings.TrimSpace(msg) == "":
			t.Fatalf("kinlink %q: exit %d without a message", args, code)
		}
		for name, text := range inputs {
			if b, err := os.ReadFile(name); err != nil || string(b) != text {
				t.Fatalf("kinlink %q changed the input %s", args, name)
			}
		}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && (strings.Contains(d.Name(), ".tmp-") || strings.HasPrefix(d.Name(), ".kinlink-check")) {
				t.Errorf("kinlink %q left %s behind", args, p)
			}
			return nil
		})
	})
}
