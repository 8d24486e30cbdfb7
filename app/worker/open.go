//go:build js && wasm

package worker

import (
	"errors"
	"syscall/js"

	"picmark/internal/imgio"
)

// opened is a gated photo decoded the batch's way, for its outputs or
// its previews: held in the browser (the canvas path, a HEIC by libheif)
// when it can be, else decoded into Go (by the browser, else by Go).
type opened struct {
	held  *heldBitmap // the canvas path; the caller closes it
	photo decoded     // when held is nil
	info  imgio.Info  // the photo as the engine gets it (held: what the browser did)
	by    string      // the decoder: "canvas", else photo.by
}

// openPhoto decodes a gated photo (info is its imgio.Inspect of head, the
// file's first bytes), the file read whole only when the canvas path
// cannot hold it.
func openPhoto(file js.Value, head []byte, info imgio.Info, lim imgio.Limits) (opened, error) {
	if decoders()["canvas"] && (browserDecodes(info) || info.Format == imgio.HEIC) {
		held, hinfo, err := holdPhoto(file, head, info)
		if err == nil {
			return opened{held: held, info: hinfo, by: "canvas"}, nil
		}
		if nd := (*imgio.NoDecoderError)(nil); errors.As(err, &nd) {
			return opened{by: "libheif"}, nd // the other ways need it too
		}
	}
	var photo decoded
	var err error
	if !browserDecodes(info) {
		photo, err = goDecode(file, head, lim)
	} else {
		data, buf, rerr := readFile(file)
		if rerr != nil {
			return opened{}, browserRead(rerr)
		}
		photo, err = decodePhoto(data, buf, lim)
	}
	return opened{photo: photo, info: photo.info, by: photo.by}, err
}

// decoder names what decoded the photo, for the previews' tests: by, but
// libheif for a HEIC held on the canvas path (the batch's stats say
// "canvas", the path).
func (o opened) decoder() string {
	if o.held != nil && o.info.Format == imgio.HEIC {
		return "libheif"
	}
	return o.by
}
