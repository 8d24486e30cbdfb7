//go:build !wasm

// Browser decoding, end to end: the page's workers decode with WebCodecs
// ImageDecoder, else createImageBitmap, else Go's decoders. Each path must
// give what the command line gives for the same photos and settings: the
// same sizes, pixels within a small tolerance (Go's decoder in the browser:
// the same bytes), EXIF orientation applied exactly once, and embedded
// colour profiles converted to sRGB exactly once.
package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"picmark/internal/colour"
	"picmark/internal/render"
)

// decodeHook runs in every document before the page's scripts: it names
// the pool's workers "decoders=…" when the test asks for one path (in
// sessionStorage, which survives the page reloading itself; a query string
// would not reach the worker, whose script the service worker serves), and
// records each job's decoder from the workers' result messages.
const decodeHook = `
(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.__decode = { stats: [] };
  window.Worker = function (url, opts) {
    const u = new URL(url, document.baseURI);
    const only = sessionStorage.getItem("picmark-test-decoders"); // kept across reloads
    if (only !== null && u.pathname.endsWith("/worker.js")) opts = Object.assign({}, opts, { name: "decoders=" + only });
    const w = new Native(u, opts);
    w.addEventListener("message", (e) => {
      if (e.data && e.data.type === "result") window.__decode.stats.push(e.data.stats || null);
    });
    return w;
  };
  window.Worker.prototype = Native.prototype;
})();
`

// The P3 photo's three bands, as stored (Display P3 values), top to bottom.
var decodeP3Bands = [3][3]uint8{{255, 0, 0}, {200, 60, 50}, {100, 180, 100}}

