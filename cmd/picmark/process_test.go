//go:build !wasm

package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// photo is a w×h test picture with structure (gradients and blocks), so the
// encoder meets realistic detail.
func photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x/40 + y/40) % 2 * 200), 255}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func encodeJPEG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugeClaim is a valid tiny JPEG whose header says 65500×65500: the gate
// must refuse it before allocating anything.
func hugeClaim(t *testing.T) []byte {
	t.Helper()
	b := encodeJPEG(t, photo(16, 16))
	i := bytes.Index(b, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 marker")
	}
	// FFC0, length (2), precision (1), height (2), width (2).
	b[i+5], b[i+6], b[i+7], b[i+8] = 0xFF, 0xDC, 0xFF, 0xDC
	return b
}

func writeFiles(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// badShoot is the issue's bad-input folder: a photo, a nested photo, text,
// a truncated JPEG, a huge header claim, and a hidden Finder file.
func badShoot(t *testing.T) (shoot string) {
	t.Helper()
	good := encodeJPEG(t, photo(1600, 1200))
	shoot = filepath.Join(t.TempDir(), "shoot")
	writeFiles(t, shoot, map[string][]byte{
		"a.jpg":         good,
		"sub/b.png":     encodePNG(t, photo(800, 600)),
		"notes.txt":     []byte("call the client on monday\n"),
		"truncated.jpg": good[:len(good)/2],
		"huge.jpg":      hugeClaim(t),
		".DS_Store":     {0, 0, 0, 1, 'B', 'u', 'd', '1'},
	})
	return shoot
}

// treeHash fingerprints every file under dir, to prove inputs are untouched.
func treeHash(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = sha256.Sum256(b)
		}
		return err
	})
	return out
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// readDirOutputs returns every file under dir by slash path.
func readDirOutputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readZipOutputs(t *testing.T, name string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		if f.Method != zip.Store {
			t.Errorf("%s: method %d, want Store", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := out[f.Name]; dup {
			t.Errorf("%s is in the ZIP twice", f.Name)
		}
		out[f.Name] = b
	}
	return out
}

func keys(m map[string][]byte) []string {
	var k []string
	for name := range m {
		k = append(k, name)
	}
	sort.Strings(k)
	return k
}

// checkOutputs verifies layout, sizes, caps and report against what the
// bad-input folder must give with the default presets.
func checkOutputs(t *testing.T, files map[string][]byte) {
	t.Helper()
	wantSize := map[string][2]int{
		"pinterest-pin/shoot/a.jpg":      {1000, 1500},
		"pinterest-pin/shoot/sub/b.jpg":  {1000, 1500},
		"tumblr-post/shoot/a.jpg":        {1280, 960},
		"tumblr-post/shoot/sub/b.jpg":    {800, 600}, // never upscaled
		"snapchat-story/shoot/a.jpg":     {1080, 1920},
		"snapchat-story/shoot/sub/b.jpg": {1080, 1920},
	}
	var want []string
	for name := range wantSize {
		want = append(want, name)
	}
	want = append(want, "report.csv")
	sort.Strings(want)
	if got := keys(files); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("outputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, size := range wantSize {
		data := files[name]
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != "jpeg" {
			t.Errorf("%s: %v (%s)", name, err, format)
			continue
		}
		if cfg.Width != size[0] || cfg.Height != size[1] {
			t.Errorf("%s is %d×%d, want %d×%d", name, cfg.Width, cfg.Height, size[0], size[1])
		}
		p, _ := preset.Lookup(strings.Split(name, "/")[0])
		if int64(len(data)) > p.MaxBytes {
			t.Errorf("%s is %d bytes, over the %d cap", name, len(data), p.MaxBytes)
		}
	}

	rows, err := batch.ReadCSV(bytes.NewReader(files["report.csv"]))
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"shoot/a.jpg", "shoot/huge.jpg", "shoot/notes.txt", "shoot/sub/b.png", "shoot/truncated.jpg"}
	// The .DS_Store is left out, on one row of its own at the end.
	if len(rows) != len(inputs)*3+1 {
		t.Fatalf("report has %d rows, want %d (one per input × preset, and the system files')", len(rows), len(inputs)*3+1)
	}
	if last := rows[len(rows)-1]; last.Status != batch.StatusLeftOut || last.Code != "system-files" ||
		last.Message != "1 system file left out (.DS_Store, Thumbs.db and the like)" {
		t.Errorf("last row %+v, want the system file left out", last)
	}
	rows = rows[:len(rows)-1]
	per := map[string][]batch.Line{}
	for _, r := range rows {
		per[r.Input] = append(per[r.Input], r)
	}
	reason := map[string]string{
		"shoot/notes.txt":     "not an image",
		"shoot/huge.jpg":      "65500",
		"shoot/truncated.jpg": "damaged",
	}
	for _, in := range inputs {
		rs := per[in]
		if len(rs) != 3 {
			t.Errorf("%s has %d report rows, want 3", in, len(rs))
		}
		for _, r := range rs {
			if frag, bad := reason[in]; bad {
				if r.Status != batch.StatusFailed || !strings.Contains(r.Message, frag) {
					t.Errorf("%s/%s: %s %q, want failed with %q", in, r.Preset, r.Status, r.Message, frag)
				}
				continue
			}
			if r.Status != batch.StatusDone {
				t.Errorf("%s/%s: %s %q", in, r.Preset, r.Status, r.Message)
				continue
			}
			if data, ok := files[r.Output]; !ok || int64(len(data)) != r.Bytes {
				t.Errorf("%s/%s: report says %s of %d bytes; file has %d", in, r.Preset, r.Output, r.Bytes, len(data))
			}
		}
	}
}

func TestProcessBadInputsToFolderAndZip(t *testing.T) {
	shoot := badShoot(t)
	before := treeHash(t, shoot)
	outDir := filepath.Join(t.TempDir(), "out")
	outZip := filepath.Join(t.TempDir(), "results", "out.zip")

	code, stdout, stderr := runCLI(t, "process", "-out", outDir, shoot)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "1 system file left out (.DS_Store, Thumbs.db and the like)\n6 done, 9 failed") {
		t.Errorf("summary: %q", stdout)
	}
	if strings.Contains(stderr, ".DS_Store") {
		t.Errorf("stderr names .DS_Store, a system file left out quietly:\n%s", stderr)
	}
	for _, name := range []string{"notes.txt", "huge.jpg", "truncated.jpg"} {
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not name %s:\n%s", name, stderr)
		}
	}
	dirFiles := readDirOutputs(t, outDir)
	checkOutputs(t, dirFiles)

	// Flags after the path work too.
	if code, _, stderr := runCLI(t, "process", shoot, "-out", outZip); code != 1 {
		t.Fatalf("zip: exit %d, want 1; stderr:\n%s", code, stderr)
	}
	zipFiles := readZipOutputs(t, outZip)
	checkOutputs(t, zipFiles)
	// Same engine, same bytes, whatever the destination.
	for name, data := range dirFiles {
		if name != "report.csv" && !bytes.Equal(data, zipFiles[name]) {
			t.Errorf("%s differs between the folder and the ZIP", name)
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(outZip), ".*partial")); len(matches) > 0 {
		t.Errorf("temporary files left behind: %v", matches)
	}

	after := treeHash(t, shoot)
	if len(after) != len(before) {
		t.Errorf("the input folder changed: %d files, was %d", len(after), len(before))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s was modified", p)
		}
	}
}

