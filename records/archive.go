package records

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// An archive may be one file or many: a folder (Hive-partitioned as
// DuckDB and Spark write it, region=north/part-0.parquet), a glob, or a
// list. A run may also take one shard of it, so that N processes on a
// scheduler's array job (Kubernetes Indexed Jobs, Slurm arrays) share the
// work. The unit of sharing is a Parquet row group or a whole delimited
// file; units go to shards by a fixed rule over their paths and sizes, so
// the split never depends on the order the files were listed or found in.

// Shard is the part Index of Count (0 ≤ Index < Count) of an archive. The
// zero Shard is the whole archive.
type Shard struct{ Index, Count int }

// Whole reports whether s is the whole archive.
func (s Shard) Whole() bool { return s.Count <= 1 }

func (s Shard) String() string {
	if s.Whole() {
		return "whole"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// MaxShards bounds the shard count; it is far beyond any real array job.
const MaxShards = 100_000

// ShardIndexVariables are the environment variables that array-job
// schedulers set to a task's index, read in this order when --shard names
// only the count (auto/N). Slurm's is taken relative to
// SLURM_ARRAY_TASK_MIN, since an array may start at 1.
var ShardIndexVariables = []string{
	"JOB_COMPLETION_INDEX",      // Kubernetes Indexed Jobs
	"SLURM_ARRAY_TASK_ID",       // Slurm job arrays (minus SLURM_ARRAY_TASK_MIN)
	"AWS_BATCH_JOB_ARRAY_INDEX", // AWS Batch array jobs
	"BATCH_TASK_INDEX",          // Google Cloud Batch
}

// ParseShard reads a --shard value: "i/N" (the index i of N shards, from
// 0), or "auto/N", which takes i from the scheduler's environment (see
// ShardIndexVariables), read through getenv. An empty value is the whole.
func ParseShard(s string, getenv func(string) string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q: want i/N (this shard's index from 0, and the number of shards) or auto/N", s)
	}
	n, err := strconv.Atoi(strings.TrimSpace(ns))
	if err != nil || n < 1 || n > MaxShards {
		return Shard{}, fmt.Errorf("--shard %q: the number of shards must be between 1 and %d", s, MaxShards)
	}
	var i int
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	if strings.TrimSpace(is) == "auto" {
		from := ""
		for _, v := range ShardIndexVariables {
			if val := getenv(v); val != "" {
				from = v
				i, err = strconv.Atoi(strings.TrimSpace(val))
				if err != nil {
					return Shard{}, fmt.Errorf("--shard auto: %s=%q is not a number", v, val)
				}
				if v == "SLURM_ARRAY_TASK_ID" {
					if m := getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
						min, err := strconv.Atoi(strings.TrimSpace(m))
						if err != nil {
							return Shard{}, fmt.Errorf("--shard auto: SLURM_ARRAY_TASK_MIN=%q is not a number", m)
						}
						i -= min
					}
				}
				break
			}
		}
		if from == "" {
			return Shard{}, fmt.Errorf("--shard auto/%d: no shard index in the environment (looked for %s); give it as i/%d",
				n, strings.Join(ShardIndexVariables, ", "), n)
		}
		if i < 0 || i >= n {
			return Shard{}, fmt.Errorf("--shard auto/%d: %s gives index %d, outside 0..%d", n, from, i, n-1)
		}
		return Shard{Index: i, Count: n}, nil
	}
	i, err = strconv.Atoi(strings.TrimSpace(is))
	if err != nil || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("--shard %q: the index must be between 0 and %d", s, n-1)
	}
	return Shard{Index: i, Count: n}, nil
}

// dataExtensions are the file names a folder is searched for.
var dataExtensions = []string{".parquet", ".csv", ".tsv", ".tab", ".txt", ".csv.gz", ".tsv.gz", ".csv.zst", ".tsv.zst", ".gz", ".zst"}

