package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"kinlink/records"
)

// hostileName is a name no page may trip on: markup, an entity, both
// quotes, a script end tag and a formula.
const hostileName = `<b>Kim</b> & "Ho" 'Rim' </script><script>alert(1)</script> =cmd`

// fixture is a small matches file: a Japanese and a Korean person sought
// with candidates in kana, Hangul and romanisations, one with a hostile
// name, written as kinlink match writes rows (weights add up).
func fixture() *records.MatchFile {
	row := func(q, qn, c, cn string, rank int32, levels [5]string, w [5]float64, tf [2]float64) records.Match {
		prior := -10.0
		sum := prior
		for _, x := range w {
			sum += x
		}
		expl := fmt.Sprintf("family %s %+.1f; given %s %+.1f; birth_year %s %+.1f; sex %s %+.1f; birth_place %s %+.1f; prior %+.1f = %.1f bits",
			levels[0], w[0], levels[1], w[1], levels[2], w[2], levels[3], w[3], levels[4], w[4], prior, sum)
		return records.Match{QueryID: q, CandidateID: c, Rank: rank, MatchProbability: 1 / (1 + math.Exp2(-sum)), MatchWeight: sum,
			JWFamily: 1, JWGiven: 0.9, NameOrder: "direct", QueryName: qn, CandidateName: cn, Explanation: expl,
			LevelFamily: levels[0], LevelGiven: levels[1], LevelBirthYear: levels[2], LevelSex: levels[3], LevelBirthPlace: levels[4],
			WeightFamily: w[0], WeightGiven: w[1], WeightBirthYear: w[2], WeightSex: w[3], WeightBirthPlace: w[4], WeightPrior: prior,
			TFFamily: tf[0], TFGiven: tf[1]}
	}
	all := [5]string{"exact", "exact", "exact", "agree", "exact"}
	rows := []records.Match{
		row("J1", "Higashiura Tomoko", "A1", "ひがしうら ともこ", 1, all, [5]float64{9, 8, 6, 1, 4}, [2]float64{0.0001, 0.002}),
		row("J1", "Higashiura Tomoko", "A2", "Kim Tomoko", 2, [5]string{"else", "exact", "off by 1", "agree", "missing"}, [5]float64{-3.8, 8, 2.6, 1, 0}, [2]float64{0, 0.002}),
		row("K1", "Lee Ho-rim", "A3", "리 호림", 1, [5]string{"exact", "jw>=0.95", "missing", "missing", "missing"}, [5]float64{3, 5.9, 0, 0, 0}, [2]float64{0.1, 0}),
		row("K1", "Lee Ho-rim", "A4", hostileName, 2, [5]string{"exact", "else", "else", "disagree", "jw>=0.88"}, [5]float64{3, -5, -5.4, -4, 1.3}, [2]float64{0.1, 0}),
		row("K2", hostileName, "A5", "Pak Sun-hee", 1, [5]string{"jw>=0.88", "exact", "exact", "agree", "else"}, [5]float64{3.3, 8.5, 6.2, 1, -3.2}, [2]float64{0, 0.01}),
	}
	d := int32(1)
	rows[1].BirthYearDiff = &d
	rows[1].NameOrder = "swapped"
	model := `{"prior":0,"comparisons":{"family":[{"name":"exact","m":0.85,"u":0.01},{"name":"jw>=0.95","m":0.03,"u":0.002},{"name":"jw>=0.88","m":0.03,"u":0.01},{"name":"jw>=0.80","m":0.02,"u":0.03},{"name":"else","m":0.07,"u":0.95}],` +
		`"given":[{"name":"exact","m":0.88,"u":0.002},{"name":"jw>=0.95","m":0.03,"u":0.002},{"name":"jw>=0.88","m":0.04,"u":0.01},{"name":"jw>=0.80","m":0.02,"u":0.03},{"name":"else","m":0.03,"u":0.95}],` +
		`"birth_year":[{"name":"exact","m":0.8,"u":0.017},{"name":"off by 1","m":0.13,"u":0.033},{"name":"off by 2-5","m":0.05,"u":0.13},{"name":"else","m":0.02,"u":0.82}],` +
		`"sex":[{"name":"agree","m":0.97,"u":0.5},{"name":"disagree","m":0.03,"u":0.5}],` +
		`"birth_place":[{"name":"exact","m":0.85,"u":0.05},{"name":"jw>=0.88","m":0.05,"u":0.02},{"name":"else","m":0.1,"u":0.93}]}}`
	has := map[string]bool{}
	for _, mc := range []string{"weight_prior", "explanation"} {
		has[mc] = true
	}
	return &records.MatchFile{Rows: rows, Has: has, Meta: map[string]string{
		"kinlink.version": "0.1.0",
		"kinlink.config":  `{"threshold":0,"top":10,"blocking":"blocked","missing":"people.csv"}`,
		"kinlink.rows":    `{"missing_read":3,"archive_read":1000,"pairs_by_rule":{"surname+initial":40,"phonetic":7}}`,
		"kinlink.columns": "missing: id=id; archive: id=id",
		"kinlink.model":   model,
	}}
}

