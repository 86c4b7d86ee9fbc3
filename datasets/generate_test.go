package datasets

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"kinlink/records"
)

// collect runs GenerateStream and keeps everything it hands out.
func collect(t testing.TB, cfg GenerateConfig) (missing, archive []records.Record, truth []records.Truth) {
	t.Helper()
	err := GenerateStream(cfg,
		func(r records.Record) error { missing = append(missing, r); return nil },
		func(r records.Record) error { archive = append(archive, r); return nil },
		func(x records.Truth) error { truth = append(truth, x); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return missing, archive, truth
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := GenerateConfig{Seed: 42, Missing: 30, Archive: 3000}
	for _, format := range []string{"csv", "parquet"} {
		cfg.Format = format
		a, b := t.TempDir(), t.TempDir()
		if _, err := Generate(context.Background(), cfg, a); err != nil {
			t.Fatal(err)
		}
		if _, err := Generate(context.Background(), cfg, b); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"missing", "archive", "truth"} {
			file := name + "." + format
			x, err := os.ReadFile(filepath.Join(a, file))
			if err != nil {
				t.Fatal(err)
			}
			y, _ := os.ReadFile(filepath.Join(b, file))
			if !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs with the same seed", file)
			}
		}
	}
	_, a1, _ := collect(t, GenerateConfig{Seed: 1, Missing: 5, Archive: 200})
	_, a2, _ := collect(t, GenerateConfig{Seed: 2, Missing: 5, Archive: 200})
	same := 0
	for i := range a1 {
		if a1[i].Name() == a2[i].Name() {
			same++
		}
	}
	if same > 20 {
		t.Errorf("seeds 1 and 2 give %d of 200 identical names", same)
	}
}

// Every archive record that stems from a person sought is in the truth,
// under that person, and nothing else is.
func TestTruthComplete(t *testing.T) {
	cfg := GenerateConfig{Seed: 7, Missing: 200, Archive: 20_000}
	g, err := newGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	owner := map[string]int{} // archive id → person sought, from the plan
	relatives := 0
	for _, p := range g.planned {
		if p.owner >= 0 {
			owner[p.rec.ID] = p.owner
		} else {
			relatives++
		}
	}
	missing, archive, truth := collect(t, cfg)
	if len(missing) != cfg.Missing || len(archive) != cfg.Archive {
		t.Fatalf("%d missing and %d archive records, want %d and %d", len(missing), len(archive), cfg.Missing, cfg.Archive)
	}
	if relatives == 0 {
		t.Error("no relatives of the people sought in the archive")
	}
	listed := map[[2]string]bool{}
	perQuery := map[string]int{}
	for _, x := range truth {
		listed[[2]string{x.QueryID, x.CandidateID}] = true
		perQuery[x.QueryID]++
	}
	if len(listed) != len(truth) {
		t.Errorf("the truth lists %d pairs, %d distinct", len(truth), len(listed))
	}
	ids := map[string]bool{}
	fromSought := 0
	for i, rec := range archive {
		if want := archiveID(i); rec.ID != want {
			t.Fatalf("archive record %d has id %s, want %s", i, rec.ID, want)
		}
		ids[rec.ID] = true
		o, ok := owner[rec.ID]
		if !ok {
			continue
		}
		fromSought++
		m := missing[o]
		if !listed[[2]string{m.ID, rec.ID}] {
			t.Errorf("%s stems from %s but is not in the truth", rec.ID, m.ID)
		}
		// The record describes the person: same sex (or unknown), birth
		// year within the errors the generator makes on both sides.
		p := g.sought[o].p
		if rec.Sex != "" && rec.Sex != p.sex {
			t.Errorf("%s: sex %s, person sought %s", rec.ID, rec.Sex, p.sex)
		}
		if rec.BirthYear != 0 && (rec.BirthYear < p.birthYear-2 || rec.BirthYear > p.birthYear+2) {
			t.Errorf("%s: born %d, person sought %d", rec.ID, rec.BirthYear, p.birthYear)
		}
	}
	if fromSought != len(truth) {
		t.Errorf("%d archive records stem from people sought, the truth lists %d", fromSought, len(truth))
	}
	for _, x := range truth {
		if !ids[x.CandidateID] {
			t.Errorf("truth candidate %s is not in the archive", x.CandidateID)
		}
	}
	for _, m := range missing {
		if perQuery[m.ID] == 0 {
			t.Errorf("%s has no true record in the archive", m.ID)
		}
	}
}

func TestGenerateSmallArchive(t *testing.T) {
	// As many archive records as people sought: one true record each.
	missing, archive, truth := collect(t, GenerateConfig{Seed: 5, Missing: 40, Archive: 40})
	if len(truth) != 40 || len(archive) != 40 || len(missing) != 40 {
		t.Fatalf("%d truth pairs, %d archive and %d missing records; want 40 each", len(truth), len(archive), len(missing))
	}
	seen := map[string]bool{}
	for _, x := range truth {
		if seen[x.QueryID] {
			t.Errorf("%s has two true records in a full archive", x.QueryID)
		}
		seen[x.QueryID] = true
	}
	for _, bad := range []GenerateConfig{{Missing: 0, Archive: 10}, {Missing: 10, Archive: 9}, {Missing: 1, Archive: 1, JapaneseShare: 2}} {
		if err := GenerateStream(bad, nil, nil, nil); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: err = %v, want ErrConfig", bad, err)
		}
	}
	if _, err := Generate(context.Background(), GenerateConfig{Missing: 1, Archive: 1, Format: "xml"}, t.TempDir()); !errors.Is(err, ErrConfig) {
		t.Errorf("format xml: err = %v, want ErrConfig", err)
	}
}

