// picmark.js is the browser glue the Go UI (app/) calls through window.picmark.
// It holds what Go cannot reach in time or should not hold:
//   - file intake: drag and drop must be handled synchronously inside the
//     event (go-app runs Go handlers later, when the DataTransfer is empty);
//   - the worker pool: one Web Worker per core running the engine (app.wasm), a
//     ready handshake, a watchdog, replacement of dead workers;
//   - the outputs, kept as Blobs outside the wasm heap, and the ZIP, built
//     from Blob parts around headers that Go computes.
// No image work happens here.
"use strict";

(function () {
  // A page that no service worker controlled when it loaded is a first
  // visit: the worker that activates then is the install, not an update.
  const controlledAtLoad = !!(navigator.serviceWorker && navigator.serviceWorker.controller);

  // A new version has taken over this page (our service worker activates
  // at once and claims every page): tell go-app. Its own watch reads
  // registration.installing when "updatefound" runs, which is already null
  // when the page's thread was busy while the new worker installed (it
  // installs in a moment from the HTTP cache), and then misses the update.
  if (controlledAtLoad) {
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (typeof window.goappOnUpdate === "function") window.goappOnUpdate();
    });
  }

  const JOB_TIMEOUT_MS = 3 * 60 * 1000; // a 48 MP photo takes seconds, not minutes
  const START_TIMEOUT_MS = 60 * 1000;
  const RECYCLE_HEAP_BYTES = 1 << 30; // wasm memory never shrinks: start afresh past this
  const SPARE_HEAP_BYTES = 256 << 20; // a worker kept idle after a batch holds no more than this
  const SPARE_WAIT_MS = 2000; // spare workers start this long after photos are added, once no preview is being made
  const MAX_START_FAILURES = 3;
  const ZIP_CHUNK = 100; // parts of the ZIP put together in one task

  let handlers = null; // set by Go: {files(list), started(id), result(id, rowsJSON, metas, error), died(id, reason), finished()}
  let files = []; // every File received, by index
  let outputs = new Map(); // output key ("job/index") -> Blob
  let pool = null;
  let zipURL = "";
  let waiting = []; // files received before Go bound its handlers
  let shownURL = ""; // the photo shown in the focal point editor

  // ---------------------------------------------------------------- intake

  function hasFiles(e) {
    return e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
  }

  document.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    document.body.dataset.drag = "over";
  });

  document.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) delete document.body.dataset.drag;
  });

  document.addEventListener("drop", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    delete document.body.dataset.drag;
    // Entries must be taken now: the DataTransfer is emptied once the event returns.
    const entries = [];
    const loose = [];
    for (const item of Array.from(e.dataTransfer.items || [])) {
      if (item.kind !== "file") continue;
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry) {
        entries.push(entry);
      } else {
        const file = item.getAsFile();
        if (file) loose.push({ file, path: file.name });
      }
    }
    walk(entries).then((found) => add(loose.concat(found)));
  });

  // The pickers are rendered by Go; listen at the document so re-renders do not matter.
  document.addEventListener(
    "change",
    (e) => {
      const input = e.target;
      if (!input || (input.id !== "folder-input" && input.id !== "files-input")) return;
      const picked = Array.from(input.files || []).map((file) => ({
        file,
        path: file.webkitRelativePath || file.name,
      }));
      input.value = "";
      add(picked);
    },
    true
  );

  // walk lists every file below the dropped entries, sub-folders included,
  // with its path relative to the drop ("shoot/sub/a.jpg").
  async function walk(entries) {
    const found = [];
    const visit = async (entry) => {
      const path = entry.fullPath.replace(/^\/+/, "");
      if (entry.isFile) {
        try {
          found.push({ file: await new Promise((ok, fail) => entry.file(ok, fail)), path });
        } catch (err) {
          found.push({ file: null, path, error: String(err && err.message ? err.message : err) });
        }
        return;
      }
      if (!entry.isDirectory) return;
      const reader = entry.createReader();
      for (;;) {
        let batch;
        try {
          batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        } catch (err) {
          found.push({ file: null, path: path + "/", error: String(err && err.message ? err.message : err) });
          return;
        }
        if (batch.length === 0) return; // readEntries returns at most ~100 entries per call
        for (const child of batch) await visit(child);
      }
    };
    for (const entry of entries) await visit(entry);
    return found;
  }

  // add hands Go the new files with their first bytes, so Go can tell images
  // from other files by content, not by name.
  async function add(list) {
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const described = [];
    for (const item of list) {
      const index = files.length;
      files.push(item.file);
      let head = new Uint8Array(0);
      let error = item.error || "";
      if (item.file && !error) {
        try {
          head = new Uint8Array(await item.file.slice(0, 64).arrayBuffer()); // imgio.SniffBytes
        } catch (err) {
          error = String(err && err.message ? err.message : err);
        }
      }
      described.push({ index, path: item.path, size: item.file ? item.file.size : 0, head, error });
    }
    if (!described.length) return;
    if (!previewPool) previewPool = new PreviewPool();
    previewPool.warm();
    spares.want();
    if (handlers) handlers.files(described);
    else waiting.push(...described); // dropped before the page was ready: hand over on bind
  }

  // Photos opened with picmark from the operating system (the manifest's
  // file_handlers) arrive through the launch queue.
  if ("launchQueue" in window) {
    window.launchQueue.setConsumer(async (params) => {
      const list = [];
      for (const handle of params.files || []) {
        try {
          const file = await handle.getFile();
          list.push({ file, path: file.name });
        } catch (err) {
          list.push({ file: null, path: handle.name, error: String(err && err.message ? err.message : err) });
        }
      }
      add(list);
    });
  }

  // Photos shared to picmark (the manifest's share_target) wait in a cache
  // the service worker filled.
  async function takeShared() {
    if (!("caches" in window) || !new URLSearchParams(location.search).has("shared")) return;
    const cache = await caches.open("picmark-shared");
    const list = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const name = decodeURIComponent(response.headers.get("X-Name") || "shared.jpg");
      const blob = await response.blob();
      list.push({ file: new File([blob], name, { type: blob.type }), path: name });
      await cache.delete(request);
    }
    history.replaceState(null, "", "/");
    add(list);
  }
  takeShared();

  // ---------------------------------------------------------------- pool

  // notify queues a call to one of Go's batch handlers (started, result,
  // died); the calls reach Go together every NOTIFY_MS, in order, so the
  // page renders a batch's progress a few times a second rather than for
  // every photo started and done. finished() flushes them first.
  const NOTIFY_MS = 150;
  let notices = [];
  let noticeTimer = 0;

  function notify(name, ...args) {
    notices.push([name, args]);
    if (!noticeTimer) noticeTimer = setTimeout(flushNotices, NOTIFY_MS);
  }

  function flushNotices() {
    clearTimeout(noticeTimer);
    noticeTimer = 0;
    const list = notices;
    notices = [];
    for (const [name, args] of list) handlers[name](...args);
  }

  function poolSize(jobs) {
    const cores = navigator.hardwareConcurrency || 2;
    return Math.max(1, Math.min(cores, 4, jobs));
  }

  // startWorker starts one image worker for a pool (the batch's, the
  // spares or the previews'), its owner until another pool adopts it: its
  // messages go to owner.message; an error, or a start that never says
  // "ready", to owner.death.
  function startWorker(owner) {
    const worker = new Worker(new URL("web/worker.js", document.baseURI));
    const slot = { worker, owner, job: null, req: null, ready: false, timer: 0, heap: 0 };
    owner.slots.add(slot);
    worker.onmessage = (e) => slot.owner.message(slot, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      slot.owner.death(slot, e.message || "error");
    };
    slot.timer = setTimeout(() => slot.owner.death(slot, "did not start"), START_TIMEOUT_MS);
    return slot;
  }

  // Spare batch workers, started and ready before a batch: starting one
  // (compiling app.wasm, starting Go) takes 0.3–0.6 s of a core, and a
  // batch that started its own spent that on every core before its first
  // photo. They start once the previews are made (so they never delay
  // them), and a batch's workers stay on as spares when it ends, unless
  // their heap has grown (wasm memory never shrinks). One per core, as the
  // batch would start anyway; none while no photo is listed.
  const spares = {
    slots: new Set(),
    wanted: false, // photos are listed: a batch may come
    notBefore: 0, // the previews of photos just added are asked for first
    settings: "", // what the next batch is likely to be made with

    size() {
      return poolSize(Infinity);
    },

    // want says photos were added: spares start once their previews are
    // made (PreviewPool.next), or after SPARE_WAIT_MS if none is asked for.
    want() {
      this.wanted = true;
      this.notBefore = performance.now() + SPARE_WAIT_MS;
      setTimeout(() => (!previewPool || previewPool.idle()) && this.warm(), SPARE_WAIT_MS + 10);
    },

    warm() {
      if (!this.wanted || performance.now() < this.notBefore || (pool && !pool.done)) return;
      while (this.slots.size < this.size()) startWorker(this);
    },

    // keep takes an idle worker from a pool that is done with it, or says
    // it cannot (the caller ends it).
    keep(slot) {
      if (!this.wanted || !slot.ready || slot.job || slot.heap > SPARE_HEAP_BYTES || this.slots.size >= this.size()) return false;
      slot.owner.slots.delete(slot);
      slot.owner = this;
      this.slots.add(slot);
      this.tell(slot);
      return true;
    },

    // take hands the spares to pool p.
    take(p) {
      for (const slot of Array.from(this.slots)) {
        if (p.slots.size >= p.size) break;
        this.slots.delete(slot);
        slot.owner = p;
        p.slots.add(slot);
        if (slot.ready) p.next(slot);
      }
    },

    // prepare has the spares ready themselves for a batch with these
    // settings (a job.Settings JSON: the previews' are the next batch's,
    // unless they change again): its plan, its brand layers.
    prepare(settings) {
      this.settings = settings;
      for (const slot of this.slots) this.tell(slot);
    },

    tell(slot) {
      if (!slot.ready || !this.settings || slot.prepared === this.settings) return;
      slot.prepared = this.settings;
      slot.worker.postMessage({ type: "prepare", settings: this.settings });
    },

    message(slot, m) {
      if (m.type === "ready") {
        clearTimeout(slot.timer);
        slot.ready = true;
        this.tell(slot);
      } else if (m.type === "exit") {
        this.death(slot, m.message);
      }
    },

    death(slot) {
      clearTimeout(slot.timer);
      slot.worker.terminate();
      this.slots.delete(slot);
    },

    clear() {
      this.wanted = false;
      this.settings = "";
      for (const slot of Array.from(this.slots)) this.death(slot);
    },
  };

  class Pool {
    constructor(jobs, settings) {
      // The largest files first: the batch ends on small ones, so no worker
      // waits long for the last photo of another.
      const size = (job) => (files[job.file] ? files[job.file].size : 0);
      this.queue = jobs.slice().sort((a, b) => size(b) - size(a));
      this.settings = settings;
      this.size = poolSize(jobs.length);
      this.slots = new Set();
      this.startFailures = 0;
      this.done = false;
    }

    start() {
      spares.take(this);
      while (this.slots.size < this.size) this.spawn();
      this.checkDone();
    }

    spawn() {
      startWorker(this);
    }

    message(slot, m) {
      if (!this.slots.has(slot)) return;
      switch (m.type) {
        case "ready":
          clearTimeout(slot.timer);
          slot.ready = true;
          this.startFailures = 0;
          this.next(slot);
          break;
        case "result": {
          clearTimeout(slot.timer);
          const job = slot.job;
          slot.job = null;
          slot.heap = m.heap;
          // Keyed by job and position: names are Go's to make unique.
          const metas = m.files.map((f, i) => ({ key: job.id + "/" + i, name: f.name, size: f.size, crc32: f.crc32 }));
          notify("result", job.id, m.rows, metas, m.error || "");
          // The copy into Blobs waits for a task of its own, so the page's
          // answer to a result stays short. Timers of equal delay run in
          // order, so the outputs are stored before finished() (checkDone's
          // timer) asks for the ZIP.
          setTimeout(() => {
            // The browser's own JPEGs come as Blobs already; the rest as bytes.
            m.files.forEach((f, i) => outputs.set(metas[i].key, f.blob || new Blob([f.data], { type: f.type || "application/octet-stream" })));
          }, 0);
          if (m.heap > RECYCLE_HEAP_BYTES && this.queue.length) {
            this.retire(slot);
            this.spawn();
          } else {
            this.next(slot);
          }
          break;
        }
        case "exit":
          this.death(slot, m.message || "stopped");
          break;
      }
    }

    next(slot) {
      if (this.queue.length === 0) {
        if (!spares.keep(slot)) this.retire(slot);
        this.checkDone();
        return;
      }
      const job = this.queue.shift();
      slot.job = job;
      notify("started", job.id);
      slot.timer = setTimeout(() => this.death(slot, "took too long"), JOB_TIMEOUT_MS);
      slot.worker.postMessage({
        type: "job",
        id: job.id,
        file: files[job.file],
        input: job.input,
        stem: job.stem,
        index: job.id,
        focal: job.focalX === undefined ? null : { x: job.focalX, y: job.focalY },
        settings: this.settings,
      });
    }

    // death ends a worker that failed, reports its file, and starts another.
    // Only a worker that failed on its own before "ready" counts as a start failure.
    death(slot, why, killed) {
      if (!this.slots.has(slot)) return;
      clearTimeout(slot.timer);
      this.retire(slot);
      if (slot.job) {
        const job = slot.job;
        slot.job = null;
        notify("died", job.id, why);
      } else if (!slot.ready && !killed) {
        this.startFailures++;
      }
      if (this.startFailures >= MAX_START_FAILURES) {
        // The workers cannot start at all (e.g. app.wasm missing): say so for every file left.
        for (const job of this.queue.splice(0)) notify("died", job.id, "could not start");
      }
      if (this.queue.length && this.slots.size < this.size) this.spawn();
      this.checkDone();
    }

    retire(slot) {
      clearTimeout(slot.timer);
      slot.worker.terminate();
      this.slots.delete(slot);
    }

    checkDone() {
      if (this.done || this.queue.length) return;
      for (const slot of this.slots) if (slot.job) return;
      this.done = true;
      for (const slot of Array.from(this.slots)) if (!spares.keep(slot)) this.retire(slot);
      if (previewPool) previewPool.resume();
      // Later, not now: start() may still be inside Go's call to run().
      setTimeout(() => {
        flushNotices();
        handlers.finished();
      }, 0);
    }

    // cancel stops the batch: the jobs not answered yet are reported as
    // cancelled, and what is finished stays.
    cancel() {
      for (const job of this.queue.splice(0)) notify("died", job.id, "cancelled");
      for (const slot of Array.from(this.slots)) {
        if (slot.job) notify("died", slot.job.id, "cancelled");
        slot.job = null;
        this.retire(slot);
      }
      this.checkDone();
    }

    kill() {
      for (const slot of Array.from(this.slots)) {
        slot.worker.terminate();
        this.death(slot, "stopped", true);
      }
    }
  }

  // ---------------------------------------------------------------- previews

  // The preview pool is separate from the batch's: one worker (two on
  // machines with more than four cores), started on the first preview and
  // kept, so a batch never waits behind previews. While a batch has every
  // core, previews wait for it (pausedByBatch): on a 2-core laptop the
  // previews still coming when Start is pressed cost the batch a quarter
  // of its time, and the settings cannot change until it ends.
  // One request per photo: a newer one for the same photo
  // replaces it, and the newest is made first (what the user just looked at,
  // or just changed). Results become Blob object URLs, revoked when replaced.
  const PREVIEW_TIMEOUT_MS = 60 * 1000;

  class PreviewPool {
    constructor() {
      const cores = navigator.hardwareConcurrency || 2;
      this.size = cores > 4 ? 2 : 1;
      this.slots = new Set();
      this.queue = []; // newest first: [{index, settings, focal, size, seq}]
      this.latest = new Map(); // photo index -> seq of its newest request
      this.urls = new Map(); // photo index -> [object URLs shown]
      this.decoders = new Map(); // photo index -> the decoder the worker used (for the tests)
      this.seq = 0;
      this.failures = 0;
    }

    request(index, settings, focal, size) {
      const seq = ++this.seq;
      this.latest.set(index, seq);
      this.queue = this.queue.filter((r) => r.index !== index);
      this.queue.unshift({ index, settings, focal, size, seq });
      while (this.slots.size < this.size) this.spawn();
      for (const slot of this.slots) if (slot.ready && !slot.req) this.next(slot);
    }

    // warm starts the workers before the first request: compiling
    // app.wasm is most of the wait for the first previews.
    warm() {
      while (this.slots.size < this.size) this.spawn();
    }

    // cancel drops every request not started; answers of started ones are ignored.
    cancel() {
      this.queue = [];
      this.latest = new Map();
    }

    spawn() {
      startWorker(this);
    }

    message(slot, m) {
      if (!this.slots.has(slot)) return;
      switch (m.type) {
        case "ready":
          clearTimeout(slot.timer);
          slot.ready = true;
          this.failures = 0;
          this.next(slot);
          break;
        case "preview": {
          clearTimeout(slot.timer);
          const req = slot.req;
          slot.req = null;
          if (req) this.decoders.set(req.index, m.decoder || "");
          if (req && this.latest.get(req.index) === req.seq) this.deliver(req.index, m.images || [], m.error || "");
          this.next(slot);
          break;
        }
        case "exit":
          this.death(slot, m.message || "stopped");
          break;
      }
    }

    deliver(index, images, error) {
      const old = this.urls.get(index) || [];
      const list = images.map((im) => ({
        preset: im.preset,
        url: URL.createObjectURL(new Blob([im.data], { type: "image/jpeg" })),
        w: im.w,
        h: im.h,
      }));
      this.urls.set(index, list.map((im) => im.url));
      if (handlers && handlers.preview) handlers.preview(index, list, error);
      // The page shows the new ones from now on; the old ones can go.
      setTimeout(() => old.forEach((u) => URL.revokeObjectURL(u)), 1000);
    }

    next(slot) {
      if (!slot.ready || slot.req || this.pausedByBatch()) return;
      const req = this.queue.shift();
      if (!req) {
        if (this.idle()) spares.warm(); // the previews are made: the batch's turn
        return;
      }
      if (!files[req.index]) {
        this.deliver(req.index, [], "the file is gone");
        this.next(slot);
        return;
      }
      slot.req = req;
      slot.timer = setTimeout(() => this.death(slot, "took too long"), PREVIEW_TIMEOUT_MS);
      slot.worker.postMessage({
        type: "preview",
        id: req.seq,
        file: files[req.index],
        settings: req.settings,
        focal: req.focal,
        size: req.size,
      });
    }

    idle() {
      return this.queue.length === 0 && !Array.from(this.slots).some((slot) => slot.req);
    }

    pausedByBatch() {
      return !!pool && !pool.done && pool.size + this.size > (navigator.hardwareConcurrency || 2);
    }

    // resume makes the previews that waited for a batch.
    resume() {
      for (const slot of this.slots) this.next(slot);
    }

    death(slot, why) {
      if (!this.slots.has(slot)) return;
      clearTimeout(slot.timer);
      slot.worker.terminate();
      this.slots.delete(slot);
      if (slot.req) {
        const req = slot.req;
        slot.req = null;
        if (this.latest.get(req.index) === req.seq) this.deliver(req.index, [], "the preview worker stopped (" + why + ")");
      } else if (!slot.ready) {
        this.failures++;
      }
      if (this.failures >= MAX_START_FAILURES) {
        for (const req of this.queue.splice(0)) this.deliver(req.index, [], "the preview worker could not start");
        return;
      }
      if (this.queue.length) this.spawn();
    }

    clear() {
      this.cancel();
      for (const urls of this.urls.values()) urls.forEach((u) => URL.revokeObjectURL(u));
      this.urls = new Map();
    }
  }

  let previewPool = null;

  // ---------------------------------------------------------------- saving

  async function writeToDirectory(dir, entries, report) {
    const put = async (path, data) => {
      const parts = path.split("/");
      let d = dir;
      for (const part of parts.slice(0, -1)) d = await d.getDirectoryHandle(part, { create: true });
      const handle = await d.getFileHandle(parts[parts.length - 1], { create: true });
      const w = await handle.createWritable();
      await w.write(data);
      await w.close();
    };
    let n = 0;
    for (const e of Array.from(entries)) {
      await put(e.name, outputs.get(e.key));
      n++;
    }
    await put("report.csv", new Blob([report], { type: "text/csv" }));
    return n + 1;
  }

  // ---------------------------------------------------------------- brand kits

  let db = null;

  function openDB() {
    if (db) return db;
    db = new Promise((resolve, reject) => {
      const req = indexedDB.open("picmark", 1);
      req.onupgradeneeded = () => req.result.createObjectStore("kits", { keyPath: "id" });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        db = null;
        reject(req.error);
      };
    });
    return db;
  }

  // store runs one request on the kits store and resolves with its result.
  async function store(mode, request) {
    const d = await openDB();
    return new Promise((resolve, reject) => {
      const tx = d.transaction("kits", mode);
      const req = request(tx.objectStore("kits"));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  // ---------------------------------------------------------------- fonts

  // Go fonts other than regular and bold are not in app.wasm: a worker
  // downloads one when a batch or preview first uses it, and the service
  // worker keeps it. Fetching it as soon as it is picked, while online,
  // makes it ready for offline use even before any photo is added.
  document.addEventListener(
    "change",
    (e) => {
      const select = e.target;
      if (!select || select.id !== "text-font" || !navigator.onLine) return;
      if (select.value === "regular" || select.value === "bold") return;
      fetch("/fonts/" + encodeURIComponent(select.value) + ".ttf").catch(() => {}); // the worker says it when it matters
    },
    true
  );

  // startPool makes p the batch's pool and starts its workers in a task of
  // their own, so the click that starts a batch stays short. A cancel in
  // between finishes the pool at once (every job reported as cancelled).
  function startPool(p) {
    pool = p;
    setTimeout(() => {
      if (!p.done) p.start();
    }, 0);
  }

  // ---------------------------------------------------------------- API for Go

  window.picmark = {
    // updatable says whether a newly activated service worker is an update.
    updatable() {
      return controlledAtLoad;
    },

    bind(h) {
      handlers = h;
      if (handlers && waiting.length) handlers.files(waiting.splice(0));
    },

    // run starts a batch. jobs: a JSON list of {id, file (index), input, stem,
    // focalX?, focalY?}; settings: the batch's job.Settings as a JSON string,
    // the same for every job.
    run(jobs, settings) {
      outputs = new Map();
      startPool(new Pool(JSON.parse(jobs), settings));
    },

    // retry runs jobs again, keeping every output but the ones named in forget.
    retry(jobs, settings, forget) {
      for (const key of Array.from(forget)) outputs.delete(key);
      startPool(new Pool(JSON.parse(jobs), settings));
    },

    cancel() {
      if (pool) pool.cancel();
    },

    // zip builds the ZIP from its parts, in order: layout is a JSON list of
    // [start, end] ranges of bytes (the headers, report and directory Go
    // made) and output keys. It resolves with an object URL for the download
    // link, built in tasks of their own rather than in Go's call: a Blob of
    // ZIP_CHUNK parts at a time, then one of those (a Blob of 1,201 parts,
    // for 200 photos in three formats, took 44–64 ms of the page's thread).
    async zip(bytes, layout) {
      const later = () => new Promise((ok) => setTimeout(ok, 0));
      await later();
      const parts = JSON.parse(layout).map((p) => (typeof p === "string" ? outputs.get(p) : bytes.subarray(p[0], p[1])));
      const chunks = [];
      for (let i = 0; i < parts.length; i += ZIP_CHUNK) {
        if (i > 0) await later();
        chunks.push(new Blob(parts.slice(i, i + ZIP_CHUNK)));
      }
      if (zipURL) URL.revokeObjectURL(zipURL);
      zipURL = URL.createObjectURL(new Blob(chunks, { type: "application/zip" }));
      return zipURL;
    },

    // objectURL shows a picked file (the logo) without reading it into Go.
    objectURL(file) {
      return URL.createObjectURL(file);
    },

    // fileURL shows a received photo (focal point editor), one at a time.
    fileURL(index) {
      if (shownURL) URL.revokeObjectURL(shownURL);
      shownURL = files[index] ? URL.createObjectURL(files[index]) : "";
      return shownURL;
    },

    // rasterize draws an SVG logo into PNG bytes at the given width: an
    // <img> into a canvas, never inserted into the page as markup.
    async rasterize(file, width) {
      const url = URL.createObjectURL(file);
      try {
        const img = new Image();
        img.src = url;
        await img.decode();
        const w0 = img.naturalWidth || width;
        const h0 = img.naturalHeight || width;
        const canvas = new OffscreenCanvas(width, Math.max(1, Math.round((width * h0) / w0)));
        canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
        const blob = await canvas.convertToBlob({ type: "image/png" });
        return new Uint8Array(await blob.arrayBuffer());
      } finally {
        URL.revokeObjectURL(url);
      }
    },

    // canSaveToFolder: the File System Access API lets the user pick a folder.
    canSaveToFolder() {
      return typeof window.showDirectoryPicker === "function";
    },

    // saveToFolder asks for a folder and writes the outputs and the report
    // into it, keeping the folder tree. Resolves with the number of files.
    async saveToFolder(entries, report) {
      const dir = await window.showDirectoryPicker({ mode: "readwrite", id: "picmark-output" });
      return writeToDirectory(dir, entries, report);
    },

    // writeToDirectory is saveToFolder's writing half, for any directory handle.
    writeToDirectory(dir, entries, report) {
      return writeToDirectory(dir, entries, report);
    },

    // canShare: the Web Share API takes files here (phones, mostly).
    canShare() {
      try {
        const probe = new File([new Uint8Array(1)], "probe.jpg", { type: "image/jpeg" });
        return !!(navigator.canShare && navigator.canShare({ files: [probe] }));
      } catch (err) {
        return false;
      }
    },

    // share hands the outputs to another app (the phone's share sheet).
    share(entries) {
      const list = Array.from(entries).map((e) => {
        const blob = outputs.get(e.key);
        return new File([blob], e.name.split("/").pop(), { type: blob.type });
      });
      return navigator.share({ files: list, title: "picmark" });
    },

    // bytesURL shows bytes Go holds (a stored logo) as an image.
    bytesURL(bytes, type) {
      return URL.createObjectURL(new Blob([bytes], { type }));
    },

    // kits keeps brand kits in IndexedDB: {id, name, doc} where doc is the
    // brand kit file's JSON (logo embedded), the bytes export gives.
    kits: {
      list() {
        return store("readonly", (s) => s.getAll()).then((all) =>
          all.map((k) => ({ id: k.id, name: k.name })).sort((a, b) => (a.id < b.id ? -1 : 1))
        );
      },
      get(id) {
        return store("readonly", (s) => s.get(id)).then((k) => {
          if (!k) throw new Error("no such kit");
          return k.doc;
        });
      },
      put(id, name, doc) {
        return store("readwrite", (s) => s.put({ id, name, doc }));
      },
      delete(id) {
        return store("readwrite", (s) => s.delete(id));
      },
    },

    // save offers bytes Go made (the brand kit) as a download.
    save(bytes, name, type) {
      const url = URL.createObjectURL(new Blob([bytes], { type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
    },

    // preview asks for the previews of one photo: settings is the batch's
    // job.Settings JSON, focal {x, y} or null, size the longer side. The
    // answer comes later through handlers.preview(index, [{preset, url, w,
    // h}], error).
    preview(index, settings, focal, size) {
      if (!previewPool) previewPool = new PreviewPool();
      previewPool.request(index, settings, focal || null, size);
      spares.prepare(settings);
    },

    // previewCancel drops every preview not started yet.
    previewCancel() {
      if (previewPool) previewPool.cancel();
    },

    clear() {
      files = [];
      outputs = new Map();
      if (previewPool) previewPool.clear();
      spares.clear();
    },
  };

  // picmarkDebug lets the end-to-end test prove that dead workers are replaced.
  window.picmarkDebug = {
    killWorkers() {
      if (pool) pool.kill();
    },
    // batching says whether a batch has the workers; previewsQueued, how
    // many previews wait for a worker; previewsIdle, that none is asked for.
    batching() {
      return !!pool && !pool.done;
    },
    previewsQueued() {
      return previewPool ? previewPool.queue.length : 0;
    },
    previewsIdle() {
      return !previewPool || previewPool.idle();
    },
    // settled says whether the page is at rest, as when a user reaches for
    // Start: no preview being made, and every spare worker started and ready.
    settled() {
      const ready = Array.from(spares.slots).filter((s) => s.ready).length;
      return (!previewPool || previewPool.idle()) && ready === spares.size();
    },
    // previewDecoder says which decoder made a photo's last previews.
    previewDecoder(index) {
      return previewPool ? previewPool.decoders.get(index) || "" : "";
    },
  };
})();
