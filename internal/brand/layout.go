package brand

import (
	"image"
	"math"

	"picmark/internal/geom"
)

// Layers never collide. The logo and the texts are laid out one after the
// other, in drawing order, each in a part of the safe area the earlier ones
// leave free: beside them (a centred text stays centred between them) or
// stacked above or below them. Each layer takes the free part where it
// keeps the biggest size, and among those the one nearest where it would sit
// alone, a side step costing twice a step up or down, so that layers at
// one corner stack and a centred text goes beside a corner's logo. A layer
// smaller than it would be alone, or left out for want of room, is said in
// the report (Kit.Notes). The tiled watermark lies under the others and
// takes no room.

// gapPx is the space kept between two layers: half the layer's margin.
func gapPx(margin int) int { return margin / 2 }

// freeParts returns the parts of base that keep gap pixels away from every
// rectangle of taken: each taken rectangle in turn cuts every part left so
// far into what lies above, below, left and right of it. For an axis
// where a is centred, a part is also offered cut to stay centred on base.
// At most maxParts parts are kept, the largest first.
func freeParts(base image.Rectangle, taken []image.Rectangle, gap int, a geom.Anchor) []image.Rectangle {
	const maxParts = 48
	fx, fy := anchorFractions(a)
	cx2, cy2 := base.Min.X+base.Max.X, base.Min.Y+base.Max.Y // twice the centre
	parts := []image.Rectangle{base}
	for _, t := range taken {
		p := image.Rectangle{Min: t.Min.Sub(image.Pt(gap, gap)), Max: t.Max.Add(image.Pt(gap, gap))}
		var next []image.Rectangle
		add := func(r image.Rectangle) {
			if r.Empty() {
				return
			}
			for _, q := range next {
				if q == r {
					return
				}
			}
			next = append(next, r)
		}
		for _, r := range parts {
			if !r.Overlaps(p) {
				add(r)
				continue
			}
			above, below, left, right := r, r, r, r
			above.Max.Y = min(r.Max.Y, p.Min.Y)
			below.Min.Y = max(r.Min.Y, p.Max.Y)
			left.Max.X = min(r.Max.X, p.Min.X)
			right.Min.X = max(r.Min.X, p.Max.X)
			add(above)
			add(below)
			add(left)
			add(right)
			if fx == 1 { // the same cut on the other side too, to stay centred
				l, rr := left, right
				l.Min.X = max(l.Min.X, cx2-l.Max.X)
				rr.Max.X = min(rr.Max.X, cx2-rr.Min.X)
				add(l)
				add(rr)
			}
			if fy == 1 {
				a, b := above, below
				a.Min.Y = max(a.Min.Y, cy2-a.Max.Y)
				b.Max.Y = min(b.Max.Y, cy2-b.Min.Y)
				add(a)
				add(b)
			}
		}
		if len(next) > maxParts {
			sortByArea(next)
			next = next[:maxParts]
		}
		parts = next
	}
	return parts
}

// sortByArea sorts rs largest first, stably (a few dozen at most).
func sortByArea(rs []image.Rectangle) {
	area := func(r image.Rectangle) int64 { return int64(r.Dx()) * int64(r.Dy()) }
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && area(rs[j]) > area(rs[j-1]); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// fitting is how big a layer can be in a w×h part: its size, and a measure
// of that size (the logo's width, the text's font size) to compare parts.
type fitting[T any] func(w, h int) (size image.Point, measure float64, v T, ok bool)

// placed is one layer's place.
type placed[T any] struct {
	rect    image.Rectangle
	v       T
	smaller bool // smaller than alone in base
	ok      bool
	crowded bool // it fits alone, not beside the others
}

// place lays one layer out in base beside taken (see the comment above).
func place[T any](base image.Rectangle, taken []image.Rectangle, gap int, a geom.Anchor, fit fitting[T]) placed[T] {
	aloneSize, aloneMeasure, aloneV, ok := fit(base.Dx(), base.Dy())
	if !ok {
		return placed[T]{}
	}
	alone := geom.Place(base, aloneSize.X, aloneSize.Y, 0, a)
	if !overlapsAny(alone, taken, gap) {
		return placed[T]{rect: alone, v: aloneV, ok: true}
	}
	fx, fy := anchorFractions(a)
	point := func(r image.Rectangle) image.Point {
		return image.Pt(r.Min.X+r.Dx()*fx/2, r.Min.Y+r.Dy()*fy/2)
	}
	home := point(alone)
	best := placed[T]{crowded: true}
	bestMeasure, bestCost := -1.0, int64(math.MaxInt64)
	for _, part := range freeParts(base, taken, gap, a) {
		size, m, v, ok := fit(part.Dx(), part.Dy())
		if !ok || m < bestMeasure {
			continue
		}
		r := geom.Place(part, size.X, size.Y, 0, a)
		d := point(r).Sub(home)
		cost := 2*abs64(d.X) + abs64(d.Y)
		if m > bestMeasure || cost < bestCost {
			best = placed[T]{rect: r, v: v, ok: true, smaller: m < aloneMeasure}
			bestMeasure, bestCost = m, cost
		}
	}
	return best
}

func overlapsAny(r image.Rectangle, taken []image.Rectangle, gap int) bool {
	for _, t := range taken {
		if r.Overlaps(image.Rectangle{Min: t.Min.Sub(image.Pt(gap, gap)), Max: t.Max.Add(image.Pt(gap, gap))}) {
			return true
		}
	}
	return false
}

func abs64(v int) int64 {
	if v < 0 {
		return -int64(v)
	}
	return int64(v)
}
