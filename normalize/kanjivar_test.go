package normalize

import (
	"bufio"
	"compress/bzip2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestKanjiVariantReadings(t *testing.T) {
	cases := []struct {
		name    string
		o       Origin
		primary string   // the first reading's key ("": not checked)
		among   []string // keys the readings must offer
		same    string   // the standard writing, whose readings w must share ("": none)
	}{
		// 髙 (hashigo-daka) is 高, 﨑 (tatsu-saki, a compatibility
		// ideograph NFKC keeps) is 崎, 𠮷 (tsuchi-yoshi) is 吉
		{"髙橋 一郎", Japanese, "", []string{"takahashi ichiro"}, "高橋 一郎"},
		{"髙橋 一郎", Unknown, "", []string{"takahashi ichiro"}, "高橋 一郎"},
		{"山﨑 花子", Japanese, "", []string{"yamazaki hanako", "yamasaki hanako"}, "山崎 花子"},
		{"𠮷田 茂", Japanese, "", []string{"yoshida shigeru"}, "吉田 茂"},
		// official traditional forms of names (kJinmeiyoKanji) that the
		// dictionaries lack: 德 徳, 瀨 瀬
		{"德永 瀨里", Japanese, "", []string{"tokunaga seri"}, "徳永 瀬里"},
		// a variant inside a name the dictionaries lack whole: composed
		{"髙木沢", Japanese, "", []string{"takagisawa"}, ""},
		// old forms the dictionaries list as written keep their own
		// readings (齋 is not folded into 斎 or 斉)
		{"齋藤 一郎", Japanese, "saito ichiro", nil, ""},
		{"澤田", Japanese, "sawada", nil, ""},
		// Korean hanja: 髙 reads 고 (the surname Ko), 𠮷 길 (Kil)
		{"髙 明洙", Korean, "ko myongsu", nil, "高 明洙"},
		{"𠮷 東洙", Korean, "kil dongsu", nil, "吉 東洙"},
		{"髙明洙", Unknown, "ko myongsu", nil, ""},
		// a variant of a Korean surname's hanja weighs as the surname
		// does when the origin is unknown
		{"髙 明", Unknown, "", nil, "高 明"},
	}
	for _, c := range cases {
		names := ParseFull(c.name, c.o)
		if !names[0].Readable {
			t.Errorf("%s: not readable (%q)", c.name, names[0].Key)
		}
		if c.primary != "" && names[0].Key != c.primary {
			t.Errorf("%s: primary %q, want %q (%v)", c.name, names[0].Key, c.primary, readingsOf(c.name, c.o))
		}
		all := readingsOf(c.name, c.o)
		for _, k := range c.among {
			if !slices.Contains(all, k) {
				t.Errorf("%s: no reading %q in %v", c.name, k, all)
			}
		}
		if c.same != "" {
			std := ParseFull(c.same, c.o)
			if len(std) != len(names) {
				t.Errorf("%s: %d names, %s %d", c.name, len(names), c.same, len(std))
				continue
			}
			for i := range names {
				if names[i].Key != std[i].Key && !isHexKey(names[i].Key) {
					t.Errorf("%s: name %d %q, %s gives %q", c.name, i, names[i].Key, c.same, std[i].Key)
				}
			}
		}
	}
}

