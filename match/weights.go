package match

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"kinlink/internal/fpmath"
)

// Term frequencies.
//
// Agreeing on Kim is weak evidence, on Higashiura strong: the u of exact
// agreement on a name is the share of archive records that would agree
// exactly with the person sought on it, counted in the archive itself
// (Stats): records bearing any of the person's keys for that name (every
// reading, as scoring takes the best of them: a rarer reading must not
// make a namesake look stronger), in either field and through other
// names, as scoring compares them. A pair is scored because the candidate
// bears the name, so the candidate is one of the records counted: the
// share of the others is what u describes, (count − 1)/n, less the
// person's own other records that bear the name (a person sought may have
// several in the archive: RecordsPerPerson − 1 others, each bearing the
// name with probability m). A name no other record bears would have u = 0
// and infinite weight; half a record (Jeffreys' prior for a Poisson count)
// stands in for it, so u = (count − 1 − own + ½)/n.
//
// Given names go with their family names (and both with the bearer's
// origin: a Japanese given name in an archive that is 1% Japanese is
// rarer among Kims than its share says), so when both names agree exactly
// the pair is weighed by the joint count, the records bearing the
// person's family and given names together in one reading.

// unknownSurnameShare is the frequency assumed for a surname the tables do
// not list: rarer than the rarest listed one.
const unknownSurnameShare = 0.001

// tfPseudoCount is the count added to the other records bearing a name
// (see above).
const tfPseudoCount = 0.5

// exactWeights weigh exact agreement on the names of one reading of a
// person sought, in bits.
type exactWeights struct {
	family float64 // the family name agrees exactly
	given  float64 // the given name agrees exactly, the family name does not
	both   float64 // the given name agrees exactly and so does the family name: family + both weighs the pair
	alias  float64 // the family name agrees exactly through an other name
	// The shares behind them, for explanations (0: no archive counts).
	familyShare, givenShare, bothShare float64
}

// termShare is u for exact agreement on a name count records of n bear,
// own of which are expected to be the person's other records (see
// exactWeightsOf).
func termShare(count, n int64, own float64) float64 {
	return (max(float64(count-1)-own, 0) + tfPseudoCount) / float64(max(n, 1))
}

// namesakes is how many of the count records bearing a person's names
// (the candidate among them) are namesakes: those born far from the
// person (far of them; not the person's, whose birth years are misread
// by a few years at most), and a share of the others, the person's own
// expected other records (own) and their near namesakes dividing them as
// their expected numbers do. A namesake is born far with probability
// farShare, so the namesakes expected far (farExpected: far itself with
// half a record for none, or pooled with the people sought whose names
// are as rare, see namesakeRates) tell how many are near; with few
// records, a person with three records of a rare name is told from three
// namesakes bearing it, which the average of own records cannot tell.
func namesakes(count, far int64, farExpected, farShare, own float64) float64 {
	nearCount := max(float64(count-1-far), 0)
	// Namesakes expected near the person.
	near := float64(farExpected*(1-farShare)) / farShare
	if near+own <= 0 {
		return float64(far) + nearCount
	}
	return float64(far) + float64(nearCount*near)/(near+own)
}

// namesakeRates is what the people sought's own name counts tell of the
// namesakes of a name: the share of them born far from the person
// (farShare, see Stats.farShare), and how many are born far, on average,
// for names borne by as many records (farByCount, by countBucket, over
// the people sought with a birth year). A person whose names few records
// bear has a far count of 0, 1 or 2, which tells little by itself: half a
// record for none (Jeffreys' prior) says a name borne by one record
// alone has half a namesake, where the people sought with such rare names
// may have almost none (a rare name is rare) or more (a small archive of
// one town). Their pooled count tells which.
type namesakeRates struct {
	farShare   float64
	farByCount [numCountBuckets]float64
}

// numCountBuckets is how many buckets of bearers countBucket makes;
// pooledBuckets, below which the people sought's counts are pooled: names
// of fewer than 10 bearers.
const (
	numCountBuckets = 8
	pooledBuckets   = 6
)

