package normalize

import "unicode/utf8"

// JapaneseSystem is a way of writing kana in Latin letters.
type JapaneseSystem uint8

const (
	// Hepburn is modified Hepburn with macrons: Ōno, Shin'ichi, Shinbashi.
	Hepburn JapaneseSystem = iota
	// HepburnTraditional writes m before b/m/p and n- before a vowel:
	// Shimbashi, Shin-ichi, Ōno.
	HepburnTraditional
	// HepburnNoMacron is Hepburn with macrons and apostrophes dropped, as
	// commonly typed: Ono, Shinichi.
	HepburnNoMacron
	// Passport is the Japanese passport (MOFA) Hepburn: long vowels
	// unwritten except a final OO and II, M before B/M/P, TCH, no
	// apostrophe: OTA, SHIMBASHI, SHINICHI (returned in lower case).
	Passport
	// PassportOH is the passport option that writes a long O as OH:
	// OHTA, KATOH, OHNO.
	PassportOH
	// Kunrei is Kunrei-shiki (1954) with circumflexes: Ôno, Sin'iti, Tyûô.
	Kunrei
	// NihonShiki is like Kunrei but keeps di, du, dya and wo.
	NihonShiki
	// Wapuro is kana as typed on a keyboard: oono, satou, yuuko,
	// shinnichi for しんいち, a hyphen for ー.
	Wapuro
)

var japaneseSystemNames = [...]string{"hepburn", "hepburn-traditional", "hepburn-nomacron", "passport", "passport-oh", "kunrei", "nihon-shiki", "wapuro"}

// String returns a short lower-case name of the system, such as "kunrei".
func (s JapaneseSystem) String() string {
	if int(s) < len(japaneseSystemNames) {
		return japaneseSystemNames[s]
	}
	return "japanese-system?"
}

// JapaneseSystems lists every JapaneseSystem, in declaration order.
var JapaneseSystems = []JapaneseSystem{Hepburn, HepburnTraditional, HepburnNoMacron, Passport, PassportOH, Kunrei, NihonShiki, Wapuro}

// mora kinds.
const (
	moraCV    = iota // consonant row (maybe empty) + vowel
	moraN            // ん
	moraQ            // っ, doubles the next consonant
	moraLong         // ー or a kana vowel read as lengthening the previous one
	moraOther        // a rune that is not kana, kept as is
)

// mora is one unit of kana. row is the consonant row ("" for the vowel
// row); the rows "f", "ts", "t'", "d'" and "w'" hold loanword kana
// (ファ ツァ ティ ディ ウィ).
type mora struct {
	kind  uint8
	row   string
	yoon  bool // palatalised: きゃ
	vowel byte
	// for moraLong: kanaVowel is the vowel of the kana that was read as
	// lengthening (0 for ー), so wāpuro can write it as typed.
	kanaVowel byte
	other     rune
}

type kanaEntry struct {
	row   string
	vowel byte
}

