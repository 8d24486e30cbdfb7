//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gomono"

	"picmark/internal/brand"
)

// TestE2EKitOnlyKept: a brand kit written by hand sets what the page has
// no control for (the logo's margin, a layer's margin and lines, the tiled
// text's font, font file and size, the tiled logo's width), a later text
// layer's font file (the page's upload is the first layer's) and a tile
// colour of its own. Imported on
// the page, changed there (the logo's size) and exported, it keeps each of
// them as written; the page's batch honours them, making the pictures
// `picmark process -brand` makes with the exported kit (the logo in the
// very corner, as its margin 0 says), not those of a kit without them.
func TestE2EKitOnlyKept(t *testing.T) {
	env := e2eServe(t, e2eBudget, nil)
	s := env.s
	s.setPhase("kit-only")
	s.load(t, env.srv.URL)

	dir := t.TempDir()
	folder := filepath.Join(dir, "photos")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	grey := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for i := range grey.Pix {
		grey.Pix[i] = 128
	}
	if err := os.WriteFile(filepath.Join(folder, "grey.jpg"), e2eJPEG(t, grey, 95), 0o644); err != nil {
		t.Fatal(err)
	}
	kit := brand.File{Version: brand.FileVersion, Name: "Agency kit", Presets: []string{"pinterest-square"},
		Logo: &brand.LogoFile{Data: e2ePNG(t, e2eRedSquare()), Anchor: "top-left", Scale: 0.25, Margin: e2eShare(0)},
		Texts: []brand.TextFile{{Content: "Acme", Band: "#000000", Margin: e2eShare(0.07), Lines: 2},
			{Content: "Soldes", FontData: gomono.TTF, Anchor: "top-right"}},
		Tile: &brand.TileFile{Font: "mono", FontData: gomono.TTF, Size: 0.06, Scale: 0.1, Opacity: 0.2, Color: "#336699"},
	}
	data, err := kit.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	handPath := filepath.Join(dir, "agency-kit.json")
	if err := os.WriteFile(handPath, data, 0o644); err != nil {
		t.Fatal(err)
	}

	s.upload(t, "#kit-import", []string{handPath})
	s.waitJS(t, "the agency's kit in use", `document.querySelector("#kit-name") && document.querySelector("#kit-name").value === "Agency kit" && document.querySelector("#logo-scale").value === "25"`, 15*time.Second)
	// The second layer says it takes the kit's font file; the tile shows
	// its own colour.
	s.waitJS(t, "the kit's later font and tile colour shown", `!!document.querySelector("#layer-2-font-file") && document.querySelector("#tile-color").value === "#336699"`, 15*time.Second)
	s.wsSetValue(t, "#logo-scale", "30", "input")
	s.waitSetting(t, "the logo's new size", `S.logoScale === 30`)
	exported, _ := s.awaitDownload(t, "#export-kit")
	out, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	got, err := brand.ParseFile(out)
	if err != nil {
		t.Fatalf("the exported kit does not parse: %v", err)
	}
	if got.Logo == nil || got.Logo.Scale != 0.3 {
		t.Fatalf("the exported kit's logo is %+v, want the size changed on the page (0.3)", got.Logo)
	}
	type kept struct {
		LogoMargin          *float64
		TextMargin          *float64
		TextLines           int
		TileFont            string
		TileFontData        []byte
		TileSize, TileScale float64
		LaterFontData       []byte
		TileColor           string
	}
	keptOf := func(k *brand.File) (v kept) {
		if k.Logo != nil {
			v.LogoMargin = k.Logo.Margin
		}
		if len(k.Texts) > 0 {
			v.TextMargin, v.TextLines = k.Texts[0].Margin, k.Texts[0].Lines
		}
		if len(k.Texts) > 1 {
			v.LaterFontData = k.Texts[1].FontData
		}
		if k.Tile != nil {
			v.TileFont, v.TileFontData, v.TileSize, v.TileScale = k.Tile.Font, k.Tile.FontData, k.Tile.Size, k.Tile.Scale
			v.TileColor = k.Tile.Color
		}
		return v
	}
	if g, w := keptOf(got), keptOf(&kit); !reflect.DeepEqual(g, w) {
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		t.Errorf("the exported kit's kit-only keys are\n%.300s\nthe hand-written kit's\n%.300s", gj, wj)
	}

	// The page's batch against the command line's with the exported kit,
	// and with the same kit without its kit-only keys.
	s.dropFolder(t, folder)
	s.runBatch(t)
	page := e2eZipSome(t, s.download(t), func(name string) bool { return strings.HasSuffix(name, ".jpg") })
	bare := *got
	bareLogo, bareTile := *got.Logo, *got.Tile
	bareLogo.Margin, bareTile.Font, bareTile.FontData, bareTile.Size, bareTile.Scale = nil, "", nil, 0, 0
	bare.Logo, bare.Tile = &bareLogo, &bareTile
	bare.Texts = []brand.TextFile{got.Texts[0]}
	bare.Texts[0].Margin, bare.Texts[0].Lines = nil, 0
	cli := func(k *brand.File) map[string][]byte {
		raw, err := k.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "kit.json")
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		outDir := t.TempDir()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"process", "-brand", path, "-out", outDir, folder}, &stdout, &stderr); code != 0 {
			t.Fatalf("picmark process: exit status %d\n%s%s", code, stdout.String(), stderr.String())
		}
		return readDirOutputs(t, outDir)
	}
	same, without := cli(got), cli(&bare)
	if len(page) != 1 {
		t.Fatalf("the page made %d pictures, want 1", len(page))
	}
	for name, p := range page {
		pr, sr, wr := e2eRedBox(t, p), e2eRedBox(t, same[name]), e2eRedBox(t, without[name])
		t.Logf("%s: the logo at %v on the page, %v from picmark process -brand (exported kit), %v without the kit-only keys", name, pr, sr, wr)
		if pr.Empty() || !e2eNear(pr, sr, 2) {
			t.Errorf("%s: the page's logo is at %v, picmark process -brand's at %v: the page must make what the command line makes from the same kit", name, pr, sr)
		}
		if pr.Min.X > 2 || pr.Min.Y > 2 || e2eNear(pr, wr, 2) {
			t.Errorf("%s: the page's logo is at %v, want it in the very corner (margin 0), unlike a kit without it (%v)", name, pr, wr)
		}
		e2eCompareImages(t, name, p, same[name], "canvas")
	}
	s.checkConsole(t)
}

func e2eShare(x float64) *float64 { return &x }

// e2eRedBox is the bounds of a JPEG's plainly red pixels (the logo).
func e2eRedBox(t *testing.T, data []byte) image.Rectangle {
	t.Helper()
	img := e2eDecodeJPEG(t, data)
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R > 200 && c.G < 80 && c.B < 80 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// e2eNear says whether two boxes are the same to within d pixels a side.
func e2eNear(a, b image.Rectangle, d int) bool {
	return e2eAbs(a.Min.X-b.Min.X) <= d && e2eAbs(a.Min.Y-b.Min.Y) <= d && e2eAbs(a.Max.X-b.Max.X) <= d && e2eAbs(a.Max.Y-b.Max.Y) <= d
}
