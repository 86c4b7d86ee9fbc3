//go:build !amd64

package jw

// There is no vector kernel beyond amd64 yet: ScoreBatch scores candidates
// one by one.
var useAVX2 = false

func lanesAVX2(job *laneJob) { panic("jw: no vector kernel on this platform") }

func lanes16AVX2(job *lane16Job) { panic("jw: no vector kernel on this platform") }

var useShortScore = false

func matchShortAVX2(p *Pattern, b string) (m, t int) {
	panic("jw: no vector kernel on this platform")
}
