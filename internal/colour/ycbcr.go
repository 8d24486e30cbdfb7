package colour

import (
	"errors"
	"image"
	"math"
)

// Y′CbCr → RGB for decoders that hand planes (HEIF, AVIF, WebP), honouring
// the matrix and range of the photo's CICP, at any depth from 8 to 16
// bits, with the chroma upsampled nearest (as image.YCbCr.At does) or
// "fancy" (libwebp's and libjpeg's: each pixel blends the four chroma
// samples around it, 9:3:3:1). The result is 8-bit RGB in the photo's
// own primaries: CICP.Profile then converts it to sRGB.

// Upsampling is how chroma planes smaller than the luma one are enlarged.
type Upsampling int

const (
	// Nearest takes the chroma sample that covers each pixel.
	Nearest Upsampling = iota
	// Fancy blends the nearest chroma sample with its neighbours by
	// distance (9:3:3:1 for 4:2:0, 3:1 for 4:2:2 and 4:4:0), as libwebp
	// (dwebp's default) and libavif with libyuv do.
	Fancy
)

// Planes are a decoder's Y′CbCr samples, Depth bits each (8 for T uint8,
// 9 to 16 for T uint16, in the low bits), Y at full size, Cb and Cr
// subsampled as Subsample says, and an optional alpha plane (full range,
// full size; nil for none). Strides are in samples.
type Planes[T uint8 | uint16] struct {
	Width, Height    int
	Depth            int
	Subsample        image.YCbCrSubsampleRatio
	Y, Cb, Cr, A     []T
	YStride, CStride int
	AStride          int
}

// errPlanes is returned for planes that cannot be converted.
var errPlanes = errors.New("the colour planes cannot be converted")

// lumaWeights are Kr and Kb, the luma weights of red and blue, of each
// matrix code point (H.273, table 4); a zero entry is one picmark does not
// convert. 2 (unspecified) is BT.601's, as libavif assumes; 10 (constant
// luminance) is taken as non-constant.
var lumaWeights = [...][2]float64{
	1:  {0.2126, 0.0722},
	2:  {0.299, 0.114},
	4:  {0.30, 0.11},
	5:  {0.299, 0.114},
	6:  {0.299, 0.114},
	7:  {0.212, 0.087},
	9:  {0.2627, 0.0593},
	10: {0.2627, 0.0593},
}

// weights returns Kr and Kb for c's matrix; false for the matrices
// picmark does not convert (YCgCo, ICtCp…). Matrices 12 and 13 derive
// them from the primaries; 0 (RGB stored as G, B, R) needs none.
func (c CICP) weights() (kr, kb float64, ok bool) {
	switch {
	case c.Matrix == 12 || c.Matrix == 13:
		pr := chromaticitiesOf(c.Primaries)
		m := rgbToXYZ(pr.rx, pr.ry, pr.gx, pr.gy, pr.bx, pr.by, pr.wx, pr.wy)
		return m[1][0], m[1][2], true
	case c.Matrix > 0 && c.Matrix < len(lumaWeights) && lumaWeights[c.Matrix][0] != 0:
		return lumaWeights[c.Matrix][0], lumaWeights[c.Matrix][1], true
	}
	return 0, 0, c.Matrix == 0
}

// yccTables maps samples to fixed-point 8-bit RGB contributions (×2^16):
// R = y + crR, G = y + cbG + crG, B = y + cbB; with matrix 0 (RGB stored
// as G, B, R) y maps each plane alone.
type yccTables struct {
	y, cbB, cbG, crR, crG []int32
	max                   int
}

const yccShift = 16

