//go:build js

package render

import (
	"os"
	"path/filepath"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"picmark/internal/brand"
	"picmark/internal/crop"
)

// Under wasm (node) what the browser downloads comes through the same
// loaders the worker uses: the face finder's cascade from the file go
// generate copied into internal/crop, the fonts from the test binary.
func init() {
	crop.SetCascadeLoader(func() ([]byte, error) { return os.ReadFile(filepath.Join("..", "crop", crop.CascadeFile)) })
	brand.SetFontLoader(func(name string) ([]byte, error) {
		return map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF}[name], nil
	})
}
