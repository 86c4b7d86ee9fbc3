package normalize

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"
)

// candidate is one reading of a (family, given) split under one origin.
type candidate struct {
	key [maxKey]byte // key[:n]; build writes it
	candidateInfo
}

// candidateInfo is what a candidate holds besides its key bytes: small
// enough to clear cheaply (see appendCandidate).
type candidateInfo struct {
	origin    Origin
	n, famLen int
	fi, gi    partInfo
	score     float64
	plausible bool
	loose     bool // an extra Korean reading (see appendKoReadings)
	swapped   bool // read from the given field as the family name (see koSurnameSwapped)
	// keep marks the Korean reading of a name in hanja whose surname is
	// a Korean one (朴, 崔, 金) and whose given name is one or two hanja:
	// sortCandidates keeps it, however well the Japanese readings score
	// (崔順子 reads as Sai Zunko too)
	keep bool
	// buildNo numbers a Korean reading's build (see koTrack), so that the
	// readings copied from it are known as its own
	buildNo uint32
	// fam and giv delimit the family and given text shown to people in
	// the strings result is given (see display)
	fam, giv span
}

// appendCandidate appends a candidate to out, cleared but for its key
// bytes, which nothing reads beyond key[:n], and returns it.
func appendCandidate(out []candidate) ([]candidate, *candidate) {
	if len(out) < cap(out) {
		out = out[:len(out)+1]
	} else {
		out = append(out, candidate{})
	}
	c := &out[len(out)-1]
	c.candidateInfo = candidateInfo{}
	return out, c
}

func (c *candidate) keyBytes() []byte { return c.key[:c.n] }

// jaKnown reports whether c is a Japanese reading whose family name is a
// surname of the Japanese table. Only scores ask, so it is looked up when
// they do.
func (c *candidate) jaKnown() bool {
	if c.origin != Japanese || c.famLen == 0 {
		return false
	}
	_, ok := jaShareOf(c.key[:c.famLen])
	return ok
}

// build fills c with the keys of the split under origin o (Japanese,
// Korean, or Unknown for plain letters).
func (c *candidate) build(kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, o Origin, yale bool) {
	c.origin = o
	c.fi, c.gi = partInfo{}, partInfo{}
	dst := c.key[:0]
	switch o {
	case Japanese:
		dst = appendJaPart(dst, kb, ff, ft, true, &c.fi)
	case Korean:
		kb.track.start(0) // followed for extra readings (see appendKoReadings)
		dst = appendKoPart(dst, kb, ff, ft, true, yale, &c.fi)
		kb.track.on = false
	default:
		dst = appendPlain(dst, kb, ff, ft, &c.fi)
	}
	if len(dst) > maxRaw {
		dst = dst[:maxRaw] // a part this long is no name; keep it bounded
	}
	c.famLen = len(dst)
	if len(gt) > 0 {
		dst = append(dst, ' ')
		mark := len(dst)
		switch o {
		case Japanese:
			dst = appendJaPart(dst, kb, gf, gt, false, &c.gi)
		case Korean:
			kb.track.start(1)
			dst = appendKoPart(dst, kb, gf, gt, false, yale, &c.gi)
			kb.track.on = false
		default:
			dst = appendPlain(dst, kb, gf, gt, &c.gi)
		}
		if len(dst)-mark > maxRaw {
			dst = dst[:mark+maxRaw]
		}
		if len(dst) == mark {
			dst = dst[:mark-1]
		} else if c.famLen == 0 {
			// no family key: the key is the given key alone
			copy(dst, dst[mark:])
			dst = dst[:len(dst)-mark]
		}
	} else {
		c.gi = partInfo{ok: true, readable: true}
	}
	if len(ft) == 0 {
		c.fi = partInfo{ok: true, readable: true}
	}
	// dst may have outgrown c.key (it cannot for the bounded parts, but
	// stay safe)
	c.n = copy(c.key[:], dst)
	if c.famLen > c.n {
		c.famLen = c.n
	}
	if o == Korean {
		kb.track.finish()
		c.buildNo = kb.track.build
	}
}

// familyKey and givenKey return the part keys within k (the Key string).
func (c *candidate) split(k string) (fam, giv string) {
	if c.famLen == 0 {
		return "", k
	}
	if c.famLen >= len(k) {
		return k, ""
	}
	return k[:c.famLen], k[c.famLen+1:]
}

// appendPlain appends lower-case letters and digits: the key of a name
// that is neither Japanese nor Korean romanisation.
func appendPlain(dst []byte, kb *keyBuf, f *fieldScratch, toks []token, info *partInfo) []byte {
	info.ok, info.readable = true, true
	for i := range toks {
		t := &toks[i]
		if t.script != scriptLatin {
			if t.script == scriptHangul {
				dst = appendKoPart(dst, kb, f, toks[i:i+1], false, false, info)
			} else {
				dst = appendJaPart(dst, kb, f, toks[i:i+1], false, info)
			}
			continue
		}
		for _, c := range f.lettersOf(t) {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				dst = append(dst, c)
			}
		}
	}
	return dst
}

// signals is the evidence in a name's letters for each origin.
type signals struct{ ko, ja float64 }

// isVowel reports whether c is one of the letters a e i o u.
func isVowel(c byte) bool { return vowels[c] }

var vowels = [256]bool{'a': true, 'e': true, 'i': true, 'o': true, 'u': true}

