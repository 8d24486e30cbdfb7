package imgio

import (
	"bytes"
	"encoding/binary"
	"image"

	"github.com/disintegration/imaging"
)

// Orientation returns the EXIF orientation (1..8) of a JPEG, PNG or WebP:
// in a JPEG from any APP1 "Exif" segment before the image data (cameras and
// editors often put an XMP APP1 segment first; readers that look only at
// the first APP1, like imaging's AutoOrientation, then show the photo
// turned), in a PNG from its eXIf chunk, in a WebP from its EXIF chunk. It
// returns 1 when there is no valid orientation, and never panics on hostile
// bytes.
func Orientation(data []byte) int {
	switch f, _ := Sniff(data); f {
	case PNG:
		return pngOrientation(data)
	case WebP:
		return webpOrientation(data)
	}
	o := 1
	jpegSegments(data, func(marker byte, _ int, seg []byte) bool {
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			if v := tiffOrientation(seg[6:]); v != 0 {
				o = v
				return false
			}
		}
		return true
	})
	return o
}

// ExifMarkers lists, for a JPEG's first bytes (its header), the offset of
// the marker code (0xE1) of each EXIF segment: rewritten as 0xEF (APP15,
// which decoders skip), the photo decodes as stored, with its colours and
// every other segment as they were. The browser worker does this to have
// the browser decode a turned photo without turning it (Chromium always
// applies the EXIF orientation, whatever it is asked), so the engine turns
// the small outputs instead. Nil when there is none (or not a JPEG).
func ExifMarkers(head []byte) []int {
	var at []int
	jpegSegments(head, func(marker byte, i int, seg []byte) bool {
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			at = append(at, i+1)
		}
		return true
	})
	return at
}

// tiffOrientation reads tag 0x0112 from IFD0 of a TIFF structure; 0 when
// absent or invalid.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	if bo.Uint16(t[2:]) != 42 {
		return 0
	}
	off := int64(bo.Uint32(t[4:]))
	if off < 8 || off+2 > int64(len(t)) {
		return 0
	}
	count := int64(bo.Uint16(t[off:]))
	for k := int64(0); k < count; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(t)) {
			return 0
		}
		if bo.Uint16(t[e:]) != 0x0112 {
			continue
		}
		// SHORT, count 1: the value sits in the first two bytes of the field.
		if bo.Uint16(t[e+2:]) != 3 || bo.Uint32(t[e+4:]) != 1 {
			return 0
		}
		if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
			return o
		}
		return 0
	}
	return 0
}

// Orient turns an image as stored into its upright form for EXIF orientation
// o. Orientation 1 (or an invalid value) returns img itself.
func Orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img) // 90° clockwise
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img) // 90° counter-clockwise
	}
	return img
}

// StoredRect maps r, a rectangle in the upright image (w×h, origin 0,0), to
// the same pixels in the image as stored (origin 0,0) for orientation o.
// With it a renderer crops and resizes the stored pixels, then orients only
// the small output instead of turning a 48 MP photo.
func StoredRect(r image.Rectangle, o, w, h int) image.Rectangle {
	u0, v0, u1, v1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	switch o {
	case 2:
		return image.Rect(w-u1, v0, w-u0, v1)
	case 3:
		return image.Rect(w-u1, h-v1, w-u0, h-v0)
	case 4:
		return image.Rect(u0, h-v1, u1, h-v0)
	case 5:
		return image.Rect(v0, u0, v1, u1)
	case 6:
		return image.Rect(v0, w-u1, v1, w-u0)
	case 7:
		return image.Rect(h-v1, w-u1, h-v0, w-u0)
	case 8:
		return image.Rect(h-v1, u0, h-v0, u1)
	}
	return r
}
