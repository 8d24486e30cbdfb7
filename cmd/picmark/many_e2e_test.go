//go:build !wasm

// Ten thousand files in a real browser: the lists stay light (only the rows
// in view are in the page), keyboard focus and the screen reader's row
// numbers survive scrolling, and the report of 30,000 rows opens on its
// summary, filters, and reads at laptop and phone widths.

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// manyMaxRows is the most rows a long list may put in the page: those in
// view and a margin, never the whole list.
const manyMaxRows = 100

// TestE2EMany drops 10,000 files twice: once to scroll the lists, once to
// make a batch whose report has 30,000 rows.
func TestE2EMany(t *testing.T) {
	env := e2eServe(t, 6*time.Minute, nil)
	s := env.s
	axe := e2eAxe(t, env.root)
	s.setPhase("many")
	s.load(t, env.srv.URL)
	t.Run("lists", func(t *testing.T) { manyLists(t, s, axe) })
	t.Run("report", func(t *testing.T) { manyReport(t, s, axe) })
	t.Run("without-handles", func(t *testing.T) { manyEntries(t, s) })
}

// manyEntries drops a folder as a browser without FileSystemHandles
// (Firefox, Safari) gives it: intake.js walks its entries on the page and
// makes the Files a hundred at a time; every file is listed and told
// apart, and the system file is left out on one line. Then its batch is
// cancelled while Go is still handing its jobs over (a few hundred at a
// time): every file is in the report all the same.
func manyEntries(t *testing.T, s *e2eSession) {
	if s.eval(t, "files listed", "e2eListed()") != "0" {
		s.click(t, "#clear")
	}
	s.waitJS(t, "the list cleared", "e2eListed() === 0", 10*time.Second)
	s.eval(t, "a browser without FileSystemHandles", `(delete DataTransferItem.prototype.getAsFileSystemHandle, !("getAsFileSystemHandle" in DataTransferItem.prototype))`)
	dir := filepath.Join(t.TempDir(), "shoot")
	const n = 260 // 208 photos: more jobs than cross to the glue at once (app/glue.go jobsAtOnce)
	photos := 0
	kind := func(i int) string {
		if i%5 == 0 {
			return "txt"
		}
		return "png"
	}
	for i := range n {
		if kind(i) == "png" {
			photos++
		}
	}
	manyFolder(t, dir, n, kind)
	if err := os.WriteFile(filepath.Join(dir, "d00", ".DS_Store"), []byte("\x00\x00\x00\x01Bud1"), 0o644); err != nil {
		t.Fatal(err)
	}
	manyDrop(t, s, dir, n)
	var got struct{ Ready, Skipped, Checking int }
	s.evalInto(t, "the files told apart", `(() => {
  const c = (st) => document.querySelectorAll("#file-list [role=row][data-status=" + st + "]").length;
  return {Ready: c("ready"), Skipped: c("skipped"), Checking: c("checking")}; })()`, &got)
	if got.Checking != 0 || got.Ready == 0 || got.Skipped == 0 {
		t.Errorf("rows in view: %+v, want photos and skipped files, none still being read", got)
	}
	var title, left string
	s.evalInto(t, "the list's title", `document.querySelector("#files h2").textContent`, &title)
	if want := fmt.Sprintf("Files: %d photos, %d skipped", photos, n-photos); title != want {
		t.Errorf("the list says %q, want %q", title, want)
	}
	s.evalInto(t, "left out", `(document.querySelector("#left-out") || {}).textContent || ""`, &left)
	if !strings.HasPrefix(left, "1 system file left out") {
		t.Errorf("left out: %q, want one system file", left)
	}

	// Cancel as the first lot of jobs arrives, before the batch starts.
	s.eval(t, "cancel as the jobs come", `(() => { const g = window.picmark, jobs = g.jobs;
  g.jobs = function (lot) { jobs.call(this, lot); g.jobs = jobs; g.cancel(); }; return true; })()`)
	runs := s.runs(t)
	s.click(t, "#start")
	s.waitDone(t, runs)
	var sum struct{ Done, Failed, Presets int }
	s.evalInto(t, "the report's summary", `(() => {
  const count = (c) => +document.querySelector("#report-summary .report-counts ." + c).dataset.count;
  return {Done: count("done"), Failed: count("failed"), Presets: document.querySelectorAll("input[id^=preset-]:checked").length};
})()`, &sum)
	if sum.Presets == 0 || sum.Done != 0 || sum.Failed != n*sum.Presets {
		t.Errorf("the cancelled batch's report: %d done, %d failed; want 0 and %d (%d files × %d formats)", sum.Done, sum.Failed, n*sum.Presets, n, sum.Presets)
	}
}

