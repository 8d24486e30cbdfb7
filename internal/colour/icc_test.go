package colour

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"picmark/internal/msg"
)

// The profiles below are built from their published definitions, so the
// tests need no file and each expected value is computed here, by another
// route than the package's (published matrices, the direct D65 path).

type xy struct{ x, y float64 }

type space struct {
	name       string
	r, g, b, w xy
	trc        []byte // a 'curv' or 'para' tag, shared by the three channels
	v4         bool   // v4 header, 'mluc' description and a chad tag
	decode     func(float64) float64
}

var (
	d65 = xy{0.3127, 0.3290}
	d50 = xy{0.3457, 0.3585}

	displayP3 = space{name: "Display P3", r: xy{0.680, 0.320}, g: xy{0.265, 0.690}, b: xy{0.150, 0.060}, w: d65,
		trc: paraTag(3, 2.4, 1/1.055, 0.055/1.055, 1/12.92, 0.04045), v4: true, decode: srgbEOTF}
	adobeRGB = space{name: "Adobe RGB (1998)", r: xy{0.64, 0.33}, g: xy{0.21, 0.71}, b: xy{0.15, 0.06}, w: d65,
		trc: gammaTag(563.0 / 256), decode: func(v float64) float64 { return math.Pow(v, 563.0/256) }}
	proPhoto = space{name: "ProPhoto RGB", r: xy{0.7347, 0.2653}, g: xy{0.1596, 0.8404}, b: xy{0.0366, 0.0001}, w: d50,
		trc: paraTag(3, 1.8, 1, 0, 1.0/16, 16.0/512), decode: func(v float64) float64 {
			if v < 16.0/512 {
				return v / 16
			}
			return math.Pow(v, 1.8)
		}}
	srgbSpace = space{name: "sRGB built", r: xy{0.64, 0.33}, g: xy{0.30, 0.60}, b: xy{0.15, 0.06}, w: d65,
		trc: paraTag(3, 2.4, 1/1.055, 0.055/1.055, 1/12.92, 0.04045), decode: srgbEOTF}
)

func srgbEOTF(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// Published matrices (IEC 61966-2-1; Lindbloom's Bradford tables).
var (
	xyzD65ToSRGB = [3][3]float64{{3.2406, -1.5372, -0.4986}, {-0.9689, 1.8758, 0.0415}, {0.0557, -0.2040, 1.0570}}
	bradD65ToD50 = [3][3]float64{{1.0478112, 0.0228866, -0.0501270}, {0.0295424, 0.9904844, -0.0170491}, {-0.0092345, 0.0150436, 0.7521316}}
	bradD50ToD65 = [3][3]float64{{0.9555766, -0.0230393, 0.0631636}, {-0.0282895, 1.0099416, 0.0210077}, {0.0122982, -0.0204830, 1.3299098}}
)

// npm is the normalised primary matrix (SMPTE RP 177) by Cramer's rule.
func npm(s space) [3][3]float64 {
	c := func(p xy) [3]float64 { return [3]float64{p.x / p.y, 1, (1 - p.x - p.y) / p.y} }
	r, g, b, w := c(s.r), c(s.g), c(s.b), c(s.w)
	p := [3][3]float64{{r[0], g[0], b[0]}, {r[1], g[1], b[1]}, {r[2], g[2], b[2]}}
	det := func(m [3][3]float64) float64 {
		return m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) - m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) + m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	}
	d := det(p)
	var k [3]float64
	for j := 0; j < 3; j++ {
		q := p
		for i := 0; i < 3; i++ {
			q[i][j] = w[i]
		}
		k[j] = det(q) / d
	}
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			p[i][j] *= k[j]
		}
	}
	return p
}

func mulv(m [3][3]float64, v [3]float64) [3]float64 {
	return [3]float64{m[0][0]*v[0] + m[0][1]*v[1] + m[0][2]*v[2], m[1][0]*v[0] + m[1][1]*v[1] + m[1][2]*v[2], m[2][0]*v[0] + m[2][1]*v[1] + m[2][2]*v[2]}
}

func mulm(a, b [3][3]float64) (c [3][3]float64) {
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return c
}

