package datasets

import (
	"math"
	"math/rand/v2"
	"testing"

	"kinlink/normalize"
)

func testGenerator(t testing.TB) *generator {
	t.Helper()
	tables, err := loadTables()
	if err != nil {
		t.Fatal(err)
	}
	return &generator{t: tables, spellings: map[string]*weighted[string]{}}
}

// withinSigma reports whether an observed count of n draws agrees with the
// probability p to within 4.5 standard deviations (binomial), so a correct
// generator fails one check in about 150,000.
func withinSigma(count, n int, p float64) bool {
	sd := math.Sqrt(float64(n) * p * (1 - p))
	return math.Abs(float64(count)-float64(n)*p) <= 4.5*sd+1
}

func TestSurnameTablesMatchReference(t *testing.T) {
	g := testGenerator(t)
	// Shares of the top ten in the reference table (Meiji Yasuda 2008).
	ja := map[string]float64{"さとう": 1.57, "すずき": 1.50, "たかはし": 1.16, "たなか": 1.06, "わたなべ": 0.95,
		"いとう": 0.91, "なかむら": 0.85, "こばやし": 0.84, "やまもと": 0.81, "かとう": 0.73}
	for i := 0; i < 10; i++ {
		kana := g.t.jaSurnames.items[i]
		if got := 100 * g.t.jaSurnames.share(i); math.Abs(got-ja[kana]) > 0.01 {
			t.Errorf("%s: share %.3f%%, reference %.2f%%", kana, got, ja[kana])
		}
	}
	ko := map[string]float64{"김": 21.5, "이": 14.7, "박": 8.4, "최": 4.7, "정": 4.84}
	for i := 0; i < 5; i++ {
		s := g.t.koSurnames.items[i]
		if got := 100 * g.t.koSurnames.share(i); math.Abs(got-ko[s.south]) > 1e-9 {
			t.Errorf("%s: share %.3f%%, reference %.2f%%", s.south, got, ko[s.south])
		}
	}
	if n := len(g.t.jaSurnames.items) - g.t.jaTop; n < 400 {
		t.Errorf("only %d composed Japanese surnames in the tail", n)
	}
	for i := g.t.jaTop; i < len(g.t.jaSurnames.items); i++ {
		if s := g.t.jaSurnames.share(i); s >= g.t.jaSurnames.share(g.t.jaTop-1) {
			t.Fatalf("tail surname %s (%.4f) more common than the last surveyed one", g.t.jaSurnames.items[i], s)
		}
	}
}

// The people drawn follow the tables: surnames by their shares, sex one
// half, birth years 1900–1990.
func TestDrawPersonDistributions(t *testing.T) {
	g := testGenerator(t)
	r := rand.New(rand.NewPCG(1, 2))
	const n = 200_000
	for _, origin := range []string{"ja", "ko"} {
		count := map[string]int{}
		women, minYear, maxYear := 0, 3000, 0
		for i := 0; i < n; i++ {
			p := g.drawPerson(r, origin)
			count[p.family]++
			if p.sex == "F" {
				women++
			}
			minYear, maxYear = min(minYear, p.birthYear), max(maxYear, p.birthYear)
			if p.given == "" || p.place == "" || (origin == "ko") != (p.familyNorth != "") {
				t.Fatalf("incomplete person %+v", p)
			}
		}
		if !withinSigma(women, n, 0.5) {
			t.Errorf("%s: %d women of %d", origin, women, n)
		}
		if minYear != 1900 || maxYear != 1990 {
			t.Errorf("%s: birth years %d–%d, want 1900–1990", origin, minYear, maxYear)
		}
		switch origin {
		case "ja":
			for i := 0; i < g.t.jaTop; i++ {
				kana := g.t.jaSurnames.items[i]
				// さいとう (斉藤, 斎藤) is two rows of the table.
				p := 0.0
				for j := 0; j < g.t.jaTop; j++ {
					if g.t.jaSurnames.items[j] == kana {
						p += g.t.jaSurnames.share(j)
					}
				}
				if !withinSigma(count[kana], n, p) {
					t.Errorf("%s drawn %d times in %d, expected %.0f", kana, count[kana], n, p*n)
				}
			}
		case "ko":
			for i := 0; i < g.t.koTop; i++ {
				s := g.t.koSurnames.items[i]
				if p := g.t.koSurnames.share(i); !withinSigma(count[s.south], n, p) {
					t.Errorf("%s drawn %d times in %d, expected %.0f", s.south, count[s.south], n, p*n)
				}
			}
		}
	}
}

