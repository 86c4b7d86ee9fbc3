package match

import (
	"math"
	"sort"
)

// kept is a candidate pair held in a top-K: its score and the records it
// came from. The output row is built when the run is finished, once the
// term frequencies of the whole archive are known.
type kept struct {
	ps   pairScore
	q, c *person
}

// better reports whether a ranks before b: higher weight first, then the
// smaller candidate id, so that ranking is a total order and the top K are
// the same whatever order the candidates arrive in.
func better(a, b *kept) bool {
	if a.ps.weight != b.ps.weight {
		return a.ps.weight > b.ps.weight
	}
	return a.c.rec.ID < b.c.rec.ID
}

// topK keeps the K best pairs seen for one person sought. Its heap's root is
// the worst pair kept, so a new pair replaces it when better.
type topK struct {
	k     int
	rows  []kept
	worst float64 // floor(), cached: updated whenever the root changes
}

// worse reports whether row i ranks after row j: the heap's order.
func (t *topK) worse(i, j int) bool { return better(&t.rows[j], &t.rows[i]) }

// up restores the heap order from row i towards the root.
func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.worse(i, p) {
			return
		}
		t.rows[i], t.rows[p] = t.rows[p], t.rows[i]
		i = p
	}
}

// down restores the heap order from row i towards the leaves.
func (t *topK) down(i int) {
	n := len(t.rows)
	for {
		c := 2*i + 1
		if c >= n {
			return
		}
		if r := c + 1; r < n && t.worse(r, c) {
			c = r
		}
		if !t.worse(c, i) {
			return
		}
		t.rows[i], t.rows[c] = t.rows[c], t.rows[i]
		i = c
	}
}

// admits reports whether a pair with weight w and candidate id would be
// kept.
func (t *topK) admits(w float64, id string) bool {
	if len(t.rows) < t.k {
		return true
	}
	worst := &t.rows[0]
	return w > worst.ps.weight || (w == worst.ps.weight && id < worst.c.rec.ID)
}

// floor is a weight that a pair must exceed to have a chance of being
// kept (ties are settled by candidate id, so "exceed" is safe only with
// admits; floor is for pruning: a pair whose weight cannot exceed floor
// and cannot tie it is hopeless). It is -Inf until the top-K is full.
func (t *topK) floor() float64 {
	if len(t.rows) < t.k {
		return math.Inf(-1)
	}
	return t.worst
}

func (t *topK) setWorst() {
	if len(t.rows) == t.k {
		t.worst = math.Nextafter(t.rows[0].ps.weight, math.Inf(-1))
	}
}

// offer keeps k if it is among the K best seen so far.
func (t *topK) offer(k kept) {
	if len(t.rows) < t.k {
		t.rows = append(t.rows, k)
		t.up(len(t.rows) - 1)
		t.setWorst()
		return
	}
	if better(&k, &t.rows[0]) {
		t.rows[0] = k
		t.down(0)
		t.setWorst()
	}
}

// merge offers every pair kept by o.
func (t *topK) merge(o *topK) {
	for _, k := range o.rows {
		t.offer(k)
	}
}

// sorted returns the kept pairs, best first.
func sortKept(ks []kept) {
	sort.Slice(ks, func(i, j int) bool { return better(&ks[i], &ks[j]) })
}
