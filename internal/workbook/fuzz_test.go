package workbook

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"picmark/internal/sheet"
)

var fuzzLimits = sheet.Limits{Rows: 200, Columns: 30, Cell: 200, Unpacked: 1 << 20}

// check holds a sheet to the promises of package sheet, or an error to
// being a *sheet.Error that names the file.
func check(t *testing.T, s *sheet.Sheet, err error) {
	t.Helper()
	if err != nil {
		var e *sheet.Error
		if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), "f ") && !strings.HasPrefix(err.Error(), "f,") {
			t.Fatalf("error %T %v", err, err)
		}
		return
	}
	if len(s.Rows)+1 > fuzzLimits.Rows || len(s.Header) > fuzzLimits.Columns {
		t.Fatalf("%d rows × %d columns past the limits", len(s.Rows)+1, len(s.Header))
	}
	last := 0
	for _, r := range s.Rows {
		if len(r.Cells) != len(s.Header) || r.Line <= last {
			t.Fatalf("line %d after %d: %d cells for %d columns", r.Line, last, len(r.Cells), len(s.Header))
		}
		last = r.Line
		for _, c := range r.Cells {
			if c != strings.TrimSpace(c) || utf8.RuneCountInString(c) > fuzzLimits.Cell {
				t.Fatalf("cell %q", c)
			}
		}
	}
}

// FuzzRead feeds whole files: the LibreOffice ones and small workbooks.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/produits.xlsx", "testdata/produits.ods"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(zipOf(f, xlsxParts("", `<sheet r:id="rId1"/>`, excelStyles, "<si><t>a</t></si>", `<row><c t="s"><v>0</v></c><c s="2"><v>4</v></c></row>`)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Read("f", data, sheet.Options{Locale: sheet.French, Limits: fuzzLimits})
		check(t, s, err)
	})
}

// FuzzXLSXParts fuzzes the XML inside a well-formed archive: the sheet,
// the shared strings and a number format code.
func FuzzXLSXParts(f *testing.F) {
	f.Add(`<row r="2"><c r="B2" s="1"><v>12.9</v></c><c r="C2" t="s"><v>0</v></c></row></sheetData><mergeCells><mergeCell ref="B2:B9"/></mergeCells><sheetData>`,
		`<si><r><t>Va</t></r><r><t>se_x000D_</t></r></si>`, `#,##0.00\ "€";[Red]\-0.0E+00;"z";@`)
	f.Add(`<row><c><v>46086.75</v></c><c t="b"><v>1</v></c></row>`, `<si><t>x</t></si>`, `[$-F800]dddd;[h]:mm:ss.00 AM/PM`)
	f.Add(`<row r="9999999999"><c r="ZZZZZ1"><v>1e308</v></c></row>`, ``, `# ??/??;0%,,`)
	f.Fuzz(func(t *testing.T, sheetXML, sst, code string) {
		styles := `<numFmts><numFmt numFmtId="164" formatCode="` + xmlAttr(code) + `"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>`
		data := zipOf(t, xlsxParts(`<workbookPr date1904="1"/>`, `<sheet r:id="rId1"/>`, styles, sst, sheetXML)...)
		s, err := Read("f", data, sheet.Options{Locale: sheet.French, Limits: fuzzLimits})
		check(t, s, err)
	})
}

// FuzzNumberFormat: any code and value format without a panic.
func FuzzNumberFormat(f *testing.F) {
	for _, seed := range []string{`#,##0.00\ "€"`, "0.00E+00", "# ?/?", "[h]:mm:ss.000", `[>=100][Red]0;[<0]"n";@`, "[$-F800]", "yyyy mmmmm dddd A/P"} {
		f.Add(seed, 1234.5678)
	}
	f.Fuzz(func(t *testing.T, code string, v float64) {
		for _, l := range []sheet.Locale{sheet.French, sheet.English} {
			nf := parseFormat(code, l)
			out := nf.format(v, l, false)
			if !utf8.ValidString(out) && utf8.ValidString(code) {
				t.Fatalf("%q of %v = %q", code, v, out)
			}
			nf.formatText("x")
		}
	})
}

// FuzzODSContent fuzzes the table inside content.xml.
func FuzzODSContent(f *testing.F) {
	f.Add(`<table:table><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"><text:p>a<text:s text:c="3"/>b</text:p></table:table-cell></table:table-row></table:table>`)
	f.Add(`<table:table><table:table-row><table:table-cell table:number-rows-spanned="9"><text:p>x</text:p></table:table-cell><table:covered-table-cell/></table:table-row><table:table-row><table:covered-table-cell/></table:table-row></table:table>`)
	f.Fuzz(func(t *testing.T, tables string) {
		s, err := Read("f", odsOf(t, tables), sheet.Options{Limits: fuzzLimits})
		check(t, s, err)
	})
}

func xmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;").Replace(s)
}
