package jw

import (
	"sync"
	"sync/atomic"
)

// ScoreBatch sets out[k] to the similarity of the pattern and cands[k], for
// every k. With cutoff > 0, a score below cutoff may be reported as 0, while a
// score at or above it is exact; with cutoff <= 0 every score is exact. Below
// the cutoff, candidates are skipped on a cheap upper bound of their score.
// It panics if out is shorter than cands. It does not allocate, but for the
// first call with a new cutoff value, which builds the bound's table.
//
// On amd64 with AVX2, candidates of at most 16 bytes are scored sixteen at a
// time in vector lanes, those of 17 to 32 bytes eight at a time; elsewhere,
// and for longer ones, one by one. All give the same bits.
func (p *Pattern) ScoreBatch(cands []string, cutoff float64, out []float64) {
	out = out[:len(cands)]
	la := len(p.a)
	if la == 0 || la > 64 {
		for k, b := range cands {
			out[k] = p.Score(b)
		}
		return
	}
	var pr pruner
	if cutoff > 0 {
		pr = pruner{p: p, least: &leastFor(cutoff).least[la]}
	}
	if useAVX2 {
		p.scoreLanes(cands, pr, out)
		return
	}
	p.scoreBatchGo(cands, pr, out)
}

// scoreBatchGo is the portable batch path: the bound, then the bit-parallel
// kernel with one scratch for all candidates.
func (p *Pattern) scoreBatchGo(cands []string, pr pruner, out []float64) {
	var occ [maxSlots + 1]uint64
	for k, b := range cands {
		switch {
		case len(b) == 0 || len(b) > 64:
			out[k] = p.Score(b)
		case !pr.keep(b):
			out[k] = 0
		default:
			out[k] = p.score64(b, occ[:])
			clear(occ[:p.nslot+1])
		}
	}
}

// A pruner skips candidates whose score cannot reach the cutoff. The Jaro
// value is at most (m/la + m/lb + 1)/3 for m matches, m is at most the size
// of the common byte multiset of the two strings, and the boost grows with
// the Jaro value, so a bound on m bounds the score. The zero pruner keeps
// every candidate.
type pruner struct {
	p     *Pattern
	least *[65][prefixSize + 1]uint8 // the row of leastTable.least for the pattern
}

// keep reports whether b, of 1 to 64 bytes, may score at or above the
// cutoff against the pattern, of 1 to 64 bytes.
func (pr pruner) keep(b string) bool {
	if pr.least == nil {
		return true
	}
	p := pr.p
	lb := len(b)
	least := int(pr.least[lb][commonPrefix(p.a, b)])
	if least > lb {
		return false // too short or too long whatever it holds
	}
	// First the bytes of b found in a, then the common multiset.
	inA := 0
	for j := 0; j < lb; j++ {
		if p.slot[b[j]] != 0 {
			inA++
		}
	}
	if inA < least {
		return false
	}
	rest := p.count
	common := 0
	for j := 0; j < lb; j++ {
		s := p.slot[b[j]]
		v := rest[s]
		left := uint8((uint(v) + 255) >> 8) // 1 if some left, without a branch
		rest[s] = v - left
		common += int(left)
	}
	return common >= least
}

// boundSlack absorbs the rounding of the bound's own arithmetic, so that
// pruning never drops a score at or above the cutoff.
const boundSlack = 1e-9

// never is a least match count that no candidate reaches.
const never = 255

// A leastTable holds, for one cutoff, least[la][lb][prefix]: the least
// match count at which strings of la and lb bytes with that common prefix
// may reach the cutoff, or never.
type leastTable struct {
	cutoff float64
	least  [65][65][prefixSize + 1]uint8
}

var (
	lastLeast   atomic.Pointer[leastTable]
	leastMu     sync.Mutex
	leastTables []*leastTable // the last few cutoffs
)

// leastFor returns the table for cutoff, building it on first use (about a
// millisecond); the last eight cutoffs are kept.
func leastFor(cutoff float64) *leastTable {
	if t := lastLeast.Load(); t != nil && t.cutoff == cutoff {
		return t
	}
	leastMu.Lock()
	defer leastMu.Unlock()
	var t *leastTable
	for _, u := range leastTables {
		if u.cutoff == cutoff {
			t = u
		}
	}
	if t == nil {
		t = newLeastTable(cutoff)
		if len(leastTables) == 8 {
			leastTables = leastTables[1:]
		}
		leastTables = append(leastTables, t)
	}
	lastLeast.Store(t)
	return t
}

func newLeastTable(cutoff float64) *leastTable {
	t := &leastTable{cutoff: cutoff}
	for la := 1; la <= 64; la++ {
		for lb := 1; lb <= 64; lb++ {
			for prefix := 0; prefix <= prefixSize; prefix++ {
				// The bound grows with m by at least 1/192 a step, far
				// above its rounding, so a binary search finds the least.
				lo, hi := 1, min(la, lb)+1
				for lo < hi {
					m := (lo + hi) / 2
					if upperBound(la, lb, m, prefix) >= cutoff-boundSlack {
						hi = m
					} else {
						lo = m + 1
					}
				}
				t.least[la][lb][prefix] = never
				if lo <= min(la, lb) {
					t.least[la][lb][prefix] = uint8(lo)
				}
			}
		}
	}
	return t
}

// upperBound is the score of m matches with no transposition, computed with
// the same operations as the exact score, so not below it but for rounding.
func upperBound(la, lb, m, prefix int) float64 {
	j := finish64(la, lb, m, 0)
	if j <= boostThreshold {
		return j
	}
	return j + float64(tenths[prefix]*(1.0-j))
}
