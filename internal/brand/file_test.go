package brand

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gomono"

	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

func pngBytes(t testing.TB, m image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func f64(v float64) *float64 { return &v }

// exampleFile is the kit written to testdata/kit.json.
func exampleFile(t testing.TB) *File {
	return &File{
		Version: FileVersion,
		Name:    "Acme Studio",
		Presets: []string{"instagram-story", "pinterest-pin", "acme-shop-banner"},
		Custom: []preset.Preset{{ID: "acme-shop-banner", Name: "Shop banner", Platform: "Custom", Width: 1200, Height: 400,
			MaxBytes: 1 << 20, Formats: []string{"jpeg", "png"}, Safe: preset.Insets{Left: 100, Right: 100}}},
		Logo: &LogoFile{Data: pngBytes(t, discLogo(24)), Anchor: "top-right", Scale: 0.15, Opacity: f64(0.9)},
		Texts: []TextFile{
			{Content: "Summer sale — 30% off", Font: "bold", Size: 0.06, Color: "#FFFFFF", Band: "#1E3A8ACC", Anchor: "bottom-left"},
			{Content: "@acme.studio", Font: "italic", Size: 0.035, Shadow: true, Anchor: "top-left", Margin: f64(0.02)},
		},
		Tile: &TileFile{Angle: f64(30), Spacing: f64(0.1), Opacity: 0.12},
	}
}

// TestExampleKit keeps testdata/kit.json (the example for people and
// for the page) readable; -update rewrites it from exampleFile.
func TestExampleKit(t *testing.T) {
	path := "testdata/kit.json"
	if *update {
		data, err := exampleFile(t).Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, exampleFile(t)) {
		t.Errorf("testdata/kit.json differs from exampleFile (run -update)")
	}
	k, err := f.Kit()
	if err != nil {
		t.Fatal(err)
	}
	ps, err := f.PresetList()
	if err != nil || len(ps) != 3 || ps[2].Width != 1200 {
		t.Fatalf("presets %v, %v", ps, err)
	}
	for _, p := range ps {
		for _, lr := range k.Rects(image.Rect(0, 0, p.Width, p.Height), p.Safe) {
			if lr.Skipped {
				t.Errorf("%s: %s skipped: %s", p.ID, lr.Layer, lr.Reason)
			}
		}
	}
}

func TestFileRoundTrip(t *testing.T) {
	f := exampleFile(t)
	f.Texts = append(f.Texts, TextFile{Content: "mono", FontData: gomono.TTF, Margin: f64(0)})
	f.Version = 0 // Marshal writes the current version
	data, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"version": 1`)) || !bytes.Contains(data, []byte(`"fontData": "`)) ||
		!bytes.Contains(data, []byte(`"maxBytes": 1048576`)) {
		t.Errorf("marshalled kit lacks a field:\n%.400s", data)
	}
	g, err := ParseFile(data)
	if err != nil {
		t.Fatal(err)
	}
	f.Version = FileVersion
	if !reflect.DeepEqual(f, g) {
		t.Errorf("round trip differs:\n%+v\n%+v", f, g)
	}
	again, err := g.Marshal()
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("second Marshal differs (%v)", err)
	}
}

func TestKitFromFile(t *testing.T) {
	f := exampleFile(t)
	cff, err := os.ReadFile("testdata/cff-test.otf") // OpenType with CFF outlines, from golang.org/x/image
	if err != nil {
		t.Fatal(err)
	}
	f.Texts = append(f.Texts, TextFile{Content: "01 Q", FontData: cff, Margin: f64(0)},
		TextFile{Content: "10", FontData: cff})
	k, err := f.Kit()
	if err != nil {
		t.Fatal(err)
	}
	if k.Logo == nil || k.Logo.Image.Bounds().Dx() != 24 || *k.Logo.Anchor != geom.TopRight || k.Logo.Opacity != 0.9 || k.Logo.Margin != 0 {
		t.Errorf("logo %+v", k.Logo)
	}
	t0 := k.Texts[0]
	if t0.Band == nil || *t0.Band != (color.NRGBA{0x1E, 0x3A, 0x8A, 0xCC}) || t0.Anchor != geom.BottomLeft || t0.Color != (color.NRGBA{255, 255, 255, 255}) {
		t.Errorf("text 1 %+v", t0)
	}
	if k.Texts[1].Margin != 0.02 || !k.Texts[1].Shadow {
		t.Errorf("text 2 %+v", k.Texts[1])
	}
	if k.Texts[2].Margin != -1 || k.Texts[2].Anchor != geom.Bottom {
		t.Errorf("text 3: explicit margin 0 is none (-1), default anchor bottom: %+v", k.Texts[2])
	}
	if k.Texts[2].Font != k.Texts[3].Font {
		t.Error("the same font data was parsed twice")
	}
	if k.Tile == nil || k.Tile.Angle != 30 || k.Tile.Spacing != 0.1 || k.Tile.Opacity != 0.12 {
		t.Errorf("tile %+v", k.Tile)
	}
	// The CFF font draws.
	dst := grey(400, 400)
	(&Kit{Texts: k.Texts[2:3]}).Draw(dst, preset.Insets{})
	if bytes.Equal(dst.Pix, grey(400, 400).Pix) {
		t.Error("the OTF (CFF) text drew nothing")
	}
}

func TestKitErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *File)
		want   string
	}{
		{"broken logo", func(f *File) { f.Logo.Data = f.Logo.Data[:40] }, "logo "},
		{"font not a font", func(f *File) { f.Texts[0].FontData = []byte("not a font at all") }, "the font of text 1 is not a font picmark can use"},
		{"missing glyph", func(f *File) { f.Texts[1].Content = "🔥 sale" }, `text 2 has a font without 🔥: choose another font`},
		{"tile text missing glyph", func(f *File) { f.Logo = nil; f.Tile.Text = "中" }, "the tiled watermark has a font without 中"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := exampleFile(t)
			tt.change(f)
			if _, err := f.Kit(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
	f := exampleFile(t)
	f.Logo.Data = f.Logo.Data[:40]
	var ce *imgio.CorruptError
	if _, err := f.Kit(); !errors.As(err, &ce) {
		t.Errorf("broken logo: %v does not wrap imgio's error", err)
	}
}

// TestParseFileErrors: every mistake is named plainly, with its field.
func TestParseFileErrors(t *testing.T) {
	logo := base64.StdEncoding.EncodeToString(pngBytes(t, discLogo(8)))
	svg := base64.StdEncoding.EncodeToString([]byte(`<?xml version="1.0"?><svg/>`))
	tests := []struct {
		name, json, want string
	}{
		{"empty", ``, "the file is empty or cut short"},
		{"not json", `{"version":1,`, "the file is empty or cut short"},
		{"syntax", `{"version":1,]`, "the file is damaged near character 14"},
		{"array", `[]`, "the file is not a brand kit: check that you chose the right file"},
		{"no version", `{"name":"x"}`, `the file is not a picmark brand kit (it has no version)`},
		{"version text", `{"version":"1"}`, `its version, "1", is not a brand kit's version`},
		{"version 0", `{"version":0}`, `its version, 0, is not a brand kit's version`},
		{"newer", `{"version":2,"future":true}`, "it is a brand kit of version 2, and this picmark reads version 1: update picmark"},
		{"unknown field", `{"version":1,"colour":"#fff"}`, `the setting "colour" is not one picmark knows: check its spelling`},
		{"wrong type", `{"version":1,"texts":[{"content":"a","size":"big"}]}`, `the setting "texts.size" should be a number`},
		{"trailing", `{"version":1} {}`, "the file holds a brand kit and then something more"},
		{"colour", `{"version":1,"texts":[{"content":"a"},{"content":"b","color":"#12"}]}`, `text 2 has a colour "#12" that picmark cannot read: write it like #FF8800`},
		{"band", `{"version":1,"texts":[{"content":"a","band":"navy"}]}`, `text 1 has a band colour "navy" that picmark cannot read`},
		{"no content", `{"version":1,"texts":[{"content":" "}]}`, `text 1 is empty: write its words, or delete the layer`},
		{"long content", `{"version":1,"texts":[{"content":"` + strings.Repeat("a", 1001) + `"}]}`, `text 1 has 1001 characters, 1000 at most: shorten it`},
		{"font", `{"version":1,"texts":[{"content":"a","font":"Comic Sans"}]}`, `text 1 uses the font "Comic Sans", which is not one of picmark's (bold, bold-italic, italic, medium, mono, mono-bold or regular)`},
		{"size", `{"version":1,"texts":[{"content":"a","size":0.9}]}`, `text 1 has a size of 90%, outside 0% to 50%: choose a value in that range`},
		{"anchor", `{"version":1,"texts":[{"content":"a","anchor":"upper-left"}]}`, `text 1 has the position "upper-left", which picmark does not know: use top-left, top, top-right, left, center, right, bottom-left, bottom or bottom-right`},
		{"margin", `{"version":1,"texts":[{"content":"a","margin":-0.1}]}`, `text 1 has a margin of -10%, outside 0% to 50%`},
		{"lines", `{"version":1,"texts":[{"content":"a","lines":21}]}`, `text 1 may wrap onto 21 lines, outside 1 to 20`},
		{"too many texts", `{"version":1,"texts":[` + strings.Repeat(`{"content":"a"},`, 10) + `{"content":"a"}]}`, "it has 11 text layers, 10 at most: delete some"},
		{"logo no data", `{"version":1,"logo":{"scale":0.2}}`, `the logo has no image: choose the logo again in the page`},
		{"logo svg", `{"version":1,"logo":{"data":"` + svg + `"}}`, "the logo is an SVG, which the command line cannot draw: export the logo as a PNG"},
		{"logo text", `{"version":1,"logo":{"data":"aGVsbG8="}}`, "the logo is not an image picmark can read"},
		{"logo base64", `{"version":1,"logo":{"data":"not base64!"}}`, "the file cannot be read as a brand kit"},
		{"logo scale", `{"version":1,"logo":{"data":"` + logo + `","scale":1.5}}`, "the logo has a width of 150%, outside 0% to 100%"},
		{"logo opacity", `{"version":1,"logo":{"data":"` + logo + `","opacity":2}}`, "the logo has an opacity of 200%, outside 0% to 100%"},
		{"logo opacity after a margin", `{"version":1,"logo":{"data":"` + logo + `","margin":0.1,"opacity":2}}`, "the logo has an opacity of 200%, outside 0% to 100%"},
		{"logo margin", `{"version":1,"logo":{"data":"` + logo + `","margin":0.6}}`, "the logo has a margin of 60%, outside 0% to 50%"},
		{"tile nothing", `{"version":1,"tile":{"angle":30}}`, `the tiled watermark needs the logo or a text: add one, or turn the tiled watermark off`},
		{"tile angle", `{"version":1,"tile":{"text":"a","angle":400}}`, `the tiled watermark has an angle of 400°, outside -360° to 360°`},
		{"tile spacing", `{"version":1,"tile":{"text":"a","spacing":3}}`, `the tiled watermark has a spacing of 300%, outside 0% to 100%`},
		{"unknown preset", `{"version":1,"presets":["nope"]}`, `the format "nope" is unknown: choose among facebook-cover,`},
		{"custom clash", `{"version":1,"custom":[{"id":"x-post","width":10,"height":10,"maxBytes":1}]}`, `the format "x-post" has the name of one of picmark's formats`},
		{"custom safe", `{"version":1,"custom":[{"id":"mine","width":100,"height":100,"maxBytes":1,"safe":{"top":90}}]}`, `the format "mine" keeps 90 + 0 pixels clear at the top and bottom`},
		{"name", `{"version":1,"name":"` + strings.Repeat("n", 201) + `"}`, "its name is longer than 200 characters: choose a shorter name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant one saying %q", err, tt.want)
			}
			// Said in French as a French marketer reads it.
			var c msg.Coded
			fr := msg.Reason(err, msg.French)
			if !errors.As(err, &c) || c.Message().Code == msg.Failed || fr == err.Error() {
				t.Errorf("%v has no message of its own: in French %q", err, fr)
			}
			for _, p := range msg.Typography(fr) {
				t.Errorf("in French: %s in %q", p, fr)
			}
		})
	}
}

