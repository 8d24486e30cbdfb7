package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/brand"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/preset"
	"picmark/internal/settings"
)

// choices are the batch settings the marketer picks on the page, as plain
// values for the controls (settings.Form). They become a job.Settings —
// the same document the command line builds — when a batch starts, through
// settings.Table, and are remembered in the browser.
type choices struct{ settings.Form }

// upload is a file the user picked for the kit: the logo or a font.
type upload struct {
	Name  string
	Data  []byte
	URL   string // preview
	Error said
}

const settingsKey = "picmark.settings.v1"

func defaultChoices() choices { return choices{settings.DefaultForm()} }

// restoreChoices reads the remembered settings; anything unreadable gives
// the defaults.
func restoreChoices(saved string) choices { return choices{settings.Restore(saved)} }

func (c choices) save() string { return c.Save() }

// presets lists every format the page offers: the built-ins, then the user's.
func (c choices) presets() []preset.Preset { return c.Presets() }

// chosen lists the ticked formats, in the page's order.
func (c choices) chosen() []preset.Preset { return c.Chosen() }

// settings builds the batch's settings from the choices and the uploads.
func (c choices) settings(logo, font upload) job.Settings {
	return c.Doc(settings.Uploads{Logo: logo.Data, Font: font.Data})
}

// applyKit sets the page's branding (and formats) from a brand kit file.
func (c *choices) applyKit(f *brand.File) (logo, font upload) {
	up := c.ApplyKit(f)
	if len(up.Logo) > 0 {
		logo = upload{Name: "logo", Data: up.Logo}
	}
	if len(up.Font) > 0 {
		font = upload{Name: "font", Data: up.Font}
	}
	return logo, font
}

// maxUploadBytes keeps a mistaken pick (a 40 MB photo as a logo) out of memory.
const maxUploadBytes = 10 << 20

// togglePreset ticks a format: the checkbox's value (see openFocalHere).
func (s *settingsPanel) togglePreset(ctx app.Context, e app.Event) {
	s.choices.Ticked[ctx.JSSrc().Get("value").String()] = ctx.JSSrc().Get("checked").Bool()
	s.remember(ctx)
}

// pickUpload reads a picked logo or font file. An SVG logo is drawn by the
// browser into a PNG first: picmark never inserts SVG markup into the page.
func (s *settingsPanel) pickUpload(dst *upload, kind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		file, name, fileSize, ok := picked(ctx)
		if !ok {
			return
		}
		if fileSize > maxUploadBytes {
			small := "%s is %s: a logo should be a small file (under %s)."
			if kind == "font" {
				small = "%s is %s: a font should be a small file (under %s)."
			}
			dst.Error = tell(small, name, size(fileSize), size(maxUploadBytes))
			return
		}
		svg := kind == "logo" && (file.Get("type").String() == "image/svg+xml" || strings.HasSuffix(strings.ToLower(name), ".svg"))
		ctx.Async(func() {
			var data []byte
			var err error
			if svg {
				data, err = rasterizeSVG(file)
			} else {
				data, err = readFile(file)
			}
			ctx.Dispatch(func(ctx app.Context) {
				*dst = checkUpload(kind, name, data, err)
				if dst.Error.empty() && kind == "logo" {
					dst.URL = objectURL(file)
				}
				s.saveKit(ctx)
				s.publish(ctx)
			})
		})
	}
}

// checkUpload says whether a picked file can serve as a logo or a font.
func checkUpload(kind, name string, data []byte, err error) upload {
	u := upload{Name: name, Data: data}
	switch {
	case err != nil:
		u = upload{Error: tell("%s could not be read (%v): check it opens on this device.", name, err)}
	case kind == "logo":
		if f, err := imgio.Sniff(data); err != nil || (f != imgio.PNG && f != imgio.JPEG && f != imgio.WebP) {
			u = upload{Error: tell("%s is not a PNG, JPEG, WebP or SVG: export the logo as a PNG with transparency.", name)}
		}
	case kind == "font":
		if !isFont(data) {
			u = upload{Error: tell("%s is not a TrueType or OpenType font: choose a .ttf or .otf file.", name)}
		}
	}
	return u
}

// isFont recognises TrueType and OpenType files by their first bytes.
func isFont(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch string(b[:4]) {
	case "\x00\x01\x00\x00", "OTTO", "true", "ttcf":
		return true
	}
	return false
}

func (s *settingsPanel) removeUpload(dst *upload) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = upload{}
		s.saveKit(ctx)
		s.publish(ctx)
	}
}
