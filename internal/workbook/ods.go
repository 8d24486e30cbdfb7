package workbook

import (
	"encoding/xml"
	"picmark/internal/msg"
	"picmark/internal/sheet"
	"strings"
)

// readODS reads the first table of an OpenDocument spreadsheet (ODF 1.2
// §9.1). Each cell holds the text its spreadsheet displayed when saving,
// in text:p paragraphs: that is the value, with no number format to apply.
// Rows and cells repeat (table:number-rows-repeated, …-columns-repeated):
// LibreOffice ends a sheet with a million empty rows written once, so
// empty repeats only move the counters and only non-empty ones are made.
// A covered cell (merged away) shows nothing, whatever hidden text it
// keeps.
func readODS(a *archive) (*sheet.Sheet, error) {
	t := sheet.NewBuilder(a.name, a.lim)
	var (
		inSheet, inTable, done bool
		line                   = 1
		row                    []string
		rowRepeat, col         int
		// the cell being read
		inCell, covered    bool
		colRepeat, rowSpan int
		text               strings.Builder
		paragraphs, pDepth int
		fallback           string
		merges             [][3]int  // line, col, last line
		maxRepeat          = 1 << 24 // past any real sheet; bounds the counters
	)
	// Past 4 bytes a character the cell is too long whatever it holds:
	// stop before reading more of it.
	tooLong := func() error {
		if text.Len() <= 4*a.lim.Cell+4 {
			return nil
		}
		return &sheet.Error{Code: sheet.CodeCell, Sheet: a.name, Line: line, Col: col + 1, Args: []msg.Arg{msg.Num("max", a.lim.Cell)}}
	}
	err := a.parse("content.xml", func(d *xml.Decoder, tok xml.Token) error {
		if done {
			return errStop
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			name := tk.Name.Local
			if name == "spreadsheet" {
				inSheet = true
			}
			if !inSheet || name == "spreadsheet" {
				return nil
			}
			if name == "table" {
				if inTable {
					return skip(d) // a table inside a cell
				}
				inTable = true
				return nil
			}
			if !inTable {
				return nil
			}
			if name == "annotation" || name == "frame" || name == "custom-shape" || name == "table-source" {
				return skip(d) // comments and drawings are not the cell's text
			}
			if name == "table-row" {
				rowRepeat, row, col = count(attr(tk, "number-rows-repeated"), maxRepeat), nil, 0
				return nil
			}
			if name == "table-cell" || name == "covered-table-cell" {
				inCell, covered = true, name == "covered-table-cell"
				colRepeat = count(attr(tk, "number-columns-repeated"), maxRepeat)
				rowSpan = count(attr(tk, "number-rows-spanned"), maxRepeat)
				text.Reset()
				paragraphs, pDepth = 0, 0
				fallback = firstNonEmpty(attr(tk, "string-value"), attr(tk, "value"), attr(tk, "date-value"), attr(tk, "time-value"), attr(tk, "boolean-value"))
				return nil
			}
			if !inCell {
				return nil
			}
			if name == "p" || name == "h" {
				if pDepth == 0 {
					if paragraphs > 0 {
						text.WriteByte('\n')
					}
					paragraphs++
				}
				pDepth++
				return nil
			}
			if pDepth > 0 {
				switch name {
				case "s":
					text.WriteString(strings.Repeat(" ", count(attr(tk, "c"), a.lim.Cell+1)))
				case "tab":
					text.WriteByte('\t')
				case "line-break":
					text.WriteByte('\n')
				}
			}
			return tooLong()
		case xml.EndElement:
			switch name := tk.Name.Local; {
			case !inTable:
			case name == "table":
				done = true
				return errStop
			case (name == "p" || name == "h") && pDepth > 0:
				pDepth--
			case name == "table-cell" || name == "covered-table-cell":
				inCell = false
				v := text.String()
				if paragraphs == 0 {
					v = fallback
				}
				if covered {
					v = ""
				}
				if strings.TrimSpace(v) == "" {
					col += colRepeat
					return nil
				}
				if err := t.Check(line, col+colRepeat, v); err != nil {
					return err
				}
				for len(row) < col {
					row = append(row, "")
				}
				for range colRepeat {
					row = append(row, v)
				}
				if rowSpan > 1 {
					merges = append(merges, [3]int{line, col + 1, line + rowSpan - 1})
				}
				col += colRepeat
			case name == "table-row":
				if len(row) > 0 {
					if err := t.Room(line, rowRepeat); err != nil {
						return err
					}
					for k := range rowRepeat {
						if err := t.Add(line+k, append([]string(nil), row...)); err != nil {
							return err
						}
					}
				}
				line += rowRepeat
			}
		case xml.CharData:
			if inCell && pDepth > 0 {
				text.Write(tk)
				return tooLong()
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		t.MergeDown(m[0], m[1], m[2])
	}
	return t.Sheet(sheet.ODS)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