// expected converts an 8-bit colour of s to 8-bit sRGB: decode, to XYZ in
// s's own white, adapt to D65 when s is a D50 space, to linear sRGB, clip,
// encode.
func expected(s space, c [3]uint8) [3]uint8 {
	lin := [3]float64{s.decode(float64(c[0]) / 255), s.decode(float64(c[1]) / 255), s.decode(float64(c[2]) / 255)}
	xyz := mulv(npm(s), lin)
	if s.w == d50 {
		xyz = mulv(bradD50ToD65, xyz)
	}
	rgb := mulv(xyzD65ToSRGB, xyz)
	var out [3]uint8
	for i, l := range rgb {
		l = math.Max(0, math.Min(1, l))
		e := 12.92 * l
		if l > 0.0031308 {
			e = 1.055*math.Pow(l, 1/2.4) - 0.055
		}
		out[i] = uint8(math.Round(255 * e))
	}
	return out
}

// ---- a small ICC writer ----

func s15f(v float64) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(int32(math.Round(v*65536))))
}

func xyzTagBytes(v [3]float64) []byte {
	b := []byte("XYZ \x00\x00\x00\x00")
	for _, c := range v {
		b = append(b, s15f(c)...)
	}
	return b
}

func gammaTag(g float64) []byte {
	b := []byte("curv\x00\x00\x00\x00\x00\x00\x00\x01")
	return binary.BigEndian.AppendUint16(b, uint16(math.Round(g*256)))
}

func tableTag(n int, f func(float64) float64) []byte {
	b := binary.BigEndian.AppendUint32([]byte("curv\x00\x00\x00\x00"), uint32(n))
	for i := 0; i < n; i++ {
		b = binary.BigEndian.AppendUint16(b, uint16(math.Round(65535*f(float64(i)/float64(n-1)))))
	}
	return b
}

func paraTag(ft int, params ...float64) []byte {
	b := binary.BigEndian.AppendUint16([]byte("para\x00\x00\x00\x00"), uint16(ft))
	b = append(b, 0, 0)
	for _, p := range params {
		b = append(b, s15f(p)...)
	}
	return b
}

func descTag(s string, v4 bool) []byte {
	if !v4 {
		b := binary.BigEndian.AppendUint32([]byte("desc\x00\x00\x00\x00"), uint32(len(s)+1))
		b = append(b, s...)
		return append(b, make([]byte, 1+4+4+2+1+67)...) // NUL, empty Unicode and ScriptCode parts
	}
	u := utf16.Encode([]rune(s))
	b := []byte("mluc\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0cenUS")
	b = binary.BigEndian.AppendUint32(b, uint32(2*len(u)))
	b = binary.BigEndian.AppendUint32(b, 28)
	for _, c := range u {
		b = binary.BigEndian.AppendUint16(b, c)
	}
	return b
}

type tag struct {
	sig  string
	data []byte
}

// encodeICC writes a profile: header, tag table, then each tag 4-aligned.
func encodeICC(version uint32, class, cs, pcs string, tags []tag) []byte {
	h := make([]byte, 128)
	binary.BigEndian.PutUint32(h[8:], version)
	copy(h[12:], class)
	copy(h[16:], cs)
	copy(h[20:], pcs)
	copy(h[36:], "acsp")
	copy(h[68:], append(append(s15f(0.9642), s15f(1)...), s15f(0.8249)...)) // illuminant
	out := binary.BigEndian.AppendUint32(h, uint32(len(tags)))
	off := len(out) + 12*len(tags)
	var body []byte
	for _, t := range tags {
		for (off+len(body))%4 != 0 {
			body = append(body, 0)
		}
		out = append(out, t.sig...)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		body = append(body, t.data...)
	}
	out = append(out, body...)
	binary.BigEndian.PutUint32(out, uint32(len(out)))
	return out
}

// build writes s as a matrix/TRC display profile the way ICC requires:
// colorants adapted to D50 by Bradford, the media white as D50 (v4) or as
// the native white (v2).
func build(s space) []byte {
	m := npm(s)
	if s.w == d65 {
		m = mulm(bradD65ToD50, m)
	}
	col := func(j int) [3]float64 { return [3]float64{m[0][j], m[1][j], m[2][j]} }
	version := uint32(0x02100000)
	wt := [3]float64{s.w.x / s.w.y, 1, (1 - s.w.x - s.w.y) / s.w.y}
	if s.v4 {
		version, wt = 0x04300000, [3]float64{0.9642, 1, 0.8249}
	}
	tags := []tag{{"desc", descTag(s.name, s.v4)}, {"wtpt", xyzTagBytes(wt)},
		{"rXYZ", xyzTagBytes(col(0))}, {"gXYZ", xyzTagBytes(col(1))}, {"bXYZ", xyzTagBytes(col(2))},
		{"rTRC", s.trc}, {"gTRC", s.trc}, {"bTRC", s.trc}}
	if s.v4 {
		var chad []byte
		for _, row := range bradD65ToD50 {
			for _, v := range row {
				chad = append(chad, s15f(v)...)
			}
		}
		tags = append(tags, tag{"chad", append([]byte("sf32\x00\x00\x00\x00"), chad...)})
	}
	return encodeICC(version, "mntr", "RGB ", "XYZ ", tags)
}

