package match

import "strings"

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
	// Same given key and the same birth decade (or a year unknown): a
	// changed surname is still found.
	RuleGivenDecade
	// Same consonant skeleton of the whole name, in either order.
	RulePhonetic
	NumRules
)

// RuleNames names the rules, for summaries.
var RuleNames = [NumRules]string{"surname+initial", "surname+year", "given+decade", "phonetic"}

// familyWith is a family key with a second component: the first letter
// of the given key, or the birth year.
type familyWith struct {
	key  string
	with int
}

// blockIndex maps the blocking keys of the people sought to their readings.
type blockIndex struct {
	initial  map[familyWith][]int32 // family or alias key, given key's first letter
	year     map[familyWith][]int32 // family or alias key, birth year
	any      map[string][]int32     // family or alias key: for records without a given name
	noGiven  map[string][]int32     // family or alias key of readings without a given name
	given    map[string][]int32
	phonetic map[string][]int32
}

func newBlockIndex(ix *index) *blockIndex {
	b := &blockIndex{initial: map[familyWith][]int32{}, year: map[familyWith][]int32{},
		any: map[string][]int32{}, noGiven: map[string][]int32{},
		given: map[string][]int32{}, phonetic: map[string][]int32{}}
	for id, qr := range ix.readings {
		q := &ix.queries[qr.query]
		rd := &q.readings[qr.reading]
		if !rd.readable {
			continue
		}
		r := int32(id)
		fams := q.aliases
		if rd.family != "" {
			fams = append([]string{rd.family}, q.aliases...)
		}
		for _, f := range fams {
			b.any[f] = append(b.any[f], r)
			if rd.given == "" {
				b.noGiven[f] = append(b.noGiven[f], r)
			} else {
				k := familyWith{f, int(rd.given[0])}
				b.initial[k] = append(b.initial[k], r)
			}
			if y := q.rec.BirthYear; y != 0 {
				k := familyWith{f, y}
				b.year[k] = append(b.year[k], r)
			}
		}
		if rd.given != "" {
			b.given[rd.given] = append(b.given[rd.given], r)
		}
		if p := phonetic(rd.family, rd.given); p != "" {
			b.phonetic[p] = append(b.phonetic[p], r)
		}
	}
	return b
}

// phonetic is an order-free consonant skeleton of a name: each part keeps
// its first letter and its consonants, voiced and voiceless pairs folded
// (g/k, d/t, b/p, j/ch, z/s, r/l), doubles collapsed; the two parts are
// sorted, so "kim yongsun" and "yongsun gim" meet.
func phonetic(family, given string) string {
	a, b := skeleton(family), skeleton(given)
	if a == "" && b == "" {
		return ""
	}
	if b < a {
		a, b = b, a
	}
	return a + "|" + b
}

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
		if i > 0 && strings.IndexByte("aeiouyhw ", c) >= 0 {
			continue
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// sameDecade is true when the birth years share a decade or one is unknown.
func sameDecade(a, b int) bool { return a == 0 || b == 0 || a/10 == b/10 }

// block marks, in the scratch, the readings of the people sought that
// share a blocking key with reading cr of record c. Their similarities come
// from the same key cache as in exhaustive mode; only the marked readings
// are then scored.
func (w *worker) block(c *person, cr *reading) {
	b, s := w.blocks, w.s
	hit := func(rs []int32, rule int) {
		for _, r := range rs {
			if rule == RuleGivenDecade && !sameDecade(w.ix.queries[w.ix.readings[r].query].rec.BirthYear, c.rec.BirthYear) {
				continue
			}
			w.rulePairs[rule]++
			if !s.allowed[r] {
				s.allowed[r] = true
				s.allowedList = append(s.allowedList, r)
			}
		}
	}
	// family is a key of the record that may be a family name sought,
	// given the record's key in the other role.
	surname := func(family, given string) {
		if family == "" {
			return
		}
		if given == "" {
			hit(b.any[family], RuleSurnameInitial)
		} else {
			hit(b.initial[familyWith{family, int(given[0])}], RuleSurnameInitial)
			hit(b.noGiven[family], RuleSurnameInitial)
		}
		if y := c.rec.BirthYear; y != 0 {
			hit(b.year[familyWith{family, y}], RuleSurnameYear)
		}
	}
	surname(cr.family, cr.given)
	surname(cr.given, cr.family)
	for _, a := range c.aliases {
		surname(a, cr.given)
	}
	hit(b.given[cr.given], RuleGivenDecade)
	hit(b.given[cr.family], RuleGivenDecade)
	hit(b.phonetic[phonetic(cr.family, cr.given)], RulePhonetic)
	w.pairs += int64(len(s.allowedList))
}
