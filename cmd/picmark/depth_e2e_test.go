//go:build !wasm

// Engine depth: the page's framing, branding and format controls used as a
// person would, what the page sends its workers, and the unzipped outputs
// checked (depth_pixels_e2e_test.go); then the brand kit the page exports
// run through `picmark process` for the same pictures (kit_e2e_test.go).

package main

import (
	"bytes"
	"image"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"picmark/internal/crop"
	"picmark/internal/job"
)

// e2eDepthText is the text typed in #text.
const e2eDepthText = "Summer sale"

// e2eShop is the format added through the page's "add your own format" form.
var e2eShop = e2ePreset{id: "shop-square", w: 600, h: 600, cap: 5 << 20}

// e2eDepthPresets are the formats of the engine-depth batch, in the page's order.
func e2eDepthPresets() []e2ePreset {
	for _, p := range e2ePresets {
		if p.id == "snapchat-story" {
			return []e2ePreset{p, e2eShop}
		}
	}
	panic("no snapchat-story in e2ePresets")
}

// engineDepth drops the fixture folder, sets smart framing on a blurred
// copy, a text band, a logo, a custom format and a focal point, runs the
// batch and checks it; the page's settings are forgotten after it.
func (env *e2eEnv) engineDepth(t *testing.T) {
	srv, s := env.srv, env.s
	s.setPhase("engine-depth")
	// The page remembers its settings: the next subtest must find the
	// defaults again, whatever happens here.
	defer s.forgetSettings(t)
	s.load(t, srv.URL)
	s.dropFixtures(t)

	// Framing: smart, and the whole photo on a blurred copy of itself.
	s.choose(t, "#crop", "smart")
	s.choose(t, "#fit", "blur")
	s.waitSetting(t, "#crop smart and #fit blur taken", `S.crop === "smart" && S.fit === "blur"`)
	if s.eval(t, "#pad-color", `!!document.querySelector("#pad-color")`) == "true" {
		t.Errorf("#pad-color is shown with the blur fit; it belongs to the pad fit")
	}

	// Text: open its details, type, leave the field; the band stays.
	s.click(t, "#text-layer > summary")
	s.waitJS(t, "the Text details open", `document.querySelector("#text-layer").open`, 5*time.Second)
	s.typeText(t, "#text", e2eDepthText)
	s.waitSetting(t, "the text in #text taken", `S.text === `+strconv.Quote(e2eDepthText))
	var tc map[string]string
	s.evalInto(t, "text controls", `Object.fromEntries(["text-style", "band-color", "text-anchor", "text-color", "text-font", "text-size"].map(
  (id) => [id, (document.getElementById(id) || {value: "(missing)"}).value]))`, &tc)
	wantText := map[string]string{"text-style": "band", "band-color": "#000000", "text-anchor": "bottom", "text-color": "#ffffff", "text-size": "50"}
	for id, v := range wantText {
		if tc[id] != v {
			t.Errorf("#%s = %q, want the default %q (the test's expectations for the band rely on it)", id, tc[id], v)
		}
	}
	t.Logf("text controls: %v", tc)

	// Formats: Snapchat story only, then a format of our own.
	for _, pr := range e2ePresets {
		if s.eval(t, "#preset-"+pr.id, `document.querySelector("#preset-`+pr.id+`").checked`) == "true" != (pr.id == "snapchat-story") {
			s.click(t, "label[for=preset-"+pr.id+"]")
		}
	}
	s.waitSetting(t, "snapchat-story the only format ticked",
		`Object.keys(S.ticked).filter((k) => S.ticked[k]).join() === "snapchat-story"`)
	s.addCustomFormat(t)
	var boxes []struct {
		Value   string `json:"value"`
		Checked bool   `json:"checked"`
		Label   string `json:"label"`
	}
	s.evalInto(t, "preset checkboxes", `Array.from(document.querySelectorAll("input[type=checkbox][name=preset]")).map((e) => ({
  value: e.value, checked: e.checked, label: ((document.querySelector("label[for='" + e.id + "']") || {}).textContent || "").trim()}))`, &boxes)
	var checked []string
	for _, b := range boxes {
		if b.Checked {
			checked = append(checked, b.Value)
		}
		if b.Value == e2eShop.id && !strings.Contains(b.Label, "Shop square") {
			t.Errorf("the custom format's label is %q, want its name \"Shop square\"", b.Label)
		}
	}
	if want := []string{"snapchat-story", e2eShop.id}; !slices.Equal(checked, want) {
		t.Fatalf("ticked formats = %q, want %q (the custom format ticked once added)", checked, want)
	}

	// A focal point on the portrait, set by a click on the photo.
	s.setFocal(t, "shoot/sub/portrait.jpg", e2eFocal)

	// The batch, with a record of what the page sends to its workers.
	s.eval(t, "recording worker jobs", e2eRecordJobs)
	s.runBatch(t)
	var jobs []e2eSentJob
	s.evalInto(t, "jobs sent", `window.__e2eJobs`, &jobs)
	focal := s.checkSentJobs(t, jobs)
	decoder := map[string]string{}
	for _, j := range jobs {
		decoder[j.Input] = j.Decoder
	}
	if n, _ := s.reportTable(t); strconv.Itoa(n) != strconv.Itoa(2*len(e2eInputs)) {
		got, want := n, 2*len(e2eInputs)
		t.Errorf("#report has %d data rows, want %d (every input × snapchat-story, shop-square)", got, want)
	}
	page := s.checkDepthZip(t, s.download(t))

	// The brand kit the page exports, and the same batch from the command line.
	kitPath := s.exportKit(t, "the PNG logo", func(data []byte) bool { return bytes.Equal(data, s.fx.logoPNG) })
	s.compareCLI(t, kitPath, page, focal, decoder)

	// An SVG logo: drawn by the browser, then used like a PNG one.
	s.svgLogo(t)
}

