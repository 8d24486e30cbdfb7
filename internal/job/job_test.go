package job

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/render"
)

// redLogo is a tiny opaque red PNG, as a marketer's logo file.
func redLogo(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		copy(m.Pix[i:], []byte{255, 0, 0, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testPhoto is a w×h JPEG with structure: gradients and blocks.
func testPhoto(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x/20 + y/20) % 2 * 200), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// small is a custom preset quick to render.
var small = preset.Preset{ID: "shop-thumb", Name: "Shop thumbnail", Width: 120, Height: 90, MaxBytes: 200 << 10,
	Safe: preset.Insets{Top: 10, Bottom: 10}}

func ids(ps []preset.Preset) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func TestJobDefaults(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Settings
	}{
		{"zero value", Settings{}},
		{"empty kit", Settings{Kit: &brand.File{Version: brand.FileVersion}}},
		{"empty JSON", mustParse(t, `{}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.s.Check(); err != nil {
				t.Fatalf("Check: %v", err)
			}
			p, err := tc.s.Plan()
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			if got := ids(p.Spec.Presets); !reflect.DeepEqual(got, preset.DefaultIDs) || len(got) != 3 {
				t.Errorf("presets %v, want the three defaults %v", got, preset.DefaultIDs)
			}
			for _, q := range p.Spec.Presets {
				if b, _ := preset.Lookup(q.ID); !reflect.DeepEqual(b, q) {
					t.Errorf("preset %s is not the built-in one", q.ID)
				}
			}
			if k := p.Spec.Crop.Kind; k != crop.Smart {
				t.Errorf("crop %q, want smart framing", k)
			}
			if p.Spec.Fit != render.FitFill && p.Spec.Fit != "" {
				t.Errorf("fit %q, want fill", p.Spec.Fit)
			}
			if p.Spec.Output.Format != imgio.JPEG && p.Spec.Output.Format != "" {
				t.Errorf("format %q, want JPEG", p.Spec.Output.Format)
			}
			if p.Spec.Output.Quality != 0 && p.Spec.Output.Quality != 85 {
				t.Errorf("quality %d, want 85", p.Spec.Output.Quality)
			}
			if p.Spec.Limits != imgio.DefaultLimits {
				t.Errorf("limits %+v, want the defaults", p.Spec.Limits)
			}
			if p.Namer.Template() != batch.DefaultTemplate {
				t.Errorf("template %q, want %q", p.Namer.Template(), batch.DefaultTemplate)
			}
			if got := p.Namer.Name("pinterest-pin", "shoot/a", 1, 1000, 1500, imgio.JPEG); got != "pinterest-pin/shoot/a.jpg" {
				t.Errorf("name %q, want pinterest-pin/shoot/a.jpg", got)
			}
			// A branded nothing: no layers at all.
			if k := p.Spec.Brand; k != nil && (k.Logo != nil || len(k.Texts) > 0 || k.Tile != nil) {
				t.Errorf("default kit has layers: %+v", k)
			}
		})
	}
}

// TestJobDefaultRendersJPEG85 renders with the default plan: JPEG at
// quality 85, framed smartly (the subject kept), filled to each preset's
// exact size.
func TestJobDefaultRendersJPEG85(t *testing.T) {
	p, err := Settings{Kit: &brand.File{Version: brand.FileVersion, Presets: []string{small.ID}, Custom: []preset.Preset{small}}}.Plan()
	if err != nil {
		t.Fatal(err)
	}
	outs, err := render.Photo(testPhoto(t, 400, 200), p.Spec)
	if err != nil || len(outs) != 1 {
		t.Fatalf("render: %v, %d outputs", err, len(outs))
	}
	o := outs[0]
	if o.Err != nil {
		t.Fatal(o.Err)
	}
	if o.Format != imgio.JPEG || o.Quality != 85 {
		t.Errorf("output %s at quality %d, want JPEG at 85", o.Format, o.Quality)
	}
	if _, f, err := image.DecodeConfig(bytes.NewReader(o.Data)); err != nil || f != "jpeg" {
		t.Errorf("output is %q: %v", f, err)
	}
	if o.Width != small.Width || o.Height != small.Height {
		t.Errorf("output %d×%d, want %d×%d", o.Width, o.Height, small.Width, small.Height)
	}
	// Smart: the crop -crop smart makes, which is not the centre here.
	sp, err := Settings{Crop: "smart", Kit: &brand.File{Version: brand.FileVersion, Presets: []string{small.ID}, Custom: []preset.Preset{small}}}.Plan()
	if err != nil {
		t.Fatal(err)
	}
	smart, err := render.Photo(testPhoto(t, 400, 200), sp.Spec)
	if err != nil || len(smart) != 1 {
		t.Fatal(err)
	}
	if c := o.Crop; c.Dy() != 200 || c != smart[0].Crop {
		t.Errorf("crop %v, -crop smart gives %v", c, smart[0].Crop)
	}
}

func mustParse(t *testing.T, s string) Settings {
	t.Helper()
	v, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestJobBadSettings(t *testing.T) {
	logo := redLogo(t, 8, 4)
	kit := func(f func(*brand.File)) *brand.File {
		k := &brand.File{Version: brand.FileVersion}
		f(k)
		return k
	}
	for _, tc := range []struct {
		name string
		s    Settings
		want []string // every fragment is in the error
	}{
		{"crop", Settings{Crop: "diagonal"}, []string{"frame", `"diagonal"`, "smart", "focal", "top-left", "bottom-right"}},
		{"fit", Settings{Fit: "stretch"}, []string{"fit", `"stretch"`, "fill", "pad", "blur"}},
		{"pad colour", Settings{Fit: "pad", Pad: "#12"}, []string{"background colour", `"#12"`, "#FF8800"}},
		{"pad colour word", Settings{Fit: "pad", Pad: "red"}, []string{"background colour", `"red"`}},
		{"format", Settings{Format: "gif"}, []string{`"gif"`, "JPEG", "PNG"}},
		{"quality high", Settings{Quality: 101}, []string{"quality", "101", "1 to 100"}},
		{"quality negative", Settings{Quality: -5}, []string{"quality", "-5"}},
		{"name unknown token", Settings{Name: "{preset}/{nam}"}, []string{"naming template", "{nam}"}},
		{"name without name", Settings{Name: "{preset}-{w}x{h}"}, []string{"naming template", "{name}"}},
		{"name escapes", Settings{Name: "../{name}"}, []string{"naming template", ".."}},
		{"name absolute", Settings{Name: "/tmp/{name}"}, []string{"naming template", "/"}},
		{"name brace", Settings{Name: "{name"}, []string{"naming template", "{"}},
		{"unknown preset", Settings{Kit: kit(func(k *brand.File) { k.Presets = []string{"pinterest-pin", "myspace"} })},
			[]string{"unknown", `"myspace"`, "pinterest-pin", "snapchat-story"}},
		{"custom preset unknown until defined", Settings{Kit: kit(func(k *brand.File) { k.Presets = []string{small.ID} })},
			[]string{"unknown", small.ID}},
		{"no preset ticked", Settings{Kit: kit(func(k *brand.File) { k.Presets = []string{" "} })},
			[]string{"no format", "tick at least one"}},
		{"kit version", Settings{Kit: kit(func(k *brand.File) { k.Version = 7 })}, []string{"version", "7"}},
		{"kit custom preset", Settings{Kit: kit(func(k *brand.File) {
			k.Custom = []preset.Preset{{ID: "Bad ID", Width: 10, Height: 10, MaxBytes: 1}}
		})}, []string{`"Bad ID"`, "a to z"}},
		{"kit custom clashes with built-in", Settings{Kit: kit(func(k *brand.File) {
			k.Custom = []preset.Preset{{ID: "pinterest-pin", Width: 10, Height: 10, MaxBytes: 1}}
		})}, []string{`"pinterest-pin"`, "picmark's formats"}},
		{"kit logo empty", Settings{Kit: kit(func(k *brand.File) { k.Logo = &brand.LogoFile{} })}, []string{"logo", "no image"}},
		{"kit logo SVG", Settings{Kit: kit(func(k *brand.File) {
			k.Logo = &brand.LogoFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)}
		})}, []string{"logo", "SVG", "PNG"}},
		{"kit logo not an image", Settings{Kit: kit(func(k *brand.File) { k.Logo = &brand.LogoFile{Data: []byte("hello")} })},
			[]string{"logo"}},
		{"kit logo anchor", Settings{Kit: kit(func(k *brand.File) { k.Logo = &brand.LogoFile{Data: logo, Anchor: "upstairs"} })},
			[]string{"logo", "upstairs"}},
		{"kit logo opacity", Settings{Kit: kit(func(k *brand.File) {
			o := 2.0
			k.Logo = &brand.LogoFile{Data: logo, Opacity: &o}
		})}, []string{"logo", "opacity", "2"}},
		{"kit text empty", Settings{Kit: kit(func(k *brand.File) { k.Texts = []brand.TextFile{{Content: "  "}} })},
			[]string{"text 1", "is empty"}},
		{"kit text colour", Settings{Kit: kit(func(k *brand.File) { k.Texts = []brand.TextFile{{Content: "Sale", Color: "#12"}} })},
			[]string{"text 1", "colour", `"#12"`}},
		{"kit text font", Settings{Kit: kit(func(k *brand.File) { k.Texts = []brand.TextFile{{Content: "Sale", Font: "comic"}} })},
			[]string{"text 1", `"comic"`, "regular"}},
		{"kit tile without logo or text", Settings{Kit: kit(func(k *brand.File) { k.Tile = &brand.TileFile{} })},
			[]string{"tiled watermark", "logo", "text"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkErr := tc.s.Check()
			p, planErr := tc.s.Plan()
			if checkErr == nil || planErr == nil {
				t.Fatalf("Check: %v; Plan: %v; want both to refuse", checkErr, planErr)
			}
			if p != nil {
				t.Error("Plan returned a plan with its error")
			}
			// The page's Check and the workers' Plan say the same words.
			if checkErr.Error() != planErr.Error() {
				t.Errorf("Check says %q, Plan says %q", checkErr, planErr)
			}
			said := checkErr.Error()
			for _, w := range tc.want {
				if !strings.Contains(said, w) {
					t.Errorf("error %q lacks %q", said, w)
				}
			}
			// Said in French, as French is written: never the English.
			if fr := msg.Reason(checkErr, msg.French); fr == said {
				t.Errorf("%q has no French", said)
			} else {
				// A naming template's parts ({col:Column}) are written as
				// typed, not as French.
				for _, p := range msg.Typography(tokens.ReplaceAllString(fr, "")) {
					t.Errorf("in French: %s in %q", p, fr)
				}
			}
			// Plain words: no Go type or package names, no file paths.
			for _, bad := range []string{"json:", "*", "main.", "imgio", "brand.", "preset.", "%!"} {
				if strings.Contains(said, bad) {
					t.Errorf("error %q is not plain (has %q)", said, bad)
				}
			}
		})
	}
}

var tokens = regexp.MustCompile(`\{[^{}]*\}`)

func TestJobGoodValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		s     Settings
		check func(t *testing.T, p *Plan)
	}{
		{"anchor crop", Settings{Crop: "top-left"}, func(t *testing.T, p *Plan) {
			if want, _ := crop.Parse("top-left"); p.Spec.Crop != want {
				t.Errorf("crop %+v, want %+v", p.Spec.Crop, want)
			}
		}},
		{"smart crop", Settings{Crop: "smart"}, func(t *testing.T, p *Plan) {
			if p.Spec.Crop.Kind != crop.Smart {
				t.Errorf("crop %+v, want smart", p.Spec.Crop)
			}
		}},
		{"focal with point", Settings{Crop: "focal", Focal: &crop.Point{X: 0.2, Y: 0.7}}, func(t *testing.T, p *Plan) {
			if p.Spec.Crop != (crop.Strategy{Kind: crop.Focal, Focal: crop.Point{X: 0.2, Y: 0.7}}) {
				t.Errorf("crop %+v, want focal at 0.2,0.7", p.Spec.Crop)
			}
		}},
		{"focal without point is the centre", Settings{Crop: "focal"}, func(t *testing.T, p *Plan) {
			if p.Spec.Crop.Kind != crop.Focal || p.Spec.Crop.Focal != (crop.Point{X: 0.5, Y: 0.5}) {
				t.Errorf("crop %+v, want focal at the centre", p.Spec.Crop)
			}
		}},
		{"pad colour", Settings{Fit: "pad", Pad: "#3366cc"}, func(t *testing.T, p *Plan) {
			if p.Spec.Fit != render.FitPad || p.Spec.Pad != (color.NRGBA{0x33, 0x66, 0xCC, 0xFF}) {
				t.Errorf("fit %q pad %v, want pad on #3366CC", p.Spec.Fit, p.Spec.Pad)
			}
		}},
		{"blur", Settings{Fit: "blur"}, func(t *testing.T, p *Plan) {
			if p.Spec.Fit != render.FitBlur {
				t.Errorf("fit %q, want blur", p.Spec.Fit)
			}
		}},
		{"png", Settings{Format: "PNG"}, func(t *testing.T, p *Plan) {
			if p.Spec.Output.Format != imgio.PNG {
				t.Errorf("format %q, want PNG", p.Spec.Output.Format)
			}
		}},
		{"quality", Settings{Quality: 40}, func(t *testing.T, p *Plan) {
			if p.Spec.Output.Quality != 40 {
				t.Errorf("quality %d, want 40", p.Spec.Output.Quality)
			}
		}},
		{"name", Settings{Name: "{preset}-{name}-{w}x{h}"}, func(t *testing.T, p *Plan) {
			if got := p.Namer.Name("tumblr-avatar", "shoot/a", 3, 512, 512, imgio.PNG); got != "tumblr-avatar-a-512x512.png" {
				t.Errorf("name %q", got)
			}
		}},
		{"custom preset chosen", Settings{Kit: &brand.File{Version: brand.FileVersion, Presets: []string{small.ID, "tumblr-avatar"},
			Custom: []preset.Preset{small}}}, func(t *testing.T, p *Plan) {
			if got := ids(p.Spec.Presets); strings.Join(got, ",") != small.ID+",tumblr-avatar" {
				t.Errorf("presets %v, want the kit's, in its order", got)
			}
			if p.Spec.Presets[0].Width != small.Width || p.Spec.Presets[0].Safe != small.Safe {
				t.Errorf("custom preset %+v lost its size or safe zone", p.Spec.Presets[0])
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.s.Check(); err != nil {
				t.Fatalf("Check: %v", err)
			}
			p, err := tc.s.Plan()
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			tc.check(t, p)
		})
	}
}

// TestJobPlanDecodesCheckDoesNot: Check runs on the page's UI thread and
// must not decode the logo; Plan (in the workers) does, once.
func TestJobPlanDecodesCheckDoesNot(t *testing.T) {
	good := Settings{Kit: &brand.File{Version: brand.FileVersion, Logo: &brand.LogoFile{Data: redLogo(t, 8, 4)}}}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	p, err := good.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if p.Spec.Brand == nil || p.Spec.Brand.Logo == nil || p.Spec.Brand.Logo.Image == nil {
		t.Fatal("Plan did not decode the logo")
	}
	if b := p.Spec.Brand.Logo.Image.Bounds(); b.Dx() != 8 || b.Dy() != 4 {
		t.Errorf("decoded logo is %v, want 8×4", b)
	}
	if r, _, _, a := p.Spec.Brand.Logo.Image.At(3, 2).RGBA(); r>>8 != 255 || a>>8 != 255 {
		t.Errorf("decoded logo pixel is not opaque red")
	}

	// A PNG signature followed by garbage: sniffing says PNG, decoding fails.
	broken := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("garbage!"), 8)...)
	bad := Settings{Kit: &brand.File{Version: brand.FileVersion, Logo: &brand.LogoFile{Data: broken}}}
	if err := bad.Check(); err != nil {
		t.Fatalf("Check decoded the logo: %v", err)
	}
	p, err = bad.Plan()
	if err == nil || p != nil {
		t.Fatalf("Plan accepted a broken logo (plan %v)", p)
	}
	if !strings.Contains(err.Error(), "logo") {
		t.Errorf("Plan's error %q does not name the logo", err)
	}

	// The same for a custom font: Check leaves it alone, Plan parses it.
	font := Settings{Kit: &brand.File{Version: brand.FileVersion, Texts: []brand.TextFile{{Content: "Sale", FontData: []byte("not a font at all")}}}}
	if err := font.Check(); err != nil {
		t.Fatalf("Check parsed the font: %v", err)
	}
	if _, err := font.Plan(); err == nil || !strings.Contains(err.Error(), "text 1") {
		t.Errorf("Plan with a broken font: %v, want an error naming text 1", err)
	}
}

// TestJobPhotoFocal: a focal point set on one photo overrides the batch's
// strategy for that photo in every format, and leaves the plan alone.
func TestJobPhotoFocal(t *testing.T) {
	tall := preset.Preset{ID: "shop-tall", Width: 60, Height: 120, MaxBytes: 200 << 10}
	s := Settings{Crop: "smart", Kit: &brand.File{Version: brand.FileVersion, Presets: []string{small.ID, tall.ID},
		Custom: []preset.Preset{small, tall}}}
	p, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	before := p.Spec
	before.Presets = append([]preset.Preset(nil), p.Spec.Presets...)

	if got := p.Photo(nil, nil); !reflect.DeepEqual(got, p.Spec) {
		t.Errorf("Photo(nil) = %+v, want the plan's Spec", got)
	}
	pt := crop.Point{X: 0.9, Y: 0.1}
	one := p.Photo(&pt, nil)
	if one.Crop != (crop.Strategy{Kind: crop.Focal, Focal: pt}) {
		t.Errorf("Photo(focal).Crop = %+v, want focal at %v", one.Crop, pt)
	}
	if !reflect.DeepEqual(p.Spec, before) || p.Spec.Crop.Kind != crop.Smart {
		t.Errorf("Photo changed the plan: %+v", p.Spec.Crop)
	}
	// Everything else is the batch's.
	one.Crop = p.Spec.Crop
	if !reflect.DeepEqual(one, p.Spec) {
		t.Error("Photo(focal) changed more than the crop")
	}

	// Rendered: every format's crop holds the point and is pushed to the
	// side it names; a point on the other side gives another crop.
	const w, h = 600, 400
	data := testPhoto(t, w, h)
	crops := map[crop.Point][]image.Rectangle{}
	for _, pt := range []crop.Point{{X: 0.95, Y: 0.1}, {X: 0.05, Y: 0.9}} {
		outs, err := render.Photo(data, p.Photo(&pt, nil))
		if err != nil {
			t.Fatal(err)
		}
		at := image.Pt(int(pt.X*w), int(pt.Y*h))
		for _, o := range outs {
			if o.Err != nil {
				t.Fatalf("%s: %v", o.Preset.ID, o.Err)
			}
			if !at.In(o.Crop) {
				t.Errorf("%s: crop %v misses the focal point %v", o.Preset.ID, o.Crop, at)
			}
			if pt.X > 0.5 && o.Crop.Max.X != w || pt.X < 0.5 && o.Crop.Min.X != 0 {
				t.Errorf("%s: crop %v is not pushed to the side of %v", o.Preset.ID, o.Crop, pt)
			}
			crops[pt] = append(crops[pt], o.Crop)
		}
	}
	if len(crops) != 2 || reflect.DeepEqual(crops[crop.Point{X: 0.95, Y: 0.1}], crops[crop.Point{X: 0.05, Y: 0.9}]) {
		t.Errorf("two focal points gave the same crops: %v", crops)
	}
}

// TestJobJSONRoundTrip: the page sends Settings as JSON to its workers; the
// plan made from what arrives is the plan made from what was sent.
func TestJobJSONRoundTrip(t *testing.T) {
	op, margin := 1.0, 0.05
	sent := Settings{
		Kit: &brand.File{
			Version: brand.FileVersion,
			Name:    "Spring",
			Presets: []string{small.ID, "shop-square"},
			Custom:  []preset.Preset{small, {ID: "shop-square", Width: 100, Height: 100, MaxBytes: 100 << 10}},
			Logo:    &brand.LogoFile{Data: redLogo(t, 16, 8), Anchor: "top-left", Scale: 0.3, Opacity: &op, Margin: &margin},
			Texts:   []brand.TextFile{{Content: "Spring sale", Color: "#FFEE00", Band: "#00000080", Anchor: "bottom", Size: 0.08}},
			Tile:    &brand.TileFile{Opacity: 0.2},
		},
		Crop:    "focal",
		Focal:   &crop.Point{X: 0.25, Y: 0.75},
		Fit:     "pad",
		Pad:     "#3366CC",
		Format:  "png",
		Quality: 70,
		Name:    "{index}-{preset}-{name}",
	}
	data, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing is lost or added on the way.
	if again, _ := json.Marshal(got); !bytes.Equal(data, again) {
		t.Errorf("JSON changed on the trip:\n%s\n%s", data, again)
	}
	p1, err := sent.Plan()
	if err != nil {
		t.Fatal(err)
	}
	p2, err := got.Plan()
	if err != nil {
		t.Fatal(err)
	}
	// The decoded kit holds fonts; compare it by where its layers land and
	// by what it draws, the rest field by field.
	s1, s2 := p1.Spec, p2.Spec
	s1.Brand, s2.Brand = nil, nil
	if !reflect.DeepEqual(s1, s2) {
		t.Errorf("specs differ after the JSON trip:\n sent %+v\n got  %+v", s1, s2)
	}
	if p1.Namer.Template() != p2.Namer.Template() {
		t.Errorf("templates differ: %q, %q", p1.Namer.Template(), p2.Namer.Template())
	}
	for _, q := range p1.Spec.Presets {
		canvas := image.Rect(0, 0, q.Width, q.Height)
		if r1, r2 := p1.Spec.Brand.Rects(canvas, q.Safe), p2.Spec.Brand.Rects(canvas, q.Safe); !reflect.DeepEqual(r1, r2) || len(r1) != 3 {
			t.Errorf("%s: layers land at %+v, after the trip at %+v", q.ID, r1, r2)
		}
	}
	photo := testPhoto(t, 300, 200)
	o1, err1 := render.Photo(photo, p1.Spec)
	o2, err2 := render.Photo(photo, p2.Spec)
	if err1 != nil || err2 != nil || len(o1) != 2 || len(o2) != 2 {
		t.Fatalf("render: %v, %v", err1, err2)
	}
	for i := range o1 {
		if o1[i].Err != nil || !bytes.Equal(o1[i].Data, o2[i].Data) {
			t.Errorf("%s: outputs differ after the JSON trip (%v)", o1[i].Preset.ID, o1[i].Err)
		}
		if o1[i].Format != imgio.PNG {
			t.Errorf("%s: %s, want PNG", o1[i].Preset.ID, o1[i].Format)
		}
	}
}

func TestJobParseErrors(t *testing.T) {
	for _, in := range []string{`{`, `[]`, `{"quality":"high"}`, `{"kit":{"presets":"pinterest-pin"}}`} {
		if _, err := Parse([]byte(in)); err == nil || !strings.Contains(err.Error(), "settings could not be read") {
			t.Errorf("Parse(%s) = %v, want a plain error about the settings", in, err)
		}
	}
}
