package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// script of a token.
type script uint8

const (
	scriptLatin script = iota
	scriptKana
	scriptHangul
	scriptHan // kanji or hanja: cannot be read phonetically
)

// token is one word of a name field.
type token struct {
	// lo, hi delimit the token's lower-case ASCII letters (with the
	// markers ' and -) in the scratch buffer; Latin tokens only.
	lo, hi uint16
	// start, end delimit the token's text in the cleaned field (see
	// fieldScratch.text).
	start, end uint16
	script     script
	upper      bool // every letter upper case, at least two letters: "KIM"
	lower      bool // some letter lower case
	comma      bool // a comma (or semicolon) follows the token
	// noYale is set when the letters hold no c, w or y, and so no spelling
	// only Yale writes (see looksYale), and noMarks when they hold no '
	// or -; unset, the letters must be looked at.
	noYale, noMarks bool
}

// bareLetters returns the letters of token t of f without the markers '
// and -, copied into tmp when t has any.
func (f *fieldScratch) bareLetters(t *token, tmp []byte) []byte {
	if t.noMarks {
		return f.lettersOf(t)
	}
	raw := tmp[:0]
	for _, c := range f.lettersOf(t) {
		if c != '\'' && c != '-' {
			raw = append(raw, c)
		}
	}
	return raw
}

const (
	maxTokens  = 12
	maxLetters = 256
)

// fieldScratch holds the tokens of one field without allocating.
type fieldScratch struct {
	letters [maxLetters]byte
	n       int
	toks    [maxTokens]token
	nt      int
	// clean is the field after trimming (and Unicode clean-up for non-ASCII
	// input); token texts are substrings of it.
	clean string
	// marks records diacritics seen before they were removed.
	macron, breve bool
	hadText       bool // the field held something, maybe nothing usable
}

func (f *fieldScratch) tokens() []token { return f.toks[:f.nt] }

// letters of token t.
func (f *fieldScratch) lettersOf(t *token) []byte { return f.letters[t.lo:t.hi] }

// text returns the cleaned text of token t as shown to people (original
// case, NFKC, diacritics kept).
func (f *fieldScratch) text(t *token) string { return f.clean[t.start:t.end] }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// punctMap folds apostrophe and hyphen look-alikes to ASCII before
// normalisation (´ would otherwise decompose into a space and a mark).
func punctMap(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u02BC', '\u02BB', '\u00B4', '\u2032', '\u02B9', '\u0060', '\uFF07', '\u201B', '\u02C8':
		return '\''
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D', '\u30A0', '\u2043':
		return '-'
	case '\u30FB', '\uFF65', '\u00B7', '\u2027', '\u3000':
		return ' '
	}
	return r
}

// isDroppedMark reports whether r is a combining mark to remove:
// diacritics, but not the kana voicing marks.
func isDroppedMark(r rune) bool {
	return unicode.Is(unicode.Mn, r) && r != '\u3099' && r != '\u309A'
}

// cleanUnicode is the clean-up of non-ASCII input: look-alike punctuation
// to ASCII (a byte that is not UTF-8 to U+FFFD), then NFKC (full width to
// half width, half-width kana to full width, kana voicing and Hangul
// syllables composed). Diacritics stay in the cleaned text shown to
// people; the letters used for keys lose them rune by rune (latinBase).
// It allocates only when the text changes.
func cleanUnicode(s string) string {
	mapped := s
	for i, r := range s {
		if m := punctMap(r); m != r || r == utf8.RuneError && !validAt(s, i) {
			mapped = mapPunct(s)
			break
		}
	}
	return norm.NFKC.String(mapped)
}

// validAt reports whether s holds a valid UTF-8 encoding at byte i.
func validAt(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n > 1
}

func mapPunct(s string) string {
	b := make([]byte, 0, len(s)+8)
	for _, r := range s {
		b = utf8.AppendRune(b, punctMap(r)) // an invalid byte ranges as RuneError
	}
	return string(b)
}

