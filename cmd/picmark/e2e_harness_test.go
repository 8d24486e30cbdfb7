//go:build !wasm

// The e2e harness's server side: the site built from this tree, served on
// 127.0.0.1 behind the recording proxy every browser request goes
// through, the bytes the origin sends counted, and e2eOpen, which sets up
// all of it with a browser and the fixtures (e2eServe: without them).

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	e2eChromium = "/usr/bin/chromium"
	// e2eBudget bounds everything after the wasm build.
	e2eBudget = 4 * time.Minute
)

// e2eEnv is one browser test's world: the site built from this tree and
// served on 127.0.0.1 through the recording proxy, the fixtures (e2eOpen),
// and a browser on it. Everything is closed when the test ends.
type e2eEnv struct {
	root, site string
	fx         e2eFixtures
	srv        *httptest.Server
	px         *e2eProxy
	s          *e2eSession
}

// e2eOpen sets up a browser test, the fixtures included. serve, when not
// nil, wraps the site's handler (to swap it for a new version, say).
func e2eOpen(t *testing.T, budget time.Duration, serve func(http.Handler) http.Handler) *e2eEnv {
	t.Helper()
	env := e2eServe(t, budget, serve)
	env.fx = e2eMakeFixtures(t, t.TempDir())
	env.s.fx = env.fx
	return env
}

// e2eServe is e2eOpen without the fixtures, for a test that makes its own.
func e2eServe(t *testing.T, budget time.Duration, serve func(http.Handler) http.Handler) *e2eEnv {
	t.Helper()
	if _, err := os.Stat(e2eChromium); err != nil {
		t.Fatalf("the browser tests need Debian's Chromium at %s (%v): run `apt-get install -y chromium` (make test does)", e2eChromium, err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	env := &e2eEnv{root: root}
	env.site = e2eBuildSite(t, root)
	h, err := newHandler(env.site)
	if err != nil {
		t.Fatalf("newHandler(%s): %v", env.site, err)
	}
	if serve != nil {
		h = serve(h)
	}
	env.srv = httptest.NewServer(h)
	t.Cleanup(env.srv.Close)
	env.px = e2eNewProxy(t, env.srv.URL)
	t.Cleanup(env.px.srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	t.Cleanup(cancel)
	env.s = e2eStartBrowser(t, ctx, env.px)
	return env
}

// e2eBuildSite builds the wasm binary into a temporary copy of web/.
func e2eBuildSite(t *testing.T, root string) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "web")
	webDir := filepath.Join(root, "web")
	err := filepath.WalkDir(webDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(webDir, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(site, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		// Stale build outputs (and their .br/.gz) must not be served.
		base := d.Name()
		if strings.HasPrefix(base, "app.wasm") || strings.HasPrefix(base, "worker.wasm") { // worker.wasm: older builds
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", webDir, err)
	}
	for _, b := range []struct{ out, pkg string }{
		{"app.wasm", "./cmd/picmark"},
	} {
		start := time.Now()
		// The Makefile's WASM_FLAGS: the bytes a first visit downloads.
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags="+e2eWasmLDFlags, "-o", filepath.Join(site, b.out), b.pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("GOOS=js GOARCH=wasm go build -o %s %s: %v\n%s", b.out, b.pkg, err, out)
		}
		fi, _ := os.Stat(filepath.Join(site, b.out))
		t.Logf("built %s from %s in %v (%d bytes)", b.out, b.pkg, time.Since(start).Round(time.Millisecond), fi.Size())
	}
	return site
}

// e2eWasmLDFlags are the Makefile's: no symbol table or name section (the
// bench keeps the names when it profiles).
var e2eWasmLDFlags = "-s -w"

// e2eRequest is one request the browser made, seen by the proxy or by CDP.
type e2eRequest struct {
	phase, via   string
	method, url  string
	hasBody      bool
	resourceType string
}

func (r e2eRequest) String() string {
	body := ""
	if r.hasBody {
		body = " WITH A BODY"
	}
	return fmt.Sprintf("[%s/%s] %s %s%s %s", r.phase, r.via, r.method, r.url, body, r.resourceType)
}

// e2eProxy is an HTTP proxy every browser request goes through: it records
// the request and forwards only to the test server.
type e2eProxy struct {
	srv    *httptest.Server
	target *url.URL
	rp     *httputil.ReverseProxy

	mu      sync.Mutex
	phase   string
	reqs    []e2eRequest
	offline bool
}

func e2eNewProxy(t *testing.T, target string) *e2eProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &e2eProxy{target: u, phase: "load"}
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(u)
			pr.Out.Host = pr.In.Host
		},
		FlushInterval: -1,
		// An unreachable server must look unreachable to the browser, not
		// like a 502 page that a service worker could mistake for content.
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, herr := hj.Hijack(); herr == nil {
					c.Close()
					return
				}
			}
			http.Error(w, err.Error(), http.StatusBadGateway)
		},
	}
	p.srv = httptest.NewServer(p)
	return p
}

