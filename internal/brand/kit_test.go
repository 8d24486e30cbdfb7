package brand

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand"
	"strings"
	"testing"

	"picmark/internal/geom"
	"picmark/internal/preset"
)

var (
	red  = color.NRGBA{255, 0, 0, 255}
	redA = color.RGBA{255, 0, 0, 255}
)

// testSizes are the canvases every property is checked on: the extremes
// marketers meet (a 128 px avatar, a 3000×1055 header, a 1080×1920 story,
// a thin banner) and random sizes and aspects from a fixed seed.
func testSizes() [][2]int {
	sizes := [][2]int{{128, 128}, {3000, 1055}, {1080, 1920}, {1584, 396}, {512, 512}, {1000, 1500},
		{1280, 720}, {1640, 624}, {200, 60}, {60, 200}, {1000, 2100}}
	rng := rand.New(rand.NewSource(3))
	n := 24
	if testing.Short() {
		n = 6
	}
	for i := 0; i < n; i++ {
		w := 100 + rng.Intn(3100)
		aspect := math.Exp((rng.Float64()*2 - 1) * math.Log(4)) // 1:4 … 4:1
		h := max(40, int(float64(w)/aspect))
		sizes = append(sizes, [2]int{w, h})
	}
	return sizes
}

// scaledInsets are p's safe insets scaled from p's size to w×h, as a
// preset's safe zone is a share of its own canvas.
func scaledInsets(p preset.Preset, w, h int) preset.Insets {
	ph := p.Height
	if ph == 0 {
		ph = p.MaxHeight
	}
	if ph == 0 {
		ph = h
	}
	return preset.Insets{Top: p.Safe.Top * h / ph, Bottom: p.Safe.Bottom * h / ph,
		Left: p.Safe.Left * w / p.Width, Right: p.Safe.Right * w / p.Width}
}

