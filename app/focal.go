package app

import (
	"fmt"
	"image"
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/crop"
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

func (p *Page) openFocal(index int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		for _, f := range p.sess.files {
			if f.Index == index {
				p.focal = focalEditor{Index: index, Path: f.Path, URL: fileURL(index)}
				ctx.Defer(func(ctx app.Context) { ctx.ScrollTo("focal-editor") })
				return
			}
		}
	}
}

func (p *Page) closeFocal(ctx app.Context, e app.Event) { p.focal = focalEditor{Index: -1} }

// entry is the file being edited.
func (p *Page) focalEntry() *fileEntry {
	for i := range p.sess.files {
		if p.sess.files[i].Index == p.focal.Index {
			return &p.sess.files[i]
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
	p.setFocal(crop.Point{X: e.Get("offsetX").Float() / w, Y: e.Get("offsetY").Float() / h})
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
		p.focal = focalEditor{Index: -1}
		return
	default:
		return
	}
	p.setFocal(pt)
}

func (p *Page) setFocal(pt crop.Point) {
	if f := p.focalEntry(); f != nil && p.state != "running" {
		pt.X, pt.Y = math.Min(1, math.Max(0, pt.X)), math.Min(1, math.Max(0, pt.Y))
		f.Focal = &pt
	}
}

func (p *Page) resetFocal(ctx app.Context, e app.Event) {
	if f := p.focalEntry(); f != nil && p.state != "running" {
		f.Focal = nil
	}
}

// renderAfter shows, beside the photo as it is, what each ticked format
// will make of it: the previews, cut and branded, safe zones shaded. They
// follow the focal point as it moves.
func (p *Page) renderAfter(f *fileEntry) app.UI {
	it := p.previews.Items[f.Index]
	if it == nil || len(it.Images) == 0 {
		return app.P().ID("focal-after").Class("muted").Text(p.t("Making the previews…"))
	}
	return app.Div().ID("focal-after").Body(
		app.H3().Text(p.t("After")),
		app.Div().Class("preview-list large").Body(
			app.Range(it.Images).Slice(func(i int) app.UI {
				im := it.Images[i]
				pname := p.presetName(im.Preset)
				return app.Figure().Class("preview").DataSet("preset", im.Preset).Body(
					app.Img().Src(im.URL).Width(im.W).Height(im.H).Alt(pname+": "+f.Path),
					app.FigCaption().Text(pname),
				)
			}),
		),
	)
}

// cropOverlay draws, in the photo's own pixels, the crop of each ticked
// fixed-size format and the focal point: what the renderer will obey.
func (p *Page) cropOverlay(f *fileEntry) string {
	w, h := p.focal.W, p.focal.H
	if w <= 0 || h <= 0 {
		return ""
	}
	strategy, err := crop.Parse(p.choices.Crop)
	if err != nil {
		return ""
	}
	if f.Focal != nil {
		strategy = crop.Strategy{Kind: crop.Focal, Focal: *f.Focal}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" preserveAspectRatio="none" aria-hidden="true">`, w, h)
	stroke := max(2, w/300)
	if p.choices.Fit == "fill" && strategy.Kind != crop.Smart {
		for _, pr := range p.choices.chosen() {
			if pr.WidthOnly() {
				continue
			}
			r := strategy.Rect(image.Rect(0, 0, w, h), pr.Width, pr.Height, pr.Safe, nil).Rect
			fmt.Fprintf(&b, `<rect class="crop" x="%d" y="%d" width="%d" height="%d" stroke-width="%d"/>`,
				r.Min.X, r.Min.Y, r.Dx(), r.Dy(), stroke)
		}
	}
	if f.Focal != nil {
		x, y := int(f.Focal.X*float64(w)), int(f.Focal.Y*float64(h))
		fmt.Fprintf(&b, `<circle class="focal" cx="%d" cy="%d" r="%d" stroke-width="%d"/>`, x, y, max(6, w/60), stroke)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func (p *Page) renderFocal() app.UI {
	f := p.focalEntry()
	if p.focal.Index < 0 || f == nil {
		return app.Section().ID("focal-editor").Hidden(true)
	}
	note := p.t("Click or drag on the photo, or use the arrow keys, to set what every format keeps. The frames show each ticked format's crop.")
	switch {
	case p.choices.Fit != "fill":
		note = p.t("The whole photo is kept (no crop) with the current fit; a focal point matters when you fill the frame.")
	case p.choices.Crop == "smart" && f.Focal == nil:
		note = p.t("Smart framing decides when the pictures are made. Click to set a focal point instead.")
	}
	return app.Section().ID("focal-editor").Class("card").Aria("label", p.t("Focal point")).Body(
		app.Div().Class("row").Body(
			app.H2().Text(p.t("Focal point: %s", f.Path)),
			app.Button().ID("focal-close").Class("button secondary small").Text(p.t("Close")).OnClick(p.closeFocal),
		),
		app.P().Class("muted").Text(note),
		app.H3().Text(p.t("Before")),
		app.Div().ID("focal-frame").Class("focal-frame").TabIndex(0).Aria("label", p.t("photo: use the arrow keys to move the focal point")).
			OnKeyDown(p.focalKey).Body(
			app.Img().ID("focal-image").Src(p.focal.URL).Alt(f.Path).Draggable(false).OnLoad(p.focalLoaded).
				On("pointerdown", p.focalDown).On("pointermove", p.focalMove).
				On("pointerup", p.focalUp).On("pointerleave", p.focalUp),
			app.Raw(p.cropOverlay(f)),
		),
		p.renderAfter(f),
		app.Div().Class("actions").Body(
			app.Button().ID("focal-reset").Class("button secondary small").Disabled(f.Focal == nil).
				Text(p.t("Back to the batch's framing")).OnClick(p.resetFocal),
		),
	)
}
