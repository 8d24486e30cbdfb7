package app

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/brand"
	"picmark/internal/geom"
	"picmark/internal/msg"
	"picmark/internal/settings"
)

// views_settings.go holds the controls for framing, branding and output.
// Every control writes one field of settingsPanel.choices; the choices are
// remembered as soon as they change.

type option struct{ value, label string }

var cropOptions = []option{
	{"center", "Centre"}, {"smart", "Smart (subject and faces)"}, {"focal", "Focal point"},
	{"top", "Top"}, {"bottom", "Bottom"}, {"left", "Left"}, {"right", "Right"},
	{"top-left", "Top left"}, {"top-right", "Top right"}, {"bottom-left", "Bottom left"}, {"bottom-right", "Bottom right"},
}

var fitOptions = []option{
	{"fill", "Fill the frame (crop)"}, {"blur", "Whole photo on a blurred copy"}, {"pad", "Whole photo on a colour"},
}

var textStyles = []option{{"band", "On a band"}, {"badge", "As a badge (a price tag)"}, {"shadow", "With a shadow"}, {"none", "Plain"}}

var formatOptions = []option{{"jpeg", "JPEG (photos)"}, {"png", "PNG (graphics, transparency)"}}

var anchorLabels = map[string]string{
	"center": "Centre", "top": "Top", "bottom": "Bottom", "left": "Left", "right": "Right",
	"top-left": "Top left", "top-right": "Top right", "bottom-left": "Bottom left", "bottom-right": "Bottom right",
}

func anchorOptions() []option {
	var out []option
	for _, a := range geom.Anchors() {
		out = append(out, option{a.String(), anchorLabels[a.String()]})
	}
	return out
}

func fontOptions() []option {
	var out []option
	for _, n := range brand.FontNames() {
		out = append(out, option{n, "Go " + n}) // a font's name: not translated
	}
	return out
}

// selectField is a labelled <select> bound to *dst.
func (s *settingsPanel) selectField(id, label string, opts []option, dst *string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(s.t(label)),
		app.Select().ID(id).OnChange(s.setString(dst)).Body(
			app.Range(opts).Slice(func(i int) app.UI {
				return app.Option().Value(opts[i].value).Selected(opts[i].value == *dst).Text(s.t(opts[i].label))
			}),
		),
	)
}

// rangeField is a labelled slider bound to *dst, showing its value.
func (s *settingsPanel) rangeField(id, label string, lo, hi int, unit string, dst *int) app.UI {
	return s.rangeFieldShown(id, label, lo, hi, unit, dst, strconv.Itoa(*dst))
}

// rangeFieldShown is rangeField with the value shown as given.
func (s *settingsPanel) rangeFieldShown(id, label string, lo, hi int, unit string, dst *int, shown string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(s.t("%s: %s%s", s.t(label), shown, s.t(unit))),
		app.Input().Type("range").ID(id).Min(lo).Max(hi).Value(*dst).OnInput(s.setInt(dst)),
	)
}

func (s *settingsPanel) colorField(id, label string, dst *string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(s.t(label)),
		app.Input().Type("color").ID(id).Value(*dst).OnChange(s.setString(dst)),
	)
}

// textField is a text field whose value the page takes as it is typed
// (the previews follow), remembered when it is left.
func (s *settingsPanel) textField(id, label, placeholder string, dst *string) app.UI {
	return app.Div().Class("field wide").Body(
		app.Label().For(id).Text(s.t(label)),
		app.Input().Type("text").ID(id).Value(*dst).Placeholder(s.t(placeholder)).
			OnInput(func(ctx app.Context, e app.Event) { *dst = ctx.JSSrc().Get("value").String(); s.publish(ctx) }).
			OnChange(s.setString(dst)),
	)
}

func (s *settingsPanel) setString(dst *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = ctx.JSSrc().Get("value").String()
		s.remember(ctx)
	}
}

func (s *settingsPanel) setInt(dst *int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if v, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
			*dst = v
			s.remember(ctx)
		}
	}
}

func (s *settingsPanel) setBool(dst *bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = ctx.JSSrc().Get("checked").Bool()
		s.remember(ctx)
	}
}

