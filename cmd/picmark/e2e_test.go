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
	"encoding/base64"
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
	"iter"
	"maps"
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
	xdraw "golang.org/x/image/draw"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/preset"
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
// the platforms' own, as the preset table cites them with their sources
// (internal/preset/preset.go), written out here on purpose rather than read
// from internal/preset, so a change to the table is caught too.
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

// e2eEnv is one browser test's world: the site built from this tree and
// served on 127.0.0.1 through the recording proxy, the fixtures, and a
// browser on it. Everything is closed when the test ends.
type e2eEnv struct {
	root, site string
	fx         e2eFixtures
	srv        *httptest.Server
	px         *e2eProxy
	s          *e2eSession
}

// e2eOpen sets up a browser test. serve, when not nil, wraps the site's
// handler (to swap it for a new version, say).
func e2eOpen(t *testing.T, budget time.Duration, serve func(http.Handler) http.Handler) *e2eEnv {
	t.Helper()
	if _, err := os.Stat(e2eChromium); err != nil {
		t.Fatalf("the browser tests need Debian's Chromium at %s (%v): run `apt-get install -y chromium` (make test does)", e2eChromium, err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	env := &e2eEnv{root: root}
	env.site = e2eBuildSite(t, root)
	env.fx = e2eMakeFixtures(t, t.TempDir())
	h, err := newHandler(env.site)
	if err != nil {
		t.Fatalf("newHandler(%s): %v", env.site, err)
	}
	if serve != nil {
		h = serve(h)
	}
	env.srv = httptest.NewServer(h)
	t.Cleanup(env.srv.Close)
	env.px = e2eNewProxy(t, env.srv.URL)
	t.Cleanup(env.px.srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	t.Cleanup(cancel)
	env.s = e2eStartBrowser(t, ctx, env.px)
	env.s.fx = env.fx
	return env
}

// TestE2EBrowser is the whole marketer's path in a real browser.
func TestE2EBrowser(t *testing.T) {
	env := e2eOpen(t, e2eBudget, nil)
	srv, px, s, fx := env.srv, env.px, env.s, env.fx

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
		// The batch's first job is held in its worker (picmarkDebug.holdAfter)
		// and nothing else is handed out meanwhile: every worker of the batch
		// is killed while one of them certainly holds a photo and the rest of
		// the batch waits in the queue.
		s.eval(t, "recording worker jobs", e2eRecordJobs)
		s.eval(t, "hold the first job", `(window.picmarkDebug.holdAfter(0), true)`)
		n := s.runs(t)
		s.click(t, "#start")
		s.waitJS(t, "the batch's first job held in its worker", `window.picmarkDebug.held() !== ""`, 60*time.Second)
		var kill struct {
			Held string `json:"held"`
			Made int    `json:"made"`
		}
		s.evalInto(t, "killWorkers", `(() => {
  const held = window.picmarkDebug.held(), made = window.__e2e.workersMade;
  window.picmarkDebug.killWorkers();
  return {held, made};
})()`, &kill)
		t.Logf("killed every worker of the batch while one held %s (%d workers started so far)", kill.Held, kill.Made)
		s.waitDone(t, n)
		// The photo is reported, with the reason; every other input is
		// accounted for as usual.
		s.checkZip(t, s.download(t), e2eMode{killed: kill.Held})
		// The rest was made by workers started after the kill, and the
		// killed photo was not sent again behind the user's back.
		var jobs []e2eSentJob
		s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
		sent := map[string]int{}
		for _, j := range jobs {
			sent[j.Input]++
			if j.Input != kill.Held && j.Worker <= kill.Made {
				t.Errorf("%s went to worker #%d, started before the kill (%d workers then): no worker was started to replace the killed ones", j.Input, j.Worker, kill.Made)
			}
		}
		if sent[kill.Held] != 1 || len(sent) != len(e2eInputs)-1 {
			t.Errorf("jobs sent per photo: %v; want each of the %d files the page takes once, %s included", sent, len(e2eInputs)-1, kill.Held)
		}

		// Retry makes the killed photo on the same page: then nothing is missing.
		if !s.enabled(t, "#start") || !s.enabled(t, "#retry") {
			t.Fatalf("#start or #retry is missing or disabled after a batch that lost a worker")
		}
		n = s.runs(t)
		s.click(t, "#retry")
		s.waitDone(t, n)
		s.checkZip(t, s.download(t), e2eStrict)
	})

	t.Run("engine-depth", func(t *testing.T) {
		s.setPhase("engine-depth")
		// The page remembers its settings: the next subtest must find the
		// defaults again, whatever happens here.
		defer s.forgetSettings(t)
		s.load(t, srv.URL)
		s.engineDepth(t)
	})

	t.Run("byte-cap", func(t *testing.T) {
		s.setPhase("byte-cap")
		defer s.forgetSettings(t)
		s.load(t, srv.URL)
		s.byteCap(t)
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
		if strings.HasPrefix(base, "app.wasm") || strings.HasPrefix(base, "worker.wasm") { // worker.wasm: older builds
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
	} {
		start := time.Now()
		// The Makefile's WASM_FLAGS: the bytes a first visit downloads.
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags="+e2eWasmLDFlags, "-o", filepath.Join(site, b.out), b.pkg)
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

// e2eWasmLDFlags are the Makefile's: no symbol table or name section (the
// bench keeps the names when it profiles).
var e2eWasmLDFlags = "-s -w"

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
// CSP violations and long tasks (make bench's to judge), counts finished
// runs, and numbers the Workers the page starts (__e2eNo, in order;
// workersMade so far), so a test can tell a replacement from the worker
// it replaced.
const e2eInit = `
window.__e2e = {csp: [], longTasks: [], longTaskLog: [], runs: 0, workersMade: 0};
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = function (url, opts) {
    const w = new Native(url, opts);
    w.__e2eNo = ++window.__e2e.workersMade;
    return w;
  };
  window.Worker.prototype = Native.prototype;
})();
document.addEventListener("securitypolicyviolation", (e) => {
  window.__e2e.csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
try {
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      window.__e2e.longTasks.push(Math.round(e.duration));
      window.__e2e.longTaskLog.push({at: Math.round(e.startTime), ms: Math.round(e.duration)});
    }
  })
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
		// except three hosts Chromium itself calls whatever the flags (Debian's
		// launcher exports Google API keys: an on-demand component install
		// and the account check; and, right after the first keystroke in a
		// text field, a download from redirector.gvt1.com, the host of its
		// spell-check dictionaries). Those go direct and this network refuses
		// them; the page's own requests to them would still show in CDP.
		chromedp.ProxyServer(px.srv.URL),
		chromedp.Flag("proxy-bypass-list", "<-loopback>;update.googleapis.com;accounts.google.com;redirector.gvt1.com"),
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

// e2ePollEvery paces every poll of the page: how often a condition is
// asked again, never how long something may take.
const e2ePollEvery = 100 * time.Millisecond

// waitJS polls expr (a value, or a promise of one) until it is truthy;
// timeout is a generous deadline for a condition that never comes.
func (s *e2eSession) waitJS(t *testing.T, what, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	last := ""
	for ; ; time.Sleep(e2ePollEvery) {
		ctx, cancel := s.step(20 * time.Second)
		raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`Promise.resolve(`+expr+`).then((v) => !!v)`, chromedp.EvalAwaitPromise))
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
	s.waitJS(t, "the app starting (go-app loader gone, #start present)",
		`document.body && !document.getElementById("app-wasm-loader") && document.querySelector("#start")`, 60*time.Second)
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
	// System files (.DS_Store, Thumbs.db) are left out of the list.
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !batch.SystemFile(p) {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s.waitJS(t, fmt.Sprintf("the dropped folder listed: #file-list li = %d", n),
		fmt.Sprintf(`document.querySelectorAll("#file-list li").length >= %d`, n), 20*time.Second)
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
	// The page reads the file and shows it (or an error): from then on the
	// logo is in the settings a batch is made with.
	s.waitJS(t, "the page taking the logo (#logo-preview or #logo-error)",
		`document.querySelector("#logo-preview, #logo-error")`, 10*time.Second)
	if msg := s.eval(t, "logo error", `(() => { const e = document.querySelector("#logo-error"); return e ? e.textContent.trim() : ""; })()`); msg != `""` {
		t.Fatalf("the page refused the logo (a 200×100 PNG with transparency): %s", msg)
	}
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

// waitDone waits for the batch started after `before` finished runs and
// checks the page shows it whole. How long the batch and the page's tasks
// take is make bench's to measure (its long-task target), not this test's.
func (s *e2eSession) waitDone(t *testing.T, before int) {
	t.Helper()
	var p struct {
		Value    float64 `json:"value"`
		Max      float64 `json:"max"`
		Download bool    `json:"download"`
	}
	s.waitJS(t, "the batch done (body[data-state=done])", fmt.Sprintf(`window.__e2e.runs > %d && document.body.dataset.state === "done"`, before), 90*time.Second)
	s.evalInto(t, "progress", `(() => { const p = document.querySelector("#progress");
  return {value: p ? p.value : -1, max: p ? p.max : -1, download: !!document.querySelector("#download")}; })()`, &p)
	if p.Value != p.Max || p.Max < 1 {
		t.Errorf("#progress at the end = %v/%v, want every file of the run done", p.Value, p.Max)
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
	path, _ := s.awaitDownload(t, "#download")
	return path
}

// awaitDownload clicks sel and waits for the download it starts; it returns
// the saved file's path and the name the page suggested for it.
func (s *e2eSession) awaitDownload(t *testing.T, sel string) (path, suggested string) {
	t.Helper()
	ctx, cancel := s.step(60 * time.Second)
	defer cancel()
	// Both subscriptions start here, before the click: no event is missed.
	begins := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("clicking %s: %v\n%s", sel, err, s.snapshot())
	}
	guid := ""
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download started by clicking %s: %v\n%s", sel, err, s.snapshot())
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatalf("the download started by clicking %s was canceled\n%s", sel, s.snapshot())
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			path, guid = ev.FilePath, ev.GUID
			if path == "" {
				path = filepath.Join(s.dl, ev.GUID)
			}
			t.Logf("downloaded %s (%.0f bytes)", path, ev.ReceivedBytes)
			break
		}
	}
	if guid == "" {
		t.Fatalf("no download event after clicking %s", sel)
	}
	// The download began before it completed: its event is already queued.
	next, stop := iter.Pull2(begins)
	defer stop()
	for {
		ev, err, ok := next()
		if !ok || err != nil {
			t.Fatalf("no Browser.downloadWillBegin event for the download %s started (%v)", sel, err)
		}
		if ev.GUID == guid {
			return path, ev.SuggestedFilename
		}
	}
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
	for _, f := range requiredWebFiles { // every script module among them
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

// e2eMode says what checkZip expects of the photos: every photo × preset
// done (e2eStrict), but for killed, the input whose worker was killed
// while it held it: reported failed, with that reason.
type e2eMode struct{ killed string }

var e2eStrict = e2eMode{}

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
			if in == mode.killed {
				if r.status != "failed" || r.output != "" || !strings.Contains(r.message, "the image worker stopped while working on this file") ||
					!strings.Contains(r.message, "Try this file again") {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q; its worker was killed holding it: want failed, saying so and what to do",
						in, pr.id, r.status, r.output, r.message)
				}
				continue
			}
			if !photo {
				if r.status != "failed" || strings.TrimSpace(r.message) == "" || r.output != "" {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q, want failed with a reason and no output", in, pr.id, r.status, r.output, r.message)
				}
				e2eCheckReason(t, in, pr.id, r.message)
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

// e2eZipFiles reads a downloaded ZIP whole: each entry's bytes by name.
func e2eZipFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the ZIP does not open: %v", err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		files[f.Name] = e2eRead(t, f)
	}
	return files
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

// e2eDecodeOutput checks what every output must be — under the preset's
// cap, without metadata, a JPEG of exactly want — and returns it decoded,
// or nil when it cannot be decoded or has the wrong size.
func e2eDecodeOutput(t *testing.T, name string, data []byte, pr e2ePreset, want image.Point) image.Image {
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
		return nil
	}
	if got := img.Bounds().Size(); got != want {
		t.Errorf("%s: %v, want exactly %v", name, got, want)
		return nil
	}
	return img
}

// checkOutput decodes one output and checks size, cap, metadata, the logo's
// place and, for the portrait, that it is upright.
func (s *e2eSession) checkOutput(t *testing.T, name string, data []byte, pr e2ePreset, want image.Point, input string) {
	t.Helper()
	img := e2eDecodeOutput(t, name, data, pr, want)
	if img == nil {
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
	logoPNG  []byte  // the logo file's bytes
	// upright holds each photo as decoded from its file and turned upright.
	upright map[string]image.Image
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
	portrait := e2eJPEG(t, e2eStoredPortrait(), 88)
	write("sub/portrait.jpg", e2eWithOrientation6(portrait))
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
	fx.logoPNG = e2ePNG(t, logo)
	if err := os.WriteFile(fx.logo, fx.logoPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	fx.upright = map[string]image.Image{"shoot/beach.jpg": e2eDecodeJPEG(t, beach), "shoot/sub/portrait.jpg": e2eRotate6(e2eDecodeJPEG(t, portrait))}
	return fx
}

func e2eDecodeJPEG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// e2eRotate6 turns a photo stored for EXIF orientation 6 upright: upright
// U(ux, uy) = stored S(uy, h-1-ux), h the stored height.
func e2eRotate6(m image.Image) image.Image {
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for uy := 0; uy < b.Dx(); uy++ {
		for ux := 0; ux < b.Dy(); ux++ {
			out.Set(ux, uy, m.At(b.Min.X+uy, b.Min.Y+b.Dy()-1-ux))
		}
	}
	return out
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

// e2eStoredPortrait is the upright 1200×1800 portrait (e2eUprightPortrait)
// stored rotated for EXIF orientation 6.
func e2eStoredPortrait() *image.RGBA { return e2eStore(e2eUprightPortrait(1200, 1800), 6) }

// e2eUprightPortrait paints a uw×uh portrait: top band, blue left half and
// yellow right half; green below, with a gentle ripple.
func e2eUprightPortrait(uw, uh int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, uw, uh))
	for y := range uh {
		for x := range uw {
			c := color.RGBA{240, 220, 30, 255}
			switch {
			case y >= uh*30/100:
				n := 25 * math.Sin(float64(x)/37) * math.Cos(float64(y)/53)
				c = color.RGBA{uint8(50 + n), uint8(170 + n), uint8(60 + n), 255}
			case x < uw/2:
				c = color.RGBA{20, 40, 230, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// e2eStore is how a camera stores upright u under EXIF orientation o, from
// the EXIF definition of each value (which side of the scene row 0 and
// column 0 of the stored image are).
func e2eStore(u *image.RGBA, o int) *image.RGBA {
	W, H := u.Rect.Dx(), u.Rect.Dy()
	sw, sh := W, H
	if o >= 5 {
		sw, sh = H, W
	}
	s := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range sh {
		for x := range sw {
			var ux, uy int
			switch o {
			case 2:
				ux, uy = W-1-x, y
			case 3:
				ux, uy = W-1-x, H-1-y
			case 4:
				ux, uy = x, H-1-y
			case 5:
				ux, uy = y, x
			case 6:
				ux, uy = W-1-y, x
			case 7:
				ux, uy = W-1-y, H-1-x
			case 8:
				ux, uy = y, H-1-x
			default:
				ux, uy = x, y
			}
			s.SetRGBA(x, y, u.RGBAAt(ux, uy))
		}
	}
	return s
}

// e2eWithOrientation6 inserts, right after SOI, an XMP APP1 segment and then
// an EXIF APP1 segment saying orientation 6 (rotate 90° clockwise).
func e2eWithOrientation6(j []byte) []byte { return e2eWithOrientation(j, 6) }

// e2eWithOrientation is e2eWithOrientation6 for any EXIF orientation o.
func e2eWithOrientation(j []byte, o byte) []byte {
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
	exif = append(exif, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0)
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

// ---------------------------------------------------------------------------
// Engine depth: the page's framing, branding and format controls used as a
// person would, checked in the unzipped output, and the brand kit the page
// exports run through `picmark process` for the same pictures.

// e2eDepthText is the text typed in #text.
const e2eDepthText = "Summer sale"

// e2eShop is the format added through the page's "add your own format" form.
var e2eShop = e2ePreset{id: "shop-square", w: 600, h: 600, cap: 5 << 20}

// e2eFocal is where the test clicks the portrait in the focal point editor,
// as fractions of its width and height.
var e2eFocal = [2]float64{0.30, 0.20}

// e2eSettingsKey is where the page remembers its settings.
const e2eSettingsKey = "picmark.settings.v1"

// e2eDepthPresets are the formats of the engine-depth batch, in the page's order.
func e2eDepthPresets() []e2ePreset {
	for _, p := range e2ePresets {
		if p.id == "snapchat-story" {
			return []e2ePreset{p, e2eShop}
		}
	}
	panic("no snapchat-story in e2ePresets")
}

// e2eSentJob is what the page posted to a worker for one photo, the
// worker it went to (e2eInit's number), and which decoder the worker says
// it used.
type e2eSentJob struct {
	ID       int         `json:"id"`
	Input    string      `json:"input"`
	Focal    *crop.Point `json:"focal"`
	Settings string      `json:"settings"`
	Worker   int         `json:"worker"`
	Decoder  string      `json:"decoder"`
}

// e2eRecordJobs wraps Worker.prototype.postMessage, in this document only,
// to keep a copy of every job the page sends (its settings are the
// job.Settings JSON the workers render with), the decoder each worker
// says, in its result's stats, it used, and every output a worker sends
// back (window.__e2eMade: what was made, before the page does anything
// with it; see madeSums).
const e2eRecordJobs = `(() => {
  if (!window.__e2eJobs) {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m && m.type === "job") {
        window.__e2eJobs.push({id: m.id, input: String(m.input), focal: m.focal ? {x: m.focal.x, y: m.focal.y} : null,
          settings: String(m.settings), worker: this.__e2eNo || 0, decoder: "", answered: false});
        if (!this.__e2eListens) {
          this.__e2eListens = true;
          this.addEventListener("message", (e) => {
            const d = e.data;
            if (!d || d.type !== "result") return;
            const j = window.__e2eJobs.find((j) => j.id === d.id && !j.answered);
            if (!j) return;
            j.answered = true;
            j.decoder = String((d.stats && d.stats.decoder) || "(not said)");
            for (const f of d.files || []) window.__e2eMade.push({input: j.input, name: String(f.name), blob: f.blob || new Blob([f.data])});
          });
        }
      }
      return post.call(this, m, ...rest);
    };
  }
  window.__e2eJobs = [];
  window.__e2eMade = [];
  return true;
})()`

// e2eMade is one output a worker sent back: its photo, its name and the
// SHA-256 of its bytes.
type e2eMade struct {
	Input string `json:"input"`
	Name  string `json:"name"`
	Sum   string `json:"sum"`
}

// madeSums lists the outputs the workers sent since e2eRecordJobs, in the
// order they came.
func (s *e2eSession) madeSums(t *testing.T) []e2eMade {
	t.Helper()
	var made []e2eMade
	s.evalInto(t, "the outputs the workers made", `Promise.all(window.__e2eMade.map(async (f) => {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await f.blob.arrayBuffer()));
  return {input: f.input, name: f.name, sum: Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("")};
}))`, &made)
	return made
}

func (s *e2eSession) engineDepth(t *testing.T) {
	t.Helper()
	s.dropFolder(t, s.fx.folder)
	s.checkFileList(t)
	s.setLogo(t, s.fx.logo)

	// Framing: smart, and the whole photo on a blurred copy of itself.
	s.choose(t, "#crop", "smart")
	s.choose(t, "#fit", "blur")
	s.waitSetting(t, "#crop smart and #fit blur taken", `S.crop === "smart" && S.fit === "blur"`)
	if s.eval(t, "#pad-color", `!!document.querySelector("#pad-color")`) == "true" {
		t.Errorf("#pad-color is shown with the blur fit; it belongs to the pad fit")
	}

	// Text: open its details, type, leave the field; the band stays.
	s.click(t, "#text-layer > summary")
	s.waitJS(t, "the Text details open", `document.querySelector("#text-layer").open`, 5*time.Second)
	s.typeText(t, "#text", e2eDepthText)
	s.waitSetting(t, "the text in #text taken", `S.text === `+strconv.Quote(e2eDepthText))
	var tc map[string]string
	s.evalInto(t, "text controls", `Object.fromEntries(["text-style", "band-color", "text-anchor", "text-color", "text-font", "text-size"].map(
  (id) => [id, (document.getElementById(id) || {value: "(missing)"}).value]))`, &tc)
	wantText := map[string]string{"text-style": "band", "band-color": "#000000", "text-anchor": "bottom", "text-color": "#ffffff", "text-size": "50"}
	for id, v := range wantText {
		if tc[id] != v {
			t.Errorf("#%s = %q, want the default %q (the test's expectations for the band rely on it)", id, tc[id], v)
		}
	}
	t.Logf("text controls: %v", tc)

	// Formats: Snapchat story only, then a format of our own.
	for _, pr := range e2ePresets {
		if s.eval(t, "#preset-"+pr.id, `document.querySelector("#preset-`+pr.id+`").checked`) == "true" != (pr.id == "snapchat-story") {
			s.click(t, "label[for=preset-"+pr.id+"]")
		}
	}
	s.waitSetting(t, "snapchat-story the only format ticked",
		`Object.keys(S.ticked).filter((k) => S.ticked[k]).join() === "snapchat-story"`)
	s.addCustomFormat(t)
	var boxes []struct {
		Value   string `json:"value"`
		Checked bool   `json:"checked"`
		Label   string `json:"label"`
	}
	s.evalInto(t, "preset checkboxes", `Array.from(document.querySelectorAll("input[type=checkbox][name=preset]")).map((e) => ({
  value: e.value, checked: e.checked, label: ((document.querySelector("label[for='" + e.id + "']") || {}).textContent || "").trim()}))`, &boxes)
	var checked []string
	for _, b := range boxes {
		if b.Checked {
			checked = append(checked, b.Value)
		}
		if b.Value == e2eShop.id && !strings.Contains(b.Label, "Shop square") {
			t.Errorf("the custom format's label is %q, want its name \"Shop square\"", b.Label)
		}
	}
	if want := []string{"snapchat-story", e2eShop.id}; !slices.Equal(checked, want) {
		t.Fatalf("ticked formats = %q, want %q (the custom format ticked once added)", checked, want)
	}

	// A focal point on the portrait, set by a click on the photo.
	s.setFocal(t, "shoot/sub/portrait.jpg", e2eFocal)

	// The batch, with a record of what the page sends to its workers.
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	n := s.runs(t)
	s.click(t, "#start")
	s.waitDone(t, n)
	var jobs []e2eSentJob
	s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
	focal := s.checkSentJobs(t, jobs)
	decoder := map[string]string{}
	for _, j := range jobs {
		decoder[j.Input] = j.Decoder
	}
	if got, want := s.eval(t, "#report rows", `Array.from(document.querySelectorAll("#report tr")).filter((tr) => tr.querySelector("td")).length`),
		strconv.Itoa(2*len(e2eInputs)); got != want {
		t.Errorf("#report has %s data rows, want %s (every input × snapchat-story, shop-square)", got, want)
	}
	page := s.checkDepthZip(t, s.download(t))

	// The brand kit the page exports, and the same batch from the command line.
	kitPath := s.exportKit(t, "the PNG logo", func(data []byte) bool { return bytes.Equal(data, s.fx.logoPNG) })
	s.compareCLI(t, kitPath, page, focal, decoder)

	// An SVG logo: drawn by the browser, then used like a PNG one.
	s.svgLogo(t)
}

// forgetSettings removes what the page remembered.
func (s *e2eSession) forgetSettings(t *testing.T) {
	t.Helper()
	ctx, cancel := s.step(5 * time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(localStorage.removeItem("`+e2eSettingsKey+`"), true)`)); err != nil {
		t.Errorf("clearing the remembered settings: %v", err)
	}
}

