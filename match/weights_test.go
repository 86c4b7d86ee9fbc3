package match

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
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
		if got := namesakes(c.count, c.far, 0.8, c.own); math.Abs(got-c.want) > c.tol {
			t.Errorf("%s: %g namesakes, want %g", c.name, got, c.want)
		}
	}
}
