//go:build js && wasm

// Command picmark-worker is the image engine inside a Web Worker (web/worker.js
// starts it). It takes one job at a time from the page's worker pool: reads the
// photo's bytes from the File it was given, renders every preset with the
// engine, and posts the encoded outputs back as transferred buffers, so they
// leave the Go heap at once. It never imports go-app or the UI.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"syscall/js"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/imgio"
	"picmark/internal/preset"
	"picmark/internal/render"
)

func main() {
	jobs := make(chan js.Value, 1)
	onMessage := js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := args[0].Get("data")
		if msg.Get("type").String() == "job" {
			jobs <- msg
		}
		return nil
	})
	js.Global().Set("onmessage", onMessage)
	post(map[string]any{"type": "ready"}, nil)

	logos := logoCache{}
	for msg := range jobs {
		result, transfer := handle(msg, &logos)
		post(result, transfer)
	}
}

func post(msg map[string]any, transfer []any) {
	if transfer == nil {
		js.Global().Call("postMessage", msg)
		return
	}
	js.Global().Call("postMessage", msg, transfer)
}

// handle runs one job and never panics: whatever happens, the page gets one
// report row per preset for this input.
func handle(msg js.Value, logos *logoCache) (result map[string]any, transfer []any) {
	id := msg.Get("id").Int()
	input := msg.Get("input").String()
	stem := msg.Get("stem").String()
	presets := presetsOf(msg.Get("presets"))

	reply := func(rows []batch.Row, files []any) map[string]any {
		rowsJSON, _ := json.Marshal(rows)
		var mem runtime.MemStats
		runtime.ReadMemStats(&mem)
		return map[string]any{
			"type": "result", "id": id, "rows": string(rowsJSON), "files": files,
			"heap": float64(mem.Sys),
		}
	}
	defer func() {
		if r := recover(); r != nil {
			reason := "picmark hit an internal error on this file; please report it with the file attached"
			result, transfer = reply(batch.FailedRows(input, presets, reason), []any{}), nil
		}
	}()

	spec := render.Spec{Presets: presets, Limits: imgio.DefaultLimits}
	file := msg.Get("file")
	if err := imgio.CheckFileSize(int64(file.Get("size").Float()), spec.Limits); err != nil {
		return reply(batch.Rows(input, stem, presets, nil, err), []any{}), nil
	}
	logo, err := logos.get(msg)
	if err != nil {
		return reply(batch.FailedRows(input, presets, "the logo could not be read: "+err.Error()), []any{}), nil
	}
	spec.Logo = logo

	data, err := readFile(file)
	if err != nil {
		return reply(batch.FailedRows(input, presets, "the browser could not read this file: "+err.Error()), []any{}), nil
	}
	outs, err := render.Photo(data, spec)
	data = nil
	rows := batch.Rows(input, stem, presets, outs, err)

	files := []any{}
	for _, out := range outs {
		if out.Err != nil || out.Data == nil {
			continue
		}
		buf := js.Global().Get("Uint8Array").New(len(out.Data))
		js.CopyBytesToJS(buf, out.Data)
		files = append(files, map[string]any{
			"name":  batch.OutputName(out.Preset.ID, stem),
			"data":  buf,
			"crc32": float64(crc32.ChecksumIEEE(out.Data)),
		})
		transfer = append(transfer, buf.Get("buffer"))
	}
	// The outputs now live in JavaScript; let the next photo reuse this heap.
	outs = nil
	runtime.GC()
	return reply(rows, files), transfer
}

func presetsOf(ids js.Value) []preset.Preset {
	var out []preset.Preset
	for i := 0; i < ids.Length(); i++ {
		if p, ok := preset.Lookup(ids.Index(i).String()); ok {
			out = append(out, p)
		}
	}
	return out
}

// readFile copies a File's bytes into Go.
func readFile(file js.Value) ([]byte, error) {
	buf, err := await(file.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	arr := js.Global().Get("Uint8Array").New(buf)
	data := make([]byte, arr.Length())
	js.CopyBytesToGo(data, arr)
	return data, nil
}

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

// logoCache keeps the decoded logo between jobs: a batch sends the same logo
// with every photo.
type logoCache struct {
	data []byte
	img  *brand.Logo
}

func (c *logoCache) get(msg js.Value) (*brand.Logo, error) {
	arr := msg.Get("logo")
	if arr.IsNull() || arr.IsUndefined() || arr.Length() == 0 {
		return nil, nil
	}
	data := make([]byte, arr.Length())
	js.CopyBytesToGo(data, arr)
	if c.img == nil || !bytes.Equal(data, c.data) {
		img, err := brand.DecodeLogo(data)
		if err != nil {
			return nil, err
		}
		c.data, c.img = data, brand.DefaultLogo(img)
	}
	logo := *c.img
	if s := msg.Get("logoScale"); s.Type() == js.TypeNumber {
		logo.Scale = s.Float()
	}
	if o := msg.Get("logoOpacity"); o.Type() == js.TypeNumber {
		logo.Opacity = o.Float()
	}
	if logo.Scale <= 0 || logo.Opacity < 0 || logo.Opacity > 1 {
		return nil, fmt.Errorf("its size or opacity is out of range")
	}
	return &logo, nil
}
