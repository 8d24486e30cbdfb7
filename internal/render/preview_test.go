package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/preset"
)

// Every built-in preset's preview has the output's aspect, its longer side
// at maxSide, for landscape and portrait photos; width-only presets keep
// the photo's aspect (or their height cap's).
func TestPreviewSizes(t *testing.T) {
	photos := []struct {
		name  string
		full  image.Point
		small image.Point
	}{
		{"landscape", image.Pt(4000, 3000), image.Pt(400, 300)},
		{"portrait", image.Pt(3000, 4000), image.Pt(300, 400)},
		{"tall", image.Pt(1000, 3000), image.Pt(100, 300)},
	}
	exact := map[string]map[string]image.Point{
		"landscape": {"pinterest-pin": {160, 240}, "snapchat-story": {135, 240}, "tumblr-post": {240, 180}, "tumblr-header": {240, 84}},
		"portrait":  {"pinterest-pin": {160, 240}, "tumblr-post": {180, 240}, "instagram-square": {240, 240}},
		"tall":      {"tumblr-post": {125, 240}}, // 1000×1920: never wider than the photo, capped in height
	}
	for _, ph := range photos {
		small := scene(ph.small.X, ph.small.Y)
		for _, p := range preset.All() {
			t.Run(ph.name+"/"+p.ID, func(t *testing.T) {
				got, _ := Preview(small, ph.full, p, Spec{}, nil, 240)
				plan := Frame(p, image.Rectangle{Max: ph.full}, crop.Strategy{}, FitFill, nil)
				size := got.Rect.Size()
				if want, ok := exact[ph.name][p.ID]; ok && size != want {
					t.Errorf("size %v, want %v", size, want)
				}
				if max(size.X, size.Y) != 240 {
					t.Errorf("size %v: longer side is not 240", size)
				}
				// The aspect is the output's, within a pixel's rounding.
				exactY := float64(size.X) * float64(plan.Height) / float64(plan.Width)
				exactX := float64(size.Y) * float64(plan.Width) / float64(plan.Height)
				if math.Abs(float64(size.Y)-exactY) > 0.5 && math.Abs(float64(size.X)-exactX) > 0.5 {
					t.Errorf("aspect %v, output %dx%d", size, plan.Width, plan.Height)
				}
				if size != PreviewSize(plan, 240) {
					t.Errorf("size %v, PreviewSize says %v", size, PreviewSize(plan, 240))
				}
			})
		}
	}
	// A preset smaller than maxSide is not enlarged; an invalid one is empty.
	if got, _ := Preview(scene(40, 40), image.Pt(400, 400), preset.Preset{Width: 100, Height: 50}, Spec{}, nil, 240); got.Rect.Size() != image.Pt(100, 50) {
		t.Errorf("small preset: %v", got.Rect)
	}
	if got, _ := Preview(scene(40, 40), image.Point{}, preset.Preset{Width: 0, Height: 50}, Spec{}, nil, 240); !got.Rect.Empty() {
		t.Errorf("invalid preset: %v", got.Rect)
	}
	// A photo one pixel wide: its preview follows its real height, not the
	// small copy's.
	tumblr := mustPreset(t, "tumblr-post")
	if got, _ := Preview(scene(1, 4), image.Pt(1, 40), tumblr, Spec{}, nil, 240); got.Rect.Size() != image.Pt(1, 40) {
		t.Errorf("1×40 photo: preview %v", got.Rect)
	}
	if got, _ := Preview(scene(4, 1), image.Pt(40, 1), tumblr, Spec{}, nil, 240); got.Rect.Size() != image.Pt(40, 1) {
		t.Errorf("40×1 photo: preview %v", got.Rect)
	}
}

// TestPreviewSizeEdges: every output from 1 pixel to MaxOutputSide a side
// has a preview, at least 1 pixel a side, down to a 1-pixel maximum;
// beyond them there is none.
func TestPreviewSizeEdges(t *testing.T) {
	tests := []struct {
		w, h, max int
		want      image.Point
	}{
		{1, 1, 240, image.Pt(1, 1)},
		{MaxOutputSide, 100, 240, image.Pt(240, 1)},
		{100, MaxOutputSide, 240, image.Pt(1, 240)},
		{100, 50, 1, image.Pt(1, 1)},
		{0, 50, 240, image.Point{}},
		{50, 0, 240, image.Point{}},
		{MaxOutputSide + 1, 50, 240, image.Point{}},
		{50, MaxOutputSide + 1, 240, image.Point{}},
		{100, 50, 0, image.Point{}},
	}
	for _, tt := range tests {
		if got := PreviewSize(Framing{Width: tt.w, Height: tt.h}, tt.max); got != tt.want {
			t.Errorf("PreviewSize(%d×%d, %d) = %v, want %v", tt.w, tt.h, tt.max, got, tt.want)
		}
	}
}

