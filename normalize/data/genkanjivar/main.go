// Command genkanjivar writes han_variants.tsv, the fold of variant forms
// of CJK ideographs (itaiji: 髙 for 高, 﨑 for 崎, 𠮷 for 吉) that package
// normalize embeds (see ../README.md). It reads the variant fields of the
// Unihan database as Debian's unicode-data package ships it
// (/usr/share/unicode/Unihan_Variants.txt.bz2, Unihan_IRGSources.txt.bz2
// and Unihan_OtherMappings.txt.bz2; apt-get install unicode-data), and normalize's own reading tables
// (ja_kanji_chars.tsv.zst, ko_hanja.tsv), which tell which characters the
// readings know. Unihan is © Unicode, Inc., under the Unicode License
// (https://www.unicode.org/license.txt); the table carries the notice in
// its header.
//
// A character gets a target for Japanese when ja_kanji_chars has no
// reading of it, and for Korean when ko_hanja has none, and one of its
// variants has. The variant relations, each taken both ways (Unihan lists
// most of them both ways), rank in this order:
//
//  1. kJinmeiyoKanji and kJoyoKanji (Unihan_OtherMappings) where they
//     name a variant: Japan's official pairs of a traditional form
//     allowed in names and its standard form (德 and 徳, 瀨 and 瀬);
//  2. kCompatibilityVariant (a compatibility ideograph and its unified
//     form);
//  3. kZVariant (the same character, a different glyph);
//  4. kSpoofingVariant (a look-alike: 𠮷 and 吉);
//  5. kSemanticVariant that a source marks Z (﨑 and 崎, kMorohashi:Z);
//  6. kSemanticVariant (the same meaning: 髙 and 高).
//
// kSpecializedSemanticVariant (the same meaning in some uses only) is not
// taken: such pairs often differ in reading (囟 and 幸, 舀 and 外), and a
// wrong reading is worse than none. kSimplifiedVariant and
// kTraditionalVariant are not taken either: they pair Chinese forms, not
// the forms of Japanese and Korean names.
//
// The target is a variant the table reads, of the best rank, then the
// commonest inside Japanese names (the counts of ja_kanji_chars), then the
// lowest code point. A character with no such variant may reach one in
// two steps of ranks 1 to 4 (the rank of a path is its worse step's).
// Characters the tables read are never folded: 澤 and 沢, 斎 and 斉 stay
// apart. Characters that NFC changes (the compatibility ideographs but
// twelve, such as 﨑, that are unified ideographs) are left out: NFKC,
// which normalize applies first, maps them to their unified forms.
//
// The table, one variant a line, in code point order:
//
//	variant<TAB>Japanese target<TAB>Korean target
//
// with "-" where the table reads the variant itself or it has no target.
// Run from the package folder, after genjanames and genkohanja:
// go run ./data/genkanjivar
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kinlink/normalize/data/internal/unihan"

	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/unicode/norm"
)

// Ranks of the variant relations, best first.
const (
	rankJapan = 1 + iota
	rankCompat
	rankZ
	rankSpoof
	rankSemZ
	rankSem
	maxTwoStep = rankSpoof // the worst rank of a step of a two-step path
)

var rankName = map[int]string{
	rankJapan:  "jinmeiyo/joyo",
	rankCompat: "compat",
	rankZ:      "z",
	rankSpoof:  "spoofing",
	rankSemZ:   "semantic-z",
	rankSem:    "semantic",
}

// graph holds, per character, its variants and the best rank of the
// relation with each.
type graph map[rune]map[rune]int

func (g graph) add(a, b rune, rank int) {
	if a == b {
		return
	}
	for _, p := range [2][2]rune{{a, b}, {b, a}} {
		m := g[p[0]]
		if m == nil {
			m = map[rune]int{}
			g[p[0]] = m
		}
		if old, ok := m[p[1]]; !ok || rank < old {
			m[p[1]] = rank
		}
	}
}

