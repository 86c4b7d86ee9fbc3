package records

import (
	"fmt"
	"sort"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// Match is one row of kinlink's output: a candidate archive record for one
// person sought. The Parquet column names are part of kinlink's contract.
//
// No column is dictionary-encoded: parquet-go bit-packs dictionary indices
// with assembly on amd64 and in Go elsewhere, and the two choose other
// runs, so the same rows made other bytes on amd64 and arm64. Plain and
// delta encodings, then zstd, give the same bytes everywhere (the demo's
// file is 6% larger), which sharded runs on mixed clusters need.
type Match struct {
	QueryID          string  `parquet:"query_id"`
	CandidateID      string  `parquet:"candidate_id"`
	Rank             int32   `parquet:"rank"`
	MatchProbability float64 `parquet:"match_probability"`
	MatchWeight      float64 `parquet:"match_weight"`
	JWFamily         float64 `parquet:"jw_family"`
	JWGiven          float64 `parquet:"jw_given"`
	NameOrder        string  `parquet:"name_order"`
	BirthYearDiff    *int32  `parquet:"birth_year_diff,optional"`
	QueryName        string  `parquet:"query_name"`
	CandidateName    string  `parquet:"candidate_name"`
	Explanation      string  `parquet:"explanation"`
	// The level of each comparison ("exact", "jw>=0.95", "off by 1", ...,
	// or "missing"), for filtering and for training a model.
	LevelFamily     string `parquet:"level_family"`
	LevelGiven      string `parquet:"level_given"`
	LevelBirthYear  string `parquet:"level_birth_year"`
	LevelSex        string `parquet:"level_sex"`
	LevelBirthPlace string `parquet:"level_birth_place"`
	// Each comparison's contribution to match_weight in bits (0 when the
	// field is missing on either side) and the prior's: match_weight is
	// their sum. For an exact name agreement weighed by how common the
	// name is, TFFamily (TFGiven) is the share of archive records that
	// carry it; 0 otherwise. The report draws its waterfall from these.
	WeightFamily     float64 `parquet:"weight_family"`
	WeightGiven      float64 `parquet:"weight_given"`
	WeightBirthYear  float64 `parquet:"weight_birth_year"`
	WeightSex        float64 `parquet:"weight_sex"`
	WeightBirthPlace float64 `parquet:"weight_birth_place"`
	WeightPrior      float64 `parquet:"weight_prior"`
	TFFamily         float64 `parquet:"tf_family"`
	TFGiven          float64 `parquet:"tf_given"`
}

// MaxRowsPerRowGroup caps row groups so readers can stream large outputs.
const MaxRowsPerRowGroup = 128 * 1024

// writerOptions are the options of every Parquet file kinlink writes:
// capped row groups (readers stream them), zstd, kinlink's name, and meta
// as the file's key/value metadata, in sorted key order so that the output
// is deterministic.
func writerOptions(meta map[string]string) []parquet.WriterOption {
	opts := []parquet.WriterOption{
		parquet.MaxRowsPerRowGroup(MaxRowsPerRowGroup),
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		parquet.CreatedBy("kinlink", Version, ""),
	}
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		opts = append(opts, parquet.KeyValueMetadata(k, meta[k]))
	}
	return opts
}

// MatchWriter writes matches to a Parquet file atomically: rows go to a
// temporary file beside the target, which replaces the target only on
// Commit. Abort (or a failed Commit) leaves nothing under the target name.
type MatchWriter struct {
	out  *atomicFile
	w    *parquet.GenericWriter[Match]
	rows int64
}

// CreateMatches starts writing path. meta becomes the file's key/value
// metadata (written in sorted key order, so output is deterministic).
func CreateMatches(path string, meta map[string]string) (*MatchWriter, error) {
	out, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	return &MatchWriter{out: out, w: parquet.NewGenericWriter[Match](out, writerOptions(meta)...)}, nil
}

// SetMeta sets a key of the file's metadata before Commit; a key given to
// CreateMatches keeps its place (kinlink merge knows its row count only at
// the end).
func (m *MatchWriter) SetMeta(key, value string) { m.w.SetKeyValueMetadata(key, value) }

// Write appends rows; the caller supplies them in output order.
func (m *MatchWriter) Write(rows []Match) error {
	if _, err := m.w.Write(rows); err != nil {
		return fmt.Errorf("writing %s: %w", m.out.target, err)
	}
	m.rows += int64(len(rows))
	return nil
}

// Rows is the number of rows written so far.
func (m *MatchWriter) Rows() int64 { return m.rows }

// Finish completes the file under its temporary name (see Output).
func (m *MatchWriter) Finish() error {
	if m.out.finished {
		return nil
	}
	if err := m.w.Close(); err != nil {
		m.out.abort()
		return fmt.Errorf("writing %s: %w", m.out.target, unwrapPath(err))
	}
	return m.out.finish()
}

// Commit finishes the file and moves it to its final name.
func (m *MatchWriter) Commit() error { return CommitAll(m) }

func (m *MatchWriter) atomic() *atomicFile { return m.out }

// Abort discards the output; nothing is left under the final name.
func (m *MatchWriter) Abort() { m.out.abort() }
