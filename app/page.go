package app

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/msg"
)

// maxUploadBytes keeps a mistaken pick (a 40 MB photo as a logo) out of memory.
const maxUploadBytes = 10 << 20

// Page is the whole app: it holds the state (files, settings, the batch)
// and the actions, and lays out the sections in the order of the work —
// drop zone, file list, previews, formats, framing, branding, output, run,
// report — most of them components of their own (see Render).
type Page struct {
	app.Compo

	sess    session
	choices choices
	logo    upload
	font    upload
	focal   focalEditor
	sheet   sheetState // the sheet beside the photos (story.go)
	stories storyCache
	custom  customForm
	kits    kitState
	lang    string // "en" or "fr"
	state   string // "idle", "running" or "done"
	zipURL  string
	ran     job.Settings // the settings of the last batch, for Retry
	notice  string       // the last message for the user
	// startWhenRead: Start was pressed while files were being read; the
	// batch starts once they are (Page.received).
	startWhenRead bool
	// sheetsNamed are the sheets the glue named (Page.listed) by their
	// index: read as the sheet once their File comes (Page.received).
	sheetsNamed map[int]string
	release     func()

	previews previewState // the preview grid (preview.go)

	checkingRoom bool      // asking the browser whether a batch's outputs fit (room.go)
	toFolder     bool      // the batch goes into a folder as it is made (folder.go)
	reportAt     time.Time // when its report was last written there
	folderName   string    // the new folder it goes into, inside the one picked
	canFolder    bool      // the browser can write into a folder the marketer picks
	// focalFrom had keyboard focus when the focal point editor opened: it
	// gets it back when the editor closes (focaldialog.go).
	focalFrom app.Value

	touch       bool // a phone or a tablet: say "Tap", never "Click" or the keyboard's keys
	installable bool // the browser offers to install picmark as an app
	updateReady bool // a new version is cached: a reload switches to it
}

// OnInit sets the defaults: the three formats our users asked for by name.
func (p *Page) OnInit() {
	p.choices = defaultChoices()
	p.focal.Index = -1
	p.state = "idle"
	p.lang = "en"
	p.touch = touchDevice()
}

// OnMount restores the remembered settings and connects the page to the
// browser glue. Glue callbacks arrive on the JavaScript event loop; they only
// hand their values to the UI goroutine.
func (p *Page) OnMount(ctx app.Context) {
	var saved string
	if err := ctx.LocalStorage().Get(settingsKey, &saved); err == nil {
		p.choices = restoreChoices(saved)
	}
	// The language chosen on this page before, or else the browser's.
	var lang string
	if err := ctx.LocalStorage().Get(langKey, &lang); err != nil || (lang != "en" && lang != "fr") {
		lang = browserLang()
	}
	p.lang = lang
	p.applyLang()
	p.loadKits(ctx)
	p.setBodyState(ctx)
	p.installable, p.updateReady = ctx.IsAppInstallable(), ctx.AppUpdateAvailable() && updatable()
	p.canFolder = canSaveToFolder()
	p.previews.ctx = &ctx
	p.release = bindGlue(glueHandlers{
		listed: func(l wire.Listed) {
			ctx.Dispatch(func(ctx app.Context) { p.listed(l) })
		},
		files: func(list []wire.Picked) {
			ctx.Dispatch(func(ctx app.Context) { p.received(ctx, list) })
		},
		started: func(id int) {
			ctx.Dispatch(func(ctx app.Context) { p.sess.started(id) })
		},
		result: func(r wire.Result) {
			ctx.Dispatch(func(ctx app.Context) {
				p.sess.result(r)
				if p.toFolder {
					p.writeArrived(r.ID)
				}
			})
		},
		died: func(id int, why wire.Stop) {
			ctx.Dispatch(func(ctx app.Context) { p.sess.died(id, why) })
		},
		finished: func() {
			ctx.Dispatch(func(ctx app.Context) { p.finish(ctx) })
		},
		preview: func(index int, previews wire.Previews) {
			ctx.Dispatch(func(ctx app.Context) { p.previewDone(index, previews.Images, previewProblem(previews)) })
		},
	})
}

// OnAppUpdate shows the reload notice once a new version is cached.
func (p *Page) OnAppUpdate(ctx app.Context) { p.updateReady = ctx.AppUpdateAvailable() && updatable() }

