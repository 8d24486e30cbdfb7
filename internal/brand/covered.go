package brand

import "image"

// maxPieces is how many pieces Covered splits a layer into at most: a
// tiled watermark, which covers every stripe, is drawn whole.
const maxPieces = 8

// Covered is where a layer drawn on its own (Kit.Draw on a transparent
// m) is not transparent, as a few rectangles: one per stripe of rows with
// something drawn, each as wide as what its rows hold, or one rectangle
// round them all when there would be more than maxPieces. Nil when
// nothing is drawn. Laying just those pieces over a photo gives the same
// pixels as the whole layer, for a fraction of the work: a logo in a
// corner is a twentieth of the picture.
func Covered(m *image.RGBA) []image.Rectangle {
	var pieces []image.Rectangle
	b := m.Rect
	open := false
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := m.Pix[(y-b.Min.Y)*m.Stride : (y-b.Min.Y)*m.Stride+4*b.Dx()]
		x0, x1 := -1, -1
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0 {
				if x0 < 0 {
					x0 = i / 4
				}
				x1 = i/4 + 1
			}
		}
		switch {
		case x0 < 0:
			open = false
		case open:
			p := &pieces[len(pieces)-1]
			p.Min.X, p.Max.X, p.Max.Y = min(p.Min.X, b.Min.X+x0), max(p.Max.X, b.Min.X+x1), y+1
		default:
			pieces = append(pieces, image.Rect(b.Min.X+x0, y, b.Min.X+x1, y+1))
			open = true
		}
	}
	if len(pieces) > maxPieces {
		all := pieces[0]
		for _, p := range pieces[1:] {
			all = all.Union(p)
		}
		return []image.Rectangle{all}
	}
	return pieces
}
