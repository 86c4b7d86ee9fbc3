package match

import (
	"context"
	"math/rand/v2"
	"testing"

	"kinlink/records"
)

// linkBlocked runs the matcher in both modes at threshold 0 and returns,
// per mode, the candidate ids found for each person sought, and the pairs
// each blocking rule produced.
func linkBlocked(t *testing.T, missing, archive []records.Record) (found [2]map[string]map[string]bool, rules [NumRules]int64) {
	t.Helper()
	for mode := range found {
		m := DefaultModel()
		m.Prior = 1e-5
		l := NewLinker(Config{Top: 10, Workers: 2, Fixed: true, Model: m, Blocking: Blocking(mode)}, missing)
		var c Counters
		res, err := l.Run(context.Background(), SliceOpener(archive), nil, &c)
		if err != nil {
			t.Fatal(err)
		}
		rows := res.Rows
		found[mode] = map[string]map[string]bool{}
		for _, r := range rows {
			if found[mode][r.QueryID] == nil {
				found[mode][r.QueryID] = map[string]bool{}
			}
			found[mode][r.QueryID][r.CandidateID] = true
		}
		if Blocking(mode) == Blocked {
			for r := range rules {
				rules[r] = c.RulePairs[r].Load()
			}
		}
	}
	return found, rules
}

func TestBlockingRules(t *testing.T) {
	missing := []records.Record{
		{ID: "M1", FamilyName: "Park", GivenName: "Sunhee", BirthYear: 1940, Sex: "F"},
		{ID: "M2", FamilyName: "Minamioka", GivenName: "Shiori", BirthYear: 1950, Sex: "F"},
	}
	archive := []records.Record{
		{ID: "initial", FamilyName: "Pak", GivenName: "Sunhi", BirthYear: 1943},               // same surname and initial, year off
		{ID: "no-given", FullName: "PARK", BirthYear: 1971},                                   // no given name: the surname alone
		{ID: "year", FamilyName: "Park", GivenName: "Tunhee", BirthYear: 1940, Sex: "F"},      // typo at the initial, same year
		{ID: "swapped", FamilyName: "Sunhee", GivenName: "Park", BirthYear: 1944},             // fields swapped
		{ID: "married", FamilyName: "Kang", GivenName: "Sunhee", BirthYear: 1941, Sex: "F"},   // surname changed, year close
		{ID: "married2", FamilyName: "Kang", GivenName: "Sunhee", BirthYear: 1937, Sex: "F"},  // the same, in the decade before
		{ID: "one-word", FullName: "ミナミオカシオリ", BirthYear: 1951},                               // kana without a space: split elsewhere
		{ID: "alias", FamilyName: "Kang", GivenName: "Sunja", AltNames: "Park Sunja"},         // other name, same initial
		{ID: "unblocked", FamilyName: "Park", GivenName: "Tunhee", BirthYear: 1950, Sex: "F"}, // typo at the initial, year off
	}
	found, rules := linkBlocked(t, missing, archive)
	exhaustive, blocked := found[Exhaustive]["M1"], found[Blocked]["M1"]
	for id := range found[Blocked]["M2"] {
		blocked[id] = true
	}
	for id := range found[Exhaustive]["M2"] {
		exhaustive[id] = true
	}
	for _, id := range []string{"initial", "no-given", "year", "swapped", "married", "married2", "alias", "one-word"} {
		if !blocked[id] {
			t.Errorf("blocked mode missed %q (found %v)", id, blocked)
		}
		if !exhaustive[id] {
			t.Errorf("exhaustive mode missed %q (found %v)", id, exhaustive)
		}
	}
	// The price of blocking: a record that shares the surname but neither
	// the given name's first letter nor the birth year is not compared.
	if blocked["unblocked"] {
		t.Errorf("blocked mode compared a record sharing no blocking key")
	}
	if !exhaustive["unblocked"] {
		t.Errorf("exhaustive mode missed a close given name")
	}
	for r, n := range rules {
		if n == 0 && r != RulePhonetic {
			t.Errorf("rule %s found no pair", RuleNames[r])
		}
	}
}

func TestJoinSkeletons(t *testing.T) {
	// The skeleton of a joined name, from its parts' skeletons, is the
	// skeleton of the joined letters.
	rng := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		b := make([]byte, rng.IntN(6))
		for i := range b {
			b[i] = "aeiouyhwkgdtbpfvjzsrlmnc"[rng.IntN(24)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		if got, want := string(joinSkeletons(nil, skeleton(a), skeleton(b))), skeleton(a+b); got != want {
			t.Fatalf("joinSkeletons(%q, %q) = %q, skeleton(%q) = %q", skeleton(a), skeleton(b), got, a+b, want)
		}
	}
}
