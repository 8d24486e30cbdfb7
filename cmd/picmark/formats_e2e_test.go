//go:build !wasm

// The new formats end to end: a folder as a marketer's computer holds it
// (print-shop TIFFs, an old BMP, a phone's AVIF and HEICs, and the system
// files a Mac leaves) dropped on the page, against `picmark process` on
// the same folder.
package main

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// formatsFolder writes the folder: every photo is the e2e portrait
// (upright markers), the AVIF stored turned a quarter clockwise with irot 1
// saying so.
func formatsFolder(t *testing.T, dir string) {
	t.Helper()
	work := t.TempDir()
	upright := e2eUprightPortrait(600, 900)
	for name, m := range map[string]image.Image{"upright.png": upright, "stored-irot1.png": e2eStore(upright, 8)} {
		var b bytes.Buffer
		if err := png.Encode(&b, m); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	for _, c := range [][]string{
		{"convert-im6", "upright.png", "-depth", "16", "-compress", "LZW", in("print-16bit.tif")},
		{"convert-im6", "upright.png", "-colorspace", "CMYK", "-compress", "LZW", in("print-cmyk.tif")},
		{"convert-im6", "upright.png", "BMP3:" + in("office.bmp")},
		{"avifenc", "--min", "0", "--max", "10", "--irot", "1", "stored-irot1.png", in("phone.avif")},
		{"heif-enc", "-q", "90", "-o", in("iphone.heic"), "upright.png"},
		{"heif-enc", "-q", "90", "-o", in("IMG_0001.HEIC"), "upright.png"},
	} {
		cmd := exec.Command(c[0], c[1:]...)
		cmd.Dir = work
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s (make deps installs the tools)", strings.Join(c, " "), err, out)
		}
	}
	for name, data := range map[string][]byte{
		".DS_Store":    []byte("\x00\x00\x00\x01Bud1\x00\x00\x10\x00"),
		"._office.jpg": append([]byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "), make([]byte, 64)...),
	} {
		if err := os.WriteFile(in(name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestE2EFormats(t *testing.T) {
	env := e2eOpen(t, 6*time.Minute, nil)
	s := env.s
	dir := filepath.Join(t.TempDir(), "shoot")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	formatsFolder(t, dir)

	// The command line on the same folder: every photo, HEICs included.
	cliDir := filepath.Join(t.TempDir(), "cli")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"process", "-out", cliDir, dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("picmark process exited %d: %s", code, stderr.String())
	}
	cli := decodeOutputs(t, readDirOutputs(t, cliDir))
	photos := []string{"print-16bit", "print-cmyk", "office", "phone", "iphone", "IMG_0001"}
	if len(cli) != len(photos)*len(e2ePresets) {
		t.Fatalf("the command line made %d outputs, want %d: %s", len(cli), len(photos)*len(e2ePresets), stdout.String())
	}
	for key, out := range cli {
		e2eCheckUpright(t, "CLI "+key, out.img)
	}

	s.load(t, env.srv.URL)
	// The footer's licences page: opened beside the page, not fetched by
	// the first visit, and it lists what the page bundles.
	s.waitJS(t, "the footer's licences link", `(() => {
  const a = document.querySelector(".site-footer a");
  return !!a && a.getAttribute("href") === "/licences.html" && a.target === "_blank" &&
    performance.getEntriesByType("resource").every((e) => !e.name.includes("licences"));
})()`, 10*time.Second)
	s.eval(t, "fetching the licences page", `fetch("/licences.html").then((r) => r.text()).then((h) => { window.__licences = h; return true; })`)
	s.waitJS(t, "the licences page lists go-app and Go", `typeof window.__licences === "string" && window.__licences.includes("go-app") && window.__licences.includes("Go (runtime and standard library)")`, 10*time.Second)
	n := s.runs(t)
	s.dropFolder(t, dir)
	s.waitJS(t, "the folder listed, system files on one line",
		`document.querySelectorAll("#file-list [role=row]").length === 6 && /^2 system files left out/.test((document.querySelector("#left-out") || {}).textContent || "")`, 20*time.Second)
	s.click(t, "#start")
	s.waitJS(t, "the batch done", `window.__e2e.runs > `+strconv.Itoa(n)+` && document.body.dataset.state === "done"`, 3*time.Minute)
	zipPath := s.download(t)

	page := decodeOutputs(t, e2eZipFiles(t, zipPath))
	for key, want := range cli {
		name := strings.SplitN(key, "/", 2)[1]
		if name == "iphone" || name == "IMG_0001" {
			if _, ok := page[key]; ok {
				t.Errorf("%s: the page made it, but cannot decode HEIC yet", key)
			}
			continue
		}
		got, ok := page[key]
		if !ok {
			t.Errorf("%s: made by the command line, not by the page (page made %v)", key, decodeKeys(page))
			continue
		}
		if got.img.Bounds() != want.img.Bounds() {
			t.Errorf("%s: %v, the command line's is %v", key, got.img.Bounds().Size(), want.img.Bounds().Size())
			continue
		}
		e2eCheckUpright(t, "page "+key, got.img)
		p, worst := e2ePSNR(got.img, want.img)
		t.Logf("%s: PSNR %.1f dB against the command line's, largest difference %d", key, p, worst)
		if p < 38 {
			t.Errorf("%s: PSNR %.1f dB against the command line's output, want ≥ 38", key, p)
		}
	}
	if len(page) != 4*len(e2ePresets) {
		t.Errorf("the page made %d outputs, want %d: %v", len(page), 4*len(e2ePresets), decodeKeys(page))
	}

	// The report: each HEIC says the browser cannot open it yet and what
	// to do; the system files are one line; nothing else failed.
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var report []e2eRow
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "report.csv") {
			report = e2eReadReport(t, e2eRead(t, f))
		}
	}
	heic, leftOut := map[string]bool{}, 0
	for _, r := range report {
		switch {
		case strings.HasSuffix(strings.ToLower(r.input), ".heic"):
			heic[filepath.Base(r.input)] = true
			if !strings.Contains(r.message, "cannot open in the browser yet") || !strings.Contains(r.message, "picmark process") {
				t.Errorf("%s: %q, want the clear line that the browser cannot open HEIC yet", r.input, r.message)
			}
		case strings.Contains(r.message, "system files left out"):
			leftOut++
			if !strings.HasPrefix(r.message, "2 system files left out") {
				t.Errorf("system files: %q, want 2", r.message)
			}
		case r.status != "done":
			t.Errorf("report line %+v: only the HEICs may fail", r)
		}
	}
	if !heic["iphone.heic"] || !heic["IMG_0001.HEIC"] {
		t.Errorf("the report names HEICs %v, want iphone.heic and IMG_0001.HEIC (upper case too)", heic)
	}
	if leftOut != 1 {
		t.Errorf("%d report lines for the system files, want exactly 1", leftOut)
	}
	s.checkConsole(t)
}
