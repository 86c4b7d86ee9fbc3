package match

import "kinlink/match/jw"

// JaroWinkler returns the Jaro-Winkler similarity of a, the name sought, and
// b, the candidate, in [0, 1]: exactly smetrics.JaroWinkler(a, b, 0.7, 4),
// the same float64 bits on every build. Strings are compared as bytes; two
// empty strings score 1, one empty string 0. It does not allocate for
// strings of up to 256 bytes. To compare one name with many, compile it once
// with jw.NewPattern and use Pattern.Score or Pattern.ScoreBatch.
func JaroWinkler(a, b string) float64 {
	return jw.Similarity(a, b)
}
