//go:build !wasm

// End-to-end test: the real page (both wasm binaries, the real server
// handler) in Debian's headless Chromium, driven over CDP. It drops a real
// folder of good and bad photos on the page, runs a branded batch, downloads
// the ZIP and checks every output; kills the workers mid-batch; and then runs
// the whole batch again with the server gone and the network off.
//
// Every request the browser makes goes through a recording proxy (the page,
// its workers and its service worker alike), so "nothing leaves the machine"
// is checked at the network level, not only in the page's own events.
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	e2eChromium = "/usr/bin/chromium"
	// e2eBudget bounds everything after the wasm build.
	e2eBudget = 4 * time.Minute
)

// The folder the test drops on the page, as the page must list it.
var e2eInputs = []string{
	"shoot/beach.jpg",
	"shoot/broken.jpg",
	"shoot/huge.jpg",
	"shoot/notes.txt",
	"shoot/sub/portrait.jpg",
	"shoot/thin.png",
}

// The photos that must come out, with their upright size.
var e2ePhotos = map[string]image.Point{
	"shoot/beach.jpg":        {2400, 1600},
	"shoot/sub/portrait.jpg": {1200, 1800},
}

// e2ePreset is what the test expects of each default preset; the numbers are
// PRESETS.md's, written out here on purpose rather than read from
// internal/preset, so a wrong table is caught too.
type e2ePreset struct {
	id                string
	w, h              int // h == 0: width only, height by aspect
	maxH              int
	cap               int64
	safeTop, safeBott int
}

var e2ePresets = []e2ePreset{
	{id: "pinterest-pin", w: 1000, h: 1500, cap: 10 << 20},
	{id: "tumblr-post", w: 1280, maxH: 1920, cap: 10 << 20},
	{id: "snapchat-story", w: 1080, h: 1920, cap: 5 << 20, safeTop: 150, safeBott: 150},
}

// outSize is the size a preset must give a photo of upright size p.
func (pr e2ePreset) outSize(p image.Point) image.Point {
	if pr.h > 0 {
		return image.Pt(pr.w, pr.h)
	}
	w := min(pr.w, p.X)
	h := int(math.Round(float64(p.Y) * float64(w) / float64(p.X)))
	if pr.maxH > 0 && h > pr.maxH {
		h = pr.maxH
	}
	return image.Pt(w, h)
}

// TestE2EBrowser is the whole marketer's path in a real browser.
func TestE2EBrowser(t *testing.T) {
	if _, err := os.Stat(e2eChromium); err != nil {
		t.Fatalf("end-to-end test needs Debian's Chromium at %s (%v): run `apt-get install -y chromium` (the Makefile does)", e2eChromium, err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	site := e2eBuildSite(t, root)
	fx := e2eMakeFixtures(t, t.TempDir())

	h, err := newHandler(site)
	if err != nil {
		t.Fatalf("newHandler(%s): %v", site, err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	px := e2eNewProxy(t, srv.URL)
	defer px.srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), e2eBudget)
	defer cancel()
	s := e2eStartBrowser(t, ctx, px)
	s.fx = fx

	ok := t.Run("online", func(t *testing.T) {
		s.setPhase("online")
		s.load(t, srv.URL)
		s.checkContract(t)
		s.dropFolder(t, fx.folder)
		s.checkFileList(t)
		s.setLogo(t, fx.logo)
		s.checkDefaultPresets(t)
		n := s.runs(t)
		s.click(t, "#start")
		s.waitDone(t, n)
		s.checkReportTable(t)
		zipPath := s.download(t)
		s.checkZip(t, zipPath, e2eStrict)
	})
	if !ok {
		s.checkNetwork(t)
		s.checkConsole(t)
		return
	}

	t.Run("pickers-and-install", func(t *testing.T) {
		s.setPhase("pickers")
		s.load(t, srv.URL)
		s.checkInstallable(t)
		// The folder picker lists the same files as a drop.
		s.upload(t, "#folder-input", []string{fx.folder})
		s.waitJS(t, "the picked folder listed: #file-list li = 6",
			`document.querySelectorAll("#file-list li").length >= 6`, 20*time.Second)
		s.checkFileList(t)
		s.click(t, "#clear")
		s.waitJS(t, "the list cleared", `document.querySelectorAll("#file-list li").length === 0`, 10*time.Second)
		// The file picker lists loose files by name, still sorting photos from the rest.
		s.upload(t, "#files-input", []string{filepath.Join(fx.folder, "beach.jpg"), filepath.Join(fx.folder, "notes.txt")})
		s.waitJS(t, "the picked files listed: #file-list li = 2",
			`document.querySelectorAll("#file-list li").length >= 2`, 20*time.Second)
		var items []e2eListItem
		s.evalInto(t, "file list", `Array.from(document.querySelectorAll("#file-list li")).map((li) => ({
  path: li.dataset.path || "", status: li.dataset.status || "", text: li.textContent.trim()}))`, &items)
		want := []e2eListItem{{Path: "beach.jpg", Status: "ready"}, {Path: "notes.txt", Status: "skipped"}}
		if len(items) != len(want) {
			t.Fatalf("picked files listed as %+v, want %+v", items, want)
		}
		for i := range want {
			if items[i].Path != want[i].Path || items[i].Status != want[i].Status {
				t.Errorf("picked file %d listed as %s (%s), want %s (%s)", i, items[i].Path, items[i].Status, want[i].Path, want[i].Status)
			}
		}
	})

	t.Run("worker-death", func(t *testing.T) {
		s.setPhase("worker-death")
		s.load(t, srv.URL)
		s.dropFolder(t, fx.folder)
		s.checkFileList(t)
		s.setLogo(t, fx.logo)
		n := s.runs(t)
		s.click(t, "#start")
		// Kill every worker right after the start (they may still be
		// starting), and again as soon as the first file is done, when the
		// replacements are busy with photos: both must be survived.
		killed := s.eval(t, "killWorkers", `(() => { const d = window.picmarkDebug; if (!d || typeof d.killWorkers !== "function") return "missing"; d.killWorkers(); return "called"; })()`)
		if killed == `"missing"` {
			t.Fatalf("window.picmarkDebug.killWorkers() does not exist (DOM contract): cannot test worker death")
		}
		midJob := s.eval(t, "killWorkers mid-job", `new Promise((resolve) => {
  const t0 = Date.now();
  const tick = () => {
    const p = document.querySelector("#progress");
    if (document.body.dataset.state === "done") return resolve("the batch ended before a file was done");
    if (p && p.value >= 1) { window.picmarkDebug.killWorkers(); return resolve("killed at progress " + p.value + "/" + p.max); }
    if (Date.now() - t0 > 15000) return resolve("no file done within 15 s");
    setTimeout(tick, 2);
  };
  tick();
})`)
		t.Logf("killWorkers() right after #start, and again mid-batch: %s", midJob)
		s.waitDone(t, n)
		zipPath := s.download(t)
		rows := s.checkZip(t, zipPath, e2eWorkerDeath)
		var redone, failed int
		for _, r := range rows {
			if _, photo := e2ePhotos[r.input]; !photo {
				continue
			}
			if r.status == "done" {
				redone++
			} else {
				failed++
			}
		}
		t.Logf("after killing the workers: %d photo outputs done (redone or not yet started), %d reported as failed", redone, failed)

		// The page still works: the same page, a second batch, every photo done.
		n = s.runs(t)
		if !s.enabled(t, "#start") {
			t.Fatalf("#start is disabled after a finished batch: cannot run a second batch on the same page")
		}
		s.click(t, "#start")
		s.waitDone(t, n)
		zipPath = s.download(t)
		s.checkZip(t, zipPath, e2eStrict)
	})

	t.Run("offline", func(t *testing.T) {
		s.setPhase("offline-prep")
		s.checkOfflineCache(t)
		// Take the server away for real, and tell the browser it is offline.
		srv.Close()
		if resp, err := http.Get(srv.URL); err == nil {
			resp.Body.Close()
			t.Fatalf("the test server still answers after Close")
		}
		px.setOffline()
		s.goOffline(t)
		s.setPhase("offline")
		s.reload(t)
		s.dropFolder(t, fx.folder)
		s.checkFileList(t)
		s.setLogo(t, fx.logo)
		n := s.runs(t)
		s.click(t, "#start")
		s.waitDone(t, n)
		s.checkReportTable(t)
		zipPath := s.download(t)
		s.checkZip(t, zipPath, e2eStrict)
	})

	s.checkNetwork(t)
	s.checkConsole(t)
}

// ---------------------------------------------------------------------------
// Building and serving the site.

// e2eBuildSite builds both wasm binaries into a temporary copy of web/.
func e2eBuildSite(t *testing.T, root string) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "web")
	webDir := filepath.Join(root, "web")
	err := filepath.WalkDir(webDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(webDir, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(site, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		// Stale build outputs (and their .br/.gz) must not be served.
		base := d.Name()
		if strings.HasPrefix(base, "app.wasm") || strings.HasPrefix(base, "worker.wasm") {
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", webDir, err)
	}
	for _, b := range []struct{ out, pkg string }{
		{"app.wasm", "./cmd/picmark"},
		{"worker.wasm", "./cmd/picmark-worker"},
	} {
		start := time.Now()
		cmd := exec.Command("go", "build", "-o", filepath.Join(site, b.out), b.pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("GOOS=js GOARCH=wasm go build -o %s %s: %v\n%s", b.out, b.pkg, err, out)
		}
		fi, _ := os.Stat(filepath.Join(site, b.out))
		t.Logf("built %s from %s in %v (%d bytes)", b.out, b.pkg, time.Since(start).Round(time.Millisecond), fi.Size())
	}
	return site
}

// e2eRequest is one request the browser made, seen by the proxy or by CDP.
type e2eRequest struct {
	phase, via   string
	method, url  string
	hasBody      bool
	resourceType string
}

func (r e2eRequest) String() string {
	body := ""
	if r.hasBody {
		body = " WITH A BODY"
	}
	return fmt.Sprintf("[%s/%s] %s %s%s %s", r.phase, r.via, r.method, r.url, body, r.resourceType)
}

// e2eProxy is an HTTP proxy every browser request goes through: it records
// the request and forwards only to the test server.
type e2eProxy struct {
	srv    *httptest.Server
	target *url.URL
	rp     *httputil.ReverseProxy

	mu      sync.Mutex
	phase   string
	reqs    []e2eRequest
	offline bool
}

func e2eNewProxy(t *testing.T, target string) *e2eProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &e2eProxy{target: u, phase: "load"}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = pr.In.Host
		},
		FlushInterval: -1,
		// An unreachable server must look unreachable to the browser, not
		// like a 502 page that a service worker could mistake for content.
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, herr := hj.Hijack(); herr == nil {
					c.Close()
					return
				}
			}
			http.Error(w, err.Error(), http.StatusBadGateway)
		},
	}
	p.srv = httptest.NewServer(p)
	return p
}

