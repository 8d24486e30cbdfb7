package brand

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"picmark/internal/geom"
	"picmark/internal/preset"
)

// Text sizes, as shares of the output's shorter side, and the floor below
// which text is not worth drawing.
const (
	DefaultTextSize = 0.05
	// MinTextPx is the smallest legible font size in pixels: text grows to
	// it on small outputs and shrinks no further to fit; text that cannot
	// fit at this size is skipped.
	MinTextPx = 9
	// MaxFontBytes bounds a user's font file.
	MaxFontBytes = 10 << 20
)

// Text is a caption, a slogan or a handle drawn in the safe area.
type Text struct {
	Content string      // may hold line breaks; long lines wrap at spaces
	Font    *sfnt.Font  // nil means the bundled "regular" (Go Regular)
	Size    float64     // font size as a share of the output's shorter side; <= 0 means DefaultTextSize
	Color   color.NRGBA // the zero value means white
	// Band, when set, is a strip of colour behind the text for legibility.
	Band *color.NRGBA
	// Shadow draws a dark (or, under dark text, light) copy of the text
	// offset down and right, for legibility on busy photos.
	Shadow bool
	Anchor geom.Anchor // where it sits in the safe area; the zero value is the centre
	Margin float64     // as Logo.Margin: share of the output width, 0 default, negative none
}

// ErrFont is ParseFont's answer to bytes that are not a usable font.
var ErrFont = errors.New("is not a font picmark can use (TTF or OTF)")

// ParseFont reads a user's TrueType or OpenType font (TrueType or CFF
// outlines). The error is ErrFont, or a sentence about its size.
func ParseFont(data []byte) (*sfnt.Font, error) {
	if len(data) > MaxFontBytes {
		return nil, fmt.Errorf("is a font of %d MB; picmark takes fonts up to %d MB", len(data)>>20, MaxFontBytes>>20)
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFont, err)
	}
	return f, nil
}

// Missing lists the characters of s (at most 5, spaces and line breaks
// aside) that f has no glyph for: they would be drawn as empty boxes.
func Missing(f *sfnt.Font, s string) []rune {
	var b sfnt.Buffer
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if unicode.IsSpace(r) || seen[r] {
			continue
		}
		seen[r] = true
		if i, err := f.GlyphIndex(&b, r); err != nil || i == 0 {
			if out = append(out, r); len(out) == 5 {
				break
			}
		}
	}
	return out
}

// textLayout is a text placed on one canvas: the decision, before pixels.
type textLayout struct {
	face    font.Face
	lines   []string
	widths  []int // advance width of each line, pixels
	ascent  int
	lineH   int
	pad     int // inside the block, around the lines
	shadow  int // shadow offset, 0 without shadow
	w, h    int // the whole block, padding and shadow included
	alignFx int // 0 left, 1 centre, 2 right
}

// layout places t on canvas inside the safe area: the font grows to
// MinTextPx, lines wrap at spaces to the safe width, and the size shrinks
// until the block fits. It returns an empty rectangle and a reason when
// the text cannot fit.
func (t *Text) layout(canvas image.Rectangle, safe preset.Insets) (image.Rectangle, *textLayout, string) {
	if strings.TrimSpace(t.Content) == "" {
		return image.Rectangle{}, nil, "the text is empty"
	}
	f := t.Font
	if f == nil {
		var err error
		if f, err = Font(DefaultFont); err != nil {
			return image.Rectangle{}, nil, err.Error()
		}
	}
	area := safeArea(canvas, safe)
	m := marginPx(canvas, t.Margin)
	availW, availH := area.Dx()-2*m, area.Dy()-2*m
	size := t.Size
	if size <= 0 || math.IsNaN(size) {
		size = DefaultTextSize
	}
	short := min(canvas.Dx(), canvas.Dy())
	px := max(MinTextPx, min(size, 1)*float64(short))
	l := fit(f, t.Content, px, availW, availH, t.Band != nil, t.Shadow)
	if l == nil {
		return image.Rectangle{}, nil, "no room for the text inside the safe area at a legible size"
	}
	l.alignFx, _ = anchorFractions(t.Anchor)
	return geom.Place(area, l.w, l.h, m, t.Anchor), l, ""
}

// fit lays content out at px pixels per em, shrinking by tenths down to
// MinTextPx until it fits availW×availH; nil when it never does.
func fit(f *sfnt.Font, content string, px float64, availW, availH int, band, shadow bool) *textLayout {
	for {
		if l := layoutAt(f, content, px, availW, availH, band, shadow); l != nil {
			return l
		}
		if px <= MinTextPx {
			return nil
		}
		px = max(MinTextPx, px*0.9)
	}
}

