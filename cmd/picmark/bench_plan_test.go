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
	"image/draw"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

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
func benchComparePSNR(t *testing.T, who, picmarkZip string, other map[string]string, floor float64, tie benchTie) float64 {
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
		if p < floor {
			why, ok := tie(t, n, a)
			if ok {
				lines = append(lines, fmt.Sprintf("%s %.1f dB (%s)", n, p, why))
				continue
			}
			t.Errorf("%s: picmark's output and %s's differ too much (PSNR %.1f dB < %.0f dB): not the same crop, orientation or colours; %s", n, who, p, floor, why)
		}
		worst = min(worst, p)
		lines = append(lines, fmt.Sprintf("%s %.1f dB", n, p))
	}
	t.Logf("picmark vs %s, PSNR: %s", who, strings.Join(lines, "; "))
	if math.IsInf(worst, 1) {
		return 0
	}
	return worst
}

// benchTie says whether picmark's output n (mine), framed apart from the
// plan, is a near-tie: a framing the engine rates as about as good.
type benchTie func(t *testing.T, n string, mine image.Image) (why string, ok bool)

// benchTieScore is how close (a share of the photo's saliency) two smart
// framings' scores must be to count as a near-tie. On a photo whose
// saliency is about even along the crop's axis, the best position moves
// with the least change in the analysis's copy, which the browser scales
// in the page and Go in the CLI; 0.5 % is well under what separates a
// subject kept from a subject cut (TestSmartSafeZone's content under a bar
// costs over 5 %).
const benchTieScore = 0.005

// nearTie finds where picmark framed output n of the plan (the position
// along the crop's axis whose crop, scaled, looks most like mine) and
// rates it and the plan's with the engine's own smart framing.
func (b *benchBatch) nearTie(plan []benchPlanFile, presets []preset.Preset) benchTie {
	return func(t *testing.T, n string, mine image.Image) (string, bool) {
		t.Helper()
		var it benchItem
		var out benchOut
		for i, f := range plan {
			for _, o := range f.Outputs {
				if o.Name == n {
					it, out = b.Items[i], o
				}
			}
		}
		var p preset.Preset
		for _, q := range presets {
			if q.ID == out.Preset {
				p = q
			}
		}
		a := b.analyse(t, it)
		if a == nil || p.ID == "" {
			return "not a smart framing", false
		}
		data, err := os.ReadFile(filepath.Join(b.root, filepath.FromSlash(it.Rel)))
		if err != nil {
			t.Fatal(err)
		}
		img, info, err := imgio.DecodeStored(data, imgio.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		up := imgio.Orient(img, info.Orientation)
		photo := up.Bounds()
		want := image.Rect(out.Crop[0], out.Crop[1], out.Crop[2], out.Crop[3])
		// Compare at a quarter of the output's size: enough to place a crop.
		sw, sh := max(1, out.W/4), max(1, out.H/4)
		// The logo, which picmark drew and the crops have not, is left out.
		hide := func(m *image.NRGBA) *image.NRGBA {
			if out.Logo != nil {
				l := image.Rect(out.Logo[0]/4, out.Logo[1]/4, (out.Logo[2]+3)/4, (out.Logo[3]+3)/4)
				draw.Draw(m, l, image.Black, image.Point{}, draw.Src)
			}
			return m
		}
		small := hide(imaging.Resize(mine, sw, sh, imaging.Box))
		at := func(off int) (image.Rectangle, float64) {
			r := want.Sub(want.Min)
			if want.Dx() < photo.Dx() {
				r = r.Add(image.Pt(off, 0))
			} else {
				r = r.Add(image.Pt(0, off))
			}
			return r, benchPSNR(small, hide(imaging.Resize(imaging.Crop(up, r), sw, sh, imaging.Box)))
		}
		n0 := max(photo.Dx()-want.Dx(), photo.Dy()-want.Dy())
		best, bestP := want, -1.0
		for _, step := range []int{max(1, n0/100), max(1, n0/1000)} {
			lo, hi := 0, n0
			if bestP >= 0 {
				c := max(best.Min.X, best.Min.Y)
				lo, hi = max(0, c-10*step), min(n0, c+10*step)
			}
			for off := lo; off <= hi; off += step {
				if r, p := at(off); p > bestP {
					best, bestP = r, p
				}
			}
		}
		wholeW, scoreW := a.Score(photo, want, out.W, out.H, p.Safe)
		wholeM, scoreM := a.Score(photo, best, out.W, out.H, p.Safe)
		why := fmt.Sprintf("picmark framed %v (%.1f dB at a quarter size), the engine %v: rated %d faces whole, %.4f against %d, %.4f",
			best, bestP, want, wholeM, scoreM, wholeW, scoreW)
		return "a near-tie: " + why, bestP >= 30 && wholeM == wholeW && math.Abs(scoreM-scoreW) <= benchTieScore
	}
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
