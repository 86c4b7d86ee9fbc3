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
