package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/preset"
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
	k := shortScale()
	W, H := 1200/k, 900/k
	src := detailed(W, H)
	gray := image.NewGray(src.Rect)
	draw.Draw(gray, gray.Rect, src, image.Point{}, draw.Src)
	full, odd, wide := image.Rect(0, 0, W, H), image.Rect(201/k|1, 17/k|1, (201+600)/k, (17+883)/k), image.Rect(5/k|1, 3/k|1, (5+1193)/k, (3+421)/k)
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
				sz = sz.Div(k)
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

// TestResizeTransparent: photos with transparency (NRGBA as PNGs decode,
// and premultiplied RGBA) are weighed by alpha as imaging's Lanczos does
// it: every channel within 2 of imaging's float result (a colour where
// alpha is under 32 within 6: a few bits of alpha divided out), for a
// reduction, a mild one, 1:1 on one side and an upscale.
func TestResizeTransparent(t *testing.T) {
	m := translucent(300, 200)
	rgba := image.NewRGBA(m.Rect)
	draw.Draw(rgba, rgba.Rect, m, image.Point{}, draw.Src)
	r := image.Rect(7, 9, 250, 180)
	for _, src := range []image.Image{m.SubImage(r), rgba.SubImage(r)} {
		for _, sz := range []image.Point{{90, 60}, {200, 150}, {243, 100}, {400, 300}} {
			got := resize(src, sz.X, sz.Y)
			want := imaging.Resize(src, sz.X, sz.Y, imaging.Lanczos)
			for i := 0; i+3 < len(got.Pix); i += 4 {
				tol := 2
				if want.Pix[i+3] < 32 {
					tol = 6
				}
				for c := 0; c < 4; c++ {
					d := abs(int(got.Pix[i+c]) - int(want.Pix[i+c]))
					if c == 3 {
						tol = 2 // alpha is never divided
					}
					if d > tol {
						t.Fatalf("%T %v→%v: pixel %d channel %d is %d, imaging says %d (alpha %d)",
							src, r.Size(), sz, i/4, c, got.Pix[i+c], want.Pix[i+c], want.Pix[i+3])
					}
				}
			}
			if p := psnr(t, got, want); p < 40 {
				t.Errorf("%T %v→%v: PSNR %.1f dB against imaging's Lanczos, want ≥ 40", src, r.Size(), sz, p)
			}
		}
	}
}

func abs(v int) int { return max(v, -v) }

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

// BenchmarkResize is the resize of a 12 MP JPEG's crop for each default
// output: picmark's resize against imaging's Lanczos (the reference).
func BenchmarkResize(b *testing.B) {
	mp12, _ := stagePhotos(b)
	img, _, err := imgio.DecodeStored(mp12, imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range stagePresets(b) {
		plan := Frame(p, img.Bounds(), crop.Strategy{}, FitFill, nil)
		sub := subImage(img, plan.Crop)
		w, h := plan.Place.Dx(), plan.Place.Dy()
		b.Run(p.ID+"/picmark", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resize(sub, w, h)
			}
		})
		b.Run(p.ID+"/imaging", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				imaging.Resize(sub, w, h, imaging.Lanczos)
			}
		})
	}
}

