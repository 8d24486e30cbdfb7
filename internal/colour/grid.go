package colour

import (
	"image"
	"math"
	"sync"
)

// grid is a lookup-table profile's whole conversion to sRGB, sampled once
// on a regular grid and then interpolated for every pixel: LittleCMS's
// optimised 8-bit transform, with its grid sizes (33 points a side for
// RGB, 17 for CMYK) and its interpolation (tetrahedral over three inputs;
// for CMYK linear along the first, cyan, between two of those). Building
// it evaluates the profile's tables 35,937 (RGB) or 83,521 (CMYK) times.
type grid struct {
	in     int      // 3 or 4
	n      int      // points a side
	data   []uint16 // n^in × 3 encoded sRGB values ×65535; input 0 slowest
	stride [4]int   // entries between neighbours along each input
	// off[d][v] and frac[v] place an 8-bit value v of input d on the
	// grid: the lower point's offset in data (its index, at most n-2,
	// times stride[d]) and the exact fraction towards the next, ×255.
	off  [4][256]uint32
	frac [256]uint32
}

// gridPoints is the points a side of each kind of grid, LittleCMS's
// defaults for 3 and 4 channels.
var gridPoints = map[int]int{3: 33, 4: 17}

func newGrid(l *lut) *grid {
	g := &grid{in: l.in, n: gridPoints[l.in]}
	s := 3
	for d := g.in - 1; d >= 0; d-- {
		g.stride[d] = s
		s *= g.n
	}
	g.data = make([]uint16, s)
	for v := range 256 {
		pos := uint32(v * (g.n - 1))
		idx, frac := pos/255, pos%255
		if idx == uint32(g.n-1) {
			idx, frac = uint32(g.n-2), 255
		}
		g.frac[v] = frac
		for d := range g.in {
			g.off[d][v] = idx * uint32(g.stride[d])
		}
	}
	dev := make([]float64, g.in)
	for i := 0; i < s/3; i++ {
		r := i
		for d := g.in - 1; d >= 0; d-- {
			dev[d] = float64(r%g.n) / float64(g.n-1)
			r /= g.n
		}
		rgb := pcsToSRGB(l.xyz(dev))
		for c := range 3 {
			g.data[3*i+c] = uint16(math.Round(65535 * rgb[c]))
		}
	}
	return g
}

// tetra interpolates the three inputs a, b, c (grid dimensions d..d+2)
// inside the cube at base. The result is ×255 (the fractions' scale).
func (g *grid) tetra(base uint32, d int, a, b, c uint8) (r, gg, bb uint32) {
	fa, fb, fc := g.frac[a], g.frac[b], g.frac[c]
	sa, sb, sc := uint32(g.stride[d]), uint32(g.stride[d+1]), uint32(g.stride[d+2])
	at := base + g.off[d][a] + g.off[d+1][b] + g.off[d+2][c]
	// Walk from the cube's lowest corner to its highest, along the axes
	// in order of decreasing fraction.
	s1, s2, f1, f2, f3 := sa, sb, fa, fb, fc
	switch {
	case fa >= fb && fb >= fc:
	case fa >= fc && fc >= fb:
		s1, s2, f1, f2, f3 = sa, sc, fa, fc, fb
	case fb >= fa && fa >= fc:
		s1, s2, f1, f2, f3 = sb, sa, fb, fa, fc
	case fb >= fc && fc >= fa:
		s1, s2, f1, f2, f3 = sb, sc, fb, fc, fa
	case fc >= fa && fa >= fb:
		s1, s2, f1, f2, f3 = sc, sa, fc, fa, fb
	default:
		s1, s2, f1, f2, f3 = sc, sb, fc, fb, fa
	}
	p0 := g.data[at : at+3 : at+3]
	p1 := g.data[at+s1 : at+s1+3 : at+s1+3]
	p2 := g.data[at+s1+s2 : at+s1+s2+3 : at+s1+s2+3]
	e := at + sa + sb + sc
	p3 := g.data[e : e+3 : e+3]
	w0, w1, w2 := 255-f1, f1-f2, f2-f3
	r = uint32(p0[0])*w0 + uint32(p1[0])*w1 + uint32(p2[0])*w2 + uint32(p3[0])*f3
	gg = uint32(p0[1])*w0 + uint32(p1[1])*w1 + uint32(p2[1])*w2 + uint32(p3[1])*f3
	bb = uint32(p0[2])*w0 + uint32(p1[2])*w1 + uint32(p2[2])*w2 + uint32(p3[2])*f3
	return r, gg, bb
}