// OnAppInstallChange shows or hides the install button.
func (p *Page) OnAppInstallChange(ctx app.Context) { p.installable = ctx.IsAppInstallable() }

func (p *Page) install(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() }

// reload switches to the new version; never in the middle of a batch.
func (p *Page) reload(ctx app.Context, e app.Event) {
	if p.state != "running" {
		ctx.Reload()
	}
}

// OnDismount releases the glue callbacks.
func (p *Page) OnDismount() {
	if p.release != nil {
		p.release()
	}
}

// remember keeps the settings for the next visit.
func (p *Page) remember(ctx app.Context) {
	ctx.LocalStorage().Set(settingsKey, p.choices.save())
	p.saveKit(ctx)
}

// setBodyState mirrors the state on <body data-state>, once the frame that
// shows it is rendered: whoever waits for "done" then finds the download link.
// There is no body natively (server rendering, tests).
func (p *Page) setBodyState(ctx app.Context) {
	if !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		app.Window().Get("document").Get("body").Get("dataset").Set("state", p.state)
	})
}

func (p *Page) start(ctx app.Context, e app.Event) {
	if p.sess.unread > 0 && p.state != "running" {
		p.startWhenRead, p.notice = true, p.t("The batch starts once every file is read.")
		return
	}
	if settings, ok := p.ready(); ok {
		// Nothing starts that is bound to fail at the end (room.go).
		p.whenRoom(ctx, settings, func(ctx app.Context) { p.begin(ctx, settings, false) })
	}
}

// ready checks a batch can start, and says why not in the notice.
func (p *Page) ready() (job.Settings, bool) {
	if p.state == "running" {
		return job.Settings{}, false
	}
	if len(p.sess.files) == 0 {
		p.notice = p.t(device(p.touch, "Add photos first: drop a folder on this page, or choose a folder or files.",
			"Add photos first: choose a folder or some photos."))
		return job.Settings{}, false
	}
	if len(p.choices.chosen()) == 0 {
		p.notice = p.t("Tick at least one format.")
		return job.Settings{}, false
	}
	settings := p.choices.settings(p.logo, p.font)
	// Check only: the logo and fonts are decoded by the workers, never here.
	if err := settings.Check(); err != nil {
		p.notice = p.t("The settings need a fix before starting: %s.", msg.Reason(err, p.lang))
		return job.Settings{}, false
	}
	if p.sheet.Loading != "" {
		p.notice = p.t("Wait until the sheet is read.")
		return job.Settings{}, false
	}
	if p.sess.unread > 0 {
		p.notice = p.t("Wait until every file is read.")
		return job.Settings{}, false
	}
	if _, err := p.story(); err != nil {
		p.notice = p.t("The sheet or a template needs a fix before starting: %s.", msg.Reason(err, p.lang))
		return job.Settings{}, false
	}
	return settings, true
}

// begin starts a batch whose settings are checked; toFolder: into the
// folder picked, as it goes (folder.go).
func (p *Page) begin(ctx app.Context, settings job.Settings, toFolder bool) {
	if p.state == "running" {
		return
	}
	st, err := p.story() // checked by ready, and again: a sheet may have come while the room was checked
	if err != nil {
		p.notice = p.t("The sheet or a template needs a fix before starting: %s.", msg.Reason(err, p.lang))
		return
	}
	jobs := p.sess.startWith(p.choices.chosen(), time.Now(), p.storyRun(st))
	p.ran, p.toFolder = settings, toFolder
	p.state, p.zipURL, p.notice = "running", "", ""
	p.setBodyState(ctx)
	runBatch(ctx, jobs, settings, toFolder)
}

// retry makes the failed photos again with the same settings; the pictures
// already made stay in the ZIP.
func (p *Page) retry(ctx app.Context, e app.Event) {
	if p.state != "done" {
		return
	}
	jobs, forget := p.sess.retry(time.Now())
	if len(jobs) == 0 {
		return
	}
	if p.toFolder {
		p.sess.renameKept()
	}
	p.state, p.zipURL, p.notice = "running", "", ""
	p.setBodyState(ctx)
	retryBatch(ctx, jobs, p.ran, forget)
}

