// heads.js: intake's worker (intake.js), so that receiving 10,000 files
// never stalls the page. Reading a file's first bytes costs the thread that
// asks about half a millisecond (Blob.slice, arrayBuffer: measured in
// Chromium), and turning a dropped entry into a File about as much: here,
// that is off the page's thread. It walks dropped folders given as
// FileSystemHandles (Chromium's DataTransferItem.getAsFileSystemHandle),
// naming every file before reading any, and reads each file's first bytes
// (readheads.js, which the page runs itself when this worker fails). It
// gives the page no File: the page opens one again when it needs it.
//
// The Files, slices and handles it makes are garbage once answered, but a
// worker that only waits on the browser's file thread is seldom collected,
// and until it is, each keeps its registration in the browser process: so
// the page gives a worker one job at a time and ends it after a walk and
// after every thousand files or so (intake.js).
//
// Its messages stay between intake.js and here (plain objects):
//   {walk: id, handles}        → {walked: id, paths, dirs, at, names,
//                                errors}: every file below the handles,
//                                sorted by path, and where to open each
//                                (readheads.js walk);
//   {read: id, base, n, dirs, at, names, errors}: n of the files walked;
//   {read: id, base, n, files, errors}: Files the page holds (picked, opened);
//   each read answers {read: id, items, done} a hundred files at a time,
//   items being {index, size, head, error} with index = base + the file's
//   place; done once every file of the job is in an answer.
//   A job that fails as a whole answers {failed: id, error}: the page
//   does it again itself.
import { walk, openAt, readHeads } from "./readheads.js";

const READS_AT_ONCE = 64; // reads in flight: enough to keep the browser's file thread busy
const ANSWER_EVERY = 100; // files per answer: each a short task for the page (Go reads them)

onmessage = (e) => {
  const m = e.data;
  const id = m.walk !== undefined ? m.walk : m.read;
  const job = m.walk !== undefined ? walkJob(m) : read(m);
  job.catch((err) => postMessage({ failed: id, error: String(err && err.message ? err.message : err) }));
};

async function walkJob({ walk: id, handles }) {
  postMessage({ walked: id, ...(await walk(handles)) });
}

// read reads each file's first bytes and answers as it goes.
async function read(job) {
  await readHeads({
    base: job.base,
    n: job.n,
    open: (i) => openAt(job, i),
    answer: (items, done) => postMessage({ read: job.read, items, done }),
    alive: () => true, // the page ends this worker when it forgets the files
    atOnce: READS_AT_ONCE,
    every: ANSWER_EVERY,
  });
}
