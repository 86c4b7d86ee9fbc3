package match

import (
	"container/heap"
	"fmt"
	"slices"

	"kinlink/records"
)

// Archive statistics: what a run learns of the archive before it matches.
//
// The model depends on the whole archive (term frequencies, u, the EM's
// pairs, the prior), and candidates can only be ranked once it is known, so
// a run reads the archive twice: first these statistics, then the match.
// Everything here is a sum over records, or a sample chosen by a hash of
// the record id, so statistics collected on parts of an archive (shards)
// merge into exactly those of the whole (Stats.Merge), whatever the split.

// sampleSize is how many archive records the sample holds: those with the
// smallest id hashes.
const sampleSize = 5000

// Rounds of estimation: pairs of a person sought and an archive record
// that agree on some fields, found in the whole archive, whose other
// fields tell matches from namesakes (see Estimate).
const (
	roundNames  = iota // family and given names agree exactly: birth year, sex and place are estimated
	roundGiven         // given name and birth year agree exactly: the family name is estimated
	roundFamily        // family name and birth year agree exactly: the given name is estimated
	numRounds
)

var roundLabels = [numRounds]string{"family+given", "given+birth_year", "family+birth_year"}

// numVectors is how many level vectors there are: each comparison at one
// of its levels or missing.
var numVectors = func() int {
	n := 1
	for _, l := range numLevels {
		n *= l + 1
	}
	return n
}()

// vectorIndex numbers a level vector (levels −1 for missing).
func vectorIndex(ls [numComparisons]int8) int {
	i := 0
	for c, l := range ls {
		i = i*(numLevels[c]+1) + int(l) + 1
	}
	return i
}

// vectorLevels is the inverse of vectorIndex.
func vectorLevels(i int) [numComparisons]int8 {
	var ls [numComparisons]int8
	for c := numComparisons - 1; c >= 0; c-- {
		r := numLevels[c] + 1
		ls[c] = int8(i%r) - 1
		i /= r
	}
	return ls
}

// Stats are the statistics of an archive with respect to a list of people
// sought: for each person, how many records would agree exactly with them
// on the family name, on the given name and on both, as scoring compares
// names (any reading, either field, other names); a sample of records; and
// the level vectors of the estimation rounds' pairs. All are sums over
// records except the sample, the records with the smallest id hashes.
type Stats struct {
	Records int64    // archive records used
	Queries []string // the ids of the people sought, in the order of the counts
	// FamilyCount counts, per person sought, the records bearing one of
	// the family keys of the person's readings or other names, in some
	// reading in either field, or as an other name.
	FamilyCount []int64
	// GivenCount counts the records bearing one of the person's given
	// keys in some reading, in either field.
	GivenCount []int64
	// NamesCount counts the records bearing one of the person's (family,
	// given) key pairs in one reading, in either order.
	NamesCount []int64
	// NamesFarCount counts those of them born more than farYears years
	// from the person (both birth years known): namesakes, not the
	// person's own records (see namesakes).
	NamesFarCount []int64
	// Sample holds the sampleSize records with the smallest idHash (ties:
	// the smaller id), in that order.
	Sample []records.Record
	// Rounds counts, per estimation round, the level vectors (see
	// vectorIndex) of its pairs.
	Rounds [numRounds][]int64
	// RoundPairs counts, per estimation round and person sought, the
	// round's pairs: how many namesakes each person brings to the round,
	// which weighs the person's own name frequencies in the u of the
	// round's non-matches (see roundNameU).
	RoundPairs [numRounds][]int64
	// NamesYearGaps counts the pairs of the family+given round with both
	// birth years known by how many years apart they were born (the last
	// entry: maxGapCounted or more), from which the birth years of
	// namesakes near a person's own are told (see namesakeYearU).
	NamesYearGaps []int64
}

// PersonRoundPairs returns the pairs the i-th person sought brings to
// the estimation rounds (see RoundPairs): agreeing on both names, on the
// given name and birth year, on the family name and birth year.
func (st *Stats) PersonRoundPairs(i int) (names, given, family int64) {
	return st.RoundPairs[roundNames][i], st.RoundPairs[roundGiven][i], st.RoundPairs[roundFamily][i]
}

// AddPerson appends a person sought with its counts, as a statistics
// file holds them (see PersonRoundPairs).
func (st *Stats) AddPerson(id string, family, given, names, namesFar, namesPairs, givenPairs, familyPairs int64) {
	st.Queries = append(st.Queries, id)
	st.FamilyCount = append(st.FamilyCount, family)
	st.GivenCount = append(st.GivenCount, given)
	st.NamesCount = append(st.NamesCount, names)
	st.NamesFarCount = append(st.NamesFarCount, namesFar)
	st.RoundPairs[roundNames] = append(st.RoundPairs[roundNames], namesPairs)
	st.RoundPairs[roundGiven] = append(st.RoundPairs[roundGiven], givenPairs)
	st.RoundPairs[roundFamily] = append(st.RoundPairs[roundFamily], familyPairs)
}

