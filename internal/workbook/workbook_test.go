package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// testdata/produits.xlsx and produits.ods were written by LibreOffice Calc
// 7.4 (Debian's libreoffice-calc-nogui) from testdata/produits.fods:
//
//	soffice --headless --convert-to xlsx produits.fods
//	soffice --headless --convert-to ods produits.fods
//
// They hold French currency, percent, date and time formats, a formula, a
// cell merged over two rows, two paragraphs in a cell, a text with two
// spaces, empty rows and a second sheet that must not be read.
var produitsRows = [][]string{
	{"REF-001", "Vase bleu « Œuvre »", "12,90 €", "20%", "05/03/2026", "14:30", "vase-bleu.jpg", "Grès fait main, l’été\n2  lignes", "1\u202f234", "25,80 €", "15 août 2026"},
	{"REF-002", "Bol à thé", "1\u202f234,50 €", "5%", "31/12/2025", "08:05", "shoot/bol-thé.HEIC", "", "-3", "2\u202f469,00 €", ""},
	{"REF-003", "Bol à thé", "-7,50 €", "", "", "", "https://shop.example/img/p/1/5/15.jpg?v=3", "", "", "", ""},
	{"REF-004", "Tasse 20 cl", "0,00 €", "", "", "", "", "", "", "", ""},
}

func TestReadLibreOfficeFiles(t *testing.T) {
	for _, tt := range []struct {
		file   string
		format sheet.Format
		// LibreOffice writes its thousands separator, a no-break space, in
		// the text an ODS keeps; for an XLSX, French Excel's own is used.
		group string
	}{{"produits.xlsx", sheet.XLSX, "\u202f"}, {"produits.ods", sheet.ODS, "\u00a0"}} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Read(tt.file, data, sheet.Options{Locale: sheet.French})
			if err != nil {
				t.Fatal(err)
			}
			if s.Format != tt.format || s.Name != tt.file {
				t.Errorf("read as %s %q", s.Format, s.Name)
			}
			if want := []string{"Référence", "Produit", "Prix", "Remise", "Date", "Heure", "Image", "Description", "Stock", "Double", "Sortie"}; !reflect.DeepEqual(s.Header, want) {
				t.Errorf("header %q", s.Header)
			}
			for i, r := range s.Rows {
				want := make([]string, len(produitsRows[i]))
				for j, c := range produitsRows[i] {
					want[j] = strings.ReplaceAll(c, "\u202f", tt.group)
				}
				if !reflect.DeepEqual(r.Cells, want) {
					t.Errorf("line %d:\n got %q\nwant %q", r.Line, r.Cells, want)
				}
			}
			var lines []int
			for _, r := range s.Rows {
				lines = append(lines, r.Line)
			}
			if want := []int{2, 3, 4, 7}; !reflect.DeepEqual(lines, want) {
				t.Errorf("lines %v, want %v", lines, want)
			}
		})
	}
	// The same XLSX for an American: the file's codes, the user's
	// separators.
	data, _ := os.ReadFile("testdata/produits.xlsx")
	s, err := Read("produits.xlsx", data, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Rows[1].Cells[2:5], []string{"1,234.50 €", "5%", "31/12/2025"}; !reflect.DeepEqual(got, want) {
		t.Errorf("English: %q, want %q", got, want)
	}
}

// part is one file of a test archive.
type part struct{ name, body string }

