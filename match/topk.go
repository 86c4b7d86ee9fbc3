package match

import (
	"container/heap"
	"sort"

	"kinlink/datasets"
)

// better reports whether a ranks before b: higher weight first, then the
// smaller candidate id, so that ranking is a total order and the top K are
// the same whatever order the candidates arrive in.
func better(a, b *datasets.Match) bool {
	if a.MatchWeight != b.MatchWeight {
		return a.MatchWeight > b.MatchWeight
	}
	return a.CandidateID < b.CandidateID
}

// topK keeps the K best matches seen for one query. Its heap's root is the
// worst match kept, so a new match replaces it when better.
type topK struct {
	k    int
	rows []datasets.Match
}

func (t *topK) Len() int           { return len(t.rows) }
func (t *topK) Less(i, j int) bool { return better(&t.rows[j], &t.rows[i]) }
func (t *topK) Swap(i, j int)      { t.rows[i], t.rows[j] = t.rows[j], t.rows[i] }
func (t *topK) Push(x any)         { t.rows = append(t.rows, x.(datasets.Match)) }
func (t *topK) Pop() any {
	last := t.rows[len(t.rows)-1]
	t.rows = t.rows[:len(t.rows)-1]
	return last
}

// admits reports whether a match with weight w and candidate id would be
// kept; it lets callers skip building a full row for a hopeless candidate.
func (t *topK) admits(w float64, id string) bool {
	if len(t.rows) < t.k {
		return true
	}
	worst := &t.rows[0]
	return w > worst.MatchWeight || (w == worst.MatchWeight && id < worst.CandidateID)
}

// offer keeps m if it is among the K best seen so far.
func (t *topK) offer(m datasets.Match) {
	if len(t.rows) < t.k {
		heap.Push(t, m)
		return
	}
	if better(&m, &t.rows[0]) {
		t.rows[0] = m
		heap.Fix(t, 0)
	}
}

// merge offers every match kept by o.
func (t *topK) merge(o *topK) {
	for _, m := range o.rows {
		t.offer(m)
	}
}

// sorted returns the kept matches best first, with ranks 1..n.
func (t *topK) sorted() []datasets.Match {
	out := append([]datasets.Match(nil), t.rows...)
	sort.Slice(out, func(i, j int) bool { return better(&out[i], &out[j]) })
	for i := range out {
		out[i].Rank = int32(i + 1)
	}
	return out
}