// saveFolder writes the pictures straight into a folder the user picks.
func (p *Page) saveFolder(ctx app.Context, e app.Event) {
	outs, report := p.sess.outputs, p.sess.reports(p.lang)
	ctx.Async(func() {
		n, folder, err := saveToFolder(outs, report)
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil && strings.Contains(err.Error(), "AbortError"):
				// The user closed the folder picker: nothing to say.
			case err != nil:
				p.notice = p.t("The pictures could not be saved in that folder (%v): choose another folder, or download the ZIP.", err)
			default:
				p.notice = p.tn(n, "Saved %d file in a new folder, %s, inside the one you chose.|Saved %d files in a new folder, %s, inside the one you chose.", n, folder)
			}
		})
	})
}

// share hands the pictures to another app (on phones: the share sheet).
func (p *Page) share(ctx app.Context, e app.Event) {
	outs := p.sess.outputs
	ctx.Async(func() {
		if err := shareOutputs(outs); err != nil && !strings.Contains(err.Error(), "AbortError") {
			ctx.Dispatch(func(ctx app.Context) {
				p.notice = p.t("The pictures could not be shared (%v): download the ZIP instead.", err)
			})
		}
	})
}

// cancel stops the batch; the pictures already made are kept.
func (p *Page) cancel(ctx app.Context, e app.Event) {
	if p.state == "running" {
		cancelBatch()
	}
}

// finish builds the ZIP once every photo has an answer. The glue makes it
// in a task of its own; the page says "done" when the link is there.
func (p *Page) finish(ctx app.Context) {
	if p.toFolder {
		p.finishFolder(ctx)
		return
	}
	parts, failed := p.sess.finish(p.lang)
	outputs := len(p.sess.outputs)
	ctx.Async(func() {
		url, err := buildZip(parts)
		ctx.Dispatch(func(ctx app.Context) {
			p.zipURL = url
			switch {
			case err != nil:
				p.notice = p.t("The ZIP could not be made (%v): save the pictures into a folder, or make them again.", err)
			case failed == 0:
				p.notice = p.tn(outputs, "Done: %d picture ready.|Done: %d pictures ready.", outputs)
			default:
				p.notice = p.t("Done: %s; %s — the report below says why.", p.tn(outputs, "%d picture ready|%d pictures ready", outputs),
					p.tn(failed, "%d could not be made|%d could not be made", failed))
			}
			p.state = "done"
			p.setBodyState(ctx)
		})
	})
}

func (p *Page) clear(ctx app.Context, e app.Event) {
	if p.state == "running" {
		return
	}
	p.sess, p.startWhenRead, p.sheetsNamed = session{}, false, nil
	p.focal = focalEditor{Index: -1}
	p.previews = previewState{ctx: p.previews.ctx}
	p.zipURL, p.notice, p.state = "", "", "idle"
	p.setBodyState(ctx)
	clearGlue()
}

func (p *Page) togglePreset(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.choices.Ticked[id] = ctx.JSSrc().Get("checked").Bool()
		p.remember(ctx)
	}
}

// pickUpload reads a picked logo or font file. An SVG logo is drawn by the
// browser into a PNG first: picmark never inserts SVG markup into the page.
func (p *Page) pickUpload(dst *upload, kind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		files := ctx.JSSrc().Get("files")
		if files.Length() == 0 {
			return
		}
		file := files.Index(0)
		name := file.Get("name").String()
		ctx.JSSrc().Set("value", "")
		if size := int64(file.Get("size").Float()); size > maxUploadBytes {
			dst.Error = fmt.Sprintf("%s is %s: a %s should be a small file (under 10 MB).", name, imgio.Bytes(size), kind)
			return
		}
		svg := kind == "logo" && (file.Get("type").String() == "image/svg+xml" || strings.HasSuffix(strings.ToLower(name), ".svg"))
		ctx.Async(func() {
			var data []byte
			var err error
			if svg {
				data, err = rasterizeSVG(file)
			} else {
				data, err = readFile(file)
			}
			ctx.Dispatch(func(ctx app.Context) {
				*dst = checkUpload(p.lang, kind, name, data, err)
				if dst.Error == "" && kind == "logo" {
					dst.URL = objectURL(file)
				}
				p.saveKit(ctx)
			})
		})
	}
}

