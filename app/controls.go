package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/msg"
	"picmark/internal/settings"
)

// controls.go draws the settings' simple controls from settings.Table's
// and settings.LayerTable's descriptions (settings.Control): a checkbox,
// a select, a slider, a text field or a colour, each writing one field
// of the choices, which are remembered as soon as they change. Controls
// the page draws itself (settings.Hand) are left to their sections.

// section is the controls of Table's entries in one section, in the
// table's order.
func (s *settingsPanel) section(name string) []app.UI {
	var out []app.UI
	for _, e := range settings.Table {
		for _, c := range e.Controls {
			if c.Kind != settings.Hand && c.Section == name {
				out = append(out, drawControl(s, c, &s.choices.Form, c.ID, c.Placeholder))
			}
		}
	}
	return out
}

// layerControls is a text layer's controls: the first layer's (n == 1,
// its fields among the form's) or a later one's ("layer-<n>-…"), with
// hand, which draws its Hand controls.
func (s *settingsPanel) layerControls(l *settings.Layer, n int, hand func(id string) app.UI) []app.UI {
	var out []app.UI
	for _, e := range settings.LayerTable {
		for _, c := range e.Controls {
			id, hint := layerID(n, c.ID), c.Placeholder
			if n == 1 {
				id, hint = c.First, c.FirstHint
			}
			switch {
			case c.Kind != settings.Hand:
				out = append(out, drawControl(s, c, l, id, hint))
			default:
				out = append(out, hand(id))
			}
		}
	}
	return out
}

// layerID is the id of a later text layer's element: "layer-2-text".
func layerID(n int, part string) string { return "layer-" + strconv.Itoa(n) + "-" + part }

// drawControl is one control, bound to its field of v.
func drawControl[T any](s *settingsPanel, c settings.Control[T], v *T, id, placeholder string) app.UI {
	draw := func() app.UI {
		switch c.Kind {
		case settings.Checkbox:
			dst := c.Bool(v)
			s.bind(id, dst)
			return app.Div().Class("field").Body(
				app.Input().Type("checkbox").ID(id).Checked(*dst).OnChange(s.setBool),
				app.Label().For(id).Text(s.t(c.Label)),
			)
		case settings.Select:
			return s.selectField(id, c.Label, c.Options(), c.Names, c.Str(v))
		case settings.Range:
			dst := c.Int(v)
			s.bind(id, dst)
			shown := strconv.Itoa(*dst)
			if c.Tenths {
				shown = msg.Decimal(s.lang, float64(*dst)/10)
			}
			return app.Div().Class("field").Body(
				app.Label().For(id).Text(s.t("%s: %s%s", s.t(c.Label), shown, s.t(c.Unit))),
				app.Input().Type("range").ID(id).Min(c.Min).Max(c.Max).Value(*dst).OnInput(s.setInt),
			)
		case settings.Text:
			return s.textField(id, c.Label, placeholder, c.Str(v))
		case settings.Colour:
			dst := c.Str(v)
			s.bind(id, dst)
			return app.Div().Class("field").Body(
				app.Label().For(id).Text(s.t(c.Label)),
				app.Input().Type("color").ID(id).Value(*dst).OnChange(s.setString),
			)
		}
		panic("settings: the control " + id + " is of no kind the page draws")
	}
	if c.If != nil {
		return app.If(c.If(v), draw)
	}
	return draw()
}

// selectField is a labelled <select> bound to *dst; names are said as
// they are, other labels in the page's language.
func (s *settingsPanel) selectField(id, label string, opts []settings.Option, names bool, dst *string) app.UI {
	say := s.t
	if names {
		say = func(name string, _ ...any) string { return name }
	}
	s.bind(id, dst)
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(s.t(label)),
		app.Select().ID(id).OnChange(s.setString).Body(
			app.Range(opts).Slice(func(i int) app.UI {
				return app.Option().Value(opts[i].Value).Selected(opts[i].Value == *dst).Text(say(opts[i].Label))
			}),
		),
	)
}

// textField is a text field whose value the page takes as it is typed
// (the previews follow), remembered when it is left.
func (s *settingsPanel) textField(id, label, placeholder string, dst *string) app.UI {
	s.bind(id, dst)
	return app.Div().Class("field wide").Body(
		app.Label().For(id).Text(s.t(label)),
		app.Input().Type("text").ID(id).Value(*dst).Placeholder(s.t(placeholder)).
			OnInput(s.typeString).OnChange(s.setString),
	)
}

// bind notes the field the control id edits, as of this render. go-app
// keeps an element's first handler when a later render's comes from the
// same function, whatever it captured: a handler that held its field would
// write a text layer as it was before a layer was added or removed. So the
// handlers are methods that find their field here, by their element's id.
func (s *settingsPanel) bind(id string, dst any) {
	if s.bound == nil {
		s.bound = map[string]any{}
	}
	s.bound[id] = dst
}

// boundTo is the field of the control that fired e; nil if none is drawn.
func boundTo[T any](s *settingsPanel, ctx app.Context) *T {
	dst, _ := s.bound[ctx.JSSrc().Get("id").String()].(*T)
	return dst
}

// typeString takes a text as it is typed: the previews follow; it is
// remembered when the field is left (setString).
func (s *settingsPanel) typeString(ctx app.Context, e app.Event) {
	if dst := boundTo[string](s, ctx); dst != nil {
		*dst = ctx.JSSrc().Get("value").String()
		s.publish(ctx)
	}
}

func (s *settingsPanel) setString(ctx app.Context, e app.Event) {
	if dst := boundTo[string](s, ctx); dst != nil {
		*dst = ctx.JSSrc().Get("value").String()
		s.remember(ctx)
	}
}

func (s *settingsPanel) setInt(ctx app.Context, e app.Event) {
	if dst := boundTo[int](s, ctx); dst != nil {
		if v, err := strconv.Atoi(ctx.JSSrc().Get("value").String()); err == nil {
			*dst = v
			s.remember(ctx)
		}
	}
}

func (s *settingsPanel) setBool(ctx app.Context, e app.Event) {
	if dst := boundTo[bool](s, ctx); dst != nil {
		*dst = ctx.JSSrc().Get("checked").Bool()
		s.remember(ctx)
	}
}
