//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "picmark/app"
)

// Brand colours; the icons (icons_test.go) use the same pink.
const (
	themeColor      = "#c8306a"
	backgroundColor = "#ffffff"
)

// contentSecurityPolicy lets the page run only its own code: no third-party
// origin at all, WebAssembly allowed, previews from blob: URLs. go-app's own
// page needs no inline script or style; components must use classes, not
// Style() attributes (those would need 'unsafe-inline').
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"connect-src 'self'; img-src 'self' blob: data:; style-src 'self'; font-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'; manifest-src 'self'"

// securityHeaders are set on every response, the page's and every file's.
var securityHeaders = map[string]string{
	"Content-Security-Policy": contentSecurityPolicy,
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "no-referrer",
}

// Files in web/ the page cannot work without: a 404 for any of them leaves
// the service worker's offline cache empty, so we refuse to start instead.
var requiredWebFiles = []string{
	"app.wasm", "worker.js", "picmark.js", "picmark.css",
	"icon-192.png", "icon-512.png", "icon-maskable-512.png", "icon.svg",
}

// precompressed lists the wasm binary served as .br/.gz: it is most of what
// a first visit downloads (the page and its workers run the same binary).
var precompressed = []string{"app.wasm"}

// brotliLevel: measured on an 8.5 MB app.wasm (shared 2-core machine):
// quality 6 gives 22.6 % in 3.5 s, 9 gives 22.1 % in 11.6 s, 4 gives 25 %.
const brotliLevel = 6

// encoded is one file held in memory raw and compressed. Compression runs
// in the background so the server starts at once; until a compressed copy
// is done the best one ready is served (the bytes are the same).
type encoded struct {
	raw, br, gz    []byte
	etag           string        // quoted content hash, suffixed per encoding
	brDone, gzDone chan struct{} // closed once br, gz are set
}

func done(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// site is picmark's HTTP handler: go-app's handler wrapped with our own
// manifest, precompressed wasm and security headers.
type site struct {
	webDir   string
	app      *app.Handler
	static   http.Handler // web/ files
	manifest []byte
	wasm     map[string]*encoded // by URL path, e.g. "/web/app.wasm"
}

// newHandler serves the app from webDir (the folder holding app.wasm, the
// scripts and the icons).
func newHandler(webDir string) (http.Handler, error) {
	return newSite(webDir)
}

func newSite(webDir string) (*site, error) {
	files, err := listWebFiles(webDir)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f] = true
	}
	for _, f := range requiredWebFiles {
		if !have[f] {
			return nil, fmt.Errorf("%s is missing: build the app first (make build)", filepath.Join(webDir, f))
		}
	}
	version, err := hashWebFiles(webDir, files)
	if err != nil {
		return nil, err
	}

	s := &site{
		webDir: webDir,
		static: http.StripPrefix("/web", http.FileServer(noListing{http.Dir(webDir)})),
		wasm:   map[string]*encoded{},
	}

	for _, name := range precompressed {
		e, err := encodeFile(filepath.Join(webDir, name))
		if err != nil {
			return nil, err
		}
		s.wasm["/web/"+name] = e
	}

	// Every file except compressed copies, source maps and hidden files is
	// precached, so the app opens and works with the network off.
	var cacheable []string
	for _, f := range files {
		if strings.HasSuffix(f, ".br") || strings.HasSuffix(f, ".gz") || strings.HasSuffix(f, ".map") {
			continue
		}
		cacheable = append(cacheable, "/web/"+f)
	}

	ui.Register()
	s.app = &app.Handler{
		Name:        "picmark",
		ShortName:   "picmark",
		Title:       "picmark — photos sized and branded for every platform",
		Description: "Turn a folder of photos into branded, platform-sized JPEGs for Pinterest, Tumblr, Snapchat and more. Runs entirely in your browser: nothing is uploaded.",
		Lang:        "en",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor:    backgroundColor,
		ThemeColor:         themeColor,
		LoadingLabel:       "Loading picmark… {progress}%",
		Styles:             []string{"/web/picmark.css"},
		Scripts:            []string{"/web/picmark.js"},
		CacheableResources: cacheable,
		// Our own: go-app's default does not wait for the cache to fill.
		ServiceWorkerTemplate: serviceWorkerTemplate,
		Resources:             webResources{s.static},
		Version:               version,
		// The wasm travels compressed, so Content-Length is the compressed
		// size; go-app's progress bar counts uncompressed bytes.
		WasmContentLength: strconv.Itoa(len(s.wasm["/web/app.wasm"].raw)),
	}
	s.manifest, err = makeManifest(s.app)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
	p := r.URL.Path
	if v := "/" + s.app.Version + "/"; strings.HasPrefix(p, v) {
		p = p[len(v)-1:]
	}
	switch p {
	case "/app.wasm", "/goapp.wasm":
		p = "/web/app.wasm"
	case "/manifest.json":
		p = "/manifest.webmanifest"
	}
	if e, ok := s.wasm[p]; ok {
		serveEncoded(w, r, e, "application/wasm")
		return
	}
	if p == "/manifest.webmanifest" {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "application/manifest+json")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(s.manifest))
		return
	}
	s.app.ServeHTTP(w, r)
}

