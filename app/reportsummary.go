package app

import (
	"cmp"
	"slices"
	"strings"

	"picmark/internal/batch"
	"picmark/internal/msg"
)

// reportsummary.go: what the report sums up, free of any browser call so it
// is tested natively. A batch of thousands of files has tens of thousands of
// rows: the report opens on their sum — pictures done, with notes, failed —
// and on the reasons, each with its count and its files; a filter narrows
// both to a status, a format, a reason or file names.

// statusNotes is the filter's status for done rows that carry notes.
const statusNotes = "notes"

// reportFilter narrows the report; "" lets everything through.
type reportFilter struct {
	Status string // batch.StatusDone, statusNotes, batch.StatusFailed or batch.StatusLeftOut
	Format string // a preset id
	Reason string // a reasonKey
	Search string // part of a file's path, any case
}

// reportGroup is one reason: the rows that share it and their files.
type reportGroup struct {
	Key    string
	Status string      // batch.StatusFailed, statusNotes or batch.StatusLeftOut
	Msg    msg.Message // the first row's message
	Varies bool        // its rows' messages differ (in their numbers)
	Rows   int
	Files  []string // the distinct inputs, in the report's order

	lastFile string // the last file listed, to list each once
}

// reportSum is the report under a filter.
type reportSum struct {
	Rows                         []int // the indexes of the rows that pass, in order
	Done, Notes, Failed, LeftOut int   // rows that pass, by status (Notes: done with notes)
	Files                        int   // distinct inputs among them
	Groups                       []reportGroup
}

// reasonKey is what a reason's rows share: their status and the message's
// code, whatever its arguments ("is 61 MB; picmark accepts files up to
// 50 MB" and "is 70 MB; …" are one reason).
func reasonKey(status string, m msg.Message) string { return status + "|" + string(m.Code) }

// rowStatus is a row's status for the summary: done rows with notes apart.
func rowStatus(r batch.Row) string {
	if r.Status == batch.StatusDone && len(r.Notes) > 0 {
		return statusNotes
	}
	return r.Status
}

// summarize filters rows and sums up those that pass.
func summarize(rows []batch.Row, f reportFilter) reportSum {
	return summarizePausing(rows, f, func() {})
}

// summarizePausing is summarize calling pause every batch.PauseEvery rows:
// a batch's end sums up every row (session.finishPausing) in lots.
func summarizePausing(rows []batch.Row, f reportFilter, pause func()) reportSum {
	var s reportSum
	search := strings.ToLower(f.Search)
	groups := map[string]int{}  // key -> index in s.Groups
	lastInput := "\x00"         // the last row let through's input: a file's rows are together (the report is sorted by file)
	lastKey, lastGroup := "", 0 // the reason of the last note, and its group
	for i, r := range rows {
		if i > 0 && i%batch.PauseEvery == 0 {
			pause()
		}
		st := rowStatus(r)
		switch {
		case f.Status == batch.StatusDone && r.Status != batch.StatusDone,
			f.Status != "" && f.Status != batch.StatusDone && st != f.Status,
			f.Format != "" && r.Preset != f.Format,
			search != "" && !strings.Contains(strings.ToLower(r.Input), search):
			continue
		}
		parts := r.Notes
		var keys []string // none for most rows: 10,000 of them are summed at once
		if len(parts) > 0 {
			keys = make([]string, len(parts))
			for j, m := range parts {
				keys[j] = reasonKey(st, m)
			}
		}
		if f.Reason != "" && !slices.Contains(keys, f.Reason) {
			continue
		}
		s.Rows = append(s.Rows, i)
		if r.Input != lastInput {
			lastInput = r.Input
			s.Files++
		}
		switch st {
		case batch.StatusDone:
			s.Done++
		case statusNotes:
			s.Done++
			s.Notes++
		case batch.StatusFailed:
			s.Failed++
		case batch.StatusLeftOut:
			s.LeftOut++
		}
		for j, k := range keys {
			gi, ok := lastGroup, k == lastKey // rows one after another often share a reason
			if !ok {
				gi, ok = groups[k]
			}
			if !ok {
				gi = len(s.Groups)
				groups[k] = gi
				s.Groups = append(s.Groups, reportGroup{Key: k, Status: st, Msg: parts[j]})
			}
			lastKey, lastGroup = k, gi
			g := &s.Groups[gi]
			g.Rows++
			g.Varies = g.Varies || !slices.Equal(parts[j].Args, g.Msg.Args) && parts[j].String() != g.Msg.String()
			// A file's rows are together (the report is sorted by file).
			if r.Input != "" && g.lastFile != r.Input {
				g.Files = append(g.Files, r.Input)
			}
			g.lastFile = r.Input
		}
	}
	// Failures first, then notes, the largest first within each.
	order := map[string]int{batch.StatusFailed: 0, statusNotes: 1, batch.StatusLeftOut: 2}
	slices.SortStableFunc(s.Groups, func(a, b reportGroup) int {
		if c := cmp.Compare(order[a.Status], order[b.Status]); c != 0 {
			return c
		}
		return cmp.Compare(b.Rows, a.Rows)
	})
	return s
}
