package normalize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A name field often holds more than one writing of the name: its reading
// in kana beside the kanji (山田太郎（やまだたろう）), the name a Korean in
// Japan used beside their own (Kim Yong-su (Kaneda Tatsuo), 金龍洙【金田龍夫】),
// the name in two scripts (Kim Yongsu 金龍洙), or writings apart by a slash.
// Read as one name, their letters run together and the key matches
// nothing; SplitWritings takes them apart, so that each is read as a name.

// SplitWritings separates the writings a name field holds side by side:
// text in brackets ((), [], （）, ［］, 【】, 〔〕), text after a slash, and a
// name written in Latin letters and again in Hangul, kana or kanji (each
// side two words or two characters at least, so that 山田 Taro stays one
// name). main is the first writing; others are the rest, in the order
// written. A field holding one writing is returned as it is, with nil,
// without allocating.
func SplitWritings(s string) (main string, others []string) {
	marks, scripts := writingMarks(s)
	if !marks {
		if scripts {
			if a, b, ok := scriptHalves(s); ok {
				return a, []string{b}
			}
		}
		return s, nil
	}
	var outside strings.Builder
	depth, open := 0, 0
	for i, r := range s {
		switch {
		case isOpenBracket(r):
			if depth == 0 {
				open = i + utf8.RuneLen(r)
				outside.WriteByte(' ')
			}
			depth++
		case isCloseBracket(r) && depth > 0:
			depth--
			if depth == 0 {
				others = appendWriting(others, s[open:i])
			}
		case depth > 0:
		case r == '/' || r == '／':
			outside.WriteString(" / ")
		default:
			outside.WriteRune(r)
		}
	}
	if depth > 0 { // an unclosed bracket: the rest of the field is its text
		others = appendWriting(others, s[open:])
	}
	var parts []string
	for _, p := range strings.Split(outside.String(), " / ") {
		parts = appendWriting(parts, p)
	}
	if len(parts) == 0 {
		if len(others) == 0 {
			return s, nil
		}
		parts, others = others[:1], others[1:]
	}
	main, rest := parts[0], parts[1:]
	if a, b, ok := scriptHalves(main); ok {
		main, rest = a, append([]string{b}, rest...)
	}
	others = append(rest, others...)
	// what a bracket says about the name rather than of it: a note alone
	// ((故), (f)) is no writing; a label before a name (旧姓 田中, née
	// Tanaka) is dropped
	kept := others[:0]
	for _, o := range others {
		if o = dropLabel(o); o != "" {
			kept = append(kept, o)
		}
	}
	if len(kept) == 0 {
		return main, nil
	}
	return main, kept
}

// noteWords are what a name field may hold about the name rather than
// of it: labels before another name (旧姓 田中, née Tanaka, 通名 金田龍夫)
// and notes on the person ((故), (deceased), (f)).
var noteWords = map[string]bool{
	"旧姓": true, "舊姓": true, "旧名": true, "本名": true, "通名": true, "通称": true, "通稱": true, "別名": true,
	"俗名": true, "본명": true, "이명": true, "별명": true, "통명": true, "창씨명": true, "일본명": true,
	"née": true, "nee": true, "born": true, "aka": true, "a.k.a.": true, "alias": true, "formerly": true,
	"故": true, "亡": true, "死亡": true, "不明": true, "男": true, "女": true, "남": true, "여": true,
	"deceased": true, "dec.": true, "dec": true, "died": true, "unknown": true,
	"m": true, "f": true, "male": true, "female": true,
}

// dropLabel drops the note words at the start of a writing (a label, or
// a note that is the whole writing): what is left, or "".
func dropLabel(w string) string {
	for {
		word, rest, _ := strings.Cut(w, " ")
		if !noteWords[strings.ToLower(strings.TrimRight(word, ":："))] {
			return w
		}
		w = strings.TrimSpace(rest)
	}
}

// writingMarks tells whether s holds a bracket or a slash, and whether it
// holds both Latin letters and Hangul, kana or kanji. Every field of
// every record is asked, and most hold neither: it looks at bytes, not
// runes. The brackets and slash outside ASCII are U+3010 【, U+3014 〔
// (E3 80 90, E3 80 94) and U+FF08 （, U+FF0F ／, U+FF3B ［ (EF BC 88, 8F,
// BB); a lead byte E3 to ED starts kana, kanji or Hangul (and a few
// symbols, which scriptHalves then tells apart).
func writingMarks(s string) (marks, scripts bool) {
	latin, other := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if c == '(' || c == '[' || c == '/' {
				return true, false
			}
			latin = latin || c|0x20 >= 'a' && c|0x20 <= 'z'
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x90 || s[i+2] == 0x94),
			c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x88 || s[i+2] == 0x8F || s[i+2] == 0xBB):
			return true, false
		case c >= 0xE3 && c <= 0xED:
			other = true
		}
	}
	return false, latin && other
}

