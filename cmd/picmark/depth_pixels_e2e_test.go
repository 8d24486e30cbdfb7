//go:build !wasm

// The engine-depth batch's pictures, checked pixel by pixel: the text on
// its band inside the safe area, the whole photo fitted (not cropped) on a
// blurred copy of itself.

package main

import (
	"image"
	"math"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// e2eFitRect is where a whole pw×ph photo lands, as large as fits and
// centred, on a w×h output.
func e2eFitRect(w, h, pw, ph int) image.Rectangle {
	if pw*h > ph*w {
		fh := int(math.Round(float64(w) * float64(ph) / float64(pw)))
		y := (h - fh) / 2
		return image.Rect(0, y, w, y+fh)
	}
	fw := int(math.Round(float64(h) * float64(pw) / float64(ph)))
	x := (w - fw) / 2
	return image.Rect(x, 0, x+fw, h)
}

func e2eGrow(r image.Rectangle, d int) image.Rectangle {
	if r.Empty() {
		return r
	}
	return image.Rect(r.Min.X-d, r.Min.Y-d, r.Max.X+d, r.Max.Y+d)
}

// e2eCheckTextBand finds the text's band (dark rows) and checks it sits
// where a bottom-anchored text belongs: centred, above the preset's bottom
// safe margin by the layer margin, with light text on it. It returns the
// band's rectangle.
func e2eCheckTextBand(t *testing.T, name string, img image.Image, pr e2ePreset) image.Rectangle {
	t.Helper()
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dark := func(x, y int) bool { r, g, bb := e2eRGB(img, x, y); return max(r, g, bb) < 32 }
	const minRun = 20 // dark pixels in a row for it to be a band row
	var band image.Rectangle
	var outside []int
	for y := 0; y < h; y++ {
		n := 0
		lo, hi := w, -1
		for x := 0; x < w; x++ {
			if dark(x, y) {
				n++
				lo, hi = min(lo, x), max(hi, x)
			}
		}
		if n < minRun {
			continue
		}
		if y < pr.safeTop || y >= h-pr.safeBott {
			outside = append(outside, y)
		}
		band = band.Union(image.Rect(lo, y, hi+1, y+1))
	}
	if band.Empty() {
		t.Errorf("%s: no text band: no row with %d dark pixels (the band is #000000 behind %q)", name, minRun, e2eDepthText)
		return band
	}
	if len(outside) > 0 {
		t.Errorf("%s: %d dark band rows outside the safe area (first %d; %d px top and bottom must stay clear)", name, len(outside), outside[0], pr.safeTop)
	}
	margin := max(4, int(math.Round(0.03*float64(w))))
	wantBottom := h - pr.safeBott - margin
	size := 0.05 * float64(min(w, h)) // #text-size 50‰ of the shorter side
	centre := (band.Min.X + band.Max.X) / 2
	if e2eAbs(band.Max.Y-wantBottom) > 3 || e2eAbs(centre-w/2) > 3 {
		t.Errorf("%s: the text band spans %v, want it centred (x centre %d) ending at y=%d (bottom of the safe area, %d px margin)",
			name, band, w/2, wantBottom, margin)
	}
	if float64(band.Dy()) < size || float64(band.Dy()) > 3*size {
		t.Errorf("%s: the text band is %d px high, want about 1–3 × the text size %.0f px", name, band.Dy(), size)
	}
	var light image.Rectangle
	n := 0
	for y := band.Min.Y; y < band.Max.Y; y++ {
		for x := band.Min.X; x < band.Max.X; x++ {
			if r, g, bb := e2eRGB(img, x, y); min(r, g, bb) > 190 {
				n++
				light = light.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if n < 100 || !light.In(band.Inset(2)) || float64(light.Dy()) < size/2 {
		t.Errorf("%s: %d light text pixels spanning %v on the band %v: want the white text, at least %.0f px high, inside the band",
			name, n, light, band, size/2)
	}
	t.Logf("%s: text band %v, text %v (%d light px)", name, band, light, n)
	return band
}

// e2eCheckFitted compares the photo area of the output with the source
// scaled whole into place; a fill crop of the source must compare worse.
func e2eCheckFitted(t *testing.T, name string, img, src image.Image, place image.Rectangle, layers []image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	fit := image.NewRGBA(image.Rectangle{Max: place.Size()})
	xdraw.CatmullRom.Scale(fit, fit.Rect, src, src.Bounds(), xdraw.Src, nil)
	fill := image.NewRGBA(b)
	xdraw.CatmullRom.Scale(fill, fill.Rect, src, e2eCentreCrop(src.Bounds(), b.Dx(), b.Dy()), xdraw.Src, nil)
	var errFit, errFill, n int
	for y := place.Min.Y; y < place.Max.Y; y += 2 {
		for x := place.Min.X; x < place.Max.X; x += 2 {
			if e2eInAny(x, y, layers) {
				continue
			}
			r, g, bb := e2eRGB(img, x, y)
			fr, fg, fb := e2eRGB(fit, x-place.Min.X, y-place.Min.Y)
			cr, cg, cb := e2eRGB(fill, x, y)
			errFit += e2eAbs(r-fr) + e2eAbs(g-fg) + e2eAbs(bb-fb)
			errFill += e2eAbs(r-cr) + e2eAbs(g-cg) + e2eAbs(bb-cb)
			n += 3
		}
	}
	if n == 0 {
		t.Errorf("%s: nothing to compare in %v", name, place)
		return
	}
	mf, mc := float64(errFit)/float64(n), float64(errFill)/float64(n)
	t.Logf("%s: photo area %v differs from the whole source scaled into it by %.1f, from a fill crop by %.1f (mean per channel)", name, place, mf, mc)
	if mf > 6 || mc < mf+8 {
		t.Errorf("%s: the area %v differs from the whole photo scaled into it by %.1f per channel and from a fill crop by %.1f: "+
			"with fit blur the whole photo must be there, not cropped", name, place, mf, mc)
	}
}

// e2eCentreCrop is the largest w:h rectangle centred in r.
func e2eCentreCrop(r image.Rectangle, w, h int) image.Rectangle {
	cw, ch := r.Dx(), r.Dy()
	if cw*h > ch*w {
		cw = int(math.Round(float64(ch) * float64(w) / float64(h)))
	} else {
		ch = int(math.Round(float64(cw) * float64(h) / float64(w)))
	}
	x, y := r.Min.X+(r.Dx()-cw)/2, r.Min.Y+(r.Dy()-ch)/2
	return image.Rect(x, y, x+cw, y+ch)
}

func e2eInAny(x, y int, rs []image.Rectangle) bool {
	for _, r := range rs {
		if image.Pt(x, y).In(r) {
			return true
		}
	}
	return false
}

// e2eCheckBlurred checks the background around the photo: smooth (a blur,
// far smoother than the photo), not one flat colour, and the colours of the
// photo's own middle, enlarged to the output, where they are.
func e2eCheckBlurred(t *testing.T, name string, img, src image.Image, place image.Rectangle, layers []image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	const bs = 16
	near := append([]image.Rectangle{e2eGrow(place, 6)}, layers...)
	var blocks, devSum, devMax int
	var rough float64
	lo, hi := [3]int{255, 255, 255}, [3]int{}
	for by := b.Min.Y; by+bs <= b.Max.Y; by += bs {
		for bx := b.Min.X; bx+bs <= b.Max.X; bx += bs {
			br := image.Rect(bx, by, bx+bs, by+bs)
			skip := false
			for _, r := range near {
				skip = skip || br.Overlaps(r)
			}
			if skip {
				continue
			}
			blocks++
			rough += e2eRoughness(img, br)
			m := e2eAvg(img, bx+bs/2, by+bs/2, bs/2-1)
			want := e2eBlurExpect(src, b.Dx(), b.Dy(), bx+bs/2, by+bs/2)
			for c := range 3 {
				lo[c], hi[c] = min(lo[c], m[c]), max(hi[c], m[c])
				d := e2eAbs(m[c] - want[c])
				devSum += d
				devMax = max(devMax, d)
			}
		}
	}
	if blocks < 4 {
		t.Errorf("%s: only %d background blocks of %d px around the photo at %v", name, blocks, bs, place)
		return
	}
	rough /= float64(blocks)
	photoRough := e2eRoughness(img, place.Inset(4))
	spread := max(hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2])
	meanDev := float64(devSum) / float64(3*blocks)
	t.Logf("%s: background: %d blocks, roughness %.2f (photo %.2f), colour spread %d, off the photo's blurred colours by %.1f on average, %d at most",
		name, blocks, rough, photoRough, spread, meanDev, devMax)
	if rough > 1.0 || rough > photoRough/2 {
		t.Errorf("%s: the background around the photo has roughness %.2f (the photo %.2f): want a blur, much smoother than the photo", name, rough, photoRough)
	}
	if spread < 12 {
		t.Errorf("%s: the background's colours vary by %d only: a flat colour, not a blurred copy of the photo", name, spread)
	}
	if meanDev > 15 || devMax > 45 {
		t.Errorf("%s: the background's colours are off the photo's own blurred colours by %.1f on average, %d at most: not a blurred copy of this photo",
			name, meanDev, devMax)
	}
}

// e2eRoughness is the mean absolute difference between neighbouring
// pixels in r, per channel.
func e2eRoughness(img image.Image, r image.Rectangle) float64 {
	var sum, n int
	for y := r.Min.Y; y+1 < r.Max.Y; y++ {
		for x := r.Min.X; x+1 < r.Max.X; x++ {
			r0, g0, b0 := e2eRGB(img, x, y)
			r1, g1, b1 := e2eRGB(img, x+1, y)
			r2, g2, b2 := e2eRGB(img, x, y+1)
			sum += e2eAbs(r1-r0) + e2eAbs(g1-g0) + e2eAbs(b1-b0) + e2eAbs(r2-r0) + e2eAbs(g2-g0) + e2eAbs(b2-b0)
			n += 6
		}
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// e2eBlurExpect is about the colour a blurred background must have at
// (x, y) of a w×h output: the photo scaled to fit, its middle at the
// output's aspect enlarged to the whole output, blurred (here: a box mean
// over the source about as wide as the engine's blur).
func e2eBlurExpect(src image.Image, w, h, x, y int) [3]int {
	sb := src.Bounds()
	fitted := e2eFitRect(w, h, sb.Dx(), sb.Dy())
	c := e2eCentreCrop(image.Rectangle{Max: fitted.Size()}, w, h)
	k := float64(sb.Dx()) / float64(fitted.Dx()) // fitted → source pixels
	sx := int((float64(c.Min.X) + (float64(x)+0.5)*float64(c.Dx())/float64(w)) * k)
	sy := int((float64(c.Min.Y) + (float64(y)+0.5)*float64(c.Dy())/float64(h)) * k)
	// A blur of 2 px on a copy whose longer side is 48 px.
	sigma := 2 * float64(max(c.Dx(), c.Dy())) / 48 * k
	r := int(1.7 * sigma)
	var sum [3]int
	n := 0
	step := max(1, r/20)
	for yy := sy - r; yy <= sy+r; yy += step {
		for xx := sx - r; xx <= sx+r; xx += step {
			px := min(max(xx, sb.Min.X), sb.Max.X-1)
			py := min(max(yy, sb.Min.Y), sb.Max.Y-1)
			cr, cg, cb := e2eRGB(src, px, py)
			sum[0], sum[1], sum[2] = sum[0]+cr, sum[1]+cg, sum[2]+cb
			n++
		}
	}
	return [3]int{sum[0] / n, sum[1] / n, sum[2] / n}
}

// e2eCheckSharpExtent measures, on a strip at the left (clear of every
// layer), where the sharp photo starts and ends: rows where the picture
// jumps from the background to the photo. Its height must be the whole
// photo's at the output's width.
func e2eCheckSharpExtent(t *testing.T, name string, img image.Image, place image.Rectangle) {
	t.Helper()
	b := img.Bounds()
	x0, x1 := 4, b.Dx()/6
	jump := func(y int) float64 {
		s := 0
		for x := x0; x < x1; x++ {
			r0, g0, b0 := e2eRGB(img, x, y-1)
			r1, g1, b1 := e2eRGB(img, x, y)
			s += e2eAbs(r1-r0) + e2eAbs(g1-g0) + e2eAbs(b1-b0)
		}
		return float64(s) / float64(3*(x1-x0))
	}
	const threshold = 8
	top, bottom := -1, -1
	var jTop, jBottom float64
	for y := 1; y < b.Dy(); y++ {
		if j := jump(y); j > threshold {
			if top < 0 {
				top, jTop = y, j
			}
			bottom, jBottom = y, j
		}
	}
	want := float64(b.Dx()) * 1600 / 2400
	t.Logf("%s: the sharp photo spans rows %d–%d (jumps %.1f and %.1f), %d px high; whole photo: %v, %.0f px high",
		name, top, bottom, jTop, jBottom, bottom-top, place, want)
	if top < 0 || e2eAbs(top-place.Min.Y) > 4 || e2eAbs(bottom-place.Max.Y) > 4 || math.Abs(float64(bottom-top)-want) > 6 {
		t.Errorf("%s: the sharp photo spans rows %d–%d (%d px), want %d–%d: the whole 2400×1600 photo at %d px wide is %.0f px high",
			name, top, bottom, bottom-top, place.Min.Y, place.Max.Y, b.Dx(), want)
	}
}
