package app

import (
	"maps"
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// settingsPanel is the settings sections — formats, framing, branding,
// output — and the owner of the batch's settings: the choices (the
// controls' values), the picked logo and font, the custom format form and
// the brand kits. It restores the remembered settings at mount, publishes
// them (stateSettings) at mount and on every change, and applies what other
// sections ask (actionEditSettings).
//
// Each section is locked while a batch runs: a disabled <fieldset>
// disables every control inside it. The four sit in one element drawn as
// nothing of its own (display: contents), so the page lays them out as
// its own sections.
type settingsPanel struct {
	app.Compo

	choices choices
	logo    upload
	font    upload
	custom  customForm
	kits    kitState
	bound   map[string]any // each drawn control's field, by element id (controls.go bind)

	lang  string // stateLang
	state string // the batch's phase (stateRun)
}

// newSettingsPanel starts with the defaults: the three formats our users
// asked for by name.
func newSettingsPanel() *settingsPanel {
	return &settingsPanel{choices: defaultChoices(), lang: "en", state: runIdle}
}

func (s *settingsPanel) t(en string, args ...any) string { return tr(s.lang, en, args...) }

// OnMount restores the remembered settings and the kit last used, and
// publishes the settings.
func (s *settingsPanel) OnMount(ctx app.Context) {
	var saved string
	if err := ctx.LocalStorage().Get(settingsKey, &saved); err == nil {
		s.choices = restoreChoices(saved)
	}
	ctx.ObserveState(stateLang, &s.lang)
	ctx.ObserveState(stateRun, &s.state)
	ctx.Handle(actionEditSettings, func(ctx app.Context, a app.Action) {
		e := a.Value.(settingsEdit)
		e.Edit(&s.choices)
		if e.Keep {
			s.remember(ctx)
		} else {
			s.publish(ctx)
		}
	})
	s.publish(ctx)
	s.loadKits(ctx)
}

// remember keeps the settings for the next visit, and publishes them.
func (s *settingsPanel) remember(ctx app.Context) {
	ctx.LocalStorage().Set(settingsKey, s.choices.save())
	s.saveKit(ctx)
	s.publish(ctx)
}

// publish shares the settings with the sections that read them
// (stateSettings): at mount, and on every change.
func (s *settingsPanel) publish(ctx app.Context) {
	ctx.SetState(stateSettings, s.batchSettings())
	ctx.Defer(s.clearEmptied)
}

// clearEmptied empties on screen each text field whose value is "" (but
// the one being typed in): go-app's Value("") writes no attribute, and
// removing one leaves an <input> showing its old text — a custom format's
// form after "Add", a layer's field after the layer before it is removed.
func (s *settingsPanel) clearEmptied(ctx app.Context) {
	doc := app.Window().Get("document")
	for id, dst := range s.bound {
		if p, ok := dst.(*string); ok && *p == "" {
			el := doc.Call("getElementById", id)
			if el.Truthy() && el.Get("type").String() == "text" && !el.Equal(doc.Get("activeElement")) && el.Get("value").String() != "" {
				el.Set("value", "")
			}
		}
	}
}

// batchSettings is what stateSettings carries; what the panel changes in
// place (the ticked formats, the layers) is cloned, or the readers' copy
// would change with it.
func (s *settingsPanel) batchSettings() batchSettings {
	c := s.choices
	c.Ticked, c.Custom, c.Layers = maps.Clone(c.Ticked), slices.Clone(c.Custom), slices.Clone(c.Layers)
	return batchSettings{Choices: c, Logo: s.logo, Font: s.font}
}

func (s *settingsPanel) Render() app.UI {
	lock := func(section app.UI) app.UI {
		return app.FieldSet().Class("lock").Disabled(s.state == runRunning).Body(section)
	}
	return app.Div().Class("settings-sections").Body(
		lock(s.renderPresets()),
		lock(s.renderFraming()),
		lock(s.renderBranding()),
		lock(s.renderOutput()),
	)
}
