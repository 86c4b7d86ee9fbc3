package datasets

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"kinlink/records"
)

// smallMatches goes with testdata/truth_small.csv: three people sought
// (M0001 and M0002 Japanese, M0003 Korean), five true pairs (the file lists
// one twice), and eight rows of matches:
//
//	M0001  rank 1 A0000001 true   rank 2 A0000009 false   rank 3 A0000002 true
//	M0002  rank 1 A0000008 false  rank 2 A0000007 false
//	M0003  rank 1 A0000005 true   rank 2 A0000005 (again, ignored)
//	M0099  rank 1 A0000004 false  (a query the truth does not know)
//
// Predicted pairs: 7 distinct. True positives: 3 (A1, A2, A5).
// precision 3/7, recall 3/5, f1 = 2·(3/7)(3/5)/((3/7)+(3/5)) = 1/2.
// At k = 2: A1 and A5 (A2 is rank 3): recall_at_k 2/5; queries with a true
// record in the top 2: M0001 and M0003, 2/3. Rows of the truth's queries:
// 3 + 2 + 1 (the duplicate counts once) = 6, for 3 queries: 2 per query.
var smallMatches = []records.MatchRow{
	{QueryID: "M0001", CandidateID: "A0000001", Rank: 1, MatchProbability: 0.99},
	{QueryID: "M0001", CandidateID: "A0000009", Rank: 2, MatchProbability: 0.80},
	{QueryID: "M0001", CandidateID: "A0000002", Rank: 3, MatchProbability: 0.70},
	{QueryID: "M0002", CandidateID: "A0000008", Rank: 1, MatchProbability: 0.60},
	{QueryID: "M0002", CandidateID: "A0000007", Rank: 2, MatchProbability: 0.55},
	{QueryID: "M0003", CandidateID: "A0000005", Rank: 1, MatchProbability: 0.97},
	{QueryID: "M0003", CandidateID: "A0000005", Rank: 2, MatchProbability: 0.97},
	{QueryID: "M0099", CandidateID: "A0000004", Rank: 1, MatchProbability: 0.90},
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestEvaluateHandComputed(t *testing.T) {
	truth, err := records.ReadTruth(filepath.Join("testdata", "truth_small.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := Evaluate(smallMatches, truth, 2)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"precision", m.Precision, 3.0 / 7},
		{"recall", m.Recall, 3.0 / 5},
		{"f1", m.F1, 0.5},
		{"recall_at_k", m.RecallAtK, 2.0 / 5},
		{"queries_found_at_k", m.QueriesFoundAtK, 2.0 / 3},
		{"candidates_per_query", m.CandidatesPerQuery, 2},
		{"queries", float64(m.Queries), 3},
		{"true_pairs", float64(m.TruePairs), 5},
		{"predicted_pairs", float64(m.PredictedPairs), 7},
		{"true_positives", float64(m.TruePositives), 3},

		// ja: M0001, M0002; true pairs A1, A2, A3; rows 3+2 = 5, all distinct.
		// precision 2/5, recall 2/3, f1 = 2·(2/5)(2/3)/(2/5+2/3) = 1/2,
		// at k=2 only A1: 1/3; queries found at k: M0001, 1/2; 5/2 rows per query.
		{"ja precision", m.ByOrigin["ja"].Precision, 2.0 / 5},
		{"ja recall", m.ByOrigin["ja"].Recall, 2.0 / 3},
		{"ja f1", m.ByOrigin["ja"].F1, 0.5},
		{"ja recall_at_k", m.ByOrigin["ja"].RecallAtK, 1.0 / 3},
		{"ja queries_found_at_k", m.ByOrigin["ja"].QueriesFoundAtK, 0.5},
		{"ja candidates_per_query", m.ByOrigin["ja"].CandidatesPerQuery, 2.5},
		// ko: M0003; true pairs A4, A5; one distinct row (A5, true).
		// precision 1, recall 1/2, f1 2/3, at k 1/2, found 1, 1 row per query.
		{"ko precision", m.ByOrigin["ko"].Precision, 1},
		{"ko recall", m.ByOrigin["ko"].Recall, 0.5},
		{"ko f1", m.ByOrigin["ko"].F1, 2.0 / 3},
		{"ko recall_at_k", m.ByOrigin["ko"].RecallAtK, 0.5},
		{"ko queries_found_at_k", m.ByOrigin["ko"].QueriesFoundAtK, 1},
		{"ko candidates_per_query", m.ByOrigin["ko"].CandidatesPerQuery, 1},

		// birth_year:same: A1 (found, rank 1), A4 (not), A5 (found, rank 1).
		{"same pairs", float64(m.ByVariation["birth_year:same"].TruePairs), 3},
		{"same recall", m.ByVariation["birth_year:same"].Recall, 2.0 / 3},
		{"same recall_at_k", m.ByVariation["birth_year:same"].RecallAtK, 2.0 / 3},
		// typo: A2, found at rank 3, beyond k = 2.
		{"typo recall", m.ByVariation["typo"].Recall, 1},
		{"typo recall_at_k", m.ByVariation["typo"].RecallAtK, 0},
		{"married recall", m.ByVariation["surname:married"].Recall, 0},
		{"dprk pairs", float64(m.ByVariation["system:dprk"].TruePairs), 1},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(m.ByVariation) != 11 {
		t.Errorf("by_variation has %d kinds, want 11: %v", len(m.ByVariation), m.ByVariation)
	}
}

func TestEvaluateEmpty(t *testing.T) {
	m := Evaluate(nil, nil, 10)
	if m.Precision != 0 || m.Recall != 0 || m.F1 != 0 || m.RecallAtK != 0 || m.CandidatesPerQuery != 0 {
		t.Errorf("empty evaluation = %+v, want zeros", m)
	}
	truth := []records.Truth{{QueryID: "M1", CandidateID: "A1", Origin: "ko"}}
	m = Evaluate(nil, truth, 10)
	if m.Queries != 1 || m.TruePairs != 1 || m.Recall != 0 {
		t.Errorf("no matches: %+v", m)
	}
}

func TestEvaluateRankBelowOneIsBeyondK(t *testing.T) {
	truth := []records.Truth{{QueryID: "M1", CandidateID: "A1"}}
	m := Evaluate([]records.MatchRow{{QueryID: "M1", CandidateID: "A1", Rank: 0}}, truth, 10)
	if m.Recall != 1 || m.RecallAtK != 0 {
		t.Errorf("recall %v, recall_at_k %v; want 1 and 0", m.Recall, m.RecallAtK)
	}
}

func ExampleEvaluate() {
	truth := []records.Truth{
		{QueryID: "M0001", CandidateID: "A0000017", Origin: "ko", Variation: "system:dprk"},
		{QueryID: "M0001", CandidateID: "A0000342", Origin: "ko", Variation: "script:hangul"},
	}
	matches := []records.MatchRow{
		{QueryID: "M0001", CandidateID: "A0000017", Rank: 1, MatchProbability: 0.98},
		{QueryID: "M0001", CandidateID: "A0000005", Rank: 2, MatchProbability: 0.91},
	}
	m := Evaluate(matches, truth, 10)
	fmt.Printf("precision %.2f recall %.2f recall@%d %.2f\n", m.Precision, m.Recall, m.K, m.RecallAtK)
	fmt.Printf("hangul records found: %.0f of %d\n", m.ByVariation["script:hangul"].Recall, m.ByVariation["script:hangul"].TruePairs)
	// Output:
	// precision 0.50 recall 0.50 recall@10 0.50
	// hangul records found: 0 of 1
}

// TestEvaluateCalibrationHandComputed checks the reliability table, the
// calibration error and the scores by threshold on smallMatches. Its seven
// distinct pairs, by probability: 0.55 false, 0.60 false, 0.70 true, 0.80
// false, and in the top bin 0.90 false, 0.97 true, 0.99 true.
func TestEvaluateCalibrationHandComputed(t *testing.T) {
	truth, err := records.ReadTruth(filepath.Join("testdata", "truth_small.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := Evaluate(smallMatches, truth, 2)
	top := (0.90 + 0.97 + 0.99) / 3
	wantBins := map[int]Bin{
		5: {Rows: 1, TruePairs: 0, MeanPredicted: 0.55, Observed: 0},
		6: {Rows: 1, TruePairs: 0, MeanPredicted: 0.60, Observed: 0},
		7: {Rows: 1, TruePairs: 1, MeanPredicted: 0.70, Observed: 1},
		8: {Rows: 1, TruePairs: 0, MeanPredicted: 0.80, Observed: 0},
		9: {Rows: 3, TruePairs: 2, MeanPredicted: top, Observed: 2.0 / 3},
	}
	if len(m.Reliability) != 10 {
		t.Fatalf("%d bins, want 10", len(m.Reliability))
	}
	for i, b := range m.Reliability {
		w := wantBins[i]
		if b.Rows != w.Rows || b.TruePairs != w.TruePairs || !near(b.MeanPredicted, w.MeanPredicted) || !near(b.Observed, w.Observed) {
			t.Errorf("bin %d: %+v, want %+v", i, b, w)
		}
		if !near(b.Low, float64(i)/10) || !near(b.High, float64(i+1)/10) {
			t.Errorf("bin %d covers [%g, %g)", i, b.Low, b.High)
		}
	}
	ece := (0.55 + 0.60 + 0.30 + 0.80 + 3*(top-2.0/3)) / 7
	if !near(m.CalibrationError, ece) {
		t.Errorf("calibration error %v, want %v", m.CalibrationError, ece)
	}
	if m.MaxBinGap != 0 {
		t.Errorf("max bin gap %v counted bins of fewer than %d rows", m.MaxBinGap, MinBinRows)
	}
	want := map[float64]ThresholdScores{
		0:    {Rows: 7, TruePositives: 3, Precision: 3.0 / 7, Recall: 3.0 / 5},
		0.5:  {Rows: 7, TruePositives: 3, Precision: 3.0 / 7, Recall: 3.0 / 5},
		0.7:  {Rows: 5, TruePositives: 3, Precision: 3.0 / 5, Recall: 3.0 / 5},
		0.9:  {Rows: 3, TruePositives: 2, Precision: 2.0 / 3, Recall: 2.0 / 5},
		0.99: {Rows: 1, TruePositives: 1, Precision: 1, Recall: 1.0 / 5},
	}
	for _, s := range m.ByThreshold {
		w, ok := want[s.Threshold]
		if !ok {
			continue
		}
		delete(want, s.Threshold)
		if s.Rows != w.Rows || s.TruePositives != w.TruePositives || !near(s.Precision, w.Precision) || !near(s.Recall, w.Recall) {
			t.Errorf("at %g: %+v, want %+v", s.Threshold, s, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("thresholds not reported: %v", want)
	}
}

// TestEvaluateJudgedLabels checks that with an analyst's decisions only
// the judged rows count for precision: M0001's first row confirmed, its
// second rejected, the others not judged.
func TestEvaluateJudgedLabels(t *testing.T) {
	labels := []records.Label{
		{QueryID: "M0001", CandidateID: "A0000001", Match: true},
		{QueryID: "M0001", CandidateID: "A0000009", Match: false},
		{QueryID: "M0003", CandidateID: "A0000004", Match: true}, // confirmed, but not in the matches
	}
	m := EvaluateLabels(smallMatches, labels, 10)
	if !m.Judged || m.PredictedPairs != 2 || !near(m.Precision, 0.5) || !near(m.Recall, 0.5) {
		t.Errorf("judged: %v, %d pairs, precision %v recall %v; want true, 2, 0.5, 0.5", m.Judged, m.PredictedPairs, m.Precision, m.Recall)
	}
	// The same labels without the rejection are a plain truth: every row counts.
	m = EvaluateLabels(smallMatches, []records.Label{labels[0], labels[2]}, 10)
	if m.Judged || m.PredictedPairs != 7 {
		t.Errorf("unjudged: %v, %d pairs; want false, 7", m.Judged, m.PredictedPairs)
	}
}
