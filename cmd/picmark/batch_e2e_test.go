//go:build !wasm

// The marketer's path (TestE2EBrowser's first subtest, and the checks the
// other runs of the fixture batch share): drop a real folder of good and
// bad photos on the page, brand it with a logo, run the default formats,
// download the ZIP and check every output and report line.

package main

import (
	"archive/zip"
	"image"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// online runs the fixture batch on a fresh page, as a person first would.
func (env *e2eEnv) online(t *testing.T) {
	srv, s := env.srv, env.s
	s.setPhase("online")
	s.load(t, srv.URL)
	s.checkContract(t)
	s.dropFixtures(t)
	s.checkDefaultPresets(t)
	s.runBatch(t)
	s.checkReportTable(t)
	zipPath := s.download(t)
	s.checkZip(t, zipPath, e2eStrict)
}

// checkContract checks the static parts of the DOM contract.
func (s *e2eSession) checkContract(t *testing.T) {
	t.Helper()
	var c map[string]bool
	s.evalInto(t, "DOM contract", `(() => {
  const q = (s) => document.querySelector(s);
  return {
    "#folder-input[webkitdirectory]": !!q("input[type=file]#folder-input[webkitdirectory]"),
    "#files-input[multiple]": !!q("input[type=file]#files-input[multiple]"),
    "#pick-folder": !!q("#pick-folder"),
    "#pick-files": !!q("#pick-files"),
    "#file-list": !!q("#file-list"),
    "#logo-input": !!q("input[type=file]#logo-input"),
    "#logo-opacity": !!q("input#logo-opacity"),
    "#logo-scale": !!q("input#logo-scale"),
    "#start": !!q("#start"),
    "progress#progress": !!q("progress#progress"),
    "#status": !!q("#status"),
    "window.picmarkDebug.killWorkers": !!(window.picmarkDebug && typeof window.picmarkDebug.killWorkers === "function"),
  };
})()`, &c)
	var missing []string
	for k, ok := range c {
		if !ok {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("DOM contract: missing %s", strings.Join(missing, ", "))
	}
}

type e2eListItem struct {
	Path   string `json:"path"`
	Status string `json:"status"`
	Text   string `json:"text"`
}

func (s *e2eSession) checkFileList(t *testing.T) {
	t.Helper()
	var items []e2eListItem
	s.evalInto(t, "file list", `Array.from(document.querySelectorAll("#file-list [role=row]")).map((li) => ({
  path: li.dataset.path || "", status: li.dataset.status || "", text: li.textContent.trim()}))`, &items)
	var paths []string
	for _, it := range items {
		paths = append(paths, it.Path)
	}
	sorted := slices.Clone(paths)
	sort.Strings(sorted)
	if !slices.Equal(sorted, e2eInputs) {
		t.Fatalf("#file-list li data-path = %q, want exactly %q (paths relative to the dropped folder, sub-folders included)", paths, e2eInputs)
	}
	for _, it := range items {
		switch {
		case it.Path == "shoot/notes.txt":
			if it.Status != "skipped" {
				t.Errorf("%s: data-status=%q, want \"skipped\"", it.Path, it.Status)
			}
			if len(it.Text) <= len("notes.txt")+2 {
				t.Errorf("%s: a skipped file must show the reason; the list item says only %q", it.Path, it.Text)
			}
		case it.Status != "ready" && it.Status != "skipped":
			t.Errorf("%s: data-status=%q, want \"ready\" or \"skipped\"", it.Path, it.Status)
		case e2ePhotos[it.Path] != (image.Point{}) && it.Status != "ready":
			t.Errorf("%s: a valid photo has data-status=%q, want \"ready\"", it.Path, it.Status)
		}
	}
}

func (s *e2eSession) checkDefaultPresets(t *testing.T) {
	t.Helper()
	var boxes []struct {
		Value   string `json:"value"`
		Checked bool   `json:"checked"`
	}
	s.evalInto(t, "preset checkboxes", `Array.from(document.querySelectorAll("input[type=checkbox][name=preset]")).map((e) => ({value: e.value, checked: e.checked}))`, &boxes)
	var checked []string
	seen := map[string]bool{}
	for _, b := range boxes {
		seen[b.Value] = true
		if b.Checked {
			checked = append(checked, b.Value)
		}
	}
	sort.Strings(checked)
	var want []string
	for _, p := range e2ePresets {
		want = append(want, p.id)
		if !seen[p.id] {
			t.Errorf("no preset checkbox input[type=checkbox][name=preset][value=%s]", p.id)
		}
	}
	sort.Strings(want)
	if !slices.Equal(checked, want) {
		t.Fatalf("preset checkboxes ticked by default = %q, want exactly %q", checked, want)
	}
}

// checkReportTable checks that the report's table mirrors the report (one
// row per input × preset), every row in the page (a few fit in view).
func (s *e2eSession) checkReportTable(t *testing.T) {
	t.Helper()
	count, shown := s.reportTable(t)
	n, want := strconv.Itoa(count), strconv.Itoa(len(e2eInputs)*len(e2ePresets))
	if shown != count {
		t.Errorf("#report has %d rows in the page of %d: the rows of a small report all fit its window", shown, count)
	}
	if n != want {
		t.Errorf("#report has %s data rows, want %s (one per input × preset, like report.csv)", n, want)
	}
}

// e2eMode says what checkZip expects of the photos: every photo × preset
// done (e2eStrict), but for killed, the input whose worker was killed
// while it held it: reported failed, with that reason.
type e2eMode struct{ killed string }

var e2eStrict = e2eMode{}

// checkZip opens the downloaded ZIP and checks every output and report.csv.
func (s *e2eSession) checkZip(t *testing.T, path string, mode e2eMode) []e2eRow {
	t.Helper()
	entries, rows := e2eOpenZip(t, path)
	t.Logf("ZIP: %d entries, report.csv: %d rows", len(entries), len(rows))

	// One row per input × preset, nothing else.
	byKey := map[[2]string]e2eRow{}
	for _, r := range rows {
		k := [2]string{r.input, r.preset}
		if _, dup := byKey[k]; dup {
			t.Errorf("report.csv: two rows for %s × %s", r.input, r.preset)
		}
		byKey[k] = r
	}
	if len(rows) != len(e2eInputs)*len(e2ePresets) {
		t.Errorf("report.csv has %d rows, want %d (%d inputs × %d presets)", len(rows), len(e2eInputs)*len(e2ePresets), len(e2eInputs), len(e2ePresets))
	}
	wantEntries := map[string]bool{"report.csv": true}
	for _, in := range e2eInputs {
		for _, pr := range e2ePresets {
			r, ok := byKey[[2]string{in, pr.id}]
			if !ok {
				t.Errorf("report.csv: no row for %s × %s: every input must end as an output or a report line", in, pr.id)
				continue
			}
			for _, bad := range []string{"panic", "runtime error", "goroutine", "undefined", "[object", "<nil>", "%!"} {
				if strings.Contains(r.message, bad) {
					t.Errorf("report.csv %s × %s: the message %q is not plain words (contains %q)", in, pr.id, r.message, bad)
				}
			}
			size, photo := e2ePhotos[in]
			if in == mode.killed {
				if r.status != "failed" || r.output != "" || !strings.Contains(r.message, "the image worker stopped while working on this file") ||
					!strings.Contains(r.message, "Try this file again") {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q; its worker was killed holding it: want failed, saying so and what to do",
						in, pr.id, r.status, r.output, r.message)
				}
				continue
			}
			if !photo {
				if r.status != "failed" || strings.TrimSpace(r.message) == "" || r.output != "" {
					t.Errorf("report.csv %s × %s: status=%q output=%q message=%q, want failed with a reason and no output", in, pr.id, r.status, r.output, r.message)
				}
				e2eCheckReason(t, in, pr.id, r.message)
				continue
			}
			wantName := pr.id + "/" + strings.TrimSuffix(in, filepath.Ext(in)) + ".jpg"
			want := pr.outSize(size)
			if r.status != "done" || r.output != wantName || r.width != want.X || r.height != want.Y {
				t.Errorf("report.csv %s × %s: status=%q output=%q %d×%d (%q), want done %q %d×%d",
					in, pr.id, r.status, r.output, r.width, r.height, r.message, wantName, want.X, want.Y)
				continue
			}
			wantEntries[wantName] = true
			f, ok := entries[wantName]
			if !ok {
				t.Errorf("ZIP: no entry %q (report says done); entries: %q", wantName, e2eNames(entries))
				continue
			}
			data := e2eRead(t, f)
			if int64(len(data)) != r.bytes {
				t.Errorf("%s: %d bytes in the ZIP, report.csv says %d", wantName, len(data), r.bytes)
			}
			if f.Method != zip.Store {
				t.Errorf("%s: ZIP method %d, want Store (0): JPEGs are already compressed", wantName, f.Method)
			}
			s.checkOutput(t, wantName, data, pr, want, in)
		}
	}
	for name := range entries {
		if !wantEntries[name] {
			t.Errorf("ZIP: unexpected entry %q (no done row in report.csv names it)", name)
		}
	}
	return rows
}

// e2eCheckReason checks that a bad file's reason names the problem.
func e2eCheckReason(t *testing.T, in, preset, msg string) {
	t.Helper()
	m := strings.ToLower(msg)
	var want []string
	switch in {
	case "shoot/notes.txt":
		want = []string{"image"}
	case "shoot/huge.jpg":
		want = []string{"pixels", "megapixel"}
	case "shoot/broken.jpg":
		want = []string{"damaged", "incomplete", "truncated", "ends early", "corrupt"}
	}
	if len(want) == 0 {
		return
	}
	for _, w := range want {
		if strings.Contains(m, w) {
			return
		}
	}
	t.Errorf("report.csv %s × %s: the reason %q does not say what is wrong in plain words (want one of %q)", in, preset, msg, want)
}

// checkOutput decodes one output and checks size, cap, metadata, the logo's
// place and, for the portrait, that it is upright.
func (s *e2eSession) checkOutput(t *testing.T, name string, data []byte, pr e2ePreset, want image.Point, input string) {
	t.Helper()
	img := e2eDecodeOutput(t, name, data, pr, want)
	if img == nil {
		return
	}
	s.checkLogo(t, name, img, pr)
	if input == "shoot/sub/portrait.jpg" {
		e2eCheckUpright(t, name, img)
	}
	if input == "shoot/beach.jpg" {
		// The sky is at the top.
		c := e2eAvg(img, want.X/2, want.Y/20, 6)
		if !(c[2] > c[0]+40) {
			t.Errorf("%s: top centre is %v, want the blue sky of beach.jpg (output flipped or wrong?)", name, c)
		}
	}
}
