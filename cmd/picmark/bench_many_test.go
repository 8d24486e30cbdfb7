//go:build linux && bench

// The bench's scale mode (PICMARK_BENCH_MANY=10000 make bench): thousands
// of generated photos of about 1 MP in nested folders, with a few hundred
// broken and non-image files, made into one format with a logo in the
// real page and its workers. It times the intake, the first previews and
// the batch, and records the longest main-thread task, the peak memory of
// every Chromium process and the ZIP read back whole.

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"picmark/internal/preset"
)

// benchManyResult holds the keys the issue names.
type benchManyResult struct {
	Photos            int     `json:"many_photos"`
	Others            int     `json:"many_other_files"`
	IntakeMS          float64 `json:"many_intake_ms"`
	ReadMS            float64 `json:"many_read_ms"` // until every file's first bytes are read and it is told apart
	FirstPreviewsMS   float64 `json:"many_first_previews_ms"`
	LongestTaskMS     float64 `json:"many_longest_task_ms"`
	PeakMemoryMB      float64 `json:"many_peak_memory_mb"`
	BatchS            float64 `json:"many_batch_s"`
	ZipEntries        int     `json:"many_zip_entries"`
	ZipOK             bool    `json:"many_zip_ok"`
	ZipBytes          int64   `json:"many_zip_bytes"`
	PeakMemoryDetails string  `json:"many_peak_memory_details"`
}

// benchManyVariants distinct photos are painted; the others are hard links
// to them (the page reads each as its own file; the disk holds 16).
const benchManyVariants = 16

// benchManyFolder writes n photos of about 1 MP in nested folders, plus
// one broken JPEG and one text file for every 50 photos. It returns the
// folder and how many files are not photos.
func benchManyFolder(t *testing.T, n int) (string, int) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "season")
	rng := rand.New(rand.NewSource(7))
	var variants []string
	src := filepath.Join(t.TempDir(), "variants")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range benchManyVariants {
		m := image.NewRGBA(image.Rect(0, 0, 1224, 816))
		benchPaint(m, rng)
		var b bytes.Buffer
		if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 88}); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(src, fmt.Sprintf("v%02d.jpg", i))
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		variants = append(variants, p)
	}
	others := 0
	for i := range n {
		dir := filepath.Join(root, fmt.Sprintf("shop-%02d", i%40), fmt.Sprintf("day-%d", i%7))
		if i < 280 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Link(variants[i%len(variants)], filepath.Join(dir, fmt.Sprintf("IMG_%05d.jpg", i))); err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			broken := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xDB}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("IMG_%05d-cut.jpg", i)), broken, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("notes-%05d.txt", i)), []byte("caption draft"), 0o644); err != nil {
				t.Fatal(err)
			}
			others += 2
		}
	}
	return root, others
}

