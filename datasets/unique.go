package datasets

import "fmt"

// Duplicate ids. A row whose id an earlier row of the same file has is a
// row error: the output names candidates by id, so two records under one
// id would make a match ambiguous. Every reader Open returns checks this.
//
// The archive may hold ten million rows, so the ids seen are kept as
// 64-bit fingerprints in an open-addressing table, 8 bytes a slot (at
// most 16 bytes an id), not as strings (60 bytes or more an id in a Go
// map). Two different ids share a fingerprint with probability about
// n²/2⁶⁵: once in some 370,000 runs over ten million ids. The row then
// rejected says so, so nothing is lost silently.

// idSet is a set of id fingerprints.
type idSet struct {
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
func (s *idSet) add(id string) (seen bool) {
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	f := fingerprint(id)
	mask := uint64(len(s.slots) - 1)
	for i := f & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case f:
			return true
		case 0:
			s.slots[i] = f
			s.n++
			return false
		}
	}
}

func (s *idSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(1<<10, 2*len(old)))
	mask := uint64(len(s.slots) - 1)
	for _, f := range old {
		if f == 0 {
			continue
		}
		i := f & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = f
	}
}

// uniqueReader turns a row whose id an earlier row had into a row error.
type uniqueReader struct {
	Reader
	file string
	ids  idSet
}

func (u *uniqueReader) Read() (Record, error) {
	rec, err := u.Reader.Read()
	if err != nil {
		return rec, err
	}
	if u.ids.add(rec.ID) {
		return Record{}, &RowError{File: u.file, Line: rec.Line, Column: FieldID, ID: rec.ID,
			Reason: fmt.Sprintf("duplicate id %q: an earlier row has the same id", rec.ID)}
	}
	return rec, nil
}
