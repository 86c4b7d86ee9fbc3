package normalize

import "unicode/utf8"

// Korean names written in katakana.
//
// Japanese records write the names of Koreans in Japan in kanji (their
// hanja) or in katakana by the Korean sound: 김영수 as キム・ヨンス, 박순자 as
// パク・スンジャ, 최 as チェ. The usage is settled (newspapers, registers, the
// Korean community's own lists): each Korean syllable is one kana with
// its vowel (small ャュョァィゥェォ for ㅑ ㅠ ㅛ ㅘ ㅟ ㅞ ㅝ), and a final
// consonant is a kana of its own: ン for ㄴ and ㅇ, ム ㅁ, ク ㄱ, ル ㄹ,
// プ ㅂ, ッ ㅅ. Plain and aspirated consonants (ㄱ ㅋ, ㄷ ㅌ, ㅂ ㅍ, ㅈ ㅊ),
// ㅓ and ㅗ, ㅕ and ㅛ, ㅡ and ㅜ are written alike (and ㅢ as ㅣ: ヒ is
// read 희, common in names, not 히); kinlink's Korean keys
// do not tell them apart either. What the kana lose and the keys keep is
// ㄴ against ㅇ (ン) and ㅐ against ㅔ (エ): a surname takes the reading
// that is the most frequent surname (チョン is 정, チェ is 최), a given name
// the usual one (see kanaFinalN), and a second reading takes the other.
//
// kanaHangul transcribes back; the Korean reading of such a name is then
// the reading of its Hangul.

// kanaSyllable is one Korean syllable read from kana: its initial, vowel
// and final jamo indexes (Unicode order), as decomposeHangul gives them.
// n is how many kana write it.
type kanaSyllable struct{ l, v, t, n int8 }

func (s kanaSyllable) rune() rune {
	return hangulBase + rune((int(s.l)*21+int(s.v))*28+int(s.t))
}

// Jamo indexes used below.
const (
	iniG, iniN, iniD, iniR, iniM, iniB, iniS, iniNone, iniJ, iniH                                   = 0, 2, 3, 5, 6, 7, 9, 11, 12, 18
	vA, vAe, vYa, vEo, vE, vYeo, vYe, vO, vWa, vWae, vOe, vYo, vU, vWo, vWe, vWi, vYu, vEu, vUi, vI = 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
	finG, finN, finL, finM, finB, finS, finNg                                                       = 1, 4, 8, 16, 17, 19, 21
)

// kanaCV gives, for each katakana from ア (U+30A2) to ン, the initial and
// vowel of the Korean syllable it writes alone; -1: none (small kana, ヰ,
// ヱ, ン, ッ, and the kana Korean names are not written with).
var kanaCV = func() (t [0x30F4 - 0x30A1][2]int8) {
	for i := range t {
		t[i] = [2]int8{-1, -1}
	}
	set := func(kana string, l int8, vowels [5]int8) {
		i := 0
		for _, r := range kana {
			if vowels[i] >= 0 {
				t[r-0x30A1] = [2]int8{l, vowels[i]}
			}
			i++
		}
	}
	aiueo := [5]int8{vA, vI, vU, vAe, vO}
	set("アイウエオ", iniNone, aiueo)
	set("カキクケコ", iniG, aiueo)
	set("ガギグゲゴ", iniG, aiueo)
	set("サシスセソ", iniS, aiueo)
	set("ザジズゼゾ", iniJ, aiueo)
	set("タチ", iniD, [5]int8{vA, -1, -1, -1, -1})
	t['チ'-0x30A1] = [2]int8{iniJ, vI}
	set("テト", iniD, [5]int8{vAe, vO, -1, -1, -1})
	set("ダヂ", iniD, [5]int8{vA, -1, -1, -1, -1})
	t['ヂ'-0x30A1] = [2]int8{iniJ, vI}
	set("デド", iniD, [5]int8{vAe, vO, -1, -1, -1})
	set("ナニヌネノ", iniN, aiueo)
	set("ハヒフヘホ", iniH, aiueo)
	set("バビブベボ", iniB, aiueo)
	set("パピプペポ", iniB, aiueo)
	set("マミムメモ", iniM, aiueo)
	set("ヤユヨ", iniNone, [5]int8{vYa, vYu, vYo, -1, -1})
	set("ラリルレロ", iniR, aiueo)
	set("ワヲ", iniNone, [5]int8{vWa, vO, -1, -1, -1})
	return t
}()