// countBucket places a count of records bearing a person's names: 1, 2,
// 3 and 4 on their own, 5–9, 10–19, 20 or more.
func countBucket(c int64) int {
	switch {
	case c <= 4:
		return int(max(c, 0))
	case c < 10:
		return 5
	case c < 20:
		return 6
	}
	return 7
}

// minNamesakes is the fewest namesakes a name is expected to have
// however rare: a twentieth of a record (the person sought may not be in
// the archive at all, and the one bearer someone else).
const minNamesakes = 0.05

// namesakeRates returns the rates of the namesakes of the people sought
// (see namesakeRates), own being each person's expected other records
// bearing the names and known whether a person sought has a birth year.
func (st *Stats) namesakeRates(own float64, known []bool) namesakeRates {
	r := namesakeRates{farShare: st.farShare(own, known)}
	var sum, n [numCountBuckets]float64
	for i := range st.NamesCount {
		if !known[i] || st.NamesCount[i] == 0 {
			continue
		}
		b := countBucket(st.NamesCount[i])
		sum[b] += float64(st.NamesFarCount[i])
		n[b]++
	}
	for b := range r.farByCount {
		r.farByCount[b] = (sum[b] + tfPseudoCount) / (n[b] + 1)
	}
	return r
}

// farShare is the share of the namesakes on both names born more than
// farYears apart, over the people sought with a birth year (known): the
// far records counted, over all records bearing their names less the
// candidate and the person's own expected others (own each). 0 when none
// tells.
func (st *Stats) farShare(own float64, known []bool) float64 {
	var far, all float64
	for i := range st.NamesCount {
		if !known[i] || st.NamesFarCount[i] == 0 && st.NamesCount[i] <= 1 {
			continue
		}
		far += float64(st.NamesFarCount[i])
		all += max(float64(st.NamesCount[i]-1)-own, float64(st.NamesFarCount[i]))
	}
	if all == 0 {
		return 0
	}
	return far / all
}

// otherRecords is how many other records of a person sought the archive
// is expected to hold besides one: RecordsPerPerson − 1, or none when the
// prior is fixed.
func (m *Model) otherRecords() float64 {
	if m.Prior != 0 {
		return 0
	}
	return max(m.RecordsPerPerson-1, 0)
}

// exactWeightsOf computes the weights of exact agreement on the names of
// person sought q, the qi-th of the run, under model m and the archive's
// statistics st. With st nil (no archive counts yet) the given name is
// weighed by the model's u and the family name by the reference tables
// (see Linker.runIndex).
//
// rates tell how many namesakes bear a name (see namesakeRates): of
// those bearing the person's names, how many are the person's own
// records (see namesakes).
func (m *Model) exactWeightsOf(q *person, qi int, st *Stats, rates namesakeRates) exactWeights {
	mf, mg := m.levels[CompFamily][nameExact].M, m.levels[CompGiven][nameExact].M
	if st == nil {
		w := exactWeights{given: m.weights[CompGiven][nameExact]}
		w.both = w.given
		return w
	}
	n := st.Records
	cf, cg, cj := st.FamilyCount[qi], st.GivenCount[qi], st.NamesCount[qi]
	// A person sought may have several records in the archive: the
	// others (RecordsPerPerson − 1 of them) bear the names as often as
	// true records do, and are not namesakes.
	others := m.otherRecords()
	uf := termShare(cf, n, float64(others*mf))
	ug := termShare(cg, n, float64(others*mg))
	uj := termShare(cj, n, float64(others*mf*mg))
	if fs := rates.farShare; fs > 0 && fs < 1 {
		// The namesakes expected far, and the fewest a name has: for a
		// rare name, those of the people sought whose names are as rare
		// (half a record for none else).
		far := st.NamesFarCount[qi]
		farExpected, floor := float64(far)+tfPseudoCount, tfPseudoCount
		b := countBucket(cj)
		pooled := b < pooledBuckets
		if pooled {
			bf := rates.farByCount[b]
			farExpected = (float64(far) + bf) / 2 // the person's count and the pool's, alike
			floor = min(tfPseudoCount, max(float64(bf*(1-fs))/fs, minNamesakes))
		}
		switch {
		case knownYear(q.rec):
			uj = (namesakes(cj, far, farExpected, fs, float64(others*mf*mg)) + floor) / float64(max(n, 1))
		case pooled && cj > 0:
			// Without a birth year the person's own records are not
			// told from namesakes by the years they were born: the
			// people sought whose names are as rare tell how many of
			// the bearers are namesakes on average.
			uj = (min(float64(cj-1), rates.farByCount[b]/fs) + floor) / float64(max(n, 1))
		}
		uj = max(uj, floor/float64(max(n, 1)))
	}
	uj = min(uj, uf) // every record bearing the pair bears the family name
	w := exactWeights{
		family: fpmath.Log2(mf / uf),
		given:  fpmath.Log2(mg / ug),
		both:   fpmath.Log2(float64(mg*uf) / uj),
	}
	// Agreeing exactly on the given name is never weaker evidence than
	// agreeing nearly: where the family name's records bear the given
	// name so often (a person's several records, counted when the prior
	// is fixed) that the joint share says less than a near level's
	// weight, that weight holds, else the best of readings would prefer a
	// near agreement to an exact one. So for the given name alone, which
	// a small archive may bear on most of its records: a person with
	// several readings of one given name (茂: shige, shigeru) would else
	// be scored by a reading that agrees nearly, which blocked mode,
	// finding the pair by the reading that agrees exactly, may not score.
	w.given = max(w.given, m.bestPartial(CompGiven))
	w.both = max(w.both, m.bestPartial(CompGiven))
	w.alias = w.family
	nf := float64(max(n, 1))
	w.familyShare, w.givenShare = float64(cf)/nf, float64(cg)/nf
	if cf > 0 {
		w.bothShare = float64(cj) / float64(cf)
	}
	return w
}

