//go:build !wasm

package imgio

import (
	"bytes"
	"image"

	"github.com/gen2brain/avif"
	"github.com/gen2brain/heic"
)

// The CLI decodes HEIC and AVIF with libheif (and libde265) and libavif
// (and libaom) compiled to WebAssembly and run by wazero: pure Go, no cgo,
// the same decoders on every machine. The browser's engine leaves them
// out (see heifDecoders).
func init() {
	heifDecoders[HEIC] = func(b []byte) (image.Image, error) { return heic.Decode(bytes.NewReader(b)) }
	heifDecoders[AVIF] = func(b []byte) (image.Image, error) { return avif.Decode(bytes.NewReader(b)) }
}
