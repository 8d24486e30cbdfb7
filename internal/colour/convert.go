package colour

import (
	"image"
	"math"
)

// Bradford returns the chromatic adaptation matrix (XYZ → XYZ) that maps
// white from to white to, by the Bradford cone response (ICC.1, annex E).
func Bradford(from, to XYZ) [3][3]float64 {
	b := [3][3]float64{
		{0.8951, 0.2664, -0.1614},
		{-0.7502, 1.7135, 0.0367},
		{0.0389, -0.0685, 1.0296},
	}
	bi, _ := inverse(b)
	s, d := apply(b, from), apply(b, to)
	scale := [3][3]float64{{d.X / s.X, 0, 0}, {0, d.Y / s.Y, 0}, {0, 0, d.Z / s.Z}}
	return mul(bi, mul(scale, b))
}

// rgbToXYZ is linear RGB → XYZ for primaries and white given as xy
// chromaticities, with the white at Y = 1.
func rgbToXYZ(rx, ry, gx, gy, bx, by, wx, wy float64) [3][3]float64 {
	col := func(x, y float64) XYZ { return XYZ{x / y, 1, (1 - x - y) / y} }
	r, g, b, w := col(rx, ry), col(gx, gy), col(bx, by), col(wx, wy)
	m := [3][3]float64{{r.X, g.X, b.X}, {r.Y, g.Y, b.Y}, {r.Z, g.Z, b.Z}}
	mi, _ := inverse(m)
	s := apply(mi, w)
	for i := 0; i < 3; i++ {
		m[i][0] *= s.X
		m[i][1] *= s.Y
		m[i][2] *= s.Z
	}
	return m
}

// srgbToD50 is linear sRGB → PCS XYZ (D50), as an sRGB profile's
// colorants give it.
func srgbToD50() [3][3]float64 {
	m := rgbToXYZ(0.64, 0.33, 0.30, 0.60, 0.15, 0.06, 0.3127, 0.3290)
	return mul(Bradford(XYZ{0.3127 / 0.3290, 1, (1 - 0.3127 - 0.3290) / 0.3290}, D50), m)
}

func srgbDecode(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func srgbEncode(l float64) float64 {
	if l <= 0.0031308 {
		return 12.92 * l
	}
	return 1.055*math.Pow(l, 1/2.4) - 0.055
}

func apply(m [3][3]float64, v XYZ) XYZ {
	return XYZ{
		m[0][0]*v.X + m[0][1]*v.Y + m[0][2]*v.Z,
		m[1][0]*v.X + m[1][1]*v.Y + m[1][2]*v.Z,
		m[2][0]*v.X + m[2][1]*v.Y + m[2][2]*v.Z,
	}
}

func mul(a, b [3][3]float64) (c [3][3]float64) {
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

// inverse inverts m; false when it is singular or not finite.
func inverse(m [3][3]float64) ([3][3]float64, bool) {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	if math.Abs(det) < 1e-9 || math.IsNaN(det) || math.IsInf(det, 0) {
		return [3][3]float64{}, false
	}
	var r [3][3]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			// cofactor of m[j][i] over det
			a, b := (j+1)%3, (j+2)%3
			c, d := (i+1)%3, (i+2)%3
			r[i][j] = (m[a][c]*m[b][d] - m[a][d]*m[b][c]) / det
		}
	}
	return r, true
}

// encSteps is the resolution of the linear → sRGB table: 1/16384 is a
// fifth of an 8-bit step even on the steep part near black.
const encSteps = 16384

// rgbConverter turns one 8-bit colour of a profile (grey as r = g = b)
// into 8-bit sRGB.
type rgbConverter interface {
	rgb(r, g, b uint8) (uint8, uint8, uint8)
}

// matrixConv converts by a matrix/TRC profile with lookups only: col[c][v]
// is the linear sRGB contribution of channel c at value v (the tone curve
// and one matrix column together), enc the sRGB encoding.
type matrixConv struct {
	col [3][256][3]float32
	enc [encSteps + 1]uint8
}

// toneConv converts each channel by its own table: a grey profile's.
type toneConv [3][256]uint8

func (t *toneConv) rgb(r, g, b uint8) (uint8, uint8, uint8) { return t[0][r], t[1][g], t[2][b] }

// converter is built once per profile: nil for sRGB, for a CMYK profile
// (see CMYKToRGBA) and for one picmark does not apply.
func (p *Profile) converter() rgbConverter {
	p.once.Do(func() {
		if p.Reason() != "" || p.IsSRGB() {
			return
		}
		switch {
		case p.ColourSpace == "CMYK":
			p.cmyk = cachedGrid(p)
		case p.ColourSpace == "GRAY":
			p.conv = p.toneConverter()
		case p.a2b != nil:
			p.conv = cachedGrid(p)
		default:
			p.conv = p.matrixConverter()
		}
	})
	return p.conv
}

func (p *Profile) matrixConverter() *matrixConv {
	toXYZ := p.matrix()
	fromXYZ, _ := inverse(srgbToD50())
	m := mul(fromXYZ, toXYZ)
	c := new(matrixConv)
	for ch := 0; ch < 3; ch++ {
		for v := 0; v < 256; v++ {
			l := p.TRC[ch].Eval(float64(v) / 255)
			for o := 0; o < 3; o++ {
				c.col[ch][v][o] = float32(m[o][ch] * l)
			}
		}
	}
	for i := range c.enc {
		c.enc[i] = uint8(math.Round(255 * srgbEncode(float64(i)/encSteps)))
	}
	return c
}

