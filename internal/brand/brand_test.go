package brand

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"testing"

	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

func TestLogoRect(t *testing.T) {
	tests := []struct {
		name         string
		canvas       image.Rectangle
		safe         preset.Insets
		logoW, logoH int
		scale        float64
		want         image.Rectangle
	}{
		// 1000 wide: margin 30, logo 200×100.
		{"pin", image.Rect(0, 0, 1000, 1500), preset.Insets{}, 400, 200, 0.2, image.Rect(770, 1370, 970, 1470)},
		// the bottom 150 belong to Snapchat's buttons.
		{"story", image.Rect(0, 0, 1080, 1920), preset.Insets{Top: 150, Bottom: 150}, 100, 100, 0.2, image.Rect(832, 1522, 1048, 1738)},
		{"right inset", image.Rect(0, 0, 1280, 720), preset.Insets{Right: 200, Bottom: 100}, 50, 25, 0.1, image.Rect(914, 518, 1042, 582)},
		{"default scale", image.Rect(0, 0, 1000, 1000), preset.Insets{}, 10, 10, 0, image.Rect(770, 770, 970, 970)},
		{"shrunk to fit height", image.Rect(0, 0, 1000, 100), preset.Insets{}, 10, 10, 0.5, image.Rect(930, 30, 970, 70)},
		{"tiny canvas margin 4", image.Rect(0, 0, 40, 40), preset.Insets{}, 1, 1, 0.25, image.Rect(26, 26, 36, 36)},
		{"odd origin", image.Rect(100, 100, 200, 200), preset.Insets{}, 10, 10, 0.2, image.Rect(176, 176, 196, 196)},
		{"no room", image.Rect(0, 0, 8, 8), preset.Insets{}, 10, 10, 0.2, image.Rectangle{}},
		{"empty logo", image.Rect(0, 0, 100, 100), preset.Insets{}, 0, 10, 0.2, image.Rectangle{}},
		// 92 px are free across (100 minus two 4 px margins): the logo is shrunk, its aspect kept.
		{"shrunk to fit width", image.Rect(0, 0, 100, 1000), preset.Insets{}, 10, 10, 1, image.Rect(4, 904, 96, 996)},
		{"shrunk to fit width, wide logo", image.Rect(0, 0, 100, 1000), preset.Insets{}, 20, 10, 1, image.Rect(4, 950, 96, 996)},
		// Exactly MinLogoSide free, across or down: the smallest logo still fits.
		{"smallest across", image.Rect(0, 0, 18, 30), preset.Insets{}, 1, 1, 0.25, image.Rect(4, 16, 14, 26)},
		{"smallest down", image.Rect(0, 0, 30, 18), preset.Insets{}, 1, 1, 0.25, image.Rect(16, 4, 26, 14)},
		{"one pixel short", image.Rect(0, 0, 17, 30), preset.Insets{}, 1, 1, 0.25, image.Rectangle{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LogoRect(tt.canvas, tt.safe, tt.logoW, tt.logoH, tt.scale)
			if got != tt.want {
				t.Errorf("LogoRect = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLogoRectEveryPreset: whatever the logo's shape, it stays inside the
// safe area, with its margin, on every built-in preset.
func TestLogoRectEveryPreset(t *testing.T) {
	shapes := [][2]int{{400, 200}, {100, 100}, {50, 400}, {3000, 100}}
	for _, p := range preset.All() {
		h := p.Height
		if p.WidthOnly() {
			h = p.MaxHeight
		}
		canvas := image.Rect(0, 0, p.Width, h)
		safe := image.Rect(p.Safe.Left, p.Safe.Top, p.Width-p.Safe.Right, h-p.Safe.Bottom)
		for _, s := range shapes {
			for _, scale := range []float64{0.05, 0.2, 0.5, 1} {
				r := LogoRect(canvas, p.Safe, s[0], s[1], scale)
				if r.Empty() {
					t.Errorf("%s: logo %v at %v does not fit", p.ID, s, scale)
					continue
				}
				if !r.In(safe) || r.Max.X > safe.Max.X-4 || r.Max.Y > safe.Max.Y-4 {
					t.Errorf("%s: logo %v at %v lands at %v, outside the safe area %v with its margin", p.ID, s, scale, r, safe)
				}
				// At most scale × width, unless grown to MinLogoSide.
				want := int(float64(p.Width) * scale)
				if grown := MinLogoSide * max(s[0], s[1]) / min(s[0], s[1]); grown > want {
					want = grown
				}
				if r.Dx() > want+1 {
					t.Errorf("%s: logo %d wide, want at most %d", p.ID, r.Dx(), want)
				}
				if min(r.Dx(), r.Dy()) < MinLogoSide {
					t.Errorf("%s: logo %v smaller than %d px", p.ID, r, MinLogoSide)
				}
			}
		}
	}
}

func TestLogoRectAnchors(t *testing.T) {
	// 1000×500 canvas, left inset 100: safe area x 100..1000; margin 30;
	// a 2:1 logo at scale 0.2 is 200×100.
	canvas, safe := image.Rect(0, 0, 1000, 500), preset.Insets{Left: 100}
	tests := []struct {
		anchor *geom.Anchor
		margin float64
		want   image.Rectangle
	}{
		{nil, 0, image.Rect(770, 370, 970, 470)},
		{At(geom.TopLeft), 0, image.Rect(130, 30, 330, 130)},
		{At(geom.Top), 0, image.Rect(450, 30, 650, 130)},
		{At(geom.Center), 0, image.Rect(450, 200, 650, 300)},
		{At(geom.Left), 0.05, image.Rect(150, 200, 350, 300)},
		{At(geom.BottomLeft), -1, image.Rect(100, 400, 300, 500)},
		{At(geom.Right), 0.001, image.Rect(796, 200, 996, 300)}, // at least MinMargin
	}
	for _, tt := range tests {
		name := "nil"
		if tt.anchor != nil {
			name = tt.anchor.String()
		}
		t.Run(name, func(t *testing.T) {
			l := &Logo{Image: solid(40, 20, color.NRGBA{A: 255}), Scale: 0.2, Anchor: tt.anchor, Margin: tt.margin}
			if got := l.Rect(canvas, safe); got != tt.want {
				t.Errorf("Rect = %v, want %v", got, tt.want)
			}
		})
	}
}

func solid(w, h int, c color.Color) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, c)
		}
	}
	return m
}

func grey(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	if len(m.Pix) == 0 {
		return m
	}
	copy(m.Pix, []uint8{200, 200, 200, 255})
	for n := 4; n < len(m.Pix); n *= 2 {
		copy(m.Pix[n:], m.Pix[:n])
	}
	return m
}

func TestDraw(t *testing.T) {
	red := color.NRGBA{255, 0, 0, 255}
	tests := []struct {
		name    string
		logo    *Logo
		safe    preset.Insets
		want    color.RGBA // at the centre of the logo rect
		drawn   bool
		outside color.RGBA // just outside the rect: untouched
	}{
		{"opaque", &Logo{Image: solid(40, 20, red), Scale: 0.2, Opacity: 1}, preset.Insets{}, color.RGBA{255, 0, 0, 255}, true, color.RGBA{200, 200, 200, 255}},
		{"half", &Logo{Image: solid(40, 20, red), Scale: 0.2, Opacity: 0.5}, preset.Insets{Bottom: 50}, color.RGBA{228, 100, 100, 255}, true, color.RGBA{200, 200, 200, 255}},
		{"transparent logo", &Logo{Image: solid(40, 20, color.NRGBA{}), Scale: 0.2, Opacity: 1}, preset.Insets{}, color.RGBA{200, 200, 200, 255}, true, color.RGBA{200, 200, 200, 255}},
		{"zero opacity", &Logo{Image: solid(40, 20, red), Scale: 0.2, Opacity: 0}, preset.Insets{}, color.RGBA{200, 200, 200, 255}, false, color.RGBA{200, 200, 200, 255}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := grey(300, 400)
			tt.logo.Draw(dst, tt.safe)
			r := tt.logo.Rect(dst.Bounds(), tt.safe)
			c := r.Min.Add(r.Size().Div(2))
			if got := dst.RGBAAt(c.X, c.Y); !near(got, tt.want, 2) {
				t.Errorf("centre of %v = %v, want %v", r, got, tt.want)
			}
			if got := dst.RGBAAt(r.Min.X-1, r.Min.Y-1); got != tt.outside {
				t.Errorf("outside the logo = %v, want %v", got, tt.outside)
			}
			if tt.drawn && r.Max.Y > 400-tt.safe.Bottom {
				t.Errorf("logo %v reaches into the bottom inset", r)
			}
		})
	}
	t.Run("nil logo", func(t *testing.T) {
		var l *Logo
		l.Draw(grey(10, 10), preset.Insets{}) // must not panic
	})
	// Opacity 0.5 is alpha 0.5 × 255 = 127.5, rounded to 128: over white,
	// a red logo leaves 255 − 128 of green and blue.
	t.Run("half is 128 of 255", func(t *testing.T) {
		dst := image.NewRGBA(image.Rect(0, 0, 300, 400))
		for i := range dst.Pix {
			dst.Pix[i] = 255
		}
		l := &Logo{Image: solid(40, 20, red), Scale: 0.2, Opacity: 0.5}
		l.Draw(dst, preset.Insets{})
		r := l.Rect(dst.Bounds(), preset.Insets{})
		if got := dst.RGBAAt(r.Min.X+r.Dx()/2, r.Min.Y+r.Dy()/2); got != (color.RGBA{255, 127, 127, 255}) {
			t.Errorf("centre = %v, want {255 127 127 255}", got)
		}
	})
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) bool { v := int(x) - int(y); return v >= -tol && v <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

func TestDecodeLogo(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, solid(8, 4, color.NRGBA{0, 0, 255, 100})); err != nil {
		t.Fatal(err)
	}
	img, err := DecodeLogo(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := img.At(1, 1).RGBA(); a>>8 != 100 {
		t.Errorf("alpha = %d, want 100 kept", a>>8)
	}
	big := bytes.Buffer{}
	if err := png.Encode(&big, image.NewGray(image.Rect(0, 0, 5000, 10))); err != nil {
		t.Fatal(err)
	}
	var le *imgio.LimitError
	if _, err := DecodeLogo(big.Bytes()); !errors.As(err, &le) {
		t.Errorf("5000 px wide logo: err = %v, want a LimitError", err)
	}
	for _, svg := range []string{"<svg/>", "\xef\xbb\xbf  <?xml version=\"1.0\"?><svg/>", "\n<!DOCTYPE svg><svg/>", "<SVG/>"} {
		if _, err := DecodeLogo([]byte(svg)); !errors.Is(err, ErrSVG) {
			t.Errorf("%q: err = %v, want ErrSVG", svg, err)
		}
	}
	if ErrSVG.Error() != "is an SVG, which the command line cannot draw: export the logo as a PNG" {
		t.Errorf("ErrSVG = %q", ErrSVG)
	}
	if _, err := DecodeLogo([]byte("<html>")); !errors.Is(err, imgio.ErrNotImage) {
		t.Errorf("html: err = %v, want ErrNotImage", err)
	}
}