func (p *e2eProxy) setOffline() {
	p.mu.Lock()
	p.offline = true
	p.mu.Unlock()
}

func (p *e2eProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Host
	if r.Method == http.MethodConnect {
		host = r.Host
	}
	rec := e2eRequest{
		via:     "proxy",
		method:  r.Method,
		url:     r.URL.String(),
		hasBody: r.ContentLength > 0 || len(r.TransferEncoding) > 0,
	}
	if r.Method == http.MethodConnect {
		rec.url = "connect://" + r.Host
	}
	p.mu.Lock()
	rec.phase = p.phase
	p.reqs = append(p.reqs, rec)
	offline := p.offline
	p.mu.Unlock()

	if r.Method == http.MethodConnect || host != p.target.Host {
		http.Error(w, "the e2e proxy refuses every host but the test server", http.StatusForbidden)
		return
	}
	if offline {
		p.rp.ErrorHandler(w, r, errors.New("server closed"))
		return
	}
	p.rp.ServeHTTP(w, r)
}

// ---------------------------------------------------------------------------
// The browser session.

type e2eSession struct {
	ctx context.Context // the tab
	px  *e2eProxy
	dl  string // download folder
	fx  e2eFixtures

	mu      sync.Mutex
	phase   string
	cdp     []e2eRequest
	console []string // errors and exceptions, with their phase
	allLogs []string // every console line, for diagnostics
}

// e2eInit runs in every document before the page's own scripts: it records
// CSP violations and long tasks, and counts finished runs.
const e2eInit = `
window.__e2e = {csp: [], longTasks: [], runs: 0};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__e2e.csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
try {
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__e2e.longTasks.push(Math.round(e.duration)); })
    .observe({type: "longtask", buffered: false});
} catch (e) {}
(function watch() {
  if (!document.body) { document.addEventListener("DOMContentLoaded", watch); return; }
  new MutationObserver(() => {
    if (document.body.dataset.state === "done") window.__e2e.runs++;
  }).observe(document.body, {attributes: true, attributeFilter: ["data-state"]});
})();
`

