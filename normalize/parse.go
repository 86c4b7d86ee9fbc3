package normalize

import "unicode/utf8"

// Name is one reading of a person's name.
type Name struct {
	Input  string `json:"input"`
	Origin Origin `json:"origin"`
	// Family and Given are the cleaned, human-readable parts (NFKC, trimmed,
	// case and diacritics kept; kanji and hanja kept as written).
	Family string `json:"family"`
	Given  string `json:"given"`
	// Key is the canonical comparison form of the whole name, family first:
	// "family given" (one space; just one part when the other is empty),
	// lower-case ASCII. Two spellings of one name get one Key wherever the
	// romanisation systems make that possible.
	Key       string `json:"key"`
	FamilyKey string `json:"family_key"`
	// GivenKey: Korean given names are their syllables joined without
	// separators ("Ho Rim", "Ho-rim", "Horim" → "horim").
	GivenKey string `json:"given_key"`
	// Variants are extra keys for blocking: the keys of the other readings
	// when the origin or the name order is unsure.
	Variants []string `json:"variants,omitempty"`
	// Readable is false when the name holds kanji or hanja that cannot be
	// read phonetically (they are kept in Family and Given, and stand in the
	// keys as x+hex code points, so that identical characters still match).
	Readable bool `json:"readable"`
	// FamilyReadable and GivenReadable say the same of each part: a name
	// half written with characters no table reads (𡈽田 茂) has one part
	// kept as written (family_key x135741x30000) and the other read
	// (given_key shigeru).
	FamilyReadable bool `json:"family_readable"`
	GivenReadable  bool `json:"given_readable"`
	// Loose marks a reading that reads the spelling more loosely than the
	// romanisation systems do: a customary vowel read the other way
	// (Sunhee as 선희 as well as 순희), or the sound changes of a
	// pronunciation (백년 read 뱅년, as MR writes it). Agreement through it
	// is weaker evidence than through the others.
	Loose bool `json:"loose,omitempty"`
}

// partInfo describes one name part read under one origin.
type partInfo struct {
	ok       bool // read cleanly under the origin
	odd      bool // letters no system writes (Japanese l, lone c)
	units    int  // Korean syllables or Japanese morae
	readable bool
	class    koClassID // Korean surname class
	script   script    // kana or Hangul when the part was written in it
	hasKana  bool
	hasHang  bool
	hasHan   bool
}

const maxKey = 280

// keyBuf is scratch space for building keys.
type keyBuf struct {
	tmp   [maxLetters]byte
	syl   [64]koSyllable
	spell [64]uint8
	mora  [maxJaMorae]jaMora
	steps [maxKoPiece + 1]koStep
	track koTrack
	// Kanji (see readKanji): the reading chosen for each part's kanji
	// (family, given), or the kanji kept as written; extra collects the
	// keys of further readings, for Variants.
	han       [2]hanChoice
	hanHex    bool
	wantExtra bool
	extra     []string
}

// appendHex appends r as "x" and its decimal code point: letters and
// digits no romanisation reads, so the key of an unreadable character
// reads back as itself.
func appendHex(dst []byte, r rune) []byte {
	var d [10]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + r%10)
		r /= 10
		if r == 0 {
			break
		}
	}
	dst = append(dst, 'x')
	return append(dst, d[i:]...)
}

// maxParsedLetters bounds the letters of one part read as romaji or
// Korean; a longer part is no name and is kept as its letters.
const maxParsedLetters = 64

// maxRaw bounds the letters kept from a part that is read as neither
// Japanese nor Korean.
const maxRaw = 128

