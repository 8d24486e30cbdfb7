package colour

import (
	"encoding/binary"
	"math"
)

// The A2B0 tag: device values → PCS by lookup tables, the only form a CMYK
// profile takes, and the form of some RGB and greyscale ones. Three tag
// types carry it (ICC.1 10.8, 10.9, 10.12):
//
//   - lut8 ('mft1') and lut16 ('mft2'): matrix (3 inputs only), input
//     tables, CLUT, output tables;
//   - lutAtoB ('mAB '): A curves, CLUT, M curves, matrix with offsets, B
//     curves, each but B optional.
//
// Values between stages are normalised to 0..1, as LittleCMS keeps them;
// the PCS encoding is undone at the end (pcs).

// maxGrid bounds a CLUT's points on a side. Real profiles use 9 to 33; the
// bytes the tag holds bound the whole table anyway.
const maxGrid = 255

// stage is one step of a lookup-table transform on normalised values; v
// holds the channels it reads and, after it, the ones it writes.
type stage interface{ apply(v *[4]float64) }

// curves applies one curve per channel.
type curves []Curve

func (c curves) apply(v *[4]float64) {
	for i, cv := range c {
		v[i] = cv.Eval(v[i])
	}
}

// affine is a 3×3 matrix with offsets, on channels 0..2.
type affine struct {
	m   [3][3]float64
	off [3]float64
}

func (a *affine) apply(v *[4]float64) {
	x, y, z := v[0], v[1], v[2]
	for i := range 3 {
		v[i] = a.m[i][0]*x + a.m[i][1]*y + a.m[i][2]*z + a.off[i]
	}
}

// clut is a multidimensional table: points[d] grid points along input d
// (input 0 varies slowest), out values per grid point, normalised
// ×65535.
type clut struct {
	points []int
	out    int
	data   []uint16
	stride []int // entries between neighbours along input d
}

func (c *clut) apply(v *[4]float64) {
	var res [4]float64
	c.eval(v[:len(c.points)], 0, 0, res[:c.out])
	copy(v[:], res[:c.out])
}

// eval interpolates inputs in (all of them from dimension d on) in the
// sub-table at base, as LittleCMS does: tetrahedral over three
// dimensions; for more, linear along the first between the
// interpolations of the others; linear for one.
func (c *clut) eval(in []float64, d, base int, res []float64) {
	if len(in) == 3 {
		c.tetra(in, d, base, res)
		return
	}
	i, f := cell(in[0], c.points[d])
	var lo, hi [4]float64
	at0 := base + i*c.stride[d]
	at1 := at0 + c.stride[d]
	if len(in) == 1 {
		for o := range res {
			a, b := float64(c.data[at0+o]), float64(c.data[at1+o])
			res[o] = (a + (b-a)*f) / 65535
		}
		return
	}
	c.eval(in[1:], d+1, at0, lo[:len(res)])
	c.eval(in[1:], d+1, at1, hi[:len(res)])
	for o := range res {
		res[o] = lo[o] + (hi[o]-lo[o])*f
	}
}

// tetra interpolates three inputs inside the cube that holds them: from
// its lowest corner to its highest, one axis at a time in order of
// decreasing fraction (the tetrahedron the point lies in).
func (c *clut) tetra(in []float64, d, base int, res []float64) {
	var idx [3]int
	var frac [3]float64
	for k := range 3 {
		idx[k], frac[k] = cell(in[k], c.points[d+k])
		base += idx[k] * c.stride[d+k]
	}
	order := sortDesc(frac)
	at := base
	prev := 1.0
	for o := range res {
		res[o] = 0
	}
	for step := 0; step <= 3; step++ {
		w := prev
		if step < 3 {
			w = prev - frac[order[step]]
			prev = frac[order[step]]
		}
		for o := range res {
			res[o] += w * float64(c.data[at+o])
		}
		if step < 3 {
			at += c.stride[d+order[step]]
		}
	}
	for o := range res {
		res[o] /= 65535
	}
}

// sortDesc returns the indices of f in order of decreasing value (ties
// keep index order).
func sortDesc(f [3]float64) [3]int {
	o := [3]int{0, 1, 2}
	if f[o[1]] > f[o[0]] {
		o[0], o[1] = o[1], o[0]
	}
	if f[o[2]] > f[o[1]] {
		o[1], o[2] = o[2], o[1]
		if f[o[1]] > f[o[0]] {
			o[0], o[1] = o[1], o[0]
		}
	}
	return o
}

