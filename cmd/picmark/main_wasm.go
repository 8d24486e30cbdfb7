//go:build wasm

// The browser side of picmark: the page's single route and go-app's start.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "picmark/app"
)

func main() {
	ui.Register()
	app.RunWhenOnBrowser()
}