func fixtureInput() Input {
	return Input{MatchesPath: "/data/run/matches.parquet", Matches: fixture(), Version: "test",
		Now: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC),
		Missing: map[string]*records.Record{
			"J1": {ID: "J1", FamilyName: "Higashiura", GivenName: "Tomoko", BirthYear: 1941, Sex: "F", Origin: "ja"},
			"K2": {ID: "K2", FullName: hostileName},
		},
		Archive: map[string]*records.Record{
			"A1": {ID: "A1", FullName: "ひがしうら ともこ", BirthYear: 1941, Sex: "F", BirthPlace: "Ōsaka"},
			"A3": {ID: "A3", FamilyName: "리", GivenName: "호림", AltNames: "Ri Horim"},
		},
	}
}

func buildFixture(t *testing.T, in Input) (*Data, string) {
	t.Helper()
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	return d, b.String()
}

var dataBlock = regexp.MustCompile(`(?s)<script type="application/json" id="kinlink-data">(.*?)</script>`)

// The page loads nothing: no address of any kind to fetch, no external
// script, style, image or font, and a policy that forbids loading
// anything should a name ever smuggle an address in.
func TestHTMLLoadsNothing(t *testing.T) {
	_, page := buildFixture(t, fixtureInput())
	for _, bad := range []string{"http://", "https://", "//cdn", "src=", "@import", "url(", "@font-face", "<link", "<iframe", "<img", "fetch(", "XMLHttpRequest", "import("} {
		if i := strings.Index(page, bad); i >= 0 {
			t.Errorf("the page holds %q: ...%s...", bad, page[max(0, i-60):min(len(page), i+60)])
		}
	}
	if !strings.Contains(page, `Content-Security-Policy" content="default-src 'none'`) {
		t.Error("no Content-Security-Policy forbidding loads")
	}
}

// The data block decodes to exactly the data built, and its names come
// back byte for byte, the hostile one included.
func TestDataBlockRoundTrips(t *testing.T) {
	d, page := buildFixture(t, fixtureInput())
	m := dataBlock.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no data block")
	}
	var back Data
	if err := json.Unmarshal([]byte(m[1]), &back); err != nil {
		t.Fatalf("data block is not JSON: %v", err)
	}
	want, _ := json.Marshal(d)
	got, _ := json.Marshal(&back)
	if !bytes.Equal(want, got) {
		t.Errorf("data block differs from the data:\n got %.400s\nwant %.400s", got, want)
	}
	if back.People[1].Cands[1].Name != hostileName || back.People[2].Name != hostileName || back.People[2].Rec.Full != hostileName {
		t.Errorf("hostile name came back as %q / %q", back.People[1].Cands[1].Name, back.People[2].Name)
	}
	if back.People[0].Cands[0].Name != "ひがしうら ともこ" || back.People[1].Cands[0].Name != "리 호림" {
		t.Errorf("kana or Hangul did not come back: %q, %q", back.People[0].Cands[0].Name, back.People[1].Cands[0].Name)
	}
}

