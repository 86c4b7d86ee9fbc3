package jw

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/xrash/smetrics"
)

// reference is smetrics.JaroWinkler(a, b, 0.7, 4) with the boost computed
// without fusion. smetrics.Jaro has no multiply-add, so its bits are the same
// on every build; smetrics.JaroWinkler itself is fused on some builds
// (GOAMD64=v3, arm64), and TestSmetricsFusion checks that this is the only
// difference.
func reference(a, b string) float64 {
	j := smetrics.Jaro(a, b)
	if j <= 0.7 {
		return j
	}
	p := 0.0
	for i := 0; i < min(len(a), len(b), 4) && a[i] == b[i]; i++ {
		p++
	}
	return j + float64(0.1*p*(1.0-j))
}

// fused is the boost as a build that fuses it computes it.
func fused(a, b string) float64 {
	j := smetrics.Jaro(a, b)
	if j <= 0.7 {
		return j
	}
	p := 0.0
	for i := 0; i < min(len(a), len(b), 4) && a[i] == b[i]; i++ {
		p++
	}
	return math.FMA(0.1*p, 1.0-j, j)
}

var (
	japanese = strings.Fields("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo ya yu yo ra ri ru re ro wa n ga gi gu ge go za ji zu ze zo da de do ba bi bu be bo pa pi pu pe po kyo sho cho ryu hyo")
	korean   = strings.Fields("kim lee ri park pak choi jung kang cho yoon yun jang lim han oh seo shin kwon hwang ahn song jeon hong go moon yang son bae baek heo yu nam sim noh ha kwak sung cha joo woo koo min ho rim jin young soo hee ji hyun eun kyung seung won")
)

// randomName is a lower-case romanised Japanese or Korean name of at most
// maxLen bytes (at least 2 when maxLen allows), built from syllables.
func randomName(r *rand.Rand, maxLen int) string {
	var sb strings.Builder
	syll := japanese
	parts := 2 + r.IntN(3)
	sep := ""
	if r.IntN(2) == 0 {
		syll = korean
		parts = 1 + r.IntN(3)
		if r.IntN(3) == 0 {
			sep = " "
		}
	}
	for k := 0; k < parts; k++ {
		s := syll[r.IntN(len(syll))]
		add := len(s)
		if k > 0 {
			add += len(sep)
		}
		if sb.Len()+add > maxLen {
			break
		}
		if k > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(s)
	}
	if sb.Len() < 2 && maxLen >= 2 {
		return "ri"
	}
	return sb.String()
}

// mutate applies a few typos to s: substitutions, deletions, insertions and
// swaps of neighbours, as a clerk would.
func mutate(r *rand.Rand, s string, alphabet string) string {
	b := []byte(s)
	for n := r.IntN(4); n > 0; n-- {
		switch k := r.IntN(4); {
		case len(b) == 0:
			b = append(b, alphabet[r.IntN(len(alphabet))])
		case k == 0:
			b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
		case k == 1:
			i := r.IntN(len(b))
			b = append(b[:i], b[i+1:]...)
		case k == 2:
			i := r.IntN(len(b) + 1)
			b = append(b[:i], append([]byte{alphabet[r.IntN(len(alphabet))]}, b[i:]...)...)
		default:
			if len(b) > 1 {
				i := r.IntN(len(b) - 1)
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
	}
	return string(b)
}

// randomBytes is a string of length 0 to maxLen over a random alphabet: tiny
// ones ("ab") stress the greedy matching, full ones include non-ASCII bytes.
func randomBytes(r *rand.Rand, maxLen int) string {
	alphabets := []string{"ab", "abc", "aab", "abcdefgh", "kimnaorsu", "\x00\xff\x80a"}
	n := r.IntN(maxLen + 1)
	b := make([]byte, n)
	k := r.IntN(len(alphabets) + 1)
	for i := range b {
		if k == len(alphabets) {
			b[i] = byte(r.IntN(256))
		} else {
			b[i] = alphabets[k][r.IntN(len(alphabets[k]))]
		}
	}
	return string(b)
}

// corpus returns n pairs: names against names, names against their typos,
// random byte strings against their mutations and against each other, with
// lengths up to 100.
func corpus(seed uint64, n int) [][2]string {
	r := rand.New(rand.NewPCG(seed, 0x6b696e6c696e6b))
	pairs := make([][2]string, 0, n)
	for len(pairs) < n {
		var a, b string
		switch r.IntN(6) {
		case 0:
			a, b = randomName(r, 20), randomName(r, 20)
		case 1:
			a = randomName(r, 20)
			b = mutate(r, a, "aeiounkhrsy ")
		case 2:
			a, b = randomBytes(r, 100), randomBytes(r, 100)
		case 3:
			a = randomBytes(r, 100)
			b = mutate(r, a, "ab\xff")
		case 4:
			a, b = randomBytes(r, 12), randomBytes(r, 12)
		default:
			a = randomName(r, 70) + randomName(r, 40)
			b = mutate(r, a, "aeiou")
		}
		if r.IntN(2) == 0 {
			a, b = b, a
		}
		pairs = append(pairs, [2]string{a, b})
	}
	return pairs
}
