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
// script that fails as it starts: each time, a folder dropped (with a
// sub-folder) and files picked are listed and told apart whole, and the
// batch gives a ZIP of every photo with a report row for the file that is
// not one. Without the page's fallback, the files stay "Reading…" and
// Start waits for ever.
func TestE2EIntakeWithoutHeads(t *testing.T) {
	var broken atomic.Value // how heads.js is served: "missing" or "throws"
	broken.Store("missing")
	env := e2eServe(t, 5*time.Minute, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/js/heads.js") {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Cache-Control", "no-store")
			if broken.Load() == "missing" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(`throw new Error("heads.js broken on purpose");`))
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
		if !env.px.sawPath("/web/js/heads.js") {
			t.Errorf("the page never asked for heads.js: the test tried nothing")
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
