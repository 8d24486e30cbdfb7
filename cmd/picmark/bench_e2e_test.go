//go:build linux && bench

// The side-by-side benchmark of issue 5, run by `make bench`: picmark in
// headless Chromium (the real page and its workers) next to a plain canvas
// reference in the same browser and the native CLI, on a batch of
// photo-like pictures generated at run time, with the ratios printed beside
// their targets and written as JSON to $BENCH_JSON.
//
// It is a test only to reuse the end-to-end harness (the built site, the
// recording proxy, the browser session of e2e_test.go). It is built only
// with the bench tag (`make bench`: go test -tags bench), so `make test`
// neither runs nor skips it. It fails on errors and wrong outputs, never on a missed target:
// timings on a shared machine are information, not verdicts. Linux only:
// it reads the browser's memory from /proc.
//
// Knobs (environment):
//
//	PICMARK_BENCH_LARGE=1      200 photos of 24 MP instead of the 30-file batch
//	PICMARK_BENCH_LARGE_COUNT=N  another count for the large mode (a quick check of it)
//	PICMARK_BENCH_RUNS=N       timed runs of each contender; the median counts (default 3; 1 for the large mode)
//	PICMARK_BENCH_SKIP=canvas,native  leave contenders out (the large mode's default; "none" keeps all)
//	PICMARK_BENCH_CACHE=DIR    keep the generated batch in DIR and reuse it next time
//	PICMARK_BENCH_WORKERS=N    the page's pool as if the machine had N cores
//	PICMARK_BENCH_WALLPAPERS=DIR  where to look for wallpapers (default /usr/share/backgrounds)
//	PICMARK_BENCH_PROFILE=1    log where the workers' CPU time goes (V8's profiler; bench_profile_test.go);
//	                           =page: where the page's main thread spends the batch and the 2 s after it
//	BENCH_JSON=FILE            write the results there (relative paths: from the module root)
package main

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"maps"
	"math"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/image/draw"

	"picmark/internal/batch"
	"picmark/internal/geom"
	"picmark/internal/preset"
)

const (
	benchPresetIDs = "pinterest-pin,tumblr-post,snapchat-story"
	// benchQuality is the canvas reference's JPEG quality: picmark's quality
	// search starts at 85 and stays there when the output is under the cap.
	benchQuality = 0.85
	// benchGenVersion names the generator in the cache manifest: bump it
	// when the batch changes.
	benchGenVersion = 3
	benchMB         = 1 << 20
)

// The targets of issue 5, with the numbers the table prints.
const (
	benchTargetOverCanvas = 0.6
	benchTargetOverNative = 1.3
	benchTargetLongTaskMS = 50
	benchTargetPeakMB     = 1536 // 1.5 GB, for 200 photos of 24 MP
	benchTargetOfflineMS  = 1000
)

func benchEnv(name string) string { return strings.TrimSpace(os.Getenv(name)) }

// TestBenchSideBySide is `make bench`'s side-by-side benchmark.
func TestBenchSideBySide(t *testing.T) {
	if _, err := os.Stat(e2eChromium); err != nil {
		t.Fatalf("the benchmark needs Debian's Chromium at %s (%v): run `apt-get install -y chromium` (make bench does)", e2eChromium, err)
	}
	large := benchEnv("PICMARK_BENCH_LARGE") == "1"
	// Three runs of each contender, the median counting: one run's times
	// vary by 5 % or so on a shared 2-core machine. The large run is about
	// memory, and long: one.
	runs := 3
	if large {
		runs = 1
	}
	if v := benchEnv("PICMARK_BENCH_RUNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 9 {
			t.Fatalf("PICMARK_BENCH_RUNS=%q: want a number of runs from 1 to 9", v)
		}
		runs = n
	}
	// The large run is about memory: by default it leaves out the other
	// contenders, which would double its time (PICMARK_BENCH_SKIP=none
	// keeps them).
	skipList, set := os.LookupEnv("PICMARK_BENCH_SKIP")
	if !set && large {
		skipList = "canvas,native"
	}
	skip := map[string]bool{}
	for _, s := range strings.FieldsFunc(skipList, func(r rune) bool { return r == ',' || r == ' ' }) {
		if s == "none" {
			continue
		}
		if s != "canvas" && s != "native" {
			t.Fatalf("PICMARK_BENCH_SKIP=%q: only canvas and native can be left out", benchEnv("PICMARK_BENCH_SKIP"))
		}
		skip[s] = true
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	presets, err := preset.Parse(benchPresetIDs)
	if err != nil {
		t.Fatal(err)
	}

	// The batch, the site, the native binary.
	start := time.Now()
	b := benchMakeBatch(t, large)
	t.Logf("batch ready in %v: %s", time.Since(start).Round(time.Millisecond), b.describe())
	if benchProfiling() || benchProfilingPage() {
		e2eWasmLDFlags = "" // the profile names Go's functions
	}
	site := e2eBuildSite(t, root)
	cli := benchBuildCLI(t, root)

	// As `picmark serve` runs: brotli 11 for app.wasm once its background
	// job is done, which benchWarmServer waits for.
	h, err := newSite(site, thorough)
	if err != nil {
		t.Fatalf("newSite(%s): %v", site, err)
	}
	logoPNG, err := os.ReadFile(b.logoPath())
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/bench-ref/", benchRefHandler(logoPNG))
	mux.Handle("/", h)
	counter := &originCounter{}
	srv := httptest.NewServer(counter.wrap(mux))
	defer srv.Close()
	px := e2eNewProxy(t, srv.URL)
	defer px.srv.Close()

	budget := 25 * time.Minute
	if large {
		budget = 75 * time.Minute
	}
	benchWarmServer(t, srv.URL, h)
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	bs := benchStartBrowser(t, ctx, px, counter)
	res := benchResult{Mode: b.Mode, Runs: runs, Cores: runtime.NumCPU(), Chromium: bs.version, Batch: b.describe(), Source: b.Source}

	// 1. First visit, fresh profile: everything the browser downloads
	//    until the service worker holds the app and the network is quiet.
	res.FirstVisitBytes, res.FirstVisitCDPBytes, res.OnlineTTIMS = bs.firstVisit(t, srv.URL)

	// 2. picmark through the real page.
	bs.setPhase("picmark")
	bs.benchDrop(t, b.folder(), len(b.Items))
	bs.setLogo(t, b.logoPath())
	scale := bs.fx.scale
	var opacity float64
	bs.evalInto(t, "#logo-opacity", `Number((document.querySelector("#logo-opacity") || {}).value || 0)`, &opacity)
	opacity /= 100
	bs.setPresets(t, presets)
	plan := b.plan(t, presets, scale)
	res.Outputs = 0
	for _, f := range plan {
		res.Outputs += len(f.Outputs)
	}
	res.LogoScale, res.LogoOpacity = scale, opacity
	var pm []benchPicmarkRun
	for i := range runs {
		r := bs.runPicmark(t, len(b.Items), large)
		t.Logf("picmark run %d/%d: %.1f s from #start to the ZIP, %.1f s of CPU, longest main-thread task %.0f ms (%d long tasks), renderer peak %.0f MiB",
			i+1, runs, r.ms/1000, r.cpuS, r.longest, r.longCount, r.peakRendererMB)
		zipPath := bs.download(t)
		benchCheckZip(t, "picmark", zipPath, plan)
		r.zip = zipPath
		pm = append(pm, r)
	}
	best := benchMedianRun(pm)
	res.PicmarkMS = best.ms
	res.PicmarkCPUS = benchMedian(benchMap(pm, func(r benchPicmarkRun) float64 { return r.cpuS }))
	for _, r := range pm {
		res.LongestTaskMS = max(res.LongestTaskMS, r.longest)
		res.PeakMemoryMB = max(res.PeakMemoryMB, r.peakRendererMB)
		res.PeakMemoryAllMB = max(res.PeakMemoryAllMB, r.peakAllMB)
		res.PeakMemorySampledMB = max(res.PeakMemorySampledMB, r.sampledMB)
	}
	res.MemoryPerPhotoMB = best.slopeMB
	res.SlowestEvalMS = float64(best.slowestEval.Milliseconds())
	res.PicmarkWorkers = best.workers
	keep := b.keep(plan)

	// 3. The canvas reference in the same browser.
	var kept map[string]string
	if !skip["canvas"] {
		bs.setPhase("canvas")
		var cr, ccpu []float64
		for i := range runs {
			r := bs.runCanvas(t, srv.URL, b, plan, opacity, keep)
			t.Logf("canvas run %d/%d: %.1f s (decode %.1f s, draw %.1f s, encode %.1f s), %.1f s of CPU, renderer peak %.0f MiB",
				i+1, runs, r.MS/1000, r.Decode/1000, r.Draw/1000, r.Encode/1000, r.cpuS, r.peakMB)
			cr = append(cr, r.MS)
			ccpu = append(ccpu, r.cpuS)
			kept = r.Kept
			res.CanvasPeakMB = max(res.CanvasPeakMB, r.peakMB)
			res.CanvasStages = fmt.Sprintf("decode %.1f s, draw %.1f s, encode %.1f s", r.Decode/1000, r.Draw/1000, r.Encode/1000)
		}
		res.CanvasMS = benchMedian(cr)
		res.CanvasCPUS = benchMedian(ccpu)
		res.PicmarkOverCanvas = new(res.PicmarkMS / res.CanvasMS)
		res.PSNRCanvas = benchComparePSNR(t, "the canvas reference", best.zip, kept, 22)
	}

	// 4. The native CLI on the same batch, every core.
	if !skip["native"] {
		var nr, ncpu []float64
		var nativeZip string
		for i := range runs {
			nativeZip = filepath.Join(t.TempDir(), "native.zip")
			ms, rss, cpuS := benchRunNative(t, cli, b, scale, opacity, nativeZip)
			t.Logf("native run %d/%d: %.1f s, %.1f s of CPU, peak RSS %.0f MiB", i+1, runs, ms/1000, cpuS, rss)
			benchCheckZip(t, "native CLI", nativeZip, plan)
			nr = append(nr, ms)
			ncpu = append(ncpu, cpuS)
			res.NativePeakMB = max(res.NativePeakMB, rss)
		}
		res.NativeMS = benchMedian(nr)
		res.NativeCPUS = benchMedian(ncpu)
		res.PicmarkOverNative = new(res.PicmarkMS / res.NativeMS)
		res.PSNRNative = benchComparePSNR(t, "the native CLI", best.zip, benchZipKept(t, nativeZip, keep), 30)
	}

	// 5. Offline reload to interactive, with the server gone.
	res.OfflineTTIMS, res.OfflineTTIAllMS = bs.offlineTTI(t, srv, px)

	res.print(t)
	if p := benchEnv("BENCH_JSON"); p != "" {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		data, err := json.MarshalIndent(res.rounded(), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
			t.Fatalf("BENCH_JSON: %v", err)
		}
		t.Logf("results written to %s", p)
	}
	bs.checkConsole(t)
}

