package brand

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"picmark/internal/geom"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

// presetCanvases are every built-in preset's canvas and safe zone (a
// width-only preset at its tallest).
func presetCanvases() []struct {
	id     string
	canvas image.Rectangle
	safe   preset.Insets
} {
	var out []struct {
		id     string
		canvas image.Rectangle
		safe   preset.Insets
	}
	for _, p := range preset.All() {
		h := p.Height
		if p.WidthOnly() {
			h = p.MaxHeight
		}
		out = append(out, struct {
			id     string
			canvas image.Rectangle
			safe   preset.Insets
		}{p.ID, image.Rect(0, 0, p.Width, h), p.Safe})
	}
	return out
}

// checkApart fails when two drawn layers (the tile aside) overlap, when one
// leaves the safe area, or when a layer is left out or made smaller without
// a note saying so.
func checkApart(t *testing.T, what string, k *Kit, canvas image.Rectangle, safe preset.Insets) []LayerRect {
	t.Helper()
	rs := k.Rects(canvas, safe)
	area := visible(canvas, safe)
	notes := msg.Join(msg.English, k.Notes(canvas, safe))
	for i, a := range rs {
		if a.Layer == "tile" {
			continue
		}
		if (a.Skipped && a.Reason.Code != msg.TextEmpty || a.Smaller) && !strings.Contains(notes, a.Layer+" ") {
			t.Errorf("%s: %s skipped %v smaller %v, and the notes do not say so: %q", what, a.Layer, a.Skipped, a.Smaller, notes)
		}
		if a.Skipped {
			continue
		}
		if !a.Rect.In(area) {
			t.Errorf("%s: %s at %v, outside the safe area %v", what, a.Layer, a.Rect, area)
		}
		for _, b := range rs[i+1:] {
			if b.Layer != "tile" && !b.Skipped && a.Rect.Overlaps(b.Rect) {
				t.Errorf("%s: %s at %v overlaps %s at %v", what, a.Layer, a.Rect, b.Layer, b.Rect)
			}
		}
	}
	return rs
}

// TestLayersNeverCollideEveryPair: on every preset, a logo and a text, and
// two texts, at every pair of positions (the same one too) never overlap,
// and both are drawn.
func TestLayersNeverCollideEveryPair(t *testing.T) {
	navy := color.NRGBA{20, 40, 110, 220}
	for _, pc := range presetCanvases() {
		for _, a := range geom.Anchors() {
			for _, b := range geom.Anchors() {
				logo := DefaultLogo(solid(300, 120, red))
				logo.Anchor = At(a)
				caption := &Text{Content: "Coffret découverte – 1 249,90 €", Anchor: b, Band: &navy}
				second := &Text{Content: "Livraison offerte dès 49 €", Anchor: a, Shadow: true}
				for name, k := range map[string]*Kit{
					"logo+text":  {Logo: logo, Texts: []*Text{caption}, Tile: &Tile{Angle: 30}},
					"text+text":  {Texts: []*Text{second, caption}},
					"logo+2text": {Logo: logo, Texts: []*Text{second, caption}},
				} {
					what := fmt.Sprintf("%s %s at %v and %v", pc.id, name, a, b)
					rs := checkApart(t, what, k, pc.canvas, pc.safe)
					if name != "logo+2text" {
						for _, lr := range rs {
							if lr.Skipped {
								t.Errorf("%s: %s left out: %s", what, lr.Layer, lr.Reason)
							}
						}
					}
				}
			}
		}
	}
}