func isNameScript(r rune) bool {
	return unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Han, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

func isOpenBracket(r rune) bool {
	switch r {
	case '(', '[', '（', '［', '【', '〔':
		return true
	}
	return false
}

func isCloseBracket(r rune) bool {
	switch r {
	case ')', ']', '）', '］', '】', '〕':
		return true
	}
	return false
}

// appendWriting appends w, its spaces made single, when it holds a letter.
func appendWriting(ws []string, w string) []string {
	if strings.IndexFunc(w, unicode.IsLetter) < 0 {
		return ws
	}
	return append(ws, strings.Join(strings.Fields(w), " "))
}

// scriptHalves splits a name written in Latin letters and again in
// another script (Kim Yongsu 김용수, 金龍洙 Kim Yongsu): its words are one
// run of Latin words and one run of words in Hangul, kana or kanji. The
// Latin run needs two words and the other two characters, so that a name
// whose parts are in different scripts (山田 Taro) stays whole.
func scriptHalves(s string) (a, b string, ok bool) {
	words := strings.Fields(s)
	if len(words) < 3 {
		return "", "", false
	}
	latin := make([]bool, len(words))
	for i, w := range words {
		l, other := false, false
		for _, r := range w {
			switch {
			case r < utf8.RuneSelf || unicode.Is(unicode.Latin, r):
				l = l || unicode.IsLetter(r)
			case isNameScript(r):
				other = true
			}
		}
		if l == other { // both, or neither: not a name in two scripts
			return "", "", false
		}
		latin[i] = l
	}
	cut := 0
	for cut < len(words) && latin[cut] == latin[0] {
		cut++
	}
	for _, l := range latin[cut:] {
		if l == latin[0] {
			return "", "", false // more than two runs
		}
	}
	if cut == len(words) {
		return "", "", false
	}
	first, second := words[:cut], words[cut:]
	latinWords, otherWords := first, second
	if !latin[0] {
		latinWords, otherWords = second, first
	}
	if len(latinWords) < 2 || utf8.RuneCountInString(strings.Join(otherWords, "")) < 2 {
		return "", "", false
	}
	return strings.Join(first, " "), strings.Join(second, " "), true
}

// Writing is one writing of a name: its parts (family and given fields),
// or a full name.
type Writing struct{ Family, Given, Full string }

// Writings splits a name given as fields (family and given, or full when
// both are empty, as kinlink reads records) into its first writing and
// the others the fields hold beside it (see SplitWritings). The i-th
// other writing of the family field goes with the i-th of the given
// field, or with the given name itself. others is nil for a name
// written once, and then nothing is allocated.
func Writings(family, given, full string) (main Writing, others []Writing) {
	family, familyOthers := SplitWritings(family)
	given, givenOthers := SplitWritings(given)
	full, fullOthers := SplitWritings(full)
	family, full = dropDeceased(family), dropHonorific(dropDeceased(full))
	if family != "" {
		given = dropHonorific(given)
		if isHonorific(given) {
			given = "" // 金 氏: a woman recorded by her surname alone
		}
	}
	main = Writing{Family: family, Given: given, Full: full}
	if family != "" || given != "" {
		main.Full, fullOthers = "", nil // a full name beside the parts is not read
		for i := range max(len(familyOthers), len(givenOthers)) {
			w := Writing{Family: family, Given: given}
			if i < len(familyOthers) {
				w.Family = familyOthers[i]
			}
			if i < len(givenOthers) {
				w.Given = givenOthers[i]
			}
			others = append(others, w)
		}
	}
	for _, f := range fullOthers {
		others = append(others, Writing{Full: f})
	}
	return main, others
}

// deceasedMarks are written before the name of a dead person (故 金龍洙);
// honorifics after a name, for courtesy or for a woman recorded by her
// surname alone (金氏, 김씨: Mrs Kim).
var (
	deceasedMarks = []string{"故", "亡"}
	honorifics    = []string{"氏", "씨", "様", "殿", "님", "さん"}
)

// dropDeceased drops a deceased mark before a name (故 金龍洙, 故金龍洙,
// 亡 山田太郎) when a name of two characters or more follows.
func dropDeceased(s string) string {
	for _, mark := range deceasedMarks {
		if rest, ok := strings.CutPrefix(s, mark); ok {
			if rest = strings.TrimSpace(rest); utf8.RuneCountInString(rest) >= 2 {
				return rest
			}
		}
	}
	return s
}

// isHonorific reports whether s is an honorific alone.
func isHonorific(s string) bool { return slices.Contains(honorifics, s) }

// dropHonorific drops an honorific written after a name (山田太郎様, 金氏),
// when something is left.
func dropHonorific(s string) string {
	if s == "" || s[len(s)-1] < utf8.RuneSelf {
		return s
	}
	for _, h := range honorifics {
		if rest, ok := strings.CutSuffix(s, h); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// Parse reads the writing as a name: its parts with Parse, or the full
// name with ParseFull.
func (w Writing) Parse(origin Origin) []Name {
	if w.Family != "" || w.Given != "" {
		return Parse(w.Family, w.Given, origin)
	}
	return ParseFull(w.Full, origin)
}
