// Package heic decodes HEIC pictures with libheif and libde265 compiled to
// WebAssembly (lib/heif.wasm.gz) and run by wazero: pure Go, no cgo.
//
// picmark's fork of github.com/gen2brain/heic v0.4.5 (MIT, LICENSE). Its
// module is rebuilt from Debian's sources by lib/Makefile with picmark's
// glue (lib/heif.c), because v0.4.5's:
//   - returned a view of freed memory (wrong pixels at the top left);
//   - guessed libheif's plane strides (pictures under 128 px wide came out
//     as garbage, and its C side wrote past the Go side's buffer);
//   - had libheif 1.18 turn 4:2:0 chroma into 4:4:4 and back inside the
//     module (a blur of the colours: off by up to 45/255 from heif-convert);
//   - never ran the module's constructors, and stubbed C++ exceptions.
//
// Decode returns what Debian's heif-convert writes: 8-bit RGBA, with
// libheif's YCbCr conversion (the file's nclx matrix and range), its clap,
// irot and imir applied, and the alpha plane when there is one. An EXIF
// orientation is left to the caller (libheif does not apply it).
package heic

import (
	"errors"
	"image"
	"image/color"
	"io"
)

// Errors.
var (
	ErrMemRead  = errors.New("heic: mem read failed")
	ErrMemWrite = errors.New("heic: mem write failed")
	ErrDecode   = errors.New("heic: decode failed")
)

// Decode reads a HEIC picture: an *image.NRGBA, or an *image.RGBA when the
// file says its alpha is premultiplied.
func Decode(r io.Reader) (image.Image, error) {
	img, _, err := decode(r, false)
	return img, err
}

// DecodeConfig returns the primary picture's size once turned (irot) and
// cropped (clap), without decoding its pixels.
func DecodeConfig(r io.Reader) (image.Config, error) {
	_, cfg, err := decode(r, true)
	return cfg, err
}

func colorModel(premultiplied bool) color.Model {
	if premultiplied {
		return color.RGBAModel
	}
	return color.NRGBAModel
}

func init() {
	image.RegisterFormat("heic", "????ftypheic", Decode, DecodeConfig)
}
