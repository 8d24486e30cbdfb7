package app

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

// Every string the page shows in French is in the French table: render the
// page in French in each of its states and fail on any string looked up in
// vain.
func TestFrenchCoversThePage(t *testing.T) {
	missingMu.Lock()
	missing = map[string]bool{}
	missingMu.Unlock()

	states := map[string]func(p *Page){
		"empty": func(p *Page) {},
		"files, focal editor, custom format error, uploads": func(p *Page) {
			p.sess.add([]wire.Picked{
				{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
				{Index: 1, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
			})
			p.sess.files[0].Focal = &crop.Point{X: 0.3, Y: 0.6}
			p.focal = focalEditor{Index: 0, Path: "shoot/a.jpg", W: 400, H: 300}
			p.custom.Error = "width: write a whole number of pixels, like 1080"
			p.logo = upload{Name: "logo.png", Data: []byte{1}, URL: "blob:x"}
			p.font = upload{Error: "font.txt is not a TrueType or OpenType font"}
			p.choices.Custom = []preset.Preset{{ID: "shop", Name: "Shop", Width: 600, Height: 600, MaxBytes: 1 << 20}}
			p.choices.Fit, p.choices.TextStyle, p.choices.Text, p.choices.Tile = "pad", "band", "Soldes", true
			p.installable, p.updateReady = true, true
		},
		"previews shown, more to show, one failed": func(p *Page) {
			var list []wire.Picked
			for i := 0; i < previewBatch+2; i++ {
				list = append(list, wire.Picked{Index: i, Path: fmt.Sprintf("shoot/%02d.jpg", i), Size: 100, Head: jpegHead})
			}
			p.sess.add(list)
			key := p.previewKey()
			p.previews.Items = map[int]*previewItem{
				0: {Key: key, Images: []wire.PreviewImage{{Preset: "pinterest-pin", URL: "blob:a", W: 160, H: 240}}},
				1: {Key: key, Error: "is damaged"},
				2: {Key: key, Waiting: true},
			}
		},
		"a sheet, layers, a photo's own words, kit messages": func(p *Page) {
			var list []wire.Picked
			for i := 0; i < maxListed+2; i++ {
				list = append(list, wire.Picked{Index: i, Path: fmt.Sprintf("shoot/%02d.jpg", i), Size: 100, Head: jpegHead})
			}
			p.sess.add(list)
			rows := "Image;Produit\n00.jpg;Vase\n"
			for i := 0; i < maxListed+2; i++ {
				rows += fmt.Sprintf("autre-%d.jpg;Bol\n", i)
			}
			s, err := sheet.ReadText("produits.csv", []byte(rows), sheet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			p.sheet = sheetState{Sheet: s, Loading: "prix.xlsx", Error: "prix.xlsx is damaged", gen: 1}
			p.choices.Text, p.choices.TextStyle = "{Produit}", "badge"
			p.choices.Layers = []textChoice{newLayer()}
			p.focal = focalEditor{Index: 0, Path: "shoot/00.jpg", W: 400, H: 300}
			p.kits.Saved = p.t("Downloaded as brand-kit.json: keep it, or give it to picmark process -brand.")
			p.kits.Saved = p.t("Kept in this browser as “%s”: it opens here next time, offline too.", "Kit")
			p.notice = p.t("Wait until the sheet is read.")
			p.notice = p.t("The sheet or a template needs a fix before starting: %s.", "x")
			_ = p.tn(1, "%s: %d row, columns %s.", "", "a", 1, "b") + p.tn(1, "%d of %d photos has its row.", "", 1, 2) + p.tn(1, " and %d more", "", 1)
		},
		"a sheet that names a missing column": func(p *Page) {
			p.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			s, _ := sheet.ReadText("produits.csv", []byte("Image;Produit\na.jpg;Vase\n"), sheet.Options{})
			p.sheet = sheetState{Sheet: s, gen: 1}
			p.choices.Text = "{Prix}"
		},
		"previews with no format ticked": func(p *Page) {
			p.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.choices.Ticked = map[string]bool{}
		},
		"running": func(p *Page) {
			p.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.sess.start(p.choices.chosen(), time.Now())
			p.state = "running"
			p.choices.Crop = "smart"
		},
		"done with a report": func(p *Page) {
			p.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.sess.start(p.choices.chosen(), time.Now())
			p.sess.rows = []batch.Row{
				{Input: "a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/a.jpg", Width: 1000, Height: 1500, Bytes: 1000, Status: batch.StatusDone},
				{Input: "b.jpg", Preset: "pinterest-pin", Status: batch.StatusFailed, Message: "is damaged"},
			}
			p.state, p.zipURL, p.notice = "done", "blob:zip", p.t("Done: %d pictures ready.", 1)
			p.reportShown = len(p.sess.rows)
		},
	}
	for name, set := range states {
		p := &Page{}
		p.OnInit()
		p.lang = "fr"
		set(p)
		html := app.HTMLString(p.Render())
		if !strings.Contains(html, "Cochez les formats") {
			t.Errorf("%s: the page is not in French", name)
		}
	}
	missingMu.Lock()
	defer missingMu.Unlock()
	var list []string
	for s := range missing {
		list = append(list, s)
	}
	sort.Strings(list)
	if len(list) > 0 {
		t.Errorf("the French table lacks %d strings:\n%s", len(list), strings.Join(list, "\n"))
	}
}

func TestEnglishIsTheDefault(t *testing.T) {
	html := renderPage(t, &Page{})
	if !strings.Contains(html, "Tick the formats") {
		t.Error("the page is not in English by default")
	}
}