// kanaFinal gives the final a kana writes after a syllable, or 0.
func kanaFinal(r rune) int8 {
	switch r {
	case 'ン':
		return finN // or ㅇ: see kanaFinalN
	case 'ム':
		return finM
	case 'ク', 'グ':
		return finG
	case 'ル':
		return finL
	case 'プ', 'ブ':
		return finB
	case 'ッ':
		return finS
	}
	return 0
}

// kanaFinalN is the final that ン usually writes in a given name after
// vowel v: ㄴ after ㅣ, ㅜ, ㅡ, ㅠ and ㅝ (민 진 순 준 윤 원), ㅇ after the
// others (영 정 성 상 강 양 황).
func kanaFinalN(v int8) int8 {
	switch v {
	case vI, vU, vEu, vYu, vWo:
		return finN
	}
	return finNg
}

// koSmallVowel gives the vowel that small kana r makes of a syllable whose
// kana alone has vowel v (キ+ョ, ク+ォ, ウ+ィ), or -1.
func koSmallVowel(v int8, r rune) int8 {
	switch v {
	case vI:
		switch r {
		case 'ャ':
			return vYa
		case 'ュ':
			return vYu
		case 'ョ':
			return vYo
		case 'ェ':
			return vAe // チェ, ジェ, シェ
		}
	case vU:
		switch r {
		case 'ァ':
			return vWa
		case 'ィ':
			return vWi
		case 'ェ':
			return vOe
		case 'ォ':
			return vWo
		case 'ゥ':
			return vU // トゥ, ドゥ
		}
	case vO:
		if r == 'ゥ' {
			return vU
		}
	}
	if v == vI && r == 'ィ' {
		return vI
	}
	return -1
}

// toKatakana maps hiragana to katakana; other runes are kept.
func toKatakana(r rune) rune {
	if r >= 'ぁ' && r <= 'ゖ' {
		return r + 0x60
	}
	return r
}

// kanaSyllables reads kana text as the syllables of a Korean name, or
// reports false when it does not read as one (a long-vowel mark, a kana
// no syllable starts with, more kana than a name has). flip reads each ン
// the other way from kanaFinalN.
func kanaSyllables(text string, dst []kanaSyllable, flip bool) ([]kanaSyllable, bool) {
	var buf [16]rune
	rs := buf[:0]
	for _, r := range text {
		if len(rs) == len(buf) {
			return dst, false
		}
		rs = append(rs, toKatakana(r))
	}
	isSmall := func(i int) bool {
		return i < len(rs) && (koSmallVowel(vU, rs[i]) >= 0 || koSmallVowel(vI, rs[i]) >= 0)
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		if r < 0x30A1 || r >= 0x30F4 {
			return dst, false
		}
		cv := kanaCV[r-0x30A1]
		if cv[0] < 0 {
			return dst, false
		}
		s := kanaSyllable{l: cv[0], v: cv[1], n: 1}
		i++
		if i < len(rs) {
			if v := koSmallVowel(s.v, rs[i]); v >= 0 {
				s.v = v
				s.n++
				i++
			}
		}
		switch {
		case s.l == iniH && s.v == vI && s.n == 1:
			s.v = vUi // ヒ: 희, common in names, where 히 is rare
		case s.l == iniJ && (s.v == vYa || s.v == vYu || s.v == vYo):
			s.v = [...]int8{vYa: vA, vYu: vU, vYo: vO}[s.v] // 쟈 is 자
		case s.l == iniNone && r == 'イ' && s.v == vAe:
			s.v = vYe // イェ: 예
		}
		if i < len(rs) && !isSmall(i+1) {
			if f := kanaFinal(rs[i]); f != 0 {
				if f == finN {
					f = kanaFinalN(s.v)
					if flip {
						f = finN + finNg - f
					}
				}
				s.t = f
				s.n++
				i++
			}
		}
		dst = append(dst, s)
	}
	return dst, len(dst) > 0
}

