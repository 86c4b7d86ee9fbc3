package match

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// A Level is one outcome of comparing a field of two records, with m, the
// probability of that outcome when the records are the same person, and u,
// when they are not (Fellegi–Sunter). Its weight is log2(m/u).
type Level struct {
	Name string  `json:"name"`
	M    float64 `json:"m"`
	U    float64 `json:"u"`
}

// Weight is the level's evidence in bits: log2(m/u).
func (l Level) Weight() float64 { return math.Log2(l.M / l.U) }

// The comparisons, each a list of levels tried in order. A field missing
// on either side contributes nothing (it is not a level).
const (
	CompFamily = iota
	CompGiven
	CompBirthYear
	CompSex
	CompBirthPlace
	numComparisons
)

var comparisonNames = [numComparisons]string{"family", "given", "birth_year", "sex", "birth_place"}

// Name-part levels, shared by family and given names.
const (
	nameExact = iota // same canonical key
	nameJW95         // Jaro-Winkler of the keys ≥ 0.95
	nameJW88         // ≥ 0.88
	nameJW80         // ≥ 0.80
	nameElse
)

// nameCutoff is the lowest Jaro-Winkler similarity that counts as partial
// agreement on a name part; candidate search relies on it (see search.go).
const nameCutoff = 0.80

// Birth-year levels.
const (
	yearExact = iota
	yearOff1
	yearOff2to5
	yearElse
)

// Sex levels.
const (
	sexAgree = iota
	sexDisagree
)

// Birth-place levels.
const (
	placeExact = iota
	placeJW88
	placeElse
)

// Model holds the m and u of every level, the prior probability that a
// random pair is a match, and the surname frequencies used for the
// term-frequency adjustment. It is what `kinlink train` writes and
// `kinlink match --model` reads.
type Model struct {
	// Prior is the probability that a person sought and a random archive
	// record are the same person; 0 means one in the archive's size (each
	// person sought expected once in the archive), fixed at the end of a
	// run when the size is known.
	Prior       float64            `json:"prior"`
	Comparisons map[string][]Level `json:"comparisons"`

	levels   [numComparisons][]Level   // Comparisons by index
	weights  [numComparisons][]float64 // log2(m/u)
	restMax  [1 << 3]float64           // the most birth year, sex and place can add, by the fields present (see person.fields)
	placeMax float64                   // the most place can add
}

// DefaultModel is kinlink's built-in model. The m values say how often two
// records of one person agree at each level once names are normalised:
// keys agree exactly most of the time (romanisation differences vanish in
// the key), surnames change on marriage, birth years slip by one. They
// were set from the level counts of true pairs in generated data (seed 7,
// not the demo), rounded, and are plausible for real archives; kinlink
// train re-estimates them. The u values are what random pairs give, and
// are re-estimated from each run's archive (see EstimateU); the exact name
// levels use the names' own frequencies instead (see finisher).
func DefaultModel() *Model {
	m := &Model{
		Comparisons: map[string][]Level{
			"family": {
				{"exact", 0.85, 0.01}, // u is replaced by the name's frequency
				{"jw>=0.95", 0.03, 0.002},
				{"jw>=0.88", 0.03, 0.01},
				{"jw>=0.80", 0.02, 0.03},
				{"else", 0.07, 0.95},
			},
			"given": {
				{"exact", 0.88, 0.002}, // likewise
				{"jw>=0.95", 0.03, 0.002},
				{"jw>=0.88", 0.04, 0.01},
				{"jw>=0.80", 0.02, 0.03},
				{"else", 0.03, 0.95},
			},
			"birth_year": {
				{"exact", 0.80, 0.017},
				{"off by 1", 0.13, 0.033},
				{"off by 2-5", 0.05, 0.13},
				{"else", 0.02, 0.82},
			},
			"sex": {
				{"agree", 0.97, 0.5},
				{"disagree", 0.03, 0.5},
			},
			"birth_place": {
				{"exact", 0.85, 0.05},
				{"jw>=0.88", 0.05, 0.02},
				{"else", 0.10, 0.93},
			},
		},
	}
	if err := m.compile(); err != nil {
		panic(err) // the built-in model is valid; a test checks it
	}
	return m
}

// compile checks the model and precomputes its weights.
func (m *Model) compile() error {
	want := [numComparisons]int{5, 5, 4, 2, 3}
	if !(m.Prior >= 0 && m.Prior < 1) {
		return fmt.Errorf("model: prior %g is not a probability in [0, 1) (0: one in the archive's size)", m.Prior)
	}
	for c, name := range comparisonNames {
		ls, ok := m.Comparisons[name]
		if !ok {
			return fmt.Errorf("model: no comparison %q", name)
		}
		if len(ls) != want[c] {
			return fmt.Errorf("model: comparison %q has %d levels, want %d", name, len(ls), want[c])
		}
		m.levels[c] = ls
		m.weights[c] = make([]float64, len(ls))
		for i, l := range ls {
			if !(l.M > 0 && l.M <= 1 && l.U > 0 && l.U <= 1) {
				return fmt.Errorf("model: %s level %q: m=%g u=%g must be in (0, 1]", name, l.Name, l.M, l.U)
			}
			m.weights[c][i] = l.Weight()
		}
	}
	var best [numComparisons]float64
	for _, c := range []int{CompBirthYear, CompSex, CompBirthPlace} {
		for _, w := range m.weights[c] {
			best[c] = max(best[c], w)
		}
	}
	m.placeMax = best[CompBirthPlace]
	for f := range m.restMax {
		m.restMax[f] = 0
		if f&hasBirthYear != 0 {
			m.restMax[f] += best[CompBirthYear]
		}
		if f&hasSex != 0 {
			m.restMax[f] += best[CompSex]
		}
		if f&hasBirthPlace != 0 {
			m.restMax[f] += best[CompBirthPlace]
		}
	}
	return nil
}

// withU returns a copy of m with the u of every level replaced by u[c][l]
// where that is positive.
func (m *Model) withU(u [numComparisons][]float64) *Model {
	c := &Model{Prior: m.Prior, Comparisons: map[string][]Level{}}
	for ci, name := range comparisonNames {
		ls := append([]Level(nil), m.levels[ci]...)
		for li := range ls {
			if li < len(u[ci]) && u[ci][li] > 0 {
				ls[li].U = u[ci][li]
			}
		}
		c.Comparisons[name] = ls
	}
	if err := c.compile(); err != nil {
		panic(err) // u values come from counts floored above 0
	}
	return c
}

// LoadModel reads a model written by SaveModel or by hand.
func LoadModel(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := &Model{}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := m.compile(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// MarshalIndent gives the model as indented JSON.
func (m *Model) MarshalIndent() []byte {
	b, _ := json.MarshalIndent(struct {
		Prior       float64            `json:"prior"`
		Comparisons map[string][]Level `json:"comparisons"`
	}{m.Prior, m.Comparisons}, "", "  ")
	return b
}

// priorWeight is the prior in bits, log2(prior/(1-prior)), for an archive
// of n records.
func (m *Model) priorWeight(n int64) float64 {
	p := m.Prior
	if p == 0 {
		p = 1 / float64(max(n, 2))
	}
	return math.Log2(p / (1 - p))
}

// probability turns a total weight in bits (prior included) into a match
// probability.
func probability(w float64) float64 { return 1 / (1 + math.Exp2(-w)) }