// checkUpload says whether a picked file can serve as a logo or a font.
func checkUpload(lang, kind, name string, data []byte, err error) upload {
	u := upload{Name: name, Data: data}
	switch {
	case err != nil:
		u = upload{Error: tr(lang, "%s could not be read (%v): check it opens on this device.", name, err)}
	case kind == "logo":
		if f, err := imgio.Sniff(data); err != nil || (f != imgio.PNG && f != imgio.JPEG && f != imgio.WebP) {
			u = upload{Error: tr(lang, "%s is not a PNG, JPEG, WebP or SVG: export the logo as a PNG with transparency.", name)}
		}
	case kind == "font":
		if !isFont(data) {
			u = upload{Error: tr(lang, "%s is not a TrueType or OpenType font: choose a .ttf or .otf file.", name)}
		}
	}
	return u
}

// isFont recognises TrueType and OpenType files by their first bytes.
func isFont(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "OTTO", "true", "ttcf":
		return true
	}
	return false
}

func (p *Page) removeUpload(dst *upload) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = upload{}
		p.saveKit(ctx)
	}
}

// Render lays the page out top to bottom in the order of the work. Every
// update of the page comes here (go-app renders the page for each change in
// any of its parts), so this only builds the sections' inputs: each section
// is a component that renders again only when its inputs changed, and a
// worker's result renders the Run section alone.
func (p *Page) Render() app.UI {
	settings, running := p.settingsInputs(), p.state == "running"
	photos := p.sess.photos()
	var rows []batch.Row
	if p.state == "done" {
		rows = p.sess.rows
	}
	return app.Main().Class("page").Body(
		p.renderMasthead(),
		p.renderIntake(),
		&fileList{Files: p.sess.view(), Photos: photos, Reading: p.sess.unread, LeftOut: p.sess.leftOut, Running: running, Lang: p.lang, page: p},
		p.previewInputs(photos),
		p.focalInputs(),
		p.renderSheet(),
		&settingsSection{Part: "formats", Running: running, In: settings, page: p},
		&settingsSection{Part: "framing", Running: running, In: settings, page: p},
		&settingsSection{Part: "branding", Running: running, In: settings, page: p},
		&settingsSection{Part: "output", Running: running, In: settings, page: p},
		p.runInputs(),
		&reportTable{Rows: rows, Names: p.formatNames(), Lang: p.lang},
		// A page of its own, opened beside this one (the batch stays), and
		// fetched only then: the server writes it (cmd/picmark/licences.go).
		// (Div and Attr, not Footer, Target and Rel: each element type and
		// setter adds its own code to app.wasm.)
		app.Div().Class("site-footer").Body(
			app.A().Href("/licences.html").Attr("target", "_blank").Attr("rel", "noopener").
				Text(p.t("Licences of the software picmark bundles")),
		),
	)
}

// runInputs is the Run section with its inputs: while a batch runs, the
// progress in words.
func (p *Page) runInputs() *runPanel {
	s := &p.sess
	status := p.notice
	if p.state == "running" {
		status = p.tn(s.done(), "Working: %d of %d photos done…|Working: %d of %d photos done…", s.done(), s.total)
		if now := s.current(); len(now) > 0 {
			status += " " + p.t("Now: %s.", strings.Join(now, ", "))
		}
		if left := s.left(time.Now()); left > 0 {
			status += " " + p.t("About %s left.", p.duration(left))
		}
	}
	// What the browser can do is asked once there is something to save,
	// not on every update of a running batch.
	ready := p.zipURL != ""
	return &runPanel{
		Lang: p.lang, State: p.state, Done: s.done(), Total: s.total, Status: status, ZipURL: p.zipURL,
		Retryable: p.state == "done" && len(s.failedJobs()) > 0,
		CanSave:   ready && p.canFolder,
		CanFolder: p.canFolder && !ready && p.state != "running",
		CanShare:  ready && len(s.outputs) > 0 && canShare(),
		page:      p,
	}
}

// duration says a time left in whole minutes, or seconds under a minute,
// rounded up: never "0 s" while a photo is still being made.
func (p *Page) duration(d time.Duration) string {
	if d < time.Minute {
		return p.t("%d s", max(1, int(math.Ceil(d.Seconds()))))
	}
	return p.t("%d min", int(d.Minutes()+0.5))
}