// hiraganaTable maps hiragana (U+3041..U+3096) to row and vowel. Small kana
// are handled separately.
var hiraganaTable = map[rune]kanaEntry{
	'あ': {"", 'a'}, 'い': {"", 'i'}, 'う': {"", 'u'}, 'え': {"", 'e'}, 'お': {"", 'o'},
	'か': {"k", 'a'}, 'き': {"k", 'i'}, 'く': {"k", 'u'}, 'け': {"k", 'e'}, 'こ': {"k", 'o'},
	'が': {"g", 'a'}, 'ぎ': {"g", 'i'}, 'ぐ': {"g", 'u'}, 'げ': {"g", 'e'}, 'ご': {"g", 'o'},
	'さ': {"s", 'a'}, 'し': {"s", 'i'}, 'す': {"s", 'u'}, 'せ': {"s", 'e'}, 'そ': {"s", 'o'},
	'ざ': {"z", 'a'}, 'じ': {"z", 'i'}, 'ず': {"z", 'u'}, 'ぜ': {"z", 'e'}, 'ぞ': {"z", 'o'},
	'た': {"t", 'a'}, 'ち': {"t", 'i'}, 'つ': {"t", 'u'}, 'て': {"t", 'e'}, 'と': {"t", 'o'},
	'だ': {"d", 'a'}, 'ぢ': {"d", 'i'}, 'づ': {"d", 'u'}, 'で': {"d", 'e'}, 'ど': {"d", 'o'},
	'な': {"n", 'a'}, 'に': {"n", 'i'}, 'ぬ': {"n", 'u'}, 'ね': {"n", 'e'}, 'の': {"n", 'o'},
	'は': {"h", 'a'}, 'ひ': {"h", 'i'}, 'ふ': {"h", 'u'}, 'へ': {"h", 'e'}, 'ほ': {"h", 'o'},
	'ば': {"b", 'a'}, 'び': {"b", 'i'}, 'ぶ': {"b", 'u'}, 'べ': {"b", 'e'}, 'ぼ': {"b", 'o'},
	'ぱ': {"p", 'a'}, 'ぴ': {"p", 'i'}, 'ぷ': {"p", 'u'}, 'ぺ': {"p", 'e'}, 'ぽ': {"p", 'o'},
	'ま': {"m", 'a'}, 'み': {"m", 'i'}, 'む': {"m", 'u'}, 'め': {"m", 'e'}, 'も': {"m", 'o'},
	'や': {"y", 'a'}, 'ゆ': {"y", 'u'}, 'よ': {"y", 'o'},
	'ら': {"r", 'a'}, 'り': {"r", 'i'}, 'る': {"r", 'u'}, 'れ': {"r", 'e'}, 'ろ': {"r", 'o'},
	'わ': {"w", 'a'}, 'ゐ': {"w", 'i'}, 'ゑ': {"w", 'e'}, 'を': {"w", 'o'},
	'ゔ': {"v", 'u'},
	'ゎ': {"w", 'a'},
}

// small vowels and small y-kana.
var smallVowel = map[rune]byte{'ぁ': 'a', 'ぃ': 'i', 'ぅ': 'u', 'ぇ': 'e', 'ぉ': 'o'}
var smallY = map[rune]byte{'ゃ': 'a', 'ゅ': 'u', 'ょ': 'o'}

// hiraganaInfo holds hiraganaTable, smallVowel and smallY as an array by
// code point from U+3040 (ぁ is U+3041), read for every kana of a name
// where the maps would hash each.
var hiraganaInfo = func() (t [0x60]struct {
	entry             kanaEntry
	ok                bool
	smallV, smallYoon byte
}) {
	for r, e := range hiraganaTable {
		t[r-0x3040].entry, t[r-0x3040].ok = e, true
	}
	for r, v := range smallVowel {
		t[r-0x3040].smallV = v
	}
	for r, v := range smallY {
		t[r-0x3040].smallYoon = v
	}
	return
}()

// hiraganaEntry is hiraganaTable[r].
func hiraganaEntry(r rune) (kanaEntry, bool) {
	if r >= 0x3040 && r < 0x30A0 {
		i := &hiraganaInfo[r-0x3040]
		return i.entry, i.ok
	}
	return kanaEntry{}, false
}

// smallVowelOf is smallVowel[r], smallYOf smallY[r].
func smallVowelOf(r rune) byte {
	if r >= 0x3040 && r < 0x30A0 {
		return hiraganaInfo[r-0x3040].smallV
	}
	return 0
}

func smallYOf(r rune) byte {
	if r >= 0x3040 && r < 0x30A0 {
		return hiraganaInfo[r-0x3040].smallYoon
	}
	return 0
}

const (
	katakanaLongMark = 'ー'
	hiraganaIterate  = 'ゝ'
)

// toHiragana maps katakana to hiragana and leaves other runes alone.
func toHiragana(r rune) rune {
	switch {
	case r >= 0x30A1 && r <= 0x30F6:
		return r - 0x60
	case r == 0x30FD: // ヽ
		return hiraganaIterate
	}
	return r
}

// isKana reports whether r is hiragana, katakana or the long-vowel mark.
func isKana(r rune) bool {
	return (r >= 0x3041 && r <= 0x3096) || (r >= 0x309D && r <= 0x309E) ||
		(r >= 0x30A1 && r <= 0x30FA) || (r >= 0x30FC && r <= 0x30FE) ||
		(r >= 0x31F0 && r <= 0x31FF) || (r >= 0xFF66 && r <= 0xFF9F)
}

