// Package crop decides which part of a photo each output keeps. A strategy
// returns a rectangle in the upright photo's coordinates; the renderer obeys
// it and the page can draw it, so the preview and the output never disagree.
//
// Strategies: centre, anchored (nine positions), focal point (a point given
// as fractions of the photo, the crop centred on it and clamped inside the
// photo) and smart (content-aware). Smart works from an Analysis — edges,
// skin tones, saturation and faces found on an upright copy of at most
// MaxSide pixels — computed once per photo and reused for every preset. Its
// tuning lives in exported Weights; the analysis is deterministic and writes
// nothing anywhere.
//
// Every strategy keeps the largest crop of the output's aspect that fits the
// photo (the most pixels, the least upscaling) and only chooses where it
// sits. Functions are total: empty photos or sizes give the photo back.
package crop

import (
	"image"
	"math"
	"strconv"
	"strings"

	"picmark/internal/geom"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Kind names a strategy.
type Kind string

// The strategies. The zero Kind means Center.
const (
	Center   Kind = "center"
	Anchored Kind = "anchor"
	Focal    Kind = "focal"
	Smart    Kind = "smart"
)

// Point is a position in the upright photo as fractions of its width and
// height: {0, 0} is the top-left corner, {0.5, 0.5} the centre.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Box is a rectangle in fractions of the upright photo, like Point.
type Box struct{ Min, Max Point }

// Strategy is how to choose a crop. Anchor is used by Anchored, Focal by
// Focal; the zero value is Center.
type Strategy struct {
	Kind   Kind        `json:"kind"`
	Anchor geom.Anchor `json:"anchor,omitzero"`
	Focal  Point       `json:"focal,omitzero"`
}

// Parse reads the command line's -crop value: center, smart, focal, or one of
// the eight anchors top, bottom, left, right, top-left, top-right,
// bottom-left, bottom-right. "centre" and "" mean center. Focal starts at the
// centre: set Strategy.Focal (see ParsePoint) to the point.
func Parse(s string) (Strategy, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "", "center", "centre", "middle":
		return Strategy{Kind: Center}, nil
	case "smart":
		return Strategy{Kind: Smart}, nil
	case "focal":
		return Strategy{Kind: Focal, Focal: Point{0.5, 0.5}}, nil
	default:
		a, err := geom.ParseAnchor(v)
		if err != nil {
			return Strategy{}, msg.Err(msg.CropBad, msg.Text("value", s))
		}
		return Strategy{Kind: Anchored, Anchor: a}, nil
	}
}

// String is the -crop value that Parse reads back (a focal point's position
// is not part of it).
func (s Strategy) String() string {
	switch s.Kind {
	case Anchored:
		return s.Anchor.String()
	case Focal, Smart:
		return string(s.Kind)
	}
	return string(Center)
}

// ParsePoint reads a focal point written "X,Y" as fractions between 0 and 1
// ("0.3,0.25"), or as percentages ("30%,25%").
func ParsePoint(s string) (Point, error) {
	bad := msg.Err(msg.FocalBad, msg.Text("value", s))
	xs, ys, ok := strings.Cut(s, ",")
	if !ok {
		return Point{}, bad
	}
	var v [2]float64
	for i, f := range []string{xs, ys} {
		f = strings.TrimSpace(f)
		div := 1.0
		if p, ok := strings.CutSuffix(f, "%"); ok {
			f, div = strings.TrimSpace(p), 100
		}
		n, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(n) || n/div < 0 || n/div > 1 {
			return Point{}, bad
		}
		v[i] = n / div
	}
	return Point{v[0], v[1]}, nil
}

// Result is a strategy's decision for one output.
type Result struct {
	Rect     image.Rectangle // the crop, inside the photo
	Faces    int             // faces the analysis found in the photo
	FacesCut int             // faces not wholly inside Rect (Smart only)
	FacesErr error           // why faces were not looked for (Smart only), or nil
}

// Rect chooses the crop of aspect w:h inside photo (the upright photo's
// bounds, full size) for an output with safe insets safe (pixels at the w×h
// output size). The crop is always the largest of that aspect; the strategy
// only chooses where it sits. Focal centres it on the point, clamped inside
// the photo. Smart uses a (nil means Center): it keeps every face whole when
// they fit, otherwise as many as it can (FacesCut says how many it could
// not), then prefers salient content, kept out of the safe-zone margins.
func (s Strategy) Rect(photo image.Rectangle, w, h int, safe preset.Insets, a *Analysis) Result {
	c := geom.CenterCrop(photo, w, h)
	if c.Empty() || photo.Empty() || w <= 0 || h <= 0 {
		return Result{Rect: c}
	}
	switch s.Kind {
	case Anchored:
		return Result{Rect: geom.AnchorCrop(photo, w, h, s.Anchor)}
	case Focal:
		return Result{Rect: focal(photo, c.Dx(), c.Dy(), s.Focal)}
	case Smart:
		if a != nil {
			r := a.choose(photo, c.Dx(), c.Dy(), w, h, safe)
			r.FacesErr = a.FacesErr
			return r
		}
	}
	return Result{Rect: c}
}

// focal places a cw×ch crop centred on p (fractions of photo), clamped inside
// photo. The point always ends up inside the crop: the crop is at least one
// pixel and moves at most half its size to stay in the photo.
func focal(photo image.Rectangle, cw, ch int, p Point) image.Rectangle {
	x := clampPos(photo.Min.X, photo.Dx(), cw, p.X)
	y := clampPos(photo.Min.Y, photo.Dy(), ch, p.Y)
	return image.Rect(x, y, x+cw, y+ch)
}

// clampPos is the start of a span of size c, centred on fraction f of a
// length n starting at lo, clamped to stay inside.
func clampPos(lo, n, c int, f float64) int {
	if math.IsNaN(f) {
		f = 0.5
	}
	f = min(max(f, 0), 1)
	s := int(math.Round(f*float64(n) - float64(c)/2))
	return lo + min(max(s, 0), n-c)
}
