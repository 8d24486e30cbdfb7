package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/disintegration/imaging"

	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/preset"
)

// Previews are the outputs made small, for the page to show before a batch:
// the same decision (Frame, on the photo's real size), the same crop, fit
// and branding, then the preset's safe zones shaded.

// Shade is drawn over a safe zone's margins: a dark veil, and a light line
// along its inner edge so the boundary reads on dark photos too.
var (
	Shade     = color.NRGBA{0, 0, 0, 115}
	ShadeLine = color.NRGBA{255, 255, 255, 170}
)

// PreviewSize is the size of p's preview for an upright photo of size full:
// the output's size from Frame, scaled down (never up) so that its longer
// side is at most maxSide, each side at least 1. Zero when the preset
// cannot be made.
func PreviewSize(plan Framing, maxSide int) image.Point {
	w, h := plan.Width, plan.Height
	if w < 1 || h < 1 || w > MaxOutputSide || h > MaxOutputSide || maxSide < 1 {
		return image.Point{}
	}
	k := min(1, float64(maxSide)/float64(max(w, h)))
	return image.Pt(max(1, int(math.Round(float64(w)*k))), max(1, int(math.Round(float64(h)*k))))
}

// Preview renders p's output for a photo, small. img is the photo upright
// and already small (a reduced decode, sRGB); full is the upright size of the
// photo itself (zero: img's size), so the plan is the batch's own: Frame
// decides on the real size (width-only presets, the upscaling rule, the
// smart strategy's Analysis a all behave as in the batch), and the crop is
// then mapped onto img. The brand kit is drawn at the output's real size and
// scaled down with the photo, so the preview shows its layers exactly where
// and as large as the output will have them (a kit grows small layers to a
// legible minimum: drawing it on the small canvas would not). Last, the safe
// zone's margins (p.Safe, scaled) are shaded. The result is opaque, of
// PreviewSize; empty when the preset cannot be made. The Framing is the
// batch's for the photo: its Crop is the part the preview shows.
func Preview(img image.Image, full image.Point, p preset.Preset, spec Spec, a *crop.Analysis, maxSide int) (*image.RGBA, Framing) {
	ib := img.Bounds()
	if full.X < 1 || full.Y < 1 {
		full = ib.Size()
	}
	if ib.Empty() {
		return &image.RGBA{}, Framing{}
	}
	plan := Frame(p, image.Rectangle{Max: full}, spec.Crop, spec.Fit, a)
	size := PreviewSize(plan, maxSide)
	if size == (image.Point{}) || plan.Place.Empty() || plan.Crop.Empty() {
		return &image.RGBA{}, plan
	}
	kx, ky := float64(size.X)/float64(plan.Width), float64(size.Y)/float64(plan.Height)

	// The crop, from the real photo's coordinates to img's.
	sx, sy := float64(ib.Dx())/float64(full.X), float64(ib.Dy())/float64(full.Y)
	c := image.Rect(
		int(math.Floor(float64(plan.Crop.Min.X)*sx)), int(math.Floor(float64(plan.Crop.Min.Y)*sy)),
		int(math.Ceil(float64(plan.Crop.Max.X)*sx)), int(math.Ceil(float64(plan.Crop.Max.Y)*sy)),
	).Add(ib.Min).Intersect(ib)
	if c.Empty() {
		c = image.Rectangle{Min: ib.Min, Max: ib.Min.Add(image.Pt(1, 1))}
	}
	place := scaleRect(plan.Place, kx, ky).Intersect(image.Rectangle{Max: size})
	if place.Empty() {
		place = image.Rectangle{Max: size}
	}
	m := resize(subImage(img, c), place.Dx(), place.Dy())

	var dst *image.RGBA
	switch {
	case place != image.Rectangle{Max: size}:
		if spec.Fit == FitBlur {
			dst = blurred(m, size.X, size.Y)
		} else {
			dst = image.NewRGBA(image.Rectangle{Max: size})
			draw.Draw(dst, dst.Rect, image.NewUniform(padColour(spec.Pad)), image.Point{}, draw.Src)
		}
		draw.Draw(dst, place, m, m.Rect.Min, draw.Over)
	default:
		// Transparent PNG outputs are shown on white, like the JPEGs.
		dst = image.NewRGBA(image.Rectangle{Max: size})
		draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
		draw.Draw(dst, dst.Rect, m, m.Rect.Min, draw.Over)
	}
	if spec.Brand != nil {
		if o := brandOverlay(spec.Brand, p.Safe, plan.Width, plan.Height, size); o != nil {
			draw.Draw(dst, dst.Rect, o, image.Point{}, draw.Over)
		}
	}
	ShadeSafe(dst, ScaleInsets(p.Safe, kx, ky))
	return dst, plan
}