func parse(t testing.TB, b []byte) *Profile {
	t.Helper()
	p, err := ParseICC(b)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// samples is every combination of a few levels per channel, primaries included.
func samples() [][3]uint8 {
	levels := []uint8{0, 1, 10, 40, 64, 100, 128, 180, 220, 254, 255}
	var cs [][3]uint8
	for _, r := range levels {
		for _, g := range levels {
			for _, b := range levels {
				cs = append(cs, [3]uint8{r, g, b})
			}
		}
	}
	return cs
}

func TestConvertAgainstIndependentMaths(t *testing.T) {
	for _, s := range []space{displayP3, adobeRGB, proPhoto} {
		t.Run(s.name, func(t *testing.T) {
			p := parse(t, build(s))
			if p.Reason() != "" || p.IsSRGB() || !p.Active() {
				t.Fatalf("reason %q, sRGB %v, active %v", p.Reason(), p.IsSRGB(), p.Active())
			}
			if p.Description != s.name {
				t.Errorf("description %q", p.Description)
			}
			worst := 0
			for _, c := range samples() {
				r, g, b := p.Convert(c[0], c[1], c[2])
				want := expected(s, c)
				for i, v := range [3]uint8{r, g, b} {
					if d := absDiff(v, want[i]); d > worst {
						worst = d
						if d > 1 {
							t.Errorf("%v → %v, want %v", c, [3]uint8{r, g, b}, want)
						}
					}
				}
			}
			t.Logf("worst difference %d level(s) over %d colours", worst, len(samples()))
		})
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestKnownColours(t *testing.T) {
	p3, adobe, pro := parse(t, build(displayP3)), parse(t, build(adobeRGB)), parse(t, build(proPhoto))
	tests := []struct {
		name string
		p    *Profile
		in   [3]uint8
		want [3]uint8
		tol  int
	}{
		// P3 red lies outside sRGB: it clips to the most saturated sRGB red.
		{"P3 red clips", p3, [3]uint8{255, 0, 0}, [3]uint8{255, 0, 0}, 0},
		{"P3 grey stays grey", p3, [3]uint8{128, 128, 128}, [3]uint8{128, 128, 128}, 0},
		{"P3 white", p3, [3]uint8{255, 255, 255}, [3]uint8{255, 255, 255}, 0},
		{"P3 black", p3, [3]uint8{0, 0, 0}, [3]uint8{0, 0, 0}, 0},
		// A moderate P3 red is inside sRGB: more red, less green and blue in sRGB numbers.
		{"P3 muted red", p3, [3]uint8{200, 60, 50}, expected(displayP3, [3]uint8{200, 60, 50}), 1},
		{"Adobe green clips", adobe, [3]uint8{0, 255, 0}, [3]uint8{0, 255, 0}, 0},
		{"Adobe grey", adobe, [3]uint8{100, 100, 100}, expected(adobeRGB, [3]uint8{100, 100, 100}), 1},
		{"ProPhoto white", pro, [3]uint8{255, 255, 255}, [3]uint8{255, 255, 255}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, g, b := tt.p.Convert(tt.in[0], tt.in[1], tt.in[2])
			for i, v := range [3]uint8{r, g, b} {
				if absDiff(v, tt.want[i]) > tt.tol {
					t.Fatalf("%v → %v, want %v", tt.in, [3]uint8{r, g, b}, tt.want)
				}
			}
		})
	}
	t.Run("greys stay grey in every profile", func(t *testing.T) {
		for _, p := range []*Profile{p3, adobe, pro} {
			for v := 0; v < 256; v++ {
				r, g, b := p.Convert(uint8(v), uint8(v), uint8(v))
				if absDiff(r, g) > 1 || absDiff(g, b) > 1 {
					t.Fatalf("%s grey %d → %d,%d,%d", p.Description, v, r, g, b)
				}
			}
		}
	})
	t.Run("Adobe mid green is more saturated in sRGB numbers", func(t *testing.T) {
		// Shown without conversion an Adobe RGB photo looks dull; the sRGB
		// numbers of the same colour spread further apart.
		r, g, _ := adobe.Convert(80, 160, 80)
		if int(g)-int(r) <= 80 {
			t.Errorf("Adobe (80,160,80) → r %d g %d", r, g)
		}
	})
}

func TestSRGBIsIdentity(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"built, para", build(srgbSpace)},
		{"built, 1024-entry table", build(space{name: "sRGB table", r: srgbSpace.r, g: srgbSpace.g, b: srgbSpace.b, w: d65, trc: tableTag(1024, srgbEOTF)})},
		{"icc-profiles-free sRGB.icc", readFile(t, "sRGB.icc")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := parse(t, tt.data)
			if !p.IsSRGB() || p.Active() {
				t.Fatalf("IsSRGB %v, Active %v", p.IsSRGB(), p.Active())
			}
			m := image.NewRGBA(image.Rect(0, 0, 2, 1))
			copy(m.Pix, []byte{10, 200, 30, 255, 1, 2, 3, 128})
			before := append([]byte(nil), m.Pix...)
			p.ToSRGB(m)
			if string(m.Pix) != string(before) {
				t.Errorf("sRGB changed pixels: %v → %v", before, m.Pix)
			}
		})
	}
}

