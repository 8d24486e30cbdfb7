// intake.js: how photos reach the page — dropped (folders included),
// picked with the page's two pickers, opened with picmark from the
// operating system (the manifest's file_handlers) or shared to it (its
// share_target). Drag and drop is handled here, synchronously inside the
// event: go-app runs Go handlers later, when the DataTransfer is empty.
// Every file received is kept in files (its index is the page's handle for
// it). Go hears of files twice: named at once, as a wire Listed, so a drop
// of 10,000 is listed in a second; then described, as wire Picked with
// their size and first bytes (read by heads.js, a worker, or on the page
// when that worker fails: readheads.js), so Go tells images from other
// files by content, not by name.
import { listed, picked } from "./wire.js";
import { walk, openAt, openHandle, readHeads } from "./readheads.js";

// Every file received, by index (its index is the page's handle for it): a
// File the page was given (picked, opened, shared, a dropped entry), or,
// for a folder dropped as FileSystemHandles, where to open it ({dir,
// name}: readheads.js walk), so the page holds no File of its own for it —
// 10,000 Files held cost the browser process ~130 MB. null where it could
// not be had. open() makes the File when it is needed.
export const files = [];
const sizes = []; // every file's size in bytes, by index, once read

// The jobs of heads.js not finished, by id (forget empties it): a walk
// ({handles}) or a read ({base, n, files | dirs, at, names, errors}: what
// readheads.js openAt opens), with the indices described so far (seen).
// heads.js does them one at a time, in order (queue), and the page does
// one itself when heads.js cannot.
const pending = new Map();
const queue = [];
let jobs = 0;
let toGo = null; // {listed(Listed), described([]Picked)}: listen's

// heads is the worker doing a job ({worker, id, read: files it read}), or
// null. Garbage it made waits for its collector, holding browser memory
// (heads.js): it is ended once idle, after a walk, and before a job once
// it has read RECYCLE_AFTER files; a read of more files than that goes in
// lots of READ_LOT, each a job of its own. The worker that takes over
// (next) starts while the one it replaces works, so no lot waits for it.
let heads = null;
let next = null;
let headless = false; // heads.js could not start or failed: the page reads (readHere)
const RECYCLE_AFTER = 1000;
const READ_LOT = 1000;

function startHeads() {
  try {
    const worker = new Worker(new URL("./heads.js", import.meta.url), { type: "module" });
    worker.onerror = (e) => {
      e.preventDefault();
      fallBack();
    };
    worker.onmessageerror = fallBack;
    worker.onmessage = (e) => handled(e.data);
    return { worker, id: 0, read: 0 };
  } catch (err) {
    headless = true;
    return null;
  }
}

function endHeads() {
  if (heads) heads.worker.terminate();
  heads = null;
}

// endAll ends heads.js and the worker that would take over.
function endAll() {
  endHeads();
  if (next) next.worker.terminate();
  next = null;
}

// nextJob gives heads.js the next job when it has none.
function nextJob() {
  if (heads && heads.id) return;
  while (queue.length && !pending.has(queue[0])) queue.shift();
  if (heads && (heads.read >= RECYCLE_AFTER || !queue.length)) endHeads();
  if (!queue.length) {
    endAll();
    return;
  }
  const id = queue.shift();
  if (!heads && !headless) {
    heads = next || startHeads();
    next = null;
  }
  if (headless) {
    readHere(id);
    nextJob();
    return;
  }
  const job = pending.get(id);
  heads.id = id;
  if (job.handles) {
    heads.read = RECYCLE_AFTER; // its handles are garbage once walked
    heads.worker.postMessage({ walk: id, handles: job.handles });
  } else {
    heads.read += job.n;
    const { base, n, files: list, errors, dirs, at, names } = job;
    heads.worker.postMessage(list ? { read: id, base, n, files: list, errors } : { read: id, base, n, dirs, at, names, errors });
  }
  // A walk is followed by reads.
  if (heads.read >= RECYCLE_AFTER && (queue.length || job.handles) && !next) next = startHeads();
}

// finished says heads.js is done with job id.
function finished(id) {
  if (heads && heads.id === id) heads.id = 0;
  nextJob();
}

const handled = (m) => {
  if (m.walked !== undefined) {
    if (pending.has(m.walked)) walked(m.walked, m); // its lots wait for the next worker (finished)
    finished(m.walked);
  } else if (m.failed !== undefined) {
    finished(m.failed);
    readHere(m.failed);
  } else if (m.read !== undefined) {
    if (pending.has(m.read)) described(m.items, m.read);
    if (m.done) {
      done(m.read);
      finished(m.read);
    }
  }
};

// post queues a job for heads.js.
function post(id, job) {
  pending.set(id, { ...job, seen: new Set() });
  queue.push(id);
  nextJob();
}

