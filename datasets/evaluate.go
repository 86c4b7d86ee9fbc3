package datasets

import (
	"math"
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
	// Reliability compares, bin by bin of match_probability, the mean
	// probability of the rows with the share of true pairs among them: an
	// honest model's rows at p ≈ 0.7 are true seven times in ten.
	Reliability []Bin `json:"reliability"`
	// CalibrationError is the expected calibration error: the mean over
	// rows of |mean probability − observed share| of their bin.
	CalibrationError float64 `json:"expected_calibration_error"`
	// MaxBinGap is the largest |mean probability − observed share| of a
	// bin holding at least MinBinRows rows.
	MaxBinGap float64 `json:"max_bin_gap"`
	// ByThreshold gives precision and recall among the rows at or above
	// each threshold, so a user can choose one on labelled data.
	ByThreshold []ThresholdScores `json:"by_threshold"`
	// Judged is true when the truth also lists rejected pairs (analysts'
	// decisions): then only the rows it judges count for precision and
	// calibration, as nothing is known of the others.
	Judged bool `json:"judged"`
}

// Bin is one bin of the reliability table: the rows whose probability lies
// in [Low, High) (the last bin includes 1).
type Bin struct {
	Low           float64 `json:"low"`
	High          float64 `json:"high"`
	Rows          int     `json:"rows"`
	TruePairs     int     `json:"true_pairs"`
	MeanPredicted float64 `json:"mean_predicted"`
	Observed      float64 `json:"observed"`
	// StdErr is the binomial standard error of Observed, were the bin's
	// rows true with their mean probability: sqrt(p(1-p)/rows).
	StdErr float64 `json:"std_err"`
}

// ThresholdScores are precision and recall among the rows with a match
// probability of at least Threshold.
type ThresholdScores struct {
	Threshold     float64 `json:"threshold"`
	Rows          int     `json:"rows"`
	TruePositives int     `json:"true_positives"`
	Precision     float64 `json:"precision"`
	Recall        float64 `json:"recall"`
}

// Thresholds are those ByThreshold reports.
var Thresholds = []float64{0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99}

// MinBinRows is the fewest rows a bin needs for MaxBinGap to count it:
// fewer are too noisy to judge a gap by.
const MinBinRows = 20

type pairKey struct{ query, candidate string }

// Evaluate scores matches against the true pairs. The people sought are the
// query ids of the truth; rows of other queries count against precision
// only. A pair listed twice counts once, at its best rank. Ratios with a zero
// denominator are 0.
func Evaluate(matches []records.MatchRow, truth []records.Truth, k int) Metrics {
	labels := make([]records.Label, len(truth))
	for i, t := range truth {
		labels[i] = records.Label{QueryID: t.QueryID, CandidateID: t.CandidateID, Match: true, Origin: t.Origin, Variation: t.Variation}
	}
	return EvaluateLabels(matches, labels, k)
}

// EvaluateLabels is Evaluate with judged pairs: the pairs labelled a
// match are the truth. When some are labelled not a match (an analyst's
// rejections), only the rows the labels judge count for precision and
// calibration (Metrics.Judged).
func EvaluateLabels(matches []records.MatchRow, labels []records.Label, k int) Metrics {
	judged := map[pairKey]bool{}
	var truth []records.Truth
	for _, l := range labels {
		judged[pairKey{l.QueryID, l.CandidateID}] = true
		if l.Match {
			truth = append(truth, records.Truth{QueryID: l.QueryID, CandidateID: l.CandidateID, Origin: l.Origin, Variation: l.Variation})
		}
	}
	judging := len(truth) < len(labels)
	if judging {
		var kept []records.MatchRow
		for _, m := range matches {
			if judged[pairKey{m.QueryID, m.CandidateID}] {
				kept = append(kept, m)
			}
		}
		matches = kept
	}
	rank := make(map[pairKey]int, len(matches))
	prob := make(map[pairKey]float64, len(matches))
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
			prob[key] = m.MatchProbability
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
	m := Metrics{K: k, Scores: scores(all), ByOrigin: map[string]Scores{}, ByVariation: map[string]VariationScores{}, Judged: judging}
	m.calibrate(prob, trueSet)
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

// calibrate fills the reliability table, the calibration error and the
// scores by threshold from the probability of each distinct pair written.
func (m *Metrics) calibrate(prob map[pairKey]float64, truth map[pairKey]bool) {
	const bins = 10
	m.Reliability = make([]Bin, bins)
	sums := make([]float64, bins)
	for i := range m.Reliability {
		m.Reliability[i].Low, m.Reliability[i].High = float64(i)/bins, float64(i+1)/bins
	}
	m.ByThreshold = make([]ThresholdScores, len(Thresholds))
	for i, t := range Thresholds {
		m.ByThreshold[i].Threshold = t
	}
	for key, p := range prob {
		b := min(max(int(p*bins), 0), bins-1)
		m.Reliability[b].Rows++
		sums[b] += p
		if truth[key] {
			m.Reliability[b].TruePairs++
		}
		for i, t := range Thresholds {
			if p >= t {
				m.ByThreshold[i].Rows++
				if truth[key] {
					m.ByThreshold[i].TruePositives++
				}
			}
		}
	}
	total := 0
	for i := range m.Reliability {
		b := &m.Reliability[i]
		if b.Rows == 0 {
			continue
		}
		total += b.Rows
		b.MeanPredicted = sums[i] / float64(b.Rows)
		b.Observed = float64(b.TruePairs) / float64(b.Rows)
		b.StdErr = math.Sqrt(b.MeanPredicted * (1 - b.MeanPredicted) / float64(b.Rows))
		gap := math.Abs(b.MeanPredicted - b.Observed)
		m.CalibrationError += float64(b.Rows) * gap
		if b.Rows >= MinBinRows {
			m.MaxBinGap = max(m.MaxBinGap, gap)
		}
	}
	if total > 0 {
		m.CalibrationError /= float64(total)
	}
	for i := range m.ByThreshold {
		s := &m.ByThreshold[i]
		s.Precision = ratio(s.TruePositives, s.Rows)
		s.Recall = ratio(s.TruePositives, m.TruePairs)
	}
}
