//go:build linux && bench

// The bench's HEIC keys (issue 9): a 12 MP HEIC decoded in a worker by
// the page's decoder (web/js/heif.js) against Debian's native libheif on
// the same file, and a batch of HEICs through the page against the same
// photos as JPEGs. PICMARK_BENCH_ONLY=heic runs the first visit and these
// alone.

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"picmark/internal/preset"
)

// The targets of issue 9.
const (
	benchTargetHEICDecode = 2.0
	benchHEICBatch        = 30
)

// benchHEICFiles serves the bench's HEIC and a worker that times the
// page's decoder on it, beside the site (the site's policy lets the page
// start a worker of its own origin).
type benchHEICFiles struct {
	mu   sync.Mutex
	heic []byte
}

const benchHEICWorkerJS = `import { decodeHeif } from "/web/js/heif.js";
onmessage = async (e) => {
  try {
    const file = await (await fetch("/bench-heic/photo.heic")).arrayBuffer();
    const times = [];
    for (let i = 0; i <= e.data.runs; i++) {
      const t0 = performance.now();
      const r = await decodeHeif(file.slice(0));
      if (!r.pixels) throw new Error("no decoder: " + r.missing);
      if (i > 0) times.push(performance.now() - t0); // the first compiles the module
      if (r.width * r.height < 12e6) throw new Error("decoded " + r.width + "×" + r.height);
    }
    postMessage({ times });
  } catch (err) {
    postMessage({ error: String(err) });
  }
};
`

func (f *benchHEICFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/bench-heic/worker.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write([]byte(benchHEICWorkerJS))
	case "/bench-heic/photo.heic":
		f.mu.Lock()
		defer f.mu.Unlock()
		w.Header().Set("Content-Type", "image/heic")
		w.Write(f.heic)
	default:
		http.NotFound(w, r)
	}
}

