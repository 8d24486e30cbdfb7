package crop

import (
	"bytes"
	"errors"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/disintegration/imaging"
	pigo "github.com/esimov/pigo/core"

	"picmark/internal/preset"
)

// pigoSample is pigo's own test portrait (320×400, one face), copied from
// the module cache by `go generate ./internal/crop` (make runs it): nothing
// is downloaded or committed.
func pigoSample(t testing.TB) image.Image {
	t.Helper()
	data, err := os.ReadFile("testdata/face.jpg")
	if err != nil {
		t.Fatalf("pigo's sample face is missing (%v): run go generate ./internal/crop (make test does)", err)
	}
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestCascadeUnpacks(t *testing.T) {
	data, err := os.ReadFile(CascadeFile)
	if err != nil || len(data) < 100_000 {
		t.Fatalf("facefinder: %v, %d bytes: run go generate ./internal/crop", err, len(data))
	}
	if _, err := faceDetector(); err != nil {
		t.Fatal(err)
	}
}

// TestFaceFinderUnavailable: a binary without the cascade whose download
// fails frames without faces and says why; once the download works, the
// next photo finds its face.
func TestFaceFinderUnavailable(t *testing.T) {
	detectorMu.Lock()
	keptEmbedded, keptLoader, keptDetector := embedded, cascadeLoader, detector
	embedded, detector = nil, nil
	detectorMu.Unlock()
	t.Cleanup(func() {
		detectorMu.Lock()
		embedded, cascadeLoader, detector = keptEmbedded, keptLoader, keptDetector
		detectorMu.Unlock()
	})
	small := imaging.Resize(pigoSample(t), 0, 150, imaging.Box)

	SetCascadeLoader(nil)
	var ffe *FaceFinderError
	if a := Analyse(small, DefaultWeights); !errors.As(a.FacesErr, &ffe) || len(a.Faces) != 0 {
		t.Fatalf("no cascade and no loader: faces %v, error %v; want none and a FaceFinderError", a.Faces, a.FacesErr)
	}
	offline := errors.New("offline")
	SetCascadeLoader(func() ([]byte, error) { return nil, offline })
	a := Analyse(small, DefaultWeights)
	if !errors.As(a.FacesErr, &ffe) || !errors.Is(a.FacesErr, offline) || len(a.Faces) != 0 {
		t.Fatalf("a failed download: faces %v, error %v; want none and a FaceFinderError wrapping it", a.Faces, a.FacesErr)
	}
	if !strings.Contains(a.FacesErr.Error(), "connect to the internet") {
		t.Errorf("the message %q does not say what to do", a.FacesErr)
	}
	if unasked := Analyse(small, Weights{Edge: 1}); unasked.FacesErr != nil {
		t.Errorf("faces not asked for, yet an error: %v", unasked.FacesErr)
	}
	SetCascadeLoader(func() ([]byte, error) { return []byte("not a cascade"), nil })
	if a := Analyse(small, DefaultWeights); !errors.As(a.FacesErr, &ffe) {
		t.Fatalf("damaged bytes: error %v, want a FaceFinderError", a.FacesErr)
	}
	calls := 0
	SetCascadeLoader(func() ([]byte, error) { calls++; return os.ReadFile(CascadeFile) })
	for range 2 {
		if a := Analyse(small, DefaultWeights); a.FacesErr != nil || len(a.Faces) != 1 {
			t.Fatalf("back online: faces %v, error %v; want the portrait's face", a.Faces, a.FacesErr)
		}
	}
	if calls != 1 {
		t.Errorf("the cascade was downloaded %d times, want once", calls)
	}
}

func TestDetectFaceOnSample(t *testing.T) {
	m := pigoSample(t)
	small := imaging.Resize(m, 0, 150, imaging.Box)
	a := Analyse(small, DefaultWeights)
	if len(a.Faces) != 1 {
		t.Fatalf("found %d faces, want 1: %+v", len(a.Faces), a.Faces)
	}
	if f := a.Faces[0]; !(Point{0.5, 0.5}).in(f) {
		t.Errorf("face %+v is not around the centre of the portrait", f)
	}
	if none := Analyse(small, Weights{Edge: 1}); len(none.Faces) != 0 {
		t.Error("Face weight 0 still detects faces")
	}
}

func (p Point) in(b Box) bool {
	return p.X >= b.Min.X && p.X <= b.Max.X && p.Y >= b.Min.Y && p.Y <= b.Max.Y
}

// groupPhoto pastes pigo's sample portrait, fw pixels wide, at each x (fractions)
// into a w×h photo with a busy, colourful left quarter (a lure for the
// saliency). It is how tests get a "group photo" of real-looking faces.
func groupPhoto(face image.Image, w, h, fw int, xs []float64) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := []uint8{200, 205, 210}
			if x < w/4 && (x/7+y/7)%2 == 0 {
				c = []uint8{20, 160, 40}
			}
			copy(m.Pix[y*m.Stride+4*x:], append(c, 255))
		}
	}
	f := imaging.Resize(face, fw, 0, imaging.Lanczos)
	for _, x := range xs {
		at := image.Pt(int(x*float64(w)), h/2-f.Rect.Dy()/2)
		draw.Draw(m, f.Rect.Add(at), f, image.Point{}, draw.Src)
	}
	return m
}

