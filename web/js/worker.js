// worker.js starts the app's own binary (web/app.wasm) inside a Web Worker
// (a module worker), where it runs the image engine (app/worker) instead of
// the page. The Go side sets onmessage and then posts a wire Ready; the pool
// sends nothing before that, because messages posted earlier would be lost.
import "../../wasm_exec.js"; // Go's own glue: sets globalThis.Go
import { exit, composing } from "./wire.js";
import { lanczos, ready as lanczosReady } from "./lanczos.js";
import { decodeHeif } from "./heif.js";
import { writeOutput } from "./storage.js";

// app/worker's HEIC decoder (heif.go) calls this: see heif.js.
self.picmarkHeif = decodeHeif;

// app/worker writes each output into the page's folder of outputs with
// this (worker.go store): see storage.js.
self.picmarkStore = writeOutput;

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
// Compose), from a wire Compose: the bitmap's part (sx, sy, sw, sh) scaled
// on white and turned upright by the EXIF orientation into the w×h output,
// the brand layer's pieces over it, then a first JPEG at quality q. It
// returns at once, so a photo's outputs are worked on side by side: a wire
// Composing, its ready and first ({blob, buf}: the JPEG and its bytes)
// being promises; with check, ready gives the output's pixels before the
// layer.
//   - The part is scaled in the bitmap's frame (h×w for orientations 5–8),
//     then turned, as the engine does: by the browser's own filter
//     (createImageBitmap at "high" quality, then drawn: 8 + 4.6 ms for a
//     Pinterest pin from a 12 MP photo; drawImage at "high" quality took
//     13.5 ms, and the whole batch no less), unless kernels ({x, y, bits}:
//     the engine's Lanczos, render.Kernel; null for a side kept as it is)
//     are given, for a mild reduction or an enlargement.
//   - An opaque bitmap (a JPEG's) covers the canvas: no white under it.
self.picmarkCompose = (job) => {
  const { bmp, sx, sy, sw, sh, w, h, orientation } = job;
  const [rw, rh] = orientation >= 5 ? [h, w] : [w, h];
  const canvas = canvasOf(w, h, !!job.check);
  const g = canvas.getContext("2d", { alpha: false, willReadFrequently: job.check });
  const white = (g, w, h) => {
    if (job.opaque) return;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, w, h);
  };
  if (!job.kernels) white(g, w, h); // the kernels' result covers the canvas
  let scaled;
  if (job.kernels) {
    // Later, not now: the photo's other outputs start first.
    scaled = Promise.resolve().then(() => {
      const copy = canvasOf(sw, sh, true);
      const src = copy.getContext("2d", { alpha: false, willReadFrequently: true });
      white(src, sw, sh);
      src.imageSmoothingEnabled = false; // a 1:1 copy
      src.drawImage(bmp, sx, sy, sw, sh, 0, 0, sw, sh);
      const cut = src.getImageData(0, 0, sw, sh).data;
      self.picmarkRelease(copy);
      const px = lanczos(cut, sw, sh, job.kernels.x, job.kernels.y, job.kernels.bits);
      if (orientation <= 1) {
        g.putImageData(new ImageData(px, w, h), 0, 0);
        return;
      }
      const part = new OffscreenCanvas(rw, rh);
      part.getContext("2d").putImageData(new ImageData(px, rw, rh), 0, 0);
      drawUpright(g, part, orientation, w, h);
    });
  } else {
    scaled = createImageBitmap(bmp, sx, sy, sw, sh, { resizeWidth: rw, resizeHeight: rh, resizeQuality: "high" }).then((part) => {
      drawUpright(g, part, orientation, w, h);
      part.close();
    });
  }
  const ready = scaled.then(() => {
    const px = job.check ? g.getImageData(0, 0, w, h).data : undefined;
    for (const piece of job.layer || []) g.drawImage(piece.bmp, piece.x, piece.y);
    return px;
  });
  const first = ready
    .then(() => canvas.convertToBlob({ type: "image/jpeg", quality: job.q / 100 }))
    .then((b) => (b.type === "image/jpeg" ? b.arrayBuffer().then((buf) => ({ blob: b, buf })) : Promise.reject(new Error("the browser wrote " + b.type + ", not a JPEG"))));
  ready.catch(() => {}); // each is awaited by Go, which reports a failure
  first.catch(() => {});
  return composing({ canvas, ready, first });
};

// Canvases are kept for the next outputs of their size (and kind: readable
// or not, which a canvas keeps for life) rather than made afresh: making
// one, its memory cleared, took 2.7 ms for 1000×1500, a third of scaling
// an output. Each output covers its canvas whole, white first where the
// photo has transparency. Go gives an output's canvas back once it is
// encoded (picmarkRelease).
const keptCanvases = [];
const KEPT_CANVASES = 8;

function canvasOf(w, h, readable) {
  const i = keptCanvases.findIndex((c) => c.width === w && c.height === h && c.readable === readable);
  if (i >= 0) return keptCanvases.splice(i, 1)[0];
  const canvas = new OffscreenCanvas(w, h);
  canvas.readable = readable;
  return canvas;
}

self.picmarkRelease = (canvas) => {
  keptCanvases.push(canvas);
  if (keptCanvases.length > KEPT_CANVASES) keptCanvases.shift();
};

// drawUpright draws img, held as stored with EXIF orientation o, upright
// onto g's w×h canvas, pixel for pixel (a turn or a flip moves whole
// pixels: nothing to filter).
function drawUpright(g, img, o, w, h) {
  if (o <= 1) {
    g.drawImage(img, 0, 0);
    return;
  }
  // The transform from the stored frame to the upright one, as canvas's
  // [a, b, c, d, e, f]: X = a·x + c·y + e, Y = b·x + d·y + f.
  const m = {
    2: [-1, 0, 0, 1, w, 0], // mirrored
    3: [-1, 0, 0, -1, w, h], // upside down
    4: [1, 0, 0, -1, 0, h], // mirrored upside down
    5: [0, 1, 1, 0, 0, 0], // transposed
    6: [0, 1, -1, 0, w, 0], // turned a quarter clockwise
    7: [0, -1, -1, 0, w, h], // transverse
    8: [0, -1, 1, 0, 0, h], // turned a quarter anticlockwise
  }[o];
  g.save();
  g.imageSmoothingEnabled = false;
  g.setTransform(...m);
  g.drawImage(img, 0, 0);
  g.restore();
}

(async function start() {
  try {
    const go = new Go();
    const [{ instance }] = await Promise.all([
      WebAssembly.instantiateStreaming(fetch(new URL("../app.wasm", import.meta.url)), go.importObject),
      lanczosReady, // compiled beside it, so the first photo finds it
    ]);
    await go.run(instance);
    // A Go program only returns from run when it exits: after a fatal error
    // such as running out of memory. The pool replaces this worker.
    postMessage(exit({ message: "the image worker stopped" }));
  } catch (err) {
    postMessage(exit({ message: String(err) }));
  }
})();
