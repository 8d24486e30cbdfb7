//go:build !wasm

// Intake without its worker: heads.js names and reads the files dropped or
// picked off the page's thread; when it cannot be had, the page does that
// itself (web/js/readheads.js), and no file stays "Reading…".

package main

import (
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestE2EIntakeWithoutHeads serves heads.js missing (a 404), then as a
// script that fails as it starts, and zipwork.js (the ZIP's worker) the
// same way: each time, a folder dropped (with a sub-folder) and files
// picked are listed and told apart whole, and the batch gives a ZIP of
// every photo with a report row for the file that is not one. Without the
// page's fallbacks, the files stay "Reading…" and Start waits for ever, or
// the ZIP never comes.
func TestE2EIntakeWithoutHeads(t *testing.T) {
	var broken atomic.Value // how heads.js is served: "missing" or "throws"
	broken.Store("missing")
	env := e2eServe(t, 5*time.Minute, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/js/heads.js") && !strings.HasSuffix(r.URL.Path, "/js/zipwork.js") {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Cache-Control", "no-store")
			if broken.Load() == "missing" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(`throw new Error("broken on purpose");`))
		})
	})
	s := env.s

	dir := filepath.Join(t.TempDir(), "shoot")
	if err := os.MkdirAll(filepath.Join(dir, "day-2"), 0o755); err != nil {
		t.Fatal(err)
	}
	photos := map[string][]byte{
		"a.jpg":       e2eJPEG(t, e2eBeach(900, 600), 85),
		"day-2/b.jpg": e2eJPEG(t, e2eBeach(600, 900), 85),
		"day-2/c.png": e2ePNG(t, e2eRedSquare()),
	}
	for name, data := range photos {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "day-2", "notes.txt"), []byte("captions to write"), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{"shoot/a.jpg", "shoot/day-2/b.jpg", "shoot/day-2/c.png"}

	// batch runs the files listed and checks its ZIP: each photo made in
	// every format ticked, the text file a failed row of its own.
	batch := func(t *testing.T, inputs []string, other string) {
		s.waitJS(t, "every file read and told apart", `e2eListed() === `+strconv.Itoa(len(inputs)+1), time.Minute)
		s.runBatch(t)
		_, rows := e2eOpenZip(t, s.download(t))
		made := map[string]int{}
		for _, r := range rows {
			switch {
			case r.input == other:
				if r.status != "failed" || r.code == "" {
					t.Errorf("report row of %s: status %q code %q, want failed with its reason", other, r.status, r.code)
				}
			case r.status == "done":
				made[r.input]++
			default:
				t.Errorf("report row %+v, want every photo done", r)
			}
		}
		var got []string
		for in := range made {
			got = append(got, in)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(inputs, " ") {
			t.Errorf("photos made %q, want %q", got, inputs)
		}
	}

	t.Run("missing", func(t *testing.T) {
		s.setPhase("heads missing")
		s.load(t, env.srv.URL)
		s.drag(t, dir)
		batch(t, inputs, "shoot/day-2/notes.txt")
		for _, p := range []string{"/web/js/heads.js", "/web/js/zipwork.js"} {
			if !env.px.sawPath(p) {
				t.Errorf("the page never asked for %s: the test tried nothing", p)
			}
		}
	})
	t.Run("throws", func(t *testing.T) {
		broken.Store("throws")
		s.setPhase("heads throws")
		s.load(t, env.srv.URL)
		s.drag(t, dir)
		batch(t, inputs, "shoot/day-2/notes.txt")
		// Files picked go the other way in: the page holds them and only
		// their first bytes are read.
		s.click(t, "#clear")
		s.waitJS(t, "the list cleared", "e2eListed() === 0", 10*time.Second)
		s.upload(t, "#files-input", []string{filepath.Join(dir, "a.jpg"), filepath.Join(dir, "day-2", "c.png"), filepath.Join(dir, "day-2", "notes.txt")})
		batch(t, []string{"a.jpg", "c.png"}, "notes.txt")
	})
	s.checkNetwork(t)
	s.checkConsole(t)
}