func (c CICP) tables(depth int) (*yccTables, error) {
	kr, kb, ok := c.weights()
	if !ok {
		return nil, errPlanes
	}
	n := 1 << depth
	max := float64(n - 1)
	scale := float64(int(1) << (depth - 8)) // limited range: 16·scale … 235·scale
	t := &yccTables{max: n - 1}
	for _, s := range []*[]int32{&t.y, &t.cbB, &t.cbG, &t.crR, &t.crG} {
		*s = make([]int32, n)
	}
	fix := func(v float64) int32 { return int32(math.Round(v * 255 * (1 << yccShift))) }
	kg := 1 - kr - kb
	half := float64(n / 2)
	for v := 0; v < n; v++ {
		y, ch := float64(v)/max, (float64(v)-half)/max
		if !c.FullRange {
			y, ch = (float64(v)-16*scale)/(219*scale), (float64(v)-half)/(224*scale)
		}
		t.y[v] = fix(y)
		if c.Matrix != 0 {
			t.cbB[v], t.crR[v] = fix((2-2*kb)*ch), fix((2-2*kr)*ch)
			t.cbG[v], t.crG[v] = fix(-2*kb*(1-kb)/kg*ch), fix(-2*kr*(1-kr)/kg*ch)
		}
	}
	return t, nil
}

