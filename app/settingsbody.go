package app

import (
	"maps"
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// settingsBody is a settings section itself. Its controls are bound to the
// page's fields (each handler writes one), so it renders from the page; In
// is a copy of everything the settings sections show, and go-app renders a
// child component again only when its exported fields change: the section
// renders when a setting changes, never for a batch's progress.
type settingsBody struct {
	app.Compo

	Part string // "formats", "framing", "branding" or "output"
	In   settingsInputs

	page *Page // set once, when mounted
}

// settingsInputs is what the settings sections show.
type settingsInputs struct {
	Lang    string
	Choices choices
	Logo    upload // without its bytes: the name, preview and error show
	Font    upload
	Kits    kitState
	Custom  customForm
}

// settingsInputs copies the page's settings; what the page changes in
// place (the ticked formats, the kits' names) is cloned, or the copy would
// change with it.
func (p *Page) settingsInputs() settingsInputs {
	c := p.choices
	c.Ticked, c.Custom, c.Layers = maps.Clone(c.Ticked), slices.Clone(c.Custom), slices.Clone(c.Layers)
	kits := p.kits
	kits.List = slices.Clone(kits.List)
	logo, font := p.logo, p.font
	logo.Data, font.Data = nil, nil
	return settingsInputs{Lang: p.lang, Choices: c, Logo: logo, Font: font, Kits: kits, Custom: p.custom}
}

func (s *settingsBody) Render() app.UI {
	switch s.Part {
	case "formats":
		return s.page.renderPresets()
	case "framing":
		return s.page.renderFraming()
	case "branding":
		return s.page.renderBranding()
	default:
		return s.page.renderOutput()
	}
}