func e2eStartBrowser(t *testing.T, ctx context.Context, px *e2eProxy) *e2eSession {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(e2eChromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,AutofillServerCommunication,CertificateTransparencyComponentUpdater"),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		// Every request, loopback included, goes through the recording proxy,
		// except two hosts Chromium itself calls whatever the flags (Debian's
		// launcher exports Google API keys: an on-demand component install
		// and the account check). Those go direct and this network refuses
		// them; the page's own requests to them would still show in CDP.
		chromedp.ProxyServer(px.srv.URL),
		chromedp.Flag("proxy-bypass-list", "<-loopback>;update.googleapis.com;accounts.google.com"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)

	s := &e2eSession{ctx: tab, px: px, dl: t.TempDir(), phase: "load"}

	// Start the browser with a context that has no step timeout.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", e2eChromium, err)
	}

	requests := chromedp.Events(tab, network.RequestWillBeSent)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.cdp = append(s.cdp, e2eRequest{
				phase: s.phase, via: "cdp", method: ev.Request.Method, url: ev.Request.URL,
				hasBody: ev.Request.HasPostData, resourceType: string(ev.Type),
			})
			s.mu.Unlock()
		}
	}()
	messages := chromedp.Console(tab)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			s.mu.Lock()
			line := fmt.Sprintf("[%s] console.%s %s (%s:%d)", s.phase, m.Type, m.Text, m.URL, m.Line+1)
			s.allLogs = append(s.allLogs, line)
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				s.console = append(s.console, line)
			}
			s.mu.Unlock()
		}
	}()

	ctx2, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx2, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: e2eInit}); err != nil {
		t.Fatalf("installing the page probes: %v", err)
	}
	if _, err := chromedp.CallBrowser(ctx2, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: s.dl, EventsEnabled: new(true),
	}); err != nil {
		t.Fatalf("Browser.setDownloadBehavior: %v", err)
	}
	// The first navigation of a fresh tab can hang: get it out of the way.
	if err := chromedp.Do(ctx2, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("navigating to about:blank: %v", err)
	}
	return s
}

// logf logs details once: in the first run only, the others would repeat it.
func (s *e2eSession) logf(t *testing.T, format string, args ...any) {
	t.Helper()
	s.mu.Lock()
	first := s.phase == "online"
	s.mu.Unlock()
	if first {
		t.Logf(format, args...)
	}
}

func (s *e2eSession) setPhase(p string) {
	s.mu.Lock()
	s.phase = p
	s.mu.Unlock()
	s.px.mu.Lock()
	s.px.phase = p
	s.px.mu.Unlock()
}

// step gives one browser step its own deadline.
func (s *e2eSession) step(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, d)
}

// eval evaluates a JS expression (promises awaited) and returns its JSON.
func (s *e2eSession) eval(t *testing.T, what, expr string) string {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: evaluating %q: %v\n%s", what, e2eShort(expr), err, s.snapshot())
	}
	return string(raw)
}

// evalInto evaluates expr and decodes its JSON into v.
func (s *e2eSession) evalInto(t *testing.T, what, expr string, v any) {
	t.Helper()
	raw := s.eval(t, what, expr)
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("%s: decoding %s: %v", what, raw, err)
	}
}

// waitJS polls expr until it is truthy.
func (s *e2eSession) waitJS(t *testing.T, what, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	last := ""
	for {
		ctx, cancel := s.step(10 * time.Second)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`!!(`+expr+`)`))
		cancel()
		if err == nil && string(raw) == "true" {
			return
		}
		if err != nil {
			last = err.Error()
		} else {
			last = string(raw)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not true after %v (last: %s): %s\n%s", what, timeout, last, e2eShort(expr), s.snapshot())
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// snapshot describes the page for failure messages.
func (s *e2eSession) snapshot() string {
	ctx, cancel := s.step(5 * time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`(() => {
  const q = (s) => document.querySelector(s);
  const p = q("#progress");
  return {
    url: location.href,
    state: document.body ? document.body.dataset.state : null,
    loader: !!document.getElementById("app-wasm-loader"),
    status: q("#status") ? q("#status").textContent.trim() : null,
    progress: p ? [p.value, p.max] : null,
    files: Array.from(document.querySelectorAll("#file-list li")).map((li) => li.dataset.path + "=" + li.dataset.status),
    download: q("#download") ? q("#download").getAttribute("href") : null,
    e2e: window.__e2e || null,
  };
})()`))
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "page snapshot failed: %v\n", err)
	} else {
		fmt.Fprintf(&b, "page: %s\n", raw)
	}
	s.mu.Lock()
	logs := s.allLogs
	if len(logs) > 15 {
		logs = logs[len(logs)-15:]
	}
	for _, l := range logs {
		fmt.Fprintf(&b, "  %s\n", e2eShort(l))
	}
	s.mu.Unlock()
	return b.String()
}

// load navigates to the app and waits until go-app has started.
func (s *e2eSession) load(t *testing.T, u string) {
	t.Helper()
	ctx, cancel := s.step(60 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("navigating to %s: %v\n%s", u, err, s.snapshot())
	}
	s.waitReady(t)
}

func (s *e2eSession) reload(t *testing.T) {
	t.Helper()
	ctx, cancel := s.step(60 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading the page: %v\n%s", err, s.snapshot())
	}
	s.waitReady(t)
}

// waitReady waits for go-app's loader to go (the UI wasm runs) and #start.
func (s *e2eSession) waitReady(t *testing.T) {
	t.Helper()
	start := time.Now()
	s.waitJS(t, "the app starting (go-app loader gone, #start present)",
		`document.body && !document.getElementById("app-wasm-loader") && document.querySelector("#start")`, 60*time.Second)
	// A person needs a moment before dropping anything; so does go-app's
	// first render after main starts.
	time.Sleep(300 * time.Millisecond)
	t.Logf("app interactive %v after navigation", time.Since(start).Round(time.Millisecond))
}

// checkContract checks the static parts of the DOM contract.
func (s *e2eSession) checkContract(t *testing.T) {
	t.Helper()
	var c map[string]bool
	s.evalInto(t, "DOM contract", `(() => {
  const q = (s) => document.querySelector(s);
  return {
    "#folder-input[webkitdirectory]": !!q("input[type=file]#folder-input[webkitdirectory]"),
    "#files-input[multiple]": !!q("input[type=file]#files-input[multiple]"),
    "#pick-folder": !!q("#pick-folder"),
    "#pick-files": !!q("#pick-files"),
    "#file-list": !!q("#file-list"),
    "#logo-input": !!q("input[type=file]#logo-input"),
    "#logo-opacity": !!q("input#logo-opacity"),
    "#logo-scale": !!q("input#logo-scale"),
    "#start": !!q("#start"),
    "progress#progress": !!q("progress#progress"),
    "#status": !!q("#status"),
    "window.picmarkDebug.killWorkers": !!(window.picmarkDebug && typeof window.picmarkDebug.killWorkers === "function"),
  };
})()`, &c)
	var missing []string
	for k, ok := range c {
		if !ok {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("DOM contract: missing %s", strings.Join(missing, ", "))
	}
}

// dropFolder drops a real directory on the page, as a person dragging it
// from a file manager would.
func (s *e2eSession) dropFolder(t *testing.T, dir string) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{dir}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{
		input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop,
	} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: 400, Y: 300, Data: data}); err != nil {
			t.Fatalf("Input.dispatchDragEvent %s of %s: %v", typ, dir, err)
		}
	}
	s.waitJS(t, "the dropped folder listed: #file-list li = 6",
		`document.querySelectorAll("#file-list li").length >= 6`, 20*time.Second)
}

type e2eListItem struct {
	Path   string `json:"path"`
	Status string `json:"status"`
	Text   string `json:"text"`
}

