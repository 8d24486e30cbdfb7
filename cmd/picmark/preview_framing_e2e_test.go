//go:build !wasm

// A photo's preview is framed exactly as its batch output is: the preview
// worker analyses the very copy the batch analyses, so even a photo whose
// best framings score within a hair of each other is previewed as it is
// made.

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/preset"
	"picmark/internal/render"
)

// pfHook records what the workers answer: each preview's crops and how
// long it took from request to answer, and each batch job's crops. It
// wraps decodeHook's Worker, which names the workers "decoders=…".
const pfHook = `
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.__pf = { previews: [], results: [] };
  window.Worker = function (url, opts) {
    const w = new Native(url, opts);
    const asked = new Map();
    const post = w.postMessage.bind(w);
    w.postMessage = (m, ...rest) => {
      if (m && m.type === "preview") asked.set(m.id, performance.now());
      return post(m, ...rest);
    };
    w.addEventListener("message", (e) => {
      const d = e.data;
      if (!d) return;
      if (d.type === "previews" && d.images && d.images.length)
        window.__pf.previews.push({ decoder: d.decoder || "", ms: performance.now() - (asked.get(d.id) || 0),
          crops: d.images.map((i) => ({ preset: i.preset, crop: i.crop || null })) });
      if (d.type === "result")
        window.__pf.results.push({ presets: (d.rows || []).map((r) => r.Preset), crops: (d.stats && d.stats.crops) || [] });
    });
    return w;
  };
  window.Worker.prototype = Native.prototype;
})();
`

// pfMeadow is a landscape as a photo of it would be: a sky, a meadow, a
// fence on the left (slats 10 px apart) and a field of stones on the
// right (60 px), each as salient as the other to within a few thousandths
// at the batch's analysis, so that the smart framing's choice between them
// hangs on the least change in the copy analysed. Noise as a sensor's.
func pfMeadow(fence, stones float64) *image.NRGBA {
	const W, H = 2400, 1600
	m := image.NewNRGBA(image.Rect(0, 0, W, H))
	r := rand.New(rand.NewPCG(7, 11))
	for y := range H {
		for x := range W {
			c := [3]float64{95, 115, 80}
			if y < 640 {
				t := float64(y) / 640
				c = [3]float64{150 + 60*t, 180 + 45*t, 225 + 20*t}
			}
			lift := 0.0
			if y >= 800 && y < 1300 && x >= 280 && x < 680 && x%10 < 5 {
				lift = fence
			}
			if y >= 800 && y < 1300 && x >= 1720 && x < 2120 && ((x-1720)/60+(y-800)/60)%2 == 0 {
				lift = stones
			}
			n := r.NormFloat64() * 4
			i := m.PixOffset(x, y)
			for k := range c {
				m.Pix[i+k] = uint8(min(255, max(0, c[k]+lift+n)))
			}
			m.Pix[i+3] = 255
		}
	}
	return m
}

// pfTieScore is how close two framings' scores are in a near-tie: the
// bench's own (benchTieScore, 0.5 % of the photo's saliency).
const pfTieScore = 0.005

// pfTie checks natively that the meadow is a near-tie for p: the best
// framing on each side of the photo scores within pfTieScore of the
// other. It returns the engine's framing.
func pfTie(t *testing.T, img image.Image, a *crop.Analysis, p preset.Preset) image.Rectangle {
	t.Helper()
	photo := img.Bounds()
	plan := render.Frame(p, photo, crop.Strategy{Kind: crop.Smart}, render.FitFill, a)
	r := plan.Crop.Sub(plan.Crop.Min)
	n := photo.Dx() - r.Dx()
	if n <= 0 {
		t.Fatalf("%s: the meadow is not cropped across (%v)", p.ID, plan.Crop)
	}
	best := [2]float64{-1, -1}
	at := [2]int{}
	for off := 0; off <= n; off++ {
		_, s := a.Score(photo, r.Add(image.Pt(off, 0)), p.Width, p.Height, p.Safe)
		if side := 2 * off / (n + 1); s > best[side] {
			best[side], at[side] = s, off
		}
	}
	t.Logf("%s: the engine frames the meadow at x=%d; best left x=%d scores %.4f, best right x=%d %.4f", p.ID, plan.Crop.Min.X, at[0], best[0], at[1], best[1])
	if d := best[0] - best[1]; d > pfTieScore || -d > pfTieScore || at[1]-at[0] < n/2 {
		t.Fatalf("%s: the meadow is no near-tie: the framings at x=%d and x=%d score %.4f and %.4f", p.ID, at[0], at[1], best[0], best[1])
	}
	return plan.Crop
}

