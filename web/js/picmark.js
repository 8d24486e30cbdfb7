// picmark.js: the page's JavaScript, as the Go UI (app/glue.go) reaches it
// through window.picmark. It holds what Go cannot reach in time or should
// not hold, one concern a module: intake.js (files received), pool.js (the
// image workers) and its clients spares.js, batch.js and previews.js,
// storage.js (outputs and brand kits), zip.js (the ZIP, a folder). What
// crosses to Go and to the workers is app/wire's messages, built with
// wire.js; heif.js fetches the HEIC decoder in the background. No image
// work happens here.
import { listen, files, forget, open, sizeOf, headsAlive } from "./intake.js";
import { Pool, State, cores } from "./pool.js";
import { readSheet as readSheetMessage } from "./wire.js";
import { Spares } from "./spares.js";
import { Batch, holdNext } from "./batch.js";
import { Previews } from "./previews.js";
import { outputs, kits } from "./storage.js";
import { zip, zipLot, writeToDirectory, toFolder } from "./zip.js";
import { heifURL } from "./heif.js";

// A page that no service worker controlled when it loaded is a first
// visit: the worker that activates then is the install, not an update.
const controlledAtLoad = !!(navigator.serviceWorker && navigator.serviceWorker.controller);

// A new version has taken over this page (our service worker activates at
// once and claims every page): tell go-app. Its own watch reads
// registration.installing when "updatefound" runs, which is already null
// when the page's thread was busy while the new worker installed (it
// installs in a moment from the HTTP cache), and then misses the update.
if (controlledAtLoad) {
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (typeof window.goappOnUpdate === "function") window.goappOnUpdate();
  });
}

let handlers = null; // set by Go (app/glue.go bindGlue)
const waiting = []; // files received before Go bound its handlers
let shownURL = ""; // the photo shown in the focal point editor

const pool = new Pool();
let batch = null; // the batch running, or the last one
let previews = null;
const batching = () => !!batch && !batch.done;
const spares = new Spares(pool, () => !batching() && (!previews || previews.idle()));

function previewsClient() {
  if (!previews) {
    previews = new Previews({
      pool,
      files,
      deliver: (index, made) => handlers && handlers.preview && handlers.preview(index, made),
      // A batch has every core: the previews wait for it.
      paused: () => batching() && batch.size + previews.size > cores(),
      idleAgain: () => spares.warm(),
    });
  }
  return previews;
}

// Files come to Go named (listed), then described; those that come before
// Go bound its handlers wait, in order, until it does.
const toGo = (name, value) => {
  if (handlers) handlers[name](value);
  else waiting.push([name, value]);
};
listen({
  listed(l) {
    previewsClient().warm();
    spares.want();
    toGo("listed", l);
  },
  described(list) {
    toGo("files", list);
  },
});

// What the first visit leaves out of app.wasm is fetched in the background
// once the page is idle and the service worker controls it (the install of
// a first visit; again when an update takes over, whose cache is new): the
// HEIC decoder (heif.js), the face finder's cascade (internal/crop) and the
// two fonts the defaults use (internal/brand). The service worker keeps
// each, so they work offline from the first batch; kept already, it
// answers from its cache without a request. A worker fetches what it lacks
// when it needs it, and says so when it cannot.
const background = [heifURL, "/models/facefinder", "/fonts/regular.ttf", "/fonts/bold.ttf"];
if (navigator.serviceWorker) {
  const fetchAll = () => {
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1000));
    idle(() => background.forEach((url) => fetch(url).then((r) => r.arrayBuffer()).catch(() => {})), { timeout: 5000 });
  };
  if (navigator.serviceWorker.controller) fetchAll();
  navigator.serviceWorker.addEventListener("controllerchange", fetchAll);
}

// The other Go fonts are not in app.wasm either: a worker
// downloads one when a batch or preview first uses it, and the service
// worker keeps it. Fetching it as soon as it is picked, while online, makes
// it ready for offline use even before any photo is added. (Here, not in a
// module of its own: a module is a request, twice on a first visit.)
document.addEventListener(
  "change",
  (e) => {
    const select = e.target;
    if (!select || select.id !== "text-font" || !navigator.onLine) return;
    fetch("/fonts/" + encodeURIComponent(select.value) + ".ttf").catch(() => {}); // the worker says it when it matters
  },
  true
);

