package normalize

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed data/ko_surnames.tsv
var koSurnamesTSV string

//go:embed data/ja_surnames.tsv
var jaSurnamesTSV string

// SurnameSpelling is one customary Latin spelling of a Korean surname and
// its observed (or, where none was observed, assumed) share among the
// bearers of the surname.
type SurnameSpelling struct {
	Spelling string
	Share    float64
}

// koClass is a Korean surname and its spellings.
type koClass struct {
	id        koClassID
	key       string // class key: FamilyKey of every spelling
	hangul    rune   // the South's spelling
	north     rune
	hanja     string
	share     float64
	spellings []SurnameSpelling
	// rareRR is the surname's RR spelling (lower case) when fewer than
	// koRRShare of its bearers write it (Gim, I, Bak, Gang), else "": a
	// family name so spelled marks a name written in RR (by an office, or
	// as the passport office proposes it), given name included.
	rareRR string
}

// jaSurname is a Japanese surname of the survey.
type jaSurname struct {
	kanji string
	kana  string // first reading
	key   string
	share float64
}

// surnameTables is built once from the embedded data and never changed.
type surnameTables struct {
	ko        []*koClass
	koByRaw   map[string]*koClass // lower-case spelling letters → class
	koByCanon map[string]*koClass // canonical syllable → class
	koByKey   map[string]*koClass
	koByRune  map[rune]*koClass // Hangul (South and North) and hanja
	ja        []jaSurname
	jaShare   map[string]float64 // key → share
	jaByKanji map[string]string  // kanji → kana
	jaByKana  map[string]bool

	// The look-ups of Parse's hot path, built from the maps above (see
	// strTable): koByRaw and koByCanon to class ids, jaShare to an index
	// into jaShares; koByRune's Hangul syllables by their offset from 가.
	koRawIdx, koCanonIdx, jaShareIdx *strTable
	jaShares                         []float64
	koHangulClass                    [hangulCount]uint8
}

// hangulCount is the number of precomposed Hangul syllables (가 to 힣).
const hangulCount = 11172

var tables = loadSurnameTables()

