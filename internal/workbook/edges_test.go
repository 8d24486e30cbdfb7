package workbook

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/sheet"
)

// TestFormatEdges: codes that end mid-token, and each boundary of the
// parser: never a panic, and Excel's reading where it has one.
func TestFormatEdges(t *testing.T) {
	en := sheet.English
	tests := []struct {
		code string
		v    float64
		want string
	}{
		{`0\`, 5, "5"},
		{`0_`, 5, "5"},
		{`0*`, 5, "5"},
		{`"abc`, 5, "abc"},
		{`0"`, 5, "5"},
		{`[Red`, 5, ""},
		{`0[`, 5, "5"},
		{`0E`, 5, "5E"},
		{`0E+`, 12345, "1E+4"},
		{`0.`, 5, "5."},
		{`ss.0`, 1.25 / 86400, "01.3"},
		{`ss.000`, 1.2345 / 86400, "01.235"},
		{`[ss].00`, 61.5 / 86400, "61.50"},
		{`hh:mm:ss.`, 0.5, "12:00:00."},
		{`dd.mm.yyyy`, 46086, "05.03.2026"}, // a Swiss or German date
		{`# ?/9`, 1.5, "1 5/9"},
		{`# ?/1`, 1.5, "2"},
		{`?/10`, 0.25, "3/10"},
		{`0 ?/4`, 2.25, "2 1/4"},
		{`,0`, 5, ",5"},
		{`0,0`, 1234, "1,234"},
		{`#,`, 1234, "1"},
		{`0.0,`, 1234, "1.2"},
		{`0.00,,"M"`, 2500000, "2.50M"},
		{`0,"k"`, 2500, "3k"},
		{`[=0]"zéro";0`, 0, "zéro"},
		{`[=0]"zéro";0`, 1, "1"},
		{`[<>0]"non nul";"nul"`, 3, "non nul"},
		{`[<>0]"non nul";"nul"`, 0, "nul"},
		{`[>=100]"grand";"petit"`, 100, "grand"},
		{`[>=100]"grand";"petit"`, 99.99, "petit"},
		{`[<=0]"négatif";"positif"`, 0, "négatif"},
		{`[<0]"moins";"plus"`, 0, "plus"},
		{`[>5]"a";[<1]"b";"c"`, 3, "c"},
		{`[>x]0`, 5, "5"}, // an unreadable condition: ignored
		{`0;-0;0;"texte"`, 5, "5"},
		{`0.00E+00`, 0, "0.00E+00"},
		{`0E-0`, 0.5, "5E-1"},
		{`00E+00`, 12345, "12E+03"},
		{`General" €"`, 5, "5 €"},
		{`yy`, 46086, "26"},
		{`yyy`, 46086, "2026"},
		{`m`, 46086, "3"},
		{`h`, 0.25, "6"},
		{`s`, 5.0 / 86400, "5"},
		{`d`, 46086, "5"},
		{`hh AM/PM`, 0.5, "12 PM"},
		{`hh AM/PM`, 0, "12 AM"},
		{`hh:mm A/P`, 0.75, "06:00 P"},
		{`[h]`, 2.9999, "71"},
		{`[mm]`, 2.0 / 1440, "2"},
		{`h AM/PMx`, 0.5, "12 PMx"},
		{`[>]0`, 5, "5"}, // a condition without a number: ignored
		{`#,##0`, 123456, "123,456"},
		{`#,##0`, 123, "123"},
		{`0.00E+00`, 9.6, "9.60E+00"},
		{`# ?/?`, 0.3, "2/7"}, // one digit: 3/10 is not allowed
		{`# ?/?`, 0.5, "1/2"}, // the smallest denominator on a tie
		{`# ??/??`, 0.5, "1/2"},
	}
	for _, tt := range tests {
		if got := parseFormat(tt.code, en).format(tt.v, en, false); got != tt.want {
			t.Errorf("%q of %v = %q, want %q", tt.code, tt.v, got, tt.want)
		}
	}
	if got := parseFormat(`0;0;0;"texte"`, en).formatText("x"); got != "texte" {
		t.Errorf("a text section without @: %q", got)
	}
	if got := parseFormat(`0;@" !"`, en).formatText("x"); got != "x !" {
		t.Errorf("a last section with @: %q", got)
	}
	if got := parseFormat(`0;@" !"`, en).format(-3, en, false); got != "-3" { // one number section: it signs
		t.Errorf("a number with a text last section: %q", got)
	}
}

func TestODSLongCellPlace(t *testing.T) {
	_, err := Read("t.ods", odsOf(t, `<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>`+strings.Repeat("x", 300)+`</text:p></table:table-cell></table:table-row></table:table>`), sheet.Options{Limits: sheet.Limits{Cell: 50}})
	var e *sheet.Error
	if !errors.As(err, &e) || e.Code != sheet.CodeCell || e.Line != 1 || e.Col != 2 {
		t.Errorf("got %v, want line 1, column B", err)
	}
}

func TestParseRef(t *testing.T) {
	for ref, want := range map[string][2]int{
		"A1": {1, 1}, "Z9": {26, 9}, "a1": {1, 1}, "z2": {26, 2}, "AA10": {27, 10}, "XFD1048576": {16384, 1048576},
		"12": {0, 12}, "@1": {0, 0}, "[1": {0, 0}, "`1": {0, 0}, "{1": {0, 0}, "A/": {1, 0}, "A:": {1, 0},
		"Z123456789": {26, 12345678}, // digits past eight: a line past every limit, not an overflow
		"ABCDE1":     {19010, 1},     // letters past four likewise
	} {
		if c, l := parseRef(ref); c != want[0] || l != want[1] {
			t.Errorf("parseRef(%q) = %d, %d; want %v", ref, c, l, want)
		}
	}
}

func TestUnescapeOOXML(t *testing.T) {
	for in, want := range map[string]string{
		"_x0041_": "A", "_x0041": "_x0041", "a_x004": "a_x004", "_x00zz_": "_x00zz_", "x_x000D_\ny": "x\ny", "_x005F_x0041_": "__x0041_"[1:],
	} {
		if got := unescapeOOXML(in); got != want {
			t.Errorf("unescapeOOXML(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestXLSXEdges(t *testing.T) {
	sheetXML := `<row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c></row>` +
		`<row r="0"><c r="A2" s="99"><v>1.5</v></c></row>` + // r="0": the next line; style 99: General
		`<row><c r="A3" s="-1"><v>2.5</v></c></row>` +
		`<row><c r="A4" t="s"><v>0</v></c></row>`
	data := zipOf(t, xlsxParts("", `<sheet r:id="rId1"/>`, excelStyles, "<si><t>abcde</t></si>", sheetXML)...)
	s, err := Read("t.xlsx", data, sheet.Options{Limits: sheet.Limits{Cell: 5, Bytes: int64(len(data))}}) // a string of exactly the limit; a file of exactly the limit
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var lines []int
	for _, r := range s.Rows {
		got, lines = append(got, r.Cells[0]), append(lines, r.Line)
	}
	if want := []string{"1.5", "2.5", "abcde"}; !reflect.DeepEqual(got, want) || !reflect.DeepEqual(lines, []int{2, 3, 4}) {
		t.Errorf("got %q at %v", got, lines)
	}
	// A string index equal to the table's length is past it.
	data = zipOf(t, xlsxParts("", `<sheet r:id="rId1"/>`, "", "<si><t>a</t></si>", `<row><c t="s"><v>1</v></c></row>`)...)
	if _, err := Read("t.xlsx", data, sheet.Options{}); err == nil {
		t.Error("index 1 of 1 string accepted")
	}
	fr := sheet.French
	if builtin(&fr, 50) != "General" || builtin(&fr, 49) != "@" {
		t.Error("builtin at the table's end")
	}
}

func TestODSMergeEnds(t *testing.T) {
	cell := func(s string) string { return `<table:table-cell><text:p>` + s + `</text:p></table:table-cell>` }
	data := odsOf(t, `<table:table><table:table-row>`+cell("A")+cell("B")+`</table:table-row>`+
		`<table:table-row>`+cell("x")+`<table:table-cell table:number-rows-spanned="2"><text:p>M</text:p></table:table-cell></table:table-row>`+
		`<table:table-row>`+cell("y")+`<table:covered-table-cell/></table:table-row>`+
		`<table:table-row>`+cell("z")+`</table:table-row></table:table>`)
	s, err := Read("t.ods", data, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range s.Rows {
		got = append(got, r.Cells[1])
	}
	if want := []string{"M", "M", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("column B = %q, want %q", got, want)
	}
}
