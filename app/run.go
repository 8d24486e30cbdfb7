package app

import (
	"math"
	"path"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/job"
)

// run.go: the Run section's handlers, from the files received to the ZIP.

// onListed takes files the glue names before reading them: the list
// shows them at once, and onReceived describes them.
func (c *runPanel) onListed(ctx app.Context, a app.Action) {
	c.listed(a.Value.(wire.Listed))
	c.publishFiles(ctx)
}

// onReceived takes files from the glue, described, and starts the batch
// Start asked for once they are all read.
func (c *runPanel) onReceived(ctx app.Context, a app.Action) {
	c.received(ctx, a.Value.([]wire.Picked))
	c.publishFiles(ctx)
	c.startIfRead(ctx)
}

// listed lists files named before they are read. A sheet waits for
// received.
func (c *runPanel) listed(l wire.Listed) {
	paths := l.ListedPaths()
	for i, f := range paths {
		if isSheet(f) {
			if c.sheetsNamed == nil {
				c.sheetsNamed = map[int]string{}
			}
			c.sheetsNamed[l.First+i] = f
			paths[i] = "" // not listed: read as the sheet once received
		}
	}
	c.sess.list(l.First, paths)
}

// received takes described files: a sheet is read (the Sheet section),
// the rest listed (or, listed already, told apart).
func (c *runPanel) received(ctx app.Context, list []wire.Picked) {
	var photos []wire.Picked
	for _, f := range list {
		if name, ok := c.sheetsNamed[f.Index]; ok {
			f.Path = name
			delete(c.sheetsNamed, f.Index)
		}
		if isSheet(f.Path) && f.Error == "" {
			ctx.NewActionWithValue(actionReadSheet, sheetFile{File: glueFile(f.Index), Name: path.Base(f.Path)})
			// Natively no Sheet section answers (state.go); while a batch runs it reads none.
			c.sheetAsked = app.IsClient && c.state != runRunning
			continue
		}
		photos = append(photos, f)
	}
	c.sess.add(photos)
}

// storyOf says whether the story published is that of the files of gen:
// one the Sheet section told of them, or none (no sheet nor template,
// whatever the photos).
func (c *runPanel) storyOf(gen int) bool {
	return c.story.Gen == gen || c.story.Story == nil && c.story.Err == nil
}

// reading says whether files are still being read: their first bytes, or
// a sheet named with them whose File has not come.
func (c *runPanel) reading() bool { return c.sess.unread > 0 || len(c.sheetsNamed) > 0 }

// startIfRead starts the batch Start asked for while files were being
// read, once they all are, a sheet among them too, and the Sheet section
// has told the story of these files (stateStory after stateFiles).
func (c *runPanel) startIfRead(ctx app.Context) {
	if !c.startWhenRead || c.reading() || c.sheetAsked || c.sheet.Loading != "" || !c.storyOf(c.sess.gen) {
		return
	}
	c.startWhenRead, c.notice = false, said{}
	c.start(ctx, app.Event{})
}

func (c *runPanel) onResult(ctx app.Context, a app.Action) {
	r := a.Value.(wire.Result)
	c.sess.result(r)
	if c.toFolder {
		c.writeArrived(r.ID)
	}
}

// onSetFocal and onSetWords change one photo, never while a batch runs.
func (c *runPanel) onSetFocal(ctx app.Context, a app.Action) {
	if f := a.Value.(photoFocal); c.state != runRunning {
		c.sess.setFocal(f.Index, f.Point)
		c.publishFiles(ctx)
	}
}

func (c *runPanel) onSetWords(ctx app.Context, a app.Action) {
	if w := a.Value.(photoWords); c.state != runRunning {
		c.sess.setWords(w.Index, w.K, w.Text)
		c.publishFiles(ctx)
	}
}

// files is what stateFiles carries.
func (c *runPanel) files() fileSet {
	s := &c.sess
	return fileSet{All: s.files, Photos: s.photoList(), LeftOut: s.leftOut, Reading: s.unread, Gen: s.gen, Cleared: c.cleared}
}

func (c *runPanel) publishFiles(ctx app.Context) { ctx.SetState(stateFiles, c.files()) }

