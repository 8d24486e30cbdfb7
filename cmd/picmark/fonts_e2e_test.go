//go:build !wasm

package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"picmark/internal/brand"
)

// e2eFontText differs most between fonts: mono gives every letter one
// width, the proportional fonts do not.
const e2eFontText = "iii WWW mono"

// TestE2EFonts: a font the browser's binary leaves out (internal/brand) is
// downloaded when first picked, draws the same letters as the command
// line's embedded copy, and works offline once used; a font never
// downloaded says so offline, by name.
func TestE2EFonts(t *testing.T) {
	env := e2eOpen(t, e2eBudget, nil)
	srv, px, s, fx := env.srv, env.px, env.s, env.fx

	ok := t.Run("online", func(t *testing.T) {
		s.setPhase("fonts-online")
		s.load(t, srv.URL)
		s.waitJS(t, "the service worker controlling the page", `!!(navigator.serviceWorker && navigator.serviceWorker.controller)`, 60*time.Second)
		s.click(t, "#text-layer > summary")
		s.waitJS(t, "the Text details open", `document.querySelector("#text-layer").open`, 5*time.Second)
		s.typeText(t, "#text", e2eFontText)
		s.choose(t, "#text-font", "mono")
		s.choose(t, "#text-size", "150") // big letters: a clear difference between fonts
		s.waitSetting(t, "Go mono at 150‰ taken", `S.text === "`+e2eFontText+`" && S.textFont === "mono" && S.textSize === 150`)
		// Picked while online: fetched at once, before any photo needs it,
		// and kept by the service worker.
		s.waitJS(t, "Go mono in the service worker's font cache, picked online",
			`caches.open("picmark-fonts").then((c) => c.match("/fonts/mono.ttf"))`, 20*time.Second)

		s.dropFolder(t, fx.folder)
		s.checkFileList(t)
		s.runBatch(t)
		page := e2eFontOutputs(t, s.download(t))
		kit, _ := s.awaitDownload(t, "#export-kit")
		s.compareFont(t, kit, page)
	})
	if !ok {
		s.checkNetwork(t)
		s.checkConsole(t)
		return
	}

	t.Run("offline", func(t *testing.T) {
		srv.Close()
		px.setOffline()
		s.goOffline(t)
		s.setPhase("offline")
		s.reload(t)
		s.waitSetting(t, "Go mono remembered", `S.textFont === "mono"`)
		s.dropFolder(t, fx.folder)
		s.checkFileList(t)
		s.runBatch(t)
		rows := e2eReadReport(t, e2eZipFile(t, s.download(t), "report.csv"))
		for _, r := range rows {
			if _, photo := e2ePhotos[r.input]; photo && r.status != "done" {
				t.Errorf("offline, Go mono used once online: %s × %s is %s (%q), want done", r.input, r.preset, r.status, r.message)
			}
		}

		// Never downloaded: every photo fails, and the reason names the font.
		s.choose(t, "#text-font", "italic")
		s.waitSetting(t, "Go italic taken", `S.textFont === "italic"`)
		s.runBatch(t)
		rows = e2eReadReport(t, e2eZipFile(t, s.download(t), "report.csv"))
		for _, r := range rows {
			if _, photo := e2ePhotos[r.input]; !photo {
				continue
			}
			if r.status != "failed" || !strings.Contains(r.message, "Go italic") || !strings.Contains(r.message, "connect to the internet") {
				t.Errorf("offline, Go italic never downloaded: %s × %s is %s (%q), want failed naming the font and saying what to do",
					r.input, r.preset, r.status, r.message)
			}
		}
	})

	s.checkNetwork(t)
	s.checkConsole(t)
}

