package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"kinlink/records"
)

// The browser tests open a report from disk in a real Chromium (Debian's
// chromium-headless-shell or chromium; KINLINK_BROWSER names another),
// run its script and check the page: people listed, candidates shown, a
// decision made with the keyboard and exported as the expected CSV, kept
// across a reload, search and filters; and how fast a 1,000-person report
// opens. They skip where no browser is installed; .ci/run installs one.

var screenshots = flag.String("screenshots", "", "folder to save the browser test's screenshots in (1280×800)")

func findBrowser(t *testing.T) string {
	if p := os.Getenv("KINLINK_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found (apt-get install chromium-headless-shell, or set KINLINK_BROWSER): the page is not tested in a browser"
	if os.Getenv("KINLINK_REQUIRE_BROWSER") != "" {
		t.Fatal(msg) // CI installs one: a skip there would hide the test
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless browser with a fresh profile and no
// network activity of its own (this machine has no network: without
// these flags Chromium waits on connections).
func newBrowser(t *testing.T) context.Context {
	path := findBrowser(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

func must[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// open loads the page and waits until its script has drawn it.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url))
	must(t, ctx, chromedp.Poll[bool](`window.kinlink && window.kinlink.ready`, chromedp.WithPollingTimeout(30*time.Second)))
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return must(t, ctx, chromedp.Evaluate[T](js))
}

func shot(t *testing.T, ctx context.Context, name string) {
	if *screenshots == "" {
		return
	}
	png := must(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(*screenshots, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeReport(t *testing.T, in Input) (string, *Data) {
	t.Helper()
	d, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	var page bytes.Buffer
	if err := WriteHTML(&page, d); err != nil {
		t.Fatal(err)
	}
	if err := records.WriteFileAtomic(path, page.Bytes()); err != nil {
		t.Fatal(err)
	}
	return path, d
}

func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	path, d := writeReport(t, fixtureInput())
	url := "file://" + filepath.ToSlash(path)
	open(t, ctx, url)

	// The people sought are listed, the first is shown with its
	// candidates, in their scripts.
	listed := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#list .li .nm')).map(e => e.textContent)`)
	if want := []string{"Higashiura Tomoko", "Lee Ho-rim", hostileName}; !reflect.DeepEqual(listed, want) {
		t.Errorf("people listed %q, want %q", listed, want)
	}
	cands := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#person tr.cand td:nth-child(2) .mono')).map(e => e.textContent)`)
	if !reflect.DeepEqual(cands, []string{"A1", "A2"}) {
		t.Errorf("candidates shown %q", cands)
	}
	// A1 wrote its name as one field in kana: the page shows it split as
	// kinlink read it, family and given.
	if kana := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#person tr.cand')[0].querySelectorAll('.nmv[lang=ja]')).map(e => e.textContent)`); !reflect.DeepEqual(kana, []string{"ひがしうら", "ともこ"}) {
		t.Errorf("kana name shown as %q", kana)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#person svg rect').length`); n < 7 {
		t.Errorf("waterfall has %d bars", n)
	}
	shot(t, ctx, "fixture-ja.png")

	// The next person: Hangul, and a hostile name shown as text, not run.
	do(t, ctx, chromedp.KeyEvent("n"))
	if h := eval[string](t, ctx, `document.querySelector('#person h2').textContent`); h != "K1Lee Ho-rim" {
		t.Errorf("after n the person shown is %q", h)
	}
	if s := eval[string](t, ctx, `document.querySelector('#person tr.cand .nmv[lang=ko]').textContent`); s != "리" {
		t.Errorf("Hangul family name shown as %q", s)
	}
	shot(t, ctx, "fixture-ko.png")
	do(t, ctx, chromedp.KeyEvent("n"))
	if h := eval[string](t, ctx, `document.querySelector('#person h2').textContent`); h != "K2"+hostileName {
		t.Errorf("hostile name shown as %q", h)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#person script, #list script, #person h2 b').length`); n != 0 {
		t.Errorf("a name put %d elements into the page", n)
	}

	// Decide with the keyboard on the first person: confirm A1 (the
	// selection moves on to A2), reject A2, and a note with a formula.
	do(t, ctx, chromedp.KeyEvent("p"), chromedp.KeyEvent("p"), chromedp.KeyEvent("1"), chromedp.KeyEvent("2"), chromedp.KeyEvent("k"), chromedp.KeyEvent("e"),
		chromedp.KeyEvent("=SUM(A1) same <b>village</b>"), chromedp.KeyEvent("\x1b"))
	on := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#person tr.cand .dec button.on')).map(b => b.dataset.d)`)
	if !reflect.DeepEqual(on, []string{"confirm", "reject"}) {
		t.Errorf("decisions shown %q", on)
	}
	if p := eval[string](t, ctx, `document.getElementById('progress').textContent`); p != "2 of 5 decided" {
		t.Errorf("progress %q", p)
	}

	// Export: the browser saves the CSV the page builds.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click("#export"))
	csvPath := filepath.Join(dir, "decisions-"+d.ReportID+".csv")
	var raw []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(csvPath); err == nil && len(b) > 0 {
			raw = b
			break
		}
	}
	if raw == nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("no %s downloaded (folder holds %v)", filepath.Base(csvPath), entries)
	}
	got, err := ReadDecisions(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("exported %d decisions: %+v", len(got), got)
	}
	want := []Decision{
		{ReportID: d.ReportID, QueryID: "J1", CandidateID: "A1", Rank: "1", MatchWeight: "18.00", Decision: "confirm", Note: "=SUM(A1) same <b>village</b>", DecidedAt: got[0].DecidedAt},
		{ReportID: d.ReportID, QueryID: "J1", CandidateID: "A2", Rank: "2", MatchWeight: "-2.20", Decision: "reject", DecidedAt: got[1].DecidedAt},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("exported\n%+v\nwant\n%+v", got, want)
	}
	for _, g := range got {
		if _, err := time.Parse(time.RFC3339, g.DecidedAt); err != nil {
			t.Errorf("decided_at %q: %v", g.DecidedAt, err)
		}
	}
	// The page writes the bytes kinlink's Go writer writes: BOM, header,
	// quoting, the formula neutralised.
	var goCSV bytes.Buffer
	WriteDecisions(&goCSV, got)
	if !bytes.Equal(raw, goCSV.Bytes()) {
		t.Errorf("page's CSV differs from WriteDecisions':\n%q\n%q", raw, goCSV.Bytes())
	}
	if !strings.Contains(string(raw), ",'=SUM(A1) same <b>village</b>,") {
		t.Errorf("note not neutralised: %q", raw)
	}
	labels, err := records.ReadLabels(csvPath)
	if err != nil || len(labels) != 2 || !labels[0].Match || labels[1].Match {
		t.Errorf("kinlink reads the export as labels %+v, err %v", labels, err)
	}

	// The decisions outlive a reload (localStorage, keyed by the report).
	// Chromium sends a page's storage writes to the browser process
	// asynchronously, and a reload at once may read before they land (seen
	// once in eight runs): give them a moment, as any person would.
	time.Sleep(500 * time.Millisecond)
	do(t, ctx, chromedp.Reload())
	must(t, ctx, chromedp.Poll[bool](`window.kinlink && window.kinlink.ready`, chromedp.WithPollingTimeout(30*time.Second)))
	if p := eval[string](t, ctx, `document.getElementById('progress').textContent`); p != "2 of 5 decided" {
		t.Errorf("after a reload: %q", p)
	}

	// Blind review hides the scores, and is undone the same way.
	do(t, ctx, chromedp.KeyEvent("h"))
	if v := eval[string](t, ctx, `getComputedStyle(document.querySelector('#person tr.cand .pv')).visibility`); v != "hidden" {
		t.Errorf("with h the probability is %s", v)
	}
	do(t, ctx, chromedp.KeyEvent("h"))
	if v := eval[string](t, ctx, `getComputedStyle(document.querySelector('#person tr.cand .pv')).visibility`); v != "visible" {
		t.Errorf("after h again the probability is %s", v)
	}

	// Search, typed, and the filters.
	do(t, ctx, chromedp.KeyEvent("/"), chromedp.KeyEvent("리"))
	must(t, ctx, chromedp.Poll[bool](`document.querySelectorAll('#list .li').length === 1`, chromedp.WithPollingTimeout(5*time.Second)))
	if h := eval[string](t, ctx, `document.querySelector('#person h2').textContent`); !strings.Contains(h, "K1") {
		t.Errorf("search for 리 shows %q", h)
	}
	do(t, ctx, chromedp.Click("#preset-clear"), chromedp.Click("#preset-married"))
	married := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#list .li .id')).map(e => e.textContent)`)
	if !reflect.DeepEqual(married, []string{"J1", "K2"}) {
		t.Errorf("given same, family different: %q", married)
	}
	do(t, ctx, chromedp.Click("#preset-clear"), chromedp.SetValue("#f-status", "open"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('f-status').dispatchEvent(new Event('change'))`))
	if open := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#list .li .id')).map(e => e.textContent)`); !reflect.DeepEqual(open, []string{"K1", "K2"}) {
		t.Errorf("people with no decision yet: %q", open)
	}

	// Overview and labels tabs draw.
	do(t, ctx, chromedp.Click(`.tabs [data-tab="overview"]`))
	if n := eval[int](t, ctx, `document.querySelectorAll('#tab-overview svg rect').length`); n == 0 {
		t.Error("overview has no histogram")
	}
	if s := eval[string](t, ctx, `document.getElementById('tab-overview').textContent`); !strings.Contains(s, "surname+initial") {
		t.Error("overview does not list the blocking rules' pair counts")
	}
	shot(t, ctx, "fixture-overview.png")
}

// TestBrowserOpensQuickly measures how long a 1,000-person report with
// ten candidates each takes to open: from the navigation's start to the
// page drawn (its script reads the data and draws the list and the first
// person), median of three loads. The target is 2 s.
func TestBrowserOpensQuickly(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	ctx := newBrowser(t)
	path, _ := writeReport(t, bigInput(1000, 10))
	st, _ := os.Stat(path)
	var ms []float64
	for range 3 {
		open(t, ctx, "file://"+filepath.ToSlash(path))
		ms = append(ms, eval[float64](t, ctx, `window.kinlink.readyMs`))
	}
	slices.Sort(ms)
	step := func(key string) float64 {
		t0 := eval[float64](t, ctx, `performance.now()`)
		do(t, ctx, chromedp.KeyEvent(key))
		return eval[float64](t, ctx, `performance.now()`) - t0
	}
	next := step("n")
	t.Logf("1,000 × 10 report, %.1f MB: opens in %.0f ms (median of %v); next person %.0f ms",
		float64(st.Size())/(1<<20), ms[1], fmtMs(ms), next)
	if ms[1] > 2000 {
		t.Errorf("the report took %.0f ms to open (median), over 2 s", ms[1])
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#list .li').length`); n == 0 || n > 100 {
		t.Errorf("%d list rows in the page: the list must draw only what is in view", n)
	}
}

func fmtMs(ms []float64) string {
	var s []string
	for _, m := range ms {
		s = append(s, fmt.Sprintf("%.0f", m))
	}
	return strings.Join(s, ", ")
}
