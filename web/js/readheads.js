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
// by path, and says where each can be opened again without holding a
// handle or a File per file (each costs the browser process ~6 and ~13 KB
// for as long as it lives; a folder's handle is shared by its files):
// {paths, dirs, at, names, errors}: the i-th file is names[i] in the
// folder dirs[at[i]], or dirs[at[i]] itself (a file dropped on its own,
// names[i] ""), or could not be listed (at[i] -1, errors[i] why: a folder
// that could not be read, its path ending in "/"). The entries of a folder
// are visited together.
export async function walk(handles) {
  const found = [];
  const dirs = [];
  const visit = async (handle, path, dir) => {
    if (handle.kind === "file") {
      found.push(dir === null ? { path, dir: dirs.push(handle) - 1, name: "" } : { path, dir, name: handle.name });
      return;
    }
    const here = dirs.push(handle) - 1;
    const children = [];
    try {
      for await (const child of handle.values()) children.push(child);
    } catch (err) {
      found.push({ path: path + "/", dir: -1, name: "", error: message(err) });
    }
    await Promise.all(children.map((c) => visit(c, path + "/" + c.name, here)));
  };
  await Promise.all(handles.map((h) => visit(h, h.name, null)));
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    paths: found.map((f) => f.path),
    dirs,
    at: Int32Array.from(found, (f) => f.dir),
    names: found.map((f) => f.name),
    errors: found.map((f) => f.error || ""),
  };
}

// openHandle opens a file walk named: name in the folder dir, or dir
// itself when name is "" (a file dropped on its own).
export async function openHandle(dir, name) {
  return (name ? await dir.getFileHandle(name) : dir).getFile();
}

// openAt resolves with the i-th file of a read job — Files ({files,
// errors}) or what walk found ({dirs, at, names, errors}) — as {file,
// error}.
export async function openAt(job, i) {
  const error = (job.errors && job.errors[i]) || "";
  if (job.files) return { file: job.files[i], error };
  if (error || job.at[i] < 0) return { file: null, error };
  return { file: await openHandle(job.dirs[job.at[i]], job.names[i]), error: "" };
}

// readHeads reads the first bytes of n files, atOnce in flight, and
// answers every `every` files (in no particular order: each item's index,
// base + the file's place, says which): answer(items, done), items being
// {index, size, head, error}, done on the last answer. open(i) resolves
// with the i-th file's {file, error}; keep(i) says whether it still needs
// reading (a file read already is skipped); alive() turns false when the
// files are forgotten (the page's Clear), and reading stops.
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
    items.push({ index: base + i, size: file ? file.size : 0, head, error });
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
