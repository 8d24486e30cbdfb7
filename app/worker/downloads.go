//go:build js && wasm

package worker

import (
	"fmt"
	"syscall/js"

	"picmark/internal/brand"
	"picmark/internal/crop"
)

// The browser's binary leaves out what a first visit need not download:
// the bundled fonts (internal/brand) and the face finder's cascade
// (internal/crop). A worker downloads each the first time it is needed;
// the server serves them outside /web/ (the paths below), and the service
// worker keeps what it passes on, so they work offline once used. The page
// also fetches the cascade and the two fonts its defaults use in the
// background once the app is installed (web/js/picmark.js), so a first
// batch works offline.
func init() {
	brand.SetFontLoader(func(name string) ([]byte, error) { return fetchBytes("/fonts/" + brand.FontFile(name)) })
	crop.SetCascadeLoader(func() ([]byte, error) { return fetchBytes("/models/" + crop.CascadeFile) })
}

// fetchBytes downloads a file of the app's own server.
func fetchBytes(path string) ([]byte, error) {
	resp, err := await(js.Global().Call("fetch", path))
	if err != nil {
		return nil, err
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("the server answered %d %s", resp.Get("status").Int(), resp.Get("statusText").String())
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	return goBytes(buf), nil
}
