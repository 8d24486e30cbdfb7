// pool.js: the page's image workers. Each runs the engine (app.wasm, through
// worker.js) and is one Slot, in one state at a time:
//
//   starting  created; its Go is not listening yet ("ready" not received):
//             nothing may be posted to it (a message posted before Go sets
//             onmessage is lost)
//   idle      ready, no task: a spare between batches, or a client's
//             worker between two tasks
//   busy      working on a task, under a watchdog
//   draining  working on a task whose answer nobody wants any more (a
//             cancelled preview): idle again once it answers
//   recycled  ended (terminated): it failed, hung, grew too big, or no
//             client wanted it. Final.
//
// The Pool starts and ends workers and moves slots between states; a slot
// belongs to one client at a time (the spares, the batch, the previews:
// spares.js, batch.js, previews.js), which it tells what happened:
// client.ready(slot), client.answer(slot, message, task), client.lost(slot,
// why, task, starting) (why is a wire Stop; task is null unless it was
// busy; starting, whether it never became ready). A client hands a slot to
// another with Pool.give.
import { Kind, Stop } from "./wire.js";

export const State = Object.freeze({
  starting: "starting",
  idle: "idle",
  busy: "busy",
  draining: "draining",
  recycled: "recycled",
});

const START_TIMEOUT_MS = 60 * 1000;

// cores is how many workers the machine runs side by side.
export function cores() {
  return navigator.hardwareConcurrency || 2;
}

export class Slot {
  constructor(worker, client) {
    this.worker = worker;
    this.client = client;
    this.state = State.starting;
    this.task = null; // what it works on (busy, draining)
    this.timer = 0;
    this.heap = 0; // its wasm memory after its last task, in bytes
    this.prepared = ""; // the settings it last prepared for (spares.js)
  }
}

export class Pool {
  constructor() {
    this.slots = new Set();
  }

  // start starts a worker for client; it says ready (client.ready) or is
  // lost ("did not start": no answer in START_TIMEOUT_MS).
  start(client) {
    const worker = new Worker(new URL("web/js/worker.js", document.baseURI), { type: "module" });
    const slot = new Slot(worker, client);
    this.slots.add(slot);
    worker.onmessage = (e) => this.message(slot, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      console.warn("picmark: an image worker failed:", e.message);
      this.lose(slot, Stop.crashed);
    };
    slot.timer = setTimeout(() => this.lose(slot, Stop.cannotStart), START_TIMEOUT_MS);
    return slot;
  }

  // run posts a task's message to an idle slot; the slot is lost with
  // Stop.timeout if no answer comes in timeoutMs.
  run(slot, task, message, timeoutMs) {
    if (slot.state !== State.idle) throw new Error("picmark: a " + slot.state + " worker cannot take a task");
    slot.state = State.busy;
    slot.task = task;
    slot.timer = setTimeout(() => this.lose(slot, Stop.timeout), timeoutMs);
    slot.worker.postMessage(message);
  }

  // post sends an idle slot a message that wants no answer (prepare).
  post(slot, message) {
    if (slot.state === State.idle) slot.worker.postMessage(message);
  }

  // give hands a slot to another client.
  give(slot, client) {
    slot.client = client;
  }

  // drain lets a busy slot's task go: its answer will be dropped.
  drain(slot) {
    if (slot.state === State.busy) slot.state = State.draining;
  }

  // end ends a slot's worker (recycled); its task, if any, is dropped.
  end(slot) {
    if (slot.state === State.recycled) return;
    clearTimeout(slot.timer);
    slot.worker.terminate();
    slot.state = State.recycled;
    slot.task = null;
    this.slots.delete(slot);
  }

  // lose ends a slot that failed and tells its client, with its task.
  lose(slot, why) {
    if (slot.state === State.recycled) return;
    const { task, state } = slot;
    this.end(slot);
    slot.client.lost(slot, why, state === State.busy ? task : null, state === State.starting);
  }

  message(slot, m) {
    if (slot.state === State.recycled) return;
    switch (m.type) {
      case Kind.ready:
        clearTimeout(slot.timer);
        slot.state = State.idle;
        slot.client.ready(slot);
        break;
      case Kind.exit:
        console.warn("picmark: an image worker stopped:", m.message);
        this.lose(slot, Stop.crashed);
        break;
      default: {
        // The answer to its task.
        clearTimeout(slot.timer);
        const { task, state } = slot;
        slot.task = null;
        slot.state = State.idle;
        if (typeof m.heap === "number") slot.heap = m.heap;
        if (state === State.busy) slot.client.answer(slot, m, task);
        else slot.client.ready(slot); // drained: idle again
      }
    }
  }

  // of lists a client's slots.
  of(client) {
    return Array.from(this.slots).filter((s) => s.client === client);
  }
}
