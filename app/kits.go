package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/brand"
)

// kits.go: several brand kits, kept in the browser (IndexedDB, so a logo of
// a few megabytes fits) and usable offline. A kit is stored as the brand kit
// file itself — the JSON `picmark process -brand` reads — so export and
// import are the same bytes.

// kitRef names a stored kit.
type kitRef struct {
	ID   string
	Name string
}

// kitState is the kit bar: the stored kits and the one in use.
type kitState struct {
	List    []kitRef
	Current string // the id of the kit the page edits; "" for none
	Error   said
	Saved   said // where the kit just went: kept in this browser, or downloaded
}

const currentKitKey = "picmark.kit.v1"

// kitFile is the page's branding as a brand kit file.
func (s *settingsPanel) kitFile() *brand.File {
	kit := s.choices.settings(s.logo, s.font).Kit
	kit.Name = s.kitName()
	return kit
}

func (s *settingsPanel) kitName() string {
	for _, k := range s.kits.List {
		if k.ID == s.kits.Current {
			return k.Name
		}
	}
	return "picmark brand kit"
}

// loadKits reads the stored kits and opens the one last used.
func (s *settingsPanel) loadKits(ctx app.Context) {
	var current string
	ctx.LocalStorage().Get(currentKitKey, &current)
	ctx.Async(func() {
		list, err := kitList()
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.kits.Error = tell("Brand kits cannot be kept in this browser (%v).", err)
				return
			}
			s.kits.List = list
			for _, k := range list {
				if k.ID == current {
					s.openKit(ctx, k.ID)
				}
			}
		})
	})
}

// openKit loads a stored kit into the page.
func (s *settingsPanel) openKit(ctx app.Context, id string) {
	ctx.Async(func() {
		doc, err := kitGet(id)
		var f *brand.File
		if err == nil {
			f, err = brand.ParseFile([]byte(doc))
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.kits.Error = tell("The brand kit could not be opened: %v.", err)
				return
			}
			s.useKit(ctx, id, f)
		})
	})
}

func (s *settingsPanel) useKit(ctx app.Context, id string, f *brand.File) {
	s.logo, s.font = s.choices.applyKit(f)
	if len(s.logo.Data) > 0 {
		s.logo.URL = bytesURL(s.logo.Data, "image/png")
	}
	s.kits.Current, s.kits.Error = id, said{}
	ctx.LocalStorage().Set(currentKitKey, id)
	s.remember(ctx)
}

// saveKit stores the page's branding in the current kit.
func (s *settingsPanel) saveKit(ctx app.Context) {
	if s.kits.Current == "" {
		return
	}
	data, err := s.kitFile().Marshal()
	if err != nil {
		s.kits.Error = tell("The brand kit could not be saved: %s.", err)
		return
	}
	id, name := s.kits.Current, s.kitName()
	ctx.Async(func() {
		if err := kitPut(id, name, string(data)); err != nil {
			ctx.Dispatch(func(ctx app.Context) { s.kits.Error = tell("The brand kit could not be saved: %s.", err) })
		}
	})
}

func (s *settingsPanel) newKit(ctx app.Context, e app.Event) {
	name := s.t("Brand kit %d", len(s.kits.List)+1)
	id := fmt.Sprintf("kit-%d", app.Window().Get("Date").Call("now").Int())
	s.kits.List = append(s.kits.List, kitRef{ID: id, Name: name})
	s.kits.Current = id
	ctx.LocalStorage().Set(currentKitKey, id)
	s.saveKit(ctx)
	s.kits.Saved = tell("Kept in this browser as “%s”: it opens here next time, offline too.", name)
}

func (s *settingsPanel) chooseKit(ctx app.Context, e app.Event) {
	if id := ctx.JSSrc().Get("value").String(); id != "" {
		s.openKit(ctx, id)
	} else {
		s.kits.Current = ""
		ctx.LocalStorage().Set(currentKitKey, "")
	}
}

