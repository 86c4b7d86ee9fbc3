package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinlink/match"
	"kinlink/records"
)

// Global statistics for sharded runs. A run's model and term frequencies
// depend on the whole archive: kinlink match reads it twice, statistics
// first. A sharded run splits that first pass too: each shard writes its
// statistics (kinlink stats --shard i/N), which are sums and a sample
// chosen by id hash, so kinlink stats merge sums them into exactly the
// statistics of the whole archive and estimates the model from them, as a
// single run would. Every shard then matches with those (kinlink match
// --stats), and kinlink merge joins the parts.

// statsOptions is the configuration of kinlink stats, recorded in its file.
type statsOptions struct {
	Missing   string   `json:"missing"`
	Archive   pathList `json:"archive,omitempty"`
	Shard     string   `json:"shard,omitempty"`
	Map       string   `json:"map,omitempty"`
	Model     string   `json:"model,omitempty"`
	Out       string   `json:"out"`
	Workers   int      `json:"-"`
	BatchSize int      `json:"-"`
	Progress  string   `json:"-"`
}

// Metadata keys of a statistics file.
const (
	metaStatsRecords  = "kinlink.stats.records"   // archive records counted
	metaStatsSample   = "kinlink.stats.sample"    // the sample, JSON records
	metaStatsRounds   = "kinlink.stats.rounds"    // the estimation rounds' level vectors, JSON
	metaStatsYearGaps = "kinlink.stats.year_gaps" // the family+given round's pairs by years between births, JSON
	metaStatsShard    = "kinlink.stats.shard"     // i/N, or whole; merged: the number of shards
	metaStatsHash     = "kinlink.stats"           // merged only: a hash of the statistics and the model
	metaModel         = "kinlink.model"           // merged only: the model, JSON
)

func runStats(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "merge" {
		return runStatsMerge(ctx, e, args[1:])
	}
	var o statsOptions
	fs := newFlags(e, "stats")
	fs.StringVar(&o.Missing, "missing", "", "people sought: CSV/TSV (.gz, .zst) or Parquet `FILE`")
	fs.StringArrayVar((*[]string)(&o.Archive), "archive", nil, "archive records, as for match (a `FILE`, a folder, a glob; repeat for a list)")
	fs.StringVar(&o.Shard, "shard", "", "count shard i of N of the archive (`i/N`, or auto/N with i from the scheduler's environment)")
	fs.StringVar(&o.Out, "out", "", "statistics Parquet `FILE` to write")
	fs.StringVar(&o.Map, "map", "", "input columns, as for match")
	fs.StringVar(&o.Model, "model", "", "a model JSON `FILE` to score with as given (no estimation), as for match")
	fs.IntVar(&o.Workers, "workers", 0, "goroutines (0: one per core)")
	fs.IntVar(&o.BatchSize, "batch", 1024, "archive records per batch")
	fs.StringVar(&o.Progress, "progress", "auto", "progress on stderr: auto|always|never")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q (kinlink stats merge takes parts)", fs.Arg(0))
	case o.Missing == "" || len(o.Archive) == 0 || o.Out == "":
		return usagef("--missing, --archive and --out are required")
	case o.Workers < 0 || o.Workers > maxWorkers:
		return usagef("--workers must be between 0 (one per core) and %d, not %d", maxWorkers, o.Workers)
	case o.BatchSize < 1 || o.BatchSize > maxBatch:
		return usagef("--batch must be between 1 and %d, not %d", maxBatch, o.BatchSize)
	}
	mo := matchOptions{Missing: o.Missing, Archive: o.Archive, Shard: o.Shard, Out: o.Out, Rejects: "-", Top: 1,
		Map: o.Map, Model: o.Model, Workers: o.Workers, BatchSize: o.BatchSize, Progress: o.Progress, Blocking: "exhaustive"}
	if err := mo.checkInputs(); err != nil {
		return err
	}
	o.Shard = mo.Shard
	if err := checkPaths(mo.inputs(), []namedPath{{"--out", o.Out}}); err != nil {
		return err
	}
	defer limitMemory(ctx)()
	start := time.Now()
	cm, _ := records.ParseColumnMap(o.Map)
	var missingRejected int
	missing, err := readMissing(o.Missing, cm, func(*records.RowError) error { missingRejected++; return nil })
	if err != nil {
		return err
	}
	cfg := match.Config{Workers: o.Workers, BatchSize: o.BatchSize}
	if o.Model != "" {
		if cfg.Model, err = match.LoadModel(o.Model); err != nil {
			return err
		}
		cfg.Fixed = true
	}
	linker := match.NewLinker(cfg, missing)
	// A shard logs the ids it checks, for stats merge to find those of
	// several shards (see records.IDCheck).
	var ids []records.IDEntry
	ar := &archivePasses{openSet: func() (records.Reader, error) {
		var cross records.IDCheck
		if !mo.shard.Whole() {
			ids = ids[:0]
			cross.Log = &ids
		}
		return records.OpenSetIDs(mo.archiveFiles, mo.archiveRoot, cm, mo.shard, cross)
	}}
	var counters match.Counters
	stop := startProgress(ctx, e, o.Progress, ar, &counters)
	st, err := linker.Collect(ctx, ar.open, !cfg.Fixed, &counters)
	stop()
	if err != nil {
		return err
	}
	config, err := json.Marshal(o)
	if err != nil {
		return err
	}
	meta, err := statsMeta(st)
	if err != nil {
		return err
	}
	meta["kinlink.version"] = version()
	meta["kinlink.config"] = string(config)
	meta[metaStatsShard] = mo.shard.String()
	records.SortIDs(ids)
	if err := records.WriteStatsFile(o.Out, statsRows(st), ids, meta); err != nil {
		return err
	}
	read, rejected := counters.Read.Load(), counters.Rejected.Load()
	fmt.Fprintf(e.stderr, "%s: %d people sought (%d rows rejected: kinlink match lists them)\n", o.Missing, len(missing), missingRejected)
	fmt.Fprintf(e.stderr, "%s (shard %s): %d rows read = %d counted + %d rejected (kinlink match lists them)\n",
		o.Archive, mo.shard, read, read-rejected, rejected)
	fmt.Fprintf(e.stderr, "statistics written to %s in %.1f s\n", o.Out, time.Since(start).Seconds())
	return nil
}

