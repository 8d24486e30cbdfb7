package settings

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"picmark/internal/brand"
)

// LayerSetting is one setting of a text layer (brand.TextFile) in each of
// its places. Its Key is the TextFile's JSON key, its Page Layer's.
type LayerSetting struct {
	Key, Page, Flag, Why string
	Controls             []Control[Layer] // the first layer's and the later ones'

	put  func(l Layer, t *brand.TextFile)
	take func(t brand.TextFile, l *Layer) // with the page's default for what t leaves out
}

// LayerTable is every setting of a text layer. The command line's -text
// gives a layer's content (Table's kit.texts); the rest of a layer comes
// from the brand kit.
var LayerTable = []LayerSetting{
	{Key: "content", Page: "text", Flag: "text",
		Controls: []Control[Layer]{{Kind: Text, ID: "text", First: "text", Label: "Text",
			Placeholder: "e.g. {Prix} €", FirstHint: "e.g. your shop's name or a promotion",
			Str: func(l *Layer) *string { return &l.Text }}},
		put:  func(l Layer, t *brand.TextFile) { t.Content = l.Text },
		take: func(t brand.TextFile, l *Layer) { l.Text = t.Content }},
	{Key: "font", Page: "font", Why: whyStyleKit,
		Controls: []Control[Layer]{{Kind: Select, ID: "font", First: "text-font", Label: "Font", Options: fontOptions, Names: true,
			Str: func(l *Layer) *string { return &l.TextFont }}},
		put:  func(l Layer, t *brand.TextFile) { t.Font = l.TextFont },
		take: func(t brand.TextFile, l *Layer) { l.TextFont = cmp.Or(t.Font, "regular") }},
	// fontData: the first layer's is the page's upload (Uploads.Font:
	// Layer.file, layerOf); a later layer's, a kit's, kept in Layer.FontData.
	{Key: "fontData", Page: "(the font file, first layer) fontData", Why: whyStyleKit,
		Controls: []Control[Layer]{{Kind: Hand, ID: "font-file", First: "font-input", Why: "a file: the first layer's picked, read and checked (app/settings.go pickUpload); a later layer's from a brand kit, shown and removable (app/views_settings.go kitFont)"}},
		put: func(l Layer, t *brand.TextFile) {
			if len(l.FontData) > 0 {
				t.Font, t.FontData = "", l.FontData
			}
		},
		take: func(t brand.TextFile, l *Layer) { l.FontData = t.FontData }},
	{Key: "size", Page: "size", Why: whyStyleKit,
		Controls: []Control[Layer]{{Kind: Range, ID: "size", First: "text-size", Label: "Size", Min: 20, Max: 150, Unit: "% of the shorter side", Tenths: true,
			Int: func(l *Layer) *int { return &l.TextSize }}},
		put: func(l Layer, t *brand.TextFile) { t.Size = float64(l.TextSize) / 1000 },
		take: func(t brand.TextFile, l *Layer) {
			l.TextSize = 50
			if t.Size > 0 {
				l.TextSize = int(math.Round(t.Size * 1000))
			}
		}},
	{Key: "color", Page: "color", Why: whyStyleKit,
		Controls: []Control[Layer]{{Kind: Colour, ID: "color", First: "text-color", Label: "Colour",
			Str: func(l *Layer) *string { return &l.TextColor }}},
		put:  func(l Layer, t *brand.TextFile) { t.Color = l.TextColor },
		take: func(t brand.TextFile, l *Layer) { l.TextColor = InputColor(t.Color, "#ffffff") }},
	// The page's style is one choice; the kit keeps it as a band's colour
	// and two switches.
	{Key: "band badge shadow", Page: "style band", Why: whyStyleKit,
		Controls: []Control[Layer]{
			{Kind: Select, ID: "style", First: "text-style", Label: "Legibility", Options: styleOptions,
				Str: func(l *Layer) *string { return &l.TextStyle }},
			{Kind: Colour, ID: "band", First: "band-color", Label: "Band colour",
				If: func(l *Layer) bool { return l.TextStyle == "band" || l.TextStyle == "badge" }, Str: func(l *Layer) *string { return &l.BandColor }},
		},
		put: func(l Layer, t *brand.TextFile) {
			switch l.TextStyle {
			case "band":
				t.Band = l.BandColor
			case "badge":
				t.Band, t.Badge = l.BandColor, true
			case "shadow":
				t.Shadow = true
			}
		},
		take: func(t brand.TextFile, l *Layer) {
			l.BandColor, l.TextStyle = InputColor(t.Band, "#000000"), "none"
			switch {
			case t.Badge:
				l.TextStyle = "badge"
			case t.Band != "":
				l.TextStyle = "band"
			case t.Shadow:
				l.TextStyle = "shadow"
			}
		}},
	{Key: "anchor", Page: "anchor", Why: whyStyleKit,
		Controls: []Control[Layer]{{Kind: Select, ID: "anchor", First: "text-anchor", Label: "Position", Options: anchorOptions,
			Str: func(l *Layer) *string { return &l.TextAnchor }}},
		put:  func(l Layer, t *brand.TextFile) { t.Anchor = l.TextAnchor },
		take: func(t brand.TextFile, l *Layer) { l.TextAnchor = cmp.Or(t.Anchor, "bottom") }},
	{Key: "margin", Page: "margin", Why: whyKitOnly,
		put:  func(l Layer, t *brand.TextFile) { t.Margin = l.TextMargin },
		take: func(t brand.TextFile, l *Layer) { l.TextMargin = t.Margin }},
	{Key: "lines", Page: "lines", Why: whyKitOnly,
		put:  func(l Layer, t *brand.TextFile) { t.Lines = l.TextLines },
		take: func(t brand.TextFile, l *Layer) { l.TextLines = t.Lines }},
}

// file is the layer as a brand kit's text layer; font, when given, is the
// user's font file, used instead of the bundled font.
func (l Layer) file(font []byte) brand.TextFile {
	var t brand.TextFile
	for _, e := range LayerTable {
		if e.put != nil {
			e.put(l, &t)
		}
	}
	if len(font) > 0 {
		t.Font, t.FontData = "", font
	}
	return t
}

// layerOf is a kit's text layer as its controls show it; its font file,
// if any, goes to *font when font is not nil.
func layerOf(t brand.TextFile, font *[]byte) Layer {
	var l Layer
	for _, e := range LayerTable {
		if e.take != nil {
			e.take(t, &l)
		}
	}
	if font != nil {
		if len(l.FontData) > 0 {
			*font = l.FontData
		}
		l.FontData = nil
	}
	return l
}

// InputColor turns a kit colour into the #rrggbb a colour input shows.
func InputColor(s, def string) string {
	c, err := brand.ParseColor(s)
	if s == "" || err != nil {
		return def
	}
	return strings.ToLower(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B))
}
