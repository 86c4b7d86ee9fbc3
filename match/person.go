package match

import (
	"strings"

	"kinlink/normalize"
	"kinlink/records"
)

// maxReadings bounds the readings of one name that are compared (name
// order and origin candidates, best first as normalize gives them).
const maxReadings = 5

// reading is one parse of a record's name, reduced to comparison keys.
type reading struct {
	family, given string  // canonical keys
	tf            float64 // population share of the family name's class (reference tables)
	// exact weighs exact agreement on this reading's names; set for the
	// readings of the people sought in a run's index (see weights.go).
	exact *exactWeights
	// identity marks the parts (identityFamily, identityGiven) whose keys
	// hold code points of characters no table reads: they are compared by
	// identity (codepoints.go). 0 for names every table reads.
	identity uint8
	loose    bool // a loose reading (normalize.Name.Loose): its given name agrees at most near-exactly
	origin   normalize.Origin
	// reversed is true when the record wrote this reading's family name
	// second (a given-first full name, or family and given fields swapped).
	reversed bool
}

// person is a record prepared for comparison.
type person struct {
	rec      *records.Record
	readings []reading
	aliases  []string  // family-name keys of other names (maiden, married)
	place    [2]string // birth place folded for comparison, read as Korean and as Japanese
	fields   uint8     // the fields other than names that the record has: hasBirthYear | hasSex | hasBirthPlace
	// An archive record's birth place compared with those of the people
	// sought (nil: compare when asked); placeID is a person sought's
	// birth place among theirs (-1: none).
	places  *placeLevels
	placeID int32
}

// placeLevels remembers, for one birth place of the archive, its level
// against each birth place of the people sought (by placeID), as they are
// compared. An archive holds a few hundred spellings of places, each met
// by many records, so Jaro-Winkler need not run for each pair. Each
// worker has its own.
type placeLevels struct {
	level []int8 // by placeID: level+1, 0 until compared
}

// placeLevel compares the birth places of q, a person sought, and c,
// both known.
func (c *person) placeLevel(q *person) int8 {
	if c.places == nil || q.placeID < 0 {
		return placeLevel(q.place, c.place)
	}
	pl := c.places
	if int(q.placeID) >= len(pl.level) {
		pl.level = append(pl.level, make([]int8, int(q.placeID)+1-len(pl.level))...)
	}
	if l := pl.level[q.placeID]; l > 0 {
		return l - 1
	}
	l := placeLevel(q.place, c.place)
	pl.level[q.placeID] = l + 1
	return l
}

// The bits of person.fields.
const (
	hasBirthYear = 1 << iota
	hasSex
	hasBirthPlace
)

// detach returns a copy of p that holds its own copy of the record, so a
// kept pair does not pin the whole batch its record came in.
func (p *person) detach() *person {
	rec := *p.rec
	c := *p
	c.rec = &rec
	c.places = nil // the worker's, and only the worker's
	return &c
}

