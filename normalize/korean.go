package normalize

// Korean canonical syllables.
//
// A romanised Korean name is segmented into syllables by dynamic
// programming over the spellings that every system (RR, MR with or without
// breves and apostrophes, DPRK, ODNI, Yale) and customary usage give to
// each initial, vowel and final. Each syllable is folded to a canonical
// (initial, vowel, final) triple and spelled in one canonical alphabet.
//
// The folds are those the systems force: plain, aspirated and tense
// initials are one (MR k = RR g, MR k' = DPRK kh = RR k); ㅓ and ㅗ are one
// vowel (MR and DPRK write both as o), ㅜ and ㅡ likewise (KCNA u), ㅕ and
// ㅛ likewise. Initial and final plosives share their canonical letter
// (g d b) and ㄹ is r in both places, so a joined given name gives the same
// key however it is cut into syllables: jong+un = jon+gun = "jongun".

// Canonical initial classes.
const (
	kiNone = iota
	kiG
	kiN
	kiD
	kiR
	kiM
	kiB
	kiS
	kiJ
	kiH
	numKoInitials
)

var canonInitial = [numKoInitials]string{"", "g", "n", "d", "r", "m", "b", "s", "j", "h"}

// Canonical vowel classes.
const (
	kvA = iota
	kvAE
	kvYA
	kvYAE
	kvO // ㅓ ㅗ
	kvE
	kvYO // ㅕ ㅛ
	kvYE
	kvWA
	kvWAE
	kvOE
	kvU // ㅜ ㅡ
	kvWO
	kvWE
	kvWI
	kvYU
	kvUI
	kvI
	numKoVowels
)

var canonVowel = [numKoVowels]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "wa", "wae", "oe", "u", "wo", "we", "wi", "yu", "ui", "i"}

// Canonical final classes (the seven representative sounds).
const (
	kfNone = iota
	kfG
	kfN
	kfD
	kfR
	kfM
	kfB
	kfNG
	numKoFinals
)

var canonFinal = [numKoFinals]string{"", "g", "n", "d", "r", "m", "b", "ng"}

// jamo index (Unicode order) → canonical class.
var initialClass = [19]uint8{kiG, kiG, kiN, kiD, kiD, kiR, kiM, kiB, kiB, kiS, kiS, kiNone, kiJ, kiJ, kiJ, kiG, kiD, kiB, kiH}
var vowelClass = [21]uint8{kvA, kvAE, kvYA, kvYAE, kvO, kvE, kvYO, kvYE, kvO, kvWA, kvWAE, kvOE, kvYO, kvU, kvWO, kvWE, kvWI, kvYU, kvU, kvUI, kvI}
var finalClass = [28]uint8{kfNone, kfG, kfG, kfG, kfN, kfN, kfN, kfD, kfR, kfG, kfM, kfR, kfR, kfR, kfB, kfR, kfM, kfB, kfB, kfD, kfD, kfNG, kfD, kfD, kfG, kfD, kfB, kfD}

// spelling is one way of writing a jamo class; cost breaks ties between
// segmentations (0 for the systems' own spellings, more for customary or
// rare ones).
type spelling struct {
	s     string
	class uint8
	cost  uint8
	yale  uint8 // 0: any mode; 1: only outside Yale mode; 2: only in Yale mode
}

const (
	anyMode = iota
	notYale
	onlyYale
)

var koInitialSpellings = []spelling{
	{"g", kiG, 0, 0}, {"k", kiG, 0, 0}, {"kk", kiG, 0, 0}, {"kh", kiG, 1, 0}, {"gh", kiG, 3, 0}, {"gg", kiG, 3, 0},
	{"n", kiN, 0, 0},
	{"d", kiD, 0, 0}, {"t", kiD, 0, 0}, {"tt", kiD, 0, 0}, {"th", kiD, 1, 0}, {"dd", kiD, 3, 0},
	{"r", kiR, 0, 0}, {"l", kiR, 1, 0}, {"rh", kiR, 3, 0}, {"ll", kiR, 3, 0},
	{"m", kiM, 0, 0},
	{"b", kiB, 0, 0}, {"p", kiB, 0, 0}, {"pp", kiB, 0, 0}, {"ph", kiB, 1, 0}, {"bb", kiB, 3, 0},
	{"s", kiS, 0, 0}, {"ss", kiS, 0, 0}, {"sh", kiS, 1, 0},
	{"j", kiJ, 0, 0}, {"jj", kiJ, 0, 0}, {"ch", kiJ, 0, 0}, {"tch", kiJ, 1, 0}, {"c", kiJ, 1, 0}, {"cc", kiJ, 1, 0},
	{"jh", kiJ, 2, 0}, {"ts", kiJ, 3, 0}, {"z", kiJ, 3, 0}, {"zh", kiJ, 3, 0}, {"dj", kiJ, 3, 0},
	{"h", kiH, 0, 0}, {"wh", kiH, 3, 0},
	{"", kiNone, 0, 0}, {"q", kiNone, 0, 0},
}

