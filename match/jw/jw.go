// Package jw computes the Jaro-Winkler similarity of byte strings with exactly
// the semantics of smetrics.JaroWinkler(a, b, 0.7, 4) from
// github.com/xrash/smetrics, down to the last bit of the float64 result, on
// every build (the Winkler boost is never fused into an FMA).
//
// The semantics, for the record: strings are compared byte by byte; the match
// window is max(len(a), len(b))/2 − 1 (at least 0); each byte of a, left to
// right, takes the leftmost unmatched equal byte of b within the window; the
// transpositions are half the unaligned matches, rounded down; the Jaro value
// is boosted by 0.1 per common leading byte (at most 4) only when it exceeds
// 0.7. Two empty strings score 1, one empty string 0. The result is not always
// symmetric in a and b, so the argument order matters: a is the name sought
// and b the candidate.
//
// Similarity is the plain pairwise call. A Pattern compiles the name sought
// once and scores it against many candidates, one at a time (Pattern.Score)
// or a slice at a time with an optional cutoff (Pattern.ScoreBatch). Strings
// of at most 64 bytes take a bit-parallel path; longer ones a scalar one. On
// amd64 CPUs with AVX2 (detected at run time, no build flag), ScoreBatch
// scores candidates of up to 16 bytes sixteen at a time in vector lanes, and
// those of up to 32 bytes eight at a time, in assembly; elsewhere it runs the
// same algorithm one candidate at a time.
package jw

import (
	"sync"
	"sync/atomic"
)

const (
	boostThreshold = 0.7
	prefixSize     = 4
)

// tenths[p] is 0.1*p rounded as smetrics rounds it at run time; a constant
// expression would be exact (0.3, not 0.30000000000000004).
var tenths = func() (t [prefixSize + 1]float64) {
	tenth := 0.1
	for p := range t {
		t[p] = tenth * float64(p)
	}
	return t
}()

// Similarity returns the Jaro-Winkler similarity of a and b, in [0, 1]: the
// same float64 as smetrics.JaroWinkler(a, b, 0.7, 4). It does not allocate
// for strings of up to 256 bytes.
func Similarity(a, b string) float64 {
	if len(a) > 64 || len(b) > 64 {
		return scalar(a, b)
	}
	var p Pattern
	p.compile(a)
	return p.Score(b)
}

// empty gives the score when a or b is empty.
func empty(a, b string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	return 0
}

// window is the match distance for strings of lengths la and lb.
func window(la, lb int) int {
	return max(0, max(la, lb)/2-1)
}

// finish turns the match and unaligned counts into the Jaro value, with the
// operations of smetrics in its order, so that the rounding is the same.
func finish(la, lb, matches, unaligned int) float64 {
	m := float64(matches)
	t := float64(unaligned / 2)
	return (m/float64(la) + m/float64(lb) + (m-t)/m) / 3.0
}

// finish64 is finish for lengths of at most 64, with the three quotients
// looked up: a division is correctly rounded, so the table holds the same
// bits. The last division stays (x/3 is not x*(1/3)).
func finish64(la, lb, matches, unaligned int) float64 {
	q := &quotients
	m, t := matches, unaligned/2
	return (q[m][la] + q[m][lb] + q[m-t][m]) / 3.0
}

// quotients[n][d] is float64(n)/float64(d) for n, d <= 64.
var quotients = func() (q [65][65]float64) {
	for n := range 65 {
		for d := 1; d <= 64; d++ {
			q[n][d] = float64(n) / float64(d)
		}
	}
	return q
}()

// short is the longest candidate whose Jaro values a jaroTable holds.
const short = 16

// A jaroTable holds, for one pattern length la, the Jaro value of every
// (lb, m, t) with lb <= short: finish(la, lb, m, 2t), or 0 for m = 0. It is
// the same expression evaluated once, so it holds the same bits; the vector
// kernel looks scores up in it instead of dividing.
type jaroTable [(short + 1) * (short + 1) * (short/2 + 1)]float64

// jaroIndex is the place of (lb, m, t) in a jaroTable.
func jaroIndex(lb, m, t int) int {
	return (lb*(short+1)+m)*(short/2+1) + t
}

var (
	jaroTables [65]atomic.Pointer[jaroTable]
	jaroMu     sync.Mutex
)

// jaroFor returns the table for patterns of la bytes, 1 <= la <= 64,
// building it on first use (some 20 µs and 21 KB); nil for la = 0.
func jaroFor(la int) *jaroTable {
	if la == 0 {
		return nil
	}
	if t := jaroTables[la].Load(); t != nil {
		return t
	}
	jaroMu.Lock()
	defer jaroMu.Unlock()
	if t := jaroTables[la].Load(); t != nil {
		return t
	}
	t := new(jaroTable)
	for lb := 1; lb <= short; lb++ {
		for m := 1; m <= short; m++ {
			for u := 0; u <= short/2; u++ {
				t[jaroIndex(lb, m, u)] = finish(la, lb, m, 2*u)
			}
		}
	}
	jaroTables[la].Store(t)
	return t
}

// boost applies the Winkler prefix boost to the Jaro value j of a and b. The
// explicit float64 conversion forbids fusing the multiply and the add.
func boost(j float64, a, b string) float64 {
	if j <= boostThreshold {
		return j
	}
	return j + float64(tenths[commonPrefix(a, b)]*(1.0-j))
}

// commonPrefix is the length of the common prefix of a and b, at most 4.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b), prefixSize)
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// scalar is the reference path for strings of any length. It follows
// smetrics step by step, with flags on the stack up to 256 bytes.
func scalar(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return empty(a, b)
	}
	var fa, fb [256]bool
	matchedA, matchedB := fa[:], fb[:]
	if la > len(fa) {
		matchedA = make([]bool, la)
	}
	if lb > len(fb) {
		matchedB = make([]bool, lb)
	}
	r := window(la, lb)
	matches := 0
	for i := 0; i < la; i++ {
		for j := max(0, i-r); j <= min(lb-1, i+r); j++ {
			if !matchedB[j] && a[i] == b[j] {
				matchedA[i], matchedB[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	unaligned, j := 0, 0
	for i := 0; i < la; i++ {
		if !matchedA[i] {
			continue
		}
		for !matchedB[j] {
			j++
		}
		if a[i] != b[j] {
			unaligned++
		}
		j++
	}
	return boost(finish(la, lb, matches, unaligned), a, b)
}

// lowMask has the low n bits set, for 0 <= n <= 64 (Go shifts by 64 give 0).
func lowMask(n int) uint64 {
	return ^uint64(0) >> (64 - uint(n))
}