// checkSentJobs checks the settings the page sent its workers: what the
// controls say, and the same settings for every photo but the focal point.
// It returns the portrait's focal point.
func (s *e2eSession) checkSentJobs(t *testing.T, jobs []e2eSentJob) crop.Point {
	t.Helper()
	if len(jobs) == 0 {
		t.Fatalf("no job was posted to a worker (Worker.prototype.postMessage saw none)")
	}
	var focal *crop.Point
	for _, j := range jobs {
		if j.Settings != jobs[0].Settings {
			t.Errorf("%s was sent other settings than %s:\n%s\n%s", j.Input, jobs[0].Input, j.Settings, jobs[0].Settings)
		}
		switch {
		case j.Input == "shoot/sub/portrait.jpg":
			focal = j.Focal
		case j.Focal != nil:
			t.Errorf("%s was sent a focal point %+v; only the portrait has one", j.Input, *j.Focal)
		}
	}
	if focal == nil || math.Abs(focal.X-e2eFocal[0]) > 0.01 || math.Abs(focal.Y-e2eFocal[1]) > 0.01 {
		t.Errorf("the portrait's job carries the focal point %+v, want about %v", focal, e2eFocal)
	}
	set, err := job.Parse([]byte(jobs[0].Settings))
	if err != nil {
		t.Fatalf("the settings sent to the workers: %v\n%s", err, jobs[0].Settings)
	}
	if _, err := set.Plan(); err != nil {
		t.Errorf("the settings sent to the workers do not make a plan natively: %v", err)
	}
	k := set.Kit
	switch {
	case set.Crop != "smart" || set.Fit != "blur":
		t.Errorf("the workers were sent crop=%q fit=%q, want smart and blur", set.Crop, set.Fit)
	case k == nil:
		t.Errorf("the workers were sent no brand kit")
	case !slices.Equal(k.Presets, []string{"snapchat-story", e2eShop.id}):
		t.Errorf("the workers were sent the formats %q, want [snapchat-story shop-square]", k.Presets)
	case len(k.Texts) != 1 || k.Texts[0].Content != e2eDepthText || k.Texts[0].Band != "#000000" || k.Texts[0].Anchor != "bottom":
		t.Errorf("the workers were sent the texts %+v, want %q on a #000000 band at the bottom", k.Texts, e2eDepthText)
	case k.Logo == nil || !bytes.Equal(k.Logo.Data, s.fx.logoPNG):
		t.Errorf("the workers were not sent the logo file's bytes")
	}
	var decoders []string
	for _, j := range jobs {
		decoders = append(decoders, j.Input+": "+j.Decoder)
	}
	t.Logf("%d jobs sent; settings: crop=%s fit=%s pad=%q format=%q quality=%d name=%q focal=%v; decoders: %s", len(jobs),
		set.Crop, set.Fit, set.Pad, set.Format, set.Quality, set.Name, set.Focal, strings.Join(decoders, ", "))
	if focal == nil {
		return crop.Point{X: e2eFocal[0], Y: e2eFocal[1]}
	}
	return *focal
}

