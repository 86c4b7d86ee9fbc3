package records

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// Truth is one true pair of the ground truth: an archive record that stems
// from a person sought.
type Truth struct {
	QueryID     string
	CandidateID string
	Origin      string // origin of the person sought: "ja" or "ko"
	// Variation lists, ';'-separated, how the archive record differs from a
	// plain rendering of the person: "system:kunrei", "script:hangul",
	// "order:given_first", "layout:full_name", "given:spaced", "typo", "ocr",
	// "birth_year:off1", "birth_year:missing", "surname:married",
	// "alias:maiden"...
	Variation string
}

// MatchRow is the part of a row of kinlink's output that evaluation needs.
type MatchRow struct {
	QueryID          string
	CandidateID      string
	Rank             int // 1-based within the query; a rank below 1 counts as beyond any k
	MatchProbability float64
}

// ReadMatches reads the columns query_id, candidate_id, rank and (if
// present) match_probability of a matches file, found by name; other columns
// are not read. It fails when a required column is missing or has another
// type than a string (ids) or an integer (rank).
func ReadMatches(path string) (rows []MatchRow, err error) {
	f, pf, err := openParquetFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	defer corruptParquet(path, &err)
	names := []string{"query_id", "candidate_id", "rank", "match_probability"}
	leaf := []int{-1, -1, -1, -1}
	for _, c := range pf.Root().Columns() {
		for i, name := range names {
			if c.Name() != name {
				continue
			}
			if !c.Leaf() || c.Repeated() {
				return nil, fmt.Errorf("%s: column %s is nested or repeated", path, name)
			}
			kind := c.Type().Kind()
			ok := false
			switch i {
			case 0, 1:
				ok = kind == parquet.ByteArray || kind == parquet.Int32 || kind == parquet.Int64
			case 2:
				ok = kind == parquet.Int32 || kind == parquet.Int64
			case 3:
				ok = kind == parquet.Double || kind == parquet.Float
			}
			if !ok {
				return nil, fmt.Errorf("%s: column %s has type %s", path, name, c.Type())
			}
			leaf[i] = c.Index()
		}
	}
	for i, name := range names[:3] {
		if leaf[i] < 0 {
			return nil, fmt.Errorf("%s: no column %s (is this a kinlink matches file?)", path, name)
		}
	}
	if err := checkParquetPages(f, pf.Size(), pf, leaf); err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}

	rows = make([]MatchRow, 0, pf.NumRows())
	buf := make([]parquet.Value, 4096)
	for g, rg := range pf.RowGroups() {
		base := len(rows)
		n := int(rg.NumRows())
		rows = append(rows, make([]MatchRow, n)...)
		for i, li := range leaf {
			if li < 0 {
				continue
			}
			r := parquet.NewColumnChunkValueReader(rg.ColumnChunks()[li])
			at := base
			for {
				k, err := r.ReadValues(buf)
				for _, v := range buf[:k] {
					if at >= len(rows) {
						r.Close()
						return nil, fmt.Errorf("%s row group %d: column %s has more values than rows", path, g, names[i])
					}
					setMatchField(&rows[at], i, v)
					at++
				}
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					r.Close()
					return nil, fmt.Errorf("%s row group %d, column %s: %w", path, g, names[i], err)
				}
			}
			r.Close()
			if at != len(rows) {
				return nil, fmt.Errorf("%s row group %d: column %s has %d values for %d rows", path, g, names[i], at-base, n)
			}
		}
	}
	return rows, nil
}

func setMatchField(m *MatchRow, field int, v parquet.Value) {
	if v.IsNull() {
		return
	}
	switch field {
	case 0:
		m.QueryID = v.String()
	case 1:
		m.CandidateID = v.String()
	case 2:
		m.Rank = int(v.Int64())
	case 3:
		if v.Kind() == parquet.Float {
			m.MatchProbability = float64(v.Float())
		} else {
			m.MatchProbability = v.Double()
		}
	}
}

// ReadTruth reads a ground-truth file: CSV with a header naming at least
// query_id and candidate_id (origin and variation are optional), or Parquet
// with those columns when the name ends in .parquet.
func ReadTruth(path string) ([]Truth, error) {
	if strings.EqualFold(filepath.Ext(path), ".parquet") {
		return readTruthParquet(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, expected a header with query_id and candidate_id", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{"query_id": -1, "candidate_id": -1, "origin": -1, "variation": -1}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if j, ok := col[h]; ok && j < 0 {
			col[h] = i
		}
	}
	for _, need := range []string{"query_id", "candidate_id"} {
		if col[need] < 0 {
			return nil, fmt.Errorf("%s line 1: no column %s", path, need)
		}
	}
	cell := func(rec []string, name string) string {
		if i := col[name]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []Truth
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t := Truth{QueryID: cell(rec, "query_id"), CandidateID: cell(rec, "candidate_id"),
			Origin: cell(rec, "origin"), Variation: cell(rec, "variation")}
		if t.QueryID == "" || t.CandidateID == "" {
			line, _ := r.FieldPos(0)
			return nil, fmt.Errorf("%s line %d: empty query_id or candidate_id", path, line)
		}
		out = append(out, t)
	}
}

func readTruthParquet(path string) (out []Truth, err error) {
	f, pf, err := openParquetFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	defer corruptParquet(path, &err)
	for _, need := range []string{"query_id", "candidate_id"} {
		if c := pf.Root().Column(need); c == nil || c.Type().Kind() != parquet.ByteArray {
			return nil, fmt.Errorf("%s: no string column %s", path, need)
		}
	}
	var leaves []int // the reader reads every column it knows: check them all
	for _, c := range pf.Root().Columns() {
		if c.Leaf() {
			leaves = append(leaves, c.Index())
		}
	}
	if err := checkParquetPages(f, pf.Size(), pf, leaves); err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	r := parquet.NewGenericReader[truthRow](f)
	defer r.Close()
	buf := make([]truthRow, 1024)
	for {
		n, err := r.Read(buf)
		for _, t := range buf[:n] {
			out = append(out, Truth(t))
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}
