package match

import (
	"testing"

	"kinlink/records"
)

// TestOtherWritingsMeet checks that the writings a name field holds
// beside the name (in brackets, in a second script) and whole other
// names are read as names: each meets its own spelling, agreeing on both
// parts, in both search modes and with the same weight.
func TestOtherWritingsMeet(t *testing.T) {
	missing := []records.Record{
		{ID: "bracket", FullName: "Kim Yong-su (Kaneda Tatsuo)", BirthYear: 1935},
		{ID: "kana", FullName: "山田太郎（やまだたろう）", BirthYear: 1940},
		{ID: "parts", FamilyName: "Pak (朴)", GivenName: "Sun-ja (順子)", BirthYear: 1928},
		{ID: "tsumei", FamilyName: "Kaneda", GivenName: "Tatsuo", BirthYear: 1936},
		{ID: "scripts", FullName: "Yamamoto Haruko 山本春子", BirthYear: 1920},
		{ID: "maiden", FullName: "Yamada Hanako (née Tanaka)", BirthYear: 1941},
	}
	archive := []records.Record{
		{ID: "kaneda", FamilyName: "Kaneda", GivenName: "Tatsuo", BirthYear: 1935},
		{ID: "kim", FullName: "KIM YONGSU", BirthYear: 1935},
		{ID: "yamada", FullName: "Yamada Taro", BirthYear: 1940},
		{ID: "pak", FamilyName: "Park", GivenName: "Sunja", BirthYear: 1928},
		{ID: "junko", FamilyName: "Boku", GivenName: "Junko", BirthYear: 1928},
		{ID: "alt", FamilyName: "김", GivenName: "용수", AltNames: "Kaneda Tatsuo", BirthYear: 1936},
		{ID: "maiden", FamilyName: "Kim", GivenName: "Haruko", AltNames: "Yamamoto", BirthYear: 1920},
		{ID: "haruko", FamilyName: "やまもと", GivenName: "はるこ", BirthYear: 1920},
		{ID: "other", FamilyName: "Lee", GivenName: "Minho", BirthYear: 1950},
		{ID: "tanaka", FamilyName: "Tanaka", GivenName: "Hanako", BirthYear: 1941},
	}
	want := [][2]string{
		{"bracket", "kaneda"}, {"bracket", "kim"}, {"kana", "yamada"}, {"parts", "pak"}, {"parts", "junko"},
		{"tsumei", "alt"}, {"scripts", "haruko"}, {"maiden", "tanaka"},
	}
	var rows [2]map[[2]string]records.Match
	for _, mode := range []Blocking{Exhaustive, Blocked} {
		rows[mode] = runRows(t, mode, missing, archive)
		for _, p := range want {
			r, ok := rows[mode][p]
			if !ok {
				t.Errorf("mode %d: %s does not meet %s", mode, p[0], p[1])
				continue
			}
			// Both writings of "bracket" and of "parts" meet a record:
			// which ranks first is the term frequencies' business.
			first := p[0] != "bracket" && p[0] != "parts"
			if r.LevelFamily != "exact" || r.LevelGiven != "exact" || first && r.Rank != 1 {
				t.Errorf("mode %d: %s/%s levels %s %s, rank %d (%s)", mode, p[0], p[1], r.LevelFamily, r.LevelGiven, r.Rank, r.Explanation)
			}
		}
		if r, ok := rows[mode][[2]string{"bracket", "other"}]; ok && r.LevelFamily != "else" {
			t.Errorf("mode %d: bracket meets other on the family name (%s)", mode, r.Explanation)
		}
	}
	for p, r := range rows[Exhaustive] {
		if b, ok := rows[Blocked][p]; ok && b.MatchWeight != r.MatchWeight {
			t.Errorf("%v: exhaustive weight %.17g, blocked %.17g", p, r.MatchWeight, b.MatchWeight)
		}
	}
}

// TestKoreanNamesInKanaMeet checks that a Korean name written in kana by
// its Korean sound, as Japanese records write Koreans' names, meets its
// spellings in Hangul and in letters, agreeing exactly on both names.
func TestKoreanNamesInKanaMeet(t *testing.T) {
	missing := []records.Record{
		{ID: "kana", FamilyName: "パク", GivenName: "スンジャ", BirthYear: 1928},
		{ID: "kana-full", FullName: "チェ・ヨンチョル", BirthYear: 1930},
		{ID: "furigana", FamilyName: "朴", GivenName: "𡈽", FamilyNameKana: "パク", GivenNameKana: "スンジャ", BirthYear: 1928},
	}
	archive := []records.Record{
		{ID: "hangul", FullName: "박순자", BirthYear: 1928},
		{ID: "rr", FamilyName: "Park", GivenName: "Sun-ja", BirthYear: 1928},
		{ID: "choi", FamilyName: "Choe", GivenName: "Yong-chol", BirthYear: 1930},
		{ID: "ja", FamilyName: "Tanaka", GivenName: "Junko", BirthYear: 1928},
	}
	for _, mode := range []Blocking{Exhaustive, Blocked} {
		rows := runRows(t, mode, missing, archive)
		for _, p := range [][2]string{{"kana", "hangul"}, {"kana", "rr"}, {"kana-full", "choi"}, {"furigana", "rr"}} {
			r, ok := rows[p]
			if !ok {
				t.Errorf("mode %d: %s does not meet %s", mode, p[0], p[1])
				continue
			}
			if r.LevelFamily != "exact" || r.LevelGiven != "exact" {
				t.Errorf("mode %d: %s/%s levels %s %s (%s)", mode, p[0], p[1], r.LevelFamily, r.LevelGiven, r.Explanation)
			}
		}
	}
}

// TestNameOrderOfUnspacedNames checks the order told for names written
// without a space (김영수, 金龍洙, 山田太郎): family name first, as written,
// not swapped; a given-first name is still told swapped.
func TestNameOrderOfUnspacedNames(t *testing.T) {
	missing := []records.Record{
		{ID: "hangul", FullName: "김영수", BirthYear: 1935},
		{ID: "hanja", FullName: "金龍洙", BirthYear: 1935},
		{ID: "kanji", FullName: "山田太郎", BirthYear: 1935},
		{ID: "given-first", FullName: "Yongsu Kim", BirthYear: 1935},
	}
	archive := []records.Record{
		{ID: "kim", FamilyName: "Kim", GivenName: "Yongsu", BirthYear: 1935},
		{ID: "yamada", FamilyName: "Yamada", GivenName: "Taro", BirthYear: 1935},
	}
	rows := runRows(t, Exhaustive, missing, archive)
	for p, want := range map[[2]string]string{
		{"hangul", "kim"}: "direct", {"hanja", "kim"}: "direct", {"kanji", "yamada"}: "direct", {"given-first", "kim"}: "swapped",
	} {
		if r, ok := rows[p]; !ok || r.NameOrder != want {
			t.Errorf("%s/%s: order %q (found %v), want %q", p[0], p[1], r.NameOrder, ok, want)
		}
	}
}
