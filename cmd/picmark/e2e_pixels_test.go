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
	"math"
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

// e2ePSNR compares a with b, pixel by pixel from their top-left corners
// (b at least as large): the PSNR over RGB (+Inf for the same pixels) and
// the largest difference of one channel.
func e2ePSNR(a, b image.Image) (psnr float64, worst int) {
	hist, n := e2eDiffs(a, b)
	var se float64
	for d, k := range hist {
		if k > 0 {
			se += float64(d*d) * float64(k)
			worst = d
		}
	}
	if se == 0 {
		return math.Inf(1), 0
	}
	return 10 * math.Log10(255*255*float64(n)/se), worst
}

// e2eP99 is the 99th percentile of the channel differences e2ePSNR sees.
func e2eP99(a, b image.Image) int {
	hist, n := e2eDiffs(a, b)
	seen := 0
	for d, k := range hist {
		if seen += k; seen*100 >= n*99 {
			return d
		}
	}
	return 255
}

// e2eDiffs counts the differences of a's and b's RGB channels, pixel by
// pixel from their top-left corners (b at least as large), by size.
func e2eDiffs(a, b image.Image) (hist [256]int, n int) {
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1 := e2eRGB(a, ab.Min.X+x, ab.Min.Y+y)
			r2, g2, b2 := e2eRGB(b, bb.Min.X+x, bb.Min.Y+y)
			for _, d := range []int{r1 - r2, g1 - g2, b1 - b2} {
				hist[max(d, -d)]++
				n++
			}
		}
	}
	return hist, n
}

// e2eCheckUpright checks the portrait's painted markers: blue top-left,
// yellow top-right, green below.
func e2eCheckUpright(t *testing.T, name string, img image.Image) {
	t.Helper()
	if tl, tr, mid, ok := e2eUprightMarkers(img, img.Bounds()); !ok {
		t.Errorf("%s is not upright: top-left %v (want blue), top-right %v (want yellow), middle %v (want green); "+
			"portrait.jpg is stored 1800×1200 with EXIF orientation 6 after an XMP segment and must come out upright, rotated exactly once",
			name, tl, tr, mid)
	}
}

// e2eUprightMarkers reads the portrait's painted markers where it lies in
// place (e2eUprightPortrait: the top band blue on the left, yellow on the
// right; green below) and says whether each is its colour.
func e2eUprightMarkers(img image.Image, place image.Rectangle) (tl, tr, mid [3]int, upright bool) {
	x, y, w, h := place.Min.X, place.Min.Y, place.Dx(), place.Dy()
	tl = e2eAvg(img, x+w/4, y+h*8/100, 6)
	tr = e2eAvg(img, x+w*3/4, y+h*8/100, 6)
	mid = e2eAvg(img, x+w/2, y+h*55/100, 6)
	blue := tl[2] > 150 && tl[0] < 100 && tl[1] < 130
	yellow := tr[0] > 150 && tr[1] > 150 && tr[2] < 110
	green := mid[1] > mid[0]+40 && mid[1] > mid[2]+40
	return tl, tr, mid, blue && yellow && green
}

// e2eCheckUprightIn is e2eCheckUpright for the portrait placed at place.
func e2eCheckUprightIn(t *testing.T, name string, img image.Image, place image.Rectangle) {
	t.Helper()
	if tl, tr, mid, ok := e2eUprightMarkers(img, place); !ok {
		t.Errorf("%s is not upright in %v: top-left %v (want blue), top-right %v (want yellow), middle %v (want green)", name, place, tl, tr, mid)
	}
}
