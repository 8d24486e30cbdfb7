package app

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/msg"
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
	s.add([]wire.Picked{
		{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
		{Index: 2, Path: "shoot/renamed.txt", Size: 100, Head: pngHead}, // a PNG by its bytes
		{Index: 3, Path: "shoot/empty.jpg", Size: 0},
		{Index: 4, Path: "shoot/locked.jpg", Size: 10, Error: "NotReadableError"},
	})
	want := map[string]bool{"shoot/a.jpg": true, "shoot/renamed.txt": true}
	for _, f := range s.files {
		if got := f.Skip.IsZero(); got != want[f.Path] {
			t.Errorf("%s: processed=%v, want %v (skip reason %q)", f.Path, got, want[f.Path], f.Skip)
		}
		if !f.Skip.IsZero() && len(f.Skip.String()) < 10 {
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
	s.add([]wire.Picked{
		{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "shoot/a.png", Size: 100, Head: pngHead},
		{Index: 2, Path: "shoot/b.jpg", Size: 100, Head: jpegHead},
		{Index: 3, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
	})
	jobs := s.start(ps, time.Now())
	if len(jobs) != 3 || s.total != 3 || s.done() != 0 {
		t.Fatalf("jobs=%d total=%d done=%d, want 3, 3, 0", len(jobs), s.total, s.done())
	}
	if jobs[0].Stem == jobs[1].Stem {
		t.Fatalf("a.jpg and a.png share the stem %q", jobs[0].Stem)
	}

	// Job 0 succeeds, job 1 fails in the worker, job 2's worker dies.
	var rows []batch.Row
	var outs []wire.Output
	data := map[string][]byte{}
	for _, p := range ps {
		name := batch.OutputName(p.ID, jobs[0].Stem)
		body := []byte("jpeg bytes of " + name)
		data[name] = body
		rows = append(rows, batch.Row{Input: jobs[0].Input, Preset: p.ID, Output: name, Width: p.Width, Height: p.Height,
			Bytes: int64(len(body)), Status: batch.StatusDone})
		outs = append(outs, wire.Output{Key: "0/" + p.ID, Name: name, Size: int64(len(body)), CRC32: crc32.ChecksumIEEE(body)})
		data["0/"+p.ID] = body
	}
	s.result(wire.Result{ID: jobs[0].ID, Rows: rows, Files: outs})
	s.result(wire.Result{ID: jobs[1].ID, Rows: batch.FailedRows(jobs[1].Input, ps, msg.New(msg.Damaged, msg.Text("format", "JPEG")))})
	s.died(jobs[2].ID, wire.StopCrashed)
	s.died(jobs[2].ID, wire.StopCrashed) // a second report of the same job changes nothing
	if s.done() != 3 {
		t.Fatalf("done() = %d, want 3", s.done())
	}

	parts, nFailed := s.finish("en")
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
	var report []batch.Line
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

// okResult is a worker's answer for job j: every preset done, one output each.
func okResult(t *testing.T, s *session, j wire.Job) wire.Result {
	t.Helper()
	var rows []batch.Row
	var outs []wire.Output
	for i, p := range s.presets {
		name := batch.OutputName(p.ID, j.Stem)
		rows = append(rows, batch.Row{Input: j.Input, Preset: p.ID, Output: name, Width: p.Width, Height: p.Height, Bytes: 10, Status: batch.StatusDone})
		outs = append(outs, wire.Output{Key: fmt.Sprintf("%d/%d", j.ID, i), Name: name, Size: 10})
	}
	return wire.Result{ID: j.ID, Rows: rows, Files: outs}
}

// Cancel keeps what is finished and reports the rest; Retry makes only the
// failed photos again and keeps the others' outputs.
func TestSessionCancelAndRetry(t *testing.T) {
	ps := presets(t, "pinterest-pin")
	var s session
	s.add([]wire.Picked{
		{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "b.jpg", Size: 100, Head: jpegHead},
		{Index: 2, Path: "c.jpg", Size: 100, Head: jpegHead},
		{Index: 3, Path: "notes.txt", Size: 5, Head: []byte("hello")},
	})
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	jobs := s.start(ps, t0)
	s.started(jobs[0].ID)
	s.started(jobs[1].ID)
	if got := s.current(); len(got) != 2 || got[0] != "a.jpg" || got[1] != "b.jpg" {
		t.Errorf("current() = %q, want a.jpg and b.jpg", got)
	}
	s.result(okResult(t, &s, jobs[0]))
	if left := s.left(t0.Add(10 * time.Second)); left != 20*time.Second {
		t.Errorf("left after 1 of 3 in 10 s = %v, want 20 s", left)
	}
	// The user cancels: b was in a worker, c was waiting.
	s.died(jobs[1].ID, wire.StopCancelled)
	s.died(jobs[2].ID, wire.StopCancelled)
	if s.done() != 3 || len(s.current()) != 0 {
		t.Fatalf("after cancel: done %d, current %q", s.done(), s.current())
	}
	_, failed := s.finish("en")
	if failed != 3 { // b, c and notes.txt
		t.Errorf("failed rows = %d, want 3", failed)
	}
	for _, r := range s.rows {
		if (r.Input == "b.jpg" || r.Input == "c.jpg") && r.Notes[0].Code != msg.Cancelled {
			t.Errorf("%s: %q does not say it was cancelled", r.Input, r.Say(msg.English))
		}
	}
	if len(s.outputs) != 1 {
		t.Fatalf("outputs after cancel = %d, want a.jpg's 1", len(s.outputs))
	}

	// Retry: b and c only (notes.txt would fail the same way).
	retried, forget := s.retry(t0.Add(time.Minute))
	if len(retried) != 2 || retried[0].Input != "b.jpg" || retried[1].Input != "c.jpg" || len(forget) != 0 {
		t.Fatalf("retry = %+v, forget %q; want b.jpg and c.jpg, nothing to forget", retried, forget)
	}
	if s.total != 2 || s.done() != 0 {
		t.Errorf("retry run: total %d, done %d; want 2, 0", s.total, s.done())
	}
	for _, j := range retried {
		s.result(okResult(t, &s, j))
	}
	_, failed = s.finish("en")
	if failed != 1 || len(s.outputs) != 3 {
		t.Errorf("after retry: %d failed rows (want notes.txt's 1), %d outputs (want 3)", failed, len(s.outputs))
	}
	if len(s.failedJobs()) != 0 {
		t.Errorf("failedJobs() = %+v after a good retry", s.failedJobs())
	}
}

// Retry makes again the photos whose worker stopped, not those that would
// fail the same way (a damaged file, a cap that cannot be met).
func TestSessionRetryOnlyWhatMayWork(t *testing.T) {
	ps := presets(t, "pinterest-pin", "snapchat-story")
	var s session
	s.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}, {Index: 1, Path: "b.jpg", Size: 100, Head: jpegHead}})
	jobs := s.start(ps, time.Now())
	rows := []batch.Row{
		{Input: "a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/a.jpg", Status: batch.StatusDone},
		{Input: "a.jpg", Preset: "snapchat-story", Status: batch.StatusFailed, Notes: []msg.Message{msg.New(msg.OverCapJPEG, msg.Bytes("size", 9<<20), msg.Bytes("maxSize", 5<<20))}},
	}
	s.result(wire.Result{ID: jobs[0].ID, Rows: rows, Files: []wire.Output{{Key: "0/0", Name: "pinterest-pin/a.jpg"}}})
	s.died(jobs[1].ID, wire.StopCrashed)
	s.finish("en")
	retried, forget := s.retry(time.Now())
	if len(retried) != 1 || retried[0].Input != "b.jpg" || len(forget) != 0 {
		t.Fatalf("retry = %+v, forget %q; want b.jpg only, nothing to forget", retried, forget)
	}
	s.result(okResult(t, &s, jobs[1]))
	s.finish("en")
	if len(s.outputs) != 3 {
		t.Errorf("outputs after retry = %+v, want a.jpg's 1 and b.jpg's 2", s.outputs)
	}
}

// A retried photo's old outputs are forgotten, not kept twice.
func TestSessionRetryReplacesPartialOutputs(t *testing.T) {
	ps := presets(t, "pinterest-pin", "snapchat-story")
	var s session
	s.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
	jobs := s.start(ps, time.Now())
	s.results[jobs[0].ID] = jobResult{retry: true,
		rows:    []batch.Row{{Input: "a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/a.jpg", Status: batch.StatusDone}},
		outputs: []wire.Output{{Key: "0/0", Name: "pinterest-pin/a.jpg"}}}
	delete(s.pending, jobs[0].ID)
	s.finish("en")
	retried, forget := s.retry(time.Now())
	if len(retried) != 1 || len(forget) != 1 || forget[0] != "0/0" {
		t.Fatalf("retry = %d jobs, forget %q; want 1 job, forget 0/0", len(retried), forget)
	}
	s.result(okResult(t, &s, jobs[0]))
	s.finish("en")
	if len(s.outputs) != 2 || s.outputs[0].Name != "pinterest-pin/a.jpg" || s.outputs[1].Name != "snapchat-story/a.jpg" {
		t.Errorf("outputs after retry = %+v, want one per preset with their own names", s.outputs)
	}
}

// Two photos whose names meet (a template without {dir}) get distinct
// names in the ZIP and in the report.
func TestSessionUniqueNames(t *testing.T) {
	ps := presets(t, "pinterest-pin")
	var s session
	s.add([]wire.Picked{
		{Index: 0, Path: "x/a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "y/a.jpg", Size: 100, Head: jpegHead},
	})
	jobs := s.start(ps, time.Now())
	for _, j := range jobs {
		row := []batch.Row{{Input: j.Input, Preset: "pinterest-pin", Output: "pinterest-pin/a.jpg", Status: batch.StatusDone}}
		s.result(wire.Result{ID: j.ID, Rows: row, Files: []wire.Output{{Key: fmt.Sprintf("%d/0", j.ID), Name: "pinterest-pin/a.jpg"}}})
	}
	s.finish("en")
	if len(s.outputs) != 2 || s.outputs[0].Name == s.outputs[1].Name {
		t.Fatalf("outputs = %+v, want two distinct names", s.outputs)
	}
	names := map[string]bool{}
	for _, r := range s.rows {
		names[r.Output] = true
	}
	for _, o := range s.outputs {
		if !names[o.Name] {
			t.Errorf("the report does not name %s", o.Name)
		}
	}
}

// A French-speaking user's ZIP holds report.csv (the scripts' format, its
// messages in French, their codes beside them) and rapport.csv (French
// Excel's: semicolons, a BOM, French headers); an English-speaking user's
// holds report.csv only.
func TestReportInFrench(t *testing.T) {
	ps := presets(t, "pinterest-pin")
	var s session
	s.add([]wire.Picked{{Index: 0, Path: "notes.txt", Size: 5, Head: []byte("hello")}})
	s.start(ps, time.Now())
	s.finish("fr")
	files := s.reports("fr")
	if len(files) != 2 || files[0].Name != "report.csv" || files[1].Name != "rapport.csv" {
		t.Fatalf("French reports: %d files", len(files))
	}
	rows, err := batch.ReadCSV(bytes.NewReader(files[0].Data))
	if err != nil || len(rows) != 1 {
		t.Fatalf("report: %v, %d rows", err, len(rows))
	}
	if !strings.Contains(rows[0].Message, "n’est pas une image") || rows[0].Code != "not-image" || rows[0].Status != batch.StatusFailed {
		t.Errorf("the French report.csv says %+v", rows[0])
	}
	rapport, err := batch.ReadCSV(bytes.NewReader(files[1].Data))
	if err != nil || len(rapport) != 1 || rapport[0].Message != rows[0].Message || rapport[0].Status != "échec" || rapport[0].Preset != "Épingle Pinterest" {
		t.Errorf("rapport.csv: %+v, %v", rapport, err)
	}
	en := s.reports("en")
	if len(en) != 1 {
		t.Fatalf("English reports: %d files", len(en))
	}
	if rows, _ := batch.ReadCSV(bytes.NewReader(en[0].Data)); !strings.Contains(rows[0].Message, "is not an image") || rows[0].Code != "not-image" {
		t.Errorf("the English report says %+v", rows[0])
	}
	parts, _ := s.finish("fr")
	var names []string
	for _, p := range parts {
		if p.Bytes != nil && bytes.HasPrefix(p.Bytes, []byte("PK\x03\x04")) {
			names = append(names, string(p.Bytes[30:30+int(p.Bytes[26])|int(p.Bytes[27])<<8]))
		}
	}
	if !slices.Equal(names, []string{"report.csv", "rapport.csv"}) {
		t.Errorf("the French ZIP holds %q", names)
	}
}

// TestSessionListsThenReads: files named before they are read are listed
// at once as being checked, neither photos nor skipped; their first bytes
// arrive later, in any order, and tell them apart where they are. System
// files are left out once; a file read twice or never listed changes
// nothing it should not; each change gives the files a new Gen.
func TestSessionListsThenReads(t *testing.T) {
	ps := presets(t, "pinterest-pin")
	var s session
	s.list(10, []string{"shoot/a.jpg", "shoot/.DS_Store", "shoot/notes.txt", "", "shoot/b.jpg"})
	if len(s.files) != 3 || s.unread != 3 || s.leftOut != 1 || s.photos() != 0 || len(s.photoList()) != 0 {
		t.Fatalf("listed: %d files, %d unread, %d left out, %d photos; want 3, 3, 1, 0", len(s.files), s.unread, s.leftOut, s.photos())
	}
	for _, f := range s.files {
		if !f.Checking || !f.Skip.IsZero() || f.photo() {
			t.Errorf("%s listed: checking %v, skip %q, photo %v", f.Path, f.Checking, f.Skip, f.photo())
		}
	}
	gen := s.view().Gen
	s.add([]wire.Picked{
		{Index: 14, Size: 100, Head: jpegHead},
		{Index: 11, Size: 9, Head: []byte("\x00\x00\x00\x01Bud1")}, // the .DS_Store: left out already
		{Index: 12, Size: 5, Head: []byte("hello")},
	})
	if s.view().Gen == gen {
		t.Errorf("the files changed and their view's Gen did not: the page would not show it")
	}
	if s.unread != 1 || s.leftOut != 1 || s.photos() != 1 || photoPaths(s.photoList())[0] != "shoot/b.jpg" {
		t.Errorf("after two reads: %d unread, %d left out, photos %q", s.unread, s.leftOut, photoPaths(s.photoList()))
	}
	if f := s.files[1]; f.Path != "shoot/notes.txt" || f.Checking || f.Skip.IsZero() {
		t.Errorf("notes.txt read: %+v, want skipped as not an image", f)
	}
	s.add([]wire.Picked{{Index: 12, Size: 100, Head: jpegHead}}) // read again: told apart already
	if s.files[1].Skip.IsZero() || s.unread != 1 {
		t.Errorf("a second read changed notes.txt: %+v, %d unread", s.files[1], s.unread)
	}
	s.add([]wire.Picked{{Index: 10, Size: 100, Head: jpegHead}, {Index: 15, Path: "c.jpg", Size: 100, Head: jpegHead}})
	if s.unread != 0 || s.photos() != 3 || len(s.files) != 4 || s.files[3].Path != "c.jpg" {
		t.Fatalf("all read: %d unread, %d photos, files %+v", s.unread, s.photos(), s.files)
	}
	// Every file ends in the batch: the photos as jobs, notes.txt in the
	// report, the system file as the one line saying what was left out.
	jobs := s.start(ps, time.Now())
	if len(jobs) != 3 || len(s.skipped) != 2 || s.skipped[0].Input != "shoot/notes.txt" || s.skipped[0].Status != batch.StatusFailed ||
		s.skipped[1].Status != batch.StatusLeftOut {
		t.Errorf("jobs %d, skipped rows %+v; want 3 jobs, notes.txt failed and one line left out", len(jobs), s.skipped)
	}
}

// TestSessionPausing: a batch of thousands of photos is planned and
// finished in lots, the page's thread given back between them, with the
// same jobs, report and ZIP as in one go.
func TestSessionPausing(t *testing.T) {
	ps := presets(t, "instagram-square")
	const n = 2500 // lots of batch.PauseEvery: more than two
	list := make([]wire.Picked, n)
	for i := range list {
		list[i] = wire.Picked{Index: i, Path: fmt.Sprintf("shop-%d/IMG_%05d.jpg", i%7, i), Size: 100, Head: jpegHead}
	}
	list[3] = wire.Picked{Index: 3, Path: "shop-3/notes.txt", Size: 5, Head: []byte("hello")}
	run := func(pause func()) ([]wire.Job, []zipPart) {
		var s session
		s.add(list)
		jobs := s.startPausing(ps, time.Now(), storyRun{}, pause)
		for _, j := range jobs {
			name := batch.OutputName(ps[0].ID, j.Stem)
			s.result(wire.Result{ID: j.ID, Rows: []batch.Row{{Input: j.Input, Preset: ps[0].ID, Output: name, Width: 1080, Height: 1080, Bytes: 9, Status: batch.StatusDone}},
				Files: []wire.Output{{Key: fmt.Sprint(j.ID, "/0"), Name: name, Size: 9}}})
		}
		parts, _ := s.finishPausing("fr", pause)
		return jobs, parts
	}
	pauses := 0
	jobs, parts := run(func() { pauses++ })
	oneGo, oneGoParts := run(func() {})
	if want := 3 * (n / batch.PauseEvery); pauses < want {
		t.Errorf("%d pauses for %d photos, want at least %d (planning, results, report)", pauses, n, want)
	}
	if len(jobs) != n-1 || !slices.EqualFunc(jobs, oneGo, func(a, b wire.Job) bool { return a.Stem == b.Stem && a.Input == b.Input && a.ID == b.ID }) {
		t.Errorf("the jobs planned with pauses differ from those in one go (%d and %d)", len(jobs), len(oneGo))
	}
	if !slices.EqualFunc(parts, oneGoParts, func(a, b zipPart) bool { return bytes.Equal(a.Bytes, b.Bytes) && a.Output == b.Output }) {
		t.Errorf("the ZIP laid out with pauses differs from the one in one go")
	}
}

// TestZipLayout: the layout written by hand is the JSON the glue parses,
// the same as encoding/json writes, and Go's bytes follow one another.
func TestZipLayout(t *testing.T) {
	parts := []zipPart{{Bytes: []byte("head")}, {Output: "0/0"}, {Bytes: []byte("report")}, {Output: "12/3"}, {Bytes: []byte("dir")}}
	data, layout := zipLayout(parts, func() {})
	want, err := json.Marshal([]any{[2]int{0, 4}, "0/0", [2]int{4, 10}, "12/3", [2]int{10, 13}})
	if err != nil {
		t.Fatal(err)
	}
	if layout != string(want) || string(data) != "headreportdir" {
		t.Errorf("zipLayout = %s, %q; want %s, %q", layout, data, want, "headreportdir")
	}
}