var koVowelSpellings = []spelling{
	{"a", kvA, 0, 0},
	{"ae", kvAE, 0, 0}, {"ay", kvAE, 0, onlyYale}, {"ai", kvAE, 20, 0},
	{"ya", kvYA, 0, 0},
	{"yae", kvYAE, 0, 0}, {"yay", kvYAE, 0, onlyYale},
	{"eo", kvO, 0, 0}, {"o", kvO, 0, 0}, {"e", kvO, 0, onlyYale},
	{"e", kvE, 0, notYale}, {"ey", kvE, 0, onlyYale},
	{"yeo", kvYO, 0, 0}, {"yo", kvYO, 0, 0}, {"you", kvYO, 2, 0}, {"ye", kvYO, 0, onlyYale},
	{"ye", kvYE, 0, notYale}, {"yey", kvYE, 0, onlyYale},
	{"wa", kvWA, 0, 0}, {"oa", kvWA, 20, 0},
	{"wae", kvWAE, 0, 0}, {"way", kvWAE, 0, onlyYale},
	{"oe", kvOE, 0, 0}, {"oy", kvOE, 0, onlyYale}, {"oi", kvOE, 20, 0},
	{"u", kvU, 0, 0}, {"eu", kvU, 0, 0}, {"wu", kvU, 0, onlyYale}, {"oo", kvU, 2, 0}, {"woo", kvU, 2, 0}, {"ou", kvU, 20, 0},
	{"wo", kvWO, 0, 0}, {"weo", kvWO, 1, 0}, {"we", kvWO, 0, onlyYale},
	{"we", kvWE, 0, notYale}, {"wey", kvWE, 0, onlyYale},
	{"wi", kvWI, 0, 0},
	{"yu", kvYU, 0, 0}, {"yoo", kvYU, 2, 0},
	{"ui", kvUI, 0, 0}, {"eui", kvUI, 1, 0}, {"uy", kvUI, 0, onlyYale},
	{"i", kvI, 0, 0}, {"ee", kvI, 2, 0}, {"yi", kvI, 2, 0}, {"yee", kvI, 2, 0},
}

var koFinalSpellings = []spelling{
	{"", kfNone, 0, 0},
	{"k", kfG, 0, 0}, {"kk", kfG, 1, 0}, {"ks", kfG, 1, onlyYale}, {"lk", kfG, 1, onlyYale}, {"g", kfG, 2, 0},
	{"n", kfN, 0, 0}, {"nn", kfN, 2, 0}, {"nc", kfN, 1, onlyYale}, {"nh", kfN, 1, onlyYale},
	{"t", kfD, 0, 0}, {"s", kfD, 1, onlyYale}, {"ss", kfD, 1, onlyYale}, {"c", kfD, 1, onlyYale}, {"ch", kfD, 2, onlyYale}, {"th", kfD, 2, onlyYale}, {"h", kfD, 2, onlyYale},
	{"l", kfR, 0, 0}, {"r", kfR, 1, 0}, {"ll", kfR, 2, 0}, {"d", kfD, 2, 0}, {"b", kfB, 2, 0}, {"lp", kfR, 1, onlyYale}, {"ls", kfR, 1, onlyYale}, {"lth", kfR, 1, onlyYale}, {"lh", kfR, 1, onlyYale},
	{"m", kfM, 0, 0}, {"mm", kfM, 2, 0}, {"lm", kfM, 1, onlyYale},
	{"p", kfB, 0, 0}, {"ps", kfB, 1, onlyYale}, {"lph", kfB, 1, onlyYale},
	{"ng", kfNG, 0, 0},
}

// The segmentation reads a syllable as an onset (an initial's spelling,
// maybe empty, and a vowel's) followed by a final's spelling, maybe empty.
// The onsets of one mode are few (some 1,500), so they are held in a trie
// walked letter by letter; the finals are matched by their packed letters.

