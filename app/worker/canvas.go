//go:build js && wasm

package worker

// The canvas path, the batch's first choice: the browser decodes the photo
// into an ImageBitmap (createImageBitmap), cuts and reduces each output's
// crop (createImageBitmap with resizeQuality "high"), and encodes the
// result (convertToBlob). For a JPEG the photo fills, the canvas also
// composes it: the crop on white, turned upright, then the pieces of the
// kit's layer, which Go draws once per output size (Compose); a mild
// reduction or an enlargement it scales with the engine's Lanczos weights
// (render.Mild: the browser's filter is softer; web/js/lanczos.js applies
// them). Other outputs come back into Go for the engine to compose and
// brand (Scale). The full-size photo never enters Go.
// Measured in Chromium 156 on a 12 MP photo, in wasm: Go's Lanczos took
// 0.5–1 s per output and Go's JPEG encoder 200–375 ms; the browser reduces
// in 8–12 ms and encodes in about 10 ms.
//
// The browser decodes the bitmap as stored (see holdPhoto) and converts it
// to sRGB (its fastest decode; see decodeBitmap): the engine turns the
// small outputs, and converts nothing again.

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"syscall/js"

	"github.com/disintegration/imaging"

	"picmark/app/wire"
	"picmark/internal/brand"
	"picmark/internal/imgio"
	"picmark/internal/preset"
	"picmark/internal/render"
)

// heldBitmap is a photo decoded into an ImageBitmap that stays in the
// browser (render.Pixels).
type heldBitmap struct {
	bmp    js.Value
	size   image.Rectangle
	opaque bool // a JPEG: no pixel to put on white

	// check, when set, is the whole bitmap read into Go: every Scale is
	// compared with the engine's Lanczos of the same crop of the same
	// pixels, and the worst PSNR is kept (the browser tests ask for it).
	check *image.NRGBA
	worst float64
	// For the worker's stats: time spent scaling (and composing), and
	// encoding composed outputs; why the browser's encoder failed.
	ms, encodeMs float64
	fallback     string
	composed     int        // outputs made by Compose
	checks       []string   // each self-check: what was scaled, and its PSNR
	blobs        blobs      // what the browser encoded, as it made it
	canvases     []js.Value // the composed outputs', given back on close
	layerMs      float64    // time spent drawing brand layers (brandLayers)
}

// holdPhoto decodes the File (already gated: info is imgio.Inspect's of
// head, its first bytes) into an ImageBitmap of the photo as stored: the
// engine turns the small outputs, as it does Go's decoders' pixels.
// Chromium always applies the EXIF orientation, whatever it is asked, and
// then cuts parts of such a bitmap in the stored frame (a centre crop came
// out a pixel off, measured), while drawing it upright first cost 70–140
// ms a photo: so a turned JPEG is decoded with its EXIF segments renamed
// (imgio.ExifMarkers; one byte each, the rest of the file a slice of it).
// Other formats with an orientation are left to the other paths.
func holdPhoto(file js.Value, head []byte, info imgio.Info) (*heldBitmap, imgio.Info, error) {
	g := js.Global()
	if g.Get("OffscreenCanvas").Type() != js.TypeFunction {
		return nil, info, errUnsupported
	}
	if info.Format == imgio.HEIC {
		return holdHEIC(file, info) // heif.go
	}
	src := file
	if info.Format == imgio.AVIF && info.Orientation > 1 {
		// The browser applies an AVIF's irot and imir itself: its bitmap
		// is the upright picture.
		info.Width, info.Height = info.Upright()
		info.Orientation = 1
	}
	if info.Orientation > 1 {
		at := imgio.ExifMarkers(head)
		if info.Format != imgio.JPEG || len(at) == 0 {
			return nil, info, errUnsupported
		}
		src = unturned(file, at)
	}
	bmp, _, err := decodeBitmap(src, info, true)
	if err != nil {
		return nil, info, err
	}
	if w, h := bmp.Get("width").Int(), bmp.Get("height").Int(); w != info.Width || h != info.Height {
		bmp.Call("close")
		return nil, info, fmt.Errorf("createImageBitmap gave %d×%d for a photo stored %d×%d", w, h, info.Width, info.Height)
	}
	// The browser converted the colours to sRGB, whatever the profile: the
	// engine must not again, nor say it could not.
	info.Profile = nil
	info.Notes = slices.DeleteFunc(slices.Clone(info.Notes), imgio.ProfileNote)
	return &heldBitmap{bmp: bmp, size: image.Rect(0, 0, info.Width, info.Height),
		opaque: info.Format == imgio.JPEG, worst: math.Inf(1)}, info, nil
}