// splitMorae reads kana into morae, appended to ms.
func splitMorae(ms []mora, kana string) []mora {
	for _, r0 := range kana {
		if r0 >= 0x30F7 && r0 <= 0x30FA { // ヷ ヸ ヹ ヺ
			ms = append(ms, mora{kind: moraCV, row: "v", vowel: "aieo"[r0-0x30F7]})
			continue
		}
		r := toHiragana(r0)
		n := len(ms)
		var prev *mora
		if n > 0 {
			prev = &ms[n-1]
		}
		switch {
		case r == 'ん':
			ms = append(ms, mora{kind: moraN})
		case r == 'っ':
			ms = append(ms, mora{kind: moraQ})
		case r == katakanaLongMark || r == '〜' || r == '～':
			if prev != nil && (prev.kind == moraCV || prev.kind == moraLong) {
				ms = append(ms, mora{kind: moraLong, vowel: prev.vowel})
			}
		case r == hiraganaIterate || r == 'ゞ':
			if prev != nil && prev.kind == moraCV {
				m := *prev
				if r == 'ゞ' {
					m.row = voiced(m.row)
				}
				ms = append(ms, m)
			}
		case smallYOf(r) != 0:
			v := smallYOf(r)
			if prev != nil && prev.kind == moraCV && prev.vowel == 'i' && !prev.yoon && prev.row != "" && prev.row != "y" {
				prev.yoon, prev.vowel = true, v
				if prev.row == "w'" || prev.row == "t'" || prev.row == "d'" {
					prev.row = prev.row[:1]
				}
			} else if prev != nil && prev.kind == moraCV && prev.row == "h" && prev.vowel == 'u' {
				prev.row, prev.yoon, prev.vowel = "f", true, v // フュ
			} else {
				ms = append(ms, mora{kind: moraCV, row: "y", vowel: v})
			}
		case smallVowelOf(r) != 0:
			v := smallVowelOf(r)
			if prev != nil && prev.kind == moraCV && !prev.yoon && combineSmallVowel(prev, v) {
				break
			}
			ms = append(ms, mora{kind: moraCV, vowel: v})
		default:
			if e, ok := hiraganaEntry(r); ok {
				ms = append(ms, mora{kind: moraCV, row: e.row, vowel: e.vowel})
			} else {
				ms = append(ms, mora{kind: moraOther, other: r0})
			}
		}
	}
	markLongVowels(ms)
	return ms
}

// combineSmallVowel merges a small vowel into the loanword mora it forms
// with prev (ファ, ティ, ウィ, シェ ...) and reports whether it did.
func combineSmallVowel(prev *mora, v byte) bool {
	switch {
	case prev.row == "h" && prev.vowel == 'u': // ファ フィ フェ フォ
		prev.row, prev.vowel = "f", v
	case prev.row == "v" && prev.vowel == 'u': // ヴァ
		prev.vowel = v
	case prev.row == "t" && prev.vowel == 'u' && v != 'u': // ツァ
		prev.row, prev.vowel = "ts", v
	case prev.row == "t" && prev.vowel == 'e' && v == 'i': // ティ
		prev.row, prev.vowel = "t'", 'i'
	case prev.row == "d" && prev.vowel == 'e' && v == 'i': // ディ
		prev.row, prev.vowel = "d'", 'i'
	case prev.row == "t" && prev.vowel == 'o' && v == 'u': // トゥ
		prev.row, prev.vowel = "t'", 'u'
	case prev.row == "d" && prev.vowel == 'o' && v == 'u': // ドゥ
		prev.row, prev.vowel = "d'", 'u'
	case prev.row == "" && prev.vowel == 'u' && v != 'u': // ウィ ウェ ウォ
		prev.row, prev.vowel = "w'", v
	case prev.vowel == 'i' && v == 'e' && prev.row != "" && prev.row != "y": // シェ チェ ジェ
		prev.yoon, prev.vowel = true, 'e'
	default:
		return false
	}
	return true
}

func voiced(row string) string {
	switch row {
	case "k":
		return "g"
	case "s":
		return "z"
	case "t":
		return "d"
	case "h":
		return "b"
	}
	return row
}

