//go:build !wasm

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	out := fs.String("out", "", "")
	web := fs.String("web", "web", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) > 0 {
		unexpected(stderr, "build", rest[0])
		fs.Usage()
		return exitUsage
	}
	lang := cliLang()
	if *out == "" {
		fmt.Fprint(stderr, "picmark build: "+buildNoOut.in(lang))
		fs.Usage()
		return exitUsage
	}
	absOut, _ := filepath.Abs(*out)
	absWeb, _ := filepath.Abs(*web)
	if within(absOut, absWeb) || within(absWeb, absOut) {
		fmt.Fprint(stderr, "picmark build: "+buildOverlap.say(lang, *out, *web))
		return exitUsage
	}
	// Brotli's best for a site served many times: about a minute more.
	s, err := newSite(*web, siteEffort)
	if err != nil {
		fmt.Fprintf(stderr, "picmark build: %s\n", sayError(err, lang))
		return exitFailed
	}
	if err := s.writeStatic(absOut); err != nil {
		fmt.Fprint(stderr, "picmark build: "+buildWrite.say(lang, *out, err))
		return exitFailed
	}
	fmt.Fprint(stdout, buildDone.say(lang, *out))
	return exitOK
}

// within reports whether path is dir or lies inside it (both absolute, clean).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// writeStatic writes what `picmark serve` serves as plain files: go-app's
// pages, our manifest, web/ with precompressed wasm, the fonts and the face
// cascade, and a _headers file (Netlify, Cloudflare Pages) carrying the
// security headers.
func (s *site) writeStatic(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(out, s.app); err != nil {
		return err
	}
	files, err := listWebFiles(s.webDir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".br") || strings.HasSuffix(f, ".gz") {
			continue // written fresh below, from the same bytes serve uses
		}
		data, err := os.ReadFile(filepath.Join(s.webDir, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(out, "web", filepath.FromSlash(f)), data); err != nil {
			return err
		}
	}
	// app.wasm, the fonts and the cascade, with their compressed copies
	// (the last two are not in web/: the server carries them).
	s.wait()
	for p, e := range s.packed {
		name := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(p, "/")))
		if !strings.HasPrefix(p, "/web/") {
			if err := writeFile(name, e.raw); err != nil {
				return err
			}
		}
		if err := writeFile(name+".br", e.br); err != nil {
			return err
		}
		if err := writeFile(name+".gz", e.gz); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(out, "manifest.webmanifest"), s.manifest); err != nil {
		return err
	}

	// Hosts that cannot set headers still get the policy from a meta tag
	// (frame-ancestors only works as a header, so it is left out there).
	index := filepath.Join(out, "index.html")
	page, err := os.ReadFile(index)
	if err != nil {
		return err
	}
	meta := `<meta http-equiv="Content-Security-Policy" content="` +
		strings.ReplaceAll(contentSecurityPolicy, " frame-ancestors 'none';", "") + `">`
	charset := []byte(`<meta charset="UTF-8">`)
	if i := bytes.Index(page, charset); i >= 0 {
		at := i + len(charset)
		page = append(page[:at:at], append([]byte(meta), page[at:]...)...)
	}
	if err := writeFile(index, page); err != nil {
		return err
	}

	var h strings.Builder
	h.WriteString("/*\n")
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		fmt.Fprintf(&h, "  %s: %s\n", k, securityHeaders[k])
	}
	h.WriteString("/web/*.wasm\n  Content-Type: application/wasm\n")
	h.WriteString(decodersPath + "*.wasm\n  Content-Type: application/wasm\n")
	return writeFile(filepath.Join(out, "_headers"), []byte(h.String()))
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}
