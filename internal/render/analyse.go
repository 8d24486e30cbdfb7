package render

import (
	"image"
	"image/color"

	"github.com/disintegration/imaging"

	"picmark/internal/crop"
	"picmark/internal/imgio"
)

// AnalysePhoto prepares the smart strategy's Analysis for a photo as stored
// (EXIF orientation o): a box shrink of the stored pixels to
// analysisMidSide, then analyse. One Analysis serves every preset of the
// photo.
func AnalysePhoto(stored image.Image, o int) *crop.Analysis {
	return analyse(shrink(stored, analysisMidSide), o)
}

// analysisMidSide is the longest side of the copy of a photo analysed as
// it comes from the decoder: the CLI box-shrinks to it, the page has the
// browser scale to it with its own filter; analyse's own box shrink to
// crop.MaxSide then has nothing left to do. A copy 4 × as large, box-shrunk
// in Go, frames alike under more filters (with Go's filters standing in
// for the browser's, over the bench's photos), but it cost the page 0.6 s
// of CPU over the bench's 30 photos (+8 %), and Chromium still settled a
// near-tie (crop.Analysis.Score) apart from the CLI: measured, not kept.
const analysisMidSide = crop.MaxSide

// analyse finishes the analysis of mid, a photo as stored already shrunk
// to at most analysisMidSide (as it is when that is crop.MaxSide: no copy).
func analyse(mid image.Image, o int) *crop.Analysis {
	if b := mid.Bounds(); max(b.Dx(), b.Dy()) > crop.MaxSide {
		mid = shrink(mid, crop.MaxSide)
	}
	return crop.Analyse(imgio.Orient(mid, o), crop.DefaultWeights)
}

// heldAnalysis is Held's Analysis of a photo held as px (EXIF orientation
// o): px scales it to midSize (in the browser, with the browser's filter),
// then analyse. mid is that copy, as held; both are nil when px cannot
// scale it. The page's previews analyse through it too (LookHeld), so a
// preview is framed as its output is, even where two framings score
// within a hair of each other.
func heldAnalysis(px Pixels, o int) (a *crop.Analysis, mid *image.NRGBA) {
	b := px.Bounds()
	size := midSize(b) // shrink's size, so both paths analyse alike
	m, err := px.Scale(b, size.X, size.Y)
	if err != nil {
		return nil, nil
	}
	return analyse(m, o), m
}

// midSize is the size of the first copy for a photo of size b, as shrink
// makes it.
func midSize(b image.Rectangle) image.Point {
	k := (max(b.Dx(), b.Dy()) + analysisMidSide - 1) / analysisMidSide
	return image.Pt((b.Dx()+k-1)/k, (b.Dy()+k-1)/k)
}

// shrink box-averages m by the smallest integer factor k that brings its
// longest side to at most side (the last row and column of blocks may be
// partial). One pass over the pixels with no per-pixel interface calls for
// the decoders' own types (YCbCr for JPEG, RGBA/NRGBA/Gray for PNG);
// other types are point-sampled at each block's centre.
func shrink(m image.Image, side int) *image.NRGBA {
	b := m.Bounds()
	W, H := b.Dx(), b.Dy()
	if W <= 0 || H <= 0 || side <= 0 {
		return image.NewNRGBA(image.Rectangle{})
	}
	k := (max(W, H) + side - 1) / side
	if k == 1 {
		return imaging.Clone(m) // small already
	}
	ow, oh := (W+k-1)/k, (H+k-1)/k
	acc := newAccum(ow, oh)
	switch s := m.(type) {
	case *image.YCbCr:
		ycbcr(acc, s, k)
	case *image.NYCbCrA:
		ycbcr(acc, &s.YCbCr, k)
	case *image.RGBA:
		interleaved(acc, s.Pix, s.Stride, W, H, k, 4)
	case *image.NRGBA: // colour without alpha weighting: good enough to judge content
		interleaved(acc, s.Pix, s.Stride, W, H, k, 4)
	case *image.Gray:
		interleaved(acc, s.Pix, s.Stride, W, H, k, 1)
	default:
		return sampled(m, k, ow, oh)
	}
	return acc.result()
}

// accum sums three channels per output pixel and counts the samples.
type accum struct {
	w, h int
	sum  [3][]uint32
	n    [3][]uint32
}

func newAccum(w, h int) *accum {
	a := &accum{w: w, h: h}
	for c := range a.sum {
		a.sum[c] = make([]uint32, w*h)
		a.n[c] = make([]uint32, w*h)
	}
	return a
}

// result is the average of each output pixel's samples, opaque.
func (a *accum) result() *image.NRGBA {
	out := image.NewNRGBA(image.Rect(0, 0, a.w, a.h))
	for i := range a.w * a.h {
		var v [3]uint8
		for c := range v {
			if n := a.n[c][i]; n > 0 {
				v[c] = uint8((a.sum[c][i] + n/2) / n)
			}
		}
		out.Pix[4*i], out.Pix[4*i+1], out.Pix[4*i+2], out.Pix[4*i+3] = v[0], v[1], v[2], 255
	}
	return out
}

