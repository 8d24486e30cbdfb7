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
