//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// modules lists the modules a build of ./ is made of (go list), with
// their directories, for GOOS and GOARCH (empty: this machine's).
func modules(t *testing.T, goos, goarch string) map[string]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=Module", ".")
	cmd.Env = os.Environ()
	if goos != "" {
		cmd.Env = append(cmd.Env, "GOOS="+goos, "GOARCH="+goarch)
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	mods := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct{ Module *struct{ Path, Dir string } }
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Module != nil && p.Module.Path != "picmark" {
			mods[p.Module.Path] = p.Module.Dir
		}
	}
	mods["std"] = runtime.GOROOT()
	return mods
}

// licenceFile matches the files a module's licence lives in.
var licenceFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice)(\.(md|txt))?$`)

// TestLicences: every module the native binary is built from that carries
// a licence file has its notice embedded, equal to its own files (so a new
// dependency, or a changed licence, fails here); the page's list covers
// every module app.wasm is built from; every notice is printed by
// `picmark licences`.
func TestLicences(t *testing.T) {
	check := func(mods map[string]string, page bool) {
		for path, dir := range mods {
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.IsDir() || !licenceFile.MatchString(e.Name()) {
					continue
				}
				found := false
				for _, c := range components {
					if c.Module == path && (c.Page || !page) && strings.Contains(strings.Join(c.Files, " "), e.Name()) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s's %s has no notice in licences.go's components (page: %v)", path, e.Name(), page)
				}
			}
		}
	}
	native := modules(t, "", "")
	check(native, false)
	check(modules(t, "js", "wasm"), true)

	for _, c := range components {
		if c.Module == "" {
			if len(c.notice()) < 500 {
				t.Errorf("%s: a notice of %d bytes", c.Name.en, len(c.notice()))
			}
			continue
		}
		dir, ok := native[c.Module]
		if !ok {
			t.Errorf("%s: module %s is not in the binary any more", c.Name.en, c.Module)
			continue
		}
		var want []string
		for _, f := range c.Files {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, string(b))
		}
		if got := c.notice(); got != strings.Join(want, "\n") {
			t.Errorf("%s: licences/%s.txt differs from %s's %v", c.Name.en, c.Slug, c.Module, c.Files)
		}
	}
	files, _ := fs.Glob(licenceFiles, "licences/*.txt")
	if len(files) != len(components) {
		t.Errorf("%d notice files for %d components", len(files), len(components))
	}

	var out, errOut bytes.Buffer
	if code := run([]string{"licences"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, c := range components {
		if !strings.Contains(out.String(), c.Name.en) || !strings.Contains(out.String(), c.notice()) {
			t.Errorf("picmark licences leaves out %s", c.Name)
		}
	}
	for _, want := range []string{"GNU LESSER GENERAL PUBLIC LICENSE", "libde265", "libheif", "Apache License", "third_party/heic/lib/patches"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("picmark licences does not say %q", want)
		}
	}
}

// TestLicencesPage: the server's /licences.html lists what the page
// bundles, and is not precached (the first visit does not fetch it).
func TestLicencesPage(t *testing.T) {
	s, _ := testSite(t)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, licencesPath, nil))
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("%d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, c := range components {
		if in := strings.Contains(body, html.EscapeString(c.Name.en)); in != c.Page {
			t.Errorf("%s listed: %v, bundled by the page: %v", c.Name, in, c.Page)
		}
	}
	// The HEIC decoder the page's workers run is LGPL: where its source is
	// and how to relink travel with it.
	if !strings.Contains(body, "LESSER GENERAL PUBLIC LICENSE") || !strings.Contains(body, "third_party/heic/lib/patches") {
		t.Errorf("the licences page lacks libheif's and libde265's LGPL notices and where their source is")
	}
	for _, r := range s.app.CacheableResources {
		if strings.Contains(r, "licences") {
			t.Errorf("%s is precached", r)
		}
	}
}
