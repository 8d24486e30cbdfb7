// batch.js: a batch of photos, a client of the worker pool (pool.js). It
// takes the spares' workers first, starts the rest, sends one job per
// worker at a time (the largest files first), keeps the outputs (storage.js:
// the workers write them to disk, the page keeps their names),
// replaces a worker that dies or hangs (its photo reported with why), and
// recycles one whose heap grew too big. Go's handlers hear of it a few
// times a second (notify).
import { Stop, job as jobMessage } from "./wire.js";
import { State, cores } from "./pool.js";

const JOB_TIMEOUT_MS = 3 * 60 * 1000; // a 48 MP photo takes seconds, not minutes
const RECYCLE_HEAP_BYTES = 1 << 30; // wasm memory never shrinks: start afresh past this
const MAX_START_FAILURES = 3;

// The calls to Go's batch handlers (started, result, died) reach Go
// together every NOTIFY_MS, in order, so the page renders a batch's
// progress a few times a second rather than for every photo started and
// done. finished() flushes them first. A flush hands Go NOTICES_AT_ONCE
// at a time, each lot in a task of its own: a backlog (a cancel of 10,000
// photos, results that came while the page was busy) never makes one long
// task.
const NOTIFY_MS = 150;
const NOTICES_AT_ONCE = 20;

// A hold the end-to-end tests set with picmarkDebug.holdAfter(n) before a
// batch: its first n jobs go as usual; the next is posted too, but its
// answer is kept back and no job after it is handed out until its worker is
// gone (killed, or the batch cancelled). "Mid-batch" is then a state the
// test waits for, not a race it hopes to win.
let nextHold = null;

export function holdNext(after) {
  nextHold = { after, given: 0, slot: null, input: "" };
}

export class Batch {
  // jobs: wire Jobs from Go; settings: the batch's job.Settings JSON;
  // files: the received files by index (a File, or where the worker opens
  // it: intake.js); sizeOf(index): a file's size; outputs: the output store
  // (storage.js Outputs); handlers(): Go's; spares: the spares client;
  // onDone: called once every job is answered.
  constructor({ pool, jobs, settings, files, sizeOf, outputs, handlers, spares, onDone }) {
    // The largest files first: the batch ends on small ones, so no worker
    // waits long for the last photo of another.
    this.queue = jobs.slice().sort((a, b) => sizeOf(b.file) - sizeOf(a.file));
    Object.assign(this, { pool, settings, files, outputs, handlers, spares, onDone });
    this.size = Math.max(1, Math.min(cores(), 4, jobs.length));
    this.startFailures = 0;
    this.done = false;
    this.notices = [];
    this.noticeTimer = 0;
    this.hold = nextHold;
    nextHold = null;
  }

  // held names the input of the job held back (holdNext), "" when none.
  held() {
    return this.hold && this.hold.slot ? this.hold.input : "";
  }

  // start runs the batch, in a task of its own so the click that starts it
  // stays short, once the folder its workers write the outputs into is
  // made. A cancel in between finishes it at once.
  start() {
    const folder = this.outputs.folder();
    setTimeout(async () => {
      await folder;
      if (this.done) return;
      this.spares.handTo(this, this.size);
      while (this.pool.of(this).length < this.size) this.pool.start(this);
      this.checkDone();
    }, 0);
  }

  ready(slot) {
    this.startFailures = 0;
    this.next(slot);
  }

  answer(slot, m, job) {
    if (this.hold && this.hold.slot === slot) {
      // Held back: the slot stays busy with its job, so a kill or a cancel
      // reports the photo as it would any other job in flight.
      slot.state = State.busy;
      slot.task = job;
      return;
    }
    // Keyed by job and position: names are Go's to make unique. Most came
    // written to disk by the worker (job.store): the page keeps their
    // files' names. Those it posted wait in memory; their copy into Blobs
    // waits for a task of its own, so the page's answer to a result stays
    // short. Timers of equal delay run in order, so the outputs are kept
    // before finished() (checkDone's timer) asks for the ZIP. The browser's
    // own JPEGs come as Blobs already.
    const keys = m.files.map((f, i) => job.id + "/" + i);
    const posted = [];
    m.files.forEach((f, i) => {
      if (f.stored) this.outputs.stored(keys[i], f.stored, f.size);
      else posted.push({ key: keys[i], blob: f.blob, data: f.data, type: f.type });
    });
    if (posted.length) {
      setTimeout(() => {
        for (const f of posted) this.outputs.set(f.key, f.blob || new Blob([f.data], { type: f.type || "application/octet-stream" }));
      }, 0);
    }
    // Go needs their names, not their bytes, and the id of the job it was
    // sent, whatever the worker said. The worker's message itself is left as
    // it came: other listeners (the tests') may read it after us.
    const files4Go = m.files.map(({ blob, data, stored, ...rest }, i) => ({ ...rest, key: keys[i] }));
    const forGo = { ...m, id: job.id, files: files4Go };
    this.notify("result", forGo);
    if (slot.heap > RECYCLE_HEAP_BYTES && this.queue.length) {
      this.pool.end(slot);
      this.pool.start(this);
    } else {
      this.next(slot);
    }
  }

