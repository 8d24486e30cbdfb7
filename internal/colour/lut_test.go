package colour

import (
	"encoding/binary"
	"errors"
	"image"
	"math"
	"strings"
	"testing"
)

// ---- lookup-table tags, written from their definitions (ICC.1 10.8, 10.9, 10.12) ----

// model is a device → PCS mapping in normalised values, sampled into CLUTs.
type model func(dev []float64) [3]float64

// sampleCLUT samples f on a grid of points[d] points along input d (input
// 0 slowest), 16-bit.
func sampleCLUT(points []int, f model) []uint16 {
	n := 1
	for _, p := range points {
		n *= p
	}
	var out []uint16
	dev := make([]float64, len(points))
	for i := 0; i < n; i++ {
		r := i
		for d := len(points) - 1; d >= 0; d-- {
			dev[d] = float64(r%points[d]) / float64(points[d]-1)
			r /= points[d]
		}
		for _, v := range f(dev) {
			out = append(out, uint16(math.Round(65535*math.Max(0, math.Min(1, v)))))
		}
	}
	return out
}

// mftTag writes lut8 (bytes 1) or lut16 (bytes 2): matrix, input tables
// (n entries), CLUT (g points a side), output tables (m entries).
func mftTag(bytes, in, g int, matrix [9]float64, inCurve func(float64) float64, n int, f model, outCurve func(float64) float64, m int) []byte {
	sig := "mft2"
	if bytes == 1 {
		sig, n, m = "mft1", 256, 256
	}
	b := []byte(sig + "\x00\x00\x00\x00")
	b = append(b, byte(in), 3, byte(g), 0)
	for _, v := range matrix {
		b = append(b, s15f(v)...)
	}
	if bytes == 2 {
		b = binary.BigEndian.AppendUint16(b, uint16(n))
		b = binary.BigEndian.AppendUint16(b, uint16(m))
	}
	put := func(v float64) {
		v = math.Max(0, math.Min(1, v))
		if bytes == 1 {
			b = append(b, byte(math.Round(255*v)))
		} else {
			b = binary.BigEndian.AppendUint16(b, uint16(math.Round(65535*v)))
		}
	}
	for range in {
		for i := 0; i < n; i++ {
			put(inCurve(float64(i) / float64(n-1)))
		}
	}
	points := make([]int, in)
	for i := range points {
		points[i] = g
	}
	for _, v := range sampleCLUT(points, f) {
		put(float64(v) / 65535)
	}
	for range 3 {
		for i := 0; i < m; i++ {
			put(outCurve(float64(i) / float64(m-1)))
		}
	}
	return b
}

// mab is a lutAtoB tag's parts; nil parts are left out.
type mab struct {
	in        int
	a, m, b   [][]byte // curve tags
	points    []int
	precision int // 1 or 2
	f         model
	matrix    *[12]float64
}

func (t mab) bytes() []byte {
	body := make([]byte, 32)
	copy(body, "mAB ")
	body[8], body[9] = byte(t.in), 3
	place := func(slot int, part []byte) {
		if part == nil {
			return
		}
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		binary.BigEndian.PutUint32(body[12+4*slot:], uint32(len(body)))
		body = append(body, part...)
	}
	curveSet := func(cs [][]byte) []byte {
		if cs == nil {
			return nil
		}
		var b []byte
		for _, c := range cs {
			b = append(b, c...)
			for len(b)%4 != 0 {
				b = append(b, 0)
			}
		}
		return b
	}
	place(0, curveSet(t.b))
	if t.matrix != nil {
		var mb []byte
		for _, v := range t.matrix {
			mb = append(mb, s15f(v)...)
		}
		place(1, mb)
	}
	place(2, curveSet(t.m))
	if t.f != nil {
		c := make([]byte, 20)
		for i, p := range t.points {
			c[i] = byte(p)
		}
		c[16] = byte(t.precision)
		for _, v := range sampleCLUT(t.points, t.f) {
			if t.precision == 1 {
				c = append(c, byte((uint32(v)+128)/257))
			} else {
				c = binary.BigEndian.AppendUint16(c, v)
			}
		}
		place(3, c)
	}
	place(4, curveSet(t.a))
	return body
}

