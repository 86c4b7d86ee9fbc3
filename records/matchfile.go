package records

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
)

// MatchFile is a whole matches file as kinlink match wrote it: every row
// with every column that Match knows, and the file's key/value metadata
// (kinlink.version, kinlink.config, kinlink.rows, kinlink.columns...).
type MatchFile struct {
	Rows []Match
	Meta map[string]string
	// Has tells which of Match's columns the file holds: a file written by
	// an older kinlink, or by another tool, may lack some (the weight_*
	// columns came later). Rows carry zero values in the others.
	Has map[string]bool
}

// valueKind is the kind of Go value a column of Match is read into.
type valueKind uint8

const (
	valString valueKind = iota
	valInt
	valFloat
)

// matchColumn reads one column of Match.
type matchColumn struct {
	name     string
	kind     valueKind
	required bool
	set      func(m *Match, v parquet.Value) // v is never null
}

func str(v parquet.Value) string { return v.String() }

func float(v parquet.Value) float64 {
	if v.Kind() == parquet.Float {
		return float64(v.Float())
	}
	return v.Double()
}

// matchColumns are the columns of Match, by their Parquet names. The
// test TestMatchColumnsCoverMatch keeps this list and the struct in step.
var matchColumns = []matchColumn{
	{"query_id", valString, true, func(m *Match, v parquet.Value) { m.QueryID = str(v) }},
	{"candidate_id", valString, true, func(m *Match, v parquet.Value) { m.CandidateID = str(v) }},
	{"rank", valInt, true, func(m *Match, v parquet.Value) { m.Rank = int32(v.Int64()) }},
	{"match_probability", valFloat, false, func(m *Match, v parquet.Value) { m.MatchProbability = float(v) }},
	{"match_weight", valFloat, false, func(m *Match, v parquet.Value) { m.MatchWeight = float(v) }},
	{"jw_family", valFloat, false, func(m *Match, v parquet.Value) { m.JWFamily = float(v) }},
	{"jw_given", valFloat, false, func(m *Match, v parquet.Value) { m.JWGiven = float(v) }},
	{"name_order", valString, false, func(m *Match, v parquet.Value) { m.NameOrder = str(v) }},
	{"birth_year_diff", valInt, false, func(m *Match, v parquet.Value) { d := int32(v.Int64()); m.BirthYearDiff = &d }},
	{"query_name", valString, false, func(m *Match, v parquet.Value) { m.QueryName = str(v) }},
	{"candidate_name", valString, false, func(m *Match, v parquet.Value) { m.CandidateName = str(v) }},
	{"explanation", valString, false, func(m *Match, v parquet.Value) { m.Explanation = str(v) }},
	{"level_family", valString, false, func(m *Match, v parquet.Value) { m.LevelFamily = str(v) }},
	{"level_given", valString, false, func(m *Match, v parquet.Value) { m.LevelGiven = str(v) }},
	{"level_birth_year", valString, false, func(m *Match, v parquet.Value) { m.LevelBirthYear = str(v) }},
	{"level_sex", valString, false, func(m *Match, v parquet.Value) { m.LevelSex = str(v) }},
	{"level_birth_place", valString, false, func(m *Match, v parquet.Value) { m.LevelBirthPlace = str(v) }},
	{"weight_family", valFloat, false, func(m *Match, v parquet.Value) { m.WeightFamily = float(v) }},
	{"weight_given", valFloat, false, func(m *Match, v parquet.Value) { m.WeightGiven = float(v) }},
	{"weight_birth_year", valFloat, false, func(m *Match, v parquet.Value) { m.WeightBirthYear = float(v) }},
	{"weight_sex", valFloat, false, func(m *Match, v parquet.Value) { m.WeightSex = float(v) }},
	{"weight_birth_place", valFloat, false, func(m *Match, v parquet.Value) { m.WeightBirthPlace = float(v) }},
	{"weight_prior", valFloat, false, func(m *Match, v parquet.Value) { m.WeightPrior = float(v) }},
	{"tf_family", valFloat, false, func(m *Match, v parquet.Value) { m.TFFamily = float(v) }},
	{"tf_given", valFloat, false, func(m *Match, v parquet.Value) { m.TFGiven = float(v) }},
}

