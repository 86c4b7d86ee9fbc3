package normalize

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Fast paths of the Korean reading, each against the general code.

// TestKoOneSyllable checks the single-syllable path of the segmentation
// (koTables.one) against the dynamic programming alone (segment), with
// the spellings: every initial, vowel and final spelling joined in both
// modes, every string of up to three letters, and random letters.
func TestKoOneSyllable(t *testing.T) {
	var words []string
	for _, ini := range koInitialSpellings {
		for _, v := range koVowelSpellings {
			for _, f := range koFinalSpellings {
				words = append(words, ini.s+v.s+f.s, ini.s+v.s+f.s+"h")
			}
		}
	}
	const letters = "aeiouwyghkndtrlmbpsjczqx1"
	var short func(prefix string, n int)
	short = func(prefix string, n int) {
		words = append(words, prefix)
		if n == 0 {
			return
		}
		for i := range len(letters) {
			short(prefix+letters[i:i+1], n-1)
		}
	}
	short("", 3)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		b := make([]byte, 1+rng.IntN(8))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		words = append(words, string(b))
	}
	ones := 0
	for _, w := range words {
		for mode, yale := range []bool{false, true} {
			var steps [maxKoPiece + 1]koStep
			want, wantSpell, wantOK := koModes[mode].segment([]byte(w), steps[:len(w)+1], nil, []uint8{})
			if len(w) == 0 || len(w) > maxKoPiece {
				continue
			}
			got, gotSpell, gotOK := segmentKoreanSpelled([]byte(w), yale, nil, []uint8{})
			if gotOK != wantOK || !slices.Equal(got, want) || !slices.Equal(gotSpell, wantSpell) {
				t.Fatalf("%q (yale %v): %v %v %v; segment gives %v %v %v", w, yale, got, gotSpell, gotOK, want, wantSpell, wantOK)
			}
			if _, _, ok := koModes[mode].one([]byte(w)); ok {
				ones++
			}
		}
	}
	if ones < len(words)/10 {
		t.Errorf("only %d of %d words read by the single-syllable path", ones, 2*len(words))
	}
}

// TestNextKoWord checks nextKoWord against nextKoPiece on words without
// hyphens and apostrophes, h after vowels and before everything
// included.
func TestNextKoWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const letters = "aeiouhhhywkgnsjc"
	for range 100000 {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		var t1, t2 [maxLetters]byte
		want, wantNext := nextKoPiece(b, 0, t1[:])
		got, gotNext := nextKoWord(b, t2[:])
		if string(got) != string(want) || gotNext != wantNext {
			t.Fatalf("nextKoWord(%q) = %q %d, nextKoPiece %q %d", b, got, gotNext, want, wantNext)
		}
	}
}
