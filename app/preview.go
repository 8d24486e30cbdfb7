package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/crop"
	"picmark/internal/i18n"
)

// preview.go: the preview grid. For the first photos, one small picture per
// ticked format, made by the workers exactly as the batch will cut and brand
// it, with the platform's safe zones shaded. The page only asks (through the
// glue's preview pool) and shows the object URLs it gets back: no pixel
// enters Go on this thread.

const (
	previewBatch    = 12  // photos shown at first, and added by "Show more"
	previewSide     = 240 // the previews' longer side, in pixels
	previewDebounce = 300 * time.Millisecond
)

// previewState is the grid's state.
type previewState struct {
	Shown int                  // photos with previews; 0 means previewBatch
	Items map[int]*previewItem // by the file's glue index

	ctx    *app.Context // set when mounted; nil natively (tests)
	want   string       // the key of the settings last scheduled
	gen    int          // bumped on each scheduling: only the latest timer asks
	asking bool         // a debounced request is pending
}

// previewItem is one photo's previews.
type previewItem struct {
	Key     string // what they were asked for: settings and focal point
	Images  []previewImage
	Error   string
	Waiting bool // asked, not answered yet
}

// previewImage is one format's preview, as the glue hands it.
type previewImage struct {
	Preset string
	URL    string
	W, H   int
}

// requestPreview and cancelPreviews reach the glue; tests replace them.
var (
	requestPreview = func(index int, settings string, focal *crop.Point, size int) {
		if !glueReady() {
			return
		}
		var f any
		if focal != nil {
			o := app.Window().Get("Object").New()
			o.Set("x", focal.X)
			o.Set("y", focal.Y)
			f = o
		}
		glue().Call("preview", index, settings, f, size)
	}
	cancelPreviews = func() {
		if glueReady() {
			glue().Call("previewCancel")
		}
	}
)

func (s *previewState) shown() int {
	if s.Shown <= 0 {
		return previewBatch
	}
	return s.Shown
}

// previewFiles are the photos the grid shows now.
func (p *Page) previewFiles() []fileEntry {
	var out []fileEntry
	for _, f := range p.sess.files {
		if f.Skip == "" {
			out = append(out, f)
			if len(out) == p.previews.shown() {
				break
			}
		}
	}
	return out
}

// previewKey is what a photo's previews depend on: everything that changes
// the cut or the branding (not the naming template, nor the JPEG quality),
// cheap to compute on each render (the logo and font by name and size).
func (p *Page) previewKey() string {
	c := p.choices
	c.Name, c.Quality = "", 0
	return fmt.Sprintf("%s|%s:%d|%s:%d", c.save(), p.logo.Name, len(p.logo.Data), p.font.Name, len(p.font.Data))
}

func focalKey(f *crop.Point) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf("|%.4f,%.4f", f.X, f.Y)
}

// stale lists the shown photos whose previews do not match the settings.
func (p *Page) stalePreviews() []fileEntry {
	key := p.previewKey()
	var out []fileEntry
	for _, f := range p.previewFiles() {
		it := p.previews.Items[f.Index]
		if it == nil || it.Key != key+focalKey(f.Focal) {
			out = append(out, f)
		}
	}
	return out
}

// schedulePreviews asks again, ~300 ms after the last change, for the
// previews that no longer match. Called on each render: it only starts a
// timer when something changed.
func (p *Page) schedulePreviews() {
	if p.previews.ctx == nil || len(p.choices.chosen()) == 0 {
		return
	}
	stale := p.stalePreviews()
	if len(stale) == 0 {
		return
	}
	want := p.previewKey()
	for _, f := range stale {
		want += fmt.Sprintf("/%d%s", f.Index, focalKey(f.Focal))
	}
	if p.previews.asking && want == p.previews.want {
		return // already scheduled
	}
	p.previews.want, p.previews.asking = want, true
	p.previews.gen++
	gen := p.previews.gen
	// New photos are asked at once; changes wait until the user pauses.
	wait := time.Duration(0)
	for _, f := range stale {
		if p.previews.Items[f.Index] != nil {
			wait = previewDebounce
		}
	}
	p.previews.ctx.After(wait, func(ctx app.Context) {
		if gen == p.previews.gen {
			p.previews.asking = false
			p.requestPreviews()
		}
	})
}