// farYears is how many years apart two records must have been born for
// one not to be the other's person: birth years are misread by a few
// years at most.
const farYears = 5

// maxGapCounted is the largest gap in birth years NamesYearGaps tells
// apart.
const maxGapCounted = 15

// newStats makes empty statistics for the people sought of ix.
func newStats(ix *index) *Stats {
	n := len(ix.queries)
	st := &Stats{Queries: make([]string, n), FamilyCount: make([]int64, n), GivenCount: make([]int64, n), NamesCount: make([]int64, n),
		NamesFarCount: make([]int64, n)}
	for i := range ix.queries {
		st.Queries[i] = ix.queries[i].rec.ID
	}
	for r := range st.Rounds {
		st.Rounds[r] = make([]int64, numVectors)
		st.RoundPairs[r] = make([]int64, n)
	}
	st.NamesYearGaps = make([]int64, maxGapCounted+1)
	return st
}

// Merge adds the statistics o, of another part of the same archive
// against the same people sought, to st.
func (st *Stats) Merge(o *Stats) error {
	if !slices.Equal(st.Queries, o.Queries) {
		return fmt.Errorf("statistics of different lists of people sought cannot be merged")
	}
	st.Records += o.Records
	for i := range st.FamilyCount {
		st.FamilyCount[i] += o.FamilyCount[i]
		st.GivenCount[i] += o.GivenCount[i]
		st.NamesCount[i] += o.NamesCount[i]
		st.NamesFarCount[i] += o.NamesFarCount[i]
	}
	for r := range st.Rounds {
		for v := range st.Rounds[r] {
			st.Rounds[r][v] += o.Rounds[r][v]
		}
		for i := range st.RoundPairs[r] {
			st.RoundPairs[r][i] += o.RoundPairs[r][i]
		}
	}
	for g := range st.NamesYearGaps {
		st.NamesYearGaps[g] += o.NamesYearGaps[g]
	}
	st.Sample = mergeSamples(st.Sample, o.Sample)
	return nil
}

// Subtract takes the sums of o, statistics of records that st counted,
// from st: what st would be without them. The sample is left as it is
// (its caller drops the records from it).
func (st *Stats) Subtract(o *Stats) error {
	if !slices.Equal(st.Queries, o.Queries) {
		return fmt.Errorf("statistics of different lists of people sought cannot be subtracted")
	}
	st.Records -= o.Records
	for i := range st.FamilyCount {
		st.FamilyCount[i] -= o.FamilyCount[i]
		st.GivenCount[i] -= o.GivenCount[i]
		st.NamesCount[i] -= o.NamesCount[i]
		st.NamesFarCount[i] -= o.NamesFarCount[i]
	}
	for r := range st.Rounds {
		for v := range st.Rounds[r] {
			st.Rounds[r][v] -= o.Rounds[r][v]
		}
		for i := range st.RoundPairs[r] {
			st.RoundPairs[r][i] -= o.RoundPairs[r][i]
		}
	}
	for g := range st.NamesYearGaps {
		st.NamesYearGaps[g] -= o.NamesYearGaps[g]
	}
	return nil
}

// matches reports whether st was collected for the people sought of ix.
func (st *Stats) matches(ix *index) error {
	if len(st.Queries) != len(ix.queries) {
		return fmt.Errorf("the statistics are of %d people sought, the run has %d", len(st.Queries), len(ix.queries))
	}
	for i := range ix.queries {
		if st.Queries[i] != ix.queries[i].rec.ID {
			return fmt.Errorf("the statistics are of other people sought (%s where the run has %s)", st.Queries[i], ix.queries[i].rec.ID)
		}
	}
	return nil
}

// idHash is the hash of a record id that chooses the sample: FNV-1a,
// finished with SplitMix64's mixer so that ids differing in their last
// characters spread.
func idHash(id string) uint64 {
	x := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		x ^= uint64(id[i])
		x *= 1099511628211
	}
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// sampleLess orders records for the sample: by idHash, then id.
func sampleLess(ha uint64, a string, hb uint64, b string) bool {
	if ha != hb {
		return ha < hb
	}
	return a < b
}