// safeZones are the distinct safe zones of every built-in preset (and none),
// scaled to w×h.
func safeZones(w, h int) []preset.Insets {
	seen := map[preset.Insets]bool{}
	var out []preset.Insets
	for _, p := range append([]preset.Preset{{Width: 1, Height: 1}}, preset.All()...) {
		s := scaledInsets(p, w, h)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// visible is what the platform leaves of canvas under safe, from the raw
// insets (safeArea is the code under test). When the insets leave nothing
// it is inverted, so that no layer is inside it.
func visible(canvas image.Rectangle, safe preset.Insets) image.Rectangle {
	return image.Rectangle{Min: image.Pt(canvas.Min.X+safe.Left, canvas.Min.Y+safe.Top),
		Max: image.Pt(canvas.Max.X-safe.Right, canvas.Max.Y-safe.Bottom)}
}

func redLogo() *Logo {
	return &Logo{Image: solid(60, 30, red), Scale: 0.2, Opacity: 1}
}

// kits are the layers under test, each alone so that its pixels can be
// told apart, and all together.
func kits(a geom.Anchor, rng *rand.Rand) map[string]*Kit {
	band := red
	logo := redLogo()
	logo.Anchor = At(a)
	logo.Scale = []float64{0.05, 0.2, 0.5, 1}[rng.Intn(4)]
	return map[string]*Kit{
		"logo": {Logo: logo},
		"band": {Texts: []*Text{{Content: "Summer sale — 30% off everything in the shop this week",
			Color: red, Band: &band, Anchor: a, Size: []float64{0.03, 0.05, 0.1}[rng.Intn(3)]}}},
		"shadow": {Texts: []*Text{{Content: "@acme", Shadow: true, Anchor: a, Size: 0.2}}},
		"tile":   {Tile: &Tile{Text: "ACME", Color: red, Angle: float64(rng.Intn(91) - 45), Opacity: 1}},
		"all": {Logo: logo, Tile: &Tile{Angle: 30}, Texts: []*Text{
			{Content: "A very long caption that must wrap over several lines or shrink to fit the safe area", Anchor: a, Shadow: true},
			{Content: "#2", Anchor: geom.Anchors()[rng.Intn(9)], Band: &band, Margin: -1}}},
	}
}

// TestLayersInsideSafeArea: over many canvases × every built-in safe zone
// × every anchor, every layer Rects reports is wholly inside the safe
// area, and skipped layers say why.
func TestLayersInsideSafeArea(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, sz := range testSizes() {
		canvas := image.Rect(0, 0, sz[0], sz[1])
		for _, safe := range safeZones(sz[0], sz[1]) {
			area := visible(canvas, safe)
			for _, a := range geom.Anchors() {
				for name, k := range kits(a, rng) {
					for _, lr := range k.Rects(canvas, safe) {
						switch {
						case lr.Skipped && (!lr.Rect.Empty() || lr.Reason.IsZero()):
							t.Errorf("%v %+v %v %s: skipped %s has rect %v, reason %q", sz, safe, a, name, lr.Layer, lr.Rect, lr.Reason)
						case !lr.Skipped && (lr.Rect.Empty() || !lr.Rect.In(area)):
							t.Errorf("%v %+v %v %s: %s at %v, outside the safe area %v", sz, safe, a, name, lr.Layer, lr.Rect, area)
						}
					}
				}
			}
		}
	}
}

// TestDrawInsideSafeArea draws the kits and checks the pixels: nothing
// changes outside the safe area, the logo and the red band are found at
// the centre of their rect, and the tile changes pixels inside the area.
// Each canvas × safe zone draws one kit, in turn, at a random anchor:
// drawing is what costs, and Rects is checked on every combination above.
func TestDrawInsideSafeArea(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	names := []string{"logo", "band", "shadow", "tile", "all"}
	turn, centres, tried := 0, 0, 0
	for _, sz := range testSizes() {
		base, dst := grey(sz[0], sz[1]), grey(sz[0], sz[1])
		for _, safe := range safeZones(sz[0], sz[1]) {
			area := visible(base.Rect, safe)
			a := geom.Anchors()[rng.Intn(9)]
			name := names[turn%len(names)]
			turn++
			k := kits(a, rng)[name]
			copy(dst.Pix, base.Pix)
			k.Draw(dst, safe)
			where := fmt.Sprintf("%v %+v %v %s", sz, safe, a, name)
			if p, ok := changedOutside(base, dst, area); ok {
				t.Errorf("%s: pixel %v changed outside the safe area %v", where, p, area)
			}
			for _, lr := range k.Rects(base.Rect, safe) {
				if name == "logo" || name == "band" {
					tried++
				}
				if lr.Skipped {
					continue
				}
				c := lr.Rect.Min.Add(lr.Rect.Size().Div(2))
				got := dst.RGBAAt(c.X, c.Y)
				switch name {
				case "logo", "band":
					centres++
					if got != redA {
						t.Errorf("%s: %s centre %v = %v, want red", where, lr.Layer, c, got)
					}
				case "tile":
					if bytes.Equal(base.Pix, dst.Pix) {
						t.Errorf("%s: the tile drew nothing", where)
					}
				}
			}
		}
	}
	if tried == 0 || centres < tried*9/10 {
		t.Errorf("only %d of %d logos and bands drawn: too many layers skipped", centres, tried)
	}
}

// changedOutside finds a pixel of dst outside area that differs from base.
func changedOutside(base, dst *image.RGBA, area image.Rectangle) (image.Point, bool) {
	for y := base.Rect.Min.Y; y < base.Rect.Max.Y; y++ {
		i := base.PixOffset(base.Rect.Min.X, y)
		row, drow := base.Pix[i:i+4*base.Rect.Dx()], dst.Pix[i:i+4*base.Rect.Dx()]
		spans := [][2]int{{0, len(row)}}
		if y >= area.Min.Y && y < area.Max.Y {
			spans = [][2]int{{0, 4 * (area.Min.X - base.Rect.Min.X)}, {4 * (area.Max.X - base.Rect.Min.X), len(row)}}
		}
		for _, s := range spans {
			if !bytes.Equal(row[s[0]:s[1]], drow[s[0]:s[1]]) {
				for j := s[0]; j < s[1]; j++ {
					if row[j] != drow[j] {
						return image.Pt(base.Rect.Min.X+j/4, y), true
					}
				}
			}
		}
	}
	return image.Point{}, false
}

// TestDefaultKitFitsEveryPreset: a typical kit (logo, short caption,
// tiled text) fits, unskipped, on every built-in preset at its own size,
// on a 128 px avatar and inside the avatar's safe circle.
func TestDefaultKitFitsEveryPreset(t *testing.T) {
	kit := &Kit{Logo: DefaultLogo(solid(300, 100, red)), Texts: []*Text{{Content: "@acme", Anchor: geom.Bottom, Shadow: true}},
		Tile: &Tile{Angle: 30}}
	type c struct {
		name string
		w, h int
		safe preset.Insets
	}
	cases := []c{{"avatar 128", 128, 128, preset.Insets{}}, {"avatar 128 safe", 128, 128, preset.Insets{Top: 19, Right: 19, Bottom: 19, Left: 19}}}
	for _, p := range preset.All() {
		h := p.Height
		if p.WidthOnly() {
			h = p.MaxHeight
		}
		cases = append(cases, c{p.ID, p.Width, h, p.Safe})
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			for _, lr := range kit.Rects(image.Rect(0, 0, tt.w, tt.h), tt.safe) {
				if lr.Skipped {
					t.Errorf("%s skipped: %s", lr.Layer, lr.Reason)
				}
			}
		})
	}
}