// TestParseFileInFrench: broken kits said whole in French, each saying
// what is wrong and what to do, with French typography.
func TestParseFileInFrench(t *testing.T) {
	whole := pngBytes(t, discLogo(8))
	logo := base64.StdEncoding.EncodeToString(whole)
	cut := base64.StdEncoding.EncodeToString(whole[:len(whole)-20])
	for _, tt := range []struct{ json, want string }{
		{`{"version":1,`, "le fichier est vide ou incomplet\u00A0: enregistrez-le ou exportez-le de nouveau"},
		{`{"version":1,]`, "le fichier est abîmé vers le caractère 14\u00A0: exportez-le de nouveau depuis picmark, ou vérifiez la ponctuation à cet endroit"},
		{`{"name":"x"}`, "le fichier n’est pas un kit de marque picmark (il n’a pas de version)\u00A0: choisissez un kit exporté depuis picmark"},
		{`{"version":2}`, "c’est un kit de marque de version 2, et ce picmark lit la version 1\u00A0: mettez picmark à jour"},
		{`{"version":1,"colour":"#fff"}`, "le réglage «\u00A0colour\u00A0» est inconnu de picmark\u00A0: vérifiez son orthographe"},
		{`{"version":1,"texts":[{"content":"a","size":"big"}]}`, "le réglage «\u00A0texts.size\u00A0» devrait être un nombre\u00A0: corrigez-le, ou exportez de nouveau le fichier depuis picmark"},
		{`{"version":1,"texts":[{"content":"a"},{"content":"b","color":"#12"}]}`, "le texte 2 a une couleur «\u00A0#12\u00A0» illisible\u00A0: écrivez-la comme #FF8800"},
		{`{"version":1,"texts":[{"content":"a","size":0.9}]}`, "le texte 1 a une taille de 90\u00A0%, hors de l’intervalle de 0\u00A0% à 50\u00A0%\u00A0: choisissez une valeur dans cet intervalle"},
		{`{"version":1,"texts":[{"content":"a","font":"Comic Sans"}]}`, "le texte 1 utilise la police «\u00A0Comic Sans\u00A0», qui n’est pas l’une de celles de picmark (bold, bold-italic, italic, medium, mono, mono-bold ou regular)\u00A0: choisissez-en une, ou ajoutez votre propre police"},
		{`{"version":1,"texts":[{"content":" "}]}`, "le texte 1 est vide\u00A0: écrivez-le, ou supprimez le calque"},
		{`{"version":1,"logo":{"data":"` + logo + `","opacity":1.5}}`, "le logo a une opacité de 150\u00A0%, hors de l’intervalle de 0\u00A0% à 100\u00A0%\u00A0: choisissez une valeur dans cet intervalle"},
		{`{"version":1,"logo":{"data":"aGVsbG8="}}`, "le logo n’est pas une image que picmark sait lire (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF ou BMP)"},
		// The gate's French has no gender: "le logo est abîmée" read wrong.
		{`{"version":1,"logo":{"data":"` + cut + `"}}`, "le logo a des données PNG abîmées ou incomplètes (elles s’arrêtent trop tôt)\u00A0: exportez de nouveau le fichier"},
		{`{"version":1,"tile":{"angle":30}}`, "le filigrane a besoin du logo ou d’un texte\u00A0: ajoutez-en un, ou désactivez le filigrane"},
		{`{"version":1,"tile":{"text":"a","angle":400.5}}`, "le filigrane a un angle de 400,5°, hors de l’intervalle de -360° à 360°\u00A0: choisissez un angle dans cet intervalle"},
		{`{"version":1,"presets":["pinterest-pn"]}`, "le format «\u00A0pinterest-pn\u00A0» est inconnu\u00A0: choisissez parmi " + strings.Join(preset.IDs(), ", ")},
		{`{"version":1,"custom":[{"id":"mine","name":"Bannière","width":100,"height":100,"maxBytes":1,"safe":{"left":50,"right":40}}]}`,
			"le format «\u00A0Bannière\u00A0» garde 50 + 40 pixels libres à gauche et à droite, ce qui ne laisse que 10 de ses 100 pixels aux calques\u00A0: gardez-leur au moins un quart de la largeur"},
	} {
		f, err := ParseFile([]byte(tt.json))
		if err == nil {
			_, err = f.Kit() // decodes the logo
		}
		if err == nil {
			t.Errorf("%s: no error", tt.json)
		} else if got := msg.Reason(err, msg.French); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.json, got, tt.want)
		}
	}
}

