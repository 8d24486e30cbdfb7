package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
)

// fileList is the Files section: how many photos and skipped files, and the
// button that clears the list. go-app renders a child component again only
// when its exported fields change, so a batch's progress never touches it,
// and the list itself (fileItems) is another component: starting a batch
// disables the button without going through every file.
type fileList struct {
	app.Compo

	Files   fileView
	Photos  int
	Reading int // files listed, their first bytes not read yet (fileEntry.Checking)
	LeftOut int // system files left out (batch.SystemFile): one line, not one row each
	Running bool
	Lang    string

	page *Page // for the handlers: set once, when mounted
}

func (c *fileList) Render() app.UI {
	t := func(en string, args ...any) string { return tr(c.Lang, en, args...) }
	leftOut := app.If(c.LeftOut > 0, func() app.UI {
		return app.P().ID("left-out").Class("muted").Text(batch.LeftOutNote(c.LeftOut).Say(c.Lang))
	})
	if len(c.Files.Files) == 0 {
		return app.Section().ID("files").Class("card").Body(
			app.H2().Text(t("Files")),
			app.P().Class("muted").Text(t("No files yet.")),
			leftOut,
			app.Div().ID("file-list"),
		)
	}
	photos := trn(c.Lang, c.Photos, "%d photo|%d photos", c.Photos)
	skipped := len(c.Files.Files) - c.Photos - c.Reading
	title := t("Files: %s, %s", photos, trn(c.Lang, skipped, "%d skipped|%d skipped", skipped))
	if c.Reading > 0 {
		title = t("Files: %s, %s, %s", photos, trn(c.Lang, skipped, "%d skipped|%d skipped", skipped),
			trn(c.Lang, c.Reading, "%d being read|%d being read", c.Reading))
	}
	return app.Section().ID("files").Class("card").Body(
		app.Div().Class("row").Body(
			app.H2().Text(title),
			app.Button().ID("clear").Class("button secondary small").Disabled(c.Running).
				Text(t("Clear the list")).OnClick(c.page.clear),
		),
		leftOut,
		&fileItems{Files: c.Files, Busy: c.Reading > 0, Lang: c.Lang, page: c.page},
	)
}