// kanaSurname reads a one-syllable surname written in kana: of the
// syllables the kana may write (plain or aspirated, ㄴ or ㅇ, ㅐ ㅔ or ㅚ,
// ㄹ or none), the one that is the most frequent surname, or false.
func kanaSurname(s kanaSyllable) (rune, bool) {
	var best rune
	bestShare := -1.0
	for _, r := range kanaAlternatives(s) {
		if c := koRune(r); c != nil && c.share > bestShare {
			best, bestShare = r, c.share
		}
	}
	return best, bestShare >= 0
}

// kanaCompoundSurname reads a surname of two syllables written in kana
// (ナムグン 남궁, ファンボ 황보, ソヌ 선우): of the syllables each kana may
// write, the pair that is a compound surname, or false.
func kanaCompoundSurname(a, b kanaSyllable) ([]rune, bool) {
	for _, ra := range kanaAlternatives(a) {
		for _, rb := range kanaAlternatives(b) {
			if koCompoundHangul[string([]rune{ra, rb})] {
				return []rune{ra, rb}, true
			}
		}
	}
	return nil, false
}

// kanaAlternatives are the syllables kana syllable s may write (plain or
// aspirated, ㄴ or ㅇ, the vowels written alike).
func kanaAlternatives(s kanaSyllable) []rune {
	var rs []rune
	for _, l := range kanaInitials(s.l) {
		for _, v := range kanaVowels(s.v) {
			for _, t := range kanaFinals(s.t) {
				rs = append(rs, kanaSyllable{l: l, v: v, t: t}.rune())
			}
		}
	}
	return rs
}

func kanaInitials(l int8) []int8 {
	switch l {
	case iniG:
		return []int8{iniG, 15} // ㅋ
	case iniD:
		return []int8{iniD, 16} // ㅌ
	case iniB:
		return []int8{iniB, 17} // ㅍ
	case iniJ:
		return []int8{iniJ, 14} // ㅊ
	case iniR:
		return []int8{iniR, iniNone, iniN} // 리 이, 라 나
	}
	return []int8{l}
}

func kanaVowels(v int8) []int8 {
	switch v {
	case vAe:
		return []int8{vAe, vE, vOe} // 채 제 최
	case vO:
		return []int8{vO, vEo} // 조 저
	case vU:
		return []int8{vU, vEu}
	case vYo:
		return []int8{vYo, vYeo}
	case vOe:
		return []int8{vOe, vWe, vWae}
	case vWi:
		return []int8{vWi, vUi}
	}
	return []int8{v}
}

func kanaFinals(t int8) []int8 {
	if t == finN || t == finNg {
		return []int8{finN, finNg}
	}
	return []int8{t}
}

// kanaKorean writes a (family, given) split in kana as the Hangul of the
// Korean name it writes (パク・スンジャ as 박 순자), or reports false: the
// family part must read as one syllable that is a Korean surname, the
// given part as one to three syllables (without a family part, only
// when Korean was asked for). flip reads each ン of the given name the
// other way.
func kanaKorean(ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, o Origin, flip bool) (family, given []rune, ok bool) {
	var syl [8]kanaSyllable
	if len(ft) > 0 {
		s, ok := kanaSyllables(partText(ff, ft), syl[:0], false)
		switch {
		case !ok || len(s) > 2:
			return nil, nil, false
		case len(s) == 2:
			if family, ok = kanaCompoundSurname(s[0], s[1]); !ok {
				return nil, nil, false
			}
		default:
			r, ok := kanaSurname(s[0])
			if !ok {
				return nil, nil, false
			}
			family = []rune{r}
		}
	} else if o != Korean {
		return nil, nil, false
	}
	if len(gt) > 0 {
		s, ok := kanaSyllables(partText(gf, gt), syl[:0], flip)
		if !ok || len(s) > 3 {
			return nil, nil, false
		}
		for _, k := range s {
			given = append(given, k.rune())
		}
	}
	return family, given, true
}

// partText is the text of a part's tokens, run together.
func partText(f *fieldScratch, toks []token) string {
	if len(toks) == 1 {
		return f.text(&toks[0])
	}
	return f.clean[toks[0].start:toks[len(toks)-1].end]
}

