//go:build linux && bench

// Memory: wasm memory is an ArrayBuffer outside the JS heap (Performance.
// getMetrics' JSHeapUsedSize never sees it), and dedicated workers are
// threads of the page's renderer process. So the measure is the renderer
// processes' peak resident set: the larger of the kernel's VmHWM (reset
// before each batch by writing 5 to /proc/<pid>/clear_refs) and their
// summed RSS sampled every 50 ms. The renderers of Chromium's own UI are
// left out; a spare renderer or the service worker's counts (a little high,
// never low).

package main

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

type benchProc struct {
	pid int
	typ string // "browser", "renderer", "gpu-process", "utility", "zygote", …
}

func (bs *benchSession) procs() []benchProc {
	children := map[int][]int{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		i := bytes.LastIndexByte(data, ')')
		if i < 0 || i+2 > len(data) {
			continue
		}
		f := strings.Fields(string(data[i+2:]))
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		children[ppid] = append(children[ppid], pid)
	}
	var out []benchProc
	queue := []int{bs.pid}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		typ := "browser"
		if pid != bs.pid {
			typ = "other"
			// Zygote children rewrite their title: one string with spaces.
			cmd, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			args := strings.Fields(strings.ReplaceAll(string(cmd), "\x00", " "))
			for _, a := range args {
				if v, ok := strings.CutPrefix(a, "--type="); ok {
					typ = v
				}
			}
			// Chromium's own UI and extensions have renderers too; they
			// are not the page's.
			if typ == "renderer" && (slices.Contains(args, "--top-chrome-webui") || slices.Contains(args, "--extension-process")) {
				typ = "renderer (browser UI)"
			}
		}
		out = append(out, benchProc{pid, typ})
		queue = append(queue, children[pid]...)
	}
	return out
}

// kind is the process's type, and a utility's service ("utility
// NetworkService").
func (p benchProc) kind() string {
	if p.typ != "utility" {
		return p.typ
	}
	cmd, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", p.pid))
	for _, a := range strings.Fields(strings.ReplaceAll(string(cmd), "\x00", " ")) {
		if v, ok := strings.CutPrefix(a, "--utility-sub-type="); ok {
			return p.typ + " " + v[strings.LastIndex(v, ".")+1:]
		}
	}
	return p.typ
}

func benchStatusKB(pid int, key string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// resetPeaks starts every Chromium process's peak RSS afresh.
func (bs *benchSession) resetPeaks(t *testing.T) {
	t.Helper()
	for _, p := range bs.procs() {
		if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", p.pid), []byte("5"), 0); err != nil {
			t.Logf("cannot reset the peak RSS of %s process %d (%v): its peak counts since it started", p.typ, p.pid, err)
		}
	}
}

// peaks is the summed peak RSS of the renderer processes and of all of
// Chromium, in MiB, and a per-process line for the log.
func (bs *benchSession) peaks() (renderer, all float64, detail string) {
	var parts []string
	for _, p := range bs.procs() {
		kb := benchStatusKB(p.pid, "VmHWM")
		all += float64(kb) / 1024
		if p.typ == "renderer" {
			renderer += float64(kb) / 1024
		}
		if kb > 50*1024 {
			parts = append(parts, fmt.Sprintf("%s %d: %.0f MiB", p.kind(), p.pid, float64(kb)/1024))
		}
	}
	return renderer, all, strings.Join(parts, ", ")
}