func TestTableCurveMatchesParametric(t *testing.T) {
	table := displayP3
	table.trc = tableTag(4096, srgbEOTF)
	a, b := parse(t, build(displayP3)), parse(t, build(table))
	for _, c := range samples() {
		r1, g1, b1 := a.Convert(c[0], c[1], c[2])
		r2, g2, b2 := b.Convert(c[0], c[1], c[2])
		if absDiff(r1, r2) > 1 || absDiff(g1, g2) > 1 || absDiff(b1, b2) > 1 {
			t.Fatalf("%v: para %v, table %v", c, [3]uint8{r1, g1, b1}, [3]uint8{r2, g2, b2})
		}
	}
}

func TestRealAdobeCompatibleProfile(t *testing.T) {
	real := parse(t, readFile(t, "compatibleWithAdobeRGB1998.icc"))
	built := parse(t, build(adobeRGB))
	if !real.Active() {
		t.Fatalf("not applied: %q", real.Reason())
	}
	for _, c := range samples() {
		r1, g1, b1 := real.Convert(c[0], c[1], c[2])
		want := expected(adobeRGB, c)
		if absDiff(r1, want[0]) > 2 || absDiff(g1, want[1]) > 2 || absDiff(b1, want[2]) > 2 {
			r2, g2, b2 := built.Convert(c[0], c[1], c[2])
			t.Fatalf("%v: real file %v, built %v, maths %v", c, [3]uint8{r1, g1, b1}, [3]uint8{r2, g2, b2}, want)
		}
	}
}

func TestCurveEval(t *testing.T) {
	g, a, b, c, d, e, f := 2.2, 0.9, 0.1, 0.05, 0.2, 0.01, 0.02
	tests := []struct {
		name string
		tag  []byte
		want func(x float64) float64
	}{
		{"curv empty is identity", []byte("curv\x00\x00\x00\x00\x00\x00\x00\x00"), func(x float64) float64 { return x }},
		{"curv gamma", gammaTag(2.2), func(x float64) float64 { return math.Pow(x, 2.2) }},
		{"curv table", tableTag(2, func(x float64) float64 { return x * x }), func(x float64) float64 { return x }}, // 2 points: a line
		{"para 0", paraTag(0, g), func(x float64) float64 { return math.Pow(x, g) }},
		{"para 1", paraTag(1, g, a, -b), func(x float64) float64 {
			if x >= b/a {
				return math.Pow(a*x-b, g)
			}
			return 0
		}},
		{"para 2", paraTag(2, g, a, -b, c), func(x float64) float64 {
			if x >= b/a {
				return math.Pow(a*x-b, g) + c
			}
			return c
		}},
		{"para 3", paraTag(3, g, a, b, c, d), func(x float64) float64 {
			if x >= d {
				return math.Pow(a*x+b, g)
			}
			return c * x
		}},
		{"para 4", paraTag(4, g, a, b, c, d, e, f), func(x float64) float64 {
			if x >= d {
				return math.Pow(a*x+b, g) + e
			}
			return c*x + f
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cv, err := curveTag(tt.tag)
			if err != nil {
				t.Fatal(err)
			}
			for k := 0; k <= 100; k++ {
				x := float64(k) / 100
				want := math.Max(0, math.Min(1, tt.want(x)))
				if got := cv.Eval(x); math.Abs(got-want) > 2e-4 {
					t.Fatalf("Eval(%v) = %v, want %v", x, got, want)
				}
			}
		})
	}
}