// ---------------------------------------------------------------------------
// Results.

type benchResult struct {
	// The keys issue 5 names.
	// nil (JSON null) when that contender was left out.
	PicmarkOverCanvas *float64 `json:"picmark_over_canvas"`
	PicmarkOverNative *float64 `json:"picmark_over_native"`
	LongestTaskMS     float64  `json:"longest_task_ms"`
	PeakMemoryMB      float64  `json:"peak_memory_mb"`
	FirstVisitBytes   int64    `json:"first_visit_bytes"`
	OfflineTTIMS      float64  `json:"offline_tti_ms"`

	// What they were computed from, and context.
	Mode                string    `json:"mode"`
	Batch               string    `json:"batch"`
	Source              string    `json:"source"`
	Outputs             int       `json:"outputs"`
	Runs                int       `json:"runs"`
	Cores               int       `json:"cores"`
	Chromium            string    `json:"chromium"`
	LogoScale           float64   `json:"logo_scale"`
	LogoOpacity         float64   `json:"logo_opacity"`
	PicmarkMS           float64   `json:"picmark_ms"`
	PicmarkWorkers      int       `json:"picmark_workers"`
	PicmarkCPUS         float64   `json:"picmark_cpu_s"`
	CanvasCPUS          float64   `json:"canvas_cpu_s,omitempty"`
	NativeCPUS          float64   `json:"native_cpu_s,omitempty"`
	CanvasMS            float64   `json:"canvas_ms,omitempty"`
	CanvasStages        string    `json:"canvas_stages,omitempty"`
	NativeMS            float64   `json:"native_ms,omitempty"`
	PeakMemoryAllMB     float64   `json:"peak_memory_all_chromium_mb"`
	PeakMemorySampledMB float64   `json:"peak_memory_sampled_mb"`
	MemoryPerPhotoMB    float64   `json:"memory_growth_per_photo_mb"`
	CanvasPeakMB        float64   `json:"canvas_peak_memory_mb,omitempty"`
	NativePeakMB        float64   `json:"native_peak_memory_mb,omitempty"`
	FirstVisitCDPBytes  int64     `json:"first_visit_page_target_bytes"`
	OnlineTTIMS         float64   `json:"online_first_visit_tti_ms"`
	OfflineTTIAllMS     []float64 `json:"offline_tti_all_ms"`
	SlowestEvalMS       float64   `json:"slowest_page_answer_ms"`
	PSNRCanvas          float64   `json:"min_psnr_vs_canvas_db,omitempty"`
	PSNRNative          float64   `json:"min_psnr_vs_native_db,omitempty"`
}

// rounded keeps the JSON readable: ratios to 3 decimals, the rest to 1.
func (r benchResult) rounded() benchResult {
	r3 := func(x *float64) { *x = math.Round(*x*1000) / 1000 }
	r1 := func(x *float64) { *x = math.Round(*x*10) / 10 }
	for _, p := range []**float64{&r.PicmarkOverCanvas, &r.PicmarkOverNative} {
		if *p != nil {
			v := **p
			r3(&v)
			*p = &v
		}
	}
	r3(&r.MemoryPerPhotoMB)
	for _, x := range []*float64{&r.LongestTaskMS, &r.PeakMemoryMB, &r.OfflineTTIMS, &r.PicmarkMS, &r.CanvasMS, &r.NativeMS,
		&r.PeakMemoryAllMB, &r.PeakMemorySampledMB, &r.CanvasPeakMB, &r.NativePeakMB, &r.OnlineTTIMS, &r.SlowestEvalMS,
		&r.PSNRCanvas, &r.PSNRNative, &r.PicmarkCPUS, &r.CanvasCPUS, &r.NativeCPUS} {
		r1(x)
	}
	r.OfflineTTIAllMS = slices.Clone(r.OfflineTTIAllMS)
	for i := range r.OfflineTTIAllMS {
		r1(&r.OfflineTTIAllMS[i])
	}
	return r
}

func (r benchResult) print(t *testing.T) {
	t.Helper()
	var b strings.Builder
	sec := func(ms float64) string {
		if ms <= 0 {
			return "—"
		}
		return fmt.Sprintf("%.1f s", ms/1000)
	}
	fmt.Fprintf(&b, "\n=== picmark side-by-side benchmark (%s mode) ===\n", r.Mode)
	fmt.Fprintf(&b, "batch:    %s\n", r.Batch)
	fmt.Fprintf(&b, "pictures: %s\n", r.Source)
	fmt.Fprintf(&b, "presets:  %s with a logo (%.0f%% of the width, %.0f%% opacity): %d outputs + report.csv\n",
		strings.ReplaceAll(benchPresetIDs, ",", " + "), r.LogoScale*100, r.LogoOpacity*100, r.Outputs)
	fmt.Fprintf(&b, "machine:  %d cores; %s; median of %d run(s) each; wall-clock times on a machine shared with other work are noisy\n\n",
		r.Cores, r.Chromium, r.Runs)
	fmt.Fprintf(&b, "  %-52s %10s %9s   %s\n", "contender", "batch time", "CPU time", "peak memory")
	fmt.Fprintf(&b, "  %-52s %10s %9s   %.0f MiB renderer (all Chromium %.0f MiB)\n",
		fmt.Sprintf("picmark in Chromium (page + %d workers)", r.PicmarkWorkers), sec(r.PicmarkMS), sec(1000*r.PicmarkCPUS), r.PeakMemoryMB, r.PeakMemoryAllMB)
	if r.CanvasMS > 0 {
		fmt.Fprintf(&b, "  %-52s %10s %9s   %.0f MiB renderer\n", "canvas reference (one dedicated worker, sequential)", sec(r.CanvasMS), sec(1000*r.CanvasCPUS), r.CanvasPeakMB)
		fmt.Fprintf(&b, "  %-52s %10s\n", "  of which "+r.CanvasStages, "")
	} else {
		fmt.Fprintf(&b, "  %-52s %10s\n", "canvas reference", "skipped")
	}
	if r.NativeMS > 0 {
		fmt.Fprintf(&b, "  %-52s %10s %9s   %.0f MiB RSS\n", fmt.Sprintf("native CLI, picmark process (GOMAXPROCS=%d)", r.Cores), sec(r.NativeMS), sec(1000*r.NativeCPUS), r.NativePeakMB)
	} else {
		fmt.Fprintf(&b, "  %-52s %10s\n", "native CLI", "skipped")
	}
	fmt.Fprintf(&b, "\n  %-34s %14s  %-30s %s\n", "measure", "value", "target", "")
	verdict := func(ok, measured bool) string {
		switch {
		case !measured:
			return "n/a"
		case ok:
			return "PASS"
		}
		return "MISS"
	}
	row := func(name, value, target, v string) {
		fmt.Fprintf(&b, "  %-34s %14s  %-30s %s\n", name, value, target, v)
	}
	ratio := func(p *float64) (string, float64) {
		if p == nil {
			return "—", 0
		}
		return fmt.Sprintf("%.2f", *p), *p
	}
	v, x := ratio(r.PicmarkOverCanvas)
	row("picmark ÷ canvas reference", v, fmt.Sprintf("≤ %.1f", benchTargetOverCanvas), verdict(x <= benchTargetOverCanvas, r.PicmarkOverCanvas != nil))
	v, x = ratio(r.PicmarkOverNative)
	row("picmark ÷ native CLI", v, fmt.Sprintf("≤ %.1f", benchTargetOverNative), verdict(x <= benchTargetOverNative, r.PicmarkOverNative != nil))
	row("longest main-thread task", fmt.Sprintf("%.0f ms", r.LongestTaskMS), fmt.Sprintf("≤ %d ms", benchTargetLongTaskMS),
		verdict(r.LongestTaskMS <= benchTargetLongTaskMS, true))
	memTarget := "≤ 1.5 GB for 200 × 24 MP"
	memVerdict := verdict(r.PeakMemoryMB <= benchTargetPeakMB, true)
	if r.Mode != "large" {
		memTarget += " (info)"
		memVerdict = "info: the target is for PICMARK_BENCH_LARGE=1"
	}
	row("peak memory, renderer + workers", fmt.Sprintf("%.0f MiB", r.PeakMemoryMB), memTarget, memVerdict)
	row("  growth per photo", fmt.Sprintf("%.2f MiB", r.MemoryPerPhotoMB), "flat", "info")
	row("first visit, bytes transferred", fmt.Sprintf("%d", r.FirstVisitBytes), fmt.Sprintf("≤ %d bytes", firstVisitBudget),
		verdict(r.FirstVisitBytes <= firstVisitBudget, r.FirstVisitBytes > 0))
	row("  of which the page target (CDP)", fmt.Sprintf("%d", r.FirstVisitCDPBytes), "", "info")
	row("offline reload to interactive", fmt.Sprintf("%.0f ms", r.OfflineTTIMS), fmt.Sprintf("≤ %d ms", benchTargetOfflineMS),
		verdict(r.OfflineTTIMS <= benchTargetOfflineMS, r.OfflineTTIMS > 0))
	row("  online first visit to interactive", fmt.Sprintf("%.0f ms", r.OnlineTTIMS), "", "info")
	row("slowest page answer during batch", fmt.Sprintf("%.0f ms", r.SlowestEvalMS), "", "info")
	if r.PSNRCanvas > 0 {
		row("same crops as canvas: min PSNR", fmt.Sprintf("%.1f dB", r.PSNRCanvas), "checked ≥ 22 dB", "info")
	}
	if r.PSNRNative > 0 {
		row("same pixels as native: min PSNR", fmt.Sprintf("%.1f dB", r.PSNRNative), "checked ≥ 30 dB", "info")
	}
	b.WriteString("\n(the benchmark reports; it fails only on errors and wrong outputs, never on a MISS)\n")
	// Printed, not logged: the table is the point of `make bench`.
	fmt.Print(b.String())
}

func benchMap[T any](v []T, f func(T) float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = f(x)
	}
	return out
}

func benchMedian(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	return s[len(s)/2]
}

func benchMedianRun(runs []benchPicmarkRun) benchPicmarkRun {
	s := slices.Clone(runs)
	sort.Slice(s, func(i, j int) bool { return s[i].ms < s[j].ms })
	return s[len(s)/2]
}

// ---------------------------------------------------------------------------
// The batch: photo-like pictures made at run time, never committed.

type benchItem struct {
	Rel     string `json:"rel"`  // slash path from the batch root, "bench/…"
	W       int    `json:"w"`    // upright size
	H       int    `json:"h"`    //
	Kind    string `json:"kind"` // "12 MP JPEG", "24 MP JPEG", "PNG with alpha"
	Orient6 bool   `json:"orient6,omitempty"`
	CopyOf  int    `json:"copy_of"` // > 0: the same pixels as item CopyOf-1, different bytes
	Bytes   int64  `json:"bytes"`
}

