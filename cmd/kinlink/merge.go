package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"kinlink/match"
	"kinlink/records"
)

// Sharded runs end here: N processes each matched one shard of the archive
// (kinlink match --stats S --shard i/N) and wrote a part; merge keeps, for
// each person sought, the best K rows across the parts, ranked by
// match_weight (descending) then candidate_id, as a single run ranks them.
// Every shard scored with the same global statistics, so a row's weight
// does not depend on its shard, and the K best of the whole archive are
// among the K best of each shard: the merge is exact, and its file is the
// one a single run would write, byte for byte.

// partConfig is what merge needs of a part's recorded configuration.
type partConfig struct {
	Top     int    `json:"top"`
	Shard   string `json:"shard"`
	Stats   string `json:"stats"`
	Missing string `json:"missing"`
	Rejects string `json:"rejects"`
}

// part is one shard's matches file.
type part struct {
	path   string
	file   *records.MatchFile
	cfg    partConfig
	shard  records.Shard
	config map[string]json.RawMessage // the whole recorded configuration
}

func runMerge(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "merge")
	out := fs.String("out", "", "merged output Parquet `FILE`")
	rejects := fs.String("rejects", "", "merged rejects CSV `FILE` (default: beside --out, .rejects.csv)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	if fs.NArg() == 0 {
		return usagef("name the parts: files, a folder or a glob (parts/part-*.parquet)")
	}
	if *rejects == "" {
		*rejects = strings.TrimSuffix(*out, filepath.Ext(*out)) + ".rejects.csv"
	}
	found, err := records.ExpandPaths(fs.Args())
	if err != nil {
		return err
	}
	var paths []string // the Parquet files: a folder of parts holds their rejects files too
	for _, p := range found {
		if strings.EqualFold(filepath.Ext(p), ".parquet") {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return fmt.Errorf("%s: no .parquet parts", strings.Join(fs.Args(), " "))
	}
	var inputs []namedPath
	for _, p := range paths {
		inputs = append(inputs, namedPath{"part", p})
	}
	if err := checkPaths(inputs, []namedPath{{"--out", *out}, {"--rejects", *rejects}}); err != nil {
		return err
	}
	parts, err := readParts(ctx, paths)
	if err != nil {
		return err
	}
	rows := mergeRows(parts)
	meta, err := mergedMeta(parts, *out, *rejects, int64(len(rows)))
	if err != nil {
		return err
	}
	mw, err := records.CreateMatches(*out, meta)
	if err != nil {
		return err
	}
	defer mw.Abort()
	var c match.Counters
	if err := writeMatches(ctx, mw, rows, &c); err != nil {
		return err
	}
	rw, err := records.CreateRejects(*rejects)
	if err != nil {
		return err
	}
	defer rw.Abort()
	if err := mergeRejects(parts, rw); err != nil {
		return err
	}
	if err := records.CommitAll(mw, rw); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "merged %d parts: %d candidates written to %s\n", len(parts), len(rows), *out)
	return nil
}

// readParts reads the parts and checks that they are the N shards of one
// run: each index once, the same statistics, the same configuration but
// for the shard and the file names.
func readParts(ctx context.Context, paths []string) ([]part, error) {
	var parts []part
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mf, err := records.ReadMatchFile(p)
		if err != nil {
			return nil, err
		}
		pt := part{path: p, file: mf}
		raw := mf.Meta["kinlink.config"]
		if err := json.Unmarshal([]byte(raw), &pt.config); err != nil || json.Unmarshal([]byte(raw), &pt.cfg) != nil {
			return nil, fmt.Errorf("%s: no readable kinlink.config in its metadata (not written by kinlink match?)", p)
		}
		if pt.cfg.Shard == "" {
			return nil, fmt.Errorf("%s: not a shard's part (written without --shard)", p)
		}
		if pt.shard, err = records.ParseShard(pt.cfg.Shard, nil); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		parts = append(parts, pt)
	}
	slices.SortFunc(parts, func(a, b part) int { return a.shard.Index - b.shard.Index })
	n := parts[0].shard.Count
	first := parts[0]
	for i, pt := range parts {
		switch {
		case pt.shard.Count != n:
			return nil, fmt.Errorf("%s is shard %s, but %s is one of %d shards", pt.path, pt.cfg.Shard, first.path, n)
		case pt.file.Meta["kinlink.stats"] != first.file.Meta["kinlink.stats"]:
			return nil, fmt.Errorf("%s was scored with other statistics than %s (kinlink.stats %q, %q): run every shard with the same --stats",
				pt.path, first.path, pt.file.Meta["kinlink.stats"], first.file.Meta["kinlink.stats"])
		case i > 0 && pt.shard.Index == parts[i-1].shard.Index:
			return nil, fmt.Errorf("%s and %s are both shard %s", parts[i-1].path, pt.path, pt.cfg.Shard)
		case !sameRun(pt.config, first.config):
			return nil, fmt.Errorf("%s and %s come from runs with different settings (compare their kinlink.config)", pt.path, first.path)
		case pt.file.Meta["kinlink.version"] != first.file.Meta["kinlink.version"]:
			return nil, fmt.Errorf("%s and %s were written by different kinlink versions", pt.path, first.path)
		}
	}
	if len(parts) != n {
		var missing []string
		have := map[int]bool{}
		for _, pt := range parts {
			have[pt.shard.Index] = true
		}
		for i := range n {
			if !have[i] {
				missing = append(missing, fmt.Sprintf("%d/%d", i, n))
			}
		}
		return nil, fmt.Errorf("%d of %d parts: shard %s missing (a failed or unfinished index?)", len(parts), n, strings.Join(missing, ", "))
	}
	return parts, nil
}

