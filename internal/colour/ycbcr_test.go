package colour

import (
	"errors"
	"image"
	"image/color"
	"math"
	"testing"
)

// specRGB is Y′CbCr → 8-bit RGB straight from the definitions (BT.601,
// BT.709, BT.2020 and H.273's equations 38–40), in floating point: the
// weights are written here, not taken from the package.
func specRGB(y, cb, cr float64, depth int, full bool, kr, kb float64) [3]uint8 {
	n := math.Exp2(float64(depth))
	var ey, epb, epr float64
	if full {
		ey, epb, epr = y/(n-1), (cb-n/2)/(n-1), (cr-n/2)/(n-1)
	} else {
		k := n / 256
		ey, epb, epr = (y-16*k)/(219*k), (cb-128*k)/(224*k), (cr-128*k)/(224*k)
	}
	r := ey + 2*(1-kr)*epr
	b := ey + 2*(1-kb)*epb
	g := (ey - kr*r - kb*b) / (1 - kr - kb)
	var out [3]uint8
	for i, v := range []float64{r, g, b} {
		out[i] = uint8(math.Round(255 * math.Max(0, math.Min(1, v))))
	}
	return out
}

func TestPlanesAgainstTheDefinitions(t *testing.T) {
	weights := []struct {
		matrix int
		kr, kb float64
	}{
		{1, 0.2126, 0.0722},  // BT.709
		{6, 0.299, 0.114},    // BT.601
		{5, 0.299, 0.114},    // BT.601 (625)
		{2, 0.299, 0.114},    // unspecified: BT.601, as libavif
		{9, 0.2627, 0.0593},  // BT.2020 non-constant luminance
		{4, 0.30, 0.11},      // FCC
		{7, 0.212, 0.087},    // SMPTE 240M
		{12, 0.2627, 0.0593}, // derived from BT.2020's primaries
	}
	for _, w := range weights {
		for _, depth := range []int{8, 10, 12, 16} {
			for _, full := range []bool{false, true} {
				c := CICP{Primaries: 9, Matrix: w.matrix, FullRange: full}
				n := 1 << depth
				var ys, cs []uint16
				for _, f := range []float64{0, 0.02, 0.07, 0.2, 0.5, 0.51, 0.8, 0.93, 0.99, 1} {
					ys = append(ys, uint16(math.Round(f*float64(n-1))))
					cs = append(cs, uint16(math.Round(f*float64(n-1))))
				}
				// A 4:4:4 image holding every combination.
				var Y, Cb, Cr []uint16
				for _, y := range ys {
					for _, cb := range cs {
						for _, cr := range cs {
							Y, Cb, Cr = append(Y, y), append(Cb, cb), append(Cr, cr)
						}
					}
				}
				got, err := planes16(len(Y), 1, depth, image.YCbCrSubsampleRatio444, Y, Cb, Cr, c, Nearest)
				if err != nil {
					t.Fatal(err)
				}
				for i := range Y {
					want := specRGB(float64(Y[i]), float64(Cb[i]), float64(Cr[i]), depth, full, w.kr, w.kb)
					px := got.Pix[4*i : 4*i+4]
					if absDiff(px[0], want[0]) > 1 || absDiff(px[1], want[1]) > 1 || absDiff(px[2], want[2]) > 1 || px[3] != 255 {
						t.Fatalf("matrix %d, %d bits, full %v: Y′CbCr %d %d %d → %v, want %v", w.matrix, depth, full, Y[i], Cb[i], Cr[i], px, want)
					}
				}
			}
		}
	}
}

func planes16(w, h, depth int, s image.YCbCrSubsampleRatio, y, cb, cr []uint16, c CICP, up Upsampling) (*image.NRGBA, error) {
	hx, _, _ := steps(s)
	return PlanesToNRGBA(Planes[uint16]{Width: w, Height: h, Depth: depth, Subsample: s, Y: y, Cb: cb, Cr: cr,
		YStride: w, CStride: (w + hx - 1) / hx}, c, up)
}

func TestMatrixZeroIsGBR(t *testing.T) {
	for _, full := range []bool{true, false} {
		got, err := planes16(1, 1, 10, image.YCbCrSubsampleRatio444, []uint16{500}, []uint16{100}, []uint16{900}, CICP{Matrix: 0, FullRange: full}, Nearest)
		if err != nil {
			t.Fatal(err)
		}
		level := func(v float64) uint8 {
			if !full {
				v = (v - 64) / 876 * 1023
			}
			return uint8(math.Round(255 * math.Max(0, math.Min(1, v/1023))))
		}
		want := []uint8{level(900), level(500), level(100), 255} // R from Cr, G from Y, B from Cb
		if string(got.Pix) != string(want) {
			t.Errorf("full %v: %v, want %v", full, got.Pix, want)
		}
	}
}

