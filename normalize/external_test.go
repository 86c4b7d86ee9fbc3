package normalize

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The external name pairs live beside the project, never in it: they are
// measurement data from other projects (see ../shared/eval/names/README.md).
// Without them this test skips, so the project's tests never need them.
var (
	externalNames = flag.String("names", filepath.Join("..", "..", "shared", "eval", "names", "dev.tsv"),
		"TSV of external name pairs (origin, a, b, expect, source, system_a, system_b)")
	externalFailures = flag.String("names.failures", "",
		"write the pairs that do not meet, by category, to this file (for development)")
)

// externalCategory sorts a pair of the external file into the categories
// the normaliser is measured by.
func externalCategory(origin, expect, source, sysA, sysB string) string {
	if expect == "diff" {
		return origin + " different names"
	}
	if origin == "ja" {
		switch {
		case strings.Contains(sysA, "kanji") || strings.Contains(sysB, "kanji") || strings.HasSuffix(source, "-kanji"):
			return "ja kanji"
		case strings.HasPrefix(sysA, "hangul") || strings.HasPrefix(sysB, "hangul"):
			return "ja in Hangul"
		case strings.Contains(sysA, "unspaced") || strings.Contains(sysB, "unspaced"):
			return "ja full names, kana unspaced"
		case strings.Contains(sysA, "given-first") || strings.Contains(sysB, "given-first"):
			return "ja full names, given first"
		case source == "gimei-composed" || strings.HasPrefix(source, "romaji-name"):
			return "ja full names"
		}
		return "ja name parts"
	}
	switch {
	case strings.Contains(sysA, "hanja") || strings.Contains(sysB, "hanja"):
		return "ko hanja"
	case sysA == "customary" || sysB == "customary":
		return "ko customary"
	case strings.Contains(sysA, "phonetic") || strings.Contains(sysB, "phonetic"):
		return "ko RR with sound changes"
	case strings.HasPrefix(sysA, "alalc") || strings.HasPrefix(sysB, "alalc") ||
		strings.Contains(source, "mr-1939") || strings.Contains(source, "alalc"):
		return "ko MR / ALA-LC"
	}
	return "ko other systems"
}

// readingKeys are every key a name's readings offer the matcher: the
// primary key, its variants and its alternatives' keys.
func readingKeys(s string, origin Origin) (primary string, all map[string]bool) {
	all = map[string]bool{}
	for i, n := range ParseFull(s, origin) {
		if i == 0 {
			primary = n.Key
		}
		all[n.Key] = true
		for _, v := range n.Variants {
			all[v] = true
		}
	}
	return primary, all
}

// TestExternalNames measures the share of same-name pairs whose readings
// meet, by category, and of different-name pairs that wrongly share a
// reading. Run it with -v to see the table:
//
//	go test ./normalize -run ExternalNames -v [-names.failures /tmp/f.txt]
func TestExternalNames(t *testing.T) {
	f, err := os.Open(*externalNames)
	if err != nil {
		t.Skipf("external name pairs not present (%v)", err)
	}
	defer f.Close()
	type tally struct{ n, met, primary int }
	cats := map[string]*tally{}
	fails := map[string][]string{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if line == 1 || len(c) < 7 {
			continue
		}
		origin := Korean
		if c[0] == "ja" {
			origin = Japanese
		}
		cat := externalCategory(c[0], c[3], c[4], c[5], c[6])
		pa, ka := readingKeys(c[1], origin)
		pb, kb := readingKeys(c[2], origin)
		met := false
		for k := range ka {
			if kb[k] {
				met = true
				break
			}
		}
		x := cats[cat]
		if x == nil {
			x = &tally{}
			cats[cat] = x
		}
		x.n++
		if met {
			x.met++
		}
		if pa == pb {
			x.primary++
		}
		if met != (c[3] == "same") {
			fails[cat] = append(fails[cat], fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", c[1], c[2], c[5], c[6], pa, pb))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(cats))
	for k := range cats {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-32s %6s %9s %12s\n", "category", "pairs", "meet", "primary key")
	for _, k := range names {
		x := cats[k]
		fmt.Fprintf(&b, "%-32s %6d %9.3f %12.3f\n", k, x.n, float64(x.met)/float64(x.n), float64(x.primary)/float64(x.n))
	}
	t.Logf("external name pairs (%s): share whose readings meet\n%s", *externalNames, b.String())
	if *externalFailures != "" {
		var out strings.Builder
		for _, k := range names {
			for _, l := range fails[k] {
				fmt.Fprintf(&out, "%s\t%s\n", k, l)
			}
		}
		if err := os.WriteFile(*externalFailures, []byte(out.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
