package imgio

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/webp"

	"picmark/internal/colour"
)

// Lossy WebP is limited-range Y′CbCr: decoded, it must not keep Go's
// full-range reading (flatter contrast than the page shows). internal/colour
// checks the conversion against dwebp.
func TestWebPDecodesLikeLibwebp(t *testing.T) {
	data := readTestdata(t, "photo.webp")
	img, _, err := DecodeStored(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := img.(*image.NRGBA)
	if !ok {
		t.Fatalf("decoded as %T", img)
	}
	raw, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	yc := raw.(*image.YCbCr)
	want, err := colour.YCbCrToNRGBA(yc, colour.CICP{Matrix: 6}, colour.Fancy)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rect != want.Rect || !bytes.Equal(got.Pix, want.Pix) {
		t.Fatal("not the limited-range, fancy-upsampled conversion")
	}
	// The contrast grows: darks darker, lights lighter than Go's reading.
	spread := func(at func(x, y int) color.Color) (lo, hi uint8) {
		lo = 255
		for y := yc.Rect.Min.Y; y < yc.Rect.Max.Y; y++ {
			for x := yc.Rect.Min.X; x < yc.Rect.Max.X; x++ {
				r, _, _, _ := at(x, y).RGBA()
				lo, hi = min(lo, uint8(r>>8)), max(hi, uint8(r>>8))
			}
		}
		return lo, hi
	}
	glo, ghi := spread(yc.At)
	lo, hi := spread(got.At)
	if !(lo < glo && hi > ghi) {
		t.Errorf("red spans %d..%d, Go's reading %d..%d: want a wider span", lo, hi, glo, ghi)
	}
}
