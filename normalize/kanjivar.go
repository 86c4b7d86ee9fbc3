package normalize

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Variant forms of kanji and hanja (itaiji). Family registers and the
// archives that copy them keep old and variant forms of characters (髙
// for 高 in Takahashi, 﨑 for 崎 in Yamazaki, 𠮷 for 吉 in Yoshida) that
// the reading tables do not list. Such a character is read as the form
// of it that the tables know, chosen from Unihan's variant relations
// (data/README.md): only when the character is otherwise unknown, so that
// a written name the dictionaries list as written (齋藤) keeps its own
// readings, and characters the tables know apart (沢 and 澤, 斎 and 斉)
// are never merged.

//go:generate go run ./data/genkanjivar

//go:embed data/han_variants.tsv
var hanVariantsTSV string

// hanVariantIndex holds the variants in code point order and, for each,
// the form the Japanese tables read and the form the Korean table reads
// (0: none, or the table reads the variant itself).
type hanVariantIndex struct {
	from, ja, ko []rune
}

var hanVariants = sync.OnceValue(func() *hanVariantIndex {
	rows := tsvRows(hanVariantsTSV)
	t := &hanVariantIndex{
		from: make([]rune, 0, len(rows)),
		ja:   make([]rune, 0, len(rows)),
		ko:   make([]rune, 0, len(rows)),
	}
	target := func(s string) rune {
		r, size := utf8.DecodeRuneInString(s)
		if size != len(s) || s == "-" {
			return 0
		}
		return r
	}
	for _, row := range rows {
		if len(row) != 3 {
			continue
		}
		t.from = append(t.from, target(row[0]))
		t.ja = append(t.ja, target(row[1]))
		t.ko = append(t.ko, target(row[2]))
	}
	return t
})

// find returns the index of variant r, or -1.
func (t *hanVariantIndex) find(r rune) int {
	i := sort.Search(len(t.from), func(i int) bool { return t.from[i] >= r })
	if i < len(t.from) && t.from[i] == r {
		return i
	}
	return -1
}

// jaVariant returns the form of kanji r that the Japanese tables read,
// when they do not read r itself; else 0.
func jaVariant(r rune) rune { return hanVariant(r, false) }

// koVariant returns the form of hanja r that the Korean table reads,
// when it does not read r itself; else 0.
func koVariant(r rune) rune { return hanVariant(r, true) }

// hanVariant is jaVariant, or koVariant when korean.
func hanVariant(r rune, korean bool) rune {
	if r < 0x3400 {
		return 0
	}
	t := hanVariants()
	i := t.find(r)
	switch {
	case i < 0:
		return 0
	case korean:
		return t.ko[i]
	}
	return t.ja[i]
}

// foldJaVariants returns written name w with each kanji the Japanese
// tables do not read replaced by its variant that they read (髙橋 高橋),
// and whether any was.
func foldJaVariants(w string) (string, bool) {
	var b strings.Builder
	for i, r := range w {
		v := jaVariant(r)
		if v == 0 {
			if b.Len() > 0 {
				b.WriteRune(r)
			}
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(w) + 4)
			b.WriteString(w[:i])
		}
		b.WriteRune(v)
	}
	if b.Len() == 0 {
		return w, false
	}
	return b.String(), true
}
