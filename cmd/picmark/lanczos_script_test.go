//go:build !wasm

package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"image"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"picmark/internal/render"
)

// lanczosHarness runs web/js/lanczos.js in node on the cases in the file
// named by its argument, with the WebAssembly module (lanczos.wasm, which
// it fetches beside itself: node's fetch reads no file, so the harness
// does) and with the plain script, and prints what each made.
const lanczosHarness = `
const fs = require("fs"), url = require("url");
globalThis.fetch = async (u) => new Response(fs.readFileSync(new URL(u)));
import(url.pathToFileURL(process.argv[2]).href).then(async (m) => {
  await m.ready;
  const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
  const kernel = (k) => k && { taps: k.taps, start: Int32Array.from(k.start), w: Int32Array.from(k.w) };
  const out = { simd: m.simdReady(), cases: [] };
  for (const c of cases) {
    const src = new Uint8ClampedArray(Buffer.from(c.src, "base64"));
    const got = {};
    for (const script of [false, true]) {
      const px = m.lanczos(src, c.sw, c.sh, kernel(c.kx), kernel(c.ky), c.bits, script);
      got[script ? "script" : "simd"] = Buffer.from(px.buffer, px.byteOffset, px.length).toString("base64");
    }
    out.cases.push(got);
  }
  process.stdout.write(JSON.stringify(out));
});
`

type lanczosJSKernel struct {
	Taps  int     `json:"taps"`
	Start []int32 `json:"start"`
	W     []int32 `json:"w"`
}

type lanczosJSCase struct {
	Src  string           `json:"src"`
	SW   int              `json:"sw"`
	SH   int              `json:"sh"`
	KX   *lanczosJSKernel `json:"kx"`
	KY   *lanczosJSKernel `json:"ky"`
	Bits int              `json:"bits"`
}

