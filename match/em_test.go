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

// TestPollution checks the rule that leaves out a round: with as many
// matches as non-matches, and u known from a hundred thousand random
// pairs, the round is kept; with a hundred non-matches per match and u
// known from a thousand, it is not.
func TestPollution(t *testing.T) {
	u := []float64{0.002, 0.001, 0.01, 0.03, 0.957}
	if p := pollution(2000, 1000, u, 100_000); p > maxPollution {
		t.Errorf("even odds: pollution %.3f", p)
	}
	// sqrt(Σ u(1−u)/1000) ≈ 0.0096, times 100 non-matches per match.
	if p := pollution(101_000, 1000, u, 1000); math.Abs(p-0.96) > 0.05 {
		t.Errorf("a hundred to one: pollution %.3f, want about 0.96", p)
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
