package jw_test

import (
	"fmt"

	"kinlink/match/jw"
)

func ExampleSimilarity() {
	fmt.Printf("%.3f\n", jw.Similarity("MARTHA", "MARHTA"))
	fmt.Printf("%.3f\n", jw.Similarity("ri ho rim", "lee ho rim"))
	// Output:
	// 0.961
	// 0.826
}

func ExamplePattern_ScoreBatch() {
	sought := jw.NewPattern("watanabe")
	archive := []string{"watanbe", "watanabe", "wanatabe", "kim"}
	scores := make([]float64, len(archive))
	sought.ScoreBatch(archive, 0.8, scores) // below 0.8 may read 0
	for k, name := range archive {
		fmt.Printf("%-9s %.3f\n", name, scores[k])
	}
	// Output:
	// watanbe   0.975
	// watanabe  1.000
	// wanatabe  0.967
	// kim       0.000
}