// mergeSamples returns the sampleSize first records of a and b together,
// each ordered for the sample.
func mergeSamples(a, b []records.Record) []records.Record {
	out := make([]records.Record, 0, min(len(a)+len(b), sampleSize))
	i, j := 0, 0
	for len(out) < sampleSize && (i < len(a) || j < len(b)) {
		switch {
		case j == len(b):
			out = append(out, a[i])
			i++
		case i == len(a):
			out = append(out, b[j])
			j++
		case sampleLess(idHash(a[i].ID), a[i].ID, idHash(b[j].ID), b[j].ID):
			out = append(out, a[i])
			i++
		default:
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// sampler keeps the sampleSize records with the smallest id hashes seen:
// a max-heap whose root is the record to drop next.
type sampler struct {
	recs   []records.Record
	hashes []uint64
}

func (s *sampler) Len() int { return len(s.recs) }
func (s *sampler) Less(i, j int) bool {
	return sampleLess(s.hashes[j], s.recs[j].ID, s.hashes[i], s.recs[i].ID)
}
func (s *sampler) Swap(i, j int) {
	s.recs[i], s.recs[j] = s.recs[j], s.recs[i]
	s.hashes[i], s.hashes[j] = s.hashes[j], s.hashes[i]
}
func (s *sampler) Push(x any) {} // unused: offer appends
func (s *sampler) Pop() any   { return nil }

// offer keeps r if it is among the records to sample so far.
func (s *sampler) offer(r *records.Record) {
	h := idHash(r.ID)
	if len(s.recs) < sampleSize {
		s.recs = append(s.recs, *r)
		s.hashes = append(s.hashes, h)
		heap.Fix(s, len(s.recs)-1)
		return
	}
	if sampleLess(h, r.ID, s.hashes[0], s.recs[0].ID) {
		s.recs[0], s.hashes[0] = *r, h
		heap.Fix(s, 0)
	}
}

// sorted returns the records kept, ordered for the sample.
func (s *sampler) sorted() []records.Record {
	idx := make([]int, len(s.recs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if sampleLess(s.hashes[a], s.recs[a].ID, s.hashes[b], s.recs[b].ID) {
			return -1
		}
		return 1
	})
	out := make([]records.Record, len(idx))
	for i, j := range idx {
		out[i] = s.recs[j]
	}
	return out
}

// keyOwner is a person sought bearing a key, and in which roles.
type keyOwner struct {
	query int32
	role  uint8 // roleFamily | roleGiven | roleNames
}

const (
	roleFamily = 1 << iota // a family key of one of the person's readings, or an other name's
	roleGiven              // a given key of one of the person's readings
	roleNames              // a (family, given) pair of one of the person's readings
)

// statsIndex finds the people sought that an archive record agrees with
// exactly on a name: their keys, with their owners, and their (family,
// given) pairs. It is shared read-only by the collectors of a run.
type statsIndex struct {
	keyID  map[string]int32
	owners [][]keyOwner       // by key id
	pairID map[[2]int32]int32 // (family key id, given key id) → pair id
	pairs  [][]keyOwner       // by pair id
}

func newStatsIndex(ix *index) *statsIndex {
	si := &statsIndex{keyID: map[string]int32{}, pairID: map[[2]int32]int32{}}
	add := func(list *[]keyOwner, q int32, role uint8) {
		for i := range *list {
			if (*list)[i].query == q {
				(*list)[i].role |= role
				return
			}
		}
		*list = append(*list, keyOwner{q, role})
	}
	key := func(k string) int32 {
		id, ok := si.keyID[k]
		if !ok {
			id = int32(len(si.owners))
			si.keyID[k] = id
			si.owners = append(si.owners, nil)
		}
		return id
	}
	for qi := range ix.queries {
		q := &ix.queries[qi]
		for _, rd := range q.readings {
			f, g := int32(-1), int32(-1)
			if rd.family != "" {
				f = key(rd.family)
				add(&si.owners[f], int32(qi), roleFamily)
			}
			if rd.given != "" {
				g = key(rd.given)
				add(&si.owners[g], int32(qi), roleGiven)
			}
			if f >= 0 && g >= 0 {
				p, ok := si.pairID[[2]int32{f, g}]
				if !ok {
					p = int32(len(si.pairs))
					si.pairID[[2]int32{f, g}] = p
					si.pairs = append(si.pairs, nil)
				}
				add(&si.pairs[p], int32(qi), roleNames)
			}
		}
		for _, a := range q.aliases {
			add(&si.owners[key(a)], int32(qi), roleFamily)
		}
	}
	return si
}

// collector gathers the statistics of the records one worker sees.
type collector struct {
	st     *Stats
	si     *statsIndex
	ix     *index
	model  *Model
	rounds bool
	keys   *keyCache
	sample sampler
	years  []int // the birth year of each person sought, read for every person a record meets
	// Per record: the people sought it agrees with on some name, with the
	// roles it agrees on.
	mask    []uint8
	touched []int32
	pairs   []int32
}

func newCollector(ix *index, si *statsIndex, model *Model, rounds bool) *collector {
	cl := &collector{st: newStats(ix), si: si, ix: ix, model: model, rounds: rounds,
		keys: newKeyCache(), mask: make([]uint8, len(ix.queries)), years: make([]int, len(ix.queries))}
	for i := range ix.queries {
		cl.years[i] = ix.queries[i].rec.BirthYear
	}
	return cl
}

// id returns the id of key k, or −1 when no person sought bears it. The
// keys of the people sought are few (thousands), so their map stays in
// the processor's caches: looking them up there is quicker than in a
// memo of the archive's keys.
func (cl *collector) id(k string) int32 {
	if k == "" {
		return -1
	}
	if id, ok := cl.si.keyID[k]; ok {
		return id
	}
	return -1
}

// mark records that the record agrees with the owners os in role (or
// in theirs, when role is 0).
func (cl *collector) mark(os []keyOwner, role uint8) {
	for _, o := range os {
		r := o.role
		if role != 0 {
			r &= role
		}
		if r == 0 {
			continue
		}
		if cl.mask[o.query] == 0 {
			cl.touched = append(cl.touched, o.query)
		}
		cl.mask[o.query] |= r
	}
}

// collect adds a batch of archive records to the statistics.
func (cl *collector) collect(batch []records.Record) {
	for i := range batch {
		cl.sample.offer(&batch[i])
		c := prepare(&batch[i], cl.keys, false)
		cl.add(&c)
	}
	cl.st.Records += int64(len(batch))
}

// add counts the people sought record c agrees with on each name, and
// scores c against those it may be an estimation pair with.
func (cl *collector) add(c *person) {
	cl.pairs = cl.pairs[:0]
	for ri := range c.readings {
		rd := &c.readings[ri]
		f, g := cl.id(rd.family), cl.id(rd.given)
		// Either key may meet a family name sought (names written the
		// other way round) or a given name sought.
		if f >= 0 {
			cl.mark(cl.si.owners[f], roleFamily|roleGiven)
		}
		if g >= 0 {
			cl.mark(cl.si.owners[g], roleFamily|roleGiven)
		}
		if f >= 0 && g >= 0 {
			for _, k := range [2][2]int32{{f, g}, {g, f}} {
				if p, ok := cl.si.pairID[k]; ok && !slices.Contains(cl.pairs, p) {
					cl.pairs = append(cl.pairs, p)
					cl.mark(cl.si.pairs[p], roleNames)
				}
			}
		}
	}
	for _, a := range c.aliases {
		if k := cl.id(a); k >= 0 {
			cl.mark(cl.si.owners[k], roleFamily) // an other name is a family name
		}
	}
	year := c.rec.BirthYear
	for _, qi := range cl.touched {
		m := cl.mask[qi]
		cl.mask[qi] = 0
		if m&roleFamily != 0 {
			cl.st.FamilyCount[qi]++
		}
		if m&roleGiven != 0 {
			cl.st.GivenCount[qi]++
		}
		if m&roleNames != 0 {
			cl.st.NamesCount[qi]++
			if q := cl.ix.queries[qi].rec; knownYear(q) && knownYear(c.rec) {
				if g, _ := yearGap(q, c.rec); g > farYears || g < -farYears {
					cl.st.NamesFarCount[qi]++
				}
			}
		}
		if !cl.rounds {
			continue
		}
		// A pair of a round agrees on both names, or on one and the
		// birth year: score it (the round is told by the levels).
		both := m&(roleFamily|roleGiven) == roleFamily|roleGiven
		if !both && (year == 0 || cl.years[qi] != year) {
			continue
		}
		ps, ok := cl.model.scorePair(cl.ix, qi, c, nil)
		if !ok {
			continue
		}
		ls := ps.levels
		v := vectorIndex(ls)
		if ls[CompFamily] == nameExact && ls[CompGiven] == nameExact {
			cl.st.Rounds[roundNames][v]++
			cl.st.RoundPairs[roundNames][qi]++
			if q := cl.ix.queries[qi].rec; ls[CompBirthYear] != missing {
				g, _ := yearGap(q, c.rec)
				cl.st.NamesYearGaps[min(max(g, -g), maxGapCounted)]++
			}
		}
		if ls[CompGiven] == nameExact && ls[CompBirthYear] == yearExact {
			cl.st.Rounds[roundGiven][v]++
			cl.st.RoundPairs[roundGiven][qi]++
		}
		if ls[CompFamily] == nameExact && ls[CompBirthYear] == yearExact {
			cl.st.Rounds[roundFamily][v]++
			cl.st.RoundPairs[roundFamily][qi]++
		}
	}
	cl.touched = cl.touched[:0]
}
