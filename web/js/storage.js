// storage.js: what the page keeps in the browser — the batch's outputs, as
// Blobs outside the wasm heap (by the key the batch gives each), and the
// brand kits in IndexedDB ({id, name, doc}, doc being the brand kit file's
// JSON with its logo embedded, the bytes an export gives).
export const outputs = new Map(); // output key ("job/index") -> Blob

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
