package app

import (
	"fmt"
	"image"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/crop"
)

// focalPanel is the focal point editor (focal.go holds its handlers): one
// photo large, the crop of each ticked format drawn over it, and beside it
// the previews as the formats will make it (stateFocalPreviews). It is
// opened from wherever a photo is shown (actionOpenFocal), publishes which
// photo it shows (stateFocal), and asks the session's owner to change the
// photo's point and words (actionSetFocal, actionSetWords).
type focalPanel struct {
	app.Compo

	editor focalEditor
	own    map[int]string // the words typed on this photo, by text layer, until the editor closes
	from   app.Value      // had keyboard focus when the editor opened: it gets it back (focaldialog.go)
	touch  bool           // a phone or a tablet

	// Read from the other sections (state.go).
	lang     string
	settings batchSettings
	files    fileSet
	story    storyState
	state    string
	after    []wire.PreviewImage // the photo's previews
	cleared  int                 // files.Cleared when last seen
}

func newFocalPanel() *focalPanel {
	return &focalPanel{editor: focalEditor{Index: -1}, lang: "en", settings: batchSettings{Choices: defaultChoices()}, state: runIdle, touch: touchDevice()}
}

func (c *focalPanel) OnMount(ctx app.Context) {
	ctx.ObserveState(stateLang, &c.lang)
	ctx.ObserveState(stateSettings, &c.settings)
	ctx.ObserveState(stateStory, &c.story)
	ctx.ObserveState(stateRun, &c.state)
	ctx.ObserveState(stateFocalPreviews, &c.after)
	ctx.ObserveState(stateFiles, &c.files).OnChange(func() {
		if c.files.Cleared != c.cleared { // the glue numbers files from 0 again
			c.cleared = c.files.Cleared
			c.close(ctx)
		}
	})
	ctx.Handle(actionOpenFocal, c.onOpen)
	ctx.SetState(stateFocal, -1)
}

func (c *focalPanel) t(en string, args ...any) string { return tr(c.lang, en, args...) }

func (c *focalPanel) Render() app.UI {
	f := c.entry()
	if c.editor.Index < 0 || f == nil {
		return app.Section().ID("focal-editor").Hidden(true)
	}
	ch := &c.settings.Choices
	note := c.t(device(c.touch, "Click or drag on the photo, or use the arrow keys, to set what every format keeps. The frames show each ticked format's crop.",
		"Tap or drag on the photo to set what every format keeps. The frames show each ticked format's crop."))
	if ch.Fit != "fill" {
		note = c.t("The whole photo is kept (no crop) with the current fit; a focal point matters when you fill the frame.")
	}
	// Said under the photo: a click sets a point and this goes, and the
	// photo must not move under the pointer while it is pressed.
	smart := ch.Fit == "fill" && ch.Crop == "smart" && f.Focal == nil
	// A modal dialog over the page where the marketer is: the page does not
	// jump to it, and closing it goes back to the photo (focaldialog.go).
	return app.Dialog().ID("focal-editor").Class("card focal-dialog").Aria("label", c.t("Focal point")).On("close", c.closeFocal).Body(
		app.Div().Class("row").Body(
			app.H2().Text(c.t("Focal point: %s", f.Path)),
			app.Button().ID("focal-close").Class("button secondary small").Text(c.t("Close")).OnClick(c.closeFocal),
		),
		app.P().Class("muted").Text(note),
		app.H3().Text(c.t("Before")),
		// autofocus: the dialog opens on the photo, where the arrow keys move
		// the point (and the Enter that opened it cannot press Close).
		app.Div().ID("focal-frame").Class("focal-frame").TabIndex(0).Attr("autofocus", true).Aria("label", c.t(device(c.touch, "photo: use the arrow keys to move the focal point", "photo: tap to move the focal point"))).
			OnKeyDown(c.key).Body(
			app.Img().ID("focal-image").Src(c.editor.URL).Alt(f.Path).Draggable(false).OnLoad(c.loaded).
				On("pointerdown", c.down).On("pointermove", c.move).
				On("pointerup", c.up).On("pointerleave", c.up),
			app.Raw(c.cropOverlay(*f)),
		),
		app.If(smart, func() app.UI {
			return app.P().ID("focal-smart").Class("muted").Text(c.t(device(c.touch, "Smart framing decides when the pictures are made. Click to set a focal point instead.",
				"Smart framing decides when the pictures are made. Tap to set a focal point instead.")))
		}),
		c.renderAfter(f.Path),
		c.renderWords(c.words(*f)),
		app.Div().Class("actions").Body(
			app.Button().ID("focal-reset").Class("button secondary small").Disabled(f.Focal == nil).
				Text(c.t("Back to the batch's framing")).OnClick(c.reset),
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
func (c *focalPanel) renderWords(words []wordField) app.UI {
	if len(words) == 0 {
		return app.Div().ID("photo-words").Hidden(true)
	}
	return app.Div().ID("photo-words").Body(
		app.H3().Text(c.t("Texts on this photo")),
		app.Div().Class("fields").Body(
			app.Range(words).Slice(func(i int) app.UI {
				w := words[i]
				id := fmt.Sprintf("photo-text-%d", w.K+1)
				hint := w.Sheet
				if hint == "" {
					hint = w.Note
				}
				return app.Div().Class("field wide").Body(
					app.Label().For(id).Text(c.t("Text %d", w.K+1)),
					app.Input().Type("text").ID(id).Value(w.Own).Placeholder(hint).OnInput(c.editWords(w.K)),
				)
			}),
		),
		app.P().Class("muted").Text(c.t("Empty: the words the sheet gives this photo (shown in grey).")),
	)
}

// renderAfter shows, beside the photo as it is, what each ticked format
// will make of it: the previews, cut and branded, safe zones shaded. They
// follow the focal point as it moves.
func (c *focalPanel) renderAfter(path string) app.UI {
	if len(c.after) == 0 {
		return app.P().ID("focal-after").Class("muted").Text(c.t("Making the previews…"))
	}
	names := formatNames(c.settings.Choices, c.lang)
	return app.Div().ID("focal-after").Body(
		app.H3().Text(c.t("After")),
		app.Div().Class("preview-list large").Body(
			app.Range(c.after).Slice(func(i int) app.UI {
				im := c.after[i]
				pname := formatName(names, im.Preset)
				return app.Figure().Class("preview").DataSet("preset", im.Preset).Body(
					app.Img().Src(im.URL).Width(im.W).Height(im.H).Alt(c.t("%s: %s", pname, path)),
					app.FigCaption().Text(pname),
				)
			}),
		),
	)
}

// cropOverlay draws, in the photo's own pixels, the crop of each ticked
// fixed-size format and the focal point: what the renderer will obey.
func (c *focalPanel) cropOverlay(f fileEntry) string {
	w, h, ch := c.editor.W, c.editor.H, &c.settings.Choices
	if w <= 0 || h <= 0 {
		return ""
	}
	strategy, err := crop.Parse(ch.Crop)
	if err != nil {
		return ""
	}
	focal := f.Focal
	if focal != nil {
		strategy = crop.Strategy{Kind: crop.Focal, Focal: *focal}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" preserveAspectRatio="none" aria-hidden="true">`, w, h)
	stroke := max(2, w/300)
	if ch.Fit == "fill" && strategy.Kind != crop.Smart {
		for _, pr := range ch.chosen() {
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