// layoutAt wraps content at px pixels per em and returns nil when the
// block does not fit in availW×availH (or a word is wider than a line).
func layoutAt(f *sfnt.Font, content string, px float64, availW, availH int, band, shadow bool) *textLayout {
	if availW < 1 || availH < 1 {
		return nil
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	met := face.Metrics()
	l := &textLayout{face: face, ascent: met.Ascent.Ceil(), lineH: max(1, met.Height.Ceil())}
	descent := met.Descent.Ceil()
	// Padding leaves room for glyphs whose ink overhangs their advance
	// (italics) and, with a band, makes the strip look deliberate.
	l.pad = max(1, int(math.Ceil(px*0.08)))
	if band {
		l.pad = max(2, int(math.Round(px*0.3)))
	}
	if shadow {
		l.shadow = max(1, int(math.Round(px/18)))
	}
	lineW := availW - 2*l.pad - l.shadow
	if lineW < 1 {
		return nil
	}
	space := font.MeasureString(face, " ").Ceil()
	for _, para := range strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n") {
		line, w := "", 0
		for _, word := range strings.Fields(para) {
			ww := font.MeasureString(face, word).Ceil()
			if ww > lineW {
				return nil
			}
			if line != "" && w+space+ww <= lineW {
				line, w = line+" "+word, w+space+ww
				continue
			}
			if line != "" {
				l.lines, l.widths = append(l.lines, line), append(l.widths, w)
			}
			line, w = word, ww
		}
		l.lines, l.widths = append(l.lines, line), append(l.widths, w) // an empty paragraph is a blank line
	}
	for len(l.lines) > 0 && l.lines[len(l.lines)-1] == "" {
		l.lines, l.widths = l.lines[:len(l.lines)-1], l.widths[:len(l.widths)-1]
	}
	maxW := 0
	for _, w := range l.widths {
		maxW = max(maxW, w)
	}
	l.w = maxW + 2*l.pad + l.shadow
	l.h = l.ascent + descent + (len(l.lines)-1)*l.lineH + 2*l.pad + l.shadow
	if l.w > availW || l.h > availH {
		return nil
	}
	return l
}

// mask rasterises the lines (anti-aliased) into an alpha mask the size of
// the block without its shadow offset; glyph ink outside it is clipped.
func (l *textLayout) mask() *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, l.w-l.shadow, l.h-l.shadow))
	d := font.Drawer{Dst: m, Src: image.Opaque, Face: l.face}
	inner := l.w - l.shadow - 2*l.pad
	for i, s := range l.lines {
		x := l.pad + (inner-l.widths[i])*l.alignFx/2
		y := l.pad + l.ascent + i*l.lineH
		d.Dot = fixed.P(x, y)
		d.DrawString(s)
	}
	return m
}

// draw paints the band, the shadow and the text of l at r on dst.
func (t *Text) draw(dst *image.RGBA, r image.Rectangle, l *textLayout) {
	if t.Band != nil {
		draw.Draw(dst, r, image.NewUniform(*t.Band), image.Point{}, draw.Over)
	}
	col := orWhite(t.Color)
	m := l.mask()
	mr := m.Rect.Add(r.Min)
	if l.shadow > 0 {
		sc := color.NRGBA{0, 0, 0, 150}
		if luma(col) < 100 {
			sc = color.NRGBA{255, 255, 255, 150}
		}
		draw.DrawMask(dst, mr.Add(image.Pt(l.shadow, l.shadow)), image.NewUniform(sc), image.Point{}, m, image.Point{}, draw.Over)
	}
	draw.DrawMask(dst, mr, image.NewUniform(col), image.Point{}, m, image.Point{}, draw.Over)
}

// orWhite is c, or white for the zero colour.
func orWhite(c color.NRGBA) color.NRGBA {
	if c == (color.NRGBA{}) {
		return color.NRGBA{255, 255, 255, 255}
	}
	return c
}

func luma(c color.NRGBA) int { return (299*int(c.R) + 587*int(c.G) + 114*int(c.B)) / 1000 }

// anchorFractions is where a anchors along x and y: 0, 1 (middle) or 2.
func anchorFractions(a geom.Anchor) (fx, fy int) {
	switch a {
	case geom.TopLeft, geom.Left, geom.BottomLeft:
		fx = 0
	case geom.TopRight, geom.Right, geom.BottomRight:
		fx = 2
	default:
		fx = 1
	}
	switch a {
	case geom.TopLeft, geom.Top, geom.TopRight:
		fy = 0
	case geom.BottomLeft, geom.Bottom, geom.BottomRight:
		fy = 2
	default:
		fy = 1
	}
	return fx, fy
}
