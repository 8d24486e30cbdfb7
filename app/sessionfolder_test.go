package app

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/preset"
)

// A batch written into a folder names each output as it arrives, unique
// among all written; finish keeps those names; the report so far has the
// rows answered; a failed write becomes a failed row; a retry may take a
// name back.
func TestSessionFolder(t *testing.T) {
	var s session
	s.add([]wire.Picked{
		{Index: 0, Path: "a/x.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "b/x.jpg", Size: 100, Head: jpegHead},
		{Index: 2, Path: "notes.txt", Size: 5, Head: []byte("hello")},
	})
	presets := []preset.Preset{{ID: "sq"}}
	jobs := s.start(presets, time.Now())
	s.keepReportSoFar()
	answer := func(id int) {
		in := jobs[id].Input
		s.result(wire.Result{ID: id, Rows: []batch.Row{{Input: in, Preset: "sq", Output: "sq/x.jpg", Bytes: 10, Status: batch.StatusDone}},
			Files: []wire.Output{{Key: jobs[id].Stem, Name: "sq/x.jpg", Size: 10}}})
	}
	answer(1)
	first := s.nameArrived(1)
	if len(first) != 1 || first[0].Name != "sq/x.jpg" {
		t.Fatalf("first arrival: %+v", first)
	}
	if rows := soFar(t, &s); len(rows) != 2 || rows[0].Input != "b/x.jpg" || rows[1].Input != "notes.txt" {
		t.Errorf("rows so far: %+v, want b/x.jpg's and notes.txt's", rows)
	}
	answer(0)
	second := s.nameArrived(0)
	if second[0].Name != "sq/x (2).jpg" || s.results[0].rows[0].Output != "sq/x (2).jpg" {
		t.Errorf("second arrival named %q (row: %q), want sq/x (2).jpg in both", second[0].Name, s.results[0].rows[0].Output)
	}
	s.unwritten(map[string]string{"sq/x (2).jpg": "disk full"})
	s.finish("en")
	var names []string
	for _, o := range s.outputs {
		names = append(names, o.Name)
	}
	if strings.Join(names, ",") != "sq/x (2).jpg,sq/x.jpg" {
		t.Errorf("finish renamed the outputs written: %v", names)
	}
	failed := s.results[0].rows[0]
	if failed.Status != batch.StatusFailed || !strings.Contains(failed.Say("en"), "disk full") || !s.results[0].retry {
		t.Errorf("an output not written: %+v (retry %v), want a failed row saying why, to retry", failed, s.results[0].retry)
	}
	retried, _ := s.retry(time.Now())
	if len(retried) != 1 || retried[0].ID != 0 {
		t.Fatalf("retry: %+v", retried)
	}
	if rows := soFar(t, &s); len(rows) != 2 || rows[0].Input != "b/x.jpg" {
		t.Errorf("rows so far in the retry: %+v, want b/x.jpg's and notes.txt's", rows)
	}
	s.renameKept()
	answer(0)
	if again := s.nameArrived(0); again[0].Name != "sq/x (2).jpg" {
		t.Errorf("after a retry the photo is named %q, want its name back, sq/x (2).jpg", again[0].Name)
	}
	if rows := soFar(t, &s); len(rows) != 3 || rows[0].Output != "sq/x (2).jpg" || rows[0].Status != batch.StatusDone {
		t.Errorf("rows so far after the retry: %+v, want a/x.jpg's done, named sq/x (2).jpg", rows)
	}
}

// The report so far, as a batch into a folder writes it while it runs,
// has a row for every answer and every file skipped — a worker that
// stopped, a retry — as the report at the end would, in English and
// French.
func TestSessionReportSoFar(t *testing.T) {
	var s session
	var picked []wire.Picked
	for i := range 30 {
		picked = append(picked, wire.Picked{Index: i, Path: fmt.Sprintf("d%d/p%02d.jpg", i%4, i), Size: 100, Head: jpegHead})
	}
	picked = append(picked, wire.Picked{Index: 30, Path: "notes.txt", Size: 5, Head: []byte("hello")})
	s.add(picked)
	presets := []preset.Preset{{ID: "sq"}, {ID: "pin"}}
	jobs := s.start(presets, time.Now())
	s.keepReportSoFar()
	for i, j := range jobs {
		switch {
		case i%5 == 0:
			s.died(j.ID, wire.StopCrashed)
		default:
			s.result(wire.Result{ID: j.ID, Rows: []batch.Row{
				{Input: j.Input, Preset: "pin", Output: "pin/" + j.Stem + ".jpg", Bytes: 10, Status: batch.StatusDone},
				{Input: j.Input, Preset: "sq", Output: "sq/" + j.Stem + ".jpg", Bytes: 10, Status: batch.StatusDone}},
				Files: []wire.Output{{Key: j.Stem, Name: "sq/" + j.Stem + ".jpg", Size: 10}}})
			s.nameArrived(j.ID)
		}
		if i%7 == 0 {
			s.reportSoFar("en")
		}
	}
	for _, lang := range []string{"fr", "en"} {
		got := s.reportSoFar(lang)
		s.finish(lang)
		want := s.reports(lang)
		if len(got) != len(want) {
			t.Fatalf("%s: %d report files so far, %d at the end", lang, len(got), len(want))
		}
		for i := range want {
			if !bytes.Equal(got[i].Data, want[i].Data) {
				t.Errorf("%s: %s so far:\n%s\nat the end:\n%s", lang, want[i].Name, got[i].Data, want[i].Data)
			}
		}
	}
}

// soFar reads back the report so far.
func soFar(t *testing.T, s *session) []batch.Line {
	t.Helper()
	lines, err := batch.ReadCSV(bytes.NewReader(s.reportSoFar("en")[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	return lines
}
