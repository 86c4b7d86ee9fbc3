package match

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"kinlink/records"
)

// Estimation of a model from the files of a run.
//
// u, the level shares among non-matches, comes from random pairs: the
// people sought against the archive's sample, each pair sent through
// scorePair, the function that scores candidates, so that the best of
// readings, orders and other names is taken as it is in scoring.
//
// m and the prior come from expectation–maximisation, as Splink does it:
// rounds of pairs found in the whole archive by what they agree on, each
// comparison estimated in a round that does not select on it (see
// runEM). Pairs agreeing exactly on both names tell birth year, sex and
// place; pairs agreeing on the given name and birth year tell the family
// name; on the family name and birth year, the given name. The matches
// expected among the first round's pairs, divided by the share of matches
// that agree on both names, give the records per person sought, hence the
// prior.
//
// A parameter the data cannot tell (too few pairs, a round that did not
// converge) keeps the starting model's value, and the estimation says so.

// maxRandomPairs bounds the random pairs used to estimate u.
const maxRandomPairs = 400_000

// minRandomPairs is the fewest random pairs with a comparison present for
// its u to be estimated.
const minRandomPairs = 1000

// minConditionalPairs is the fewest random pairs agreeing on a name (see
// roundConditions) with a comparison present for their shares to stand
// for the u of a round's non-matches.
const minConditionalPairs = 1000

// minRoundMatches is the fewest expected matches a round needs for its m
// estimates to be used.
const minRoundMatches = 20

// Estimation tells how a model was estimated.
type Estimation struct {
	ArchiveRecords int64         `json:"archive_records"`
	PeopleSought   int           `json:"people_sought"`
	SampleRecords  int           `json:"sample_records"`
	RandomPairs    int64         `json:"random_pairs"`
	Rounds         []RoundReport `json:"rounds"`
	// RecordsPerPerson lists the estimate each round gives.
	RecordsPerPerson map[string]float64 `json:"records_per_person_by_round"`
	Warnings         []string           `json:"warnings,omitempty"`
}

// RoundReport describes one round of expectation–maximisation.
type RoundReport struct {
	Name            string   `json:"name"` // what its pairs agree on
	Estimates       []string `json:"estimates"`
	Pairs           int64    `json:"pairs"`
	ExpectedMatches float64  `json:"expected_matches"`
	Iterations      int      `json:"iterations"`
	Converged       bool     `json:"converged"`
	LastChange      float64  `json:"last_change"`
	// Used is false for a round whose estimates were left out (see
	// Estimate's warnings).
	Used bool `json:"used"`
}

// roundMain is the comparison each round is for: the one whose m it
// estimates in full (see identified).
var roundMain = [numRounds]int{roundNames: CompBirthYear, roundGiven: CompFamily, roundFamily: CompGiven}

// roundComparisons are the comparisons each round models.
// A round's fixed u must be right for every comparison it models: a wrong
// one sends the pairs it fails to explain to the matches. Sex is measured
// passively (see runEM): its u in a round is never known well (namesakes
// sharing a given name agree on sex; relatives...) and, agreeing among
// matches almost always, it would pull namesakes into the matches.
var roundComparisons = [numRounds][]int{
	roundNames:  {CompBirthYear, CompBirthPlace},
	roundGiven:  {CompFamily, CompBirthPlace},
	roundFamily: {CompGiven, CompBirthPlace},
}

// roundPassive are the comparisons each round measures passively.
var roundPassive = [numRounds][]int{
	roundNames:  {CompSex},
	roundGiven:  {CompSex},
	roundFamily: {CompSex},
}