func zipOf(t testing.TB, parts ...part) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		f, err := w.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const (
	mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relT   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// xlsxParts is a workbook the way Excel writes one: a workbook naming its
// sheets, relationships to the parts, styles, shared strings, the sheet.
func xlsxParts(workbookPr, sheets, styles, sst, sheetXML string) []part {
	return []part{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + mainNS + `>` + workbookPr + `<sheets>` + sheets + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + relT + `worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + relT + `worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
			`<Relationship Id="rId3" Type="` + relT + `styles" Target="styles.xml"/>` +
			`<Relationship Id="rId4" Type="` + relT + `sharedStrings" Target="sharedStrings.xml"/>` +
			`<Relationship Id="rId5" Type="` + relT + `chartsheet" Target="chartsheets/sheet1.xml"/>` +
			`<Relationship Id="rId9" Type="` + relT + `hyperlink" Target="https://example.com" TargetMode="External"/>` +
			`</Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0"?><styleSheet ` + mainNS + `>` + styles + `</styleSheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0"?><sst ` + mainNS + ` count="99" uniqueCount="99">` + sst + `</sst>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet ` + mainNS + `><sheetData>` + sheetXML + `</sheetData></worksheet>`},
		{"xl/worksheets/sheet2.xml", `<?xml version="1.0"?><worksheet ` + mainNS + `><sheetData><row r="1"><c t="inlineStr"><is><t>second</t></is></c></row></sheetData></worksheet>`},
	}
}

// excelStyles: style 0 General, 1 the French currency code Excel writes
// for "# ##0,00 €", 2 built-in 14 (short date), 3 built-in 10 (0.00%),
// 4 built-in 22, 5 a custom long date, 6 built-in 49 (text).
const excelStyles = `<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00\ &quot;€&quot;"/><numFmt numFmtId="165" formatCode="[$-40C]d\ mmmm\ yyyy;@"/></numFmts>` +
	`<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>` +
	`<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="10"/><xf numFmtId="22"/><xf numFmtId="165"><alignment/></xf><xf numFmtId="49"/></cellXfs>`

