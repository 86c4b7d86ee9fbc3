package match

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestEMRecoversKnownModel draws the level vectors of a round's pairs from
// a known mixture (λ, m, u; birth year and place modelled, sex measured
// passively, with a u unknown to the EM, as namesakes have) and checks
// that EM recovers λ and every m within 0.03.
func TestEMRecoversKnownModel(t *testing.T) {
	const lambda = 0.25
	m := [numComparisons][]float64{
		CompBirthYear:  {0.80, 0.12, 0.04, 0.02, 0.02},
		CompSex:        {0.98, 0.02},
		CompBirthPlace: {0.90, 0.05, 0.05},
	}
	u := [numComparisons][]float64{
		CompBirthYear:  {0.03, 0.06, 0.06, 0.15, 0.70},
		CompSex:        {0.90, 0.10}, // namesakes agree on sex
		CompBirthPlace: {0.10, 0.10, 0.80},
	}
	missingShare := [numComparisons]float64{CompBirthYear: 0.2, CompSex: 0.3, CompBirthPlace: 0.5}
	r := rand.New(rand.NewPCG(1, 2))
	draw := func(shares []float64) int8 {
		x := r.Float64()
		for i, s := range shares {
			if x < s {
				return int8(i)
			}
			x -= s
		}
		return int8(len(shares) - 1)
	}
	hist := make([]int64, numVectors)
	for range 40_000 {
		ls := [numComparisons]int8{nameExact, nameExact, missing, missing, missing}
		match := r.Float64() < lambda
		for _, c := range []int{CompBirthYear, CompSex, CompBirthPlace} {
			if r.Float64() < missingShare[c] {
				continue
			}
			if match {
				ls[c] = draw(m[c])
			} else {
				ls[c] = draw(u[c])
			}
		}
		hist[vectorIndex(ls)]++
	}
	start := emParams{lambda: 0.5}
	for c := range start.m {
		for range numLevels[c] {
			start.m[c] = append(start.m[c], 1/float64(numLevels[c]))
			start.u[c] = append(start.u[c], 1/float64(numLevels[c]))
		}
	}
	start.u[CompBirthYear] = u[CompBirthYear]
	start.u[CompBirthPlace] = u[CompBirthPlace]
	res := runEM(hist, []int{CompBirthYear, CompBirthPlace}, []int{CompSex}, start)
	if !res.converged {
		t.Fatalf("not converged after %d iterations (change %g)", res.iterations, res.change)
	}
	if math.Abs(res.lambda-lambda) > 0.03 {
		t.Errorf("λ = %.3f, want %.3f", res.lambda, lambda)
	}
	for _, c := range []int{CompBirthYear, CompSex, CompBirthPlace} {
		for l, want := range m[c] {
			if got := res.m[c][l]; math.Abs(got-want) > 0.03 {
				t.Errorf("%s level %d: m = %.3f, want %.3f", comparisonNames[c], l, got, want)
			}
		}
	}
	if math.Abs(res.matches-lambda*40_000) > 0.03*40_000 {
		t.Errorf("%.0f matches expected, want about %.0f", res.matches, lambda*40_000)
	}
}

// TestPlausible checks that a round whose matches outnumber the expected
// twentyfold, or agree less than its non-matches, is not believed.
func TestPlausible(t *testing.T) {
	res := emResult{matches: 500}
	res.m[CompBirthYear], res.u[CompBirthYear] = []float64{0.8, 0.1, 0.05, 0.03, 0.02}, []float64{0.01, 0.02, 0.02, 0.06, 0.89}
	if !plausible(&res, []int{CompBirthYear}, 400) {
		t.Error("a sound round judged implausible")
	}
	if plausible(&res, []int{CompBirthYear}, 20) {
		t.Error("25 times the expected matches judged plausible")
	}
	res.m[CompBirthYear] = []float64{0.005, 0.1, 0.05, 0.03, 0.815}
	if plausible(&res, []int{CompBirthYear}, 400) {
		t.Error("matches agreeing less than namesakes judged plausible")
	}
}

