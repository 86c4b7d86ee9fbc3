package normalize

import "strings"

// Japanese canonical form.
//
// Romaji in any system (Hepburn old and new, passport with or without OH,
// Kunrei, Nihon-shiki, wāpuro) is read mora by mora and written again in
// modified Hepburn without marks, with these folds, which make every
// system's spelling of one kana name give one key:
//   - si→shi ti→chi tu→tsu hu→fu zi/di→ji du→zu, sy/ty/zy/dy/jy/cy → sh/ch/j;
//     wo wi we → o i e; v → b (passports write ヴ as B);
//   - syllabic n: n' and n- and nn before a vowel, m before b/m/p → n, and
//     any run of n is one n (wāpuro shinnichi = Shin'ichi; the price is
//     that かんな and かな meet);
//   - gemination is dropped (Hattori = Hatori, HOTCHI = Hochi): lossy, but
//     Korean-style romanisations (DPRK clerks writing Japanese names from
//     Hangul) double every voiceless stop inside a word (Nakkata, Sujukki,
//     Mijjikko for Nakada, Suzuki, Michiko) whether or not the kana has っ;
//     their ㅉ (jj) is つ before u and ち before other vowels, their final ㅅ
//     (っ) a t before a doubled consonant (Hatttori, Katkka);
//   - ず and じゅ are one (zu): Korean-style romanisation writes both ju;
//   - long vowels disappear: a vowel repeated (oo, uu, ii, aa, ee), ou, and
//     an h or w after a vowel that is not followed by a vowel (Ohno, Katoh,
//     Yuhko, Satow). Doubled vowels that are not long (Inoue, Matsuura,
//     Tadaaki, Niina) lose the vowel too, in every spelling alike.
// ei is kept: every system writes えい as ei.

// jaMora is one mora in canonical form.
type jaMora struct {
	cons  [2]byte // canonical consonant spelling: "", "k", "sh", "ch", "ts", "j", "f", ...; "n" alone for ん
	cn    uint8   // length of cons
	vowel byte    // 0 for ん and っ
	gem   bool    // っ: doubles the next consonant
	pass  bool    // a letter that is not romaji, kept as it is
}

// consMora returns a mora with consonant spelling c (at most two
// letters) and vowel v.
func consMora(c string, v byte) jaMora {
	m := jaMora{vowel: v, cn: uint8(len(c))}
	switch len(c) {
	case 2:
		m.cons[1] = c[1]
		fallthrough
	case 1:
		m.cons[0] = c[0]
	}
	return m
}

// maxJaMorae bounds the morae of one part; longer parts are kept as
// letters (see maxParsedLetters).
const maxJaMorae = 64

// jaParse reads lower-case romaji letters (with ' and - as boundaries
// after n; elsewhere they are ignored) into canonical morae. Letters that
// are not romaji are kept as they are, and ok is false; odd is set for
// letters no system writes but people do (l, c before a vowel), which
// count against a Japanese reading. The morae written by appendJaKey read
// back as themselves, which makes Key idempotent.
func jaParse(b []byte, out []jaMora) (ms []jaMora, ok, odd bool) {
	// drop the markers that do not follow n: they separate nothing. Most
	// words have no byte this pass looks at: they are read as they are.
	k := 0
	for k < len(b) && !jaCleanSpecial[b[k]] {
		k++
	}
	if k == len(b) && k <= maxParsedLetters {
		return jaParseClean(b, out)
	}
	var clean [maxParsedLetters]byte
	cn := copy(clean[:], b[:k])
	for i := k; i < len(b); i++ {
		c := b[i]
		if !jaCleanSpecial[c] {
			// most letters are kept as they are
			if cn < len(clean) {
				clean[cn] = c
				cn++
			}
			continue
		}
		if (c == '\'' || c == '-') && (i == 0 || b[i-1] != 'n') || c >= 0x80 || c == ' ' {
			continue // (bytes of runes that are not kana, left by RomanizeKana)
		}
		if (c == 'y' || c == 'w') && cn > 0 && clean[cn-1] == c {
			continue // yy, ww: one glide
		}
		if c == 't' && cn >= 2 && clean[cn-1] == 't' && clean[cn-2] == 't' {
			continue // Korean-style っ + ㄸ: Hatttori
		}
		if c == 't' && i+2 < len(b) && b[i+1] == b[i+2] && strings.IndexByte("kpsj", b[i+1]) >= 0 {
			continue // Korean-style っ before ㄲ ㅃ ㅆ ㅉ: Katkka
		}
		if c == 'j' && i+2 < len(b) && b[i+1] == 'j' && isVowel(b[i+2]) {
			// Korean-style ㅉ: jju = tsu, jji = chi, jja = cha
			if b[i+2] == 'u' {
				c = 't'
			} else {
				c = 'c'
			}
		} else if c == 'j' && i > 0 && b[i-1] == 'j' && i+1 < len(b) && isVowel(b[i+1]) && cn > 0 && (clean[cn-1] == 't' || clean[cn-1] == 'c') {
			if clean[cn-1] == 't' {
				c = 's'
			} else {
				c = 'h'
			}
		}
		if cn < len(clean) {
			clean[cn] = c
			cn++
		}
	}
	return jaParseClean(clean[:cn], out)
}

