package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kinlink/records"
	review "kinlink/report" // main has a func report
)

type reportOptions struct {
	matches, out, format     string
	missing, archive, colMap string
	labels, decisions        string
	queryIDs                 string
	minProbability           float64
	maxPeople                int
}

func runReport(ctx context.Context, e *env, args []string) error {
	var o reportOptions
	fs := newFlags(e, "report")
	fs.StringVar(&o.matches, "matches", "", "matches Parquet `FILE` written by kinlink match")
	fs.StringVar(&o.out, "out", "", "report `FILE` to write: .html (one offline page) or .md")
	fs.StringVar(&o.format, "format", "", "html or md (default: from --out's extension, else html)")
	fs.StringVar(&o.missing, "missing", "", "people sought (CSV/TSV or Parquet `FILE`), to show their records as written")
	fs.StringVar(&o.archive, "archive", "", "archive (CSV/TSV or Parquet `FILE`), to show the candidates' records as written; only the candidates are kept")
	fs.StringVar(&o.colMap, "map", "", "column names of --missing and --archive, as for match")
	fs.StringVar(&o.labels, "labels", "", "judged pairs (ground truth or decisions CSV, `FILE`): precision and recall against the threshold")
	fs.StringVar(&o.decisions, "decisions", "", "decisions CSV `FILE` exported by an earlier report, to continue from")
	fs.StringVar(&o.queryIDs, "query-ids", "", "keep only these people sought: a `FILE` of ids (one per line, or a CSV with a query_id column), or ids separated by commas")
	fs.Float64Var(&o.minProbability, "min-probability", 0, "keep only candidates at least this likely (0..1)")
	fs.IntVar(&o.maxPeople, "max-people", review.DefaultMaxPeople, "the most people sought a report may hold")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := o.check(); err != nil {
		return err
	}
	start := time.Now()
	in, err := o.input(ctx, e)
	if err != nil {
		return err
	}
	d, err := review.Build(in)
	var tooMany *review.TooManyPeopleError
	if errors.As(err, &tooMany) {
		return fmt.Errorf("%s: %w", o.matches, err)
	}
	if err != nil {
		return err
	}
	write := review.WriteHTML
	if o.format == "md" {
		write = review.WriteMarkdown
	}
	var page bytes.Buffer
	if err := write(&page, d); err != nil {
		return err
	}
	size := int64(page.Len())
	if err := records.WriteFileAtomic(o.out, page.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s, %d candidates, %s, report id %s, in %.1f s\n",
		o.out, review.PeopleSought(d.Counts.People), d.Counts.Candidates, humanBytes(size), d.ReportID, time.Since(start).Seconds())
	if o.format == "html" {
		abs, _ := filepath.Abs(o.out)
		fmt.Fprintf(e.stderr, "open it in a browser (it needs no network): file://%s\n", filepath.ToSlash(abs))
	}
	return nil
}

func (o *reportOptions) check() error {
	switch {
	case o.matches == "":
		return usagef("--matches is required")
	case o.out == "":
		return usagef("--out is required")
	case o.minProbability < 0 || o.minProbability > 1:
		return usagef("--min-probability is a probability between 0 and 1, not %g", o.minProbability)
	case o.maxPeople < 1:
		return usagef("--max-people must be at least 1")
	}
	if o.format == "" {
		o.format = "html"
		if ext := strings.ToLower(filepath.Ext(o.out)); ext == ".md" || ext == ".markdown" {
			o.format = "md"
		}
	}
	if o.format != "html" && o.format != "md" {
		return usagef("--format must be html or md, not %q", o.format)
	}
	if _, err := records.ParseColumnMap(o.colMap); err != nil {
		return &usageError{err.Error()}
	}
	return checkPaths([]namedPath{
		{"--matches", o.matches}, {"--missing", o.missing}, {"--archive", o.archive},
		{"--labels", o.labels}, {"--decisions", o.decisions}, {"--query-ids", o.queryIDs},
	}, []namedPath{{"--out", o.out}})
}

