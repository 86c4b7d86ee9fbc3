// Package datasets holds the synthetic generator with ground truth, the
// embedded demo scenario and the evaluation metrics. The record files it
// writes and reads go through package records.
package datasets

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"kinlink/records"
)

// DefaultJapaneseShare is the share of Japanese among the people sought when
// GenerateConfig leaves it at 0: that of the founding case, 49 of 104.
const DefaultJapaneseShare = 49.0 / 104

// GenerateConfig says what to generate. The same configuration gives the
// same records, byte for byte.
type GenerateConfig struct {
	Seed    uint64
	Missing int    // people sought, one record each
	Archive int    // archive records, true records included
	Format  string // "csv" (also when empty) or "parquet"; used by Generate only
	// JapaneseShare is the share of the people sought who are Japanese (the
	// others are Korean). 0 selects DefaultJapaneseShare; a negative value
	// means none.
	JapaneseShare float64
	// ArchiveJapaneseShare is the share of Japanese among the unrelated
	// people of the archive. 0 selects one half; a negative value means none.
	ArchiveJapaneseShare float64
}

// DemoConfig is the embedded demo scenario, modelled on the founding case:
// 49 Japanese sought in DPRK records and 55 Koreans sought in Japanese
// records, against an archive of 120,000 records. Its seed is fixed, so the
// scenario is the same on every machine.
func DemoConfig() GenerateConfig {
	return GenerateConfig{Seed: 1959, Missing: 104, Archive: 120_000, Format: "csv", JapaneseShare: 49.0 / 104}
}

// GenerateStats counts what was generated.
type GenerateStats struct {
	Seed      uint64 `json:"seed"`
	Format    string `json:"format"`
	Missing   int    `json:"missing"`
	Archive   int    `json:"archive"`
	TruePairs int    `json:"true_pairs"`
	SoughtJa  int    `json:"sought_ja"`
	SoughtKo  int    `json:"sought_ko"`
	ArchiveJa int    `json:"archive_true_ja"`
	ArchiveKo int    `json:"archive_true_ko"`
	Unrelated int    `json:"unrelated"`
}

// ErrConfig is returned (wrapped) for a configuration that cannot be
// generated.
var ErrConfig = errors.New("invalid generator configuration")

// GenerateStream generates the records of cfg and hands them to the
// callbacks: first every person sought (ids M0001...), then the ground truth
// sorted by query and candidate id, then the archive in id order (A0000001...).
// Only the people sought and their planned archive records are held in
// memory; the unrelated archive records are made one at a time, each from its
// own random stream. A callback's error stops the generation and is returned.
func GenerateStream(cfg GenerateConfig, missing func(records.Record) error, archive func(records.Record) error, truth func(records.Truth) error) error {
	g, err := newGenerator(cfg)
	if err != nil {
		return err
	}
	for i := range g.sought {
		if err := missing(g.sought[i].rec); err != nil {
			return err
		}
	}
	for _, t := range g.truth {
		if err := truth(t); err != nil {
			return err
		}
	}
	next := 0
	var pcg rand.PCG
	r := rand.New(&pcg)
	for i := 0; i < cfg.Archive; i++ {
		var rec records.Record
		if next < len(g.planned) && g.planned[next].pos == i {
			rec = g.planned[next].rec
			next++
		} else {
			pcg.Seed(mix64(cfg.Seed^0x5851f42d4c957f2d), mix64(uint64(i)+0x14057b7ef767814f))
			rec = g.unrelated(r, archiveID(i))
		}
		if err := archive(rec); err != nil {
			return err
		}
	}
	return nil
}

// GenerateRecords is GenerateStream collected in memory, for tests,
// benchmarks and reports.
func GenerateRecords(cfg GenerateConfig) (missing, archive []records.Record, truth []records.Truth, err error) {
	err = GenerateStream(cfg,
		func(r records.Record) error { missing = append(missing, r); return nil },
		func(r records.Record) error { archive = append(archive, r); return nil },
		func(t records.Truth) error { truth = append(truth, t); return nil })
	return missing, archive, truth, err
}

func missingID(i int) string { return fmt.Sprintf("M%04d", i+1) }
func archiveID(i int) string { return fmt.Sprintf("A%07d", i+1) }

// mix64 is the finaliser of SplitMix64: nearby inputs give unrelated outputs,
// so consecutive record numbers seed unrelated random streams.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// person is someone as they are: native names (kana or Hangul), not yet
// written down by anyone.
type person struct {
	origin      string // "ja" or "ko"
	sex         string // "M" or "F"
	birthYear   int
	place       string // kana (prefecture) or Hangul (province)
	family      string // kana, or Hangul as written in the South
	familyNorth string // Hangul as written in the North (ko only)
	given       string // kana or Hangul
	// A married woman's husband's surname, and its origin.
	married, marriedNorth, marriedOrigin string
}

