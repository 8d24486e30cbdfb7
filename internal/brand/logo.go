package brand

import (
	"bytes"
	"image"
	"image/draw"
	"math"
	"reflect"
	"sync"

	"github.com/disintegration/imaging"

	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Defaults for a logo: a fifth of the width reads on a phone without hiding
// the photo; slightly see-through keeps it a signature, not a sticker.
const (
	DefaultScale   = 0.2
	DefaultOpacity = 0.85
	// DefaultMargin is the gap between a layer and the safe area's edges,
	// as a share of the output width (at least MinMargin pixels).
	DefaultMargin = 0.03
	// MinMargin keeps a layer off the very edge on small outputs.
	MinMargin = 4
	// MinLogoSide is the smallest logo worth drawing: the logo's shorter
	// side is grown to it on small outputs, and a logo that cannot be this
	// big inside the safe area is skipped.
	MinLogoSide = 10
)

// LogoLimits are the gate for logo files: logos are small, and a logo is
// drawn on every output, so a huge one only costs time.
var LogoLimits = imgio.Limits{MaxPixels: 4096 * 4096, MaxSide: 4096, MaxFileBytes: 20 << 20, MaxAspect: 32}

// ErrSVG is DecodeLogo's answer to an SVG file: the page rasterises SVG
// logos in the browser, the command line cannot.
var ErrSVG = msg.Err(msg.LogoSVG)

// Logo is a decoded, upright logo and how to draw it.
type Logo struct {
	Image   image.Image // decoded, upright; alpha is kept
	Scale   float64     // logo width as a share of the output width; <= 0 means DefaultScale
	Opacity float64     // 0 (invisible) … 1 (opaque)
	// Anchor is where the logo sits in the safe area; nil means
	// geom.BottomRight, so a Logo written as a literal keeps its corner.
	Anchor *geom.Anchor
	// Margin is the gap to the safe area's edges as a share of the output
	// width: 0 means DefaultMargin, negative means none. It is at least
	// MinMargin pixels unless negative.
	Margin float64
}

// At returns a pointer to a, for Logo.Anchor: &Logo{Anchor: brand.At(geom.Top)}.
func At(a geom.Anchor) *geom.Anchor { return &a }

// DefaultLogo wraps img with the default scale, opacity, margin and anchor
// (bottom-right).
func DefaultLogo(img image.Image) *Logo {
	return &Logo{Image: img, Scale: DefaultScale, Opacity: DefaultOpacity, Anchor: At(geom.BottomRight)}
}

// DecodeLogo decodes a logo file (PNG with its transparency, or JPEG; GIF
// and WebP work too) through imgio's gate with LogoLimits. Errors are
// imgio's, or ErrSVG for an SVG file.
func DecodeLogo(data []byte) (image.Image, error) {
	if IsSVG(data) {
		return nil, ErrSVG
	}
	img, _, err := imgio.Decode(data, LogoLimits)
	return img, err
}

// IsSVG sniffs an SVG (or any XML) document: after a byte-order mark and
// white space it starts with "<svg", "<?xml" or an SVG doctype.
func IsSVG(data []byte) bool {
	d := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d = bytes.TrimLeft(d, " \t\r\n")
	if len(d) > 64 {
		d = d[:64]
	}
	d = bytes.ToLower(d)
	return bytes.HasPrefix(d, []byte("<svg")) || bytes.HasPrefix(d, []byte("<?xml")) || bytes.HasPrefix(d, []byte("<!doctype svg"))
}

// LogoRect returns where a logoW×logoH logo lands on canvas with the
// defaults: bottom-right of the safe area (canvas minus safe), margin = 3%
// of the canvas width (at least 4 px), width = scale × canvas width, aspect
// kept, shrunk until it fits inside the safe area with that margin on every
// side. The result is empty when it cannot fit at MinLogoSide.
func LogoRect(canvas image.Rectangle, safe preset.Insets, logoW, logoH int, scale float64) image.Rectangle {
	return logoRect(canvas, safe, logoW, logoH, scale, 0, geom.BottomRight)
}

// marginPx is a layer margin in pixels on canvas: share of its width, with
// 0 meaning DefaultMargin and negative meaning none.
func marginPx(canvas image.Rectangle, share float64) int {
	if share < 0 || math.IsNaN(share) {
		return 0
	}
	if share == 0 {
		share = DefaultMargin
	}
	return max(MinMargin, int(math.Round(min(share, 0.5)*float64(canvas.Dx()))))
}

func logoRect(canvas image.Rectangle, safe preset.Insets, logoW, logoH int, scale, margin float64, a geom.Anchor) image.Rectangle {
	if canvas.Empty() {
		return image.Rectangle{}
	}
	area := safeArea(canvas, safe)
	m := marginPx(canvas, margin)
	sz, ok := logoSize(canvas, area.Dx()-2*m, area.Dy()-2*m, logoW, logoH, scale)
	if !ok {
		return image.Rectangle{}
	}
	return geom.Place(area, sz.X, sz.Y, m, a)
}

// logoSize is a logoW×logoH logo's size on canvas in an availW×availH
// space: scale × the canvas width, aspect kept, grown to MinLogoSide,
// shrunk to fit; ok is false when it cannot fit at MinLogoSide.
func logoSize(canvas image.Rectangle, availW, availH, logoW, logoH int, scale float64) (image.Point, bool) {
	if logoW <= 0 || logoH <= 0 || availW < MinLogoSide || availH < MinLogoSide {
		return image.Point{}, false
	}
	if scale <= 0 || math.IsNaN(scale) {
		scale = DefaultScale
	}
	scale = min(scale, 1)
	w := float64(canvas.Dx()) * scale
	h := w * float64(logoH) / float64(logoW)
	if s := min(w, h); s < MinLogoSide { // too small to read: grow
		w, h = w*MinLogoSide/s, h*MinLogoSide/s
	}
	if f := min(float64(availW)/w, float64(availH)/h); f < 1 {
		w, h = w*f, h*f
	}
	iw, ih := int(math.Round(w)), int(math.Round(h))
	iw, ih = min(iw, availW), min(ih, availH) // rounding must not push it out
	if min(iw, ih) < MinLogoSide {
		return image.Point{}, false
	}
	return image.Pt(iw, ih), true
}

// safeArea is canvas minus the safe insets (empty when nothing is left).
func safeArea(canvas image.Rectangle, safe preset.Insets) image.Rectangle {
	return geom.Inset(canvas, safe.Top, safe.Right, safe.Bottom, safe.Left)
}

func (l *Logo) anchor() geom.Anchor {
	if l.Anchor == nil {
		return geom.BottomRight
	}
	return *l.Anchor
}

// Rect is where this logo lands on canvas: its anchor, margin and scale,
// inside the safe area. Empty when there is no room for it.
func (l *Logo) Rect(canvas image.Rectangle, safe preset.Insets) image.Rectangle {
	if l == nil || l.Image == nil {
		return image.Rectangle{}
	}
	b := l.Image.Bounds()
	return logoRect(canvas, safe, b.Dx(), b.Dy(), l.Scale, l.Margin, l.anchor())
}

// Draw resizes the logo to its Rect on dst (Lanczos, the same filter as the
// photo) and blends it over dst at l.Opacity. A nil logo, a zero opacity or
// a canvas too small for it draws nothing.
func (l *Logo) Draw(dst *image.RGBA, safe preset.Insets) {
	if l == nil {
		return
	}
	l.draw(dst, l.Rect(dst.Bounds(), safe))
}

func (l *Logo) draw(dst *image.RGBA, r image.Rectangle) {
	if r.Empty() || l.Opacity <= 0 {
		return
	}
	draw.Draw(dst, r, scaledLogo(l.Image, r.Dx(), r.Dy(), l.Opacity), image.Point{}, draw.Over)
}

// scaledLogos keeps logos resized and faded, by size: every output of a
// preset draws the same one, and resizing it each time cost more than
// drawing it. Callers only read the images. A batch uses a few sizes; the
// cache is emptied past a few dozen.
var scaledLogos = struct {
	sync.Mutex
	m map[logoKey]*image.NRGBA
}{m: map[logoKey]*image.NRGBA{}}

type logoKey struct {
	img     image.Image
	w, h    int
	opacity float64
}

func scaledLogo(img image.Image, w, h int, opacity float64) *image.NRGBA {
	resized := func() *image.NRGBA {
		m := imaging.Resize(img, w, h, imaging.Lanczos)
		fade(m, opacity)
		return m
	}
	if !reflect.TypeOf(img).Comparable() { // cannot be a map key
		return resized()
	}
	k := logoKey{img, w, h, opacity}
	scaledLogos.Lock()
	m, ok := scaledLogos.m[k]
	scaledLogos.Unlock()
	if ok {
		return m
	}
	m = resized()
	scaledLogos.Lock()
	if len(scaledLogos.m) >= 32 {
		clear(scaledLogos.m)
	}
	scaledLogos.m[k] = m
	scaledLogos.Unlock()
	return m
}

// fade multiplies m's alpha by opacity (clamped to 0..1). Folding the
// opacity into alpha lets draw take its NRGBA-over-RGBA fast path instead
// of the generic masked one.
func fade(m *image.NRGBA, opacity float64) {
	if opacity >= 1 {
		return
	}
	k := uint32(math.Round(max(opacity, 0) * 255))
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = uint8((uint32(m.Pix[i])*k + 127) / 255)
	}
}
