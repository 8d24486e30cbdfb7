// previews.js: the previews of the photos the page shows, a client of the
// worker pool (pool.js) with workers of its own: one (two on machines with
// more than four cores), started on the first photos and kept, so a batch
// never waits behind previews. While a batch has every core, previews wait
// for it (paused): on a 2-core laptop the previews still coming when Start
// is pressed cost the batch a quarter of its time, and the settings cannot
// change until it ends. One request per photo: a newer one for the same
// photo replaces it, and the newest is made first (what the user just
// looked at, or just changed). The JPEGs become Blob object URLs, revoked
// when replaced.
import { Code, Stop, message, preview as previewMessage, previews as previewsMessage } from "./wire.js";
import { State, cores } from "./pool.js";

const PREVIEW_TIMEOUT_MS = 60 * 1000;
const MAX_START_FAILURES = 3;

export class Previews {
  // files: the received files by index (a File, or where the worker opens
  // it: intake.js); deliver(index, previews): Go's handler, given a wire
  // Previews whose images have URLs; paused(): whether a batch has every
  // core; idleAgain(): called once every preview asked for is made.
  constructor({ pool, files, deliver, paused, idleAgain }) {
    Object.assign(this, { pool, files, handOver: deliver, paused, idleAgain });
    this.size = cores() > 4 ? 2 : 1;
    this.queue = []; // newest first: [{index, message, seq}]
    this.latest = new Map(); // photo index -> seq of its newest request
    this.urls = new Map(); // photo index -> [object URLs shown]
    this.decoders = new Map(); // photo index -> the decoder the worker used (for the tests)
    this.seq = 0;
    this.failures = 0;
  }

  // request asks for one photo's previews: req is the wire Preview Go sent.
  request(req) {
    const seq = ++this.seq;
    this.latest.set(req.file, seq);
    this.queue = this.queue.filter((r) => r.index !== req.file);
    this.queue.unshift({ index: req.file, req, seq });
    this.warm();
    for (const slot of this.pool.of(this)) this.next(slot);
  }

  // warm starts the workers before the first request: compiling app.wasm
  // is most of the wait for the first previews.
  warm() {
    while (this.pool.of(this).length < this.size) this.pool.start(this);
  }

  // cancel drops every request not started; answers of started ones are ignored.
  cancel() {
    this.queue = [];
    this.latest = new Map();
    for (const slot of this.pool.of(this)) this.pool.drain(slot);
  }

  ready(slot) {
    this.failures = 0;
    this.next(slot);
  }

  answer(slot, m, req) {
    this.decoders.set(req.index, m.decoder || "");
    if (this.latest.get(req.index) === req.seq) this.deliver(req.index, m.images, m.error);
    this.next(slot);
  }

  lost(slot, why, req, starting) {
    if (req && this.latest.get(req.index) === req.seq) this.deliver(req.index, [], undefined, why);
    else if (starting) this.failures++;
    if (this.failures >= MAX_START_FAILURES) {
      for (const r of this.queue.splice(0)) this.deliver(r.index, [], undefined, Stop.cannotStart);
      return;
    }
    if (this.queue.length) this.pool.start(this);
  }

  // deliver hands Go one photo's previews, or why there are none (error,
  // or stop: why the worker stopped, which Go words).
  deliver(index, images, error, stop) {
    const old = this.urls.get(index) || [];
    for (const im of images) {
      im.url = URL.createObjectURL(new Blob([im.jpeg], { type: "image/jpeg" }));
      delete im.jpeg;
    }
    this.urls.set(index, images.map((im) => im.url));
    this.handOver(index, previewsMessage({ id: index, images, error, stop }));
    // The page shows the new ones from now on; the old ones can go.
    setTimeout(() => old.forEach((u) => URL.revokeObjectURL(u)), 1000);
  }

  next(slot) {
    if (slot.state !== State.idle || this.paused()) return;
    const r = this.queue.shift();
    if (!r) {
      if (this.idle()) this.idleAgain(); // the previews are made: the batch's turn
      return;
    }
    const photo = this.files[r.index];
    if (!photo) {
      this.deliver(r.index, [], message({ code: Code.fileGone }));
      this.next(slot);
      return;
    }
    this.pool.run(slot, r, previewMessage({ ...r.req, id: r.seq, photo }), PREVIEW_TIMEOUT_MS);
  }

  idle() {
    return this.queue.length === 0 && !this.pool.of(this).some((s) => s.state === State.busy || s.state === State.draining);
  }

  // resume makes the previews that waited for a batch.
  resume() {
    for (const slot of this.pool.of(this)) this.next(slot);
  }

  clear() {
    this.cancel();
    for (const urls of this.urls.values()) urls.forEach((u) => URL.revokeObjectURL(u));
    this.urls = new Map();
  }
}
