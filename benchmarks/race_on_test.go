//go:build race

package benchmarks

// raceDetector is true when the tests run under the race detector. The
// whole-run quality checks then skip: they take over ten minutes under it,
// and the concurrent code they drive is raced by the match and cmd tests.
const raceDetector = true