// longestValues are, per column, the longest value of the test sheet.
func longestValues(t *testing.T) map[string]string {
	data, err := os.ReadFile("../captions/testdata/produits.csv")
	if err != nil {
		t.Fatal(err)
	}
	s, err := sheet.ReadText("produits.csv", data, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range s.Rows {
		for i, c := range r.Cells {
			if h := s.Header[i]; utf8.RuneCountInString(c) > utf8.RuneCountInString(out[h]) {
				out[h] = c
			}
		}
	}
	return out
}

// TestLogoAndThreeCaptionsAtOneCorner: a logo and three captions (the test
// sheet's longest product name, price and catch line) at each corner of
// every preset: no two overlap; any left out or made smaller is noted; on
// the presets marketers use most, all four are drawn.
func TestLogoAndThreeCaptionsAtOneCorner(t *testing.T) {
	v := longestValues(t)
	navy := color.NRGBA{20, 40, 110, 220}
	full := map[string]bool{"pinterest-pin": true, "pinterest-long": true, "instagram-portrait": true, "instagram-square": true,
		"pinterest-story": true, "snapchat-story": true, "instagram-story": true, "facebook-feed": true}
	for _, pc := range presetCanvases() {
		for _, a := range []geom.Anchor{geom.TopLeft, geom.TopRight, geom.BottomLeft, geom.BottomRight} {
			logo := DefaultLogo(solid(300, 120, red))
			logo.Anchor = At(a)
			k := &Kit{Logo: logo, Texts: []*Text{
				{Content: v["Produit"], Anchor: a, Band: &navy, Size: 0.045},
				{Content: v["Prix"], Anchor: a, Badge: true, Size: 0.06},
				{Content: v["Accroche"], Anchor: a, Shadow: true, Size: 0.035},
			}}
			what := fmt.Sprintf("%s at %v", pc.id, a)
			rs := checkApart(t, what, k, pc.canvas, pc.safe)
			if full[pc.id] {
				for _, lr := range rs {
					if lr.Skipped {
						t.Errorf("%s: %s left out: %s", what, lr.Layer, lr.Reason)
					}
				}
			}
		}
	}
}

// TestDefaultsKeepTheLogo: with the defaults (logo bottom right, text at
// the bottom) on every tall preset, the text no longer covers the logo: it
// goes beside it (wrapped) or above it, and both are drawn at full size.
func TestDefaultsKeepTheLogo(t *testing.T) {
	for _, pc := range presetCanvases() {
		if pc.canvas.Dy() <= pc.canvas.Dx() {
			continue
		}
		k := &Kit{Logo: DefaultLogo(solid(400, 160, red)), Texts: []*Text{{Content: "Coffret découverte – 1 249,90 €", Anchor: geom.Bottom, Shadow: true}}}
		rs := checkApart(t, pc.id, k, pc.canvas, pc.safe)
		for _, lr := range rs {
			if lr.Skipped || lr.Smaller {
				t.Errorf("%s: %+v", pc.id, lr)
			}
		}
		if got, logo := rs[1].Rect, rs[0].Rect; got.Max.Y > logo.Min.Y && got.Max.X > logo.Min.X {
			t.Errorf("%s: text at %v is neither beside nor above the logo at %v", pc.id, got, logo)
		}
	}
}

// TestCrowdedNotes: layers that cannot all fit say which was made smaller
// and which was left out, in drawing order; a text left out for an empty
// value says why.
func TestCrowdedNotes(t *testing.T) {
	canvas := image.Rect(0, 0, 300, 120)
	k := &Kit{Logo: &Logo{Image: solid(100, 100, red), Scale: 0.5, Opacity: 1, Anchor: At(geom.Center)}, Texts: []*Text{
		{Content: "Coffret découverte des thés verts", Anchor: geom.Center, Size: 0.3},
		{Content: "Supercalifragilisticexpialidocious", Anchor: geom.Center, Size: 0.3},
		{Anchor: geom.Bottom, Omitted: msg.New(msg.CaptionEmpty, msg.Text("column", "Accroche"), msg.Num("line", 5))},
		{Anchor: geom.Top}, // an empty layer of the kit: no note
	}}
	rs := checkApart(t, "crowded", k, canvas, preset.Insets{})
	notes := k.Notes(canvas, preset.Insets{})
	want := []string{"text 1 made smaller to make room for the layers before it",
		"text 2 left out: no room for it beside the layers before it at a legible size",
		`text 3 left out: line 5 has nothing in "Accroche"`}
	wantFr := []string{"texte 1 réduit pour laisser la place aux calques précédents",
		"texte 2 laissé de côté\u00A0: pas de place à côté des calques précédents à une taille lisible",
		"texte 3 laissé de côté\u00A0: la ligne 5 n’a rien dans «\u00A0Accroche\u00A0»"}
	for lang, want := range map[string][]string{msg.English: want, msg.French: wantFr} {
		var got []string
		for _, n := range notes {
			got = append(got, n.Say(lang))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("notes in %s\n%s\nwant\n%s\n%+v", lang, strings.Join(got, "\n"), strings.Join(want, "\n"), rs)
		}
	}
	// Alone, the first text is not smaller and there is no note.
	if n := (&Kit{Texts: k.Texts[:1]}).Notes(canvas, preset.Insets{}); len(n) != 0 {
		t.Errorf("alone: %q", n)
	}
}

// TestLinesThenShrink: a text wraps onto at most Lines lines at its size,
// then shrinks; no-break spaces keep "12,90 €" on one line.
func TestLinesThenShrink(t *testing.T) {
	canvas := image.Rect(0, 0, 400, 800)
	words := "un deux trois quatre cinq six sept huit neuf dix onze douze"
	lay := func(tx *Text) *textLayout {
		fit, _ := tx.sizer(canvas)
		_, _, l, ok := fit(360, 760)
		if !ok {
			t.Fatalf("%q does not fit", tx.Content)
		}
		return l
	}
	three := lay(&Text{Content: words, Size: 0.1})
	six := lay(&Text{Content: words, Size: 0.1, Lines: 6})
	if len(three.lines) > 3 || three.px >= 40 {
		t.Errorf("Lines 3: %d lines at %.1f px, want ≤ 3 lines, shrunk below 40", len(three.lines), three.px)
	}
	if len(six.lines) <= 3 || six.px != 40 {
		t.Errorf("Lines 6: %d lines at %.1f px, want more than 3 at 40", len(six.lines), six.px)
	}
	own := lay(&Text{Content: "a\nb\nc\nd\ne", Size: 0.05})
	if len(own.lines) != 5 {
		t.Errorf("a text's own five lines became %d", len(own.lines))
	}
	price := lay(&Text{Content: "Prix\u00a0: 12,90\u00a0€", Size: 0.2})
	for _, line := range price.lines {
		if strings.HasSuffix(line, "12,90") || line == "€" {
			t.Errorf("broke at a no-break space: %q", price.lines)
		}
	}
}

// BenchmarkLayoutCrowded: where a logo and three long captions at one
// corner of a story land (the plan alone, no pixels): the cost each output
// pays for layers that never collide.
func BenchmarkLayoutCrowded(b *testing.B) {
	navy := color.NRGBA{20, 40, 110, 220}
	logo := DefaultLogo(solid(300, 120, red))
	k := &Kit{Logo: logo, Texts: []*Text{
		{Content: "Coffret découverte « Thés verts, infusions et rooibos de Provence » – édition limitée", Anchor: geom.BottomRight, Band: &navy},
		{Content: "1 249,90 €", Anchor: geom.BottomRight, Badge: true, Size: 0.06},
		{Content: "Livraison offerte dès 49 € d’achat, partout en France métropolitaine", Anchor: geom.BottomRight, Shadow: true},
	}}
	canvas := image.Rect(0, 0, 1080, 1920)
	safe := preset.Insets{Top: 250, Bottom: 340}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		k.Rects(canvas, safe)
	}
}
