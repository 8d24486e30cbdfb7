package render

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// goPixels holds a Go image as Pixels, scaling like the engine, and counts
// what it is asked.
type goPixels struct {
	m     image.Image
	calls []image.Rectangle
	sizes []image.Point
	fail  error
}

func (p *goPixels) Bounds() image.Rectangle { return p.m.Bounds() }

func (p *goPixels) Scale(r image.Rectangle, w, h int) (*image.NRGBA, error) {
	p.calls, p.sizes = append(p.calls, r), append(p.sizes, image.Pt(w, h))
	if p.fail != nil {
		return nil, p.fail
	}
	return Lanczos(subImage(p.m, r), w, h), nil
}

// Held is Decoded with the pixels elsewhere: the same crops, the same
// outputs, every scaling inside the photo, and each output's encoder the
// one the Spec names.
func TestHeldIsDecoded(t *testing.T) {
	k := shortScale()
	u := subjectScene(900/k, 600/k)
	for _, o := range []int{1, 6} {
		img := stored(u, o)
		info := imgio.Info{Orientation: o}
		presets := []preset.Preset{scaled(mustPreset(t, "pinterest-pin"), k), scaled(mustPreset(t, "tumblr-post"), k), scaled(mustPreset(t, "snapchat-story"), k)}
		for _, strategy := range []crop.Strategy{{}, {Kind: crop.Smart}} {
			spec := Spec{Presets: presets, Crop: strategy, Brand: kit(redLogo())}
			want := Decoded(img, info, spec)
			px := &goPixels{m: img}
			encodes := 0
			spec.JPEG = func(m image.Image, q int) ([]byte, error) { encodes++; return imgio.EncodeJPEG(m, q) }
			got := Held(px, info, spec)
			for i := range want {
				if got[i].Err != nil || !bytes.Equal(got[i].Data, want[i].Data) || got[i].Crop != want[i].Crop {
					t.Errorf("orientation %d, %v, %s: Held gave %v %v (%d bytes), Decoded %v (%d bytes)", o, strategy.Kind, presets[i].ID,
						got[i].Err, got[i].Crop, len(got[i].Data), want[i].Crop, len(want[i].Data))
				}
			}
			if encodes < len(presets) {
				t.Errorf("Spec.JPEG encoded %d times for %d outputs", encodes, len(presets))
			}
			for _, r := range px.calls {
				if !r.In(img.Bounds()) {
					t.Errorf("asked to scale %v of a %v photo", r, img.Bounds())
				}
			}
			if strategy.Kind == crop.Smart && len(px.calls) != len(presets)+1 {
				t.Errorf("smart crop: %d scalings, want one small copy for the analysis and one per output", len(px.calls))
			}
		}
	}
}

// Held asks the browser for the analysis's first copy at the very size
// Decoded's first shrink makes, so that both paths finish on the same grid:
// at and around multiples of analysisMidSide, and the whole photo (only
// cut, never filtered) when it is smaller.
func TestHeldAnalysesAsDecoded(t *testing.T) {
	for _, sz := range []image.Point{{3200, 60}, {3201, 60}, {1600, 30}, {1601, 30}, {30, 4800}, {800, 60}} {
		px := &goPixels{m: image.NewRGBA(image.Rectangle{Max: sz})}
		Held(px, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{{ID: "p", Width: 10, Height: 20, MaxBytes: 1 << 20}}, Crop: crop.Strategy{Kind: crop.Smart}})
		if want := shrink(px.m, analysisMidSide).Rect.Size(); len(px.sizes) == 0 || px.calls[0] != px.m.Bounds() || px.sizes[0] != want {
			t.Errorf("%v photo: analysis copy %v of %v, want %v of the whole", sz, px.sizes, px.calls, want)
		}
	}
}

// Pixels that cannot be scaled fail each output with a reason the user
// can act on; nothing panics.
func TestHeldScaleFails(t *testing.T) {
	px := &goPixels{m: scene(400, 300), fail: errors.New("InvalidStateError")}
	outs := Held(px, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{mustPreset(t, "pinterest-pin"), mustPreset(t, "tumblr-post")}})
	for _, o := range outs {
		if o.Err == nil || o.Data != nil || !strings.Contains(o.Err.Error(), "InvalidStateError") || !strings.Contains(o.Err.Error(), "try again") {
			t.Errorf("%s: %v, %d bytes", o.Preset.ID, o.Err, len(o.Data))
		}
	}
}

// goCompositor composes like the browser does: the part scaled, on white,
// the kit drawn on a transparent layer and that layer laid over it.
type goCompositor struct {
	goPixels
	composed int
}

