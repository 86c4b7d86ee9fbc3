package normalize

import "unicode/utf8"

// Extra Korean readings.
//
// A key folds only what the romanisation systems force to fold. Two more
// kinds of sameness are left to extra readings, so that they add matches
// without merging keys (박소진 and 박수진 keep their own keys):
//
//   - customary spellings that stand for more than one vowel or
//     syllable: u for ㅓ in a syllable with an initial consonant and a
//     final or before n (Hyun 현, Jung 정, Sunye 선예; not Un, which is
//     운 or 은), yu for ㅕ (Kyun 견; not Yun, 윤), hee and hi for 희, a doubled
//     consonant for a final and an initial (Hyokkose 혁거세), and RR's
//     "aeu" for 대운 as well as 다은. Each such name gets one more reading,
//     with every such syllable read the other way;
//   - the sound changes that MR, ALA-LC and RR's phonetic spellings write
//     (덕룡 is Tŏng-nyong, 백년 Paeng-nyŏn, 신라 Silla, 래선 Nae-sŏn): every
//     name of two or more syllables also gets its pronounced reading, its
//     syllables changed as the standard pronunciation changes them, so
//     that a spelling of the letters meets a spelling of the sounds.

// Spelling flags: how the letters of a romanised syllable spell it.
const (
	spellU        = 1 << iota // vowel written u (ㅜ ㅡ, or customary ㅓ)
	spellYU                   // vowel written yu (ㅠ, or customary ㅕ)
	spellHI                   // written hi or hee (히, or customary 희)
	spellDouble               // initial written kk, tt or pp (or a final and an initial)
	spellEU                   // written eu alone (으; after a: 다은, or 대운)
	spellA                    // vowel written a, ya or wa (see spellEU)
	spellAny      = spellU | spellYU | spellHI | spellDouble | spellEU
	maxKoTracked  = 12 // syllables of one part followed for extra readings
	koAltPenalty  = 0.5
	koPronPenalty = 0.25
)

// koSpellOf returns the spelling flags of an onset spelled ini+v.
func koSpellOf(ini, v *spelling) uint8 {
	var f uint8
	switch v.s {
	case "u":
		f |= spellU
	case "yu":
		f |= spellYU
	case "a", "ya", "wa":
		f |= spellA
	case "eu":
		if ini.s == "" {
			f |= spellEU
		}
	}
	if ini.class == kiH && (v.s == "i" || v.s == "ee") {
		f |= spellHI
	}
	if ini.s == "kk" || ini.s == "tt" || ini.s == "pp" {
		f |= spellDouble
	}
	return f
}

// koPartTrack follows the syllables of one part of a Korean reading as
// its key is built, with how they were spelled.
type koPartTrack struct {
	syl   [maxKoTracked]koSyllable
	spell [maxKoTracked]uint8
	n     int
	spelt uint8 // the spelling flags of every syllable ORed: none of spellAny, no customary reading
	ok    bool  // every letter of the part read as syllables, at most maxKoTracked of them
	class bool  // the part is a surname of the tables: its key is its class, with no other reading
	mr    bool  // written with MR's breves or aspirates, where u and yu are never ㅓ and ㅕ
	// rr: a family name spelled as RR spells it and its bearers hardly
	// ever do (Gim, Bak, I: see koClass.rareRR); the given name is
	// then read as RR reads it: u and yu never ㅓ and ㅕ, hi never 희
	rr bool
}

func (p *koPartTrack) reset() {
	p.n, p.spelt, p.ok, p.class, p.mr, p.rr = 0, 0, true, false, false, false
}

// add follows the syllables syl, spelled as spell says (nil: Hangul,
// no spelling). A name's pieces are a syllable or two: they are copied
// one by one.
func (p *koPartTrack) add(syl []koSyllable, spell []uint8) {
	if p.n+len(syl) > maxKoTracked {
		p.ok = false
		return
	}
	for k, s := range syl {
		p.syl[p.n+k] = s
	}
	if spell != nil {
		for k, sp := range spell[:len(syl)] {
			p.spell[p.n+k] = sp
			p.spelt |= sp
		}
	} else {
		clear(p.spell[p.n : p.n+len(syl)])
	}
	p.n += len(syl)
}

// mrAspirate reports whether letters hold MR's apostrophe of an
// aspirate (k' t' p' ch').
func mrAspirate(letters []byte) bool {
	for i := 1; i < len(letters); i++ {
		if letters[i] == '\'' {
			switch letters[i-1] {
			case 'k', 't', 'p', 'h':
				return true
			}
		}
	}
	return false
}

