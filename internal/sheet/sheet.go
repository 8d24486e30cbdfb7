// Package sheet holds a spreadsheet's first sheet as text, the way the
// spreadsheet shows it, and reads CSV and TSV (ReadText: separator and
// encoding detected). Package workbook reads XLSX and ODS into the same
// Sheet; its Read takes every format.
//
// A Sheet is a header (the first non-empty row) and the non-empty rows
// below it, each with its line number in the sheet, every row as wide as
// the widest, spaces trimmed from every cell. A cell merged over several
// rows gives its value to each of those rows (a reader sees it beside
// each); merged over several columns, it belongs to the first.
//
// Readers never panic and bound everything before allocating it: the
// file's size, what an XLSX or ODS unpacks to (zip bombs), rows, columns
// and a cell's length (Limits). Every error is a *Error that names the
// sheet, the line and column when they help, and says what to do ("save it
// as CSV UTF-8").
package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"picmark/internal/msg"
)

// Format is the kind of file a sheet came from.
type Format string

// The formats Read reads.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
	ODS  Format = "ods"
)

// Sheet is the first sheet of a file, as text.
type Sheet struct {
	Name   string // the file's name, as the caller gave it: messages name it
	Format Format
	// Encoding and Separator say how a CSV was read ("UTF-8", ';'); empty
	// for XLSX and ODS.
	Encoding  string
	Separator rune
	Header    []string // the first non-empty row, spaces trimmed
	Rows      []Row    // the non-empty rows below the header, in order
}

// Row is one row below the header.
type Row struct {
	Line  int      // the row's number in the sheet (1-based; a CSV's line where the row starts)
	Cells []string // one per header column, spaces trimmed; "" when empty
}

// Options tune the readers. The zero value reads numbers the American way
// with DefaultLimits.
type Options struct {
	Locale Locale // how XLSX numbers and dates show; zero means English
	Limits Limits
}

// Limits bound what Read accepts. A zero field means its DefaultLimits
// value, never "no limit".
type Limits struct {
	Bytes    int64 // the file
	Unpacked int64 // what an XLSX or ODS unpacks to, all parts read together
	Rows     int   // rows, header included
	Columns  int
	Cell     int // characters in one cell
}

// DefaultLimits hold any shop's catalogue (Excel's own cell limit is
// 32,767 characters) and keep a sheet well inside a browser tab's memory.
var DefaultLimits = Limits{
	Bytes:    32 << 20,
	Unpacked: 256 << 20,
	Rows:     100_000,
	Columns:  1_000,
	Cell:     32_767,
}

func (l Limits) withDefaults() Limits {
	if l.Bytes <= 0 {
		l.Bytes = DefaultLimits.Bytes
	}
	if l.Unpacked <= 0 {
		l.Unpacked = DefaultLimits.Unpacked
	}
	if l.Rows <= 0 {
		l.Rows = DefaultLimits.Rows
	}
	if l.Columns <= 0 {
		l.Columns = DefaultLimits.Columns
	}
	if l.Cell <= 0 {
		l.Cell = DefaultLimits.Cell
	}
	return l
}

// ReadText reads a CSV or TSV file named name (used in messages only; the
// format comes from the bytes, not the extension). Any other file gets an
// error that says what it is and how to save it as CSV: a workbook
// (package workbook reads those), an old .xls, a PDF, an image.
func ReadText(name string, data []byte, opt Options) (*Sheet, error) {
	opt = opt.WithDefaults()
	fail := func(c msg.Code, args ...msg.Arg) (*Sheet, error) {
		return nil, &Error{Code: c, Sheet: name, Args: args}
	}
	if int64(len(data)) > opt.Limits.Bytes {
		return fail(CodeTooBig, msg.Bytes("size", int64(len(data))), msg.Bytes("maxSize", opt.Limits.Bytes))
	}
	switch {
	case IsZip(data):
		return fail(CodeWorkbook)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// A compound file: an .xls, or an .xlsx encrypted with a password,
		// which Office wraps in one with an EncryptionInfo stream.
		if bytes.Contains(data, utf16le("EncryptionInfo")) {
			return fail(CodeProtected)
		}
		return fail(CodeOldExcel)
	case bytes.HasPrefix(data, []byte("%PDF")):
		return fail(CodeNotSheet, msg.Word("what", msg.FilePDF))
	case looksLikeImage(data):
		return fail(CodeNotSheet, msg.Word("what", msg.FileImage))
	}
	return readCSV(name, data, opt.Limits)
}

// WithDefaults fills what the caller left zero: DefaultLimits, English.
func (o Options) WithDefaults() Options {
	o.Limits = o.Limits.withDefaults()
	if o.Locale.Decimal == "" {
		o.Locale = English
	}
	return o
}