// jaParseClean is jaParse of letters its first pass leaves as they are.
func jaParseClean(b []byte, out []jaMora) (ms []jaMora, ok, odd bool) {
	ms, ok = out, true
	n := len(b)
	pass := func(c byte) {
		ms = append(ms, jaMora{cons: [2]byte{c}, cn: 1, pass: true})
		ok = false
	}
	i := 0
	for i < n {
		if len(ms) >= maxJaMorae {
			return ms, false, odd
		}
		c := b[i]
		if c == '\'' || c == '-' {
			i++
			continue
		}
		if isVowel(c) {
			ms = append(ms, jaMora{vowel: c})
			i++
			continue
		}
		// a consonant letter (or sh, ch, ts) and a vowel, the usual mora
		if c >= 'a' && c <= 'z' && i+1 < n {
			if v := jaVowelIndex[b[i+1]]; v > 0 {
				if s := &jaSimpleMorae[c-'a'][v-1]; s.ok {
					ms = append(ms, s.mora)
					odd = odd || s.odd
					i += 2
					continue
				}
			} else if d := jaDigraph(c, b[i+1]); d > 0 && i+2 < n {
				if v := jaVowelIndex[b[i+2]]; v > 0 {
					ms = append(ms, jaDigraphMorae[d-1][v-1])
					i += 3
					continue
				}
			}
		}
		// long-vowel h or w: after a vowel, not before a vowel or y
		if (c == 'h' || c == 'w') && i > 0 && isVowel(b[i-1]) && !isVowel(byteAt(b, i+1)) && byteAt(b, i+1) != 'y' {
			if c == 'h' || b[i-1] == 'o' {
				i++
				continue
			}
		}
		// syllabic n
		if c == 'n' {
			nx := byteAt(b, i+1)
			if nx == 'n' {
				i++ // a run of n is one n
				continue
			}
			if nx == '\'' || nx == '-' || !(isVowel(nx) || nx == 'y') {
				ms = appendSyllabicN(ms)
				i++
				continue
			}
		}
		if c == 'm' && (byteAt(b, i+1) == 'b' || byteAt(b, i+1) == 'p' || byteAt(b, i+1) == 'm' || byteAt(b, i+1) == 'v') {
			ms = appendSyllabicN(ms)
			i++
			continue
		}
		// a consonant written three times or more reads as it does twice
		if byteAt(b, i+1) == c && byteAt(b, i+2) == c && strings.IndexByte("kstpcgzdbfjr", c) >= 0 {
			i++
			continue
		}
		// gemination: a doubled consonant, or t before ch
		if nx := byteAt(b, i+1); (nx == c && c != 'n') || (c == 't' && nx == 'c' && (byteAt(b, i+2) == 'h' || byteAt(b, i+2) == 'y')) || (c == 'c' && nx == 'c' && byteAt(b, i+2) == 'h') {
			// only before a mora that reads (kk ss tt pp cch gg zz dd bb ff jj rr)
			if _, l, _, _ := jaOnset(b[i+1:]); !strings.ContainsRune("kstpcgzdbfjr", rune(c)) || l == 0 || !isVowel(byteAt(b, i+1+l)) {
				pass(c)
				i++
				continue
			}
			ms = append(ms, jaMora{gem: true})
			i++
			continue
		}
		cons, l, y, isOdd := jaOnset(b[i:])
		if l == 0 || !isVowel(byteAt(b, i+l)) {
			pass(c)
			i++
			continue
		}
		odd = odd || isOdd
		i += l
		v := byteAt(b, i)
		i++
		ms = append(ms, consMora(jaFold(cons, y, v), v))
	}
	return ms, ok, odd
}

