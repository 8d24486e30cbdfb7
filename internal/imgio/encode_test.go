package imgio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"
)

func TestFlatten(t *testing.T) {
	white := color.White
	src := image.NewNRGBA(image.Rect(1, 1, 4, 2)) // odd origin on purpose
	src.SetNRGBA(1, 1, color.NRGBA{255, 0, 0, 255})
	src.SetNRGBA(2, 1, color.NRGBA{255, 0, 0, 128})
	src.SetNRGBA(3, 1, color.NRGBA{0, 0, 0, 0})
	wide := image.NewNRGBA(image.Rect(0, 0, 9, 3)) // src inside a larger picture
	for x := 1; x < 4; x++ {
		wide.SetNRGBA(x, 1, src.NRGBAAt(x, 1))
	}
	want := []color.RGBA{{255, 0, 0, 255}, {255, 127, 127, 255}, {255, 255, 255, 255}}
	pal := image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Transparent})
	tests := []struct {
		name string
		img  image.Image
		want []color.RGBA
	}{
		{"nrgba", src, want},
		{"nrgba sub-image", wide.SubImage(image.Rect(1, 1, 4, 2)), want},
		{"generic path", rgbaOf(src), want},
		{"transparent gif", pal, []color.RGBA{{255, 255, 255, 255}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Flatten(tt.img, white)
			if got.Bounds() != tt.img.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Bounds(), tt.img.Bounds())
			}
			b := got.Bounds()
			for i, w := range tt.want {
				if c := got.At(b.Min.X+i, b.Min.Y); !near(c, w, 1) {
					t.Errorf("pixel %d = %v, want %v", i, c, w)
				}
			}
		})
	}
	if _, _, _, a := src.At(3, 1).RGBA(); a != 0 {
		t.Error("Flatten changed its input")
	}
}

func rgbaOf(m image.Image) *image.RGBA {
	out := image.NewRGBA(m.Bounds())
	for y := m.Bounds().Min.Y; y < m.Bounds().Max.Y; y++ {
		for x := m.Bounds().Min.X; x < m.Bounds().Max.X; x++ {
			out.Set(x, y, m.At(x, y))
		}
	}
	return out
}

// markers lists the JPEG markers before the image data.
func markers(t *testing.T, b []byte) []byte {
	t.Helper()
	var ms []byte
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			t.Fatalf("no marker at %d", i)
		}
		m := b[i+1]
		ms = append(ms, m)
		if m == 0xDA {
			return ms
		}
		i += 2 + int(b[i+2])<<8 + int(b[i+3])
	}
	return ms
}

func TestEncodeJPEGNoMetadata(t *testing.T) {
	b, err := EncodeJPEG(noise(32, 32, 3), 85)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range markers(t, b) {
		if m >= 0xE0 && m <= 0xEF || m == 0xFE {
			t.Errorf("output has marker %#x: metadata (EXIF, GPS, comments) must not be written", m)
		}
	}
	if _, _, err := Decode(b, DefaultLimits); err != nil {
		t.Errorf("output does not decode: %v", err)
	}
}

