// faces.js: the face finder's window scan (internal/crop cascade.scan) for
// the image worker (worker.js), where the engine's Go calls it for every
// photo it frames (app/worker/faces.go). It gives the very windows and
// scores Go's scan gives, bit for bit (cmd/picmark's TestFacesJS), and V8
// runs it 2–3 × as fast as Go's scan compiled to wasm (measured in node on
// the engine's test photos: 1.4–6 ms against 8–13 ms); Go clusters the
// windows into faces as before.
//
// The cascade is pigo's (Markuš et al., "Object Detection with Pixel
// Intensity Comparisons Organized in Decision Trees"): per tree, 2^depth
// nodes of four codes (row, col, row, col; node 0 unused), 2^depth leaf
// predictions and a threshold. A window's score is the sum of its trees'
// predictions, given up as soon as it falls to a tree's threshold; sums
// are float32, as Go's are (Math.fround after each addition).

let cascade = null;

// load reads the cascade's bytes (as the server sends /models/facefinder):
// 8 bytes pigo skips, the trees' depth and number (uint32 little-endian),
// then each tree.
export function load(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const depth = dv.getUint32(8, true), trees = dv.getUint32(12, true), n = 1 << depth;
  if (depth < 1 || depth > 12 || bytes.length - 16 < trees * (4 * (n - 1) + 4 * n + 4)) throw new Error("the cascade is damaged");
  const codes = new Int8Array(trees * 4 * n), preds = new Float32Array(trees * n), thresholds = new Float32Array(trees);
  let pos = 16;
  for (let t = 0; t < trees; t++) {
    codes.set(new Int8Array(bytes.buffer, bytes.byteOffset + pos, 4 * (n - 1)), t * 4 * n + 4);
    pos += 4 * (n - 1);
    for (let k = 0; k < n; k++, pos += 4) preds[t * n + k] = dv.getFloat32(pos, true);
    thresholds[t] = dv.getFloat32(pos, true);
    pos += 4;
  }
  cascade = { depth, n, codes, preds, thresholds };
  // Once on a small grey picture, so the photos find the scan optimised:
  // the worker loads the cascade while it waits for a batch.
  const grey = new Uint8Array(160 * 120);
  for (let i = 0; i < grey.length; i++) grey[i] = (i * 2654435761) >>> 24; // grain
  scan(grey, 160, 120, 20, 120, 0.15, 1.15);
}

// scan tries every square window from minSize to maxSize (each size at
// least 2 larger than the last, or scaleFactor ×), shifted by shift × its
// size, over the W×H grey pixels, and returns those scoring above 0 as
// [row, col, size, score, …], scale by scale, row by row.
export function scan(pix, W, H, minSize, maxSize, shift, scaleFactor) {
  if (!cascade) throw new Error("no cascade loaded");
  const trees = cascade.thresholds.length, last = cascade.thresholds[trees - 1];
  // A node's two pixels, as offsets from the window's centre: fixed for a
  // scale and tree, worked out as the windows first reach the tree.
  const off = { at: new Int32Array(trees * 2 * cascade.n), ready: 0 };
  const found = [];
  for (let scale = minSize; scale <= maxSize; ) {
    off.ready = 0;
    const step = Math.max(Math.trunc(shift * scale), 1);
    const margin = (scale >> 1) + 1;
    for (let row = margin; row <= H - margin; row += step) {
      for (let col = margin; col <= W - margin; col += step) {
        const sum = windowScore(cascade, off, pix, row * W + col, W, scale);
        if (sum > last) found.push(row, col, scale, Math.fround(sum - last));
      }
    }
    scale = Math.trunc(scale + Math.max(2, scale * scaleFactor - scale));
  }
  return Float64Array.from(found);
}

// windowScore is the score of the window centred on pixel at, or -Infinity
// once it falls to a tree's threshold. A function of its own, called for
// every window, so V8 optimises it after a few photos' worth of windows
// rather than when a long loop is replaced while it runs (measured in
// node: the first scans took 50–300 ms that way).
function windowScore(c, off, pix, at, W, scale) {
  const { depth, n, codes, preds, thresholds } = c;
  const o = off.at;
  let sum = 0;
  for (let t = 0; t < thresholds.length; t++) {
    if (t === off.ready) {
      for (let k = 1, cb = t * 4 * n, ob = t * 2 * n; k < n; k++) {
        o[ob + 2 * k] = ((codes[cb + 4 * k] * scale) >> 8) * W + ((codes[cb + 4 * k + 1] * scale) >> 8);
        o[ob + 2 * k + 1] = ((codes[cb + 4 * k + 2] * scale) >> 8) * W + ((codes[cb + 4 * k + 3] * scale) >> 8);
      }
      off.ready++;
    }
    // Node k's children are 2k and 2k + 1, the second when its first
    // pixel is not the brighter.
    const ob = t * 2 * n;
    let k = 1;
    for (let d = 0; d < depth; d++) k = 2 * k + (pix[at + o[ob + 2 * k]] <= pix[at + o[ob + 2 * k + 1]] ? 1 : 0);
    sum = Math.fround(sum + preds[n * t + k - n]);
    if (sum <= thresholds[t]) return -Infinity;
  }
  return sum;
}