// markLongVowels turns a vowel-row mora into moraLong where kana spelling
// conventions make it a long vowel: おう and おお (long o), うう (long u),
// but not where a doubled vowel is usually a morpheme boundary:
// いのうえ (Inoue: う before another vowel), まつうら (Matsuura: after つ),
// ただあき (Tadaaki: ああ), いい, えい.
func markLongVowels(ms []mora) {
	for i := 1; i < len(ms); i++ {
		m, p := &ms[i], &ms[i-1]
		if m.kind != moraCV || m.row != "" || (p.kind != moraCV && p.kind != moraLong) {
			continue
		}
		long := false
		switch {
		case p.vowel == 'o' && m.vowel == 'o':
			long = p.kind == moraCV
		case p.vowel == 'o' && m.vowel == 'u':
			long = p.kind == moraCV && !(i+1 < len(ms) && ms[i+1].kind == moraCV && ms[i+1].row == "")
		case p.vowel == 'u' && m.vowel == 'u':
			long = p.kind == moraCV && !(p.row == "t" && !p.yoon)
		}
		if long {
			m.kind, m.kanaVowel = moraLong, m.vowel
			m.vowel = p.vowel
		}
	}
}

// RomanizeKana writes one name part in kana (hiragana or katakana,
// including ー, small っ and yōon) in the romanisation system sys. The
// output is lower case with the system's diacritics and apostrophes.
// Runes that are not kana are copied unchanged.
//
// Long vowels are read from the kana: おう and おお are a long o and うう a
// long u, except where the doubled vowel is usually a morpheme boundary
// (いのうえ Inoue, まつうら Matsuura); ああ, いい and えい are written as
// two vowels in every system. Whether Shin'ichi or Shinichi is meant cannot
// be known without the kana, which is why the apostrophe matters.
func RomanizeKana(kana string, sys JapaneseSystem) string {
	return string(appendKanaRomaji(make([]byte, 0, len(kana)), kana, sys))
}

// appendKanaRomaji appends RomanizeKana(kana, sys) to dst. Names are read
// through it without allocating: the morae of a name fit in a buffer on
// the stack, and each is spelled into dst.
func appendKanaRomaji(dst []byte, kana string, sys JapaneseSystem) []byte {
	var buf [16]mora
	ms := splitMorae(buf[:0], kana)
	start := len(dst)
	for i := range ms {
		m := &ms[i]
		switch m.kind {
		case moraOther:
			dst = utf8.AppendRune(dst, m.other)
		case moraCV:
			dst = appendMora(dst, m, sys)
		case moraN:
			dst = appendN(dst, ms, i, sys)
		case moraQ:
			dst = appendQ(dst, ms, i, sys)
		case moraLong:
			dst = appendLong(dst, start, ms, i, sys)
		}
	}
	return dst
}

// appendMora appends the spelling of one consonant+vowel mora.
func appendMora(dst []byte, m *mora, sys JapaneseSystem) []byte {
	v := m.vowel
	kunrei := sys == Kunrei || sys == NihonShiki
	if m.yoon {
		switch m.row {
		case "s":
			if kunrei {
				return append(append(dst, "sy"...), v)
			}
			return append(append(dst, "sh"...), v)
		case "z":
			if kunrei {
				return append(append(dst, "zy"...), v)
			}
			return append(append(dst, "j"...), v)
		case "t":
			if kunrei {
				return append(append(dst, "ty"...), v)
			}
			return append(append(dst, "ch"...), v)
		case "d":
			switch sys {
			case NihonShiki, Wapuro:
				return append(append(dst, "dy"...), v)
			case Kunrei:
				return append(append(dst, "zy"...), v)
			}
			return append(append(dst, "j"...), v)
		case "v":
			if sys == Passport || sys == PassportOH {
				return append(append(dst, "by"...), v)
			}
		}
		return append(append(dst, m.row...), 'y', v)
	}
	switch m.row {
	case "":
		return append(dst, v)
	case "s":
		if m.vowel == 'i' && !kunrei {
			return append(dst, "shi"...)
		}
	case "z":
		if m.vowel == 'i' && !kunrei {
			return append(dst, "ji"...)
		}
	case "t":
		if !kunrei {
			switch m.vowel {
			case 'i':
				return append(dst, "chi"...)
			case 'u':
				return append(dst, "tsu"...)
			}
		}
	case "d":
		switch m.vowel {
		case 'i':
			switch sys {
			case NihonShiki, Wapuro:
				return append(dst, "di"...)
			case Kunrei:
				return append(dst, "zi"...)
			}
			return append(dst, "ji"...)
		case 'u':
			switch sys {
			case NihonShiki, Wapuro:
				return append(dst, "du"...)
			}
			return append(dst, "zu"...)
		}
	case "h":
		if m.vowel == 'u' && !kunrei {
			return append(dst, "fu"...)
		}
	case "w":
		if m.vowel == 'a' {
			return append(dst, "wa"...)
		}
		switch sys {
		case HepburnTraditional, NihonShiki, Wapuro:
			return append(append(dst, "w"...), v)
		}
		return append(dst, v)
	case "v":
		if sys == Passport || sys == PassportOH {
			return append(append(dst, "b"...), v)
		}
	case "t'":
		if sys == Wapuro {
			return append(append(dst, "th"...), v)
		}
		return append(append(dst, "t"...), v)
	case "d'":
		if sys == Wapuro {
			return append(append(dst, "dh"...), v)
		}
		return append(append(dst, "d"...), v)
	case "w'":
		return append(append(dst, "w"...), v)
	}
	return append(append(dst, m.row...), v)
}

