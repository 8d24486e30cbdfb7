//go:build !wasm

// Checking the pictures the e2e tests get back: a JPEG of the right size
// under its cap and without metadata, upright, the logo where it belongs.

package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"testing"
)

// e2eDecodeOutput checks what every output must be — under the preset's
// cap, without metadata, a JPEG of exactly want — and returns it decoded,
// or nil when it cannot be decoded or has the wrong size.
func e2eDecodeOutput(t *testing.T, name string, data []byte, pr e2ePreset, want image.Point) image.Image {
	t.Helper()
	if int64(len(data)) > pr.cap {
		t.Errorf("%s: %d bytes, over %s's cap of %d", name, len(data), pr.id, pr.cap)
	}
	if err := e2eNoMetadata(data); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: not a JPEG Go can decode: %v", name, err)
		return nil
	}
	if got := img.Bounds().Size(); got != want {
		t.Errorf("%s: %v, want exactly %v", name, got, want)
		return nil
	}
	return img
}

// e2eNoMetadata checks that a JPEG carries no APPn segment but JFIF.
func e2eNoMetadata(data []byte) error {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return errors.New("does not start with a JPEG SOI marker")
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return fmt.Errorf("malformed JPEG marker at %d", i)
		}
		m := data[i+1]
		if m == 0xDA { // start of scan: the headers are over
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if m >= 0xE1 && m <= 0xEF {
			return fmt.Errorf("carries an APP%d segment (%q…): outputs must carry no metadata", m-0xE0, e2eShort(string(data[i+4:min(i+14, len(data))])))
		}
		i += 2 + n
	}
	return nil
}

// checkLogo finds the logo's strongly red pixels and checks they are all
// where the logo belongs: bottom-right of the safe area, with a margin.
func (s *e2eSession) checkLogo(t *testing.T, name string, img image.Image, pr e2ePreset) {
	t.Helper()
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	red := image.Rectangle{}
	count, topLeft := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			r, g, bb := int(cr>>8), int(cg>>8), int(cb>>8)
			if r >= 150 && r-max(g, bb) >= 110 {
				count++
				red = red.Union(image.Rect(x, y, x+1, y+1))
				if x < w/2 && y < h/2 {
					topLeft++
				}
			}
		}
	}
	if count == 0 {
		t.Errorf("%s: no logo: not one strongly red pixel (the logo is an opaque red rectangle)", name)
		return
	}
	if topLeft > 0 {
		t.Errorf("%s: %d logo-red pixels in the top-left quadrant; the logo belongs bottom-right", name, topLeft)
	}
	exp := s.fx.expectedRed(w, h, pr)
	tol := 6
	near := func(a, b int) bool { return a-b <= tol && b-a <= tol }
	if !near(red.Min.X, exp.Min.X) || !near(red.Min.Y, exp.Min.Y) || !near(red.Max.X, exp.Max.X) || !near(red.Max.Y, exp.Max.Y) {
		t.Errorf("%s: the logo's red pixels span %v, want %v ±%d px (bottom-right of the safe area, margin 3%% of the width, %.0f%% of the width wide)",
			name, red, exp, tol, s.fx.scale*100)
	}
	s.logf(t, "%s: logo red at %v (expected %v), %d px", name, red, exp, count)
	if area := exp.Dx() * exp.Dy(); count < area*6/10 {
		t.Errorf("%s: only %d strongly red pixels where the logo's red covers %d: the logo is faint or partly missing", name, count, area)
	}
	if red.Max.Y > h-pr.safeBott || red.Min.Y < pr.safeTop {
		t.Errorf("%s: the logo spans rows %d–%d, outside %s's safe zone (%d px top, %d px bottom clear)", name, red.Min.Y, red.Max.Y, pr.id, pr.safeTop, pr.safeBott)
	}
}

// e2eAvg is the mean RGB of a (2r+1)² square.
func e2eAvg(img image.Image, x, y, r int) [3]int {
	var sum [3]int
	n := 0
	for yy := y - r; yy <= y+r; yy++ {
		for xx := x - r; xx <= x+r; xx++ {
			if !(image.Pt(xx, yy).In(img.Bounds())) {
				continue
			}
			cr, cg, cb, _ := img.At(xx, yy).RGBA()
			sum[0] += int(cr >> 8)
			sum[1] += int(cg >> 8)
			sum[2] += int(cb >> 8)
			n++
		}
	}
	if n == 0 {
		return sum
	}
	return [3]int{sum[0] / n, sum[1] / n, sum[2] / n}
}

func e2eRGB(img image.Image, x, y int) (int, int, int) {
	r, g, b, _ := img.At(x, y).RGBA()
	return int(r >> 8), int(g >> 8), int(b >> 8)
}

func e2eAbs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// e2eCheckUpright checks the portrait's painted markers: blue top-left,
// yellow top-right, green below.
func e2eCheckUpright(t *testing.T, name string, img image.Image) {
	t.Helper()
	b := img.Bounds().Size()
	tl := e2eAvg(img, b.X/4, b.Y*8/100, 6)
	tr := e2eAvg(img, b.X*3/4, b.Y*8/100, 6)
	mid := e2eAvg(img, b.X/2, b.Y*55/100, 6)
	blue := tl[2] > 150 && tl[0] < 100 && tl[1] < 130
	yellow := tr[0] > 150 && tr[1] > 150 && tr[2] < 110
	green := mid[1] > mid[0]+40 && mid[1] > mid[2]+40
	if !blue || !yellow || !green {
		t.Errorf("%s is not upright: top-left %v (want blue), top-right %v (want yellow), middle %v (want green); "+
			"portrait.jpg is stored 1800×1200 with EXIF orientation 6 after an XMP segment and must come out upright, rotated exactly once",
			name, tl, tr, mid)
	}
}

// e2eCheckUprightIn is e2eCheckUpright for the portrait placed at place.
func e2eCheckUprightIn(t *testing.T, name string, img image.Image, place image.Rectangle) {
	t.Helper()
	w, h := place.Dx(), place.Dy()
	at := func(fx, fy float64) [3]int {
		return e2eAvg(img, place.Min.X+int(fx*float64(w)), place.Min.Y+int(fy*float64(h)), 6)
	}
	tl, tr, mid := at(0.25, 0.08), at(0.75, 0.08), at(0.5, 0.55)
	blue := tl[2] > 150 && tl[0] < 100 && tl[1] < 130
	yellow := tr[0] > 150 && tr[1] > 150 && tr[2] < 110
	green := mid[1] > mid[0]+40 && mid[1] > mid[2]+40
	if !blue || !yellow || !green {
		t.Errorf("%s is not upright in %v: top-left %v (want blue), top-right %v (want yellow), middle %v (want green)", name, place, tl, tr, mid)
	}
}
