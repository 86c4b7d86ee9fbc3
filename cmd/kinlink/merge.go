package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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

// part is one shard's matches file, read as a stream.
type part struct {
	path   string
	file   *records.MatchStream
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
	parts, err := openParts(ctx, paths)
	for _, pt := range parts {
		defer pt.file.Close()
	}
	if err != nil {
		return err
	}
	meta, err := mergedMeta(parts, *out, *rejects, 0)
	if err != nil {
		return err
	}
	mw, err := records.CreateMatches(*out, meta)
	if err != nil {
		return err
	}
	defer mw.Abort()
	written, err := mergeRows(ctx, parts, mw)
	if err != nil {
		return err
	}
	// The row count is known now; the key keeps its place in the metadata.
	if meta, err = mergedMeta(parts, *out, *rejects, written); err != nil {
		return err
	}
	mw.SetMeta("kinlink.rows", meta["kinlink.rows"])
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
	fmt.Fprintf(e.stderr, "merged %d parts: %d candidates written to %s\n", len(parts), written, *out)
	return nil
}

// openParts opens the parts and checks that they are the N shards of one
// run: each index once, the same statistics, the same configuration but
// for the shard and the file names. The parts it returns are open, also
// with an error.
func openParts(ctx context.Context, paths []string) (parts []part, err error) {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return parts, err
		}
		mf, err := records.OpenMatchStream(p)
		if err != nil {
			return parts, err
		}
		pt := part{path: p, file: mf}
		parts = append(parts, pt)
		raw := mf.Meta["kinlink.config"]
		if err := json.Unmarshal([]byte(raw), &pt.config); err != nil || json.Unmarshal([]byte(raw), &pt.cfg) != nil {
			return parts, fmt.Errorf("%s: no readable kinlink.config in its metadata (not written by kinlink match?)", p)
		}
		if pt.cfg.Shard == "" {
			return parts, fmt.Errorf("%s: not a shard's part (written without --shard)", p)
		}
		if pt.shard, err = records.ParseShard(pt.cfg.Shard, nil); err != nil {
			return parts, fmt.Errorf("%s: %v", p, err)
		}
		parts[len(parts)-1] = pt
	}
	parts = slices.Clone(parts) // sorted below; the caller closes the files it was given
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

// mergeRows writes to w the best K rows of each person sought across the
// parts. Every part is sorted by query id, so the parts are read side by
// side, one person at a time: memory holds one person's rows, whatever
// the parts' sizes. It returns the rows written.
func mergeRows(ctx context.Context, parts []part, w *records.MatchWriter) (int64, error) {
	type head struct {
		row records.Match
		ok  bool
	}
	heads := make([]head, len(parts))
	next := func(i int) error {
		r, err := parts[i].file.Next()
		if err == io.EOF {
			heads[i].ok = false
			return nil
		}
		if err != nil {
			return err
		}
		if heads[i].ok && r.QueryID < heads[i].row.QueryID {
			return fmt.Errorf("%s: rows not sorted by query_id (%s after %s)", parts[i].path, r.QueryID, heads[i].row.QueryID)
		}
		heads[i] = head{r, true}
		return nil
	}
	for i := range parts {
		if err := next(i); err != nil {
			return 0, err
		}
	}
	k := parts[0].cfg.Top
	var written int64
	var rows []records.Match
	for {
		if err := ctx.Err(); err != nil {
			return written, err
		}
		query, found := "", false
		for _, h := range heads {
			if h.ok && (!found || h.row.QueryID < query) {
				query, found = h.row.QueryID, true
			}
		}
		if !found {
			return written, nil
		}
		rows = rows[:0]
		for i := range heads {
			for heads[i].ok && heads[i].row.QueryID == query {
				rows = append(rows, heads[i].row)
				if err := next(i); err != nil {
					return written, err
				}
			}
		}
		slices.SortFunc(rows, func(a, b records.Match) int {
			if a.MatchWeight != b.MatchWeight {
				return -cmp.Compare(a.MatchWeight, b.MatchWeight)
			}
			return strings.Compare(a.CandidateID, b.CandidateID)
		})
		rows = rows[:min(len(rows), k)]
		for r := range rows {
			rows[r].Rank = int32(r + 1)
		}
		if err := w.Write(rows); err != nil {
			return written, err
		}
		written += int64(len(rows))
	}
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