// sampleRSS samples the renderers' summed RSS every 50 ms until stop is
// closed, and returns the highest. The kernel's VmHWM alone is not enough:
// memory V8 gives back when a worker ends does not always update it.
func (bs *benchSession) sampleRSS(stop <-chan struct{}) <-chan float64 {
	out := make(chan float64, 1)
	go func() {
		peak := 0.0
		var pids []int
		refresh := time.Time{}
		for {
			if time.Since(refresh) > time.Second {
				pids = pids[:0]
				for _, p := range bs.procs() {
					if p.typ == "renderer" {
						pids = append(pids, p.pid)
					}
				}
				refresh = time.Now()
			}
			var mb float64
			for _, pid := range pids {
				mb += float64(benchStatusKB(pid, "VmRSS")) / 1024
			}
			peak = max(peak, mb)
			select {
			case <-stop:
				out <- peak
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return out
}

// cpuSeconds is the CPU time (user and system) Chromium's processes have
// used so far: a contender's share of the machine, whatever its wall
// time (the browser decodes and encodes on threads of its own).
func (bs *benchSession) cpuSeconds() float64 {
	ticks := 0
	for _, p := range bs.procs() {
		if _, n, ok := benchStat(fmt.Sprintf("/proc/%d/stat", p.pid)); ok {
			ticks += n
		}
	}
	return float64(ticks) / 100 // USER_HZ is 100 on Linux
}

// benchStat reads utime+stime (in ticks) and the name from a stat file of
// /proc (a process's or a thread's).
func benchStat(path string) (name string, ticks int, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", 0, false
	}
	i, j := bytes.IndexByte(data, '('), bytes.LastIndexByte(data, ')')
	if i < 0 || j < i || j+2 > len(data) {
		return "", 0, false
	}
	f := strings.Fields(string(data[j+2:]))
	if len(f) < 13 {
		return "", 0, false
	}
	u, _ := strconv.Atoi(f[11]) // utime and stime, fields 14 and 15 of stat
	s, _ := strconv.Atoi(f[12])
	return string(data[i+1 : j]), u + s, true
}

// threadCPU samples the CPU time of every thread of Chromium's processes
// every 500 ms (more often would take a share of the cores from what is
// measured) until stop is closed, and returns what each kind of thread
// (the process's type and the thread's name) used meanwhile, in seconds:
// which threads a contender's CPU time went to. A thread that ends loses
// up to 500 ms of it.
func (bs *benchSession) threadCPU(stop <-chan struct{}) <-chan map[string]float64 {
	out := make(chan map[string]float64, 1)
	go func() {
		type seen struct {
			kind        string
			first, last int
		}
		threads := map[string]*seen{}
		sample := func(initial bool) {
			for _, p := range bs.procs() {
				dir := fmt.Sprintf("/proc/%d/task", p.pid)
				ents, _ := os.ReadDir(dir)
				for _, e := range ents {
					name, ticks, ok := benchStat(filepath.Join(dir, e.Name(), "stat"))
					if !ok {
						continue
					}
					key := fmt.Sprint(p.pid, "/", e.Name())
					th := threads[key]
					if th == nil {
						th = &seen{kind: p.typ + ": " + strings.TrimRight(name, "0123456789"), first: ticks}
						if !initial {
							th.first = 0 // started during the run
						}
						threads[key] = th
					}
					th.last = ticks
				}
			}
		}
		sample(true)
		for {
			select {
			case <-stop:
				sample(false)
				by := map[string]float64{}
				for _, th := range threads {
					if d := th.last - th.first; d > 0 {
						by[th.kind] += float64(d) / 100
					}
				}
				out <- by
				return
			case <-time.After(500 * time.Millisecond):
				sample(false)
			}
		}
	}()
	return out
}

// benchThreadLine is threadCPU's result for the log, the busiest first.
func benchThreadLine(by map[string]float64) string {
	keys := slices.Collect(maps.Keys(by))
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(by[b], by[a]) })
	var parts []string
	for _, k := range keys {
		if by[k] >= 0.05 {
			parts = append(parts, fmt.Sprintf("%s %.1f s", k, by[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func (bs *benchSession) rendererRSS() float64 {
	var mb float64
	for _, p := range bs.procs() {
		if p.typ == "renderer" {
			mb += float64(benchStatusKB(p.pid, "VmRSS")) / 1024
		}
	}
	return mb
}

// benchMemLine is memoryTimeline's result: one line per interval, and the
// highest sum of every process's resident set seen by the samples between
// (taken every 250 ms) with its parts by kind.
type benchMemLine struct {
	log    string
	peakMB float64
	peakAt string
}

// memoryTimeline samples the resident set of Chromium's processes by kind
// every 250 ms until stop is closed, and returns one line per interval
// ("12s browser 280 renderer×2 470 …", MiB: which process grows with the
// photos, and when) and the highest sum sampled. The sum of the kernel's
// peaks (peaks) misses a process that ended before the end, and a peak
// given back with madvise, which the kernel's VmHWM does not always see.
func (bs *benchSession) memoryTimeline(stop <-chan struct{}, interval time.Duration) <-chan benchMemLine {
	out := make(chan benchMemLine, 1)
	go func() {
		var tl benchMemLine
		var b strings.Builder
		start := time.Now()
		var logged time.Time
		for {
			by := map[string]float64{}
			count := map[string]int{}
			for _, p := range bs.procs() {
				by[p.kind()] += float64(benchStatusKB(p.pid, "VmRSS")) / 1024
				count[p.kind()]++
			}
			keys := slices.Sorted(maps.Keys(by))
			var line strings.Builder
			total := 0.0
			for _, k := range keys {
				name := k
				if count[k] > 1 {
					name = fmt.Sprintf("%s×%d", k, count[k])
				}
				fmt.Fprintf(&line, " | %s %.0f", name, by[k])
				total += by[k]
			}
			at := fmt.Sprintf("%3.0fs", time.Since(start).Seconds())
			if total > tl.peakMB {
				tl.peakMB, tl.peakAt = total, at+line.String()
			}
			select {
			case <-stop:
				fmt.Fprintf(&b, "  %s%s | all %.0f\n", at, line.String(), total)
				tl.log = b.String()
				out <- tl
				return
			default:
			}
			if time.Since(logged) >= interval {
				logged = time.Now()
				fmt.Fprintf(&b, "  %s%s | all %.0f\n", at, line.String(), total)
			}
			select {
			case <-stop:
				tl.log = b.String()
				out <- tl
				return
			case <-time.After(250 * time.Millisecond):
			}
		}
	}()
	return out
}