// latinBase returns the lower-case ASCII letters of a non-ASCII Latin
// letter with its diacritics removed (ō → "o", ŏ → "o", ß → "ss"), or ""
// when r is not such a letter.
func latinBase(r rune) string {
	lr := unicode.ToLower(r)
	if sp, ok := specialLatin[lr]; ok {
		return sp
	}
	var enc [utf8.UTFMax]byte
	d := decomposition(enc[:0], lr)
	if len(d) > 0 && d[0] >= 'a' && d[0] <= 'z' {
		for _, c := range string(d[1:]) {
			if !isDroppedMark(c) {
				return ""
			}
		}
		return asciiStrings[d[0]]
	}
	return ""
}

// decomposition is the canonical decomposition (NFD) of r, read from the
// normalisation tables without allocating; r itself, encoded in buf, when
// it has none. Not for Hangul syllables, which decompose by rule.
func decomposition(buf []byte, r rune) []byte {
	buf = utf8.AppendRune(buf, r)
	if d := norm.NFD.Properties(buf).Decomposition(); d != nil {
		return d
	}
	return buf
}

// hasMarks reports which long-vowel or breve diacritics s holds, which
// hint at the origin (macron and circumflex: Japanese; breve: Korean MR).
func hasMarks(s string) (macron, breve bool) {
	var enc [utf8.UTFMax]byte
	for _, r := range s {
		// The canonical decomposition of a string is that of its runes,
		// reordered: look at each rune that can carry one of the marks.
		if r < utf8.RuneSelf || isHangulSyllable(r) || isKana(r) {
			continue
		}
		for _, m := range string(decomposition(enc[:0], r)) {
			switch m {
			case '\u0304', '\u0302': // macron, circumflex
				macron = true
			case '\u0306', '\u030C': // breve, caron (a common look-alike)
				breve = true
			}
		}
	}
	return
}

// specialLatin folds Latin letters that do not decompose.
var specialLatin = map[rune]string{'ß': "ss", 'æ': "ae", 'ø': "o", 'ł': "l", 'đ': "d", 'œ': "oe", 'ı': "i", 'ð': "d", 'þ': "th", 'ŋ': "ng"}

func runeScript(r rune) (script, bool) {
	switch {
	case isHangulSyllable(r):
		return scriptHangul, true
	case isKana(r):
		return scriptKana, true
	case unicode.Is(unicode.Han, r) || r == '々' || r == '〆' || r == 'ヶ':
		return scriptHan, true
	}
	return scriptLatin, false
}

// tokenize splits field s into tokens in f. Plain ASCII takes a fast path
// that does not allocate.
func (f *fieldScratch) tokenize(s string) {
	f.n, f.nt = 0, 0
	f.macron, f.breve = false, false
	f.hadText = len(s) > 0
	if len(s) > 4000 {
		s = s[:4000] // offsets are uint16; names are short
	}
	f.clean = s
	if f.scanASCII(s) {
		return
	}
	f.n, f.nt = 0, 0
	f.macron, f.breve = hasMarks(s)
	c := cleanUnicode(s)
	if len(c) > 8000 {
		c = c[:8000]
	}
	f.clean = c
	f.scanLatin(c)
}

// asciiFold maps an ASCII letter to its lower case and a digit to itself;
// every other byte maps to 0.
var asciiFold = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	return
}()

// asciiKind sorts the bytes of a word for scanASCII: upper-case and
// lower-case letters, digits, the letters of Yale-only spellings (see
// looksYale), and l, which ocrEll may turn.
var asciiKind = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = kindLower, kindUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = kindDigit
	}
	for _, c := range "cwyCWY" {
		t[c] |= kindYale
	}
	t['l'] |= kindL
	t['L'] |= kindL
	return
}()

const (
	kindUpper = 1 << iota // first: counted by adding the bit
	kindLower
	kindDigit
	kindYale
	kindL
)