// waitSetting waits until the remembered settings S satisfy cond: the
// control's change handler ran.
func (s *e2eSession) waitSetting(t *testing.T, what, cond string) {
	t.Helper()
	s.waitJS(t, what+" (remembered settings: "+cond+")",
		`(() => {
  // go-app stores the JSON the page makes as a JSON string.
  let S = JSON.parse(localStorage.getItem("`+e2eSettingsKey+`") || "{}");
  if (typeof S === "string") S = JSON.parse(S);
  return `+cond+`;
})()`, 5*time.Second)
}

// choose picks value in the <select> sel: the value changes, then the
// change event the page listens to fires, as when a person picks it.
func (s *e2eSession) choose(t *testing.T, sel, value string) {
	t.Helper()
	ctx, cancel := s.step(10 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("setting %s to %q: %v\n%s", sel, value, err, s.snapshot())
	}
	var got string
	s.evalInto(t, "change on "+sel, `(() => { const e = document.querySelector(`+strconv.Quote(sel)+`);
  e.dispatchEvent(new Event("input", {bubbles: true}));
  e.dispatchEvent(new Event("change", {bubbles: true}));
  return e.value; })()`, &got)
	if got != value {
		t.Fatalf("%s has no option %q (its value is %q)", sel, value, got)
	}
}

