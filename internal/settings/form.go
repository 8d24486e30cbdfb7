package settings

import (
	"cmp"
	"encoding/json"

	"picmark/internal/brand"
	"picmark/internal/job"
	"picmark/internal/preset"
)

// Form is a batch's settings as the page's controls hold them: plain
// values in the controls' units (percent, thousandths, #rrggbb, a style's
// name). The page remembers it as JSON in the browser (everything but the
// logo and font files, which can be large: a kit kept in the browser holds
// them); Doc makes it the engine's job.Settings through Table.
//
// The Kept fields are what a brand kit written by hand may set and the
// page has no control for (Table's whyKitOnly entries): kept as the kit
// had them, in its units, so that saving the kit again, exporting it or
// making a batch on the page keeps them.
type Form struct {
	Ticked map[string]bool `json:"ticked"`
	Custom []preset.Preset `json:"custom,omitempty"` // the user's own formats

	Crop   string `json:"crop"` // center, smart, focal or an anchor name
	Fit    string `json:"fit"`  // fill, pad or blur
	Pad    string `json:"pad"`  // #rrggbb
	Format string `json:"format"`
	// Quality is the JPEG quality to start from; outputs over a format's byte
	// cap are made at a lower one.
	Quality int    `json:"quality"`
	Name    string `json:"name"` // naming template

	LogoAnchor  string `json:"logoAnchor"`
	LogoScale   int    `json:"logoScale"`   // percent of the width
	LogoOpacity int    `json:"logoOpacity"` // percent
	// Kept: the logo's margin, a share of the width; nil for the default.
	LogoMargin *float64 `json:"logoMargin,omitempty"`

	FirstLayer
	// Layers are the text layers after the first (captions, a price
	// badge, a call to action), each with its own template and style.
	Layers []Layer `json:"layers,omitempty"`
	// The post texts' templates (posts.csv).
	PostTitle       string `json:"postTitle,omitempty"`
	PostDescription string `json:"postDescription,omitempty"`
	PostAlt         string `json:"postAlt,omitempty"`

	Tile        bool   `json:"tile"`
	TileText    string `json:"tileText"` // used when there is no logo
	TileAngle   int    `json:"tileAngle"`
	TileSpacing int    `json:"tileSpacing"` // percent of the width
	TileOpacity int    `json:"tileOpacity"` // percent
	TileColor   string `json:"tileColor"`   // the repeated text's
	// Kept: the tiled text's font, by name or as a file (kept with the
	// kit, not remembered), its size (a share of the shorter side) and
	// the tiled logo's width (a share of the width); 0 for the defaults.
	TileFont     string  `json:"tileFont,omitempty"`
	TileFontData []byte  `json:"-"`
	TileSize     float64 `json:"tileSize,omitempty"`
	TileScale    float64 `json:"tileScale,omitempty"`
}

// Layer is one text layer as its controls show it.
type Layer struct {
	Text       string `json:"text"` // a template: {Column} takes the photo's value in the sheet
	TextFont   string `json:"font"` // a bundled font's name
	TextSize   int    `json:"size"` // tenths of a percent of the shorter side
	TextColor  string `json:"color"`
	TextStyle  string `json:"style"` // none, band, badge or shadow
	BandColor  string `json:"band"`
	TextAnchor string `json:"anchor"`
	// Kept: the margin (a share of the width; nil for the default) and
	// the most lines (0 for the default).
	TextMargin *float64 `json:"margin,omitempty"`
	TextLines  int      `json:"lines,omitempty"`
	// A later layer's font file, from a brand kit (the first layer's is the
	// page's upload, Uploads.Font): kept, not remembered.
	FontData []byte `json:"-"`
}

// FirstLayer is the first text layer, kept flat among the form's fields
// under the names it had before there were more layers, so remembered
// settings still restore. It converts to and from Layer: a field added to
// one and not the other does not compile.
type FirstLayer struct {
	Text       string   `json:"text"`
	TextFont   string   `json:"textFont"`
	TextSize   int      `json:"textSize"`
	TextColor  string   `json:"textColor"`
	TextStyle  string   `json:"textStyle"`
	BandColor  string   `json:"bandColor"`
	TextAnchor string   `json:"textAnchor"`
	TextMargin *float64 `json:"textMargin,omitempty"`
	TextLines  int      `json:"textLines,omitempty"`
	FontData   []byte   `json:"-"` // always nil: the first layer's font file is Uploads.Font
}

// NewLayer is a layer as "Add a text layer" makes it: a price badge at the
// top right, where no default layer sits.
func NewLayer() Layer {
	return Layer{TextFont: "bold", TextSize: 50, TextColor: "#ffffff", TextStyle: "badge", BandColor: "#c8102e", TextAnchor: "top-right"}
}

// DefaultForm is the page's settings on a first visit.
func DefaultForm() Form {
	f := Form{
		Ticked: map[string]bool{},
		Crop:   job.DefaultCrop, Fit: "fill", Pad: "#ffffff", Format: "jpeg", Quality: 85, Name: "{preset}/{dir}/{name}",
		LogoAnchor: "bottom-right", LogoScale: 20, LogoOpacity: 85,
		FirstLayer: FirstLayer{TextFont: "bold", TextSize: 50, TextColor: "#ffffff", TextStyle: "band", BandColor: "#000000", TextAnchor: "bottom"},
		TileAngle:  30, TileSpacing: 8, TileOpacity: 20, TileColor: "#ffffff",
	}
	for _, id := range preset.DefaultIDs {
		f.Ticked[id] = true
	}
	return f
}

// Restore reads remembered settings (Save's JSON); unreadable ones give
// the defaults.
func Restore(saved string) Form {
	def := DefaultForm()
	if saved == "" {
		return def
	}
	var f Form
	if err := json.Unmarshal([]byte(saved), &f); err != nil {
		return def
	}
	if f.Ticked == nil {
		f.Ticked = def.Ticked
	}
	if f.TileColor == "" { // remembered before the tile had a colour of its own: it took the text's
		f.TileColor = cmp.Or(f.TextColor, def.TileColor)
	}
	if custom, err := preset.CheckCustom(f.Custom); err == nil {
		f.Custom = custom
	} else {
		f.Custom = nil
	}
	return f
}

// Save is the form as the page remembers it.
func (f Form) Save() string {
	b, _ := json.Marshal(f)
	return string(b)
}

// Presets lists every format the page offers: the built-ins, then the user's.
func (f Form) Presets() []preset.Preset {
	return append(preset.All(), f.Custom...)
}

// Chosen lists the ticked formats, in the page's order.
func (f Form) Chosen() []preset.Preset {
	var out []preset.Preset
	for _, p := range f.Presets() {
		if f.Ticked[p.ID] {
			out = append(out, p)
		}
	}
	return out
}

// Doc is the batch's settings from the form and the files picked for the
// kit: the document the workers and the command line's engine take.
func (f Form) Doc(up Uploads) job.Settings {
	s := job.Settings{Kit: &brand.File{Version: brand.FileVersion}}
	for _, e := range Table {
		if e.toDoc != nil {
			e.toDoc(&f, up, &s)
		}
	}
	return s
}

// ApplyKit sets the form's branding (and formats) from a brand kit, and
// returns the logo and font files it holds. What is outside the kit
// (framing, output) keeps its values.
func (f *Form) ApplyKit(k *brand.File) Uploads {
	var up Uploads
	for _, e := range Table {
		if e.fromDoc != nil {
			e.fromDoc(k, f, &up)
		}
	}
	return up
}
