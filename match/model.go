package match

import (
	"encoding/json"
	"fmt"
	"os"

	"kinlink/internal/fpmath"
)

// A Level is one outcome of comparing a field of two records, with m, the
// probability of that outcome when the records are the same person, and u,
// when they are not (Fellegi–Sunter). Its weight is log2(m/u). MSource and
// USource say where each value came from (built in, estimated, labelled).
//
// Sex and birth place have a second u, UNamesakes, for pairs whose names
// agree (see namesakeOf): two different people who share a given name
// agree on sex almost always (names are a boy's or a girl's), and two who
// share a family name agree on birth place more often than strangers
// (families, clans). The name parts have one too, for their levels other
// than exact when the other name part agrees exactly: a near spelling of
// Minsu is three times as common among the Kims as among all (a Kim is
// Korean, and so are most names near a Korean name). Independent fields
// would count that agreement again as evidence; scoring uses UNamesakes
// for such pairs instead.
type Level struct {
	Name             string  `json:"name"`
	M                float64 `json:"m"`
	U                float64 `json:"u"`
	UNamesakes       float64 `json:"u_namesakes,omitempty"`
	MSource          string  `json:"m_source,omitempty"`
	USource          string  `json:"u_source,omitempty"`
	UNamesakesSource string  `json:"u_namesakes_source,omitempty"`
}

// namesakeOf is, for each comparison with a UNamesakes, the name part
// whose exact agreement makes a pair namesakes for it (-1: none).
var namesakeOf = [numComparisons]int{CompGiven, CompFamily, -1, CompGiven, CompFamily}

// Weight is the level's evidence in bits: log2(m/u).
func (l Level) Weight() float64 { return fpmath.Log2(l.M / l.U) }

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

// numLevels is how many levels each comparison has.
var numLevels = [numComparisons]int{5, 5, 5, 2, 3}

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
	yearOff2
	yearOff3to5
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

// Model holds the m and u of every level and the expected number of
// archive records per person sought, from which the prior follows. It is
// what `kinlink train` writes and `kinlink match --model` reads. The exact
// name levels are weighted by the archive's own term frequencies when a
// run scores (see weights.go); their u here is that of random pairs, used
// in estimation only.
type Model struct {
	// RecordsPerPerson is how many archive records a person sought is
	// expected to have: the prior that a person sought and a random
	// archive record are the same person is RecordsPerPerson / n for an
	// archive of n records.
	RecordsPerPerson       float64 `json:"records_per_person"`
	RecordsPerPersonSource string  `json:"records_per_person_source,omitempty"`
	// Prior, when positive, fixes the prior per pair whatever the
	// archive's size (hand-made models, tests).
	Prior       float64            `json:"prior,omitempty"`
	Comparisons map[string][]Level `json:"comparisons"`
	// Estimation tells how the model was estimated; nil for the built-in
	// model.
	Estimation *Estimation `json:"estimation,omitempty"`

	levels  [numComparisons][]Level   // Comparisons by index
	weights [numComparisons][]float64 // log2(m/u)
	// namesakeWeights are log2(m/UNamesakes), for pairs agreeing on the
	// name part namesakeOf (weights where UNamesakes is 0).
	namesakeWeights [numComparisons][]float64
	restMax         [1 << 3]float64 // the most birth year, sex and place can add, by the fields present (see person.fields)
	placeMax        float64         // the most place can add
}