func out8(v int32) uint8 {
	v = (v + 1<<(yccShift-1)) >> yccShift
	if uint32(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return uint8(v)
}

// steps is the chroma subsampling along x and y.
func steps(s image.YCbCrSubsampleRatio) (hx, vy int, ok bool) {
	switch s {
	case image.YCbCrSubsampleRatio444:
		return 1, 1, true
	case image.YCbCrSubsampleRatio422:
		return 2, 1, true
	case image.YCbCrSubsampleRatio420:
		return 2, 2, true
	case image.YCbCrSubsampleRatio440:
		return 1, 2, true
	case image.YCbCrSubsampleRatio411:
		return 4, 1, true
	case image.YCbCrSubsampleRatio410:
		return 4, 2, true
	}
	return 0, 0, false
}

// chromaTaps gives, for each of n luma positions from origin o, the chroma
// index that covers it (as image.YCbCr.COffset counts) and, for fancy
// upsampling by 2, its neighbour on the luma pixel's side, clamped to the
// cn samples there are; otherwise the neighbour is the sample itself.
func chromaTaps(n, o, step, cn int, up Upsampling) (near, far []int) {
	near, far = make([]int, n), make([]int, n)
	for i := range near {
		x := o + i
		c := x/step - o/step
		f := c
		if up == Fancy && step == 2 {
			if x-2*(x/2) == 0 {
				f = c - 1
			} else {
				f = c + 1
			}
		}
		near[i], far[i] = min(max(c, 0), cn-1), min(max(f, 0), cn-1)
	}
	return near, far
}

// fancy blends the nearest chroma sample a with its neighbours b (across),
// c (down) and d (diagonal), 9:3:3:1, rounding as libwebp does: through
// the average of the diagonal, then halfway back to a.
func fancy(a, b, c, d int32) int32 {
	diag := (a + b + c + d + 8 + 2*(b+c)) >> 3
	return (diag + a) >> 1
}

// PlanesToNRGBA converts planes described by c to 8-bit RGB (in c's own
// primaries: apply c.Profile() next), opaque unless there is an alpha
// plane. Planes too short for their size, an unknown subsampling, a depth
// outside 8..16 (or not 8 for uint8 samples), or a matrix picmark does not
// convert (YCgCo, ICtCp) give an error.
func PlanesToNRGBA[T uint8 | uint16](p Planes[T], c CICP, up Upsampling) (*image.NRGBA, error) {
	return planesToNRGBA(p, image.Point{}, c, up)
}

// YCbCrToNRGBA converts Go's 8-bit *image.YCbCr (as x/image/webp returns
// it) with c's matrix and range (see PlanesToNRGBA). The result has m's
// bounds.
func YCbCrToNRGBA(m *image.YCbCr, c CICP, up Upsampling) (*image.NRGBA, error) {
	return planesToNRGBA(ycbcrPlanes(m, nil, 0), m.Rect.Min, c, up)
}

// NYCbCrAToNRGBA is YCbCrToNRGBA with m's alpha.
func NYCbCrAToNRGBA(m *image.NYCbCrA, c CICP, up Upsampling) (*image.NRGBA, error) {
	return planesToNRGBA(ycbcrPlanes(&m.YCbCr, m.A, m.AStride), m.Rect.Min, c, up)
}

func ycbcrPlanes(m *image.YCbCr, a []uint8, aStride int) Planes[uint8] {
	return Planes[uint8]{Width: m.Rect.Dx(), Height: m.Rect.Dy(), Depth: 8, Subsample: m.SubsampleRatio,
		Y: m.Y, Cb: m.Cb, Cr: m.Cr, A: a, YStride: m.YStride, CStride: m.CStride, AStride: aStride}
}

// planesToNRGBA converts planes whose first sample is pixel o of the image
// (chroma sits as image.YCbCr places it for that origin).
func planesToNRGBA[T uint8 | uint16](p Planes[T], o image.Point, c CICP, up Upsampling) (*image.NRGBA, error) {
	hx, vy, ok := steps(p.Subsample)
	var zero T
	wide := any(zero) == any(uint16(0))
	if !ok || p.Width <= 0 || p.Height <= 0 || p.Depth < 8 || p.Depth > 16 || !wide && p.Depth != 8 {
		return nil, errPlanes
	}
	cw := (o.X+p.Width-1)/hx - o.X/hx + 1
	ch := (o.Y+p.Height-1)/vy - o.Y/vy + 1
	fits := func(plane []T, stride, w, h int) bool {
		return stride >= w && len(plane) >= (h-1)*stride+w
	}
	if !fits(p.Y, p.YStride, p.Width, p.Height) || !fits(p.Cb, p.CStride, cw, ch) || !fits(p.Cr, p.CStride, cw, ch) ||
		p.A != nil && !fits(p.A, p.AStride, p.Width, p.Height) {
		return nil, errPlanes
	}
	t, err := c.tables(p.Depth)
	if err != nil {
		return nil, err
	}
	colNear, colFar := chromaTaps(p.Width, o.X, hx, cw, up)
	rowNear, rowFar := chromaTaps(p.Height, o.Y, vy, ch, up)
	out := image.NewNRGBA(image.Rect(o.X, o.Y, o.X+p.Width, o.Y+p.Height))
	lim := int32(t.max)
	for y := 0; y < p.Height; y++ {
		yrow := p.Y[y*p.YStride : y*p.YStride+p.Width]
		cn, cf := rowNear[y]*p.CStride, rowFar[y]*p.CStride
		cbN, cbF, crN, crF := p.Cb[cn:cn+cw], p.Cb[cf:cf+cw], p.Cr[cn:cn+cw], p.Cr[cf:cf+cw]
		dst := out.Pix[y*out.Stride : y*out.Stride+4*p.Width]
		var arow []T
		if p.A != nil {
			arow = p.A[y*p.AStride : y*p.AStride+p.Width]
		}
		for x, yv := range yrow {
			xn, xf := colNear[x], colFar[x]
			cb := fancy(int32(cbN[xn]), int32(cbN[xf]), int32(cbF[xn]), int32(cbF[xf]))
			cr := fancy(int32(crN[xn]), int32(crN[xf]), int32(crF[xn]), int32(crF[xf]))
			l := int32(yv)
			if wide { // samples above the depth are the decoder's error: clamp them
				cb, cr, l = min(cb, lim), min(cr, lim), min(l, lim)
			}
			d := dst[4*x : 4*x+4 : 4*x+4]
			if c.Matrix == 0 { // RGB stored as G, B, R
				d[0], d[1], d[2] = out8(t.y[cr]), out8(t.y[l]), out8(t.y[cb])
			} else {
				ly := t.y[l]
				d[0], d[1], d[2] = out8(ly+t.crR[cr]), out8(ly+t.cbG[cb]+t.crG[cr]), out8(ly+t.cbB[cb])
			}
			d[3] = 0xFF
			if arow != nil {
				d[3] = uint8((uint32(min(int32(arow[x]), lim))*255 + uint32(lim)/2) / uint32(lim))
			}
		}
	}
	return out, nil
}