// koTrack follows the parts of the last Korean reading built (see
// candidate.build), for appendKoReadings.
type koTrack struct {
	on    bool // appendKoPart records into part[at]
	at    int
	part  [2]koPartTrack // family, given
	valid bool           // the parts describe the reading built as number build
	build uint32         // counts the Korean readings built (see candidateInfo.buildNo)
}

// start begins following part at (0 family, 1 given) of a new reading.
func (t *koTrack) start(at int) {
	if at == 0 {
		t.valid = false
		t.build++
		t.part[1].reset()
		t.part[1].ok = false
	}
	t.on, t.at = true, at
	t.part[at].reset()
}

// finish ends following the reading built as number build.
func (t *koTrack) finish() { t.valid = true }

// koAlternative writes into alt the customary reading of the syllables of
// p, and reports whether it differs from them. With rr (the family name
// is spelled as RR spells it and hardly any bearer does), and in a part
// written in MR, u, yu and hi keep the systems' reading.
func koAlternative(p *koPartTrack, alt []koSyllable, rr bool) bool {
	changed := false
	strict := p.mr || rr
	for k := 0; k < p.n; k++ {
		s, sp := p.syl[k], p.spell[k]
		if sp&spellAny == 0 {
			alt[k] = s
			continue
		}
		// closed: by a final, or by the n that starts the next syllable
		// (Sunye is su+nye, Hyunyoung hyu+nyoung); after a consonant:
		// without one, u and yu are 운 은 윤 (Yun is 윤, 연 is Yeon or Youn)
		closed := s.fin != kfNone || k+1 < p.n && p.syl[k+1].ini == kiN
		customary := closed && s.ini != kiNone && !strict
		switch {
		case sp&spellU != 0 && customary && s.vow == kvU:
			s.vow = kvO
		case sp&spellYU != 0 && customary && s.vow == kvYU:
			s.vow = kvYO
		case sp&spellHI != 0 && s.vow == kvI && !strict:
			s.vow = kvUI
		}
		if k > 0 {
			prev := &alt[k-1]
			switch {
			case sp&spellDouble != 0 && prev.fin == kfNone:
				prev.fin = plosiveFinal[s.ini]
			case sp&spellEU != 0 && p.spell[k-1]&spellA != 0 && prev.fin == kfNone && s.fin != kfNone:
				prev.vow = withE[prev.vow]
			}
		}
		alt[k] = s
		changed = changed || s != p.syl[k] || k > 0 && alt[k-1] != p.syl[k-1]
	}
	return changed
}

// koPronounceChanges reports whether koPronounce changes syl, without
// writing anything: whether some rule applies to the syllables as they
// are. The first rule that applies decides, because no change koPronounce
// makes is ever undone: an initial is changed once, by the rules of its
// pair with the syllable before (or by the initial-sound law), and so is
// a final, by the rules of its pair with the syllable after, each to
// another value.
func koPronounceChanges(syl []koSyllable) bool {
	if len(syl) == 0 {
		return false
	}
	if s0 := syl[0]; s0.ini == kiR || s0.ini == kiN && iotated[s0.vow] {
		return true
	}
	for k := 0; k+1 < len(syl); k++ {
		a, b := syl[k], syl[k+1]
		switch b.ini {
		case kiR:
			// 렬 and 률 after a vowel or ㄴ; ㄴ before ㄹ; ㄹ after a final
			// but ㄹ
			if a.fin != kfNone && a.fin != kfR || a.fin == kfNone && b.fin == kfR && (b.vow == kvYO || b.vow == kvYU) {
				return true
			}
		case kiN:
			if a.fin == kfR || nasalFinal[a.fin] != a.fin {
				return true
			}
		case kiM:
			if nasalFinal[a.fin] != a.fin {
				return true
			}
		case kiH:
			if plosiveInitial[a.fin] != kiNone {
				return true
			}
		case kiNone:
			if b.vow == kvI && a.fin == kfD {
				return true
			}
		}
	}
	return false
}

// plosiveFinal is the final of a plosive initial's class (kfNone for the
// others); withE is ㅏ ㅑ ㅘ's vowel with ㅣ added (ㅐ ㅒ ㅙ).
var plosiveFinal = [numKoInitials]uint8{kiG: kfG, kiD: kfD, kiB: kfB}
var withE = func() (t [numKoVowels]uint8) {
	for v := range t {
		t[v] = uint8(v)
	}
	t[kvA], t[kvYA], t[kvWA] = kvAE, kvYAE, kvWAE
	return
}()

