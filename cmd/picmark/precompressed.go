//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// Brotli settings for the big files (app.wasm, fonts), measured on a 12 MB
// app.wasm on a shared 2-core machine: quality 6 gives 23.7 % in 3 s;
// quality 11 with a 16 MB window gives 20.8 % (14 % fewer bytes, most of a
// first visit) in 65-75 s; quality 9 only 2 % fewer than 6.
const (
	brotliFast       = 6
	brotliBest       = 11
	brotliBestWindow = 24
)

// effort says how hard a site compresses its big files.
type effort int

const (
	// quick: brotli 6 only, ready seconds after start. Tests start
	// servers by the dozen and must not spend a minute of CPU on each.
	quick effort = iota
	// thorough: brotli 6 at once, replaced by brotli 11 when a background
	// job is done (picmark serve, picmark build).
	thorough
)

// encoded is one file held in memory raw and compressed. Compression runs
// in the background so the server starts at once: gzip is ready in a
// moment, brotli 6 in seconds, brotli 11 in a minute, and the best one
// ready is served (the decoded bytes are the same). A browser that takes
// gzip or brotli never gets the raw bytes (11.5 MB of app.wasm, seen in a
// server's first seconds): its request waits for the first compressed copy.
type encoded struct {
	raw         []byte
	contentType string
	sum         string // hex content hash, the ETag's stem

	mu  sync.Mutex
	br  []byte
	brQ int // brotli quality of br, 0 while there is none
	gz  []byte

	done      chan struct{} // closed once the last planned copy is made
	first     chan struct{} // closed once a compressed copy exists
	firstOnce sync.Once
}

// newEncoded starts compressing raw in the background.
func newEncoded(raw []byte, contentType string, how effort) *encoded {
	sum := sha256.Sum256(raw)
	e := &encoded{raw: raw, contentType: contentType, sum: hex.EncodeToString(sum[:8]), done: make(chan struct{}), first: make(chan struct{})}
	var wg sync.WaitGroup
	wg.Go(func() {
		e.setBrotli(compressBrotli(raw, brotliFast, 0), brotliFast)
		if how == thorough {
			e.setBrotli(compressBrotli(raw, brotliBest, brotliBestWindow), brotliBest)
		}
	})
	wg.Go(func() {
		// Level 6: level 9 took 2.5× longer for 0.7 % less.
		e.setGzip(compressGzip(raw, 6))
	})
	go func() {
		wg.Wait()
		close(e.done)
	}()
	return e
}

func (e *encoded) setBrotli(b []byte, q int) {
	e.mu.Lock()
	e.br, e.brQ = b, q
	e.mu.Unlock()
	e.firstOnce.Do(func() { close(e.first) })
}

func (e *encoded) setGzip(b []byte) {
	e.mu.Lock()
	e.gz = b
	e.mu.Unlock()
	e.firstOnce.Do(func() { close(e.first) })
}

// wait blocks until every planned copy exists (tests, static build, bench).
func (e *encoded) wait() { <-e.done }

// best returns the smallest copy the browser accepts, its Content-Encoding
// and its ETag. Each byte sequence has its own strong ETag: brotli 6 and
// 11 copies differ, so a copy cached before the switch is fetched again
// rather than mixed with ranges of the other.
func (e *encoded) best(r *http.Request) (body []byte, coding, etag string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case e.br != nil && acceptsEncoding(r, "br"):
		return e.br, "br", `"` + e.sum + "-br" + strconv.Itoa(e.brQ) + `"`
	case e.gz != nil && acceptsEncoding(r, "gzip"):
		return e.gz, "gzip", `"` + e.sum + `-gzip"`
	}
	return e.raw, "", `"` + e.sum + `"`
}

// serveEncoded sends e in the best encoding the browser accepts, once
// there is a compressed copy when it accepts one.
func serveEncoded(w http.ResponseWriter, r *http.Request, e *encoded) {
	if acceptsEncoding(r, "br") || acceptsEncoding(r, "gzip") {
		select {
		case <-e.first:
		case <-r.Context().Done():
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", e.contentType)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	body, coding, etag := e.best(r)
	if coding != "" {
		h.Set("Content-Encoding", coding)
	}
	h.Set("ETag", etag)
	writeBody(w, r, etag, body)
}

// writeBody answers 304 when the browser holds etag, else body with its
// length. Written by hand: http.ServeContent leaves out Content-Length
// once Content-Encoding is set, and the browser wants it.
func writeBody(w http.ResponseWriter, r *http.Request, etag string, body []byte) {
	if etag != "" && etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func compressBrotli(raw []byte, quality, window int) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: quality, LGWin: window})
	w.Write(raw) // writes to a bytes.Buffer cannot fail
	w.Close()
	return b.Bytes()
}

func compressGzip(raw []byte, level int) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, level)
	w.Write(raw)
	w.Close()
	return b.Bytes()
}

// etagMatches reads an If-None-Match list (weak comparison, as RFC 9110
// asks for it).
func etagMatches(list, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// acceptsEncoding reads Accept-Encoding, honouring "q=0" refusals.
func acceptsEncoding(r *http.Request, coding string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}