// appendRaw appends the letters and digits of b, at most maxRaw of them.
func appendRaw(dst []byte, b []byte) []byte {
	if len(b) > maxRaw {
		b = b[:maxRaw]
	}
	for _, c := range b {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}

// appendJaLetters appends the Japanese key of lower-case romaji letters.
func appendJaLetters(dst []byte, mora *[maxJaMorae]jaMora, letters []byte, info *partInfo) []byte {
	if len(letters) >= maxParsedLetters {
		info.ok = false
		return appendRaw(dst, letters)
	}
	ms, ok, odd := jaParse(letters, mora[:0])
	info.ok = info.ok && ok
	info.odd = info.odd || odd
	for _, m := range ms {
		if !m.gem && !m.pass {
			info.units++
		}
	}
	if ok {
		return appendJaKey(dst, ms)
	}
	return appendJaFixedPoint(dst, mora, ms)
}

// appendJaFixedPoint appends the key of morae ms that did not all read as
// romaji. Letters kept as they are can meet the next mora and read
// differently (c + wi → "ci" → ki): the key is read again until it reads
// as itself, so that Key stays idempotent.
func appendJaFixedPoint(dst []byte, mora *[maxJaMorae]jaMora, ms []jaMora) []byte {
	var a, b [4 * maxParsedLetters]byte
	cur := appendJaKey(a[:0], ms)
	for it := 0; it < 8 && len(cur) < maxParsedLetters; it++ {
		ms2, _, _ := jaParse(cur, mora[:0])
		next := appendJaKey(b[:0], ms2)
		if string(next) == string(cur) {
			break
		}
		cur = a[:copy(a[:], next)]
	}
	return append(dst, cur...)
}

// jaKeyString returns the Japanese key of romaji s (lower-case ASCII).
func jaKeyString(s string) string {
	var mora [maxJaMorae]jaMora
	var info partInfo
	b := appendJaLetters(nil, &mora, []byte(s), &info)
	return string(b)
}

// appendJaPart appends the Japanese key of the tokens of one part. The
// letters of consecutive Latin tokens are read as one word ("Shin Ichi").
func appendJaPart(dst []byte, kb *keyBuf, f *fieldScratch, toks []token, family bool, info *partInfo) []byte {
	info.ok, info.readable = true, true
	if len(toks) == 1 && toks[0].script == scriptLatin {
		// one word of letters, the common case: read them where they are
		return appendJaLetters(dst, &kb.mora, f.lettersOf(&toks[0]), info)
	}
	var joined [maxLetters]byte
	jn := 0
	flush := func() {
		if jn > 0 {
			dst = appendJaLetters(dst, &kb.mora, joined[:jn], info)
			jn = 0
		}
	}
	for i := range toks {
		t := &toks[i]
		switch t.script {
		case scriptLatin:
			jn += copy(joined[jn:], f.lettersOf(t))
			continue
		case scriptKana:
			// kana and letters in one part are read as one word
			info.hasKana = true
			var rb [maxLetters]byte
			jn += copy(joined[jn:], appendKanaRomaji(rb[:0], f.text(t), HepburnNoMacron))
			continue
		case scriptHangul:
			// a Japanese name in Hangul: read the kana it transcribes
			var rb [maxLetters]byte
			if r, ok := appendHangulRomaji(rb[:0], f.text(t)); ok && jn+len(r) <= len(joined) {
				info.hasHang = true
				jn += copy(joined[jn:], r)
				continue
			}
		case scriptHan:
			if kana := hanKana(kb, f.text(t), family); kana != "" {
				info.hasHan = true
				var rb [maxLetters]byte
				jn += copy(joined[jn:], appendKanaRomaji(rb[:0], kana, HepburnNoMacron))
				continue
			}
		}
		flush()
		switch t.script {
		case scriptHangul:
			// not a transcription of Japanese: keep the Korean syllables
			info.hasHang = true
			info.ok = false
			for _, r := range f.text(t) {
				if isHangulSyllable(r) {
					dst = appendKoSyllable(dst, hangulSyllable(r))
				}
			}
		case scriptHan:
			info.hasHan = true
			dst = appendKanaOrHex(dst, kb, f.text(t), info)
		}
	}
	flush()
	return dst
}

// maxHan bounds the unreadable characters written into one part's key.
const maxHan = 16

// appendKanaOrHex reads kana in a Han token and writes the Han
// characters as hex, marking the part unreadable.
func appendKanaOrHex(dst []byte, kb *keyBuf, s string, info *partInfo) []byte {
	info.readable = false
	var kana []byte
	flush := func() {
		if len(kana) > 0 {
			var rb [maxLetters]byte
			dst = appendJaLetters(dst, &kb.mora, appendKanaRomaji(rb[:0], string(kana), HepburnNoMacron), info)
			kana = kana[:0]
		}
	}
	nHan := 0
	for _, r := range s {
		if isKana(r) {
			kana = append(kana, string(r)...)
			continue
		}
		flush()
		if nHan++; nHan <= maxHan {
			dst = appendHex(dst, r)
		}
	}
	flush()
	return dst
}

// nextKoPiece returns the next piece of Korean letters in b from i and
// the position after it, copying the piece into tmp. Pieces are cut at
// hyphens and at an apostrophe that divides syllables (MR han'gŭl, see
// koApostropheCuts); other apostrophes (MR aspiration, ODNI o') are dropped, and so is an h that only lengthens a
// vowel (Ahn, Oh, Roh, Sohn, Kahng). An empty piece means the end.
func nextKoPiece(b []byte, i int, tmp []byte) (piece []byte, next int) {
	n := 0
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '-':
			if n > 0 {
				return tmp[:n], i + 1
			}
			continue
		case c == '\'':
			if n > 0 && koApostropheCuts[tmp[n-1]] {
				return tmp[:n], i + 1
			}
			continue
		case c == 'h' && n > 0 && isVowel(tmp[n-1]) && (i+1 == len(b) || (!isVowel(b[i+1]) && b[i+1] != 'y' && b[i+1] != 'w' && b[i+1] != '\'')):
			continue
		}
		if n < len(tmp) {
			tmp[n] = c
			n++
		}
	}
	return tmp[:n], i
}

