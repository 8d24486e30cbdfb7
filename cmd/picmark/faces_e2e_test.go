//go:build !wasm

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disintegration/imaging"
)

// TestE2EFacesInTheBrowser: the browser's binary leaves the face finder's
// cascade out; its worker downloads it when it first frames a photo. A
// photo whose face a smart crop must keep (a grey portrait on the left,
// bright colours on the right, which win without the face) is framed in
// the page as the command line frames it, with no note that faces were
// not looked for.
func TestE2EFacesInTheBrowser(t *testing.T) {
	env := e2eOpen(t, 4*time.Minute, nil)
	s := env.s
	dir := filepath.Join(t.TempDir(), "shoot")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "internal", "crop", "testdata", "face.jpg"))
	if err != nil {
		t.Fatalf("pigo's sample face: %v (make runs go generate ./internal/crop)", err)
	}
	face, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	scene := image.NewRGBA(image.Rect(0, 0, 2400, 800))
	draw.Draw(scene, scene.Rect, image.NewUniform(color.RGBA{120, 120, 120, 255}), image.Point{}, draw.Src)
	draw.Draw(scene, image.Rect(300, 200, 620, 600), imaging.Grayscale(face), image.Point{}, draw.Src)
	bright := []color.RGBA{{255, 0, 0, 255}, {0, 200, 255, 255}, {255, 220, 0, 255}}
	for y := 100; y < 700; y += 40 {
		for x := 1700; x < 2300; x += 40 {
			draw.Draw(scene, image.Rect(x, y, x+40, y+40), image.NewUniform(bright[(x/40+y/40)%3]), image.Point{}, draw.Src)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "face.jpg"), e2eJPEG(t, scene, 92), 0o644); err != nil {
		t.Fatal(err)
	}

	cliDir := filepath.Join(t.TempDir(), "cli")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"process", "-crop", "smart", "-out", cliDir, dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("picmark process exited %d: %s", code, stderr.String())
	}
	cli := decodeOutputs(t, readDirOutputs(t, cliDir))
	const pin = "pinterest-pin/face"
	want, ok := cli[pin]
	if !ok {
		t.Fatalf("the command line made no %s: %v", pin, decodeKeys(cli))
	}
	// The command line kept the face: the pin is grey, not the colours.
	if sat := e2eMeanSaturation(want.img); sat > 0.1 {
		t.Fatalf("the command line's pin has a mean saturation of %.2f: it framed the colours, not the face", sat)
	}

	s.load(t, env.srv.URL)
	s.choose(t, "#crop", "smart")
	s.waitSetting(t, "#crop smart taken", `S.crop === "smart"`)
	defer s.forgetSettings(t)
	n := s.runs(t)
	s.dropFolder(t, dir)
	s.click(t, "#start")
	s.waitDone(t, n)
	files := e2eZipFiles(t, s.download(t))
	page := decodeOutputs(t, files)
	got, ok := page[pin]
	if !ok {
		t.Fatalf("the page made no %s: %v", pin, decodeKeys(page))
	}
	// The crop is chosen on each side's own small decoded copy, so it may
	// sit a few pixels apart: compare where the portrait landed, not bytes.
	if sat := e2eMeanSaturation(got.img); sat > 0.1 {
		t.Errorf("%s: the page's pin has a mean saturation of %.2f: it framed the colours, not the face", pin, sat)
	}
	gb, wb := e2ePortraitBox(got.img), e2ePortraitBox(want.img)
	if d := max(abs(gb.Min.X-wb.Min.X), abs(gb.Max.X-wb.Max.X), abs(gb.Min.Y-wb.Min.Y), abs(gb.Max.Y-wb.Max.Y)); wb.Empty() || d > 20 {
		t.Errorf("%s: the portrait is at %v in the page's pin, at %v in the command line's: %d pixels apart, want ≤ 20", pin, gb, wb, d)
	}
	for name, data := range files {
		if strings.HasSuffix(name, "report.csv") {
			for _, r := range e2eReadReport(t, data) {
				if strings.Contains(r.message, "faces were not looked for") {
					t.Errorf("%s: %q", r.input, r.message)
				}
			}
		}
	}
	s.checkConsole(t)
}

// e2eMeanSaturation is the mean HSV saturation of img, 0 (grey) to 1.
func e2eMeanSaturation(img image.Image) float64 {
	var sum float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hi, lo := max(r, g, bl), min(r, g, bl)
			if hi > 0 {
				sum += float64(hi-lo) / float64(hi)
			}
		}
	}
	return sum / float64(b.Dx()*b.Dy())
}

// e2ePortraitBox bounds the pixels that are not the scene's grey (120):
// where the portrait landed in an output.
func e2ePortraitBox(img image.Image) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, _, _, _ := img.At(x, y).RGBA()
			if v := int(r >> 8); v < 90 || v > 150 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}
