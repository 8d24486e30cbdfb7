//go:build !wasm

package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestServerTextCompressed: every text file of a first visit (go-app's
// and ours) travels brotli- or gzip-encoded by what the browser accepts,
// decodes to the plain bytes, and revalidates to a 304.
func TestServerTextCompressed(t *testing.T) {
	s, _ := testSite(t)
	for _, path := range []string{"/", "/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest",
		"/web/js/picmark.js", "/web/js/pool.js", "/web/js/wire.js", "/web/js/worker.js", "/web/js/lanczos.js", "/web/icon.svg"} {
		plain := get(t, s, path)
		if plain.Code != http.StatusOK || plain.Header().Get("Content-Encoding") != "" {
			t.Fatalf("%s without Accept-Encoding: status %d, Content-Encoding %q", path, plain.Code, plain.Header().Get("Content-Encoding"))
		}
		want := plain.Body.Bytes()
		etags := map[string]string{"": plain.Header().Get("ETag")}
		for _, tc := range []struct{ accept, coding string }{
			{"gzip, deflate, br, zstd", "br"},
			{"gzip", "gzip"},
			{"br;q=0, gzip", "gzip"},
			{"identity", ""},
		} {
			w := get(t, s, path, "Accept-Encoding", tc.accept)
			h := w.Header()
			if w.Code != http.StatusOK || h.Get("Content-Encoding") != tc.coding {
				t.Errorf("%s (%q): status %d, Content-Encoding %q, want %q", path, tc.accept, w.Code, h.Get("Content-Encoding"), tc.coding)
				continue
			}
			if !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s (%q): Vary %q", path, tc.accept, h.Get("Vary"))
			}
			if got := h.Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
				t.Errorf("%s (%q): Content-Length %s, body %d bytes", path, tc.accept, got, w.Body.Len())
			}
			if tc.coding != "" && w.Body.Len() >= len(want) {
				t.Errorf("%s (%q): %d bytes encoded, not fewer than %d", path, tc.accept, w.Body.Len(), len(want))
			}
			if got := decoded(t, tc.coding, w.Body.Bytes()); !sameText(path, got, want) {
				t.Errorf("%s (%q): the decoded body differs from the plain one", path, tc.accept)
			}
			if h.Get("Content-Security-Policy") == "" {
				t.Errorf("%s (%q): the security headers are lost", path, tc.accept)
			}
			etag := h.Get("ETag")
			if prev, seen := etags[tc.coding]; seen && prev != etag {
				t.Errorf("%s: ETag %q then %q for the same encoding", path, prev, etag)
			}
			etags[tc.coding] = etag
			if etag == "" {
				t.Errorf("%s (%q): no ETag", path, tc.accept)
				continue
			}
			if r := get(t, s, path, "Accept-Encoding", tc.accept, "If-None-Match", etag); r.Code != http.StatusNotModified || r.Body.Len() > 0 {
				t.Errorf("%s (%q): If-None-Match %s gave %d with %d bytes", path, tc.accept, etag, r.Code, r.Body.Len())
			}
			head := httptest.NewRequest(http.MethodHead, path, nil)
			head.Header.Set("Accept-Encoding", tc.accept)
			hw := httptest.NewRecorder()
			s.ServeHTTP(hw, head)
			if (path != "/" && hw.Header().Get("Content-Length") != h.Get("Content-Length")) || hw.Header().Get("Content-Encoding") != tc.coding || (tc.coding != "" && hw.Body.Len() > 0) {
				t.Errorf("%s (%q): HEAD says %s bytes %q, GET %s bytes %q", path, tc.accept,
					hw.Header().Get("Content-Length"), hw.Header().Get("Content-Encoding"), h.Get("Content-Length"), tc.coding)
			}
		}
		// One representation, one ETag: a cached brotli copy is never
		// confirmed for a browser asking for gzip.
		if etags["br"] == etags["gzip"] || etags["br"] == etags[""] || etags["gzip"] == etags[""] {
			t.Errorf("%s: ETags %q are not distinct per encoding", path, etags)
		}
	}
}

// TestServerTextCompressedPassThrough: images, ranges and 304s are left as
// they are.
func TestServerTextCompressedPassThrough(t *testing.T) {
	s, _ := testSite(t)
	png := get(t, s, "/web/icon-192.png", "Accept-Encoding", "br")
	if png.Code != http.StatusOK || png.Header().Get("Content-Encoding") != "" {
		t.Errorf("PNG: status %d, Content-Encoding %q", png.Code, png.Header().Get("Content-Encoding"))
	}
	part := get(t, s, "/web/js/picmark.js", "Accept-Encoding", "br", "Range", "bytes=0-9")
	if part.Code != http.StatusPartialContent || part.Header().Get("Content-Encoding") != "" || part.Body.Len() != 10 {
		t.Errorf("range: status %d, Content-Encoding %q, %d bytes", part.Code, part.Header().Get("Content-Encoding"), part.Body.Len())
	}
	plain := get(t, s, "/web/js/picmark.js")
	if r := get(t, s, "/web/js/picmark.js", "Accept-Encoding", "br", "If-None-Match", plain.Header().Get("ETag")); r.Code != http.StatusNotModified {
		t.Errorf("a plain copy revalidated by a browser that now takes brotli: %d, want 304 (its copy is still right)", r.Code)
	}
}

// sameText compares bodies; go-app writes the page's attributes in a
// different order on each request, so for "/" only the bytes, sorted, are
// the same.
func sameText(path string, a, b []byte) bool {
	if path != "/" {
		return bytes.Equal(a, b)
	}
	a, b = bytes.Clone(a), bytes.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return bytes.Equal(a, b)
}
