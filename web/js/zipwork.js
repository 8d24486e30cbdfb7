// zipwork.js: puts the ZIP together off the page (zip.js). Each output on
// disk is opened here as a File, and each File, with its handle, keeps a
// registration in the browser process until it is collected (~10 KB each:
// 100 MB for 10,000 photos): the page ends this worker once it has the
// ZIP, which frees them all, and the ZIP's own Blob holds only its parts.
//
// {bytes, parts, dir} → {zip: Blob} or {error}: zipparts.js assemble.
import { assemble } from "./zipparts.js";

onmessage = async (e) => {
  const { bytes, parts, dir } = e.data;
  try {
    postMessage({ zip: await assemble(bytes, parts, dir) });
  } catch (err) {
    postMessage({ error: String(err && err.message ? err.message : err) });
  }
};
