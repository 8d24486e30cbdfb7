// storage.js: what the page keeps in the browser — the batch's outputs
// (by the key the batch gives each), outside the wasm heap, and the brand
// kits in IndexedDB ({id, name, doc}, doc being the brand kit file's JSON
// with its logo embedded, the bytes an export gives).
//
// Outputs wait for the download in the origin's private file system
// (OPFS), in a folder of this tab's: a batch of gigabytes does not live in
// memory, and navigator.storage.estimate() counts it, which it does not for
// Blobs — so the page can tell before a batch starts whether its outputs
// will fit (fits). The worker that made an output writes it there itself
// (writeOutput, a sync access handle), and the page keeps only its file's
// name and size: writing 10,000 outputs from the page took up to ~130 ms
// of its thread at a time, and their bytes never need to pass through it.
// Streaming the ZIP instead would need the download to start before the
// batch ends, and Retry to change a ZIP already written. Where there is no
// OPFS, or a write fails, the output comes to the page and stays a Blob in
// memory: nothing is lost.
export class Outputs {
  // opener makes this tab's folder (openFolder; another in node's tests).
  constructor(opener = openFolder) {
    // An output is in one of the two: in memory, or on disk, by name, not
    // as a File — 10,000 Files held by the page weigh on its garbage
    // collector and on the browser's blob registry.
    this.map = new Map(); // key -> Blob in memory
    this.files = new Map(); // key -> {name, size}: its file on disk
    this.jobs = 0; // the last job given a place (place): a retry's outputs never share a file
    this.memoryOnly = false; // a batch written into a folder as it goes keeps each output only until it is written
    this.opener = opener;
    this.dir = null; // this tab's OPFS folder: a promise of its handle, or of null
    this.dirName = ""; // its name, once made
  }

  // folder is this tab's folder for outputs, made once; asked again after
  // the quota left no room for it.
  folder() {
    if (!this.dir) {
      this.dir = this.opener().then((dir) => {
        if (dir === full) this.dir = null;
        this.dirName = dir && dir !== full ? dir.name : "";
        return dir;
      });
    }
    return this.dir;
  }

  // place says where a job's outputs go (wire Job's store and prefix): into
  // this tab's folder, written by the worker, as files named prefix-i; or
  // nowhere ({}), and the worker posts them (no folder, or a batch into a
  // folder, whose outputs wait in memory until written there). Ask folder()
  // first.
  place() {
    if (this.memoryOnly || !this.dirName) return {};
    return { store: this.dirName, prefix: String(++this.jobs) };
  }

  // open resolves with an output: its Blob, or its File read back from
  // disk; undefined when there is no such output.
  async open(key) {
    const f = this.files.get(key);
    if (!f) return this.map.get(key);
    const dir = await this.folder();
    return (await dir.getFileHandle(f.name)).getFile();
  }

  // part is an output as the ZIP is put together from it (zipparts.js):
  // the name of its file in folder() when on disk, its Blob when in
  // memory; undefined when there is no such output.
  part(key) {
    const f = this.files.get(key);
    return f ? f.name : this.map.get(key);
  }

  // size counts the outputs kept, in memory or on disk.
  get size() {
    return this.map.size + this.files.size;
  }

  // set keeps an output the worker posted, in memory.
  set(key, blob) {
    this.map.set(key, blob);
  }

  // stored keeps an output the worker wrote into this tab's folder: its
  // file's name and size.
  stored(key, name, size) {
    this.files.set(key, { name, size });
  }

  delete(key) {
    this.map.delete(key);
    const f = this.files.get(key);
    if (!f) return;
    this.files.delete(key);
    this.folder().then((dir) => dir && dir !== full && dir.removeEntry(f.name).catch(() => {}));
  }

