package crop

import (
	"image"
	"image/color"
	"math"
	"reflect"
	"testing"

	"picmark/internal/preset"
)

// subject is a w×h flat grey photo with a vivid, detailed, skin-toned
// square of side s centred at (cx, cy) (fractions).
func subject(w, h, s int, cx, cy float64) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	x0, y0 := int(cx*float64(w))-s/2, int(cy*float64(h))-s/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{128, 128, 128, 255}
			if x >= x0 && x < x0+s && y >= y0 && y < y0+s {
				c = color.NRGBA{224, 150, 110, 255} // skin
				if (x/3+y/3)%2 == 0 {
					c = color.NRGBA{200, 40, 30, 255} // saturated detail
				}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

func TestSmartFollowsTheSubject(t *testing.T) {
	tests := []struct {
		name   string
		photo  image.Rectangle
		cx, cy float64
		w, h   int
	}{
		{"landscape to portrait, subject right", image.Rect(0, 0, 4000, 3000), 0.8, 0.5, 1080, 1920},
		{"landscape to portrait, subject left", image.Rect(0, 0, 4000, 3000), 0.15, 0.4, 1000, 1500},
		{"portrait to landscape, subject low", image.Rect(0, 0, 3000, 4000), 0.5, 0.85, 1200, 675},
		{"panorama to square", image.Rect(0, 0, 8000, 1000), 0.3, 0.5, 1080, 1080},
		{"screenshot to story", image.Rect(0, 0, 1000, 10000), 0.5, 0.1, 1080, 1920},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sw, sh := fitSide(tt.photo.Dx(), tt.photo.Dy(), MaxSide)
			a := Analyse(subject(sw, sh, max(4, min(sw, sh)/5), tt.cx, tt.cy), DefaultWeights)
			r := Strategy{Kind: Smart}.Rect(tt.photo, tt.w, tt.h, preset.Insets{}, a)
			p := image.Pt(int(tt.cx*float64(tt.photo.Dx())), int(tt.cy*float64(tt.photo.Dy())))
			if !p.In(r.Rect) {
				t.Errorf("crop %v misses the subject at %v", r.Rect, p)
			}
		})
	}
}

func TestSmartFlatIsCentred(t *testing.T) {
	flat := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	for i := range flat.Pix {
		flat.Pix[i] = 90
	}
	a := Analyse(flat, DefaultWeights)
	photo := image.Rect(0, 0, 3000, 2000)
	got := Strategy{Kind: Smart}.Rect(photo, 1, 1, preset.Insets{}, a).Rect
	if want := (image.Rect(500, 0, 2500, 2000)); got != want {
		t.Errorf("%v, want the centre %v", got, want)
	}
}

func TestAnalyseIsDeterministicAndBounded(t *testing.T) {
	m := subject(900, 300, 60, 0.3, 0.6) // over MaxSide: shrunk first
	a, b := Analyse(m, DefaultWeights), Analyse(m, DefaultWeights)
	if !reflect.DeepEqual(a, b) {
		t.Error("two analyses of the same photo differ")
	}
	if a.Width != MaxSide || a.Height != 133 || len(a.Saliency) != a.Width*a.Height {
		t.Errorf("grid %d×%d (%d values)", a.Width, a.Height, len(a.Saliency))
	}
	for _, v := range a.Saliency {
		if v < 0 || math.IsNaN(float64(v)) {
			t.Fatal("negative or NaN saliency")
		}
	}
	if e := Analyse(image.NewNRGBA(image.Rectangle{}), DefaultWeights); e.Width != 0 || len(e.Faces) != 0 {
		t.Errorf("empty image: %+v", e)
	}
}

// faceAnalysis is a flat analysis with faces given as boxes, and saliency
// lure: a strong patch at fractions [x0, x1) of the width.
func faceAnalysis(faces []Box, x0, x1 float64) *Analysis {
	const W, H = 100, 75
	a := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Faces: faces, Weights: DefaultWeights}
	for y := 0; y < H; y++ {
		for x := int(x0 * W); x < int(x1*W); x++ {
			a.Saliency[y*W+x] = 1
		}
	}
	return a
}

// row is n faces of width fw in a row from x, at the height of a head.
func row(n int, x, fw, gap float64) []Box {
	var out []Box
	for i := range n {
		l := x + float64(i)*(fw+gap)
		out = append(out, Box{Point{l, 0.25}, Point{l + fw, 0.25 + fw*4/3}})
	}
	return out
}

