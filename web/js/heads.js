// heads.js: intake's worker (intake.js), so that receiving 10,000 files
// never stalls the page. Reading a file's first bytes costs the thread that
// asks about half a millisecond (Blob.slice, arrayBuffer: measured in
// Chromium), and turning a dropped entry into a File about as much: here,
// that is off the page's thread. It walks dropped folders given as
// FileSystemHandles (Chromium's DataTransferItem.getAsFileSystemHandle),
// naming every file before reading any, and reads each file's first bytes
// (readheads.js, which the page runs itself when this worker fails).
//
// Its messages stay between intake.js and here (plain objects):
//   {walk: id, handles}        → {walked: id, paths}: every file below the
//                                handles, sorted by path (kept under id);
//   {read: id, base}           → the files walked under id;
//   {read: id, base, files, errors}: Files the page holds (picked, opened);
//   each read answers {read: id, items, done} a hundred files at a time,
//   items being {index, size, head, error, file} with index = base + the
//   file's place; done once every file of the job is in an answer.
//   {forget: true}             drops every job (the page's Clear).
//   A job that fails as a whole answers {failed: id, error}: the page
//   does it again itself.
import { walk, readHeads } from "./readheads.js";

const READS_AT_ONCE = 64; // reads in flight: enough to keep the browser's file thread busy
const ANSWER_EVERY = 100; // files per answer: each a short task for the page (its Files made again there, then Go reads them)

const walked = new Map(); // id -> [{path, handle}] (a handle, or an error)
let generation = 0; // bumped by forget: reads of an earlier one stop

onmessage = (e) => {
  const m = e.data;
  if (m.forget) {
    walked.clear();
    generation++;
    return;
  }
  const id = m.walk !== undefined ? m.walk : m.read;
  const job = m.walk !== undefined ? walkJob(m) : read(m);
  job.catch((err) => postMessage({ failed: id, error: String(err && err.message ? err.message : err) }));
};

async function walkJob({ walk: id, handles }) {
  const found = await walk(handles);
  walked.set(id, found);
  postMessage({ walked: id, paths: found.map((f) => f.path) });
}

// read reads each file's first bytes and answers as it goes.
async function read({ read: id, base, files, errors }) {
  const gen = generation;
  const found = files ? null : walked.get(id);
  walked.delete(id);
  await readHeads({
    base,
    n: files ? files.length : found ? found.length : 0,
    open: async (i) => {
      if (files) return { file: files[i], error: (errors && errors[i]) || "" };
      return found[i].error ? { error: found[i].error } : { file: await found[i].handle.getFile() };
    },
    // The page holds its own Files already; a walked one goes back to it.
    answer: (items, done) => postMessage({ read: id, items: files ? items.map((it) => ({ ...it, file: null })) : items, done }),
    alive: () => gen === generation,
    atOnce: READS_AT_ONCE,
    every: ANSWER_EVERY,
  });
}
