package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"kinlink/datasets"
	"kinlink/match"
	"kinlink/records"
)

// runDemo generates the embedded founding-case scenario (a fixed seed: the
// same people and archive on every machine), matches it, prints the best
// candidates of a few people sought and the evaluation against the truth.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo")
	out := fs.String("out", "demo-matches.parquet", "output Parquet `FILE`")
	show := fs.Int("show", 6, "people sought whose candidates are printed")
	progress := fs.String("progress", "auto", "progress on stderr: auto|always|never")
	workers := fs.Int("workers", 0, "scoring goroutines (0: one per core)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkPaths(nil, []namedPath{{"--out", *out}}); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "kinlink-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := datasets.DemoConfig()
	cfg.Format = "csv"
	fmt.Fprintf(e.stderr, "generating the demo scenario (seed %d: %d people sought, %d archive records)...\n", cfg.Seed, cfg.Missing, cfg.Archive)
	if _, err := datasets.Generate(ctx, cfg, dir); err != nil {
		return err
	}
	o := matchOptions{
		Missing: filepath.Join(dir, "missing.csv"), Archive: pathList{filepath.Join(dir, "archive.csv")},
		Out: *out, Top: 10, Threshold: match.DefaultThreshold, Workers: *workers, BatchSize: 1024,
		Progress: *progress,
	}
	if err := o.check(); err != nil {
		return err
	}
	o.Rejects = filepath.Join(dir, "rejects.csv")
	_, rows, err := doMatch(ctx, e, o)
	if err != nil {
		return err
	}
	printCandidates(e, rows, *show, 3)

	truth, err := records.ReadTruth(filepath.Join(dir, "truth.csv"))
	if err != nil {
		return err
	}
	mr := make([]records.MatchRow, len(rows))
	for i, r := range rows {
		mr[i] = records.MatchRow{QueryID: r.QueryID, CandidateID: r.CandidateID, Rank: int(r.Rank), MatchProbability: r.MatchProbability}
	}
	m := datasets.Evaluate(mr, truth, 10)
	fmt.Fprintf(e.stdout, "\nEvaluation against the ground truth (kinlink evaluate --json gives every metric):\n")
	printEvaluation(e.stdout, m, *out)
	fmt.Fprintf(e.stdout, "\nMatches written to %s. Open them with DuckDB:\n  duckdb -c \"SELECT * FROM '%s' WHERE rank <= 3\"\n", *out, *out)
	return nil
}

// printCandidates prints the best few candidates of the first people sought.
func printCandidates(e *env, rows []records.Match, people, per int) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "QUERY\tSOUGHT\tRANK\tCANDIDATE\tNAME IN ARCHIVE\tP\tORDER")
	seen := 0
	last := ""
	for _, r := range rows {
		if r.QueryID != last {
			seen++
			last = r.QueryID
			if seen > people {
				break
			}
		}
		if int(r.Rank) > per {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%.3f\t%s\n", r.QueryID, r.QueryName, r.Rank, r.CandidateID, r.CandidateName, r.MatchProbability, r.NameOrder)
	}
	tw.Flush()
}
