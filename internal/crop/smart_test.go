package crop

import (
	"image"
	"image/color"
	"math"
	"reflect"
	"testing"

	"picmark/internal/geom"
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
// bottom 18 % are covered by the app. The only content sits near the top (or
// the bottom); without the safe-zone term the centre tie-breaker pushes it
// under the bar, with it the crop keeps the content in the visible band, just
// inside it: no further from the centre than that takes.
func TestSmartSafeZone(t *testing.T) {
	photo := image.Rect(0, 0, 1000, 4000) // story crops are 1000×1778
	story := preset.Insets{Top: 250, Bottom: 340}
	visible := func(r image.Rectangle) (top, bottom int) {
		return r.Min.Y + 250*r.Dy()/1920, r.Max.Y - 340*r.Dy()/1920
	}
	for _, content := range [][2]int{{300, 400}, {3500, 3600}} {
		const W, H = 100, 400
		a := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights}
		for y := content[0] / 10; y < content[1]/10; y++ {
			for x := 20; x < 80; x++ {
				a.Saliency[y*W+x] = 1
			}
		}
		r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, story, a).Rect
		top, bottom := visible(r)
		if top > content[0] || bottom < content[1] {
			t.Errorf("crop %v shows %d..%d: the content at %d..%d is under the app's bars", r, top, bottom, content[0], content[1])
		}
		if content[0] < 2000 && top < content[0]-10 || content[0] > 2000 && bottom > content[1]+10 {
			t.Errorf("crop %v shows %d..%d: further from the centre than the content at %d..%d needs", r, top, bottom, content[0], content[1])
		}
		a.Weights.SafeZone = 0
		r0 := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, story, a).Rect
		if top, bottom := visible(r0); top <= content[0] && bottom >= content[1] {
			t.Errorf("without the safe-zone weight the crop %v already avoids the bars: the test shows nothing", r0)
		}
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
			salient := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights}
			for y := H * 3 / 10; y < H*6/10; y++ { // clear of the top and bottom margins
				for x := int(tt.subject[0] * float64(W)); x < int(tt.subject[1]*float64(W)); x++ {
					salient.Saliency[y*W+x] = 1
				}
			}
			face := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights,
				Faces: []Box{{Point{tt.subject[0], 0.3}, Point{tt.subject[1], 0.6}}}}
			lo, hi := int(tt.subject[0]*float64(tt.photo.Dx())), int(tt.subject[1]*float64(tt.photo.Dx()))
			// visible is the part of crop r the platform does not cover, in photo pixels.
			visible := func(r image.Rectangle) (int, int) {
				return r.Min.X + p.Safe.Left*r.Dx()/p.Width, r.Max.X - p.Safe.Right*r.Dx()/p.Width
			}
			for name, a := range map[string]*Analysis{"salient": salient, "face": face} {
				r := Strategy{Kind: Smart}.Rect(tt.photo, p.Width, p.Height, p.Safe, a).Rect
				if l, h := visible(r); lo < l || hi > h {
					t.Errorf("%s: crop %v shows %d..%d: the subject at %d..%d is under the platform's margin", name, r, l, h, lo, hi)
				}
				a.Weights.SafeZone = 0
				r0 := Strategy{Kind: Smart}.Rect(tt.photo, p.Width, p.Height, p.Safe, a).Rect
				if l, h := visible(r0); lo >= l && hi <= h {
					t.Errorf("%s: without the safe-zone weight the crop %v already shows the subject: the test shows nothing", name, r0)
				}
			}
		})
	}
}

// TestSmartTies: of two equal subjects the crop cannot hold together, at
// equal distances from the centre, the first wins: the left one, or the top
// one.
func TestSmartTies(t *testing.T) {
	const W, H = 100, 100
	a := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights}
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			if x < 10 || x >= 90 || y < 10 || y >= 90 {
				a.Saliency[y*W+x] = 1
			}
		}
	}
	if r := (Strategy{Kind: Smart}).Rect(image.Rect(0, 0, 1000, 100), 1, 1, preset.Insets{}, a).Rect; r != image.Rect(0, 0, 100, 100) {
		t.Errorf("landscape: %v, want the left end", r)
	}
	if r := (Strategy{Kind: Smart}).Rect(image.Rect(0, 0, 100, 1000), 1, 1, preset.Insets{}, a).Rect; r != image.Rect(0, 0, 100, 100) {
		t.Errorf("portrait: %v, want the top end", r)
	}
}