// typeText types text into the field sel with the keyboard, then leaves the
// field, which commits it (the change event).
func (s *e2eSession) typeText(t *testing.T, sel, text string) {
	t.Helper()
	ctx, cancel := s.step(10 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), text)); err != nil {
		t.Fatalf("typing %q in %s: %v\n%s", text, sel, err, s.snapshot())
	}
	if err := chromedp.Do(ctx, chromedp.Blur(chromedp.CSS(sel))); err != nil {
		t.Fatalf("leaving %s: %v\n%s", sel, err, s.snapshot())
	}
}

// addCustomFormat adds e2eShop through the page's form.
func (s *e2eSession) addCustomFormat(t *testing.T) {
	t.Helper()
	s.addFormat(t, "Shop square", e2eShop.id, 600, 600, "5")
	s.waitSetting(t, "the custom format remembered and ticked",
		`(S.custom || []).some((c) => c.id === "shop-square" && c.width === 600 && c.height === 600 && c.maxBytes === 5 * 1048576) && S.ticked["shop-square"] === true`)
}

// addFormat adds a format of one's own through the page's form, as a
// person types it: its name (the page makes id of it), size and cap in MB.
func (s *e2eSession) addFormat(t *testing.T, name, id string, w, h int, capMB string) {
	t.Helper()
	if s.eval(t, "#custom-format open", `document.querySelector("#custom-format").open`) != "true" {
		s.click(t, "#custom-format > summary")
	}
	s.waitJS(t, "the custom format form open", `document.querySelector("#custom-format").open`, 5*time.Second)
	for _, f := range []struct{ sel, v string }{
		{"#custom-name", name}, {"#custom-width", strconv.Itoa(w)}, {"#custom-height", strconv.Itoa(h)}, {"#custom-cap", capMB},
	} {
		// The fields still show the last format added (the page's state is
		// empty): clear them first, as a person would.
		s.eval(t, "clear "+f.sel, `(document.querySelector(`+strconv.Quote(f.sel)+`).value = "", true)`)
		s.typeText(t, f.sel, f.v)
	}
	s.click(t, "#custom-add")
	box := `document.querySelector("input[type=checkbox][name=preset][value=` + id + `]")`
	s.waitJS(t, "the custom format listed, or an error", box+` || document.querySelector("#custom-error")`, 5*time.Second)
	if msg := s.eval(t, "#custom-error", `(document.querySelector("#custom-error") || {textContent: ""}).textContent.trim()`); msg != `""` {
		t.Fatalf("the page refused the format %s, %d×%d, %s MB, no margins: %s", name, w, h, capMB, msg)
	}
	s.waitJS(t, "the format "+id+" ticked", box+`.checked`, 5*time.Second)
}

