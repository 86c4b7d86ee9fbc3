package normalize

import (
	"slices"
	"testing"
)

// readingsOf returns every key the readings of a full name offer: each
// name's key and its variants.
func readingsOf(full string, o Origin) []string {
	var out []string
	for _, n := range ParseFull(full, o) {
		out = append(out, n.Key)
		out = append(out, n.Variants...)
	}
	return out
}

func TestKanjiReadings(t *testing.T) {
	cases := []struct {
		name    string
		primary string   // the first reading's key
		among   []string // keys the readings must offer
	}{
		// dictionary readings, the likeliest first, the others kept
		{"中島 裕", "nakajima hiroshi", []string{"nakajima yutaka", "nakajima yu", "nakashima hiroshi"}},
		{"大西 健太", "onishi kenta", nil},
		// a name written without a space splits after its surname
		{"山本五十六", "yamamoto isoroku", nil},
		{"田中角栄", "tanaka kakuei", nil},
		// after a common surname, also when the dictionaries lack the
		// given name (read kanji by kanji), and before a longer surname
		// that leaves one kanji
		{"山田翔琉", "yamada shoru", nil},
		{"関口煌翔", "", []string{"sekiguchi kosho"}},
		{"鈴木湊琉", "suzuki minatoru", nil},
		// four kanji whose surname the tables lack: two and two
		{"鞆淵和男", "", []string{"tomobuchi kazuo"}},
		// regular readings before irregular ones (山田 is Yamada before Yamagata)
		{"山田", "yamada", []string{"yamagata"}},
		// 々 repeats the kanji before it
		{"佐々木", "sasaki", nil},
		// kana beside kanji are read as written
		{"河地 マヤ", "kawachi maya", nil},
		// a given name no dictionary lists whole is composed from its
		// kanji, voiced inside the name (田 だ)
		{"芳田", "", []string{"yoshida"}},
		// the order evidence of the name tables is the split's, not each
		// reading's: 高橋 is Takahashi first written whole as in two
		// fields, though the tables know Takahashi as a given name too
		{"高橋 一郎", "takahashi ichiro", []string{"takabashi ichiro"}},
		{"高橋一郎", "takahashi ichiro", nil},
	}
	for _, c := range cases {
		names := ParseFull(c.name, Japanese)
		if c.primary != "" && names[0].Key != c.primary {
			t.Errorf("%s: primary %q, want %q (%v)", c.name, names[0].Key, c.primary, readingsOf(c.name, Japanese))
		}
		if !names[0].Readable {
			t.Errorf("%s: read from the dictionaries, yet not readable", c.name)
		}
		all := readingsOf(c.name, Japanese)
		for _, k := range c.among {
			if !slices.Contains(all, k) {
				t.Errorf("%s: no reading %q in %v", c.name, k, all)
			}
		}
	}
}

func TestKanjiAsWrittenStillMeet(t *testing.T) {
	// A kanji no table reads, even through its variants (𡈽, outside
	// JIS X 0208), keeps its code point, so the same writing meets
	// itself; a name the dictionaries read keeps its written form among
	// its readings too.
	for _, s := range []string{"𡈽田", "中島 裕", "鈴木一郎", "山田翔琉"} {
		a, b := readingsOf(s, Unknown), readingsOf(s, Japanese)
		hex := ""
		for _, k := range a {
			if isWrittenKey(k) {
				hex = k
			}
		}
		if hex == "" || !slices.Contains(b, hex) {
			t.Errorf("%s: written form %q not among the readings %v / %v", s, hex, a, b)
		}
	}
	if n := ParseFull("𡈽田", Japanese)[0]; n.Readable {
		t.Errorf("𡈽田 read as %q, readable", n.Key)
	}
}

// isHexKey reports whether k holds the key of an unread character.
func isHexKey(k string) bool {
	for i := 0; i+1 < len(k); i++ {
		if k[i] == 'x' && k[i+1] >= '0' && k[i+1] <= '9' {
			return true
		}
	}
	return false
}

// isWrittenKey reports whether k is a name kept as written: code points
// only, no letter read ("x135741x30000", not the Korean "x135741jon").
func isWrittenKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c != ' ' && c != 'x' && (c < '0' || c > '9') {
			return false
		}
	}
	return isHexKey(k)
}

