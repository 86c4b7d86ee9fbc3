package jw

import (
	"math/bits"
	"testing"
)

// variant B: transpositions over the matched bytes of a only.
func (p *Pattern) match64B(b string, occ []uint64) float64 {
	a := p.a
	la, lb := len(a), len(b)
	r := window(la, lb)
	span := lowMask(min(r+1, 64))
	var matchedA, matchedB uint64
	for i := 0; i < la; i++ {
		x := occ[p.aSlot[i&63]] & span &^ matchedB
		x &= -x
		matchedB |= x
		matchedA |= (x | -x) >> 63 << uint(i&63)
		span = span<<1 | uint64(i-r)>>63
	}
	if matchedB == 0 {
		return 0
	}
	matches := bits.OnesCount64(matchedB)
	unaligned := 0
	for mA := matchedA; mA != 0; mA &= mA - 1 {
		i := bits.TrailingZeros64(mA)
		jb := matchedB & -matchedB
		matchedB &= matchedB - 1
		unaligned += int((occ[p.aSlot[i&63]]&jb - 1) >> 63)
	}
	var j float64
	if lb <= short {
		j = p.jaro[jaroIndex(lb, matches, unaligned/2)]
	} else {
		j = finish64(la, lb, matches, unaligned)
	}
	return boost(j, a, b)
}

// variant C: matched a bytes kept as a compressed string, b's likewise; compare.
func (p *Pattern) match64C(b string, occ []uint64) float64 {
	a := p.a
	la, lb := len(a), len(b)
	r := window(la, lb)
	span := lowMask(min(r+1, 64))
	var matchedB uint64
	var ca, cb [72]byte
	k := 0
	for i := 0; i < la; i++ {
		x := occ[p.aSlot[i&63]] & span &^ matchedB
		x &= -x
		matchedB |= x
		ca[k&63] = a[i]
		k += int((x | -x) >> 63)
		span = span<<1 | uint64(i-r)>>63
	}
	if matchedB == 0 {
		return 0
	}
	k2 := 0
	for j := 0; j < lb; j++ {
		cb[k2&63] = b[j]
		k2 += int(matchedB >> uint(j&63) & 1)
	}
	unaligned := 0
	for w := 0; w < k; w += 8 {
		x := le64(ca[w&63:]) ^ le64(cb[w&63:])
		if k-w < 8 {
			x &= lowMask(8 * (k - w))
		}
		// a byte is nonzero iff its high bit after this is set
		y := ((x & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | x
		unaligned += bits.OnesCount64(y & 0x8080808080808080)
	}
	var j float64
	if lb <= short {
		j = p.jaro[jaroIndex(lb, k, unaligned/2)]
	} else {
		j = finish64(la, lb, k, unaligned)
	}
	return boost(j, a, b)
}

func le64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

func (p *Pattern) scoreV(b string, v int) float64 {
	if len(p.a) == 0 || len(b) == 0 || len(p.a) > 64 || len(b) > 64 || p.nslot >= 16 {
		return p.Score(b)
	}
	if v == 3 {
		return p.scoreD(b)
	}
	var occ [16]uint64
	for j := 0; j < len(b); j++ {
		occ[p.slot[b[j]]] |= 1 << uint(j)
	}
	switch v {
	case 1:
		return p.match64B(b, occ[:])
	case 2:
		return p.match64C(b, occ[:])
	}
	return p.match64(b, occ[:])
}

func TestVariants(t *testing.T) {
	for _, c := range corpus(1, 100000) {
		p := NewPattern(c[0])
		want := reference(c[0], c[1])
		for v := range 4 {
			if got := p.scoreV(c[1], v); !sameBits(got, want) {
				t.Fatalf("v%d %q %q = %v want %v", v, c[0], c[1], got, want)
			}
		}
	}
}

func BenchmarkVariants(b *testing.B) {
	pats := make([]*Pattern, len(sought))
	for i, a := range sought {
		pats[i] = NewPattern(a)
	}
	for round := 0; round < 15; round++ {
		for _, v := range []int{0, 1, 3} {
			b.Run(string(rune('A'+v)), func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					p := pats[i%len(pats)]
					for _, c := range archive {
						sinkF += p.scoreV(c, v)
					}
				}
				perPair(b)
			})
		}
	}
}

func (p *Pattern) scoreD(b string) float64 {
	a := p.a
	la, lb := len(a), len(b)
	var occ [16]uint64
	for j := 0; j < lb; j++ {
		occ[p.slot[b[j]]&15] |= 1 << uint(j&63)
	}
	r := window(la, lb)
	span := lowMask(min(r+1, 64))
	var matchedA, matchedB uint64
	for i := 0; i < la; i++ {
		x := occ[p.aSlot[i&63]&15] & span &^ matchedB
		x &= -x
		matchedB |= x
		matchedA = matchedA>>1 | (x|-x)&(1<<63)
		span = span<<1 | uint64(i-r)>>63
	}
	if matchedB == 0 {
		return 0
	}
	matchedA >>= uint(64 - la)
	unaligned, unmatched := 0, 0
	for i := 0; i < la; i++ {
		none := ^matchedA & 1
		matchedA >>= 1
		jb := matchedB & -matchedB & (none - 1)
		unaligned += int((occ[p.aSlot[i&63]&15]&jb - 1) >> 63 & ^none)
		unmatched += int(none)
		matchedB ^= jb
	}
	matches := la - unmatched
	var j float64
	if lb <= short {
		j = p.jaro[jaroIndex(lb, matches, unaligned/2)]
	} else {
		j = finish64(la, lb, matches, unaligned)
	}
	return boost(j, a, b)
}
