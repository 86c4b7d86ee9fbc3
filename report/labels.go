package report

import (
	"math"
	"path/filepath"
	"sort"

	"kinlink/records"
)

// LabelStats compares the report's candidates with labels: precision and
// recall at each threshold, and the true pairs no candidate holds.
type LabelStats struct {
	File string `json:"file"`
	// Complete is true for a ground truth (every pair labelled a match,
	// none rejected): a candidate it does not list is a false pair. With
	// rejections among the labels (an analyst's decisions), a candidate
	// the labels do not mention is left out of the counts.
	Complete bool `json:"complete"`
	// TruePairs is the number of true pairs of the people in the report.
	TruePairs int `json:"true_pairs"`
	// Thresholds holds the counts at thresholds 0, 0.01, ..., 1: a
	// candidate at or above the threshold is predicted a match.
	Thresholds []ThresholdRow `json:"thresholds"`
	// Missed lists the true pairs of people in the report that are not
	// among their candidates (never found, or cut by the threshold of the
	// run).
	Missed []MissedPair `json:"missed,omitempty"`
	// Absent counts people with true pairs who are not in the report.
	Absent int `json:"absent,omitempty"`
}

// ThresholdRow is the confusion matrix at one threshold.
type ThresholdRow struct {
	T         num `json:"t"`
	TP        int `json:"tp"`
	FP        int `json:"fp"`
	FN        int `json:"fn"`
	TN        int `json:"tn"`
	Precision num `json:"precision"`
	Recall    num `json:"recall"`
}

// MissedPair is a true pair that no candidate holds.
type MissedPair struct {
	QueryID     string `json:"q"`
	CandidateID string `json:"c"`
	Variation   string `json:"v,omitempty"`
}

type pair struct{ q, c string }

// judge marks each candidate of d true or false by the labels and counts
// the confusion matrix at every threshold.
func judge(d *Data, labels []records.Label, path string) *LabelStats {
	s := &LabelStats{File: filepath.Base(path), Complete: true}
	truth := map[pair]bool{}
	var trueOrder []records.Label
	for _, l := range labels {
		k := pair{l.QueryID, l.CandidateID}
		if _, dup := truth[k]; dup {
			continue
		}
		truth[k] = l.Match
		if l.Match {
			trueOrder = append(trueOrder, l)
		} else {
			s.Complete = false
		}
	}
	inReport := map[string]int{}
	found := map[pair]bool{}
	var probs []float64 // of candidates judged, with their truth
	var isTrue []bool
	for i := range d.People {
		p := &d.People[i]
		inReport[p.ID] = i
		for j := range p.Cands {
			c := &p.Cands[j]
			t, ok := truth[pair{p.ID, c.ID}]
			switch {
			case ok && t:
				c.Truth = 1
				found[pair{p.ID, c.ID}] = true
			case ok || s.Complete:
				c.Truth = 2
			default:
				continue
			}
			probs = append(probs, float64(c.P))
			isTrue = append(isTrue, c.Truth == 1)
		}
	}
	absent := map[string]bool{}
	for _, l := range trueOrder {
		i, ok := inReport[l.QueryID]
		if !ok {
			absent[l.QueryID] = true
			continue
		}
		s.TruePairs++
		if !found[pair{l.QueryID, l.CandidateID}] {
			s.Missed = append(s.Missed, MissedPair{l.QueryID, l.CandidateID, l.Variation})
			d.People[i].Missed++
		}
	}
	s.Absent = len(absent)
	sort.Slice(s.Missed, func(i, j int) bool {
		a, b := s.Missed[i], s.Missed[j]
		return a.QueryID < b.QueryID || (a.QueryID == b.QueryID && a.CandidateID < b.CandidateID)
	})
	for step := 0; step <= 100; step++ {
		t := float64(step) / 100
		row := ThresholdRow{T: num(t), FN: len(s.Missed)}
		for i, p := range probs {
			switch above := p >= t; {
			case above && isTrue[i]:
				row.TP++
			case above:
				row.FP++
			case isTrue[i]:
				row.FN++
			default:
				row.TN++
			}
		}
		row.Precision, row.Recall = ratio(row.TP, row.TP+row.FP), ratio(row.TP, row.TP+row.FN)
		s.Thresholds = append(s.Thresholds, row)
	}
	return s
}

func ratio(a, b int) num {
	if b == 0 {
		return num(math.NaN()) // written as null: undefined
	}
	return num(float64(a) / float64(b))
}

// Histogram counts candidates by match weight in bins of Width bits from
// Start; with labels, the true and false ones apart.
type Histogram struct {
	Start num   `json:"start"`
	Width num   `json:"width"`
	All   []int `json:"all"`
	True  []int `json:"true,omitempty"`
	False []int `json:"false,omitempty"`
}

// maxBins bounds the histogram's bins: wider bins when the weights
// spread further.
const maxBins = 60

func histogram(people []Person) Histogram {
	lo, hi := math.Inf(1), math.Inf(-1)
	labelled := false
	for _, p := range people {
		for _, c := range p.Cands {
			lo, hi = math.Min(lo, float64(c.W)), math.Max(hi, float64(c.W))
			labelled = labelled || c.Truth != 0
		}
	}
	if math.IsInf(lo, 0) {
		return Histogram{Width: 1}
	}
	width := 1.0
	for (math.Floor(hi/width)-math.Floor(lo/width)+1) > maxBins && width < 1e6 {
		width *= 2
	}
	start := math.Floor(lo/width) * width
	n := int(math.Floor(hi/width)-math.Floor(lo/width)) + 1
	h := Histogram{Start: num(start), Width: num(width), All: make([]int, n)}
	if labelled {
		h.True, h.False = make([]int, n), make([]int, n)
	}
	for _, p := range people {
		for _, c := range p.Cands {
			b := min(int(math.Floor((float64(c.W)-start)/width)), n-1)
			h.All[b]++
			switch {
			case !labelled:
			case c.Truth == 1:
				h.True[b]++
			case c.Truth == 2:
				h.False[b]++
			}
		}
	}
	return h
}