// prepare normalises r's names into readings. It is pure: the same record
// always gives the same person, whatever kc (nil, or a worker's cache of
// keys that repeat across records) holds.
//
// With detail, each reading also gets its surname's population share
// (tf) and whether the record wrote it reversed. Scoring an archive record
// needs neither: only the shares of the people sought weigh, and the name
// order is told in output rows. Workers prepare archive records without
// detail, and addDetail completes the few whose pairs are written.
func prepare(r *records.Record, kc *keyCache, detail bool) person {
	origin, _ := normalize.ParseOrigin(r.Origin)
	// A field may hold other writings of the name beside it (in
	// brackets, after a slash, in a second script): the name is read
	// from the first, the others are read after it (see below).
	w, others := normalize.Writings(r.FamilyName, r.GivenName, r.FullName)
	var names []normalize.Name
	if kc != nil {
		names = kc.names
	}
	switch {
	case w.Family != "" || w.Given != "":
		names = normalize.ParseInto(names, w.Family, w.Given, origin)
	case w.Full != "":
		names = normalize.ParseFullInto(names, w.Full, origin)
	default:
		names = names[:0] // only kana readings (below)
	}
	if kc != nil {
		kc.names = names // the readings keep the keys, not the names
	}
	p := person{rec: r, placeID: -1}
	p.place, p.places = kc.place(r.BirthPlace)
	if knownYear(r) {
		p.fields |= hasBirthYear
	}
	if r.Sex != "" {
		p.fields |= hasSex
	}
	if p.place[0] != "" {
		p.fields |= hasBirthPlace
	}
	p.readings = make([]reading, 0, min(len(names)+1, maxReadings))
	limit := maxReadings
	// add adds reading rd, of whose parts the tables read the family name
	// when famRead and the given name when givRead.
	add := func(rd reading, famRead, givRead bool) {
		if !famRead || !givRead {
			rd.family, rd.given, rd.identity = identityParts(rd.family, rd.given, famRead, givRead)
		}
		if len(p.readings) >= limit || (rd.family == "" && rd.given == "") {
			return
		}
		for _, o := range p.readings {
			if o.family == rd.family && o.given == rd.given {
				return
			}
		}
		p.readings = append(p.readings, rd)
	}
	readingOf := func(n *normalize.Name, rev *reverser) reading {
		rd := reading{family: n.FamilyKey, given: n.GivenKey, origin: n.Origin, loose: n.Loose}
		if detail {
			class := normalize.SurnameClass(n.FamilyKey, n.Origin)
			rd.tf, rd.reversed = surnameShare(class, n.Origin), rev.reversed(n, class)
		}
		return rd
	}
	// The kana readings a register gives beside names in kanji (フリガナ)
	// come first: they say how the record's own name is read. They are
	// read with the record's origin: a Japanese register gives Koreans'
	// names by their Korean sound (キム ヨンス beside 金 龍洙).
	if r.FamilyNameKana != "" || r.GivenNameKana != "" || r.FullNameKana != "" {
		var kana []normalize.Name
		if kc != nil {
			kana = kc.kana
		}
		if r.FamilyNameKana != "" || r.GivenNameKana != "" {
			kana = normalize.ParseInto(kana, r.FamilyNameKana, r.GivenNameKana, origin)
		} else {
			kana = normalize.ParseFullInto(kana, r.FullNameKana, origin)
		}
		if kc != nil {
			kc.kana = kana
		}
		for i := range kana {
			n := &kana[i]
			rd := reading{family: n.FamilyKey, given: n.GivenKey, origin: n.Origin}
			if detail {
				rd.tf = surnameShare(normalize.SurnameClass(n.FamilyKey, n.Origin), n.Origin)
			}
			add(rd, n.FamilyReadable, n.GivenReadable)
		}
	}
	rev := newReverser(w)
	var first reading
	for i := range names {
		n := &names[i]
		rd := readingOf(n, &rev)
		if i == 0 {
			first = rd
		}
		add(rd, n.FamilyReadable, n.GivenReadable)
	}
	// A Japanese wife in the DPRK bears a Korean surname and a Japanese
	// given name, a Korean in Japan may bear a Japanese surname: read the
	// given name of the best reading under the other origin too.
	if len(names) > 0 {
		if other := otherOrigin(names[0].Origin); other != normalize.Unknown && names[0].Given != "" {
			first.given = kc.key(names[0].Given, other)
			add(first, names[0].FamilyReadable, names[0].GivenReadable)
		}
	}
	// Other names (alt_names): one of a single part (a maiden name) is
	// an alias of the family name; a whole one (a Korean's Japanese
	// name, 通名) is also read as a name, below.
	var wholeAlts []string
	if r.AltNames != "" {
		for _, alt := range strings.Split(r.AltNames, ";") {
			alt = strings.TrimSpace(alt)
			a := kc.alias(alt, origin)
			if a.key != "" && !contains(p.aliases, a.key) {
				p.aliases = append(p.aliases, a.key)
			}
			if a.whole {
				wholeAlts = append(wholeAlts, alt)
			}
		}
	}
	// The other writings of the name and its whole other names are more
	// readings of the record, the first few of each, with the origin told
	// by each writing: a pair agrees through them as through the name.
	for _, alt := range wholeAlts {
		m, o := normalize.Writings("", "", alt)
		others = append(append(others, m), o...)
	}
	for _, w := range others {
		ns := w.Parse(normalize.Unknown)
		if w.Full != "" && len(ns) > 0 && ns[0].GivenKey == "" && ns[0].FamilyKey != "" && !codePoints(ns[0].FamilyKey) {
			// a surname alone beside a full name (Yamada Hanako (née
			// Tanaka), Kim (Ri) Yong-su): another family name of the
			// person, as a one-word other name is, so that the given
			// name still counts
			if !contains(p.aliases, ns[0].FamilyKey) {
				p.aliases = append(p.aliases, ns[0].FamilyKey)
			}
			continue
		}
		rev := newReverser(w)
		limit = min(len(p.readings)+readingsPerWriting, maxAllReadings)
		for i := range ns {
			add(readingOf(&ns[i], &rev), ns[i].FamilyReadable, ns[i].GivenReadable)
		}
	}
	return p
}

// How many readings each other writing of a name adds, and how many a
// record may have with them.
const (
	readingsPerWriting = 2
	maxAllReadings     = 2 * maxReadings
)

// addDetail completes the readings of p, prepared without detail (see
// prepare), in place: the readings of one record are the same whichever
// way it is prepared, in the same order.
func (p *person) addDetail() {
	full := prepare(p.rec, nil, true)
	for i := range p.readings {
		p.readings[i].tf, p.readings[i].reversed = full.readings[i].tf, full.readings[i].reversed
	}
}

// keyCache remembers keys of strings that repeat across archive records:
// birth places (a few hundred spellings) and given names read under the
// other origin (tens of thousands). Each worker has its own, which also
// lends prepare its space for parses. A nil *keyCache computes every key.
type keyCache struct {
	places       memo[foldedPlace]
	japanese     memo[string]
	korean       memo[string]
	aliases      [3]memo[alias] // by origin given to the record: Unknown, Japanese, Korean
	keyJa, keyKo func(string) string
	names        []normalize.Name // parse results, reused record after record
	kana         []normalize.Name // parse results of kana readings, likewise
}

