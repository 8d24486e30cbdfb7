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
	in    int      // 3 or 4
	n     int      // points a side
	nodes []uint64 // n^in encoded sRGB colours, packed (see pack); input 0 slowest
	// stride is the nodes between neighbours along each input; off[d][v]
	// and frac[v] place an 8-bit value v of input d on the grid: the
	// lower point's offset (its index, at most n-2, times stride[d]) and
	// the exact fraction towards the next, ×255.
	stride [4]uint32
	off    [4][256]uint32
	frac   [256]uint32
}

// A node packs its three channels, 12 bits each (1/16 of an 8-bit step),
// in lanes of 21 bits: the weighted sum of four nodes (weights ×255)
// stays in its lane, so one multiplication weighs all three channels.
const (
	nodeMax  = 4095
	laneBits = 21
	laneMask = 1<<laneBits - 1
)

func pack(rgb [3]float64) uint64 {
	var v uint64
	for c := range 3 {
		v |= uint64(math.Round(nodeMax*rgb[c])) << (laneBits * c)
	}
	return v
}

// gridPoints is the points a side of each kind of grid, by its inputs:
// LittleCMS's defaults for 3 and 4 channels.
var gridPoints = [5]int{3: 33, 4: 17}

func newGrid(l *lut) *grid {
	g := &grid{in: l.in, n: gridPoints[l.in]}
	s := 1
	for d := g.in - 1; d >= 0; d-- {
		g.stride[d] = uint32(s)
		s *= g.n
	}
	g.nodes = make([]uint64, s)
	for v := range 256 {
		pos := uint32(v * (g.n - 1))
		idx, frac := pos/255, pos%255
		if idx == uint32(g.n-1) {
			idx, frac = uint32(g.n-2), 255
		}
		g.frac[v] = frac
		for d := range g.in {
			g.off[d][v] = idx * g.stride[d]
		}
	}
	var dev [4]float64
	for i := range g.nodes {
		r := i
		for d := g.in - 1; d >= 0; d-- {
			dev[d] = float64(r%g.n) / float64(g.n-1)
			r /= g.n
		}
		g.nodes[i] = pack(pcsToSRGB(l.xyz(dev[:g.in])))
	}
	return g
}

// path is the tetrahedron of a cube that a point with fractions fa, fb, fc
// (×255) along three axes, whose neighbours are s[0], s[1], s[2] nodes
// away, lies in: from the cube's lowest corner, the steps to the next two
// corners of the walk along the axes in order of decreasing fraction (the
// last corner is the highest), and the four corners' weights. The order
// comes from min and max of (fraction, axis) keys, without branches: a
// photo's grain makes the order random, and branches mispredicted.
func path(fa, fb, fc uint32, s *[3]uint32) (s1, s2 uint32, w [4]uint64) {
	a, b, c := fa<<2, fb<<2|1, fc<<2|2
	hi, lo := max(a, b, c), min(a, b, c)
	mid := a ^ b ^ c ^ hi ^ lo
	f1, f2, f3 := hi>>2, mid>>2, lo>>2
	return s[hi&3], s[mid&3], [4]uint64{uint64(255 - f1), uint64(f1 - f2), uint64(f2 - f3), uint64(f3)}
}

// tetra sums the four corners of a path from at, weighted: three packed
// sums, each its channel ×255×nodeMax.
func (g *grid) tetra(at, s1, s2, top uint32, w *[4]uint64) uint64 {
	return g.nodes[at]*w[0] + g.nodes[at+s1]*w[1] + g.nodes[at+s1+s2]*w[2] + g.nodes[at+top]*w[3]
}

// rgb converts through a 3-input grid.
func (g *grid) rgb(r, gg, b uint8) (uint8, uint8, uint8) {
	s := [3]uint32{g.stride[0], g.stride[1], g.stride[2]}
	s1, s2, w := path(g.frac[r], g.frac[gg], g.frac[b], &s)
	v := g.tetra(g.off[0][r]+g.off[1][gg]+g.off[2][b], s1, s2, s[0]+s[1]+s[2], &w)
	const half = nodeMax / 2
	return uint8((v&laneMask + half) / nodeMax), uint8((v>>laneBits&laneMask + half) / nodeMax),
		uint8((v>>(2*laneBits) + half) / nodeMax)
}

// cmykRow converts packed CMYK to opaque RGBA through a 4-input grid:
// linear along cyan between the tetrahedral interpolations of the other
// three, which share their tetrahedron. dst may be src.
func (g *grid) cmykRow(dst, src []uint8) {
	sc := g.stride[0]
	s := [3]uint32{g.stride[1], g.stride[2], g.stride[3]}
	top := s[0] + s[1] + s[2]
	const div = nodeMax * 255
	nodes := g.nodes
	for i := 0; i+3 < len(src) && i+3 < len(dst); i += 4 {
		px := src[i : i+4 : i+4]
		c, m, y, k := px[0], px[1], px[2], px[3]
		// path, written out: the call was not inlined and cost a third.
		ka, kb, kc := g.frac[m]<<2, g.frac[y]<<2|1, g.frac[k]<<2|2
		h, l := max(ka, kb, kc), min(ka, kb, kc)
		mid := ka ^ kb ^ kc ^ h ^ l
		f1, f2, f3 := uint64(h>>2), uint64(mid>>2), uint64(l>>2)
		a0 := g.off[0][c] + g.off[1][m] + g.off[2][y] + g.off[3][k]
		a1 := a0 + s[h&3]
		a2 := a1 + s[mid&3]
		a3 := a0 + top
		w0, w1, w2 := 255-f1, f1-f2, f2-f3
		lo := nodes[a0]*w0 + nodes[a1]*w1 + nodes[a2]*w2 + nodes[a3]*f3
		// The next cyan slice; at cyan 255 (f 255) the grid's last.
		f := g.frac[c]
		hi := nodes[a0+sc]*w0 + nodes[a1+sc]*w1 + nodes[a2+sc]*w2 + nodes[a3+sc]*f3
		out := dst[i : i+4 : i+4]
		out[0] = uint8((uint32(lo)&laneMask*(255-f) + uint32(hi)&laneMask*f + div/2) / div)
		out[1] = uint8((uint32(lo>>laneBits)&laneMask*(255-f) + uint32(hi>>laneBits)&laneMask*f + div/2) / div)
		out[2] = uint8((uint32(lo>>(2*laneBits))*(255-f) + uint32(hi>>(2*laneBits))*f + div/2) / div)
		out[3] = 0xFF
	}
}

// cmyk converts one colour through a 4-input grid (see cmykRow).
func (g *grid) cmyk(c, m, y, k uint8) (uint8, uint8, uint8) {
	px := []uint8{c, m, y, k}
	g.cmykRow(px, px)
	return px[0], px[1], px[2]
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
	if g := p.cmykGrid(); g != nil {
		g.cmykRow(dst, src)
		return
	}
	for i := 0; i < n; i += 4 {
		s, d := src[i:i+4:i+4], dst[i:i+4:i+4]
		c, m, y, k := s[0], s[1], s[2], s[3]
		d[0], d[1], d[2], d[3] = naive(c, k), naive(m, k), naive(y, k), 0xFF
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
