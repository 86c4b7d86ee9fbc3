package match

import "kinlink/match/jw"

// Candidate search, exhaustive mode.
//
// Every archive record is compared with every person sought, but not pair
// by pair: a name key is compared once with all the distinct name keys of
// the people sought (one batch Jaro-Winkler call with the cutoff
// nameCutoff), and the result is cached per worker. Archive names repeat a
// great deal (Kim, Sato, Minsu), so most records cost two map look-ups. A
// pair none of whose name parts reaches nameCutoff in either order, nor
// through an alias, is not scored: both names then sit at the lowest level
// and the pair cannot reach any threshold a user may set (the test
// TestFilteredPairsCannotPass checks this against the model), so the
// output is the same as scoring every pair.

// keyTable is the set of distinct keys of one name part among the people
// sought, with, for each, the readings that carry it.
type keyTable struct {
	keys   []string
	owners [][]int32 // owners[k]: reading ids (see index.readings) with key k
	id     map[string]int32
	// keys[:jw] are compared by Jaro-Winkler; the rest hold code points
	// and are found by identity only (see codepoints.go).
	jw int
}

// add adds key, borne by reading owner, if it holds code points or not
// as cp says: the keys that do come last (see jw).
func (t *keyTable) add(key string, owner int32, cp bool) {
	if key == "" || codePoints(key) != cp {
		return
	}
	k, ok := t.id[key]
	if !ok {
		k = int32(len(t.keys))
		t.id[key] = k
		t.keys = append(t.keys, key)
		t.owners = append(t.owners, nil)
	}
	t.owners[k] = append(t.owners[k], owner)
}

// queryReading locates one reading of one person sought.
type queryReading struct {
	query   int32 // index into index.queries
	reading int32 // index into that person's readings
}

// index is the small side, prepared once and shared read-only by workers.
type index struct {
	queries  []person
	readings []queryReading // every reading of every person sought
	family   keyTable       // family-name keys
	given    keyTable       // given-name keys
	alias    keyTable       // family-name keys of the other names of the people sought
	// famKey and givKey give, per reading, the ids of its keys in family
	// and given (-1: none); aliasKeys, per person sought,
	// the ids of their other names' keys in alias.
	famKey, givKey []int32
	aliasKeys      [][]int32
	first          []int32 // per person sought, the id of their first reading
}

func newIndex(queries []person) *index {
	ix := &index{queries: queries,
		family: keyTable{id: map[string]int32{}}, given: keyTable{id: map[string]int32{}},
		alias: keyTable{id: map[string]int32{}}, aliasKeys: make([][]int32, len(queries))}
	keyID := func(t *keyTable, key string) int32 {
		if k, ok := t.id[key]; ok {
			return k
		}
		return -1
	}
	placeIDs := map[[2]string]int32{}
	for q := range queries {
		if p := queries[q].place; p[0] != "" {
			id, ok := placeIDs[p]
			if !ok {
				id = int32(len(placeIDs))
				placeIDs[p] = id
			}
			queries[q].placeID = id
		}
		ix.first = append(ix.first, int32(len(ix.readings)))
		for r := range queries[q].readings {
			ix.readings = append(ix.readings, queryReading{int32(q), int32(r)})
		}
	}
	// The keys compared by Jaro-Winkler first, then those holding code
	// points.
	for _, cp := range []bool{false, true} {
		for id, qr := range ix.readings {
			q := &queries[qr.query]
			rd := &q.readings[qr.reading]
			ix.family.add(rd.family, int32(id), cp)
			ix.given.add(rd.given, int32(id), cp)
			for _, a := range q.aliases {
				ix.alias.add(a, int32(id), cp)
			}
		}
		if !cp {
			ix.family.jw, ix.given.jw, ix.alias.jw = len(ix.family.keys), len(ix.given.keys), len(ix.alias.keys)
		}
	}
	for _, qr := range ix.readings {
		rd := &queries[qr.query].readings[qr.reading]
		ix.famKey = append(ix.famKey, keyID(&ix.family, rd.family))
		ix.givKey = append(ix.givKey, keyID(&ix.given, rd.given))
	}
	for q := range queries {
		for _, a := range queries[q].aliases {
			ix.aliasKeys[q] = append(ix.aliasKeys[q], keyID(&ix.alias, a))
		}
	}
	return ix
}

// hit is one key of the people sought close to a given key.
type hit struct {
	key int32
	jw  float64
}

// hits are the keys of the people sought that a key is close to.
type hits struct {
	family []hit // among family keys
	given  []hit // among given keys
	alias  []hit // among alias keys
	// Blocked mode: the readings the key blocks with (nil: none), and
	// its consonant skeleton.
	blocks   *keyBlocks
	skeleton string
	key      string
	compared bool // family, given and alias are filled (see complete)
	// The key's ids among the family and given keys sought (-1: not one).
	famID, givID int32
}

