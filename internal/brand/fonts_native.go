//go:build !js

package brand

import (
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The command line works offline with every font, and the server serves
// these to the browser, whose binary leaves them out (fonts.go).
func init() {
	embedded["regular"] = goregular.TTF
	embedded["bold"] = gobold.TTF
	embedded["medium"] = gomedium.TTF
	embedded["italic"] = goitalic.TTF
	embedded["bold-italic"] = gobolditalic.TTF
	embedded["mono"] = gomono.TTF
	embedded["mono-bold"] = gomonobold.TTF
}