// Estimate returns the model estimated from the statistics st of an
// archive, starting from start (whose values remain where the data cannot
// tell them). It is a function of the people sought, st's sample and
// counts and the archive's size only, so statistics merged from shards
// give the same model as those of the whole archive.
func (l *Linker) Estimate(start *Model, st *Stats) *Model {
	est := &Estimation{ArchiveRecords: st.Records, PeopleSought: len(l.ix.queries), SampleRecords: len(st.Sample),
		RecordsPerPerson: map[string]float64{}}
	ix := l.runIndex(start, st)
	random := randomPairLevels(start, ix, st.Sample)
	est.RandomPairs = random[condAll].pairs
	m := start.clone()
	m.Estimation = est
	pairsDesc := fmt.Sprintf("random pairs (%d of %d people sought × %d sampled records)", random[condAll].pairs, len(ix.queries), len(st.Sample))
	var u [numComparisons][]float64
	for c := range u {
		ls := m.Comparisons[comparisonNames[c]]
		if u[c] = random[condAll].shares(c, minRandomPairs); u[c] == nil {
			for _, lv := range ls {
				u[c] = append(u[c], lv.U)
			}
			est.Warnings = append(est.Warnings, fmt.Sprintf("%s: u kept from the starting model (%.0f random pairs compare it, %d needed)", comparisonNames[c], random[condAll].n[c], minRandomPairs))
			continue
		}
		for i := range ls {
			ls[i].U, ls[i].USource = u[c][i], pairsDesc
		}
		if c == CompFamily || c == CompGiven {
			ls[nameExact].USource = pairsDesc + "; scoring uses the name's own frequency in the archive"
		}
	}

	// u among namesakes (see Level.UNamesakes).
	for c, n := range namesakeOf {
		if n < 0 {
			continue
		}
		cond := condGiven
		if n == CompFamily {
			cond = condFamily
		}
		ls := m.Comparisons[comparisonNames[c]]
		sh := random[cond].shares(c, minConditionalPairs)
		if sh == nil {
			est.Warnings = append(est.Warnings, fmt.Sprintf("%s: u among namesakes kept from the starting model (%.0f %s compare it, %d needed)",
				comparisonNames[c], random[cond].n[c], conditionLabels[cond], minConditionalPairs))
			continue
		}
		for i := range ls {
			ls[i].UNamesakes = sh[i]
			ls[i].UNamesakesSource = fmt.Sprintf("%s (%.0f pairs)", conditionLabels[cond], random[cond].n[c])
		}
	}

	people := 0
	for _, q := range ix.queries {
		if len(q.readings) > 0 {
			people++
		}
	}

	// The rounds.
	var results [numRounds]emResult
	var uPairs [numRounds][numComparisons]float64 // the random pairs behind each fixed u
	var dropped [numRounds]bool                   // the round could not tell its matches from namesakes
	for r := range numRounds {
		// EM starts from the share of matches the starting model
		// expects: from one half, a round with a few matches among
		// hundreds of thousands of namesakes settles on a mixture of
		// namesakes.
		var pairs int64
		for _, n := range st.Rounds[r] {
			pairs += n
		}
		init := emParams{lambda: 0.5}
		if pairs > 0 {
			init.lambda = min(max(expectedMatches(start, r, people)/float64(pairs), 1e-4), 0.5)
		}
		for c := range init.m {
			for _, lv := range start.levels[c] {
				init.m[c] = append(init.m[c], lv.M)
			}
			init.u[c], uPairs[r][c] = u[c], random[condAll].n[c]
			if k := roundConditions[r][c]; k != condAll {
				for _, k := range []int{condOrigin, k} {
					if cond := random[k].shares(c, minConditionalPairs); cond != nil {
						init.u[c], uPairs[r][c] = cond, random[k].n[c]
					}
				}
			}
		}
		results[r] = runEM(st.Rounds[r], roundComparisons[r], roundPassive[r], init)
		// A partial level of the round's main comparison that the round
		// cannot tell from namesakes lets namesakes into the matches (the
		// round then counts matches that are not there, and measures the
		// other fields on them): the round is not used, its main
		// comparison keeps the starting model's m.
		if c := roundMain[r]; pollution(results[r].pairs, expectedMatches(start, r, people), results[r].u[c], uPairs[r][c]) > maxPollution ||
			!plausible(&results[r], roundComparisons[r], expectedMatches(start, r, people)) {
			dropped[r] = true
		}
		rep := RoundReport{Name: roundLabels[r], Pairs: results[r].pairs, ExpectedMatches: results[r].matches, Used: true,
			Iterations: results[r].iterations, Converged: results[r].converged, LastChange: results[r].change}
		for _, c := range append(roundComparisons[r], roundPassive[r]...) {
			rep.Estimates = append(rep.Estimates, comparisonNames[c])
		}
		est.Rounds = append(est.Rounds, rep)
	}
	usable := func(r int) bool {
		return results[r].converged && results[r].matches >= minRoundMatches && !dropped[r]
	}
	for r := range numRounds {
		if dropped[r] {
			est.Warnings = append(est.Warnings, fmt.Sprintf("the %s round is not used: %.0f namesakes for %.0f matches, too many to tell them apart by the %s",
				roundLabels[r], float64(results[r].pairs)-results[r].matches, results[r].matches, comparisonNames[roundMain[r]]))
			est.Rounds[r].Used = false
		}
	}
	// Each comparison's m from the rounds that model it, weighted by
	// their expected matches.
	for c := range numComparisons {
		var from []int
		for r := range numRounds {
			for _, rc := range append(roundComparisons[r], roundPassive[r]...) {
				if rc == c && usable(r) {
					from = append(from, r)
				}
			}
		}
		ls := m.Comparisons[comparisonNames[c]]
		if len(from) == 0 {
			est.Warnings = append(est.Warnings, fmt.Sprintf("%s: m kept from the starting model (no round had %d expected matches and converged)", comparisonNames[c], minRoundMatches))
			continue
		}

		weight, desc := 0.0, ""
		for _, r := range from {
			weight += results[r].matches
			if desc != "" {
				desc += ", "
			}
			desc += fmt.Sprintf("%s (%d pairs, %.0f matches, %d iterations)", roundLabels[r], results[r].pairs, results[r].matches, results[r].iterations)
		}
		for i := range ls {
			v := 0.0
			for _, r := range from {
				v += float64(results[r].m[c][i] * results[r].matches)
			}
			ls[i].M, ls[i].MSource = v/weight, "EM: "+desc
		}
		if c == CompFamily || c == CompGiven {
			// A name's levels between exact and else, and else itself,
			// set apart only by the other fields of a round whose
			// namesakes agree on the name's partner (a married woman
			// looks like a given-name namesake), are not told reliably:
			// they share what exact agreement leaves as the starting
			// model shares it.
			rest, restStart := 1-ls[nameExact].M, 1-start.levels[c][nameExact].M
			for i := nameJW95; i <= nameElse; i++ {
				ls[i].M = float64(rest * start.levels[c][i].M / restStart)
				ls[i].MSource = "EM: " + desc + ", exact agreement; this level shares the rest as the starting model does"
			}
		}
	}
	if err := m.compile(); err != nil {
		panic(err) // shares of smoothed counts are in (0, 1]
	}

	// Records per person sought: the matches a round expects, over the
	// share of matches its selection keeps.
	for r := range numRounds {
		if usable(r) && people > 0 {
			est.RecordsPerPerson[roundLabels[r]] = results[r].matches / roundShare(m, r) / float64(people)
		}
	}
	// Each estimate divides by a product of m values as if its fields
	// were independent among matches. The two name parts are not quite (a
	// record written with care has both right): the family+given round
	// divides by too small a share and overstates, the other two, whose
	// name m comes from a round selecting on the other name, understate
	// by about as much. The geometric mean of the first and of the mean of
	// the other two cancels that to first order.
	est1, ok1 := est.RecordsPerPerson[roundLabels[roundNames]]
	est2, ok2 := est.RecordsPerPerson[roundLabels[roundGiven]]
	est3, ok3 := est.RecordsPerPerson[roundLabels[roundFamily]]
	rho := 0.0
	var others []float64
	for _, e := range []struct {
		v  float64
		ok bool
	}{{est2, ok2}, {est3, ok3}} {
		if e.ok {
			others = append(others, e.v)
		}
	}
	switch {
	case ok1 && len(others) == 2:
		rho = math.Sqrt(est1 * math.Sqrt(others[0]*others[1]))
	case ok1 && len(others) == 1:
		rho = math.Sqrt(est1 * others[0])
	case ok1:
		rho = est1
	case len(others) == 2:
		rho = math.Sqrt(others[0] * others[1])
	case len(others) == 1:
		rho = others[0]
	}
	if rho > 0 {
		m.RecordsPerPerson = min(max(rho, 0.05), 100)
		m.RecordsPerPersonSource = "EM: the rounds' expected matches over the share of matches they select, per person sought (see estimation)"
	} else {
		est.Warnings = append(est.Warnings, "records per person kept from the starting model (no round could tell)")
	}
	return m
}