func TestE2EPreviewFraming(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "meadows")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, pfMeadow(17, 44), &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "meadow.jpg")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// Natively: a near-tie for each cropped default format, and one that
	// a copy analysed a little smaller (a 480 px decode, as previews once
	// were) frames elsewhere: the picture tells two analyses apart.
	img, _, err := imgio.DecodeStored(buf.Bytes(), imgio.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	a := render.AnalysePhoto(img, 1)
	smaller := render.AnalysePhoto(imaging.Resize(img, 480, 320, imaging.Box), 1)
	apart := 0
	for _, id := range preset.DefaultIDs {
		p, _ := preset.Lookup(id)
		if p.WidthOnly() {
			continue // the photo is kept whole
		}
		want := pfTie(t, img, a, p)
		if got := render.Frame(p, img.Bounds(), crop.Strategy{Kind: crop.Smart}, render.FitFill, smaller).Crop; got != want {
			t.Logf("%s: a 240 px analysis frames it at x=%d, the batch's at x=%d", id, got.Min.X, want.Min.X)
			apart++
		}
	}
	if apart == 0 {
		t.Fatalf("the meadow is framed alike by a smaller analysis: it cannot tell the preview's analysis from the batch's")
	}

	env := e2eServe(t, 5*time.Minute, nil)
	srv, s := env.srv, env.s
	s.addScript(t, "the worker hook", decodeHook)
	s.addScript(t, "the preview framing hook", pfHook)
	type rect struct{ X0, Y0, X1, Y1 int }
	// The canvas path (the batch's first choice), and the pixels decoded
	// into Go by ImageDecoder (where the canvas is missing).
	for _, path := range []struct{ name, only string }{{"canvas", ""}, {"ImageDecoder", "ImageDecoder"}} {
		t.Run(path.name, func(t *testing.T) {
			s.setPhase("preview-framing-" + path.name)
			s.load(t, srv.URL)
			if path.only != "" {
				s.eval(t, "choosing the decoder", `sessionStorage.setItem("picmark-test-decoders", `+strconv.Quote(path.only)+`); true`)
				s.load(t, srv.URL)
			}
			defer s.eval(t, "every decoder again", `sessionStorage.removeItem("picmark-test-decoders"); true`)
			s.dropFolder(t, dir)
			s.waitJS(t, "the meadow's previews", `window.__pf.previews.length > 0 && (() => {
  const r = document.querySelector('.preview-row[data-path$="meadow.jpg"]');
  const imgs = r ? Array.from(r.querySelectorAll(".preview img")) : [];
  return imgs.length === `+strconv.Itoa(len(preset.DefaultIDs))+` && imgs.every((i) => i.complete && i.naturalWidth > 0); })()`, 60*time.Second)
			s.waitJS(t, "no preview being made", `window.picmarkDebug.previewsIdle()`, 30*time.Second)
			// Centre crops, then smart framing again: the last previews are
			// made by a worker already warm, as most are (their time is logged).
			for _, c := range []string{"center", "smart", "center", "smart", "center", "smart"} {
				n := s.eval(t, "previews so far", `window.__pf.previews.length`)
				s.choose(t, "#crop", c)
				s.waitJS(t, "the previews made again, "+c, `window.__pf.previews.length > `+n+` && window.picmarkDebug.previewsIdle()`, 30*time.Second)
			}
			var pv []struct {
				Decoder string  `json:"decoder"`
				Ms      float64 `json:"ms"`
				Crops   []struct {
					Preset string `json:"preset"`
					Crop   *rect  `json:"crop"`
				} `json:"crops"`
			}
			s.evalInto(t, "the previews' crops", `window.__pf.previews`, &pv)
			last := pv[len(pv)-1]
			var warm []string
			for i := 2; i < len(pv); i += 2 {
				warm = append(warm, fmt.Sprintf("%.0f", pv[i].Ms))
			}
			t.Logf("%d preview answers, decoded by %q; from request to answer: the worker's first %.0f ms, smart framing on a warm worker %s ms", len(pv), last.Decoder, pv[0].Ms, strings.Join(warm, ", "))
			s.runBatch(t)
			var res []struct {
				Presets []string `json:"presets"`
				Crops   []rect   `json:"crops"`
			}
			s.evalInto(t, "the batch's crops", `window.__pf.results`, &res)
			if len(res) != 1 || len(res[0].Crops) != len(res[0].Presets) {
				t.Fatalf("the batch answered %+v: want one photo, a crop per format", res)
			}
			batch := map[string]rect{}
			for i, id := range res[0].Presets {
				batch[id] = res[0].Crops[i]
			}
			if len(last.Crops) != len(batch) {
				t.Errorf("%d previews, %d outputs", len(last.Crops), len(batch))
			}
			for _, c := range last.Crops {
				b, ok := batch[c.Preset]
				switch {
				case !ok || c.Crop == nil:
					t.Errorf("%s: preview crop %v, batch crop %v (%v)", c.Preset, c.Crop, b, ok)
				case *c.Crop != b:
					t.Errorf("%s: the preview shows x=%d..%d of the meadow, the batch made x=%d..%d", c.Preset, c.Crop.X0, c.Crop.X1, b.X0, b.X1)
				default:
					t.Logf("%s: preview and output both x=%d..%d, y=%d..%d", c.Preset, b.X0, b.X1, b.Y0, b.Y1)
				}
			}
			s.checkConsole(t)
		})
	}
}
