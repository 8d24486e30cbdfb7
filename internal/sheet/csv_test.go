package sheet

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"picmark/internal/msg"
)

// frenchRows is a French product list with what trips readers up: accents,
// the ’ apostrophe, œ, €, no-break spaces (U+00A0 before € and %, U+202F
// in 1 234), a separator and a line break inside quoted cells, quotes.
var frenchRows = [][]string{
	{"Produit", "Prix", "Remise", "Image", "Description"},
	{"Vase bleu « Œuvre »", "12,90\u00a0€", "20\u00a0%", "vase-bleu.jpg", "Grès fait main, l’été"},
	{"Bol à thé", "1\u202f234,50\u00a0€", "5\u00a0%", "shoot/bol-thé.HEIC", "Deux lignes\nici; et ; des, séparateurs"},
	{"Tasse \"Café\"", "0,00\u00a0€", "", "tasse.png", "-20 % sur tout"},
}

// csvText writes rows the way a spreadsheet does: quoting only cells that
// need it, lines ended by CRLF.
func csvText(rows [][]string, sep rune) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteRune(sep)
			}
			if strings.ContainsAny(c, string(sep)+"\"\r\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		if bigEndian {
			b = append(b, byte(c>>8), byte(c))
		} else {
			b = append(b, byte(c), byte(c>>8))
		}
	}
	return b
}

func eightBitBytes(t *testing.T, s string, cm *charmap.Charmap) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("%s cannot hold the test text: %v", cm, err)
	}
	return b
}

