//go:build js && wasm

package worker

import (
	"encoding/binary"
	"errors"
	"math"
	"syscall/js"

	pigo "github.com/esimov/pigo/core"

	"picmark/internal/crop"
)

// The face finder's window scan runs in the worker's script
// (web/js/faces.js, which worker.js sets as picmarkFaces): V8 runs it 2–3 ×
// as fast as Go's scan in wasm, the same windows bit for bit. Go hands it
// the cascade as it downloads it, then each photo's grey copy.
func init() {
	crop.SetWindowScanner(scanInScript)
}

// loadInScript gives the script the cascade's bytes; a script that cannot
// take them leaves the scan to Go.
func loadInScript(cascade []byte) {
	faces := js.Global().Get("picmarkFaces")
	if faces.Type() != js.TypeObject {
		return
	}
	buf := uint8Array.New(len(cascade))
	js.CopyBytesToJS(buf, cascade)
	defer func() { recover() }() // a damaged cascade: Go's scan says so
	faces.Call("load", buf)
	scriptLoaded = true
}

var (
	scriptLoaded bool
	scriptScans  int // photos the script scanned, for the worker's stats
)

// scanInScript is crop.WindowScanner over web/js/faces.js.
func scanInScript(gray []uint8, W, H int, p crop.ScanParams) (dets []pigo.Detection, err error) {
	if !scriptLoaded {
		return nil, errors.New("the script has no cascade")
	}
	defer func() {
		if r := recover(); r != nil { // a js.Error thrown by the script
			dets, err = nil, errors.New("the script's scan failed")
		}
	}()
	pix := uint8Array.New(len(gray))
	js.CopyBytesToJS(pix, gray)
	found := js.Global().Get("picmarkFaces").Call("scan", pix, W, H, p.MinSize, p.MaxSize, p.Shift, p.Scale)
	raw := make([]byte, found.Get("byteLength").Int())
	js.CopyBytesToGo(raw, uint8Array.New(found.Get("buffer"), found.Get("byteOffset"), len(raw)))
	at := func(i int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:])) }
	for i := 0; i+3 < len(raw)/8; i += 4 {
		dets = append(dets, pigo.Detection{Row: int(at(i)), Col: int(at(i + 1)), Scale: int(at(i + 2)), Q: float32(at(i + 3))})
	}
	scriptScans++
	return dets, nil
}
