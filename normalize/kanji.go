package normalize

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Reading Japanese names written in kanji.
//
// A name in kanji has several possible readings (裕 is Yutaka, Hiroshi, Yū
// ...), and which one its bearer uses cannot be known from the kanji. The
// readings are taken from the names dictionaries (data/README.md), best
// first by how common each reading is in the role asked for (surname or
// given name). A name the dictionaries lack is segmented: into written
// names they know (a surname or given name inside it) and single kanji,
// each kanji read as it is read inside names (voiced after the first
// kanji, 田 だ in 山田; geminated before a voiceless consonant, 一 いっ in
// 一平), the segmentations ranked by how often each piece takes its
// reading. The readings come back bounded and ranked: the matcher takes
// the best against the other record.

// kanjiReading is one reading of a name written in kanji, in hiragana.
type kanjiReading struct {
	kana  string
	score float64 // higher: likelier; dictionary readings of the whole name are above every composed one
	dict  bool    // the dictionaries list the whole name with this reading
	// inRole: ... in the role asked for (a surname's reading for a
	// family name)
	inRole bool
}

// Bounds of kanji reading: the readings returned, the partial readings
// kept at each position while composing, and the kanji composed.
const (
	maxKanjiReadings = 12
	kanjiBeam        = 16
	maxKanjiRunes    = 12
	maxCharReadings  = 10 // readings of one kanji tried
)

// dictBonus puts a dictionary reading of the whole name above every
// composed reading.
const dictBonus = 30

// kanjiReadings returns up to max readings of written name w (kanji,
// maybe with kana), best first, for a part in role (roleSurname,
// roleGiven, or roleAny when unknown). It returns nil when w cannot be
// read: a kanji no table knows.
func kanjiReadings(w string, role uint8, max int) []kanjiReading {
	return kanjiReadingsFull(w, role, max, true)
}

// kanjiReadingsFull is kanjiReadings; without compose, a name whose
// dictionary readings fill max is not also composed (composed readings
// rank below every dictionary reading, so the first max are the same).
func kanjiReadingsFull(w string, role uint8, max int, compose bool) []kanjiReading {
	k := kanjiKey{w, role, int8(max), compose}
	if v, ok := kanjiCache.Load(k); ok {
		return v.([]kanjiReading)
	}
	rs := readKanjiName(w, role, max, compose)
	if kanjiCacheSize.Add(1) <= maxKanjiCache {
		kanjiCache.Store(k, rs)
	}
	return rs
}

// The readings of names in kanji are remembered (archives repeat their
// surnames and given names), up to maxKanjiCache names; the slices are
// shared, and read only.
var (
	kanjiCache     sync.Map // kanjiKey → []kanjiReading
	kanjiCacheSize atomic.Int64
)

const maxKanjiCache = 1 << 15

type kanjiKey struct {
	w       string
	role    uint8
	max     int8
	compose bool
}