func (s *settingsPanel) renameKit(ctx app.Context, e app.Event) {
	name := strings.TrimSpace(ctx.JSSrc().Get("value").String())
	if name == "" {
		return
	}
	for i := range s.kits.List {
		if s.kits.List[i].ID == s.kits.Current {
			s.kits.List[i].Name = name
		}
	}
	s.saveKit(ctx)
}

func (s *settingsPanel) deleteKit(ctx app.Context, e app.Event) {
	id := s.kits.Current
	if id == "" {
		return
	}
	var keep []kitRef
	for _, k := range s.kits.List {
		if k.ID != id {
			keep = append(keep, k)
		}
	}
	s.kits.List, s.kits.Current = keep, ""
	ctx.LocalStorage().Set(currentKitKey, "")
	ctx.Async(func() {
		if err := kitDelete(id); err != nil {
			ctx.Dispatch(func(ctx app.Context) { s.kits.Error = tell("The brand kit could not be deleted: %s.", err) })
		}
	})
}

// importKit reads a brand kit file (as exported, or as written for the
// command line) into a new stored kit.
func (s *settingsPanel) importKit(ctx app.Context, e app.Event) {
	file, name, size, ok := picked(ctx)
	if !ok {
		return
	}
	if size > brand.MaxFileBytes {
		s.kits.Error = tell("%s is too large to be a brand kit.", name)
		return
	}
	ctx.Async(func() {
		data, err := readFile(file)
		var f *brand.File
		if err == nil {
			f, err = brand.ParseFile(data)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.kits.Error = tell("%s is not a brand kit picmark can read: %s.", name, err)
				return
			}
			kitName := f.Name
			if kitName == "" {
				kitName = strings.TrimSuffix(name, ".json")
			}
			id := fmt.Sprintf("kit-%d", app.Window().Get("Date").Call("now").Int())
			s.kits.List = append(s.kits.List, kitRef{ID: id, Name: kitName})
			s.useKit(ctx, id, f)
			s.saveKit(ctx)
			s.kits.Saved = tell("Kept in this browser as “%s”: it opens here next time, offline too.", kitName)
		})
	})
}

func (s *settingsPanel) renderKits() app.UI {
	k := &s.kits
	return app.Div().ID("kits").Class("kits").Body(
		app.Div().Class("fields").Body(
			app.Div().Class("field").Body(
				app.Label().For("kit").Text(s.t("Brand kit")),
				app.Select().ID("kit").OnChange(s.chooseKit).Body(
					app.Option().Value("").Selected(k.Current == "").Text(s.t("None (not kept)")),
					app.Range(k.List).Slice(func(i int) app.UI {
						return app.Option().Value(k.List[i].ID).Selected(k.List[i].ID == k.Current).Text(k.List[i].Name)
					}),
				),
			),
			app.If(k.Current != "", func() app.UI {
				return app.Div().Class("field").Body(
					app.Label().For("kit-name").Text(s.t("Name of this kit")),
					app.Input().Type("text").ID("kit-name").Value(s.kitName()).OnChange(s.renameKit),
				)
			}),
		),
		app.Div().Class("actions").Body(
			app.Button().ID("kit-new").Class("button secondary small").Text(s.t("New kit from these settings")).OnClick(s.newKit),
			app.If(k.Current != "", func() app.UI {
				return app.Button().ID("kit-delete").Class("button secondary small").Text(s.t("Delete this kit")).OnClick(s.deleteKit)
			}),
			app.Input().Type("file").ID("kit-import").Class("visually-hidden").Accept(".json,application/json").OnChange(s.importKit),
			app.Label().For("kit-import").ID("pick-kit").Class("button secondary small").Text(s.t("Import a kit (JSON)")),
			app.Button().ID("export-kit").Class("button secondary small").Text(s.t("Save this brand kit (JSON)")).OnClick(s.exportKit),
		),
		app.If(!k.Error.empty(), func() app.UI {
			return app.P().ID("kit-error").Class("error").Attr("role", "alert").Text(k.Error.in(s.lang))
		}),
		app.If(!k.Saved.empty(), func() app.UI {
			return app.P().ID("kit-saved").Attr("role", "status").Text(k.Saved.in(s.lang))
		}),
	)
}
