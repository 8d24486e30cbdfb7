package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/brand"
	"picmark/internal/msg"
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
	Error   string
	Saved   string // where the kit just went: kept in this browser, or downloaded
}

const currentKitKey = "picmark.kit.v1"

// kitFile is the page's branding as a brand kit file.
func (p *Page) kitFile() *brand.File {
	kit := p.choices.settings(p.logo, p.font).Kit
	kit.Name = p.kitName()
	return kit
}

func (p *Page) kitName() string {
	for _, k := range p.kits.List {
		if k.ID == p.kits.Current {
			return k.Name
		}
	}
	return "picmark brand kit"
}

// loadKits reads the stored kits and opens the one last used.
func (p *Page) loadKits(ctx app.Context) {
	var current string
	ctx.LocalStorage().Get(currentKitKey, &current)
	ctx.Async(func() {
		list, err := kitList()
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.kits.Error = p.t("Brand kits cannot be kept in this browser (%v).", err)
				return
			}
			p.kits.List = list
			for _, k := range list {
				if k.ID == current {
					p.openKit(ctx, k.ID)
				}
			}
		})
	})
}

// openKit loads a stored kit into the page.
func (p *Page) openKit(ctx app.Context, id string) {
	ctx.Async(func() {
		doc, err := kitGet(id)
		var f *brand.File
		if err == nil {
			f, err = brand.ParseFile([]byte(doc))
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.kits.Error = p.t("The brand kit could not be opened: %v.", msg.Reason(err, p.lang))
				return
			}
			p.useKit(ctx, id, f)
		})
	})
}

func (p *Page) useKit(ctx app.Context, id string, f *brand.File) {
	p.logo, p.font = p.choices.applyKit(f)
	if len(p.logo.Data) > 0 {
		p.logo.URL = bytesURL(p.logo.Data, "image/png")
	}
	p.kits.Current, p.kits.Error = id, ""
	ctx.LocalStorage().Set(currentKitKey, id)
	p.remember(ctx)
}

// saveKit stores the page's branding in the current kit.
func (p *Page) saveKit(ctx app.Context) {
	if p.kits.Current == "" {
		return
	}
	data, err := p.kitFile().Marshal()
	if err != nil {
		p.kits.Error = p.t("The brand kit could not be saved: %s.", err)
		return
	}
	id, name := p.kits.Current, p.kitName()
	ctx.Async(func() {
		if err := kitPut(id, name, string(data)); err != nil {
			ctx.Dispatch(func(ctx app.Context) { p.kits.Error = p.t("The brand kit could not be saved: %s.", err) })
		}
	})
}

func (p *Page) newKit(ctx app.Context, e app.Event) {
	name := p.t("Brand kit %d", len(p.kits.List)+1)
	id := fmt.Sprintf("kit-%d", app.Window().Get("Date").Call("now").Int())
	p.kits.List = append(p.kits.List, kitRef{ID: id, Name: name})
	p.kits.Current = id
	ctx.LocalStorage().Set(currentKitKey, id)
	p.saveKit(ctx)
	p.kits.Saved = p.t("Kept in this browser as “%s”: it opens here next time, offline too.", name)
}

func (p *Page) chooseKit(ctx app.Context, e app.Event) {
	if id := ctx.JSSrc().Get("value").String(); id != "" {
		p.openKit(ctx, id)
	} else {
		p.kits.Current = ""
		ctx.LocalStorage().Set(currentKitKey, "")
	}
}

func (p *Page) renameKit(ctx app.Context, e app.Event) {
	name := strings.TrimSpace(ctx.JSSrc().Get("value").String())
	if name == "" {
		return
	}
	for i := range p.kits.List {
		if p.kits.List[i].ID == p.kits.Current {
			p.kits.List[i].Name = name
		}
	}
	p.saveKit(ctx)
}

func (p *Page) deleteKit(ctx app.Context, e app.Event) {
	id := p.kits.Current
	if id == "" {
		return
	}
	var keep []kitRef
	for _, k := range p.kits.List {
		if k.ID != id {
			keep = append(keep, k)
		}
	}
	p.kits.List, p.kits.Current = keep, ""
	ctx.LocalStorage().Set(currentKitKey, "")
	ctx.Async(func() {
		if err := kitDelete(id); err != nil {
			ctx.Dispatch(func(ctx app.Context) { p.kits.Error = p.t("The brand kit could not be deleted: %s.", err) })
		}
	})
}

// importKit reads a brand kit file (as exported, or as written for the
// command line) into a new stored kit.
func (p *Page) importKit(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Length() == 0 {
		return
	}
	file := files.Index(0)
	name := file.Get("name").String()
	ctx.JSSrc().Set("value", "")
	if size := int64(file.Get("size").Float()); size > brand.MaxFileBytes {
		p.kits.Error = p.t("%s is too large to be a brand kit.", name)
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
				p.kits.Error = p.t("%s is not a brand kit picmark can read: %s.", name, msg.Reason(err, p.lang))
				return
			}
			kitName := f.Name
			if kitName == "" {
				kitName = strings.TrimSuffix(name, ".json")
			}
			id := fmt.Sprintf("kit-%d", app.Window().Get("Date").Call("now").Int())
			p.kits.List = append(p.kits.List, kitRef{ID: id, Name: kitName})
			p.useKit(ctx, id, f)
			p.saveKit(ctx)
			p.kits.Saved = p.t("Kept in this browser as “%s”: it opens here next time, offline too.", kitName)
		})
	})
}

func (p *Page) renderKits() app.UI {
	k := &p.kits
	return app.Div().ID("kits").Class("kits").Body(
		app.Div().Class("fields").Body(
			app.Div().Class("field").Body(
				app.Label().For("kit").Text(p.t("Brand kit")),
				app.Select().ID("kit").OnChange(p.chooseKit).Body(
					app.Option().Value("").Selected(k.Current == "").Text(p.t("None (not kept)")),
					app.Range(k.List).Slice(func(i int) app.UI {
						return app.Option().Value(k.List[i].ID).Selected(k.List[i].ID == k.Current).Text(k.List[i].Name)
					}),
				),
			),
			app.If(k.Current != "", func() app.UI {
				return app.Div().Class("field").Body(
					app.Label().For("kit-name").Text(p.t("Name of this kit")),
					app.Input().Type("text").ID("kit-name").Value(p.kitName()).OnChange(p.renameKit),
				)
			}),
		),
		app.Div().Class("actions").Body(
			app.Button().ID("kit-new").Class("button secondary small").Text(p.t("New kit from these settings")).OnClick(p.newKit),
			app.If(k.Current != "", func() app.UI {
				return app.Button().ID("kit-delete").Class("button secondary small").Text(p.t("Delete this kit")).OnClick(p.deleteKit)
			}),
			app.Input().Type("file").ID("kit-import").Class("visually-hidden").Accept(".json,application/json").OnChange(p.importKit),
			app.Label().For("kit-import").ID("pick-kit").Class("button secondary small").Text(p.t("Import a kit (JSON)")),
			app.Button().ID("export-kit").Class("button secondary small").Text(p.t("Save this brand kit (JSON)")).OnClick(p.exportKit),
		),
		app.If(k.Error != "", func() app.UI {
			return app.P().ID("kit-error").Class("error").Attr("role", "alert").Text(k.Error)
		}),
		app.If(k.Saved != "", func() app.UI {
			return app.P().ID("kit-saved").Attr("role", "status").Text(k.Saved)
		}),
	)
}
