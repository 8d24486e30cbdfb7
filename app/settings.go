package app

import (
	"encoding/json"
	"math"
	"strings"

	"picmark/internal/brand"
	"picmark/internal/job"
	"picmark/internal/preset"
)

// choices are the batch settings the marketer picks on the page, as plain
// values for the controls. They become a job.Settings — the same document
// the command line builds — when a batch starts, and are remembered in the
// browser (everything but the logo and font files, which can be large).
type choices struct {
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

	Text       string `json:"text"`
	TextFont   string `json:"textFont"` // a bundled font's name
	TextSize   int    `json:"textSize"` // tenths of a percent of the shorter side
	TextColor  string `json:"textColor"`
	TextStyle  string `json:"textStyle"` // none, band or shadow
	BandColor  string `json:"bandColor"`
	TextAnchor string `json:"textAnchor"`

	// Layers are the text layers after the first (captions, a price
	// badge, a call to action), each with its own template and style.
	Layers []textChoice `json:"layers,omitempty"`
	// The post texts' templates (posts.csv).
	PostTitle       string `json:"postTitle,omitempty"`
	PostDescription string `json:"postDescription,omitempty"`
	PostAlt         string `json:"postAlt,omitempty"`

	Tile        bool   `json:"tile"`
	TileText    string `json:"tileText"` // used when there is no logo
	TileAngle   int    `json:"tileAngle"`
	TileSpacing int    `json:"tileSpacing"` // percent of the width
	TileOpacity int    `json:"tileOpacity"` // percent
}

// textChoice is one more text layer, as its controls show it (the first
// layer's are choices' Text… fields).
type textChoice struct {
	Text   string `json:"text"` // a template: {Column} takes the photo's value in the sheet
	Font   string `json:"font"`
	Size   int    `json:"size"` // tenths of a percent of the shorter side
	Color  string `json:"color"`
	Style  string `json:"style"` // none, band, badge or shadow
	Band   string `json:"band"`
	Anchor string `json:"anchor"`
}

// newLayer is a layer as "Add a text layer" makes it: a price badge at the
// top right, where no default layer sits.
func newLayer() textChoice {
	return textChoice{Font: "bold", Size: 50, Color: "#ffffff", Style: "badge", Band: "#c8102e", Anchor: "top-right"}
}

// file is the layer as a brand kit's text layer.
func (t textChoice) file() brand.TextFile {
	f := brand.TextFile{Content: t.Text, Font: t.Font, Size: float64(t.Size) / 1000, Color: t.Color, Anchor: t.Anchor}
	switch t.Style {
	case "band":
		f.Band = t.Band
	case "badge":
		f.Band, f.Badge = t.Band, true
	case "shadow":
		f.Shadow = true
	}
	return f
}

// layerChoice is a kit's text layer as its controls show it.
func layerChoice(t brand.TextFile) textChoice {
	c := textChoice{Text: t.Content, Font: orDefault(t.Font, "regular"), Size: 50, Color: inputColor(t.Color, "#ffffff"),
		Anchor: orDefault(t.Anchor, "bottom"), Band: inputColor(t.Band, "#000000"), Style: "none"}
	if t.Size > 0 {
		c.Size = int(math.Round(t.Size * 1000))
	}
	switch {
	case t.Badge:
		c.Style = "badge"
	case t.Band != "":
		c.Style = "band"
	case t.Shadow:
		c.Style = "shadow"
	}
	return c
}

// upload is a file the user picked for the kit: the logo or a font.
type upload struct {
	Name  string
	Data  []byte
	URL   string // preview
	Error string
}

const settingsKey = "picmark.settings.v1"

func defaultChoices() choices {
	c := choices{
		Ticked: map[string]bool{},
		Crop:   job.DefaultCrop, Fit: "fill", Pad: "#ffffff", Format: "jpeg", Quality: 85, Name: "{preset}/{dir}/{name}",
		LogoAnchor: "bottom-right", LogoScale: 20, LogoOpacity: 85,
		TextFont: "bold", TextSize: 50, TextColor: "#ffffff", TextStyle: "band", BandColor: "#000000", TextAnchor: "bottom",
		TileAngle: 30, TileSpacing: 8, TileOpacity: 20,
	}
	for _, id := range preset.DefaultIDs {
		c.Ticked[id] = true
	}
	return c
}

// restoreChoices reads the remembered settings over the defaults; anything
// unreadable is ignored (the defaults stay).
func restoreChoices(saved string) choices {
	c := defaultChoices()
	if saved == "" {
		return c
	}
	var s choices
	if err := json.Unmarshal([]byte(saved), &s); err != nil {
		return c
	}
	if s.Ticked == nil {
		s.Ticked = c.Ticked
	}
	if custom, err := preset.CheckCustom(s.Custom); err == nil {
		s.Custom = custom
	} else {
		s.Custom = nil
	}
	return s
}

func (c choices) save() string {
	b, _ := json.Marshal(c)
	return string(b)
}

// presets lists every format the page offers: the built-ins, then the user's.
func (c choices) presets() []preset.Preset {
	return append(preset.All(), c.Custom...)
}

// chosen lists the ticked formats, in the page's order.
func (c choices) chosen() []preset.Preset {
	var out []preset.Preset
	for _, p := range c.presets() {
		if c.Ticked[p.ID] {
			out = append(out, p)
		}
	}
	return out
}

// settings builds the batch's settings from the choices and the uploads.
func (c choices) settings(logo, font upload) job.Settings {
	kit := &brand.File{Version: brand.FileVersion, Custom: c.Custom}
	for _, p := range c.chosen() {
		kit.Presets = append(kit.Presets, p.ID)
	}
	if len(logo.Data) > 0 {
		opacity := float64(c.LogoOpacity) / 100
		kit.Logo = &brand.LogoFile{Data: logo.Data, Anchor: c.LogoAnchor, Scale: float64(c.LogoScale) / 100, Opacity: &opacity}
	}
	if c.Text != "" {
		t := textChoice{Text: c.Text, Font: c.TextFont, Size: c.TextSize, Color: c.TextColor, Style: c.TextStyle,
			Band: c.BandColor, Anchor: c.TextAnchor}.file()
		if len(font.Data) > 0 {
			t.Font, t.FontData = "", font.Data
		}
		kit.Texts = []brand.TextFile{t}
	}
	for _, l := range c.Layers {
		if strings.TrimSpace(l.Text) != "" { // a layer being written is not a layer yet
			kit.Texts = append(kit.Texts, l.file())
		}
	}
	if c.PostTitle != "" || c.PostDescription != "" || c.PostAlt != "" {
		kit.Posts = &brand.PostsFile{Title: c.PostTitle, Description: c.PostDescription, AltText: c.PostAlt}
	}
	if c.Tile && (kit.Logo != nil || c.TileText != "") {
		angle, spacing := float64(c.TileAngle), float64(c.TileSpacing)/100
		tile := &brand.TileFile{Angle: &angle, Spacing: &spacing, Opacity: float64(c.TileOpacity) / 100, Color: c.TextColor}
		if kit.Logo == nil {
			tile.Text = c.TileText
		}
		kit.Tile = tile
	}
	return job.Settings{Kit: kit, Crop: c.Crop, Fit: c.Fit, Pad: c.Pad, Format: c.Format, Quality: c.Quality, Name: c.Name}
}
