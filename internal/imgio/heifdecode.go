package imgio

import (
	"fmt"
	"image"
	"io"
)

// heifDecoders decode the bytes of a HEIC or AVIF file. They are set by
// heifnative.go in native builds only: libheif and libavif run there as
// WebAssembly in wazero, which the browser's engine must not carry (an
// interpreter inside an interpreter, and megabytes on the first visit).
var heifDecoders = map[Format]func([]byte) (image.Image, error){}

// decodeHEIF decodes a HEIC (libheif: it applies clap, irot and imir, so
// the returned info is upright with Orientation 1) or an AVIF (libavif:
// it applies none, so the picture is cropped to clap here and info keeps
// the orientation to apply).
func decodeHEIF(r io.ReaderAt, size int64, hf *heifFile, info Info) (image.Image, Info, error) {
	dec := heifDecoders[info.Format]
	if dec == nil {
		return nil, info, &NoDecoderError{Format: info.Format}
	}
	data, err := readAt(r, size, 0, size, info.Format)
	if err != nil {
		return nil, info, err
	}
	m, err := dec(data)
	if err != nil {
		return nil, info, &CorruptError{Format: info.Format, Err: err}
	}
	b := m.Bounds()
	if info.Format == HEIC {
		uw, uh := info.Upright()
		if b.Dx() != uw || b.Dy() != uh {
			return nil, info, &CorruptError{Format: HEIC, Err: fmt.Errorf("decoded %v for %d×%d", b.Size(), uw, uh)}
		}
		info.Width, info.Height, info.Orientation = uw, uh, 1
		return yCbCrToRGB(m, info.CICP), info, nil
	}
	if !hf.clap.In(b) {
		return nil, info, &CorruptError{Format: AVIF, Err: fmt.Errorf("decoded %v, clean aperture %v", b, hf.clap)}
	}
	m = to8Bit(m)
	if hf.clap != b {
		m = m.(*image.RGBA).SubImage(hf.clap)
	}
	return m, info, nil
}

// to8Bit turns libavif's 16-bit output (10- and 12-bit AVIFs) into 8 bits
// a channel, rounded: half the memory for the rest of the way.
func to8Bit(m image.Image) image.Image {
	w, ok := m.(*image.RGBA64)
	if !ok {
		return m
	}
	out := image.NewRGBA(w.Rect)
	for i := range out.Pix {
		v := uint32(w.Pix[2*i])<<8 | uint32(w.Pix[2*i+1])
		out.Pix[i] = byte((v*255 + 32767) / 65535)
	}
	return out
}

// yCbCrToRGB converts libheif's YCbCr planes with the matrix and range the
// file's nclx box gives. libheif hands them as decoded; Go's image.YCbCr
// reads them as BT.601 full range (JPEG's), which is also libheif's default
// when a file says nothing, so only other matrices or limited range are
// converted here.
func yCbCrToRGB(m image.Image, c *CICP) image.Image {
	y, ok := m.(*image.YCbCr)
	if !ok || c == nil {
		return m
	}
	var kr, kb float64
	switch c.Matrix {
	case 1: // BT.709
		kr, kb = 0.2126, 0.0722
	case 9, 10: // BT.2020
		kr, kb = 0.2627, 0.0593
	case 5, 6, 2: // BT.601, or unspecified (libheif reads it as BT.601)
		if c.FullRange {
			return m
		}
		kr, kb = 0.299, 0.114
	default:
		kr, kb = 0.299, 0.114
	}
	ys, cs, off := 1.0, 1.0, 0.0
	if !c.FullRange {
		ys, cs, off = 255.0/219, 255.0/224, 16
	}
	kg := 1 - kr - kb
	out := image.NewRGBA(y.Rect)
	clamp := func(v float64) byte {
		switch {
		case v <= 0:
			return 0
		case v >= 255:
			return 255
		}
		return byte(v + 0.5)
	}
	for py := y.Rect.Min.Y; py < y.Rect.Max.Y; py++ {
		row := out.Pix[out.PixOffset(y.Rect.Min.X, py):]
		for px := y.Rect.Min.X; px < y.Rect.Max.X; px++ {
			yi, ci := y.YOffset(px, py), y.COffset(px, py)
			lum := (float64(y.Y[yi]) - off) * ys
			cb := (float64(y.Cb[ci]) - 128) * cs
			cr := (float64(y.Cr[ci]) - 128) * cs
			r := lum + 2*(1-kr)*cr
			b := lum + 2*(1-kb)*cb
			g := (lum - kr*r - kb*b) / kg
			o := row[4*(px-y.Rect.Min.X):]
			o[0], o[1], o[2], o[3] = clamp(r), clamp(g), clamp(b), 255
		}
	}
	return out
}