// cell places x (clamped to 0..1) on a grid of n points: the lower
// point's index, at most n-2, and the fraction towards the next.
func cell(x float64, n int) (int, float64) {
	p := clamp01(x) * float64(n-1)
	i := int(p)
	if i >= n-1 {
		return n - 2, 1
	}
	return i, p - float64(i)
}

// lut is a parsed A2B tag: its stages, and how its output encodes the PCS.
type lut struct {
	in     int
	stages []stage
	pcs    pcsEncoding
}

// pcsEncoding says how a table's normalised output encodes the PCS.
type pcsEncoding int

const (
	pcsXYZ   pcsEncoding = iota // u1Fixed15: 1.0 is 0x8000
	pcsLab                      // v4 and 8-bit: 0xFFFF (0xFF) is L* 100, a* 127
	pcsLabV2                    // lut16's legacy 16-bit Lab: 0xFF00 is L* 100
)

// xyz runs the device values (0..1) through the table and returns the PCS
// colour as XYZ relative to D50.
func (l *lut) xyz(dev []float64) XYZ {
	var v [4]float64
	copy(v[:], dev)
	for _, s := range l.stages {
		s.apply(&v)
	}
	switch l.pcs {
	case pcsXYZ:
		const k = 65535.0 / 32768
		return XYZ{v[0] * k, v[1] * k, v[2] * k}
	case pcsLabV2:
		const k = 65535.0 / 65280
		return labToXYZ(v[0]*k*100, v[1]*65535/256-128, v[2]*65535/256-128)
	}
	return labToXYZ(v[0]*100, v[1]*255-128, v[2]*255-128)
}

// labToXYZ is CIE L*a*b* → XYZ relative to the PCS white, D50.
func labToXYZ(l, a, b float64) XYZ {
	fy := (l + 16) / 116
	finv := func(t float64) float64 {
		if t > 6.0/29 {
			return t * t * t
		}
		return 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0/29)
	}
	return XYZ{D50.X * finv(fy+a/500), D50.Y * finv(fy), D50.Z * finv(fy-b/200)}
}

