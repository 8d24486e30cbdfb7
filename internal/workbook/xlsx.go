package workbook

import (
	"encoding/xml"
	"math"
	"path"
	"picmark/internal/msg"
	"picmark/internal/sheet"
	"strconv"
	"strings"
	"time"
)

// xlsx reads an Office Open XML workbook (ECMA-376): the workbook names
// its sheets in order and points at each through its relationships; the
// first visible one is read. Cells hold numbers with a style whose number
// format says how they show, or an index into the shared strings.
type xlsx struct {
	*archive
	loc      sheet.Locale
	date1904 bool
	strings  []string
	long     map[int]int // shared strings longer than the cell limit: index → length
	xfFormat []int       // cell style → number format id
	custom   map[int]string
	cache    map[string]*numFormat
}

const relNS = "/relationships/"

func readXLSX(a *archive, loc sheet.Locale) (*sheet.Sheet, error) {
	x := &xlsx{archive: a, loc: loc, long: map[int]int{}, custom: map[int]string{}, cache: map[string]*numFormat{}}
	rid, err := x.workbook()
	if err != nil {
		return nil, err
	}
	rels, err := x.rels()
	if err != nil {
		return nil, err
	}
	target, ok := rels[rid]
	if !ok {
		return nil, x.damaged(nil, msg.DamagedFirstSheet)
	} else if strings.HasSuffix(target.typ, "/chartsheet") {
		return nil, &sheet.Error{Code: sheet.CodeChartSheet, Sheet: a.name}
	}
	for _, r := range rels {
		if strings.HasSuffix(r.typ, relNS+"sharedStrings") {
			err = x.sharedStrings(r.path)
		} else if strings.HasSuffix(r.typ, relNS+"styles") {
			err = x.styles(r.path)
		}
		if err != nil {
			return nil, err
		}
	}
	return x.sheet(target.path)
}

// workbook finds the first visible sheet's relationship id and the date
// system.
func (x *xlsx) workbook() (string, error) {
	rid := ""
	err := x.parse("xl/workbook.xml", func(_ *xml.Decoder, tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok {
			return nil
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			x.date1904 = v == "1" || v == "true"
		case "sheet":
			if st := attr(se, "state"); rid == "" && st != "hidden" && st != "veryHidden" {
				rid = attr(se, "id")
			}
		}
		return nil
	})
	if err == nil && rid == "" {
		err = &sheet.Error{Code: sheet.CodeNoFirstSheet, Sheet: x.name}
	}
	return rid, err
}

type rel struct{ path, typ string }

// rels reads the workbook's relationships: id → part path.
func (x *xlsx) rels() (map[string]rel, error) {
	rels := map[string]rel{}
	err := x.parse("xl/_rels/workbook.xml.rels", func(_ *xml.Decoder, tok xml.Token) error {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || attr(se, "TargetMode") == "External" {
			return nil
		}
		t := attr(se, "Target")
		if strings.HasPrefix(t, "/") {
			t = path.Clean(t[1:])
		} else {
			t = path.Join("xl", t)
		}
		rels[attr(se, "Id")] = rel{path: t, typ: attr(se, "Type")}
		return nil
	})
	return rels, err
}

// sharedStrings reads the table text cells point into. A rich-text string
// is its runs joined; phonetic guides (rPh) are not shown in a cell.
func (x *xlsx) sharedStrings(part string) error {
	var cur strings.Builder
	inT := false
	return x.parse(part, func(d *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "t":
				inT = true
			case "rPh":
				return skip(d)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "si":
				s := unescapeOOXML(cur.String())
				if n := len([]rune(s)); n > x.lim.Cell {
					x.long[len(x.strings)] = n
					s = ""
				}
				x.strings = append(x.strings, s)
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
		return nil
	})
}