// koPronounce writes into out the syllables syl as the standard
// pronunciation changes them, and reports whether it does: the
// initial-sound law at the start (리 → 이, 래 → 내, 녀 → 여), ㄹ after a
// final but ㄴ and ㄹ read ㄴ (종로 → 종노), ㄴ and ㄹ together read ㄹㄹ
// (신라 → 실라, 설날 → 설랄), plosive finals nasal before ㄴ and ㅁ (백년 →
// 뱅년, 덕룡 → 덩뇽), a plosive final and ㅎ one aspirate (백호 → 배코), and
// ㄷ before 이 read ㅈ (맏이 → 마지).
func koPronounce(syl []koSyllable, out []koSyllable) bool {
	copy(out, syl)
	if len(out) == 0 {
		return false
	}
	s0 := &out[0]
	switch {
	case s0.ini == kiR && iotated[s0.vow]:
		s0.ini = kiNone
	case s0.ini == kiR:
		s0.ini = kiN
	case s0.ini == kiN && iotated[s0.vow]:
		s0.ini = kiNone
	}
	for k := 0; k+1 < len(out); k++ {
		a, b := &out[k], &out[k+1]
		switch {
		case b.ini == kiR && b.fin == kfR && (b.vow == kvYO || b.vow == kvYU) && (a.fin == kfNone || a.fin == kfN):
			b.ini = kiNone // 렬 and 률 after a vowel or ㄴ: 안렬 → 안열, 선률 → 선율
		case b.ini == kiR && a.fin == kfN:
			a.fin = kfR
		case b.ini == kiN && a.fin == kfR:
			b.ini = kiR
		case b.ini == kiR && a.fin != kfR && a.fin != kfNone:
			b.ini = kiN
		}
		switch {
		case b.ini == kiN || b.ini == kiM:
			a.fin = nasalFinal[a.fin]
		case b.ini == kiH && plosiveInitial[a.fin] != kiNone:
			a.fin, b.ini = kfNone, plosiveInitial[a.fin]
		case b.ini == kiNone && b.vow == kvI && a.fin == kfD:
			a.fin, b.ini = kfNone, kiJ
		}
	}
	for k := range out {
		if out[k] != syl[k] {
			return true
		}
	}
	return false
}

// iotated holds ㅣ and the y-vowels, before which the initial-sound law
// drops ㄹ and ㄴ.
var iotated = [numKoVowels]bool{kvI: true, kvYA: true, kvYAE: true, kvYO: true, kvYE: true, kvYU: true}

// nasalFinal is the final as it reads before a nasal; plosiveInitial the
// initial a plosive final makes with ㅎ (kiNone for the others).
var nasalFinal = [numKoFinals]uint8{kfNone: kfNone, kfG: kfNG, kfN: kfN, kfD: kfN, kfR: kfR, kfM: kfM, kfB: kfM, kfNG: kfNG}
var plosiveInitial = [numKoFinals]uint8{kfG: kiG, kfD: kiD, kfB: kiB}

// appendKoReadings appends the extra readings (see the top of this file)
// of the Korean candidates of out[from:] that the last Korean build
// tracked, each just below the reading it comes from.
func appendKoReadings(out []candidate, from int, tr *koTrack) []candidate {
	if !tr.valid {
		return out
	}
	end := len(out)
	for i := from; i < end; i++ {
		if out[i].origin != Korean || out[i].buildNo != tr.build {
			continue
		}
		// most names have neither reading: tell so before building them
		some := false
		for p := range tr.part {
			t := &tr.part[p]
			if t.ok && !t.class && t.n > 0 && (t.spelt&spellAny != 0 || koPronounceChanges(t.syl[:t.n])) {
				some = true
				break
			}
		}
		if !some {
			continue
		}
		var alt, pron [2][maxKoTracked]koSyllable
		var hasAlt, hasPron bool
		for p := range tr.part {
			t := &tr.part[p]
			if !t.ok || t.class || t.n == 0 {
				copy(alt[p][:], t.syl[:t.n])
				copy(pron[p][:], t.syl[:t.n])
				continue
			}
			if koAlternative(t, alt[p][:t.n], tr.part[0].rr) {
				hasAlt = true
			}
			if koPronounce(t.syl[:t.n], pron[p][:t.n]) {
				hasPron = true
			}
		}
		if hasPron {
			out = appendKoVariant(out, i, tr, &pron, koPronPenalty)
		}
		if hasAlt {
			out = appendKoVariant(out, i, tr, &alt, koAltPenalty)
		}
	}
	return out
}

