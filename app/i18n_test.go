package app

import (
	"fmt"
	stdhtml "html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/settings"
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
			p.run.sess.add([]wire.Picked{
				{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
				{Index: 1, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
			})
			p.run.sess.files[0].Focal = &crop.Point{X: 0.3, Y: 0.6}
			p.focalPanel.editor = focalEditor{Index: 0, Path: "shoot/a.jpg", W: 400, H: 300}
			_, p.settings.custom.Error = customForm{Name: "Shop", Width: "wide"}.preset()
			p.settings.logo = upload{Name: "logo.png", Data: []byte{1}, URL: "blob:x"}
			p.settings.font = checkUpload("font", "font.txt", []byte("hello"), nil)
			p.settings.choices.Custom = []preset.Preset{{ID: "shop", Name: "Shop", Width: 600, Height: 600, MaxBytes: 1 << 20}}
			p.settings.choices.Fit, p.settings.choices.TextStyle, p.settings.choices.Text, p.settings.choices.Tile = "pad", "band", "Soldes", true
			p.installable, p.updateReady = true, true
		},
		"previews shown, more to show, one failed": func(p *Page) {
			var list []wire.Picked
			for i := 0; i < 40; i++ {
				list = append(list, wire.Picked{Index: i, Path: fmt.Sprintf("shoot/%02d.jpg", i), Size: 100, Head: jpegHead})
			}
			p.run.sess.add(list)
			key := p.previewGrid.previewKey()
			p.previewGrid.previews.Items = map[int]*previewItem{
				0: {Key: key, Images: []wire.PreviewImage{{Preset: "pinterest-pin", URL: "blob:a", W: 160, H: 240}}},
				1: {Key: key, Error: msg.New(msg.Damaged, msg.Text("format", "JPEG"))},
				2: {Key: key, Waiting: true},
			}
		},
		"a sheet, layers, a photo's own words, kit messages": func(p *Page) {
			var list []wire.Picked
			for i := 0; i < maxListed+3; i++ { // 11: "10 photos" would read as "0 photos" below
				list = append(list, wire.Picked{Index: i, Path: fmt.Sprintf("shoot/%02d.jpg", i), Size: 100, Head: jpegHead})
			}
			p.run.sess.add(list)
			rows := "Image;Produit\n00.jpg;Vase\n"
			for i := 0; i < maxListed+2; i++ {
				rows += fmt.Sprintf("autre-%d.jpg;Bol\n", i)
			}
			s, err := sheet.ReadText("produits.csv", []byte(rows), sheet.Options{})
			if err != nil {
				t.Fatal(err)
			}
			p.sheetPanel.sheet = sheetState{Sheet: s, Loading: "prix.xlsx", Error: msg.New(msg.SheetPanicked, msg.Text("sheet", "prix.xlsx")), gen: 1}
			p.settings.choices.Text, p.settings.choices.TextStyle = "{Produit}", "badge"
			p.settings.choices.Layers = []settings.Layer{settings.NewLayer()}
			p.focalPanel.editor = focalEditor{Index: 0, Path: "shoot/00.jpg", W: 400, H: 300}
			p.settings.kits.Saved = tell("Downloaded as brand-kit.json: keep it, or give it to picmark process -brand.")
			p.settings.kits.Saved = tell("Kept in this browser as “%s”: it opens here next time, offline too.", "Kit")
			p.run.notice = tell("Wait until the sheet is read.")
			p.run.notice = tell("The sheet or a template needs a fix before starting: %s.", "x")
			_ = p.tn(1, "%s: %d row, columns %s.|%s: %d rows, columns %s.", "a", 1, "b") + p.tn(1, "%d of %d photos has its row.|%d of %d photos have their row.", 1, 2) + p.tn(1, " and %d more", 1)
		},
		"a sheet that names a missing column": func(p *Page) {
			p.run.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			s, _ := sheet.ReadText("produits.csv", []byte("Image;Produit\na.jpg;Vase\n"), sheet.Options{})
			p.sheetPanel.sheet = sheetState{Sheet: s, gen: 1}
			p.settings.choices.Text = "{Prix}"
		},
		"previews with no format ticked": func(p *Page) {
			p.run.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.settings.choices.Ticked = map[string]bool{}
		},
		"running": func(p *Page) {
			p.run.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.run.sess.start(p.settings.choices.chosen(), time.Now())
			p.run.state = "running"
			p.settings.choices.Crop = "smart"
		},
		"done with a report": func(p *Page) {
			p.run.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.run.sess.start(p.settings.choices.chosen(), time.Now())
			p.run.sess.rows = []batch.Row{
				{Input: "a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/a.jpg", Width: 1000, Height: 1500, Bytes: 1000, Status: batch.StatusDone},
				{Input: "b.jpg", Preset: "pinterest-pin", Status: batch.StatusFailed, Notes: []msg.Message{msg.New(msg.Damaged, msg.Text("format", "JPEG"))}},
			}
			p.run.state, p.run.zipURL, p.run.notice = "done", "blob:zip", tellN(1, "Done: %d picture ready.|Done: %d pictures ready.", 1)
		},
		"on a phone, the focal editor open": func(p *Page) {
			p.touch = true
			p.run.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
			p.focalPanel.editor = focalEditor{Index: 0, Path: "a.jpg", W: 400, H: 300}
			p.settings.choices.Crop = "smart"
			p.run.notice = tell(device(p.touch, "Add photos first: drop a folder on this page, or choose a folder or files.",
				"Add photos first: choose a folder or some photos."))
		},
	}
	for name, set := range states {
		for _, touch := range []bool{false, true} {
			p := &Page{}
			p.OnInit()
			p.lang = "fr"
			p.touch = touch
			set(p)
			share(p)
			html := app.HTMLString(p.Render())
			if !strings.Contains(html, "Cochez les formats") {
				t.Errorf("%s: the page is not in French", name)
			}
			text := pageText(html)
			for _, bad := range msg.Typography(text) {
				t.Errorf("%s: French typography: %s", name, bad)
			}
			for _, bad := range []string{"‰", "`", " MB", " KB", "Encore environ 0"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s: the French page says %q", name, bad)
				}
			}
			if bad := wrongPlural.FindString(text); bad != "" {
				t.Errorf("%s: the French page says %q", name, bad)
			}
			if p.touch {
				for _, bad := range []string{"ordinateur", "Cliquez", "clavier", "Déposez"} {
					if strings.Contains(text, bad) {
						t.Errorf("%s, on a phone: the French page says %q", name, bad)
					}
				}
			}
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

// pageText is what a reader gets of the page's HTML: its text and the
// attributes people see or hear (aria-label, title, alt, placeholder).
func pageText(html string) string {
	var b strings.Builder
	for _, m := range attrRe.FindAllStringSubmatch(html, -1) {
		// HTMLString writes attributes' non-ASCII letters as Go escapes.
		v, err := strconv.Unquote(`"` + m[1] + `"`)
		if err != nil {
			v = m[1]
		}
		b.WriteString(v + "\n")
	}
	b.WriteString(tagRe.ReplaceAllString(html, "\n"))
	return stdhtml.UnescapeString(b.String())
}

var (
	// 0 and 1 take the singular in French: "0 photos" and "1 images" are
	// wrong, "40 photos" right.
	wrongPlural = regexp.MustCompile(`(^|[^0-9])(0 photos|1 images)`)
	tagRe       = regexp.MustCompile(`<[^>]*>`)
	attrRe      = regexp.MustCompile(`(?:aria-label|title|alt|placeholder)="([^"]*)"`)
)

// The page's words in French where a count is 0, 1 or more: CLDR's French
// plural (0 and 1 singular), never "0 s" left.
func TestFrenchPlurals(t *testing.T) {
	p := photosPage(13) // and notes.txt
	p.lang = "fr"
	share(p)
	p.previewGrid.requestPreviews()
	html := pageText(app.HTMLString(p.Render()))
	for _, want := range []string{"Fichiers\u00A0: 13 photos, 1 ignoré"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, tt := range []struct {
		n    int
		en   string
		want string
	}{
		{0, "Working: %d of %d photos done…|Working: %d of %d photos done…", "En cours\u00A0: 0 photo traitée sur 3…"},
		{1, "Working: %d of %d photos done…|Working: %d of %d photos done…", "En cours\u00A0: 1 photo traitée sur 3…"},
		{2, "Working: %d of %d photos done…|Working: %d of %d photos done…", "En cours\u00A0: 2 photos traitées sur 3…"},
		{0, "%d skipped|%d skipped", "0 ignoré"},
		{5, "%d could not be made|%d could not be made", "5 n’ont pas pu être créées"},
	} {
		args := []any{tt.n}
		if strings.Contains(tt.en, "of %d") {
			args = append(args, 3)
		}
		if got := trn("fr", tt.n, tt.en, args...); got != tt.want {
			t.Errorf("trn(fr, %d, %q) = %q, want %q", tt.n, tt.en, got, tt.want)
		}
	}
	if got := trn("en", 1, "Done: %d picture ready.|Done: %d pictures ready.", 1); got != "Done: 1 picture ready." {
		t.Errorf("English singular: %q", got)
	}
	if got := duration(p.lang, 200*time.Millisecond); got != "1 s" {
		t.Errorf("a fifth of a second left says %q", got)
	}
}

// The format names, sizes and units in French; the tab's title too.
func TestFrenchFormats(t *testing.T) {
	p := &Page{}
	p.OnInit()
	p.lang = "fr"
	share(p)
	text := pageText(app.HTMLString(p.Render()))
	for _, want := range []string{"Épingle Pinterest", "Publication photo Tumblr", "1280 de large", "10\u00A0Mo", "Story Snapchat"} {
		if !strings.Contains(text, want) {
			t.Errorf("the French formats lack %q", want)
		}
	}
	for _, bad := range []string{"Pinterest pin", "Tumblr photo post", "1280 wide", "10 MB"} {
		if strings.Contains(text, bad) {
			t.Errorf("the French formats say %q", bad)
		}
	}
	if tr("fr", Title) == Title {
		t.Error("the tab's title has no French")
	}
	rows := []batch.Row{{Input: "a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/a.jpg", Width: 1000, Height: 1500, Bytes: 48 << 10, Status: batch.StatusDone}}
	html := app.HTMLString((&reportTable{report: reportRows{Rows: rows}, lang: "fr", settings: p.settings.batchSettings(), table: true}).Render())
	for _, want := range []string{">Épingle Pinterest<", ">1000×1500, 48\u00A0Ko<", ">fait<"} {
		if !strings.Contains(html, want) {
			t.Errorf("the French report row lacks %q: %s", want, html)
		}
	}
}
