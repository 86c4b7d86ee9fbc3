package datasets

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"kinlink/normalize"
	"kinlink/records"
)

// writer is who wrote a record down: the family of a person sought (in the
// list of people sought), or an archive clerk on either side of the sea.
type writer uint8

const (
	writerFamily writer = iota
	writerDPRK
	writerJapan
	writers
)

// style is how a clerk writes a name: a romanisation system or a native
// script. label names it in the truth's variation list.
type style struct {
	label  string
	script bool // kana or Hangul
	ja     normalize.JapaneseSystem
	ko     normalize.KoreanSystem
	// viaHangul: a Japanese name written in Hangul first, then romanised
	// from the Hangul (DPRK records of Japanese people).
	viaHangul bool
	customary bool // Korean surname in its customary spelling (Lee, Park)
	passport  bool // usually all capitals
}

// styleTables[writer][0 for ja, 1 for ko] are the styles each writer uses,
// with the shares assumed for them. They are the model's assumptions, not
// measurements: families write as their passports and school taught them;
// DPRK clerks romanise Japanese names mostly in Hepburn-like spellings, at
// times from a Hangul transcription, and Korean names in the DPRK system;
// Japanese clerks use customary and McCune–Reischauer spellings for Koreans.
var styleTables = func() (t [writers][2]*weighted[style]) {
	jh := func(label string, sys normalize.JapaneseSystem) style {
		return style{label: label, ja: sys, passport: sys == normalize.Passport || sys == normalize.PassportOH}
	}
	ks := func(label string, sys normalize.KoreanSystem) style { return style{label: label, ko: sys} }
	var (
		hepburn     = jh("hepburn", normalize.Hepburn)
		traditional = jh("hepburn_traditional", normalize.HepburnTraditional)
		noMacron    = jh("hepburn_nomacron", normalize.HepburnNoMacron)
		passport    = jh("passport", normalize.Passport)
		passportOH  = jh("passport_oh", normalize.PassportOH)
		kunrei      = jh("kunrei", normalize.Kunrei)
		nihonShiki  = jh("nihon_shiki", normalize.NihonShiki)
		wapuro      = jh("wapuro", normalize.Wapuro)
		viaHangul   = style{label: "korean", viaHangul: true, ko: normalize.DPRK}
		kana        = style{label: "kana", script: true}
		hangul      = style{label: "hangul", script: true}
		rr          = ks("rr", normalize.RR)
		mr          = ks("mr", normalize.MR)
		mrPlain     = ks("mr_plain", normalize.MRPlain)
		dprk        = ks("dprk", normalize.DPRK)
		yale        = ks("yale", normalize.Yale)
		odni        = ks("odni", normalize.ODNI)
		customary   = style{label: "customary", customary: true, ko: normalize.RR}
	)
	add := func(w writer, origin int, s style, share float64) {
		if t[w][origin] == nil {
			t[w][origin] = &weighted[style]{}
		}
		t[w][origin].add(s, share)
	}
	add(writerFamily, 0, noMacron, 0.45)
	add(writerFamily, 0, passport, 0.25)
	add(writerFamily, 0, passportOH, 0.10)
	add(writerFamily, 0, hepburn, 0.15)
	add(writerFamily, 0, kunrei, 0.05)

	add(writerDPRK, 0, noMacron, 0.30)
	add(writerDPRK, 0, hepburn, 0.08)
	add(writerDPRK, 0, passport, 0.15)
	add(writerDPRK, 0, passportOH, 0.04)
	add(writerDPRK, 0, kunrei, 0.10)
	add(writerDPRK, 0, nihonShiki, 0.03)
	add(writerDPRK, 0, wapuro, 0.05)
	add(writerDPRK, 0, viaHangul, 0.10)
	add(writerDPRK, 0, hangul, 0.10)
	add(writerDPRK, 0, kana, 0.05)

	add(writerJapan, 0, kana, 0.15)
	add(writerJapan, 0, hepburn, 0.15)
	add(writerJapan, 0, noMacron, 0.20)
	add(writerJapan, 0, traditional, 0.05)
	add(writerJapan, 0, passport, 0.15)
	add(writerJapan, 0, passportOH, 0.05)
	add(writerJapan, 0, kunrei, 0.12)
	add(writerJapan, 0, nihonShiki, 0.03)
	add(writerJapan, 0, wapuro, 0.10)

	add(writerFamily, 1, customary, 0.65)
	add(writerFamily, 1, rr, 0.25)
	add(writerFamily, 1, mrPlain, 0.07)
	add(writerFamily, 1, mr, 0.03)

	add(writerDPRK, 1, dprk, 0.58)
	add(writerDPRK, 1, mrPlain, 0.12)
	add(writerDPRK, 1, mr, 0.10)
	add(writerDPRK, 1, hangul, 0.15)
	add(writerDPRK, 1, customary, 0.05)

	add(writerJapan, 1, customary, 0.35)
	add(writerJapan, 1, mrPlain, 0.20)
	add(writerJapan, 1, mr, 0.10)
	add(writerJapan, 1, rr, 0.12)
	add(writerJapan, 1, hangul, 0.10)
	add(writerJapan, 1, dprk, 0.05)
	add(writerJapan, 1, odni, 0.04)
	add(writerJapan, 1, yale, 0.04)
	return t
}()