func TestReadTextEncodingsAndSeparators(t *testing.T) {
	// Windows-1252 and Mac Roman have no U+202F: those files hold a plain
	// no-break space where UTF ones hold the narrow one.
	latin := make([][]string, len(frenchRows))
	for i, r := range frenchRows {
		latin[i] = make([]string, len(r))
		for j, c := range r {
			latin[i][j] = strings.ReplaceAll(c, "\u202f", "\u00a0")
		}
	}
	tests := []struct {
		name, enc string
		sep       rune
		rows      [][]string
		data      func(string) []byte
	}{
		{"UTF-8 comma", UTF8, ',', frenchRows, func(s string) []byte { return []byte(s) }},
		{"UTF-8 BOM semicolon", UTF8, ';', frenchRows, func(s string) []byte { return []byte("\ufeff" + s) }},
		{"UTF-8 bar", UTF8, '|', frenchRows, func(s string) []byte { return []byte(s) }},
		{"UTF-16LE BOM tab (Excel's Unicode text)", UTF16LE, '\t', frenchRows, func(s string) []byte { return utf16Bytes(s, false, true) }},
		{"UTF-16BE BOM tab", UTF16BE, '\t', frenchRows, func(s string) []byte { return utf16Bytes(s, true, true) }},
		{"UTF-16LE without BOM", UTF16LE, ';', frenchRows, func(s string) []byte { return utf16Bytes(s, false, false) }},
		{"UTF-16BE without BOM", UTF16BE, ',', frenchRows, func(s string) []byte { return utf16Bytes(s, true, false) }},
		{"Windows-1252 semicolon (French Excel's CSV point-virgule)", Windows1252, ';', latin, func(s string) []byte { return eightBitBytes(t, s, charmap.Windows1252) }},
		{"Mac Roman semicolon (Excel for Mac's CSV Macintosh)", MacRoman, ';', latin, func(s string) []byte { return eightBitBytes(t, s, charmap.Macintosh) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadText("produits.csv", tt.data(csvText(tt.rows, tt.sep)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Encoding != tt.enc || s.Separator != tt.sep || s.Format != CSV {
				t.Errorf("read as %s %q %s, want %s %q", s.Encoding, s.Separator, s.Format, tt.enc, tt.sep)
			}
			if !reflect.DeepEqual(s.Header, tt.rows[0]) {
				t.Errorf("header %q, want %q", s.Header, tt.rows[0])
			}
			var got [][]string
			var lines []int
			for _, r := range s.Rows {
				got = append(got, r.Cells)
				lines = append(lines, r.Line)
			}
			if !reflect.DeepEqual(got, tt.rows[1:]) {
				t.Errorf("rows\n%q\nwant\n%q", got, tt.rows[1:])
			}
			if want := []int{2, 3, 5}; !reflect.DeepEqual(lines, want) { // the line break in row 3 moves row 4 to line 5
				t.Errorf("lines %v, want %v", lines, want)
			}
		})
	}
}

func TestReadTextShapes(t *testing.T) {
	tests := []struct {
		name, text string
		header     []string
		rows       [][]string
		lines      []int
	}{
		{"one column of names", "Image\na.jpg\nb.jpg\n", []string{"Image"}, [][]string{{"a.jpg"}, {"b.jpg"}}, []int{2, 3}},
		{"sep= line obeyed, lines kept", "sep=;\nA;B\n1,5;2\n", []string{"A", "B"}, [][]string{{"1,5", "2"}}, []int{3}},
		{"quoted sep= line", "\"sep=,\"\nA,B\n1;5,2\n", []string{"A", "B"}, [][]string{{"1;5", "2"}}, []int{3}},
		{"decimal commas do not fool the separator", "Nom;Prix\nVase;12,90\nBol;3,50\n", []string{"Nom", "Prix"}, [][]string{{"Vase", "12,90"}, {"Bol", "3,50"}}, []int{2, 3}},
		{"empty rows and blank lines dropped", "A;B\n\n;\n1;2\n ; \n3;4", []string{"A", "B"}, [][]string{{"1", "2"}, {"3", "4"}}, []int{4, 6}},
		{"leading empty lines before the header", "\n\nA,B\n1,2\n", []string{"A", "B"}, [][]string{{"1", "2"}}, []int{4}},
		{"short and long rows padded to the widest", "A,B\n1\n1,2,3\n", []string{"A", "B", ""}, [][]string{{"1", "", ""}, {"1", "2", "3"}}, []int{2, 3}},
		{"spaces trimmed, inside kept", "  A , B\u00a0\n x y ,\u00a012\u00a0€ \n", []string{"A", "B"}, [][]string{{"x y", "12\u00a0€"}}, []int{2}},
		{"old Mac line ends (CR alone)", "A;B\r1;2\r3;4\r", []string{"A", "B"}, [][]string{{"1", "2"}, {"3", "4"}}, []int{2, 3}},
		{"a quote inside an unquoted cell is text", "Produit;Taille\nCadre 5\";13 x 18\n", []string{"Produit", "Taille"}, [][]string{{"Cadre 5\"", "13 x 18"}}, []int{2}},
		{"header only", "A;B;C\n", []string{"A", "B", "C"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadText("t.csv", []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Header, tt.header) {
				t.Errorf("header %q, want %q", s.Header, tt.header)
			}
			var got [][]string
			var lines []int
			for _, r := range s.Rows {
				got = append(got, r.Cells)
				lines = append(lines, r.Line)
			}
			if !reflect.DeepEqual(got, tt.rows) || !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("rows %q at %v, want %q at %v", got, lines, tt.rows, tt.lines)
			}
		})
	}
}

func TestReadTextErrors(t *testing.T) {
	long := strings.Repeat("é", 11)
	tests := []struct {
		name string
		data []byte
		lim  Limits
		code msg.Code
		want string // the whole message
	}{
		{"too big", []byte("A;B\n1;2\n"), Limits{Bytes: 4}, CodeTooBig,
			"t.csv is 8 bytes; picmark reads sheets up to 4 bytes: keep the columns and rows you need, or save it as CSV UTF-8"},
		{"a quote never closed", []byte("A;B\n1;2\n3;\"open\n4;5\n"), Limits{}, CodeQuote,
			"t.csv, line 3 has a quote (\") that opens a text and never closes it: check the quotes on that line, or save it again as CSV UTF-8 from your spreadsheet"},
		{"BOM says UTF-8, bytes do not", append([]byte("\xef\xbb\xbfA;B\n1;2\n"), 0xe9, '\n'), Limits{}, CodeEncoding,
			"t.csv, line 3 is not UTF-8 though it starts as UTF-8 does: save it again as CSV UTF-8"},
		{"empty", []byte(" ; \n\n;;\n"), Limits{}, CodeEmpty, "t.csv has no rows: check that you chose the right file"},
		{"nothing at all", nil, Limits{}, CodeEmpty, "t.csv has no rows: check that you chose the right file"},
		{"rows", []byte("A\n1\n2\n3\n"), Limits{Rows: 3}, CodeRows,
			"t.csv, line 4 has more than 3 rows; picmark reads up to 3: delete the rows you do not need, or split the sheet"},
		{"columns", []byte("A,B,C\n1,2,3\n"), Limits{Columns: 2}, CodeColumns,
			"t.csv, line 1 has data past column B; picmark reads up to 2 columns: delete the columns you do not need"},
		{"a cell too long, in characters not bytes", []byte("A;B\n1;" + long + "\n"), Limits{Cell: 10}, CodeCell,
			"t.csv, line 2, column B has a cell of more than 10 characters, the most picmark reads in a cell: shorten it"},
		{"binary", []byte("A;B\n\x00\x01\x02;\x00\n"), Limits{}, CodeNotSheet,
			"t.csv is a binary file, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
		{"an XLSX given to the CSV reader", []byte("PK\x03\x04rest"), Limits{}, CodeWorkbook,
			`t.csv is an Excel or LibreOffice workbook, and this page reads CSV sheets only: in Excel, choose File > Save As and the type "CSV UTF-8 (Comma delimited)"; ` +
				`in LibreOffice, File > Save As, the type "Text CSV" and the character set "Unicode (UTF-8)". Then choose that CSV file here`},
		{"an old .xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), Limits{}, CodeOldExcel,
			"t.csv is an old Excel workbook (.xls): open it in Excel and save it as .xlsx, or as CSV UTF-8"},
		{"a workbook with a password", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...."), utf16le("EncryptionInfo")...), Limits{}, CodeProtected,
			"t.csv is protected by a password: save a copy without the password, or save it as CSV UTF-8"},
		{"a PDF", []byte("%PDF-1.7 ..."), Limits{}, CodeNotSheet,
			"t.csv is a PDF, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
		{"a JPEG", []byte("\xff\xd8\xff\xe0 JFIF"), Limits{}, CodeNotSheet,
			"t.csv is an image, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
		{"a HEIC", []byte("\x00\x00\x00\x18ftypheic...."), Limits{}, CodeNotSheet,
			"t.csv is an image, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadText("t.csv", tt.data, Options{Limits: tt.lim})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, %v; want a *Error", s, err)
			}
			if e.Code != tt.code || err.Error() != tt.want {
				t.Errorf("got %s %q\nwant %s %q", e.Code, err.Error(), tt.code, tt.want)
			}
		})
	}
}

func TestDecodeTextPicksTheEightBitEncoding(t *testing.T) {
	// French words in both encodings, and bytes only one of them defines.
	for _, tt := range []struct {
		name string
		data []byte
		enc  string
		want string
	}{
		{"Windows-1252", []byte("caf\xe9 \x80 \x92t\xe9"), Windows1252, "café € ’té"},
		{"Mac Roman", []byte("caf\x8e cr\x8fme \x88 la"), MacRoman, "café crème à la"},
		{"a byte Windows-1252 lacks is Mac Roman", []byte("\x8d\x81"), MacRoman, "çÅ"},
		{"capitals", []byte("\xc9T\xc9"), Windows1252, "ÉTÉ"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, bad := decodeText(tt.data)
			if text != tt.want || enc != tt.enc || bad != 0 {
				t.Errorf("got %q %s %d, want %q %s", text, enc, bad, tt.want, tt.enc)
			}
		})
	}
}

