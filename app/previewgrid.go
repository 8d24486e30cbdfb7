package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// previewGrid is the Preview section: a row of previews for each photo, in
// a grid that puts in the page only the rows in view (window.go, the
// window kept in the page's previewState: previews are asked for those
// rows only). Each row is a component (previewRow), so an answer from the
// preview worker renders its own row only.
type previewGrid struct {
	app.Compo

	Rows        []previewRowData // the photos in the window
	First       int              // the first row's number in all the photos
	Active      int              // the row the keyboard is on
	Top, Bottom int              // the padding (px) that stands for the rows outside the window
	Names       map[string]string
	Photos      int    // photos in the list
	Problem     string // why no previews can be made, if so
	Lang        string
	Touch       bool // a phone or a tablet

	page *Page // for the handlers: set once, when mounted
}

// previewRowData is what one row shows: a photo and its previews.
type previewRowData struct {
	Index int // the file's glue index
	Path  string
	Item  previewItem
}

func previewRowID(index int) string { return fmt.Sprintf("preview-row-%d", index) }

func (c *previewGrid) Render() app.UI {
	if c.Photos == 0 {
		return app.Section().ID("previews").Class("card").Hidden(true)
	}
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	grid := app.Div().ID("preview-grid").Class("preview-rows vlist").Attr("role", "grid").TabIndex(0).
		Aria("label", t("Preview")).Aria("rowcount", c.Photos).OnScroll(c.scroll).OnKeyDown(c.key)
	if a := c.Active - c.First; a >= 0 && a < len(c.Rows) {
		grid = grid.Aria("activedescendant", previewRowID(c.Rows[a].Index))
	}
	return app.Section().ID("previews").Class("card").Body(
		app.H2().Text(t("Preview")),
		app.P().Class("muted").Text(t(device(c.Touch,
			"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Click a preview to set the photo's focal point.",
			"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Tap a preview to set the photo's focal point."))),
		app.If(c.Problem != "", func() app.UI {
			return app.P().Class("notice").Text(c.Problem)
		}),
		grid.Body(
			app.Div().Class("vrows").Attr("role", "rowgroup").DataSet("pad-top", c.Top).DataSet("pad-bottom", c.Bottom).Body(
				app.Range(c.Rows).Slice(func(i int) app.UI {
					return &previewRow{Row: c.Rows[i], Number: c.First + i + 1, Active: c.First+i == c.Active,
						Names: c.Names, Lang: c.Lang, page: c.page}
				}),
			),
		),
	)
}

func (c *previewGrid) scroll(ctx app.Context, e app.Event) {
	if !c.page.previewScrolled(ctx.JSSrc()) {
		ctx.PreventUpdate()
	}
}

// key moves through the photos; Enter opens the active one's focal point
// editor.
func (c *previewGrid) key(ctx app.Context, e app.Event) {
	key, w := e.Get("key").String(), &c.page.previews.win
	if key == "Enter" || key == " " {
		if a := w.Active - c.First; a >= 0 && a < len(c.Rows) {
			e.PreventDefault()
			openFocal(c.Rows[a].Index)(ctx, e)
		}
		return
	}
	first := w.First
	if w.key(ctx.JSSrc(), key, c.Photos) {
		e.PreventDefault()
		if w.First != first {
			c.page.dropWaiting()
		}
		return
	}
	ctx.PreventUpdate()
}
