// Package fpmath computes logarithms and powers of two the same way, to
// the bit, on every architecture.
package fpmath

import "math"

// The same bytes on every architecture. A run sharded over a cluster that
// mixes amd64 and arm64 nodes must merge to exactly what one machine
// writes, so every float64 that reaches the output must be computed the
// same way everywhere. Two things in Go break that:
//
//   - On arm64 (and ppc64, s390x, riscv64) the compiler fuses x*y + z into
//     one fused multiply-add, rounded once instead of twice. An explicit
//     conversion, float64(x*y) + z, forbids the fusion (the Go
//     specification says so), and is what every expression below does.
//   - The math package computes Log, Log2, Exp and Pow in assembly on some
//     architectures and in Go (itself fusable) on others, and the results
//     differ in the last bit.
//
// So kinlink takes its logarithms and powers of two from here: plain Go,
// every product rounded on its own. They are accurate to a couple of units
// in the last place, which the weights (a few bits, printed to 0.1) never
// notice; what matters is that they are the same bits on every machine.

// Log2 returns the base-2 logarithm of x (x > 0), as math.Log2 does to
// within a few units in the last place; NaN for x < 0 or NaN, -Inf for 0,
// +Inf for +Inf.
func Log2(x float64) float64 {
	switch {
	case math.IsNaN(x) || x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	// x = m · 2^k with m in [√½, √2), so that s below is small.
	frac, exp := math.Frexp(x) // frac in [½, 1), exact
	if frac < math.Sqrt2/2 {
		frac *= 2 // exact
		exp--
	}
	// ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + ...), s = (m−1)/(m+1),
	// |s| ≤ 0.1716, so s² ≤ 0.0295 and twelve terms reach 1e-19.
	s := (frac - 1) / (frac + 1)
	s2 := float64(s * s)
	sum := 0.0
	for n := 23; n >= 3; n -= 2 { // Horner, innermost first
		sum = float64(sum*s2) + 1/float64(n)
	}
	lnm := 2 * (s + float64(float64(s*s2)*sum))
	return float64(lnm*math.Log2E) + float64(exp)
}

// Exp2 returns 2**x, as math.Exp2 does to within a few units in the last
// place; 0 below the smallest subnormal, +Inf above the largest float64.
func Exp2(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x > 1024:
		return math.Inf(1)
	case x < -1075:
		return 0
	}
	// 2**x = 2**k · e**(f·ln 2), k the nearest integer, |f| ≤ ½.
	k := math.Round(x)
	t := float64((x - k) * math.Ln2) // |t| ≤ 0.347
	// e**t by its Taylor series: 18 terms reach 1e-20 at |t| = 0.35.
	sum := 1.0
	for n := 18; n >= 1; n-- {
		sum = 1 + float64(float64(t*sum)/float64(n))
	}
	return math.Ldexp(sum, int(k))
}

// Log returns the natural logarithm of x, as Log2 does its base-2 one.
func Log(x float64) float64 { return float64(Log2(x) * math.Ln2) }

// Exp returns e**x, as Exp2 does 2**x.
func Exp(x float64) float64 { return Exp2(float64(x * math.Log2E)) }
