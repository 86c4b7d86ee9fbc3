package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"kinlink/match"
	"kinlink/records"
)

// matchOptions is the configuration of one matching run. It is recorded in
// the output file's metadata, so its JSON names are part of the output.
type matchOptions struct {
	Missing   string   `json:"missing"`
	Archive   pathList `json:"archive"`
	Shard     string   `json:"shard,omitempty"`
	Stats     string   `json:"stats,omitempty"`
	Out       string   `json:"out"`
	Rejects   string   `json:"rejects"`
	Top       int      `json:"top"`
	Threshold float64  `json:"threshold"`
	Workers   int      `json:"-"` // no effect on the output, which is byte-identical for any value
	BatchSize int      `json:"-"` // likewise
	Map       string   `json:"map,omitempty"`
	Model     string   `json:"model,omitempty"`
	Blocking  string   `json:"blocking"`
	Progress  string   `json:"-"`
	Profile   string   `json:"-"`

	archiveFiles []string      // Archive expanded (folders, globs)
	archiveRoot  string        // the folder Hive partitions are read from, if Archive is one
	shard        records.Shard // Shard parsed
}

// pathList is the paths of a repeatable flag. In the recorded
// configuration one path is a string, as it always was, several a list.
type pathList []string

func (p pathList) MarshalJSON() ([]byte, error) {
	if len(p) == 1 {
		return json.Marshal(p[0])
	}
	return json.Marshal([]string(p))
}

func (p *pathList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*p = pathList{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(p))
}

func (p pathList) String() string { return strings.Join(p, " ") }