// requestPreviews asks the glue for every shown photo whose previews are
// stale, the last first: the pool makes the newest request first, so the
// first photo comes first.
func (p *Page) requestPreviews() {
	if len(p.choices.chosen()) == 0 {
		return
	}
	settings := p.choices.settings(p.logo, p.font)
	if err := settings.Check(); err != nil {
		return // the Run section says what to fix; the grid says it too
	}
	doc := settingsJSON(settings)
	key := p.previewKey()
	if p.previews.Items == nil {
		p.previews.Items = map[int]*previewItem{}
	}
	stale := p.stalePreviews()
	if len(stale) == len(p.previewFiles()) {
		cancelPreviews() // everything changed: what is queued is obsolete
	}
	for i := len(stale) - 1; i >= 0; i-- {
		f := stale[i]
		it := p.previews.Items[f.Index]
		if it == nil {
			it = &previewItem{}
			p.previews.Items[f.Index] = it
		}
		it.Key, it.Waiting = key+focalKey(f.Focal), true
		requestPreview(f.Index, doc, f.Focal, previewSide)
	}
}

// previewDone takes the glue's answer for one photo.
func (p *Page) previewDone(index int, images []previewImage, problem string) {
	it := p.previews.Items[index]
	if it == nil {
		return // cleared since
	}
	it.Images, it.Error, it.Waiting = images, problem, false
}

func (p *Page) showMorePreviews(ctx app.Context, e app.Event) {
	p.previews.Shown = p.previews.shown() + previewBatch
}

// presetName is a ticked format's name for the page.
func (p *Page) presetName(id string) string {
	for _, pr := range p.choices.presets() {
		if pr.ID == id {
			return pr.Name
		}
	}
	return id
}

func (p *Page) renderPreviews() app.UI {
	photos := p.sess.photos()
	if photos == 0 {
		return app.Section().ID("previews").Class("card").Hidden(true)
	}
	p.schedulePreviews()
	files := p.previewFiles()
	var problem string
	if len(p.choices.chosen()) == 0 {
		problem = p.t("Tick at least one format to see the previews.")
	} else if err := p.choices.settings(p.logo, p.font).Check(); err != nil {
		problem = p.t("The settings need a fix before the previews can be made: %s.", err)
	}
	return app.Section().ID("previews").Class("card").Body(
		app.H2().Text(p.t("Preview")),
		app.P().Class("muted").Text(p.t("Each photo as every ticked format will cut and brand it. Shaded bands: where the platform's buttons and captions cover the picture. Click a preview to set the photo's focal point.")),
		app.If(problem != "", func() app.UI {
			return app.P().Class("notice").Text(problem)
		}),
		app.Div().Class("preview-rows").Body(
			app.Range(files).Slice(func(i int) app.UI { return p.renderPreviewRow(files[i]) }),
		),
		app.If(photos > len(files), func() app.UI {
			return app.Button().ID("previews-more").Class("button secondary small").
				Text(p.t("Show more (%d left)", photos-len(files))).OnClick(p.showMorePreviews)
		}),
	)
}

func (p *Page) renderPreviewRow(f fileEntry) app.UI {
	it := p.previews.Items[f.Index]
	if it == nil {
		it = &previewItem{Waiting: true}
	}
	name := f.Path[strings.LastIndex(f.Path, "/")+1:]
	status := "ready"
	switch {
	case it.Error != "":
		status = "error"
	case it.Waiting:
		status = "waiting"
	}
	return app.Div().Class("preview-row").DataSet("index", f.Index).DataSet("path", f.Path).DataSet("status", status).Body(
		app.H3().Class("path").Text(f.Path),
		app.If(it.Error != "", func() app.UI {
			return app.P().Class("reason").Text(p.t("No preview: %s", i18n.Say(p.lang, it.Error)))
		}),
		app.If(len(it.Images) == 0 && it.Error == "", func() app.UI {
			return app.P().Class("muted").Text(p.t("Making the previews…"))
		}),
		app.Div().Class("preview-list").Body(
			app.Range(it.Images).Slice(func(i int) app.UI {
				im := it.Images[i]
				pname := p.presetName(im.Preset)
				return app.Figure().Class("preview").DataSet("preset", im.Preset).Body(
					app.Button().Class("preview-open").Title(p.t("Set the focal point of %s", f.Path)).
						OnClick(p.openFocal(f.Index)).Body(
						app.Img().Src(im.URL).Width(im.W).Height(im.H).Alt(pname+": "+name),
					),
					app.FigCaption().Text(pname), // preset names are proper names
				)
			}),
		),
	)
}
