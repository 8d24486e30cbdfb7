package render

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/preset"
)

// TestShrink: the integer-factor shrink of every decoder type matches a
// box resize of the same photo, and its longest side is at most the limit.
func TestShrink(t *testing.T) {
	u := scene(1003, 611) // odd sizes: partial blocks at the edges
	jpg := func() image.Image {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, u, &jpeg.Options{Quality: 95}); err != nil {
			t.Fatal(err)
		}
		m, err := jpeg.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	ycc := func(r image.YCbCrSubsampleRatio) image.Image {
		m := image.NewYCbCr(u.Rect, r)
		for y := 0; y < u.Rect.Dy(); y++ {
			for x := 0; x < u.Rect.Dx(); x++ {
				c := u.RGBAAt(x, y)
				yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
				m.Y[m.YOffset(x, y)] = yy
				m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = cb, cr
			}
		}
		return m
	}
	gray := image.NewGray(u.Rect)
	draw.Draw(gray, gray.Rect, u, image.Point{}, draw.Src)
	pal := image.NewPaletted(u.Rect, []color.Color{color.Black, color.White, color.RGBA{40, 120, 140, 255}, color.RGBA{200, 200, 140, 255}})
	draw.Draw(pal, pal.Rect, u, image.Point{}, draw.Src)
	tests := []struct {
		name string
		m    image.Image
		tol  int
		side int // 0: 100
	}{
		{"jpeg 4:2:0", jpg(), 8, 0},
		{"ycbcr 4:4:4", ycc(image.YCbCrSubsampleRatio444), 6, 0},
		{"ycbcr 4:2:2", ycc(image.YCbCrSubsampleRatio422), 8, 0},
		{"ycbcr 4:4:0", ycc(image.YCbCrSubsampleRatio440), 8, 0},
		{"ycbcr 4:1:1", ycc(image.YCbCrSubsampleRatio411), 10, 0},
		{"rgba", u, 2, 0},
		{"nrgba", imaging.Clone(u), 2, 0},
		{"gray", gray, 2, 0},
		{"paletted (sampled)", pal, 255, 0}, // only the size is checked
		{"sub-image", u.SubImage(image.Rect(3, 5, 1003, 611)), 2, 0},
		{"ycbcr 4:2:0 sub-image, factor 2", ycc(image.YCbCrSubsampleRatio420).(*image.YCbCr).SubImage(image.Rect(3, 5, 1002, 610)), 64, 600},
		{"ycbcr 4:1:1, factor 3", ycc(image.YCbCrSubsampleRatio411), 12, 400},
		{"small already", u.SubImage(image.Rect(0, 0, 90, 60)), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			side := cmp.Or(tt.side, 100)
			got := shrink(tt.m, side)
			b := tt.m.Bounds()
			k := (max(b.Dx(), b.Dy()) + side - 1) / side
			if want := image.Rect(0, 0, (b.Dx()+k-1)/k, (b.Dy()+k-1)/k); got.Rect != want || max(want.Dx(), want.Dy()) > side {
				t.Fatalf("size %v, want %v", got.Rect, want)
			}
			if tt.tol == 255 {
				return
			}
			// Compare the full blocks with a box resize of the full blocks.
			fw, fh := b.Dx()/k, b.Dy()/k
			full := image.Rect(0, 0, fw*k, fh*k).Add(b.Min)
			ref := imaging.Resize(imaging.Crop(tt.m, full), fw, fh, imaging.Box)
			worst, total := 0, 0
			for y := 0; y < fh; y++ {
				for x := 0; x < fw; x++ {
					for c := 0; c < 3; c++ {
						d := int(got.Pix[y*got.Stride+4*x+c]) - int(ref.Pix[y*ref.Stride+4*x+c])
						worst, total = max(worst, d, -d), total+max(d, -d)
					}
				}
			}
			// Chroma planes can straddle blocks: allow sharp colour edges to
			// bleed a little, but not the picture on average.
			if mean := float64(total) / float64(3*fw*fh); worst > tt.tol || mean > 1.5 {
				t.Errorf("differs from a box resize by up to %d, %.2f on average", worst, mean)
			}
		})
	}
	if e := shrink(image.NewRGBA(image.Rectangle{}), 100); !e.Rect.Empty() {
		t.Error("empty image")
	}
}