// nextKoWord is nextKoPiece from the start of letters that hold no
// hyphen or apostrophe: the whole word, without an h that only lengthens
// a vowel.
func nextKoWord(b []byte, tmp []byte) (piece []byte, next int) {
	n := 0
	for i, c := range b {
		if c == 'h' && n > 0 && isVowel(tmp[n-1]) && (i+1 == len(b) || !isVowel(b[i+1]) && b[i+1] != 'y' && b[i+1] != 'w') {
			continue
		}
		if n < len(tmp) {
			tmp[n] = c
			n++
		}
	}
	return tmp[:n], len(b)
}

// koApostropheCuts holds the letters after which an apostrophe divides
// syllables (MR han'gŭl, ISO kang'e, a'ssi) rather than marking an
// aspirate (MR k' t' p' ch') or ODNI's o' and u'.
var koApostropheCuts = func() (t [256]bool) {
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = true
	}
	for _, c := range []byte("ktphou") {
		t[c] = false
	}
	return
}()

// appendKoPart appends the Korean key of the tokens of one part. For a
// family name the key is the surname's class key when it has one.
func appendKoPart(dst []byte, kb *keyBuf, f *fieldScratch, toks []token, family, yale bool, info *partInfo) []byte {
	info.ok, info.readable = true, true
	start := len(dst)
	var hangulFamily rune
	track := &kb.track.part[kb.track.at]
	if !kb.track.on {
		track = &koPartTrack{} // nobody follows this reading
	}
	track.mr = f != nil && f.breve
	if family && len(toks) == 1 && toks[0].script == scriptLatin {
		// a known spelling needs no segmentation: Park, Yi, Rhee, Choi
		raw := f.bareLetters(&toks[0], kb.tmp[:])
		if c := koRaw(raw); c != nil {
			info.class, info.units = c.id, 1
			track.class = true
			track.rr = c.rareRR != "" && string(raw) == c.rareRR
			return append(dst, c.key...)
		}
	}
	for i := range toks {
		t := &toks[i]
		switch t.script {
		case scriptLatin:
			letters := f.lettersOf(t)
			track.mr = track.mr || !t.noMarks && mrAspirate(letters)
			dst = appendKoLetters(dst, kb, letters, t.noMarks, yale, info, track)
		case scriptHangul:
			info.hasHang = true
			for _, r := range f.text(t) {
				if isHangulSyllable(r) {
					if info.units == 0 {
						hangulFamily = r
					}
					info.units++
					s := hangulSyllable(r)
					track.add([]koSyllable{s}, nil)
					dst = appendKoSyllable(dst, s)
				}
			}
		case scriptKana:
			info.hasKana = true
			track.ok = false
			// kana in a Korean reading: the Korean syllables they write
			// (see kana_ko.go), keyed as Hangul is
			if out, ok := appendKanaKo(dst, f.text(t), info, &hangulFamily); ok {
				dst = out
				continue
			}
			// else their romaji read as Korean letters are, so that the
			// key reads back as itself (すい is sui, and sui is 수이, suqi)
			var rb [maxLetters]byte
			dst = appendKoLetters(dst, kb, appendKanaRomaji(rb[:0], f.text(t), HepburnNoMacron), false, yale, info, track)
		case scriptHan:
			info.hasHan = true
			if family && len(toks) == 1 {
				if c := koRune(firstRune(f.text(t))); c != nil && len(f.text(t)) == len(string(firstRune(f.text(t)))) {
					info.class = c.id
					track.class = true
					dst = append(dst, c.key...)
					info.units++
					continue
				}
			}
			// hanja: each read as its Hangul syllable (Unihan's kHangul);
			// the others kept as appendKanaOrHex keeps them
			text := f.text(t)
			for len(text) > 0 {
				r, size := utf8.DecodeRuneInString(text)
				if isKana(r) {
					// kana among hanja (カ響): the Korean syllables they
					// write, as a word of kana is read (kana_ko.go)
					run := size
					for run < len(text) {
						r2, s2 := utf8.DecodeRuneInString(text[run:])
						if !isKana(r2) {
							break
						}
						run += s2
					}
					if out, ok := appendKanaKo(dst, text[:run], info, &hangulFamily); ok {
						track.ok = false
						dst, text = out, text[run:]
						continue
					}
				}
				h := hanjaReading(r)
				if h == 0 {
					track.ok = false
					dst = appendKanaOrHex(dst, kb, text[:size], info)
					text = text[size:]
					continue
				}
				if info.units == 0 {
					hangulFamily = h
				}
				info.units++
				s := hangulSyllable(h)
				track.add([]koSyllable{s}, nil)
				dst = appendKoSyllable(dst, s)
				text = text[size:]
			}
		}
	}
	if !info.ok {
		// some piece is not Korean: read the part's letters as one word, or
		// keep them as they are (so that the key reads back as itself)
		dst = koWhole(dst[:start], kb, f, toks, yale, info)
		track.ok = false
	}
	if !family || info.class != 0 {
		return dst
	}
	if !info.readable && hexInKey(dst[start:]) {
		// a character no table reads stands in the key: folding the rest
		// into a surname class (𡈽田 as 田, jeon) would read half the
		// name as the whole, and meet every 田. (When the part's letters
		// were read again as one word, the code point is gone and the key
		// is of letters only: it folds as such a key does, so that it
		// reads back as itself.)
		return dst
	}
	var class *koClass
	if hangulFamily != 0 && info.units == 1 {
		class = koRune(hangulFamily)
		if class == nil {
			// a surname outside the table that folds into one inside it
			// (호 and 허 are both "ho")
			class = koCanon(dst[start:])
		}
	} else if scriptsOf(toks) == 1<<scriptLatin {
		// the letters of every word ("AA N" is Aan, a spelling of 안), as
		// the key, one word, will be read again
		raw := kb.tmp[:0]
		for i := range toks {
			for _, c := range f.lettersOf(&toks[i]) {
				if c != '\'' && c != '-' && len(raw) < cap(raw) {
					raw = append(raw, c)
				}
			}
		}
		class = koClassOf(raw, dst[start:])
	} else if info.units == 1 {
		class = koCanon(dst[start:])
	}
	if class != nil {
		info.class = class.id
		track.class = true
		dst = append(dst[:start], class.key...)
		info.ok, info.units = true, 1 // a known spelling, such as Park or Yi
	}
	return dst
}

