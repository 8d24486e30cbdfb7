//go:build bench

package main

// PICMARK_BENCH_PROFILE=trace (the scale mode): a Chromium trace of the
// run, from the drop to the report, and for each long task of the page's
// main thread what the browser did in it (style, layout, garbage
// collection, a message's deserialisation, script): what a profile of
// the page shows only as "(program)".

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

func benchTracing() bool { return benchEnv("PICMARK_BENCH_PROFILE") == "trace" }

// benchTraceEvent is one complete ("X") event of the trace, or a thread's
// name ("M").
type benchTraceEvent struct {
	Name string         `json:"name"`
	Ph   string         `json:"ph"`
	Ts   float64        `json:"ts"`
	Dur  float64        `json:"dur"`
	Pid  int            `json:"pid"`
	Tid  int            `json:"tid"`
	Args map[string]any `json:"args"`
}

type benchTrace struct {
	mu     sync.Mutex
	events []benchTraceEvent
	done   chan struct{}
}

// startTrace starts tracing the browser; stopTrace ends it and logs the
// page's long tasks with their parts.
func (bs *benchSession) startTrace(t *testing.T) *benchTrace {
	tr := &benchTrace{done: make(chan struct{})}
	go func() {
		for ev, err := range chromedp.Events(bs.ctx, tracing.DataCollected) {
			if err != nil {
				return
			}
			tr.mu.Lock()
			for _, raw := range ev.Value {
				var e benchTraceEvent
				if json.Unmarshal(raw, &e) != nil {
					continue
				}
				if e.Ph == "M" && e.Name == "thread_name" || e.Ph == "X" && e.Dur >= 1000 {
					tr.events = append(tr.events, e)
				}
			}
			tr.mu.Unlock()
		}
	}()
	go func() {
		for _, err := range chromedp.Events(bs.ctx, tracing.TracingComplete) {
			if err == nil {
				close(tr.done)
			}
			return
		}
	}()
	_, err := chromedp.Call(bs.ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig: &tracing.TraceConfig{
			RecordMode:          tracing.TraceConfigRecordModeRecordContinuously,
			TraceBufferSizeInKb: 512 * 1024,
			IncludedCategories:  []string{"toplevel", "devtools.timeline", "v8", "blink", "disabled-by-default-devtools.timeline"},
		},
	})
	if err != nil {
		t.Fatalf("trace: starting: %v", err)
	}
	return tr
}

func (bs *benchSession) stopTrace(t *testing.T, tr *benchTrace, minMS float64) {
	if _, err := chromedp.Call(bs.ctx, tracing.End, cdp.Empty{}); err != nil {
		t.Fatalf("trace: ending: %v", err)
	}
	<-tr.done
	tr.mu.Lock()
	defer tr.mu.Unlock()
	// The page's main thread: the CrRendererMain that ran the most script.
	mains := map[[2]int]bool{}
	for _, e := range tr.events {
		if e.Ph == "M" && e.Args["name"] == "CrRendererMain" {
			mains[[2]int{e.Pid, e.Tid}] = true
		}
	}
	script := map[[2]int]float64{}
	for _, e := range tr.events {
		if k := [2]int{e.Pid, e.Tid}; mains[k] && e.Ph == "X" && e.Name == "FunctionCall" {
			script[k] += e.Dur
		}
	}
	var main [2]int
	for k, v := range script {
		if v > script[main] {
			main = k
		}
	}
	var on []benchTraceEvent
	for _, e := range tr.events {
		if e.Ph == "X" && [2]int{e.Pid, e.Tid} == main {
			on = append(on, e)
		}
	}
	slices.SortFunc(on, func(a, b benchTraceEvent) int { return cmp.Compare(a.Ts, b.Ts) })
	var b strings.Builder
	t0 := 0.0
	if len(on) > 0 {
		t0 = on[0].Ts
	}
	for i, e := range on {
		if e.Name != "RunTask" && e.Name != "ThreadControllerImpl::RunTask" || e.Dur < minMS*1000 {
			continue
		}
		parts := map[string]float64{}
		for _, c := range on[i+1:] {
			if c.Ts >= e.Ts+e.Dur {
				break
			}
			if c.Name == "RunTask" || c.Name == "ThreadControllerImpl::RunTask" {
				continue
			}
			name := c.Name
			if d, ok := c.Args["data"].(map[string]any); ok {
				if u, ok := d["url"].(string); ok && u != "" {
					name += " " + u[strings.LastIndex(u, "/")+1:]
				}
				if ty, ok := d["type"].(string); ok && ty != "" {
					name += " " + ty
				}
			}
			parts[name] += c.Dur / 1000
		}
		keys := slices.Collect(maps.Keys(parts))
		slices.SortFunc(keys, func(x, y string) int { return cmp.Compare(parts[y], parts[x]) })
		var s []string
		for _, k := range keys[:min(12, len(keys))] {
			s = append(s, fmt.Sprintf("%.0f %s", parts[k], k))
		}
		fmt.Fprintf(&b, "  at %.0f ms, %.0f ms: %s\n", (e.Ts-t0)/1000, e.Dur/1000, strings.Join(s, " | "))
	}
	t.Logf("the page's long tasks by trace (%d events on its main thread; nested events each counted):\n%s", len(on), b.String())
}
