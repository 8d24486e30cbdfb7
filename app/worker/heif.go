//go:build js && wasm

package worker

import (
	"errors"
	"fmt"
	"image"
	"math"
	"syscall/js"

	"picmark/internal/imgio"
)

// A HEIC is decoded by libheif's own module (third_party/heic), which
// web/js/heif.js runs in this worker: the browser's WebAssembly, never Go's
// (wazero in wasm would be an interpreter inside an interpreter). The
// batch holds the picture as an ImageBitmap (holdHEIC) for the canvas
// path, whose browser scaling and encoding made a 30-photo batch 5 times
// as fast as the engine's own in wasm; previews and a HEIC with
// premultiplied alpha take the command line's way through imgio
// (decodeHEIC). Either way the pixels are libheif's RGBA, upright by irot
// and imir alone (imgio's Inspect reads the same), and the engine converts
// the outputs by the file's nclx or ICC profile, as in the CLI.
func init() { imgio.SetDecoder(imgio.HEIC, decodeHEIC) }

// holdHEIC decodes a gated HEIC into an ImageBitmap of libheif's picture,
// upright: info then says so (Orientation 1), and keeps the profile.
func holdHEIC(file js.Value, info imgio.Info) (*heldBitmap, imgio.Info, error) {
	buf, err := await(file.Call("arrayBuffer"))
	if err != nil {
		return nil, info, errors.New("the browser could not read this file: " + err.Error())
	}
	res, err := await(js.Global().Call("picmarkHeif", buf, true))
	if err != nil {
		return nil, info, err
	}
	if why := res.Get("missing"); why.Truthy() {
		return nil, info, &imgio.NoDecoderError{Format: imgio.HEIC, Download: errors.New(why.String())}
	}
	bmp := res.Get("bitmap")
	if !bmp.Truthy() {
		return nil, info, errUnsupported // premultiplied alpha: imgio's way
	}
	uw, uh := info.Upright()
	if w, h := res.Get("width").Int(), res.Get("height").Int(); w != uw || h != uh {
		bmp.Call("close")
		return nil, info, fmt.Errorf("libheif gave %d×%d for a %d×%d photo", w, h, uw, uh)
	}
	info.Width, info.Height, info.Orientation = uw, uh, 1
	return &heldBitmap{bmp: bmp, size: image.Rect(0, 0, uw, uh), opaque: !res.Get("alpha").Bool(), worst: math.Inf(1)}, info, nil
}

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
