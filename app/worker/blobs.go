//go:build js && wasm

package worker

import (
	"bytes"
	"syscall/js"

	"picmark/internal/imgio"
)

// blobs are the browser's JPEGs as Blobs, with their bytes in Go: an
// output whose bytes are one of them goes to the page as that Blob, which
// it keeps as it is, rather than as bytes copied back out of Go into a new
// Blob (175 ms of the page's thread for a 30-photo batch, measured). They
// are found by their bytes (by length, then compared), so what the engine
// does with the slices it is given cannot lose or mistake one.
type blobs map[int][]madeJPEG

type madeJPEG struct {
	data []byte
	blob js.Value
	keep [][2]int // the parts of blob that make data
}

// strip leaves out the metadata (imgio.JPEGWithoutMetadata: the browser
// writes an sRGB profile) of the JPEG blob, whose bytes are buf, and keeps
// what makes the result a Blob too (of).
func (b blobs) strip(blob, buf js.Value) ([]byte, error) {
	raw := goBytes(buf)
	keep, err := imgio.JPEGWithoutMetadata(raw)
	if err != nil {
		return nil, err
	}
	data := raw
	if len(keep) > 1 {
		data = make([]byte, 0, len(raw))
		for _, r := range keep {
			data = append(data, raw[r[0]:r[1]]...)
		}
	}
	b[len(data)] = append(b[len(data)], madeJPEG{data, blob, keep})
	return data, nil
}

// of is the Blob whose bytes are data, if any: slices of the browser's,
// which copy nothing, made only for an output that is posted (one the
// worker writes itself needs none).
func (b blobs) of(data []byte) (js.Value, bool) {
	for _, m := range b[len(data)] {
		if !bytes.Equal(m.data, data) {
			continue
		}
		if len(m.keep) <= 1 {
			return m.blob, true
		}
		parts := make([]any, len(m.keep))
		for i, r := range m.keep {
			parts[i] = m.blob.Call("slice", r[0], r[1])
		}
		return js.Global().Get("Blob").New(parts, map[string]any{"type": "image/jpeg"}), true
	}
	return js.Value{}, false
}
