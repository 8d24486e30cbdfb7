package render

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand"
	"os"
	"slices"
	"testing"

	"picmark/internal/crop"
	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

func TestParseFit(t *testing.T) {
	for in, want := range map[string]Fit{"": FitFill, "fill": FitFill, "pad": FitPad, "blur": FitBlur} {
		if got, err := ParseFit(in); err != nil || got != want {
			t.Errorf("ParseFit(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFit("stretch"); err == nil {
		t.Error("stretch accepted")
	}
}

func TestFrameFit(t *testing.T) {
	story := preset.Preset{Width: 1080, Height: 1920, Safe: preset.Insets{Top: 250, Bottom: 340}}
	header := preset.Preset{Width: 1500, Height: 500}
	tumblr := preset.Preset{Width: 1280, MaxHeight: 1920}
	tests := []struct {
		name     string
		p        preset.Preset
		photo    image.Rectangle
		fit      Fit
		crop     image.Rectangle
		place    image.Rectangle
		upscaled bool
	}{
		{"landscape on a story, padded", story, image.Rect(0, 0, 4000, 3000), FitPad, image.Rect(0, 0, 4000, 3000), image.Rect(0, 555, 1080, 1365), false},
		{"panorama 8:1 on a story, blurred", story, image.Rect(0, 0, 8000, 1000), FitBlur, image.Rect(0, 0, 8000, 1000), image.Rect(0, 892, 1080, 1027), false},
		{"screenshot 1:10 on a header", header, image.Rect(0, 0, 1000, 10000), FitBlur, image.Rect(0, 0, 1000, 10000), image.Rect(725, 0, 775, 500), false},
		{"small photo is upscaled", story, image.Rect(0, 0, 400, 300), FitPad, image.Rect(0, 0, 400, 300), image.Rect(0, 555, 1080, 1365), true},
		{"same aspect fills", story, image.Rect(0, 0, 2160, 3840), FitBlur, image.Rect(0, 0, 2160, 3840), image.Rect(0, 0, 1080, 1920), false},
		{"fill crops", story, image.Rect(0, 0, 4000, 3000), FitFill, image.Rect(1156, 0, 2844, 3000), image.Rect(0, 0, 1080, 1920), false},
		{"zero fit is fill", story, image.Rect(0, 0, 4000, 3000), "", image.Rect(1156, 0, 2844, 3000), image.Rect(0, 0, 1080, 1920), false},
		{"width-only ignores the fit", tumblr, image.Rect(0, 0, 1280, 4000), FitPad, image.Rect(0, 1040, 1280, 2960), image.Rect(0, 0, 1280, 1920), false},
		{"width-only panorama", tumblr, image.Rect(0, 0, 8000, 1000), FitBlur, image.Rect(0, 0, 8000, 1000), image.Rect(0, 0, 1280, 160), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := Frame(tt.p, tt.photo, crop.Strategy{}, tt.fit, nil)
			if pl.Crop != tt.crop || pl.Place != tt.place || pl.Upscaled != tt.upscaled {
				t.Errorf("crop %v place %v up=%v, want %v %v %v", pl.Crop, pl.Place, pl.Upscaled, tt.crop, tt.place, tt.upscaled)
			}
		})
	}
}

func TestFrameStrategies(t *testing.T) {
	photo := image.Rect(0, 0, 4000, 3000)
	pin := preset.Preset{Width: 1000, Height: 1500}
	tumblr := preset.Preset{Width: 1280, MaxHeight: 1920}
	tall := image.Rect(0, 0, 1280, 4000)
	tests := []struct {
		name  string
		p     preset.Preset
		photo image.Rectangle
		s     crop.Strategy
		want  image.Rectangle
	}{
		{"left", pin, photo, crop.Strategy{Kind: crop.Anchored, Anchor: geom.Left}, image.Rect(0, 0, 2000, 3000)},
		{"bottom-right", pin, photo, crop.Strategy{Kind: crop.Anchored, Anchor: geom.BottomRight}, image.Rect(2000, 0, 4000, 3000)},
		{"focal", pin, photo, crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.3, Y: 0.9}}, image.Rect(200, 0, 2200, 3000)},
		{"width-only top", tumblr, tall, crop.Strategy{Kind: crop.Anchored, Anchor: geom.Top}, image.Rect(0, 0, 1280, 1920)},
		{"width-only focal", tumblr, tall, crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.5, Y: 0.9}}, image.Rect(0, 2080, 1280, 4000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Frame(tt.p, tt.photo, tt.s, FitFill, nil).Crop; got != tt.want {
				t.Errorf("%v, want %v", got, tt.want)
			}
		})
	}
}

