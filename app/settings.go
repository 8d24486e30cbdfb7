package app

import (
	"picmark/internal/brand"
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
	Error string
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
