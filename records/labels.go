package records

import (
	"errors"
	"fmt"
	"io"
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

// Label is a judgement of one pair: a true pair of a generated ground
// truth, or an analyst's decision exported by kinlink report.
type Label struct {
	QueryID     string
	CandidateID string
	// Match is true when the pair is one person; false when an analyst
	// rejected it.
	Match     bool
	Origin    string // from a ground truth, when given
	Variation string // likewise
	Note      string // an analyst's note, when given
}

// ParseDecision reads a decision cell: confirm, match, yes, true, 1 (a
// match); reject, non-match, no, false, 0 (not a match); unsure or empty
// (no judgement, ok = false). Case and spaces are ignored.
func ParseDecision(s string) (match, ok bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "confirm", "confirmed", "match", "yes", "y", "true", "1", "same":
		return true, true, nil
	case "reject", "rejected", "non-match", "nonmatch", "no-match", "no", "n", "false", "0", "different":
		return false, true, nil
	case "unsure", "":
		return false, false, nil
	}
	return false, false, fmt.Errorf("decision %q is none of confirm, reject, unsure", s)
}

// ReadTruth reads the true pairs of a ground-truth or labels file (see
// ReadLabels): the pairs labelled a match.
func ReadTruth(path string) ([]Truth, error) {
	labels, err := ReadLabels(path)
	if err != nil {
		return nil, err
	}
	var out []Truth
	for _, l := range labels {
		if l.Match {
			out = append(out, Truth{QueryID: l.QueryID, CandidateID: l.CandidateID, Origin: l.Origin, Variation: l.Variation})
		}
	}
	return out, nil
}

// ReadLabels reads judged pairs: CSV with a header naming at least
// query_id and candidate_id, or Parquet with those columns when the name
// ends in .parquet. Without a decision column every row is a true pair (a
// ground truth written by kinlink generate); with one (the decisions that
// kinlink report exports, or hand-made labels) each row is judged by it
// (see ParseDecision) and unsure rows are left out. origin, variation and
// note are optional.
func ReadLabels(path string) ([]Label, error) {
	if strings.EqualFold(filepath.Ext(path), ".parquet") {
		truth, err := readTruthParquet(path)
		out := make([]Label, len(truth))
		for i, t := range truth {
			out[i] = Label{QueryID: t.QueryID, CandidateID: t.CandidateID, Match: true, Origin: t.Origin, Variation: t.Variation}
		}
		return out, err
	}
	var out []Label
	err := ReadCSVTable(path, []string{"query_id", "candidate_id"}, func(r *CSVRow) error {
		l := Label{QueryID: r.Get("query_id"), CandidateID: r.Get("candidate_id"), Match: true,
			Origin: r.Get("origin"), Variation: r.Get("variation"), Note: r.Get("note")}
		if l.QueryID == "" || l.CandidateID == "" {
			return fmt.Errorf("%s line %d: empty query_id or candidate_id", path, r.Line)
		}
		if r.Has("decision") {
			match, ok, err := ParseDecision(r.Get("decision"))
			if err != nil {
				return fmt.Errorf("%s line %d, column decision: %w", path, r.Line, err)
			}
			if !ok {
				return nil
			}
			l.Match = match
		}
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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
