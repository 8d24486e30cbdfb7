package colour

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"testing"
)

// photoCMYK is a smooth, photo-like CMYK picture: hues across, black ink
// growing down, with grain.
func photoCMYK(w, h int) *image.CMYK {
	m := image.NewCMYK(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := float64(x) / float64(w) * 2 * math.Pi
			k := float64(y) / float64(h)
			i := m.PixOffset(x, y)
			seed = seed*1664525 + 1013904223
			g := float64(seed>>29) - 3.5
			m.Pix[i] = uint8(127 + 120*math.Sin(a) + g)
			m.Pix[i+1] = uint8(127 + 120*math.Sin(a+2) + g)
			m.Pix[i+2] = uint8(127 + 120*math.Sin(a+4) + g)
			m.Pix[i+3] = uint8(250 * k * k)
		}
	}
	return m
}

// A 12 MP photo's size.
const benchW, benchH = 4000, 3000

// BenchmarkCMYKToRGBA converts a 12 MP photo, as DecodeStored does once
// per CMYK photo.
func BenchmarkCMYKToRGBA(b *testing.B) {
	p := parse(b, lutProfiles()[0].icc)
	p.CMYKToRGBA(image.NewCMYK(image.Rect(0, 0, 1, 1))) // build the grid
	src := photoCMYK(benchW, benchH)
	m := image.NewCMYK(src.Rect)
	b.SetBytes(int64(len(m.Pix)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		copy(m.Pix, src.Pix)
		b.StartTimer()
		p.CMYKToRGBA(m)
	}
}

// BenchmarkGridBuild is the first CMYK photo of a profile: its 17⁴ grid.
func BenchmarkGridBuild(b *testing.B) {
	p := parse(b, lutProfiles()[0].icc)
	b.ReportAllocs()
	for b.Loop() {
		newGrid(p.a2b)
	}
}

// photoYCbCr is a 4:2:0 photo-like picture, as a lossy WebP decodes.
func photoYCbCr(w, h int) *image.YCbCr {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	src := photoCMYK(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := src.PixOffset(x, y)
			m.Y[m.YOffset(x, y)] = 16 + uint8(uint32(src.Pix[i])*219/255)
			c := m.COffset(x, y)
			m.Cb[c], m.Cr[c] = src.Pix[i+1]/2+64, src.Pix[i+2]/2+64
		}
	}
	return m
}

// BenchmarkWebPToNRGBA is the conversion a 12 MP lossy WebP now takes
// when decoded (limited range, fancy upsampling).
func BenchmarkWebPToNRGBA(b *testing.B) {
	m := photoYCbCr(benchW, benchH)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := YCbCrToNRGBA(m, CICP{Matrix: 6}, Fancy); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJPEGDecode is Go's decoder on a 12 MP JPEG: the yardstick the
// conversions above are measured against, in the same run.
func BenchmarkJPEGDecode(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, photoYCbCr(benchW, benchH), &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}
