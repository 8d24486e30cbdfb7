package colour

import (
	"math"

	"picmark/internal/msg"
)

// CICP is a colour description by code points (ITU-T H.273), what HEIF's
// 'nclx' colour box and AVIF carry instead of, or beside, an ICC profile:
// the RGB primaries, the transfer characteristics (tone curve), the matrix
// from RGB to Y′CbCr and whether the samples use their full range.
type CICP struct {
	Primaries, Transfer, Matrix int
	FullRange                   bool
}

// The code points picmark acts on (ITU-T H.273, tables 2 to 4).
const (
	cpBT709       = 1
	cpUnspecified = 2
	cpSRGB        = 13 // transfer: IEC 61966-2-1
	cpPQ          = 16 // transfer: SMPTE ST 2084, HDR
	cpHLG         = 18 // transfer: ARIB STD-B67, HDR
)

type chromaticities struct{ rx, ry, gx, gy, bx, by, wx, wy float64 }

// primaries by code point; a zero entry is one picmark does not know. 2
// (unspecified) and those are shown as BT.709, as browsers do. An array,
// not a map: a map literal costs init code in the browser's binary.
var primaries = [...]chromaticities{
	1:  {0.64, 0.33, 0.30, 0.60, 0.15, 0.06, 0.3127, 0.3290},       // BT.709, sRGB
	4:  {0.67, 0.33, 0.21, 0.71, 0.14, 0.08, 0.310, 0.316},         // BT.470 M
	5:  {0.64, 0.33, 0.29, 0.60, 0.15, 0.06, 0.3127, 0.3290},       // BT.601 625 lines (PAL)
	6:  {0.630, 0.340, 0.310, 0.595, 0.155, 0.070, 0.3127, 0.3290}, // BT.601 525 lines (NTSC)
	7:  {0.630, 0.340, 0.310, 0.595, 0.155, 0.070, 0.3127, 0.3290}, // SMPTE 240M
	8:  {0.681, 0.319, 0.243, 0.692, 0.145, 0.049, 0.310, 0.316},   // generic film
	9:  {0.708, 0.292, 0.170, 0.797, 0.131, 0.046, 0.3127, 0.3290}, // BT.2020
	11: {0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.314, 0.351},   // DCI-P3
	12: {0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290}, // Display P3
	22: {0.630, 0.340, 0.295, 0.605, 0.155, 0.077, 0.3127, 0.3290}, // EBU Tech 3213
}

// chromaticitiesOf returns the primaries of code point cp, BT.709's for
// one picmark does not know.
func chromaticitiesOf(cp int) chromaticities {
	if cp >= 0 && cp < len(primaries) && primaries[cp].wy != 0 {
		return primaries[cp]
	}
	return primaries[cpBT709]
}

// srgbCurve is sRGB's tone curve as an ICC parametric curve.
var srgbCurve = Curve{FuncType: 3, Params: [7]float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045}}

// transfer is the tone curve (signal → linear light, SDR white 1) of a
// transfer code point. BT.709's family (1, 6, 14, 15) and anything not
// listed are shown with sRGB's curve, as Chrome does (ui/gfx's
// color_space.cc: "use the same transfer function as sRGB, which will
// … more closely match other media players"), so a photo looks the same
// in the page and in its outputs.
func transfer(tc int) Curve {
	switch tc {
	case 4:
		return Curve{Gamma: 2.2, FuncType: -1}
	case 5:
		return Curve{Gamma: 2.8, FuncType: -1}
	case 7: // SMPTE 240M
		return Curve{FuncType: 3, Params: [7]float64{1 / 0.45, 1 / 1.1115, 0.1115 / 1.1115, 1 / 4.0, 4 * 0.0228}}
	case 8:
		return Curve{Gamma: 1, FuncType: -1}
	case cpPQ, cpHLG:
		return hdrCurve(tc)
	}
	return srgbCurve
}

// HDR: a marketer posts to platforms that show standard range, so an HDR
// photo is brought to it: its reference white (203 cd/m², ITU-R BT.2408)
// becomes SDR white's level and brighter light is compressed smoothly
// towards white (linear up to kneeStart, then an exponential shoulder),
// each channel on its own. Report notes say so.
const (
	referenceWhite = 203.0 // cd/m²
	kneeStart      = 0.75
	hdrTableSize   = 4096
)

// hdrNote is the report's note for an HDR photo.
var hdrNote = msg.HDR

// hdrCurve tabulates PQ or HLG, tone-mapped, as a tone curve.
func hdrCurve(tc int) Curve {
	t := make([]uint16, hdrTableSize)
	for i := range t {
		e := float64(i) / (hdrTableSize - 1)
		var nits float64
		if tc == cpPQ {
			nits = pqEOTF(e)
		} else {
			nits = 1000 * math.Pow(hlgInverseOETF(e), 1.2) // the OOTF of a 1000 cd/m² display
		}
		t[i] = uint16(math.Round(65535 * toneMap(nits/referenceWhite)))
	}
	return Curve{Table: t, FuncType: -1}
}

// pqEOTF is SMPTE ST 2084: signal 0..1 → cd/m².
func pqEOTF(e float64) float64 {
	const m1, m2 = 2610.0 / 16384, 2523.0 / 4096 * 128
	const c1, c2, c3 = 3424.0 / 4096, 2413.0 / 4096 * 32, 2392.0 / 4096 * 32
	p := math.Pow(e, 1/m2)
	return 10000 * math.Pow(math.Max(p-c1, 0)/(c2-c3*p), 1/m1)
}

// hlgInverseOETF is ARIB STD-B67: signal 0..1 → scene light 0..1.
func hlgInverseOETF(e float64) float64 {
	const a, b, c = 0.17883277, 0.28466892, 0.55991073
	if e <= 0.5 {
		return e * e / 3
	}
	return (math.Exp((e-c)/a) + b) / 12
}

// toneMap keeps x below kneeStart and compresses what is above towards 1,
// with a continuous slope.
func toneMap(x float64) float64 {
	if x <= kneeStart {
		return x
	}
	return kneeStart + (1-kneeStart)*(1-math.Exp(-(x-kneeStart)/(1-kneeStart)))
}

// Profile returns what converts RGB pixels described by c to sRGB: a
// *Profile that ToSRGB applies as it does an ICC one, nil when the pixels
// already are sRGB (as BT.709 and unknown descriptions are shown), and a
// note for the report when picmark changes the photo's look on purpose
// (HDR, see toneMap); "" otherwise.
func (c CICP) Profile() (*Profile, msg.Code) {
	pr := chromaticitiesOf(c.Primaries)
	m := mul(Bradford(XYZ{pr.wx / pr.wy, 1, (1 - pr.wx - pr.wy) / pr.wy}, D50),
		rgbToXYZ(pr.rx, pr.ry, pr.gx, pr.gy, pr.bx, pr.by, pr.wx, pr.wy))
	trc := transfer(c.Transfer)
	p := &Profile{
		Version: 0x04300000, Class: "mntr", ColourSpace: "RGB ", PCS: "XYZ ",
		Description:  "nclx",
		Red:          XYZ{m[0][0], m[1][0], m[2][0]},
		Green:        XYZ{m[0][1], m[1][1], m[2][1]},
		Blue:         XYZ{m[0][2], m[1][2], m[2][2]},
		White:        D50,
		TRC:          [3]Curve{trc, trc, trc},
		HasColorants: true, HasWhite: true, HasTRC: true,
	}
	var note msg.Code
	if c.Transfer == cpPQ || c.Transfer == cpHLG {
		note = hdrNote
	}
	if p.IsSRGB() {
		return nil, note
	}
	return p, note
}
