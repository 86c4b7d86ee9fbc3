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

// useShortScore selects matchShortAVX2 for Score; useAVX2 turns it off too.
var useShortScore = cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasPOPCNT

// matchShortAVX2 returns the matches and transpositions of the pattern, of
// 1 to 64 bytes, and b, of 1 to 16.
//
//go:noescape
func matchShortAVX2(p *Pattern, b string) (m, t int)
