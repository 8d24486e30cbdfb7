//go:build js && wasm

package worker

// Decoding in the browser. Measured in Chromium 156 on a 12 MP JPEG:
// WebCodecs ImageDecoder 99–126 ms plus 23–28 ms to copy its I420 planes
// out, createImageBitmap plus getImageData 280 ms, Go's decoder in wasm
// about 1 s. What each browser decoder gives, checked in that Chromium:
//
//   - ImageDecoder: pixels as stored. EXIF orientation is only described
//     (VideoFrame.rotation and flip), and an embedded ICC profile only tags
//     the frame's colour space; the pixel values are the file's. With
//     colorSpaceConversion "none" it is explicit. So its frames go to the
//     engine with the Info imgio.Inspect read, exactly like Go's decoders':
//     the engine turns and converts once, on the small outputs. JPEGs come
//     as I420 (BT.601 full range, what image.YCbCr is) and are wrapped
//     without conversion; PNGs as BGRA or BGRX, unpremultiplied.
//   - createImageBitmap: applies EXIF orientation itself (even when asked
//     for "none"), and converts colours unless colorSpaceConversion is
//     "none", which we ask. So its pixels are upright and unconverted: the
//     engine gets Orientation 1 and keeps the profile.
//
// Asking ImageDecoder for a smaller decode (desiredWidth/Height) does give
// a DCT-scaled decode (scales of n/8), but as BGRX, and it saves little:
// 12 MP at 1/2 took 105 ms against 99–126 ms for the full I420 decode, at
// 1/4 82 ms, at 1/8 65 ms (the entropy decoding is the cost, and it is not
// scaled). The default formats need at least 1/1.56 of a 12 MP photo, so
// picmark always decodes at full size. createImageBitmap with resizeWidth
// and resizeHeight is no smaller decode either: it decodes whole, then
// resizes (12 MP: 56 ms whole, 73 ms at 1/2 "low", 94 ms at 1/2 "high").

import (
	"errors"
	"fmt"
	"image"
	"strings"
	"syscall/js"

	"picmark/internal/imgio"
)

// decoded is a photo ready for render.Decoded, and which decoder made it.
type decoded struct {
	img  image.Image
	info imgio.Info
	by   string // "ImageDecoder", "createImageBitmap", "Go" or "libheif"
}

// decodePhoto gates data with imgio.Inspect (the header only: a tiny file
// claiming 65500² never reaches a decoder), then decodes it with the
// browser's ImageDecoder, else createImageBitmap, else Go's decoders. buf
// is the same bytes as a JavaScript ArrayBuffer. A browser decoder that
// fails (or answers with something unexpected) hands over to the next, so
// a damaged file ends in Go's decoder and its plain error.
func decodePhoto(data []byte, buf js.Value, lim imgio.Limits) (decoded, error) {
	info, err := imgio.Inspect(data, lim)
	if err != nil {
		return decoded{}, err
	}
	mime := "image/" + string(info.Format)
	use := decoders()
	// The browser turns an AVIF by its irot and imir, but ImageDecoder's
	// frame may say so only in its rotation: leave a turned one to
	// createImageBitmap, whose size tells.
	if use["ImageDecoder"] && (info.Format != imgio.AVIF || info.Orientation == 1) {
		if img, err := viaImageDecoder(buf, mime, info); err == nil {
			return decoded{img, info, "ImageDecoder"}, nil
		}
	}
	if use["createImageBitmap"] {
		if img, upright, err := viaBitmap(buf, mime, info); err == nil {
			if upright {
				info.Orientation = 1
			}
			return decoded{img, info, "createImageBitmap"}, nil
		}
	}
	img, info, err := imgio.DecodeStored(data, lim)
	return decoded{img, info, "Go"}, err
}

var errUnsupported = errors.New("not supported by this browser")

// headBytes is how much of a file imgio.Inspect reads first: headers, EXIF
// and an embedded colour profile fit in it, except for rare files with a
// huge profile or thumbnail, which are then read whole.
const headBytes = 256 << 10

// inspectFile gates a File from its first bytes (imgio.Inspect), so a
// photo the browser decodes itself is never read into Go whole. head is
// the bytes it read.
func inspectFile(file js.Value, lim imgio.Limits) (info imgio.Info, head []byte, err error) {
	n := int64(file.Get("size").Float())
	head, err = readSlice(file, min(n, headBytes))
	if err != nil {
		return imgio.Info{}, nil, browserRead(err)
	}
	// The gate reads what it needs beyond head by slices (a header larger
	// than head, a TIFF's directory at its end).
	info, err = imgio.InspectAt(fileAt{file, head}, n, lim)
	return info, head, err
}

