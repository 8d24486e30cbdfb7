// Package geom is picmark's rectangle math: where to crop, what is safe, where
// a layer goes. It decides with image.Rectangle values and never touches
// pixels, so the preview, the renderer and the tests all obey the same answer.
//
// Every function is total: odd or degenerate inputs give a small or empty
// rectangle, never a panic. Products of sides use int64 so that 16384-pixel
// sides and 32:1 aspects cannot overflow on 32-bit targets (wasm).
package geom

import "image"

// CenterCrop returns the largest rectangle of aspect w:h centred in src.
// The result is at least 1×1 when src is non-empty; an empty src or a
// non-positive w or h gives src unchanged.
func CenterCrop(src image.Rectangle, w, h int) image.Rectangle {
	sw, sh := int64(src.Dx()), int64(src.Dy())
	if sw <= 0 || sh <= 0 || w <= 0 || h <= 0 {
		return src
	}
	cw, ch := sw, sh
	if sw*int64(h) > sh*int64(w) {
		// src is wider than w:h: keep the full height.
		cw = roundDiv(sh*int64(w), int64(h))
	} else {
		ch = roundDiv(sw*int64(h), int64(w))
	}
	cw = clamp(cw, 1, sw)
	ch = clamp(ch, 1, sh)
	x := src.Min.X + int((sw-cw)/2)
	y := src.Min.Y + int((sh-ch)/2)
	return image.Rect(x, y, x+int(cw), y+int(ch))
}

// Inset shrinks r by the given margins. When the margins leave nothing, the
// result is the empty rectangle.
func Inset(r image.Rectangle, top, right, bottom, left int) image.Rectangle {
	out := image.Rectangle{
		Min: image.Pt(r.Min.X+left, r.Min.Y+top),
		Max: image.Pt(r.Max.X-right, r.Max.Y-bottom),
	}
	if out.Empty() {
		return image.Rectangle{}
	}
	return out
}

// roundDiv is a/b rounded to nearest, for non-negative a and positive b.
func roundDiv(a, b int64) int64 { return (2*a + b) / (2 * b) }

func clamp(v, lo, hi int64) int64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
