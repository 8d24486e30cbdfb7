//go:build js && wasm

package worker

import (
	"errors"
	"io"
	"syscall/js"

	"picmark/internal/imgio"
)

// fileAt reads a File by slices: the io.ReaderAt imgio's gate and
// decoders take, so a TIFF whose directory sits at its end, or a 400 MB
// one, is never copied into Go whole. head is the file's first bytes,
// already read.
type fileAt struct {
	file js.Value
	head []byte
}

func (f fileAt) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if end := off + int64(len(p)); end <= int64(len(f.head)) {
		return copy(p, f.head[off:end]), nil
	}
	buf, err := await(f.file.Call("slice", float64(off), float64(off+int64(len(p)))).Call("arrayBuffer"))
	if err != nil {
		return 0, browserRead(err)
	}
	n := js.CopyBytesToGo(p, js.Global().Get("Uint8Array").New(buf))
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// browserDecodes reports whether the browser paths take a format. AVIF
// they do (every current browser decodes it, irot and imir applied). TIFF
// and BMP go to Go's decoders, as in the CLI, so both make the same
// pixels; HEIC too, until the page has its decoder (Go's build for the
// browser has none, and says so in the report).
func browserDecodes(f imgio.Format) bool {
	switch f {
	case imgio.JPEG, imgio.PNG, imgio.GIF, imgio.WebP, imgio.AVIF:
		return true
	}
	return false
}

// goDecode decodes a gated File with imgio's decoders, read by parts.
func goDecode(file js.Value, head []byte, lim imgio.Limits) (decoded, error) {
	size := int64(file.Get("size").Float())
	img, info, err := imgio.DecodeStoredAt(fileAt{file, head}, size, lim)
	return decoded{img, info, "Go"}, err
}
