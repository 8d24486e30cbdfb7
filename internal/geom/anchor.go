package geom

import (
	"fmt"
	"image"
	"strings"
)

// Anchor is one of nine positions in a rectangle: the corners, the middles
// of the edges and the centre. Crops use it to choose which part of a photo
// to keep; layers use it to choose where they sit.
type Anchor int

// The nine anchors. Center is the zero value.
const (
	Center Anchor = iota
	TopLeft
	Top
	TopRight
	Left
	Right
	BottomLeft
	Bottom
	BottomRight
)

var anchorNames = [...]string{"center", "top-left", "top", "top-right", "left", "right", "bottom-left", "bottom", "bottom-right"}

// Anchors lists every anchor in a stable order (the order of their names).
func Anchors() []Anchor {
	return []Anchor{TopLeft, Top, TopRight, Left, Center, Right, BottomLeft, Bottom, BottomRight}
}

// String is the anchor's name as flags and brand kits write it: "top-left".
func (a Anchor) String() string {
	if a < 0 || int(a) >= len(anchorNames) {
		return fmt.Sprintf("anchor(%d)", int(a))
	}
	return anchorNames[a]
}

// ParseAnchor reads an anchor name; "centre" and "middle" also mean Center.
func ParseAnchor(s string) (Anchor, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "centre", "middle":
		return Center, nil
	}
	for i, n := range anchorNames {
		if n == s {
			return Anchor(i), nil
		}
	}
	return Center, fmt.Errorf("%q is not a position; use one of %s", s, strings.Join(anchorNames[:], ", "))
}

// MarshalText and UnmarshalText let anchors travel as names in JSON.
func (a Anchor) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads an anchor name.
func (a *Anchor) UnmarshalText(b []byte) error {
	v, err := ParseAnchor(string(b))
	*a = v
	return err
}

// fractions returns where the anchor sits along x and y: 0, ½ or 1.
func (a Anchor) fractions() (fx, fy int64) {
	switch a {
	case TopLeft:
		return 0, 0
	case Top:
		return 1, 0
	case TopRight:
		return 2, 0
	case Left:
		return 0, 1
	case Right:
		return 2, 1
	case BottomLeft:
		return 0, 2
	case Bottom:
		return 1, 2
	case BottomRight:
		return 2, 2
	}
	return 1, 1
}

// Place puts a w×h box inside area at the anchor, margin pixels from the
// edges it touches (a centred axis ignores the margin). It does not shrink
// the box; callers check it fits.
func Place(area image.Rectangle, w, h, margin int, a Anchor) image.Rectangle {
	fx, fy := a.fractions()
	x := place(int64(area.Min.X), int64(area.Max.X), int64(w), int64(margin), fx)
	y := place(int64(area.Min.Y), int64(area.Max.Y), int64(h), int64(margin), fy)
	return image.Rect(int(x), int(y), int(x)+w, int(y)+h)
}

func place(lo, hi, size, margin, f int64) int64 {
	switch f {
	case 0:
		return lo + margin
	case 2:
		return hi - margin - size
	}
	return lo + (hi-lo-size)/2
}

// AnchorCrop returns the largest rectangle of aspect w:h inside src, pushed
// towards the anchor (TopLeft keeps the top-left corner of the photo).
func AnchorCrop(src image.Rectangle, w, h int, a Anchor) image.Rectangle {
	c := CenterCrop(src, w, h)
	if c.Empty() {
		return c
	}
	return Place(src, c.Dx(), c.Dy(), 0, a)
}