// A callback's error stops the generation, and Generate leaves no file.
func TestGenerateStopsOnError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := GenerateStream(GenerateConfig{Seed: 1, Missing: 3, Archive: 100},
		func(records.Record) error { return nil },
		func(records.Record) error { n++; return stop },
		func(records.Truth) error { return nil })
	if err != stop || n != 1 {
		t.Errorf("err %v after %d records, want stop after 1", err, n)
	}
	dir := filepath.Join(t.TempDir(), "absent")
	if _, err := Generate(context.Background(), GenerateConfig{Seed: 1, Missing: 3, Archive: 100}, dir); err == nil {
		t.Error("Generate into a missing directory succeeded")
	}
}

func TestDemoConfig(t *testing.T) {
	cfg := DemoConfig()
	if cfg.Archive < 100_000 {
		t.Errorf("demo archive of %d records, want at least 100,000", cfg.Archive)
	}
	g, err := newGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, s := range g.sought {
		count[s.p.origin]++
	}
	if count["ja"] != 49 || count["ko"] != 55 {
		t.Errorf("demo seeks %d Japanese and %d Koreans, want 49 and 55", count["ja"], count["ko"])
	}
	// The founding case: Japanese found mostly in DPRK records (DPRK and
	// Hangul spellings), Koreans in Japanese records.
	kinds := map[string]int{}
	for _, x := range g.truth {
		for _, k := range strings.Split(x.Variation, ";") {
			kinds[x.Origin+" "+k]++
		}
	}
	for _, k := range []string{"ja system:korean", "ja script:hangul", "ja surname:married", "ko system:customary", "ko system:dprk", "ko script:hangul", "ja system:kunrei"} {
		if kinds[k] == 0 {
			t.Errorf("no true record of kind %q in the demo", k)
		}
	}
}

// Generated files read back through the package's own readers, and the CSV
// and Parquet forms of the same seed hold the same records.
func TestGeneratedFilesReadBack(t *testing.T) {
	cfg := GenerateConfig{Seed: 11, Missing: 20, Archive: 1500}
	read := func(format string) (map[string][]records.Record, []records.Truth) {
		dir := t.TempDir()
		cfg.Format = format
		st, err := Generate(context.Background(), cfg, dir)
		if err != nil {
			t.Fatal(err)
		}
		if st.Missing != 20 || st.Archive != 1500 || st.SoughtJa+st.SoughtKo != 20 || st.TruePairs == 0 {
			t.Errorf("stats %+v", st)
		}
		out := map[string][]records.Record{}
		for _, name := range []string{"missing", "archive"} {
			path := filepath.Join(dir, name+"."+format)
			r, err := records.Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				rec.Line = 0
				out[name] = append(out[name], rec)
			}
			r.Close()
		}
		truth, err := records.ReadTruth(filepath.Join(dir, "truth."+format))
		if err != nil {
			t.Fatal(err)
		}
		return out, truth
	}
	csvRecs, csvTruth := read("csv")
	pqRecs, pqTruth := read("parquet")
	missing, archive, truth := collect(t, cfg)
	want := map[string][]records.Record{"missing": missing, "archive": archive}
	for name, recs := range want {
		for i := range recs {
			if csvRecs[name][i] != recs[i] {
				t.Errorf("%s.csv row %d = %+v, want %+v", name, i, csvRecs[name][i], recs[i])
			}
			if pqRecs[name][i] != recs[i] {
				t.Errorf("%s.parquet row %d = %+v, want %+v", name, i, pqRecs[name][i], recs[i])
			}
		}
	}
	for i := range truth {
		if csvTruth[i] != truth[i] || pqTruth[i] != truth[i] {
			t.Errorf("truth row %d: csv %+v, parquet %+v, want %+v", i, csvTruth[i], pqTruth[i], truth[i])
		}
	}
}

func BenchmarkGenerateStream(b *testing.B) {
	cfg := GenerateConfig{Seed: 1, Missing: 100, Archive: b.N + 100}
	b.ReportAllocs()
	if err := GenerateStream(cfg, func(records.Record) error { return nil }, func(records.Record) error { return nil }, func(records.Truth) error { return nil }); err != nil {
		b.Fatal(err)
	}
}

func TestTypoAndOCRKeepUTF8(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, s := range []string{"Ōno", "Satō", "Yŏng-ch'ŏl", "Shin'ichi", "KIM", "Ri Ho Rim", "o"} {
		for i := 0; i < 200; i++ {
			for _, got := range []string{typo(r, s), ocr(r, s)} {
				if !utf8.ValidString(got) {
					t.Fatalf("%q became invalid UTF-8 %q", s, got)
				}
				if d := len(got) - len(s); d < -1 || d > 1 {
					t.Fatalf("%q became %q: more than one error", s, got)
				}
			}
		}
	}
}
