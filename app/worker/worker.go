//go:build js && wasm

// Package worker is the image engine inside a Web Worker. web/js/worker.js
// starts the app's own wasm binary there, and cmd/picmark's main runs Run
// when it finds no document: one binary, so a first visit downloads the
// engine once. It takes one job at a time from the page's worker pool:
// reads the photo's bytes from the File it was given, renders every preset
// with the engine, and writes the encoded outputs into the page's folder
// of outputs itself (where it cannot, it posts them back as Blobs or
// transferred buffers), so they leave the Go heap at once. It never uses
// go-app or the UI.
package worker

import (
	"cmp"
	"errors"
	"hash/crc32"
	"runtime"
	"strconv"
	"strings"
	"syscall/js"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/render"
	"picmark/internal/sheet"
)

// Run serves the pool's messages (app/wire) until the worker is terminated.
func Run() {
	jobs := make(chan wire.Job, 1)
	sheets := make(chan wire.ReadSheet, 1)
	prepares := make(chan string, 1) // the newest settings to prepare for
	onMessage := js.FuncOf(func(this js.Value, args []js.Value) any {
		data := args[0].Get("data")
		switch wire.Kind(data.Get("type").String()) {
		case wire.KindJob:
			var j wire.Job
			if err := decode(data, &j); err != nil {
				// A page and a worker out of step: the pool reports its
				// photo with this (it answers for the job it sent).
				problem := msg.New(msg.OutOfStep, msg.Text("reason", err.Error()))
				post(wire.Result{Error: &problem, Heap: heap()}, nil)
				return nil
			}
			jobs <- j
		case wire.KindPrepare:
			var p wire.Prepare
			if decode(data, &p) != nil {
				return nil // an idle worker's head start: nothing to report
			}
			select { // only the newest counts: replace one still waiting
			case <-prepares:
			default:
			}
			prepares <- p.Settings
		case wire.KindPreview:
			queuePreview(data) // preview.go
		case wire.KindReadSheet:
			var r wire.ReadSheet
			if err := decode(data, &r); err != nil {
				problem := msg.New(msg.OutOfStep, msg.Text("reason", err.Error()))
				post(wire.SheetRead{ID: r.ID, Error: &problem, Heap: heap()}, nil)
				return nil
			}
			sheets <- r
		}
		return nil
	})
	startPreviews()
	js.Global().Set("onmessage", onMessage)
	post(wire.Ready{}, nil)

	var plans planCache
	for {
		select {
		case j := <-jobs:
			result, transfer := handle(j, &plans)
			post(result, transfer)
		case r := <-sheets:
			post(readSheet(r), nil)
		case settings := <-prepares:
			prepare(settings, &plans)
		}
	}
}

