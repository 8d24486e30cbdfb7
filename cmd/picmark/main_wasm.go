//go:build wasm

// The browser side of picmark, one binary for both of its threads: in the
// page, the single route and go-app's start; in a Web Worker (no
// document), the image engine.
package main

import (
	"runtime/debug"
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
	// wasm has one thread: a collection marks and sweeps on the UI thread,
	// one long task (40–60 ms of CPU measured during a batch). The page's
	// heap is small (2–3 MB) and its garbage comes from rendering, so let it
	// grow five times over before the next one: a batch of photos then runs
	// without any.
	debug.SetGCPercent(400)
	waitForScripts()
	ui.Register()
	app.RunWhenOnBrowser()
}

// waitForScripts waits for the page's JavaScript (web/js/picmark.js, an ES
// module) to set window.picmark: modules run after the deferred script
// that starts this binary, and the page's first moves (binding the glue,
// listing the kits) call it.
func waitForScripts() {
	if js.Global().Get("picmark").Truthy() {
		return
	}
	ready := make(chan struct{})
	f := js.FuncOf(func(js.Value, []js.Value) any {
		close(ready)
		return nil
	})
	js.Global().Call("addEventListener", "picmark-ready", f)
	<-ready
	js.Global().Call("removeEventListener", "picmark-ready", f)
	f.Release()
}
