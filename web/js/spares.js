// spares.js: spare batch workers, started and ready before a batch, a
// client of the worker pool (pool.js). Starting one (compiling app.wasm,
// starting Go) takes 0.3–0.6 s of a core, and a batch that started its own
// spent that on every core before its first photo. They start once the
// previews are made (so they never delay them), and a batch's workers stay
// on as spares when it ends, unless their heap has grown past
// SPARE_HEAP_BYTES (wasm memory never shrinks). One per core, as the batch
// would start anyway; none while no photo is listed. Each prepares for the
// settings the previews were last made with (the next batch's, unless they
// change again): its plan, its brand layers.
import { prepare } from "./wire.js";
import { State, cores } from "./pool.js";

const SPARE_HEAP_BYTES = 256 << 20; // a worker kept idle after a batch holds no more than this
const SPARE_WAIT_MS = 2000; // spares start this long after photos are added, once no preview is being made

export class Spares {
  // calm says whether spares may start now: no preview being made, no
  // batch running.
  constructor(pool, calm) {
    this.pool = pool;
    this.calm = calm;
    this.wanted = false; // photos are listed: a batch may come
    this.notBefore = 0; // the previews of photos just added are asked for first
    this.settings = ""; // what the next batch is likely to be made with
  }

  size() {
    return Math.max(1, Math.min(cores(), 4));
  }

  // want says photos were added: spares start once their previews are made
  // (warm, called by the previews), or after SPARE_WAIT_MS if none is asked
  // for.
  want() {
    this.wanted = true;
    this.notBefore = performance.now() + SPARE_WAIT_MS;
    setTimeout(() => this.warm(), SPARE_WAIT_MS + 10);
  }

  warm() {
    if (!this.wanted || performance.now() < this.notBefore || !this.calm()) return;
    while (this.pool.of(this).length < this.size()) this.pool.start(this);
  }

  // keep takes an idle worker a batch is done with, or says it cannot (the
  // batch ends it).
  keep(slot) {
    if (!this.wanted || slot.state !== State.idle || slot.heap > SPARE_HEAP_BYTES || this.pool.of(this).length >= this.size()) return false;
    this.pool.give(slot, this);
    this.tell(slot);
    return true;
  }

  // handTo gives a batch up to n spares; the ready ones start on its jobs.
  handTo(batch, n) {
    for (const slot of this.pool.of(this).slice(0, n)) {
      this.pool.give(slot, batch);
      if (slot.state === State.idle) batch.next(slot);
    }
  }

  // prepare has the spares ready themselves for a batch with these
  // settings (job.Settings JSON).
  prepare(settings) {
    this.settings = settings;
    for (const slot of this.pool.of(this)) this.tell(slot);
  }

  tell(slot) {
    if (slot.state !== State.idle || !this.settings || slot.prepared === this.settings) return;
    slot.prepared = this.settings;
    this.pool.post(slot, prepare({ settings: this.settings }));
  }

  // ready: a spare started.
  ready(slot) {
    this.tell(slot);
  }

  answer() {} // spares run no task

  lost() {} // a spare that fails is not replaced until it is wanted again

  // ready counts the spares ready to work.
  readyCount() {
    return this.pool.of(this).filter((s) => s.state === State.idle).length;
  }

  clear() {
    this.wanted = false;
    this.settings = "";
    for (const slot of this.pool.of(this)) this.pool.end(slot);
  }
}
