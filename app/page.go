package app

import (
	"maps"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/imgio"
	"picmark/internal/msg"
)

// maxUploadBytes keeps a mistaken pick (a 40 MB photo as a logo) out of memory.
const maxUploadBytes = 10 << 20

// Page lays the sections out in the order of the work — drop zone, file
// list, previews, focal point editor, sheet, formats, framing, branding,
// output, run, report — and holds what is not a section of its own yet:
// the language and the masthead, and the settings (settings.go, kits.go,
// custom.go). The sections talk through state and actions (state.go); the
// Page never reaches into the sections it places.
type Page struct {
	app.Compo

	choices choices
	logo    upload
	font    upload
	custom  customForm
	kits    kitState
	lang    string // "en" or "fr"
	release func()

	touch       bool // a phone or a tablet: say "Tap", never "Click" or the keyboard's keys
	installable bool // the browser offers to install picmark as an app
	updateReady bool // a new version is cached: a reload switches to it

	state string // the batch's phase (stateRun)

	// The sections with state of their own, made once (OnInit).
	fileList    *fileList
	previewGrid *previewGrid
	focalPanel  *focalPanel
	sheetPanel  *sheetPanel
	run         *runPanel
	report      *reportTable
}

// OnInit sets the defaults: the three formats our users asked for by name.
func (p *Page) OnInit() {
	p.choices = defaultChoices()
	p.state = runIdle
	p.lang = "en"
	p.touch = touchDevice()
	if p.run == nil {
		p.fileList, p.previewGrid, p.focalPanel = &fileList{}, newPreviewGrid(), newFocalPanel()
		p.sheetPanel, p.run, p.report = newSheetPanel(), newRunPanel(), &reportTable{}
	}
}

// OnMount restores the remembered settings, publishes the language and the
// settings, and connects the page to the browser glue. Glue callbacks
// arrive on the JavaScript event loop; they only post actions, which
// go-app hands to the UI goroutine.
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
	p.applyLang(ctx)
	p.publishSettings(ctx)
	p.loadKits(ctx)
	p.installable, p.updateReady = ctx.IsAppInstallable(), ctx.AppUpdateAvailable() && updatable()
	ctx.ObserveState(stateRun, &p.state)
	ctx.Handle(actionEditSettings, func(ctx app.Context, a app.Action) {
		e := a.Value.(settingsEdit)
		e.Edit(&p.choices)
		if e.Keep {
			p.remember(ctx)
		} else {
			p.publishSettings(ctx)
		}
	})
	p.release = bindGlue(glueHandlers{
		listed:   func(l wire.Listed) { ctx.NewActionWithValue(actionListed, l) },
		files:    func(list []wire.Picked) { ctx.NewActionWithValue(actionReceived, list) },
		started:  func(id int) { ctx.NewActionWithValue(actionStarted, id) },
		result:   func(r wire.Result) { ctx.NewActionWithValue(actionResult, r) },
		died:     func(id int, why wire.Stop) { ctx.NewActionWithValue(actionDied, jobStop{ID: id, Why: why}) },
		finished: func() { ctx.NewAction(actionFinished) },
		preview: func(index int, previews wire.Previews) {
			ctx.NewActionWithValue(actionPreview, previewAnswer{Index: index, Previews: previews})
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
	if p.state != runRunning {
		ctx.Reload()
	}
}

// OnDismount releases the glue callbacks.
func (p *Page) OnDismount() {
	if p.release != nil {
		p.release()
	}
}

// remember keeps the settings for the next visit, and publishes them.
func (p *Page) remember(ctx app.Context) {
	ctx.LocalStorage().Set(settingsKey, p.choices.save())
	p.saveKit(ctx)
	p.publishSettings(ctx)
}

// publishSettings shares the settings with the sections that read them
// (stateSettings): at mount, and on every change.
func (p *Page) publishSettings(ctx app.Context) { ctx.SetState(stateSettings, p.batchSettings()) }

// batchSettings is what stateSettings carries; what the page changes in
// place (the ticked formats, the layers) is cloned, or the readers' copy
// would change with it.
func (p *Page) batchSettings() batchSettings {
	c := p.choices
	c.Ticked, c.Custom, c.Layers = maps.Clone(c.Ticked), slices.Clone(c.Custom), slices.Clone(c.Layers)
	return batchSettings{Choices: c, Logo: p.logo, Font: p.font}
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
			small := "%s is %s: a logo should be a small file (under %s)."
			if kind == "font" {
				small = "%s is %s: a font should be a small file (under %s)."
			}
			dst.Error = p.t(small, name, msg.Size(p.lang, size), msg.Size(p.lang, maxUploadBytes))
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
				p.publishSettings(ctx)
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
		p.publishSettings(ctx)
	}
}

// Render lays the page out top to bottom in the order of the work. Every
// update of any section comes here (go-app renders a component's parents
// with it), so this only places the sections: each renders again only
// when its own state or its inputs changed.
func (p *Page) Render() app.UI {
	settings, running := p.settingsInputs(), p.state == runRunning
	return app.Main().Class("page").Body(
		p.renderMasthead(),
		p.renderIntake(),
		p.fileList,
		p.previewGrid,
		p.focalPanel,
		p.sheetPanel,
		&settingsSection{Part: "formats", Running: running, In: settings, page: p},
		&settingsSection{Part: "framing", Running: running, In: settings, page: p},
		&settingsSection{Part: "branding", Running: running, In: settings, page: p},
		&settingsSection{Part: "output", Running: running, In: settings, page: p},
		p.run,
		p.report,
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
