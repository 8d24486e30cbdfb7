package app

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/settings"
)

func summaryRows() []batch.Row {
	done := func(in, p string, notes ...msg.Message) batch.Row {
		return batch.Row{Input: in, Preset: p, Output: p + "/" + in, Width: 10, Height: 10, Bytes: 2048, Status: batch.StatusDone, Notes: notes}
	}
	failed := func(in, p string, m msg.Message) batch.Row {
		return batch.Row{Input: in, Preset: p, Status: batch.StatusFailed, Notes: []msg.Message{m}}
	}
	big := func(bytes int64) msg.Message {
		return msg.New(msg.FileTooBig, msg.Bytes("size", bytes), msg.Bytes("maxSize", 50<<20))
	}
	upscaled := func(w, h int) msg.Message { return msg.New(msg.Upscaled, msg.Num("w", w), msg.Num("h", h)) }
	empty := msg.New(msg.EmptyFile)
	return []batch.Row{
		batch.LeftOut(2),
		done("a.jpg", "pin"), done("a.jpg", "story", upscaled(200, 300)),
		done("b.jpg", "pin", upscaled(400, 500), msg.New(msg.FacesCut, msg.Count("n", 1))), done("b.jpg", "story"),
		failed("big.jpg", "pin", big(61<<20)), failed("big.jpg", "story", big(61<<20)),
		failed("huge.jpg", "pin", big(70<<20+1<<19)), failed("huge.jpg", "story", big(70<<20+1<<19)),
		failed("notes.txt", "pin", empty), failed("notes.txt", "story", empty),
	}
}

func TestSummarize(t *testing.T) {
	rows := summaryRows()
	s := summarize(rows, reportFilter{})
	if len(s.Rows) != len(rows) || s.Done != 4 || s.Notes != 2 || s.Failed != 6 || s.LeftOut != 1 || s.Files != 6 {
		t.Errorf("everything: %d rows, done %d, notes %d, failed %d, left out %d, files %d", len(s.Rows), s.Done, s.Notes, s.Failed, s.LeftOut, s.Files)
	}
	// Failures first, the largest first; the numbers of a reason do not split it.
	var got []string
	for _, g := range s.Groups {
		got = append(got, g.Status+" "+strings.Join(g.Files, ",")+" "+strings.Join(strings.Fields(g.Msg.String())[:3], " "))
	}
	want := []string{
		"failed big.jpg,huge.jpg is 61 MB;",
		"failed notes.txt the file is",
		"notes a.jpg,b.jpg upscaled from 200×300",
		"notes b.jpg 1 face could",
		"left out  2 system files",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g := s.Groups[0]; !g.Varies || g.Rows != 4 {
		t.Errorf("the size reason: %+v, want 4 rows whose messages vary", g)
	}
	if g := s.Groups[1]; g.Varies || g.Rows != 2 {
		t.Errorf("the empty file: %+v, want 2 rows of one message", g)
	}

	for _, c := range []struct {
		f    reportFilter
		rows int
	}{
		{reportFilter{Status: batch.StatusDone}, 4},
		{reportFilter{Status: statusNotes}, 2},
		{reportFilter{Status: batch.StatusFailed}, 6},
		{reportFilter{Status: batch.StatusLeftOut}, 1},
		{reportFilter{Format: "story"}, 5},
		{reportFilter{Reason: s.Groups[0].Key}, 4},
		{reportFilter{Reason: s.Groups[3].Key}, 1},
		{reportFilter{Search: "HUGE"}, 2},
		{reportFilter{Search: "jpg", Format: "pin", Status: batch.StatusFailed}, 2},
		{reportFilter{Search: "nothing"}, 0},
	} {
		if got := summarize(rows, c.f); len(got.Rows) != c.rows {
			t.Errorf("%+v: %d rows, want %d", c.f, len(got.Rows), c.rows)
		}
	}
}

// The report renders its summary first, its table on a click, in French
// with the right plurals and spaces.
func TestReportRenders(t *testing.T) {
	rows := summaryRows()
	c := &reportTable{report: reportRows{Rows: rows}, lang: "fr", settings: batchSettings{Choices: choices{settings.Form{Custom: []preset.Preset{{ID: "pin", Name: "Pinterest pin"}}}}}}
	// Without the indentation HTMLString adds.
	flat := func() string { return regexp.MustCompile(`[ \n\t]+`).ReplaceAllString(app.HTMLString(c), " ") }
	html := flat()
	for _, want := range []string{
		`id="report-summary"`, "4 images créées", "dont 2 avec remarques", "6 images n’ont pas pu être créées",
		"2 fichiers\u00a0: </strong> big.jpg, huge.jpg", "pèse …\u00a0Mo\u202f; picmark", "agrandie à partir d’un recadrage de …×… <",
		"Toutes les lignes (11)", "1 fichier\u00a0: </strong> notes.txt", `class="report-group left-out"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the French summary lacks %q", want)
		}
	}
	if strings.Contains(html, `role="table"`) {
		t.Error("the table is shown before it is asked for")
	}
	c.table = true
	html = flat()
	for _, want := range []string{`role="table"`, `aria-rowcount="12"`, `aria-rowindex="2"`, `aria-rowindex="12"`, "Pinterest pin", "2\u00a0Ko"} {
		if !strings.Contains(html, want) {
			t.Errorf("the French table lacks %q", want)
		}
	}
	if len(missing) > 0 {
		t.Errorf("strings the French table lacks: %v", missing)
	}
}

// A batch's end sums up its report (in lots, as the rest of its end), and
// the report's first render shows that sum rather than summing every row
// again; a filter sums its own.
func TestSummaryMadeAtTheEnd(t *testing.T) {
	var s session
	var picked []wire.Picked
	for i := range 30 {
		picked = append(picked, wire.Picked{Index: i, Path: fmt.Sprintf("p%02d.jpg", i), Size: 100, Head: jpegHead})
	}
	s.add(append(picked, wire.Picked{Index: 30, Path: "notes.txt", Size: 5, Head: []byte("hello")}))
	for _, j := range s.start([]preset.Preset{{ID: "sq"}}, time.Now()) {
		if j.ID%4 == 0 {
			s.died(j.ID, wire.StopCrashed)
			continue
		}
		s.result(wire.Result{ID: j.ID, Rows: []batch.Row{{Input: j.Input, Preset: "sq", Output: "sq/" + j.Stem + ".jpg", Bytes: 10, Status: batch.StatusDone}}})
	}
	_, failed := s.finishPausing("en", func() {})
	want := summarize(s.rows, reportFilter{})
	if s.summary == nil || !reflect.DeepEqual(*s.summary, want) || failed != want.Failed || want.Failed != 8+1 {
		t.Fatalf("the batch's end summed up %+v (%d failed), want %+v with 9 failed", s.summary, failed, want)
	}
	kept := *s.summary
	kept.Done = 777 // not the rows' own: shows which sum the page draws
	c := &reportTable{report: reportRows{Rows: s.rows, Sum: &kept}, lang: "en"}
	if html := app.HTMLString(c); !strings.Contains(html, `data-count="777"`) {
		t.Errorf("the report's first render does not show the sum made at the batch's end")
	}
	c.filter.Status = batch.StatusFailed
	if html := app.HTMLString(c); !strings.Contains(html, `data-count="0"`) || !strings.Contains(html, `9 pictures could not be made`) {
		t.Errorf("a filtered report does not sum its own rows")
	}
}