func (s *e2eSession) checkFileList(t *testing.T) {
	t.Helper()
	var items []e2eListItem
	s.evalInto(t, "file list", `Array.from(document.querySelectorAll("#file-list li")).map((li) => ({
  path: li.dataset.path || "", status: li.dataset.status || "", text: li.textContent.trim()}))`, &items)
	var paths []string
	for _, it := range items {
		paths = append(paths, it.Path)
	}
	sorted := slices.Clone(paths)
	sort.Strings(sorted)
	if !slices.Equal(sorted, e2eInputs) {
		t.Fatalf("#file-list li data-path = %q, want exactly %q (paths relative to the dropped folder, sub-folders included)", paths, e2eInputs)
	}
	for _, it := range items {
		switch {
		case it.Path == "shoot/notes.txt":
			if it.Status != "skipped" {
				t.Errorf("%s: data-status=%q, want \"skipped\"", it.Path, it.Status)
			}
			if len(it.Text) <= len("notes.txt")+2 {
				t.Errorf("%s: a skipped file must show the reason; the list item says only %q", it.Path, it.Text)
			}
		case it.Status != "ready" && it.Status != "skipped":
			t.Errorf("%s: data-status=%q, want \"ready\" or \"skipped\"", it.Path, it.Status)
		case e2ePhotos[it.Path] != (image.Point{}) && it.Status != "ready":
			t.Errorf("%s: a valid photo has data-status=%q, want \"ready\"", it.Path, it.Status)
		}
	}
}

func (s *e2eSession) setLogo(t *testing.T, logo string) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#logo-input"), []string{logo})); err != nil {
		t.Fatalf("setting the logo on #logo-input: %v\n%s", err, s.snapshot())
	}
	// The page reads the file, clears the input and shows a preview (or an
	// error); an input still holding the file counts too.
	s.waitJS(t, "the page taking the logo (#logo-preview, #logo-error, or #logo-input holding it)",
		`document.querySelector("#logo-preview, #logo-error") || document.querySelector("#logo-input").files.length === 1`, 10*time.Second)
	if msg := s.eval(t, "logo error", `(() => { const e = document.querySelector("#logo-error"); return e ? e.textContent.trim() : ""; })()`); msg != `""` {
		t.Fatalf("the page refused the logo (a 200×100 PNG with transparency): %s", msg)
	}
	// A person takes longer than this between choosing a logo and pressing
	// start.
	time.Sleep(300 * time.Millisecond)
	// The logo's expected place depends on the page's scale setting.
	var v struct {
		Scale   string `json:"scale"`
		Opacity string `json:"opacity"`
	}
	s.evalInto(t, "logo settings", `({scale: (document.querySelector("#logo-scale") || {}).value || "", opacity: (document.querySelector("#logo-opacity") || {}).value || ""})`, &v)
	scale, err := strconv.ParseFloat(v.Scale, 64)
	if err != nil || scale < 5 || scale > 50 {
		t.Fatalf("#logo-scale value=%q, want a percent of the width in 5..50", v.Scale)
	}
	opacity, err := strconv.ParseFloat(v.Opacity, 64)
	if err != nil || opacity < 60 || opacity > 100 {
		t.Fatalf("#logo-opacity value=%q: the test needs the default opacity in 60..100 to see the red logo", v.Opacity)
	}
	s.fx.scale = scale / 100
}

func (s *e2eSession) checkDefaultPresets(t *testing.T) {
	t.Helper()
	var boxes []struct {
		Value   string `json:"value"`
		Checked bool   `json:"checked"`
	}
	s.evalInto(t, "preset checkboxes", `Array.from(document.querySelectorAll("input[type=checkbox][name=preset]")).map((e) => ({value: e.value, checked: e.checked}))`, &boxes)
	var checked []string
	seen := map[string]bool{}
	for _, b := range boxes {
		seen[b.Value] = true
		if b.Checked {
			checked = append(checked, b.Value)
		}
	}
	sort.Strings(checked)
	var want []string
	for _, p := range e2ePresets {
		want = append(want, p.id)
		if !seen[p.id] {
			t.Errorf("no preset checkbox input[type=checkbox][name=preset][value=%s]", p.id)
		}
	}
	sort.Strings(want)
	if !slices.Equal(checked, want) {
		t.Fatalf("preset checkboxes ticked by default = %q, want exactly %q", checked, want)
	}
}

// upload gives a file input real files (or a folder, for webkitdirectory),
// as the browser's picker would.
func (s *e2eSession) upload(t *testing.T, sel string, paths []string) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(sel), paths)); err != nil {
		t.Fatalf("choosing %q with %s: %v\n%s", paths, sel, err, s.snapshot())
	}
}

// checkInstallable asks Chromium whether the page can be installed as an
// app, and checks our own manifest is the one it read.
func (s *e2eSession) checkInstallable(t *testing.T) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	m, err := chromedp.Call(ctx, page.GetAppManifest, page.GetAppManifestParams{})
	if err != nil {
		t.Fatalf("Page.getAppManifest: %v", err)
	}
	for _, e := range m.Errors {
		t.Errorf("manifest error: %s (line %d)", e.Message, e.Line)
	}
	if !strings.Contains(m.Data, `"launch_handler"`) {
		t.Errorf("the manifest Chromium read (%s) is not picmark's own: no launch_handler in %s", m.URL, m.Data)
	}
	res, err := chromedp.Call(ctx, page.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatalf("Page.getInstallabilityErrors: %v", err)
	}
	for _, e := range res.InstallabilityErrors {
		t.Errorf("not installable: %s", e.ErrorID)
	}
}

func (s *e2eSession) click(t *testing.T, sel string) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("clicking %s: %v\n%s", sel, err, s.snapshot())
	}
}

func (s *e2eSession) enabled(t *testing.T, sel string) bool {
	t.Helper()
	return s.eval(t, "is "+sel+" enabled", `(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return !!e && !e.disabled; })()`) == "true"
}

// runs is how many times body[data-state] became "done" in this document.
func (s *e2eSession) runs(t *testing.T) int {
	t.Helper()
	n, err := strconv.Atoi(s.eval(t, "finished runs", `window.__e2e ? window.__e2e.runs : -1`))
	if err != nil || n < 0 {
		t.Fatalf("the page probe is missing (window.__e2e): %v", err)
	}
	return n
}

