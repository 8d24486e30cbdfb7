//go:build !wasm

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// poolHarness runs the page's worker pool (web/js/pool.js) and its clients
// (spares.js, batch.js, previews.js) in node, on fake Workers that answer
// as the test says, and prints one line per broken expectation (nothing
// when all hold). The browser tests run the real thing; this one reaches
// the states and turns a browser test cannot pick: a crash mid-job, a heap
// past the limits, three failed starts, a cancelled preview still running.
const poolHarness = `
const dir = require("url").pathToFileURL(process.argv[2] + "/").href;
globalThis.document = { baseURI: "http://picmark.test/" };
Object.defineProperty(globalThis, "navigator", { value: { hardwareConcurrency: 2 }, configurable: true });
const workers = [];
globalThis.Worker = class {
  constructor(url, opts) {
    this.url = String(url); this.opts = opts; this.posted = []; this.ended = false;
    workers.push(this);
  }
  postMessage(m) { this.posted.push(m); }
  terminate() { this.ended = true; }
  say(m) { this.onmessage({ data: m }); }
  crash() { this.onerror({ preventDefault() {}, message: "boom" }); }
};
const tick = (ms = 0) => new Promise((ok) => setTimeout(ok, ms));
const failures = [];
const expect = (cond, what) => { if (!cond) failures.push(what); };

(async () => {
  const { Pool, State } = await import(dir + "pool.js");
  const { Spares } = await import(dir + "spares.js");
  const { Batch } = await import(dir + "batch.js");
  const { Previews } = await import(dir + "previews.js");
  const { Outputs } = await import(dir + "storage.js");
  const W = await import(dir + "wire.js");
  console.warn = () => {};

  const states = (pool) => Array.from(pool.slots).map((s) => s.state).sort().join(",");
  const ready = (w) => w.say(W.ready({}));
  // A worker answers as app/worker does: its output written into the
  // page's folder when the job names one (wire Job store), else its bytes.
  const result = (w, heap = 1 << 20) => {
    const job = w.posted.filter((m) => m.type === W.Kind.job).at(-1);
    const where = job.store ? { stored: job.prefix + "-0" } : { data: new Uint8Array(3) };
    w.say(W.result({ id: job.id, rows: [{ Input: job.input }], files: [W.output({ name: "a/" + job.stem + ".jpg", size: 3, crc32: 1, type: "image/jpeg", ...where })], heap }));
  };
  // The page's outputs, in a folder (a fake one: node has no OPFS) or in memory.
  const onDisk = () => new Outputs(() => Promise.resolve({ name: "outputs-test" }));
  const inMemory = () => new Outputs(() => Promise.resolve(null));
  const files = [{ size: 10 }, { size: 30 }, { size: 20 }, { size: 5 }];
  const sizeOf = (i) => files[i].size; // intake.js's, for Files read
  const jobs = files.map((_, i) => W.job({ id: i, file: i, input: "p" + i + ".jpg", stem: "p" + i }));

  // A batch of 4 on 2 cores: two workers, the largest photos first, the
  // outputs written by the workers into the page's folder, and the workers
  // kept as spares at the end.
  {
    const pool = new Pool();
    const spares = new Spares(pool, () => true);
    spares.wanted = true;
    const told = [];
    const handlers = { started: (id) => told.push("started " + id), result: (m) => told.push("result " + m.id + " " + m.files[0].key),
      died: (id, why) => told.push("died " + id + " " + why), finished: () => told.push("finished") };
    const outputs = onDisk();
    let done = 0;
    const b = new Batch({ pool, jobs, settings: "{}", files, sizeOf, outputs, handlers: () => handlers, spares, onDone: () => done++ });
    b.start();
    await tick();
    expect(workers.length === 2 && states(pool) === "starting,starting", "a batch of 4 on 2 cores starts 2 workers: " + states(pool));
    expect(workers.every((w) => w.url.endsWith("/web/js/worker.js") && w.opts.type === "module"), "workers are module workers of web/js/worker.js");
    workers.forEach(ready);
    expect(states(pool) === "busy,busy", "ready workers take jobs: " + states(pool));
    const first = workers.map((w) => w.posted[0]);
    expect(first[0].type === "job" && first[0].id === 1 && first[1].id === 2, "the largest photos go first: " + first.map((m) => m.id));
    expect(first[0].photo === files[1] && first[0].settings === "{}", "a job carries its File and the batch's settings");
    expect(first.every((m) => m.store === "outputs-test") && first[0].prefix !== first[1].prefix, "a job names the page's folder and a prefix of its own: " + first.map((m) => m.store + " " + m.prefix));
    result(workers[0]); result(workers[1]); result(workers[0]); result(workers[1]);
    expect(b.done && done === 1, "the batch is done once every job is answered");
    expect(states(pool) === "idle,idle" && pool.of(spares).length === 2, "its workers stay on as idle spares: " + states(pool));
    await tick(200);
    expect(outputs.onDisk() === 4 && outputs.map.size === 0 && outputs.files.get("1/0").name === first[0].prefix + "-0",
      "the outputs are kept on disk, by their files' names, by job/index: " + Array.from(outputs.files.keys()));
    expect(told.at(-1) === "finished" && told.filter((t) => t.startsWith("result")).length === 4, "Go hears every result, then finished: " + told);

    // The next batch takes the spares, ready: no worker starts.
    const before = workers.length;
    const b2 = new Batch({ pool, jobs: jobs.slice(0, 1), settings: "{}", files, sizeOf, outputs, handlers: () => handlers, spares, onDone() {} });
    b2.start();
    await tick();
    expect(workers.length === before && pool.of(b2).length === 1 && states(pool).includes("busy"), "a batch takes a ready spare: " + states(pool));
    workers.length = 0;
  }

  // A worker whose heap grew past 1 GB is recycled while jobs are left;
  // one past 256 MB is not kept as a spare; a crash mid-job reports the
  // photo and starts another worker.
  {
    const pool = new Pool();
    const spares = new Spares(pool, () => true);
    spares.wanted = true;
    const died = [];
    const handlers = { started() {}, result() {}, died: (id, why) => died.push(id + " " + why), finished() {} };
    const outputs = inMemory();
    const b = new Batch({ pool, jobs, settings: "{}", files, sizeOf, outputs, handlers: () => handlers, spares, onDone() {} });
    b.start();
    await tick();
    workers.forEach(ready);
    expect(workers.every((w) => w.posted[0].store === undefined), "without a folder, a job names none: " + workers.map((w) => w.posted[0].store));
    const [a, c] = workers;
    result(a, 2 ** 31);
    expect(a.ended && workers.length === 3 && workers[2].opts.type === "module", "a worker past 1 GB is ended and another started");
    c.crash();
    await tick(200); // Go hears of it with the next notices
    expect(c.ended && died[0] === "2 " + W.Stop.crashed, "a crash reports its photo as crashed: " + died);
    expect(workers.length === 4, "a crashed worker is replaced");
    ready(workers[2]); ready(workers[3]);
    result(workers[2], 300 << 20); result(workers[3]);
    expect(b.done && pool.of(spares).length === 1, "a worker past 256 MB is not kept as a spare: " + pool.of(spares).length);
    await tick();
    expect(outputs.size === 3 && outputs.onDisk() === 0 && outputs.map.get("1/0") instanceof Blob, "without a folder the outputs are kept as Blobs: " + Array.from(outputs.map.keys()));
    workers.length = 0;
  }

  // Cancel reports the jobs not answered and ends the workers; three
  // failed starts report the rest as cannot-start.
  {
    const pool = new Pool();
    const spares = new Spares(pool, () => true);
    const died = [];
    const handlers = { started() {}, result() {}, died: (id, why) => died.push(id + " " + why), finished() {} };
    const b = new Batch({ pool, jobs, settings: "{}", files, sizeOf, outputs: inMemory(), handlers: () => handlers, spares, onDone() {} });
    b.start();
    await tick();
    ready(workers[0]);
    b.cancel();
    await tick(200);
    expect(died.length === 4 && died.every((d) => d.endsWith(W.Stop.cancelled)) && pool.slots.size === 0 && b.done, "cancel: " + died);
    workers.length = 0;

    const gone = [];
    const h2 = { started() {}, result() {}, died: (id, why) => gone.push(id + " " + why), finished() {} };
    const b2 = new Batch({ pool, jobs, settings: "{}", files, sizeOf, outputs: inMemory(), handlers: () => h2, spares, onDone() {} });
    b2.start();
    await tick();
    workers[0].crash(); workers[1].crash(); workers[2].crash();
    await tick(200);
    expect(gone.length === 4 && gone.every((d) => d.endsWith(W.Stop.cannotStart)) && b2.done, "three failed starts: " + gone);
    workers.length = 0;
  }

  // Previews wait while a batch has every core; a cancelled preview still
  // running drains: its answer is dropped and its worker takes the next.
  {
    const pool = new Pool();
    let batching = true;
    const shown = [];
    const pv = new Previews({ pool, files, deliver: (i, m) => shown.push(i + ":" + m.images.length + ":" + (m.images[0] || {}).url),
      paused: () => batching, idleAgain() {} });
    globalThis.URL.createObjectURL = () => "blob:x";
    pv.request(W.preview({ file: 0, settings: "{}", size: 240 }));
    ready(workers[0]);
    expect(workers[0].posted.length === 0 && pv.queue.length === 1, "a preview waits while a batch has every core");
    batching = false;
    pv.resume();
    const asked = workers[0].posted[0];
    expect(asked && asked.type === "preview" && asked.photo === files[0] && asked.id === 1, "then it is asked, with its File and request number");
    pv.cancel();
    expect(states(pool) === "draining" && !pv.idle(), "a cancelled preview running drains: " + states(pool));
    pv.request(W.preview({ file: 2, settings: "{}", size: 240 }));
    workers[0].say(W.previews({ id: 1, images: [W.previewImage({ preset: "x", name: "X", w: 2, h: 1, jpeg: new Uint8Array(1) })] }));
    expect(shown.length === 0, "a drained answer is dropped: " + shown);
    expect(workers[0].posted.length === 2 && workers[0].posted[1].file === 2, "the drained worker takes the next preview");
    workers[0].say(W.previews({ id: 2, images: [W.previewImage({ preset: "x", name: "X", w: 2, h: 1, jpeg: new Uint8Array(1) })] }));
    expect(shown[0] === "2:1:blob:x" && pv.idle() && states(pool) === "idle", "the answer is shown as an object URL: " + shown);
  }

  process.stdout.write(failures.join("\n"));
  process.exit(0); // the pool's watchdogs would keep node for minutes
})().catch((err) => {
  process.stdout.write("harness: " + err.stack);
  process.exit(0);
});
`

// TestPoolScript: the page's worker pool keeps its states and policies
// (see poolHarness): the largest photos first, spares handed over ready and
// kept while small, recycling past 1 GB, a crash or three failed starts
// reported per photo, cancel, previews waiting for a batch and draining.
func TestPoolScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test runs web/js in Node.js, which is missing: install it (make test does: apt-get install -y nodejs)")
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "web", "js"))
	if err != nil {
		t.Fatal(err)
	}
	harness := filepath.Join(t.TempDir(), "pool.js")
	if err := os.WriteFile(harness, []byte(poolHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, harness, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", harness, err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" {
			t.Error(line)
		}
	}
}
