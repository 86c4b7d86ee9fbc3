package normalize

import (
	"bytes"
	"testing"
)

// TestKanaNamesKeys checks that the keys stored in the kana name table
// are the keys Key gives now: the table is generated (data/genjanames)
// with the key rules of its day, and a change to the rules must
// regenerate it.
func TestKanaNamesKeys(t *testing.T) {
	b := unzstd(jaKanaNamesZst)
	bad := 0
	for _, off := range dataLines(b) {
		line := b[off:]
		line = line[:bytes.IndexByte(line, '\n')]
		f := bytes.Split(line, []byte{'\t'})
		if len(f) != 5 {
			t.Fatalf("line %q: want 5 fields", line)
		}
		if k := Key(string(f[0]), Japanese); k != string(f[1]) {
			if bad++; bad <= 5 {
				t.Errorf("%s: table key %q, Key gives %q (run go generate ./normalize)", f[0], f[1], k)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d stale keys", bad)
	}
}

func TestNameTables(t *testing.T) {
	names := jaKanjiNames()
	cases := []struct {
		written, reading string
	}{
		{"東浦", "ひがしうら"},
		{"洋", "ひろし"},
		{"裕", "ゆたか"},
		{"佐々木", "ささき"},
	}
	for _, c := range cases {
		found := false
		for _, r := range names.lookup(c.written) {
			found = found || r.kana == c.reading
		}
		if !found {
			t.Errorf("lookup(%s): no reading %s in %v", c.written, c.reading, names.lookup(c.written))
		}
	}
	if rs := names.lookup("亜亜亜亜亜"); rs != nil {
		t.Errorf("lookup of a name no dictionary has: %v", rs)
	}
	// how common a reading is, by role
	for _, c := range []struct {
		key          string
		surnameFirst bool
	}{
		{"hiroshi", false}, {"yutaka", false}, {"higashiura", true}, {"tanaka", true}, {"suzuki", true}, {"hanako", false},
	} {
		f := jaNameFreq([]byte(c.key))
		if (f.surnameWeight() > f.givenWeight()) != c.surnameFirst {
			t.Errorf("%s: surname %.2f, given %.2f", c.key, f.surnameWeight(), f.givenWeight())
		}
	}
}
