//go:build !wasm

package main

import (
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
)

// facesHarness runs web/js/faces.js in node: it loads the cascade named by
// its second argument, scans each grey picture of the cases file (its
// third) with the parameters Go gave, and prints the windows found.
const facesHarness = `
const fs = require("fs"), url = require("url");
import(url.pathToFileURL(process.argv[2]).href).then((m) => {
  m.load(new Uint8Array(fs.readFileSync(process.argv[3])));
  const cases = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
  const out = cases.map((c) => {
    const p = c.params;
    return Array.from(m.scan(new Uint8Array(Buffer.from(c.gray, "base64")), c.w, c.h, p.MinSize, p.MaxSize, p.Shift, p.Scale));
  });
  process.stdout.write(JSON.stringify(out));
});
`

// TestFacesJS: the image worker's face scan (web/js/faces.js) finds the
// very windows, with the very scores, that the engine's scan finds
// (crop.Windows), on real faces (pigo's portrait, alone and as a group),
// a photo without faces, noise, and a copy too small for any window.
func TestFacesJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test runs web/js/faces.js in Node.js, which is missing: install it (make test does: apt-get install -y nodejs)")
	}
	face, err := imaging.Open(filepath.Join("..", "..", "internal", "crop", "testdata", "face.jpg"))
	if err != nil {
		t.Fatalf("pigo's sample face is missing (%v): run go generate ./internal/crop (make test does)", err)
	}
	group := imaging.New(400, 300, color.NRGBA{90, 120, 150, 255})
	for i, x := range []int{10, 140, 270} {
		group = imaging.Paste(group, imaging.Resize(face, 100+10*i, 0, imaging.Lanczos), image.Pt(x, 40+30*i))
	}
	rng := rand.New(rand.NewSource(3))
	noise := image.NewGray(image.Rect(0, 0, 300, 400))
	rng.Read(noise.Pix)
	pictures := []struct {
		name string
		m    image.Image
	}{
		{"portrait", imaging.Resize(face, 0, 400, imaging.Box)},
		{"group", group},
		{"no face", scene(400, 267, rng)},
		{"noise", noise},
		{"too small", imaging.Resize(face, 16, 0, imaging.Box)},
	}
	type jsCase struct {
		Gray   []byte          `json:"gray"`
		W      int             `json:"w"`
		H      int             `json:"h"`
		Params crop.ScanParams `json:"params"`
	}
	var cases []jsCase
	var want [][]float64
	found := 0
	for _, p := range pictures {
		g := imaging.Grayscale(p.m)
		gray := image.NewGray(g.Rect)
		draw.Draw(gray, gray.Rect, g, g.Rect.Min, draw.Src)
		b := gray.Rect
		windows, params, err := crop.Windows(gray.Pix, b.Dx(), b.Dy())
		if err != nil {
			t.Fatal(err)
		}
		var flat []float64
		for _, d := range windows {
			flat = append(flat, float64(d.Row), float64(d.Col), float64(d.Scale), float64(d.Q))
		}
		found += len(windows)
		cases = append(cases, jsCase{gray.Pix, b.Dx(), b.Dy(), params})
		want = append(want, flat)
	}
	if found == 0 {
		t.Fatal("the engine's scan found no window at all: the comparison would prove nothing")
	}
	dir := t.TempDir()
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	harness, input := filepath.Join(dir, "harness.js"), filepath.Join(dir, "cases.json")
	if err := os.WriteFile(harness, []byte(facesHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(input, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "web", "js", "faces.js"))
	if err != nil {
		t.Fatal(err)
	}
	cascade := filepath.Join("..", "..", "internal", "crop", crop.CascadeFile)
	out, err := exec.Command(node, harness, script, cascade, input).Output()
	if err != nil {
		t.Fatalf("node %s: %v", harness, err)
	}
	var got [][]float64
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(pictures) {
		t.Fatalf("the harness's answer: %v, %d cases (%.200s)", err, len(got), out)
	}
	for i, p := range pictures {
		if len(got[i]) != len(want[i]) {
			t.Errorf("%s: the script found %d windows, the engine %d", p.name, len(got[i])/4, len(want[i])/4)
			continue
		}
		for j := range got[i] {
			if math.Float32bits(float32(got[i][j])) != math.Float32bits(float32(want[i][j])) || (j%4 != 3 && got[i][j] != want[i][j]) {
				t.Errorf("%s: window %d is %v, the engine's %v", p.name, j/4, got[i][j/4*4:j/4*4+4], want[i][j/4*4:j/4*4+4])
				break
			}
		}
	}
}

// scene is a photo-like landscape without faces: a sky, hills, grain.
func scene(w, h int, rng *rand.Rand) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		hill := h/2 + int(20*math.Sin(float64(y)/9)) // a wavy horizon
		for x := range w {
			v := 200 - y/3
			if y > hill+int(15*math.Sin(float64(x)/23)) {
				v = 60 + (x*y)%40
			}
			v += rng.Intn(24)
			m.SetNRGBA(x, y, color.NRGBA{uint8(v / 2), uint8(v), uint8(v * 3 / 4), 255})
		}
	}
	return m
}
