package captions

import (
	"fmt"
	"strings"
)

// Code names a note or an error of this package. The page and the command
// line say it in the user's language from the code and its Args; the
// English sentences are all here.
type Code string

// Notes (a photo's text left out) and errors (the batch cannot start).
// Args are listed beside each.
const (
	NoteEmpty Code = "caption-empty"  // column, line: the row leaves that column empty
	NoteNoRow Code = "caption-no-row" // (none): no row names the photo
	// NoteRowUnmatched is a row of the sheet that names no photo of the
	// batch: a line of the report.
	NoteRowUnmatched Code = "caption-row-unmatched" // the names in its cells

	CodeNoNameColumn Code = "captions-no-name-column" // an example photo name
	CodeClaim        Code = "captions-claim"          // photo, line, other line
	CodeBrace        Code = "captions-brace"          // template, "{" or "}"
	CodeEmptyName    Code = "captions-empty-name"     // template
	CodeNoSheet      Code = "captions-no-sheet"       // column: a template names a column and there is no sheet
)

var english = [...]struct {
	code Code
	text string
}{
	{NoteEmpty, "left out: line %[2]s has nothing in \"%[1]s\""},
	{NoteNoRow, "left out: no row of the sheet names this photo"},
	{NoteRowUnmatched, "names no photo of the batch (%[1]s): check the file name, or add the photo"},
	{CodeNoNameColumn, "has no column of file names that picmark recognises (none names %[1]s, for example): choose the column that holds the photos' file names"},
	{CodeClaim, "names %[1]s on lines %[2]s and %[3]s: keep it on one line, or give one of them the photo's folder (shoot/%[1]s)"},
	{CodeBrace, "the template \"%[1]s\" has a \"%[2]s\" without its pair: write {Column} to insert a column, {{ or }} for a brace"},
	{CodeNoSheet, "the text names the column \"%[1]s\", and no sheet is loaded: add the sheet, or take {%[1]s} out of the text"},
	{CodeEmptyName, "the template \"%[1]s\" has {} with no column name in it: write the column's header between the braces"},
}

func sentence(c Code, args []string) string {
	for _, m := range english {
		if m.code == c {
			a := make([]any, len(args))
			for i, s := range args {
				a[i] = s
			}
			return fmt.Sprintf(m.text, a...)
		}
	}
	return string(c)
}

// Note says why a photo's text was left out: a typed value, so every
// language can say it.
type Note struct {
	Code Code
	Args []string
}

// String is the note in English.
func (n Note) String() string { return sentence(n.Code, n.Args) }

// Error is a problem that stops the batch before it starts. Sheet names
// the sheet when one is involved.
type Error struct {
	Code  Code
	Sheet string
	Args  []string
}

func (e *Error) Error() string {
	s := sentence(e.Code, e.Args)
	if e.Sheet != "" {
		return e.Sheet + " " + s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
