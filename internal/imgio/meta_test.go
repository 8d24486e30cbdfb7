package imgio

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"path/filepath"
	"testing"

	"picmark/internal/colour"
)

// Real profiles from Debian's icc-profiles-free (Zlib licence), kept with
// the colour package's tests: see ../colour/testdata/README.md.
func profileFile(t testing.TB, name string) []byte {
	t.Helper()
	return readTestdata(t, filepath.Join("..", "..", "colour", "testdata", name))
}

// iccSegments splits a profile into n APP2 "ICC_PROFILE" segments, in the
// order given by order (1-based sequence numbers).
func iccSegments(icc []byte, order ...int) [][]byte {
	n := len(order)
	size := (len(icc) + n - 1) / n
	segs := make([][]byte, n)
	for k, seq := range order {
		part := icc[min((seq-1)*size, len(icc)):min(seq*size, len(icc))]
		payload := append([]byte("ICC_PROFILE\x00"), byte(seq), byte(n))
		segs[k] = segment(0xE2, append(payload, part...))
	}
	return segs
}

func pngChunk(typ string, body []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	b = append(b, typ...)
	b = append(b, body...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// withPNGChunks inserts chunks right after IHDR (which ends at byte 33).
func withPNGChunks(p []byte, chunks ...[]byte) []byte {
	out := append([]byte(nil), p[:33]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[33:]...)
}

func iccpChunk(icc []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(icc)
	w.Close()
	return pngChunk("iCCP", append([]byte("ICC profile\x00\x00"), z.Bytes()...))
}

// tiffOrientationBytes is the TIFF structure of exifSegment, without the
// APP1 framing: what PNG eXIf and WebP EXIF chunks hold.
func tiffOrientationBytes(bo binary.ByteOrder, o int) []byte {
	return exifSegment(bo, o)[4+6:]
}

func riffChunk(fourcc string, body []byte) []byte {
	b := append([]byte(fourcc), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// extendedWebP rewraps a simple (VP8) WebP as VP8X with optional ICCP and
// EXIF chunks around the image data, as cameras' and editors' exports do.
func extendedWebP(simple []byte, w, h int, icc, exif []byte) []byte {
	vp8x := make([]byte, 10)
	if icc != nil {
		vp8x[0] |= 0x20
	}
	if exif != nil {
		vp8x[0] |= 0x08
	}
	put24 := func(b []byte, v int) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }
	put24(vp8x[4:], w-1)
	put24(vp8x[7:], h-1)
	body := append([]byte("WEBP"), riffChunk("VP8X", vp8x)...)
	if icc != nil {
		body = append(body, riffChunk("ICCP", icc)...)
	}
	body = append(body, simple[12:]...) // the VP8 chunk
	if exif != nil {
		body = append(body, riffChunk("EXIF", exif)...)
	}
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

func flat(w, h int, c color.NRGBA) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return m
}

func TestEmbeddedProfile(t *testing.T) {
	adobe := profileFile(t, "compatibleWithAdobeRGB1998.icc")
	srgb := profileFile(t, "sRGB.icc")
	grey := profileFile(t, "Gray.icc")
	jpg := encJPEG(blocks(4, 3, 8), 90)
	pngData := encPNG(flat(6, 4, color.NRGBA{80, 160, 80, 255}))
	webp := readTestdata(t, "photo.webp")
	junk := append([]byte(nil), adobe...)
	copy(junk[36:], "nope")

	tests := []struct {
		name   string
		data   []byte
		active bool
		note   string // the whole note; "" for none
		orient int
	}{
		{"jpeg, one chunk", withSegments(jpg, iccSegments(adobe, 1)...), true, "", 1},
		{"jpeg, chunks out of order, exif after", withSegments(jpg, append(iccSegments(adobe, 3, 1, 2), exifSegment(binary.BigEndian, 6))...), true, "", 6},
		{"jpeg, a chunk missing", withSegments(jpg, iccSegments(adobe, 3, 1, 2)[:2]...), false, "colour profile ignored (it is incomplete)", 1},
		{"jpeg, a chunk twice", withSegments(jpg, append(iccSegments(adobe, 1, 2), iccSegments(adobe, 1, 2)[0])...), false, "colour profile ignored (it is incomplete)", 1},
		{"jpeg, sRGB", withSegments(jpg, iccSegments(srgb, 1, 2)...), false, "", 1},
		{"jpeg, greyscale", withSegments(jpg, iccSegments(grey, 1)...), false, "colour profile ignored (it is made for greyscale pixels and the photo has RGB pixels)", 1},
		{"jpeg, damaged profile", withSegments(jpg, iccSegments(junk, 1)...), false, "colour profile ignored (it is damaged)", 1},
		{"jpeg, none", jpg, false, "", 1},
		{"png iCCP and eXIf", withPNGChunks(pngData, iccpChunk(adobe), pngChunk("eXIf", tiffOrientationBytes(binary.LittleEndian, 8))), true, "", 8},
		{"png eXIf with Exif prefix", withPNGChunks(pngData, pngChunk("eXIf", append([]byte("Exif\x00\x00"), tiffOrientationBytes(binary.BigEndian, 3)...))), false, "", 3},
		{"png iCCP not zlib", withPNGChunks(pngData, pngChunk("iCCP", []byte("x\x00\x00garbage"))), false, "colour profile ignored (it is damaged)", 1},
		{"png iCCP no name", withPNGChunks(pngData, pngChunk("iCCP", []byte("\x00\x00x"))), false, "colour profile ignored (it is damaged)", 1},
		{"webp ICCP and EXIF", extendedWebP(webp, 150, 100, adobe, tiffOrientationBytes(binary.BigEndian, 6)), true, "", 6},
		{"webp EXIF with prefix, sRGB", extendedWebP(webp, 150, 100, srgb, append([]byte("Exif\x00\x00"), tiffOrientationBytes(binary.LittleEndian, 5)...)), false, "", 5},
		{"webp greyscale profile", extendedWebP(webp, 150, 100, grey, nil), false, "colour profile ignored (it is made for greyscale pixels and the photo has RGB pixels)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Profile.Active(); got != tt.active {
				t.Errorf("Active = %v, want %v (profile %+v)", got, tt.active, info.Profile)
			}
			if got := joinNotes(info.Notes, "|"); got != tt.note {
				t.Errorf("Notes = %q, want %q", got, tt.note)
			}
			if info.Orientation != tt.orient {
				t.Errorf("Orientation = %d, want %d", info.Orientation, tt.orient)
			}
			img, info2, err := Decode(tt.data, DefaultLimits)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if w, h := info2.Upright(); img.Bounds().Dx() != w || img.Bounds().Dy() != h {
				t.Errorf("decoded %v, want %d×%d upright", img.Bounds(), w, h)
			}
		})
	}
}

func TestConvertToSRGB(t *testing.T) {
	adobe := profileFile(t, "compatibleWithAdobeRGB1998.icc")
	p, err := colour.ParseICC(adobe)
	if err != nil {
		t.Fatal(err)
	}
	in := color.NRGBA{80, 160, 80, 255}
	r, g, b := p.Convert(in.R, in.G, in.B)
	want := color.RGBA{r, g, b, 255}
	if want == (color.RGBA{80, 160, 80, 255}) {
		t.Fatal("the test colour does not change")
	}
	data := withPNGChunks(encPNG(flat(6, 4, in)), iccpChunk(adobe))
	img, info, err := Decode(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("rgba", func(t *testing.T) {
		m := Flatten(img, color.White)
		if !ConvertToSRGB(m, info) {
			t.Fatal("nothing converted")
		}
		if c := m.RGBAAt(2, 2); c != want {
			t.Errorf("pixel %v, want %v", c, want)
		}
	})
	t.Run("nrgba", func(t *testing.T) {
		m := flat(2, 2, in)
		if !ConvertToSRGB(m, info) {
			t.Fatal("nothing converted")
		}
		if c := m.NRGBAAt(1, 1); c != (color.NRGBA{r, g, b, 255}) {
			t.Errorf("pixel %v, want %v", c, want)
		}
	})
	t.Run("no profile, other types", func(t *testing.T) {
		m := Flatten(flat(2, 2, in), color.White)
		if ConvertToSRGB(m, Info{}) || m.RGBAAt(0, 0) != (color.RGBA{80, 160, 80, 255}) {
			t.Error("converted without a profile")
		}
		if ConvertToSRGB(image.NewGray(image.Rect(0, 0, 1, 1)), info) {
			t.Error("converted a grey image")
		}
	})
}

func TestOrientationPNGWebP(t *testing.T) {
	pngData := encPNG(uniqueImage(3, 2))
	webp := readTestdata(t, "photo.webp")
	for o := 1; o <= 8; o++ {
		for _, bo := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
			tiff := tiffOrientationBytes(bo, o)
			if got := Orientation(withPNGChunks(pngData, pngChunk("eXIf", tiff))); got != o {
				t.Errorf("png %v %d: got %d", bo, o, got)
			}
			if got := Orientation(extendedWebP(webp, 150, 100, nil, tiff)); got != o {
				t.Errorf("webp %v %d: got %d", bo, o, got)
			}
		}
	}
	t.Run("png eXIf after IDAT still counts", func(t *testing.T) {
		end := len(pngData) - 12 // before IEND
		data := append(append(append([]byte(nil), pngData[:end]...), pngChunk("eXIf", tiffOrientationBytes(binary.BigEndian, 6))...), pngData[end:]...)
		if got := Orientation(data); got != 6 {
			t.Errorf("got %d", got)
		}
		if _, _, err := Decode(data, DefaultLimits); err != nil {
			t.Error(err)
		}
	})
	t.Run("png upright after decode", func(t *testing.T) {
		u := uniqueImage(3, 2)
		data := withPNGChunks(encPNG(stored(u, 6)), pngChunk("eXIf", tiffOrientationBytes(binary.BigEndian, 6)))
		img, _, err := Decode(data, DefaultLimits)
		if err != nil || !sameImage(img, u) {
			t.Errorf("not upright (%v)", err)
		}
	})
	for _, bad := range [][]byte{
		withPNGChunks(pngData, pngChunk("eXIf", []byte("MM\x00\x2a"))),
		extendedWebP(webp, 150, 100, nil, []byte("II*\x00\xff\xff\xff\xff")),
		extendedWebP(webp, 150, 100, nil, tiffOrientationBytes(binary.BigEndian, 9)),
		extendedWebP(webp, 150, 100, nil, tiffOrientationBytes(binary.BigEndian, 6))[:60],
	} {
		if got := Orientation(bad); got != 1 {
			t.Errorf("bad metadata: got %d", got)
		}
	}
}

func TestMetadataSeeds(t *testing.T) {
	for name, want := range map[string]int{"adobe-icc-3chunks-exif6.jpg": 6, "adobe-icc-exif8.png": 8, "adobe-icc-exif6.webp": 6} {
		info, err := Inspect(readTestdata(t, name), DefaultLimits)
		if err != nil || info.Orientation != want || !info.Profile.Active() || info.Notes != nil {
			t.Errorf("%s: %+v, %v", name, info, err)
		}
	}
}
