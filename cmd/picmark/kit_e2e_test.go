//go:build !wasm

// The brand kit: kits saved as they change, brought back by a reload,
// imported from a file written for the command line and deleted; a kit
// exported from the page gives the same pictures through `picmark
// process`; an SVG logo is drawn by the browser and used like a PNG one.

package main

import (
	"bytes"
	"errors"
	"fmt"
	"image/jpeg"
	"image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// brandKits makes a kit, reloads, imports one and deletes it, then puts
// the page back to its defaults for what follows.
func (env *e2eEnv) brandKits(t *testing.T) {
	s, fx := env.s, env.fx
	s.click(t, "#kit-new")
	s.waitJS(t, "a new kit selected", `document.querySelector("#kit").value !== "" && !!document.querySelector("#kit-name")`, 10*time.Second)
	s.eval(t, "open the text layer", `document.querySelector("#text-layer").open = true`)
	s.wsSetValue(t, "#text", "Winter sale", "change")
	s.setLogo(t, fx.logo)
	// The kit is saved as it changes; a reload brings it back.
	s.waitJS(t, "the kit saved with its text and its logo", `window.picmark.kits.get(document.querySelector("#kit").value).then((doc) => {
  const f = JSON.parse(doc);
  return f.texts && f.texts[0].content === "Winter sale" && f.logo && f.logo.data.length > 0;
}, () => false)`, 10*time.Second)
	s.reload(t)
	s.waitJS(t, "the kit, its text and its logo after a reload",
		`document.querySelector("#kit").value !== "" && document.querySelector("#text").value === "Winter sale" && !!document.querySelector("#logo-preview")`, 15*time.Second)

	// Import a kit written for the command line.
	opacity := 0.5
	kit := &brand.File{Version: brand.FileVersion, Name: "Imported kit", Presets: []string{"pinterest-square"},
		Texts: []brand.TextFile{{Content: "Imported", Shadow: true}}, Logo: &brand.LogoFile{Data: e2ePNG(t, e2eRedSquare()), Opacity: &opacity}}
	data, err := kit.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kit.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s.upload(t, "#kit-import", []string{path})
	s.waitJS(t, "the imported kit in use",
		`document.querySelector("#text").value === "Imported" && document.querySelector("#preset-pinterest-square").checked && !document.querySelector("#preset-pinterest-pin").checked && document.querySelectorAll("#kit option").length === 3`, 15*time.Second)
	if msg := s.eval(t, "kit error", `(document.querySelector("#kit-error") || {}).textContent || ""`); msg != `""` {
		t.Fatalf("the kit bar says %s", msg)
	}
	// Delete it: the other kit stays.
	s.click(t, "#kit-delete")
	s.waitJS(t, "the imported kit deleted", `document.querySelectorAll("#kit option").length === 2`, 10*time.Second)
	// Back to the defaults for what follows.
	s.wsSetValue(t, "#kit", "", "change")
	for _, id := range []string{"pinterest-pin", "tumblr-post", "snapchat-story"} {
		s.eval(t, "tick "+id, `(() => { const e = document.querySelector("#preset-`+id+`"); if (!e.checked) e.click(); })()`)
	}
	s.eval(t, "untick pinterest-square", `(() => { const e = document.querySelector("#preset-pinterest-square"); if (e.checked) e.click(); })()`)
	s.wsSetValue(t, "#logo-opacity", "85", "input")
}

// exportKit clicks #export-kit, reads the brand kit it downloads and checks
// it holds the page's branding; logoOK judges the embedded logo.
func (s *e2eSession) exportKit(t *testing.T, logoWhat string, logoOK func([]byte) bool) string {
	t.Helper()
	path, suggested := s.awaitDownload(t, "#export-kit")
	if suggested != "brand-kit.json" {
		t.Errorf("#export-kit downloads %q, want brand-kit.json", suggested)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	kit, err := brand.ParseFile(data)
	if err != nil {
		t.Fatalf("the exported brand kit does not parse: %v\n%s", err, e2eShort(string(data)))
	}
	switch {
	case kit.Logo == nil || !logoOK(kit.Logo.Data):
		t.Errorf("the exported brand kit does not hold %s", logoWhat)
	case len(kit.Texts) != 1 || kit.Texts[0].Content != e2eDepthText || kit.Texts[0].Band != "#000000":
		t.Errorf("the exported brand kit's texts are %+v, want %q on a #000000 band", kit.Texts, e2eDepthText)
	case !slices.Equal(kit.Presets, []string{"snapchat-story", e2eShop.id}):
		t.Errorf("the exported brand kit's formats are %q, want [snapchat-story shop-square]", kit.Presets)
	case len(kit.Custom) != 1:
		t.Errorf("the exported brand kit's custom formats are %+v, want Shop square alone", kit.Custom)
	default:
		c := kit.Custom[0]
		if c.ID != e2eShop.id || c.Name != "Shop square" || c.Width != 600 || c.Height != 600 || c.MaxBytes != 5<<20 || c.Safe != (preset.Insets{}) {
			t.Errorf("the exported custom format is %+v, want shop-square \"Shop square\" 600×600, 5 MB, no margins", c)
		}
	}
	// The kit goes next to the fixtures, as a person would keep it.
	kitPath := filepath.Join(t.TempDir(), "brand-kit.json")
	if err := os.WriteFile(kitPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return kitPath
}

// compareCLI runs `picmark process` with the page's brand kit and the
// framing flags, in this process, and compares its outputs with the page's.
//
// Both run the same Go engine and JPEG encoder, so a photo the worker
// decoded with Go's decoder must come out byte for byte the same. A photo
// the worker decoded with the browser's decoder (ImageDecoder or
// createImageBitmap: another IDCT and chroma upsampling than Go's) starts
// from slightly different pixels: then the outputs must still match in
// size and be the same picture to within a few levels, and the test says
// so in its log.
func (s *e2eSession) compareCLI(t *testing.T, kitPath string, page map[string][]byte, focal crop.Point, decoder map[string]string) {
	t.Helper()
	cli := func(args ...string) map[string][]byte {
		dir := t.TempDir()
		var stdout, stderr bytes.Buffer
		args = append(append([]string{"process", "-brand", kitPath}, args...), "-out", dir, s.fx.folder)
		code := run(args, &stdout, &stderr)
		// The broken, huge and non-image files fail: exit status 1.
		if code != exitFailed {
			t.Fatalf("picmark %s: exit status %d, want %d (some inputs fail)\n%s%s", strings.Join(args, " "), code, exitFailed, stdout.String(), stderr.String())
		}
		return readDirOutputs(t, dir)
	}
	start := time.Now()
	all := cli("-crop", "smart", "-fit", "blur")
	t.Logf("picmark process -brand … -crop smart -fit blur: %d files in %v", len(all), time.Since(start).Round(time.Millisecond))
	pageNames, cliNames := slices.Sorted(maps.Keys(page)), slices.Sorted(maps.Keys(all))
	if !slices.Equal(pageNames, cliNames) {
		t.Errorf("the page's ZIP holds %q, picmark process wrote %q", pageNames, cliNames)
	}
	// The page's rows and the command line's must agree; the byte counts
	// too, unless the browser decoded the photo (see e2eCompareImages).
	pr, cr := e2eReadReport(t, page["report.csv"]), e2eReadReport(t, all["report.csv"])
	if len(pr) != len(cr) {
		t.Errorf("report.csv has %d rows on the page, %d from picmark process", len(pr), len(cr))
	}
	for i := range min(len(pr), len(cr)) {
		p, c := pr[i], cr[i]
		if p.bytes != c.bytes && e2eBrowserDecoded(decoder[p.input]) && p.status == "done" {
			p.bytes = c.bytes
		}
		if p != c {
			t.Errorf("report.csv row %d differs:\npage: %+v\ncli:  %+v", i+2, pr[i], cr[i])
		}
	}
	// The portrait carries a focal point on the page. The blur fit keeps
	// the whole photo, so the point must change nothing: the command line
	// with the page's point as the batch's gives the same bytes as with
	// -crop smart, and the page's portrait is compared like the beach.
	withFocal := cli("-crop", "focal", "-focal", strconv.FormatFloat(focal.X, 'g', -1, 64)+","+strconv.FormatFloat(focal.Y, 'g', -1, 64), "-fit", "blur")
	for _, name := range pageNames {
		if name == "report.csv" {
			continue
		}
		if f := withFocal[name]; !bytes.Equal(f, all[name]) {
			t.Errorf("%s: picmark process -fit blur gives other bytes with -crop focal -focal %v than with -crop smart: the blur fit must keep the whole photo whatever the crop",
				name, focal)
		}
		input := ""
		for in := range e2ePhotos {
			if strings.HasSuffix(name, "/"+strings.TrimSuffix(in, filepath.Ext(in))+".jpg") {
				input = in
			}
		}
		e2eCompareImages(t, name, page[name], all[name], decoder[input])
	}
}

// e2eBrowserDecoded says whether a worker's decoder is the browser's (on
// the canvas path the browser also scales and encodes).
func e2eBrowserDecoded(decoder string) bool {
	return decoder == "canvas" || decoder == "ImageDecoder" || decoder == "createImageBitmap"
}

// e2eCompareImages compares the page's output with the command line's:
// the same size, and byte for byte when the worker decoded with Go's
// decoder (the same engine and encoder as the command line); nearly the
// same picture when the browser decoded the photo.
func e2eCompareImages(t *testing.T, name string, page, cli []byte, decoder string) {
	t.Helper()
	if cli == nil {
		return // already reported as a missing name
	}
	pi, err1 := jpeg.Decode(bytes.NewReader(page))
	ci, err2 := jpeg.Decode(bytes.NewReader(cli))
	if err := errors.Join(err1, err2); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if pi.Bounds() != ci.Bounds() {
		t.Errorf("%s: %v on the page, %v from picmark process", name, pi.Bounds().Size(), ci.Bounds().Size())
		return
	}
	if bytes.Equal(page, cli) {
		return
	}
	diff, n, sum, sq := 0, 0, 0, 0.0
	b := pi.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r0, g0, b0 := e2eRGB(pi, x, y)
			r1, g1, b1 := e2eRGB(ci, x, y)
			d := max(e2eAbs(r1-r0), e2eAbs(g1-g0), e2eAbs(b1-b0))
			diff = max(diff, d)
			sum += e2eAbs(r1-r0) + e2eAbs(g1-g0) + e2eAbs(b1-b0)
			sq += float64((r1-r0)*(r1-r0) + (g1-g0)*(g1-g0) + (b1-b0)*(b1-b0))
			if d > 0 {
				n++
			}
		}
	}
	mean := float64(sum) / float64(3*b.Dx()*b.Dy())
	psnr := 10 * math.Log10(255*255*float64(3*b.Dx()*b.Dy())/sq)
	what := fmt.Sprintf("%s: the page's JPEG (%d bytes) and picmark process's (%d bytes) differ: %d of %d pixels, by %.2f per channel on average, %d at most (PSNR %.1f dB)",
		name, len(page), len(cli), n, b.Dx()*b.Dy(), mean, diff, psnr)
	if !e2eBrowserDecoded(decoder) {
		t.Errorf("%s; the worker decoded the photo with %q, so the same Go engine and encoder should give the same bytes", what, decoder)
		return
	}
	t.Logf("NOT BYTE-IDENTICAL, as expected: %s; the worker decoded the photo with the browser's %s, not Go's decoder", what, decoder)
	switch {
	case decoder == "canvas" && (mean > 1.5 || psnr < 35):
		// The browser also scaled and encoded: other filters and another
		// encoder differ most on hard edges, so no bound on one pixel.
		t.Errorf("%s: more than another scaler and encoder's rounding (the worker used the canvas path)", what)
	case decoder != "canvas" && (mean > 1.5 || diff > 48):
		t.Errorf("%s: more than a decoder's rounding (the worker used %s)", what, decoder)
	}
}

// svgLogo picks an SVG logo (a red rectangle, like the PNG's), runs the
// batch again and checks the logo in every output.
func (s *e2eSession) svgLogo(t *testing.T) {
	t.Helper()
	svg := filepath.Join(t.TempDir(), "logo.svg")
	src := `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">` +
		`<rect x="20" y="20" width="160" height="60" fill="#ff0000"/></svg>`
	if err := os.WriteFile(svg, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s.upload(t, "#logo-input", []string{svg})
	s.waitJS(t, "the page taking the SVG logo (#logo-preview of logo.svg, or #logo-error)", `(() => {
  const p = document.querySelector("#logo-preview");
  return document.querySelector("#logo-error") || (p && p.alt.includes("logo.svg") && p.complete && p.naturalWidth > 0);
})()`, 15*time.Second)
	if msg := s.eval(t, "logo error", `(document.querySelector("#logo-error") || {textContent: ""}).textContent.trim()`); msg != `""` {
		t.Fatalf("the page refused the SVG logo: %s", msg)
	}
	s.runBatch(t)
	s.checkDepthZip(t, s.download(t))
	// The kit embeds the browser's drawing of it, a PNG, never the SVG.
	s.exportKit(t, "a PNG drawn from the SVG logo (2:1)", func(data []byte) bool {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		return err == nil && cfg.Width == 2*cfg.Height
	})
}

// TestE2EKitInFrench: with the page in French, broken brand kits imported
// from files and a format of one's own that leaves no room are said in
// French, naming the file or the format and saying what to do.
func TestE2EKitInFrench(t *testing.T) {
	env := e2eServe(t, e2eBudget, nil)
	s := env.s
	s.setPhase("kit-french")
	s.load(t, env.srv.URL)
	s.wsSetValue(t, "#lang", "fr", "change")
	s.waitJS(t, "the page in French", `document.documentElement.lang === "fr"`, 10*time.Second)

	dir := t.TempDir()
	kitError := `((document.querySelector("#kit-error") || {}).textContent || "")`
	for _, k := range []struct{ name, json, want string }{
		{"soldes.json", `{"version":1,"texts":[{"content":"Soldes"},{"content":"-20 %","band":"#12"}]}`,
			"soldes.json n’est pas un kit de marque lisible par picmark\u00A0: le texte 2 a une couleur de bandeau «\u00A0#12\u00A0» illisible\u00A0: écrivez-la comme #FF8800."},
		{"coupe.json", `{"version":1,"texts":[{"content":"Sold`,
			"coupe.json n’est pas un kit de marque lisible par picmark\u00A0: le fichier est vide ou incomplet\u00A0: enregistrez-le ou exportez-le de nouveau."},
		{"filigrane.json", `{"version":1,"tile":{"text":"ACME","opacity":1.5}}`,
			"filigrane.json n’est pas un kit de marque lisible par picmark\u00A0: le filigrane a une opacité de 150\u00A0%, hors de l’intervalle de 0\u00A0% à 100\u00A0%\u00A0: choisissez une valeur dans cet intervalle."},
	} {
		path := filepath.Join(dir, k.name)
		if err := os.WriteFile(path, []byte(k.json), 0o644); err != nil {
			t.Fatal(err)
		}
		s.upload(t, "#kit-import", []string{path})
		s.waitJS(t, k.name+" refused in French", kitError+` === `+strconv.Quote(k.want), 15*time.Second)
	}
	if n := s.eval(t, "kits kept", `document.querySelectorAll("#kit option").length`); n != "1" {
		t.Errorf("the kit bar lists %s choices, want only “none”: a broken kit must not be kept", n)
	}

	// A format whose margins leave no room for the layers.
	if s.eval(t, "#custom-format open", `document.querySelector("#custom-format").open`) != "true" {
		s.click(t, "#custom-format > summary")
	}
	for _, f := range []struct{ sel, v string }{
		{"#custom-name", "Bannière boutique"}, {"#custom-width", "1200"}, {"#custom-height", "628"}, {"#custom-cap", "8"},
		{"#custom-top", "300"}, {"#custom-bottom", "200"},
	} {
		s.typeText(t, f.sel, f.v)
	}
	s.click(t, "#custom-add")
	want := "Ce format ne peut pas être ajouté\u00A0: le format «\u00A0Bannière boutique\u00A0» garde 300 + 200 pixels libres en haut et en bas, " +
		"ce qui ne laisse que 128 de ses 628 pixels aux calques\u00A0: gardez-leur au moins un quart de la hauteur."
	s.waitJS(t, "the format refused in French", `((document.querySelector("#custom-error") || {}).textContent || "") === `+strconv.Quote(want), 10*time.Second)

	// Both messages follow a change of language: they are kept as what
	// happened, and said in the page's language when drawn.
	s.wsSetValue(t, "#lang", "en", "change")
	last := `{"version":1,"tile":{"text":"ACME","opacity":1.5}}`
	_, err := brand.ParseFile([]byte(last))
	if err == nil {
		t.Fatal("the last kit parses natively")
	}
	wantKit := "filigrane.json is not a brand kit picmark can read: " + msg.Reason(err, msg.English) + "."
	s.waitJS(t, "the kit's error in English", kitError+` === `+strconv.Quote(wantKit), 10*time.Second)
	s.waitJS(t, "the format's error in English", `((document.querySelector("#custom-error") || {}).textContent || "").startsWith("This format cannot be added: ")`, 10*time.Second)
	s.checkConsole(t)
}
