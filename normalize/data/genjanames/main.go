// Command genjanames writes the Japanese name tables that package
// normalize embeds (see ../README.md), from three dictionaries that Debian
// packages:
//
//   - ENAMDICT (package enamdict, /usr/share/edict/enamdict, EUC-JP):
//     Japanese proper names with their kana readings, tagged surname (s),
//     given name (g, f, m) or person name not yet classified (u).
//     © Electronic Dictionary Research and Development Group, CC BY-SA.
//   - IPADIC person names (package ipadic-common,
//     /usr/share/chasen/ipadic/Noun.name.dic, UTF-8): surnames (姓) and given
//     names (名) with katakana readings and a cost (lower: more common).
//     © Nara Institute of Science and Technology, BSD-style licence with
//     ICOT terms (the notice is kept in ../LICENSE.ipadic).
//   - KANJIDIC (package kanjidic, /usr/share/edict/kanjidic, EUC-JP): per
//     kanji its on and kun readings and its name readings (nanori).
//     © Electronic Dictionary Research and Development Group, CC BY-SA.
//
// It writes, zstd-compressed:
//
//   - ja_kanji_names.tsv.zst: each name written with kanji, its readings in
//     hiragana, best first, with roles (s surname, g given name) and a
//     weight (higher: likelier), sorted by the kanji for binary search;
//   - ja_kana_names.tsv.zst: each reading of a name, with how many
//     spellings give it as a surname and as a given name (how common the
//     name is, as far as a dictionary without frequencies can tell);
//   - ja_kanji_chars.tsv.zst: per kanji, the readings it takes inside
//     names, counted by aligning the dictionary's names with KANJIDIC's
//     readings (voiced and geminated forms included), at the start of a
//     name and inside it, for reading names the dictionaries lack.
//
// Run from the package folder: go run ./data/genjanames
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
	"kinlink/normalize"
)

var (
	enamdictPath = flag.String("enamdict", "/usr/share/edict/enamdict", "ENAMDICT (EUC-JP)")
	ipadicPath   = flag.String("ipadic", "/usr/share/chasen/ipadic/Noun.name.dic", "IPADIC person names (UTF-8)")
	kanjidicPath = flag.String("kanjidic", "/usr/share/edict/kanjidic", "KANJIDIC (EUC-JP)")
	outDir       = flag.String("out", "data", "folder to write the tables to")
)

// roles of a reading.
const (
	roleSurname = 1 << iota
	roleGiven
	roleUnclassified // ENAMDICT's u: a person name not known as either
)

// entry is one (written form, reading) of a dictionary.
type entry struct {
	written, reading string
	roles            uint8
	ipadicCost       int // 0: not in IPADIC
}

func main() {
	flag.Parse()
	log.SetFlags(0)
	entries := map[[2]string]*entry{}
	add := func(w, r string, roles uint8, cost int) {
		k := [2]string{w, r}
		e := entries[k]
		if e == nil {
			e = &entry{written: w, reading: r}
			entries[k] = e
		}
		e.roles |= roles
		if cost > 0 && (e.ipadicCost == 0 || cost < e.ipadicCost) {
			e.ipadicCost = cost
		}
	}
	if err := readENAMDICT(*enamdictPath, add); err != nil {
		log.Fatal(err)
	}
	if err := readIPADIC(*ipadicPath, add); err != nil {
		log.Fatal(err)
	}
	chars, err := readKANJIDIC(*kanjidicPath)
	if err != nil {
		log.Fatal(err)
	}
	all := make([]*entry, 0, len(entries))
	for _, e := range entries {
		all = append(all, e)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].written != all[j].written {
			return all[i].written < all[j].written
		}
		return all[i].reading < all[j].reading
	})
	// popularity of a reading in each role: its number of spellings, and
	// ipadicBonus more when IPADIC lists it in that role (IPADIC lists the
	// common names: 溝口 has one spelling but many bearers)
	var popS, popG, popU = map[string]int{}, map[string]int{}, map[string]int{}
	for _, e := range all {
		bonus := 0
		if e.ipadicCost > 0 {
			bonus = ipadicBonus
		}
		if e.roles&roleSurname != 0 {
			popS[e.reading] += 1 + bonus
		}
		if e.roles&roleGiven != 0 {
			popG[e.reading] += 1 + bonus
		}
		if e.roles&roleUnclassified != 0 {
			popU[e.reading]++
		}
	}
	if err := writeKana(all, popS, popG, popU); err != nil {
		log.Fatal(err)
	}
	counts := alignChars(all, chars)
	if err := writeChars(counts); err != nil {
		log.Fatal(err)
	}
	if err := writeKanjiNames(all, popS, popG, popU, counts); err != nil {
		log.Fatal(err)
	}
}

