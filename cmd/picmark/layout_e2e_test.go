//go:build !wasm

// The workspace around a batch, on a phone and a laptop: a batch's progress
// stays in view wherever the page is scrolled, the focal point editor opens
// where the marketer is and gives focus back to the photo when it closes,
// and the format list's checkboxes are one size.

package main

import (
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
)

func TestE2EWorkspaceLayout(t *testing.T) {
	env := e2eOpen(t, 4*time.Minute, nil)
	s := env.s
	s.setPhase("layout")
	s.load(t, env.srv.URL)
	s.dropFolder(t, env.fx.folder)
	for _, width := range []int{1440, 375} {
		s.viewport(t, width)
		t.Run(fmt.Sprintf("checkboxes-%d", width), func(t *testing.T) { s.checkboxSizes(t, width) })
	}
	// A phone from here on.
	t.Run("focal-editor", s.focalDialog)
	t.Run("progress-in-view", s.progressInView)
	s.viewport(t, 0)
}

// checkboxSizes checks every format's checkbox has the same box.
func (s *e2eSession) checkboxSizes(t *testing.T, width int) {
	var boxes []struct{ ID, W, H string }
	s.evalInto(t, "the format checkboxes", `Array.from(document.querySelectorAll("input[type=checkbox][name=preset]")).map((e) => {
  const r = e.getBoundingClientRect(); return {ID: e.id, W: r.width.toFixed(1), H: r.height.toFixed(1)}; })`, &boxes)
	if len(boxes) < 5 {
		t.Fatalf("%d format checkboxes, want the whole list", len(boxes))
	}
	for _, b := range boxes {
		if b.W != boxes[0].W || b.H != boxes[0].H || b.W == "0.0" {
			t.Errorf("at %d px #%s is %s×%s px, #%s %s×%s: every checkbox must be one size", width, b.ID, b.W, b.H, boxes[0].ID, boxes[0].W, boxes[0].H)
		}
	}
}

// focalView is the focal point editor and the page around it.
type focalView struct {
	Open, Modal     bool
	Top, Bottom     float64 // the dialog's box in the viewport
	Left, Right     float64
	ViewW, ViewH    float64
	ScrollY         float64
	Focus, FocusRow string // the element with focus (tag#id.class) and its row's data-path
}

func (s *e2eSession) focalView(t *testing.T) focalView {
	t.Helper()
	var v focalView
	s.evalInto(t, "the focal point editor", `(() => {
  const d = document.querySelector("#focal-editor"), r = d.getBoundingClientRect(), a = document.activeElement;
  const row = a && a.closest("[role=row]");
  return {Open: !!d.open, Modal: d.matches(":modal"), Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right,
    ViewW: innerWidth, ViewH: innerHeight, ScrollY: scrollY,
    Focus: a ? a.tagName + "#" + a.id + "." + a.className : "", FocusRow: row ? row.dataset.path || "" : ""};
})()`, &v)
	return v
}

