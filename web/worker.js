// worker.js starts the app's own binary (web/app.wasm) inside a Web Worker,
// where it runs the image engine (app/worker) instead of the page.
// The Go side sets onmessage and then posts {type: "ready"}; the pool sends no
// job before that, because messages posted earlier would be lost.
"use strict";

importScripts("../wasm_exec.js");

// The browser tests name workers; the page never does. A name holds parts
// separated by ";": "decoders=canvas,ImageDecoder,createImageBitmap" tries
// only the browser paths listed (Go's decoders come last whatever the
// list), so the tests run each path on the same photos; "verify-scale"
// compares every canvas scaling with the engine's Lanczos (slow).
for (const part of (self.name || "").split(";")) {
  const only = /^decoders=(.*)$/.exec(part);
  if (only) self.picmarkDecoders = only[1];
  if (part === "verify-scale") self.picmarkVerifyScale = true;
}

// picmarkCompose starts one output the browser composes (app/worker's
// Compose): the bitmap's part reduced to w×h on white, the brand layer
// over it, then a first JPEG at quality q. It returns at once, so a
// photo's outputs are worked on side by side: {canvas, ready, first},
// ready and first (an ArrayBuffer) being promises.
self.picmarkCompose = (bmp, sx, sy, sw, sh, w, h, layer, q) => {
  const canvas = new OffscreenCanvas(w, h);
  const ready = createImageBitmap(bmp, sx, sy, sw, sh, {
    resizeWidth: w,
    resizeHeight: h,
    resizeQuality: "high",
  }).then((part) => {
    const g = canvas.getContext("2d", { alpha: false });
    g.fillStyle = "#fff";
    g.fillRect(0, 0, w, h);
    g.drawImage(part, 0, 0);
    part.close();
    if (layer) g.drawImage(layer, 0, 0);
  });
  const first = ready
    .then(() => canvas.convertToBlob({ type: "image/jpeg", quality: q / 100 }))
    .then((b) => (b.type === "image/jpeg" ? b.arrayBuffer() : Promise.reject(new Error("the browser wrote " + b.type + ", not a JPEG"))));
  ready.catch(() => {}); // each is awaited by Go, which reports a failure
  first.catch(() => {});
  return { canvas, ready, first };
};

(async function start() {
  try {
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(
      fetch("app.wasm"),
      go.importObject
    );
    await go.run(instance);
    // A Go program only returns from run when it exits: after a fatal error
    // such as running out of memory. The pool replaces this worker.
    postMessage({ type: "exit", message: "the image worker stopped" });
  } catch (err) {
    postMessage({ type: "exit", message: String(err) });
  }
})();
