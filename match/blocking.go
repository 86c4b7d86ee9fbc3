package match

import (
	"bytes"
	"slices"
	"strings"
)

// Blocking selects how candidate pairs are found.
type Blocking uint8

const (
	// Exhaustive compares every archive record with every person sought
	// (through the key cache of search.go). No pair that could pass a
	// threshold is lost.
	Exhaustive Blocking = iota
	// Blocked compares a record only with the people sought that share a
	// blocking key with it; the rules are OR-ed, so a changed surname is
	// still found through the given name and birth decade.
	Blocked
)

// The blocking rules of Blocked mode. A name part's key counts in either
// field (swapped names), and a family key also through an other name
// (maiden, married). The rules are OR-ed.
const (
	// Same family key, and given keys with the same first letter (or a
	// given name missing on one side): a typo late in the given name, a
	// birth year off or missing, are still found.
	RuleSurnameInitial = iota
	// Same family key and the same birth year: a given name changed or
	// mistyped at its first letter is still found.
	RuleSurnameYear
	// Same given key and birth years at most five apart (or a year
	// unknown): a changed surname is still found.
	RuleGivenYears
	// Same consonant skeleton of the whole name, read in either order:
	// the parts need not be split alike (kana or Hangul written without
	// a space).
	RulePhonetic
	NumRules
)

// RuleNames names the rules, for summaries.
var RuleNames = [NumRules]string{"surname+initial", "surname+year", "given+years", "phonetic"}

// keyBlocks are the readings of the people sought that a key of a
// record blocks with, rule by rule.
type keyBlocks struct {
	// As a family key (or an other name's): readings without a given
	// name; every reading, for records without one; readings by the
	// first letter of their given key; by birth year.
	noGiven, any []int32
	initials     []byte // the first letters present, one per list of byInitial
	byInitial    [][]int32
	years        []int // the birth years present, ascending, one per list of byYear
	byYear       [][]int32
	given        []int32 // as a given key
}

// initial returns the readings whose given key starts with c. A family
// key's readings have a few dozen initials and years at most: a scan of
// a short array costs less than a map's look-up.
func (kb *keyBlocks) initial(c byte) []int32 {
	if i := bytes.IndexByte(kb.initials, c); i >= 0 {
		return kb.byInitial[i]
	}
	return nil
}

// year returns the readings of people sought born in y.
func (kb *keyBlocks) year(y int) []int32 {
	if i, ok := slices.BinarySearch(kb.years, y); ok {
		return kb.byYear[i]
	}
	return nil
}

func (kb *keyBlocks) addInitial(c byte, r int32) {
	i := bytes.IndexByte(kb.initials, c)
	if i < 0 {
		i = len(kb.initials)
		kb.initials = append(kb.initials, c)
		kb.byInitial = append(kb.byInitial, nil)
	}
	kb.byInitial[i] = append(kb.byInitial[i], r)
}

func (kb *keyBlocks) addYear(y int, r int32) {
	i, ok := slices.BinarySearch(kb.years, y)
	if !ok {
		kb.years = slices.Insert(kb.years, i, y)
		kb.byYear = slices.Insert(kb.byYear, i, nil)
	}
	kb.byYear[i] = append(kb.byYear[i], r)
}

// blockIndex maps the blocking keys of the people sought to their readings.
type blockIndex struct {
	byKey    map[string]*keyBlocks
	phonetic map[string][]int32
	year     []int // per reading, the birth year of its person sought (0: unknown)
}

func newBlockIndex(ix *index) *blockIndex {
	b := &blockIndex{byKey: map[string]*keyBlocks{}, phonetic: map[string][]int32{}, year: make([]int, len(ix.readings))}
	of := func(key string) *keyBlocks {
		kb := b.byKey[key]
		if kb == nil {
			kb = &keyBlocks{}
			b.byKey[key] = kb
		}
		return kb
	}
	for id, qr := range ix.readings {
		q := &ix.queries[qr.query]
		rd := &q.readings[qr.reading]
		b.year[id] = midYear(q.rec)
		r := int32(id)
		fams := q.aliases
		if rd.family != "" {
			fams = append([]string{rd.family}, q.aliases...)
		}
		for _, f := range fams {
			kb := of(f)
			kb.any = append(kb.any, r)
			if rd.given == "" || rd.identity&identityGiven != 0 {
				// no given name, or none whose initial is known (see block)
				kb.noGiven = append(kb.noGiven, r)
			} else {
				kb.addInitial(rd.given[0], r)
			}
			if y := midYear(q.rec); y != 0 {
				kb.addYear(y, r)
			}
		}
		if rd.given != "" {
			kb := of(rd.given)
			kb.given = append(kb.given, r)
		}
		if rd.identity != 0 {
			continue // no sound told for the whole name (see block)
		}
		for _, p := range []string{phonetic(rd.family, rd.given), phonetic(rd.given, rd.family)} {
			if p != "" && (len(b.phonetic[p]) == 0 || b.phonetic[p][len(b.phonetic[p])-1] != r) {
				b.phonetic[p] = append(b.phonetic[p], r)
			}
		}
	}
	return b
}