// interleaved sums the first three channels of a packed image with
// bytes per pixel (1 for grey: the value feeds all three channels).
func interleaved(a *accum, pix []uint8, stride, W, H, k, bpp int) {
	for y := 0; y < H; y++ {
		row := pix[y*stride : y*stride+W*bpp]
		base := (y / k) * a.w
		for ox := 0; ox < a.w; ox++ {
			x0, x1 := ox*k, min((ox+1)*k, W)
			var s [3]uint32
			if bpp == 1 {
				for _, v := range row[x0:x1] {
					s[0] += uint32(v)
				}
				s[1], s[2] = s[0], s[0]
			} else {
				for i := x0 * bpp; i < x1*bpp; i += bpp {
					s[0] += uint32(row[i])
					s[1] += uint32(row[i+1])
					s[2] += uint32(row[i+2])
				}
			}
			for c := range s {
				a.sum[c][base+ox] += s[c]
				a.n[c][base+ox] += uint32(x1 - x0)
			}
		}
	}
}

// ycbcr sums the Y plane per block and each chroma plane per block of its
// own resolution, then converts the averages to RGB in place.
func ycbcr(a *accum, m *image.YCbCr, k int) {
	W, H := m.Rect.Dx(), m.Rect.Dy()
	for y := 0; y < H; y++ {
		row := m.Y[y*m.YStride : y*m.YStride+W]
		base := (y / k) * a.w
		for ox := 0; ox < a.w; ox++ {
			x0, x1 := ox*k, min((ox+1)*k, W)
			var s uint32
			for _, v := range row[x0:x1] {
				s += uint32(v)
			}
			a.sum[0][base+ox] += s
			a.n[0][base+ox] += uint32(x1 - x0)
		}
	}
	// Chroma sample (cx, cy) covers luma from (cx·hx, cy·vy): it goes to the
	// block holding that corner. The planes start at Rect.Min rounded down.
	hx, vy := 1, 1
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		hx = 2
	case image.YCbCrSubsampleRatio420:
		hx, vy = 2, 2
	case image.YCbCrSubsampleRatio440:
		vy = 2
	case image.YCbCrSubsampleRatio411:
		hx = 4
	case image.YCbCrSubsampleRatio410:
		hx, vy = 4, 2
	}
	x0, y0 := m.Rect.Min.X/hx*hx-m.Rect.Min.X, m.Rect.Min.Y/vy*vy-m.Rect.Min.Y
	cw, ch := (m.Rect.Max.X+hx-1)/hx-m.Rect.Min.X/hx, (m.Rect.Max.Y+vy-1)/vy-m.Rect.Min.Y/vy
	// Output column ox takes chroma columns [lo[ox], hi[ox]): those whose
	// samples start in its block, and at least the one under its first pixel.
	lo, hi := make([]int, a.w), make([]int, a.w)
	for ox := range a.w {
		bx0, bx1 := ox*k, min((ox+1)*k, W)
		lo[ox] = min((bx0-x0)/hx, cw-1)
		hi[ox] = min(max(lo[ox]+1, (bx1-x0+hx-1)/hx), cw)
	}
	for cy := 0; cy < ch; cy++ {
		ly := min(max(y0+cy*vy, 0), H-1)
		base := (ly / k) * a.w
		cb, cr := m.Cb[cy*m.CStride:cy*m.CStride+cw], m.Cr[cy*m.CStride:cy*m.CStride+cw]
		for ox := 0; ox < a.w; ox++ {
			var sb, sr uint32
			for cx := lo[ox]; cx < hi[ox]; cx++ {
				sb += uint32(cb[cx])
				sr += uint32(cr[cx])
			}
			n := uint32(hi[ox] - lo[ox])
			a.sum[1][base+ox] += sb
			a.sum[2][base+ox] += sr
			a.n[1][base+ox] += n
			a.n[2][base+ox] += n
		}
	}
	for i := range a.w * a.h {
		v := [3]uint8{0, 128, 128} // a block row without chroma of its own (k < vy at an edge): grey
		for c := range v {
			if n := a.n[c][i]; n > 0 {
				v[c] = uint8((a.sum[c][i] + n/2) / n)
			}
		}
		r, g, b := color.YCbCrToRGB(v[0], v[1], v[2])
		a.sum[0][i], a.sum[1][i], a.sum[2][i] = uint32(r), uint32(g), uint32(b)
		a.n[0][i], a.n[1][i], a.n[2][i] = 1, 1, 1
	}
}

// sampled point-samples any image at the centre of each k×k block.
func sampled(m image.Image, k, ow, oh int) *image.NRGBA {
	b := m.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, ow, oh))
	for y := 0; y < oh; y++ {
		sy := b.Min.Y + min(y*k+k/2, b.Dy()-1)
		for x := 0; x < ow; x++ {
			sx := b.Min.X + min(x*k+k/2, b.Dx()-1)
			out.SetNRGBA(x, y, color.NRGBAModel.Convert(m.At(sx, sy)).(color.NRGBA))
		}
	}
	return out
}
