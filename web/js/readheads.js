// readheads.js: how intake names and reads files, wherever it runs — in
// heads.js (intake's worker, off the page's thread) or, when that worker
// cannot start or fails, on the page itself (intake.js), a few reads at a
// time so that no task of the page's grows long.

export const HEAD_BYTES = 64; // imgio.SniffBytes

function message(err) {
  return String(err && err.message ? err.message : err);
}

// walk names every file below the dropped FileSystemHandles, sub-folders
// included, with its path relative to the drop ("shoot/sub/a.jpg"), sorted
// by path: [{path, handle}], or {path, error} for a folder that could not
// be read. The entries of a folder are visited together.
export async function walk(handles) {
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
  return found;
}

// readHeads reads the first bytes of n files, atOnce in flight, and
// answers every `every` files (in no particular order: each item's index,
// base + the file's place, says which): answer(items, done), items being
// {index, size, head, error, file}, done on the last answer. open(i)
// resolves with the i-th file's {file, error}; keep(i) says whether it
// still needs reading (a file read already is skipped); alive() turns
// false when the files are forgotten (the page's Clear), and reading stops.
export async function readHeads({ base, n, open, keep = () => true, answer, alive, atOnce, every }) {
  let items = [];
  let next = 0;
  const one = async (i) => {
    let file = null;
    let error = "";
    let head = new Uint8Array(0);
    try {
      ({ file, error = "" } = await open(i));
      if (file && !error) head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    } catch (err) {
      error = message(err);
    }
    items.push({ index: base + i, size: file ? file.size : 0, head, error, file });
    if (items.length >= every && alive()) {
      answer(items, false);
      items = [];
    }
  };
  const lane = async () => {
    while (next < n && alive()) {
      const i = next++;
      if (keep(i)) await one(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, n) }, lane));
  if (alive()) answer(items, true);
}
