package match

import "math"

// scorePair scores one pair, person sought qi of ix (its readings weighed,
// see weights.go) and archive record c, the way the engine does (see
// worker.compareRecord), one pair at a time: every reading of the person
// against every reading of c, in both name orders and through other
// names, the best weight kept. Estimation sends its pairs through it, so
// that u and m describe the levels that scoring gives.
//
// The similarities of keys come from s, a worker's cache of key
// comparisons, or when s is nil from cutSim, one pair of keys at a time:
// the two agree (TestScorePairCachedAgrees).
//
// ok is false when no name part of any reading pair reaches nameCutoff,
// a pair candidate search does not score; ps then holds the levels of the
// first readings in direct order, which is what such a pair is.
func (m *Model) scorePair(ix *index, qi int32, c *person, s *searcher) (best pairScore, ok bool) {
	q := &ix.queries[qi]
	first := ix.first[qi]
	bestW := math.Inf(-1)
	for ci := range c.readings {
		cr := &c.readings[ci]
		var hf, hg *hits
		if s != nil {
			hf, hg = s.lookup(cr.family), s.lookup(cr.given)
		}
		for ri := range q.readings {
			qr := &q.readings[ri]
			r := first + int32(ri)
			var famD, famS, famA, givD, givS float64
			if s == nil {
				famD, famS = cutSim(cr.family, qr.family), cutSim(cr.given, qr.family)
				givD, givS = cutSim(cr.given, qr.given), cutSim(cr.family, qr.given)
				for _, a := range c.aliases {
					famA = max(famA, cutSim(a, qr.family))
				}
			} else {
				fk, gk := ix.famKey[r], ix.givKey[r]
				famD, famS = hitSim(hf.family, fk), hitSim(hg.family, fk)
				givD, givS = hitSim(hg.given, gk), hitSim(hf.given, gk)
				for _, a := range c.aliases {
					famA = max(famA, hitSim(s.lookup(a).family, fk))
				}
			}
			if s == nil {
				for _, a := range q.aliases {
					famA = max(famA, cutSim(cr.family, a))
				}
			} else {
				for _, k := range ix.aliasKeys[qi] {
					famA = max(famA, hitSim(hf.alias, k))
				}
			}
			if famD == 0 && famS == 0 && famA == 0 && givD == 0 && givS == 0 {
				continue
			}
			consider := func(n nameScore, swapped, viaAlias bool) {
				ps, _ := m.score(q, c, n.pairScore(qr, cr, swapped, viaAlias), math.Inf(-1))
				if ps.weight > bestW {
					best, bestW, ok = ps, ps.weight, true
				}
			}
			// The orders in the engine's sequence, skipped where it
			// skips them (see compareRecord).
			n := m.nameParts(qr, cr, famD, givD, false, false)
			consider(n, false, false)
			most := n.weight()
			if n = m.nameParts(qr, cr, famS, givS, true, false); n.weight() > most {
				consider(n, true, false)
				most = n.weight()
			}
			if famA > famD {
				if n = m.nameParts(qr, cr, famA, givD, false, true); n.weight() > most {
					consider(n, false, true)
					most = n.weight()
				}
			}
			if famA > famS && givS > 0 {
				if n = m.nameParts(qr, cr, famA, givS, true, true); n.weight() > most {
					consider(n, true, true)
				}
			}
		}
	}
	if ok || len(q.readings) == 0 || len(c.readings) == 0 {
		return best, ok
	}
	qr, cr := &q.readings[0], &c.readings[0]
	ps, _ := m.score(q, c, m.names(qr, cr, 0, 0, false, false), math.Inf(-1))
	return ps, false
}

// hitSim is the similarity of key k among hs, or 0.
func hitSim(hs []hit, k int32) float64 {
	if k < 0 {
		return 0
	}
	for _, h := range hs {
		if h.key == k {
			return h.jw
		}
	}
	return 0
}

// cutSim is the similarity candidate search gives a key of an archive
// record and a key of a person sought: keySim, or 0 when below nameCutoff
// or when a key is missing.
func cutSim(cand, query string) float64 {
	if cand == "" || query == "" {
		return 0
	}
	if cand == query {
		return 1
	}
	if !mayReach(cand, query) || codePoints(cand) || codePoints(query) {
		return 0 // code points agree by identity only (see codepoints.go)
	}
	if s := keySim(cand, query); s >= nameCutoff {
		return s
	}
	return 0
}

// mayReach reports whether keySim(a, b) may reach nameCutoff, from the
// letters the keys share: Jaro counts at most that many matches m, so it
// is at most (m/|a| + m/|b| + 1)/3, and the Winkler boost adds at most a
// tenth of the rest per common leading letter. Most pairs of unrelated
// names share too few letters, and are ruled out without Jaro-Winkler.
// Letters are counted by their low five bits, which keeps a-z apart and
// can only overcount what two keys share.
func mayReach(a, b string) bool {
	var counts [32]int16
	for i := 0; i < len(a); i++ {
		counts[a[i]&31]++
	}
	common := 0
	for i := 0; i < len(b); i++ {
		if c := &counts[b[i]&31]; *c > 0 {
			*c--
			common++
		}
	}
	if common == 0 {
		return false
	}
	m := float64(common)
	j := (m/float64(len(a)) + m/float64(len(b)) + 1) / 3
	prefix := 0
	for prefix < 4 && prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	bound := j + float64(float64(prefix)*0.1*(1-j))
	return bound >= nameCutoff-1e-9
}
