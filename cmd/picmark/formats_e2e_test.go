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

	"picmark/internal/heiftest"
)

// formatsFolder writes the folder: every photo is the e2e portrait
// (upright markers). The AVIFs are stored turned a quarter clockwise with
// irot 1 saying so, one of them also flipped with imir and in BT.709
// limited range; a HEIC is in BT.709 limited range too, another in
// Display P3 (nclx, as iPhones), another stored turned with irot 1 and
// EXIF orientation 6 (as iPhones write both: irot counts, once); the CMYK
// JPEG carries Ghostscript's CMYK profile.
func formatsFolder(t *testing.T, dir string) {
	t.Helper()
	work := t.TempDir()
	upright := e2eUprightPortrait(600, 900)
	// imir 0 flips top to bottom after irot: store it flipped, then turned.
	flipped := e2eStore(upright, 4)
	for name, m := range map[string]image.Image{"upright.png": upright, "stored-irot1.png": e2eStore(upright, 8),
		"stored-irot1-imir0.png": e2eStore(flipped, 8)} {
		var b bytes.Buffer
		if err := png.Encode(&b, m); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	// heif-enc keeps a JPEG's EXIF.
	exif6 := e2eWithOrientation6(e2eJPEG(t, e2eStore(upright, 8), 95))
	if err := os.WriteFile(filepath.Join(work, "stored-irot1-exif6.jpg"), exif6, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]string{
		{"convert-im6", "upright.png", "-depth", "16", "-compress", "LZW", in("print-16bit.tif")},
		{"convert-im6", "upright.png", "-colorspace", "CMYK", "-compress", "LZW", in("print-cmyk.tif")},
		{"convert-im6", "upright.png", "BMP3:" + in("office.bmp")},
		{"convert-im6", "upright.png", "-profile", iccDir + "srgb.icc", "-profile", iccDir + "default_cmyk.icc", "-quality", "92", in("shop-cmyk.jpg")},
		{"avifenc", "--min", "0", "--max", "10", "--irot", "1", "stored-irot1.png", in("phone.avif")},
		{"avifenc", "--min", "0", "--max", "10", "--cicp", "1/1/1", "--range", "limited", "--irot", "1", "--imir", "0",
			"stored-irot1-imir0.png", in("phone-bt709.avif")},
		{"heif-enc", "-q", "90", "-o", in("iphone.heic"), "upright.png"},
		{"heif-enc", "-q", "90", "-o", "upright.heic", "upright.png"},
		{"heif-enc", "-q", "90", "--matrix_coefficients=1", "--colour_primaries=1", "--transfer_characteristic=1",
			"--full_range_flag=0", "-o", "bt709.heic", "upright.png"},
		{"heif-enc", "-q", "90", "-o", "stored-irot1-exif6.heic", "stored-irot1-exif6.jpg"},
	} {
		cmd := exec.Command(c[0], c[1:]...)
		cmd.Dir = work
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s (make deps installs the tools)", strings.Join(c, " "), err, out)
		}
	}
	// heif-enc 1.15 cannot write irot, nor an nclx box (its flags set the
	// HEVC stream's own): added here, BT.709 limited range on the file
	// encoded so, and Display P3 on the plain one.
	plain, err := os.ReadFile(filepath.Join(work, "upright.heic"))
	if err != nil {
		t.Fatal(err)
	}
	enc709, err := os.ReadFile(filepath.Join(work, "bt709.heic"))
	if err != nil {
		t.Fatal(err)
	}
	bt709, err := heiftest.WithNCLX(enc709, 1, 1, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	p3, err := heiftest.WithNCLX(plain, 12, 13, 6, true)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := os.ReadFile(filepath.Join(work, "stored-irot1-exif6.heic"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(stored, []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06")) {
		t.Fatal("heif-enc left out the JPEG's EXIF: the HEIC would not test irot against EXIF 6")
	}
	turned, err := heiftest.WithTransforms(stored, 1, -1)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"IMG_0001.HEIC": bt709,
		"IMG_0002.HEIC": turned,
		"IMG_0003.HEIC": p3,
		".DS_Store":     []byte("\x00\x00\x00\x01Bud1\x00\x00\x10\x00"),
		"._office.jpg":  append([]byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "), make([]byte, 64)...),
	} {
		if err := os.WriteFile(in(name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// iccDir holds Ghostscript's profiles (Debian's libgs-common).
const iccDir = "/usr/share/color/icc/ghostscript/"

// formatsPhotos are the photos of formatsFolder, by name without extension.
var formatsPhotos = []string{"print-16bit", "print-cmyk", "shop-cmyk", "office", "phone", "phone-bt709", "iphone", "IMG_0001", "IMG_0002", "IMG_0003"}

func TestE2EFormats(t *testing.T) {
	env := e2eOpen(t, 6*time.Minute, nil)
	s := env.s
	dir := filepath.Join(t.TempDir(), "shoot")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	formatsFolder(t, dir)

	// The command line on the same folder: every photo, HEICs included.
	cli := e2eCLIOutputs(t, len(formatsPhotos), dir)
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
		`document.querySelectorAll("#file-list [role=row]").length === `+strconv.Itoa(len(formatsPhotos))+` && /^2 system files left out/.test((document.querySelector("#left-out") || {}).textContent || "")`, 20*time.Second)
	// A HEIC's previews: libheif's picture shrunk by the browser, upright
	// by irot (the photo is a 600×900 portrait, the Tumblr post keeps it).
	const turned = `document.querySelector('.preview-row[data-path="shoot/IMG_0002.HEIC"]')`
	s.waitJS(t, "the previews of IMG_0002.HEIC", `(() => { const r = `+turned+`; if (!r) return false;
  const imgs = Array.from(r.querySelectorAll(".preview img"));
  return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0); })()`, 60*time.Second)
	var tumblr [2]int
	s.evalInto(t, "the Tumblr preview's size", `(() => { const i = `+turned+`.querySelector('.preview[data-preset="tumblr-post"] img');
  return [i.naturalWidth, i.naturalHeight]; })()`, &tumblr)
	if tumblr[0]*3 != tumblr[1]*2 {
		t.Errorf("IMG_0002.HEIC's Tumblr preview is %d×%d, want the upright portrait's 2:3", tumblr[0], tumblr[1])
	}
	var byLibheif bool
	s.evalInto(t, "the previews' decoders", `Array.from({length: 12}, (_, i) => window.picmarkDebug.previewDecoder(i)).includes("libheif")`, &byLibheif)
	if !byLibheif {
		t.Errorf("no preview was made by libheif")
	}
	s.click(t, "#start")
	s.waitJS(t, "the batch done", `window.__e2e.runs > `+strconv.Itoa(n)+` && document.body.dataset.state === "done"`, 3*time.Minute)
	zipPath := s.download(t)

	page := decodeOutputs(t, e2eZipFiles(t, zipPath))
	for key, want := range cli {
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
		// The page's engine decodes and scales TIFF, BMP and the CMYK JPEG
		// as the command line does. A browser's decode of the CMYK JPEG came
		// within 42 dB, but 19/255 apart. The AVIFs and HEICs the browser
		// scales: within 2/255 but at edges.
		name := strings.SplitN(key, "/", 2)[1]
		if browserScaled := strings.HasPrefix(name, "phone") || strings.HasPrefix(name, "IMG_") || name == "iphone"; !browserScaled && worst > 6 {
			t.Errorf("%s: %d/255 apart from the command line's output, want ≤ 6: the page must decode it as the command line does", key, worst)
		}
		if p99 := e2eP99(got.img, want.img); p99 > 2 {
			t.Errorf("%s: 99th percentile %d/255 from the command line's output, want ≤ 2", key, p99)
		}
	}
	if len(page) != len(cli) {
		t.Errorf("the page made %d outputs, want %d: %v", len(page), len(cli), decodeKeys(page))
	}

	// The report: the system files are one line; nothing failed.
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
	leftOut := 0
	for _, r := range report {
		switch {
		case strings.Contains(r.message, "system files left out"):
			leftOut++
			if !strings.HasPrefix(r.message, "2 system files left out") {
				t.Errorf("system files: %q, want 2", r.message)
			}
		case r.status != "done":
			t.Errorf("report line %+v: nothing may fail", r)
		}
	}
	if leftOut != 1 {
		t.Errorf("%d report lines for the system files, want exactly 1", leftOut)
	}
	s.checkConsole(t)
}
