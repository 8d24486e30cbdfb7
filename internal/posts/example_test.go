package posts_test

import (
	"fmt"
	"os"

	"picmark/internal/captions"
	"picmark/internal/posts"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

// The whole story: a sheet, the photos it describes, a caption for each
// and posts.csv. (The prices hold a no-break space before €, as French
// sheets do.)
func Example() {
	data := []byte("Produit;Prix;Photo\nVase bleu;12,90\u00a0€;IMG_0001.jpg\nBol à thé;8,50\u00a0€;bol.jpg\n")
	s, err := sheet.ReadText("produits.csv", data, sheet.Options{}) // workbook.Read takes XLSX and ODS too
	if err != nil {
		fmt.Println(err)
		return
	}
	photos := []string{"shoot/IMG_0001.HEIC", "shoot/tasse.jpg"}
	m, err := captions.Match(s, photos, captions.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	tpl, err := captions.Parse("{Produit} – {Prix}")
	if err != nil {
		fmt.Println(err)
		return
	}
	caption, err := tpl.Bind(s) // a column the sheet lacks is an error here, before the batch
	if err != nil {
		fmt.Println(err)
		return
	}
	pin, _ := preset.Lookup("pinterest-pin")
	var all []posts.Post
	for i, photo := range photos {
		text, note := caption.Fill(m.Row(i))
		if !note.IsZero() {
			fmt.Printf("%s: %s\n", photo, note)
		} else {
			fmt.Printf("%s: %s\n", photo, text)
		}
		all = append(all, posts.Make("pinterest-pin/"+photo, pin, posts.Templates{Title: caption}, m.Row(i)))
	}
	for _, r := range m.Unmatched {
		fmt.Printf("line %d names no photo\n", s.Rows[r].Line)
	}
	posts.WriteCSV(os.Stdout, all, posts.Standard)
	// Output:
	// shoot/IMG_0001.HEIC: Vase bleu – 12,90 €
	// shoot/tasse.jpg: no row of the sheet names this photo
	// line 3 names no photo
	// output,preset,title,description,alt_text
	// pinterest-pin/shoot/IMG_0001.HEIC,pinterest-pin,"Vase bleu – 12,90 €",,"Vase bleu – 12,90 €"
	// pinterest-pin/shoot/tasse.jpg,pinterest-pin,,,
}
