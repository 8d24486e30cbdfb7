package batch

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"picmark/internal/formula"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

// CSVHeader is report.csv's first line: English column names whatever the
// user's language, so scripts can rely on them. code holds the notes'
// codes (msg.Code, joined by spaces), message the same notes in words.
var CSVHeader = []string{"input", "preset", "output", "width", "height", "bytes", "status", "code", "message"}

// RapportHeader is rapport.csv's first line: CSVHeader's columns in French.
var RapportHeader = []string{"fichier", "format", "image créée", "largeur", "hauteur", "octets", "état", "code", "message"}

// The report files' names.
const (
	ReportName  = "report.csv"
	RapportName = "rapport.csv"
)

// ReportFile is a report file, to write beside the outputs.
type ReportFile struct {
	Name string
	Data []byte
}

// Reports are the report files for a user speaking lang: report.csv
// always, and for a French-speaking user rapport.csv too, which French
// Excel opens right (semicolons, a UTF-8 BOM, French column names,
// statuses, format names and messages). presets name the formats.
func Reports(rows []Row, lang string, presets []preset.Preset) []ReportFile {
	return ReportsPausing(rows, lang, presets, func() {})
}

// PauseEvery rows or paths are handled between two calls of the pause of
// the …Pausing functions.
const PauseEvery = 1000

// ReportsPausing is Reports calling pause every PauseEvery rows: the page
// gives its thread back to the browser there (30,000 rows are about a
// second of its thread).
func ReportsPausing(rows []Row, lang string, presets []preset.Preset, pause func()) []ReportFile {
	var b bytes.Buffer
	writeCSV(&b, rows, lang, pause) // writing to memory does not fail
	files := []ReportFile{{ReportName, b.Bytes()}}
	if lang == msg.French {
		var r bytes.Buffer
		writeRapport(&r, rows, presets, pause)
		files = append(files, ReportFile{RapportName, r.Bytes()})
	}
	return files
}

// WriteCSV writes report.csv: the scripts' format whatever the language
// (comma, UTF-8, CSVHeader), its messages said in lang.
func WriteCSV(w io.Writer, rows []Row, lang string) error { return writeCSV(w, rows, lang, func() {}) }

func writeCSV(w io.Writer, rows []Row, lang string, pause func()) error {
	return writeReport(w, ',', CSVHeader, rows, csvCells, lang, pause)
}

// WriteRapport writes rapport.csv: French, with semicolons and a UTF-8
// BOM, formats by their French names (presets; an id not among them as
// it is).
func WriteRapport(w io.Writer, rows []Row, presets []preset.Preset) error {
	return writeRapport(w, rows, presets, func() {})
}

func writeRapport(w io.Writer, rows []Row, presets []preset.Preset, pause func()) error {
	if _, err := io.WriteString(w, rapportBOM); err != nil {
		return err
	}
	return writeReport(w, ';', RapportHeader, rows, rapportCells(presets), msg.French, pause)
}

// rapportBOM starts rapport.csv, so French Excel reads it as UTF-8.
const rapportBOM = "\uFEFF"

// csvCells are a report.csv row's format and status cells.
func csvCells(r Row) (string, string) { return r.Preset, r.Status }

// rapportCells are a rapport.csv row's: formats by their French names
// (an id not among presets as it is), statuses in French.
func rapportCells(presets []preset.Preset) func(Row) (string, string) {
	title := map[string]string{}
	for _, p := range presets {
		title[p.ID] = p.Title(msg.French)
	}
	return func(r Row) (string, string) {
		name := r.Preset
		if t, ok := title[name]; ok {
			name = t
		}
		return name, StatusWord(r.Status, msg.French)
	}
}

// StatusWord is a row's status in lang.
func StatusWord(status, lang string) string {
	switch status {
	case StatusDone:
		return msg.New(msg.StatusDone).Say(lang)
	case StatusFailed:
		return msg.New(msg.StatusFailed).Say(lang)
	case StatusLeftOut:
		return msg.New(msg.StatusLeftOut).Say(lang)
	}
	return status
}

// writeReport writes the rows under head, separated by comma; cells gives
// a row's format and status cells. Text cells that a spreadsheet would run
// as a formula (a file named "=HYPERLINK(…).jpg") get a leading apostrophe
// (package formula says which); ReadCSV removes it.
func writeReport(w io.Writer, comma rune, head []string, rows []Row, cells func(Row) (string, string), lang string, pause func()) error {
	cw := csv.NewWriter(w)
	cw.Comma = comma
	if err := cw.Write(head); err != nil {
		return err
	}
	for i, r := range rows {
		if i > 0 && i%PauseEvery == 0 {
			pause()
		}
		if err := cw.Write(record(r, cells, lang)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// record is a row's cells in a report.
func record(r Row, cells func(Row) (string, string), lang string) []string {
	format, status := cells(r)
	return []string{formula.Escape(r.Input), formula.Escape(format), formula.Escape(r.Output), num(r.Width), num(r.Height),
		num(r.Bytes), formula.Escape(status), msg.Codes(r.Notes), formula.Escape(r.Say(lang))}
}

// num leaves the size cells of failed rows empty rather than "0".
func num[T int | int64](v T) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(int64(v), 10)
}

// Line is a report line as read back from report.csv or rapport.csv.
type Line struct {
	Input, Preset, Output string // Preset: an id in report.csv, a name in rapport.csv
	Width, Height         int
	Bytes                 int64
	Status                string // as written: "failed", or "échec" in rapport.csv
	Code                  string // the notes' codes, joined by spaces
	Message               string // the notes in words
}

// ReadCSV reads a report written by WriteCSV or WriteRapport (told apart
// by rapport.csv's BOM).
func ReadCSV(r io.Reader) ([]Line, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	head := CSVHeader
	cr := csv.NewReader(bytes.NewReader(data))
	if rest, ok := bytes.CutPrefix(data, []byte("\uFEFF")); ok {
		head = RapportHeader
		cr = csv.NewReader(bytes.NewReader(rest))
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = len(head)
	got, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if strings.Join(got, ",") != strings.Join(head, ",") {
		return nil, fmt.Errorf("report: header is %q, want %q", strings.Join(got, ","), strings.Join(head, ","))
	}
	var lines []Line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return lines, nil
		}
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		l := Line{Input: formula.Unescape(rec[0]), Preset: formula.Unescape(rec[1]), Output: formula.Unescape(rec[2]),
			Status: formula.Unescape(rec[6]), Code: rec[7], Message: formula.Unescape(rec[8])}
		var w, h, b int64
		for i, dst := range []*int64{&w, &h, &b} {
			if s := rec[3+i]; s != "" {
				if *dst, err = strconv.ParseInt(s, 10, 64); err != nil {
					return nil, fmt.Errorf("report: %s %q: %w", head[3+i], s, err)
				}
			}
		}
		l.Width, l.Height, l.Bytes = int(w), int(h), b
		lines = append(lines, l)
	}
}