// TestSizesScale: layers are relative to the output, so the logo and the
// text on a 3000 px header are much bigger than on a 128 px avatar, and
// never below their legible minimum.
func TestSizesScale(t *testing.T) {
	kit := &Kit{Logo: DefaultLogo(solid(200, 100, red)), Texts: []*Text{{Content: "Acme", Anchor: geom.TopLeft}}}
	small := kit.Rects(image.Rect(0, 0, 128, 128), preset.Insets{})
	big := kit.Rects(image.Rect(0, 0, 3000, 1055), preset.Insets{Left: 300, Right: 300})
	for i := range small {
		s, b := small[i].Rect, big[i].Rect
		if s.Dy() < MinTextPx || b.Dy() < 4*s.Dy() {
			t.Errorf("%s: %v on the avatar, %v on the header", small[i].Layer, s, b)
		}
	}
	if w := big[0].Rect.Dx(); w != 600 {
		t.Errorf("logo on a 3000 px header is %d wide, want 20%% = 600", w)
	}
}

func TestSkipped(t *testing.T) {
	tests := []struct {
		name   string
		kit    *Kit
		canvas image.Rectangle
		safe   preset.Insets
		reason string
	}{
		{"logo on a tiny canvas", &Kit{Logo: redLogo()}, image.Rect(0, 0, 16, 16), preset.Insets{}, "no room for the logo"},
		{"long word", &Kit{Texts: []*Text{{Content: "Supercalifragilisticexpialidocious"}}}, image.Rect(0, 0, 100, 100), preset.Insets{}, "no room for the text"},
		{"empty text", &Kit{Texts: []*Text{{Content: "  "}}}, image.Rect(0, 0, 100, 100), preset.Insets{}, "the text is empty"},
		{"safe zone eats all", &Kit{Texts: []*Text{{Content: "hi"}}}, image.Rect(0, 0, 100, 100), preset.Insets{Left: 60, Right: 60}, "no room for the text"},
		{"tile without logo nor text", &Kit{Tile: &Tile{}}, image.Rect(0, 0, 100, 100), preset.Insets{}, "needs a logo or a text"},
		{"tile on an empty area", &Kit{Tile: &Tile{Text: "x"}}, image.Rect(0, 0, 100, 100), preset.Insets{Top: 100}, "safe area is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := tt.kit.Rects(tt.canvas, tt.safe)
			if len(rs) != 1 || !rs[0].Skipped || !strings.Contains(rs[0].Reason.String(), tt.reason) {
				t.Errorf("Rects = %+v, want one skipped layer saying %q", rs, tt.reason)
			}
			dst := grey(tt.canvas.Dx(), tt.canvas.Dy())
			tt.kit.Draw(dst, tt.safe)
			if !bytes.Equal(dst.Pix, grey(tt.canvas.Dx(), tt.canvas.Dy()).Pix) {
				t.Error("a skipped layer drew something")
			}
		})
	}
}

