package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/msg"
)

// views.go holds the parts of the page the Page renders itself, and the
// sections settingsBody renders from the page.

// renderMasthead is the title, the language and the app's install and
// update buttons.
func (p *Page) renderMasthead() app.UI {
	return app.Header().Class("masthead").Body(
		app.Div().Class("row").Body(
			app.H1().Text(p.t("picmark")),
			app.Div().Class("actions").Body(
				app.If(p.installable, func() app.UI {
					return app.Button().ID("install").Class("button secondary small").Text(p.t("Install the app")).OnClick(p.install)
				}),
				app.Label().For("lang").Class("visually-hidden").Text(p.t("Language")),
				app.Select().ID("lang").OnChange(p.setLang).Body(
					app.Range(languages).Slice(func(i int) app.UI {
						return app.Option().Value(languages[i].value).Selected(languages[i].value == p.lang).Text(languages[i].label)
					}),
				),
			),
		),
		app.P().Text(p.t("Folders of photos in, ready-to-post pictures out. Everything happens on this device: nothing is uploaded.")),
		app.If(p.updateReady, func() app.UI {
			return app.Div().ID("update").Class("notice").Attr("role", "status").Body(
				app.Span().Text(p.t("A new version of picmark is ready. ")),
				app.Button().ID("reload").Class("button small").Disabled(p.state == "running").
					Text(p.t("Reload to use it")).OnClick(p.reload),
			)
		}),
	)
}

func (p *Page) renderIntake() app.UI {
	return app.Section().ID("intake").Class("card drop").Aria("label", p.t("Add photos")).Body(
		app.H2().Text(p.t("1. Add photos")),
		app.P().Class("drop-hint").Text(p.t(device(p.touch, "Drop a folder of photos anywhere on this page — sub-folders included — or choose one:",
			"Choose a folder of photos — sub-folders included — or some photos:"))),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("folder-input").Class("visually-hidden").
				Attr("webkitdirectory", true).Multiple(true).Disabled(p.state == "running"),
			app.Label().For("folder-input").ID("pick-folder").Class("button").Text(p.t("Choose a folder")),
			app.Input().Type("file").ID("files-input").Class("visually-hidden").
				Multiple(true).Accept(photoTypes).Disabled(p.state == "running"),
			app.Label().For("files-input").ID("pick-files").Class("button secondary").Text(p.t("Choose files")),
		),
	)
}

func (p *Page) renderPresets() app.UI {
	all := p.choices.presets()
	return app.Section().ID("formats").Class("card").Body(
		app.H2().Text(p.t("2. Tick the formats")),
		app.Div().Class("presets").Body(
			app.Range(all).Slice(func(i int) app.UI {
				pr := all[i]
				id := "preset-" + pr.ID
				return app.Div().Class("preset").Body(
					app.Input().Type("checkbox").ID(id).Name("preset").Value(pr.ID).
						Checked(p.choices.Ticked[pr.ID]).OnChange(p.togglePreset(pr.ID)),
					app.Label().For(id).Body(
						app.Strong().Text(pr.Title(p.lang)),
						app.Span().Class("muted").Text(p.t(" %s, up to %s", pr.Size(p.lang), msg.Size(p.lang, pr.MaxBytes))),
					),
					app.If(p.isCustom(pr.ID), func() app.UI {
						return app.Button().Class("button secondary small remove-custom").DataSet("id", pr.ID).
							Aria("label", p.t("Remove the format %s", pr.Title(p.lang))).Text(p.t("Remove")).OnClick(p.removeCustom(pr.ID))
					}),
				)
			}),
		),
		p.renderCustomForm(),
	)
}

func (p *Page) renderLogo() app.UI {
	l, c := p.logo, &p.choices
	return app.Div().ID("logo-layer").Body(
		app.H3().Text(p.t("Logo")),
		app.P().Class("muted").Text(p.t("A PNG with transparency, a JPEG or an SVG. It stays inside each platform's safe zone.")),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("logo-input").Class("visually-hidden").
				Accept("image/png,image/jpeg,image/webp,image/svg+xml,.svg").OnChange(p.pickUpload(&p.logo, "logo")),
			app.Label().For("logo-input").ID("pick-logo").Class("button secondary").Text(p.t("Choose a logo")),
			app.If(l.Name != "", func() app.UI {
				return app.Span().Class("logo-chosen").Body(
					app.Img().ID("logo-preview").Src(l.URL).Alt(p.t("logo: %s", l.Name)),
					app.Span().Text(l.Name),
					app.Button().ID("remove-logo").Class("button secondary small").Text(p.t("Remove")).OnClick(p.removeUpload(&p.logo)),
				)
			}),
		),
		app.If(l.Error != "", func() app.UI {
			return app.P().ID("logo-error").Class("error").Attr("role", "alert").Text(l.Error)
		}),
		app.Div().Class("fields").Body(
			p.rangeField("logo-scale", "Size", 5, 50, "% of the width", &c.LogoScale),
			p.rangeField("logo-opacity", "Opacity", 0, 100, "%", &c.LogoOpacity),
			p.selectField("logo-anchor", "Position", anchorOptions(), &c.LogoAnchor),
		),
	)
}
