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
// Every control writes one field of Page.choices; the choices are
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
func (p *Page) selectField(id, label string, opts []option, dst *string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(p.t(label)),
		app.Select().ID(id).OnChange(p.setString(dst)).Body(
			app.Range(opts).Slice(func(i int) app.UI {
				return app.Option().Value(opts[i].value).Selected(opts[i].value == *dst).Text(p.t(opts[i].label))
			}),
		),
	)
}

// rangeField is a labelled slider bound to *dst, showing its value.
func (p *Page) rangeField(id, label string, lo, hi int, unit string, dst *int) app.UI {
	return p.rangeFieldShown(id, label, lo, hi, unit, dst, strconv.Itoa(*dst))
}

// rangeFieldShown is rangeField with the value shown as given.
func (p *Page) rangeFieldShown(id, label string, lo, hi int, unit string, dst *int, shown string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(p.t("%s: %s%s", p.t(label), shown, p.t(unit))),
		app.Input().Type("range").ID(id).Min(lo).Max(hi).Value(*dst).OnInput(p.setInt(dst)),
	)
}

func (p *Page) colorField(id, label string, dst *string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(p.t(label)),
		app.Input().Type("color").ID(id).Value(*dst).OnChange(p.setString(dst)),
	)
}

// textField is a text field whose value the page takes as it is typed
// (the previews follow), remembered when it is left.
func (p *Page) textField(id, label, placeholder string, dst *string) app.UI {
	return app.Div().Class("field wide").Body(
		app.Label().For(id).Text(p.t(label)),
		app.Input().Type("text").ID(id).Value(*dst).Placeholder(p.t(placeholder)).
			OnInput(func(ctx app.Context, e app.Event) { *dst = ctx.JSSrc().Get("value").String(); p.publishSettings(ctx) }).
			OnChange(p.setString(dst)),
	)
}

func (p *Page) setString(dst *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = ctx.JSSrc().Get("value").String()
		p.remember(ctx)
	}
}

func (p *Page) setInt(dst *int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if v, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
			*dst = v
			p.remember(ctx)
		}
	}
}

func (p *Page) setBool(dst *bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = ctx.JSSrc().Get("checked").Bool()
		p.remember(ctx)
	}
}

func (p *Page) renderFraming() app.UI {
	c := &p.choices
	return app.Section().ID("framing").Class("card").Body(
		app.H2().Text(p.t("3. Framing")),
		app.Div().Class("fields").Body(
			p.selectField("crop", "Which part to keep", cropOptions, &c.Crop),
			p.selectField("fit", "How to fill each format", fitOptions, &c.Fit),
			app.If(c.Fit == "pad", func() app.UI { return p.colorField("pad-color", "Background colour", &c.Pad) }),
		),
		app.P().Class("muted").Text(p.t("Smart keeps the subject and every face it can; a focal point set on a photo (Files above) wins for that photo.")),
	)
}

func (p *Page) renderBranding() app.UI {
	c := &p.choices
	return app.Section().ID("brand").Class("card").Body(
		app.H2().Text(p.t("4. Brand it (optional)")),
		p.renderKits(),
		p.renderLogo(),
		app.Details().ID("text-layer").Open(c.Text != "").Body(
			app.Summary().Text(p.t("Text")),
			app.Div().Class("fields").Body(
				p.textField("text", "Text", "e.g. your shop's name or a promotion", &c.Text),
				p.selectField("text-font", "Font", fontOptions(), &c.TextFont),
				app.Div().Class("field").Body(
					app.Input().Type("file").ID("font-input").Class("visually-hidden").Accept(".ttf,.otf,font/ttf,font/otf").
						OnChange(p.pickUpload(&p.font, "font")),
					app.Label().For("font-input").ID("pick-font").Class("button secondary small").Text(p.t("Use your own font (TTF, OTF)")),
					app.If(p.font.Name != "", func() app.UI {
						return app.Span().ID("font-chosen").Body(
							app.Text(" "+p.font.Name+" "),
							app.Button().ID("remove-font").Class("button secondary small").Text(p.t("Remove")).OnClick(p.removeUpload(&p.font)),
						)
					}),
					app.If(p.font.Error != "", func() app.UI {
						return app.P().ID("font-error").Class("error").Attr("role", "alert").Text(p.font.Error)
					}),
				),
				// Kept in thousandths of the shorter side, shown as a percentage.
				p.rangeFieldShown("text-size", "Size", 20, 150, "% of the shorter side", &c.TextSize, msg.Decimal(p.lang, float64(c.TextSize)/10)),
				p.colorField("text-color", "Colour", &c.TextColor),
				p.selectField("text-style", "Legibility", textStyles, &c.TextStyle),
				app.If(c.TextStyle == "band" || c.TextStyle == "badge", func() app.UI { return p.colorField("band-color", "Band colour", &c.BandColor) }),
				p.selectField("text-anchor", "Position", anchorOptions(), &c.TextAnchor),
			),
		),
		p.renderLayers(),
		app.Details().ID("tile-layer").Open(c.Tile).Body(
			app.Summary().Text(p.t("Tiled watermark")),
			app.Div().Class("fields").Body(
				app.Div().Class("field").Body(
					app.Input().Type("checkbox").ID("tile").Checked(c.Tile).OnChange(p.setBool(&c.Tile)),
					app.Label().For("tile").Text(p.t(" Repeat the logo (or a text) across each picture")),
				),
				p.textField("tile-text", "Text to repeat when there is no logo", "e.g. © your brand", &c.TileText),
				p.rangeField("tile-angle", "Angle", -90, 90, "°", &c.TileAngle),
				p.rangeField("tile-spacing", "Spacing", 1, 50, "%", &c.TileSpacing),
				p.rangeField("tile-opacity", "Opacity", 5, 100, "%", &c.TileOpacity),
			),
		),
		app.P().Class("muted").Text(p.t("The brand kit file holds your logo, texts, watermark and formats: import it on another device, or give it to picmark's command line.")),
	)
}