// serveEncoded picks brotli, then gzip, then the raw bytes, by what the
// browser accepts.
func serveEncoded(w http.ResponseWriter, r *http.Request, e *encoded, contentType string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	body, tag := e.raw, ""
	switch {
	case acceptsEncoding(r, "br") && done(e.brDone):
		body, tag = e.br, "br"
	case acceptsEncoding(r, "gzip") && done(e.gzDone):
		body, tag = e.gz, "gzip"
	}
	etag := e.etag
	if tag != "" {
		h.Set("Content-Encoding", tag)
		etag = strings.TrimSuffix(etag, `"`) + "-" + tag + `"`
	}
	h.Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	// Written by hand: http.ServeContent leaves out Content-Length once
	// Content-Encoding is set, and the browser wants it.
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatches reads an If-None-Match list.
func etagMatches(list, etag string) bool {
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

// encodeFile reads name now (so a missing file fails at start-up) and
// compresses it in the background.
func encodeFile(name string) (*encoded, error) {
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	e := &encoded{raw: raw, etag: `"` + hex.EncodeToString(sum[:8]) + `"`,
		brDone: make(chan struct{}), gzDone: make(chan struct{})}
	go func() {
		defer close(e.brDone)
		var b bytes.Buffer
		w := brotli.NewWriterLevel(&b, brotliLevel)
		w.Write(raw) // writes to a bytes.Buffer cannot fail
		w.Close()
		e.br = b.Bytes()
	}()
	go func() {
		defer close(e.gzDone)
		// Level 6: level 9 took 2.5× longer for 0.7 % less.
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, 6)
		w.Write(raw)
		w.Close()
		e.gz = b.Bytes()
	}()
	return e, nil
}

// wait blocks until both compressed copies exist (tests, static build).
func (e *encoded) wait() {
	<-e.brDone
	<-e.gzDone
}

// listWebFiles returns every regular, non-hidden file under dir as a sorted
// slash-separated relative path.
func listWebFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("cannot find the web folder %s: run picmark from the project folder or pass -web", dir)
	}
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(files)
	return files, err
}

// hashWebFiles is the app's version: it changes exactly when a file the
// browser caches changes, so restarts never force a needless update.
func hashWebFiles(dir string, files []string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		if strings.HasSuffix(f, ".br") || strings.HasSuffix(f, ".gz") {
			continue // derived from files already hashed
		}
		fh, err := os.Open(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00", f)
		_, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return "", err
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// makeManifest replaces go-app's fixed manifest, which cannot carry
// launch_handler (and later file_handlers, share_target).
func makeManifest(h *app.Handler) ([]byte, error) {
	type icon struct {
		Src     string `json:"src"`
		Type    string `json:"type"`
		Sizes   string `json:"sizes"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		ID              string            `json:"id"`
		Name            string            `json:"name"`
		ShortName       string            `json:"short_name"`
		Description     string            `json:"description"`
		Lang            string            `json:"lang"`
		Scope           string            `json:"scope"`
		StartURL        string            `json:"start_url"`
		Display         string            `json:"display"`
		BackgroundColor string            `json:"background_color"`
		ThemeColor      string            `json:"theme_color"`
		Icons           []icon            `json:"icons"`
		LaunchHandler   map[string]string `json:"launch_handler"`
		FileHandlers    []fileHandler     `json:"file_handlers"`
		ShareTarget     shareTarget       `json:"share_target"`
	}{
		ID:              "/",
		Name:            h.Name,
		ShortName:       h.ShortName,
		Description:     h.Description,
		Lang:            h.Lang,
		Scope:           "/",
		StartURL:        "/",
		Display:         "standalone",
		BackgroundColor: h.BackgroundColor,
		ThemeColor:      h.ThemeColor,
		Icons: []icon{
			{Src: h.Icon.Default, Type: "image/png", Sizes: "192x192"},
			{Src: h.Icon.Large, Type: "image/png", Sizes: "512x512"},
			{Src: h.Icon.Maskable, Type: "image/png", Sizes: "512x512", Purpose: "maskable"},
			{Src: h.Icon.SVG, Type: "image/svg+xml", Sizes: "any"},
		},
		// An installed picmark reuses its open window instead of stacking new ones.
		LaunchHandler: map[string]string{"client_mode": "focus-existing"},
		// Open photos with picmark from the desktop; the page takes them from
		// its launch queue.
		FileHandlers: []fileHandler{{Action: "/", Accept: map[string][]string{
			"image/jpeg": {".jpg", ".jpeg"}, "image/png": {".png"}, "image/gif": {".gif"}, "image/webp": {".webp"},
		}}},
		// Receive photos shared from a phone's gallery: the service worker
		// takes the POST (it never reaches a server) and hands the files to
		// the page.
		ShareTarget: shareTarget{Action: shareTargetPath, Method: "POST", Enctype: "multipart/form-data",
			Params: shareParams{Files: []shareFiles{{Name: "photos", Accept: []string{"image/*"}}}}},
	}
	return json.MarshalIndent(m, "", "  ")
}

// shareTargetPath is where shared photos arrive; serviceworker.js answers it.
const shareTargetPath = "/share-target"

type fileHandler struct {
	Action string              `json:"action"`
	Accept map[string][]string `json:"accept"`
}

type shareTarget struct {
	Action  string      `json:"action"`
	Method  string      `json:"method"`
	Enctype string      `json:"enctype"`
	Params  shareParams `json:"params"`
}

type shareParams struct {
	Files []shareFiles `json:"files"`
}

type shareFiles struct {
	Name   string   `json:"name"`
	Accept []string `json:"accept"`
}

// webResources serves /web/ from the -web folder itself (go-app's LocalDir
// wants the folder's parent and a folder named "web").
type webResources struct{ http.Handler }

func (webResources) Resolve(location string) string {
	if location == "" || location == "/" {
		return "/"
	}
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		return location
	}
	if location == "web" || location == "/web" || strings.HasPrefix(location, "web/") || strings.HasPrefix(location, "/web/") {
		return "/" + strings.Trim(location, "/")
	}
	return location
}

// noListing hides directory listings: web/ is the app, not a file browser.
type noListing struct{ fs http.FileSystem }

func (n noListing) Open(name string) (http.File, error) {
	f, err := n.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err == nil && info.IsDir() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}
