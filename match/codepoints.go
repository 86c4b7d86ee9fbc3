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
// point ("x135741x30000" for 𡈽田), and marks the reading not Readable.
// Such a key says which characters were written, not how they sound: two
// of them agree when they are identical, and tell nothing otherwise
// ("x135741" and "x135742" are different characters, however alike the
// strings look). So a key holding a code point is compared by identity
// only: candidate search finds it by exact look-up, never Jaro-Winkler,
// and a reading that is not readable agrees exactly on a name part or
// leaves it missing (Model.nameParts). A part of such a reading that
// holds no code point (a Korean guess for the rest of the name, kana read
// beside the kanji) is not compared at all: prepare drops it.

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

// identityParts scores the name parts of a pair in one order as
// Model.nameParts does, for a pair of which a reading holds characters
// no table reads: a part agrees exactly when its keys are identical
// (similarity 1), weighed by its term frequency like any exact agreement,
// and is missing otherwise. A similarity is 0 where either key is
// missing, so 1 says both are there. Small enough to inline, which keeps
// nameParts free of calls (and of their cost) for readable pairs.
func (m *Model) identityParts(qr *reading, famSim, givSim float64, viaAlias bool) nameScore {
	n := nameScore{family: missing, given: missing}
	if famSim == 1 {
		n.family, n.wFamily = nameExact, qr.exact.family
		if viaAlias {
			n.wFamily = qr.exact.alias
		}
	}
	if givSim == 1 {
		n.given, n.wGiven = nameExact, qr.exact.given
		if famSim == 1 && !viaAlias {
			n.wGiven = qr.exact.both
		}
	}
	return n
}