// TestDecoded: render.Decoded is Photo for a photo someone else decoded.
// Given the stored pixels and Inspect's Info it makes Photo's very bytes;
// given pixels a browser already turned upright (Orientation 1) or
// already converted to sRGB (Profile nil) it makes the same pictures,
// turning and converting nothing twice. The photo is stored sideways
// (EXIF 6) with an Adobe RGB profile.
func TestDecoded(t *testing.T) {
	data, err := os.ReadFile("../imgio/testdata/adobe-icc-3chunks-exif6.jpg")
	if err != nil {
		t.Fatal(err)
	}
	spec := Spec{Presets: []preset.Preset{{ID: "a", Width: 40, Height: 60}, {ID: "b", Width: 50, MaxHeight: 30}, {ID: "c", Width: 120, Height: 90}},
		Output: imgio.Output{Format: imgio.PNG}}
	want, err := Photo(data, spec)
	if err != nil {
		t.Fatal(err)
	}
	img, info, err := imgio.DecodeStored(data, imgio.DefaultLimits)
	if err != nil || info.Orientation != 6 || !info.Profile.Active() {
		t.Fatalf("test photo: %v, orientation %d, profile active %v", err, info.Orientation, info.Profile.Active())
	}
	upright := imaging.Clone(imgio.Orient(img, info.Orientation))
	srgb := imaging.Clone(upright)
	info.Profile.ToSRGBNRGBA(srgb)
	turned, both := info, info
	turned.Orientation = 1
	both.Orientation, both.Profile = 1, nil
	// The photo is 32×24 and strongly coloured, made 40×60 to 120×90: the
	// harshest case for the small differences between resizing YCbCr
	// planes and resizing RGB, and between converting colours before and
	// after the resize.
	tests := []struct {
		name string
		img  image.Image
		info imgio.Info
		psnr float64 // 0: the same bytes
	}{
		{"as stored", img, info, 0},
		{"turned by the decoder", upright, turned, 40},
		{"turned and converted by the decoder", srgb, both, 35},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decoded(tt.img, tt.info, spec)
			for i := range want {
				if got[i].Err != nil || got[i].Width != want[i].Width || got[i].Height != want[i].Height {
					t.Fatalf("%s: %v %d×%d, Photo gives %d×%d", want[i].Preset.ID, got[i].Err, got[i].Width, got[i].Height, want[i].Width, want[i].Height)
				}
				if tt.psnr == 0 {
					if !bytes.Equal(got[i].Data, want[i].Data) {
						t.Errorf("%s: not Photo's bytes", want[i].Preset.ID)
					}
					continue
				}
				p := psnrPNG(t, got[i].Data, want[i].Data)
				t.Logf("%s: PSNR %.1f dB against Photo's", want[i].Preset.ID, p)
				if p < tt.psnr {
					t.Errorf("%s: PSNR %.1f dB against Photo's, want ≥ %.0f", want[i].Preset.ID, p, tt.psnr)
				}
			}
		})
	}
	t.Run("not converted twice", func(t *testing.T) {
		// sRGB pixels with the profile still in Info: converted again, visibly.
		got := Decoded(srgb, turned, spec)
		p := psnrPNG(t, got[0].Data, want[0].Data)
		t.Logf("converted twice: PSNR %.1f dB against Photo's", p)
		if p > 30 {
			t.Errorf("converting twice gives PSNR %.1f dB against Photo's: the test photo cannot tell", p)
		}
	})
}

// psnrPNG is psnr between two encoded PNGs.
func psnrPNG(t *testing.T, a, b []byte) float64 {
	t.Helper()
	dec := func(data []byte) *image.NRGBA {
		m, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return imaging.Clone(m)
	}
	return psnr(t, dec(a), dec(b))
}

// TestLanczosKernel: applying the exported kernels as Kernel documents
// (the browser worker's script does) gives Lanczos's very pixels on an
// opaque photo, for mild reductions, 1:1 and enlargements.
func TestLanczosKernel(t *testing.T) {
	src := imaging.Clone(detailed(300, 200))
	for _, sz := range []image.Point{{250, 150}, {300, 200}, {280, 200}, {450, 320}} {
		kx, ky := LanczosKernel(sz.X, src.Rect.Dx()), LanczosKernel(sz.Y, src.Rect.Dy())
		pass := func(k Kernel, at func(i int) []uint8) [][3]uint8 {
			out := make([][3]uint8, len(k.Start))
			for i, s := range k.Start {
				var sum [3]int32
				for j, wt := range k.W[i*k.Taps : (i+1)*k.Taps] {
					for c, v := range at(int(s) + j)[:3] {
						sum[c] += int32(v) * wt
					}
				}
				for c := range sum {
					out[i][c] = clamp8(sum[c])
				}
			}
			return out
		}
		mid := make([][][3]uint8, src.Rect.Dy()) // rows first
		for y := range mid {
			mid[y] = pass(kx, func(x int) []uint8 { return src.Pix[y*src.Stride+4*x:] })
		}
		want := Lanczos(src, sz.X, sz.Y)
		for x := 0; x < sz.X; x++ { // then columns
			col := pass(ky, func(y int) []uint8 { return mid[y][x][:] })
			for y, px := range col {
				if w := want.Pix[y*want.Stride+4*x:]; [3]uint8(w[:3]) != px {
					t.Fatalf("%v: pixel %d,%d is %v by the kernels, %v by Lanczos", sz, x, y, px, w[:3])
				}
			}
		}
	}
}

