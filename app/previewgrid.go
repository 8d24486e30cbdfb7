package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// previewGrid is the Preview section: a row of previews for each of the
// first photos. Each row is a component (previewRow), so an answer from the
// preview worker renders its own row only.
type previewGrid struct {
	app.Compo

	Rows    []previewRowData
	Names   map[string]string // the formats' names, by id
	Photos  int               // photos in the list; the grid shows the first len(Rows)
	Problem string            // why no previews can be made, if so
	Lang    string
	Touch   bool // a phone or a tablet

	page *Page // for the handlers: set once, when mounted
}

// previewRowData is what one row shows: a photo and its previews.
type previewRowData struct {
	Index int // the file's glue index
	Path  string
	Item  previewItem
}

func (c *previewGrid) Render() app.UI {
	if c.Photos == 0 {
		return app.Section().ID("previews").Class("card").Hidden(true)
	}
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	return app.Section().ID("previews").Class("card").Body(
		app.H2().Text(t("Preview")),
		app.P().Class("muted").Text(t(device(c.Touch,
			"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Click a preview to set the photo's focal point.",
			"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Tap a preview to set the photo's focal point."))),
		app.If(c.Problem != "", func() app.UI {
			return app.P().Class("notice").Text(c.Problem)
		}),
		app.Div().Class("preview-rows").Body(
			app.Range(c.Rows).Slice(func(i int) app.UI {
				return &previewRow{Row: c.Rows[i], Names: c.Names, Lang: c.Lang, page: c.page}
			}),
		),
		app.If(c.Photos > len(c.Rows), func() app.UI {
			return app.Button().ID("previews-more").Class("button secondary small").
				Text(trn(c.Lang, c.Photos-len(c.Rows), "Show more (%d left)", c.Photos-len(c.Rows))).OnClick(c.page.showMorePreviews)
		}),
	)
}