type benchBatch struct {
	Version int         `json:"version"`
	Mode    string      `json:"mode"`
	Source  string      `json:"source"`
	Items   []benchItem `json:"items"`
	LogoW   int         `json:"logo_w"`
	LogoH   int         `json:"logo_h"`
	root    string
}

func (b *benchBatch) folder() string   { return filepath.Join(b.root, "bench") }
func (b *benchBatch) logoPath() string { return filepath.Join(b.root, "logo.png") }

func (b *benchBatch) describe() string {
	kinds := map[string]int{}
	var order []string
	var total int64
	rotated, copies := 0, 0
	for _, it := range b.Items {
		if kinds[it.Kind] == 0 {
			order = append(order, it.Kind)
		}
		kinds[it.Kind]++
		total += it.Bytes
		if it.Orient6 {
			rotated++
		}
		if it.CopyOf > 0 {
			copies++
		}
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%d × %s", kinds[k], k))
	}
	s := fmt.Sprintf("%d files in nested folders (%s", len(b.Items), strings.Join(parts, ", "))
	if rotated > 0 {
		s += fmt.Sprintf("; %d stored rotated with EXIF orientation 6", rotated)
	}
	if copies > 0 {
		s += fmt.Sprintf("; %d are re-labelled copies of the others, same pixels, different bytes", copies)
	}
	return s + fmt.Sprintf("), %.0f MB", float64(total)/1e6)
}

// benchLayout is the batch: nested folders of camera-sized photos, a few
// 24 MP heroes, some rotated by EXIF, and product PNGs with transparency.
func benchLayout(large bool, count int) []benchItem {
	var items []benchItem
	add := func(rel string, w, h int, kind string) *benchItem {
		items = append(items, benchItem{Rel: rel, W: w, H: h, Kind: kind})
		return &items[len(items)-1]
	}
	if large {
		const distinct = 20
		for i := range count {
			it := add(fmt.Sprintf("bench/launch/part-%d/IMG_%04d.jpg", i/50+1, i+1), 6000, 4000, "24 MP JPEG")
			if i >= distinct {
				it.CopyOf = i%distinct + 1
			}
		}
		return items
	}
	for i := 1; i <= 8; i++ {
		w, h := 4000, 3000
		if i%4 == 0 {
			w, h = 3000, 4000
		}
		add(fmt.Sprintf("bench/2026-06-lisbon/day1/IMG_%04d.jpg", 100+i), w, h, "12 MP JPEG")
	}
	for i := 1; i <= 8; i++ {
		it := add(fmt.Sprintf("bench/2026-06-lisbon/day2/IMG_%04d.jpg", 200+i), 4000, 3000, "12 MP JPEG")
		if i == 3 || i == 6 {
			it.W, it.H, it.Orient6 = 3000, 4000, true
		}
	}
	for i := 1; i <= 8; i++ {
		w, h := 4000, 3000
		if i%3 == 0 {
			w, h = 3000, 4000
		}
		add(fmt.Sprintf("bench/team-offsite/DSC%05d.jpg", 3000+i), w, h, "12 MP JPEG")
	}
	for i := 1; i <= 3; i++ {
		add(fmt.Sprintf("bench/studio/hero/hero-%d.jpg", i), 6000, 4000, "24 MP JPEG")
	}
	for i := 1; i <= 3; i++ {
		add(fmt.Sprintf("bench/studio/products/product-%d.png", i), 2000, 2000, "PNG with alpha")
	}
	return items
}

// benchMakeBatch generates the batch (or reuses PICMARK_BENCH_CACHE's).
func benchMakeBatch(t *testing.T, large bool) *benchBatch {
	t.Helper()
	mode := "standard"
	if large {
		mode = "large"
	}
	count := 200
	if v := benchEnv("PICMARK_BENCH_LARGE_COUNT"); v != "" && large {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 2000 {
			t.Fatalf("PICMARK_BENCH_LARGE_COUNT=%q: want a number of photos from 1 to 2000", v)
		}
		if n != 200 {
			count, mode = n, fmt.Sprintf("large-%d", n)
		}
	}
	dir := benchEnv("PICMARK_BENCH_CACHE")
	if dir == "" {
		dir = t.TempDir()
	} else {
		dir = filepath.Join(dir, mode)
		if b, ok := benchCached(dir, mode); ok {
			t.Logf("reusing the batch generated earlier in %s (delete it to make a new one)", dir)
			return b
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src := benchFindWallpapers(t)
	b := &benchBatch{Version: benchGenVersion, Mode: mode, Items: benchLayout(large, count), root: dir, Source: src.describe()}

	// Logo: a brand mark with transparency, as marketers have them.
	logo := benchLogo(900, 300)
	b.LogoW, b.LogoH = 900, 300
	if err := os.WriteFile(b.logoPath(), e2ePNG(t, logo), 0o644); err != nil {
		t.Fatal(err)
	}

	// Distinct pictures first, in parallel; then the re-labelled copies.
	var wg sync.WaitGroup
	errs := make([]error, len(b.Items))
	sem := make(chan struct{}, runtime.NumCPU())
	for i := range b.Items {
		if b.Items[i].CopyOf > 0 {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = benchWriteItem(dir, &b.Items[i], i, src)
		}()
	}
	wg.Wait()
	for i := range b.Items {
		it := &b.Items[i]
		if errs[i] != nil {
			t.Fatalf("generating %s: %v", it.Rel, errs[i])
		}
		if it.CopyOf == 0 {
			continue
		}
		orig, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(b.Items[it.CopyOf-1].Rel)))
		if err != nil {
			t.Fatal(err)
		}
		data := benchWithComment(orig, fmt.Sprintf("picmark bench: copy %d of %s", i, b.Items[it.CopyOf-1].Rel))
		if err := benchWrite(dir, it, data); err != nil {
			t.Fatal(err)
		}
	}
	if large || benchEnv("PICMARK_BENCH_CACHE") != "" {
		manifest, _ := json.MarshalIndent(b, "", " ")
		if err := os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func benchCached(dir, mode string) (*benchBatch, bool) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, false
	}
	var b benchBatch
	if json.Unmarshal(data, &b) != nil || b.Version != benchGenVersion || b.Mode != mode || len(b.Items) == 0 {
		return nil, false
	}
	b.root = dir
	if _, err := os.Stat(b.logoPath()); err != nil {
		return nil, false
	}
	for _, it := range b.Items {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(it.Rel)))
		if err != nil || fi.Size() != it.Bytes {
			return nil, false
		}
	}
	return &b, true
}

func benchWrite(dir string, it *benchItem, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(it.Rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	it.Bytes = int64(len(data))
	return os.WriteFile(p, data, 0o644)
}

func benchWriteItem(dir string, it *benchItem, i int, src *benchSources) error {
	rng := rand.New(rand.NewSource(int64(1000 + i)))
	var buf bytes.Buffer
	if it.Kind == "PNG with alpha" {
		m := src.picture(i, it.W, it.H, rng)
		cut := benchCutout(m)
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, cut); err != nil {
			return err
		}
		return benchWrite(dir, it, buf.Bytes())
	}
	m := src.picture(i, it.W, it.H, rng)
	benchFinish(m, rng)
	if it.Orient6 {
		m = benchStoreOrient6(m)
	}
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 92}); err != nil {
		return err
	}
	data := buf.Bytes()
	if it.Orient6 {
		data = e2eWithOrientation6(data)
	}
	return benchWrite(dir, it, data)
}

// benchSources cuts pictures from wallpapers, or paints them when there are
// none.
type benchSources struct {
	dir   string
	paths []string
	once  []sync.Once
	imgs  []image.Image
}

func (s *benchSources) describe() string {
	if len(s.paths) == 0 {
		return "procedural photo-like scenes (no wallpapers found in " + s.dir + ": make bench installs mate-backgrounds), with camera-like grain"
	}
	return fmt.Sprintf("cut and scaled from %d wallpaper photos in %s (random crop, flip, exposure and white balance; camera-like grain added), JPEG quality 92",
		len(s.paths), s.dir)
}

func benchFindWallpapers(t *testing.T) *benchSources {
	t.Helper()
	s := &benchSources{dir: "/usr/share/backgrounds"}
	if d := benchEnv("PICMARK_BENCH_WALLPAPERS"); d != "" {
		s.dir = d
	}
	_ = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".jpg" && ext != ".jpeg" {
			return nil // PNG and SVG wallpapers are drawings, not photos
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		cfg, err := jpeg.DecodeConfig(f)
		if err == nil && cfg.Width*cfg.Height >= 1_200_000 {
			s.paths = append(s.paths, p)
		}
		return nil
	})
	// Wallpaper packages mix photos with drawings and logos: when some
	// sit in a folder named for photos, take only those.
	var photos []string
	for _, p := range s.paths {
		d := strings.ToLower(filepath.Dir(p))
		if strings.Contains(d, "nature") || strings.Contains(d, "photo") || strings.Contains(d, "landscape") {
			photos = append(photos, p)
		}
	}
	if len(photos) > 0 {
		s.paths = photos
	}
	sort.Strings(s.paths)
	s.once = make([]sync.Once, len(s.paths))
	s.imgs = make([]image.Image, len(s.paths))
	return s
}

// picture is a w×h picture for item i: a random crop of a wallpaper of the
// right aspect, scaled with Catmull-Rom, or a painted scene.
func (s *benchSources) picture(i, w, h int, rng *rand.Rand) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if len(s.paths) == 0 {
		benchPaintScaled(dst, rng)
		return dst
	}
	k := i % len(s.paths)
	s.once[k].Do(func() {
		f, err := os.Open(s.paths[k])
		if err != nil {
			return
		}
		defer f.Close()
		s.imgs[k], _ = jpeg.Decode(f)
	})
	src := s.imgs[k]
	if src == nil {
		benchPaintScaled(dst, rng)
		return dst
	}
	sb := src.Bounds()
	cw, ch := sb.Dx(), sb.Dx()*h/w
	if ch > sb.Dy() {
		cw, ch = sb.Dy()*w/h, sb.Dy()
	}
	f := 0.7 + 0.3*rng.Float64()
	cw, ch = int(float64(cw)*f), int(float64(ch)*f)
	x := sb.Min.X + rng.Intn(sb.Dx()-cw+1)
	y := sb.Min.Y + rng.Intn(sb.Dy()-ch+1)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, image.Rect(x, y, x+cw, y+ch), draw.Src, nil)
	return dst
}