func TestReadExcelLikeXLSX(t *testing.T) {
	sst := `<si><t>Produit</t></si><si><t>Prix</t></si><si><t xml:space="preserve">Image </t></si>` +
		`<si><r><rPr><b/></rPr><t>Vase </t></r><r><t>bleu</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>` + // rich text, a phonetic guide
		`<si><t>ligne 1_x000D_` + "\n" + `ligne 2 _x005F_x000D_</t></si>` + // Excel's escapes
		`<si><t>bol.jpg</t></si>`
	data := zipOf(t, xlsxParts(`<workbookPr date1904="false"/>`,
		`<sheet name="Cachée" sheetId="3" state="hidden" r:id="rId2"/><sheet name="Produits" sheetId="1" r:id="rId1"/>`,
		excelStyles, sst,
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>Date</t></is></c><c r="E1" t="inlineStr"><is><t>Remise</t></is></c><c r="F1" t="inlineStr"><is><t>Réf</t></is></c></row>`+
			`<row r="2" spans="1:6"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>12.9</v></c><c r="C2" t="str"><f>LOWER("VASE.JPG")</f><v>vase.jpg</v></c><c r="D2" s="2"><v>46086</v></c><c r="E2" s="3"><v>0.125</v></c><c r="F2" s="6" t="s"><v>5</v></c></row>`+
			`<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="1"><f>B2*100</f><v>1290</v></c><c r="D3" s="4"><v>46086.75</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c></row>`+
			`<row r="5"><c r="B5" s="5"><v>46249</v></c><c r="C5" s="0"/><c r="E5" t="d" s="2"><v>2026-03-05T00:00:00</v></c><c r="F5" t="d"><v>2026-03-05T12:00:00</v></c></row>`+ // sparse: A5 and D5 absent, C5 styled but empty
			`<row><c><v>1</v></c><c t="b"><v>0</v></c></row>`+ // no r attributes: line 6, columns A and B
			`<row r="8"><c r="A8" s="1"/></row>`, // a formatted empty row: not a row
	)...)
	s, err := Read("produits.xlsx", data, sheet.Options{Locale: sheet.French})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Produit", "Prix", "Image", "Date", "Remise", "Réf"},
		{"Vase bleu", "12,90 €", "vase.jpg", "05/03/2026", "12,50%", "bol.jpg"},
		{"ligne 1\nligne 2 _x000D_", "1\u202f290,00 €", "", "05/03/2026 18:00", "VRAI", "#N/A"},
		{"", "15 août 2026", "", "", "05/03/2026", "46086,5"}, // an ISO date in a General cell shows its serial, as in Excel
		{"1", "FAUX", "", "", "", ""},
	}
	got := [][]string{s.Header}
	for _, r := range s.Rows {
		got = append(got, r.Cells)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if lines := []int{s.Rows[0].Line, s.Rows[1].Line, s.Rows[2].Line, s.Rows[3].Line}; !reflect.DeepEqual(lines, []int{2, 3, 5, 6}) {
		t.Errorf("lines %v", lines)
	}
}

func TestReadXLSXDetails(t *testing.T) {
	row := func(cells string) string {
		return `<row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c></row>` + cells
	}
	tests := []struct {
		name       string
		workbookPr string
		sheets     string
		sheet      string
		want       []string // column A of the rows below the header
	}{
		{"1904 dates", `<workbookPr date1904="1"/>`, `<sheet name="S" sheetId="1" r:id="rId1"/>`,
			row(`<row r="2"><c r="A2" s="2"><v>44621</v></c></row>`), []string{"02/03/2026"}},
		{"merged over rows gives each row the value", "", `<sheet name="S" sheetId="1" r:id="rId1"/>`,
			`<row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c><c r="B1" t="inlineStr"><is><t>I</t></is></c></row>` +
				`<row r="2"><c r="A2" t="inlineStr"><is><t>Vase</t></is></c><c r="B2"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row><row r="4"><c r="B4"><v>3</v></c></row>` +
				`</sheetData><mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="B4:C4"/></mergeCells><sheetData>`,
			[]string{"Vase", "Vase", ""}},
		{"prefixed elements (x:row)", "", `<sheet name="S" sheetId="1" r:id="rId1"/>`,
			`</sheetData></worksheet>`, nil}, // replaced below
	}
	for _, tt := range tests[:2] {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Read("t.xlsx", zipOf(t, xlsxParts(tt.workbookPr, tt.sheets, excelStyles, "", tt.sheet)...), sheet.Options{Locale: sheet.French})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range s.Rows {
				got = append(got, r.Cells[0])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run(tests[2].name, func(t *testing.T) {
		parts := xlsxParts("", tests[2].sheets, excelStyles, "", "")
		parts[5].body = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row x:r="1"><x:c x:r="B1" x:t="inlineStr"><x:is><x:t>Nom</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`
		s, err := Read("t.xlsx", zipOf(t, parts...), sheet.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(s.Header, []string{"", "Nom"}) {
			t.Errorf("header %q", s.Header)
		}
	})
}

func TestReadErrors(t *testing.T) {
	good := func() []part {
		return xlsxParts("", `<sheet name="S" sheetId="1" r:id="rId1"/>`, excelStyles, "<si><t>x</t></si>", `<row r="1"><c t="s"><v>0</v></c></row>`)
	}
	without := func(name string) []part {
		var ps []part
		for _, p := range good() {
			if p.name != name {
				ps = append(ps, p)
			}
		}
		return ps
	}
	with := func(name, body string) []part {
		ps := good()
		for i := range ps {
			if ps[i].name == name {
				ps[i].body = body
			}
		}
		return ps
	}
	bomb := strings.Repeat("<row/>", 40_000) // 240 KB of XML in a few KB of ZIP
	tests := []struct {
		name string
		data []byte
		lim  sheet.Limits
		code msg.Code
		want string
	}{
		{"not a ZIP after all", []byte("PK\x03\x04 broken"), sheet.Limits{}, sheet.CodeDamaged,
			"t.xlsx is damaged (its ZIP structure is broken): open it and save it again, or save it as CSV UTF-8"},
		{"an .xlsb", zipOf(t, part{"xl/workbook.bin", "x"}), sheet.Limits{}, sheet.CodeBinaryExcel,
			"t.xlsx is an Excel binary workbook (.xlsb): save it as .xlsx, or as CSV UTF-8"},
		{"an Apple Numbers file", zipOf(t, part{"Index/Document.iwa", "x"}), sheet.Limits{}, sheet.CodeNumbers,
			"t.xlsx is an Apple Numbers file: export it from Numbers as CSV or Excel"},
		{"an OpenDocument text", zipOf(t, part{"mimetype", "application/vnd.oasis.opendocument.text"}, part{"content.xml", "<x/>"}), sheet.Limits{}, sheet.CodeNotSpreadODF,
			"t.xlsx is an OpenDocument file that is not a spreadsheet: save your sheet as ODS, XLSX or CSV UTF-8"},
		{"a Word document", zipOf(t, part{"word/document.xml", "x"}), sheet.Limits{}, sheet.CodeNotSheet,
			"t.xlsx is a Word document, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
		{"a PowerPoint", zipOf(t, part{"ppt/presentation.xml", "x"}), sheet.Limits{}, sheet.CodeNotSheet,
			"t.xlsx is a PowerPoint presentation, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
		{"any ZIP", zipOf(t, part{"photo.jpg", "x"}), sheet.Limits{}, sheet.CodeNotSheet,
			"t.xlsx is a ZIP archive, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
		{"no rels", zipOf(t, without("xl/_rels/workbook.xml.rels")...), sheet.Limits{}, sheet.CodeDamaged,
			"t.xlsx is damaged (xl/_rels/workbook.xml.rels is missing): open it and save it again, or save it as CSV UTF-8"},
		{"broken XML", zipOf(t, with("xl/workbook.xml", "<workbook><sheets><sheet r:id=")...), sheet.Limits{}, sheet.CodeDamaged,
			"t.xlsx is damaged (xl/workbook.xml cannot be read): open it and save it again, or save it as CSV UTF-8"},
		{"no sheet", zipOf(t, with("xl/workbook.xml", `<workbook `+mainNS+`><sheets/></workbook>`)...), sheet.Limits{}, sheet.CodeNoFirstSheet,
			"t.xlsx has no worksheet: check that you chose the right file"},
		{"a sheet the rels lack", zipOf(t, with("xl/workbook.xml", `<workbook `+mainNS+`><sheets><sheet r:id="rId7"/></sheets></workbook>`)...), sheet.Limits{}, sheet.CodeDamaged,
			"t.xlsx is damaged (its first sheet is missing): open it and save it again, or save it as CSV UTF-8"},
		{"a chart first", zipOf(t, with("xl/workbook.xml", `<workbook `+mainNS+`><sheets><sheet r:id="rId5"/></sheets></workbook>`)...), sheet.Limits{}, sheet.CodeChartSheet,
			"t.xlsx starts with a chart, not a table: move the sheet with your table first, then save it again"},
		{"a string index out of range", zipOf(t, with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c t="s"><v>7</v></c></row></sheetData></worksheet>`)...), sheet.Limits{}, sheet.CodeDamaged,
			"t.xlsx is damaged (a cell points to text that is not there): open it and save it again, or save it as CSV UTF-8"},
		{"empty", zipOf(t, with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1" s="1"/></row></sheetData></worksheet>`)...), sheet.Limits{}, sheet.CodeEmpty,
			"t.xlsx has no rows: check that you chose the right file"},
		{"a zip bomb", zipOf(t, with("xl/worksheets/sheet1.xml", `<worksheet><sheetData>`+bomb+`</sheetData></worksheet>`)...), sheet.Limits{Unpacked: 100_000}, sheet.CodeUnpacked,
			"t.xlsx holds more than 98 KB once unpacked: keep the columns and rows you need, or save it as CSV UTF-8"},
		{"a cell at XFD", zipOf(t, with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="3"><c r="XFD3"><v>1</v></c></row></sheetData></worksheet>`)...), sheet.Limits{}, sheet.CodeColumns,
			"t.xlsx, line 3 has data past column ALL; picmark reads up to 1000 columns: delete the columns you do not need"},
		{"too many rows", zipOf(t, with("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c><v>1</v></c></row><row><c><v>1</v></c></row><row><c><v>1</v></c></row></sheetData></worksheet>`)...), sheet.Limits{Rows: 2}, sheet.CodeRows,
			"t.xlsx, line 3 has more than 2 rows; picmark reads up to 2: delete the rows you do not need, or split the sheet"},
		{"a shared string too long", zipOf(t, with("xl/sharedStrings.xml", `<sst><si><t>`+strings.Repeat("é", 6)+`</t></si></sst>`)...), sheet.Limits{Cell: 5}, sheet.CodeCell,
			"t.xlsx, line 1, column A has a cell of more than 5 characters, the most picmark reads in a cell: shorten it"},
		{"over the file limit: read as text, refused as a workbook", good2(t), sheet.Limits{Bytes: 10}, sheet.CodeTooBig, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Read("t.xlsx", tt.data, sheet.Options{Limits: tt.lim})
			var e *sheet.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, %v; want a *sheet.Error", s, err)
			}
			if e.Code != tt.code || tt.want != "" && err.Error() != tt.want {
				t.Errorf("got %s %q\nwant %s %q", e.Code, err.Error(), tt.code, tt.want)
			}
		})
	}
}