type sought struct {
	p   person
	rec records.Record // as the family wrote it in the list of people sought
}

type plannedRecord struct {
	pos   int
	rec   records.Record
	owner int // index of the person sought it stems from, -1 for a relative
}

type generator struct {
	cfg     GenerateConfig
	t       *nameTables
	sought  []sought
	planned []plannedRecord // sorted by pos
	truth   []records.Truth
	// spellings caches the customary spellings of Korean surnames.
	spellings map[string]*weighted[string]
}

func newGenerator(cfg GenerateConfig) (*generator, error) {
	switch {
	case cfg.Missing < 1:
		return nil, fmt.Errorf("%w: need at least one person sought (got %d)", ErrConfig, cfg.Missing)
	case cfg.Archive < cfg.Missing:
		return nil, fmt.Errorf("%w: the archive (%d) must hold at least one record per person sought (%d)", ErrConfig, cfg.Archive, cfg.Missing)
	case cfg.JapaneseShare > 1 || cfg.ArchiveJapaneseShare > 1:
		return nil, fmt.Errorf("%w: shares must be at most 1", ErrConfig)
	}
	t, err := loadTables()
	if err != nil {
		return nil, err
	}
	g := &generator{cfg: cfg, t: t, spellings: map[string]*weighted[string]{}}
	g.plan()
	return g, nil
}

func shareOr(s, def float64) float64 {
	switch {
	case s == 0:
		return def
	case s < 0:
		return 0
	}
	return s
}

// plan draws the people sought, their records in the list and in the
// archive, and their relatives (unrelated records that share their surname
// and birth place), and places the archive records at random positions.
func (g *generator) plan() {
	r := rand.New(rand.NewPCG(mix64(g.cfg.Seed), mix64(g.cfg.Seed^0x6a09e667f3bcc909)))
	nJa := int(float64(g.cfg.Missing)*shareOr(g.cfg.JapaneseShare, DefaultJapaneseShare) + 0.5)
	origins := make([]string, g.cfg.Missing)
	for i := range origins {
		origins[i] = "ko"
		if i < nJa {
			origins[i] = "ja"
		}
	}
	r.Shuffle(len(origins), func(i, j int) { origins[i], origins[j] = origins[j], origins[i] })

	type planned struct {
		rec   records.Record
		query int // index of the person sought, -1 for a relative
		kinds []string
	}
	var trueRecs, relatives []planned
	for i, origin := range origins {
		p := g.drawPerson(r, origin)
		if p.sex == "F" && p.birthYear < 1970 && r.Float64() < 0.5 {
			spouse := origin
			if origin == "ja" && r.Float64() < 0.7 { // Japanese wives of Koreans, the founding case
				spouse = "ko"
			} else if origin == "ko" && r.Float64() < 0.3 {
				spouse = "ja"
			}
			g.marry(r, &p, spouse)
		}
		rec, _ := g.write(r, &p, writerFamily, missingID(i))
		g.sought = append(g.sought, sought{p: p, rec: rec})
		n := 1 + pick(r, 0.35, 0.30, 0.20, 0.10, 0.05)
		for k := 0; k < n; k++ {
			rec, kinds := g.write(r, &p, g.archiveWriter(r, origin), "")
			trueRecs = append(trueRecs, planned{rec: rec, query: i, kinds: kinds})
		}
		for k := pick(r, 0.5, 0.3, 0.2); k > 0; k-- {
			rel := g.relative(r, &p)
			rec, _ := g.write(r, &rel, g.archiveWriter(r, origin), "")
			relatives = append(relatives, planned{rec: rec, query: -1})
		}
	}

	// A small archive cannot hold every planned record: drop extra true
	// records (keeping one per person) and then relatives.
	for len(trueRecs) > g.cfg.Archive {
		kept := trueRecs[:0]
		seen := map[int]bool{}
		excess := len(trueRecs) - g.cfg.Archive
		for _, t := range trueRecs {
			if seen[t.query] && excess > 0 {
				excess--
				continue
			}
			seen[t.query] = true
			kept = append(kept, t)
		}
		trueRecs = kept
	}
	if room := (g.cfg.Archive - len(trueRecs)) / 4; len(relatives) > room {
		relatives = relatives[:room]
	}

	all := append(trueRecs, relatives...)
	pos := samplePositions(r, g.cfg.Archive, len(all))
	g.planned = make([]plannedRecord, len(all))
	for i, a := range all {
		a.rec.ID = archiveID(pos[i])
		g.planned[i] = plannedRecord{pos: pos[i], rec: a.rec, owner: a.query}
		if a.query >= 0 {
			s := &g.sought[a.query]
			kinds := append(a.kinds, birthYearKind(s.rec.BirthYear, a.rec.BirthYear))
			g.truth = append(g.truth, records.Truth{QueryID: s.rec.ID, CandidateID: a.rec.ID, Origin: s.p.origin, Variation: strings.Join(kinds, ";")})
		}
	}
	sort.Slice(g.planned, func(i, j int) bool { return g.planned[i].pos < g.planned[j].pos })
	sort.Slice(g.truth, func(i, j int) bool {
		a, b := g.truth[i], g.truth[j]
		if a.QueryID != b.QueryID {
			return a.QueryID < b.QueryID
		}
		return a.CandidateID < b.CandidateID
	})
}

