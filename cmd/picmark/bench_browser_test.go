//go:build linux && bench

// The bench's browser: the e2e session with the bench's probes (benchInit),
// the first visit and offline reloads timed, the batch dropped and its
// formats ticked.

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"picmark/internal/preset"
)

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
	bs.addScript(t, "the benchmark probes", init)
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
// origin sends until the service worker controls the page, the HEIC
// decoder is kept, and nothing has been asked for 2 s: what the page
// fetches in the background (the files served on demand) apart.
func (bs *benchSession) firstVisit(t *testing.T, u string) (origin, background, pageTarget int64, tti float64) {
	t.Helper()
	bs.setPhase("first-visit")
	before, idx := bs.counter.mark()
	bs.cdpMu.Lock()
	bs.cdpOn, bs.cdpBytes = true, 0
	bs.cdpMu.Unlock()
	bs.load(t, u)
	bs.waitJS(t, "the service worker controlling the page", `navigator.serviceWorker && navigator.serviceWorker.controller`, 60*time.Second)
	bs.waitJS(t, "the HEIC decoder fetched in the background and kept", heicKept, 60*time.Second)
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
	var lines []string
	for _, s := range bs.counter.since(idx) {
		lines = append(lines, fmt.Sprintf("%s %d B (%s; asked %q)", s.path, s.bytes, cmp.Or(s.encoding, "identity"), s.acceptEncoding))
		if onDemand(s.path) {
			background += s.bytes
		}
	}
	origin = last - before - background
	t.Logf("first visit: %d bytes from the origin in %d responses, %d of them in the background, %d bytes on the page target (CDP):\n  %s",
		origin+background, len(lines), background, pageTarget, strings.Join(lines, "\n  "))
	bs.evalInto(t, "first-visit TTI", `window.__bench.tti`, &tti)
	return origin, background, pageTarget, tti
}

// benchDrop drops the batch's folder on the page, like dropFolder, and
// waits for all n files to be listed as ready.
func (bs *benchSession) benchDrop(t *testing.T, dir string, n int) {
	t.Helper()
	bs.drag(t, dir)
	bs.waitJS(t, fmt.Sprintf("the dropped folder listed: %d ready files", n),
		fmt.Sprintf(`e2eListed() >= %d`, n), 120*time.Second)
	var listed int
	bs.evalInto(t, "file list", `e2eListed()`, &listed)
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
