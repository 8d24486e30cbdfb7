// lanczos.js: the engine's Lanczos-3 (internal/render) for the image
// worker's script (worker.js), which scales mild reductions and
// enlargements with it: lanczos(src, sw, sh, kx, ky, bits) makes opaque
// RGBA pixels (sw×sh, as getImageData gives them) the kernels' size, to
// the very bytes Go's resize gives. kx and ky are render.Kernel ({taps,
// start, w}, the last two Int32Arrays; null for a side kept as it is):
// rows are filtered first into an 8-bit intermediate, then columns, each
// sum rounded half up and clamped to a byte.
//
// Both passes are one filter along rows, each writing its result
// transposed, so every read runs along memory. Where WebAssembly has SIMD
// (every current browser) a small module built here does the filtering:
// 17–19 ms for a 1333×2000 part made 1000×1500 in node, against 84–100 ms
// for the plain script below it (kept for browsers without SIMD) and
// 620 ms for Go's own in wasm.
"use strict";

(function () {
  // ------------------------------------------------------------ the module

  // The WebAssembly binary encoding, just what filterModule needs.
  const uleb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const sleb = (n) => {
    const out = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return out.concat(b);
      out.push(b | 0x80);
    }
  };
  const vec = (items) => uleb(items.length).concat(...items);
  const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
  const name = (s) => vec(Array.from(s, (c) => [c.charCodeAt(0)]));
  const I32 = 0x7f, V128 = 0x7b;
  const op = {
    block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b], br: (d) => [0x0c, d], brIf: (d) => [0x0d, d],
    get: (i) => [0x20, ...uleb(i)], set: (i) => [0x21, ...uleb(i)], tee: (i) => [0x22, ...uleb(i)],
    load: [0x28, 2, 0], // i32.load, aligned
    const: (v) => [0x41, ...sleb(v)],
    geU: [0x4f], add: [0x6a], sub: [0x6b], mul: [0x6c], shl: [0x74],
    simd: (code, ...imm) => [0xfd, ...uleb(code), ...imm],
  };
  const v = {
    load64Zero: op.simd(93, 0, 0), // v128.load64_zero: two pixels
    load32Splat: op.simd(9, 0, 0), // v128.load32_splat: a pair of i16 weights, four times
    // Two pixels' bytes [r0 g0 b0 a0 r1 g1 b1 a1] as i16 lanes [r0 r1 g0 g1 b0 b1 a0 a1]
    // (byte 16 is the zero vector's).
    pairUp: op.simd(13, 0, 16, 4, 16, 1, 16, 5, 16, 2, 16, 6, 16, 3, 16, 7, 16),
    dot: op.simd(186), // i32x4.dot_i16x8_s: [r0·w0 + r1·w1, g…, b…, a…]
    add: op.simd(174), // i32x4.add
    splat: op.simd(17), // i32x4.splat
    shrS: op.simd(172), // i32x4.shr_s
    narrow32: op.simd(133), // i16x8.narrow_i32x4_s (saturating)
    narrow16U: op.simd(102), // i8x16.narrow_i16x8_u (saturating: clamps to 0–255)
    store32: op.simd(90, 0, 0, 0), // v128.store32_lane, lane 0: one pixel
  };

  // filter(src, len, n, dst, starts, wts, m, pairs, half, bits): for each
  // of the n rows of len pixels at src, m outputs, output x of row y being
  // the sum of pairs pairs of pixels from starts[x] times their i16 weights
  // (wts: pairs·2 a output, the odd tap padded with a 0), plus half,
  // shifted right by bits and clamped, stored at dst[x*n + y]. Offsets in
  // bytes.
  function filterModule() {
    const [SRC, LEN, N, DST, STARTS, WTS, M, PAIRS, HALF, BITS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const [Y, X, P, WP, J, ROW, ACC, ZERO] = [10, 11, 12, 13, 14, 15, 16, 17];
    const body = [
      ...op.const(0), ...op.set(Y),
      ...op.block, ...op.loop, // each row y
      ...op.get(Y), ...op.get(N), ...op.geU, ...op.brIf(1),
      ...op.get(SRC), ...op.get(Y), ...op.get(LEN), ...op.mul, ...op.const(2), ...op.shl, ...op.add, ...op.set(ROW),
      ...op.get(WTS), ...op.set(WP),
      ...op.const(0), ...op.set(X),
      ...op.block, ...op.loop, // each output x
      ...op.get(X), ...op.get(M), ...op.geU, ...op.brIf(1),
      // p = row + 4·starts[x]
      ...op.get(ROW), ...op.get(STARTS), ...op.get(X), ...op.const(2), ...op.shl, ...op.add, ...op.load,
      ...op.const(2), ...op.shl, ...op.add, ...op.set(P),
      ...op.get(HALF), ...v.splat, ...op.set(ACC),
      ...op.get(PAIRS), ...op.set(J),
      ...op.loop, // each pair of taps
      ...op.get(ACC),
      ...op.get(P), ...v.load64Zero, ...op.get(ZERO), ...v.pairUp,
      ...op.get(WP), ...v.load32Splat,
      ...v.dot, ...v.add, ...op.set(ACC),
      ...op.get(P), ...op.const(8), ...op.add, ...op.set(P),
      ...op.get(WP), ...op.const(4), ...op.add, ...op.set(WP),
      ...op.get(J), ...op.const(1), ...op.sub, ...op.tee(J), ...op.brIf(0),
      ...op.end,
      // dst[x*n + y] = clamp(acc >> bits)
      ...op.get(DST), ...op.get(X), ...op.get(N), ...op.mul, ...op.get(Y), ...op.add, ...op.const(2), ...op.shl, ...op.add,
      ...op.get(ACC), ...op.get(BITS), ...v.shrS, ...op.get(ACC), ...op.get(BITS), ...v.shrS, ...v.narrow32,
      ...op.get(ZERO), ...v.narrow16U, ...v.store32,
      ...op.get(X), ...op.const(1), ...op.add, ...op.set(X),
      ...op.br(0),
      ...op.end, ...op.end,
      ...op.get(Y), ...op.const(1), ...op.add, ...op.set(Y),
      ...op.br(0),
      ...op.end, ...op.end,
      ...op.end,
    ];
    const locals = vec([[...uleb(6), I32], [...uleb(2), V128]]);
    const code = [...uleb(locals.length + body.length), ...locals, ...body];
    return new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, // "\0asm", version 1
      ...section(1, vec([[0x60, ...vec(Array(10).fill([I32])), 0]])), // type: 10 i32 params, no result
      ...section(2, vec([[...name("e"), ...name("m"), 0x02, 0x00, 0x01]])), // import e.m: a memory, 1 page at least
      ...section(3, vec([[0]])), // one function of type 0
      ...section(7, vec([[...name("filter"), 0x00, 0]])), // exported
      ...section(10, vec([code])),
    ]);
  }

  let simd = null; // {memory, filter} once made; false where SIMD is missing

  function simdFilter() {
    if (simd === null) {
      simd = false;
      try {
        const bytes = filterModule();
        if (typeof WebAssembly === "object" && WebAssembly.validate(bytes)) {
          const memory = new WebAssembly.Memory({ initial: 1 });
          const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { e: { m: memory } });
          simd = { memory, filter: instance.exports.filter };
        }
      } catch (err) {
        simd = false; // the script below does it
      }
    }
    return simd;
  }

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
    return new Uint8ClampedArray(buf, oOut, 4 * w * h); // a view: see picmarkLanczos
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

  // picmarkLanczos takes the module where it can; with script set, the
  // script (the tests run both, and ask picmarkLanczosSIMD whether the
  // module runs there). What it returns may be a view of the module's
  // memory, good until the next call: use it (putImageData copies) first.
  self.picmarkLanczos = (src, sw, sh, kx, ky, bits, script) => {
    const s = !script && simdFilter();
    return s ? lanczosSIMD(s, src, sw, sh, kx, ky, bits) : lanczosScript(src, sw, sh, kx, ky, bits);
  };
  self.picmarkLanczosSIMD = () => !!simdFilter();
})();
