// worker.js starts the app's own binary (web/app.wasm) inside a Web Worker,
// where it runs the image engine (app/worker) instead of the page.
// The Go side sets onmessage and then posts {type: "ready"}; the pool sends no
// job before that, because messages posted earlier would be lost.
"use strict";

importScripts("../wasm_exec.js", "lanczos.js");

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
// Compose), from o = {bmp, opaque, turned, sx, sy, sw, sh, w, h, layer, q,
// kernels, check}: the bitmap's part (sx, sy, sw, sh) scaled to w×h on
// white, the brand layer's pieces ([{bmp, x, y}], or null) over it, then
// a first JPEG at quality q. It returns at once, so a photo's outputs are
// worked on side by side: {canvas, ready, first}, ready and first (an
// ArrayBuffer) being promises; with check, ready gives the scaled part's
// pixels, before the layer.
//   - The browser's own filter reduces the part (createImageBitmap at
//     "high" quality, its cheapest: 14 ms an output from a 12 MP photo
//     against 17 ms for drawImage), unless kernels ({x, y, bits}: the
//     engine's Lanczos, render.Kernel; null for a side kept as it is) are
//     given, for a mild reduction or an enlargement.
//   - A turned bitmap (EXIF orientation applied by the browser) is cut by
//     drawImage: createImageBitmap cuts it in the stored frame (Chromium
//     156), and drawing it upright first cost 70–130 ms a photo.
//   - An opaque bitmap (a JPEG's) covers the canvas: no white under it.
self.picmarkCompose = (o) => {
  const { bmp, sx, sy, sw, sh, w, h } = o;
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext("2d", { alpha: false, willReadFrequently: o.check });
  const white = (g, w, h) => {
    if (o.opaque) return;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, w, h);
  };
  white(g, w, h);
  // Later, not now: the photo's other outputs start first.
  const later = (f) => Promise.resolve().then(f);
  let scaled;
  if (o.kernels) {
    scaled = later(() => {
      const src = new OffscreenCanvas(sw, sh).getContext("2d", { alpha: false, willReadFrequently: true });
      white(src, sw, sh);
      src.imageSmoothingEnabled = false; // a 1:1 copy
      src.drawImage(bmp, sx, sy, sw, sh, 0, 0, sw, sh);
      const px = picmarkLanczos(src.getImageData(0, 0, sw, sh).data, sw, sh, o.kernels.x, o.kernels.y, o.kernels.bits);
      g.putImageData(new ImageData(px, w, h), 0, 0);
    });
  } else if (o.turned) {
    scaled = later(() => {
      g.imageSmoothingQuality = "high";
      g.drawImage(bmp, sx, sy, sw, sh, 0, 0, w, h);
    });
  } else {
    scaled = createImageBitmap(bmp, sx, sy, sw, sh, { resizeWidth: w, resizeHeight: h, resizeQuality: "high" }).then((part) => {
      g.drawImage(part, 0, 0);
      part.close();
    });
  }
  const ready = scaled.then(() => {
    const px = o.check ? g.getImageData(0, 0, w, h).data : undefined;
    for (const piece of o.layer || []) g.drawImage(piece.bmp, piece.x, piece.y);
    return px;
  });
  const first = ready
    .then(() => canvas.convertToBlob({ type: "image/jpeg", quality: o.q / 100 }))
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
