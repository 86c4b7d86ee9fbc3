package benchmarks

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"kinlink/datasets"
	"kinlink/match"
	"kinlink/records"
)

// An evaluation scenario whose spellings do not come from kinlink.
//
// The generator of package datasets renders names with normalize's own
// romanisers, so quality measured on it agrees with the normaliser by
// construction. This one builds its people from the real spellings of
// ../shared/eval/names/dev.tsv (names spelled by other projects' tools and
// by their bearers: Hangul with ALA-LC, RR, ICU and customary spellings;
// kana with Hepburn, Kunrei, passport and wāpuro), draws surnames at their
// real population shares (the reference tables in ../shared/reference), so
// that Kim, Lee, Park, Sato and Takahashi bring their namesakes, and adds
// siblings (same surname, birth place, years apart) and birth years
// missing or off by one to five. It has its own error rates and layouts.
// With indConfig.kanji, names are also written in kanji and hanja where
// dev.tsv gives them (gimei's kanji of its name parts, scriptshifter's
// hanja of Korean names), at the shares kanjiShares says.
// The file is measurement data and stays outside the repository: the
// benchmarks that use it skip when it is absent.

// sharedPath finds a file under the shared folder beside the repository
// ($KINLINK_SHARED, or ../shared from the module root), or "".
func sharedPath(rel string) string {
	roots := []string{os.Getenv("KINLINK_SHARED"), filepath.Join("..", "..", "shared"), filepath.Join("..", "shared")}
	for _, r := range roots {
		if r == "" {
			continue
		}
		p := filepath.Join(r, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// spelling is one writing of a name: its system and, for a full name,
// its family and given parts.
type spelling struct {
	system         string
	family, given  string
	full           string // as written, for full names
	script, ranked bool   // written in Hangul/kana/kanji; a system worth preferring
}

// nameEntity is one real name with its spellings.
type nameEntity struct {
	spellings []spelling
	hangulFam string // ko: the surname in Hangul
	kanaFam   string // ja surnames: the surname in hiragana
	// The name in kanji (ja: the part) or hanja (ko: family and given),
	// where dev.tsv gives it; written only in scenarios with kanji.
	kanji              string
	hanjaFam, hanjaGiv string
}

// pool is what the independent generator draws people from.
type pool struct {
	koNames   []nameEntity       // Korean full names (family + given)
	koByFam   map[string][]int   // Hangul surname → indexes of koNames
	koShare   map[string]float64 // Hangul surname → population share
	jaFamily  []nameEntity       // Japanese surnames
	jaGiven   []nameEntity       // Japanese given names
	jaShare   []float64          // weight of each jaFamily
	koFamList []string           // surnames with names, by share
	koFamCum  []float64          // cumulative shares of koFamList
	// Korean names dev.tsv gives only in hanja and ALA-LC (and ALA-LC
	// without breves): given names of scenarios with hanja.
	koHanjaNames []nameEntity
	koWithHanja  []*nameEntity // the names of koNames and koHanjaNames with hanja
	// koHanja is the hanja of a Hangul surname, as dev.tsv's names
	// write it most often.
	koHanja map[string]string
}

// unionFind groups strings linked by "same" rows.
type unionFind map[string]string

func (u unionFind) find(s string) string {
	for u[s] != "" && u[s] != s {
		u[s] = u[u[s]]
		s = u[s]
	}
	if u[s] == "" {
		u[s] = s
	}
	return s
}

func (u unionFind) union(a, b string) { u[u.find(a)] = u.find(b) }

type devRow struct{ origin, a, b, source, sysA, sysB string }

func readDev(path string) ([]devRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []devRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 7 || c[3] != "same" {
			continue
		}
		rows = append(rows, devRow{c[0], c[1], c[2], c[4], c[5], c[6]})
	}
	return rows, sc.Err()
}

// components groups the strings of rows into names: strings linked by a
// row are one name. It returns, per name, its strings with their systems,
// names in the order the file first mentions them.
func components(rows []devRow) [][]spelling {
	u := unionFind{}
	sys := map[string]string{}
	first := map[string]int{}
	for i, r := range rows {
		key := func(s string) string { return r.origin + "|" + s }
		u.union(key(r.a), key(r.b))
		for _, k := range []string{key(r.a), key(r.b)} {
			if _, ok := first[k]; !ok {
				first[k] = i
			}
		}
		if sys[key(r.a)] == "" {
			sys[key(r.a)] = r.sysA
		}
		if sys[key(r.b)] == "" {
			sys[key(r.b)] = r.sysB
		}
	}
	groups := map[string][]spelling{}
	order := map[string]int{}
	var roots []string
	for k := range sys {
		root := u.find(k)
		if groups[root] == nil {
			roots = append(roots, root)
			order[root] = first[k]
		}
		order[root] = min(order[root], first[k])
		_, s, _ := strings.Cut(k, "|")
		groups[root] = append(groups[root], spelling{system: sys[k], full: s})
	}
	sort.Slice(roots, func(i, j int) bool { return order[roots[i]] < order[roots[j]] })
	out := make([][]spelling, 0, len(roots))
	for _, r := range roots {
		g := groups[r]
		sort.Slice(g, func(i, j int) bool { return g[i].full < g[j].full })
		out = append(out, g)
	}
	return out
}

func isKanji(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func isScript(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff || r >= 0xac00 && r <= 0xd7a3 || r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// loadPool builds the pool from dev.tsv and the reference tables.
func loadPool(devPath string) (*pool, error) {
	rows, err := readDev(devPath)
	if err != nil {
		return nil, err
	}
	p := &pool{koByFam: map[string][]int{}, koShare: map[string]float64{}}
	var ko, koHanja, jaParts, jaComposed []devRow
	for _, r := range rows {
		switch {
		case r.origin == "ko" && (r.source == "kpopnet" || r.source == "scriptshifter"):
			ko = append(ko, r)
		case r.origin == "ko" && r.source == "scriptshifter-hanja":
			koHanja = append(koHanja, r)
		case r.origin == "ja" && (r.source == "gimei" || r.source == "gimei-kanji"):
			jaParts = append(jaParts, r)
		case r.origin == "ja" && r.source == "gimei-composed":
			jaComposed = append(jaComposed, r)
		}
	}
	// Korean full names: a Hangul name of three syllables (a one-syllable
	// surname), and romanisations that split at the first space.
	for _, g := range components(ko) {
		var e nameEntity
		ok := true
		for _, s := range g {
			if isKanji(s.full) {
				continue // hanja: from the rows of scriptshifter-hanja (addHanja)
			}
			if isScript(s.full) {
				if utf8.RuneCountInString(s.full) != 3 || strings.Contains(s.full, " ") {
					ok = false
					break
				}
				_, n := utf8.DecodeRuneInString(s.full)
				s.family, s.given, s.script = s.full[:n], s.full[n:], true
				e.hangulFam = s.family
			} else {
				fam, giv, found := strings.Cut(strings.TrimSpace(s.full), " ")
				if !found || strings.Contains(giv, " ") {
					ok = false
					break
				}
				s.family, s.given = fam, giv
				s.ranked = s.system == "customary" || strings.HasPrefix(s.system, "rr")
			}
			e.spellings = append(e.spellings, s)
		}
		if ok && e.hangulFam != "" && len(e.spellings) >= 3 {
			p.koByFam[e.hangulFam] = append(p.koByFam[e.hangulFam], len(p.koNames))
			p.koNames = append(p.koNames, e)
		}
	}
	p.addHanja(koHanja)
	// Japanese name parts; which are surnames and which given names comes
	// from the composed full names (family first but in the
	// given-first passport spelling). Parts in none are left out.
	surname, given := map[string]bool{}, map[string]bool{}
	for _, r := range jaComposed {
		for i, s := range []string{r.a, r.b} {
			sys := []string{r.sysA, r.sysB}[i]
			fam, giv, ok := strings.Cut(strings.TrimSpace(s), " ")
			if isScript(s) || !ok {
				continue
			}
			if sys == "passport-given-first" {
				fam, giv = giv, fam
			}
			surname[strings.ToLower(fam)] = true
			given[strings.ToLower(giv)] = true
		}
	}
	topShare := map[string]float64{}
	if ref := sharedPath(filepath.Join("reference", "ja_top_surnames_2008.tsv")); ref != "" {
		for _, row := range readTSV(ref) {
			if len(row) >= 10 {
				v, _ := strconv.ParseFloat(strings.TrimSuffix(row[9], "%"), 64)
				topShare[row[2]] = v / 100
			}
		}
	}
	// gimei lists its surnames (by frequency), then its given names in
	// kana order: the longest run in kana order at the end is given
	// names.
	kanaOf := func(g []spelling) string {
		for _, s := range g {
			if s.system == "hiragana" {
				return s.full
			}
		}
		return ""
	}
	var jaComps [][]spelling
	for _, g := range components(jaParts) {
		if k := kanaOf(g); k != "" && !strings.Contains(k, " ") && len(g) >= 4 {
			jaComps = append(jaComps, g)
		}
	}
	givenFrom := len(jaComps)
	for givenFrom > 1 && kanaOf(jaComps[givenFrom-2]) <= kanaOf(jaComps[givenFrom-1]) {
		givenFrom--
	}
	for i, g := range jaComps {
		var e nameEntity
		isFam, isGiven := i < givenFrom, i >= givenFrom
		for _, s := range g {
			if isKanji(s.full) {
				if e.kanji == "" {
					e.kanji = s.full // written only in scenarios with kanji
				}
				continue
			}
			s.family = s.full
			s.script = isScript(s.full)
			s.ranked = strings.HasPrefix(s.system, "hepburn")
			if strings.HasPrefix(s.system, "hiragana") {
				e.kanaFam = s.full
			}
			isFam = isFam || surname[strings.ToLower(s.full)]
			isGiven = isGiven || given[strings.ToLower(s.full)]
			e.spellings = append(e.spellings, s)
		}
		if len(e.spellings) < 3 {
			continue
		}
		switch {
		case isFam == isGiven && topShare[e.kanaFam] == 0:
			// unknown, or both: left out
		case isFam || topShare[e.kanaFam] > 0:
			p.jaFamily = append(p.jaFamily, e)
			share := topShare[e.kanaFam]
			if share == 0 {
				share = 0.0008 // a surname outside the top list
			}
			p.jaShare = append(p.jaShare, share)
		default:
			p.jaGiven = append(p.jaGiven, e)
		}
	}
	if ref := sharedPath(filepath.Join("reference", "ko_surname_romanizations.tsv")); ref != "" {
		for _, row := range readTSV(ref) {
			if len(row) >= 9 {
				v, _ := strconv.ParseFloat(strings.TrimSuffix(row[8], "%"), 64)
				p.koShare[row[1]] = v / 100
			}
		}
	}
	total := 0.0
	for fam := range p.koByFam {
		p.koFamList = append(p.koFamList, fam)
	}
	sort.Strings(p.koFamList)
	for _, fam := range p.koFamList {
		s := p.koShare[fam]
		if s == 0 {
			s = 0.0005
		}
		total += s
		p.koFamCum = append(p.koFamCum, total)
	}
	if len(p.koNames) < 100 || len(p.jaFamily) < 20 || len(p.jaGiven) < 40 {
		return nil, fmt.Errorf("%s: too few names (%d Korean, %d Japanese surnames, %d given names)", devPath, len(p.koNames), len(p.jaFamily), len(p.jaGiven))
	}
	return p, nil
}

// addHanja gives Korean names their hanja from scriptshifter's hanja rows
// (hanja and ALA-LC): a name whose ALA-LC spelling is one of the pool's
// takes its hanja, the others become koHanjaNames, spelled in ALA-LC
// with and without breves, their Hangul surname the one the pool's names
// spell so in ALA-LC.
func (p *pool) addHanja(rows []devRow) {
	byAlalc := map[string]*nameEntity{}
	famCount := map[string]map[string]int{} // ALA-LC surname → Hangul surname → names
	for i := range p.koNames {
		e := &p.koNames[i]
		for _, s := range e.spellings {
			if s.system == "alalc" {
				byAlalc[s.full] = e
				if famCount[s.family] == nil {
					famCount[s.family] = map[string]int{}
				}
				famCount[s.family][e.hangulFam]++
			}
		}
	}
	best := func(m map[string]int) string {
		out := ""
		for k, n := range m {
			if n > m[out] || n == m[out] && k < out {
				out = k
			}
		}
		return out
	}
	// The reference table of surnames gives the MR spelling and hanja of
	// the surnames the pool's names do not spell in ALA-LC.
	refHanja := map[string]string{}
	if ref := sharedPath(filepath.Join("reference", "ko_surname_romanizations.tsv")); ref != "" {
		for _, row := range readTSV(ref) {
			if len(row) < 6 {
				continue
			}
			mr, _, _ := strings.Cut(row[5], " ")
			if mr != "" && famCount[mr] == nil {
				famCount[mr] = map[string]int{row[1]: 1}
			}
			if h := strings.FieldsFunc(row[3], func(r rune) bool { return r == '/' || r == ' ' }); len(h) > 0 && utf8.RuneCountInString(h[0]) == 1 {
				refHanja[row[1]] = h[0]
			}
		}
	}
	ascii := strings.NewReplacer("ŏ", "o", "ŭ", "u", "Ŏ", "O", "Ŭ", "U", "'", "", "’", "")
	hanjaOf := map[string]map[string]int{} // Hangul surname → hanja → names
	for _, r := range rows {
		fam, giv, ok := strings.Cut(strings.TrimSpace(r.b), " ")
		if utf8.RuneCountInString(r.a) != 3 || !isKanji(r.a) || !ok || strings.Contains(giv, " ") {
			continue
		}
		_, n := utf8.DecodeRuneInString(r.a)
		hf, hg := r.a[:n], r.a[n:]
		e := byAlalc[strings.TrimSpace(r.b)]
		if e == nil {
			hangul := best(famCount[fam])
			if hangul == "" {
				continue
			}
			p.koHanjaNames = append(p.koHanjaNames, nameEntity{
				spellings: []spelling{{system: "alalc", family: fam, given: giv, full: r.b},
					{system: "alalc-ascii(derived)", family: ascii.Replace(fam), given: ascii.Replace(giv), full: ascii.Replace(r.b)}},
				hangulFam: hangul,
			})
			e = &p.koHanjaNames[len(p.koHanjaNames)-1]
		}
		if e.hanjaFam != "" {
			continue
		}
		e.kanji, e.hanjaFam, e.hanjaGiv = r.a, hf, hg
		if hanjaOf[e.hangulFam] == nil {
			hanjaOf[e.hangulFam] = map[string]int{}
		}
		hanjaOf[e.hangulFam][hf]++
	}
	for i := range p.koNames {
		if p.koNames[i].hanjaGiv != "" {
			p.koWithHanja = append(p.koWithHanja, &p.koNames[i])
		}
	}
	for i := range p.koHanjaNames {
		p.koWithHanja = append(p.koWithHanja, &p.koHanjaNames[i])
	}
	p.koHanja = refHanja
	for h, m := range hanjaOf {
		p.koHanja[h] = best(m)
	}
}

func readTSV(path string) [][]string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out [][]string
	for i, line := range strings.Split(string(b), "\n") {
		if i == 0 || line == "" {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}

// indPerson is someone of the independent scenario.
type indPerson struct {
	origin      string
	fam, giv    *nameEntity // ko: both point to full names (family of fam, given of giv)
	sex         string
	year        int
	place       [2]string
	famSpelling int // which spellings of fam is this person's customary family name
	// The name in kanji or hanja, both parts or neither: "" when dev.tsv
	// does not give it.
	kanjiFam, kanjiGiv string
}

var koPlaces = [][2]string{{"Gyeongsangnam-do", "Kyŏngsang-namdo"}, {"Jeollabuk-do", "Chŏllabuk-to"}, {"Pyeongannam-do", "P'yŏngan-namdo"},
	{"Hamgyeongbuk-do", "Hamgyŏng-pukto"}, {"Seoul", "Sŏul"}, {"Busan", "Pusan"}, {"Jeju-do", "Cheju-do"}, {"Gangwon-do", "Kangwŏn-do"}}
var jaPlaces = [][2]string{{"Tōkyō", "Tokyo"}, {"Ōsaka", "Osaka-fu"}, {"Niigata", "NIIGATA"}, {"Hiroshima", "Hirosima"},
	{"Fukuoka", "Hukuoka"}, {"Kagoshima", "Kagosima"}, {"Hokkaidō", "Hokkaido"}, {"Yamaguchi", "Yamaguti"}}

// person draws someone: a Korean surname by its share, a Japanese one by
// its (top-list) share, the given name uniformly.
// With hanjaNames, a share hanjaPeople of Korean given names are drawn
// from the names dev.tsv gives in hanja.
func (p *pool) person(r *rand.Rand, origin string, hanjaNames bool) indPerson {
	ip := indPerson{origin: origin, year: 1915 + r.IntN(45)}
	if origin == "ko" {
		x := r.Float64() * p.koFamCum[len(p.koFamCum)-1]
		i := sort.SearchFloat64s(p.koFamCum, x)
		fams := p.koByFam[p.koFamList[min(i, len(p.koFamList)-1)]]
		ip.fam = &p.koNames[fams[r.IntN(len(fams))]]
		if hanjaNames && r.Float64() < hanjaPeople {
			ip.giv = p.koWithHanja[r.IntN(len(p.koWithHanja))]
		} else {
			ip.giv = &p.koNames[r.IntN(len(p.koNames))]
		}
		pl := koPlaces[r.IntN(len(koPlaces))]
		ip.place = pl
		ip.kanjiFam, ip.kanjiGiv = p.familyKanji(origin, ip.fam), ip.giv.hanjaGiv
	} else {
		total := 0.0
		for _, s := range p.jaShare {
			total += s
		}
		x := r.Float64() * total
		i := 0
		for ; i < len(p.jaShare)-1 && x > p.jaShare[i]; i++ {
			x -= p.jaShare[i]
		}
		ip.fam = &p.jaFamily[i]
		ip.giv = &p.jaGiven[r.IntN(len(p.jaGiven))]
		ip.place = jaPlaces[r.IntN(len(jaPlaces))]
		ip.kanjiFam, ip.kanjiGiv = p.familyKanji(origin, ip.fam), ip.giv.kanji
	}
	// A given name is a boy's or a girl's, whatever the record says.
	if h := fnvString(ip.giv.spellings[0].full); h%2 == 0 {
		ip.sex = "M"
	} else {
		ip.sex = "F"
	}
	return ip
}

// familyKanji is the surname of fam in kanji (ja) or hanja (ko: its own,
// or the commonest of its Hangul surname), or "".
func (p *pool) familyKanji(origin string, fam *nameEntity) string {
	switch {
	case origin == "ja":
		return fam.kanji
	case fam.hanjaFam != "":
		return fam.hanjaFam
	}
	return p.koHanja[fam.hangulFam]
}

func fnvString(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// parts returns the family and given name of p as spelled in a system
// both its names have (or the closest: a random one each), and whether
// that is a script spelling.
func (p *indPerson) parts(r *rand.Rand, preferRanked bool) (fam, giv string, script bool, system string) {
	pick := func(e *nameEntity, want string) spelling {
		var cands []spelling
		for _, s := range e.spellings {
			if want != "" && s.system == want {
				return s
			}
			if !preferRanked || s.ranked {
				cands = append(cands, s)
			}
		}
		if len(cands) == 0 {
			cands = e.spellings
		}
		return cands[r.IntN(len(cands))]
	}
	g := pick(p.giv, "")
	f := pick(p.fam, g.system)
	if p.origin == "ko" {
		return f.family, g.given, g.script, g.system
	}
	return f.family, g.family, g.script, g.system
}

// indConfig sets the size of an independent scenario and what it holds.
type indConfig struct {
	seed             uint64
	missing, archive int
	// hanjaNames draws Korean given names also from the names dev.tsv
	// gives only in hanja and ALA-LC; kanji writes names in kanji and
	// hanja where dev.tsv gives them (kanjiShares). Both off, the
	// scenario is the one the README's first figures measure; kanji
	// draws from a stream of its own, so with hanjaNames the same people
	// and records are written with and without it.
	hanjaNames, kanji bool
}

// hanjaPeople is the share of Korean people whose given name is drawn
// from the names dev.tsv gives in hanja (indConfig.hanjaNames): a tenth of
// its Korean names have hanja, and a register of the colonial era writes
// most in hanja. More would make these few names common beyond their
// share.
const hanjaPeople = 0.3

// kanjiShares are the shares of records written in kanji or hanja, of
// those whose names dev.tsv gives so: a Japanese archive writes most names
// in kanji, and families write them so half the time; a Korean register
// of the colonial era writes names in hanja, families today seldom.
var kanjiShares = map[string]struct{ query, archive float64 }{
	"ja": {0.5, 0.7},
	"ko": {0.1, 0.7},
}

// writing is how a record writes its name: kanji, kana or romaji (ja);
// hanja, Hangul, rr (RR and ICU), alalc (ALA-LC and MR) or customary (ko).
func writing(origin, system string, script, kanji bool) string {
	switch {
	case kanji && origin == "ja":
		return "kanji"
	case kanji:
		return "hanja"
	case script && origin == "ja":
		return "kana"
	case script:
		return "hangul"
	case origin == "ja":
		return "romaji"
	case strings.HasPrefix(system, "rr") || strings.HasPrefix(system, "icu"):
		return "rr"
	case strings.HasPrefix(system, "alalc") || strings.HasPrefix(system, "var-1939"):
		return "alalc"
	}
	return system
}

// generateIndependent builds an independent scenario: people sought (half
// Korean, half Japanese), their archive records (one to three, each in
// another spelling, with slips), some of their siblings, and unrelated
// records (seven in ten Korean) up to the archive's size. Each true pair's
// Variation says how its two sides write the name ("writing:kanji/romaji":
// the person sought in kanji, the record in romaji).
func generateIndependent(p *pool, cfg indConfig) (missing, archive []records.Record, truth []records.Truth) {
	r := rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15))
	rk := rand.New(rand.NewPCG(cfg.seed^0x6a09e667f3bcc909, cfg.seed))
	type placed struct {
		rec     records.Record
		owner   int
		writing string
	}
	var planned []placed
	var queryWriting []string
	record := func(ip *indPerson, id string, preferRanked bool) (records.Record, string) {
		fam, giv, script, system := ip.parts(r, preferRanked)
		rec := records.Record{ID: id, BirthYear: ip.year}
		switch {
		case script && r.IntN(4) == 0:
			rec.FullName = fam + giv // Hangul or kana written as one word
		case script && r.IntN(3) == 0:
			rec.FullName = fam + " " + giv
		case !script && r.IntN(4) == 0:
			if r.IntN(3) == 0 {
				rec.FullName = strings.ToUpper(giv + " " + fam) // given first, as in a passport
			} else {
				rec.FullName = fam + " " + giv
			}
		default:
			rec.FamilyName, rec.GivenName = fam, giv
		}
		if r.IntN(10) < 7 {
			rec.Sex = ip.sex
		}
		if r.IntN(2) == 0 {
			rec.BirthPlace = ip.place[r.IntN(2)]
		}
		share := kanjiShares[ip.origin].archive
		if preferRanked {
			share = kanjiShares[ip.origin].query
		}
		kanji := cfg.kanji && ip.kanjiFam != "" && ip.kanjiGiv != "" && rk.Float64() < share
		if kanji {
			rec.FamilyName, rec.GivenName, rec.FullName = "", "", ""
			switch x := rk.IntN(10); {
			case x < 5:
				rec.FamilyName, rec.GivenName = ip.kanjiFam, ip.kanjiGiv
			case x < 8:
				rec.FullName = ip.kanjiFam + ip.kanjiGiv // as registers write it
			default:
				rec.FullName = ip.kanjiFam + " " + ip.kanjiGiv
			}
		}
		return rec, writing(ip.origin, system, script, kanji)
	}
	slip := func(rec *records.Record) {
		switch x := r.IntN(100); {
		case x < 15:
			rec.BirthYear = 0
		case x < 30:
			d := 1 + r.IntN(5)
			if r.IntN(2) == 0 {
				d = -d
			}
			rec.BirthYear += d
		}
	}
	for i := 0; i < cfg.missing; i++ {
		origin := "ko"
		if i%2 == 1 {
			origin = "ja"
		}
		ip := p.person(r, origin, cfg.hanjaNames)
		id := fmt.Sprintf("Q%05d", i+1)
		q, w := record(&ip, id, true)
		if r.IntN(10) == 0 {
			q.BirthYear = 0
		}
		missing = append(missing, q)
		queryWriting = append(queryWriting, w)
		n := 1 + r.IntN(2)
		if r.IntN(5) == 0 {
			n = 3
		}
		for k := 0; k < n; k++ {
			rec, w := record(&ip, "", false)
			slip(&rec)
			planned = append(planned, placed{rec, i, w})
		}
		// Siblings: the same surname (as the family writes it) and birth
		// place, another given name, born a few years apart.
		if r.IntN(10) < 3 {
			for k := 0; k < 1+r.IntN(2); k++ {
				sib := p.person(r, origin, cfg.hanjaNames)
				sib.fam, sib.place = ip.fam, ip.place
				sib.kanjiFam = p.familyKanji(origin, ip.fam)
				sib.year = ip.year + []int{-1, 1}[r.IntN(2)]*(2+r.IntN(7))
				rec, w := record(&sib, "", false)
				slip(&rec)
				planned = append(planned, placed{rec, -1, w})
			}
		}
	}
	pos := r.Perm(cfg.archive)[:min(len(planned), cfg.archive)]
	at := map[int]int{}
	for k, p := range pos {
		at[p] = k
	}
	for i := 0; i < cfg.archive; i++ {
		id := fmt.Sprintf("R%07d", i+1)
		if k, ok := at[i]; ok {
			rec := planned[k].rec
			rec.ID = id
			archive = append(archive, rec)
			if o := planned[k].owner; o >= 0 {
				origin := "ko"
				if o%2 == 1 {
					origin = "ja"
				}
				truth = append(truth, records.Truth{QueryID: missing[o].ID, CandidateID: id, Origin: origin,
					Variation: "writing:" + queryWriting[o] + "/" + planned[k].writing})
			}
			continue
		}
		origin := "ko"
		if r.IntN(10) >= 7 {
			origin = "ja"
		}
		ip := p.person(r, origin, cfg.hanjaNames)
		rec, _ := record(&ip, id, false)
		slip(&rec)
		archive = append(archive, rec)
	}
	return missing, archive, truth
}

// loadIndependent skips t when the external names are absent.
func loadIndependent(t testing.TB) *pool {
	t.Helper()
	dev := sharedPath(filepath.Join("eval", "names", "dev.tsv"))
	if dev == "" {
		t.Skip("../shared/eval/names/dev.tsv is absent: the independent scenario needs it")
	}
	p, err := loadPool(dev)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestIndependentScenario runs kinlink with its defaults on independent
// scenarios and reports recall@10, calibration and precision among the
// pairs at p >= 0.9, each seed's and the four small seeds' pooled. Run
// with -v to see the figures the README quotes;
// KINLINK_INDEPENDENT_LARGE=1 adds 1,000 people sought × 200,000 records
// (=N: × N records).
func TestIndependentScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and matches independent scenarios")
	}
	p := loadIndependent(t)
	t.Logf("pool: %d Korean names (%d surnames), %d Japanese surnames, %d Japanese given names",
		len(p.koNames), len(p.koByFam), len(p.jaFamily), len(p.jaGiven))
	runIndependent(t, p, indConfig{})
}

// TestIndependentKanjiScenario runs the independent scenarios with names
// in kanji and hanja (indConfig.kanji), and the same people and records
// without them, and reports the figures of TestIndependentScenario and
// recall@10 by how the two sides of a true pair write the name.
// KINLINK_INDEPENDENT_LARGE as there; KINLINK_INDEPENDENT_LOST=1 logs
// every true pair off its person's top 10, with the true record's rank
// among the top 400 and the levels it was scored with.
func TestIndependentKanjiScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and matches independent scenarios")
	}
	p := loadIndependent(t)
	withHanja := 0
	for _, e := range p.koNames {
		if e.hanjaGiv != "" {
			withHanja++
		}
	}
	t.Logf("pool: %d Korean names (%d with hanja) and %d in hanja and ALA-LC alone, hanja for %d of %d Hangul surnames; kanji for %d of %d Japanese surnames, %d of %d given names",
		len(p.koNames), withHanja, len(p.koHanjaNames), countHanja(p), len(p.koFamList), countKanji(p.jaFamily), len(p.jaFamily), countKanji(p.jaGiven), len(p.jaGiven))
	t.Run("without", func(t *testing.T) { runIndependent(t, p, indConfig{hanjaNames: true}) })
	t.Run("kanji", func(t *testing.T) { runIndependent(t, p, indConfig{hanjaNames: true, kanji: true}) })
}

// TestIndependentKanjiSameRecords checks what the comparison with and
// without kanji rests on: the two scenarios hold the same records but
// for how names are written, and some are written in kanji and hanja.
func TestIndependentKanjiSameRecords(t *testing.T) {
	p := loadIndependent(t)
	cfg := indConfig{seed: 9, missing: 200, archive: 5000, hanjaNames: true}
	m0, a0, t0 := generateIndependent(p, cfg)
	cfg.kanji = true
	m1, a1, t1 := generateIndependent(p, cfg)
	if len(m0) != len(m1) || len(a0) != len(a1) || len(t0) != len(t1) {
		t.Fatalf("sizes differ: %d/%d/%d against %d/%d/%d", len(m0), len(a0), len(t0), len(m1), len(a1), len(t1))
	}
	written := map[string]int{}
	for i, recs := range [][2][]records.Record{{m0, m1}, {a0, a1}} {
		for k := range recs[0] {
			r0, r1 := recs[0][k], recs[1][k]
			if r0.ID != r1.ID || r0.BirthYear != r1.BirthYear || r0.Sex != r1.Sex || r0.BirthPlace != r1.BirthPlace {
				t.Fatalf("record %d of %d differs beyond its name: %+v against %+v", k, i, r0, r1)
			}
			if isKanji(r0.FamilyName + r0.GivenName + r0.FullName) {
				t.Errorf("written in kanji without them: %+v", r0)
			}
			if isKanji(r1.FamilyName + r1.GivenName + r1.FullName) {
				written[[]string{"missing", "archive"}[i]]++
			}
		}
	}
	for k := range t0 {
		if t0[k].QueryID != t1[k].QueryID || t0[k].CandidateID != t1[k].CandidateID {
			t.Fatalf("truth %d differs: %+v against %+v", k, t0[k], t1[k])
		}
	}
	// about 0.5 × 0.5 + 0.5 × 0.35 × 0.1 of the people sought, 0.3 × 0.7
	// + 0.7 × 0.35 × 0.7 of the archive (some names have no kanji)
	if n := written["missing"]; n < 200*15/100 || n > 200*40/100 {
		t.Errorf("%d of 200 people sought in kanji or hanja", n)
	}
	if n := written["archive"]; n < 5000*25/100 || n > 5000*50/100 {
		t.Errorf("%d of 5,000 archive records in kanji or hanja", n)
	}
	t.Logf("in kanji or hanja: %d of 200 people sought, %d of 5,000 records", written["missing"], written["archive"])
}

func countHanja(p *pool) int {
	n := 0
	for _, f := range p.koFamList {
		if p.koHanja[f] != "" {
			n++
		}
	}
	return n
}

func countKanji(es []nameEntity) int {
	n := 0
	for _, e := range es {
		if e.kanji != "" {
			n++
		}
	}
	return n
}

// runIndependent matches the four small scenarios of kind (and the large
// one when asked) and logs their figures.
func runIndependent(t *testing.T, p *pool, kind indConfig) {
	cfgs := []indConfig{{seed: 1, missing: 150, archive: 20_000}, {seed: 2, missing: 150, archive: 20_000},
		{seed: 3, missing: 150, archive: 20_000}, {seed: 4, missing: 150, archive: 20_000}}
	if v := os.Getenv("KINLINK_INDEPENDENT_LARGE"); v != "" {
		n := 200_000
		if v != "1" {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n < 20_000 {
				t.Fatalf("KINLINK_INDEPENDENT_LARGE=%q: want 1 (200,000 records) or a number of archive records (20,000 or more)", v)
			}
		}
		cfgs = append(cfgs, indConfig{seed: 5, missing: 1000, archive: n})
	}
	var pooledRows []records.MatchRow
	var pooledTruth []records.Truth
	for _, cfg := range cfgs {
		cfg.hanjaNames, cfg.kanji = kind.hanjaNames, kind.kanji
		missing, archive, truth := generateIndependent(p, cfg)
		if dir := os.Getenv("KINLINK_INDEPENDENT_OUT"); dir != "" {
			name := fmt.Sprintf("seed%d", cfg.seed)
			if cfg.kanji {
				name += "-kanji"
			} else if cfg.hanjaNames {
				name += "-without"
			}
			writeScenario(t, filepath.Join(dir, name), missing, archive, truth)
		}
		lost := os.Getenv("KINLINK_INDEPENDENT_LOST") != ""
		top := 10
		if lost {
			top = 400
		}
		l := match.NewLinker(match.Config{Top: top}, missing)
		res, err := l.Run(context.Background(), match.SliceOpener(archive), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var rows []records.MatchRow
		for _, m := range rowsOf(res.Rows) {
			if m.Rank <= 10 {
				rows = append(rows, m)
			}
		}
		m := datasets.Evaluate(rows, truth, 10)
		logMetrics(t, fmt.Sprintf("seed %d, %d × %d, %d true pairs", cfg.seed, cfg.missing, cfg.archive, len(truth)), m)
		t.Logf("    records/person %.2f", res.Model.RecordsPerPerson)
		if cfg.missing == 150 {
			for _, r := range rows {
				r.QueryID = fmt.Sprintf("%d:%s", cfg.seed, r.QueryID)
				r.CandidateID = fmt.Sprintf("%d:%s", cfg.seed, r.CandidateID)
				pooledRows = append(pooledRows, r)
			}
			for _, tr := range truth {
				tr.QueryID = fmt.Sprintf("%d:%s", cfg.seed, tr.QueryID)
				tr.CandidateID = fmt.Sprintf("%d:%s", cfg.seed, tr.CandidateID)
				pooledTruth = append(pooledTruth, tr)
			}
		} else {
			logWritings(t, m)
		}
		if lost {
			logLost(t, missing, archive, truth, res.Rows)
		}
	}
	m := datasets.Evaluate(pooledRows, pooledTruth, 10)
	logMetrics(t, fmt.Sprintf("pooled 4 × (150 × 20000), %d true pairs", len(pooledTruth)), m)
	logWritings(t, m)
}

func logMetrics(t *testing.T, what string, m datasets.Metrics) {
	t.Helper()
	at := atThreshold(m, 0.9)
	t.Logf("%s: recall@10 %.3f  ECE %.3f  max gap %.3f  precision at p>=0.9 %.3f (%d rows, recall %.3f)  rows %d",
		what, m.RecallAtK, m.CalibrationError, m.MaxBinGap, at.Precision, at.Rows, at.Recall, m.PredictedPairs)
	for _, b := range m.Reliability {
		if b.Rows > 0 {
			t.Logf("    %.1f-%.1f %6d rows  predicted %.3f  observed %.3f", b.Low, b.High, b.Rows, b.MeanPredicted, b.Observed)
		}
	}
}

// logWritings logs recall@10 by how the two sides of a true pair write
// the name (the person sought / the record).
func logWritings(t *testing.T, m datasets.Metrics) {
	t.Helper()
	var kinds []string
	for k := range m.ByVariation {
		if strings.HasPrefix(k, "writing:") {
			kinds = append(kinds, k)
		}
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		v := m.ByVariation[k]
		t.Logf("    %-28s %5d true pairs  recall@10 %.3f  lost %d", strings.TrimPrefix(k, "writing:"), v.TruePairs, v.RecallAtK,
			v.TruePairs-int(v.RecallAtK*float64(v.TruePairs)+0.5))
	}
}

// logLost logs the true pairs off their person's top 10: how each side
// writes the name, both records, and the true record's rank and levels
// among the rows (top 400) or "-" when it is not among them.
func logLost(t *testing.T, missing, archive []records.Record, truth []records.Truth, rows []records.Match) {
	t.Helper()
	byID := map[string]records.Record{}
	for _, r := range missing {
		byID[r.ID] = r
	}
	for _, r := range archive {
		byID[r.ID] = r
	}
	type key struct{ q, c string }
	found := map[key]records.Match{}
	tenth := map[string]records.Match{}
	for _, m := range rows {
		found[key{m.QueryID, m.CandidateID}] = m
		if m.Rank == 10 {
			tenth[m.QueryID] = m
		}
	}
	show := func(r records.Record) string {
		return fmt.Sprintf("[%s|%s|%s %d %s %s]", r.FamilyName, r.GivenName, r.FullName, r.BirthYear, r.Sex, r.BirthPlace)
	}
	for _, tr := range truth {
		m, ok := found[key{tr.QueryID, tr.CandidateID}]
		if ok && m.Rank <= 10 {
			continue
		}
		where := "-"
		if ok {
			where = fmt.Sprintf("rank %d p %.3f w %.1f fam %s giv %s year %s sex %s place %s", m.Rank, m.MatchProbability, m.MatchWeight,
				m.LevelFamily, m.LevelGiven, m.LevelBirthYear, m.LevelSex, m.LevelBirthPlace)
		}
		ten := tenth[tr.QueryID]
		t.Logf("LOST %s %s %s -> %s: %s | 10th w %.1f fam %s giv %s year %s %s", strings.TrimPrefix(tr.Variation, "writing:"), tr.QueryID,
			show(byID[tr.QueryID]), show(byID[tr.CandidateID]), where, ten.MatchWeight, ten.LevelFamily, ten.LevelGiven, ten.LevelBirthYear, show(byID[ten.CandidateID]))
	}
}

// writeScenario writes a scenario as CSV files (missing.csv, archive.csv,
// truth.csv) for runs of the kinlink command.
func writeScenario(t testing.TB, dir string, missing, archive []records.Record, truth []records.Truth) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	q := func(s string) string {
		if strings.ContainsAny(s, ",\"\n") {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	for name, recs := range map[string][]records.Record{"missing.csv": missing, "archive.csv": archive} {
		var b strings.Builder
		b.WriteString("id,family_name,given_name,full_name,birth_year,sex,birth_place\n")
		for _, r := range recs {
			year := ""
			if r.BirthYear != 0 {
				year = strconv.Itoa(r.BirthYear)
			}
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s\n", q(r.ID), q(r.FamilyName), q(r.GivenName), q(r.FullName), year, r.Sex, q(r.BirthPlace))
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	b.WriteString("query_id,candidate_id,origin,variation\n")
	for _, tr := range truth {
		fmt.Fprintf(&b, "%s,%s,%s,%s\n", tr.QueryID, tr.CandidateID, tr.Origin, q(tr.Variation))
	}
	if err := os.WriteFile(filepath.Join(dir, "truth.csv"), []byte(b.String()), 0o640); err != nil {
		t.Fatal(err)
	}
}
