package sheet

import (
	"fmt"
	"strings"
)

// Code names one kind of problem with a sheet. The page and the command
// line say it in the user's language from the code and its Args; English
// is written once, in english below.
type Code string

// The problems Read reports. Args are listed beside each.
const (
	CodeTooBig       Code = "sheet-too-big"      // size, limit
	CodeUnpacked     Code = "sheet-unpacked"     // limit: an XLSX/ODS part unpacks past it (a zip bomb, or a huge sheet)
	CodeNotSheet     Code = "sheet-not-sheet"    // what it looks like ("a PDF", "an image", "a file")
	CodeWorkbook     Code = "sheet-workbook"     // (none): an XLSX or ODS given to ReadText
	CodeOldExcel     Code = "sheet-old-excel"    // (none): a .xls workbook
	CodeProtected    Code = "sheet-protected"    // (none): an encrypted workbook
	CodeBinaryExcel  Code = "sheet-xlsb"         // (none): an .xlsb workbook
	CodeNumbers      Code = "sheet-numbers"      // (none): an Apple Numbers file
	CodeNotSpreadODF Code = "sheet-odf-not-calc" // (none): an OpenDocument text or drawing
	CodeDamaged      Code = "sheet-damaged"      // what is wrong, in plain words
	CodeEncoding     Code = "sheet-encoding"     // (none): a UTF-8 byte order mark, then bytes that are not UTF-8
	CodeQuote        Code = "sheet-quote"        // (none): a quoted text never ends, or a stray quote
	CodeEmpty        Code = "sheet-empty"        // (none)
	CodeRows         Code = "sheet-rows"         // limit
	CodeColumns      Code = "sheet-columns"      // limit
	CodeCell         Code = "sheet-cell"         // length, limit
	CodeNoColumn     Code = "sheet-no-column"    // column, the columns the sheet has ("Produit", "Prix", …)
	CodeSameColumns  Code = "sheet-same-columns" // column, the headers that match it
	CodeNoFirstSheet Code = "sheet-no-worksheet" // (none): a workbook without a worksheet
	CodeChartSheet   Code = "sheet-chart-first"  // (none): the first sheet is a chart
)

// english holds each code's sentence; %[1]s… are its Args. Sentences say
// what to do, so a marketer can fix the sheet without help. (A table, not a
// map: it costs no start-up code in the page's wasm.)
var english = [...]struct {
	code Code
	text string
}{
	{CodeTooBig, "is %[1]s; picmark reads sheets up to %[2]s: keep the columns and rows you need, or save it as CSV UTF-8"},
	{CodeUnpacked, "holds more than %[1]s once unpacked: keep the columns and rows you need, or save it as CSV UTF-8"},
	{CodeNotSheet, "is %[1]s, not a sheet picmark can read: save your sheet as CSV UTF-8, XLSX or ODS"},
	{CodeWorkbook, "is a workbook (XLSX or ODS), and this page reads CSV only: save it as CSV UTF-8 from your spreadsheet"},
	{CodeOldExcel, "is an old Excel workbook (.xls): open it in Excel and save it as .xlsx, or as CSV UTF-8"},
	{CodeProtected, "is protected by a password: save a copy without the password, or save it as CSV UTF-8"},
	{CodeBinaryExcel, "is an Excel binary workbook (.xlsb): save it as .xlsx, or as CSV UTF-8"},
	{CodeNumbers, "is an Apple Numbers file: export it from Numbers as CSV or Excel"},
	{CodeNotSpreadODF, "is an OpenDocument file that is not a spreadsheet: save your sheet as ODS, XLSX or CSV UTF-8"},
	{CodeDamaged, "is damaged (%[1]s): open it and save it again, or save it as CSV UTF-8"},
	{CodeEncoding, "is not UTF-8 though it starts as UTF-8 does: save it again as CSV UTF-8"},
	{CodeQuote, "has a quote (\") that opens a text and never closes it: check the quotes on that line, or save it again as CSV UTF-8 from your spreadsheet"},
	{CodeEmpty, "has no rows: check that you chose the right file"},
	{CodeRows, "has more than %[1]s rows; picmark reads up to %[1]s: delete the rows you do not need, or split the sheet"},
	{CodeColumns, "has data past column %[1]s; picmark reads up to %[2]s columns: delete the columns you do not need"},
	{CodeCell, "has a cell of %[1]s characters; picmark reads cells up to %[2]s characters: shorten it"},
	{CodeNoColumn, "has no column \"%[1]s\": its columns are %[2]s"},
	{CodeSameColumns, "has several columns that could be \"%[1]s\" (%[2]s): give them distinct names, or name one exactly"},
	{CodeNoFirstSheet, "has no worksheet: check that you chose the right file"},
	{CodeChartSheet, "starts with a chart, not a table: move the sheet with your table first, then save it again"},
}

// Error is every error Read returns, and a missing column from Index. Its
// Error() names the sheet, then the line and column when they help:
// "produits.csv, line 12: has a quote…".
type Error struct {
	Code  Code
	Sheet string   // the file's name
	Line  int      // 1-based; 0 when no line applies
	Col   int      // 1-based; 0 when no column applies
	Args  []string // the sentence's arguments, already written for people
	Err   error    // the cause, for %w; not shown
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Sheet)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Col > 0 {
		fmt.Fprintf(&b, ", column %s", ColumnName(e.Col))
	}
	b.WriteString(" ")
	b.WriteString(e.Message())
	return b.String()
}

// Message is the English sentence without the sheet, line and column.
func (e *Error) Message() string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
	}
	for _, m := range english {
		if m.code == e.Code {
			return fmt.Sprintf(m.text, args...)
		}
	}
	return string(e.Code)
}

func (e *Error) Unwrap() error { return e.Err }

// ColumnName is a spreadsheet's name for the 1-based column n: 1 → "A",
// 27 → "AA". Every message names columns this way, for CSV too: that is
// what a spreadsheet shows when it opens one.
func ColumnName(n int) string {
	if n <= 0 {
		return ""
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
