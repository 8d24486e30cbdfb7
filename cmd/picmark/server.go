//go:build !wasm

package main

import (
	"bytes"
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

	"github.com/gen2brain/heic"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	ui "picmark/app"
	"picmark/internal/brand"
	"picmark/internal/crop"
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
	"app.wasm", "picmark.css", "icon-192.png", "icon-512.png", "icon-maskable-512.png", "icon.svg",
	"js/picmark.js", "js/intake.js", "js/heads.js", "js/readheads.js", "js/pool.js", "js/spares.js", "js/batch.js", "js/previews.js",
	"js/storage.js", "js/zip.js", "js/zipparts.js", "js/zipwork.js", "js/wire.js", "js/worker.js", "js/lanczos.js", "js/lanczos.wasm", "js/heif.js",
}

// site is picmark's HTTP handler: go-app's handler wrapped with our own
// manifest, precompressed wasm and fonts, compressed text and security
// headers.
type site struct {
	webDir   string
	app      *app.Handler
	static   http.Handler // web/ files
	text     http.Handler // the manifest and go-app, text compressed
	manifest []byte
	// packed are the big files, compressed in the background at start:
	// app.wasm, and the files fetched on demand (onDemandPaths), by URL
	// path.
	packed map[string]*encoded
}

// Files the browser fetches when it first needs them are served outside
// /web/, whose files are all precached (a first visit downloads them), and
// the service worker keeps each one it passes on (serviceworker.js:
// onDemand), so it works offline from then on:
//   - fontsPath: the bundled fonts (the browser's binary carries only two:
//     internal/brand), fetched when a brand kit first uses one
//     (app/worker/downloads.go);
//   - heifPath: libheif's module (third_party/heic), which the page fetches
//     in the background once the service worker controls it, and its
//     workers run to decode a HEIC (web/js/heif.js);
//   - modelsPath: the face finder's cascade (the browser's binary leaves it
//     out: internal/crop), fetched by the page in the background too, and
//     by a worker when it first frames a photo (app/worker/downloads.go).
const (
	fontsPath    = "/fonts/"
	decodersPath = "/decoders/"
	heifPath     = decodersPath + "heif.wasm"
	modelsPath   = "/models/"
)

var onDemandPaths = []string{fontsPath, decodersPath, modelsPath}

