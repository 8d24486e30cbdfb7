//go:build js

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

// Under wasm (node) the fonts the browser downloads come from the test
// binary, through the same loader path the worker uses.
func init() {
	SetFontLoader(func(name string) ([]byte, error) {
		return map[string][]byte{
			"regular": goregular.TTF, "bold": gobold.TTF, "medium": gomedium.TTF, "italic": goitalic.TTF, "bold-italic": gobolditalic.TTF,
			"mono": gomono.TTF, "mono-bold": gomonobold.TTF,
		}[name], nil
	})
}
