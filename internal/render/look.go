package render

import (
	"image"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// A Look is a photo readied for its previews as the batch readies it for
// its outputs: the smart strategy's Analysis is the batch's own (the same
// copy of the photo, the same steps), so each preview is framed exactly
// as its output is. Small, the picture shown, is a small upright sRGB copy.
type Look struct {
	Small image.Image    // the photo upright, in sRGB, small
	Full  image.Point    // the photo's upright size
	A     *crop.Analysis // nil unless the spec needs it (needsAnalysis)
	spec  Spec
}

// LookHeld readies the previews of a photo held as px, described by info
// as for Held, with Held's Analysis (heldAnalysis). The small copy is made
// from the analysis's copy (or, when none is needed, scaled by px), its
// longer side at most side.
func LookHeld(px Pixels, info imgio.Info, spec Spec, side int) (Look, error) {
	b := px.Bounds()
	l := Look{spec: spec}
	l.Full.X, l.Full.Y = uprightSize(b, info.Orientation)
	var m *image.NRGBA
	if needsAnalysis(&spec) {
		l.A, m = heldAnalysis(px, info.Orientation)
	}
	if m == nil {
		s := fitSize(b.Size(), side)
		var err error
		if m, err = px.Scale(b, s.X, s.Y); err != nil {
			return Look{}, scaleFailed(err)
		}
	}
	l.Small = smallUpright(m, info, side)
	return l, nil
}

// LookDecoded is LookHeld for a photo decoded into Go, described by info
// as for Decoded, with Decoded's Analysis (AnalysePhoto of img).
func LookDecoded(img image.Image, info imgio.Info, spec Spec, side int) Look {
	l := Look{spec: spec}
	l.Full.X, l.Full.Y = uprightSize(img.Bounds(), info.Orientation)
	if needsAnalysis(&spec) {
		l.A = AnalysePhoto(img, info.Orientation)
	}
	l.Small = smallUpright(img, info, side)
	return l
}

// Preview is preset p's preview (the package's Preview) at most maxSide
// on its longer side, and the batch's Framing of it.
func (l Look) Preview(p preset.Preset, maxSide int) (*image.RGBA, Framing) {
	return Preview(l.Small, l.Full, p, l.spec, l.A, maxSide)
}

// smallUpright box-shrinks m, pixels as stored, to at most side on its
// longer side, then turns it upright and converts it to sRGB, as info says.
func smallUpright(m image.Image, info imgio.Info, side int) image.Image {
	if s := fitSize(m.Bounds().Size(), side); s != m.Bounds().Size() {
		m = imaging.Resize(m, s.X, s.Y, imaging.Box)
	}
	up := imgio.Orient(m, info.Orientation)
	if !info.Profile.Active() {
		return up
	}
	n, ok := up.(*image.NRGBA)
	if !ok {
		n = imaging.Clone(up) // a decoder's own type, small already
	}
	imgio.ConvertToSRGB(n, info)
	return n
}

// fitSize is size scaled down (never up) so its longer side is at most
// side, each side at least 1.
func fitSize(size image.Point, side int) image.Point {
	w, h := size.X, size.Y
	switch {
	case max(w, h) <= side || side < 1:
		return size
	case w >= h:
		return image.Pt(side, max(1, (h*side+w/2)/w))
	}
	return image.Pt(max(1, (w*side+h/2)/h), side)
}