// The shading covers exactly the scaled safe insets: every pixel there is
// darker than without shading (or is the light edge line), every other
// pixel is untouched.
func TestPreviewShading(t *testing.T) {
	small := scene(400, 300)
	full := image.Pt(4000, 3000)
	tests := []string{"snapchat-story", "instagram-story", "tumblr-header", "x-header", "youtube-thumb", "linkedin-banner", "tumblr-avatar"}
	for _, id := range tests {
		t.Run(id, func(t *testing.T) {
			p := mustPreset(t, id)
			bare := p
			bare.Safe = preset.Insets{}
			got, _ := Preview(small, full, p, Spec{}, nil, 240)
			plain, _ := Preview(small, full, bare, Spec{}, nil, 240)
			plan := Frame(p, image.Rectangle{Max: full}, crop.Strategy{}, FitFill, nil)
			k := float64(got.Rect.Dx()) / float64(plan.Width)
			in := ScaleInsets(p.Safe, k, float64(got.Rect.Dy())/float64(plan.Height))
			b := got.Rect
			safe := image.Rect(in.Left, in.Top, b.Dx()-in.Right, b.Dy()-in.Bottom)
			shaded, lines := 0, 0
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					g, w := got.RGBAAt(x, y), plain.RGBAAt(x, y)
					if image.Pt(x, y).In(safe) {
						if g != w {
							t.Fatalf("(%d,%d) inside the safe area changed: %v, want %v", x, y, g, w)
						}
						continue
					}
					lum := func(c [3]uint8) int { return int(c[0]) + int(c[1]) + int(c[2]) }
					lg, lw := lum([3]uint8{g.R, g.G, g.B}), lum([3]uint8{w.R, w.G, w.B})
					switch {
					case lg < lw:
						shaded++
					case lg > lw:
						lines++ // the light line on the edge
					default:
						t.Fatalf("(%d,%d) in the margins is not shaded: %v", x, y, g)
					}
				}
			}
			if shaded == 0 || lines == 0 {
				t.Errorf("shaded %d pixels, lines %d", shaded, lines)
			}
		})
	}
}

// A preview is the real output made small: same cut, same fit, same
// branding (drawn at the output's size). Compared with the full-size
// output of the full-size photo scaled down.
func TestPreviewMatchesOutput(t *testing.T) {
	k := shortScale()
	big := scene(1200/k, 800/k)
	small := imaging.Resize(big, 300/k, 200/k, imaging.Box)
	full := big.Rect.Size()
	strategies := []struct {
		name string
		spec Spec
	}{
		{"centre", Spec{}},
		{"focal-right", Spec{Crop: crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.95, Y: 0.5}}}},
		{"focal-left-logo", Spec{Crop: crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.05, Y: 0.2}}, Brand: kit(circleLogo())}},
		{"pad", Spec{Fit: FitPad, Brand: kit(circleLogo())}},
		{"blur", Spec{Fit: FitBlur}},
	}
	for _, ps := range []string{"pinterest-pin", "snapchat-story", "tumblr-post", "facebook-cover", "tumblr-avatar"} {
		for _, st := range strategies {
			t.Run(ps+"/"+st.name, func(t *testing.T) {
				p := scaled(mustPreset(t, ps), k)
				p.Safe = preset.Insets{} // no shading: compare the pixels
				got, _ := Preview(small, full, p, st.spec, nil, 240/k)
				out, plan := Image(big, p, st.spec)
				want := imaging.Resize(out, got.Rect.Dx(), got.Rect.Dy(), imaging.Box)
				if plan.Width*got.Rect.Dy() != plan.Height*got.Rect.Dx() && math.Abs(float64(plan.Width)/float64(plan.Height)-float64(got.Rect.Dx())/float64(got.Rect.Dy())) > 0.02 {
					t.Errorf("preview %v for a %dx%d output", got.Rect, plan.Width, plan.Height)
				}
				var sum, n float64
				for y := 0; y < got.Rect.Dy(); y++ {
					for x := 0; x < got.Rect.Dx(); x++ {
						g, w := got.RGBAAt(x, y), want.NRGBAAt(x, y)
						sum += math.Abs(float64(g.R)-float64(w.R)) + math.Abs(float64(g.G)-float64(w.G)) + math.Abs(float64(g.B)-float64(w.B))
						n += 3
					}
				}
				// Edges differ a little (the small decode, resampling twice);
				// a cut shifted by a few percent differs by far more.
				if mean := sum / n; mean > 4 {
					t.Errorf("mean difference %.1f per channel from the output scaled down", mean)
				}
			})
		}
	}
}