// TestTextWrapsAndAligns: long text wraps into several lines; the block
// is as wide as its longest line; an anchor on the left aligns left.
func TestTextWrapsAndAligns(t *testing.T) {
	canvas := image.Rect(0, 0, 400, 400)
	one := (&Kit{Texts: []*Text{{Content: "Sale", Size: 0.1}}}).Rects(canvas, preset.Insets{})[0].Rect
	long := (&Kit{Texts: []*Text{{Content: "Sale sale sale sale sale sale sale sale sale sale sale", Size: 0.1}}}).Rects(canvas, preset.Insets{})[0].Rect
	if long.Dy() < 3*one.Dy()/2 {
		t.Errorf("long text %v is not taller than one line %v: it did not wrap", long, one)
	}
	if long.Dx() > 400-2*12 {
		t.Errorf("long text %v wider than the canvas minus margins", long)
	}
	breaks := (&Kit{Texts: []*Text{{Content: "Sale\n\nSale", Size: 0.1}}}).Rects(canvas, preset.Insets{})[0].Rect
	if breaks.Dx() != one.Dx() || breaks.Dy() < 2*one.Dy() {
		t.Errorf("three lines %v, one line %v", breaks, one)
	}
	left := (&Kit{Texts: []*Text{{Content: "Sale", Size: 0.1, Anchor: geom.TopLeft}}}).Rects(canvas, preset.Insets{Left: 50})[0].Rect
	if left.Min != image.Pt(50+12, 12) {
		t.Errorf("top-left text at %v, want at (62,12): safe edge + 3%% margin", left.Min)
	}
}

// TestTextShrinks: text too big for the safe area shrinks rather than
// being cut or skipped.
func TestTextShrinks(t *testing.T) {
	canvas := image.Rect(0, 0, 300, 100)
	r := (&Kit{Texts: []*Text{{Content: "Big headline", Size: 0.5}}}).Rects(canvas, preset.Insets{})[0]
	if r.Skipped || !r.Rect.In(canvas) || r.Rect.Dy() >= 100 {
		t.Errorf("%+v", r)
	}
}

func TestNilKit(t *testing.T) {
	var k *Kit
	k.Draw(grey(10, 10), preset.Insets{})
	if k.Rects(image.Rect(0, 0, 10, 10), preset.Insets{}) != nil {
		t.Error("a nil kit has layers")
	}
	(&Kit{Texts: []*Text{nil}}).Draw(grey(10, 10), preset.Insets{})
}

// BenchmarkKitDraw: a full kit on a 3000×1055 header (≈20 ms on one
// core: the tile is rotated once, then stamped).
func BenchmarkKitDraw(b *testing.B) {
	kit := &Kit{Logo: DefaultLogo(solid(300, 100, red)), Texts: []*Text{{Content: "Summer sale — 30% off", Shadow: true}},
		Tile: &Tile{Angle: 30}}
	dst := grey(3000, 1055)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		kit.Draw(dst, preset.Insets{Left: 300, Right: 300})
	}
}

// TestTextExactFit: a text block that fits a safe area keeps its size in a
// safe area cut to exactly its size (margins aside), one word, two words on
// one line, a band or a shadow alike; one pixel less and it shrinks or
// wraps. Trailing blank lines take no room.
func TestTextExactFit(t *testing.T) {
	canvas := image.Rect(0, 0, 1000, 1000)
	band := red
	for _, tx := range []*Text{
		{Content: "Supercalifragilistic", Size: 0.05, Anchor: geom.TopLeft},
		{Content: "Summer sale", Size: 0.05, Anchor: geom.TopLeft},
		{Content: "Summer sale", Size: 0.05, Anchor: geom.TopLeft, Band: &band},
		{Content: "Sale\nnow on", Size: 0.04, Anchor: geom.TopLeft, Shadow: true},
	} {
		k := &Kit{Texts: []*Text{tx}}
		free := k.Rects(canvas, preset.Insets{})[0].Rect
		m := free.Min.X // the margin: top-left anchored
		for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}} {
			safe := preset.Insets{Right: 1000 - free.Dx() - 2*m + d[0], Bottom: 1000 - free.Dy() - 2*m + d[1]}
			got := k.Rects(canvas, safe)[0]
			if fits := d == [2]int{}; got.Skipped || fits != (got.Rect == free) {
				t.Errorf("%q in %d×%d free, less %v: %v (skipped %v), %v alone", tx.Content, free.Dx(), free.Dy(), d, got.Rect, got.Skipped, free)
			}
		}
	}
	// A few pixels too narrow for one line (less than its shadow), a
	// shadowed text wraps, at its size, rather than shrink.
	line := (&Kit{Texts: []*Text{{Content: "Summer sale", Size: 0.05, Shadow: true, Anchor: geom.TopLeft}}}).Rects(canvas, preset.Insets{})[0].Rect
	lines := (&Kit{Texts: []*Text{{Content: "Summer\nsale", Size: 0.05, Shadow: true, Anchor: geom.TopLeft}}}).Rects(canvas, preset.Insets{})[0].Rect
	narrow := preset.Insets{Right: 1000 - line.Dx() - 2*line.Min.X + 2}
	if got := (&Kit{Texts: []*Text{{Content: "Summer sale", Size: 0.05, Shadow: true, Anchor: geom.TopLeft}}}).Rects(canvas, narrow)[0].Rect; got != lines {
		t.Errorf("2 px too narrow for %v: %v, want the two lines %v", line, got, lines)
	}
	one := (&Kit{Texts: []*Text{{Content: "Sale", Size: 0.05}}}).Rects(canvas, preset.Insets{})[0].Rect
	blank := (&Kit{Texts: []*Text{{Content: "Sale\n\n\n", Size: 0.05}}}).Rects(canvas, preset.Insets{})[0].Rect
	if blank != one {
		t.Errorf("with trailing blank lines %v, without %v", blank, one)
	}
}

