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

// The blocking rules of Blocked mode.
const (
	RuleSurname     = iota // same canonical family key (either name order, or an alias)
	RuleGivenDecade        // same canonical given key and the same birth decade (or a year unknown)
	RulePhonetic           // same consonant skeleton of the whole name, in either order
	NumRules
)

// RuleNames names the rules, for summaries.
var RuleNames = [NumRules]string{"surname", "given+decade", "phonetic"}

// blockIndex maps the blocking keys of the people sought to their readings.
type blockIndex struct {
	family   map[string][]int32 // family keys and alias keys
	given    map[string][]int32
	phonetic map[string][]int32
}

func newBlockIndex(ix *index) *blockIndex {
	b := &blockIndex{family: map[string][]int32{}, given: map[string][]int32{}, phonetic: map[string][]int32{}}
	for id, qr := range ix.readings {
		q := &ix.queries[qr.query]
		rd := &q.readings[qr.reading]
		if !rd.readable {
			continue
		}
		r := int32(id)
		if rd.family != "" {
			b.family[rd.family] = append(b.family[rd.family], r)
		}
		for _, a := range q.aliases {
			b.family[a] = append(b.family[a], r)
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
	hit(b.family[cr.family], RuleSurname)
	hit(b.family[cr.given], RuleSurname)
	for _, a := range c.aliases {
		hit(b.family[a], RuleSurname)
	}
	hit(b.given[cr.given], RuleGivenDecade)
	hit(b.given[cr.family], RuleGivenDecade)
	hit(b.phonetic[phonetic(cr.family, cr.given)], RulePhonetic)
	w.pairs += int64(len(s.allowedList))
}