// samplePositions draws k distinct positions in [0, n), in random order.
func samplePositions(r *rand.Rand, n, k int) []int {
	if 2*k > n {
		return r.Perm(n)[:k]
	}
	taken := make(map[int]bool, k)
	out := make([]int, 0, k)
	for len(out) < k {
		p := r.IntN(n)
		if !taken[p] {
			taken[p] = true
			out = append(out, p)
		}
	}
	return out
}

func birthYearKind(sought, archived int) string {
	d := sought - archived
	if d < 0 {
		d = -d
	}
	switch {
	case sought == 0 || archived == 0:
		return "birth_year:missing"
	case d == 0:
		return "birth_year:same"
	case d <= 2:
		return fmt.Sprintf("birth_year:off%d", d)
	}
	return "birth_year:off3+"
}

// pick returns i with probability p[i] (the p sum to 1).
func pick(r *rand.Rand, p ...float64) int {
	x := r.Float64()
	for i, pi := range p {
		if x < pi {
			return i
		}
		x -= pi
	}
	return len(p) - 1
}

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// drawPerson draws a person of the given origin from the name tables.
func (g *generator) drawPerson(r *rand.Rand, origin string) person {
	p := person{origin: origin, sex: "M", birthYear: 1900 + r.IntN(91)}
	if chance(r, 0.5) {
		p.sex = "F"
	}
	p.place = g.t.places[origin].draw(r)
	if origin == "ja" {
		p.family = g.t.jaSurnames.draw(r)
		p.given = g.t.jaGiven[eraOf(p.birthYear)][p.sex].draw(r)
		return p
	}
	s := g.t.koSurnames.draw(r)
	p.family, p.familyNorth = s.south, s.north
	p.given = g.koGiven(r, p.sex)
	return p
}

func (g *generator) koGiven(r *rand.Rand, sex string) string {
	first := g.t.koGiven[0][sex].draw(r)
	if chance(r, 0.03) { // one-syllable given names are rare
		return first
	}
	return first + g.t.koGiven[1][sex].draw(r)
}

func (g *generator) marry(r *rand.Rand, p *person, spouseOrigin string) {
	p.marriedOrigin = spouseOrigin
	if spouseOrigin == "ja" {
		for p.married == "" || p.married == p.family {
			p.married = g.t.jaSurnames.draw(r)
		}
		return
	}
	for p.married == "" || p.married == p.family {
		s := g.t.koSurnames.draw(r)
		p.married, p.marriedNorth = s.south, s.north
	}
}

// relative is a brother or sister of p (same surname and birth place, born
// within 25 years): a person the archive may hold beside p, who is not p.
func (g *generator) relative(r *rand.Rand, p *person) person {
	rel := g.drawPerson(r, p.origin)
	rel.family, rel.familyNorth, rel.place = p.family, p.familyNorth, p.place
	rel.birthYear = min(1990, max(1900, p.birthYear-25+r.IntN(51)))
	for rel.given == p.given {
		rel = g.relative(r, p)
	}
	return rel
}

// archiveWriter says who wrote a true record of a person of this origin:
// Japanese are sought in DPRK records, Koreans in Japanese records, with a
// share of records from the other side.
func (g *generator) archiveWriter(r *rand.Rand, origin string) writer {
	if origin == "ja" {
		if chance(r, 0.8) {
			return writerDPRK
		}
		return writerJapan
	}
	if chance(r, 0.8) {
		return writerJapan
	}
	return writerDPRK
}

// unrelated makes an archive record of a person drawn from the tables, who
// is nobody sought (though they may share a name with someone sought).
func (g *generator) unrelated(r *rand.Rand, id string) records.Record {
	origin := "ko"
	if chance(r, shareOr(g.cfg.ArchiveJapaneseShare, 0.5)) {
		origin = "ja"
	}
	p := g.drawPerson(r, origin)
	if p.sex == "F" && p.birthYear < 1970 && chance(r, 0.5) {
		spouse := origin
		if chance(r, 0.1) {
			spouse = otherOrigin(origin)
		}
		g.marry(r, &p, spouse)
	}
	w := writerDPRK
	if chance(r, 0.5) {
		w = writerJapan
	}
	rec, _ := g.write(r, &p, w, id)
	return rec
}

func otherOrigin(origin string) string {
	if origin == "ja" {
		return "ko"
	}
	return "ja"
}
