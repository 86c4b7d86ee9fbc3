package match

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"kinlink/records"
)

// Estimation of a model from the files of a run.
//
// u, the level shares among non-matches, comes from random pairs: the
// people sought against the archive's sample, each pair sent through
// scorePair, the function that scores candidates, so that the best of
// readings, orders and other names is taken as it is in scoring. Pairs
// agreeing exactly on a name (namesakes) are all counted, for what
// namesakes share.
//
// m and the prior come from expectation–maximisation, as Splink does it:
// rounds of pairs found in the whole archive by what they agree on, each
// comparison estimated in a round that does not select on it (see
// runEM). Pairs agreeing exactly on both names tell birth year, sex and
// place; pairs agreeing on the given name and birth year tell the family
// name; on the family name and birth year, the given name. The u a round
// fixes are those of its non-matches, namesakes: their birth years are
// told from the round's own pairs born far apart (namesakeYearU), their
// exact agreement on the other name from the name counts (roundNameU).
// The matches expected among the first round's pairs, divided by the
// share of matches that agree on both names, give the records per person
// sought, hence the prior.
//
// A parameter the data cannot tell (too few pairs, a round that did not
// converge, a level with more namesakes than the error of u allows for
// its matches) keeps the starting model's value, and the estimation says
// so.

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