// A name cannot end the data block or start markup: the page holds as
// many script elements as the template has, and no raw < from the data.
func TestHTMLEscapesNames(t *testing.T) {
	_, page := buildFixture(t, fixtureInput())
	if n := strings.Count(strings.ToLower(page), "</script"); n != 2 {
		t.Errorf("%d script end tags, want 2 (data and code)", n)
	}
	if n := strings.Count(strings.ToLower(page), "<script"); n != 2 {
		t.Errorf("%d script start tags, want 2", n)
	}
	block := dataBlock.FindStringSubmatch(page)[1]
	for _, raw := range []string{"<", ">", "&", "<!--"} {
		if strings.Contains(block, raw) {
			t.Errorf("data block holds a raw %q", raw)
		}
	}
	for name, asset := range map[string]string{"css": string(pageCSS), "js": string(pageJS)} {
		for _, bad := range []string{"</script", "</style", "<!--"} {
			if strings.Contains(strings.ToLower(asset), bad) {
				t.Errorf("the embedded %s holds %q", name, bad)
			}
		}
	}
}

func TestBuild(t *testing.T) {
	d, err := Build(fixtureInput())
	if err != nil {
		t.Fatal(err)
	}
	if d.Counts.People != 3 || d.Counts.Candidates != 5 || len(d.People) != 3 {
		t.Fatalf("counts %+v", d.Counts)
	}
	if d.Title != "matches.parquet" || d.Run.File != "matches.parquet" {
		t.Errorf("title %q: the report must name the file, not the folders", d.Title)
	}
	j1 := d.People[0]
	if j1.ID != "J1" || j1.Origin != "ja" || j1.Rec == nil || j1.Rec.Year != 1941 || j1.Read[0].FamilyKey != "higashiura" {
		t.Errorf("J1 = %+v, read %+v", j1, j1.Read)
	}
	if c := j1.Cands[0]; c.Read == nil || c.Read.Origin != "ja" || c.Read.FamilyKey != "higashiura" || c.Rec == nil || c.Rec.Place != "Ōsaka" {
		t.Errorf("kana candidate read as %+v, rec %+v", c.Read, c.Rec)
	}
	if c := d.People[1].Cands[0]; c.Read == nil || c.Read.Origin != "ko" || c.Read.FamilyKey != "lee" {
		t.Errorf("Hangul candidate read as %+v", c.Read)
	}
	if c := j1.Cands[1]; c.Order != "swapped" || c.DY == nil || *c.DY != 1 || c.Lv[fieldBirthPlace] != -1 {
		t.Errorf("second candidate: order %q, gap %v, place level %d", c.Order, c.DY, c.Lv[fieldBirthPlace])
	}
	// The levels come in the model's order, with m, u, their weight and
	// a colour class from agree (0) to disagree (4).
	fam := d.Levels[fieldFamily]
	if len(fam) != 5 || fam[0].Name != "exact" || fam[0].Class != 0 || fam[4].Class != 4 || fam[2].Class != 2 || fam[2].Count != 1 {
		t.Errorf("family levels %+v", fam)
	}
	if w := float64(fam[1].W); math.Abs(w-math.Log2(0.03/0.002)) > 1e-9 {
		t.Errorf("jw>=0.95 weight %g, want log2(m/u)", w)
	}
	if !d.Run.Model || !d.Run.Structured || d.Run.Version != "0.1.0" {
		t.Errorf("run %+v", d.Run)
	}
	if !reflect.DeepEqual(d.Run.RulePairs, [][2]string{{"phonetic", "7"}, {"surname+initial", "40"}}) {
		t.Errorf("rule pairs %v", d.Run.RulePairs)
	}
	if c := d.People[1].Cands[1]; c.Wt[fieldSex] != -4 || c.Prior != -10 || c.Lv[fieldSex] != 1 {
		t.Errorf("contributions %v prior %v level %v", c.Wt, c.Prior, c.Lv)
	}
	if len(d.Notes) != 0 {
		t.Errorf("notes %q, want none with both record files and weight columns", d.Notes)
	}
	// The id depends on the rows, not on where the file is or when the
	// report is written.
	in := fixtureInput()
	in.MatchesPath, in.Now = "elsewhere/m.parquet", in.Now.Add(time.Hour)
	if d2, _ := Build(in); d2.ReportID != d.ReportID {
		t.Errorf("report id changed with the path: %s, %s", d.ReportID, d2.ReportID)
	}
	in.Matches.Rows[0].MatchWeight += 0.5
	if d3, _ := Build(in); d3.ReportID == d.ReportID {
		t.Error("report id did not change with the rows")
	}
}

