package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/preset"
)

// customForm is the "add your own format" form: plain text fields, checked
// by the same rules as a custom presets file (preset.CheckCustom).
type customForm struct {
	Name, Width, Height, CapMB string
	Top, Right, Bottom, Left   string
	Error                      said
}

func (s *settingsPanel) isCustom(id string) bool {
	for _, c := range s.choices.Custom {
		if c.ID == id {
			return true
		}
	}
	return false
}

// slug turns a format's name into an id: "Shop banner 2" → "shop-banner-2".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// preset reads the form into a preset; a problem says which field to fix.
func (f customForm) preset() (preset.Preset, said) {
	num := func(field, s string, zeroOK bool) (int, said) {
		s = strings.TrimSpace(s)
		if s == "" && zeroOK {
			return 0, said{}
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, tell("%s: write a whole number of pixels, like 1080", tell(field))
		}
		return n, said{}
	}
	p := preset.Preset{ID: slug(f.Name), Name: strings.TrimSpace(f.Name), Platform: "Custom"}
	if p.ID == "" {
		return p, tell("Give the format a name, like “Shop banner”.")
	}
	var problem said
	if p.Width, problem = num("width", f.Width, false); !problem.empty() {
		return p, problem
	}
	if p.Height, problem = num("height", f.Height, true); !problem.empty() {
		return p, problem
	}
	mb, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(f.CapMB), ",", "."), 64)
	if err != nil || mb <= 0 {
		return p, tell("Size limit: write the platform's file size limit in MB, like 8.")
	}
	p.MaxBytes = int64(mb * (1 << 20))
	for _, side := range []struct {
		name string
		s    string
		dst  *int
	}{{"top margin", f.Top, &p.Safe.Top}, {"right margin", f.Right, &p.Safe.Right},
		{"bottom margin", f.Bottom, &p.Safe.Bottom}, {"left margin", f.Left, &p.Safe.Left}} {
		if *side.dst, problem = num(side.name, side.s, true); !problem.empty() {
			return p, problem
		}
	}
	return p, said{}
}

func (s *settingsPanel) addCustom(ctx app.Context, e app.Event) {
	np, problem := s.custom.preset()
	if !problem.empty() {
		s.custom.Error = problem
		return
	}
	all, err := preset.CheckCustom(append(append([]preset.Preset{}, s.choices.Custom...), np))
	if err != nil {
		s.custom.Error = tell("This format cannot be added: %s.", err)
		return
	}
	s.choices.Custom = all
	s.choices.Ticked[np.ID] = true
	s.custom = customForm{}
	s.remember(ctx)
}

// removeCustom removes the button's format (its data-id: see
// openFocalHere).
func (s *settingsPanel) removeCustom(ctx app.Context, e app.Event) {
	id := ctx.JSSrc().Get("dataset").Get("id").String()
	var keep []preset.Preset
	for _, c := range s.choices.Custom {
		if c.ID != id {
			keep = append(keep, c)
		}
	}
	s.choices.Custom = keep
	delete(s.choices.Ticked, id)
	s.remember(ctx)
}

func (s *settingsPanel) customField(id, label, placeholder string, dst *string) app.UI {
	s.bind(id, dst) // for clearEmptied
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(s.t(label)),
		app.Input().Type("text").ID(id).Value(*dst).Placeholder(s.t(placeholder)).
			OnChange(func(ctx app.Context, e app.Event) { *dst = ctx.JSSrc().Get("value").String() }),
	)
}

func (s *settingsPanel) renderCustomForm() app.UI {
	f := &s.custom
	return app.Details().ID("custom-format").Open(!f.Error.empty()).Body(
		app.Summary().Text(s.t("Add your own format")),
		app.Div().Class("fields").Body(
			s.customField("custom-name", "Name", "Shop banner", &f.Name),
			s.customField("custom-width", "Width (px)", "1200", &f.Width),
			s.customField("custom-height", "Height (px, empty: keep the photo's)", "628", &f.Height),
			s.customField("custom-cap", "Size limit (MB)", "8", &f.CapMB),
			s.customField("custom-top", "Keep clear at the top (px)", "0", &f.Top),
			s.customField("custom-right", "… right (px)", "0", &f.Right),
			s.customField("custom-bottom", "… bottom (px)", "0", &f.Bottom),
			s.customField("custom-left", "… left (px)", "0", &f.Left),
		),
		app.Button().ID("custom-add").Class("button secondary").Text(s.t("Add this format")).OnClick(s.addCustom),
		app.If(!f.Error.empty(), func() app.UI {
			return app.P().ID("custom-error").Class("error").Attr("role", "alert").Text(f.Error.in(s.lang))
		}),
	)
}
