package app

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/crop"
	"picmark/internal/job"
)

// focalEditor shows one photo large, lets the marketer click (or use the
// arrow keys) to set its focal point, and draws where each ticked format
// will crop it. The browser draws the photo itself from the File: no pixel
// of it enters Go on this thread.
type focalEditor struct {
	Index int // the file's glue index; -1 when closed
	Path  string
	URL   string
	W, H  int  // the photo's upright size, once the browser has loaded it
	Drag  bool // a pointer is pressed on the photo: the point follows it
}

// focalStep is how far an arrow key moves the point.
const focalStep = 0.02

// openFocal opens the focal point editor on a photo, from wherever the
// photo is shown (actionOpenFocal).
func openFocal(ctx app.Context, index int) { ctx.NewActionWithValue(actionOpenFocal, index) }

// openFocalHere is a photo's button to its focal point editor: the photo
// is the button's data-index. A rendered element keeps its first handler
// while its handler comes from the same function (go-app compares their
// code, not what they captured), and a windowed list shows other photos in
// the same elements as it scrolls: a handler that held its photo's index
// would open the photo its element showed first. Every handler of a
// list's row reads its row from the element so.
func openFocalHere(ctx app.Context, e app.Event) {
	if index, ok := dataInt(ctx, "index"); ok {
		openFocal(ctx, index)
	}
}

// dataInt is the number the event's element holds in its data-key.
func dataInt(ctx app.Context, key string) (int, bool) {
	n, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get(key).String())
	return n, err == nil
}

func (c *focalPanel) onOpen(ctx app.Context, a app.Action) {
	index := a.Value.(int)
	f := entryOf(c.files, index)
	if f == nil {
		return
	}
	c.editor = focalEditor{Index: index, Path: f.Path}
	// The page may hold no File for the photo (web/js/intake.js): its URL
	// comes once the browser has opened it.
	ctx.Async(func() {
		url := fileURL(index)
		ctx.Dispatch(func(ctx app.Context) {
			if c.editor.Index == index {
				c.editor.URL = url
			}
		})
	})
	c.own = nil
	c.from = focusedElement()
	ctx.SetState(stateFocal, index)
	c.showModal(ctx)
}

// closeFocal closes the editor (its Close button, or Escape: the dialog's
// close event) and gives keyboard focus back to where it was when it
// opened: the photo's row, or the preview clicked.
func (c *focalPanel) closeFocal(ctx app.Context, e app.Event) {
	if c.editor.Index < 0 {
		return
	}
	c.close(ctx)
	from := c.from
	c.from = nil
	closeDialog("focal-editor") // the page is inert, and cannot take focus, while it is open
	ctx.Defer(func(app.Context) { focusBack(from) })
}

func (c *focalPanel) close(ctx app.Context) {
	c.editor, c.own = focalEditor{Index: -1}, nil
	ctx.SetState(stateFocal, -1)
}

// entryOf is the file with that glue index, or nil. Read it only: the
// list is replaced, never changed in place (session.setFocal).
func entryOf(files fileSet, index int) *fileEntry {
	if index < 0 {
		return nil // none (previewGrid asks at each render)
	}
	for i := range files.All {
		if files.All[i].Index == index {
			return &files.All[i]
		}
	}
	return nil
}

// entry is the file being edited.
func (c *focalPanel) entry() *fileEntry { return entryOf(c.files, c.editor.Index) }

func (c *focalPanel) loaded(ctx app.Context, e app.Event) {
	img := ctx.JSSrc()
	c.editor.W, c.editor.H = img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int()
}

// at sets the point where the pointer is on the photo.
func (c *focalPanel) at(ctx app.Context, e app.Event) {
	img := ctx.JSSrc()
	w, h := img.Get("clientWidth").Float(), img.Get("clientHeight").Float()
	if w <= 0 || h <= 0 {
		return
	}
	c.setFocal(ctx, crop.Point{X: e.Get("offsetX").Float() / w, Y: e.Get("offsetY").Float() / h})
}

// A click, or a drag: the point follows a pressed pointer.
func (c *focalPanel) down(ctx app.Context, e app.Event) {
	c.editor.Drag = true
	c.at(ctx, e)
}

func (c *focalPanel) move(ctx app.Context, e app.Event) {
	if c.editor.Drag {
		c.at(ctx, e)
	}
}

func (c *focalPanel) up(ctx app.Context, e app.Event) { c.editor.Drag = false }

func (c *focalPanel) key(ctx app.Context, e app.Event) {
	f := c.entry()
	if f == nil {
		return
	}
	pt := crop.Point{X: 0.5, Y: 0.5}
	if f.Focal != nil {
		pt = *f.Focal
	}
	switch e.Get("key").String() {
	case "ArrowLeft":
		pt.X -= focalStep
	case "ArrowRight":
		pt.X += focalStep
	case "ArrowUp":
		pt.Y -= focalStep
	case "ArrowDown":
		pt.Y += focalStep
	case "Escape":
		c.closeFocal(ctx, e)
		return
	default:
		return
	}
	c.setFocal(ctx, pt)
}

// setFocal asks the session's owner to set the photo's point
// (actionSetFocal).
func (c *focalPanel) setFocal(ctx app.Context, pt crop.Point) {
	if f := c.entry(); f != nil && c.state != runRunning {
		pt.X, pt.Y = math.Min(1, math.Max(0, pt.X)), math.Min(1, math.Max(0, pt.Y))
		ctx.NewActionWithValue(actionSetFocal, photoFocal{Index: f.Index, Point: &pt})
	}
}

func (c *focalPanel) reset(ctx app.Context, e app.Event) {
	if f := c.entry(); f != nil && c.state != runRunning {
		ctx.NewActionWithValue(actionSetFocal, photoFocal{Index: f.Index})
	}
}

// words are the photo's words for each of the kit's text layers.
func (c *focalPanel) words(f fileEntry) []wordField {
	texts := c.settings.settings().Kit.Texts
	if len(texts) == 0 {
		return nil
	}
	var caps []job.Caption
	if st := c.story.Story; st != nil {
		caps = st.Captions(photoIndex(c.files.Photos, f.Index))
	}
	out := make([]wordField, len(texts))
	for k := range texts {
		out[k].K = k
		if k < len(caps) {
			out[k].Sheet = caps[k].Text
			if n := caps[k].Note; n != nil {
				out[k].Note = n.Say(c.lang)
			}
		}
		if k < len(f.Words) {
			out[k].Own = f.Words[k]
		}
		if own, ok := c.own[k]; ok {
			out[k].Own = own
		}
	}
	return out
}

// editWords takes the words typed for text layer k on the photo being
// edited, and asks the session's owner to keep them (actionSetWords). The
// panel keeps its own copy meanwhile: a frame rendered before the answer
// comes back must not put older words in the field being typed in.
func (c *focalPanel) editWords(k int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if f := c.entry(); f != nil && c.state != runRunning {
			text := ctx.JSSrc().Get("value").String()
			if c.own == nil {
				c.own = map[int]string{}
			}
			c.own[k] = text
			ctx.NewActionWithValue(actionSetWords, photoWords{Index: f.Index, K: k, Text: text})
		}
	}
}
