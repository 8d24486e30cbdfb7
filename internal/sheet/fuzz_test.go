package sheet

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadText: any bytes give a sheet that keeps Read's promises, or a
// *Error; never a panic.
func FuzzReadText(f *testing.F) {
	for _, seed := range []string{
		csvText(frenchRows, ';'), csvText(frenchRows, '\t'), "sep=|\na|b\n1|2", "A;\"B\n;C\"\n1;\"2\"\"\"\n",
		"\xef\xbb\xbfA,B\n\xc3", "\xff\xfeA\x00;\x00B\x00", "caf\xe9;cr\x8fme\r1;2\r", "A\n\"open",
	} {
		f.Add([]byte(seed))
	}
	lim := Limits{Rows: 50, Columns: 20, Cell: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadText("f.csv", data, Options{Limits: lim})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		checkSheet(t, s, lim)
	})
}

// checkSheet checks a sheet's invariants: rows as wide as the header,
// lines rising, cells trimmed and valid text, limits held.
func checkSheet(t *testing.T, s *Sheet, lim Limits) {
	t.Helper()
	if len(s.Rows)+1 > lim.Rows || len(s.Header) > lim.Columns {
		t.Fatalf("%d rows, %d columns past %+v", len(s.Rows)+1, len(s.Header), lim)
	}
	last := 0
	for _, r := range append([]Row{{Line: 0, Cells: s.Header}}, s.Rows...) {
		if len(r.Cells) != len(s.Header) || r.Line < last || r.Line == last && r.Line != 0 {
			t.Fatalf("row %d: %d cells for %d columns (after line %d)", r.Line, len(r.Cells), len(s.Header), last)
		}
		last = r.Line
		empty := true
		for _, c := range r.Cells {
			if c != strings.TrimSpace(c) || !utf8.ValidString(c) || utf8.RuneCountInString(c) > lim.Cell {
				t.Fatalf("cell %q", c)
			}
			empty = empty && c == ""
		}
		if empty {
			t.Fatalf("empty row at line %d", r.Line)
		}
	}
}