// readKanjiName is kanjiReadingsFull without the cache.
func readKanjiName(w string, role uint8, max int, compose bool) []kanjiReading {
	if w == "" || utf8.RuneCountInString(w) > maxKanjiRunes {
		return nil
	}
	var out []kanjiReading
	names := jaKanjiNames()
	dict := names.lookup(w)
	if len(dict) == 0 {
		// a name the dictionaries do not list as written: its variant
		// forms (髙, 﨑) read as the forms the tables know (高, 崎)
		if f, ok := foldJaVariants(w); ok {
			return readKanjiName(f, role, max, compose)
		}
	}
	for _, r := range dict {
		s := dictBonus + r.weight
		if r.roles&role == 0 {
			s -= 3 // a surname's reading for a given name, or the reverse
		}
		out = append(out, kanjiReading{kana: r.kana, score: s, dict: true, inRole: r.roles&role != 0})
	}
	// readings in the other role fall behind those in this one, in both
	// modes, so that the first max are the same with or without compose
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	if !compose && len(out) >= max {
		return out[:max]
	}
	// the dictionary's readings first, but not all of the places: the
	// likeliest composed readings keep some
	if keep := max - max/3; len(out) > keep && max > 2 {
		out = out[:keep]
	}
	for _, c := range composeKanji(w, names) {
		if !containsReading(out, c.kana) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	if len(out) > max {
		out = out[:max]
	}
	return out
}

func containsReading(rs []kanjiReading, kana string) bool {
	for _, r := range rs {
		if r.kana == kana {
			return true
		}
	}
	return false
}

// composeKanji reads w piece by piece, keeping the kanjiBeam best partial
// readings at each position: a piece is a written name of two or more
// characters that the dictionary knows (read by its readings), one kanji
// (read as kanji are read inside names), or kana (read as written).
func composeKanji(w string, names *kanjiNames) []kanjiReading {
	runes := []rune(w)
	n := len(runes)
	for i, r := range runes {
		if r == '々' && i > 0 {
			runes[i] = runes[i-1] // 佐々木: the kanji repeated
		}
	}
	chars := jaKanjiChars()
	// at[i]: the partial readings of the first i characters, best score
	// of each
	at := make([]map[string]float64, n+1)
	at[0] = map[string]float64{"": 0}
	push := func(j int, kana string, score float64) {
		if at[j] == nil {
			at[j] = map[string]float64{}
		}
		if old, ok := at[j][kana]; !ok || score > old {
			at[j][kana] = score
		}
	}
	var beam []partial
	for i := 0; i < n; i++ {
		beam = beam[:0]
		for k, sc := range at[i] {
			beam = append(beam, partial{k, sc})
		}
		if len(beam) == 0 {
			continue
		}
		slices.SortFunc(beam, byScore)
		if len(beam) > kanjiBeam {
			beam = beam[:kanjiBeam]
		}
		// kana as written (雪キョウ, 河地マヤ)
		if isKana(runes[i]) {
			j := i
			for j < n && isKana(runes[j]) {
				j++
			}
			kana := toHiraganaString(string(runes[i:j]))
			for _, p := range beam {
				push(j, p.kana+kana, p.score)
			}
			continue
		}
		// written names of two characters and more inside w
		for j := i + 2; j <= n && j-i <= 4; j++ {
			if j-i == n {
				continue // the whole name: looked up by the caller
			}
			rs := names.lookup(w[byteOffset(w, i):byteOffset(w, j)])
			if len(rs) == 0 {
				continue
			}
			top := rs[0].weight
			for k, r := range rs {
				if k == 4 {
					break
				}
				for _, p := range beam {
					push(j, p.kana+r.kana, p.score+(r.weight-top)-1)
				}
			}
		}
		// one kanji
		for k, r := range chars[runes[i]] {
			if k == maxCharReadings {
				break
			}
			lp := r.medial
			if i == 0 {
				lp = r.initial
			}
			for _, p := range beam {
				push(i+1, p.kana+r.kana, p.score+lp)
			}
		}
	}
	last := make([]partial, 0, len(at[n]))
	for k, sc := range at[n] {
		last = append(last, partial{k, sc})
	}
	slices.SortFunc(last, byScore)
	out := make([]kanjiReading, 0, min(len(last), maxKanjiReadings))
	for _, p := range last {
		if len(out) == maxKanjiReadings {
			break
		}
		if validKanaReading(p.kana) {
			out = append(out, kanjiReading{kana: p.kana, score: p.score})
		}
	}
	return out
}

// partial is a reading of the first characters of a name, while it is
// composed.
type partial struct {
	kana  string
	score float64
}

// byScore orders partial readings best first, then by kana (so that the
// order never depends on a map's).
func byScore(a, b partial) int {
	switch {
	case a.score > b.score:
		return -1
	case a.score < b.score:
		return 1
	}
	return strings.Compare(a.kana, b.kana)
}

// validKanaReading rejects compositions no name has: a reading that
// starts with ん or っ, or has っ before a vowel or at the end.
func validKanaReading(k string) bool {
	prev := rune(0)
	for i, r := range k {
		if i == 0 && (r == 'ん' || r == 'っ') {
			return false
		}
		if prev == 'っ' {
			if e, ok := hiraganaEntry(r); ok && (e.row == "" || e.row == "n" || e.row == "m" || e.row == "y" || e.row == "r" || e.row == "w") {
				return false
			}
		}
		prev = r
	}
	return prev != 'っ'
}

// byteOffset returns the byte offset of rune i of s.
func byteOffset(s string, i int) int {
	for off := range s {
		if i == 0 {
			return off
		}
		i--
	}
	return len(s)
}

// toHiraganaString returns s with katakana turned into hiragana.
func toHiraganaString(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, toHiragana(r))
	}
	return string(b)
}