// styles reads the custom number formats and which format each cell style
// uses.
func (x *xlsx) styles(part string) error {
	inXfs := false
	return x.parse(part, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
					x.custom[id] = attr(t, "formatCode")
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					x.xfFormat = append(x.xfFormat, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
}

// cell is one <c> being read.
type cell struct {
	col         int
	typ, style  string
	value       strings.Builder
	inV, inText bool
}

// sheet reads the worksheet's cells and merged ranges.
func (x *xlsx) sheet(part string) (*sheet.Sheet, error) {
	t := sheet.NewBuilder(x.name, x.lim)
	line, lastLine := 0, 0
	var row []string
	var c cell
	type merge struct{ line, col, last int }
	var merges []merge
	err := x.parse(part, func(d *xml.Decoder, tok xml.Token) error {
		switch tk := tok.(type) {
		case xml.StartElement:
			switch tk.Name.Local {
			case "row":
				line = lastLine + 1
				if r, err := strconv.Atoi(attr(tk, "r")); err == nil && r > 0 {
					line = r
				}
				lastLine, row, c.col = line, nil, 0
			case "c":
				col := c.col + 1
				if ref := attr(tk, "r"); ref != "" {
					col, _ = parseRef(ref)
				}
				c.col, c.typ, c.style = col, attr(tk, "t"), attr(tk, "s")
				c.value.Reset()
			case "v":
				c.inV = true
			case "t":
				c.inText = true
			case "f", "rPh", "extLst":
				return skip(d)
			case "mergeCell":
				if from, to, ok := strings.Cut(attr(tk, "ref"), ":"); ok {
					col1, line1 := parseRef(from)
					if _, line2 := parseRef(to); line2 > line1 && col1 > 0 {
						merges = append(merges, merge{line1, col1, line2})
					}
				}
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "v":
				c.inV = false
			case "t":
				c.inText = false
			case "c":
				v, err := x.display(&c, line)
				if err != nil || v == "" {
					return err
				}
				if err := t.Check(line, c.col, v); err != nil {
					return err
				}
				for len(row) < c.col {
					row = append(row, "")
				}
				row[c.col-1] = v
			case "row":
				return t.Add(line, row)
			}
		case xml.CharData:
			if c.inV || c.inText {
				c.value.Write(tk)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		t.MergeDown(m.line, m.col, m.last)
	}
	return t.Sheet(sheet.XLSX)
}

// parseRef reads "C12" as column 3, line 12. Letters past three (XFD is
// Excel's last column) or digits past seven give a number past every
// limit rather than an overflow.
func parseRef(ref string) (col, line int) {
	i := 0
	for ; i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z'); i++ {
		if i < 4 {
			col = col*26 + int(toLower(rune(ref[i]))-'a') + 1
		}
	}
	for j := i; j < len(ref) && ref[j] >= '0' && ref[j] <= '9'; j++ {
		if j-i < 8 {
			line = line*10 + int(ref[j]-'0')
		}
	}
	return col, line
}

// display is the text a cell shows.
func (x *xlsx) display(c *cell, line int) (string, error) {
	raw := c.value.String()
	if raw == "" {
		return "", nil
	}
	f := x.format(c.style)
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(raw)
		if err != nil || i < 0 || i >= len(x.strings) {
			return "", x.damaged(err, msg.DamagedCellText)
		}
		if _, ok := x.long[i]; ok {
			return "", &sheet.Error{Code: sheet.CodeCell, Sheet: x.name, Line: line, Col: c.col, Args: []msg.Arg{msg.Num("max", x.lim.Cell)}}
		}
		return f.formatText(x.strings[i]), nil
	case "inlineStr", "str":
		return f.formatText(unescapeOOXML(raw)), nil
	case "b":
		if raw == "1" || raw == "true" {
			return x.loc.True, nil
		}
		return x.loc.False, nil
	case "e":
		return raw, nil
	case "d":
		if v, ok := isoSerial(raw, x.date1904); ok {
			return f.format(v, x.loc, x.date1904), nil
		}
		return raw, nil
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) { // Excel writes neither NaN nor infinities
		return raw, nil
	}
	return f.format(v, x.loc, x.date1904), nil
}

// format is a cell style's number format, parsed once.
func (x *xlsx) format(style string) *numFormat {
	id := 0
	if s, err := strconv.Atoi(style); err == nil && s >= 0 && s < len(x.xfFormat) {
		id = x.xfFormat[s]
	}
	code, ok := x.custom[id]
	if !ok {
		code = builtin(&x.loc, id)
	}
	f, ok := x.cache[code]
	if !ok {
		f = parseFormat(code, x.loc)
		x.cache[code] = f
	}
	return f
}

// isoSerial turns an ISO 8601 date (a cell of type d) into a serial number.
func isoSerial(s string, date1904 bool) (float64, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05Z07:00", "2006-01-02", "15:04:05"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		if date1904 {
			epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		if layout == "15:04:05" {
			return t.Sub(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24, true
		}
		return t.Sub(epoch).Hours() / 24, true
	}
	return 0, false
}

// unescapeOOXML decodes _xHHHH_, how Office writes characters XML cannot
// hold (a carriage return is _x000D_); _x005F_ escapes an underscore.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				if n != '\r' { // a cell's line breaks are \n; Excel writes \r\n as _x000D_\n
					b.WriteRune(rune(n))
				}
				i += 6
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