// byteCap checks the byte cap where the browser encodes (render.Compositor,
// the canvas path): beach.jpg alone, in two formats of one's own, one
// capped between what the browser's JPEG encoder gives for it at
// MinQuality and at DefaultQuality, the other under even MinQuality's
// size. The first must come out under its cap, the second be reported
// with the CapError's sentence.
func (s *e2eSession) byteCap(t *testing.T) {
	t.Helper()
	beach, err := os.ReadFile(filepath.Join(s.fx.folder, "beach.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "capped")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "beach.jpg"), beach, 0o644); err != nil {
		t.Fatal(err)
	}
	// The browser's JPEGs of the photo at each format's size, made as the
	// worker makes them (createImageBitmap at "high", convertToBlob), and
	// measured as the worker sends them: without metadata.
	const w, h, sw, sh = 900, 600, 600, 400 // the photo's 3:2, so nothing is cropped
	var enc []string
	s.evalInto(t, "the browser's JPEGs of beach.jpg", `(async () => {
  const bin = atob("`+base64.StdEncoding.EncodeToString(beach)+`");
  const bmp = await createImageBitmap(new Blob([Uint8Array.from(bin, (c) => c.charCodeAt(0))], {type: "image/jpeg"}));
  const jpeg = async (w, h, q) => {
    const part = await createImageBitmap(bmp, {resizeWidth: w, resizeHeight: h, resizeQuality: "high"});
    const c = new OffscreenCanvas(w, h);
    c.getContext("2d").drawImage(part, 0, 0);
    const b = new Uint8Array(await (await c.convertToBlob({type: "image/jpeg", quality: q / 100})).arrayBuffer());
    let bin = "";
    for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode(...b.subarray(i, i + 0x8000));
    return btoa(bin);
  };
  return [await jpeg(`+fmt.Sprintf("%d, %d, %d), await jpeg(%d, %d, %d), await jpeg(%d, %d, %d)", w, h, imgio.MinQuality, w, h, imgio.DefaultQuality, sw, sh, imgio.MinQuality)+`];
})()`, &enc)
	size := func(b64 string) int64 {
		data, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatal(err)
		}
		keep, err := imgio.JPEGWithoutMetadata(data)
		if err != nil {
			t.Fatalf("the browser's JPEG: %v", err)
		}
		n := 0
		for _, r := range keep {
			n += r[1] - r[0]
		}
		return int64(n)
	}
	low, high, small := size(enc[0]), size(enc[1]), size(enc[2])
	// The caps as the form takes them, in MB, and as the page reads them.
	mb := func(n int64) (string, int64) {
		text := strconv.FormatFloat(float64(n)/(1<<20), 'f', 7, 64)
		v, _ := strconv.ParseFloat(text, 64)
		return text, int64(v * (1 << 20))
	}
	betweenMB, between := mb((low + high) / 2)
	impossibleMB, impossible := mb(small / 2)
	t.Logf("the browser's JPEG of beach.jpg at %d×%d: %d bytes at q%d, %d at q%d: cap %d bytes; at %d×%d: %d bytes at q%d: cap %d bytes",
		w, h, low, imgio.MinQuality, high, imgio.DefaultQuality, between, sw, sh, small, imgio.MinQuality, impossible)
	if !(low < between && between < high) {
		t.Fatalf("no room for a cap between q%d (%d bytes) and q%d (%d bytes)", imgio.MinQuality, low, imgio.DefaultQuality, high)
	}

	for _, pr := range e2ePresets {
		if s.eval(t, "#preset-"+pr.id, `document.querySelector("#preset-`+pr.id+`").checked`) == "true" {
			s.click(t, "label[for=preset-"+pr.id+"]")
		}
	}
	s.addFormat(t, "Cap between", "cap-between", w, h, betweenMB)
	s.addFormat(t, "Cap impossible", "cap-impossible", sw, sh, impossibleMB)
	s.waitSetting(t, "the two capped formats the only ones ticked",
		`Object.keys(S.ticked).filter((k) => S.ticked[k]).sort().join() === "cap-between,cap-impossible"`)
	s.dropFolder(t, dir)
	n := s.runs(t)
	s.click(t, "#start")
	s.waitDone(t, n)

	z := e2eZipFiles(t, s.download(t))
	rows := e2eReadReport(t, z["report.csv"])
	if len(rows) != 2 {
		t.Fatalf("report.csv %+v; want two rows, beach.jpg in each capped format", rows)
	}
	if len(z) != 2 {
		t.Errorf("%d entries in the ZIP; want report.csv and the one output under its cap", len(z))
	}
	for _, r := range rows {
		switch r.preset {
		case "cap-between":
			data := z[r.output]
			if r.status != "done" || len(data) == 0 || int64(len(data)) > between || r.bytes != int64(len(data)) {
				t.Errorf("beach.jpg × cap-between (%d bytes): %s %q, %d bytes in the ZIP (%q); want done under the cap", between, r.status, r.output, len(data), r.message)
				continue
			}
			t.Logf("beach.jpg × cap-between: %d bytes, under its cap of %d", len(data), between)
			e2eDecodeOutput(t, r.output, data, e2ePreset{id: r.preset, w: w, h: h, cap: between}, image.Pt(w, h))
		case "cap-impossible":
			want := (imgio.CapError{Max: impossible, Got: small}).Error()
			if r.status != "failed" || r.output != "" || r.message != want {
				t.Errorf("beach.jpg × cap-impossible (%d bytes, q%d gives %d): %s %q %q; want failed: %q", impossible, imgio.MinQuality, small, r.status, r.output, r.message, want)
			}
		default:
			t.Errorf("report.csv: a row for %s", r.preset)
		}
	}
}