// jaSimpleMora is the mora a consonant letter and a vowel read as.
type jaSimpleMora struct {
	mora    jaMora
	odd, ok bool
}

// jaSimpleMorae holds the mora of each consonant letter (a to z) followed
// by each vowel (jaVowelIndex), worked out once by the rules of jaParse:
// before a vowel none of its special cases (syllabic n, long-vowel h and
// w, gemination) applies, and jaOnset and jaFold decide. ok is unset for
// the letters jaOnset does not read.
var jaSimpleMorae = func() (t [26][5]jaSimpleMora) {
	for c := byte('a'); c <= 'z'; c++ {
		if isVowel(c) {
			continue
		}
		for k, v := range []byte("aiueo") {
			// jaOnset looks at a third letter only after h or y
			row, l, yoon, odd := jaOnset([]byte{c, v})
			if l == 1 {
				t[c-'a'][k] = jaSimpleMora{consMora(jaFold(row, yoon, v), v), odd, true}
			}
		}
	}
	return
}()

// jaDigraph returns 1, 2 or 3 for the letters sh, ch and ts (their place
// in jaDigraphMorae, plus one), and 0 for any other two.
func jaDigraph(c, d byte) int {
	switch {
	case c == 's' && d == 'h':
		return 1
	case c == 'c' && d == 'h':
		return 2
	case c == 't' && d == 's':
		return 3
	}
	return 0
}

// jaDigraphMorae holds the mora of sh, ch and ts followed by each vowel,
// worked out once by the rules of jaParse as jaSimpleMorae is.
var jaDigraphMorae = func() (t [3][5]jaMora) {
	for d, cons := range []string{"sh", "ch", "ts"} {
		for k, v := range []byte("aiueo") {
			row, l, yoon, odd := jaOnset([]byte{cons[0], cons[1], v})
			if l != 2 || odd {
				panic("normalize: " + cons + " is not a plain onset")
			}
			t[d][k] = consMora(jaFold(row, yoon, v), v)
		}
	}
	return
}()

// jaVowelIndex maps a i u e o to 1 to 5 (their place in jaSimpleMorae,
// plus one) and every other byte to 0.
var jaVowelIndex = [256]uint8{'a': 1, 'i': 2, 'u': 3, 'e': 4, 'o': 5}