// koOnset is a node of the trie of onsets: the letters read to get there,
// and the onset they spell, if any. Were there two ways to cut the letters
// into an initial and a vowel, the node would keep the one the
// segmentation prefers (cheaper, then first); the tables have none.
type koOnset struct {
	next     [26]uint16         // the node after each letter a to z; 0 for none
	ends     bool               // the letters spell an onset
	ini, vow uint8              // its classes
	cost     uint8              // the sum of its spellings' costs
	rare     [numKoFinals]uint8 // what a syllable of it costs more, by its final (see koRareCost)
	spell    uint8              // how its letters spell it (see koSpellOf)
	rank     uint32             // its place in the order of the tables (see koRank)
}

// koRare is what a syllable that names hardly ever hold costs more, so
// that letters that also read as common syllables read as those: 16, one
// syllable's cost, and more.
const koRare = 20

// koRareCost returns what a syllable spelled ini+v with a final of class
// fin costs more. ㅢ after a consonant but ㅎ (싀, 믜) and ㅢ with a final
// (읜, 흰) are rare in names, so Suik is 수익 and Uin 우인; 으 without a
// final is rare after a vowel, so Jaeu is 재우, not 자으; the customary
// "you" for ㅕ is read only before ng (Young is 영, Ryou 려우).
func koRareCost(ini, v *spelling, fin uint8) uint8 {
	switch {
	case v.class == kvUI && ini.class != kiNone && ini.class != kiH:
		return koRare
	case v.class == kvUI && fin != kfNone:
		return koRare
	case ini.s == "" && v.s == "eu" && fin == kfNone:
		return koRare
	case v.s == "you" && fin != kfNG:
		return koRare
	}
	return 0
}

// koRank orders the ways a syllable is read at one position as the tables
// list them: initial, then vowel, then final (none first). Equal costs go
// to the first in this order.
func koRank(ini, vow, fin int) uint32 { return uint32(ini)<<16 | uint32(vow)<<8 | uint32(fin) }

// newKoOnsets builds the trie of the onsets usable in the mode yale.
func newKoOnsets(yale bool) []koOnset {
	nodes := make([]koOnset, 1, 2048) // the root, which no letter leads to; the tables make some 1,800 nodes
	for ii := range koInitialSpellings {
		ini := &koInitialSpellings[ii]
		iniRank := ii + 1
		if ini.s == "" {
			iniRank = 0 // the empty initial is tried first
		}
		for vi := range koVowelSpellings {
			v := &koVowelSpellings[vi]
			if !modeOK(v, yale) {
				continue
			}
			at := 0
			for _, c := range []byte(ini.s + v.s) {
				if nodes[at].next[c-'a'] == 0 {
					nodes = append(nodes, koOnset{})
					nodes[at].next[c-'a'] = uint16(len(nodes) - 1)
				}
				at = int(nodes[at].next[c-'a'])
			}
			o := koOnset{next: nodes[at].next, ends: true, ini: ini.class, vow: v.class, cost: ini.cost + v.cost, rank: koRank(iniRank, vi, 0)}
			for fin := range o.rare {
				o.rare[fin] = koRareCost(ini, v, uint8(fin))
			}
			o.spell = koSpellOf(ini, v)
			if old := &nodes[at]; !old.ends || o.cost < old.cost || o.cost == old.cost && o.rank < old.rank {
				*old = o
			}
		}
	}
	if len(nodes) > 1<<16 {
		panic("normalize: too many Korean onsets")
	}
	return nodes
}

// koFinal is the spelling of a final packed for matching: its letters as a
// little-endian word, so that one masked comparison with the letters ahead
// tells whether it matches.
type koFinal struct {
	word, mask uint32
	n, class   uint8
	cost       uint8
	rank       uint8 // 1 + its index in koFinalSpellings
}

// newKoFinals lists the finals usable in the mode yale by their first
// letter, each list in table order.
func newKoFinals(yale bool) *[256][]koFinal {
	t := &[256][]koFinal{}
	for i := range koFinalSpellings {
		s := &koFinalSpellings[i]
		if s.s == "" || !modeOK(s, yale) {
			continue // no final is tried by itself
		}
		if len(s.s) > 4 {
			panic("normalize: Korean final longer than four letters: " + s.s)
		}
		f := koFinal{n: uint8(len(s.s)), class: s.class, cost: s.cost, rank: uint8(i + 1)}
		for k := 0; k < len(s.s); k++ {
			f.word |= uint32(s.s[k]) << (8 * k)
			f.mask |= 0xff << (8 * k)
		}
		t[s.s[0]] = append(t[s.s[0]], f)
	}
	return t
}

