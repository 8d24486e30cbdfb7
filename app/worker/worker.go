//go:build js && wasm

// Package worker is the image engine inside a Web Worker. web/worker.js
// starts the app's own wasm binary there, and cmd/picmark's main runs Run
// when it finds no document: one binary, so a first visit downloads the
// engine once. It takes one job at a time from the page's worker pool:
// reads the photo's bytes from the File it was given, renders every preset
// with the engine, and posts the encoded outputs back as transferred
// buffers, so they leave the Go heap at once. It never uses go-app or the UI.
package worker

import (
	"cmp"
	"encoding/json"
	"errors"
	"hash/crc32"
	"runtime"
	"strings"
	"syscall/js"

	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/render"
)

// Run serves the pool's messages until the worker is terminated.
func Run() {
	jobs := make(chan js.Value, 1)
	prepares := make(chan string, 1) // the newest settings to prepare for
	onMessage := js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := args[0].Get("data")
		switch msg.Get("type").String() {
		case "job":
			jobs <- msg
		case "prepare":
			select { // only the newest counts: replace one still waiting
			case <-prepares:
			default:
			}
			prepares <- msg.Get("settings").String()
		case "preview":
			queuePreview(msg) // preview.go
		}
		return nil
	})
	startPreviews()
	js.Global().Set("onmessage", onMessage)
	post(map[string]any{"type": "ready"}, nil)

	var plans planCache
	for {
		select {
		case msg := <-jobs:
			result, transfer := handle(msg, &plans)
			post(result, transfer)
		case settings := <-prepares:
			prepare(settings, &plans)
		}
	}
}

// prepare readies an idle worker (a spare) for a batch with these
// settings: the plan, its logo and fonts decoded, and the brand layers of
// the fixed-size formats, which the batch's first photos would otherwise
// wait for (0.4 s of the workers' time in the benchmark's first batch).
func prepare(settings string, plans *planCache) {
	plan, err := plans.get(settings)
	if err != nil || plan.Spec.Brand == nil || plan.Spec.Fit != render.FitFill || plan.Spec.Output.Format == imgio.PNG {
		return
	}
	for _, p := range plan.Spec.Presets {
		if !p.WidthOnly() {
			if _, err := brandLayers.get(plan.Spec.Brand, p.Width, p.Height, p.Safe); err != nil {
				return
			}
		}
	}
}

func post(msg map[string]any, transfer []any) {
	if transfer == nil {
		js.Global().Call("postMessage", msg)
		return
	}
	js.Global().Call("postMessage", msg, transfer)
}

// handle runs one job and never panics: whatever happens, the page gets
// report rows for this input, or an error it turns into rows.
func handle(msg js.Value, plans *planCache) (result map[string]any, transfer []any) {
	id := msg.Get("id").Int()
	input := msg.Get("input").String()
	stem := msg.Get("stem").String()
	index := msg.Get("index").Int() + 1

	reply := func(rows []batch.Row, files []any, problem string) map[string]any {
		rowsJSON, _ := json.Marshal(rows)
		var mem runtime.MemStats
		runtime.ReadMemStats(&mem)
		return map[string]any{
			"type": "result", "id": id, "rows": string(rowsJSON), "files": files, "error": problem,
			"heap": float64(mem.Sys),
		}
	}
	defer func() {
		if r := recover(); r != nil {
			result, transfer = reply(nil, []any{}, "picmark hit an internal error on this file; please report it with the file attached"), nil
		}
	}()

	plan, err := plans.get(msg.Get("settings").String())
	if err != nil {
		return reply(nil, []any{}, "the settings could not be used: "+err.Error()), nil
	}
	spec := plan.Photo(focalOf(msg.Get("focal")))
	file := msg.Get("file")
	if err := imgio.CheckFileSize(int64(file.Get("size").Float()), spec.Limits); err != nil {
		return reply(batch.FailedRows(input, spec.Presets, err.Error()), []any{}, ""), nil
	}
	start := now()
	// What a benchmark or a test wants to know; the pool ignores it.
	stats := map[string]any{"input": input}
	var outs []render.Output
	made := blobs{}
	info, head, err := inspectFile(file, spec.Limits)
	if err == nil {
		outs, err = renderPhoto(file, head, info, spec, stats, made)
	}
	stats["renderMs"] = now() - start
	names := plan.Namer.Names(stem, index, outs, nil)
	rows := batch.NamedRows(input, spec.Presets, outs, err, names)

	files := []any{}
	asBlobs := 0 // for the stats
	for i, out := range outs {
		if out.Err != nil || out.Data == nil {
			continue
		}
		f := map[string]any{
			"name":  names[i],
			"size":  len(out.Data),
			"crc32": float64(crc32.ChecksumIEEE(out.Data)),
			"type":  "image/" + string(batch.FormatOf(out.Data)),
		}
		if blob, ok := made.of(out.Data); ok {
			f["blob"] = blob // the browser's own JPEG: no copy
			asBlobs++
		} else {
			buf := js.Global().Get("Uint8Array").New(len(out.Data))
			js.CopyBytesToJS(buf, out.Data)
			f["data"] = buf
			transfer = append(transfer, buf.Get("buffer"))
		}
		files = append(files, f)
	}
	stats["blobs"] = asBlobs
	// The outputs now live in JavaScript; let the next photo reuse this heap.
	outs = nil
	runtime.GC()
	result = reply(rows, files, "")
	result["stats"] = stats
	return result, transfer
}

