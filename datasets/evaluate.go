package datasets

import (
	"strings"

	"kinlink/records"
)

// Scores are the quality figures of one group of people sought (all of them,
// or those of one origin).
type Scores struct {
	// Precision, Recall and F1 count every row of the matches file as a
	// predicted match: the file holds only the pairs above its threshold.
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// RecallAtK is the share of true pairs found at rank K or better.
	RecallAtK float64 `json:"recall_at_k"`
	// QueriesFoundAtK is the share of people sought with at least one of
	// their true records at rank K or better.
	QueriesFoundAtK float64 `json:"queries_found_at_k"`
	// CandidatesPerQuery is the mean number of rows per person sought, the
	// length of the list an analyst reviews.
	CandidatesPerQuery float64 `json:"candidates_per_query"`
	Queries            int     `json:"queries"`
	TruePairs          int     `json:"true_pairs"`
	PredictedPairs     int     `json:"predicted_pairs"`
	TruePositives      int     `json:"true_positives"`
}

// VariationScores tell how well the true pairs showing one kind of
// variation (a romanisation system, a swapped order, a typo...) are found.
type VariationScores struct {
	TruePairs int     `json:"true_pairs"`
	Recall    float64 `json:"recall"`
	RecallAtK float64 `json:"recall_at_k"`
}

// Metrics is the evaluation of a matches file against the ground truth.
type Metrics struct {
	K int `json:"k"`
	Scores
	// ByOrigin breaks the scores down by the origin of the person sought
	// ("ja", "ko"), as the truth records it.
	ByOrigin map[string]Scores `json:"by_origin"`
	// ByVariation breaks recall down by each kind of variation the truth
	// records for a pair (see Truth.Variation).
	ByVariation map[string]VariationScores `json:"by_variation"`
}

type pairKey struct{ query, candidate string }

// Evaluate scores matches against the true pairs. The people sought are the
// query ids of the truth; rows of other queries count against precision
// only. A pair listed twice counts once, at its best rank. Ratios with a zero
// denominator are 0.
func Evaluate(matches []records.MatchRow, truth []records.Truth, k int) Metrics {
	rank := make(map[pairKey]int, len(matches))
	rowsPerQuery := map[string]int{}
	for _, m := range matches {
		key := pairKey{m.QueryID, m.CandidateID}
		r := m.Rank
		if r < 1 {
			r = int(^uint(0) >> 1)
		}
		if old, ok := rank[key]; !ok || r < old {
			if !ok {
				rowsPerQuery[m.QueryID]++
			}
			rank[key] = r
		}
	}

	origin := map[string]string{}
	trueSet := map[pairKey]bool{}
	var pairs []records.Truth
	for _, t := range truth {
		if o := origin[t.QueryID]; o == "" {
			origin[t.QueryID] = t.Origin
		}
		key := pairKey{t.QueryID, t.CandidateID}
		if !trueSet[key] {
			trueSet[key] = true
			pairs = append(pairs, t)
		}
	}

	type tally struct {
		queries, truePairs, predicted, tp, tpAtK, foundAtK, rows int
		found                                                    map[string]bool
	}
	groups := map[string]*tally{}
	group := func(name string) *tally {
		g := groups[name]
		if g == nil {
			g = &tally{found: map[string]bool{}}
			groups[name] = g
		}
		return g
	}
	all := group("")
	for q, o := range origin {
		for _, g := range []*tally{all, group("o:" + o)} {
			g.queries++
			g.rows += rowsPerQuery[q]
		}
	}
	for key := range rank {
		all.predicted++
		if o, ok := origin[key.query]; ok {
			group("o:"+o).predicted++
		}
	}

	variations := map[string]*VariationScores{}
	for _, t := range pairs {
		r, predicted := rank[pairKey{t.QueryID, t.CandidateID}]
		atK := predicted && r <= k
		for _, g := range []*tally{all, group("o:" + origin[t.QueryID])} {
			g.truePairs++
			if predicted {
				g.tp++
			}
			if atK {
				g.tpAtK++
				if !g.found[t.QueryID] {
					g.found[t.QueryID] = true
					g.foundAtK++
				}
			}
		}
		for _, kind := range strings.Split(t.Variation, ";") {
			kind = strings.TrimSpace(kind)
			if kind == "" {
				continue
			}
			v := variations[kind]
			if v == nil {
				v = &VariationScores{}
				variations[kind] = v
			}
			v.TruePairs++
			if predicted {
				v.Recall++
			}
			if atK {
				v.RecallAtK++
			}
		}
	}

	scores := func(g *tally) Scores {
		s := Scores{
			Precision:          ratio(g.tp, g.predicted),
			Recall:             ratio(g.tp, g.truePairs),
			RecallAtK:          ratio(g.tpAtK, g.truePairs),
			QueriesFoundAtK:    ratio(g.foundAtK, g.queries),
			CandidatesPerQuery: ratio(g.rows, g.queries),
			Queries:            g.queries,
			TruePairs:          g.truePairs,
			PredictedPairs:     g.predicted,
			TruePositives:      g.tp,
		}
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		return s
	}
	m := Metrics{K: k, Scores: scores(all), ByOrigin: map[string]Scores{}, ByVariation: map[string]VariationScores{}}
	for name, g := range groups {
		if o, ok := strings.CutPrefix(name, "o:"); ok && o != "" {
			m.ByOrigin[o] = scores(g)
		}
	}
	for kind, v := range variations {
		m.ByVariation[kind] = VariationScores{
			TruePairs: v.TruePairs,
			Recall:    v.Recall / float64(v.TruePairs),
			RecallAtK: v.RecallAtK / float64(v.TruePairs),
		}
	}
	return m
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
