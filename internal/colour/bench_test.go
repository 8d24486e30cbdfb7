package colour

import (
	"image"
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

// BenchmarkCMYKToRGBA converts a 12 MP photo, as DecodeStored does once
// per CMYK photo.
func BenchmarkCMYKToRGBA(b *testing.B) {
	p := parse(b, lutProfiles()[0].icc)
	p.CMYKToRGBA(image.NewCMYK(image.Rect(0, 0, 1, 1))) // build the grid
	src := photoCMYK(4000, 3000)
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