// add adds the evidence of one Latin token's letters b.
func (s *signals) add(b []byte) {
	n := len(b)
	if n == 0 {
		return
	}
	switch last := b[n-1]; last {
	case 'k', 'l', 'm', 'p', 't', 'r':
		s.ko += 2
	case 'g':
		if n > 1 && b[n-2] == 'n' {
			s.ko += 2
		}
	}
	if n >= 2 {
		if p, c := b[n-2], b[n-1]; c == 'e' && (p == 'a' || p == 'o') || p == 'u' && c == 'i' {
			s.ko++ // Bae, Choe, Hui
		}
	}
	var eo, ja bool
	l := b[0] == 'l'
	for i := 1; i < n; i++ {
		c, p := b[i], b[i-1]
		var nx byte
		if i+1 < n {
			nx = b[i+1]
		}
		// one clue per letter, read from the letter and the one before
		switch c {
		case 'o':
			eo = eo || p == 'e'
		case 'u':
			switch p {
			case 'e':
				eo = true
			case 'u':
				s.ja++
			case 'f':
				ja = true // fu
			}
		case '\'':
			switch {
			case p == 'k' || p == 't' || p == 'p' || p == 'h':
				s.ko += 2 // MR k' t' p' ch'
			case p == 'n' && (isVowel(nx) || nx == 'y'):
				s.ja++ // Shin'ichi
			}
		case '-':
			switch {
			case p == 'n' && (isVowel(nx) || nx == 'y'):
				s.ja++ // Shin-ichi
			case nx != 0:
				s.ko++ // Ho-rim
			}
		case 'h':
			if (p == 'k' || p == 't' || p == 'p') && isVowel(nx) {
				s.ko++ // DPRK kh th ph
			}
		case 'k', 's', 't', 'p':
			switch {
			case c == p && i >= 2 && isVowel(nx):
				s.ja++ // Hattori
			case c == 's' && p == 't':
				ja = true // tsu
			}
		case 'a', 'i':
			switch {
			case c == p:
				s.ja++
			case c == 'i' && p == 'e':
				ja = true // ei
			}
		case 'c':
			ja = ja || p == 't' // tch
		case 'z':
			ja = ja || p == 'd' // dzu
		case 'l':
			l = true
		}
	}
	if eo {
		s.ko += 2
	}
	if l {
		s.ko++
	}
	if ja {
		s.ja += 2
	}
}

func nameSignals(ff *fieldScratch, ft []token, gf *fieldScratch, gt []token) signals {
	var s signals
	for i := range ft {
		if ft[i].script == scriptLatin {
			s.add(ff.lettersOf(&ft[i]))
		}
	}
	for i := range gt {
		if gt[i].script == scriptLatin {
			s.add(gf.lettersOf(&gt[i]))
		}
	}
	// several one-syllable given words (DPRK "Ho Rim") are Korean
	if len(gt) >= 2 && len(gt) <= 3 {
		short := true
		for i := range gt {
			if gt[i].script != scriptLatin || gt[i].hi-gt[i].lo > 5 {
				short = false
			}
		}
		if short {
			s.ko++
		}
	}
	if ff.breve || gf.breve {
		s.ko += 2
	}
	if ff.macron || gf.macron {
		s.ja += 2
	}
	return s
}

// koCompound holds the canonical keys of the two-syllable surnames.
var koCompound = func() map[string]bool {
	m := map[string]bool{}
	for _, h := range []string{"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절", "사마", "공손"} {
		var b []byte
		for _, r := range h {
			b = appendKoSyllable(b, hangulSyllable(r))
		}
		m[string(b)] = true
	}
	return m
}()

var koCompoundHangul = map[string]bool{"남궁": true, "황보": true, "제갈": true, "선우": true, "독고": true, "사공": true, "서문": true, "동방": true,
	"사마": true, "공손": true} // 司馬, 公孫: Chinese compound surnames, as Korean reads them (사마광 = 司馬光)

// judgeKorean decides whether a Korean reading is plausible: every part
// read as Korean syllables, a one-syllable surname (or a known surname or
// compound), a given name of one to three syllables.
func (c *candidate) judgeKorean(hasFamily bool) {
	fi, gi := &c.fi, &c.gi
	c.plausible = fi.ok && gi.ok && gi.units <= 3
	if hasFamily && fi.class == 0 && fi.units != 1 && !koCompound[string(c.key[:c.famLen])] {
		c.plausible = false
	}
}

// scoreKorean scores a Korean reading by the evidence s and its surname.
func (c *candidate) scoreKorean(s signals) {
	fi, gi := &c.fi, &c.gi
	c.score = s.ko
	if fi.class != 0 {
		c.score += fi.class.bonus()
	} else if c.compoundFamily() {
		c.score += 4
	}
	if fi.hasHang || gi.hasHang {
		c.score += 10
	}
}

// judgeJapanese decides whether a Japanese reading is plausible: every
// part read as romaji.
func (c *candidate) judgeJapanese() {
	c.plausible = c.fi.ok && c.gi.ok
}

// scoreJapanese scores a Japanese reading by the evidence s, its surname
// and the length of the surname.
func (c *candidate) scoreJapanese(s signals, hasFamily bool) {
	fi, gi := &c.fi, &c.gi
	c.score = s.ja
	if fi.odd || gi.odd {
		c.score -= 3
	}
	if c.jaKnown() {
		share, _ := jaShareOf(c.key[:c.famLen])
		c.score += 4 + 10*share
	}
	if hasFamily && fi.units <= 1 {
		c.score -= 2 // Japanese surnames of one mora are rare
	}
	if fi.hasKana || gi.hasKana {
		c.score += 10
	}
}

// endsInConsonant reports whether a Latin token ends in a letter no
// romaji word ends in (Kim, Park, Rim, Jong): a quick test that saves
// reading such a name as Japanese.
func endsInConsonant(f *fieldScratch, toks []token) bool {
	for i := range toks {
		if toks[i].script != scriptLatin {
			continue
		}
		b := f.lettersOf(&toks[i])
		if len(b) > 0 && noRomajiEnd[b[len(b)-1]] {
			return true
		}
	}
	return false
}

