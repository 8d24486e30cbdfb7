//go:build !wasm

// Saving the pictures into a folder, and sharing them (phones).

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// saveIntoFolder runs the folder many (e2eManyPhotos' 8 photos) again and
// saves the pictures into a folder.
func (s *e2eSession) saveIntoFolder(t *testing.T, many string) {
	t.Helper()
	// Save into a folder: the browser's folder picker is replaced by a
	// folder in the origin's private file system, which has the same API
	// (beside the folders where the page keeps outputs until the download).
	s.eval(t, "fake the folder picker", e2eFakeFolderPicker)
	s.reload(t) // the page checks for the API when it renders
	s.eval(t, "fake the folder picker", e2eFakeFolderPicker)
	// The folder picked already holds files named as outputs would be (the
	// photos' own folder, or an earlier save): they must stay as they are.
	s.eval(t, "the user's own files in the folder", `(async () => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle("picked", { create: true });
  for (const path of ["report.csv", "snapchat-story/many/photo-3.jpg"]) {
    const parts = path.split("/");
    let d = root;
    for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true });
    const w = await (await d.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
    await w.write("mine");
    await w.close();
  }
  return true;
})()`)
	s.dropFolder(t, many)
	n := s.runs(t)
	s.click(t, "#start")
	s.wsWaitDone(t, n)
	previous := ""
	for round := 1; round <= 2; round++ {
		s.click(t, "#save-folder")
		// Each save says its own new folder's name.
		s.waitJS(t, "the pictures saved", `(() => { const t = document.querySelector("#status").textContent;
  return t.startsWith("Saved 25 files in a new folder, picmark ") && t !== `+strconv.Quote(previous)+`; })()`, 30*time.Second)
		s.evalInto(t, "status", `document.querySelector("#status").textContent`, &previous)
		var saved []string
		s.evalInto(t, "files in the folder", `(async () => {
  const out = [];
  const walk = async (dir, prefix) => {
    for await (const [name, h] of dir.entries()) {
      if (h.kind === "directory") await walk(h, prefix + name + "/");
      else out.push(prefix + name + ":" + (await h.getFile()).size);
    }
  };
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle("picked"), "");
  return out;
})()`, &saved)
		folders := map[string]map[string]bool{}
		for _, f := range saved {
			name, size, _ := strings.Cut(f, ":")
			folder, rest, _ := strings.Cut(name, "/")
			if name == "report.csv" || name == "snapchat-story/many/photo-3.jpg" {
				if size != "4" {
					t.Errorf("the user's %s was overwritten (%s bytes)", name, size)
				}
				continue
			}
			if size == "0" {
				t.Errorf("%s was saved empty", name)
			}
			if folders[folder] == nil {
				folders[folder] = map[string]bool{}
			}
			folders[folder][rest] = true
		}
		made := 0
		for folder, got := range folders {
			if !strings.HasPrefix(folder, "picmark ") {
				continue
			}
			made++
			if !got["report.csv"] || !got["snapchat-story/many/photo-3.jpg"] || len(got) != 8*3+1 {
				t.Errorf("%s holds %d files (%v), want 25 with report.csv", folder, len(got), saved)
			}
		}
		if made != round {
			t.Errorf("after save %d, %d new folders: %v", round, made, saved)
		}
	}
}

// e2eFakeFolderPicker stands in for the browser's folder picker: it
// gives the folder "picked" of the origin's private file system.
const e2eFakeFolderPicker = `window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle("picked", {create: true}), true`

// shareFiles shares the pictures of the last batch through a stand-in
// share sheet.
func (s *e2eSession) shareFiles(t *testing.T) {
	t.Helper()
	// Share (phones): this desktop browser has no share sheet for files,
	// so stand one in that records what it is given.
	if s.eval(t, "share button", `!!document.querySelector("#share")`) != "false" {
		t.Errorf("a share button shows where the browser cannot share files")
	}
	s.eval(t, "stand in a share sheet", `(() => {
  navigator.canShare = () => true;
  navigator.share = async (data) => { window.__shared = data.files.map((f) => f.name + ":" + f.size + ":" + f.type); };
  document.querySelector("#status").click(); return true; })()`)
	s.wsSetValue(t, "#lang", "en", "change") // any change renders the page again
	s.waitJS(t, "the share button", `!!document.querySelector("#share")`, 10*time.Second)
	s.click(t, "#share")
	var shared []string
	s.waitJS(t, "the pictures shared", `Array.isArray(window.__shared)`, 10*time.Second)
	s.evalInto(t, "shared files", `window.__shared`, &shared)
	if len(shared) != 8*3 {
		t.Errorf("shared %d files, want 24: %v", len(shared), shared)
	}
	for _, f := range shared {
		if parts := strings.Split(f, ":"); len(parts) != 3 || parts[1] == "0" || parts[2] != "image/jpeg" || !strings.HasSuffix(parts[0], ".jpg") {
			t.Errorf("shared %q, want a named, non-empty JPEG", f)
		}
	}
}
