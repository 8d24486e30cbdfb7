// storage.js: what the page keeps in the browser — the batch's outputs
// (by the key the batch gives each), outside the wasm heap, and the brand
// kits in IndexedDB ({id, name, doc}, doc being the brand kit file's JSON
// with its logo embedded, the bytes an export gives).
//
// Outputs wait for the download in the origin's private file system
// (OPFS), each written there as it comes and then read back as a File
// that lives on disk: a batch of gigabytes does not live in memory, and
// navigator.storage.estimate() counts it, which it does not for Blobs —
// so the page can tell before a batch starts whether its outputs will fit
// (fits). Streaming the ZIP instead would need the download to start
// before the batch ends, and Retry to change a ZIP already written. Where
// there is no OPFS, or a write fails, the output stays a Blob in memory:
// nothing is lost.
class Outputs {
  constructor() {
    // An output is in one of the two: in memory until written, or on disk,
    // by name, not as a File — 10,000 Files held by the page weigh on its
    // garbage collector and on the browser's blob registry.
    this.map = new Map(); // key -> Blob in memory
    this.files = new Map(); // key -> {name, size}: its file on disk
    this.pending = new Set();
    this.written = 0; // a number for each file's name: a retry's output never shares its file
    this.memoryOnly = false; // a batch written into a folder as it goes keeps each output only until it is written
    this.dir = null; // this tab's OPFS folder: a promise of its handle, or of null
  }

  // folder is this tab's folder for outputs, made once; asked again after
  // the quota left no room for it.
  folder() {
    if (!this.dir) {
      this.dir = openFolder().then((dir) => {
        if (dir === full) this.dir = null;
        return dir;
      });
    }
    return this.dir;
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

  set(key, blob) {
    this.map.set(key, blob);
    if (this.memoryOnly) return;
    const name = ++this.written + "";
    const write = this.folder()
      .then(async (dir) => {
        if (!dir || dir === full) return;
        const handle = await dir.getFileHandle(name, { create: true });
        const w = await handle.createWritable();
        await w.write(blob);
        await w.close();
        if (this.map.get(key) !== blob) return dir.removeEntry(name); // forgotten meanwhile
        this.map.delete(key);
        this.files.set(key, { name, size: blob.size });
      })
      .catch(() => {}) // kept in memory
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  delete(key) {
    this.map.delete(key);
    const f = this.files.get(key);
    if (!f) return;
    this.files.delete(key);
    this.folder().then((dir) => dir && dir !== full && dir.removeEntry(f.name).catch(() => {}));
  }

  clear() {
    for (const key of [...this.map.keys(), ...this.files.keys()]) this.delete(key);
  }

  // settled resolves once every output so far is on disk (or kept in memory).
  settled() {
    return Promise.all(Array.from(this.pending));
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
  // quota set through the DevTools protocol).
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