func tsvRows(s string) [][]string {
	var rows [][]string
	header := true
	for _, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// lettersLower returns the lower-case ASCII letters of s, diacritics and
// apostrophes removed ("Ch'oe" → "choe", "Chŏng" → "chong").
func lettersLower(s string) string {
	var f fieldScratch
	f.tokenize(s)
	var b []byte
	for i := range f.tokens() {
		t := &f.toks[i]
		for _, c := range f.lettersOf(t) {
			if c >= 'a' && c <= 'z' {
				b = append(b, c)
			}
		}
	}
	return string(b)
}

func loadSurnameTables() *surnameTables {
	t := &surnameTables{
		koByRaw:   map[string]*koClass{},
		koByCanon: map[string]*koClass{},
		koByKey:   map[string]*koClass{},
		koByRune:  map[rune]*koClass{},
		jaShare:   map[string]float64{},
		jaByKanji: map[string]string{},
		jaByKana:  map[string]bool{},
	}
	var raws []string // the keys of koByRaw, in the order they were added
	for _, f := range tsvRows(koSurnamesTSV) {
		for len(f) < 8 {
			f = append(f, "")
		}
		c := &koClass{key: f[3], hanja: f[2]}
		c.hangul, _ = utf8.DecodeRuneInString(f[0])
		c.north, _ = utf8.DecodeRuneInString(f[1])
		c.share, _ = strconv.ParseFloat(f[4], 64)
		c.spellings = spellingShares(f[5], split(f[6]), split(f[7]))
		t.ko = append(t.ko, c)
		c.id = koClassID(len(t.ko))
		t.koByKey[c.key] = c
		for _, r := range f[0] + f[1] + f[2] {
			if _, dup := t.koByRune[r]; !dup {
				t.koByRune[r] = c
			}
		}
		all := append([]string{c.key}, split(f[6])...)
		all = append(all, split(f[7])...)
		for _, s := range c.spellings {
			all = append(all, s.Spelling)
		}
		for _, s := range all {
			raw := lettersLower(s)
			if _, dup := t.koByRaw[raw]; !dup && raw != "" {
				t.koByRaw[raw] = c
				raws = append(raws, raw)
			}
		}
	}
	for _, c := range t.ko {
		shares := map[string]float64{} // by letters: Ch'oe is Choe
		for _, sp := range c.spellings {
			shares[lettersLower(sp.Spelling)] += sp.Share
		}
		raw := strings.Join(RomanizeHangul(string(c.hangul), RR), "")
		if shares[raw] < koRRShare && t.koByRaw[raw] == c {
			c.rareRR = raw
		}
	}
	// canonical forms, after every raw spelling is known, so that a raw
	// spelling of one class is not shadowed by the canonical form of
	// another's
	for _, c := range t.ko {
		canon := string(appendKoSyllable(nil, hangulSyllable(c.hangul)))
		if _, dup := t.koByCanon[canon]; !dup {
			t.koByCanon[canon] = c
		}
		if c.north != c.hangul {
			canon = string(appendKoSyllable(nil, hangulSyllable(c.north)))
			if _, dup := t.koByCanon[canon]; !dup {
				t.koByCanon[canon] = c
			}
		}
	}
	// in the order of the table (the commoner surname first), not the
	// map's, so that the tables are the same in every run
	for _, raw := range raws {
		c := t.koByRaw[raw]
		syl, ok := segmentKorean([]byte(raw), false, nil)
		if !ok || len(syl) != 1 {
			continue
		}
		canon := string(appendKoSyllable(nil, syl[0]))
		if _, dup := t.koByCanon[canon]; !dup {
			t.koByCanon[canon] = c
		}
	}

	t.koRawIdx = newStrTable(t.koByRaw, func(_ string, c *koClass) int32 { return int32(c.id) })
	t.koCanonIdx = newStrTable(t.koByCanon, func(_ string, c *koClass) int32 { return int32(c.id) })
	if len(t.ko) > 255 {
		panic("normalize: more Korean surname classes than koHangulClass holds")
	}
	for r, c := range t.koByRune {
		if isHangulSyllable(r) {
			t.koHangulClass[r-hangulBase] = uint8(c.id)
		}
	}

	const japanPopulation = 1990000 / 0.0157 // implied by the survey's share for 佐藤
	for _, f := range tsvRows(jaSurnamesTSV) {
		for len(f) < 4 {
			f = append(f, "")
		}
		readings := strings.Split(f[1], "/")
		est, _ := strconv.ParseFloat(f[2], 64)
		share, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			share = est / japanPopulation
		}
		share /= float64(len(readings))
		for i, kana := range readings {
			key := jaKeyString(RomanizeKana(kana, HepburnNoMacron))
			t.ja = append(t.ja, jaSurname{kanji: f[0], kana: kana, key: key, share: share})
			t.jaShare[key] += share
			t.jaByKana[kana] = true
			if i == 0 {
				t.jaByKanji[f[0]] = kana
			}
		}
	}
	t.jaShareIdx = newStrTable(t.jaShare, func(_ string, share float64) int32 {
		t.jaShares = append(t.jaShares, share)
		return int32(len(t.jaShares) - 1)
	})
	return t
}

// koRRShare is the share of a surname's bearers below which its RR
// spelling marks the name as written in RR (see koClass.rareRR):
// the observed shares put Gim at 0.4% and Bak at 1.6%, and Choe, which
// one bearer in twenty chooses, above it.
const koRRShare = 0.03

// koRaw returns the class of the surname spelled by the lower-case letters
// b (tables.koByRaw), or nil.
func koRaw(b []byte) *koClass {
	if id, ok := tables.koRawIdx.getBytes(b); ok {
		return tables.ko[id-1]
	}
	return nil
}

// koCanon returns the class of the canonical syllable b
// (tables.koByCanon), or nil.
func koCanon(b []byte) *koClass {
	if id, ok := tables.koCanonIdx.getBytes(b); ok {
		return tables.ko[id-1]
	}
	return nil
}

// koRune returns the class of a Hangul syllable or hanja surname
// (tables.koByRune), or nil.
func koRune(r rune) *koClass {
	if isHangulSyllable(r) {
		if id := tables.koHangulClass[r-hangulBase]; id != 0 {
			return tables.ko[id-1]
		}
		return nil
	}
	return tables.koByRune[r]
}

