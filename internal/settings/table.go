// Package settings maps each of a batch's settings between the places a
// person sets it and the engine's document, job.Settings (with its brand
// kit, brand.File, whose JSON is the kit file): the page's fields (Form)
// and the controls that show them (Control), and the command line's flags
// with their override rule (ApplyFlags). Each setting is one entry of
// Table, a text layer's one of LayerTable; the page's conversions both
// ways, its simple controls and the flags are derived from them. Tests walk
// job.Settings, brand.File and Form and fail on a field no entry maps, an
// entry that leaves out the page or the command line without saying why,
// or a page field with no control (a control the page draws itself, Hand,
// says why).
package settings

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Setting is one setting in each of its places. Entries run in Table's
// order: one may rely on those above it (a logo's place needs the logo).
type Setting struct {
	Key  string // where job.Settings keeps it, as a JSON path: "fit", "kit.logo.scale" (several: space-separated)
	Page string // the page's field, Form's JSON key (several: space-separated); "(…)" for none of Form's; "" for none
	Flag string // the command line's flag; "" for none
	Why  string // why the page or the command line goes without it

	// The page's controls for its Page fields: drawn from this
	// description, or by the page itself (Hand) for a reason.
	Controls []Control[Form]

	// The flag's default: a string, float64 or int; []string for a flag
	// given once per value. Its help is the command line's
	// (cmd/picmark/help.go, in English and French, out of the page).
	Default any

	toDoc   func(f *Form, up Uploads, s *job.Settings)
	fromDoc func(kit *brand.File, f *Form, up *Uploads) // a kit opened on the page; nil outside the kit
	check   func(v any) error                           // the flag's value, given or not, before any file is read
	has     func(s *job.Settings) bool                  // the brand kit sets it already; nil for never
	set     func(s *job.Settings, v any, r Run) error   // the flag's value into the document
}

// Uploads are the files the user picked on the page for the kit.
type Uploads struct{ Logo, Font []byte }

// Limits of the files flags name; decoding then checks a logo's pixels.
const (
	maxLogoBytes    = 20 << 20
	maxPresetsBytes = 40 << 20
)

const (
	// The page keeps it in a Form field it does not draw (Form's Kept
	// fields): saved, exported and made as the kit has it.
	whyKitOnly  = "a brand kit written by hand may set it; the page has no control for it and keeps the kit's value, the command line takes it from the kit (-brand)"
	whyTileKit  = "the command line takes a tiled watermark from a brand kit (-brand)"
	whyStyleKit = "the command line keeps a layer's style from the brand kit (-brand); a layer of its own has a shadow"
	whyPosts    = "the Sheet section's (app/sheetpanel.go postField), beside the sheet whose columns it names"
)