// waitDone waits for the batch started after `before` finished runs, and
// checks that the page answers quickly meanwhile.
func (s *e2eSession) waitDone(t *testing.T, before int) {
	t.Helper()
	start := time.Now()
	deadline := start.Add(90 * time.Second)
	var worst time.Duration
	sawMoving := false
	type probe struct {
		Runs     int     `json:"runs"`
		State    string  `json:"state"`
		Value    float64 `json:"value"`
		Max      float64 `json:"max"`
		Download bool    `json:"download"`
	}
	var p probe
	for {
		// A trivial evaluation must come back fast while the batch runs:
		// the image work is in workers, never on the UI thread.
		ctx, cancel := s.step(3 * time.Second)
		t0 := time.Now()
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`(() => { const p = document.querySelector("#progress");
  return {runs: window.__e2e.runs, state: document.body.dataset.state || "", value: p ? p.value : -1, max: p ? p.max : -1,
    download: !!document.querySelector("#download")}; })()`))
		cancel()
		d := time.Since(t0)
		worst = max(worst, d)
		if err != nil {
			t.Fatalf("the page did not answer a trivial evaluation within 3 s while the batch ran (%v): the UI thread is blocked\n%s", err, s.snapshot())
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatalf("probe: %v (%s)", err, raw)
		}
		if p.Runs > before && p.State == "done" {
			break
		}
		if p.Max > 0 && p.Value > 0 && p.Value < p.Max {
			sawMoving = true
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch not done after 90 s (body[data-state=done] never came)\n%s", s.snapshot())
		}
		time.Sleep(100 * time.Millisecond)
	}
	var long []int
	s.evalInto(t, "long tasks", `window.__e2e.longTasks.splice(0)`, &long)
	longest := 0
	for _, l := range long {
		longest = max(longest, l)
	}
	t.Logf("batch done in %v; slowest page answer %v; progress seen between 0 and max: %v; long tasks on the UI thread: %d, longest %d ms",
		time.Since(start).Round(time.Millisecond), worst.Round(time.Millisecond), sawMoving, len(long), longest)
	if worst > 1500*time.Millisecond {
		t.Errorf("the page took %v to answer a trivial evaluation during the batch: the UI thread is blocked", worst)
	}
	if longest > 2000 {
		t.Errorf("a %d ms long task ran on the UI thread during the batch: image work must stay in workers", longest)
	}
	if p.Value != p.Max || (p.Max != float64(len(e2eInputs)) && p.Max != float64(len(e2eInputs)-1)) {
		t.Errorf("#progress at the end = %v/%v, want files done / total = %d/%d (or %d/%d without the skipped file)",
			p.Value, p.Max, len(e2eInputs), len(e2eInputs), len(e2eInputs)-1, len(e2eInputs)-1)
	}
	if !p.Download {
		t.Errorf("body[data-state=done] but no #download link")
	}
}

// checkReportTable checks that #report tr mirrors the report (one row per
// input × preset).
func (s *e2eSession) checkReportTable(t *testing.T) {
	t.Helper()
	n := s.eval(t, "#report rows", `Array.from(document.querySelectorAll("#report tr")).filter((tr) => tr.querySelector("td")).length`)
	want := strconv.Itoa(len(e2eInputs) * len(e2ePresets))
	if n != want {
		t.Errorf("#report has %s data rows, want %s (one per input × preset, like report.csv)", n, want)
	}
}

// download clicks #download and returns the saved ZIP's path.
func (s *e2eSession) download(t *testing.T) string {
	t.Helper()
	var link struct {
		Href     string `json:"href"`
		Download string `json:"download"`
	}
	s.evalInto(t, "#download", `(() => { const a = document.querySelector("#download"); return a ? {href: a.getAttribute("href") || "", download: a.getAttribute("download") || ""} : null; })()`, &link)
	if !strings.HasPrefix(link.Href, "blob:") {
		t.Errorf("#download href=%q, want a blob: URL (the ZIP is built in the page, nothing is uploaded)", link.Href)
	}
	if link.Download != "picmark.zip" {
		t.Errorf("#download download=%q, want \"picmark.zip\"", link.Download)
	}
	ctx, cancel := s.step(60 * time.Second)
	defer cancel()
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#download"))); err != nil {
		t.Fatalf("clicking #download: %v\n%s", err, s.snapshot())
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the ZIP download: %v\n%s", err, s.snapshot())
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			path := ev.FilePath
			if path == "" {
				path = filepath.Join(s.dl, ev.GUID)
			}
			t.Logf("downloaded %s (%.0f bytes)", path, ev.ReceivedBytes)
			return path
		case browser.DownloadProgressStateCanceled:
			t.Fatalf("the ZIP download was canceled\n%s", s.snapshot())
		}
	}
	t.Fatalf("no download event")
	return ""
}