func TestProcessAllGoodExitsZero(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"a.jpg": encodeJPEG(t, photo(900, 700))})
	out := filepath.Join(t.TempDir(), "x.zip")
	code, stdout, stderr := runCLI(t, "process", "-preset", "pinterest-square,tumblr-post", "-out", out, filepath.Join(dir, "a.jpg"))
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "2 done, 0 failed") {
		t.Errorf("summary: %q", stdout)
	}
	files := readZipOutputs(t, out)
	// A single file argument gives just its name.
	if got := strings.Join(keys(files), " "); got != "pinterest-square/a.jpg report.csv tumblr-post/a.jpg" {
		t.Errorf("ZIP holds %s", got)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(files["tumblr-post/a.jpg"]))
	if err != nil || cfg.Width != 900 || cfg.Height != 700 {
		t.Errorf("tumblr-post/a.jpg: %v %dx%d, want 900×700 (never upscaled)", err, cfg.Width, cfg.Height)
	}
}

func TestProcessLogo(t *testing.T) {
	dir := t.TempDir()
	// A grey photo and an opaque pure-red logo: red pixels can only come
	// from the logo.
	grey := image.NewRGBA(image.Rect(0, 0, 1200, 1200))
	for i := range grey.Pix {
		grey.Pix[i] = 128
	}
	red := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for i := 0; i < len(red.Pix); i += 4 {
		copy(red.Pix[i:], []byte{255, 0, 0, 255})
	}
	writeFiles(t, dir, map[string][]byte{"p.jpg": encodeJPEG(t, grey), "logo.png": encodePNG(t, red)})
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "process", "-preset", "snapchat-story", "-logo", filepath.Join(dir, "logo.png"),
		"-logo-opacity", "1", "-logo-scale", "0.25", "-out", out, filepath.Join(dir, "p.jpg"))
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "snapchat-story", "p.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := preset.Lookup("snapchat-story")
	r := brand.LogoRect(img.Bounds(), p.Safe, 200, 100, 0.25)
	if r.Empty() {
		t.Fatal("no room for the logo")
	}
	isRed := func(x, y int) bool {
		cr, cg, cb, _ := img.At(x, y).RGBA()
		return cr>>8 > 200 && cg>>8 < 60 && cb>>8 < 60
	}
	c := image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
	if !isRed(c.X, c.Y) {
		t.Errorf("no logo at %v (logo rect %v): %v", c, r, img.At(c.X, c.Y))
	}
	if isRed(img.Bounds().Dx()/2, img.Bounds().Dy()/2) {
		t.Error("logo colour in the middle of the photo")
	}
	if r.Max.Y > img.Bounds().Dy()-p.Safe.Bottom {
		t.Errorf("logo %v enters the bottom safe zone", r)
	}
}

func TestProcessUsageErrors(t *testing.T) {
	shoot := badShoot(t)
	photoPath := filepath.Join(shoot, "a.jpg")
	notLogo := filepath.Join(shoot, "notes.txt")
	out := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no out", []string{"process", shoot}, "-out"},
		{"no path", []string{"process", "-out", out}, "photo or folder"},
		{"unknown preset", []string{"process", "-preset", "pinterest-pin,myspace", "-out", out, shoot}, "tumblr-post"},
		{"missing path", []string{"process", "-out", out, filepath.Join(shoot, "nope")}, "cannot find"},
		{"out inside input", []string{"process", "-out", filepath.Join(shoot, "results"), shoot}, "inside the folder"},
		{"out is an input", []string{"process", "-out", photoPath, photoPath}, "input"},
		{"bad scale", []string{"process", "-logo-scale", "3", "-out", out, shoot}, "-logo-scale"},
		{"bad opacity", []string{"process", "-logo-opacity", "-1", "-out", out, shoot}, "-logo-opacity"},
		{"logo not an image", []string{"process", "-logo", notLogo, "-out", out, shoot}, "notes.txt"},
		{"unknown flag", []string{"process", "-colour", "red", "-out", out, shoot}, "picmark process: there is no option -colour: check its spelling"},
		{"unknown command", []string{"resize"}, `picmark: "resize" is not a picmark command`},
		{"no command", nil, "Usage"},
		{"presets with args", []string{"presets", "x"}, `picmark presets: "x" is one argument too many`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(shoot, "results")); err == nil {
		t.Error("a refused -out was created inside the input folder")
	}
}

func TestPresetsListsEveryPreset(t *testing.T) {
	code, stdout, _ := runCLI(t, "presets")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, p := range preset.All() {
		if !strings.Contains(stdout, p.ID) || !strings.Contains(stdout, p.Size(msg.English)) {
			t.Errorf("presets output lacks %s (%s)", p.ID, p.Size(msg.English))
		}
	}
	if !strings.Contains(stdout, "top 150, bottom 150") {
		t.Error("snapchat-story's safe zone is missing")
	}
}

func TestCLIHelp(t *testing.T) {
	if code, stdout, _ := runCLI(t, "help"); code != 0 || !strings.Contains(stdout, "picmark process") {
		t.Errorf("help: exit %d\n%s", code, stdout)
	}
	if code, _, _ := runCLI(t, "process", "-h"); code != 0 {
		t.Errorf("process -h: exit %d", code)
	}
}

// ---- issue 3: the engine's flags, end to end through run() ----

// solid is a w×h picture of one colour.
func solid(w, h int, c color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return m
}

func fillRect(m *image.RGBA, r image.Rectangle, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			m.SetRGBA(x, y, c)
		}
	}
}

// writePresets writes ps as a custom presets file and returns its path.
func writePresets(t *testing.T, ps ...preset.Preset) string {
	t.Helper()
	data, err := json.Marshal(ps)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "presets.json")
	writeFiles(t, filepath.Dir(name), map[string][]byte{"presets.json": data})
	return name
}

// smallPresets are quick custom formats: a square and a tall one with a
// safe zone, like a story's.
var (
	presetSquare = preset.Preset{ID: "shop-square", Name: "Shop square", Width: 200, Height: 200, MaxBytes: 1 << 20}
	presetTall   = preset.Preset{ID: "shop-tall", Name: "Shop tall", Width: 240, Height: 480, MaxBytes: 1 << 20,
		Safe: preset.Insets{Top: 60, Bottom: 80}}
)

// mustRun runs picmark and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, _, stderr := runCLI(t, args...); code != 0 {
		t.Fatalf("picmark %s: exit %d; stderr:\n%s", strings.Join(args, " "), code, stderr)
	}
}

// decodeOutput decodes one output file with the standard decoders.
func decodeOutput(t *testing.T, name string) (image.Image, string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("missing output: %v", err)
	}
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s does not decode: %v", name, err)
	}
	return img, format
}

// readReport reads report.csv in an output folder.
func readReport(t *testing.T, dir string) []batch.Line {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := batch.ReadCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

type rgb struct{ r, g, b int }

func at(img image.Image, x, y int) rgb {
	r, g, b, _ := img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y).RGBA()
	return rgb{int(r >> 8), int(g >> 8), int(b >> 8)}
}

