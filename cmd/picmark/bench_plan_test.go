//go:build linux && bench

// The bench's expected outputs: picmark's own frames, computed with its
// engine; every contender's ZIP checked against them, and their pictures
// compared with picmark's.

package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/job"
	"picmark/internal/preset"
	"picmark/internal/render"
)

type benchOut struct {
	Name   string  `json:"name"`
	Preset string  `json:"preset"`
	Crop   [4]int  `json:"crop"` // in the upright photo
	W      int     `json:"w"`
	H      int     `json:"h"`
	Logo   *[4]int `json:"logo"` // on the output; nil: the logo does not fit
	cap    int64
}

type benchPlanFile struct {
	Path    string     `json:"path"`
	W       int        `json:"w"` // upright
	H       int        `json:"h"`
	Outputs []benchOut `json:"outputs"`
}

func (b *benchBatch) plan(t *testing.T, presets []preset.Preset, scale float64) []benchPlanFile {
	t.Helper()
	var paths []string
	for _, it := range b.Items {
		paths = append(paths, it.Rel)
	}
	stems := batch.Stems(paths)
	var plan []benchPlanFile
	analyses := make([]*crop.Analysis, len(b.Items))
	for i, it := range b.Items {
		f := benchPlanFile{Path: it.Rel, W: it.W, H: it.H}
		if it.CopyOf > 0 {
			analyses[i] = analyses[it.CopyOf-1]
		} else {
			analyses[i] = b.analyse(t, it)
		}
		for _, p := range presets {
			crop, w, h := benchFrame(p, it.W, it.H, analyses[i])
			o := benchOut{Name: batch.OutputName(p.ID, stems[i]), Preset: p.ID, W: w, H: h, cap: p.MaxBytes,
				Crop: [4]int{crop.Min.X, crop.Min.Y, crop.Max.X, crop.Max.Y}}
			if r := benchLogoRect(w, h, p.Safe, b.LogoW, b.LogoH, scale); !r.Empty() {
				o.Logo = &[4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y}
			}
			f.Outputs = append(f.Outputs, o)
		}
		plan = append(plan, f)
	}
	return plan
}

// benchFrame is picmark's default framing (job.DefaultCrop, filled), from
// the engine itself: the page and the CLI run with the defaults, so the
// bench measures what a new user gets.
func benchFrame(p preset.Preset, w, h int, a *crop.Analysis) (image.Rectangle, int, int) {
	s, err := crop.Parse(job.DefaultCrop)
	if err != nil {
		panic(err)
	}
	plan := render.Frame(p, image.Rect(0, 0, w, h), s, render.FitFill, a)
	return plan.Crop, plan.Width, plan.Height
}

// analyse is the smart framing's analysis of item it, as the engine makes
// it from the decoded photo (nil when the default framing needs none).
func (b *benchBatch) analyse(t *testing.T, it benchItem) *crop.Analysis {
	t.Helper()
	if s, _ := crop.Parse(job.DefaultCrop); s.Kind != crop.Smart {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(b.root, filepath.FromSlash(it.Rel)))
	if err != nil {
		t.Fatal(err)
	}
	img, info, err := imgio.DecodeStored(data, imgio.DefaultLimits)
	if err != nil {
		t.Fatalf("%s: %v", it.Rel, err)
	}
	return render.AnalysePhoto(img, info.Orientation)
}

// benchLogoRect is where the logo lands on a w×h output by the brand rule:
// bottom-right of the safe area, margin 3% of the width (at least 4 px),
// scale × the width wide, aspect kept, shrunk to fit.
func benchLogoRect(w, h int, safe preset.Insets, lw, lh int, scale float64) image.Rectangle {
	area := geom.Inset(image.Rect(0, 0, w, h), safe.Top, safe.Right, safe.Bottom, safe.Left)
	margin := max(4, int(math.Round(0.03*float64(w))))
	availW, availH := area.Dx()-2*margin, area.Dy()-2*margin
	if availW < 1 || availH < 1 || lw < 1 || lh < 1 {
		return image.Rectangle{}
	}
	fw := float64(w) * scale
	fh := fw * float64(lh) / float64(lw)
	if f := min(float64(availW)/fw, float64(availH)/fh); f < 1 {
		fw, fh = fw*f, fh*f
	}
	iw, ih := min(int(math.Round(fw)), availW), min(int(math.Round(fh)), availH)
	if iw < 1 || ih < 1 {
		return image.Rectangle{}
	}
	return image.Rect(area.Max.X-margin-iw, area.Max.Y-margin-ih, area.Max.X-margin, area.Max.Y-margin)
}