// maxPollution is the largest share of a round's expected matches that
// namesakes may make up through the uncertainty of u (see pollution).
const maxPollution = 0.1

// pollution measures how far a round can tell its matches from its
// namesakes by comparison c: the share u of each level of c among the
// round's non-matches is known only to within its sampling error, from
// uPairs random pairs, and every error lets that share of the
// non-matches pass for matches (or the converse). So the matches are
// uncertain by the errors' root sum of squares times the non-matches, a
// share of the matches this returns. A round with many namesakes per match
// (Kims of one birth year) cannot afford much error: there a near
// spelling of Minsu says little about who is whom. The matches are those
// the starting model expects, not the round's own estimate, which a round
// that took namesakes for matches would inflate.
func pollution(pairs int64, matches float64, u []float64, uPairs float64) float64 {
	if matches <= 0 || uPairs <= 0 {
		return math.Inf(1)
	}
	sum := 0.0
	for _, v := range u {
		sum += v * (1 - v) / uPairs
	}
	return float64(math.Sqrt(sum)*(float64(pairs)-matches)) / matches
}

// maxMatchesFactor bounds a round's matches: more than this many times
// what the starting model expects is namesakes taken for matches.
const maxMatchesFactor = 20

// plausible reports whether a round's mixture looks like matches and
// namesakes: not many times the matches the starting model expects, and
// the matches agreeing better than the non-matches on every comparison
// modelled (at its first level).
func plausible(res *emResult, comps []int, expected float64) bool {
	if res.matches > maxMatchesFactor*expected {
		return false
	}
	for _, c := range comps {
		if res.m[c][0] <= res.u[c][0] {
			return false
		}
	}
	return true
}

