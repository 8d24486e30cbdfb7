package app

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/preset"
)

var (
	jpegHead = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0}
	pngHead  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
)

func presets(t *testing.T, ids ...string) []preset.Preset {
	t.Helper()
	ps, err := preset.Parse(strings.Join(ids, ","))
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestSessionClassifiesByContent(t *testing.T) {
	var s session
	s.add([]pickedFile{
		{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
		{Index: 2, Path: "shoot/renamed.txt", Size: 100, Head: pngHead}, // a PNG by its bytes
		{Index: 3, Path: "shoot/empty.jpg", Size: 0},
		{Index: 4, Path: "shoot/locked.jpg", Size: 10, Error: "NotReadableError"},
	})
	want := map[string]bool{"shoot/a.jpg": true, "shoot/renamed.txt": true}
	for _, f := range s.files {
		if got := f.Skip == ""; got != want[f.Path] {
			t.Errorf("%s: processed=%v, want %v (skip reason %q)", f.Path, got, want[f.Path], f.Skip)
		}
		if f.Skip != "" && len(f.Skip) < 10 {
			t.Errorf("%s: reason %q is not a sentence", f.Path, f.Skip)
		}
	}
	if s.photos() != 2 {
		t.Errorf("photos() = %d, want 2", s.photos())
	}
}

// Every input ends as outputs or as report rows, whatever happened to it.
func TestSessionAccountsForEveryInput(t *testing.T) {
	ps := presets(t, "pinterest-pin", "snapchat-story")
	var s session
	s.add([]pickedFile{
		{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "shoot/a.png", Size: 100, Head: pngHead},
		{Index: 2, Path: "shoot/b.jpg", Size: 100, Head: jpegHead},
		{Index: 3, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
	})
	jobs := s.start(ps)
	if len(jobs) != 3 || s.total != 3 || s.done() != 0 {
		t.Fatalf("jobs=%d total=%d done=%d, want 3, 3, 0", len(jobs), s.total, s.done())
	}
	if jobs[0].Stem == jobs[1].Stem {
		t.Fatalf("a.jpg and a.png share the stem %q", jobs[0].Stem)
	}

	// Job 0 succeeds, job 1 fails in the worker, job 2's worker dies.
	var rows []batch.Row
	var outs []outputMeta
	data := map[string][]byte{}
	for _, p := range ps {
		name := batch.OutputName(p.ID, jobs[0].Stem)
		body := []byte("jpeg bytes of " + name)
		data[name] = body
		rows = append(rows, batch.Row{Input: jobs[0].Input, Preset: p.ID, Output: name, Width: p.Width, Height: p.Height,
			Bytes: int64(len(body)), Status: batch.StatusDone})
		outs = append(outs, outputMeta{Key: "0/" + p.ID, Name: name, Size: int64(len(body)), CRC32: crc32.ChecksumIEEE(body)})
		data["0/"+p.ID] = body
	}
	js, _ := json.Marshal(rows)
	s.result(jobs[0].ID, string(js), outs, "")
	failed, _ := json.Marshal(batch.FailedRows(jobs[1].Input, ps, "is damaged"))
	s.result(jobs[1].ID, string(failed), nil, "")
	s.died(jobs[2].ID, "stopped")
	s.died(jobs[2].ID, "stopped") // a second report of the same job changes nothing
	if s.done() != 3 {
		t.Fatalf("done() = %d, want 3", s.done())
	}

	parts, nFailed := s.finish()
	if nFailed != 3*len(ps) {
		t.Errorf("failed rows = %d, want %d", nFailed, 3*len(ps))
	}
	// Assemble the ZIP as the glue does, and read it back.
	var z bytes.Buffer
	for _, p := range parts {
		if p.Bytes != nil {
			z.Write(p.Bytes)
		} else {
			z.Write(data[p.Output])
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(z.Bytes()), int64(z.Len()))
	if err != nil {
		t.Fatalf("the ZIP does not open: %v", err)
	}
	var report []batch.Row
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.Name == "report.csv" {
			if report, err = batch.ReadCSV(bytes.NewReader(got)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(got, data[f.Name]) || len(got) == 0 {
			t.Errorf("%s: bytes differ", f.Name)
		}
	}
	if len(zr.File) != len(ps)+1 {
		t.Errorf("ZIP has %d entries, want %d", len(zr.File), len(ps)+1)
	}
	if len(report) != 4*len(ps) {
		t.Fatalf("report has %d rows, want one per input × preset = %d", len(report), 4*len(ps))
	}
	seen := map[string]int{}
	for _, r := range report {
		seen[r.Input]++
		if r.Status == batch.StatusFailed && r.Message == "" {
			t.Errorf("%s × %s failed without a reason", r.Input, r.Preset)
		}
	}
	for _, in := range []string{"shoot/a.jpg", "shoot/a.png", "shoot/b.jpg", "shoot/notes.txt"} {
		if seen[in] != len(ps) {
			t.Errorf("%s has %d report rows, want %d", in, seen[in], len(ps))
		}
	}
	for _, r := range report {
		if r.Input == "shoot/b.jpg" && !strings.Contains(r.Message, "worker stopped") {
			t.Errorf("the dead worker's file says %q", r.Message)
		}
	}
}
