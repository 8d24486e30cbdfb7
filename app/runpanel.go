package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/job"
)

// runPanel is the Run section, and the owner of the batch (session): the
// files received, the jobs and their results, the ZIP and the report
// (run.go; into a folder: folder.go; the room check: room.go). It
// publishes the files (stateFiles), the batch's phase (stateRun) and the
// report (stateReport), and reads the language, the settings, the sheet
// and its story. A worker's result renders this section and nothing else
// of the page.
type runPanel struct {
	app.Compo

	sess    session
	state   string // runIdle, runRunning or runDone
	notice  said   // the last message for the user
	zipURL  string
	ran     job.Settings // the settings of the last batch, for Retry
	cleared int          // fileSet.Cleared
	// startWhenRead: Start was pressed while files were being read; the
	// batch starts once they are (startIfRead).
	startWhenRead bool
	// sheetsNamed are the sheets the glue named (onListed) by their index:
	// read as the sheet once their File comes (onReceived).
	sheetsNamed map[int]string
	// sheetAsked: a sheet was sent to the Sheet section (actionReadSheet)
	// and its stateSheet does not say it is being read yet.
	sheetAsked bool
	// cancelPlanned: Cancel was pressed while the batch's jobs were being
	// made (begin); the batch is cancelled once they are handed over.
	cancelPlanned bool

	checkingRoom bool      // asking the browser whether a batch's outputs fit (room.go)
	toFolder     bool      // the batch goes into a folder as it is made (folder.go)
	reportAt     time.Time // when its report was last written there
	folderName   string    // the new folder it goes into, inside the one picked
	canFolder    bool      // the browser can write into a folder the marketer picks
	touch        bool      // a phone or a tablet

	// Read from the other sections (state.go).
	lang     string
	settings batchSettings
	sheet    sheetState
	story    storyState
}

// newRunPanel is the Run section before a batch, its readings at their
// defaults until the page publishes them.
func newRunPanel() *runPanel {
	return &runPanel{state: runIdle, lang: "en", settings: batchSettings{Choices: defaultChoices()}, touch: touchDevice()}
}

func (c *runPanel) OnMount(ctx app.Context) {
	ctx.ObserveState(stateLang, &c.lang)
	ctx.ObserveState(stateSettings, &c.settings)
	ctx.ObserveState(stateSheet, &c.sheet).OnChange(func() {
		if c.sheet.Loading != "" {
			c.sheetAsked = false
		}
	})
	// The Sheet section publishes its story after its sheet, and after the
	// files change: a batch waiting for them starts from it.
	ctx.ObserveState(stateStory, &c.story).OnChange(func() { c.startIfRead(ctx) })
	c.canFolder = canSaveToFolder()
	ctx.Handle(actionListed, c.onListed)
	ctx.Handle(actionReceived, c.onReceived)
	ctx.Handle(actionStarted, func(ctx app.Context, a app.Action) { c.sess.started(a.Value.(int)) })
	ctx.Handle(actionResult, c.onResult)
	ctx.Handle(actionDied, func(ctx app.Context, a app.Action) {
		d := a.Value.(jobStop)
		c.sess.died(d.ID, d.Why)
	})
	ctx.Handle(actionFinished, func(ctx app.Context, a app.Action) { c.finish(ctx) })
	ctx.Handle(actionClear, func(ctx app.Context, a app.Action) { c.clear(ctx) })
	ctx.Handle(actionSetFocal, c.onSetFocal)
	ctx.Handle(actionSetWords, c.onSetWords)
	ctx.Handle(actionNotice, func(ctx app.Context, a app.Action) { c.notice = a.Value.(said) })
	c.publishFiles(ctx)
	c.setState(ctx, c.state)
}

func (c *runPanel) t(en string, args ...any) string { return tr(c.lang, en, args...) }

func (c *runPanel) tn(n int, en string, args ...any) string { return trn(c.lang, n, en, args...) }

func (c *runPanel) Render() app.UI {
	t, s := c.t, &c.sess
	class := "card"
	if c.state == runRunning {
		class += " running" // its progress stays in view (web/picmark.css)
	}
	// What the browser can do is asked once there is something to save,
	// not on every update of a running batch.
	ready := c.zipURL != ""
	retryable := c.state == runDone && len(s.failedJobs()) > 0
	canSave, canFolder := ready && c.canFolder, c.canFolder && !ready && c.state != runRunning
	return app.Section().ID("run").Class(class).Body(
		app.H2().Text(t("6. Make the pictures")),
		app.Div().Class("actions").Body(
			app.Button().ID("start").Class("button primary").Disabled(c.state == runRunning).
				Text(t("Make the pictures")).OnClick(c.start),
			app.If(canFolder, func() app.UI {
				return app.Button().ID("start-folder").Class("button secondary").Text(t("Save into a folder…")).OnClick(c.startFolder)
			}),
			app.If(c.state == runRunning, func() app.UI {
				return app.Button().ID("cancel").Class("button secondary").Text(t("Cancel (keep what is made)")).OnClick(c.cancel)
			}),
			app.If(retryable, func() app.UI {
				return app.Button().ID("retry").Class("button secondary").Text(t("Retry the failed photos")).OnClick(c.retry)
			}),
			app.If(canSave, func() app.UI {
				return app.Button().ID("save-folder").Class("button secondary").Text(t("Save into a folder…")).OnClick(c.saveFolder)
			}),
			app.If(ready && len(s.outputs) > 0 && canShare(), func() app.UI {
				return app.Button().ID("share").Class("button secondary").Text(t("Share…")).OnClick(c.share)
			}),
			app.If(ready, func() app.UI {
				return app.A().ID("download").Class("button primary").Href(c.zipURL).Download("picmark.zip").
					Text(t("Download the ZIP"))
			}),
		),
		app.Progress().ID("progress").Max(max(s.total, 1)).Value(s.done()).Aria("label", t("photos done")),
		app.P().ID("status").Attr("role", "status").Aria("live", "polite").Text(c.status()),
	)
}
