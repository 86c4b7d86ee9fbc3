package match

import (
	"context"
	"strings"
	"testing"

	"kinlink/datasets"
	"kinlink/records"
)

func TestCodePoints(t *testing.T) {
	cases := []struct {
		key     string
		cp      bool
		written string
	}{
		{"x135741x30000", true, "𡈽田"},
		{"x135741jon", true, "𡈽jon"},
		{"x33538", true, "茂"},
		{"tsuchida", false, "tsuchida"},
		{"xu", false, "xu"},
		{"max", false, "max"},
		{"", false, ""},
		{"x99999999999", true, "x99999999999"}, // no character: kept as it is
	}
	for _, c := range cases {
		if got := codePoints(c.key); got != c.cp {
			t.Errorf("codePoints(%q) = %v, want %v", c.key, got, c.cp)
		}
		if got := writtenKey(c.key); got != c.written {
			t.Errorf("writtenKey(%q) = %q, want %q", c.key, got, c.written)
		}
	}
}

// unreadablePeople are names written with a kanji no table reads (𡈽,
// U+2123D, and its neighbour 𡈾, U+2123E): their keys hold code points.
// 𡈽田 茂 is half read: 茂 is Shigeru (or Shige, Tsutomu).
var (
	unreadableMissing = []records.Record{
		{ID: "Q1", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930},
		{ID: "Q2", FamilyName: "Tsuchida", GivenName: "Shigeru", BirthYear: 1930},
		{ID: "Q3", FamilyName: "髙橋", GivenName: "一郎", BirthYear: 1931},
		{ID: "Q4", FamilyName: "𡈽", GivenName: "𡈾", BirthYear: 1940},  // read nowhere
		{ID: "Q5", FamilyName: "田中", GivenName: "𡈽", BirthYear: 1938}, // the family name read
	}
	unreadableArchive = []records.Record{
		{ID: "same", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930},
		{ID: "swapped", FamilyName: "茂", GivenName: "𡈽田", BirthYear: 1931},
		{ID: "full", FullName: "𡈽田 茂", BirthYear: 1932},
		{ID: "kana", FamilyName: "𡈽田", GivenName: "しげる", BirthYear: 1930},
		{ID: "next-char", FamilyName: "𡈾田", GivenName: "茂", BirthYear: 1930},        // the next code point: another character
		{ID: "other", FamilyName: "𪚲田", GivenName: "𫝆", BirthYear: 1930},            // nothing in common
		{ID: "read", FamilyName: "Tsuchida", GivenName: "Shigeru", BirthYear: 1930}, // the same person, perhaps: 𡈽田 is not told
		{ID: "disagree", FamilyName: "𡈽田", GivenName: "Hiroshi", BirthYear: 1930},
		{ID: "unread", FamilyName: "𡈽", GivenName: "𡈾", BirthYear: 1940},
		{ID: "unread-swapped", FamilyName: "𡈾", GivenName: "𡈽", BirthYear: 1940},
		{ID: "takahashi", FamilyName: "高橋", GivenName: "一郎", BirthYear: 1931},
		{ID: "tanaka", FamilyName: "Tanaka", GivenName: "Hanako", BirthYear: 1960}, // found by the surname alone in blocked mode
		{ID: "kim", FamilyName: "Kim", GivenName: "Minsu", BirthYear: 1950},
	}
)