// benchFinish makes each picture its own: a flip, exposure and white
// balance, and the grain a camera sensor leaves, which is what makes a
// photo compress like a photo rather than like a smooth wallpaper.
func benchFinish(m *image.RGBA, rng *rand.Rand) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	if rng.Intn(2) == 0 {
		for y := range h {
			row := m.Pix[y*m.Stride : y*m.Stride+4*w]
			for a, b := 0, 4*(w-1); a < b; a, b = a+4, b-4 {
				for c := range 4 {
					row[a+c], row[b+c] = row[b+c], row[a+c]
				}
			}
		}
	}
	gain := 0.9 + 0.2*rng.Float64()
	var mul [3]int32
	for c := range 3 {
		mul[c] = int32(1024 * gain * (0.95 + 0.1*rng.Float64()))
	}
	s := uint32(rng.Int63()) | 1
	for y := range h {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := 0; x < 4*w; x += 4 {
			s ^= s << 13
			s ^= s >> 17
			s ^= s << 5
			u1, u2, u3 := int32(s&0xff), int32(s>>8&0xff), int32(s>>16&0xff)
			luma := ((u1 + u2 - 255) * 26) >> 10 // triangular, σ ≈ 2.6
			for c := range 3 {
				chroma := (int32(s>>(24+2*c)&3) - 1) // -1..2: a little colour noise
				if c == 1 {
					chroma = (u3 >> 6) - 1
				}
				v := (int32(row[x+c])*mul[c])>>10 + luma + chroma
				row[x+c] = uint8(min(255, max(0, v)))
			}
		}
	}
}

// benchPaintScaled paints a scene at half size and scales it up, as the
// wallpapers are: a quarter of the painting time; the grain benchFinish
// adds gives the full-size detail.
func benchPaintScaled(dst *image.RGBA, rng *rand.Rand) {
	half := image.NewRGBA(image.Rect(0, 0, dst.Rect.Dx()/2, dst.Rect.Dy()/2))
	benchPaint(half, rng)
	draw.CatmullRom.Scale(dst, dst.Rect, half, half.Rect, draw.Src, nil)
}

// benchPaint paints a photo-like scene: a sky gradient with a sun and
// clouds, layered hills, textured ground, shaded shapes. Value noise at
// several scales gives it the detail of a photo at every size.
func benchPaint(m *image.RGBA, rng *rand.Rand) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	seed := uint32(rng.Int63())
	hash := func(x, y int32, o uint32) float64 {
		v := uint32(x)*0x27d4eb2d ^ uint32(y)*0x165667b1 ^ (seed + o*0x9e3779b9)
		v ^= v >> 15
		v *= 0x85ebca6b
		v ^= v >> 13
		return float64(v&0xffff) / 65535
	}
	noise := func(fx, fy float64, o uint32) float64 {
		x0, y0 := math.Floor(fx), math.Floor(fy)
		tx, ty := fx-x0, fy-y0
		tx, ty = tx*tx*(3-2*tx), ty*ty*(3-2*ty)
		ix, iy := int32(x0), int32(y0)
		a := hash(ix, iy, o) + (hash(ix+1, iy, o)-hash(ix, iy, o))*tx
		b := hash(ix, iy+1, o) + (hash(ix+1, iy+1, o)-hash(ix, iy+1, o))*tx
		return a + (b-a)*ty
	}
	fbm := func(fx, fy float64, oct int, o uint32) float64 {
		v, amp, sum := 0.0, 1.0, 0.0
		for k := range oct {
			v += amp * noise(fx, fy, o+uint32(k))
			sum += amp
			fx, fy, amp = fx*2.03, fy*2.03, amp*0.5
		}
		return v / sum
	}
	hue := rng.Float64()
	skyTop := [3]float64{40 + 60*hue, 90 + 40*hue, 200 - 30*hue}
	skyLow := [3]float64{230 - 40*hue, 200 - 20*hue, 170 + 40*hue}
	ground := [3]float64{60 + 100*rng.Float64(), 80 + 60*rng.Float64(), 30 + 50*rng.Float64()}
	far := [3]float64{90, 110 + 40*hue, 140}
	horizon := float64(h) * (0.4 + 0.2*rng.Float64())
	sunX, sunY := float64(w)*(0.2+0.6*rng.Float64()), horizon*(0.3+0.4*rng.Float64())
	scale := float64(max(w, h))
	type blob struct{ x, y, rx, ry float64 }
	var blobs []blob
	for range 6 + rng.Intn(6) {
		blobs = append(blobs, blob{float64(w) * rng.Float64(), horizon + (float64(h)-horizon)*rng.Float64(),
			scale * (0.02 + 0.06*rng.Float64()), scale * (0.03 + 0.1*rng.Float64())})
	}
	for y := range h {
		fy := float64(y)
		for x := range w {
			fx := float64(x)
			var c [3]float64
			hill := horizon - scale*0.12*fbm(fx/scale*3, 0.5, 3, 7)
			switch {
			case fy < hill-scale*0.05*fbm(fx/scale*6, 1.5, 2, 9): // sky, clouds, sun
				k := fy / hill
				cloud := math.Max(0, fbm(fx/scale*4, fy/scale*8, 5, 1)-0.55) * 2.2
				for i := range 3 {
					c[i] = skyTop[i] + (skyLow[i]-skyTop[i])*k
					c[i] += (245 - c[i]) * cloud
				}
				d := math.Hypot(fx-sunX, fy-sunY) / scale
				glow := math.Exp(-d * 18)
				c[0], c[1], c[2] = c[0]+(255-c[0])*glow, c[1]+(240-c[1])*glow, c[2]+(200-c[2])*glow
			case fy < hill: // far hills, hazy
				t := fbm(fx/scale*20, fy/scale*20, 4, 3)
				for i := range 3 {
					c[i] = far[i] * (0.8 + 0.4*t)
				}
			default: // ground: light falls off towards the bottom, textured at every scale
				t := fbm(fx/scale*40, fy/scale*40, 6, 5)
				k := 1.1 - 0.5*(fy-hill)/(float64(h)-hill)
				for i := range 3 {
					c[i] = ground[i] * k * (0.6 + 0.8*t)
				}
			}
			for _, b := range blobs {
				dx, dy := (fx-b.x)/b.rx, (fy-b.y)/b.ry
				if d := dx*dx + dy*dy; d < 1 {
					shade := 0.5 + 0.5*(-dy) - 0.3*d
					t := fbm(fx/scale*60, fy/scale*60, 3, 11)
					c = [3]float64{(70 + 60*shade) * (0.8 + 0.4*t), (50 + 40*shade) * (0.8 + 0.4*t), (40 + 30*shade) * (0.8 + 0.4*t)}
				}
			}
			o := y*m.Stride + 4*x
			for i := range 3 {
				m.Pix[o+i] = uint8(min(255, max(0, c[i])))
			}
			m.Pix[o+3] = 255
		}
	}
}

// benchCutout turns a picture into a product shot with transparency: a
// rounded shape with a soft edge, a half-transparent shadow, nothing around.
func benchCutout(m *image.RGBA) *image.NRGBA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	out := image.NewNRGBA(m.Rect)
	cx, cy := float64(w)/2, float64(h)*0.46
	rx, ry := float64(w)*0.36, float64(h)*0.38
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)-cx)/rx, (float64(y)-cy)/ry
			// A superellipse: a rounded box, like a bottle or a bag.
			d := math.Pow(math.Pow(math.Abs(dx), 4)+math.Pow(math.Abs(dy), 4), 0.25)
			edge := (1 - d) * math.Min(rx, ry) / 3 // ≈ pixels inside the edge
			o := y*m.Stride + 4*x
			po := y*out.Stride + 4*x
			switch {
			case edge > 0:
				a := math.Min(1, edge)
				copy(out.Pix[po:po+3], m.Pix[o:o+3])
				out.Pix[po+3] = uint8(255 * a)
			default:
				sx, sy := (float64(x)-cx)/(rx*1.1), (float64(y)-float64(h)*0.9)/(float64(h)*0.04)
				if s := sx*sx + sy*sy; s < 1 {
					out.Pix[po+3] = uint8(90 * (1 - s)) // the shadow: black, half transparent
				}
			}
		}
	}
	return out
}

// benchStoreOrient6 stores an upright picture the way a camera held upright
// does: rotated, for EXIF orientation 6 (stored S(sx, sy) = U(uw-1-sy, sx)).
func benchStoreOrient6(u *image.RGBA) *image.RGBA {
	uw, uh := u.Rect.Dx(), u.Rect.Dy()
	s := image.NewRGBA(image.Rect(0, 0, uh, uw))
	for sy := range uw {
		for sx := range uh {
			so, uo := sy*s.Stride+4*sx, sx*u.Stride+4*(uw-1-sy)
			copy(s.Pix[so:so+4], u.Pix[uo:uo+4])
		}
	}
	return s
}

// benchWithComment inserts a JPEG COM segment after SOI: the same pixels,
// different bytes (no cache anywhere can tell the copies are copies).
func benchWithComment(j []byte, text string) []byte {
	seg := []byte{0xFF, 0xFE, byte((len(text) + 2) >> 8), byte(len(text) + 2)}
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	out = append(out, text...)
	return append(out, j[2:]...)
}