// noRomajiEnd holds the letters no romaji word ends in.
var noRomajiEnd = func() (t [256]bool) {
	for _, c := range []byte("bcdfgjklmpqrstvxz") {
		t[c] = true
	}
	return
}()

// tooManyVowels reports whether the Latin letters of toks hold more than
// max vowel groups (a Korean surname has one, a compound surname two;
// w and y count as consonants, so Hwang, Kwon and Ryu have one).
func tooManyVowels(f *fieldScratch, toks []token, max int) bool {
	groups := 0
	for i := range toks {
		if toks[i].script != scriptLatin {
			return false
		}
		in := false
		for _, c := range f.lettersOf(&toks[i]) {
			v := isVowel(c)
			if v && !in {
				groups++
			}
			in = v
		}
	}
	return groups > max
}

// koCompoundless reports whether the family tokens are not a known
// Korean spelling (a long one such as Hwangbo is still read).
func koCompoundless(kb *keyBuf, f *fieldScratch, toks []token) bool {
	if len(toks) != 1 {
		return true
	}
	_, known := koSurnameRawIdx.getBytes(f.bareLetters(&toks[0], kb.tmp[:]))
	return !known
}

// koSurnameRaw holds the spellings of the surnames of koByRaw and of the
// two-syllable ones: one look-up for koCompoundless.
var koSurnameRaw = func() map[string]bool {
	m := make(map[string]bool, len(tables.koByRaw)+len(koCompoundRaw))
	for raw := range tables.koByRaw {
		m[raw] = true
	}
	for raw := range koCompoundRaw {
		m[raw] = true
	}
	return m
}()

// koSurnameRawIdx is koSurnameRaw as a strTable.
var koSurnameRawIdx = newStrTable(koSurnameRaw, func(string, bool) int32 { return 0 })

// koCompoundRaw holds the spellings of the two-syllable surnames in every
// system and the customary ones.
var koCompoundRaw = func() map[string]bool {
	m := map[string]bool{}
	for h := range koCompoundHangul {
		for _, sys := range KoreanSystems {
			m[lettersLower(strings.Join(RomanizeHangul(h, sys), ""))] = true
		}
	}
	for _, s := range []string{"namkoong", "namgoong", "namkung", "hwangbo", "jekal", "chegal", "sunwoo", "seonwoo", "sonu", "dokko", "tokko", "sakong", "seomoon", "somun", "dongbang", "tongbang"} {
		m[s] = true
	}
	return m
}()

// scriptsOf returns the set of the scripts of toks, one bit per script.
func scriptsOf(toks []token) (set uint8) {
	for i := range toks {
		set |= 1 << (toks[i].script & 7) // the mask spares the check for a shift past the width
	}
	return set
}

