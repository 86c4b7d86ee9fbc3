package match

import (
	"context"
	"strings"
	"testing"

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
var (
	unreadableMissing = []records.Record{
		{ID: "Q1", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930},
		{ID: "Q2", FamilyName: "Tsuchida", GivenName: "Shigeru", BirthYear: 1930},
		{ID: "Q3", FamilyName: "髙橋", GivenName: "一郎", BirthYear: 1931},
	}
	unreadableArchive = []records.Record{
		{ID: "same", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930},
		{ID: "swapped", FamilyName: "茂", GivenName: "𡈽田", BirthYear: 1931},
		{ID: "full", FullName: "𡈽田 茂", BirthYear: 1932},
		{ID: "next-char", FamilyName: "𡈾田", GivenName: "茂", BirthYear: 1930},        // the next code point: another character
		{ID: "other", FamilyName: "𪚲田", GivenName: "𫝆", BirthYear: 1930},            // nothing in common
		{ID: "read", FamilyName: "Tsuchida", GivenName: "Shigeru", BirthYear: 1930}, // the same person, perhaps, read: not told
		{ID: "takahashi", FamilyName: "高橋", GivenName: "一郎", BirthYear: 1931},
		{ID: "kim", FamilyName: "Kim", GivenName: "Minsu", BirthYear: 1950},
	}
)

// runRows runs the matcher at threshold 0 with a fixed model in mode and
// returns its rows by query and candidate id.
func runRows(t *testing.T, mode Blocking, missing, archive []records.Record) map[[2]string]records.Match {
	t.Helper()
	m := DefaultModel()
	m.Prior = 1e-5
	l := NewLinker(Config{Top: 10, Workers: 2, Fixed: true, Model: m, Blocking: mode}, missing)
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

// TestUnreadableNamesAgreeByIdentity checks that a name written with a
// character no table reads meets the same writing (exact agreement, rank
// first), and nothing else through its name: not a neighbouring code
// point, not the name read in letters, whichever mode finds the pairs.
func TestUnreadableNamesAgreeByIdentity(t *testing.T) {
	var rows [2]map[[2]string]records.Match
	for _, mode := range []Blocking{Exhaustive, Blocked} {
		rows[mode] = runRows(t, mode, unreadableMissing, unreadableArchive)
		got := rows[mode]
		for _, id := range []string{"same", "swapped", "full"} {
			r, ok := got[[2]string{"Q1", id}]
			if !ok {
				t.Errorf("mode %d: Q1 does not meet %q", mode, id)
				continue
			}
			if r.LevelFamily != "exact" || r.LevelGiven != "exact" || r.JWFamily != 1 || r.JWGiven != 1 {
				t.Errorf("mode %d: Q1/%s levels %s %s (jw %g %g), want exact on both", mode, id, r.LevelFamily, r.LevelGiven, r.JWFamily, r.JWGiven)
			}
		}
		if r := got[[2]string{"Q1", "same"}]; r.Rank != 1 {
			t.Errorf("mode %d: the same writing ranks %d", mode, r.Rank)
		}
		if r, ok := got[[2]string{"Q1", "next-char"}]; ok {
			// the given name is the same character; the family name is another
			if r.LevelFamily != "missing" || r.LevelGiven != "exact" || r.JWFamily != 0 {
				t.Errorf("mode %d: Q1/next-char levels %s %s (jw %g), want missing and exact", mode, r.LevelFamily, r.LevelGiven, r.JWFamily)
			}
		} else if mode == Exhaustive {
			t.Errorf("mode %d: Q1 does not meet next-char, which shares its given name", mode)
		}
		for _, p := range [][2]string{{"Q1", "other"}, {"Q1", "read"}, {"Q1", "kim"}, {"Q2", "same"}, {"Q2", "swapped"}, {"Q2", "full"}, {"Q2", "next-char"}} {
			if r, ok := got[p]; ok {
				t.Errorf("mode %d: %s meets %s (%s)", mode, p[0], p[1], r.Explanation)
			}
		}
		if _, ok := got[[2]string{"Q2", "read"}]; !ok {
			t.Errorf("mode %d: readable names no longer meet", mode)
		}
		if r := got[[2]string{"Q1", "same"}]; !strings.HasPrefix(r.Explanation, "family exact 𡈽田 (") || !strings.Contains(r.Explanation, "given exact 茂 (") {
			t.Errorf("mode %d: explained %q, want the characters as written", mode, r.Explanation)
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

// TestStatsCountUnreadableNames counts the records agreeing exactly with
// a name written with a character no table reads, as scoring compares
// it: the same characters, in either field; and sends the pairs of the
// same writing to the estimation rounds.
func TestStatsCountUnreadableNames(t *testing.T) {
	missing := []records.Record{{ID: "Q1", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930}}
	archive := []records.Record{
		{ID: "A1", FamilyName: "𡈽田", GivenName: "茂", BirthYear: 1930}, // family, given, both
		{ID: "A2", FamilyName: "茂", GivenName: "𡈽田", BirthYear: 1970}, // fields swapped: the same; born far
		{ID: "A3", FamilyName: "𡈽田", GivenName: "一郎"},                 // family only
		{ID: "A4", FamilyName: "𡈾田", GivenName: "茂", BirthYear: 1930}, // given only: 𡈾 is not 𡈽
		{ID: "A5", FamilyName: "Tsuchida", GivenName: "Shigeru"},      // read: not counted
		{ID: "A6", FamilyName: "田", GivenName: "茂"},                   // read (jeon mu, den shigeru): not 𡈽田, nor 茂 as written
	}
	l := NewLinker(Config{Workers: 2, BatchSize: 2}, missing)
	st, err := l.Collect(context.Background(), SliceOpener(archive), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := [4]int64{st.FamilyCount[0], st.GivenCount[0], st.NamesCount[0], st.NamesFarCount[0]}
	if want := [4]int64{3, 3, 2, 1}; got != want {
		t.Errorf("family, given, both, both far counted %v, want %v", got, want)
	}
	names, given, family := st.PersonRoundPairs(0)
	// family+given: A1, A2; given+birth_year: A1, A4; family+birth_year: A1
	if names != 2 || given != 2 || family != 1 {
		t.Errorf("round pairs %d %d %d, want 2 2 1", names, given, family)
	}
}