func TestBuildFilters(t *testing.T) {
	in := fixtureInput()
	in.QueryIDs = map[string]bool{"K1": true, "K2": true}
	in.MinProbability = 0.3 // K1/A3 is at 0.32, K1/A4 far below
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.People {
		for _, c := range p.Cands {
			got = append(got, p.ID+"/"+c.ID)
		}
	}
	if want := []string{"K1/A3", "K2/A5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	if d.Counts.FilePeople != 3 || d.Counts.FileRows != 5 || len(d.Notes) != 1 {
		t.Errorf("counts %+v notes %q", d.Counts, d.Notes)
	}

	in = fixtureInput()
	in.MaxPeople = 2
	_, err = Build(in)
	var tm *TooManyPeopleError
	if !errors.As(err, &tm) || tm.People != 3 || tm.Max != 2 {
		t.Fatalf("err = %v, want TooManyPeopleError 3 > 2", err)
	}
	for _, hint := range []string{"--query-ids", "--min-probability", "--max-people"} {
		if !strings.Contains(err.Error(), hint) {
			t.Errorf("message does not tell about %s: %v", hint, err)
		}
	}
}

// A file of an older kinlink, without weight columns or model: the
// weights are read from the explanations and the levels from the rows.
func TestBuildOlderFile(t *testing.T) {
	in := fixtureInput()
	mf := in.Matches
	delete(mf.Meta, "kinlink.model")
	mf.Has = map[string]bool{"explanation": true}
	for i := range mf.Rows {
		r := &mf.Rows[i]
		r.WeightFamily, r.WeightGiven, r.WeightBirthYear, r.WeightSex, r.WeightBirthPlace, r.WeightPrior = 0, 0, 0, 0, 0, 0
	}
	in.Missing, in.Archive = nil, nil
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if c := d.People[1].Cands[1]; c.Wt != [5]num{3, -5, -5.4, -4, 1.3} || c.Prior != -10 {
		t.Errorf("weights from the explanation %v, prior %v", c.Wt, c.Prior)
	}
	if d.Run.Model || d.Run.Structured || len(d.Notes) != 3 {
		t.Errorf("run %+v notes %q", d.Run, d.Notes)
	}
	// Only the levels seen, in kinlink's order; weights as seen.
	var names []string
	for _, l := range d.Levels[fieldFamily] {
		names = append(names, l.Name)
	}
	if want := []string{"exact", "jw>=0.88", "else"}; !reflect.DeepEqual(names, want) {
		t.Errorf("family levels %v, want %v", names, want)
	}
	if l := d.Levels[fieldFamily][2]; l.W != -3.8 || l.Class != 4 {
		t.Errorf("else level %+v", l)
	}
	if c := d.People[0].Cands[1]; d.Levels[fieldFamily][c.Lv[fieldFamily]].Name != "else" {
		t.Errorf("row's level index points at %q", d.Levels[fieldFamily][c.Lv[fieldFamily]].Name)
	}
	// Without records, the name in the file is read as a full name.
	if r := d.People[0].Read; len(r) == 0 || r[0].FamilyKey != "higashiura" {
		t.Errorf("J1 read as %+v", r)
	}
}

func TestParseExplanation(t *testing.T) {
	for _, c := range []struct {
		in    string
		w     [5]float64
		prior float64
	}{
		{"family exact kim (10% of records) +3.0; given exact sunja (0.21% of records) +8.6; birth_year exact +6.1; sex agree +1.0; birth_place exact +4.5; prior -17.6 = 5.6 bits",
			[5]float64{3, 8.6, 6.1, 1, 4.5}, -17.6},
		{"family jw>=0.88 via other name (kmi ~ kim, letters transposed) +3.3; given missing 0; birth_year off by 2-5 -1.4; sex missing 0; birth_place else -3.2; prior -6.6 = -7.9 bits",
			[5]float64{3.3, 0, -1.4, 0, -3.2}, -6.6},
		{"", [5]float64{}, 0},
		{"nonsense; family; prior", [5]float64{}, 0},
	} {
		w, prior := parseExplanation(c.in)
		if w != c.w || prior != c.prior {
			t.Errorf("parseExplanation(%q) = %v, %v; want %v, %v", c.in, w, prior, c.w, c.prior)
		}
	}
}

