package render

import (
	"bytes"
	"errors"
	"image"
	"strings"
	"testing"

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