func newKeyCache() *keyCache {
	return &keyCache{places: newMemo[foldedPlace](), japanese: newMemo[string](), korean: newMemo[string](),
		aliases: [3]memo[alias]{newMemo[alias](), newMemo[alias](), newMemo[alias]()},
		keyJa:   func(s string) string { return normalize.Key(s, normalize.Japanese) },
		keyKo:   func(s string) string { return normalize.Key(s, normalize.Korean) }}
}

// foldedPlace is a birth place folded, with its levels against the
// places of the people sought.
type foldedPlace struct {
	keys   [2]string
	levels *placeLevels
}

// place is foldPlace(s), cached, with s's place levels (nil when kc is).
func (kc *keyCache) place(s string) ([2]string, *placeLevels) {
	if kc == nil || s == "" {
		return foldPlace(s), nil
	}
	f := kc.places.get(s, func(s string) foldedPlace { return foldedPlace{foldPlace(s), new(placeLevels)} })
	return f.keys, f.levels
}

// key is normalize.Key(s, o), cached for o Japanese or Korean.
func (kc *keyCache) key(s string, o normalize.Origin) string {
	switch {
	case kc == nil:
	case o == normalize.Japanese:
		return kc.japanese.get(s, kc.keyJa)
	case o == normalize.Korean:
		return kc.korean.get(s, kc.keyKo)
	}
	return normalize.Key(s, o)
}

// alias is what an other name of a record (alt_names) gives: the family
// key of its name (read with the origin the record gives), and whether
// it is a whole name, with a given name or with other writings, rather
// than a surname alone (a maiden name).
type alias struct {
	key   string
	whole bool
}

// alias reads other name alt, cached (other names repeat: maiden names).
func (kc *keyCache) alias(alt string, o normalize.Origin) alias {
	if alt == "" {
		return alias{}
	}
	if kc == nil || int(o) >= len(kc.aliases) {
		return readAlias(alt, o)
	}
	return kc.aliases[o].get(alt, func(s string) alias { return readAlias(s, o) })
}

func readAlias(alt string, o normalize.Origin) alias {
	main, others := normalize.SplitWritings(alt)
	for _, n := range normalize.ParseFull(main, o)[:1] {
		return alias{key: n.FamilyKey, whole: others != nil || (n.FamilyKey != "" && n.GivenKey != "")}
	}
	return alias{whole: others != nil}
}

// surnameShare is the population share of a surname class from the
// reference tables, or unknownSurnameShare for a surname they do not list.
func surnameShare(class string, o normalize.Origin) float64 {
	if s := normalize.SurnameShare(class, o); s > 0 {
		return s
	}
	return unknownSurnameShare
}

func otherOrigin(o normalize.Origin) normalize.Origin {
	switch o {
	case normalize.Japanese:
		return normalize.Korean
	case normalize.Korean:
		return normalize.Japanese
	}
	return normalize.Unknown
}

// reverser tells whether a record wrote a reading's family name second:
// in the given-name field, or after the given name in a full name. It
// remembers the class of the record's first name read under each origin,
// which the readings of one record share.
type reverser struct {
	first   string    // the name written first: the family field's, or the full name's first word
	classes [3]string // by origin: Unknown, Japanese, Korean
	known   [3]bool
}

// newReverser is the reverser of a name written as w.
func newReverser(w normalize.Writing) reverser {
	first := w.Family
	if first == "" && w.Given == "" {
		first, _, _ = strings.Cut(strings.TrimSpace(w.Full), " ")
	}
	return reverser{first: first}
}

func (v *reverser) reversed(n *normalize.Name, class string) bool {
	if n.FamilyKey == "" || v.first == "" || strings.HasPrefix(v.first, n.Family) {
		return false // written first: alone, or at the start of a name without a space (김영수)
	}
	o := int(n.Origin)
	if o >= len(v.classes) {
		return normalize.SurnameClass(normalize.Key(v.first, n.Origin), n.Origin) != class
	}
	if !v.known[o] {
		v.known[o] = true
		v.classes[o] = normalize.SurnameClass(normalize.Key(v.first, n.Origin), n.Origin)
	}
	return v.classes[o] != class
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// foldPlace reduces a place name to its canonical keys, read as Korean and
// as Japanese, without spaces and the usual administrative suffixes, so
// "Gyeongsangnam-do", "KYONGSANGNAMTO" and "Kyŏngsang-namdo" meet, as do
// "Ōsaka-fu", "OSAKA" and 大阪府; a Korean province or city that Japanese
// records write in kanji read in Japanese (慶尚南道, Keishō-nandō) takes
// the keys of its Hangul name (see places.go).
func foldPlace(s string) [2]string {
	if s == "" {
		return [2]string{}
	}
	canon := placeCanon()
	if c, ok := canon.kanji[strings.TrimSpace(s)]; ok {
		return c
	}
	keys := rawPlaceKeys(s)
	for _, k := range keys {
		if c, ok := canon.keys[k]; ok && k != "" {
			return c
		}
	}
	return keys
}
