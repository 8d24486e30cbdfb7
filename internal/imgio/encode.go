package imgio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"strings"

	"picmark/internal/msg"
)

// Quality bounds for EncodeUnder: 85 looks like the original on every
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

// Output says how an output is encoded.
type Output struct {
	Format  Format // JPEG or PNG; "" means JPEG
	Quality int    // JPEG quality 1..100 to start the search from; 0 means DefaultQuality
}

// Validate checks o with msg.Coded errors for the command line and the page.
func (o Output) Validate() error {
	if o.Format != "" && o.Format != JPEG && o.Format != PNG {
		return msg.Err(msg.OutputFormatBad, msg.Text("value", o.Format.Name()))
	}
	if o.Quality < 0 || o.Quality > 100 {
		return msg.Err(msg.QualityBad, msg.Num("value", o.Quality))
	}
	return nil
}

// ParseFormat reads an output format as people write it: "jpeg", "jpg",
// "png" (any case; "" is JPEG).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "jpeg", "jpg":
		return JPEG, nil
	case "png":
		return PNG, nil
	}
	return "", msg.Err(msg.OutputFormatBad, msg.Text("value", s))
}

// Ext is the file extension of an output in format f: ".jpg" or ".png"
// ("" counts as JPEG).
func (f Format) Ext() string {
	switch f {
	case PNG:
		return ".png"
	case GIF:
		return ".gif"
	case WebP:
		return ".webp"
	}
	return ".jpg"
}

// EncodeUnder encodes m in o.Format under maxBytes (<= 0: no cap) and
// returns the bytes and the JPEG quality used (0 for PNG). JPEG starts at
// o.Quality (0 → DefaultQuality) and, when over the cap, searches the
// highest quality down to MinQuality that fits. PNG is written once at best
// compression. It never returns bytes over the cap: when even the lowest
// quality (or the PNG) is too big, it returns a *CapError. No format writes
// any metadata: no EXIF, GPS, text chunk, thumbnail or profile.
func EncodeUnder(m image.Image, o Output, maxBytes int64) (data []byte, quality int, err error) {
	return EncodeUnderWith(m, o, maxBytes, nil)
}

// JPEGEncoder encodes m as a baseline JPEG at quality q (1–100, the IJG
// scale Go's encoder uses) with no metadata at all.
type JPEGEncoder func(m image.Image, q int) ([]byte, error)

// EncodeUnderWith is EncodeUnder with another JPEG encoder (nil: Go's).
func EncodeUnderWith(m image.Image, o Output, maxBytes int64, jpegEnc JPEGEncoder) (data []byte, quality int, err error) {
	if jpegEnc == nil {
		jpegEnc = encodeJPEG
	}
	if err := o.Validate(); err != nil {
		return nil, 0, err
	}
	if o.Format == PNG {
		data, err = encodePNG(m)
		if err != nil {
			return nil, 0, err
		}
		if maxBytes > 0 && int64(len(data)) > maxBytes {
			return nil, 0, &CapError{Format: PNG, Max: maxBytes, Got: int64(len(data))}
		}
		return data, 0, nil
	}
	return SearchJPEG(o.Quality, maxBytes, func(q int) ([]byte, error) { return jpegEnc(m, q) })
}

// SearchJPEG is EncodeUnder's quality search over any JPEG encoder: enc at
// q0 (0 → DefaultQuality) and, when over the cap, the highest quality down
// to MinQuality that fits; a *CapError when none does.
func SearchJPEG(q0 int, maxBytes int64, enc func(q int) ([]byte, error)) (data []byte, quality int, err error) {
	if q0 == 0 {
		q0 = DefaultQuality
	}
	data, err = enc(q0)
	if err != nil || maxBytes <= 0 || int64(len(data)) <= maxBytes {
		return data, q0, err
	}
	steps := qualitySteps(q0)
	// Invariant: steps[:lo] are known to be over the cap; steps[hi:] untested
	// below the best fit found.
	var best []byte
	bestQ, smallest := 0, int64(len(data))
	lo, hi := 0, len(steps)
	for lo < hi {
		mid := (lo + hi) / 2
		q := steps[mid]
		d, err := enc(q)
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
		return nil, 0, &CapError{Format: JPEG, Max: maxBytes, Got: smallest}
	}
	return best, bestQ, nil
}

// qualitySteps are the qualities tried below q0, highest first: multiples
// of 5 down to MinQuality. Steps of 5 are finer than anyone can see, and a
// binary search over them costs at most four more encodes from 85.
func qualitySteps(q0 int) []int {
	var steps []int
	for q := (q0 - 1) / 5 * 5; q >= MinQuality; q -= 5 {
		steps = append(steps, q)
	}
	return steps
}

// EncodeJPEGUnder is EncodeUnder for a JPEG at DefaultQuality.
func EncodeJPEGUnder(img image.Image, maxBytes int64) (data []byte, quality int, err error) {
	return EncodeUnder(img, Output{Format: JPEG}, maxBytes)
}

// encodePNG writes m at best compression. Go's encoder writes only IHDR,
// PLTE/tRNS, IDAT and IEND, and RGB without alpha when m is opaque.
func encodePNG(m image.Image) ([]byte, error) {
	var buf bytes.Buffer
	e := png.Encoder{CompressionLevel: png.BestCompression}
	if err := e.Encode(&buf, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// JPEGWithoutMetadata says what of a JPEG to keep to leave out its
// APP1–APP15 and COM segments (EXIF, XMP, ICC, comments: what another
// encoder may write), the image data untouched: the byte ranges [start,
// end) of data, in order; one, the whole of data, when there is nothing
// to leave out. Data it cannot walk is refused rather than guessed at. The
// browser worker cuts the browser's own JPEG Blob by them, which copies
// nothing.
func JPEGWithoutMetadata(data []byte) ([][2]int, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, errors.New("not a JPEG: no start-of-image marker")
	}
	keep := [][2]int{{0, 2}}
	for i := 2; ; {
		if i+4 > len(data) || data[i] != 0xFF {
			return nil, fmt.Errorf("malformed JPEG header at byte %d", i)
		}
		marker := data[i+1]
		if marker == 0xDA { // start of scan: the rest is image data
			return extend(keep, i, len(data)), nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, fmt.Errorf("malformed JPEG segment at byte %d", i)
		}
		if !(marker >= 0xE1 && marker <= 0xEF || marker == 0xFE) {
			keep = extend(keep, i, i+2+n)
		}
		i += 2 + n
	}
}

// extend adds [start, end) to ranges, joining it to the last one when they
// touch.
func extend(ranges [][2]int, start, end int) [][2]int {
	if last := &ranges[len(ranges)-1]; last[1] == start {
		last[1] = end
		return ranges
	}
	return append(ranges, [2]int{start, end})
}