// benchLogo is a brand mark: a navy pill with white "lettering", soft
// edges, transparent around it.
func benchLogo(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := float64(h) / 2
	for y := range h {
		for x := range w {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			cx := math.Min(math.Max(fx, r), float64(w)-r)
			d := r - math.Hypot(fx-cx, fy-r) // inside distance
			if d <= 0 {
				continue
			}
			a := math.Min(1, d)
			c := color.NRGBA{20, 40, 110, uint8(235 * a)}
			// Lettering: five white bars of different heights.
			bar := (x - w/6) / (w / 9)
			if bx := (x - w/6) % (w / 9); x >= w/6 && bar < 6 && bx < w/15 && y > h/4+bar%3*h/12 && y < h*3/4 {
				c = color.NRGBA{255, 255, 255, uint8(255 * a)}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// ---------------------------------------------------------------------------
// The expected outputs: picmark's own frames, computed with its engine.

type benchOut struct {
	Name   string  `json:"name"`
	Preset string  `json:"preset"`
	Crop   [4]int  `json:"crop"` // in the upright photo
	W      int     `json:"w"`
	H      int     `json:"h"`
	Logo   *[4]int `json:"logo"` // on the output; nil: the logo does not fit
	cap    int64
}

type benchPlanFile struct {
	Path    string     `json:"path"`
	W       int        `json:"w"` // upright
	H       int        `json:"h"`
	Outputs []benchOut `json:"outputs"`
}

func (b *benchBatch) plan(t *testing.T, presets []preset.Preset, scale float64) []benchPlanFile {
	t.Helper()
	var paths []string
	for _, it := range b.Items {
		paths = append(paths, it.Rel)
	}
	stems := batch.Stems(paths)
	var plan []benchPlanFile
	for i, it := range b.Items {
		f := benchPlanFile{Path: it.Rel, W: it.W, H: it.H}
		for _, p := range presets {
			crop, w, h := benchFrame(p, it.W, it.H)
			o := benchOut{Name: batch.OutputName(p.ID, stems[i]), Preset: p.ID, W: w, H: h, cap: p.MaxBytes,
				Crop: [4]int{crop.Min.X, crop.Min.Y, crop.Max.X, crop.Max.Y}}
			if r := benchLogoRect(w, h, p.Safe, b.LogoW, b.LogoH, scale); !r.Empty() {
				o.Logo = &[4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y}
			}
			f.Outputs = append(f.Outputs, o)
		}
		plan = append(plan, f)
	}
	return plan
}

// benchFrame is picmark's default framing, written out here (the engine's
// API is still moving): fixed-size presets crop the centre to their aspect;
// width-only presets take min(width, photo width), never upscale, and crop
// the centre to MaxHeight when taller.
func benchFrame(p preset.Preset, w, h int) (crop image.Rectangle, ow, oh int) {
	photo := image.Rect(0, 0, w, h)
	if p.WidthOnly() {
		ow = min(p.Width, w)
		oh = max(1, (h*ow+w/2)/w)
		if p.MaxHeight > 0 && oh > p.MaxHeight {
			oh = p.MaxHeight
			return geom.CenterCrop(photo, ow, oh), ow, oh
		}
		return photo, ow, oh
	}
	return geom.CenterCrop(photo, p.Width, p.Height), p.Width, p.Height
}

// benchLogoRect is where the logo lands on a w×h output by the brand rule:
// bottom-right of the safe area, margin 3% of the width (at least 4 px),
// scale × the width wide, aspect kept, shrunk to fit.
func benchLogoRect(w, h int, safe preset.Insets, lw, lh int, scale float64) image.Rectangle {
	area := geom.Inset(image.Rect(0, 0, w, h), safe.Top, safe.Right, safe.Bottom, safe.Left)
	margin := max(4, int(math.Round(0.03*float64(w))))
	availW, availH := area.Dx()-2*margin, area.Dy()-2*margin
	if availW < 1 || availH < 1 || lw < 1 || lh < 1 {
		return image.Rectangle{}
	}
	fw := float64(w) * scale
	fh := fw * float64(lh) / float64(lw)
	if f := min(float64(availW)/fw, float64(availH)/fh); f < 1 {
		fw, fh = fw*f, fh*f
	}
	iw, ih := min(int(math.Round(fw)), availW), min(int(math.Round(fh)), availH)
	if iw < 1 || ih < 1 {
		return image.Rectangle{}
	}
	return image.Rect(area.Max.X-margin-iw, area.Max.Y-margin-ih, area.Max.X-margin, area.Max.Y-margin)
}

// keep names the outputs compared across contenders: every preset of the
// first photo of each kind, and of a rotated one.
func (b *benchBatch) keep(plan []benchPlanFile) []string {
	seen := map[string]bool{}
	var names []string
	for i, it := range b.Items {
		k := it.Kind
		if it.Orient6 {
			k = "rotated"
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		for _, o := range plan[i].Outputs {
			names = append(names, o.Name)
		}
	}
	return names
}

// benchCheckZip checks a ZIP holds exactly the planned outputs, each a JPEG
// of the planned size under its cap, and a report with every row done.
func benchCheckZip(t *testing.T, who, path string, plan []benchPlanFile) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: the ZIP does not open: %v", who, err)
	}
	defer zr.Close()
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f
	}
	rf, ok := entries["report.csv"]
	if !ok {
		t.Fatalf("%s: the ZIP has no report.csv; entries: %q", who, e2eNames(entries))
	}
	rows := map[[2]string]e2eRow{}
	for _, r := range e2eReadReport(t, e2eRead(t, rf)) {
		rows[[2]string{r.input, r.preset}] = r
	}
	want := map[string]bool{"report.csv": true}
	bad := 0
	for _, f := range plan {
		for _, o := range f.Outputs {
			want[o.Name] = true
			r, ok := rows[[2]string{f.Path, o.Preset}]
			if !ok || r.status != "done" || r.output != o.Name || r.width != o.W || r.height != o.H {
				t.Errorf("%s: report.csv %s × %s = %+v, want done %s %d×%d", who, f.Path, o.Preset, r, o.Name, o.W, o.H)
				bad++
				continue
			}
			e, ok := entries[o.Name]
			if !ok {
				t.Errorf("%s: no %s in the ZIP", who, o.Name)
				bad++
				continue
			}
			data := e2eRead(t, e)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			switch {
			case err != nil || format != "jpeg":
				t.Errorf("%s: %s is not a JPEG (%q, %v)", who, o.Name, format, err)
				bad++
			case cfg.Width != o.W || cfg.Height != o.H:
				t.Errorf("%s: %s is %d×%d, want %d×%d", who, o.Name, cfg.Width, cfg.Height, o.W, o.H)
				bad++
			case int64(len(data)) > o.cap || int64(len(data)) != r.bytes:
				t.Errorf("%s: %s is %d bytes (report says %d, cap %d)", who, o.Name, len(data), r.bytes, o.cap)
				bad++
			}
			if bad > 20 {
				t.Fatalf("%s: too many wrong outputs", who)
			}
		}
	}
	for name := range entries {
		if !want[name] {
			t.Errorf("%s: unexpected ZIP entry %s", who, name)
		}
	}
}

// benchZipKept reads the named outputs of a ZIP, as base64 like the canvas
// reference hands its own.
func benchZipKept(t *testing.T, path string, names []string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		if slices.Contains(names, f.Name) {
			out[f.Name] = base64.StdEncoding.EncodeToString(e2eRead(t, f))
		}
	}
	return out
}

// benchComparePSNR compares picmark's outputs with another contender's of
// the same name: a low PSNR means another crop, orientation or colour, not
// another resampling filter.
func benchComparePSNR(t *testing.T, who, picmarkZip string, other map[string]string, floor float64) float64 {
	t.Helper()
	var names []string
	for n := range other {
		names = append(names, n)
	}
	sort.Strings(names)
	mine := benchZipKept(t, picmarkZip, names)
	worst := math.Inf(1)
	var lines []string
	for _, n := range names {
		a, errA := benchDecodeB64(mine[n])
		b, errB := benchDecodeB64(other[n])
		if errA != nil || errB != nil {
			t.Errorf("comparing %s with %s: %v %v", n, who, errA, errB)
			continue
		}
		if a.Bounds().Size() != b.Bounds().Size() {
			t.Errorf("%s: picmark made %v, %s made %v", n, a.Bounds().Size(), who, b.Bounds().Size())
			continue
		}
		p := benchPSNR(a, b)
		worst = min(worst, p)
		lines = append(lines, fmt.Sprintf("%s %.1f dB", n, p))
		if p < floor {
			t.Errorf("%s: picmark's output and %s's differ too much (PSNR %.1f dB < %.0f dB): not the same crop, orientation or colours", n, who, p, floor)
		}
	}
	t.Logf("picmark vs %s, PSNR: %s", who, strings.Join(lines, "; "))
	if math.IsInf(worst, 1) {
		return 0
	}
	return worst
}

func benchDecodeB64(s string) (image.Image, error) {
	data, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	return jpeg.Decode(bytes.NewReader(data))
}

func benchPSNR(a, b image.Image) float64 {
	ab, bb := a.Bounds(), b.Bounds()
	var se float64
	n := 0
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			for _, d := range []float64{float64(r1>>8) - float64(r2>>8), float64(g1>>8) - float64(g2>>8), float64(b1>>8) - float64(b2>>8)} {
				se += d * d
			}
			n += 3
		}
	}
	if se == 0 {
		return 99
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

// ---------------------------------------------------------------------------
// Serving: bytes counted at the origin (originCounter: firstvisit_e2e_test.go),
// and the canvas reference's pages.

// benchWarmServer waits until the server has its final compressed copies:
// it makes brotli 6 at once and brotli 11 in the background after starting,
// as `picmark serve` does, and a first visit measured before that would
// count a cold server, not the app.
func benchWarmServer(t *testing.T, base string, s *site) {
	t.Helper()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		s.wait()
		close(done)
	}()
	select {
	case <-done:
		t.Logf("the server's final compressed copies were ready after %v more", time.Since(start).Round(time.Second))
	case <-time.After(5 * time.Minute):
		t.Logf("the server still compresses after 5 min: the first visit is measured with the copies ready so far")
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("warming the server: %v", err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	t.Logf("/web/app.wasm is sent as %s, %d bytes, ETag %s", cmp.Or(resp.Header.Get("Content-Encoding"), "identity"), n, resp.Header.Get("ETag"))
}

// benchRefHTML, benchRefJS and benchRefWorkerJS are the canvas reference: a
// folder picker, and one dedicated worker that takes the files one after
// another: createImageBitmap decode (EXIF orientation applied by the
// browser), for each preset an OffscreenCanvas filled white, drawImage of
// picmark's crop rectangle to picmark's output size (smoothing "high"), the
// logo at picmark's place and opacity, convertToBlob JPEG at 0.85; then one
// Blob of everything, as a ZIP would be. The plan (crops, sizes, logo
// places) comes from picmark's engine, so both make the same pictures.
const benchRefHTML = `<!doctype html>
<meta charset="utf-8">
<title>picmark bench: canvas reference</title>
<link rel="icon" href="data:,">
<input type="file" id="ref-files" webkitdirectory multiple>
<script src="/bench-ref/ref.js"></script>
`

const benchRefJS = `"use strict";
window.refFiles = new Map();
document.getElementById("ref-files").addEventListener("change", (e) => {
  for (const f of e.target.files) window.refFiles.set(f.webkitRelativePath || f.name, f);
});
function refB64(buf) {
  const bytes = new Uint8Array(buf);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
window.benchRef = async function (plan) {
  const worker = new Worker("/bench-ref/ref-worker.js");
  const reply = () => new Promise((ok, fail) => {
    worker.onmessage = (e) => (e.data.type === "error" ? fail(new Error(e.data.message)) : ok(e.data));
    worker.onerror = (e) => { e.preventDefault(); fail(new Error("worker: " + e.message)); };
  });
  const logo = await (await fetch("/bench-ref/logo.png", {cache: "no-store"})).blob();
  let r = reply();
  worker.postMessage({type: "logo", logo});
  await r;
  const files = plan.files.map((f) => {
    const file = window.refFiles.get(f.path);
    if (!file) throw new Error("the reference page has no file " + f.path);
    return {file, path: f.path, w: f.w, h: f.h, outputs: f.outputs};
  });
  r = reply();
  const t0 = performance.now();
  worker.postMessage({type: "run", files, opacity: plan.opacity, quality: plan.quality, keep: plan.keep});
  const res = await r;
  const ms = performance.now() - t0;
  worker.terminate();
  const kept = {};
  for (const [name, buf] of Object.entries(res.kept)) kept[name] = refB64(buf);
  return {ms, decode: res.decode, draw: res.draw, encode: res.encode, total: res.total, outs: res.outs, kept};
};
`

const benchRefWorkerJS = `"use strict";
let logo = null;
onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === "logo") {
      logo = await createImageBitmap(m.logo);
      postMessage({type: "ready"});
      return;
    }
    const outs = [], blobs = [], kept = {};
    let decode = 0, draw = 0, encode = 0;
    for (const f of m.files) {
      let t = performance.now();
      const bmp = await createImageBitmap(f.file, {imageOrientation: "from-image"});
      decode += performance.now() - t;
      if (bmp.width !== f.w || bmp.height !== f.h) throw new Error(f.path + ": decoded " + bmp.width + "x" + bmp.height + ", want " + f.w + "x" + f.h);
      for (const o of f.outputs) {
        t = performance.now();
        const c = new OffscreenCanvas(o.w, o.h);
        const g = c.getContext("2d", {alpha: false});
        g.imageSmoothingEnabled = true;
        g.imageSmoothingQuality = "high";
        g.fillStyle = "#fff";
        g.fillRect(0, 0, o.w, o.h);
        g.drawImage(bmp, o.crop[0], o.crop[1], o.crop[2] - o.crop[0], o.crop[3] - o.crop[1], 0, 0, o.w, o.h);
        if (o.logo) {
          g.globalAlpha = m.opacity;
          g.drawImage(logo, o.logo[0], o.logo[1], o.logo[2] - o.logo[0], o.logo[3] - o.logo[1]);
          g.globalAlpha = 1;
        }
        const t2 = performance.now();
        draw += t2 - t;
        const blob = await c.convertToBlob({type: "image/jpeg", quality: m.quality});
        encode += performance.now() - t2;
        blobs.push(blob);
        outs.push({name: o.name, w: o.w, h: o.h, bytes: blob.size});
        if (m.keep.includes(o.name)) kept[o.name] = await blob.arrayBuffer();
      }
      bmp.close();
    }
    const all = new Blob(blobs, {type: "application/zip"});
    postMessage({type: "done", outs, decode, draw, encode, total: all.size, kept}, Object.values(kept));
  } catch (err) {
    postMessage({type: "error", message: String((err && err.stack) || err)});
  }
};
`

func benchRefHandler(logo []byte) http.Handler {
	files := map[string]struct {
		typ  string
		data []byte
	}{
		"/bench-ref/":              {"text/html; charset=utf-8", []byte(benchRefHTML)},
		"/bench-ref/ref.js":        {"text/javascript; charset=utf-8", []byte(benchRefJS)},
		"/bench-ref/ref-worker.js": {"text/javascript; charset=utf-8", []byte(benchRefWorkerJS)},
		"/bench-ref/logo.png":      {"image/png", logo},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.typ)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(f.data)
	})
}