// renderLayers is the layers editor: the text layers after the first (a
// product's name, a price badge, a call to action), each with its own
// template, font, size, colour, style and position. Layers never cover each
// other: the pictures lay them out side by side or stacked.
func (p *Page) renderLayers() app.UI {
	c := &p.choices
	return app.Details().ID("more-layers").Open(len(c.Layers) > 0).Body(
		app.Summary().Text(p.t("More text layers")),
		app.P().Class("muted").Text(p.t("Each layer has its own words: write {Column} to take each photo's value from the sheet. Layers never cover each other or the logo.")),
		app.Range(c.Layers).Slice(func(i int) app.UI {
			l := &c.Layers[i]
			id := func(part string) string { return fmt.Sprintf("layer-%d-%s", i+2, part) }
			return app.Div().Class("layer").ID(id("box")).Body(
				app.H3().Text(p.t("Text %d", i+2)),
				app.Div().Class("fields").Body(
					p.textField(id("text"), "Text", "e.g. {Prix} €", &l.Text),
					p.selectField(id("font"), "Font", fontOptions(), &l.TextFont),
					p.rangeFieldShown(id("size"), "Size", 20, 150, "% of the shorter side", &l.TextSize, msg.Decimal(p.lang, float64(l.TextSize)/10)),
					p.colorField(id("color"), "Colour", &l.TextColor),
					p.selectField(id("style"), "Legibility", textStyles, &l.TextStyle),
					app.If(l.TextStyle == "band" || l.TextStyle == "badge", func() app.UI { return p.colorField(id("band"), "Band colour", &l.BandColor) }),
					p.selectField(id("anchor"), "Position", anchorOptions(), &l.TextAnchor),
				),
				app.Button().ID(id("remove")).Class("button secondary small").Text(p.t("Remove this layer")).OnClick(p.removeLayer(i)),
			)
		}),
		app.Button().ID("add-layer").Class("button secondary small").Disabled(len(c.Layers)+1 >= brand.MaxTexts).
			Text(p.t("Add a text layer")).OnClick(p.addLayer),
	)
}

func (p *Page) addLayer(ctx app.Context, e app.Event) {
	if len(p.choices.Layers)+1 < brand.MaxTexts {
		p.choices.Layers = append(slices.Clone(p.choices.Layers), settings.NewLayer())
		p.remember(ctx)
	}
}

func (p *Page) removeLayer(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if i < len(p.choices.Layers) {
			p.choices.Layers = slices.Delete(slices.Clone(p.choices.Layers), i, i+1)
			p.remember(ctx)
		}
	}
}

// exportKit downloads the brand kit: the same JSON file `picmark process
// -brand` reads (layers, chosen formats, custom formats, logo embedded).
func (p *Page) exportKit(ctx app.Context, e app.Event) {
	data, err := p.kitFile().Marshal()
	if err != nil {
		say(ctx, p.t("The brand kit could not be saved: %s.", err))
		return
	}
	saveFile(data, "brand-kit.json", "application/json")
	p.kits.Saved = p.t("Downloaded as brand-kit.json: keep it, or give it to picmark process -brand.")
}

func (p *Page) renderOutput() app.UI {
	c := &p.choices
	return app.Section().ID("output").Class("card").Body(
		app.Details().Body(
			app.Summary().Text(p.t("5. Files and names (optional)")),
			app.Div().Class("fields").Body(
				p.selectField("format", "File format", formatOptions, &c.Format),
				p.rangeField("quality", "JPEG quality", 40, 100, "", &c.Quality),
				p.textField("name-template", "Names", "{preset}/{dir}/{name}", &c.Name),
			),
			app.P().Class("muted").Text(p.t("Names may use {preset}, {dir}, {name}, {w}, {h} and {index}. "+
				"A picture over a platform's size limit is saved at a lower quality until it fits.")),
		),
	)
}
