package normalize

import (
	"math/rand/v2"
	"testing"
)

// TestStrTable checks each strTable against the map it was built from:
// every key, and strings that are no key (every key's neighbours one
// letter off, cut short or lengthened, and random strings).
func TestStrTable(t *testing.T) {
	classID := func(m map[string]*koClass) map[string]int32 {
		out := map[string]int32{}
		for k, c := range m {
			out[k] = int32(c.id)
		}
		return out
	}
	jaIdx := map[string]int32{}
	for k, share := range tables.jaShare {
		i, ok := tables.jaShareIdx.get(k)
		if !ok || tables.jaShares[i] != share {
			t.Errorf("jaShareIdx %q: %v %v, want share %v", k, i, ok, share)
		}
		jaIdx[k] = i
	}
	surnameRaw := map[string]int32{}
	for k := range koSurnameRaw {
		surnameRaw[k] = 0
	}
	made := map[string]int32{"": 7, "a": 1, "ab": 2, "abcdefgh": 3, "abcdefghi": 4, "abcdefghijklmnop": 5, "abcdefghijklmnopq": 6, "a\x00": 8}
	for name, c := range map[string]struct {
		tab *strTable
		m   map[string]int32
	}{
		"koRawIdx":        {tables.koRawIdx, classID(tables.koByRaw)},
		"koCanonIdx":      {tables.koCanonIdx, classID(tables.koByCanon)},
		"jaShareIdx":      {tables.jaShareIdx, jaIdx},
		"koSurnameRawIdx": {koSurnameRawIdx, surnameRaw},
		"made":            {newStrTable(made, func(_ string, v int32) int32 { return v }), made},
	} {
		probe := func(s string) {
			t.Helper()
			want, wantOK := c.m[s]
			got, ok := c.tab.get(s)
			gotB, okB := c.tab.getBytes([]byte(s))
			if ok != wantOK || ok && got != want || okB != ok || gotB != got {
				t.Fatalf("%s %q: get %v %v, getBytes %v %v; the map has %v %v", name, s, got, ok, gotB, okB, want, wantOK)
			}
		}
		rng := rand.New(rand.NewPCG(3, 4))
		probe("")
		for k := range c.m {
			probe(k)
			for i := 0; i <= len(k); i++ {
				probe(k[:i])
				probe(k[:i] + "x" + k[i:])
				if i < len(k) {
					probe(k[:i] + string(rune('a'+rng.IntN(26))) + k[i+1:])
					probe(k[:i] + k[i+1:])
				}
			}
		}
		for range 20000 {
			b := make([]byte, rng.IntN(20))
			for i := range b {
				b[i] = byte('a' + rng.IntN(26))
			}
			probe(string(b))
		}
	}
}

// TestKoRune checks koRune's table of Hangul syllables against koByRune.
func TestKoRune(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if got, want := koRune(r), tables.koByRune[r]; got != want {
			t.Fatalf("koRune(%q) = %v, koByRune has %v", r, got, want)
		}
	}
}