// TestPlanProperties renders a few hundred random photos (aspects up to
// 32:1, odd orientations) to random presets in every strategy and fit: the
// output has exactly the planned size (the preset's for fixed sizes), the
// crop lies inside the photo with the aspect of where it lands, and a focal
// point lies inside the crop.
func TestPlanProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	side := func(max int) int { return 1 + int(math.Exp(rng.Float64()*math.Log(float64(max)))) }
	fits := []Fit{FitFill, FitPad, FitBlur, ""}
	n := 300
	if testing.Short() {
		n = 100
	}
	for i := range n {
		pw := side(240)
		ph := max(1, min(pw*32, pw*side(32)/side(32)))
		if pw > 32*ph {
			pw = 32 * ph
		}
		var p preset.Preset
		if rng.Intn(4) == 0 {
			p = preset.Preset{Width: side(200), MaxHeight: rng.Intn(200)}
		} else {
			p = preset.Preset{Width: side(200), Height: side(200)}
			p.Safe = preset.Insets{Top: rng.Intn(p.Height/3 + 1), Bottom: rng.Intn(p.Height/3 + 1), Left: rng.Intn(p.Width/3 + 1)}
		}
		strategies := []crop.Strategy{{}, {Kind: crop.Anchored, Anchor: geom.Anchor(rng.Intn(9))},
			{Kind: crop.Focal, Focal: crop.Point{X: rng.Float64(), Y: rng.Float64()}}, {Kind: crop.Smart}}
		spec := Spec{Crop: strategies[rng.Intn(len(strategies))], Fit: fits[rng.Intn(len(fits))], Pad: color.NRGBA{10, 20, 30, 255}}
		o := 1 + rng.Intn(8)
		name := fmt.Sprintf("%d: %d×%d o%d to %s, %s %s", i, pw, ph, o, p.Size(msg.English), spec.Crop, spec.Fit)
		u := scene(pw, ph)
		var a *crop.Analysis
		if spec.Crop.Kind == crop.Smart {
			a = AnalysePhoto(stored(u, o), o)
		}
		m, pl, err := render(imageSource(stored(u, o)), imgio.Info{Orientation: o}, p, &spec, a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		photo := u.Rect
		if m.Rect != image.Rect(0, 0, pl.Width, pl.Height) || !p.WidthOnly() && (pl.Width != p.Width || pl.Height != p.Height) {
			t.Fatalf("%s: image %v, plan %d×%d", name, m.Rect, pl.Width, pl.Height)
		}
		if p.WidthOnly() && (pl.Width > p.Width || pl.Width > pw || p.MaxHeight > 0 && pl.Height > p.MaxHeight) {
			t.Fatalf("%s: width-only output %d×%d", name, pl.Width, pl.Height)
		}
		if pl.Crop.Empty() || !pl.Crop.In(photo) || pl.Place.Empty() || !pl.Place.In(m.Rect) {
			t.Fatalf("%s: crop %v in %v, place %v in %v", name, pl.Crop, photo, pl.Place, m.Rect)
		}
		cw, ch, qw, qh := int64(pl.Crop.Dx()), int64(pl.Crop.Dy()), int64(pl.Place.Dx()), int64(pl.Place.Dy())
		if cw > 1 && ch > 1 && qw > 1 && qh > 1 {
			// Each side may be off by a rounding: compare the aspects with that slack.
			if d := cw*qh - ch*qw; d < 0 && -d > cw+ch+qw+qh || d > cw+ch+qw+qh {
				t.Fatalf("%s: crop %v does not have the aspect of place %v", name, pl.Crop, pl.Place)
			}
		}
		if spec.Crop.Kind == crop.Focal {
			fx, fy := spec.Crop.Focal.X*float64(pw), spec.Crop.Focal.Y*float64(ph)
			if fx < float64(pl.Crop.Min.X) || fx > float64(pl.Crop.Max.X) || fy < float64(pl.Crop.Min.Y) || fy > float64(pl.Crop.Max.Y) {
				t.Fatalf("%s: focal point (%.1f, %.1f) outside the crop %v", name, fx, fy, pl.Crop)
			}
		}
		for j := 3; j < len(m.Pix); j += 4 {
			if m.Pix[j] != 255 {
				t.Fatalf("%s: not opaque", name)
			}
		}
	}
}