// perShard are the configuration keys that differ from shard to shard.
var perShard = []string{"shard", "out", "rejects", "stats"} // stats: compared by content (kinlink.stats)

func sameRun(a, b map[string]json.RawMessage) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Contains(perShard, k) && string(v) != string(b[k]) {
			return false
		}
	}
	return true
}

// mergeRows keeps the best K rows of each person sought across the parts.
func mergeRows(parts []part) []records.Match {
	var all []records.Match
	for _, pt := range parts {
		all = append(all, pt.file.Rows...)
	}
	slices.SortFunc(all, func(a, b records.Match) int {
		if c := strings.Compare(a.QueryID, b.QueryID); c != 0 {
			return c
		}
		if a.MatchWeight != b.MatchWeight {
			return -cmp.Compare(a.MatchWeight, b.MatchWeight)
		}
		return strings.Compare(a.CandidateID, b.CandidateID)
	})
	k := int32(parts[0].cfg.Top)
	out := all[:0]
	var rank int32
	for i, r := range all {
		if i == 0 || r.QueryID != all[i-1].QueryID {
			rank = 0
		}
		rank++
		if rank <= k {
			r.Rank = rank
			out = append(out, r)
		}
	}
	return out
}

// mergedMeta is the metadata a single run would have written: the
// configuration without the shard and the statistics file, naming the
// merged files; the row counts summed over the shards (the people sought,
// read by every shard, counted once).
func mergedMeta(parts []part, out, rejects string, candidates int64) (map[string]string, error) {
	first := parts[0]
	meta := map[string]string{}
	for k, v := range first.file.Meta {
		meta[k] = v
	}
	delete(meta, "kinlink.stats")
	cfg := map[string]json.RawMessage{}
	for k, v := range first.config {
		cfg[k] = v
	}
	delete(cfg, "shard")
	delete(cfg, "stats")
	o, _ := json.Marshal(out)
	r, _ := json.Marshal(rejects)
	cfg["out"], cfg["rejects"] = o, r
	// Marshal in the order match records its options.
	var o2 matchOptions
	b, err := json.Marshal(cfg)
	if err == nil {
		err = json.Unmarshal(b, &o2)
	}
	if err == nil {
		b, err = json.Marshal(o2)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: kinlink.config: %w", first.path, err)
	}
	meta["kinlink.config"] = string(b)
	var sum matchSummary
	for i, pt := range parts {
		var s matchSummary
		if err := json.Unmarshal([]byte(pt.file.Meta["kinlink.rows"]), &s); err != nil {
			return nil, fmt.Errorf("%s: kinlink.rows: %w", pt.path, err)
		}
		if i == 0 {
			sum.MissingRead, sum.MissingUsed, sum.MissingRejected, sum.MissingWarned = s.MissingRead, s.MissingUsed, s.MissingRejected, s.MissingWarned
		}
		sum.ArchiveRead += s.ArchiveRead
		sum.ArchiveUsed += s.ArchiveUsed
		sum.ArchiveRejected += s.ArchiveRejected
		sum.ArchiveWarned += s.ArchiveWarned
		sum.Pairs += s.Pairs
		for rule, n := range s.RulePairs {
			if sum.RulePairs == nil {
				sum.RulePairs = map[string]int64{}
			}
			sum.RulePairs[rule] += n
		}
	}
	sum.Candidates = candidates
	b, err = json.Marshal(sum)
	if err != nil {
		return nil, err
	}
	meta["kinlink.rows"] = string(b)
	// The archive's columns as a single run describes them: each
	// description of the files read, once, sorted.
	var missingCols string
	var archiveCols []string
	for _, pt := range parts {
		m, a, _ := strings.Cut(pt.file.Meta["kinlink.columns"], "; archive: ")
		missingCols = m
		for _, c := range strings.Split(a, " | ") {
			if c != "" && !slices.Contains(archiveCols, c) {
				archiveCols = append(archiveCols, c)
			}
		}
	}
	slices.Sort(archiveCols)
	meta["kinlink.columns"] = missingCols + "; archive: " + strings.Join(archiveCols, " | ")
	return meta, nil
}

// mergeRejects writes the rejects of the parts as a single run would: the
// people sought's once (every shard read them), then the archive's in the
// order a single run reads the archive (by file, then line).
func mergeRejects(parts []part, w *records.RejectWriter) error {
	var sought, archive []*records.RowError
	for i, pt := range parts {
		path := rejectsOf(pt)
		if _, err := os.Stat(path); err != nil {
			return fmt.Errorf("the rejects of %s: %s is missing: merge needs each part's rejects file beside it", pt.path, path)
		}
		rows, err := records.ReadRejects(path)
		if err != nil {
			return fmt.Errorf("the rejects of %s: %w", pt.path, err)
		}
		for _, r := range rows {
			switch {
			case r.File != pt.cfg.Missing:
				archive = append(archive, r)
			case i == 0:
				sought = append(sought, r)
			}
		}
	}
	slices.SortStableFunc(archive, func(a, b *records.RowError) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	for _, r := range append(sought, archive...) {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return nil
}

// rejectsOf is the rejects file of a part, as its configuration names it;
// a relative name that is not found from here is looked for beside the
// part (the shard may have run in another folder).
func rejectsOf(pt part) string {
	p := pt.cfg.Rejects
	if _, err := os.Stat(p); err != nil && !filepath.IsAbs(p) {
		if q := filepath.Join(filepath.Dir(pt.path), filepath.Base(p)); q != p {
			if _, err := os.Stat(q); err == nil {
				return q
			}
		}
	}
	return p
}
