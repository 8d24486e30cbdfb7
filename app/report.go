package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
)

// reportChunk is how many report rows one frame adds (Page.showReport). A
// batch of hundreds of photos has thousands of rows: mounting them all in
// one frame would block the page for as long.
const reportChunk = 20

// reportTable is the Report section, shown once a batch is done. Its rows
// are chunks of reportChunk rows, each a component (reportRows): a new
// chunk leaves the others alone.
type reportTable struct {
	app.Compo

	Rows  []batch.Row       // nil until a batch is done; replaced, never changed in place
	Names map[string]string // the formats' names, by id
	Shown int               // the rows mounted so far: the page adds a chunk a frame
	Lang  string
}

func (c *reportTable) Render() app.UI {
	if len(c.Rows) == 0 {
		return app.Section().ID("report-section")
	}
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	shown := min(len(c.Rows), c.Shown)
	var chunks []app.UI
	for i := 0; i < shown; i += reportChunk {
		chunks = append(chunks, &reportRows{Rows: c.Rows[i:min(shown, i+reportChunk)], Names: c.Names, Lang: c.Lang})
	}
	return app.Section().ID("report-section").Class("card").Body(
		app.H2().Text(t("Report")),
		app.Div().Class("table-scroll").TabIndex(0).Aria("label", t("Report")).Body(
			app.Table().ID("report").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text(t("File")), app.Th().Text(t("Format")), app.Th().Text(t("Output")),
					app.Th().Text(t("Size")), app.Th().Text(t("Status")), app.Th().Text(t("Details")),
				)),
				app.Range(chunks).Slice(func(i int) app.UI { return chunks[i] }),
			),
		),
	)
}
