package imgio

import "image"

// libjpegRGB writes the part r of a JPEG block m (its own pixels from
// m.Rect.Min) into out at r, converted as libjpeg does by default, which is
// what libtiff, and so ImageMagick, GIMP and print software, show for
// JPEG-in-TIFF: 4:2:0 and 4:2:2 chroma upsampled by its "fancy" triangle
// filter (jdsample.c: 3/4 of the nearer sample, 1/4 of the farther, edges
// repeated), then its fixed-point YCbCr conversion (jdcolor.c). Go's
// image.YCbCr repeats each chroma sample instead: 4 to 15/255 apart at
// colour edges. It reports false for other subsamplings, left to the
// caller.
func libjpegRGB(out *image.RGBA, r image.Rectangle, m *image.YCbCr) bool {
	vs := 1
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio444:
		vs = 0
	case image.YCbCrSubsampleRatio422:
	case image.YCbCrSubsampleRatio420:
		vs = 2
	default:
		return false
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cw, ch := (w+1)/2, h
	if vs == 0 {
		cw = w
	}
	if vs == 2 {
		ch = (h + 1) / 2
	}
	// c returns a chroma sample of plane p, edges repeated.
	c := func(p []byte, x, y int) int {
		x, y = min(max(x, 0), cw-1), min(max(y, 0), ch-1)
		return int(p[y*m.CStride+x])
	}
	// up is the chroma value of pixel (x, y) of plane p.
	up := func(p []byte, x, y int) int {
		if vs == 0 {
			return c(p, x, y)
		}
		cx := x / 2
		if vs == 1 { // h2v1: (3·near + far + 1 or 2) >> 2
			if x%2 == 0 {
				return (3*c(p, cx, y) + c(p, cx-1, y) + 1) >> 2
			}
			return (3*c(p, cx, y) + c(p, cx+1, y) + 2) >> 2
		}
		// h2v2: the column sums 3·near row + far row, then (3·near + far + 8 or 7) >> 4.
		cy, dy := y/2, -1
		if y%2 == 1 {
			dy = 1
		}
		sum := func(cx int) int { return 3*c(p, cx, cy) + c(p, cx, cy+dy) }
		if x%2 == 0 {
			return (3*sum(cx) + sum(cx-1) + 8) >> 4
		}
		return (3*sum(cx) + sum(cx+1) + 7) >> 4
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		my := y - r.Min.Y
		row := out.Pix[out.PixOffset(r.Min.X, y):]
		for x := r.Min.X; x < r.Max.X; x++ {
			mx := x - r.Min.X
			yy := int(m.Y[my*m.YStride+mx])
			cb, cr := up(m.Cb, mx, my)-128, up(m.Cr, mx, my)-128
			o := row[4*(x-r.Min.X):]
			o[0] = clampByte(yy + (91881*cr+1<<15)>>16)
			o[1] = clampByte(yy + (-22554*cb-46802*cr+1<<15)>>16)
			o[2] = clampByte(yy + (116130*cb+1<<15)>>16)
			o[3] = 255
		}
	}
	return true
}

func clampByte(v int) uint8 { return uint8(min(max(v, 0), 255)) }
