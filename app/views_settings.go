package app

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/brand"
	"picmark/internal/msg"
	"picmark/internal/settings"
)

// views_settings.go lays the settings' sections out. Their simple
// controls are drawn from settings.Table (controls.go); what is drawn here
// is the rest: the formats' list, the logo and font files, the layers
// editor, the brand kits.

// option is a choice of a <select> the page makes itself (the report's
// filters, the sheet's columns).
type option struct{ value, label string }

func (s *settingsPanel) renderFraming() app.UI {
	return app.Section().ID("framing").Class("card").Body(
		app.H2().Text(s.t("3. Framing")),
		app.Div().Class("fields").Body(s.section("framing")...),
		app.P().Class("muted").Text(s.t("Smart keeps the subject and every face it can; a focal point set on a photo (Files above) wins for that photo.")),
	)
}

func (s *settingsPanel) renderBranding() app.UI {
	c := &s.choices
	return app.Section().ID("brand").Class("card").Body(
		app.H2().Text(s.t("4. Brand it (optional)")),
		s.renderKits(),
		s.renderLogo(),
		app.Details().ID("text-layer").Open(c.Text != "").Body(
			app.Summary().Text(s.t("Text")),
			app.Div().Class("fields").Body(s.layerControls((*settings.Layer)(&c.FirstLayer), 1, s.fontUpload)...),
		),
		s.renderLayers(),
		app.Details().ID("tile-layer").Open(c.Tile).Body(
			app.Summary().Text(s.t("Tiled watermark")),
			app.Div().Class("fields").Body(s.section("tile")...),
		),
		app.P().Class("muted").Text(s.t("The brand kit file holds your logo, texts, watermark and formats: import it on another device, or give it to picmark's command line.")),
	)
}

// renderLayers is the layers editor: the text layers after the first (a
// product's name, a price badge, a call to action), each with its own
// template, font, size, colour, style and position. Layers never cover each
// other: the pictures lay them out side by side or stacked.
func (s *settingsPanel) renderLayers() app.UI {
	c := &s.choices
	return app.Details().ID("more-layers").Open(len(c.Layers) > 0).Body(
		app.Summary().Text(s.t("More text layers")),
		app.P().Class("muted").Text(s.t("Each layer has its own words: write {Column} to take each photo's value from the sheet. Layers never cover each other or the logo.")),
		app.Range(c.Layers).Slice(func(i int) app.UI {
			l := &c.Layers[i]
			id := func(part string) string { return layerID(i+2, part) }
			return app.Div().Class("layer").ID(id("box")).Body(
				app.H3().Text(s.t("Text %d", i+2)),
				app.Div().Class("fields").Body(s.layerControls(l, i+2, s.kitFont(i))...),
				app.Button().ID(id("remove")).Class("button secondary small").Text(s.t("Remove this layer")).OnClick(s.removeLayer(i)),
			)
		}),
		app.Button().ID("add-layer").Class("button secondary small").Disabled(len(c.Layers)+1 >= brand.MaxTexts).
			Text(s.t("Add a text layer")).OnClick(s.addLayer),
	)
}

// kitFont is a later layer's font file (settings.LayerTable's fontData),
// which only a brand kit gives it: said, and removable.
func (s *settingsPanel) kitFont(i int) func(id string) app.UI {
	return func(id string) app.UI {
		return app.If(len(s.choices.Layers[i].FontData) > 0, func() app.UI {
			return app.P().ID(id).Class("field muted").Body(
				app.Text(s.t("The brand kit's own font file is used.")+" "),
				app.Button().ID(id+"-remove").Class("button secondary small").Text(s.t("Remove")).OnClick(s.removeKitFont(i)),
			)
		})
	}
}

func (s *settingsPanel) removeKitFont(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(s.choices.Layers) {
			s.choices.Layers = slices.Clone(s.choices.Layers)
			s.choices.Layers[i].FontData = nil
			s.remember(ctx)
		}
	}
}

func (s *settingsPanel) addLayer(ctx app.Context, e app.Event) {
	if len(s.choices.Layers)+1 < brand.MaxTexts {
		s.choices.Layers = append(slices.Clone(s.choices.Layers), settings.NewLayer())
		s.remember(ctx)
	}
}

func (s *settingsPanel) removeLayer(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(s.choices.Layers) {
			s.choices.Layers = slices.Delete(slices.Clone(s.choices.Layers), i, i+1)
			s.remember(ctx)
		}
	}
}

