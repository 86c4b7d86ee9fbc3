package normalize

// Fast paths of the Japanese reading and of the name order, each against
// the general code or the data it is built from.

import (
	"math/rand/v2"
	"testing"

	"kinlink/internal/fpmath"
)

// TestSuffixSet checks givenShape's suffix sets against testing each
// ending in turn, on every ending with letters before and after it, and
// on random keys.
func TestSuffixSet(t *testing.T) {
	endsInAny := func(b []byte, endings []string) bool {
		for _, e := range endings {
			if len(b) >= len(e) && string(b[len(b)-len(e):]) == e {
				return true
			}
		}
		return false
	}
	sets := []struct {
		set     *suffixSet
		endings []string
	}{
		{givenEndingSet, japaneseGivenEndings},
		{familyEndingSet, japaneseFamilyEndings},
		{givenEndingSetFirst, japaneseGivenEndings[:6]},
		{newSuffixSet([]string{"ab", ""}), []string{"ab", ""}},
	}
	var words []string
	for _, e := range append(japaneseGivenEndings, japaneseFamilyEndings...) {
		words = append(words, e, "a"+e, "x1"+e, e+"a", e[1:], "q"+e[1:])
	}
	rng := rand.New(rand.NewPCG(9, 10))
	const letters = "aeioukgshtnmryjzdbwc1x "
	for range 20000 {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		words = append(words, string(b))
	}
	for _, s := range sets {
		for _, w := range words {
			if got, want := s.set.endsIn([]byte(w)), endsInAny([]byte(w), s.endings); got != want {
				t.Fatalf("endsIn(%q) = %v, want %v (endings %q)", w, got, want, s.endings)
			}
		}
	}
}

// TestNameWeights checks the table of name weights against the function.
func TestNameWeights(t *testing.T) {
	for n := range 1 << 16 {
		if got, want := nameWeight(uint16(n)), fpmath.Log(1+float64(n)/4); got != want {
			t.Fatalf("nameWeight(%d) = %v, want %v", n, got, want)
		}
	}
}

// TestHiraganaInfo checks the array of hiragana against the maps it is
// built from, on every rune to U+FFFF.
func TestHiraganaInfo(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		e, ok := hiraganaEntry(r)
		we, wok := hiraganaTable[r]
		if e != we || ok != wok || smallVowelOf(r) != smallVowel[r] || smallYOf(r) != smallY[r] {
			t.Fatalf("%U: hiraganaEntry %v %v, smallVowelOf %q, smallYOf %q; the maps have %v %v %q %q", r, e, ok, smallVowelOf(r), smallYOf(r), we, wok, smallVowel[r], smallY[r])
		}
	}
}

// TestRomanNumeral checks that every generation suffix passes the quick
// test that guards the map.
func TestRomanNumeral(t *testing.T) {
	for s := range generationSuffixes {
		if !romanNumeral(s) {
			t.Errorf("romanNumeral(%q) = false", s)
		}
	}
}