// readSlice copies the file's first n bytes into Go.
func readSlice(file js.Value, n int64) ([]byte, error) {
	buf, err := await(file.Call("slice", 0, float64(n)).Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	return goBytes(buf), nil
}

// decoders are the browser paths this worker may try (canvas.go's, then
// the two that decode into Go): all of them, unless the
// worker is named "decoders=…" (a comma-separated subset, maybe empty; see
// worker.js), which the browser tests use to run every path on the same
// photos.
func decoders() map[string]bool {
	v := js.Global().Get("picmarkDecoders")
	if v.Type() != js.TypeString {
		return map[string]bool{"canvas": true, "ImageDecoder": true, "createImageBitmap": true}
	}
	use := map[string]bool{}
	for _, d := range strings.Split(v.String(), ",") {
		use[strings.TrimSpace(d)] = true
	}
	return use
}

// supported caches ImageDecoder.isTypeSupported per type.
var supported = map[string]bool{}

func imageDecoderSupports(mime string) bool {
	ctor := js.Global().Get("ImageDecoder")
	if ctor.Type() != js.TypeFunction {
		return false
	}
	ok, seen := supported[mime]
	if !seen {
		v, err := await(ctor.Call("isTypeSupported", mime))
		ok = err == nil && v.Truthy()
		supported[mime] = ok
	}
	return ok
}

// viaImageDecoder decodes the first frame with WebCodecs and copies its
// pixels into Go as stored: YUV planes as an *image.YCbCr, RGB as an
// *image.NRGBA.
func viaImageDecoder(buf js.Value, mime string, info imgio.Info) (image.Image, error) {
	if !imageDecoderSupports(mime) {
		return nil, errUnsupported
	}
	dec := js.Global().Get("ImageDecoder").New(map[string]any{
		"type": mime, "data": buf,
		"colorSpaceConversion": "none", "premultiplyAlpha": "none", "preferAnimation": false,
	})
	defer dec.Call("close")
	res, err := await(dec.Call("decode", map[string]any{"frameIndex": 0}))
	if err != nil {
		return nil, err
	}
	frame := res.Get("image")
	defer frame.Call("close")
	vr := frame.Get("visibleRect")
	w, h := vr.Get("width").Int(), vr.Get("height").Int()
	if w != info.Width || h != info.Height {
		// Not the stored pixels the header describes: trust neither.
		return nil, fmt.Errorf("ImageDecoder gave %d×%d for a %d×%d photo", w, h, info.Width, info.Height)
	}
	switch f := frame.Get("format"); f.Type() {
	case js.TypeString:
		switch f.String() {
		case "I420":
			return copyYUV(frame, w, h, image.YCbCrSubsampleRatio420)
		case "I422":
			return copyYUV(frame, w, h, image.YCbCrSubsampleRatio422)
		case "I444":
			return copyYUV(frame, w, h, image.YCbCrSubsampleRatio444)
		case "NV12":
			return copyNV12(frame, w, h)
		case "RGBA", "RGBX", "BGRA", "BGRX":
			return copyRGB(frame, w, h, f.String())
		}
		return nil, fmt.Errorf("ImageDecoder gave pixel format %s", f.String())
	}
	return nil, errors.New("ImageDecoder gave no pixel format")
}

// copyYUV copies planar YUV into a new image.YCbCr laid out as
// image.NewYCbCr lays it out, so nothing is converted.
func copyYUV(frame js.Value, w, h int, ratio image.YCbCrSubsampleRatio) (image.Image, error) {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
	ny, nc := len(m.Y), len(m.Cb)
	layout := []any{
		map[string]any{"offset": 0, "stride": m.YStride},
		map[string]any{"offset": ny, "stride": m.CStride},
		map[string]any{"offset": ny + nc, "stride": m.CStride},
	}
	arr, err := copyOut(frame, ny+2*nc, map[string]any{"layout": layout})
	if err != nil {
		return nil, err
	}
	js.CopyBytesToGo(m.Y, arr.Call("subarray", 0, ny))
	js.CopyBytesToGo(m.Cb, arr.Call("subarray", ny, ny+nc))
	js.CopyBytesToGo(m.Cr, arr.Call("subarray", ny+nc, ny+2*nc))
	return m, nil
}

// copyNV12 copies a Y plane and an interleaved UV plane into a 4:2:0
// image.YCbCr.
func copyNV12(frame js.Value, w, h int) (image.Image, error) {
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	ny := len(m.Y)
	uvStride := 2 * m.CStride
	ch := len(m.Cb) / m.CStride
	layout := []any{
		map[string]any{"offset": 0, "stride": m.YStride},
		map[string]any{"offset": ny, "stride": uvStride},
	}
	arr, err := copyOut(frame, ny+uvStride*ch, map[string]any{"layout": layout})
	if err != nil {
		return nil, err
	}
	js.CopyBytesToGo(m.Y, arr.Call("subarray", 0, ny))
	uv := make([]byte, uvStride*ch)
	js.CopyBytesToGo(uv, arr.Call("subarray", ny, ny+len(uv)))
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uv[2*i], uv[2*i+1]
	}
	return m, nil
}