func originIndex(origin string) int {
	if origin == "ja" {
		return 0
	}
	return 1
}

// drawStyle draws a style of w for a name of the origin; with roman set, a
// romanisation only (for a surname of another origin than the given name).
func (g *generator) drawStyle(r *rand.Rand, w writer, origin string, roman bool) style {
	table := styleTables[w][originIndex(origin)]
	s := table.draw(r)
	for roman && s.script {
		s = table.draw(r)
	}
	return s
}

// Letter case of a romanised name.
const (
	caseTitle       = iota // Sato Hiroshi
	caseUpperFamily        // SATO Hiroshi (DPRK and many archives)
	caseUpper              // SATO HIROSHI (passports, telegrams)
)

// Ways of joining the syllables of a Korean given name.
const (
	joinHyphen    = iota // Ho-rim
	joinHyphenCap        // Ho-Rim
	joinJoined           // Horim
	joinSpaced           // Ho Rim
)

// Layout of the name in a record.
const (
	layoutFields      = iota // family_name and given_name
	layoutFamilyFirst        // full_name "Sato Hiroshi"
	layoutGivenFirst         // full_name "Hiroshi Sato"
)

// write renders p as w would have written it, with id as the record id (the
// archive id is set later for planned records). It returns the record and
// the kinds of variation it shows, for the truth.
func (g *generator) write(r *rand.Rand, p *person, w writer, id string) (records.Record, []string) {
	archive := w != writerFamily
	kinds := make([]string, 0, 8)

	family, familyNorth, familyOrigin := p.family, p.familyNorth, p.origin
	useMarried := p.married != "" && archive && chance(r, 0.75)
	if useMarried {
		family, familyNorth, familyOrigin = p.married, p.marriedNorth, p.marriedOrigin
		kinds = append(kinds, "surname:married")
	}

	st := g.drawStyle(r, w, p.origin, false)
	if st.script {
		kinds = append(kinds, "script:"+st.label)
	} else {
		kinds = append(kinds, "system:"+st.label)
	}
	famStyle := st
	if familyOrigin != p.origin {
		famStyle = g.drawStyle(r, w, familyOrigin, true)
	}
	if w == writerFamily && familyOrigin == "ko" {
		// Families spell the surname as their passports do: Kim, Lee, Park
		// (MOFA: Kim 99.55%, Gim 0.42%), whatever system the given name follows.
		famStyle.customary = true
	}
	// The same style and letter case for every name of the record.
	cs := caseTitle
	switch {
	case !archive:
		cs = pick(r, 0.8, 0.1, 0.1)
	case st.passport:
		cs = []int{caseUpper, caseTitle, caseUpperFamily}[pick(r, 0.7, 0.2, 0.1)]
	case st.ko == normalize.DPRK && p.origin == "ko":
		cs = []int{caseTitle, caseUpperFamily, caseUpper}[pick(r, 0.55, 0.35, 0.10)]
	default:
		cs = pick(r, 0.6, 0.2, 0.2)
	}
	join := g.drawJoin(r, st, w)
	if p.origin == "ko" && !st.script && runeCount(p.given) > 1 {
		kinds = append(kinds, [...]string{"given:hyphen", "given:hyphen", "given:joined", "given:spaced"}[join])
	}
	katakana := chance(r, 0.6)
	north := w == writerDPRK || (st.script && chance(r, 0.3))

	renderFamily := func(native, nativeNorth, origin string, s style) string {
		if origin == "ko" && north && nativeNorth != "" {
			native = nativeNorth
		}
		return g.name(r, native, origin, s, joinJoined, katakana, true)
	}
	fam := renderFamily(family, familyNorth, familyOrigin, famStyle)
	given := g.name(r, p.given, p.origin, st, join, katakana, false)
	fam, given = applyCase(fam, cs, true), applyCase(given, cs, false)

	// Clerks' slips: typing and OCR errors in one of the names.
	roman := !st.script
	typoRate, ocrRate := 0.06, 0.04
	if !archive {
		typoRate, ocrRate = 0.02, 0
	}
	if roman && chance(r, typoRate) {
		if chance(r, 0.5) {
			fam = typo(r, fam)
		} else {
			given = typo(r, given)
		}
		kinds = append(kinds, "typo")
	}
	if roman && chance(r, ocrRate) {
		if chance(r, 0.5) {
			fam = ocr(r, fam)
		} else {
			given = ocr(r, given)
		}
		kinds = append(kinds, "ocr")
	}

	rec := records.Record{ID: id}
	layout := layoutFields
	switch w {
	case writerFamily:
		layout = pick(r, 0.85, 0.05, 0.10)
	case writerDPRK:
		layout = pick(r, 0.60, 0.38, 0.02)
	case writerJapan:
		layout = pick(r, 0.65, 0.18, 0.17)
	}
	sep := " "
	if st.script && (st.label == "hangul" && chance(r, 0.7) || st.label == "kana" && chance(r, 0.5)) {
		sep = ""
	}
	switch layout {
	case layoutFields:
		rec.FamilyName, rec.GivenName = fam, given
		if archive && chance(r, 0.02) {
			rec.FamilyName, rec.GivenName = given, fam
			kinds = append(kinds, "order:fields_swapped")
		}
	case layoutFamilyFirst:
		rec.FullName = fam + sep + given
		kinds = append(kinds, "layout:full_name")
	case layoutGivenFirst:
		rec.FullName = given + sep + fam
		kinds = append(kinds, "layout:full_name", "order:given_first")
	}

	// Other names: the maiden name of a woman recorded under her married
	// name (archives), or the married name the family knows of.
	if p.married != "" {
		switch {
		case useMarried && chance(r, 0.5):
			rec.AltNames = applyCase(renderFamily(p.family, p.familyNorth, p.origin, g.drawStyle(r, w, p.origin, !st.script)), cs, true)
			kinds = append(kinds, "alias:maiden")
		case !archive && chance(r, 0.2):
			rec.AltNames = applyCase(renderFamily(p.married, p.marriedNorth, p.marriedOrigin, g.drawStyle(r, w, p.marriedOrigin, true)), cs, true)
		}
	}

	rec.BirthYear = p.birthYear
	if archive {
		switch pick(r, 0.79, 0.10, 0.08, 0.03) {
		case 1:
			rec.BirthYear = 0
		case 2:
			rec.BirthYear += 1 - 2*r.IntN(2)
		case 3:
			rec.BirthYear += 2 - 4*r.IntN(2)
		}
	} else {
		switch pick(r, 0.91, 0.05, 0.04) {
		case 1:
			rec.BirthYear = 0
		case 2:
			rec.BirthYear += 1 - 2*r.IntN(2)
		}
	}

	present := [3]float64{0.95, 0.7, 0.6} // sex, birth place, origin
	if archive {
		present = [3]float64{0.85, 0.5, 0.1}
	}
	if chance(r, present[0]) {
		rec.Sex = p.sex
	}
	if chance(r, present[1]) {
		placeStyle := st
		if placeStyle.customary || placeStyle.viaHangul {
			placeStyle = style{ja: normalize.HepburnNoMacron, ko: normalize.RR}
		}
		rec.BirthPlace = applyCase(g.name(r, p.place, p.origin, placeStyle, joinJoined, katakana, true), cs, true)
	}
	if chance(r, present[2]) {
		rec.Origin = p.origin
	}
	return rec, kinds
}