// onDemand reports whether the URL path p is a file fetched on demand.
func onDemand(p string) bool {
	for _, prefix := range onDemandPaths {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// licencesPath is the page of notices the footer links to (licences.go).
const licencesPath = "/licences.html"

// siteEffort is how hard serve and build compress: brotli's best, but in
// tests of what they say.
var siteEffort = thorough

// newHandler serves the app from webDir (the folder holding app.wasm, the
// scripts and the icons), with quick compression: the tests' servers.
func newHandler(webDir string) (http.Handler, error) {
	return newSite(webDir, quick)
}

func newSite(webDir string, how effort) (*site, error) {
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
			return nil, &saidError{siteMissing, []any{filepath.Join(webDir, f)}}
		}
	}
	heif, err := heic.Module()
	if err != nil {
		return nil, err
	}
	version, err := hashWebFiles(webDir, files)
	if err != nil {
		return nil, err
	}
	// The service worker keeps the HEIC decoder with the version's files:
	// a new decoder is a new version.
	version = hashVersion(version, heif)

	s := &site{
		webDir: webDir,
		static: http.StripPrefix("/web", http.FileServer(noListing{http.Dir(webDir)})),
		packed: map[string]*encoded{},
	}
	// Read now, so a missing file fails at start-up.
	wasm, err := os.ReadFile(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return nil, err
	}
	s.packed["/web/app.wasm"] = newEncoded(wasm, "application/wasm", how)
	s.packed[licencesPath] = newEncoded(licencesPage(), "text/html; charset=utf-8", how)
	for _, name := range brand.FontNames() {
		data, ok := brand.EmbeddedFont(name)
		if !ok {
			return nil, &saidError{siteNoFont, []any{name}} // cannot happen natively
		}
		s.packed[fontsPath+brand.FontFile(name)] = newEncoded(data, "font/ttf", how)
	}
	s.packed[heifPath] = newEncoded(heif, "application/wasm", how)
	cascade, ok := crop.EmbeddedCascade()
	if !ok {
		return nil, &saidError{siteNoFace, nil} // cannot happen natively
	}
	s.packed[modelsPath+crop.CascadeFile] = newEncoded(cascade, "application/octet-stream", how)

	// Every file except compressed copies, sources (source maps, the
	// WebAssembly text) and hidden files is precached, so the app opens and
	// works with the network off.
	var cacheable []string
	for _, f := range files {
		if strings.HasSuffix(f, ".br") || strings.HasSuffix(f, ".gz") || strings.HasSuffix(f, ".map") || strings.HasSuffix(f, ".wat") {
			continue
		}
		cacheable = append(cacheable, "/web/"+f)
	}

	ui.Register()
	s.app = &app.Handler{
		Name:        "picmark",
		ShortName:   "picmark",
		Title:       ui.Title,
		Description: "Turn a folder of photos into branded, platform-sized JPEGs for Pinterest, Tumblr, Snapchat and more. Runs entirely in your browser: nothing is uploaded.",
		Lang:        "en",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		LoadingLabel:    "Loading picmark… {progress}%",
		Styles:          []string{"/web/picmark.css"},
		// The page's JavaScript is ES modules (web/js), which go-app's
		// Scripts cannot mark; app.wasm waits for it (main_wasm.go).
		RawHeaders:         []string{`<script type="module" src="/web/js/picmark.js"></script>`},
		CacheableResources: cacheable,
		// Our own: go-app's default does not wait for the cache to fill.
		ServiceWorkerTemplate: serviceWorkerTemplate,
		Resources:             webResources{s.static},
		Version:               version,
		// The wasm travels compressed, so Content-Length is the compressed
		// size; go-app's progress bar counts uncompressed bytes.
		WasmContentLength: strconv.Itoa(len(wasm)),
	}
	s.manifest, err = makeManifest(s.app)
	if err != nil {
		return nil, err
	}
	s.text = newTextCompressor(http.HandlerFunc(s.servePlain))
	return s, nil
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range securityHeaders {
		w.Header().Set(k, v)
	}
	p := s.path(r)
	if e, ok := s.packed[p]; ok {
		serveEncoded(w, r, e)
		return
	}
	if onDemand(p) {
		// Not go-app's page: a worker would take HTML for a font or a
		// decoder, and the service worker would keep it.
		http.NotFound(w, r)
		return
	}
	s.text.ServeHTTP(w, r)
}

// path is the request's path without go-app's version prefix and aliases.
func (s *site) path(r *http.Request) string {
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
	return p
}

// servePlain serves our manifest and everything go-app serves, plain.
func (s *site) servePlain(w http.ResponseWriter, r *http.Request) {
	if s.path(r) == "/manifest.webmanifest" {
		sum := sha256.Sum256(s.manifest)
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "application/manifest+json")
		// An ETag lets the second request of a visit end in a 304.
		w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(s.manifest))
		return
	}
	s.app.ServeHTTP(w, r)
}

// wait blocks until every big file has its final compressed copies.
func (s *site) wait() {
	for _, e := range s.packed {
		e.wait()
	}
}

// listWebFiles returns every regular, non-hidden file under dir as a sorted
// slash-separated relative path.
func listWebFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, &saidError{siteNoWeb, []any{dir}}
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

// hashVersion is the version for web files hashed as version, with more
// files the service worker keeps in the version's cache.
func hashVersion(version string, more ...[]byte) string {
	h := sha256.New()
	h.Write([]byte(version))
	for _, b := range more {
		h.Write([]byte{0})
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
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
			"image/jpeg": {".jpg", ".jpeg", ".JPG", ".JPEG"}, "image/png": {".png", ".PNG"}, "image/gif": {".gif", ".GIF"},
			"image/webp": {".webp", ".WEBP"}, "image/heic": {".heic", ".HEIC"}, "image/heif": {".heif", ".HEIF"},
			"image/avif": {".avif", ".AVIF"}, "image/tiff": {".tif", ".tiff", ".TIF", ".TIFF"}, "image/bmp": {".bmp", ".BMP"},
		}}},
		// Receive photos shared from a phone's gallery: the service worker
		// takes the POST (it never reaches a server) and hands the files to
		// the page.
		ShareTarget: shareTarget{Action: shareTargetPath, Method: "POST", Enctype: "multipart/form-data",
			Params: shareParams{Files: []shareFiles{{Name: "photos", Accept: []string{"image/*", "image/heic", "image/heif",
				"image/avif", "image/tiff", "image/bmp", ".heic", ".heif", ".avif", ".tif", ".tiff", ".bmp"}}}}},
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
