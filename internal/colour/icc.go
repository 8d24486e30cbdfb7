// Package colour converts a photo's pixels to sRGB, the colour space every
// platform shows, the way browsers and LittleCMS do:
//
//   - by its ICC profile (ParseICC): matrix/TRC RGB profiles (Display P3,
//     Adobe RGB (1998), ProPhoto), greyscale tone curves, and lookup-table
//     profiles (the A2B0 tag: lut8, lut16, lutAtoB, with a Lab or XYZ PCS),
//     which every CMYK profile is (FOGRA, SWOP) and some RGB ones are;
//   - by the code points of HEIF's and AVIF's nclx box (CICP), with the
//     YCbCr → RGB step a decoder may leave to its caller.
//
// RGB and grey pixels are converted in place on a photo's small outputs
// (ToSRGB); CMYK pixels become RGBA once, when they are decoded
// (CMYKToRGBA). Lookup tables are applied with A2B0 (the perceptual table,
// the one browsers use) and no black point compensation, the PCS reaching
// sRGB by its matrix: LittleCMS's relative colorimetric transform, which
// its 8-bit transforms approximate with a 33³ (RGB) or 17⁴ (CMYK) grid,
// as here.
//
// ParseICC never panics and never allocates more than twice the profile's
// own size: it is fed untrusted bytes from photos. A profile it cannot
// apply (Lab, named colours, a device link) still parses; Reason says in
// plain words why it is not applied, and the conversions then leave the
// pixels alone (CMYK pixels are then converted as browsers show them
// without a profile).
package colour

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"sync"
	"unicode/utf16"

	"picmark/internal/msg"
)

// XYZ is a CIE XYZ colour, Y = 1 for the white.
type XYZ struct{ X, Y, Z float64 }

// D50 is the profile connection space's illuminant (ICC.1, 7.2.16).
var D50 = XYZ{0.9642, 1.0, 0.8249}

// Profile is what picmark uses of an ICC profile.
type Profile struct {
	Version     uint32 // header bytes 8..11: 0x04300000 is v4.3
	Class       string // "mntr", "scnr", "prtr", "spac", "abst", …
	ColourSpace string // "RGB ", "CMYK", "GRAY", "Lab ", …
	PCS         string // "XYZ " or "Lab "
	Description string // the 'desc' tag, when readable: "Display P3"

	// The matrix/TRC tags; Has* say which were present and readable.
	Red, Green, Blue XYZ           // rXYZ, gXYZ, bXYZ: colorants, adapted to D50
	White            XYZ           // wtpt: media white point
	Chad             [3][3]float64 // chad: adaptation from the actual illuminant to D50
	TRC              [3]Curve      // rTRC, gTRC, bTRC
	HasColorants     bool
	HasWhite         bool
	HasChad          bool
	HasTRC           bool
	HasLUT           bool // A2B0/A2B1/A2B2 or B2A0: a lookup-table profile

	// A greyscale profile's kTRC tag.
	GrayTRC    Curve
	HasGrayTRC bool

	a2b *lut   // the A2B0 tag of an RGB, CMYK or grey profile, when present
	key uint64 // a hash of the profile's bytes: the cache key of its grid

	once sync.Once
	conv rgbConverter // nil when sRGB, CMYK or not convertible
	cmyk *grid        // a CMYK profile's conversion
}

// Curve is a tone reproduction curve: device value 0..1 → linear 0..1.
// Exactly one form is used: Table when non-nil, else Param when FuncType >= 0
// ('para'), else Gamma ('curv' with 0 or 1 entries; 0 entries is gamma 1).
type Curve struct {
	Gamma    float64
	Table    []uint16 // 'curv' with n >= 2 entries, evenly spaced over 0..1
	FuncType int      // 'para' function type 0..4; -1 for 'curv'
	Params   [7]float64
}

// Eval maps a device value in 0..1 to a linear value, clamped to 0..1.
func (c Curve) Eval(x float64) float64 {
	x = clamp01(x)
	var y float64
	switch {
	case c.Table != nil:
		n := len(c.Table) - 1
		p := x * float64(n)
		i := int(p)
		if i >= n {
			y = float64(c.Table[n]) / 65535
			break
		}
		f := p - float64(i)
		y = (float64(c.Table[i])*(1-f) + float64(c.Table[i+1])*f) / 65535
	case c.FuncType >= 0:
		y = c.para(x)
	default:
		y = math.Pow(x, c.Gamma)
	}
	if y != y { // NaN from hostile parameters
		return 0
	}
	return clamp01(y)
}

