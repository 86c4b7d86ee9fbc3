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
	{"g", kiG, 0, 0}, {"k", kiG, 0, 0}, {"kk", kiG, 0, 0}, {"kh", kiG, 1, 0}, {"gh", kiG, 2, 0}, {"gg", kiG, 3, 0},
	{"n", kiN, 0, 0},
	{"d", kiD, 0, 0}, {"t", kiD, 0, 0}, {"tt", kiD, 0, 0}, {"th", kiD, 1, 0}, {"dd", kiD, 3, 0},
	{"r", kiR, 0, 0}, {"l", kiR, 1, 0}, {"rh", kiR, 1, 0}, {"ll", kiR, 3, 0},
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
	{"yeo", kvYO, 0, 0}, {"yo", kvYO, 0, 0}, {"ye", kvYO, 0, onlyYale},
	{"ye", kvYE, 0, notYale}, {"yey", kvYE, 0, onlyYale},
	{"wa", kvWA, 0, 0}, {"oa", kvWA, 20, 0},
	{"wae", kvWAE, 0, 0}, {"way", kvWAE, 0, onlyYale},
	{"oe", kvOE, 0, 0}, {"oy", kvOE, 0, onlyYale}, {"oi", kvOE, 20, 0},
	{"u", kvU, 0, 0}, {"eu", kvU, 0, 0}, {"wu", kvU, 0, onlyYale}, {"oo", kvU, 2, 0}, {"ou", kvU, 20, 0},
	{"wo", kvWO, 0, 0}, {"weo", kvWO, 1, 0}, {"we", kvWO, 0, onlyYale},
	{"we", kvWE, 0, notYale}, {"wey", kvWE, 0, onlyYale},
	{"wi", kvWI, 0, 0},
	{"yu", kvYU, 0, 0}, {"yoo", kvYU, 2, 0}, {"you", kvYU, 20, 0},
	{"ui", kvUI, 0, 0}, {"eui", kvUI, 1, 0}, {"uy", kvUI, 0, onlyYale},
	{"i", kvI, 0, 0}, {"ee", kvI, 2, 0}, {"yi", kvI, 2, 0},
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

// spellingIndex groups spellings by their first byte for quick matching.
type spellingIndex struct {
	byFirst [26][]spelling
	empty   []spelling // the empty spelling, if any
}

func newSpellingIndex(sp []spelling) *spellingIndex {
	ix := &spellingIndex{}
	for _, s := range sp {
		if s.s == "" {
			ix.empty = append(ix.empty, s)
			continue
		}
		c := s.s[0] - 'a'
		ix.byFirst[c] = append(ix.byFirst[c], s)
	}
	return ix
}

var (
	koInitialIndex = newSpellingIndex(koInitialSpellings)
	koVowelIndex   = newSpellingIndex(koVowelSpellings)
	koFinalIndex   = newSpellingIndex(koFinalSpellings)
)

// candidates returns the spellings of ix that may start at b[i:].
func (ix *spellingIndex) candidates(b []byte, i int) []spelling {
	if i < len(b) && b[i] >= 'a' && b[i] <= 'z' {
		return ix.byFirst[b[i]-'a']
	}
	return nil
}

func hasPrefixAt(b []byte, i int, s string) bool {
	if len(b)-i < len(s) {
		return false
	}
	for k := 0; k < len(s); k++ {
		if b[i+k] != s[k] {
			return false
		}
	}
	return true
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
	n := len(b)
	if n == 0 {
		return out, true
	}
	if n > maxKoPiece {
		return out, false
	}
	const inf = 1 << 30
	var cost [maxKoPiece + 1]int32
	var from [maxKoPiece + 1]uint8
	var syl [maxKoPiece + 1]koSyllable
	for i := 1; i <= n; i++ {
		cost[i] = inf
	}
	empty := koInitialIndex.empty[0]
	for i := 0; i < n; i++ {
		if cost[i] == inf {
			continue
		}
		inits := koInitialIndex.candidates(b, i)
		for k := -1; k < len(inits); k++ {
			ini := &empty
			if k >= 0 {
				ini = &inits[k]
				if !hasPrefixAt(b, i, ini.s) {
					continue
				}
			}
			j := i + len(ini.s)
			if j >= n || b[j] < 'a' || b[j] > 'z' {
				continue
			}
			vs := koVowelIndex.byFirst[b[j]-'a']
			for x := range vs {
				v := &vs[x]
				if !modeOK(v, yale) || !hasPrefixAt(b, j, v.s) {
					continue
				}
				m := j + len(v.s)
				base := cost[i] + 16 + int32(ini.cost) + int32(v.cost)
				// no final
				if base < cost[m] {
					cost[m], from[m], syl[m] = base, uint8(i), koSyllable{ini.class, v.class, kfNone}
				}
				if m == n || b[m] < 'a' || b[m] > 'z' {
					continue
				}
				fs := koFinalIndex.byFirst[b[m]-'a']
				for y := range fs {
					fi := &fs[y]
					if !modeOK(fi, yale) || !hasPrefixAt(b, m, fi.s) {
						continue
					}
					e := m + len(fi.s)
					c := base + int32(fi.cost)
					if e < n && b[e] == 'h' && (fi.class == kfD || fi.class == kfB) {
						c += 2 // th, ph: DPRK ㅌ ㅍ rather than a rare final t or p before ㅎ
					}
					if c < cost[e] {
						cost[e], from[e], syl[e] = c, uint8(i), koSyllable{ini.class, v.class, fi.class}
					}
				}
			}
		}
	}
	if cost[n] == inf {
		return out, false
	}
	// walk back, then reverse the appended syllables
	start := len(out)
	for e := n; e > 0; e = int(from[e]) {
		out = append(out, syl[e])
	}
	for l, r := start, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out, true
}

// appendKoSyllable appends the canonical spelling of s. A syllable
// without an initial consonant after one ending in a vowel is written
// with q where the two vowels would otherwise spell one (세은 is "sequn",
// not "seun", which reads as 슨), so that a key reads back as itself.
func appendKoSyllable(dst []byte, s koSyllable) []byte {
	if s.ini == kiNone && len(dst) > 0 && needsQ(dst[len(dst)-1], canonVowel[s.vow][0]) {
		dst = append(dst, 'q')
	}
	if s.ini == kiS && (s.vow == kvI || s.vow == kvWI) {
		dst = append(dst, "sh"...) // 시 shi, 신 shin: the customary spelling
	} else {
		dst = append(dst, canonInitial[s.ini]...)
	}
	dst = append(dst, canonVowel[s.vow]...)
	return append(dst, canonFinal[s.fin]...)
}

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
	for i := 0; i+1 < len(b); i++ {
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
	return len(b) > 0 && b[len(b)-1] == 'c'
}

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