// hasHanRune reports whether s holds a kanji.
func hasHanRune(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// hanChoice tells appendJaPart to read the kanji of one part as kana
// (see readKanji): the part's first Han token, whose text is text.
type hanChoice struct {
	text, kana string
}

// Bounds of the readings of a name with kanji: readings returned as names
// (each compared by the matcher), and keys of further readings returned
// as Variants.
const (
	maxKanjiNames    = 3
	maxKanjiVariants = 24
)

// firstHan returns the text of the first Han token of toks.
func firstHan(f *fieldScratch, toks []token) (string, bool) {
	for i := range toks {
		if toks[i].script == scriptHan {
			return f.text(&toks[i]), true
		}
	}
	return "", false
}

// readKanji appends the Japanese readings of a (family, given) split
// written with kanji: the likeliest combinations of the parts' readings
// as candidates, scored prior plus how well the dictionaries know each
// part in its role, and the next ones as keys in kb.extra (for Variants)
// when variants are asked for. The kanji as written (hex keys, not
// readable) stay a candidate too, so that identical kanji meet.
func readKanji(out []candidate, kb *keyBuf, ff *fieldScratch, ft []token, gf *fieldScratch, gt []token, prior float64, variants bool) []candidate {
	famText, famHan := firstHan(ff, ft)
	givText, givHan := firstHan(gf, gt)
	// the same names whether or not variants are asked for, so that
	// Parse and ParseInto agree (see kanjiReadingsFull)
	need := maxKanjiNames
	if variants {
		need = maxKanjiReadings
	}
	fr := []kanjiReading{{}}
	gr := []kanjiReading{{}}
	fit := 0.0
	if famHan {
		fr = kanjiReadingsFull(famText, roleSurname, need, variants)
		fit += roleFit(fr)
	}
	if givHan {
		gr = kanjiReadingsFull(givText, roleGiven, need, variants)
		fit += roleFit(gr)
	}
	// A part no table reads (𡈽田) stays as written, its code points, beside
	// the readings of the other part (茂: shige, shigeru), so that the part
	// that is read still meets its spellings: 𡈽田 茂 is x135741x30000
	// shigeru. (hanKana leaves a part without readings as written.)
	halfRead := false
	if len(fr) > 0 || len(gr) > 0 {
		if len(fr) == 0 {
			fr, halfRead = []kanjiReading{{}}, true
		}
		if len(gr) == 0 {
			gr, halfRead = []kanjiReading{{}}, true
		}
		type combo struct {
			f, g  int
			score float64
		}
		combos := make([]combo, 0, len(fr)*len(gr))
		for i := range fr {
			for j := range gr {
				combos = append(combos, combo{i, j, fr[i].score + gr[j].score})
			}
		}
		sort.SliceStable(combos, func(a, b int) bool { return combos[a].score > combos[b].score })
		best := combos[0].score
		for k, cb := range combos {
			if k >= maxKanjiNames && (!variants || len(kb.extra) >= maxKanjiVariants) {
				break
			}
			kb.han[0] = hanChoice{famText, fr[cb.f].kana}
			kb.han[1] = hanChoice{givText, gr[cb.g].kana}
			var c *candidate
			out, c = appendCandidate(out)
			c.build(kb, ff, ft, gf, gt, Japanese, false)
			kb.han = [2]hanChoice{}
			if k >= maxKanjiNames {
				// a further reading: its key only
				kb.extra = append(kb.extra, string(c.keyBytes()))
				out = out[:len(out)-1]
				continue
			}
			c.plausible = true
			// the readings after the best stay within reach of it, so
			// that they are kept (see sortCandidates)
			c.score = prior + fit - min(3, (best-cb.score)*0.25)
		}
	}
	var c *candidate
	out, c = appendCandidate(out)
	kb.hanHex = true
	c.build(kb, ff, ft, gf, gt, Japanese, false)
	kb.hanHex = false
	c.plausible = true
	c.score = prior + fit - 3.2
	if kb.wantExtra {
		// kept among the Variants too, in case the readings crowd it out
		kb.extra = append(kb.extra, string(c.keyBytes()))
	}
	if halfRead {
		// Every reading keeps the unread part as written already; the
		// read part as written would only let a pair that disagrees on
		// it count it missing instead.
		out = out[:len(out)-1]
	}
	return out
}

// roleFit is the evidence that a part written in kanji has the role its
// readings were asked for: 2 when the dictionaries list it in that role,
// 1 when only in the other.
func roleFit(rs []kanjiReading) float64 {
	switch {
	case len(rs) == 0 || !rs[0].dict:
		return 0
	case rs[0].inRole:
		return 2
	}
	return 1
}

// bestKanjiReading returns the likeliest reading of a part written in
// kanji, or "" when it has none.
func bestKanjiReading(w string, family bool) string {
	role := uint8(roleGiven)
	if family {
		role = roleSurname
	}
	if rs := kanjiReadings(w, role, 1); len(rs) > 0 {
		return rs[0].kana
	}
	return ""
}

// hanKana returns the kana a part's kanji w read as: the reading
// readKanji chose, or the likeliest one; "" when it keeps them as written.
func hanKana(kb *keyBuf, w string, family bool) string {
	part := 1
	if family {
		part = 0
	}
	if h := &kb.han[part]; h.kana != "" && h.text == w {
		return h.kana
	}
	if kb.hanHex {
		return ""
	}
	return bestKanjiReading(w, family)
}

// startExtra readies kb for a parse: extra keys collected when want.
func (kb *keyBuf) startExtra(want bool) {
	kb.wantExtra = want
	if len(kb.extra) > 0 {
		clear(kb.extra)
		kb.extra = kb.extra[:0]
	}
}

// addExtra adds the keys of further readings collected in kb.extra to
// the Variants of each name, and returns names.
func (kb *keyBuf) addExtra(names []Name) []Name {
	if len(kb.extra) == 0 {
		return names
	}
	for i := range names {
		for _, k := range kb.extra {
			if k != names[i].Key && !containsString(names[i].Variants, k) {
				names[i].Variants = append(names[i].Variants, k)
			}
		}
	}
	clear(kb.extra)
	kb.extra = kb.extra[:0]
	return names
}

// koreanHanjaSurname reports whether the family tokens are one kanji that
// is a Korean surname (金 李 朴), or a variant form of one that the Korean
// table does not read otherwise (髙 for 高).
func koreanHanjaSurname(f *fieldScratch, toks []token) bool {
	if len(toks) != 1 || toks[0].script != scriptHan {
		return false
	}
	t := f.text(&toks[0])
	r, size := utf8.DecodeRuneInString(t)
	return size == len(t) && (koRune(r) != nil || koRune(koVariant(r)) != nil)
}

// koreanGivenShape reports whether the given tokens are one word of one or
// two hanja, as Korean given names are.
func koreanGivenShape(f *fieldScratch, toks []token) bool {
	if len(toks) != 1 || toks[0].script != scriptHan {
		return false
	}
	n := utf8.RuneCountInString(f.text(&toks[0]))
	return n >= 1 && n <= 2
}
