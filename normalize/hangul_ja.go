package normalize

import "math"

// Japanese names written in Hangul.
//
// Korean clerks write Japanese names in Hangul by the Korean orthography of
// Japanese (the South's 1986 loanword rules): the voiceless stops are plain
// at the start of a word and aspirated inside it (다나카), the North writes
// them tense inside a word (다나까, 스즈끼, 사또); the voiced stops are plain
// everywhere (나까다); ん is a final ㄴ, っ a final ㅅ, and long vowels are not
// written. The Japanese reading of such Hangul maps each syllable back to
// the kana sound it stands for and reads the result as romaji, so that its
// key is the key of the romanised name wherever the Hangul keeps the
// information. What it loses it reads by the standard rule: a plain stop
// starts a word voiceless (다 is ta, 고 is ko: Goto reads as "koto"), inside
// a word voiced; 지 starts a word as chi, 주 as ju.

// jaHangulInitial gives, for each initial jamo (Unicode order ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ
// ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ), the romaji consonant at the start of a
// word and inside it. The ㅈ ㅉ ㅊ rows are spelled in Kunrei (z, t) so that
// the vowel picks the kana: ti = ち, tu = つ, tya = ちゃ, zu = ず.
var jaHangulInitial = [19][2]string{
	{"k", "g"}, {"k", "k"}, {"n", "n"}, {"t", "d"}, {"t", "t"}, {"r", "r"}, {"m", "m"},
	{"b", "b"}, {"p", "p"}, {"s", "s"}, {"s", "s"}, {"", ""}, {"z", "z"}, {"t", "t"},
	{"t", "t"}, {"k", "k"}, {"t", "t"}, {"p", "p"}, {"h", "h"},
}

// jaHangulVowel gives the romaji vowel of each vowel jamo the transcription
// uses (ㅏ ㅔ ㅗ ㅜ ㅡ ㅣ ㅑ ㅠ ㅛ ㅘ); "" for the others (ㅓ ㅐ ㅕ ...), which
// only Korean names have.
var jaHangulVowel = [21]string{0: "a", 5: "e", 8: "o", 13: "u", 18: "u", 20: "i", 2: "ya", 17: "yu", 12: "yo", 9: "wa"}

const (
	jamoK    = 0  // ㄱ
	jamoKK   = 1  // ㄲ
	jamoTT   = 4  // ㄸ
	jamoPP   = 8  // ㅃ
	jamoSS   = 10 // ㅆ
	jamoNone = 11 // ㅇ
	jamoJ    = 12 // ㅈ
	jamoJJ   = 13 // ㅉ
	jamoCH   = 14 // ㅊ
	vowelA   = 0  // ㅏ
	vowelO   = 8  // ㅗ
	vowelU   = 13 // ㅜ
	vowelEU  = 18 // ㅡ
	vowelI   = 20 // ㅣ
	vowelWA  = 9  // ㅘ
	finalN   = 4  // ㄴ
	finalS   = 19 // ㅅ
)

// jaHangulSyllable returns the romaji of Hangul syllable r read as a
// transcription of one kana (plus ん or っ as its final), at the start of a
// word or not. ok is false for a syllable the transcription never writes:
// finals other than ㄴ and ㅅ, the vowels ㅓ ㅐ ㅕ ..., ㅡ other than in 스 즈
// 쯔 츠.
func jaHangulSyllable(r rune, initial bool) (cons, vowel string, final int, ok bool) {
	if !isHangulSyllable(r) {
		return "", "", 0, false
	}
	l, v, t := decomposeHangul(r)
	if t != 0 && t != finalN && t != finalS {
		return "", "", 0, false
	}
	vowel = jaHangulVowel[v]
	if vowel == "" || v == vowelWA && l != jamoNone {
		return "", "", 0, false
	}
	pos := 1
	if initial {
		pos = 0
	}
	cons = jaHangulInitial[l][pos]
	switch l {
	case jamoSS:
		if v != vowelEU {
			return "", "", 0, false // ㅆ only writes nothing Japanese
		}
	case jamoJ:
		switch {
		case v == vowelI && initial:
			cons = "t" // 지 starts Chiyoko, Chieko more often than Jiro
		case v == vowelU:
			vowel = "yu" // 주 is じゅ (ず is 즈)
		}
	case jamoJJ, jamoCH:
		switch v {
		case vowelA, vowelO, vowelU:
			vowel = "y" + vowel // 짜 쪼 쭈: ちゃ ちょ ちゅ
		}
	}
	if v == vowelEU {
		switch l {
		case jamoS, jamoSS, jamoJ, jamoJJ, jamoCH:
		default:
			return "", "", 0, false
		}
	}
	return cons, vowel, t, true
}