// phonetic is the consonant skeleton of a name read family first: each
// letter's consonant, voiced and voiceless pairs folded (g/k, d/t, b/p,
// j/ch, z/s, r/l), doubles collapsed, vowels dropped but the first letter
// kept, so "Kim Yongsun", "Gim Yongsun" and "김용순" written as one word
// meet.
func phonetic(family, given string) string {
	return string(joinSkeletons(nil, skeleton(family), skeleton(given)))
}

// joinSkeletons appends to buf the skeleton of a+b from the skeletons of
// a and b: b's first letter is dropped if a vowel, as it no longer starts
// the name, and a double at the joint collapses.
func joinSkeletons(buf []byte, a, b string) []byte {
	buf = append(buf, a...)
	if a != "" && b != "" && strings.IndexByte(skeletonDropped, b[0]) >= 0 {
		b = b[1:]
	}
	if len(buf) > 0 && b != "" && buf[len(buf)-1] == b[0] {
		b = b[1:]
	}
	return append(buf, b...)
}

// skeletonDropped are the letters a skeleton drops after the first.
const skeletonDropped = "aeiouyhw "

func skeleton(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'g':
			c = 'k'
		case 'd':
			c = 't'
		case 'b', 'f', 'v':
			c = 'p'
		case 'j':
			c = 'c'
		case 'z':
			c = 's'
		case 'r':
			c = 'l'
		}
		if i > 0 && strings.IndexByte(skeletonDropped, c) >= 0 {
			continue
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// closeYears is true when birth years a and b are at most five apart
// (the model's widest partial agreement) or one is unknown.
func closeYears(a, b int) bool { return a == 0 || b == 0 || max(a-b, b-a) <= 5 }

// block marks, in the scratch, the readings of the people sought that
// share a blocking key with reading cr of record c. Their similarities come
// from the same key cache as in exhaustive mode; only the marked readings
// are then scored.
func (w *worker) block(c *person, cr *reading, hf, hg *hits) {
	b, s := w.blocks, w.s
	hit := func(rs []int32, rule int) {
		for _, r := range rs {
			if rule == RuleGivenYears && !closeYears(b.year[r], midYear(c.rec)) {
				continue
			}
			w.rulePairs[rule]++
			if !s.allowed[r] {
				s.allowed[r] = true
				s.allowedList = append(s.allowedList, r)
			}
		}
	}
	// fam blocks a key of the record that may be a family name sought,
	// given the record's key in the other role.
	surname := func(fam *keyBlocks, given string) {
		if fam == nil {
			return
		}
		if given == "" {
			hit(fam.any, RuleSurnameInitial)
		} else {
			hit(fam.initial(given[0]), RuleSurnameInitial)
			hit(fam.noGiven, RuleSurnameInitial)
		}
		if y := midYear(c.rec); y != 0 {
			hit(fam.year(y), RuleSurnameYear)
		}
	}
	// A part holding code points (see codepoints.go) has no known
	// initial: as the given name, it blocks as a missing one does.
	given, family := cr.given, cr.family
	if cr.identity != 0 {
		if cr.identity&identityGiven != 0 {
			given = ""
		}
		if cr.identity&identityFamily != 0 {
			family = ""
		}
	}
	surname(hf.blocks, given)
	surname(hg.blocks, family)
	for _, a := range c.aliases {
		surname(w.searcher.peek(a).blocks, given)
	}
	if hg.blocks != nil {
		hit(hg.blocks.given, RuleGivenYears)
	}
	if hf.blocks != nil {
		hit(hf.blocks.given, RuleGivenYears)
	}
	// A reading holding code points (see codepoints.go) tells no sound
	// for the whole name: the skeleton of its other part alone would meet
	// names of that part alone.
	if cr.identity == 0 && (hf.skeleton != "" || hg.skeleton != "") {
		w.phon = joinSkeletons(w.phon[:0], hf.skeleton, hg.skeleton)
		hit(b.phonetic[string(w.phon)], RulePhonetic) // the people sought are indexed in both orders
	}
	w.pairs += int64(len(s.allowedList))
}
