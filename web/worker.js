// worker.js starts cmd/picmark-worker (web/worker.wasm) inside a Web Worker.
// The Go side sets onmessage and then posts {type: "ready"}; the pool sends no
// job before that, because messages posted earlier would be lost.
"use strict";

importScripts("../wasm_exec.js");

// ?decoders=ImageDecoder,createImageBitmap limits the browser decoders the
// engine tries (Go's come last whatever the list): the browser tests run
// each path on the same photos. The page never sets it.
{
  const only = new URL(self.location.href).searchParams.get("decoders");
  if (only !== null) self.picmarkDecoders = only;
}

(async function start() {
  try {
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(
      fetch("worker.wasm"),
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
