//go:build !wasm

package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gen2brain/heic"
	"golang.org/x/image/font/gofont/gomono"

	"picmark/internal/brand"
	"picmark/internal/crop"
)

// TestServerFonts: every bundled font is served compressed under /fonts/
// (the browser's binary carries only regular and bold and fetches the
// rest), and none is precached: a first visit does not download them.
func TestServerFonts(t *testing.T) {
	s, _ := testSite(t)
	for _, name := range brand.FontNames() {
		want, _ := brand.EmbeddedFont(name)
		w := get(t, s, "/fonts/"+brand.FontFile(name), "Accept-Encoding", "gzip, deflate, br, zstd")
		h := w.Header()
		if w.Code != http.StatusOK || h.Get("Content-Type") != "font/ttf" || h.Get("Content-Encoding") != "br" {
			t.Errorf("%s: status %d, Content-Type %q, Content-Encoding %q", name, w.Code, h.Get("Content-Type"), h.Get("Content-Encoding"))
			continue
		}
		if got := decoded(t, "br", w.Body.Bytes()); !bytes.Equal(got, want) {
			t.Errorf("%s: the decoded font differs from the embedded one", name)
		}
	}
	if w := get(t, s, "/fonts/mono.ttf"); !bytes.Equal(w.Body.Bytes(), gomono.TTF) {
		t.Errorf("/fonts/mono.ttf is not Go Mono")
	}
	if w := get(t, s, "/fonts/comic.ttf"); w.Code != http.StatusNotFound {
		t.Errorf("an unknown font: status %d, want 404 (not go-app's page: the worker would take HTML for a font)", w.Code)
	}
	for _, u := range precacheList(t, get(t, s, "/app-worker.js").Body.String()) {
		if strings.HasPrefix(u, "/fonts/") {
			t.Errorf("precache lists %s: fonts are downloaded when first used", u)
		}
	}
}

// TestServerFaceFinder: the face finder's cascade, which the browser's
// binary leaves out, is served compressed under /models/ from the native
// binary's copy, and is not precached: a first visit does not download it.
func TestServerFaceFinder(t *testing.T) {
	s, _ := testSite(t)
	want, _ := crop.EmbeddedCascade()
	w := get(t, s, modelsPath+crop.CascadeFile, "Accept-Encoding", "gzip, deflate, br, zstd")
	if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != "br" || len(want) < 100_000 {
		t.Fatalf("status %d, Content-Encoding %q, embedded cascade %d bytes", w.Code, w.Header().Get("Content-Encoding"), len(want))
	}
	if got := decoded(t, "br", w.Body.Bytes()); !bytes.Equal(got, want) {
		t.Errorf("the decoded cascade differs from the embedded one")
	}
	if w := get(t, s, modelsPath+"other"); w.Code != http.StatusNotFound {
		t.Errorf("an unknown model: status %d, want 404 (not go-app's page: the worker would take HTML for a cascade)", w.Code)
	}
	for _, u := range precacheList(t, get(t, s, "/app-worker.js").Body.String()) {
		if strings.HasPrefix(u, modelsPath) {
			t.Errorf("precache lists %s: the cascade is fetched after the first visit", u)
		}
	}
}

// TestServerHEICDecoder: libheif's module (the one the command line runs)
// is served compressed under /decoders/ for the page's workers, not
// precached; the app's version covers it, as the service worker keeps it
// with the version's files.
func TestServerHEICDecoder(t *testing.T) {
	s, dir := testSite(t)
	want, err := heic.Module()
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, s, heifPath, "Accept-Encoding", "gzip, deflate, br, zstd")
	h := w.Header()
	if w.Code != http.StatusOK || h.Get("Content-Type") != "application/wasm" || h.Get("Content-Encoding") != "br" {
		t.Fatalf("status %d, Content-Type %q, Content-Encoding %q", w.Code, h.Get("Content-Type"), h.Get("Content-Encoding"))
	}
	if got := decoded(t, "br", w.Body.Bytes()); !bytes.Equal(got, want) {
		t.Errorf("%s differs from third_party/heic's module", heifPath)
	}
	if w := get(t, s, decodersPath+"other.wasm"); w.Code != http.StatusNotFound {
		t.Errorf("an unknown decoder: status %d, want 404 (not go-app's page)", w.Code)
	}
	for _, u := range precacheList(t, get(t, s, "/app-worker.js").Body.String()) {
		if strings.HasPrefix(u, decodersPath) {
			t.Errorf("precache lists %s: the decoder is fetched in the background", u)
		}
	}
	files, err := listWebFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	web, err := hashWebFiles(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if s.app.Version != hashVersion(web, want) || s.app.Version == hashVersion(web, want[1:]) {
		t.Errorf("version %s does not follow the decoder's bytes", s.app.Version)
	}
}

// TestServerBestBrotli: a thorough site replaces its quick brotli copy
// with brotli 11 (smaller, same bytes decoded) under a new ETag, so a
// browser holding the quick copy gets the new one instead of a 304 that
// would mix the two.
func TestServerBestBrotli(t *testing.T) {
	dir := testWebDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	quickE := newEncoded(raw, "application/wasm", quick)
	bestE := newEncoded(raw, "application/wasm", thorough)
	quickE.wait()
	bestE.wait()
	serve := func(e *encoded, header ...string) *http.Response {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { serveEncoded(w, r, e) })
		return get(t, h, "/web/app.wasm", append([]string{"Accept-Encoding", "br"}, header...)...).Result()
	}
	q, b := serve(quickE), serve(bestE)
	qBody, bBody := readAll(t, q), readAll(t, b)
	if len(bBody) >= len(qBody) {
		t.Errorf("brotli 11 gave %d bytes, brotli 6 %d: not smaller", len(bBody), len(qBody))
	}
	if !bytes.Equal(decoded(t, "br", bBody), raw) {
		t.Errorf("the brotli 11 copy does not decode to app.wasm")
	}
	qTag, bTag := q.Header.Get("ETag"), b.Header.Get("ETag")
	if qTag == bTag || !strings.HasSuffix(qTag, `-br6"`) || !strings.HasSuffix(bTag, `-br11"`) {
		t.Errorf("ETags %s (brotli 6) and %s (brotli 11): want one per copy", qTag, bTag)
	}
	if r := serve(bestE, "If-None-Match", qTag); r.StatusCode != http.StatusOK {
		t.Errorf("revalidating the brotli 6 copy after the switch: %d, want 200 with the new copy", r.StatusCode)
	}
	if r := serve(bestE, "If-None-Match", bTag); r.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating the brotli 11 copy: %d, want 304", r.StatusCode)
	}
}

func readAll(t *testing.T, r *http.Response) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := b.ReadFrom(r.Body); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