// TestSmartReachesTheEnds: a subject touching the photo's far edge is kept
// whole: the crop goes all the way to that edge.
func TestSmartReachesTheEnds(t *testing.T) {
	for _, tt := range []struct {
		photo image.Rectangle
		want  image.Rectangle
	}{
		{image.Rect(0, 0, 4000, 3000), image.Rect(2312, 0, 4000, 3000)},
		{image.Rect(0, 0, 1000, 4000), image.Rect(0, 2222, 1000, 4000)},
	} {
		W, H := fitSide(tt.photo.Dx(), tt.photo.Dy(), MaxSide)
		a := Analyse(subject(W, H, 30, 0.97, 0.97), DefaultWeights)
		if r := (Strategy{Kind: Smart}).Rect(tt.photo, 1080, 1920, preset.Insets{}, a).Rect; r != tt.want {
			t.Errorf("%v: %v, want %v", tt.photo, r, tt.want)
		}
	}
}

// TestSmartNeverHalfAFace: when only one of two faces fits, the crop keeps
// the larger whole and leaves the other out entirely rather than cutting
// through it, as close to the centre as that allows: touching the other face.
func TestSmartNeverHalfAFace(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000) // 9:16 crops are 1688 wide
	tests := []struct {
		faces []Box
		want  image.Rectangle
	}{
		{[]Box{{Point{0.30, 0.3}, Point{0.36, 0.38}}, {Point{0.66, 0.3}, Point{0.74, 0.41}}}, image.Rect(1440, 0, 3128, 3000)},
		{[]Box{{Point{0.64, 0.3}, Point{0.70, 0.38}}, {Point{0.26, 0.3}, Point{0.34, 0.41}}}, image.Rect(872, 0, 2560, 3000)},
	}
	for _, tt := range tests {
		r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, preset.Insets{}, faceAnalysis(tt.faces, 0, 0))
		if r.FacesCut != 1 || r.Rect != tt.want {
			t.Errorf("faces %+v: crop %v with %d faces cut, want %v with 1 (they cannot both fit)", tt.faces, r.Rect, r.FacesCut, tt.want)
		}
		for i, f := range tt.faces {
			x0, x1 := int(f.Min.X*4000), int(f.Max.X*4000)
			if inside, outside := x0 >= r.Rect.Min.X && x1 <= r.Rect.Max.X, x1 <= r.Rect.Min.X || x0 >= r.Rect.Max.X; !inside && !outside {
				t.Errorf("face %d (%d..%d) is cut by the crop %v", i, x0, x1, r.Rect)
			}
		}
	}
}

// TestSmartHugsAFace: a face the content pulls away from stays whole, the
// crop's edge exactly on the face's edge, on either side: a grid of
// positions alone would stop a few pixels short.
func TestSmartHugsAFace(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000)
	tests := []struct {
		face Box
		lure [2]float64
		want image.Rectangle
	}{
		{Box{Point{0.60, 0.3}, Point{0.66, 0.38}}, [2]float64{0.2, 0.55}, image.Rect(952, 0, 2640, 3000)},
		{Box{Point{0.34, 0.3}, Point{0.40, 0.38}}, [2]float64{0.45, 0.8}, image.Rect(1360, 0, 3048, 3000)},
	}
	for _, tt := range tests {
		r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, preset.Insets{}, faceAnalysis([]Box{tt.face}, tt.lure[0], tt.lure[1]))
		if r.Rect != tt.want || r.FacesCut != 0 {
			t.Errorf("face %+v, lure %v: crop %v (%d cut), want %v", tt.face, tt.lure, r.Rect, r.FacesCut, tt.want)
		}
	}
}

// TestSmartFacesOutside: a face box wholly outside the photo (a hand-made
// analysis) is not a face: it is neither counted nor cut.
func TestSmartFacesOutside(t *testing.T) {
	faces := []Box{{Point{1.2, 0.3}, Point{1.3, 0.4}}, {Point{0.45, 0.3}, Point{0.5, 0.4}}, {Point{-0.3, 0.3}, Point{0, 0.4}}}
	r := Strategy{Kind: Smart}.Rect(image.Rect(0, 0, 4000, 3000), 1080, 1920, preset.Insets{}, faceAnalysis(faces, 0, 0))
	if r.Faces != 1 || r.FacesCut != 0 {
		t.Errorf("%d faces, %d cut; want 1 face, none cut", r.Faces, r.FacesCut)
	}
}

// TestSmartOnlyTheShareMatters: scaling every cell's saliency by the same
// factor, however small or large, chooses the same crop: a faint subject is
// still the subject.
func TestSmartOnlyTheShareMatters(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000)
	var want image.Rectangle
	for i, k := range []float32{1, 1e-4, 1e4} {
		a := faceAnalysis(nil, 0.1, 0.2)
		for j := range a.Saliency {
			a.Saliency[j] *= k
		}
		r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, preset.Insets{}, a).Rect
		if i == 0 {
			want = r
		}
		if r != want || r.Min.X > 400 {
			t.Errorf("saliency ×%g: crop %v, want %v, on the subject at 400..800", k, r, want)
		}
	}
}

