// heif.js: HEIC in the browser. The image worker (worker.js) decodes a
// HEIC with the very module the command line runs (third_party/heic:
// libheif 1.15.1 and libde265 built for WASI, with picmark's glue
// lib/heif.c), instantiated by the browser itself. It is not part of the
// first visit (774 KB, 174 KB brotli'd; most folders hold no HEIC): the
// server serves it outside /web/ (cmd/picmark/server.go heifPath), the
// page fetches it in the background once the service worker controls it
// (picmark.js), and the service worker keeps it, so a HEIC converts
// offline after one visit.

export const heifURL = "/decoders/heif.wasm";

let compiled = null; // the compiled module's promise, once asked for

function heifModule() {
  if (!compiled) {
    compiled = WebAssembly.compileStreaming(fetch(heifURL)).catch((err) => {
      compiled = null; // asked again for the next HEIC: the network may be back
      throw err;
    });
  }
  return compiled;
}

// The WASI imports the module has (wasm-objdump -x): wasi-libc's start-up
// and stdio. It is given no environment and no file: libheif writes
// nothing it needs, and exiting is a failure.
function wasi(memory) {
  const EBADF = 8;
  const u32 = (at, v) => new DataView(memory().buffer).setUint32(at, v, true);
  return {
    environ_sizes_get(count, size) {
      u32(count, 0);
      u32(size, 0);
      return 0;
    },
    environ_get: () => 0,
    fd_close: () => EBADF,
    fd_fdstat_get: () => EBADF,
    fd_seek: () => EBADF,
    fd_write(fd, iovs, n, written) {
      const view = new DataView(memory().buffer);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += view.getUint32(iovs + 8 * i + 4, true);
      u32(written, sum); // taken and dropped
      return 0;
    },
    proc_exit(code) {
      throw new Error("the HEIC decoder stopped (exit " + code + ")");
    },
  };
}

// decodeHeif decodes a HEIC file (an ArrayBuffer) as lib/heif.c's
// picmark_decode does for the command line (third_party/heic decode.go):
// 8-bit RGBA, clap, irot and imir applied, YCbCr converted by the file's
// own matrix and range, colours otherwise as stored. It resolves with
// {width, height, alpha, premultiplied} and either pixels (a view of the
// decoder's memory, for the caller to copy at once) or, asked for a
// bitmap and the alpha not premultiplied, bitmap (an ImageBitmap of them);
// or with {missing: why} when the decoder cannot be had (offline, never
// fetched). It rejects when the file does not decode. Each file gets a new
// instance, whose memory goes with it.
export async function decodeHeif(file, asBitmap) {
  let module;
  try {
    module = await heifModule();
  } catch (err) {
    return { missing: String(err) };
  }
  let memory = null;
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi(() => memory) });
  const x = instance.exports;
  memory = x.memory;
  x._initialize();
  const alloc = (n) => {
    const at = x.malloc(n) >>> 0;
    if (!at) throw new Error("out of memory for " + n + " bytes");
    return at;
  };
  const n = file.byteLength;
  const input = alloc(n);
  new Uint8Array(memory.buffer, input, n).set(new Uint8Array(file));
  const vars = alloc(16); // width, height, has_alpha, premultiplied
  const call = (out, size) => {
    const rc = x.picmark_decode(input, n, out, size, vars, vars + 4, vars + 8, vars + 12);
    if (rc !== 0) {
      const at = x.picmark_message() >>> 0;
      const bytes = new Uint8Array(memory.buffer, at, 256);
      const msg = new TextDecoder().decode(bytes.subarray(0, Math.max(0, bytes.indexOf(0))));
      throw new Error("libheif error " + rc + ": " + msg);
    }
  };
  call(0, 0);
  const v = new DataView(memory.buffer);
  const width = v.getUint32(vars, true), height = v.getUint32(vars + 4, true);
  const alpha = v.getUint32(vars + 8, true) === 1;
  const premultiplied = v.getUint32(vars + 12, true) === 1;
  const size = width * height * 4;
  if (!width || !height || size > 2 ** 31) throw new Error("libheif gave " + width + "×" + height);
  const out = alloc(size);
  call(out, size);
  const got = { width, height, alpha, premultiplied };
  if (!asBitmap || premultiplied) return { ...got, pixels: new Uint8Array(memory.buffer, out, size) };
  // ImageData holds unpremultiplied sRGB-tagged RGBA: no conversion.
  const data = new ImageData(new Uint8ClampedArray(memory.buffer, out, size), width, height);
  return { ...got, bitmap: await createImageBitmap(data, { colorSpaceConversion: "none" }) };
}