// nextFirst returns the first letter of the spelling of the mora after
// i when that is a consonant+vowel mora, or 0.
func nextFirst(ms []mora, i int, sys JapaneseSystem) byte {
	if i+1 >= len(ms) || ms[i+1].kind != moraCV {
		return 0
	}
	var buf [8]byte
	if sp := appendMora(buf[:0], &ms[i+1], sys); len(sp) > 0 {
		return sp[0]
	}
	return 0
}

func appendN(dst []byte, ms []mora, i int, sys JapaneseSystem) []byte {
	switch c := nextFirst(ms, i, sys); {
	case c == 0:
	case c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o' || c == 'y':
		switch sys {
		case Hepburn, Kunrei, NihonShiki:
			return append(dst, "n'"...)
		case HepburnTraditional:
			return append(dst, "n-"...)
		case Wapuro:
			return append(dst, "nn"...)
		}
	case c == 'b' || c == 'm' || c == 'p':
		switch sys {
		case HepburnTraditional, Passport, PassportOH:
			return append(dst, 'm')
		}
	}
	return append(dst, 'n')
}

func appendQ(dst []byte, ms []mora, i int, sys JapaneseSystem) []byte {
	switch c := nextFirst(ms, i, sys); {
	case c == 0, c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o':
		return dst
	case c == 'c':
		if sys == Wapuro {
			return append(dst, 'c')
		}
		return append(dst, 't') // tch
	default:
		return append(dst, c)
	}
}

var macron = map[byte]string{'a': "ā", 'i': "ī", 'u': "ū", 'e': "ē", 'o': "ō"}
var circumflex = map[byte]string{'a': "â", 'i': "î", 'u': "û", 'e': "ê", 'o': "ô"}

// appendLong writes the lengthening mora i, which follows a mora ending
// in ms[i].vowel: a macron or circumflex replaces the vowel just written
// (after start, where this reading began), or letters are added.
func appendLong(dst []byte, start int, ms []mora, i int, sys JapaneseSystem) []byte {
	v := ms[i].vowel
	final := i == len(ms)-1
	switch sys {
	case Hepburn, HepburnTraditional:
		return replaceLastVowel(dst, start, v, macron[v])
	case Kunrei, NihonShiki:
		return replaceLastVowel(dst, start, v, circumflex[v])
	case HepburnNoMacron:
	case Passport:
		if final && v == 'o' && ms[i].kanaVowel == 'o' {
			return append(dst, 'o') // SENOO
		}
	case PassportOH:
		switch {
		case final && v == 'o' && ms[i].kanaVowel == 'o':
			return append(dst, 'o')
		case v == 'o' && ms[i-1].kind != moraLong && !isVowel(nextFirst(ms, i, sys)):
			return append(dst, 'h') // OHNO, KATOH; not before a vowel, where h would begin a mora
		}
	case Wapuro:
		if ms[i].kanaVowel == 0 {
			return append(dst, '-')
		}
		return append(dst, ms[i].kanaVowel)
	}
	return dst
}

// replaceLastVowel replaces the last byte written after start, which is
// the vowel v, by the accented form acc. Consecutive long marks (ーー)
// leave it alone.
func replaceLastVowel(dst []byte, start int, v byte, acc string) []byte {
	if len(dst) == start || dst[len(dst)-1] != v {
		return dst
	}
	return append(dst[:len(dst)-1], acc...)
}
