package match

import "kinlink/records"

// scratch holds one worker's working space for the archive record being
// compared. The similarities are kept by key of the people sought (0 when
// below nameCutoff), set from the record's hits and cleared from them, so
// a reading's similarities are read from its keys whichever way it was
// reached.
type scratch struct {
	fd, fs, fa []float64 // by family key: vs the record's family name, its given name (swapped), its other names
	gd, gs     []float64 // by given key: vs the record's given name, its family name (swapped)
	aq         []float64 // by alias key (an other name of a person sought): vs the record's family name
	faKeys     []int32   // the family keys fa holds
	touched    []int32   // readings of the people sought sharing a close key with the record
	mark       []bool
	// Blocked mode: the readings sharing a blocking key with the record.
	allowed     []bool
	allowedList []int32
	best        []pairScore // per person sought, for the current record
	bestSet     []bool
	queries     []int32 // persons sought with a best score for the current record
}

func newScratch(ix *index) *scratch {
	n, nf, ng := len(ix.readings), len(ix.family.keys), len(ix.given.keys)
	return &scratch{
		fd: make([]float64, nf), fs: make([]float64, nf), fa: make([]float64, nf),
		gd: make([]float64, ng), gs: make([]float64, ng), aq: make([]float64, len(ix.alias.keys)),
		mark: make([]bool, n), allowed: make([]bool, n),
		best: make([]pairScore, len(ix.queries)), bestSet: make([]bool, len(ix.queries)),
	}
}

// set records the similarity of each hit by key.
func set(into []float64, hs []hit) {
	for _, h := range hs {
		into[h.key] = h.jw
	}
}

// unset undoes set.
func unset(into []float64, hs []hit) {
	for _, h := range hs {
		into[h.key] = 0
	}
}

// touch marks every reading owning a key in hs.
func (s *scratch) touch(hs []hit, owners [][]int32) {
	for _, h := range hs {
		for _, r := range owners[h.key] {
			if !s.mark[r] {
				s.mark[r] = true
				s.touched = append(s.touched, r)
			}
		}
	}
}

func (s *scratch) reset() {
	for _, r := range s.touched {
		s.mark[r] = false
	}
	s.touched = s.touched[:0]
	for _, k := range s.faKeys {
		s.fa[k] = 0
	}
	s.faKeys = s.faKeys[:0]
	for _, r := range s.allowedList {
		s.allowed[r] = false
	}
	s.allowedList = s.allowedList[:0]
}

