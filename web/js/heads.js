// heads.js: intake's worker (intake.js), so that receiving 10,000 files
// never stalls the page. Reading a file's first bytes costs the thread that
// asks about half a millisecond (Blob.slice, arrayBuffer: measured in
// Chromium), and turning a dropped entry into a File about as much: here,
// that is off the page's thread. It walks dropped folders given as
// FileSystemHandles (Chromium's DataTransferItem.getAsFileSystemHandle),
// naming every file before reading any, and reads each file's first bytes.
//
// Its messages stay between intake.js and here (plain objects):
//   {walk: id, handles}        → {walked: id, paths}: every file below the
//                                handles, sorted by path (kept under id);
//   {read: id, base}           → the files walked under id;
//   {read: id, base, files, errors}: Files the page holds (picked, opened);
//   each read answers {read: id, items, done} a few hundred files at a time,
//   items being {index, size, head, error, file} with index = base + the
//   file's place; done once every file of the job is in an answer.
//   {forget: true}             drops every job (the page's Clear).

const HEAD_BYTES = 64; // imgio.SniffBytes
const READS_AT_ONCE = 64; // reads in flight: enough to keep the browser's file thread busy
const ANSWER_EVERY = 300; // files per answer: a few answers a second for the page's Go

const walked = new Map(); // id -> [{path, handle}] (a handle, or an error)
let generation = 0; // bumped by forget: reads of an earlier one stop

onmessage = (e) => {
  const m = e.data;
  if (m.forget) {
    walked.clear();
    generation++;
  } else if (m.walk !== undefined) {
    walk(m.walk, m.handles);
  } else if (m.read !== undefined) {
    read(m);
  }
};

function message(err) {
  return String(err && err.message ? err.message : err);
}

// walk names every file below the dropped handles, sub-folders included,
// with its path relative to the drop ("shoot/sub/a.jpg"). The entries of a
// folder are visited together.
async function walk(id, handles) {
  const found = [];
  const visit = async (handle, path) => {
    if (handle.kind === "file") {
      found.push({ path, handle });
      return;
    }
    const children = [];
    try {
      for await (const child of handle.values()) children.push(child);
    } catch (err) {
      found.push({ path: path + "/", error: message(err) });
    }
    await Promise.all(children.map((c) => visit(c, path + "/" + c.name)));
  };
  await Promise.all(handles.map((h) => visit(h, h.name)));
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  walked.set(id, found);
  postMessage({ walked: id, paths: found.map((f) => f.path) });
}

// read reads each file's first bytes, READS_AT_ONCE at a time, and answers
// as it goes (in no particular order: the index says which file).
async function read({ read: id, base, files, errors }) {
  const gen = generation;
  const found = files ? null : walked.get(id);
  walked.delete(id);
  const n = files ? files.length : found ? found.length : 0;
  let items = [];
  let next = 0;
  const one = async (i) => {
    let file = null;
    let error = files ? (errors && errors[i]) || "" : found[i].error || "";
    let head = new Uint8Array(0);
    try {
      if (!error) {
        file = files ? files[i] : await found[i].handle.getFile();
        if (file) head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
      }
    } catch (err) {
      error = message(err);
    }
    // The page holds its own Files already; a walked one goes back to it.
    items.push({ index: base + i, size: file ? file.size : 0, head, error, file: files ? null : file });
    if (items.length >= ANSWER_EVERY && gen === generation) {
      postMessage({ read: id, items, done: false });
      items = [];
    }
  };
  const lane = async () => {
    while (next < n && gen === generation) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, n) }, lane));
  if (gen === generation) postMessage({ read: id, items, done: true });
}
