package report

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"kinlink/normalize"
	"kinlink/records"
)

// Fields are the comparisons of a pair, in the order of the matches
// file's level_* and weight_* columns.
var Fields = []string{"family", "given", "birth_year", "sex", "birth_place"}

const (
	fieldFamily = iota
	fieldGiven
	fieldBirthYear
	fieldSex
	fieldBirthPlace
	numFields
)

// PeopleSought says "1 person sought" or "n people sought".
func PeopleSought(n int) string {
	if n == 1 {
		return "1 person sought"
	}
	return fmt.Sprintf("%d people sought", n)
}

// DefaultMaxPeople is how many people sought a report holds unless told
// otherwise: at about 5 KB per person with ten candidates, 20,000 people
// make a 100 MB page, about what a browser still opens in seconds.
const DefaultMaxPeople = 20000

// Input is what a report is built from.
type Input struct {
	MatchesPath string
	Matches     *records.MatchFile
	// Missing and Archive are the records by id, when the files were
	// given; the report then shows each record as written.
	Missing, Archive map[string]*records.Record
	// Labels, when given, judge pairs (a ground truth or decisions).
	Labels     []records.Label
	LabelsPath string
	// Decisions are earlier decisions to continue from.
	Decisions []Decision
	// QueryIDs keeps only these people sought (nil: all).
	QueryIDs map[string]bool
	// MinProbability keeps only candidates at least this likely.
	MinProbability float64
	// MaxPeople is the most people sought a report holds (0: DefaultMaxPeople).
	MaxPeople int
	Now       time.Time
	Version   string // of the kinlink writing the report
}

// TooManyPeopleError says a report would hold more people sought than
// allowed, and how to split it.
type TooManyPeopleError struct {
	People, Max int
}

func (e *TooManyPeopleError) Error() string {
	return fmt.Sprintf("the report would hold %d people sought, more than --max-people %d allows "+
		"(a page that large opens slowly or not at all). Split it: --query-ids FILE keeps the people listed "+
		"in FILE (one id per line, or a CSV with a query_id column), so several reports can share the work; "+
		"--min-probability P keeps only candidates at least P likely; or raise --max-people", e.People, e.Max)
}

// Data is everything the page shows; it is written into the page as JSON
// and read by its script (assets/report.js). Short JSON names keep a
// 10,000-candidate report small.
type Data struct {
	ReportID  string       `json:"report_id"`
	Title     string       `json:"title"`
	Generated string       `json:"generated"`
	Version   string       `json:"version"`
	Run       Run          `json:"run"`
	Fields    []string     `json:"fields"`
	Levels    [][]Level    `json:"levels"` // per field, in the model's order
	People    []Person     `json:"people"`
	Hist      Histogram    `json:"hist"`
	Labels    *LabelStats  `json:"labels,omitempty"`
	Decisions []Decision   `json:"decisions,omitempty"`
	Notes     []string     `json:"notes,omitempty"`
	Counts    ReportCounts `json:"counts"`
}

// ReportCounts sums up what the report holds.
type ReportCounts struct {
	People     int `json:"people"`
	Candidates int `json:"candidates"`
	// FilePeople and FileRows are the matches file's, before
	// --query-ids and --min-probability.
	FilePeople int `json:"file_people"`
	FileRows   int `json:"file_rows"`
}

// Run describes the matching run, from the matches file's metadata.
type Run struct {
	File       string      `json:"file"`
	Version    string      `json:"version,omitempty"`
	Config     [][2]string `json:"config,omitempty"`
	Rows       [][2]string `json:"rows,omitempty"`
	RulePairs  [][2]string `json:"rule_pairs,omitempty"`
	Columns    string      `json:"columns,omitempty"`
	Model      bool        `json:"model"` // the levels' m and u are known
	Prior      float64     `json:"prior,omitempty"`
	Missing    bool        `json:"missing"` // records of the people sought were given
	Archive    bool        `json:"archive"`
	Structured bool        `json:"structured"` // weights from columns, not parsed from explanations
}