// ExpandPaths turns what --archive names into a sorted list of files: a
// file as it is; a folder searched recursively for data files (names
// starting with . or _ skipped, as Spark's _SUCCESS and checksum files); a
// glob pattern (*, ?, [...], on file names) matched. A list is several
// such specs. It fails on a spec that names nothing, and on a file named
// twice.
func ExpandPaths(specs []string) ([]string, error) {
	var out []string
	for _, spec := range specs {
		st, err := os.Stat(spec)
		switch {
		case err == nil && st.IsDir():
			found, err := walkData(spec)
			if err != nil {
				return nil, err
			}
			if len(found) == 0 {
				return nil, fmt.Errorf("%s: the folder holds no data files (%s)", spec, strings.Join(dataExtensions[:5], ", "))
			}
			out = append(out, found...)
		case err == nil:
			out = append(out, spec)
		case strings.ContainsAny(spec, "*?["):
			matches, gerr := filepath.Glob(spec)
			if gerr != nil {
				return nil, fmt.Errorf("%s: %w", spec, gerr)
			}
			var files []string
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && !st.IsDir() {
					files = append(files, m)
				}
			}
			if len(files) == 0 {
				return nil, fmt.Errorf("%s: no file matches", spec)
			}
			out = append(out, files...)
		default:
			return nil, err
		}
	}
	slices.Sort(out)
	for i := 1; i < len(out); i++ {
		if samePathString(out[i-1], out[i]) {
			return nil, fmt.Errorf("%s is named twice", out[i])
		}
	}
	return out, nil
}

func samePathString(a, b string) bool {
	ca, errA := filepath.Abs(a)
	cb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && ca == cb
}

func walkData(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		lower := strings.ToLower(name)
		for _, ext := range dataExtensions {
			if strings.HasSuffix(lower, ext) {
				found = append(found, p)
				break
			}
		}
		return nil
	})
	return found, err
}

// partitionColumns reads the Hive partition columns of path relative to
// root: each folder named key=value gives a column key holding value in
// every row of the file (URL-escaped as Hive and DuckDB write them).
func partitionColumns(root, path string) (names, values []string) {
	rel, err := filepath.Rel(root, filepath.Dir(path))
	if err != nil || rel == "." {
		return nil, nil
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		k, v, ok := strings.Cut(part, "=")
		if !ok || k == "" {
			continue
		}
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		if v == "__HIVE_DEFAULT_PARTITION__" {
			v = ""
		}
		names = append(names, k)
		values = append(values, v)
	}
	return names, values
}

// unit is one share of an archive: a Parquet row group, or a whole file.
type unit struct {
	file   int   // index into the set's files
	group  int   // row group, or -1 for the whole file
	weight int64 // rows (Parquet) or an estimate from the size (text)
}

// textRowBytes estimates the bytes of a row of delimited text, to weigh a
// text file against Parquet row groups.
const textRowBytes = 64

// shardUnits lists the units of files and picks shard's: units sorted by
// weight (largest first), then path and row group, each given to the
// shard with the least weight so far (the lowest index on a tie). The
// rule sees only paths and sizes, so every shard computes the same split
// whatever order the files came in, and shards differ by at most one unit.
func shardUnits(files []string, units []unit, shard Shard) []unit {
	if shard.Whole() {
		return units
	}
	order := slices.Clone(units)
	slices.SortStableFunc(order, func(a, b unit) int {
		switch {
		case a.weight != b.weight:
			if a.weight > b.weight {
				return -1
			}
			return 1
		case files[a.file] != files[b.file]:
			return strings.Compare(files[a.file], files[b.file])
		}
		return a.group - b.group
	})
	load := make([]int64, shard.Count)
	var mine []unit
	for _, u := range order {
		best := 0
		for s := 1; s < shard.Count; s++ {
			if load[s] < load[best] {
				best = s
			}
		}
		load[best] += max(u.weight, 1)
		if best == shard.Index {
			mine = append(mine, u)
		}
	}
	// Read in file order, row groups ascending.
	slices.SortFunc(mine, func(a, b unit) int {
		if a.file != b.file {
			return a.file - b.file
		}
		return a.group - b.group
	})
	return mine
}

// listUnits gives the units of files: every row group of a Parquet file,
// each text file whole.
func listUnits(files []string) ([]unit, error) {
	var units []unit
	for i, path := range files {
		kind, err := sniff(path)
		if err != nil {
			return nil, err
		}
		if kind != "parquet" {
			st, err := os.Stat(path)
			if err != nil {
				return nil, err
			}
			units = append(units, unit{file: i, group: -1, weight: st.Size() / textRowBytes})
			continue
		}
		f, pf, err := openParquetFile(path)
		if err != nil {
			return nil, err
		}
		for g, rg := range pf.RowGroups() {
			units = append(units, unit{file: i, group: g, weight: rg.NumRows()})
		}
		f.Close()
	}
	return units, nil
}

