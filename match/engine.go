package match

import "kinlink/datasets"

// scratch holds, for one archive record, the similarity of its keys with
// the keys of each reading of each person sought (0 when below nameCutoff).
type scratch struct {
	famD, givD []float64 // direct order: family vs family, given vs given
	famS, givS []float64 // swapped: candidate given vs query family, candidate family vs query given
	famA       []float64 // family through an alias (either side's other name)
	touched    []int32
	mark       []bool
	// Blocked mode: the readings sharing a blocking key with the record.
	allowed     []bool
	allowedList []int32
	best        []pairScore // per person sought, for the current record
	bestSet     []bool
	queries     []int32 // persons sought with a best score for the current record
}

func newScratch(ix *index) *scratch {
	n := len(ix.readings)
	return &scratch{
		famD: make([]float64, n), givD: make([]float64, n),
		famS: make([]float64, n), givS: make([]float64, n), famA: make([]float64, n),
		mark: make([]bool, n), allowed: make([]bool, n),
		best: make([]pairScore, len(ix.queries)), bestSet: make([]bool, len(ix.queries)),
	}
}

func (s *scratch) touch(r int32) {
	if !s.mark[r] {
		s.mark[r] = true
		s.touched = append(s.touched, r)
	}
}

func (s *scratch) reset() {
	for _, r := range s.touched {
		s.mark[r] = false
		s.famD[r], s.givD[r], s.famS[r], s.givS[r], s.famA[r] = 0, 0, 0, 0, 0
	}
	s.touched = s.touched[:0]
	for _, r := range s.allowedList {
		s.allowed[r] = false
	}
	s.allowedList = s.allowedList[:0]
}

// spread records the similarity of each hit for every reading owning it.
func spread(hs []hit, t *keyTable, into []float64, s *scratch) {
	for _, h := range hs {
		for _, r := range t.owners[h.key] {
			into[r] = max(into[r], h.jw)
			s.touch(r)
		}
	}
}

// compareRecord scores archive record c against every person sought that
// shares a close enough name key with it, and offers each one's best
// reading pair to its top-K.
func (w *worker) compareRecord(c *person, tops []topK) {
	ix, s := w.ix, w.s
	for ci := range c.readings {
		cr := &c.readings[ci]
		if !cr.readable {
			continue
		}
		if w.blocks != nil {
			w.block(c, cr)
		}
		hf, hg := w.lookup(cr.family), w.lookup(cr.given)
		spread(hf.family, &ix.family, s.famD, s)
		spread(hg.given, &ix.given, s.givD, s)
		spread(hg.family, &ix.family, s.famS, s)
		spread(hf.given, &ix.given, s.givS, s)
		spread(hf.alias, &ix.alias, s.famA, s) // the query's other name vs the record's family name
		for _, a := range c.aliases {
			spread(w.lookup(a).family, &ix.family, s.famA, s) // the record's other name vs the query's family name
		}
		for _, r := range s.touched {
			if w.blocks != nil && !s.allowed[r] {
				continue // blocked mode: no blocking key shared
			}
			qr := ix.readings[r]
			q := &ix.queries[qr.query]
			rd := &q.readings[qr.reading]
			top := &tops[qr.query]
			rest := w.model.restBound(q, c)
			w.consider(q, c, qr.query, top, rest, w.model.names(rd, cr, s.famD[r], s.givD[r], false, false))
			w.consider(q, c, qr.query, top, rest, w.model.names(rd, cr, s.famS[r], s.givS[r], true, false))
			if s.famA[r] > s.famD[r] {
				w.consider(q, c, qr.query, top, rest, w.model.names(rd, cr, s.famA[r], s.givD[r], false, true))
			}
			if s.famA[r] > s.famS[r] && s.givS[r] > 0 {
				// The other name, with the given name in the family field.
				w.consider(q, c, qr.query, top, rest, w.model.names(rd, cr, s.famA[r], s.givS[r], true, true))
			}
		}
		s.reset()
	}
	for _, qi := range s.queries {
		ps := &s.best[qi]
		s.bestSet[qi] = false
		if tops[qi].admits(ps.weight, c.rec.ID) {
			tops[qi].offer(kept{ps: *ps, q: &ix.queries[qi], c: c.detach()})
		}
	}
	s.queries = s.queries[:0]
	if w.blocks == nil {
		w.pairs += int64(len(ix.queries))
	}
}

// consider completes the score of a pair whose names are scored (see
// Model.names) and keeps it if it is the best so far for person sought qi
// and this record. Ties keep the first considered, which is deterministic:
// readings in order, direct first.
//
// A pair that cannot beat this record's best pair for the person sought,
// nor enter that person's top-K, is dropped before its other fields are
// compared: its names' weight plus rest, the most the other fields can
// add, does not exceed the floor. The top-K only ever rises, so a dropped
// pair could not have been kept: the result does not depend on the order
// records arrive in.
func (w *worker) consider(q, c *person, qi int32, top *topK, rest float64, ps pairScore) {
	s := w.s
	floor := top.floor()
	if s.bestSet[qi] {
		floor = max(floor, s.best[qi].weight)
	}
	if ps.weight+rest <= floor {
		return
	}
	ps, ok := w.model.score(q, c, ps, floor)
	if !ok {
		return
	}
	if !s.bestSet[qi] {
		s.bestSet[qi] = true
		s.best[qi] = ps
		s.queries = append(s.queries, qi)
		return
	}
	if ps.weight > s.best[qi].weight {
		s.best[qi] = ps
	}
}

// count tallies, for term frequencies, the archive records whose first
// reading carries a family or given key of a person sought, in either
// role: a name's frequency must not depend on which field a clerk (or a
// parse) put it in, or "Choi" read as a given name would look rare.
func (w *worker) count(c *person) {
	if len(c.readings) == 0 {
		return
	}
	rd := &c.readings[0]
	fk, fok := w.ix.family.id[rd.family]
	if fok {
		w.famCount[fk]++
	}
	if k, ok := w.ix.family.id[rd.given]; ok && (!fok || k != fk) {
		w.famCount[k]++
	}
	gk, gok := w.ix.given.id[rd.given]
	if gok {
		w.givCount[gk]++
	}
	if k, ok := w.ix.given.id[rd.family]; ok && (!gok || k != gk) {
		w.givCount[k]++
	}
}

// worker is one scoring goroutine's state.
type worker struct {
	famCount []int64 // per family key of the people sought: archive records carrying it
	givCount []int64
	ix       *index
	model    *Model
	s        *scratch
	searcher *searcher
	keys     *keyCache
	pairs    int64 // pairs compared since the last report

	blocks    *blockIndex     // nil in exhaustive mode
	rulePairs [NumRules]int64 // pairs each blocking rule produced since the last report
}

func (w *worker) lookup(key string) *hits { return w.searcher.lookup(key) }

func newWorker(ix *index, m *Model, blocks *blockIndex) *worker {
	return &worker{ix: ix, model: m, s: newScratch(ix), searcher: newSearcher(ix), keys: newKeyCache(), blocks: blocks,
		famCount: make([]int64, len(ix.family.keys)), givCount: make([]int64, len(ix.given.keys))}
}

// compareBatch prepares and compares a batch of archive records.
func (w *worker) compareBatch(batch []datasets.Record, tops []topK) {
	for i := range batch {
		c := prepare(&batch[i], w.keys)
		w.count(&c)
		w.compareRecord(&c, tops)
	}
}