// TestEMFixedLevels checks that levels fixed in a round keep their m while
// the others share the rest, and that λ is still recovered: the level
// counts of a known mixture, the near birth-year levels fixed at their true
// values.
func TestEMFixedLevels(t *testing.T) {
	const lambda = 0.3
	m := []float64{0.80, 0.12, 0.04, 0.02, 0.02}
	u := []float64{0.03, 0.06, 0.06, 0.15, 0.70}
	mp, up := []float64{0.9, 0.05, 0.05}, []float64{0.1, 0.1, 0.8} // birth place
	hist := make([]int64, numVectors)
	for l := range m {
		for p := range mp {
			ls := [numComparisons]int8{nameExact, nameExact, int8(l), missing, int8(p)}
			hist[vectorIndex(ls)] = int64(math.Round(100_000 * (lambda*m[l]*mp[p] + (1-lambda)*u[l]*up[p])))
		}
	}
	start := emParams{lambda: 0.5}
	start.m[CompBirthYear] = []float64{0.2, 0.12, 0.04, 0.3, 0.34}
	start.u[CompBirthYear] = u
	start.fixed[CompBirthYear] = []bool{false, true, true, false, false}
	start.m[CompBirthPlace] = []float64{0.4, 0.3, 0.3}
	start.u[CompBirthPlace] = up
	res := runEM(hist, []int{CompBirthYear, CompBirthPlace}, nil, start)
	if !res.converged {
		t.Fatalf("not converged after %d iterations", res.iterations)
	}
	got := res.m[CompBirthYear]
	if got[1] != 0.12 || got[2] != 0.04 {
		t.Errorf("fixed levels moved: %v", got)
	}
	sum := 0.0
	for _, v := range got {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("m sum to %g", sum)
	}
	if math.Abs(res.lambda-lambda) > 0.01 || math.Abs(got[0]-0.8) > 0.01 || math.Abs(res.m[CompBirthPlace][0]-0.9) > 0.01 {
		t.Errorf("λ %.3f, m exact %.3f, place %.3f: want %.2f, 0.80, 0.90", res.lambda, got[0], res.m[CompBirthPlace][0], lambda)
	}
}

// TestEMSpread checks the rule that leaves out a round: with as many
// matches as non-matches and u known from a hundred thousand random pairs,
// its matches hardly move with the errors of u; with a hundred non-matches
// per match and u known from a thousand, they move by more than a tenth.
func TestEMSpread(t *testing.T) {
	m := []float64{0.80, 0.12, 0.04, 0.02, 0.02}
	u := []float64{0.011, 0.022, 0.022, 0.064, 0.881}
	for _, c := range []struct {
		matches, nonMatches, uPairs float64
		wide                        bool
	}{{10_000, 10_000, 100_000, false}, {1000, 100_000, 1000, true}} {
		hist := make([]int64, numVectors)
		for l := range m {
			ls := [numComparisons]int8{nameExact, nameExact, int8(l), missing, missing}
			hist[vectorIndex(ls)] = int64(math.Round(c.matches*m[l] + c.nonMatches*u[l]))
		}
		start := emParams{lambda: 0.5}
		start.m[CompBirthYear] = []float64{0.7, 0.1, 0.1, 0.05, 0.05}
		start.u[CompBirthYear] = u
		res := runEM(hist, []int{CompBirthYear}, nil, start)
		var shifts []uShift
		for _, sh := range samplingShifts(u, c.uPairs) {
			shifts = append(shifts, uShift{CompBirthYear, sh.u})
		}
		sp := emSpread(hist, []int{CompBirthYear}, &res, shifts)
		if wide := sp > maxUncertainty*res.matches; wide != c.wide {
			t.Errorf("%.0f matches, %.0f non-matches, u from %.0f pairs: matches move by %.0f of %.0f", c.matches, c.nonMatches, c.uPairs, sp, res.matches)
		}
	}
}
