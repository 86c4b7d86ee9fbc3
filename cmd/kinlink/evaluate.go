package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"kinlink/datasets"
	"kinlink/records"
	review "kinlink/report" // main has a func report
)

func runEvaluate(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "evaluate")
	matches := fs.String("matches", "", "matches Parquet `FILE` written by kinlink match")
	truth := fs.String("truth", "", "ground truth `FILE` (CSV or Parquet: query_id, candidate_id), or the decisions CSV of kinlink report (with a decision column)")
	k := fs.Int("k", 10, "rank cut-off for recall_at_k")
	asJSON := fs.Bool("json", false, "print every metric as JSON (reliability table, scores by threshold, by origin and by variation)")
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
	labels, err := records.ReadLabels(*truth)
	if err != nil {
		return err
	}
	m := datasets.EvaluateLabels(rows, labels, *k)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}
	printEvaluation(e.stdout, m, *matches)
	return nil
}

// printEvaluation writes the short human summary of an evaluation: what
// was measured on what, precision and recall of the rows written and at a
// few thresholds, recall@k, and the reliability table.
func printEvaluation(w io.Writer, m datasets.Metrics, what string) {
	judged := ""
	if m.Judged {
		judged = " (only the rows the decisions judge count)"
	}
	fmt.Fprintf(w, "%s: %s, %d true pairs, %d rows (%.1f per person)%s\n",
		what, review.PeopleSought(m.Queries), m.TruePairs, m.PredictedPairs, m.CandidatesPerQuery, judged)
	fmt.Fprintf(w, "  every row written:  precision %.3f  recall %.3f\n", m.Precision, m.Recall)
	fmt.Fprintf(w, "  recall@%d %.3f: true records at rank %d or better (people with one found: %.3f)\n",
		m.K, m.RecallAtK, m.K, m.QueriesFoundAtK)
	for _, s := range m.ByThreshold {
		switch s.Threshold {
		case 0.5, 0.8, 0.9:
			fmt.Fprintf(w, "  rows with p >= %.1f: precision %.3f  recall %.3f  (%d rows)\n", s.Threshold, s.Precision, s.Recall, s.Rows)
		}
	}
	fmt.Fprintf(w, "  calibration: expected error %.3f, largest gap %.3f (bins of %d rows or more)\n", m.CalibrationError, m.MaxBinGap, datasets.MinBinRows)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  p\trows\tmean p\ttrue share\tchance alone (2 s.e.)\t")
	beyond := 0
	for _, b := range m.Reliability {
		if b.Rows == 0 {
			continue
		}
		mark := ""
		if math.Abs(b.Observed-b.MeanPredicted) > 2*b.StdErr {
			mark, beyond = " beyond", beyond+1
		}
		fmt.Fprintf(tw, "  %.1f-%.1f\t%d\t%.3f\t%.3f\t±%.3f%s\t\n", b.Low, b.High, b.Rows, b.MeanPredicted, b.Observed, 2*b.StdErr, mark)
	}
	tw.Flush()
	// How far a bin's share may stray by chance alone: were its rows true
	// with their mean probability, the share would lie within two
	// standard errors of it 19 times in 20.
	fmt.Fprintf(w, "  bins whose true share strays from their mean p beyond chance alone: %d\n", beyond)
}
