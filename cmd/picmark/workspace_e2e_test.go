//go:build !wasm

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"image"
	"image/color"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"picmark/internal/brand"
)

// The marketer's workspace in a real browser: language, brand kits that
// survive a reload, cancel and retry, saving into a folder, the manifest's
// launch features, and accessibility at phone and laptop widths.

var updateScreenshots = flag.Bool("update-screenshots", false, "write the README's screenshots to docs/")

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

func TestE2EWorkspace(t *testing.T) {
	// The handler can be swapped for a new version's, as a redeploy would.
	var current atomic.Value
	env := e2eOpen(t, 4*time.Minute, func(h http.Handler) http.Handler {
		current.Store(h)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { current.Load().(http.Handler).ServeHTTP(w, r) })
	})
	root, site, srv, px, s, fx := env.root, env.site, env.srv, env.px, env.s, env.fx
	axe, err := os.ReadFile(filepath.Join(root, ".cache", "npm", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (%v): run make test, which installs it from npm", err)
	}
	s.setPhase("workspace")
	s.load(t, srv.URL)

	t.Run("language", func(t *testing.T) {
		// A browser set to French opens the page in French.
		c, cancel := s.step(10 * time.Second)
		ua := s.eval(t, "user agent", `navigator.userAgent`)
		if _, err := chromedp.Call(c, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
			UserAgent: strings.Trim(ua, `"`), AcceptLanguage: "fr-FR,fr",
		}); err != nil {
			cancel()
			t.Fatal(err)
		}
		cancel()
		s.reload(t)
		s.waitJS(t, "the page in French for a French browser", `navigator.language.startsWith("fr") && document.body.textContent.includes("Cochez les formats")`, 10*time.Second)
		c, cancel = s.step(10 * time.Second)
		if _, err := chromedp.Call(c, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
			UserAgent: strings.Trim(ua, `"`), AcceptLanguage: "en-US,en",
		}); err != nil {
			cancel()
			t.Fatal(err)
		}
		cancel()
		s.reload(t)
		s.waitJS(t, "the page in English for an English browser", `document.body.textContent.includes("Tick the formats")`, 10*time.Second)

		// Switched by hand, it stays so.
		s.wsSetValue(t, "#lang", "fr", "change")
		s.waitJS(t, "the page in French", `document.body.textContent.includes("Cochez les formats") && document.documentElement.lang === "fr"`, 10*time.Second)
		s.reload(t)
		s.waitJS(t, "French remembered after a reload", `document.body.textContent.includes("Cochez les formats")`, 10*time.Second)
		s.wsSetValue(t, "#lang", "en", "change")
		s.waitJS(t, "back in English", `document.body.textContent.includes("Tick the formats") && document.documentElement.lang === "en"`, 10*time.Second)
	})

	t.Run("manifest", func(t *testing.T) {
		c, cancel := s.step(20 * time.Second)
		defer cancel()
		m, err := chromedp.Call(c, page.GetAppManifest, page.GetAppManifestParams{})
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			FileHandlers []struct {
				Action string              `json:"action"`
				Accept map[string][]string `json:"accept"`
			} `json:"file_handlers"`
			ShareTarget struct {
				Action string `json:"action"`
				Method string `json:"method"`
			} `json:"share_target"`
			LaunchHandler map[string]string `json:"launch_handler"`
		}
		if err := json.Unmarshal([]byte(m.Data), &doc); err != nil {
			t.Fatalf("the manifest is not JSON: %v", err)
		}
		if len(doc.FileHandlers) == 0 || len(doc.FileHandlers[0].Accept["image/jpeg"]) == 0 {
			t.Errorf("the manifest does not open JPEGs: %s", m.Data)
		}
		if doc.ShareTarget.Method != "POST" || doc.ShareTarget.Action != "/share-target" {
			t.Errorf("share_target = %+v, want POST /share-target", doc.ShareTarget)
		}
		if doc.LaunchHandler["client_mode"] == "" {
			t.Errorf("no launch_handler in %s", m.Data)
		}
		// Chromium offers the installation: the page shows its install button.
		s.waitJS(t, "the install button", `!!document.querySelector("#install")`, 20*time.Second)
	})

	t.Run("brand-kits", func(t *testing.T) {
		s.click(t, "#kit-new")
		s.waitJS(t, "a new kit selected", `document.querySelector("#kit").value !== "" && !!document.querySelector("#kit-name")`, 10*time.Second)
		s.eval(t, "open the text layer", `document.querySelector("#text-layer").open = true`)
		s.wsSetValue(t, "#text", "Winter sale", "change")
		s.setLogo(t, fx.logo)
		// The kit is saved as it changes; a reload brings it back.
		s.waitJS(t, "the kit saved with its text and its logo", `window.picmark.kits.get(document.querySelector("#kit").value).then((doc) => {
  const f = JSON.parse(doc);
  return f.texts && f.texts[0].content === "Winter sale" && f.logo && f.logo.data.length > 0;
}, () => false)`, 10*time.Second)
		s.reload(t)
		s.waitJS(t, "the kit, its text and its logo after a reload",
			`document.querySelector("#kit").value !== "" && document.querySelector("#text").value === "Winter sale" && !!document.querySelector("#logo-preview")`, 15*time.Second)

		// Import a kit written for the command line.
		opacity := 0.5
		kit := &brand.File{Version: brand.FileVersion, Name: "Imported kit", Presets: []string{"pinterest-square"},
			Texts: []brand.TextFile{{Content: "Imported", Shadow: true}}, Logo: &brand.LogoFile{Data: e2ePNG(t, e2eRedSquare()), Opacity: &opacity}}
		data, err := kit.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "kit.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s.upload(t, "#kit-import", []string{path})
		s.waitJS(t, "the imported kit in use",
			`document.querySelector("#text").value === "Imported" && document.querySelector("#preset-pinterest-square").checked && !document.querySelector("#preset-pinterest-pin").checked && document.querySelectorAll("#kit option").length === 3`, 15*time.Second)
		if msg := s.eval(t, "kit error", `(document.querySelector("#kit-error") || {}).textContent || ""`); msg != `""` {
			t.Fatalf("the kit bar says %s", msg)
		}
		// Delete it: the other kit stays.
		s.click(t, "#kit-delete")
		s.waitJS(t, "the imported kit deleted", `document.querySelectorAll("#kit option").length === 2`, 10*time.Second)
		// Back to the defaults for what follows.
		s.wsSetValue(t, "#kit", "", "change")
		for _, id := range []string{"pinterest-pin", "tumblr-post", "snapchat-story"} {
			s.eval(t, "tick "+id, `(() => { const e = document.querySelector("#preset-`+id+`"); if (!e.checked) e.click(); })()`)
		}
		s.eval(t, "untick pinterest-square", `(() => { const e = document.querySelector("#preset-pinterest-square"); if (e.checked) e.click(); })()`)
		s.wsSetValue(t, "#logo-opacity", "85", "input")
	})

	t.Run("cancel-and-retry", func(t *testing.T) {
		s.reload(t)
		many := e2eManyPhotos(t, 8)
		s.dropFolder(t, many)
		// Two photos are made, the third is held in its worker and nothing
		// else is handed out (picmarkDebug.holdAfter): Cancel lands on a
		// batch certainly half made.
		s.eval(t, "recording worker jobs", e2eRecordJobs)
		s.eval(t, "hold the third job", `(window.picmarkDebug.holdAfter(2), true)`)
		n := s.runs(t)
		s.click(t, "#start")
		s.waitJS(t, "two photos made and the third held", `window.picmarkDebug.held() !== "" &&
  window.__e2eJobs.filter((j) => j.answered && j.input !== window.picmarkDebug.held()).length === 2 &&
  document.querySelector("#progress").value === 2`, 60*time.Second)
		var held string
		s.evalInto(t, "the held photo", `window.picmarkDebug.held()`, &held)
		s.click(t, "#cancel")
		s.wsWaitDone(t, n)
		var jobs []e2eSentJob
		s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
		if len(jobs) != 3 {
			t.Fatalf("%d jobs sent by the end of the cancelled batch (%+v), want 3: two made, one held", len(jobs), jobs)
		}
		made := map[string]string{} // output name → SHA-256 of what the worker sent
		finished := map[string]bool{}
		for _, m := range s.madeSums(t) {
			if m.Input != held {
				made[m.Name], finished[m.Input] = m.Sum, true
			}
		}
		if len(finished) != 2 || len(made) != 2*3 {
			t.Fatalf("before Cancel the workers sent %d outputs of %v, want 3 of each of two photos", len(made), finished)
		}

		// The ZIP right after Cancel: what was made, byte for byte, and a
		// report line for every photo that was not.
		cancelled := e2eZipContents(t, s.download(t))
		for _, r := range cancelled.rows {
			switch {
			case finished[r.input]:
				if r.status != "done" || cancelled.sums[r.output] != made[r.output] || made[r.output] == "" {
					t.Errorf("after Cancel, %s × %s: %s %q, %d bytes in the ZIP; want done, the bytes the worker made", r.input, r.preset, r.status, r.output, r.bytes)
				}
			case r.status != "failed" || r.output != "" || !strings.Contains(r.message, "cancelled") || !strings.Contains(r.message, "Retry"):
				t.Errorf("after Cancel, %s × %s: %s %q; want failed, saying it was cancelled and that Retry makes it", r.input, r.preset, r.status, r.message)
			}
		}
		if len(cancelled.rows) != 8*3 || len(cancelled.sums) != len(made) {
			t.Errorf("after Cancel the ZIP has %d outputs and %d report rows; want the %d made and 24 rows", len(cancelled.sums), len(cancelled.rows), len(made))
		}

		if s.eval(t, "retry button", `!!document.querySelector("#retry")`) != "true" {
			t.Fatalf("no #retry button after a cancelled batch")
		}
		s.eval(t, "recording worker jobs", e2eRecordJobs)
		n = s.runs(t)
		s.click(t, "#retry")
		s.wsWaitDone(t, n)
		// Retry makes the six others only; what was made stays as it was.
		s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
		for _, j := range jobs {
			if finished[j.Input] {
				t.Errorf("Retry sent %s again, made before the Cancel", j.Input)
			}
		}
		if len(jobs) != 8-len(finished) {
			t.Errorf("Retry sent %d jobs, want the %d photos not made", len(jobs), 8-len(finished))
		}
		retried := e2eZipContents(t, s.download(t))
		for i := range 8 {
			for _, p := range []string{"pinterest-pin", "tumblr-post", "snapchat-story"} {
				want := p + "/many/photo-" + strconv.Itoa(i) + ".jpg"
				if retried.sums[want] == "" {
					t.Errorf("after Retry the ZIP lacks %s", want)
				}
			}
		}
		for name, sum := range cancelled.sums {
			if retried.sums[name] != sum {
				t.Errorf("after Retry %s is not the one made before the Cancel", name)
			}
		}
		for _, r := range retried.rows {
			if r.status != "done" {
				t.Errorf("after Retry, %s × %s: %s %q", r.input, r.preset, r.status, r.message)
			}
		}
		if len(retried.rows) != 8*3 || len(retried.sums) != 8*3 {
			t.Errorf("after Retry the ZIP has %d outputs and %d report rows, want 24 of each", len(retried.sums), len(retried.rows))
		}

		// Save into a folder: the browser's folder picker is replaced by the
		// origin's private folder, which has the same API.
		s.eval(t, "fake the folder picker", `window.showDirectoryPicker = async () => navigator.storage.getDirectory()`)
		s.reload(t) // the page checks for the API when it renders
		s.eval(t, "fake the folder picker", `window.showDirectoryPicker = async () => navigator.storage.getDirectory()`)
		s.dropFolder(t, many)
		n = s.runs(t)
		s.click(t, "#start")
		s.wsWaitDone(t, n)
		s.click(t, "#save-folder")
		s.waitJS(t, "the pictures saved", `document.querySelector("#status").textContent.includes("Saved")`, 30*time.Second)
		var saved []string
		s.evalInto(t, "files in the folder", `(async () => {
  const out = [];
  const walk = async (dir, prefix) => {
    for await (const [name, h] of dir.entries()) {
      if (h.kind === "directory") await walk(h, prefix + name + "/");
      else out.push(prefix + name + ":" + (await h.getFile()).size);
    }
  };
  await walk(await navigator.storage.getDirectory(), "");
  return out;
})()`, &saved)
		got := map[string]bool{}
		for _, f := range saved {
			name, size, _ := strings.Cut(f, ":")
			if size == "0" {
				t.Errorf("%s was saved empty", name)
			}
			got[name] = true
		}
		if !got["report.csv"] || !got["snapchat-story/many/photo-3.jpg"] || len(got) != 8*3+1 {
			t.Errorf("the folder holds %d files (%v), want 25 with report.csv", len(got), saved)
		}

		// Share (phones): this desktop browser has no share sheet for files,
		// so stand one in that records what it is given.
		if s.eval(t, "share button", `!!document.querySelector("#share")`) != "false" {
			t.Errorf("a share button shows where the browser cannot share files")
		}
		s.eval(t, "stand in a share sheet", `(() => {
  navigator.canShare = () => true;
  navigator.share = async (data) => { window.__shared = data.files.map((f) => f.name + ":" + f.size + ":" + f.type); };
  document.querySelector("#status").click(); return true; })()`)
		s.wsSetValue(t, "#lang", "en", "change") // any change renders the page again
		s.waitJS(t, "the share button", `!!document.querySelector("#share")`, 10*time.Second)
		s.click(t, "#share")
		var shared []string
		s.waitJS(t, "the pictures shared", `Array.isArray(window.__shared)`, 10*time.Second)
		s.evalInto(t, "shared files", `window.__shared`, &shared)
		if len(shared) != 8*3 {
			t.Errorf("shared %d files, want 24: %v", len(shared), shared)
		}
		for _, f := range shared {
			if parts := strings.Split(f, ":"); len(parts) != 3 || parts[1] == "0" || parts[2] != "image/jpeg" || !strings.HasSuffix(parts[0], ".jpg") {
				t.Errorf("shared %q, want a named, non-empty JPEG", f)
			}
		}
	})

	t.Run("shared-photos", func(t *testing.T) {
		// A phone's share sheet POSTs the photos to the share_target; the
		// service worker takes them (nothing reaches the server) and opens
		// the page, which lists them.
		s.reload(t)
		got := s.eval(t, "share a photo", `(async () => {
  const c = document.createElement("canvas"); c.width = 64; c.height = 48;
  const blob = await new Promise((ok) => c.toBlob(ok, "image/jpeg"));
  const form = new FormData();
  form.append("photos", new File([blob], "from-phone.jpg", {type: "image/jpeg"}));
  const r = await fetch("/share-target", {method: "POST", body: form, redirect: "manual"});
  return r.type + " " + r.status;
})()`)
		if !strings.Contains(got, "opaqueredirect") && !strings.Contains(got, "303") {
			t.Fatalf("the service worker did not take the share: %s", got)
		}
		c, cancel := s.step(30 * time.Second)
		defer cancel()
		if err := chromedp.Do(c, chromedp.Navigate(srv.URL+"/?shared=1")); err != nil {
			t.Fatal(err)
		}
		s.waitReady(t)
		s.waitJS(t, "the shared photo listed", `!!document.querySelector('#file-list li[data-path="from-phone.jpg"][data-status="ready"]')`, 15*time.Second)
		if srvSaw := px.sawPath("/share-target"); srvSaw {
			t.Errorf("the shared photo reached the server")
		}
	})

	t.Run("new-version-notice", func(t *testing.T) {
		// The page is controlled by the service worker since the first load;
		// publish a new version and let the browser look for it.
		if s.eval(t, "no notice yet", `!document.querySelector("#update")`) != "true" {
			t.Fatalf("the page shows a new-version notice before any new version")
		}
		css := filepath.Join(site, "picmark.css")
		data, err := os.ReadFile(css)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(css, append(data, []byte("\n/* a new version */\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		h2, err := newHandler(site)
		if err != nil {
			t.Fatal(err)
		}
		current.Store(h2)
		s.eval(t, "look for an update", `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
		s.waitJS(t, "the new-version notice with its reload button", `!!document.querySelector("#update #reload")`, 30*time.Second)
		s.click(t, "#reload")
		s.waitReady(t)
		s.waitJS(t, "the new version in use, without the notice", `!document.querySelector("#update")`, 20*time.Second)
	})

	t.Run("accessibility", func(t *testing.T) {
		// With files listed, a report shown and a focal point editor open: the
		// page as a marketer sees it.
		s.reload(t)
		s.dropFolder(t, fx.folder)
		s.setLogo(t, fx.logo)
		n := s.runs(t)
		s.click(t, "#start")
		s.wsWaitDone(t, n)
		s.eval(t, "open the focal editor", `document.querySelector("button.set-focal").click()`)
		s.waitJS(t, "the focal editor", `!!document.querySelector("#focal-image")`, 10*time.Second)
		// Drag sets the point where the pointer is let go; the arrow keys move it.
		var box struct{ Left, Top, Width, Height float64 }
		s.evalInto(t, "the photo's place", `(() => { const i = document.querySelector("#focal-image"); i.scrollIntoView({block: "center", behavior: "instant"});
  const r = i.getBoundingClientRect(); return {Left: r.left, Top: r.top, Width: r.width, Height: r.height}; })()`, &box)
		at := func(fx, fy float64) (float64, float64) { return box.Left + fx*box.Width, box.Top + fy*box.Height }
		c, cancel := s.step(10 * time.Second)
		x0, y0 := at(0.2, 0.2)
		x1, y1 := at(0.7, 0.6)
		for _, ev := range []input.DispatchMouseEventParams{
			{Type: input.DispatchMouseEventTypeMousePressed, X: x0, Y: y0, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1},
			{Type: input.DispatchMouseEventTypeMouseMoved, X: (x0 + x1) / 2, Y: (y0 + y1) / 2, Button: input.MouseButtonLeft, Buttons: 1},
			{Type: input.DispatchMouseEventTypeMouseMoved, X: x1, Y: y1, Button: input.MouseButtonLeft, Buttons: 1},
			{Type: input.DispatchMouseEventTypeMouseReleased, X: x1, Y: y1, Button: input.MouseButtonLeft, Buttons: 0, ClickCount: 1},
		} {
			if _, err := chromedp.Call(c, input.DispatchMouseEvent, ev); err != nil {
				cancel()
				t.Fatal(err)
			}
		}
		cancel()
		focalLabel := `document.querySelector("button.set-focal").textContent.trim()`
		s.waitJS(t, "the point where the drag ended (70%, 60%)", focalLabel+` === "Focal point 70%, 60%"`, 10*time.Second)
		s.eval(t, "focus the photo", `document.querySelector("#focal-frame").focus()`)
		c, cancel = s.step(10 * time.Second)
		if err := chromedp.Do(c, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			cancel()
			t.Fatal(err)
		}
		cancel()
		s.waitJS(t, "the arrow key moving the point 2% right", focalLabel+` === "Focal point 72%, 60%"`, 10*time.Second)

		// Before and after: the photo, and what each ticked format makes of it.
		s.waitJS(t, "the after view", `document.querySelectorAll("#focal-after img").length === 3 && Array.from(document.querySelectorAll("#focal-after img")).every((i) => i.complete && i.naturalWidth > 0)`, 20*time.Second)
		for _, width := range []int{375, 1440} {
			c, cancel := s.step(60 * time.Second)
			if _, err := chromedp.Call(c, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: int64(width), Height: 900, DeviceScaleFactor: 1, Mobile: width < 600,
			}); err != nil {
				cancel()
				t.Fatal(err)
			}
			cancel()
			s.eval(t, "load axe-core", string(axe)+";true")
			var violations []struct {
				ID     string `json:"id"`
				Impact string `json:"impact"`
				Help   string `json:"help"`
				Nodes  int    `json:"nodes"`
				Target string `json:"target"`
			}
			s.evalInto(t, "axe", `axe.run(document, {resultTypes: ["violations"]}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})))`, &violations)
			for _, v := range violations {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("at %d px: %s (%s): %s — %d elements: %s", width, v.ID, v.Impact, v.Help, v.Nodes, v.Target)
				} else {
					t.Logf("at %d px: %s (%s): %s", width, v.ID, v.Impact, v.Help)
				}
			}
			// Usable: nothing wider than the screen.
			var overflow int
			s.evalInto(t, "page width", `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
			if overflow > 0 {
				var wide []string
				s.evalInto(t, "wide elements", `Array.from(document.querySelectorAll("body *")).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map((e) => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`, &wide)
				t.Errorf("at %d px the page is %d px wider than the screen: %s", width, overflow, strings.Join(wide, "; "))
			}
			if *updateScreenshots {
				s.wsScreenshot(t, filepath.Join(root, "docs", "screenshot-"+strconv.Itoa(width)+".jpg"))
			}
		}
	})
}