func TestParseFileMinimal(t *testing.T) {
	f, err := ParseFile([]byte(`{"version":1}`))
	if err != nil {
		t.Fatal(err)
	}
	k, err := f.Kit()
	if err != nil || k.Logo != nil || k.Texts != nil || k.Tile != nil {
		t.Errorf("kit %+v, %v", k, err)
	}
	ps, err := f.PresetList()
	if err != nil || len(ps) != len(preset.DefaultIDs) {
		t.Errorf("presets %v, %v", ps, err)
	}
}

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want color.NRGBA
		ok   bool
	}{
		{"#FF8800", color.NRGBA{255, 136, 0, 255}, true},
		{"ff8800", color.NRGBA{255, 136, 0, 255}, true},
		{"#f80", color.NRGBA{255, 136, 0, 255}, true},
		{"#11223344", color.NRGBA{0x11, 0x22, 0x33, 0x44}, true},
		{" #aBcDeF ", color.NRGBA{0xab, 0xcd, 0xef, 255}, true},
		{"#12", color.NRGBA{}, false},
		{"#GG0000", color.NRGBA{}, false},
		{"red", color.NRGBA{}, false},
		{"", color.NRGBA{}, false},
	}
	for _, tt := range tests {
		got, err := ParseColor(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseColor(%q) = %v, %v", tt.in, got, err)
		}
		if tt.ok {
			if back, _ := ParseColor(FormatColor(got)); back != got {
				t.Errorf("FormatColor(%v) = %q does not read back", got, FormatColor(got))
			}
		}
	}
	if _, err := ParseColor("#12"); err == nil || err.Error() != `"#12" is not a colour: write it like #FF8800` {
		t.Errorf("error %q", err)
	}
}