// manyFolder writes n files under dir in nested folders, and returns how
// many of each kind: kind(i) says what file i is ("png", "txt", "empty",
// "broken").
func manyFolder(t *testing.T, dir string, n int, kind func(i int) string) {
	t.Helper()
	var pngBytes bytes.Buffer
	if err := png.Encode(&pngBytes, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	// A JPEG that ends after its first marker: the gate takes it, the decoder cannot.
	broken := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xDB}
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%25), fmt.Sprintf("e%d", i%4))
		if i < 100 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		var name string
		var data []byte
		switch kind(i) {
		case "png":
			name, data = fmt.Sprintf("p%05d.png", i), pngBytes.Bytes()
		case "txt":
			name, data = fmt.Sprintf("n%05d.txt", i), []byte("notes for the shoot")
		case "empty":
			name = fmt.Sprintf("e%05d.jpg", i)
		case "broken":
			name, data = fmt.Sprintf("b%05d.jpg", i), broken
		}
		if err := os.WriteFile(filepath.Join(sub, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// manyDrop drops dir and waits until the page lists its n files.
func manyDrop(t *testing.T, s *e2eSession, dir string, n int) {
	t.Helper()
	start := time.Now()
	s.drag(t, dir)
	s.waitJS(t, fmt.Sprintf("%d files listed", n), fmt.Sprintf("e2eListed() === %d", n), 2*time.Minute)
	t.Logf("%d files listed %v after the drop; %s", n, time.Since(start).Round(time.Millisecond),
		s.eval(t, "intake marks", `performance.getEntriesByType("mark").filter((m) => m.name.startsWith("picmark-intake")).map((m) => m.name + " " + Math.round(m.startTime)).join(", ")`))
}

// manyLight checks that n files dropped as a folder and made into a ZIP
// left the page holding no File of its own (the workers open each when
// they need it), that intake's worker was ended every thousand files or
// so and is gone once they are read, and that the ZIP was put together in
// a worker of its own: the Files and handles they make are garbage that
// holds browser memory until collected (web/js/heads.js, zipwork.js).
func manyLight(t *testing.T, s *e2eSession, n int) {
	t.Helper()
	var got struct {
		Held  int  `json:"held"`
		Alive bool `json:"alive"`
		Heads int  `json:"heads"`
		Zips  int  `json:"zips"`
	}
	s.evalInto(t, "what intake holds", `({held: picmarkDebug.filesHeld(), alive: picmarkDebug.headsAlive(),
  heads: window.__e2e.workerScripts.filter((u) => u.endsWith("/heads.js")).length,
  zips: window.__e2e.workerScripts.filter((u) => u.endsWith("/zipwork.js")).length})`, &got)
	if got.Held != 0 {
		t.Errorf("the page holds %d Files of the folder dropped, want none", got.Held)
	}
	if got.Alive {
		t.Errorf("intake's worker still runs once every file is read")
	}
	if want := n / 1000; got.Heads < want {
		t.Errorf("intake's worker was started %d times for %d files, want at least %d (ended every thousand files)", got.Heads, n, want)
	}
	if got.Zips == 0 {
		t.Errorf("the ZIP was not put together in zipwork.js")
	}
}

// manyList is a long list as the page shows it.
type manyList struct {
	Count   int    `json:"count"`   // aria-rowcount
	Rows    int    `json:"rows"`    // rows in the page
	First   int    `json:"first"`   // the first row's aria-rowindex
	Last    int    `json:"last"`    // the last row's
	Active  int    `json:"active"`  // aria-rowindex of the aria-activedescendant row; 0 when none is in the page
	Dangles bool   `json:"dangles"` // aria-activedescendant names a row not in the page
	Focused bool   `json:"focused"` // the list holds keyboard focus
	Seen    bool   `json:"seen"`    // the active row is inside the list's box, not scrolled away
	Holes   string `json:"holes"`   // rows whose aria-rowindex does not follow the one before
}

func (s *e2eSession) manyList(t *testing.T, sel string) manyList {
	t.Helper()
	var l manyList
	s.evalInto(t, sel, `(() => {
  const box = document.querySelector(`+strconv.Quote(sel)+`);
  const rows = Array.from(box.querySelectorAll(".vrows > [role=row]"));
  const idx = rows.map((r) => +r.getAttribute("aria-rowindex"));
  const id = box.getAttribute("aria-activedescendant");
  const a = id ? document.getElementById(id) : null;
  const holes = idx.filter((v, i) => i > 0 && v !== idx[i - 1] + 1).join(",");
  let seen = false;
  if (a) { const b = box.getBoundingClientRect(), r = a.getBoundingClientRect(); seen = r.top >= b.top - 1 && r.bottom <= b.bottom + 1; }
  return {count: +box.getAttribute("aria-rowcount"), rows: rows.length, first: idx[0] || 0, last: idx[idx.length - 1] || 0,
    active: a ? +a.getAttribute("aria-rowindex") : 0, dangles: !!id && !a, focused: document.activeElement === box, seen, holes};
})()`, &l)
	if l.Rows > manyMaxRows {
		t.Errorf("%s has %d rows in the page, want at most %d", sel, l.Rows, manyMaxRows)
	}
	if l.Dangles {
		t.Errorf("%s: aria-activedescendant names a row that is not in the page", sel)
	}
	if l.Holes != "" {
		t.Errorf("%s: the rows in the page do not follow each other (aria-rowindex breaks at %s)", sel, l.Holes)
	}
	return l
}

// waitList polls a list until cond (JS over the list's box, b) holds.
func (s *e2eSession) waitList(t *testing.T, what, sel, cond string) {
	t.Helper()
	s.waitJS(t, what, `(() => { const b = document.querySelector(`+strconv.Quote(sel)+`);
  const rows = b ? Array.from(b.querySelectorAll(".vrows > [role=row]")) : [];
  const first = rows.length ? +rows[0].getAttribute("aria-rowindex") : 0, last = rows.length ? +rows[rows.length - 1].getAttribute("aria-rowindex") : 0;
  const id = b && b.getAttribute("aria-activedescendant"), a = id && document.getElementById(id);
  const active = a ? +a.getAttribute("aria-rowindex") : 0;
  return b && (`+cond+`); })()`, 20*time.Second)
}

func (s *e2eSession) press(t *testing.T, key string) {
	t.Helper()
	ctx, cancel := s.step(10 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatalf("pressing %q: %v", key, err)
	}
}

// scrollTo scrolls a list's box to y px (-1: its end), as a wheel would.
func (s *e2eSession) scrollTo(t *testing.T, sel string, y int) {
	t.Helper()
	s.eval(t, "scroll "+sel, `(() => { const b = document.querySelector(`+strconv.Quote(sel)+`);
  b.scrollTop = `+strconv.Itoa(y)+` < 0 ? b.scrollHeight : `+strconv.Itoa(y)+`; return true; })()`)
}

// axeOn runs axe on the parts of the page sel names and fails on serious
// or critical violations.
func (s *e2eSession) axeOn(t *testing.T, axe []byte, what string, sels ...string) {
	t.Helper()
	s.eval(t, "load axe-core", string(axe)+";true")
	include := make([]string, len(sels))
	for i, sel := range sels {
		include[i] = "[" + strconv.Quote(sel) + "]"
	}
	var violations []struct {
		ID, Impact, Help, Target string
	}
	s.evalInto(t, "axe", `axe.run({include: [`+strings.Join(include, ",")+`]}, {resultTypes: ["violations"]}).then((r) => r.violations.map((v) => ({
  ID: v.id, Impact: v.impact, Help: v.help, Target: v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})))`, &violations)
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: axe %s (%s): %s: %s", what, v.ID, v.Impact, v.Help, v.Target)
		} else {
			t.Logf("%s: axe %s (%s): %s", what, v.ID, v.Impact, v.Help)
		}
	}
}

