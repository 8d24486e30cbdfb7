//go:build js

package crop

import "os"

// Under wasm (node) the cascade the browser downloads comes from the file
// go generate copied, through the same loader path the worker uses.
func init() {
	SetCascadeLoader(func() ([]byte, error) { return os.ReadFile(CascadeFile) })
}