// renderPhoto renders every preset of a gated photo (info is its
// imgio.Inspect of head, the file's first bytes) on the canvas path when
// the browser has it, else from pixels decoded into Go (by the browser,
// else by Go), the file then read whole. stats gets the decoder used;
// made, the Blobs of the browser's JPEGs.
func renderPhoto(file js.Value, head []byte, info imgio.Info, spec render.Spec, stats map[string]any, made blobs) ([]render.Output, error) {
	if !browserDecodes(info.Format) {
		photo, err := goDecode(file, head, spec.Limits)
		stats["decoder"] = photo.by
		if err != nil {
			return nil, err
		}
		return render.Decoded(photo.img, photo.info, spec), nil
	}
	if decoders()["canvas"] {
		t0 := now()
		if held, info, err := holdPhoto(file, head, info); err == nil {
			stats["decodeMs"] = now() - t0
			defer held.close()
			if verifyScale() {
				held.check = held.whole()
			}
			held.blobs = made
			enc := &browserJPEG{blobs: made}
			spec.JPEG = enc.encode
			outs := render.Held(held, info, spec)
			stats["decoder"], stats["scaleMs"], stats["encodeMs"] = "canvas", held.ms, enc.ms+held.encodeMs
			stats["composed"] = held.composed
			stats["layerMs"] = held.layerMs
			if f := cmp.Or(enc.fallback, held.fallback); f != "" {
				stats["encoderFallback"] = f
			}
			if held.check != nil {
				stats["scalePSNR"], stats["scaleChecks"] = held.worst, strings.Join(held.checks, "; ")
			}
			return outs, nil
		}
	}
	data, buf, err := readFile(file)
	if err != nil {
		return nil, errors.New("the browser could not read this file: " + err.Error())
	}
	photo, err := decodePhoto(data, buf, spec.Limits)
	stats["decoder"] = photo.by
	if err != nil {
		return nil, err
	}
	return render.Decoded(photo.img, photo.info, spec), nil
}

// verifyScale reports whether this worker compares each canvas scaling
// with the engine's (a worker named with "verify-scale"; see worker.js).
func verifyScale() bool { return js.Global().Get("picmarkVerifyScale").Truthy() }

func focalOf(v js.Value) *crop.Point {
	if v.Type() != js.TypeObject {
		return nil
	}
	return &crop.Point{X: v.Get("x").Float(), Y: v.Get("y").Float()}
}

// readFile reads a File: its bytes copied into Go (for the gate, and Go's
// decoders when the browser cannot decode it) and as the ArrayBuffer the
// browser's decoders take without a copy back.
func readFile(file js.Value) ([]byte, js.Value, error) {
	buf, err := await(file.Call("arrayBuffer"))
	if err != nil {
		return nil, js.Value{}, err
	}
	return goBytes(buf), buf, nil
}

// goBytes copies an ArrayBuffer into Go.
func goBytes(buf js.Value) []byte {
	arr := js.Global().Get("Uint8Array").New(buf)
	data := make([]byte, arr.Length())
	js.CopyBytesToGo(data, arr)
	return data
}

// now is the worker's clock in milliseconds.
func now() float64 { return js.Global().Get("performance").Call("now").Float() }

// await waits for a promise, on both its outcomes.
func await(promise js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	done := make(chan outcome, 1)
	onOK := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- outcome{v: args[0]}
		return nil
	})
	onErr := js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- outcome{err: errors.New(js.Global().Get("String").Invoke(args[0]).String())}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	promise.Call("then", onOK, onErr)
	o := <-done
	return o.v, o.err
}

// planCache keeps the batch's plan between jobs: every job of a batch
// carries the same settings, and the logo and fonts are decoded once.
type planCache struct {
	settings string
	plan     *job.Plan
	err      error
}

func (c *planCache) get(settings string) (*job.Plan, error) {
	if c.plan == nil || settings != c.settings {
		c.settings, c.plan, c.err = settings, nil, nil
		s, err := job.Parse([]byte(settings))
		if err == nil {
			c.plan, err = s.Plan()
		}
		c.err = err
	}
	return c.plan, c.err
}