// wsWaitDone waits for the batch started after `before` finished runs.
func (s *e2eSession) wsWaitDone(t *testing.T, before int) {
	t.Helper()
	s.waitJS(t, "the batch done", "window.__e2e.runs > "+strconv.Itoa(before), 90*time.Second)
}

// wsScreenshot writes a JPEG of the whole page.
func (s *e2eSession) wsScreenshot(t *testing.T, path string) {
	t.Helper()
	c, cancel := s.step(30 * time.Second)
	defer cancel()
	shot, err := chromedp.Run(c, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// e2eManyPhotos makes a folder "many" of n photo-like JPEGs big enough that
// a batch takes a few seconds.
func e2eManyPhotos(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "many")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		img := e2eBeach(1500, 1000)
		img.Set(i, i, color.RGBA{uint8(i * 20), 0, 0, 255})
		if err := os.WriteFile(filepath.Join(dir, "photo-"+strconv.Itoa(i)+".jpg"), e2eJPEG(t, img, 90), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func e2eRedSquare() image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+3] = 255, 255
	}
	return m
}

// e2eZip is a downloaded ZIP: the SHA-256 of each output by name, and
// report.csv.
type e2eZip struct {
	sums map[string]string
	rows []e2eRow
}

func e2eZipContents(t *testing.T, path string) e2eZip {
	t.Helper()
	z := e2eZip{sums: map[string]string{}}
	for name, data := range e2eZipFiles(t, path) {
		if name == "report.csv" {
			z.rows = e2eReadReport(t, data)
			continue
		}
		sum := sha256.Sum256(data)
		z.sums[name] = hex.EncodeToString(sum[:])
	}
	return z
}

// sawPath reports whether any request through the proxy asked for path.
func (p *e2eProxy) sawPath(path string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range p.reqs {
		if u, err := url.Parse(r.url); err == nil && u.Path == path {
			return true
		}
	}
	return false
}