// e2eFontOutputs reads the done pictures of a ZIP by name.
func e2eFontOutputs(t *testing.T, path string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, r := range e2eReadReport(t, e2eZipFile(t, path, "report.csv")) {
		if _, photo := e2ePhotos[r.input]; !photo {
			continue
		}
		if r.status != "done" {
			t.Errorf("%s × %s: %s (%q), want done with the downloaded font", r.input, r.preset, r.status, r.message)
			continue
		}
		out[r.output] = e2eZipFile(t, path, r.output)
	}
	return out
}

// compareFont makes the page's batch again with `picmark process` and the
// page's brand kit, in Go Mono (embedded natively) and in Go Regular. Where
// the two fonts draw different pixels, the page's must be Go Mono's: the
// downloaded font is the one that drew. (The browser may decode the photos
// itself, so the rest of the pictures are close, not identical.)
func (s *e2eSession) compareFont(t *testing.T, kitPath string, page map[string][]byte) {
	t.Helper()
	data, err := os.ReadFile(kitPath)
	if err != nil {
		t.Fatal(err)
	}
	kit, err := brand.ParseFile(data)
	if err != nil || len(kit.Texts) != 1 || kit.Texts[0].Font != "mono" {
		t.Fatalf("the page's brand kit: %v, texts %+v; want one text in Go mono", err, kit.Texts)
	}
	cli := func(font string) map[string][]byte {
		k := *kit
		k.Texts = []brand.TextFile{kit.Texts[0]}
		k.Texts[0].Font = font
		raw, err := k.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		kitFile := filepath.Join(dir, "kit.json")
		if err := os.WriteFile(kitFile, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if code := run([]string{"process", "-brand", kitFile, "-out", filepath.Join(dir, "out"), s.fx.folder}, &out, &out); code != exitFailed {
			t.Fatalf("picmark process in Go %s: exit %d, want %d (some inputs fail)\n%s", font, code, exitFailed, out.String())
		}
		return readDirOutputs(t, filepath.Join(dir, "out"))
	}
	mono, regular := cli("mono"), cli("regular")
	if len(page) == 0 {
		t.Fatal("the page made no picture to compare")
	}
	for name, p := range page {
		pi, err1 := jpeg.Decode(bytes.NewReader(p))
		mi, err2 := jpeg.Decode(bytes.NewReader(mono[name]))
		ri, err3 := jpeg.Decode(bytes.NewReader(regular[name]))
		if err1 != nil || err2 != nil || err3 != nil || pi.Bounds() != mi.Bounds() || pi.Bounds() != ri.Bounds() {
			t.Errorf("%s: cannot compare the page's picture with the command line's (%v %v %v)", name, err1, err2, err3)
			continue
		}
		closer, apart := e2eCloserTo(pi, mi, ri)
		t.Logf("%s: %d pixels differ between Go Mono and Go Regular; the page's is closer to Go Mono at %.1f %% of them", name, apart, 100*closer)
		if apart < 500 || closer < 0.9 {
			t.Errorf("%s: the page's text is Go Mono's at only %.1f %% of the %d pixels where the fonts differ, want 90 %%", name, 100*closer, apart)
		}
	}
}

// e2eCloserTo compares page with a and b where a and b clearly differ: the
// share of those pixels where page is nearer a, and how many there are.
func e2eCloserTo(page, a, b image.Image) (share float64, apart int) {
	near := 0
	r := page.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb := e2eRGB(page, x, y)
			ar, ag, ab := e2eRGB(a, x, y)
			br, bg, bb := e2eRGB(b, x, y)
			da := e2eAbs(pr-ar) + e2eAbs(pg-ag) + e2eAbs(pb-ab)
			db := e2eAbs(pr-br) + e2eAbs(pg-bg) + e2eAbs(pb-bb)
			if e2eAbs(ar-br)+e2eAbs(ag-bg)+e2eAbs(ab-bb) < 150 {
				continue
			}
			apart++
			if da < db {
				near++
			}
		}
	}
	if apart == 0 {
		return 0, 0
	}
	return float64(near) / float64(apart), apart
}