func (g *generator) drawJoin(r *rand.Rand, st style, w writer) int {
	switch {
	case st.ko == normalize.DPRK && !st.viaHangul:
		return []int{joinSpaced, joinJoined, joinHyphen}[pick(r, 0.85, 0.10, 0.05)]
	case st.ko == normalize.MR || st.ko == normalize.MRPlain:
		return pick(r, 0.6, 0.15, 0.15, 0.10)
	case st.ko == normalize.Yale || st.ko == normalize.ODNI:
		return []int{joinHyphen, joinJoined}[pick(r, 0.5, 0.5)]
	case w == writerFamily:
		return pick(r, 0.5, 0.05, 0.4, 0.05)
	}
	return pick(r, 0.45, 0.05, 0.40, 0.10)
}

// name writes one native name (kana or Hangul) of the origin in the style:
// the native script, or a romanisation in lower case with the given name's
// syllables joined as join says (Korean). family selects the customary
// spellings of Korean surnames.
func (g *generator) name(r *rand.Rand, native, origin string, st style, join int, katakana, family bool) string {
	switch {
	case st.script && origin == "ja" && st.label == "hangul":
		return g.t.kanaToHangul(native)
	case st.script && origin == "ja":
		if katakana {
			return toKatakana(native)
		}
		return native
	case st.script:
		return native
	case origin == "ja" && st.viaHangul:
		return title(strings.Join(normalize.RomanizeHangul(g.t.kanaToHangul(native), st.ko), ""))
	case origin == "ja":
		return title(normalize.RomanizeKana(native, st.ja))
	case family && st.customary:
		if s := g.customary(r, native); s != "" {
			return title(strings.ToLower(s))
		}
	}
	sys := st.ko
	if st.customary && chance(r, 0.4) {
		sys = normalize.MRPlain
	}
	syl := normalize.RomanizeHangul(native, sys)
	if family {
		join = joinJoined
	}
	return joinSyllables(syl, join)
}