// compareRecord scores archive record c against every person sought that
// shares a close enough name key with it, and offers each one's best
// reading pair to its top-K.
func (w *worker) compareRecord(c *person, tops []topK) {
	ix, s := w.ix, w.s
	for ci := range c.readings {
		cr := &c.readings[ci]
		hf, hg := w.searcher.peek(cr.family), w.searcher.peek(cr.given)
		if w.blocks != nil {
			if w.block(c, cr, hf, hg); len(s.allowedList) == 0 {
				continue // blocked mode: nothing to score, no need to compare the keys
			}
		}
		w.searcher.complete(hf)
		w.searcher.complete(hg)
		set(s.fd, hf.family)
		set(s.fs, hg.family)
		set(s.gd, hg.given)
		set(s.gs, hf.given)
		set(s.aq, hf.alias)
		for _, a := range c.aliases {
			for _, h := range w.lookup(a).family { // the record's other name vs the query's family name
				s.fa[h.key] = max(s.fa[h.key], h.jw)
				s.faKeys = append(s.faKeys, h.key)
			}
		}
		// The readings to score: in blocked mode those sharing a blocking
		// key, else those sharing a close key in some role.
		pending := s.allowedList
		if w.blocks == nil {
			s.touch(hf.family, ix.family.owners)
			s.touch(hg.family, ix.family.owners)
			s.touch(hg.given, ix.given.owners)
			s.touch(hf.given, ix.given.owners)
			s.touch(hf.alias, ix.alias.owners) // the query's other name vs the record's family name
			for _, a := range c.aliases {
				s.touch(w.lookup(a).family, ix.family.owners)
			}
			pending = s.touched
		}
		for _, r := range pending {
			qr := ix.readings[r]
			var famD, famS, famA, givD, givS float64
			if k := ix.famKey[r]; k >= 0 {
				famD, famS, famA = s.fd[k], s.fs[k], s.fa[k]
			}
			if k := ix.givKey[r]; k >= 0 {
				givD, givS = s.gd[k], s.gs[k]
			}
			for _, k := range ix.aliasKeys[qr.query] {
				if k >= 0 {
					famA = max(famA, s.aq[k])
				}
			}
			if famD == 0 && famS == 0 && famA == 0 && givD == 0 && givS == 0 {
				continue // no name part close in any role: the pair cannot pass (see search.go)
			}
			q := &ix.queries[qr.query]
			rd := &q.readings[qr.reading]
			top := &tops[qr.query]
			rest := w.model.restBound(q, c)
			// The pair in each order, and through an other name. The other
			// fields weigh the same in every order, so an order whose
			// names weigh no more than an order already considered can
			// neither beat it nor pass where it failed: it is skipped.
			m := w.model
			n := m.nameParts(rd, cr, famD, givD, false, false)
			w.consider(q, c, qr.query, top, rest, rd, cr, n, false, false)
			most := n.weight()
			if n = m.nameParts(rd, cr, famS, givS, true, false); n.weight() > most {
				w.consider(q, c, qr.query, top, rest, rd, cr, n, true, false)
				most = n.weight()
			}
			if famA > famD {
				if n = m.nameParts(rd, cr, famA, givD, false, true); n.weight() > most {
					w.consider(q, c, qr.query, top, rest, rd, cr, n, false, true)
					most = n.weight()
				}
			}
			if famA > famS && givS > 0 {
				// The other name, with the given name in the family field.
				if n = m.nameParts(rd, cr, famA, givS, true, true); n.weight() > most {
					w.consider(q, c, qr.query, top, rest, rd, cr, n, true, true)
				}
			}
		}
		unset(s.fd, hf.family)
		unset(s.fs, hg.family)
		unset(s.gd, hg.given)
		unset(s.gs, hf.given)
		unset(s.aq, hf.alias)
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

// consider completes the score of query reading qr against candidate
// reading cr in one order, whose names are scored (n, see
// Model.nameParts), and keeps the pair if it is the best so far for
// person sought qi and this record. Ties keep the first considered, which
// is deterministic: readings in order, direct first. scorePair does the
// same one pair at a time.
//
// A pair that cannot beat this record's best pair for the person sought,
// nor enter that person's top-K, nor reach the threshold (see
// thresholdCut), is dropped: before its other fields are scored in full
// when its names' weight plus rest, the most the other fields can add,
// does not exceed the floor, and after when its weight does not. The
// weights are final, the top-K only ever rises and the cut depends on the
// pair alone, so a dropped pair could not have been kept: the result does
// not depend on the order records arrive in.
func (w *worker) consider(q, c *person, qi int32, top *topK, rest float64, qr, cr *reading, n nameScore, swapped, viaAlias bool) {
	s := w.s
	floor := max(top.floor(), w.cut)
	if s.bestSet[qi] {
		floor = max(floor, s.best[qi].weight)
	}
	if n.weight()+rest <= floor {
		return
	}
	ps, ok := w.model.score(q, c, n.pairScore(qr, cr, swapped, viaAlias), floor)
	if !ok || ps.weight <= floor {
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

// worker is one scoring goroutine's state.
type worker struct {
	ix       *index
	model    *Model
	s        *scratch
	searcher *searcher
	keys     *keyCache
	pairs    int64 // pairs compared since the last report

	cut       float64         // see thresholdCut
	blocks    *blockIndex     // nil in exhaustive mode
	rulePairs [NumRules]int64 // pairs each blocking rule produced since the last report
	phon      []byte          // scratch for a phonetic blocking key
}

func (w *worker) lookup(key string) *hits { return w.searcher.lookup(key) }

// shared is what the workers of a run share, read-only or locked.
type shared struct {
	ix     *index
	model  *Model
	blocks *blockIndex // nil in exhaustive mode
	cut    float64     // see thresholdCut
}

func newWorker(sh *shared) *worker {
	ix := sh.ix
	return &worker{ix: ix, model: sh.model, s: newScratch(ix), searcher: newSearcher(ix, sh.blocks),
		keys: newKeyCache(), blocks: sh.blocks, cut: sh.cut}
}

// compareBatch prepares and compares a batch of archive records.
func (w *worker) compareBatch(batch []records.Record, tops []topK) {
	for i := range batch {
		c := prepare(&batch[i], w.keys, false)
		w.compareRecord(&c, tops)
	}
}
