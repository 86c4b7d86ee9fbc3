package normalize

import "strings"

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

// splitMorae reads kana into morae.
func splitMorae(kana string) []mora {
	ms := make([]mora, 0, len(kana)/3+1)
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
		case smallY[r] != 0:
			v := smallY[r]
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
		case smallVowel[r] != 0:
			v := smallVowel[r]
			if prev != nil && prev.kind == moraCV && !prev.yoon && combineSmallVowel(prev, v) {
				break
			}
			ms = append(ms, mora{kind: moraCV, vowel: v})
		default:
			if e, ok := hiraganaTable[r]; ok {
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
	ms := splitMorae(kana)
	var b strings.Builder
	b.Grow(len(kana))
	for i := range ms {
		m := &ms[i]
		switch m.kind {
		case moraOther:
			b.WriteRune(m.other)
		case moraCV:
			b.WriteString(spellMora(m, sys))
		case moraN:
			b.WriteString(spellN(ms, i, sys))
		case moraQ:
			b.WriteString(spellQ(ms, i, sys))
		case moraLong:
			writeLong(&b, ms, i, sys)
		}
	}
	return b.String()
}

// spellMora spells one consonant+vowel mora.
func spellMora(m *mora, sys JapaneseSystem) string {
	v := string(m.vowel)
	kunrei := sys == Kunrei || sys == NihonShiki
	if m.yoon {
		switch m.row {
		case "s":
			if kunrei {
				return "sy" + v
			}
			return "sh" + v
		case "z":
			if kunrei {
				return "zy" + v
			}
			return "j" + v
		case "t":
			if kunrei {
				return "ty" + v
			}
			return "ch" + v
		case "d":
			switch sys {
			case NihonShiki, Wapuro:
				return "dy" + v
			case Kunrei:
				return "zy" + v
			}
			return "j" + v
		case "v":
			if sys == Passport || sys == PassportOH {
				return "by" + v
			}
		}
		return m.row + "y" + v
	}
	switch m.row {
	case "":
		return v
	case "s":
		if m.vowel == 'i' && !kunrei {
			return "shi"
		}
	case "z":
		if m.vowel == 'i' && !kunrei {
			return "ji"
		}
	case "t":
		if !kunrei {
			switch m.vowel {
			case 'i':
				return "chi"
			case 'u':
				return "tsu"
			}
		}
	case "d":
		switch m.vowel {
		case 'i':
			switch sys {
			case NihonShiki, Wapuro:
				return "di"
			case Kunrei:
				return "zi"
			}
			return "ji"
		case 'u':
			switch sys {
			case NihonShiki, Wapuro:
				return "du"
			}
			return "zu"
		}
	case "h":
		if m.vowel == 'u' && !kunrei {
			return "fu"
		}
	case "w":
		if m.vowel == 'a' {
			return "wa"
		}
		switch sys {
		case HepburnTraditional, NihonShiki, Wapuro:
			return "w" + v
		}
		return v
	case "v":
		if sys == Passport || sys == PassportOH {
			return "b" + v
		}
	case "t'":
		if sys == Wapuro {
			return "th" + v
		}
		return "t" + v
	case "d'":
		if sys == Wapuro {
			return "dh" + v
		}
		return "d" + v
	case "w'":
		return "w" + v
	}
	return m.row + v
}

// firstLetter returns the first letter of the spelling of mora i, or 0.
func nextSpelling(ms []mora, i int, sys JapaneseSystem) string {
	if i+1 >= len(ms) || ms[i+1].kind != moraCV {
		return ""
	}
	return spellMora(&ms[i+1], sys)
}

func spellN(ms []mora, i int, sys JapaneseSystem) string {
	next := nextSpelling(ms, i, sys)
	if next == "" {
		return "n"
	}
	switch c := next[0]; {
	case c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o' || c == 'y':
		switch sys {
		case Hepburn, Kunrei, NihonShiki:
			return "n'"
		case HepburnTraditional:
			return "n-"
		case Wapuro:
			return "nn"
		}
	case c == 'b' || c == 'm' || c == 'p':
		switch sys {
		case HepburnTraditional, Passport, PassportOH:
			return "m"
		}
	}
	return "n"
}

func spellQ(ms []mora, i int, sys JapaneseSystem) string {
	next := nextSpelling(ms, i, sys)
	if next == "" {
		return ""
	}
	switch c := next[0]; {
	case c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o':
		return ""
	case c == 'c':
		if sys == Wapuro {
			return "c"
		}
		return "t" // tch
	default:
		return string(c)
	}
}

var macron = map[byte]string{'a': "ā", 'i': "ī", 'u': "ū", 'e': "ē", 'o': "ō"}
var circumflex = map[byte]string{'a': "â", 'i': "î", 'u': "û", 'e': "ê", 'o': "ô"}

// writeLong writes the lengthening mora i, which follows a mora ending in
// ms[i].vowel: a macron or circumflex replaces the vowel just written, or
// letters are added.
func writeLong(b *strings.Builder, ms []mora, i int, sys JapaneseSystem) {
	v := ms[i].vowel
	final := i == len(ms)-1
	switch sys {
	case Hepburn, HepburnTraditional:
		replaceLastVowel(b, v, macron[v])
	case Kunrei, NihonShiki:
		replaceLastVowel(b, v, circumflex[v])
	case HepburnNoMacron:
	case Passport:
		if final && v == 'o' && ms[i].kanaVowel == 'o' {
			b.WriteByte('o') // SENOO
		}
	case PassportOH:
		switch {
		case final && v == 'o' && ms[i].kanaVowel == 'o':
			b.WriteByte('o')
		case v == 'o' && ms[i-1].kind != moraLong && !beforeVowel(ms, i, sys):
			b.WriteByte('h') // OHNO, KATOH; not before a vowel, where h would begin a mora
		}
	case Wapuro:
		if ms[i].kanaVowel == 0 {
			b.WriteByte('-')
		} else {
			b.WriteByte(ms[i].kanaVowel)
		}
	}
}

// replaceLastVowel replaces the last byte written, which is the vowel v,
// by the accented form acc. Consecutive long marks (ーー) leave it alone.
func replaceLastVowel(b *strings.Builder, v byte, acc string) {
	s := b.String()
	if len(s) == 0 || s[len(s)-1] != v {
		return
	}
	t := s[:len(s)-1] + acc
	b.Reset()
	b.WriteString(t)
}

// beforeVowel reports whether the mora after i begins with a vowel.
func beforeVowel(ms []mora, i int, sys JapaneseSystem) bool {
	next := nextSpelling(ms, i, sys)
	return next != "" && isVowel(next[0])
}
