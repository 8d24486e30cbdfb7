// Package heic implements an HEIC image decoder based on libheif/libde265 compiled to WASM.
//
// picmark's copy of github.com/gen2brain/heic v0.4.5 (MIT; the WASM module
// is libheif and libde265, LGPL-3.0, built by lib/Makefile from lib/heif.c).
// Changed: the decoded pixels are copied out of the module's memory before
// it is freed (v0.4.5 returned a view of freed memory, whose first bytes
// the allocator overwrites: wrong pixels at the top left of every photo),
// and only the WASM module is used (no system libheif through purego), so
// every machine decodes alike.
package heic

import (
	"errors"
	"image"
	"io"
)

// Errors .
var (
	ErrMemRead  = errors.New("heic: mem read failed")
	ErrMemWrite = errors.New("heic: mem write failed")
	ErrDecode   = errors.New("heic: decode failed")
)

// Decode reads a HEIC image from r and returns it as an image.Image.
func Decode(r io.Reader) (image.Image, error) {
	img, _, err := decode(r, false)
	return img, err
}

// DecodeConfig returns the color model and dimensions of a HEIC image without decoding the entire image.
func DecodeConfig(r io.Reader) (image.Config, error) {
	_, cfg, err := decode(r, true)
	return cfg, err
}

// Init initializes wazero runtime and compiles the module.
// There is no need to explicitly call this function, first Decode will initialize the runtime.
func Init() {
	initOnce()
}

const (
	alignSize = 16

	heifMaxHeaderSize = 32768

	heifColorspaceUndefined  = 99
	heifColorspaceYCbCr      = 0
	heifColorspaceRGB        = 1
	heifColorspaceMonochrome = 2

	heifChannelY           = 0
	heifChannelCb          = 1
	heifChannelCr          = 2
	heifChannelR           = 3
	heifChannelG           = 4
	heifChannelB           = 5
	heifChannelAlpha       = 6
	heifChannelInterleaved = 10

	heifChromaUndefined       = 99
	heifChromaMonochrome      = 0
	heifChroma420             = 1
	heifChroma422             = 2
	heifChroma444             = 3
	heifChromaInterleavedRGBA = 11

	heifFiletypeYesSupported = 1
)

func alignm(a int) int {
	return (a + (alignSize - 1)) & (^(alignSize - 1))
}

func yCbCrSize(r image.Rectangle, subsampleRatio image.YCbCrSubsampleRatio) (w, h, cw, ch int) {
	w, h = r.Dx(), r.Dy()

	switch subsampleRatio {
	case image.YCbCrSubsampleRatio422:
		cw = (r.Max.X+1)/2 - r.Min.X/2
		ch = h
	case image.YCbCrSubsampleRatio420:
		cw = (r.Max.X+1)/2 - r.Min.X/2
		ch = (r.Max.Y+1)/2 - r.Min.Y/2
	default:
		cw = w
		ch = h
	}

	return
}

func init() {
	image.RegisterFormat("heic", "????ftypheic", Decode, DecodeConfig)
}
