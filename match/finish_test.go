package match

import (
	"testing"

	"kinlink/datasets"
)

// TestPlaceLevelsRemembered checks that the place levels a worker
// remembers are those a direct comparison gives, the first time and from
// the cache.
func TestPlaceLevelsRemembered(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 5, Missing: 100, Archive: 400})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{}, people)
	kc := newKeyCache()
	var cached, compared int
	for round := range 2 {
		for i := range recs {
			c := prepare(&recs[i], kc, false)
			if c.place[0] == "" {
				continue
			}
			if c.places == nil {
				t.Fatalf("%s: a known place without levels", c.rec.Name())
			}
			for qi := range l.ix.queries {
				q := &l.ix.queries[qi]
				if q.place[0] == "" {
					continue
				}
				if q.placeID < 0 {
					t.Fatalf("%s: a known place without an id", q.rec.Name())
				}
				if int(q.placeID) < len(c.places.level) && c.places.level[q.placeID] > 0 {
					cached++
				}
				compared++
				if got, want := c.placeLevel(q), placeLevel(q.place, c.place); got != want {
					t.Fatalf("round %d: %q vs %q: level %d, want %d", round, c.rec.BirthPlace, q.rec.BirthPlace, got, want)
				}
			}
		}
	}
	if cached == 0 || cached == compared {
		t.Fatalf("%d of %d levels came from the cache", cached, compared)
	}
}
