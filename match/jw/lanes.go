package jw

import "unsafe"

const (
	lanes     = 8   // candidates per vector block
	maxLaneA  = 64  // longest pattern for the vector kernel
	maxLaneB  = 32  // longest candidate: one 32-bit lane of positions
	laneChunk = 256 // candidates per kernel call
)

// laneData is the pattern as the vector kernel reads it (through go_asm.h).
type laneData struct {
	head  [32]byte // the pattern's first bytes, for the common prefix
	setLo [32]byte // byte c with c>>4 < 8 is in the pattern iff setLo[c&15]>>(c>>4)&1
	setHi [32]byte // the same for c>>4 >= 8
	bits  [32]byte // 1<<(k&7): the bit of a high nibble
	c8F   [32]byte // byte masks for the nibble lookups
	c07   [32]byte
	c80   [32]byte
	// The constants of the score, as float64.
	la, tenth, one, three, threshold float64
	// bcast[s-1] is the byte of slot s, 32 times.
	bcast [maxSlots][32]byte
}

func newLaneData(p *Pattern) *laneData {
	d := &laneData{la: float64(len(p.a)), tenth: 0.1, one: 1, three: 3, threshold: boostThreshold}
	copy(d.head[:], p.a)
	for c := range 256 {
		if s := p.slot[c]; s != 0 {
			for k := range 32 {
				d.bcast[s-1][k] = byte(c)
			}
			if c < 128 {
				d.setLo[c&15] |= 1 << (c >> 4)
			} else {
				d.setHi[c&15] |= 1 << (c>>4 - 8)
			}
		}
	}
	copy(d.setLo[16:], d.setLo[:16]) // VPSHUFB looks up each 16-byte half alone
	copy(d.setHi[16:], d.setHi[:16])
	for k := range 32 {
		d.bits[k] = 1 << (k & 7)
		d.c8F[k], d.c07[k], d.c80[k] = 0x8F, 0x07, 0x80
	}
	return d
}

// A laneJob is one call of the vector kernel: a chunk of candidates, where
// the scores go, and the kernel's state and scratch.
type laneJob struct {
	pat   *laneData
	aSlot *uint8
	la    int
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

// scoreLanes is the batch path with the vector kernel, a chunk at a time.
func (p *Pattern) scoreLanes(cands []string, pr pruner, out []float64) {
	job := laneJob{pat: p.lanes, aSlot: &p.aSlot[0], la: len(p.a), nslot: p.nslot}
	if pr.least != nil {
		job.least = &pr.least[0][0]
	}
	for len(cands) > 0 {
		n := min(len(cands), laneChunk)
		job.cands, job.n, job.out = unsafe.SliceData(cands), n, unsafe.SliceData(out)
		lanesAVX2(&job)
		for _, k := range job.deferred[:job.ndeferred] {
			if b := cands[k]; len(b) > 0 && len(b) <= 64 && !pr.keep(b) {
				out[k] = 0
			} else {
				out[k] = p.Score(b)
			}
		}
		cands, out = cands[n:], out[n:]
	}
}
