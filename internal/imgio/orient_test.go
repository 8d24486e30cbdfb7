package imgio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/disintegration/imaging"
)

// stored builds the image a camera stores for upright u under EXIF
// orientation o, from the EXIF definition of each value (row 0 / column 0
// of the stored image is which side of the scene), independently of Orient.
func stored(u image.Image, o int) *image.NRGBA {
	W, H := u.Bounds().Dx(), u.Bounds().Dy()
	sw, sh := W, H
	if o >= 5 {
		sw, sh = H, W
	}
	s := image.NewNRGBA(image.Rect(0, 0, sw, sh))
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			var ux, uy int
			switch o {
			case 1:
				ux, uy = x, y
			case 2: // mirrored
				ux, uy = W-1-x, y
			case 3: // upside down
				ux, uy = W-1-x, H-1-y
			case 4: // mirrored upside down
				ux, uy = x, H-1-y
			case 5: // row 0 is the left side, column 0 the top: transposed
				ux, uy = y, x
			case 6: // row 0 is the right side, column 0 the top
				ux, uy = W-1-y, x
			case 7: // row 0 is the right side, column 0 the bottom
				ux, uy = W-1-y, H-1-x
			case 8: // row 0 is the left side, column 0 the bottom
				ux, uy = y, H-1-x
			}
			s.Set(x, y, u.At(ux, uy))
		}
	}
	return s
}

// uniqueImage is w×h with a different colour in every pixel.
func uniqueImage(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetNRGBA(x, y, color.NRGBA{uint8(10 * x), uint8(10 * y), uint8(x*7 + y*3), 255})
		}
	}
	return m
}

func sameImage(a, b image.Image) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			if !near(a.At(ab.Min.X+x, ab.Min.Y+y), b.At(bb.Min.X+x, bb.Min.Y+y), 0) {
				return false
			}
		}
	}
	return true
}

func TestOrient(t *testing.T) {
	u := uniqueImage(3, 2) // asymmetric: every flip and turn differs
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprint(o), func(t *testing.T) {
			if got := Orient(stored(u, o), o); !sameImage(got, u) {
				t.Errorf("Orient(stored, %d) is not upright", o)
			}
		})
	}
	t.Run("invalid", func(t *testing.T) {
		if got := Orient(u, 9); got != image.Image(u) {
			t.Error("orientation 9 should leave the image alone")
		}
	})
}

func TestStoredRect(t *testing.T) {
	u := uniqueImage(7, 5)
	crops := []image.Rectangle{image.Rect(0, 0, 7, 5), image.Rect(1, 2, 4, 5), image.Rect(6, 0, 7, 1), image.Rect(2, 1, 5, 3)}
	for o := 1; o <= 8; o++ {
		s := stored(u, o)
		for _, r := range crops {
			t.Run(fmt.Sprint(o, r), func(t *testing.T) {
				sr := StoredRect(r, o, 7, 5)
				if !sr.In(s.Bounds()) {
					t.Fatalf("StoredRect = %v, outside %v", sr, s.Bounds())
				}
				if got := Orient(s.SubImage(sr), o); !sameImage(got, u.SubImage(r)) {
					t.Errorf("orienting the stored crop %v does not give the upright crop %v", sr, r)
				}
			})
		}
	}
}