func TestNotApplied(t *testing.T) {
	cmyk := encodeICC(0x02100000, "prtr", "CMYK", "Lab ", []tag{{"B2A0", []byte("mft2\x00\x00\x00\x00")}})
	lut := encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"B2A0", []byte("mBA \x00\x00\x00\x00")}})
	grey := encodeICC(0x02100000, "mntr", "GRAY", "XYZ ", []tag{{"wtpt", xyzTagBytes([3]float64{0.9642, 1, 0.8249})}})
	flat := encodeICC(0x02100000, "mntr", "RGB ", "XYZ ", []tag{
		{"rXYZ", xyzTagBytes([3]float64{0.5, 0.5, 0.5})}, {"gXYZ", xyzTagBytes([3]float64{0.5, 0.5, 0.5})},
		{"bXYZ", xyzTagBytes([3]float64{0.5, 0.5, 0.5})}, {"rTRC", gammaTag(2)}, {"gTRC", gammaTag(2)}, {"bTRC", gammaTag(2)}})
	onlyColorants := encodeICC(0x02100000, "mntr", "RGB ", "XYZ ", []tag{
		{"rXYZ", xyzTagBytes([3]float64{0.4, 0.2, 0})}, {"gXYZ", xyzTagBytes([3]float64{0.4, 0.7, 0.1})}, {"bXYZ", xyzTagBytes([3]float64{0.1, 0.1, 0.7})}})
	tests := []struct {
		name   string
		reason msg.Code
		data   []byte
	}{
		{"CMYK without A2B0", msg.ProfileNoTable, cmyk},
		{"grey without a tone curve", msg.ProfileNoCurve, grey},
		{"abstract Lab (CineLogCurve.icc)", msg.ProfileNotRGB, readFile(t, "CineLogCurve.icc")},
		{"RGB with B2A0 only", msg.ProfileNoTable, lut},
		{"no tone curves", msg.ProfileNoPrimaries, onlyColorants},
		{"singular matrix", msg.ProfileBadPrimaries, flat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parse(t, tt.data)
			if got := p.Reason(); got != tt.reason {
				t.Errorf("Reason = %q, want %q", got, tt.reason)
			}
			if p.Active() {
				t.Error("Active")
			}
			m := image.NewRGBA(image.Rect(0, 0, 1, 1))
			copy(m.Pix, []byte{9, 99, 199, 255})
			p.ToSRGB(m)
			if m.Pix[0] != 9 || m.Pix[1] != 99 || m.Pix[2] != 199 {
				t.Errorf("pixels changed: %v", m.Pix)
			}
		})
	}
	var nilProfile *Profile
	nilProfile.ToSRGB(image.NewRGBA(image.Rect(0, 0, 1, 1))) // no panic
}

func TestParseErrors(t *testing.T) {
	good := build(displayP3)
	mod := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tagEntry := func(b []byte, i int) []byte { return b[132+12*i:] }
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"short", good[:100]},
		{"cut", good[:len(good)-10]},
		{"size below header", mod(func(b []byte) []byte { binary.BigEndian.PutUint32(b, 100); return b })},
		{"no acsp", mod(func(b []byte) []byte { copy(b[36:], "xxxx"); return b })},
		{"tag count huge", mod(func(b []byte) []byte { binary.BigEndian.PutUint32(b[128:], 0xFFFFFFFF); return b })},
		{"tag outside", mod(func(b []byte) []byte { binary.BigEndian.PutUint32(tagEntry(b, 1)[4:], 0xFFFFFFF0); return b })},
		{"tag size wraps", mod(func(b []byte) []byte { binary.BigEndian.PutUint32(tagEntry(b, 1)[8:], 0xFFFFFFFF); return b })},
		{"xyz wrong type", mod(func(b []byte) []byte {
			off := binary.BigEndian.Uint32(tagEntry(b, 2)[4:])
			copy(b[off:], "abcd")
			return b
		})},
		{"para unknown type", encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"rTRC", paraTag(9, 1)}, {"gTRC", paraTag(0, 1)}, {"bTRC", paraTag(0, 1)}})},
		{"para short", encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"rTRC", paraTag(4, 1, 2)}, {"gTRC", paraTag(0, 1)}, {"bTRC", paraTag(0, 1)}})},
		{"curv count huge", encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"rTRC", []byte("curv\x00\x00\x00\x00\xff\xff\xff\xff\x00\x00")}, {"gTRC", gammaTag(1)}, {"bTRC", gammaTag(1)}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseICC(tt.data)
			if err == nil {
				t.Fatalf("parsed: %+v", p)
			}
			if !errors.Is(err, errDamaged) || !strings.HasPrefix(err.Error(), "the colour profile is damaged (") {
				t.Errorf("error %q", err)
			}
		})
	}
}