// manyLists drops 10,000 files, half of them photos, and scrolls the file
// list and the previews with the keyboard and the wheel.
func manyLists(t *testing.T, s *e2eSession, axe []byte) {
	dir := filepath.Join(t.TempDir(), "catalogue")
	manyFolder(t, dir, 10000, func(i int) string {
		if i%2 == 0 {
			return "png"
		}
		return "txt"
	})
	manyDrop(t, s, dir, 10000)

	const files, previews = "#file-list", "#preview-grid"
	if l := s.manyList(t, files); l.Count != 10000 || l.First != 1 || l.Rows < 5 {
		t.Errorf("the file list at first: %+v, want aria-rowcount 10000 and its first rows", l)
	}
	if l := s.manyList(t, previews); l.Count != 5000 || l.First != 1 || l.Rows > 20 {
		t.Errorf("the previews at first: %+v, want aria-rowcount 5000 (the photos) and a few rows", l)
	}

	// The keyboard: End goes to the last file, which is shown; the list keeps focus.
	s.eval(t, "focus the file list", `document.querySelector("#file-list").focus(), true`)
	s.press(t, kb.End)
	s.waitList(t, "the last file active", files, "active === 10000 && last === 10000")
	if l := s.manyList(t, files); !l.Focused || !l.Seen {
		t.Errorf("after End: %+v, want the list focused and the last row in view", l)
	}
	// The wheel takes the view back to the top: the active row leaves the
	// page, focus stays on the list, and no reference dangles.
	s.scrollTo(t, files, 0)
	s.waitList(t, "the file list back at its top", files, "first === 1")
	if l := s.manyList(t, files); !l.Focused || l.Active != 0 {
		t.Errorf("scrolled away from the active row: %+v, want the list still focused, no active row in the page", l)
	}
	// A key brings the active row back into view, one up.
	s.press(t, kb.ArrowUp)
	s.waitList(t, "file 9,999 active", files, "active === 9999")
	if l := s.manyList(t, files); !l.Focused || !l.Seen {
		t.Errorf("after ArrowUp: %+v, want the list focused and row 9,999 in view", l)
	}
	s.press(t, kb.Home)
	s.waitList(t, "the first file active", files, "active === 1 && first === 1")
	s.press(t, kb.PageDown)
	s.waitList(t, "a page further", files, "active > 3")
	// The middle of the list by the wheel: rows there, numbered there.
	s.scrollTo(t, files, 5000*56)
	s.waitList(t, "the middle of the file list", files, "first > 4900 && first <= 5000 && last >= 5000")
	s.manyList(t, files)
	// A click there acts on the row clicked, not on the row its element
	// showed before the scroll (go-app keeps an element's first handler).
	var mid struct{ Path, ID string }
	s.evalInto(t, "a photo in the middle", `(() => { const r = [...document.querySelectorAll("#file-list [role=row]")].find((r) => r.querySelector("button.set-focal"));
  r.click(); return {Path: r.dataset.path, ID: r.id}; })()`, &mid)
	s.waitJS(t, "the row clicked active", `document.querySelector("#file-list").getAttribute("aria-activedescendant") === `+strconv.Quote(mid.ID), 10*time.Second)
	s.eval(t, "its focal point button", `document.querySelector(`+strconv.Quote("#"+mid.ID+" button.set-focal")+`).click(), true`)
	s.waitJS(t, "the focal editor on the photo clicked", `(() => { const e = document.querySelector("#focal-editor"); return e && !e.hidden && e.textContent.includes(`+strconv.Quote(mid.Path)+`); })()`, 10*time.Second)
	s.click(t, "#focal-close")

	// The previews: the last photos at the end of the grid, made for what is in view.
	s.scrollTo(t, previews, -1)
	s.waitList(t, "the last photo's previews in view", previews, "last === 5000")
	s.waitJS(t, "the last photo's previews made", `(() => { const r = document.querySelector('#preview-grid [aria-rowindex="5000"]');
  return r && r.dataset.status === "ready" && r.querySelectorAll("img").length === 3; })()`, 60*time.Second)
	if l := s.manyList(t, previews); l.First < 4980 {
		t.Errorf("the previews at the end: %+v", l)
	}
	var queued int
	s.evalInto(t, "previews queued", `window.picmarkDebug.previewsQueued()`, &queued)
	if queued > 20 {
		t.Errorf("%d previews wait for a worker after scrolling to the end, want only those in view", queued)
	}
	// Enter on the active photo opens its focal point editor.
	s.eval(t, "focus the previews", `document.querySelector("#preview-grid").focus(), true`)
	s.press(t, kb.End)
	s.waitList(t, "the last photo active", previews, "active === 5000")
	last := s.eval(t, "the last photo", `document.querySelector('#preview-grid [aria-rowindex="5000"]').dataset.path`)
	s.press(t, kb.Enter)
	s.waitJS(t, "the focal editor on the last photo", `(() => { const e = document.querySelector("#focal-editor"); return e && !e.hidden && e.textContent.includes(`+last+`); })()`, 10*time.Second)
	s.click(t, "#focal-close")
	// A click on a photo's focal point button after the scroll.
	s.waitJS(t, "the previews of the photo before the last", `!!document.querySelector('#preview-grid [aria-rowindex="4999"] button.preview-open')`, 60*time.Second)
	beforeLast := s.eval(t, "the photo before the last", `document.querySelector('#preview-grid [aria-rowindex="4999"]').dataset.path`)
	s.eval(t, "its preview", `document.querySelector('#preview-grid [aria-rowindex="4999"] button.preview-open').click(), true`)
	s.waitJS(t, "the focal editor on the photo clicked", `(() => { const e = document.querySelector("#focal-editor"); return e && !e.hidden && e.textContent.includes(`+beforeLast+`); })()`, 10*time.Second)
	// Closed by script: the grid scrolls to the row clicked meanwhile, and a
	// click by coordinates can miss the button as it moves (the button's own
	// click was checked above).
	// Once in about six runs the editor has closed by itself by now (seen
	// at 14:49 on 2026-12-06, not understood yet: see ARCHITECTURE §9).
	s.eval(t, "close the focal editor", `(() => { const b = document.querySelector("#focal-close"); if (b) b.click(); return true; })()`)
	s.waitJS(t, "the focal editor closed", `(() => { const e = document.querySelector("#focal-editor"); return !e || e.hidden || !e.open; })()`, 10*time.Second)

	s.axeOn(t, axe, "the long lists", files, previews)
}

