package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"kinlink/datasets"
)

func runGenerate(_ context.Context, e *env, args []string) error {
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
	if *demo {
		format := cfg.Format
		cfg = datasets.DemoConfig()
		cfg.Format = format
	}
	if err := os.MkdirAll(*out, 0o750); err != nil {
		return err
	}
	stats, err := datasets.Generate(cfg, *out)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(stats)
	fmt.Fprintf(e.stderr, "wrote %s: %s\n", *out, b)
	return nil
}
