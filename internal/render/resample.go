package render

// The resize of a crop to its output size. imaging.Resize is exact but
// slow where picmark runs most (one thread of wasm: float64 maths with
// alpha on every tap, a column-by-column vertical pass, a goroutine per
// row): a 12 MP photo's three default outputs took about 5 s in node.
// resize is the same Lanczos-3 in integer arithmetic for opaque photos,
// after an integer box shrink when the reduction is large. Photos with
// transparency (a product shot's PNG) take the same filter weighted by
// alpha, as imaging does it, in integers too: imaging's float path took
// about a second an output in wasm. Other types keep imaging's path.

import (
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// minResidual is the smallest reduction Lanczos finishes after a box
// shrink: the shrink by k is chosen so the photo is still at least
// minResidual times the output. TestResizeQuality holds the result to
// PSNR ≥ 40 dB against imaging's Lanczos on the whole crop.
const minResidual = 2.0

// weightBits is the fixed-point precision of the filter weights.
const weightBits = 14

// resize scales m to w×h with a Lanczos-3 filter (an upscale included) and
// returns a new *image.NRGBA. Opaque photos of the decoders' own types
// (YCbCr, RGBA, NRGBA, Gray) take the fast path, NRGBA and RGBA with
// transparency the alpha-weighted one; anything else is resized by
// imaging.
func resize(m image.Image, w, h int) *image.NRGBA {
	b := m.Bounds()
	if w <= 0 || h <= 0 || b.Empty() {
		return &image.NRGBA{}
	}
	sw, sh := b.Dx(), b.Dy()
	extW, extH := float64(sw), float64(sh)
	k := shrinkFactor(sw, sh, w, h)
	var rows rows // nil for YCbCr: resizeYCbCr and boxShrink read its planes
	if yc, ok := m.(*image.YCbCr); ok {
		if k == 1 {
			return resizeYCbCr(yc, w, h)
		}
	} else if rows = rowReader(m); rows == nil {
		if rows = translucentRows(m); rows != nil {
			return lanczosAlpha(rows, sw, sh, w, h)
		}
		return imaging.Resize(m, w, h, imaging.Lanczos)
	}
	if k > 1 {
		small := boxShrink(m, rows, k)
		extW, extH = float64(sw)/float64(k), float64(sh)/float64(k)
		rows = rowReader(small)
		sw, sh = small.Rect.Dx(), small.Rect.Dy()
	}
	return lanczos(rows, sw, sh, extW, extH, w, h)
}

// Lanczos is the engine's resize (Lanczos-3, after a box shrink for large
// reductions): what another scaler is held to (the browser worker's
// self-check compares the canvas's scaling with it).
func Lanczos(m image.Image, w, h int) *image.NRGBA { return resize(m, w, h) }

// shrinkFactor is the integer box shrink to apply before Lanczos for an
// sw×sh photo made w×h: 1 (none) unless both sides shrink by at least
// 2·minResidual.
func shrinkFactor(sw, sh, w, h int) int {
	r := min(float64(sw)/float64(w), float64(sh)/float64(h))
	return max(1, int(r/minResidual))
}

// Kernel is the engine's Lanczos-3 along one axis, for a scaler outside
// Go (the browser worker's script) to apply as lanczos does, with no box
// shrink: output pixel i is the sum over j < Taps of W[i*Taps+j] times
// source pixel Start[i]+j, in fixed point of WeightBits bits, then
// rounded half up and clamped to a byte; rows are filtered first into
// bytes, then columns. That is exactly Lanczos for an opaque photo
// reduced by less than 2·minResidual, or enlarged.
type Kernel struct {
	Taps     int
	Start, W []int32
}

// WeightBits is Kernel's fixed-point precision.
const WeightBits = weightBits

// LanczosKernel is the Kernel scaling n source pixels to dst.
func LanczosKernel(dst, n int) Kernel {
	k := lanczosKernel(dst, n, float64(n))
	start := make([]int32, len(k.start))
	for i, s := range k.start {
		start[i] = int32(s)
	}
	return Kernel{Taps: k.n, Start: start, W: k.w}
}

// rows yields row y (0-based within the image's bounds) as RGBA bytes
// into dst (4 bytes a pixel, not premultiplied; alpha 255 from the opaque
// readers, rowReader's).
type rows func(y int, dst []uint8)

// rowReader returns a reader for an opaque packed image of a type it
// knows, or nil (another type, or some transparency).
func rowReader(m image.Image) rows {
	switch m := m.(type) {
	case *image.NRGBA:
		if !opaqueRGBA(m.Pix, m.Stride, m.Rect) {
			return nil
		}
		return packedRows(m.Pix, m.Stride, m.Rect.Dx())
	case *image.RGBA:
		if !opaqueRGBA(m.Pix, m.Stride, m.Rect) {
			return nil
		}
		return packedRows(m.Pix, m.Stride, m.Rect.Dx())
	case *image.Gray:
		w := m.Rect.Dx()
		return func(y int, dst []uint8) {
			src := m.Pix[y*m.Stride : y*m.Stride+w]
			dst = dst[:4*len(src)]
			for i, v := range src {
				d := dst[4*i : 4*i+4 : 4*i+4]
				d[0], d[1], d[2], d[3] = v, v, v, 0xFF
			}
		}
	}
	return nil
}

// opaqueRGBA reports whether every alpha byte of a packed 4-byte image is
// 255 (opaque RGBA and NRGBA pixels are the same bytes).
func opaqueRGBA(pix []uint8, stride int, r image.Rectangle) bool {
	w := r.Dx() * 4
	for y := 0; y < r.Dy(); y++ {
		row := pix[y*stride : y*stride+w]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 0xFF {
				return false
			}
		}
	}
	return true
}

