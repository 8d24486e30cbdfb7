//go:build bench

package main

// PICMARK_BENCH_PROFILE=1: where the workers' time goes; =page: where the
// page's main thread spends the batch and the two seconds after it. The
// bench builds app.wasm with its function names, attaches DevTools to each
// image worker as the batch starts (the batch takes them from the spares),
// samples its CPU with V8's profiler until the ZIP is ready, and logs the
// functions with the most self time, summed over the workers (wasm
// functions by their Go names, the scripts' by theirs with their line, the
// browser's built-ins as V8 names them).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

func benchProfiling() bool { return benchEnv("PICMARK_BENCH_PROFILE") == "1" }

func benchProfilingPage() bool { return benchEnv("PICMARK_BENCH_PROFILE") == "page" }

// benchProfiler is the profiles being taken of the workers.
type benchProfiler struct {
	done   chan []*profiler.Profile
	stopCh chan struct{}
}

// startProfiling attaches to the page's workers (after a moment, so the
// pool has started them) and starts V8's sampling profiler in each.
func (bs *benchSession) startProfiling(t *testing.T) *benchProfiler {
	p := &benchProfiler{done: make(chan []*profiler.Profile, 1)}
	stop := make(chan struct{})
	go func() {
		time.Sleep(100 * time.Millisecond) // the batch takes its workers from the spares, started before the click
		targets, err := chromedp.Targets(bs.ctx)
		if err != nil {
			t.Logf("profile: listing targets: %v", err)
			p.done <- nil
			return
		}
		var ctxs []context.Context
		for _, ti := range targets {
			if ti.Type != "worker" || !strings.HasSuffix(ti.URL, "/worker.js") {
				continue
			}
			wctx, _ := chromedp.NewContext(bs.ctx, chromedp.WithTargetID(ti.TargetID))
			_, err1 := chromedp.Call(wctx, profiler.Enable, cdp.Empty{})
			_, err2 := chromedp.Call(wctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 500})
			_, err3 := chromedp.Call(wctx, profiler.Start, cdp.Empty{})
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Logf("profile: worker %s: %v", ti.TargetID, err)
				continue
			}
			ctxs = append(ctxs, wctx)
		}
		t.Logf("profile: sampling %d workers", len(ctxs))
		<-stop
		var profiles []*profiler.Profile
		for _, c := range ctxs {
			res, err := chromedp.Call(c, profiler.Stop, cdp.Empty{})
			if err != nil {
				t.Logf("profile: stopping: %v", err)
				continue
			}
			profiles = append(profiles, res.Profile)
		}
		p.done <- profiles
	}()
	p.stopCh = stop
	return p
}

// finish stops the profilers and logs the top functions by self time.
func (p *benchProfiler) finish(t *testing.T) {
	close(p.stopCh)
	profiles := <-p.done
	t.Log(benchProfileSummary(fmt.Sprintf("profile of %d workers", len(profiles)), profiles))
}

// startPageProfile starts sampling the page's main thread
// (PICMARK_BENCH_PROFILE=page); stopPageProfile logs where its time went.
func (bs *benchSession) startPageProfile(t *testing.T) {
	_, err1 := chromedp.Call(bs.ctx, profiler.Enable, cdp.Empty{})
	_, err2 := chromedp.Call(bs.ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200})
	_, err3 := chromedp.Call(bs.ctx, profiler.Start, cdp.Empty{})
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatalf("profile: the page: %v", err)
	}
}

func (bs *benchSession) stopPageProfile(t *testing.T) {
	res, err := chromedp.Call(bs.ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		t.Fatalf("profile: stopping: %v", err)
	}
	t.Log(benchProfileSummary("profile of the page", []*profiler.Profile{res.Profile}))
}

