// Command report runs kinlink's benchmarks and quality measurements on
// fixed-seed generated data and writes a Markdown report with SVG plots:
// kernel cost per implementation, throughput against archive size, the
// recall@K curve and the score histogram of true and false candidates.
//
//	go run ./benchmarks/cmd/report --out benchmarks/report
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"kinlink/datasets"
	"kinlink/match"
	"kinlink/records"
)

func main() {
	out := flag.String("out", "benchmarks/report", "folder for report.md and the plots")
	count := flag.Int("count", 3, "runs of each kernel benchmark (the median is reported)")
	flag.Parse()
	if err := run(*out, *count); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

func run(out string, count int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var md strings.Builder
	fmt.Fprintf(&md, "# kinlink benchmark report\n\n%s, %s/%s, %d cores. Regenerate with `go run ./benchmarks/cmd/report`.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())

	fmt.Fprintln(os.Stderr, "kernel benchmarks...")
	kernel, err := kernelBench(count)
	if err != nil {
		return err
	}
	names := []string{"smetrics", "pairwise", "pattern", "batch/cutoff=0", "batch/cutoff=0.8"}
	var vals []float64
	md.WriteString("## Jaro-Winkler kernel\n\n| path | ns/pair | vs smetrics |\n|---|---|---|\n")
	for _, n := range names {
		vals = append(vals, kernel[n])
		fmt.Fprintf(&md, "| %s | %.1f | %.1f× |\n", n, kernel[n], kernel["smetrics"]/kernel[n])
	}
	if err := write(out, "kernel.svg", barChart("Jaro-Winkler: ns per pair (lower is better)", "ns/pair", names, vals)); err != nil {
		return err
	}
	md.WriteString("\n![kernel](kernel.svg)\n\n")

	fmt.Fprintln(os.Stderr, "pipeline scaling...")
	sizes := []int{25_000, 50_000, 100_000, 200_000}
	md.WriteString("## Throughput against archive size\n\n200 people sought, exhaustive mode, all cores, in memory (no file I/O).\n\n| archive | seconds | records/s |\n|---|---|---|\n")
	var xs []string
	var rates []float64
	for _, n := range sizes {
		people, recs, _ := generate(datasets.GenerateConfig{Seed: 11, Missing: 200, Archive: n})
		l := match.NewLinker(match.Config{Threshold: match.DefaultThreshold}, people)
		start := time.Now()
		if _, err := l.Run(context.Background(), match.SliceOpener(recs), nil, nil); err != nil {
			return err
		}
		sec := time.Since(start).Seconds()
		xs = append(xs, short(float64(n)))
		rates = append(rates, float64(n)/sec)
		fmt.Fprintf(&md, "| %d | %.2f | %.0f |\n", n, sec, float64(n)/sec)
	}
	if err := write(out, "scaling.svg", lineChart("Archive records per second (200 people sought)", "records/s", "archive size", xs, 0,
		[]series{{"kinlink exhaustive", rates}})); err != nil {
		return err
	}
	md.WriteString("\n![scaling](scaling.svg)\n\n")

	fmt.Fprintln(os.Stderr, "quality on the demo scenario...")
	people, recs, truth := generate(datasets.DemoConfig())
	l := match.NewLinker(match.Config{Top: 10, Threshold: 0}, people)
	res, err := l.Run(context.Background(), match.SliceOpener(recs), nil, nil)
	if err != nil {
		return err
	}
	rows := res.Rows
	isTrue := map[[2]string]bool{}
	for _, t := range truth {
		isTrue[[2]string{t.QueryID, t.CandidateID}] = true
	}
	var ks []string
	var recall []float64
	md.WriteString("## Quality on the demo scenario\n\n| K | recall@K |\n|---|---|\n")
	for k := 1; k <= 10; k++ {
		found := 0
		for _, r := range rows {
			if int(r.Rank) <= k && isTrue[[2]string{r.QueryID, r.CandidateID}] {
				found++
			}
		}
		ks = append(ks, strconv.Itoa(k))
		recall = append(recall, float64(found)/float64(len(truth)))
		fmt.Fprintf(&md, "| %d | %.3f |\n", k, recall[k-1])
	}
	if err := write(out, "recall_at_k.svg", lineChart("Recall@K on the demo (216 true pairs)", "recall", "K", ks, 1,
		[]series{{"kinlink", recall}})); err != nil {
		return err
	}
	md.WriteString("\n![recall@K](recall_at_k.svg)\n\n")

	bins := make([]string, 10)
	tr, fa := make([]float64, 10), make([]float64, 10)
	for i := range bins {
		bins[i] = fmt.Sprintf("%.1f", float64(i)/10)
	}
	for _, r := range rows {
		b := min(int(r.MatchProbability*10), 9)
		if isTrue[[2]string{r.QueryID, r.CandidateID}] {
			tr[b]++
		} else {
			fa[b]++
		}
	}
	if err := write(out, "scores.svg", histogram("Match probability of the top-10 candidates", "candidates", "match_probability (bin start)", bins,
		[]series{{"true pairs", tr}, {"false pairs", fa}})); err != nil {
		return err
	}
	fmt.Fprintf(&md, "Candidates with threshold 0: %d rows, of which %d true pairs. The default threshold is %.2f.\n\n![scores](scores.svg)\n",
		len(rows), int(sum(tr)), match.DefaultThreshold)

	// Reliability: are the probabilities honest? Per tenth of probability,
	// the mean probability of the rows and the share of them that are true.
	mrows := make([]records.MatchRow, len(rows))
	for i, r := range rows {
		mrows[i] = records.MatchRow{QueryID: r.QueryID, CandidateID: r.CandidateID, Rank: int(r.Rank), MatchProbability: r.MatchProbability}
	}
	ev := datasets.Evaluate(mrows, truth, 10)
	var binLabels []string
	var predicted, observed []float64
	md.WriteString("\n## Calibration on the demo scenario\n\n| p | rows | mean p | true share |\n|---|---|---|---|\n")
	for _, b := range ev.Reliability {
		if b.Rows == 0 {
			continue
		}
		binLabels = append(binLabels, fmt.Sprintf("%.1f", b.Low))
		predicted, observed = append(predicted, b.MeanPredicted), append(observed, b.Observed)
		fmt.Fprintf(&md, "| %.1f–%.1f | %d | %.3f | %.3f |\n", b.Low, b.High, b.Rows, b.MeanPredicted, b.Observed)
	}
	fmt.Fprintf(&md, "\nExpected calibration error %.3f.\n\n![calibration](calibration.svg)\n", ev.CalibrationError)
	if err := write(out, "calibration.svg", lineChart("Calibration on the demo: true share against mean probability, per tenth", "share", "match_probability (bin start)", binLabels, 1,
		[]series{{"mean probability (honest: equal)", predicted}, {"share of true pairs", observed}})); err != nil {
		return err
	}
	if err := write(out, "report.md", md.String()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", filepath.Join(out, "report.md"))
	return nil
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func write(dir, name, content string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
}

// kernelBench runs the kernel benchmarks count times and returns the
// median ns/pair of each path.
func kernelBench(count int) (map[string]float64, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "JaroWinkler", "-count", strconv.Itoa(count), "./benchmarks/")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go test -bench: %w", err)
	}
	samples := map[string][]float64{}
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkJaroWinkler/") {
			continue
		}
		name := strings.TrimPrefix(f[0], "BenchmarkJaroWinkler/")
		name = name[:strings.LastIndexByte(name, '-')]
		for i := 1; i+1 < len(f); i++ {
			if f[i+1] == "ns/pair" {
				v, _ := strconv.ParseFloat(f[i], 64)
				samples[name] = append(samples[name], v)
			}
		}
	}
	med := map[string]float64{}
	for n, vs := range samples {
		sort.Float64s(vs)
		med[n] = vs[len(vs)/2]
	}
	if len(med) == 0 {
		return nil, fmt.Errorf("no ns/pair figures in the benchmark output")
	}
	return med, nil
}

func generate(cfg datasets.GenerateConfig) (people, recs []records.Record, truth []records.Truth) {
	people, recs, truth, err := datasets.GenerateRecords(cfg)
	if err != nil {
		panic(err) // the configurations above are valid
	}
	return people, recs, truth
}
