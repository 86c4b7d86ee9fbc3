package records

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

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
// checked, sorted by fingerprint then position (see IDEntry), in blocks of
// idBlock after the people's rows: rows whose query_id is null and whose
// id_block holds, for each id, three unsigned varints: how much its
// fingerprint exceeds the previous one's in the block (the first's: from
// 0), its row's file and line. The merged statistics hold so the rows
// whose id an earlier row of another shard has. Sorted fingerprints differ
// by about 2⁶⁴/n, so an id takes some 11 bytes at a million a shard (7 of
// the fingerprint, 1 of the file, 3 of the line), less than zstd makes of
// the plain 16 and five times quicker to write. Blocks, not a row per id,
// because a row costs each of the file's columns a value, and a shard
// writes millions of ids.

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

// statsFileRow is a row of a statistics file: a person sought's, or a
// block of ids (IDBlock not empty).
type statsFileRow struct {
	StatsRow
	IDBlock []byte `parquet:"id_block,optional,uncompressed"` // varints of random bits: zstd finds nothing to take
}

// idBlock is how many ids a row of a statistics file holds (40 KB or so).
const idBlock = 4096

// WriteStatsFile writes rows, then ids (which must be sorted by
// fingerprint, then position), and meta (in sorted key order) to path
// atomically.
func WriteStatsFile(path string, rows []StatsRow, ids []IDEntry, meta map[string]string) error {
	out, err := createAtomic(path)
	if err != nil {
		return err
	}
	// No bounds or page statistics of the id blocks: they would copy
	// blocks into the pages' headers and the footer.
	opts := append(writerOptions(meta), parquet.SkipPageBounds("id_block"), parquet.SkipPageStatistics("id_block"))
	w := parquet.NewGenericWriter[statsFileRow](out, opts...)
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
	if !slices.IsSortedFunc(ids, compareIDs) {
		p.Abort()
		return fmt.Errorf("writing %s: ids not sorted", path)
	}
	block := make([]byte, 0, idBlock*3*binary.MaxVarintLen64)
	for len(ids) > 0 {
		n := min(len(ids), idBlock)
		block = appendIDBlock(block[:0], ids[:n])
		if _, err := w.Write([]statsFileRow{{IDBlock: block}}); err != nil {
			return fail(err)
		}
		ids = ids[n:]
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	return CommitAll(p)
}

// appendIDBlock appends the block of ids, sorted, to b.
func appendIDBlock(b []byte, ids []IDEntry) []byte {
	last := uint64(0)
	for _, e := range ids {
		b = binary.AppendUvarint(b, e.Fingerprint-last)
		b = binary.AppendUvarint(b, uint64(PositionFile(e.Position)))
		b = binary.AppendUvarint(b, uint64(PositionLine(e.Position)))
		last = e.Fingerprint
	}
	return b
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
	c := pf.Root().Column("id_block")
	if c == nil || !c.Leaf() || c.Type().Kind() != parquet.ByteArray {
		return nil, nil, fmt.Errorf("%s: no id_block column: statistics written by a kinlink older than the id check across shards; run kinlink stats (and stats merge) again", path)
	}
	leaves = append(leaves, c.Index())
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
	r := parquet.NewGenericReader[StatsRow](f) // the people's columns: not the blocks of ids
	defer r.Close()
	buf := make([]StatsRow, 1024)
	for {
		n, err := r.Read(buf)
		for _, row := range buf[:n] {
			if row.QueryID == "" {
				return rows, meta, nil // the ids follow the people (no person sought has an empty id)
			}
			rows = append(rows, row)
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
// written, a block at a time: many files can be read side by side.
type StatsIDs struct {
	path  string
	f     *os.File
	r     *parquet.GenericReader[statsFileRow]
	row   [1]statsFileRow
	block []byte // what is left of the block being read
	fp    uint64 // the last fingerprint of the block
	last  IDEntry
	eof   bool
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
	for len(s.block) == 0 {
		if s.eof {
			return IDEntry{}, io.EOF
		}
		s.row[0] = statsFileRow{}
		n, err := s.r.Read(s.row[:])
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
		case err != nil:
			return IDEntry{}, fmt.Errorf("%s: %w", s.path, err)
		}
		if n == 1 {
			s.block, s.fp = s.row[0].IDBlock, 0 // empty in a person's row
		}
	}
	var v [3]uint64
	for i := range v {
		x, k := binary.Uvarint(s.block)
		if k <= 0 {
			return IDEntry{}, fmt.Errorf("%s: a block of ids ends inside an id (corrupt file)", s.path)
		}
		v[i], s.block = x, s.block[k:]
	}
	if v[1] >= maxFiles || v[2] >= 1<<positionLineBits || v[0] > ^s.fp {
		return IDEntry{}, fmt.Errorf("%s: an id out of range (corrupt file)", s.path)
	}
	s.fp += v[0]
	e = IDEntry{Fingerprint: s.fp, Position: RowPosition(int(v[1]), int64(v[2]))}
	if e.Fingerprint < s.last.Fingerprint || e.Fingerprint == s.last.Fingerprint && e.Position <= s.last.Position {
		return IDEntry{}, fmt.Errorf("%s: ids not sorted by fingerprint then position (corrupt file)", s.path)
	}
	s.last = e
	return e, nil
}

// Close closes the file.
func (s *StatsIDs) Close() error {
	s.r.Close()
	return s.f.Close()
}
