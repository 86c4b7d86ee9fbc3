package main

import (
	"context"
	"encoding/json"

	"kinlink/datasets"
	"kinlink/records"
)

func runEvaluate(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "evaluate")
	matches := fs.String("matches", "", "matches Parquet `FILE` written by kinlink match")
	truth := fs.String("truth", "", "ground truth `FILE` (CSV or Parquet: query_id, candidate_id)")
	k := fs.Int("k", 10, "rank cut-off for recall_at_k")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *matches == "":
		return usagef("--matches is required")
	case *truth == "":
		return usagef("--truth is required")
	case *k < 1:
		return usagef("--k must be at least 1")
	}
	rows, err := records.ReadMatches(*matches)
	if err != nil {
		return err
	}
	t, err := records.ReadTruth(*truth)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(datasets.Evaluate(rows, t, *k))
}