// TestLanczosKernelSameSize: a side kept at its size is the identity, to
// the weight, so a scaler may skip it (the browser worker's script does).
func TestLanczosKernelSameSize(t *testing.T) {
	for _, n := range []int{1, 2, 5, 7, 900, 1333, 2000} {
		k := LanczosKernel(n, n)
		for i, s := range k.Start {
			for j, wt := range k.W[i*k.Taps : (i+1)*k.Taps] {
				want := int32(0)
				if int(s)+j == i {
					want = 1 << WeightBits
				}
				if wt != want {
					t.Fatalf("n=%d: output %d, tap %d (source %d) weighs %d, want %d", n, i, j, int(s)+j, wt, want)
				}
			}
		}
	}
}

// TestResizeBytes: the resize's exact bytes, for every path it takes (each
// decoder type, opaque or translucent, a JPEG sub-image on odd pixels, a
// type imaging resizes), reduced with and without the box shrink,
// enlarged, and stretched. The page's script reproduces the Lanczos path
// to the byte (web/lanczos.js; cmd/picmark's lanczos_script_test.go), so
// a change here is one the page must follow. testdata/resize.golden holds
// their SHA-256; go test ./internal/render -update rewrites it: check that
// the PSNR tests still pass, and say in the commit why the bytes changed.
func TestResizeBytes(t *testing.T) {
	src := detailed(97, 71)
	gray := image.NewGray(src.Rect)
	draw.Draw(gray, gray.Rect, src, image.Point{}, draw.Src)
	pal := image.NewPaletted(src.Rect, []color.Color{color.Black, color.White, color.RGBA{200, 30, 40, 255}, color.RGBA{40, 120, 140, 255}})
	draw.Draw(pal, pal.Rect, src, image.Point{}, draw.Src)
	see := translucent(97, 71)
	premul := image.NewRGBA(see.Rect)
	draw.Draw(premul, premul.Rect, see, image.Point{}, draw.Src)
	jpg := asYCbCr(t, src)
	photos := []struct {
		name string
		m    image.Image
	}{
		{"rgba", src}, {"nrgba", imaging.Clone(src)}, {"gray", gray}, {"ycbcr", jpg},
		{"ycbcr-odd", jpg.SubImage(image.Rect(3, 1, 96, 70))}, {"nrgba-translucent", see},
		{"rgba-translucent", premul}, {"paletted", pal}, {"rgba-96x72", detailed(96, 72)},
	}
	// 48×36 and 192×144 halve and double the last photo exactly: equal
	// weights either side of each output's centre.
	sizes := []image.Point{{20, 14}, {9, 7}, {80, 60}, {130, 95}, {30, 60}, {97, 71}, {48, 36}, {192, 144}}
	var got strings.Builder
	for _, p := range photos {
		for _, s := range sizes {
			m := resize(p.m, s.X, s.Y)
			if m.Rect != image.Rect(0, 0, s.X, s.Y) {
				t.Fatalf("%s → %v: %v", p.name, s, m.Rect)
			}
			fmt.Fprintf(&got, "%s %dx%d %x\n", p.name, s.X, s.Y, sha256.Sum256(m.Pix))
		}
	}
	const golden = "testdata/resize.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update)", err)
	}
	if g := got.String(); g != string(want) {
		gl, wl := strings.Split(g, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Errorf("resize changed: %s (was %s)", gl[i], wl[i])
			}
		}
	}
}
