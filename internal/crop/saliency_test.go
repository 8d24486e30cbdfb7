package crop

import (
	"image"
	"image/color"
	"math"
	"math/rand"
	"slices"
	"testing"

	"github.com/disintegration/imaging"
)

// flat is a w×h photo of one colour.
func flat(w, h int, c color.NRGBA) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return m
}

// TestSaliencyFeatures: what makes a colour salient, one feature at a time
// (the other weights 0), on flat photos (no edges). Skin is the closeness of
// the colour's direction to muesli/smartcrop's skin tone (0.78, 0.57, 0.44),
// counted above 0.8: that tone is 1.0616 long, not a unit vector, so a colour
// pointing its way, at a usable brightness, gets the most any colour gets,
// (2 - 1.0616 - 0.8)/0.2 = 0.692. Saturation is HSL saturation as
// a colour picker shows it, counted above 40 % (0 at 40 %, 1 at 100 %), for
// colours neither near black nor near white.
func TestSaliencyFeatures(t *testing.T) {
	skinOnly, satOnly := Weights{Skin: 1}, Weights{Saturation: 1}
	tests := []struct {
		name     string
		c        color.NRGBA
		w        Weights
		min, max float64 // the saliency of every cell
	}{
		{"the skin tone itself", color.NRGBA{195, 142, 110, 255}, skinOnly, 0.690, 0.694},
		{"a skin tone, a little off", color.NRGBA{195, 150, 110, 255}, skinOnly, 0.665, 0.673},
		{"a skin tone too dark to count", color.NRGBA{39, 28, 22, 255}, skinOnly, 0, 0},
		{"grey is not skin", color.NRGBA{128, 128, 128, 255}, skinOnly, 0, 0},
		{"sky blue is not skin", color.NRGBA{90, 160, 230, 255}, skinOnly, 0, 0},
		{"black is not skin", color.NRGBA{0, 0, 0, 255}, skinOnly, 0, 0},
		{"pure red: 100 % saturated", color.NRGBA{255, 0, 0, 255}, satOnly, 0.999, 1.0},
		{"rgb(204,102,102): 50 %, light", color.NRGBA{204, 102, 102, 255}, satOnly, 1.0/6 - 0.005, 1.0/6 + 0.005},
		{"rgb(153,51,51): 50 %, dark", color.NRGBA{153, 51, 51, 255}, satOnly, 1.0/6 - 0.005, 1.0/6 + 0.005},
		{"rgb(102,51,51): 33 %, under the threshold", color.NRGBA{102, 51, 51, 255}, satOnly, 0, 0},
		{"grey is not saturated", color.NRGBA{128, 128, 128, 255}, satOnly, 0, 0},
		{"near white is not counted", color.NRGBA{255, 235, 235, 255}, satOnly, 0, 0},
		{"near black is not counted", color.NRGBA{12, 0, 0, 255}, satOnly, 0, 0},
		// The two 8-bit colours whose luminance is exactly a bound, and
		// saturated: the bounds are in.
		{"rgb(22,2,92): luminance 0.05, 95.7 %", color.NRGBA{22, 2, 92, 255}, satOnly, (0.9574 - 0.4) / 0.6, (0.9575 - 0.4) / 0.6},
		{"rgb(197,238,241): luminance 0.9, 61.1 %", color.NRGBA{197, 238, 241, 255}, satOnly, (0.6111 - 0.4) / 0.6, (0.6112 - 0.4) / 0.6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Analyse(flat(12, 9, tt.c), tt.w)
			for i, v := range a.Saliency {
				if float64(v) < tt.min || float64(v) > tt.max {
					t.Fatalf("cell %d: saliency %v, want %v..%v", i, v, tt.min, tt.max)
				}
			}
		})
	}
}