func TestKanaToHangul(t *testing.T) {
	g := testGenerator(t)
	for _, c := range []struct{ kana, want string }{
		{"さとう", "사또"}, // long vowel unwritten, tense medial t
		{"すずき", "스즈끼"},
		{"たなか", "다나까"},
		{"たかはし", "다까하시"},
		{"しんいち", "신이찌"},  // ん as a final ㄴ
		{"はっとり", "핫또리"},  // っ as a final ㅅ
		{"きょうこ", "교꼬"},   // yōon, long vowel
		{"いのうえ", "이노우에"}, // い-の-うえ: not a long vowel
		{"ゆうこ", "유꼬"},
		{"ちづこ", "지즈꼬"},
		{"サトウ", "사또"}, // katakana
		{"", ""},
	} {
		if got := g.t.kanaToHangul(c.kana); got != c.want {
			t.Errorf("kanaToHangul(%q) = %q, want %q", c.kana, got, c.want)
		}
	}
}

func TestGivenNamesByEra(t *testing.T) {
	g := testGenerator(t)
	// うめ is a name of women born before 1930 only; だいすけ of men born from 1960.
	if w := g.t.jaGiven[eraFrom1960]["F"]; contains(w.items, "うめ") {
		t.Error("うめ drawn for women born from 1960")
	}
	if w := g.t.jaGiven[eraBefore1930]["M"]; contains(w.items, "だいすけ") {
		t.Error("だいすけ drawn for men born before 1930")
	}
	for e := range g.t.jaGiven {
		for sex, w := range g.t.jaGiven[e] {
			if len(w.items) < 20 {
				t.Errorf("era %d, %s: only %d given names", e, sex, len(w.items))
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWeightedDraw(t *testing.T) {
	var w weighted[string]
	w.add("a", 1)
	w.add("zero", 0) // never drawn, not even stored
	w.add("b", 3)
	if len(w.items) != 2 || w.share(1) != 0.75 {
		t.Fatalf("items %v, share(b) %v", w.items, w.share(1))
	}
	r := rand.New(rand.NewPCG(3, 4))
	b := 0
	for i := 0; i < 40_000; i++ {
		if w.draw(r) == "b" {
			b++
		}
	}
	if !withinSigma(b, 40_000, 0.75) {
		t.Errorf("b drawn %d of 40000 times", b)
	}
}

// Customary surname spellings are drawn by their observed shares (MOFA
// passport statistics, through normalize.KoreanSurnameSpellings).
func TestCustomarySpellingShares(t *testing.T) {
	g := testGenerator(t)
	r := rand.New(rand.NewPCG(5, 6))
	const n = 50_000
	for _, hangul := range []string{"이", "박", "정", "최"} {
		spellings := normalize.KoreanSurnameSpellings(hangul)
		if len(spellings) == 0 {
			t.Fatalf("no customary spellings of %s", hangul)
		}
		total, share := 0.0, map[string]float64{}
		for _, s := range spellings {
			total += s.Share
			share[s.Spelling] += s.Share
		}
		count := map[string]int{}
		for i := 0; i < n; i++ {
			count[g.customary(r, hangul)]++
		}
		for spelling, p := range share {
			if !withinSigma(count[spelling], n, p/total) {
				t.Errorf("%s: %s drawn %d of %d times, share %.4f", hangul, spelling, count[spelling], n, p/total)
			}
		}
	}
}