func TestKanjiVariantFold(t *testing.T) {
	cases := []struct {
		r      rune
		ja, ko rune // 0: not folded
	}{
		{'髙', '高', '高'},
		{'﨑', '崎', '崎'},
		{'𠮷', '吉', '吉'},
		{'德', '徳', 0}, // Korean reads 德 itself
		// characters the tables read are never folded, whatever their
		// variants: 澤 沢, 齋 斎 斉, 邊 辺, 廣 広, 嶋 島 are told apart
		{'澤', 0, 0}, {'沢', 0, 0}, {'齋', 0, 0}, {'斎', 0, 0},
		{'邊', 0, 0}, {'辺', 0, 0}, {'廣', 0, 0}, {'嶋', 0, 0}, {'島', 0, 0},
		{'高', 0, 0}, {'崎', 0, 0}, {'埼', 0, 0},
		// 斉, the Japanese standard form, is not in Korean sets: 齊 제
		{'斉', 0, '齊'},
		// kana and Latin letters never reach the table
		{'あ', 0, 0}, {'a', 0, 0},
	}
	for _, c := range cases {
		if got := jaVariant(c.r); got != c.ja {
			t.Errorf("jaVariant(%c) = %q, want %q", c.r, got, c.ja)
		}
		if got := koVariant(c.r); got != c.ko {
			t.Errorf("koVariant(%c) = %q, want %q", c.r, got, c.ko)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"髙橋", "高橋"},
		{"山﨑", "山崎"},
		{"髙﨑𠮷", "高崎吉"},
		{"齋藤", ""}, // unchanged
		{"たかはし", ""},
	} {
		got, ok := foldJaVariants(c.in)
		if ok != (c.want != "") || ok && got != c.want || !ok && got != c.in {
			t.Errorf("foldJaVariants(%s) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// TestKanjiVariantTable checks the generated table against the rules of
// its generator (data/genkanjivar): a variant is folded only for a table
// that does not read it, into a character that table reads, never into
// another variant; NFC leaves every variant as it is (the others never
// reach it); and, when Unihan is installed, Unihan relates each variant
// to its target in one step or two.
func TestKanjiVariantTable(t *testing.T) {
	v := hanVariants()
	if len(v.from) < 1000 {
		t.Fatalf("%d variants: the table did not load", len(v.from))
	}
	chars := jaKanjiChars()
	for i, r := range v.from {
		if i > 0 && v.from[i-1] >= r {
			t.Errorf("%c after %c: not in code point order", r, v.from[i-1])
		}
		if norm.NFC.String(string(r)) != string(r) {
			t.Errorf("%c: NFC changes it, yet it has a row", r)
		}
		if v.ja[i] == 0 && v.ko[i] == 0 {
			t.Errorf("%c: no target", r)
		}
		if ja := v.ja[i]; ja != 0 {
			if chars[r] != nil {
				t.Errorf("%c: ja_kanji_chars reads it, yet it folds into %c", r, ja)
			}
			if chars[ja] == nil {
				t.Errorf("%c: folds into %c, which ja_kanji_chars does not read", r, ja)
			}
		}
		if ko := v.ko[i]; ko != 0 {
			if hanjaTableReading(r) != 0 {
				t.Errorf("%c: ko_hanja reads it, yet it folds into %c", r, ko)
			}
			if hanjaTableReading(ko) == 0 {
				t.Errorf("%c: folds into %c, which ko_hanja does not read", r, ko)
			}
		}
	}
	for _, dir := range []string{"/usr/share/unicode"} {
		rel := unihanRelations(t, dir)
		if rel == nil {
			t.Logf("%s: no Unihan; relations not checked", dir)
			continue
		}
		linked := func(a, b rune) bool {
			if rel[a][b] {
				return true
			}
			for m := range rel[a] {
				if rel[m][b] {
					return true
				}
			}
			return false
		}
		for i, r := range v.from {
			for _, to := range []rune{v.ja[i], v.ko[i]} {
				if to != 0 && !linked(r, to) {
					t.Errorf("%c → %c: Unihan does not relate them", r, to)
				}
			}
		}
	}
}

// unihanRelations returns the variant relations the generator reads from
// the Unihan files in dir, both ways, or nil when they are not there.
func unihanRelations(t *testing.T, dir string) map[rune]map[rune]bool {
	fields := map[string]bool{
		"kZVariant": true, "kSpoofingVariant": true, "kSemanticVariant": true,
		"kCompatibilityVariant": true, "kJinmeiyoKanji": true, "kJoyoKanji": true,
	}
	rel := map[rune]map[rune]bool{}
	add := func(a, b rune) {
		for _, p := range [2][2]rune{{a, b}, {b, a}} {
			if rel[p[0]] == nil {
				rel[p[0]] = map[rune]bool{}
			}
			rel[p[0]][p[1]] = true
		}
	}
	for _, name := range []string{"Unihan_Variants.txt.bz2", "Unihan_OtherMappings.txt.bz2"} {
		f, err := os.Open(dir + "/" + name)
		if err != nil {
			return nil
		}
		sc := bufio.NewScanner(bzip2.NewReader(f))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) != 3 || !fields[cols[1]] {
				continue
			}
			a := unihanRune(cols[0])
			for _, v := range strings.Fields(cols[2]) {
				if i := strings.Index(v, "U+"); i >= 0 {
					v = v[i:]
				}
				v, _, _ = strings.Cut(v, "<")
				if b := unihanRune(v); a != 0 && b != 0 {
					add(a, b)
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return rel
}

func unihanRune(s string) rune {
	cp, err := strconv.ParseUint(strings.TrimPrefix(s, "U+"), 16, 32)
	if err != nil || !strings.HasPrefix(s, "U+") || !utf8.ValidRune(rune(cp)) {
		return 0
	}
	return rune(cp)
}