// TestSaliencyEdges: detail is the luminance Laplacian, capped at 1. A
// straight boundary between greys of luminance 0.2 and 0.4 gives 0.2 on
// the two columns along it and nothing elsewhere, the photo's own edges
// included; one white pixel on black gives the cap.
func TestSaliencyEdges(t *testing.T) {
	for _, vertical := range []bool{true, false} {
		m := flat(10, 10, color.NRGBA{51, 51, 51, 255})
		for y := 0; y < 10; y++ {
			for x := 0; x < 10; x++ {
				if vertical && x >= 5 || !vertical && y >= 5 {
					m.SetNRGBA(x, y, color.NRGBA{102, 102, 102, 255})
				}
			}
		}
		a := Analyse(m, Weights{Edge: 1})
		for y := 0; y < 10; y++ {
			for x := 0; x < 10; x++ {
				want := 0.0
				if vertical && (x == 4 || x == 5) || !vertical && (y == 4 || y == 5) {
					want = 0.2
				}
				if v := float64(a.Saliency[y*10+x]); math.Abs(v-want) > 1e-3 {
					t.Errorf("boundary vertical %v: cell (%d,%d): %.4f, want %.1f", vertical, x, y, v, want)
				}
			}
		}
	}
	dot := flat(5, 5, color.NRGBA{0, 0, 0, 255})
	dot.SetNRGBA(2, 2, color.NRGBA{255, 255, 255, 255})
	if v := Analyse(dot, Weights{Edge: 1}).Saliency[2*5+2]; v != 1 {
		t.Errorf("a white dot on black: %v, want the cap 1", v)
	}
}

// TestSaliencyWeights: the features add up, each scaled by its weight, so
// only the weights' ratios matter; a negative weight never makes a cell
// less than nothing.
func TestSaliencyWeights(t *testing.T) {
	m := subject(40, 30, 12, 0.4, 0.5) // skin, saturated detail and edges on grey
	e, s, c := Analyse(m, Weights{Edge: 1}), Analyse(m, Weights{Skin: 1}), Analyse(m, Weights{Saturation: 1})
	w := Weights{Edge: 0.5, Skin: 2, Saturation: 0.25}
	all := Analyse(m, w)
	some := 0
	for i, v := range all.Saliency {
		want := 0.5*e.Saliency[i] + 2*s.Saliency[i] + 0.25*c.Saliency[i]
		if math.Abs(float64(v-want)) > 1e-5 {
			t.Fatalf("cell %d: %v, want 0.5×%v + 2×%v + 0.25×%v", i, v, e.Saliency[i], s.Saliency[i], c.Saliency[i])
		}
		if e.Saliency[i] > 0 && s.Saliency[i] > 0 && c.Saliency[i] > 0 {
			some++
		}
	}
	if some == 0 {
		t.Error("no cell has all three features: the test shows nothing")
	}
	for i, v := range Analyse(m, Weights{Edge: -1, Skin: 1}).Saliency {
		if v < 0 {
			t.Fatalf("cell %d: %v below zero", i, v)
		}
	}
}

// TestAnalyseGrid: the analysis works on the photo as it is up to MaxSide
// on its longer side, and on a copy MaxSide long beyond, portrait or
// landscape.
func TestAnalyseGrid(t *testing.T) {
	tests := []struct{ w, h, gw, gh int }{
		{400, 300, 400, 300},
		{300, 400, 300, 400},
		{900, 300, 400, 133},
		{300, 900, 133, 400},
		{401, 401, 400, 400},
		{5000, 20, 400, 2},
		{20, 5000, 2, 400},
	}
	for _, tt := range tests {
		a := Analyse(flat(tt.w, tt.h, color.NRGBA{128, 128, 128, 255}), DefaultWeights)
		if a.Width != tt.gw || a.Height != tt.gh || len(a.Saliency) != tt.gw*tt.gh {
			t.Errorf("%d×%d: grid %d×%d (%d values), want %d×%d", tt.w, tt.h, a.Width, a.Height, len(a.Saliency), tt.gw, tt.gh)
		}
	}
}

// TestMass: the saliency inside a box (fractions of the photo), from the
// summed-area table, is the saliency of each cell times the share of the
// cell the box covers: checked against that sum, cell by cell, on random
// grids and boxes, cell-aligned or not.
func TestMass(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for range 200 {
		W, H := 1+rng.Intn(12), 1+rng.Intn(12)
		v := make([]float32, W*H)
		for i := range v {
			v[i] = float32(rng.Intn(4))
		}
		t0 := summed(v, W, H)
		x0, x1 := rng.Float64()*1.2-0.1, rng.Float64()*1.2-0.1
		y0, y1 := rng.Float64()*1.2-0.1, rng.Float64()*1.2-0.1
		if rng.Intn(3) == 0 { // on the grid
			x0, x1, y0, y1 = float64(rng.Intn(W+1))/float64(W), float64(rng.Intn(W+1))/float64(W), float64(rng.Intn(H+1))/float64(H), float64(rng.Intn(H+1))/float64(H)
		}
		b := Box{Point{x0, y0}, Point{x1, y1}}
		want := 0.0
		for y := 0; y < H; y++ {
			for x := 0; x < W; x++ {
				cell := Box{Point{float64(x) / float64(W), float64(y) / float64(H)}, Point{float64(x+1) / float64(W), float64(y+1) / float64(H)}}
				want += float64(v[y*W+x]) * area(intersect(cell, b)) * float64(W*H)
			}
		}
		if got := mass(t0, W, H, b); math.Abs(got-want) > 1e-9 {
			t.Fatalf("%d×%d grid, box %+v: mass %v, want %v", W, H, b, got, want)
		}
	}
}