// hiragana returns s with katakana turned into hiragana, or "" when s
// holds anything but kana (the long-vowel mark is kept).
func hiragana(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x30A1 && r <= 0x30F6:
			b.WriteRune(r - 0x60)
		case r >= 0x3041 && r <= 0x3096, r == 'ー':
			b.WriteRune(r)
		default:
			return ""
		}
	}
	return b.String()
}

// isHan reports whether r is a kanji (or the repetition mark 々, or ヶ,
// which names write between kanji).
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '々' || r == 'ヶ'
}

// nameWritten reports whether w is a name written with at least one
// kanji and nothing but kanji and kana.
func nameWritten(w string) bool {
	han := false
	for _, r := range w {
		switch {
		case isHan(r):
			han = true
		case r >= 0x3041 && r <= 0x30FA, r == 'ー':
		default:
			return false
		}
	}
	return han
}

func eucReader(path string) (io.Reader, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return transform.NewReader(f, japanese.EUCJP.NewDecoder()), f.Close, nil
}

var enamLine = regexp.MustCompile(`^(\S+)(?: \[(\S+)\])? /\(([a-z,]+)\)`)

// readENAMDICT reads the person names of ENAMDICT: written form, reading,
// and tags s (surname), g f m (given), u (either).
func readENAMDICT(path string, add func(w, r string, roles uint8, cost int)) error {
	rd, closeFn, err := eucReader(path)
	if err != nil {
		return err
	}
	defer closeFn()
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		m := enamLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		written, reading := m[1], m[2]
		if reading == "" {
			reading = written // a name written in kana
		}
		reading = hiragana(reading)
		if reading == "" {
			continue
		}
		var roles uint8
		for _, t := range strings.Split(m[3], ",") {
			switch t {
			case "s":
				roles |= roleSurname
			case "g", "f", "m":
				roles |= roleGiven
			case "u":
				roles |= roleUnclassified
			}
		}
		if roles == 0 {
			continue
		}
		if written != reading && !nameWritten(written) {
			continue
		}
		add(written, reading, roles, 0)
		n++
	}
	log.Printf("ENAMDICT: %d person names", n)
	return sc.Err()
}

var ipadicLine = regexp.MustCompile(`人名 (姓|名)\)\) \(\(見出し語 \((\S+) (\d+)\)\) \(読み (\S+)\)`)

// readIPADIC reads IPADIC's surnames (姓) and given names (名).
func readIPADIC(path string, add func(w, r string, roles uint8, cost int)) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		m := ipadicLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		role := uint8(roleGiven)
		if m[1] == "姓" {
			role = roleSurname
		}
		cost, _ := strconv.Atoi(m[3])
		for k, alt := range expandBraces(m[4]) {
			reading := hiragana(alt)
			if reading == "" || !nameWritten(m[2]) && m[2] != reading {
				continue
			}
			// the first of alternatives ({ヤマダ/ヤマタ}) is the usual one
			add(m[2], reading, role, max(cost, 1)+2000*k)
			n++
		}
	}
	log.Printf("IPADIC: %d person names", n)
	return nil
}

// expandBraces returns the readings IPADIC writes with alternatives in
// braces ({ヤマダ/ヤマタ}, カ{ズ/ヅ}オ), in order.
func expandBraces(s string) []string {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return []string{s}
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return []string{s}
	}
	var out []string
	for _, alt := range strings.Split(s[i+1:i+j], "/") {
		for _, rest := range expandBraces(s[i+j+1:]) {
			out = append(out, s[:i]+alt+rest)
		}
	}
	return out
}

// charReadings are KANJIDIC's readings of one kanji, in hiragana.
type charReadings struct {
	on, kun, nanori []string
}