func TestE2EDecode(t *testing.T) {
	dir := t.TempDir()
	icc := decodeP3ICC()
	inputs := decodeFixtures(t, dir, icc)

	// The command line on the same photos, same settings: the defaults, but
	// centre crops. This test compares decoders; smart framing decides
	// from a small copy each decoder makes, and a few pixels' difference in
	// a crop would hide what the decoders do.
	cliDir := filepath.Join(dir, "cli")
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"process", "-crop", "center", "-out", cliDir}, inputs...), &stdout, &stderr); code != 0 {
		t.Fatalf("picmark process exited %d: %s", code, stderr.String())
	}
	cli := decodeOutputs(t, readDirOutputs(t, cliDir))
	if len(cli) != len(inputs)*len(e2ePresets) {
		t.Fatalf("the command line made %d outputs, want %d: %v", len(cli), len(inputs)*len(e2ePresets), stdout.String())
	}
	p3, err := colour.ParseICC(icc)
	if err != nil {
		t.Fatal(err)
	}
	for key, out := range cli {
		decodeCheckPhoto(t, "CLI "+key, out.img, p3)
	}

	// A browser on the site, without e2eOpen's fixtures: these are its own.
	env := e2eServe(t, 5*time.Minute, nil)
	srv, s := env.srv, env.s
	s.addScript(t, "the worker hook", decodeHook)

	// "canvas" also asks the worker to compare every scaling with the
	// engine's Lanczos of the same crop, before encoding (see worker.js).
	for _, path := range []struct{ decoder, only string }{
		{"canvas", "canvas;verify-scale"},
		{"ImageDecoder", "ImageDecoder"},
		{"createImageBitmap", "createImageBitmap"},
		{"Go", ""},
	} {
		t.Run(path.decoder, func(t *testing.T) {
			s.setPhase("decode-" + path.decoder)
			s.load(t, srv.URL)
			s.eval(t, "choosing the decoder", `sessionStorage.setItem("picmark-test-decoders", `+strconv.Quote(path.only)+`); window.__decode.stats = []; true`)
			s.choose(t, "#crop", "center")
			s.upload(t, "#files-input", inputs)
			s.waitJS(t, "the photos listed", fmt.Sprintf(`document.querySelectorAll("#file-list [role=row][data-status=ready]").length === %d`, len(inputs)), 20*time.Second)
			n := s.runs(t)
			s.click(t, "#start")
			s.waitJS(t, "the batch done", fmt.Sprintf(`window.__e2e.runs > %d && document.body.dataset.state === "done"`, n), 2*time.Minute)
			var stats []struct {
				Input     string   `json:"input"`
				Decoder   string   `json:"decoder"`
				RenderMs  float64  `json:"renderMs"`
				ScalePSNR *float64 `json:"scalePSNR"`
				Fallback  string   `json:"encoderFallback"`
				Composed  int      `json:"composed"`
				Blobs     int      `json:"blobs"`
				Stored    int      `json:"stored"`
				Checks    string   `json:"scaleChecks"`
			}
			s.evalInto(t, "worker stats", `window.__decode.stats`, &stats)
			if len(stats) != len(inputs) {
				t.Fatalf("%d worker results carry stats, want %d (one per photo): %+v", len(stats), len(inputs), stats)
			}
			for _, st := range stats {
				if st.Decoder != path.decoder {
					t.Errorf("a photo was decoded by %q, want %q", st.Decoder, path.decoder)
				}
				if st.Fallback != "" {
					t.Errorf("the browser's JPEG encoder failed, Go's encoded instead: %s", st.Fallback)
				}
				// Speed never costs quality: the canvas's scaling against
				// the engine's Lanczos of the same crop of the same pixels,
				// before encoding.
				const want = 40.0
				switch {
				case path.decoder != "canvas":
				case st.ScalePSNR == nil:
					t.Errorf("%s: the canvas path did not report its scaling check", st.Input)
				case *st.ScalePSNR < want:
					t.Errorf("%s: the canvas scaled a crop at %.1f dB PSNR against the engine's Lanczos, want ≥ %.0f", st.Input, *st.ScalePSNR, want)
				}
				if path.decoder == "canvas" {
					decodeCheckMild(t, st.Input, st.Checks)
					// Each composed JPEG is written to disk by its worker,
					// or reaches the page as the Blob the browser made, not
					// as bytes copied out of Go.
					if st.Stored+st.Blobs < st.Composed {
						t.Errorf("%s: %d outputs composed, %d written by the worker and %d sent as the browser's Blobs", st.Input, st.Composed, st.Stored, st.Blobs)
					}
				}
				p := "-"
				if st.ScalePSNR != nil {
					p = fmt.Sprintf("%.1f dB", *st.ScalePSNR)
				}
				t.Logf("%s: decoder %s, rendered in %.0f ms (%d outputs composed by the browser), scaling against Lanczos %s %s",
					st.Input, st.Decoder, st.RenderMs, st.Composed, p, st.Checks)
			}
			page := decodeOutputs(t, e2eZipFiles(t, s.download(t)))
			if len(page) != len(cli) {
				t.Errorf("the page made %d outputs, the command line %d", len(page), len(cli))
			}
			for key, want := range cli {
				got, ok := page[key]
				if !ok {
					t.Errorf("%s: made by the command line, not by the page (page made %v)", key, decodeKeys(page))
					continue
				}
				name := path.decoder + " " + key
				if got.img.Bounds() != want.img.Bounds() {
					t.Errorf("%s: %v, the command line's is %v", name, got.img.Bounds().Size(), want.img.Bounds().Size())
					continue
				}
				decodeCheckPhoto(t, name, got.img, p3)
				p, worst := e2ePSNR(got.img, want.img)
				t.Logf("%s: PSNR %.1f dB against the command line's, largest difference %d", name, p, worst)
				if path.decoder == "Go" && !bytes.Equal(got.data, want.data) {
					t.Errorf("%s: Go's decoder in the browser gave other bytes than the command line (PSNR %.1f dB)", name, p)
				}
				if p < 38 {
					t.Errorf("%s: PSNR %.1f dB against the command line's output, want ≥ 38", name, p)
				}
			}
		})
	}
	s.checkConsole(t)
}

// decodeCheckMild: the worker's scalings (its "verify-scale" list) that
// enlarge, keep the size or reduce by less than render.MildReduction are
// the engine's own Lanczos, to the byte (the worker reports 99 dB for
// equal pixels); and there is at least one, so the fixtures exercise it.
func decodeCheckMild(t *testing.T, input, checks string) {
	t.Helper()
	mild := 0
	for _, c := range strings.Split(checks, "; ") {
		var x0, y0, x1, y1, w, h int
		var p float64
		if _, err := fmt.Sscanf(c, "(%d,%d)-(%d,%d) to (%d,%d): %f dB", &x0, &y0, &x1, &y1, &w, &h, &p); err != nil {
			t.Errorf("%s: cannot read the worker's scaling check %q: %v", input, c, err)
			continue
		}
		if render.Mild(image.Rect(x0, y0, x1, y1), w, h) {
			mild++
			if p < 99 {
				t.Errorf("%s: %s is a mild scaling, which must be the engine's Lanczos exactly", input, c)
			}
		}
	}
	if mild == 0 && strings.Contains(input, "p3") {
		t.Errorf("%s: no mild scaling among %q: the fixture should have some", input, checks)
	}
}