func repeat(n int, b []byte) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

// ---- models: plausible devices, in maths independent of the package ----

// xyzD50ToLab is CIE L*a*b* from XYZ relative to D50.
func xyzD50ToLab(x, y, z float64) (l, a, b float64) {
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x/0.9642), f(y), f(z/0.8249)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}

// srgbToXYZD50 is encoded sRGB → XYZ (D50) by the published matrices.
func srgbToXYZD50(rgb [3]float64) (x, y, z float64) {
	lin := [3]float64{srgbEOTF(rgb[0]), srgbEOTF(rgb[1]), srgbEOTF(rgb[2])}
	xyz := mulv(mulm(bradD65ToD50, npm(srgbSpace)), lin)
	return xyz[0], xyz[1], xyz[2]
}

// inkModel is a press in spirit: naive CMYK → sRGB with a dot gain, as Lab.
func inkModel(encodeLab func(l, a, b float64) [3]float64) model {
	return func(d []float64) [3]float64 {
		var rgb [3]float64
		for i := range rgb {
			rgb[i] = math.Pow((1-d[i])*(1-d[3]), 1.15)
		}
		l, a, b := xyzD50ToLab(srgbToXYZD50(rgb))
		return encodeLab(l, a, b)
	}
}

func labV4(l, a, b float64) [3]float64 { return [3]float64{l / 100, (a + 128) / 255, (b + 128) / 255} }

func labV2(l, a, b float64) [3]float64 {
	return [3]float64{l / 100 * 65280 / 65535, (a + 128) * 256 / 65535, (b + 128) * 256 / 65535}
}

// p3Model is Display P3 → XYZ, in the u1Fixed15 PCS encoding.
func p3Model(d []float64) [3]float64 {
	lin := [3]float64{srgbEOTF(d[0]), srgbEOTF(d[1]), srgbEOTF(d[2])}
	xyz := mulv(mulm(bradD65ToD50, npm(displayP3)), lin)
	k := 32768.0 / 65535
	return [3]float64{xyz[0] * k, xyz[1] * k, xyz[2] * k}
}

// ---- tests that need no tool ----

func TestCLUTInterpolation(t *testing.T) {
	// A CLUT sampling a function linear in each input is reproduced
	// exactly between its points by any of the interpolations.
	lin := func(d []float64) [3]float64 {
		s := 0.0
		for i, v := range d {
			s += v * float64(i+1) / 10
		}
		return [3]float64{s, 1 - s, d[0]}
	}
	for _, points := range [][]int{{5}, {3, 4}, {5, 3, 7}, {4, 3, 5, 2}} {
		c := newCLUT(points, 3, sampleCLUT(points, lin))
		for _, x := range [][]float64{{0.1, 0.7, 0.33, 0.9}, {1, 1, 1, 1}, {0, 0, 0, 0}, {0.5, 0.25, 0.999, 0.01}} {
			var v [4]float64
			copy(v[:], x[:len(points)])
			want := lin(x[:len(points)])
			c.apply(&v)
			for o := range 3 {
				if math.Abs(v[o]-want[o]) > 1e-4 {
					t.Fatalf("points %v at %v: output %d = %v, want %v", points, x, o, v[o], want[o])
				}
			}
		}
	}
	// Tetrahedral, not trilinear: on the diagonal of a cube whose corners
	// are 0 except the highest, the value grows linearly with the smallest
	// fraction.
	c := newCLUT([]int{2, 2, 2}, 1, []uint16{0, 0, 0, 0, 0, 0, 0, 65535})
	for _, tt := range []struct{ x, want float64 }{{0.5, 0.5}, {0.25, 0.25}, {1, 0.9}} {
		v := [4]float64{tt.x, 0.9, 0.95}
		c.apply(&v)
		if math.Abs(v[0]-tt.want) > 1e-9 {
			t.Errorf("corner cube at (%v, .9, .95) = %v, want %v (trilinear gives %v)", tt.x, v[0], tt.want, tt.x*0.9*0.95)
		}
	}
}

