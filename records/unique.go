package records

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Duplicate ids. A row whose id an earlier row of the same file has is a
// row error: the output names candidates by id, so two records under one
// id would make a match ambiguous. Every reader Open returns checks this.
//
// The archive may hold ten million rows, so the ids seen are kept as
// 64-bit fingerprints in open-addressing tables, 8 bytes a slot (about 10
// bytes an id), not as strings (60 bytes or more an id in a Go
// map). Two different ids share a fingerprint with probability about
// n²/2⁶⁵: once in some 370,000 runs over ten million ids. The row then
// rejected says so, so nothing is lost silently.

// idSet is a set of id fingerprints, in idShards tables chosen by the
// fingerprint's top bits. Each table grows on its own, so growing never
// needs the old and the new copy of the whole set at once (at ten million
// ids that would be 64 MB and 128 MB side by side).
type idSet struct {
	shards [idShards]idTable
	n      int
}

const idShards = 256

// idTable is an open-addressing table of fingerprints, linear probing.
type idTable struct {
	slots []uint64 // 0: empty
	n     int
}

// fingerprint hashes id with FNV-1a, then mixes the bits (the finaliser
// of splitmix64) so that the low bits, which pick the slot, depend on
// every byte. It is never 0. The hash is fixed, so runs are repeatable.
func fingerprint(id string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return max(h, 1)
}

// add adds id and reports whether its fingerprint was there already.
func (s *idSet) add(id string) (seen bool) { return s.addFingerprint(fingerprint(id)) }

// addFingerprint adds an id's fingerprint f and reports whether it was
// there already.
func (s *idSet) addFingerprint(f uint64) (seen bool) {
	if s.shards[f>>56].add(f) {
		return true
	}
	s.n++
	return false
}

// The table's size is any number, not a power of two, so that it can grow
// by half and be kept up to 85% full: at ten million ids that is 100 MB,
// where doubling and three quarters full would take 134.
const (
	idMinSlots = 64
	idMaxLoad  = 0.85
)

// slot is where fingerprint f's probe starts: its low 32 bits scaled to
// the table's size (the top bits chose the shard).
func (t *idTable) slot(f uint64) int { return int(uint64(uint32(f)) * uint64(len(t.slots)) >> 32) }