// saliencyBefore is saliency as it was first written (a closure and the
// min/max builtins per pixel): the faster one must give the very same
// values, so no framing moves.
func saliencyBefore(m *image.NRGBA, w Weights) ([]float32, []uint8) {
	m = imaging.Clone(m)
	W, H := m.Rect.Dx(), m.Rect.Dy()
	lum := make([]float32, W*H)
	gray := make([]uint8, W*H)
	sal := make([]float32, W*H)
	for y := 0; y < H; y++ {
		row := m.Pix[y*m.Stride:]
		for x := 0; x < W; x++ {
			r, g, bl := float64(row[4*x])/255, float64(row[4*x+1])/255, float64(row[4*x+2])/255
			l := 0.2126*r + 0.7152*g + 0.0722*bl
			lum[y*W+x] = float32(l)
			gray[y*W+x] = uint8(l*255 + 0.5)
			mag := math.Sqrt(r*r + g*g + bl*bl)
			var sk float64
			if mag != 0 && l >= skinLightMin {
				dr, dg, db := r/mag-skinColor[0], g/mag-skinColor[1], bl/mag-skinColor[2]
				if s := 1 - math.Sqrt(dr*dr+dg*dg+db*db); s > skinThreshold {
					sk = (s - skinThreshold) / (1 - skinThreshold)
				}
			}
			var sa float64
			if hi, lo := max(r, g, bl), min(r, g, bl); hi != lo && l >= satLightMin && l <= satLightMax {
				d, s := hi-lo, 0.0
				if (hi+lo)/2 > 0.5 {
					s = d / (2 - hi - lo)
				} else {
					s = d / (hi + lo)
				}
				if s > satThreshold {
					sa = (s - satThreshold) / (1 - satThreshold)
				}
			}
			sal[y*W+x] = float32(w.Skin*sk + w.Saturation*sa)
		}
	}
	at := func(x, y int) float64 { return float64(lum[min(max(y, 0), H-1)*W+min(max(x, 0), W-1)]) }
	if w.Edge != 0 {
		for y := 0; y < H; y++ {
			for x := 0; x < W; x++ {
				l := 4*at(x, y) - at(x-1, y) - at(x+1, y) - at(x, y-1) - at(x, y+1)
				sal[y*W+x] += float32(w.Edge * min(math.Abs(l), 1))
			}
		}
	}
	for i, v := range sal {
		if v < 0 || math.IsNaN(float64(v)) {
			sal[i] = 0
		}
	}
	return sal, gray
}

// TestSaliencyAsBefore: the saliency and grey of random and painted
// pictures (a part of a larger one among them, every weight, negative and
// zero ones too) are bit for bit what the first version gave.
func TestSaliencyAsBefore(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	noise := image.NewNRGBA(image.Rect(0, 0, 131, 97))
	rng.Read(noise.Pix)
	big := subject(400, 300, 60, 0.3, 0.6)
	pictures := map[string]*image.NRGBA{
		"noise":     noise,
		"subject":   big,
		"a part":    big.SubImage(image.Rect(37, 21, 300, 250)).(*image.NRGBA),
		"one pixel": flat(1, 1, color.NRGBA{200, 140, 110, 255}),
		"one row":   noise.SubImage(image.Rect(3, 5, 90, 6)).(*image.NRGBA),
	}
	weights := []Weights{DefaultWeights, {Edge: 1}, {Skin: 1}, {Saturation: 1}, {Edge: -0.5, Skin: 2, Saturation: 0.3}, {}}
	for name, m := range pictures {
		for _, w := range weights {
			sal, gray := saliency(m, w)
			wantSal, wantGray := saliencyBefore(m, w)
			if !slices.Equal(gray, wantGray) {
				t.Fatalf("%s, %+v: the grey differs", name, w)
			}
			for i := range sal {
				if math.Float32bits(sal[i]) != math.Float32bits(wantSal[i]) {
					t.Fatalf("%s, %+v: cell %d is %v, was %v", name, w, i, sal[i], wantSal[i])
				}
			}
		}
	}
}