func TestFonts(t *testing.T) {
	for _, n := range FontNames() {
		f, err := Font(n)
		if err != nil || f == nil {
			t.Errorf("%s: %v", n, err)
		}
		if m := Missing(f, "Summer sale — 30% off! Ça, ñ, ß, Ω"); len(m) > 0 {
			t.Errorf("%s lacks %q", n, m)
		}
	}
	if _, err := Font(""); err != nil {
		t.Errorf("default font: %v", err)
	}
	if _, err := Font("comic"); err == nil {
		t.Error("unknown font accepted")
	}
	if _, err := ParseFont([]byte("<html>")); !errors.Is(err, ErrFont) {
		t.Errorf("ParseFont(html) = %v", err)
	}
	if _, err := ParseFont(make([]byte, MaxFontBytes+1)); err == nil || !strings.Contains(err.Error(), "up to 10 MB") {
		t.Errorf("huge font: %v", err)
	}
	if _, err := ParseFont(make([]byte, MaxFontBytes)); !errors.Is(err, ErrFont) {
		t.Errorf("a 10 MB non-font: %v, want ErrFont (the size is allowed)", err)
	}
	// Missing names at most five characters, in the text's order.
	mono, err := Font("mono")
	if err != nil {
		t.Fatal(err)
	}
	if m := Missing(mono, "a中文字符号b中"); string(m) != "中文字符号" {
		t.Errorf("Missing = %q, want the first five", string(m))
	}
}