// TestFitPixels: pad shows the colour around the photo, blur a photo-like
// background that is neither the pad colour nor flat white.
func TestFitPixels(t *testing.T) {
	u := scene(400, 100) // 4:1
	story := preset.Preset{Width: 90, Height: 160}
	pad := color.NRGBA{200, 0, 120, 255}
	m, pl := Image(u, story, Spec{Fit: FitPad, Pad: pad})
	if pl.Place != image.Rect(0, 68, 90, 91) {
		t.Fatalf("place %v", pl.Place)
	}
	if got := m.RGBAAt(5, 5); got != (color.RGBA{200, 0, 120, 255}) {
		t.Errorf("pad corner = %v", got)
	}
	if got := m.RGBAAt(45, 80); got.B < 100 || got.G < 60 {
		t.Errorf("photo centre = %v, want the scene's blue-green", got)
	}
	if m, _ := Image(u, story, Spec{Fit: FitPad}); m.RGBAAt(5, 150) != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("the zero pad colour is %v, want white", m.RGBAAt(5, 150))
	}
	// A translucent pad colour is laid over white: v·a/255 + 255 − a, rounded.
	for _, tt := range []struct{ pad, want color.RGBA }{
		{color.RGBA{0, 100, 200, 128}, color.RGBA{127, 177, 227, 255}},
		{color.RGBA{0, 0, 0, 1}, color.RGBA{254, 254, 254, 255}},
		{color.RGBA{255, 0, 0, 254}, color.RGBA{255, 1, 1, 255}},
	} {
		pad := color.NRGBA(tt.pad)
		if m, _ := Image(u, story, Spec{Fit: FitPad, Pad: pad}); m.RGBAAt(5, 5) != tt.want {
			t.Errorf("pad %v over white = %v, want %v", pad, m.RGBAAt(5, 5), tt.want)
		}
	}
	b, _ := Image(u, story, Spec{Fit: FitBlur})
	for _, pt := range []image.Point{{2, 2}, {45, 20}, {88, 60}} { // above the photo: the scene's blues
		if c := b.RGBAAt(pt.X, pt.Y); c.B < 120 || c.B > 160 || c.R > 200 {
			t.Errorf("blur background at %v = %v, want the scene's colours", pt, c)
		}
	}
	if c := b.RGBAAt(45, 155); c.R < 200 || c.B > 215 { // below: the scene's light bar
		t.Errorf("blur background at the bottom = %v, want the scene's light bar", c)
	}
	// The background is smooth: neighbours differ by little.
	for y := 1; y < 60; y++ {
		if d := int(b.RGBAAt(45, y).R) - int(b.RGBAAt(45, y-1).R); d > 8 || d < -8 {
			t.Fatalf("blur background jumps by %d at y=%d", d, y)
		}
	}
	// It keeps the photo's gradients, on tall and wide outputs alike: red
	// grows to the right (above the photo of a story), green downwards
	// (beside the photo of a banner).
	wide, _ := Image(scene(100, 400), preset.Preset{Width: 160, Height: 90}, Spec{Fit: FitBlur})
	if l, r := b.RGBAAt(2, 20).R, b.RGBAAt(87, 20).R; int(r)-int(l) < 8 {
		t.Errorf("story: red %d on the left, %d on the right: the photo's gradient is lost", l, r)
	}
	if top, bottom := wide.RGBAAt(2, 2).G, wide.RGBAAt(2, 87).G; int(bottom)-int(top) < 8 {
		t.Errorf("banner: green %d at the top, %d at the bottom: the photo's gradient is lost", top, bottom)
	}
}

