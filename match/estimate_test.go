package match

import (
	"reflect"
	"runtime"
	"testing"

	"kinlink/datasets"
)

// TestEstimateUIsDeterministic checks that u estimated from a sample is
// the same however many cores share the work, and that the sample moves
// u away from the model's.
func TestEstimateUIsDeterministic(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 9, Missing: 300, Archive: 3000})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{}, people)
	var models []*Model
	for _, procs := range []int{1, 2, 3} {
		old := runtime.GOMAXPROCS(procs)
		models = append(models, EstimateU(l.cfg.Model, l.ix.queries, recs))
		runtime.GOMAXPROCS(old)
	}
	for i := 1; i < len(models); i++ {
		if !reflect.DeepEqual(models[i].Comparisons, models[0].Comparisons) {
			t.Errorf("u with %d cores differs from u with 1:\n%v\n%v", i+1, models[i].Comparisons, models[0].Comparisons)
		}
	}
	if reflect.DeepEqual(models[0].Comparisons, l.cfg.Model.Comparisons) {
		t.Error("the estimate left every u as the model had it")
	}
}