func TestLabToXYZ(t *testing.T) {
	for _, c := range []struct{ x, y, z float64 }{{0.9642, 1, 0.8249}, {0.2, 0.3, 0.1}, {0.001, 0.002, 0.003}, {0.5, 0.4, 0.6}} {
		l, a, b := xyzD50ToLab(c.x, c.y, c.z)
		got := labToXYZ(l, a, b)
		if math.Abs(got.X-c.x) > 1e-9 || math.Abs(got.Y-c.y) > 1e-9 || math.Abs(got.Z-c.z) > 1e-9 {
			t.Errorf("Lab %v %v %v → %+v, want %+v", l, a, b, got, c)
		}
	}
}

// lutProfiles are profiles made of every kind of table, each with the
// model it samples (to check against) and the device channel count.
func lutProfiles() []struct {
	name string
	icc  []byte
	in   int
	want model // the PCS as XYZ D50, for TestLUTsFollowTheirModels
} {
	ident := func(x float64) float64 { return x }
	gamma := func(g float64) func(float64) float64 { return func(x float64) float64 { return math.Pow(x, g) } }
	inkXYZ := func(d []float64) [3]float64 {
		var rgb [3]float64
		for i := range rgb {
			rgb[i] = math.Pow((1-d[i])*(1-d[3]), 1.15)
		}
		x, y, z := srgbToXYZD50(rgb)
		return [3]float64{x, y, z}
	}
	p3XYZ := func(d []float64) [3]float64 {
		v := p3Model(d)
		k := 65535.0 / 32768
		return [3]float64{v[0] * k, v[1] * k, v[2] * k}
	}
	identity := [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}
	// A gamma on the way in, undone inside the CLUT's model.
	preGamma := func(m model, g float64) model {
		return func(d []float64) [3]float64 {
			u := make([]float64, len(d))
			for i, v := range d {
				u[i] = math.Pow(v, 1/g)
			}
			return m(u)
		}
	}
	k := 32768.0 / 65535
	p3Matrix := mulm(bradD65ToD50, npm(displayP3))
	var mat [12]float64
	for i := range 3 {
		for j := range 3 {
			mat[3*i+j] = p3Matrix[i][j] * k
		}
	}
	srgbPara := paraTag(3, 2.4, 1/1.055, 0.055/1.055, 1/12.92, 0.04045)
	// The same matrix with offsets: a little light added (a flare).
	offset := [3]float64{0.010, 0.012, 0.008}
	matOff := mat
	for i := range 3 {
		matOff[9+i] = offset[i]
	}
	p3Flare := func(d []float64) [3]float64 {
		v := p3XYZ(d)
		k := 65535.0 / 32768
		return [3]float64{v[0] + offset[0]*k, v[1] + offset[1]*k, v[2] + offset[2]*k}
	}
	return []struct {
		name string
		icc  []byte
		in   int
		want model
	}{
		{"CMYK lut16 Lab (v2 encoding)", encodeICC(0x02100000, "prtr", "CMYK", "Lab ", []tag{{"A2B0",
			mftTag(2, 4, 9, identity, gamma(0.8), 256, preGamma(inkModel(labV2), 0.8), ident, 2)}}), 4, inkXYZ},
		{"CMYK lut8 Lab", encodeICC(0x02100000, "prtr", "CMYK", "Lab ", []tag{{"A2B0",
			mftTag(1, 4, 11, identity, ident, 0, inkModel(labV4), ident, 0)}}), 4, inkXYZ},
		{"CMYK lutAtoB Lab, A curves, 8-bit CLUT, B curves", encodeICC(0x04300000, "prtr", "CMYK", "Lab ", []tag{{"A2B0",
			mab{in: 4, a: repeat(4, paraTag(0, 1.25)), points: []int{9, 7, 9, 11}, precision: 1,
				f: preGamma(inkModel(labV4), 1.25), b: repeat(3, gammaTag(1))}.bytes()}}), 4, inkXYZ},
		{"RGB lutAtoB XYZ, matrix and M curves", encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0",
			mab{in: 3, m: repeat(3, srgbPara), matrix: &mat, b: repeat(3, []byte("curv\x00\x00\x00\x00\x00\x00\x00\x00"))}.bytes()}}), 3, p3XYZ},
		{"RGB lutAtoB XYZ, matrix with offsets", encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0",
			mab{in: 3, m: repeat(3, srgbPara), matrix: &matOff, b: repeat(3, gammaTag(1))}.bytes()}}), 3, p3Flare},
		{"RGB lutAtoB XYZ, 16-bit CLUT", encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0",
			mab{in: 3, a: repeat(3, tableTag(256, ident)), points: []int{17, 17, 17}, precision: 2, f: p3Model,
				b: repeat(3, gammaTag(1))}.bytes()}}), 3, p3XYZ},
		{"RGB lut16 XYZ", encodeICC(0x02100000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0",
			mftTag(2, 3, 17, identity, ident, 1024, p3Model, ident, 1024)}}), 3, p3XYZ},
	}
}

