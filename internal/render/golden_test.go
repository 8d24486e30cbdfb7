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

func TestGolden(t *testing.T) {
	tests := []struct {
		name  string
		photo image.Image
		p     preset.Preset
		logo  *brand.Logo
	}{
		{"portrait-crop-logo", scene(300, 200), preset.Preset{Width: 120, Height: 180, Safe: preset.Insets{Bottom: 30}}, circleLogo()},
		{"width-only-capped", scene(300, 200), preset.Preset{Width: 150, MaxHeight: 80}, circleLogo()},
		{"upscaled-flattened", translucent(40, 30), preset.Preset{Width: 90, Height: 90}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := Image(tt.photo, tt.p, tt.logo)
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
				t.Fatalf("%v (run go test ./internal/render -update)", err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want := image.NewRGBA(img.Bounds())
			for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
					want.Set(x, y, img.At(x, y))
				}
			}
			// Float rounding may differ by one between amd64 and wasm.
			if d := maxDiff(got, want); d > 2 {
				t.Errorf("differs from %s by up to %d per channel (if intended, run -update and look at it)", path, d)
			}
		})
	}
}