// runRows runs the matcher at threshold 0 with a fixed model in mode and
// returns its rows by query and candidate id.
func runRows(t *testing.T, mode Blocking, missing, archive []records.Record) map[[2]string]records.Match {
	t.Helper()
	m := DefaultModel()
	m.Prior = 1e-5
	l := NewLinker(Config{Top: 20, Workers: 2, Fixed: true, Model: m, Blocking: mode}, missing)
	res, err := l.Run(context.Background(), SliceOpener(archive), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[[2]string]records.Match{}
	for _, r := range res.Rows {
		rows[[2]string{r.QueryID, r.CandidateID}] = r
	}
	return rows
}

// TestUnreadableNamesAgreeByIdentity checks that a part of a name written
// with a character no table reads meets the same writing (exact
// agreement) and is missing otherwise, never disagreeing, while the part
// that is read is compared as any name is, whichever mode finds the pairs
// and with the same weights in both.
func TestUnreadableNamesAgreeByIdentity(t *testing.T) {
	type levels struct{ family, given string }
	want := map[[2]string]levels{
		{"Q1", "same"}:           {"exact", "exact"},
		{"Q1", "swapped"}:        {"exact", "exact"}, // 茂 read as a surname, Shigeru too
		{"Q1", "full"}:           {"exact", "exact"},
		{"Q1", "kana"}:           {"exact", "exact"},
		{"Q1", "next-char"}:      {"missing", "exact"}, // 𡈾 is not 𡈽
		{"Q1", "read"}:           {"missing", "exact"}, // 𡈽田 is not told: missing, not disagreeing
		{"Q1", "disagree"}:       {"exact", "else"},
		{"Q2", "read"}:           {"exact", "exact"},
		{"Q2", "same"}:           {"missing", "exact"},
		{"Q2", "swapped"}:        {"missing", "exact"},
		{"Q2", "full"}:           {"missing", "exact"},
		{"Q2", "kana"}:           {"missing", "exact"},
		{"Q2", "next-char"}:      {"missing", "exact"},
		{"Q3", "takahashi"}:      {"exact", "exact"},
		{"Q4", "unread"}:         {"exact", "exact"},
		{"Q4", "unread-swapped"}: {"exact", "exact"},
		{"Q5", "tanaka"}:         {"exact", "missing"},
		{"Q5", "unread"}:         {"missing", "exact"}, // 𡈽 in the other field
		{"Q5", "unread-swapped"}: {"missing", "exact"},
	}
	var rows [2]map[[2]string]records.Match
	for _, mode := range []Blocking{Exhaustive, Blocked} {
		rows[mode] = runRows(t, mode, unreadableMissing, unreadableArchive)
		got := rows[mode]
		for p, w := range want {
			r, ok := got[p]
			if !ok {
				t.Errorf("mode %d: %s does not meet %s", mode, p[0], p[1])
				continue
			}
			if r.LevelFamily != w.family || r.LevelGiven != w.given {
				t.Errorf("mode %d: %s/%s levels %s %s, want %s %s (%s)", mode, p[0], p[1], r.LevelFamily, r.LevelGiven, w.family, w.given, r.Explanation)
			}
			// a part holding code points is told 1 or 0, never between
			if cp := w.family == "missing" || p[0] == "Q4"; cp && r.JWFamily != 0 && r.JWFamily != 1 {
				t.Errorf("mode %d: %s/%s jw_family %g", mode, p[0], p[1], r.JWFamily)
			}
		}
		for p, r := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("mode %d: %s meets %s (%s)", mode, p[0], p[1], r.Explanation)
			}
		}
		for p, r := range got {
			if same := got[[2]string{"Q1", "same"}]; p[0] == "Q1" && r.MatchWeight > same.MatchWeight {
				t.Errorf("mode %d: Q1/%s weighs %g, more than the same writing (%g)", mode, p[1], r.MatchWeight, same.MatchWeight)
			}
		}
		if r := got[[2]string{"Q1", "same"}]; !strings.HasPrefix(r.Explanation, "family exact 𡈽田 (") || !strings.Contains(r.Explanation, "given exact shige") {
			t.Errorf("mode %d: explained %q, want the unread part as written, the read part as read", mode, r.Explanation)
		}
		if r := got[[2]string{"Q1", "read"}]; r.JWFamily != 0 || r.JWGiven != 1 || !strings.HasPrefix(r.Explanation, "family missing 0; given exact shigeru") {
			t.Errorf("mode %d: Q1/read jw %g %g, explained %q", mode, r.JWFamily, r.JWGiven, r.Explanation)
		}
	}
	if len(rows[Exhaustive]) != len(rows[Blocked]) {
		t.Errorf("exhaustive mode found %d pairs, blocked %d", len(rows[Exhaustive]), len(rows[Blocked]))
	}
	for p, r := range rows[Exhaustive] {
		if b, ok := rows[Blocked][p]; !ok || b.MatchWeight != r.MatchWeight || b.Rank != r.Rank {
			t.Errorf("%v: exhaustive %.17g rank %d, blocked %.17g rank %d (found %v)", p, r.MatchWeight, r.Rank, b.MatchWeight, b.Rank, ok)
		}
	}
}

