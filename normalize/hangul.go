package normalize

// KoreanSystem is a way of writing Hangul in Latin letters.
type KoreanSystem uint8

const (
	// RR is the Revised Romanization of Korean (2000).
	RR KoreanSystem = iota
	// MR is McCune–Reischauer with breves (ŏ ŭ) and apostrophes (ch' k' t' p').
	MR
	// MRPlain is MR with breves and apostrophes dropped, as commonly typed.
	MRPlain
	// DPRK is the North Korean system as used in English texts: kh th ph,
	// initial r and n kept, ŏ and ŭ written o and u.
	DPRK
	// Yale is the Yale romanisation used in linguistics.
	Yale
	// ODNI is the US ODNI ICS 630-01 system: o' and u' for ㅓ and ㅡ.
	ODNI
)

var koreanSystemNames = [...]string{"rr", "mr", "mr-plain", "dprk", "yale", "odni"}

// String returns a short lower-case name of the system, such as "mr".
func (s KoreanSystem) String() string {
	if int(s) < len(koreanSystemNames) {
		return koreanSystemNames[s]
	}
	return "korean-system?"
}

// KoreanSystems lists every KoreanSystem, in declaration order.
var KoreanSystems = []KoreanSystem{RR, MR, MRPlain, DPRK, Yale, ODNI}

// Jamo tables, from ko_jamo_romanization_tables.tsv (see data/README.md).
// Initials in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ.
var initialSpelling = [...][19]string{
	RR:      {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"},
	MR:      {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"},
	MRPlain: {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"},
	DPRK:    {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"},
	Yale:    {"k", "kk", "n", "t", "tt", "l", "m", "p", "pp", "s", "ss", "", "c", "cc", "ch", "kh", "th", "ph", "h"},
	ODNI:    {"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"},
}

// Vowels in Unicode order: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ.
var vowelSpelling = [...][21]string{
	RR:      {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"},
	MR:      {"a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"},
	MRPlain: {"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"},
	DPRK:    {"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"},
	Yale:    {"a", "ay", "ya", "yay", "e", "ey", "ye", "yey", "o", "wa", "way", "oy", "yo", "wu", "we", "wey", "wi", "yu", "u", "uy", "i"},
	ODNI:    {"a", "ae", "ya", "yae", "o'", "e", "yo'", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo'", "we", "wi", "yu", "u'", "u'i", "i"},
}

// Finals in Unicode order: (none) ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ.
// RR, MR, DPRK and ODNI write the representative sound (final ㅎ as t);
// Yale writes the letters.
var finalRepresentative = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
var finalYale = [28]string{"", "k", "kk", "ks", "n", "nc", "nh", "t", "l", "lk", "lm", "lp", "ls", "lth", "lph", "lh", "m", "p", "ps", "s", "ss", "ng", "c", "ch", "kh", "th", "ph", "h"}

const (
	hangulBase  = 0xAC00
	hangulLast  = 0xD7A3
	jamoVowelWi = 16 // ㅟ
	jamoS       = 9  // ㅅ
)

// isHangulSyllable reports whether r is a precomposed Hangul syllable.
func isHangulSyllable(r rune) bool { return r >= hangulBase && r <= hangulLast }

// decomposeHangul splits a precomposed syllable into initial (0..18),
// vowel (0..20) and final (0..27) indexes.
func decomposeHangul(r rune) (l, v, t int) {
	s := int(r - hangulBase)
	return s / 588, (s % 588) / 28, s % 28
}

// RomanizeHangul writes each Hangul syllable of hangul in the system sys,
// one lower-case string per syllable, without the sound changes that
// happen across syllables (names are romanised syllable by syllable).
// Runes that are not Hangul syllables are skipped.
func RomanizeHangul(hangul string, sys KoreanSystem) []string {
	if int(sys) >= len(initialSpelling) {
		sys = RR
	}
	var out []string
	for _, r := range hangul {
		if !isHangulSyllable(r) {
			continue
		}
		l, v, t := decomposeHangul(r)
		ini := initialSpelling[sys][l]
		if (sys == MR || sys == MRPlain) && l == jamoS && v == jamoVowelWi {
			ini = "sh" // MR: shwi
		}
		fin := finalRepresentative[t]
		if sys == Yale {
			fin = finalYale[t]
		}
		out = append(out, ini+vowelSpelling[sys][v]+fin)
	}
	return out
}
