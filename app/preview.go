package app

import (
	"fmt"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/crop"
	"picmark/internal/msg"
)

// preview.go: the preview grid. For the first photos, one small picture per
// ticked format, made by the workers exactly as the batch will cut and brand
// it, with the platform's safe zones shaded. The page only asks (through the
// glue's preview pool) and shows the object URLs it gets back: no pixel
// enters Go on this thread.

const (
	previewSide     = 240 // the previews' longer side, in pixels
	previewDebounce = 300 * time.Millisecond
	// The grid's row and box heights before the page measures them
	// (web/picmark.css .preview-rows), and the rows beyond the view it
	// asks previews for: each is a worker's work.
	previewRowH, previewViewH = 236, 600
	previewMargin             = 2
)

// previewState is the grid's state.
type previewState struct {
	Items map[int]*previewItem // by the file's glue index
	win   rowWindow            // the photos in the grid's view (window.go)

	ctx    *app.Context // set when mounted; nil natively (tests)
	want   string       // the key of the settings last scheduled
	gen    int          // bumped on each scheduling: only the latest timer asks
	asking bool         // a debounced request is pending

	checked  string // the previewKey of the settings last checked
	checkErr error  // what that check found
}

// previewItem is one photo's previews.
type previewItem struct {
	Key     string // what they were asked for: settings and focal point
	Images  []wire.PreviewImage
	Error   msg.Message // why there are none
	Waiting bool        // asked, not answered yet
}

// requestPreview and cancelPreviews reach the glue; tests replace them.
var (
	requestPreview = func(req wire.Preview) {
		if glueReady() {
			glue().Call("preview", encodeApp(req))
		}
	}
	cancelPreviews = func() {
		if glueReady() {
			glue().Call("previewCancel")
		}
	}
)

// previewSpan is the photos, and the range of them the grid puts in the
// page: those in view and a margin (window.go).
func (p *Page) previewSpan() (photos []fileEntry, first, last int) {
	photos = p.sess.photoList()
	p.previews.win.Margin = previewMargin
	first, last = p.previews.win.span(len(photos), previewRowH, previewViewH)
	return photos, first, last
}

// previewFiles are the photos whose previews the page shows now: those in
// the grid's window, and the one in the focal point editor.
func (p *Page) previewFiles() []fileEntry {
	photos, first, last := p.previewSpan()
	out := slices.Clone(photos[first:last])
	if f := p.focalEntry(); f != nil && f.photo() && !slices.ContainsFunc(out, func(e fileEntry) bool { return e.Index == f.Index }) {
		out = append(out, *f)
	}
	return out
}

// previewScrolled takes a scroll of the grid's box el. When other photos
// come into view, what was asked for those that left it and is not made
// yet is dropped: the photos in view come first. It reports whether the
// grid must render again.
func (p *Page) previewScrolled(el app.Value) bool {
	if !p.previews.win.scrolled(el) {
		return false
	}
	p.dropWaiting()
	return true
}

// dropWaiting forgets the previews asked and not made yet, and cancels
// them: those still in view are asked again at once (schedulePreviews).
func (p *Page) dropWaiting() {
	dropped := false
	for index, it := range p.previews.Items {
		if it.Waiting {
			delete(p.previews.Items, index)
			dropped = true
		}
	}
	if dropped {
		cancelPreviews()
		p.previews.asking = false
	}
}

// previewKey is what a photo's previews depend on: everything that changes
// the cut or the branding (not the naming template, nor the JPEG quality),
// cheap to compute on each render (the logo and font by name and size).
func (p *Page) previewKey() string {
	c := p.choices
	c.Name, c.Quality = "", 0
	return fmt.Sprintf("%s|%s:%d|%s:%d|%d:%s", c.save(), p.logo.Name, len(p.logo.Data), p.font.Name, len(p.font.Data), p.sheet.gen, p.sheet.Match)
}

// photoKey is what one photo's previews depend on beyond the settings: its
// focal point and its words.
func (p *Page) photoKey(f fileEntry) string {
	st, _ := p.story()
	return focalKey(f.Focal) + wordsKey(p.words(st, p.photoIndex(f.Index), f))
}

