package app

import (
	"fmt"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/crop"
	"picmark/internal/job"
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

// previewState is the grid's own state.
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
func (c *previewGrid) previewSpan() (photos []fileEntry, first, last int) {
	photos = c.files.Photos
	c.previews.win.Margin = previewMargin
	first, last = c.previews.win.span(len(photos), previewRowH, previewViewH)
	return photos, first, last
}

// previewFiles are the photos whose previews the page shows now: those in
// the grid's window, and the one in the focal point editor.
func (c *previewGrid) previewFiles() []fileEntry {
	photos, first, last := c.previewSpan()
	out := slices.Clone(photos[first:last])
	if f := entryOf(c.files, c.focal); f != nil && f.photo() && !slices.ContainsFunc(out, func(e fileEntry) bool { return e.Index == f.Index }) {
		out = append(out, *f)
	}
	return out
}

// previewScrolled takes a scroll of the grid's box el. When other photos
// come into view, what was asked for those that left it and is not made
// yet is dropped: the photos in view come first. It reports whether the
// grid must render again.
func (c *previewGrid) previewScrolled(el app.Value) bool {
	if !c.previews.win.scrolled(el) {
		return false
	}
	c.dropWaiting()
	return true
}

// dropWaiting forgets the previews asked and not made yet, and cancels
// them: those still in view are asked again at once (schedulePreviews).
func (c *previewGrid) dropWaiting() {
	dropped := false
	for index, it := range c.previews.Items {
		if it.Waiting {
			delete(c.previews.Items, index)
			dropped = true
		}
	}
	if dropped {
		cancelPreviews()
		c.previews.asking = false
	}
}

// previewKey is what a photo's previews depend on: everything that changes
// the cut or the branding (not the naming template, nor the JPEG quality),
// cheap to compute on each render (the logo and font by name and size).
func (c *previewGrid) previewKey() string {
	ch, logo, font := c.settings.Choices, c.settings.Logo, c.settings.Font
	ch.Name, ch.Quality = "", 0
	return fmt.Sprintf("%s|%s:%d|%s:%d|%d:%s", ch.save(), logo.Name, len(logo.Data), font.Name, len(font.Data), c.sheet.gen, c.sheet.Match)
}

// photoKey is what one photo's previews depend on beyond the settings: its
// focal point and its words.
func (c *previewGrid) photoKey(f fileEntry) string {
	return focalKey(f.Focal) + wordsKey(c.wordsOf(f))
}

// wordsOf is photo f's words (words). Its place among the photos is
// looked for only when there is a story: not through 10,000 photos for
// each row in view at each render.
func (c *previewGrid) wordsOf(f fileEntry) []job.Caption {
	if c.story.Story == nil {
		return nil
	}
	return words(c.story.Story, c.sheet, photoIndex(c.files.Photos, f.Index), f)
}

func focalKey(f *crop.Point) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf("|%.4f,%.4f", f.X, f.Y)
}

// stalePreviews lists the shown photos whose previews do not match the
// settings.
func (c *previewGrid) stalePreviews() []fileEntry { return c.staleFor(c.previewKey()) }

// staleFor is stalePreviews for settings whose previewKey is key.
func (c *previewGrid) staleFor(key string) []fileEntry {
	var out []fileEntry
	for _, f := range c.previewFiles() {
		it := c.previews.Items[f.Index]
		if it == nil || it.Key != key+c.photoKey(f) {
			out = append(out, f)
		}
	}
	return out
}

// schedulePreviews asks again, ~300 ms after the last change, for the
// previews that no longer match the settings (whose previewKey is key).
// Called on each render of the page: it only starts a timer when something
// changed.
func (c *previewGrid) schedulePreviews(key string, ticked bool) {
	if c.previews.ctx == nil || !ticked {
		return
	}
	stale := c.staleFor(key)
	if len(stale) == 0 {
		return
	}
	want := key
	for _, f := range stale {
		want += fmt.Sprintf("/%d%s", f.Index, c.photoKey(f))
	}
	if c.previews.asking && want == c.previews.want {
		return // already scheduled
	}
	c.previews.want, c.previews.asking = want, true
	c.previews.gen++
	gen := c.previews.gen
	// New photos are asked at once; changes wait until the user pauses.
	wait := time.Duration(0)
	for _, f := range stale {
		if c.previews.Items[f.Index] != nil {
			wait = previewDebounce
		}
	}
	c.previews.ctx.After(wait, func(ctx app.Context) {
		if gen == c.previews.gen {
			c.previews.asking = false
			c.requestPreviews()
		}
	})
}

// requestPreviews asks the glue for every shown photo whose previews are
// stale, the last first: the pool makes the newest request first, so the
// first photo comes first.
func (c *previewGrid) requestPreviews() {
	if len(c.settings.Choices.chosen()) == 0 {
		return
	}
	settings := c.settings.settings()
	if err := settings.Check(); err != nil {
		return // the Run section says what to fix; the grid says it too
	}
	doc := settingsJSON(settings)
	key := c.previewKey()
	if c.previews.Items == nil {
		c.previews.Items = map[int]*previewItem{}
	}
	stale := c.stalePreviews()
	if len(stale) == len(c.previewFiles()) {
		cancelPreviews() // everything changed: what is queued is obsolete
	}
	for i := len(stale) - 1; i >= 0; i-- {
		f := stale[i]
		it := c.previews.Items[f.Index]
		if it == nil {
			it = &previewItem{}
			c.previews.Items[f.Index] = it
		}
		it.Key, it.Waiting = key+c.photoKey(f), true
		requestPreview(wire.Preview{File: f.Index, Settings: doc, Focal: f.Focal, Captions: c.wordsOf(f), Size: previewSide})
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
func (c *previewGrid) previewDone(index int, images []wire.PreviewImage, problem msg.Message) {
	it := c.previews.Items[index]
	if it == nil {
		return // cleared since
	}
	it.Images, it.Error, it.Waiting = images, problem, false
}

// formatNames are the offered formats' names, by id.
func formatNames(c choices, lang string) map[string]string {
	names := map[string]string{}
	for _, pr := range c.presets() {
		names[pr.ID] = pr.Title(lang)
	}
	return names
}
