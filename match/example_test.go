package match_test

import (
	"fmt"

	"kinlink/match"
)

func ExampleJaroWinkler() {
	// Winkler's classic examples (Winkler 1990; also in the jellyfish tests).
	fmt.Printf("%.3f\n", match.JaroWinkler("MARTHA", "MARHTA"))
	fmt.Printf("%.3f\n", match.JaroWinkler("DWAYNE", "DUANE"))
	fmt.Printf("%.3f\n", match.JaroWinkler("DIXON", "DICKSONX"))
	// Output:
	// 0.961
	// 0.840
	// 0.813
}
