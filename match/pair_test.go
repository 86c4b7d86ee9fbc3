package match

import (
	"context"
	"reflect"
	"testing"

	"kinlink/datasets"
	"kinlink/records"
)

// TestScorePairAgreesWithEngine checks that scorePair, which estimation
// sends its pairs through, scores a pair exactly as the engine does: every
// pair the engine keeps (threshold 0, room for every candidate) has the
// weight scorePair gives it, and every pair scorePair finds a candidate
// the engine keeps. Both ways of comparing keys (one at a time, or from a
// worker's cache) agree.
func TestScorePairAgreesWithEngine(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 21, Missing: 40, Archive: 1500})
	if err != nil {
		t.Fatal(err)
	}
	// and names written with characters no table reads
	people = append(people, unreadableMissing...)
	recs = append(recs, unreadableArchive...)
	l := NewLinker(Config{Top: 5000, Workers: 2}, people)
	res, err := l.Run(context.Background(), SliceOpener(recs), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix := l.runIndex(res.Model, res.Stats)
	prior := res.Model.priorWeight(res.Stats.Records)
	kept := map[[2]string]float64{}
	for _, r := range res.Rows {
		kept[[2]string{r.QueryID, r.CandidateID}] = r.MatchWeight
	}
	s := newSearcher(ix, nil)
	found := 0
	for i := range recs {
		c := prepare(&recs[i], nil, false)
		for qi := range ix.queries {
			ps, ok := res.Model.scorePair(ix, int32(qi), &c, nil)
			cached, okCached := res.Model.scorePair(ix, int32(qi), &c, s)
			if ok != okCached || ps.weight != cached.weight || ps.levels != cached.levels {
				t.Fatalf("%s/%s: one key at a time %v %.17g %v, from the cache %v %.17g %v", ix.queries[qi].rec.ID, c.rec.ID,
					ok, ps.weight, ps.levels, okCached, cached.weight, cached.levels)
			}
			w, inEngine := kept[[2]string{ix.queries[qi].rec.ID, c.rec.ID}]
			if ok != inEngine {
				t.Fatalf("%s/%s: scorePair finds a candidate: %v, the engine keeps it: %v", ix.queries[qi].rec.ID, c.rec.ID, ok, inEngine)
			}
			if !ok {
				continue
			}
			found++
			if got := ps.weight + prior; got != w {
				t.Fatalf("%s/%s: scorePair %.17g, engine %.17g", ix.queries[qi].rec.ID, c.rec.ID, got, w)
			}
		}
	}
	if found < 500 {
		t.Fatalf("only %d candidate pairs: the test tests little", found)
	}
}

// TestMayReachNeverMisses checks on generated keys that the letter bound
// rules out no pair whose similarity reaches nameCutoff, and rules out
// most unrelated pairs.
func TestMayReachNeverMisses(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 3, Missing: 300, Archive: 3000})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, rs := range [][]records.Record{people, recs} {
		for i := range rs {
			p := prepare(&rs[i], nil, false)
			for _, rd := range p.readings {
				if rd.family != "" {
					keys = append(keys, rd.family)
				}
				if rd.given != "" {
					keys = append(keys, rd.given)
				}
			}
		}
	}
	keys = append(keys, "kim", "kmi", "ito", "tio", "lee", "ele")
	pairs, ruledOut := 0, 0
	for i, a := range keys {
		for j := i % 31; j < len(keys); j += 29 {
			b := keys[j]
			pairs++
			if mayReach(a, b) {
				continue
			}
			ruledOut++
			if s := keySim(a, b); s >= nameCutoff {
				t.Fatalf("mayReach(%q, %q) rules out a pair of similarity %g", a, b, s)
			}
		}
	}
	if share := float64(ruledOut) / float64(pairs); share < 0.8 {
		t.Errorf("mayReach rules out %.0f%% of pairs, want most", 100*share)
	}
}

// TestRandomPairLevelsAreScorePairs checks that u is counted on the levels
// scorePair gives random pairs: with fewer pairs than the cap, every pair of
// the people sought and the sample is counted, exactly as a loop over them
// counts its levels, and pairs of one origin or agreeing on a name are
// counted among their conditions.
func TestRandomPairLevelsAreScorePairs(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 4, Missing: 30, Archive: 2000})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{}, people)
	st, err := l.Collect(context.Background(), SliceOpener(recs), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix := l.runIndex(l.cfg.Model, st)
	got := randomPairLevels(l.cfg.Model, ix, st.Sample)
	var want [numConditions]levelCounts
	for k := range want {
		want[k] = newLevelCounts()
	}
	for i := range st.Sample {
		c := prepare(&st.Sample[i], nil, false)
		for qi := range ix.queries {
			ps, _ := l.cfg.Model.scorePair(ix, int32(qi), &c, nil)
			want[condAll].add(ps.levels)
			if sameOrigin(&ix.queries[qi], &c) {
				want[condOrigin].add(ps.levels)
			}
			if ps.levels[CompFamily] == nameExact {
				want[condFamily].add(ps.levels)
			}
			if ps.levels[CompGiven] == nameExact {
				want[condGiven].add(ps.levels)
			}
		}
	}
	if got[condAll].pairs != int64(len(ix.queries)*len(st.Sample)) {
		t.Fatalf("%d random pairs, want all %d", got[condAll].pairs, len(ix.queries)*len(st.Sample))
	}
	for k := range want {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s: counted %v, scorePair gives %v", conditionLabels[k], got[k].counts, want[k].counts)
		}
	}
}
