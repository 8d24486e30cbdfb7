package app

import (
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
	if rows := s.rowsSoFar(); len(rows) != 2 || rows[0].Input != "b/x.jpg" || rows[1].Input != "notes.txt" {
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
	s.renameKept()
	answer(0)
	if again := s.nameArrived(0); again[0].Name != "sq/x (2).jpg" {
		t.Errorf("after a retry the photo is named %q, want its name back, sq/x (2).jpg", again[0].Name)
	}
}
