package app

import (
	"slices"
	"sort"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/msg"
)

// sessionfolder.go: a batch written into a folder as it goes. Each photo's
// outputs are named when they arrive, unique among all the batch has
// written (finish keeps these names), and the report is written again with
// the rows so far; a write that fails is a failed row.

// nameArrived names job id's outputs for the folder and returns them.
func (s *session) nameArrived(id int) []wire.Output {
	r, ok := s.results[id]
	if !ok {
		return nil
	}
	outs, rows := slices.Clone(r.outputs), slices.Clone(r.rows)
	for i, o := range outs {
		name := s.arrived.Name(o.Name)
		for j := range rows {
			if rows[j].Output == o.Name {
				rows[j].Output = name
			}
		}
		outs[i].Name = name
	}
	r.outputs, r.rows = outs, rows
	s.keep(id, r)
	return outs
}

// keepReportSoFar starts the report of what is answered so far, for a
// batch just planned (start): the files skipped, then each answer as it
// comes.
func (s *session) keepReportSoFar() {
	s.soFar = batch.NewSoFar(s.presets)
	s.soFar.Put(-1, s.skipped)
}

// reportSoFar is the report of what is answered so far: each answer's rows
// are said once, not every row at each writing (batch.SoFar).
func (s *session) reportSoFar(lang string) []batch.ReportFile { return s.soFar.Files(lang) }

// unwritten turns the rows of outputs that could not be written into the
// folder into failures, with why: names maps an output's name to the
// browser's words.
func (s *session) unwritten(names map[string]string) {
	if len(names) == 0 {
		return // the usual case: no copy of 10,000 photos' rows
	}
	for id, r := range s.results {
		rows, changed := slices.Clone(r.rows), false
		for i, row := range rows {
			if why, ok := names[row.Output]; ok && row.Status == batch.StatusDone {
				rows[i] = batch.Row{Input: row.Input, Preset: row.Preset, Status: batch.StatusFailed,
					Notes: []msg.Message{msg.New(msg.FolderWriteFailed, msg.Text("reason", why))}}
				changed = true
			}
		}
		if changed {
			r.rows, r.retry = rows, true
			s.keep(id, r)
		}
	}
}

// renameKept starts the names given anew from the outputs kept, before a
// retry: a photo made again may take back its name.
func (s *session) renameKept() {
	s.arrived = batch.Unique{}
	ids := make([]int, 0, len(s.results))
	for id := range s.results {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		for _, o := range s.results[id].outputs {
			s.arrived.Name(o.Name)
		}
	}
}
