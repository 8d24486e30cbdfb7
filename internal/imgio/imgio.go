// Package imgio is picmark's gate between untrusted bytes and pixels: it
// sniffs the format from the bytes, checks the size limits from the header
// (the container's, for HEIC, AVIF, TIFF and BMP) before any pixel is
// allocated, decodes with that format's own decoder, applies the
// orientation exactly once (EXIF from JPEG APP1, PNG eXIf, WebP EXIF or the
// TIFF tag; irot and imir for HEIC and AVIF), reads the embedded colour
// profile so the renderer can convert its small outputs to sRGB
// (ConvertToSRGB; CMYK pixels are converted when decoded), and encodes JPEGs or PNGs that fit a byte cap and carry
// no metadata (EncodeUnder). It reads a file either from its bytes or by
// parts (InspectAt, DecodeStoredAt), so a TIFF whose header sits at the end
// of 400 MB is never read whole.
//
// Every error it returns is ErrNotImage, a *LimitError, a *CorruptError, a
// *CapError, a *NoDecoderError or a *ReadError. Each is msg.Coded: its
// Message is the report's code and arguments, said in the user's language
// at the edge, and its Error() is that message in English, a plain
// sentence without the file name ("is damaged or incomplete …: export it
// again"), so callers write name + " " + err.Error() and a marketer reads
// what happened and what to do.
package imgio

import (
	"errors"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"picmark/internal/colour"
	"picmark/internal/msg"
)

// Format is an input format picmark can decode.
type Format string

// The formats picmark decodes. Anything else is refused by Sniff. HEIC is
// any HEIF still whose pictures are HEVC (.heic, .heif); AVIF, any whose
// pictures are AV1, sequences included.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
	HEIC Format = "heic"
	AVIF Format = "avif"
	TIFF Format = "tiff"
	BMP  Format = "bmp"
)

// Formats lists what picmark reads, in the order messages name them.
var Formats = []Format{JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF, BMP}

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

// uncompressed reports whether files of this format may hold their pixels
// as they are, so their size follows the pixel count (see Limits.FileBytes).
func (f Format) uncompressed() bool { return f == TIFF || f == BMP || f == "" }

// Limits bound what the gate lets through. A zero field means the
// DefaultLimits value, so a forgotten field never means "no limit".
type Limits struct {
	MaxPixels    int64 // width × height
	MaxSide      int   // each of width and height
	MaxFileBytes int64 // the encoded file; see FileBytes for TIFF and BMP
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

// rawPixelBytes is the most bytes a pixel takes in an uncompressed file:
// 16 bits for each of four channels (a print shop's RGBA or CMYK TIFF).
const rawPixelBytes = 8

// FileBytes is the largest file of format f the gate accepts. A compressed
// format gets MaxFileBytes. TIFF and BMP may hold their pixels
// uncompressed, so a 16-bit print TIFF under the pixel limit can weigh
// twice MaxFileBytes (50 MP × 8 bytes is 400 MB): they get what their
// largest pixels take, plus MaxFileBytes for what comes with them. f ""
// (not sniffed yet) gets the largest of all, so a file refused before it
// is opened would be refused whatever it is.
func (l Limits) FileBytes(f Format) int64 {
	l = l.withDefaults()
	if f.uncompressed() {
		return l.MaxPixels*rawPixelBytes + l.MaxFileBytes
	}
	return l.MaxFileBytes
}

// Info is what the header says, before any pixel is decoded.
type Info struct {
	Format        Format
	Width, Height int // as stored, before orientation
	Orientation   int // EXIF orientation 1..8; 1 when none

	// Profile is the embedded ICC profile (JPEG, PNG, WebP, HEIC, AVIF,
	// TIFF, BMP), or the one a HEIC's or AVIF's nclx numbers describe; nil
	// when none, unreadable or made for other pixels than the photo's.
	// ConvertToSRGB applies it when Profile.Active(): an RGB or grey profile
	// other than sRGB. A CMYK profile is applied by DecodeStored, whose Info
	// then has none.
	Profile *colour.Profile
	// CICP is a HEIC's or AVIF's nclx colour description, nil when it has
	// none. Its matrix and range are applied by the decoder; its primaries
	// and transfer become Profile when the file has no ICC profile.
	CICP *colour.CICP
	// Notes are the report's notes about what picmark could not honour:
	// "colour profile ignored (it is damaged)".
	Notes []msg.Message
	// CMYK says a JPEG's pixels are CMYK (a print shop's): DecodeStored
	// turns them into sRGB by the file's CMYK profile, as the CLI does,
	// where a browser's decoder may not.
	CMYK bool
}

// Upright returns the size once the orientation is applied.
func (i Info) Upright() (w, h int) {
	if i.Orientation >= 5 && i.Orientation <= 8 {
		return i.Height, i.Width
	}
	return i.Width, i.Height
}

// ErrNotImage is returned when the bytes are none of Formats.
var ErrNotImage = msg.Err(msg.NotImage, msg.List("formats", formatNames()...))

// formatNames names Formats for people: "JPEG", "PNG", … "BMP".
func formatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name()
	}
	return names
}

