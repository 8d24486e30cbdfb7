package captions

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/msg"
	"picmark/internal/sheet"
)

func read(t *testing.T, name, text string) *sheet.Sheet {
	t.Helper()
	s, err := sheet.ReadText(name, []byte(text), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// lines is, per photo, the line of its row (0 for none).
func lines(m *Matches) []int {
	out := make([]int, len(m.Rows))
	for i := range m.Rows {
		if r := m.Row(i); r != nil {
			out[i] = r.Line
		}
	}
	return out
}

// A Shopify product export (help.shopify.com, "Using CSV files"): one row
// per variant and per extra image, the product's Handle on each, its
// Title on the first only; images as CDN URLs with a ?v= query, %-escaped.
const shopify = `Handle,Title,Body (HTML),Vendor,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position,Image Alt Text,Variant Image
vase-bleu,Vase bleu,<p>Grès fait main</p>,Atelier,Title,Default Title,12.90,https://cdn.shopify.com/s/files/1/0533/2089/products/vase-bleu.jpg?v=1600000000,1,Vase bleu,
vase-bleu,,,,,,,https://cdn.shopify.com/s/files/1/0533/2089/products/vase-bleu-detail.jpg?v=1600000001,2,,
bol-the,Bol à thé,<p>Porcelaine</p>,Atelier,Taille,S,8.50,https://cdn.shopify.com/s/files/1/0533/2089/files/bol%20th%C3%A9.jpg?v=2,1,,https://cdn.shopify.com/s/files/1/0533/2089/files/bol%20th%C3%A9.jpg?v=2
bol-the,,,,,M,9.50,,,,https://cdn.shopify.com/s/files/1/0533/2089/files/bol%20th%C3%A9.jpg?v=2
lampe,Lampe,,Atelier,Title,Default Title,40.00,https://cdn.shopify.com/s/files/1/0533/2089/products/lampe.jpg?v=3,1,,
`

func TestMatchShopify(t *testing.T) {
	s := read(t, "products_export.csv", shopify)
	photos := []string{"vase-bleu.jpg", "details/vase-bleu-detail.HEIC", "bol the\u0301.jpg", "tasse.jpg"} // a Mac's decomposed é
	m, err := Match(s, photos, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(m); !reflect.DeepEqual(got, []int{2, 3, 4, 0}) {
		t.Errorf("lines %v", got)
	}
	if cols := m.Columns; !reflect.DeepEqual(cols, []int{7, 10}) { // Image Src and Variant Image
		t.Errorf("columns %v", cols)
	}
	if r := m.Row(1); r.Cells[1] != "Vase bleu" || r.Cells[6] != "12.90" || r.Cells[7] != "https://cdn.shopify.com/s/files/1/0533/2089/products/vase-bleu-detail.jpg?v=1600000001" {
		t.Errorf("the extra image's row takes the product's title and price, keeps its image: %q", r.Cells)
	}
	if s.Rows[1].Cells[1] != "" {
		t.Error("the sheet itself changed")
	}
	if len(m.Claims) != 0 {
		t.Errorf("claims %v: a product's own rows do not compete", m.Claims)
	}
	if !reflect.DeepEqual(m.Unmatched, []int{4}) { // the lamp
		t.Errorf("unmatched %v", m.Unmatched)
	}
}

// A WooCommerce export (woocommerce/sample-data/sample_products.csv): the
// variable product lists its gallery, comma-separated; each variation
// names its own image and its Parent's SKU.
const woo = `ID,Type,SKU,Name,Published,Regular price,Categories,Images,Parent,Download 1 URL
44,variable,woo-vneck-tee,V-Neck T-Shirt,1,,Clothing > Tshirts,"https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/vneck-tee-2.jpg, https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/vnech-tee-green-1.jpg, https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/vnech-tee-blue-1.jpg",,
47,simple,woo-tshirt,T-Shirt,1,18,Clothing > Tshirts,https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/tshirt-2.jpg,,
73,"simple, downloadable, virtual",woo-album,Album,1,15,Music,https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/album-1.jpg,,https://demo.woothemes.com/woocommerce/wp-content/uploads/sites/56/2017/08/single.jpg
77,variation,woo-vneck-tee-green,V-Neck T-Shirt - Green,1,20,,https://woocommercecore.mystagingwebsite.com/wp-content/uploads/2017/12/vnech-tee-green-1.jpg,woo-vneck-tee,
78,variation,woo-vneck-tee-blue,V-Neck T-Shirt - Blue,1,15,,,id:44,
`

func TestMatchWooCommerce(t *testing.T) {
	s := read(t, "wc-product-export.csv", woo)
	photos := []string{"vneck-tee-2.jpg", "vnech-tee-green-1.jpg", "vnech-tee-blue-1.jpg", "tshirt-2.jpg", "hoodie-2.jpg"}
	m, err := Match(s, photos, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The green variation names its image alone: it beats the gallery.
	if got := lines(m); !reflect.DeepEqual(got, []int{2, 5, 2, 3, 0}) {
		t.Errorf("lines %v", got)
	}
	if r := m.Row(1); r.Cells[3] != "V-Neck T-Shirt - Green" || r.Cells[6] != "Clothing > Tshirts" {
		t.Errorf("the variation keeps its name and takes its product's category: %q", r.Cells)
	}
	if !reflect.DeepEqual(m.Columns, []int{7}) {
		t.Errorf("columns %v", m.Columns)
	}
	if !reflect.DeepEqual(m.Unmatched, []int{2}) { // the album; its blue variation belongs to the T-shirt via id:44
		t.Errorf("unmatched %v", m.Unmatched)
	}
}

// A PrestaShop import/export sheet (PrestaShop docs/csv_import): semicolons,
// several image URLs in one cell, plain numeric file names.
const prestashop = `Product ID;Active (0/1);Name *;Price tax excluded;Image URLs (x,y,z...);Image alt texts (x,y,z...)
1;1;iPod Nano;100;http://localhost/prestashop/img/p/1/5/15.jpg,http://localhost/prestashop/img/p/2/3/23.jpg;First alt text,Second alt text
2;1;iPod shuffle;60;http://localhost/prestashop/img/p/2/3/23.jpg;First alt text
3;1;MacBook Air;1500;http://localhost/prestashop/img/p/1/1.jpg;First alt text
`

func TestMatchPrestaShop(t *testing.T) {
	s := read(t, "products_import.csv", prestashop)
	m, err := Match(s, []string{"15.jpg", "23.jpg", "photos/1.JPG"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := lines(m); !reflect.DeepEqual(got, []int{2, 3, 4}) {
		t.Errorf("lines %v", got)
	}
}

func TestMatchEdgeCases(t *testing.T) {
	tests := []struct {
		name   string
		sheet  string
		photos []string
		opt    Options
		lines  []int    // per photo
		claims []string // errors, in order
	}{
		{"extension and case ignored", "Nom;Fichier\nVase;IMG_0001.JPG\n", []string{"IMG_0001.HEIC", "img_0001.jpg", "IMG_0001.png.txt"}, Options{}, []int{2, 2, 0}, nil},
		{"the photo's own extension wins", "Nom;Fichier\nJpeg;a.jpg\nHeic;a.heic\n", []string{"a.jpg", "a.heic", "a.png"}, Options{}, []int{2, 3, 0},
			[]string{"s.csv names a.png on lines 2 and 3: keep it on one line, or give one of them the photo's folder (shoot/a.png)"}},
		{"same name in two folders: a bare name takes both", "Nom;Fichier\nVase;a.jpg\n", []string{"shoot1/a.jpg", "shoot2/a.jpg"}, Options{}, []int{2, 2}, nil},
		{"folders pick one", "Nom;Fichier\nVase;shoot1/a.jpg\nBol;shoot2/a.jpg\n", []string{"shoot1/a.jpg", "shoot2/a.jpg"}, Options{}, []int{2, 3}, nil},
		{"the more precise path wins", "Nom;Fichier\nVase;a.jpg\nBol;sub/a.jpg\n", []string{"shoot/sub/a.jpg", "other/a.jpg"}, Options{}, []int{3, 2}, nil},
		{"a path from another computer still names its file", "Nom;Fichier\nVase;C:\\Users\\Léa\\Photos\\shoot1\\a.JPG\n", []string{"shoot1/a.jpg", "shoot2/a.jpg"}, Options{}, []int{2, 0}, nil},
		{"folders that disagree: the name alone", "Nom;Fichier\nVase;ailleurs/a.jpg\n", []string{"shoot/a.jpg"}, Options{}, []int{2}, nil},
		{"the dropped folder's own name in the path", "Nom;Fichier\nVase;Mes photos/shoot/a.jpg\n", []string{"shoot/a.jpg"}, Options{}, []int{2}, nil},
		{"two rows, one photo", "Nom;Fichier\nVase;a.jpg\nBol;b.jpg\nTasse;A.JPG\n", []string{"a.jpg", "b.jpg"}, Options{}, []int{0, 3},
			[]string{"s.csv names a.jpg on lines 2 and 4: keep it on one line, or give one of them the photo's folder (shoot/a.png)"}},
		{"several names in a cell", "Nom;Fichiers\nVase;\"a.jpg; b.jpg\nc.jpg | d.jpg\"\n", []string{"a.jpg", "b.jpg", "c.jpg", "d.jpg"}, Options{}, []int{2, 2, 2, 2}, nil},
		{"a file name with a comma", "Nom;Fichier\nVase;\"Photo, été.jpg\"\n", []string{"Photo, ete\u0301.jpg", "été.jpg"}, Options{}, []int{2, 0}, nil},
		{"a stem with a dot keeps it", "Nom;Fichier\nVase;Vase 12.5\n", []string{"Vase 12.5.jpg", "Vase 12.jpg"}, Options{}, []int{2, 0}, nil},
		{"accents and no-break spaces", "Nom;Fichier\nVase;Été\u00a0à Paris.JPG\n", []string{"ete a paris.jpg"}, Options{}, []int{2}, nil},
		{"URL query, fragment and escapes", "Nom;Image\nVase;https://x.example/p/caf%C3%A9%20cr%C3%A8me.jpg?w=800&h=600#top\nBol;//cdn.example/b.png\nTasse;www.example.com/img/c.jpeg?x=1\nLampe;https://x.example/bad%zz.jpg?q\n",
			[]string{"café crème.jpg", "b.jpg", "c.jpg", "bad%zz.jpg"}, Options{}, []int{2, 3, 4, 5}, nil},
		{"a URL's folders are the shop's", "Nom;Image\nVase;https://x.example/shoot/a.jpg\n", []string{"mine/a.jpg"}, Options{}, []int{2}, nil},
		{"the column is chosen", "Ref;Nom;Autre\nVase;a.jpg;b.jpg\nBol;b.jpg;a.jpg\n", []string{"a.jpg", "b.jpg"}, Options{Columns: []string{"autre"}}, []int{3, 2}, nil},
		{"the best column wins; one naming by stem alone is not added", "Nom;Image\nvase;vase-1.jpg\nbol;bol-1.jpg\n", []string{"vase-1.jpg", "bol-1.jpg", "vase.jpg"}, Options{}, []int{2, 3, 0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Match(read(t, "s.csv", tt.sheet), tt.photos, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(m); !reflect.DeepEqual(got, tt.lines) {
				t.Errorf("lines %v, want %v", got, tt.lines)
			}
			var claims []string
			for _, c := range m.Claims {
				claims = append(claims, c.Error())
			}
			if len(claims) != len(tt.claims) || len(claims) > 0 && !strings.HasPrefix(claims[0], tt.claims[0][:30]) {
				t.Errorf("claims %q, want %q", claims, tt.claims)
			}
		})
	}
}

func TestMatchClaimMessage(t *testing.T) {
	m, err := Match(read(t, "produits.csv", "Nom;Fichier\nVase;a.jpg\nBol;b.jpg\nTasse;A.JPG\n"), []string{"shoot/a.jpg"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "produits.csv names shoot/a.jpg on lines 2 and 4: keep it on one line, or give one of them the photo's folder (shoot/shoot/a.jpg)"
	if len(m.Claims) != 1 || m.Claims[0].Error() != want || m.Claims[0].Msg.Code != msg.RowClaim {
		t.Errorf("claims %v\nwant %s", m.Claims, want)
	}
	if m.Rows[0] != -1 || m.Row(0) != nil || m.Row(7) != nil {
		t.Error("a claimed photo got a row")
	}
}

func TestMatchErrors(t *testing.T) {
	s := read(t, "produits.csv", "Nom;Prix\nVase;12\n")
	_, err := Match(s, []string{"IMG_0001.jpg"}, Options{})
	var e *Error
	if !errors.As(err, &e) || e.Msg.Code != msg.NoNameColumn ||
		err.Error() != "produits.csv has no column of file names that picmark recognises (none names IMG_0001.jpg, for example): choose the column that holds the photos' file names" {
		t.Errorf("got %v", err)
	}
	_, err = Match(s, []string{"a.jpg"}, Options{Columns: []string{"Image"}})
	var se *sheet.Error
	if !errors.As(err, &se) || se.Code != sheet.CodeNoColumn || !strings.Contains(err.Error(), `"Nom", "Prix"`) {
		t.Errorf("got %v", err)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Été à PARIS":      "ete a paris",
		"e\u0301te\u0301":  "ete",
		"Œuvre Ærø Straße": "œuvre æro straße",
		"ĀăĄćĉċčďđēĝğġģĥħĩıĵķĺłńňŋōőœŕśşšţťŧũůűųŵŷÿźżžſ": "aaaccccddegggghhiijkllnnŋooœrssstttuuuuwyyzzzs",
		"a\u00a0b\u202fc\u2007d": "a b c d",
		"IMG_0001":               "img_0001",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	if len(latinABase) != 0x80 || len(latin1Base) != 0x20 {
		t.Errorf("tables %d, %d", len(latinABase), len(latin1Base))
	}
}
