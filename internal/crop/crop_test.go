package crop

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
	"math/rand"
	"testing"

	"picmark/internal/geom"
	"picmark/internal/preset"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Strategy
	}{
		{"", Strategy{Kind: Center}},
		{"center", Strategy{Kind: Center}},
		{"Centre", Strategy{Kind: Center}},
		{"smart", Strategy{Kind: Smart}},
		{"focal", Strategy{Kind: Focal, Focal: Point{0.5, 0.5}}},
		{"top", Strategy{Kind: Anchored, Anchor: geom.Top}},
		{"bottom", Strategy{Kind: Anchored, Anchor: geom.Bottom}},
		{"left", Strategy{Kind: Anchored, Anchor: geom.Left}},
		{"right", Strategy{Kind: Anchored, Anchor: geom.Right}},
		{"top-left", Strategy{Kind: Anchored, Anchor: geom.TopLeft}},
		{"top-right", Strategy{Kind: Anchored, Anchor: geom.TopRight}},
		{"bottom-left", Strategy{Kind: Anchored, Anchor: geom.BottomLeft}},
		{" Bottom-Right ", Strategy{Kind: Anchored, Anchor: geom.BottomRight}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("Parse(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			back, err := Parse(got.String())
			if err != nil || back.Kind != got.Kind || back.Anchor != got.Anchor {
				t.Errorf("String %q does not parse back: %+v, %v", got.String(), back, err)
			}
		})
	}
	for _, bad := range []string{"upper", "faces", "top left"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestParsePoint(t *testing.T) {
	tests := []struct {
		in   string
		want Point
		ok   bool
	}{
		{"0.5,0.3", Point{0.5, 0.3}, true},
		{" 0 , 1 ", Point{0, 1}, true},
		{"30%,25%", Point{0.3, 0.25}, true},
		{"1.2,0.5", Point{}, false},
		{"-0.1,0.5", Point{}, false},
		{"0.5", Point{}, false},
		{"a,b", Point{}, false},
		{"NaN,0.5", Point{}, false},
	}
	for _, tt := range tests {
		got, err := ParsePoint(tt.in)
		if (err == nil) != tt.ok || tt.ok && math.Abs(got.X-tt.want.X)+math.Abs(got.Y-tt.want.Y) > 1e-12 {
			t.Errorf("ParsePoint(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestRectAnchoredAndCenter(t *testing.T) {
	photo := image.Rect(10, 20, 4010, 3020)
	for _, a := range geom.Anchors() {
		got := Strategy{Kind: Anchored, Anchor: a}.Rect(photo, 1080, 1920, preset.Insets{}, nil)
		if want := geom.AnchorCrop(photo, 1080, 1920, a); got.Rect != want {
			t.Errorf("%v: %v, want %v", a, got.Rect, want)
		}
	}
	for _, s := range []Strategy{{}, {Kind: Center}, {Kind: Smart}} { // Smart without an analysis: centre
		if got, want := s.Rect(photo, 1, 1, preset.Insets{}, nil).Rect, geom.CenterCrop(photo, 1, 1); got != want {
			t.Errorf("%+v: %v, want %v", s, got, want)
		}
	}
}

// TestRectNoSize: every strategy gives the photo back for an output with
// no width or no height, and an empty photo back as it is.
func TestRectNoSize(t *testing.T) {
	photo := image.Rect(10, 20, 4010, 3020)
	a := Analyse(subject(400, 300, 40, 0.8, 0.5), DefaultWeights)
	for _, s := range []Strategy{{}, {Kind: Anchored, Anchor: geom.Right}, {Kind: Focal, Focal: Point{0.9, 0.5}}, {Kind: Smart}} {
		for _, wh := range [][2]int{{0, 1920}, {1080, 0}, {-1, 5}, {5, -1}} {
			if got := s.Rect(photo, wh[0], wh[1], preset.Insets{}, a); got.Rect != photo {
				t.Errorf("%s for %d×%d: %v, want the photo %v", s, wh[0], wh[1], got.Rect, photo)
			}
		}
		if got := s.Rect(image.Rect(5, 5, 5, 50), 1080, 1920, preset.Insets{}, a); got.Rect != image.Rect(5, 5, 5, 50) {
			t.Errorf("%s for an empty photo: %v", s, got.Rect)
		}
	}
}

func TestRectFocal(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000) // 9:16 crops are 1688×3000
	tests := []struct {
		name string
		p    Point
		want image.Rectangle
	}{
		{"centre", Point{0.5, 0.5}, image.Rect(1156, 0, 2844, 3000)},
		{"on a face at the right", Point{0.7, 0.2}, image.Rect(1956, 0, 3644, 3000)},
		{"left edge clamps", Point{0, 0.5}, image.Rect(0, 0, 1688, 3000)},
		{"right edge clamps", Point{1, 1}, image.Rect(2312, 0, 4000, 3000)},
		{"out of range clamps", Point{-3, 7}, image.Rect(0, 0, 1688, 3000)},
		{"NaN is the centre", Point{math.NaN(), 0}, image.Rect(1156, 0, 2844, 3000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Strategy{Kind: Focal, Focal: tt.p}.Rect(photo, 1080, 1920, preset.Insets{}, nil)
			if got.Rect != tt.want {
				t.Errorf("%v, want %v", got.Rect, tt.want)
			}
		})
	}
}

// randomAnalysis is a grid of random saliency with a few random faces.
func randomAnalysis(rng *rand.Rand) *Analysis {
	W, H := 1+rng.Intn(60), 1+rng.Intn(60)
	a := &Analysis{Width: W, Height: H, Saliency: make([]float32, W*H), Weights: DefaultWeights}
	for i := range a.Saliency {
		if rng.Intn(4) == 0 {
			a.Saliency[i] = rng.Float32()
		}
	}
	for range rng.Intn(5) {
		x, y, s := rng.Float64(), rng.Float64(), 0.02+0.3*rng.Float64()
		a.Faces = append(a.Faces, Box{Point{x - s/2, y - s/2}, Point{x + s/2, y + s/2}})
	}
	return a
}

// TestRectProperties: for a few hundred random photos (odd origins, aspects
// up to 32:1), outputs (up to 40:1) and strategies, the crop is inside the
// photo, as large as CenterCrop's, of the output's aspect to the pixel, a
// focal point lies inside it, and smart keeps as many faces whole as any
// position could.
func TestRectProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	side := func(max int) int { return 1 + int(math.Exp(rng.Float64()*math.Log(float64(max)))) }
	for i := range 600 {
		pw := side(16384)
		ph := min(16384, max(1, pw*side(32)/side(32)))
		photo := image.Rect(0, 0, pw, ph).Add(image.Pt(rng.Intn(200)-100, rng.Intn(200)-100))
		w, h := side(3000), side(3000)
		if w > 40*h || h > 40*w {
			continue
		}
		safe := preset.Insets{Top: rng.Intn(h/3 + 1), Bottom: rng.Intn(h/3 + 1), Left: rng.Intn(w/3 + 1), Right: rng.Intn(w/3 + 1)}
		var s Strategy
		var a *Analysis
		switch rng.Intn(4) {
		case 0:
			s = Strategy{Kind: Center}
		case 1:
			s = Strategy{Kind: Anchored, Anchor: geom.Anchor(rng.Intn(9))}
		case 2:
			s = Strategy{Kind: Focal, Focal: Point{rng.Float64(), rng.Float64()}}
		case 3:
			s, a = Strategy{Kind: Smart}, randomAnalysis(rng)
		}
		name := fmt.Sprintf("%d/%s/%v/%dx%d", i, s, photo, w, h)
		r := s.Rect(photo, w, h, safe, a)
		c := geom.CenterCrop(photo, w, h)
		if !r.Rect.In(photo) || r.Rect.Size() != c.Size() {
			t.Fatalf("%s: crop %v not inside, or not the size of %v", name, r.Rect, c)
		}
		cw, ch := int64(r.Rect.Dx()), int64(r.Rect.Dy())
		if cw > 1 && ch > 1 {
			if d := cw*int64(h) - ch*int64(w); d < 0 && -d > int64(max(w, h)) || d > int64(max(w, h)) {
				t.Fatalf("%s: crop %v is not %d:%d", name, r.Rect, w, h)
			}
		}
		if s.Kind == Focal {
			fx := float64(photo.Min.X) + s.Focal.X*float64(pw)
			fy := float64(photo.Min.Y) + s.Focal.Y*float64(ph)
			if fx < float64(r.Rect.Min.X) || fx > float64(r.Rect.Max.X) || fy < float64(r.Rect.Min.Y) || fy > float64(r.Rect.Max.Y) {
				t.Fatalf("%s: focal point (%.1f, %.1f) outside %v", name, fx, fy, r.Rect)
			}
		}
		if a != nil {
			if best := bestWhole(photo, r.Rect.Size(), a.Faces); len(a.Faces)-r.FacesCut != best || r.Faces != len(a.Faces) {
				t.Fatalf("%s: %d of %d faces whole, %d possible", name, len(a.Faces)-r.FacesCut, len(a.Faces), best)
			}
		}
	}
}

// bestWhole counts, by brute force over every position (up to 4000 of them),
// the most faces a crop of size sz can hold whole.
func bestWhole(photo image.Rectangle, sz image.Point, faces []Box) int {
	best := 0
	nx, ny := photo.Dx()-sz.X, photo.Dy()-sz.Y
	stepX, stepY := max(1, nx/4000), max(1, ny/4000)
	for ox := 0; ox <= nx; ox += stepX {
		for oy := 0; oy <= ny; oy += stepY {
			r := image.Rectangle{Min: photo.Min.Add(image.Pt(ox, oy))}
			r.Max = r.Min.Add(sz)
			best = max(best, whole(photo, r, faces))
		}
	}
	return best
}

// whole counts the faces wholly inside r, in pixels of photo.
func whole(photo, r image.Rectangle, faces []Box) int {
	n := 0
	for _, f := range faces {
		f = clampBox(f)
		if area(f) == 0 {
			continue
		}
		x0 := photo.Min.X + int(math.Floor(f.Min.X*float64(photo.Dx())+1e-9))
		x1 := photo.Min.X + int(math.Ceil(f.Max.X*float64(photo.Dx())-1e-9))
		y0 := photo.Min.Y + int(math.Floor(f.Min.Y*float64(photo.Dy())+1e-9))
		y1 := photo.Min.Y + int(math.Ceil(f.Max.Y*float64(photo.Dy())-1e-9))
		if x0 >= r.Min.X && x1 <= r.Max.X && y0 >= r.Min.Y && y1 <= r.Max.Y {
			n++
		}
	}
	return n
}

// TestStrategyJSON: strategies travel to the workers as JSON, lower-case.
func TestStrategyJSON(t *testing.T) {
	for _, s := range []Strategy{{}, {Kind: Center}, {Kind: Anchored, Anchor: geom.TopLeft}, {Kind: Focal, Focal: Point{0.25, 0.75}}, {Kind: Smart}} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Strategy
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%s → %+v, %v; want %+v", b, back, err, s)
		}
	}
	b, _ := json.Marshal(Strategy{Kind: Focal, Focal: Point{0.25, 0.75}})
	if string(b) != `{"kind":"focal","focal":{"x":0.25,"y":0.75}}` {
		t.Errorf("JSON %s", b)
	}
}
