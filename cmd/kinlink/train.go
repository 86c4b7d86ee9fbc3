package main

import (
	"context"
	"fmt"

	"kinlink/match"
	"kinlink/records"
)

// runTrain estimates a model's m values by EM on the candidate pairs of a
// run and writes it as JSON for `kinlink match --model`.
func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train")
	missing := fs.String("missing", "", "people sought (CSV/TSV or Parquet `FILE`)")
	archive := fs.String("archive", "", "archive records (CSV/TSV or Parquet `FILE`)")
	out := fs.String("out", "", "model JSON `FILE` to write")
	mapSpec := fs.String("map", "", "column names, as for match")
	iterations := fs.Int("iterations", 30, "EM iterations")
	top := fs.Int("top", 10, "candidate pairs per person sought used for training")
	perQuery := fs.Float64("records-per-person", 1.5, "expected true archive records per person sought")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *missing == "" || *archive == "" || *out == "":
		return usagef("--missing, --archive and --out are required")
	case *iterations < 1 || *top < 1:
		return usagef("--iterations and --top must be at least 1")
	case *perQuery <= 0:
		return usagef("--records-per-person must be positive")
	}
	if err := checkPaths([]namedPath{{"--missing", *missing}, {"--archive", *archive}}, []namedPath{{"--out", *out}}); err != nil {
		return err
	}
	cm, err := records.ParseColumnMap(*mapSpec)
	if err != nil {
		return &usageError{err.Error()}
	}
	var rejected int
	reject := func(*records.RowError) error { rejected++; return nil }
	mr, err := records.Open(*missing, cm)
	if err != nil {
		return err
	}
	people, err := records.ReadAll(mr, reject)
	mr.Close()
	if err != nil {
		return err
	}
	ar, err := records.Open(*archive, cm)
	if err != nil {
		return err
	}
	defer ar.Close()
	l := match.NewLinker(match.Config{Top: *top, Threshold: 0}, people)
	res, err := l.RunModel(ctx, ar, reject, nil)
	if err != nil {
		return err
	}
	rows := res.Rows
	model, share, err := match.Train(res.Model, rows, *iterations, *perQuery)
	if err != nil {
		return err
	}
	if err := records.WriteFileAtomic(*out, append(model.MarshalIndent(), '\n')); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "trained on %d candidate pairs (%.1f%% judged matches, %d rows rejected); wrote %s\n",
		len(rows), 100*share, rejected, *out)
	return nil
}
