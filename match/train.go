package match

import (
	"context"
	"fmt"
	"io"
	"sort"

	"kinlink/records"
)

// Training from labels: analysts' decisions (kinlink report exports
// them) or a ground truth. The m values describe the pairs that are one
// person, so the confirmed pairs, scored as a run scores them, give them
// directly: the level shares among confirmed pairs, smoothed towards the
// model's estimate. u stays that of random pairs, and the records per
// person that of the EM: the pairs an analyst judged are the likely ones,
// not a random draw.

// labelPseudoPairs is how many pairs' worth of the unlabelled estimate the
// shares of the labelled pairs are smoothed with.
const labelPseudoPairs = 5

// LabelledPair is a judged pair with the levels scoring gives it.
type LabelledPair struct {
	QueryID, CandidateID string
	Match                bool
	Levels               [numComparisons]int8
}

// ScoreLabels finds the records of the labelled pairs in the archive and
// scores each pair with model m and the archive's statistics st, as a run
// would. Pairs whose person sought or record is not found are returned in
// missing (as "query_id/candidate_id").
func (l *Linker) ScoreLabels(ctx context.Context, open Opener, m *Model, st *Stats, labels []records.Label) (pairs []LabelledPair, missing []string, err error) {
	ix := l.runIndex(m, st)
	queryOf := map[string]int32{}
	for i := range ix.queries {
		queryOf[ix.queries[i].rec.ID] = int32(i)
	}
	byCand := map[string][]records.Label{}
	for _, lb := range labels {
		if _, ok := queryOf[lb.QueryID]; !ok {
			missing = append(missing, lb.QueryID+"/"+lb.CandidateID)
			continue
		}
		byCand[lb.CandidateID] = append(byCand[lb.CandidateID], lb)
	}
	r, err := open()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	found := map[string]bool{}
	for len(found) < len(byCand) {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if _, ok := err.(*records.RowError); ok {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		lbs := byCand[rec.ID]
		if len(lbs) == 0 {
			continue
		}
		found[rec.ID] = true
		c := prepare(&rec, nil, false)
		for _, lb := range lbs {
			ps, _ := m.scorePair(ix, queryOf[lb.QueryID], &c, nil)
			pairs = append(pairs, LabelledPair{QueryID: lb.QueryID, CandidateID: lb.CandidateID, Match: lb.Match, Levels: ps.levels})
		}
	}
	for cand, lbs := range byCand {
		if !found[cand] {
			for _, lb := range lbs {
				missing = append(missing, lb.QueryID+"/"+lb.CandidateID)
			}
		}
	}
	sort.Strings(missing)
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].QueryID != pairs[j].QueryID {
			return pairs[i].QueryID < pairs[j].QueryID
		}
		return pairs[i].CandidateID < pairs[j].CandidateID
	})
	return pairs, missing, nil
}

// TrainLabelled returns a copy of m whose m values are the level shares
// among the confirmed pairs, smoothed towards m's own with
// labelPseudoPairs pairs. It fails when no pair is confirmed.
func TrainLabelled(m *Model, pairs []LabelledPair) (*Model, error) {
	out := m.clone()
	counts := newLevelCounts()
	for _, p := range pairs {
		if p.Match {
			counts.add(p.Levels)
		}
	}
	if counts.pairs == 0 {
		return nil, fmt.Errorf("train: no confirmed pair among the %d labelled pairs found", len(pairs))
	}
	for c, name := range comparisonNames {
		ls := out.Comparisons[name]
		for i := range ls {
			ls[i].M = (counts.counts[c][i] + float64(labelPseudoPairs*ls[i].M)) / (counts.n[c] + labelPseudoPairs)
			ls[i].MSource = fmt.Sprintf("labels: %.0f of %.0f confirmed pairs comparing %s (smoothed with %d pairs of the previous estimate)",
				counts.counts[c][i], counts.n[c], name, labelPseudoPairs)
		}
	}
	if err := out.compile(); err != nil {
		return nil, err
	}
	return out, nil
}

// levelName names level l of comparison c, "missing" for a missing field.
func (m *Model) levelName(c int, l int8) string {
	if l == missing {
		return "missing"
	}
	return m.levels[c][l].Name
}