// copyRGB copies 8-bit RGB(A) pixels into an *image.NRGBA (ImageDecoder
// was asked for unpremultiplied alpha); X means opaque.
func copyRGB(frame js.Value, w, h int, format string) (image.Image, error) {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	arr, err := copyOut(frame, len(m.Pix), map[string]any{
		"layout": []any{map[string]any{"offset": 0, "stride": m.Stride}},
	})
	if err != nil {
		return nil, err
	}
	js.CopyBytesToGo(m.Pix, arr)
	swap, opaque := strings.HasPrefix(format, "BGR"), strings.HasSuffix(format, "X")
	if swap || opaque {
		p := m.Pix
		for i := 0; i+3 < len(p); i += 4 {
			if swap {
				p[i], p[i+2] = p[i+2], p[i]
			}
			if opaque {
				p[i+3] = 0xFF
			}
		}
	}
	return m, nil
}

// copyOut copies a VideoFrame's visible pixels into a new Uint8Array of n
// bytes with the given copyTo options.
func copyOut(frame js.Value, n int, opts map[string]any) (js.Value, error) {
	arr := js.Global().Get("Uint8Array").New(n)
	if _, err := await(frame.Call("copyTo", arr, opts)); err != nil {
		return js.Value{}, err
	}
	return arr, nil
}

// viaBitmap decodes with createImageBitmap and reads the pixels back from
// an OffscreenCanvas as an *image.NRGBA, colours unconverted. upright
// reports whether the browser applied the EXIF orientation.
func viaBitmap(buf js.Value, mime string, info imgio.Info) (img image.Image, upright bool, err error) {
	g := js.Global()
	if g.Get("OffscreenCanvas").Type() != js.TypeFunction {
		return nil, false, errUnsupported
	}
	blob := g.Get("Blob").New([]any{buf}, map[string]any{"type": mime})
	v, upright, err := decodeBitmap(blob, info, false)
	if err != nil {
		return nil, false, err
	}
	defer v.Call("close")
	w, h := v.Get("width").Int(), v.Get("height").Int()
	canvas := g.Get("OffscreenCanvas").New(w, h)
	ctx := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	if ctx.IsNull() {
		return nil, false, errUnsupported
	}
	ctx.Call("drawImage", v, 0, 0)
	return readCanvas(ctx, w, h), upright, nil
}

// readCanvas copies a 2D context's w×h pixels into Go (getImageData gives
// them unpremultiplied, as image.NRGBA holds them).
func readCanvas(ctx js.Value, w, h int) *image.NRGBA {
	data := ctx.Call("getImageData", 0, 0, w, h).Get("data")
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	js.CopyBytesToGo(m.Pix, js.Global().Get("Uint8Array").New(data.Get("buffer"), data.Get("byteOffset"), data.Get("length")))
	return m
}

// decodeBitmap decodes with createImageBitmap: with convert, as the
// browser draws it (colours converted to sRGB, alpha premultiplied: its
// fastest decode, measured at 133 ms a 12 MP photo against 217–270 ms
// unconverted); else colours as stored and alpha unpremultiplied. upright
// reports whether the browser applied the EXIF orientation (it does, by
// default, wherever createImageBitmap follows today's specification). The
// caller closes the bitmap. src is a Blob (a File is one).
func decodeBitmap(src js.Value, info imgio.Info, convert bool) (bmp js.Value, upright bool, err error) {
	g := js.Global()
	if g.Get("createImageBitmap").Type() != js.TypeFunction {
		return js.Value{}, false, errUnsupported
	}
	opts := map[string]any{"imageOrientation": "from-image"}
	if !convert {
		opts["colorSpaceConversion"], opts["premultiplyAlpha"] = "none", "none"
	}
	v, err := await(g.Call("createImageBitmap", src, opts))
	if err != nil {
		return js.Value{}, false, err
	}
	w, h := v.Get("width").Int(), v.Get("height").Int()
	uw, uh := info.Upright()
	switch {
	case w == uw && h == uh:
		// Turned as the file says (or square, or orientation 1–4: a browser
		// following the specification turns these too).
		return v, true, nil
	case w == info.Width && h == info.Height:
		return v, false, nil // orientation 5–8 left as stored
	}
	v.Call("close")
	return js.Value{}, false, fmt.Errorf("createImageBitmap gave %d×%d for a %d×%d photo", w, h, info.Width, info.Height)
}
