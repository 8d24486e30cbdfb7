package captions

import (
	"strings"

	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// Template is a text with columns to fill in: "{Produit} – {Prix} €".
// {Column} inserts the row's value in the column whose header is Column
// (matched as sheet.Sheet.Index matches: exactly, else ignoring case and
// spaces); {col:Column} says the same, as output names write it; {{ and }}
// are braces. Values go in as the sheet shows them, never re-formatted.
type Template struct {
	src   string
	parts []part
}

// part is literal text, or a column when col is set.
type part struct {
	text  string
	col   string
	isCol bool
}

// Parse checks a template's braces. It does not know the sheet yet: Bind
// checks the columns.
func Parse(src string) (*Template, error) {
	t := &Template{src: src}
	var lit strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		if (c == '{' || c == '}') && i+1 < len(src) && src[i+1] == c { // {{ or }}
			lit.WriteByte(c)
			i++
			continue
		}
		if c == '}' {
			return nil, errorOf(msg.TemplateBrace, msg.Text("template", src), msg.Word("brace", msg.BraceClose))
		}
		if c != '{' {
			lit.WriteByte(c)
			continue
		}
		end := strings.IndexByte(src[i:], '}')
		if end < 0 || strings.IndexByte(src[i+1:i+end], '{') >= 0 {
			return nil, errorOf(msg.TemplateBrace, msg.Text("template", src), msg.Word("brace", msg.BraceOpen))
		}
		name := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(src[i+1:i+end]), "col:"))
		if name == "" {
			return nil, errorOf(msg.TemplateEmptyName, msg.Text("template", src))
		}
		if lit.Len() > 0 {
			t.parts = append(t.parts, part{text: lit.String()})
			lit.Reset()
		}
		t.parts = append(t.parts, part{col: name, isCol: true})
		i += end
	}
	if lit.Len() > 0 {
		t.parts = append(t.parts, part{text: lit.String()})
	}
	return t, nil
}

// String is the template as written.
func (t *Template) String() string { return t.src }

// Columns lists the columns the template names, in order, as written.
func (t *Template) Columns() []string {
	var cols []string
	for _, p := range t.parts {
		if p.isCol {
			cols = append(cols, p.col)
		}
	}
	return cols
}

// Bound is a template whose columns are found in a sheet.
type Bound struct {
	t   *Template
	idx []int // per part: the column's index, or -1 for text
}

// Bind finds the template's columns in s (nil for a template that names
// none; a template naming a column then is an *Error). A column the sheet
// lacks is a *sheet.Error that lists the columns it has.
func (t *Template) Bind(s *sheet.Sheet) (*Bound, error) {
	b := &Bound{t: t, idx: make([]int, len(t.parts))}
	for i, p := range t.parts {
		b.idx[i] = -1
		if !p.isCol {
			continue
		}
		if s == nil {
			return nil, errorOf(msg.TemplateNoSheet, msg.Text("column", p.col))
		}
		j, err := s.Index(p.col)
		if err != nil {
			return nil, err
		}
		b.idx[i] = j
	}
	return b, nil
}

// Template is the template bound.
func (b *Bound) Template() *Template { return b.t }

// Fill writes the text for row r (nil: the photo has no row). When a column
// the template needs is empty in r, or there is no row, the text is left
// out: Fill returns "" and a note saying why. A template naming no column
// is its own text, row or not.
func (b *Bound) Fill(r *sheet.Row) (string, msg.Message) {
	var out strings.Builder
	for i, p := range b.t.parts {
		j := b.idx[i]
		if j < 0 {
			out.WriteString(p.text)
			continue
		}
		if r == nil {
			return "", msg.New(msg.CaptionNoRow)
		}
		if j >= len(r.Cells) || r.Cells[j] == "" {
			return "", msg.New(msg.CaptionEmpty, msg.Text("column", p.col), msg.Num("line", r.Line))
		}
		out.WriteString(r.Cells[j])
	}
	return out.String(), msg.Message{}
}