  // lost reports the photo of a worker that failed, and starts another.
  // Only a worker that failed on its own before it was ready counts as a
  // start failure.
  lost(slot, why, job, starting) {
    this.release(slot);
    if (job) this.notify("died", job.id, why);
    else if (starting && !this.killing) this.startFailures++;
    if (this.startFailures >= MAX_START_FAILURES) {
      // The workers cannot start at all (e.g. app.wasm missing): say so for every file left.
      for (const j of this.queue.splice(0)) this.notify("died", j.id, Stop.cannotStart);
    }
    if (!this.done && this.queue.length && this.pool.of(this).length < this.size) this.pool.start(this);
    this.checkDone();
  }

  // release ends the hold once its worker is gone: the idle workers take
  // jobs again, once the caller (a death, a cancel, a kill) is done.
  release(slot) {
    if (!this.hold || this.hold.slot !== slot) return;
    this.hold = null;
    setTimeout(() => {
      for (const s of this.pool.of(this)) if (!this.done && s.state === State.idle) this.next(s);
    }, 0);
  }

  next(slot) {
    if (this.hold && this.hold.slot) return; // nothing more while a job is held
    if (this.queue.length === 0) {
      if (!this.spares.keep(slot)) this.pool.end(slot);
      this.checkDone();
      return;
    }
    const job = this.queue.shift();
    if (this.hold && this.hold.given++ === this.hold.after) Object.assign(this.hold, { slot, input: job.input });
    this.notify("started", job.id);
    const message = jobMessage({ ...job, settings: this.settings, photo: this.files[job.file], ...this.outputs.place() });
    this.pool.run(slot, job, message, JOB_TIMEOUT_MS);
  }

  checkDone() {
    if (this.done || this.queue.length) return;
    const mine = this.pool.of(this);
    if (mine.some((s) => s.state === State.busy)) return;
    this.done = true;
    for (const slot of mine) if (!this.spares.keep(slot)) this.pool.end(slot);
    this.onDone();
    // Later, not now: start() may still be inside Go's call to run().
    setTimeout(() => this.flush(() => this.handlers().finished()), 0);
  }

  // cancel stops the batch: the jobs not answered yet are reported as
  // cancelled, and what is finished stays.
  cancel() {
    for (const job of this.queue.splice(0)) this.notify("died", job.id, Stop.cancelled);
    for (const slot of this.pool.of(this)) {
      if (slot.state === State.busy) this.notify("died", slot.task.id, Stop.cancelled);
      this.release(slot);
      this.pool.end(slot);
    }
    this.checkDone();
  }

  // kill ends every worker as if it had crashed (picmarkDebug, for the tests).
  kill() {
    this.killing = true;
    for (const slot of this.pool.of(this)) this.pool.lose(slot, Stop.crashed);
    this.killing = false;
  }

  notify(name, ...args) {
    this.notices.push([name, args]);
    if (!this.noticeTimer) this.noticeTimer = setTimeout(() => this.flush(), NOTIFY_MS);
  }

  // flush hands Go the notices so far, a lot a task, then calls then (if given).
  flush(then) {
    clearTimeout(this.noticeTimer);
    this.noticeTimer = 0;
    for (const [name, args] of this.notices.splice(0, NOTICES_AT_ONCE)) this.handlers()[name](...args);
    if (this.notices.length) this.noticeTimer = setTimeout(() => this.flush(then), 0);
    else if (then) then();
  }
}
