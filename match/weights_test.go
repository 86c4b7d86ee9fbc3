package match

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"kinlink/records"
)

// The weight columns of an output row add up to its match_weight, a
// term-frequency share is set exactly where a name agrees exactly, and a
// field missing on either side contributes nothing: the report draws its
// waterfall from these columns.
func TestRowWeightsAddUp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	missing := randomPeople(r, 15, "M")
	archive := randomPeople(r, 2000, "A")
	for i := range archive {
		if i%3 == 0 {
			archive[i].BirthYear = 0
		}
	}
	res, err := NewLinker(Config{Top: 5, Threshold: 0, Workers: 2}, missing).
		Run(context.Background(), SliceOpener(archive), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := res.Rows
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	for _, row := range rows {
		sum := row.WeightFamily + row.WeightGiven + row.WeightBirthYear + row.WeightSex + row.WeightBirthPlace + row.WeightPrior
		if math.Abs(sum-row.MatchWeight) > 1e-9 {
			t.Errorf("%s/%s: weights add up to %g, match_weight is %g", row.QueryID, row.CandidateID, sum, row.MatchWeight)
		}
		if (row.TFFamily > 0) != (row.LevelFamily == "exact") || (row.TFGiven > 0) != (row.LevelGiven == "exact") {
			t.Errorf("%s/%s: tf %g/%g with levels %s/%s", row.QueryID, row.CandidateID, row.TFFamily, row.TFGiven, row.LevelFamily, row.LevelGiven)
		}
		if row.LevelBirthYear == "missing" && row.WeightBirthYear != 0 {
			t.Errorf("%s/%s: birth year missing but weighs %g", row.QueryID, row.CandidateID, row.WeightBirthYear)
		}
		if row.WeightPrior >= 0 {
			t.Errorf("%s/%s: prior %g, want below 0", row.QueryID, row.CandidateID, row.WeightPrior)
		}
	}
}

// TestNamesakes checks how many of the records bearing a person's names
// are counted as namesakes: those born far from the person, and of the
// others the share that the far ones and the person's expected own records
// say.
func TestNamesakes(t *testing.T) {
	cases := []struct {
		name           string
		count, far     int64
		own, want, tol float64
	}{
		{"the candidate alone", 1, 0, 1, 0, 0},
		{"three records of a rare name, none far: mostly the person's", 3, 0, 1, 2 * (0.5 * 0.25) / (0.5*0.25 + 1), 1e-12},
		{"no own records expected: every other bearer", 4, 1, 0, 3, 1e-12},
		{"a common name: nearly every other bearer", 401, 300, 1, 300 + 100*(300.5*0.25)/(300.5*0.25+1), 1e-9},
	}
	for _, c := range cases {
		if got := namesakes(c.count, c.far, float64(c.far)+tfPseudoCount, 0.8, c.own); math.Abs(got-c.want) > c.tol {
			t.Errorf("%s: %g namesakes, want %g", c.name, got, c.want)
		}
	}
}

// TestNamesakeRates checks the far-born namesakes pooled over the people
// sought whose names are borne by as many records: only those with a
// birth year count, each bucket with half a record for none.
func TestNamesakeRates(t *testing.T) {
	st := &Stats{
		NamesCount:    []int64{1, 1, 1, 2, 2, 7, 7, 30},
		NamesFarCount: []int64{0, 0, 1, 1, 0, 3, 5, 20},
	}
	known := []bool{true, true, false, true, true, true, true, true}
	r := st.namesakeRates(0, known)
	want := map[int]float64{
		1: (0 + 0 + 0.5) / 3, // the third has no birth year
		2: (1 + 0 + 0.5) / 3,
		3: 0.5,
		5: (3 + 5 + 0.5) / 3,
		7: (20 + 0.5) / 2,
	}
	for b, w := range want {
		if math.Abs(r.farByCount[b]-w) > 1e-12 {
			t.Errorf("bucket %d: %g far namesakes, want %g", b, r.farByCount[b], w)
		}
	}
	for _, c := range []struct {
		count int64
		b     int
	}{{1, 1}, {4, 4}, {5, 5}, {9, 5}, {10, 6}, {19, 6}, {20, 7}, {5000, 7}} {
		if got := countBucket(c.count); got != c.b {
			t.Errorf("countBucket(%d) = %d, want %d", c.count, got, c.b)
		}
	}
}