// appendKanaKo appends the Korean key of kana that read as Korean
// syllables (kana_ko.go), keyed as their Hangul is, counting them in info
// and noting the first in *first; false, and dst as it was, when they do
// not read so.
func appendKanaKo(dst []byte, kana string, info *partInfo, first *rune) ([]byte, bool) {
	var ks [8]kanaSyllable
	syl, ok := kanaSyllables(kana, ks[:0], false)
	if !ok {
		return dst, false
	}
	for _, k := range syl {
		h := k.rune()
		if info.units == 0 {
			*first = h
		}
		info.units++
		dst = appendKoSyllable(dst, hangulSyllable(h))
	}
	return dst, true
}

// appendKoLetters appends the Korean key of the lower-case letters of
// one word, syllable by syllable, and the pieces that do not read as
// Korean as they are (info.ok is then false).
func appendKoLetters(dst []byte, kb *keyBuf, letters []byte, noMarks, yale bool, info *partInfo, track *koPartTrack) []byte {
	for pos := 0; pos < len(letters); {
		var piece []byte
		if noMarks {
			piece, pos = nextKoWord(letters, kb.tmp[:])
		} else {
			piece, pos = nextKoPiece(letters, pos, kb.tmp[:])
		}
		if len(piece) == 0 {
			break
		}
		syl, spell, ok := segmentKoreanInto(piece, yale, &kb.steps, kb.syl[:0], kb.spell[:0])
		if !ok && yale {
			syl, spell, ok = segmentKoreanInto(piece, false, &kb.steps, kb.syl[:0], kb.spell[:0])
		}
		if !ok {
			info.ok = false
			dst = appendRaw(dst, piece)
			continue
		}
		track.add(syl, spell)
		info.units += len(syl)
		for _, s := range syl {
			dst = appendKoSyllable(dst, s)
		}
	}
	return dst
}