// A cut off by a few percent is caught: the same comparison against a
// preview cut elsewhere fails.
func TestPreviewComparisonIsSharp(t *testing.T) {
	big := scene(1200, 800)
	small := imaging.Resize(big, 300, 200, imaging.Box)
	p := mustPreset(t, "pinterest-pin")
	left := Spec{Crop: crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.4, Y: 0.5}}}
	got, _ := Preview(small, big.Rect.Size(), p, left, nil, 240)
	out, _ := Image(big, p, Spec{})
	want := imaging.Resize(out, got.Rect.Dx(), got.Rect.Dy(), imaging.Box)
	var sum, n float64
	for y := 0; y < got.Rect.Dy(); y++ {
		for x := 0; x < got.Rect.Dx(); x++ {
			g, w := got.RGBAAt(x, y), want.NRGBAAt(x, y)
			sum += math.Abs(float64(g.R)-float64(w.R)) + math.Abs(float64(g.G)-float64(w.G))
			n += 2
		}
	}
	if mean := sum / n; mean <= 4 {
		t.Errorf("a crop 10%% to the left differs by only %.1f: the comparison proves nothing", mean)
	}
}

// The kit's overlay is drawn once per output size and kit, and reused.
func TestPreviewOverlayCached(t *testing.T) {
	k := kit(circleLogo())
	p := mustPreset(t, "snapchat-story")
	a, _ := Preview(scene(300, 200), image.Pt(3000, 2000), p, Spec{Brand: k}, nil, 240)
	key := overlayKey{kit: k, safe: p.Safe, w: p.Width, h: p.Height, size: a.Rect.Size()}
	overlays.Lock()
	o, ok := overlays.m[key]
	overlays.Unlock()
	if !ok {
		t.Fatal("no overlay kept")
	}
	b, _ := Preview(scene(300, 200), image.Pt(3000, 2000), p, Spec{Brand: k}, nil, 240)
	overlays.Lock()
	o2 := overlays.m[key]
	overlays.Unlock()
	if o != o2 || maxDiff(a, b) != 0 {
		t.Error("the overlay was drawn again, or the preview changed")
	}
}

// TestPreviewGolden: a Snapchat story preview with a logo, its top and
// bottom bands shaded. After an intended change run
// go test ./internal/render -run PreviewGolden -update and look at it.
func TestPreviewGolden(t *testing.T) {
	p := mustPreset(t, "snapchat-story")
	got, _ := Preview(scene(300, 200), image.Pt(3000, 2000), p, Spec{Brand: kit(circleLogo())}, nil, 240)
	checkGolden(t, filepath.Join("testdata", "preview-snapchat-story.png"), got)
}

// TestShadeSafeExact: ShadeSafe veils each margin once (the top and bottom
// ones full width, the side ones between them) and lines each margin's
// innermost row or column, pixel for pixel, on an image with an odd
// origin, down to margins that leave one row or column.
func TestShadeSafeExact(t *testing.T) {
	grey := color.RGBA{120, 130, 140, 255}
	px := func(over ...color.NRGBA) color.RGBA {
		m := image.NewRGBA(image.Rect(0, 0, 1, 1))
		m.SetRGBA(0, 0, grey)
		for _, c := range over {
			draw.Draw(m, m.Rect, image.NewUniform(c), image.Point{}, draw.Over)
		}
		return m.RGBAAt(0, 0)
	}
	plain, veiled, lined := grey, px(Shade), px(Shade, ShadeLine)
	b := image.Rect(3, 5, 33, 25) // 30×20
	for _, in := range []preset.Insets{{Top: 4, Right: 3, Bottom: 5, Left: 2}, {Top: 1}, {Right: 1, Left: 1}, {Bottom: 19}, {}, {Left: 29}} {
		m := image.NewRGBA(b)
		draw.Draw(m, b, image.NewUniform(grey), image.Point{}, draw.Src)
		ShadeSafe(m, in)
		for y := 0; y < 20; y++ {
			for x := 0; x < 30; x++ {
				top, bottom := y < in.Top, y >= 20-in.Bottom
				left, right := !top && !bottom && x < in.Left, !top && !bottom && x >= 30-in.Right
				line := top && y == in.Top-1 || bottom && y == 20-in.Bottom ||
					left && x == in.Left-1 || right && x == 30-in.Right
				want := plain
				if top || bottom || left || right {
					want = veiled
				}
				if line {
					want = lined
				}
				if got := m.RGBAAt(b.Min.X+x, b.Min.Y+y); got != want {
					t.Fatalf("%+v: (%d,%d) = %v, want %v", in, x, y, got, want)
				}
			}
		}
	}
}