// para evaluates the ICC parametric curve (ICC.1, 10.18, table 65).
func (c Curve) para(x float64) float64 {
	g, a, b, cc, d, e, f := c.Params[0], c.Params[1], c.Params[2], c.Params[3], c.Params[4], c.Params[5], c.Params[6]
	pow := func(base float64) float64 {
		if base <= 0 {
			return 0
		}
		return math.Pow(base, g)
	}
	switch c.FuncType {
	case 0:
		return pow(x)
	case 1:
		if a != 0 && x >= -b/a {
			return pow(a*x + b)
		}
		return 0
	case 2:
		if a != 0 && x >= -b/a {
			return pow(a*x+b) + cc
		}
		return cc
	case 3:
		if x >= d {
			return pow(a*x + b)
		}
		return cc * x
	case 4:
		if x >= d {
			return pow(a*x+b) + e
		}
		return cc*x + f
	}
	return x
}

// paraCount is the number of parameters of each 'para' function type.
var paraCount = [5]int{1, 3, 4, 5, 7}

// errDamaged is wrapped by every parse error.
var errDamaged = errors.New("the colour profile is damaged")

func damaged(why string) error { return fmt.Errorf("%w (%s)", errDamaged, why) }

// maxTags bounds the tag table; real profiles have 10 to 40 tags.
const maxTags = 1024

// ParseICC reads an ICC profile (v2 or v4). Errors are plain sentences
// ("the colour profile is damaged (…)"). A profile that parses may still be
// one picmark does not apply: see Reason.
func ParseICC(data []byte) (*Profile, error) {
	if len(data) < 132 {
		return nil, damaged("too short")
	}
	size := binary.BigEndian.Uint32(data)
	if size < 132 || uint64(size) > uint64(len(data)) {
		return nil, damaged("its size does not match")
	}
	data = data[:size]
	if string(data[36:40]) != "acsp" {
		return nil, damaged("no profile signature")
	}
	p := &Profile{
		Version:     binary.BigEndian.Uint32(data[8:]),
		Class:       string(data[12:16]),
		ColourSpace: string(data[16:20]),
		PCS:         string(data[20:24]),
	}
	n := binary.BigEndian.Uint32(data[128:])
	if n > maxTags || uint64(n)*12 > uint64(len(data)-132) {
		return nil, damaged("its tag table does not fit")
	}
	tags := make(map[string][]byte, n)
	for i := uint32(0); i < n; i++ {
		e := data[132+12*i:]
		sig := string(e[:4])
		off, sz := uint64(binary.BigEndian.Uint32(e[4:])), uint64(binary.BigEndian.Uint32(e[8:]))
		if off+sz > uint64(len(data)) || sz < 8 {
			return nil, damaged("a tag lies outside the profile")
		}
		if _, dup := tags[sig]; !dup {
			tags[sig] = data[off : off+sz]
		}
	}
	for _, sig := range []string{"A2B0", "A2B1", "A2B2", "B2A0"} {
		if _, ok := tags[sig]; ok {
			p.HasLUT = true
		}
	}
	p.Description = description(tags["desc"])

	var err error
	if t, ok := tags["A2B0"]; ok && (p.PCS == "XYZ " || p.PCS == "Lab ") {
		if n := p.channels(); n > 0 {
			if p.a2b, err = parseLUT(t, n, p.PCS == "Lab "); err != nil {
				return nil, err
			}
			p.key = maphash.Bytes(hashSeed, data)
		}
	}
	if t, ok := tags["kTRC"]; ok && p.ColourSpace == "GRAY" {
		if p.GrayTRC, err = curveTag(t); err != nil {
			return nil, err
		}
		p.HasGrayTRC = true
	}
	if t, ok := tags["wtpt"]; ok {
		if p.White, err = xyzTag(t); err != nil {
			return nil, err
		}
		p.HasWhite = true
	}
	if t, ok := tags["chad"]; ok {
		if p.Chad, err = chadTag(t); err != nil {
			return nil, err
		}
		p.HasChad = true
	}
	r, okR := tags["rXYZ"]
	g, okG := tags["gXYZ"]
	b, okB := tags["bXYZ"]
	if okR && okG && okB {
		for _, c := range []struct {
			t   []byte
			dst *XYZ
		}{{r, &p.Red}, {g, &p.Green}, {b, &p.Blue}} {
			if *c.dst, err = xyzTag(c.t); err != nil {
				return nil, err
			}
		}
		p.HasColorants = true
	}
	rt, okR := tags["rTRC"]
	gt, okG := tags["gTRC"]
	bt, okB := tags["bTRC"]
	if okR && okG && okB {
		for i, t := range [][]byte{rt, gt, bt} {
			if p.TRC[i], err = curveTag(t); err != nil {
				return nil, err
			}
		}
		p.HasTRC = true
	}
	return p, nil
}