// decodeCheckPhoto checks what every path must get right: the portrait is
// upright (its painted markers), and the P3 photo's bands are converted
// to sRGB once (pure P3 red is sRGB red; the others as colour converts).
func decodeCheckPhoto(t *testing.T, name string, img image.Image, p3 *colour.Profile) {
	t.Helper()
	switch {
	case strings.Contains(name, "portrait"):
		e2eCheckUpright(t, name, img)
	case strings.Contains(name, "p3"):
		b := img.Bounds().Size()
		for i, band := range decodeP3Bands {
			got := e2eAvg(img, b.X/4, b.Y*(2*i+1)/6, 5)
			r, g, bl := p3.Convert(band[0], band[1], band[2])
			want := [3]int{int(r), int(g), int(bl)}
			if i == 0 && (want != [3]int{255, 0, 0}) {
				t.Fatalf("the test's own conversion of P3 red gave %v", want)
			}
			for c := range 3 {
				if d := got[c] - want[c]; d > 6 || d < -6 {
					t.Errorf("%s: band %d (P3 %v) came out %v, want sRGB %v ±6 (converted exactly once)", name, i, band, got, want)
					break
				}
			}
		}
	}
}

type decodeOut struct {
	data []byte
	img  image.Image
}

// decodeKey names an output by preset and photo: "pinterest-pin/p3".
func decodeKey(path string) string {
	dir, file := filepath.Split(filepath.ToSlash(path))
	preset := strings.SplitN(strings.Trim(dir, "/"), "/", 2)[0]
	return preset + "/" + strings.TrimSuffix(file, filepath.Ext(file))
}

func decodeImage(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return img
}

// decodeOutputs decodes the JPEGs among files (a folder's or a ZIP's, by
// slash path), by decodeKey.
// e2eCLIOutputs runs `picmark process` with the default settings on
// inputs (files or folders) and decodes its JPEGs, checking that each of
// the photos they hold made every default format.
func e2eCLIOutputs(t *testing.T, photos int, inputs ...string) map[string]decodeOut {
	t.Helper()
	out := filepath.Join(t.TempDir(), "cli")
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"process", "-out", out}, inputs...), &stdout, &stderr); code != 0 {
		t.Fatalf("picmark process exited %d: %s", code, stderr.String())
	}
	cli := decodeOutputs(t, readDirOutputs(t, out))
	if len(cli) != photos*len(e2ePresets) {
		t.Fatalf("the command line made %d outputs, want %d: %v", len(cli), photos*len(e2ePresets), stdout.String())
	}
	return cli
}

func decodeOutputs(t *testing.T, files map[string][]byte) map[string]decodeOut {
	t.Helper()
	outs := map[string]decodeOut{}
	for name, data := range files {
		if strings.HasSuffix(name, ".jpg") {
			outs[decodeKey(name)] = decodeOut{data, decodeImage(t, name, data)}
		}
	}
	return outs
}

func decodeKeys(m map[string]decodeOut) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// decodeFixtures writes the photos: the e2e portrait stored sideways with
// EXIF orientation 6 (after an XMP segment), and a Display P3 photo of
// three bands as a JPEG (APP2 profile) and as a PNG (iCCP).
func decodeFixtures(t *testing.T, dir string, icc []byte) []string {
	t.Helper()
	bands := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for y := range 900 {
		band := decodeP3Bands[y*3/900]
		for x := range 1200 {
			bands.SetRGBA(x, y, color.RGBA{band[0], band[1], band[2], 255})
		}
	}
	var pb bytes.Buffer
	if err := png.Encode(&pb, bands); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"portrait.jpg": e2eWithOrientation6(e2eJPEG(t, e2eStoredPortrait(), 88)),
		"p3.jpg":       decodeJPEGWithICC(e2eJPEG(t, bands, 92), icc),
		"p3-png.png":   decodePNGWithICC(pb.Bytes(), icc),
		"beach.jpg":    e2eJPEG(t, e2eBeach(2400, 1600), 90), // photo-like: for the scaling check
	}
	names := []string{"p3-png.png", "p3.jpg", "portrait.jpg", "beach.jpg"}
	// The portrait stored in every other orientation, 1600×2400 upright:
	// its Pinterest pin is reduced 1.6× (the browser's filter), its other
	// outputs 1.25× (the engine's Lanczos, in the script), each turned.
	upright := e2eUprightPortrait(1600, 2400)
	for o := 2; o <= 8; o++ {
		name := fmt.Sprintf("portrait-o%d.jpg", o)
		files[name] = e2eWithOrientation(e2eJPEG(t, e2eStore(upright, o), 85), byte(o))
		names = append(names, name)
	}
	var paths []string
	for _, name := range names {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if _, err := jpeg.DecodeConfig(bytes.NewReader(files["p3.jpg"])); err != nil {
		t.Fatal(err)
	}
	return paths
}

