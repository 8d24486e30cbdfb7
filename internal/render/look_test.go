package render

import (
	"errors"
	"image"
	"slices"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// A Look frames each preview exactly as the batch frames its output: from
// pixels held elsewhere as Held does, from Go's pixels as Decoded does, for
// every orientation; its small picture is upright and within its side.
func TestLookFramesAsTheBatch(t *testing.T) {
	k := shortScale()
	u := subjectScene(900/k, 600/k)
	presets := []preset.Preset{scaled(mustPreset(t, "pinterest-pin"), k), scaled(mustPreset(t, "tumblr-post"), k), scaled(mustPreset(t, "snapchat-story"), k)}
	for _, o := range []int{1, 6} {
		img := stored(u, o)
		info := imgio.Info{Orientation: o}
		for _, strategy := range []crop.Strategy{{}, {Kind: crop.Smart}} {
			spec := Spec{Presets: presets, Crop: strategy}
			held, err := LookHeld(&goPixels{m: img}, info, spec, 200)
			if err != nil {
				t.Fatal(err)
			}
			decoded := LookDecoded(img, info, spec, 200)
			if strategy.Kind == crop.Smart {
				// The very analyses the batch makes: Decoded's of the photo,
				// Held's of the copy its Pixels scale.
				want, _ := heldAnalysis(&goPixels{m: img}, o)
				sameAnalysis(t, "held", held.A, want)
				sameAnalysis(t, "decoded", decoded.A, AnalysePhoto(img, o))
			} else if held.A != nil || decoded.A != nil {
				t.Errorf("orientation %d: centre crops analysed", o)
			}
			for name, l := range map[string]struct {
				look Look
				outs []Output
			}{"held": {held, Held(&goPixels{m: img}, info, spec)}, "decoded": {decoded, Decoded(img, info, spec)}} {
				if s := l.look.Small.Bounds().Size(); s != (image.Point{200, 133}) {
					t.Errorf("orientation %d, %s: small picture %v, want 200×133 (upright, at most 200)", o, name, s)
				}
				for i, p := range presets {
					m, plan := l.look.Preview(p, 120)
					if m.Rect.Empty() || plan.Crop != l.outs[i].Crop {
						t.Errorf("orientation %d, %v, %s, %s: the preview shows %v, the output %v", o, strategy.Kind, name, p.ID, plan.Crop, l.outs[i].Crop)
					}
				}
			}
		}
	}
	// Pixels that cannot be scaled leave nothing to show: an error, not a grey picture.
	if _, err := LookHeld(&goPixels{m: u, fail: errors.New("the canvas is gone")}, imgio.Info{Orientation: 1}, Spec{Presets: presets}, 200); err == nil {
		t.Error("LookHeld of pixels that cannot be scaled gave no error")
	}
}

func sameAnalysis(t *testing.T, name string, got, want *crop.Analysis) {
	t.Helper()
	if got == nil || want == nil || got.Width != want.Width || got.Height != want.Height || !slices.Equal(got.Saliency, want.Saliency) {
		t.Errorf("%s: the preview's analysis is not the batch's", name)
	}
}

// BenchmarkLookHeld is the Go side of a preview's preparation on the
// canvas path, from a 12 MP photo: the batch's analysis of its 1,600 px
// copy, then the small picture from that copy. BenchmarkLookSmallDecode
// is what previews did before: the analysis of a 480 px decode.
func BenchmarkLookHeld(b *testing.B) {
	img := stageScene(4000, 3000)
	spec := Spec{Crop: crop.Strategy{Kind: crop.Smart}, Presets: []preset.Preset{mustPreset(b, "pinterest-pin")}}
	mid := midSize(img.Bounds())
	px := &samePixels{Lanczos(img, mid.X, mid.Y), img.Bounds()} // the browser's part, not timed
	for b.Loop() {
		if _, err := LookHeld(px, imgio.Info{Orientation: 1}, spec, 480); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookSmallDecode(b *testing.B) {
	small := imaging.Resize(stageScene(4000, 3000), 480, 360, imaging.Box)
	for b.Loop() {
		AnalysePhoto(small, 1)
	}
}

// samePixels holds a photo of size full as its copy m, already scaled to
// the size asked (the browser's work done beforehand).
type samePixels struct {
	m    *image.NRGBA
	full image.Rectangle
}

func (p *samePixels) Bounds() image.Rectangle { return p.full }

func (p *samePixels) Scale(r image.Rectangle, w, h int) (*image.NRGBA, error) {
	if w != p.m.Rect.Dx() || h != p.m.Rect.Dy() {
		return Lanczos(subImage(p.m, p.m.Rect), w, h), nil
	}
	return imaging.Clone(p.m), nil
}