// readSheet reads a sheet for the page (CSV, TSV, XLSX, ODS), its size
// checked before its bytes are read. Errors name the sheet and say what to
// do (package sheet).
func readSheet(r wire.ReadSheet) (out wire.SheetRead) {
	out = wire.SheetRead{ID: r.ID}
	defer func() {
		if p := recover(); p != nil {
			problem := msg.New(msg.SheetPanicked, msg.Text("sheet", r.Name))
			out = wire.SheetRead{ID: r.ID, Error: &problem}
		}
		out.Heap = heap()
	}()
	file := raw(r.File)
	lim := sheet.DefaultLimits
	fail := func(m msg.Message) wire.SheetRead {
		out.Error = &m
		return out
	}
	if size := int64(file.Get("size").Float()); size > lim.Bytes {
		return fail((&sheet.Error{Code: sheet.CodeTooBig, Sheet: r.Name, Args: []msg.Arg{msg.Bytes("size", size), msg.Bytes("maxSize", lim.Bytes)}}).Message())
	}
	buf, err := await(file.Call("arrayBuffer"))
	if err != nil {
		return fail(msg.New(msg.SheetReadFailed, msg.Text("sheet", r.Name), msg.Text("reason", err.Error())))
	}
	data := make([]byte, buf.Get("byteLength").Int())
	js.CopyBytesToGo(data, uint8Array.New(buf))
	s, err := parseSheet(r.Name, data, sheet.Options{Locale: sheet.LocaleFor(r.Lang)})
	if err != nil {
		return fail(msg.Of(err)) // it names the sheet
	}
	out.Sheet = s
	return out
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

// settingsProblem is why a job's settings could not be used: a font that
// could not be downloaded says so in its own words.
func settingsProblem(err error) msg.Message {
	var c msg.Coded
	if errors.As(err, &c) {
		return c.Message()
	}
	return msg.New(msg.SettingsUnusable, msg.Text("reason", err.Error()))
}

// browserRead is a failed read of the photo's File.
func browserRead(err error) error {
	return msg.Wrap(err, msg.BrowserRead, msg.Text("reason", err.Error()))
}

// post sends a message to the page, transferring the buffers listed.
func post(msg wire.Message, transfer []any) {
	if transfer == nil {
		js.Global().Call("postMessage", encode(msg))
		return
	}
	js.Global().Call("postMessage", encode(msg), transfer)
}

// store writes an output into the page's folder of outputs, in the
// origin's private file system (web/js/storage.js writeOutput, with a
// sync access handle: a few milliseconds of this thread, none of the
// page's).
func store(folder, name string, data []byte) error {
	buf := uint8Array.New(len(data))
	js.CopyBytesToJS(buf, data)
	_, err := await(js.Global().Call("picmarkStore", folder, name, buf))
	return err
}

// heap is the worker's wasm memory in bytes: it never shrinks, and the
// pool recycles a worker past a limit.
func heap() float64 {
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	return float64(mem.Sys)
}

// handle runs one job and never panics: whatever happens, the page gets
// report rows for this input, or an error it turns into rows.
func handle(j wire.Job, plans *planCache) (result wire.Result, transfer []any) {
	reply := func(rows []batch.Row, files []wire.Output, problem *msg.Message) wire.Result {
		return wire.Result{ID: j.ID, Rows: rows, Files: files, Error: problem, Heap: heap()}
	}
	defer func() {
		if r := recover(); r != nil {
			problem := msg.New(msg.Internal)
			result, transfer = reply(nil, nil, &problem), nil
		}
	}()

	plan, err := plans.get(j.Settings)
	if err != nil {
		problem := settingsProblem(err)
		return reply(nil, nil, &problem), nil
	}
	spec := plan.Photo(j.Focal, j.Captions)
	file, err := photoFile(raw(j.Photo))
	if err != nil {
		return reply(batch.FailedRows(j.Input, spec.Presets, msg.Of(err)), nil, nil), nil
	}
	if err := imgio.CheckFileSize(int64(file.Get("size").Float()), spec.Limits); err != nil {
		return reply(batch.FailedRows(j.Input, spec.Presets, msg.Of(err)), nil, nil), nil
	}
	start := now()
	// What a benchmark or a test wants to know; the pool ignores it.
	stats := &wire.Stats{Input: j.Input}
	var outs []render.Output
	made := blobs{}
	info, head, err := inspectFile(file, spec.Limits)
	if err == nil {
		outs, err = renderPhoto(file, head, info, spec, stats, made)
	}
	stats.RenderMs = now() - start
	for _, out := range outs {
		stats.Crops = append(stats.Crops, wire.RectOf(out.Crop))
	}
	names := plan.Namer.NamesWith(j.Stem, j.ID+1, outs, nil, job.ColumnsOf(plan.Namer, j.Cols))
	rows := batch.NamedRows(j.Input, spec.Presets, outs, err, names)

	var files []wire.Output
	for i, out := range outs {
		if out.Err != nil || out.Data == nil {
			continue
		}
		f := wire.Output{
			Name:  names[i],
			Size:  int64(len(out.Data)),
			CRC32: crc32.ChecksumIEEE(out.Data),
			Type:  "image/" + string(batch.FormatOf(out.Data)),
		}
		if j.Store != "" {
			name := j.Prefix + "-" + strconv.Itoa(i)
			if store(j.Store, name, out.Data) == nil {
				f.Stored = name // on disk: the page records its name, its bytes never go through it
				stats.Stored++
				files = append(files, f)
				continue
			}
			// Not written (the quota, a folder gone): posted, the page keeps it in memory.
		}
		if blob, ok := made.of(out.Data); ok {
			f.Blob = wrap(blob) // the browser's own JPEG: no copy
			stats.Blobs++
		} else {
			buf := uint8Array.New(len(out.Data))
			js.CopyBytesToJS(buf, out.Data)
			f.Data = wrap(buf)
			transfer = append(transfer, buf.Get("buffer"))
		}
		files = append(files, f)
	}
	// The outputs now live in JavaScript; let the next photo reuse this heap.
	outs = nil
	runtime.GC()
	result = reply(rows, files, nil)
	result.Stats = stats
	return result, transfer
}

// renderPhoto renders every preset of a gated photo (info is its
// imgio.Inspect of head, the file's first bytes) as openPhoto decodes it:
// on the canvas path when the browser holds it, else from pixels decoded
// into Go. stats gets the decoder used; made, the Blobs of the browser's
// JPEGs.
func renderPhoto(file js.Value, head []byte, info imgio.Info, spec render.Spec, stats *wire.Stats, made blobs) ([]render.Output, error) {
	t0 := now()
	ph, err := openPhoto(file, head, info, spec.Limits)
	stats.Decoder = ph.by
	if err != nil {
		return nil, err
	}
	if ph.held == nil {
		return render.Decoded(ph.photo.img, ph.info, spec), nil
	}
	held := ph.held
	stats.DecodeMs = now() - t0
	defer held.close()
	if verifyScale() {
		held.check = held.whole()
	}
	held.blobs = made
	enc := &browserJPEG{blobs: made}
	spec.JPEG = enc.encode
	outs := render.Held(held, ph.info, spec)
	stats.ScaleMs, stats.EncodeMs = held.ms, enc.ms+held.encodeMs
	stats.Composed, stats.LayerMs = held.composed, held.layerMs
	stats.EncoderFallback = cmp.Or(enc.fallback, held.fallback)
	if held.check != nil {
		stats.ScalePSNR, stats.ScaleChecks = &held.worst, strings.Join(held.checks, "; ")
	}
	return outs, nil
}

// verifyScale reports whether this worker compares each canvas scaling
// with the engine's (a worker named with "verify-scale"; see worker.js).
func verifyScale() bool { return js.Global().Get("picmarkVerifyScale").Truthy() }

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
