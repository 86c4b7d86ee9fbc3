package jw

import "golang.org/x/sys/cpu"

// useAVX2 selects the vector kernels; tests turn it off to check the
// portable path.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasPOPCNT

// lanesAVX2 scores job.n candidates from job.cands into job.out, but for
// those it lists in job.deferred: the wide kernel.
//
//go:noescape
func lanesAVX2(job *laneJob)

// lanes16AVX2 is the same for the short kernel.
//
//go:noescape
func lanes16AVX2(job *lane16Job)