// hexInKey reports whether key holds the code point of a character no
// table reads ("x" and a digit: see appendHex).
func hexInKey(key []byte) bool {
	for i := 0; i+1 < len(key); i++ {
		if key[i] == 'x' && key[i+1] >= '0' && key[i+1] <= '9' {
			return true
		}
	}
	return false
}

// koWhole appends the Korean key of all the Latin letters of toks read as
// one word, or the letters themselves when that fails too.
func koWhole(dst []byte, kb *keyBuf, f *fieldScratch, toks []token, yale bool, info *partInfo) []byte {
	var joined [maxLetters]byte
	jn := 0
	for i := range toks {
		if toks[i].script == scriptLatin {
			for _, c := range f.lettersOf(&toks[i]) {
				if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
					joined[jn] = c
					jn++
				}
			}
		}
	}
	info.units = 0
	word, _ := nextKoPiece(joined[:jn], 0, kb.tmp[:]) // drops a lengthening h
	yale = yale || looksYale(word)
	if len(word) < maxParsedLetters {
		syl, _, ok := segmentKoreanInto(word, yale, &kb.steps, kb.syl[:0], nil)
		if !ok && yale {
			syl, _, ok = segmentKoreanInto(word, false, &kb.steps, kb.syl[:0], nil)
		}
		if ok {
			for _, s := range syl {
				dst = appendKoSyllable(dst, s)
			}
			info.units = len(syl)
			return dst
		}
	}
	return appendRaw(dst, word)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// nameYale reports whether the Latin letters of a name part carry a
// Yale-only spelling. The part's words are read joined, without hyphens
// and apostrophes, as its key joins them: a key read again must make the
// same decision ("B C" is not Yale, but its key "bc" ends in a c).
func nameYale(f *fieldScratch, toks []token) bool {
	// every Yale-only spelling has a c, w or y: most names have none
	for i := range toks {
		if toks[i].script == scriptLatin && !toks[i].noYale {
			return joinedYale(f, toks)
		}
	}
	return false
}

// joinedYale is nameYale once some word may hold a Yale-only spelling.
func joinedYale(f *fieldScratch, toks []token) bool {
	var buf [64]byte
	joined := buf[:0]
	for i := range toks {
		if toks[i].script != scriptLatin {
			continue
		}
		for _, c := range f.lettersOf(&toks[i]) {
			if c == '-' || c == '\'' {
				continue
			}
			if len(joined) == len(buf) {
				return looksYale(joined) // a name this long is Yale by its start or not at all
			}
			joined = append(joined, c)
		}
	}
	if !looksYale(joined) {
		return false
	}
	// a part that does not read as Korean in Yale (cz, a key of garbage)
	// is no sign that the name is written in Yale
	_, ok := segmentKorean(joined, true, nil)
	return ok
}