// scanASCII is scanLatin for plain ASCII, without decoding runes: words
// of letters, digits and the markers ' and - (and their look-alikes ` and
// _) between separators. It gives up, reporting false, at the first byte
// that is not ASCII.
func (f *fieldScratch) scanASCII(s string) bool {
	n := f.n // letters buffered
	for i := 0; i < len(s); {
		c := s[i]
		if asciiFold[c] == 0 {
			if c >= utf8.RuneSelf {
				return false
			}
			// a separator, or a marker outside a word
			if (c == ',' || c == ';') && f.nt > 0 {
				f.toks[f.nt-1].comma = true
			}
			i++
			continue
		}
		if f.nt == maxTokens || n >= maxLetters-1 {
			i++
			continue
		}
		lo, start, end := n, i, i
		upper := 0
		var kinds uint8 // the asciiKind bits of the word's bytes
		var marks bool
		for ; i < len(s); i++ {
			c := s[i]
			k := asciiKind[c]
			if k == 0 {
				if c != '\'' && c != '`' && c != '-' && c != '_' {
					break
				}
				// a marker inside a word, never two in a row
				m := byte('-')
				if c == '\'' || c == '`' {
					m = '\''
				}
				if p := f.letters[n-1]; p != '\'' && p != '-' && n < maxLetters {
					f.letters[n] = m
					n++
					marks = true
				}
				continue
			}
			kinds |= k
			upper += int(k & kindUpper)
			if n < maxLetters {
				f.letters[n] = asciiFold[c]
				n++
			}
			end = i + 1
		}
		hi := n
		for marks && hi > lo && (f.letters[hi-1] == '\'' || f.letters[hi-1] == '-') {
			hi--
		}
		// every letter seen is in the buffer unless the buffer filled up
		if kinds&(kindUpper|kindLower) == 0 || n == maxLetters && !hasLetter(f.letters[lo:hi]) {
			continue
		}
		if kinds&kindDigit != 0 {
			ocrDigits(f.letters[lo:hi])
			kinds |= kindL // a 1 may have become an l
		}
		if kinds&kindL != 0 {
			ocrEll(f.letters[lo:hi])
		}
		t := &f.toks[f.nt]
		t.lo, t.hi = uint16(lo), uint16(hi)
		t.start, t.end = uint16(start), uint16(end)
		t.script = scriptLatin
		t.upper = kinds&kindLower == 0 && upper >= 2
		t.lower = kinds&kindLower != 0
		t.comma = false
		t.noYale, t.noMarks = kinds&kindYale == 0, !marks
		f.nt++
	}
	f.n = n
	return true
}