// hashSeed keys the cache of lookup grids (grids.go) by profile bytes.
var hashSeed = maphash.MakeSeed()

// channels is the number of device channels of the profile's colour
// space: 3 (RGB), 4 (CMYK), 1 (grey); 0 for any other.
func (p *Profile) channels() int {
	switch p.ColourSpace {
	case "RGB ":
		return 3
	case "CMYK":
		return 4
	case "GRAY":
		return 1
	}
	return 0
}

func s15(b []byte) float64 { return float64(int32(binary.BigEndian.Uint32(b))) / 65536 }

func xyzTag(t []byte) (XYZ, error) {
	if len(t) < 20 || string(t[:4]) != "XYZ " {
		return XYZ{}, damaged("an XYZ tag cannot be read")
	}
	return XYZ{s15(t[8:]), s15(t[12:]), s15(t[16:])}, nil
}

func chadTag(t []byte) (m [3][3]float64, err error) {
	if len(t) < 8+36 || string(t[:4]) != "sf32" {
		return m, damaged("its adaptation matrix cannot be read")
	}
	for i := 0; i < 9; i++ {
		m[i/3][i%3] = s15(t[8+4*i:])
	}
	return m, nil
}

func curveTag(t []byte) (Curve, error) {
	if len(t) < 12 {
		return Curve{}, damaged("a tone curve cannot be read")
	}
	switch string(t[:4]) {
	case "curv":
		n := uint64(binary.BigEndian.Uint32(t[8:]))
		if 12+2*n > uint64(len(t)) {
			return Curve{}, damaged("a tone curve is cut short")
		}
		switch n {
		case 0:
			return Curve{Gamma: 1, FuncType: -1}, nil
		case 1:
			g := float64(binary.BigEndian.Uint16(t[12:])) / 256 // u8Fixed8
			return Curve{Gamma: g, FuncType: -1}, nil
		}
		tab := make([]uint16, n)
		for i := range tab {
			tab[i] = binary.BigEndian.Uint16(t[12+2*i:])
		}
		return Curve{Table: tab, FuncType: -1}, nil
	case "para":
		ft := int(binary.BigEndian.Uint16(t[8:]))
		if ft >= len(paraCount) {
			return Curve{}, damaged("a tone curve has an unknown type")
		}
		if 12+4*paraCount[ft] > len(t) {
			return Curve{}, damaged("a tone curve is cut short")
		}
		c := Curve{FuncType: ft}
		for i := 0; i < paraCount[ft]; i++ {
			c.Params[i] = s15(t[12+4*i:])
		}
		return c, nil
	}
	return Curve{}, damaged("a tone curve has an unknown type")
}

// description reads a v2 'desc' or v4 'mluc' tag; "" when unreadable.
func description(t []byte) string {
	if len(t) < 12 {
		return ""
	}
	var s string
	switch string(t[:4]) {
	case "desc":
		n := uint64(binary.BigEndian.Uint32(t[8:]))
		if 12+n > uint64(len(t)) {
			return ""
		}
		s = string(t[12 : 12+n])
	case "mluc":
		if len(t) < 16+12 {
			return ""
		}
		ln, off := uint64(binary.BigEndian.Uint32(t[20:])), uint64(binary.BigEndian.Uint32(t[24:]))
		if ln > 512 || off+ln > uint64(len(t)) {
			return ""
		}
		u := make([]uint16, ln/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(t[off+2*uint64(i):])
		}
		s = string(utf16.Decode(u))
	}
	s = strings.TrimRight(s, "\x00 ")
	if len(s) > 200 {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F || r == 0xFFFD {
			return -1
		}
		return r
	}, s)
}