func TestUnadaptedColorants(t *testing.T) {
	// Some old v2 profiles store the D65 primaries unadapted; they must give
	// the same colours as the correctly adapted profile.
	m := npm(adobeRGB)
	col := func(j int) [3]float64 { return [3]float64{m[0][j], m[1][j], m[2][j]} }
	raw := encodeICC(0x02100000, "mntr", "RGB ", "XYZ ", []tag{{"rXYZ", xyzTagBytes(col(0))}, {"gXYZ", xyzTagBytes(col(1))},
		{"bXYZ", xyzTagBytes(col(2))}, {"rTRC", adobeRGB.trc}, {"gTRC", adobeRGB.trc}, {"bTRC", adobeRGB.trc}})
	p := parse(t, raw)
	for _, c := range samples() {
		r, g, b := p.Convert(c[0], c[1], c[2])
		want := expected(adobeRGB, c)
		if absDiff(r, want[0]) > 1 || absDiff(g, want[1]) > 1 || absDiff(b, want[2]) > 1 {
			t.Fatalf("%v → %v, want %v", c, [3]uint8{r, g, b}, want)
		}
	}
}

func TestToSRGBImages(t *testing.T) {
	p := parse(t, build(displayP3))
	t.Run("rgba sub-image, translucent", func(t *testing.T) {
		big := image.NewRGBA(image.Rect(-1, -1, 5, 3))
		for i := range big.Pix {
			big.Pix[i] = 255
		}
		sub := big.SubImage(image.Rect(1, 0, 3, 1)).(*image.RGBA)
		sub.SetRGBA(1, 0, colorRGBA(255, 0, 0, 255))
		sub.SetRGBA(2, 0, colorRGBA(100, 50, 25, 128)) // premultiplied
		p.ToSRGB(sub)
		if c := big.RGBAAt(1, 0); c.R != 255 || c.G != 0 || c.B != 0 {
			t.Errorf("opaque P3 red → %v", c)
		}
		r, g, b := p.Convert(199, 100, 50) // 100,50,25 unpremultiplied at 128
		if c := big.RGBAAt(2, 0); absDiff(c.R, uint8((int(r)*128+127)/255)) > 1 || absDiff(c.G, uint8((int(g)*128+127)/255)) > 1 || absDiff(c.B, uint8((int(b)*128+127)/255)) > 1 || c.A != 128 {
			t.Errorf("translucent → %v", c)
		}
		if c := big.RGBAAt(0, 0); c.R != 255 || c.G != 255 {
			t.Errorf("pixel outside the sub-image changed: %v", c)
		}
	})
	t.Run("nrgba", func(t *testing.T) {
		m := image.NewNRGBA(image.Rect(0, 0, 2, 1))
		copy(m.Pix, []byte{200, 60, 50, 255, 200, 60, 50, 10})
		p.ToSRGBNRGBA(m)
		r, g, b := p.Convert(200, 60, 50)
		want := []byte{r, g, b, 255, r, g, b, 10}
		if string(m.Pix) != string(want) {
			t.Errorf("got %v, want %v", m.Pix, want)
		}
	})
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzParseICC(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.icc"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []space{displayP3, adobeRGB, proPhoto} {
		f.Add(build(s))
	}
	for _, p := range lutProfiles() { // every kind of lookup table
		f.Add(p.icc)
	}
	f.Add(encodeICC(0x02100000, "mntr", "GRAY", "XYZ ", []tag{{"kTRC", gammaTag(1.8)}}))
	// Small grids: a 17⁴ one takes seconds under the fuzzer's
	// instrumentation, for the same code.
	saved := gridPoints
	gridPoints = [5]int{3: 3, 4: 2}
	f.Cleanup(func() { gridPoints = saved })
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseICC(data)
		if err != nil {
			if p != nil || !strings.HasPrefix(err.Error(), "the colour profile is damaged") {
				t.Fatalf("%v, %v", p, err)
			}
			return
		}
		_ = p.Reason()
		for n := range 5 {
			if p.Fits(n) != (p.FitReason(n).IsZero() && p.Reason() == "") && p.Reason() == "" {
				t.Fatalf("Fits(%d) %v, FitReason %q", n, p.Fits(n), p.FitReason(n))
			}
		}
		m := image.NewRGBA(image.Rect(0, 0, 4, 1))
		copy(m.Pix, []byte{0, 0, 0, 255, 255, 255, 255, 255, 10, 200, 30, 128, 1, 2, 3, 0})
		p.ToSRGB(m)
		if p.Reason() != "" && p.Active() {
			t.Fatal("active with a reason")
		}
		if p.IsCMYK() && (p.Active() || p.Reason() != "") {
			t.Fatal("a CMYK profile applied by ToSRGB")
		}
		if m.Pix[15] != 0 || m.Pix[11] != 128 {
			t.Fatalf("alpha changed: %v", m.Pix)
		}
		px := []byte{0, 0, 0, 0, 255, 255, 255, 255, 30, 200, 90, 10}
		p.CMYKToSRGB(px, px)
		if px[3] != 255 || px[7] != 255 || px[11] != 255 {
			t.Fatalf("CMYK → %v: not opaque", px)
		}
	})
}

