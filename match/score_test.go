package match

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"kinlink/records"
)

// fillerSize is the number of unrelated records link adds to an archive,
// so that term frequencies are those of a population, not of a handful.
const fillerSize = 4999

// filler returns unrelated archive records: one in five is a Kim, none
// bears a name used in the tests' people sought, nor a birth year.
func filler() []records.Record {
	families := []string{"Kim", "Park", "Sato", "Tanaka", "Choe"}
	givens := []string{"Sunhee", "Kenji", "Mieko", "Dongsu", "Haruo", "Jiyeon", "Masao"}
	out := make([]records.Record, fillerSize)
	for i := range out {
		out[i] = records.Record{ID: fmt.Sprintf("Z%05d", i), FamilyName: families[i%len(families)],
			GivenName: givens[(i/len(families))%len(givens)] + strings.Repeat("a", i%3)}
	}
	return out
}

// link runs the matcher with the default model (u fixed, prior 1e-5, so the
// weights are the documented ones) over archive plus the filler, and
// returns the rows of each person sought.
func link(t *testing.T, missing, archive []records.Record, threshold float64) map[string][]records.Match {
	t.Helper()
	m := DefaultModel()
	m.Prior = 1e-5
	l := NewLinker(Config{Top: 10, Threshold: threshold, Workers: 2, Fixed: true, Model: m}, missing)
	res, err := l.Run(context.Background(), SliceOpener(append(filler(), archive...)), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]records.Match{}
	for _, r := range res.Rows {
		out[r.QueryID] = append(out[r.QueryID], r)
	}
	return out
}

func TestDefaultModelIsValid(t *testing.T) {
	m := DefaultModel()
	if err := m.compile(); err != nil {
		t.Fatal(err)
	}
	// Every "else" level must count against a match, every exact level for it.
	for c, name := range comparisonNames {
		ws := m.weights[c]
		if name != "sex" && (ws[0] <= 0 || ws[len(ws)-1] >= 0) {
			t.Errorf("%s: exact weight %.2f, else weight %.2f", name, ws[0], ws[len(ws)-1])
		}
	}
}

func TestHandComputedWeight(t *testing.T) {
	// Higashiura Tadaaki, sought, against an archive of the filler (no
	// Higashiura, no Tadaaki) and the candidate, 39 other Higashiuras and
	// one other Tadaaki. The prior is fixed (1e-5), so no record counts as
	// the person's own other record.
	q := records.Record{ID: "M1", FamilyName: "Higashiura", GivenName: "Tadaaki", BirthYear: 1930, Sex: "M", BirthPlace: "Osaka"}
	archive := []records.Record{
		{ID: "A1", FamilyName: "Higashiura", GivenName: "Tadaaki", BirthYear: 1932, Sex: "M"},
		{ID: "A2", FamilyName: "Nakamura", GivenName: "Tadaaki"},
	}
	for i := range 39 {
		g := []string{"Kenji", "Mieko", "Haruo", "Hanako", "Saburo"}[i%5]
		archive = append(archive, records.Record{ID: fmt.Sprintf("B%02d", i), FamilyName: "Higashiura", GivenName: g})
	}
	got := link(t, []records.Record{q}, archive, 0)["M1"]
	if len(got) == 0 || got[0].CandidateID != "A1" {
		t.Fatalf("got %v", got)
	}
	n := float64(fillerSize + len(archive))
	// u of exact agreement: (records bearing the name − 1 + ½)/n.
	uFamily := (4 - 1 + 0.5) / n       // four Higashiuras
	uNames := (1 - 1 + 0.5) / n        // one Higashiura Tadaaki
	want := math.Log2(1e-5/(1-1e-5)) + // prior
		math.Log2(0.85/uFamily) + // family exact
		math.Log2(0.88*uFamily/uNames) + // given exact, with the family name: the pair's joint share
		math.Log2(0.03/0.033) + // birth year off by two
		math.Log2(0.97/0.97) // sex agrees, as namesakes sharing a given name do; place missing: 0
	if math.Abs(got[0].MatchWeight-want) > 1e-9 {
		t.Errorf("weight %.6f, want %.6f\n%s", got[0].MatchWeight, want, got[0].Explanation)
	}
	if p := 1 / (1 + math.Exp2(-want)); math.Abs(got[0].MatchProbability-p) > 1e-12 {
		t.Errorf("probability %g, want %g", got[0].MatchProbability, p)
	}
	for _, part := range []string{"family exact higashiura (0.79% of records)", "given exact tadaki (2.5% of records with higashiura)",
		"birth_year off by 2", "sex agree (as for namesakes: same given name)", "birth_place missing 0", "prior"} {
		if !strings.Contains(got[0].Explanation, part) {
			t.Errorf("explanation lacks %q: %s", part, got[0].Explanation)
		}
	}
}

