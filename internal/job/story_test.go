package job

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/msg"
	"picmark/internal/posts"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

// frenchSheet is the test sheet as French Excel saves "CSV
// (point-virgule)": semicolons, Windows-1252.
func frenchSheet(t *testing.T) *sheet.Sheet {
	t.Helper()
	data, err := os.ReadFile("../captions/testdata/produits.csv")
	if err != nil {
		t.Fatal(err)
	}
	w1252, err := charmap.Windows1252.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sheet.ReadText("produits.csv", w1252, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func storyKit() *brand.File {
	return &brand.File{Version: brand.FileVersion, Texts: []brand.TextFile{{Content: "{Produit} – {Prix}"}, {Content: "{Accroche}", Badge: true}},
		Posts: &brand.PostsFile{Title: "{Produit}", Description: "{Description} {Accroche}"}}
}

var storyPhotos = []string{"shoot/vase-bleu.jpg", "shoot/bol-the.HEIC", "shoot/lampe.jpg", "shoot/autre.jpg"}

func TestStory(t *testing.T) {
	s := Settings{Kit: storyKit(), Name: "{preset}/{col:Produit}"}
	st, err := s.Story(frenchSheet(t), storyPhotos, "")
	if err != nil {
		t.Fatal(err)
	}
	empty, noRow := msg.New(msg.CaptionEmpty, msg.Text("column", "Accroche"), msg.Num("line", 5)), msg.New(msg.CaptionNoRow)
	want := [][]Caption{
		{{Text: "Vase bleu – 12,90 €"}, {Text: "Fait main"}},
		{{Text: "Bol à thé – 8,50 €"}, {Text: "-20 % sur tout"}},
		{{Text: "Lampe – 40,00 €"}, {Note: &empty}},
		{{Note: &noRow}, {Note: &noRow}},
	}
	for i := range storyPhotos {
		if got := st.Captions(i); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%s: %+v, want %+v", storyPhotos[i], got, want[i])
		}
	}
	if n := st.PhotosWithoutRow(); n != 1 {
		t.Errorf("%d photos without a row, want 1", n)
	}
	un := st.Unmatched()
	if len(un) != 1 || un[0].Input != "produits.csv" || !strings.Contains(un[0].Say(msg.English), "line 4 names no photo of the batch (coffret.jpg)") {
		t.Errorf("unmatched rows %+v", un)
	}
	pin, _ := preset.Lookup("pinterest-pin")
	p := st.Post(1, "pinterest-pin/Bol à thé.jpg", pin)
	if p.Title != "Bol à thé" || p.AltText != "Bol à thé" || p.Description != "Porcelaine fine, l’été comme l’hiver. -20 % sur tout" {
		t.Errorf("post %+v", p)
	}
	if st.Dialect() != posts.FrenchExcel || !st.Posts {
		t.Errorf("dialect %+v, posts %v", st.Dialect(), st.Posts)
	}
	if got := st.Column(0)("Produit"); got != "Vase bleu" {
		t.Errorf("{col:Produit} = %q", got)
	}
	if st.Column(3) != nil {
		t.Error("a photo without a row has column values")
	}
	// What the page sends with a job, and what the worker makes of it.
	namer, err := batch.NewNamer("{preset}/{col:Prix}-{col:Produit}")
	if err != nil {
		t.Fatal(err)
	}
	cols := st.Cols(1, namer)
	if strings.Join(cols, "|") != "8,50 €|Bol à thé" || st.Cols(3, namer) != nil {
		t.Errorf("cols %q", cols)
	}
	if got := namer.NameWith("pinterest-pin", "shoot/bol-the", 2, 0, 0, "jpeg", ColumnsOf(namer, cols)); got != "pinterest-pin/8,50 €-Bol à thé.jpg" {
		t.Errorf("name %q", got)
	}

	// The photo's words replace the kit's templates, the kit unchanged.
	plan, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	spec := plan.Photo(nil, st.Captions(2))
	if tx := spec.Brand.Texts; tx[0].Content != "Lampe – 40,00 €" || tx[1].Content != "" || !tx[1].Omitted.Equal(empty) || !tx[1].Badge {
		t.Errorf("texts %+v %+v", tx[0], tx[1])
	}
	if plan.Spec.Brand.Texts[0].Content != "{Produit} – {Prix}" {
		t.Error("the plan's kit changed")
	}
}

// TestStoryErrors: what stops the batch before it starts names the sheet
// or the layer, and what to do.
func TestStoryErrors(t *testing.T) {
	sh := frenchSheet(t)
	kit := func(change func(*brand.File)) Settings {
		k := storyKit()
		change(k)
		return Settings{Kit: k}
	}
	for _, tc := range []struct {
		name   string
		s      Settings
		sh     *sheet.Sheet
		photos []string
		match  string
		want   string
	}{
		{"unknown column", kit(func(k *brand.File) { k.Texts[1].Content = "{Promo}" }), sh, storyPhotos, "",
			`text 2: produits.csv has no column "Promo": its columns are`},
		{"no sheet", Settings{}, nil, storyPhotos, "", `text 1: the text names the column "Produit", and no sheet is loaded`},
		{"post column", kit(func(k *brand.File) { k.Posts.Description = "{Desc}" }), sh, storyPhotos, "", `the post description: produits.csv has no column "Desc"`},
		{"brace", kit(func(k *brand.File) { k.Texts[0].Content = "{Produit" }), sh, storyPhotos, "", `text 1: the template "{Produit" has an opening brace without its pair`},
		{"naming", Settings{Kit: storyKit(), Name: "{col:Ref}/{name}"}, sh, storyPhotos, "", `the naming template: produits.csv has no column "Ref"`},
		{"match column", Settings{}, sh, storyPhotos, "Photo", `produits.csv has no column "Photo"`},
		{"no file names", Settings{}, sh, []string{"x/zzz.jpg"}, "", "has no column of file names that picmark recognises"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.s
			if s.Kit == nil {
				s = Settings{Kit: storyKit()}
			}
			_, err := s.Story(tc.sh, tc.photos, tc.match)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want one saying %q", err, tc.want)
			}
		})
	}
	// Two rows naming one photo.
	two, err := sheet.ReadText("two.csv", []byte("Image;Produit\nvase-bleu.jpg;A\nVASE-BLEU.png;B\n"), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Settings{Kit: &brand.File{Version: brand.FileVersion, Texts: []brand.TextFile{{Content: "{Produit}"}}}}.Story(two, []string{"vase-bleu.heic"}, "")
	if err == nil || !strings.Contains(err.Error(), "names vase-bleu.heic on lines 2 and 3") {
		t.Errorf("two rows: %v", err)
	}
	// A kit's brace error is caught by Check, before any sheet.
	if err := kit(func(k *brand.File) { k.Posts.Title = "}" }).Check(); err == nil || !strings.Contains(err.Error(), "the post title") {
		t.Errorf("Check: %v", err)
	}
}
