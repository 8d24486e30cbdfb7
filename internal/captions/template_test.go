package captions

import (
	"errors"
	"reflect"
	"testing"

	"picmark/internal/msg"
	"picmark/internal/sheet"
)

func TestTemplate(t *testing.T) {
	s := &sheet.Sheet{Name: "produits.csv", Header: []string{"Produit", "Prix ", "Référence", "Vide"}}
	row := &sheet.Row{Line: 7, Cells: []string{"Vase bleu", "12,90\u00a0€", "REF-001", ""}}
	tests := []struct {
		src, want string
		cols      []string
		note      string // the English note when the text is left out
	}{
		{"{Produit} – {Prix} €", "Vase bleu – 12,90\u00a0€ €", []string{"Produit", "Prix"}, ""},
		{"{produit} ({ PRIX })", "Vase bleu (12,90\u00a0€)", []string{"produit", "PRIX"}, ""},
		{"Réf. {col:Référence}", "Réf. REF-001", []string{"Référence"}, ""},
		{"{{Soldes}} !", "{Soldes} !", nil, ""},
		{"Soldes d’été", "Soldes d’été", nil, ""},
		{"", "", nil, ""},
		{"{Produit} {Vide}", "", []string{"Produit", "Vide"}, `line 7 has nothing in "Vide"`},
	}
	for _, tt := range tests {
		tpl, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if tpl.String() != tt.src || !reflect.DeepEqual(tpl.Columns(), tt.cols) {
			t.Errorf("%q: String %q, Columns %q", tt.src, tpl.String(), tpl.Columns())
		}
		b, err := tpl.Bind(s)
		if err != nil {
			t.Fatal(err)
		}
		if b.Template() != tpl {
			t.Error("Template()")
		}
		got, note := b.Fill(row)
		switch {
		case got != tt.want:
			t.Errorf("Fill(%q) = %q, want %q", tt.src, got, tt.want)
		case tt.note == "" && !note.IsZero(), tt.note != "" && note.String() != tt.note:
			t.Errorf("Fill(%q) note %v, want %q", tt.src, note, tt.note)
		}
		// No row: a template with columns is left out, one without is its text.
		got, note = b.Fill(nil)
		if len(tt.cols) > 0 && (got != "" || note.Code != msg.CaptionNoRow || note.String() != "no row of the sheet names this photo") ||
			len(tt.cols) == 0 && (got != tt.want || !note.IsZero()) {
			t.Errorf("Fill(nil) of %q = %q, %v", tt.src, got, note)
		}
	}
	// A short row (fewer cells than the header) reads as empty.
	b, _ := mustParse(t, "{Vide}").Bind(s)
	if got, note := b.Fill(&sheet.Row{Line: 3, Cells: []string{"x"}}); got != "" || !note.Equal(msg.New(msg.CaptionEmpty, msg.Text("column", "Vide"), msg.Num("line", 3))) {
		t.Errorf("short row: %q %v", got, note)
	}
}

func mustParse(t *testing.T, src string) *Template {
	t.Helper()
	tpl, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func TestTemplateErrors(t *testing.T) {
	for src, want := range map[string]string{
		"{Produit":      `the template "{Produit" has an opening brace without its pair: put a column's name between two braces to insert its value, and write a brace twice to show one`,
		"Produit}":      `the template "Produit}" has a closing brace without its pair: put a column's name between two braces to insert its value, and write a brace twice to show one`,
		"{Pro{duit}":    `the template "{Pro{duit}" has an opening brace without its pair: put a column's name between two braces to insert its value, and write a brace twice to show one`,
		"Prix : {}":     `the template "Prix : {}" has a pair of braces with no column name in it: write the column's header between the braces`,
		"Prix : {col:}": `the template "Prix : {col:}" has a pair of braces with no column name in it: write the column's header between the braces`,
	} {
		_, err := Parse(src)
		var e *Error
		if !errors.As(err, &e) || err.Error() != want {
			t.Errorf("Parse(%q) = %v\nwant %s", src, err, want)
		}
	}
	s := &sheet.Sheet{Name: "produits.csv", Header: []string{"Produit", "Prix"}}
	_, err := mustParse(t, "{Produit} {Prx}").Bind(s)
	var se *sheet.Error
	if !errors.As(err, &se) || err.Error() != `produits.csv has no column "Prx": its columns are "Produit", "Prix"` {
		t.Errorf("Bind: %v", err)
	}
	_, err = mustParse(t, "{Prix} €").Bind(nil)
	if err == nil || err.Error() != `the text names the column "Prix", and no sheet is loaded: add the sheet, or take the column out of the text` {
		t.Errorf("Bind(nil): %v", err)
	}
	if b, err := mustParse(t, "Soldes").Bind(nil); err != nil || b == nil {
		t.Errorf("a fixed text needs no sheet: %v", err)
	}
}

func TestFillRowShorterThanHeader(t *testing.T) {
	s := &sheet.Sheet{Header: []string{"A", "B"}}
	b, err := mustParse(t, "{B}").Bind(s)
	if err != nil {
		t.Fatal(err)
	}
	if got, note := b.Fill(&sheet.Row{Line: 4, Cells: []string{"x"}}); got != "" || note.Code != msg.CaptionEmpty {
		t.Errorf("%q %v", got, note)
	}
}
