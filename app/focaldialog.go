package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// focaldialog.go: the focal point editor is a modal dialog. It opens over
// the page where the marketer is (no jump to a section far below), keeps
// the keyboard inside it while open, and gives focus back on closing to
// what had it: the photo's row in the file list or the previews, or the
// preview clicked.

// showModal shows the dialog once it is in the page (the open editor's
// next frame): a <dialog> is modal only through showModal().
func (c *focalPanel) showModal(ctx app.Context) {
	if c.editor.Index < 0 || !app.IsClient {
		return
	}
	ctx.Defer(func(app.Context) {
		d := app.Window().GetElementByID("focal-editor")
		if d.Truthy() && d.Get("tagName").String() == "DIALOG" && !d.Get("open").Bool() {
			d.Call("showModal")
		}
	})
}

// closeDialog closes the dialog with that id if it is open.
func closeDialog(id string) {
	if !app.IsClient {
		return
	}
	if d := app.Window().GetElementByID(id); d.Truthy() && d.Get("open").Bool() {
		d.Call("close")
	}
}

// focusedElement is the element with keyboard focus now; nil natively.
func focusedElement() app.Value {
	if !app.IsClient {
		return nil
	}
	return app.Window().Get("document").Get("activeElement")
}

// focusBack gives focus back to el when it is still in the page; to the
// file list otherwise (its row may have scrolled away: the grid keeps it).
func focusBack(el app.Value) {
	if !app.IsClient {
		return
	}
	if el == nil || !el.Truthy() || !el.Get("isConnected").Bool() || el.Get("tagName").String() == "BODY" {
		el = app.Window().GetElementByID("file-list")
	}
	if el.Truthy() {
		el.Call("focus", map[string]any{"preventScroll": true})
	}
}
