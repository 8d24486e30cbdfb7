// Package brand draws a brand kit's layers on rendered images: a logo, lines
// of text, and a tiled watermark. Every layer sits wholly inside the
// preset's safe area (the canvas minus the margins a platform's buttons,
// captions or labels cover) and is sized relative to the output, so one kit
// reads on a 128 px avatar and on a 3000 px header: small layers grow to a
// legible minimum, large ones shrink to fit, and a layer that cannot fit at
// a legible size is skipped rather than cut.
//
// The placement is a decision, separate from the pixels: Kit.Rects returns
// where each layer lands (or why it was skipped), for the preview and the
// tests; Kit.Draw obeys the same plan.
//
// A brand kit travels as one versioned JSON document (File): layers, the
// chosen presets, custom presets, with the logo and any custom font
// embedded.
package brand

import (
	"fmt"
	"image"

	"picmark/internal/msg"
	"picmark/internal/preset"
)

// Kit is a brand kit ready to draw: decoded logo, parsed fonts. A Kit is
// not changed by drawing, so one Kit may draw on many images at once.
type Kit struct {
	Logo  *Logo   // nil: none
	Texts []*Text // drawn in order, over the logo
	Tile  *Tile   // nil: none; drawn first, under the other layers
}

// LayerRect is where one layer lands on a canvas.
type LayerRect struct {
	Layer   string          // "tile", "logo", "text 1", "text 2", …
	Rect    image.Rectangle // inside the safe area; empty when skipped
	Skipped bool
	Reason  msg.Message // why it was skipped
	// Smaller: the layer is smaller than it would be alone, to make room
	// for the layers before it.
	Smaller bool
	text    int // a text layer's number (1, 2, …); 0 for the logo and the tile
}

// plan is the kit placed on one canvas.
type plan struct {
	rects     []LayerRect
	area      image.Rectangle
	tile      *image.NRGBA // rotated, faded; nil when no tile is drawn
	logo      image.Rectangle
	texts     []*textLayout // by index of k.Texts; nil when skipped
	textRects []image.Rectangle
}

func (k *Kit) plan(canvas image.Rectangle, safe preset.Insets, pixels bool) *plan {
	p := &plan{area: safeArea(canvas, safe), texts: make([]*textLayout, len(k.Texts)),
		textRects: make([]image.Rectangle, len(k.Texts))}
	if k.Tile != nil {
		lr := LayerRect{Layer: "tile"}
		var logo image.Image
		if k.Logo != nil {
			logo = k.Logo.Image
		}
		switch {
		case logo == nil && k.Tile.Text == "":
			lr.Skipped, lr.Reason = true, msg.New(msg.TileNeedsContent)
		case p.area.Empty():
			lr.Skipped, lr.Reason = true, msg.New(msg.SafeAreaEmpty)
		default:
			m, ok := k.Tile.tileImage(canvas, p.area, logo, pixels)
			if !ok {
				lr.Skipped, lr.Reason = true, msg.New(msg.LayerNoRoomTile)
			} else {
				lr.Rect, p.tile = p.area, m
			}
		}
		p.rects = append(p.rects, lr)
	}
	var taken []image.Rectangle // the layers placed so far: the next keep clear of them
	if l := k.Logo; l != nil && l.Image != nil {
		lr := LayerRect{Layer: "logo"}
		m := marginPx(canvas, l.Margin)
		b := l.Image.Bounds()
		fit := func(w, h int) (image.Point, float64, struct{}, bool) {
			sz, ok := logoSize(canvas, w, h, b.Dx(), b.Dy(), l.Scale)
			return sz, float64(sz.X), struct{}{}, ok
		}
		pl := place(p.area.Inset(m), taken, gapPx(m), l.anchor(), fit)
		settle(pl, &lr, msg.LayerNoRoomLogo, &taken)
		p.logo = lr.Rect
		p.rects = append(p.rects, lr)
	}
	for i, t := range k.Texts {
		if t == nil {
			continue
		}
		lr := LayerRect{Layer: fmt.Sprintf("text %d", i+1), text: i + 1}
		fit, why := t.sizer(canvas)
		if fit == nil {
			lr.Skipped, lr.Reason = true, why
			p.rects = append(p.rects, lr)
			continue
		}
		m := marginPx(canvas, t.Margin)
		pl := place(p.area.Inset(m), taken, gapPx(m), t.Anchor, fit)
		if settle(pl, &lr, msg.LayerNoRoomText, &taken) {
			p.texts[i], p.textRects[i] = pl.v, pl.rect
		}
		p.rects = append(p.rects, lr)
	}
	return p
}

// settle records a layer's place in lr: placed, and taken from the room
// the next layers have (true), or skipped, with noRoom as the reason when
// it fits nowhere at all.
func settle[T any](pl placed[T], lr *LayerRect, noRoom msg.Code, taken *[]image.Rectangle) bool {
	switch {
	case pl.crowded:
		lr.Skipped, lr.Reason = true, msg.New(msg.LayerCrowded)
	case !pl.ok:
		lr.Skipped, lr.Reason = true, msg.New(noRoom)
	default:
		lr.Rect, lr.Smaller = pl.rect, pl.smaller
		*taken = append(*taken, pl.rect)
		return true
	}
	return false
}

// Extent is the part of canvas Draw may change: the layers' Rects joined
// (each holds all its layer draws: padding, band and shadow).
func (k *Kit) Extent(canvas image.Rectangle, safe preset.Insets) image.Rectangle {
	var ext image.Rectangle
	for _, lr := range k.Rects(canvas, safe) {
		if !lr.Skipped {
			ext = ext.Union(lr.Rect)
		}
	}
	return ext
}

// Rects returns where each layer lands on canvas with the preset's safe
// insets, in drawing order (tile, logo, texts). Skipped layers are listed
// with an empty Rect and the reason.
func (k *Kit) Rects(canvas image.Rectangle, safe preset.Insets) []LayerRect {
	if k == nil {
		return nil
	}
	return k.plan(canvas, safe, false).rects
}

// Draw draws every layer on dst inside the safe area (dst's bounds minus
// safe): the tiled watermark, then the logo, then the texts. Nothing is
// drawn outside the safe area. A nil kit draws nothing.
func (k *Kit) Draw(dst *image.RGBA, safe preset.Insets) {
	if dst != nil {
		k.DrawOn(dst, dst.Rect, safe)
	}
}

// DrawOn is Draw for a canvas of which dst holds a part: the layers are
// placed on canvas, and only what falls on dst is drawn, to the same
// pixels. With dst at Extent, a logo in a corner is drawn on an image of
// its own size, not the picture's.
func (k *Kit) DrawOn(dst *image.RGBA, canvas image.Rectangle, safe preset.Insets) {
	if k == nil || dst == nil {
		return
	}
	p := k.plan(canvas, safe, true)
	if p.tile != nil {
		k.Tile.stamp(dst, canvas, p.area, p.tile)
	}
	if k.Logo != nil {
		k.Logo.draw(dst, p.logo)
	}
	for i, l := range p.texts {
		if l != nil {
			k.Texts[i].draw(dst, p.textRects[i], l)
		}
	}
}
