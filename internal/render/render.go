// Package render is the pipeline for one photo: decode it once through
// imgio's gate, then for every preset crop (centred), resize the crop,
// flatten it on white, draw the logo inside the safe zone and encode a JPEG
// under the preset's byte cap.
//
// Crop first, then scale the sub-image: resizing a whole 256×1 strip before
// cropping (imaging.Fill) asked for gigabytes. The crop is a SubImage, so it
// copies nothing, and EXIF orientation is applied to the small output
// rather than the full photo.
package render

import (
	"errors"
	"image"
	"image/color"

	"github.com/disintegration/imaging"

	"picmark/internal/brand"
	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// Spec is what to make of one photo.
type Spec struct {
	Presets []preset.Preset
	Logo    *brand.Logo // nil: none
	Limits  imgio.Limits
}

// Output is one preset's result.
type Output struct {
	Preset        preset.Preset
	Data          []byte // JPEG bytes, <= Preset.MaxBytes; nil when Err != nil
	Width, Height int
	Quality       int
	Upscaled      bool            // the crop was smaller than the output: say so in the report
	Crop          image.Rectangle // the part of the upright photo used
	Err           error           // this preset failed (e.g. *imgio.CapError)
}

// MaxOutputSide bounds a preset's output size (custom presets included):
// Go's JPEG encoder stops at 65535, and memory long before.
const MaxOutputSide = 16384

// errBadSize is a custom preset whose size cannot be rendered.
var errBadSize = errors.New("cannot be made in this format: its size is not valid (each side 1 to 16384 pixels); check the preset")

// Frame computes the output size and the crop rectangle (in photo's
// coordinates, photo being the upright photo's bounds) for one preset.
// Fixed-size presets give exactly their size, upscaling when the crop is
// smaller. Width-only presets never upscale: width = min(preset width, photo
// width), height by the photo's aspect; a height over MaxHeight is cropped,
// centred, to width:MaxHeight.
func Frame(p preset.Preset, photo image.Rectangle) (crop image.Rectangle, w, h int, upscaled bool) {
	pw, ph := int64(photo.Dx()), int64(photo.Dy())
	if pw <= 0 || ph <= 0 || p.Width <= 0 {
		return photo, 0, 0, false
	}
	if !p.WidthOnly() {
		crop = geom.CenterCrop(photo, p.Width, p.Height)
		return crop, p.Width, p.Height, crop.Dx() < p.Width || crop.Dy() < p.Height
	}
	w = int(min(int64(p.Width), pw))
	h = int(max(1, (ph*int64(w)+pw/2)/pw))
	if p.MaxHeight > 0 && h > p.MaxHeight {
		h = p.MaxHeight
		return geom.CenterCrop(photo, w, h), w, h, false
	}
	return photo, w, h, false
}

// Image renders an upright photo for p: crop (SubImage, no copy), resize the
// crop with Lanczos, flatten on white, draw the logo inside p's safe zone.
// The result is an opaque *image.RGBA of exactly Frame's w×h, and whether
// it was upscaled. An invalid preset size gives an empty image.
func Image(photo image.Image, p preset.Preset, logo *brand.Logo) (*image.RGBA, bool) {
	m, _, up := render(photo, 1, p, logo)
	return m, up
}

// render is Image on a photo as stored with EXIF orientation o: the crop is
// mapped into the stored pixels, resized there, and only the small result
// is turned upright.
func render(stored image.Image, o int, p preset.Preset, logo *brand.Logo) (*image.RGBA, image.Rectangle, bool) {
	sb := stored.Bounds()
	uw, uh := sb.Dx(), sb.Dy()
	if o >= 5 && o <= 8 {
		uw, uh = uh, uw
	}
	crop, w, h, up := Frame(p, image.Rect(0, 0, uw, uh))
	if w < 1 || h < 1 || w > MaxOutputSide || h > MaxOutputSide {
		return &image.RGBA{}, crop, false
	}
	sub := subImage(stored, imgio.StoredRect(crop, o, uw, uh).Add(sb.Min))
	rw, rh := w, h
	if o >= 5 && o <= 8 {
		rw, rh = h, w
	}
	m := imaging.Resize(sub, rw, rh, imaging.Lanczos)
	if t, ok := imgio.Orient(m, o).(*image.NRGBA); ok {
		m = t // imaging's transforms all return *image.NRGBA
	}
	dst := imgio.FlattenNRGBA(m, color.White)
	logo.Draw(dst, p.Safe)
	return dst, crop, up
}

func subImage(m image.Image, r image.Rectangle) image.Image {
	if s, ok := m.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return imaging.Crop(m, r) // every decoder's type has SubImage; this is a safety net
}

// Photo decodes data once (imgio's gate with spec.Limits) and renders and
// encodes every preset, in order. A gate or decode error is returned as err
// with no outputs; a preset that fails (its byte cap cannot be met) has its
// Output.Err set and the others still succeed.
func Photo(data []byte, spec Spec) ([]Output, error) {
	img, info, err := imgio.DecodeStored(data, spec.Limits)
	if err != nil {
		return nil, err
	}
	outs := make([]Output, len(spec.Presets))
	for i, p := range spec.Presets {
		outs[i] = encode(img, info.Orientation, p, spec.Logo)
	}
	return outs, nil
}

func encode(img image.Image, o int, p preset.Preset, logo *brand.Logo) Output {
	out := Output{Preset: p}
	m, crop, up := render(img, o, p, logo)
	out.Crop, out.Upscaled = crop, up
	if m.Rect.Empty() {
		out.Err = errBadSize
		return out
	}
	out.Width, out.Height = m.Rect.Dx(), m.Rect.Dy()
	out.Data, out.Quality, out.Err = imgio.EncodeJPEGUnder(m, p.MaxBytes)
	return out
}