// TestE2EIntakeHoldsNoFiles drops a folder (a photo on its own too) and
// checks the page holds no File for it: the workers open each photo when
// they need it (previews, the batch), and the page opens one for the focal
// point editor. A photo deleted after the drop is a failed row saying the
// browser could not read it, and the others are made. Held Files cost the
// browser process ~13 KB each for as long as the page keeps them. The ZIP
// is put together in lots, each by a worker ended after (zipwork.js), and
// reads back whole.
func TestE2EIntakeHoldsNoFiles(t *testing.T) {
	env := e2eServe(t, 3*time.Minute, nil)
	s := env.s
	root := t.TempDir()
	dir := filepath.Join(root, "shoot")
	if err := os.MkdirAll(filepath.Join(dir, "day-2"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"shoot/a.jpg":       e2eJPEG(t, e2eBeach(900, 600), 85),
		"shoot/day-2/b.jpg": e2eJPEG(t, e2eBeach(600, 900), 85),
		"shoot/day-2/c.png": e2ePNG(t, e2eRedSquare()),
		"loose.jpg":         e2eJPEG(t, e2eBeach(800, 800), 85),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(root, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.load(t, env.srv.URL)
	s.drag(t, dir)
	s.waitJS(t, "the folder read and told apart", `e2eListed() === 3`, time.Minute)
	s.drag(t, filepath.Join(root, "loose.jpg"))
	s.waitJS(t, "the photo dropped on its own read", `e2eListed() === 4`, time.Minute)
	if held := s.eval(t, "Files held", "picmarkDebug.filesHeld()"); held != "0" {
		t.Errorf("the page holds %s Files of what was dropped, want none", held)
	}
	s.waitJS(t, "intake's worker ended", "!picmarkDebug.headsAlive()", 10*time.Second)

	// The focal point editor shows the photo, opened for it.
	s.click(t, `#file-list [role=row][data-path="shoot/day-2/b.jpg"] button.set-focal`)
	s.waitJS(t, "the focal point editor showing shoot/day-2/b.jpg", `(() => { const i = document.querySelector("#focal-image");
  return i && i.complete && i.naturalWidth === 600 && i.naturalHeight === 900; })()`, 20*time.Second)
	s.click(t, "#focal-close")

	if err := os.Remove(filepath.Join(dir, "day-2", "c.png")); err != nil {
		t.Fatal(err)
	}
	// The ZIP is put together 5 parts a worker (2,000 in the page), so a
	// small batch shows its lots joined whole.
	s.eval(t, "small ZIP lots", "picmarkDebug.zipLot(5)")
	s.runBatch(t)
	entries, rows := e2eOpenZip(t, s.download(t))
	for name, f := range entries {
		e2eRead(t, f) // archive/zip checks each entry's CRC-32 at its end
		if f.UncompressedSize64 == 0 {
			t.Errorf("ZIP entry %s is empty", name)
		}
	}
	if n := s.eval(t, "ZIP workers", `window.__e2e.workerScripts.filter((u) => u.endsWith("/zipwork.js")).length`); n == "0" || n == "1" {
		t.Errorf("the ZIP of %d entries was put together by %s workers, want one each 5 parts", len(entries), n)
	}
	made := map[string]int{}
	for _, r := range rows {
		switch {
		case r.input == "shoot/day-2/c.png":
			if r.status != "failed" || r.code != "browser-read" {
				t.Errorf("report row of the photo deleted after the drop: status %q code %q, want failed, browser-read", r.status, r.code)
			}
		case r.status == "done":
			made[r.input]++
		default:
			t.Errorf("report row %+v, want every photo done", r)
		}
	}
	for _, in := range []string{"shoot/a.jpg", "shoot/day-2/b.jpg", "loose.jpg"} {
		if made[in] == 0 {
			t.Errorf("no picture made of %s; made: %v", in, made)
		}
	}
	if held := s.eval(t, "Files held", "picmarkDebug.filesHeld()"); held != "0" {
		t.Errorf("after the batch the page holds %s Files of what was dropped, want none", held)
	}
	s.checkNetwork(t)
	s.checkConsole(t)
}