// The page's long lists (app/window.go) put only the rows in view in the
// page and say, in data-pad-top and data-pad-bottom, the space that stands
// for the others. The page's Content Security Policy allows no style
// attribute, so the space is set here, through the CSSOM, before the frame
// that shows it is painted.
const pad = (el) => {
  el.style.paddingTop = (+el.dataset.padTop || 0) + "px";
  el.style.paddingBottom = (+el.dataset.padBottom || 0) + "px";
};
new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === "attributes") pad(r.target);
    else
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.dataset.padTop !== undefined) pad(n);
        n.querySelectorAll("[data-pad-top]").forEach(pad);
      }
  }
}).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-pad-top", "data-pad-bottom"] });

const SHEET_TIMEOUT_MS = 2 * 60 * 1000;

// SheetReader reads sheets in a worker (a client of the pool), so that a
// large workbook never stalls the page: it borrows an idle spare when
// there is one (and gives it back), else starts a worker of its own and
// ends it after.
class SheetReader {
  constructor() {
    this.queue = []; // [{message, resolve, reject}]
    this.seq = 0;
  }

  read(file, name, lang) {
    return new Promise((resolve, reject) => {
      this.queue.push({ message: readSheetMessage({ id: ++this.seq, name, lang, file }), resolve, reject });
      const idle = pool.of(spares).find((s) => s.state === State.idle);
      if (idle) {
        pool.give(idle, this);
        this.ready(idle);
      } else if (!pool.of(this).length) pool.start(this);
    });
  }

  ready(slot) {
    const task = this.queue.shift();
    if (task) {
      pool.run(slot, task, task.message, SHEET_TIMEOUT_MS);
    } else if (!spares.keep(slot)) pool.end(slot);
  }

  answer(slot, m, task) {
    task.resolve(m);
    this.ready(slot);
  }

  lost(slot, why, task) {
    const err = why; // a wire Stop: the page says it (glue.go readSheet)
    if (task) task.reject(err);
    else for (const t of this.queue.splice(0)) t.reject(err);
    if (this.queue.length) pool.start(this);
  }
}
const sheets = new SheetReader();

// startBatch runs jobs (wire Jobs, from Go) with settings (job.Settings JSON).
// The next batch's jobs, as Go sends them a few hundred at a time (app/glue.go
// sendJobs) before run or retry starts it; cancelled: Cancel came meanwhile.
let coming = { jobs: [], cancelled: false };

function startBatch(settings) {
  const { jobs, cancelled } = coming;
  coming = { jobs: [], cancelled: false };
  batch = new Batch({
    pool,
    jobs,
    settings,
    files,
    sizeOf,
    outputs,
    handlers: () => handlers,
    spares,
    onDone: () => previews && previews.resume(),
  });
  batch.start();
  if (cancelled) batch.cancel(); // every job reported cancelled, as in any cancelled batch
}