// manyReport makes a batch of 10,000 files, almost all of them not photos,
// and reads its report of 30,000 rows.
func manyReport(t *testing.T, s *e2eSession, axe []byte) {
	if s.eval(t, "files listed", "e2eListed()") != "0" {
		s.click(t, "#clear")
	}
	s.waitJS(t, "the list cleared", "e2eListed() === 0", 10*time.Second)
	dir := filepath.Join(t.TempDir(), "export")
	kinds := map[string]int{}
	kind := func(i int) string {
		switch {
		case i < 6:
			return "png"
		case i < 9:
			return "broken"
		case i%3 == 0:
			return "empty"
		}
		return "txt"
	}
	for i := range 10000 {
		kinds[kind(i)]++
	}
	manyFolder(t, dir, 10000, kind)
	// Start is pressed as soon as the files are named, most likely while
	// their first bytes are still being read: the batch then starts once
	// they are, and every file still ends in the report.
	s.drag(t, dir)
	s.waitJS(t, "10000 files named", "e2eNamed() === 10000", 2*time.Minute)
	n := s.runs(t)
	reading := s.eval(t, "files being read", `document.querySelector("#file-list").getAttribute("aria-busy") === "true"`) == "true"
	s.click(t, "#start")
	if reading {
		s.waitJS(t, "the page saying the batch starts once every file is read, or the batch started",
			`/once every file is read/.test(document.querySelector("#status").textContent) || document.body.dataset.state !== "idle"`, 10*time.Second)
	}
	t.Logf("Start pressed while files were being read: %v", reading)
	s.waitDone(t, n)
	manyLight(t, s, 10000)

	// The summary: counts, and each reason with its files.
	var sum struct {
		Done, Failed int
		Groups       map[string]int // files, by the reason's first words
	}
	s.evalInto(t, "the report's summary", `(() => {
  const count = (c) => +document.querySelector("#report-summary .report-counts ." + c).dataset.count;
  const groups = {};
  for (const g of document.querySelectorAll("#report-groups .report-group")) groups[g.querySelector(".reason-text").textContent.replace(/^[^:]*:\s*/, "").slice(0, 24)] = +g.dataset.files;
  return {Done: count("done"), Failed: count("failed"), Groups: groups};
})()`, &sum)
	presets := 3
	if sum.Done != kinds["png"]*presets || sum.Failed != (10000-kinds["png"])*presets {
		t.Errorf("the summary counts %d done, %d failed; want %d and %d", sum.Done, sum.Failed, kinds["png"]*presets, (10000-kinds["png"])*presets)
	}
	for prefix, want := range map[string]int{"is not an image picmark ": kinds["txt"], "the file is empty": kinds["empty"], "is damaged": kinds["broken"]} {
		got, found := 0, false
		for text, n := range sum.Groups {
			if strings.HasPrefix(text, prefix) {
				got, found = got+n, true
			}
		}
		if !found || got != want {
			t.Errorf("the summary's reason %q counts %d files (found: %v), want %d; reasons: %v", prefix, got, found, want, sum.Groups)
		}
	}

	// The table, one click away: 30,000 rows, a few in the page.
	count, shown := s.reportTable(t)
	if count != 10000*presets || shown > manyMaxRows || shown < 5 {
		t.Errorf("the report's table has %d rows, %d in the page; want %d, at most %d in the page", count, shown, 10000*presets, manyMaxRows)
	}
	s.eval(t, "focus the table", `document.querySelector("#report").focus(), true`)
	s.scrollTo(t, "#report", -1)
	s.waitList(t, "the report's last row", "#report", "last === 30001")
	if l := s.manyList(t, "#report"); !l.Focused || l.Count != 30001 {
		t.Errorf("the report's table at its end: %+v, want it focused, aria-rowcount 30001 (the header row and 30,000)", l)
	}

	// Filters: a status, a reason from the summary, a file's name.
	s.choose(t, "#report-status", "done")
	s.waitList(t, "only the done rows", "#report", fmt.Sprintf("+b.getAttribute('aria-rowcount') === %d && first === 2", kinds["png"]*presets+1))
	s.choose(t, "#report-status", "*")
	s.click(t, "#report-summary-view")
	s.click(t, fmt.Sprintf(`#report-groups .report-group.failed[data-files="%d"] .show-reason`, kinds["broken"]))
	s.waitList(t, "the rows of the smallest reason", "#report", fmt.Sprintf("+b.getAttribute('aria-rowcount') === %d", kinds["broken"]*presets+1))
	s.choose(t, "#report-reason", "*")
	s.typeText(t, "#report-search", "n00010")
	s.waitList(t, "one file's rows", "#report", fmt.Sprintf("+b.getAttribute('aria-rowcount') === %d && rows.every((r) => r.dataset.input.endsWith('n00010.txt'))", presets+1))

	s.typeText(t, "#report-search", "\b\b\b\b\b\b")
	s.waitList(t, "every row again", "#report", "+b.getAttribute('aria-rowcount') === 30001")
	for _, width := range []int{1440, 375} {
		s.viewport(t, width)
		s.reportLayout(t, width)
		s.axeOn(t, axe, fmt.Sprintf("the report at %d px", width), "#report-section")
	}
	s.viewport(t, 0)
}