// checkOfflineCache checks, before the network goes, that the service
// worker controls the page and holds everything the app needs.
func (s *e2eSession) checkOfflineCache(t *testing.T) {
	t.Helper()
	var c struct {
		Controlled bool     `json:"controlled"`
		URLs       []string `json:"urls"`
	}
	s.evalInto(t, "service worker cache", `(async () => {
  await navigator.serviceWorker.ready;
  const urls = [];
  for (const k of await caches.keys()) {
    const c = await caches.open(k);
    for (const r of await c.keys()) urls.push(r.url);
  }
  return {controlled: !!navigator.serviceWorker.controller, urls};
})()`, &c)
	if !c.Controlled {
		t.Errorf("no service worker controls the page after two visits")
	}
	var missing []string
	for _, f := range []string{"app.wasm", "worker.wasm", "worker.js"} {
		found := false
		for _, u := range c.URLs {
			if strings.HasSuffix(strings.SplitN(u, "?", 2)[0], "/"+f) {
				found = true
			}
		}
		if !found {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the service worker cache lacks %v (list them in go-app's CacheableResources); it holds %q", missing, c.URLs)
	}
}

func (s *e2eSession) goOffline(t *testing.T) {
	t.Helper()
	ctx, cancel := s.step(10 * time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("Network.emulateNetworkConditionsByRule offline: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("Network.overrideNetworkState offline: %v", err)
	}
}

// checkNetwork fails on any request to another host or with a body.
func (s *e2eSession) checkNetwork(t *testing.T) {
	t.Helper()
	s.px.mu.Lock()
	all := slices.Clone(s.px.reqs)
	s.px.mu.Unlock()
	s.mu.Lock()
	all = append(all, s.cdp...)
	s.mu.Unlock()
	host := s.px.target.Host
	var bad []string
	counts := map[string]int{}
	for _, r := range all {
		counts[r.via]++
		u, err := url.Parse(r.url)
		switch {
		case r.hasBody:
			bad = append(bad, r.String())
		case r.via == "proxy" && (r.method == http.MethodConnect || u == nil || u.Host != host):
			bad = append(bad, r.String())
		case err != nil:
			bad = append(bad, r.String()+" (unparsable URL)")
		case u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss":
			if u.Host != host {
				bad = append(bad, r.String())
			}
		case u.Scheme == "blob" || u.Scheme == "data" || u.Scheme == "about":
			// Not network traffic.
		default:
			bad = append(bad, r.String()+" (unexpected scheme)")
		}
	}
	// While offline only the browser's own service-worker update checks
	// should get as far as the proxy (which refuses them).
	offline := map[string]int{}
	for _, r := range all {
		if r.via == "proxy" && r.phase == "offline" {
			offline[r.method+" "+r.url]++
		}
	}
	for u, n := range offline {
		t.Logf("offline, refused by the proxy: %s ×%d", u, n)
	}
	t.Logf("requests recorded: %d by the proxy (page, workers, service worker), %d by CDP on the page", counts["proxy"], counts["cdp"])
	if len(bad) > 0 {
		if len(bad) > 25 {
			bad = append(bad[:25], fmt.Sprintf("… and %d more", len(bad)-25))
		}
		t.Errorf("requests that went to another host than %s or carried a body (nothing may leave the machine):\n  %s", host, strings.Join(bad, "\n  "))
	}
}

// checkConsole fails on console errors, exceptions and CSP violations.
func (s *e2eSession) checkConsole(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	errs := slices.Clone(s.console)
	s.mu.Unlock()
	var bad []string
	for _, e := range errs {
		// With the server gone and the network off, the browser logs the
		// loads it could not make; that is not the page failing.
		if strings.HasPrefix(e, "[offline]") && (strings.Contains(e, "net::ERR_INTERNET_DISCONNECTED") || strings.Contains(e, "net::ERR_")) {
			t.Logf("offline, expected: %s", e2eShort(e))
			continue
		}
		bad = append(bad, e2eShort(e))
	}
	if len(bad) > 0 {
		t.Errorf("console errors or uncaught exceptions:\n  %s", strings.Join(bad, "\n  "))
	}
	ctx, cancel := s.step(5 * time.Second)
	defer cancel()
	csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__e2e ? window.__e2e.csp : []`))
	if err != nil {
		t.Errorf("reading CSP violations: %v", err)
	} else if len(csp) > 0 {
		t.Errorf("Content-Security-Policy violations: %q", csp)
	}
}

func e2eShort(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// ---------------------------------------------------------------------------
// Checking the ZIP.

type e2eMode int

const (
	e2eStrict      e2eMode = iota // every photo × preset done
	e2eWorkerDeath                // photo rows may have failed because a worker stopped
)

type e2eRow struct {
	input, preset, output string
	width, height         int
	bytes                 int64
	status, message       string
}

// checkZip opens the downloaded ZIP and checks every output and report.csv.
func (s *e2eSession) checkZip(t *testing.T, path string, mode e2eMode) []e2eRow {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the downloaded file is not a ZIP archive/zip can open: %v", err)
	}
	defer zr.Close()
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		if _, dup := entries[f.Name]; dup {
			t.Errorf("ZIP: entry %q appears twice", f.Name)
		}
		entries[f.Name] = f
	}
	rf, ok := entries["report.csv"]
	if !ok {
		t.Fatalf("ZIP has no report.csv; entries: %q", e2eNames(entries))
	}
	rows := e2eReadReport(t, e2eRead(t, rf))
	t.Logf("ZIP: %d entries, report.csv: %d rows", len(entries), len(rows))

	// One row per input × preset, nothing else.
	byKey := map[[2]string]e2eRow{}
	for _, r := range rows {
		k := [2]string{r.input, r.preset}
		if _, dup := byKey[k]; dup {
			t.Errorf("report.csv: two rows for %s × %s", r.input, r.preset)
		}
		byKey[k] = r
	}
	if len(rows) != len(e2eInputs)*len(e2ePresets) {
		t.Errorf("report.csv has %d rows, want %d (%d inputs × %d presets)", len(rows), len(e2eInputs)*len(e2ePresets), len(e2eInputs), len(e2ePresets))
	}
	wantEntries := map[string]bool{"report.csv": true}
	for _, in := range e2eInputs {
		for _, pr := range e2ePresets {
			r, ok := byKey[[2]string{in, pr.id}]
			if !ok {
				t.Errorf("report.csv: no row for %s × %s: every input must end as an output or a report line", in, pr.id)
				continue
			}
			for _, bad := range []string{"panic", "runtime error", "goroutine", "undefined", "[object", "<nil>", "%!"} {
				if strings.Contains(r.message, bad) {
					t.Errorf("report.csv %s × %s: the message %q is not plain words (contains %q)", in, pr.id, r.message, bad)
				}
			}
			size, photo := e2ePhotos[in]
			if mode == e2eWorkerDeath && r.status == "failed" && strings.Contains(strings.ToLower(r.message), "worker") {
				// Killed mid-job: reported as failed, with the reason.
				continue
			}
			if !photo {
				if r.status != "failed" || strings.TrimSpace(r.message) == "" || r.output != "" {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q, want failed with a reason and no output", in, pr.id, r.status, r.output, r.message)
				}
				e2eCheckReason(t, in, pr.id, r.message)
				continue
			}
			if r.status == "failed" && mode == e2eWorkerDeath {
				t.Errorf("report.csv %s × %s failed after the workers were killed, but the message %q does not say a worker stopped", in, pr.id, r.message)
				continue
			}
			wantName := pr.id + "/" + strings.TrimSuffix(in, filepath.Ext(in)) + ".jpg"
			want := pr.outSize(size)
			if r.status != "done" || r.output != wantName || r.width != want.X || r.height != want.Y {
				t.Errorf("report.csv %s × %s: status=%q output=%q %d×%d (%q), want done %q %d×%d",
					in, pr.id, r.status, r.output, r.width, r.height, r.message, wantName, want.X, want.Y)
				continue
			}
			wantEntries[wantName] = true
			f, ok := entries[wantName]
			if !ok {
				t.Errorf("ZIP: no entry %q (report says done); entries: %q", wantName, e2eNames(entries))
				continue
			}
			data := e2eRead(t, f)
			if int64(len(data)) != r.bytes {
				t.Errorf("%s: %d bytes in the ZIP, report.csv says %d", wantName, len(data), r.bytes)
			}
			if f.Method != zip.Store {
				t.Errorf("%s: ZIP method %d, want Store (0): JPEGs are already compressed", wantName, f.Method)
			}
			s.checkOutput(t, wantName, data, pr, want, in)
		}
	}
	for name := range entries {
		if !wantEntries[name] {
			t.Errorf("ZIP: unexpected entry %q (no done row in report.csv names it)", name)
		}
	}
	return rows
}

// e2eCheckReason checks that a bad file's reason names the problem.
func e2eCheckReason(t *testing.T, in, preset, msg string) {
	t.Helper()
	m := strings.ToLower(msg)
	var want []string
	switch in {
	case "shoot/notes.txt":
		want = []string{"image"}
	case "shoot/huge.jpg":
		want = []string{"pixels", "megapixel"}
	case "shoot/broken.jpg":
		want = []string{"damaged", "incomplete", "truncated", "ends early", "corrupt"}
	}
	if len(want) == 0 {
		return
	}
	for _, w := range want {
		if strings.Contains(m, w) {
			return
		}
	}
	t.Errorf("report.csv %s × %s: the reason %q does not say what is wrong in plain words (want one of %q)", in, preset, msg, want)
}

func e2eNames(m map[string]*zip.File) []string {
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func e2eRead(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatalf("ZIP entry %s: %v", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("ZIP entry %s: %v (CRC or size wrong?)", f.Name, err)
	}
	return data
}

func e2eReadReport(t *testing.T, data []byte) []e2eRow {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("report.csv is not valid CSV: %v\n%s", err, data)
	}
	header := "input,preset,output,width,height,bytes,status,message"
	if len(recs) == 0 || strings.Join(recs[0], ",") != header {
		t.Fatalf("report.csv header = %q, want %q", recs, header)
	}
	var rows []e2eRow
	for i, rec := range recs[1:] {
		w, err1 := strconv.Atoi(e2eOr0(rec[3]))
		h, err2 := strconv.Atoi(e2eOr0(rec[4]))
		b, err3 := strconv.ParseInt(e2eOr0(rec[5]), 10, 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Errorf("report.csv line %d %q: %v", i+2, rec, err)
		}
		rows = append(rows, e2eRow{rec[0], rec[1], rec[2], w, h, b, rec[6], rec[7]})
	}
	return rows
}

func e2eOr0(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// checkOutput decodes one output and checks size, cap, metadata, the logo's
// place and, for the portrait, that it is upright.
func (s *e2eSession) checkOutput(t *testing.T, name string, data []byte, pr e2ePreset, want image.Point, input string) {
	t.Helper()
	if int64(len(data)) > pr.cap {
		t.Errorf("%s: %d bytes, over %s's cap of %d", name, len(data), pr.id, pr.cap)
	}
	if err := e2eNoMetadata(data); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: not a JPEG Go can decode: %v", name, err)
		return
	}
	if got := img.Bounds().Size(); got != want {
		t.Errorf("%s: %v, want exactly %v", name, got, want)
		return
	}
	s.checkLogo(t, name, img, pr)
	if input == "shoot/sub/portrait.jpg" {
		e2eCheckUpright(t, name, img)
	}
	if input == "shoot/beach.jpg" {
		// The sky is at the top.
		c := e2eAvg(img, want.X/2, want.Y/20, 6)
		if !(c[2] > c[0]+40) {
			t.Errorf("%s: top centre is %v, want the blue sky of beach.jpg (output flipped or wrong?)", name, c)
		}
	}
}

// e2eNoMetadata checks that a JPEG carries no APPn segment but JFIF.
func e2eNoMetadata(data []byte) error {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return errors.New("does not start with a JPEG SOI marker")
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return fmt.Errorf("malformed JPEG marker at %d", i)
		}
		m := data[i+1]
		if m == 0xDA { // start of scan: the headers are over
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if m >= 0xE1 && m <= 0xEF {
			return fmt.Errorf("carries an APP%d segment (%q…): outputs must carry no metadata", m-0xE0, e2eShort(string(data[i+4:min(i+14, len(data))])))
		}
		i += 2 + n
	}
	return nil
}

// e2eAvg is the mean RGB of a (2r+1)² square.
func e2eAvg(img image.Image, x, y, r int) [3]int {
	var sum [3]int
	n := 0
	for yy := y - r; yy <= y+r; yy++ {
		for xx := x - r; xx <= x+r; xx++ {
			if !(image.Pt(xx, yy).In(img.Bounds())) {
				continue
			}
			cr, cg, cb, _ := img.At(xx, yy).RGBA()
			sum[0] += int(cr >> 8)
			sum[1] += int(cg >> 8)
			sum[2] += int(cb >> 8)
			n++
		}
	}
	if n == 0 {
		return sum
	}
	return [3]int{sum[0] / n, sum[1] / n, sum[2] / n}
}

// e2eCheckUpright checks the portrait's painted markers: blue top-left,
// yellow top-right, green below.
func e2eCheckUpright(t *testing.T, name string, img image.Image) {
	t.Helper()
	b := img.Bounds().Size()
	tl := e2eAvg(img, b.X/4, b.Y*8/100, 6)
	tr := e2eAvg(img, b.X*3/4, b.Y*8/100, 6)
	mid := e2eAvg(img, b.X/2, b.Y*55/100, 6)
	blue := tl[2] > 150 && tl[0] < 100 && tl[1] < 130
	yellow := tr[0] > 150 && tr[1] > 150 && tr[2] < 110
	green := mid[1] > mid[0]+40 && mid[1] > mid[2]+40
	if !blue || !yellow || !green {
		t.Errorf("%s is not upright: top-left %v (want blue), top-right %v (want yellow), middle %v (want green); "+
			"portrait.jpg is stored 1800×1200 with EXIF orientation 6 after an XMP segment and must come out upright, rotated exactly once",
			name, tl, tr, mid)
	}
}

// checkLogo finds the logo's strongly red pixels and checks they are all
// where the logo belongs: bottom-right of the safe area, with a margin.
func (s *e2eSession) checkLogo(t *testing.T, name string, img image.Image, pr e2ePreset) {
	t.Helper()
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	red := image.Rectangle{}
	count, topLeft := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			r, g, bb := int(cr>>8), int(cg>>8), int(cb>>8)
			if r >= 150 && r-max(g, bb) >= 110 {
				count++
				red = red.Union(image.Rect(x, y, x+1, y+1))
				if x < w/2 && y < h/2 {
					topLeft++
				}
			}
		}
	}
	if count == 0 {
		t.Errorf("%s: no logo: not one strongly red pixel (the logo is an opaque red rectangle)", name)
		return
	}
	if topLeft > 0 {
		t.Errorf("%s: %d logo-red pixels in the top-left quadrant; the logo belongs bottom-right", name, topLeft)
	}
	exp := s.fx.expectedRed(w, h, pr)
	tol := 6
	near := func(a, b int) bool { return a-b <= tol && b-a <= tol }
	if !near(red.Min.X, exp.Min.X) || !near(red.Min.Y, exp.Min.Y) || !near(red.Max.X, exp.Max.X) || !near(red.Max.Y, exp.Max.Y) {
		t.Errorf("%s: the logo's red pixels span %v, want %v ±%d px (bottom-right of the safe area, margin 3%% of the width, %.0f%% of the width wide)",
			name, red, exp, tol, s.fx.scale*100)
	}
	s.logf(t, "%s: logo red at %v (expected %v), %d px", name, red, exp, count)
	if area := exp.Dx() * exp.Dy(); count < area*6/10 {
		t.Errorf("%s: only %d strongly red pixels where the logo's red covers %d: the logo is faint or partly missing", name, count, area)
	}
	if red.Max.Y > h-pr.safeBott || red.Min.Y < pr.safeTop {
		t.Errorf("%s: the logo spans rows %d–%d, outside %s's safe zone (%d px top, %d px bottom clear)", name, red.Min.Y, red.Max.Y, pr.id, pr.safeTop, pr.safeBott)
	}
}

// ---------------------------------------------------------------------------
// Fixtures: a real folder of good and bad files, and a logo.

type e2eFixtures struct {
	folder string // absolute path of shoot/
	logo   string
	// The logo is 200×100 with an opaque red rectangle at logoRed.
	logoSize image.Point
	logoRed  image.Rectangle
	scale    float64 // share of the output width the page gives the logo
}

// expectedRed is where the logo's red rectangle must land on a w×h output:
// brand.LogoRect's rule (bottom-right of the safe area, margin 3% of the
// width, at least 4 px; width scale × output width; aspect kept).
func (fx e2eFixtures) expectedRed(w, h int, pr e2ePreset) image.Rectangle {
	margin := max(4, int(math.Round(0.03*float64(w))))
	lw := int(math.Round(fx.scale * float64(w)))
	lh := int(math.Round(float64(lw) * float64(fx.logoSize.Y) / float64(fx.logoSize.X)))
	maxX, maxY := w-margin, h-pr.safeBott-margin
	box := image.Rect(maxX-lw, maxY-lh, maxX, maxY)
	k := float64(lw) / float64(fx.logoSize.X)
	return image.Rect(
		box.Min.X+int(math.Round(float64(fx.logoRed.Min.X)*k)),
		box.Min.Y+int(math.Round(float64(fx.logoRed.Min.Y)*k)),
		box.Min.X+int(math.Round(float64(fx.logoRed.Max.X)*k)),
		box.Min.Y+int(math.Round(float64(fx.logoRed.Max.Y)*k)),
	)
}

func e2eMakeFixtures(t *testing.T, dir string) e2eFixtures {
	t.Helper()
	shoot := filepath.Join(dir, "shoot")
	if err := os.MkdirAll(filepath.Join(shoot, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(rel string, data []byte) {
		if err := os.WriteFile(filepath.Join(shoot, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	beach := e2eJPEG(t, e2eBeach(2400, 1600), 88)
	write("beach.jpg", beach)
	write("sub/portrait.jpg", e2eWithOrientation6(e2eJPEG(t, e2eStoredPortrait(), 88)))
	write("notes.txt", []byte("Shoot notes: beach at golden hour, portrait by the dunes.\nUse the blue logo for Pinterest.\n"))
	broken := e2eJPEG(t, e2eBeach(800, 600), 90)
	write("broken.jpg", broken[:len(broken)/2])
	write("huge.jpg", e2eHugeJPEG(t))
	thin := image.NewNRGBA(image.Rect(0, 0, 256, 1))
	for x := range 256 {
		thin.Set(x, 0, color.NRGBA{uint8(x), 128, uint8(255 - x), 255})
	}
	write("thin.png", e2ePNG(t, thin))

	fx := e2eFixtures{folder: shoot, logoSize: image.Pt(200, 100), logoRed: image.Rect(20, 20, 180, 80), scale: 0.2}
	logo := image.NewNRGBA(image.Rectangle{Max: fx.logoSize})
	for y := fx.logoRed.Min.Y; y < fx.logoRed.Max.Y; y++ {
		for x := fx.logoRed.Min.X; x < fx.logoRed.Max.X; x++ {
			logo.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 255})
		}
	}
	fx.logo = filepath.Join(dir, "logo.png")
	if err := os.WriteFile(fx.logo, e2ePNG(t, logo), 0o644); err != nil {
		t.Fatal(err)
	}
	return fx
}

// e2eBeach paints a photo-like scene with no strong red anywhere: sky
// gradient, sun, sea with waves, sand, a few dark shapes.
func e2eBeach(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sunX, sunY, sunR := float64(w)*0.7, float64(h)*0.25, float64(h)*0.09
	for y := range h {
		fy := float64(y) / float64(h)
		for x := range w {
			fx := float64(x) / float64(w)
			var c color.RGBA
			switch {
			case fy < 0.5: // sky, lighter towards the horizon
				c = color.RGBA{uint8(60 + 120*fy), uint8(120 + 150*fy), 235, 255}
				if dx, dy := float64(x)-sunX, float64(y)-sunY; dx*dx+dy*dy < sunR*sunR {
					c = color.RGBA{255, 235, 120, 255}
				}
			case fy < 0.72: // sea with waves
				wave := 20 * math.Sin(fx*60+fy*200)
				c = color.RGBA{20, uint8(90 + wave), uint8(160 + wave), 255}
			default: // sand with texture
				n := 12 * math.Sin(fx*400) * math.Cos(fy*300)
				c = color.RGBA{uint8(225 + n), uint8(200 + n), uint8(150 + n), 255}
			}
			// A few dark rocks.
			if fy > 0.65 && fy < 0.8 && math.Abs(fx-0.2-0.05*math.Sin(fy*40)) < 0.04 {
				c = color.RGBA{50, 55, 60, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// e2eStoredPortrait paints the upright 1200×1800 portrait (top band: blue
// left half, yellow right half; green below), stored rotated for EXIF
// orientation 6: stored S(sx, sy) = upright U(1199-sy, sx).
func e2eStoredPortrait() *image.RGBA {
	const uw, uh = 1200, 1800
	upright := func(x, y int) color.RGBA {
		if y < uh*30/100 {
			if x < uw/2 {
				return color.RGBA{20, 40, 230, 255}
			}
			return color.RGBA{240, 220, 30, 255}
		}
		n := 25 * math.Sin(float64(x)/37) * math.Cos(float64(y)/53)
		return color.RGBA{uint8(50 + n), uint8(170 + n), uint8(60 + n), 255}
	}
	img := image.NewRGBA(image.Rect(0, 0, uh, uw))
	for sy := range uw {
		for sx := range uh {
			img.SetRGBA(sx, sy, upright(uw-1-sy, sx))
		}
	}
	return img
}

// e2eWithOrientation6 inserts, right after SOI, an XMP APP1 segment and then
// an EXIF APP1 segment saying orientation 6 (rotate 90° clockwise).
func e2eWithOrientation6(j []byte) []byte {
	seg := func(payload []byte) []byte {
		b := []byte{0xFF, 0xE1, 0, 0}
		binary.BigEndian.PutUint16(b[2:], uint16(len(payload)+2))
		return append(b, payload...)
	}
	xmp := append([]byte("http://ns.adobe.com/xap/1.0/\x00"),
		`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>picmark e2e</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`...)
	exif := []byte("Exif\x00\x00")
	exif = append(exif, 'M', 'M', 0, 42, 0, 0, 0, 8) // big-endian TIFF, IFD0 at 8
	exif = append(exif, 0, 1)                        // one entry
	exif = append(exif, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0)
	exif = append(exif, 0, 0, 0, 0) // no next IFD
	out := append([]byte{}, j[:2]...)
	out = append(out, seg(xmp)...)
	out = append(out, seg(exif)...)
	return append(out, j[2:]...)
}

// e2eHugeJPEG is a tiny valid JPEG whose SOF0 claims 65500×65500.
func e2eHugeJPEG(t *testing.T) []byte {
	t.Helper()
	j := e2eJPEG(t, image.NewGray(image.Rect(0, 0, 8, 8)), 50)
	i := bytes.Index(j, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 in Go's JPEG")
	}
	binary.BigEndian.PutUint16(j[i+5:], 65500) // height
	binary.BigEndian.PutUint16(j[i+7:], 65500) // width
	if len(j) > 1000 {
		t.Fatalf("huge.jpg is %d bytes, want a few hundred", len(j))
	}
	return j
}

func e2eJPEG(t *testing.T, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func e2ePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
