//go:build !wasm

package main

import (
	"bytes"
	"crypto/sha256"
	"math/bits"
	"mime"
	"net/http"
	"strings"
	"sync"
)

// textCompressor sends the text responses of next (go-app's page, app.js,
// wasm_exec.js, app.css, the service worker, the manifest, and the web
// folder's scripts, styles and SVG) brotli- or gzip-encoded when the
// browser accepts it: go-app and http.FileServer send them plain. Other
// responses (images, 304s, ranges) pass through untouched. Bodies are
// small and the same on every visit, so each is compressed once, at
// brotli's best, and kept by content.
type textCompressor struct {
	next http.Handler

	mu    sync.Mutex
	cache map[textKey][]byte
}

type textKey struct {
	sum    [sha256.Size]byte
	coding string
}

// maxTextCache bounds the cache: the site has a few dozen text responses,
// but any path renders go-app's page.
const maxTextCache = 256

func newTextCompressor(next http.Handler) *textCompressor {
	return &textCompressor{next: next, cache: map[textKey][]byte{}}
}

// compressible lists the media types worth compressing.
func compressible(contentType string) bool {
	t, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch t {
	case "application/javascript", "text/javascript", "application/json", "application/manifest+json",
		"image/svg+xml", "application/xml", "font/ttf", "font/otf":
		return true
	}
	return strings.HasPrefix(t, "text/")
}

func (c *textCompressor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Vary", "Accept-Encoding")
	coding := ""
	switch {
	case acceptsEncoding(r, "br"):
		coding = "br"
	case acceptsEncoding(r, "gzip"):
		coding = "gzip"
	}
	if coding == "" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		c.next.ServeHTTP(w, r)
		return
	}
	inner := r
	if r.Method == http.MethodHead {
		// The compressed length is only known from the body.
		inner = r.Clone(r.Context())
		inner.Method = http.MethodGet
	}
	cw := &compressWriter{ResponseWriter: w}
	c.next.ServeHTTP(cw, inner)
	if cw.held == nil {
		return
	}
	raw := cw.held.Bytes()
	body := c.encode(raw, coding)
	h := w.Header()
	if len(body) < len(raw) {
		h.Set("Content-Encoding", coding)
		h.Del("Accept-Ranges") // ranges would be of the plain bytes
		if etag := h.Get("ETag"); strings.HasSuffix(etag, `"`) {
			h.Set("ETag", strings.TrimSuffix(etag, `"`)+"-"+coding+`"`)
		}
	} else {
		body = raw
	}
	h.Del("Content-Length")
	writeBody(w, r, h.Get("ETag"), body)
}

// encode compresses raw, or returns the copy made for the same bytes.
func (c *textCompressor) encode(raw []byte, coding string) []byte {
	k := textKey{sha256.Sum256(raw), coding}
	c.mu.Lock()
	body, ok := c.cache[k]
	c.mu.Unlock()
	if ok {
		return body
	}
	if coding == "br" {
		// A window fitted to the body: brotli 11 with its 4 MB default
		// spends most of its time on tables a 20 KB script never fills.
		body = compressBrotli(raw, brotliBest, min(max(bits.Len(uint(len(raw))), 16), 24))
	} else {
		body = compressGzip(raw, 9)
	}
	c.mu.Lock()
	if len(c.cache) >= maxTextCache {
		clear(c.cache)
	}
	c.cache[k] = body
	c.mu.Unlock()
	return body
}

// compressWriter holds a 200 response with a compressible body for
// textCompressor and passes anything else through as it is written.
type compressWriter struct {
	http.ResponseWriter
	status int           // 0 until the header is written
	held   *bytes.Buffer // the body being held, nil when passing through
}

func (cw *compressWriter) WriteHeader(code int) {
	if cw.status != 0 {
		return
	}
	cw.status = code
	h := cw.Header()
	if code == http.StatusOK && h.Get("Content-Encoding") == "" && h.Get("Content-Range") == "" &&
		compressible(h.Get("Content-Type")) {
		cw.held = new(bytes.Buffer)
		return
	}
	cw.ResponseWriter.WriteHeader(code)
}

func (cw *compressWriter) Write(p []byte) (int, error) {
	if cw.status == 0 {
		if cw.Header().Get("Content-Type") == "" {
			cw.Header().Set("Content-Type", http.DetectContentType(p))
		}
		cw.WriteHeader(http.StatusOK)
	}
	if cw.held != nil {
		return cw.held.Write(p)
	}
	return cw.ResponseWriter.Write(p)
}