// keep names the outputs compared across contenders: every preset of the
// first photo of each kind, and of a rotated one.
func (b *benchBatch) keep(plan []benchPlanFile) []string {
	seen := map[string]bool{}
	var names []string
	for i, it := range b.Items {
		k := it.Kind
		if it.Orient6 {
			k = "rotated"
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		for _, o := range plan[i].Outputs {
			names = append(names, o.Name)
		}
	}
	return names
}

// benchCheckZip checks a ZIP holds exactly the planned outputs, each a JPEG
// of the planned size under its cap, and a report with every row done.
func benchCheckZip(t *testing.T, who, path string, plan []benchPlanFile) {
	t.Helper()
	entries, report := e2eOpenZip(t, path)
	rows := map[[2]string]e2eRow{}
	for _, r := range report {
		rows[[2]string{r.input, r.preset}] = r
	}
	want := map[string]bool{"report.csv": true}
	bad := 0
	for _, f := range plan {
		for _, o := range f.Outputs {
			want[o.Name] = true
			r, ok := rows[[2]string{f.Path, o.Preset}]
			if !ok || r.status != "done" || r.output != o.Name || r.width != o.W || r.height != o.H {
				t.Errorf("%s: report.csv %s × %s = %+v, want done %s %d×%d", who, f.Path, o.Preset, r, o.Name, o.W, o.H)
				bad++
				continue
			}
			e, ok := entries[o.Name]
			if !ok {
				t.Errorf("%s: no %s in the ZIP", who, o.Name)
				bad++
				continue
			}
			data := e2eRead(t, e)
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			switch {
			case err != nil || format != "jpeg":
				t.Errorf("%s: %s is not a JPEG (%q, %v)", who, o.Name, format, err)
				bad++
			case cfg.Width != o.W || cfg.Height != o.H:
				t.Errorf("%s: %s is %d×%d, want %d×%d", who, o.Name, cfg.Width, cfg.Height, o.W, o.H)
				bad++
			case int64(len(data)) > o.cap || int64(len(data)) != r.bytes:
				t.Errorf("%s: %s is %d bytes (report says %d, cap %d)", who, o.Name, len(data), r.bytes, o.cap)
				bad++
			}
			if bad > 20 {
				t.Fatalf("%s: too many wrong outputs", who)
			}
		}
	}
	for name := range entries {
		if !want[name] {
			t.Errorf("%s: unexpected ZIP entry %s", who, name)
		}
	}
}

// benchZipKept reads the named outputs of a ZIP, as base64 like the canvas
// reference hands its own.
func benchZipKept(t *testing.T, path string, names []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, data := range e2eZipSome(t, path, func(n string) bool { return slices.Contains(names, n) }) {
		out[name] = base64.StdEncoding.EncodeToString(data)
	}
	return out
}

// benchComparePSNR compares picmark's outputs with another contender's of
// the same name: a low PSNR means another crop, orientation or colour, not
// another resampling filter.
func benchComparePSNR(t *testing.T, who, picmarkZip string, other map[string]string, floor float64) float64 {
	t.Helper()
	var names []string
	for n := range other {
		names = append(names, n)
	}
	sort.Strings(names)
	mine := benchZipKept(t, picmarkZip, names)
	worst := math.Inf(1)
	var lines []string
	for _, n := range names {
		a, errA := benchDecodeB64(mine[n])
		b, errB := benchDecodeB64(other[n])
		if errA != nil || errB != nil {
			t.Errorf("comparing %s with %s: %v %v", n, who, errA, errB)
			continue
		}
		if a.Bounds().Size() != b.Bounds().Size() {
			t.Errorf("%s: picmark made %v, %s made %v", n, a.Bounds().Size(), who, b.Bounds().Size())
			continue
		}
		p := benchPSNR(a, b)
		worst = min(worst, p)
		lines = append(lines, fmt.Sprintf("%s %.1f dB", n, p))
		if p < floor {
			t.Errorf("%s: picmark's output and %s's differ too much (PSNR %.1f dB < %.0f dB): not the same crop, orientation or colours", n, who, p, floor)
		}
	}
	t.Logf("picmark vs %s, PSNR: %s", who, strings.Join(lines, "; "))
	if math.IsInf(worst, 1) {
		return 0
	}
	return worst
}

func benchDecodeB64(s string) (image.Image, error) {
	data, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	return jpeg.Decode(bytes.NewReader(data))
}

// benchPSNR is e2ePSNR, 99 dB for the same pixels (JSON has no infinity).
func benchPSNR(a, b image.Image) float64 {
	if p, _ := e2ePSNR(a, b); !math.IsInf(p, 1) {
		return p
	}
	return 99
}