// TestRareNameWeight checks that agreement on a name borne by one record
// alone weighs what the people sought with names as rare say: where none
// of them has a namesake born far, the name is nearly unique (the fewest
// namesakes, minNamesakes); where they have many, half a record or more.
// A common name keeps its own count.
func TestRareNameWeight(t *testing.T) {
	m := DefaultModel()
	m.Prior = 1e-4 // no other records of the person: the counts alone
	if err := m.compile(); err != nil {
		t.Fatal(err)
	}
	q := &person{rec: &records.Record{BirthYear: 1930}}
	const n = 100_000
	st := &Stats{Records: n, FamilyCount: []int64{50, 3000}, GivenCount: []int64{40, 900}, NamesCount: []int64{1, 30}, NamesFarCount: []int64{0, 24}}
	mf, mg := m.M(CompFamily, nameExact), m.M(CompGiven, nameExact)
	pair := func(w exactWeights) float64 { return w.family + w.both }
	rare := namesakeRates{farShare: 0.8}
	rare.farByCount[1] = 0.01
	common := namesakeRates{farShare: 0.8}
	common.farByCount[1] = 3
	got := pair(m.exactWeightsOf(q, 0, st, rare))
	if want := math.Log2(float64(mf*mg) / (minNamesakes / n)); math.Abs(got-want) > 1e-9 {
		t.Errorf("a rare name among rare names weighs %.3f bits, want %.3f", got, want)
	}
	got = pair(m.exactWeightsOf(q, 0, st, common))
	if want := math.Log2(float64(mf*mg) / (tfPseudoCount / n)); math.Abs(got-want) > 1e-9 {
		t.Errorf("a rare name among names with namesakes weighs %.3f bits, want %.3f", got, want)
	}
	// 24 far, 5 near others all namesakes (no own records expected).
	got = pair(m.exactWeightsOf(q, 1, st, rare))
	if want := math.Log2(float64(mf*mg) / ((24 + 5 + tfPseudoCount) / n)); math.Abs(got-want) > 1e-9 {
		t.Errorf("a common name weighs %.3f bits, want %.3f", got, want)
	}
	// Without a birth year, a rare name's bearers are namesakes as the
	// pool says: two others, of which the pool expects 0.01/0.8.
	st2 := &Stats{Records: n, FamilyCount: []int64{50}, GivenCount: []int64{40}, NamesCount: []int64{3}, NamesFarCount: []int64{0}}
	noYear := &person{rec: &records.Record{}}
	rare.farByCount[3] = 0.01
	got = pair(m.exactWeightsOf(noYear, 0, st2, rare))
	if want := math.Log2(float64(mf*mg) / ((0.01/0.8 + minNamesakes) / n)); math.Abs(got-want) > 1e-9 {
		t.Errorf("a rare name without a birth year weighs %.3f bits, want %.3f", got, want)
	}
}

// TestExactGivenNeverWeakerThanNear checks that agreeing exactly on a
// given name borne by most of the archive weighs no less than agreeing
// nearly on it, alone or with the family name, and that a rarer given
// name keeps its own weight.
func TestExactGivenNeverWeakerThanNear(t *testing.T) {
	m := DefaultModel()
	m.Prior = 1e-4
	if err := m.compile(); err != nil {
		t.Fatal(err)
	}
	q := &person{rec: &records.Record{BirthYear: 1930}}
	const n = 1000
	st := &Stats{Records: n, FamilyCount: []int64{600, 10}, GivenCount: []int64{800, 10}, NamesCount: []int64{500, 2}, NamesFarCount: []int64{300, 0}}
	near := m.bestPartial(CompGiven)
	if w := m.exactWeightsOf(q, 0, st, namesakeRates{}); w.given != near || w.both != near {
		t.Errorf("a given name on 80%% of the records: exact weighs %.3f alone, %.3f with the family name; near %.3f", w.given, w.both, near)
	}
	mg := m.M(CompGiven, nameExact)
	if w, want := m.exactWeightsOf(q, 1, st, namesakeRates{}), math.Log2(mg/((10-1+tfPseudoCount)/n)); math.Abs(w.given-want) > 1e-9 || w.given <= near {
		t.Errorf("a given name on 1%% of the records weighs %.3f, want %.3f", w.given, want)
	}
}
