package match

import (
	"math"
	"slices"

	"kinlink/internal/fpmath"
)

// Expectation–maximisation of a two-class mixture (matches, non-matches)
// over the level vectors of one estimation round, as Splink does it:
// each modelled comparison has its m (among matches), estimated, and its
// u (among non-matches), fixed, the comparisons independent within a
// class, and λ, the share of matches, estimated. With u free as well the
// mixture is barely identified by the two or three comparisons a round
// has (sex tells little), and EM wanders to namesakes. The fixed u are
// those of random pairs agreeing on what the round selects on (see
// roundConditions): the round's non-matches are namesakes, not strangers.
// Only m and λ leave the round.

// emParams are the parameters of one round's mixture.
type emParams struct {
	lambda float64
	m, u   [numComparisons][]float64
	// fixed marks, per comparison, the levels whose m EM keeps as given
	// (the round cannot tell them from namesakes, see Estimate); nil when
	// none is.
	fixed [numComparisons][]bool
}

func (p emParams) clone() emParams {
	c := emParams{lambda: p.lambda}
	for i := range p.m {
		c.m[i] = append([]float64(nil), p.m[i]...)
		c.u[i] = append([]float64(nil), p.u[i]...)
		c.fixed[i] = append([]bool(nil), p.fixed[i]...)
	}
	return c
}

// anyFixed reports whether some level of comparison c is fixed.
func (p *emParams) anyFixed(c int) bool { return slices.Contains(p.fixed[c], true) }

// emResult is the outcome of one round.
type emResult struct {
	emParams
	pairs      int64   // pairs in the round
	matches    float64 // expected matches among them: λ · pairs
	iterations int
	converged  bool
	change     float64 // the largest change of a parameter in the last iteration
	// uncertainty is how far the matches move with the fixed u's
	// sampling errors (see emUncertainty).
	uncertainty float64
}

const (
	emMaxIterations = 20000
	emTolerance     = 1e-7
	// emPseudoPairs is how many matches' worth of the starting values the
	// m of each comparison is smoothed with (a Dirichlet prior: the
	// estimate is the posterior mode), so that a level no pair reached
	// keeps a small, finite weight.
	emPseudoPairs = 1.0
)

// vectorCount is one distinct level vector of a round and how many pairs
// have it.
type vectorCount struct {
	levels [numComparisons]int8
	n      float64
}

// runEM estimates the mixture of the pairs counted in hist (by
// vectorIndex), modelling the comparisons comps, from start. The m of the
// passive comparisons is then measured among the matches the mixture
// finds, without their taking part in finding them: a comparison whose u
// in the round is not known well, and which agrees among matches almost
// always (sex), would otherwise pull the pairs its u does not explain
// into the matches. The other comparisons are ignored (the round blocks
// on them).
func runEM(hist []int64, comps, passive []int, start emParams) emResult {
	var vs []vectorCount
	var total int64
	for i, n := range hist {
		if n > 0 {
			vs = append(vs, vectorCount{vectorLevels(i), float64(n)})
			total += n
		}
	}
	res := emResult{emParams: start.clone(), pairs: total}
	if total == 0 {
		return res
	}
	p := &res.emParams
	var accM [numComparisons][]float64
	for _, c := range comps {
		accM[c] = make([]float64, len(p.m[c]))
	}
	for it := 1; it <= emMaxIterations; it++ {
		for _, c := range comps {
			clear(accM[c])
		}
		sumMatch := 0.0
		for _, v := range vs {
			post := p.posterior(v.levels, comps)
			wm := float64(v.n * post)
			sumMatch += wm
			for _, c := range comps {
				if l := v.levels[c]; l >= 0 {
					accM[c][l] += wm
				}
			}
		}
		change := 0.0
		lambda := sumMatch / float64(total)
		lambda = min(max(lambda, 1e-9), 1-1e-9)
		change = max(change, math.Abs(lambda-p.lambda))
		p.lambda = lambda
		for _, c := range comps {
			change = max(change, reestimate(p.m[c], accM[c], start.m[c], p.fixed[c]))
		}
		res.iterations, res.change = it, change
		if change < emTolerance {
			res.converged = true
			break
		}
	}
	res.matches = float64(p.lambda * float64(total))
	var accP [numComparisons][]float64
	for _, c := range passive {
		accP[c] = make([]float64, len(p.m[c]))
	}
	for _, v := range vs {
		post := res.posterior(v.levels, comps)
		for _, c := range passive {
			if l := v.levels[c]; l >= 0 {
				accP[c][l] += float64(v.n * post)
			}
		}
	}
	for _, c := range passive {
		reestimate(p.m[c], accP[c], start.m[c], nil)
	}
	return res
}

// posterior is the probability that a pair with levels ls is a match,
// from the comparisons comps.
func (p *emParams) posterior(ls [numComparisons]int8, comps []int) float64 {
	lm, lu := fpmath.Log(p.lambda), fpmath.Log(1-p.lambda)
	for _, c := range comps {
		if l := ls[c]; l >= 0 {
			lm += fpmath.Log(p.m[c][l])
			lu += fpmath.Log(p.u[c][l])
		}
	}
	return 1 / (1 + fpmath.Exp(lu-lm))
}

// reestimate sets shares to the expected counts acc, smoothed towards
// prior with emPseudoPairs pairs, and returns the largest change. The
// levels fixed (nil: none) keep their shares; the others share the rest.
func reestimate(shares, acc, prior []float64, fixed []bool) float64 {
	sum, rest, priorFree := 0.0, 1.0, 0.0
	for l, a := range acc {
		if fixed != nil && fixed[l] {
			rest -= shares[l]
			continue
		}
		sum += a
		priorFree += prior[l]
	}
	change := 0.0
	for l := range shares {
		if fixed != nil && fixed[l] {
			continue
		}
		v := float64(rest*(acc[l]+float64(emPseudoPairs*prior[l]/priorFree))) / (sum + emPseudoPairs)
		change = max(change, math.Abs(v-shares[l]))
		shares[l] = v
	}
	return change
}