func TestUnspacedKana(t *testing.T) {
	cases := []struct {
		in, primary string
		among       []string
	}{
		// a surname and a given name the tables know
		{"やまぐちはるこ", "yamaguchi haruko", []string{"yamaguchiharuko"}},
		{"スズキイチロウ", "suzuki ichiro", nil},
		// a common surname and a given name the tables lack
		{"たかはしみるな", "takahashi miruna", nil},
		// a surname alone stays whole, its split kept as a reading
		{"ふくしま", "fukushima", nil},
		{"もりかわ", "morikawa", nil},
	}
	for _, c := range cases {
		n := ParseFull(c.in, Japanese)
		if n[0].Key != c.primary {
			t.Errorf("%s: primary %q, want %q (%v)", c.in, n[0].Key, c.primary, readingsOf(c.in, Japanese))
		}
		all := readingsOf(c.in, Japanese)
		for _, k := range c.among {
			if !slices.Contains(all, k) {
				t.Errorf("%s: no reading %q in %v", c.in, k, all)
			}
		}
	}
}

func TestJapaneseNameOrder(t *testing.T) {
	cases := []struct{ in, family string }{
		// given name first, and the tables know which is which
		{"Takeshi Kanemoto", "Kanemoto"},
		{"SHIMIZU TAKAO", "SHIMIZU"},
		{"TAKAO SHIMIZU", "SHIMIZU"},
		{"Ayumi Fukuda", "Fukuda"},
		// a Japanese given name that is also a Korean surname
		{"Jun Suzuki", "Suzuki"},
		// upper case agrees
		{"Ayumi FUKUDA", "FUKUDA"},
	}
	for _, c := range cases {
		if n := ParseFull(c.in, Unknown)[0]; n.Family != c.family {
			t.Errorf("%s: family %q, want %q", c.in, n.Family, c.family)
		}
	}
	// both orders give one primary key
	pairs := [][2]string{{"Fukuda Ayumi", "AYUMI FUKUDA"}, {"Nishimura Kenji", "Kenji Nishimura"}}
	for _, p := range pairs {
		a, b := ParseFull(p[0], Japanese)[0].Key, ParseFull(p[1], Japanese)[0].Key
		if a != b {
			t.Errorf("%s: %q, %s: %q", p[0], a, p[1], b)
		}
	}
}

func TestJapaneseInHangul(t *testing.T) {
	cases := []struct{ in, key string }{
		// a given name alone is read whole, not split as Korean surname +
		// given name
		{"유카리", "yukari"},
		{"아야네", "ayane"},
		{"이즈미", "izumi"},
		// a full name still splits after its surname
		{"야마다하나꼬", "yamada hanako"},
	}
	for _, c := range cases {
		n := ParseFull(c.in, Japanese)[0]
		if n.Key != c.key || n.Origin != Japanese {
			t.Errorf("%s: %v %q, want ja %q", c.in, n.Origin, n.Key, c.key)
		}
	}
	// with the origin unknown, a Korean name stays Korean
	if n := ParseFull("이수진", Unknown)[0]; n.Origin != Korean {
		t.Errorf("이수진: %v %q", n.Origin, n.Key)
	}
}

func TestPassportOHBeforeVowel(t *testing.T) {
	cases := []struct{ in, want string }{
		{"OHIZUMI", "oizumi"},        // 大泉 おおいずみ
		{"Ohuchi Taro", "ochi taro"}, // 大内
		{"KOHO OHUCHI", "ochi koho"}, // two o-h-vowels, one a real h
	}
	for _, c := range cases {
		if all := readingsOf(c.in, Japanese); !slices.Contains(all, c.want) {
			t.Errorf("%s: no reading %q in %v", c.in, c.want, all)
		}
	}
	// the h stays where it starts a mora
	if k := ParseFull("Ohira", Japanese)[0].Key; k != "ohira" {
		t.Errorf("Ohira: %q", k)
	}
}

func TestGenerationSuffix(t *testing.T) {
	cases := []struct{ in, key string }{
		{"Ichikawa Danjuro XII", "ichikawa danzuro"},
		{"Katsushika Hokusai II", "katsushika hokusai"},
		{"Sung-ho I", "lee sungho"}, // I is a surname, not a generation
	}
	for _, c := range cases {
		if k := ParseFull(c.in, Unknown)[0].Key; k != c.key {
			t.Errorf("%s: %q, want %q", c.in, k, c.key)
		}
	}
	if n := Parse("Ichikawa", "Danjuro XII", Japanese)[0]; n.Key != "ichikawa danzuro" {
		t.Errorf("fields with a generation: %q", n.Key)
	}
}