// appendHangulRomaji appends the romaji of the Hangul word s read as the
// transcription of a Japanese name, or reports false (and appends nothing)
// when some syllable is not one the transcription writes.
func appendHangulRomaji(dst []byte, s string) ([]byte, bool) {
	start := len(dst)
	gem := false // a final ㅅ: double the next consonant
	first := true
	for _, r := range s {
		cons, vowel, final, ok := jaHangulSyllable(r, first)
		if !ok {
			return dst[:start], false
		}
		if gem && cons != "" {
			dst = append(dst, cons[0])
		}
		gem = false
		if !first && cons == "" && len(dst) > start && dst[len(dst)-1] == 'n' {
			dst = append(dst, '\'') // ん before a vowel or y: ken'ichi
		}
		dst = append(dst, cons...)
		dst = append(dst, vowel...)
		switch final {
		case finalN:
			dst = append(dst, 'n')
		case finalS:
			gem = true
		}
		first = false
	}
	return dst, true
}

// hangulJaEvidence scores how well the Hangul tokens of a (family, given)
// split read as a Japanese name, and reports false when they do not read as
// one at all: a token not in Hangul, a syllable the transcription never
// writes, or a one-syllable family name (Korean surnames have one syllable;
// Japanese ones have two or more in Hangul).
func hangulJaEvidence(ff *fieldScratch, ft []token, gf *fieldScratch, gt []token) (float64, bool) {
	var n [2]int
	marked, givenN := false, false
	fields := [2]*fieldScratch{ff, gf}
	for p, toks := range [2][]token{ft, gt} {
		for i := range toks {
			t := &toks[i]
			if t.script != scriptHangul {
				return 0, false
			}
			first := true
			for _, r := range fields[p].text(t) {
				if _, _, final, ok := jaHangulSyllable(r, first); !ok {
					return 0, false
				} else if final == finalS {
					marked = true
				} else if p == 1 && final == finalN {
					givenN = true
				}
				l, v, _ := decomposeHangul(r)
				switch {
				case l == jamoKK || l == jamoTT || l == jamoPP || l == jamoJJ:
					marked = true // tense stops: the North's voiceless ka ta pa
				case v == vowelEU:
					marked = true // 스 즈 쯔 츠
				}
				first = false
				n[p]++
			}
		}
	}
	if len(ft) > 0 && n[0] < 2 {
		return 0, false
	}
	s := 0.0
	switch {
	case n[0] == 3 || n[0] == 4:
		s += 4.5 // Tanaka, Suzuki, Takahashi, Yamamoto
	case n[0] >= 2:
		s += 4
	}
	switch {
	case n[1] == 3:
		s++ // Hiroshi, Tomoko, Kiyoshi
	case n[1] == 2:
		s += 0.5
	case n[1] == 1 && !givenN, n[1] == 4:
		s -= 0.5 // (one syllable with ん is common: Shun, Jun, Ken)
	case n[1] >= 5:
		s--
	}
	if marked {
		s += 2
	}
	return s, true
}

// hangulTranscribable reports whether every rune of s is a Hangul
// syllable the Korean transcription of Japanese writes.
func hangulTranscribable(s string) bool {
	first := true
	for _, r := range s {
		if _, _, _, ok := jaHangulSyllable(r, first); !ok {
			return false
		}
		first = false
	}
	return s != ""
}

// appendHangulJapanese appends the Japanese reading of a (family, given)
// split written in Hangul, when it reads as one, scored prior plus the
// evidence.
func appendHangulJapanese(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, prior float64) []candidate {
	ev, ok := hangulJaEvidence(ff, ft, gf, gt)
	if !ok {
		return out
	}
	out, c := appendCandidate(out)
	c.build(kb, ff, ft, gf, gt, Japanese, false)
	if !c.fi.ok || !c.gi.ok {
		return out[:len(out)-1]
	}
	c.plausible = true
	c.score = prior + ev + hangulJaDictEvidence(c)
	if c.jaKnown() {
		share, _ := jaShareOf(c.key[:c.famLen])
		c.score += 4 + 10*share
	}
	return out
}

// hangulJaDictEvidence scores a Japanese reading of Hangul by the name
// tables: a part read whole is worth its weight as a name, a split the
// weights of its surname and given name (see splitKanaWord), so that
// 카에데 stays Kaede and 다나카히로시 splits as Tanaka Hiroshi.
func hangulJaDictEvidence(c *candidate) float64 {
	k := c.keyBytes()
	if c.famLen == 0 || c.famLen >= len(k) {
		if f := jaNameFreq(k); f != (nameFreq{}) {
			return dictScale*math.Max(f.surnameWeight(), f.givenWeight()) + wholeWordBonus
		}
		return 0
	}
	s := jaNameFreq(k[:c.famLen]).surnameWeight()
	g := jaNameFreq(k[c.famLen+1:]).givenWeight()
	if s == 0 || g == 0 {
		return 0
	}
	return dictScale*(s+g) - splitCost
}