// customary draws one of the customary spellings of a Korean surname by its
// observed share ("" when the surname has none on record).
func (g *generator) customary(r *rand.Rand, hangul string) string {
	w, ok := g.spellings[hangul]
	if !ok {
		w = &weighted[string]{}
		for _, s := range normalize.KoreanSurnameSpellings(hangul) {
			w.add(s.Spelling, s.Share)
		}
		g.spellings[hangul] = w
	}
	if len(w.items) == 0 {
		return ""
	}
	return w.draw(r)
}

func joinSyllables(syl []string, join int) string {
	switch join {
	case joinJoined:
		return title(strings.Join(syl, ""))
	case joinSpaced:
		out := make([]string, len(syl))
		for i, s := range syl {
			out[i] = title(s)
		}
		return strings.Join(out, " ")
	case joinHyphenCap:
		out := make([]string, len(syl))
		for i, s := range syl {
			out[i] = title(s)
		}
		return strings.Join(out, "-")
	}
	if len(syl) == 0 {
		return ""
	}
	return title(syl[0]) + strings.Join(append([]string{""}, syl[1:]...), "-")
}

// title upper-cases the first letter of s (after any leading apostrophe).
func title(s string) string {
	for i, c := range s {
		if unicode.IsLetter(c) {
			return s[:i] + string(unicode.ToUpper(c)) + s[i+utf8.RuneLen(c):]
		}
	}
	return s
}