// setFocal opens the focal point editor for the photo at path, clicks the
// photo at the fractions at, and checks the editor and the button show it.
func (s *e2eSession) setFocal(t *testing.T, path string, at [2]float64) {
	t.Helper()
	btn := `#file-list li[data-path="` + path + `"] button.set-focal`
	s.click(t, btn)
	s.waitJS(t, "the focal point editor showing "+path, `(() => {
  const ed = document.querySelector("#focal-editor"), img = document.querySelector("#focal-image");
  return ed && !ed.hidden && img && img.complete && img.naturalWidth > 0 && document.querySelector("#focal-frame svg");
})()`, 10*time.Second)
	// Wait for the page's scroll to the editor to end, then bring the
	// photo wholly into view.
	var box struct {
		Left, Top, Width, Height float64
		NW, NH                   int
	}
	s.evalInto(t, "the focal image's place", `new Promise((resolve) => {
  const img = document.querySelector("#focal-image");
  let last = "", same = 0, n = 0;
  const tick = () => {
    const r = img.getBoundingClientRect();
    const k = [r.left, r.top, r.width, r.height].join();
    same = k === last ? same + 1 : 0;
    last = k;
    if (same < 4 && ++n < 100) return setTimeout(tick, 25);
    if (r.top < 0 || r.bottom > innerHeight) img.scrollIntoView({block: "center", behavior: "instant"});
    const q = img.getBoundingClientRect();
    resolve({Left: q.left, Top: q.top, Width: q.width, Height: q.height, NW: img.naturalWidth, NH: img.naturalHeight});
  };
  tick();
})`, &box)
	if box.NW != 1200 || box.NH != 1800 {
		t.Errorf("#focal-image shows %s at %d×%d, want it upright, 1200×1800 (EXIF orientation 6)", path, box.NW, box.NH)
	}
	x, y := box.Left+at[0]*box.Width, box.Top+at[1]*box.Height
	ctx, cancel := s.step(10 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatalf("clicking #focal-image at (%.0f, %.0f): %v", x, y, err)
	}
	s.waitJS(t, "the set-focal button of "+path+" saying the point",
		`document.querySelector(`+strconv.Quote(btn)+`).textContent.trim().startsWith("Focal point ")`, 5*time.Second)
	var label string
	s.evalInto(t, "set-focal label", `document.querySelector(`+strconv.Quote(btn)+`).textContent.trim()`, &label)
	var px, py float64
	if _, err := fmt.Sscanf(label, "Focal point %f%%, %f%%", &px, &py); err != nil ||
		math.Abs(px-at[0]*100) > 1 || math.Abs(py-at[1]*100) > 1 {
		t.Errorf("after a click at %.0f%%, %.0f%% of the photo, the button says %q", at[0]*100, at[1]*100, label)
	}
	var mark struct {
		ViewBox string  `json:"viewBox"`
		CX      float64 `json:"cx"`
		CY      float64 `json:"cy"`
		Reset   bool    `json:"reset"`
		Note    string  `json:"note"`
	}
	s.evalInto(t, "the focal point in the editor", `(() => {
  const svg = document.querySelector("#focal-frame svg"), c = svg && svg.querySelector("circle.focal");
  const reset = document.querySelector("#focal-reset"), note = document.querySelector("#focal-editor p");
  return {viewBox: svg ? svg.getAttribute("viewBox") : "", cx: c ? +c.getAttribute("cx") : -1, cy: c ? +c.getAttribute("cy") : -1,
    reset: !!reset && !reset.disabled, note: note ? note.textContent.trim() : ""};
})()`, &mark)
	wx, wy := at[0]*float64(box.NW), at[1]*float64(box.NH)
	if mark.ViewBox != fmt.Sprintf("0 0 %d %d", box.NW, box.NH) || math.Abs(mark.CX-wx) > 15 || math.Abs(mark.CY-wy) > 15 {
		t.Errorf("#focal-editor shows the point at (%v, %v) over viewBox %q, want about (%.0f, %.0f) over \"0 0 %d %d\"",
			mark.CX, mark.CY, mark.ViewBox, wx, wy, box.NW, box.NH)
	}
	if !mark.Reset {
		t.Errorf("#focal-reset is disabled (or missing) with a focal point set")
	}
	t.Logf("focal point: %q; the editor says: %q", label, mark.Note)
	s.click(t, "#focal-close")
}

// checkSentJobs checks the settings the page sent its workers: what the
// controls say, and the same settings for every photo but the focal point.
// It returns the portrait's focal point.
func (s *e2eSession) checkSentJobs(t *testing.T, jobs []e2eSentJob) crop.Point {
	t.Helper()
	if len(jobs) == 0 {
		t.Fatalf("no job was posted to a worker (Worker.prototype.postMessage saw none)")
	}
	var focal *crop.Point
	for _, j := range jobs {
		if j.Settings != jobs[0].Settings {
			t.Errorf("%s was sent other settings than %s:\n%s\n%s", j.Input, jobs[0].Input, j.Settings, jobs[0].Settings)
		}
		switch {
		case j.Input == "shoot/sub/portrait.jpg":
			focal = j.Focal
		case j.Focal != nil:
			t.Errorf("%s was sent a focal point %+v; only the portrait has one", j.Input, *j.Focal)
		}
	}
	if focal == nil || math.Abs(focal.X-e2eFocal[0]) > 0.01 || math.Abs(focal.Y-e2eFocal[1]) > 0.01 {
		t.Errorf("the portrait's job carries the focal point %+v, want about %v", focal, e2eFocal)
	}
	set, err := job.Parse([]byte(jobs[0].Settings))
	if err != nil {
		t.Fatalf("the settings sent to the workers: %v\n%s", err, jobs[0].Settings)
	}
	if _, err := set.Plan(); err != nil {
		t.Errorf("the settings sent to the workers do not make a plan natively: %v", err)
	}
	k := set.Kit
	switch {
	case set.Crop != "smart" || set.Fit != "blur":
		t.Errorf("the workers were sent crop=%q fit=%q, want smart and blur", set.Crop, set.Fit)
	case k == nil:
		t.Errorf("the workers were sent no brand kit")
	case !slices.Equal(k.Presets, []string{"snapchat-story", e2eShop.id}):
		t.Errorf("the workers were sent the formats %q, want [snapchat-story shop-square]", k.Presets)
	case len(k.Texts) != 1 || k.Texts[0].Content != e2eDepthText || k.Texts[0].Band != "#000000" || k.Texts[0].Anchor != "bottom":
		t.Errorf("the workers were sent the texts %+v, want %q on a #000000 band at the bottom", k.Texts, e2eDepthText)
	case k.Logo == nil || !bytes.Equal(k.Logo.Data, s.fx.logoPNG):
		t.Errorf("the workers were not sent the logo file's bytes")
	}
	var decoders []string
	for _, j := range jobs {
		decoders = append(decoders, j.Input+": "+j.Decoder)
	}
	t.Logf("%d jobs sent; settings: crop=%s fit=%s pad=%q format=%q quality=%d name=%q focal=%v; decoders: %s", len(jobs),
		set.Crop, set.Fit, set.Pad, set.Format, set.Quality, set.Name, set.Focal, strings.Join(decoders, ", "))
	if focal == nil {
		return crop.Point{X: e2eFocal[0], Y: e2eFocal[1]}
	}
	return *focal
}

// checkDepthZip checks the engine-depth batch's ZIP and returns its entries.
func (s *e2eSession) checkDepthZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the downloaded file is not a ZIP archive/zip can open: %v", err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
	var files []*zip.File
	for _, f := range zr.File {
		if _, dup := entries[f.Name]; dup {
			t.Errorf("ZIP: entry %q appears twice", f.Name)
		}
		entries[f.Name] = e2eRead(t, f)
		files = append(files, f)
	}
	report, ok := entries["report.csv"]
	if !ok {
		t.Fatalf("ZIP has no report.csv; entries: %q", slices.Sorted(maps.Keys(entries)))
	}
	rows := e2eReadReport(t, report)
	presets := e2eDepthPresets()
	if len(rows) != len(e2eInputs)*len(presets) {
		t.Errorf("report.csv has %d rows, want %d (%d inputs × snapchat-story, shop-square)", len(rows), len(e2eInputs)*len(presets), len(e2eInputs))
	}
	byKey := map[[2]string]e2eRow{}
	for _, r := range rows {
		byKey[[2]string{r.input, r.preset}] = r
	}
	want := map[string]bool{"report.csv": true}
	for _, in := range e2eInputs {
		for _, pr := range presets {
			r, ok := byKey[[2]string{in, pr.id}]
			if !ok {
				t.Errorf("report.csv: no row for %s × %s", in, pr.id)
				continue
			}
			if _, photo := e2ePhotos[in]; !photo {
				if r.status != "failed" || r.output != "" || strings.TrimSpace(r.message) == "" {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q, want failed with a reason and no output", in, pr.id, r.status, r.output, r.message)
				}
				e2eCheckReason(t, in, pr.id, r.message)
				continue
			}
			name := pr.id + "/" + strings.TrimSuffix(in, filepath.Ext(in)) + ".jpg"
			if r.status != "done" || r.output != name || r.width != pr.w || r.height != pr.h {
				t.Errorf("report.csv %s × %s: status=%q output=%q %d×%d (%q), want done %q %d×%d",
					in, pr.id, r.status, r.output, r.width, r.height, r.message, name, pr.w, pr.h)
				continue
			}
			want[name] = true
			data, ok := entries[name]
			if !ok {
				t.Errorf("ZIP: no entry %q (report says done)", name)
				continue
			}
			if int64(len(data)) != r.bytes {
				t.Errorf("%s: %d bytes in the ZIP, report.csv says %d", name, len(data), r.bytes)
			}
			s.checkDepthOutput(t, name, data, pr, in)
		}
	}
	for _, f := range files {
		if !want[f.Name] {
			t.Errorf("ZIP: unexpected entry %q", f.Name)
		}
	}
	return entries
}

