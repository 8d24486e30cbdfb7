package app

import (
	"hash/crc32"
	"picmark/internal/batch"
	"picmark/internal/posts"
	"picmark/internal/preset"
	"sort"
	"strconv"
)

// sessionend.go: a batch's end in the session — every result gathered,
// the output names made unique, the report sorted and said, and the ZIP
// laid out; in lots, the page's thread given back between them.

// finish gathers every result, makes the output names unique (a naming
// template without {dir} can make two photos' names meet), sorts the
// report and lays out the ZIP: each output's header and data, the report
// files (report.csv, and rapport.csv for a French-speaking user), then the
// central directory.
func (s *session) finish(lang string) (parts []zipPart, failed int) {
	return s.finishPausing(lang, func() {})
}

// finishPausing is finish calling pause between lots of its work: the page
// gives its thread back to the browser there (10,000 photos took ~0.5 s
// in one task).
func (s *session) finishPausing(lang string, pause func()) (parts []zipPart, failed int) {
	s.finished = true
	ids := make([]int, 0, len(s.results))
	for id := range s.results {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	s.rows = append([]batch.Row{}, s.skipped...)
	s.outputs, s.posts, s.made = nil, nil, madeReports{}
	var unique batch.Unique
	var made []posts.Post
	byID := map[string]preset.Preset{}
	for _, p := range s.presets {
		byID[p.ID] = p
	}
	for n, id := range ids {
		if n > 0 && n%batch.PauseEvery == 0 {
			pause()
		}
		r := s.results[id]
		rows := append([]batch.Row{}, r.rows...)
		for _, o := range r.outputs {
			name := unique.Name(o.Name)
			for i := range rows {
				if rows[i].Output == o.Name {
					rows[i].Output = name
				}
			}
			o.Name = name
			s.outputs = append(s.outputs, o)
		}
		if s.story != nil {
			for i := range rows {
				if rows[i].Status != batch.StatusDone {
					continue
				}
				post := s.story.Post(id, rows[i].Output, byID[rows[i].Preset])
				if s.story.Posts {
					made = append(made, post)
				}
				rows[i].Notes = append(rows[i].Notes, s.story.Notes(id, post)...)
			}
		}
		s.rows = append(s.rows, rows...)
	}

	pause()
	batch.SortRows(s.rows, s.presets)
	pause()
	sort.Slice(s.outputs, func(a, b int) bool { return s.outputs[a].Name < s.outputs[b].Name })
	s.posts = s.story.Reports(made)
	pause()

	entries := make([]batch.ZipEntry, 0, len(s.outputs)+3)
	parts = make([]zipPart, 0, 2*len(s.outputs)+7)
	for n, o := range s.outputs {
		if n > 0 && n%batch.PauseEvery == 0 {
			pause()
		}
		e := batch.ZipEntry{Name: o.Name, Size: o.Size, CRC32: o.CRC32}
		entries = append(entries, e)
		parts = append(parts, zipPart{Bytes: batch.ZipLocalHeader(e)}, zipPart{Output: o.Key})
	}
	pause()
	for _, f := range s.reportsPausing(lang, pause) {
		e := batch.ZipEntry{Name: f.Name, Size: int64(len(f.Data)), CRC32: crc32.ChecksumIEEE(f.Data)}
		entries = append(entries, e)
		parts = append(parts, zipPart{Bytes: batch.ZipLocalHeader(e)}, zipPart{Bytes: f.Data})
	}
	parts = append(parts, zipPart{Bytes: batch.ZipCentralDirectory(entries)})

	pause()
	sum := summarizePausing(s.rows, reportFilter{}, pause)
	s.summary = &sum
	return parts, sum.Failed
}

// reports are the report files, their messages in the page's language:
// report.csv, rapport.csv for a French-speaking user, and posts.csv when
// the kit has post templates. Those finish made are kept, for a batch
// saved into a folder afterwards or as it went.
func (s *session) reports(lang string) []batch.ReportFile { return s.reportsPausing(lang, func() {}) }

func (s *session) reportsPausing(lang string, pause func()) []batch.ReportFile {
	if s.made.files == nil || s.made.lang != lang {
		s.made = madeReports{lang, append(batch.ReportsPausing(s.rows, lang, s.presets, pause), s.posts...)}
	}
	return s.made.files
}

// madeReports are the report files of a finished batch, in one language.
type madeReports struct {
	lang  string
	files []batch.ReportFile
}

// zipLayout is buildZip's payload: Go's bytes of the ZIP in one piece and
// the layout, a JSON list with a [start, end] range of those bytes or an
// output's key (the glue's, ASCII) per part. Written by hand, pausing
// every batch.PauseEvery parts: encoding/json took ~0.3 s of one task for
// 3,000 photos.
func zipLayout(parts []zipPart, pause func()) (data []byte, layout string) {
	doc := make([]byte, 0, 16*len(parts)+2)
	doc = append(doc, '[')
	for i, p := range parts {
		if i > 0 {
			if i%batch.PauseEvery == 0 {
				pause()
			}
			doc = append(doc, ',')
		}
		if p.Bytes != nil {
			doc = append(doc, '[')
			doc = strconv.AppendInt(doc, int64(len(data)), 10)
			doc = append(doc, ',')
			data = append(data, p.Bytes...)
			doc = strconv.AppendInt(doc, int64(len(data)), 10)
			doc = append(doc, ']')
		} else {
			doc = strconv.AppendQuote(doc, p.Output)
		}
	}
	return data, string(append(doc, ']'))
}
