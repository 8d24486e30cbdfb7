package brand

import (
	"image"
	"image/color"
	"testing"

	"picmark/internal/preset"
)

// brick is the tiled watermark as its contract draws it: w×h stamps, gap
// apart, one centred on area, every other row shifted by half a step,
// repeated until they cover area, each clipped to it. It marks them in a
// canvas-sized grid.
func brick(canvas, area image.Rectangle, w, h, gap int) [][]bool {
	on := make([][]bool, canvas.Dy())
	for y := range on {
		on[y] = make([]bool, canvas.Dx())
	}
	sx, sy := w+gap, h+gap
	cx, cy := area.Min.X+(area.Dx()-w)/2, area.Min.Y+(area.Dy()-h)/2
	for j := -50; j <= 50; j++ {
		x0 := cx
		if j%2 != 0 {
			x0 += sx / 2
		}
		for i := -50; i <= 50; i++ {
			r := image.Rect(x0+i*sx, cy+j*sy, x0+i*sx+w, cy+j*sy+h).Intersect(area)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					on[y-canvas.Min.Y][x-canvas.Min.X] = true
				}
			}
		}
	}
	return on
}

// TestTileLayout: a logo tile, unturned and opaque, lands exactly where the
// brick pattern says, at its size: the logo Scale × the output width (its
// aspect kept), grown to MinLogoSide, shrunk to half the safe area; the gap
// Spacing × the width (DefaultTileSpacing when 0, MinMargin at least).
// Its opacity is the tile's (DefaultTileOpacity when 0).
func TestTileLayout(t *testing.T) {
	red := color.NRGBA{255, 0, 0, 255}
	tests := []struct {
		name      string
		canvas    image.Rectangle
		safe      preset.Insets
		logo      image.Point
		tile      Tile
		w, h, gap int
		alpha     uint8
	}{
		{"defaults", image.Rect(0, 0, 1000, 600), preset.Insets{}, image.Pt(40, 20), Tile{}, 120, 60, 80, 51},
		{"scale and spacing", image.Rect(0, 0, 1000, 600), preset.Insets{Top: 50, Left: 100}, image.Pt(40, 20), Tile{Scale: 0.2, Spacing: 0.05, Opacity: 1}, 200, 100, 50, 255},
		{"tall logo", image.Rect(0, 0, 1000, 600), preset.Insets{}, image.Pt(20, 40), Tile{Scale: 0.1, Spacing: 0.02, Opacity: 1}, 100, 200, 20, 255},
		{"half the safe area at most", image.Rect(0, 0, 1000, 600), preset.Insets{Right: 600}, image.Pt(40, 20), Tile{Scale: 0.5, Spacing: 0.01, Opacity: 1}, 200, 100, 10, 255},
		{"half the height at most", image.Rect(0, 0, 1000, 300), preset.Insets{}, image.Pt(40, 20), Tile{Scale: 0.5, Spacing: 0.01, Opacity: 1}, 300, 150, 10, 255},
		{"no gap", image.Rect(0, 0, 1000, 600), preset.Insets{}, image.Pt(40, 20), Tile{Scale: 0.15, Spacing: -1, Opacity: 1}, 150, 75, 0, 255},
		{"grown to the smallest legible", image.Rect(10, 20, 210, 220), preset.Insets{}, image.Pt(40, 20), Tile{Scale: 0.02, Spacing: 0.001, Opacity: 1}, 20, 10, MinMargin, 255},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.tile.Angle = 0
			k := &Kit{Logo: &Logo{Image: solid(tt.logo.X, tt.logo.Y, red), Opacity: 0}, Tile: &tt.tile} // the logo itself is not drawn
			dst := image.NewRGBA(tt.canvas)
			k.Draw(dst, tt.safe)
			area := image.Rect(tt.canvas.Min.X+tt.safe.Left, tt.canvas.Min.Y+tt.safe.Top, tt.canvas.Max.X-tt.safe.Right, tt.canvas.Max.Y-tt.safe.Bottom)
			want := brick(tt.canvas, area, tt.w, tt.h, tt.gap)
			bad := 0
			for y := tt.canvas.Min.Y; y < tt.canvas.Max.Y; y++ {
				for x := tt.canvas.Min.X; x < tt.canvas.Max.X; x++ {
					a := dst.RGBAAt(x, y).A
					if w := want[y-tt.canvas.Min.Y][x-tt.canvas.Min.X]; w && a != tt.alpha || !w && a != 0 {
						if bad++; bad <= 3 {
							t.Errorf("pixel (%d,%d): alpha %d, want %d", x, y, a, map[bool]uint8{true: tt.alpha}[w])
						}
					}
				}
			}
			if bad > 3 {
				t.Errorf("… %d pixels off the %d×%d stamps %d apart", bad, tt.w, tt.h, tt.gap)
			}
		})
	}
}

// TestTileText: a text tile is sized like a text (Size × the shorter
// side, DefaultTileSize when 0) and shrinks to four fifths of the safe
// area when it is too long for it.
func TestTileText(t *testing.T) {
	canvas := image.Rect(0, 0, 1000, 500)
	// stamp is the ink of the one stamp in the area: the gap (half the
	// width) keeps the others out.
	stamp := func(tl *Tile) image.Rectangle {
		tl.Angle, tl.Opacity, tl.Spacing = 0, 1, 1
		dst := image.NewRGBA(canvas)
		(&Kit{Tile: tl}).Draw(dst, preset.Insets{})
		var b image.Rectangle
		for y := 0; y < 500; y++ {
			for x := 0; x < 1000; x++ {
				if dst.RGBAAt(x, y).A != 0 {
					b = b.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		return b
	}
	def, zero := stamp(&Tile{Text: "ACME", Size: DefaultTileSize}), stamp(&Tile{Text: "ACME"})
	if def != zero || def.Empty() {
		t.Errorf("size 0 draws %v, the default size %v", zero, def)
	}
	if big := stamp(&Tile{Text: "ACME", Size: 2 * DefaultTileSize}); big.Dy() < def.Dy()*3/2 {
		t.Errorf("twice the size draws %v, the default %v", big, def)
	}
	// One long word: a single stamp, shrunk by tenths until it fits 800 px;
	// four lines, until they fit 400 px.
	long := stamp(&Tile{Text: "Supercalifragilisticexpialidocious", Size: 0.5})
	if long.Dx() > 800 || long.Dx() < 800*8/10 {
		t.Errorf("a long tile text spans %d px of a 1000 px area, want 640–800: four fifths", long.Dx())
	}
	tall := stamp(&Tile{Text: "A\nB\nC\nD", Size: 0.5})
	if tall.Dy() > 400 || tall.Dy() < 400*6/10 {
		t.Errorf("a tall tile text spans %d px of a 500 px area, want 240–400: four fifths", tall.Dy())
	}
}
