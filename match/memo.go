package match

import "encoding/binary"

// memo remembers the values of a pure function of a string, for strings
// that repeat across archive records (name keys, birth places). It holds
// at most maxCache entries and is cleared when full: the output never
// depends on it, only the speed. Each worker has its own.
//
// It is looked up several times for every archive record, among tens of
// thousands of keys, so most look-ups miss the processor's caches. A Go
// map then reads three places in memory: the group's control word, the
// slot, and the key's bytes. memo keeps short keys (all name keys but a
// few) in the slot itself, so a look-up usually reads one cache line.
// Longer keys go to a Go map.
type memo[V any] struct {
	slots []memoSlot[V] // open addressing, linear probing; a power of two long
	n     int
	long  map[string]V // keys longer than memoKeyMax
}

// memoSlot holds a key of at most memoKeyMax bytes, packed with its
// length in the last byte. A slot whose words are all 0 is empty: a
// non-empty key has a length.
type memoSlot[V any] struct {
	key [3]uint64
	v   V
}

const (
	memoKeyMax   = 23 // bytes
	memoMinSlots = 1 << 10
)

// maxCache bounds a memo.
const maxCache = 1 << 16

func newMemo[V any]() memo[V] { return memo[V]{slots: make([]memoSlot[V], memoMinSlots)} }

// get returns f(k), computing it only when k is not remembered.
func (c *memo[V]) get(k string, f func(string) V) V {
	if len(k) == 0 || len(k) > memoKeyMax {
		return c.getLong(k, f)
	}
	var b [24]byte
	copy(b[:], k)
	b[23] = byte(len(k))
	key := [3]uint64{binary.LittleEndian.Uint64(b[0:]), binary.LittleEndian.Uint64(b[8:]), binary.LittleEndian.Uint64(b[16:])}
	h := memoHash(key)
	mask := uint64(len(c.slots) - 1)
	i := h & mask
	for ; ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.key == key {
			return s.v
		}
		if s.key == [3]uint64{} {
			break
		}
	}
	v := f(k)
	switch {
	case c.n >= maxCache:
		clear(c.slots)
		c.n = 0
		i = c.free(h)
	case 4*(c.n+1) > 3*len(c.slots):
		c.grow()
		i = c.free(h)
	}
	c.slots[i] = memoSlot[V]{key, v}
	c.n++
	return v
}

// free returns the first empty slot of the probe for hash h.
func (c *memo[V]) free(h uint64) uint64 {
	mask := uint64(len(c.slots) - 1)
	i := h & mask
	for c.slots[i].key != [3]uint64{} {
		i = (i + 1) & mask
	}
	return i
}

// grow doubles the table.
func (c *memo[V]) grow() {
	old := c.slots
	c.slots = make([]memoSlot[V], 2*len(old))
	for _, s := range old {
		if s.key != [3]uint64{} {
			c.slots[c.free(memoHash(s.key))] = s
		}
	}
}

func (c *memo[V]) getLong(k string, f func(string) V) V {
	if v, ok := c.long[k]; ok {
		return v
	}
	v := f(k)
	if c.long == nil || len(c.long) >= maxCache {
		c.long = make(map[string]V)
	}
	c.long[k] = v
	return v
}

// memoHash mixes a packed key's words (multiply and fold, as in
// splitmix64's finaliser), so that its low bits depend on every byte.
func memoHash(k [3]uint64) uint64 {
	h := k[0]*0x9e3779b97f4a7c15 ^ k[1]*0xc2b2ae3d27d4eb4f ^ k[2]*0x165667b19e3779f9
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h
}