// rgb converts through a 3-input grid.
func (g *grid) rgb(r, gg, b uint8) (uint8, uint8, uint8) {
	x, y, z := g.tetra(0, 0, r, gg, b)
	const div, half = 255 * 257, 255 * 257 / 2
	return uint8((x + half) / div), uint8((y + half) / div), uint8((z + half) / div)
}

// cmyk converts through a 4-input grid: linear along cyan between the
// tetrahedral interpolations of the other three.
func (g *grid) cmyk(c, m, y, k uint8) (uint8, uint8, uint8) {
	base := g.off[0][c]
	r0, g0, b0 := g.tetra(base, 1, m, y, k)
	r1, g1, b1 := g.tetra(base+uint32(g.stride[0]), 1, m, y, k)
	f := uint64(g.frac[c])
	return mix(r0, r1, f), mix(g0, g1, f), mix(b0, b1, f)
}

// mix blends two ×255 interpolations by f/255 and rounds to 8 bits.
func mix(lo, hi uint32, f uint64) uint8 {
	const div, half = 255 * 255 * 257, 255 * 255 * 257 / 2
	return uint8((uint64(lo)*(255-f) + uint64(hi)*f + half) / div)
}

// grids keeps the last few grids by profile: a batch of photos from one
// print shop shares one profile, and a grid takes tens of milliseconds to
// build (more in wasm).
var grids struct {
	sync.Mutex
	byKey map[uint64]*grid
	order []uint64
}

const keptGrids = 4

func cachedGrid(p *Profile) *grid {
	grids.Lock()
	defer grids.Unlock()
	if g, ok := grids.byKey[p.key]; ok {
		return g
	}
	if grids.byKey == nil {
		grids.byKey = make(map[uint64]*grid)
	}
	if len(grids.order) == keptGrids {
		delete(grids.byKey, grids.order[0])
		grids.order = grids.order[1:]
	}
	g := newGrid(p.a2b)
	grids.byKey[p.key] = g
	grids.order = append(grids.order, p.key)
	return g
}

// IsCMYK reports whether p is a CMYK profile picmark applies (with
// CMYKToRGBA).
func (p *Profile) IsCMYK() bool {
	return p != nil && p.ColourSpace == "CMYK" && p.Reason() == ""
}

// cmykGrid is p's grid when p is a CMYK profile picmark applies, else nil.
func (p *Profile) cmykGrid() *grid {
	if !p.IsCMYK() {
		return nil
	}
	p.converter()
	return p.cmyk
}

// CMYKToSRGB converts packed CMYK pixels (4 bytes each, 0 for no ink, as
// image.CMYK holds them) from src into opaque RGBA pixels in dst, which
// may be src itself and must be at least as long. A nil p, or one that is
// not a CMYK profile picmark applies, converts naively (red is
// (255−C)(255−K)/255, and so on), as browsers show CMYK without a profile.
func (p *Profile) CMYKToSRGB(dst, src []uint8) {
	n := min(len(src), len(dst)) &^ 3
	src, dst = src[:n], dst[:n]
	g := p.cmykGrid()
	for i := 0; i < n; i += 4 {
		s := src[i : i+4 : i+4]
		c, m, y, k := s[0], s[1], s[2], s[3]
		var r, gg, b uint8
		if g != nil {
			r, gg, b = g.cmyk(c, m, y, k)
		} else {
			r, gg, b = naive(c, k), naive(m, k), naive(y, k)
		}
		d := dst[i : i+4 : i+4]
		d[0], d[1], d[2], d[3] = r, gg, b, 0xFF
	}
}

// naive is one channel of CMYK shown without a profile: (255−ink)(255−K)
// / 255, rounded.
func naive(ink, k uint8) uint8 {
	v := uint32(255-ink)*uint32(255-k) + 128
	return uint8((v + v>>8) >> 8)
}

// CMYKToRGBA converts m's pixels to sRGB in place, by p when p is a CMYK
// profile picmark applies, else naively (see CMYKToSRGB), and returns them
// as an opaque *image.RGBA sharing m's pixels: m must not be used
// afterwards. It is done once, on the decoded photo, so everything after
// the decoder sees sRGB, and costs no memory.
func (p *Profile) CMYKToRGBA(m *image.CMYK) *image.RGBA {
	if m == nil {
		return nil
	}
	w := 4 * m.Rect.Dx()
	for y := 0; y < m.Rect.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+w]
		p.CMYKToSRGB(row, row)
	}
	return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}
