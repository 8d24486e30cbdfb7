package app

import (
	"math"

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
func openFocal(index int) app.EventHandler {
	return func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionOpenFocal, index) }
}

func (p *Page) onOpenFocal(ctx app.Context, a app.Action) {
	index := a.Value.(int)
	for _, f := range p.files.All {
		if f.Index == index {
			p.focal = focalEditor{Index: index, Path: f.Path, URL: fileURL(index)}
			p.focalFrom = focusedElement()
			return
		}
	}
}

// closeFocal closes the editor (its Close button, or Escape: the dialog's
// close event) and gives keyboard focus back to where it was when it
// opened: the photo's row, or the preview clicked.
func (p *Page) closeFocal(ctx app.Context, e app.Event) {
	if p.focal.Index < 0 {
		return
	}
	p.focal = focalEditor{Index: -1}
	from := p.focalFrom
	p.focalFrom = nil
	closeDialog("focal-editor") // the page is inert, and cannot take focus, while it is open
	ctx.Defer(func(app.Context) { focusBack(from) })
}

// focalEntry is the file being edited. Read it only: the list is replaced,
// never changed in place (session.setFocal).
func (p *Page) focalEntry() *fileEntry {
	for i := range p.files.All {
		if p.files.All[i].Index == p.focal.Index {
			return &p.files.All[i]
		}
	}
	return nil
}

func (p *Page) focalLoaded(ctx app.Context, e app.Event) {
	img := ctx.JSSrc()
	p.focal.W, p.focal.H = img.Get("naturalWidth").Int(), img.Get("naturalHeight").Int()
}

// focalAt sets the point where the pointer is on the photo.
func (p *Page) focalAt(ctx app.Context, e app.Event) {
	img := ctx.JSSrc()
	w, h := img.Get("clientWidth").Float(), img.Get("clientHeight").Float()
	if w <= 0 || h <= 0 {
		return
	}
	p.setFocal(ctx, crop.Point{X: e.Get("offsetX").Float() / w, Y: e.Get("offsetY").Float() / h})
}

// A click, or a drag: the point follows a pressed pointer.
func (p *Page) focalDown(ctx app.Context, e app.Event) {
	p.focal.Drag = true
	p.focalAt(ctx, e)
}

func (p *Page) focalMove(ctx app.Context, e app.Event) {
	if p.focal.Drag {
		p.focalAt(ctx, e)
	}
}

func (p *Page) focalUp(ctx app.Context, e app.Event) { p.focal.Drag = false }

func (p *Page) focalKey(ctx app.Context, e app.Event) {
	f := p.focalEntry()
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
		p.closeFocal(ctx, e)
		return
	default:
		return
	}
	p.setFocal(ctx, pt)
}

// setFocal asks the session's owner to set the photo's point
// (actionSetFocal).
func (p *Page) setFocal(ctx app.Context, pt crop.Point) {
	if f := p.focalEntry(); f != nil && p.state != runRunning {
		pt.X, pt.Y = math.Min(1, math.Max(0, pt.X)), math.Min(1, math.Max(0, pt.Y))
		ctx.NewActionWithValue(actionSetFocal, photoFocal{Index: f.Index, Point: &pt})
	}
}

func (p *Page) resetFocal(ctx app.Context, e app.Event) {
	if f := p.focalEntry(); f != nil && p.state != runRunning {
		ctx.NewActionWithValue(actionSetFocal, photoFocal{Index: f.Index})
	}
}

// focalInputs is the focal point editor with its inputs, from the page's
// state; closed, it has none.
func (p *Page) focalInputs() *focalPanel {
	c := &focalPanel{Lang: p.lang, Touch: p.touch, page: p}
	f := p.focalEntry()
	if p.focal.Index < 0 || f == nil {
		return c
	}
	c.Open, c.Editor, c.Entry = true, p.focal, *f
	c.Crop, c.Fit, c.Chosen = p.choices.Crop, p.choices.Fit, p.choices.chosen()
	if it := p.previews.Items[f.Index]; it != nil {
		c.After = it.Images
	}
	c.Names = p.formatNames()
	c.Words = p.photoWords(*f)
	return c
}

// photoWords are the photo's words for each of the kit's text layers.
func (p *Page) photoWords(f fileEntry) []wordField {
	texts := p.choices.settings(p.logo, p.font).Kit.Texts
	if len(texts) == 0 {
		return nil
	}
	st, _ := p.story()
	var caps []job.Caption
	if st != nil {
		caps = st.Captions(p.photoIndex(f.Index))
	}
	out := make([]wordField, len(texts))
	for k := range texts {
		out[k].K = k
		if k < len(caps) {
			out[k].Sheet = caps[k].Text
			if n := caps[k].Note; n != nil {
				out[k].Note = n.Say(p.lang)
			}
		}
		if k < len(f.Words) {
			out[k].Own = f.Words[k]
		}
	}
	return out
}

// editWords takes the words typed for text layer k on the photo being
// edited.
func (p *Page) editWords(k int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if f := p.focalEntry(); f != nil && p.state != runRunning {
			ctx.NewActionWithValue(actionSetWords, photoWords{Index: f.Index, K: k, Text: ctx.JSSrc().Get("value").String()})
		}
	}
}
