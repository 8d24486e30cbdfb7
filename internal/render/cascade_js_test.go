//go:build js

package render

import (
	"os"
	"path/filepath"

	"picmark/internal/crop"
)

// Under wasm (node) the face finder's cascade, which the browser downloads,
// comes from the file go generate copied into internal/crop, through the
// same loader path the worker uses.
func init() {
	crop.SetCascadeLoader(func() ([]byte, error) { return os.ReadFile(filepath.Join("..", "crop", crop.CascadeFile)) })
}
