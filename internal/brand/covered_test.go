package brand

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand"
	"slices"
	"testing"

	"picmark/internal/geom"
	"picmark/internal/preset"
)

// TestCoveredLiteral: stripes of drawn rows, each as wide as its rows;
// the union past maxPieces; nil for a transparent layer; odd origins.
func TestCoveredLiteral(t *testing.T) {
	dot := func(m *image.RGBA, x, y int) { m.SetRGBA(x, y, color.RGBA{0, 0, 0, 1}) }
	tests := []struct {
		name string
		rect image.Rectangle
		dots [][2]int
		want []image.Rectangle
	}{
		{"transparent", image.Rect(0, 0, 6, 6), nil, nil},
		{"one pixel", image.Rect(0, 0, 6, 6), [][2]int{{2, 3}}, []image.Rectangle{image.Rect(2, 3, 3, 4)}},
		{"corner stripe", image.Rect(0, 0, 6, 6), [][2]int{{5, 4}, {3, 5}}, []image.Rectangle{image.Rect(3, 4, 6, 6)}},
		{"two stripes", image.Rect(0, 0, 6, 6), [][2]int{{0, 0}, {1, 1}, {4, 4}}, []image.Rectangle{image.Rect(0, 0, 2, 2), image.Rect(4, 4, 5, 5)}},
		{"odd origin", image.Rect(-3, 10, 3, 16), [][2]int{{-3, 10}, {2, 15}}, []image.Rectangle{image.Rect(-3, 10, -2, 11), image.Rect(2, 15, 3, 16)}},
		{"maxPieces stripes", image.Rect(0, 0, 4, 2*maxPieces), [][2]int{{1, 0}, {2, 2}, {1, 4}, {3, 6}, {0, 8}, {1, 10}, {1, 12}, {1, 14}},
			[]image.Rectangle{image.Rect(1, 0, 2, 1), image.Rect(2, 2, 3, 3), image.Rect(1, 4, 2, 5), image.Rect(3, 6, 4, 7),
				image.Rect(0, 8, 1, 9), image.Rect(1, 10, 2, 11), image.Rect(1, 12, 2, 13), image.Rect(1, 14, 2, 15)}},
		{"more than maxPieces", image.Rect(0, 0, 4, 2*maxPieces+2), [][2]int{{1, 0}, {2, 2}, {1, 4}, {3, 6}, {0, 8}, {1, 10}, {1, 12}, {1, 14}, {2, 16}},
			[]image.Rectangle{image.Rect(0, 0, 4, 17)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := image.NewRGBA(tt.rect)
			for _, d := range tt.dots {
				dot(m, d[0], d[1])
			}
			if got := Covered(m); !slices.Equal(got, tt.want) {
				t.Errorf("Covered = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCoveredKits: for real kits on real preset sizes, laying only the
// pieces over a photo gives the very pixels the whole layer gives, and
// a logo's pieces cover no more than the logo.
func TestCoveredKits(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, p := range presetsOf(t, "pinterest-pin,snapchat-story") {
		canvas := image.Rect(0, 0, p.Width, p.Height)
		photo := image.NewRGBA(canvas)
		rng.Read(photo.Pix)
		for i := 3; i < len(photo.Pix); i += 4 {
			photo.Pix[i] = 255
		}
		for _, a := range []geom.Anchor{geom.TopLeft, geom.BottomRight} {
			for name, k := range kits(a, rng) {
				layer := image.NewRGBA(canvas)
				k.Draw(layer, p.Safe)
				pieces := Covered(layer)
				whole := image.NewRGBA(canvas)
				draw.Draw(whole, canvas, photo, image.Point{}, draw.Src)
				draw.Draw(whole, canvas, layer, image.Point{}, draw.Over)
				laid := image.NewRGBA(canvas)
				draw.Draw(laid, canvas, photo, image.Point{}, draw.Src)
				area := 0
				for _, r := range pieces {
					draw.Draw(laid, r, layer, r.Min, draw.Over)
					area += r.Dx() * r.Dy()
				}
				if !slices.Equal(whole.Pix, laid.Pix) {
					t.Errorf("%s %v %s: the pieces %v do not give the whole layer's pixels", p.ID, a, name, pieces)
				}
				if r := k.Rects(canvas, p.Safe)[0].Rect; name == "logo" && area > r.Dx()*r.Dy() {
					t.Errorf("%s %v: a logo at %v, its pieces %v cover %d px", p.ID, a, r, pieces, area)
				}
				if len(pieces) == 0 || len(pieces) > maxPieces {
					t.Errorf("%s %v %s: %d pieces", p.ID, a, name, len(pieces))
				}
			}
		}
	}
}

// TestDrawOnPart: drawn on a part of the canvas (its Extent, or any other
// part), a kit gives the very pixels it gives on the whole canvas there,
// and nothing lies outside its Extent.
func TestDrawOnPart(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for _, p := range presetsOf(t, "pinterest-pin,snapchat-story,x-post") {
		canvas := image.Rect(0, 0, p.Width, p.Height)
		for _, a := range []geom.Anchor{geom.TopLeft, geom.Center, geom.BottomRight} {
			for name, k := range kits(a, rng) {
				whole := image.NewRGBA(canvas)
				k.Draw(whole, p.Safe)
				ext := k.Extent(canvas, p.Safe)
				for _, r := range Covered(whole) {
					if !r.In(ext) {
						t.Errorf("%s %v %s: drawn at %v, outside the Extent %v", p.ID, a, name, r, ext)
					}
				}
				x0, y0 := rng.Intn(p.Width/2), rng.Intn(p.Height/2)
				for _, part := range []image.Rectangle{ext, image.Rect(x0, y0, x0+p.Width/2, y0+p.Height/2)} {
					if part.Empty() {
						continue
					}
					m := image.NewRGBA(part)
					k.DrawOn(m, canvas, p.Safe)
					want := whole.SubImage(part).(*image.RGBA)
					for y := part.Min.Y; y < part.Max.Y; y++ {
						got, w := m.Pix[m.PixOffset(part.Min.X, y):m.PixOffset(part.Max.X-1, y)+4], want.Pix[want.PixOffset(part.Min.X, y):want.PixOffset(part.Max.X-1, y)+4]
						if !slices.Equal(got, w) {
							t.Fatalf("%s %v %s: DrawOn %v differs from Draw at row %d", p.ID, a, name, part, y)
						}
					}
				}
			}
		}
	}
}

// presetsOf are the presets ids; at half their size, safe zones included,
// under go test -short (make mutate runs the tests once per mutant).
func presetsOf(t *testing.T, ids string) []preset.Preset {
	t.Helper()
	ps, err := preset.Parse(ids)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		for i, p := range ps {
			p.Width, p.Height, p.MaxHeight = p.Width/2, p.Height/2, p.MaxHeight/2
			p.Safe = preset.Insets{Top: p.Safe.Top / 2, Right: p.Safe.Right / 2, Bottom: p.Safe.Bottom / 2, Left: p.Safe.Left / 2}
			ps[i] = p
		}
	}
	return ps
}