// jaShareOf returns the share of the Japanese surname key b
// (tables.jaShare) and whether the table holds it.
func jaShareOf(b []byte) (float64, bool) {
	if i, ok := tables.jaShareIdx.getBytes(b); ok {
		return tables.jaShares[i], true
	}
	return 0, false
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// spellingShares turns the observed shares ("Kim=0.9955,Gim=0.0042") and
// the system and other attested spellings into shares summing to 1. The
// residual of the observed shares goes 60% to the system spellings and 40%
// to the other attested ones, evenly within each group (an assumption: the
// sources give no figure for them).
func spellingShares(observed string, system, other []string) []SurnameSpelling {
	var out []SurnameSpelling
	seen := map[string]bool{}
	sum := 0.0
	for _, kv := range split(observed) {
		k, v, _ := strings.Cut(kv, "=")
		x, _ := strconv.ParseFloat(v, 64)
		out = append(out, SurnameSpelling{k, x})
		seen[strings.ToLower(k)] = true
		sum += x
	}
	fresh := func(xs []string) []string {
		var r []string
		for _, x := range xs {
			if !seen[strings.ToLower(x)] {
				seen[strings.ToLower(x)] = true
				r = append(r, x)
			}
		}
		return r
	}
	sys, oth := fresh(system), fresh(other)
	rest := 1 - sum
	if rest < 0.0005 || len(sys)+len(oth) == 0 {
		for i := range out {
			out[i].Share /= sum
		}
		return out
	}
	sysPart, othPart := 0.6*rest, 0.4*rest
	if len(oth) == 0 {
		sysPart = rest
	}
	if len(sys) == 0 {
		othPart = rest
	}
	for _, s := range sys {
		out = append(out, SurnameSpelling{s, sysPart / float64(len(sys))})
	}
	for _, s := range oth {
		out = append(out, SurnameSpelling{s, othPart / float64(len(oth))})
	}
	return out
}

// KoreanSurnameSpellings returns the customary Latin spellings of the
// Korean surname hangul (South or North form, such as "이" or "리", or its
// hanja) with their shares, most common first as observed, or nil when the
// surname is not in the table. The shares sum to 1. The slice is a copy.
func KoreanSurnameSpellings(hangul string) []SurnameSpelling {
	r, size := utf8.DecodeRuneInString(strings.TrimSpace(hangul))
	if size == 0 || size != len(strings.TrimSpace(hangul)) {
		return nil
	}
	c := koRune(r)
	if c == nil {
		return nil
	}
	return append([]SurnameSpelling(nil), c.spellings...)
}

// koClassID names a Korean surname class by its place in tables.ko, plus
// one, so that the zero value is no class. Unlike a pointer it can be kept
// in memory the garbage collector need not scan.
type koClassID int32

// share returns the population share of the surname class id (not 0).
func (id koClassID) share() float64 { return tables.ko[id-1].share }

// bonus is what a Korean reading whose family name is of class id gains:
// 4 and its share (Kim is likelier Korean than Kimura), half as much
// for a surname rarer than 0.1% of people (Ban, Ma and Ki are Japanese
// surnames too).
func (id koClassID) bonus() float64 {
	s := id.share()
	if s < 0.001 {
		return 2 + 10*s
	}
	return 4 + 10*s
}

// koClassOf returns the surname class of the lower-case letters b, read
// either as a known spelling or as the canonical syllable canon.
func koClassOf(b []byte, canon []byte) *koClass {
	if c := koRaw(b); c != nil {
		return c
	}
	if len(canon) > 0 {
		if c := koCanon(canon); c != nil {
			return c
		}
		// The canonical form may itself be a customary spelling (a00, OCR
		// for aoo, reads as au, which is Au, 오): read it as one, so that
		// the key, read again, gives itself.
		if c := koRaw(canon); c != nil {
			return c
		}
	}
	return nil
}

// SurnameClass returns the equivalence class of a family-name key: one id
// for every spelling of a Korean surname (lee, yi, rhee, ri and i are
// "lee"; park, pak and bak are "park"; rim, lim, im and yim are "lim"),
// and the key itself when the surname is in no class (Japanese keys
// already fold every spelling of one reading). With origin Unknown the
// Korean classes are tried.
func SurnameClass(familyKey string, origin Origin) string {
	if origin == Japanese || familyKey == "" {
		return familyKey
	}
	if c := tables.koByKey[familyKey]; c != nil {
		return c.key
	}
	if c := tables.koByRaw[familyKey]; c != nil {
		return c.key
	}
	if isASCII(familyKey) && len(familyKey) <= maxKoPiece {
		var buf [maxKoPiece]byte
		b := buf[:copy(buf[:], familyKey)]
		var sb [8]koSyllable
		if syl, ok := segmentKorean(b, false, sb[:0]); ok && len(syl) == 1 {
			var cb [16]byte
			if c := koCanon(appendKoSyllable(cb[:0], syl[0])); c != nil {
				return c.key
			}
		}
	}
	return familyKey
}

// SurnameShare returns the share of the population bearing the surname
// class (as returned by SurnameClass), from the embedded tables: Korean
// 2015 census (kim 0.215, lee 0.147), Japanese 2008 survey (sato 0.0157).
// It returns 0 when the class is not in the tables. With origin Unknown
// the Korean table is tried first.
func SurnameShare(class string, origin Origin) float64 {
	if origin != Japanese {
		if c := tables.koByKey[class]; c != nil {
			return c.share
		}
		if origin == Korean {
			return 0
		}
	}
	return tables.jaShare[class]
}