// checkDepthZip checks the engine-depth batch's ZIP and returns its entries.
func (s *e2eSession) checkDepthZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	files, rows := e2eOpenZip(t, path)
	entries := map[string][]byte{}
	for name, f := range files {
		entries[name] = e2eRead(t, f)
	}
	presets := e2eDepthPresets()
	if len(rows) != len(e2eInputs)*len(presets) {
		t.Errorf("report.csv has %d rows, want %d (%d inputs × snapchat-story, shop-square)", len(rows), len(e2eInputs)*len(presets), len(e2eInputs))
	}
	byKey := map[[2]string]e2eRow{}
	for _, r := range rows {
		byKey[[2]string{r.input, r.preset}] = r
	}
	want := map[string]bool{"report.csv": true}
	for _, in := range e2eInputs {
		for _, pr := range presets {
			r, ok := byKey[[2]string{in, pr.id}]
			if !ok {
				t.Errorf("report.csv: no row for %s × %s", in, pr.id)
				continue
			}
			if _, photo := e2ePhotos[in]; !photo {
				if r.status != "failed" || r.output != "" || strings.TrimSpace(r.message) == "" {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q, want failed with a reason and no output", in, pr.id, r.status, r.output, r.message)
				}
				e2eCheckReason(t, in, pr.id, r.message)
				continue
			}
			name := pr.id + "/" + strings.TrimSuffix(in, filepath.Ext(in)) + ".jpg"
			if r.status != "done" || r.output != name || r.width != pr.w || r.height != pr.h {
				t.Errorf("report.csv %s × %s: status=%q output=%q %d×%d (%q), want done %q %d×%d",
					in, pr.id, r.status, r.output, r.width, r.height, r.message, name, pr.w, pr.h)
				continue
			}
			want[name] = true
			data, ok := entries[name]
			if !ok {
				t.Errorf("ZIP: no entry %q (report says done)", name)
				continue
			}
			if int64(len(data)) != r.bytes {
				t.Errorf("%s: %d bytes in the ZIP, report.csv says %d", name, len(data), r.bytes)
			}
			s.checkDepthOutput(t, name, data, pr, in)
		}
	}
	for name := range files {
		if !want[name] {
			t.Errorf("ZIP: unexpected entry %q", name)
		}
	}
	return entries
}

// checkDepthOutput checks one output of the engine-depth batch: size, cap,
// no metadata, the logo, the text on its band inside the safe area, the
// whole photo (not cropped) in the middle, on a blurred copy of itself.
func (s *e2eSession) checkDepthOutput(t *testing.T, name string, data []byte, pr e2ePreset, input string) {
	t.Helper()
	img := e2eDecodeOutput(t, name, data, pr, image.Pt(pr.w, pr.h))
	if img == nil {
		return
	}
	s.checkLogo(t, name, img, pr)
	band := e2eCheckTextBand(t, name, img, pr)
	src := s.fx.upright[input]
	place := e2eFitRect(pr.w, pr.h, src.Bounds().Dx(), src.Bounds().Dy())
	// The layers cover the photo or its background: leave them out.
	red := s.fx.expectedRed(pr.w, pr.h, pr)
	logo := e2eGrow(red, red.Dx()/8+6)
	layers := []image.Rectangle{e2eGrow(band, 6), logo}
	e2eCheckFitted(t, name, img, src, place, layers)
	e2eCheckBlurred(t, name, img, src, place, layers)
	switch input {
	case "shoot/beach.jpg":
		e2eCheckSharpExtent(t, name, img, place)
	case "shoot/sub/portrait.jpg":
		e2eCheckUprightIn(t, name, img, place)
	}
}