// scanLatin scans s: ASCII bytes go to the letters buffer, runs of kana,
// Hangul or Han become tokens of their own, anything else separates.
func (f *fieldScratch) scanLatin(s string) {
	var cur *token // the Latin token being built
	upperOnly := true
	nUpper := 0
	closeTok := func() {
		if cur == nil {
			return
		}
		// strip trailing markers
		for cur.hi > cur.lo && (f.letters[cur.hi-1] == '\'' || f.letters[cur.hi-1] == '-') {
			cur.hi--
		}
		if !hasLetter(f.letters[cur.lo:cur.hi]) {
			f.nt--
		} else {
			ocrDigits(f.letters[cur.lo:cur.hi])
			ocrEll(f.letters[cur.lo:cur.hi])
			cur.upper = upperOnly && nUpper >= 2
		}
		cur = nil
	}
	start := 0 // byte offset of cur's text in s
	end := 0
	for i := 0; i < len(s); {
		b := s[i]
		var r rune
		size := 1
		if b < utf8.RuneSelf {
			r = rune(b)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var lower byte
		var add string
		switch {
		case r >= 'a' && r <= 'z':
			lower = byte(r)
		case r >= 'A' && r <= 'Z':
			lower = byte(r) + 'a' - 'A'
		case r >= '0' && r <= '9':
			// digits stay inside a word (the hex of unreadable characters
			// in keys); a word of digits alone is dropped
			lower = byte(r)
		case r == '\'' || r == '`' || r == '-' || r == '_':
			if cur != nil && f.n < maxLetters {
				m := byte('-')
				if r == '\'' || r == '`' {
					m = '\''
				}
				if f.letters[f.n-1] != '\'' && f.letters[f.n-1] != '-' {
					f.letters[f.n] = m
					f.n++
					cur.hi++
				}
			}
			i += size
			continue
		case r >= utf8.RuneSelf:
			if sc, ok := runeScript(r); ok {
				closeTok()
				f.scriptRun(s, &i, sc)
				continue
			}
			if isDroppedMark(r) {
				i += size // a mark that did not compose: ignore it
				continue
			}
			if unicode.IsLetter(r) {
				add = latinBase(r)
			}
		}
		if lower == 0 && add == "" {
			// separator
			closeTok()
			if r == ',' || r == ';' {
				if f.nt > 0 {
					f.toks[f.nt-1].comma = true
				}
			}
			i += size
			continue
		}
		if cur == nil {
			if f.nt == maxTokens || f.n >= maxLetters-8 {
				i += size
				continue
			}
			f.toks[f.nt] = token{lo: uint16(f.n), hi: uint16(f.n), script: scriptLatin}
			cur = &f.toks[f.nt]
			f.nt++
			upperOnly, nUpper = true, 0
			start = i
		}
		if unicode.IsUpper(r) {
			nUpper++
		} else if lower > '9' || add != "" {
			upperOnly = false
			cur.lower = true
		}
		if add == "" {
			if f.n < maxLetters {
				f.letters[f.n] = lower
				f.n++
				cur.hi++
			}
		} else {
			for k := 0; k < len(add) && f.n < maxLetters; k++ {
				f.letters[f.n] = add[k]
				f.n++
				cur.hi++
			}
		}
		i += size
		end = i
		cur.start, cur.end = uint16(start), uint16(end)
	}
	closeTok()
}

// scriptRun reads a run of runes of script sc (kana, Hangul or Han, with
// kana and Han mixing freely as they do in Japanese names) starting at *i
// into a new token.
func (f *fieldScratch) scriptRun(s string, i *int, sc script) {
	start := *i
	j := start
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		rs, ok := runeScript(r)
		if !ok {
			break
		}
		if rs != sc {
			// kana and Han in one word (田中さん, 佐々木) stay together
			mixed := (rs == scriptKana || rs == scriptHan) && (sc == scriptKana || sc == scriptHan)
			if !mixed {
				break
			}
			if rs == scriptHan {
				sc = scriptHan
			}
		}
		j += size
	}
	*i = j
	if f.nt == maxTokens {
		return
	}
	f.toks[f.nt] = token{script: sc, start: uint16(start), end: uint16(j)}
	f.nt++
}

// ocrLetter is the letter an OCR engine most often reads as each digit.
var ocrLetter = [10]byte{'o', 'l', 'z', 'e', 'a', 's', 'g', 't', 'b', 'g'}

// ocrDigits turns the stray digits of a word that also holds letters into
// the letters they were misread from (Je0ng-ok → jeong-ok, 5ato → sato):
// names hold no digits. Only runs of one or two digits are turned, and
// never after an "x": the keys of unreadable characters ("x" and a code
// point of four or more digits, see the package doc) stay as they are, so
// keys stay idempotent.
func ocrDigits(b []byte) {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(b); {
		if !isDigit(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isDigit(b[j]) {
			j++
		}
		if j-i <= 2 && (i == 0 || b[i-1] != 'x') {
			for k := i; k < j; k++ {
				b[k] = ocrLetter[b[k]-'0']
			}
		}
		i = j
	}
}

// ocrEll turns an "l" that no romanisation of a Japanese or Korean name
// writes into the "i" an OCR engine misread: an l with no vowel beside it
// (Klm → kim, Mln → min, and alone: l Caycin → i caycin, I being the
// Korean surname Lee in the South's spelling). The ends of the word count
// as no vowel, so that the rule gives the same on a key, where the words
// are joined: an l it leaves keeps its vowel neighbour there.
func ocrEll(b []byte) {
	// neighbours across hyphens and apostrophes, which keys drop
	vowelAt := func(i, step int) bool {
		for i += step; i >= 0 && i < len(b) && (b[i] == '-' || b[i] == '\''); i += step {
		}
		return i >= 0 && i < len(b) && !isConsonant(b[i])
	}
	for i := range b {
		if b[i] == 'l' && !vowelAt(i, -1) && !vowelAt(i, +1) {
			b[i] = 'i'
		}
	}
}

// isConsonant reports whether c is a lower-case consonant letter (y and w
// count as vowels: they glide into one).
func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowel(c) && c != 'y' && c != 'w'
}

func hasLetter(b []byte) bool {
	for _, c := range b {
		if c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}
