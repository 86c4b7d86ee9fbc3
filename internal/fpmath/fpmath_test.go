package fpmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ulps is how many float64 steps apart a and b are.
func ulps(a, b float64) int64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia < 0 {
		ia = math.MinInt64 - ia
	}
	if ib < 0 {
		ib = math.MinInt64 - ib
	}
	d := ia - ib
	return max(d, -d)
}

// TestLog2Exp2AgreeWithMath: our portable Log2 and Exp2 stay within a few
// units in the last place of the math package's results, over the range weights
// and probabilities use and beyond.
func TestLog2Exp2AgreeWithMath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var worstLog, worstExp int64
	for range 200_000 {
		x := math.Exp(r.Float64()*80 - 40) // 4e-18 .. 2e17
		// math.Log2 loses bits just above 1 (it takes Log of x/2 and adds
		// 1); Log(x)/Ln2 is the sharper reference.
		if d := ulps(Log2(x), math.Log(x)/math.Ln2); d > worstLog {
			worstLog = d
		}
		y := r.Float64()*200 - 100
		if d := ulps(Exp2(y), math.Exp2(y)); d > worstExp {
			worstExp = d
		}
	}
	// Near x = 1 too, where log2 is near 0.
	for range 10_000 {
		x := 1 + (r.Float64()-0.5)*1e-6
		if d := ulps(Log2(x), math.Log(x)/math.Ln2); d > worstLog {
			worstLog = d
		}
	}
	if worstLog > 4 || worstExp > 4 {
		t.Errorf("worst error: log2 %d ulps, exp2 %d ulps; want at most 4", worstLog, worstExp)
	}
	for k := -1074; k <= 1023; k++ {
		if got := Log2(math.Ldexp(1, k)); got != float64(k) {
			t.Fatalf("Log2(2**%d) = %v", k, got)
		}
		if got := Exp2(float64(k)); got != math.Ldexp(1, k) {
			t.Fatalf("Exp2(%d) = %v", k, got)
		}
	}
	for _, c := range []struct{ got, want float64 }{
		{Log2(0), math.Inf(-1)}, {Log2(math.Inf(1)), math.Inf(1)}, {Exp2(2000), math.Inf(1)}, {Exp2(-2000), 0},
	} {
		if c.got != c.want {
			t.Errorf("got %v, want %v", c.got, c.want)
		}
	}
	if !math.IsNaN(Log2(-1)) || !math.IsNaN(Exp2(math.NaN())) {
		t.Error("NaN cases")
	}
	t.Logf("worst: log2 %d ulps, exp2 %d ulps", worstLog, worstExp)
}

func TestLogExp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100_000 {
		x := r.Float64()*60 - 30
		if d := ulps(Exp(x), math.Exp(x)); d > 4+int64(math.Abs(x)) { // rounding x·log2(e) costs |x| ulps at most
			t.Fatalf("Exp(%v) = %v, math.Exp %v (%d ulps)", x, Exp(x), math.Exp(x), d)
		}
		y := math.Exp(x)
		if d := math.Abs(Log(y) - math.Log(y)); d > 1e-15*math.Max(1, math.Abs(math.Log(y))) {
			t.Fatalf("Log(%v) = %v, math.Log %v", y, Log(y), math.Log(y))
		}
	}
}
