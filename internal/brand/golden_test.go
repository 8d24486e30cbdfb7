package brand

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"picmark/internal/geom"
	"picmark/internal/preset"
)

var update = flag.Bool("update", false, "rewrite the golden images and the example kit in testdata/")

// backdrop is a small photo-like gradient, so that bands, shadows and
// transparency show.
func backdrop(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(40 + 180*x/w), uint8(90 + 120*y/h), uint8(200 - 150*x/w), 255})
		}
	}
	return m
}

// discLogo is a soft-edged orange disc on transparency, like a PNG logo.
func discLogo(n int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, n, n))
	r := float64(n) / 2
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x)-r+0.5, float64(y)-r+0.5
			d := dx*dx + dy*dy
			a := 0.0
			switch {
			case d < (r-4)*(r-4):
				a = 1
			case d < (r-1)*(r-1):
				a = ((r-1)*(r-1) - d) / ((r-1)*(r-1) - (r-4)*(r-4))
			}
			m.SetNRGBA(x, y, color.NRGBA{240, 120, 20, uint8(a * 255)})
		}
	}
	return m
}

func mustFont(t testing.TB, name string) *Text {
	f, err := Font(name)
	if err != nil {
		t.Fatal(err)
	}
	return &Text{Font: f}
}

// TestGolden draws small kits and compares them with PNGs in testdata/,
// looked at once by a person; regenerate with go test ./internal/brand -update.
func TestGolden(t *testing.T) {
	navy := color.NRGBA{20, 40, 110, 220}
	band := mustFont(t, "bold")
	band.Content, band.Size, band.Color, band.Band, band.Anchor = "Summer sale\n30% off", 0.1, color.NRGBA{255, 255, 255, 255}, &navy, geom.BottomLeft
	shadow := mustFont(t, "italic")
	shadow.Content, shadow.Size, shadow.Shadow, shadow.Anchor = "@acme.studio", 0.12, true, geom.Top
	price := color.NRGBA{200, 30, 40, 255}
	corner := []*Text{
		{Content: "Coffret découverte « Thés verts » – édition limitée", Anchor: geom.BottomRight, Band: &navy, Size: 0.05},
		{Content: "1\u00a0249,90\u00a0€", Anchor: geom.BottomRight, Badge: true, Band: &price, Size: 0.07},
		{Content: "Livraison offerte dès 49\u00a0€", Anchor: geom.BottomRight, Shadow: true, Size: 0.04},
		{Content: "Nouveau", Anchor: geom.Bottom, Badge: true, Size: 0.05},
	}
	tests := []struct {
		name string
		kit  *Kit
		safe preset.Insets
		size image.Point // 240×135 when zero
	}{
		{"captions-corner", &Kit{Logo: &Logo{Image: discLogo(40), Scale: 0.2, Opacity: 1}, Texts: corner}, preset.Insets{Bottom: 30}, image.Pt(270, 405)},
		{"text-band", &Kit{Texts: []*Text{band}}, preset.Insets{Bottom: 20}, image.Point{}},
		{"text-shadow", &Kit{Texts: []*Text{shadow}}, preset.Insets{}, image.Point{}},
		{"tile-text", &Kit{Tile: &Tile{Text: "ACME", Angle: 30, Opacity: 0.5, Size: 0.08}}, preset.Insets{Left: 30, Right: 30}, image.Point{}},
		{"tile-logo", &Kit{Logo: &Logo{Image: discLogo(40), Scale: 0.15, Opacity: 1, Anchor: At(geom.TopLeft)},
			Tile: &Tile{Angle: -20, Opacity: 0.4, Scale: 0.1}}, preset.Insets{Top: 15, Bottom: 15}, image.Point{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.size == (image.Point{}) {
				tt.size = image.Pt(240, 135)
			}
			got := backdrop(tt.size.X, tt.size.Y)
			tt.kit.Draw(got, tt.safe)
			path := filepath.Join("testdata", tt.name+".png")
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
				t.Fatalf("%v (run go test ./internal/brand -update)", err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want := image.NewRGBA(img.Bounds())
			draw.Draw(want, want.Rect, img, img.Bounds().Min, draw.Src)
			// Float rounding may differ slightly between amd64 and wasm.
			if d := maxDiff(got, want); d > 2 {
				t.Errorf("differs from %s by up to %d per channel (if intended, run -update and look at it)", path, d)
			}
		})
	}
}

func maxDiff(a, b *image.RGBA) int {
	if a.Rect != b.Rect {
		return 256
	}
	d := 0
	for i := range a.Pix {
		v := int(a.Pix[i]) - int(b.Pix[i])
		d = max(d, v, -v)
	}
	return d
}