func applyCase(s string, cs int, family bool) string {
	if cs == caseUpper || (cs == caseUpperFamily && family) {
		return strings.ToUpper(s)
	}
	return s
}

// qwerty neighbours of each letter, for typing errors.
var keyNeighbours = map[byte]string{
	'a': "qwsz", 'b': "vghn", 'c': "xdfv", 'd': "serfcx", 'e': "wsdr", 'f': "drtgvc",
	'g': "ftyhbv", 'h': "gyujnb", 'i': "ujko", 'j': "huikmn", 'k': "jiolm", 'l': "kop",
	'm': "njk", 'n': "bhjm", 'o': "iklp", 'p': "ol", 'q': "wa", 'r': "edft", 's': "awedxz",
	't': "rfgy", 'u': "yhji", 'v': "cfgb", 'w': "qase", 'x': "zsdc", 'y': "tghu", 'z': "asx",
}

// typo makes one typing error in s: a neighbouring key, a dropped, doubled
// or transposed letter. The first letter is left alone: typists rarely miss it.
func typo(r *rand.Rand, s string) string {
	b := []byte(s)
	var at []int // positions of ASCII letters after the first
	for i := 1; i < len(b); i++ {
		if c := b[i] | 0x20; c >= 'a' && c <= 'z' {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return s
	}
	i := at[r.IntN(len(at))]
	switch r.IntN(4) {
	case 0:
		n := keyNeighbours[b[i]|0x20]
		c := n[r.IntN(len(n))]
		if b[i] < 'a' {
			c -= 0x20
		}
		b[i] = c
	case 1:
		if len(at) > 1 {
			b = append(b[:i], b[i+1:]...)
		}
	case 2:
		b = append(b[:i+1], b[i:]...)
	case 3:
		if i+1 < len(b) && b[i+1]|0x20 >= 'a' && b[i+1]|0x20 <= 'z' && b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
		} else if b[i-1] < 0x80 { // never split a multi-byte letter (ō)
			b[i-1], b[i] = b[i], b[i-1]
		}
	}
	return string(b)
}

// ocrConfusions are the misreadings of optical character recognition on
// typed and printed records.
var ocrConfusions = [][2]string{
	{"rn", "m"}, {"m", "rn"}, {"l", "I"}, {"I", "l"}, {"i", "l"}, {"o", "0"}, {"O", "0"},
	{"e", "c"}, {"c", "e"}, {"h", "b"}, {"u", "v"}, {"n", "h"}, {"cl", "d"}, {"S", "5"},
	{"B", "8"}, {"a", "o"}, {"E", "F"}, {"H", "N"}, {"U", "V"}, {"K", "X"},
}

// ocr makes one OCR misreading in s, if any applies.
func ocr(r *rand.Rand, s string) string {
	start := r.IntN(len(ocrConfusions))
	for k := range ocrConfusions {
		c := ocrConfusions[(start+k)%len(ocrConfusions)]
		if n := strings.Count(s, c[0]); n > 0 {
			nth := r.IntN(n)
			i := 0
			for ; nth >= 0; nth-- {
				j := strings.Index(s[i:], c[0])
				i += j
				if nth > 0 {
					i += len(c[0])
				}
			}
			return s[:i] + c[1] + s[i+len(c[0]):]
		}
	}
	return s
}
