package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/msg"
)

// previewGrid is the Preview section (preview.go): a row of previews for
// each photo, in a grid that puts in the page only the rows in view
// (window.go): previews are asked for those rows only, and for the photo
// in the focal point editor, whose previews it publishes
// (stateFocalPreviews). Each row is a component (previewRow), so an answer
// from the preview worker (actionPreview) renders its own row only. It
// reads the files, the settings, the sheet and its story, and the photo in
// the focal point editor.
type previewGrid struct {
	app.Compo

	previews previewState
	touch    bool // a phone or a tablet

	// Read from the other sections (state.go).
	lang     string
	settings batchSettings
	files    fileSet
	sheet    sheetState
	story    storyState
	focal    int // the photo in the focal point editor; -1: none
	cleared  int // files.Cleared when last seen
}

func newPreviewGrid() *previewGrid {
	return &previewGrid{lang: "en", settings: batchSettings{Choices: defaultChoices()}, focal: -1, touch: touchDevice()}
}

func (c *previewGrid) OnMount(ctx app.Context) {
	c.previews.ctx = &ctx
	ctx.ObserveState(stateLang, &c.lang)
	ctx.ObserveState(stateSettings, &c.settings)
	ctx.ObserveState(stateSheet, &c.sheet)
	ctx.ObserveState(stateStory, &c.story)
	ctx.ObserveState(stateFiles, &c.files).OnChange(func() {
		if c.filesChanged() {
			c.publishFocal(ctx)
		}
	})
	ctx.ObserveState(stateFocal, &c.focal).OnChange(func() { c.publishFocal(ctx) })
	ctx.Handle(actionPreview, func(ctx app.Context, a app.Action) {
		v := a.Value.(previewAnswer)
		c.previewDone(v.Index, v.Previews.Images, previewProblem(v.Previews))
		if v.Index == c.focal {
			c.publishFocal(ctx)
		}
	})
}

// filesChanged forgets the previews when the list was cleared (the glue
// numbers files from 0 again), and reports whether it did.
func (c *previewGrid) filesChanged() bool {
	if c.files.Cleared == c.cleared {
		return false
	}
	c.cleared = c.files.Cleared
	c.previews = previewState{ctx: c.previews.ctx}
	return true
}

// focalPreviews are the previews of the photo in the focal point editor.
func (c *previewGrid) focalPreviews() []wire.PreviewImage {
	if it := c.previews.Items[c.focal]; it != nil && c.focal >= 0 {
		return it.Images
	}
	return nil
}

func (c *previewGrid) publishFocal(ctx app.Context) {
	ctx.SetState(stateFocalPreviews, c.focalPreviews())
}

func (c *previewGrid) t(en string, args ...any) string { return tr(c.lang, en, args...) }

// previewRowData is what one row shows: a photo and its previews.
type previewRowData struct {
	Index int // the file's glue index
	Path  string
	Item  previewItem
}

func previewRowID(index int) string { return fmt.Sprintf("preview-row-%d", index) }

// Render also asks again for the previews that no longer match the
// settings (schedulePreviews): it runs when the grid's own state, or what
// it reads, changed.
func (c *previewGrid) Render() app.UI {
	photos := len(c.files.Photos)
	if photos == 0 {
		return app.Section().ID("previews").Class("card").Hidden(true)
	}
	t := c.t
	key, ticked := c.previewKey(), len(c.settings.Choices.chosen()) > 0
	c.schedulePreviews(key, ticked)
	all, first, last := c.previewSpan()
	w := &c.previews.win
	top, bottom := w.padding(len(all), first, last, previewRowH)
	rows := make([]previewRowData, 0, last-first)
	for _, f := range all[first:last] {
		it := previewItem{Waiting: true}
		if asked := c.previews.Items[f.Index]; asked != nil {
			it = *asked
		}
		rows = append(rows, previewRowData{Index: f.Index, Path: f.Path, Item: it})
	}
	names := formatNames(c.settings.Choices, c.lang)
	if key != c.previews.checked {
		c.previews.checked, c.previews.checkErr = key, c.settings.settings().Check()
	}
	var problem string
	switch {
	case !ticked:
		problem = t("Tick at least one format to see the previews.")
	case c.previews.checkErr != nil:
		problem = t("The settings need a fix before the previews can be made: %s.", msg.Reason(c.previews.checkErr, c.lang))
	}
	grid := app.Div().ID("preview-grid").Class("preview-rows vlist").Attr("role", "grid").TabIndex(0).
		Aria("label", t("Preview")).Aria("rowcount", photos).OnScroll(c.scroll).OnKeyDown(c.key)
	if a := w.Active - first; a >= 0 && a < len(rows) {
		grid = grid.Aria("activedescendant", previewRowID(rows[a].Index))
	}
	return app.Section().ID("previews").Class("card").Body(
		app.H2().Text(t("Preview")),
		app.P().Class("muted").Text(t(device(c.touch,
			"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Click a preview to set the photo's focal point.",
			"Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Tap a preview to set the photo's focal point."))),
		app.If(problem != "", func() app.UI {
			return app.P().Class("notice").Text(problem)
		}),
		grid.Body(
			app.Div().Class("vrows").Attr("role", "rowgroup").DataSet("pad-top", top).DataSet("pad-bottom", bottom).Body(
				app.Range(rows).Slice(func(i int) app.UI {
					return &previewRow{Row: rows[i], Number: first + i + 1, Active: first+i == w.Active,
						Names: names, Lang: c.lang, grid: c}
				}),
			),
		),
	)
}

func (c *previewGrid) scroll(ctx app.Context, e app.Event) {
	if !c.previewScrolled(ctx.JSSrc()) {
		ctx.PreventUpdate()
	}
}

// key moves through the photos; Enter opens the active one's focal point
// editor.
func (c *previewGrid) key(ctx app.Context, e app.Event) {
	key, w := e.Get("key").String(), &c.previews.win
	photos := len(c.files.Photos)
	if key == "Enter" || key == " " {
		if w.Active < photos {
			e.PreventDefault()
			openFocal(ctx, c.files.Photos[w.Active].Index)
		}
		return
	}
	first := w.First
	if w.key(ctx.JSSrc(), key, photos) {
		e.PreventDefault()
		if w.First != first {
			c.dropWaiting()
		}
		return
	}
	ctx.PreventUpdate()
}
