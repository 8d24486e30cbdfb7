package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"picmark/internal/msg"
)

// Encodings a CSV may come in, as Sheet.Encoding names them.
const (
	UTF8        = "UTF-8"
	UTF16LE     = "UTF-16LE"
	UTF16BE     = "UTF-16BE"
	Windows1252 = "Windows-1252"
	MacRoman    = "Mac Roman"
)

// separators are tried in this order; the first wins a tie.
var separators = []rune{',', ';', '\t', '|'}

// readCSV reads comma-, semicolon-, tab- or bar-separated text.
//
// The encoding: a byte order mark says UTF-8 or UTF-16 (Excel's "Unicode
// text" is UTF-16LE with one, tab-separated); without one, UTF-16 shows as
// every other byte zero; text that is valid UTF-8 is UTF-8; anything else
// is the 8-bit encoding of an older Excel: Windows-1252 (Excel for Windows'
// "CSV (point-virgule)") or Mac Roman (Excel for Mac's "CSV (Macintosh)"),
// whichever decodes to more letters. Mac Roman costs nothing: the fonts
// already link its table.
//
// The separator: the one that splits the first rows into the same number
// of fields, more than one. Excel's "sep=;" first line is obeyed.
func readCSV(name string, data []byte, lim Limits) (*Sheet, error) {
	text, enc, badLine := decodeText(data)
	if badLine > 0 {
		return nil, &Error{Code: CodeEncoding, Sheet: name, Line: badLine}
	}
	if strings.IndexByte(text, 0) >= 0 {
		return nil, &Error{Code: CodeNotSheet, Sheet: name, Args: []msg.Arg{msg.Word("what", msg.FileBinary)}}
	}
	if !strings.Contains(text, "\n") { // Mac OS 9 ended lines with CR alone
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	sep, ok := sepLine(text)
	if ok { // blank the hint line, keeping the line numbers
		text = text[strings.IndexByte(text+"\n", '\n'):]
	} else {
		sep = detectSeparator(text)
	}
	t, err := parseCSV(name, text, sep, lim, false)
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
		// A quote inside an unquoted field (Cadre 5") is text, as in a
		// spreadsheet; only a quoted field that never closes is an error.
		t, err = parseCSV(name, text, sep, lim, true)
	}
	if err != nil {
		return nil, err
	}
	s, err := t.Sheet(CSV)
	if err != nil {
		return nil, err
	}
	s.Encoding, s.Separator = enc, sep
	return s, nil
}

func parseCSV(name, text string, sep rune, lim Limits, lazy bool) (*Builder, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, lazy
	t := NewBuilder(name, lim)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return t, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if errors.Is(pe.Err, csv.ErrBareQuote) && !lazy {
				return nil, err
			}
			return nil, &Error{Code: CodeQuote, Sheet: name, Line: pe.StartLine, Err: err}
		}
		if err != nil {
			return nil, &Error{Code: msg.SheetUnreadable, Sheet: name, Args: []msg.Arg{msg.Text("reason", err.Error())}, Err: err}
		}
		line, _ := r.FieldPos(0)
		if len(rec) > lim.Columns {
			return nil, t.Err(CodeColumns, line, 0, msg.Text("last", ColumnName(lim.Columns)), msg.Num("max", lim.Columns))
		}
		for i, f := range rec {
			if err := t.Check(line, i+1, f); err != nil {
				return nil, err
			}
		}
		if err := t.Add(line, rec); err != nil {
			return nil, err
		}
	}
}

// sepLine reads Excel's "sep=;" hint on the first line.
func sepLine(text string) (rune, bool) {
	first, _, _ := strings.Cut(text, "\n")
	first = strings.Trim(strings.TrimSpace(first), `"`)
	if len(first) < 5 || !strings.EqualFold(first[:4], "sep=") {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(first[4:])
	for _, s := range separators {
		if r == s {
			return r, true
		}
	}
	return 0, false
}

// detectSeparator picks the separator that cuts the first rows into the
// same number of fields, the most fields on a tie; a comma when none cuts
// at all (one column).
func detectSeparator(text string) rune {
	best, bestScore := separators[0], 0
	for _, sep := range separators {
		if s := sepScore(text, sep); s > bestScore {
			best, bestScore = sep, s
		}
	}
	return best
}

func sepScore(text string, sep rune) int {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	width, same := 0, 0
	for n := 0; n < 20; n++ {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if n == 0 {
			width = len(rec)
		} else if len(rec) == width {
			same++
		}
	}
	if width <= 1 {
		return 0
	}
	return same*10_000 + width
}

// decodeText turns a CSV's bytes into UTF-8 text and names the encoding.
// badLine > 0 is the line of the first byte that is not UTF-8 in a file
// whose byte order mark says it is.
func decodeText(b []byte) (text, enc string, badLine int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", UTF8, lineOfInvalidUTF8(b)
		}
		return string(b), UTF8, 0
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], false), UTF16LE, 0
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], true), UTF16BE, 0
	}
	if be, ok := looksUTF16(b); ok {
		if be {
			return decodeUTF16(b, true), UTF16BE, 0
		}
		return decodeUTF16(b, false), UTF16LE, 0
	}
	if utf8.Valid(b) {
		return string(b), UTF8, 0
	}
	win, mac := eightBit(b, charmap.Windows1252), eightBit(b, charmap.Macintosh)
	if letterScore(mac) > letterScore(win) {
		return mac, MacRoman, 0
	}
	return win, Windows1252, 0
}

func lineOfInvalidUTF8(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[n:]
	}
	return line
}

// looksUTF16 spots UTF-16 without a byte order mark: in text that is
// mostly ASCII, every other byte is zero.
func looksUTF16(b []byte) (bigEndian, ok bool) {
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	if odd*10 >= pairs*7 && even*10 < pairs {
		return false, true
	}
	if even*10 >= pairs*7 && odd*10 < pairs {
		return true, true
	}
	return false, false
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

func eightBit(b []byte, cm *charmap.Charmap) string {
	var s strings.Builder
	s.Grow(len(b) + len(b)/4)
	for _, c := range b {
		if c < 0x80 {
			s.WriteByte(c)
		} else {
			s.WriteRune(cm.DecodeByte(c))
		}
	}
	return s.String()
}

// letterScore counts, among the non-ASCII characters of s, letters and
// the punctuation French text uses, less what no text would hold.
func letterScore(s string) int {
	score := 0
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if r == utf8.RuneError {
			score -= 100 // a byte the encoding does not define
		} else if unicode.IsLetter(r) || strings.ContainsRune("’‘“”€«»…–—°\u00a0", r) {
			score++
		} else {
			score--
		}
	}
	return score
}