// fallBack stops using heads.js and does every job it has not finished here.
function fallBack() {
  if (headless) return;
  headless = true;
  endAll();
  queue.length = 0;
  for (const id of Array.from(pending.keys())) readHere(id);
}

// On the page, a few reads at a time and smaller answers: each task of the
// page's stays short (a read costs the asking thread ~0.5 ms).
const HERE_AT_ONCE = 8;
const HERE_EVERY = 100;

// readHere does a job of heads.js on the page: walks the dropped handles
// (named to Go once: the walk is sorted, so the same files get the same
// indices), or reads the first bytes of the files not described yet.
async function readHere(id) {
  const job = pending.get(id);
  if (!job || job.lots || job.here) return; // a walk of entries: its lots are jobs of their own
  job.here = true;
  if (job.handles) {
    const found = await walk(job.handles);
    if (pending.get(id) === job) walked(id, found);
    return;
  }
  const { base, seen } = job;
  await readHeads({
    base,
    n: job.n,
    open: (i) => openAt(job, i),
    keep: (i) => !seen.has(base + i),
    answer: (items, last) => {
      described(items, id);
      if (last) done(id);
    },
    alive: () => pending.get(id) === job,
    atOnce: HERE_AT_ONCE,
    every: HERE_EVERY,
  });
}

// walked takes what a walk found (readheads.js walk): names the files to
// Go at once, keeps where each can be opened, and has them read, a lot a job.
function walked(id, { paths, dirs, at, names, errors }) {
  const base = announce(paths);
  for (let i = 0; i < paths.length; i++) files[base + i] = at[i] < 0 ? null : { dir: dirs[at[i]], name: names[i] };
  for (let i = 0; i < paths.length; i += READ_LOT) {
    const end = Math.min(i + READ_LOT, paths.length);
    post(++jobs, { base: base + i, n: end - i, dirs, at: at.slice(i, end), names: names.slice(i, end), errors: errors.slice(i, end) });
  }
  done(id);
}

// listen starts taking files: received.listed(Listed) names new files,
// received.described(list of Picked) describes some of them.
export function listen(received) {
  toGo = received;
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
    performance.mark("picmark-intake-dropped"); // the marks time an intake (make bench)
    // Entries and handles must be asked for now: the DataTransfer is emptied once the event returns.
    const asked = [];
    for (const item of Array.from(e.dataTransfer.items || [])) {
      if (item.kind !== "file") continue;
      asked.push({
        entry: item.webkitGetAsEntry ? item.webkitGetAsEntry() : null,
        handle: item.getAsFileSystemHandle ? item.getAsFileSystemHandle().catch(() => null) : null,
        file: item.getAsFile(),
      });
    }
    dropped(asked);
  });

  // The pickers are rendered by Go; listen at the document so re-renders do not matter.
  document.addEventListener(
    "change",
    (e) => {
      const input = e.target;
      if (!input || (input.id !== "folder-input" && input.id !== "files-input")) return;
      const list = Array.from(input.files || []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
      input.value = "";
      take(list);
    },
    true
  );

  // Photos opened with picmark from the operating system arrive through the launch queue.
  if ("launchQueue" in window) {
    window.launchQueue.setConsumer(async (params) => {
      const list = [];
      for (const handle of params.files || []) {
        try {
          const file = await handle.getFile();
          list.push({ file, path: file.name });
        } catch (err) {
          list.push({ file: null, path: handle.name, error: message(err) });
        }
      }
      take(list);
    });
  }

  takeShared().then(take);
}