// ScaleInsets scales a preset's safe insets to a preview kx, ky times the
// output's size, rounding each margin to the nearest pixel.
func ScaleInsets(in preset.Insets, kx, ky float64) preset.Insets {
	r := func(v int, k float64) int { return int(math.Round(float64(v) * k)) }
	return preset.Insets{Top: r(in.Top, ky), Right: r(in.Right, kx), Bottom: r(in.Bottom, ky), Left: r(in.Left, kx)}
}

// ShadeSafe veils the margins in of dst (Shade) and draws a one-pixel line
// (ShadeLine) on each margin's innermost row or column. Nothing outside
// the margins changes.
func ShadeSafe(dst *image.RGBA, in preset.Insets) {
	b := dst.Rect
	top := image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+in.Top).Intersect(b)
	bottom := image.Rect(b.Min.X, b.Max.Y-in.Bottom, b.Max.X, b.Max.Y).Intersect(b)
	left := image.Rect(b.Min.X, top.Max.Y, b.Min.X+in.Left, b.Max.Y-in.Bottom).Intersect(b)
	right := image.Rect(b.Max.X-in.Right, top.Max.Y, b.Max.X, b.Max.Y-in.Bottom).Intersect(b)
	veil, line := image.NewUniform(Shade), image.NewUniform(ShadeLine)
	for _, r := range []image.Rectangle{top, bottom, left, right} {
		if !r.Empty() {
			draw.Draw(dst, r, veil, image.Point{}, draw.Over)
		}
	}
	// The lines mark the safe area's edges, inside the margins; the side
	// ones run between the top and bottom margins.
	y0, y1 := b.Min.Y+in.Top, b.Max.Y-in.Bottom
	lines := []image.Rectangle{}
	if !top.Empty() {
		lines = append(lines, image.Rect(b.Min.X, top.Max.Y-1, b.Max.X, top.Max.Y))
	}
	if !bottom.Empty() {
		lines = append(lines, image.Rect(b.Min.X, bottom.Min.Y, b.Max.X, bottom.Min.Y+1))
	}
	if !left.Empty() {
		lines = append(lines, image.Rect(left.Max.X-1, y0, left.Max.X, y1))
	}
	if !right.Empty() {
		lines = append(lines, image.Rect(right.Min.X, y0, right.Min.X+1, y1))
	}
	for _, r := range lines {
		draw.Draw(dst, r.Intersect(b), line, image.Point{}, draw.Over)
	}
}

func scaleRect(r image.Rectangle, kx, ky float64) image.Rectangle {
	return image.Rect(
		int(math.Round(float64(r.Min.X)*kx)), int(math.Round(float64(r.Min.Y)*ky)),
		int(math.Round(float64(r.Max.X)*kx)), int(math.Round(float64(r.Max.Y)*ky)),
	)
}

// The brand kit's layers for one output size, drawn at that size on
// transparency and scaled to a preview: the same for every photo of a batch
// (a kit never looks at the photo under it), so they are kept.
type overlayKey struct {
	kit  *brand.Kit
	safe preset.Insets
	w, h int
	size image.Point
}

var overlays = struct {
	sync.Mutex
	m map[overlayKey]*image.NRGBA
}{m: map[overlayKey]*image.NRGBA{}}

// maxOverlays bounds the cache: a few sizes per preset (width-only presets
// vary with the photo), a few kits as the marketer edits.
const maxOverlays = 64

func brandOverlay(k *brand.Kit, safe preset.Insets, w, h int, size image.Point) *image.NRGBA {
	key := overlayKey{kit: k, safe: safe, w: w, h: h, size: size}
	overlays.Lock()
	o, ok := overlays.m[key]
	overlays.Unlock()
	if ok {
		return o
	}
	full := image.NewRGBA(image.Rect(0, 0, w, h))
	k.Draw(full, safe)
	o = imaging.Resize(full, size.X, size.Y, imaging.Box)
	overlays.Lock()
	if len(overlays.m) >= maxOverlays {
		clear(overlays.m)
	}
	overlays.m[key] = o
	overlays.Unlock()
	return o
}