// benchHEIC measures the HEIC keys into res. The session has made its first
// visit; the page is reloaded for each batch.
func (bs *benchSession) benchHEIC(t *testing.T, b *benchBatch, files *benchHEICFiles, presets []preset.Preset, runs int, res *benchResult) {
	t.Helper()
	bs.setPhase("heic")
	// The bench's 12 MP photos, upright ones: six distinct, as HEICs
	// (heif-enc, as a phone's quality) and as the JPEGs they came from,
	// each copied to make the batch.
	var srcs []string
	for _, it := range b.Items {
		if it.Kind == "12 MP JPEG" && !it.Orient6 && it.CopyOf == 0 && len(srcs) < 6 {
			srcs = append(srcs, filepath.Join(b.root, filepath.FromSlash(it.Rel)))
		}
	}
	if len(srcs) == 0 {
		t.Fatal("the bench's batch has no 12 MP JPEG to make HEICs from")
	}
	// Kept beside the batch (with PICMARK_BENCH_CACHE, from one run to
	// the next): heif-enc takes about 40 s a photo on 2 cores.
	work, kept := t.TempDir(), filepath.Join(b.root, "heic")
	if err := os.MkdirAll(kept, 0o755); err != nil {
		t.Fatal(err)
	}
	heics := make([]string, len(srcs))
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, len(srcs))
	for i, src := range srcs {
		heics[i] = filepath.Join(kept, fmt.Sprintf("src-%d-q60.heic", i))
		if _, err := os.Stat(heics[i]); err == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			tmp := heics[i] + ".tmp.heic"
			if out, err := exec.Command("heif-enc", "-q", "60", "-o", tmp, src).CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("heif-enc %s: %v\n%s", src, err, out)
				return
			}
			errs[i] = os.Rename(tmp, heics[i]) // whole or not at all

		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d HEICs ready in %v", len(heics), time.Since(start).Round(time.Millisecond))
	heicDir, jpegDir := filepath.Join(work, "heic"), filepath.Join(work, "jpeg")
	for i := range benchHEICBatch {
		for _, c := range []struct{ dir, src, ext string }{{heicDir, heics[i%len(heics)], "heic"}, {jpegDir, srcs[i%len(srcs)], "jpg"}} {
			data, err := os.ReadFile(c.src)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(c.dir, fmt.Sprintf("part-%d/IMG_%04d.%s", i%3+1, i+1, c.ext))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	// 1. Decode: the page's decoder in a worker, then native libheif
	//    (heif-convert to y4m: its decode without a file format to encode;
	//    the floor), on the first HEIC, alternately.
	data, err := os.ReadFile(heics[0])
	if err != nil {
		t.Fatal(err)
	}
	files.mu.Lock()
	files.heic = data
	files.mu.Unlock()
	var worker struct {
		Times []float64 `json:"times"`
		Error string    `json:"error"`
	}
	bs.evalInto(t, "the HEIC decoded in a worker", fmt.Sprintf(`new Promise((resolve) => {
  const w = new Worker("/bench-heic/worker.js", { type: "module" });
  w.onmessage = (e) => { resolve(e.data); w.terminate(); };
  w.onerror = (e) => resolve({ error: String(e.message || e) });
  w.postMessage({ runs: %d });
})`, runs), &worker)
	if worker.Error != "" || len(worker.Times) == 0 {
		t.Fatalf("the page's HEIC decoder in a worker: %s", worker.Error)
	}
	var native []float64
	for range runs {
		t0 := time.Now()
		if out, err := exec.Command("heif-convert", heics[0], filepath.Join(work, "native.y4m")).CombinedOutput(); err != nil {
			t.Fatalf("heif-convert: %v\n%s", err, out)
		}
		native = append(native, float64(time.Since(t0).Microseconds())/1000)
	}
	res.HEICDecodeMS, res.HEICNativeMS = benchMedian(worker.Times), benchMedian(native)
	res.HEICDecodeOverNative = new(res.HEICDecodeMS / res.HEICNativeMS)
	t.Logf("12 MP HEIC (%d bytes): the page's decoder in a worker %v ms, native heif-convert %v ms", len(data), worker.Times, native)

	// 2. The batches through the page, HEIC then JPEG, with a logo.
	batch := func(dir, kind string) float64 {
		bs.reload(t)
		bs.benchDrop(t, dir, benchHEICBatch)
		bs.setLogo(t, b.logoPath())
		bs.setPresets(t, presets)
		var ms []float64
		for i := range runs {
			r := bs.runPicmark(t, benchHEICBatch, false)
			t.Logf("%s batch run %d/%d: %.1f s", kind, i+1, runs, r.ms/1000)
			_, rows := e2eOpenZip(t, bs.download(t))
			done := 0
			for _, row := range rows {
				if row.status == "done" {
					done++
				}
			}
			if done != benchHEICBatch*len(presets) {
				t.Fatalf("the %s batch made %d outputs, want %d", kind, done, benchHEICBatch*len(presets))
			}
			ms = append(ms, r.ms)
		}
		return benchMedian(ms)
	}
	res.HEICBatchMS = batch(heicDir, "HEIC")
	res.HEICJPEGBatchMS = batch(jpegDir, "JPEG")
	res.HEICBatchOverJPEGBatch = new(res.HEICBatchMS / res.HEICJPEGBatchMS)
}

// heicRows are the HEIC keys' lines of the table.
func (r benchResult) heicRows() string {
	if r.HEICDecodeOverNative == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %-34s %14s  %-30s %s\n", "HEIC decode ÷ native libheif", fmt.Sprintf("%.2f", *r.HEICDecodeOverNative),
		fmt.Sprintf("≤ %.1f", benchTargetHEICDecode), map[bool]string{true: "PASS", false: "MISS"}[*r.HEICDecodeOverNative <= benchTargetHEICDecode])
	fmt.Fprintf(&b, "  %-34s %14s  %-30s %s\n", "  in a worker / native", fmt.Sprintf("%.0f / %.0f ms", r.HEICDecodeMS, r.HEICNativeMS), "12 MP, heif-convert to y4m", "info")
	fmt.Fprintf(&b, "  %-34s %14s  %-30s %s\n", "HEIC batch ÷ JPEG batch", fmt.Sprintf("%.2f", *r.HEICBatchOverJPEGBatch),
		fmt.Sprintf("%d × 3 formats + logo", benchHEICBatch), "info")
	fmt.Fprintf(&b, "  %-34s %14d  %-30s %s\n", "first visit, background bytes", r.FirstVisitBackgroundBytes,
		fmt.Sprintf("≤ %d bytes", firstVisitBackgroundBudget), map[bool]string{true: "PASS", false: "MISS"}[r.FirstVisitBackgroundBytes <= firstVisitBackgroundBudget])
	return b.String()
}

// benchHEICOnly reports whether PICMARK_BENCH_ONLY=heic asks for the first
// visit and the HEIC keys alone.
func benchHEICOnly(t *testing.T) bool {
	switch v := benchEnv("PICMARK_BENCH_ONLY"); v {
	case "":
		return false
	case "heic":
		return true
	default:
		t.Fatalf("PICMARK_BENCH_ONLY=%q: only heic", v)
	}
	return false
}

// writeJSON writes res to BENCH_JSON when it is set.
func (r benchResult) writeJSON(t *testing.T, root string) {
	p := benchEnv("BENCH_JSON")
	if p == "" {
		return
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	data, err := json.MarshalIndent(r.rounded(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
		t.Fatalf("BENCH_JSON: %v", err)
	}
	t.Logf("results written to %s", p)
}
