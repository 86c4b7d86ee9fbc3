package normalize

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplitWritings(t *testing.T) {
	cases := []struct {
		in     string
		main   string
		others []string
	}{
		{"Kim Yong-su", "Kim Yong-su", nil},
		{"김용수", "김용수", nil},
		{"Ōno Shin'ichi", "Ōno Shin'ichi", nil},
		{"山田 Taro", "山田 Taro", nil}, // a name whose parts are in two scripts stays whole
		{"Kim Yong-su (Kaneda Tatsuo)", "Kim Yong-su", []string{"Kaneda Tatsuo"}},
		{"山田太郎（やまだたろう）", "山田太郎", []string{"やまだたろう"}},
		{"金龍洙【金田龍夫】", "金龍洙", []string{"金田龍夫"}},
		{"Kim Yongsu 金龍洙", "Kim Yongsu", []string{"金龍洙"}},
		{"김용수 Kim Yong Su", "김용수", []string{"Kim Yong Su"}},
		{"Kim Yong-su / Kaneda Tatsuo", "Kim Yong-su", []string{"Kaneda Tatsuo"}},
		{"Yamada Taro 山田太郎 (やまだ たろう)", "Yamada Taro", []string{"山田太郎", "やまだ たろう"}},
		{"Kim Yong-su (", "Kim Yong-su", nil},                      // nothing in the bracket
		{"Kim Yong-su (Kaneda", "Kim Yong-su", []string{"Kaneda"}}, // unclosed: the rest
		{"(Kim Yong-su)", "Kim Yong-su", nil},
		{"Kim (Ri) Yong-su", "Kim Yong-su", []string{"Ri"}},
		{"Kim Yong-su ((Kaneda) Tatsuo)", "Kim Yong-su", []string{"(Kaneda) Tatsuo"}},
		{"Kim Yong-su (1)", "Kim Yong-su", nil}, // no letter: not a writing
		{"金龍洙 (故)", "金龍洙", nil},                 // a note on the person
		{"Kim Yong-su (f)", "Kim Yong-su", nil},
		{"Yamada Hanako (née Tanaka)", "Yamada Hanako", []string{"Tanaka"}}, // a label before a name
		{"山田花子（旧姓 田中）", "山田花子", []string{"田中"}},
		{"Kim Yong-su (aka Kaneda Tatsuo)", "Kim Yong-su", []string{"Kaneda Tatsuo"}},
	}
	for _, c := range cases {
		main, others := SplitWritings(c.in)
		if main != c.main || !slices.Equal(others, c.others) {
			t.Errorf("SplitWritings(%q) = %q, %q; want %q, %q", c.in, main, others, c.main, c.others)
		}
	}
}

func TestSplitWritingsAllocatesNothingForOneWriting(t *testing.T) {
	for _, s := range []string{"Kim Yong-su", "김용수", "やまだ たろう", "Ōno Shin'ichi", "山田 Taro"} {
		if n := testing.AllocsPerRun(100, func() { SplitWritings(s) }); n > 0 && s != "山田 Taro" {
			t.Errorf("SplitWritings(%q): %.0f allocations", s, n)
		}
	}
}

// FuzzSplitWritings checks that splitting never invents a letter, and
// loses none but those of note words: every letter of the main writing
// and of the others is the field's, and the main writing has a letter
// when the field has one.
func FuzzSplitWritings(f *testing.F) {
	for _, s := range []string{"Kim Yong-su (Kaneda Tatsuo)", "山田太郎（やまだたろう）", "Kim Yongsu 金龍洙",
		"a / b", "((x)", "【】(", "Kim (Ri) Yong-su", "김 Kim Yong", "x]y(z"} {
		f.Add(s)
	}
	letters := func(s string) int {
		n := 0
		for _, r := range s {
			if unicode.IsLetter(r) {
				n++
			}
		}
		return n
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		main, others := SplitWritings(s)
		got := letters(main)
		for _, o := range others {
			if letters(o) == 0 {
				t.Errorf("SplitWritings(%q): other writing %q has no letter", s, o)
			}
			got += letters(o)
		}
		if want := letters(s); got > want || want > 0 && letters(main) == 0 {
			t.Errorf("SplitWritings(%q) = %q, %q: %d letters, the field has %d", s, main, others, got, want)
		}
	})
}

func BenchmarkSplitWritings(b *testing.B) {
	for _, s := range []string{"Kim Yong-su", "김용수", "やまだ たろう"} {
		b.Run(s, func(b *testing.B) {
			for range b.N {
				SplitWritings(s)
			}
		})
	}
}

// TestWritingsDropNotesAndHonorifics checks the marks written before and
// after a name: the dead (故), courtesy (様, 氏) and a woman recorded by
// her surname alone (金氏, 김 씨).
func TestWritingsDropNotesAndHonorifics(t *testing.T) {
	cases := []struct {
		family, given, full string
		want                Writing
	}{
		{"", "", "故 金龍洙", Writing{Full: "金龍洙"}},
		{"", "", "故金龍洙", Writing{Full: "金龍洙"}},
		{"", "", "山田太郎様", Writing{Full: "山田太郎"}},
		{"", "", "金氏", Writing{Full: "金"}},
		{"김", "씨", "", Writing{Family: "김"}},
		{"山田", "太郎殿", "", Writing{Family: "山田", Given: "太郎"}},
		{"", "", "故", Writing{Full: "故"}},   // nothing follows: kept
		{"", "", "氏", Writing{Full: "氏"}},   // nothing before: kept
		{"", "", "故宮", Writing{Full: "故宮"}}, // one character follows: kept
	}
	for _, c := range cases {
		if got, _ := Writings(c.family, c.given, c.full); got != c.want {
			t.Errorf("Writings(%q, %q, %q) = %+v, want %+v", c.family, c.given, c.full, got, c.want)
		}
	}
}