// roundMain is the comparison each round is for.
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
			if i == nameExact && (c == CompFamily || c == CompGiven) {
				continue // weighed by the name's frequency
			}
			ls[i].UNamesakes = sh[i]
			ls[i].UNamesakesSource = fmt.Sprintf("%s (%.0f pairs)", conditionLabels[cond], random[cond].n[c])
		}
	}

	people, withYear := 0, 0
	for _, q := range ix.queries {
		if len(q.readings) > 0 {
			people++
			if knownYear(q.rec) {
				withYear++
			}
		}
	}
	sampleYears := 0
	for i := range st.Sample {
		if knownYear(&st.Sample[i]) {
			sampleYears++
		}
	}
	yearKnown := 1.0
	if people > 0 && len(st.Sample) > 0 {
		yearKnown = float64(float64(withYear)/float64(people)) * (float64(sampleYears) / float64(len(st.Sample)))
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
			init.lambda = min(max(expectedMatches(start, r, people, yearKnown)/float64(pairs), 1e-4), 0.5)
		}
		var shifts []uShift                // u one error away, each
		var uErr [numComparisons][]float64 // each level's error of u
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
			if !slices.Contains(roundComparisons[r], c) {
				continue
			}
			uErr[c] = samplingErrors(init.u[c], uPairs[r][c])
			switch {
			case r == roundNames && c == CompBirthYear:
				if yu, rel, ok := namesakeYearU(st.NamesYearGaps); ok {
					// Random pairs do not know the fashions of names:
					// how far their u lies from the line's bounds the
					// error of the line's shape, which decides the levels
					// the round tells; the matches' error is the line's
					// sampling error (the line lies nearer the namesakes'
					// years than random pairs do).
					alt := init.u[c]
					init.u[c] = yu
					near := scaleNear(yu, 1+rel)
					shifts = append(shifts, uShift{c, near})
					for l := range yu {
						uErr[c][l] = math.Hypot(near[l]-yu[l], alt[l]-yu[l])
					}
					continue
				}
			case c == roundMain[r] && (c == CompFamily || c == CompGiven):
				// Exact agreement on the name among the round's
				// namesakes is told by the name counts (random pairs
				// agreeing on the round's name are too few, and of the
				// wrong origins: Japanese given names are the common
				// ones); the other levels by those random pairs.
				if ue, ok := roundNameU(st, r, start, yearKnown); ok {
					base := init.u[c]
					init.u[c] = withExactShare(base, ue)
					uErr[c][nameExact] = 0
					for _, sh := range samplingShifts(base, uPairs[r][c]) {
						if sh.level != nameExact {
							shifts = append(shifts, uShift{c, withExactShare(sh.u, ue)})
						}
					}
					continue
				}
			}
			for _, sh := range samplingShifts(init.u[c], uPairs[r][c]) {
				shifts = append(shifts, uShift{c, sh.u})
			}
		}
		results[r] = runEM(st.Rounds[r], roundComparisons[r], roundPassive[r], init)
		// A level other than the first that the round cannot tell from
		// its namesakes (the matches the starting model puts there are
		// fewer than the namesakes the error of its u could put there: a
		// near spelling of Minsu among the Kims of one birth year) keeps
		// the starting model's m, and the round is estimated again with
		// it fixed; the levels it tells share the rest.
		refit := false
		for _, c := range roundComparisons[r] {
			nonMatches := float64(results[r].pairs) - results[r].matches
			for l := 1; l < numLevels[c]; l++ {
				if float64(results[r].matches*start.levels[c][l].M) < float64(minToldRatio*float64(nonMatches*uErr[c][l])) {
					if init.fixed[c] == nil {
						init.fixed[c] = make([]bool, numLevels[c])
					}
					init.fixed[c][l], refit = true, true
				}
			}
		}
		if refit {
			results[r] = runEM(st.Rounds[r], roundComparisons[r], roundPassive[r], init)
		}
		results[r].uncertainty = emSpread(st.Rounds[r], roundComparisons[r], &results[r], shifts)
		// A round whose matches move by much with the sampling errors of
		// u counts namesakes for matches or the converse, and would
		// measure the other fields on them: it is not used.
		if results[r].uncertainty > maxUncertainty*results[r].matches ||
			!plausible(&results[r], roundComparisons[r], expectedMatches(start, r, people, yearKnown)) {
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
			est.Warnings = append(est.Warnings, fmt.Sprintf("the %s round is not used: %.0f namesakes for %.0f matches, too many to tell them apart by the %s (the sampling error of u moves %.0f matches)",
				roundLabels[r], float64(results[r].pairs)-results[r].matches, results[r].matches, comparisonNames[roundMain[r]], results[r].uncertainty))
			est.Rounds[r].Used = false
		}
	}
	// Each comparison's m from the rounds that model it, weighted by
	// their expected matches; a round that could tell none of its levels
	// but the first tells nothing of it.
	for c := range numComparisons {
		var from []int
		for r := range numRounds {
			for _, rc := range append(roundComparisons[r], roundPassive[r]...) {
				if rc == c && usable(r) && !(results[r].anyFixed(c) && !slices.Contains(results[r].fixed[c][1:], false)) {
					from = append(from, r)
				}
			}
		}
		ls := m.Comparisons[comparisonNames[c]]
		if len(from) == 0 {
			est.Warnings = append(est.Warnings, fmt.Sprintf("%s: m kept from the starting model (no round told its levels from namesakes, with %d expected matches or more)", comparisonNames[c], minRoundMatches))
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
		var kept []string
		for i := range ls {
			v, told := 0.0, false
			for _, r := range from {
				v += float64(results[r].m[c][i] * results[r].matches)
				told = told || results[r].fixed[c] == nil || !results[r].fixed[c][i]
			}
			ls[i].M, ls[i].MSource = v/weight, "EM: "+desc
			if !told {
				ls[i].MSource = start.levels[c][i].MSource + "; no round tells this level from namesakes"
				kept = append(kept, ls[i].Name)
			}
		}
		if len(kept) > 0 {
			est.Warnings = append(est.Warnings, fmt.Sprintf("%s: m of %s kept from the starting model (no round tells them from namesakes)", comparisonNames[c], strings.Join(kept, ", ")))
		}
		if (c == CompFamily || c == CompGiven) && len(kept) < numLevels[c]-1 {
			// A name's levels other than exact are told from the round's
			// namesakes by birth place alone, whose u among them random
			// pairs give only roughly: EM takes married women recorded
			// under their husband's name for namesakes on our generator,
			// namesakes for matches on the independent scenario. How
			// much exact agreement leaves is told better than how the
			// rest divides: the levels share it as the starting model
			// does.
			rest, restStart := 1-ls[nameExact].M, 1-start.levels[c][nameExact].M
			for i := nameJW95; i <= nameElse; i++ {
				ls[i].M = float64(rest * start.levels[c][i].M / restStart)
				ls[i].MSource = "EM: " + desc + ", exact agreement; this level shares the rest as the starting model does"
			}
		}
	}
	for c := range numComparisons {
		from := 0
		if c == CompFamily || c == CompGiven {
			from = nameJW95 // exact agreement is weighed by the name's frequency
		}
		if monotone(m.Comparisons[comparisonNames[c]][from:]) {
			est.Warnings = append(est.Warnings, fmt.Sprintf("%s: levels whose m/u fell below a looser level's were pooled with it", comparisonNames[c]))
		}
	}
	if err := m.compile(); err != nil {
		panic(err) // shares of smoothed counts are in (0, 1]
	}

	// Records per person sought: the matches a round expects, over the
	// share of matches its selection keeps.
	for r := range numRounds {
		if usable(r) && people > 0 {
			est.RecordsPerPerson[roundLabels[r]] = results[r].matches / roundShare(m, r, yearKnown) / float64(people)
		}
	}
	// The family+given round tells its matches from namesakes by birth
	// year and place, which are independent of names: its estimate is
	// the one used. Only the product of the records per person and the
	// shares of exact agreement on both names is told by it (a record
	// whose name disagrees is a namesake's look-alike), which is what
	// weighs the pairs agreeing on both names, most of those listed.
	// Without it, the geometric mean of the other two rounds'.
	est1, ok1 := est.RecordsPerPerson[roundLabels[roundNames]]
	est2, ok2 := est.RecordsPerPerson[roundLabels[roundGiven]]
	est3, ok3 := est.RecordsPerPerson[roundLabels[roundFamily]]
	rho := 0.0
	switch {
	case ok1:
		rho = est1
	case ok2 && ok3:
		rho = math.Sqrt(est2 * est3)
	case ok2:
		rho = est2
	case ok3:
		rho = est3
	}
	if rho > 0 {
		m.RecordsPerPerson = min(max(rho, 0.05), 100)
		m.RecordsPerPersonSource = "EM: the rounds' expected matches over the share of matches they select, per person sought (see estimation)"
	} else {
		est.Warnings = append(est.Warnings, "records per person kept from the starting model (no round could tell)")
	}
	return m
}

