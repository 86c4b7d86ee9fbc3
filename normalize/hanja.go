package normalize

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Korean readings of hanja, from Unihan's kHangul (data/README.md): one
// reading per character, in its dictionary form (李 리, 林 림); the
// initial-sound law that makes 이 and 임 of them at the start of a word is
// the pronounced reading's (see koPronounce), and a surname's reading
// finds its class through the North's form in the surname table.

//go:generate go run ./data/genkohanja

//go:embed data/ko_hanja.tsv
var koHanjaTSV string

// hanjaIndex holds the characters in code point order and the Hangul
// syllable each reads as.
type hanjaIndex struct {
	han  []rune
	read []rune
}

var (
	hanjaOnce  sync.Once
	hanjaTable hanjaIndex
)

// hanjaReadings returns the index, built the first time it is needed.
func hanjaReadings() *hanjaIndex {
	hanjaOnce.Do(func() {
		type pair struct{ han, read rune }
		var ps []pair
		for _, row := range tsvRows(koHanjaTSV) {
			if len(row) != 2 {
				continue
			}
			r, _ := utf8.DecodeRuneInString(row[0])
			for _, h := range row[1] {
				ps = append(ps, pair{h, r})
			}
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].han < ps[j].han })
		hanjaTable.han = make([]rune, len(ps))
		hanjaTable.read = make([]rune, len(ps))
		for i, p := range ps {
			hanjaTable.han[i], hanjaTable.read[i] = p.han, p.read
		}
	})
	return &hanjaTable
}

// hanjaReading returns the Hangul syllable hanja r reads as, or 0: a
// character the table lacks reads as its variant the table has (髙 as 高,
// 﨑 as 崎: kanjivar.go).
func hanjaReading(r rune) rune {
	if r < 0x3400 {
		return 0
	}
	if h := hanjaTableReading(r); h != 0 {
		return h
	}
	if v := koVariant(r); v != 0 {
		return hanjaTableReading(v)
	}
	return 0
}

// hanjaTableReading returns the reading of hanja r in the table, or 0.
func hanjaTableReading(r rune) rune {
	t := hanjaReadings()
	i := sort.Search(len(t.han), func(i int) bool { return t.han[i] >= r })
	if i < len(t.han) && t.han[i] == r {
		return t.read[i]
	}
	return 0
}

// hanjaHangul returns the Hangul reading of hanja s, and whether every
// character of s has one.
func hanjaHangul(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		h := hanjaReading(r)
		if h == 0 {
			return "", false
		}
		b.WriteRune(h)
	}
	return b.String(), true
}

// koHanjaSurnameLen returns the length in bytes of the Korean surname
// that begins the hanja word s (a surname of the table, such as 金 or 李,
// one whose reading is a surname of the table, or two characters that
// read as a surname of two syllables, such as 南宮 or 諸葛), or 0.
func koHanjaSurnameLen(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return 0
	}
	if r2, size2 := utf8.DecodeRuneInString(s[size:]); size2 > 0 {
		h1, h2 := hanjaReading(r), hanjaReading(r2)
		if h1 != 0 && h2 != 0 && koCompoundHangul[string([]rune{h1, h2})] {
			return size + size2
		}
	}
	if koRune(r) != nil {
		return size
	}
	if h := hanjaReading(r); h != 0 && (koRune(h) != nil || koCanon(appendKoSyllable(nil, hangulSyllable(h))) != nil) {
		return size // 成 성, 魚 어: surnames folded into a class (송, 오)
	}
	return 0
}
