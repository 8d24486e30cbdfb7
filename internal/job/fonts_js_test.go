//go:build js

package job

import (
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"picmark/internal/brand"
)

// Under wasm (node) the fonts the browser downloads come from the test
// binary, through the same loader path the worker uses.
func init() {
	brand.SetFontLoader(func(name string) ([]byte, error) {
		return map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF}[name], nil
	})
}