func main() {
	unihan := flag.String("unihan", "/usr/share/unicode", "folder of Unihan_Variants.txt and Unihan_IRGSources.txt (bzip2-compressed or not)")
	chars := flag.String("chars", "data/ja_kanji_chars.tsv.zst", "normalize's per-kanji readings")
	hanja := flag.String("hanja", "data/ko_hanja.tsv", "normalize's Korean readings of hanja")
	out := flag.String("out", "data/han_variants.tsv", "table to write")
	flag.Parse()

	g := graph{}
	version := "?"
	for _, name := range []string{"Unihan_Variants.txt", "Unihan_IRGSources.txt", "Unihan_OtherMappings.txt"} {
		v, err := readUnihan(*unihan+"/"+name, g)
		if err != nil {
			log.Fatal(err)
		}
		if v != "?" {
			version = v
		}
	}
	jaFreq, err := readJaChars(*chars)
	if err != nil {
		log.Fatal(err)
	}
	koKnown, err := readKoHanja(*hanja)
	if err != nil {
		log.Fatal(err)
	}
	jaKnown := func(r rune) bool { _, ok := jaFreq[r]; return ok }
	rows := map[rune]*row{}
	for c := range g {
		if norm.NFC.String(string(c)) != string(c) {
			continue // NFKC maps it first
		}
		if !jaKnown(c) {
			if t, rank := choose(g, c, jaKnown, jaFreq); t != 0 {
				rowOf(rows, c).ja, rowOf(rows, c).jaRank = t, rank
			}
		}
		if !koKnown[c] {
			if t, rank := choose(g, c, func(r rune) bool { return koKnown[r] }, jaFreq); t != 0 {
				rowOf(rows, c).ko, rowOf(rows, c).koRank = t, rank
			}
		}
	}
	if err := write(*out, rows, version); err != nil {
		log.Fatal(err)
	}
}

// row is one variant's targets and the ranks of the relations that
// chose them.
type row struct {
	ja, ko         rune
	jaRank, koRank int
}

func rowOf(rows map[rune]*row, c rune) *row {
	if rows[c] == nil {
		rows[c] = &row{}
	}
	return rows[c]
}

// choose returns the target of c among the characters known: its
// variants of the best rank, the commonest; else one reached in two
// steps of rank maxTwoStep or better.
func choose(g graph, c rune, known func(rune) bool, freq map[rune]int) (rune, int) {
	best, bestRank := rune(0), 0
	consider := func(t rune, rank int) {
		if t == c || !known(t) {
			return
		}
		if best == 0 || rank < bestRank ||
			rank == bestRank && (freq[t] > freq[best] || freq[t] == freq[best] && t < best) {
			best, bestRank = t, rank
		}
	}
	for t, rank := range g[c] {
		consider(t, rank)
	}
	if best != 0 {
		return best, bestRank
	}
	for mid, r1 := range g[c] {
		if r1 > maxTwoStep {
			continue
		}
		for t, r2 := range g[mid] {
			if r2 <= maxTwoStep {
				consider(t, max(r1, r2))
			}
		}
	}
	return best, bestRank
}

