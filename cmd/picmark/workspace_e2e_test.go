//go:build !wasm

// The marketer's workspace in a real browser: language, brand kits that
// survive a reload, cancel and retry, saving into a folder, the manifest's
// launch features, and accessibility at phone and laptop widths. The
// features with a file of their own are named in TestE2EWorkspace; the
// manifest, photos shared from a phone and the new-version notice are here.

package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestE2EWorkspace is the marketer's workspace, one browser for all of it.
func TestE2EWorkspace(t *testing.T) {
	// The handler can be swapped for a new version's, as a redeploy would.
	var current atomic.Value
	env := e2eOpen(t, 4*time.Minute, func(h http.Handler) http.Handler {
		current.Store(h)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { current.Load().(http.Handler).ServeHTTP(w, r) })
	})
	s := env.s
	axe := e2eAxe(t, env.root)
	s.setPhase("workspace")
	s.load(t, env.srv.URL)

	// In language_e2e_test.go, kit_e2e_test.go, cancel_e2e_test.go (with
	// save_e2e_test.go) and a11y_e2e_test.go; the others below.
	t.Run("language", env.language)
	t.Run("manifest", env.manifest)
	t.Run("brand-kits", env.brandKits)
	t.Run("cancel-and-retry", env.cancelAndRetry)
	t.Run("shared-photos", env.sharedPhotos)
	t.Run("new-version-notice", func(t *testing.T) { env.newVersionNotice(t, &current) })
	t.Run("accessibility", func(t *testing.T) { env.accessibility(t, axe) })
}

// manifest checks the manifest's launch features: file handlers, the
// share target, the launch handler, and the install button.
func (env *e2eEnv) manifest(t *testing.T) {
	s := env.s
	c, cancel := s.step(20 * time.Second)
	defer cancel()
	m, err := chromedp.Call(c, page.GetAppManifest, page.GetAppManifestParams{})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		FileHandlers []struct {
			Action string              `json:"action"`
			Accept map[string][]string `json:"accept"`
		} `json:"file_handlers"`
		ShareTarget struct {
			Action string `json:"action"`
			Method string `json:"method"`
		} `json:"share_target"`
		LaunchHandler map[string]string `json:"launch_handler"`
	}
	if err := json.Unmarshal([]byte(m.Data), &doc); err != nil {
		t.Fatalf("the manifest is not JSON: %v", err)
	}
	if len(doc.FileHandlers) == 0 || len(doc.FileHandlers[0].Accept["image/jpeg"]) == 0 {
		t.Errorf("the manifest does not open JPEGs: %s", m.Data)
	}
	if doc.ShareTarget.Method != "POST" || doc.ShareTarget.Action != "/share-target" {
		t.Errorf("share_target = %+v, want POST /share-target", doc.ShareTarget)
	}
	if doc.LaunchHandler["client_mode"] == "" {
		t.Errorf("no launch_handler in %s", m.Data)
	}
	// Chromium offers the installation: the page shows its install button.
	s.waitJS(t, "the install button", `!!document.querySelector("#install")`, 20*time.Second)
}

// sharedPhotos shares a photo as a phone's share sheet would.
func (env *e2eEnv) sharedPhotos(t *testing.T) {
	srv, px, s := env.srv, env.px, env.s
	// A phone's share sheet POSTs the photos to the share_target; the
	// service worker takes them (nothing reaches the server) and opens
	// the page, which lists them.
	s.reload(t)
	got := s.eval(t, "share a photo", `(async () => {
  const c = document.createElement("canvas"); c.width = 64; c.height = 48;
  const blob = await new Promise((ok) => c.toBlob(ok, "image/jpeg"));
  const form = new FormData();
  form.append("photos", new File([blob], "from-phone.jpg", {type: "image/jpeg"}));
  const r = await fetch("/share-target", {method: "POST", body: form, redirect: "manual"});
  return r.type + " " + r.status;
})()`)
	if !strings.Contains(got, "opaqueredirect") && !strings.Contains(got, "303") {
		t.Fatalf("the service worker did not take the share: %s", got)
	}
	c, cancel := s.step(30 * time.Second)
	defer cancel()
	if err := chromedp.Do(c, chromedp.Navigate(srv.URL+"/?shared=1")); err != nil {
		t.Fatal(err)
	}
	s.waitReady(t)
	s.waitJS(t, "the shared photo listed", `!!document.querySelector('#file-list [role=row][data-path="from-phone.jpg"][data-status="ready"]')`, 60*time.Second) // its first bytes are read by a worker (heads.js): slow on a loaded machine
	if srvSaw := px.sawPath("/share-target"); srvSaw {
		t.Errorf("the shared photo reached the server")
	}
}

// newVersionNotice publishes a new version (current serves the site) and
// checks the page offers it.
func (env *e2eEnv) newVersionNotice(t *testing.T, current *atomic.Value) {
	site, s := env.site, env.s
	// The page is controlled by the service worker since the first load;
	// publish a new version and let the browser look for it.
	if s.eval(t, "no notice yet", `!document.querySelector("#update")`) != "true" {
		t.Fatalf("the page shows a new-version notice before any new version")
	}
	css := filepath.Join(site, "picmark.css")
	data, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(data, []byte("\n/* a new version */\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	h2, err := newHandler(site)
	if err != nil {
		t.Fatal(err)
	}
	current.Store(h2)
	s.eval(t, "look for an update", `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
	// The new service worker installs every file first: slow on a loaded machine.
	s.waitJS(t, "the new-version notice with its reload button", `!!document.querySelector("#update #reload")`, 90*time.Second)
	s.click(t, "#reload")
	s.waitReady(t)
	s.waitJS(t, "the new version in use, without the notice", `!document.querySelector("#update")`, 20*time.Second)
}
