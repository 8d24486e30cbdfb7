package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fileItems lists the received files, each with its path and either why it
// is skipped or a button to set its focal point. It is a grid that renders
// only the rows in view (window.go): 10,000 files are a few dozen rows in
// the page. It renders again only when the files, the language or its
// window change. Set a focal point opens the editor (actionOpenFocal).
type fileItems struct {
	app.Compo

	Files fileView
	Busy  bool // some files are still being read (aria-busy)
	Lang  string

	win rowWindow
}

// The file list's row and box heights before the page measures them
// (web/picmark.css .file-list).
const fileRowH, fileViewH = 56, 320

func fileRowID(index int) string { return fmt.Sprintf("file-row-%d", index) }

func (c *fileItems) Render() app.UI {
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	n := len(c.Files.Files)
	c.win.clamp(n)
	first, last := c.win.span(n, fileRowH, fileViewH)
	top, bottom := c.win.padding(n, first, last, fileRowH)
	rows := c.Files.Files[first:last]
	grid := app.Div().ID("file-list").Class("file-list vlist").Attr("role", "grid").TabIndex(0).
		Aria("label", t("Files")).Aria("rowcount", n).Aria("busy", c.Busy).
		OnScroll(c.scroll).OnKeyDown(c.key)
	if shows(c.win.Active, first, last) {
		grid = grid.Aria("activedescendant", fileRowID(c.Files.Files[c.win.Active].Index))
	}
	return grid.Body(
		app.Div().Class("vrows").Attr("role", "rowgroup").DataSet("pad-top", top).DataSet("pad-bottom", bottom).Body(
			app.Range(rows).Slice(func(i int) app.UI {
				f, row := rows[i], first+i
				status := "ready"
				switch {
				case f.Checking:
					status = "checking"
				case !f.Skip.IsZero():
					status = "skipped"
				}
				class := "vrow " + status
				if row == c.win.Active {
					class += " active"
				}
				return app.Div().ID(fileRowID(f.Index)).Class(class).Attr("role", "row").Aria("rowindex", row+1).
					DataSet("row", row).DataSet("path", f.Path).DataSet("status", status).OnClick(c.pick).Body(
					app.Div().Class("path").Attr("role", "gridcell").Title(f.Path).Text(f.Path),
					app.If(f.Checking, func() app.UI {
						return app.Div().Class("reason").Attr("role", "gridcell").Text(t("Reading…"))
					}).ElseIf(!f.Skip.IsZero(), func() app.UI {
						reason := t("skipped: %s", f.Skip.Say(c.Lang))
						return app.Div().Class("reason").Attr("role", "gridcell").Title(reason).Text(reason)
					}).Else(func() app.UI {
						label := t("Set a focal point")
						if f.Focal != nil {
							label = t("Focal point %.0f%%, %.0f%%", f.Focal.X*100, f.Focal.Y*100)
						}
						// Reached with the grid's keys (Enter), not Tab: one tab stop for the list.
						return app.Div().Attr("role", "gridcell").Body(
							app.Button().Class("button secondary small set-focal").DataSet("index", f.Index).TabIndex(-1).
								Aria("label", t("%s: %s", label, f.Path)).Text(label).OnClick(openFocalHere),
						)
					}),
				)
			}),
		),
	)
}

func (c *fileItems) scroll(ctx app.Context, e app.Event) {
	if !c.win.scrolled(ctx.JSSrc()) {
		ctx.PreventUpdate()
	}
}

// key moves through the list; Enter on a photo opens its focal point editor.
func (c *fileItems) key(ctx app.Context, e app.Event) {
	key := e.Get("key").String()
	if key == "Enter" || key == " " {
		if c.win.Active < len(c.Files.Files) && c.Files.Files[c.win.Active].photo() {
			e.PreventDefault()
			openFocal(ctx, c.Files.Files[c.win.Active].Index)
		}
		return
	}
	if c.win.key(ctx.JSSrc(), key, len(c.Files.Files)) {
		e.PreventDefault()
		return
	}
	ctx.PreventUpdate()
}

// pick makes a clicked row (its data-row: see openFocalHere) the active one.
func (c *fileItems) pick(ctx app.Context, e app.Event) {
	if row, ok := dataInt(ctx, "row"); ok {
		c.win.Active = row
	}
}