// kindFits reports whether a Parquet column of type t can be read as k:
// ids may be integers, ranks and year gaps 32- or 64-bit, weights float
// or double.
func kindFits(t parquet.Type, k valueKind, name string) bool {
	switch kind := t.Kind(); k {
	case valString:
		return kind == parquet.ByteArray || ((name == "query_id" || name == "candidate_id") && (kind == parquet.Int32 || kind == parquet.Int64))
	case valInt:
		return kind == parquet.Int32 || kind == parquet.Int64
	default:
		return kind == parquet.Double || kind == parquet.Float
	}
}

// ReadMatchFile reads every row and every known column of a matches file,
// and its key/value metadata. Columns are found by name; query_id,
// candidate_id and rank are required, the others may be absent (see
// MatchFile.Has). Like the other Parquet readers of this package it walks
// the footer and the page headers of the columns it reads before
// parquet-go allocates what they claim, and reports a corrupt file as an
// error naming it, the row group and the column.
func ReadMatchFile(path string) (mf *MatchFile, err error) {
	f, pf, err := openParquetFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	defer corruptParquet(path, &err)

	mf = &MatchFile{Meta: map[string]string{}, Has: map[string]bool{}}
	for _, kv := range pf.Metadata().KeyValueMetadata {
		mf.Meta[kv.Key] = kv.Value
	}
	leaf, err := matchLeaves(path, pf, mf.Has)
	if err != nil {
		return nil, err
	}
	if err := checkParquetPages(f, pf.Size(), pf, leaf); err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}

	// Row counts are the footer's claims: rows are appended as the first
	// column's values are decoded, so memory follows what the file holds,
	// and every other column must then have as many values.
	buf := make([]parquet.Value, parquetBatch)
	for g, rg := range pf.RowGroups() {
		base := len(mf.Rows)
		for i, li := range leaf {
			if li < 0 {
				continue
			}
			mc := &matchColumns[i]
			first := i == 0 // query_id, always present
			r := parquet.NewColumnChunkValueReader(rg.ColumnChunks()[li])
			at := base
			for {
				k, err := r.ReadValues(buf)
				for _, v := range buf[:k] {
					if first {
						mf.Rows = append(mf.Rows, Match{})
					} else if at >= len(mf.Rows) {
						r.Close()
						return nil, fmt.Errorf("%s row group %d: column %s has more values than column query_id", path, g, mc.name)
					}
					if !v.IsNull() {
						mc.set(&mf.Rows[at], v) // strings are copied here, before the next page is read
					}
					at++
				}
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					r.Close()
					return nil, fmt.Errorf("%s row group %d, column %s: %w", path, g, mc.name, err)
				}
			}
			r.Close()
			if got, want := int64(at-base), rg.NumRows(); got != want {
				return nil, fmt.Errorf("%s row group %d: column %s has %d values for %d rows", path, g, mc.name, got, want)
			}
		}
	}
	return mf, nil
}

// matchLeaves finds the leaf column of each of matchColumns in pf (-1 when
// absent), checking types, and marks in has the columns found.
func matchLeaves(path string, pf *parquet.File, has map[string]bool) ([]int, error) {
	byName := map[string]*parquet.Column{}
	for _, c := range pf.Root().Columns() {
		byName[c.Name()] = c
	}
	leaf := make([]int, len(matchColumns))
	for i, mc := range matchColumns {
		leaf[i] = -1
		c, ok := byName[mc.name]
		if !ok {
			if mc.required {
				return nil, fmt.Errorf("%s: no column %s (is this a kinlink matches file?)", path, mc.name)
			}
			continue
		}
		if !c.Leaf() || c.Repeated() {
			return nil, fmt.Errorf("%s: column %s is nested or repeated", path, mc.name)
		}
		if !kindFits(c.Type(), mc.kind, mc.name) {
			return nil, fmt.Errorf("%s: column %s has type %s", path, mc.name, c.Type())
		}
		leaf[i] = c.Index()
		has[mc.name] = true
	}
	return leaf, nil
}

