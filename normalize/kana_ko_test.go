package normalize

import (
	"testing"
)

// TestKoreanNamesInKana checks the Korean reading of names written in
// kana by the Korean sound, as Japanese records write Koreans' names:
// its key is the key of the name in Hangul, and it comes first unless
// the name is Japanese too.
func TestKoreanNamesInKana(t *testing.T) {
	cases := []struct {
		kana, hangul string
		first        bool // the Korean reading is the first
	}{
		{"キム・ヨンス", "김영수", true},
		{"キム ヨンス", "김영수", true},
		{"キムヨンス", "김영수", true},
		{"パク・スンジャ", "박순자", true},
		{"パクスンジャ", "박순자", true},
		{"チェ・ヨンチョル", "최영철", true}, // チェ: 최, the commonest surname it may write
		{"チョン・ミョンヒ", "정명희", true},
		{"クォン・ヒョンス", "권형수", true},
		{"ファン・ジュン", "황준", true},
		{"イ・スンジャ", "이순자", true},
		{"ホ・ジュン", "허준", true}, // ジュン is also a Japanese given name; ホ is no Japanese surname
		{"ユン・ソギョル", "윤석열", false},
		{"きむ よんす", "김영수", true}, // hiragana
		{"アン ナオコ", "안나오코", false},
		{"ナムグン・ミン", "남궁민", true}, // a compound surname
		{"ファンボ ヨンス", "황보영수", true},
		{"ナムグンミン", "남궁민", true},
	}
	for _, c := range cases {
		want := ParseFull(c.hangul, Korean)[0]
		names := ParseFull(c.kana, Unknown)
		found := -1
		for i, n := range names {
			if n.Origin == Korean && n.Key == want.Key {
				found = i
				break
			}
		}
		switch {
		case found < 0 && c.first:
			t.Errorf("%s: no reading %q (%s); readings %v", c.kana, want.Key, c.hangul, keysOf(names))
		case c.first && found != 0:
			t.Errorf("%s: the Korean reading %q is not the first: %v", c.kana, want.Key, keysOf(names))
		}
	}
	// the second Korean reading reads ン the other way: 연수 for 영수
	if names := ParseFull("キム・ヨンス", Unknown); !containsKey(names, ParseFull("김연수", Korean)[0].Key) {
		t.Errorf("キム・ヨンス: no reading of ヨン as 연: %v", keysOf(names))
	}
	// a Japanese name in kana keeps its Japanese reading first and gets no
	// Korean one when its surname is not a Korean surname
	for _, s := range []string{"ヤマダ タロウ", "やまだたろう", "オノ シンイチ", "キムラ タクヤ"} {
		names := ParseFull(s, Unknown)
		if names[0].Origin != Japanese {
			t.Errorf("%s: read first as %v %q", s, names[0].Origin, names[0].Key)
		}
	}
	for _, s := range []string{"アン ナオコ", "カン タロウ"} { // surnames both peoples bear: both readings
		names := ParseFull(s, Unknown)
		ja, ko := false, false
		for _, n := range names {
			ja, ko = ja || n.Origin == Japanese, ko || n.Origin == Korean
		}
		if !ja || !ko {
			t.Errorf("%s: readings %v, want a Japanese and a Korean one", s, keysOf(names))
		}
	}
	// Japanese asked for: the Japanese reading alone
	if names := ParseFull("キム・ヨンス", Japanese); len(names) != 1 || names[0].Origin != Japanese {
		t.Errorf("キム・ヨンス as Japanese: %v", keysOf(names))
	}
	// Korean asked for: the Korean reading first, also of a given name alone
	if names := Parse("", "ヨンス", Korean); names[0].Origin != Korean || names[0].Key != Parse("", "영수", Korean)[0].Key {
		t.Errorf("ヨンス as a Korean given name: %v", keysOf(names))
	}
}

func keysOf(names []Name) []string {
	var ks []string
	for _, n := range names {
		ks = append(ks, n.Origin.String()+":"+n.Key)
	}
	return ks
}

func containsKey(names []Name, key string) bool {
	for _, n := range names {
		if n.Key == key {
			return true
		}
	}
	return false
}