// checkDepthOutput checks one output of the engine-depth batch: size, cap,
// no metadata, the logo, the text on its band inside the safe area, the
// whole photo (not cropped) in the middle, on a blurred copy of itself.
func (s *e2eSession) checkDepthOutput(t *testing.T, name string, data []byte, pr e2ePreset, input string) {
	t.Helper()
	img := e2eDecodeOutput(t, name, data, pr, image.Pt(pr.w, pr.h))
	if img == nil {
		return
	}
	s.checkLogo(t, name, img, pr)
	band := e2eCheckTextBand(t, name, img, pr)
	src := s.fx.upright[input]
	place := e2eFitRect(pr.w, pr.h, src.Bounds().Dx(), src.Bounds().Dy())
	// The layers cover the photo or its background: leave them out.
	red := s.fx.expectedRed(pr.w, pr.h, pr)
	logo := e2eGrow(red, red.Dx()/8+6)
	layers := []image.Rectangle{e2eGrow(band, 6), logo}
	e2eCheckFitted(t, name, img, src, place, layers)
	e2eCheckBlurred(t, name, img, src, place, layers)
	switch input {
	case "shoot/beach.jpg":
		e2eCheckSharpExtent(t, name, img, place)
	case "shoot/sub/portrait.jpg":
		e2eCheckUprightIn(t, name, img, place)
	}
}

// e2eFitRect is where a whole pw×ph photo lands, as large as fits and
// centred, on a w×h output.
func e2eFitRect(w, h, pw, ph int) image.Rectangle {
	if pw*h > ph*w {
		fh := int(math.Round(float64(w) * float64(ph) / float64(pw)))
		y := (h - fh) / 2
		return image.Rect(0, y, w, y+fh)
	}
	fw := int(math.Round(float64(h) * float64(pw) / float64(ph)))
	x := (w - fw) / 2
	return image.Rect(x, 0, x+fw, h)
}

func e2eGrow(r image.Rectangle, d int) image.Rectangle {
	if r.Empty() {
		return r
	}
	return image.Rect(r.Min.X-d, r.Min.Y-d, r.Max.X+d, r.Max.Y+d)
}

func e2eRGB(img image.Image, x, y int) (int, int, int) {
	r, g, b, _ := img.At(x, y).RGBA()
	return int(r >> 8), int(g >> 8), int(b >> 8)
}

