package imgio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"

	"golang.org/x/image/webp"

	"picmark/internal/msg"
)

// SniffBytes is how many first bytes Sniff needs to tell every format
// apart (a HEIF's brands follow its major brand).
const SniffBytes = 64

// Sniff names the format from the first bytes of a file (give it
// SniffBytes; fewer may leave a HEIF or BMP unrecognised). The file name's
// extension is never trusted.
func Sniff(head []byte) (Format, error) {
	switch {
	case len(head) >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF:
		return JPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP, nil
	case tiffMagic(head):
		return TIFF, nil
	case len(head) >= 18 && string(head[:2]) == "BM" && bmpHeaderSize(binary.LittleEndian.Uint32(head[14:])):
		return BMP, nil
	}
	if f := heifBrand(head); f != "" {
		return f, nil
	}
	return "", ErrNotImage
}

// headBytes is how much of a JPEG, PNG, GIF or WebP Inspect reads first:
// headers, EXIF and an embedded colour profile fit in it, except in rare
// files with a huge profile or thumbnail, which are then read whole.
const headBytes = 256 << 10

// Inspect checks data against lim using only the header: file size, format,
// dimensions, pixel count and aspect ratio, all in int64. It allocates no
// pixels, so a tiny file claiming 65500×65500 is refused in microseconds.
// For a photo it lets through it also reads the orientation and the
// embedded colour profile (see Info).
func Inspect(data []byte, lim Limits) (Info, error) {
	info, _, err := inspect(bytes.NewReader(data), int64(len(data)), lim)
	return info, err
}

// InspectAt is Inspect for a file of size bytes read by parts through r
// (an *os.File, or the page's File read by slices): it reads the parts its
// format's header needs, a TIFF's directory wherever it sits.
func InspectAt(r io.ReaderAt, size int64, lim Limits) (Info, error) {
	info, _, err := inspect(r, size, lim)
	return info, err
}

// container is what inspect parsed beyond Info, for the decoder.
type container struct {
	data []byte // the whole file, when inspect had to read it
	tiff *tiffDir
	bmp  *bmpHeader
	heif *heifFile
}

func inspect(r io.ReaderAt, size int64, lim Limits) (Info, container, error) {
	lim = lim.withDefaults()
	if err := CheckFileSize(size, lim); err != nil {
		return Info{}, container{}, err
	}
	head, err := readAt(r, size, 0, min(size, SniffBytes), "")
	if err != nil {
		return Info{}, container{}, err
	}
	f, err := Sniff(head)
	if err != nil {
		return Info{}, container{}, err
	}
	if most := lim.FileBytes(f); size > most {
		return Info{}, container{}, fileSizeError(size, most)
	}
	var info Info
	var c container
	switch f {
	case TIFF:
		c.tiff, info, err = inspectTIFF(r, size)
	case BMP:
		c.bmp, info, err = inspectBMP(r, size)
	case HEIC, AVIF:
		c.heif, info, err = inspectHEIF(r, size, f)
	default:
		c.data, info, err = inspectClassic(r, size, f)
	}
	if err != nil {
		return Info{}, container{}, err
	}
	if err := checkSize(info.Width, info.Height, lim); err != nil {
		return Info{}, container{}, err
	}
	// What a few hundred bytes can claim within the limits, checked now
	// that the size is: lists and rows the file does not hold.
	switch {
	case c.tiff != nil:
		err = c.tiff.checkBlocks()
	case c.bmp != nil:
		err = c.bmp.checkData(size)
	}
	if err != nil {
		return Info{}, container{}, &CorruptError{Format: f, Err: err}
	}
	return info, c, nil
}

// inspectClassic reads a JPEG's, PNG's, GIF's or WebP's header with Go's
// own DecodeConfig, from the file's first headBytes, or the whole file
// when the header runs past them. data is what it read.
func inspectClassic(r io.ReaderAt, size int64, f Format) (data []byte, info Info, err error) {
	data, err = readAt(r, size, 0, min(size, headBytes), f)
	if err != nil {
		return nil, Info{}, err
	}
	info, err = classicHeader(data, f)
	if err != nil && size > int64(len(data)) {
		if data, err = readAt(r, size, 0, size, f); err == nil {
			info, err = classicHeader(data, f)
		}
	}
	return data, info, err
}

func classicHeader(data []byte, f Format) (Info, error) {
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case WebP:
		cfg, err = webp.DecodeConfig(r)
	}
	if err == nil && (cfg.Width <= 0 || cfg.Height <= 0) {
		err = errors.New("no pixels")
	}
	if err != nil {
		return Info{}, &CorruptError{Format: f, Err: err}
	}
	info := Info{Format: f, Width: cfg.Width, Height: cfg.Height, Orientation: 1, CMYK: cfg.ColorModel == color.CMYKModel}
	if f != GIF {
		info.Orientation = Orientation(data)
		readProfile(data, &info)
	}
	return info, nil
}

// maxPart bounds any one part of a file the gate reads into memory to
// parse it (a HEIF's meta box, a TIFF's tag values).
const maxPart = 16 << 20

// readAt reads n bytes at off of a file of size bytes. Bytes past the end
// are a damaged file of format f; a failing read is a *ReadError.
func readAt(r io.ReaderAt, size, off, n int64, f Format) ([]byte, error) {
	if off < 0 || n < 0 || off > size || n > size-off {
		return nil, &CorruptError{Format: f, Err: io.ErrUnexpectedEOF}
	}
	buf := make([]byte, n)
	k, err := r.ReadAt(buf, off)
	switch {
	case int64(k) == n:
		return buf, nil
	case err == nil, errors.Is(err, io.EOF):
		return nil, &CorruptError{Format: f, Err: io.ErrUnexpectedEOF}
	}
	return nil, &ReadError{Err: err}
}

