//go:build linux && bench

// Serving the bench: the server warmed as `picmark serve` runs (bytes are
// counted at the origin: originCounter, e2e_harness_test.go), and the
// canvas reference's pages.

package main

import (
	"cmp"
	"io"
	"net/http"
	"testing"
	"time"
)

// benchWarmServer waits until the server has its final compressed copies:
// it makes brotli 6 at once and brotli 11 in the background after starting,
// as `picmark serve` does, and a first visit measured before that would
// count a cold server, not the app.
func benchWarmServer(t *testing.T, base string, s *site) {
	t.Helper()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		s.wait()
		close(done)
	}()
	select {
	case <-done:
		t.Logf("the server's final compressed copies were ready after %v more", time.Since(start).Round(time.Second))
	case <-time.After(5 * time.Minute):
		t.Logf("the server still compresses after 5 min: the first visit is measured with the copies ready so far")
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("warming the server: %v", err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	t.Logf("/web/app.wasm is sent as %s, %d bytes, ETag %s", cmp.Or(resp.Header.Get("Content-Encoding"), "identity"), n, resp.Header.Get("ETag"))
}

// benchRefHTML, benchRefJS and benchRefWorkerJS are the canvas reference: a
// folder picker, and one dedicated worker that takes the files one after
// another: createImageBitmap decode (EXIF orientation applied by the
// browser), for each preset an OffscreenCanvas filled white, drawImage of
// picmark's crop rectangle to picmark's output size (smoothing "high"), the
// logo at picmark's place and opacity, convertToBlob JPEG at 0.85; then one
// Blob of everything, as a ZIP would be. The plan (crops, sizes, logo
// places) comes from picmark's engine, so both make the same pictures.
const benchRefHTML = `<!doctype html>
<meta charset="utf-8">
<title>picmark bench: canvas reference</title>
<link rel="icon" href="data:,">
<input type="file" id="ref-files" webkitdirectory multiple>
<script src="/bench-ref/ref.js"></script>
`

const benchRefJS = `"use strict";
window.refFiles = new Map();
document.getElementById("ref-files").addEventListener("change", (e) => {
  for (const f of e.target.files) window.refFiles.set(f.webkitRelativePath || f.name, f);
});
function refB64(buf) {
  const bytes = new Uint8Array(buf);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
window.benchRef = async function (plan) {
  const worker = new Worker("/bench-ref/ref-worker.js");
  const reply = () => new Promise((ok, fail) => {
    worker.onmessage = (e) => (e.data.type === "error" ? fail(new Error(e.data.message)) : ok(e.data));
    worker.onerror = (e) => { e.preventDefault(); fail(new Error("worker: " + e.message)); };
  });
  const logo = await (await fetch("/bench-ref/logo.png", {cache: "no-store"})).blob();
  let r = reply();
  worker.postMessage({type: "logo", logo});
  await r;
  const files = plan.files.map((f) => {
    const file = window.refFiles.get(f.path);
    if (!file) throw new Error("the reference page has no file " + f.path);
    return {file, path: f.path, w: f.w, h: f.h, outputs: f.outputs};
  });
  r = reply();
  const t0 = performance.now();
  worker.postMessage({type: "run", files, opacity: plan.opacity, quality: plan.quality, keep: plan.keep});
  const res = await r;
  const ms = performance.now() - t0;
  worker.terminate();
  const kept = {};
  for (const [name, buf] of Object.entries(res.kept)) kept[name] = refB64(buf);
  return {ms, decode: res.decode, draw: res.draw, encode: res.encode, total: res.total, outs: res.outs, kept};
};
`

const benchRefWorkerJS = `"use strict";
let logo = null;
onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === "logo") {
      logo = await createImageBitmap(m.logo);
      postMessage({type: "ready"});
      return;
    }
    const outs = [], blobs = [], kept = {};
    let decode = 0, draw = 0, encode = 0;
    for (const f of m.files) {
      let t = performance.now();
      const bmp = await createImageBitmap(f.file, {imageOrientation: "from-image"});
      decode += performance.now() - t;
      if (bmp.width !== f.w || bmp.height !== f.h) throw new Error(f.path + ": decoded " + bmp.width + "x" + bmp.height + ", want " + f.w + "x" + f.h);
      for (const o of f.outputs) {
        t = performance.now();
        const c = new OffscreenCanvas(o.w, o.h);
        const g = c.getContext("2d", {alpha: false});
        g.imageSmoothingEnabled = true;
        g.imageSmoothingQuality = "high";
        g.fillStyle = "#fff";
        g.fillRect(0, 0, o.w, o.h);
        g.drawImage(bmp, o.crop[0], o.crop[1], o.crop[2] - o.crop[0], o.crop[3] - o.crop[1], 0, 0, o.w, o.h);
        if (o.logo) {
          g.globalAlpha = m.opacity;
          g.drawImage(logo, o.logo[0], o.logo[1], o.logo[2] - o.logo[0], o.logo[3] - o.logo[1]);
          g.globalAlpha = 1;
        }
        const t2 = performance.now();
        draw += t2 - t;
        const blob = await c.convertToBlob({type: "image/jpeg", quality: m.quality});
        encode += performance.now() - t2;
        blobs.push(blob);
        outs.push({name: o.name, w: o.w, h: o.h, bytes: blob.size});
        if (m.keep.includes(o.name)) kept[o.name] = await blob.arrayBuffer();
      }
      bmp.close();
    }
    const all = new Blob(blobs, {type: "application/zip"});
    postMessage({type: "done", outs, decode, draw, encode, total: all.size, kept}, Object.values(kept));
  } catch (err) {
    postMessage({type: "error", message: String((err && err.stack) || err)});
  }
};
`

func benchRefHandler(logo []byte) http.Handler {
	files := map[string]struct {
		typ  string
		data []byte
	}{
		"/bench-ref/":              {"text/html; charset=utf-8", []byte(benchRefHTML)},
		"/bench-ref/ref.js":        {"text/javascript; charset=utf-8", []byte(benchRefJS)},
		"/bench-ref/ref-worker.js": {"text/javascript; charset=utf-8", []byte(benchRefWorkerJS)},
		"/bench-ref/logo.png":      {"image/png", logo},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.typ)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(f.data)
	})
}
