//go:build js && wasm

package worker

// Previews: each ticked preset of one photo, small, as the batch will cut
// and brand it, with the platform's safe zones shaded. The page's preview
// pool (web/js) sends a wire.Preview and gets back a wire.Previews, each
// JPEG in a transferred Uint8Array. The photo is gated exactly as a
// batch gates it (file size, then imgio.Inspect on the file's first bytes),
// then decoded small by the browser: createImageBitmap with resizeWidth and
// resizeHeight decodes a 48 MP photo straight to a few hundred pixels, EXIF
// orientation applied and colours converted to sRGB, so no full-size photo
// ever enters this heap for a preview. Go's decoders (through decodePhoto)
// are the fallback.

import (
	"errors"
	"fmt"
	"image"
	"runtime"
	"syscall/js"

	"github.com/disintegration/imaging"

	"picmark/app/wire"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/render"
)

// previewDecodeMin is the smallest longer side of the reduced decode: the
// smart strategy's analysis wants crop.MaxSide, and a preview that shows a
// thin part of the photo (a header cut from a portrait) needs more than its
// own size.
const previewDecodeMin = crop.MaxSide

var previews = make(chan wire.Preview, 64)

// startPreviews runs the preview loop beside the batch loop: the page sends
// previews to workers of their own, one at a time.
func startPreviews() {
	go func() {
		var plans planCache
		for req := range previews {
			result, transfer := previewOne(req, &plans)
			post(result, transfer)
		}
	}()
}

// queuePreview is called from onmessage: it must not block.
func queuePreview(v js.Value) {
	var req wire.Preview
	problem := msg.New(msg.Busy)
	if err := decode(v, &req); err != nil {
		problem = msg.New(msg.OutOfStep, msg.Text("reason", err.Error()))
	} else {
		select {
		case previews <- req:
			return
		default:
		}
	}
	post(wire.Previews{ID: req.ID, Error: &problem}, nil)
}

func previewOne(req wire.Preview, plans *planCache) (result wire.Previews, transfer []any) {
	result = wire.Previews{ID: req.ID}
	fail := func(problem msg.Message) (wire.Previews, []any) {
		result.Images, result.Error = nil, &problem
		return result, nil
	}
	defer func() {
		if r := recover(); r != nil {
			result, transfer = fail(msg.New(msg.Internal))
		}
	}()
	plan, err := plans.get(req.Settings)
	if err != nil {
		return fail(settingsProblem(err))
	}
	spec := plan.Photo(req.Focal, req.Captions)
	size := req.Size
	if size < 16 || size > 1024 {
		size = 240
	}
	file := raw(req.Photo)
	if err := imgio.CheckFileSize(int64(file.Get("size").Float()), spec.Limits); err != nil {
		return fail(msg.Of(err))
	}
	img, full, by, err := smallPhoto(file, spec.Limits, max(previewDecodeMin, 2*size))
	result.Decoder = by
	if err != nil {
		return fail(msg.Of(err))
	}
	var a *crop.Analysis
	if spec.Crop.Kind == crop.Smart {
		a = render.AnalysePhoto(img, 1)
	}
	for _, p := range spec.Presets {
		m, plan := render.Preview(img, full, p, spec, a, size)
		if m.Rect.Empty() {
			continue
		}
		data, err := imgio.EncodeJPEG(m, 80)
		if err != nil {
			continue
		}
		crop := wire.RectOf(plan.Crop)
		buf := uint8Array.New(len(data))
		js.CopyBytesToJS(buf, data)
		result.Images = append(result.Images, wire.PreviewImage{Preset: p.ID, Name: p.Name, JPEG: wrap(buf), W: m.Rect.Dx(), H: m.Rect.Dy(), Crop: &crop})
		transfer = append(transfer, buf.Get("buffer"))
	}
	img = nil
	runtime.GC()
	return result, transfer
}

// smallPhoto gates the file like a batch does and decodes it upright, in
// sRGB, with its longer side at most side. full is the photo's upright
// size; by says which decoder made it.
func smallPhoto(file js.Value, lim imgio.Limits, side int) (img image.Image, full image.Point, by string, err error) {
	info, head, err := inspectFile(file, lim)
	if err != nil {
		return nil, image.Point{}, "", err
	}
	uw, uh := info.Upright()
	full = image.Pt(uw, uh)
	tw, th := uw, uh
	if max(uw, uh) > side {
		if uw >= uh {
			tw, th = side, max(1, (uh*side+uw/2)/uw)
		} else {
			tw, th = max(1, (uw*side+uh/2)/uh), side
		}
	}
	if browserDecodes(info) {
		if img, err := bitmapSmall(file, tw, th); err == nil {
			return img, full, "createImageBitmap", nil
		}
	}
	if info.Format == imgio.HEIC {
		// libheif's picture, shrunk by the browser; its colours converted
		// here, as the batch converts its outputs.
		held, upright, err := holdHEIC(file, info)
		if nd := (*imgio.NoDecoderError)(nil); errors.As(err, &nd) {
			return nil, image.Point{}, "libheif", err
		}
		if err == nil {
			img, err := bitmapSmall(held.bmp, tw, th)
			held.close()
			if err == nil {
				imgio.ConvertToSRGB(img, upright)
				return img, full, "libheif", nil
			}
		}
	}
	// The browser could not: Go's decoders (via the batch's path), then shrink.
	var photo decoded
	if !browserDecodes(info) {
		photo, err = goDecode(file, head, lim)
	} else {
		data, buf, rerr := readFile(file)
		if rerr != nil {
			return nil, image.Point{}, "", browserRead(rerr)
		}
		photo, err = decodePhoto(data, buf, lim)
	}
	if err != nil {
		return nil, image.Point{}, photo.by, err
	}
	o := photo.info.Orientation
	sw, sh := tw, th
	if o >= 5 && o <= 8 {
		sw, sh = th, tw
	}
	small := imaging.Resize(photo.img, sw, sh, imaging.Box)
	up := imgio.Orient(small, o)
	imgio.ConvertToSRGB(up, photo.info)
	return up, full, photo.by + " (full size, then shrunk)", nil
}

// bitmapSmall has the browser decode file (a File, or an ImageBitmap) at
// w×h upright: createImageBitmap applies the EXIF orientation before
// resizing (checked: the bitmap comes out w×h for orientations 5–8 too),
// converts colours to sRGB, and the pixels are read back from an
// OffscreenCanvas.
func bitmapSmall(file js.Value, w, h int) (image.Image, error) {
	g := js.Global()
	if g.Get("createImageBitmap").Type() != js.TypeFunction || g.Get("OffscreenCanvas").Type() != js.TypeFunction {
		return nil, errUnsupported
	}
	v, err := await(g.Call("createImageBitmap", file, map[string]any{
		"resizeWidth": w, "resizeHeight": h, "resizeQuality": "medium",
		"imageOrientation": "from-image", "premultiplyAlpha": "none",
	}))
	if err != nil {
		return nil, err
	}
	defer v.Call("close")
	if bw, bh := v.Get("width").Int(), v.Get("height").Int(); bw != w || bh != h {
		return nil, fmt.Errorf("createImageBitmap gave %d×%d, asked %d×%d", bw, bh, w, h)
	}
	canvas := g.Get("OffscreenCanvas").New(w, h)
	ctx := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	if ctx.IsNull() {
		return nil, errUnsupported
	}
	ctx.Call("drawImage", v, 0, 0)
	return readCanvas(ctx, w, h), nil
}
