package workbook

import (
	"testing"

	"picmark/internal/sheet"
)

// Each case: a format code as an XLSX file stores it, a value, and what
// French and American Excel show. The codes are those Excel writes for the
// formats its French menus offer ("# ##0,00 €" is stored #,##0.00\ "€").
func TestFormat(t *testing.T) {
	tests := []struct {
		code   string
		v      float64
		fr, en string
	}{
		{"General", 12.9, "12,9", "12.9"},
		{"General", 0.1 + 0.2, "0,3", "0.3"},
		{"General", -1234567.891, "-1234567,891", "-1234567.891"},
		{"General", 1e15, "1E+15", "1E+15"},
		{"General", 1.23456789e-10, "1,23457E-10", "1.23457E-10"},
		{"General", 0, "0", "0"},
		{"0", 2.5, "3", "3"}, // half away from zero
		{"0", -2.5, "-3", "-3"},
		{"0.00", 2.675, "2,68", "2.68"}, // Excel's decimal rounding, not the binary value's 2.67
		{"0.00", 1.005, "1,01", "1.01"},
		{"0.00", -0.001, "0,00", "0.00"}, // no "-0,00"
		{"#,##0", 1234567, "1\u202f234\u202f567", "1,234,567"},
		{"#,##0.00", 1234.5, "1\u202f234,50", "1,234.50"},
		{"#,##0.00", 999.999, "1\u202f000,00", "1,000.00"},
		{`#,##0.00\ "€"`, 12.9, "12,90 €", "12.90 €"},
		{`#,##0.00\ "€"`, -1234.5, "-1\u202f234,50 €", "-1,234.50 €"},
		{`#,##0.00\ [$€-40C];[RED]\-#,##0.00\ [$€-40C]`, -7.5, "-7,50 €", "-7.50 €"}, // LibreOffice's French currency
		{`[$€-2]\ #,##0.00`, 12.9, "€ 12,90", "€ 12.90"},
		{`"$"#,##0.00_);\("$"#,##0.00\)`, -5, "($5,00)", "($5.00)"},
		{`_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`, 0, "-   €", "-   €"}, // French accounting zero
		{`_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`, 1234.5, "1\u202f234,50 €", "1,234.50 €"},
		{"0%", 0.2, "20%", "20%"},
		{"0.0%", 0.125, "12,5%", "12.5%"},
		{`0\ %`, 0.05, "5 %", "5 %"},
		{"#,##0,", 1234567, "1\u202f235", "1,235"}, // a trailing comma divides by 1000
		{`0.0,,"M"`, 1234567, "1,2M", "1.2M"},      // twice
		{"#.##", 0.5, ",5", ".5"},                  // # shows no leading zero
		{"0.0#", 1.5, "1,5", "1.5"},                // # drops a trailing zero
		{"0.0?", 1.5, "1,5", "1.5"},                // ? leaves a space, trimmed at the end
		{"000", 7, "007", "007"},
		{`00\ 00\ 00\ 00\ 00`, 612345678, "06 12 34 56 78", "06 12 34 56 78"}, // a French phone number
		{".00", 12.5, "12,50", "12.50"},
		{"0.00E+00", 12345, "1,23E+04", "1.23E+04"},
		{"0.00E+00", 0.00012, "1,20E-04", "1.20E-04"},
		{"0.00E-00", 12345, "1,23E04", "1.23E04"},
		{"##0.0E+0", 12345, "12,3E+3", "12.3E+3"}, // engineering
		{"0.00E+00", 9.999, "1,00E+01", "1.00E+01"},
		{"# ?/?", 1.25, "1 1/4", "1 1/4"},
		{"# ??/??", 3.14159, "3 14/99", "3 14/99"}, // the closest with two digits
		{"?/?", 1.25, "5/4", "5/4"},
		{"# ?/8", 0.5, "4/8", "4/8"},
		{"# ?/4", 2, "2", "2"},
		{"0;(0);\"zero\"", -3, "(3)", "(3)"},
		{"0;(0);\"zero\"", 0, "zero", "zero"},
		{"0;(0)", -3, "(3)", "(3)"},
		{`[>=1000]#,##0,"k";0`, 2500, "3k", "3k"},
		{`[>=1000]#,##0,"k";0`, 999, "999", "999"},
		{`[<0]"moins";[>0]"plus";"zéro"`, 0, "zéro", "zéro"},
		{`[<0]"moins";[>0]"plus";"zéro"`, -2, "moins", "moins"},
		{`[Red]0.00`, 3, "3,00", "3.00"},
		{"@", 12.5, "12,5", "12.5"}, // a text format shows a number as General
		{`0;-0;0;"Ref: "@`, 4, "4", "4"},
		// Dates and times (1900 system).
		{"dd/mm/yyyy", 46086, "05/03/2026", "05/03/2026"},
		{"d/m/yy", 46086, "5/3/26", "5/3/26"},
		{"dddd d mmmm yyyy", 46086, "jeudi 5 mars 2026", "Thursday 5 March 2026"},
		{"ddd d mmm", 46249, "sam. 15 août", "Sat 15 Aug"},
		{"mmmmm", 46249, "a", "A"},
		{`[$-40C]d\ mmmm\ yyyy;@`, 46249, "15 août 2026", "15 August 2026"},
		{"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", 46086, "jeudi 5 mars 2026", "Thursday, March 5, 2026"}, // the system's long date
		{"hh:mm", 0.604166666666667, "14:30", "14:30"},
		{"h:mm AM/PM", 0.604166666666667, "2:30 PM", "2:30 PM"},
		{"h:mm A/P", 0.25, "6:00 A", "6:00 A"},
		{"h:mm:ss AM/PM", 0, "12:00:00 AM", "12:00:00 AM"},
		{"hh:mm:ss", 0.5 - 0.4/86400, "12:00:00", "12:00:00"}, // rounded to the second
		{"hh:mm:ss", 0.5 - 0.6/86400, "11:59:59", "11:59:59"},
		{"mm:ss.0", 1.5 / 1440, "01:30,0", "01:30.0"},
		{"[h]:mm:ss", 1.5, "36:00:00", "36:00:00"},
		{"[mm]:ss", 1.0 / 24, "60:00", "60:00"},
		{"[ss]", 1.0 / 1440, "60", "60"},
		{"yyyy-mm-dd hh:mm", 46086.75, "2026-03-05 18:00", "2026-03-05 18:00"},
		{"m/d/yyyy", 60, "2/29/1900", "2/29/1900"}, // Lotus's day that never was
		{"m/d/yyyy", 59, "2/28/1900", "2/28/1900"},
		{"m/d/yyyy", 61, "3/1/1900", "3/1/1900"},
		{"m/d/yyyy", 1, "1/1/1900", "1/1/1900"},
		{"m/d/yyyy", 0, "1/0/1900", "1/0/1900"},
		{"dd/mm/yyyy", -1, "-1", "-1"}, // Excel shows ##### for a negative date: the number says more
		{"mm", 46086, "03", "03"},      // alone, m is a month
		{"h:mm", 0.0416666, "1:00", "1:00"},
	}
	for _, tt := range tests {
		for _, lc := range []struct {
			l    sheet.Locale
			want string
		}{{sheet.French, tt.fr}, {sheet.English, tt.en}} {
			if got := parseFormat(tt.code, lc.l).format(tt.v, lc.l, false); got != lc.want {
				t.Errorf("%s %q of %v = %q, want %q", lc.l.Decimal, tt.code, tt.v, got, lc.want)
			}
		}
	}
}