func TestJudge(t *testing.T) {
	in := fixtureInput()
	// A ground truth: A1 and A5 are true, so are A9 (never found) and a
	// pair of someone not in the report.
	in.Labels = []records.Label{
		{QueryID: "J1", CandidateID: "A1", Match: true},
		{QueryID: "K2", CandidateID: "A5", Match: true},
		{QueryID: "K1", CandidateID: "A9", Match: true, Variation: "typo"},
		{QueryID: "X9", CandidateID: "A1", Match: true},
	}
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	L := d.Labels
	if !L.Complete || L.TruePairs != 3 || L.Absent != 1 || len(L.Missed) != 1 || L.Missed[0] != (MissedPair{"K1", "A9", "typo"}) {
		t.Fatalf("labels %+v", L)
	}
	truth := map[string]int8{}
	for _, p := range d.People {
		for _, c := range p.Cands {
			truth[c.ID] = c.Truth
		}
	}
	if want := map[string]int8{"A1": 1, "A2": 2, "A3": 2, "A4": 2, "A5": 1}; !reflect.DeepEqual(truth, want) {
		t.Errorf("truth %v, want %v", truth, want)
	}
	if d.People[1].Missed != 1 {
		t.Errorf("K1 missed %d", d.People[1].Missed)
	}
	// At threshold 0 every candidate is predicted: 2 found, 3 false
	// alarms, the one never found missed. At 1, nothing is predicted.
	if r := L.Thresholds[0]; r.TP != 2 || r.FP != 3 || r.FN != 1 || r.TN != 0 || r.Precision != 0.4 {
		t.Errorf("at 0: %+v", r)
	}
	if r := L.Thresholds[100]; r.TP != 0 || r.FP != 0 || r.FN != 3 || r.TN != 3 || !math.IsNaN(float64(r.Precision)) {
		t.Errorf("at 1: %+v", r)
	}
	if len(L.Thresholds) != 101 || d.Hist.True == nil {
		t.Errorf("%d thresholds, histogram %+v", len(L.Thresholds), d.Hist)
	}

	// Decisions with a rejection: only the pairs they mention count.
	in = fixtureInput()
	in.Labels = []records.Label{{QueryID: "J1", CandidateID: "A1", Match: true}, {QueryID: "J1", CandidateID: "A2", Match: false}}
	d, _ = Build(in)
	if d.Labels.Complete || d.Labels.Thresholds[0].TP != 1 || d.Labels.Thresholds[0].FP != 1 || d.People[1].Cands[0].Truth != 0 {
		t.Errorf("decisions as labels: %+v", d.Labels.Thresholds[0])
	}
}

func TestHistogram(t *testing.T) {
	people := []Person{{Cands: []Cand{{W: -2.5}, {W: -2}, {W: 0.4}, {W: 3}}}}
	h := histogram(people)
	if h.Start != -3 || h.Width != 1 || !reflect.DeepEqual(h.All, []int{1, 1, 0, 1, 0, 0, 1}) || h.True != nil {
		t.Errorf("histogram %+v", h)
	}
	wide := []Person{{Cands: []Cand{{W: -500}, {W: 500}}}}
	if h := histogram(wide); len(h.All) > maxBins || h.All[0] != 1 || h.All[len(h.All)-1] != 1 {
		t.Errorf("wide histogram has %d bins: %+v", len(h.All), h)
	}
	if h := histogram(nil); len(h.All) != 0 {
		t.Errorf("empty histogram %+v", h)
	}
}