func (t *idTable) add(f uint64) (seen bool) {
	if float64(t.n+1) > idMaxLoad*float64(len(t.slots)) {
		t.grow()
	}
	for i := t.slot(f); ; {
		switch t.slots[i] {
		case f:
			return true
		case 0:
			t.slots[i] = f
			t.n++
			return false
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// reserve sizes the set for n ids, when the reader knows how many rows
// the file holds (Parquet): the tables then never grow, and never hold an
// old and a new copy at once. A shard that gets more than its share still
// grows.
func (s *idSet) reserve(n int64) {
	share := float64(n) / idShards
	per := share + 5*math.Sqrt(share) + idMinSlots // a share, and room for five standard deviations of its spread
	slots := int(per/idMaxLoad) + 1
	for i := range s.shards {
		if t := &s.shards[i]; t.n == 0 && len(t.slots) < slots {
			t.slots = make([]uint64, slots)
		}
	}
}

func (t *idTable) grow() {
	t.resize(max(idMinSlots, len(t.slots)+len(t.slots)/2))
}

func (t *idTable) resize(size int) {
	old := t.slots
	t.slots = make([]uint64, size)
	for _, f := range old {
		if f == 0 {
			continue
		}
		i := t.slot(f)
		for t.slots[i] != 0 {
			if i++; i == len(t.slots) {
				i = 0
			}
		}
		t.slots[i] = f
	}
}

// uniqueReader turns a row whose id an earlier row had into a row error.
//
// The id set of a large archive is many megabytes, so nearly every look-up
// waits for memory. The reader reads idBatch rows ahead and looks up
// their ids together, in a loop of independent look-ups that the
// processor overlaps, instead of one between the decoding of two rows.
type uniqueReader struct {
	*multiReader
	ids   idSet
	ahead []aheadRow // rows read, not yet returned
	at    int        // the next row of ahead to return
	cross IDCheck    // the check across shards, when sharded
}

// idBatch is how many rows uniqueReader reads ahead.
const idBatch = 64

// aheadRow is a row read ahead: the record or error the files gave,
// the file it came from, and whether its id repeats an earlier row's.
type aheadRow struct {
	rec  Record
	err  error
	file int // index in the sorted files
	seen bool
}

func (u *uniqueReader) Read() (Record, error) {
	if u.at == len(u.ahead) {
		u.readAhead()
	}
	a := &u.ahead[u.at]
	u.at++
	switch {
	case a.err != nil:
		return a.rec, a.err
	case a.seen:
		return Record{}, &RowError{File: u.files[a.file], Line: a.rec.Line, Column: FieldID, ID: a.rec.ID,
			Reason: fmt.Sprintf("duplicate id %q: an earlier row has the same id", a.rec.ID)}
	}
	return a.rec, nil
}

// readAhead reads up to idBatch rows, stopping after an error that is
// not a row's (the end of the files included), and checks their ids in
// order.
func (u *uniqueReader) readAhead() {
	clear(u.ahead) // drop the records returned
	u.ahead, u.at = u.ahead[:0], 0
	var fps [idBatch]uint64
	for len(u.ahead) < idBatch {
		rec, err := u.multiReader.Read()
		if err == nil {
			fps[len(u.ahead)] = fingerprint(rec.ID)
		}
		u.ahead = append(u.ahead, aheadRow{rec: rec, err: err, file: u.multiReader.file()})
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			break
		}
	}
	for i := range u.ahead {
		if a := &u.ahead[i]; a.err == nil {
			a.seen = u.ids.addFingerprint(fps[i])
		}
	}
	if u.cross.Log == nil && len(u.cross.Repeats) == 0 {
		return // a single run: its own set sees every id
	}
	for i := range u.ahead {
		a := &u.ahead[i]
		if a.err != nil {
			continue
		}
		pos := RowPosition(a.file, a.rec.Line)
		if u.cross.Log != nil {
			*u.cross.Log = append(*u.cross.Log, IDEntry{Fingerprint: fps[i], Position: pos})
		}
		if _, ok := u.cross.Repeats[pos]; ok {
			a.seen = true
		}
	}
}

// Across shards. A shard sees only its own rows, so its set cannot tell a
// row whose id a row of another shard has. A sharded run checks the rest
// by the rows' positions in the archive: every shard logs the fingerprint
// and position of each row whose id it checks (kinlink stats --shard);
// the logs, sorted by fingerprint, are merged side by side to find the
// ids of several shards (kinlink stats merge); and the shards then reject
// the rows at the positions of all but the first of each (kinlink match
// --shard), as a single run rejects them.

// IDEntry is a row whose id was checked: its id's fingerprint and its
// position (see RowPosition).
type IDEntry struct {
	Fingerprint uint64
	Position    uint64
}

// IDCheck carries the id check of a shard across shards (see OpenSetIDs).
type IDCheck struct {
	// Log, when not nil, receives an entry for every row whose id is
	// checked (every row the other checks let through), in reading order.
	Log *[]IDEntry
	// Repeats are the positions of rows whose id an earlier row of the
	// archive has, found across shards: they are rejected as duplicates.
	Repeats map[uint64]struct{}
}

// IDFingerprint is the fingerprint the id check keeps of id: two rows
// whose ids have the same fingerprint are duplicates.
func IDFingerprint(id string) uint64 { return fingerprint(id) }

// positionLineBits is how many low bits of a position hold the line.
const positionLineBits = 40

// RowPosition numbers the row at line of the file-th file of an archive's
// sorted files (see OpenSet): positions order rows as a single run reads
// them, files in path order, lines in file order.
func RowPosition(file int, line int64) uint64 {
	return uint64(file)<<positionLineBits | uint64(line)
}

// PositionFile and PositionLine undo RowPosition.
func PositionFile(pos uint64) int   { return int(pos >> positionLineBits) }
func PositionLine(pos uint64) int64 { return int64(pos & (1<<positionLineBits - 1)) }

// SortIDs sorts ids by fingerprint, then position. Fingerprints are
// spread evenly, so it first moves each id, in place, to the bucket of its
// fingerprint's top byte (an American flag sort: no second array of the
// shard's millions of ids), then sorts each bucket, small enough to stay
// in the processor's caches: a million ids in 90 ms, where one sort of
// them all takes 145 (BenchmarkSortIDs).
func SortIDs(ids []IDEntry) {
	const bits = 8
	if len(ids) < 1<<12 {
		slices.SortFunc(ids, compareIDs)
		return
	}
	var start [1<<bits + 1]int
	for _, e := range ids {
		start[e.Fingerprint>>(64-bits)+1]++
	}
	for b := 1; b < len(start); b++ {
		start[b] += start[b-1]
	}
	var next [1 << bits]int // the next place to fill in each bucket
	copy(next[:], start[:])
	for b := range next {
		for next[b] < start[b+1] {
			e := ids[next[b]]
			for d := int(e.Fingerprint >> (64 - bits)); d != b; d = int(e.Fingerprint >> (64 - bits)) {
				ids[next[d]], e = e, ids[next[d]]
				next[d]++
			}
			ids[next[b]] = e
			next[b]++
		}
	}
	for b := range next {
		slices.SortFunc(ids[start[b]:start[b+1]], compareIDs)
	}
}

func compareIDs(a, b IDEntry) int {
	if c := cmp.Compare(a.Fingerprint, b.Fingerprint); c != 0 {
		return c
	}
	return cmp.Compare(a.Position, b.Position)
}