func BenchmarkToSRGB(b *testing.B) {
	for _, size := range []image.Point{{1080, 1350}, {3000, 2000}} {
		b.Run(fmt.Sprintf("%dx%d", size.X, size.Y), func(b *testing.B) {
			p := parse(b, build(displayP3))
			m := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
			for i := range m.Pix {
				m.Pix[i] = uint8(i * 7)
				if i%4 == 3 {
					m.Pix[i] = 255
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				p.ToSRGB(m)
			}
		})
	}
}

func colorRGBA(r, g, b, a uint8) color.RGBA { return color.RGBA{r, g, b, a} }

func TestPremultiplication(t *testing.T) {
	for a := 1; a < 256; a++ {
		for v := 0; v <= a; v++ {
			want := uint8(min(255, math.Round(float64(v)*255/float64(a))))
			if got := unpremul(uint8(v), uint8(a)); got != want {
				t.Fatalf("unpremul(%d, %d) = %d, want %d", v, a, got, want)
			}
			if got, want := premul(uint8(v), uint8(a)), uint8(math.Round(float64(v)*float64(a)/255)); got != want {
				t.Fatalf("premul(%d, %d) = %d, want %d", v, a, got, want)
			}
		}
	}
}

func TestParseBoundaries(t *testing.T) {
	header := func(n int, size int) []byte {
		b := make([]byte, size)
		binary.BigEndian.PutUint32(b, uint32(size))
		copy(b[12:], "mntrRGB XYZ ")
		copy(b[36:], "acsp")
		binary.BigEndian.PutUint32(b[128:], uint32(n))
		for i := 0; i < n; i++ { // every tag the header's first 8 bytes
			e := b[132+12*i:]
			binary.BigEndian.PutUint32(e, uint32(i))
			binary.BigEndian.PutUint32(e[8:], 8)
		}
		return b
	}
	if _, err := ParseICC(header(0, 132)); err != nil {
		t.Errorf("a 132-byte profile without tags: %v", err)
	}
	if _, err := ParseICC(header(maxTags, 132+12*maxTags)); err != nil {
		t.Errorf("%d tags filling the profile: %v", maxTags, err)
	}
	over := header(10, 132+12*10)
	binary.BigEndian.PutUint32(over[128:], 11) // one entry more than the bytes hold
	if _, err := ParseICC(over); err == nil {
		t.Error("a tag table longer than the profile parsed")
	}
	if _, err := ParseICC(header(maxTags+1, 132+12*(maxTags+1))); err == nil {
		t.Error("too many tags parsed")
	}
	if _, err := curveTag(paraTag(5, 1, 1, 1, 1, 1, 1, 1)); err == nil {
		t.Error("para type 5 parsed")
	}
}

func TestChadIsPreferred(t *testing.T) {
	// Unadapted D65 colorants with a chad that is not Bradford (von Kries
	// in XYZ: a plain scaling): the profile's own adaptation is used.
	m := npm(adobeRGB)
	col := func(j int) [3]float64 { return [3]float64{m[0][j], m[1][j], m[2][j]} }
	w65 := [3]float64{0.3127 / 0.3290, 1, (1 - 0.3127 - 0.3290) / 0.3290}
	vk := [3][3]float64{{0.9642 / w65[0], 0, 0}, {0, 1, 0}, {0, 0, 0.8249 / w65[2]}}
	var chad []byte
	for _, row := range vk {
		for _, v := range row {
			chad = append(chad, s15f(v)...)
		}
	}
	p := parse(t, encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", []tag{{"rXYZ", xyzTagBytes(col(0))}, {"gXYZ", xyzTagBytes(col(1))},
		{"bXYZ", xyzTagBytes(col(2))}, {"rTRC", adobeRGB.trc}, {"gTRC", adobeRGB.trc}, {"bTRC", adobeRGB.trc},
		{"chad", append([]byte("sf32\x00\x00\x00\x00"), chad...)}}))
	fromD50, _ := inverse(srgbToD50())
	worst := 0
	for _, c := range samples() {
		lin := [3]float64{adobeRGB.decode(float64(c[0]) / 255), adobeRGB.decode(float64(c[1]) / 255), adobeRGB.decode(float64(c[2]) / 255)}
		rgb := mulv(fromD50, mulv(vk, mulv(m, lin)))
		r, g, b := p.Convert(c[0], c[1], c[2])
		for i, v := range [3]uint8{r, g, b} {
			want := uint8(math.Round(255 * srgbEncode(clamp01(rgb[i]))))
			worst = max(worst, absDiff(v, want))
		}
	}
	if worst > 1 {
		t.Errorf("worst difference %d: the chad was not used", worst)
	}
}

