// Package imgio is picmark's gate between untrusted bytes and pixels: it
// sniffs the format from the bytes, checks the size limits from the header
// before any pixel is allocated, decodes with that format's own decoder,
// applies EXIF orientation exactly once (from JPEG APP1, PNG eXIf or WebP
// EXIF), reads the embedded colour profile so the renderer can convert its
// small outputs to sRGB (ConvertToSRGB; CMYK pixels are converted when
// decoded), and encodes JPEGs or PNGs that fit a byte cap and carry no
// metadata (EncodeUnder).
//
// Every error it returns is ErrNotImage, a *LimitError, a *CorruptError or a
// *CapError. Their Error() text is a plain sentence without the file name
// ("is damaged or incomplete …: export it again"), so callers write
// name + " " + err.Error() and a marketer reads what happened and what to do.
package imgio

import (
	"errors"
	"fmt"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"picmark/internal/colour"
)

// Format is an input format picmark can decode.
type Format string

// The formats picmark decodes. Anything else is refused by Sniff, even when
// another decoder (TIFF, BMP) happens to be registered with package image.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
)

// Name is the format's name for people: "JPEG", "WebP".
func (f Format) Name() string {
	switch f {
	case WebP:
		return "WebP"
	case "":
		return "image"
	}
	return strings.ToUpper(string(f))
}

// Limits bound what the gate lets through. A zero field means the
// DefaultLimits value, so a forgotten field never means "no limit".
type Limits struct {
	MaxPixels    int64 // width × height
	MaxSide      int   // each of width and height
	MaxFileBytes int64 // the encoded file
	MaxAspect    int   // longest side / shortest side
}

// DefaultLimits keep one decoded photo well inside a wasm worker's memory
// (50 MP is 200 MB as RGBA) while accepting every camera photo and panorama
// our users bring.
var DefaultLimits = Limits{
	MaxPixels:    50_000_000,
	MaxSide:      16384,
	MaxFileBytes: 200 << 20,
	MaxAspect:    32,
}

func (l Limits) withDefaults() Limits {
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultLimits.MaxPixels
	}
	if l.MaxSide <= 0 {
		l.MaxSide = DefaultLimits.MaxSide
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultLimits.MaxFileBytes
	}
	if l.MaxAspect <= 0 {
		l.MaxAspect = DefaultLimits.MaxAspect
	}
	return l
}

// Info is what the header says, before any pixel is decoded.
type Info struct {
	Format        Format
	Width, Height int // as stored, before orientation
	Orientation   int // EXIF orientation 1..8; 1 when none

	// Profile is the embedded ICC profile (JPEG, PNG, WebP), nil when none,
	// unreadable or made for other pixels than the photo's. ConvertToSRGB
	// applies it when Profile.Active(): an RGB or grey profile other than
	// sRGB. A CMYK profile is applied by DecodeStored, whose Info then has
	// none.
	Profile *colour.Profile
	// Notes are plain sentences for the report about what picmark could
	// not honour: "colour profile ignored (it is a CMYK profile)".
	Notes []string
}

// Upright returns the size once the orientation is applied.
func (i Info) Upright() (w, h int) {
	if i.Orientation >= 5 && i.Orientation <= 8 {
		return i.Height, i.Width
	}
	return i.Width, i.Height
}

// ErrNotImage is returned when the bytes are not JPEG, PNG, GIF or WebP.
var ErrNotImage error = errors.New("is not an image picmark can read (JPEG, PNG, GIF or WebP)")

// LimitError reports an input over one of the Limits.
type LimitError struct {
	What     string // "pixels", "side", "file size" or "aspect"
	Got, Max int64
	Msg      string // the plain sentence Error returns
}

func (e LimitError) Error() string { return e.Msg }

// CorruptError reports bytes that start like an image but do not decode.
type CorruptError struct {
	Format Format
	Err    error // the decoder's own error, for logs
}

func (e CorruptError) Error() string {
	name := e.Format.Name()
	var ju jpeg.UnsupportedError
	var pu png.UnsupportedError
	switch {
	case ended(e.Err):
		return fmt.Sprintf("is damaged or incomplete (the %s data ends early): export it again", name)
	case errors.As(e.Err, &ju), errors.As(e.Err, &pu):
		return fmt.Sprintf("uses a %s feature picmark cannot read: export it again as a standard %s", name, name)
	}
	return fmt.Sprintf("is damaged (its %s data cannot be read): export it again", name)
}

func (e CorruptError) Unwrap() error { return e.Err }

// ended reports whether a decoder failed because the data stops early. Some
// decoders say so only in words (jpeg: "short Huffman data", png: "not
// enough pixel data"; gif wraps the EOF with %v).
func ended(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "short Huffman data") || strings.Contains(s, "unexpected EOF") ||
		strings.Contains(s, "not enough pixel data")
}

// CapError reports an output that stays over its byte cap: a JPEG even at
// the lowest quality picmark accepts, or a PNG at best compression.
type CapError struct {
	Format Format // JPEG ("" counts as JPEG) or PNG
	Max    int64  // the cap
	Got    int64  // bytes at the lowest quality (JPEG) or at best compression (PNG)
}

func (e CapError) Error() string {
	if e.Format == PNG {
		return fmt.Sprintf("is %s as a PNG, over this format's %s limit: choose JPEG for it, or a simpler picture",
			Bytes(e.Got), Bytes(e.Max))
	}
	return fmt.Sprintf("is still %s at the lowest JPEG quality, over this format's %s limit: choose a less detailed photo or another format",
		Bytes(e.Got), Bytes(e.Max))
}

// Bytes formats a byte count for people: "840 KB", "5 MB", "6.2 MB".
func Bytes(n int64) string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case n < kb:
		return fmt.Sprintf("%d bytes", n)
	case n < mb:
		return fmt.Sprintf("%d KB", (n+kb/2)/kb)
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/mb)) + " MB"
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
