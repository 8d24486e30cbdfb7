package sheet

import "picmark/internal/msg"

// The problems Read reports (and Index's missing column): codes of
// internal/msg's catalog, where each is said in English and French; their
// arguments are listed there.
var (
	CodeTooBig       = msg.SheetTooBig
	CodeUnpacked     = msg.SheetUnpacked
	CodeNotSheet     = msg.SheetNotSheet
	CodeWorkbook     = msg.SheetWorkbook
	CodeOldExcel     = msg.SheetOldExcel
	CodeProtected    = msg.SheetProtected
	CodeBinaryExcel  = msg.SheetBinaryExcel
	CodeNumbers      = msg.SheetNumbers
	CodeNotSpreadODF = msg.SheetNotSpreadODF
	CodeDamaged      = msg.SheetDamaged
	CodeEncoding     = msg.SheetEncoding
	CodeQuote        = msg.SheetQuote
	CodeEmpty        = msg.SheetEmpty
	CodeRows         = msg.SheetRows
	CodeColumns      = msg.SheetColumns
	CodeCell         = msg.SheetCell
	CodeNoColumn     = msg.SheetNoColumn
	CodeSameColumns  = msg.SheetSameColumns
	CodeNoFirstSheet = msg.SheetNoWorksheet
	CodeChartSheet   = msg.SheetChartFirst
)

// Error is every error Read returns, and a missing column from Index. Its
// message names the sheet, then the line and column when they help:
// "produits.csv, line 12 has a quote…".
type Error struct {
	Code  msg.Code
	Sheet string    // the file's name
	Line  int       // 1-based; 0 when no line applies
	Col   int       // 1-based; 0 when no column applies
	Args  []msg.Arg // the code's arguments
	Err   error     // the cause, for %w; not shown
}

// Error is the message in English.
func (e *Error) Error() string { return e.Message().String() }

// Message is the error said with the sheet's name, line and column
// (msg.Coded).
func (e *Error) Message() msg.Message {
	where, args := msg.SheetSays, []msg.Arg{msg.Text("sheet", e.Sheet)}
	if e.Line > 0 {
		where, args = msg.SheetLineSays, append(args, msg.Num("line", e.Line))
		if e.Col > 0 {
			where, args = msg.SheetCellSays, append(args, msg.Text("col", ColumnName(e.Col)))
		}
	}
	return msg.New(where, append(append(args, msg.Word("why", e.Code)), e.Args...)...)
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
