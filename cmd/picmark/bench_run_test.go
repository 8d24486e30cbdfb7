//go:build linux && bench

// The bench's contenders: picmark through the real page, the canvas
// reference in the same browser, and the native CLI.

package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

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
