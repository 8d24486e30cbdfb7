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

// photoFile is a job's photo as a File: the File the page sent, or the
// file it names ({dir, name}: a file of a dropped folder, web/js/
// readheads.js walk), opened here, so the page holds no File per photo. A
// file moved or deleted since it was dropped is a browserRead error.
func photoFile(v js.Value) (js.Value, error) {
	if v.Type() != js.TypeObject {
		return v, browserRead(errors.New("no file"))
	}
	h := v.Get("dir")
	if h.IsUndefined() {
		return v, nil
	}
	if name := v.Get("name").String(); name != "" {
		var err error
		if h, err = await(h.Call("getFileHandle", name)); err != nil {
			return js.Null(), browserRead(err)
		}
	}
	file, err := await(h.Call("getFile"))
	if err != nil {
		return js.Null(), browserRead(err)
	}
	return file, nil
}

// browserDecodes reports whether the browser paths take a photo. AVIF
// they do (every current browser decodes it, irot and imir applied). TIFF
// and BMP go to Go's decoders, as in the CLI, so both make the same
// pixels; so do CMYK JPEGs, whose CMYK profile the engine applies as the
// CLI does (Chromium's own conversion came 13 to 19/255 apart from it on
// the outputs of a JPEG with Ghostscript's CMYK profile); and HEIC, whose
// decoder imgio gets from heif.go.
func browserDecodes(info imgio.Info) bool {
	switch info.Format {
	case imgio.JPEG:
		return !info.CMYK
	case imgio.PNG, imgio.GIF, imgio.WebP, imgio.AVIF:
		return true
	}
	return false
}

// goDecode decodes a gated File with imgio's decoders, read by parts.
func goDecode(file js.Value, head []byte, lim imgio.Limits) (decoded, error) {
	size := int64(file.Get("size").Float())
	img, info, err := imgio.DecodeStoredAt(fileAt{file, head}, size, lim)
	by := "Go"
	if info.Format == imgio.HEIC {
		by = "libheif" // heif.go
	}
	return decoded{img, info, by}, err
}