// TestSmartKeepsFacesWhole: a group photo 4000×3000 cut to 9:16 (a crop
// 0.42 of the width). Faces are injected, so the test is about the choice,
// not the detector (TestGroupPhotoWithPigo runs the detector).
func TestSmartKeepsFacesWhole(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000)
	story := preset.Insets{Top: 250, Bottom: 340}
	tests := []struct {
		name     string
		faces    []Box
		lure     [2]float64 // a salient patch trying to pull the crop away
		wantCut  int
		wantKept []int // indices of faces that must be whole
	}{
		{"five faces that fit, lure far left", row(5, 0.45, 0.06, 0.01), [2]float64{0, 0.3}, 0, []int{0, 1, 2, 3, 4}},
		{"three faces at the right edge", row(3, 0.75, 0.07, 0.01), [2]float64{0.2, 0.5}, 0, []int{0, 1, 2}},
		{"a face at each end cannot both fit", []Box{{Point{0.02, 0.3}, Point{0.12, 0.45}}, {Point{0.85, 0.3}, Point{0.95, 0.45}}}, [2]float64{}, 1, nil},
		{"seven wide: the most that fit", row(7, 0.05, 0.1, 0.03), [2]float64{}, 4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := faceAnalysis(tt.faces, tt.lure[0], tt.lure[1])
			r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, story, a)
			if r.FacesCut != tt.wantCut || r.Faces != len(tt.faces) {
				t.Errorf("crop %v: %d of %d faces cut, want %d", r.Rect, r.FacesCut, r.Faces, tt.wantCut)
			}
			for _, i := range tt.wantKept {
				if whole(photo, r.Rect, tt.faces[i:i+1]) != 1 {
					t.Errorf("face %d %v is cut by %v", i, tt.faces[i], r.Rect)
				}
			}
			if got, best := len(tt.faces)-r.FacesCut, bestWhole(photo, r.Rect.Size(), tt.faces); got != best {
				t.Errorf("%d faces whole, %d possible", got, best)
			}
		})
	}
}

// TestSmartSafeZone: a long screenshot cut to a story whose top 13 % and
// bottom 18 % are covered by the app. The only content sits near the top;
// without the safe-zone term the centre tie-breaker pushes it under the top
// bar, with it the crop keeps the content in the visible band.
func TestSmartSafeZone(t *testing.T) {
	photo := image.Rect(0, 0, 1000, 4000) // story crops are 1000×1778
	story := preset.Insets{Top: 250, Bottom: 340}
	const W, H = 100, 400
	a := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights}
	for y := 30; y < 40; y++ { // content at 300..400 px
		for x := 20; x < 80; x++ {
			a.Saliency[y*W+x] = 1
		}
	}
	visible := func(r image.Rectangle) (top, bottom int) {
		return r.Min.Y + 250*r.Dy()/1920, r.Max.Y - 340*r.Dy()/1920
	}
	r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, story, a).Rect
	if top, bottom := visible(r); top > 300 || bottom < 400 {
		t.Errorf("crop %v shows %d..%d: the content at 300..400 is under the app's bars", r, top, bottom)
	}
	a.Weights.SafeZone = 0
	r0 := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, story, a).Rect
	if top, _ := visible(r0); top <= 300 {
		t.Errorf("without the safe-zone weight the crop %v already avoids the bar: the test shows nothing", r0)
	}
}

// TestSmartSideMargins: a subject near one side of a panorama, cut to a
// format whose interface covers that side (LinkedIn's profile photo over a
// banner's left 568 px, YouTube's duration badge over a thumbnail's right
// 200 px), lands in the visible part of the crop: the part of the output
// between the preset's left and right margins.
func TestSmartSideMargins(t *testing.T) {
	tests := []struct {
		preset  string
		photo   image.Rectangle
		subject [2]float64 // the only content: a band between these fractions of the width
	}{
		{"linkedin-banner", image.Rect(0, 0, 8000, 1000), [2]float64{0.19, 0.21}},
		{"youtube-thumb", image.Rect(0, 0, 3000, 1000), [2]float64{0.83, 0.87}},
	}
	for _, tt := range tests {
		t.Run(tt.preset, func(t *testing.T) {
			p, ok := preset.Lookup(tt.preset)
			if !ok {
				t.Fatalf("no preset %q", tt.preset)
			}
			W, H := fitSide(tt.photo.Dx(), tt.photo.Dy(), MaxSide)
			a := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights}
			for y := H * 3 / 10; y < H*6/10; y++ { // clear of the top and bottom margins
				for x := int(tt.subject[0] * float64(W)); x < int(tt.subject[1]*float64(W)); x++ {
					a.Saliency[y*W+x] = 1
				}
			}
			lo, hi := int(tt.subject[0]*float64(tt.photo.Dx())), int(tt.subject[1]*float64(tt.photo.Dx()))
			// visible is the part of crop r the platform does not cover, in photo pixels.
			visible := func(r image.Rectangle) (int, int) {
				return r.Min.X + p.Safe.Left*r.Dx()/p.Width, r.Max.X - p.Safe.Right*r.Dx()/p.Width
			}
			r := Strategy{Kind: Smart}.Rect(tt.photo, p.Width, p.Height, p.Safe, a).Rect
			if l, h := visible(r); lo < l || hi > h {
				t.Errorf("crop %v shows %d..%d: the subject at %d..%d is under the platform's margin", r, l, h, lo, hi)
			}
			a.Weights.SafeZone = 0
			r0 := Strategy{Kind: Smart}.Rect(tt.photo, p.Width, p.Height, p.Safe, a).Rect
			if l, h := visible(r0); lo >= l && hi <= h {
				t.Errorf("without the safe-zone weight the crop %v already shows the subject: the test shows nothing", r0)
			}
		})
	}
}
