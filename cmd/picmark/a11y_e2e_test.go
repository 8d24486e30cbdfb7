//go:build !wasm

// Accessibility: axe-core on the page as a marketer sees it, at phone and
// laptop widths, and nothing wider than the screen.

package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "write the README's screenshots to docs/")

// accessibility runs a batch, opens the focal point editor, and checks the
// page with axe (its script) at 375 and 1440 px.
func (env *e2eEnv) accessibility(t *testing.T, axe []byte) {
	root, s, fx := env.root, env.s, env.fx
	// With files listed, a report shown and a focal point editor open: the
	// page as a marketer sees it.
	s.reload(t)
	s.dropFolder(t, fx.folder)
	s.setLogo(t, fx.logo)
	n := s.runs(t)
	s.click(t, "#start")
	s.wsWaitDone(t, n)
	s.dragFocal(t)

	for _, width := range []int{375, 1440} {
		s.viewport(t, width)
		s.eval(t, "load axe-core", string(axe)+";true")
		var violations []struct {
			ID     string `json:"id"`
			Impact string `json:"impact"`
			Help   string `json:"help"`
			Nodes  int    `json:"nodes"`
			Target string `json:"target"`
		}
		s.evalInto(t, "axe", `axe.run(document, {resultTypes: ["violations"]}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})))`, &violations)
		for _, v := range violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("at %d px: %s (%s): %s — %d elements: %s", width, v.ID, v.Impact, v.Help, v.Nodes, v.Target)
			} else {
				t.Logf("at %d px: %s (%s): %s", width, v.ID, v.Impact, v.Help)
			}
		}
		// Usable: nothing wider than the screen.
		var overflow int
		s.evalInto(t, "page width", `document.documentElement.scrollWidth - document.documentElement.clientWidth`, &overflow)
		if overflow > 0 {
			var wide []string
			s.evalInto(t, "wide elements", `Array.from(document.querySelectorAll("body *")).filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map((e) => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`, &wide)
			t.Errorf("at %d px the page is %d px wider than the screen: %s", width, overflow, strings.Join(wide, "; "))
		}
		if *updateScreenshots {
			s.wsScreenshot(t, filepath.Join(root, "docs", "screenshot-"+strconv.Itoa(width)+".jpg"))
		}
	}
}

// e2eAxe is axe-core's script, which make test installs from npm.
func e2eAxe(t *testing.T, root string) []byte {
	t.Helper()
	axe, err := os.ReadFile(filepath.Join(root, ".cache", "npm", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is missing (%v): run make test, which installs it from npm", err)
	}
	return axe
}

// wsScreenshot writes a JPEG of the whole page.
func (s *e2eSession) wsScreenshot(t *testing.T, path string) {
	t.Helper()
	c, cancel := s.step(30 * time.Second)
	defer cancel()
	shot, err := chromedp.Run(c, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