// readKANJIDIC reads each kanji's on readings (katakana), kun readings
// (hiragana; the part before a "." is the stem, "-" marks affixes) and
// nanori (after T1; T2 starts the radical's names, which are skipped).
func readKANJIDIC(path string) (map[rune]*charReadings, error) {
	rd, closeFn, err := eucReader(path)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	out := map[rune]*charReadings{}
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.IndexByte(line, '{'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		c, size := utf8.DecodeRuneInString(f[0])
		if size != len(f[0]) {
			continue
		}
		cr := &charReadings{}
		mode := 0 // 0 readings, 1 nanori, 2 radical names
		for _, t := range f[1:] {
			switch t {
			case "T1":
				mode = 1
				continue
			case "T2":
				mode = 2
				continue
			}
			if mode == 2 {
				continue
			}
			r0, _ := utf8.DecodeRuneInString(t)
			isKata := r0 >= 0x30A1 && r0 <= 0x30FA
			isHira := r0 >= 0x3041 && r0 <= 0x3096 || r0 == '-'
			if !isKata && !isHira {
				continue
			}
			t = strings.Trim(t, "-")
			stem, _, _ := strings.Cut(t, ".")
			full := strings.ReplaceAll(t, ".", "")
			switch {
			case mode == 1:
				cr.nanori = appendKana(cr.nanori, full)
			case isKata:
				cr.on = appendKana(cr.on, full)
			default:
				cr.kun = appendKana(cr.kun, stem)
				if full != stem {
					cr.kun = appendKana(cr.kun, full)
				}
			}
		}
		out[c] = cr
	}
	log.Printf("KANJIDIC: %d kanji", len(out))
	return out, sc.Err()
}

func appendKana(xs []string, s string) []string {
	h := hiragana(s)
	if h == "" {
		return xs
	}
	for _, x := range xs {
		if x == h {
			return xs
		}
	}
	return append(xs, h)
}

// writeKana writes each reading with its Japanese key (normalize.Key, so
// that the table needs no romanising when it is loaded; a test in
// normalize checks that the keys are current) and its counts of spellings
// as a surname, as a given name (both with IPADIC's bonus) and
// unclassified.
func writeKana(all []*entry, popS, popG, popU map[string]int) error {
	readings := map[string]bool{}
	for _, e := range all {
		readings[e.reading] = true
	}
	keys := make([]string, 0, len(readings))
	for r := range readings {
		keys = append(keys, r)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString(header("ja_kana_names", "reading (hiragana) TAB its key (normalize.Key) TAB spellings as a surname TAB as a given name TAB as a person name of either kind (ENAMDICT's u)"))
	for _, r := range keys {
		k := normalize.Key(r, normalize.Japanese)
		if k == "" || strings.ContainsAny(k, " ") {
			continue
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\t%d\n", r, k, popS[r], popG[r], popU[r])
	}
	return writeZstd("ja_kana_names.tsv.zst", b.Bytes())
}

// ipadicBonus is what a listing in IPADIC adds to a reading's count of
// spellings in its role.
const ipadicBonus = 16

// compositionWeight weighs how regularly a name's kanji give its reading
// against how common the reading is: 山田 is やまだ (山 やま, 田 だ, as names
// read them) before やまがた, although more names are read やまがた.
const compositionWeight = 0.5

// regularity is the log-probability of the best alignment of reading r
// with the kanji of w, each kanji taking a reading with its share among
// that kanji's readings in names (at the start or inside), no lower than
// -12 (also for a reading that does not align).
func regularity(w, r string, counts map[rune]charCounts) float64 {
	runes := []rune(w)
	for k, c := range runes {
		if c == '々' && k > 0 {
			runes[k] = runes[k-1]
		}
	}
	const floor = -12.0
	if len(runes) > 6 {
		return floor
	}
	var best = math.Inf(-1)
	var walk func(k int, rest string, lp float64)
	walk = func(k int, rest string, lp float64) {
		if lp <= best || lp < floor {
			return
		}
		if k == len(runes) {
			if rest == "" {
				best = lp
			}
			return
		}
		cc := counts[runes[k]]
		var total float64
		for _, x := range cc {
			total += x[min(k, 1)]
		}
		for s, x := range cc {
			if strings.HasPrefix(rest, s) {
				walk(k+1, rest[len(s):], lp+math.Log((x[min(k, 1)]+0.1)/(total+1)))
			}
		}
	}
	walk(0, r, 0)
	return max(best, floor)
}

// maxReadingsPerName bounds the readings kept for one written name.
const maxReadingsPerName = 16

// writeKanjiNames writes each written name with its readings, best first.
// A reading's weight is the log of its popularity in its roles (how many
// spellings the reading has: ひろし has hundreds, ひとし fewer), raised
// when IPADIC lists it (more when its cost is low).
func writeKanjiNames(all []*entry, popS, popG, popU map[string]int, counts map[rune]charCounts) error {
	var b bytes.Buffer
	b.WriteString(header("ja_kanji_names", "written name TAB readings separated by spaces, best first, each reading/roles/weight (roles: s surname, g given name; weight: higher is likelier)"))
	n := 0
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].written == all[i].written {
			j++
		}
		w := all[i].written
		group := all[i:j]
		i = j
		if w == group[0].reading && len(group) == 1 || !nameWritten(w) {
			continue // written in kana only
		}
		type scored struct {
			e *entry
			w float64
		}
		var ss []scored
		for _, e := range group {
			if e.reading == w {
				continue
			}
			p := popU[e.reading] / 4
			if e.roles&roleSurname != 0 {
				p = max(p, popS[e.reading])
			}
			if e.roles&roleGiven != 0 {
				p = max(p, popG[e.reading])
			}
			s := math.Log(1+float64(p)) + compositionWeight*regularity(w, e.reading, counts)
			if e.ipadicCost > 0 {
				s += 2 + max(0, 2-float64(e.ipadicCost)/4000)
			}
			ss = append(ss, scored{e, s})
		}
		sort.SliceStable(ss, func(a, b int) bool { return ss[a].w > ss[b].w })
		if len(ss) > maxReadingsPerName {
			ss = ss[:maxReadingsPerName]
		}
		if len(ss) == 0 {
			continue
		}
		b.WriteString(w)
		b.WriteByte('\t')
		for k, s := range ss {
			if k > 0 {
				b.WriteByte(' ')
			}
			roles := ""
			if s.e.roles&(roleSurname|roleUnclassified) != 0 {
				roles += "s"
			}
			if s.e.roles&(roleGiven|roleUnclassified) != 0 {
				roles += "g"
			}
			fmt.Fprintf(&b, "%s/%s/%d", s.e.reading, roles, int(math.Round(s.w*4)))
		}
		b.WriteByte('\n')
		n++
	}
	log.Printf("ja_kanji_names: %d written names", n)
	return writeZstd("ja_kanji_names.tsv.zst", b.Bytes())
}