func focalKey(f *crop.Point) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf("|%.4f,%.4f", f.X, f.Y)
}

// stalePreviews lists the shown photos whose previews do not match the
// settings.
func (p *Page) stalePreviews() []fileEntry { return p.staleFor(p.previewKey()) }

// staleFor is stalePreviews for settings whose previewKey is key.
func (p *Page) staleFor(key string) []fileEntry {
	var out []fileEntry
	for _, f := range p.previewFiles() {
		it := p.previews.Items[f.Index]
		if it == nil || it.Key != key+p.photoKey(f) {
			out = append(out, f)
		}
	}
	return out
}

// schedulePreviews asks again, ~300 ms after the last change, for the
// previews that no longer match the settings (whose previewKey is key).
// Called on each render of the page: it only starts a timer when something
// changed.
func (p *Page) schedulePreviews(key string, ticked bool) {
	if p.previews.ctx == nil || !ticked {
		return
	}
	stale := p.staleFor(key)
	if len(stale) == 0 {
		return
	}
	want := key
	for _, f := range stale {
		want += fmt.Sprintf("/%d%s", f.Index, p.photoKey(f))
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
	st, _ := p.story()
	for i := len(stale) - 1; i >= 0; i-- {
		f := stale[i]
		it := p.previews.Items[f.Index]
		if it == nil {
			it = &previewItem{}
			p.previews.Items[f.Index] = it
		}
		it.Key, it.Waiting = key+p.photoKey(f), true
		requestPreview(wire.Preview{File: f.Index, Settings: doc, Focal: f.Focal, Captions: p.words(st, p.photoIndex(f.Index), f), Size: previewSide})
	}
}

// previewProblem says why a photo has no previews, if it has none.
func previewProblem(p wire.Previews) msg.Message {
	switch {
	case p.Stop != "":
		return msg.New(msg.PreviewStopped, stopWord(p.Stop))
	case p.Error != nil:
		return *p.Error
	}
	return msg.Message{}
}

// previewDone takes the glue's answer for one photo.
func (p *Page) previewDone(index int, images []wire.PreviewImage, problem msg.Message) {
	it := p.previews.Items[index]
	if it == nil {
		return // cleared since
	}
	it.Images, it.Error, it.Waiting = images, problem, false
}

// formatNames are the offered formats' names, by id.
func (p *Page) formatNames() map[string]string {
	names := map[string]string{}
	for _, pr := range p.choices.presets() {
		names[pr.ID] = pr.Title(p.lang)
	}
	return names
}

// previewInputs is the Preview section with its inputs, from the page's
// state; it also asks again for the previews that no longer match the
// settings. It runs on every update of the page, so what only changes with
// the settings is computed once per change.
func (p *Page) previewInputs(photos int) *previewGrid {
	g := &previewGrid{Photos: photos, Lang: p.lang, Touch: p.touch, page: p}
	if photos == 0 {
		return g
	}
	key, ticked := p.previewKey(), len(p.choices.chosen()) > 0
	p.schedulePreviews(key, ticked)
	all, first, last := p.previewSpan()
	g.First, g.Active = first, p.previews.win.Active
	g.Top, g.Bottom = p.previews.win.padding(len(all), first, last, previewRowH)
	for _, f := range all[first:last] {
		it := previewItem{Waiting: true}
		if asked := p.previews.Items[f.Index]; asked != nil {
			it = *asked
		}
		g.Rows = append(g.Rows, previewRowData{Index: f.Index, Path: f.Path, Item: it})
	}
	g.Names = p.formatNames()
	if key != p.previews.checked {
		p.previews.checked, p.previews.checkErr = key, p.choices.settings(p.logo, p.font).Check()
	}
	switch {
	case !ticked:
		g.Problem = p.t("Tick at least one format to see the previews.")
	case p.previews.checkErr != nil:
		g.Problem = p.t("The settings need a fix before the previews can be made: %s.", msg.Reason(p.previews.checkErr, p.lang))
	}
	return g
}