func TestFormat1904(t *testing.T) {
	// The 1904 system counts from 1 January 1904: Excel for Mac's old
	// workbooks.
	f := parseFormat("dd/mm/yyyy", sheet.French)
	if got := f.format(44621, sheet.French, true); got != "02/03/2026" {
		t.Errorf("1904: %q", got)
	}
	if got := f.format(0, sheet.French, true); got != "01/01/1904" {
		t.Errorf("1904 day 0: %q", got)
	}
}

func TestFormatText(t *testing.T) {
	tests := []struct{ code, in, want string }{
		{"General", "Vase", "Vase"},
		{"@", "Vase", "Vase"},
		{`"Réf. "@`, "A12", "Réf. A12"},
		{`0.00;-0.00;0;"« "@" »"`, "Vase", "« Vase »"},
		{"0.00", "Vase", "Vase"}, // a number format leaves text as it is
	}
	for _, tt := range tests {
		if got := parseFormat(tt.code, sheet.French).formatText(tt.in); got != tt.want {
			t.Errorf("%q of %q = %q, want %q", tt.code, tt.in, got, tt.want)
		}
	}
}

func TestBuiltin(t *testing.T) {
	fr, en := sheet.French, sheet.English
	for _, tt := range []struct {
		id       int
		fr, en   string
		v        float64
		frV, enV string
	}{
		{14, "dd/mm/yyyy", "m/d/yyyy", 46086, "05/03/2026", "3/5/2026"},
		{22, "dd/mm/yyyy hh:mm", "m/d/yyyy h:mm", 46086.5, "05/03/2026 12:00", "3/5/2026 12:00"},
		{4, "#,##0.00", "#,##0.00", 1234.5, "1\u202f234,50", "1,234.50"},
		{10, "0.00%", "0.00%", 0.1234, "12,34%", "12.34%"},
		{44, sheet.French.Builtin[44], sheet.English.Builtin[44], 12.9, "12,90 €", "$ 12.90"},
		{7, sheet.French.Builtin[7], sheet.English.Builtin[7], -3, "-3,00 €", "($3.00)"},
		{0, "General", "General", 3, "3", "3"},
		{99, "General", "General", 3, "3", "3"}, // unknown id
		{-1, "General", "General", 3, "3", "3"}, // out of range
		{27, "General", "General", 3, "3", "3"}, // an East Asian date id: shown as a number
		{49, "@", "@", 3.5, "3,5", "3.5"},       // text format on a number
		{47, "mm:ss.0", "mm:ss.0", 0.5 / 1440, "00:30,0", "00:30.0"},
	} {
		if got := builtin(&fr, tt.id); got != tt.fr {
			t.Errorf("French builtin %d = %q, want %q", tt.id, got, tt.fr)
		}
		if got := builtin(&en, tt.id); got != tt.en {
			t.Errorf("English builtin %d = %q, want %q", tt.id, got, tt.en)
		}
		if got := parseFormat(builtin(&fr, tt.id), fr).format(tt.v, fr, false); got != tt.frV {
			t.Errorf("French %d of %v = %q, want %q", tt.id, tt.v, got, tt.frV)
		}
		if got := parseFormat(builtin(&en, tt.id), en).format(tt.v, en, false); got != tt.enV {
			t.Errorf("English %d of %v = %q, want %q", tt.id, tt.v, got, tt.enV)
		}
	}
}
