package render

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/geom"
	"picmark/internal/preset"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// circleLogo is a soft-edged orange disc on transparency, like a PNG logo.
func circleLogo() *brand.Logo {
	const n = 40
	m := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x)-n/2+0.5, float64(y)-n/2+0.5
			d := dx*dx + dy*dy
			a := 0.0
			switch {
			case d < 16*16:
				a = 1
			case d < 19*19:
				a = (19*19 - d) / (19*19 - 16*16)
			}
			m.SetNRGBA(x, y, color.NRGBA{240, 120, 20, uint8(a * 255)})
		}
	}
	return &brand.Logo{Image: m, Scale: 0.25, Opacity: 0.85}
}

// translucent is a scene whose right half fades out, to show flattening.
func translucent(w, h int) *image.NRGBA {
	s := scene(w, h)
	m := image.NewNRGBA(s.Rect)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := s.RGBAAt(x, y)
			a := uint8(255)
			if x >= w/2 {
				a = uint8(255 - 255*(x-w/2)/(w/2))
			}
			m.SetNRGBA(x, y, color.NRGBA{c.R, c.G, c.B, a})
		}
	}
	return m
}

// subjectScene is scene with a vivid, detailed, skin-toned patch in its
// right third: what the smart strategy should keep.
func subjectScene(w, h int) *image.RGBA {
	m := scene(w, h)
	for y := h * 3 / 8; y < h*5/8; y++ {
		for x := w * 3 / 4; x < w*7/8; x++ {
			c := color.RGBA{224, 150, 110, 255}
			if (x/4+y/4)%2 == 0 {
				c = color.RGBA{200, 40, 30, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// TestGolden renders tiny outputs for each strategy and fit mode and
// compares them with testdata/*.png. After an intended change, run
// go test ./internal/render -update and look at every image that changed.
func TestGolden(t *testing.T) {
	story := preset.Preset{Width: 90, Height: 160, Safe: preset.Insets{Top: 12, Bottom: 17}}
	portrait := preset.Preset{Width: 120, Height: 180, Safe: preset.Insets{Bottom: 30}}
	tests := []struct {
		name  string
		photo func(testing.TB) image.Image
		p     preset.Preset
		spec  Spec
	}{
		{"portrait-crop-logo", img(scene(300, 200)), portrait, Spec{Brand: kit(circleLogo())}},
		{"width-only-capped", img(scene(300, 200)), preset.Preset{Width: 150, MaxHeight: 80}, Spec{Brand: kit(circleLogo())}},
		{"upscaled-flattened", img(translucent(40, 30)), preset.Preset{Width: 90, Height: 90}, Spec{}},
		{"anchor-top-left", img(scene(300, 200)), portrait, Spec{Crop: crop.Strategy{Kind: crop.Anchored, Anchor: geom.TopLeft}}},
		{"focal-right", img(subjectScene(300, 200)), portrait, Spec{Crop: crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.9, Y: 0.5}}}},
		{"smart-subject", img(subjectScene(300, 200)), portrait, Spec{Crop: crop.Strategy{Kind: crop.Smart}}},
		{"smart-group-story", func(t testing.TB) image.Image { return group(t, []float64{0.3, 0.42, 0.54}) }, story, Spec{Crop: crop.Strategy{Kind: crop.Smart}}},
		{"fit-pad", img(scene(300, 200)), story, Spec{Fit: FitPad, Pad: color.NRGBA{20, 30, 80, 255}, Brand: kit(circleLogo())}},
		{"fit-blur", img(scene(300, 200)), story, Spec{Fit: FitBlur, Brand: kit(circleLogo())}},
		{"fit-blur-panorama", img(scene(800, 100)), story, Spec{Fit: FitBlur}},
		{"fit-pad-screenshot-header", img(scene(60, 600)), preset.Preset{Width: 150, Height: 50}, Spec{Fit: FitPad}},
		{"fit-blur-translucent", img(translucent(40, 30)), story, Spec{Fit: FitBlur}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := Image(tt.photo(t), tt.p, tt.spec)
			checkGolden(t, filepath.Join("testdata", tt.name+".png"), got)
		})
	}
}

// checkGolden compares got with the golden PNG at path, or rewrites it with
// -update (then look at it once).
func checkGolden(t *testing.T, path string, got *image.RGBA) {
	t.Helper()
	if *update {
		var b bytes.Buffer
		if err := png.Encode(&b, got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/render -update)", err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := image.NewRGBA(m.Bounds())
	for y := m.Bounds().Min.Y; y < m.Bounds().Max.Y; y++ {
		for x := m.Bounds().Min.X; x < m.Bounds().Max.X; x++ {
			want.Set(x, y, m.At(x, y))
		}
	}
	if want.Rect != got.Rect {
		t.Fatalf("size %v, golden %s is %v", got.Rect, path, want.Rect)
	}
	// Float rounding may differ by one between amd64 and wasm.
	if d := maxDiff(got, want); d > 2 {
		t.Errorf("differs from %s by up to %d per channel (if intended, run -update and look at it)", path, d)
	}
}

func img(m image.Image) func(testing.TB) image.Image {
	return func(testing.TB) image.Image { return m }
}
