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

// topK keeps the K best pairs seen for one person sought. The pairs stay
// where they were put in rows; a heap of their weights and places, whose
// root is the worst pair kept, orders them, so a new pair replaces the
// worst when better. A pair is large and a person sought's pairs are
// rarely touched (cold in the processor's caches): sifting the small
// entries of the heap instead of the pairs themselves reads a few cache
// lines instead of dozens.
type topK struct {
	k     int
	rows  []kept
	heap  []heapEntry
	worst float64 // floor(), cached: updated whenever the root changes
}

// heapEntry is a pair kept: its weight and its place in rows.
type heapEntry struct {
	weight float64
	row    int32
}

// worse reports whether heap entry i ranks after entry j: the heap's
// order (see better; the candidate ids settle equal weights).
func (t *topK) worse(i, j int) bool {
	a, b := t.heap[i], t.heap[j]
	if a.weight != b.weight {
		return a.weight < b.weight
	}
	return t.rows[a.row].c.rec.ID > t.rows[b.row].c.rec.ID
}

// up restores the heap order from entry i towards the root.
func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.worse(i, p) {
			return
		}
		t.heap[i], t.heap[p] = t.heap[p], t.heap[i]
		i = p
	}
}

// down restores the heap order from entry i towards the leaves.
func (t *topK) down(i int) {
	n := len(t.heap)
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
		t.heap[i], t.heap[c] = t.heap[c], t.heap[i]
		i = c
	}
}

// admits reports whether a pair with weight w and candidate id would be
// kept.
func (t *topK) admits(w float64, id string) bool {
	if len(t.heap) < t.k {
		return true
	}
	root := t.heap[0]
	return w > root.weight || (w == root.weight && id < t.rows[root.row].c.rec.ID)
}

// floor is a weight that a pair must exceed to have a chance of being
// kept (ties are settled by candidate id, so "exceed" is safe only with
// admits; floor is for pruning: a pair whose weight cannot exceed floor
// and cannot tie it is hopeless). It is -Inf until the top-K is full.
func (t *topK) floor() float64 {
	if len(t.heap) < t.k {
		return math.Inf(-1)
	}
	return t.worst
}

func (t *topK) setWorst() {
	if len(t.heap) == t.k {
		t.worst = math.Nextafter(t.heap[0].weight, math.Inf(-1))
	}
}

// offer keeps k if it is among the K best seen so far.
func (t *topK) offer(k kept) {
	if len(t.heap) < t.k {
		t.rows = append(t.rows, k)
		t.heap = append(t.heap, heapEntry{k.ps.weight, int32(len(t.rows) - 1)})
		t.up(len(t.heap) - 1)
		t.setWorst()
		return
	}
	if t.admits(k.ps.weight, k.c.rec.ID) {
		root := &t.heap[0]
		t.rows[root.row] = k
		root.weight = k.ps.weight
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
