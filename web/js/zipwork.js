// zipwork.js: puts a lot of the ZIP's parts together off the page
// (zip.js). Each output on disk is opened here as a File, and each File,
// with its handle, keeps a registration in the browser process until it is
// collected (~19 KB each: 190 MB for 10,000 photos at once): the page ends
// this worker after each lot, which frees them, and the Blob it answers
// holds only its parts.
//
// {parts, dir} → {blob} or {error}: zipparts.js assemble.
import { assemble } from "./zipparts.js";

onmessage = async (e) => {
  const { parts, dir } = e.data;
  try {
    postMessage({ blob: await assemble(parts, dir) });
  } catch (err) {
    postMessage({ error: String(err && err.message ? err.message : err) });
  }
};
