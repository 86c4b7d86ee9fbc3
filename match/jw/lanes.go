package jw

import "unsafe"

const (
	lanes     = 8   // candidates per block of the wide kernel
	lanes16   = 16  // candidates per block of the short kernel
	maxLaneA  = 64  // longest pattern for the vector kernels
	maxLaneB  = 32  // longest candidate: one 32-bit lane of positions
	laneChunk = 256 // candidates per kernel call
)

// laneData is the part of a pattern only the vector kernels read (through
// go_asm.h).
type laneData struct {
	head     [32]byte       // the pattern's first bytes, for the common prefix
	setLo    [32]byte       // byte c with c>>4 < 8 is in the pattern iff setLo[c&15]>>(c>>4)&1
	setHi    [32]byte       // the same for c>>4 >= 8; both twice, as VPSHUFB looks up each 16-byte half alone
	slotByte [maxSlots]byte // the byte of slot s is slotByte[s-1]
}

// laneConsts are the kernels' constants (through go_asm.h).
type laneConsts struct {
	bits   [32]byte // 1<<(k&7): the bit of a high nibble
	c8F    [32]byte // byte masks for the nibble lookups
	c07    [32]byte
	c80    [32]byte
	c0F    [32]byte
	popcnt [32]byte // bits set in each nibble
	ones   [32]byte // 1 in every byte
	// The constants of the score, as float64.
	tenth, one, three, threshold float64
}

var consts = func() (k laneConsts) {
	for i := range 32 {
		k.bits[i] = 1 << (i & 7)
		k.c8F[i], k.c07[i], k.c80[i], k.c0F[i], k.ones[i] = 0x8F, 0x07, 0x80, 0x0F, 1
		k.popcnt[i] = byte(popcount4(i & 15))
	}
	k.tenth, k.one, k.three, k.threshold = 0.1, 1, 3, boostThreshold
	return k
}()

func popcount4(x int) int { return x&1 + x>>1&1 + x>>2&1 + x>>3&1 }

// useShort selects the short kernel for candidates of up to 16 bytes; tests
// turn it off to run the wide kernel on every length.
var useShort = true

// A laneJob is one call of the wide kernel: a chunk of candidates, where the
// scores go, and the kernel's state and scratch.
type laneJob struct {
	pat   *laneData
	k     *laneConsts
	aSlot *uint8
	la    int
	laF   float64
	nslot int
	least *byte // the pattern's row of a leastTable, or nil for no pruning

	cands     *string
	n         int
	out       *float64
	deferred  [laneChunk]int32 // candidates left to Go: empty or over 32 bytes
	ndeferred int

	// The block of up to eight candidates being filled.
	idx    [lanes]int
	lb     [lanes]uint32
	prefix [lanes]uint32
	res    [lanes]float64
	tmp    [32]byte // a candidate near the end of a page, copied
	// pm[s] holds, per lane, the positions of the candidate holding the
	// byte of slot s; x[i] the position matched by a[i], as a bit.
	pm [maxSlots + 2][lanes]uint32
	x  [maxLaneA][lanes]uint32
}

// A lane16Job is one call of the short kernel, which scores candidates of 1
// to 16 bytes sixteen at a time, bit j of a 16-bit lane standing for
// position j of its candidate, and looks the Jaro values up in the pattern's
// jaroTable.
type lane16Job struct {
	pat   *laneData
	k     *laneConsts
	aSlot *uint8
	jaro  *float64
	la    int
	nslot int
	least *byte // as in laneJob

	cands     *string
	n         int
	out       *float64
	deferred  [laneChunk]int32 // candidates left to the caller: empty or over 16 bytes
	ndeferred int

	// The block of up to sixteen candidates being filled.
	idx    [lanes16]int
	lb     [lanes16]uint32
	lb16   [lanes16]uint16
	prefix [lanes16]uint16
	jidx   [lanes16]uint16 // jaroIndex of each lane
	res    [lanes16]float64
	bytes  [lanes16][16]byte // each candidate and garbage after it
	pm     [maxSlots + 1][lanes16]uint16
	x      [maxLaneA][lanes16]uint16
}

// scoreLanes is the batch path with the vector kernels, a chunk at a time:
// the short kernel takes the candidates of up to 16 bytes, nearly all names,
// and hands the others back.
func (p *Pattern) scoreLanes(cands []string, pr pruner, out []float64) {
	if !useShort {
		p.scoreWide(cands, pr, out)
		return
	}
	job := lane16Job{pat: &p.lanes, k: &consts, aSlot: &p.aSlot[0], jaro: &p.jaro[0], la: len(p.a), nslot: p.nslot}
	if pr.least != nil {
		job.least = &pr.least[0][0]
	}
	for len(cands) > 0 {
		n := min(len(cands), laneChunk)
		job.cands, job.n, job.out = unsafe.SliceData(cands), n, unsafe.SliceData(out)
		lanes16AVX2(&job)
		if job.ndeferred > 0 {
			p.scoreDeferred(cands, job.deferred[:job.ndeferred], pr, out)
		}
		cands, out = cands[n:], out[n:]
	}
}

// scoreDeferred scores the candidates the short kernel left: those of 17 to
// 32 bytes in the wide kernel, the others one by one.
func (p *Pattern) scoreDeferred(cands []string, ks []int32, pr pruner, out []float64) {
	var wide [laneChunk]string
	var wideK [laneChunk]int32
	n := 0
	for _, k := range ks {
		b := cands[k]
		if len(b) > short && len(b) <= maxLaneB {
			wide[n], wideK[n] = b, k
			n++
			continue
		}
		out[k] = p.scoreOne(b, pr)
	}
	if n == 0 {
		return
	}
	var res [laneChunk]float64
	p.scoreWide(wide[:n], pr, res[:n])
	for i, k := range wideK[:n] {
		out[k] = res[i]
	}
}

// scoreWide is the batch path with the wide kernel, a chunk at a time.
func (p *Pattern) scoreWide(cands []string, pr pruner, out []float64) {
	job := laneJob{pat: &p.lanes, k: &consts, aSlot: &p.aSlot[0], la: len(p.a), laF: float64(len(p.a)), nslot: p.nslot}
	if pr.least != nil {
		job.least = &pr.least[0][0]
	}
	for len(cands) > 0 {
		n := min(len(cands), laneChunk)
		job.cands, job.n, job.out = unsafe.SliceData(cands), n, unsafe.SliceData(out)
		lanesAVX2(&job)
		for _, k := range job.deferred[:job.ndeferred] {
			out[k] = p.scoreOne(cands[k], pr)
		}
		cands, out = cands[n:], out[n:]
	}
}

// scoreOne is the score of b, or 0 if the pruner drops it.
func (p *Pattern) scoreOne(b string, pr pruner) float64 {
	if len(b) > 0 && len(b) <= 64 && !pr.keep(b) {
		return 0
	}
	return p.Score(b)
}
