//go:build !wasm

// The focal point editor: a click on the photo sets the point, a drag
// sets it where the pointer is let go, the arrow keys move it, and the
// after view shows what each ticked format makes of it.

package main

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// e2eFocal is where the test clicks the portrait in the focal point editor,
// as fractions of its width and height.
var e2eFocal = [2]float64{0.30, 0.20}

// setFocal opens the focal point editor for the photo at path, clicks the
// photo at the fractions at, and checks the editor and the button show it.
func (s *e2eSession) setFocal(t *testing.T, path string, at [2]float64) {
	t.Helper()
	btn := `#file-list [role=row][data-path="` + path + `"] button.set-focal`
	s.click(t, btn)
	s.waitJS(t, "the focal point editor showing "+path, `(() => {
  const ed = document.querySelector("#focal-editor"), img = document.querySelector("#focal-image");
  return ed && !ed.hidden && img && img.complete && img.naturalWidth > 0 && document.querySelector("#focal-frame svg");
})()`, 10*time.Second)
	// Wait for the page's scroll to the editor to end, then bring the
	// photo wholly into view.
	var box struct {
		Left, Top, Width, Height float64
		NW, NH                   int
	}
	s.evalInto(t, "the focal image's place", `new Promise((resolve) => {
  const img = document.querySelector("#focal-image");
  let last = "", same = 0, n = 0;
  const tick = () => {
    const r = img.getBoundingClientRect();
    const k = [r.left, r.top, r.width, r.height].join();
    same = k === last ? same + 1 : 0;
    last = k;
    if (same < 4 && ++n < 100) return setTimeout(tick, 25);
    if (r.top < 0 || r.bottom > innerHeight) img.scrollIntoView({block: "center", behavior: "instant"});
    const q = img.getBoundingClientRect();
    resolve({Left: q.left, Top: q.top, Width: q.width, Height: q.height, NW: img.naturalWidth, NH: img.naturalHeight});
  };
  tick();
})`, &box)
	if box.NW != 1200 || box.NH != 1800 {
		t.Errorf("#focal-image shows %s at %d×%d, want it upright, 1200×1800 (EXIF orientation 6)", path, box.NW, box.NH)
	}
	x, y := box.Left+at[0]*box.Width, box.Top+at[1]*box.Height
	ctx, cancel := s.step(10 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatalf("clicking #focal-image at (%.0f, %.0f): %v", x, y, err)
	}
	s.waitJS(t, "the set-focal button of "+path+" saying the point",
		`document.querySelector(`+strconv.Quote(btn)+`).textContent.trim().startsWith("Focal point ")`, 5*time.Second)
	var label string
	s.evalInto(t, "set-focal label", `document.querySelector(`+strconv.Quote(btn)+`).textContent.trim()`, &label)
	var px, py float64
	if _, err := fmt.Sscanf(label, "Focal point %f%%, %f%%", &px, &py); err != nil ||
		math.Abs(px-at[0]*100) > 1 || math.Abs(py-at[1]*100) > 1 {
		t.Errorf("after a click at %.0f%%, %.0f%% of the photo, the button says %q", at[0]*100, at[1]*100, label)
	}
	var mark struct {
		ViewBox string  `json:"viewBox"`
		CX      float64 `json:"cx"`
		CY      float64 `json:"cy"`
		Reset   bool    `json:"reset"`
		Note    string  `json:"note"`
	}
	s.evalInto(t, "the focal point in the editor", `(() => {
  const svg = document.querySelector("#focal-frame svg"), c = svg && svg.querySelector("circle.focal");
  const reset = document.querySelector("#focal-reset"), note = document.querySelector("#focal-editor p");
  return {viewBox: svg ? svg.getAttribute("viewBox") : "", cx: c ? +c.getAttribute("cx") : -1, cy: c ? +c.getAttribute("cy") : -1,
    reset: !!reset && !reset.disabled, note: note ? note.textContent.trim() : ""};
})()`, &mark)
	wx, wy := at[0]*float64(box.NW), at[1]*float64(box.NH)
	if mark.ViewBox != fmt.Sprintf("0 0 %d %d", box.NW, box.NH) || math.Abs(mark.CX-wx) > 15 || math.Abs(mark.CY-wy) > 15 {
		t.Errorf("#focal-editor shows the point at (%v, %v) over viewBox %q, want about (%.0f, %.0f) over \"0 0 %d %d\"",
			mark.CX, mark.CY, mark.ViewBox, wx, wy, box.NW, box.NH)
	}
	if !mark.Reset {
		t.Errorf("#focal-reset is disabled (or missing) with a focal point set")
	}
	t.Logf("focal point: %q; the editor says: %q", label, mark.Note)
	s.click(t, "#focal-close")
}

// dragFocal opens the focal point editor on the first photo listed, drags
// the point, moves it with an arrow key and waits for the after view.
func (s *e2eSession) dragFocal(t *testing.T) {
	t.Helper()
	s.eval(t, "open the focal editor", `document.querySelector("button.set-focal").click()`)
	s.waitJS(t, "the focal editor", `(() => { const i = document.querySelector("#focal-image"); return i && i.complete && i.naturalWidth > 0; })()`, 10*time.Second)
	// Drag sets the point where the pointer is let go; the arrow keys move it.
	var box struct{ Left, Top, Width, Height float64 }
	s.evalInto(t, "the photo's place", `(() => { const i = document.querySelector("#focal-image"); i.scrollIntoView({block: "center", behavior: "instant"});
  const r = i.getBoundingClientRect(); return {Left: r.left, Top: r.top, Width: r.width, Height: r.height}; })()`, &box)
	at := func(fx, fy float64) (float64, float64) { return box.Left + fx*box.Width, box.Top + fy*box.Height }
	c, cancel := s.step(10 * time.Second)
	x0, y0 := at(0.2, 0.2)
	x1, y1 := at(0.7, 0.6)
	for _, ev := range []input.DispatchMouseEventParams{
		{Type: input.DispatchMouseEventTypeMousePressed, X: x0, Y: y0, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1},
		{Type: input.DispatchMouseEventTypeMouseMoved, X: (x0 + x1) / 2, Y: (y0 + y1) / 2, Button: input.MouseButtonLeft, Buttons: 1},
		{Type: input.DispatchMouseEventTypeMouseMoved, X: x1, Y: y1, Button: input.MouseButtonLeft, Buttons: 1},
		{Type: input.DispatchMouseEventTypeMouseReleased, X: x1, Y: y1, Button: input.MouseButtonLeft, Buttons: 0, ClickCount: 1},
	} {
		if _, err := chromedp.Call(c, input.DispatchMouseEvent, ev); err != nil {
			cancel()
			t.Fatal(err)
		}
	}
	cancel()
	focalLabel := `document.querySelector("button.set-focal").textContent.trim()`
	s.waitJS(t, "the point where the drag ended (70%, 60%)", focalLabel+` === "Focal point 70%, 60%"`, 10*time.Second)
	s.eval(t, "focus the photo", `document.querySelector("#focal-frame").focus()`)
	c, cancel = s.step(10 * time.Second)
	if err := chromedp.Do(c, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		cancel()
		t.Fatal(err)
	}
	cancel()
	s.waitJS(t, "the arrow key moving the point 2% right", focalLabel+` === "Focal point 72%, 60%"`, 10*time.Second)

	// Before and after: the photo, and what each ticked format makes of it.
	s.waitJS(t, "the after view", `document.querySelectorAll("#focal-after img").length === 3 && Array.from(document.querySelectorAll("#focal-after img")).every((i) => i.complete && i.naturalWidth > 0)`, 20*time.Second)
}