// jaCleanSpecial holds the bytes the first pass of jaParse looks at: the
// markers, y and w (a doubled glide), t and j (Korean-style spellings),
// and bytes that are not letters.
var jaCleanSpecial = func() (t [256]bool) {
	for _, c := range []byte("'- ywtj") {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return
}()

// byteAt returns b[i], or 0 past the end of b.
func byteAt(b []byte, i int) byte {
	if i < len(b) {
		return b[i]
	}
	return 0
}

// jaOnset matches the consonant part of a mora at the start of b and
// returns its row (Nihon-shiki-like letters: k s t n h m y r w g z d b p f
// plus "sh", "ch", "j", "ts"), its length, whether it is palatalised, and
// whether the spelling is one no system uses.
func jaOnset(b []byte) (row string, l int, yoon, odd bool) {
	c, c1, c2 := byteAt(b, 0), byteAt(b, 1), byteAt(b, 2)
	switch c {
	case 's':
		if c1 == 'h' {
			if c2 == 'y' {
				return "sh", 3, false, true
			}
			return "sh", 2, false, false
		}
	case 'c':
		if c1 == 'h' {
			if c2 == 'y' {
				return "ch", 3, false, false
			}
			return "ch", 2, false, false
		}
		if c1 == 'y' {
			return "ch", 2, false, false // wāpuro cya
		}
		return "k", 1, false, true
	case 't':
		if c1 == 's' {
			return "ts", 2, false, false
		}
		if c1 == 'h' {
			return "t", 2, false, false // wāpuro thi = ティ
		}
	case 'd':
		if c1 == 'z' {
			return "z", 2, false, false // dzu
		}
		if c1 == 'j' {
			return "j", 2, false, false // dji, dja: ぢ ぢゃ as some write them
		}
		if c1 == 'h' {
			return "d", 2, false, false // wāpuro dhi = ディ
		}
	case 'j':
		if c1 == 'y' {
			return "j", 2, false, false
		}
		return "j", 1, false, false
	case 'f':
		if c1 == 'y' {
			return "f", 2, true, false
		}
		return "f", 1, false, false
	case 'l':
		if c1 == 'y' {
			return "r", 2, true, true
		}
		return "r", 1, false, true
	case 'v':
		if c1 == 'y' {
			return "b", 2, true, false
		}
		return "b", 1, false, false
	case 'y', 'w':
		return string(c), 1, false, false
	case 'k', 'g', 'n', 'h', 'b', 'p', 'm', 'r', 'z':
	default:
		return "", 0, false, false
	}
	row = jaRows[c-'a']
	if row == "" {
		return "", 0, false, false
	}
	if c1 == 'y' {
		return row, 2, true, false
	}
	return row, 1, false, false
}

var jaRows = [26]string{'k' - 'a': "k", 's' - 'a': "s", 't' - 'a': "t", 'n' - 'a': "n", 'h' - 'a': "h", 'm' - 'a': "m",
	'r' - 'a': "r", 'g' - 'a': "g", 'z' - 'a': "z", 'd' - 'a': "d", 'b' - 'a': "b", 'p' - 'a': "p"}

// jaFold returns the canonical consonant spelling of row (+y) before v.
func jaFold(row string, yoon bool, v byte) string {
	switch row {
	case "s", "sh":
		if yoon || row == "sh" || v == 'i' {
			return "sh"
		}
	case "t", "ch":
		if yoon || row == "ch" || v == 'i' {
			return "ch"
		}
		if v == 'u' {
			return "ts"
		}
	case "z", "j", "d":
		if yoon || row == "j" || v == 'i' {
			return "j"
		}
		if v == 'u' {
			return "z"
		}
		return row
	case "ts":
		if v == 'u' {
			return "ts"
		}
		return "ts"
	case "h", "f":
		if row == "f" && yoon && v != 'u' {
			return "fy"
		}
		if v == 'u' || row == "f" {
			return "f"
		}
		if yoon {
			return "hy"
		}
		return "h"
	case "w":
		if v == 'a' {
			return "w"
		}
		return ""
	case "y":
		if v == 'i' {
			return "" // yi is not kana; read as i
		}
		return "y"
	}
	if yoon {
		return row + "y"
	}
	return row
}

// appendJaKey appends the canonical key of the morae ms to dst.
func appendJaKey(dst []byte, ms []jaMora) []byte {
	var last byte // vowel of the last written mora, 0 after ん/っ
	for i, m := range ms {
		switch {
		case m.pass:
			dst = append(dst, m.cons[0])
			last = 0
		case m.gem:
			last = 0 // gemination is not written (see the folds above)
		case m.vowel == 0: // ん
			if i+1 < len(ms) && ms[i+1].cn > 0 && ms[i+1].cons[0] == 'n' && !ms[i+1].pass {
				// ん before an n: one n, as a run of n is (kan'no = kanno)
				last = 0
				continue
			}
			dst = append(dst, 'n')
			last = 0
		case m.cn == 0:
			if last != 0 && (m.vowel == last || (last == 'o' && m.vowel == 'u')) {
				continue // long vowel
			}
			dst = append(dst, m.vowel)
			last = m.vowel
		case m.cn == 1 && m.cons[0] == 'j' && m.vowel == 'u':
			dst = append(dst, "zu"...) // じゅ = ず
			last = m.vowel
		default:
			dst = append(dst, m.cons[0])
			if m.cn == 2 {
				dst = append(dst, m.cons[1])
			}
			dst = append(dst, m.vowel)
			last = m.vowel
		}
	}
	return dst
}

// asciiStrings holds the one-byte strings, so that keeping a letter does
// not allocate.
var asciiStrings = func() (t [128]string) {
	for i := range t {
		t[i] = string(rune(i))
	}
	return
}()

// appendSyllabicN appends ん unless the last mora is one already (a run
// of n, or mm before b, is one ん).
func appendSyllabicN(ms []jaMora) []jaMora {
	if k := len(ms); k > 0 && ms[k-1].vowel == 0 && ms[k-1].cn == 1 && ms[k-1].cons[0] == 'n' && !ms[k-1].pass {
		return ms
	}
	return append(ms, consMora("n", 0))
}

// Passport spellings with OH before a vowel (OHISHI for Ōishi, OHUCHI for
// Ōuchi): the h lengthens the o, but read as romaji it starts a mora (hi,
// fu). Where the h may be that, the reading without it is offered too.

// hasOhVowel reports whether s holds an o, an h and a vowel in a row (in
// either case), where a passport may have written a long o.
func hasOhVowel(s string) bool {
	// from each h (the loop is written so that the compiler drops the
	// bounds checks)
	for i := 1; i < len(s)-1; i++ {
		if s[i]|0x20 != 'h' {
			continue
		}
		if s[i-1]|0x20 == 'o' && isVowel(s[i+1]|0x20) {
			return true
		}
	}
	return false
}

// maxOhDrops bounds the o-h-vowels of a name whose h is dropped in every
// combination (Koho Ohuchi: Koho Ouchi, Koo Ohuchi, Koo Ouchi).
const maxOhDrops = 3

// dropOhVowel returns s without the h of the o-h-vowels whose bits are set
// in which (bit 0: the first one).
func dropOhVowel(s string, which int) string {
	b := make([]byte, 0, len(s))
	k := 0
	for i := 0; i < len(s); i++ {
		if i > 0 && i+1 < len(s) && s[i]|0x20 == 'h' && s[i-1]|0x20 == 'o' && isVowel(s[i+1]|0x20) {
			k++
			if which&(1<<(k-1)) != 0 {
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// addOhVariants adds to kb.extra the Japanese keys of the name read with
// the h of o-h-vowels dropped (see hasOhVowel), in each combination, the
// name as parse reads it with a function of the fields.
func addOhVariants(kb *keyBuf, origin Origin, parse func(drop func(string) string, origin Origin) []Name) {
	if origin == Korean {
		return
	}
	for which := 1; which < 1<<maxOhDrops; which++ {
		for _, n := range parse(func(s string) string { return dropOhVowel(s, which) }, origin) {
			if n.Origin == Japanese {
				kb.extra = append(kb.extra, n.Key)
			}
		}
	}
}

// generationSuffixes are the Roman numerals that follow the names of
// Japanese artists and house heads (Utagawa Hiroshige II, Ichikawa
// Danjūrō XII), upper case as written. I and V are not among them: I is
// a Korean surname (Lee in the South's spelling).
var generationSuffixes = map[string]bool{"II": true, "III": true, "IV": true, "VI": true, "VII": true, "VIII": true, "IX": true, "X": true, "XI": true, "XII": true}

// romanNumeral reports whether s is at most four of the letters I, V and
// X, as every key of generationSuffixes is.
func romanNumeral(s string) bool {
	if len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != 'I' && c != 'V' && c != 'X' {
			return false
		}
	}
	return true
}

// dropGeneration removes a generation suffix (see generationSuffixes)
// that ends a field of more than one word.
func (f *fieldScratch) dropGeneration() {
	if f.nt < 2 {
		return
	}
	// Roman numerals only: most fields are done with at the first letter
	// (upper-case surnames are common, and the map is looked up only for
	// a word of I, V and X)
	if t := &f.toks[f.nt-1]; t.script == scriptLatin && t.upper && romanNumeral(f.text(t)) && generationSuffixes[f.text(t)] {
		f.nt--
	}
}