func (s *settingsPanel) renderFraming() app.UI {
	c := &s.choices
	return app.Section().ID("framing").Class("card").Body(
		app.H2().Text(s.t("3. Framing")),
		app.Div().Class("fields").Body(
			s.selectField("crop", "Which part to keep", cropOptions, &c.Crop),
			s.selectField("fit", "How to fill each format", fitOptions, &c.Fit),
			app.If(c.Fit == "pad", func() app.UI { return s.colorField("pad-color", "Background colour", &c.Pad) }),
		),
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
			app.Div().Class("fields").Body(
				s.textField("text", "Text", "e.g. your shop's name or a promotion", &c.Text),
				s.selectField("text-font", "Font", fontOptions(), &c.TextFont),
				app.Div().Class("field").Body(
					app.Input().Type("file").ID("font-input").Class("visually-hidden").Accept(".ttf,.otf,font/ttf,font/otf").
						OnChange(s.pickUpload(&s.font, "font")),
					app.Label().For("font-input").ID("pick-font").Class("button secondary small").Text(s.t("Use your own font (TTF, OTF)")),
					app.If(s.font.Name != "", func() app.UI {
						return app.Span().ID("font-chosen").Body(
							app.Text(" "+s.font.Name+" "),
							app.Button().ID("remove-font").Class("button secondary small").Text(s.t("Remove")).OnClick(s.removeUpload(&s.font)),
						)
					}),
					app.If(!s.font.Error.empty(), func() app.UI {
						return app.P().ID("font-error").Class("error").Attr("role", "alert").Text(s.font.Error.in(s.lang))
					}),
				),
				// Kept in thousandths of the shorter side, shown as a percentage.
				s.rangeFieldShown("text-size", "Size", 20, 150, "% of the shorter side", &c.TextSize, msg.Decimal(s.lang, float64(c.TextSize)/10)),
				s.colorField("text-color", "Colour", &c.TextColor),
				s.selectField("text-style", "Legibility", textStyles, &c.TextStyle),
				app.If(c.TextStyle == "band" || c.TextStyle == "badge", func() app.UI { return s.colorField("band-color", "Band colour", &c.BandColor) }),
				s.selectField("text-anchor", "Position", anchorOptions(), &c.TextAnchor),
			),
		),
		s.renderLayers(),
		app.Details().ID("tile-layer").Open(c.Tile).Body(
			app.Summary().Text(s.t("Tiled watermark")),
			app.Div().Class("fields").Body(
				app.Div().Class("field").Body(
					app.Input().Type("checkbox").ID("tile").Checked(c.Tile).OnChange(s.setBool(&c.Tile)),
					app.Label().For("tile").Text(s.t(" Repeat the logo (or a text) across each picture")),
				),
				s.textField("tile-text", "Text to repeat when there is no logo", "e.g. © your brand", &c.TileText),
				s.rangeField("tile-angle", "Angle", -90, 90, "°", &c.TileAngle),
				s.rangeField("tile-spacing", "Spacing", 1, 50, "%", &c.TileSpacing),
				s.rangeField("tile-opacity", "Opacity", 5, 100, "%", &c.TileOpacity),
			),
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
			id := func(part string) string { return fmt.Sprintf("layer-%d-%s", i+2, part) }
			return app.Div().Class("layer").ID(id("box")).Body(
				app.H3().Text(s.t("Text %d", i+2)),
				app.Div().Class("fields").Body(
					s.textField(id("text"), "Text", "e.g. {Prix} €", &l.Text),
					s.selectField(id("font"), "Font", fontOptions(), &l.TextFont),
					s.rangeFieldShown(id("size"), "Size", 20, 150, "% of the shorter side", &l.TextSize, msg.Decimal(s.lang, float64(l.TextSize)/10)),
					s.colorField(id("color"), "Colour", &l.TextColor),
					s.selectField(id("style"), "Legibility", textStyles, &l.TextStyle),
					app.If(l.TextStyle == "band" || l.TextStyle == "badge", func() app.UI { return s.colorField(id("band"), "Band colour", &l.BandColor) }),
					s.selectField(id("anchor"), "Position", anchorOptions(), &l.TextAnchor),
				),
				app.Button().ID(id("remove")).Class("button secondary small").Text(s.t("Remove this layer")).OnClick(s.removeLayer(i)),
			)
		}),
		app.Button().ID("add-layer").Class("button secondary small").Disabled(len(c.Layers)+1 >= brand.MaxTexts).
			Text(s.t("Add a text layer")).OnClick(s.addLayer),
	)
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
	c := &s.choices
	return app.Section().ID("output").Class("card").Body(
		app.Details().Body(
			app.Summary().Text(s.t("5. Files and names (optional)")),
			app.Div().Class("fields").Body(
				s.selectField("format", "File format", formatOptions, &c.Format),
				s.rangeField("quality", "JPEG quality", 40, 100, "", &c.Quality),
				s.textField("name-template", "Names", "{preset}/{dir}/{name}", &c.Name),
			),
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
						Checked(s.choices.Ticked[pr.ID]).OnChange(s.togglePreset(pr.ID)),
					app.Label().For(id).Body(
						app.Strong().Text(pr.Title(s.lang)),
						app.Span().Class("muted").Text(s.t(" %s, up to %s", pr.Size(s.lang), msg.Size(s.lang, pr.MaxBytes))),
					),
					app.If(s.isCustom(pr.ID), func() app.UI {
						return app.Button().Class("button secondary small remove-custom").DataSet("id", pr.ID).
							Aria("label", s.t("Remove the format %s", pr.Title(s.lang))).Text(s.t("Remove")).OnClick(s.removeCustom(pr.ID))
					}),
				)
			}),
		),
		s.renderCustomForm(),
	)
}

func (s *settingsPanel) renderLogo() app.UI {
	l, c := s.logo, &s.choices
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
		app.Div().Class("fields").Body(
			s.rangeField("logo-scale", "Size", 5, 50, "% of the width", &c.LogoScale),
			s.rangeField("logo-opacity", "Opacity", 0, 100, "%", &c.LogoOpacity),
			s.selectField("logo-anchor", "Position", anchorOptions(), &c.LogoAnchor),
		),
	)
}