// input reads everything the report is built from.
func (o *reportOptions) input(ctx context.Context, e *env) (review.Input, error) {
	in := review.Input{MatchesPath: o.matches, MinProbability: o.minProbability, MaxPeople: o.maxPeople,
		Now: time.Now(), Version: version(), LabelsPath: o.labels}
	var err error
	if in.Matches, err = records.ReadMatchFile(o.matches); err != nil {
		return in, err
	}
	if o.queryIDs != "" {
		if in.QueryIDs, err = readQueryIDs(o.queryIDs); err != nil {
			return in, err
		}
	}
	// Only the records of the people and candidates in the report are kept.
	wantQ, wantC := map[string]bool{}, map[string]bool{}
	for _, r := range in.Matches.Rows {
		if (in.QueryIDs == nil || in.QueryIDs[r.QueryID]) && r.MatchProbability >= o.minProbability {
			wantQ[r.QueryID], wantC[r.CandidateID] = true, true
		}
	}
	cm, _ := records.ParseColumnMap(o.colMap)
	if o.missing != "" {
		if in.Missing, err = readWanted(ctx, e, o.missing, cm, wantQ); err != nil {
			return in, err
		}
	}
	if o.archive != "" {
		if in.Archive, err = readWanted(ctx, e, o.archive, cm, wantC); err != nil {
			return in, err
		}
	}
	if o.labels != "" {
		if in.Labels, err = records.ReadLabels(o.labels); err != nil {
			return in, err
		}
		if in.Labels == nil {
			in.Labels = []records.Label{}
		}
	}
	if o.decisions != "" {
		if in.Decisions, err = review.ReadDecisions(o.decisions); err != nil {
			return in, err
		}
	}
	return in, nil
}

// readWanted streams a records file and keeps the records whose id is
// wanted: an archive of any size is read in bounded memory. Rows that
// cannot be used are counted and named on stderr, not fatal.
func readWanted(ctx context.Context, e *env, path string, cm records.ColumnMap, want map[string]bool) (map[string]*records.Record, error) {
	r, err := records.Open(path, cm)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := map[string]*records.Record{}
	rejected := 0
	for n := 0; ; n++ {
		if n%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var re *records.RowError
		if errors.As(err, &re) {
			rejected++
			continue
		}
		if err != nil {
			return nil, err
		}
		if want[rec.ID] {
			rec := rec
			out[rec.ID] = &rec
		}
	}
	if rejected > 0 {
		fmt.Fprintf(e.stderr, "%s: %d rows could not be used (kinlink match's rejects file says why)\n", path, rejected)
	}
	if missing := len(want) - len(out); missing > 0 {
		fmt.Fprintf(e.stderr, "%s: %d of the %d records the report needs are not in this file (is it the file the run read?)\n", path, missing, len(want))
	}
	return out, nil
}

// readQueryIDs reads --query-ids: a file of ids, one per line or in the
// query_id column of a CSV with a header (a decisions export, say), or
// ids separated by commas when no such file exists.
func readQueryIDs(spec string) (map[string]bool, error) {
	ids := map[string]bool{}
	f, err := os.Open(spec)
	if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(spec, `/\`) {
		for _, id := range strings.Split(spec, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids[id] = true
			}
		}
		if len(ids) == 0 {
			return nil, usagef("--query-ids %q names no id", spec)
		}
		return ids, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	col := -1
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", spec, err)
		}
		if line == 1 {
			for i, h := range rec {
				if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "query_id") {
					col = i
				}
			}
			if col >= 0 || len(rec) > 1 {
				if col < 0 {
					return nil, fmt.Errorf("%s line 1: several columns but none named query_id", spec)
				}
				continue // a header
			}
			col = 0
		}
		if col < len(rec) {
			if id := strings.TrimSpace(records.FromSpreadsheetSafe(strings.TrimPrefix(rec[col], "\ufeff"))); id != "" {
				ids[id] = true
			}
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s: no ids", spec)
	}
	return ids, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