func TestOrientation(t *testing.T) {
	base := encJPEG(blocks(2, 2, 8), 80)
	noTag := segment(0xE1, []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00"))
	var tests []struct {
		name string
		data []byte
		want int
	}
	add := func(name string, data []byte, want int) {
		tests = append(tests, struct {
			name string
			data []byte
			want int
		}{name, data, want})
	}
	for o := 1; o <= 8; o++ {
		add(fmt.Sprintf("big endian %d", o), withSegments(base, exifSegment(binary.BigEndian, o)), o)
		add(fmt.Sprintf("little endian %d", o), withSegments(base, exifSegment(binary.LittleEndian, o)), o)
	}
	add("xmp before exif", withSegments(base, xmpSegment(), exifSegment(binary.BigEndian, 6)), 6)
	add("jfif, xmp, exif", withSegments(base, segment(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")), xmpSegment(), exifSegment(binary.LittleEndian, 8)), 8)
	add("exif without tag, then exif", withSegments(base, noTag, exifSegment(binary.BigEndian, 3)), 3)
	add("fill bytes", withSegments(base, []byte{0xFF, 0xFF}, exifSegment(binary.BigEndian, 5)), 5)
	add("none", base, 1)
	add("out of range value", withSegments(base, exifSegment(binary.BigEndian, 9)), 1)
	add("exif after image data ignored", append(append([]byte(nil), base[:len(base)-2]...), exifSegment(binary.BigEndian, 6)...), 1)
	add("truncated segment", withSegments(base, exifSegment(binary.BigEndian, 6))[:30], 1)
	add("png", encPNG(uniqueImage(2, 2)), 1)
	add("empty", nil, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Orientation(tt.data); got != tt.want {
				t.Errorf("Orientation = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestDecodeOrientation proves orientation is applied exactly once, for every
// value, on a JPEG whose XMP APP1 comes before its EXIF APP1.
func TestDecodeOrientation(t *testing.T) {
	const cols, rows, size = 3, 2, 16
	u := blocks(cols, rows, size)
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprint(o), func(t *testing.T) {
			data := withSegments(encJPEG(stored(u, o), 95), xmpSegment(), exifSegment(binary.BigEndian, o))
			img, info, err := Decode(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if info.Orientation != o {
				t.Errorf("Info.Orientation = %d, want %d", info.Orientation, o)
			}
			if w, h := info.Upright(); img.Bounds().Dx() != w || img.Bounds().Dy() != h || w != cols*size {
				t.Fatalf("decoded %v, Upright %d×%d, want %d×%d", img.Bounds(), w, h, cols*size, rows*size)
			}
			for r := 0; r < rows; r++ {
				for c := 0; c < cols; c++ {
					got := img.At(c*size+size/2, r*size+size/2)
					if !near(got, blockColor(c, r), 8) {
						t.Errorf("block (%d,%d) = %v, want %v", c, r, got, blockColor(c, r))
					}
				}
			}
			if o == 6 {
				// imaging reads only the first APP1 (the XMP one) and leaves
				// this photo on its side: the reason Orientation exists.
				im, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
				if err == nil && im.Bounds().Dx() != cols*size {
					t.Logf("imaging.AutoOrientation gives %v: turned wrong, as expected", im.Bounds())
				}
			}
		})
	}
}

// TestExifMarkers: the offsets ExifMarkers gives are every EXIF segment's
// marker code and nothing else (not XMP's, also APP1); rewritten as APP15,
// the photo has no orientation left and decodes to the same pixels, its
// ICC profile still there.
func TestExifMarkers(t *testing.T) {
	base := encJPEG(blocks(3, 2, 16), 90)
	icc := segment(0xE2, append([]byte("ICC_PROFILE\x00\x01\x01"), "a profile"...))
	for _, tt := range []struct {
		name  string
		data  []byte
		exifs int
	}{
		{"xmp then exif", withSegments(base, xmpSegment(), exifSegment(binary.BigEndian, 6), icc), 1},
		{"two exif", withSegments(base, exifSegment(binary.LittleEndian, 8), exifSegment(binary.BigEndian, 6)), 2},
		{"fill bytes", withSegments(base, []byte{0xFF, 0xFF}, exifSegment(binary.BigEndian, 5)), 1},
		{"none", withSegments(base, xmpSegment()), 0},
		{"png", encPNG(uniqueImage(2, 2)), 0},
		{"empty", nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			at := ExifMarkers(tt.data)
			if len(at) != tt.exifs {
				t.Fatalf("ExifMarkers = %v, want %d offsets", at, tt.exifs)
			}
			if tt.exifs == 0 {
				return
			}
			data := bytes.Clone(tt.data)
			for _, i := range at {
				if data[i-1] != 0xFF || data[i] != 0xE1 || !bytes.HasPrefix(data[i+3:], []byte("Exif\x00\x00")) {
					t.Fatalf("offset %d is not an EXIF segment's marker: % x", i, data[i-1:i+9])
				}
				data[i] = 0xEF
			}
			if o := Orientation(data); o != 1 {
				t.Errorf("orientation %d left after rewriting the markers", o)
			}
			want, _, err1 := DecodeStored(tt.data, DefaultLimits)
			got, _, err2 := DecodeStored(data, DefaultLimits)
			if err1 != nil || err2 != nil || !sameImage(got, want) {
				t.Errorf("the rewritten photo does not decode to the same pixels (%v, %v)", err1, err2)
			}
			if bytes.Contains(tt.data, icc) && !bytes.Contains(data, icc) {
				t.Errorf("the ICC segment changed")
			}
		})
	}
}