// near reports whether every channel is within tol.
func (c rgb) near(d rgb, tol int) bool {
	return abs(c.r-d.r) <= tol && abs(c.g-d.g) <= tol && abs(c.b-d.b) <= tol
}

func (c rgb) diff(d rgb) int { return max(abs(c.r-d.r), abs(c.g-d.g), abs(c.b-d.b)) }

func abs(v int) int { return max(v, -v) }

// isRed and isBlue are the test logos' opaque colours, after JPEG.
func (c rgb) isRed() bool  { return c.r > 200 && c.g < 70 && c.b < 70 }
func (c rgb) isBlue() bool { return c.b > 200 && c.r < 70 && c.g < 70 }

// count counts the pixels of r in img for which f holds.
func count(img image.Image, r image.Rectangle, f func(rgb) bool) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if f(at(img, x, y)) {
				n++
			}
		}
	}
	return n
}

// checkRows checks the report has one done row per input × preset, each
// naming an output of the reported size that exists in dir.
func checkRows(t *testing.T, dir string, rows []batch.Line, inputs, presets []string) map[string]batch.Line {
	t.Helper()
	if len(rows) != len(inputs)*len(presets) {
		t.Errorf("report has %d rows, want %d (one per input × preset)", len(rows), len(inputs)*len(presets))
	}
	byKey := map[string]batch.Line{}
	for _, r := range rows {
		byKey[r.Input+" "+r.Preset] = r
	}
	for _, in := range inputs {
		for _, p := range presets {
			r, ok := byKey[in+" "+p]
			if !ok {
				t.Errorf("no report row for %s × %s", in, p)
				continue
			}
			if r.Status != batch.StatusDone {
				t.Errorf("%s × %s: %s %q", in, p, r.Status, r.Message)
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(r.Output)))
			if err != nil || int64(len(data)) != r.Bytes {
				t.Errorf("%s × %s: report says %s of %d bytes; file: %d bytes, %v", in, p, r.Output, r.Bytes, len(data), err)
				continue
			}
			if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != r.Width || cfg.Height != r.Height {
				t.Errorf("%s × %s: report says %d×%d; file is %d×%d (%v)", in, p, r.Width, r.Height, cfg.Width, cfg.Height, err)
			}
		}
	}
	return byKey
}

// leftSubject is a dark 400×200 photo with a bright block on its left
// quarter: which part a 1:1 crop keeps shows at a known spot.
func leftSubject(t *testing.T) string {
	t.Helper()
	m := solid(400, 200, color.RGBA{20, 20, 20, 255})
	fillRect(m, image.Rect(0, 0, 100, 200), color.RGBA{250, 250, 250, 255})
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"p.jpg": encodeJPEG(t, m)})
	return filepath.Join(dir, "p.jpg")
}

func TestProcessCropAnchorsAndFocal(t *testing.T) {
	in := leftSubject(t)
	presets := writePresets(t, presetSquare)
	bright := rgb{250, 250, 250}
	dark := rgb{20, 20, 20}
	outputs := map[string][]byte{}
	for _, tc := range []struct {
		name string
		args []string
		want rgb // at (50, 100) of the 200×200 output
	}{
		{"left", []string{"-crop", "left"}, bright},
		{"right", []string{"-crop", "right"}, dark},
		{"center", []string{"-crop", "center"}, dark}, // x 150 of the photo
		{"focal alone left", []string{"-focal", "0.1,0.5"}, bright},
		{"focal alone right", []string{"-focal", "0.9,0.5"}, dark},
		{"crop focal", []string{"-crop", "focal", "-focal", "10%,50%"}, bright},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"process", "-presets", presets, "-preset", presetSquare.ID, "-out", out}, tc.args...)
			mustRun(t, append(args, in)...)
			name := filepath.Join(out, presetSquare.ID, "p.jpg")
			img, _ := decodeOutput(t, name)
			if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 200 {
				t.Fatalf("output is %v, want 200×200", b)
			}
			if got := at(img, 50, 100); !got.near(tc.want, 30) {
				t.Errorf("pixel (50,100) is %v, want about %v", got, tc.want)
			}
			outputs[tc.name], _ = os.ReadFile(name)
			checkRows(t, out, readReport(t, out), []string{"p.jpg"}, []string{presetSquare.ID})
		})
	}
	// A focal point at the edge is clamped: the same crop as the anchor.
	if !bytes.Equal(outputs["focal alone left"], outputs["left"]) || !bytes.Equal(outputs["crop focal"], outputs["left"]) {
		t.Error("-focal 0.1,0.5 does not crop like -crop left")
	}
	if !bytes.Equal(outputs["focal alone right"], outputs["right"]) {
		t.Error("-focal 0.9,0.5 does not crop like -crop right")
	}
}

// TestProcessSmartCrop: a colourful, detailed subject at the side of a flat
// photo is kept by -crop smart, and cut by the centre crop.
func TestProcessSmartCrop(t *testing.T) {
	m := solid(600, 200, color.RGBA{128, 128, 128, 255})
	for y := 20; y < 180; y++ {
		for x := 20; x < 140; x++ {
			c := color.RGBA{230, 30, 40, 255}
			if (x/10+y/10)%2 == 0 {
				c = color.RGBA{30, 200, 60, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"p.jpg": encodeJPEG(t, m)})
	presets := writePresets(t, presetSquare)
	colourful := func(c rgb) bool { return max(c.r, c.g, c.b)-min(c.r, c.g, c.b) > 100 }
	subject := map[string]int{}
	for _, mode := range []string{"smart", "center", ""} { // "": no -crop, the default
		out := filepath.Join(t.TempDir(), "out")
		args := []string{"process", "-presets", presets, "-preset", presetSquare.ID, "-out", out}
		if mode != "" {
			args = append(args, "-crop", mode)
		}
		mustRun(t, append(args, filepath.Join(dir, "p.jpg"))...)
		img, _ := decodeOutput(t, filepath.Join(out, presetSquare.ID, "p.jpg"))
		subject[mode] = count(img, img.Bounds(), colourful)
	}
	if subject[""] != subject["smart"] {
		t.Errorf("with no -crop %d subject pixels kept, with -crop smart %d: smart framing is not the default", subject[""], subject["smart"])
	}
	// The subject is 120×160 of the photo: a 200×200 crop can hold it all.
	if subject["smart"] < 120*160*9/10 {
		t.Errorf("-crop smart kept %d subject pixels, want nearly all %d", subject["smart"], 120*160)
	}
	if subject["center"] != 0 {
		t.Errorf("the centre crop holds %d subject pixels: the test photo is wrong", subject["center"])
	}
}

// landscape is a 600×400 structured photo for the 1080×1920 story.
func landscape(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"land.jpg": encodeJPEG(t, photo(600, 400))})
	return filepath.Join(dir, "land.jpg")
}

// storyBands are the parts of a 1080×1920 story above and below a 3:2
// photo fitted inside it (the photo is 1080×720, centred), keeping off
// the edges where the JPEG blocks mix band and photo.
func storyBands() []image.Rectangle {
	top := (1920 - 1080*400/600) / 2
	return []image.Rectangle{image.Rect(0, 0, 1080, top-16), image.Rect(0, 1920-top+16, 1080, 1920)}
}

