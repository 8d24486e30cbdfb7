//go:build !wasm

package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
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

// badShoot is the bad-input folder: a photo, a nested photo, text,
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
	inputs := []string{"shoot/.DS_Store", "shoot/a.jpg", "shoot/huge.jpg", "shoot/notes.txt", "shoot/sub/b.png", "shoot/truncated.jpg"}
	if len(rows) != len(inputs)*3 {
		t.Errorf("report has %d rows, want %d (one per input × preset)", len(rows), len(inputs)*3)
	}
	per := map[string][]batch.Row{}
	for _, r := range rows {
		per[r.Input] = append(per[r.Input], r)
	}
	reason := map[string]string{
		"shoot/.DS_Store":     "not an image",
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
	if !strings.Contains(stdout, "6 done, 12 failed") {
		t.Errorf("summary: %q", stdout)
	}
	for _, name := range []string{"notes.txt", "huge.jpg", "truncated.jpg", ".DS_Store"} {
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
		{"unknown flag", []string{"process", "-colour", "red", "-out", out, shoot}, "colour"},
		{"unknown command", []string{"resize"}, "unknown command"},
		{"no command", nil, "Usage"},
		{"presets with args", []string{"presets", "x"}, "unexpected"},
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
		if !strings.Contains(stdout, p.ID) || !strings.Contains(stdout, p.Size()) {
			t.Errorf("presets output lacks %s (%s)", p.ID, p.Size())
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
