package jw

// maxSlots bounds the distinct bytes of a pattern on the bit-parallel path.
const maxSlots = 64

// A Pattern is a name sought (the first argument of the Jaro-Winkler
// similarity), compiled to be compared with many candidates. It is safe for
// concurrent use.
//
// Each distinct byte of the pattern gets a slot. Scoring a candidate b of at
// most 64 bytes builds, per slot, the mask of the positions of b holding that
// byte; the greedy matching then walks the pattern and takes, for each byte,
// the lowest free position of b inside the window with x & -x.
//
// A Pattern is one allocation of about 600 bytes: the matcher compiles one
// per distinct name key, so compiling must stay cheap.
type Pattern struct {
	a     string
	nslot int
	jaro  *jaroTable          // Jaro values for len(a) and candidates of up to 16 bytes, or nil
	slot  [256]uint8          // 1 + slot of each byte of a; 0 for the others
	aSlot [64]uint8           // slot of a[i]
	count [maxSlots + 1]uint8 // occurrences in a of each slot's byte
	// lanes is what the vector kernels read; set for patterns of 1 to 64
	// bytes.
	lanes laneData
}

// NewPattern compiles a, the name sought.
func NewPattern(a string) *Pattern {
	p := new(Pattern)
	p.compile(a)
	return p
}

func (p *Pattern) compile(a string) {
	p.a = a
	if len(a) > 64 {
		return
	}
	p.jaro = jaroFor(len(a))
	d := &p.lanes
	copy(d.head[:], a)
	for i := 0; i < len(a); i++ {
		c := a[i]
		if p.slot[c] == 0 {
			d.slotByte[p.nslot] = c
			p.nslot++
			p.slot[c] = uint8(p.nslot)
			// The bound's byte set, looked up by nibbles.
			if c < 128 {
				d.setLo[c&15] |= 1 << (c >> 4)
				d.setLo[16+c&15] |= 1 << (c >> 4)
			} else {
				d.setHi[c&15] |= 1 << (c>>4 - 8)
				d.setHi[16+c&15] |= 1 << (c>>4 - 8)
			}
		}
		s := p.slot[c]
		p.aSlot[i] = s
		p.count[s]++
	}
}

// String returns the name the pattern was compiled from.
func (p *Pattern) String() string { return p.a }

// Score returns the Jaro-Winkler similarity of the pattern and b: the same
// float64 as smetrics.JaroWinkler(pattern, b, 0.7, 4). It does not allocate
// for strings of up to 256 bytes.
func (p *Pattern) Score(b string) float64 {
	if len(p.a) == 0 || len(b) == 0 {
		return empty(p.a, b)
	}
	if len(p.a) > 64 || len(b) > 64 {
		return scalar(p.a, b)
	}
	if len(b) <= short && useAVX2 && useShortScore {
		m, t := matchShortAVX2(p, b)
		if m == 0 {
			return 0
		}
		return boost(p.jaro[jaroIndex(len(b), m, t)], p.a, b)
	}
	// The masks live on the stack, zeroed by Go: keep them small for
	// patterns with few distinct bytes, as names have.
	if p.nslot < 16 {
		var occ [16]uint64
		return p.score64(b, occ[:])
	}
	var occ [maxSlots + 1]uint64
	return p.score64(b, occ[:])
}

// score64 scores a candidate b when both strings have 1 to 64 bytes. occ must
// be all zero, with room for every slot; the caller clears it after if it is
// to be used again.
func (p *Pattern) score64(b string, occ []uint64) float64 {
	for j := 0; j < len(b); j++ {
		occ[p.slot[b[j]]] |= 1 << uint(j)
	}
	return p.match64(b, occ)
}

// match64 is the bit-parallel Jaro-Winkler of the pattern and b, given the
// occurrence masks of b per slot. Its loops run la times whatever b holds,
// without data-dependent branches, which mispredict.
func (p *Pattern) match64(b string, occ []uint64) float64 {
	a := p.a
	la, lb := len(a), len(b)
	r := window(la, lb)
	// span is the window [i-r, i+r] clipped to [0, 63]; shifting it left
	// moves it on by one, and while i < r its low end stays at 0 (i-r < 0
	// has the top bit set).
	span := lowMask(min(r+1, 64))
	var matchedA, matchedB uint64
	for i := 0; i < la; i++ {
		x := occ[p.aSlot[i&63]] & span &^ matchedB // occ has no bit at lb or above
		x &= -x
		matchedB |= x
		matchedA |= (x | -x) >> 63 << uint(i&63)
		span = span<<1 | uint64(i-r)>>63
	}
	if matchedB == 0 {
		return 0
	}
	// The k-th matched byte of a pairs with the k-th matched position of
	// b; they are unaligned when that position does not hold the byte of a
	// (then occ&jb - 1 has its top bit set).
	unaligned, unmatched := 0, 0
	for i := 0; i < la; i++ {
		none := ^matchedA >> uint(i&63) & 1 // 1 if a[i] is unmatched
		keep := none - 1                    // all ones if it is matched
		jb := matchedB & -matchedB & keep
		unaligned += int((occ[p.aSlot[i&63]]&jb - 1) >> 63 & ^none)
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
