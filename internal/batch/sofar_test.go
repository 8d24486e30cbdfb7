package batch

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"picmark/internal/msg"
	"picmark/internal/preset"
)

// The report so far, written again as answers come, replaced, removed and
// said in another language, is byte for byte what Reports writes for the
// same rows in the report's order.
func TestSoFar(t *testing.T) {
	var presets []preset.Preset
	for _, id := range []string{"pinterest-pin", "tumblr-post", "instagram-square"} {
		p, ok := preset.Lookup(id)
		if !ok {
			t.Fatalf("no preset %s", id)
		}
		presets = append(presets, p)
	}
	// A photo's rows, its formats in another order than the presets'.
	photo := func(n int, failed bool) []Row {
		in := fmt.Sprintf("shoot/%c/p%03d.jpg", 'a'+n%3, n)
		var rows []Row
		for _, i := range []int{2, 0, 1} {
			r := Row{Input: in, Preset: presets[i].ID, Output: fmt.Sprintf("%s/p%03d.jpg", presets[i].ID, n), Width: 1000, Height: 1500,
				Bytes: int64(1000 + n), Status: StatusDone}
			if failed {
				r = Row{Input: in, Preset: presets[i].ID, Status: StatusFailed, Notes: []msg.Message{msg.New(msg.Cancelled)}}
			}
			rows = append(rows, r)
		}
		return rows
	}
	skipped := []Row{
		{Input: "shoot/notes.txt", Preset: "pinterest-pin", Status: StatusFailed, Notes: []msg.Message{msg.New(msg.NotImage)}},
		{Input: "shoot/notes.txt", Preset: "tumblr-post", Status: StatusFailed, Notes: []msg.Message{msg.New(msg.NotImage)}},
		{Input: "=cmd.csv", Status: StatusLeftOut, Notes: []msg.Message{msg.New(msg.SystemFiles, msg.Count("n", 2))}},
		LeftOut(3),
	}

	r := NewSoFar(presets)
	now := map[int][]Row{-1: skipped}
	r.Put(-1, skipped)
	check := func(lang, when string) {
		t.Helper()
		var rows []Row
		for _, k := range slices.Sorted(maps.Keys(now)) {
			rows = append(rows, now[k]...)
		}
		SortRows(rows, presets)
		want := Reports(rows, lang, presets)
		got := r.Files(lang)
		if len(got) != len(want) {
			t.Fatalf("%s (%s): %d files, want %d", when, lang, len(got), len(want))
		}
		for i := range want {
			if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) {
				t.Fatalf("%s (%s): %s is\n%s\nwant\n%s", when, lang, got[i].Name, got[i].Data, want[i].Data)
			}
		}
	}
	check(msg.English, "nothing answered yet")
	rnd := rand.New(rand.NewPCG(1, 2))
	order := rnd.Perm(60)
	for i, n := range order {
		rows := photo(n, n%7 == 0)
		r.Put(n, rows)
		now[n] = rows
		if i%9 == 0 {
			check(msg.English, fmt.Sprintf("after %d answers", i+1))
		}
	}
	check(msg.French, "said again in French")
	// A retry: failed photos removed, then answered again.
	for n := 0; n < 60; n += 7 {
		r.Put(n, nil)
		delete(now, n)
	}
	check(msg.French, "the failed photos taken out for a retry")
	for n := 0; n < 60; n += 7 {
		rows := photo(n, false)
		r.Put(n, rows)
		now[n] = rows
	}
	r.Put(1, photo(1, true)) // replaced
	now[1] = photo(1, true)
	check(msg.French, "answered again")
	check(msg.English, "back in English")
}