func TestCommonSurnameCountsLess(t *testing.T) {
	// The given names agree alike (Minho for Minsu); the family name is
	// borne by a thousand records of the archive, or by one.
	missing := []records.Record{
		{ID: "M1", FamilyName: "Kim", GivenName: "Minsu", BirthYear: 1935},
		{ID: "M2", FamilyName: "Higashiura", GivenName: "Minsu", BirthYear: 1935},
	}
	archive := []records.Record{
		{ID: "A1", FamilyName: "Kim", GivenName: "Minho", BirthYear: 1935},
		{ID: "A2", FamilyName: "Higashiura", GivenName: "Minho", BirthYear: 1935},
	}
	got := link(t, missing, archive, 0)
	kim, rare := got["M1"][0], got["M2"][0]
	if kim.CandidateID != "A1" || rare.CandidateID != "A2" || kim.LevelGiven != rare.LevelGiven {
		t.Fatalf("best candidates: %v %v", kim, rare)
	}
	// log2(1000.5/0.5): a thousand and one Kims, one Higashiura.
	if d, want := rare.MatchWeight-kim.MatchWeight, math.Log2(1000.5/0.5); math.Abs(d-want) > 1e-9 {
		t.Errorf("Higashiura agreement %.3f bits stronger than Kim, want %.3f (%s | %s)", d, want, kim.Explanation, rare.Explanation)
	}
}

// TestExactNamesakesShareTheirEvidence checks that exact agreement weighs
// by the records bearing the person's name in any reading: a record whose
// first reading is the Korean one of Takashi (dagashi, for a Japanese
// given name under a Korean surname) is not rarer than the Takashis it
// stands among.
func TestExactNamesakesShareTheirEvidence(t *testing.T) {
	missing := []records.Record{{ID: "M1", FamilyName: "Tanaka", GivenName: "Takashi", Origin: "ja"}}
	archive := []records.Record{{ID: "A1", FamilyName: "Pak", GivenName: "Takashi"}}
	for i := range 20 {
		archive = append(archive, records.Record{ID: fmt.Sprintf("A%02d", i+10), FamilyName: "Suzuki", GivenName: "Takashi"})
	}
	got := link(t, missing, archive, 0)["M1"]
	w := map[string]float64{}
	for _, r := range got {
		if r.LevelGiven != "exact" || r.LevelFamily != "else" {
			t.Fatalf("%s: levels %s/%s: %s", r.CandidateID, r.LevelFamily, r.LevelGiven, r.Explanation)
		}
		w[r.CandidateID] = r.MatchWeight
	}
	if len(w) < 2 || w["A1"] != w["A10"] {
		t.Errorf("Pak Takashi weighs %.3f, Suzuki Takashi %.3f: %v", w["A1"], w["A10"], got)
	}
}

func TestSwappedOrderFound(t *testing.T) {
	missing := []records.Record{{ID: "M1", FamilyName: "Ri", GivenName: "Ho Rim", BirthYear: 1934}}
	archive := []records.Record{
		{ID: "A1", FullName: "Horim LEE", BirthYear: 1934},
		{ID: "A2", FamilyName: "Horim", GivenName: "Lee", BirthYear: 1934}, // clerk swapped the fields
	}
	got := link(t, missing, archive, 0.5)["M1"]
	found := map[string]string{}
	for _, r := range got {
		found[r.CandidateID] = r.NameOrder
	}
	if found["A2"] != "swapped" {
		t.Errorf("swapped fields not matched as swapped: %v", got)
	}
	if found["A1"] != "swapped" {
		t.Errorf("given-first full name not found in swapped order: %v", got)
	}
}

