package match

import (
	"math"
	"testing"
)

// TestNamesakeYearU draws the birth-year gaps of a family+given round from
// namesakes whose years fall off linearly with the gap (names in fashion
// for a while) and a person's own records near their year, and checks that
// the namesakes' share of each level is told from the gaps of 3 to 14
// years alone, the own records left out.
func TestNamesakeYearU(t *testing.T) {
	perYear := func(g int) float64 { return 400 - 6*float64(g) } // namesakes per year born g years apart
	gaps := make([]int64, maxGapCounted+1)
	var want [5]float64
	for g := 0; g <= 40; g++ {
		n := 2 * perYear(g) // ±g years
		if g == 0 {
			n = perYear(0)
		}
		n = max(n, 0)
		gaps[min(g, maxGapCounted)] += int64(n)
		switch {
		case g == 0:
			want[yearExact] += n
		case g == 1:
			want[yearOff1] += n
		case g == 2:
			want[yearOff2] += n
		case g <= 5:
			want[yearOff3to5] += n
		default:
			want[yearElse] += n
		}
	}
	total := 0.0
	for _, n := range want {
		total += n
	}
	own := [3]int64{900, 150, 40} // a person's own records: born 0, 1 and 2 years apart
	for g, n := range own {
		gaps[g] += n
	}
	u, rel, ok := namesakeYearU(gaps)
	if !ok {
		t.Fatal("not told")
	}
	for l := range want {
		if w := want[l] / total; math.Abs(u[l]-w) > 0.002 {
			t.Errorf("level %d: u %.4f, want %.4f", l, u[l], w)
		}
	}
	if rel <= 0 || rel > 0.05 {
		t.Errorf("relative error %.3f of the namesakes within a year", rel)
	}
	few := make([]int64, maxGapCounted+1)
	few[4], few[10] = 50, 40
	if _, _, ok := namesakeYearU(few); ok {
		t.Error("told from 90 pairs")
	}
}

// TestMonotone checks that a level weighing less than a looser one is
// pooled with it: the weights never rise from the closest agreement to the
// loosest, the m of the pool keep their sum, and a monotone comparison is
// left alone.
func TestMonotone(t *testing.T) {
	ls := []Level{{Name: "exact", M: 0.9, U: 0.05}, {Name: "near", M: 0.001, U: 0.03}, {Name: "else", M: 0.099, U: 0.92}}
	if !monotone(ls) {
		t.Fatal("a near spelling weighing less than a disagreement was not pooled")
	}
	if w1, w2 := ls[1].Weight(), ls[2].Weight(); math.Abs(w1-w2) > 1e-12 {
		t.Errorf("pooled levels weigh %.3f and %.3f, want equal", w1, w2)
	}
	if sum := ls[1].M + ls[2].M; math.Abs(sum-0.1) > 1e-12 {
		t.Errorf("pooled m sum to %g, want 0.1", sum)
	}
	if ls[0].M != 0.9 {
		t.Errorf("exact changed to %g", ls[0].M)
	}
	ok := []Level{{M: 0.8, U: 0.01}, {M: 0.15, U: 0.04}, {M: 0.05, U: 0.95}}
	if monotone(ok) || ok[1].M != 0.15 {
		t.Error("a monotone comparison changed")
	}
}

// TestRoundNameU checks the u of exact agreement on the name a round
// estimates among its namesakes: per person sought, the records bearing
// both names among those bearing the round's name, weighed by the
// person's pairs in the round.
func TestRoundNameU(t *testing.T) {
	st := &Stats{GivenCount: []int64{1000, 11}, FamilyCount: []int64{50000, 30}, NamesCount: []int64{20, 2}}
	st.RoundPairs[roundGiven] = []int64{30, 10}
	m := DefaultModel()
	m.Prior = 1e-6 // no own records
	u, ok := roundNameU(st, roundGiven, m, 1)
	if !ok {
		t.Fatal("not told")
	}
	want := (30*20.0/1000 + 10*2.0/11) / 40
	if math.Abs(u-want) > 1e-12 {
		t.Errorf("u %.5f, want %.5f", u, want)
	}
}
