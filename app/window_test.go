package app

import "testing"

// The window puts in the page the rows in view and a margin, never past
// the list's ends, and pads for the others.
func TestRowWindowSpan(t *testing.T) {
	for _, c := range []struct {
		name        string
		w           rowWindow
		n           int
		first, last int
	}{
		{"the top, defaults", rowWindow{}, 10000, 0, 10 + 2*12 + 6},
		{"measured", rowWindow{First: 500, RowH: 50, ViewH: 500}, 10000, 498, 498 + 10 + 24 + 6},
		{"past the end", rowWindow{First: 20000, RowH: 50, ViewH: 500}, 10000, 9978 - 9978%6, 10000},
		{"a short list: all of it", rowWindow{First: 3}, 7, 0, 7},
		{"empty", rowWindow{First: 5}, 0, 0, 0},
		{"costly rows: a small margin", rowWindow{Margin: 2, RowH: 236, ViewH: 600}, 5000, 0, 3 + 4 + 1},
	} {
		first, last := c.w.span(c.n, 32, 320)
		if first != c.first || last != c.last {
			t.Errorf("%s: span = [%d, %d), want [%d, %d)", c.name, first, last, c.first, c.last)
		}
		if last-first > 100 {
			t.Errorf("%s: %d rows in the page", c.name, last-first)
		}
		top, bottom := c.w.padding(c.n, first, last, 32)
		rowH := c.w.RowH
		if rowH == 0 {
			rowH = 32
		}
		if top != int(float64(first)*rowH) || bottom != int(float64(c.n-last)*rowH) {
			t.Errorf("%s: padding %d, %d", c.name, top, bottom)
		}
	}
	w := rowWindow{Active: 40}
	w.clamp(10)
	if w.Active != 9 {
		t.Errorf("clamp to 10 rows: active %d", w.Active)
	}
}
