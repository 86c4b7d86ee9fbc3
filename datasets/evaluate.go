package datasets

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

// MatchRow is the part of a row of kinlink's output that evaluation needs.
type MatchRow struct {
	QueryID          string
	CandidateID      string
	Rank             int // 1-based within the query; a rank below 1 counts as beyond any k
	MatchProbability float64
}

// Scores are the quality figures of one group of people sought (all of them,
// or those of one origin).
type Scores struct {
	// Precision, Recall and F1 count every row of the matches file as a
	// predicted match: the file holds only the pairs above its threshold.
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// RecallAtK is the share of true pairs found at rank K or better.
	RecallAtK float64 `json:"recall_at_k"`
	// QueriesFoundAtK is the share of people sought with at least one of
	// their true records at rank K or better.
	QueriesFoundAtK float64 `json:"queries_found_at_k"`
	// CandidatesPerQuery is the mean number of rows per person sought, the
	// length of the list an analyst reviews.
	CandidatesPerQuery float64 `json:"candidates_per_query"`
	Queries            int     `json:"queries"`
	TruePairs          int     `json:"true_pairs"`
	PredictedPairs     int     `json:"predicted_pairs"`
	TruePositives      int     `json:"true_positives"`
}

// VariationScores tell how well the true pairs showing one kind of
// variation (a romanisation system, a swapped order, a typo...) are found.
type VariationScores struct {
	TruePairs int     `json:"true_pairs"`
	Recall    float64 `json:"recall"`
	RecallAtK float64 `json:"recall_at_k"`
}

// Metrics is the evaluation of a matches file against the ground truth.
type Metrics struct {
	K int `json:"k"`
	Scores
	// ByOrigin breaks the scores down by the origin of the person sought
	// ("ja", "ko"), as the truth records it.
	ByOrigin map[string]Scores `json:"by_origin"`
	// ByVariation breaks recall down by each kind of variation the truth
	// records for a pair (see Truth.Variation).
	ByVariation map[string]VariationScores `json:"by_variation"`
}

type pairKey struct{ query, candidate string }

// Evaluate scores matches against the true pairs. The people sought are the
// query ids of the truth; rows of other queries count against precision
// only. A pair listed twice counts once, at its best rank. Ratios with a zero
// denominator are 0.
func Evaluate(matches []MatchRow, truth []Truth, k int) Metrics {
	rank := make(map[pairKey]int, len(matches))
	rowsPerQuery := map[string]int{}
	for _, m := range matches {
		key := pairKey{m.QueryID, m.CandidateID}
		r := m.Rank
		if r < 1 {
			r = int(^uint(0) >> 1)
		}
		if old, ok := rank[key]; !ok || r < old {
			if !ok {
				rowsPerQuery[m.QueryID]++
			}
			rank[key] = r
		}
	}

	origin := map[string]string{}
	trueSet := map[pairKey]bool{}
	var pairs []Truth
	for _, t := range truth {
		if o := origin[t.QueryID]; o == "" {
			origin[t.QueryID] = t.Origin
		}
		key := pairKey{t.QueryID, t.CandidateID}
		if !trueSet[key] {
			trueSet[key] = true
			pairs = append(pairs, t)
		}
	}

	type tally struct {
		queries, truePairs, predicted, tp, tpAtK, foundAtK, rows int
		found                                                    map[string]bool
	}
	groups := map[string]*tally{}
	group := func(name string) *tally {
		g := groups[name]
		if g == nil {
			g = &tally{found: map[string]bool{}}
			groups[name] = g
		}
		return g
	}
	all := group("")
	for q, o := range origin {
		for _, g := range []*tally{all, group("o:" + o)} {
			g.queries++
			g.rows += rowsPerQuery[q]
		}
	}
	for key := range rank {
		all.predicted++
		if o, ok := origin[key.query]; ok {
			group("o:"+o).predicted++
		}
	}

	variations := map[string]*VariationScores{}
	for _, t := range pairs {
		r, predicted := rank[pairKey{t.QueryID, t.CandidateID}]
		atK := predicted && r <= k
		for _, g := range []*tally{all, group("o:" + origin[t.QueryID])} {
			g.truePairs++
			if predicted {
				g.tp++
			}
			if atK {
				g.tpAtK++
				if !g.found[t.QueryID] {
					g.found[t.QueryID] = true
					g.foundAtK++
				}
			}
		}
		for _, kind := range strings.Split(t.Variation, ";") {
			kind = strings.TrimSpace(kind)
			if kind == "" {
				continue
			}
			v := variations[kind]
			if v == nil {
				v = &VariationScores{}
				variations[kind] = v
			}
			v.TruePairs++
			if predicted {
				v.Recall++
			}
			if atK {
				v.RecallAtK++
			}
		}
	}

	scores := func(g *tally) Scores {
		s := Scores{
			Precision:          ratio(g.tp, g.predicted),
			Recall:             ratio(g.tp, g.truePairs),
			RecallAtK:          ratio(g.tpAtK, g.truePairs),
			QueriesFoundAtK:    ratio(g.foundAtK, g.queries),
			CandidatesPerQuery: ratio(g.rows, g.queries),
			Queries:            g.queries,
			TruePairs:          g.truePairs,
			PredictedPairs:     g.predicted,
			TruePositives:      g.tp,
		}
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		return s
	}
	m := Metrics{K: k, Scores: scores(all), ByOrigin: map[string]Scores{}, ByVariation: map[string]VariationScores{}}
	for name, g := range groups {
		if o, ok := strings.CutPrefix(name, "o:"); ok && o != "" {
			m.ByOrigin[o] = scores(g)
		}
	}
	for kind, v := range variations {
		m.ByVariation[kind] = VariationScores{
			TruePairs: v.TruePairs,
			Recall:    v.Recall / float64(v.TruePairs),
			RecallAtK: v.RecallAtK / float64(v.TruePairs),
		}
	}
	return m
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ReadMatchesParquet reads the columns query_id, candidate_id, rank and (if
// present) match_probability of a matches file, found by name; other columns
// are not read. It fails when a required column is missing or has another
// type than a string (ids) or an integer (rank).
func ReadMatchesParquet(path string) (rows []MatchRow, err error) {
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

// ReadTruthCSV reads a ground-truth file: CSV with a header naming at least
// query_id and candidate_id (origin and variation are optional), or Parquet
// with those columns when the name ends in .parquet.
func ReadTruthCSV(path string) ([]Truth, error) {
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
