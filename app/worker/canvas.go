//go:build js && wasm

package worker

// The canvas path, the batch's first choice: the browser decodes the photo
// into an ImageBitmap (createImageBitmap), each output's crop is scaled by
// a 2D OffscreenCanvas with high-quality smoothing, and the finished
// output is encoded by the browser's JPEG encoder (convertToBlob). The
// full-size photo never enters Go: only each output's pixels do, for the
// engine to turn, convert, compose and brand them, exactly as it does
// everywhere else. Measured in Chromium 156 on a 12 MP photo, in wasm:
// Go's Lanczos took 0.5–1 s per output and Go's JPEG encoder 200–375 ms;
// the browser scales in about 45 ms and encodes in 16–32 ms.
//
// The browser decodes the bitmap as it would draw it: turned upright and
// converted to sRGB (its fastest decode; see decodeBitmap), so the engine
// does neither again.

import (
	"errors"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"syscall/js"

	"picmark/internal/imgio"
	"picmark/internal/render"
)

// heldBitmap is a photo decoded into an ImageBitmap that stays in the
// browser (render.Pixels).
type heldBitmap struct {
	bmp  js.Value
	size image.Rectangle
	// check, when set, is the whole bitmap read into Go: every Scale is
	// compared with the engine's Lanczos of the same crop of the same
	// pixels, and the worst PSNR is kept (the browser tests ask for it).
	check *image.NRGBA
	worst float64
	ms    float64 // time spent scaling, for the worker's stats
}

// holdPhoto decodes the File (already gated: info is imgio.Inspect's) into
// an ImageBitmap. info comes back adjusted: Orientation 1 when the browser
// turned the photo upright.
func holdPhoto(file js.Value, info imgio.Info) (*heldBitmap, imgio.Info, error) {
	g := js.Global()
	if g.Get("OffscreenCanvas").Type() != js.TypeFunction {
		return nil, info, errUnsupported
	}
	bmp, upright, err := decodeBitmap(file, info, true)
	if err != nil {
		return nil, info, err
	}
	if upright {
		info.Orientation = 1
	}
	// The browser converted the colours to sRGB, whatever the profile: the
	// engine must not again, nor say it could not.
	info.Profile = nil
	info.Notes = slices.DeleteFunc(slices.Clone(info.Notes), func(n string) bool { return strings.HasPrefix(n, "colour profile") })
	return &heldBitmap{bmp: bmp, size: image.Rect(0, 0, bmp.Get("width").Int(), bmp.Get("height").Int()), worst: math.Inf(1)}, info, nil
}

func (h *heldBitmap) Bounds() image.Rectangle { return h.size }

// Scale has the browser cut and resize the part r (createImageBitmap with
// resizeQuality "high"), then reads the w×h result back through a canvas.
// Measured in Chromium 156 on a 12 MP photo: 45 ms an output this way;
// drawImage at high quality straight onto a readable canvas took over a
// second, as the whole photo was read back for every draw.
func (h *heldBitmap) Scale(r image.Rectangle, w, hgt int) (m *image.NRGBA, err error) {
	defer func(t0 float64) { h.ms += now() - t0 }(now())
	defer func() {
		if e := recover(); e != nil { // a js.Error thrown by the canvas
			m, err = nil, fmt.Errorf("%v", e)
		}
	}()
	if !r.In(h.size) || r.Empty() || w < 1 || hgt < 1 {
		return nil, fmt.Errorf("cannot scale %v of a %v photo to %d×%d", r, h.size.Size(), w, hgt)
	}
	// An enlargement (rare from a photo, and cheap: the part is small) is
	// the engine's own Lanczos, sharper than the browser's filter there.
	enlarge := w >= r.Dx() || hgt >= r.Dy()
	pw, ph := w, hgt
	if enlarge {
		pw, ph = r.Dx(), r.Dy()
	}
	part, err := await(js.Global().Call("createImageBitmap", h.bmp, r.Min.X, r.Min.Y, r.Dx(), r.Dy(), map[string]any{
		"resizeWidth": pw, "resizeHeight": ph, "resizeQuality": "high",
	}))
	if err != nil {
		return nil, err
	}
	defer part.Call("close")
	canvas := js.Global().Get("OffscreenCanvas").New(pw, ph)
	ctx := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	if ctx.IsNull() {
		return nil, errors.New("no 2D canvas")
	}
	ctx.Call("drawImage", part, 0, 0)
	m = readCanvas(ctx, pw, ph)
	if enlarge {
		m = render.Lanczos(m, w, hgt)
	}
	if h.check != nil {
		h.worst = min(h.worst, psnr(m, render.Lanczos(h.check.SubImage(r), w, hgt)))
	}
	return m, nil
}