// ---------------------------------------------------------------------------
// The browser.

type benchSession struct {
	*e2eSession
	counter *originCounter
	pid     int // the browser process
	version string

	cdpMu    sync.Mutex
	cdpOn    bool
	cdpBytes float64
}

// benchEvent is a job posted to a batch worker, or its result received.
type benchEvent struct {
	W        int     `json:"w"`
	What     string  `json:"what"`
	At       float64 `json:"at"`
	RenderMs float64 `json:"renderMs"`
}

// benchTimeline says where the workers' wall time went between the click
// (t0) and the ZIP (t1): in jobs (rendering, and the rest of a job: the
// copies, the collection, the messages), waiting for a job, and before
// the first and after the last.
func benchTimeline(events []benchEvent, t0, t1 float64) string {
	byWorker := map[int][]benchEvent{}
	for _, e := range events {
		byWorker[e.W] = append(byWorker[e.W], e)
	}
	var render, inJobs, between, first, last float64
	jobs := 0
	for _, evs := range byWorker {
		posted, prevResult := -1.0, -1.0
		for _, e := range evs {
			switch e.What {
			case "job":
				if prevResult >= 0 {
					between += e.At - prevResult
				} else {
					first += e.At - t0
				}
				posted = e.At
			case "result":
				if posted >= 0 {
					inJobs += e.At - posted
					render += e.RenderMs
					jobs++
				}
				prevResult, posted = e.At, -1
			}
		}
		if prevResult >= 0 {
			last += t1 - prevResult
		}
	}
	return fmt.Sprintf("%d workers, %d jobs: in jobs %.2f s (rendering %.2f s, the rest %.2f s), between jobs %.2f s, before the first %.2f s, after the last %.2f s (all workers summed)",
		len(byWorker), jobs, inJobs/1000, render/1000, (inJobs-render)/1000, between/1000, first/1000, last/1000)
}

// benchMs is a worker stat in milliseconds, 0 when it is not a number.
func benchMs(st map[string]any, k string) float64 {
	v, _ := st[k].(float64)
	return v
}

// benchStages formats the workers' summed stats: "decodeMs 3.1 s, …".
func benchStages(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		if strings.HasSuffix(k, "Ms") {
			parts = append(parts, fmt.Sprintf("%s %.1f s", strings.TrimSuffix(k, "Ms"), m[k]/1000))
		} else {
			parts = append(parts, fmt.Sprintf("%s %.0f", k, m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

// benchInit runs in every document before the page's scripts (beside
// e2eInit's long-task observer): it times a batch from the click on #start
// to body[data-state=done], and time to interactive: #start enabled, the
// go-app loader gone and Go having bound its handlers to window.picmark.
const benchInit = `
window.__bench = {t0: 0, tz: 0, t1: 0, bound: 0, tti: 0, stages: {}, photos: [], timeline: []};
(function () {
  const B = window.__bench;
  // The workers' own timings per photo (their result's stats), summed by
  // stage and decoder: where a batch's time goes.
  const Native = window.Worker;
  if (Native) {
    let workers = 0;
    window.Worker = function (url, opts) {
      const w = new Native(url, opts);
      // When each job went to which worker and its result came back.
      const id = ++workers;
      const post = w.postMessage.bind(w);
      w.postMessage = (m, ...rest) => {
        if (m && m.type === "job") B.timeline.push({w: id, what: "job", at: performance.now()});
        return post(m, ...rest);
      };
      w.addEventListener("message", (e) => {
        const st = e.data && e.data.type === "result" && e.data.stats;
        if (!st) return;
        B.timeline.push({w: id, what: "result", at: performance.now(), renderMs: st.renderMs || 0});
        const k = "photos by " + st.decoder;
        B.stages[k] = (B.stages[k] || 0) + 1;
        for (const [name, v] of Object.entries(st)) if (name.endsWith("Ms")) B.stages[name] = (B.stages[name] || 0) + v;
        B.photos.push(st);
      });
      return w;
    };
    window.Worker.prototype = Native.prototype;
  }
  let mo = null;
  const check = () => {
    if (B.tti) return;
    const s = document.querySelector("#start");
    if (B.bound && s && !s.disabled && !document.getElementById("app-wasm-loader")) {
      B.tti = performance.now();
      if (mo) mo.disconnect();
    }
  };
  let glue;
  Object.defineProperty(window, "picmark", {
    configurable: true, enumerable: true,
    get() { return glue; },
    set(v) {
      glue = v;
      if (v && typeof v.bind === "function") {
        const bind = v.bind;
        v.bind = function (h) {
          const r = bind.apply(this, arguments);
          if (h && !B.bound) { B.bound = performance.now(); check(); }
          return r;
        };
      }
    },
  });
  mo = new MutationObserver(check);
  mo.observe(document, {subtree: true, childList: true, attributes: true});
  document.addEventListener("click", (e) => {
    if (e.target && e.target.closest && e.target.closest("#start")) { B.t0 = performance.now(); B.tz = B.t1 = 0; }
  }, true);
  (function watch() {
    if (!document.body) { document.addEventListener("DOMContentLoaded", watch); return; }
    new MutationObserver(() => {
      if (document.body.dataset.state === "done" && B.t0 && !B.t1) B.t1 = performance.now();
    }).observe(document.body, {attributes: true, attributeFilter: ["data-state"]});
    // The ZIP is ready when its download link is there (the report may
    // still be mounting, a chunk a frame, until data-state says done).
    new MutationObserver(() => {
      const a = document.getElementById("download");
      if (B.t0 && !B.tz && a && a.href.startsWith("blob:")) B.tz = performance.now();
    }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["href"]});
  })();
})();
`

func benchStartBrowser(t *testing.T, ctx context.Context, px *e2eProxy, counter *originCounter) *benchSession {
	t.Helper()
	s := e2eStartBrowser(t, ctx, px)
	bs := &benchSession{e2eSession: s, counter: counter}
	c := chromedp.FromContext(s.ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		t.Fatalf("no browser process to measure")
	}
	bs.pid = c.Browser.Process().Pid
	ctx2, cancel := context.WithTimeout(s.ctx, 20*time.Second)
	defer cancel()
	init := benchInit
	if n := benchEnv("PICMARK_BENCH_WORKERS"); n != "" {
		// The pool takes one worker per core: claim n cores.
		init = fmt.Sprintf("Object.defineProperty(navigator, 'hardwareConcurrency', {get: () => %s});\n", strconv.Quote(n)) + init
	}
	if _, err := chromedp.Call(ctx2, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: init}); err != nil {
		t.Fatalf("installing the benchmark probes: %v", err)
	}
	if v, err := chromedp.CallBrowser(ctx2, browser.GetVersion, cdp.Empty{}); err == nil {
		bs.version = v.Product
	}
	finished := chromedp.Events(s.ctx, network.LoadingFinished)
	go func() {
		for ev, err := range finished {
			if err != nil {
				return
			}
			bs.cdpMu.Lock()
			if bs.cdpOn {
				bs.cdpBytes += ev.EncodedDataLength
			}
			bs.cdpMu.Unlock()
		}
	}()
	return bs
}

// evalLong evaluates expr (promises awaited) with its own deadline.
func (bs *benchSession) evalLong(t *testing.T, what, expr string, d time.Duration, v any) {
	t.Helper()
	ctx, cancel := bs.step(d)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, bs.snapshot())
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: decoding the answer: %v (%s)", what, err, e2eShort(string(raw)))
	}
}

// firstVisit loads the app in the fresh profile and counts every byte the
// origin sends until the service worker controls the page and nothing has
// been asked for 2 s.
func (bs *benchSession) firstVisit(t *testing.T, u string) (origin, pageTarget int64, tti float64) {
	t.Helper()
	bs.setPhase("first-visit")
	before, idx := bs.counter.mark()
	bs.cdpMu.Lock()
	bs.cdpOn, bs.cdpBytes = true, 0
	bs.cdpMu.Unlock()
	bs.load(t, u)
	bs.waitJS(t, "the service worker controlling the page", `navigator.serviceWorker && navigator.serviceWorker.controller`, 60*time.Second)
	last, quiet := int64(-1), time.Now()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		n, _ := bs.counter.mark()
		if n != last {
			last, quiet = n, time.Now()
		} else if time.Since(quiet) > 2*time.Second {
			break
		}
	}
	bs.cdpMu.Lock()
	bs.cdpOn = false
	pageTarget = int64(bs.cdpBytes)
	bs.cdpMu.Unlock()
	origin = last - before
	var lines []string
	for _, s := range bs.counter.since(idx) {
		lines = append(lines, fmt.Sprintf("%s %d B (%s; asked %q)", s.path, s.bytes, cmp.Or(s.encoding, "identity"), s.acceptEncoding))
	}
	t.Logf("first visit: %d bytes from the origin in %d responses, %d bytes on the page target (CDP):\n  %s",
		origin, len(lines), pageTarget, strings.Join(lines, "\n  "))
	bs.evalInto(t, "first-visit TTI", `window.__bench.tti`, &tti)
	return origin, pageTarget, tti
}

