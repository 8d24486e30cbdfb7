package posts

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/captions"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

func TestCount(t *testing.T) {
	tests := []struct {
		s                    string
		utf16, x, bytes, thr int
	}{
		{"Vase bleu", 9, 9, 9, 9},
		{"Été à Paris — 12\u00a0€", 18, 19, 26, 18}, // € (U+20AC) weighs 2 on X
		{"’“”…", 4, 5, 12, 4},                       // ’ “ ” weigh 1 on X, … weighs 2
		{"花瓶", 2, 4, 6, 2},                          // CJK weighs 2 on X
		{"👍", 2, 2, 4, 4},                           // an emoji: a surrogate pair, 2 on X, 4 bytes on Threads
		{"👍🏽", 4, 4, 8, 8},                          // with a skin tone: X counts 2, this counts 4 (never less)
		{"✔", 1, 2, 3, 3},
		{"©", 1, 2, 2, 2}, // X may take © for an emoji
		{"e\u0301", 2, 2, 3, 2},
		{"Voir https://picmark.example/produits/vase-bleu-en-gres-fait-main?ref=pin", 73, 28, 73, 73},
		{"(https://a.example/x).", 22, 26, 22, 22},
		{"picmark.fr", 10, 23, 10, 10},        // a bare domain: at least 23 on X
		{"ftp://a.example/x", 17, 17, 17, 17}, // not a link X shortens
		{"a.b", 3, 3, 3, 3},                   // no letters after the dot: not a domain
		{"v1.2", 4, 4, 4, 4},
		{"", 0, 0, 0, 0},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			u    Unit
			want int
		}{{UTF16, tt.utf16}, {XWeighted, tt.x}, {UTF8Bytes, tt.bytes}, {Threads, tt.thr}} {
			if got := Count(tt.s, c.u); got != c.want {
				t.Errorf("Count(%q, %d) = %d, want %d", tt.s, c.u, got, c.want)
			}
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		u    Unit
		want string
	}{
		{"Vase bleu", 9, UTF16, "Vase bleu"},
		{"Vase bleu", 0, UTF16, "Vase bleu"}, // no limit
		{"Vase bleu en grès", 12, UTF16, "Vase bleu…"},
		{"Vase bleu, en grès", 13, UTF16, "Vase bleu…"},           // no comma before the ellipsis
		{"Remise de 20\u00a0% sur tout", 14, UTF16, "Remise de…"}, // never between 20 and %
		{"Supercalifragilistic", 10, UTF16, "Supercali…"},         // one word: cut between letters
		{"Cafe\u0301s", 5, UTF16, "Caf…"},                         // never between e and its accent
		{"👨\u200d👩\u200d👧 famille", 6, UTF16, "…"},                // never inside an emoji
		{"花瓶花瓶花瓶", 6, XWeighted, "花瓶…"},
		{"Nouveau : https://picmark.example/une/tres/longue/adresse/qui/compte/vingt-trois encore du texte", 40, XWeighted, "Nouveau : https://picmark.example/une/tres/longue/adresse/qui/compte/vingt-trois…"},
		{"x", 0, XWeighted, "x"},
		{"ab", 1, UTF16, "…"},
	}
	for _, tt := range tests {
		got, cut := Fit(tt.s, tt.max, tt.u)
		if got != tt.want || cut != (got != tt.s) {
			t.Errorf("Fit(%q, %d) = %q %v, want %q", tt.s, tt.max, got, cut, tt.want)
		}
		if tt.max > 0 && Count(got, tt.u) > tt.max {
			t.Errorf("Fit(%q, %d) = %q counts %d", tt.s, tt.max, got, Count(got, tt.u))
		}
	}
}

func FuzzFit(f *testing.F) {
	f.Add("Vase bleu en grès https://a.example/x 👍🏽 花瓶", 12)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max%300 + 1
		if max < 1 {
			max = -max + 1
		}
		for _, u := range []Unit{UTF16, XWeighted, UTF8Bytes, Threads} {
			got, cut := Fit(s, max, u)
			if Count(got, u) > max && !(got == ellipsis) {
				t.Fatalf("Fit(%q, %d, %d) = %q counts %d", s, max, u, got, Count(got, u))
			}
			if !cut && got != s {
				t.Fatalf("changed without a cut")
			}
		}
	})
}

// TestLimitsCoverEveryPreset: every built-in preset's platform is in the
// table, so no post text goes out uncut by mistake.
func TestLimitsCoverEveryPreset(t *testing.T) {
	for _, p := range preset.All() {
		if _, _, known := LimitFor(p.Platform, Description); !known {
			t.Errorf("preset %s: platform %q has no limits", p.ID, p.Platform)
		}
	}
	for _, l := range Limits() {
		if l.Source == "" || l.Checked == "" || l.Max < 0 {
			t.Errorf("%+v: a limit needs its source and date", l)
		}
	}
	if l, ok, known := LimitFor("Pinterest", Title); !ok || !known || l.Max != 100 {
		t.Errorf("Pinterest title: %+v", l)
	}
	if _, ok, known := LimitFor("Instagram", Title); ok || !known {
		t.Error("Instagram has no title")
	}
	if _, ok, known := LimitFor("Mastodon", Title); ok || known {
		t.Error("an unknown platform")
	}
}