// unturned is file with the EXIF segments whose markers are at offsets at
// renamed APP15, as a Blob of slices of it.
func unturned(file js.Value, at []int) js.Value {
	var parts []any
	prev := 0
	for _, i := range at {
		app15 := js.Global().Get("Uint8Array").New(1)
		app15.SetIndex(0, 0xEF)
		parts = append(parts, file.Call("slice", prev, i), app15)
		prev = i + 1
	}
	parts = append(parts, file.Call("slice", prev))
	return js.Global().Get("Blob").New(parts, map[string]any{"type": file.Get("type")})
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
	// An enlargement or a mild reduction (rare from a photo, and cheap: the
	// part is small) is the engine's own Lanczos (render.Mild).
	enlarge := render.Mild(r, w, hgt)
	pw, ph := w, hgt
	if enlarge {
		pw, ph = r.Dx(), r.Dy()
	}
	part, err := h.part(r, pw, ph)
	if err != nil {
		return nil, err
	}
	defer part.Call("close")
	m = readBitmap(part, pw, ph)
	if enlarge {
		m = render.Lanczos(m, w, hgt)
	}
	h.verify(m, r)
	return m, nil
}

// part has the browser cut r and resize it to w×h. A part of r's own size
// is only cut: the "high" filter is no identity even at 1:1.
func (h *heldBitmap) part(r image.Rectangle, w, hgt int) (js.Value, error) {
	opts := map[string]any{"resizeWidth": w, "resizeHeight": hgt, "resizeQuality": "high"}
	if w == r.Dx() && hgt == r.Dy() {
		opts = map[string]any{}
	}
	return await(js.Global().Call("createImageBitmap", h.bmp, r.Min.X, r.Min.Y, r.Dx(), r.Dy(), opts))
}

// verify compares the scaled part r with the engine's Lanczos of the same
// pixels, when the self-check is on.
func (h *heldBitmap) verify(m *image.NRGBA, r image.Rectangle) {
	if h.check != nil {
		h.record(m, render.Lanczos(h.check.SubImage(r), m.Rect.Dx(), m.Rect.Dy()), r, m.Rect.Size())
	}
}

// verifyOnWhite is verify for a part scaled on white to sw×sh and turned
// upright by orientation o, as Compose does.
func (h *heldBitmap) verifyOnWhite(m *image.NRGBA, r image.Rectangle, o, sw, sh int) {
	part := imgio.FlattenNRGBA(imaging.Clone(h.check.SubImage(r)), color.White)
	h.record(m, imaging.Clone(imgio.Orient(render.Lanczos(part, sw, sh), o)), r, image.Pt(sw, sh))
}

// record keeps the PSNR of m, part r of the bitmap scaled to size (in the
// bitmap's frame), against want, the engine's.
func (h *heldBitmap) record(m, want *image.NRGBA, r image.Rectangle, size image.Point) {
	p := psnr(m, want)
	h.worst = min(h.worst, p)
	h.checks = append(h.checks, fmt.Sprintf("%v to %v: %.1f dB", r, size, p))
}