// benchDrop drops the batch's folder on the page, like dropFolder, and
// waits for all n files to be listed as ready.
func (bs *benchSession) benchDrop(t *testing.T, dir string, n int) {
	t.Helper()
	ctx, cancel := bs.step(20 * time.Second)
	defer cancel()
	data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{dir}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{
		input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop,
	} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: 400, Y: 300, Data: data}); err != nil {
			t.Fatalf("Input.dispatchDragEvent %s of %s: %v", typ, dir, err)
		}
	}
	bs.waitJS(t, fmt.Sprintf("the dropped folder listed: %d ready files", n),
		fmt.Sprintf(`document.querySelectorAll("#file-list li[data-status=ready]").length >= %d`, n), 120*time.Second)
	var listed int
	bs.evalInto(t, "file list", `document.querySelectorAll("#file-list li").length`, &listed)
	if listed != n {
		t.Fatalf("#file-list has %d files, want the batch's %d", listed, n)
	}
}

// setPresets ticks exactly the given presets.
func (bs *benchSession) setPresets(t *testing.T, presets []preset.Preset) {
	t.Helper()
	var ids []string
	for _, p := range presets {
		ids = append(ids, p.ID)
	}
	want, _ := json.Marshal(ids)
	var got []string
	bs.evalInto(t, "ticking the presets", `(() => {
  const want = `+string(want)+`;
  for (const e of document.querySelectorAll("input[type=checkbox][name=preset]")) {
    if (e.checked !== want.includes(e.value)) e.click();
  }
  return new Promise((ok) => setTimeout(() => ok(Array.from(document.querySelectorAll("input[type=checkbox][name=preset]:checked")).map((e) => e.value)), 300));
})()`, &got)
	sort.Strings(got)
	sort.Strings(ids)
	if !slices.Equal(got, ids) {
		t.Fatalf("presets ticked: %q, want %q", got, ids)
	}
}

// ---------------------------------------------------------------------------
// Memory: wasm memory is an ArrayBuffer outside the JS heap (Performance.
// getMetrics' JSHeapUsedSize never sees it), and dedicated workers are
// threads of the page's renderer process. So the measure is the renderer
// processes' peak resident set: the larger of the kernel's VmHWM (reset
// before each batch by writing 5 to /proc/<pid>/clear_refs) and their
// summed RSS sampled every 50 ms. The renderers of Chromium's own UI are
// left out; a spare renderer or the service worker's counts (a little high,
// never low).

type benchProc struct {
	pid int
	typ string // "browser", "renderer", "gpu-process", "utility", "zygote", …
}

func (bs *benchSession) procs() []benchProc {
	children := map[int][]int{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		i := bytes.LastIndexByte(data, ')')
		if i < 0 || i+2 > len(data) {
			continue
		}
		f := strings.Fields(string(data[i+2:]))
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		children[ppid] = append(children[ppid], pid)
	}
	var out []benchProc
	queue := []int{bs.pid}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		typ := "browser"
		if pid != bs.pid {
			typ = "other"
			// Zygote children rewrite their title: one string with spaces.
			cmd, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			args := strings.Fields(strings.ReplaceAll(string(cmd), "\x00", " "))
			for _, a := range args {
				if v, ok := strings.CutPrefix(a, "--type="); ok {
					typ = v
				}
			}
			// Chromium's own UI and extensions have renderers too; they
			// are not the page's.
			if typ == "renderer" && (slices.Contains(args, "--top-chrome-webui") || slices.Contains(args, "--extension-process")) {
				typ = "renderer (browser UI)"
			}
		}
		out = append(out, benchProc{pid, typ})
		queue = append(queue, children[pid]...)
	}
	return out
}

func benchStatusKB(pid int, key string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// resetPeaks starts every Chromium process's peak RSS afresh.
func (bs *benchSession) resetPeaks(t *testing.T) {
	t.Helper()
	for _, p := range bs.procs() {
		if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.pid), []byte("5"), 0); err != nil {
			t.Logf("cannot reset the peak RSS of %s process %d (%v): its peak counts since it started", p.typ, p.pid, err)
		}
	}
}

// peaks is the summed peak RSS of the renderer processes and of all of
// Chromium, in MiB, and a per-process line for the log.
func (bs *benchSession) peaks() (renderer, all float64, detail string) {
	var parts []string
	for _, p := range bs.procs() {
		kb := benchStatusKB(p.pid, "VmHWM")
		all += float64(kb) / 1024
		if p.typ == "renderer" {
			renderer += float64(kb) / 1024
		}
		if kb > 50*1024 {
			parts = append(parts, fmt.Sprintf("%s %d: %.0f MiB", p.typ, p.pid, float64(kb)/1024))
		}
	}
	return renderer, all, strings.Join(parts, ", ")
}

