package jw

import (
	"syscall"
	"testing"
	"unsafe"
)

// TestScoreBatchPageEnd puts candidates against the end of a page followed by
// an unmapped one: the vector kernel must not read past them.
func TestScoreBatchPageEnd(t *testing.T) {
	size := syscall.Getpagesize()
	names := []string{"watanabe", "horim", "kim", "ri ho rim", "shinichi", "x", "abcdefghijklmnopqrstuvwxyz012345"}
	var cands []string
	for k, n := range names {
		mem, err := syscall.Mmap(-1, 0, 2*size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			t.Skip(err)
		}
		defer syscall.Munmap(mem)
		if err := syscall.Mprotect(mem[size:], syscall.PROT_NONE); err != nil {
			t.Skip(err)
		}
		// The name ends at the page end, or a byte or two before it.
		end := size - k%3
		copy(mem[end-len(n):end], n)
		cands = append(cands, unsafe.String(&mem[end-len(n)], len(n)))
	}
	for _, path := range batchPaths() {
		t.Run(path.name, func(t *testing.T) {
			forcePath(t, path)
			out := make([]float64, len(cands))
			for _, a := range names {
				for _, cutoff := range []float64{0, 0.8} {
					checkBatch(t, a, cands, cutoff, out)
				}
			}
		})
	}
}
