package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// maxLogoBytes keeps a mistaken pick (a 40 MB photo as a logo) out of memory.
const maxLogoBytes = 10 << 20

// Page is the whole app: drop zone, file list, formats, logo, run, report.
type Page struct {
	app.Compo

	sess    session
	ticked  map[string]bool
	logo    logoChoice
	state   string // "idle", "running" or "done"
	zipURL  string
	notice  string // the last message for the user
	release func()

	installable bool // the browser offers to install picmark as an app
	updateReady bool // a new version is cached: a reload switches to it
}

// logoChoice is the brand logo as picked by the user.
type logoChoice struct {
	Name    string
	Data    []byte
	URL     string // preview
	Error   string
	Scale   int // percent of the output width
	Opacity int // percent
}

// OnInit sets the defaults: the three formats our users asked for by name.
func (p *Page) OnInit() {
	p.ticked = map[string]bool{}
	for _, id := range preset.DefaultIDs {
		p.ticked[id] = true
	}
	p.logo = logoChoice{Scale: 20, Opacity: 85}
	p.state = "idle"
}

// OnMount connects the page to the browser glue. Glue callbacks arrive on
// the JavaScript event loop; they only hand their values to the UI goroutine.
func (p *Page) OnMount(ctx app.Context) {
	p.setBodyState()
	p.installable, p.updateReady = ctx.IsAppInstallable(), ctx.AppUpdateAvailable()
	p.release = bindGlue(glueHandlers{
		files: func(list []pickedFile) {
			ctx.Dispatch(func(ctx app.Context) { p.sess.add(list) })
		},
		result: func(id int, rows string, outs []outputMeta) {
			ctx.Dispatch(func(ctx app.Context) { p.sess.result(id, rows, outs) })
		},
		died: func(id int, why string) {
			ctx.Dispatch(func(ctx app.Context) { p.sess.died(id, why) })
		},
		finished: func() {
			ctx.Dispatch(func(ctx app.Context) { p.finish() })
		},
	})
}

// OnAppUpdate shows the reload notice once a new version is cached.
func (p *Page) OnAppUpdate(ctx app.Context) { p.updateReady = ctx.AppUpdateAvailable() }

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

func (p *Page) setBodyState() {
	app.Window().Get("document").Get("body").Get("dataset").Set("state", p.state)
}

func (p *Page) chosenPresets() []preset.Preset {
	var out []preset.Preset
	for _, pr := range preset.All() {
		if p.ticked[pr.ID] {
			out = append(out, pr)
		}
	}
	return out
}

func (p *Page) start(ctx app.Context, e app.Event) {
	if p.state == "running" {
		return
	}
	presets := p.chosenPresets()
	switch {
	case len(p.sess.files) == 0:
		p.notice = "Add photos first: drop a folder on this page, or choose a folder or files."
		return
	case len(presets) == 0:
		p.notice = "Tick at least one format."
		return
	}
	jobs := p.sess.start(presets)
	p.state, p.zipURL, p.notice = "running", "", ""
	p.setBodyState()
	runBatch(jobs, p.sess.presetIDs(), p.logo.Data, float64(p.logo.Scale)/100, float64(p.logo.Opacity)/100)
}

// finish builds the ZIP once every photo has an answer.
func (p *Page) finish() {
	parts, failed := p.sess.finish()
	p.zipURL = buildZip(parts)
	outputs := len(p.sess.outputs)
	switch {
	case failed == 0:
		p.notice = fmt.Sprintf("Done: %d pictures ready.", outputs)
	default:
		p.notice = fmt.Sprintf("Done: %d pictures ready; %d could not be made — the report below says why.", outputs, failed)
	}
	p.state = "done"
	p.setBodyState()
}

func (p *Page) clear(ctx app.Context, e app.Event) {
	if p.state == "running" {
		return
	}
	p.sess = session{}
	p.zipURL, p.notice, p.state = "", "", "idle"
	p.setBodyState()
	clearGlue()
}

func (p *Page) togglePreset(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.ticked[id] = ctx.JSSrc().Get("checked").Bool()
	}
}

func (p *Page) pickLogo(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Length() == 0 {
		return
	}
	file := files.Index(0)
	name := file.Get("name").String()
	ctx.JSSrc().Set("value", "")
	if size := int64(file.Get("size").Float()); size > maxLogoBytes {
		p.logo.Error = fmt.Sprintf("%s is %.1f MB: a logo should be a small PNG or JPEG (under 10 MB).", name, float64(size)/(1<<20))
		return
	}
	ctx.Async(func() {
		data, err := readFile(file)
		ctx.Dispatch(func(ctx app.Context) { p.setLogo(name, data, err, objectURL(file)) })
	})
}

func (p *Page) setLogo(name string, data []byte, err error, preview string) {
	p.logo.Error = ""
	if err != nil {
		p.logo.Error = fmt.Sprintf("%s could not be read (%v): check it opens on this computer.", name, err)
		return
	}
	if f, err := imgio.Sniff(data); err != nil || (f != imgio.PNG && f != imgio.JPEG && f != imgio.WebP) {
		p.logo.Error = fmt.Sprintf("%s is not a PNG or JPEG: export the logo as a PNG with transparency, or as a JPEG.", name)
		return
	}
	p.logo.Name, p.logo.Data, p.logo.URL = name, data, preview
}

func (p *Page) removeLogo(ctx app.Context, e app.Event) {
	p.logo.Name, p.logo.Data, p.logo.URL, p.logo.Error = "", nil, "", ""
}

func (p *Page) setPercent(dst *int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if v, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
			*dst = v
		}
	}
}

// Render lays the page out top to bottom in the order of the work.
func (p *Page) Render() app.UI {
	return app.Main().Class("page").Body(
		app.Header().Class("masthead").Body(
			app.Div().Class("row").Body(
				app.H1().Text("picmark"),
				app.If(p.installable, func() app.UI {
					return app.Button().ID("install").Class("button secondary small").Text("Install the app").OnClick(p.install)
				}),
			),
			app.P().Text("Folders of photos in, ready-to-post pictures out. Everything happens on this computer: nothing is uploaded."),
			app.If(p.updateReady, func() app.UI {
				return app.Div().ID("update").Class("notice").Attr("role", "status").Body(
					app.Span().Text("A new version of picmark is ready. "),
					app.Button().ID("reload").Class("button small").Disabled(p.state == "running").
						Text("Reload to use it").OnClick(p.reload),
				)
			}),
		),
		p.renderIntake(),
		p.renderFiles(),
		p.renderPresets(),
		p.renderLogo(),
		p.renderRun(),
		p.renderReport(),
	)
}