// The JSON field names are lower-case, as the contract says.
func TestFileFieldNames(t *testing.T) {
	data, err := json.Marshal(exampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"version"`, `"name"`, `"presets"`, `"custom"`, `"logo"`, `"texts"`, `"tile"`, `"data"`, `"anchor"`, `"content"`, `"band"`, `"angle"`, `"id"`, `"maxBytes"`, `"safe"`} {
		if !bytes.Contains(data, []byte(k)) {
			t.Errorf("no %s in %s", k, fmt.Sprintf("%.300s", data))
		}
	}
}

// TestParseFileAtTheLimits: every limit takes its own value ("up to 10
// texts" means 10 are fine); names and texts count characters, not bytes.
func TestParseFileAtTheLimits(t *testing.T) {
	logo := base64.StdEncoding.EncodeToString(pngBytes(t, discLogo(8)))
	tests := []struct{ name, json string }{
		{"name of 200 characters", `{"version":1,"name":"` + strings.Repeat("é", 200) + `"}`},
		{"10 texts", `{"version":1,"texts":[` + strings.Repeat(`{"content":"a"},`, 9) + `{"content":"a"}]}`},
		{"text of 1000 characters", `{"version":1,"texts":[{"content":"` + strings.Repeat("é", 1000) + `"}]}`},
		{"tile text of 1000 characters", `{"version":1,"tile":{"text":"` + strings.Repeat("é", 1000) + `"}}`},
		{"tile angles of ±360", `{"version":1,"tile":{"text":"a","angle":-360}}`},
		{"tile angle of 360", `{"version":1,"tile":{"text":"a","angle":360}}`},
		{"a logo the full width, opaque", `{"version":1,"logo":{"data":"` + logo + `","scale":1,"opacity":1,"margin":0.5}}`},
		{"a text half the output", `{"version":1,"texts":[{"content":"a","size":0.5,"margin":0}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseFile([]byte(tt.json)); err != nil {
				t.Error(err)
			}
		})
	}
	over := []struct{ name, json, want string }{
		{"name of 201 characters", `{"version":1,"name":"` + strings.Repeat("é", 201) + `"}`, "its name is longer than 200 characters"},
		{"tile text of 1001 characters", `{"version":1,"tile":{"text":"` + strings.Repeat("é", 1001) + `"}}`, "the tiled watermark has 1001 characters, 1000 at most"},
		{"tile angle under -360", `{"version":1,"tile":{"text":"a","angle":-361}}`, "the tiled watermark has an angle of -361°, outside -360° to 360°"},
	}
	for _, tt := range over {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseFile([]byte(tt.json)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
	// A file of 64 MB is checked by its size alone (parsing that much
	// would make the test slow, not better).
	if err := checkFileSize(MaxFileBytes); err != nil {
		t.Errorf("a file of 64 MB: %v", err)
	}
	if err := checkFileSize(MaxFileBytes + 1); err == nil || err.Error() != "the file is 64 MB; a brand kit may be up to 64 MB: use a lighter logo, or fewer fonts of your own" {
		t.Errorf("a file over 64 MB: %v", err)
	}
	// A font of 10 MB is checked as it is in a parsed file (13 MB of base64
	// would make the test slow, not better).
	if err := (&TextFile{Content: "a", FontData: make([]byte, MaxFontBytes)}).check(); err != nil {
		t.Errorf("a font of 10 MB: %v", err)
	}
	if err := (&TileFile{Text: "a", FontData: make([]byte, MaxFontBytes+1)}).check(false); err == nil || !strings.Contains(err.Error(), "picmark takes fonts up to 10 MB") {
		t.Errorf("a font over 10 MB: %v", err)
	}
}

// TestKitTile: the tile's settings reach the kit: its angle, its font
// (bold unless chosen), and a text the font can draw needs no logo.
func TestKitTile(t *testing.T) {
	f, err := ParseFile([]byte(`{"version":1,"tile":{"text":"ACME","angle":-15}}`))
	if err != nil {
		t.Fatal(err)
	}
	k, err := f.Kit()
	if err != nil {
		t.Fatal(err)
	}
	bold, err := Font("bold")
	if err != nil {
		t.Fatal(err)
	}
	if k.Tile == nil || k.Tile.Angle != -15 || k.Tile.Font != bold || k.Tile.Text != "ACME" {
		t.Errorf("tile %+v, want ACME at -15° in bold", k.Tile)
	}
	f.Tile.Angle, f.Tile.Font = nil, "mono"
	if k, err = f.Kit(); err != nil || k.Tile.Angle != DefaultTileAngle {
		t.Errorf("no angle: %+v, %v; want the default %v", k.Tile, err, DefaultTileAngle)
	}
	if mono, _ := Font("mono"); k.Tile.Font != mono {
		t.Error("the tile's chosen font is not used")
	}
}

// TestKitNamesTheText: Kit, given a file that skipped Check, says which
// text's colour is wrong.
func TestKitNamesTheText(t *testing.T) {
	for _, tt := range []struct {
		texts []TextFile
		want  string
	}{
		{[]TextFile{{Content: "a"}, {Content: "b", Color: "#12"}}, `text 2 has a colour "#12" that picmark cannot read`},
		{[]TextFile{{Content: "a"}, {Content: "b"}, {Content: "c", Band: "navy"}}, `text 3 has a band colour "navy" that picmark cannot read`},
		{[]TextFile{{Content: "a", Anchor: "upper"}}, `text 1 has the position "upper", which picmark does not know`},
	} {
		if _, err := (&File{Version: FileVersion, Texts: tt.texts}).Kit(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want one saying %q", err, tt.want)
		}
	}
}

// TestKitTemplateLayer: a caption layer keeps its template, its badge and
// its line count through the file, as the kit does.
func TestKitTemplateLayer(t *testing.T) {
	f, err := ParseFile([]byte(`{"version":1,"texts":[{"content":"{Produit} – {Prix} €","badge":true,"lines":2,"anchor":"top-right"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	k, err := f.Kit()
	if err != nil {
		t.Fatal(err)
	}
	if tx := k.Texts[0]; tx.Content != "{Produit} – {Prix} €" || !tx.Badge || tx.Lines != 2 || tx.Anchor != geom.TopRight {
		t.Errorf("%+v", tx)
	}
	data, err := f.Marshal()
	if err != nil || !bytes.Contains(data, []byte(`"badge": true`)) || !bytes.Contains(data, []byte(`"lines": 2`)) {
		t.Errorf("%s %v", data, err)
	}
}
