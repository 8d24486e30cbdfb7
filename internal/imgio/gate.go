package imgio

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// Sniff names the format from the first bytes of a file (at most 16 are
// read). The file name's extension is never trusted.
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
	}
	return "", ErrNotImage
}

// Inspect checks data against lim using only the header: file size, format,
// dimensions, pixel count and aspect ratio, all in int64. It allocates no
// pixels, so a tiny file claiming 65500×65500 is refused in microseconds.
// For a photo it lets through it also reads the EXIF orientation and the
// embedded colour profile (see Info).
func Inspect(data []byte, lim Limits) (Info, error) {
	lim = lim.withDefaults()
	if err := CheckFileSize(int64(len(data)), lim); err != nil {
		return Info{}, err
	}
	f, err := Sniff(data)
	if err != nil {
		return Info{}, err
	}
	var cfg image.Config
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
	info := Info{Format: f, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if err := checkSize(info.Width, info.Height, lim); err != nil {
		return Info{}, err
	}
	if f != GIF {
		info.Orientation = Orientation(data)
		readProfile(data, &info)
	}
	return info, nil
}

// CheckFileSize refuses a file of n bytes over lim before it is read at all,
// so a huge file never reaches memory.
func CheckFileSize(n int64, lim Limits) error {
	lim = lim.withDefaults()
	if n > lim.MaxFileBytes {
		return &LimitError{What: "file size", Got: n, Max: lim.MaxFileBytes,
			Msg: fmt.Sprintf("is %s; picmark accepts files up to %s: export a smaller copy", Bytes(n), Bytes(lim.MaxFileBytes))}
	}
	return nil
}

func checkSize(width, height int, lim Limits) error {
	w, h := int64(width), int64(height)
	if px := w * h; px > lim.MaxPixels {
		return &LimitError{What: "pixels", Got: px, Max: lim.MaxPixels,
			Msg: fmt.Sprintf("is %d×%d pixels (%s megapixels); picmark accepts up to %s megapixels: export a smaller copy",
				w, h, megapixels(px), megapixels(lim.MaxPixels))}
	}
	if side := max(w, h); side > int64(lim.MaxSide) {
		return &LimitError{What: "side", Got: side, Max: int64(lim.MaxSide),
			Msg: fmt.Sprintf("is %d×%d pixels; picmark accepts at most %d pixels on a side: export a smaller copy",
				w, h, lim.MaxSide)}
	}
	long, short, shape := w, h, "wide as it is tall"
	if h > w {
		long, short, shape = h, w, "tall as it is wide"
	}
	if long > int64(lim.MaxAspect)*short {
		ratio := (long + short - 1) / short // rounded up, so it always reads as over the limit
		return &LimitError{What: "aspect", Got: ratio, Max: int64(lim.MaxAspect),
			Msg: fmt.Sprintf("is %d×%d pixels, %d times as %s; picmark accepts up to %d times: crop it to a less extreme shape first",
				w, h, ratio, shape, lim.MaxAspect)}
	}
	return nil
}

func megapixels(px int64) string {
	mp := float64(px) / 1e6
	if mp >= 100 {
		return fmt.Sprintf("%.0f", mp)
	}
	return trimZero(fmt.Sprintf("%.1f", mp))
}

// Decode gates data with Inspect, decodes it with its format's own decoder
// (the first frame of a GIF) and applies the EXIF orientation, so the image
// returned is upright. Info still describes the file as stored.
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
func DecodeStored(data []byte, lim Limits) (image.Image, Info, error) {
	info, err := Inspect(data, lim)
	if err != nil {
		return nil, info, err
	}
	var img image.Image
	r := bytes.NewReader(data)
	switch info.Format {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case GIF:
		img, err = gif.Decode(r) // first frame only
	case WebP:
		if img, err = webp.Decode(r); err == nil {
			img, err = vp8ToRGB(img)
		}
	}
	if err != nil {
		return nil, info, &CorruptError{Format: info.Format, Err: err}
	}
	img, info = decodedToSRGB(img, info)
	return img, info, nil
}
