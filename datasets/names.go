package datasets

import (
	"bufio"
	"embed"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The generator's tables: native names and their frequencies. Each file
// names its sources in its header comments.
//
//go:embed data/*.tsv
var dataFiles embed.FS

// weighted draws items with probability proportional to their weights.
type weighted[T any] struct {
	items []T
	cum   []float64 // running sum of the weights
}

func (w *weighted[T]) add(item T, weight float64) {
	if weight <= 0 {
		return
	}
	total := weight
	if n := len(w.cum); n > 0 {
		total += w.cum[n-1]
	}
	w.items = append(w.items, item)
	w.cum = append(w.cum, total)
}

func (w *weighted[T]) total() float64 {
	if len(w.cum) == 0 {
		return 0
	}
	return w.cum[len(w.cum)-1]
}

func (w *weighted[T]) draw(r *rand.Rand) T {
	x := r.Float64() * w.total()
	i := sort.SearchFloat64s(w.cum, x)
	if i < len(w.cum) && w.cum[i] == x { // SearchFloat64s finds the first cum ≥ x; an exact hit belongs to the next item
		i++
	}
	if i >= len(w.items) {
		i = len(w.items) - 1
	}
	return w.items[i]
}

// share is the probability that draw returns the item at index i.
func (w *weighted[T]) share(i int) float64 {
	prev := 0.0
	if i > 0 {
		prev = w.cum[i-1]
	}
	return (w.cum[i] - prev) / w.total()
}

// koSurname is a Korean surname as written in the South and in the North
// (이/리, 임/림...).
type koSurname struct{ south, north string }

// eras of birth for the weights of Japanese given names.
const (
	eraBefore1930 = iota
	era1930to1959
	eraFrom1960
	eras
)

func eraOf(birthYear int) int {
	switch {
	case birthYear < 1930:
		return eraBefore1930
	case birthYear < 1960:
		return era1930to1959
	}
	return eraFrom1960
}

// nameTables holds every table the generator draws from. It is built once
// from the embedded files and never changed.
type nameTables struct {
	jaSurnames weighted[string] // kana, the long tail included
	jaTop      int              // the first jaTop items of jaSurnames are the surveyed surnames
	jaGiven    [eras]map[string]*weighted[string]
	koSurnames weighted[koSurname]
	koTop      int                             // the first koTop items carry their own census share
	koGiven    [2]map[string]*weighted[string] // by position (0, 1) and sex
	places     map[string]*weighted[string]    // by origin
	kanaHangul map[string][2]string            // kana → Hangul at the start of a word, inside it
}

var loadTables = sync.OnceValues(func() (*nameTables, error) {
	t := &nameTables{places: map[string]*weighted[string]{}, kanaHangul: map[string][2]string{}}
	for e := range t.jaGiven {
		t.jaGiven[e] = map[string]*weighted[string]{"M": {}, "F": {}}
	}
	for p := range t.koGiven {
		t.koGiven[p] = map[string]*weighted[string]{"M": {}, "F": {}}
	}

	// Japanese surnames: the surveyed ones by their bearers, the rest of the
	// population spread over the composed tail.
	const japanPopulation = 127_000_000
	top := map[string]bool{}
	surveyed := 0.0
	err := readTable("ja_surnames.tsv", "kana\tkanji\tbearers", func(f []string) error {
		n, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return err
		}
		t.jaSurnames.add(f[0], n/japanPopulation)
		top[f[0]] = true
		surveyed += n
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.jaTop = len(t.jaSurnames.items)
	var first, second []string
	err = readTable("ja_surname_parts.tsv", "part\tkana", func(f []string) error {
		switch f[0] {
		case "first":
			first = append(first, f[1])
		case "second":
			second = append(second, f[1])
		default:
			return fmt.Errorf("unknown part %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var tail []string
	for _, a := range first {
		for _, b := range second {
			if name := a + b; !top[name] {
				tail = append(tail, name)
				top[name] = true // a composition reached twice counts once
			}
		}
	}
	for _, name := range tail {
		t.jaSurnames.add(name, (1-surveyed/japanPopulation)/float64(len(tail)))
	}

	err = readTable("ja_given_names.tsv", "kana\tsex\tbefore1930\t1930to1959\tfrom1960", func(f []string) error {
		for e := 0; e < eras; e++ {
			w, err := strconv.ParseFloat(f[2+e], 64)
			if err != nil {
				return err
			}
			g := t.jaGiven[e][f[1]]
			if g == nil {
				return fmt.Errorf("sex %q", f[1])
			}
			g.add(f[0], w)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	var tailNames []koSurname
	tailShare := 0.0
	err = readTable("ko_surnames.tsv", "south\tnorth\thanja\tshare\tnote", func(f []string) error {
		switch f[4] {
		case "tail":
			if f[0] == "tail_total" {
				var err error
				tailShare, err = strconv.ParseFloat(f[3], 64)
				return err
			}
			tailNames = append(tailNames, koSurname{f[0], f[1]})
			return nil
		}
		s, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return err
		}
		t.koSurnames.add(koSurname{f[0], f[1]}, s/100)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.koTop = len(t.koSurnames.items)
	for _, s := range tailNames {
		t.koSurnames.add(s, tailShare/100/float64(len(tailNames)))
	}

	err = readTable("ko_given_syllables.tsv", "syllable\tposition\tsex\tweight", func(f []string) error {
		pos, err := strconv.Atoi(f[1])
		if err != nil || pos < 1 || pos > 2 {
			return fmt.Errorf("position %q", f[1])
		}
		w, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return err
		}
		g := t.koGiven[pos-1][f[2]]
		if g == nil {
			return fmt.Errorf("sex %q", f[2])
		}
		g.add(f[0], w)
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = readTable("places.tsv", "origin\tnative\tweight", func(f []string) error {
		w, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return err
		}
		if t.places[f[0]] == nil {
			t.places[f[0]] = &weighted[string]{}
		}
		t.places[f[0]].add(f[1], w)
		return nil
	})
	if err != nil {
		return nil, err
	}

	err = readTable("ja_kana_hangul.tsv", "kana\tinitial\tmedial", func(f []string) error {
		t.kanaHangul[f[0]] = [2]string{f[1], f[2]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
})

// readTable reads a tab-separated table of data/, skipping '#' comments,
// checks that its header line is header, and passes each row (of as many
// fields as the header) to row.
func readTable(name, header string, row func([]string) error) error {
	cols := strings.Count(header, "\t") + 1
	f, err := dataFiles.Open("data/" + name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, seenHeader := 0, false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !seenHeader {
			if text != header {
				return fmt.Errorf("data/%s line %d: header %q, want %q", name, line, text, header)
			}
			seenHeader = true
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != cols {
			return fmt.Errorf("data/%s line %d: %d fields, want %d", name, line, len(fields), cols)
		}
		if err := row(fields); err != nil {
			return fmt.Errorf("data/%s line %d: %w", name, line, err)
		}
	}
	return sc.Err()
}

// Hangul syllable arithmetic (Unicode 3.12): a syllable is
// 0xAC00 + (initial*21 + vowel)*28 + final.
const (
	hangulBase  = 0xAC00
	hangulLast  = 0xD7A3
	finalNieun  = 4  // ㄴ
	finalSiot   = 19 // ㅅ
	hangulFinal = 28
)

// kanaToHangul writes a Japanese name (kana) in Hangul as a DPRK clerk
// would: tense stops inside the word, ん as a final ㄴ, っ as a final ㅅ, long
// vowels unwritten. Kana it does not know are dropped.
func (t *nameTables) kanaToHangul(kana string) string {
	rs := []rune(toHiragana(kana))
	var out []rune
	lastVowel := rune(0)
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == 'ん' || c == 'っ':
			if n := len(out); n > 0 && out[n-1] >= hangulBase && out[n-1] <= hangulLast && (out[n-1]-hangulBase)%hangulFinal == 0 {
				if c == 'ん' {
					out[n-1] += finalNieun
				} else {
					out[n-1] += finalSiot
				}
			}
			i++
			lastVowel = 0
			continue
		case c == 'ー',
			// う before a vowel begins a syllable (い-の-うえ), it does not lengthen
			c == 'う' && (lastVowel == 'o' || lastVowel == 'u') && !(i+1 < len(rs) && strings.ContainsRune("あいうえお", rs[i+1])),
			c == 'お' && lastVowel == 'o',
			c == 'い' && lastVowel == 'i' && i == len(rs)-1:
			i++
			continue
		}
		size := 1
		if i+1 < len(rs) && strings.ContainsRune("ゃゅょ", rs[i+1]) {
			size = 2
		}
		h, ok := t.kanaHangul[string(rs[i:i+size])]
		if !ok && size == 2 {
			size = 1
			h, ok = t.kanaHangul[string(rs[i:i+1])]
		}
		if ok {
			if len(out) == 0 {
				out = append(out, []rune(h[0])...)
			} else {
				out = append(out, []rune(h[1])...)
			}
			lastVowel = kanaVowel(rs[i+size-1])
		}
		i += size
	}
	return string(out)
}

// kanaVowel is the vowel a hiragana syllable ends in ('a', 'i', 'u', 'e',
// 'o'), 0 for others.
func kanaVowel(c rune) rune {
	for _, row := range [...]struct {
		v    rune
		kana string
	}{
		{'a', "あかがさざただなはばぱまやゃらわ"},
		{'i', "いきぎしじちぢにひびぴみりゐ"},
		{'u', "うくぐすずつづぬふぶぷむゆゅる"},
		{'e', "えけげせぜてでねへべぺめれゑ"},
		{'o', "おこごそぞとどのほぼぽもよょろを"},
	} {
		if strings.ContainsRune(row.kana, c) {
			return row.v
		}
	}
	return 0
}

// toHiragana maps katakana to hiragana; other runes pass unchanged.
func toHiragana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - 0x60
		}
		return r
	}, s)
}

// toKatakana maps hiragana to katakana; other runes pass unchanged.
func toKatakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + 0x60
		}
		return r
	}, s)
}

// runeCount counts the characters (not bytes) of s.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