// TestAnalyseOrientation: the analysis of a photo as stored, under each
// EXIF orientation, is the analysis of the upright photo, and the smart
// crop is the same.
func TestAnalyseOrientation(t *testing.T) {
	k := max(1, shortScale()/2) // still larger than the analysis's copy
	u := scene(900/k, 600/k)
	want := Analyse(u, 1)
	pin := preset.Preset{Width: 1000, Height: 1500}
	wantCrop := Frame(pin, u.Rect, crop.Strategy{Kind: crop.Smart}, FitFill, want).Crop
	for o := 1; o <= 8; o++ {
		a := Analyse(stored(u, o), o)
		if a.Width != want.Width || a.Height != want.Height {
			t.Fatalf("o%d: grid %d×%d, want %d×%d", o, a.Width, a.Height, want.Width, want.Height)
		}
		if got := Frame(pin, u.Rect, crop.Strategy{Kind: crop.Smart}, FitFill, a).Crop; got != wantCrop {
			t.Errorf("o%d: smart crop %v, want %v", o, got, wantCrop)
		}
	}
}

// pigoSample is pigo's own test portrait (320×400, one face), copied from
// the module cache by `go generate ./internal/crop` (make runs it): nothing
// is downloaded or committed.
func pigoSample(t testing.TB) image.Image {
	t.Helper()
	data, err := os.ReadFile("../crop/testdata/face.jpg")
	if err != nil {
		t.Fatalf("pigo's sample face is missing (%v): run go generate ./internal/crop (make test does)", err)
	}
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// group pastes the portrait, 130 px wide, at each x (fractions) of a
// 1200×900 light photo.
func group(t testing.TB, xs []float64) *image.NRGBA {
	m := imaging.New(1200, 900, color.NRGBA{200, 205, 210, 255})
	f := imaging.Resize(pigoSample(t), 130, 0, imaging.Lanczos)
	for _, x := range xs {
		draw.Draw(m, f.Rect.Add(image.Pt(int(x*1200), 450-f.Rect.Dy()/2)), f, image.Point{}, draw.Src)
	}
	return m
}

// TestPhotoGroupFaces: a group photo (real-looking faces, as a JPEG stored
// on its side) cut to a story keeps its three faces when they fit, and the
// report says so when they cannot; fit modes never cut, so never say it.
func TestPhotoGroupFaces(t *testing.T) {
	story := scaled(mustPreset(t, "snapchat-story"), shortScale()) // the faces are found on a small copy all the same
	tests := []struct {
		name  string
		xs    []float64
		fit   Fit
		notes []string
	}{
		{"fits", []float64{0.3, 0.42, 0.54}, FitFill, nil},
		{"spread", []float64{0.05, 0.45, 0.85}, FitFill, []string{"2 faces could not be kept whole in this format"}},
		{"spread, padded", []float64{0.05, 0.45, 0.85}, FitPad, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := group(t, tt.xs)
			data := exifJPEG(encJPEG(t, imaging.Rotate90(u), 90), 6) // stored on its side
			outs, err := Photo(data, Spec{Presets: []preset.Preset{story}, Crop: crop.Strategy{Kind: crop.Smart}, Fit: tt.fit})
			if err != nil || outs[0].Err != nil {
				t.Fatal(err, outs[0].Err)
			}
			if fmt.Sprint(outs[0].Notes) != fmt.Sprint(tt.notes) {
				t.Errorf("notes %q, want %q", outs[0].Notes, tt.notes)
			}
			if tt.notes == nil && tt.fit == FitFill {
				for _, x := range tt.xs {
					if c := image.Pt(int(x*1200)+65, 450); !c.In(outs[0].Crop) {
						t.Errorf("face at %v outside the crop %v", c, outs[0].Crop)
					}
				}
			}
		})
	}
}
