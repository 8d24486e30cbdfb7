package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// views.go holds the parts of the page the Page renders itself: the
// masthead and the drop zone.

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