// tfShare is the share of archive records behind the weight of an exact
// agreement on name part c (see explainShare), or 0 when c does not agree
// exactly: for the given name agreeing with the family name too, its share
// among the records with that family name.
func (ps *pairScore) tfShare(c int) float64 {
	w := ps.query.exact
	if w == nil || ps.levels[c] != nameExact {
		return 0
	}
	switch {
	case c == CompFamily:
		return w.familyShare
	case ps.levels[CompFamily] == nameExact && !ps.viaAlias:
		return w.bothShare
	}
	return w.givenShare
}

// bestPartial is the highest weight of the levels of name part c between
// exact and else.
func (m *Model) bestPartial(c int) float64 {
	best := math.Inf(-1)
	for l := nameJW95; l < nameElse; l++ {
		best = max(best, m.weights[c][l])
	}
	return best
}

// explainShare writes how common the name behind an exact agreement on
// name part c is: "kim (10% of records)", or for a given name agreeing
// with its family name too, "sunja (0.9% of records with kim)".
func (ps *pairScore) explainShare(b *strings.Builder, c int) {
	w := ps.query.exact
	switch {
	case c == CompFamily && w.familyShare > 0:
		fmt.Fprintf(b, " %s (%s of records)", writtenKey(ps.query.family), percent(w.familyShare))
	case c == CompGiven && ps.levels[CompFamily] == nameExact && !ps.viaAlias && w.bothShare > 0:
		fmt.Fprintf(b, " %s (%s of records with %s)", writtenKey(ps.query.given), percent(w.bothShare), writtenKey(ps.query.family))
	case c == CompGiven && w.givenShare > 0:
		fmt.Fprintf(b, " %s (%s of records)", writtenKey(ps.query.given), percent(w.givenShare))
	}
}

// percent writes a share as a percentage with two significant digits
// (never in exponent form): 25%, 1.4%, 0.021%.
func percent(f float64) string {
	p := 100 * f
	switch {
	case p >= 10:
		return fmt.Sprintf("%.0f%%", p)
	case p >= 1:
		return fmt.Sprintf("%.1f%%", p)
	}
	if p <= 0 {
		return "0%"
	}
	// Two significant digits by strconv, which rounds the same on every
	// machine, then written without an exponent.
	r, _ := strconv.ParseFloat(strconv.FormatFloat(p, 'g', 2, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64) + "%"
}