// MatchStream reads a matches file a batch of rows at a time, so that a
// file far larger than memory can be read through (kinlink merge reads
// every part of a sharded run side by side). It checks the file as
// ReadMatchFile does before reading.
type MatchStream struct {
	path    string
	f       *os.File
	pf      *parquet.File
	leaf    []int
	Meta    map[string]string // the file's key/value metadata
	group   int               // next row group
	readers []parquet.ColumnChunkValueReader
	buf     []parquet.Value
	rows    []Match
	pos     int
}

// OpenMatchStream opens a matches file for reading with Next.
func OpenMatchStream(path string) (ms *MatchStream, err error) {
	f, pf, err := openParquetFile(path)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	defer corruptParquet(path, &err)
	ms = &MatchStream{path: path, f: f, pf: pf, Meta: map[string]string{}, buf: make([]parquet.Value, parquetBatch)}
	for _, kv := range pf.Metadata().KeyValueMetadata {
		ms.Meta[kv.Key] = kv.Value
	}
	if ms.leaf, err = matchLeaves(path, pf, map[string]bool{}); err != nil {
		return nil, err
	}
	if err := checkParquetPages(f, pf.Size(), pf, ms.leaf); err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	ms.readers = make([]parquet.ColumnChunkValueReader, len(ms.leaf))
	return ms, nil
}

// Next returns the next row, or io.EOF after the last.
func (ms *MatchStream) Next() (m Match, err error) {
	defer corruptParquet(ms.path, &err)
	for ms.pos >= len(ms.rows) {
		if err := ms.fill(); err != nil {
			return Match{}, err
		}
	}
	ms.pos++
	return ms.rows[ms.pos-1], nil
}

// fill reads the next batch of rows of every column, opening the next row
// group when one is read through.
func (ms *MatchStream) fill() error {
	groups := ms.pf.RowGroups()
	if ms.readers[0] == nil { // query_id is always there
		if ms.group >= len(groups) {
			return io.EOF
		}
		for i, li := range ms.leaf {
			if li >= 0 {
				ms.readers[i] = parquet.NewColumnChunkValueReader(groups[ms.group].ColumnChunks()[li])
			}
		}
		ms.group++
	}
	ms.rows, ms.pos = ms.rows[:0], 0
	n := -1
	for i, r := range ms.readers {
		if r == nil {
			continue
		}
		k := 0
		for k < len(ms.buf) {
			got, err := r.ReadValues(ms.buf[k:])
			for _, v := range ms.buf[k : k+got] {
				if i == 0 {
					ms.rows = append(ms.rows, Match{})
				} else if k >= len(ms.rows) {
					return fmt.Errorf("%s row group %d: column %s has more values than column query_id", ms.path, ms.group-1, matchColumns[i].name)
				}
				if !v.IsNull() {
					matchColumns[i].set(&ms.rows[k], v) // strings are copied, before the next page is read
				}
				k++
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("%s row group %d, column %s: %w", ms.path, ms.group-1, matchColumns[i].name, err)
			}
		}
		if n >= 0 && k != n {
			return fmt.Errorf("%s row group %d: column %s has %d values where query_id has %d", ms.path, ms.group-1, matchColumns[i].name, k, n)
		}
		n = k
	}
	if n == 0 { // the row group is read through
		for i, r := range ms.readers {
			if r != nil {
				r.Close()
				ms.readers[i] = nil
			}
		}
	}
	return nil
}

// Close closes the file.
func (ms *MatchStream) Close() error {
	for _, r := range ms.readers {
		if r != nil {
			r.Close()
		}
	}
	return ms.f.Close()
}