// setState changes the batch's phase, publishes it, and mirrors it on
// <body data-state>, once the frame that shows it is rendered: whoever
// waits for "done" then finds the download link. There is no body
// natively (server rendering, tests).
func (c *runPanel) setState(ctx app.Context, state string) {
	c.state = state
	ctx.SetState(stateRun, state)
	ctx.SetState(stateReport, c.report())
	if !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		app.Window().Get("document").Get("body").Get("dataset").Set("state", state)
	})
}

// report is what stateReport carries: the rows once a batch is done.
func (c *runPanel) report() reportRows {
	if c.state != runDone {
		return reportRows{}
	}
	return reportRows{Rows: c.sess.rows, Sum: c.sess.summary}
}

// status is the notice, or while a batch runs its progress in words.
func (c *runPanel) status() string {
	s := &c.sess
	if c.state != runRunning {
		return c.notice.in(c.lang)
	}
	status := c.tn(s.done(), "Working: %d of %d photos done…|Working: %d of %d photos done…", s.done(), s.total)
	if now := s.current(); len(now) > 0 {
		status += " " + c.t("Now: %s.", strings.Join(now, ", "))
	}
	if left := s.left(time.Now()); left > 0 {
		status += " " + c.t("About %s left.", duration(c.lang, left))
	}
	return status
}

// duration says a time left in whole minutes, or seconds under a minute,
// rounded up: never "0 s" while a photo is still being made.
func duration(lang string, d time.Duration) string {
	if d < time.Minute {
		return tr(lang, "%d s", max(1, int(math.Ceil(d.Seconds()))))
	}
	return tr(lang, "%d min", int(d.Minutes()+0.5))
}

func (c *runPanel) start(ctx app.Context, e app.Event) {
	if c.reading() && c.state != runRunning {
		c.startWhenRead, c.notice = true, tell("The batch starts once every file is read.")
		return
	}
	if settings, ok := c.ready(); ok {
		// Nothing starts that is bound to fail at the end (room.go).
		c.whenRoom(ctx, settings, func(ctx app.Context) { c.begin(ctx, settings, false) })
	}
}

// ready checks a batch can start, and says why not in the notice.
func (c *runPanel) ready() (job.Settings, bool) {
	if c.state == runRunning {
		return job.Settings{}, false
	}
	if len(c.sess.files) == 0 {
		c.notice = tell(device(c.touch, "Add photos first: drop a folder on this page, or choose a folder or files.",
			"Add photos first: choose a folder or some photos."))
		return job.Settings{}, false
	}
	if len(c.settings.Choices.chosen()) == 0 {
		c.notice = tell("Tick at least one format.")
		return job.Settings{}, false
	}
	settings := c.settings.settings()
	// Check only: the logo and fonts are decoded by the workers, never here.
	if err := settings.Check(); err != nil {
		c.notice = tell("The settings need a fix before starting: %s.", err)
		return job.Settings{}, false
	}
	if c.sheet.Loading != "" || c.sheetAsked {
		c.notice = tell("Wait until the sheet is read.")
		return job.Settings{}, false
	}
	if c.reading() {
		c.notice = tell("Wait until every file is read.")
		return job.Settings{}, false
	}
	if err := c.story.Err; err != nil {
		c.notice = tell("The sheet or a template needs a fix before starting: %s.", err)
		return job.Settings{}, false
	}
	return settings, true
}

// begin starts a batch whose settings are checked; toFolder: into the
// folder picked, as it goes (folder.go).
func (c *runPanel) begin(ctx app.Context, settings job.Settings, toFolder bool) {
	if c.state == runRunning {
		return
	}
	st, err := c.story.Story, c.story.Err // checked by ready, and again: a sheet may have come while the room was checked
	if err != nil {
		c.notice = tell("The sheet or a template needs a fix before starting: %s.", err)
		return
	}
	presets, run := c.settings.Choices.chosen(), storyRunOf(st, c.sheet, c.settings.Choices.Name)
	c.ran, c.toFolder, c.cancelPlanned = settings, toFolder, false
	c.zipURL, c.notice = "", said{}
	c.sess.planning = true
	c.setState(ctx, runRunning)
	// The jobs are made in lots, the page's thread given back between them
	// (nothing else changes the files while a batch runs); a Cancel
	// meanwhile stops the batch once its jobs are handed over.
	ctx.Async(func() {
		jobs := c.sess.startPausing(presets, time.Now(), run, yieldToBrowser)
		if toFolder {
			c.sess.keepReportSoFar()
		}
		ctx.Dispatch(func(ctx app.Context) {
			runBatch(ctx, jobs, settings, toFolder)
			c.sess.planning = false
			if c.cancelPlanned {
				cancelBatch()
			}
		})
	})
}