func TestLUTsFollowTheirModels(t *testing.T) {
	for _, tt := range lutProfiles() {
		t.Run(tt.name, func(t *testing.T) {
			p := parse(t, tt.icc)
			if p.a2b == nil || p.Reason() != "" {
				t.Fatalf("no table (reason %q)", p.Reason())
			}
			// On the device cube's corners every table is exact but for
			// its 8- or 16-bit rounding; inside, the coarse CLUTs
			// interpolate smooth but curved models.
			corners, inside := 0.0, 0.0
			for c := range 1 << tt.in {
				x := make([]float64, tt.in)
				for d := range x {
					x[d] = float64(c >> d & 1)
				}
				corners = math.Max(corners, xyzDiff(p.a2b.xyz(x), tt.want(x)))
			}
			for _, x := range [][]float64{{0.3, 0.6, 0.1, 0.2}, {0.9, 0.05, 0.5, 0}, {0.5, 0.5, 0.5, 0.5}} {
				inside = math.Max(inside, xyzDiff(p.a2b.xyz(x[:tt.in]), tt.want(x[:tt.in])))
			}
			if corners > 0.005 || inside > 0.04 {
				t.Errorf("largest XYZ difference from the model %.4f on the corners, %.4f inside", corners, inside)
			}
		})
	}
}

func xyzDiff(got XYZ, want [3]float64) float64 {
	return max(math.Abs(got.X-want[0]), math.Abs(got.Y-want[1]), math.Abs(got.Z-want[2]))
}