// Level is one level of a comparison: its name, its class for colouring
// (0 agrees best .. 4 disagrees), m, u and weight when the model is
// known, and how many candidates of the report reached it.
type Level struct {
	Name  string  `json:"name"`
	Class int     `json:"class"`
	M     float64 `json:"m,omitempty"`
	U     float64 `json:"u,omitempty"`
	W     num     `json:"w"`     // log2(m/u), or the weight seen in the rows
	Count int     `json:"count"` // candidates at this level
}

// Person is one person sought with their candidates, best first.
type Person struct {
	ID     string    `json:"id"`
	Name   string    `json:"name"`
	Rec    *Rec      `json:"rec,omitempty"`
	Read   []Reading `json:"read"`
	Origin string    `json:"origin"` // of the best reading: ja, ko or "" (unsure)
	Cands  []Cand    `json:"cands"`
	// Missed counts true pairs of this person (per the labels) that are
	// not among the candidates.
	Missed int `json:"missed,omitempty"`
}

// Rec is a record as written (after trimming; the birth year read).
type Rec struct {
	Family string `json:"f,omitempty"`
	Given  string `json:"g,omitempty"`
	Full   string `json:"n,omitempty"`
	Year   int    `json:"y,omitempty"`
	Sex    string `json:"s,omitempty"`
	Place  string `json:"p,omitempty"`
	Alt    string `json:"a,omitempty"`
	Origin string `json:"o,omitempty"`
}

// Reading is how kinlink reads a name: its origin, family and given name
// as read, and their comparison keys.
type Reading struct {
	Origin    string `json:"o"`
	Family    string `json:"f,omitempty"`
	Given     string `json:"g,omitempty"`
	FamilyKey string `json:"fk,omitempty"`
	GivenKey  string `json:"gk,omitempty"`
	Readable  bool   `json:"r"`
	// Kept is what the name holds that no table reads, as written (the
	// part or parts kept as their characters: 𡈽田 of 𡈽田 茂); "" when
	// readable.
	Kept string `json:"kw,omitempty"`
}

// Cand is one candidate of a person sought.
type Cand struct {
	ID    string         `json:"id"`
	Rank  int            `json:"k"`
	P     num            `json:"p"`
	W     num            `json:"w"`
	JF    num            `json:"jf"`
	JG    num            `json:"jg"`
	Order string         `json:"o,omitempty"` // "swapped", or "" for direct
	DY    *int32         `json:"dy,omitempty"`
	Name  string         `json:"n"`
	Rec   *Rec           `json:"rec,omitempty"`
	Read  *Reading       `json:"rd,omitempty"`
	Lv    [numFields]int `json:"lv"` // index into Data.Levels[field], -1 when missing
	Wt    [numFields]num `json:"wt"` // each field's contribution in bits
	Prior num            `json:"pr"`
	TF    [2]num         `json:"tf"` // term-frequency shares of family and given name, 0 when not applied
	Expl  string         `json:"x"`
	// Via is true when the family name agreed through an other name
	// (maiden, married) of one of the two records.
	Via bool `json:"via,omitempty"`
	// Truth is 1 for a true pair, 2 for a false one, 0 when the labels do
	// not say (or there are none).
	Truth int8 `json:"t,omitempty"`
}

// num is a float64 written to JSON with at most four decimals.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, math.Round(f*1e4)/1e4, 'f', -1, 64), nil
}

