package main

import (
	"context"
	"fmt"

	"kinlink/match"
	"kinlink/records"
)

// runTrain estimates a model from the people sought and an archive, as
// kinlink match does at the start of every run, and writes it as JSON for
// `kinlink match --model`. With --labels, the m values come from the
// confirmed pairs instead.
func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train")
	missing := fs.String("missing", "", "people sought (CSV/TSV or Parquet `FILE`)")
	archive := fs.String("archive", "", "archive records (CSV/TSV or Parquet `FILE`)")
	out := fs.String("out", "", "model JSON `FILE` to write")
	mapSpec := fs.String("map", "", "column names, as for match")
	labels := fs.String("labels", "", "judged pairs: CSV `FILE` with query_id, candidate_id and decision (confirm/reject/unsure), as kinlink report exports them, or a ground truth; m is estimated from the confirmed pairs")
	start := fs.String("model", "", "model JSON `FILE` to start from (default: built in)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *missing == "" || *archive == "" || *out == "" {
		return usagef("--missing, --archive and --out are required")
	}
	if err := checkPaths([]namedPath{{"--missing", *missing}, {"--archive", *archive}, {"--labels", *labels}, {"--model", *start}},
		[]namedPath{{"--out", *out}}); err != nil {
		return err
	}
	cm, err := records.ParseColumnMap(*mapSpec)
	if err != nil {
		return &usageError{err.Error()}
	}
	var judged []records.Label
	if *labels != "" {
		if judged, err = records.ReadLabels(*labels); err != nil {
			return err
		}
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
	if len(people) == 0 {
		return fmt.Errorf("%s: no usable person sought", *missing)
	}
	cfg := match.Config{}
	if *start != "" {
		if cfg.Model, err = match.LoadModel(*start); err != nil {
			return err
		}
	}
	l := match.NewLinker(cfg, people)
	ar := &archivePasses{openSet: func() (records.Reader, error) { return records.Open(*archive, cm) }}
	st, err := l.Collect(ctx, ar.open, true, nil)
	if err != nil {
		return err
	}
	model := l.Estimate(l.Config().Model, st)
	if judged != nil {
		pairs, notFound, err := l.ScoreLabels(ctx, ar.open, model, st, judged)
		if err != nil {
			return err
		}
		if len(notFound) > 0 {
			fmt.Fprintf(e.stderr, "%d labelled pairs not found in the files (first: %s)\n", len(notFound), notFound[0])
		}
		if model, err = match.TrainLabelled(model, pairs); err != nil {
			return fmt.Errorf("%s: %w", *labels, err)
		}
	}
	if err := records.WriteFileAtomic(*out, append(model.MarshalIndent(), '\n')); err != nil {
		return err
	}
	printModel(e.stderr, model, false)
	fmt.Fprintf(e.stderr, "estimated from %d people sought and %d archive records (%d rows rejected); wrote %s\n",
		len(people), st.Records, rejected, *out)
	return nil
}
