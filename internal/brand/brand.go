// Package brand draws a brand kit's layers on rendered images. For now the
// kit is a logo: it sits in the bottom-right corner of the preset's safe area
// (the part no platform button, caption or label covers), with a margin,
// scaled to a share of the output width, at an opacity.
//
// The placement is a decision, separate from the pixels: LogoRect returns a
// rectangle that the preview can show and the renderer obeys.
package brand

import (
	"image"
	"image/draw"
	"math"

	"github.com/disintegration/imaging"

	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// Defaults for a logo: a fifth of the width reads on a phone without hiding
// the photo; slightly see-through keeps it a signature, not a sticker.
const (
	DefaultScale   = 0.2
	DefaultOpacity = 0.85
)

// LogoLimits are the gate for logo files: logos are small, and a logo is
// drawn on every output, so a huge one only costs time.
var LogoLimits = imgio.Limits{MaxPixels: 4096 * 4096, MaxSide: 4096, MaxFileBytes: 20 << 20, MaxAspect: 32}

// Logo is a decoded, upright logo and how to draw it.
type Logo struct {
	Image   image.Image // decoded, upright; alpha is kept
	Scale   float64     // logo width as a share of the output width; <= 0 means DefaultScale
	Opacity float64     // 0 (invisible) … 1 (opaque)
}

// DefaultLogo wraps img with the default scale and opacity.
func DefaultLogo(img image.Image) *Logo {
	return &Logo{Image: img, Scale: DefaultScale, Opacity: DefaultOpacity}
}

// DecodeLogo decodes a logo file (PNG with its transparency, or JPEG; GIF
// and WebP work too) through imgio's gate with LogoLimits. Errors are imgio's.
func DecodeLogo(data []byte) (image.Image, error) {
	img, _, err := imgio.Decode(data, LogoLimits)
	return img, err
}

// LogoRect returns where a logoW×logoH logo lands on canvas: bottom-right of
// the safe area (canvas minus safe), margin = 3% of the canvas width (at
// least 4 px) from the safe area's edges, width = scale × canvas width,
// aspect kept, shrunk until it fits inside the safe area with that margin on
// every side. The result is empty when it cannot fit.
func LogoRect(canvas image.Rectangle, safe preset.Insets, logoW, logoH int, scale float64) image.Rectangle {
	if logoW <= 0 || logoH <= 0 || canvas.Empty() {
		return image.Rectangle{}
	}
	if scale <= 0 || math.IsNaN(scale) {
		scale = DefaultScale
	}
	scale = min(scale, 1)
	area := geom.Inset(canvas, safe.Top, safe.Right, safe.Bottom, safe.Left)
	margin := max(4, int(math.Round(0.03*float64(canvas.Dx()))))
	availW, availH := area.Dx()-2*margin, area.Dy()-2*margin
	if availW < 1 || availH < 1 {
		return image.Rectangle{}
	}
	w := float64(canvas.Dx()) * scale
	h := w * float64(logoH) / float64(logoW)
	if f := min(float64(availW)/w, float64(availH)/h); f < 1 {
		w, h = w*f, h*f
	}
	iw, ih := int(math.Round(w)), int(math.Round(h))
	iw, ih = min(iw, availW), min(ih, availH) // rounding must not push it out
	if iw < 1 || ih < 1 {
		return image.Rectangle{}
	}
	return geom.Place(area, iw, ih, margin, geom.BottomRight)
}

// Rect is LogoRect for this logo on canvas.
func (l *Logo) Rect(canvas image.Rectangle, safe preset.Insets) image.Rectangle {
	if l == nil || l.Image == nil {
		return image.Rectangle{}
	}
	b := l.Image.Bounds()
	return LogoRect(canvas, safe, b.Dx(), b.Dy(), l.Scale)
}

// Draw resizes the logo to its LogoRect on dst (Lanczos, the same filter as
// the photo) and blends it over dst at l.Opacity. A nil logo, a zero opacity
// or a canvas too small for it draws nothing.
func (l *Logo) Draw(dst *image.RGBA, safe preset.Insets) {
	r := l.Rect(dst.Bounds(), safe)
	if r.Empty() || l.Opacity <= 0 {
		return
	}
	m := imaging.Resize(l.Image, r.Dx(), r.Dy(), imaging.Lanczos)
	if op := min(l.Opacity, 1); op < 1 {
		// Fold the opacity into alpha so draw takes its NRGBA-over-RGBA fast
		// path instead of the generic masked one.
		k := uint32(math.Round(op * 255))
		for i := 3; i < len(m.Pix); i += 4 {
			m.Pix[i] = uint8((uint32(m.Pix[i])*k + 127) / 255)
		}
	}
	draw.Draw(dst, r, m, image.Point{}, draw.Over)
}