// kanaHasN reports whether a part in kana holds ン (or ん), which a
// second Korean reading reads the other way.
func kanaHasN(f *fieldScratch, toks []token) bool {
	for _, r := range partText(f, toks) {
		if r == 'ン' || r == 'ん' {
			return true
		}
	}
	return false
}

// compoundSurnameShare stands for the share of a Korean surname of two
// syllables (남궁, 황보 ...: each under 0.1%), which only decides the
// order of readings against Japanese surnames the tables know.
const compoundSurnameShare = 0.0005

// commonGivenWeight is the weight in the name tables (see nameWeight) of
// a Japanese given name common enough to hold a reading in Japanese when
// the surname is also Japanese (タロウ, ジュン).
const commonGivenWeight = 2

// readKana reads a split written in kana alone under origin o (Unknown
// or Korean): the Japanese reading, and the Korean reading when the kana
// write a Korean name (kanaKorean), with a second one that reads the
// given name's ン the other way. The Korean reading comes first when
// Korean was asked for, when the surname is Korean and not one of the
// Japanese surnames the tables know (ホ ジュン is 허준), or when it is
// both, more frequent among Koreans, and the given name is not a common
// Japanese one (イ is 이 for 15% of Koreans, 井 for few Japanese).
func readKana(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, o Origin, prior float64) []candidate {
	out, ja := appendCandidate(out)
	ja.build(kb, ff, ft, gf, gt, Japanese, false)
	ja.plausible = true
	ja.score = prior
	jaShare, jaKnown := jaShareOf(ja.key[:ja.famLen])
	if jaKnown {
		ja.score += 4
	}
	givenJa := len(gt) > 0 && ja.famLen < ja.n && jaNameFreq(ja.key[ja.famLen+1:ja.n]).givenWeight() > commonGivenWeight
	family, given, ok := kanaKorean(ff, ft, gf, gt, o, false)
	if !ok {
		return out
	}
	koShare := 0.0
	switch len(family) {
	case 1:
		koShare = koRune(family[0]).share
	case 2:
		koShare = compoundSurnameShare // no Japanese surname is written so
	}
	// Either way both readings stay (within what sortCandidates keeps),
	// so that a Japanese name with a surname Koreans also bear (アン ナオコ)
	// keeps its Japanese reading.
	score := ja.score - 2
	if o == Korean || koShare > 0 && (!jaKnown || !givenJa && koShare > jaShare) {
		score = ja.score + 3
	}
	if len(gt) > 0 && kanaHasN(gf, gt) {
		if _, flipped, ok := kanaKorean(ff, ft, gf, gt, o, true); ok {
			out = appendHangulKorean(out, kb, family, flipped, score-1)
		}
	}
	return appendHangulKorean(out, kb, family, given, score)
}

// appendHangulKorean appends the Korean reading of a split in kana,
// built from its Hangul (kanaKorean), scored score. (The Korean build
// runs last on the main reading: appendKoReadings follows the last.)
func appendHangulKorean(out []candidate, kb *keyBuf, family, given []rune, score float64) []candidate {
	var hf, hg fieldScratch
	hf.tokenize(string(family))
	hg.tokenize(string(given))
	out, c := appendCandidate(out)
	c.build(kb, &hf, hf.tokens(), &hg, hg.tokens(), Korean, false)
	c.plausible = true
	c.score = score
	return out
}

// kanaKoreanCut is where a Korean name written in kana without a space
// (パクスンジャ) splits: after its first syllable, when that is a Korean
// surname and the rest reads as one to three syllables, or after the
// first two when they are a compound surname (ナムグンミン); the byte
// offset, or false.
func kanaKoreanCut(text string) (int, bool) {
	var syl [8]kanaSyllable
	s, ok := kanaSyllables(text, syl[:0], false)
	if !ok || len(s) < 2 || len(s) > 5 {
		return 0, false
	}
	n := int(s[0].n) // kana of the surname
	if _, ok := kanaCompoundSurname(s[0], s[1]); ok && len(s) >= 3 {
		n += int(s[1].n) // ナムグンミン: 남궁 민
	} else if _, ok := kanaSurname(s[0]); !ok || len(s) > 4 {
		return 0, false
	}
	cut := 0
	for range n {
		_, size := utf8.DecodeRuneInString(text[cut:])
		cut += size
	}
	return cut, true
}