// TestSmartThinGrids: an analysis one cell wide (or high), as of a thin
// photo, still places the crop on its content.
func TestSmartThinGrids(t *testing.T) {
	tall := &Analysis{Width: 1, Height: 100, Saliency: make([]float32, 100), Weights: DefaultWeights}
	wide := &Analysis{Width: 100, Height: 1, Saliency: make([]float32, 100), Weights: DefaultWeights}
	for i := 85; i < 95; i++ {
		tall.Saliency[i], wide.Saliency[i] = 1, 1
	}
	if r := (Strategy{Kind: Smart}).Rect(image.Rect(0, 0, 100, 1000), 1, 1, preset.Insets{}, tall).Rect; r.Min.Y < 850 {
		t.Errorf("tall: %v misses the content at 850..950", r)
	}
	if r := (Strategy{Kind: Smart}).Rect(image.Rect(0, 0, 1000, 100), 1, 1, preset.Insets{}, wide).Rect; r.Min.X < 850 {
		t.Errorf("wide: %v misses the content at 850..950", r)
	}
}

// TestSmartMalformed: an analysis whose saliency does not match its grid
// crops like the centre (its faces still count); so does one with no grid.
func TestSmartMalformed(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000)
	centre := geom.CenterCrop(photo, 1080, 1920)
	for _, a := range []*Analysis{
		{Width: 10, Height: 10, Saliency: make([]float32, 98), Weights: DefaultWeights},
		{Width: 0, Height: 10, Weights: DefaultWeights},
		{Width: 10, Height: -1, Weights: DefaultWeights},
	} {
		a.Saliency = append(a.Saliency, 1) // a salient cell, were the grid believed
		if r := (Strategy{Kind: Smart}).Rect(photo, 1080, 1920, preset.Insets{}, a).Rect; r != centre {
			t.Errorf("%d×%d grid, %d values: %v, want the centre %v", a.Width, a.Height, len(a.Saliency), r, centre)
		}
	}
}

// TestScoreRatesAsChoose: Score gives the crop Smart chose the best rating
// of every position (the most faces whole, then the highest score, to
// within what a position between two of choose's grid steps may gain), in
// both axes, and a position away from the subject a clearly lower one.
func TestScoreRatesAsChoose(t *testing.T) {
	tests := []struct {
		photo image.Rectangle
		w, h  int
		a     *Analysis
	}{
		{image.Rect(0, 0, 4000, 3000), 1080, 1920, faceAnalysis(row(2, 0.62, 0.05, 0.02), 0.55, 0.8)},
		{image.Rect(0, 0, 4000, 3000), 1080, 1920, faceAnalysis(nil, 0.1, 0.3)},
		{image.Rect(100, 50, 3100, 4050), 1000, 500, faceAnalysis(nil, 0.2, 0.4)}, // a tall photo cut wide: the crop slides down
	}
	for _, tt := range tests {
		if tt.photo.Dy() > tt.photo.Dx() { // make the saliency a band across, at 20–40 % of the height
			a := &Analysis{Width: 75, Height: 100, Saliency: make([]float32, 75*100), Weights: DefaultWeights}
			for y := 20; y < 40; y++ {
				for x := range 75 {
					a.Saliency[y*75+x] = 1
				}
			}
			tt.a = a
		}
		r := Strategy{Kind: Smart}.Rect(tt.photo, tt.w, tt.h, preset.Insets{}, tt.a).Rect
		whole, best := tt.a.Score(tt.photo, r, tt.w, tt.h, preset.Insets{})
		horizontal := r.Dx() < tt.photo.Dx()
		n := tt.photo.Dy() - r.Dy()
		if horizontal {
			n = tt.photo.Dx() - r.Dx()
		}
		worst := best
		for off := 0; off <= n; off += 7 {
			q := r.Sub(r.Min).Add(tt.photo.Min).Add(image.Pt(0, off))
			if horizontal {
				q = r.Sub(r.Min).Add(tt.photo.Min).Add(image.Pt(off, 0))
			}
			w, s := tt.a.Score(tt.photo, q, tt.w, tt.h, preset.Insets{})
			if w > whole || w == whole && s > best+0.02 {
				t.Errorf("%v: %v rates (%d whole, %.4f) above the chosen %v (%d, %.4f)", tt.photo, q, w, s, r, whole, best)
			}
			if w == whole {
				worst = min(worst, s)
			}
		}
		if best-worst < 0.1 {
			t.Errorf("%v: every position rates within %.4f of the chosen %v: Score does not see the subject", tt.photo, best-worst, r)
		}
	}
}