func (h *heldBitmap) close() { h.bmp.Call("close") }

// whole reads the whole bitmap into Go, unscaled (for the self-check only:
// the point of the canvas path is never to).
func (h *heldBitmap) whole() *image.NRGBA {
	w, hgt := h.size.Dx(), h.size.Dy()
	ctx := js.Global().Get("OffscreenCanvas").New(w, hgt).Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	ctx.Call("drawImage", h.bmp, 0, 0)
	return readCanvas(ctx, w, hgt)
}

// psnr compares two images of the same size on their colour channels.
func psnr(a, b *image.NRGBA) float64 {
	var sum float64
	n := 0
	for y := 0; y < a.Rect.Dy(); y++ {
		ra := a.Pix[y*a.Stride : y*a.Stride+4*a.Rect.Dx()]
		rb := b.Pix[y*b.Stride : y*b.Stride+4*b.Rect.Dx()]
		for i := range ra {
			if i%4 == 3 {
				continue
			}
			d := float64(ra[i]) - float64(rb[i])
			sum += d * d
			n++
		}
	}
	if sum == 0 {
		return 99
	}
	return 10 * math.Log10(255*255*float64(n)/sum)
}

// browserJPEG is an imgio.JPEGEncoder on the browser's encoder. Its
// output is stripped of any metadata segment the browser writes (an ICC
// profile, for one). The quality search encodes one image several times:
// its pixels are put on the canvas once.
// Should the browser's encoder fail, Go's encodes instead (fallback says
// why, for the worker's stats).
type browserJPEG struct {
	last     image.Image
	canvas   js.Value
	fallback string
	ms       float64 // time spent encoding, for the worker's stats
}

func (e *browserJPEG) encode(m image.Image, q int) ([]byte, error) {
	defer func(t0 float64) { e.ms += now() - t0 }(now())
	if e.fallback == "" {
		data, err := e.browser(m, q)
		if err == nil {
			return data, nil
		}
		e.fallback = err.Error()
	}
	return imgio.EncodeJPEG(m, q)
}

func (e *browserJPEG) browser(m image.Image, q int) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("the browser's JPEG encoder failed: %v", r)
		}
	}()
	rgba, ok := m.(*image.RGBA)
	if !ok || rgba.Rect.Min != (image.Point{}) || rgba.Stride != 4*rgba.Rect.Dx() {
		return imgio.EncodeJPEG(m, q) // not the renderer's own image: Go's encoder
	}
	if e.last != m {
		w, h := rgba.Rect.Dx(), rgba.Rect.Dy()
		e.canvas = js.Global().Get("OffscreenCanvas").New(w, h)
		pix := js.Global().Get("Uint8ClampedArray").New(len(rgba.Pix))
		js.CopyBytesToJS(pix, rgba.Pix) // opaque: premultiplied or not, the same bytes
		e.canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true}).Call("putImageData", js.Global().Get("ImageData").New(pix, w, h), 0, 0)
		e.last = m
	}
	blob, err := await(e.canvas.Call("convertToBlob", map[string]any{"type": "image/jpeg", "quality": float64(q) / 100}))
	if err != nil {
		return nil, err
	}
	if t := blob.Get("type").String(); t != "image/jpeg" {
		return nil, fmt.Errorf("the browser wrote %q, not a JPEG", t)
	}
	ab, err := await(blob.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	arr := js.Global().Get("Uint8Array").New(ab)
	data = make([]byte, arr.Length())
	js.CopyBytesToGo(data, arr)
	return imgio.StripJPEGMetadata(data)
}
