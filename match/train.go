package match

import (
	"fmt"
	"math"

	"kinlink/records"
)

// Train estimates the m values of model by expectation–maximisation on the
// level vectors of candidate pairs (rows of a run with a low threshold, so
// that both matches and non-matches are among them). The u values are kept:
// they come from random pairs (EstimateU), which EM on candidates cannot
// see. The m values of levels never observed keep a small floor. It returns
// the trained model and the share of candidate pairs judged matches.
//
// The share of matches among the candidates, λ, is not estimated but fixed
// at perQuery true records per person sought: with u taken from random
// pairs, every top candidate looks like a match next to them, and a free λ
// drifts to 1.
func Train(model *Model, rows []records.Match, iterations int, perQuery float64) (*Model, float64, error) {
	if len(rows) == 0 {
		return nil, 0, fmt.Errorf("train: no candidate pairs")
	}
	vecs := make([][numComparisons]int8, len(rows))
	for i, r := range rows {
		names := [numComparisons]string{r.LevelFamily, r.LevelGiven, r.LevelBirthYear, r.LevelSex, r.LevelBirthPlace}
		for c, name := range names {
			vecs[i][c] = missing
			if name == "missing" || name == "" {
				continue
			}
			l := levelIndex(model, c, name)
			if l < 0 {
				return nil, 0, fmt.Errorf("train: row %d: unknown %s level %q", i+1, comparisonNames[c], name)
			}
			vecs[i][c] = int8(l)
		}
	}
	m := make([][]float64, numComparisons)
	u := make([][]float64, numComparisons)
	for c := range m {
		for _, l := range model.levels[c] {
			m[c] = append(m[c], l.M)
			u[c] = append(u[c], l.U)
		}
	}
	lambda := perQuery / float64(len(rows)) * float64(queries(rows))
	lambda = math.Min(math.Max(lambda, 1e-3), 0.5)
	post := make([]float64, len(vecs))
	for it := 0; it < iterations; it++ {
		// E step: the probability that each pair is a match.
		for i, v := range vecs {
			lm, lu := math.Log(lambda), math.Log(1-lambda)
			for c, l := range v {
				if l != missing {
					lm += math.Log(m[c][l])
					lu += math.Log(u[c][l])
				}
			}
			post[i] = 1 / (1 + math.Exp(lu-lm))
		}
		// M step: m from the expected counts among matches.
		sum := 0.0
		for _, p := range post {
			sum += p
		}
		_ = sum // λ stays fixed: see the doc comment
		for c := range m {
			counts := make([]float64, len(m[c]))
			total := 0.0
			for i, v := range vecs {
				if l := v[c]; l != missing {
					counts[l] += post[i]
					total += post[i]
				}
			}
			if total < 1 {
				continue
			}
			for l := range counts {
				m[c][l] = math.Max((counts[l]+0.01)/(total+0.01*float64(len(counts))), 1e-4)
			}
		}
	}
	out := &Model{Prior: model.Prior, Comparisons: map[string][]Level{}}
	for c, name := range comparisonNames {
		for l, lv := range model.levels[c] {
			out.Comparisons[name] = append(out.Comparisons[name], Level{Name: lv.Name, M: m[c][l], U: lv.U})
		}
	}
	if err := out.compile(); err != nil {
		return nil, 0, err
	}
	share := 0.0
	for _, p := range post {
		share += p
	}
	return out, share / float64(len(post)), nil
}

func queries(rows []records.Match) int {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.QueryID] = true
	}
	return len(seen)
}

func levelIndex(m *Model, c int, name string) int {
	for l, lv := range m.levels[c] {
		if lv.Name == name {
			return l
		}
	}
	return -1
}

// levelName names level l of comparison c, "missing" for a missing field.
func (m *Model) levelName(c int, l int8) string {
	if l == missing {
		return "missing"
	}
	return m.levels[c][l].Name
}