// OpenSet opens the part that shard selects of an archive made of files
// (see ExpandPaths; root is the folder Hive partition columns are read
// relative to, "" for none) as one Reader: files are read one after the
// other, each opened when reached, and ids must be unique across all of
// them (across one shard's part, when sharded: OpenSetIDs checks them
// across shards). Files are read in the order of their paths, whatever the
// order given.
func OpenSet(files []string, root string, cm ColumnMap, shard Shard) (Reader, error) {
	return OpenSetIDs(files, root, cm, shard, IDCheck{})
}

// maxFiles bounds the files of an archive, so that a row's position (see
// RowPosition) holds its file's index.
const maxFiles = 1 << (64 - positionLineBits - 1)

// OpenSetIDs is OpenSet with the id check carried across shards by cross.
func OpenSetIDs(files []string, root string, cm ColumnMap, shard Shard, cross IDCheck) (Reader, error) {
	if len(files) == 0 {
		return nil, errors.New("no archive files")
	}
	if len(files) >= maxFiles {
		return nil, fmt.Errorf("%d archive files: at most %d can be read as one archive", len(files), maxFiles-1)
	}
	files = slices.Clone(files)
	slices.Sort(files) // the order they were given in does not matter
	units, err := listUnits(files)
	if err != nil {
		return nil, err
	}
	mine := shardUnits(files, units, shard)
	m := &multiReader{files: files, root: root, cm: cm}
	for _, u := range mine {
		if n := len(m.parts); n > 0 && m.parts[n-1].file == u.file {
			m.parts[n-1].groups = append(m.parts[n-1].groups, u.group)
		} else {
			m.parts = append(m.parts, filePart{file: u.file, groups: []int{u.group}})
		}
		m.total += u.weight
	}
	for i := range m.parts {
		if m.parts[i].groups[0] == -1 {
			m.parts[i].groups = nil // the whole text file
		}
	}
	// Open the first part now, so that a bad header fails before any work.
	if len(m.parts) > 0 {
		if err := m.open(0); err != nil {
			return nil, err
		}
	}
	u := &uniqueReader{multiReader: m, cross: cross}
	// Reserve the id set from the row counts of Parquet files (a text
	// file's count is unknown: the set grows as it reads). Row counts come
	// from metadata that a corrupt file may inflate, so the reservation is
	// held to a quarter of the files' sizes: no row takes less than a few
	// bytes.
	var rows, bytes int64
	for _, x := range mine {
		if x.group >= 0 {
			rows += x.weight
		}
	}
	for _, p := range m.parts {
		if p.groups != nil {
			if st, err := os.Stat(files[p.file]); err == nil {
				bytes += st.Size()
			}
		}
	}
	u.ids.reserve(min(rows, bytes/4))
	if cross.Log != nil {
		*cross.Log = slices.Grow(*cross.Log, int(min(rows, bytes/4))) // one array, not a copy each time it outgrows the last
	}
	return u, nil
}

// filePart is what one file gives to a shard: some of its row groups, or
// all of it (groups nil).
type filePart struct {
	file   int
	groups []int
}

// multiReader reads the parts of several files in turn.
type multiReader struct {
	files  []string
	root   string
	cm     ColumnMap
	parts  []filePart
	at     int    // part being read
	cur    Reader // its reader, nil before it is opened
	done   int64  // weight of the parts finished
	total  int64
	column []string // Columns() of each file opened, without repeats
}

func (m *multiReader) open(i int) error {
	p := m.parts[i]
	path := m.files[p.file]
	names, values := partitionColumns(m.root, path)
	r, err := openFile(path, m.cm, p.groups, names, values)
	if err != nil {
		return err
	}
	m.cur = r
	if c := r.Columns(); !slices.Contains(m.column, c) {
		m.column = append(m.column, c)
	}
	return nil
}