// readMissing reads the list of people sought.
func readMissing(path string, cm records.ColumnMap, reject func(*records.RowError) error) ([]records.Record, error) {
	mr, err := records.Open(path, cm)
	if err != nil {
		return nil, err
	}
	defer mr.Close()
	missing, err := records.ReadAll(mr, reject)
	if err == nil && len(missing) == 0 {
		err = fmt.Errorf("%s: no usable person sought", path)
	}
	return missing, err
}

func statsRows(st *match.Stats) []records.StatsRow {
	rows := make([]records.StatsRow, len(st.Queries))
	for i, q := range st.Queries {
		rows[i] = records.StatsRow{QueryID: q, FamilyCount: st.FamilyCount[i], GivenCount: st.GivenCount[i], NamesCount: st.NamesCount[i], NamesFar: st.NamesFarCount[i]}
		rows[i].NamesRoundPairs, rows[i].GivenRoundPairs, rows[i].FamilyRoundPairs = st.PersonRoundPairs(i)
	}
	return rows
}

// statsMeta is the part of st that goes into the file's metadata.
func statsMeta(st *match.Stats) (map[string]string, error) {
	sample, err := json.Marshal(st.Sample)
	if err != nil {
		return nil, err
	}
	rounds, err := json.Marshal(st.Rounds)
	if err != nil {
		return nil, err
	}
	gaps, err := json.Marshal(st.NamesYearGaps)
	if err != nil {
		return nil, err
	}
	return map[string]string{
		metaStatsRecords:  strconv.FormatInt(st.Records, 10),
		metaStatsSample:   string(sample),
		metaStatsRounds:   string(rounds),
		metaStatsYearGaps: string(gaps),
	}, nil
}

// readStats reads a statistics file back into Stats.
func readStats(path string) (*match.Stats, map[string]string, error) {
	rows, meta, err := records.ReadStatsFile(path)
	if err != nil {
		return nil, nil, err
	}
	st := &match.Stats{}
	if st.Records, err = strconv.ParseInt(meta[metaStatsRecords], 10, 64); err != nil {
		return nil, nil, fmt.Errorf("%s: %s: %w (is this a file written by kinlink stats?)", path, metaStatsRecords, err)
	}
	if err := json.Unmarshal([]byte(meta[metaStatsSample]), &st.Sample); err != nil {
		return nil, nil, fmt.Errorf("%s: %s: %w", path, metaStatsSample, err)
	}
	if err := json.Unmarshal([]byte(meta[metaStatsRounds]), &st.Rounds); err != nil {
		return nil, nil, fmt.Errorf("%s: %s: %w", path, metaStatsRounds, err)
	}
	if err := json.Unmarshal([]byte(meta[metaStatsYearGaps]), &st.NamesYearGaps); err != nil {
		return nil, nil, fmt.Errorf("%s: %s: %w", path, metaStatsYearGaps, err)
	}
	for _, r := range rows {
		st.AddPerson(r.QueryID, r.FamilyCount, r.GivenCount, r.NamesCount, r.NamesFar, r.NamesRoundPairs, r.GivenRoundPairs, r.FamilyRoundPairs)
	}
	return st, meta, nil
}