// sampleRSS samples the renderers' summed RSS every 50 ms until stop is
// closed, and returns the highest. The kernel's VmHWM alone is not enough:
// memory V8 gives back when a worker ends does not always update it.
func (bs *benchSession) sampleRSS(stop <-chan struct{}) <-chan float64 {
	out := make(chan float64, 1)
	go func() {
		peak := 0.0
		var pids []int
		refresh := time.Time{}
		for {
			if time.Since(refresh) > time.Second {
				pids = pids[:0]
				for _, p := range bs.procs() {
					if p.typ == "renderer" {
						pids = append(pids, p.pid)
					}
				}
				refresh = time.Now()
			}
			var mb float64
			for _, pid := range pids {
				mb += float64(benchStatusKB(pid, "VmRSS")) / 1024
			}
			peak = max(peak, mb)
			select {
			case <-stop:
				out <- peak
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return out
}

// cpuSeconds is the CPU time (user and system) Chromium's processes have
// used so far: a contender's share of the machine, whatever its wall
// time (the browser decodes and encodes on threads of its own).
func (bs *benchSession) cpuSeconds() float64 {
	ticks := 0
	for _, p := range bs.procs() {
		if _, n, ok := benchStat(fmt.Sprintf("/proc/%d/stat", p.pid)); ok {
			ticks += n
		}
	}
	return float64(ticks) / 100 // USER_HZ is 100 on Linux
}

// benchStat reads utime+stime (in ticks) and the name from a stat file of
// /proc (a process's or a thread's).
func benchStat(path string) (name string, ticks int, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", 0, false
	}
	i, j := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if i < 0 || j < i || j+2 > len(data) {
		return "", 0, false
	}
	f := strings.Fields(string(data[j+2:]))
	if len(f) < 13 {
		return "", 0, false
	}
	u, _ := strconv.Atoi(f[11]) // utime and stime, fields 14 and 15 of stat
	s, _ := strconv.Atoi(f[12])
	return string(data[i+1 : j]), u + s, true
}

// threadCPU samples the CPU time of every thread of Chromium's processes
// every 500 ms (more often would take a share of the cores from what is
// measured) until stop is closed, and returns what each kind of thread
// (the process's type and the thread's name) used meanwhile, in seconds:
// which threads a contender's CPU time went to. A thread that ends loses
// up to 500 ms of it.
func (bs *benchSession) threadCPU(stop <-chan struct{}) <-chan map[string]float64 {
	out := make(chan map[string]float64, 1)
	go func() {
		type seen struct {
			kind        string
			first, last int
		}
		threads := map[string]*seen{}
		sample := func(initial bool) {
			for _, p := range bs.procs() {
				dir := fmt.Sprintf("/proc/%d/task", p.pid)
				ents, _ := os.ReadDir(dir)
				for _, e := range ents {
					name, ticks, ok := benchStat(filepath.Join(dir, e.Name(), "stat"))
					if !ok {
						continue
					}
					key := fmt.Sprint(p.pid, "/", e.Name())
					th := threads[key]
					if th == nil {
						th = &seen{kind: p.typ + ": " + strings.TrimRight(name, "0123456789"), first: ticks}
						if !initial {
							th.first = 0 // started during the run
						}
						threads[key] = th
					}
					th.last = ticks
				}
			}
		}
		sample(true)
		for {
			select {
			case <-stop:
				sample(false)
				by := map[string]float64{}
				for _, th := range threads {
					if d := th.last - th.first; d > 0 {
						by[th.kind] += float64(d) / 100
					}
				}
				out <- by
				return
			case <-time.After(500 * time.Millisecond):
				sample(false)
			}
		}
	}()
	return out
}

// benchThreadLine is threadCPU's result for the log, the busiest first.
func benchThreadLine(by map[string]float64) string {
	keys := slices.Collect(maps.Keys(by))
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(by[b], by[a]) })
	var parts []string
	for _, k := range keys {
		if by[k] >= 0.05 {
			parts = append(parts, fmt.Sprintf("%s %.1f s", k, by[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func (bs *benchSession) rendererRSS() float64 {
	var mb float64
	for _, p := range bs.procs() {
		if p.typ == "renderer" {
			mb += float64(benchStatusKB(p.pid, "VmRSS")) / 1024
		}
	}
	return mb
}

// ---------------------------------------------------------------------------
// The contenders.

type benchPicmarkRun struct {
	ms, longest               float64
	longCount                 int
	peakRendererMB, peakAllMB float64
	sampledMB, slopeMB        float64
	slowestEval               time.Duration
	workers                   int
	cpuS                      float64 // Chromium's CPU time during the run
	zip                       string
}

// runPicmark clicks #start and waits for the ZIP, sampling the renderer's
// memory against the progress, and reads the page's own timings.
func (bs *benchSession) runPicmark(t *testing.T, files int, large bool) benchPicmarkRun {
	t.Helper()
	before := bs.runs(t)
	var cleared []int
	bs.evalInto(t, "clearing long tasks", `(window.__e2e.longTaskLog.splice(0), window.__e2e.longTasks.splice(0))`, &cleared)
	var workers int
	bs.evalInto(t, "pool size", `Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4))`, &workers)
	// A user reaches for Start once the previews are there: the click
	// comes when the page is at rest (its spare workers ready).
	settle := time.Now()
	bs.waitJS(t, "the page at rest: previews made, spare workers ready", `window.picmarkDebug.settled()`, 2*time.Minute)
	t.Logf("the page was at rest %v after the settings were made", time.Since(settle).Round(10*time.Millisecond))
	bs.resetPeaks(t)
	stop := make(chan struct{})
	sampled := bs.sampleRSS(stop)
	threads := bs.threadCPU(stop)
	bs.evalInto(t, "clearing the stages", `(window.__bench.stages = {}, window.__bench.photos = [], window.__bench.timeline = [], true)`, new(bool))
	if benchProfilingPage() {
		bs.startPageProfile(t)
	}
	cpu0 := bs.cpuSeconds()
	bs.click(t, "#start")
	start := time.Now()
	var prof *benchProfiler
	if benchProfiling() {
		prof = bs.startProfiling(t)
	}
	timeout := 15 * time.Minute
	if large {
		timeout = 50 * time.Minute
	}
	type sample struct{ done, mb float64 }
	var samples []sample
	var r benchPicmarkRun
	r.workers = min(workers, files)
	for {
		ctx, cancel := bs.step(5 * time.Second)
		t0 := time.Now()
		var p struct {
			Runs  int     `json:"runs"`
			State string  `json:"state"`
			Value float64 `json:"value"`
		}
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`(() => { const p = document.querySelector("#progress");
  return {runs: window.__e2e.runs, state: document.body.dataset.state || "", value: p ? p.value : -1}; })()`))
		cancel()
		r.slowestEval = max(r.slowestEval, time.Since(t0))
		if err != nil {
			t.Fatalf("the page did not answer within 5 s during the batch (%v): the UI thread is blocked\n%s", err, bs.snapshot())
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatalf("probe: %v (%s)", err, raw)
		}
		mb := bs.rendererRSS()
		r.sampledMB = max(r.sampledMB, mb)
		samples = append(samples, sample{p.Value, mb})
		if p.Runs > before && p.State == "done" {
			break
		}
		if time.Since(start) > timeout {
			t.Fatalf("the batch is not done after %v\n%s", timeout, bs.snapshot())
		}
		time.Sleep(250 * time.Millisecond)
	}
	wall := time.Since(start)
	r.cpuS = bs.cpuSeconds() - cpu0
	close(stop)
	if prof != nil {
		prof.finish(t)
	}
	if benchProfilingPage() {
		time.Sleep(2 * time.Second) // what follows the batch: the report, the previews
		bs.stopPageProfile(t)
	}
	r.sampledMB = max(r.sampledMB, <-sampled)
	t.Logf("picmark's CPU time by thread: %s", benchThreadLine(<-threads))
	hwm, all, detail := bs.peaks()
	r.peakRendererMB, r.peakAllMB = max(hwm, r.sampledMB), all
	var tm struct {
		T0 float64 `json:"t0"`
		TZ float64 `json:"tz"`
		T1 float64 `json:"t1"`
	}
	bs.evalInto(t, "batch timing", `({t0: window.__bench.t0, tz: window.__bench.tz, t1: window.__bench.t1})`, &tm)
	var stages map[string]float64
	bs.evalInto(t, "worker stages", `window.__bench.stages`, &stages)
	t.Logf("in the workers, summed over the batch: %s", benchStages(stages))
	var photos []map[string]any
	bs.evalInto(t, "worker stats per photo", `window.__bench.photos.splice(0)`, &photos)
	slices.SortFunc(photos, func(a, b map[string]any) int { return cmp.Compare(benchMs(b, "renderMs"), benchMs(a, "renderMs")) })
	for _, p := range photos[:min(len(photos), 5)] {
		ms := map[string]float64{}
		for k := range p {
			if strings.HasSuffix(k, "Ms") {
				ms[k] = benchMs(p, k)
			}
		}
		t.Logf("  slow: %v, %v outputs composed: %s", p["input"], p["composed"], benchStages(ms))
	}
	if tm.T0 > 0 && tm.TZ > tm.T0 && tm.T1 >= tm.TZ {
		r.ms = tm.TZ - tm.T0
		t.Logf("the ZIP ready %.0f ms after the click, the report all shown %.0f ms after that", r.ms, tm.T1-tm.TZ)
	} else {
		r.ms = float64(wall.Milliseconds())
		t.Logf("the page's own timing is missing (%+v): using the wall clock from the click, %v", tm, wall)
	}
	var timeline []benchEvent
	bs.evalInto(t, "the workers' timeline", `window.__bench.timeline.splice(0)`, &timeline)
	t.Logf("the workers' time: %s", benchTimeline(timeline, tm.T0, tm.TZ))
	var long []float64
	bs.evalInto(t, "long tasks", `window.__e2e.longTasks.splice(0)`, &long)
	for _, l := range long {
		r.longest = max(r.longest, l)
	}
	r.longCount = len(long)
	// When they ran tells what they were: the click, the previews still
	// coming, a result, the end of the batch.
	var when []string
	bs.evalInto(t, "long tasks' times", `window.__e2e.longTaskLog.splice(0).map((l) => l.ms + " ms at " + Math.round(l.at - window.__bench.t0) + " ms")`, &when)
	if len(when) > 0 {
		t.Logf("picmark long tasks, from the click on #start: %s", strings.Join(when, ", "))
	}
	// Growth per photo: a least-squares line through (files done, RSS)
	// over the second half of the batch, when the pool is warm.
	var n, sx, sy, sxx, sxy float64
	for _, s := range samples {
		if s.done < float64(files)/2 || s.done <= 0 {
			continue
		}
		n++
		sx += s.done
		sy += s.mb
		sxx += s.done * s.done
		sxy += s.done * s.mb
	}
	if n >= 3 && n*sxx-sx*sx > 0 {
		r.slopeMB = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	}
	var curve []string
	for i := 0; i < len(samples); i += max(1, len(samples)/12) {
		curve = append(curve, fmt.Sprintf("%.0f:%.0f", samples[i].done, samples[i].mb))
	}
	t.Logf("picmark memory: peak RSS (VmHWM) %s; renderers' RSS sampled every 50 ms peaked at %.0f MiB; renderer RSS by files done (done:MiB) %s; growth %.2f MiB/photo over the second half",
		detail, r.sampledMB, strings.Join(curve, " "), r.slopeMB)
	return r
}

type benchCanvasRun struct {
	MS     float64           `json:"ms"`
	Decode float64           `json:"decode"`
	Draw   float64           `json:"draw"`
	Encode float64           `json:"encode"`
	Total  int64             `json:"total"`
	Kept   map[string]string `json:"kept"`
	Outs   []struct {
		Name  string `json:"name"`
		W     int    `json:"w"`
		H     int    `json:"h"`
		Bytes int64  `json:"bytes"`
	} `json:"outs"`
	peakMB float64
	cpuS   float64 // Chromium's CPU time during the run
}

// runCanvas runs the canvas reference on the same files in the same
// browser, and checks it made the planned outputs.
func (bs *benchSession) runCanvas(t *testing.T, base string, b *benchBatch, plan []benchPlanFile, opacity float64, keep []string) benchCanvasRun {
	t.Helper()
	ctx, cancel := bs.step(60 * time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/bench-ref/")); err != nil {
		cancel()
		t.Fatalf("loading the canvas reference: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#ref-files"), []string{b.folder()})); err != nil {
		cancel()
		t.Fatalf("choosing the batch on the reference page: %v", err)
	}
	cancel()
	bs.waitJS(t, "the reference page holding the files", fmt.Sprintf(`window.refFiles && window.refFiles.size >= %d`, len(b.Items)), 60*time.Second)
	req, err := json.Marshal(map[string]any{"files": plan, "opacity": opacity, "quality": benchQuality, "keep": keep})
	if err != nil {
		t.Fatal(err)
	}
	bs.resetPeaks(t)
	stop := make(chan struct{})
	sampled := bs.sampleRSS(stop)
	threads := bs.threadCPU(stop)
	var r benchCanvasRun
	cpu0 := bs.cpuSeconds()
	bs.evalLong(t, "the canvas reference", "window.benchRef("+string(req)+")", 60*time.Minute, &r)
	r.cpuS = bs.cpuSeconds() - cpu0
	close(stop)
	hwm, _, _ := bs.peaks()
	r.peakMB = max(hwm, <-sampled)
	t.Logf("the canvas reference's CPU time by thread: %s", benchThreadLine(<-threads))
	got := map[string]bool{}
	for _, o := range r.Outs {
		got[o.Name] = true
	}
	for _, f := range plan {
		for _, o := range f.Outputs {
			if !got[o.Name] {
				t.Errorf("the canvas reference did not make %s", o.Name)
			}
		}
	}
	for _, o := range r.Outs {
		if o.Bytes <= 0 {
			t.Errorf("the canvas reference made an empty %s", o.Name)
		}
	}
	return r
}

// benchBuildCLI builds the native picmark for the CLI run.
func benchBuildCLI(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "picmark")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/picmark")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/picmark: %v\n%s", err, out)
	}
	return bin
}

// benchRunNative times `picmark process` on the batch with every core.
func benchRunNative(t *testing.T, bin string, b *benchBatch, scale, opacity float64, out string) (ms, peakMB, cpuS float64) {
	t.Helper()
	cmd := exec.Command(bin, "process", "-preset", benchPresetIDs, "-logo", b.logoPath(),
		"-logo-scale", strconv.FormatFloat(scale, 'f', -1, 64), "-logo-opacity", strconv.FormatFloat(opacity, 'f', -1, 64),
		"-out", out, b.folder())
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(runtime.NumCPU()))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	start := time.Now()
	err := cmd.Run()
	ms = float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peakMB = float64(ru.Maxrss) / 1024 // KiB on Linux
	}
	cpuS = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	return ms, peakMB, cpuS
}

// offlineTTI reloads the app three times with the server gone and the
// browser offline, and times each reload to interactive (in the page:
// from navigation start to #start enabled with Go's handlers bound).
func (bs *benchSession) offlineTTI(t *testing.T, srv *httptest.Server, px *e2eProxy) (float64, []float64) {
	t.Helper()
	bs.setPhase("offline-prep")
	bs.load(t, srv.URL)
	bs.checkOfflineCache(t)
	srv.Close()
	px.setOffline()
	bs.goOffline(t)
	bs.setPhase("offline")
	var all []float64
	for range 3 {
		ctx, cancel := bs.step(60 * time.Second)
		err := chromedp.Do(ctx, chromedp.Reload())
		cancel()
		if err != nil {
			t.Fatalf("reloading offline: %v\n%s", err, bs.snapshot())
		}
		bs.waitJS(t, "the app interactive offline", `window.__bench && window.__bench.tti > 0`, 60*time.Second)
		var ms float64
		bs.evalInto(t, "offline TTI", `window.__bench.tti`, &ms)
		all = append(all, ms)
	}
	t.Logf("offline reloads to interactive: %v ms", all)
	return benchMedian(all), all
}
