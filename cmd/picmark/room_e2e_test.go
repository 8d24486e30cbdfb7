//go:build !wasm

// Room for the outputs: a batch whose outputs will not fit where they wait
// for the download does not start, and says what to do; one that fits
// keeps its outputs on disk (the origin's private file system), which the
// browser's storage estimate counts, and its ZIP is whole.

package main

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

func TestE2ERoom(t *testing.T) {
	env := e2eOpen(t, 4*time.Minute, nil)
	s := env.s
	s.setPhase("room")
	s.load(t, env.srv.URL)
	s.dropFixtures(t)
	u, err := url.Parse(env.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	origin := u.Scheme + "://" + u.Host
	quota := func(bytes float64) {
		t.Helper()
		ctx, cancel := s.step(10 * time.Second)
		defer cancel()
		if _, err := chromedp.Call(ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: origin, QuotaSize: &bytes}); err != nil {
			t.Fatalf("Storage.overrideQuotaForOrigin %s %.0f: %v", origin, bytes, err)
		}
	}

	// A quota smaller than what the site itself keeps (no room at all),
	// then one with 2 MB to spare, for pictures that need about 13 MB.
	var usage float64
	s.evalInto(t, "usage", `navigator.storage.estimate().then((e) => e.usage)`, &usage)
	quota(1 << 20)
	// With no room, a file fetched on demand still arrives: only its offline
	// copy is skipped (the face finder, a font or the HEIC decoder, whichever
	// the background had not kept yet, failed to load under load).
	var font float64
	s.evalInto(t, "a font fetched with no room", `navigator.serviceWorker.ready
  .then(() => caches.keys()).then((keys) => Promise.all(keys.map((k) => caches.open(k).then((c) => c.delete("/fonts/bold.ttf")))))
  .then(() => fetch("/fonts/bold.ttf")).then((r) => r.ok ? r.arrayBuffer().then((b) => b.byteLength) : -r.status)
  .catch((e) => -1)`, &font)
	if font <= 0 {
		t.Errorf("with no room left, fetching /fonts/bold.ttf gave %v, want the font's bytes", font)
	}
	first := s.noRoom(t, "")
	// Another format ticked: the page says the new size.
	const extra = "#preset-instagram-square"
	s.click(t, extra)
	quota(usage + 2<<20)
	s.noRoom(t, first)
	s.click(t, extra)

	// Room enough: the batch runs, its outputs wait on disk, counted by the estimate.
	quota(2 << 30)
	s.runBatch(t)
	var kept struct {
		OnDisk, Outputs, ByWorkers int
		Usage                      float64 // what the browser counts in the origin's private file system
	}
	s.waitJS(t, "every output on disk", `window.picmarkDebug.outputsOnDisk() === window.__e2eMade.length`, 20*time.Second)
	s.evalInto(t, "the outputs kept", `navigator.storage.estimate().then((e) => ({OnDisk: window.picmarkDebug.outputsOnDisk(),
  Outputs: window.__e2eMade.length, ByWorkers: window.__e2eMade.filter((f) => f.stored).length, Usage: (e.usageDetails || {}).fileSystem || 0}))`, &kept)
	var made float64
	s.evalInto(t, "the outputs' bytes", `window.__e2eMade.reduce((n, f) => n + f.size, 0)`, &made)
	if kept.Outputs == 0 || kept.OnDisk != kept.Outputs || kept.Usage < made {
		t.Errorf("after the batch %d outputs of %d are on disk; the browser counts %.0f bytes in its file system, want at least the outputs' %.0f",
			kept.OnDisk, kept.Outputs, kept.Usage, made)
	}
	// The workers wrote them there themselves: no output's bytes went
	// through the page (its thread stays free; storage.js).
	if kept.ByWorkers != kept.Outputs {
		t.Errorf("%d outputs of %d were written to disk by the worker that made them, want all: the others came to the page", kept.ByWorkers, kept.Outputs)
	}
	s.checkZip(t, s.download(t), e2eStrict)

	// The next batch clears the last one's files: only its own are left
	// in the page's folder.
	var folder string
	s.evalInto(t, "the page's folder of outputs", `window.__e2eJobs[0].store`, &folder)
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	s.runBatch(t)
	s.waitJS(t, "only the new batch's files on disk", `navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(`+strconv.Quote(folder)+`))
  .then(async (dir) => { let n = 0; for await (const _ of dir.keys()) n++; return n > 0 && n === window.__e2eMade.length && n === window.picmarkDebug.outputsOnDisk(); })`, 20*time.Second)
	s.checkZip(t, s.download(t), e2eStrict)

	// The folder gone, the workers cannot write there: each output comes to
	// the page and waits in memory, and the ZIP is whole all the same.
	s.eval(t, "the page's folder removed", `navigator.storage.getDirectory().then((root) => root.removeEntry(`+strconv.Quote(folder)+`, {recursive: true})).then(() => true)`)
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	s.runBatch(t)
	var memory struct{ OnDisk, Kept, Made, ByWorkers int }
	s.evalInto(t, "the outputs kept", `({OnDisk: window.picmarkDebug.outputsOnDisk(), Kept: window.picmarkDebug.outputsKept(),
  Made: window.__e2eMade.length, ByWorkers: window.__e2eMade.filter((f) => f.stored).length})`, &memory)
	if memory.Made == 0 || memory.OnDisk != 0 || memory.ByWorkers != 0 || memory.Kept != memory.Made {
		t.Errorf("with no folder to write into, %d outputs of %d are kept (%d on disk, %d written by the workers), want all in memory", memory.Kept, memory.Made, memory.OnDisk, memory.ByWorkers)
	}
	s.checkZip(t, s.download(t), e2eStrict)
	s.checkConsole(t)
}

// noRoom presses Start and checks the page says the pictures will not fit,
// with what to do instead, and starts nothing. It returns what the page
// said (before: what it said last time).
func (s *e2eSession) noRoom(t *testing.T, before string) string {
	t.Helper()
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	runs := s.runs(t)
	s.click(t, "#start")
	s.waitJS(t, "the page saying the pictures will not fit", `(() => { const s = document.querySelector("#status").textContent;
  return /need about/.test(s) && s !== `+strconv.Quote(before)+`; })()`, 20*time.Second)
	var status string
	s.evalInto(t, "status", `document.querySelector("#status").textContent`, &status)
	want := "Tick fewer formats"
	if s.eval(t, "folder picker", `typeof window.showDirectoryPicker === "function"`) == "true" {
		want = "Choose “Save into a folder…”"
	}
	if !strings.Contains(status, want) {
		t.Errorf("#status = %q, want it to suggest %q", status, want)
	}
	var after struct {
		State      string
		Jobs, Runs int
	}
	s.evalInto(t, "nothing started", `({State: document.body.dataset.state || "", Jobs: window.__e2eJobs.length, Runs: window.__e2e.runs})`, &after)
	if after.State == "running" || after.Jobs != 0 || after.Runs != runs || s.enabled(t, "#cancel") {
		t.Errorf("with no room, a batch started: %+v", after)
	}
	return status
}