// TestHalfReadableLevels checks the levels of the name parts of pairs of
// a half-read name, one pair at a time (scorePair, which estimation uses):
// the unread part by identity, the read part as any.
func TestHalfReadableLevels(t *testing.T) {
	query := []records.Record{{ID: "Q", FamilyName: "𡈽田", GivenName: "茂"}}
	l := NewLinker(Config{}, query)
	m := DefaultModel()
	ix := l.runIndex(m, nil)
	s := newSearcher(ix, nil)
	cases := []struct {
		family, given string
		want          [2]int8 // family, given
	}{
		{"Tsuchida", "Shigeru", [2]int8{missing, nameExact}},
		{"𡈽田", "茂", [2]int8{nameExact, nameExact}},
		{"𡈽田", "Hiroshi", [2]int8{nameExact, nameElse}},
		{"𡈽田", "Shigeo", [2]int8{nameExact, nameJW95}},
		{"Tsuchida", "しげ", [2]int8{missing, nameExact}},
		{"𡈾田", "Hiroshi", [2]int8{missing, nameElse}}, // found through neither part: not a candidate
	}
	for _, c := range cases {
		rec := records.Record{ID: "C", FamilyName: c.family, GivenName: c.given}
		p := prepare(&rec, nil, false)
		for _, srch := range []*searcher{nil, s} {
			ps, ok := m.scorePair(ix, 0, &p, srch)
			if got := [2]int8{ps.levels[CompFamily], ps.levels[CompGiven]}; got != c.want {
				t.Errorf("%s %s (cached %v): levels %v, want %v", c.family, c.given, srch != nil, got, c.want)
			}
			if candidate := c.want != [2]int8{missing, nameElse}; ok != candidate {
				t.Errorf("%s %s (cached %v): a candidate: %v, want %v", c.family, c.given, srch != nil, ok, candidate)
			}
		}
	}
}

// TestHalfReadableNameFound checks, through the whole pipeline with an
// estimated model, that 𡈽田 茂 finds Tsuchida Shigeru born the same year
// among many records, through the given name alone, in both modes and
// with the same weight.
func TestHalfReadableNameFound(t *testing.T) {
	people, recs, _, err := datasets.GenerateRecords(datasets.GenerateConfig{Seed: 5, Missing: 50, Archive: 3000})
	if err != nil {
		t.Fatal(err)
	}
	people = append(people, records.Record{ID: "Q-tsuchida", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930})
	recs = append(recs,
		records.Record{ID: "A-tsuchida", FamilyName: "Tsuchida", GivenName: "Shigeru", BirthYear: 1930},
		records.Record{ID: "A-shigeru", FamilyName: "Takahashi", GivenName: "Shigeru", BirthYear: 1952})
	var weight [2]float64
	for _, mode := range []Blocking{Exhaustive, Blocked} {
		l := NewLinker(Config{Top: 10, Workers: 2, Blocking: mode}, people)
		res, err := l.Run(context.Background(), SliceOpener(recs), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range res.Rows {
			if r.QueryID == "Q-tsuchida" && r.CandidateID == "A-tsuchida" {
				found, weight[mode] = true, r.MatchWeight
				if r.LevelFamily != "missing" || r.LevelGiven != "exact" || r.LevelBirthYear != "exact" || r.Rank != 1 {
					t.Errorf("mode %d: rank %d, levels %s %s %s", mode, r.Rank, r.LevelFamily, r.LevelGiven, r.LevelBirthYear)
				}
			}
		}
		if !found {
			t.Errorf("mode %d: 𡈽田 茂 does not find Tsuchida Shigeru", mode)
		}
	}
	if weight[Exhaustive] != weight[Blocked] {
		t.Errorf("weights differ: exhaustive %.17g, blocked %.17g", weight[Exhaustive], weight[Blocked])
	}
}

// TestStatsCountUnreadableNames counts the records agreeing exactly with
// a name written with a character no table reads, as scoring compares
// it: the same characters for the unread part, the same reading for the
// part read (茂: Shigeru), in either field; and sends the pairs of the
// same writing to the estimation rounds.
func TestStatsCountUnreadableNames(t *testing.T) {
	missing := []records.Record{{ID: "Q1", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930}}
	archive := []records.Record{
		{ID: "A1", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930}, // family, given, both
		{ID: "A2", FamilyName: "茂", GivenName: "𡈽田", BirthYear: 1970}, // fields swapped: the same; born far
		{ID: "A3", FamilyName: "𡈽田", GivenName: "一郎"},                 // family only
		{ID: "A4", FamilyName: "𡈾田", GivenName: "茂", BirthYear: 1930}, // given only: 𡈾 is not 𡈽
		{ID: "A5", FamilyName: "Tsuchida", GivenName: "Shigeru"},      // given only: 茂 reads Shigeru
		{ID: "A6", FamilyName: "田", GivenName: "茂"},                   // given only (den shigeru): not 𡈽田
	}
	l := NewLinker(Config{Workers: 2, BatchSize: 2}, missing)
	st, err := l.Collect(context.Background(), SliceOpener(archive), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := [4]int64{st.FamilyCount[0], st.GivenCount[0], st.NamesCount[0], st.NamesFarCount[0]}
	if want := [4]int64{3, 5, 2, 1}; got != want {
		t.Errorf("family, given, both, both far counted %v, want %v", got, want)
	}
	names, given, family := st.PersonRoundPairs(0)
	// family+given: A1, A2; given+birth_year: A1, A4; family+birth_year: A1
	if names != 2 || given != 2 || family != 1 {
		t.Errorf("round pairs %d %d %d, want 2 2 1", names, given, family)
	}
}