// The functions Go calls (app/glue.go).
window.picmark = {
  // updatable says whether a newly activated service worker is an update.
  updatable() {
    return controlledAtLoad;
  },

  bind(h) {
    handlers = h;
    if (handlers) for (const [name, value] of waiting.splice(0)) handlers[name](value);
  },

  // jobs takes some of the next batch's jobs (wire Jobs).
  jobs(lot) {
    for (const job of Array.from(lot)) coming.jobs.push(job);
  },

  // run starts a batch of the jobs received: settings is the batch's
  // job.Settings as a JSON string, the same for every job; folder, whether
  // its outputs go into the folder picked (toFolder) as they are made.
  run(settings, folder) {
    outputs.clear();
    outputs.memoryOnly = !!folder;
    startBatch(settings);
  },

  // retry runs the jobs received again, keeping every output but the ones
  // named in forget.
  retry(settings, forgotten) {
    for (const key of Array.from(forgotten)) outputs.delete(key);
    startBatch(settings);
  },

  cancel() {
    if (batching()) batch.cancel();
    else if (coming.jobs.length) coming.cancelled = true;
  },

  // fits resolves with whether a batch's outputs, need bytes, fit where
  // they wait for the download (storage.js): true, false, or null when the
  // browser cannot tell.
  fits(need) {
    return outputs.fits(need);
  },

  zip,

  // readSheet reads a sheet (a File, or a promise of one) in a worker: a
  // wire SheetRead.
  async readSheet(file, name, lang) {
    return sheets.read(await file, name, lang);
  },

  // file is a promise of a received file by its index (a sheet dropped
  // with the photos).
  file(index) {
    return open(index);
  },

  // objectURL shows a picked file (the logo) without reading it into Go.
  objectURL(file) {
    return URL.createObjectURL(file);
  },

  // fileURL resolves with a URL that shows a received photo (focal point
  // editor), one at a time ("" when it cannot be opened).
  async fileURL(index) {
    const file = await open(index).catch(() => null);
    if (shownURL) URL.revokeObjectURL(shownURL);
    shownURL = file ? URL.createObjectURL(file) : "";
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

  // saveToFolder asks for a folder and writes the outputs (wire Outputs)
  // and the report files (wire ReportFiles) into a new folder inside it,
  // keeping the folder tree. Resolves with the number of files and the new
  // folder's name.
  async saveToFolder(entries, reports) {
    const dir = await window.showDirectoryPicker({ mode: "readwrite", id: "picmark-output" });
    return writeToDirectory(dir, entries, reports);
  },

  // writeToDirectory is saveToFolder's writing half, for any directory handle.
  writeToDirectory,

  // toFolder writes a batch into a folder as it goes (zip.js).
  toFolder,

  // canShare: the Web Share API takes files here (phones, mostly).
  canShare() {
    try {
      const probe = new File([new Uint8Array(1)], "probe.jpg", { type: "image/jpeg" });
      return !!(navigator.canShare && navigator.canShare({ files: [probe] }));
    } catch (err) {
      return false;
    }
  },

  // share hands the outputs (wire Outputs) to another app (the phone's share sheet).
  async share(entries) {
    const blobs = await Promise.all(Array.from(entries).map((e) => outputs.open(e.key)));
    const list = Array.from(entries).map((e, i) => {
      const blob = blobs[i];
      const type = blob.type || (/\.png$/i.test(e.name) ? "image/png" : "image/jpeg"); // a File read back from disk has none
      return new File([blob], e.name.split("/").pop(), { type });
    });
    return navigator.share({ files: list, title: "picmark" });
  },

  // bytesURL shows bytes Go holds (a stored logo) as an image.
  bytesURL(bytes, type) {
    return URL.createObjectURL(new Blob([bytes], { type }));
  },

  kits,

  // save offers bytes Go made (the brand kit) as a download.
  save(bytes, name, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
  },

  // preview asks for the previews of one photo (a wire Preview). The
  // answer comes later through handlers.preview(index, wire Previews).
  preview(req) {
    previewsClient().request(req);
    spares.prepare(req.settings);
  },

  // previewCancel drops every preview not started yet.
  previewCancel() {
    if (previews) previews.cancel();
  },

  clear() {
    forget();
    outputs.clear();
    if (previews) previews.clear();
    spares.clear();
  },
};

// picmarkDebug lets the end-to-end tests see inside.
window.picmarkDebug = {
  // killWorkers ends the batch's workers as if they had crashed: their
  // photos are reported, and others replace them.
  killWorkers() {
    if (batch) batch.kill();
  },
  // holdAfter(n) holds the next batch's job n+1 (batch.js holdNext); held()
  // names its input once a worker has it, "" before and after.
  holdAfter: holdNext,
  held() {
    return batch ? batch.held() : "";
  },
  // batching says whether a batch has the workers; previewsQueued, how
  // many previews wait for a worker; previewsIdle, that none is asked for.
  batching,
  previewsQueued() {
    return previews ? previews.queue.length : 0;
  },
  previewsIdle() {
    return !previews || previews.idle();
  },
  // settled says whether the page is at rest, as when a user reaches for
  // Start: no preview being made, and every spare worker started and ready.
  settled() {
    return (!previews || previews.idle()) && spares.readyCount() === spares.size();
  },
  // previewDecoder says which decoder made a photo's last previews.
  previewDecoder(index) {
    return previews ? previews.decoders.get(index) || "" : "";
  },
  // outputsOnDisk counts the outputs kept on disk (OPFS), not in memory;
  // outputsKept, all the outputs the page holds.
  outputsOnDisk() {
    return outputs.onDisk();
  },
  outputsKept() {
    return outputs.size;
  },
  // heaps lists each worker's wasm memory after its last task, in bytes;
  // filesHeld, how many Files the page holds (make bench's memory log).
  heaps() {
    return Array.from(pool.slots).map((s) => s.heap);
  },
  filesHeld() {
    return files.filter((f) => f instanceof Blob).length;
  },
  // headsAlive says whether intake's worker runs (it ends once idle).
  headsAlive,
  // zipLot(n) has the ZIP put together n parts a worker (zip.js).
  zipLot,
  // states lists each worker's client and state (the pool's, for the tests).
  states() {
    return Array.from(pool.slots).map((s) => (s.client === spares ? "spare" : s.client === batch ? "batch" : "preview") + ":" + s.state);
  },
};

// The page's Go waits for this before it starts (cmd/picmark main_wasm.go):
// a module runs after the deferred scripts that start Go.
window.dispatchEvent(new Event("picmark-ready"));