func TestCMYK(t *testing.T) {
	profiles := lutProfiles()
	p := parse(t, profiles[0].icc)
	if !p.IsCMYK() || p.Active() || p.IsSRGB() {
		t.Fatalf("IsCMYK %v, Active %v, IsSRGB %v", p.IsCMYK(), p.Active(), p.IsSRGB())
	}
	t.Run("in place, a sub-image's rows only", func(t *testing.T) {
		big := image.NewCMYK(image.Rect(-2, -1, 6, 4))
		for i := range big.Pix {
			big.Pix[i] = uint8(i * 37)
		}
		before := append([]byte(nil), big.Pix...)
		sub := big.SubImage(image.Rect(0, 1, 3, 3)).(*image.CMYK)
		out := p.CMYKToRGBA(sub)
		if out.Rect != sub.Rect || &out.Pix[0] != &sub.Pix[0] {
			t.Fatalf("rect %v, shares pixels %v", out.Rect, &out.Pix[0] == &sub.Pix[0])
		}
		for y := big.Rect.Min.Y; y < big.Rect.Max.Y; y++ {
			for x := big.Rect.Min.X; x < big.Rect.Max.X; x++ {
				i := big.PixOffset(x, y)
				was := before[i : i+4]
				now := big.Pix[i : i+4]
				if !(image.Pt(x, y).In(sub.Rect)) {
					if string(was) != string(now) {
						t.Fatalf("(%d,%d) outside changed: %v → %v", x, y, was, now)
					}
					continue
				}
				r, g, b := p.cmyk.cmyk(was[0], was[1], was[2], was[3])
				if now[0] != r || now[1] != g || now[2] != b || now[3] != 255 {
					t.Fatalf("(%d,%d) %v → %v, want %v", x, y, was, now, []uint8{r, g, b, 255})
				}
			}
		}
	})
	t.Run("grid points are exact", func(t *testing.T) {
		g := p.cmyk
		for corner := range 16 {
			var dev [4]uint8
			i := uint32(0)
			for d := range 4 {
				if corner>>d&1 == 1 {
					dev[d] = 255
					i += uint32(g.n-1) * g.stride[d]
				}
			}
			r, gg, b := g.cmyk(dev[0], dev[1], dev[2], dev[3])
			nd := g.nodes[i]
			lane := func(c int) uint8 { return uint8(((nd>>(laneBits*c)&laneMask)*255 + nodeMax/2) / nodeMax) }
			want := [3]uint8{lane(0), lane(1), lane(2)}
			if [3]uint8{r, gg, b} != want {
				t.Errorf("corner %v: %v, want %v", dev, [3]uint8{r, gg, b}, want)
			}
		}
	})
	t.Run("paper white and full black", func(t *testing.T) {
		// The model's paper is sRGB white; four inks give black.
		px := []uint8{0, 0, 0, 0, 255, 255, 255, 255}
		p.CMYKToSRGB(px, px)
		if px[0] < 254 || px[1] < 254 || px[2] < 254 || px[3] != 255 || px[4] > 1 || px[5] > 1 || px[6] > 1 || px[7] != 255 {
			t.Errorf("white, black → %v", px)
		}
	})
	t.Run("without a usable profile: as browsers show it", func(t *testing.T) {
		rgbProfile := parse(t, build(displayP3))
		for _, q := range []*Profile{nil, rgbProfile} {
			px := []uint8{0, 0, 0, 0, 255, 0, 0, 0, 0, 128, 255, 64, 10, 20, 30, 255}
			dst := make([]uint8, len(px))
			q.CMYKToSRGB(dst, px)
			want := []uint8{255, 255, 255, 255, 0, 255, 255, 255, 191, 95, 0, 255, 0, 0, 0, 255}
			if string(dst) != string(want) {
				t.Errorf("%v → %v, want %v", px, dst, want)
			}
		}
		for ink := range 256 {
			for k := range 256 {
				want := uint8(math.Round(float64(255-ink) * float64(255-k) / 255))
				if got := naive(uint8(ink), uint8(k)); got != want {
					t.Fatalf("naive(%d, %d) = %d, want %d", ink, k, got, want)
				}
			}
		}
	})
	t.Run("short and odd buffers", func(t *testing.T) {
		src := []uint8{0, 0, 0, 0, 9, 9, 9}
		dst := make([]uint8, 3)
		p.CMYKToSRGB(dst, src) // shorter than a pixel: nothing
		if string(dst) != "\x00\x00\x00" {
			t.Errorf("dst %v", dst)
		}
		var nilImage *image.CMYK
		if p.CMYKToRGBA(nilImage) != nil {
			t.Error("nil image")
		}
	})
}