// koTables holds the onsets and finals of one mode.
type koTables struct {
	onsets []koOnset
	finals *[256][]koFinal
}

// koModes holds the tables outside Yale mode and in it.
var koModes = [2]koTables{
	{newKoOnsets(false), newKoFinals(false)},
	{newKoOnsets(true), newKoFinals(true)},
}

func modeOK(sp *spelling, yale bool) bool {
	switch sp.yale {
	case notYale:
		return !yale
	case onlyYale:
		return yale
	}
	return true
}

// koSyllable is a canonical syllable.
type koSyllable struct{ ini, vow, fin uint8 }

// maxKoPiece bounds the length of one letter run parsed as Korean (a
// word; longer runs are not Korean names).
const maxKoPiece = maxParsedLetters

// segmentKorean splits the lower-case letters b into Korean syllables,
// appending them to out. It reports false when b cannot be read as Korean.
// A segmentation costs 16 per syllable plus its spellings' costs, so the
// fewest syllables win first, then the most regular spellings.
func segmentKorean(b []byte, yale bool, out []koSyllable) ([]koSyllable, bool) {
	out, _, ok := segmentKoreanSpelled(b, yale, out, nil)
	return out, ok
}

// segmentKoreanSpelled is segmentKorean that also appends to spell how
// the letters spell each syllable (see koSpellOf).
func segmentKoreanSpelled(b []byte, yale bool, out []koSyllable, spell []uint8) ([]koSyllable, []uint8, bool) {
	// most pieces are short: spare clearing the long table
	if len(b) < 16 {
		var short [16]koStep
		return segmentKoreanSteps(b, yale, short[:], out, spell)
	}
	var long [maxKoPiece + 1]koStep
	return segmentKoreanSteps(b, yale, long[:], out, spell)
}

// segmentKoreanInto is segmentKoreanSpelled with the caller's scratch
// space for the steps (segment writes every step it reads).
func segmentKoreanInto(b []byte, yale bool, steps *[maxKoPiece + 1]koStep, out []koSyllable, spell []uint8) ([]koSyllable, []uint8, bool) {
	return segmentKoreanSteps(b, yale, steps[:], out, spell)
}

// segmentKoreanSteps segments b with steps, which holds at least len(b)+1
// steps when b is no longer than maxKoPiece.
func segmentKoreanSteps(b []byte, yale bool, steps []koStep, out []koSyllable, spell []uint8) ([]koSyllable, []uint8, bool) {
	n := len(b)
	if n == 0 {
		return out, spell, true
	}
	if n > maxKoPiece {
		return out, spell, false
	}
	t := &koModes[0]
	if yale {
		t = &koModes[1]
	}
	if syl, sp, ok := t.one(b); ok {
		if spell != nil {
			spell = append(spell, sp)
		}
		return append(out, syl), spell, true
	}
	return t.segment(b, steps[:n+1], out, spell)
}

// one reads the letters b as a single syllable, the commonest piece of a
// name (Ho, Rim, Jong), without the steps of segment. It reports false
// when no single syllable spells b for less than two syllables cost at
// least (32): segment must weigh the ways to cut b then. Otherwise it
// gives what segment would: every way segment has to b's end in one
// syllable comes from the start, so the cheapest of them, and of equally
// cheap ones the first in the order of the tables, wins there too; and
// any way in two syllables or more costs 32 at least.
func (t *koTables) one(b []byte) (koSyllable, uint8, bool) {
	const twoSyllables = 2 * 16
	n := len(b)
	// the best reading so far: its onset (nil for none) and final
	best, bestRank := int32(twoSyllables), uint32(0)
	var bo *koOnset
	var bfin uint8
	o := &t.onsets[0]
	for j := 0; j < n; j++ {
		c := b[j] - 'a'
		if c >= 26 {
			break
		}
		next := o.next[c]
		if next == 0 {
			break
		}
		o = &t.onsets[next]
		if !o.ends {
			continue
		}
		m := j + 1
		base := 16 + int32(o.cost)
		if m == n {
			if cost := base + int32(o.rare[kfNone]); cost < best || cost == best && bo != nil && o.rank < bestRank {
				best, bestRank, bo, bfin = cost, o.rank, o, kfNone
			}
			break
		}
		if n-m > 4 {
			continue // no final is so long
		}
		var w uint32
		for k := n - 1; k >= m; k-- {
			w = w<<8 | uint32(b[k])
		}
		for _, f := range t.finals[b[m]] {
			if int(f.n) != n-m || w&f.mask != f.word {
				continue
			}
			rank := o.rank | uint32(f.rank)
			if cost := base + int32(o.rare[f.class]) + int32(f.cost); cost < best || cost == best && bo != nil && rank < bestRank {
				best, bestRank, bo, bfin = cost, rank, o, f.class
			}
		}
	}
	if bo == nil {
		return koSyllable{}, 0, false
	}
	return koSyllable{bo.ini, bo.vow, bfin}, bo.spell, true
}

