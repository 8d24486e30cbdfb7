package imgio

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"picmark/internal/msg"
)

var update = flag.Bool("update", false, "rewrite the files in testdata/")

// The test inputs are built here, in code, so each is explained; -update
// writes them to testdata/ where the fuzz targets find their seeds.
func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		files := map[string][]byte{
			"photo-xmp-then-exif6.jpg": withSegments(encJPEG(blocks(4, 3, 8), 80), xmpSegment(), exifSegment(binary.BigEndian, 6)),
			"huge-claim.jpg":           hugeClaimJPEG(),
			"truncated.jpg":            truncatedJPEG(),
			"thin-256x1.png":           encPNG(image.NewNRGBA(image.Rect(0, 0, 256, 1))),
			"alpha.png":                encPNG(alphaImage()),
			"two-frames.gif":           twoFrameGIF(),
			"not-an-image.txt":         []byte("hello, this is a note, not a photo\n"),
		}
		// Seeds for the metadata readers: a real Adobe RGB-compatible
		// profile (../colour/testdata) and EXIF in each container.
		adobe, err := os.ReadFile(filepath.Join("..", "colour", "testdata", "compatibleWithAdobeRGB1998.icc"))
		if err != nil {
			panic(err)
		}
		webp, err := os.ReadFile(filepath.Join("testdata", "photo.webp"))
		if err != nil {
			panic(err)
		}
		files["adobe-icc-3chunks-exif6.jpg"] = withSegments(encJPEG(blocks(4, 3, 8), 80),
			append(iccSegments(adobe, 2, 3, 1), exifSegment(binary.LittleEndian, 6))...)
		files["adobe-icc-exif8.png"] = withPNGChunks(encPNG(blocks(3, 2, 4)), iccpChunk(adobe),
			pngChunk("eXIf", tiffOrientationBytes(binary.BigEndian, 8)))
		files["adobe-icc-exif6.webp"] = extendedWebP(webp, 150, 100, adobe, tiffOrientationBytes(binary.BigEndian, 6))
		for name, data := range files {
			if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
				panic(err)
			}
		}
	}
	os.Exit(m.Run())
}

// blocks draws an upright test scene: a cols×rows grid of size-pixel blocks,
// each a distinct, JPEG-robust colour, so orientation mistakes are visible.
func blocks(cols, rows, size int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, cols*size, rows*size))
	for y := 0; y < rows*size; y++ {
		for x := 0; x < cols*size; x++ {
			m.Set(x, y, blockColor(x/size, y/size))
		}
	}
	return m
}

func blockColor(col, row int) color.RGBA {
	return color.RGBA{uint8(40 + 60*col), uint8(40 + 90*row), uint8(200 - 40*col), 255}
}

func encJPEG(img image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func encPNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// withSegments inserts marker segments right after SOI.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte(nil), jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

func segment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// exifSegment is an APP1 Exif segment whose IFD0 holds one unrelated tag
// then the orientation, in the given byte order.
func exifSegment(bo binary.ByteOrder, o int) []byte {
	t := make([]byte, 8+2+2*12+4)
	if bo == binary.LittleEndian {
		copy(t, "II")
	} else {
		copy(t, "MM")
	}
	bo.PutUint16(t[2:], 42)
	bo.PutUint32(t[4:], 8)
	bo.PutUint16(t[8:], 2)
	e := t[10:]
	bo.PutUint16(e[0:], 0x010F) // Make, ASCII: a decoy entry
	bo.PutUint16(e[2:], 2)
	bo.PutUint32(e[4:], 4)
	copy(e[8:], "Go\x00\x00")
	e = t[22:]
	bo.PutUint16(e[0:], 0x0112)
	bo.PutUint16(e[2:], 3)
	bo.PutUint32(e[4:], 1)
	bo.PutUint16(e[8:], uint16(o))
	return segment(0xE1, append([]byte("Exif\x00\x00"), t...))
}

func xmpSegment() []byte {
	return segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><tiff:Orientation>1</tiff:Orientation></x:xmpmeta>"))
}

// hugeClaimJPEG is a valid 8×8 JPEG whose SOF says 65500×65500: a few
// hundred bytes that would ask a decoder for 6 GB.
func hugeClaimJPEG() []byte {
	b := encJPEG(image.NewGray(image.Rect(0, 0, 8, 8)), 50)
	for i := 2; i+9 < len(b); i++ {
		if b[i] == 0xFF && b[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(b[i+5:], 65500)
			binary.BigEndian.PutUint16(b[i+7:], 65500)
			return b
		}
	}
	panic("no SOF0")
}

// truncatedJPEG is a noisy photo cut in the middle of its image data, as a
// failed download or copy leaves it.
func truncatedJPEG() []byte {
	b := encJPEG(noise(64, 64, 1), 90)
	return b[:len(b)*2/3]
}

func noise(w, h int, seed uint32) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	s := seed*2654435761 + 1
	for i := range m.Pix {
		s ^= s << 13
		s ^= s >> 17
		s ^= s << 5
		m.Pix[i] = uint8(s)
		if i%4 == 3 {
			m.Pix[i] = 255
		}
	}
	return m
}

// alphaImage is 4×2: the left half opaque red, the right half transparent.
func alphaImage() *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for y := 0; y < 2; y++ {
		for x := 0; x < 2; x++ {
			m.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 255})
		}
	}
	return m
}

// twoFrameGIF: a red first frame then a blue one; only the first counts.
func twoFrameGIF() []byte {
	pal := color.Palette{color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	f1 := image.NewPaletted(image.Rect(0, 0, 6, 4), pal)
	f2 := image.NewPaletted(image.Rect(0, 0, 6, 4), pal)
	for i := range f2.Pix {
		f2.Pix[i] = 1
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{f1, f2}, Delay: []int{10, 10}}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("%v (run go test -update to regenerate)", err)
	}
	return b
}

// near reports whether two colours differ by at most tol per channel.
func near(a, b color.Color, tol int) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	d := func(x, y uint32) bool { v := int(x>>8) - int(y>>8); return v >= -tol && v <= tol }
	return d(r1, r2) && d(g1, g2) && d(b1, b2) && d(a1, a2)
}

// pngHeader is the start of a PNG claiming w×h (8-bit grey): enough for
// DecodeConfig, with no pixel data at all.
func pngHeader(w, h int) []byte {
	ihdr := make([]byte, 4+13)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[8:], uint32(h))
	ihdr[12] = 8 // bit depth; colour type 0 (grey), no interlace
	out := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	out = append(out, ihdr...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
}

// joinNotes says notes in English, joined by sep.
func joinNotes(notes []msg.Message, sep string) string {
	s := make([]string, len(notes))
	for i, n := range notes {
		s[i] = n.String()
	}
	return strings.Join(s, sep)
}
