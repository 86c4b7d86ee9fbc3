package normalize

import (
	"math"
	"slices"
	"sort"
	"unicode/utf8"
)

// Japanese full names written without a space (もりしたまさ, トミナガココア,
// 田中角栄), and which part of a romanised name is the family name.
//
// A word of kana is read whole (a surname or a given name alone:
// もりもと) and split where it reads as a surname the dictionaries know
// followed by a given name they know (もりした|まさ); the readings are
// ranked by how common the parts are in their roles, and a split must be
// explained twice, so a word the dictionaries know whole stays whole.
// Kanji are split the same way on the written names of the dictionaries
// (田中|角栄), after a common surname also when the given name is not
// one of them (山田|翔琉), and four kanji two and two when nothing else
// splits them there. The name order of a romanised full name (Hiroshi
// Higashiura, KUME YUTAKA) is weighed the same way: how common each word
// is as a surname and as a given name.

// Scales of the dictionary evidence: weights are log(1 + spellings), so
// a common name is worth about 4 to 6.
const (
	dictScale      = 0.8 // one unit of weight, in score
	splitCost      = 3.0 // a split is explained by two names, a whole word by one
	wholeWordBonus = 2.5 // a word known whole beats its splits unless they are common
	maxWordSplits  = 3   // splits of one word offered besides the word whole
	// A split whose given name the dictionaries lack needs a surname of
	// this weight (some ten spellings, or one IPADIC lists), and costs
	// this much.
	unknownGivenSurname = 2.5
	unknownGivenCost    = 1.5
	// The same for kanji: a surname whose likeliest reading weighs this
	// much (Yamada 6.75, Sekiguchi 6.75, Kakuta/Tsunoda 5.75; in the
	// weights of the kanji tables, about log of its spellings).
	unknownGivenKanjiSurname = 5.0
)

// jaOrderEvidence scores the Japanese reading key (family, then given)
// by how much likelier its order is than the reverse, by the name tables:
// positive when the family part is known as a surname and the given part
// as a given name more than the other way round. It is antisymmetric, so
// it moves the order and leaves the origins' balance alone.
func jaOrderEvidence(key []byte, famLen int) float64 {
	if famLen == 0 || famLen >= len(key) {
		return 0
	}
	fam, giv := jaNameFreq(key[:famLen]), jaNameFreq(key[famLen+1:])
	d := (fam.surnameWeight() + giv.givenWeight() - giv.surnameWeight() - fam.givenWeight()) / 2
	return dictScale * math.Max(-4, math.Min(4, d))
}

// kanaSplit is one place to split a word of kana, and its score.
type kanaSplit struct {
	at    int // byte offset in the word
	score float64
	bonus float64 // what the split's reading gains elsewhere (splitBonuses)
}

// splitKanaWord returns the score of kana word w read whole, and the
// splits of w into a known surname and a known given name, best first,
// at most maxWordSplits.
func splitKanaWord(w string) (whole float64, splits []kanaSplit) {
	var kb [32]byte
	wf := jaNameFreq(kanaKey(kb[:0], w))
	if wf != (nameFreq{}) {
		whole = dictScale*math.Max(wf.surnameWeight(), wf.givenWeight()) + wholeWordBonus
	}
	n := utf8.RuneCountInString(w)
	k := -1 // kana before at
	for at, r := range w {
		if k++; k < 2 || n-k < 2 || !kanaStartsPart(r) {
			continue // a part of one kana is rarely a name
		}
		s := jaNameFreq(kanaKey(kb[:0], w[:at])).surnameWeight()
		if s == 0 {
			continue
		}
		g := jaNameFreq(kanaKey(kb[:0], w[at:])).givenWeight()
		if g == 0 {
			if s < unknownGivenSurname {
				continue
			}
			// a common surname and a given name the dictionaries lack
			// (modern given names often are)
			g = -unknownGivenCost / dictScale
		}
		b := splitBonuses(w[:at], w[at:])
		splits = append(splits, kanaSplit{at, dictScale*(s+g) - splitCost - b, b})
	}
	// by their final scores, bonuses included
	sort.SliceStable(splits, func(i, j int) bool { return splits[i].score+splits[i].bonus > splits[j].score+splits[j].bonus })
	if len(splits) > maxWordSplits {
		splits = splits[:maxWordSplits]
	}
	if len(splits) > 0 {
		// the word as written stays a reading (see sortCandidates)
		whole = math.Max(whole, splits[0].score+splits[0].bonus-3)
	}
	return whole, splits
}

// splitBonuses is what a split's reading gains elsewhere (readSplit: a
// surname of the top table; givenShape: the endings and the order
// evidence), which the dictionary weights already count here.
func splitBonuses(fam, giv string) float64 {
	var kb [64]byte
	key := kanaKey(kb[:0], fam)
	fk := key[:len(key):len(key)]
	key = kanaKey(append(key, ' '), giv)
	b := givenShape(key, len(fk), Japanese) + jaOrderEvidence(key, len(fk))
	if _, ok := jaShareOf(fk); ok {
		b += 4
	}
	return b
}