  // clear forgets every output, and removes their files: also those of
  // jobs whose answer never came (cancelled, or their worker gone after
  // writing), which no key names. The next jobs' files are left alone.
  clear() {
    this.map.clear();
    this.files.clear();
    if (!this.dir) return;
    const upto = this.jobs;
    this.dir
      .then(async (dir) => {
        if (!dir || dir === full) return;
        const gone = [];
        for await (const name of dir.keys()) if (parseInt(name, 10) <= upto) gone.push(name);
        for (const name of gone) await dir.removeEntry(name).catch(() => {});
      })
      .catch(() => {}); // the folder gone: nothing left to remove
  }

  // onDisk counts the outputs written to disk (for the tests).
  onDisk() {
    return this.files.size;
  }

  // fits resolves with whether a new batch's outputs, need bytes, will fit
  // where they wait for the download once the outputs kept now are gone:
  // true, false, or null when the browser cannot tell. It asks the browser
  // to set that much room aside — a file made that long (nothing written
  // into it) and thrown away — which is what the quota is checked against;
  // navigator.storage.estimate() alone can be wrong (Chromium's ignores a
  // quota set through the DevTools protocol). (The files of jobs cancelled
  // mid-write count as used until then: a few outputs, on the safe side.)
  async fits(need) {
    const dir = await this.folder();
    if (dir === full) return false;
    if (!dir) return null;
    let mine = 0;
    for (const f of this.files.values()) mine += f.size;
    need = Math.max(0, need - mine);
    try {
      const probe = await dir.getFileHandle("room", { create: true });
      const w = await probe.createWritable();
      try {
        await w.truncate(need);
      } finally {
        await w.abort();
        await dir.removeEntry("room");
      }
      const { quota, usage } = await navigator.storage.estimate();
      return !quota || usage + need <= quota;
    } catch (err) {
      return err && err.name === "QuotaExceededError" ? false : null;
    }
  }
}

// writeOutput writes an output's bytes into the page's folder of outputs
// (folder: its name), as the file name, from a worker (a sync access
// handle: synchronous, and only in a dedicated worker). It resolves once
// the file is whole (closed: what the ZIP reads), and rejects, leaving
// nothing behind, when it could not be written (no OPFS, the quota, the
// folder gone). No flush: it forces the bytes to the disk (fsync), which
// an output kept until its download does not need: the bench's 90
// writes took 780 ms of the workers' thread with it, 305 without.
const folders = new Map(); // a worker's handles of the folders it writes into, by name

export async function writeOutput(folder, name, bytes) {
  let dir = folders.get(folder);
  if (!dir) {
    dir = navigator.storage.getDirectory().then((root) => root.getDirectoryHandle(folder));
    folders.set(folder, dir);
    dir.catch(() => folders.delete(folder));
  }
  const d = await dir;
  const handle = await (await d.getFileHandle(name, { create: true })).createSyncAccessHandle();
  try {
    handle.truncate(0);
    if (handle.write(bytes, { at: 0 }) !== bytes.byteLength) throw new Error("the disk took part of the picture");
  } catch (err) {
    handle.close();
    await d.removeEntry(name).catch(() => {});
    throw err;
  }
  handle.close();
}

// full stands for the folder when the quota leaves no room to make it.
const full = {};

export const outputs = new Outputs();

// openFolder makes this tab's folder for outputs in OPFS, and removes those
// of tabs that are gone (a tab holds a Web Lock named after its folder for
// as long as it is open). Resolves with null where there is no OPFS, and
// with full where the quota leaves no room for it.
async function openFolder() {
  try {
    if (!navigator.storage || !navigator.storage.getDirectory || !navigator.locks) return null;
    const root = await navigator.storage.getDirectory();
    const name = "outputs-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8);
    await new Promise((held) => navigator.locks.request("picmark-" + name, () => (held(), new Promise(() => {}))));
    const live = new Set(((await navigator.locks.query()).held || []).map((l) => l.name));
    for await (const [entry] of root.entries()) {
      if (entry.startsWith("outputs-") && !live.has("picmark-" + entry)) await root.removeEntry(entry, { recursive: true }).catch(() => {});
    }
    return await root.getDirectoryHandle(name, { create: true });
  } catch (err) {
    return err && err.name === "QuotaExceededError" ? full : null;
  }
}

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

export const kits = {
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
};
