package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// runPanel is the Run section: the buttons, the progress bar and the status
// line. It is what a batch changes at each photo, so it is a component of
// its own: a worker's result renders it and nothing else of the page.
type runPanel struct {
	app.Compo

	Lang      string
	State     string // "idle", "running" or "done"
	Done      int
	Total     int
	Status    string // the notice, or the progress in words while running
	ZipURL    string
	Retryable bool
	CanSave   bool // the browser can write the outputs into a folder the user picks
	CanFolder bool // a batch can go into a folder as it is made (folder.go)
	CanShare  bool // the browser can share the outputs (phones)

	page *Page // for the handlers: set once, when mounted
}

func (c *runPanel) Render() app.UI {
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	p := c.page
	class := "card"
	if c.State == "running" {
		class += " running" // its progress stays in view (web/picmark.css)
	}
	return app.Section().ID("run").Class(class).Body(
		app.H2().Text(t("6. Make the pictures")),
		app.Div().Class("actions").Body(
			app.Button().ID("start").Class("button primary").Disabled(c.State == "running").
				Text(t("Make the pictures")).OnClick(p.start),
			app.If(c.CanFolder, func() app.UI {
				return app.Button().ID("start-folder").Class("button secondary").Text(t("Save into a folder…")).OnClick(p.startFolder)
			}),
			app.If(c.State == "running", func() app.UI {
				return app.Button().ID("cancel").Class("button secondary").Text(t("Cancel (keep what is made)")).OnClick(p.cancel)
			}),
			app.If(c.Retryable, func() app.UI {
				return app.Button().ID("retry").Class("button secondary").Text(t("Retry the failed photos")).OnClick(p.retry)
			}),
			app.If(c.CanSave, func() app.UI {
				return app.Button().ID("save-folder").Class("button secondary").Text(t("Save into a folder…")).OnClick(p.saveFolder)
			}),
			app.If(c.CanShare, func() app.UI {
				return app.Button().ID("share").Class("button secondary").Text(t("Share…")).OnClick(p.share)
			}),
			app.If(c.ZipURL != "", func() app.UI {
				return app.A().ID("download").Class("button primary").Href(c.ZipURL).Download("picmark.zip").
					Text(t("Download the ZIP"))
			}),
		),
		app.Progress().ID("progress").Max(max(c.Total, 1)).Value(c.Done).Aria("label", t("photos done")),
		app.P().ID("status").Attr("role", "status").Aria("live", "polite").Text(c.Status),
	)
}
