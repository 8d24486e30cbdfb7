package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// previewRow is one photo's previews, one per ticked format; a click on one
// opens the photo's focal point editor.
type previewRow struct {
	app.Compo

	Row   previewRowData
	Names map[string]string // the formats' names, by id
	Lang  string

	page *Page // for the handlers: set once, when mounted
}

func (c *previewRow) Render() app.UI {
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	f, it := c.Row, c.Row.Item
	name := f.Path[strings.LastIndex(f.Path, "/")+1:]
	status := "ready"
	switch {
	case !it.Error.IsZero():
		status = "error"
	case it.Waiting:
		status = "waiting"
	}
	return app.Div().Class("preview-row").DataSet("index", f.Index).DataSet("path", f.Path).DataSet("status", status).Body(
		app.H3().Class("path").Text(f.Path),
		app.If(!it.Error.IsZero(), func() app.UI {
			return app.P().Class("reason").Text(t("No preview: %s", it.Error.Say(c.Lang)))
		}),
		app.If(len(it.Images) == 0 && it.Error.IsZero(), func() app.UI {
			return app.P().Class("muted").Text(t("Making the previews…"))
		}),
		app.Div().Class("preview-list").Body(
			app.Range(it.Images).Slice(func(i int) app.UI {
				im := it.Images[i]
				pname := formatName(c.Names, im.Preset)
				return app.Figure().Class("preview").DataSet("preset", im.Preset).Body(
					app.Button().Class("preview-open").Title(t("Set the focal point of %s", f.Path)).
						OnClick(c.page.openFocal(f.Index)).Body(
						app.Img().Src(im.URL).Width(im.W).Height(im.H).Alt(t("%s: %s", pname, name)),
					),
					app.FigCaption().Text(pname), // preset names are proper names
				)
			}),
		),
	)
}

// formatName is a format's name for the page; its id when it is no longer
// offered.
func formatName(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return id
}