func TestEncodeJPEGUnder(t *testing.T) {
	img := noise(128, 128, 7)
	full, _ := EncodeJPEG(img, DefaultQuality)
	q60, _ := EncodeJPEG(img, 60)
	floor, _ := EncodeJPEG(img, MinQuality)
	tests := []struct {
		name    string
		max     int64
		wantQ   int
		wantCap bool
	}{
		{"no cap", 0, DefaultQuality, false},
		{"fits at 85", int64(len(full)), DefaultQuality, false},
		{"needs 60", int64(len(q60)), 60, false},
		{"just under 60", int64(len(q60)) - 1, 55, false},
		{"floor fits", int64(len(floor)), MinQuality, false},
		{"nothing fits", int64(len(floor)) - 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			encodeJPEG = func(m image.Image, q int) ([]byte, error) { n++; return EncodeJPEG(m, q) }
			defer func() { encodeJPEG = EncodeJPEG }()
			data, q, err := EncodeJPEGUnder(img, tt.max)
			if n > 5 {
				t.Errorf("%d encodes; the search should need at most 5", n)
			}
			if tt.wantCap {
				var ce *CapError
				if !errors.As(err, &ce) || data != nil || ce.Max != tt.max || ce.Got != int64(len(floor)) {
					t.Fatalf("got %d bytes, err %v; want a CapError", len(data), err)
				}
				if !strings.Contains(err.Error(), "at the lowest JPEG quality") || strings.Contains(err.Error(), ".jpg") {
					t.Errorf("message %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q != tt.wantQ {
				t.Errorf("quality %d, want %d", q, tt.wantQ)
			}
			if tt.max > 0 && int64(len(data)) > tt.max {
				t.Errorf("%d bytes over the %d cap", len(data), tt.max)
			}
		})
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{12: "12 bytes", 2048: "2 KB", 5 << 20: "5 MB", 6_500_000: "6.2 MB", 200 << 20: "200 MB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// pngChunkTypes lists a PNG's chunk types in order.
func pngChunkTypes(t *testing.T, b []byte) []string {
	t.Helper()
	var types []string
	pngChunks(append(append([]byte(nil), b...), 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0, 0, 0, 0), func(typ string, _ []byte) bool {
		types = append(types, typ)
		return true
	})
	return types
}

func TestEncodeUnder(t *testing.T) {
	img := noise(96, 96, 5)
	opaquePNG, _ := encodePNG(img)
	q95, _ := EncodeJPEG(img, 95)
	q50, _ := EncodeJPEG(img, 50)
	q45, _ := EncodeJPEG(img, 45)
	q20, _ := EncodeJPEG(img, 20)
	tests := []struct {
		name    string
		o       Output
		max     int64
		wantQ   int
		wantCap string // substring of the CapError's message
		wantErr string // substring of another error
	}{
		{name: "zero output is JPEG 85", o: Output{}, wantQ: 85},
		{name: "quality 95 fits", o: Output{Quality: 95}, max: int64(len(q95)), wantQ: 95},
		{name: "quality 50, cap just under", o: Output{Format: JPEG, Quality: 50}, max: int64(len(q50)) - 1, wantQ: 45},
		{name: "quality 50, cap at 45", o: Output{Quality: 50}, max: int64(len(q45)), wantQ: 45},
		{name: "quality 20 fits", o: Output{Quality: 20}, max: int64(len(q20)), wantQ: 20},
		{name: "quality 20 over: no search below it", o: Output{Quality: 20}, max: int64(len(q20)) - 1, wantCap: "at the lowest JPEG quality"},
		{name: "png", o: Output{Format: PNG}, max: int64(len(opaquePNG)), wantQ: 0},
		{name: "png no cap", o: Output{Format: PNG}, wantQ: 0},
		{name: "png over", o: Output{Format: PNG}, max: int64(len(opaquePNG)) - 1,
			wantCap: "as a PNG, over this format's"},
		{name: "gif refused", o: Output{Format: GIF}, wantErr: `picmark writes JPEG or PNG, not "GIF"`},
		{name: "quality 101", o: Output{Quality: 101}, wantErr: "the quality is 101; it can be 1 to 100: 85 is a good start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, q, err := EncodeUnder(img, tt.o, tt.max)
			var ce *CapError
			switch {
			case tt.wantCap != "":
				if !errors.As(err, &ce) || data != nil || !strings.Contains(err.Error(), tt.wantCap) || ce.Max != tt.max {
					t.Fatalf("got %d bytes, err %v; want a CapError %q", len(data), err, tt.wantCap)
				}
				return
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || data != nil {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q != tt.wantQ {
				t.Errorf("quality %d, want %d", q, tt.wantQ)
			}
			if tt.max > 0 && int64(len(data)) > tt.max {
				t.Errorf("%d bytes over the %d cap", len(data), tt.max)
			}
			got, info, err := Decode(data, DefaultLimits)
			if err != nil || got.Bounds() != img.Bounds() {
				t.Fatalf("output does not decode to the same size: %v", err)
			}
			if want := tt.o.Format; want != "" && info.Format != want {
				t.Errorf("format %s, want %s", info.Format, want)
			}
		})
	}
}

func TestEncodePNGNoMetadata(t *testing.T) {
	// A PNG read with a profile and EXIF is written back with neither.
	src := withPNGChunks(encPNG(alphaImage()), pngChunk("eXIf", tiffOrientationBytes(binary.BigEndian, 6)),
		pngChunk("tEXt", []byte("GPS\x0048.85,2.35")))
	img, _, err := DecodeStored(src, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []image.Image{img, Flatten(img, color.White)} {
		data, _, err := EncodeUnder(m, Output{Format: PNG}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, typ := range pngChunkTypes(t, data) {
			if typ != "IHDR" && typ != "IDAT" && typ != "PLTE" && typ != "tRNS" {
				t.Errorf("output has a %s chunk: metadata must not be written", typ)
			}
		}
		back, _, _ := Decode(data, DefaultLimits)
		if !near(back.At(0, 0), m.At(0, 0), 0) || !near(back.At(3, 1), m.At(3, 1), 0) {
			t.Errorf("PNG is not lossless: %v, %v", back.At(0, 0), back.At(3, 1))
		}
	}
}

func TestOutputFormats(t *testing.T) {
	for in, want := range map[string]Format{"": JPEG, "jpeg": JPEG, "JPG": JPEG, " png ": PNG} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("webp"); err == nil || err.Error() != `picmark writes JPEG or PNG, not "webp": choose one of them` {
		t.Errorf("webp: %v", err)
	}
	for f, want := range map[Format]string{"": ".jpg", JPEG: ".jpg", PNG: ".png"} {
		if got := f.Ext(); got != want {
			t.Errorf("%q.Ext() = %q", f, got)
		}
	}
}

// TestJPEGWithoutMetadata: the ranges leave out exactly the metadata
// segments another encoder may write, keep JFIF and the image data, and
// are the whole JPEG when there is nothing to leave out.
func TestJPEGWithoutMetadata(t *testing.T) {
	plain, err := EncodeJPEG(noise(16, 16, 3), 85)
	if err != nil {
		t.Fatal(err)
	}
	seg := func(marker byte, body string) []byte {
		return append([]byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	}
	// What another encoder might write: JFIF, EXIF with GPS, an ICC profile, a comment.
	var tagged []byte
	tagged = append(tagged, plain[:2]...)
	tagged = append(tagged, seg(0xE0, "JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00")...)
	tagged = append(tagged, seg(0xE1, "Exif\x00\x00GPS 48.85,2.35")...)
	tagged = append(tagged, seg(0xE2, "ICC_PROFILE\x00\x01\x01sRGB")...)
	tagged = append(tagged, seg(0xFE, "made by someone")...)
	tagged = append(tagged, plain[2:]...)
	keep, err := JPEGWithoutMetadata(tagged)
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, r := range keep {
		got = append(got, tagged[r[0]:r[1]]...)
	}
	if len(keep) != 2 {
		t.Errorf("JPEGWithoutMetadata = %v, want two ranges (up to JFIF, then the image)", keep)
	}
	for _, m := range markers(t, got) {
		if m >= 0xE1 && m <= 0xEF || m == 0xFE {
			t.Errorf("marker %#x kept", m)
		}
	}
	if !bytes.Contains(got, []byte("JFIF")) || !bytes.HasSuffix(got, plain[len(plain)-64:]) {
		t.Error("the JFIF header or the image data was not kept")
	}
	a, _ := jpeg.Decode(bytes.NewReader(plain))
	b, err := jpeg.Decode(bytes.NewReader(got))
	if err != nil || a.Bounds() != b.Bounds() {
		t.Fatalf("the JPEG without metadata does not decode like the original: %v", err)
	}
	if keep, err := JPEGWithoutMetadata(plain); err != nil || len(keep) != 1 || keep[0] != [2]int{0, len(plain)} {
		t.Errorf("JPEGWithoutMetadata of a JPEG with nothing to leave out = %v, %v; want the whole", keep, err)
	}
	for _, bad := range [][]byte{nil, []byte("GIF89a"), tagged[:30]} {
		if _, err := JPEGWithoutMetadata(bad); err == nil {
			t.Errorf("JPEGWithoutMetadata(%q…) = nil error", bad[:min(len(bad), 8)])
		}
	}
}