// voice returns the rendaku (voiced) form of the first kana of r, or "".
func voice(r string) string {
	first, size := utf8.DecodeRuneInString(r)
	v, ok := voiced[first]
	if !ok {
		return ""
	}
	return string(v) + r[size:]
}

var voiced = func() map[rune]rune {
	m := map[rune]rune{}
	for _, p := range []string{"かが", "きぎ", "くぐ", "けげ", "こご", "さざ", "しじ", "すず", "せぜ", "そぞ", "ただ", "ちぢ", "つづ", "てで", "とど", "はば", "ひび", "ふぶ", "へべ", "ほぼ"} {
		rs := []rune(p)
		m[rs[0]] = rs[1]
	}
	return m
}()

// geminate returns r with its last kana (つ ち く き) turned into っ, as
// before a voiceless consonant (一 いち → いっ in いっぺい), or "".
func geminate(r string) string {
	last, size := utf8.DecodeLastRuneInString(r)
	switch last {
	case 'つ', 'ち', 'く', 'き':
		if len(r) > size {
			return r[:len(r)-size] + "っ"
		}
	}
	return ""
}

// surfaces returns the forms a kanji's reading takes inside a name: the
// reading, its voiced form when not first, its geminated form when not
// last, and the long-vowel forms names write short (こう → こ in names
// such as 幸子 さちこ is not this; this is the shortened on reading).
func surfaces(r string, first, last bool) []string {
	out := []string{r}
	if !first {
		if v := voice(r); v != "" {
			out = append(out, v)
		}
	}
	if !last {
		for _, x := range out[:len(out):len(out)] {
			if g := geminate(x); g != "" {
				out = append(out, g)
			}
		}
	}
	return out
}

// charCounts are the occurrences of one kanji's readings in names, at the
// start of a name and inside it.
type charCounts map[string]*[2]float64