// TestPhotoExtremeShapes: panoramas (8:1) and long screenshots (1:10) give
// full-size, sensible outputs in every mode and strategy. The presets are
// the real ones at a quarter size (an eighth under -short), to keep the test
// fast (TestStoryOfAPanorama makes a full-size one).
func TestPhotoExtremeShapes(t *testing.T) {
	k := max(1, shortScale()/2)
	presets := []preset.Preset{
		scaled(preset.Preset{ID: "story", Width: 270, Height: 480, Safe: preset.Insets{Top: 38, Bottom: 38}, MaxBytes: 5 << 20}, k),
		scaled(preset.Preset{ID: "post", Width: 320, MaxHeight: 480, MaxBytes: 5 << 20}, k),
		scaled(preset.Preset{ID: "header", Width: 375, Height: 125, Safe: preset.Insets{Top: 12, Right: 30, Bottom: 12, Left: 30}, MaxBytes: 5 << 20}, k),
		scaled(preset.Preset{ID: "avatar", Width: 128, Height: 128, MaxBytes: 5 << 20}, k),
	}
	photos := map[string][]byte{"panorama": encJPEG(t, scene(2400/k, 300/k), 90), "screenshot": encPNG(t, scene(150/k, 1500/k))}
	for name, data := range photos {
		for _, fit := range []Fit{FitFill, FitPad, FitBlur} {
			for _, s := range []string{"center", "smart", "bottom-right"} {
				t.Run(name+"/"+string(fit)+"/"+s, func(t *testing.T) {
					strat, err := crop.Parse(s)
					if err != nil {
						t.Fatal(err)
					}
					outs, err := Photo(data, Spec{Presets: presets, Crop: strat, Fit: fit})
					if err != nil {
						t.Fatal(err)
					}
					for _, o := range outs {
						if o.Err != nil {
							t.Fatalf("%s: %v", o.Preset.ID, o.Err)
						}
						img, _, err := imgio.Decode(o.Data, imgio.DefaultLimits)
						if err != nil || img.Bounds().Dx() != o.Width || img.Bounds().Dy() != o.Height {
							t.Fatalf("%s: %v %v", o.Preset.ID, err, img.Bounds())
						}
						if !o.Preset.WidthOnly() && (o.Width != o.Preset.Width || o.Height != o.Preset.Height) {
							t.Errorf("%s: %d×%d", o.Preset.ID, o.Width, o.Height)
						}
						if fit != FitFill && !o.Preset.WidthOnly() && o.Place.Dx() != o.Width && o.Place.Dy() != o.Height {
							t.Errorf("%s: the photo %v touches neither pair of edges", o.Preset.ID, o.Place)
						}
					}
				})
			}
		}
	}
}