// kernel is render.LanczosKernel(dst, n) as the script takes it; nil when
// the size is kept (the kernel is then exactly the identity, which the
// script skips).
func kernel(dst, n int) *wire.Kernel {
	if dst == n {
		return nil
	}
	k := render.LanczosKernel(dst, n)
	return &wire.Kernel{Taps: k.Taps, Start: k.Start, W: k.W}
}

// readBitmap reads a w×h bitmap's pixels into Go through a canvas.
func readBitmap(bmp js.Value, w, h int) *image.NRGBA {
	ctx := js.Global().Get("OffscreenCanvas").New(w, h).Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	ctx.Call("drawImage", bmp, 0, 0)
	return readCanvas(ctx, w, h)
}

// Compose starts a whole output in the browser (render.Compositor): the
// part r scaled on white and turned upright by orientation o into the w×h
// output, the kit's layer for that size over it, and a first encode at
// quality q0, all in web/js/worker.js's picmarkCompose, so the browser works
// on a photo's outputs side by side. No pixel of them enters Go; the layer
// is drawn in Go once per size and kept for the batch. A mild reduction or
// an enlargement is scaled with the engine's Lanczos weights, which the
// script applies.
func (h *heldBitmap) Compose(r image.Rectangle, o, w, hgt int, kit *brand.Kit, safe preset.Insets, q0 int) (enc func(q int) ([]byte, error), err error) {
	t0 := now()
	defer func() { h.ms += now() - t0 }()
	defer func() {
		if e := recover(); e != nil { // a js.Error thrown by the canvas
			enc, err = nil, fmt.Errorf("%v", e)
		}
	}()
	h.composed++
	tl := now()
	layer, err := brandLayers.get(kit, w, hgt, safe)
	h.layerMs += now() - tl
	if err != nil {
		return nil, err
	}
	sw, sh := w, hgt // the output in the held frame
	if o >= 5 && o <= 8 {
		sw, sh = hgt, w
	}
	var kernels *wire.Kernels
	if render.Mild(r, sw, sh) {
		kernels = &wire.Kernels{X: kernel(sw, r.Dx()), Y: kernel(sh, r.Dy()), Bits: render.WeightBits}
	}
	var job wire.Composing
	err = decode(js.Global().Call("picmarkCompose", encode(wire.Compose{
		Bitmap: wrap(h.bmp), Opaque: h.opaque, Orientation: o,
		SX: r.Min.X, SY: r.Min.Y, SW: r.Dx(), SH: r.Dy(), W: w, H: hgt,
		Layer: layer, Q: q0, Kernels: kernels, Check: h.check != nil,
	})), &job)
	if err != nil {
		return nil, err
	}
	canvas, ready, firstJPEG := raw(job.Canvas), raw(job.Ready), raw(job.First)
	h.canvases = append(h.canvases, canvas)
	if h.check != nil { // what the script scaled, on white, before the layer
		px, err := await(ready)
		if err != nil {
			return nil, err
		}
		m := image.NewNRGBA(image.Rect(0, 0, w, hgt))
		js.CopyBytesToGo(m.Pix, js.Global().Get("Uint8Array").New(px.Get("buffer")))
		h.verifyOnWhite(m, r, o, sw, sh)
	}
	first := true
	return func(q int) ([]byte, error) {
		t0 := now()
		defer func() { h.encodeMs += now() - t0 }()
		if _, err := await(ready); err != nil {
			return nil, err
		}
		var data []byte
		var err error
		if q == q0 && first {
			first = false
			var made js.Value
			if made, err = await(firstJPEG); err == nil {
				data, err = h.blobs.strip(made.Get("blob"), made.Get("buf"))
			}
		} else {
			data, err = canvasJPEG(canvas, q, h.blobs)
		}
		if err != nil { // Go's encoder, on the canvas's pixels
			h.fallback = err.Error()
			ctx := canvas.Call("getContext", "2d")
			return imgio.EncodeJPEG(readCanvas(ctx, w, hgt), q)
		}
		return data, nil
	}, nil
}