func TestProcessFitPadStory(t *testing.T) {
	in := landscape(t)
	pad := rgb{0x33, 0x66, 0xCC}
	for _, tc := range []struct {
		name string
		args []string
		want rgb
	}{
		{"pad colour", []string{"-pad-color", "#3366CC"}, pad},
		{"default white", nil, rgb{255, 255, 255}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			mustRun(t, append([]string{"process", "-preset", "snapchat-story", "-fit", "pad", "-out", out, in}, tc.args...)...)
			img, _ := decodeOutput(t, filepath.Join(out, "snapchat-story", "land.jpg"))
			if b := img.Bounds(); b.Dx() != 1080 || b.Dy() != 1920 {
				t.Fatalf("story is %v, want 1080×1920", b)
			}
			for _, band := range storyBands() {
				bad := count(img, band, func(c rgb) bool { return !c.near(tc.want, 8) })
				if bad > 0 {
					t.Errorf("%d pixels of the band %v are not the pad colour %v (e.g. %v)", bad, band, tc.want, at(img, band.Min.X+540, band.Min.Y+10))
				}
			}
			// The whole photo is there: its corners' colours, not the pad.
			for _, p := range []image.Point{{20, 620}, {1060, 620}, {20, 1300}, {1060, 1300}, {540, 960}} {
				if c := at(img, p.X, p.Y); c.near(tc.want, 30) {
					t.Errorf("pixel %v is the pad colour %v: the photo is not there", p, c)
				}
			}
			rows := readReport(t, out)
			checkRows(t, out, rows, []string{"land.jpg"}, []string{"snapchat-story"})
			if len(rows) == 1 && !strings.Contains(rows[0].Message, "upscaled") {
				t.Errorf("the report does not say the 600×400 photo was enlarged: %q", rows[0].Message)
			}
		})
	}
}

func TestProcessFitBlurStory(t *testing.T) {
	in := landscape(t)
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "process", "-preset", "snapchat-story", "-fit", "blur", "-pad-color", "#3366CC", "-out", out, in)
	img, _ := decodeOutput(t, filepath.Join(out, "snapchat-story", "land.jpg"))
	if b := img.Bounds(); b.Dx() != 1080 || b.Dy() != 1920 {
		t.Fatalf("story is %v, want 1080×1920", b)
	}
	// The photo's 40 px blocks have hard edges; the band has none.
	for _, band := range storyBands() {
		steps, lo, hi := 0, rgb{255, 255, 255}, rgb{}
		for y := band.Min.Y; y < band.Max.Y; y += 7 {
			for x := band.Min.X; x < band.Max.X-1; x++ {
				c := at(img, x, y)
				steps = max(steps, c.diff(at(img, x+1, y)))
				if y+1 < band.Max.Y {
					steps = max(steps, c.diff(at(img, x, y+1)))
				}
				lo = rgb{min(lo.r, c.r), min(lo.g, c.g), min(lo.b, c.b)}
				hi = rgb{max(hi.r, c.r), max(hi.g, c.g), max(hi.b, c.b)}
			}
		}
		if steps > 10 {
			t.Errorf("band %v has a step of %d between neighbours: not smooth", band, steps)
		}
		// Made of the photo (a red gradient across), not a flat colour.
		if hi.r-lo.r < 60 {
			t.Errorf("band %v spans reds %d..%d: not the photo's colours", band, lo.r, hi.r)
		}
		pad := count(img, band, func(c rgb) bool { return c.near(rgb{0x33, 0x66, 0xCC}, 12) || c.near(rgb{255, 255, 255}, 12) })
		if pad > band.Dx()*band.Dy()/100 {
			t.Errorf("band %v has %d pixels of a pad colour", band, pad)
		}
	}
	// The photo itself is sharp: its blocks' edges survive in the middle.
	sharp := 0
	for x := 0; x < 1079; x++ {
		sharp = max(sharp, at(img, x, 960).diff(at(img, x+1, 960)))
	}
	if sharp < 60 {
		t.Errorf("the photo row has no edge over %d: the photo is blurred too", sharp)
	}
}

// TestProcessText: the text appears, and only inside the safe area; a
// longer text covers more of it.
func TestProcessText(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"p.jpg": encodeJPEG(t, solid(480, 960, color.RGBA{128, 128, 128, 255}))})
	in := filepath.Join(dir, "p.jpg")
	presets := writePresets(t, presetTall)
	render := func(args ...string) image.Image {
		out := filepath.Join(t.TempDir(), "out")
		mustRun(t, append(append([]string{"process", "-presets", presets, "-preset", presetTall.ID, "-out", out}, args...), in)...)
		img, _ := decodeOutput(t, filepath.Join(out, presetTall.ID, "p.jpg"))
		if b := img.Bounds(); b.Dx() != presetTall.Width || b.Dy() != presetTall.Height {
			t.Fatalf("output is %v, want %d×%d", b, presetTall.Width, presetTall.Height)
		}
		return img
	}
	plain := render()
	safe := image.Rect(0, presetTall.Safe.Top, presetTall.Width, presetTall.Height-presetTall.Safe.Bottom)
	width := map[string]int{}
	for _, text := range []string{"Hi", "Spring sale -20%"} {
		img := render("-text", text)
		changed, outside, white := 0, 0, 0
		var box image.Rectangle
		for y := 0; y < presetTall.Height; y++ {
			for x := 0; x < presetTall.Width; x++ {
				c := at(img, x, y)
				if c.diff(at(plain, x, y)) <= 40 {
					continue
				}
				changed++
				box = box.Union(image.Rect(x, y, x+1, y+1))
				if !image.Pt(x, y).In(safe) {
					outside++
				}
				if c.near(rgb{255, 255, 255}, 30) {
					white++
				}
			}
		}
		if changed < 30 || white < 10 {
			t.Errorf("-text %q changed %d pixels (%d white): no text", text, changed, white)
		}
		if outside > 0 {
			t.Errorf("-text %q: %d text pixels are outside the safe area %v (text at %v)", text, outside, safe, box)
		}
		width[text] = box.Dx()
	}
	if width["Spring sale -20%"] < 3*width["Hi"] {
		t.Errorf("text widths %v: the longer text is not wider", width)
	}
}

// logoPNG is an opaque logo of one colour.
func logoPNG(t *testing.T, w, h int, c color.RGBA) []byte {
	t.Helper()
	return encodePNG(t, solid(w, h, c))
}

// quadrants counts logo pixels in the four quarters of img.
func quadrants(img image.Image, f func(rgb) bool) (tl, tr, bl, br int) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	return count(img, image.Rect(0, 0, w/2, h/2), f), count(img, image.Rect(w/2, 0, w, h/2), f),
		count(img, image.Rect(0, h/2, w/2, h), f), count(img, image.Rect(w/2, h/2, w, h), f)
}

