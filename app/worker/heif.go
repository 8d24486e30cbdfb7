//go:build js && wasm

package worker

import (
	"errors"
	"image"
	"syscall/js"

	"picmark/internal/imgio"
)

// A HEIC is decoded by libheif's own module (third_party/heic), which
// web/js/heif.js runs in this worker: the browser's WebAssembly, never Go's
// (wazero in wasm would be an interpreter inside an interpreter). Its
// pixels then take the command line's way through imgio (DecodeStored):
// the same RGBA, upright by irot and imir alone, the same colours by the
// file's nclx or ICC profile.
func init() { imgio.SetDecoder(imgio.HEIC, decodeHEIC) }

// decodeHEIC hands the file to heif.js and copies the picture into Go.
func decodeHEIC(data []byte) (image.Image, error) {
	file := uint8Array.New(len(data))
	js.CopyBytesToJS(file, data)
	res, err := await(js.Global().Call("picmarkHeif", file.Get("buffer")))
	if err != nil {
		return nil, err
	}
	if why := res.Get("missing"); why.Truthy() {
		return nil, &imgio.NoDecoderError{Format: imgio.HEIC, Download: errors.New(why.String())}
	}
	w, h := res.Get("width").Int(), res.Get("height").Int()
	pixels := res.Get("pixels")
	if pixels.Length() != 4*w*h {
		return nil, errors.New("the HEIC decoder gave pixels of the wrong size")
	}
	rect := image.Rect(0, 0, w, h)
	pix := make([]byte, 4*w*h)
	js.CopyBytesToGo(pix, pixels)
	if res.Get("premultiplied").Bool() {
		return &image.RGBA{Pix: pix, Stride: 4 * w, Rect: rect}, nil
	}
	return &image.NRGBA{Pix: pix, Stride: 4 * w, Rect: rect}, nil
}
