//go:build !wasm

// What a person does on the page, for the e2e tests: drop a folder, pick
// files, choose and type, pick a logo, start a batch and wait for it,
// download; and what the page remembers and sends its workers.

package main

import (
	"fmt"
	"io/fs"
	"iter"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"picmark/internal/batch"
	"picmark/internal/crop"
)

// drag drags path (a file or a folder) over the page and drops it, as a
// person dragging it from a file manager would.
func (s *e2eSession) drag(t *testing.T, path string) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{path}, DragOperationsMask: 1}
	for _, typ := range []input.DispatchDragEventType{
		input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop,
	} {
		if _, err := chromedp.Call(ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: 400, Y: 300, Data: data}); err != nil {
			t.Fatalf("Input.dispatchDragEvent %s of %s: %v", typ, path, err)
		}
	}
}

// dropFolder drops a real directory on the page and waits until the page
// lists every file in it but the system files (.DS_Store, Thumbs.db), which
// it leaves out.
func (s *e2eSession) dropFolder(t *testing.T, dir string) {
	t.Helper()
	s.drag(t, dir)
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
	s.waitJS(t, fmt.Sprintf("the dropped folder listed: #file-list[aria-rowcount] = %d", n),
		fmt.Sprintf(`e2eListed() >= %d`, n), 20*time.Second)
}

// dropFixtures drops the fixture folder, checks the page lists it whole,
// and picks the fixture logo.
func (s *e2eSession) dropFixtures(t *testing.T) {
	t.Helper()
	s.dropFolder(t, s.fx.folder)
	s.checkFileList(t)
	s.setLogo(t, s.fx.logo)
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

// wsSetValue sets a control's value as a person would and fires the event
// go-app listens to.
func (s *e2eSession) wsSetValue(t *testing.T, sel, value, event string) {
	t.Helper()
	got := s.eval(t, "set "+sel, `(() => {
  const e = document.querySelector(`+strconv.Quote(sel)+`);
  if (!e) return "missing";
  e.value = `+strconv.Quote(value)+`;
  e.dispatchEvent(new Event(`+strconv.Quote(event)+`, {bubbles: true}));
  return "ok";
})()`)
	if got != `"ok"` {
		t.Fatalf("%s is not on the page", sel)
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

// runs is how many times body[data-state] became "done" in this document.
func (s *e2eSession) runs(t *testing.T) int {
	t.Helper()
	n, err := strconv.Atoi(s.eval(t, "finished runs", `window.__e2e ? window.__e2e.runs : -1`))
	if err != nil || n < 0 {
		t.Fatalf("the page probe is missing (window.__e2e): %v", err)
	}
	return n
}

// runBatch presses Start and waits for the batch to be done (waitDone).
func (s *e2eSession) runBatch(t *testing.T) {
	t.Helper()
	n := s.runs(t)
	s.click(t, "#start")
	s.waitDone(t, n)
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

// reportTable opens the report's table (it opens on its summary) and
// returns its data rows: how many it has (aria-rowcount, the header row
// left out) and how many are in the page (those in view and a margin).
func (s *e2eSession) reportTable(t *testing.T) (count, shown int) {
	t.Helper()
	if s.eval(t, "the report's table shown", `!!document.querySelector("#report")`) != "true" {
		s.click(t, "#report-table-view")
	}
	s.waitJS(t, "the report's table", `!!document.querySelector("#report [role=row][aria-rowindex]")`, 10*time.Second)
	var r struct{ Count, Shown int }
	s.evalInto(t, "#report rows", `(() => { const r = document.querySelector("#report");
  return {Count: +r.getAttribute("aria-rowcount") - 1, Shown: r.querySelectorAll(".vrows > [role=row]").length}; })()`, &r)
	return r.Count, r.Shown
}

// wsWaitDone waits for the batch started after `before` finished runs.
func (s *e2eSession) wsWaitDone(t *testing.T, before int) {
	t.Helper()
	s.waitJS(t, "the batch done", "window.__e2e.runs > "+strconv.Itoa(before), 90*time.Second)
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

// e2eSettingsKey is where the page remembers its settings.
const e2eSettingsKey = "picmark.settings.v1"

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
// with it — an output the worker wrote into the page's folder is copied
// from there at once —; its blob is a promise; see madeSums).
const e2eRecordJobs = `(() => {
  if (!window.__e2eJobs) {
    const post = Worker.prototype.postMessage;
    const copy = (store, name) => {
      const blob = navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(store))
        .then((dir) => dir.getFileHandle(name)).then((h) => h.getFile()).then((f) => f.arrayBuffer()).then((b) => new Blob([b]));
      blob.catch(() => {}); // said by madeSums, if asked
      return blob;
    };
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m && m.type === "job") {
        window.__e2eJobs.push({id: m.id, input: String(m.input), focal: m.focal ? {x: m.focal.x, y: m.focal.y} : null,
          settings: String(m.settings), worker: this.__e2eNo || 0, decoder: "", answered: false, store: m.store || ""});
        if (!this.__e2eListens) {
          this.__e2eListens = true;
          this.addEventListener("message", (e) => {
            const d = e.data;
            if (!d || d.type !== "result") return;
            const j = window.__e2eJobs.find((j) => j.id === d.id && !j.answered);
            if (!j) return;
            j.answered = true;
            j.decoder = String((d.stats && d.stats.decoder) || "(not said)");
            for (const f of d.files || []) window.__e2eMade.push({input: j.input, name: String(f.name), size: f.size, stored: !!f.stored,
              blob: f.stored ? copy(j.store, f.stored) : Promise.resolve(f.blob || new Blob([f.data]))});
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
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", await (await f.blob).arrayBuffer()));
  return {input: f.input, name: f.name, sum: Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("")};
}))`, &made)
	return made
}