func TestGreyProfiles(t *testing.T) {
	tone := func(g float64) []byte {
		return encodeICC(0x02100000, "mntr", "GRAY", "XYZ ", []tag{{"kTRC", gammaTag(g)}})
	}
	t.Run("gamma 1.8 tone curve", func(t *testing.T) {
		p := parse(t, tone(1.8))
		if !p.Active() || p.IsSRGB() || !p.Fits(1) || p.Fits(3) || p.Fits(4) {
			t.Fatalf("Active %v IsSRGB %v Fits %v %v %v", p.Active(), p.IsSRGB(), p.Fits(1), p.Fits(3), p.Fits(4))
		}
		for v := range 256 {
			want := uint8(math.Round(255 * srgbEncode(math.Pow(float64(v)/255, 1.8))))
			r, g, b := p.Convert(uint8(v), uint8(v), uint8(v))
			if absDiff(r, want) > 1 || r != g || g != b {
				t.Fatalf("%d → %d %d %d, want %d", v, r, g, b, want)
			}
		}
	})
	t.Run("sRGB tone curve is left alone", func(t *testing.T) {
		p := parse(t, encodeICC(0x04300000, "mntr", "GRAY", "XYZ ", []tag{{"kTRC", paraTag(3, 2.4, 1/1.055, 0.055/1.055, 1/12.92, 0.04045)}}))
		if !p.IsSRGB() || p.Active() {
			t.Fatalf("IsSRGB %v Active %v", p.IsSRGB(), p.Active())
		}
	})
	t.Run("lookup table preferred to the tone curve", func(t *testing.T) {
		// L* = 100·v: a lut16 from grey to Lab, with a kTRC that would say otherwise.
		lstar := func(d []float64) [3]float64 { return labV2(100*d[0], 0, 0) }
		p := parse(t, encodeICC(0x02100000, "mntr", "GRAY", "Lab ", []tag{{"kTRC", gammaTag(3)},
			{"A2B0", mftTag(2, 1, 33, [9]float64{}, func(x float64) float64 { return x }, 2, lstar, func(x float64) float64 { return x }, 2)}}))
		for _, v := range []int{0, 50, 128, 200, 255} {
			y := labToXYZ(100*float64(v)/255, 0, 0).Y
			want := uint8(math.Round(255 * srgbEncode(y)))
			r, g, b := p.Convert(uint8(v), uint8(v), uint8(v))
			if absDiff(r, want) > 1 || absDiff(g, want) > 1 || absDiff(b, want) > 1 {
				t.Errorf("%d → %d %d %d, want %d", v, r, g, b, want)
			}
		}
	})
}

func TestFitReason(t *testing.T) {
	cmyk := parse(t, lutProfiles()[0].icc)
	rgb := parse(t, build(adobeRGB))
	grey := parse(t, encodeICC(0x02100000, "mntr", "GRAY", "XYZ ", []tag{{"kTRC", gammaTag(2.2)}}))
	tests := []struct {
		p    *Profile
		n    int
		want string
	}{
		{cmyk, 4, ""},
		{cmyk, 3, "colour profile ignored (it is made for CMYK pixels and the photo has RGB pixels)"},
		{rgb, 3, ""},
		{rgb, 1, ""}, // browsers apply an RGB profile to a grey photo
		{rgb, 4, "colour profile ignored (it is made for RGB pixels and the photo has CMYK pixels)"},
		{grey, 1, ""},
		{grey, 3, "colour profile ignored (it is made for greyscale pixels and the photo has RGB pixels)"},
		{grey, 2, "colour profile ignored (it is made for greyscale pixels and the photo has other pixels)"},
		{parse(t, readFile(t, "CineLogCurve.icc")), 3, "colour profile ignored (it is not an RGB, CMYK or greyscale profile)"},
	}
	for _, tt := range tests {
		if got := tt.p.FitReason(tt.n).String(); got != tt.want {
			t.Errorf("%s profile, %d channels: %q, want %q", tt.p.ColourSpace, tt.n, got, tt.want)
		}
	}
}