// Reason says why picmark does not apply this profile, as the report's
// code for the note ("colour profile ignored (it is not an RGB, CMYK or
// greyscale profile)", msg.ProfileNotRGB); "" when it does (sRGB
// included). A lookup table, when there is one, is preferred to the matrix
// and tone curves, as LittleCMS and browsers do.
func (p *Profile) Reason() msg.Code {
	if p.channels() == 0 {
		return msg.ProfileNotRGB
	}
	switch {
	case p.a2b != nil:
		return ""
	case p.ColourSpace == "CMYK":
		return msg.ProfileNoTable
	case p.ColourSpace == "GRAY":
		if !p.HasGrayTRC {
			return msg.ProfileNoCurve
		}
		return ""
	case !p.HasColorants || !p.HasTRC:
		if p.HasLUT {
			return msg.ProfileNoTable
		}
		return msg.ProfileNoPrimaries
	}
	if _, ok := inverse(p.matrix()); !ok {
		return msg.ProfileBadPrimaries
	}
	return ""
}

// Fits reports whether the profile may describe a photo of n channels (1
// grey, 3 RGB, 4 CMYK), as browsers decide: a grey photo takes a grey or
// an RGB profile, an RGB photo an RGB one, a CMYK photo a CMYK one.
// Another is ignored; FitReason says why in the report's words.
func (p *Profile) Fits(n int) bool {
	c := p.channels()
	return c == n || n == 1 && c == 3
}

// FitReason is the report's note for Reason, or, for a profile picmark
// applies that does not fit a photo of n channels, why it is not applied
// ("it is made for CMYK pixels and the photo has RGB pixels"); the zero
// Message when the profile is applied.
func (p *Profile) FitReason(n int) msg.Message {
	if r := p.Reason(); r != "" || p.Fits(n) {
		return msg.New(r)
	}
	return msg.New(msg.ProfileMismatch, msg.Word("profile", kind(p.channels())), msg.Word("photo", kind(n)))
}

// kind names a kind of pixels by their channels.
func kind(n int) msg.Code {
	switch n {
	case 1:
		return msg.PixelsGrey
	case 3:
		return msg.PixelsRGB
	case 4:
		return msg.PixelsCMYK
	}
	return msg.PixelsOther
}

// IsSRGB reports whether the profile describes sRGB (its colorants and tone
// curves match sRGB's to within a rounding, or its grey tone curve is
// sRGB's): its pixels need no change. A lookup-table profile never is.
func (p *Profile) IsSRGB() bool {
	if p.Reason() != "" || p.a2b != nil {
		return false
	}
	trcs := p.TRC[:]
	if p.ColourSpace == "GRAY" {
		trcs = []Curve{p.GrayTRC}
	} else {
		m, s := p.matrix(), srgbToD50()
		for i := range m {
			for j := range m[i] {
				if math.Abs(m[i][j]-s[i][j]) > 0.003 {
					return false
				}
			}
		}
	}
	for _, c := range trcs {
		for k := 0; k <= 32; k++ {
			x := float64(k) / 32
			if math.Abs(c.Eval(x)-srgbDecode(x)) > 0.003 {
				return false
			}
		}
	}
	return true
}

// matrix is linear device RGB → PCS XYZ (D50), the colorants as columns.
// Colorants must be adapted to D50, so their sum (the profile's white) is
// D50. Some old profiles store them unadapted, summing to their own white
// (D65): those are adapted here, by the chad tag when present, else by
// Bradford from the colorants' white.
func (p *Profile) matrix() [3][3]float64 {
	m := [3][3]float64{
		{p.Red.X, p.Green.X, p.Blue.X},
		{p.Red.Y, p.Green.Y, p.Blue.Y},
		{p.Red.Z, p.Green.Z, p.Blue.Z},
	}
	w := XYZ{m[0][0] + m[0][1] + m[0][2], m[1][0] + m[1][1] + m[1][2], m[2][0] + m[2][1] + m[2][2]}
	if near(w, D50, 0.01) || w.Y <= 0 {
		return m
	}
	a := Bradford(w, D50)
	if p.HasChad {
		if aw := apply(p.Chad, w); near(aw, D50, 0.01) {
			a = p.Chad
		}
	}
	return mul(a, m)
}

func near(a, b XYZ, tol float64) bool {
	return math.Abs(a.X-b.X) <= tol && math.Abs(a.Y-b.Y) <= tol && math.Abs(a.Z-b.Z) <= tol
}