// noHits are the hits of the empty key.
var noHits = &hits{compared: true, famID: -1, givID: -1}

// searcher is one worker's cache of key comparisons and its scratch space.
type searcher struct {
	ix     *index
	blocks *blockIndex // nil in exhaustive mode
	cache  memo[*hits]
	scores []float64
}

func newSearcher(ix *index, blocks *blockIndex) *searcher {
	n := max(len(ix.family.keys), len(ix.given.keys), len(ix.alias.keys))
	return &searcher{ix: ix, blocks: blocks, cache: newMemo[*hits](), scores: make([]float64, n)}
}

// lookup compares key with every family, given and alias key of the
// people sought.
func (s *searcher) lookup(key string) *hits {
	h := s.peek(key)
	s.complete(h)
	return h
}

// peek returns the hits of key, perhaps not compared yet (see complete):
// in blocked mode a key whose blocks hold nobody needs no comparison.
func (s *searcher) peek(key string) *hits {
	if key == "" {
		return noHits
	}
	return s.cache.get(key, s.newHits)
}

func (s *searcher) newHits(key string) *hits {
	h := &hits{key: key, famID: -1, givID: -1}
	if id, ok := s.ix.family.id[key]; ok {
		h.famID = id
	}
	if id, ok := s.ix.given.id[key]; ok {
		h.givID = id
	}
	if s.blocks != nil {
		h.blocks, h.skeleton = s.blocks.byKey[key], skeleton(key)
	}
	return h
}

// complete compares h's key with every family, given and alias key of
// the people sought, unless done already.
func (s *searcher) complete(h *hits) {
	if h.compared {
		return
	}
	key := h.key
	h.compared = true
	if codePoints(key) {
		// identity only (see codepoints.go)
		h.family = sameKey(&s.ix.family, key)
		h.given = sameKey(&s.ix.given, key)
		h.alias = sameKey(&s.ix.alias, key)
		return
	}
	p := jw.NewPattern(key)
	h.family = s.closeKeys(p, s.ix.family.keys[:s.ix.family.jw])
	h.given = s.closeKeys(p, s.ix.given.keys[:s.ix.given.jw])
	h.alias = s.closeKeys(p, s.ix.alias.keys[:s.ix.alias.jw])
	if len(key) <= maxTransposedKey {
		h.family = transposed(key, &s.ix.family, h.family)
		h.given = transposed(key, &s.ix.given, h.given)
		h.alias = transposed(key, &s.ix.alias, h.alias)
	}
}

// sameKey is the hit of key among the keys of t, if t holds it.
func sameKey(t *keyTable, key string) []hit {
	if k, ok := t.id[key]; ok {
		return []hit{{k, 1}}
	}
	return nil
}

// Short keys and transposed letters. Jaro-Winkler looks for matching
// letters only within max(la, lb)/2 − 1 places, which is 0 for keys of
// two or three letters: "kmi" against "kim", or "tio" (a typed "Itô")
// against "ito", scores 0.6 or less, although one slip of the hand
// explains it. Such keys are given the similarity transposedSim, which
// puts them on the jw>=0.88 level, where Jaro-Winkler puts the same
// slip in a longer key ("prak" against "park" scores 0.93).
const (
	maxTransposedKey = 3
	transposedSim    = 0.88
)

// keySim is the similarity of two name keys used for the name levels:
// their Jaro-Winkler similarity, raised to transposedSim for keys of at
// most maxTransposedKey letters that differ by one swap of adjacent
// letters.
func keySim(a, b string) float64 {
	s := jw.Similarity(a, b)
	if s < transposedSim && len(a) == len(b) && len(a) <= maxTransposedKey && oneSwap(a, b) {
		return transposedSim
	}
	return s
}

// oneSwap reports whether b is a with one pair of adjacent letters
// swapped (a and b of the same length).
func oneSwap(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// transposed adds to hs, the keys of t close to key, those that keySim
// raises to transposedSim.
func transposed(key string, t *keyTable, hs []hit) []hit {
	b := []byte(key)
	for i := 0; i+1 < len(b); i++ {
		if b[i] == b[i+1] {
			continue
		}
		b[i], b[i+1] = b[i+1], b[i]
		k, ok := t.id[string(b)]
		b[i], b[i+1] = b[i+1], b[i]
		if !ok {
			continue
		}
		found := false
		for j := range hs {
			if hs[j].key == k {
				hs[j].jw = max(hs[j].jw, transposedSim)
				found = true
			}
		}
		if !found {
			hs = append(hs, hit{k, transposedSim})
		}
	}
	return hs
}

func (s *searcher) closeKeys(p *jw.Pattern, keys []string) []hit {
	out := s.scores[:len(keys)]
	p.ScoreBatch(keys, nameCutoff, out)
	var hs []hit
	for k, v := range out {
		if v >= nameCutoff {
			hs = append(hs, hit{int32(k), v})
		}
	}
	return hs
}