func TestSyllabicNBeforeN(t *testing.T) {
	// ん before an n-mora is one n, however it is written
	want := Key("kennosuke", Japanese)
	for _, s := range []string{"Ken'nosuke", "Ken-nosuke", "けんのすけ", "KENNOSUKE", "Kenosuke"} {
		if k := Key(s, Japanese); k != want {
			t.Errorf("%s: %q, want %q", s, k, want)
		}
	}
	if k := Key("CHIDJIMU", Japanese); k != Key("ちぢむ", Japanese) {
		t.Errorf("dj: %q", k)
	}
}

func TestUnreadCharacterKeptInEveryReading(t *testing.T) {
	// A reading that read 𡈽田 as 田 alone (the Korean surname 전, jeon)
	// would meet every 田: each reading of a part holding a character no
	// table reads keeps its code point, and a Korean surname written in
	// hanja the table reads still folds into its class.
	cases := []struct {
		family, given string
		origin        Origin
		wantFamily    string // the key of the first reading's family name, "" for any
		unread        bool
	}{
		{"𡈽田", "茂", Unknown, "", true},
		{"𡈽田", "茂", Korean, "", true},
		{"𡈽金", "哲洙", Korean, "", true},
		{"金", "哲洙", Korean, "kim", false},
		{"田", "哲洙", Korean, "jeon", false},
	}
	for _, c := range cases {
		names := Parse(c.family, c.given, c.origin)
		if c.wantFamily != "" && names[0].FamilyKey != c.wantFamily {
			t.Errorf("%s %s: family key %q, want %q", c.family, c.given, names[0].FamilyKey, c.wantFamily)
		}
		for _, n := range names {
			if c.unread && !isHexKey(n.FamilyKey) {
				t.Errorf("%s %s (%v): reading %q drops the unread character", c.family, c.given, n.Origin, n.Key)
			}
			if c.unread && n.Readable {
				t.Errorf("%s %s: reading %q is readable", c.family, c.given, n.Key)
			}
		}
	}
}

func TestHalfReadNames(t *testing.T) {
	// A part no table reads stays as written (its code points) beside the
	// readings of the other part, which are readable; the other part as
	// written is not a reading of its own (only a variant), so a name that
	// disagrees on the part read is not told missing on it instead.
	cases := []struct {
		family, given string
		read          string // a key the part read must take in some reading
		unreadFamily  bool
	}{
		{"𡈽田", "茂", "shigeru", true},
		{"𡈽田", "しげる", "shigeru", true},
		{"田中", "𡈽", "tanaka", false},
	}
	for _, c := range cases {
		names := Parse(c.family, c.given, Japanese)
		found := false
		for _, n := range names {
			unread, read := n.FamilyKey, n.GivenKey
			unreadOK, readOK := n.FamilyReadable, n.GivenReadable
			if !c.unreadFamily {
				unread, read, unreadOK, readOK = read, unread, readOK, unreadOK
			}
			if !isHexKey(unread) || unreadOK || n.Readable {
				t.Errorf("%s %s: reading %q keeps no unread part (readable %v %v)", c.family, c.given, n.Key, n.FamilyReadable, n.GivenReadable)
			}
			if isHexKey(read) || !readOK {
				t.Errorf("%s %s: reading %q does not read the other part (readable %v %v)", c.family, c.given, n.Key, n.FamilyReadable, n.GivenReadable)
			}
			found = found || read == c.read
		}
		if !found {
			t.Errorf("%s %s: no reading reads %q: %v", c.family, c.given, c.read, names)
		}
	}
	// read nowhere: the characters as written, both parts
	for _, n := range Parse("𡈽", "𡈾", Japanese) {
		if !isHexKey(n.FamilyKey) || !isHexKey(n.GivenKey) || n.FamilyReadable || n.GivenReadable {
			t.Errorf("𡈽 𡈾: reading %q (readable %v %v)", n.Key, n.FamilyReadable, n.GivenReadable)
		}
	}
	// read whole: every part readable
	for _, n := range Parse("高田", "茂", Japanese) {
		if n.Readable != (n.FamilyReadable && n.GivenReadable) {
			t.Errorf("高田 茂: reading %q readable %v, parts %v %v", n.Key, n.Readable, n.FamilyReadable, n.GivenReadable)
		}
	}
}