func packedRows(pix []uint8, stride, w int) rows {
	return func(y int, dst []uint8) {
		copy(dst[:4*w], pix[y*stride:y*stride+4*w])
	}
}

// chromaColumns maps each luma column of r to its chroma column in the
// planes (which start at r.Min.X/hx).
func chromaColumns(r image.Rectangle, hx int) []int32 {
	ci := make([]int32, r.Dx())
	for x := range ci {
		ci[x] = int32((r.Min.X+x)/hx - r.Min.X/hx)
	}
	return ci
}

// chromaSteps is how many luma columns and rows one chroma sample covers.
func chromaSteps(s image.YCbCrSubsampleRatio) (hx, vy int) {
	switch s {
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 1, 1
}

// ycc is color.YCbCrToRGB, written here so the compiler inlines it.
func ycc(y, cb, cr uint8) (uint8, uint8, uint8) {
	yy1 := int32(y) * 0x10101
	cb1 := int32(cb) - 128
	cr1 := int32(cr) - 128
	r := yy1 + 91881*cr1
	if uint32(r)&0xff000000 == 0 {
		r >>= 16
	} else {
		r = ^(r >> 31)
	}
	g := yy1 - 22554*cb1 - 46802*cr1
	if uint32(g)&0xff000000 == 0 {
		g >>= 16
	} else {
		g = ^(g >> 31)
	}
	b := yy1 + 116130*cb1
	if uint32(b)&0xff000000 == 0 {
		b >>= 16
	} else {
		b = ^(b >> 31)
	}
	return uint8(r), uint8(g), uint8(b)
}

// boxShrink averages k×k blocks of an opaque image (the last row and
// column of blocks may be partial). A YCbCr photo is averaged in YCbCr and
// converted once per block; others a row of RGBA at a time.
func boxShrink(m image.Image, rows rows, k int) *image.NRGBA {
	b := m.Bounds()
	W, H := b.Dx(), b.Dy()
	ow, oh := (W+k-1)/k, (H+k-1)/k
	out := image.NewNRGBA(image.Rect(0, 0, ow, oh))
	sum := make([]uint32, 3*ow)
	if yc, ok := m.(*image.YCbCr); ok {
		boxYCbCr(yc, k, out, sum)
		return out
	}
	row := make([]uint8, 4*W)
	for oy := 0; oy < oh; oy++ {
		clear(sum)
		y1 := min((oy+1)*k, H)
		for y := oy * k; y < y1; y++ {
			rows(y, row)
			for ox := 0; ox < ow; ox++ {
				s := sum[3*ox : 3*ox+3 : 3*ox+3]
				seg := row[4*ox*k : 4*min((ox+1)*k, W)]
				for i := 0; i+3 < len(seg); i += 4 {
					s[0] += uint32(seg[i])
					s[1] += uint32(seg[i+1])
					s[2] += uint32(seg[i+2])
				}
			}
		}
		emitBlocks(out, oy, sum, k, W, y1-oy*k, false)
	}
	return out
}

// boxYCbCr is boxShrink for YCbCr: sums of Y, Cb and Cr per block, each
// luma pixel counting the chroma sample that covers it.
func boxYCbCr(m *image.YCbCr, k int, out *image.NRGBA, sum []uint32) {
	r := m.Rect
	W, H := r.Dx(), r.Dy()
	hx, vy := chromaSteps(m.SubsampleRatio)
	ow := out.Rect.Dx()
	ci := chromaColumns(r, hx)
	for oy := 0; oy < out.Rect.Dy(); oy++ {
		clear(sum)
		y1 := min((oy+1)*k, H)
		for y := oy * k; y < y1; y++ {
			yrow := m.Y[y*m.YStride : y*m.YStride+W]
			c := ((r.Min.Y+y)/vy - r.Min.Y/vy) * m.CStride
			cb, cr := m.Cb[c:], m.Cr[c:]
			for ox := 0; ox < ow; ox++ {
				x0, x1 := ox*k, min((ox+1)*k, W)
				var sy, sb, sr uint32
				for x := x0; x < x1; x++ {
					sy += uint32(yrow[x])
					j := ci[x]
					sb += uint32(cb[j])
					sr += uint32(cr[j])
				}
				s := sum[3*ox : 3*ox+3 : 3*ox+3]
				s[0] += sy
				s[1] += sb
				s[2] += sr
			}
		}
		emitBlocks(out, oy, sum, k, W, y1-oy*k, true)
	}
}

// emitBlocks writes output row oy from the block sums (n rows of blocks k
// wide, the last one W mod k when partial), converting from YCbCr when
// asked.
func emitBlocks(out *image.NRGBA, oy int, sum []uint32, k, W, n int, ycbcr bool) {
	ow := out.Rect.Dx()
	dst := out.Pix[oy*out.Stride : oy*out.Stride+4*ow]
	for ox := 0; ox < ow; ox++ {
		cnt := uint32((min((ox+1)*k, W) - ox*k) * n)
		s := sum[3*ox : 3*ox+3 : 3*ox+3]
		v0, v1, v2 := uint8((s[0]+cnt/2)/cnt), uint8((s[1]+cnt/2)/cnt), uint8((s[2]+cnt/2)/cnt)
		if ycbcr {
			v0, v1, v2 = ycc(v0, v1, v2)
		}
		d := dst[4*ox : 4*ox+4 : 4*ox+4]
		d[0], d[1], d[2], d[3] = v0, v1, v2, 0xFF
	}
}

// kernel is a separable filter along one axis: every output pixel takes n
// consecutive source pixels from start[i] with the weights w[i*n:(i+1)*n],
// which sum to 1<<weightBits.
type kernel struct {
	n     int
	start []int
	w     []int32
}

// lanczosKernel is imaging's Lanczos-3 weighting for dst outputs from n
// source pixels spanning ext source units (ext is n, or n·k/k' after a
// box shrink whose last block is partial): the same centres, support
// and normalisation, rounded to fixed point.
func lanczosKernel(dst, n int, ext float64) kernel {
	return lanczosKernelAt(dst, n, ext/float64(dst), 0)
}

// lanczosKernelAt is lanczosKernel for outputs du source pixels apart,
// the first one's left edge at origin (in source pixels).
func lanczosKernelAt(dst, n int, du, origin float64) kernel {
	scale := max(du, 1)
	ru := math.Ceil(scale * 3)
	taps := min(int(2*ru)+1, n)
	k := kernel{n: taps, start: make([]int, dst), w: make([]int32, dst*taps)}
	f := make([]float64, taps)
	for v := 0; v < dst; v++ {
		fu := origin + (float64(v)+0.5)*du - 0.5
		begin := max(int(math.Ceil(fu-ru)), 0)
		end := min(int(math.Floor(fu+ru)), n-1)
		start := min(begin, n-taps)
		clear(f)
		sum := 0.0
		for u := begin; u <= end; u++ {
			x := math.Abs(float64(u)-fu) / scale
			if x >= 3 {
				continue
			}
			wt := sinc(x) * sinc(x/3)
			f[u-start] = wt
			sum += wt
		}
		ws := k.w[v*taps : (v+1)*taps]
		if sum == 0 {
			ws[min(max(int(math.Round(fu)), 0), n-1)-start] = 1 << weightBits
		} else {
			var total int32
			big := 0
			for i, wt := range f {
				ws[i] = int32(math.Round(wt / sum * (1 << weightBits)))
				total += ws[i]
				if math.Abs(f[i]) > math.Abs(f[big]) {
					big = i
				}
			}
			ws[big] += 1<<weightBits - total
		}
		k.start[v] = start
	}
	return k
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// lanczos resizes sw×sh opaque pixels (their extent in original units
// extW×extH) to w×h: horizontally a row at a time into an intermediate
// w×sh image, then vertically a row at a time, both in 32-bit integers.
func lanczos(rows rows, sw, sh int, extW, extH float64, w, h int) *image.NRGBA {
	kx := lanczosKernel(w, sw, extW)
	ky := lanczosKernel(h, sh, extH)
	mid := make([]uint8, 4*w*sh)
	row := make([]uint8, 4*sw)
	for y := 0; y < sh; y++ {
		rows(y, row)
		horizontal(row, mid[4*w*y:4*w*(y+1)], kx)
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	acc := make([]int32, 4*w)
	for y := 0; y < h; y++ {
		clear(acc)
		s := ky.start[y]
		for i, wt := range ky.w[y*ky.n : (y+1)*ky.n] {
			if wt == 0 {
				continue
			}
			src := mid[4*w*(s+i) : 4*w*(s+i+1)]
			src = src[:len(acc)]
			for j, v := range src {
				acc[j] += int32(v) * wt
			}
		}
		dst := out.Pix[y*out.Stride : y*out.Stride+4*w]
		dst = dst[:len(acc)]
		for j, v := range acc {
			dst[j] = clamp8(v) // alpha: 255·(1<<weightBits) → 255
		}
	}
	return out
}

// resizeYCbCr resizes a photo's planes where they are, converting to RGB
// only the w×h results: for 4:2:0 half the arithmetic of filtering
// converted RGB, and no conversion of the source pixels. Each chroma
// sample takes the summed luma weights of the pixels it covers, which is
// exactly Lanczos over the pixels as image.YCbCr.At gives them (chroma
// repeated); the result differs from converting first only by rounding
// and where colours clip.
func resizeYCbCr(m *image.YCbCr, w, h int) *image.NRGBA {
	r := m.Rect
	sw, sh := r.Dx(), r.Dy()
	kx := lanczosKernel(w, sw, float64(sw))
	ky := lanczosKernel(h, sh, float64(sh))
	Y := filterPlane(m.Y, m.YStride, sw, sh, kx, ky)
	hx, vy := chromaSteps(m.SubsampleRatio)
	cols, rows := chromaColumns(r, hx), chromaRows(r, vy)
	cw, ch := int(cols[len(cols)-1])+1, int(rows[len(rows)-1])+1
	ckx, cky := gather(kx, cols, cw, hx), gather(ky, rows, ch, vy)
	Cb := filterPlane(m.Cb, m.CStride, cw, ch, ckx, cky)
	Cr := filterPlane(m.Cr, m.CStride, cw, ch, ckx, cky)
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range Y {
		cr, cg, cb := ycc(Y[i], Cb[i], Cr[i])
		d := out.Pix[4*i : 4*i+4 : 4*i+4]
		d[0], d[1], d[2], d[3] = cr, cg, cb, 0xFF
	}
	return out
}

// chromaRows is chromaColumns for rows.
func chromaRows(r image.Rectangle, vy int) []int32 {
	return chromaColumns(image.Rect(r.Min.Y, 0, r.Max.Y, 1), vy)
}

// gather turns a kernel over luma pixels into one over the n chroma
// samples that cover them (pixel i is covered by sample of[i], each sample
// covering step pixels): each sample's weight is the sum of its pixels'.
func gather(k kernel, of []int32, n, step int) kernel {
	taps := min((k.n+step-1)/step+1, n) // the samples k.n consecutive pixels can touch
	g := kernel{n: taps, start: make([]int, len(k.start)), w: make([]int32, len(k.start)*taps)}
	for v, s := range k.start {
		start := min(int(of[s]), n-taps)
		ws := g.w[v*taps : (v+1)*taps]
		for i, wt := range k.w[v*k.n : (v+1)*k.n] {
			ws[int(of[s+i])-start] += wt
		}
		g.start[v] = start
	}
	return g
}

// filterPlane resizes one 8-bit plane of sw×sh (rows stride apart) with
// the kernels, to len(kx.start)×len(ky.start), packed.
func filterPlane(pix []uint8, stride, sw, sh int, kx, ky kernel) []uint8 {
	w, h := len(kx.start), len(ky.start)
	mid := make([]uint8, w*sh)
	n := kx.n
	for y := 0; y < sh; y++ {
		src := pix[y*stride : y*stride+sw]
		dst := mid[y*w : (y+1)*w]
		for x := range dst {
			s := src[kx.start[x] : kx.start[x]+n]
			ws := kx.w[x*n : (x+1)*n]
			s = s[:len(ws)]
			var v int32
			for i, wt := range ws {
				v += int32(s[i]) * wt
			}
			dst[x] = clamp8(v)
		}
	}
	out := make([]uint8, w*h)
	acc := make([]int32, w)
	for y := 0; y < h; y++ {
		clear(acc)
		s := ky.start[y]
		for i, wt := range ky.w[y*ky.n : (y+1)*ky.n] {
			if wt == 0 {
				continue
			}
			src := mid[w*(s+i) : w*(s+i+1)]
			src = src[:len(acc)]
			for j, v := range src {
				acc[j] += int32(v) * wt
			}
		}
		dst := out[y*w : (y+1)*w]
		dst = dst[:len(acc)]
		for j, v := range acc {
			dst[j] = clamp8(v)
		}
	}
	return out
}

// horizontal filters one row of opaque RGBA into dst (alpha set to 255).
func horizontal(src, dst []uint8, k kernel) {
	n := k.n
	for x := range k.start {
		s := src[4*k.start[x] : 4*(k.start[x]+n)]
		ws := k.w[x*n : (x+1)*n]
		s = s[:4*len(ws)]
		var r, g, b int32
		for i, wt := range ws {
			p := s[4*i : 4*i+3 : 4*i+3]
			r += int32(p[0]) * wt
			g += int32(p[1]) * wt
			b += int32(p[2]) * wt
		}
		d := dst[4*x : 4*x+4 : 4*x+4]
		d[0], d[1], d[2], d[3] = clamp8(r), clamp8(g), clamp8(b), 0xFF
	}
}

// clamp8 rounds a fixed-point sum to a byte.
func clamp8(v int32) uint8 {
	v = (v + 1<<(weightBits-1)) >> weightBits
	if uint32(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return uint8(v)
}

// translucentRows reads an NRGBA or RGBA image with transparency as
// non-premultiplied RGBA rows (as imaging's scanner does), or is nil for
// other types.
func translucentRows(m image.Image) rows {
	switch m := m.(type) {
	case *image.NRGBA:
		return packedRows(m.Pix, m.Stride, m.Rect.Dx())
	case *image.RGBA:
		w := m.Rect.Dx()
		return func(y int, dst []uint8) {
			src := m.Pix[y*m.Stride : y*m.Stride+4*w]
			dst = dst[:len(src)]
			for i := 0; i+3 < len(src); i += 4 {
				s, d := src[i:i+4:i+4], dst[i:i+4:i+4]
				switch a := uint32(s[3]); a {
				case 0:
					d[0], d[1], d[2], d[3] = 0, 0, 0, 0
				case 0xFF:
					copy(d, s)
				default:
					d[0] = uint8(min(255, uint32(s[0])*0xFF/a))
					d[1] = uint8(min(255, uint32(s[1])*0xFF/a))
					d[2] = uint8(min(255, uint32(s[2])*0xFF/a))
					d[3] = uint8(a)
				}
			}
		}
	}
	return nil
}

// lanczosAlpha is lanczos for sw×sh pixels with transparency, made w×h:
// each pass weighs every colour by its alpha and divides the sum of
// weights out again (imaging's method, in integers), so a transparent
// pixel lends no colour to its neighbours. A pixel whose weights sum to
// no alpha is left transparent black.
func lanczosAlpha(rows rows, sw, sh int, w, h int) *image.NRGBA {
	kx := lanczosKernel(w, sw, float64(sw))
	ky := lanczosKernel(h, sh, float64(sh))
	mid := image.NewNRGBA(image.Rect(0, 0, w, sh))
	row := make([]uint8, 4*sw)
	var px [4]int
	for y := 0; y < sh; y++ {
		rows(y, row)
		dst := mid.Pix[y*mid.Stride : y*mid.Stride+4*w]
		for x, s := range kx.start {
			px = [4]int{}
			src := row[4*s : 4*(s+kx.n)]
			for i, wt := range kx.w[x*kx.n : (x+1)*kx.n] {
				p := src[4*i : 4*i+4 : 4*i+4]
				addWeighted(&px, p, int(wt))
			}
			unweigh(dst[4*x:4*x+4:4*x+4], &px)
		}
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	acc := make([]int, 4*w)
	for y := 0; y < h; y++ {
		clear(acc)
		s := ky.start[y]
		for i, wt := range ky.w[y*ky.n : (y+1)*ky.n] {
			if wt == 0 {
				continue
			}
			src := mid.Pix[(s+i)*mid.Stride : (s+i)*mid.Stride+4*w]
			for j := 0; j+3 < len(src); j += 4 {
				addWeighted((*[4]int)(acc[j:j+4]), src[j:j+4:j+4], int(wt))
			}
		}
		dst := out.Pix[y*out.Stride : y*out.Stride+4*w]
		for j := 0; j+3 < len(dst); j += 4 {
			unweigh(dst[j:j+4:j+4], (*[4]int)(acc[j:j+4]))
		}
	}
	return out
}

// addWeighted adds pixel p (non-premultiplied RGBA) to acc with weight
// wt, its colour weighed by its alpha.
func addWeighted(acc *[4]int, p []uint8, wt int) {
	aw := int(p[3]) * wt
	acc[0] += int(p[0]) * aw
	acc[1] += int(p[1]) * aw
	acc[2] += int(p[2]) * aw
	acc[3] += aw
}

// unweigh writes an alpha-weighted sum as a non-premultiplied pixel.
func unweigh(d []uint8, acc *[4]int) {
	a := acc[3]
	if a <= 0 {
		d[0], d[1], d[2], d[3] = 0, 0, 0, 0
		return
	}
	d[0], d[1], d[2] = div8(acc[0], a), div8(acc[1], a), div8(acc[2], a)
	d[3] = uint8(min(255, (a+1<<(weightBits-1))>>weightBits))
}

// div8 is n/d rounded and clamped to a byte (d > 0).
func div8(n, d int) uint8 {
	if n <= 0 {
		return 0
	}
	return uint8(min(255, (n+d/2)/d))
}