// retry makes the failed photos again with the same settings; the pictures
// already made stay in the ZIP.
func (c *runPanel) retry(ctx app.Context, e app.Event) {
	if c.state != runDone {
		return
	}
	jobs, forget := c.sess.retry(time.Now())
	if len(jobs) == 0 {
		return
	}
	if c.toFolder {
		c.sess.renameKept()
	}
	c.zipURL, c.notice = "", said{}
	c.setState(ctx, runRunning)
	retryBatch(ctx, jobs, c.ran, forget)
}

// saveFolder writes the pictures straight into a folder the user picks.
func (c *runPanel) saveFolder(ctx app.Context, e app.Event) {
	outs, report := c.sess.outputs, c.sess.reports(c.lang)
	ctx.Async(func() {
		n, folder, err := saveToFolder(outs, report)
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil && strings.Contains(err.Error(), "AbortError"):
				// The user closed the folder picker: nothing to say.
			case err != nil:
				c.notice = tell("The pictures could not be saved in that folder (%v): choose another folder, or download the ZIP.", err)
			default:
				c.notice = tellN(n, "Saved %d file in a new folder, %s, inside the one you chose.|Saved %d files in a new folder, %s, inside the one you chose.", n, folder)
			}
		})
	})
}

// share hands the pictures to another app (on phones: the share sheet).
func (c *runPanel) share(ctx app.Context, e app.Event) {
	outs := c.sess.outputs
	ctx.Async(func() {
		if err := shareOutputs(outs); err != nil && !strings.Contains(err.Error(), "AbortError") {
			ctx.Dispatch(func(ctx app.Context) {
				c.notice = tell("The pictures could not be shared (%v): download the ZIP instead.", err)
			})
		}
	})
}

// cancel stops the batch; the pictures already made are kept.
func (c *runPanel) cancel(ctx app.Context, e app.Event) {
	switch {
	case c.state == runRunning && c.sess.planning:
		c.cancelPlanned = true
	case c.state == runRunning:
		cancelBatch()
	}
}

// finish builds the ZIP once every photo has an answer: the report and the
// ZIP's layout in lots (the page's thread given back between them), then
// the glue makes the ZIP in tasks of its own; the page says "done" when the
// link is there. No result comes meanwhile, and nothing else changes the
// session while a batch runs.
func (c *runPanel) finish(ctx app.Context) {
	if c.toFolder {
		c.finishFolder(ctx)
		return
	}
	ctx.Async(func() {
		parts, failed := c.sess.finishPausing(c.lang, yieldToBrowser)
		outputs := len(c.sess.outputs)
		url, err := buildZip(parts)
		ctx.Dispatch(func(ctx app.Context) {
			c.zipURL = url
			switch {
			case err != nil:
				c.notice = tell("The ZIP could not be made (%v): save the pictures into a folder, or make them again.", err)
			case failed == 0:
				c.notice = tellN(outputs, "Done: %d picture ready.|Done: %d pictures ready.", outputs)
			default:
				c.notice = tell("Done: %s; %s — the report below says why.", tellN(outputs, "%d picture ready|%d pictures ready", outputs),
					tellN(failed, "%d could not be made|%d could not be made", failed))
			}
			c.setState(ctx, runDone)
		})
	})
}

// clear empties the list (the file list's Clear); never while a batch runs.
func (c *runPanel) clear(ctx app.Context) {
	if c.state == runRunning {
		return
	}
	c.sess, c.startWhenRead, c.sheetsNamed, c.sheetAsked = session{}, false, nil, false
	c.cleared++
	c.zipURL, c.notice = "", said{}
	c.publishFiles(ctx)
	c.setState(ctx, runIdle)
	clearGlue()
}
