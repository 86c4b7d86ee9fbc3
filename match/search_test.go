package match

import (
	"testing"

	"kinlink/match/jw"
)

func TestKeySim(t *testing.T) {
	cases := []struct {
		a, b string
		want float64 // 0: plain Jaro-Winkler
	}{
		{"kim", "kmi", transposedSim},
		{"ito", "tio", transposedSim},
		{"ko", "ok", transposedSim},
		{"kim", "kim", 1},
		{"kim", "mik", 0},   // two swaps away
		{"kim", "kin", 0},   // a substitution is Jaro-Winkler's business
		{"park", "prak", 0}, // long enough for Jaro-Winkler's window
		{"lee", "ele", transposedSim},
		{"ee", "ee", 1},
	}
	for _, c := range cases {
		want := c.want
		if want == 0 {
			want = jw.Similarity(c.a, c.b)
		}
		if got := keySim(c.a, c.b); got != want {
			t.Errorf("keySim(%q, %q) = %g, want %g", c.a, c.b, got, want)
		}
		if got := keySim(c.b, c.a); got != want {
			t.Errorf("keySim(%q, %q) = %g, want %g (not symmetric)", c.b, c.a, got, want)
		}
	}
	if jw.Similarity("kim", "kmi") >= transposedSim {
		t.Fatal("the case keySim exists for is gone: Jaro-Winkler already scores kim ~ kmi high")
	}
}

// TestLookupAgreesWithKeySim checks that the key cache finds exactly the
// keys of the people sought whose keySim with the looked-up key reaches
// nameCutoff, with that similarity; keys holding code points only when
// identical.
func TestLookupAgreesWithKeySim(t *testing.T) {
	keys := []string{"kim", "ki", "ito", "chio", "lee", "park", "pak", "yi", "iy", "o", "takahashi", "kmi", "im",
		"x135741x30000", "x135742x30000", "x33538", "x135741jon"}
	ix := &index{family: keyTable{id: map[string]int32{}}, given: keyTable{id: map[string]int32{}},
		alias: keyTable{id: map[string]int32{}}}
	for _, cp := range []bool{false, true} {
		for i, k := range keys {
			ix.family.add(k, int32(i), cp)
		}
		if !cp {
			ix.family.jw = len(ix.family.keys)
		}
	}
	s := newSearcher(ix, nil)
	for _, probe := range append(keys, "tio", "mik", "ikm", "ok", "prak", "akp", "x135741x30001", "x13574") {
		got := map[string]float64{}
		for _, h := range s.lookup(probe).family {
			got[ix.family.keys[h.key]] = h.jw
		}
		for _, k := range keys {
			want := keySim(probe, k)
			if want < nameCutoff {
				want = 0
			}
			if codePoints(probe) || codePoints(k) {
				want = identitySim(probe, k)
			}
			if got[k] != want {
				t.Errorf("lookup(%q) gives %q similarity %g, keySim says %g", probe, k, got[k], want)
			}
		}
	}
}
