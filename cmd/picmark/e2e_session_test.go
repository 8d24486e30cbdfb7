//go:build !wasm

// The e2e harness's browser session: Chromium started on the recording
// proxy with the page probes (e2eInit), JavaScript evaluated and polled
// for, pages loaded, and the checks every browser test ends with: no
// request leaves the machine, no console error, no CSP violation.

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

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
// workersMade so far; workerScripts, each one's script), so a test can
// tell a replacement from the worker it replaced.
const e2eInit = `
window.__e2e = {csp: [], longTasks: [], longTaskLog: [], runs: 0, workersMade: 0, workerScripts: []};
// e2eNamed is how many files the page lists: the list puts only the rows
// in view in the page, and says how many there are in aria-rowcount.
// e2eListed is the same once every file is read and told apart (-1 while
// the list is aria-busy): what a test checks next is then settled.
window.e2eNamed = () => { const l = document.querySelector("#file-list"); return +((l && l.getAttribute("aria-rowcount")) || 0); };
window.e2eListed = () => { const l = document.querySelector("#file-list"); return l && l.getAttribute("aria-busy") === "true" ? -1 : e2eNamed(); };
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = function (url, opts) {
    const w = new Native(url, opts);
    w.__e2eNo = ++window.__e2e.workersMade;
    window.__e2e.workerScripts.push(String(url));
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
		// Chromium rates the machine for its own on-device AI models by
		// starting a utility process (OnDeviceModelService, ~93 MB) about
		// three minutes into any session, whatever the page does: a
		// performance class given on the command line spares it. The bench
		// counts every Chromium process, and this one is not picmark's.
		chromedp.Flag("optimization-guide-performance-class", "1"),
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
	s.addScript(t, "the page probes", e2eInit)
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

// addScript runs src in every document the tab opens from now on, before
// the page's own scripts.
func (s *e2eSession) addScript(t *testing.T, what, src string) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		t.Fatalf("installing %s: %v", what, err)
	}
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
    files: Array.from(document.querySelectorAll("#file-list [role=row]")).map((li) => li.dataset.path + "=" + li.dataset.status),
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