// scratch is the working memory of one Parse or ParseFull call. It is
// large, and clearing it on every call would cost more than reading a
// short name, so calls take it from scratchPool and give it back: every
// part of it is written before it is read, and nothing in a result points
// into it. It holds no pointers but the fields' cleaned text, so that
// writing it costs no write barriers while the garbage collector runs.
type scratch struct {
	ff, gf fieldScratch
	kb     keyBuf
	cands  [8]candidate
	key    [2 * maxKey]byte // the result's strings before they are copied out
	// out is where the result goes (its storage reused; nil: a new
	// slice); variants asks for Name.Variants.
	out      []Name
	variants bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// readSplit reads one (family, given) split under origin o (Unknown: both
// origins, as the evidence decides) and appends the plausible readings to
// out, each with prior added to its score. Unless ranked is set (the
// caller weighs the readings against those of other splits), a lone
// reading is not scored: nothing would read its score.
func readSplit(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, o Origin, prior float64, ranked bool) []candidate {
	n := len(out)
	kb.track.valid = false
	out = readSplitOnce(out, kb, ff, ft, gf, gt, o, prior, ranked)
	return appendKoReadings(out, n, &kb.track)
}

// readSplitOnce is readSplit without the extra Korean readings.
func readSplitOnce(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, o Origin, prior float64, ranked bool) []candidate {
	sc := scriptsOf(ft) | scriptsOf(gt)
	hasKana, hasHangul, hasHan := sc&(1<<scriptKana) != 0, sc&(1<<scriptHangul) != 0, sc&(1<<scriptHan) != 0
	keepKorean := false
	if hasHan && !hasHangul && o != Korean {
		// kanji: their readings from the names dictionaries
		n := len(out)
		out = readKanji(out, kb, ff, ft, gf, gt, prior, kb.wantExtra)
		if o == Japanese || hasKana {
			return out
		}
		// or hanja: the Korean reading below, weighed against these,
		// which a surname of one kanji that is a Korean surname (金 李
		// 朴) favours
		if !koreanHanjaSurname(ff, ft) {
			for i := n; i < len(out); i++ {
				out[i].score += 2
			}
		} else {
			keepKorean = koreanGivenShape(gf, gt)
		}
		o = Korean
	}
	// the script decides over the origin asked for
	switch {
	case hasHangul && !hasKana && !hasHan && o != Korean:
		return readHangul(out, kb, ff, ft, gf, gt, o, prior)
	case hasHangul:
		o = Korean
	case hasKana && sc == 1<<scriptKana && o != Japanese:
		return readKana(out, kb, ff, ft, gf, gt, o, prior)
	case hasKana:
		o = Japanese
	}
	// only a Korean reading looks at Yale spellings: decide them lazily
	yale := func() bool { return nameYale(ff, ft) || nameYale(gf, gt) }
	hasFamily := len(ft) > 0
	if o != Unknown {
		var c *candidate
		out, c = appendCandidate(out)
		c.build(kb, ff, ft, gf, gt, o, o == Korean && yale())
		c.plausible = true
		c.score = prior
		c.keep = keepKorean
		if o == Korean && c.fi.class != 0 {
			c.score += c.fi.class.bonus()
		} else if o == Korean && c.compoundFamily() {
			c.score += 4
		}
		if o == Japanese && c.jaKnown() {
			c.score += 4
		}
		return out
	}
	// romaji ends in a vowel, n, or a long-vowel h
	noJa := func() bool { return !hasHan && (endsInConsonant(ff, ft) || endsInConsonant(gf, gt)) }
	if !hasHan && tooManyVowels(ff, ft, 1) && koCompoundless(kb, ff, ft) {
		// not a Korean surname: the Japanese reading alone, if plausible
		var ja *candidate
		out, ja = appendCandidate(out)
		if !noJa() {
			ja.build(kb, ff, ft, gf, gt, Japanese, false)
			ja.judgeJapanese()
			if ja.plausible {
				if ranked {
					ja.scoreJapanese(nameSignals(ff, ft, gf, gt), hasFamily)
				}
				ja.score += prior
				return out
			}
		}
		// Nor a Japanese name. The family field may hold a Korean given
		// name (the clerk swapped the fields): keep the Korean reading,
		// below the plain letters.
		out, ko := appendCandidate(out[:len(out)-1])
		ko.build(kb, ff, ft, gf, gt, Korean, yale())
		ko.plausible, ko.score = true, prior-6
		return readPlain(out, kb, ff, ft, gf, gt, prior)
	}
	out, _ = appendCandidate(out)
	out, _ = appendCandidate(out)
	ko, ja := &out[len(out)-2], &out[len(out)-1]
	ko.build(kb, ff, ft, gf, gt, Korean, yale())
	ko.judgeKorean(hasFamily)
	jaRead := !noJa()
	if jaRead {
		ja.build(kb, ff, ft, gf, gt, Japanese, false)
		ja.judgeJapanese()
	} else {
		ja.origin = Japanese // skip the reading
	}
	if ranked || hasHan || ko.plausible && ja.plausible {
		// the readings are weighed: score them by the evidence
		s := nameSignals(ff, ft, gf, gt)
		ko.scoreKorean(s)
		if jaRead {
			ja.scoreJapanese(s, hasFamily)
		}
	}
	if hasHan {
		// kanji/hanja surnames read from the tables decide
		if ko.fi.class != 0 && !ja.jaKnown() {
			ko.score += 3
		}
		if ja.jaKnown() && ko.fi.class == 0 {
			ja.score += 3
		}
		ko.plausible, ja.plausible = true, true
	}
	ko.score += prior
	ja.score += prior
	switch {
	case ko.plausible && ja.plausible:
		// both readings; drop the weaker one when the evidence is clear
		const clear = 3
		if ko.score-ja.score >= clear {
			out = out[:len(out)-1]
		} else if ja.score-ko.score >= clear {
			out[len(out)-2] = out[len(out)-1]
			out = out[:len(out)-1]
		}
	case ko.plausible:
		out = out[:len(out)-1]
	case ja.plausible:
		out[len(out)-2] = out[len(out)-1]
		out = out[:len(out)-1]
	default:
		// Neither origin reads it well: a typo, a clerk's swap of the
		// fields, a foreign name. Keep what each origin makes of it, below
		// the plain letters, and let the matcher take the better.
		keep := out[:len(out)-2]
		if ko.origin == Korean && ko.n > 0 {
			ko.plausible, ko.score = true, prior-6
			keep = append(keep, *ko)
		}
		if jaRead && ja.n > 0 {
			ja.plausible, ja.score = true, prior-6.5
			keep = append(keep, *ja)
		}
		out = readPlain(keep, kb, ff, ft, gf, gt, prior)
	}
	return out
}

// readPlain appends the reading of a split as plain letters, the fallback
// when neither origin reads it.
func readPlain(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, prior float64) []candidate {
	out, c := appendCandidate(out)
	c.build(kb, ff, ft, gf, gt, Unknown, false)
	c.plausible = true
	c.score = prior - 5
	return out
}

// readHangul reads a split written in Hangul under origin o (Unknown or
// Japanese): the Japanese reading when the Hangul transcribes a Japanese
// name, and the Korean reading (with origin Japanese, only when there is
// no Japanese one).
func readHangul(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, o Origin, prior float64) []candidate {
	n := len(out)
	out = appendHangulJapanese(out, kb, ff, ft, gf, gt, prior)
	if o == Japanese && len(out) > n {
		return out
	}
	out, c := appendCandidate(out)
	c.build(kb, ff, ft, gf, gt, Korean, nameYale(ff, ft) || nameYale(gf, gt))
	c.plausible = true
	c.score = prior
	if c.fi.class != 0 {
		c.score += c.fi.class.bonus()
	}
	if o == Japanese {
		c.score -= 3 // Japanese was asked for
	}
	return out
}

// result turns candidates (best first) into Names, their family and given
// text within famText and givText. The input (the concatenation of the
// parts in input, one space between non-empty ones) and every key share
// one allocation, put together in tmp when they fit.
func result(dst []Name, variants bool, tmp *[2 * maxKey]byte, input []string, cands []candidate, famText, givText string) []Name {
	total := 0
	for _, s := range input {
		total += len(s) + 1
	}
	for i := range cands {
		total += cands[i].n
	}
	var buf []byte
	if total <= len(tmp) {
		buf = tmp[:0]
	} else {
		buf = make([]byte, 0, total)
	}
	for _, s := range input {
		if s == "" {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, s...)
	}
	inLen := len(buf)
	for i := range cands {
		buf = append(buf, cands[i].keyBytes()...)
	}
	all := string(buf)
	in := all[:inLen]
	if len(input) == 1 {
		in = input[0]
	}
	names := dst[:0]
	if cap(names) < len(cands) {
		names = make([]Name, len(cands))
	}
	names = names[:len(cands)]
	off := inLen
	for i := range cands {
		c := &cands[i]
		k := all[off : off+c.n]
		off += c.n
		fk, gk := c.split(k)
		ft, gt := famText, givText
		if c.swapped {
			ft, gt = givText, famText
		}
		names[i] = Name{
			Input: in, Origin: c.origin, Family: ft[c.fam.lo:c.fam.hi], Given: gt[c.giv.lo:c.giv.hi],
			Key: k, FamilyKey: fk, GivenKey: gk,
			Readable:       c.fi.readable && c.gi.readable,
			FamilyReadable: c.fi.readable, GivenReadable: c.gi.readable,
			Loose: c.loose,
		}
	}
	if variants && len(names) > 1 {
		for i := range names {
			for j := range names {
				if k := names[j].Key; j != i && k != names[i].Key && !containsString(names[i].Variants, k) {
					names[i].Variants = append(names[i].Variants, k)
				}
			}
		}
	}
	return names
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// sortCandidates orders by score (best first), drops duplicate keys and
// readings far behind the best, and keeps at most max.
func sortCandidates(cs []candidate, max int) []candidate {
	// insertion sort: stable, and cs is short
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].score > cs[j-1].score; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	out := cs[:0]
	stop := len(cs) // cs[stop:] are as sorted, not yet looked at
	for i := range cs {
		if len(out) == max || len(out) > 0 && cs[0].score-cs[i].score > 3.5 {
			stop = i
			break
		}
		dup := false
		for j := range out {
			if string(out[j].keyBytes()) == string(cs[i].keyBytes()) && out[j].origin == cs[i].origin {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if len(out) == i {
			out = out[:i+1] // already in place: spare copying a candidate onto itself
		} else {
			out = append(out, cs[i])
		}
	}
	// a reading to keep that the cut left out takes the last place
	for j := range out {
		if out[j].keep {
			return out
		}
	}
	for i := stop; i < len(cs); i++ {
		if cs[i].keep {
			if len(out) == max {
				out = out[:max-1]
			}
			return append(out, cs[i]) // len(out) <= stop <= i: cs[i] is intact
		}
	}
	return out
}

// maxHangulJaSplits bounds the Japanese readings of a name written in
// Hangul without a space, one for each place it may split: beyond the
// second they crowd out the Korean reading.
const maxHangulJaSplits = 2

// limitOrigin keeps at most max of the candidates of origin o, in order.
func limitOrigin(cs []candidate, o Origin, max int) []candidate {
	out, n := cs[:0], 0
	for i := range cs {
		if cs[i].origin == o {
			if n == max {
				continue
			}
			n++
		}
		out = append(out, cs[i])
	}
	return out
}

// maxReadings bounds the readings returned for one name.
const maxReadings = 4

// Parse reads a name given as separate family and given fields. origin
// Unknown ("auto") decides from the script, the known surname tables and
// the shape of the name; when it stays unsure both a Korean and a
// Japanese reading are returned, the likelier first. The result is never
// empty. A family field holding a whole name ("KIM Jong Un") with an empty
// given field is read as ParseFull reads it.
func Parse(family, given string, origin Origin) []Name {
	sc := getScratch(nil, true)
	names := sc.parse(family, given, origin)
	putScratch(sc)
	return names
}

// ParseInto is Parse for callers that read many names in a row: the
// result reuses dst's storage (overwriting what dst held), and Variants
// are left empty. The strings of the result stay valid.
func ParseInto(dst []Name, family, given string, origin Origin) []Name {
	sc := getScratch(dst, false)
	names := sc.parse(family, given, origin)
	putScratch(sc)
	return names
}

// getScratch takes scratch space from the pool, for a result going to
// dst's storage, with or without Variants.
func getScratch(dst []Name, variants bool) *scratch {
	sc := scratchPool.Get().(*scratch)
	sc.out, sc.variants = dst[:0], variants
	return sc
}

func putScratch(sc *scratch) {
	sc.out = nil
	scratchPool.Put(sc)
}

// parse is Parse with scratch space sc.
func (sc *scratch) parse(family, given string, origin Origin) []Name {
	ff, gf := &sc.ff, &sc.gf
	ff.tokenize(family)
	gf.tokenize(given)
	gf.dropGeneration()
	if gf.nt == 0 && ff.nt >= 2 && strings.TrimSpace(given) == "" {
		return sc.parseFull(family, origin)
	}
	sc.kb.startExtra(sc.variants)
	cands := readSplit(sc.cands[:0], &sc.kb, ff, ff.tokens(), gf, gf.tokens(), origin, 0, false)
	fam, giv := trimSpace(ff.clean), trimSpace(gf.clean)
	for i := range cands {
		cands[i].fam, cands[i].giv = span{0, uint16(len(fam))}, span{0, uint16(len(giv))}
	}
	if origin != Japanese && koSurnameSwapped(&sc.kb, ff, ff.tokens(), gf, gf.tokens()) {
		// a Korean surname in the given field (Seojin Bak): the clerk
		// swapped the fields; read them the other way too
		n := len(cands)
		best := cands[0].score
		for i := range cands[:n] {
			best = max(best, cands[i].score)
		}
		cands = readSplit(cands, &sc.kb, gf, gf.tokens(), ff, ff.tokens(), Korean, 0, true)
		for i := n; i < len(cands); i++ {
			cands[i].swapped = true
			cands[i].fam, cands[i].giv = span{0, uint16(len(giv))}, span{0, uint16(len(fam))}
			cands[i].score = best - swappedFieldsBelow // offered, after the fields as given
		}
	}
	cands = sortCandidates(cands, maxReadings)
	input := []string{family, given}
	if given == "" {
		input = input[:1]
	} else if family == "" {
		input = input[1:]
	}
	if sc.variants && (hasOhVowel(family) || hasOhVowel(given)) {
		addOhVariants(&sc.kb, origin, func(drop func(string) string, o Origin) []Name { return ParseInto(nil, drop(family), drop(given), o) })
	}
	return sc.kb.addExtra(result(sc.out, sc.variants, &sc.key, input, cands, fam, giv))
}

// trimSpace is strings.TrimSpace, quicker for the usual field, which has
// no space to trim.
func trimSpace(s string) string {
	if s == "" || s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// span delimits text in a string.
type span struct{ lo, hi uint16 }

// display returns where the cleaned text of tokens toks is in their field.
func display(toks []token) span {
	if len(toks) == 0 {
		return span{}
	}
	return span{toks[0].start, toks[len(toks)-1].end}
}

// ParseFull reads a name written in one field. The name order is decided
// from a comma ("Ono, Shinichi"), upper case ("KIM Jong Un", "Horim LEE":
// the upper-case word is the surname), the known surname tables, the shape
// of Japanese given names (-ko, -ichi, -rō ...) and, failing all these,
// the East Asian order (family first). Hangul and kana written without a
// space are split after a known surname (Korean: the first syllable).
// Where the order or the origin is ambiguous several readings are
// returned, best first; the result is never empty.
func ParseFull(full string, origin Origin) []Name {
	sc := getScratch(nil, true)
	names := sc.parseFull(full, origin)
	putScratch(sc)
	return names
}

// ParseFullInto is ParseFull as ParseInto is Parse.
func ParseFullInto(dst []Name, full string, origin Origin) []Name {
	sc := getScratch(dst, false)
	names := sc.parseFull(full, origin)
	putScratch(sc)
	return names
}

// parseFull is ParseFull with scratch space sc.
func (sc *scratch) parseFull(full string, origin Origin) []Name {
	f, kb := &sc.ff, &sc.kb
	f.tokenize(full)
	f.dropGeneration()
	kb.startExtra(sc.variants)
	cands := sc.cands[:0]
	toks := f.tokens()
	orderWeight := 1.0 // of the name tables' evidence on the order (see jaOrderEvidence)
	add := func(ft, gt []token, prior float64) {
		n := len(cands)
		cands = readSplit(cands, kb, f, ft, f, gt, origin, prior, true)
		// The name tables' evidence on the order is the split's, read
		// on its likeliest Japanese reading: added to each reading
		// apart, it would also rank the readings of one split (高橋 read
		// takabashi before takahashi, a surname the tables also list as
		// a given name).
		order, best := 0.0, math.Inf(-1)
		for i := n; i < len(cands); i++ {
			if c := &cands[i]; c.origin == Japanese && c.score > best {
				best, order = c.score, jaOrderEvidence(c.key[:c.n], c.famLen)
			}
		}
		for i := n; i < len(cands); i++ {
			c := &cands[i]
			c.fam, c.giv = display(ft), display(gt)
			c.score += givenShape(c.key[:c.n], c.famLen, c.origin)
			if c.origin == Japanese {
				c.score += orderWeight * order
			}
		}
	}
	addJa := func(ft, gt []token, prior float64) {
		if origin == Korean {
			return
		}
		n := len(cands)
		cands = appendHangulJapanese(cands, kb, f, ft, f, gt, prior)
		for i := n; i < len(cands); i++ {
			cands[i].fam, cands[i].giv = display(ft), display(gt)
			cands[i].score += givenShape(cands[i].key[:cands[i].n], cands[i].famLen, cands[i].origin)
		}
	}
	switch {
	case len(toks) == 0:
		return append(sc.out, Name{Input: full, Origin: origin, Readable: true, FamilyReadable: true, GivenReadable: true})
	case len(toks) == 1:
		splitOne(f, &toks[0], origin, add, addJa)
		if toks[0].script == scriptHangul && origin != Japanese {
			// and unsplit, as a romanised word is read (울산 = Ulsan)
			n := len(cands)
			cands = readSplit(cands, kb, f, toks, f, nil, Korean, unsplitHangulPrior(f.text(&toks[0])), true)
			for i := n; i < len(cands); i++ {
				cands[i].fam, cands[i].giv = display(toks), span{}
			}
		}
	default:
		comma := -1
		for i := 0; i < len(toks)-1; i++ {
			if toks[i].comma {
				comma = i
				break
			}
		}
		if comma >= 0 {
			add(toks[:comma+1], toks[comma+1:], 0)
			break
		}
		n := len(toks)
		direct, swapped := 1.0, 0.0
		allUpper := true
		for i := range toks {
			if !toks[i].upper && toks[i].script == scriptLatin {
				allUpper = false
			}
		}
		if !allUpper {
			if toks[0].upper {
				direct += 6
			}
			if toks[n-1].upper {
				swapped += 6
			}
			if toks[0].upper || toks[n-1].upper {
				orderWeight = 0.25 // the writer said which is the family name
			}
		}
		if toks[0].script != scriptLatin {
			direct += 2 // written in kana, Hangul or kanji: East Asian order
		}
		if allUpper || !toks[0].upper && !toks[n-1].upper {
			// no upper-case cue: when both ends are Korean surnames (Yong
			// Choi), the clearly more frequent one is likelier the family name
			a, b := koSurnameShare(f, &toks[0]), koSurnameShare(f, &toks[n-1])
			switch {
			case a > 0 && b > 2*a:
				swapped += surnameOrderBonus
			case b > 0 && a > 2*b:
				direct += surnameOrderBonus
			}
		}
		add(toks[:1], toks[1:], direct)
		add(toks[n-1:], toks[:n-1], swapped)
	}
	if len(cands) == 0 {
		return append(sc.out, Name{Input: full, Origin: origin, Readable: true, FamilyReadable: true, GivenReadable: true})
	}
	cands = sortCandidates(cands, maxReadings)
	if len(toks) == 1 && toks[0].script == scriptHangul {
		cands = limitOrigin(cands, Japanese, maxHangulJaSplits)
	}
	if sc.variants && hasOhVowel(full) {
		addOhVariants(kb, origin, func(drop func(string) string, o Origin) []Name { return ParseFullInto(nil, drop(full), o) })
	}
	return kb.addExtra(result(sc.out, sc.variants, &sc.key, []string{full}, cands, f.clean, f.clean))
}

// surnameOrderBonus is what the more frequent of two surnames gains as the
// family name: enough to outweigh the East Asian order (1) and a class's
// share, little enough that the other order stays a reading.
const surnameOrderBonus = 1.5

// koSurnameShare returns the population share of the Korean surname a
// Latin token spells (Choi, Yong, Ko), or 0 when it spells none.
func koSurnameShare(f *fieldScratch, t *token) float64 {
	if t.script != scriptLatin {
		return 0
	}
	var raw [16]byte
	letters := f.lettersOf(t)
	if !t.noMarks {
		n := 0
		for _, c := range letters {
			if c == '\'' || c == '-' {
				continue
			}
			if n == len(raw) {
				return 0
			}
			raw[n] = c
			n++
		}
		letters = raw[:n]
	} else if len(letters) > len(raw) {
		return 0
	}
	if c := koRaw(letters); c != nil {
		return c.share
	}
	return 0
}

// splitOne offers the splits of a single word: Hangul after the surname
// syllable(s) (and, to addJa, after two or more syllables, where a Japanese
// name in Hangul may split), kana and kanji after a surname of the tables;
// otherwise the whole word is the family name.
func splitOne(f *fieldScratch, t *token, origin Origin, add, addJa func(ft, gt []token, prior float64)) {
	whole := []token{*t}
	text := f.text(t)
	sub := func(a, b int) token {
		u := *t
		u.start, u.end = t.start+uint16(a), t.start+uint16(b)
		return u
	}
	switch t.script {
	case scriptHangul:
		n := utf8.RuneCountInString(text)
		if n < 2 {
			break
		}
		cut := len(string(firstRune(text)))
		if n >= 3 {
			_, size2 := utf8.DecodeRuneInString(text[cut:])
			if koCompoundHangul[text[:cut+size2]] {
				cut += size2
			}
		}
		add([]token{sub(0, cut)}, []token{sub(cut, len(text))}, 0)
		if last, size := utf8.DecodeLastRuneInString(text); n == 3 && cut == len(string(firstRune(text))) {
			// given name first (호만김): below the family-first reading
			// whatever the surnames' shares, when the last syllable is a
			// common surname
			if c := koRune(last); c != nil && c.share >= givenFirstHangulShare {
				add([]token{sub(len(text)-size, len(text))}, []token{sub(0, len(text)-size)}, -5)
			}
		}
		if n >= 2 && hangulTranscribable(text) {
			// a Japanese name part alone (카에데, 이로하): whole, below a
			// Korean name (조미자) unless the name tables know it
			prior := -1.0
			if koRune(firstRune(text)) != nil {
				prior = -2.5
			}
			addJa(whole, nil, prior)
		}
		if n >= 3 && hangulTranscribable(text) {
			// a Japanese name: a surname of two or more syllables, a given
			// name of at most four; three syllables after a Korean surname
			// (조미자) are likelier Korean
			prior := 0.0
			if n == 3 && koRune(firstRune(text)) != nil {
				prior = -1.5
			}
			at := 0
			for k, r := range []rune(text) {
				if k >= 2 && n-k <= 4 {
					addJa([]token{sub(0, at)}, []token{sub(at, len(text))}, prior)
				}
				at += utf8.RuneLen(r)
			}
		}
		return
	case scriptKana, scriptHan:
		if t.script == scriptKana && origin != Japanese {
			// a Korean name in kana (パクスンジャ): after its surname
			if cut, ok := kanaKoreanCut(text); ok {
				add([]token{sub(0, cut)}, []token{sub(cut, len(text))}, 0)
			}
		}
		if splitJapaneseWord(f, t, origin, add, sub) {
			return
		}
	}
	add(whole, nil, 0)
}

// givenFirstHangulShare is the population share from which the last
// syllable of a three-syllable Hangul name is also read as its surname
// (김, 이, 박 ... 0.5% and more: the thirty commonest).
const givenFirstHangulShare = 0.005

// japaneseGivenEndings are endings typical of Japanese given names and
// rare in surnames; japaneseFamilyEndings the reverse.
var japaneseGivenEndings = []string{"ko", "ichi", "ro", "suke", "hiko", "taro", "yoshi", "hiro", "nori", "kazu", "mi", "ji", "yo", "e", "shi"}
var japaneseFamilyEndings = []string{"moto", "mura", "kawa", "gawa", "yama", "hara", "wara", "shita", "saki", "zaki", "shima", "jima", "guchi", "oka", "ta", "da", "no", "be", "gi", "ki", "i"}

// The endings as suffix sets, for givenShape (its last test takes the
// first six given endings only).
var (
	givenEndingSet      = newSuffixSet(japaneseGivenEndings)
	familyEndingSet     = newSuffixSet(japaneseFamilyEndings)
	givenEndingSetFirst = newSuffixSet(japaneseGivenEndings[:6])
)

// givenShape scores a Japanese reading by how well the parts' endings fit
// their roles.
func givenShape(key []byte, famLen int, o Origin) float64 {
	if o != Japanese || famLen >= len(key) || famLen == 0 {
		return 0
	}
	fam, giv := key[:famLen], key[famLen+1:]
	s := 0.0
	if givenEndingSet.endsIn(giv) {
		s += 1.5
	}
	if familyEndingSet.endsIn(fam) {
		s += 1
	}
	if givenEndingSetFirst.endsIn(fam) {
		s -= 1.5
	}
	return s
}

// suffixSet tells whether a word ends in one of a few endings of lower-case
// letters: a trie of the reversed endings, walked from the word's last
// letter, one step a letter, where testing each ending in turn compares
// strings for every one.
type suffixSet struct {
	next [][26]uint8 // node 0 is the root; 0 is no node
	end  []bool      // an ending ends at the node
}

func newSuffixSet(endings []string) *suffixSet {
	s := &suffixSet{next: make([][26]uint8, 1), end: make([]bool, 1)}
	for _, e := range endings {
		at := 0
		for i := len(e) - 1; i >= 0; i-- {
			c := e[i] - 'a'
			if c >= 26 {
				panic("normalize: suffixSet ending not of lower-case letters: " + e)
			}
			if s.next[at][c] == 0 {
				if len(s.next) == 255 {
					panic("normalize: suffixSet too large")
				}
				s.next = append(s.next, [26]uint8{})
				s.end = append(s.end, false)
				s.next[at][c] = uint8(len(s.next) - 1)
			}
			at = int(s.next[at][c])
		}
		s.end[at] = true
	}
	return s
}

// endsIn reports whether b ends in one of the endings.
func (s *suffixSet) endsIn(b []byte) bool {
	if s.end[0] {
		return true // the empty ending
	}
	at := 0
	for i := len(b) - 1; i >= 0; i-- {
		c := b[i] - 'a'
		if c >= 26 {
			return false
		}
		if at = int(s.next[at][c]); at == 0 {
			return false
		}
		if s.end[at] {
			return true
		}
	}
	return false
}

// Key returns the canonical key of a single name part, as used in
// GivenKey: lower-case ASCII, the same for every spelling of the part
// across the romanisation systems of its origin (and for its kana or
// Hangul), and a fixed point (Key of a key is the key). A Korean family
// name's FamilyKey is SurnameClass of its Key. With origin Unknown the
// script, the evidence in the letters and, for a string that already is
// a key of one origin, that origin decide.
func Key(s string, origin Origin) string {
	var f fieldScratch
	f.tokenize(s)
	toks := f.tokens()
	if len(toks) == 0 {
		return ""
	}
	var kb keyBuf
	var c candidate
	// Hangul is Korean, unless Japanese is asked for and it transcribes a
	// Japanese name (도모꼬 is tomoko); kana is Japanese
	jaHangul := origin == Japanese
	for i := range toks {
		if toks[i].script == scriptHangul && !hangulTranscribable(f.text(&toks[i])) {
			jaHangul = false
		}
	}
	for i := range toks {
		switch toks[i].script {
		case scriptHangul:
			if !jaHangul {
				origin = Korean
			}
		case scriptKana:
			if origin != Korean {
				origin = Japanese
			}
		}
	}
	allLatin := true
	for i := range toks {
		allLatin = allLatin && toks[i].script == scriptLatin
	}
	if origin == Unknown && !allLatin {
		origin = Japanese // kanji (and kana): read what the tables read, keep the rest
	}
	if origin == Unknown {
		// Decide on the joined letters alone (token boundaries and marks
		// change neither origin's key), so that the key of a key, whose
		// letters are the key, is decided the same way: a clean reading
		// that is its own key wins; then the evidence picks a clean
		// reading; a string neither origin reads cleanly is kept as it is.
		var g fieldScratch
		g.clean = s
		for i := range toks {
			for _, ch := range f.lettersOf(&toks[i]) {
				if ch != '\'' && ch != '-' && g.n < maxLetters {
					g.letters[g.n] = ch
					g.n++
				}
			}
		}
		p := g.letters[:g.n]
		g.toks[0] = token{hi: uint16(g.n), script: scriptLatin}
		g.nt = 1
		one := g.tokens()
		var k candidate
		k.build(&kb, nil, nil, &g, one, Korean, looksYale(p))
		if k.gi.ok && string(k.keyBytes()) == string(p) {
			return keyString(s, k.keyBytes())
		}
		c.build(&kb, nil, nil, &g, one, Japanese, false)
		if c.gi.ok && string(c.keyBytes()) == string(p) {
			return keyString(s, c.keyBytes())
		}
		var sig signals
		sig.add(p)
		switch {
		case k.gi.ok && (!c.gi.ok || c.gi.odd || sig.ko > sig.ja):
			return keyString(s, k.keyBytes())
		case c.gi.ok:
			return keyString(s, c.keyBytes())
		}
		return keyString(s, p)
	}
	c.build(&kb, nil, nil, &f, toks, origin, origin == Korean && nameYale(&f, toks))
	return keyString(s, c.keyBytes())
}

// keyString returns k as a string, reusing s when they are equal.
func keyString(s string, k []byte) string {
	if string(k) == s {
		return s
	}
	return string(k)
}