// The review loop: decisions written as the page exports them read back
// as decisions, and records.ReadLabels (what kinlink evaluate --truth and
// kinlink train --labels read) takes them as labels, hostile cells
// included.
func TestDecisionsRoundTrip(t *testing.T) {
	ds := []Decision{
		{ReportID: "r1", QueryID: "J1", CandidateID: "A1", Rank: "1", MatchWeight: "18.00", Decision: "confirm", Note: "same village, 婚姻", DecidedAt: "2026-12-02T10:00:00.000Z"},
		{ReportID: "r1", QueryID: "=J2", CandidateID: "-A2", Rank: "2", MatchWeight: "-3.40", Decision: "reject", Note: "@wrong, \"twin\"\nsister", DecidedAt: "2026-12-02T10:01:00.000Z"},
		{ReportID: "r1", QueryID: "K1", CandidateID: "A3", Rank: "1", MatchWeight: "2.10", Decision: "unsure"},
	}
	path := filepath.Join(t.TempDir(), "decisions.csv")
	f, _ := os.Create(path)
	if err := WriteDecisions(f, ds); err != nil {
		t.Fatal(err)
	}
	f.Close()
	raw, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(raw), "\ufeffreport_id,query_id,candidate_id,rank,match_weight,decision,note,decided_at\n") {
		t.Errorf("header %q", raw[:min(len(raw), 90)])
	}
	if !strings.Contains(string(raw), "r1,'=J2,'-A2,2,'-3.40,reject,") {
		t.Errorf("cells starting with = or - not neutralised: %s", raw)
	}
	back, err := ReadDecisions(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, ds) {
		t.Errorf("decisions read back as\n%+v\nwant\n%+v", back, ds)
	}
	labels, err := records.ReadLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []records.Label{
		{QueryID: "J1", CandidateID: "A1", Match: true, Note: ds[0].Note},
		{QueryID: "=J2", CandidateID: "-A2", Match: false, Note: ds[1].Note},
	}
	if !reflect.DeepEqual(labels, want) {
		t.Errorf("labels\n%+v\nwant\n%+v", labels, want)
	}
}

func TestReadDecisionsErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ body, want string }{
		{"", "empty file"},
		{"query_id,candidate_id\nM1,A1\n", "no column decision"},
		{"query_id,candidate_id,decision\nM1,A1,maybe\n", "line 2, column decision"},
		{"query_id,candidate_id,decision\n,A1,confirm\n", "line 2: empty"},
	} {
		p := filepath.Join(dir, "d.csv")
		os.WriteFile(p, []byte(c.body), 0o600)
		if _, err := ReadDecisions(p); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: err = %v, want one naming the file and %q", c.body, err, c.want)
		}
	}
	// A pair decided twice: the later row wins; decisions are folded.
	p := filepath.Join(dir, "twice.csv")
	os.WriteFile(p, []byte("query_id,candidate_id,decision\nM1,A1,yes\nM1,A1,No\nM2,A2,\n"), 0o600)
	ds, err := ReadDecisions(p)
	if err != nil || len(ds) != 2 || ds[0].Decision != "reject" || ds[1].Decision != "unsure" {
		t.Errorf("ds = %+v, err %v", ds, err)
	}
}

func TestMarkdown(t *testing.T) {
	in := fixtureInput()
	in.Labels = []records.Label{{QueryID: "J1", CandidateID: "A1", Match: true}}
	in.Decisions = []Decision{{QueryID: "J1", CandidateID: "A1", Decision: "confirm", Note: "seen | checked"}}
	in.Matches.Rows[1].Explanation = "family else via other name -3.8; " + in.Matches.Rows[1].Explanation
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, d); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"# kinlink review: matches.parquet",
		"| 1 | A1 | ひがしうら ともこ | 100.0% | +18.0 | exact | exact | exact | agree | exact | confirm: seen \\| checked |",
		"| pairs by rule phonetic | 7 |",
		"### J1 · Higashiura Tomoko (ja)",
		"| 2 | A2 | Kim Tomoko | 17.9% | -2.2 | else via other name | exact |",
		"born 1941, sex F.",
		"| 0.90 | 1 | 1 | 0 | 0.500 | 1.000 |", // K2/A5 at 0.98 is not in the truth
		"| family | jw>=0.95 | 0.03 | 0.002 | +3.9 | 0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(md, "<b>") || strings.Contains(md, "</script>") {
		t.Error("markdown holds raw markup from a name")
	}
	if !strings.Contains(md, `&lt;b&gt;Kim&lt;/b&gt; &amp; "Ho" 'Rim'`) && !strings.Contains(md, `&lt;b>Kim&lt;/b> &amp;`) {
		t.Errorf("hostile name not escaped as expected:\n%s", md)
	}
}

