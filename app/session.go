package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"sort"

	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// session is the page's batch bookkeeping, free of any browser call so it is
// tested natively: which files came in, which are photos, what each job
// became, and the ZIP's layout at the end. Every input ends as outputs or as
// report rows.
type session struct {
	files []fileEntry

	// The running or finished batch.
	presets []preset.Preset
	jobs    map[int]photoJob // not answered yet
	total   int
	pending int
	rows    []batch.Row
	outputs []outputMeta
	unique  batch.Unique
}

// fileEntry is one received file as the page lists it.
type fileEntry struct {
	pickedFile
	Skip  string      // why it will not be processed; empty for photos
	Focal *crop.Point // set on this photo: overrides the batch's crop for every format
}

// add classifies newly received files by their first bytes.
func (s *session) add(list []pickedFile) {
	for _, f := range list {
		e := fileEntry{pickedFile: f}
		switch {
		case f.Error != "":
			e.Skip = "the browser could not read this file (" + f.Error + "): check it opens on this computer, then add it again"
		case f.Size == 0:
			e.Skip = "the file is empty"
		default:
			if _, err := imgio.Sniff(f.Head); err != nil {
				e.Skip = err.Error()
			}
		}
		s.files = append(s.files, e)
	}
}

// photos counts the files that will be processed.
func (s *session) photos() int {
	n := 0
	for _, f := range s.files {
		if f.Skip == "" {
			n++
		}
	}
	return n
}

// start plans a batch: one job per photo and, at once, the report rows of the
// files that will not be processed.
func (s *session) start(presets []preset.Preset) []photoJob {
	s.presets = presets
	s.jobs = map[int]photoJob{}
	s.rows = nil
	s.outputs = nil
	s.unique = batch.Unique{}

	var photos []fileEntry
	for _, f := range s.files {
		if f.Skip != "" {
			s.rows = append(s.rows, batch.FailedRows(f.Path, presets, f.Skip)...)
			continue
		}
		photos = append(photos, f)
	}
	paths := make([]string, len(photos))
	for i, f := range photos {
		paths[i] = f.Path
	}
	stems := batch.Stems(paths)
	jobs := make([]photoJob, len(photos))
	for i, f := range photos {
		jobs[i] = photoJob{ID: i, File: f.Index, Input: f.Path, Stem: stems[i], Focal: f.Focal}
		s.jobs[i] = jobs[i]
	}
	s.total, s.pending = len(jobs), len(jobs)
	return jobs
}

func (s *session) presetIDs() []string {
	ids := make([]string, len(s.presets))
	for i, p := range s.presets {
		ids[i] = p.ID
	}
	return ids
}

// result records a worker's answer for one job. Output names are made
// unique here, where every job's outputs meet (a naming template without
// {dir} can make two photos' names meet).
func (s *session) result(id int, rowsJSON string, outs []outputMeta, problem string) {
	j, ok := s.jobs[id]
	if !ok {
		return
	}
	delete(s.jobs, id)
	s.pending--
	var rows []batch.Row
	if err := json.Unmarshal([]byte(rowsJSON), &rows); err != nil || len(rows) == 0 {
		if problem == "" {
			problem = "the image worker sent an answer picmark could not read; try this file again"
		}
		s.rows = append(s.rows, batch.FailedRows(j.Input, s.presets, problem)...)
		return
	}
	for _, o := range outs {
		name := s.unique.Name(o.Name)
		for i := range rows {
			if rows[i].Output == o.Name {
				rows[i].Output = name
			}
		}
		o.Name = name
		s.outputs = append(s.outputs, o)
	}
	s.rows = append(s.rows, rows...)
}

// died records a job whose worker stopped; the batch goes on without it.
func (s *session) died(id int, why string) {
	j, ok := s.jobs[id]
	if !ok {
		return
	}
	delete(s.jobs, id)
	s.pending--
	reason := fmt.Sprintf("the image worker stopped while working on this file (%s); the other files went on. "+
		"Try this file again, or export a smaller copy", why)
	s.rows = append(s.rows, batch.FailedRows(j.Input, s.presets, reason)...)
}

// done counts the photos finished, well or not.
func (s *session) done() int { return s.total - s.pending }

// finish sorts the report and lays out the ZIP: each output's header and
// data, report.csv, then the central directory.
func (s *session) finish() (parts []zipPart, failed int) {
	order := map[string]int{}
	for i, p := range s.presets {
		order[p.ID] = i
	}
	sort.SliceStable(s.rows, func(a, b int) bool {
		ra, rb := s.rows[a], s.rows[b]
		if ra.Input != rb.Input {
			return ra.Input < rb.Input
		}
		return order[ra.Preset] < order[rb.Preset]
	})
	sort.Slice(s.outputs, func(a, b int) bool { return s.outputs[a].Name < s.outputs[b].Name })

	var report bytes.Buffer
	if err := batch.WriteCSV(&report, s.rows); err != nil {
		// Writing to memory does not fail; keep the report even so.
		report.WriteString(err.Error())
	}
	var entries []batch.ZipEntry
	for _, o := range s.outputs {
		e := batch.ZipEntry{Name: o.Name, Size: o.Size, CRC32: o.CRC32}
		entries = append(entries, e)
		parts = append(parts, zipPart{Bytes: batch.ZipLocalHeader(e)}, zipPart{Output: o.Key})
	}
	reportEntry := batch.ZipEntry{Name: "report.csv", Size: int64(report.Len()), CRC32: crc32.ChecksumIEEE(report.Bytes())}
	entries = append(entries, reportEntry)
	parts = append(parts, zipPart{Bytes: batch.ZipLocalHeader(reportEntry)}, zipPart{Bytes: report.Bytes()})
	parts = append(parts, zipPart{Bytes: batch.ZipCentralDirectory(entries)})

	for _, r := range s.rows {
		if r.Status != batch.StatusDone {
			failed++
		}
	}
	return parts, failed
}
