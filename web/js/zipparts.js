// zipparts.js: the ZIP as one Blob of its parts, in order, wherever it is
// put together — in zipwork.js (workers of their own, each ended after a
// lot) or, when no worker can be had, on the page (zip.js).

const FIRST_CHUNK = 16; // parts (8 outputs and their headers) opened and put together in one task
const ZIP_CHUNK = 32; // Blobs of those put together in one task

// assemble resolves with a Blob of parts: bytes (Uint8Arrays: headers,
// report and directory Go made), Blobs (outputs kept in memory) and names
// of files in dir (outputs on disk, storage.js). Blobs of FIRST_CHUNK
// parts, then Blobs of ZIP_CHUNK of those, and on, a Blob a task (on the
// page, a Blob of 32 outputs read back from disk took 47–126 ms of its
// thread on a loaded machine; one of 1,201 Blobs, 44–64 ms).
export async function assemble(parts, dir, type = "") {
  const later = () => new Promise((ok) => setTimeout(ok, 0));
  const open = async (p) => {
    if (typeof p !== "string") return p;
    if (!dir) throw new Error("a picture is no longer in the page");
    return (await dir.getFileHandle(p)).getFile();
  };
  let level = [];
  for (let i = 0; i < parts.length; i += FIRST_CHUNK) {
    level.push(new Blob(await Promise.all(parts.slice(i, i + FIRST_CHUNK).map(open))));
  }
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += ZIP_CHUNK) {
      await later();
      next.push(new Blob(level.slice(i, i + ZIP_CHUNK)));
    }
    level = next;
  }
  return new Blob(level, { type });
}