func TestSurnameChangeFound(t *testing.T) {
	// A Japanese woman sought by her maiden name, recorded under her
	// married Korean surname: given name, birth year, sex and place agree.
	missing := []records.Record{{ID: "M1", FamilyName: "Takahashi", GivenName: "Yukiko", BirthYear: 1938, Sex: "F", BirthPlace: "Niigata"}}
	archive := []records.Record{
		{ID: "A1", FamilyName: "Pak", GivenName: "Yukiko", BirthYear: 1938, Sex: "F", BirthPlace: "Niigata"},
		{ID: "A2", FamilyName: "Pak", GivenName: "Yukiko", BirthYear: 1938, Sex: "F", BirthPlace: "Niigata", AltNames: "Takahashi Yukiko"},
		{ID: "A3", FamilyName: "Pak", GivenName: "Yuki", BirthYear: 1951, Sex: "F", BirthPlace: "Pyongyang"},
	}
	got := link(t, missing, archive, 0.5)["M1"]
	if len(got) < 2 || got[0].CandidateID != "A2" || got[1].CandidateID != "A1" {
		t.Fatalf("want A2 (alias) then A1 (given+year+place), got %v", got)
	}
	if !strings.Contains(got[0].Explanation, "via other name") {
		t.Errorf("alias agreement not explained: %s", got[0].Explanation)
	}
	for _, r := range got {
		if r.CandidateID == "A3" {
			t.Errorf("unrelated Pak Yuki kept: %v", r)
		}
	}
}

func TestFilteredPairsCannotPass(t *testing.T) {
	// Candidate search skips pairs with no name part ≥ nameCutoff. The best
	// such pair disagrees on both names and agrees on everything else; it
	// must stay far below any useful threshold.
	m := DefaultModel()
	w := m.priorWeight(100_000) + m.weights[CompFamily][nameElse] + m.weights[CompGiven][nameElse] +
		m.weights[CompBirthYear][yearExact] + m.weights[CompSex][sexAgree] + m.weights[CompBirthPlace][placeExact]
	if p := probability(w); p > 0.001 {
		t.Fatalf("a pair disagreeing on both names can reach p=%g", p)
	}
}

func TestTransposedShortSurnameFound(t *testing.T) {
	missing := []records.Record{{ID: "M1", FamilyName: "Kim", GivenName: "Wongyu", BirthYear: 1919, Origin: "ko"}}
	archive := []records.Record{{ID: "A1", FamilyName: "Kmi", GivenName: "Won-gyu", BirthYear: 1919, Origin: "ko"}}
	got := link(t, missing, archive, 0)["M1"]
	for _, r := range got {
		if r.CandidateID != "A1" {
			continue
		}
		if r.LevelFamily != "jw>=0.88" || !strings.Contains(r.Explanation, "letters transposed") {
			t.Errorf("Kmi against Kim: level %q, explanation %q", r.LevelFamily, r.Explanation)
		}
		return
	}
	t.Errorf("Kmi Won-gyu not found for Kim Wongyu: %v", got)
}

func TestSurnameChangeWithSwappedFieldsFound(t *testing.T) {
	// The clerk put the given name in the family-name field, and kept the
	// maiden name as an other name.
	missing := []records.Record{{ID: "M1", FamilyName: "Takahashi", GivenName: "Yukiko", BirthYear: 1938, Sex: "F"}}
	archive := []records.Record{{ID: "A1", FamilyName: "Yukiko", GivenName: "Pak", BirthYear: 1938, Sex: "F", AltNames: "Takahashi"}}
	got := link(t, missing, archive, 0.5)["M1"]
	if len(got) == 0 || got[0].CandidateID != "A1" {
		t.Fatalf("want A1, got %v", got)
	}
	if got[0].LevelFamily != "exact" || got[0].LevelGiven != "exact" || !strings.Contains(got[0].Explanation, "via other name") {
		t.Errorf("want exact family via the other name and exact given name: %v", got[0])
	}
}