func (m *multiReader) Read() (Record, error) {
	for {
		if m.at >= len(m.parts) {
			return Record{}, io.EOF
		}
		if m.cur == nil {
			if err := m.open(m.at); err != nil {
				return Record{}, err
			}
		}
		rec, err := m.cur.Read()
		if err != io.EOF {
			return rec, err
		}
		_, total := m.cur.Progress()
		m.cur.Close()
		m.cur = nil
		m.done += m.weightOf(m.at, total)
		m.at++
	}
}

// weightOf is the weight of part i, given its reader's total.
func (m *multiReader) weightOf(i int, total int64) int64 {
	if m.parts[i].groups == nil { // text: bytes
		return total / textRowBytes
	}
	return total
}

// file is the index of the file being read, for messages about its rows
// and their positions.
func (m *multiReader) file() int {
	if m.at < len(m.parts) {
		return m.parts[m.at].file
	}
	return len(m.files) - 1
}

// Columns describes the columns of the files read, each distinct
// description once, sorted (so that the shards of a run describe their
// union as the whole run does).
func (m *multiReader) Columns() string {
	c := slices.Clone(m.column)
	slices.Sort(c)
	return strings.Join(c, " | ")
}

// Progress counts in units of weight (rows, or text bytes / 64).
func (m *multiReader) Progress() (done, total int64) {
	d := m.done
	if m.cur != nil {
		cd, _ := m.cur.Progress()
		d += m.weightOf(m.at, cd)
	}
	return min(d, m.total), m.total
}

func (m *multiReader) Close() error {
	if m.cur != nil {
		return m.cur.Close()
	}
	return nil
}

// ReadPositions reads the rows at positions (see RowPosition) of the
// archive made of files, as OpenSet reads them, in the order of their
// positions. It reads only the files that hold them, and of a Parquet
// file only those row groups. A position that is no row, or a row that
// cannot be used, is an error: the archive changed since the positions
// were taken.
func ReadPositions(files []string, root string, cm ColumnMap, positions []uint64) ([]Record, error) {
	files = slices.Clone(files)
	slices.Sort(files)
	positions = slices.Clone(positions)
	slices.Sort(positions)
	var out []Record
	for len(positions) > 0 {
		fi := PositionFile(positions[0])
		n := 1
		for n < len(positions) && PositionFile(positions[n]) == fi {
			n++
		}
		if fi >= len(files) {
			return nil, fmt.Errorf("row position %d: the archive has %d files, not %d", positions[0], len(files), fi+1)
		}
		recs, err := readLines(files[fi], root, cm, positions[:n])
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
		positions = positions[n:]
	}
	return out, nil
}

// readLines reads the rows at positions, all of file path, sorted.
func readLines(path, root string, cm ColumnMap, positions []uint64) ([]Record, error) {
	var groups []int // nil: the whole file
	kind, err := sniff(path)
	if err != nil {
		return nil, err
	}
	if kind == "parquet" {
		f, pf, err := openParquetFile(path)
		if err != nil {
			return nil, err
		}
		var first int64 // the line before the group's first
		for g, rg := range pf.RowGroups() {
			last := first + rg.NumRows()
			i, _ := slices.BinarySearch(positions, RowPosition(PositionFile(positions[0]), first+1))
			if i < len(positions) && PositionLine(positions[i]) <= last {
				groups = append(groups, g)
			}
			first = last
		}
		f.Close()
		if groups == nil {
			return nil, fmt.Errorf("%s line %d: no such row (the archive changed?)", path, PositionLine(positions[0]))
		}
	}
	names, values := partitionColumns(root, path)
	r, err := openFile(path, cm, groups, names, values)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := make([]Record, 0, len(positions))
	for len(out) < len(positions) {
		want := PositionLine(positions[len(out)])
		rec, err := r.Read()
		var re *RowError
		switch {
		case err == io.EOF:
			return nil, fmt.Errorf("%s line %d: no such row (the archive changed?)", path, want)
		case errors.As(err, &re) && re.Line == want:
			return nil, fmt.Errorf("%s line %d: the row cannot be used now, but could be before (the archive changed?): %w", path, want, err)
		case errors.As(err, &re):
			continue
		case err != nil:
			return nil, err
		case rec.Line == want:
			out = append(out, rec)
		case rec.Line > want:
			return nil, fmt.Errorf("%s line %d: no such row (the archive changed?)", path, want)
		}
	}
	return out, nil
}
