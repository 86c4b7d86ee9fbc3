package match

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"kinlink/datasets"
	"kinlink/records"
)

// TestStatsCountsHandMade counts, on a hand-made archive, the records that
// agree exactly with each person sought on the family name, the given name
// and both: through every reading, in either field, through other names.
func TestStatsCountsHandMade(t *testing.T) {
	missing := []records.Record{
		{ID: "M1", FamilyName: "Ono", GivenName: "Shinichi", BirthYear: 1930},
		{ID: "M2", FamilyName: "Kim", GivenName: "Minsu"},
	}
	archive := []records.Record{
		{ID: "A1", FamilyName: "Ono", GivenName: "Shinichi", BirthYear: 1933},  // M1: family, given, both
		{ID: "A2", FamilyName: "Shinichi", GivenName: "Ono", BirthYear: 1950},  // fields swapped: the same; born far
		{ID: "A3", FamilyName: "Ohno", GivenName: "Sin'iti"},                   // other spellings, same keys
		{ID: "A4", FamilyName: "Ono", GivenName: "Taro"},                       // family only
		{ID: "A5", FamilyName: "Yamada", GivenName: "Shinichi"},                // given only
		{ID: "A6", FamilyName: "Yamada", GivenName: "Hanako", AltNames: "Ono"}, // family, as an other name
		{ID: "A7", FullName: "Minsu Kim"},                                      // M2: given first in a full name
		{ID: "A8", FamilyName: "Gim", GivenName: "Min-su"},                     // M2
		{ID: "A9", FamilyName: "Kim", GivenName: "Jiyeon"},                     // M2: family only
	}
	l := NewLinker(Config{Workers: 2, BatchSize: 3}, missing)
	st, err := l.Collect(context.Background(), SliceOpener(archive), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The last count: bearing both, born more than five years apart
	// (M2 has no birth year).
	want := map[string][4]int64{"M1": {5, 4, 3, 1}, "M2": {3, 2, 2, 0}}
	for i, id := range st.Queries {
		got := [4]int64{st.FamilyCount[i], st.GivenCount[i], st.NamesCount[i], st.NamesFarCount[i]}
		if got != want[id] {
			t.Errorf("%s: family, given, both, both far counted %v, want %v", id, got, want[id])
		}
	}
	if st.Records != int64(len(archive)) {
		t.Errorf("%d records, want %d", st.Records, len(archive))
	}
}

// TestStatsMergeEqualsWhole checks that the statistics of an archive cut
// into parts, merged, are those of the whole: counts summed, the sample
// chosen by id hash, whatever the cut.
func TestStatsMergeEqualsWhole(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 8, Missing: 50, Archive: 12_000})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{}, people)
	whole, err := l.Collect(context.Background(), SliceOpener(recs), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Sample) != sampleSize {
		t.Fatalf("sample of %d records, want %d", len(whole.Sample), sampleSize)
	}
	for _, parts := range []int{2, 3, 7} {
		var merged *Stats
		for p := range parts {
			var part []records.Record
			for i := p; i < len(recs); i += parts {
				part = append(part, recs[i])
			}
			st, err := l.Collect(context.Background(), SliceOpener(part), true, nil)
			if err != nil {
				t.Fatal(err)
			}
			if merged == nil {
				merged = st
			} else if err := merged.Merge(st); err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(merged, whole) {
			t.Errorf("%d parts merged differ from the whole", parts)
		}
	}
	// The sample is the records of smallest id hash.
	ids := make([]string, len(recs))
	for i := range recs {
		ids[i] = recs[i].ID
	}
	slices.SortFunc(ids, func(a, b string) int {
		if sampleLess(idHash(a), a, idHash(b), b) {
			return -1
		}
		return 1
	})
	for i, r := range whole.Sample {
		if r.ID != ids[i] {
			t.Fatalf("sample record %d is %s, want %s", i, r.ID, ids[i])
		}
	}
}

// TestStatsSubtract: the statistics of some records taken from those of
// all leave the sums of the others (the sample is the caller's).
func TestStatsSubtract(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 9, Missing: 50, Archive: 6_000})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{}, people)
	collect := func(rs []records.Record) *Stats {
		st, err := l.Collect(context.Background(), SliceOpener(rs), true, nil)
		if err != nil {
			t.Fatal(err)
		}
		st.Sample = nil
		return st
	}
	all, some, rest := collect(recs), collect(recs[:1500]), collect(recs[1500:])
	if slices.Max(some.FamilyCount) == 0 || slices.Max(some.Rounds[roundNames]) == 0 {
		t.Fatal("the records taken out count for nobody: the test tests nothing")
	}
	if err := all.Subtract(some); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(all, rest) {
		t.Error("all minus some differ from the rest")
	}
}

func TestVectorIndexRoundTrips(t *testing.T) {
	seen := map[int]bool{}
	for i := range numVectors {
		ls := vectorLevels(i)
		if vectorIndex(ls) != i {
			t.Fatalf("%d → %v → %d", i, ls, vectorIndex(ls))
		}
		seen[i] = true
	}
	if len(seen) != 6*6*6*3*4 {
		t.Fatalf("%d vectors", len(seen))
	}
}
