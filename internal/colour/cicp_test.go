package colour

import (
	"math"
	"testing"
)

// Expected colours come from the published chromaticities (H.273 table
// 2) by the normalised primary matrix, the D65 path and the published
// XYZ → sRGB matrix (expected, in icc_test.go).

func TestCICPProfiles(t *testing.T) {
	bt2020 := space{name: "BT.2020", r: xy{0.708, 0.292}, g: xy{0.170, 0.797}, b: xy{0.131, 0.046}, w: d65, decode: srgbEOTF}
	gamma := func(g float64) func(float64) float64 { return func(v float64) float64 { return math.Pow(v, g) } }
	tests := []struct {
		name  string
		c     CICP
		space *space // nil: left as sRGB
	}{
		{"sRGB", CICP{1, 13, 6, true}, nil},
		{"BT.709 curve shown as sRGB, as Chrome does", CICP{1, 1, 1, false}, nil},
		{"unspecified", CICP{2, 2, 2, true}, nil},
		{"unknown code points", CICP{99, 99, 99, true}, nil},
		{"just past the table", CICP{len(primaries), 13, 6, true}, nil},
		{"negative", CICP{-1, -1, -1, true}, nil},
		{"BT.601 625 primaries are sRGB's but for green", CICP{5, 6, 5, false},
			&space{name: "625", r: xy{0.64, 0.33}, g: xy{0.29, 0.60}, b: xy{0.15, 0.06}, w: d65, decode: srgbEOTF}},
		{"Display P3", CICP{12, 13, 6, true}, &displayP3},
		{"Display P3, BT.709 curve", CICP{12, 1, 1, false}, &displayP3},
		{"BT.2020", CICP{9, 14, 9, false}, &bt2020},
		{"BT.2020, 12-bit curve", CICP{9, 15, 9, false}, &bt2020},
		{"BT.709 primaries, gamma 2.2", CICP{1, 4, 1, true},
			&space{name: "g2.2", r: srgbSpace.r, g: srgbSpace.g, b: srgbSpace.b, w: d65, decode: gamma(2.2)}},
		{"BT.709 primaries, gamma 2.8", CICP{1, 5, 1, true},
			&space{name: "g2.8", r: srgbSpace.r, g: srgbSpace.g, b: srgbSpace.b, w: d65, decode: gamma(2.8)}},
		{"BT.709 primaries, linear", CICP{1, 8, 1, true},
			&space{name: "linear", r: srgbSpace.r, g: srgbSpace.g, b: srgbSpace.b, w: d65, decode: gamma(1)}},
		{"SMPTE 240M", CICP{7, 7, 7, false}, &space{name: "240M", r: xy{0.630, 0.340}, g: xy{0.310, 0.595}, b: xy{0.155, 0.070}, w: d65,
			decode: func(v float64) float64 {
				if v < 4*0.0228 {
					return v / 4
				}
				return math.Pow((v+0.1115)/1.1115, 1/0.45)
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, note := tt.c.Profile()
			if note != "" {
				t.Errorf("note %q", note)
			}
			if tt.space == nil {
				if p != nil {
					t.Fatalf("a profile for sRGB pixels: %+v", p)
				}
				return
			}
			if !p.Active() {
				t.Fatalf("not applied: %q", p.Reason())
			}
			worst := 0
			for _, c := range samples() {
				r, g, b := p.Convert(c[0], c[1], c[2])
				want := expected(*tt.space, c)
				for i, v := range [3]uint8{r, g, b} {
					worst = max(worst, absDiff(v, want[i]))
				}
			}
			if worst > 1 {
				t.Errorf("worst difference %d levels", worst)
			}
		})
	}
}

func TestDCIP3White(t *testing.T) {
	// DCI-P3's white is not D65: its white, adapted to D50 like any
	// profile's, still shows as white; its grey stays grey.
	p, _ := CICP{11, 13, 6, true}.Profile()
	for _, v := range []uint8{255, 128, 30} {
		r, g, b := p.Convert(v, v, v)
		if absDiff(r, g) > 1 || absDiff(g, b) > 1 || absDiff(r, v) > 1 {
			t.Errorf("grey %d → %d %d %d", v, r, g, b)
		}
	}
}

func TestHDR(t *testing.T) {
	for _, tc := range []int{16, 18} {
		p, note := CICP{9, tc, 9, false}.Profile()
		if note != hdrNote || !p.Active() {
			t.Fatalf("transfer %d: note %q, active %v", tc, note, p.Active())
		}
		prev := -1
		for v := 0; v < 256; v++ {
			g, _, _ := p.Convert(uint8(v), uint8(v), uint8(v))
			if int(g) < prev {
				t.Fatalf("transfer %d: grey %d → %d, darker than the one before", tc, v, g)
			}
			prev = int(g)
		}
		if prev < 250 {
			t.Errorf("transfer %d: peak white → %d", tc, prev)
		}
	}
	// Reference white (203 cd/m²) sits where SDR white's diffuse white
	// does: just under the knee's shoulder, ~0.908 linear.
	white := toneMap(1)
	if math.Abs(white-(kneeStart+(1-kneeStart)*(1-math.Exp(-1)))) > 1e-12 || white < 0.9 || white > 0.92 {
		t.Errorf("reference white → %v", white)
	}
	tests := []struct {
		name  string
		nits  float64
		level float64 // linear, SDR white 1
	}{
		{"PQ at 100 cd/m², below the knee: unchanged", pqEOTF(0.5081), 100 / referenceWhite},
		{"PQ black", pqEOTF(0), 0},
		{"PQ peak", pqEOTF(1), 10000 / referenceWhite},
	}
	for _, tt := range tests {
		if math.Abs(tt.nits/referenceWhite-tt.level) > 0.002*math.Max(1, tt.level) {
			t.Errorf("%s: %v cd/m²", tt.name, tt.nits)
		}
	}
	if v := toneMap(10000 / referenceWhite); v > 1 || v < 0.999 {
		t.Errorf("PQ peak → %v, want just under 1", v)
	}
	if v := toneMap(0.5); v != 0.5 {
		t.Errorf("mid-tones moved: %v", v)
	}
	// HLG's 75% signal is reference white on a 1000 cd/m² display.
	if v := 1000 * math.Pow(hlgInverseOETF(0.75), 1.2) / referenceWhite; math.Abs(v-1) > 0.01 {
		t.Errorf("HLG 75%% → %.3f of reference white", v)
	}
	if v := hlgInverseOETF(0.5); math.Abs(v-1.0/12) > 1e-9 {
		t.Errorf("HLG 50%% → %v, want 1/12", v)
	}
}

func TestHDRCurves(t *testing.T) {
	// The tabulated curves at signals whose light is known: HLG's 75% is
	// reference white; PQ's 0.5081 is 100 cd/m², below the knee.
	pq, hlg := transfer(16), transfer(18)
	tests := []struct {
		name string
		c    Curve
		e    float64
		want float64 // linear, SDR white 1, after toneMap
	}{
		{"HLG reference white", hlg, 0.75, toneMap(1)},
		{"HLG 50%", hlg, 0.5, 1000 * math.Pow(1.0/12, 1.2) / referenceWhite},
		{"PQ 100 cd/m²", pq, 0.5081, 100 / referenceWhite},
		{"PQ 1000 cd/m²", pq, 0.7518, toneMap(1000 / referenceWhite)},
		{"PQ black", pq, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.c.Eval(tt.e); math.Abs(got-tt.want) > 0.0005 {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCICPColorantsAreAdapted(t *testing.T) {
	// As in an ICC profile, the colorants are adapted to D50: they sum to
	// it whatever the white (D65, or DCI-P3's greenish one).
	for _, c := range []CICP{{12, 13, 6, true}, {11, 13, 6, true}, {9, 13, 9, true}, {4, 13, 6, true}} {
		p, _ := c.Profile()
		sum := XYZ{p.Red.X + p.Green.X + p.Blue.X, p.Red.Y + p.Green.Y + p.Blue.Y, p.Red.Z + p.Green.Z + p.Blue.Z}
		if !near(sum, D50, 1e-6) {
			t.Errorf("primaries %d: colorants sum to %+v, want D50", c.Primaries, sum)
		}
	}
}