// brandLayers is the batch's brand kit drawn once per output size, as the
// bitmaps the canvas lays over each photo: only the pieces where the kit
// draws something (brand.Covered), so a logo in a corner costs the canvas
// (and Go, drawing it) its own size, not the picture's: 37 ms a layer
// drawn whole for a 1280×960 output, measured. Kept while the kit is the
// same.
var brandLayers layers

type layers struct {
	kit *brand.Kit
	m   map[layerKey][]wire.Piece // none where the kit draws nothing
}

type layerKey struct {
	w, h int
	safe preset.Insets
}

func (l *layers) get(kit *brand.Kit, w, h int, safe preset.Insets) ([]wire.Piece, error) {
	k := layerKey{w, h, safe}
	if l.kit != kit || len(l.m) >= 8 { // width-only formats vary in height
		for _, pieces := range l.m {
			closeAll(pieces)
		}
		l.kit, l.m = kit, map[layerKey][]wire.Piece{}
	}
	if v, ok := l.m[k]; ok {
		return v, nil
	}
	// Drawn on its extent only: a logo in a corner on an image of its size.
	canvas := image.Rect(0, 0, w, h)
	m := image.NewRGBA(kit.Extent(canvas, safe))
	kit.DrawOn(m, canvas, safe)
	var pieces []wire.Piece
	for _, r := range brand.Covered(m) {
		part := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
		draw.Draw(part, part.Rect, m, r.Min, draw.Src)
		unpremultiply(part.Pix) // ImageData holds straight alpha
		pix := js.Global().Get("Uint8ClampedArray").New(len(part.Pix))
		js.CopyBytesToJS(pix, part.Pix)
		bmp, err := await(js.Global().Call("createImageBitmap", js.Global().Get("ImageData").New(pix, r.Dx(), r.Dy())))
		if err != nil {
			closeAll(pieces)
			return nil, err
		}
		pieces = append(pieces, wire.Piece{Bitmap: wrap(bmp), X: r.Min.X, Y: r.Min.Y})
	}
	l.m[k] = pieces
	return pieces, nil
}

func closeAll(pieces []wire.Piece) {
	for _, p := range pieces {
		raw(p.Bitmap).Call("close")
	}
}

// unpremultiply turns premultiplied RGBA bytes into straight alpha.
func unpremultiply(pix []uint8) {
	for i := 0; i+3 < len(pix); i += 4 {
		if a := uint32(pix[i+3]); a != 0 && a != 0xFF {
			pix[i] = uint8(min(255, (uint32(pix[i])*255+a/2)/a))
			pix[i+1] = uint8(min(255, (uint32(pix[i+1])*255+a/2)/a))
			pix[i+2] = uint8(min(255, (uint32(pix[i+2])*255+a/2)/a))
		}
	}
}

// close lets the bitmap go and gives the outputs' canvases back to the
// script, for the next photo's.
func (h *heldBitmap) close() {
	h.bmp.Call("close")
	for _, c := range h.canvases {
		js.Global().Call("picmarkRelease", c)
	}
}

// whole reads the whole bitmap into Go, unscaled (for the self-check only:
// the point of the canvas path is never to).
func (h *heldBitmap) whole() *image.NRGBA {
	return readBitmap(h.bmp, h.size.Dx(), h.size.Dy())
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
	blobs    blobs
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
	return canvasJPEG(e.canvas, q, e.blobs)
}

// canvasJPEG has the browser encode an OffscreenCanvas as a JPEG at
// quality q, and strips what metadata it writes (keeping the Blob in
// blobs).
func canvasJPEG(canvas js.Value, q int, blobs blobs) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("the browser's JPEG encoder failed: %v", r)
		}
	}()
	blob, err := await(canvas.Call("convertToBlob", map[string]any{"type": "image/jpeg", "quality": float64(q) / 100}))
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
	return blobs.strip(blob, ab)
}