func TestFramingNotes(t *testing.T) {
	for _, tt := range []struct {
		plan Framing
		want []string
	}{
		{Framing{}, nil},
		{Framing{FacesCut: 1}, []string{"1 face could not be kept whole in this format"}},
		{Framing{FacesCut: 3}, []string{"3 faces could not be kept whole in this format"}},
		{Framing{FacesCut: 2, FacesErr: &crop.FaceFinderError{}}, []string{"faces were not looked for: picmark downloads its face finder the first time it frames a photo, so connect to the internet and make this photo again"}},
	} {
		var got []string
		for _, m := range framingNotes(tt.plan) {
			got = append(got, m.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %q, want %q", tt.plan, got, tt.want)
		}
	}
}

// TestStoryOfAPanorama: an 8:1 panorama as a 1080×1920 story with a blurred
// background: the panorama spans the width, centred, between blurred copies.
func TestStoryOfAPanorama(t *testing.T) {
	outs, err := Photo(encJPEG(t, scene(2400, 300), 90), Spec{Presets: []preset.Preset{mustPreset(t, "snapchat-story")}, Fit: FitBlur})
	if err != nil || outs[0].Err != nil {
		t.Fatal(err, outs[0].Err)
	}
	o := outs[0]
	if o.Width != 1080 || o.Height != 1920 || o.Place != image.Rect(0, 892, 1080, 1027) || o.Upscaled {
		t.Fatalf("%d×%d, photo at %v, upscaled %v", o.Width, o.Height, o.Place, o.Upscaled)
	}
	img, _, err := imgio.Decode(o.Data, imgio.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	// Above the panorama: a blurred copy of its centre, not white, not black.
	if r, g, b, _ := img.At(540, 300).RGBA(); b>>8 < 110 || b>>8 > 170 || r>>8 > 200 || g>>8 < 40 {
		t.Errorf("background above the panorama = %d,%d,%d", r>>8, g>>8, b>>8)
	}
}

// TestPhotoPNGKeepsTransparency: PNG outputs keep the photo's alpha when
// filled; padded ones are opaque; JPEG ones are flattened on white.
func TestPhotoPNGKeepsTransparency(t *testing.T) {
	data := encPNG(t, translucent(120, 90))
	sq := preset.Preset{ID: "sq", Width: 60, Height: 60, MaxBytes: 1 << 20}
	tests := []struct {
		name   string
		spec   Spec
		format imgio.Format
		alpha  bool
	}{
		{"png fill", Spec{Output: imgio.Output{Format: imgio.PNG}}, imgio.PNG, true},
		{"png pad", Spec{Output: imgio.Output{Format: imgio.PNG}, Fit: FitPad}, imgio.PNG, false},
		{"jpeg fill", Spec{}, imgio.JPEG, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.Presets = []preset.Preset{sq}
			outs, err := Photo(data, tt.spec)
			if err != nil || outs[0].Err != nil {
				t.Fatal(err, outs[0].Err)
			}
			o := outs[0]
			img, info, err := imgio.Decode(o.Data, imgio.DefaultLimits)
			if err != nil || info.Format != tt.format || o.Format != tt.format {
				t.Fatalf("%v: %s, Output.Format %s", err, info.Format, o.Format)
			}
			_, _, _, a := img.At(57, 30).RGBA()
			if got := a < 0xFFFF; got != tt.alpha {
				t.Errorf("alpha at the right edge = %d", a>>8)
			}
		})
	}
}

// TestPNGKeepsColours: a translucent PNG made at its own size keeps its
// colour under every alpha: each channel within one level of the alpha it
// is stored with (its rounding), none off on average.
func TestPNGKeepsColours(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 60, 60))
	for y := 0; y < 60; y++ {
		for x := 0; x < 60; x++ {
			m.SetNRGBA(x, y, color.NRGBA{200, 100, 50, uint8(x*4 + 10)})
		}
	}
	outs, err := Photo(encPNG(t, m), Spec{Presets: []preset.Preset{{ID: "sq", Width: 60, Height: 60, MaxBytes: 1 << 20}}, Output: imgio.Output{Format: imgio.PNG}})
	if err != nil || outs[0].Err != nil {
		t.Fatal(err, outs[0].Err)
	}
	img, _, err := imgio.Decode(outs[0].Data, imgio.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for y := 0; y < 60; y++ {
		for x := 0; x < 60; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.A != uint8(x*4+10) {
				t.Fatalf("(%d,%d): alpha %d, want %d", x, y, c.A, x*4+10)
			}
			for i, v := range []uint8{c.R, c.G, c.B} {
				d := float64(v) - []float64{200, 100, 50}[i]
				if math.Abs(d)*float64(c.A)/255 > 1 {
					t.Fatalf("(%d,%d): %v under alpha %d, want {200 100 50}", x, y, c, c.A)
				}
				sum += d
			}
		}
	}
	if mean := sum / (3 * 60 * 60); math.Abs(mean) > 0.5 {
		t.Errorf("colours off by %.2f on average", mean)
	}
}

// TestColourProfile: a photo with an Adobe RGB profile is converted to
// sRGB on the small output (imgio's test photo), and
// the decoder's notes reach every output.
func TestColourProfile(t *testing.T) {
	data, err := os.ReadFile("../imgio/testdata/adobe-icc-3chunks-exif6.jpg")
	if err != nil {
		t.Fatal(err)
	}
	img, info, err := imgio.DecodeStored(data, imgio.DefaultLimits)
	if err != nil || !info.Profile.Active() {
		t.Fatalf("%v; profile active: %v", err, info.Profile.Active())
	}
	p := preset.Preset{Width: 40, Height: 40}
	converted, _, err1 := render(imageSource(img), info, p, &Spec{}, nil)
	plain := info
	plain.Profile = nil
	unconverted, _, err2 := render(imageSource(img), plain, p, &Spec{}, nil)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if d := maxDiff(converted, unconverted); d < 8 {
		t.Errorf("the Adobe RGB photo changed by at most %d: not converted", d)
	}
	info.Notes = []msg.Message{msg.New(msg.ProfileDamaged)}
	out := encode(imageSource(img), info, preset.Preset{Width: 40, Height: 40, MaxBytes: 1 << 20}, &Spec{}, nil)
	if fmt.Sprint(out.Notes) != "[colour profile ignored (it is damaged)]" {
		t.Errorf("notes %q", out.Notes)
	}
}