// exportKit downloads the brand kit: the same JSON file `picmark process
// -brand` reads (layers, chosen formats, custom formats, logo embedded).
func (s *settingsPanel) exportKit(ctx app.Context, e app.Event) {
	data, err := s.kitFile().Marshal()
	if err != nil {
		say(ctx, tell("The brand kit could not be saved: %s.", err))
		return
	}
	saveFile(data, "brand-kit.json", "application/json")
	s.kits.Saved = tell("Downloaded as brand-kit.json: keep it, or give it to picmark process -brand.")
}

func (s *settingsPanel) renderOutput() app.UI {
	return app.Section().ID("output").Class("card").Body(
		app.Details().Body(
			app.Summary().Text(s.t("5. Files and names (optional)")),
			app.Div().Class("fields").Body(s.section("output")...),
			app.P().Class("muted").Text(s.t("Names may use {preset}, {dir}, {name}, {w}, {h} and {index}. "+
				"A picture over a platform's size limit is saved at a lower quality until it fits.")),
		),
	)
}

func (s *settingsPanel) renderPresets() app.UI {
	all := s.choices.presets()
	return app.Section().ID("formats").Class("card").Body(
		app.H2().Text(s.t("2. Tick the formats")),
		app.Div().Class("presets").Body(
			app.Range(all).Slice(func(i int) app.UI {
				pr := all[i]
				id := "preset-" + pr.ID
				return app.Div().Class("preset").Body(
					app.Input().Type("checkbox").ID(id).Name("preset").Value(pr.ID).
						Checked(s.choices.Ticked[pr.ID]).OnChange(s.togglePreset),
					app.Label().For(id).Body(
						app.Strong().Text(pr.Title(s.lang)),
						app.Span().Class("muted").Text(s.t(" %s, up to %s", pr.Size(s.lang), msg.Size(s.lang, pr.MaxBytes))),
					),
					app.If(s.isCustom(pr.ID), func() app.UI {
						return app.Button().Class("button secondary small remove-custom").DataSet("id", pr.ID).
							Aria("label", s.t("Remove the format %s", pr.Title(s.lang))).Text(s.t("Remove")).OnClick(s.removeCustom)
					}),
				)
			}),
		),
		s.renderCustomForm(),
	)
}

func (s *settingsPanel) renderLogo() app.UI {
	l := s.logo
	return app.Div().ID("logo-layer").Body(
		app.H3().Text(s.t("Logo")),
		app.P().Class("muted").Text(s.t("A PNG with transparency, a JPEG or an SVG. It stays inside each platform's safe zone.")),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("logo-input").Class("visually-hidden").
				Accept("image/png,image/jpeg,image/webp,image/svg+xml,.svg").OnChange(s.pickUpload(&s.logo, "logo")),
			app.Label().For("logo-input").ID("pick-logo").Class("button secondary").Text(s.t("Choose a logo")),
			app.If(l.Name != "", func() app.UI {
				return app.Span().Class("logo-chosen").Body(
					app.Img().ID("logo-preview").Src(l.URL).Alt(s.t("logo: %s", l.Name)),
					app.Span().Text(l.Name),
					app.Button().ID("remove-logo").Class("button secondary small").Text(s.t("Remove")).OnClick(s.removeUpload(&s.logo)),
				)
			}),
		),
		app.If(!l.Error.empty(), func() app.UI {
			return app.P().ID("logo-error").Class("error").Attr("role", "alert").Text(l.Error.in(s.lang))
		}),
		app.Div().Class("fields").Body(s.section("logo")...),
	)
}

// fontUpload is the first text layer's own font file (settings.LayerTable's
// fontData): picked, checked, removable.
func (s *settingsPanel) fontUpload(id string) app.UI {
	return app.Div().Class("field").Body(
		app.Input().Type("file").ID(id).Class("visually-hidden").Accept(".ttf,.otf,font/ttf,font/otf").
			OnChange(s.pickUpload(&s.font, "font")),
		app.Label().For(id).ID("pick-font").Class("button secondary small").Text(s.t("Use your own font (TTF, OTF)")),
		app.If(s.font.Name != "", func() app.UI {
			return app.Span().ID("font-chosen").Body(
				app.Text(" "+s.font.Name+" "),
				app.Button().ID("remove-font").Class("button secondary small").Text(s.t("Remove")).OnClick(s.removeUpload(&s.font)),
			)
		}),
		app.If(!s.font.Error.empty(), func() app.UI {
			return app.P().ID("font-error").Class("error").Attr("role", "alert").Text(s.font.Error.in(s.lang))
		}),
	)
}
