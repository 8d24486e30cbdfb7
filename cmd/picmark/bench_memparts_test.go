//go:build linux && bench

// Where the page's memory goes, for the scale mode's log: the page's
// JavaScript heap (V8's, Blink's — DOM nodes, Files and Blobs — and the
// backing stores of ArrayBuffers), the wasm memory of the page's Go and of
// each worker's, and the Blobs the browser process holds for the whole
// browser (chrome://blob-internals). With PICMARK_BENCH_MEMPARTS=1 only:
// asking for them collects the page's garbage and opens a tab, which the
// timings and the peak would count.

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// benchMemoryParts says whether the scale mode logs where the memory goes.
func benchMemoryParts() bool { return benchEnv("PICMARK_BENCH_MEMPARTS") == "1" }

// memoryParts logs the parts of the page's memory at a moment (when).
func (bs *benchSession) memoryParts(t *testing.T, when string) {
	t.Helper()
	ctx, cancel := bs.step(2 * time.Minute)
	defer cancel()
	mb := func(b float64) string { return fmt.Sprintf("%.0f", b/(1<<20)) }
	var parts []string
	if h, err := chromedp.Call(ctx, runtime.GetHeapUsage, cdp.Empty{}); err == nil {
		parts = append(parts, fmt.Sprintf("page JS heap %s of %s MiB, Blink's %s, array buffers %s", mb(h.UsedSize), mb(h.TotalSize), mb(h.EmbedderHeapUsedSize), mb(h.BackingStorageSize)))
	} else {
		parts = append(parts, "page JS heap: "+err.Error())
	}
	if n, err := benchWasmMemory(ctx); err == nil {
		parts = append(parts, "page's Go wasm memory "+mb(n)+" MiB")
	} else {
		parts = append(parts, "page's Go wasm memory: "+err.Error())
	}
	var heaps []float64
	bs.evalInto(t, "the workers' heaps", `picmarkDebug.heaps ? picmarkDebug.heaps() : []`, &heaps)
	var ws []string
	for _, h := range heaps {
		ws = append(ws, mb(h))
	}
	parts = append(parts, "workers' wasm memory ["+strings.Join(ws, " ")+"] MiB")
	var held int
	bs.evalInto(t, "Files held", `picmarkDebug.filesHeld ? picmarkDebug.filesHeld() : -1`, &held)
	parts = append(parts, fmt.Sprintf("Files held by the page %d", held))
	parts = append(parts, benchBlobs(bs.ctx))
	t.Logf("memory parts %s: %s", when, strings.Join(parts, "; "))
}

// benchWasmMemory sums the byte length of every WebAssembly.Memory of the
// page's main thread (the page's Go; workers have their own).
func benchWasmMemory(ctx context.Context) (float64, error) {
	proto, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: "WebAssembly.Memory.prototype", ObjectGroup: "mem"})
	if err != nil {
		return 0, err
	}
	defer chromedp.Call(ctx, runtime.ReleaseObjectGroup, runtime.ReleaseObjectGroupParams{ObjectGroup: "mem"})
	q, err := chromedp.Call(ctx, runtime.QueryObjects, runtime.QueryObjectsParams{PrototypeObjectID: proto.Result.ObjectID, ObjectGroup: "mem"})
	if err != nil {
		return 0, err
	}
	yes := true
	r, err := chromedp.Call(ctx, runtime.CallFunctionOn, runtime.CallFunctionOnParams{
		FunctionDeclaration: "function () { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }",
		ObjectID:            q.Objects.ObjectID,
		ReturnByValue:       &yes,
	})
	if err != nil {
		return 0, err
	}
	var n float64
	err = json.Unmarshal(r.Result.Value, &n)
	return n, err
}

// benchBlobs counts the Blobs of chrome://blob-internals, opened in a tab
// of its own, and their items backed by files.
func benchBlobs(parent context.Context) string {
	tab, cancel := chromedp.NewContext(parent)
	defer cancel()
	ctx, stop := context.WithTimeout(tab, time.Minute)
	defer stop()
	if err := chromedp.Do(ctx, chromedp.Navigate("chrome://blob-internals")); err != nil {
		return "blobs: " + err.Error()
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		return "blobs: " + err.Error()
	}
	uuids := regexp.MustCompile(`(?m)^[0-9a-f]{8}-[0-9a-f]{4}-`).FindAllStringIndex(text, -1)
	files := strings.Count(text, "Type: file")
	head := text
	if len(head) > 600 {
		head = head[:600]
	}
	return fmt.Sprintf("blobs in the browser %d (items of type file %d; %d chars: %q)", len(uuids), files, len(text), head)
}