// readUnihan adds the variant relations of one Unihan file to g, and
// returns the Unicode version it states.
func readUnihan(path string, g graph) (string, error) {
	r, closeFn, err := unihan.Open(path)
	if err != nil {
		return "", err
	}
	defer closeFn()
	version, err := unihan.Scan(r, func(a rune, field, value string) error {
		var base int
		switch field {
		case "kCompatibilityVariant":
			base = rankCompat
		case "kZVariant":
			base = rankZ
		case "kSpoofingVariant":
			base = rankSpoof
		case "kSemanticVariant":
			base = rankSem
		case "kJinmeiyoKanji", "kJoyoKanji":
			base = rankJapan // "2010:U+5FB3", "U+525D": the pair's other form
		default:
			return nil
		}
		if !unicode.Is(unicode.Ideographic, a) {
			return fmt.Errorf("%U: not an ideograph", a)
		}
		for _, f := range strings.Fields(value) {
			if base == rankJapan {
				_, f, _ = strings.Cut(f, ":")
				if !strings.HasPrefix(f, "U+") {
					continue // a year: no variant named
				}
			}
			cp, tags, _ := strings.Cut(f, "<")
			b, err := codePoint(cp)
			if err != nil {
				return err
			}
			rank := base
			if base == rankSem && zTagged(tags) {
				rank = rankSemZ
			}
			g.add(a, b, rank)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("%s: %v", path, err)
	}
	return version, nil
}

// zTagged reports whether the sources of a semantic variant mark it Z
// ("kMorohashi:Z", "kHanYu:TZ", "kLau,kMatthews:Z").
func zTagged(tags string) bool {
	for _, t := range strings.Split(tags, ",") {
		if _, kind, ok := strings.Cut(t, ":"); ok && strings.Contains(kind, "Z") {
			return true
		}
	}
	return false
}

func codePoint(s string) (rune, error) {
	cp, err := unihan.CodePoint(s)
	if err != nil || !unicode.Is(unicode.Ideographic, cp) {
		return 0, fmt.Errorf("%q: want the code point of an ideograph", s)
	}
	return cp, nil
}

// readJaChars returns the kanji of ja_kanji_chars with the sum of their
// counts.
func readJaChars(path string) (map[rune]int, error) {
	z, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := zstd.NewReader(nil)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	b, err := d.DecodeAll(z, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	freq := map[rune]int{}
	for _, line := range bytes.Split(b, []byte{'\n'}) {
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		c, rest, _ := bytes.Cut(line, []byte{'\t'})
		r, size := utf8.DecodeRune(c)
		if size != len(c) {
			return nil, fmt.Errorf("%s: %q: want one kanji", path, c)
		}
		n := 0
		for _, item := range bytes.Fields(rest) {
			f := bytes.Split(item, []byte{'/'})
			for _, x := range f[1:] {
				k, _ := strconv.Atoi(string(x))
				n += k
			}
		}
		freq[r] = n
	}
	return freq, nil
}

// readKoHanja returns the characters ko_hanja reads.
func readKoHanja(path string) (map[rune]bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	known := map[rune]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "reading\t") {
			continue
		}
		_, cs, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: %q: want reading<TAB>characters", path, line)
		}
		for _, c := range cs {
			known[c] = true
		}
	}
	return known, nil
}

func write(path string, rows map[rune]*row, version string) error {
	keys := make([]rune, 0, len(rows))
	counts := map[string]int{}
	nja, nko := 0, 0
	for c, r := range rows {
		keys = append(keys, c)
		if r.ja != 0 {
			nja++
			counts["ja "+rankName[r.jaRank]]++
		}
		if r.ko != 0 {
			nko++
			counts["ko "+rankName[r.koRank]]++
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var b strings.Builder
	fmt.Fprintf(&b, "# Variant forms of CJK ideographs folded to a form normalize reads: %d characters, %d for\n", len(keys), nja)
	fmt.Fprintf(&b, "# Japanese (ja_kanji_chars), %d for Korean (ko_hanja). Generated by data/genkanjivar from\n", nko)
	fmt.Fprintf(&b, "# Unihan_Variants, _IRGSources and _OtherMappings (Unicode %s): kJinmeiyoKanji and kJoyoKanji\n", version)
	b.WriteString("# pairs, kCompatibilityVariant, kZVariant, kSpoofingVariant, kSemanticVariant (Z-tagged first),\n")
	b.WriteString("# in that order, for characters the tables do not read; among variants of one rank the\n")
	b.WriteString("# commonest in Japanese names. Unihan: © Unicode, Inc., Unicode License\n")
	b.WriteString("# (https://www.unicode.org/license.txt); this table is derived from it.\n")
	b.WriteString("# Targets chosen by rank:")
	for _, k := range []string{"ja", "ko"} {
		for rank := rankJapan; rank <= rankSem; rank++ {
			fmt.Fprintf(&b, " %s %s %d;", k, rankName[rank], counts[k+" "+rankName[rank]])
		}
	}
	b.WriteString("\n")
	b.WriteString("variant\tja\tko\n")
	for _, c := range keys {
		r := rows[c]
		ja, ko := "-", "-"
		if r.ja != 0 {
			ja = string(r.ja)
		}
		if r.ko != 0 {
			ko = string(r.ko)
		}
		fmt.Fprintf(&b, "%c\t%s\t%s\n", c, ja, ko)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