// parseLUT reads an A2B tag for a device of in channels whose PCS is Lab
// (else XYZ). Every size is checked against the tag's bytes before
// anything is allocated.
func parseLUT(t []byte, in int, lab bool) (*lut, error) {
	if len(t) < 32 {
		return nil, damaged("a lookup table is cut short")
	}
	if int(t[8]) != in || t[9] != 3 {
		return nil, damaged("a lookup table has the wrong number of channels")
	}
	l := &lut{in: in, pcs: pcsXYZ}
	if lab {
		l.pcs = pcsLab
	}
	var err error
	switch string(t[:4]) {
	case "mft1":
		err = l.parseMft(t, 1)
	case "mft2":
		err = l.parseMft(t, 2)
		if lab {
			l.pcs = pcsLabV2
		}
	case "mAB ":
		err = l.parseMAB(t)
	default:
		err = damaged("a lookup table has an unknown type")
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// parseMft reads lut8 (bytes 1) or lut16 (bytes 2).
func (l *lut) parseMft(t []byte, bytes int) error {
	in, out := l.in, 3
	g := int(t[10])
	if g < 2 {
		return damaged("a lookup table has too few grid points")
	}
	if len(t) < 48 {
		return damaged("a lookup table is cut short")
	}
	var m affine
	for i := range 9 {
		m.m[i/3][i%3] = s15(t[12+4*i:])
	}
	if in == 3 && !isIdentity(m.m) {
		// LittleCMS applies the matrix whenever there are three inputs.
		l.stages = append(l.stages, &m)
	}
	inN, outN, at := 256, 256, 48
	if bytes == 2 {
		if len(t) < 52 {
			return damaged("a lookup table is cut short")
		}
		inN, outN, at = int(binary.BigEndian.Uint16(t[48:])), int(binary.BigEndian.Uint16(t[50:])), 52
		if inN < 2 || inN > 4096 || outN < 2 || outN > 4096 {
			return damaged("a lookup table has tables of a wrong size")
		}
	}
	cells := uint64(1)
	for range in {
		cells *= uint64(g)
	}
	need := uint64(at) + uint64(bytes)*(uint64(in*inN)+cells*uint64(out)+uint64(out*outN))
	if need > uint64(len(t)) {
		return damaged("a lookup table is cut short")
	}
	read := func(n int) []uint16 {
		v := make([]uint16, n)
		for i := range v {
			if bytes == 1 {
				v[i] = uint16(t[at]) * 257
			} else {
				v[i] = binary.BigEndian.Uint16(t[at:])
			}
			at += bytes
		}
		return v
	}
	tables := func(n, size int) curves {
		c := make(curves, n)
		for i := range c {
			c[i] = Curve{Table: read(size), FuncType: -1}
		}
		return c
	}
	l.stages = append(l.stages, tables(in, inN))
	points := make([]int, in)
	for i := range points {
		points[i] = g
	}
	l.stages = append(l.stages, newCLUT(points, out, read(int(cells)*out)))
	l.stages = append(l.stages, tables(out, outN))
	return nil
}

// parseMAB reads lutAtoB: A curves → CLUT → M curves → matrix → B curves.
func (l *lut) parseMAB(t []byte) error {
	in, out := l.in, 3
	off := func(i int) int { return int(binary.BigEndian.Uint32(t[12+4*i:])) }
	offB, offMat, offM, offCLUT, offA := off(0), off(1), off(2), off(3), off(4)
	for _, o := range []int{offB, offMat, offM, offCLUT, offA} {
		if o < 0 || o >= len(t) {
			return damaged("a lookup table points outside itself")
		}
	}
	if offB == 0 {
		return damaged("a lookup table lacks its curves")
	}
	matrix := func() (stage, error) {
		if offMat+48 > len(t) {
			return nil, damaged("a lookup table's matrix is cut short")
		}
		var m affine
		for i := range 9 {
			m.m[i/3][i%3] = s15(t[offMat+4*i:])
		}
		for i := range 3 {
			m.off[i] = s15(t[offMat+36+4*i:])
		}
		return &m, nil
	}
	parts := []struct {
		at   int
		read func() (stage, error)
	}{
		{offA, func() (stage, error) { return curveSet(t, offA, in) }},
		{offCLUT, func() (stage, error) { return mabCLUT(t[offCLUT:], in, out) }},
		{offM, func() (stage, error) { return curveSet(t, offM, out) }},
		{offMat, matrix},
		{offB, func() (stage, error) { return curveSet(t, offB, out) }},
	}
	for _, part := range parts {
		if part.at == 0 {
			continue // absent
		}
		s, err := part.read()
		if err != nil {
			return err
		}
		l.stages = append(l.stages, s)
	}
	return nil
}

// curveSet reads n curve tags ('curv' or 'para') from t[at:], each
// starting on a 4-byte boundary.
func curveSet(t []byte, at, n int) (curves, error) {
	c := make(curves, n)
	for i := range c {
		if at+12 > len(t) {
			return nil, damaged("a tone curve is cut short")
		}
		cv, err := curveTag(t[at:])
		if err != nil {
			return nil, err
		}
		c[i] = cv
		size := 12 + 4*paraCount[max(cv.FuncType, 0)] // 'para'
		if cv.FuncType < 0 {
			size = 12 + 2*int(binary.BigEndian.Uint32(t[at+8:])) // 'curv'; curveTag checked the count
		}
		at += (size + 3) &^ 3
	}
	return c, nil
}

// mabCLUT reads lutAtoB's CLUT: points per input (16 bytes), precision
// (1 or 2 bytes), 3 bytes of padding, then the table.
func mabCLUT(t []byte, in, out int) (*clut, error) {
	if len(t) < 20 {
		return nil, damaged("a lookup table is cut short")
	}
	points := make([]int, in)
	cells := uint64(1)
	for i := range points {
		points[i] = int(t[i])
		if points[i] < 2 {
			return nil, damaged("a lookup table has too few grid points")
		}
		cells *= uint64(points[i])
	}
	prec := int(t[16])
	if prec != 1 && prec != 2 {
		return nil, damaged("a lookup table has an unknown precision")
	}
	if 20+cells*uint64(out*prec) > uint64(len(t)) {
		return nil, damaged("a lookup table is cut short")
	}
	data := make([]uint16, int(cells)*out)
	for i := range data {
		if prec == 1 {
			data[i] = uint16(t[20+i]) * 257
		} else {
			data[i] = binary.BigEndian.Uint16(t[20+2*i:])
		}
	}
	return newCLUT(points, out, data), nil
}

func newCLUT(points []int, out int, data []uint16) *clut {
	c := &clut{points: points, out: out, data: data, stride: make([]int, len(points))}
	s := out
	for d := len(points) - 1; d >= 0; d-- {
		c.stride[d] = s
		s *= points[d]
	}
	return c
}

// isIdentity reports whether m is the identity to within a 16-bit step.
func isIdentity(m [3][3]float64) bool {
	for i := range 3 {
		for j := range 3 {
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(m[i][j]-want) > 1.0/65535 {
				return false
			}
		}
	}
	return true
}