// Table is every setting of job.Settings and its brand kit, in the order
// they are applied, which is also the order of their controls in each of
// the page's sections.
var Table = []Setting{
	{Key: "kit.version", Why: "the kit file's format, not a setting: Marshal writes it and ParseFile checks it"},
	{Key: "kit.name", Page: "(the kit bar's name)", Why: "the kit's own name; the command line names a kit by its file",
		Controls: []Control[Form]{{Kind: Hand, ID: "kit-name", Why: "the kit bar's (app/kits.go), shown once a kit is chosen: it renames the kit kept in the browser"}}},
	{Key: "kit.presets", Page: "ticked", Flag: "preset",
		Controls: []Control[Form]{{Kind: Hand, ID: "formats", Why: "one checkbox per format, built in or the user's (app/views_settings.go renderPresets)"}},
		Default:  strings.Join(preset.DefaultIDs, ","),
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			for _, p := range f.Chosen() {
				s.Kit.Presets = append(s.Kit.Presets, p.ID)
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if len(k.Presets) > 0 {
				f.Ticked = map[string]bool{}
				for _, id := range k.Presets {
					f.Ticked[id] = true
				}
			}
		},
		has: func(s *job.Settings) bool { return len(s.Kit.Presets) > 0 },
		set: func(s *job.Settings, v any, _ Run) error {
			s.Kit.Presets = strings.FieldsFunc(v.(string), func(r rune) bool { return r == ',' || r == ' ' })
			if len(s.Kit.Presets) == 0 { // it would mean the default formats: say so instead
				return msg.Err(msg.CLINoPreset)
			}
			return nil
		}},
	{Key: "kit.custom", Page: "custom", Flag: "presets",
		Controls: []Control[Form]{{Kind: Hand, ID: "custom-format", Why: "a small form whose format joins the list (app/custom.go)"}},
		Default:  "",
		toDoc:    func(f *Form, _ Uploads, s *job.Settings) { s.Kit.Custom = f.Custom },
		fromDoc:  func(k *brand.File, f *Form, _ *Uploads) { f.Custom = append(f.Custom[:0:0], k.Custom...) },
		set: func(s *job.Settings, v any, r Run) error {
			name := v.(string)
			if name == "" {
				return nil
			}
			data, err := r.Read(name, msg.WhatFormats, maxPresetsBytes)
			if err != nil {
				return err // it names the file already
			}
			custom, err := preset.ParseCustom(data)
			if err != nil {
				return msg.Within(err, msg.CLIFormats, msg.Text("file", name))
			}
			s.Kit.Custom = append(s.Kit.Custom, custom...)
			if !r.Given("preset") {
				// As a format added in the page is ticked, the file's formats are
				// made too, beside the kit's or the default ones.
				for _, p := range custom {
					s.Kit.Presets = append(s.Kit.Presets, p.ID)
				}
			}
			return nil
		}},
	{Key: "kit.logo.data", Page: "(the logo file)", Flag: "logo",
		Controls: []Control[Form]{{Kind: Hand, ID: "logo-input", Why: "a file, read, checked and shown; an SVG drawn to a PNG first (app/settings.go pickUpload)"}},
		Default:  "",
		toDoc: func(_ *Form, up Uploads, s *job.Settings) {
			if len(up.Logo) > 0 {
				s.Kit.Logo = &brand.LogoFile{Data: up.Logo}
			}
		},
		fromDoc: func(k *brand.File, _ *Form, up *Uploads) {
			if l := k.Logo; l != nil {
				up.Logo = l.Data
			}
		},
		set: func(s *job.Settings, v any, r Run) error {
			name := v.(string)
			if name == "" {
				return nil
			}
			data, err := r.Read(name, msg.WhatLogo, maxLogoBytes)
			if err != nil {
				return err // it names the file already
			}
			// Check the header here, so the message can name the file.
			logo := []msg.Arg{msg.Word("which", msg.PartLogoFile), msg.Text("file", name)}
			if brand.IsSVG(data) {
				return msg.Within(brand.ErrSVG, msg.KitPart, logo...)
			}
			if _, err := imgio.Inspect(data, brand.LogoLimits); err != nil {
				return msg.Within(err, msg.KitPart, logo...)
			}
			if s.Kit.Logo == nil {
				s.Kit.Logo = &brand.LogoFile{}
			}
			s.Kit.Logo.Data = data
			return nil
		}},
	{Key: "kit.logo.margin", Page: "logoMargin", Why: whyKitOnly,
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			withLogo(s, func(l *brand.LogoFile) { l.Margin = f.LogoMargin })
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			f.LogoMargin = nil
			if k.Logo != nil {
				f.LogoMargin = k.Logo.Margin
			}
		}},
	{Key: "kit.logo.scale", Page: "logoScale", Flag: "logo-scale",
		Controls: []Control[Form]{{Kind: Range, ID: "logo-scale", Section: "logo", Label: "Size", Min: 5, Max: 50, Unit: "% of the width",
			Int: func(f *Form) *int { return &f.LogoScale }}},
		Default: brand.DefaultScale,
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			withLogo(s, func(l *brand.LogoFile) { l.Scale = float64(f.LogoScale) / 100 })
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if hasLogo(k) && k.Logo.Scale > 0 {
				f.LogoScale = percent(k.Logo.Scale)
			}
		},
		check: func(v any) error {
			if x := v.(float64); x < 0.05 || x > 1 {
				return msg.Err(msg.CLILogoScale, msg.Text("value", fmt.Sprint(x)))
			}
			return nil
		},
		has: func(s *job.Settings) bool { return s.Kit.Logo != nil && s.Kit.Logo.Scale != 0 },
		set: func(s *job.Settings, v any, _ Run) error {
			withLogo(s, func(l *brand.LogoFile) { l.Scale = v.(float64) })
			return nil
		}},
	{Key: "kit.logo.opacity", Page: "logoOpacity", Flag: "logo-opacity",
		Controls: []Control[Form]{{Kind: Range, ID: "logo-opacity", Section: "logo", Label: "Opacity", Min: 0, Max: 100, Unit: "%",
			Int: func(f *Form) *int { return &f.LogoOpacity }}},
		Default: brand.DefaultOpacity,
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			withLogo(s, func(l *brand.LogoFile) { l.Opacity = ptr(float64(f.LogoOpacity) / 100) })
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if hasLogo(k) && k.Logo.Opacity != nil {
				f.LogoOpacity = percent(*k.Logo.Opacity)
			}
		},
		check: func(v any) error {
			if x := v.(float64); x < 0 || x > 1 {
				return msg.Err(msg.CLILogoOpacity, msg.Text("value", fmt.Sprint(x)))
			}
			return nil
		},
		has: func(s *job.Settings) bool { return s.Kit.Logo != nil && s.Kit.Logo.Opacity != nil },
		set: func(s *job.Settings, v any, _ Run) error {
			withLogo(s, func(l *brand.LogoFile) { l.Opacity = ptr(v.(float64)) })
			return nil
		}},
	{Key: "kit.logo.anchor", Page: "logoAnchor", Flag: "logo-anchor",
		Controls: []Control[Form]{{Kind: Select, ID: "logo-anchor", Section: "logo", Label: "Position", Options: anchorOptions,
			Str: func(f *Form) *string { return &f.LogoAnchor }}},
		Default: "bottom-right",
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			withLogo(s, func(l *brand.LogoFile) { l.Anchor = f.LogoAnchor })
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if hasLogo(k) {
				f.LogoAnchor = cmp.Or(k.Logo.Anchor, "bottom-right")
			}
		},
		has: func(s *job.Settings) bool { return s.Kit.Logo != nil && s.Kit.Logo.Anchor != "" },
		set: func(s *job.Settings, v any, _ Run) error {
			withLogo(s, func(l *brand.LogoFile) { l.Anchor = v.(string) })
			return nil
		}},
	// The text layers: each layer's fields are LayerTable's.
	{Key: "kit.texts", Page: "layers", Flag: "text",
		Controls: []Control[Form]{{Kind: Hand, ID: "more-layers", Why: "the layers editor: layers added and removed, each drawn from LayerTable's controls (app/views_settings.go renderLayers)"}},
		Default:  []string(nil),
		toDoc: func(f *Form, up Uploads, s *job.Settings) {
			if f.Text != "" {
				s.Kit.Texts = []brand.TextFile{Layer(f.FirstLayer).file(up.Font)}
			}
			for _, l := range f.Layers {
				if strings.TrimSpace(l.Text) != "" { // a layer being written is not a layer yet
					s.Kit.Texts = append(s.Kit.Texts, l.file(nil))
				}
			}
		},
		fromDoc: func(k *brand.File, f *Form, up *Uploads) {
			f.Text, f.TextStyle, f.Layers = "", "band", nil
			if len(k.Texts) == 0 {
				return
			}
			f.FirstLayer = FirstLayer(layerOf(k.Texts[0], &up.Font))
			for _, t := range k.Texts[1:] {
				f.Layers = append(f.Layers, layerOf(t, nil))
			}
		},
		set: func(s *job.Settings, v any, _ Run) error {
			texts := v.([]string)
			if len(texts) == 0 {
				return nil
			}
			layers := make([]brand.TextFile, len(texts))
			for i, text := range texts {
				layers[i] = brand.TextFile{Shadow: true} // legible on light and dark photos alike
				if i < len(s.Kit.Texts) {
					layers[i] = s.Kit.Texts[i] // the kit's style for its layer
				}
				layers[i].Content = text
			}
			s.Kit.Texts = layers
			return nil
		}},
	{Key: "kit.posts.title", Page: "postTitle", Flag: "title",
		Controls: []Control[Form]{{Kind: Hand, ID: "post-title", Why: whyPosts}},
		Default:  "",
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			postText(s, func(p *brand.PostsFile) *string { return &p.Title }, f.PostTitle)
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) { f.PostTitle = posts(k).Title },
		has:     func(s *job.Settings) bool { return posts(s.Kit).Title != "" },
		set: func(s *job.Settings, v any, _ Run) error {
			postText(s, func(p *brand.PostsFile) *string { return &p.Title }, v.(string))
			return nil
		}},
	{Key: "kit.posts.description", Page: "postDescription", Flag: "description",
		Controls: []Control[Form]{{Kind: Hand, ID: "post-description", Why: whyPosts}},
		Default:  "",
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			postText(s, func(p *brand.PostsFile) *string { return &p.Description }, f.PostDescription)
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) { f.PostDescription = posts(k).Description },
		has:     func(s *job.Settings) bool { return posts(s.Kit).Description != "" },
		set: func(s *job.Settings, v any, _ Run) error {
			postText(s, func(p *brand.PostsFile) *string { return &p.Description }, v.(string))
			return nil
		}},
	{Key: "kit.posts.altText", Page: "postAlt", Flag: "alt",
		Controls: []Control[Form]{{Kind: Hand, ID: "post-alt", Why: whyPosts}},
		Default:  "",
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			postText(s, func(p *brand.PostsFile) *string { return &p.AltText }, f.PostAlt)
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) { f.PostAlt = posts(k).AltText },
		has:     func(s *job.Settings) bool { return posts(s.Kit).AltText != "" },
		set: func(s *job.Settings, v any, _ Run) error {
			postText(s, func(p *brand.PostsFile) *string { return &p.AltText }, v.(string))
			return nil
		}},
	// The tiled watermark: the logo's, or a text when there is no logo.
	{Key: "kit.tile", Page: "tile", Why: whyTileKit,
		Controls: []Control[Form]{{Kind: Checkbox, ID: "tile", Section: "tile", Label: " Repeat the logo (or a text) across each picture",
			Bool: func(f *Form) *bool { return &f.Tile }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if f.Tile && (s.Kit.Logo != nil || f.TileText != "") {
				s.Kit.Tile = &brand.TileFile{}
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) { f.Tile = k.Tile != nil }},
	{Key: "kit.tile.text", Page: "tileText", Why: whyTileKit,
		Controls: []Control[Form]{{Kind: Text, ID: "tile-text", Section: "tile", Label: "Text to repeat when there is no logo", Placeholder: "e.g. © your brand",
			Str: func(f *Form) *string { return &f.TileText }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if s.Kit.Tile != nil && s.Kit.Logo == nil {
				s.Kit.Tile.Text = f.TileText
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if k.Tile != nil {
				f.TileText = k.Tile.Text
			}
		}},
	{Key: "kit.tile.color", Page: "tileColor", Why: whyTileKit,
		Controls: []Control[Form]{{Kind: Colour, ID: "tile-color", Section: "tile", Label: "Colour of the repeated text",
			Str: func(f *Form) *string { return &f.TileColor }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if s.Kit.Tile != nil {
				s.Kit.Tile.Color = f.TileColor
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if k.Tile != nil {
				f.TileColor = InputColor(k.Tile.Color, "#ffffff")
			}
		}},
	{Key: "kit.tile.angle", Page: "tileAngle", Why: whyTileKit,
		Controls: []Control[Form]{{Kind: Range, ID: "tile-angle", Section: "tile", Label: "Angle", Min: -90, Max: 90, Unit: "°",
			Int: func(f *Form) *int { return &f.TileAngle }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if s.Kit.Tile != nil {
				s.Kit.Tile.Angle = ptr(float64(f.TileAngle))
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if k.Tile != nil && k.Tile.Angle != nil {
				f.TileAngle = int(math.Round(*k.Tile.Angle))
			}
		}},
	{Key: "kit.tile.spacing", Page: "tileSpacing", Why: whyTileKit,
		Controls: []Control[Form]{{Kind: Range, ID: "tile-spacing", Section: "tile", Label: "Spacing", Min: 1, Max: 50, Unit: "%",
			Int: func(f *Form) *int { return &f.TileSpacing }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if s.Kit.Tile != nil {
				s.Kit.Tile.Spacing = ptr(float64(f.TileSpacing) / 100)
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if k.Tile != nil && k.Tile.Spacing != nil {
				f.TileSpacing = percent(*k.Tile.Spacing)
			}
		}},
	{Key: "kit.tile.opacity", Page: "tileOpacity", Why: whyTileKit,
		Controls: []Control[Form]{{Kind: Range, ID: "tile-opacity", Section: "tile", Label: "Opacity", Min: 5, Max: 100, Unit: "%",
			Int: func(f *Form) *int { return &f.TileOpacity }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if s.Kit.Tile != nil {
				s.Kit.Tile.Opacity = float64(f.TileOpacity) / 100
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			if k.Tile != nil && k.Tile.Opacity > 0 {
				f.TileOpacity = percent(k.Tile.Opacity)
			}
		}},
	// fontData: a file, kept in Form.TileFontData but not remembered.
	{Key: "kit.tile.font kit.tile.fontData kit.tile.size kit.tile.scale", Page: "tileFont tileSize tileScale", Why: whyKitOnly,
		toDoc: func(f *Form, _ Uploads, s *job.Settings) {
			if t := s.Kit.Tile; t != nil {
				t.Font, t.FontData, t.Size, t.Scale = f.TileFont, f.TileFontData, f.TileSize, f.TileScale
			}
		},
		fromDoc: func(k *brand.File, f *Form, _ *Uploads) {
			f.TileFont, f.TileFontData, f.TileSize, f.TileScale = "", nil, 0, 0
			if t := k.Tile; t != nil {
				f.TileFont, f.TileFontData, f.TileSize, f.TileScale = t.Font, t.FontData, t.Size, t.Scale
			}
		}},
	// Framing and output: the batch's, outside the brand kit.
	{Key: "crop", Page: "crop", Flag: "crop",
		Controls: []Control[Form]{{Kind: Select, ID: "crop", Section: "framing", Label: "Which part to keep", Options: cropOptions,
			Str: func(f *Form) *string { return &f.Crop }}},
		Default: job.DefaultCrop,
		toDoc:   func(f *Form, _ Uploads, s *job.Settings) { s.Crop = f.Crop },
		set:     func(s *job.Settings, v any, _ Run) error { s.Crop = v.(string); return nil }},
	{Key: "focal", Flag: "focal", Why: "the page sets a focal point on each photo (job.Plan.Photo), not one for the batch",
		Default: "",
		set: func(s *job.Settings, v any, r Run) error {
			if v.(string) == "" {
				return nil
			}
			pt, err := crop.ParsePoint(v.(string))
			if err != nil {
				return msg.Within(err, msg.CLIFocal)
			}
			s.Focal = &pt
			if !r.Given("crop") {
				s.Crop = "focal"
			} else if st, err := crop.Parse(s.Crop); err == nil && st.Kind != crop.Focal {
				// Only the focal crop uses the point: never drop it silently.
				return msg.Err(msg.CLIFocalCrop, msg.Text("value", s.Crop))
			}
			return nil
		}},
	{Key: "fit", Page: "fit", Flag: "fit",
		Controls: []Control[Form]{{Kind: Select, ID: "fit", Section: "framing", Label: "How to fill each format", Options: fitOptions,
			Str: func(f *Form) *string { return &f.Fit }}},
		Default: "fill",
		toDoc:   func(f *Form, _ Uploads, s *job.Settings) { s.Fit = f.Fit },
		set:     func(s *job.Settings, v any, _ Run) error { s.Fit = v.(string); return nil }},
	{Key: "pad", Page: "pad", Flag: "pad-color", Default: "#ffffff",
		Controls: []Control[Form]{{Kind: Colour, ID: "pad-color", Section: "framing", Label: "Background colour",
			If: func(f *Form) bool { return f.Fit == "pad" }, Str: func(f *Form) *string { return &f.Pad }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) { s.Pad = f.Pad },
		set:   func(s *job.Settings, v any, _ Run) error { s.Pad = v.(string); return nil }},
	{Key: "format", Page: "format", Flag: "format", Default: "jpeg",
		Controls: []Control[Form]{{Kind: Select, ID: "format", Section: "output", Label: "File format", Options: formatOptions,
			Str: func(f *Form) *string { return &f.Format }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) { s.Format = f.Format },
		set:   func(s *job.Settings, v any, _ Run) error { s.Format = v.(string); return nil }},
	{Key: "quality", Page: "quality", Flag: "quality",
		Controls: []Control[Form]{{Kind: Range, ID: "quality", Section: "output", Label: "JPEG quality", Min: 40, Max: 100,
			Int: func(f *Form) *int { return &f.Quality }}},
		Default: imgio.DefaultQuality,
		toDoc:   func(f *Form, _ Uploads, s *job.Settings) { s.Quality = f.Quality },
		set:     func(s *job.Settings, v any, _ Run) error { s.Quality = v.(int); return nil }},
	{Key: "name", Page: "name", Flag: "name", Default: batch.DefaultTemplate,
		Controls: []Control[Form]{{Kind: Text, ID: "name-template", Section: "output", Label: "Names", Placeholder: "{preset}/{dir}/{name}",
			Str: func(f *Form) *string { return &f.Name }}},
		toDoc: func(f *Form, _ Uploads, s *job.Settings) { s.Name = f.Name },
		set:   func(s *job.Settings, v any, _ Run) error { s.Name = v.(string); return nil }},
}

func hasLogo(k *brand.File) bool { return k.Logo != nil && len(k.Logo.Data) > 0 }

// withLogo changes the logo's placement when there is a logo.
func withLogo(s *job.Settings, do func(*brand.LogoFile)) {
	if s.Kit.Logo != nil {
		do(s.Kit.Logo)
	}
}

// postText sets one post template, making the kit's posts when there is
// something to write.
func postText(s *job.Settings, field func(*brand.PostsFile) *string, v string) {
	if v == "" && s.Kit.Posts == nil {
		return
	}
	if s.Kit.Posts == nil {
		s.Kit.Posts = &brand.PostsFile{}
	}
	*field(s.Kit.Posts) = v
}

// posts is the kit's post templates, none when it has none.
func posts(k *brand.File) brand.PostsFile {
	if k.Posts == nil {
		return brand.PostsFile{}
	}
	return *k.Posts
}

func percent(share float64) int { return int(math.Round(share * 100)) }

func ptr[T any](v T) *T { return &v }
