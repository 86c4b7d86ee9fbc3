package records

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// A statistics file holds what a run learns of an archive before it
// matches (kinlink stats): one row per person sought with the counts of
// archive records sharing their names, and the rest (the record count, the
// sample, the estimation rounds, the model once estimated) in the file's
// key/value metadata. DuckDB reads it like any table: which of the people
// sought bear common names is a query away.

// StatsRow is one person sought's row of a statistics file.
type StatsRow struct {
	QueryID     string `parquet:"query_id"`
	FamilyCount int64  `parquet:"family_count"`    // records sharing a family name, as scoring compares them
	GivenCount  int64  `parquet:"given_count"`     // records sharing a given name
	NamesCount  int64  `parquet:"names_count"`     // records sharing both
	NamesFar    int64  `parquet:"names_far_count"` // records sharing both, born more than five years apart
	// The pairs the person brings to each estimation round: records
	// agreeing on both names; on the given name and birth year; on the
	// family name and birth year.
	NamesRoundPairs  int64 `parquet:"names_round_pairs"`
	GivenRoundPairs  int64 `parquet:"given_round_pairs"`
	FamilyRoundPairs int64 `parquet:"family_round_pairs"`
}

// WriteStatsFile writes rows and meta (in sorted key order) to path
// atomically.
func WriteStatsFile(path string, rows []StatsRow, meta map[string]string) error {
	out, err := createAtomic(path)
	if err != nil {
		return err
	}
	w := parquet.NewGenericWriter[StatsRow](out, writerOptions(meta)...)
	p := &plainOutput{out: out}
	if _, err := w.Write(rows); err != nil {
		p.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := w.Close(); err != nil {
		p.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return CommitAll(p)
}

// ReadStatsFile reads a statistics file: its rows and its metadata. Like
// the other readers it checks the footer and page headers before
// parquet-go allocates what they claim.
func ReadStatsFile(path string) (rows []StatsRow, meta map[string]string, err error) {
	f, pf, err := openParquetFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	defer corruptParquet(path, &err)
	want := map[string]parquet.Kind{"query_id": parquet.ByteArray, "family_count": parquet.Int64, "given_count": parquet.Int64, "names_count": parquet.Int64, "names_far_count": parquet.Int64,
		"names_round_pairs": parquet.Int64, "given_round_pairs": parquet.Int64, "family_round_pairs": parquet.Int64}
	var leaves []int
	for name, kind := range want {
		c := pf.Root().Column(name)
		if c == nil || !c.Leaf() || c.Type().Kind() != kind {
			return nil, nil, fmt.Errorf("%s: no %s column of type %s (is this a statistics file written by kinlink stats?)", path, name, kind)
		}
		leaves = append(leaves, c.Index())
	}
	if err := checkParquetPages(f, pf.Size(), pf, leaves); err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	meta = map[string]string{}
	for _, kv := range pf.Metadata().KeyValueMetadata {
		meta[kv.Key] = kv.Value
	}
	r := parquet.NewGenericReader[StatsRow](f)
	defer r.Close()
	buf := make([]StatsRow, 1024)
	for {
		n, err := r.Read(buf)
		rows = append(rows, buf[:n]...)
		if errors.Is(err, io.EOF) {
			return rows, meta, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}