// ReadError reports a file that could not be read at all: the disk or the
// browser failed, not the file's contents.
type ReadError struct{ Err error }

func (e ReadError) Error() string { return e.Message().String() }

func (e ReadError) Message() msg.Message {
	var c msg.Coded
	if errors.As(e.Err, &c) { // the browser's read, already said (app/worker)
		return c.Message()
	}
	return msg.New(msg.ReadFailed, msg.Text("reason", e.Err.Error()))
}

func (e ReadError) Unwrap() error { return e.Err }

// CheckFileSize refuses a file of n bytes over lim before it is read at
// all, so a huge file never reaches memory. Not knowing the format yet, it
// allows the most any format may weigh (Limits.FileBytes); Inspect then
// holds the file to its own format's limit.
func CheckFileSize(n int64, lim Limits) error {
	if most := lim.FileBytes(""); n > most {
		return fileSizeError(n, most)
	}
	return nil
}

func fileSizeError(n, most int64) error {
	return &LimitError{What: "file size", Got: n, Max: most,
		Msg: msg.New(msg.FileTooBig, msg.Bytes("size", n), msg.Bytes("maxSize", most))}
}

func checkSize(width, height int, lim Limits) error {
	w, h := int64(width), int64(height)
	if px := w * h; px > lim.MaxPixels {
		return &LimitError{What: "pixels", Got: px, Max: lim.MaxPixels,
			Msg: msg.New(msg.TooManyPixels, msg.Num("w", w), msg.Num("h", h), msg.MP("mp", px), msg.MP("maxMP", lim.MaxPixels))}
	}
	if side := max(w, h); side > int64(lim.MaxSide) {
		return &LimitError{What: "side", Got: side, Max: int64(lim.MaxSide),
			Msg: msg.New(msg.SideTooLong, msg.Num("w", w), msg.Num("h", h), msg.Num("max", lim.MaxSide))}
	}
	long, short, shape := w, h, msg.TooWide
	if h > w {
		long, short, shape = h, w, msg.TooTall
	}
	if long > int64(lim.MaxAspect)*short {
		ratio := (long + short - 1) / short // rounded up, so it always reads as over the limit
		return &LimitError{What: "aspect", Got: ratio, Max: int64(lim.MaxAspect),
			Msg: msg.New(shape, msg.Num("w", w), msg.Num("h", h), msg.Num("ratio", ratio), msg.Num("max", lim.MaxAspect))}
	}
	return nil
}

// Decode gates data with Inspect, decodes it with its format's own decoder
// (the first frame of a GIF or AVIF sequence, the first page of a TIFF)
// and applies the orientation, so the image returned is upright. Info
// still describes the file as stored.
func Decode(data []byte, lim Limits) (image.Image, Info, error) {
	img, info, err := DecodeStored(data, lim)
	if err != nil {
		return nil, info, err
	}
	return Orient(img, info.Orientation), info, nil
}

// DecodeStored is Decode without the orientation step: the image is as
// stored and info.Orientation says how to turn it. The renderer uses it to
// crop and shrink first and turn only the small result (see StoredRect).
// CMYK pixels come out as sRGB *image.RGBA, converted by their profile
// (info.Profile is then nil): everything after the decoder is RGB.
// A decoder that turns the pixels itself (libheif applies irot and imir)
// returns info with Orientation 1 and its upright size.
func DecodeStored(data []byte, lim Limits) (image.Image, Info, error) {
	return DecodeStoredAt(bytes.NewReader(data), int64(len(data)), lim)
}

// DecodeStoredAt is DecodeStored for a file read by parts (see InspectAt):
// a TIFF or BMP is decoded a strip at a time and never read whole.
func DecodeStoredAt(r io.ReaderAt, size int64, lim Limits) (image.Image, Info, error) {
	info, c, err := inspect(r, size, lim)
	if err != nil {
		return nil, info, err
	}
	var img image.Image
	switch info.Format {
	case TIFF:
		img, err = decodeTIFF(r, size, c.tiff)
	case BMP:
		img, err = decodeBMP(r, size, c.bmp)
	case HEIC, AVIF:
		img, info, err = decodeHEIF(r, size, c.heif, info)
	default:
		img, err = decodeClassic(r, size, c.data, info.Format)
	}
	if err != nil {
		var ce *CorruptError
		var re *ReadError
		var nd *NoDecoderError
		if !errors.As(err, &ce) && !errors.As(err, &re) && !errors.As(err, &nd) {
			err = &CorruptError{Format: info.Format, Err: err}
		}
		return nil, info, err
	}
	img, info = decodedToSRGB(img, info)
	return img, info, nil
}

// decodeClassic decodes a JPEG, PNG, GIF (its first frame) or WebP with
// Go's decoders, from data when inspect read it whole.
func decodeClassic(r io.ReaderAt, size int64, data []byte, f Format) (image.Image, error) {
	if int64(len(data)) < size {
		var err error
		if data, err = readAt(r, size, 0, size, f); err != nil {
			return nil, err
		}
	}
	br := bytes.NewReader(data)
	switch f {
	case JPEG:
		return jpeg.Decode(br)
	case PNG:
		return png.Decode(br)
	case GIF:
		return gif.Decode(br) // first frame only
	}
	img, err := webp.Decode(br)
	if err != nil {
		return nil, err
	}
	return vp8ToRGB(img)
}

// noteOnce adds a note unless it is there already.
func (i *Info) noteOnce(n msg.Message) {
	if !slices.ContainsFunc(i.Notes, n.Equal) {
		i.Notes = append(i.Notes, n)
	}
}
