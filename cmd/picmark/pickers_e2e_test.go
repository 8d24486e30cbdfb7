//go:build !wasm

// The folder and file pickers, and the page installable as an app.

package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pickersAndInstall lists the fixture folder through the folder picker and
// loose files through the file picker, and checks Chromium would install
// the page with picmark's own manifest.
func (env *e2eEnv) pickersAndInstall(t *testing.T) {
	srv, s, fx := env.srv, env.s, env.fx
	s.setPhase("pickers")
	s.load(t, srv.URL)
	s.checkInstallable(t)
	// The folder picker lists the same files as a drop.
	s.upload(t, "#folder-input", []string{fx.folder})
	s.waitJS(t, "the picked folder listed and read: 6 files",
		`e2eListed() >= 6`, 20*time.Second)
	s.checkFileList(t)
	s.click(t, "#clear")
	s.waitJS(t, "the list cleared", `document.querySelectorAll("#file-list [role=row]").length === 0`, 10*time.Second)
	// The file picker lists loose files by name, still sorting photos from the rest.
	s.upload(t, "#files-input", []string{filepath.Join(fx.folder, "beach.jpg"), filepath.Join(fx.folder, "notes.txt")})
	s.waitJS(t, "the picked files listed and read: 2 files",
		`e2eListed() >= 2`, 20*time.Second)
	var items []e2eListItem
	s.evalInto(t, "file list", `Array.from(document.querySelectorAll("#file-list [role=row]")).map((li) => ({
  path: li.dataset.path || "", status: li.dataset.status || "", text: li.textContent.trim()}))`, &items)
	want := []e2eListItem{{Path: "beach.jpg", Status: "ready"}, {Path: "notes.txt", Status: "skipped"}}
	if len(items) != len(want) {
		t.Fatalf("picked files listed as %+v, want %+v", items, want)
	}
	for i := range want {
		if items[i].Path != want[i].Path || items[i].Status != want[i].Status {
			t.Errorf("picked file %d listed as %s (%s), want %s (%s)", i, items[i].Path, items[i].Status, want[i].Path, want[i].Status)
		}
	}
}

// checkInstallable asks Chromium whether the page can be installed as an
// app, and checks our own manifest is the one it read.
func (s *e2eSession) checkInstallable(t *testing.T) {
	t.Helper()
	ctx, cancel := s.step(20 * time.Second)
	defer cancel()
	m, err := chromedp.Call(ctx, page.GetAppManifest, page.GetAppManifestParams{})
	if err != nil {
		t.Fatalf("Page.getAppManifest: %v", err)
	}
	for _, e := range m.Errors {
		t.Errorf("manifest error: %s (line %d)", e.Message, e.Line)
	}
	if !strings.Contains(m.Data, `"launch_handler"`) {
		t.Errorf("the manifest Chromium read (%s) is not picmark's own: no launch_handler in %s", m.URL, m.Data)
	}
	res, err := chromedp.Call(ctx, page.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatalf("Page.getInstallabilityErrors: %v", err)
	}
	for _, e := range res.InstallabilityErrors {
		t.Errorf("not installable: %s", e.ErrorID)
	}
}