func good2(t *testing.T) []byte {
	return zipOf(t, xlsxParts("", `<sheet r:id="rId1"/>`, "", "", `<row><c t="inlineStr"><is><t>a</t></is></c></row>`)...)
}

// TestUnpackedHeaderLies: a part whose ZIP header claims fewer bytes than
// it holds is damaged, not read past its claim.
func TestUnpackedHeaderLies(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range xlsxParts("", `<sheet r:id="rId1"/>`, "", "", "") {
		if p.name != "xl/worksheets/sheet1.xml" {
			f, _ := w.Create(p.name)
			f.Write([]byte(p.body))
		}
	}
	body := []byte(`<worksheet><sheetData>` + strings.Repeat("<row/>", 50_000) + `</sheetData></worksheet>`)
	raw, err := w.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CompressedSize64: uint64(len(body)), UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(body)
	w.Close()
	_, err = Read("t.xlsx", b.Bytes(), sheet.Options{})
	var e *sheet.Error
	if !errors.As(err, &e) || e.Code != sheet.CodeDamaged {
		t.Errorf("got %v, want %s", err, sheet.CodeDamaged)
	}
}

// TestBudgetReader: the budget shared by all parts stops a read one byte
// past it, and lets a read that ends exactly on it end normally.
func TestBudgetReader(t *testing.T) {
	for _, tt := range []struct {
		size, budget int64
		over         bool
	}{{50, 50, false}, {51, 50, true}, {0, 0, false}, {1, 0, true}, {10_000, 4_000, true}} {
		left := tt.budget
		n, err := io.Copy(io.Discard, &budgetReader{r: bytes.NewReader(make([]byte, tt.size)), left: &left})
		if over := errors.Is(err, errUnpacked); over != tt.over || !tt.over && (err != nil || n != tt.size) || tt.over && n > tt.budget+1 {
			t.Errorf("%d bytes under %d: read %d, %v", tt.size, tt.budget, n, err)
		}
	}
}

const odsNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"`

func odsOf(t testing.TB, tables string) []byte {
	return zipOf(t, part{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		part{"content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + odsNS + `><office:body><office:spreadsheet>` + tables + `</office:spreadsheet></office:body></office:document-content>`})
}

func TestReadODSDetails(t *testing.T) {
	cell := func(s string) string {
		return `<table:table-cell office:value-type="string"><text:p>` + s + `</text:p></table:table-cell>`
	}
	data := odsOf(t, `<table:table table:name="A">`+
		`<table:table-column table:number-columns-repeated="1024"/>`+
		`<table:table-header-rows><table:table-row>`+cell("Produit")+cell("Prix")+cell("Note")+`</table:table-row></table:table-header-rows>`+
		`<table:table-row>`+cell(`Vase<text:s/>bleu<text:tab/>x<text:line-break/>y`)+
		`<table:table-cell office:value-type="float" office:value="12.9"/>`+ // no text:p: the value
		`<table:table-cell><office:annotation><text:p>a comment, not the value</text:p></office:annotation><text:p>vrai <text:a xlink:href="x">lien</text:a></text:p></table:table-cell></table:table-row>`+
		`<table:table-row-group><table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>bis</text:p></table:table-cell></table:table-row></table:table-row-group>`+
		`<table:table-row>`+`<table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2" office:value-type="string"><text:p>Fusion</text:p></table:table-cell><table:covered-table-cell><text:p>caché</text:p></table:covered-table-cell>`+cell("a")+`</table:table-row>`+
		`<table:table-row><table:covered-table-cell table:number-columns-repeated="2"/>`+cell(`b<draw:frame><draw:text-box><text:p>cadre</text:p></draw:text-box></draw:frame>`)+`</table:table-row>`+
		`<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`+
		`<table:table-row>`+cell(`<table:table><table:table-row>`+cell("dedans")+`</table:table-row></table:table>fin`)+`</table:table-row>`+
		`</table:table><table:table table:name="B"><table:table-row>`+cell("second sheet")+`</table:table-row></table:table>`)
	s, err := Read("t.ods", data, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Produit", "Prix", "Note"},
		{"Vase bleu\tx\ny", "12.9", "vrai lien"},
		{"bis", "bis", ""},
		{"bis", "bis", ""},
		{"Fusion", "", "a"},
		{"Fusion", "", "b"},
		{"fin", "", ""},
	}
	got := [][]string{s.Header}
	var lines []int
	for _, r := range s.Rows {
		got = append(got, r.Cells)
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if !reflect.DeepEqual(lines, []int{2, 3, 4, 5, 6, 1048577}) {
		t.Errorf("lines %v", lines)
	}
}

func TestReadODSLimits(t *testing.T) {
	row := `<table:table-row><table:table-cell office:value-type="string"><text:p>H</text:p></table:table-cell></table:table-row>`
	tests := []struct {
		name, tables string
		lim          sheet.Limits
		code         msg.Code
	}{
		{"a repeated row past the limit", `<table:table>` + row + `<table:table-row table:number-rows-repeated="1000000"><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>`, sheet.Limits{Rows: 10}, sheet.CodeRows},
		{"a repeated cell past the limit", `<table:table>` + row + `<table:table-row><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`, sheet.Limits{}, sheet.CodeColumns},
		{"a long cell", `<table:table><table:table-row><table:table-cell><text:p>` + strings.Repeat("x", 300) + `</text:p></table:table-cell></table:table-row></table:table>`, sheet.Limits{Cell: 50}, sheet.CodeCell},
		{"spaces past the limit", `<table:table><table:table-row><table:table-cell><text:p>x<text:s text:c="999999999"/>y</text:p></table:table-cell></table:table-row></table:table>`, sheet.Limits{Cell: 50}, sheet.CodeCell},
		{"no table", ``, sheet.Limits{}, sheet.CodeEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("t.ods", odsOf(t, tt.tables), sheet.Options{Limits: tt.lim})
			var e *sheet.Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Errorf("got %v, want %s", err, tt.code)
			}
		})
	}
}

func TestReadPassesCSVOn(t *testing.T) {
	s, err := Read("p.csv", []byte("Produit;Prix\nVase;12,90 €\n"), sheet.Options{})
	if err != nil || s.Format != sheet.CSV || s.Rows[0].Cells[1] != "12,90 €" {
		t.Errorf("got %v, %v", s, err)
	}
}

func ExampleRead() {
	data, _ := os.ReadFile("testdata/produits.xlsx")
	s, err := Read("produits.xlsx", data, sheet.Options{Locale: sheet.LocaleFor("fr-FR")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	fmt.Printf("%s: %s, %s\n", s.Rows[0].Cells[1], s.Rows[0].Cells[2], s.Rows[0].Cells[4])
	// Output:
	// produits.xlsx (XLSX): 11 columns, 4 rows
	// Vase bleu « Œuvre »: 12,90 €, 05/03/2026
}