func TestProcessBrandKit(t *testing.T) {
	dir := t.TempDir()
	opaque := 1.0
	kit := &brand.File{
		Version: brand.FileVersion,
		Name:    "Shop",
		Presets: []string{presetSquare.ID, "tumblr-avatar"},
		Custom:  []preset.Preset{presetSquare},
		Logo:    &brand.LogoFile{Data: logoPNG(t, 40, 20, color.RGBA{255, 0, 0, 255}), Anchor: "bottom-right", Scale: 0.3, Opacity: &opaque},
		Texts:   []brand.TextFile{{Content: "SHOP", Anchor: "top", Size: 0.1, Color: "#FFFFFF"}},
	}
	data, err := kit.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{
		"kit.json":    data,
		"blue.png":    logoPNG(t, 40, 20, color.RGBA{0, 0, 255, 255}),
		"shoot/p.jpg": encodeJPEG(t, solid(600, 600, color.RGBA{128, 128, 128, 255})),
	})
	kitFile, in := filepath.Join(dir, "kit.json"), filepath.Join(dir, "shoot", "p.jpg")
	whiteText := func(c rgb) bool { return c.near(rgb{255, 255, 255}, 40) }

	run := func(t *testing.T, args ...string) (string, map[string][]byte) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out")
		mustRun(t, append(append([]string{"process", "-brand", kitFile, "-out", out}, args...), in)...)
		return out, readDirOutputs(t, out)
	}
	sizes := map[string][2]int{presetSquare.ID: {200, 200}, "tumblr-avatar": {512, 512}}

	t.Run("kit alone", func(t *testing.T) {
		out, files := run(t)
		if got := strings.Join(keys(files), " "); got != "report.csv shop-square/p.jpg tumblr-avatar/p.jpg" {
			t.Fatalf("outputs %s, want the kit's two formats", got)
		}
		checkRows(t, out, readReport(t, out), []string{"p.jpg"}, []string{presetSquare.ID, "tumblr-avatar"})
		for id, size := range sizes {
			img, _ := decodeOutput(t, filepath.Join(out, id, "p.jpg"))
			if b := img.Bounds(); b.Dx() != size[0] || b.Dy() != size[1] {
				t.Errorf("%s is %v, want %v", id, b, size)
			}
			tl, tr, bl, br := quadrants(img, rgb.isRed)
			if br < 20 || tl+tr+bl > 0 {
				t.Errorf("%s: red logo pixels by quarter %d %d %d %d, want all bottom-right", id, tl, tr, bl, br)
			}
			tl, tr, bl, br = quadrants(img, whiteText)
			if tl+tr < 20 || bl+br > 0 {
				t.Errorf("%s: text pixels by quarter %d %d %d %d, want the top only", id, tl, tr, bl, br)
			}
		}
	})
	t.Run("-preset overrides the kit's formats", func(t *testing.T) {
		_, files := run(t, "-preset", "tumblr-avatar")
		if got := strings.Join(keys(files), " "); got != "report.csv tumblr-avatar/p.jpg" {
			t.Errorf("outputs %s, want tumblr-avatar only", got)
		}
	})
	t.Run("-logo-anchor overrides the kit's anchor", func(t *testing.T) {
		out, _ := run(t, "-logo-anchor", "top-left")
		for id := range sizes {
			img, _ := decodeOutput(t, filepath.Join(out, id, "p.jpg"))
			tl, tr, bl, br := quadrants(img, rgb.isRed)
			if tl < 20 || tr+bl+br > 0 {
				t.Errorf("%s: red logo pixels by quarter %d %d %d %d, want all top-left", id, tl, tr, bl, br)
			}
		}
	})
	t.Run("-logo replaces the kit's logo, keeping its placement", func(t *testing.T) {
		out, _ := run(t, "-logo", filepath.Join(dir, "blue.png"))
		img, _ := decodeOutput(t, filepath.Join(out, presetSquare.ID, "p.jpg"))
		if _, _, _, br := quadrants(img, rgb.isRed); br > 0 {
			t.Errorf("%d red pixels: the kit's logo is still there", br)
		}
		if tl, tr, bl, br := quadrants(img, rgb.isBlue); br < 20 || tl+tr+bl > 0 {
			t.Errorf("blue logo pixels by quarter %d %d %d %d, want all bottom-right", tl, tr, bl, br)
		}
	})
	t.Run("-text replaces the kit's text, keeping its place", func(t *testing.T) {
		kitOut, _ := run(t)
		textOut, _ := run(t, "-text", "SALE")
		a, _ := decodeOutput(t, filepath.Join(kitOut, presetSquare.ID, "p.jpg"))
		b, _ := decodeOutput(t, filepath.Join(textOut, presetSquare.ID, "p.jpg"))
		diff := image.Rectangle{}
		for y := 0; y < 200; y++ {
			for x := 0; x < 200; x++ {
				if at(a, x, y).diff(at(b, x, y)) > 60 {
					diff = diff.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if diff.Empty() || diff.Max.Y > 100 {
			t.Errorf("-text changed %v, want a change at the top (the kit text's anchor)", diff)
		}
	})
}

func TestProcessCustomPresetsAndNames(t *testing.T) {
	wide := preset.Preset{ID: "shop-banner", Width: 300, Height: 100, MaxBytes: 1 << 20}
	presets := writePresets(t, presetSquare, wide)
	shoot := filepath.Join(t.TempDir(), "shoot")
	writeFiles(t, shoot, map[string][]byte{
		"a.jpg":     encodeJPEG(t, photo(500, 400)),
		"sub/a.png": encodePNG(t, photo(160, 120)), // same name, another folder; smaller than the banner
	})
	out := filepath.Join(t.TempDir(), "out")
	ids := []string{presetSquare.ID, wide.ID}
	mustRun(t, "process", "-presets", presets, "-preset", strings.Join(ids, ","), "-name", "{preset}-{name}-{w}x{h}", "-out", out, shoot)

	files := readDirOutputs(t, out)
	var want []string
	for _, p := range []preset.Preset{presetSquare, wide} {
		flat := fmt.Sprintf("%s-a-%dx%d", p.ID, p.Width, p.Height)
		want = append(want, flat+".jpg", flat+" (2).jpg") // two inputs named a: kept apart
	}
	want = append(want, "report.csv")
	sort.Strings(want)
	if got := keys(files); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("outputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rows := readReport(t, out)
	byKey := checkRows(t, out, rows, []string{"shoot/a.jpg", "shoot/sub/a.png"}, ids)
	for _, p := range []preset.Preset{presetSquare, wide} {
		for _, in := range []string{"shoot/a.jpg", "shoot/sub/a.png"} {
			if r := byKey[in+" "+p.ID]; r.Width != p.Width || r.Height != p.Height {
				t.Errorf("%s × %s is %d×%d, want the custom size %d×%d", in, p.ID, r.Width, r.Height, p.Width, p.Height)
			}
		}
	}
	// The 160×120 photo is enlarged for the 300×100 banner, and the report says so.
	if r := byKey["shoot/sub/a.png "+wide.ID]; !strings.Contains(r.Message, "upscaled") {
		t.Errorf("report for the enlarged photo: %q, want it to say upscaled", r.Message)
	}
	if r := byKey["shoot/a.jpg "+presetSquare.ID]; r.Message != "" {
		t.Errorf("report for a plain output has a note: %q", r.Message)
	}
}

func TestProcessFormatAndQuality(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"a.jpg": encodeJPEG(t, photo(400, 400))})
	in := filepath.Join(dir, "a.jpg")
	tinyCap := preset.Preset{ID: "shop-tiny-cap", Width: 200, Height: 200, MaxBytes: 2000}
	presets := writePresets(t, presetSquare, tinyCap)

	t.Run("png", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := runCLI(t, "process", "-presets", presets, "-preset", presetSquare.ID+",instagram-square,"+tinyCap.ID,
			"-format", "png", "-out", out, in)
		if code != 1 { // the tiny cap cannot be met by a PNG
			t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
		}
		img, format := decodeOutput(t, filepath.Join(out, presetSquare.ID, "a.png"))
		if format != "png" || img.Bounds().Dx() != 200 || img.Bounds().Dy() != 200 {
			t.Errorf("%s/a.png is a %s of %v, want a 200×200 PNG", presetSquare.ID, format, img.Bounds())
		}
		rows := readReport(t, out)
		byKey := checkRows(t, out, rows[:2], []string{"a.jpg"}, []string{presetSquare.ID, "instagram-square"})
		if r := byKey["a.jpg "+presetSquare.ID]; r.Output != presetSquare.ID+"/a.png" || r.Bytes > presetSquare.MaxBytes {
			t.Errorf("PNG row: %+v, want %s/a.png under %d bytes", r, presetSquare.ID, presetSquare.MaxBytes)
		}
		// Instagram takes JPEG only: a JPEG, named so, and the report says why.
		ig := byKey["a.jpg instagram-square"]
		if _, format := decodeOutput(t, filepath.Join(out, "instagram-square", "a.jpg")); format != "jpeg" || ig.Output != "instagram-square/a.jpg" {
			t.Errorf("instagram-square: %s in %s, want a JPEG", format, ig.Output)
		}
		if !strings.Contains(ig.Message, "JPEG") {
			t.Errorf("instagram-square's note %q does not say it made a JPEG", ig.Message)
		}
		if len(rows) != 3 {
			t.Fatalf("%d rows, want 3", len(rows))
		}
		if r := rows[2]; r.Preset != tinyCap.ID || r.Status != batch.StatusFailed || !strings.Contains(r.Message, "PNG") || !strings.Contains(r.Message, "limit") {
			t.Errorf("over-the-cap row: %+v, want failed saying the PNG is over the limit", r)
		}
		if _, err := os.Stat(filepath.Join(out, tinyCap.ID)); err == nil {
			t.Error("an output over the cap was written")
		}
		if !strings.Contains(stderr, "a.jpg") || !strings.Contains(stderr, "limit") {
			t.Errorf("stderr does not say which file failed and why:\n%s", stderr)
		}
	})

	t.Run("quality", func(t *testing.T) {
		size := map[string]int64{}
		for _, q := range []string{"30", "95"} {
			out := filepath.Join(t.TempDir(), "out")
			mustRun(t, "process", "-presets", presets, "-preset", presetSquare.ID, "-quality", q, "-out", out, in)
			rows := readReport(t, out)
			checkRows(t, out, rows, []string{"a.jpg"}, []string{presetSquare.ID})
			if _, format := decodeOutput(t, filepath.Join(out, presetSquare.ID, "a.jpg")); format != "jpeg" {
				t.Errorf("-quality %s gave a %s", q, format)
			}
			size[q] = rows[0].Bytes
		}
		if size["30"] >= size["95"]*2/3 {
			t.Errorf("-quality 30 gives %d bytes, -quality 95 gives %d: a lower quality must be much smaller", size["30"], size["95"])
		}
	})
}