// TestGroupPhotoWithPigo runs the real detector on a group of copies of
// pigo's sample portrait, then cuts the 1200×900 photo to 9:16 (506 px wide).
func TestGroupPhotoWithPigo(t *testing.T) {
	face := pigoSample(t)
	tests := []struct {
		name    string
		xs      []float64
		wantCut int
	}{
		{"three faces that fit, right of a lure", []float64{0.45, 0.575, 0.70}, 0},
		{"three faces spread out", []float64{0.05, 0.45, 0.85}, 2},
	}
	photo := image.Rect(0, 0, 1200, 900)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := groupPhoto(face, 1200, 900, 130, tt.xs)
			small := imaging.Resize(m, MaxSide, 0, imaging.Box)
			a := Analyse(small, DefaultWeights)
			if len(a.Faces) != len(tt.xs) {
				t.Fatalf("found %d faces, want %d: %+v", len(a.Faces), len(tt.xs), a.Faces)
			}
			checkFaceBoxes(t, a, tt.xs)
			r := Strategy{Kind: Smart}.Rect(photo, 1080, 1920, preset.Insets{Top: 250, Bottom: 340}, a)
			if r.FacesCut != tt.wantCut {
				t.Errorf("crop %v cuts %d faces, want %d", r.Rect, r.FacesCut, tt.wantCut)
			}
			for i, x := range tt.xs {
				c := image.Pt(int(x*1200)+65, 450)
				if tt.wantCut == 0 && !c.In(r.Rect) {
					t.Errorf("face %d centred at %v is outside %v", i, c, r.Rect)
				}
			}
		})
	}
}

// checkFaceBoxes: each face groupPhoto pasted (130×162 at x, centred on
// the photo's middle row) has one box, square on the analysis grid, that
// takes in its hair and chin and stays on its portrait; the boxes are
// sorted top to bottom.
func checkFaceBoxes(t *testing.T, a *Analysis, xs []float64) {
	t.Helper()
	const pw, ph = 130.0 / 1200, 162.0 / 900 // the portrait, in fractions of the photo
	top := 0.5 - ph/2
	for _, x := range xs {
		var f *Box
		for i := range a.Faces {
			if c := (a.Faces[i].Min.X + a.Faces[i].Max.X) / 2; c > x && c < x+pw {
				f = &a.Faces[i]
			}
		}
		if f == nil {
			t.Errorf("no face box on the portrait at %.3f: %+v", x, a.Faces)
			continue
		}
		w, h := (f.Max.X-f.Min.X)*float64(a.Width), (f.Max.Y-f.Min.Y)*float64(a.Height)
		if math.Abs(w-h) > 1 {
			t.Errorf("face at %.3f: %.1f×%.1f grid cells, not square", x, w, h)
		}
		if f.Min.X < x-0.02 || f.Max.X > x+pw+0.02 || f.Min.Y < top-0.02 || f.Max.Y > top+ph+0.02 {
			t.Errorf("face at %.3f: box %+v strays off its portrait", x, *f)
		}
		if f.Min.Y > top+0.2*ph || f.Max.Y < top+0.85*ph || f.Min.X > x+0.2*pw || f.Max.X < x+0.8*pw {
			t.Errorf("face at %.3f: box %+v leaves out hair or chin", x, *f)
		}
	}
	for i := 1; i < len(a.Faces); i++ {
		if p, f := a.Faces[i-1], a.Faces[i]; f.Min.Y < p.Min.Y || f.Min.Y == p.Min.Y && f.Min.X < p.Min.X {
			t.Errorf("faces not sorted top to bottom, then left to right: %+v", a.Faces)
		}
	}
}