// statsHash identifies merged statistics and the model estimated from
// them: the parts of a sharded run must all be scored with the same.
func statsHash(meta map[string]string, rows []records.StatsRow, repeats []records.IDEntry) string {
	h := sha256.New()
	for _, k := range []string{metaStatsRecords, metaStatsSample, metaStatsRounds, metaStatsYearGaps, metaModel} {
		fmt.Fprintf(h, "%s=%d:%s\n", k, len(meta[k]), meta[k])
	}
	for _, r := range rows {
		fmt.Fprintf(h, "%q %d %d %d %d %d %d %d\n", r.QueryID, r.FamilyCount, r.GivenCount, r.NamesCount, r.NamesFar, r.NamesRoundPairs, r.GivenRoundPairs, r.FamilyRoundPairs)
	}
	// The rows each shard rejects as repeats of another shard's.
	for _, e := range repeats {
		fmt.Fprintf(h, "repeat %x %x\n", e.Fingerprint, e.Position)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// statsPart is the statistics of one shard, read by kinlink stats merge.
type statsPart struct {
	path  string
	st    *match.Stats
	cfg   statsOptions
	shard records.Shard
}

func runStatsMerge(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "stats")
	missingPath := fs.String("missing", "", "the people sought the parts were counted for (`FILE`)")
	out := fs.String("out", "", "merged statistics Parquet `FILE`")
	mapSpec := fs.String("map", "", "input columns, as for match")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *missingPath == "" || *out == "" || fs.NArg() == 0 {
		return usagef("kinlink stats merge --missing FILE --out FILE PARTS... (files, a folder or a glob)")
	}
	cm, err := records.ParseColumnMap(*mapSpec)
	if err != nil {
		return &usageError{err.Error()}
	}
	found, err := records.ExpandPaths(fs.Args())
	if err != nil {
		return err
	}
	inputs := []namedPath{{"--missing", *missingPath}}
	for _, p := range found {
		inputs = append(inputs, namedPath{"part", p})
	}
	if err := checkPaths(inputs, []namedPath{{"--out", *out}}); err != nil {
		return err
	}
	var parts []statsPart
	for _, p := range found {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, meta, err := readStats(p)
		if err != nil {
			return err
		}
		sp := statsPart{path: p, st: st}
		if err := json.Unmarshal([]byte(meta["kinlink.config"]), &sp.cfg); err != nil {
			return fmt.Errorf("%s: kinlink.config: %w", p, err)
		}
		if meta[metaStatsShard] != "whole" {
			if sp.shard, err = records.ParseShard(meta[metaStatsShard], nil); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
		}
		parts = append(parts, sp)
	}
	slices.SortFunc(parts, func(a, b statsPart) int { return a.shard.Index - b.shard.Index })
	n := max(parts[0].shard.Count, 1)
	if len(parts) != n {
		return fmt.Errorf("%d statistics files for %d shards: each shard's, once, is needed", len(parts), n)
	}
	for i, p := range parts {
		switch {
		case max(p.shard.Count, 1) != n || (n > 1 && p.shard.Index != i):
			return fmt.Errorf("%s is shard %s: the parts are not shards 0 to %d of %d, each once", p.path, p.shard, n-1, n)
		case p.cfg.Missing != parts[0].cfg.Missing || p.cfg.Map != parts[0].cfg.Map || p.cfg.Model != parts[0].cfg.Model ||
			!slices.Equal(p.cfg.Archive, parts[0].cfg.Archive):
			return fmt.Errorf("%s and %s were counted with different --missing, --archive, --map or --model", p.path, parts[0].path)
		}
	}
	// The rows whose id a row of another shard has: a single run rejects
	// all but the first of each id, so the statistics must not count
	// them. The shards counted those that were the first of their id in
	// their own part; they are taken out of the samples here, and out of
	// the sums once read again from the archive below.
	repeats, counted, err := crossShardRepeats(ctx, parts)
	if err != nil {
		return err
	}
	var countedRows []records.IDEntry
	for i := range parts {
		if len(counted[i]) == 0 {
			continue
		}
		parts[i].st.Sample = slices.DeleteFunc(parts[i].st.Sample, func(r records.Record) bool {
			_, ok := counted[i][records.IDFingerprint(r.ID)]
			return ok
		})
		for fp, pos := range counted[i] {
			countedRows = append(countedRows, records.IDEntry{Fingerprint: fp, Position: pos})
		}
	}
	st := parts[0].st
	for _, p := range parts[1:] {
		if err := st.Merge(p.st); err != nil {
			return fmt.Errorf("%s: %w", p.path, err)
		}
	}
	missing, err := readMissing(*missingPath, cm, func(*records.RowError) error { return nil })
	if err != nil {
		return err
	}
	cfg := match.Config{}
	fixed := parts[0].cfg.Model != ""
	if fixed {
		if cfg.Model, err = match.LoadModel(parts[0].cfg.Model); err != nil {
			return err
		}
		cfg.Fixed = true
	}
	linker := match.NewLinker(cfg, missing)
	if len(countedRows) > 0 {
		if err := subtractRepeats(ctx, linker, st, parts[0].cfg, countedRows, !fixed); err != nil {
			return err
		}
	}
	model := linker.Config().Model
	if !fixed {
		model = linker.Estimate(model, st)
	}
	mb, err := json.Marshal(model)
	if err != nil {
		return err
	}
	meta, err := statsMeta(st)
	if err != nil {
		return err
	}
	merged := parts[0].cfg
	merged.Shard, merged.Out = "", *out
	config, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	rows := statsRows(st)
	meta["kinlink.version"] = version()
	meta["kinlink.config"] = string(config)
	meta[metaStatsShard] = strconv.Itoa(n)
	meta[metaModel] = string(mb)
	meta[metaStatsHash] = statsHash(meta, rows, repeats)
	if err := records.WriteStatsFile(*out, rows, repeats, meta); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged the statistics of %d shards (%d archive records) into %s\n", n, st.Records, *out)
	if len(repeats) > 0 {
		fmt.Fprintf(e.stderr, "%d rows repeat the id of an earlier row, %d of them one in another shard (read again from the archive to take them out of the statistics): the shards reject them all, as a single run does\n",
			len(repeats), len(countedRows))
	}
	printModel(e.stderr, model, fixed)
	return nil
}

// loadMergedStats reads the statistics and the model a shard of a sharded
// run matches with, and the positions of the rows it rejects as repeats of
// an earlier row's id in another shard.
func loadMergedStats(path string, o *matchOptions) (*match.Stats, *match.Model, string, map[uint64]struct{}, error) {
	st, meta, err := readStats(path)
	if err != nil {
		return nil, nil, "", nil, err
	}
	if meta[metaStatsHash] == "" || meta[metaModel] == "" {
		return nil, nil, "", nil, fmt.Errorf("%s: statistics of one shard; merge them first (kinlink stats merge)", path)
	}
	var cfg statsOptions
	if err := json.Unmarshal([]byte(meta["kinlink.config"]), &cfg); err != nil {
		return nil, nil, "", nil, fmt.Errorf("%s: kinlink.config: %w", path, err)
	}
	if !slices.Equal(cfg.Archive, o.Archive) || cfg.Map != o.Map {
		return nil, nil, "", nil, usagef("--stats %s was counted on --archive %s (--map %q); this run reads --archive %s (--map %q): give the same",
			path, strings.Join(cfg.Archive, " "), cfg.Map, strings.Join(o.Archive, " "), o.Map)
	}
	model, err := match.ParseModel([]byte(meta[metaModel]))
	if err != nil {
		return nil, nil, "", nil, fmt.Errorf("%s: %s: %w", path, metaModel, err)
	}
	ids, err := records.OpenStatsIDs(path)
	if err != nil {
		return nil, nil, "", nil, err
	}
	defer ids.Close()
	repeats := map[uint64]struct{}{}
	for {
		e, err := ids.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, "", nil, err
		}
		repeats[e.Position] = struct{}{}
	}
	return st, model, meta[metaStatsHash], repeats, nil
}