// benchProfileSummary is the top functions of profiles by self time.
func benchProfileSummary(what string, profiles []*profiler.Profile) string {
	self := map[string]float64{}
	var total float64
	for _, prof := range profiles {
		names, parent := map[int64]string{}, map[int64]int64{}
		for _, n := range prof.Nodes {
			names[n.ID] = benchFrameName(n)
			for _, c := range n.Children {
				parent[c] = n.ID
			}
		}
		// A built-in (slice, close, Blob…) says little alone: name its
		// caller too.
		called := map[int64]string{}
		for _, n := range prof.Nodes {
			if p, ok := parent[n.ID]; ok && n.CallFrame.URL == "" && !strings.HasPrefix(names[n.ID], "(") {
				called[n.ID] = names[n.ID] + " ← " + names[p]
			}
		}
		maps.Copy(names, called)
		for i, id := range prof.Samples {
			if i < len(prof.TimeDeltas) {
				ms := float64(prof.TimeDeltas[i]) / 1000
				self[names[id]] += ms
				total += ms
			}
		}
	}
	type row struct {
		name string
		ms   float64
	}
	var rows []row
	for k, v := range self {
		rows = append(rows, row{k, v})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.ms, a.ms) })
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %.1f s sampled; self time:\n", what, total/1000)
	for _, r := range rows[:min(len(rows), 40)] {
		fmt.Fprintf(&b, "  %7.1f ms %5.1f%%  %s\n", r.ms, 100*r.ms/total, r.name)
	}
	return b.String()
}

// benchFrameName names a profile's function: wasm functions by their Go
// names, the scripts' by theirs with their file and line, the browser's
// built-ins as V8 names them.
func benchFrameName(n *profiler.ProfileNode) string {
	f := n.CallFrame
	name := cmp.Or(f.FunctionName, "(anonymous)")
	if f.URL != "" {
		name += " " + f.URL[strings.LastIndex(f.URL, "/")+1:]
		if strings.HasSuffix(f.URL, ".js") {
			name += fmt.Sprintf(":%d", f.LineNumber+1)
		}
	}
	return name
}

// benchLongSlices attributes the page's long tasks to code: in a profile
// of the page's main thread, each run of busy samples (none "(idle)")
// longer than minMS, with when it began (ms after the profile's start),
// how long it took, and the functions with the most time in it, inclusive
// (each function once per sample, so a Go handler shows above what it
// calls) and self.
func benchLongSlices(prof *profiler.Profile, minMS float64) string {
	name := map[int64]string{}
	parent := map[int64]int64{}
	for _, n := range prof.Nodes {
		name[n.ID] = benchFrameName(n)
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	var b strings.Builder
	at := 0.0 // ms since the profile's start
	begin, ms := 0.0, 0.0
	incl, self := map[string]float64{}, map[string]float64{}
	// The frames every task of Go's goes through say nothing of which code
	// it ran: left out of the inclusive list.
	plumbing := []string{"wasm_exec.js", "js-to-wasm", "wasm-to-js", "wasm_export_resume", "wasm_pc_f_loop", "runtime.handleEvent", "runtime.mcall", "runtime.park_m", "runtime.schedule", "runtime.findRunnable", "runtime.gopark", "runtime.goexit", "runtime.systemstack", "runtime.reflectcall", "runtime.call", "syscall_js", "syscall/js",
		"engineX_.Start", "engineX_.processFrame", "nodeManager.", "FuncOf.funcOf", "Dispatch.func", "actionManager_"}
	top := func(m map[string]float64, k int) string {
		keys := slices.DeleteFunc(slices.Collect(maps.Keys(m)), func(key string) bool {
			return k > 6 && slices.ContainsFunc(plumbing, func(p string) bool { return strings.Contains(key, p) })
		})
		slices.SortFunc(keys, func(x, y string) int { return cmp.Compare(m[y], m[x]) })
		var parts []string
		for _, key := range keys[:min(k, len(keys))] {
			parts = append(parts, fmt.Sprintf("%.0f %s", m[key], key))
		}
		return strings.Join(parts, " | ")
	}
	end := func() {
		if ms >= minMS {
			fmt.Fprintf(&b, "  at %.0f ms, %.0f ms\n    inclusive: %s\n    self: %s\n", begin, ms, top(incl, 16), top(self, 6))
		}
		ms = 0
		clear(incl)
		clear(self)
	}
	for i, id := range prof.Samples {
		if i >= len(prof.TimeDeltas) {
			break
		}
		d := float64(prof.TimeDeltas[i]) / 1000
		at += d
		if name[id] == "(idle)" {
			end()
			continue
		}
		if ms == 0 {
			begin = at
		}
		ms += d
		self[name[id]] += d
		seen := map[string]bool{}
		for n := id; n != 0; n = parent[n] {
			if s := name[n]; !seen[s] && s != "(root)" {
				seen[s] = true
				incl[s] += d
			}
		}
	}
	end()
	return b.String()
}