// NoDecoderError reports a format this build of picmark recognises but has
// no decoder for: AVIF in the browser's engine, whose decoders run
// natively only (the page decodes AVIF itself). Download, when set, says
// why a decoder the browser downloads on first use (HEIC's, SetDecoder)
// could not be had: most often the device is offline and never had it.
type NoDecoderError struct {
	Format   Format
	Download error
}

func (e NoDecoderError) Error() string { return e.Message().String() }

func (e NoDecoderError) Message() msg.Message {
	if e.Download != nil {
		return msg.New(msg.DecoderMissing, msg.Text("format", e.Format.Name()))
	}
	return msg.New(msg.NoDecoder, msg.Text("format", e.Format.Name()))
}

func (e NoDecoderError) Unwrap() error { return e.Download }

// LimitError reports an input over one of the Limits.
type LimitError struct {
	What     string // "pixels", "side", "file size" or "aspect"
	Got, Max int64
	Msg      msg.Message // what the report says
}

func (e LimitError) Error() string        { return e.Msg.String() }
func (e LimitError) Message() msg.Message { return e.Msg }

// CorruptError reports bytes that start like an image but do not decode.
type CorruptError struct {
	Format Format
	Err    error // the decoder's own error, for logs
}

func (e CorruptError) Error() string { return e.Message().String() }

func (e CorruptError) Message() msg.Message {
	name := msg.Text("format", e.Format.Name())
	var ju jpeg.UnsupportedError
	var pu png.UnsupportedError
	var tu tiff.UnsupportedError
	var fu unsupported
	switch {
	case ended(e.Err):
		return msg.New(msg.Truncated, name)
	case errors.As(e.Err, &ju), errors.As(e.Err, &pu), errors.As(e.Err, &tu), errors.As(e.Err, &fu),
		errors.Is(e.Err, bmp.ErrUnsupported):
		return msg.New(msg.Unsupported, name)
	}
	return msg.New(msg.Damaged, name)
}

func (e CorruptError) Unwrap() error { return e.Err }

// unsupported is a feature of a container or codec that picmark's own
// parsers and decoders recognise but do not read ("JPEG-in-TIFF of 1995").
type unsupported string

func (u unsupported) Error() string { return string(u) }

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

func (e CapError) Error() string { return e.Message().String() }

func (e CapError) Message() msg.Message {
	code := msg.OverCapJPEG
	if e.Format == PNG {
		code = msg.OverCapPNG
	}
	return msg.New(code, msg.Bytes("size", e.Got), msg.Bytes("maxSize", e.Max))
}

// Bytes formats a byte count for people in English: "840 KB", "5 MB",
// "6.2 MB" (msg.Size says it in other languages).
func Bytes(n int64) string { return msg.Size(msg.English, n) }