// alignChars aligns each dictionary name written in kanji only with its
// reading, character by character, through KANJIDIC's readings (and their
// voiced and geminated forms), and counts how often each kanji took each
// reading. A name of one kanji teaches its reading directly; a name of
// two whose one kanji aligns teaches the other's reading, which finds the
// name readings KANJIDIC lacks.
func alignChars(all []*entry, chars map[rune]*charReadings) map[rune]charCounts {
	counts := map[rune]charCounts{}
	bump := func(c rune, r string, pos int, w float64) {
		cc := counts[c]
		if cc == nil {
			cc = charCounts{}
			counts[c] = cc
		}
		x := cc[r]
		if x == nil {
			x = &[2]float64{}
			cc[r] = x
		}
		if pos == 0 {
			x[0] += w
		} else {
			x[1] += w
		}
	}
	cands := func(c rune) []string {
		cr := chars[c]
		if cr == nil {
			return nil
		}
		var out []string
		out = append(out, cr.nanori...)
		out = append(out, cr.kun...)
		out = append(out, cr.on...)
		return out
	}
	aligned, partial := 0, 0
	for _, e := range all {
		w := []rune(e.written)
		if len(w) == 0 || len(w) > 6 || e.written == e.reading {
			continue
		}
		ok := true
		for k, c := range w {
			if !unicode.Is(unicode.Han, c) {
				if c == '々' && k > 0 {
					w[k] = w[k-1]
					continue
				}
				ok = false
			}
		}
		if !ok {
			continue
		}
		if len(w) == 1 {
			bump(w[0], e.reading, 0, 1)
			continue
		}
		var found [][]string
		var walk func(k int, rest string, acc []string)
		walk = func(k int, rest string, acc []string) {
			if len(found) > 8 {
				return
			}
			if k == len(w) {
				if rest == "" {
					found = append(found, append([]string(nil), acc...))
				}
				return
			}
			seen := map[string]bool{}
			for _, r := range cands(w[k]) {
				for _, s := range surfaces(r, k == 0, k == len(w)-1) {
					if seen[s] || !strings.HasPrefix(rest, s) {
						continue
					}
					seen[s] = true
					walk(k+1, rest[len(s):], append(acc, s))
				}
			}
		}
		walk(0, e.reading, nil)
		if len(found) > 0 {
			aligned++
			for _, al := range found {
				for k, s := range al {
					bump(w[k], s, k, 1/float64(len(found)))
				}
			}
			continue
		}
		if len(w) != 2 {
			continue
		}
		// one kanji aligns at its end of the reading: the rest is the
		// other's reading
		for _, side := range []int{0, 1} {
			for _, r := range cands(w[side]) {
				for _, s := range surfaces(r, side == 0, side == 1) {
					var other string
					if side == 0 && strings.HasPrefix(e.reading, s) {
						other = e.reading[len(s):]
					} else if side == 1 && strings.HasSuffix(e.reading, s) {
						other = e.reading[:len(e.reading)-len(s)]
					} else {
						continue
					}
					if other == "" || utf8.RuneCountInString(other) > 4 {
						continue
					}
					partial++
					bump(w[side], s, side, 0.25)
					bump(w[1-side], other, 1-side, 0.25)
					goto next
				}
			}
		}
	next:
	}
	log.Printf("ja_kanji_chars: %d names aligned, %d in part", aligned, partial)
	// KANJIDIC's readings stay possible where no name shows them
	for c := range chars {
		for _, r := range cands(c) {
			if cc := counts[c]; cc == nil || cc[r] == nil {
				bump(c, r, 0, 0.2)
				bump(c, r, 1, 0.2)
			}
		}
	}
	return counts
}

// writeChars writes the counts of each kanji's readings.
func writeChars(counts map[rune]charCounts) error {
	runes := make([]rune, 0, len(counts))
	for c := range counts {
		runes = append(runes, c)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	var b bytes.Buffer
	b.WriteString(header("ja_kanji_chars", "kanji TAB readings separated by spaces, each reading/count at the start of a name/count inside a name (counts ×10, rounded; at least 1)"))
	const maxPerChar = 24
	for _, c := range runes {
		cc := counts[c]
		type rc struct {
			r    string
			a, b int
		}
		var rs []rc
		for r, x := range cc {
			a, m := int(math.Round(x[0]*10)), int(math.Round(x[1]*10))
			if a+m == 0 {
				continue
			}
			rs = append(rs, rc{r, max(a, 0), max(m, 0)})
		}
		sort.Slice(rs, func(i, j int) bool {
			if rs[i].a+rs[i].b != rs[j].a+rs[j].b {
				return rs[i].a+rs[i].b > rs[j].a+rs[j].b
			}
			return rs[i].r < rs[j].r
		})
		if len(rs) > maxPerChar {
			rs = rs[:maxPerChar]
		}
		if len(rs) == 0 {
			continue
		}
		b.WriteString(string(c))
		b.WriteByte('\t')
		for k, x := range rs {
			if k > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s/%d/%d", x.r, x.a, x.b)
		}
		b.WriteByte('\n')
	}
	return writeZstd("ja_kanji_chars.tsv.zst", b.Bytes())
}

func header(name, format string) string {
	return "# " + name + ": generated by normalize/data/genjanames from ENAMDICT and KANJIDIC\n" +
		"# (© Electronic Dictionary Research and Development Group, CC BY-SA; this table, derived\n" +
		"# from them, is under the same licence) and IPADIC's person names (© Nara Institute of\n" +
		"# Science and Technology, BSD-style licence with ICOT terms: see LICENSE.ipadic).\n" +
		"# Format: " + format + "\n"
}

func writeZstd(name string, data []byte) error {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	if err != nil {
		return err
	}
	out := enc.EncodeAll(data, nil)
	log.Printf("%s: %d bytes, %d compressed", name, len(data), len(out))
	return os.WriteFile(filepath.Join(*outDir, name), out, 0o644)
}
