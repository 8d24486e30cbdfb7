package imgio

import (
	"errors"
	"fmt"
	"image"
	"io"
)

// heifDecoders decode the bytes of a HEIC or AVIF file. heifnative.go
// sets both in native builds: libheif and libavif run there as WebAssembly
// in wazero, which the browser's engine must not carry (an interpreter
// inside an interpreter, and megabytes on the first visit). The browser's
// worker sets HEIC's with SetDecoder: the same libheif module, run by the
// browser itself.
var heifDecoders = map[Format]func([]byte) (image.Image, error){}

// SetDecoder gives this build a decoder for HEIC or AVIF files (other
// formats are ignored). dec gets the whole file and returns what libheif
// returns for it (see decodeHEIF): an *image.NRGBA or *image.RGBA, upright
// for a HEIC. A *NoDecoderError it returns (the decoder could not be
// downloaded) reaches the caller as it is; any other error means the file
// is damaged.
func SetDecoder(f Format, dec func([]byte) (image.Image, error)) {
	if f == HEIC || f == AVIF {
		heifDecoders[f] = dec
	}
}

// decodeHEIF decodes a HEIC (libheif: it converts YCbCr with the file's
// matrix and range and applies clap, irot and imir, so the returned info is
// upright with Orientation 1) or an AVIF (libavif: it applies none, so the
// picture is cropped to clap here and info keeps the orientation to apply).
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
	if nd := (*NoDecoderError)(nil); errors.As(err, &nd) {
		return nil, info, nd
	}
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
		return m, info, nil
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