func runMatch(ctx context.Context, e *env, args []string) error {
	var o matchOptions
	fs := newFlags(e, "match")
	fs.StringVar(&o.Missing, "missing", "", "people sought: CSV/TSV (.gz, .zst) or Parquet `FILE`")
	fs.StringArrayVar((*[]string)(&o.Archive), "archive", nil, "archive records: a CSV/TSV (.gz, .zst) or Parquet `FILE`, a folder of them (Hive partitions too), or a glob; repeat for a list")
	fs.StringVar(&o.Out, "out", "", "output Parquet `FILE` (written atomically)")
	fs.StringVar(&o.Shard, "shard", "", "match only shard i of N of the archive (`i/N`, or auto/N with i from the scheduler's environment: JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX, BATCH_TASK_INDEX); needs --stats")
	fs.StringVar(&o.Stats, "stats", "", "score with the merged statistics and model of `FILE` (kinlink stats merge) instead of reading the archive's first")
	fs.IntVar(&o.Top, "top", 10, "candidates kept per person sought")
	fs.Float64Var(&o.Threshold, "threshold", match.DefaultThreshold, "lowest match probability kept (0..1); the default is a low floor: every person sought gets their top K, each with its probability, but for those below one chance in a hundred")
	fs.IntVar(&o.Workers, "workers", 0, "scoring goroutines (0: one per core)")
	fs.IntVar(&o.BatchSize, "batch", 1024, "archive records per batch")
	fs.StringVar(&o.Map, "map", "", "input column of each field, as a `LIST` such as family_name=surname,id=ref (fields: "+strings.Join(records.Fields, ", ")+")")
	fs.StringVar(&o.Blocking, "blocking", "exhaustive", "candidate search: exhaustive (every pair that could pass) or blocked (shared surname with the given initial or the birth year, given name with birth years within five, or consonant skeleton)")
	fs.StringVar(&o.Model, "model", "", "scoring model JSON `FILE` written by kinlink train (default: estimated from the two files)")
	fs.StringVar(&o.Rejects, "rejects", "", "CSV `FILE` for unusable input rows (default: beside --out, .rejects.csv)")
	fs.StringVar(&o.Progress, "progress", "auto", "progress on stderr: auto|always|never")
	fs.StringVar(&o.Profile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (for developers)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := o.check(); err != nil {
		return err
	}
	if o.Profile != "" {
		f, err := os.Create(o.Profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	_, _, err := doMatch(ctx, e, o)
	return err
}

// Upper bounds of the numeric flags: beyond them a run would overflow,
// exhaust memory or crawl, and no real use needs more.
const (
	maxTop     = 1_000_000
	maxWorkers = 256
	maxBatch   = 1 << 16
)

func (o *matchOptions) check() error {
	switch {
	case o.Missing == "":
		return usagef("--missing is required")
	case len(o.Archive) == 0:
		return usagef("--archive is required")
	case o.Out == "":
		return usagef("--out is required")
	case o.Top < 1 || o.Top > maxTop:
		return usagef("--top must be between 1 and %d, not %d", maxTop, o.Top)
	case !(o.Threshold >= 0 && o.Threshold <= 1): // NaN fails both
		return usagef("--threshold is a probability between 0 and 1, not %g", o.Threshold)
	case o.Workers < 0 || o.Workers > maxWorkers:
		return usagef("--workers must be between 0 (one per core) and %d, not %d", maxWorkers, o.Workers)
	case o.BatchSize < 1 || o.BatchSize > maxBatch:
		return usagef("--batch must be between 1 and %d, not %d", maxBatch, o.BatchSize)
	}
	switch o.Progress {
	case "auto", "always", "never":
	default:
		return usagef("--progress must be auto, always or never, not %q", o.Progress)
	}
	switch o.Blocking {
	case "":
		o.Blocking = "exhaustive"
	case "exhaustive", "blocked":
	default:
		return usagef("--blocking must be exhaustive or blocked, not %q", o.Blocking)
	}
	if o.Rejects == "" {
		o.Rejects = strings.TrimSuffix(o.Out, filepath.Ext(o.Out)) + ".rejects.csv"
	}
	if _, err := records.ParseColumnMap(o.Map); err != nil {
		return &usageError{err.Error()}
	}
	if err := o.checkInputs(); err != nil {
		return err
	}
	if !o.shard.Whole() && o.Stats == "" {
		return usagef("--shard %s needs --stats: every shard must score with the statistics of the whole archive (kinlink stats, then kinlink stats merge)", o.Shard)
	}
	if o.Stats != "" && o.Model != "" {
		return usagef("--stats holds the model to score with; --model is for kinlink stats")
	}
	return checkPaths(o.inputs(), []namedPath{{"--out", o.Out}, {"--rejects", o.Rejects}, {"--cpuprofile", o.Profile}})
}

// checkInputs reads --shard and expands --archive.
func (o *matchOptions) checkInputs() error {
	var err error
	if o.shard, err = records.ParseShard(o.Shard, os.Getenv); err != nil {
		return &usageError{err.Error()}
	}
	if !o.shard.Whole() {
		o.Shard = o.shard.String() // recorded as resolved: auto/8 is 3/8 in pod 3
	}
	if o.archiveFiles, err = records.ExpandPaths(o.Archive); err != nil {
		return err
	}
	o.archiveRoot = ""
	if len(o.Archive) == 1 {
		if st, err := os.Stat(o.Archive[0]); err == nil && st.IsDir() {
			o.archiveRoot = o.Archive[0]
		}
	}
	return nil
}

// inputs are the files a run reads.
func (o *matchOptions) inputs() []namedPath {
	inputs := []namedPath{{"--missing", o.Missing}, {"--model", o.Model}, {"--stats", o.Stats}}
	for _, f := range o.archiveFiles {
		inputs = append(inputs, namedPath{"--archive", f})
	}
	return inputs
}

// matchSummary accounts for every input row of a run.
type matchSummary struct {
	MissingRead     int64            `json:"missing_read"`
	MissingUsed     int64            `json:"missing_used"`
	MissingRejected int64            `json:"missing_rejected"`
	MissingWarned   int64            `json:"missing_warnings,omitempty"`
	ArchiveRead     int64            `json:"archive_read"`
	ArchiveUsed     int64            `json:"archive_used"`
	ArchiveRejected int64            `json:"archive_rejected"`
	ArchiveWarned   int64            `json:"archive_warnings,omitempty"`
	Pairs           int64            `json:"pairs_compared"`
	RulePairs       map[string]int64 `json:"pairs_by_rule,omitempty"`
	Candidates      int64            `json:"candidates_written"`
	Seconds         float64          `json:"-"`
	Model           *match.Model     `json:"-"` // what the run scored with
	FixedModel      bool             `json:"-"` // given by --model
	Timing          match.Timing     `json:"-"`
	// The columns each file's fields were read from, as detected or
	// named with --map (field=column, ...).
	MissingColumns, ArchiveColumns string `json:"-"`
}

// doMatch runs the matching job of o, writing the output and rejects files
// and a summary on stderr. It returns the rows written.
func doMatch(ctx context.Context, e *env, o matchOptions) (sum matchSummary, rows []records.Match, err error) {
	defer limitMemory(ctx)()
	sum, rows, err = matchFiles(ctx, e, o)
	if err != nil {
		return sum, nil, err
	}
	printSummary(e, o, sum)
	return sum, rows, nil
}

func matchFiles(ctx context.Context, e *env, o matchOptions) (matchSummary, []records.Match, error) {
	var sum matchSummary
	start := time.Now()
	cm, _ := records.ParseColumnMap(o.Map)
	rejects, err := records.CreateRejects(o.Rejects)
	if err != nil {
		return sum, nil, err
	}
	defer rejects.Abort()
	reject := func(re *records.RowError) error { return rejects.Write(re) }

	mr, err := records.Open(o.Missing, cm)
	if err != nil {
		return sum, nil, err
	}
	missing, err := records.ReadAll(mr, reject)
	mr.Close()
	if err != nil {
		return sum, nil, err
	}
	sum.MissingUsed = int64(len(missing))
	sum.MissingRejected = rejects.Rows()
	sum.MissingWarned = rejects.Warnings()
	sum.MissingRead = sum.MissingUsed + sum.MissingRejected
	if len(missing) == 0 {
		if sum.MissingRejected == 0 {
			return sum, nil, fmt.Errorf("%s: no people sought: the file has a header but no rows", o.Missing)
		}
		// The rejects file says why each row was left out: it is kept.
		if err := rejects.Commit(); err != nil {
			return sum, nil, err
		}
		return sum, nil, fmt.Errorf("%s: no usable person sought: all %d rows were rejected; the reason for each is in %s",
			o.Missing, sum.MissingRejected, o.Rejects)
	}

	var repeats map[uint64]struct{} // rows whose id an earlier row of another shard has (--stats)
	ar := &archivePasses{openSet: func() (records.Reader, error) {
		return records.OpenSetIDs(o.archiveFiles, o.archiveRoot, cm, o.shard, records.IDCheck{Repeats: repeats})
	}}
	cfg := match.Config{Top: o.Top, Threshold: o.Threshold, Workers: o.Workers, BatchSize: o.BatchSize}
	if o.Blocking == "blocked" {
		cfg.Blocking = match.Blocked
	}
	if o.Model != "" {
		if cfg.Model, err = match.LoadModel(o.Model); err != nil {
			return sum, nil, err
		}
		cfg.Fixed = true
	}
	linker := match.NewLinker(cfg, missing)

	var counters match.Counters
	stopProgress := startProgress(ctx, e, o.Progress, ar, &counters)
	defer stopProgress()
	var res match.Result
	statsHash := ""
	if o.Stats != "" {
		var st *match.Stats
		var model *match.Model
		if st, model, statsHash, repeats, err = loadMergedStats(o.Stats, &o); err != nil {
			return sum, nil, err
		}
		res.Model, res.Stats = model, st
		res.Rows, err = linker.Match(ctx, ar.open, model, st, reject, &counters)
	} else {
		res, err = linker.Run(ctx, ar.open, reject, &counters)
	}
	if err != nil {
		return sum, nil, err
	}
	rows := res.Rows
	sum.Model, sum.FixedModel, sum.Timing = res.Model, cfg.Fixed, res.Timing
	sum.ArchiveRead = counters.Read.Load()
	sum.ArchiveRejected = counters.Rejected.Load()
	sum.ArchiveWarned = counters.Warned.Load()
	sum.ArchiveUsed = sum.ArchiveRead - sum.ArchiveRejected
	sum.Pairs = counters.Pairs.Load()
	if cfg.Blocking == match.Blocked {
		sum.RulePairs = map[string]int64{}
		for r, name := range match.RuleNames {
			sum.RulePairs[name] = counters.RulePairs[r].Load()
		}
	}
	sum.Candidates = int64(len(rows))
	sum.MissingColumns, sum.ArchiveColumns = mr.Columns(), ar.Columns()

	config, err := json.Marshal(o)
	if err != nil {
		return sum, nil, fmt.Errorf("recording the configuration: %w", err)
	}
	counts, err := json.Marshal(sum)
	if err != nil {
		return sum, nil, fmt.Errorf("recording the row counts: %w", err)
	}
	model, err := json.Marshal(res.Model)
	if err != nil {
		return sum, nil, fmt.Errorf("recording the model: %w", err)
	}
	meta := map[string]string{
		"kinlink.version": version(),
		"kinlink.config":  string(config),
		"kinlink.rows":    string(counts),
		"kinlink.columns": "missing: " + mr.Columns() + "; archive: " + ar.Columns(),
		"kinlink.model":   string(model), // the levels' m and u the rows were scored with (kinlink report shows them)
	}
	if statsHash != "" {
		meta[metaStatsHash] = statsHash // kinlink merge checks that every part has the same
	}
	out, err := records.CreateMatches(o.Out, meta)
	if err != nil {
		return sum, nil, err
	}
	defer out.Abort()
	if err := writeMatches(ctx, out, rows, &counters); err != nil {
		return sum, nil, err
	}
	stopProgress()
	// Both files are complete before either takes its final name: a
	// failure in either leaves neither.
	if err := records.CommitAll(out, rejects); err != nil {
		return sum, nil, err
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, rows, nil
}

// writeChunk is how many rows are written between two looks at the
// context.
const writeChunk = 4096

// writeMatches writes rows to out in chunks, stopping when ctx ends and
// counting progress in c.
func writeMatches(ctx context.Context, out *records.MatchWriter, rows []records.Match, c *match.Counters) error {
	c.Done.Store(0)
	c.Total.Store(int64(len(rows)))
	c.Stage.Store(int32(match.Writing))
	for len(rows) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(len(rows), writeChunk)
		if err := out.Write(rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
		c.Done.Add(int64(n))
	}
	return ctx.Err()
}

// columnsLine shows a reader's columns (field=column, ...; files whose
// columns differ apart by " | ") for the summary: a field read from a
// column of its own name is named once.
func columnsLine(columns string) string {
	files := strings.Split(columns, " | ")
	for i, f := range files {
		parts := strings.Split(f, ",")
		for j, p := range parts {
			if field, column, _ := strings.Cut(p, "="); field == column {
				parts[j] = field
			}
		}
		files[i] = strings.Join(parts, ", ")
	}
	return strings.Join(files, " | ")
}

func printSummary(e *env, o matchOptions, s matchSummary) {
	w := e.stderr
	rowsLine := func(file string, read, used, rejected, warned int64, columns string) {
		fmt.Fprintf(w, "%s: %d rows read = %d used + %d rejected", file, read, used, rejected)
		if warned > 0 {
			fmt.Fprintf(w, " (%d used with a warning)", warned)
		}
		fmt.Fprintln(w)
		if columns != "" {
			fmt.Fprintf(w, "  columns read: %s\n", columnsLine(columns))
		}
	}
	rowsLine(o.Missing, s.MissingRead, s.MissingUsed, s.MissingRejected, s.MissingWarned, s.MissingColumns)
	archive := o.Archive.String()
	if !o.shard.Whole() {
		archive += " (shard " + o.shard.String() + ")"
	}
	rowsLine(archive, s.ArchiveRead, s.ArchiveUsed, s.ArchiveRejected, s.ArchiveWarned, s.ArchiveColumns)
	if s.MissingRejected+s.ArchiveRejected+s.MissingWarned+s.ArchiveWarned > 0 {
		fmt.Fprintf(w, "rejected rows and warnings, with the reason for each: %s\n", o.Rejects)
	}
	if s.RulePairs != nil {
		fmt.Fprintf(w, "pairs found by each blocking rule (a pair may be found by several):")
		for _, name := range match.RuleNames {
			fmt.Fprintf(w, " %s %s;", name, human(float64(s.RulePairs[name])))
		}
		fmt.Fprintln(w)
	}
	rate := 0.0
	if s.Seconds > 0 {
		rate = float64(s.ArchiveRead) / s.Seconds
	}
	if o.Stats != "" {
		fmt.Fprintf(w, "scored with the statistics and model of %s\n", o.Stats)
		fmt.Fprintf(w, "%s pairs compared; %d candidates written to %s in %.1f s (%s archive rows/s)\n",
			human(float64(s.Pairs)), s.Candidates, o.Out, s.Seconds, human(rate))
		return
	}
	printModel(w, s.Model, s.FixedModel)
	fmt.Fprintf(w, "%s pairs compared; %d candidates written to %s in %.1f s (%s archive rows/s; the archive is read twice: statistics %.1f s, model %.1f s, matching %.1f s)\n",
		human(float64(s.Pairs)), s.Candidates, o.Out, s.Seconds, human(rate),
		s.Timing.Statistics.Seconds(), s.Timing.Estimation.Seconds(), s.Timing.Matching.Seconds())
}

// human writes n with a k/M/G suffix.
func human(n float64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2fG", n/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.2fM", n/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.1fk", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}
