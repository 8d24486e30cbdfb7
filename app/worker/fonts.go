//go:build js && wasm

package worker

import (
	"fmt"
	"syscall/js"

	"picmark/internal/brand"
)

// The browser's binary carries only Go Regular and Go Bold (internal/brand):
// a worker downloads any other bundled font the first time a brand kit uses
// it. The server serves them under /fonts/, and the service worker keeps
// each one it has passed on, so a font used once works offline. The page
// never draws text, so setting the loader there too costs nothing.
func init() { brand.SetFontLoader(fetchFont) }

// fetchFont downloads a bundled font by its brand-kit name.
func fetchFont(name string) ([]byte, error) {
	resp, err := await(js.Global().Call("fetch", "/fonts/"+brand.FontFile(name)))
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
