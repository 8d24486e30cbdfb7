//go:build js && wasm

package worker

// Previews: each ticked preset of one photo, small, as the batch will cut
// and brand it, with the platform's safe zones shaded. The page's preview
// pool (web/js) sends a wire.Preview and gets back a wire.Previews, each
// JPEG in a transferred Uint8Array with the crop it shows. The photo is
// gated and decoded exactly as a batch does it (file size, imgio.Inspect
// on the file's first bytes, then openPhoto) and analysed by the batch's
// own steps (render.LookHeld, render.LookDecoded): smart framing slides
// the crop to the best-scoring place, and where two places score within a
// hair of each other (a landscape), the least change in the copy analysed
// moves it, so only the very same copy frames a preview as its output.
// On the canvas path the full-size photo stays in the browser; only the
// analysis's copy (at most 1,600 px) enters this heap, and the small
// picture is made from it.

import (
	"runtime"
	"syscall/js"

	"picmark/app/wire"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/render"
)

// previewSideMin is the smallest longer side of the small picture a
// preview is cut from: a preview that shows a thin part of the photo (a
// header cut from a portrait) needs more than its own size.
const previewSideMin = 400

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
	file, err := photoFile(raw(req.Photo))
	if err != nil {
		return fail(msg.Of(err))
	}
	if err := imgio.CheckFileSize(int64(file.Get("size").Float()), spec.Limits); err != nil {
		return fail(msg.Of(err))
	}
	info, head, err := inspectFile(file, spec.Limits)
	if err != nil {
		return fail(msg.Of(err))
	}
	ph, err := openPhoto(file, head, info, spec.Limits)
	result.Decoder = ph.decoder()
	if err != nil {
		return fail(msg.Of(err))
	}
	side := max(previewSideMin, 2*size)
	var look render.Look
	if ph.held != nil {
		defer ph.held.close()
		look, err = render.LookHeld(ph.held, ph.info, spec, side)
		if err != nil {
			return fail(msg.Of(err))
		}
	} else {
		look = render.LookDecoded(ph.photo.img, ph.info, spec, side)
	}
	ph.photo = decoded{} // the full-size pixels, if any, can go
	for _, p := range spec.Presets {
		m, plan := look.Preview(p, size)
		if m.Rect.Empty() {
			continue
		}
		data, err := imgio.EncodeJPEG(m, 80)
		if err != nil {
			continue
		}
		buf := uint8Array.New(len(data))
		js.CopyBytesToJS(buf, data)
		shown := wire.RectOf(plan.Crop)
		result.Images = append(result.Images, wire.PreviewImage{Preset: p.ID, Name: p.Name, JPEG: wrap(buf), W: m.Rect.Dx(), H: m.Rect.Dy(), Crop: &shown})
		transfer = append(transfer, buf.Get("buffer"))
	}
	look = render.Look{}
	runtime.GC()
	return result, transfer
}