// koStep is the state of the segmentation at one position of the letters:
// the letters ahead, and the cheapest way found to get there.
type koStep struct {
	ahead uint32 // the next four letters, little-endian (0 past the end)
	cost  int32
	rank  uint32 // of the last syllable among the ways from the same place
	from  uint8
	spell uint8      // how the letters spell it
	syl   koSyllable // the syllable that ends here
}

// segment is segmentKorean by dynamic programming over steps, one for
// each position of b and one for its end. Of the ways to a position, the
// cheapest wins; of equally cheap ones, the one from the earliest position,
// and of those the first in the order of the tables (koRank).
func (t *koTables) segment(b []byte, steps []koStep, out []koSyllable, spell []uint8) ([]koSyllable, []uint8, bool) {
	const inf = 1 << 30
	n := len(b)
	var ahead uint32
	// the other fields of a step are read only once a way reaches it
	steps[n].ahead, steps[n].cost = 0, inf
	for p := n - 1; p >= 0; p-- {
		ahead = ahead<<8 | uint32(b[p])
		steps[p].ahead, steps[p].cost = ahead, inf
	}
	steps[0].cost = 0
	reach := func(from, e int, cost int32, rank uint32, syl koSyllable, sp uint8) {
		if s := &steps[e]; cost < s.cost || cost == s.cost && int(s.from) == from && rank < s.rank {
			s.cost, s.rank, s.from, s.syl, s.spell = cost, rank, uint8(from), syl, sp
		}
	}
	for i := 0; i < n; i++ {
		ci := steps[i].cost
		if ci == inf {
			continue
		}
		o := &t.onsets[0]
		for j := i; j < n; j++ {
			c := b[j] - 'a'
			if c >= 26 {
				break
			}
			next := o.next[c]
			if next == 0 {
				break
			}
			o = &t.onsets[next]
			if !o.ends {
				continue
			}
			m := j + 1
			base := ci + 16 + int32(o.cost)
			reach(i, m, base+int32(o.rare[kfNone]), o.rank, koSyllable{o.ini, o.vow, kfNone}, o.spell)
			wm := steps[m].ahead
			fs := t.finals[byte(wm)]
			for y := range fs {
				f := &fs[y]
				if wm&f.mask != f.word {
					continue
				}
				e := m + int(f.n)
				cost := base + int32(o.rare[f.class]) + int32(f.cost)
				if byte(steps[e].ahead) == 'h' && (f.class == kfD || f.class == kfB) {
					cost += 2 // th, ph: DPRK ㅌ ㅍ rather than a rare final t or p before ㅎ
				}
				reach(i, e, cost, o.rank|uint32(f.rank), koSyllable{o.ini, o.vow, f.class}, o.spell)
			}
		}
	}
	if steps[n].cost == inf {
		return out, spell, false
	}
	// walk back, then reverse the appended syllables
	start, spStart := len(out), len(spell)
	for e := n; e > 0; e = int(steps[e].from) {
		out = append(out, steps[e].syl)
		if spell != nil {
			spell = append(spell, steps[e].spell)
		}
	}
	for l, r := start, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	for l, r := spStart, len(spell)-1; l < r; l, r = l+1, r-1 {
		spell[l], spell[r] = spell[r], spell[l]
	}
	return out, spell, true
}

// appendKoSyllable appends the canonical spelling of s. A syllable
// without an initial consonant after one ending in a vowel is written
// with q where the two vowels would otherwise spell one (세은 is "sequn",
// not "seun", which reads as 슨), so that a key reads back as itself.
func appendKoSyllable(dst []byte, s koSyllable) []byte {
	sp := &koSyllableSpellings[s.ini][s.vow][s.fin]
	if s.ini == kiNone && len(dst) > 0 && needsQ(dst[len(dst)-1], sp.b[0]) {
		dst = append(dst, 'q')
	}
	if n := len(dst); cap(dst)-n >= len(sp.b) {
		// one word stored, whatever the length
		*(*[len(sp.b)]byte)(dst[n : n+len(sp.b)]) = sp.b
		return dst[:n+int(sp.n)]
	}
	return append(dst, sp.b[:sp.n]...)
}

