//go:build !wasm

package main

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

// pvHook runs before the page's scripts: the machine has 2 cores (as the
// laptops picmark is made for), and each preview asked of a worker and
// each one made is logged, with whether a batch had the workers then, as
// is each job posted to a batch worker, with the previews waiting then.
const pvHook = `
Object.defineProperty(navigator, "hardwareConcurrency", {get: () => 2});
window.__pvlog = [];
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = function (url, opts) {
    const w = new Native(url, opts);
    const post = w.postMessage.bind(w);
    w.postMessage = (m, ...rest) => {
      if (m && (m.type === "preview" || m.type === "job"))
        window.__pvlog.push({what: m.type === "job" ? "job" : "asked", batching: window.picmarkDebug.batching(), queued: window.picmarkDebug.previewsQueued()});
      return post(m, ...rest);
    };
    w.addEventListener("message", (e) => {
      if (e.data && e.data.type === "previews") window.__pvlog.push({what: "made", batching: window.picmarkDebug.batching()});
    });
    return w;
  };
  window.Worker.prototype = Native.prototype;
})();
`

// The preview grid in a real browser: drop the fixture folder, and the first
// photo's previews appear (one per ticked format, each at its format's
// aspect, the Snapchat story's top band shaded), made in the workers, decoded
// as the batch decodes it; changing the framing or ticking a format makes them again.
func TestE2EPreview(t *testing.T) {
	env := e2eOpen(t, 3*time.Minute, nil)
	srv, s, fx := env.srv, env.s, env.fx
	s.setPhase("preview")
	s.addScript(t, "the preview hook", pvHook)
	s.load(t, srv.URL)
	s.waitReady(t)

	// The clock starts just before the drop; the page itself notes when the
	// first preview has loaded, and how late its frames ran meanwhile.
	s.eval(t, "start the clock", `(() => {
  const t0 = performance.now();
  window.__pv = {first: 0, maxGap: 0};
  let last = t0;
  const tick = () => {
    const now = performance.now();
    window.__pv.maxGap = Math.max(window.__pv.maxGap, now - last);
    last = now;
    const img = document.querySelector("#previews .preview img");
    if (!window.__pv.first && img && img.complete && img.naturalWidth > 0) window.__pv.first = now - t0;
    if (now - t0 < 20000) setTimeout(tick, 16);
  };
  tick();
  return true;
})()`)
	s.dropFolder(t, fx.folder)

	const beach = `document.querySelector('.preview-row[data-path="shoot/beach.jpg"]')`
	loaded := func(row string, n int) string {
		return `(() => { const r = ` + row + `; if (!r) return false;
  const imgs = Array.from(r.querySelectorAll(".preview img"));
  return imgs.length === ` + strconv.Itoa(n) + ` && imgs.every((i) => i.complete && i.naturalWidth > 0); })()`
	}
	s.waitJS(t, "the previews of beach.jpg", loaded(beach, 3), 30*time.Second)
	var pv struct {
		First  float64 `json:"first"`
		MaxGap float64 `json:"maxGap"`
	}
	s.waitJS(t, "first preview timed", `window.__pv.first > 0`, 5*time.Second)
	s.evalInto(t, "timing", `window.__pv`, &pv)
	t.Logf("drop to first preview: %.0f ms; longest gap between page timers meanwhile %.0f ms (make bench judges such times)", pv.First, pv.MaxGap)

	type shot struct {
		Preset string `json:"preset"`
		W      int    `json:"w"`
		H      int    `json:"h"`
		Alt    string `json:"alt"`
	}
	shots := func(row string) []shot {
		var out []shot
		s.evalInto(t, "previews", `Array.from(`+row+`.querySelectorAll(".preview")).map((f) => {
  const i = f.querySelector("img");
  return {preset: f.dataset.preset, w: i.naturalWidth, h: i.naturalHeight, alt: i.alt};
})`, &out)
		return out
	}
	// One per ticked format, each at its format's aspect; Tumblr keeps the photo's (2400×1600).
	want := map[string][2]int{"pinterest-pin": {160, 240}, "snapchat-story": {135, 240}, "tumblr-post": {240, 160}}
	got := shots(beach)
	if len(got) != len(want) {
		t.Errorf("%d previews for beach.jpg, want %d (the ticked formats)", len(got), len(want))
	}
	for _, g := range got {
		w, ok := want[g.Preset]
		if !ok || g.W != w[0] || g.H != w[1] {
			t.Errorf("%s preview %d×%d, want %v", g.Preset, g.W, g.H, w)
		}
		if g.Alt == "" {
			t.Errorf("%s preview has no alt text", g.Preset)
		}
	}
	decoder := s.eval(t, "decoder", `window.picmarkDebug.previewDecoder(0)`)
	t.Logf("beach.jpg previews decoded by %s", decoder)
	if decoder != `"canvas"` {
		t.Errorf("beach.jpg previews decoded by %s, want the batch's way, held in the browser (canvas)", decoder)
	}

	// The Snapchat story's top band (150 of 1920 px) is shaded: darker than
	// the same part of the photo in the Tumblr preview, which shows it whole.
	var lum struct {
		Band  float64 `json:"band"`
		Photo float64 `json:"photo"`
	}
	s.evalInto(t, "luminance", `(() => {
  const r = `+beach+`;
  const mean = (img, x0, y0, x1, y1) => {
    const c = document.createElement("canvas");
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0);
    const d = g.getImageData(x0, y0, x1 - x0, y1 - y0).data;
    let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i] + d[i + 1] + d[i + 2];
    return s / (d.length / 4) / 3;
  };
  const snap = r.querySelector('[data-preset="snapchat-story"] img');
  const tumblr = r.querySelector('[data-preset="tumblr-post"] img');
  // Snapchat: rows 2..16 of 240 (the band is 19 rows), columns 10..125.
  // The same part of the photo in Tumblr's 240×160: the centre 90 columns, rows 1..10.
  return {band: mean(snap, 10, 2, 125, 16), photo: mean(tumblr, 80, 1, 160, 10)};
})()`, &lum)
	t.Logf("Snapchat top band mean %.0f, the photo there %.0f", lum.Band, lum.Photo)
	if !(lum.Band < 0.8*lum.Photo) {
		t.Errorf("the Snapchat story's top band is not shaded: %.0f against %.0f", lum.Band, lum.Photo)
	}

	// The portrait is stored sideways with EXIF orientation 6: its previews
	// are upright (blue top-left, yellow top-right, green below).
	const portrait = `document.querySelector('.preview-row[data-path="shoot/sub/portrait.jpg"]')`
	s.waitJS(t, "portrait previews", loaded(portrait, 3), 20*time.Second)
	var px3 [3][3]int
	s.evalInto(t, "portrait pixels", `(() => {
  const img = `+portrait+`.querySelector('[data-preset="tumblr-post"] img');
  const c = document.createElement("canvas");
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const g = c.getContext("2d"); g.drawImage(img, 0, 0);
  const at = (fx, fy) => Array.from(g.getImageData(Math.floor(fx * c.width), Math.floor(fy * c.height), 1, 1).data.slice(0, 3));
  return [at(0.25, 0.12), at(0.75, 0.12), at(0.5, 0.8)];
})()`, &px3)
	if p := px3[0]; !(p[2] > 150 && p[0] < 100) {
		t.Errorf("portrait top-left %v, want blue: orientation not applied once", p)
	}
	if p := px3[1]; !(p[0] > 150 && p[1] > 150 && p[2] < 100) {
		t.Errorf("portrait top-right %v, want yellow", p)
	}
	if p := px3[2]; !(p[1] > 120 && p[0] < 120) {
		t.Errorf("portrait lower part %v, want green", p)
	}
	if got := shots(portrait); len(got) == 3 {
		for _, g := range got {
			if g.Preset == "tumblr-post" && (g.W != 160 || g.H != 240) {
				t.Errorf("portrait tumblr preview %d×%d, want 160×240", g.W, g.H)
			}
		}
	}

	// A damaged file and one over the limits say why instead.
	s.waitJS(t, "broken.jpg explained", `(() => { const r = document.querySelector('.preview-row[data-path="shoot/broken.jpg"]');
  return r && r.dataset.status === "error" && r.querySelector(".reason"); })()`, 20*time.Second)
	s.waitJS(t, "huge.jpg refused by the gate", `(() => { const r = document.querySelector('.preview-row[data-path="shoot/huge.jpg"]');
  return r && r.dataset.status === "error" && r.querySelector(".reason"); })()`, 20*time.Second)

	// Changing the framing makes them again: the Pinterest pin of a
	// landscape photo cut from the left is another picture.
	srcOf := func(preset string) string {
		return s.eval(t, "src", beach+`.querySelector('[data-preset="`+preset+`"] img').src`)
	}
	before := srcOf("pinterest-pin")
	changed := time.Now()
	s.eval(t, "crop left", `(() => { const e = document.querySelector("#crop"); e.value = "left";
  e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`)
	s.waitJS(t, "previews made again after #crop changed",
		beach+`.querySelector('[data-preset="pinterest-pin"] img').src !== `+before+` && `+loaded(beach, 3), 20*time.Second)
	t.Logf("framing change to new previews: %v (300 ms of it the debounce)", time.Since(changed).Round(time.Millisecond))

	// Ticking a format adds its preview to every row.
	s.click(t, "#preset-instagram-square")
	s.waitJS(t, "a fourth preview after ticking Instagram square", loaded(beach, 4)+` && !!`+beach+`.querySelector('[data-preset="instagram-square"]')`, 20*time.Second)
	for _, g := range shots(beach) {
		if g.Preset == "instagram-square" && (g.W != 240 || g.H != 240) {
			t.Errorf("instagram-square preview %d×%d, want 240×240", g.W, g.H)
		}
	}

	// A batch goes first: on a 2-core machine (the hook says 2), previews
	// still waiting when Start is pressed wait for the batch, which has
	// every core; they are made once it is done. The framing changes, the
	// first new preview starts, then the batch. Whether a preview still
	// waits when the batch's first job goes out is a race with the worker
	// making the first: the test tries until one does, three times at most.
	waited := false
	for try, crop := range []string{"center", "top", "center"} {
		n := s.runs(t)
		// Start is pressed as soon as a preview is being made and another
		// waits, in the page: a round trip from here would often be late.
		s.evalInto(t, "framing "+crop+", then Start", `new Promise((ok) => {
  window.__pvlog.length = 0;
  const e = document.querySelector("#crop");
  e.value = "`+crop+`";
  e.dispatchEvent(new Event("change", {bubbles: true}));
  const t0 = performance.now();
  const poll = () => {
    if (window.picmarkDebug.previewsQueued() > 0 || performance.now() - t0 > 5000) {
      window.__pvlog.push({what: "start"});
      document.querySelector("#start").click();
      return ok(true);
    }
    setTimeout(poll, 1);
  };
  poll();
})`, new(bool))
		s.waitJS(t, "the batch done", fmt.Sprintf(`window.__e2e.runs > %d && document.body.dataset.state === "done"`, n), 2*time.Minute)
		s.waitJS(t, "every preview made after the batch", `window.picmarkDebug.previewsIdle()`, 30*time.Second)
		s.waitJS(t, "the new previews shown", loaded(beach, 4)+` && `+loaded(portrait, 4), 10*time.Second)
		var log []struct {
			What     string `json:"what"`
			Batching bool   `json:"batching"`
			Queued   int    `json:"queued"`
		}
		s.evalInto(t, "preview log", `window.__pvlog`, &log)
		queued, during, after := -1, 0, 0
		for _, l := range log {
			switch {
			case l.What == "job" && queued < 0:
				queued = l.Queued
			case l.Batching && l.What == "asked":
				during++
			case queued >= 0 && !l.Batching && l.What == "made":
				after++
			}
		}
		t.Logf("try %d: %d previews waiting when the batch started; asked of a worker while it ran: %d; made after it: %d", try+1, queued, during, after)
		if during > 0 {
			t.Errorf("%d previews were asked for while the batch ran: they should wait for it", during)
		}
		if queued > 0 {
			waited = true
			if after < 1 {
				t.Errorf("no preview was made after the batch: the %d that waited were not made", queued)
			}
			break
		}
	}
	if !waited {
		t.Errorf("in three tries, no preview was still waiting when a batch started: the test could not see previews wait")
	}

	// A click on a preview opens the focal point editor for that photo.
	s.click(t, `.preview-row[data-path="shoot/beach.jpg"] [data-preset="pinterest-pin"] button`)
	s.waitJS(t, "the focal editor open", `(() => { const e = document.querySelector("#focal-editor"); return e && !e.hidden; })()`, 10*time.Second)
	s.checkConsole(t)
}