func TestLUTParseErrors(t *testing.T) {
	good := mftTag(2, 4, 3, [9]float64{}, func(x float64) float64 { return x }, 2, inkModel(labV2), func(x float64) float64 { return x }, 2)
	goodMAB := mab{in: 3, a: repeat(3, gammaTag(1)), points: []int{2, 2, 2}, precision: 2, f: p3Model, b: repeat(3, gammaTag(1))}.bytes()
	mod := func(b []byte, f func([]byte)) []byte {
		c := append([]byte(nil), b...)
		f(c)
		return c
	}
	tests := []struct {
		name, why string
		cs        string
		tag       []byte
	}{
		{"short", "cut short", "CMYK", good[:20]},
		{"wrong inputs", "wrong number of channels", "RGB ", good},
		{"two outputs", "wrong number of channels", "CMYK", mod(good, func(b []byte) { b[9] = 2 })},
		{"one grid point", "too few grid points", "CMYK", mod(good, func(b []byte) { b[10] = 1 })},
		{"grid too large for the bytes", "cut short", "CMYK", mod(good, func(b []byte) { b[10] = 255 })},
		{"input tables of 1", "tables of a wrong size", "CMYK", mod(good, func(b []byte) { binary.BigEndian.PutUint16(b[48:], 1) })},
		{"input tables of 5000", "tables of a wrong size", "CMYK", mod(good, func(b []byte) { binary.BigEndian.PutUint16(b[48:], 5000) })},
		{"lut16 header cut", "cut short", "CMYK", good[:50]},
		{"lut8 tables cut", "cut short", "CMYK", mftTag(1, 4, 3, [9]float64{}, func(x float64) float64 { return x }, 0, inkModel(labV4), func(x float64) float64 { return x }, 0)[:1000]},
		{"unknown type", "unknown type", "CMYK", mod(good, func(b []byte) { copy(b, "mpet") })},
		{"mAB offset outside", "points outside", "RGB ", mod(goodMAB, func(b []byte) { binary.BigEndian.PutUint32(b[24:], 1<<30) })},
		{"mAB without B curves", "lacks its curves", "RGB ", mod(goodMAB, func(b []byte) { binary.BigEndian.PutUint32(b[12:], 0) })},
		{"mAB CLUT precision 3", "unknown precision", "RGB ", mod(goodMAB, func(b []byte) { b[binary.BigEndian.Uint32(b[24:])+16] = 3 })},
		{"mAB CLUT one point", "too few grid points", "RGB ", mod(goodMAB, func(b []byte) { b[binary.BigEndian.Uint32(b[24:])+1] = 1 })},
		{"mAB CLUT too large", "cut short", "RGB ", mod(goodMAB, func(b []byte) { b[binary.BigEndian.Uint32(b[24:])] = 200 })},
		{"mAB CLUT header cut", "cut short", "RGB ", mod(goodMAB, func(b []byte) { binary.BigEndian.PutUint32(b[24:], uint32(len(b)-10)) })},
		{"mAB matrix cut", "matrix is cut short", "RGB ", mod(goodMAB, func(b []byte) { binary.BigEndian.PutUint32(b[16:], uint32(len(b)-20)) })},
		{"mAB curve of unknown type", "unknown type", "RGB ", mod(goodMAB, func(b []byte) { copy(b[binary.BigEndian.Uint32(b[28:]):], "abcd") })},
		{"mAB curve cut", "cut short", "RGB ", mod(goodMAB, func(b []byte) { binary.BigEndian.PutUint32(b[12:], uint32(len(b)-8)) })},
		{"mAB M curves bad", "unknown type", "RGB ", mod(goodMAB, func(b []byte) { binary.BigEndian.PutUint32(b[20:], 36) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pcs := "Lab "
			if tt.cs == "RGB " {
				pcs = "XYZ "
			}
			_, err := ParseICC(encodeICC(0x04300000, "prtr", tt.cs, pcs, []tag{{"A2B0", tt.tag}}))
			if err == nil || !errors.Is(err, errDamaged) || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("error %v, want one saying %q", err, tt.why)
			}
		})
	}
	t.Run("a bad kTRC", func(t *testing.T) {
		_, err := ParseICC(encodeICC(0x02100000, "mntr", "GRAY", "XYZ ", []tag{{"kTRC", paraTag(9, 1)}}))
		if !errors.Is(err, errDamaged) {
			t.Errorf("error %v", err)
		}
	})
}

func TestGridCache(t *testing.T) {
	var ps []*Profile
	var first []byte
	for i := range keptGrids + 1 {
		icc := encodeICC(0x02100000, "prtr", "CMYK", "Lab ", []tag{{"A2B0",
			mftTag(2, 4, 2, [9]float64{}, func(x float64) float64 { return x }, 2, inkModel(labV2), func(x float64) float64 { return x }, 2)},
			{"desc", descTag(strings.Repeat("x", i+1), false)}})
		ps = append(ps, parse(t, icc))
		if i == 0 {
			first = icc
		}
	}
	again := parse(t, first)
	if cachedGrid(ps[0]) != cachedGrid(again) {
		t.Error("the same profile, parsed twice, built two grids")
	}
	g := cachedGrid(ps[0])
	for _, p := range ps[1:] {
		cachedGrid(p)
	}
	if cachedGrid(ps[0]) == g {
		t.Errorf("a grid was kept beyond the %d most recent", keptGrids)
	}
}

