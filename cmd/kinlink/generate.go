package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"kinlink/datasets"
)

// The generator holds the people sought in memory and streams the archive:
// these bounds keep a mistyped size from running for days.
const (
	maxGenerateMissing = 10_000_000
	maxGenerateArchive = 10_000_000_000
)

func runGenerate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "generate")
	cfg := datasets.GenerateConfig{}
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed; the same seed gives the same files")
	fs.IntVar(&cfg.Missing, "missing", 100, "people sought")
	fs.IntVar(&cfg.Archive, "archive", 100000, "archive records (true records included)")
	out := fs.String("out", "", "output `DIR` (created if needed)")
	fs.StringVar(&cfg.Format, "format", "csv", "file format: csv|parquet")
	demo := fs.Bool("demo", false, "write the demo scenario (fixed seed and sizes; other flags but --out and --format are ignored)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	if cfg.Format != "csv" && cfg.Format != "parquet" {
		return usagef("--format must be csv or parquet, not %q", cfg.Format)
	}
	if cfg.Missing < 1 || cfg.Archive < cfg.Missing {
		return usagef("need --missing ≥ 1 and --archive ≥ --missing (got %d and %d)", cfg.Missing, cfg.Archive)
	}
	if cfg.Missing > maxGenerateMissing || cfg.Archive > maxGenerateArchive {
		return usagef("--missing is at most %d and --archive at most %d", maxGenerateMissing, maxGenerateArchive)
	}
	if st, err := os.Stat(*out); err == nil && !st.IsDir() {
		return usagef("--out %s is a file; give a folder", *out)
	}
	// The folder may hold the user's own missing.csv: never write over a
	// file that is there.
	for _, name := range []string{"missing", "archive", "truth"} {
		p := filepath.Join(*out, name+"."+cfg.Format)
		if _, err := os.Lstat(p); err == nil {
			return usagef("--out %s already holds %s; kinlink generate writes over nothing: give an empty or new folder", *out, p)
		}
	}
	if *demo {
		format := cfg.Format
		cfg = datasets.DemoConfig()
		cfg.Format = format
	}
	if err := os.MkdirAll(*out, 0o750); err != nil {
		return err
	}
	stats, err := datasets.Generate(ctx, cfg, *out)
	if err != nil {
		return err
	}
	b, err := json.Marshal(stats)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s\n", *out, b)
	return nil
}
