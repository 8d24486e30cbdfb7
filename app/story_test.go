package app

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/msg"
	"picmark/internal/settings"
	"picmark/internal/sheet"
)

// storyPage is a page with three photos, a French sheet naming two of them
// and a third product, a caption layer and post templates.
func storyPage(t *testing.T) *Page {
	t.Helper()
	p := &Page{}
	p.OnInit()
	p.run.sess.add([]wire.Picked{
		{Index: 0, Path: "shoot/vase.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
		{Index: 2, Path: "shoot/bol.jpg", Size: 100, Head: jpegHead},
		{Index: 3, Path: "shoot/autre.jpg", Size: 100, Head: jpegHead},
	})
	s, err := sheet.ReadText("produits.csv", []byte("Image;Produit;Prix\nvase.jpg;Vase bleu;12,90 €\nbol.jpg;Bol à thé;8,50 €\nlampe.jpg;Lampe;40,00 €\n"), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.sheetPanel.sheet = sheetState{Sheet: s, gen: 1}
	p.settings.choices.Text = "{Produit}"
	p.settings.choices.Layers = []settings.Layer{{Text: "{Prix}", TextStyle: "badge", TextAnchor: "top-right", TextSize: 50}}
	p.settings.choices.PostTitle = "{Produit} – {Prix}"
	share(p)
	return p
}

// TestStoryBatch: the page's batch carries each photo's words (its own
// over the sheet's), the report names the row without a photo and the
// photo without a row, and the ZIP holds posts.csv, one row per output.
func TestStoryBatch(t *testing.T) {
	p := storyPage(t)
	html := app.HTMLString(p.Render())
	for _, want := range []string{"2 of 3 photos have their row.", "No row names shoot/autre.jpg", "lines 4."} {
		if !strings.Contains(html, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	p.run.sess.setWords(2, 1, "Soldes !")
	share(p)
	st, err := p.run.story.Story, p.run.story.Err
	if err != nil {
		t.Fatal(err)
	}
	jobs := p.run.sess.startWith(presets(t, "pinterest-pin"), time.Now(), storyRunOf(st, p.run.sheet, p.settings.choices.Name))
	if len(jobs) != 3 {
		t.Fatalf("%d jobs", len(jobs))
	}
	if c := jobs[0].Captions; len(c) != 2 || c[0].Text != "Vase bleu" || c[1].Text != "12,90 €" {
		t.Errorf("vase: %+v", c)
	}
	if c := jobs[1].Captions; c[0].Text != "Bol à thé" || c[1].Text != "Soldes !" {
		t.Errorf("bol with its own price words: %+v", c)
	}
	if c := jobs[2].Captions; c[0].Text != "" || c[0].Note == nil || c[0].Note.Code != msg.CaptionNoRow {
		t.Errorf("autre: %+v", c)
	}
	for _, j := range jobs {
		name := "pinterest-pin/" + strings.TrimSuffix(j.Input, ".jpg") + ".jpg"
		p.run.sess.result(wire.Result{ID: j.ID, Rows: []batch.Row{{Input: j.Input, Preset: "pinterest-pin", Output: name, Status: batch.StatusDone}},
			Files: []wire.Output{{Key: name, Name: name}}})
	}
	parts, _ := p.run.sess.finish("en")
	var zipped bool
	for _, part := range parts {
		zipped = zipped || len(p.run.sess.posts) == 1 && bytes.Equal(part.Bytes, p.run.sess.posts[0].Data)
	}
	if !zipped || p.run.sess.posts[0].Name != "posts.csv" {
		t.Fatal("posts.csv is not in the ZIP")
	}
	if rs := p.run.sess.reports("en"); len(rs) != 2 || rs[1].Name != "posts.csv" {
		t.Errorf("posts.csv is not among the report files (saved into a folder with them): %+v", rs)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(p.run.sess.posts[0].Data, []byte("\ufeff"))))
	r.Comma = ';' // a French sheet: posts.csv as a French Excel reads it
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("posts.csv: %v, %q", err, recs)
	}
	if got := recs[1]; got[0] != "pinterest-pin/shoot/vase.jpg" || got[2] != "Vase bleu – 12,90 €" || got[4] != got[2] {
		t.Errorf("vase's post %q", got)
	}
	var lampe bool
	for _, row := range p.run.sess.rows {
		lampe = lampe || row.Input == "produits.csv" && strings.Contains(row.Say("en"), "line 4 names no photo of the batch (lampe.jpg)")
	}
	if !lampe {
		t.Errorf("the report does not name the row without a photo: %+v", p.run.sess.rows)
	}
}

// TestStoryBlocksStart: a template naming a column the sheet lacks stops
// Start with words that name the column and the sheet's columns.
func TestStoryBlocksStart(t *testing.T) {
	p := storyPage(t)
	p.settings.choices.Layers[0].Text = "{Promo}"
	share(p)
	p.run.start(app.Context{}, app.Event{})
	if p.run.state == "running" || !strings.Contains(p.run.notice.in("en"), `produits.csv has no column "Promo": its columns are`) {
		t.Errorf("state %s, notice %q", p.run.state, p.run.notice.in("en"))
	}
	if !strings.Contains(app.HTMLString(p.Render()), `has no column &#34;Promo&#34;`) {
		t.Error("the sheet section does not say what is wrong")
	}
}
