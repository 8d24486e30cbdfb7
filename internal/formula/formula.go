// Package formula keeps text written to a CSV file from running as a
// spreadsheet formula when the file is opened (CSV injection, OWASP), and
// leaves ordinary text alone.
//
// What the spreadsheets do (checked with LibreOffice 7.4's CSV import,
// "Evaluate formulas" on; Excel's behaviour is Microsoft's documented
// formula entry): a cell starting with "=" is a formula in both. Excel also
// reads a cell starting with "+", "-" or "@" as a formula when the rest
// parses as one ("-2+3" shows 1, "@SUM(1,2)" shows 3); LibreOffice keeps
// those as text. A leading tab or carriage return may be trimmed before
// the parse (OWASP lists both).
//
// So Escape puts an apostrophe before:
//   - any text starting with "=", a tab or a carriage return;
//   - text starting with "+", "-" or "@" whose rest calls a function
//     (HYPERLINK(, SUM(), links to another program or sheet (cmd|…!A0), or
//     is arithmetic on numbers and cell references (2+3, A1+B1, A1).
//
// Ordinary text passes unchanged: "-20 % sur tout", "+33 6 12 34 56 78",
// "- Livraison offerte", "@marque nouveautés", "-50%". The apostrophe is
// not free: LibreOffice shows it, and a tool reading the CSV gets it, which
// is why it is kept for text a spreadsheet would really compute. An
// @mention that Excel turns into #NAME? is left as it is: harmless, and
// what every other reader wants.
package formula

import (
	"regexp"
	"strings"
)

var (
	// A function call: a name right before "(" (Excel allows no space).
	call = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_.]*\(`)
	// A link to another program (DDE, cmd|' /C calc'!A0) or workbook.
	link = regexp.MustCompile(`\|.*!|\[.*\].*!`)
	// Arithmetic: numbers and cell references joined by operators.
	arith  = regexp.MustCompile(`^(\s*(\d[\d.,]*%?|\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?)\s*([-+*/^&=<>]+|$))+$`)
	number = regexp.MustCompile(`^\s*\d[\d.,]*%?\s*$`)
)

// Is reports whether a spreadsheet would compute s rather than show it.
func Is(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '\t', '\r':
		return true
	case '+', '-', '@':
		rest := s[1:]
		return call.MatchString(rest) || link.MatchString(rest) || arith.MatchString(rest) && !number.MatchString(rest)
	}
	return false
}

// Escape is s as a CSV cell: s, or s behind an apostrophe when a
// spreadsheet would compute it, or when s already starts as an escaped
// cell does (so Unescape gives s back whatever it is).
func Escape(s string) string {
	if Is(s) || Unescape(s) != s {
		return "'" + s
	}
	return s
}

// Unescape undoes Escape.
func Unescape(s string) string {
	if strings.HasPrefix(s, "'") && Escape(s[1:]) == s {
		return s[1:]
	}
	return s
}
