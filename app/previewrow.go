package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// previewRow is one photo's previews, one per ticked format; a click on one
// opens the photo's focal point editor.
type previewRow struct {
	app.Compo

	Row    previewRowData
	Number int               // its aria-rowindex: its place among all the photos
	Active bool              // the grid's keyboard is on it
	Names  map[string]string // the formats' names, by id
	Lang   string

	grid *previewGrid // the section it is a row of, whose window it moves: set once, when mounted
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
	class := "preview-row vrow"
	if c.Active {
		class += " active"
	}
	// The photo's name and each preview are the row's cells; the buttons are
	// reached with the grid's keys (Enter), not Tab: one tab stop for the grid.
	return app.Div().ID(previewRowID(f.Index)).Class(class).Attr("role", "row").Aria("rowindex", c.Number).
		DataSet("index", f.Index).DataSet("path", f.Path).DataSet("status", status).OnClick(c.pick).Body(
		app.Div().Class("path").Attr("role", "rowheader").Title(f.Path).Text(f.Path),
		app.If(!it.Error.IsZero(), func() app.UI {
			return app.P().Class("reason").Attr("role", "gridcell").Text(t("No preview: %s", it.Error.Say(c.Lang)))
		}),
		app.If(len(it.Images) == 0 && it.Error.IsZero(), func() app.UI {
			return app.P().Class("muted").Attr("role", "gridcell").Text(t("Making the previews…"))
		}),
		app.Div().Class("preview-list").Attr("role", "none").Body(
			app.Range(it.Images).Slice(func(i int) app.UI {
				im := it.Images[i]
				pname := formatName(c.Names, im.Preset)
				return app.Figure().Class("preview").Attr("role", "gridcell").DataSet("preset", im.Preset).Body(
					app.Button().Class("preview-open").TabIndex(-1).Title(t("Set the focal point of %s", f.Path)).
						DataSet("index", f.Index).OnClick(openFocalHere).Body(
						app.Img().Src(im.URL).Width(im.W).Height(im.H).Alt(t("%s: %s", pname, name)),
					),
					app.FigCaption().Text(pname), // preset names are proper names
				)
			}),
		),
	)
}

// pick makes a clicked row the grid's active one.
func (c *previewRow) pick(ctx app.Context, e app.Event) {
	c.grid.previews.win.Active = c.Number - 1
}

// formatName is a format's name for the page; its id when it is no longer
// offered.
func formatName(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return id
}
