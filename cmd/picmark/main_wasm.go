//go:build wasm

// The browser side of picmark, one binary for both of its threads: in the
// page, the single route and go-app's start; in a Web Worker (no
// document), the image engine.
package main

import (
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "picmark/app"
	"picmark/app/worker"
)

func main() {
	if js.Global().Get("document").IsUndefined() {
		worker.Run()
		return
	}
	ui.Register()
	app.RunWhenOnBrowser()
}