// focalDialog opens the editor from the file list with the keyboard and from
// a preview with a click: it opens over the page where it is, and closing
// it gives focus back.
func (s *e2eSession) focalDialog(t *testing.T) {
	s.eval(t, "the file list in view", `document.querySelector("#file-list").scrollIntoView({block: "center", behavior: "instant"}), true`)
	s.eval(t, "focus the file list", `document.querySelector("#file-list").focus(), true`)
	s.press(t, kb.Home)
	var down int
	s.evalInto(t, "the first photo's row", `Array.from(document.querySelectorAll("#file-list [role=row]")).findIndex((r) => r.dataset.status === "ready")`, &down)
	for range down {
		s.press(t, kb.ArrowDown)
	}
	before := s.focalView(t)
	s.press(t, kb.Enter)
	s.waitJS(t, "the focal point editor open", `document.querySelector("#focal-editor").open`, 10*time.Second)
	open := s.focalView(t)
	if !open.Modal {
		t.Errorf("the focal point editor is not a modal dialog: %+v", open)
	}
	if math.Abs(open.ScrollY-before.ScrollY) > 2 {
		t.Errorf("opening the editor moved the page from %.0f to %.0f px: it must open where the marketer is", before.ScrollY, open.ScrollY)
	}
	if open.Top < 0 || open.Left < 0 || open.Right > open.ViewW+1 || open.Top > open.ViewH/2 {
		t.Errorf("the editor's box %+v is not in the %.0f×%.0f view", open, open.ViewW, open.ViewH)
	}
	s.press(t, kb.Escape)
	s.waitJS(t, "the editor closed", `!document.querySelector("#focal-editor").open`, 10*time.Second)
	closed := s.focalView(t)
	if closed.Focus != "DIV#file-list.file-list vlist" || math.Abs(closed.ScrollY-before.ScrollY) > 2 {
		t.Errorf("after Escape focus is on %q at %.0f px, want it back on #file-list, the page where it was (%.0f px)", closed.Focus, closed.ScrollY, before.ScrollY)
	}
	var active string
	s.evalInto(t, "the list's active row", `document.getElementById(document.querySelector("#file-list").getAttribute("aria-activedescendant")).dataset.status`, &active)
	if active != "ready" {
		t.Errorf("the file list's active row is %q after the editor closed, want the photo that opened it", active)
	}

	// From a preview, with the mouse and the Close button.
	const preview = `#preview-grid [role=row][data-status=ready] .preview-open`
	s.waitJS(t, "a preview made", `!!document.querySelector(`+strconv.Quote(preview)+`)`, 60*time.Second)
	path := s.eval(t, "the preview's photo", `document.querySelector(`+strconv.Quote(preview)+`).closest("[role=row]").dataset.path`)
	s.click(t, preview)
	s.waitJS(t, "the focal point editor open", `document.querySelector("#focal-editor").open`, 10*time.Second)
	from := s.focalView(t)
	s.click(t, "#focal-close")
	s.waitJS(t, "the editor closed", `!document.querySelector("#focal-editor").open`, 10*time.Second)
	back := s.focalView(t)
	if strconv.Quote(back.FocusRow) != path || math.Abs(back.ScrollY-from.ScrollY) > 2 {
		t.Errorf("after Close focus is on %q (row %q) at %.0f px, want the preview of %s, the page where it was (%.0f px)", back.Focus, back.FocusRow, back.ScrollY, path, from.ScrollY)
	}
}

// progressInView starts a batch held at its first photo and scrolls the
// page: the progress and the status stay in view.
func (s *e2eSession) progressInView(t *testing.T) {
	s.eval(t, "hold the batch", `window.picmarkDebug.holdAfter(0), true`)
	s.eval(t, "the top of the page", `scrollTo(0, 0), true`)
	s.eval(t, "start", `document.querySelector("#start").click(), true`)
	s.waitJS(t, "the batch held", `window.picmarkDebug.held() !== ""`, 60*time.Second)
	for _, at := range []string{"0", "document.documentElement.scrollHeight / 3", "document.documentElement.scrollHeight"} {
		var v struct {
			Progress, Status [2]float64
			ViewH, ScrollY   float64
		}
		s.evalInto(t, "the progress's place", `new Promise((ok) => { scrollTo(0, `+at+`); requestAnimationFrame(() => requestAnimationFrame(() => {
  const r = (s) => { const b = document.querySelector(s).getBoundingClientRect(); return [b.top, b.bottom]; };
  ok({Progress: r("#progress"), Status: r("#status"), ViewH: innerHeight, ScrollY: scrollY}); })); })`, &v)
		for name, b := range map[string][2]float64{"#progress": v.Progress, "#status": v.Status} {
			if b[0] < 0 || b[1] > v.ViewH+1 {
				t.Errorf("scrolled to %.0f px while a batch runs, %s is at %.0f–%.0f px, out of the %.0f px view", v.ScrollY, name, b[0], b[1], v.ViewH)
			}
		}
	}
	n := s.runs(t)
	s.eval(t, "cancel", `document.querySelector("#cancel").click(), true`)
	s.wsWaitDone(t, n)
}
