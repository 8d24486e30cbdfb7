// worker.js starts the app's own binary (web/app.wasm) inside a Web Worker,
// where it runs the image engine (app/worker) instead of the page.
// The Go side sets onmessage and then posts {type: "ready"}; the pool sends no
// job before that, because messages posted earlier would be lost.
"use strict";

importScripts("../wasm_exec.js");

// A worker named "decoders=ImageDecoder,createImageBitmap" tries only the
// browser decoders listed (Go's come last whatever the list): the browser
// tests run each path on the same photos. The page never names its workers.
{
  const only = /^decoders=(.*)$/.exec(self.name || "");
  if (only) self.picmarkDecoders = only[1];
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
