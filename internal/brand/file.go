package brand

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// FileVersion is the brand kit format this picmark reads and writes.
const FileVersion = 1

// Limits of a brand kit file.
const (
	MaxFileBytes  = 64 << 20 // a logo and a few fonts, base64
	MaxTexts      = 10
	MaxTextRunes  = 1000
	maxNameRunes  = 200
	maxLayerShare = 0.5 // text sizes and margins above half the output make no sense
	maxLines      = 20
)

// File is a brand kit as stored: one versioned JSON document with the
// layers, the chosen presets and the custom presets, the logo and custom
// fonts embedded (base64, as encoding/json writes []byte). Optional numbers
// are pointers when 0 is a meaningful value different from the default.
type File struct {
	Version int             `json:"version"`
	Name    string          `json:"name,omitempty"`
	Presets []string        `json:"presets,omitempty"` // ids, built-in or custom; none means preset.DefaultIDs
	Custom  []preset.Preset `json:"custom,omitempty"`
	Logo    *LogoFile       `json:"logo,omitempty"`
	Texts   []TextFile      `json:"texts,omitempty"`
	Tile    *TileFile       `json:"tile,omitempty"`
	Posts   *PostsFile      `json:"posts,omitempty"`
}

// PostsFile holds the templates of each output's post texts (posts.csv):
// like a text layer's content, {Column} takes the photo's value in the
// sheet. An empty alt text takes the title's template.
type PostsFile struct {
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	AltText     string `json:"altText,omitempty"`
}

// Empty reports whether no post template is set (nil included).
func (p *PostsFile) Empty() bool { return p == nil || *p == PostsFile{} }

// LogoFile is the logo layer: the image file itself and how to place it.
type LogoFile struct {
	Data    []byte   `json:"data"`              // PNG, JPEG or WebP (never SVG: the page rasterises it first)
	Anchor  string   `json:"anchor,omitempty"`  // a geom.Anchor name; default "bottom-right"
	Margin  *float64 `json:"margin,omitempty"`  // share of the output width; default 0.03
	Scale   float64  `json:"scale,omitempty"`   // width as a share of the output width; default 0.2
	Opacity *float64 `json:"opacity,omitempty"` // 0..1; default 0.85
}

// TextFile is one text layer. Its content is a template: {Column} takes
// the photo's value in that column of the sheet (package captions); a kit
// keeps the templates, never the sheet's data.
type TextFile struct {
	Content  string   `json:"content"`
	Font     string   `json:"font,omitempty"`     // a bundled font (FontNames); default "regular"
	FontData []byte   `json:"fontData,omitempty"` // the user's TTF or OTF; used instead of Font
	Size     float64  `json:"size,omitempty"`     // share of the output's shorter side; default 0.05
	Color    string   `json:"color,omitempty"`    // #RRGGBB or #RRGGBBAA; default #FFFFFF
	Band     string   `json:"band,omitempty"`     // colour of a strip behind the text; none when empty
	Shadow   bool     `json:"shadow,omitempty"`
	Badge    bool     `json:"badge,omitempty"`  // the band as a rounded label (a price tag)
	Anchor   string   `json:"anchor,omitempty"` // default "bottom"
	Margin   *float64 `json:"margin,omitempty"` // share of the output width; default 0.03
	Lines    int      `json:"lines,omitempty"`  // the most lines before it shrinks; default 3
}

// TileFile is the tiled watermark: the logo, or Text when there is no logo.
type TileFile struct {
	Text     string   `json:"text,omitempty"`
	Font     string   `json:"font,omitempty"` // default "bold"
	FontData []byte   `json:"fontData,omitempty"`
	Color    string   `json:"color,omitempty"`
	Size     float64  `json:"size,omitempty"`    // text size, share of the shorter side; default 0.04
	Scale    float64  `json:"scale,omitempty"`   // logo width, share of the output width; default 0.12
	Angle    *float64 `json:"angle,omitempty"`   // degrees, counter-clockwise; default 30
	Spacing  *float64 `json:"spacing,omitempty"` // gap, share of the output width; default 0.08
	Opacity  float64  `json:"opacity,omitempty"` // 0..1; default 0.2
}

