package records

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
)

// A statistics file holds what a run learns of an archive before it
// matches (kinlink stats): one row per person sought with the counts of
// archive records sharing their names, and the rest (the record count, the
// sample, the estimation rounds, the model once estimated) in the file's
// key/value metadata. DuckDB reads it like any table: which of the people
// sought bear common names is a query away (WHERE query_id IS NOT NULL).
//
// The statistics of one shard of a sharded run also hold the ids it
// checked: a row per id after the people's rows, with the id's
// fingerprint and the row's position (see IDEntry), sorted by fingerprint
// then position, and query_id null. The merged statistics hold the
// positions of the rows whose id an earlier row of another shard has. A
// shard's file thus grows by some 16 bytes a record.

// StatsRow is one person sought's row of a statistics file.
type StatsRow struct {
	QueryID     string `parquet:"query_id,optional"` // null in the rows of ids
	FamilyCount int64  `parquet:"family_count"`      // records sharing a family name, as scoring compares them
	GivenCount  int64  `parquet:"given_count"`       // records sharing a given name
	NamesCount  int64  `parquet:"names_count"`       // records sharing both
	NamesFar    int64  `parquet:"names_far_count"`   // records sharing both, born more than five years apart
	// The pairs the person brings to each estimation round: records
	// agreeing on both names; on the given name and birth year; on the
	// family name and birth year.
	NamesRoundPairs  int64 `parquet:"names_round_pairs"`
	GivenRoundPairs  int64 `parquet:"given_round_pairs"`
	FamilyRoundPairs int64 `parquet:"family_round_pairs"`
}

// statsFileRow is a row of a statistics file: a person sought's, or an
// id's (IDFingerprint not 0; fingerprints never are).
type statsFileRow struct {
	StatsRow
	IDFingerprint int64 `parquet:"id_fingerprint,optional"`
	IDPosition    int64 `parquet:"id_position,optional"`
}

// WriteStatsFile writes rows, then ids (which must be sorted by
// fingerprint, then position), and meta (in sorted key order) to path
// atomically.
func WriteStatsFile(path string, rows []StatsRow, ids []IDEntry, meta map[string]string) error {
	out, err := createAtomic(path)
	if err != nil {
		return err
	}
	w := parquet.NewGenericWriter[statsFileRow](out, writerOptions(meta)...)
	p := &plainOutput{out: out}
	fail := func(err error) error {
		p.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	buf := make([]statsFileRow, 0, 4096)
	flush := func() error {
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	for _, r := range rows {
		if buf = append(buf, statsFileRow{StatsRow: r}); len(buf) == cap(buf) {
			if err := flush(); err != nil {
				return fail(err)
			}
		}
	}
	if err := flush(); err != nil {
		return fail(err)
	}
	for _, e := range ids {
		if buf = append(buf, statsFileRow{IDFingerprint: int64(e.Fingerprint), IDPosition: int64(e.Position)}); len(buf) == cap(buf) {
			if err := flush(); err != nil {
				return fail(err)
			}
		}
	}
	if err := flush(); err != nil {
		return fail(err)
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	return CommitAll(p)
}

// openStatsFile opens a statistics file and, like the other readers,
// checks the footer and page headers before parquet-go allocates what they
// claim.
func openStatsFile(path string) (f *os.File, pf *parquet.File, err error) {
	f, pf, err = openParquetFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
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
	for _, name := range []string{"id_fingerprint", "id_position"} {
		c := pf.Root().Column(name)
		if c == nil || !c.Leaf() || c.Type().Kind() != parquet.Int64 {
			return nil, nil, fmt.Errorf("%s: no %s column: statistics written by a kinlink older than the id check across shards; run kinlink stats (and stats merge) again", path, name)
		}
		leaves = append(leaves, c.Index())
	}
	if err := checkParquetPages(f, pf.Size(), pf, leaves); err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	return f, pf, nil
}

// ReadStatsFile reads a statistics file: the people's rows and its
// metadata (StatsIDs reads the ids).
func ReadStatsFile(path string) (rows []StatsRow, meta map[string]string, err error) {
	f, pf, err := openStatsFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	defer corruptParquet(path, &err)
	meta = map[string]string{}
	for _, kv := range pf.Metadata().KeyValueMetadata {
		meta[kv.Key] = kv.Value
	}
	r := parquet.NewGenericReader[statsFileRow](f)
	defer r.Close()
	buf := make([]statsFileRow, 1024)
	for {
		n, err := r.Read(buf)
		for _, row := range buf[:n] {
			if row.IDFingerprint != 0 {
				return rows, meta, nil // the ids follow the people
			}
			rows = append(rows, row.StatsRow)
		}
		if errors.Is(err, io.EOF) {
			return rows, meta, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
	}
}

// StatsIDs reads the ids of a statistics file in the order they were
// written, a buffer at a time: many files can be read side by side.
type StatsIDs struct {
	path string
	f    *os.File
	r    *parquet.GenericReader[statsFileRow]
	buf  []statsFileRow
	at   int
	last IDEntry
	eof  bool
}

// OpenStatsIDs opens the ids of the statistics file path.
func OpenStatsIDs(path string) (*StatsIDs, error) {
	f, _, err := openStatsFile(path)
	if err != nil {
		return nil, err
	}
	return &StatsIDs{path: path, f: f, r: parquet.NewGenericReader[statsFileRow](f)}, nil
}

// Next returns the next id, or io.EOF after the last. Ids out of order
// are an error.
func (s *StatsIDs) Next() (e IDEntry, err error) {
	defer corruptParquet(s.path, &err)
	for {
		for ; s.at < len(s.buf); s.at++ {
			row := &s.buf[s.at]
			if row.IDFingerprint == 0 {
				continue // a person's row
			}
			e = IDEntry{Fingerprint: uint64(row.IDFingerprint), Position: uint64(row.IDPosition)}
			if s.last != (IDEntry{}) && (e.Fingerprint < s.last.Fingerprint || e.Fingerprint == s.last.Fingerprint && e.Position <= s.last.Position) {
				return IDEntry{}, fmt.Errorf("%s: ids not sorted by fingerprint then position", s.path)
			}
			s.at++
			s.last = e
			return e, nil
		}
		if s.eof {
			return IDEntry{}, io.EOF
		}
		if s.buf == nil {
			s.buf = make([]statsFileRow, 1024)
		}
		n, err := s.r.Read(s.buf[:cap(s.buf)])
		s.buf, s.at = s.buf[:n], 0
		if errors.Is(err, io.EOF) {
			s.eof = true
		} else if err != nil {
			return IDEntry{}, fmt.Errorf("%s: %w", s.path, err)
		}
	}
}

// Close closes the file.
func (s *StatsIDs) Close() error {
	s.r.Close()
	return s.f.Close()
}
