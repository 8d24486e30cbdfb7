package app

import (
	"fmt"
	"image"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/crop"
	"picmark/internal/preset"
)

// focalPanel is the focal point editor (focal.go holds its state and
// handlers): one photo large, the crop of each ticked format drawn over it,
// and beside it the previews as the formats will make it.
type focalPanel struct {
	app.Compo

	Open   bool
	Editor focalEditor
	Entry  fileEntry // the photo being edited
	Crop   string    // the batch's framing
	Fit    string
	Chosen []preset.Preset     // the ticked formats
	After  []wire.PreviewImage // the photo's previews
	Names  map[string]string   // the formats' names, by id
	Words  []wordField         // the photo's words for each text layer
	Lang   string
	Touch  bool // a phone or a tablet

	page *Page // for the handlers: set once, when mounted
}

func (c *focalPanel) t(en string, args ...any) string { return tr(c.Lang, en, args...) }

func (c *focalPanel) Render() app.UI {
	if !c.Open {
		return app.Section().ID("focal-editor").Hidden(true)
	}
	f, p := &c.Entry, c.page
	note := c.t(device(c.Touch, "Click or drag on the photo, or use the arrow keys, to set what every format keeps. The frames show each ticked format's crop.",
		"Tap or drag on the photo to set what every format keeps. The frames show each ticked format's crop."))
	if c.Fit != "fill" {
		note = c.t("The whole photo is kept (no crop) with the current fit; a focal point matters when you fill the frame.")
	}
	// Said under the photo: a click sets a point and this goes, and the
	// photo must not move under the pointer while it is pressed.
	smart := c.Fit == "fill" && c.Crop == "smart" && f.Focal == nil
	// A modal dialog over the page where the marketer is: the page does not
	// jump to it, and closing it goes back to the photo (focaldialog.go).
	return app.Dialog().ID("focal-editor").Class("card focal-dialog").Aria("label", c.t("Focal point")).On("close", p.closeFocal).Body(
		app.Div().Class("row").Body(
			app.H2().Text(c.t("Focal point: %s", f.Path)),
			app.Button().ID("focal-close").Class("button secondary small").Text(c.t("Close")).OnClick(p.closeFocal),
		),
		app.P().Class("muted").Text(note),
		app.H3().Text(c.t("Before")),
		// autofocus: the dialog opens on the photo, where the arrow keys move
		// the point (and the Enter that opened it cannot press Close).
		app.Div().ID("focal-frame").Class("focal-frame").TabIndex(0).Attr("autofocus", true).Aria("label", c.t(device(c.Touch, "photo: use the arrow keys to move the focal point", "photo: tap to move the focal point"))).
			OnKeyDown(p.focalKey).Body(
			app.Img().ID("focal-image").Src(c.Editor.URL).Alt(f.Path).Draggable(false).OnLoad(p.focalLoaded).
				On("pointerdown", p.focalDown).On("pointermove", p.focalMove).
				On("pointerup", p.focalUp).On("pointerleave", p.focalUp),
			app.Raw(c.cropOverlay()),
		),
		app.If(smart, func() app.UI {
			return app.P().ID("focal-smart").Class("muted").Text(c.t(device(c.Touch, "Smart framing decides when the pictures are made. Click to set a focal point instead.",
				"Smart framing decides when the pictures are made. Tap to set a focal point instead.")))
		}),
		c.renderAfter(),
		c.renderWords(),
		app.Div().Class("actions").Body(
			app.Button().ID("focal-reset").Class("button secondary small").Disabled(f.Focal == nil).
				Text(c.t("Back to the batch's framing")).OnClick(p.resetFocal),
		),
	)
}

// wordField is one text layer's words on the photo being edited.
type wordField struct {
	K     int    // the kit's text index
	Own   string // the user's words for this photo; "" keeps the sheet's
	Sheet string // the words the sheet (or the template) gives it
	Note  string // why the sheet gives none, in the page's language
}

// renderWords lets the marketer change a text layer's words on this photo
// alone, as a focal point: the previews follow as it is typed.
func (c *focalPanel) renderWords() app.UI {
	if len(c.Words) == 0 {
		return app.Div().ID("photo-words").Hidden(true)
	}
	p := c.page
	return app.Div().ID("photo-words").Body(
		app.H3().Text(c.t("Texts on this photo")),
		app.Div().Class("fields").Body(
			app.Range(c.Words).Slice(func(i int) app.UI {
				w := c.Words[i]
				id := fmt.Sprintf("photo-text-%d", w.K+1)
				hint := w.Sheet
				if hint == "" {
					hint = w.Note
				}
				return app.Div().Class("field wide").Body(
					app.Label().For(id).Text(c.t("Text %d", w.K+1)),
					app.Input().Type("text").ID(id).Value(w.Own).Placeholder(hint).OnInput(p.editWords(w.K)),
				)
			}),
		),
		app.P().Class("muted").Text(c.t("Empty: the words the sheet gives this photo (shown in grey).")),
	)
}

// renderAfter shows, beside the photo as it is, what each ticked format
// will make of it: the previews, cut and branded, safe zones shaded. They
// follow the focal point as it moves.
func (c *focalPanel) renderAfter() app.UI {
	if len(c.After) == 0 {
		return app.P().ID("focal-after").Class("muted").Text(c.t("Making the previews…"))
	}
	return app.Div().ID("focal-after").Body(
		app.H3().Text(c.t("After")),
		app.Div().Class("preview-list large").Body(
			app.Range(c.After).Slice(func(i int) app.UI {
				im := c.After[i]
				pname := formatName(c.Names, im.Preset)
				return app.Figure().Class("preview").DataSet("preset", im.Preset).Body(
					app.Img().Src(im.URL).Width(im.W).Height(im.H).Alt(c.t("%s: %s", pname, c.Entry.Path)),
					app.FigCaption().Text(pname),
				)
			}),
		),
	)
}

// cropOverlay draws, in the photo's own pixels, the crop of each ticked
// fixed-size format and the focal point: what the renderer will obey.
func (c *focalPanel) cropOverlay() string {
	w, h := c.Editor.W, c.Editor.H
	if w <= 0 || h <= 0 {
		return ""
	}
	strategy, err := crop.Parse(c.Crop)
	if err != nil {
		return ""
	}
	focal := c.Entry.Focal
	if focal != nil {
		strategy = crop.Strategy{Kind: crop.Focal, Focal: *focal}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" preserveAspectRatio="none" aria-hidden="true">`, w, h)
	stroke := max(2, w/300)
	if c.Fit == "fill" && strategy.Kind != crop.Smart {
		for _, pr := range c.Chosen {
			if pr.WidthOnly() {
				continue
			}
			r := strategy.Rect(image.Rect(0, 0, w, h), pr.Width, pr.Height, pr.Safe, nil).Rect
			fmt.Fprintf(&b, `<rect class="crop" x="%d" y="%d" width="%d" height="%d" stroke-width="%d"/>`,
				r.Min.X, r.Min.Y, r.Dx(), r.Dy(), stroke)
		}
	}
	if focal != nil {
		x, y := int(focal.X*float64(w)), int(focal.Y*float64(h))
		fmt.Fprintf(&b, `<circle class="focal" cx="%d" cy="%d" r="%d" stroke-width="%d"/>`, x, y, max(6, w/60), stroke)
	}
	b.WriteString(`</svg>`)
	return b.String()
}
