// intake.js: how photos reach the page — dropped (folders included),
// picked with the page's two pickers, opened with picmark from the
// operating system (the manifest's file_handlers) or shared to it (its
// share_target). Drag and drop is handled here, synchronously inside the
// event: go-app runs Go handlers later, when the DataTransfer is empty.
// Every file received is kept in files (its index is the page's handle for
// it) and handed on as a wire Picked with its first bytes, so Go can tell
// images from other files by content, not by name.
import { picked } from "./wire.js";

export const files = []; // every File received, by index (null where it could not be read)

// listen starts taking files; received(list) gets each batch of Picked.
export function listen(received) {
  // The marks time an intake (make bench).
  const add = (list) => {
    performance.mark("picmark-intake-walked");
    return describe(list, received).then(() => performance.mark("picmark-intake-described"));
  };

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
    performance.mark("picmark-intake-dropped");
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
      const list = Array.from(input.files || []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
      input.value = "";
      add(list);
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
      add(list);
    });
  }

  takeShared().then(add);
}

function hasFiles(e) {
  return e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
}

function message(err) {
  return String(err && err.message ? err.message : err);
}

// walk lists every file below the dropped entries, sub-folders included,
// with its path relative to the drop ("shoot/sub/a.jpg"). The entries of
// a folder are visited together: a drop of 10,000 files took 20 s one
// file at a time.
async function walk(entries) {
  const found = [];
  const visit = async (entry) => {
    const path = entry.fullPath.replace(/^\/+/, "");
    if (entry.isFile) {
      try {
        found.push({ file: await new Promise((ok, fail) => entry.file(ok, fail)), path });
      } catch (err) {
        found.push({ file: null, path, error: message(err) });
      }
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
        found.push({ file: null, path: path + "/", error: message(err) });
        break;
      }
      if (batch.length === 0) break; // readEntries returns at most ~100 entries per call
      children.push(...batch);
    }
    await Promise.all(children.map(visit));
  };
  await Promise.all(entries.map(visit));
  return found;
}

// HEADS_AT_ONCE first bytes are read together, and handed on together.
// Reading them is most of an intake's time (10,000 files: 7 s on 2 cores),
// so the list grows as they come.
const HEADS_AT_ONCE = 500;

// describe keeps the files, sorted by path, describes each with its first
// bytes, and hands them to received(list of Picked) a few hundred at a
// time, in order.
async function describe(list, received) {
  list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const described = new Array(list.length);
  const one = async (item, i) => {
    let head = new Uint8Array(0);
    let error = item.error || "";
    if (item.file && !error) {
      try {
        head = new Uint8Array(await item.file.slice(0, 64).arrayBuffer()); // imgio.SniffBytes
      } catch (err) {
        error = message(err);
      }
    }
    described[i] = picked({ index: base + i, path: item.path, size: item.file ? item.file.size : 0, head, error });
  };
  const base = files.length;
  for (const item of list) files.push(item.file);
  for (let i = 0; i < list.length; i += HEADS_AT_ONCE) {
    await Promise.all(list.slice(i, i + HEADS_AT_ONCE).map((item, j) => one(item, i + j)));
    received(described.slice(i, i + HEADS_AT_ONCE));
  }
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

// forget drops every file received (the page's Clear).
export function forget() {
  files.length = 0;
}