// roundShare is the share of a person's records that round r selects,
// under model m: the shares of its exact agreements.
func roundShare(m *Model, r int) float64 {
	switch r {
	case roundNames:
		return m.M(CompFamily, nameExact) * m.M(CompGiven, nameExact)
	case roundGiven:
		return m.M(CompGiven, nameExact) * m.M(CompBirthYear, yearExact)
	}
	return m.M(CompFamily, nameExact) * m.M(CompBirthYear, yearExact)
}

// expectedMatches is how many matches round r holds by the starting
// model: people sought × records per person × the round's share.
func expectedMatches(start *Model, r, people int) float64 {
	return float64(people) * start.RecordsPerPerson * roundShare(start, r)
}

// levelCounts counts the levels of each comparison among scored pairs.
type levelCounts struct {
	counts [numComparisons][]float64
	n      [numComparisons]float64
	pairs  int64
}

func newLevelCounts() levelCounts {
	var lc levelCounts
	for c := range lc.counts {
		lc.counts[c] = make([]float64, numLevels[c])
	}
	return lc
}

func (lc *levelCounts) add(levels [numComparisons]int8) {
	lc.pairs++
	for comp, l := range levels {
		if l != missing {
			lc.counts[comp][l]++
			lc.n[comp]++
		}
	}
}

func (lc *levelCounts) merge(o *levelCounts) {
	for c := range lc.counts {
		for l := range lc.counts[c] {
			lc.counts[c][l] += o.counts[c][l]
		}
		lc.n[c] += o.n[c]
	}
	lc.pairs += o.pairs
}