func e2eAbs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// e2eCheckTextBand finds the text's band (dark rows) and checks it sits
// where a bottom-anchored text belongs: centred, above the preset's bottom
// safe margin by the layer margin, with light text on it. It returns the
// band's rectangle.
func e2eCheckTextBand(t *testing.T, name string, img image.Image, pr e2ePreset) image.Rectangle {
	t.Helper()
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dark := func(x, y int) bool { r, g, bb := e2eRGB(img, x, y); return max(r, g, bb) < 32 }
	const minRun = 20 // dark pixels in a row for it to be a band row
	var band image.Rectangle
	var outside []int
	for y := 0; y < h; y++ {
		n := 0
		lo, hi := w, -1
		for x := 0; x < w; x++ {
			if dark(x, y) {
				n++
				lo, hi = min(lo, x), max(hi, x)
			}
		}
		if n < minRun {
			continue
		}
		if y < pr.safeTop || y >= h-pr.safeBott {
			outside = append(outside, y)
		}
		band = band.Union(image.Rect(lo, y, hi+1, y+1))
	}
	if band.Empty() {
		t.Errorf("%s: no text band: no row with %d dark pixels (the band is #000000 behind %q)", name, minRun, e2eDepthText)
		return band
	}
	if len(outside) > 0 {
		t.Errorf("%s: %d dark band rows outside the safe area (first %d; %d px top and bottom must stay clear)", name, len(outside), outside[0], pr.safeTop)
	}
	margin := max(4, int(math.Round(0.03*float64(w))))
	wantBottom := h - pr.safeBott - margin
	size := 0.05 * float64(min(w, h)) // #text-size 50‰ of the shorter side
	centre := (band.Min.X + band.Max.X) / 2
	if e2eAbs(band.Max.Y-wantBottom) > 3 || e2eAbs(centre-w/2) > 3 {
		t.Errorf("%s: the text band spans %v, want it centred (x centre %d) ending at y=%d (bottom of the safe area, %d px margin)",
			name, band, w/2, wantBottom, margin)
	}
	if float64(band.Dy()) < size || float64(band.Dy()) > 3*size {
		t.Errorf("%s: the text band is %d px high, want about 1–3 × the text size %.0f px", name, band.Dy(), size)
	}
	var light image.Rectangle
	n := 0
	for y := band.Min.Y; y < band.Max.Y; y++ {
		for x := band.Min.X; x < band.Max.X; x++ {
			if r, g, bb := e2eRGB(img, x, y); min(r, g, bb) > 190 {
				n++
				light = light.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if n < 100 || !light.In(band.Inset(2)) || float64(light.Dy()) < size/2 {
		t.Errorf("%s: %d light text pixels spanning %v on the band %v: want the white text, at least %.0f px high, inside the band",
			name, n, light, band, size/2)
	}
	t.Logf("%s: text band %v, text %v (%d light px)", name, band, light, n)
	return band
}

// e2eCheckFitted compares the photo area of the output with the source
// scaled whole into place; a fill crop of the source must compare worse.
func e2eCheckFitted(t *testing.T, name string, img, src image.Image, place image.Rectangle, layers []image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	fit := image.NewRGBA(image.Rectangle{Max: place.Size()})
	xdraw.CatmullRom.Scale(fit, fit.Rect, src, src.Bounds(), xdraw.Src, nil)
	fill := image.NewRGBA(b)
	xdraw.CatmullRom.Scale(fill, fill.Rect, src, e2eCentreCrop(src.Bounds(), b.Dx(), b.Dy()), xdraw.Src, nil)
	var errFit, errFill, n int
	for y := place.Min.Y; y < place.Max.Y; y += 2 {
		for x := place.Min.X; x < place.Max.X; x += 2 {
			if e2eInAny(x, y, layers) {
				continue
			}
			r, g, bb := e2eRGB(img, x, y)
			fr, fg, fb := e2eRGB(fit, x-place.Min.X, y-place.Min.Y)
			cr, cg, cb := e2eRGB(fill, x, y)
			errFit += e2eAbs(r-fr) + e2eAbs(g-fg) + e2eAbs(bb-fb)
			errFill += e2eAbs(r-cr) + e2eAbs(g-cg) + e2eAbs(bb-cb)
			n += 3
		}
	}
	if n == 0 {
		t.Errorf("%s: nothing to compare in %v", name, place)
		return
	}
	mf, mc := float64(errFit)/float64(n), float64(errFill)/float64(n)
	t.Logf("%s: photo area %v differs from the whole source scaled into it by %.1f, from a fill crop by %.1f (mean per channel)", name, place, mf, mc)
	if mf > 6 || mc < mf+8 {
		t.Errorf("%s: the area %v differs from the whole photo scaled into it by %.1f per channel and from a fill crop by %.1f: "+
			"with fit blur the whole photo must be there, not cropped", name, place, mf, mc)
	}
}

// e2eCentreCrop is the largest w:h rectangle centred in r.
func e2eCentreCrop(r image.Rectangle, w, h int) image.Rectangle {
	cw, ch := r.Dx(), r.Dy()
	if cw*h > ch*w {
		cw = int(math.Round(float64(ch) * float64(w) / float64(h)))
	} else {
		ch = int(math.Round(float64(cw) * float64(h) / float64(w)))
	}
	x, y := r.Min.X+(r.Dx()-cw)/2, r.Min.Y+(r.Dy()-ch)/2
	return image.Rect(x, y, x+cw, y+ch)
}

func e2eInAny(x, y int, rs []image.Rectangle) bool {
	for _, r := range rs {
		if image.Pt(x, y).In(r) {
			return true
		}
	}
	return false
}

// e2eCheckBlurred checks the background around the photo: smooth (a blur,
// far smoother than the photo), not one flat colour, and the colours of the
// photo's own middle, enlarged to the output, where they are.
func e2eCheckBlurred(t *testing.T, name string, img, src image.Image, place image.Rectangle, layers []image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	const bs = 16
	near := append([]image.Rectangle{e2eGrow(place, 6)}, layers...)
	var blocks, devSum, devMax int
	var rough float64
	lo, hi := [3]int{255, 255, 255}, [3]int{}
	for by := b.Min.Y; by+bs <= b.Max.Y; by += bs {
		for bx := b.Min.X; bx+bs <= b.Max.X; bx += bs {
			br := image.Rect(bx, by, bx+bs, by+bs)
			skip := false
			for _, r := range near {
				skip = skip || br.Overlaps(r)
			}
			if skip {
				continue
			}
			blocks++
			rough += e2eRoughness(img, br)
			m := e2eAvg(img, bx+bs/2, by+bs/2, bs/2-1)
			want := e2eBlurExpect(src, b.Dx(), b.Dy(), bx+bs/2, by+bs/2)
			for c := range 3 {
				lo[c], hi[c] = min(lo[c], m[c]), max(hi[c], m[c])
				d := e2eAbs(m[c] - want[c])
				devSum += d
				devMax = max(devMax, d)
			}
		}
	}
	if blocks < 4 {
		t.Errorf("%s: only %d background blocks of %d px around the photo at %v", name, blocks, bs, place)
		return
	}
	rough /= float64(blocks)
	photoRough := e2eRoughness(img, place.Inset(4))
	spread := max(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
	meanDev := float64(devSum) / float64(3*blocks)
	t.Logf("%s: background: %d blocks, roughness %.2f (photo %.2f), colour spread %d, off the photo's blurred colours by %.1f on average, %d at most",
		name, blocks, rough, photoRough, spread, meanDev, devMax)
	if rough > 1.0 || rough > photoRough/2 {
		t.Errorf("%s: the background around the photo has roughness %.2f (the photo %.2f): want a blur, much smoother than the photo", name, rough, photoRough)
	}
	if spread < 12 {
		t.Errorf("%s: the background's colours vary by %d only: a flat colour, not a blurred copy of the photo", name, spread)
	}
	if meanDev > 15 || devMax > 45 {
		t.Errorf("%s: the background's colours are off the photo's own blurred colours by %.1f on average, %d at most: not a blurred copy of this photo",
			name, meanDev, devMax)
	}
}

// e2eRoughness is the mean absolute difference between neighbouring
// pixels in r, per channel.
func e2eRoughness(img image.Image, r image.Rectangle) float64 {
	var sum, n int
	for y := r.Min.Y; y+1 < r.Max.Y; y++ {
		for x := r.Min.X; x+1 < r.Max.X; x++ {
			r0, g0, b0 := e2eRGB(img, x, y)
			r1, g1, b1 := e2eRGB(img, x+1, y)
			r2, g2, b2 := e2eRGB(img, x, y+1)
			sum += e2eAbs(r1-r0) + e2eAbs(g1-g0) + e2eAbs(b1-b0) + e2eAbs(r2-r0) + e2eAbs(g2-g0) + e2eAbs(b2-b0)
			n += 6
		}
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// e2eBlurExpect is about the colour a blurred background must have at
// (x, y) of a w×h output: the photo scaled to fit, its middle at the
// output's aspect enlarged to the whole output, blurred (here: a box mean
// over the source about as wide as the engine's blur).
func e2eBlurExpect(src image.Image, w, h, x, y int) [3]int {
	sb := src.Bounds()
	fitted := e2eFitRect(w, h, sb.Dx(), sb.Dy())
	c := e2eCentreCrop(image.Rectangle{Max: fitted.Size()}, w, h)
	k := float64(sb.Dx()) / float64(fitted.Dx()) // fitted → source pixels
	sx := int((float64(c.Min.X) + (float64(x)+0.5)*float64(c.Dx())/float64(w)) * k)
	sy := int((float64(c.Min.Y) + (float64(y)+0.5)*float64(c.Dy())/float64(h)) * k)
	// A blur of 2 px on a copy whose longer side is 48 px.
	sigma := 2 * float64(max(c.Dx(), c.Dy())) / 48 * k
	r := int(1.7 * sigma)
	var sum [3]int
	n := 0
	step := max(1, r/20)
	for yy := sy - r; yy <= sy+r; yy += step {
		for xx := sx - r; xx <= sx+r; xx += step {
			px := min(max(xx, sb.Min.X), sb.Max.X-1)
			py := min(max(yy, sb.Min.Y), sb.Max.Y-1)
			cr, cg, cb := e2eRGB(src, px, py)
			sum[0], sum[1], sum[2] = sum[0]+cr, sum[1]+cg, sum[2]+cb
			n++
		}
	}
	return [3]int{sum[0] / n, sum[1] / n, sum[2] / n}
}

// e2eCheckSharpExtent measures, on a strip at the left (clear of every
// layer), where the sharp photo starts and ends: rows where the picture
// jumps from the background to the photo. Its height must be the whole
// photo's at the output's width.
func e2eCheckSharpExtent(t *testing.T, name string, img image.Image, place image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	x0, x1 := 4, b.Dx()/6
	jump := func(y int) float64 {
		s := 0
		for x := x0; x < x1; x++ {
			r0, g0, b0 := e2eRGB(img, x, y-1)
			r1, g1, b1 := e2eRGB(img, x, y)
			s += e2eAbs(r1-r0) + e2eAbs(g1-g0) + e2eAbs(b1-b0)
		}
		return float64(s) / float64(3*(x1-x0))
	}
	const threshold = 8
	top, bottom := -1, -1
	var jTop, jBottom float64
	for y := 1; y < b.Dy(); y++ {
		if j := jump(y); j > threshold {
			if top < 0 {
				top, jTop = y, j
			}
			bottom, jBottom = y, j
		}
	}
	want := float64(b.Dx()) * 1600 / 2400
	t.Logf("%s: the sharp photo spans rows %d–%d (jumps %.1f and %.1f), %d px high; whole photo: %v, %.0f px high",
		name, top, bottom, jTop, jBottom, bottom-top, place, want)
	if top < 0 || e2eAbs(top-place.Min.Y) > 4 || e2eAbs(bottom-place.Max.Y) > 4 || math.Abs(float64(bottom-top)-want) > 6 {
		t.Errorf("%s: the sharp photo spans rows %d–%d (%d px), want %d–%d: the whole 2400×1600 photo at %d px wide is %.0f px high",
			name, top, bottom, bottom-top, place.Min.Y, place.Max.Y, b.Dx(), want)
	}
}

// e2eCheckUprightIn is e2eCheckUpright for the portrait placed at place.
func e2eCheckUprightIn(t *testing.T, name string, img image.Image, place image.Rectangle) {
	t.Helper()
	w, h := place.Dx(), place.Dy()
	at := func(fx, fy float64) [3]int {
		return e2eAvg(img, place.Min.X+int(fx*float64(w)), place.Min.Y+int(fy*float64(h)), 6)
	}
	tl, tr, mid := at(0.25, 0.08), at(0.75, 0.08), at(0.5, 0.55)
	blue := tl[2] > 150 && tl[0] < 100 && tl[1] < 130
	yellow := tr[0] > 150 && tr[1] > 150 && tr[2] < 110
	green := mid[1] > mid[0]+40 && mid[1] > mid[2]+40
	if !blue || !yellow || !green {
		t.Errorf("%s is not upright in %v: top-left %v (want blue), top-right %v (want yellow), middle %v (want green)", name, place, tl, tr, mid)
	}
}

// exportKit clicks #export-kit, reads the brand kit it downloads and checks
// it holds the page's branding; logoOK judges the embedded logo.
func (s *e2eSession) exportKit(t *testing.T, logoWhat string, logoOK func([]byte) bool) string {
	t.Helper()
	path, suggested := s.awaitDownload(t, "#export-kit")
	if suggested != "brand-kit.json" {
		t.Errorf("#export-kit downloads %q, want brand-kit.json", suggested)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	kit, err := brand.ParseFile(data)
	if err != nil {
		t.Fatalf("the exported brand kit does not parse: %v\n%s", err, e2eShort(string(data)))
	}
	switch {
	case kit.Logo == nil || !logoOK(kit.Logo.Data):
		t.Errorf("the exported brand kit does not hold %s", logoWhat)
	case len(kit.Texts) != 1 || kit.Texts[0].Content != e2eDepthText || kit.Texts[0].Band != "#000000":
		t.Errorf("the exported brand kit's texts are %+v, want %q on a #000000 band", kit.Texts, e2eDepthText)
	case !slices.Equal(kit.Presets, []string{"snapchat-story", e2eShop.id}):
		t.Errorf("the exported brand kit's formats are %q, want [snapchat-story shop-square]", kit.Presets)
	case len(kit.Custom) != 1:
		t.Errorf("the exported brand kit's custom formats are %+v, want Shop square alone", kit.Custom)
	default:
		c := kit.Custom[0]
		if c.ID != e2eShop.id || c.Name != "Shop square" || c.Width != 600 || c.Height != 600 || c.MaxBytes != 5<<20 || c.Safe != (preset.Insets{}) {
			t.Errorf("the exported custom format is %+v, want shop-square \"Shop square\" 600×600, 5 MB, no margins", c)
		}
	}
	// The kit goes next to the fixtures, as a person would keep it.
	kitPath := filepath.Join(t.TempDir(), "brand-kit.json")
	if err := os.WriteFile(kitPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return kitPath
}

// compareCLI runs `picmark process` with the page's brand kit and the
// framing flags, in this process, and compares its outputs with the page's.
//
// Both run the same Go engine and JPEG encoder, so a photo the worker
// decoded with Go's decoder must come out byte for byte the same. A photo
// the worker decoded with the browser's decoder (ImageDecoder or
// createImageBitmap: another IDCT and chroma upsampling than Go's) starts
// from slightly different pixels: then the outputs must still match in
// size and be the same picture to within a few levels, and the test says
// so in its log.
func (s *e2eSession) compareCLI(t *testing.T, kitPath string, page map[string][]byte, focal crop.Point, decoder map[string]string) {
	t.Helper()
	cli := func(args ...string) map[string][]byte {
		dir := t.TempDir()
		var stdout, stderr bytes.Buffer
		args = append(append([]string{"process", "-brand", kitPath}, args...), "-out", dir, s.fx.folder)
		code := run(args, &stdout, &stderr)
		// The broken, huge and non-image files fail: exit status 1.
		if code != exitFailed {
			t.Fatalf("picmark %s: exit status %d, want %d (some inputs fail)\n%s%s", strings.Join(args, " "), code, exitFailed, stdout.String(), stderr.String())
		}
		out := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	start := time.Now()
	all := cli("-crop", "smart", "-fit", "blur")
	t.Logf("picmark process -brand … -crop smart -fit blur: %d files in %v", len(all), time.Since(start).Round(time.Millisecond))
	pageNames, cliNames := slices.Sorted(maps.Keys(page)), slices.Sorted(maps.Keys(all))
	if !slices.Equal(pageNames, cliNames) {
		t.Errorf("the page's ZIP holds %q, picmark process wrote %q", pageNames, cliNames)
	}
	// The page's rows and the command line's must agree; the byte counts
	// too, unless the browser decoded the photo (see e2eCompareImages).
	pr, cr := e2eReadReport(t, page["report.csv"]), e2eReadReport(t, all["report.csv"])
	if len(pr) != len(cr) {
		t.Errorf("report.csv has %d rows on the page, %d from picmark process", len(pr), len(cr))
	}
	for i := range min(len(pr), len(cr)) {
		p, c := pr[i], cr[i]
		if p.bytes != c.bytes && e2eBrowserDecoded(decoder[p.input]) && p.status == "done" {
			p.bytes = c.bytes
		}
		if p != c {
			t.Errorf("report.csv row %d differs:\npage: %+v\ncli:  %+v", i+2, pr[i], cr[i])
		}
	}
	// The portrait carries a focal point on the page. The blur fit keeps
	// the whole photo, so the point must change nothing: the command line
	// with the page's point as the batch's gives the same bytes as with
	// -crop smart, and the page's portrait is compared like the beach.
	withFocal := cli("-crop", "focal", "-focal", strconv.FormatFloat(focal.X, 'g', -1, 64)+","+strconv.FormatFloat(focal.Y, 'g', -1, 64), "-fit", "blur")
	for _, name := range pageNames {
		if name == "report.csv" {
			continue
		}
		if f := withFocal[name]; !bytes.Equal(f, all[name]) {
			t.Errorf("%s: picmark process -fit blur gives other bytes with -crop focal -focal %v than with -crop smart: the blur fit must keep the whole photo whatever the crop",
				name, focal)
		}
		input := ""
		for in := range e2ePhotos {
			if strings.HasSuffix(name, "/"+strings.TrimSuffix(in, filepath.Ext(in))+".jpg") {
				input = in
			}
		}
		e2eCompareImages(t, name, page[name], all[name], decoder[input])
	}
}

// e2eBrowserDecoded says whether a worker's decoder is the browser's (on
// the canvas path the browser also scales and encodes).
func e2eBrowserDecoded(decoder string) bool {
	return decoder == "canvas" || decoder == "ImageDecoder" || decoder == "createImageBitmap"
}

// e2eCompareImages compares the page's output with the command line's:
// the same size, and byte for byte when the worker decoded with Go's
// decoder (the same engine and encoder as the command line); nearly the
// same picture when the browser decoded the photo.
func e2eCompareImages(t *testing.T, name string, page, cli []byte, decoder string) {
	t.Helper()
	if cli == nil {
		return // already reported as a missing name
	}
	pi, err1 := jpeg.Decode(bytes.NewReader(page))
	ci, err2 := jpeg.Decode(bytes.NewReader(cli))
	if err := errors.Join(err1, err2); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if pi.Bounds() != ci.Bounds() {
		t.Errorf("%s: %v on the page, %v from picmark process", name, pi.Bounds().Size(), ci.Bounds().Size())
		return
	}
	if bytes.Equal(page, cli) {
		return
	}
	diff, n, sum, sq := 0, 0, 0, 0.0
	b := pi.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r0, g0, b0 := e2eRGB(pi, x, y)
			r1, g1, b1 := e2eRGB(ci, x, y)
			d := max(e2eAbs(r1-r0), e2eAbs(g1-g0), e2eAbs(b1-b0))
			diff = max(diff, d)
			sum += e2eAbs(r1-r0) + e2eAbs(g1-g0) + e2eAbs(b1-b0)
			sq += float64((r1-r0)*(r1-r0) + (g1-g0)*(g1-g0) + (b1-b0)*(b1-b0))
			if d > 0 {
				n++
			}
		}
	}
	mean := float64(sum) / float64(3*b.Dx()*b.Dy())
	psnr := 10 * math.Log10(255*255*float64(3*b.Dx()*b.Dy())/sq)
	what := fmt.Sprintf("%s: the page's JPEG (%d bytes) and picmark process's (%d bytes) differ: %d of %d pixels, by %.2f per channel on average, %d at most (PSNR %.1f dB)",
		name, len(page), len(cli), n, b.Dx()*b.Dy(), mean, diff, psnr)
	if !e2eBrowserDecoded(decoder) {
		t.Errorf("%s; the worker decoded the photo with %q, so the same Go engine and encoder should give the same bytes", what, decoder)
		return
	}
	t.Logf("NOT BYTE-IDENTICAL, as expected: %s; the worker decoded the photo with the browser's %s, not Go's decoder", what, decoder)
	switch {
	case decoder == "canvas" && (mean > 1.5 || psnr < 35):
		// The browser also scaled and encoded: other filters and another
		// encoder differ most on hard edges, so no bound on one pixel.
		t.Errorf("%s: more than another scaler and encoder's rounding (the worker used the canvas path)", what)
	case decoder != "canvas" && (mean > 1.5 || diff > 48):
		t.Errorf("%s: more than a decoder's rounding (the worker used %s)", what, decoder)
	}
}

// svgLogo picks an SVG logo (a red rectangle, like the PNG's), runs the
// batch again and checks the logo in every output.
func (s *e2eSession) svgLogo(t *testing.T) {
	t.Helper()
	svg := filepath.Join(t.TempDir(), "logo.svg")
	src := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">` +
		`<rect x="20" y="20" width="160" height="60" fill="#ff0000"/></svg>`
	if err := os.WriteFile(svg, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s.upload(t, "#logo-input", []string{svg})
	s.waitJS(t, "the page taking the SVG logo (#logo-preview of logo.svg, or #logo-error)", `(() => {
  const p = document.querySelector("#logo-preview");
  return document.querySelector("#logo-error") || (p && p.alt.includes("logo.svg") && p.complete && p.naturalWidth > 0);
})()`, 15*time.Second)
	if msg := s.eval(t, "logo error", `(document.querySelector("#logo-error") || {textContent: ""}).textContent.trim()`); msg != `""` {
		t.Fatalf("the page refused the SVG logo: %s", msg)
	}
	n := s.runs(t)
	s.click(t, "#start")
	s.waitDone(t, n)
	s.checkDepthZip(t, s.download(t))
	// The kit embeds the browser's drawing of it, a PNG, never the SVG.
	s.exportKit(t, "a PNG drawn from the SVG logo (2:1)", func(data []byte) bool {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		return err == nil && cfg.Width == 2*cfg.Height
	})
}