func TestKanaReadingColumns(t *testing.T) {
	// A register in kanji with its kana readings (フリガナ): the kana say
	// how the record's name is read, whatever else the kanji could be
	// read (海斗 is Kaito far more often than Minato).
	missing := []records.Record{{ID: "M1", FamilyName: "Ueno", GivenName: "Minato", BirthYear: 1931, Sex: "M"}}
	archive := []records.Record{
		{ID: "A1", FamilyName: "上野", GivenName: "海斗", FamilyNameKana: "ウエノ", GivenNameKana: "ミナト", BirthYear: 1931, Sex: "M"},
		{ID: "A2", FullName: "上野 海斗", FullNameKana: "うえの みなと", BirthYear: 1931, Sex: "M"},
		{ID: "A3", FamilyNameKana: "うえの", GivenNameKana: "みなと", BirthYear: 1931, Sex: "M"}, // the kana alone
		{ID: "A4", FamilyName: "上野", GivenName: "海斗", BirthYear: 1931, Sex: "M"},           // no kana
	}
	got := link(t, missing, archive, 0)["M1"]
	exact := map[string]bool{}
	for _, r := range got {
		exact[r.CandidateID] = r.JWGiven == 1 && r.JWFamily == 1
	}
	for _, id := range []string{"A1", "A2", "A3"} {
		if !exact[id] {
			t.Errorf("%s not matched on its kana readings: %+v", id, got)
		}
	}
	if exact["A4"] {
		t.Errorf("A4 has no kana, yet its given name read Minato: %+v", got)
	}
}

// TestNamesakesNearSpelling checks that a near spelling of the given name
// is weighed by its u among namesakes when the family name agrees exactly
// (Minsoo for Minsu is common among the Kims, who are Korean), and by its
// u among all pairs when it does not.
func TestNamesakesNearSpelling(t *testing.T) {
	m := DefaultModel()
	m.Prior = 1e-5
	given := m.Comparisons["given"]
	for l := range given {
		given[l].UNamesakes = []float64{0.5, 0.01, 0.04, 0.05, 0.4}[l]
	}
	if err := m.compile(); err != nil {
		t.Fatal(err)
	}
	l := NewLinker(Config{Model: m, Fixed: true}, []records.Record{{ID: "M1", FamilyName: "Kim", GivenName: "Minsu"}})
	ix := l.runIndex(m, nil)
	for _, c := range []struct {
		family string
		want   float64
	}{{"Kim", math.Log2(0.04 / 0.04)}, {"Yamashita", math.Log2(0.04 / 0.01)}} {
		rec := records.Record{ID: "A1", FamilyName: c.family, GivenName: "Minso"}
		p := prepare(&rec, nil, false)
		ps, _ := m.scorePair(ix, 0, &p, nil)
		if ps.levels[CompGiven] != nameJW88 {
			t.Fatalf("%s Minso: given level %d, want jw>=0.88", c.family, ps.levels[CompGiven])
		}
		if math.Abs(ps.contrib[CompGiven]-c.want) > 1e-12 {
			t.Errorf("%s Minso: given weighs %.3f, want %.3f", c.family, ps.contrib[CompGiven], c.want)
		}
		if note := strings.Contains(ps.explain(m), "given jw>=0.88 (as for namesakes: same family name)"); note != (c.family == "Kim") {
			t.Errorf("%s Minso: explanation %q", c.family, ps.explain(m))
		}
	}
	// Exact agreement is weighed by the name's frequency, never as for
	// namesakes.
	m.Comparisons["family"][nameExact].UNamesakes = 0.2
	if err := m.compile(); err != nil {
		t.Fatal(err)
	}
	rec := records.Record{ID: "A2", FamilyName: "Kim", GivenName: "Minsu"}
	p := prepare(&rec, nil, false)
	if ps, _ := m.scorePair(ix, 0, &p, nil); strings.Contains(ps.explain(m), "namesakes") {
		t.Errorf("Kim Minsu: explanation %q", ps.explain(m))
	}
}
