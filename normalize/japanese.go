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
	copy(m.cons[:], c)
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
	ms = out
	ok = true
	isV := func(c byte) bool { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o' }
	// drop the markers that do not follow n: they separate nothing
	var clean [maxParsedLetters]byte
	cn := 0
	for i, c := range b {
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
		if c == 'j' && i+2 < len(b) && b[i+1] == 'j' && isV(b[i+2]) {
			// Korean-style ㅉ: jju = tsu, jji = chi, jja = cha
			if b[i+2] == 'u' {
				c = 't'
			} else {
				c = 'c'
			}
		} else if c == 'j' && i > 0 && b[i-1] == 'j' && i+1 < len(b) && isV(b[i+1]) && cn > 0 && (clean[cn-1] == 't' || clean[cn-1] == 'c') {
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
	b = clean[:cn]
	n := len(b)
	at := func(i int) byte {
		if i < n {
			return b[i]
		}
		return 0
	}
	n = len(b)
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
		if isV(c) {
			ms = append(ms, jaMora{vowel: c})
			i++
			continue
		}
		// long-vowel h or w: after a vowel, not before a vowel or y
		if (c == 'h' || c == 'w') && i > 0 && isV(b[i-1]) && !isV(at(i+1)) && at(i+1) != 'y' {
			if c == 'h' || b[i-1] == 'o' {
				i++
				continue
			}
		}
		// syllabic n
		if c == 'n' {
			nx := at(i + 1)
			if nx == 'n' {
				i++ // a run of n is one n
				continue
			}
			if nx == '\'' || nx == '-' || !(isV(nx) || nx == 'y') {
				ms = appendSyllabicN(ms)
				i++
				continue
			}
		}
		if c == 'm' && (at(i+1) == 'b' || at(i+1) == 'p' || at(i+1) == 'm' || at(i+1) == 'v') {
			ms = appendSyllabicN(ms)
			i++
			continue
		}
		// gemination: a doubled consonant, or t before ch
		if nx := at(i + 1); (nx == c && c != 'n') || (c == 't' && nx == 'c' && (at(i+2) == 'h' || at(i+2) == 'y')) || (c == 'c' && nx == 'c' && at(i+2) == 'h') {
			// only before a mora that reads (kk ss tt pp cch gg zz dd bb ff jj rr)
			if _, l, _, _ := jaOnset(b[i+1:]); !strings.ContainsRune("kstpcgzdbfjr", rune(c)) || l == 0 || !isV(at(i+1+l)) {
				pass(c)
				i++
				continue
			}
			ms = append(ms, jaMora{gem: true})
			i++
			continue
		}
		cons, l, y, isOdd := jaOnset(b[i:])
		if l == 0 || !isV(at(i+l)) {
			pass(c)
			i++
			continue
		}
		odd = odd || isOdd
		i += l
		v := at(i)
		i++
		ms = append(ms, consMora(jaFold(cons, y, v), v))
	}
	return ms, ok, odd
}

// jaOnset matches the consonant part of a mora at the start of b and
// returns its row (Nihon-shiki-like letters: k s t n h m y r w g z d b p f
// plus "sh", "ch", "j", "ts"), its length, whether it is palatalised, and
// whether the spelling is one no system uses.
func jaOnset(b []byte) (row string, l int, yoon, odd bool) {
	at := func(i int) byte {
		if i < len(b) {
			return b[i]
		}
		return 0
	}
	c, c1, c2 := at(0), at(1), at(2)
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
	for _, m := range ms {
		switch {
		case m.pass:
			dst = append(dst, m.cons[:m.cn]...)
			last = 0
		case m.gem:
			last = 0 // gemination is not written (see the folds above)
		case m.vowel == 0: // ん
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
			dst = append(dst, m.cons[:m.cn]...)
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
