package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
)

// fileList is the Files section: how many photos, skipped files and files
// still being read, and the button that clears the list (actionClear). It
// reads the files, the batch's phase and the language (state.go), so a
// batch's progress never renders it, and the list itself (fileItems) is
// another component: starting a batch disables the button without going
// through every file.
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
	reading, skipped := c.files.Reading, len(all)-photos-c.files.Reading
	counts := []any{trn(c.lang, photos, "%d photo|%d photos", photos), trn(c.lang, skipped, "%d skipped|%d skipped", skipped)}
	title := t("Files: %s, %s", counts...)
	if reading > 0 {
		title = t("Files: %s, %s, %s", append(counts, trn(c.lang, reading, "%d being read|%d being read", reading))...)
	}
	return app.Section().ID("files").Class("card").Body(
		app.Div().Class("row").Body(
			app.H2().Text(title),
			app.Button().ID("clear").Class("button secondary small").Disabled(c.state == runRunning).
				Text(t("Clear the list")).OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionClear) }),
		),
		leftOut,
		&fileItems{Files: fileView{Gen: c.files.Gen, Files: all}, Busy: reading > 0, Lang: c.lang},
	)
}