// ParseFile reads and validates a brand kit. Errors are msg.Coded clauses
// that name the layer and say what to do ("text 2 has a band colour
// \"#12\" that picmark cannot read: write it like #FF8800"), in English
// or French (msg.Reason); callers say the file's name before them. The
// logo and fonts are only sniffed here; File.Kit decodes them.
func ParseFile(data []byte) (*File, error) {
	if err := checkFileSize(len(data)); err != nil {
		return nil, err
	}
	// The version first, loosely: a newer kit may have fields we do not know.
	var head struct {
		Version *json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, preset.JSONError(err, msg.FileKit)
	}
	if head.Version == nil {
		return nil, msg.Err(msg.KitNoVersion)
	}
	var v int
	if err := json.Unmarshal(*head.Version, &v); err != nil || v < 1 {
		return nil, msg.Err(msg.KitBadVersion, msg.Text("value", string(*head.Version)))
	}
	if v > FileVersion {
		return nil, msg.Err(msg.KitNewer, msg.Num("version", v), msg.Num("reads", FileVersion))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	f := new(File)
	if err := dec.Decode(f); err != nil {
		return nil, preset.JSONError(err, msg.FileKit)
	}
	if dec.More() {
		return nil, msg.Err(msg.FileTrailing, msg.Word("want", msg.FileKit))
	}
	if err := f.Check(); err != nil {
		return nil, err
	}
	return f, nil
}

// checkFileSize refuses a brand kit file of n bytes over MaxFileBytes.
func checkFileSize(n int) error {
	if n > MaxFileBytes {
		return msg.Err(msg.KitTooBig, msg.Bytes("size", int64(n)), msg.Bytes("maxSize", MaxFileBytes))
	}
	return nil
}

// Check validates f as ParseFile does, and fills in custom presets'
// defaults.
func (f *File) Check() error {
	switch {
	case f.Version > FileVersion:
		return msg.Err(msg.KitNewer, msg.Num("version", f.Version), msg.Num("reads", FileVersion))
	case f.Version != FileVersion:
		return msg.Err(msg.KitBadVersion, msg.Text("value", strconv.Itoa(f.Version)))
	}
	if utf8.RuneCountInString(f.Name) > maxNameRunes {
		return msg.Err(msg.KitNameLong, msg.Num("max", maxNameRunes))
	}
	custom, err := preset.CheckCustom(f.Custom) // its messages name the format
	if err != nil {
		return err
	}
	f.Custom = custom
	if _, err := preset.Resolve(f.Presets, f.Custom); err != nil {
		return err
	}
	if l := f.Logo; l != nil {
		if err := l.check(); err != nil {
			return part(err, msg.PartLogo)
		}
	}
	if len(f.Texts) > MaxTexts {
		return msg.Err(msg.KitTexts, msg.Num("n", len(f.Texts)), msg.Num("max", MaxTexts))
	}
	for i := range f.Texts {
		if err := f.Texts[i].check(); err != nil {
			return part(err, msg.PartText, msg.Num("layer", i+1))
		}
	}
	if t := f.Tile; t != nil {
		if err := t.check(f.Logo != nil); err != nil {
			return part(err, msg.PartTile)
		}
	}
	if p := f.Posts; p != nil {
		for _, t := range []struct {
			which msg.Code
			s     string
		}{{msg.PartTitle, p.Title}, {msg.PartDescription, p.Description}, {msg.PartAlt, p.AltText}} {
			if err := checkLength(t.s); err != nil {
				return part(err, t.which)
			}
		}
	}
	return nil
}

// part says err, a predicate (msg.Layer…), of a part of the kit (which,
// msg.Part…, with its own arguments): "text 2 has a size of 90%, …".
func part(err error, which msg.Code, args ...msg.Arg) error {
	return msg.Within(err, msg.KitPart, append([]msg.Arg{msg.Word("which", which)}, args...)...)
}

// checkLength refuses a text or a template longer than MaxTextRunes.
func checkLength(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxTextRunes {
		return msg.Err(msg.LayerLong, msg.Num("n", n), msg.Num("max", MaxTextRunes))
	}
	return nil
}

func (l *LogoFile) check() error {
	switch {
	case len(l.Data) == 0:
		return msg.Err(msg.LogoNoImage)
	case IsSVG(l.Data):
		return ErrSVG
	}
	if _, err := imgio.Sniff(l.Data); err != nil {
		return err
	}
	if err := checkAnchor(l.Anchor); err != nil {
		return err
	}
	if err := checkShare(msg.FieldWidth, l.Scale, 1); err != nil {
		return err
	}
	if l.Margin != nil {
		if err := checkShare(msg.FieldMargin, *l.Margin, maxLayerShare); err != nil {
			return err
		}
	}
	if l.Opacity != nil {
		if err := checkShare(msg.FieldOpacity, *l.Opacity, 1); err != nil {
			return err
		}
	}
	return nil
}

func (t *TextFile) check() error {
	if strings.TrimSpace(t.Content) == "" {
		return msg.Err(msg.LayerNoWords)
	}
	if err := checkLength(t.Content); err != nil {
		return err
	}
	if err := checkFont(t.Font, t.FontData); err != nil {
		return err
	}
	if err := checkShare(msg.FieldSize, t.Size, maxLayerShare); err != nil {
		return err
	}
	if t.Lines < 0 || t.Lines > maxLines {
		return msg.Err(msg.LayerLines, msg.Num("lines", t.Lines), msg.Num("max", maxLines))
	}
	if err := checkColor(msg.FieldColour, t.Color); err != nil {
		return err
	}
	if err := checkColor(msg.FieldBandColour, t.Band); err != nil {
		return err
	}
	if err := checkAnchor(t.Anchor); err != nil {
		return err
	}
	if t.Margin != nil {
		if err := checkShare(msg.FieldMargin, *t.Margin, maxLayerShare); err != nil {
			return err
		}
	}
	return nil
}

func (t *TileFile) check(hasLogo bool) error {
	if !hasLogo && strings.TrimSpace(t.Text) == "" {
		return msg.Err(msg.TileNeeds)
	}
	if err := checkLength(t.Text); err != nil {
		return err
	}
	if err := checkFont(t.Font, t.FontData); err != nil {
		return err
	}
	if err := checkColor(msg.FieldColour, t.Color); err != nil {
		return err
	}
	if err := checkShare(msg.FieldSize, t.Size, maxLayerShare); err != nil {
		return err
	}
	if err := checkShare(msg.FieldLogoWidth, t.Scale, 1); err != nil {
		return err
	}
	if err := checkShare(msg.FieldOpacity, t.Opacity, 1); err != nil {
		return err
	}
	if t.Spacing != nil {
		if err := checkShare(msg.FieldSpacing, *t.Spacing, 1); err != nil {
			return err
		}
	}
	if t.Angle != nil && (*t.Angle < -360 || *t.Angle > 360) {
		return msg.Err(msg.TileAngle, msg.Dec("angle", *t.Angle))
	}
	return nil
}

// The checks of one setting below say what is wrong as a predicate of the
// layer (msg.Layer…), in percent where the page shows a percentage.

func checkShare(field msg.Code, v, most float64) error {
	if v < 0 || v > most {
		return msg.Err(msg.LayerShare, msg.Word("field", field), msg.Share("share", v), msg.Share("least", 0), msg.Share("most", most))
	}
	return nil
}

func checkAnchor(s string) error {
	if s == "" {
		return nil
	}
	if _, err := geom.ParseAnchor(s); err != nil {
		names := make([]string, 0, 9)
		for _, a := range geom.Anchors() {
			names = append(names, a.String())
		}
		return msg.Wrap(err, msg.LayerAnchor, msg.Text("value", s), msg.List("anchors", names...))
	}
	return nil
}

func checkFont(name string, data []byte) error {
	if len(data) > MaxFontBytes {
		return msg.Err(msg.LayerFontBig, msg.Bytes("size", int64(len(data))), msg.Bytes("maxSize", MaxFontBytes))
	}
	if len(data) == 0 && name != "" && !isFont(name) {
		return msg.Err(msg.LayerFontUnknown, msg.Text("font", name), msg.List("fonts", FontNames()...))
	}
	return nil
}

func checkColor(field msg.Code, s string) error {
	if s == "" {
		return nil
	}
	if _, err := ParseColor(s); err != nil {
		return msg.Wrap(err, msg.LayerColour, msg.Word("field", field), msg.Text("value", s))
	}
	return nil
}

// ParseColor reads "#RRGGBB", "#RRGGBBAA" or "#RGB" (the # is optional).
func ParseColor(s string) (color.NRGBA, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	bad := msg.Err(msg.ColourBad, msg.Text("value", s))
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) == 6 {
		h += "ff"
	}
	if len(h) != 8 {
		return color.NRGBA{}, bad
	}
	var v [4]uint8
	for i := range v {
		hi, ok1 := hexDigit(h[2*i])
		lo, ok2 := hexDigit(h[2*i+1])
		if !ok1 || !ok2 {
			return color.NRGBA{}, bad
		}
		v[i] = hi<<4 | lo
	}
	return color.NRGBA{v[0], v[1], v[2], v[3]}, nil
}

