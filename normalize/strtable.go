package normalize

import (
	"encoding/binary"
	"maps"
	"math/bits"
	"slices"
)

// strTable is a fixed set of short strings, each with an int32 value, for
// the look-ups on the hot path of Parse (is this word a surname
// spelling?). A Go map hashes with a per-process seed and compares keys
// through a call; the sets here are built once and never change, and
// their keys are short, so a key is packed into two words, hashed by a
// multiply and compared as words in an open-addressed table. Lookups stop
// at the first empty slot, and the table is at most a quarter full, so the
// work of a lookup is bounded by the longest run of full slots, fixed
// when the table is built. Keys longer than 16 bytes, which the tables
// hardly hold, go to a map.
type strTable struct {
	slots []strSlot
	shift uint8 // 64 - log2(len(slots))
	long  map[string]int32
	// first holds, for each length up to maxPacked, a bit for the low five
	// bits of the first byte of the keys of that length: most strings
	// looked up are no key, and most of those are told by this alone.
	first [maxPacked + 1]uint32
}

type strSlot struct {
	w0, w1 uint64 // the key's bytes, little-endian, zero-padded
	n      uint8  // its length; 0 marks an empty slot
	val    int32
}

// maxPacked is the longest key packed into a slot.
const maxPacked = 16

// newStrTable builds the table of m's keys, each with the value val
// gives it.
func newStrTable[V any](m map[string]V, val func(string, V) int32) *strTable {
	size := 8
	for size < 4*len(m) {
		size *= 2
	}
	t := &strTable{slots: make([]strSlot, size), shift: uint8(64 - bits.TrailingZeros(uint(size)))}
	for _, k := range slices.Sorted(maps.Keys(m)) { // the same layout in every process
		v := val(k, m[k])
		if len(k) == 0 || len(k) > maxPacked {
			if t.long == nil {
				t.long = map[string]int32{}
			}
			t.long[k] = v
			continue
		}
		w0, w1 := pack([]byte(k))
		i := strSlotOf(w0, w1, len(k), t.shift)
		for t.slots[i].n != 0 {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = strSlot{w0: w0, w1: w1, n: uint8(len(k)), val: v}
		t.first[len(k)] |= 1 << (k[0] & 31)
	}
	return t
}

// pack returns the bytes of b (at most maxPacked) as two little-endian
// words, zero-padded, reading them a word or half a word at a time (the
// loads of the longer lengths overlap; the overlap holds the same bytes).
func pack(b []byte) (w0, w1 uint64) {
	switch n := len(b); {
	case n >= 8:
		w0 = binary.LittleEndian.Uint64(b)
		if n > 8 {
			w1 = binary.LittleEndian.Uint64(b[n-8:]) >> (8 * (16 - n))
		}
	case n >= 4:
		w0 = uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<(8*(n-4))
	case n > 0:
		w0 = uint64(b[0]) | uint64(b[n/2])<<(8*(n/2)) | uint64(b[n-1])<<(8*(n-1))
	}
	return
}

func strSlotOf(w0, w1 uint64, n int, shift uint8) int {
	h := (w0*0x9e3779b97f4a7c15 ^ w1*0xc2b2ae3d27d4eb4f ^ uint64(n)) * 0x165667b19e3779f9
	return int(h >> shift)
}

// get returns the value of key s and whether s is a key.
func (t *strTable) get(s string) (int32, bool) {
	if len(s) == 0 || len(s) > maxPacked {
		v, ok := t.long[s]
		return v, ok
	}
	var buf [maxPacked]byte
	return t.getBytes(buf[:copy(buf[:], s)])
}

// getBytes is get for the bytes of b.
func (t *strTable) getBytes(b []byte) (int32, bool) {
	if len(b) == 0 || len(b) > maxPacked {
		v, ok := t.long[string(b)]
		return v, ok
	}
	if t.first[len(b)]&(1<<(b[0]&31)) == 0 {
		return 0, false
	}
	w0, w1 := pack(b)
	mask := len(t.slots) - 1
	for i := strSlotOf(w0, w1, len(b), t.shift); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.n == 0 {
			return 0, false
		}
		if sl.w0 == w0 && sl.w1 == w1 && int(sl.n) == len(b) {
			return sl.val, true
		}
	}
}
