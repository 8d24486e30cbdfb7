package batch

import (
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// Estimate is the likely size, in bytes, of a batch's outputs before any
// is made: photos × each preset's pixels at the bytes a pixel of a photo
// takes in the output's format, never over the preset's cap. A preset that
// keeps the photo's shape is taken as a 2:3 portrait (up to its
// MaxHeight). It errs high, so that the page can tell before a batch
// starts that its outputs will not fit where they wait for the download.
func Estimate(presets []preset.Preset, photos int, format imgio.Format, quality int) int64 {
	var per int64
	for _, p := range presets {
		h := p.Height
		if p.WidthOnly() {
			h = p.Width * 3 / 2
			if p.MaxHeight > 0 {
				h = min(h, p.MaxHeight)
			}
		}
		bytes := int64(float64(p.Width) * float64(h) * bytesPerPixel(format, quality))
		if p.MaxBytes > 0 {
			bytes = min(bytes, p.MaxBytes)
		}
		per += bytes + zipEntryOverhead
	}
	return per * int64(photos)
}

// zipEntryOverhead is an entry's local header and central directory record
// with a long name, and its report row.
const zipEntryOverhead = 512

// bytesPerPixel is what a pixel of a detailed photo takes, on the high
// side (a 1080×1080 JPEG at quality 85 is typically 300–450 KB: 0.26–0.39).
func bytesPerPixel(format imgio.Format, quality int) float64 {
	if format == imgio.PNG {
		return 2.2
	}
	switch {
	case quality <= 0: // the default, 85
		return 0.45
	case quality <= 60:
		return 0.25
	case quality <= 80:
		return 0.35
	case quality <= 90:
		return 0.45
	}
	return 0.9
}