// kanaStartsPart reports whether a name part can start with kana r: not
// with a small kana, ん, っ or the long-vowel mark.
func kanaStartsPart(r rune) bool {
	h := toHiragana(r)
	switch {
	case h == 'ん', h == 'っ', h == 'ー', smallYOf(h) != 0, smallVowelOf(h) != 0:
		return false
	}
	return isKana(r)
}

// kanaKey appends the Japanese key of kana s to dst.
func kanaKey(dst []byte, s string) []byte {
	var rb [maxLetters]byte
	var mora [maxJaMorae]jaMora
	info := partInfo{ok: true}
	return appendJaLetters(dst, &mora, appendKanaRomaji(rb[:0], s, HepburnNoMacron), &info)
}

// splitJapaneseWord offers the readings of a word of kana or kanji (see
// the top of this file) to add, the word's tokens made by sub. It reports
// whether it offered any; a word it cannot read is left to the caller.
func splitJapaneseWord(f *fieldScratch, t *token, origin Origin, add func(ft, gt []token, prior float64), sub func(a, b int) token) bool {
	text := f.text(t)
	whole := []token{*t}
	if t.script == scriptKana {
		w, splits := splitKanaWord(text)
		add(whole, nil, w)
		for _, s := range splits {
			add([]token{sub(0, s.at)}, []token{sub(s.at, len(text))}, s.score)
		}
		return true
	}
	// kanji: the whole word, and splits after a written surname of the
	// dictionary whose rest is a written given name (or one kanji)
	names := jaKanjiNames()
	n := utf8.RuneCountInString(text)
	wholeKnown := len(names.lookup(text)) > 0
	prior := 0.0
	switch {
	case wholeKnown:
		prior = 3 // a split gains up to 2 more from its parts' roles (readKanji)
	case n > 3:
		prior = -1 // four kanji and more: likelier a full name
	}
	add(whole, nil, prior)
	type split struct {
		at    int
		score float64
	}
	var splits []split
	k := 0 // kanji before at
	for at := range text {
		// a name the dictionaries know whole is split only when long
		// enough to be a full name
		if k >= 1 && k <= 4 && n-k <= 4 && (!wholeKnown || n >= 4) {
			fam, giv := names.lookup(text[:at]), names.lookup(text[at:])
			switch {
			case hasRole(fam, roleSurname) && (hasRole(giv, roleGiven) || n-k == 1 && n >= 3):
				// common parts, and the usual lengths (two kanji of
				// surname, one to three of given name)
				sc := 0.2 * (topWeight(fam, roleSurname) + topWeight(giv, roleGiven))
				if k == 2 {
					sc++
				}
				if n-k > 3 {
					sc--
				}
				splits = append(splits, split{at, sc})
			case k <= 3 && n-k >= 2 && n-k <= 3 && topWeight(fam, roleSurname) >= unknownGivenKanjiSurname:
				// a common surname and a given name of two or three
				// kanji the dictionaries lack (modern given names often
				// are), as for kana; its kanji are read one by one
				sc := 0.2*topWeight(fam, roleSurname) - unknownGivenCost
				if k == 2 {
					sc++
				}
				splits = append(splits, split{at, sc})
			}
		}
		k++
	}
	sort.SliceStable(splits, func(i, j int) bool { return splits[i].score > splits[j].score })
	if n == 4 && !wholeKnown && !slices.ContainsFunc(splits, func(s split) bool { return utf8.RuneCountInString(text[:s.at]) == 2 }) {
		// four kanji the tables cannot split there: two and two, the
		// commonest shape of a full name, after the readings they give
		_, a := utf8.DecodeRuneInString(text)
		_, b := utf8.DecodeRuneInString(text[a:])
		splits = append(splits, split{a + b, -2})
	}
	koAt := 0
	if size := koHanjaSurnameLen(text); origin != Japanese && size > 0 && size < len(text) && n >= 2 && n <= 4 {
		// a Korean name in hanja: a surname of one syllable (金大中) or two
		// (南宮檍), most often two of given name
		koAt = size
		prior := 0.0
		if n == 3 {
			prior = 2
		}
		add([]token{sub(0, size)}, []token{sub(size, len(text))}, prior)
	}
	offered := 0
	for _, s := range splits {
		if offered == maxWordSplits {
			break
		}
		if s.at != koAt {
			if koAt > 0 {
				s.score -= 2 // likelier the Korean name
			}
			add([]token{sub(0, s.at)}, []token{sub(s.at, len(text))}, s.score)
			offered++
		}
	}
	return true
}

// topWeight is the weight of the likeliest reading of rs in role, or 0.
func topWeight(rs []dictReading, role uint8) float64 {
	for _, r := range rs {
		if r.roles&role != 0 {
			return r.weight
		}
	}
	return 0
}

// hasRole reports whether some reading of rs is listed in role.
func hasRole(rs []dictReading, role uint8) bool {
	for _, r := range rs {
		if r.roles&role != 0 {
			return true
		}
	}
	return false
}
