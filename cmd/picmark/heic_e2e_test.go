//go:build !wasm

// HEIC offline: the page fetches the HEIC decoder in the background on
// the first visit, and the service worker keeps it, so a HEIC converts
// with the network cut even though none was ever added online.

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// heicKept is true once a service worker cache holds the decoder.
const heicKept = `(async () => {
  for (const k of await caches.keys()) if (await (await caches.open(k)).match("` + heifPath + `")) return true;
  return false;
})()`

func TestE2EHEICOffline(t *testing.T) {
	env := e2eServe(t, 4*time.Minute, nil)
	s := env.s
	dir := filepath.Join(t.TempDir(), "phone")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "upright.png"), e2ePNG(t, e2eUprightPortrait(600, 900)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("heif-enc", "-q", "90", "-o", "IMG_0001.HEIC", "upright.png")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("heif-enc: %v\n%s (make deps installs it)", err, out)
	}
	if err := os.Remove(filepath.Join(dir, "upright.png")); err != nil {
		t.Fatal(err)
	}
	cli := e2eCLIOutputs(t, 1, dir)

	// Online, no HEIC anywhere: the decoder comes in the background.
	s.setPhase("online")
	s.load(t, env.srv.URL)
	s.waitJS(t, "the service worker keeping the HEIC decoder, fetched in the background", heicKept, 60*time.Second)
	if !env.px.sawPath(heifPath) {
		t.Errorf("the proxy never saw %s: the decoder did not come from the network", heifPath)
	}

	// The server gone and the network off: the HEIC converts.
	env.srv.Close()
	env.px.setOffline()
	s.goOffline(t)
	s.setPhase("offline")
	s.reload(t)
	convert := func() []e2eRow {
		t.Helper()
		n := s.runs(t)
		s.dropFolder(t, dir)
		s.click(t, "#start")
		s.waitJS(t, "the batch done", `window.__e2e.runs > `+strconv.Itoa(n)+` && document.body.dataset.state === "done"`, 2*time.Minute)
		zipPath := s.download(t)
		page := decodeOutputs(t, e2eZipFiles(t, zipPath))
		for key, want := range cli {
			got, ok := page[key]
			if !ok {
				continue // the report says why
			}
			e2eCheckUpright(t, "offline "+key, got.img)
			// As in TestE2EFormats: the browser scales.
			if p, _ := e2ePSNR(got.img, want.img); got.img.Bounds() != want.img.Bounds() || p < 38 || e2eP99(got.img, want.img) > 2 {
				t.Errorf("offline %s: %v, %.1f dB and %d/255 at the 99th percentile from the command line's %v",
					key, got.img.Bounds().Size(), p, e2eP99(got.img, want.img), want.img.Bounds().Size())
			}
		}
		_, rows := e2eOpenZip(t, zipPath)
		return rows
	}
	for _, r := range convert() {
		if r.status != "done" {
			t.Errorf("offline, decoder kept: %+v, want done", r)
		}
	}

	// A device that never had the decoder (taken out of the cache): the
	// HEIC's line says what to do, and the batch ends.
	s.eval(t, "the decoder taken out of the cache", `(async () => {
  for (const k of await caches.keys()) await (await caches.open(k)).delete("`+heifPath+`");
  return true;
})()`)
	s.reload(t)
	rows := convert()
	if len(rows) != len(e2ePresets) {
		t.Errorf("%d report lines, want %d: %+v", len(rows), len(e2ePresets), rows)
	}
	for _, r := range rows {
		if r.status == "done" || !strings.Contains(r.message, "HEIC reader is not on this device yet") || !strings.Contains(r.message, "connect to the internet") {
			t.Errorf("offline, no decoder: %+v, want the line saying to connect and open picmark once", r)
		}
	}
	s.checkNetwork(t)
	s.checkConsole(t)
}
