package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fileItems lists the received files, each with its path and either why it
// is skipped or a button to set its focal point. It renders again only when
// the files or the language change.
type fileItems struct {
	app.Compo

	Files []fileEntry // replaced, never changed in place (session.setFocal)
	Lang  string

	page *Page // for the handlers: set once, when mounted
}

func (c *fileItems) Render() app.UI {
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	return app.Ul().ID("file-list").Class("file-list").TabIndex(0).Aria("label", t("Files")).Body(
		app.Range(c.Files).Slice(func(i int) app.UI {
			f := c.Files[i]
			status := "ready"
			if !f.Skip.IsZero() {
				status = "skipped"
			}
			return app.Li().DataSet("path", f.Path).DataSet("status", status).Class(status).Body(
				app.Span().Class("path").Text(f.Path),
				app.If(!f.Skip.IsZero(), func() app.UI {
					return app.Span().Class("reason").Text(t("skipped: %s", f.Skip.Say(c.Lang)))
				}).Else(func() app.UI {
					label := t("Set a focal point")
					if f.Focal != nil {
						label = t("Focal point %.0f%%, %.0f%%", f.Focal.X*100, f.Focal.Y*100)
					}
					return app.Button().Class("button secondary small set-focal").DataSet("index", f.Index).
						Aria("label", t("%s: %s", label, f.Path)).Text(label).OnClick(c.page.openFocal(f.Index))
				}),
			)
		}),
	)
}