// Build gathers the report's data from in.
func Build(in Input) (*Data, error) {
	mf := in.Matches
	d := &Data{
		Title:     filepath.Base(in.MatchesPath),
		Generated: in.Now.UTC().Format(time.RFC3339),
		Version:   in.Version,
		Fields:    Fields,
		Decisions: in.Decisions,
	}
	d.Run = runInfo(mf)
	d.Run.File = d.Title
	d.Run.Missing, d.Run.Archive = in.Missing != nil, in.Archive != nil
	d.Run.Structured = mf.Has["weight_prior"]
	model := parseModel(mf.Meta["kinlink.model"])
	d.Run.Model = model != nil
	if model != nil {
		d.Run.Prior = model.Prior
	}

	rows := mf.Rows
	d.Counts.FileRows = len(rows)
	people := map[string]int{}
	var order []string
	keep := make([]bool, len(rows))
	for i := range rows {
		r := &rows[i]
		if _, ok := people[r.QueryID]; !ok {
			people[r.QueryID] = -1
			order = append(order, r.QueryID)
		}
		keep[i] = (in.QueryIDs == nil || in.QueryIDs[r.QueryID]) && r.MatchProbability >= in.MinProbability
	}
	d.Counts.FilePeople = len(order)
	kept := map[string]bool{}
	for i := range rows {
		if keep[i] {
			kept[rows[i].QueryID] = true
		}
	}
	maxPeople := in.MaxPeople
	if maxPeople <= 0 {
		maxPeople = DefaultMaxPeople
	}
	if len(kept) > maxPeople {
		return nil, &TooManyPeopleError{People: len(kept), Max: maxPeople}
	}

	levels := newLevelTable(model)
	for i := range rows {
		if keep[i] {
			levels.see(&rows[i], d.Run.Structured)
		}
	}
	d.Levels = levels.finish()

	for _, q := range order {
		if kept[q] {
			people[q] = len(d.People)
			d.People = append(d.People, Person{ID: q})
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", mf.Meta["kinlink.version"], mf.Meta["kinlink.config"])
	for i := range rows {
		if !keep[i] {
			continue
		}
		r := &rows[i]
		p := &d.People[people[r.QueryID]]
		if len(p.Cands) == 0 {
			p.Name = r.QueryName
			if rec := in.Missing[r.QueryID]; rec != nil {
				p.Rec = recOf(rec)
			}
			p.Read = readings(p.Rec, p.Name, 3)
			if len(p.Read) > 0 {
				p.Origin = p.Read[0].Origin
			}
		}
		c := Cand{ID: r.CandidateID, Rank: int(r.Rank), P: num(r.MatchProbability), W: num(r.MatchWeight),
			JF: num(r.JWFamily), JG: num(r.JWGiven), DY: r.BirthYearDiff, Name: r.CandidateName,
			Expl: r.Explanation, TF: [2]num{num(r.TFFamily), num(r.TFGiven)}}
		if r.NameOrder != "direct" {
			c.Order = r.NameOrder
		}
		if fam, _, _ := strings.Cut(r.Explanation, ";"); strings.Contains(fam, "via other name") {
			c.Via = true
		}
		if rec := in.Archive[r.CandidateID]; rec != nil {
			c.Rec = recOf(rec)
		}
		if rd := readings(c.Rec, c.Name, 1); len(rd) > 0 {
			c.Read = &rd[0]
		}
		c.Lv = levels.indexes(r)
		w, prior := contributions(r, d.Run.Structured)
		for f := range w {
			c.Wt[f] = num(w[f])
		}
		c.Prior = num(prior)
		p.Cands = append(p.Cands, c)
		d.Counts.Candidates++
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", r.QueryID, r.CandidateID, r.Rank)
		binary.Write(h, binary.LittleEndian, r.MatchWeight)
	}
	for i := range d.People {
		sort.SliceStable(d.People[i].Cands, func(a, b int) bool { return d.People[i].Cands[a].Rank < d.People[i].Cands[b].Rank })
	}
	d.Counts.People = len(d.People)
	d.ReportID = hex.EncodeToString(h.Sum(nil)[:8])
	d.Hist = histogram(d.People)
	if in.Labels != nil {
		d.Labels = judge(d, in.Labels, in.LabelsPath)
		d.Hist = histogram(d.People) // again, now split by truth
	}
	if in.Missing == nil {
		d.Notes = append(d.Notes, "Run with --missing to show each person sought's whole record; this report shows the name the matches file holds.")
	}
	if in.Archive == nil {
		d.Notes = append(d.Notes, "Run with --archive to show each candidate's whole record; this report shows the name the matches file holds.")
	}
	if !d.Run.Structured {
		d.Notes = append(d.Notes, "This matches file has no weight_* columns (an older kinlink wrote it): each field's weight is read from the explanation, to 0.1 bit.")
	}
	if in.QueryIDs != nil || in.MinProbability > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("This report holds %d of the file's %d people sought and %d of its %d candidates (--query-ids, --min-probability).",
			d.Counts.People, d.Counts.FilePeople, d.Counts.Candidates, d.Counts.FileRows))
	}
	return d, nil
}

