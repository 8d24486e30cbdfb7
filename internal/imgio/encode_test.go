package imgio

import (
	"errors"
	"image"
	"image/color"
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
