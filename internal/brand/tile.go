package brand

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font/sfnt"
)

// Defaults for a tiled watermark: faint, diagonal, small enough to repeat.
const (
	DefaultTileScale   = 0.12 // logo width as a share of the output width
	DefaultTileSize    = 0.04 // text size as a share of the output's shorter side
	DefaultTileSpacing = 0.08 // gap between tiles as a share of the output width
	DefaultTileOpacity = 0.2
	DefaultTileAngle   = 30
)

// Tile is a watermark repeated over the whole safe area: the kit's logo,
// or Text when the kit has no logo.
type Tile struct {
	Text    string      // drawn when the kit has no logo
	Font    *sfnt.Font  // for Text; nil means the bundled "bold"
	Color   color.NRGBA // for Text; the zero value means white
	Size    float64     // Text size as a share of the output's shorter side; <= 0 means DefaultTileSize
	Scale   float64     // logo width as a share of the output width; <= 0 means DefaultTileScale
	Angle   float64     // degrees, counter-clockwise
	Spacing float64     // gap between tiles as a share of the output width; 0 means DefaultTileSpacing, negative none
	Opacity float64     // 0 < opacity <= 1; <= 0 means DefaultTileOpacity
}

// tileImage makes the rotated, faded tile for a canvas whose safe area is
// area, from logo (when not nil) or t.Text; ok is false when nothing
// legible fits. Without pixels it only decides (m is nil).
func (t *Tile) tileImage(canvas, area image.Rectangle, logo image.Image, pixels bool) (m *image.NRGBA, ok bool) {
	if logo != nil {
		b := logo.Bounds()
		scale := t.Scale
		if scale <= 0 || math.IsNaN(scale) {
			scale = DefaultTileScale
		}
		w := min(scale, 1) * float64(canvas.Dx())
		h := w * float64(b.Dy()) / float64(b.Dx())
		if s := min(w, h); s < MinLogoSide {
			w, h = w*MinLogoSide/s, h*MinLogoSide/s
		}
		// A tile larger than half the safe area would not repeat.
		if f := min(float64(area.Dx())/2/w, float64(area.Dy())/2/h); f < 1 {
			w, h = w*f, h*f
		}
		iw, ih := int(math.Round(w)), int(math.Round(h))
		if min(iw, ih) < MinLogoSide {
			return nil, false
		}
		if !pixels {
			return nil, true
		}
		m = imaging.Resize(logo, iw, ih, imaging.Lanczos)
	} else {
		f := t.Font
		if f == nil {
			var err error
			if f, err = Font("bold"); err != nil {
				return nil, false
			}
		}
		size := t.Size
		if size <= 0 || math.IsNaN(size) {
			size = DefaultTileSize
		}
		px := max(MinTextPx, min(size, 1)*float64(min(canvas.Dx(), canvas.Dy())))
		l := fit(f, t.Text, px, area.Dx()*4/5, area.Dy()*4/5, style{})
		if l == nil {
			return nil, false
		}
		if !pixels {
			return nil, true
		}
		l.alignFx = 1
		mask := l.mask()
		m = image.NewNRGBA(mask.Rect)
		draw.DrawMask(m, m.Rect, image.NewUniform(orWhite(t.Color)), image.Point{}, mask, image.Point{}, draw.Src)
	}
	if a := math.Mod(t.Angle, 360); a != 0 && !math.IsNaN(a) {
		m = imaging.Rotate(m, a, color.Transparent)
	}
	op := t.Opacity
	if op <= 0 || math.IsNaN(op) {
		op = DefaultTileOpacity
	}
	fade(m, op)
	return m, true
}

// stamp repeats m over area on dst in a brick pattern centred on the area,
// every stamp clipped to area: nothing lands outside it.
func (t *Tile) stamp(dst *image.RGBA, canvas, area image.Rectangle, m *image.NRGBA) {
	tw, th := m.Rect.Dx(), m.Rect.Dy()
	gap := marginPx(canvas, t.Spacing)
	if t.Spacing == 0 {
		gap = max(MinMargin, int(math.Round(DefaultTileSpacing*float64(canvas.Dx()))))
	}
	sx, sy := tw+gap, th+gap
	cx := area.Min.X + (area.Dx()-tw)/2
	cy := area.Min.Y + (area.Dy()-th)/2
	// First row and column at or before the area's top-left corner.
	j0 := -ceilDiv(cy-area.Min.Y+th, sy) - 1
	for j := j0; ; j++ {
		y := cy + j*sy
		if y >= area.Max.Y {
			break
		}
		x0 := cx
		if j%2 != 0 {
			x0 += sx / 2
		}
		i0 := -ceilDiv(x0-area.Min.X+tw, sx) - 1
		for i := i0; ; i++ {
			x := x0 + i*sx
			if x >= area.Max.X {
				break
			}
			r := image.Rect(x, y, x+tw, y+th)
			c := r.Intersect(area)
			if c.Empty() {
				continue
			}
			draw.Draw(dst, c, m, c.Min.Sub(r.Min), draw.Over)
		}
	}
}

// ceilDiv is a/b rounded up, for b > 0 and any a >= 0.
func ceilDiv(a, b int) int {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}
