package brand

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"picmark/internal/geom"
	"picmark/internal/imgio"
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

// ParseFile reads and validates a brand kit. Errors are plain sentences
// naming the field ("text 2: colour \"#12\" is not a colour like
// #RRGGBB"); callers prefix the file name. The logo and fonts are only
// sniffed here; File.Kit decodes them.
func ParseFile(data []byte) (*File, error) {
	if err := checkFileSize(len(data)); err != nil {
		return nil, err
	}
	// The version first, loosely: a newer kit may have fields we do not know.
	var head struct {
		Version *json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, preset.JSONError(err, "a brand kit")
	}
	if head.Version == nil {
		return nil, errors.New(`is not a picmark brand kit: it has no "version"`)
	}
	var v int
	if err := json.Unmarshal(*head.Version, &v); err != nil || v < 1 {
		return nil, fmt.Errorf("version %s is not a brand kit version (1, 2, …)", *head.Version)
	}
	if v > FileVersion {
		return nil, fmt.Errorf("is a brand kit of version %d; this picmark reads version %d: update picmark", v, FileVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	f := new(File)
	if err := dec.Decode(f); err != nil {
		return nil, preset.JSONError(err, "a brand kit")
	}
	if dec.More() {
		return nil, errors.New("has something after the brand kit; a brand kit file holds one JSON object")
	}
	if err := f.Check(); err != nil {
		return nil, err
	}
	return f, nil
}

// checkFileSize refuses a brand kit file of n bytes over MaxFileBytes.
func checkFileSize(n int) error {
	if n > MaxFileBytes {
		return fmt.Errorf("is %s; a brand kit may be up to %s", imgio.Bytes(int64(n)), imgio.Bytes(MaxFileBytes))
	}
	return nil
}

// Check validates f as ParseFile does, and fills in custom presets'
// defaults.
func (f *File) Check() error {
	if f.Version != FileVersion {
		return fmt.Errorf("version %d is not %d", f.Version, FileVersion)
	}
	if utf8.RuneCountInString(f.Name) > maxNameRunes {
		return fmt.Errorf("name is longer than %d characters", maxNameRunes)
	}
	custom, err := preset.CheckCustom(f.Custom)
	if err != nil {
		return fmt.Errorf("custom presets: %w", err)
	}
	f.Custom = custom
	if _, err := preset.Resolve(f.Presets, f.Custom); err != nil {
		return fmt.Errorf("presets: %w", err)
	}
	if l := f.Logo; l != nil {
		if err := l.check(); err != nil {
			return fmt.Errorf("logo: %w", err)
		}
	}
	if len(f.Texts) > MaxTexts {
		return fmt.Errorf("has %d texts; a brand kit may have up to %d", len(f.Texts), MaxTexts)
	}
	for i := range f.Texts {
		if err := f.Texts[i].check(); err != nil {
			return fmt.Errorf("text %d: %w", i+1, err)
		}
	}
	if t := f.Tile; t != nil {
		if err := t.check(f.Logo != nil); err != nil {
			return fmt.Errorf("tile: %w", err)
		}
	}
	if p := f.Posts; p != nil {
		for _, t := range []struct{ name, s string }{{"title", p.Title}, {"description", p.Description}, {"alt text", p.AltText}} {
			if n := utf8.RuneCountInString(t.s); n > MaxTextRunes {
				return fmt.Errorf("posts: the %s template has %d characters; it may have up to %d", t.name, n, MaxTextRunes)
			}
		}
	}
	return nil
}

func (l *LogoFile) check() error {
	switch {
	case len(l.Data) == 0:
		return errors.New("no image data; embed the logo file as base64 in \"data\"")
	case IsSVG(l.Data):
		return ErrSVG
	}
	if _, err := imgio.Sniff(l.Data); err != nil {
		return err
	}
	if err := checkAnchor(l.Anchor); err != nil {
		return err
	}
	if err := checkShare("scale", l.Scale, 1); err != nil {
		return err
	}
	if l.Margin != nil {
		if err := checkShare("margin", *l.Margin, maxLayerShare); err != nil {
			return err
		}
	}
	if l.Opacity != nil {
		if err := checkShare("opacity", *l.Opacity, 1); err != nil {
			return err
		}
	}
	return nil
}

func (t *TextFile) check() error {
	switch n := utf8.RuneCountInString(t.Content); {
	case strings.TrimSpace(t.Content) == "":
		return errors.New("no content; write the text in \"content\"")
	case n > MaxTextRunes:
		return fmt.Errorf("the content has %d characters; a text may have up to %d", n, MaxTextRunes)
	}
	if err := checkFont(t.Font, t.FontData); err != nil {
		return err
	}
	if err := checkShare("size", t.Size, maxLayerShare); err != nil {
		return err
	}
	if t.Lines < 0 || t.Lines > maxLines {
		return fmt.Errorf("lines %d is not between 1 and %d", t.Lines, maxLines)
	}
	if err := checkColor("colour", t.Color); err != nil {
		return err
	}
	if err := checkColor("band", t.Band); err != nil {
		return err
	}
	if err := checkAnchor(t.Anchor); err != nil {
		return err
	}
	if t.Margin != nil {
		if err := checkShare("margin", *t.Margin, maxLayerShare); err != nil {
			return err
		}
	}
	return nil
}

func (t *TileFile) check(hasLogo bool) error {
	if !hasLogo && strings.TrimSpace(t.Text) == "" {
		return errors.New("a tiled watermark needs the logo or a text in \"text\"")
	}
	if n := utf8.RuneCountInString(t.Text); n > MaxTextRunes {
		return fmt.Errorf("the text has %d characters; it may have up to %d", n, MaxTextRunes)
	}
	if err := checkFont(t.Font, t.FontData); err != nil {
		return err
	}
	if err := checkColor("colour", t.Color); err != nil {
		return err
	}
	if err := checkShare("size", t.Size, maxLayerShare); err != nil {
		return err
	}
	if err := checkShare("scale", t.Scale, 1); err != nil {
		return err
	}
	if err := checkShare("opacity", t.Opacity, 1); err != nil {
		return err
	}
	if t.Spacing != nil {
		if err := checkShare("spacing", *t.Spacing, 1); err != nil {
			return err
		}
	}
	if t.Angle != nil && (*t.Angle < -360 || *t.Angle > 360) {
		return fmt.Errorf("angle %g is not between -360 and 360 degrees", *t.Angle)
	}
	return nil
}

func checkShare(field string, v, most float64) error {
	if v < 0 || v > most {
		return fmt.Errorf("%s %g is not between 0 and %g", field, v, most)
	}
	return nil
}

func checkAnchor(s string) error {
	if s == "" {
		return nil
	}
	_, err := geom.ParseAnchor(s)
	return err
}

func checkFont(name string, data []byte) error {
	if len(data) > MaxFontBytes {
		return fmt.Errorf("the font is %s; picmark takes fonts up to %s", imgio.Bytes(int64(len(data))), imgio.Bytes(MaxFontBytes))
	}
	if len(data) == 0 && name != "" {
		if !isFont(name) {
			return fmt.Errorf("font %q is not one of picmark's fonts (%s); or embed your own in \"fontData\"", name, strings.Join(FontNames(), ", "))
		}
	}
	return nil
}

func checkColor(field, s string) error {
	if s == "" {
		return nil
	}
	if _, err := ParseColor(s); err != nil {
		return fmt.Errorf("%s %w", field, err)
	}
	return nil
}

// ParseColor reads "#RRGGBB", "#RRGGBBAA" or "#RGB" (the # is optional).
func ParseColor(s string) (color.NRGBA, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	bad := fmt.Errorf("%q is not a colour like #RRGGBB", s)
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
	loadFont := func(name string, data []byte) (*sfnt.Font, error) {
		if len(data) == 0 {
			return Font(name)
		}
		if ft := fonts[string(data)]; ft != nil {
			return ft, nil
		}
		ft, err := ParseFont(data)
		if err != nil {
			return nil, fmt.Errorf("fontData %w", err)
		}
		fonts[string(data)] = ft
		return ft, nil
	}
	if l := f.Logo; l != nil {
		img, err := DecodeLogo(l.Data)
		if err != nil {
			return nil, fmt.Errorf("logo %w", err)
		}
		a, err := anchorOr(l.Anchor, geom.BottomRight)
		if err != nil {
			return nil, fmt.Errorf("logo: %w", err)
		}
		k.Logo = &Logo{Image: img, Scale: l.Scale, Opacity: DefaultOpacity, Anchor: &a, Margin: margin(l.Margin)}
		if l.Opacity != nil {
			k.Logo.Opacity = *l.Opacity
		}
	}
	for i, tf := range f.Texts {
		ft, err := loadFont(tf.Font, tf.FontData)
		if err != nil {
			return nil, fmt.Errorf("text %d: %w", i+1, err)
		}
		if miss := Missing(ft, tf.Content); len(miss) > 0 {
			return nil, fmt.Errorf("text %d: %w", i+1, missingError(miss))
		}
		t := &Text{Content: tf.Content, Font: ft, Size: tf.Size, Shadow: tf.Shadow, Badge: tf.Badge, Lines: tf.Lines, Margin: margin(tf.Margin)}
		if t.Color, err = colorOr(tf.Color, color.NRGBA{255, 255, 255, 255}); err != nil {
			return nil, fmt.Errorf("text %d: colour %w", i+1, err)
		}
		if tf.Band != "" {
			b, err := ParseColor(tf.Band)
			if err != nil {
				return nil, fmt.Errorf("text %d: band %w", i+1, err)
			}
			t.Band = &b
		}
		if t.Anchor, err = anchorOr(tf.Anchor, geom.Bottom); err != nil {
			return nil, fmt.Errorf("text %d: %w", i+1, err)
		}
		k.Texts = append(k.Texts, t)
	}
	if tf := f.Tile; tf != nil {
		name := tf.Font
		if name == "" {
			name = "bold"
		}
		ft, err := loadFont(name, tf.FontData)
		if err != nil {
			return nil, fmt.Errorf("tile: %w", err)
		}
		if miss := Missing(ft, tf.Text); f.Logo == nil && len(miss) > 0 {
			return nil, fmt.Errorf("tile: %w", missingError(miss))
		}
		t := &Tile{Text: tf.Text, Font: ft, Size: tf.Size, Scale: tf.Scale, Angle: DefaultTileAngle, Opacity: tf.Opacity}
		if tf.Angle != nil {
			t.Angle = *tf.Angle
		}
		if tf.Spacing != nil {
			t.Spacing = margin(tf.Spacing)
		}
		if t.Color, err = colorOr(tf.Color, color.NRGBA{255, 255, 255, 255}); err != nil {
			return nil, fmt.Errorf("tile: colour %w", err)
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

func anchorOr(s string, def geom.Anchor) (geom.Anchor, error) {
	if s == "" {
		return def, nil
	}
	return geom.ParseAnchor(s)
}

func colorOr(s string, def color.NRGBA) (color.NRGBA, error) {
	if s == "" {
		return def, nil
	}
	return ParseColor(s)
}

// missingError says which characters a font cannot draw.
func missingError(miss []rune) error {
	q := make([]string, len(miss))
	for i, r := range miss {
		q[i] = strconv.QuoteRune(r)
	}
	return fmt.Errorf("the font has no letter for %s; choose another font or remove them", strings.Join(q, ", "))
}