// TestOverlap: the overlap of two square detections is their intersection
// over their union: 1 for the same square, 1/3 for one shifted by half its
// side, 1/7 for a quarter of it, 0 apart or touching.
func TestOverlap(t *testing.T) {
	d := func(row, col, scale int) pigo.Detection { return pigo.Detection{Row: row, Col: col, Scale: scale} }
	tests := []struct {
		a, b pigo.Detection
		want float64
	}{
		{d(50, 50, 20), d(50, 50, 20), 1},
		{d(50, 50, 20), d(50, 60, 20), 1.0 / 3},
		{d(50, 50, 20), d(60, 50, 20), 1.0 / 3},
		{d(50, 50, 20), d(60, 60, 20), 1.0 / 7},
		{d(50, 50, 20), d(50, 70, 20), 0},
		{d(50, 50, 20), d(90, 90, 20), 0},
		{d(50, 50, 40), d(50, 50, 20), 0.25},
		{d(50, 50, 0), d(50, 50, 0), 0},
	}
	for _, tt := range tests {
		if got := overlap(tt.a, tt.b); !(math.Abs(got-tt.want) <= 1e-12) {
			t.Errorf("overlap(%+v, %+v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCascadeAsPigo: cascade.scan finds the very windows pigo's own
// RunCascade finds, in the same order, with the same scores bit for bit,
// on the cascade pigo unpacks from the same bytes: portraits, a group, a
// face shrunk near the smallest size searched, a thin strip, noise and a
// flat grey, at the settings detectFaces uses and at pigo's finer ones;
// and through the loop for any depth as well as the facefinder's own.
func TestCascadeAsPigo(t *testing.T) {
	data, err := os.ReadFile(CascadeFile)
	if err != nil {
		t.Fatalf("facefinder: %v: run go generate ./internal/crop", err)
	}
	p, err := pigo.NewPigo().Unpack(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parseCascade(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.depth != 6 {
		t.Fatalf("the facefinder's trees are %d deep: scan unrolls 6", c.depth)
	}
	face := pigoSample(t)
	noise := image.NewGray(image.Rect(0, 0, 173, 141))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(i * 2654435761 >> 13)
	}
	flatGrey := image.NewGray(image.Rect(0, 0, 64, 48))
	for i := range flatGrey.Pix {
		flatGrey.Pix[i] = 128
	}
	pictures := map[string]image.Image{
		"portrait":        imaging.Resize(face, 0, 150, imaging.Box),
		"portrait, large": imaging.Resize(face, 0, 400, imaging.Box),
		"group":           imaging.Resize(groupPhoto(face, 1200, 900, 130, []float64{0.05, 0.45, 0.85}), MaxSide, 0, imaging.Box),
		"small faces":     groupPhoto(face, 400, 300, 24, []float64{0.3, 0.6}),
		"strip":           imaging.Resize(face, 0, 30, imaging.Box),
		"noise":           noise,
		"flat grey":       flatGrey,
	}
	found := 0
	for name, m := range pictures {
		b := m.Bounds()
		W, H := b.Dx(), b.Dy()
		gray := make([]uint8, W*H)
		for y := range H {
			for x := range W {
				r, g, bl, _ := m.At(b.Min.X+x, b.Min.Y+y).RGBA()
				gray[y*W+x] = uint8((299*r + 587*g + 114*bl) / 1000 >> 8)
			}
		}
		for _, set := range []struct{ minSize, shift, scale float64 }{
			{faceMinSidePx, faceShift, faceScale}, {9, 0.1, 1.1},
		} {
			want := p.RunCascade(pigo.CascadeParams{
				MinSize: int(set.minSize), MaxSize: min(W, H), ShiftFactor: set.shift, ScaleFactor: set.scale,
				ImageParams: pigo.ImageParams{Pixels: gray, Rows: H, Cols: W, Dim: W},
			}, 0)
			for _, depth := range []string{"unrolled", "looped"} {
				cc := c
				if depth == "looped" {
					cc = &cascade{depth: c.depth, codes: c.codes, preds: c.preds, thresholds: c.thresholds, looped: true}
				}
				got := cc.scan(gray, W, H, int(set.minSize), min(W, H), set.shift, set.scale)
				if len(got) != len(want) {
					t.Fatalf("%s, %+v, %s: %d windows, pigo %d", name, set, depth, len(got), len(want))
				}
				for i := range got {
					if got[i].Row != want[i].Row || got[i].Col != want[i].Col || got[i].Scale != want[i].Scale ||
						math.Float32bits(got[i].Q) != math.Float32bits(want[i].Q) {
						t.Fatalf("%s, %+v, %s: window %d is %+v, pigo's %+v", name, set, depth, i, got[i], want[i])
					}
				}
			}
			found += len(want)
		}
	}
	if found < 20 {
		t.Fatalf("only %d windows scored in all: the comparison proves little", found)
	}
}

// TestCascadeDamaged: a cascade cut anywhere, or saying absurd sizes,
// is refused with a reason, never a panic.
func TestCascadeDamaged(t *testing.T) {
	data, err := os.ReadFile(CascadeFile)
	if err != nil {
		t.Fatalf("facefinder: %v: run go generate ./internal/crop", err)
	}
	for _, n := range []int{0, 8, 15, 16, 17, 1000, len(data) / 2, len(data) - 1} {
		if _, err := unpack(data[:n]); err == nil {
			t.Errorf("the cascade cut at %d bytes unpacked", n)
		}
	}
	huge := slices.Clone(data)
	huge[8] = 40
	if _, err := unpack(huge); err == nil {
		t.Error("trees 40 deep unpacked")
	}
	if c, err := unpack(data); err != nil || len(c.thresholds) < 100 {
		t.Fatalf("the whole cascade: %v", err)
	}
}
