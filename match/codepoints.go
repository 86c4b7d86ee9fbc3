package match

import (
	"strings"
	"unicode/utf8"

	"kinlink/match/jw"
)

// Names written with characters no table reads.
//
// normalize keeps a kanji or hanja it cannot read (𡈽, outside every
// dictionary and variant table) in the keys as "x" and its decimal code
// point ("x135741x30000" for 𡈽田), and marks the part not readable.
// Such a key says which characters were written, not how they sound: two
// of them agree when they are identical, and tell nothing otherwise
// ("x135741" and "x135742" are different characters, however alike the
// strings look). So a key holding a code point is compared by identity
// only: candidate search finds it by exact look-up, never Jaro-Winkler,
// and such a part agrees exactly or is missing (Model.nameParts).
//
// The other part of such a name may be read (𡈽田 茂: 茂 is Shigeru, and
// normalize offers x135741x30000 shigeru): it is compared as any read
// part is, Jaro-Winkler levels and term frequencies, so 𡈽田 茂 meets
// Tsuchida Shigeru on the given name. prepare marks each reading's parts
// by identity once (reading.identity), and a part not read that lost its
// code point (a reading of a part's letters alone) is dropped; names
// every table reads have no mark, and nameParts scores them as before.

// The bits of reading.identity.
const (
	identityFamily = 1 << iota
	identityGiven
)

// identityParts returns the keys of a reading not read whole, and its
// identity bits: a part holding code points is compared by identity, a
// part read (famRead, givRead) as any, and a part neither is dropped.
func identityParts(family, given string, famRead, givRead bool) (string, string, uint8) {
	var id uint8
	switch {
	case codePoints(family):
		id |= identityFamily
	case !famRead:
		family = ""
	}
	switch {
	case codePoints(given):
		id |= identityGiven
	case !givRead:
		given = ""
	}
	return family, given, id
}

// codePoints reports whether key holds the code point of a character no
// table reads.
func codePoints(key string) bool {
	for i := strings.IndexByte(key, 'x'); i >= 0 && i+1 < len(key); {
		if c := key[i+1]; c >= '0' && c <= '9' {
			return true
		}
		j := strings.IndexByte(key[i+1:], 'x')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// identitySim is the similarity of two keys of which one holds a code
// point: 1 when they are identical, else 0.
func identitySim(a, b string) float64 {
	if a == b {
		return 1
	}
	return 0
}

// writtenKey shows a key with its code points as the characters they
// stand for ("x135741x30000" as "𡈽田"), for explanations.
func writtenKey(key string) string {
	if !codePoints(key) {
		return key
	}
	var b strings.Builder
	for i := 0; i < len(key); {
		j := i + 1
		for j < len(key) && key[j] >= '0' && key[j] <= '9' {
			j++
		}
		if key[i] == 'x' && j-i > 4 && j-i <= 8 { // four to seven digits
			r := rune(0)
			for _, c := range key[i+1 : j] {
				r = r*10 + c - '0'
			}
			if r <= utf8.MaxRune && utf8.ValidRune(r) {
				b.WriteRune(r)
				i = j
				continue
			}
		}
		b.WriteByte(key[i])
		i++
	}
	return b.String()
}

// rowSim is the similarity of two keys told in an output row: their
// Jaro-Winkler similarity, or identitySim for a key holding code points.
func rowSim(a, b string) float64 {
	if codePoints(a) || codePoints(b) {
		return identitySim(a, b)
	}
	return jw.Similarity(a, b)
}
