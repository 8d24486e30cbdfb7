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
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// goPixels holds a Go image as Pixels, scaling like the engine, and counts
// what it is asked.
type goPixels struct {
	m     image.Image
	calls []image.Rectangle
	fail  error
}

func (p *goPixels) Bounds() image.Rectangle { return p.m.Bounds() }

func (p *goPixels) Scale(r image.Rectangle, w, h int) (*image.NRGBA, error) {
	p.calls = append(p.calls, r)
	if p.fail != nil {
		return nil, p.fail
	}
	return Lanczos(subImage(p.m, r), w, h), nil
}

// Held is Decoded with the pixels elsewhere: the same crops, the same
// outputs, every scaling inside the photo, and each output's encoder the
// one the Spec names.
func TestHeldIsDecoded(t *testing.T) {
	u := subjectScene(900, 600)
	for _, o := range []int{1, 6} {
		img := stored(u, o)
		info := imgio.Info{Orientation: o}
		presets := []preset.Preset{mustPreset(t, "pinterest-pin"), mustPreset(t, "tumblr-post"), mustPreset(t, "snapchat-story")}
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
	big := subjectScene(4000, 3000)
	pin, tumblr, story := mustPreset(t, "pinterest-pin"), mustPreset(t, "tumblr-post"), mustPreset(t, "snapchat-story")
	for _, tc := range []struct {
		name     string
		img      image.Image
		info     imgio.Info
		spec     Spec
		composed int
	}{
		{"reductions", big, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{pin, tumblr, story}}, 3},
		{"enlargements", subjectScene(600, 400), imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{pin, story}}, 2},
		{"mild reductions", subjectScene(1200, 1800), imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{pin}}, 1},
		{"on its side", stored(big, 6), imgio.Info{Orientation: 6}, Spec{Presets: []preset.Preset{pin, tumblr, story}}, 3},
		{"mirrored", stored(big, 2), imgio.Info{Orientation: 2}, Spec{Presets: []preset.Preset{pin, story}}, 2},
		{"transverse, mild", stored(subjectScene(1200, 1800), 7), imgio.Info{Orientation: 7}, Spec{Presets: []preset.Preset{pin}}, 1},
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

// The byte cap holds on the Compositor's path (the browser's encoder) as
// in Go: a cap between what its encoder gives at MinQuality and at
// DefaultQuality is met at a quality in between, and a cap below even
// MinQuality's size fails the output with the CapError's sentence.
func TestHeldComposedByteCap(t *testing.T) {
	photo := subjectScene(1200, 800)
	size := func(q int) int {
		enc, err := (&goCompositor{goPixels: goPixels{m: photo}}).Compose(photo.Rect, 1, 600, 400, nil, preset.Insets{}, q)
		if err != nil {
			t.Fatal(err)
		}
		data, err := enc(q)
		if err != nil {
			t.Fatal(err)
		}
		return len(data)
	}
	lowest, first := size(imgio.MinQuality), size(imgio.DefaultQuality)
	if 2*lowest > first {
		t.Fatalf("the encoder gives %d bytes at q%d and %d at q%d: too close to put a cap between", lowest, imgio.MinQuality, first, imgio.DefaultQuality)
	}
	held := func(maxBytes int) Output {
		p := preset.Preset{ID: "capped", Width: 600, Height: 400, MaxBytes: int64(maxBytes)}
		c := &goCompositor{goPixels: goPixels{m: photo}}
		out := Held(c, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{p}})[0]
		if c.composed != 1 {
			t.Fatalf("cap %d: composed %d outputs, want the one output composed", maxBytes, c.composed)
		}
		return out
	}

	between := (lowest + first) / 2
	out := held(between)
	if out.Err != nil || len(out.Data) == 0 || len(out.Data) > between || out.Quality < imgio.MinQuality || out.Quality >= imgio.DefaultQuality {
		t.Errorf("cap %d (q%d gives %d bytes, q%d %d): %v, %d bytes at q%d; want the cap met at a quality in between",
			between, imgio.MinQuality, lowest, imgio.DefaultQuality, first, out.Err, len(out.Data), out.Quality)
	}
	if m, _, err := imgio.Decode(out.Data, imgio.DefaultLimits); err != nil || m.Bounds() != image.Rect(0, 0, 600, 400) {
		t.Errorf("cap %d: the output does not decode as a 600×400 JPEG: %v", between, err)
	}

	impossible := lowest / 2
	out = held(impossible)
	var ce *imgio.CapError
	if !errors.As(out.Err, &ce) || out.Data != nil {
		t.Fatalf("cap %d, under the %d bytes of q%d: %v, %d bytes; want a CapError and no bytes", impossible, lowest, imgio.MinQuality, out.Err, len(out.Data))
	}
	if want := (imgio.CapError{Max: int64(impossible), Got: int64(lowest)}).Error(); ce.Max != int64(impossible) || out.Err.Error() != want {
		t.Errorf("cap %d: %q, want %q", impossible, out.Err, want)
	}
}
