// lanczos.js: the engine's Lanczos-3 (internal/render) for the image
// worker (worker.js), which scales mild reductions and enlargements with
// it: lanczos(src, sw, sh, kx, ky, bits) makes opaque RGBA pixels (sw×sh,
// as getImageData gives them) the kernels' size, to the very bytes Go's
// resize gives. kx and ky are wire Kernels ({taps, start, w}, the last two
// Int32Arrays; null for a side kept as it is): rows are filtered first
// into an 8-bit intermediate, then columns, each sum rounded half up and
// clamped to a byte.
//
// Both passes are one filter along rows, each writing its result
// transposed, so every read runs along memory. Where WebAssembly has SIMD
// (every current browser) lanczos.wasm does the filtering (its source is
// lanczos.wat): 17–19 ms for a 1333×2000 part made 1000×1500 in node,
// against 84–100 ms for the plain script below it (kept for browsers
// without SIMD) and 620 ms for Go's own in wasm.

// ------------------------------------------------------------ the module

let simd = null; // {memory, filter} once ready; null where SIMD is missing

// ready resolves once lanczos.wasm is compiled, or known not to run here.
export const ready = (async () => {
  try {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const bytes = await (await fetch(new URL("lanczos.wasm", import.meta.url))).arrayBuffer();
    const { instance } = await WebAssembly.instantiate(bytes, { e: { m: memory } });
    simd = { memory, filter: instance.exports.filter };
  } catch (err) {
    simd = null; // no SIMD (the module does not validate), or no module: the script does it
  }
})();

function lanczosSIMD(s, src, sw, sh, kx, ky, bits) {
  const w = kx ? kx.start.length : sw, h = ky ? ky.start.length : sh;
  kx = kx || identity(sw, bits);
  ky = ky || identity(sh, bits);
  const pairsX = (kx.taps + 1) >> 1, pairsY = (ky.taps + 1) >> 1;
  // One block of memory, kept for the next photo: the part, the rows
  // filtered, the result, then each kernel's starts and weights. A pass
  // may read one pixel past its last row (a padded tap): 8 bytes spare.
  let end = 0;
  const at = (n) => {
    const o = end;
    end += (n + 8 + 15) & ~15;
    return o;
  };
  const oSrc = at(4 * sw * sh), oMid = at(4 * w * sh), oOut = at(4 * w * h);
  const oSX = at(4 * w), oWX = at(4 * w * pairsX), oSY = at(4 * h), oWY = at(4 * h * pairsY);
  const grow = Math.ceil((end - s.memory.buffer.byteLength) / 65536);
  if (grow > 0) s.memory.grow(grow);
  const buf = s.memory.buffer;
  new Uint8Array(buf, oSrc, src.length).set(src);
  const put = (k, oStarts, oWeights, pairs) => {
    new Int32Array(buf, oStarts, k.start.length).set(k.start);
    const w16 = new Int16Array(buf, oWeights, 2 * pairs * k.start.length).fill(0);
    for (let i = 0; i < k.start.length; i++) w16.set(k.w.subarray(i * k.taps, (i + 1) * k.taps), 2 * pairs * i);
  };
  put(kx, oSX, oWX, pairsX);
  put(ky, oSY, oWY, pairsY);
  const half = 1 << (bits - 1);
  s.filter(oSrc, sw, sh, oMid, oSX, oWX, w, pairsX, half, bits);
  s.filter(oMid, sh, w, oOut, oSY, oWY, h, pairsY, half, bits);
  return new Uint8ClampedArray(buf, oOut, 4 * w * h); // a view: see lanczos
}

// identity is the kernel of a side kept as it is, for the module.
function identity(n, bits) {
  const start = new Int32Array(n), w = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = i;
    w[i] = 1 << bits;
  }
  return { taps: 1, start, w };
}

// ------------------------------------------------------------ the script

function lanczosScript(src, sw, sh, kx, ky, bits) {
  const w = kx ? kx.start.length : sw, h = ky ? ky.start.length : sh;
  // A pixel as one little-endian word, as typed arrays are wherever
  // browsers run.
  const px = new Uint32Array(src.buffer, src.byteOffset, sw * sh);
  const mid = new Uint32Array(w * sh); // the rows filtered: w rows of sh
  filterRows(px, sw, sh, mid, kx, bits);
  const out = new Uint32Array(w * h);
  filterRows(mid, sh, w, out, ky, bits);
  return new Uint8ClampedArray(out.buffer);
}

// filterRows filters each of the n rows of len pixels in src with kernel
// k, and writes output pixel x of row y at dst[x*n + y], opaque. A null
// k keeps the rows' size: only transposed.
function filterRows(src, len, n, dst, k, bits) {
  if (!k) {
    for (let y = 0; y < n; y++) for (let x = 0, p = y * len; x < len; x++, p++) dst[x * n + y] = src[p] | 0xff000000;
    return;
  }
  const starts = k.start, wts = k.w, taps = k.taps, m = starts.length, half = 1 << (bits - 1);
  for (let y = 0; y < n; y++) {
    const row = y * len;
    for (let x = 0; x < m; x++) {
      let r = half, g = half, b = half;
      let p = row + starts[x];
      for (let i = x * taps, end = i + taps; i < end; i++, p++) {
        const wt = wts[i], c = src[p];
        r += (c & 255) * wt;
        g += ((c >>> 8) & 255) * wt;
        b += ((c >>> 16) & 255) * wt;
      }
      r >>= bits;
      g >>= bits;
      b >>= bits;
      r = r < 0 ? 0 : r > 255 ? 255 : r;
      g = g < 0 ? 0 : g > 255 ? 255 : g;
      b = b < 0 ? 0 : b > 255 ? 255 : b;
      dst[x * n + y] = 0xff000000 | (b << 16) | (g << 8) | r;
    }
  }
}

// lanczos takes the module where it can; with script set, the script
// (the tests run both, and ask simdReady whether the module runs there).
// What it returns may be a view of the module's memory, good until the
// next call: use it (putImageData copies) first. Call it once ready has
// resolved, or it is the script.
export function lanczos(src, sw, sh, kx, ky, bits, script) {
  return simd && !script ? lanczosSIMD(simd, src, sw, sh, kx, ky, bits) : lanczosScript(src, sw, sh, kx, ky, bits);
}

// simdReady says whether the module runs here.
export function simdReady() {
  return !!simd;
}
