// zip.js: the batch's pictures leave the page — as one ZIP assembled from
// Blob parts around the headers Go computes (nothing is compressed: JPEG
// and PNG are already), or written into a folder the user picks, after the
// batch or as it goes.
import { outputs } from "./storage.js";

const ZIP_CHUNK = 100; // parts of the ZIP put together in one task

let zipURL = "";

// zip builds the ZIP from its parts, in order: layout is a JSON list of
// [start, end] ranges of bytes (the headers, report and directory Go made)
// and output keys. It resolves with an object URL for the download link,
// built in tasks of their own rather than in Go's call: a Blob of
// ZIP_CHUNK parts at a time, then one of those (a Blob of 1,201 parts, for
// 200 photos in three formats, took 44–64 ms of the page's thread).
export async function zip(bytes, layout) {
  const later = () => new Promise((ok) => setTimeout(ok, 0));
  await later();
  await outputs.settled(); // the parts on disk, not in memory (storage.js)
  const parts = JSON.parse(layout).map((p) => (typeof p === "string" ? outputs.get(p) : bytes.subarray(p[0], p[1])));
  const chunks = [];
  for (let i = 0; i < parts.length; i += ZIP_CHUNK) {
    if (i > 0) await later();
    chunks.push(new Blob(parts.slice(i, i + ZIP_CHUNK)));
  }
  if (zipURL) URL.revokeObjectURL(zipURL);
  zipURL = URL.createObjectURL(new Blob(chunks, { type: "application/zip" }));
  return zipURL;
}

// writeToDirectory writes the outputs (wire Outputs: key, name) and the
// report into a directory handle, keeping the folder tree. Resolves with
// the number of files written.
export async function writeToDirectory(dir, entries, report) {
  let n = 0;
  for (const e of Array.from(entries)) {
    await put(dir, e.name, outputs.get(e.key));
    n++;
  }
  await put(dir, "report.csv", new Blob([report], { type: "text/csv" }));
  return n + 1;
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
  // pick asks the marketer for the folder.
  async pick() {
    folder = await window.showDirectoryPicker({ mode: "readwrite", id: "picmark-output" });
    failures = {};
  },
  output(key, name) {
    const write = () => put(folder, name, outputs.get(key)).catch((err) => (failures[name] = String((err && err.message) || err)));
    writes = writes.then(write).then(() => outputs.delete(key));
  },
  report(bytes) {
    const blob = new Blob([bytes], { type: "text/csv" });
    writes = writes.then(() => put(folder, "report.csv", blob).catch((err) => (failures["report.csv"] = String((err && err.message) || err))));
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