func recOf(r *records.Record) *Rec {
	return &Rec{Family: r.FamilyName, Given: r.GivenName, Full: r.FullName, Year: r.BirthYear,
		Sex: r.Sex, Place: r.BirthPlace, Alt: r.AltNames, Origin: r.Origin}
}

// readings are up to n distinct readings of a name as kinlink's matcher
// reads it (from the record's fields when there is a record, else from
// the name the matches file holds, read as one full name), then, when n
// is more than one, the first reading of each other writing its fields
// hold (Kaneda Tatsuo beside Kim Yong-su), which the matcher compares too.
func readings(rec *Rec, name string, n int) []Reading {
	// The first writing of the name with the record's origin, then the
	// others its fields hold (normalize.Writings), each with its own.
	var w normalize.Writing
	var others []normalize.Writing
	o := normalize.Unknown
	switch {
	case rec != nil:
		o, _ = normalize.ParseOrigin(rec.Origin)
		w, others = normalize.Writings(rec.Family, rec.Given, rec.Full)
	case name != "":
		w, others = normalize.Writings("", "", name)
	}
	var names []normalize.Name
	if w != (normalize.Writing{}) {
		names = w.Parse(o)
	}
	var out []Reading
	add := func(nm normalize.Name) {
		rd := Reading{Origin: originCode(nm.Origin), Family: nm.Family, Given: nm.Given,
			FamilyKey: nm.FamilyKey, GivenKey: nm.GivenKey, Readable: nm.Readable}
		if !nm.FamilyReadable {
			rd.Kept = nm.Family
		}
		if !nm.GivenReadable {
			rd.Kept = strings.TrimSpace(rd.Kept + " " + nm.Given)
		}
		dup := false
		for _, o := range out {
			dup = dup || (o.FamilyKey == rd.FamilyKey && o.GivenKey == rd.GivenKey && o.Origin == rd.Origin)
		}
		if !dup {
			out = append(out, rd)
		}
	}
	for _, nm := range names {
		if len(out) == n {
			break
		}
		add(nm)
	}
	if n > 1 {
		for _, ow := range others {
			if ns := ow.Parse(normalize.Unknown); len(ns) > 0 {
				add(ns[0])
			}
		}
	}
	return out
}

func originCode(o normalize.Origin) string {
	switch o {
	case normalize.Japanese:
		return "ja"
	case normalize.Korean:
		return "ko"
	}
	return ""
}

// runInfo reads the run's description from the file's metadata.
func runInfo(mf *records.MatchFile) Run {
	r := Run{Version: mf.Meta["kinlink.version"], Columns: mf.Meta["kinlink.columns"]}
	r.Config = flatJSON(mf.Meta["kinlink.config"])
	var rows map[string]json.RawMessage
	if json.Unmarshal([]byte(mf.Meta["kinlink.rows"]), &rows) == nil {
		if rules, ok := rows["pairs_by_rule"]; ok {
			r.RulePairs = flatJSON(string(rules))
			delete(rows, "pairs_by_rule")
		}
		b, _ := json.Marshal(rows)
		r.Rows = flatJSON(string(b))
	}
	return r
}

// flatJSON lists the keys of a JSON object with their values as text,
// sorted by key; nothing for text that is not an object.
func flatJSON(s string) [][2]string {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	var out [][2]string
	for k, v := range m {
		var str string
		if json.Unmarshal(v, &str) == nil {
			out = append(out, [2]string{k, str})
		} else {
			out = append(out, [2]string{k, string(v)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
