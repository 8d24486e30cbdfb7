package render

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
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
	if e := shrink(u, 0); !e.Rect.Empty() {
		t.Error("no side to shrink to: want an empty image")
	}
}

// TestShrinkExact: for packed types each pixel of the shrink is its k×k
// block's mean, rounded to nearest (partial blocks at the right and bottom
// edges: the mean of what they hold); other types take the pixel at each
// block's centre.
func TestShrinkExact(t *testing.T) {
	u := detailed(103, 61)
	gray := image.NewGray(u.Rect)
	draw.Draw(gray, gray.Rect, u, image.Point{}, draw.Src)
	pal := image.NewPaletted(u.Rect, []color.Color{color.Black, color.White, color.RGBA{200, 30, 40, 255}, color.RGBA{40, 120, 140, 255}})
	draw.Draw(pal, pal.Rect, u, image.Point{}, draw.Src)
	const k = 4 // 103×61 to at most 30: 26×16
	for _, m := range []image.Image{u, imaging.Clone(u), gray, pal} {
		got := shrink(m, 30)
		if got.Rect != image.Rect(0, 0, 26, 16) {
			t.Fatalf("%T: %v", m, got.Rect)
		}
		for oy := 0; oy < 16; oy++ {
			for ox := 0; ox < 26; ox++ {
				var want [3]uint8
				if _, ok := m.(*image.Paletted); ok {
					c := color.RGBAModel.Convert(m.At(min(ox*k+k/2, 102), min(oy*k+k/2, 60))).(color.RGBA)
					want = [3]uint8{c.R, c.G, c.B}
				} else {
					var sum [3]float64
					n := 0
					for y := oy * k; y < min(oy*k+k, 61); y++ {
						for x := ox * k; x < min(ox*k+k, 103); x++ {
							c := color.RGBAModel.Convert(m.At(x, y)).(color.RGBA)
							sum[0], sum[1], sum[2], n = sum[0]+float64(c.R), sum[1]+float64(c.G), sum[2]+float64(c.B), n+1
						}
					}
					for c := range want {
						want[c] = uint8(math.Round(sum[c] / float64(n)))
					}
				}
				if g := got.NRGBAAt(ox, oy); [3]uint8{g.R, g.G, g.B} != want || g.A != 255 {
					t.Fatalf("%T: pixel (%d,%d) = %v, want %v", m, ox, oy, g, want)
				}
			}
		}
	}
}

// TestAnalyseOrientation: the analysis of a photo as stored, under each
// EXIF orientation, is the analysis of the upright photo, and the smart
// crop is the same.
func TestAnalyseOrientation(t *testing.T) {
	k := max(1, shortScale()/2) // still larger than the analysis's copy
	u := scene(900/k, 600/k)
	want := AnalysePhoto(u, 1)
	pin := preset.Preset{Width: 1000, Height: 1500}
	wantCrop := Frame(pin, u.Rect, crop.Strategy{Kind: crop.Smart}, FitFill, want).Crop
	for o := 1; o <= 8; o++ {
		a := AnalysePhoto(stored(u, o), o)
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

// TestShrinkChroma: a JPEG's planes shrink by the rule shrink states. Luma
// is each block's mean; a chroma sample counts in the block row holding the
// luma row it starts on, and a block takes the chroma columns starting in
// it and the one under its first pixel. Checked sample by sample, with
// every sample's chroma different, for each subsampling, on sub-images
// starting on odd pixels.
func TestShrinkChroma(t *testing.T) {
	ratios := map[image.YCbCrSubsampleRatio][2]int{image.YCbCrSubsampleRatio444: {1, 1}, image.YCbCrSubsampleRatio422: {2, 1},
		image.YCbCrSubsampleRatio420: {2, 2}, image.YCbCrSubsampleRatio440: {1, 2}, image.YCbCrSubsampleRatio411: {4, 1}, image.YCbCrSubsampleRatio410: {4, 2}}
	for r, hv := range ratios {
		hx, vy := hv[0], hv[1]
		full := image.NewYCbCr(image.Rect(0, 0, 64, 48), r)
		for i := range full.Y {
			full.Y[i] = uint8(i * 7)
		}
		for i := range full.Cb {
			full.Cb[i], full.Cr[i] = uint8(i*37+11), uint8(i*13+50)
		}
		for _, sub := range []image.Rectangle{full.Rect, image.Rect(3, 1, 61, 46), image.Rect(5, 3, 64, 47)} {
			m := full.SubImage(sub).(*image.YCbCr)
			W, H := sub.Dx(), sub.Dy()
			for _, k := range []int{2, 3, 5} {
				got := shrink(m, (max(W, H)+k-1)/k)
				for oy := 0; oy < got.Rect.Dy(); oy++ {
					for ox := 0; ox < got.Rect.Dx(); ox++ {
						var ys, cbs, crs, ny, nc int
						for y := oy * k; y < min(oy*k+k, H); y++ {
							for x := ox * k; x < min(ox*k+k, W); x++ {
								ys, ny = ys+int(m.Y[m.YOffset(sub.Min.X+x, sub.Min.Y+y)]), ny+1
							}
						}
						// Chroma samples, by where they start in the sub-image.
						for cy := sub.Min.Y / vy; cy*vy < sub.Max.Y; cy++ {
							ly := min(max(cy*vy-sub.Min.Y, 0), H-1)
							if ly/k != oy {
								continue
							}
							for cx := sub.Min.X / hx; cx*hx < sub.Max.X; cx++ {
								sx := cx*hx - sub.Min.X
								if sx >= ox*k && sx < min(ox*k+k, W) || sx <= ox*k && ox*k < sx+hx {
									i := m.COffset(max(cx*hx, sub.Min.X), max(cy*vy, sub.Min.Y))
									cbs, crs, nc = cbs+int(m.Cb[i]), crs+int(m.Cr[i]), nc+1
								}
							}
						}
						mean := func(s, n, none int) uint8 {
							if n == 0 {
								return uint8(none)
							}
							return uint8((s + n/2) / n)
						}
						wr, wg, wb := color.YCbCrToRGB(mean(ys, ny, 0), mean(cbs, nc, 128), mean(crs, nc, 128))
						if g := got.NRGBAAt(ox, oy); g != (color.NRGBA{wr, wg, wb, 255}) {
							t.Fatalf("%v %v k=%d: pixel (%d,%d) = %v, want %v", r, sub, k, ox, oy, g, color.NRGBA{wr, wg, wb, 255})
						}
					}
				}
			}
		}
	}
}