// TestLanczosJS: the image worker's Lanczos (web/js/lanczos.js), both its
// WebAssembly module and its plain script, gives the engine's Lanczos to
// the byte on opaque photos, for the scalings the worker gives it: mild
// reductions, a side kept (no kernel), enlargements, odd and even taps,
// and a kernel of hundreds of taps.
func TestLanczosJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test runs web/js/lanczos.js in Node.js, which is missing: install it (make test does: apt-get install -y nodejs)")
	}
	rng := rand.New(rand.NewSource(5))
	sizes := []struct{ sw, sh, w, h int }{
		{1333, 2000, 1000, 1500}, // a square product shot's Pinterest pin
		{1125, 2000, 1080, 1920}, // its Snapchat story: 1.04×
		{900, 600, 900, 500},     // a side kept
		{300, 200, 451, 333},     // enlarged
		{7, 5, 4, 3},             // tiny, taps clipped to the side
		{640, 9, 1, 6},           // one column of 640 taps
	}
	var cases []lanczosJSCase
	var want []*image.NRGBA
	for _, sz := range sizes {
		m := image.NewNRGBA(image.Rect(0, 0, sz.sw, sz.sh))
		for i := range m.Pix { // photo-like: smooth, with grain and hard steps
			x, y := (i/4)%sz.sw, (i/4)/sz.sw
			m.Pix[i] = uint8((x*3+y*5)/(1+i%4) + rng.Intn(40) + 90*((x/17+y/23)%2))
		}
		for i := 3; i < len(m.Pix); i += 4 {
			m.Pix[i] = 255
		}
		kernel := func(dst, n int) *lanczosJSKernel {
			if dst == n {
				return nil // as app/worker sends it
			}
			k := render.LanczosKernel(dst, n)
			return &lanczosJSKernel{Taps: k.Taps, Start: k.Start, W: k.W}
		}
		cases = append(cases, lanczosJSCase{Src: base64.StdEncoding.EncodeToString(m.Pix), SW: sz.sw, SH: sz.sh,
			KX: kernel(sz.w, sz.sw), KY: kernel(sz.h, sz.sh), Bits: render.WeightBits})
		want = append(want, render.Lanczos(m, sz.w, sz.h))
	}
	dir := t.TempDir()
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	harness, input := filepath.Join(dir, "harness.js"), filepath.Join(dir, "cases.json")
	if err := os.WriteFile(harness, []byte(lanczosHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(input, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "web", "js", "lanczos.js"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, harness, script, input).Output()
	if err != nil {
		t.Fatalf("node %s: %v", harness, err)
	}
	var res struct {
		SIMD  bool                `json:"simd"`
		Cases []map[string]string `json:"cases"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("the harness's answer: %v (%.200s)", err, out)
	}
	if !res.SIMD {
		t.Errorf("web/js/lanczos.js did not make its WebAssembly module in node (SIMD): the module is broken, or this node lacks SIMD")
	}
	for i, sz := range sizes {
		for _, path := range []string{"simd", "script"} {
			got, err := base64.StdEncoding.DecodeString(res.Cases[i][path])
			if err != nil || len(got) != len(want[i].Pix) {
				t.Errorf("%v→%dx%d, %s: %d bytes (%v), want %d", sz, sz.w, sz.h, path, len(got), err, len(want[i].Pix))
				continue
			}
			for j := range got {
				if got[j] != want[i].Pix[j] {
					t.Errorf("%v, %s: byte %d (pixel %d,%d channel %d) is %d, the engine's Lanczos gives %d", sz, path, j,
						(j/4)%sz.w, (j/4)/sz.w, j%4, got[j], want[i].Pix[j])
					break
				}
			}
		}
	}
}

var updateLanczosWasm = flag.Bool("update-lanczos", false, "assemble web/js/lanczos.wat into web/js/lanczos.wasm")

// wabtHarness assembles the .wat file named by its first argument with
// wabt's wat2wasm (npm wabt, from the folder its second argument names)
// and writes the module to stdout.
const wabtHarness = `
const fs = require("fs");
require(process.argv[3])().then((wabt) => {
  const mod = wabt.parseWat("lanczos.wat", fs.readFileSync(process.argv[2], "utf8"), { simd: true });
  process.stdout.write(Buffer.from(mod.toBinary({}).buffer));
});
`

// TestLanczosWasm: web/js/lanczos.wasm, which the page serves, is
// web/js/lanczos.wat assembled by a maintained assembler (wabt's
// wat2wasm, which make test installs with npm), to the byte: the module
// is reviewed as text. -update-lanczos rewrites it.
func TestLanczosWasm(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test runs wabt in Node.js, which is missing: install it (make test does: apt-get install -y nodejs)")
	}
	wabt, err := filepath.Abs(filepath.Join("..", "..", ".cache", "wabt", "node_modules", "wabt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(wabt); err != nil {
		t.Fatalf("wabt is not installed in %s: run make test (it installs wabt with npm), or npm install --no-save --prefix .cache/wabt wabt@1.0.39", wabt)
	}
	dir := t.TempDir()
	harness := filepath.Join(dir, "wat2wasm.js")
	if err := os.WriteFile(harness, []byte(wabtHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	wat, wasm := filepath.Join("..", "..", "web", "js", "lanczos.wat"), filepath.Join("..", "..", "web", "js", "lanczos.wasm")
	var stderr bytes.Buffer
	cmd := exec.Command(node, harness, wat, wabt)
	cmd.Stderr = &stderr
	made, err := cmd.Output()
	if err != nil || len(made) < 8 {
		t.Fatalf("wat2wasm %s: %v %s", wat, err, stderr.String())
	}
	if *updateLanczosWasm {
		if err := os.WriteFile(wasm, made, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, made) {
		t.Errorf("%s is not %s assembled (%d bytes, wat2wasm makes %d): run go test ./cmd/picmark -run TestLanczosWasm -update-lanczos", wasm, wat, len(have), len(made))
	}
}
