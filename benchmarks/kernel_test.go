// Package benchmarks measures kinlink's kernels side by side on realistic
// workloads.
package benchmarks

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xrash/smetrics"

	"kinlink/match/jw"
)

// The Jaro-Winkler workload: 2,000 names sought against 2,000 archive
// names, romanised Japanese and Korean, lower-case ASCII of 2 to 20 bytes,
// generated from syllables with a fixed seed.
var (
	sought  = names(1, 2000)
	archive = names(2, 2000)
)

var (
	japanese = strings.Fields("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo ya yu yo ra ri ru re ro wa n ga gi gu ge go za ji zu ze zo da de do ba bi bu be bo pa pi pu pe po kyo sho cho ryu hyo")
	korean   = strings.Fields("kim lee ri park pak choi jung kang cho yoon yun jang lim han oh seo shin kwon hwang ahn song jeon hong go moon yang son bae baek heo yu nam sim noh ha kwak sung cha joo woo koo min ho rim jin young soo hee ji hyun eun kyung seung won")
)

// names returns n names such as "watanabe", "shinichi", "kim", "ri ho rim".
func names(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 2026))
	out := make([]string, n)
	for i := range out {
		syll, parts, sep := japanese, 2+r.IntN(3), ""
		if r.IntN(2) == 0 {
			syll, parts = korean, 1+r.IntN(3)
			if r.IntN(3) == 0 {
				sep = " "
			}
		}
		var sb strings.Builder
		for k := 0; k < parts; k++ {
			s := syll[r.IntN(len(syll))]
			if k > 0 {
				s = sep + s
			}
			if sb.Len()+len(s) > 20 {
				break
			}
			sb.WriteString(s)
		}
		if sb.Len() < 2 {
			sb.WriteString("ri")
		}
		out[i] = sb.String()
	}
	return out
}

var sink float64

// perPair reports the time per pair: each op is one name sought against the
// whole archive.
func perPair(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(archive)), "ns/pair")
}

func patterns() []*jw.Pattern {
	ps := make([]*jw.Pattern, len(sought))
	for i, a := range sought {
		ps[i] = jw.NewPattern(a)
	}
	return ps
}

func BenchmarkJaroWinkler(b *testing.B) {
	b.Run("smetrics", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			a := sought[i%len(sought)]
			for _, c := range archive {
				sink += smetrics.JaroWinkler(a, c, 0.7, 4)
			}
		}
		perPair(b)
	})
	// match.JaroWinkler forwards to jw.Similarity; calling the kernel
	// package keeps this benchmark free of the pipeline's dependencies.
	b.Run("pairwise", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			a := sought[i%len(sought)]
			for _, c := range archive {
				sink += jw.Similarity(a, c)
			}
		}
		perPair(b)
	})
	b.Run("pattern", func(b *testing.B) {
		ps := patterns()
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			p := ps[i%len(ps)]
			for _, c := range archive {
				sink += p.Score(c)
			}
		}
		perPair(b)
	})
	for _, cutoff := range []float64{0, 0.8} {
		name := "batch/cutoff=0"
		if cutoff > 0 {
			name = "batch/cutoff=0.8"
		}
		b.Run(name, func(b *testing.B) {
			ps := patterns()
			out := make([]float64, len(archive))
			ps[0].ScoreBatch(archive, cutoff, out) // builds the bound's table once
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				ps[i%len(ps)].ScoreBatch(archive, cutoff, out)
			}
			perPair(b)
		})
	}
}

var patternSink *jw.Pattern

// BenchmarkNewPattern is the one-off cost of compiling a name sought. The
// pattern is kept, as the matcher keeps it, so that it goes to the heap.
func BenchmarkNewPattern(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		patternSink = jw.NewPattern(sought[i%len(sought)])
	}
}
