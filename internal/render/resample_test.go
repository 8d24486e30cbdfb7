package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"testing"

	"github.com/disintegration/imaging"
)

// psnr is the peak signal-to-noise ratio of a against b over R, G and B
// (alpha ignored), in dB; +Inf when they are equal.
func psnr(t testing.TB, a, b *image.NRGBA) float64 {
	t.Helper()
	if a.Rect.Size() != b.Rect.Size() {
		t.Fatalf("sizes differ: %v and %v", a.Rect.Size(), b.Rect.Size())
	}
	var se float64
	n := 0
	for y := 0; y < a.Rect.Dy(); y++ {
		ra, rb := a.Pix[y*a.Stride:], b.Pix[y*b.Stride:]
		for x := 0; x < a.Rect.Dx(); x++ {
			for c := 0; c < 3; c++ {
				d := float64(ra[4*x+c]) - float64(rb[4*x+c])
				se += d * d
				n++
			}
		}
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/(se/float64(n)))
}

// detailed paints a w×h photo harder to shrink than a camera's: the
// stage benchmarks' textured landscape, sharp-edged shapes, fine stripes
// of the size an output just resolves, and text-like strokes.
func detailed(w, h int) *image.RGBA {
	m := stageScene(w, h)
	for y := h / 10; y < h*3/10; y++ {
		for x := w / 10; x < w*4/10; x++ {
			if (x/3+y/5)%2 == 0 { // fine diagonal-ish checks
				m.SetRGBA(x, y, color.RGBA{250, 250, 245, 255})
			}
		}
	}
	for y := h / 2; y < h*6/10; y++ {
		for x := w / 2; x < w*9/10; x++ {
			if x%17 < 3 || y%23 < 2 { // thin dark strokes, like type
				m.SetRGBA(x, y, color.RGBA{15, 15, 25, 255})
			}
		}
	}
	draw.Draw(m, image.Rect(w*6/10, h/8, w*8/10, h/3), image.NewUniform(color.RGBA{200, 30, 40, 255}), image.Point{}, draw.Src)
	return m
}

// asYCbCr is m through Go's JPEG encoder and decoder: what a camera photo
// is to the renderer (4:2:0 YCbCr).
func asYCbCr(t testing.TB, m image.Image) *image.YCbCr {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	d, err := jpeg.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	return d.(*image.YCbCr)
}

// TestResizeQuality: speed never costs quality. Every resize the renderer
// makes (the box shrink for large reductions included) stays within
// PSNR 40 dB of imaging's Lanczos on the same crop, before encoding: for
// YCbCr (JPEG), RGBA, NRGBA and Gray photos, crops at odd offsets, and
// reductions from none to 25×, with unequal ratios, and upscales.
func TestResizeQuality(t *testing.T) {
	const W, H = 1200, 900
	src := detailed(W, H)
	gray := image.NewGray(src.Rect)
	draw.Draw(gray, gray.Rect, src, image.Point{}, draw.Src)
	full, odd, wide := image.Rect(0, 0, W, H), image.Rect(201, 17, 201+600, 17+883), image.Rect(5, 3, 5+1193, 3+421)
	photos := []struct {
		name  string
		m     image.Image
		crops []image.Rectangle
	}{
		{"ycbcr", asYCbCr(t, src), []image.Rectangle{full, odd, wide}}, // odd origins move chroma boundaries
		{"rgba", src, []image.Rectangle{odd}},
		{"nrgba", imaging.Clone(src), []image.Rectangle{wide}},
		{"gray", gray, []image.Rectangle{odd}},
	}
	sizes := []image.Point{
		{1500, 1100}, // upscale
		{600, 700},   // ≈ 1–1.3×
		{430, 320},   // ≈ 1.4–2.8×
		{270, 200},   // ≈ 2–4.5×
		{165, 220},   // ≈ 3.6–7×
		{109, 65},    // ≈ 5.5–11×: box shrink
		{48, 36},     // ≈ 12–25×
		{700, 27},    // unequal ratios
	}
	worst := math.Inf(1)
	for _, ph := range photos {
		for _, c := range ph.crops {
			sub := subImage(ph.m, c)
			for _, sz := range sizes {
				name := fmt.Sprintf("%s/%v→%dx%d", ph.name, c.Size(), sz.X, sz.Y)
				got := resize(sub, sz.X, sz.Y)
				want := imaging.Resize(sub, sz.X, sz.Y, imaging.Lanczos)
				p := psnr(t, got, want)
				worst = min(worst, p)
				if p < 40 {
					t.Errorf("%s: PSNR %.1f dB against Lanczos on the crop, want ≥ 40 (shrink k=%d)",
						name, p, shrinkFactor(c.Dx(), c.Dy(), sz.X, sz.Y))
				}
				if testing.Verbose() {
					t.Logf("%s: k=%d PSNR %.1f dB", name, shrinkFactor(c.Dx(), c.Dy(), sz.X, sz.Y), p)
				}
			}
		}
	}
	t.Logf("worst PSNR against Lanczos: %.1f dB", worst)
}

// TestResizeTransparentIsExact: photos with transparency keep imaging's
// own resize, bit for bit.
func TestResizeTransparentIsExact(t *testing.T) {
	m := translucent(300, 200)
	got := resize(m.SubImage(image.Rect(7, 9, 250, 180)), 90, 60)
	want := imaging.Resize(m.SubImage(image.Rect(7, 9, 250, 180)), 90, 60, imaging.Lanczos)
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Errorf("a translucent photo's resize differs from imaging's Lanczos")
	}
}

// TestShrinkFactor: the box shrink leaves Lanczos at least minResidual of
// the reduction on both sides, and never applies to small reductions.
func TestShrinkFactor(t *testing.T) {
	tests := []struct{ sw, sh, w, h, k int }{
		{4000, 3000, 1000, 750, 2},
		{2000, 3000, 1000, 1500, 1}, // a 12 MP photo's pin: no shrink
		{4000, 3000, 1280, 960, 1},
		{6000, 4000, 1280, 853, 2},
		{8000, 6000, 400, 300, 10},
		{8000, 100, 400, 100, 1}, // only one side shrinks a lot
		{100, 100, 400, 400, 1},  // upscale
	}
	for _, tt := range tests {
		k := shrinkFactor(tt.sw, tt.sh, tt.w, tt.h)
		if k != tt.k {
			t.Errorf("shrinkFactor(%d×%d → %d×%d) = %d, want %d", tt.sw, tt.sh, tt.w, tt.h, k, tt.k)
		}
		if k > 1 && (float64(tt.sw)/float64(k*tt.w) < minResidual || float64(tt.sh)/float64(k*tt.h) < minResidual) {
			t.Errorf("%d×%d → %d×%d: shrink %d leaves less than %v to Lanczos", tt.sw, tt.sh, tt.w, tt.h, k, minResidual)
		}
	}
}
