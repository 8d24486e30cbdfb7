package brand

import (
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
	"picmark/internal/msg"
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
	// Badge draws the band (Band, or DefaultBadge without one) as a
	// rounded label with more room around the text: a price tag.
	Badge  bool
	Anchor geom.Anchor // where it sits in the safe area; the zero value is the centre
	Margin float64     // as Logo.Margin: share of the output width, 0 default, negative none
	// Lines is the most lines the text wraps onto before it shrinks; 0
	// means DefaultLines. A text with more lines of its own keeps them.
	Lines int
	// Omitted says why Content is empty, for the report: a caption whose
	// row leaves its column empty (msg.CaptionEmpty), or no row.
	Omitted msg.Message
}

// DefaultLines is how many lines a text wraps onto before it shrinks, and
// DefaultBadge a badge's colour when the text has no band colour.
const DefaultLines = 3

var DefaultBadge = color.NRGBA{17, 17, 17, 204}

// ErrFont is ParseFont's answer to bytes that are not a usable font.
var ErrFont = msg.Err(msg.FontNotFont)

// ParseFont reads a user's TrueType or OpenType font (TrueType or CFF
// outlines). The error is ErrFont, or a sentence about its size.
func ParseFont(data []byte) (*sfnt.Font, error) {
	if len(data) > MaxFontBytes {
		return nil, checkFont("", data)
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
	px      float64 // font size, pixels per em
	lines   []string
	widths  []int // advance width of each line, pixels
	ascent  int
	lineH   int
	pad     int // inside the block, around the lines
	shadow  int // shadow offset, 0 without shadow
	radius  int // a badge's corner radius; 0 for a square band
	w, h    int // the whole block, padding and shadow included
	alignFx int // 0 left, 1 centre, 2 right
}

// style is how a text block is drawn, as far as its size goes.
type style struct {
	band, badge, shadow bool
	lines               int // the most lines; 0 means no limit
}

func (t *Text) style() style {
	n := t.Lines
	if n <= 0 {
		n = DefaultLines
	}
	n = max(n, len(paragraphs(t.Content)))
	return style{band: t.Band != nil || t.Badge, badge: t.Badge, shadow: t.Shadow, lines: n}
}

// sizer returns how t lays out on canvas in a space of w×h: the font grows
// to MinTextPx, lines wrap at spaces onto at most its Lines, and the size
// shrinks until the block fits. ok is false when it cannot fit; why says
// so when the text cannot be laid out anywhere.
func (t *Text) sizer(canvas image.Rectangle) (fitting[*textLayout], msg.Message) {
	if strings.TrimSpace(t.Content) == "" {
		if !t.Omitted.IsZero() {
			return nil, t.Omitted
		}
		return nil, msg.New(msg.TextEmpty)
	}
	f := t.Font
	if f == nil {
		var err error
		if f, err = Font(DefaultFont); err != nil {
			return nil, msg.Of(err)
		}
	}
	size := t.Size
	if size <= 0 || math.IsNaN(size) {
		size = DefaultTextSize
	}
	px := max(MinTextPx, min(size, 1)*float64(min(canvas.Dx(), canvas.Dy())))
	st := t.style()
	alignFx, _ := anchorFractions(t.Anchor)
	return func(w, h int) (image.Point, float64, *textLayout, bool) {
		l := fit(f, t.Content, px, w, h, st)
		if l == nil {
			return image.Point{}, 0, nil, false
		}
		l.alignFx = alignFx
		return image.Pt(l.w, l.h), l.px, l, true
	}, msg.Message{}
}

// fit lays content out at px pixels per em, shrinking by tenths down to
// MinTextPx until it fits availW×availH; nil when it never does.
func fit(f *sfnt.Font, content string, px float64, availW, availH int, st style) *textLayout {
	for {
		if l := layoutAt(f, content, px, availW, availH, st); l != nil {
			return l
		}
		if px <= MinTextPx {
			return nil
		}
		px = max(MinTextPx, px*0.9)
	}
}

// paragraphs are content's lines as written, trailing blank ones aside.
func paragraphs(content string) []string {
	ps := strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n")
	for len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// breaks reports whether a line may break at r: at spaces, but not at the
// no-break spaces French puts before € and : ("12,90 €").
func breaks(r rune) bool { return unicode.IsSpace(r) && r != 0xA0 && r != 0x202F && r != 0x2007 }

// plainSpaces draws no-break spaces as spaces: not every font has them.
func plainSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0xA0 || r == 0x202F || r == 0x2007 {
			return ' '
		}
		return r
	}, s)
}

// layoutAt wraps content at px pixels per em and returns nil when the
// block does not fit in availW×availH, takes more than st.lines lines, or
// a word is wider than a line.
func layoutAt(f *sfnt.Font, content string, px float64, availW, availH int, st style) *textLayout {
	if availW < 1 || availH < 1 {
		return nil
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	met := face.Metrics()
	l := &textLayout{face: face, px: px, ascent: met.Ascent.Ceil(), lineH: max(1, met.Height.Ceil())}
	descent := met.Descent.Ceil()
	// Padding leaves room for glyphs whose ink overhangs their advance
	// (italics) and, with a band, makes the strip look deliberate.
	l.pad = max(1, int(math.Ceil(px*0.08)))
	switch {
	case st.badge:
		l.pad, l.radius = max(3, int(math.Round(px*0.4))), max(2, int(math.Round(px*0.35)))
	case st.band:
		l.pad = max(2, int(math.Round(px*0.3)))
	}
	if st.shadow {
		l.shadow = max(1, int(math.Round(px/18)))
	}
	lineW := availW - 2*l.pad - l.shadow
	if lineW < 1 {
		return nil
	}
	space := font.MeasureString(face, " ").Ceil()
	for _, para := range paragraphs(content) {
		line, w := "", 0
		for _, word := range strings.FieldsFunc(para, breaks) {
			word = plainSpaces(word)
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
		if st.lines > 0 && len(l.lines) > st.lines {
			return nil
		}
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
	switch {
	case t.Badge:
		c := DefaultBadge
		if t.Band != nil {
			c = *t.Band
		}
		box := r
		box.Max = box.Max.Sub(image.Pt(l.shadow, l.shadow))
		draw.DrawMask(dst, box, image.NewUniform(c), image.Point{}, roundedMask(box.Dx(), box.Dy(), l.radius), image.Point{}, draw.Over)
	case t.Band != nil:
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

// roundedMask is a w×h rectangle with corners rounded to radius,
// anti-aliased at the corners.
func roundedMask(w, h, radius int) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	radius = min(radius, w/2, h/2)
	rf := float64(radius)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			cx, cy := -1.0, -1.0 // the corner's centre, when (x, y) is in a corner square
			switch {
			case x < radius:
				cx = rf
			case x >= w-radius:
				cx = float64(w - radius)
			}
			switch {
			case y < radius:
				cy = rf
			case y >= h-radius:
				cy = float64(h - radius)
			}
			a := 1.0
			if cx >= 0 && cy >= 0 {
				d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
				a = min(1, max(0, rf-d+0.5))
			}
			m.Pix[y*m.Stride+x] = uint8(math.Round(a * 255))
		}
	}
	return m
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