// DefaultModel is kinlink's built-in model: where a run starts its
// estimation from, and what it falls back to where the data cannot tell.
// The m values say how often two records of one person agree at each
// level once names are normalised: keys agree exactly most of the time
// (romanisation differences vanish in the key), surnames change on
// marriage, birth years slip by one. They were set from the level counts
// of true pairs in generated data (seed 7, not the demo), rounded. The u
// values are what random pairs give there; runs estimate both from the
// files they are given (see Estimate).
func DefaultModel() *Model {
	const builtIn = "built in"
	m := &Model{
		RecordsPerPerson:       1,
		RecordsPerPersonSource: builtIn,
		Comparisons: map[string][]Level{
			"family": {
				{Name: "exact", M: 0.85, U: 0.01, MSource: builtIn, USource: builtIn}, // scoring uses the name's frequency instead of u
				{Name: "jw>=0.95", M: 0.03, U: 0.002, MSource: builtIn, USource: builtIn},
				{Name: "jw>=0.88", M: 0.03, U: 0.01, MSource: builtIn, USource: builtIn},
				{Name: "jw>=0.80", M: 0.02, U: 0.03, MSource: builtIn, USource: builtIn},
				{Name: "else", M: 0.07, U: 0.95, MSource: builtIn, USource: builtIn},
			},
			"given": {
				{Name: "exact", M: 0.88, U: 0.002, MSource: builtIn, USource: builtIn}, // likewise
				{Name: "jw>=0.95", M: 0.03, U: 0.002, MSource: builtIn, USource: builtIn},
				{Name: "jw>=0.88", M: 0.04, U: 0.01, MSource: builtIn, USource: builtIn},
				{Name: "jw>=0.80", M: 0.02, U: 0.03, MSource: builtIn, USource: builtIn},
				{Name: "else", M: 0.03, U: 0.95, MSource: builtIn, USource: builtIn},
			},
			"birth_year": {
				{Name: "exact", M: 0.80, U: 0.017, MSource: builtIn, USource: builtIn},
				{Name: "off by 1", M: 0.13, U: 0.033, MSource: builtIn, USource: builtIn},
				{Name: "off by 2", M: 0.03, U: 0.033, MSource: builtIn, USource: builtIn},
				{Name: "off by 3-5", M: 0.02, U: 0.097, MSource: builtIn, USource: builtIn},
				{Name: "else", M: 0.02, U: 0.82, MSource: builtIn, USource: builtIn},
			},
			"sex": {
				{Name: "agree", M: 0.97, U: 0.5, UNamesakes: 0.97, MSource: builtIn, USource: builtIn, UNamesakesSource: builtIn},
				{Name: "disagree", M: 0.03, U: 0.5, UNamesakes: 0.03, MSource: builtIn, USource: builtIn, UNamesakesSource: builtIn},
			},
			"birth_place": {
				{Name: "exact", M: 0.85, U: 0.05, UNamesakes: 0.15, MSource: builtIn, USource: builtIn, UNamesakesSource: builtIn},
				{Name: "jw>=0.88", M: 0.05, U: 0.02, UNamesakes: 0.10, MSource: builtIn, USource: builtIn, UNamesakesSource: builtIn},
				{Name: "else", M: 0.10, U: 0.93, UNamesakes: 0.75, MSource: builtIn, USource: builtIn, UNamesakesSource: builtIn},
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
	if !(m.Prior >= 0 && m.Prior < 1) {
		return fmt.Errorf("model: prior %g is not a probability in [0, 1) (0: records_per_person over the archive's size)", m.Prior)
	}
	if m.Prior == 0 && !(m.RecordsPerPerson > 0 && m.RecordsPerPerson < 1e6) {
		return fmt.Errorf("model: records_per_person %g must be positive (and the prior 0)", m.RecordsPerPerson)
	}
	for c, name := range comparisonNames {
		ls, ok := m.Comparisons[name]
		if !ok {
			return fmt.Errorf("model: no comparison %q", name)
		}
		if len(ls) != numLevels[c] {
			return fmt.Errorf("model: comparison %q has %d levels, want %d (a model written by an older kinlink? train it again)", name, len(ls), numLevels[c])
		}
		m.levels[c] = ls
		m.weights[c] = make([]float64, len(ls))
		m.namesakeWeights[c] = make([]float64, len(ls))
		for i, l := range ls {
			if !(l.M > 0 && l.M <= 1 && l.U > 0 && l.U <= 1) {
				return fmt.Errorf("model: %s level %q: m=%g u=%g must be in (0, 1]", name, l.Name, l.M, l.U)
			}
			if !(l.UNamesakes >= 0 && l.UNamesakes <= 1) || (l.UNamesakes > 0 && namesakeOf[c] < 0) {
				return fmt.Errorf("model: %s level %q: u_namesakes=%g must be in (0, 1], and not for birth_year", name, l.Name, l.UNamesakes)
			}
			m.weights[c][i] = l.Weight()
			m.namesakeWeights[c][i] = m.weights[c][i]
			if l.UNamesakes > 0 {
				m.namesakeWeights[c][i] = fpmath.Log2(l.M / l.UNamesakes)
			}
		}
	}
	var best [numComparisons]float64
	for _, c := range []int{CompBirthYear, CompSex, CompBirthPlace} {
		for i, w := range m.weights[c] {
			best[c] = max(best[c], w, m.namesakeWeights[c][i])
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

// clone returns a deep copy of m's parameters, compiled.
func (m *Model) clone() *Model {
	c := &Model{RecordsPerPerson: m.RecordsPerPerson, RecordsPerPersonSource: m.RecordsPerPersonSource,
		Prior: m.Prior, Comparisons: map[string][]Level{}, Estimation: m.Estimation}
	for ci, name := range comparisonNames {
		c.Comparisons[name] = append([]Level(nil), m.levels[ci]...)
	}
	if err := c.compile(); err != nil {
		panic(err) // a copy of a compiled model
	}
	return c
}

// LoadModel reads a model written by SaveModel or by hand.
func LoadModel(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := ParseModel(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ParseModel reads a model from its JSON (as MarshalIndent or
// json.Marshal write it). A model read back scores exactly as the one
// written: every parameter is a float64 written in the shortest form that
// reads back to the same bits.
func ParseModel(b []byte) (*Model, error) {
	m := &Model{}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, err
	}
	if err := m.compile(); err != nil {
		return nil, err
	}
	return m, nil
}

// MarshalIndent gives the model as indented JSON.
func (m *Model) MarshalIndent() []byte {
	b, _ := json.MarshalIndent(m, "", "  ")
	return b
}

// M returns m of level l of comparison c (for reports and tests).
func (m *Model) M(c, l int) float64 { return m.levels[c][l].M }

// priorWeight is the prior in bits, log2(prior/(1-prior)), for an archive
// of n records.
func (m *Model) priorWeight(n int64) float64 {
	p := m.Prior
	if p == 0 {
		p = min(m.RecordsPerPerson/float64(max(n, 2)), 0.5)
	}
	return fpmath.Log2(p / (1 - p))
}

// probability turns a total weight in bits (prior included) into a match
// probability.
func probability(w float64) float64 { return 1 / (1 + fpmath.Exp2(-w)) }