// roundNameU is the share of the non-matches of round r (given+birth_year
// or family+birth_year) that agree exactly on the name the round
// estimates: namesakes on one name are namesakes on the other as often as
// the people sought's own names say, which random pairs cannot tell (a
// few hundred of them agree on a given name, mostly on common Japanese
// ones). For each person sought, the records bearing both names among
// those bearing the round's name, less the person's own records (under
// the starting model), weighed by the person's non-matches in the round.
// ok is false when no person sought has any.
func roundNameU(st *Stats, r int, start *Model, yearKnown float64) (u float64, ok bool) {
	sel, est := CompGiven, CompFamily // the name the round selects on, the one it estimates
	if r == roundFamily {
		sel, est = CompFamily, CompGiven
	}
	own := 0.0
	if start.Prior == 0 {
		own = start.RecordsPerPerson
	}
	mSel, mBoth := start.M(sel, nameExact), start.M(CompFamily, nameExact)*start.M(CompGiven, nameExact)
	perPerson := own * roundShare(start, r, yearKnown) // a person's expected matches in the round
	var sum, weight float64
	for q, n := range st.RoundPairs[r] {
		w := float64(n) - perPerson
		if w <= 0 {
			continue
		}
		selCount := st.GivenCount[q]
		if sel == CompFamily {
			selCount = st.FamilyCount[q]
		}
		others := float64(selCount) - own*mSel
		if others < 1 {
			continue
		}
		both := max(float64(st.NamesCount[q])-own*mBoth, 0)
		sum += w * min(both/others, 1)
		weight += w
	}
	_ = est
	if weight == 0 {
		return 0, false
	}
	return sum / weight, true
}

// withExactShare returns the level shares u with the exact level's set
// to e and the others scaled to share the rest as they do in u.
func withExactShare(u []float64, e float64) []float64 {
	out := make([]float64, len(u))
	rest := 1 - u[nameExact]
	out[nameExact] = min(max(e, 1e-6), 1-1e-6)
	for l := nameExact + 1; l < len(u); l++ {
		out[l] = float64((1 - out[nameExact]) * u[l] / rest)
	}
	return out
}