func TestShortOrOddTags(t *testing.T) {
	rgb := func(extra ...tag) []byte {
		tags := append([]tag{{"rXYZ", xyzTagBytes([3]float64{0.4, 0.2, 0})}, {"gXYZ", xyzTagBytes([3]float64{0.4, 0.7, 0.1})},
			{"bXYZ", xyzTagBytes([3]float64{0.15, 0.1, 0.72})}, {"rTRC", gammaTag(2)}, {"gTRC", gammaTag(2)}, {"bTRC", gammaTag(2)}}, extra...)
		return encodeICC(0x04300000, "mntr", "RGB ", "XYZ ", tags)
	}
	if _, err := ParseICC(rgb(tag{"chad", append([]byte("sf32\x00\x00\x00\x00"), make([]byte, 35)...)})); !errors.Is(err, errDamaged) {
		t.Errorf("a chad a byte short: %v", err)
	}
	long := strings.Repeat("x", 201)
	u := utf16.Encode([]rune(strings.Repeat("y", 300)))
	mluc := []byte("mluc\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0cenUS")
	mluc = binary.BigEndian.AppendUint32(mluc, uint32(2*len(u)))
	mluc = binary.BigEndian.AppendUint32(mluc, 28)
	for _, c := range u {
		mluc = binary.BigEndian.AppendUint16(mluc, c)
	}
	for _, tt := range []struct {
		name string
		desc []byte
		want string
	}{
		{"exactly the header", []byte("desc\x00\x00\x00\x00\x00\x00\x00\x00"), ""},
		{"count beyond the tag", append(binary.BigEndian.AppendUint32([]byte("desc\x00\x00\x00\x00"), 6), "short"...), ""},
		{"count to the tag's end", append(binary.BigEndian.AppendUint32([]byte("desc\x00\x00\x00\x00"), 5), "exact"...), "exact"},
		{"over 200 characters", descTag(long, false), ""},
		{"200 characters", descTag(long[:200], false), long[:200]},
		{"mluc record past 512 bytes", mluc, ""},
		{"mluc too short", []byte("mluc\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0c"), ""},
		{"mluc string past the tag", descTag("Display P3", true)[:30], ""},
		{"mluc", descTag("Display P3", true), "Display P3"},
	} {
		p, err := ParseICC(rgb(tag{"desc", tt.desc}))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if p.Description != tt.want {
			t.Errorf("%s: description %q, want %q", tt.name, p.Description, tt.want)
		}
	}
}

func TestTableCurveEnds(t *testing.T) {
	// A table ending at half: white maps to half, not beyond.
	c, err := curveTag(tableTag(3, func(x float64) float64 { return x / 2 }))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ x, want float64 }{{1, 0.5}, {0.5, 0.25}, {0, 0}, {2, 0.5}} {
		if got := c.Eval(tt.x); math.Abs(got-tt.want) > 1e-4 {
			t.Errorf("Eval(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

func TestToSRGBNRGBARows(t *testing.T) {
	p := parse(t, build(displayP3))
	big := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for i := range big.Pix {
		big.Pix[i] = uint8(40 + i*5)
	}
	sub := big.SubImage(image.Rect(1, 1, 3, 3)).(*image.NRGBA)
	before := append([]byte(nil), big.Pix...)
	p.ToSRGBNRGBA(sub)
	for y := 0; y < 3; y++ {
		for x := 0; x < 4; x++ {
			i := big.PixOffset(x, y)
			was, now := before[i:i+4], big.Pix[i:i+4]
			want := was
			if image.Pt(x, y).In(sub.Rect) {
				r, g, b := p.Convert(was[0], was[1], was[2])
				want = []byte{r, g, b, was[3]}
			}
			if string(now) != string(want) {
				t.Errorf("(%d,%d) %v → %v, want %v", x, y, was, now, want)
			}
		}
	}
}
