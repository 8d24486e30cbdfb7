//go:build !wasm

// Save into a folder before a batch: each picture is written into the
// folder as it is made, with the report of the rows so far, and the page
// keeps no copy of it.

package main

import (
	"strings"
	"testing"
	"time"
)

// e2eBatchFolder is the new folder the page made for the batch inside the
// stand-in folder picked (e2eFakeFolderPicker): never the picked one.
const e2eBatchFolder = `(async () => {
  const picked = await (await navigator.storage.getDirectory()).getDirectoryHandle("picked", {create: true});
  for await (const [name, h] of picked.entries()) if (h.kind === "directory" && name.startsWith("picmark ")) return h;
  return null;
})()`

// e2eFolderFiles lists the files in the batch's folder, each with its
// bytes: path -> size.
const e2eFolderFiles = `(async () => {
  const out = {};
  const walk = async (dir, prefix) => {
    for await (const [name, h] of dir.entries()) {
      if (h.kind === "directory") await walk(h, prefix + name + "/");
      else out[prefix + name] = (await h.getFile()).size;
    }
  };
  const folder = await ` + e2eBatchFolder + `;
  if (folder) await walk(folder, "");
  return out;
})()`

// e2eFolderReport is the batch folder's report.csv.
const e2eFolderReport = `(async () => (await (await (await ` + e2eBatchFolder + `).getFileHandle("report.csv")).getFile()).text())()`

func TestE2EFolder(t *testing.T) {
	env := e2eOpen(t, 4*time.Minute, nil)
	s := env.s
	s.setPhase("folder")
	s.load(t, env.srv.URL)
	s.eval(t, "fake the folder picker", e2eFakeFolderPicker)
	s.reload(t) // the page asks for the API when it starts
	s.eval(t, "fake the folder picker", e2eFakeFolderPicker)
	s.dropFixtures(t)
	s.eval(t, "recording worker jobs", e2eRecordJobs)

	// The third photo is held in its worker: mid-batch is a state to look at.
	s.eval(t, "hold the third job", `(window.picmarkDebug.holdAfter(2), true)`)
	n := s.runs(t)
	s.click(t, "#start-folder")
	s.waitJS(t, "the batch's third job held", `window.picmarkDebug.held() !== ""`, 60*time.Second)
	// Mid-batch: what is made is in the folder, with the report so far, and
	// not in the page.
	s.waitJS(t, "the first pictures in the folder, none kept in the page",
		`Promise.resolve(`+e2eFolderFiles+`).then((f) => window.__e2eMade.length > 0 &&
  Object.keys(f).filter((n) => n !== "report.csv").length === window.__e2eMade.length &&
  window.picmarkDebug.outputsKept() === 0 && window.picmarkDebug.outputsOnDisk() === 0)`, 30*time.Second)
	var mid map[string]int64
	s.evalInto(t, "the folder mid-batch", e2eFolderFiles, &mid)
	if mid["report.csv"] == 0 {
		t.Errorf("mid-batch the folder holds %v: no report of the rows so far", mid)
	}
	var report string
	s.evalInto(t, "the report so far", e2eFolderReport, &report)
	rows := e2eReadReport(t, []byte(report))
	if len(rows) == 0 || len(rows) >= len(e2eInputs)*len(e2ePresets) {
		t.Errorf("mid-batch report.csv has %d rows, want those of the photos answered so far", len(rows))
	}

	// The held photo's worker dies; the batch goes on and ends.
	held := s.eval(t, "kill", `(() => { const h = window.picmarkDebug.held(); window.picmarkDebug.killWorkers(); return h; })()`)
	s.wsWaitDone(t, n)
	var end map[string]int64
	s.evalInto(t, "the folder at the end", e2eFolderFiles, &end)
	s.evalInto(t, "the report", e2eFolderReport, &report)
	rows = e2eReadReport(t, []byte(report))
	if len(rows) != len(e2eInputs)*len(e2ePresets) {
		t.Errorf("report.csv in the folder has %d rows, want %d (every input × format)", len(rows), len(e2eInputs)*len(e2ePresets))
	}
	done := 0
	for _, r := range rows {
		switch {
		case `"`+r.input+`"` == held:
			if r.status != "failed" || !strings.Contains(r.message, "stopped") {
				t.Errorf("%s × %s: %s %q; its worker was killed: want failed, saying so", r.input, r.preset, r.status, r.message)
			}
		case r.status == "done":
			done++
			if end[r.output] != r.bytes || r.bytes == 0 {
				t.Errorf("%s in the folder has %d bytes, the report says %d", r.output, end[r.output], r.bytes)
			}
		}
	}
	if done == 0 || len(end) != done+1 {
		t.Errorf("the folder holds %d files for %d pictures done and the report: %v", len(end), done, end)
	}
	var after struct {
		Kept, OnDisk int
		Download     bool
		Status       string
	}
	s.evalInto(t, "the page after", `({Kept: window.picmarkDebug.outputsKept(), OnDisk: window.picmarkDebug.outputsOnDisk(),
  Download: !!document.querySelector("#download"), Status: document.querySelector("#status").textContent})`, &after)
	if after.Kept != 0 || after.OnDisk != 0 || after.Download || !strings.Contains(after.Status, "saved in a new folder, picmark ") {
		t.Errorf("after a batch into a folder the page keeps %d outputs (%d on disk), download link %v, says %q; want none kept, no ZIP, and where they went",
			after.Kept, after.OnDisk, after.Download, after.Status)
	}
	s.checkConsole(t)
}
