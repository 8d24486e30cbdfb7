// zip.js: the batch's pictures leave the page — as one ZIP assembled from
// Blob parts around the headers Go computes (nothing is compressed: JPEG
// and PNG are already), or written into a folder the user picks, after the
// batch or as it goes.
import { outputs } from "./storage.js";
import { assemble } from "./zipparts.js";

let zipURL = "";

// ZIP_LOT parts (about half as many outputs) are put together by one
// worker, ended before the next lot (zipLot sets it, for the tests).
let ZIP_LOT = 2000;

export function zipLot(n) {
  ZIP_LOT = n;
}

// zip builds the ZIP from its parts, in order: layout is a JSON list of
// [start, end] ranges of bytes (the headers, report and directory Go made)
// and output keys. It resolves with an object URL for the download link.
// Its lots are put together in workers of their own (zipwork.js), one
// after the other, each ended once done: the Files of 10,000 outputs
// opened at once stayed in the browser process until a collector ran.
// Where no worker can be had, here, in tasks of their own rather than in
// Go's call.
export async function zip(bytes, layout) {
  await new Promise((ok) => setTimeout(ok, 0));
  const parts = JSON.parse(layout).map((p) => (typeof p === "string" ? outputs.part(p) : bytes.slice(p[0], p[1])));
  if (parts.some((p) => !p)) throw new Error("a picture is no longer in the page");
  const dir = await outputs.folder();
  const onDisk = dir && typeof dir.getFileHandle === "function" ? dir : null;
  const lots = [];
  for (let i = 0; i < parts.length; i += ZIP_LOT) {
    const lot = parts.slice(i, i + ZIP_LOT);
    lots.push((await inWorker(lot, onDisk)) || (await assemble(lot, onDisk)));
  }
  if (zipURL) URL.revokeObjectURL(zipURL);
  zipURL = URL.createObjectURL(new Blob(lots, { type: "application/zip" }));
  return zipURL;
}

// inWorker resolves with a lot of parts put together by zipwork.js, or
// with null when that worker cannot start or fails (the page then does it).
function inWorker(parts, dir) {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker(new URL("./zipwork.js", import.meta.url), { type: "module" });
    } catch (err) {
      resolve(null);
      return;
    }
    const end = (blob) => {
      worker.terminate();
      resolve(blob);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      end(null);
    };
    worker.onmessageerror = () => end(null);
    worker.onmessage = (e) => end(e.data.blob || null);
    worker.postMessage({ parts, dir });
  });
}

// writeToDirectory writes the outputs (wire Outputs: key, name) and the
// report files (wire ReportFiles: report.csv, rapport.csv) into a new
// folder inside a directory handle, keeping the folder tree. A new folder,
// never the one picked: that may be the photos' own folder, whose files
// must never be overwritten (a {dir}/{name} template names outputs as the
// photos are named), and a second save must not mix with the first.
// Resolves with the number of files written and the new folder's name.
export async function writeToDirectory(dir, entries, reports) {
  const folder = await newFolder(dir);
  let n = 0;
  for (const e of Array.from(entries)) {
    await put(folder.handle, e.name, await outputs.open(e.key));
    n++;
  }
  for (const f of Array.from(reports)) {
    await put(folder.handle, f.Name, new Blob([f.Data], { type: "text/csv" }));
    n++;
  }
  return { files: n, folder: folder.name };
}

// newFolder makes a folder inside dir that did not exist: "picmark
// 2026-12-06 14-05", then "… (2)" and on if that is taken.
async function newFolder(dir) {
  const d = new Date();
  const two = (v) => String(v).padStart(2, "0");
  const base = `picmark ${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}-${two(d.getMinutes())}`;
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base} (${i})`;
    try {
      await dir.getDirectoryHandle(name);
    } catch (err) {
      if (err.name !== "NotFoundError") throw err;
      return { name, handle: await dir.getDirectoryHandle(name, { create: true }) };
    }
  }
}

// put writes data at path (slash-separated, folders made as needed) in dir.
async function put(dir, path, data) {
  if (!data) throw new Error("the picture is no longer in the page");
  const parts = path.split("/");
  let d = dir;
  for (const part of parts.slice(0, -1)) d = await d.getDirectoryHandle(part, { create: true });
  const handle = await d.getFileHandle(parts[parts.length - 1], { create: true });
  const w = await handle.createWritable();
  await w.write(data);
  await w.close();
}

// A batch written into a folder as it goes (app/folder.go): each output is
// written when Go has named it, then dropped from the page; the report is
// written again with the rows so far. Writes go one after another, and
// those that fail are kept, by name, for Go to report.
let folder = null;
let writes = Promise.resolve();
let failures = {};

export const toFolder = {
  // pick asks the marketer for a folder and makes a new one inside it
  // (newFolder: never over what is there), whose name it resolves with.
  async pick() {
    const made = await newFolder(await window.showDirectoryPicker({ mode: "readwrite", id: "picmark-output" }));
    folder = made.handle;
    failures = {};
    return made.name;
  },
  output(key, name) {
    const write = () =>
      outputs
        .open(key)
        .then((data) => put(folder, name, data))
        .catch((err) => (failures[name] = String((err && err.message) || err)));
    writes = writes.then(write).then(() => outputs.delete(key));
  },
  // report writes the report files (wire ReportFiles) as they are now.
  report(files) {
    for (const f of Array.from(files)) {
      const blob = new Blob([f.Data], { type: "text/csv" });
      writes = writes.then(() => put(folder, f.Name, blob).catch((err) => (failures[f.Name] = String((err && err.message) || err))));
    }
  },
  // settle resolves, once every write so far is done, with those that
  // failed since the last call ({name: why}, as JSON).
  async settle() {
    await writes;
    const f = failures;
    failures = {};
    return JSON.stringify(f);
  },
};