// The chroma a pixel gets shows directly with matrix 0 and full range: red
// is the Cr plane's value there, blue the Cb plane's.
func TestUpsampling(t *testing.T) {
	// 4×4 luma, 2×2 chroma (4:2:0).
	cr := []uint8{0, 160, 80, 240}
	cb := []uint8{10, 10, 10, 10}
	y := make([]uint8, 16)
	conv := func(up Upsampling, s image.YCbCrSubsampleRatio, w, h, cw int, cr []uint8) *image.NRGBA {
		t.Helper()
		m, err := PlanesToNRGBA(Planes[uint8]{Width: w, Height: h, Depth: 8, Subsample: s, Y: y[:w*h], Cb: cb[:len(cr)], Cr: cr,
			YStride: w, CStride: cw}, CICP{Matrix: 0, FullRange: true}, up)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	red := func(m *image.NRGBA) [][]int {
		out := make([][]int, m.Rect.Dy())
		for j := range out {
			for i := 0; i < m.Rect.Dx(); i++ {
				out[j] = append(out[j], int(m.Pix[j*m.Stride+4*i]))
			}
		}
		return out
	}
	// Each pixel's nearest chroma sample a, its neighbour across b, down c
	// and diagonal d (clamped at the edges): (9a + 3b + 3c + d) / 16.
	at := func(i, j int) float64 {
		return float64(cr[min(max(j, 0), 1)*2+min(max(i, 0), 1)])
	}
	t.Run("fancy 4:2:0", func(t *testing.T) {
		got := red(conv(Fancy, image.YCbCrSubsampleRatio420, 4, 4, 2, cr))
		for yy := range 4 {
			for xx := range 4 {
				i, j := xx/2, yy/2
				di, dj := 2*(xx%2)-1, 2*(yy%2)-1
				want := (9*at(i, j) + 3*at(i+di, j) + 3*at(i, j+dj) + at(i+di, j+dj)) / 16
				if math.Abs(float64(got[yy][xx])-want) > 1 {
					t.Errorf("(%d,%d) = %d, want %.2f", xx, yy, got[yy][xx], want)
				}
			}
		}
	})
	t.Run("nearest 4:2:0", func(t *testing.T) {
		got := red(conv(Nearest, image.YCbCrSubsampleRatio420, 4, 4, 2, cr))
		for yy := range 4 {
			for xx := range 4 {
				if want := int(at(xx/2, yy/2)); got[yy][xx] != want {
					t.Errorf("(%d,%d) = %d, want %d", xx, yy, got[yy][xx], want)
				}
			}
		}
	})
	t.Run("fancy 4:2:2 blends across only", func(t *testing.T) {
		got := red(conv(Fancy, image.YCbCrSubsampleRatio422, 4, 2, 2, cr))
		want := [][]int{{0, 40, 120, 160}, {80, 120, 200, 240}} // (3a + b) / 4, edges clamped
		for j := range want {
			for i := range want[j] {
				if absDiff(uint8(got[j][i]), uint8(want[j][i])) > 1 {
					t.Errorf("%v, want %v", got, want)
					return
				}
			}
		}
	})
	t.Run("fancy 4:4:0 blends down only", func(t *testing.T) {
		got := red(conv(Fancy, image.YCbCrSubsampleRatio440, 2, 4, 2, cr))
		want := [][]int{{0, 160}, {20, 180}, {60, 220}, {80, 240}}
		for j := range want {
			for i := range want[j] {
				if absDiff(uint8(got[j][i]), uint8(want[j][i])) > 1 {
					t.Errorf("%v, want %v", got, want)
					return
				}
			}
		}
	})
	t.Run("4:1:1 stays nearest", func(t *testing.T) {
		got := red(conv(Fancy, image.YCbCrSubsampleRatio411, 8, 1, 2, cr[:2]))
		if want := []int{0, 0, 0, 0, 160, 160, 160, 160}; !equalInts(got[0], want) {
			t.Errorf("%v, want %v", got[0], want)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestYCbCrImages(t *testing.T) {
	full601 := CICP{Matrix: 6, FullRange: true}
	m := image.NewYCbCr(image.Rect(0, 0, 9, 7), image.YCbCrSubsampleRatio420)
	for i := range m.Y {
		m.Y[i] = uint8(i * 29)
	}
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uint8(i*53), uint8(255-i*31)
	}
	t.Run("nearest full-range BT.601 is Go's own conversion", func(t *testing.T) {
		got, err := YCbCrToNRGBA(m, full601, Nearest)
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < 7; y++ {
			for x := 0; x < 9; x++ {
				want := color.RGBAModel.Convert(m.At(x, y)).(color.RGBA)
				g := got.NRGBAAt(x, y)
				if absDiff(g.R, want.R) > 1 || absDiff(g.G, want.G) > 1 || absDiff(g.B, want.B) > 1 || g.A != 255 {
					t.Fatalf("(%d,%d) %v, want %v", x, y, g, want)
				}
			}
		}
	})
	t.Run("a sub-image at an odd origin keeps its chroma", func(t *testing.T) {
		whole, _ := YCbCrToNRGBA(m, full601, Nearest)
		r := image.Rect(3, 1, 8, 6)
		sub, err := YCbCrToNRGBA(m.SubImage(r).(*image.YCbCr), full601, Nearest)
		if err != nil {
			t.Fatal(err)
		}
		if sub.Rect != r {
			t.Fatalf("bounds %v", sub.Rect)
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if sub.NRGBAAt(x, y) != whole.NRGBAAt(x, y) {
					t.Fatalf("(%d,%d) %v, whole image %v", x, y, sub.NRGBAAt(x, y), whole.NRGBAAt(x, y))
				}
			}
		}
	})
	t.Run("alpha", func(t *testing.T) {
		a := image.NewNYCbCrA(image.Rect(0, 0, 2, 2), image.YCbCrSubsampleRatio420)
		copy(a.A, []uint8{0, 1, 128, 255})
		got, err := NYCbCrAToNRGBA(a, full601, Fancy)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []uint8{0, 1, 128, 255} {
			if got.Pix[4*i+3] != want {
				t.Errorf("alpha %d = %d, want %d", i, got.Pix[4*i+3], want)
			}
		}
		deep, err := PlanesToNRGBA(Planes[uint16]{Width: 3, Height: 1, Depth: 10, Subsample: image.YCbCrSubsampleRatio444,
			Y: []uint16{0, 0, 0}, Cb: []uint16{512, 512, 512}, Cr: []uint16{512, 512, 512}, A: []uint16{0, 512, 1023}, YStride: 3, CStride: 3, AStride: 3}, full601, Nearest)
		if err != nil {
			t.Fatal(err)
		}
		if a := []uint8{deep.Pix[3], deep.Pix[7], deep.Pix[11]}; a[0] != 0 || a[1] != 128 || a[2] != 255 {
			t.Errorf("10-bit alpha → %v", a)
		}
	})
	t.Run("samples above the depth are clamped", func(t *testing.T) {
		got, err := planes16(1, 1, 10, image.YCbCrSubsampleRatio444, []uint16{0xFFFF}, []uint16{512}, []uint16{512}, full601, Nearest)
		if err != nil {
			t.Fatal(err)
		}
		if got.Pix[0] != 255 || got.Pix[1] != 255 || got.Pix[2] != 255 {
			t.Errorf("%v", got.Pix)
		}
	})
}

func TestPlanesErrors(t *testing.T) {
	ok := Planes[uint8]{Width: 4, Height: 2, Depth: 8, Subsample: image.YCbCrSubsampleRatio420,
		Y: make([]uint8, 8), Cb: make([]uint8, 2), Cr: make([]uint8, 2), YStride: 4, CStride: 2}
	if _, err := PlanesToNRGBA(ok, CICP{Matrix: 1}, Fancy); err != nil {
		t.Fatalf("a good image: %v", err)
	}
	bad := func(f func(p *Planes[uint8])) Planes[uint8] {
		p := ok
		f(&p)
		return p
	}
	tests := []struct {
		name string
		p    Planes[uint8]
		c    CICP
	}{
		{"short luma", bad(func(p *Planes[uint8]) { p.Y = p.Y[:7] }), CICP{Matrix: 1}},
		{"short chroma", bad(func(p *Planes[uint8]) { p.Cr = p.Cr[:1] }), CICP{Matrix: 1}},
		{"short stride", bad(func(p *Planes[uint8]) { p.YStride = 3 }), CICP{Matrix: 1}},
		{"short alpha", bad(func(p *Planes[uint8]) { p.A, p.AStride = make([]uint8, 7), 4 }), CICP{Matrix: 1}},
		{"10 bits in bytes", bad(func(p *Planes[uint8]) { p.Depth = 10 }), CICP{Matrix: 1}},
		{"no pixels", bad(func(p *Planes[uint8]) { p.Width = 0 }), CICP{Matrix: 1}},
		{"no rows", bad(func(p *Planes[uint8]) { p.Height = 0 }), CICP{Matrix: 1}},
		{"unknown subsampling", bad(func(p *Planes[uint8]) { p.Subsample = 99 }), CICP{Matrix: 1}},
		{"YCgCo", ok, CICP{Matrix: 8}},
		{"ICtCp", ok, CICP{Matrix: 14}},
	}
	for _, tt := range tests {
		if _, err := PlanesToNRGBA(tt.p, tt.c, Fancy); !errors.Is(err, errPlanes) {
			t.Errorf("%s: error %v", tt.name, err)
		}
	}
	for _, depth := range []int{7, 17} {
		if _, err := planes16(1, 1, depth, image.YCbCrSubsampleRatio444, []uint16{0}, []uint16{0}, []uint16{0}, CICP{Matrix: 1}, Nearest); !errors.Is(err, errPlanes) {
			t.Errorf("depth %d: error %v", depth, err)
		}
	}
}