func TestBenchMany(t *testing.T) {
	v := benchEnv("PICMARK_BENCH_MANY")
	if v == "" {
		t.Skip("the scale mode runs with PICMARK_BENCH_MANY=N (make bench)")
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		t.Fatalf("PICMARK_BENCH_MANY=%q: want a number of photos from 1 to 100000", v)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	folder, others := benchManyFolder(t, n)
	t.Logf("%d photos and %d other files ready in %v", n, others, time.Since(start).Round(time.Millisecond))
	logo := filepath.Join(t.TempDir(), "logo.png")
	var lb bytes.Buffer
	if err := png.Encode(&lb, benchLogo(400, 160)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logo, lb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	if benchProfilingPage() {
		e2eWasmLDFlags = "" // the profile names Go's functions
	}
	site := e2eBuildSite(t, root)
	// Quick compression: no key here counts the first visit's bytes.
	h, err := newSite(site, quick)
	if err != nil {
		t.Fatal(err)
	}
	counter := &originCounter{}
	srv := httptest.NewServer(counter.wrap(h))
	defer srv.Close()
	px := e2eNewProxy(t, srv.URL)
	defer px.srv.Close()
	benchWarmServer(t, srv.URL, h)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Minute)
	defer cancel()
	bs := benchStartBrowser(t, ctx, px, counter)
	bs.setPhase("many")
	bs.load(t, srv.URL)
	bs.setLogo(t, logo)
	square, err := preset.Parse("instagram-square")
	if err != nil {
		t.Fatal(err)
	}
	bs.setPresets(t, square)
	res := benchManyResult{Photos: n, Others: others}

	// Intake and the first previews, from the drop.
	bs.resetPeaks(t)
	stopMem := make(chan struct{})
	memLine := bs.memoryTimeline(stopMem, 5*time.Second)
	bs.eval(t, "clearing long tasks", `(window.__e2e.longTasks.splice(0), window.__e2e.longTaskLog.splice(0), true)`)
	if benchProfilingPage() {
		bs.startPageProfile(t)
	}
	var trace *benchTrace
	if benchTracing() {
		trace = bs.startTrace(t)
	}
	bs.drag(t, folder)
	total := n + others
	sinceDrop := `performance.now() - performance.getEntriesByName("picmark-intake-dropped").pop().startTime`
	bs.waitJS(t, fmt.Sprintf("%d files listed", total), fmt.Sprintf("e2eNamed() === %d", total), 30*time.Minute)
	// Responsive: the page answers a frame once the list is complete.
	bs.evalLong(t, "intake", `new Promise((ok) => requestAnimationFrame(() => ok(`+sinceDrop+`)))`, time.Minute, &res.IntakeMS)
	bs.waitJS(t, "the first previews", `!!document.querySelector('#preview-grid [data-status="ready"]')`, 30*time.Minute)
	bs.evalLong(t, "first previews", sinceDrop, time.Minute, &res.FirstPreviewsMS)
	bs.waitJS(t, fmt.Sprintf("%d files read", total), fmt.Sprintf("e2eListed() === %d", total), 30*time.Minute)
	bs.evalLong(t, "files read", sinceDrop, time.Minute, &res.ReadMS)
	t.Logf("intake %.0f ms, first previews %.0f ms, every file read %.0f ms after the drop", res.IntakeMS, res.FirstPreviewsMS, res.ReadMS)
	bs.logLongTasks(t, "intake and previews")
	if benchMemoryParts() {
		bs.memoryParts(t, "after intake")
	}

	// The batch, then its report.
	runs := bs.runs(t)
	began := time.Now()
	bs.click(t, "#start")
	bs.waitJS(t, "the batch done", fmt.Sprintf(`window.__e2e.runs > %d && document.body.dataset.state === "done"`, runs), 120*time.Minute)
	res.BatchS = time.Since(began).Seconds()
	bs.reportTable(t)
	bs.logLongTasks(t, "batch and report")
	var long []float64
	bs.evalInto(t, "long tasks", `window.__e2e.longTasks`, &long)
	for _, l := range long {
		res.LongestTaskMS = max(res.LongestTaskMS, l)
	}
	_, res.PeakMemoryMB, res.PeakMemoryDetails = bs.peaks()
	close(stopMem)
	tl := <-memLine
	t.Logf("resident memory by process (MiB), from the drop to the report:\n%s", tl.log)
	t.Logf("the highest sum sampled: %.0f MiB at %s; the sum of each process's peak: %.0f MiB", tl.peakMB, tl.peakAt, res.PeakMemoryMB)
	res.PeakMemoryMB = max(res.PeakMemoryMB, tl.peakMB)
	if benchMemoryParts() {
		bs.memoryParts(t, "after the report")
	}
	if trace != nil {
		bs.stopTrace(t, trace, 50)
	}
	if benchProfilingPage() {
		res, err := chromedp.Call(bs.ctx, profiler.Stop, cdp.Empty{})
		if err != nil {
			t.Fatalf("profile: stopping: %v", err)
		}
		t.Logf("the page's long tasks from the drop to the report, by profile (their times from the profile's start):\n%s", benchLongSlices(res.Profile, 50))
		// On a loaded machine a task is long when its thread waits for a
		// core too; where the thread's time goes, whatever the load:
		t.Log(benchProfileSummary("the page's main thread from the drop to the report", []*profiler.Profile{res.Profile}))
	}

	// The ZIP, read back whole.
	path := bs.download(t)
	res.ZipEntries, res.ZipBytes, res.ZipOK = benchReadZip(t, path)
	if want := n + 1; res.ZipEntries != want {
		t.Errorf("the ZIP holds %d entries, want %d (a picture per photo and report.csv)", res.ZipEntries, want)
	}
	data, _ := json.MarshalIndent(res, "", "  ")
	t.Logf("scale mode:\n%s\ntargets: many_intake_ms ≤ 2000, many_longest_task_ms ≤ 50, many_peak_memory_mb ≤ 1500", data)
	if p := benchEnv("BENCH_JSON"); p != "" {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
			t.Fatalf("BENCH_JSON: %v", err)
		}
	}
	bs.checkConsole(t)
}

// logLongTasks logs the page's long tasks so far, from the drop: when each
// began and how long it took, to find them (PerformanceObserver "longtask"
// names no function: profile the page to see inside one).
func (bs *benchSession) logLongTasks(t *testing.T, what string) {
	t.Helper()
	var log string
	bs.evalInto(t, "long tasks", `(() => { const d = performance.getEntriesByName("picmark-intake-dropped").pop().startTime;
  return window.__e2e.longTaskLog.splice(0).map((l) => Math.round(l.at - d) + ":" + l.ms).join(" "); })()`, &log)
	t.Logf("long tasks during %s (ms after the drop:duration): %s", what, log)
}

// benchReadZip opens the ZIP with Go's archive/zip and reads every entry
// (its CRC-32 checked at the end of each): entries, bytes, and whether all
// read back.
func benchReadZip(t *testing.T, path string) (entries int, size int64, ok bool) {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Errorf("the ZIP does not open: %v", err)
		return 0, 0, false
	}
	defer r.Close()
	ok = true
	for _, f := range r.File {
		rc, err := f.Open()
		if err == nil {
			var n int64
			n, err = io.Copy(io.Discard, rc)
			rc.Close()
			size += n
		}
		if err != nil {
			t.Errorf("%s in the ZIP: %v", f.Name, err)
			ok = false
		}
	}
	return len(r.File), size, ok
}
