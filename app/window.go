package app

import (
	"math"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// window.go: lists that stay light. A list of thousands of rows (the files,
// the previews, the report) puts in the page only the rows in view and a
// margin either side; padding above and below them stands for the others,
// so the scroll bar is the whole list's and a screen reader hears each
// row's number out of all (aria-rowcount, aria-rowindex). The rows of one
// list are all the same height (the CSS makes them so: .vrow), measured on
// the page as it scrolls.
//
// A list that holds keyboard focus (the files, the previews) is a grid that
// keeps focus on itself and points at its active row (aria-activedescendant):
// no focused element is ever taken out of the page by scrolling. The arrow
// keys, Page Up/Down, Home and End move the active row and scroll it into
// view; Enter acts on it.

const (
	// windowMargin rows are rendered beyond the view on each side, and the
	// window moves by half as many: scrolling renders again every few rows,
	// not at every pixel.
	windowMargin = 12
)

// rowWindow is one list's view: which rows are in the page and which is
// active. The zero value shows the list's top; defaults stand for the
// sizes until the page has been measured.
type rowWindow struct {
	First  int     // the first row in the page
	RowH   float64 // a row's height in px, measured
	ViewH  float64 // the scroll box's height in px, measured
	Active int     // the row the keyboard is on (grids); 0 is the first
	Margin int     // rows beyond the view on each side; 0: windowMargin
}

// margin and step: a list of costly rows (the previews, each made by a
// worker) renders fewer beyond the view.
func (w rowWindow) margin() int {
	if w.Margin > 0 {
		return w.Margin
	}
	return windowMargin
}

func (w rowWindow) step() int { return max(1, w.margin()/2) }

// span is the rows [first, last) to put in the page, out of n.
func (w rowWindow) span(n int, rowH, viewH float64) (first, last int) {
	if w.RowH > 0 {
		rowH = w.RowH
	}
	if w.ViewH > 0 {
		viewH = w.ViewH
	}
	visible := int(math.Ceil(viewH / rowH))
	first = min(w.First, n-visible-w.margin())
	first = max(0, first-first%w.step())
	last = min(n, first+visible+2*w.margin()+w.step())
	return first, last
}

// padding is the space, in px, that stands for the rows before first and
// after last. The rows' box says it in data-pad-top and data-pad-bottom,
// and the glue sets it (web/js/picmark.js): the page's Content Security
// Policy allows no style attribute.
func (w rowWindow) padding(n, first, last int, rowH float64) (top, bottom int) {
	if w.RowH > 0 {
		rowH = w.RowH
	}
	return int(float64(first) * rowH), int(float64(n-last) * rowH)
}

// scrolled takes a scroll of the list box (el): it measures the box and a
// row, and says whether the rows in the page must change.
func (w *rowWindow) scrolled(el app.Value) bool {
	top, rowsTop := w.measure(el)
	first := max(0, int((top-rowsTop)/w.RowH)-w.margin())
	first -= first % w.step()
	if first == w.First {
		return false
	}
	w.First = first
	return true
}

// measure reads the box's scroll offset and height, where its rows start in
// it, and a row's height.
func (w *rowWindow) measure(el app.Value) (scrollTop, rowsTop float64) {
	w.ViewH = el.Get("clientHeight").Float()
	rows := el.Call("querySelector", ".vrows")
	if rows.Truthy() {
		rowsTop = rows.Get("offsetTop").Float()
		if row := rows.Get("firstElementChild"); row.Truthy() {
			if h := row.Get("offsetHeight").Float(); h > 0 {
				w.RowH = h
			}
		}
	}
	if w.RowH <= 0 {
		w.RowH = 40
	}
	return el.Get("scrollTop").Float(), rowsTop
}

// key moves the active row of a grid of n rows for the key pressed in its
// box el, scrolls it into view, and reports whether it handled the key.
// Enter and Space are the caller's (they act on the row).
func (w *rowWindow) key(el app.Value, key string, n int) bool {
	if n == 0 {
		return false
	}
	top, rowsTop := w.measure(el)
	page := max(1, int(w.ViewH/w.RowH)-1)
	active := w.Active
	switch key {
	case "ArrowDown":
		active++
	case "ArrowUp":
		active--
	case "PageDown":
		active += page
	case "PageUp":
		active -= page
	case "Home":
		active = 0
	case "End":
		active = n - 1
	default:
		return false
	}
	w.Active = max(0, min(n-1, active))
	// Scroll the active row into view, as little as needed.
	rowTop := rowsTop + float64(w.Active)*w.RowH
	switch {
	case rowTop < top:
		top = rowTop
	case rowTop+w.RowH > top+w.ViewH:
		top = rowTop + w.RowH - w.ViewH
	}
	el.Set("scrollTop", top)
	w.scrolled(el)
	return true
}

// clamp keeps the active row inside a list of n rows (the list changed).
func (w *rowWindow) clamp(n int) {
	w.Active = max(0, min(n-1, w.Active))
}

// shows says whether row i is in the page.
func shows(i, first, last int) bool { return i >= first && i < last }