// FormatColor writes c as ParseColor reads it: "#RRGGBB", or "#RRGGBBAA"
// when it is not opaque.
func FormatColor(c color.NRGBA) string {
	if c.A == 255 {
		return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02X%02X%02X%02X", c.R, c.G, c.B, c.A)
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Marshal writes f as indented JSON, at FileVersion when f.Version is 0.
func (f *File) Marshal() ([]byte, error) {
	g := *f
	if g.Version == 0 {
		g.Version = FileVersion
	}
	return json.MarshalIndent(&g, "", "  ")
}

// PresetList resolves the kit's chosen preset ids among the built-ins and the
// kit's custom presets (none chosen means preset.DefaultIDs).
func (f *File) PresetList() ([]preset.Preset, error) {
	return preset.Resolve(f.Presets, f.Custom)
}

// Kit decodes the logo (through imgio's gate with LogoLimits) and the fonts
// and returns the kit ready to draw, with every default filled in. f should
// come from ParseFile (or have passed Check).
func (f *File) Kit() (*Kit, error) {
	k := &Kit{}
	fonts := map[string]*sfnt.Font{} // custom fonts by content: parse each once
	// A bundled font's error is said alone (a *FontDownloadError names
	// the font); a font of the user's is said of its layer (whose).
	loadFont := func(name string, data []byte, whose msg.Code, args ...msg.Arg) (*sfnt.Font, error) {
		if len(data) == 0 {
			return Font(name)
		}
		if ft := fonts[string(data)]; ft != nil {
			return ft, nil
		}
		ft, err := ParseFont(data)
		if err != nil {
			return nil, part(err, whose, args...)
		}
		fonts[string(data)] = ft
		return ft, nil
	}
	if l := f.Logo; l != nil {
		img, err := DecodeLogo(l.Data)
		if err != nil {
			return nil, part(err, msg.PartLogo)
		}
		a, err := anchorOr(l.Anchor, geom.BottomRight)
		if err != nil {
			return nil, part(err, msg.PartLogo)
		}
		k.Logo = &Logo{Image: img, Scale: l.Scale, Opacity: DefaultOpacity, Anchor: &a, Margin: margin(l.Margin)}
		if l.Opacity != nil {
			k.Logo.Opacity = *l.Opacity
		}
	}
	for i, tf := range f.Texts {
		layer := msg.Num("layer", i+1)
		ft, err := loadFont(tf.Font, tf.FontData, msg.PartTextFont, layer)
		if err != nil {
			return nil, err
		}
		if miss := Missing(ft, tf.Content); len(miss) > 0 {
			return nil, part(missingError(miss), msg.PartText, layer)
		}
		t := &Text{Content: tf.Content, Font: ft, Size: tf.Size, Shadow: tf.Shadow, Badge: tf.Badge, Lines: tf.Lines, Margin: margin(tf.Margin)}
		if t.Color, err = colorOr(msg.FieldColour, tf.Color, color.NRGBA{255, 255, 255, 255}); err != nil {
			return nil, part(err, msg.PartText, layer)
		}
		if tf.Band != "" {
			b, err := colorOr(msg.FieldBandColour, tf.Band, color.NRGBA{})
			if err != nil {
				return nil, part(err, msg.PartText, layer)
			}
			t.Band = &b
		}
		if t.Anchor, err = anchorOr(tf.Anchor, geom.Bottom); err != nil {
			return nil, part(err, msg.PartText, layer)
		}
		k.Texts = append(k.Texts, t)
	}
	if tf := f.Tile; tf != nil {
		name := tf.Font
		if name == "" {
			name = "bold"
		}
		ft, err := loadFont(name, tf.FontData, msg.PartTileFont)
		if err != nil {
			return nil, err
		}
		if miss := Missing(ft, tf.Text); f.Logo == nil && len(miss) > 0 {
			return nil, part(missingError(miss), msg.PartTile)
		}
		t := &Tile{Text: tf.Text, Font: ft, Size: tf.Size, Scale: tf.Scale, Angle: DefaultTileAngle, Opacity: tf.Opacity}
		if tf.Angle != nil {
			t.Angle = *tf.Angle
		}
		if tf.Spacing != nil {
			t.Spacing = margin(tf.Spacing)
		}
		if t.Color, err = colorOr(msg.FieldColour, tf.Color, color.NRGBA{255, 255, 255, 255}); err != nil {
			return nil, part(err, msg.PartTile)
		}
		k.Tile = t
	}
	return k, nil
}

// margin maps a file's optional share to Logo.Margin's convention: absent
// is 0 (the default), an explicit 0 is -1 (none).
func margin(v *float64) float64 {
	switch {
	case v == nil:
		return 0
	case *v == 0:
		return -1
	}
	return *v
}

// anchorOr and colorOr read a setting Check has passed; their errors are
// its predicates (msg.Layer…).
func anchorOr(s string, def geom.Anchor) (geom.Anchor, error) {
	if s == "" {
		return def, nil
	}
	if err := checkAnchor(s); err != nil {
		return def, err
	}
	return geom.ParseAnchor(s)
}

func colorOr(field msg.Code, s string, def color.NRGBA) (color.NRGBA, error) {
	if s == "" {
		return def, nil
	}
	if err := checkColor(field, s); err != nil {
		return def, err
	}
	return ParseColor(s)
}

// missingError says which characters a font cannot draw.
func missingError(miss []rune) error {
	q := make([]string, len(miss))
	for i, r := range miss {
		q[i] = string(r)
	}
	return msg.Err(msg.FontNoLetter, msg.List("letters", q...))
}