func (c *goCompositor) Compose(r image.Rectangle, o, w, h int, kit *brand.Kit, safe preset.Insets, q0 int) (func(q int) ([]byte, error), error) {
	c.composed++
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	photo := imgio.FlattenNRGBA(imaging.Clone(imgio.Orient(Lanczos(subImage(c.m, r), sw, sh), o)), color.White)
	layer := image.NewRGBA(photo.Rect)
	kit.Draw(layer, safe)
	draw.Draw(photo, photo.Rect, layer, image.Point{}, draw.Over)
	return func(q int) ([]byte, error) { return imgio.EncodeJPEG(photo, q) }, nil
}

// A Compositor finishes the outputs it can give exactly: JPEGs an sRGB
// photo fills, whatever the scale and the orientation; the rest is made in
// Go. Either way the outputs are what Decoded makes.
func TestHeldComposes(t *testing.T) {
	k := 2 * shortScale() // outputs of 125×187 and more still tell the paths apart
	big := subjectScene(4000/k, 3000/k)
	pin, tumblr, story := scaled(mustPreset(t, "pinterest-pin"), k), scaled(mustPreset(t, "tumblr-post"), k), scaled(mustPreset(t, "snapchat-story"), k)
	for _, tc := range []struct {
		name     string
		img      image.Image
		info     imgio.Info
		spec     Spec
		composed int
	}{
		{"reductions", big, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{pin, tumblr, story}}, 3},
		{"enlargements", subjectScene(600/k, 400/k), imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{pin, story}}, 2},
		{"mild reductions", subjectScene(1200/k, 1800/k), imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{pin}}, 1},
		{"on its side", stored(big, 6), imgio.Info{Orientation: 6}, Spec{Presets: []preset.Preset{pin, tumblr, story}}, 3},
		{"mirrored", stored(big, 2), imgio.Info{Orientation: 2}, Spec{Presets: []preset.Preset{pin, story}}, 2},
		{"transverse, mild", stored(subjectScene(1200/k, 1800/k), 7), imgio.Info{Orientation: 7}, Spec{Presets: []preset.Preset{pin}}, 1},
		{"padded", big, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{story}, Fit: FitPad}, 0},
		{"PNG", big, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{tumblr}, Output: imgio.Output{Format: imgio.PNG}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.Brand = kit(redLogo())
			want := Decoded(tc.img, tc.info, tc.spec)
			c := &goCompositor{goPixels: goPixels{m: tc.img}}
			got := Held(c, tc.info, tc.spec)
			if c.composed != tc.composed {
				t.Errorf("composed %d outputs, want %d", c.composed, tc.composed)
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.Err != nil || g.Width != w.Width || g.Height != w.Height || g.Crop != w.Crop || g.Quality != w.Quality || len(g.Notes) != len(w.Notes) {
					t.Fatalf("%s: got %v %d×%d %v q%d %q, want %d×%d %v q%d %q", w.Preset.ID, g.Err, g.Width, g.Height, g.Crop, g.Quality, g.Notes,
						w.Width, w.Height, w.Crop, w.Quality, w.Notes)
				}
				gi, _, err1 := imgio.Decode(g.Data, imgio.DefaultLimits)
				wi, _, err2 := imgio.Decode(w.Data, imgio.DefaultLimits)
				if err := errors.Join(err1, err2); err != nil {
					t.Fatal(err)
				}
				if p := psnr(t, imaging.Clone(gi), imaging.Clone(wi)); p < 45 {
					t.Errorf("%s: %.1f dB from Decoded's output", w.Preset.ID, p)
				}
			}
		})
	}
}

// TestHeldComposedCap: on the composed path (the browser's JPEG encoder)
// a preset's byte cap is met as in Go: a cap between the photo's sizes at
// qualities 30 and 85 gives a JPEG under it, at a lower quality; a cap no
// quality meets fails the output with the CapError's words, and the
// batch's other output is made.
func TestHeldComposedCap(t *testing.T) {
	img := detailed(300, 200)
	p := preset.Preset{ID: "p", Width: 150, Height: 100, MaxBytes: 1 << 20}
	enc, err := (&goCompositor{goPixels: goPixels{m: img}}).Compose(img.Bounds(), 1, 150, 100, nil, preset.Insets{}, imgio.DefaultQuality)
	if err != nil {
		t.Fatal(err)
	}
	q85, err1 := enc(85)
	q30, err2 := enc(30)
	if err := errors.Join(err1, err2); err != nil || len(q30) >= len(q85) {
		t.Fatalf("the test photo: %d bytes at q30, %d at q85 (%v)", len(q30), len(q85), err)
	}
	capped, impossible := p, p
	capped.ID, capped.MaxBytes = "capped", int64(len(q30)+len(q85))/2
	impossible.ID, impossible.MaxBytes = "impossible", 300
	c := &goCompositor{goPixels: goPixels{m: img}}
	outs := Held(c, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{capped, impossible, p}})
	if c.composed != 3 {
		t.Fatalf("composed %d outputs, want 3", c.composed)
	}
	if o := outs[0]; o.Err != nil || int64(len(o.Data)) > capped.MaxBytes || o.Quality >= 85 || o.Quality < imgio.MinQuality {
		t.Errorf("cap %d: %v, %d bytes at q%d", capped.MaxBytes, o.Err, len(o.Data), o.Quality)
	}
	var ce *imgio.CapError
	if o := outs[1]; !errors.As(o.Err, &ce) || o.Data != nil || !strings.Contains(o.Err.Error(), "at the lowest JPEG quality, over this format's 300 bytes limit") {
		t.Errorf("cap 300: %v, %d bytes", o.Err, len(o.Data))
	}
	if o := outs[2]; o.Err != nil || o.Quality != imgio.DefaultQuality || !bytes.Equal(o.Data, q85) {
		t.Errorf("no cap met: %v, q%d", o.Err, o.Quality)
	}
}