func TestLUTSizeBoundaries(t *testing.T) {
	ident := func(x float64) float64 { return x }
	grey := func(d []float64) [3]float64 { return labV2(100*d[0], 0, 0) }
	profile := func(a2b []byte) []byte {
		return encodeICC(0x02100000, "mntr", "GRAY", "Lab ", []tag{{"A2B0", a2b}})
	}
	t.Run("tables of 4096 entries", func(t *testing.T) {
		if _, err := ParseICC(profile(mftTag(2, 1, 2, [9]float64{}, ident, 4096, grey, ident, 4096))); err != nil {
			t.Error(err)
		}
	})
	t.Run("a byte short", func(t *testing.T) {
		for _, bytes := range []int{1, 2} {
			a2b := mftTag(bytes, 1, 3, [9]float64{}, ident, 2, grey, ident, 2)
			if _, err := ParseICC(profile(a2b[:len(a2b)-1])); err == nil {
				t.Errorf("lut%d cut by a byte parsed", 8*bytes)
			}
		}
	})
	t.Run("a CLUT ending the tag, a byte short", func(t *testing.T) {
		// No A curves (picmark reads the CLUT anyway): the CLUT is last.
		m := mab{in: 3, points: []int{3, 2, 2}, precision: 2, f: p3Model, b: repeat(3, gammaTag(1))}.bytes()
		rgb := func(b []byte) []byte { return encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0", b}}) }
		if _, err := ParseICC(rgb(m)); err != nil {
			t.Fatalf("whole: %v", err)
		}
		if _, err := ParseICC(rgb(m[:len(m)-1])); err == nil || !strings.Contains(err.Error(), "cut short") {
			t.Errorf("a byte short: %v", err)
		}
	})
	t.Run("a curve ending the tag", func(t *testing.T) {
		// A curves come last; an empty 'curv' is 12 bytes, aligned.
		identity := []byte("curv\x00\x00\x00\x00\x00\x00\x00\x00")
		m := mab{in: 3, a: repeat(3, identity), points: []int{2, 2, 2}, precision: 2, f: p3Model, b: repeat(3, identity)}.bytes()
		if _, err := ParseICC(encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0", m}})); err != nil {
			t.Error(err)
		}
	})
	t.Run("an offset at the tag's end", func(t *testing.T) {
		m := mab{in: 3, a: repeat(3, gammaTag(1)), points: []int{2, 2, 2}, precision: 2, f: p3Model, b: repeat(3, gammaTag(1))}.bytes()
		binary.BigEndian.PutUint32(m[24:], uint32(len(m)))
		_, err := ParseICC(encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0", m}}))
		if err == nil || !strings.Contains(err.Error(), "points outside") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("a matrix ending the tag", func(t *testing.T) {
		// B curves and a matrix only: the matrix is the tag's last part.
		mat := [12]float64{0.5, 0.1, 0, 0, 0.4, 0.2, 0.1, 0, 0.3, 0.01, 0, 0.02}
		p := parse(t, encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"A2B0",
			mab{in: 3, matrix: &mat, b: repeat(3, gammaTag(1))}.bytes()}}))
		got := p.a2b.xyz([]float64{0.2, 0.6, 1})
		k := 65535.0 / 32768
		want := [3]float64{k * (0.5*0.2 + 0.1*0.6 + 0.01), k * (0.4*0.6 + 0.2*1), k * (0.1*0.2 + 0.3*1 + 0.02)}
		if xyzDiff(got, want) > 1e-4 {
			t.Errorf("%+v, want %v", got, want)
		}
	})
}
