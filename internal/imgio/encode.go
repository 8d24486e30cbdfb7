package imgio

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
)

// Quality bounds for EncodeJPEGUnder: 85 looks like the original on every
// platform we target; below 30 artefacts show, so we report instead.
const (
	DefaultQuality = 85
	MinQuality     = 30
)

// Flatten composites img on bg and returns an opaque *image.RGBA with the
// same bounds. JPEG has no alpha: without this, transparent pixels of a PNG
// would come out black.
func Flatten(img image.Image, bg color.Color) *image.RGBA {
	if n, ok := img.(*image.NRGBA); ok {
		// Copy row by row: a SubImage's Pix runs on to the end of its parent.
		c := image.NewNRGBA(n.Rect)
		w := n.Rect.Dx() * 4
		for y := 0; y < n.Rect.Dy(); y++ {
			copy(c.Pix[y*c.Stride:y*c.Stride+w], n.Pix[y*n.Stride:])
		}
		return FlattenNRGBA(c, bg)
	}
	dst := image.NewRGBA(img.Bounds())
	draw.Draw(dst, dst.Rect, image.NewUniform(bg), image.Point{}, draw.Src)
	draw.Draw(dst, dst.Rect, img, img.Bounds().Min, draw.Over)
	return opaque(dst)
}

// FlattenNRGBA flattens img on bg in place and returns an *image.RGBA that
// shares img's pixels: for opaque pixels NRGBA and RGBA bytes are the same,
// so a resized photo becomes the JPEG encoder's fastest input type without a
// copy. img must not be used afterwards.
func FlattenNRGBA(img *image.NRGBA, bg color.Color) *image.RGBA {
	r0, g0, b0, _ := bg.RGBA() // 16-bit; scaled to 8 below
	r0, g0, b0 = r0>>8, g0>>8, b0>>8
	w := img.Rect.Dx() * 4
	for y := 0; y < img.Rect.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		for i := 0; i < len(row); i += 4 {
			a := uint32(row[i+3])
			if a == 0xFF {
				continue
			}
			// out = src·a + bg·(1−a), rounded; the background is opaque.
			na := 255 - a
			row[i+0] = uint8((uint32(row[i+0])*a + r0*na + 127) / 255)
			row[i+1] = uint8((uint32(row[i+1])*a + g0*na + 127) / 255)
			row[i+2] = uint8((uint32(row[i+2])*a + b0*na + 127) / 255)
			row[i+3] = 0xFF
		}
	}
	return &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
}

// opaque forces alpha to 255 (a translucent bg would otherwise leak through).
func opaque(m *image.RGBA) *image.RGBA {
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 0xFF
	}
	return m
}

// EncodeJPEG encodes img as a baseline JPEG at quality (1..100). Go's encoder
// writes no APP segments at all: no EXIF, no GPS, no thumbnail, no profile.
// It is fastest from *image.RGBA or *image.YCbCr.
func EncodeJPEG(img image.Image, quality int) ([]byte, error) {
	var buf bytes.Buffer
	b := img.Bounds()
	buf.Grow(b.Dx()*b.Dy()/4 + 1024) // a typical photo JPEG at q85
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodeJPEG is EncodeJPEG; tests wrap it to count encodes.
var encodeJPEG = EncodeJPEG

// qualitySteps are the qualities EncodeJPEGUnder tries below 85, highest
// first. Steps of 5 are finer than anyone can see, and a binary search over
// them costs at most four more encodes.
var qualitySteps = []int{80, 75, 70, 65, 60, 55, 50, 45, 40, 35, MinQuality}

// EncodeJPEGUnder encodes img at DefaultQuality and, when the result is over
// maxBytes, searches the highest quality down to MinQuality that fits. It
// never returns bytes over the cap: when even MinQuality is too big it
// returns a *CapError. maxBytes <= 0 means no cap.
func EncodeJPEGUnder(img image.Image, maxBytes int64) (data []byte, quality int, err error) {
	data, err = encodeJPEG(img, DefaultQuality)
	if err != nil || maxBytes <= 0 || int64(len(data)) <= maxBytes {
		return data, DefaultQuality, err
	}
	// Invariant: steps[:lo] are known to be over the cap; steps[hi:] untested
	// below the best fit found.
	var best []byte
	bestQ, smallest := 0, int64(len(data))
	lo, hi := 0, len(qualitySteps)
	for lo < hi {
		mid := (lo + hi) / 2
		q := qualitySteps[mid]
		d, err := encodeJPEG(img, q)
		if err != nil {
			return nil, 0, err
		}
		if int64(len(d)) <= maxBytes {
			best, bestQ = d, q
			hi = mid
		} else {
			smallest = min(smallest, int64(len(d)))
			lo = mid + 1
		}
	}
	if best == nil {
		return nil, 0, &CapError{Max: maxBytes, Got: smallest}
	}
	return best, bestQ, nil
}
