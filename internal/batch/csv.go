package batch

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"picmark/internal/formula"
)

// CSVHeader is the report's first line.
var CSVHeader = []string{"input", "preset", "output", "width", "height", "bytes", "status", "message"}

// WriteCSV writes the report with CSVHeader. Text cells that a spreadsheet
// would run as a formula (a file named "=HYPERLINK(…).jpg") get a leading
// apostrophe (package formula says which); ReadCSV removes it.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{formula.Escape(r.Input), formula.Escape(r.Preset), formula.Escape(r.Output), num(r.Width), num(r.Height),
			num(r.Bytes), formula.Escape(r.Status), formula.Escape(r.Message)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// num leaves the size cells of failed rows empty rather than "0".
func num[T int | int64](v T) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(int64(v), 10)
}

// ReadCSV reads a report written by WriteCSV.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(CSVHeader)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if strings.Join(head, ",") != strings.Join(CSVHeader, ",") {
		return nil, fmt.Errorf("report: header is %q, want %q", strings.Join(head, ","), strings.Join(CSVHeader, ","))
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		row := Row{Input: formula.Unescape(rec[0]), Preset: formula.Unescape(rec[1]), Output: formula.Unescape(rec[2]),
			Status: formula.Unescape(rec[6]), Message: formula.Unescape(rec[7])}
		var w, h, b int64
		for i, dst := range []*int64{&w, &h, &b} {
			if s := rec[3+i]; s != "" {
				if *dst, err = strconv.ParseInt(s, 10, 64); err != nil {
					return nil, fmt.Errorf("report: %s %q: %w", CSVHeader[3+i], s, err)
				}
			}
		}
		row.Width, row.Height, row.Bytes = int(w), int(h), b
		rows = append(rows, row)
	}
}