// randomPairLevels scores pairs of the people sought queries and the
// sample records through scorePair and counts their levels. When there
// are more than maxRandomPairs pairs, each is taken or not by a hash of
// the record id and the person's place, so the choice depends only on the
// inputs. Almost all such pairs are non-matches, which is what u
// describes.
func randomPairLevels(m *Model, ix *index, sample []records.Record) [numConditions]levelCounts {
	queries := ix.queries
	total := len(queries) * len(sample)
	var out [numConditions]levelCounts
	for k := range out {
		out[k] = newLevelCounts()
	}
	if total == 0 {
		return out
	}
	limit := uint64(math.MaxUint64)
	if total > maxRandomPairs {
		limit = uint64(float64(math.MaxUint64) * (float64(maxRandomPairs) / float64(total)))
	}
	// The run waits for the estimate: it is shared among the cores. The
	// counts are whole numbers, so their sum does not depend on the order
	// the parts are added in.
	parts := runtime.GOMAXPROCS(0)
	counts := make([][numConditions]levelCounts, parts)
	var wg sync.WaitGroup
	var crash panics
	for p := range parts {
		for k := range counts[p] {
			counts[p][k] = newLevelCounts()
		}
		wg.Go(func() {
			defer crash.catch()
			s := newSearcher(ix, nil)
			for i := p; i < len(sample); i += parts {
				c := prepare(&sample[i], nil, false)
				h := idHash(sample[i].ID)
				for qi := range queries {
					if limit != math.MaxUint64 && mix64(h+uint64(qi)*0x9e3779b97f4a7c15) >= limit {
						continue
					}
					ps, _ := m.scorePair(ix, int32(qi), &c, s)
					ls := ps.levels
					counts[p][condAll].add(ls)
					if sameOrigin(&queries[qi], &c) {
						counts[p][condOrigin].add(ls)
					}
					if ls[CompFamily] == nameExact {
						counts[p][condFamily].add(ls)
					}
					if ls[CompGiven] == nameExact {
						counts[p][condGiven].add(ls)
					}
				}
			}
		})
	}
	wg.Wait()
	crash.raise()
	for p := range parts {
		for k := range out {
			out[k].merge(&counts[p][k])
		}
	}
	return out
}

// Conditions on random pairs: u among all of them, and among those that
// agree exactly on the family name, or on the given name. Namesakes are
// not strangers: those sharing a given name agree on sex (names are a
// boy's or a girl's), those sharing a family name on birth place more
// often (families, clans) — the non-matches of an estimation round share
// what the round selects on.
const (
	condAll = iota
	condOrigin
	condFamily
	condGiven
	numConditions
)

var conditionLabels = [numConditions]string{"random pairs", "random pairs of one origin", "random pairs agreeing on the family name", "random pairs agreeing on the given name"}

// sameOrigin reports whether the best readings of q and c are of one
// origin: namesakes are (Korean given names go with Korean family names
// and Korean birth places), so where too few random pairs agree on a name
// to tell the u of a round's non-matches, pairs of one origin stand in.
func sameOrigin(q, c *person) bool {
	return len(q.readings) > 0 && len(c.readings) > 0 && q.readings[0].origin == c.readings[0].origin
}

// roundConditions says, per round and comparison, which random pairs
// give the u of the round's non-matches.
var roundConditions = [numRounds][numComparisons]int{
	roundNames:  {CompBirthYear: condAll, CompSex: condGiven, CompBirthPlace: condFamily}, // birth years go with nobody's name
	roundGiven:  {CompFamily: condGiven, CompSex: condGiven, CompBirthPlace: condGiven},
	roundFamily: {CompGiven: condFamily, CompSex: condFamily, CompBirthPlace: condFamily},
}

// shares turns counts into level shares, smoothed (add one); nil when
// fewer than least pairs compare c.
func (lc *levelCounts) shares(c int, least float64) []float64 {
	if lc.n[c] < least {
		return nil
	}
	out := make([]float64, len(lc.counts[c]))
	for i, k := range lc.counts[c] {
		out[i] = (k + 1) / (lc.n[c] + float64(len(lc.counts[c])))
	}
	return out
}

// mix64 is SplitMix64's finaliser.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
