package batch

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strings"

	"picmark/internal/msg"
	"picmark/internal/preset"
)

// SoFar is the report of a batch still running, written again and again
// (a batch saved into a folder writes it every few seconds). Each row is
// said once, when Files first meets it, and kept as its report lines: the
// report written again costs its bytes and a merge, not saying and sorting
// every row again (10,000 photos' rows took ~100 ms of the page's thread
// each time). Files gives what Reports gives for the same rows in the
// report's order (SortRows), rows put under different keys ordered by key
// where they share an input.
type SoFar struct {
	presets []preset.Preset
	lang    string           // the language the kept lines are said in
	keys    map[int][]*piece // what each Put left, to replace it
	said    []*piece         // in the report's order
	fresh   []*piece         // put since the last Files, not said yet
}

// piece is one input's rows of one Put, and their lines once said.
type piece struct {
	input        string
	key          int
	rows         []Row
	gone         bool // replaced by a later Put
	csv, rapport []byte
}

// NewSoFar starts an empty report of a batch making presets.
func NewSoFar(presets []preset.Preset) *SoFar {
	return &SoFar{presets: presets, keys: map[int][]*piece{}}
}

// Put sets the rows of key (a photo's job, say), in place of those put
// under it before; none removes them.
func (r *SoFar) Put(key int, rows []Row) {
	for _, p := range r.keys[key] {
		p.gone = true
	}
	delete(r.keys, key)
	if len(rows) == 0 {
		return
	}
	rows = slices.Clone(rows)
	SortRows(rows, r.presets)
	var made []*piece
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end].Input == rows[start].Input {
			end++
		}
		made = append(made, &piece{input: rows[start].Input, key: key, rows: rows[start:end]})
		start = end
	}
	r.keys[key] = made
	r.fresh = append(r.fresh, made...)
}

// Files are the report files of the rows so far for a user speaking lang,
// as Reports writes them.
func (r *SoFar) Files(lang string) []ReportFile {
	if lang != r.lang { // said again, in the new language
		r.fresh, r.said, r.lang = append(r.fresh, r.said...), nil, lang
	}
	french := lang == msg.French
	frenchCells := rapportCells(r.presets)
	fresh := r.fresh[:0]
	for _, p := range r.fresh {
		if p.gone {
			continue
		}
		p.csv = reportLines(',', p.rows, csvCells, lang)
		p.rapport = nil
		if french {
			p.rapport = reportLines(';', p.rows, frenchCells, msg.French)
		}
		fresh = append(fresh, p)
	}
	r.fresh = nil
	order := func(a, b *piece) int { return cmp.Or(cmp.Compare(a.input, b.input), cmp.Compare(a.key, b.key)) }
	slices.SortFunc(fresh, order)
	merged := make([]*piece, 0, len(r.said)+len(fresh))
	i := 0
	for _, p := range r.said {
		if p.gone {
			continue
		}
		for ; i < len(fresh) && order(fresh[i], p) < 0; i++ {
			merged = append(merged, fresh[i])
		}
		merged = append(merged, p)
	}
	r.said = append(merged, fresh[i:]...)

	files := []ReportFile{{ReportName, r.join(lines(',', [][]string{CSVHeader}), func(p *piece) []byte { return p.csv })}}
	if french {
		head := append([]byte(rapportBOM), lines(';', [][]string{RapportHeader})...)
		files = append(files, ReportFile{RapportName, r.join(head, func(p *piece) []byte { return p.rapport })})
	}
	return files
}

// join is head and every piece's lines, in the report's order.
func (r *SoFar) join(head []byte, of func(*piece) []byte) []byte {
	n := len(head)
	for _, p := range r.said {
		n += len(of(p))
	}
	out := append(make([]byte, 0, n), head...)
	for _, p := range r.said {
		out = append(out, of(p)...)
	}
	return out
}

// reportLines are rows' lines in a report (writeReport's).
func reportLines(comma rune, rows []Row, cells func(Row) (string, string), lang string) []byte {
	records := make([][]string, len(rows))
	for i, row := range rows {
		records[i] = record(row, cells, lang)
	}
	return lines(comma, records)
}

// lines are records as CSV.
func lines(comma rune, records [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = comma
	w.WriteAll(records) // writing to memory does not fail
	return b.Bytes()
}

// SortRows puts rows in the report's order: by input, then by format in
// presets' order.
func SortRows(rows []Row, presets []preset.Preset) {
	order := map[string]int{}
	for i, p := range presets {
		order[p.ID] = i
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(strings.Compare(a.Input, b.Input), cmp.Compare(order[a.Preset], order[b.Preset]))
	})
}