// IsZip reports whether data starts as a ZIP archive (XLSX, ODS) does.
func IsZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func looksLikeImage(b []byte) bool {
	for _, magic := range []string{"\xFF\xD8\xFF", "\x89PNG", "GIF8", "II*\x00", "MM\x00*"} {
		if bytes.HasPrefix(b, []byte(magic)) {
			return true
		}
	}
	return len(b) >= 12 && (string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP" || string(b[4:8]) == "ftyp")
}

// Builder collects a sheet's rows as a reader finds them and turns them
// into a Sheet: empty rows dropped, the first one the header, every row
// padded to the widest. Readers call Check before storing a value and Room
// before making rows, so limits hold before anything is allocated.
type Builder struct {
	name   string
	lim    Limits
	rows   []Row
	byLine map[int]int // line → index in rows, for merged cells
	width  int
}

// NewBuilder starts a sheet named name read under lim (defaults filled).
func NewBuilder(name string, lim Limits) *Builder {
	return &Builder{name: name, lim: lim.withDefaults(), byLine: map[int]int{}}
}

// Limits are the limits the builder checks.
func (t *Builder) Limits() Limits { return t.lim }

// Err is an error about this sheet, at line and col when they are not 0.
func (t *Builder) Err(c msg.Code, line, col int, args ...msg.Arg) *Error {
	return &Error{Code: c, Sheet: t.name, Line: line, Col: col, Args: args}
}

// Check checks that a non-empty value may sit at line, col (1-based)
// before a reader stores it.
func (t *Builder) Check(line, col int, value string) error {
	if col > t.lim.Columns {
		return t.Err(CodeColumns, line, 0, msg.Text("last", ColumnName(t.lim.Columns)), msg.Num("max", t.lim.Columns))
	}
	if len(value) > t.lim.Cell { // bytes ≥ characters: count only when it may matter
		if n := utf8.RuneCountInString(value); n > t.lim.Cell {
			return t.Err(CodeCell, line, col, msg.Num("max", t.lim.Cell))
		}
	}
	return nil
}

// Room checks that n more rows fit before a reader makes them.
func (t *Builder) Room(line, n int) error {
	if len(t.rows)+n > t.lim.Rows {
		return t.Err(CodeRows, line, 0, msg.Num("max", t.lim.Rows))
	}
	return nil
}

// Add stores a row unless all its cells are empty; cells is kept. It
// checks Room itself.
func (t *Builder) Add(line int, cells []string) error {
	empty := true
	for i, c := range cells {
		c = strings.TrimSpace(c)
		cells[i] = c
		empty = empty && c == ""
	}
	if empty {
		return nil
	}
	if err := t.Room(line, 1); err != nil {
		return err
	}
	t.byLine[line] = len(t.rows)
	t.rows = append(t.rows, Row{Line: line, Cells: cells})
	t.width = max(t.width, len(cells))
	return nil
}

// MergeDown gives the value at (line, col) to the rows line+1…last that
// exist and leave that cell empty: a cell merged over several rows. Call it
// once every row is added.
func (t *Builder) MergeDown(line, col, last int) {
	i, ok := t.byLine[line]
	if !ok || col > len(t.rows[i].Cells) || col < 1 {
		return
	}
	v := t.rows[i].Cells[col-1]
	for l := line + 1; l <= last && l <= t.lim.Rows; l++ {
		j, ok := t.byLine[l]
		if !ok {
			continue
		}
		r := &t.rows[j]
		for len(r.Cells) < col {
			r.Cells = append(r.Cells, "")
		}
		if r.Cells[col-1] == "" {
			r.Cells[col-1] = v
		}
	}
}

// Sheet is the sheet read, or an error if it has no row.
func (t *Builder) Sheet(f Format) (*Sheet, error) {
	if len(t.rows) == 0 {
		return nil, t.Err(CodeEmpty, 0, 0)
	}
	pad := func(c []string) []string {
		for len(c) < t.width {
			c = append(c, "")
		}
		return c
	}
	s := &Sheet{Name: t.name, Format: f, Header: pad(t.rows[0].Cells)}
	s.Rows = t.rows[1:]
	for i := range s.Rows {
		s.Rows[i].Cells = pad(s.Rows[i].Cells)
	}
	return s, nil
}

// Index finds the column whose header is name and returns its 0-based
// index. The header must match exactly, or else once case and spaces are
// ignored: headers are typed by hand, and "Prix " or "PRIX" look the same
// as "Prix" in a spreadsheet, so {Prix} should find them. Accents count:
// "Reference" does not find "Référence", and the error lists the headers
// to copy. Two headers that both match loosely (and neither exactly) are
// an error too: picmark does not guess between them.
func (s *Sheet) Index(name string) (int, error) {
	for i, h := range s.Header {
		if h == name && h != "" {
			return i, nil
		}
	}
	key := looseKey(name)
	found := -1
	var same []string
	for i, h := range s.Header {
		if key != "" && looseKey(h) == key {
			if found < 0 {
				found = i
			}
			same = append(same, `"`+h+`"`)
		}
	}
	if len(same) > 1 {
		return -1, &Error{Code: CodeSameColumns, Sheet: s.Name, Args: []msg.Arg{msg.Text("column", name), msg.Text("columns", strings.Join(same, ", "))}}
	}
	if found < 0 {
		return -1, &Error{Code: CodeNoColumn, Sheet: s.Name, Args: []msg.Arg{msg.Text("column", name), msg.Text("columns", s.columnList())}}
	}
	return found, nil
}

// columnList writes the headers for a message: "Produit", "Prix", "Image"
// (quoted as written: no escapes for a marketer to decode); a column
// without a header by its letter, E, in every language.
func (s *Sheet) columnList() string {
	var names []string
	for i, h := range s.Header {
		if h == "" {
			names = append(names, ColumnName(i+1))
			continue
		}
		names = append(names, `"`+h+`"`)
	}
	return strings.Join(names, ", ")
}

// looseKey is a header with case folded and runs of spaces (no-break ones
// too) made one space.
func looseKey(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
}

// String describes the sheet for logs and tests: "produits.csv (CSV,
// UTF-8, ';'): 3 columns, 12 rows".
func (s *Sheet) String() string {
	how := strings.ToUpper(string(s.Format))
	if s.Format == CSV {
		how = fmt.Sprintf("%s, %s, %q", how, s.Encoding, s.Separator)
	}
	return fmt.Sprintf("%s (%s): %d columns, %d rows", s.Name, how, len(s.Header), len(s.Rows))
}
