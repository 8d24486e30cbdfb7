package settings

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/png"
	"reflect"
	"slices"
	"strings"
	"testing"

	"picmark/internal/brand"
	"picmark/internal/job"
	"picmark/internal/preset"
)

// docKeys lists job.Settings's JSON paths, the brand kit's within it
// ("kit.logo.scale"); a text layer's as "kit.texts[].size". Nodes are the
// structs' own paths ("kit.logo"), leaves their fields'.
func docKeys() (nodes, leaves []string) {
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			path := prefix + name
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft.Kind() == reflect.Struct && ft.PkgPath() == "picmark/internal/brand":
				nodes = append(nodes, path)
				walk(path+".", ft)
			case ft.Kind() == reflect.Slice && ft.Elem() == reflect.TypeFor[brand.TextFile]():
				nodes = append(nodes, path)
				walk(path+"[].", ft.Elem())
			default: // a value of its own: a number, a colour, a preset, a point
				leaves = append(leaves, path)
			}
		}
	}
	walk("", reflect.TypeFor[job.Settings]())
	return nodes, leaves
}

// jsonKeys lists a struct's JSON keys, an embedded struct's among them.
func jsonKeys(t reflect.Type) []string {
	var keys []string
	for f := range t.Fields() {
		if f.Anonymous {
			keys = append(keys, jsonKeys(f.Type)...)
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	return keys
}

// Every field of job.Settings and of its brand kit has its entry; every
// entry has its page field and its flag, or says why not; every page field
// and every flag belongs to an entry. A setting added to one place and not
// the others fails here.
func TestEverySettingMapped(t *testing.T) {
	nodes, leaves := docKeys()
	if len(leaves) < 30 {
		t.Fatalf("found %d settings in job.Settings; the walk is broken", len(leaves))
	}
	keys := map[string]Setting{}
	for _, e := range Table {
		for _, k := range strings.Fields(e.Key) {
			keys[k] = e
		}
	}
	layerKeys := map[string]LayerSetting{}
	for _, e := range LayerTable {
		for _, k := range strings.Fields(e.Key) {
			layerKeys["kit.texts[]."+k] = e
		}
	}
	for _, k := range leaves {
		_, ok := keys[k]
		_, inLayer := layerKeys[k]
		if !ok && !inLayer {
			t.Errorf("%s is in job.Settings but in no entry of settings.Table (or LayerTable): say where the page and the command line set it, or why they do not", k)
		}
	}
	for k := range keys {
		if !slices.Contains(leaves, k) && !slices.Contains(nodes, k) {
			t.Errorf("Table's %s is no field of job.Settings", k)
		}
	}
	for k := range layerKeys {
		if !slices.Contains(leaves, k) {
			t.Errorf("LayerTable's %s is no field of brand.TextFile", k)
		}
	}

	formKeys := jsonKeys(reflect.TypeFor[Form]())
	firstKeys := jsonKeys(reflect.TypeFor[FirstLayer]())
	layerPage := jsonKeys(reflect.TypeFor[Layer]())
	named := map[string]bool{}
	for _, e := range Table {
		check(t, e.Key, e.Page, e.Flag, e.Why)
		for _, p := range pageFields(e.Page) {
			named[p] = true
			if !slices.Contains(formKeys, p) {
				t.Errorf("%s: the page field %q is not one of settings.Form's", e.Key, p)
			}
			if e.toDoc == nil {
				t.Errorf("%s: the page field %q goes nowhere (no toDoc)", e.Key, p)
			}
		}
		if e.Flag != "" && (e.set == nil || e.Default == nil && e.Flag != "text") {
			t.Errorf("%s: the flag -%s needs its default and what it sets", e.Key, e.Flag)
		}
	}
	// What a kit opened on the page sets, the page writes back: a kit
	// saved again, exported or made on the page keeps it, drawn or not
	// (a new key only a kit written by hand sets is whyKitOnly, with a
	// Form field the page does not draw). Not these, for their reason:
	notKept := map[string]string{
		"kit.version":    "Marshal writes it",
		"kit.name":       "the kit bar keeps it (app/kits.go)",
		"kit.tile.color": "the page draws the tile in the first text's colour",
	}
	for _, e := range Table {
		if strings.HasPrefix(e.Key, "kit.") && notKept[e.Key] == "" && (e.fromDoc == nil || e.toDoc == nil) {
			t.Errorf("%s: a kit opened on the page and saved again loses it (it needs fromDoc and toDoc; kit-only: whyKitOnly, with a Form field the page does not draw)", e.Key)
		}
	}
	for _, e := range LayerTable {
		if e.Key != "fontData" && (e.put == nil || e.take == nil) { // the font file: Layer.file, layerOf
			t.Errorf("kit.texts[].%s: a kit opened on the page and saved again loses it (it needs put and take)", e.Key)
		}
	}
	for _, e := range LayerTable {
		check(t, "kit.texts[]."+e.Key, e.Page, e.Flag, e.Why)
		for _, p := range pageFields(e.Page) {
			named["layer."+p] = true
			if !slices.Contains(layerPage, p) {
				t.Errorf("kit.texts[].%s: the page field %q is not one of settings.Layer's", e.Key, p)
			}
			if e.put == nil || e.take == nil {
				t.Errorf("kit.texts[].%s: the page field %q needs put and take", e.Key, p)
			}
		}
	}
	for _, k := range formKeys {
		if !named[k] && !slices.Contains(firstKeys, k) {
			t.Errorf("the page's field %q is in no entry of settings.Table", k)
		}
	}
	for _, k := range layerPage {
		if !named["layer."+k] {
			t.Errorf("a layer's page field %q is in no entry of settings.LayerTable", k)
		}
	}
}

// check fails an entry that leaves out the page or the command line
// without saying why.
func check(t *testing.T, key, page, flag, why string) {
	t.Helper()
	if (page == "" || flag == "") && why == "" {
		t.Errorf("%s has no page field or no flag, and no Why", key)
	}
	if page != "" && flag != "" && why != "" {
		t.Errorf("%s has both a page field and a flag: its Why %q says nothing", key, why)
	}
}

// pageFields are an entry's Form fields: none for a file the user picks,
// "(…)".
func pageFields(page string) []string {
	if strings.HasPrefix(page, "(") {
		return nil
	}
	return strings.Fields(page)
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, 4, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// forms are two forms with every setting away from its default: one with
// a logo (the tile repeats it), one without (the tile repeats its text).
func forms(t *testing.T) map[string]struct {
	f  Form
	up Uploads
} {
	f := DefaultForm()
	f.Ticked = map[string]bool{"pinterest-pin": true, "shop": true}
	f.Custom = []preset.Preset{{ID: "shop", Name: "Shop", Platform: "Custom", Width: 600, Height: 600, MaxBytes: 1 << 20, Formats: []string{"jpeg", "png"}}}
	f.Crop, f.Fit, f.Pad, f.Format, f.Quality, f.Name = "top", "pad", "#102030", "png", 70, "{name}"
	f.LogoAnchor, f.LogoScale, f.LogoOpacity = "top-left", 30, 60
	f.FirstLayer = FirstLayer{Text: "{Produit}", TextFont: "italic", TextSize: 60, TextColor: "#ffcc00", TextStyle: "badge", BandColor: "#c8102e", TextAnchor: "top"}
	f.Layers = []Layer{{Text: "{Prix} €", TextFont: "mono", TextSize: 40, TextColor: "#010203", TextStyle: "band", BandColor: "#aabbcc", TextAnchor: "left"}}
	f.PostTitle, f.PostDescription, f.PostAlt = "{Produit}", "{Description}", "{Alt}"
	f.Tile, f.TileText, f.TileAngle, f.TileSpacing, f.TileOpacity = true, "© Acme", -20, 12, 35
	f.LogoMargin, f.TextMargin, f.TextLines, f.Layers[0].TextMargin, f.Layers[0].TextLines = ptr(0.05), ptr(0.0), 2, ptr(0.1), 5
	f.TileFont, f.TileFontData, f.TileSize, f.TileScale = "mono", []byte("a tile font"), 0.07, 0.3
	return map[string]struct {
		f  Form
		up Uploads
	}{"with a logo": {f, Uploads{Logo: pngBytes(t)}}, "without": {f, Uploads{}}}
}

// Each page field reaches the document: changing it changes the batch's
// settings (with or without a logo).
func TestEveryPageFieldReachesTheDoc(t *testing.T) {
	bases := forms(t)
	docOf := func(f Form, up Uploads) string {
		b, _ := json.Marshal(f.Doc(up))
		return string(b)
	}
	for _, key := range jsonKeysPaths() {
		moved := false
		for _, b := range bases {
			f := b.f
			f.Layers = slices.Clone(f.Layers)
			f.Ticked = map[string]bool{"pinterest-pin": true, "shop": true}
			before := docOf(f, b.up)
			nudge(t, &f, key)
			if docOf(f, b.up) != before {
				moved = true
			}
		}
		if !moved {
			t.Errorf("the page field %s changes nothing in job.Settings", key)
		}
	}
}

// jsonKeysPaths are Form's fields and the first extra layer's, by JSON key.
func jsonKeysPaths() []string {
	var out []string
	for _, k := range jsonKeys(reflect.TypeFor[Form]()) {
		if k != "layers" {
			out = append(out, k)
		}
	}
	for _, k := range jsonKeys(reflect.TypeFor[Layer]()) {
		out = append(out, "layers[0]."+k)
	}
	return out
}

// nudge changes the form's field of that JSON key to another value of its
// kind.
func nudge(t *testing.T, f *Form, key string) {
	t.Helper()
	v := reflect.ValueOf(f).Elem()
	if rest, ok := strings.CutPrefix(key, "layers[0]."); ok {
		v, key = v.FieldByName("Layers").Index(0), rest
	}
	field, ok := fieldByKey(v, key)
	if !ok {
		t.Fatalf("no field %s", key)
	}
	switch field.Kind() {
	case reflect.String:
		field.SetString(field.String() + "x")
	case reflect.Int:
		field.SetInt(field.Int() + 1)
	case reflect.Bool:
		field.SetBool(!field.Bool())
	case reflect.Float64: // a share, kept from a hand-written kit
		field.SetFloat(field.Float() + 0.01)
	case reflect.Pointer: // a share that may be 0, kept from a hand-written kit
		x := 0.01
		if !field.IsNil() {
			x += field.Elem().Float()
		}
		field.Set(reflect.ValueOf(&x))
	case reflect.Map: // the ticked formats
		field.SetMapIndex(reflect.ValueOf("instagram-story"), reflect.ValueOf(true))
	case reflect.Slice: // the custom formats
		field.Set(reflect.Append(field, reflect.ValueOf(preset.Preset{ID: "more", Width: 10})))
	default:
		t.Fatalf("%s: cannot nudge a %s", key, field.Kind())
	}
}

func fieldByKey(v reflect.Value, key string) (reflect.Value, bool) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Anonymous {
			if fv, ok := fieldByKey(v.Field(i), key); ok {
				return fv, true
			}
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == key {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// A kit saved from the page and opened again gives the same form and the
// same files: what a brand kit keeps is what the user set. Framing and
// output, outside the kit, keep the values the form had.
func TestKitRoundTrip(t *testing.T) {
	for name, b := range forms(t) {
		t.Run(name, func(t *testing.T) {
			font := []byte("not a real font, only carried")
			data, err := b.f.Doc(Uploads{Logo: b.up.Logo, Font: font}).Kit.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			var k brand.File
			if err := json.Unmarshal(data, &k); err != nil {
				t.Fatal(err)
			}
			got := DefaultForm()
			got.Crop, got.Fit, got.Pad, got.Format, got.Quality, got.Name = b.f.Crop, b.f.Fit, b.f.Pad, b.f.Format, b.f.Quality, b.f.Name
			up := got.ApplyKit(&k)
			want := b.f
			want.TextFont = "regular" // the first layer draws in the font file, which the kit keeps instead of a bundled font's name
			if b.up.Logo != nil {
				want.TileText = got.TileText // the logo is repeated: the text is not kept
			} else {
				want.LogoAnchor, want.LogoScale, want.LogoOpacity, want.LogoMargin = got.LogoAnchor, got.LogoScale, got.LogoOpacity, got.LogoMargin // no logo, no placement
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("form after a round trip:\n got %+v\nwant %+v", got, want)
			}
			if !bytes.Equal(up.Logo, b.up.Logo) || !bytes.Equal(up.Font, font) {
				t.Errorf("files after a round trip: logo %d bytes, font %d; want %d and %d", len(up.Logo), len(up.Font), len(b.up.Logo), len(font))
			}
		})
	}
}

func TestInputColor(t *testing.T) {
	for in, want := range map[string]string{"#FFFFFF": "#ffffff", "#abc": "#aabbcc", "#11223380": "#112233", "": "#000000", "red": "#000000"} {
		if got := InputColor(in, "#000000"); got != want {
			t.Errorf("InputColor(%q) = %q, want %q", in, got, want)
		}
	}
}

// kitOnlyKeys are the brand kit's keys (within the kit: "logo.margin",
// "texts[].lines") that only a kit written by hand sets.
func kitOnlyKeys() []string {
	var keys []string
	for _, e := range Table {
		if e.Why == whyKitOnly {
			for _, k := range strings.Fields(e.Key) {
				keys = append(keys, strings.TrimPrefix(k, "kit."))
			}
		}
	}
	for _, e := range LayerTable {
		if e.Why == whyKitOnly {
			keys = append(keys, "texts[]."+e.Key)
		}
	}
	return keys
}

// valuesAt are the JSON values at a path ("texts[].lines": each layer's).
func valuesAt(v any, path string) []any {
	if path == "" {
		return []any{v}
	}
	head, rest, _ := strings.Cut(path, ".")
	name, each := strings.CutSuffix(head, "[]")
	m, _ := v.(map[string]any)
	x, ok := m[name]
	if !ok {
		return []any{nil}
	}
	if !each {
		return valuesAt(x, rest)
	}
	var out []any
	for _, el := range x.([]any) {
		out = append(out, valuesAt(el, rest)...)
	}
	return out
}

func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// A brand kit written by hand, opened on the page, changed there (the
// logo's size) and saved again keeps what the page has no control for:
// the kit it saves, exports and makes its batches with has each kit-only
// key as the hand-written one had it. Remembered settings keep them too,
// but for the tile's font file, which the kit kept in the browser holds.
func TestHandWrittenKitKeepsKitOnly(t *testing.T) {
	font := []byte("a font file, only carried")
	kit := brand.File{Version: brand.FileVersion, Presets: []string{"pinterest-pin"},
		Logo: &brand.LogoFile{Data: pngBytes(t), Scale: 0.25, Margin: ptr(0.0)},
		Texts: []brand.TextFile{
			{Content: "Acme", Font: "bold", Size: 0.06, Margin: ptr(0.07), Lines: 2},
			{Content: "{Prix} €", Size: 0.04, Band: "#c8102e", Badge: true, Anchor: "top-right", Margin: ptr(0.01), Lines: 1},
		},
		Tile: &brand.TileFile{Font: "mono", FontData: font, Size: 0.06, Scale: 0.15, Opacity: 0.3},
	}
	hand := jsonOf(t, kit)
	keys := kitOnlyKeys()
	if len(keys) < 7 {
		t.Fatalf("found %d kit-only keys; the walk is broken", len(keys))
	}
	for _, k := range keys {
		for _, v := range valuesAt(hand, k) {
			if v == nil {
				t.Fatalf("the hand-written kit does not set %s: set it here, so the test checks the page keeps it", k)
			}
		}
	}

	f := DefaultForm()
	up := f.ApplyKit(&kit)
	f.LogoScale = 30 // the marketer's change
	saved := f.Doc(up).Kit
	if saved.Logo.Scale != 0.3 {
		t.Fatalf("the logo's size is %v after the change, want 0.3", saved.Logo.Scale)
	}
	restored := Restore(f.Save())
	if restored.TileFontData != nil || strings.Contains(f.Save(), base64.StdEncoding.EncodeToString(font)) {
		t.Error("the remembered settings hold the tile's font file: the kit kept in the browser does")
	}
	restored.TileFontData = font // as the page's kit, opened again, gives it back
	for name, doc := range map[string]*brand.File{"saved on the page": saved, "remembered and restored": restored.Doc(up).Kit} {
		got := jsonOf(t, doc)
		for _, k := range keys {
			if g, w := valuesAt(got, k), valuesAt(hand, k); !reflect.DeepEqual(g, w) {
				t.Errorf("%s: %s is %v, the hand-written kit's %v", name, k, g, w)
			}
		}
	}
	if r := restored.Save(); r != f.Save() {
		t.Errorf("remembered settings restore as\n%s\nwant\n%s", r, f.Save())
	}
}

// TestKitKeepsLaterFontsAndTileColour: what the page used to lose when it
// saved a kit written by hand: a later text layer's font file (only the
// first layer has the page's font upload) and a tile colour other than the
// first text's (the page drew the tile in that). The font file is kept
// but not remembered with the settings, as the tile's is.
func TestKitKeepsLaterFontsAndTileColour(t *testing.T) {
	first, second := []byte("the first layer's font"), []byte("the second layer's font")
	kit := brand.File{Version: brand.FileVersion, Presets: []string{"pinterest-pin"},
		Texts: []brand.TextFile{
			{Content: "Acme", Color: "#ffffff", FontData: first},
			{Content: "{Prix} €", FontData: second},
			{Content: "Soldes"},
		},
		Tile: &brand.TileFile{Text: "© Acme", Color: "#336699"},
	}
	f := DefaultForm()
	up := f.ApplyKit(&kit)
	if string(up.Font) != string(first) || f.FirstLayer.FontData != nil {
		t.Fatalf("the first layer's font file is %q in the upload, %q in the form: want it in the upload only", up.Font, f.FirstLayer.FontData)
	}
	saved := f.Doc(up).Kit
	if len(saved.Texts) != 3 {
		t.Fatalf("%d text layers saved, want 3", len(saved.Texts))
	}
	for i, want := range [][]byte{first, second, nil} {
		if got := saved.Texts[i].FontData; string(got) != string(want) {
			t.Errorf("layer %d saved with the font file %q, want %q", i+1, got, want)
		}
	}
	if saved.Tile == nil || saved.Tile.Color != "#336699" {
		t.Errorf("the tile saved as %+v, want its colour #336699", saved.Tile)
	}
	if strings.Contains(f.Save(), base64.StdEncoding.EncodeToString(second)) {
		t.Error("the remembered settings hold a layer's font file: the kit kept in the browser does")
	}
	// Settings remembered before the tile had its own colour restore with
	// the text's, which the page drew it in.
	old := Restore(`{"text":"Acme","textColor":"#ffcc00","tile":true,"tileText":"©"}`)
	if old.TileColor != "#ffcc00" {
		t.Errorf("old settings restore the tile's colour as %q, want the text's #ffcc00", old.TileColor)
	}
}