// bigInput is a report of people × candidates with realistic strings:
// names, records on both sides, explanations as long as kinlink's.
func bigInput(people, cands int) Input {
	mf := fixture()
	base := mf.Rows
	mf.Rows = nil
	in := Input{MatchesPath: "big.parquet", Matches: mf, Version: "test", Now: time.Unix(0, 0),
		Missing: map[string]*records.Record{}, Archive: map[string]*records.Record{}}
	for q := range people {
		qid := fmt.Sprintf("M%06d", q)
		in.Missing[qid] = &records.Record{ID: qid, FamilyName: "Higashiura", GivenName: "Tomoko", BirthYear: 1941, Sex: "F", BirthPlace: "Hiroshima", Origin: "ja"}
		for c := range cands {
			r := base[c%len(base)]
			r.QueryID, r.CandidateID, r.Rank = qid, fmt.Sprintf("A%08d", q*cands+c), int32(c+1)
			r.QueryName = "Higashiura Tomoko"
			r.Explanation = "family exact higashiura (0.011% of records) +12.9; given exact tomoko (0.31% of records) +8.2; birth_year off by 1 +2.0; sex agree +1.0; birth_place jw>=0.88 +1.3; prior -16.9 = 8.5 bits"
			mf.Rows = append(mf.Rows, r)
			in.Archive[r.CandidateID] = &records.Record{ID: r.CandidateID, FullName: "ひがしうら ともこ", BirthYear: 1942, Sex: "F", BirthPlace: "Hiroshima-ken", AltNames: "Kim Tomoko"}
		}
	}
	return in
}

// The size target: 1,000 people sought with 10 candidates each,
// with both record files, stay under 10 MB. (How fast the page opens is
// measured in the browser test, TestBrowser.)
func TestSizeOfThousandPeople(t *testing.T) {
	d, err := Build(bigInput(1000, 10))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	t.Logf("1,000 × 10 report: %.2f MB", float64(b.Len())/(1<<20))
	if b.Len() > 10<<20 {
		t.Errorf("1,000 × 10 report is %d bytes, over 10 MB", b.Len())
	}
}

func BenchmarkBuildAndWrite(b *testing.B) {
	in := bigInput(1000, 10)
	var size int
	for b.Loop() {
		d, err := Build(in)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteHTML(&buf, d); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/(1<<20), "MB")
}

func TestPeopleSought(t *testing.T) {
	for n, want := range map[int]string{0: "0 people sought", 1: "1 person sought", 2: "2 people sought", 1500: "1500 people sought"} {
		if got := PeopleSought(n); got != want {
			t.Errorf("PeopleSought(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestReadingsOfNameWrittenTwice checks that the report reads a name as
// the matcher does: the first writing of a field, then the others.
func TestReadingsOfNameWrittenTwice(t *testing.T) {
	rds := readings(&Rec{Full: "Kim Yong-su (Kaneda Tatsuo)", Origin: "ko"}, "", 10)
	var keys []string
	for _, r := range rds {
		keys = append(keys, r.FamilyKey+" "+r.GivenKey)
	}
	if len(keys) < 2 || keys[0] != "kim yongsu" || !slices.Contains(keys, "kaneda tatsuo") {
		t.Errorf("readings of a name with its other writing in brackets: %q", keys)
	}
	// three readings of the name, and the other writing beyond them
	rds = readings(&Rec{Full: "金龍洙（金田龍夫）"}, "", 3)
	keys = keys[:0]
	for _, r := range rds {
		keys = append(keys, r.FamilyKey+" "+r.GivenKey)
	}
	if len(keys) != 4 || !slices.Contains(keys, "kaneda tatsuo") {
		t.Errorf("three readings of 金龍洙 and its other writing: %q", keys)
	}
}

// TestReadingsTellWhatIsKeptAsWritten checks that a reading of a name
// half written with characters no table reads tells which part is kept as
// written, and a name read whole tells none.
func TestReadingsTellWhatIsKeptAsWritten(t *testing.T) {
	cases := []struct {
		family, given, kept string
		readable            bool
	}{
		{"𡈽田", "茂", "𡈽田", false},
		{"田中", "𡈽", "𡈽", false},
		{"𡈽", "𡈾", "𡈽 𡈾", false},
		{"高田", "茂", "", true},
	}
	for _, c := range cases {
		rds := readings(&Rec{Family: c.family, Given: c.given, Origin: "ja"}, "", 3)
		if len(rds) == 0 {
			t.Fatalf("%s %s: no reading", c.family, c.given)
		}
		if rd := rds[0]; rd.Kept != c.kept || rd.Readable != c.readable {
			t.Errorf("%s %s: kept %q, readable %v; want %q, %v", c.family, c.given, rd.Kept, rd.Readable, c.kept, c.readable)
		}
	}
}