func TestProcessIssue3UsageErrors(t *testing.T) {
	dir := t.TempDir()
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`)
	svgKit, _ := (&brand.File{Version: brand.FileVersion, Logo: &brand.LogoFile{Data: svg}}).Marshal()
	writeFiles(t, dir, map[string][]byte{
		"p.jpg":       encodeJPEG(t, photo(300, 200)),
		"logo.svg":    svg,
		"svgkit.json": svgKit,
		"broken.json": []byte(`{"version": 1, "presets": [`),
		"custom.json": []byte(`[{"id": "Shop Banner", "width": 300, "height": 100, "maxBytes": 1000}]`),
	})
	in := filepath.Join(dir, "p.jpg")
	presets := writePresets(t, presetSquare)
	for _, tc := range []struct {
		name string
		args []string
		want []string // in stderr
	}{
		{"unknown crop", []string{"-crop", "diagonal"}, []string{"diagonal", "center", "smart", "focal", "top-left", "bottom-right"}},
		{"unknown fit", []string{"-fit", "stretch"}, []string{"stretch", "fill", "pad", "blur"}},
		{"focal out of range", []string{"-focal", "1.5,0.2"}, []string{"-focal", "1.5,0.2", "between 0 and 1"}},
		{"focal not a point", []string{"-crop", "focal", "-focal", "left"}, []string{"-focal", "left"}},
		{"pad colour", []string{"-fit", "pad", "-pad-color", "#12"}, []string{"background colour", "#12", "#RRGGBB"}},
		{"format", []string{"-format", "webp"}, []string{"format", "webp", "jpeg", "png"}},
		{"quality", []string{"-quality", "101"}, []string{"quality", "101"}},
		{"bad template", []string{"-name", "{preset}/{nam}"}, []string{"naming template", "{nam}"}},
		{"template without name", []string{"-name", "{preset}-{w}x{h}"}, []string{"naming template", "{name}"}},
		{"template escapes", []string{"-name", "../{name}"}, []string{"naming template", ".."}},
		{"SVG logo", []string{"-logo", filepath.Join(dir, "logo.svg")}, []string{"logo.svg", "is an SVG", "PNG"}},
		{"SVG logo in a kit", []string{"-brand", filepath.Join(dir, "svgkit.json")}, []string{"svgkit.json", "SVG"}},
		{"broken kit", []string{"-brand", filepath.Join(dir, "broken.json")}, []string{"broken.json"}},
		{"missing kit", []string{"-brand", filepath.Join(dir, "nope.json")}, []string{"nope.json", "check the path"}},
		{"kit is a folder", []string{"-brand", dir}, []string{"brand kit", "not a file"}},
		{"bad presets file", []string{"-presets", filepath.Join(dir, "custom.json")}, []string{"custom.json", "Shop Banner"}},
		{"missing presets file", []string{"-presets", filepath.Join(dir, "nope.json")}, []string{"formats file", "nope.json", "check the path"}},
		{"custom preset not defined", []string{"-preset", presetSquare.ID}, []string{"is unknown", presetSquare.ID}},
		{"unknown preset lists custom ones", []string{"-presets", presets, "-preset", "myspace"}, []string{"myspace", presetSquare.ID, "pinterest-pin"}},
		{"no preset", []string{"-preset", ""}, []string{"-preset"}},
		{"focal with another crop", []string{"-crop", "smart", "-focal", "0.2,0.3"}, []string{"-focal", "-crop"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCLI(t, append(append([]string{"process", "-out", out}, tc.args...), in)...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stdout %q", code, stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			// One message, saying each thing once: a file named twice
			// reads like a stutter.
			first, _, _ := strings.Cut(stderr, "\n")
			for _, a := range tc.args {
				if strings.HasPrefix(a, dir) && strings.Count(first, a) != 1 {
					t.Errorf("the message names %s %d times: %s", a, strings.Count(first, a), first)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused command created -out")
			}
		})
	}
}

// TestProcessPresetsFileAlone: like a format added in the page, a -presets
// FILE's formats are made beside the default ones (or the kit's) unless
// -preset says exactly which to make.
func TestProcessPresetsFileAlone(t *testing.T) {
	presets := writePresets(t, presetSquare, presetTall)
	dir := t.TempDir()
	kit, err := (&brand.File{Version: brand.FileVersion, Presets: []string{"tumblr-avatar"}}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{"p.jpg": encodeJPEG(t, photo(300, 300)), "kit.json": kit})
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"with the defaults", nil, append(append([]string(nil), preset.DefaultIDs...), presetSquare.ID, presetTall.ID)},
		{"with the kit's", []string{"-brand", filepath.Join(dir, "kit.json")}, []string{"tumblr-avatar", presetSquare.ID, presetTall.ID}},
		{"-preset decides", []string{"-preset", presetTall.ID}, []string{presetTall.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			mustRun(t, append(append([]string{"process", "-presets", presets, "-out", out}, tc.args...), filepath.Join(dir, "p.jpg"))...)
			byKey := checkRows(t, out, readReport(t, out), []string{"p.jpg"}, tc.want)
			for _, p := range []preset.Preset{presetSquare, presetTall} {
				if r, ok := byKey["p.jpg "+p.ID]; ok && (r.Width != p.Width || r.Height != p.Height) {
					t.Errorf("%s is %d×%d, want %d×%d", p.ID, r.Width, r.Height, p.Width, p.Height)
				}
			}
		})
	}
}

// The command line speaks French where the locale says so (LC_ALL over
// LC_MESSAGES over LANG): its lines on stdout and stderr, report.csv's
// messages, and rapport.csv beside it, for French Excel. report.csv keeps
// the scripts' format: commas, English column names, the codes.
func TestProcessInFrench(t *testing.T) {
	shoot := badShoot(t)
	for _, env := range []struct {
		lcAll, lcMessages, lang string
		french                  bool
	}{
		{"fr_FR.UTF-8", "", "en_US.UTF-8", true},
		{"", "", "fr_CA", true},
		{"", "fr_BE.UTF-8", "en_GB.UTF-8", true},
		{"C", "", "fr_FR.UTF-8", false}, // LC_ALL wins
		{"", "en_US.UTF-8", "fr_FR.UTF-8", false},
	} {
		t.Run(env.lcAll+"/"+env.lcMessages+"/"+env.lang, func(t *testing.T) {
			t.Setenv("LC_ALL", env.lcAll)
			t.Setenv("LC_MESSAGES", env.lcMessages)
			t.Setenv("LANG", env.lang)
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCLI(t, "process", "-out", out, shoot)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
			}
			files := readDirOutputs(t, out)
			report, err := batch.ReadCSV(bytes.NewReader(files["report.csv"]))
			if err != nil {
				t.Fatal(err)
			}
			notes := map[string]batch.Line{}
			for _, l := range report {
				notes[l.Input] = l
			}
			rapport, hasRapport := files["rapport.csv"]
			if !env.french {
				if hasRapport || !strings.Contains(stdout, "1 system file left out") || !strings.Contains(stdout, "6 done, 9 failed — see ") ||
					!strings.Contains(stderr, "notes.txt: is not an image picmark can read") || notes["shoot/notes.txt"].Code != "not-image" {
					t.Errorf("in English: rapport.csv %v; stdout %q; stderr %q", hasRapport, stdout, stderr)
				}
				return
			}
			if code, _, stderr := runCLI(t, "process", shoot); code != 2 || !strings.Contains(stderr, "picmark process: dites où écrire les résultats avec -out DOSSIER") {
				t.Errorf("without -out: exit %d, stderr %q", code, stderr)
			}
			if code, _, stderr := runCLI(t, "process", "-out", filepath.Join(shoot, "out"), shoot); code != 2 || !strings.Contains(stderr, "est dans le dossier "+shoot+" à traiter") {
				t.Errorf("-out inside the input: exit %d, stderr %q", code, stderr)
			}
			for _, want := range []string{"1 fichier système mis de côté", "6 images créées, 9 en échec — voir " + filepath.Join(out, "rapport.csv")} {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			for _, want := range []string{"notes.txt: n’est pas une image que picmark sait lire (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF ou BMP)",
				"truncated.jpg: a des données JPEG abîmées ou incomplètes (elles s’arrêtent trop tôt)\u00A0: exportez de nouveau le fichier",
				"huge.jpg: fait 65\u202F500×65\u202F500 pixels (4290 mégapixels)\u202F; picmark accepte jusqu’à 50 mégapixels\u00A0: exportez une copie plus petite"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if l := notes["shoot/notes.txt"]; l.Code != "not-image" || l.Status != batch.StatusFailed || !strings.HasPrefix(l.Message, "n’est pas une image") {
				t.Errorf("report.csv's line for notes.txt: %+v", l)
			}
			if !hasRapport {
				t.Fatalf("no rapport.csv beside report.csv: %q", keys(files))
			}
			if !bytes.HasPrefix(rapport, []byte("\xEF\xBB\xBFfichier;format;image créée;largeur;hauteur;octets;état;code;message")) {
				t.Errorf("rapport.csv starts %q", rapport[:min(len(rapport), 80)])
			}
			lines, err := batch.ReadCSV(bytes.NewReader(rapport))
			if err != nil || len(lines) != len(report) {
				t.Fatalf("rapport.csv: %d lines (report.csv %d), %v", len(lines), len(report), err)
			}
			for i, l := range lines {
				r := report[i]
				if l.Input != r.Input || l.Code != r.Code || l.Message != r.Message || l.Bytes != r.Bytes {
					t.Errorf("line %d: rapport.csv %+v, report.csv %+v", i, l, r)
				}
				if want := map[string]string{batch.StatusDone: "fait", batch.StatusFailed: "échec", batch.StatusLeftOut: "mis de côté"}[r.Status]; l.Status != want {
					t.Errorf("line %d: status %q, want %q", i, l.Status, want)
				}
				if p, ok := preset.Lookup(r.Preset); ok && l.Preset != p.NameFR {
					t.Errorf("line %d: format %q, want %q", i, l.Preset, p.NameFR)
				}
			}
		})
	}
}

// TestProcessKitInFrench: with LC_ALL=fr_FR.UTF-8, a broken brand kit, a
// broken formats file and bad flags are said in French, naming the file
// and saying what to do, before anything starts (exit status 2).
func TestProcessKitInFrench(t *testing.T) {
	t.Setenv("LC_ALL", "fr_FR.UTF-8")
	dir := t.TempDir()
	in := filepath.Join(dir, "shoot")
	writeFiles(t, in, map[string][]byte{"a.jpg": encodeJPEG(t, photo(400, 300))})
	kits := map[string]string{
		"coupe.json":    `{"version":1,"texts":[{"content":"Soldes"`,
		"couleur.json":  `{"version":1,"texts":[{"content":"Soldes"},{"content":"-20 %","band":"#12"}]}`,
		"opacite.json":  `{"version":1,"tile":{"text":"ACME","opacity":1.5}}`,
		"reglage.json":  `{"version":1,"texts":[{"content":"Soldes","taille":0.1}]}`,
		"formats.json":  `[{"id":"banniere","name":"Bannière","width":0,"height":400,"maxBytes":1000}]`,
		"nouveau.json":  `{"version":3}`,
		"police.json":   `{"version":1,"texts":[{"content":"Soldes","font":"Comic Sans"}]}`,
		"tableau.json":  `[]`,
		"marges.json":   `{"version":1,"custom":[{"id":"carre","name":"Carré","width":100,"height":100,"maxBytes":1000,"safe":{"top":50,"bottom":40}}],"presets":["carre"]}`,
		"sansdonn.json": `{"version":1,"logo":{"scale":0.2}}`,
		"logo.svg":      `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
	}
	for name, data := range kits {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	k := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-brand", k("coupe.json")}, "le kit de marque " + k("coupe.json") + " ne peut pas être utilisé\u00A0: le fichier est vide ou incomplet\u00A0: enregistrez-le ou exportez-le de nouveau"},
		{[]string{"-brand", k("couleur.json")}, "le kit de marque " + k("couleur.json") + " ne peut pas être utilisé\u00A0: le texte 2 a une couleur de bandeau «\u00A0#12\u00A0» illisible\u00A0: écrivez-la comme #FF8800"},
		{[]string{"-brand", k("opacite.json")}, "le kit de marque " + k("opacite.json") + " ne peut pas être utilisé\u00A0: le filigrane a une opacité de 150\u00A0%, hors de l’intervalle de 0\u00A0% à 100\u00A0%\u00A0: choisissez une valeur dans cet intervalle"},
		{[]string{"-brand", k("reglage.json")}, "le kit de marque " + k("reglage.json") + " ne peut pas être utilisé\u00A0: le réglage «\u00A0taille\u00A0» est inconnu de picmark\u00A0: vérifiez son orthographe"},
		{[]string{"-brand", k("nouveau.json")}, "le kit de marque " + k("nouveau.json") + " ne peut pas être utilisé\u00A0: c’est un kit de marque de version 3, et ce picmark lit la version 1\u00A0: mettez picmark à jour"},
		{[]string{"-brand", k("police.json")}, "le kit de marque " + k("police.json") + " ne peut pas être utilisé\u00A0: le texte 1 utilise la police «\u00A0Comic Sans\u00A0», qui n’est pas l’une de celles de picmark (bold, bold-italic, italic, medium, mono, mono-bold ou regular)\u00A0: choisissez-en une, ou ajoutez votre propre police"},
		{[]string{"-brand", k("tableau.json")}, "le kit de marque " + k("tableau.json") + " ne peut pas être utilisé\u00A0: le fichier n’est pas un kit de marque\u00A0: vérifiez que vous avez choisi le bon fichier"},
		{[]string{"-brand", k("marges.json")}, "le kit de marque " + k("marges.json") + " ne peut pas être utilisé\u00A0: le format «\u00A0Carré\u00A0» garde 50 + 40 pixels libres en haut et en bas, ce qui ne laisse que 10 de ses 100 pixels aux calques\u00A0: gardez-leur au moins un quart de la hauteur"},
		{[]string{"-brand", k("sansdonn.json")}, "le kit de marque " + k("sansdonn.json") + " ne peut pas être utilisé\u00A0: le logo n’a pas d’image\u00A0: choisissez de nouveau le logo dans la page, ou donnez-le avec -logo FICHIER"},
		{[]string{"-brand", k("absent.json")}, "impossible d’ouvrir le kit de marque " + k("absent.json") + "\u00A0: vérifiez le chemin"},
		{[]string{"-presets", k("formats.json")}, "le fichier de formats " + k("formats.json") + " ne peut pas être utilisé\u00A0: le format «\u00A0Bannière\u00A0» fait 0 pixel de large\u202F; un format peut faire de 1 à 16\u202F384 pixels de large\u00A0: changez sa largeur"},
		{[]string{"-preset", "pinterest-pn"}, "le format «\u00A0pinterest-pn\u00A0» est inconnu\u00A0: choisissez parmi " + strings.Join(preset.IDs(), ", ")},
		{[]string{"-logo-scale", "2"}, "-logo-scale 2 est hors limites\u00A0: donnez une part de la largeur entre 0.05 et 1, comme 0.2"},
		{[]string{"-logo-opacity", "3"}, "-logo-opacity 3 est hors limites\u00A0: donnez une valeur entre 0 et 1, comme 0.85"},
		{[]string{"-preset", ","}, "-preset ne nomme aucun format\u00A0: donnez-en au moins un, comme -preset pinterest-pin (picmark presets les liste)"},
		{[]string{"-logo", k("logo.svg")}, "le logo " + k("logo.svg") + " est un SVG, que la ligne de commande ne sait pas dessiner\u00A0: exportez le logo en PNG"},
		{[]string{"-focal", "0.2,0.3", "-crop", "top"}, "-focal va avec -crop focal (ou seul)\u202F; -crop top n’utilise pas de point focal"},
		{[]string{"-crop", "diagonale"}, "«\u00A0diagonale\u00A0» n’est pas une façon de cadrer\u00A0: utilisez smart, center, focal, top, bottom, left, right, top-left, top-right, bottom-left ou bottom-right"},
		{[]string{"-focal", "2,1"}, "-focal «\u00A02,1\u00A0» n’est pas un point focal\u00A0: écrivez deux fractions de la largeur et de la hauteur entre 0 et 1, comme 0.5,0.3"},
		{[]string{"-quality", "101"}, "la qualité est de 101\u202F; elle peut aller de 1 à 100\u00A0: 85 est un bon début"},
		{[]string{"-name", "{preset}-{w}"}, "le modèle de nom\u00A0: il lui faut {name}, {index} ou {col:Column}, sinon toutes les photos auraient le même nom de fichier"},
		{[]string{"-fit", "pad", "-pad-color", "rouge"}, "la couleur de fond\u00A0: «\u00A0rouge\u00A0» n’est pas une couleur\u00A0: écrivez-la comme #FF8800"},
	} {
		code, _, stderr := runCLI(t, append(append([]string{"process", "-out", filepath.Join(dir, "out")}, tc.args...), in)...)
		first, _, _ := strings.Cut(stderr, "\n")
		if want := "picmark process: " + tc.want; code != exitUsage || first != want {
			t.Errorf("%q: exit %d\n got %q\nwant %q", tc.args, code, first, want)
		}
	}
	// The flag package's own mistakes, and the commands'.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"process", "-qualite", "90", in}, "picmark process: l’option -qualite n’existe pas\u00A0: vérifiez son orthographe dans la liste ci-dessous"},
		{[]string{"process", in, "-quality", "bonne"}, "picmark process: l’option -quality n’accepte pas «\u00A0bonne\u00A0»\u00A0: voyez ce qu’elle accepte dans la liste ci-dessous"},
		{[]string{"process", in, "-out"}, "picmark process: l’option -out a besoin d’une valeur\u00A0: voyez la liste ci-dessous"},
		{[]string{"redimensionner"}, "picmark: «\u00A0redimensionner\u00A0» n’est pas une commande de picmark\u00A0: voyez les commandes ci-dessous"},
		{[]string{"presets", "tous"}, "picmark presets: «\u00A0tous\u00A0» est un argument en trop\u00A0: voyez l’usage ci-dessous"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if first, _, _ := strings.Cut(stderr, "\n"); code != exitUsage || first != tc.want {
			t.Errorf("%q: exit %d\n got %q\nwant %q", tc.args, code, first, tc.want)
		}
	}
}