func bind(t *testing.T, s *sheet.Sheet, src string) *captions.Bound {
	t.Helper()
	tpl, err := captions.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tpl.Bind(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPostsCSV builds posts for a French sheet and checks posts.csv cell by
// cell.
func TestPostsCSV(t *testing.T) {
	s, err := sheet.ReadText("produits.csv", []byte("Produit;Prix;Accroche;Description\n"+
		"Vase bleu;12,90\u00a0€;-20 % sur tout;\"Grès fait main, l’été.\nPièce unique.\"\n"+
		"=HYPERLINK(\"http://x.example\");1\u00a0€;+33 6 12 34 56 78;"+strings.Repeat("Très long texte ", 40)+"\n"), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := Templates{
		Title:       bind(t, s, "{Produit} – {Prix}"),
		Description: bind(t, s, "{Accroche}\n{Description}\nhttps://boutique.example/produits/{Produit}"),
	}
	pin, _ := preset.Lookup("pinterest-pin")
	insta, _ := preset.Lookup("instagram-square")
	x, _ := preset.Lookup("x-post")
	yt, _ := preset.Lookup("youtube-thumb")
	custom := preset.Preset{ID: "custom-1", Platform: ""}
	row1, row2 := &s.Rows[0], &s.Rows[1]
	posts := []Post{
		Make("pinterest-pin/vase.jpg", pin, ts, row1),
		Make("instagram-square/vase.jpg", insta, ts, row1),
		Make("x-post/vase.jpg", x, ts, row2),
		Make("youtube-thumb/vase.jpg", yt, ts, row1),
		Make("custom-1/tasse.jpg", custom, ts, nil),
		Make("pinterest-pin/long.jpg", pin, ts, row2),
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, posts, Standard); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	desc1 := "-20 % sur tout\nGrès fait main, l’été.\nPièce unique.\nhttps://boutique.example/produits/Vase bleu"
	want := [][]string{
		Header,
		{"pinterest-pin/vase.jpg", "pinterest-pin", "Vase bleu – 12,90\u00a0€", desc1, "Vase bleu – 12,90\u00a0€"},
		{"instagram-square/vase.jpg", "instagram-square", "", desc1, "Vase bleu – 12,90\u00a0€"}, // Instagram has no title
		{"x-post/vase.jpg", "x-post", "", posts[2].Description, `'=HYPERLINK("http://x.example") – 1` + "\u00a0€"},
		{"youtube-thumb/vase.jpg", "youtube-thumb", "Vase bleu – 12,90\u00a0€", desc1, ""}, // no alt text on YouTube
		{"custom-1/tasse.jpg", "custom-1", "", "", ""},
		{"pinterest-pin/long.jpg", "pinterest-pin", `'=HYPERLINK("http://x.example") – 1` + "\u00a0€", posts[5].Description, `'=HYPERLINK("http://x.example") – 1` + "\u00a0€"},
	}
	if !reflect.DeepEqual(recs, want) {
		for i := range want {
			if i < len(recs) && !reflect.DeepEqual(recs[i], want[i]) {
				t.Errorf("row %d:\n got %q\nwant %q", i, recs[i], want[i])
			}
		}
		if len(recs) != len(want) {
			t.Errorf("%d rows, want %d", len(recs), len(want))
		}
	}
	// X: cut to 280 as X counts, the link at 23, the ellipsis at the end.
	if d := posts[2].Description; Count(d, XWeighted) > 280 || !strings.HasSuffix(d, "…") || !strings.HasPrefix(d, "+33 6 12 34 56 78\nTrès long") {
		t.Errorf("X description %q (%d)", d, Count(d, XWeighted))
	}
	if c := posts[2].Cut; len(c) != 1 || c[0].Field != Description || c[0].Limit.Max != 280 || c[0].Had <= 280 ||
		!strings.HasPrefix(c[0].String(), "the description was cut at a word to fit X's 280 (it had ") {
		t.Errorf("X cut notes %+v", c)
	}
	if d := posts[5].Description; Count(d, UTF16) > 500 || !strings.HasSuffix(d, "…") {
		t.Errorf("Pinterest description %d characters", Count(d, UTF16))
	}
	if n := posts[4].Notes; len(n) != 1 || n[0].Code != msg.CaptionNoRow { // one note, not one per text
		t.Errorf("no row: notes %v", n)
	}
	if len(posts[0].Notes)+len(posts[0].Cut) != 0 {
		t.Errorf("notes on a clean post: %v %v", posts[0].Notes, posts[0].Cut)
	}
}

func TestWriteCSVDialects(t *testing.T) {
	p := []Post{{Output: "a.jpg", Preset: "x-post", Title: "Été; «20 %»", AltText: "-2+3"}}
	var b bytes.Buffer
	if err := WriteCSV(&b, p, FrenchExcel); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffoutput;preset;title;description;alt_text\na.jpg;x-post;\"Été; «20 %»\";;'-2+3\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
	b.Reset()
	if err := WriteCSV(&b, p, Dialect{}); err != nil || !strings.HasPrefix(b.String(), "output,preset,") {
		t.Errorf("zero dialect: %q %v", b.String(), err)
	}
}

func TestAltTextTemplate(t *testing.T) {
	s := &sheet.Sheet{Header: []string{"Produit", "Alt"}}
	row := &sheet.Row{Line: 2, Cells: []string{"Vase", "Un vase bleu   sur une table\nen bois"}}
	pin, _ := preset.Lookup("pinterest-pin")
	p := Make("a.jpg", pin, Templates{Title: bind(t, s, "{Produit}"), AltText: bind(t, s, "{Alt}")}, row)
	if p.AltText != "Un vase bleu sur une table en bois" || p.Title != "Vase" || p.Description != "" {
		t.Errorf("%+v", p)
	}
	if Field(2).String() != "alt_text" || Title.String() != "title" {
		t.Error("field names")
	}
}