func (p *e2eProxy) setOffline() {
	p.mu.Lock()
	p.offline = true
	p.mu.Unlock()
}

func (p *e2eProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Host
	if r.Method == http.MethodConnect {
		host = r.Host
	}
	rec := e2eRequest{
		via:     "proxy",
		method:  r.Method,
		url:     r.URL.String(),
		hasBody: r.ContentLength > 0 || len(r.TransferEncoding) > 0,
	}
	if r.Method == http.MethodConnect {
		rec.url = "connect://" + r.Host
	}
	p.mu.Lock()
	rec.phase = p.phase
	p.reqs = append(p.reqs, rec)
	offline := p.offline
	p.mu.Unlock()

	if r.Method == http.MethodConnect || host != p.target.Host {
		http.Error(w, "the e2e proxy refuses every host but the test server", http.StatusForbidden)
		return
	}
	if offline {
		p.rp.ErrorHandler(w, r, errors.New("server closed"))
		return
	}
	p.rp.ServeHTTP(w, r)
}

// sawPath reports whether any request through the proxy asked for path.
func (p *e2eProxy) sawPath(path string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, r := range p.reqs {
		if u, err := url.Parse(r.url); err == nil && u.Path == path {
			return true
		}
	}
	return false
}

// originCounter counts what the origin sends: every request of the page, its
// workers and its service worker reaches it (through the proxy), so this is
// what a first visit costs on the wire. Header sizes are estimated.
type originCounter struct {
	mu     sync.Mutex
	total  int64
	served []originServed
}

type originServed struct {
	path, encoding, acceptEncoding string
	bytes                          int64
}

func (c *originCounter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &originCountingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		if !cw.wrote {
			cw.WriteHeader(http.StatusOK)
		}
		c.mu.Lock()
		c.total += cw.n
		c.served = append(c.served, originServed{r.URL.Path, cw.Header().Get("Content-Encoding"), r.Header.Get("Accept-Encoding"), cw.n})
		c.mu.Unlock()
	})
}

func (c *originCounter) mark() (int64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total, len(c.served)
}

func (c *originCounter) since(i int) []originServed {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.served[i:])
}

type originCountingWriter struct {
	http.ResponseWriter
	n     int64
	wrote bool
}

func (w *originCountingWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	// Status line, the headers set so far, and what net/http adds (Date,
	// Content-Length or chunking): an estimate within a few dozen bytes.
	n := len("HTTP/1.1 200 OK\r\n") + len("Date: Mon, 02 Jan 2006 15:04:05 GMT\r\nContent-Length: 1234567\r\n\r\n")
	for k, vs := range w.Header() {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	w.n += int64(n)
	w.ResponseWriter.WriteHeader(code)
}

func (w *originCountingWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *originCountingWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *originCountingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
