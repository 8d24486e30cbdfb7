package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
)

// fileList is the Files section: how many photos and skipped files, and the
// button that clears the list (actionClear). It reads the files, the
// batch's phase and the language (state.go), so a batch's progress never
// renders it, and the list itself (fileItems) is another component:
// starting a batch disables the button without going through every file.
type fileList struct {
	app.Compo

	// Read from the other sections (state.go).
	files fileSet
	state string
	lang  string
}

func (c *fileList) OnMount(ctx app.Context) {
	ctx.ObserveState(stateFiles, &c.files)
	ctx.ObserveState(stateRun, &c.state)
	ctx.ObserveState(stateLang, &c.lang)
}

func (c *fileList) Render() app.UI {
	t := func(en string, args ...any) string { return tr(c.lang, en, args...) }
	all, photos := c.files.All, len(c.files.Photos)
	leftOut := app.If(c.files.LeftOut > 0, func() app.UI {
		return app.P().ID("left-out").Class("muted").Text(batch.LeftOutNote(c.files.LeftOut).Say(c.lang))
	})
	if len(all) == 0 {
		return app.Section().ID("files").Class("card").Body(
			app.H2().Text(t("Files")),
			app.P().Class("muted").Text(t("No files yet.")),
			leftOut,
			app.Div().ID("file-list"),
		)
	}
	return app.Section().ID("files").Class("card").Body(
		app.Div().Class("row").Body(
			app.H2().Text(t("Files: %s, %s", trn(c.lang, photos, "%d photo|%d photos", photos),
				trn(c.lang, len(all)-photos, "%d skipped|%d skipped", len(all)-photos))),
			app.Button().ID("clear").Class("button secondary small").Disabled(c.state == runRunning).
				Text(t("Clear the list")).OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionClear) }),
		),
		leftOut,
		&fileItems{Files: all, Lang: c.lang},
	)
}
