//go:build wasm

// The browser side of picmark: the page's single route and go-app's start.
package main

import (
	"runtime/debug"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "picmark/app"
)

func main() {
	// wasm has one thread: a collection marks and sweeps on the UI thread,
	// one long task (40–60 ms of CPU measured during a batch). The page's
	// heap is small (2–3 MB) and its garbage comes from rendering, so let it
	// grow five times over before the next one: a batch of photos then runs
	// without any.
	debug.SetGCPercent(400)
	ui.Register()
	app.RunWhenOnBrowser()
}