// TestMild: the engine's own Lanczos takes enlargements and reductions by
// less than 1.5× on either side; the browser's scaler the rest.
func TestMild(t *testing.T) {
	for _, tt := range []struct {
		r    image.Rectangle
		w, h int
		mild bool
	}{
		{image.Rect(0, 0, 150, 150), 100, 100, false}, // exactly 1.5×
		{image.Rect(0, 0, 149, 300), 100, 100, true},
		{image.Rect(0, 0, 300, 149), 100, 100, true},
		{image.Rect(5, 5, 105, 105), 200, 200, true},
		{image.Rect(0, 0, 4000, 3000), 1000, 1500, false},
		{image.Rect(0, 0, 4000, 3000), 1000, 2001, true},
	} {
		if got := Mild(tt.r, tt.w, tt.h); got != tt.mild {
			t.Errorf("Mild(%v → %d×%d) = %v, want %v", tt.r, tt.w, tt.h, got, tt.mild)
		}
	}
}

// TestHeldComposesEveryValidSize: outputs from 1 pixel to MaxOutputSide a
// side are composed by the browser too.
func TestHeldComposesEveryValidSize(t *testing.T) {
	c := &goCompositor{goPixels: goPixels{m: scene(64, 48)}}
	ps := []preset.Preset{{ID: "dot", Width: 1, Height: 1, MaxBytes: 1 << 20}, {ID: "long", Width: MaxOutputSide, Height: 1, MaxBytes: 1 << 20},
		{ID: "tall", Width: 1, Height: MaxOutputSide, MaxBytes: 1 << 20}}
	outs := Held(c, imgio.Info{Orientation: 1}, Spec{Presets: ps})
	if c.composed != len(ps) {
		t.Errorf("composed %d of %d outputs", c.composed, len(ps))
	}
	for _, o := range outs {
		if o.Err != nil || o.Width != o.Preset.Width || o.Height != o.Preset.Height {
			t.Errorf("%s: %v, %d×%d", o.Preset.ID, o.Err, o.Width, o.Height)
		}
	}
}

// TestLayerNotes: a brand layer left out or made smaller is in the
// output's notes, made in Go or composed, never a silent cut.
func TestLayerNotes(t *testing.T) {
	pin := scaled(mustPreset(t, "pinterest-square"), 8) // 125×125
	logo := redLogo()
	logo.Scale, logo.Anchor = 1, brand.At(geom.Center)
	k := &brand.Kit{Logo: logo, Texts: []*brand.Text{{Content: "Sale", Anchor: geom.Center, Size: 0.3},
		{Anchor: geom.Bottom, Omitted: msg.New(msg.CaptionEmpty, msg.Text("column", "Accroche"), msg.Num("line", 5))}}}
	img := subjectScene(300, 300)
	for _, spec := range []Spec{{Presets: []preset.Preset{pin}, Brand: k}, {Presets: []preset.Preset{pin}, Brand: k, Fit: FitPad}} {
		for name, outs := range map[string][]Output{"Go": Decoded(img, imgio.Info{Orientation: 1}, spec),
			"composed": Held(&goCompositor{goPixels: goPixels{m: img}}, imgio.Info{Orientation: 1}, spec)} {
			notes := msg.Join(msg.English, outs[0].Notes)
			if !strings.Contains(notes, "text 1 ") || !strings.Contains(notes, `text 2 left out: line 5 has nothing in "Accroche"`) {
				t.Errorf("%s, fit %q: notes %q", name, spec.Fit, notes)
			}
		}
	}
}