// appendKoVariant appends a copy of out[i] whose untracked or class parts
// keep their keys and whose tracked parts are spelled from syl.
func appendKoVariant(out []candidate, i int, tr *koTrack, syl *[2][maxKoTracked]koSyllable, penalty float64) []candidate {
	out, c := appendCandidate(out)
	src := &out[i]
	c.candidateInfo = src.candidateInfo
	c.score -= penalty
	c.loose = true
	famKey, givKey := src.key[:src.famLen], []byte(nil)
	switch {
	case src.famLen == 0:
		givKey = src.key[:src.n]
	case src.n > src.famLen:
		givKey = src.key[src.famLen+1 : src.n]
	}
	dst := c.key[:0]
	if t := &tr.part[0]; len(famKey) > 0 && t.ok && !t.class && t.n > 0 {
		for _, s := range syl[0][:t.n] {
			dst = appendKoSyllable(dst, s)
		}
		// read as a family name again, it may spell a surname (리 read
		// 이 is Lee)
		if class := koClassOf(dst, dst); class != nil {
			dst = append(dst[:0], class.key...)
			c.fi.class = class.id
		}
	} else {
		dst = append(dst, famKey...)
	}
	c.famLen = len(dst)
	if len(givKey) > 0 {
		if c.famLen > 0 {
			dst = append(dst, ' ')
		}
		if t := &tr.part[1]; t.ok && t.n > 0 {
			for _, s := range syl[1][:t.n] {
				dst = appendKoSyllable(dst, s)
			}
		} else {
			dst = append(dst, givKey...)
		}
	}
	c.n = len(dst)
	return out
}

// compoundFamily reports whether a Korean reading's family name is a
// surname of two syllables (남궁, 제갈), which no class holds.
func (c *candidate) compoundFamily() bool {
	return c.famLen > 0 && koCompound[string(c.key[:c.famLen])]
}

// unsplitHangulPrior is the prior of a lone Hangul word of two or more
// syllables read whole (a place, or a name written as a romanised word
// is read): below the split after a surname, which gains the class's
// bonus (see koClassID.bonus), but within reach of it; first when no
// surname begins it.
func unsplitHangulPrior(text string) float64 {
	r, size := utf8.DecodeRuneInString(text)
	if r2, size2 := utf8.DecodeRuneInString(text[size:]); size2 > 0 && koCompoundHangul[string([]rune{r, r2})] {
		return -1 // 남궁민수: the split gains nothing from a class
	}
	if c := koRune(r); c != nil {
		return c.id.bonus() - 1
	}
	return -1
}

// swappedFieldsBelow is how far a name read with its fields swapped (see
// koSurnameSwapped) ranks below the best reading of the fields as given:
// it is offered, second, since the fields as given are what the record
// says.
const swappedFieldsBelow = 1

// koSurnameSwapped reports whether the given field holds a Korean surname
// of the tables, in letters or Hangul, and the family field does not
// (Sunsuk I, Seojin Bak, 순숙 이): a reading with the fields swapped puts
// the surname's class in the family key, so that family names compare.
func koSurnameSwapped(kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token) bool {
	if len(gt) != 1 || len(ft) == 0 || !koSurnameToken(gf, &gt[0]) {
		return false
	}
	// the family field can be no surname: two syllables or more, and no
	// surname of two
	if scriptsOf(ft) == 1<<scriptHangul {
		n := 0
		for i := range ft {
			n += utf8.RuneCountInString(ff.text(&ft[i]))
		}
		return n >= 2 && !koCompoundHangul[ff.text(&ft[0])]
	}
	return scriptsOf(ft) == 1<<scriptLatin && tooManyVowels(ff, ft, 1) && koCompoundless(kb, ff, ft)
}

// koSurnameToken reports whether token t is a Korean surname of the
// tables: a spelling of one (Lee, Bak, Gang) or one Hangul syllable of
// one (이, 박).
func koSurnameToken(f *fieldScratch, t *token) bool {
	switch t.script {
	case scriptLatin:
		return koSurnameShare(f, t) > 0
	case scriptHangul:
		r, size := utf8.DecodeRuneInString(f.text(t))
		return size == len(f.text(t)) && koRune(r) != nil
	}
	return false
}