// monotone makes the weights of levels ls, from the closest agreement to
// the loosest, never rise: a closer agreement is never weaker evidence
// than a looser one (a birth place spelled nearly alike is not less
// likely the same person's than one spelled otherwise). Adjacent levels
// that break the order are pooled, as isotonic regression does (pool
// adjacent violators): they share the pool's m/u, and their m its sum.
// It reports whether any were.
func monotone(ls []Level) bool {
	type block struct {
		from, to int
		m, u     float64
	}
	var bs []block
	for i, l := range ls {
		bs = append(bs, block{i, i + 1, l.M, l.U})
		for len(bs) > 1 {
			a, b := bs[len(bs)-2], bs[len(bs)-1]
			if float64(a.m*b.u) >= float64(b.m*a.u) { // a's ratio at least b's
				break
			}
			bs = append(bs[:len(bs)-2], block{a.from, b.to, a.m + b.m, a.u + b.u})
		}
	}
	if len(bs) == len(ls) {
		return false
	}
	for _, b := range bs {
		for i := b.from; i < b.to && b.to-b.from > 1; i++ {
			ls[i].M = float64(ls[i].U*b.m) / b.u
			ls[i].MSource += "; pooled with a neighbouring level (a closer agreement weighs at least as much as a looser one)"
		}
	}
	return true
}

// maxUncertainty is the largest share of a round's matches that the
// sampling errors of the u it fixes may change (see emUncertainty).
const maxUncertainty = 0.1

// uShift is a comparison's u moved by one sampling error.
type uShift struct {
	comp int
	u    []float64
}

// levelShift is u with one level moved up by its sampling error.
type levelShift struct {
	level int
	u     []float64
}

// samplingShifts returns u with each level in turn moved up by its
// sampling error among n pairs, the other levels scaled to share the
// rest.
func samplingShifts(u []float64, n float64) []levelShift {
	if n <= 0 {
		return nil
	}
	var out []levelShift
	for l, v := range u {
		d := math.Sqrt(v * (1 - v) / n)
		if d == 0 || v+d >= 1 {
			continue
		}
		sh := make([]float64, len(u))
		for i, w := range u {
			sh[i] = float64(w * (1 - v - d) / (1 - v))
		}
		sh[l] = v + d
		out = append(out, levelShift{l, sh})
	}
	return out
}

// emSpread is how much the matches of a round (res, from hist) move when
// the u it fixes move by their errors: the root sum of squares of the
// changes, each u of shifts in turn, EM started from res. A round with
// many namesakes per match cannot afford much error: the share of
// non-matches an error moves is large against its matches.
func emSpread(hist []int64, comps []int, res *emResult, shifts []uShift) float64 {
	sum := 0.0
	for _, sh := range shifts {
		p := res.emParams.clone()
		p.u[sh.comp] = sh.u
		d := runEM(hist, comps, nil, p).matches - res.matches
		sum += float64(d * d)
	}
	return math.Sqrt(sum)
}

// minToldRatio is how many times the namesakes an error of u could put on
// a level its matches must outnumber for the round to tell it.
const minToldRatio = 2

// samplingErrors are the sampling errors of level shares u measured on n
// pairs.
func samplingErrors(u []float64, n float64) []float64 {
	out := make([]float64, len(u))
	for l, v := range u {
		out[l] = math.Sqrt(v * (1 - v) / max(n, 1))
	}
	return out
}

// namesakeYearU is the share of each birth-year level among the
// non-matches of the family+given round, told from the round's own pairs
// by how far apart they were born (gaps, see Stats.NamesYearGaps): the
// namesakes' birth years, near a person's own, follow the years their
// name was given in (names have their fashions), which random pairs do
// not know. Namesakes born 3 to 14 years apart, where a person's own
// records are few, give the namesakes per year of gap by a straight
// line, extended to the gaps of 0 to 5 years; gaps of 6 or more are all
// namesakes. rel is the sampling error of the namesakes within a year,
// relative; ok is false when too few pairs tell.
func namesakeYearU(gaps []int64) (u []float64, rel float64, ok bool) {
	const lo, hi = 3, maxGapCounted - 1 // the fitted gaps
	var xs, ys []float64
	pairs := 0.0
	for g := lo; g <= hi; g++ {
		xs = append(xs, float64(g))
		ys = append(ys, float64(gaps[g])/2) // per year: a gap of g is ±g years
		pairs += float64(gaps[g])
	}
	if pairs < minNamesakeYearPairs {
		return nil, 0, false
	}
	a, b := fitLine(xs, ys, func(x float64) float64 { return x })
	line := func(g float64) float64 { return max(a+float64(b*g), 0) }
	if line(0) <= 0 {
		return nil, 0, false
	}
	far := 0.0
	for g := 6; g < len(gaps); g++ {
		far += float64(gaps[g])
	}
	u = []float64{line(0), 2 * line(1), 2 * line(2), 2 * (line(3) + line(4) + line(5)), far}
	total := 0.0
	for _, v := range u {
		total += v
	}
	for l := range u {
		u[l] = max(u[l]/total, 1e-9)
	}
	// The counts are Poisson: each year's variance is its mean count over
	// four (halved counts); the line's error at a gap of 0.
	n := float64(len(xs))
	mx, sxx := 0.0, 0.0
	for _, x := range xs {
		mx += x / n
	}
	for _, x := range xs {
		sxx += float64((x - mx) * (x - mx))
	}
	v := pairs / n / 4
	se := math.Sqrt(float64(v * (1/n + float64(mx*mx)/sxx)))
	return u, se / line(0), true
}