func TestIndex(t *testing.T) {
	s := &Sheet{Name: "p.csv", Header: []string{"Référence", "Prix ", "PRODUIT", "prix\u00a0TTC", "", "Nom", "nom"}}
	tests := []struct {
		name string
		want int
		err  string
	}{
		{"Référence", 0, ""},
		{"Prix ", 1, ""},         // exact
		{"Prix", 1, ""},          // a trailing space in the header
		{"produit", 2, ""},       // case
		{"Prix TTC", 3, ""},      // a no-break space
		{"  prix   ttc ", 3, ""}, // runs of spaces
		{"Nom", 5, ""},           // exact wins over a loose twin
		{"NOM", -1, `p.csv has several columns that could be "NOM" ("Nom", "nom"): give them distinct names, or name one exactly`},
		{"Reference", -1, `p.csv has no column "Reference": its columns are "Référence", "Prix ", "PRODUIT", "prix TTC", E, "Nom", "nom"`},
		{"", -1, `p.csv has no column "": its columns are "Référence", "Prix ", "PRODUIT", "prix TTC", E, "Nom", "nom"`},
	}
	for _, tt := range tests {
		got, err := s.Index(tt.name)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("Index(%q) = %d, %v; want %d", tt.name, got, err, tt.want)
		case tt.err != "" && (err == nil || err.Error() != tt.err || got != -1):
			t.Errorf("Index(%q) = %d, %v;\nwant error %s", tt.name, got, err, tt.err)
		}
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{0: "", -1: "", 1: "A", 2: "B", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := ColumnName(n); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLocaleFor(t *testing.T) {
	for lang, want := range map[string]string{"fr": ",", "fr-BE": ",", "FR_ca": ",", "en": ".", "en-GB": ".", "": ".", "frisian": "."} {
		if got := LocaleFor(lang).Decimal; got != want {
			t.Errorf("LocaleFor(%q).Decimal = %q, want %q", lang, got, want)
		}
	}
}

func TestBuilderMergeDown(t *testing.T) {
	b := NewBuilder("m", Limits{})
	for _, r := range []struct {
		line  int
		cells []string
	}{{1, []string{"A", "B"}}, {2, []string{"x", "merged"}}, {3, []string{"y", ""}}, {5, []string{"z", "own"}}, {6, []string{"w"}}} {
		if err := b.Add(r.line, r.cells); err != nil {
			t.Fatal(err)
		}
	}
	b.MergeDown(2, 2, 6)  // lines 3 (empty cell), 4 (no row), 5 (its own value), 6 (short row)
	b.MergeDown(9, 1, 12) // no such row: nothing
	s, err := b.Sheet(CSV)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range s.Rows {
		got = append(got, r.Cells[1])
	}
	if want := []string{"merged", "merged", "own", "merged"}; !reflect.DeepEqual(got, want) {
		t.Errorf("column B = %q, want %q", got, want)
	}
	if s.String() != "m (CSV, , '\\x00'): 2 columns, 4 rows" {
		t.Errorf("String() = %q", s.String())
	}
}