// TestTextAlignsLines: the lines of a text block align with its anchor:
// left, centred or right, inside the block's padding.
func TestTextAlignsLines(t *testing.T) {
	canvas := image.Rect(0, 0, 600, 400)
	for _, a := range []geom.Anchor{geom.Left, geom.Center, geom.Right} {
		k := &Kit{Texts: []*Text{{Content: "A much wider first line\nab", Size: 0.08, Anchor: a}}}
		r := k.Rects(canvas, preset.Insets{})[0].Rect
		dst := image.NewRGBA(canvas)
		k.Draw(dst, preset.Insets{})
		// The second line's ink: the lower half of the block.
		ink := image.Rectangle{}
		for y := r.Min.Y + r.Dy()/2; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if dst.RGBAAt(x, y).A != 0 {
					ink = ink.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		left, right, mid := ink.Min.X-r.Min.X, r.Max.X-ink.Max.X, (ink.Min.X+ink.Max.X)/2-(r.Min.X+r.Max.X)/2
		if ink.Empty() || a == geom.Left && left > 8 || a == geom.Right && right > 8 || a == geom.Center && (mid < -4 || mid > 4) {
			t.Errorf("%v: the short line's ink %v in the block %v (%d from the left, %d from the right, %d off centre)", a, ink, r, left, right, mid)
		}
	}
}

// TestShadowContrast: a text's shadow is dark under a light text and light
// under a dark one, dark meaning a Rec. 601 luma under 100.
func TestShadowContrast(t *testing.T) {
	for _, tt := range []struct {
		c     color.NRGBA
		light bool
	}{
		{color.NRGBA{255, 255, 255, 255}, false}, {color.NRGBA{0, 0, 0, 255}, true},
		{color.NRGBA{100, 100, 100, 255}, false}, {color.NRGBA{99, 99, 99, 255}, true},
		{color.NRGBA{0, 171, 0, 255}, false}, {color.NRGBA{0, 170, 0, 255}, true}, // luma 100.4 and 99.8
		{color.NRGBA{200, 0, 0, 255}, true}, {color.NRGBA{0, 0, 255, 255}, true}, {color.NRGBA{255, 100, 255, 255}, false},
	} {
		k := &Kit{Texts: []*Text{{Content: "I", Color: tt.c, Shadow: true, Size: 0.3}}}
		dst := image.NewRGBA(image.Rect(0, 0, 300, 300))
		k.Draw(dst, preset.Insets{})
		found := false
		for i := 0; i < len(dst.Pix); i += 4 {
			if a := dst.Pix[i+3]; a > 140 && a < 160 { // shadow alone: alpha 150
				if found = true; (dst.Pix[i] > 128) != tt.light {
					t.Errorf("text %v: shadow %v, want light %v", tt.c, dst.Pix[i:i+4], tt.light)
				}
				break
			}
		}
		if !found {
			t.Errorf("text %v: no shadow found", tt.c)
		}
	}
}