// viewport sets the page's width as a laptop's or a phone's (0: back to the
// browser's own).
func (s *e2eSession) viewport(t *testing.T, width int) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	var err error
	if width == 0 {
		_, err = chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	} else {
		_, err = chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(width), Height: 900, DeviceScaleFactor: 1, Mobile: width < 600,
		})
	}
	if err != nil {
		t.Fatalf("viewport %d px: %v", width, err)
	}
}

// reportLayout checks the report reads at a width: its summary and its
// table fit the section, the table scrolls one way only, every row is one
// short height and no cell spills out of its box.
func (s *e2eSession) reportLayout(t *testing.T, width int) {
	t.Helper()
	maxRow := 80.0 // a laptop: a row is three lines at most
	if width < 600 {
		maxRow = 150 // a phone: the cells stack, file and status, format and size, output, details
	}
	type box struct{ Left, Right, Width, ScrollWidth, ClientWidth float64 }
	var l struct {
		Section, Summary, Table box
		Page                    float64 // how far the page is wider than the screen
		Rows                    []float64
		Cells                   []string // cells that spill out of the table's box
		Details                 float64  // the narrowest Details cell
	}
	const measure = `(() => {
  const b = (e) => { if (!e) return null; const r = e.getBoundingClientRect(); return {Left: r.left, Right: r.right, Width: r.width, ScrollWidth: e.scrollWidth, ClientWidth: e.clientWidth}; };
  const table = document.querySelector("#report"), rows = table ? Array.from(table.querySelectorAll(".vrows > [role=row]")) : [];
  const tb = table && table.getBoundingClientRect();
  return {
    Section: b(document.querySelector("#report-section")), Summary: b(document.querySelector("#report-summary")), Table: b(table),
    Page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    Rows: rows.map((r) => r.getBoundingClientRect().height),
    Cells: rows.flatMap((r) => Array.from(r.children)).filter((c) => { const r = c.getBoundingClientRect(); return r.width > 0 && (r.left < tb.left - 1 || r.right > tb.right + 1); }).slice(0, 5).map((c) => c.className + " " + Math.round(c.getBoundingClientRect().right)),
    Details: Math.min(...rows.map((r) => r.querySelector(".c-details").getBoundingClientRect().width)),
  };
})()`
	for _, view := range []string{"#report-summary-view", "#report-table-view"} {
		s.click(t, view)
		s.waitJS(t, "the report's "+view, `document.querySelector(`+strconv.Quote(view)+`).getAttribute("aria-pressed") === "true"`, 10*time.Second)
		s.evalInto(t, "the report's layout", measure, &l)
		if l.Page > 0 {
			t.Errorf("at %d px with %s, the page is %.0f px wider than the screen", width, view, l.Page)
		}
		if view == "#report-summary-view" {
			if l.Summary.Right > l.Section.Right || l.Summary.ScrollWidth > l.Summary.ClientWidth+1 {
				t.Errorf("at %d px the summary (%+v) spills out of its section (%+v)", width, l.Summary, l.Section)
			}
			continue
		}
		if l.Table.Right > l.Section.Right || l.Table.ScrollWidth > l.Table.ClientWidth+1 {
			t.Errorf("at %d px the table is %.0f px wide inside a %.0f px box, in a section ending at %.0f px: it must not scroll sideways",
				width, l.Table.ScrollWidth, l.Table.ClientWidth, l.Section.Right)
		}
		if len(l.Cells) > 0 {
			t.Errorf("at %d px cells spill out of the table: %v", width, l.Cells)
		}
		if len(l.Rows) == 0 {
			t.Fatalf("at %d px the table shows no rows", width)
		}
		for _, h := range l.Rows {
			if h > maxRow || h != l.Rows[0] {
				t.Errorf("at %d px a row is %.0f px tall (the first %.0f px), want every row one height of at most %.0f px", width, h, l.Rows[0], maxRow)
				break
			}
		}
		if min := l.Table.Width * 0.3; width > 600 && l.Details < min {
			t.Errorf("at %d px the Details column is %.0f px wide in a %.0f px table, want at least %.0f", width, l.Details, l.Table.Width, min)
		}
	}
}