// fitLine fits y = a + b·f(x) by least squares.
func fitLine(xs, ys []float64, f func(float64) float64) (a, b float64) {
	n := float64(len(xs))
	var sx, sy float64
	for i := range xs {
		sx += f(xs[i])
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxy, sxx float64
	for i := range xs {
		dx := f(xs[i]) - mx
		sxy += float64(dx * (ys[i] - my))
		sxx += float64(dx * dx)
	}
	b = sxy / sxx
	return my - float64(b*mx), b
}

// minNamesakeYearPairs is the fewest pairs born 3 to 14 years apart for
// the family+given round's namesakes to tell their own birth years.
const minNamesakeYearPairs = 200

// scaleNear returns birth-year shares u with the levels within 5 years
// scaled by f, the others sharing the rest.
func scaleNear(u []float64, f float64) []float64 {
	out := slices.Clone(u)
	near := 0.0
	for l := yearExact; l <= yearOff3to5; l++ {
		out[l] = float64(u[l] * f)
		near += out[l]
	}
	if near >= 1 {
		return u
	}
	out[yearElse] = 1 - near
	return out
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
// yearKnown is the share of pairs with both birth years known (m of the
// birth-year levels are shares among those).
func roundShare(m *Model, r int, yearKnown float64) float64 {
	switch r {
	case roundNames:
		return m.M(CompFamily, nameExact) * m.M(CompGiven, nameExact)
	case roundGiven:
		return float64(m.M(CompGiven, nameExact)*m.M(CompBirthYear, yearExact)) * yearKnown
	}
	return float64(m.M(CompFamily, nameExact)*m.M(CompBirthYear, yearExact)) * yearKnown
}

// expectedMatches is how many matches round r holds by the starting
// model: people sought × records per person × the round's share.
func expectedMatches(start *Model, r, people int, yearKnown float64) float64 {
	return float64(float64(people)*start.RecordsPerPerson) * roundShare(start, r, yearKnown)
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
// describes. The pairs agreeing exactly on a name (condFamily,
// condGiven) are few among random pairs, and what namesakes share is
// measured on them: they are all counted, found by their keys.
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
	si := newStatsIndex(ix)
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
			marked := make([]bool, len(queries))
			var sharing []int32
			mark := func(k string) {
				if id, ok := si.keyID[k]; ok {
					for _, o := range si.owners[id] {
						if !marked[o.query] {
							marked[o.query] = true
							sharing = append(sharing, o.query)
						}
					}
				}
			}
			for i := p; i < len(sample); i += parts {
				c := prepare(&sample[i], nil, false)
				h := idHash(sample[i].ID)
				for qi := range queries {
					if limit != math.MaxUint64 && mix64(h+uint64(qi)*0x9e3779b97f4a7c15) >= limit {
						continue
					}
					ps, _ := m.scorePair(ix, int32(qi), &c, s)
					counts[p][condAll].add(ps.levels)
					if sameOrigin(&queries[qi], &c) {
						counts[p][condOrigin].add(ps.levels)
					}
				}
				// The people sought sharing a key with the record, in
				// any role: those it may agree with exactly on a name.
				for _, rd := range c.readings {
					mark(rd.family)
					mark(rd.given)
				}
				for _, a := range c.aliases {
					mark(a)
				}
				slices.Sort(sharing)
				for _, qi := range sharing {
					marked[qi] = false
					ps, _ := m.scorePair(ix, qi, &c, s)
					if ps.levels[CompFamily] == nameExact {
						counts[p][condFamily].add(ps.levels)
					}
					if ps.levels[CompGiven] == nameExact {
						counts[p][condGiven].add(ps.levels)
					}
				}
				sharing = sharing[:0]
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