// decodeJPEGWithICC inserts an APP2 ICC_PROFILE segment after SOI.
func decodeJPEGWithICC(j, icc []byte) []byte {
	payload := append([]byte("ICC_PROFILE\x00\x01\x01"), icc...)
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE2}, uint16(len(payload)+2))
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, j[2:]...)
}

// decodePNGWithICC inserts an iCCP chunk after IHDR.
func decodePNGWithICC(p, icc []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(icc)
	w.Close()
	body := append([]byte("Display P3\x00\x00"), z.Bytes()...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	chunk = append(chunk, "iCCP"...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(append([]byte("iCCP"), body...)))
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	out := append([]byte{}, p[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, p[ihdrEnd:]...)
}

// decodeP3ICC builds a v2 matrix/TRC Display P3 profile from its published
// definition (as internal/colour's tests do): primaries and D65 white
// adapted to D50 by Bradford, and the sRGB transfer curve.
func decodeP3ICC() []byte {
	type xy struct{ x, y float64 }
	prim := [3]xy{{0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}}
	white := xy{0.3127, 0.3290}
	col := func(p xy) [3]float64 { return [3]float64{p.x / p.y, 1, (1 - p.x - p.y) / p.y} }
	var m [3][3]float64 // columns: the primaries' XYZ
	for j, p := range prim {
		c := col(p)
		for i := range 3 {
			m[i][j] = c[i]
		}
	}
	det := func(a [3][3]float64) float64 {
		return a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) - a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) + a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
	}
	w := col(white)
	var k [3]float64 // Cramer's rule: the primaries' scale so they sum to white
	for j := range 3 {
		q := m
		for i := range 3 {
			q[i][j] = w[i]
		}
		k[j] = det(q) / det(m)
	}
	brad := [3][3]float64{{1.0478112, 0.0228866, -0.0501270}, {0.0295424, 0.9904844, -0.0170491}, {-0.0092345, 0.0150436, 0.7521316}}
	var d50 [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for l := range 3 {
				d50[i][j] += brad[i][l] * m[l][j] * k[j]
			}
		}
	}
	s15 := func(v float64) []byte { return binary.BigEndian.AppendUint32(nil, uint32(int32(math.Round(v*65536)))) }
	xyz := func(v [3]float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		for _, c := range v {
			b = append(b, s15(c)...)
		}
		return b
	}
	column := func(j int) [3]float64 { return [3]float64{d50[0][j], d50[1][j], d50[2][j]} }
	trc := binary.BigEndian.AppendUint16([]byte("para\x00\x00\x00\x00"), 3)
	trc = append(trc, 0, 0)
	for _, p := range []float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045} {
		trc = append(trc, s15(p)...)
	}
	desc := binary.BigEndian.AppendUint32([]byte("desc\x00\x00\x00\x00"), uint32(len("Display P3")+1))
	desc = append(desc, "Display P3"...)
	desc = append(desc, make([]byte, 1+4+4+2+1+67)...)
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc}, {"wtpt", xyz([3]float64{0.9642, 1, 0.8249})},
		{"rXYZ", xyz(column(0))}, {"gXYZ", xyz(column(1))}, {"bXYZ", xyz(column(2))},
		{"rTRC", trc}, {"gTRC", trc}, {"bTRC", trc},
		{"cprt", []byte("text\x00\x00\x00\x00none\x00")},
	}
	h := make([]byte, 128)
	binary.BigEndian.PutUint32(h[8:], 0x02100000)
	copy(h[12:], "mntr")
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ")
	copy(h[36:], "acsp")
	copy(h[68:], append(append(s15(0.9642), s15(1)...), s15(0.8249)...))
	out := binary.BigEndian.AppendUint32(h, uint32(len(tags)))
	off := len(out) + 12*len(tags)
	var body []byte
	for _, tg := range tags {
		for (off+len(body))%4 != 0 {
			body = append(body, 0)
		}
		out = append(out, tg.sig...)
		out = binary.BigEndian.AppendUint32(out, uint32(off+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(tg.data)))
		body = append(body, tg.data...)
	}
	out = append(out, body...)
	binary.BigEndian.PutUint32(out, uint32(len(out)))
	return out
}