// toneConverter is a grey profile's table: its A2B0 when present, else its
// tone curve (the PCS grey is the white scaled by it, sRGB's white
// scaled alike).
func (p *Profile) toneConverter() *toneConv {
	t := new(toneConv)
	for v := 0; v < 256; v++ {
		x := float64(v) / 255
		var rgb [3]float64
		if p.a2b != nil {
			rgb = pcsToSRGB(p.a2b.xyz([]float64{x}))
		} else {
			y := srgbEncode(p.GrayTRC.Eval(x))
			rgb = [3]float64{y, y, y}
		}
		for c := range 3 {
			t[c][v] = uint8(math.Round(255 * rgb[c]))
		}
	}
	return t
}

// pcsToSRGB maps a PCS colour (XYZ, D50) to encoded sRGB, each channel
// clipped to 0..1: the output half of every conversion from a table.
func pcsToSRGB(c XYZ) [3]float64 {
	l := apply(xyzToSRGB, c)
	return [3]float64{srgbEncode(clamp01(l.X)), srgbEncode(clamp01(l.Y)), srgbEncode(clamp01(l.Z))}
}

// xyzToSRGB is PCS XYZ (D50) → linear sRGB.
var xyzToSRGB = func() [3][3]float64 {
	m, _ := inverse(srgbToD50())
	return m
}()

func (c *matrixConv) rgb(r, g, b uint8) (uint8, uint8, uint8) {
	cr, cg, cb := &c.col[0][r], &c.col[1][g], &c.col[2][b]
	return c.out(cr[0] + cg[0] + cb[0]), c.out(cr[1] + cg[1] + cb[1]), c.out(cr[2] + cg[2] + cb[2])
}

// out clamps a linear value (out of gamut colours clip) and encodes it.
func (c *matrixConv) out(l float32) uint8 {
	if !(l > 0) { // NaN too
		return 0
	}
	if l >= 1 {
		return 255
	}
	return c.enc[int(l*encSteps+0.5)]
}

// Convert maps one 8-bit colour of this RGB or grey profile to sRGB. A
// profile that is sRGB, a CMYK one, or one that picmark does not apply
// (Reason != "") returns it unchanged.
func (p *Profile) Convert(r, g, b uint8) (uint8, uint8, uint8) {
	if p == nil {
		return r, g, b
	}
	c := p.converter()
	if c == nil {
		return r, g, b
	}
	return c.rgb(r, g, b)
}

// Active reports whether ToSRGB changes pixels: the profile is an RGB or
// grey profile picmark applies, other than sRGB. CMYK profiles are applied
// by CMYKToRGBA instead.
func (p *Profile) Active() bool { return p != nil && p.converter() != nil }

// ToSRGB converts m's pixels from this RGB or grey profile to sRGB, in
// place. It does nothing for sRGB, for a CMYK profile, for a profile
// picmark does not apply, or for a nil profile. Premultiplied translucent
// pixels are converted by their colour. The first call builds the lookups
// (about a millisecond; a lookup-table profile's grid takes longer and is
// kept for the next photo with the same profile); later calls on other
// outputs of the same photo reuse them.
func (p *Profile) ToSRGB(m *image.RGBA) {
	if p == nil || m == nil {
		return
	}
	c := p.converter()
	if c == nil {
		return
	}
	w := m.Rect.Dx() * 4
	for y := 0; y < m.Rect.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+w]
		for i := 0; i+3 < len(row); i += 4 {
			switch a := row[i+3]; a {
			case 0xFF:
				row[i], row[i+1], row[i+2] = c.rgb(row[i], row[i+1], row[i+2])
			case 0:
			default:
				r, g, b := unpremul(row[i], a), unpremul(row[i+1], a), unpremul(row[i+2], a)
				r, g, b = c.rgb(r, g, b)
				row[i], row[i+1], row[i+2] = premul(r, a), premul(g, a), premul(b, a)
			}
		}
	}
}

// ToSRGBNRGBA is ToSRGB for non-premultiplied pixels (imaging's results).
func (p *Profile) ToSRGBNRGBA(m *image.NRGBA) {
	if p == nil || m == nil {
		return
	}
	c := p.converter()
	if c == nil {
		return
	}
	w := m.Rect.Dx() * 4
	for y := 0; y < m.Rect.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+w]
		for i := 0; i+3 < len(row); i += 4 {
			if row[i+3] != 0 {
				row[i], row[i+1], row[i+2] = c.rgb(row[i], row[i+1], row[i+2])
			}
		}
	}
}

func unpremul(v, a uint8) uint8 {
	x := (uint32(v)*255 + uint32(a)/2) / uint32(a)
	return uint8(min(x, 255))
}

func premul(v, a uint8) uint8 { return uint8((uint32(v)*uint32(a) + 127) / 255) }

func clamp01(x float64) float64 {
	switch {
	case x > 1:
		return 1
	case x >= 0:
		return x
	}
	return 0 // negative or NaN
}