const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function hasFiles(e) {
  return e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

function message(err) {
  return String(err && err.message ? err.message : err);
}

// dropped takes a drop. Where the browser gives FileSystemHandles
// (Chromium), heads.js walks the folders and makes the Files, off the
// page's thread; elsewhere the entries are walked here.
async function dropped(asked) {
  const handles = [];
  const entries = [];
  const loose = [];
  for (const a of asked) {
    const h = a.handle && (await a.handle);
    if (h) handles.push(h);
    else if (a.entry) entries.push(a.entry);
    else if (a.file) loose.push({ file: a.file, path: a.file.name });
  }
  if (handles.length) post(++jobs, { handles });
  if (loose.length) take(loose);
  if (entries.length) walkEntries(entries);
}

// What Go hears of files goes in order, a call a task: naming 10,000
// files in one call, or describing a few hundred, made one long task of
// Go's (its lists rendered again each time).
const forGo = [];
let forGoTimer = 0;

function tellGo(call) {
  forGo.push(call);
  if (!forGoTimer) forGoTimer = setTimeout(nextForGo, 0);
}

function nextForGo() {
  forGoTimer = 0;
  const call = forGo.shift();
  if (call) call();
  if (forGo.length) forGoTimer = setTimeout(nextForGo, 0);
}

// LISTED_AT_ONCE files are named to Go in one call.
const LISTED_AT_ONCE = 1000;

// announce gives the next handles to paths (sorted) and names them to Go
// at once, a thousand a task; their Files and first bytes come later
// (described). It returns the first handle.
function announce(paths) {
  const base = files.length;
  files.length += paths.length;
  files.fill(null, base);
  performance.mark("picmark-intake-listed");
  for (let i = 0; i < paths.length; i += LISTED_AT_ONCE) {
    const some = listed({ first: base + i, paths: paths.slice(i, i + LISTED_AT_ONCE).map((p) => p + "\0").join("") });
    tellGo(() => toGo.listed(some));
  }
  return base;
}

// described hands Go what was read of some files of job id.
function described(items, id) {
  const seen = pending.get(id).seen;
  const list = items.map(({ index, size, head, error }) => {
    sizes[index] = size;
    seen.add(index);
    return picked({ index, size, head, error: error || undefined });
  });
  if (list.length) tellGo(() => toGo.described(list));
}

function done(id) {
  pending.delete(id);
  if (pending.size === 0) performance.mark("picmark-intake-described");
}

// read has the first bytes of files the page holds read, a lot a job.
function read(base, list) {
  for (let i = 0; i < list.length; i += READ_LOT) {
    const lot = list.slice(i, i + READ_LOT);
    post(++jobs, { base: base + i, n: lot.length, files: lot.map((f) => f.file), errors: lot.map((f) => f.error || "") });
  }
}

// take lists files the page holds already (picked, opened, shared), then
// has their first bytes read.
function take(list) {
  if (!list.length) return;
  list.sort(byPath);
  const base = announce(list.map((f) => f.path));
  list.forEach((f, i) => (files[base + i] = f.file));
  read(base, list);
}

// ENTRIES_AT_ONCE dropped entries become Files together, in a task of
// their own, where the browser gives no FileSystemHandles.
const ENTRIES_AT_ONCE = 100;

// walkEntries names every file below the dropped entries, sub-folders
// included, with its path relative to the drop ("shoot/sub/a.jpg"), then
// turns them into Files a few at a time and has heads.js read them. The
// entries of a folder are visited together: a drop of 10,000 files took
// 20 s one file at a time.
async function walkEntries(entries) {
  const found = [];
  const visit = async (entry) => {
    const path = entry.fullPath.replace(/^\/+/, "");
    if (entry.isFile) {
      found.push({ entry, path });
      return;
    }
    if (!entry.isDirectory) return;
    const reader = entry.createReader();
    const children = [];
    for (;;) {
      let batch;
      try {
        batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      } catch (err) {
        found.push({ path: path + "/", error: message(err) });
        break;
      }
      if (batch.length === 0) break; // readEntries returns at most ~100 entries per call
      children.push(...batch);
    }
    await Promise.all(children.map(visit));
  };
  await Promise.all(entries.map(visit));
  found.sort(byPath);
  const base = announce(found.map((f) => f.path));
  const id = ++jobs;
  pending.set(id, { lots: true }); // until every lot is handed over
  for (let i = 0; i < found.length; i += ENTRIES_AT_ONCE) {
    const lot = found.slice(i, i + ENTRIES_AT_ONCE);
    await Promise.all(
      lot.map(async (f) => {
        if (f.error) return;
        try {
          f.file = await new Promise((ok, fail) => f.entry.file(ok, fail));
        } catch (err) {
          f.error = message(err);
        }
      })
    );
    if (!pending.has(id)) return; // cleared meanwhile
    lot.forEach((f, j) => (files[base + i + j] = f.file || null));
    read(base + i, lot);
    await new Promise((ok) => setTimeout(ok, 0));
  }
  done(id);
}

// takeShared takes the photos shared to picmark, which wait in a cache the
// service worker filled.
async function takeShared() {
  if (!("caches" in window) || !new URLSearchParams(location.search).has("shared")) return [];
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
  return list;
}

// forget drops every file received (the page's Clear), and what is still
// being read of them.
export function forget() {
  files.length = 0;
  sizes.length = 0;
  pending.clear();
  queue.length = 0;
  forGo.length = 0;
  endAll();
}

// open resolves with the File of a file received (by index), made again
// from where a dropped folder's walk found it; null when there is none.
// It rejects when the browser cannot open it (moved or deleted since).
export async function open(index) {
  const f = files[index];
  if (!f || f instanceof Blob) return f || null;
  return openHandle(f.dir, f.name);
}

// sizeOf is a file's size in bytes once read (0 before).
export function sizeOf(index) {
  return sizes[index] || 0;
}

// headsAlive says whether intake's worker is running (for the tests: it
// ends once the files are read).
export function headsAlive() {
  return !!heads;
}
