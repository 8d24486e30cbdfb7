// Package app is picmark's user interface: one go-app page where a marketer
// drops a folder, ticks formats, adds a logo and downloads a ZIP.
//
// The page only decides and displays. Files, workers and outputs are held by
// the browser glue (web/js/picmark.js, reached through glue.go); image work runs
// in Web Workers (app/worker, in this same binary), never on this thread.
package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Register declares the app's single route. The server and the wasm binary
// both call it: go-app renders the page on the server and mounts it in the
// browser. One route keeps the service worker's precache complete.
func Register() {
	app.Route("/", func() app.Composer { return &Page{} })
}
