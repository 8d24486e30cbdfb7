package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
)

// Page lays the sections out in the order of the work — drop zone, file
// list, previews, focal point editor, sheet, formats, framing, branding,
// output, run, report — and is the masthead: the language (stateLang) and
// the app's install and update. The sections talk through state and
// actions (state.go); the Page never reaches into the sections it places.
type Page struct {
	app.Compo

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
	settings    *settingsPanel
	run         *runPanel
	report      *reportTable
}

// OnInit makes the sections.
func (p *Page) OnInit() {
	p.state = runIdle
	p.lang = "en"
	p.touch = touchDevice()
	if p.run == nil {
		p.fileList, p.previewGrid, p.focalPanel = &fileList{}, newPreviewGrid(), newFocalPanel()
		p.sheetPanel, p.settings, p.run, p.report = newSheetPanel(), newSettingsPanel(), newRunPanel(), &reportTable{}
	}
}

// OnMount publishes the language and connects the page to the browser
// glue. Glue callbacks arrive on the JavaScript event loop; they only post
// actions, which go-app hands to the UI goroutine.
func (p *Page) OnMount(ctx app.Context) {
	// The language chosen on this page before, or else the browser's.
	var lang string
	if err := ctx.LocalStorage().Get(langKey, &lang); err != nil || (lang != "en" && lang != "fr") {
		lang = browserLang()
	}
	p.lang = lang
	p.applyLang(ctx)
	p.installable, p.updateReady = ctx.IsAppInstallable(), ctx.AppUpdateAvailable() && updatable()
	ctx.ObserveState(stateRun, &p.state)
	// The glue's callbacks become actions the sections handle: bind it once
	// every section has mounted and said what it handles, or a file the
	// page already holds (a shared photo) could be posted to no one. The
	// glue keeps what comes before (picmark.js waiting).
	ctx.Defer(func(ctx app.Context) { p.bind(ctx) })
}

// bind connects the browser glue: its callbacks post the sections' actions.
func (p *Page) bind(ctx app.Context) {
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

// Render lays the page out top to bottom in the order of the work. Every
// update of any section comes here (go-app renders a component's parents
// with it), so this only places the sections: each renders again only
// when its own state or its inputs changed.
func (p *Page) Render() app.UI {
	return app.Main().Class("page").Body(
		p.renderMasthead(),
		p.renderIntake(),
		p.fileList,
		p.previewGrid,
		p.focalPanel,
		p.sheetPanel,
		p.settings,
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