// koSpelled is the canonical spelling of one syllable.
type koSpelled struct {
	b [8]byte // at most sh + yae + ng, seven; eight to store as a word
	n uint8
}

// koSyllableSpellings holds the canonical spelling of every syllable.
var koSyllableSpellings = func() (t [numKoInitials][numKoVowels][numKoFinals]koSpelled) {
	for ini := range t {
		for vow := range t[ini] {
			for fin := range t[ini][vow] {
				initial := canonInitial[ini]
				if ini == kiS && (vow == kvI || vow == kvWI) {
					initial = "sh" // 시 shi, 신 shin: the customary spelling
				}
				v := vow
				if ini == kiS || ini == kiJ {
					v = int(unglide[vow]) // 셔 is 서, 쥬 주: one sound since the old spelling
				}
				sp := &t[ini][vow][fin]
				if vow == kvUI && (fin != kfNone || ini != kiNone && ini != kiH) {
					// ㅢ with a final (읠, 흰) or after a consonant but ㅎ
					// (긔), rare in names (see koRareCost), is read back as
					// ㅜ and ㅣ (Uil is 우일, Huin 후인, Gui 구이): it is
					// written so, that the key reads as itself
					sp.n = uint8(copy(sp.b[:], initial+canonVowel[kvU]+"q"+canonVowel[kvI]+canonFinal[fin]))
					continue
				}
				sp.n = uint8(copy(sp.b[:], initial+canonVowel[v]+canonFinal[fin]))
			}
		}
	}
	return
}()

// unglide maps the y-vowels to the vowels without the glide, which they
// are after ㅅ ㅈ ㅊ (샤 = 사, 져 = 저, 쥬 = 주), and every other vowel to
// itself.
var unglide = func() (t [numKoVowels]uint8) {
	for v := range t {
		t[v] = uint8(v)
	}
	t[kvYA], t[kvYAE], t[kvYO], t[kvYE], t[kvYU] = kvA, kvAE, kvO, kvE, kvU
	return
}()

// hangulSyllable returns the canonical syllable of a precomposed Hangul
// syllable.
func hangulSyllable(r rune) koSyllable {
	l, v, t := decomposeHangul(r)
	return koSyllable{initialClass[l], vowelClass[v], finalClass[t]}
}

// looksYale reports whether the letters b carry a spelling only Yale
// writes (wu, ay, ey, oy, uy — and so yay, way, wey — or c not before h);
// such a name is read in Yale mode, where e, ye and we are ㅓ ㅕ ㅝ.
func looksYale(b []byte) bool {
	// every Yale-only spelling has a c, w or y: most names have none
	i := 0
	for i < len(b) && !yaleLetter[b[i]] {
		i++
	}
	if i == len(b) {
		return false
	}
	// from the letter before the first c, w or y (ay, ey, oy, uy)
	for i = max(i-1, 0); i+1 < len(b); i++ {
		c, d := b[i], b[i+1]
		switch {
		case c == 'w' && d == 'u':
			return true
		case d == 'y' && (c == 'a' || c == 'e' || c == 'o' || c == 'u'):
			// ay ey oy uy, but not before a vowel (kaya, hoyu)
			if i+2 == len(b) || !isVowel(b[i+2]) {
				return true
			}
		case c == 'c' && d != 'h' && d != 'c':
			return true
		}
	}
	return false // a final c (Yale ㅈ) ends no name: not a sign, and it would make keys of garbage (zc) read as Yale
}

// yaleLetter holds the letters of the Yale-only spellings looksYale
// looks for.
var yaleLetter = [256]bool{'c': true, 'w': true, 'y': true}

// needsQ reports whether vowel letter a followed by vowel letter b spells
// a vowel of its own (eo, eu, ee, oo, oe, ae, ui).
func needsQ(a, b byte) bool {
	switch a {
	case 'e':
		return b == 'o' || b == 'u' || b == 'e'
	case 'o':
		return b == 'o' || b == 'e'
	case 'a':
		return b == 'e'
	case 'u':
		return b == 'i'
	}
	return false
}
