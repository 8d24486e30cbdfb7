//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"picmark/internal/brand"
)

// testWebDir builds a web folder with every file the server requires; the
// wasm binaries are fakes of a few hundred KB with some redundancy, like
// real ones.
func testWebDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(1))
	fake := func(n int) []byte {
		b := make([]byte, n)
		words := [][]byte{[]byte("\x00asm"), []byte("runtime.gopanic"), []byte("syscall/js.Value"), {0, 0, 0, 0}}
		for i := 0; i < n; {
			if rng.Intn(3) == 0 {
				b[i] = byte(rng.Intn(256))
				i++
				continue
			}
			i += copy(b[i:], words[rng.Intn(len(words))])
		}
		return b
	}
	files := map[string][]byte{
		"app.wasm":       fake(300 << 10),
		"picmark.css":    []byte("body { margin: 0 }\n"),
		"fonts/a.woff2":  []byte("font"),
		"app.wasm.br":    []byte("stale copy: must be ignored"),
		"picmark.js.map": []byte("{}"),
		"js/lanczos.wat": []byte("(module)"), // a source: served, not precached
		".DS_Store":      []byte("finder"),
	}
	// The real scripts and icons: text big enough to be worth compressing.
	for _, name := range requiredWebFiles {
		if name == "app.wasm" || name == "picmark.css" {
			continue
		}
		b, err := os.ReadFile(filepath.Join("..", "..", "web", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testSite(t *testing.T) (*site, string) {
	t.Helper()
	dir := testWebDir(t)
	s, err := newSite(dir, quick)
	if err != nil {
		t.Fatal(err)
	}
	s.wait()
	return s, dir
}

func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServerSecurityHeaders(t *testing.T) {
	s, _ := testSite(t)
	for _, path := range []string{"/", "/web/app.wasm", "/manifest.webmanifest", "/app.js",
		"/app-worker.js", "/web/js/worker.js", "/web/js/lanczos.wasm", "/web/icon.svg", "/no-such-page"} {
		w := get(t, s, path, "Accept-Encoding", "br")
		for k, v := range securityHeaders {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
	csp := securityHeaders["Content-Security-Policy"]
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q", want)
		}
	}
}

func TestServerWasmPrecompressed(t *testing.T) {
	s, dir := testSite(t)
	for _, name := range []string{"app.wasm"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ accept, encoding string }{
			{"gzip, deflate, br, zstd", "br"},
			{"br", "br"},
			{"gzip", "gzip"},
			{"br;q=0, gzip", "gzip"},
			{"", ""},
			{"identity", ""},
		} {
			w := get(t, s, "/web/"+name, "Accept-Encoding", tc.accept)
			if w.Code != http.StatusOK {
				t.Fatalf("%s (%q): status %d", name, tc.accept, w.Code)
			}
			h := w.Header()
			if got := h.Get("Content-Encoding"); got != tc.encoding {
				t.Errorf("%s (%q): Content-Encoding %q, want %q", name, tc.accept, got, tc.encoding)
			}
			if got := h.Get("Content-Type"); got != "application/wasm" {
				t.Errorf("%s: Content-Type %q", name, got)
			}
			if got := h.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("%s: Vary %q", name, got)
			}
			body := w.Body.Bytes()
			if got := h.Get("Content-Length"); got != strconv.Itoa(len(body)) {
				t.Errorf("%s (%q): Content-Length %s, body %d bytes", name, tc.accept, got, len(body))
			}
			if got := decoded(t, tc.encoding, body); !bytes.Equal(got, want) {
				t.Errorf("%s (%q): decompressed body differs from the file", name, tc.accept)
			}
			if tc.encoding != "" && len(body) >= len(want) {
				t.Errorf("%s (%q): %d bytes compressed, not smaller than %d", name, tc.accept, len(body), len(want))
			}
			// A revalidation with the same ETag costs nothing.
			if etag := h.Get("ETag"); etag != "" {
				w2 := get(t, s, "/web/"+name, "Accept-Encoding", tc.accept, "If-None-Match", etag)
				if w2.Code != http.StatusNotModified {
					t.Errorf("%s (%q): If-None-Match gave %d", name, tc.accept, w2.Code)
				}
			}
		}
	}
	// The progress bar counts uncompressed bytes.
	appJS := get(t, s, "/app.js").Body.String()
	info, _ := os.Stat(filepath.Join(dir, "app.wasm"))
	if want := `goappWasmContentLength = "` + strconv.FormatInt(info.Size(), 10) + `"`; !strings.Contains(appJS, want) {
		t.Errorf("app.js lacks %s", want)
	}
}

func TestServerVersion(t *testing.T) {
	dir := testWebDir(t)
	a, err := newSite(dir, quick)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newSite(dir, quick)
	if err != nil {
		t.Fatal(err)
	}
	if a.app.Version == "" || a.app.Version != b.app.Version {
		t.Fatalf("a restart changed the version: %q then %q", a.app.Version, b.app.Version)
	}
	if sw := get(t, a, "/app-worker.js").Body.String(); !strings.Contains(sw, a.app.Version) {
		t.Errorf("app-worker.js does not carry version %s", a.app.Version)
	}
	// A new compressed copy or a hidden file is not a new app…
	os.WriteFile(filepath.Join(dir, "app.wasm.gz"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("y"), 0o644)
	if c, _ := newSite(dir, quick); c.app.Version != a.app.Version {
		t.Errorf("derived or hidden files changed the version")
	}
	// …a changed file is.
	if err := os.WriteFile(filepath.Join(dir, "picmark.css"), []byte("body { margin: 1px }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := newSite(dir, quick)
	if err != nil {
		t.Fatal(err)
	}
	if c.app.Version == a.app.Version {
		t.Errorf("changing picmark.css kept version %s", a.app.Version)
	}
}

var urlRE = regexp.MustCompile(`(?i)\bhttps?://[^\s"'<>()\\]*`)

// TestServerNoThirdParty: the page, its scripts, the manifest and the
// service worker never point at another host.
func TestServerNoThirdParty(t *testing.T) {
	s, _ := testSite(t)
	for _, path := range []string{"/", "/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css"} {
		w := get(t, s, path)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, w.Code)
		}
		var code []string
		for _, line := range strings.Split(w.Body.String(), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "//") { // comments are never fetched
				code = append(code, line)
			}
		}
		for _, m := range urlRE.FindAllString(strings.Join(code, "\n"), -1) {
			u, err := url.Parse(m)
			// go-app writes og:url as "https:///" (no domain set): no host, no request.
			if err != nil || u.Host != "" {
				t.Errorf("%s refers to another host: %s", path, m)
			}
		}
	}
}

// precacheList reads the URLs the service worker caches on install.
func precacheList(t *testing.T, sw string) []string {
	t.Helper()
	m := regexp.MustCompile(`const resourcesToCache = (\[.*?\]);`).FindStringSubmatch(sw)
	if m == nil {
		t.Fatal("no resourcesToCache in app-worker.js")
	}
	var list []string
	if err := json.Unmarshal([]byte(m[1]), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestServerPrecache: one 404 in the precache list leaves the offline
// cache empty, silently.
func TestServerPrecache(t *testing.T) {
	s, _ := testSite(t)
	list := precacheList(t, get(t, s, "/app-worker.js").Body.String())
	have := map[string]bool{}
	for _, u := range list {
		have[u] = true
		if strings.Contains(u, "://") {
			t.Errorf("precache lists a remote URL: %s", u)
		}
		if w := get(t, s, u, "Accept-Encoding", "br, gzip"); w.Code != http.StatusOK {
			t.Errorf("precached %s: status %d", u, w.Code)
		}
	}
	want := []string{"/", "/web/fonts/a.woff2", "/manifest.webmanifest", "/app.js", "/wasm_exec.js"}
	for _, f := range requiredWebFiles { // every script module among them
		want = append(want, "/web/"+f)
	}
	for _, u := range want {
		if !have[u] {
			t.Errorf("precache lacks %s", u)
		}
	}
	for _, u := range []string{"/web/app.wasm.br", "/web/picmark.js.map", "/web/.DS_Store", "/web/js/lanczos.wat"} {
		if have[u] {
			t.Errorf("precache lists %s", u)
		}
	}
}

func TestServerManifest(t *testing.T) {
	s, _ := testSite(t)
	w := get(t, s, "/manifest.webmanifest")
	if ct := w.Header().Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("Content-Type %q", ct)
	}
	var m struct {
		Name          string `json:"name"`
		StartURL      string `json:"start_url"`
		Display       string `json:"display"`
		LaunchHandler struct {
			ClientMode string `json:"client_mode"`
		} `json:"launch_handler"`
		Icons []struct {
			Src, Sizes, Purpose string
		} `json:"icons"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "picmark" || m.StartURL != "/" || m.Display != "standalone" || m.LaunchHandler.ClientMode != "focus-existing" {
		t.Errorf("manifest: %+v", m)
	}
	maskable := false
	for _, ic := range m.Icons {
		if !strings.HasPrefix(ic.Src, "/web/") {
			t.Errorf("icon %s is not local", ic.Src)
		}
		if r := get(t, s, ic.Src); r.Code != http.StatusOK {
			t.Errorf("icon %s: status %d", ic.Src, r.Code)
		}
		maskable = maskable || ic.Purpose == "maskable"
	}
	if !maskable {
		t.Error("no maskable icon")
	}
	if alias := get(t, s, "/manifest.json").Body.String(); alias != w.Body.String() {
		t.Error("/manifest.json differs from /manifest.webmanifest")
	}
}

func TestServerMissingFile(t *testing.T) {
	dir := testWebDir(t)
	os.Remove(filepath.Join(dir, "js", "worker.js"))
	_, err := newHandler(dir)
	if err == nil || !strings.Contains(err.Error(), "worker.js") {
		t.Fatalf("err = %v, want one naming worker.js", err)
	}
	if _, err := newHandler(filepath.Join(dir, "nope")); err == nil {
		t.Fatal("a missing web folder was accepted")
	}
}

func TestServerNoDirectoryListing(t *testing.T) {
	s, _ := testSite(t)
	if w := get(t, s, "/web/fonts/"); w.Code == http.StatusOK {
		t.Errorf("/web/fonts/ lists the folder")
	}
}

// TestServerBuild: the static site holds every file the service worker
// precaches, so any static host serves a working, installable app.
func TestServerBuild(t *testing.T) {
	web := testWebDir(t)
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-out", out, "-web", web}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr.String())
	}
	sw, err := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range precacheList(t, string(sw)) {
		name := u
		if u == "/" {
			name = "/index.html"
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("precached %s is not in the site: %v", u, err)
		}
	}
	manifest, _ := os.ReadFile(filepath.Join(out, "manifest.webmanifest"))
	if !bytes.Contains(manifest, []byte("focus-existing")) {
		t.Error("the site's manifest is go-app's, not ours")
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Contains(index, []byte(`http-equiv="Content-Security-Policy"`)) {
		t.Error("index.html lacks the CSP meta tag")
	}
	raw, _ := os.ReadFile(filepath.Join(web, "app.wasm"))
	br, _ := os.ReadFile(filepath.Join(out, "web", "app.wasm.br"))
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, raw) {
		t.Errorf("web/app.wasm.br does not decompress to app.wasm (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "web", "app.wasm.gz")); err != nil {
		t.Error(err)
	}
	// The fonts the browser fetches on first use, with their copies.
	for _, name := range brand.FontNames() {
		want, _ := brand.EmbeddedFont(name)
		f := filepath.Join(out, "fonts", brand.FontFile(name))
		got, err := os.ReadFile(f)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("fonts/%s: %v (or not the embedded font)", brand.FontFile(name), err)
		}
		br, _ := os.ReadFile(f + ".br")
		if !bytes.Equal(decoded(t, "br", br), want) {
			t.Errorf("fonts/%s.br does not decode to the font", brand.FontFile(name))
		}
	}
	if _, err := os.Stat(filepath.Join(out, "_headers")); err != nil {
		t.Error(err)
	}

	if code := run([]string{"build", "-web", web}, io.Discard, io.Discard); code != 2 {
		t.Errorf("build without -out: exit %d, want 2", code)
	}
	if code := run([]string{"build", "-out", filepath.Join(web, "site"), "-web", web}, io.Discard, io.Discard); code != 2 {
		t.Errorf("build into the web folder: exit %d, want 2", code)
	}
}

// TestServerWaitsForCompression: start-up never waits for compression,
// but a browser that takes gzip or brotli never gets the raw bytes: its
// request waits for the first compressed copy. One that takes neither gets
// the raw bytes at once.
func TestServerWaitsForCompression(t *testing.T) {
	raw := []byte("\x00asm raw")
	e := &encoded{raw: raw, contentType: "application/wasm", sum: "x", done: make(chan struct{}), first: make(chan struct{})}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { serveEncoded(w, r, e) })
	w := get(t, h, "/web/app.wasm")
	if w.Header().Get("Content-Encoding") != "" || w.Body.String() != string(raw) || w.Header().Get("Content-Length") != "8" {
		t.Errorf("no Accept-Encoding: got %q encoded %q, length %s", w.Body.String(), w.Header().Get("Content-Encoding"), w.Header().Get("Content-Length"))
	}
	r := httptest.NewRequest(http.MethodHead, "/web/app.wasm", nil)
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Body.Len() != 0 || w.Header().Get("Content-Length") != "8" {
		t.Errorf("HEAD: body %d bytes, Content-Length %s", w.Body.Len(), w.Header().Get("Content-Length"))
	}

	answered := make(chan *httptest.ResponseRecorder)
	go func() { answered <- get(t, h, "/web/app.wasm", "Accept-Encoding", "br, gzip") }()
	select {
	case w := <-answered:
		t.Fatalf("answered %q (Content-Encoding %q) before any compressed copy existed", w.Body.String(), w.Header().Get("Content-Encoding"))
	case <-time.After(50 * time.Millisecond): // still waiting, as it must; nothing to poll
	}
	gz := compressGzip(raw, 6)
	e.setGzip(gz)
	w = <-answered
	if got := w.Header().Get("Content-Encoding"); got != "gzip" || !bytes.Equal(decoded(t, got, w.Body.Bytes()), raw) {
		t.Errorf("once gzip is ready: Content-Encoding %q, %d bytes", got, w.Body.Len())
	}
	// A request whose client goes away stops waiting.
	e2 := &encoded{raw: raw, contentType: "application/wasm", sum: "y", done: make(chan struct{}), first: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r = httptest.NewRequest(http.MethodGet, "/web/app.wasm", nil).WithContext(ctx)
	r.Header.Set("Accept-Encoding", "gzip")
	w = httptest.NewRecorder()
	serveEncoded(w, r, e2)
	if w.Body.Len() != 0 {
		t.Errorf("a request that went away got %d bytes", w.Body.Len())
	}
}

// decoded undoes a response's Content-Encoding.
func decoded(t *testing.T, coding string, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch coding {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		var err error
		if r, err = gzip.NewReader(r); err != nil {
			t.Fatal(err)
		}
	case "":
	default:
		t.Fatalf("unexpected Content-Encoding %q", coding)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s: %v", coding, err)
	}
	return got
}
