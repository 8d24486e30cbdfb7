package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// settingsSection is one of the sections whose controls write the batch's
// settings (formats, framing, branding, output), locked while a batch runs:
// a disabled <fieldset> disables every control inside it, so starting or
// ending a batch changes one attribute here and renders nothing of the
// section itself (settingsBody, whose inputs do not change).
type settingsSection struct {
	app.Compo

	Part    string // "formats", "framing", "branding" or "output"
	Running bool
	In      settingsInputs

	page *Page // set once, when mounted
}

func (s *settingsSection) Render() app.UI {
	return app.FieldSet().Class("lock").Disabled(s.Running).Body(
		&settingsBody{Part: s.Part, In: s.In, page: s.page},
	)
}
