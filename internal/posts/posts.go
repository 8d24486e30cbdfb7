// Package posts writes each output's post texts, ready to paste: a title,
// a description and an alt text, each from its own template and the
// photo's row, cut at a word to the platform's limit as the platform
// counts it (limits.go holds the limits and their sources), and posts.csv,
// one row per output.
package posts

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"picmark/internal/captions"
	"picmark/internal/formula"
	"picmark/internal/msg"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

// Templates are the three texts' templates, bound to the sheet. A nil
// template leaves its column empty, except AltText: nil takes the title's,
// as a title describes the photo well enough for a reader who cannot see
// it, and an empty alt text helps nobody.
type Templates struct {
	Title, Description, AltText *captions.Bound
}

// Post is one output's texts.
type Post struct {
	Output                      string // the output's path in the ZIP or folder
	Preset                      string // the preset's id
	Title, Description, AltText string
	Cut                         []Cut         // texts cut to fit
	Notes                       []msg.Message // texts left out (no row, or an empty value)
}

// Cut says a text was cut to fit its platform: a typed note, said by
// Message.
type Cut struct {
	Field Field
	Limit Limit
	Had   int // the text's length before, in the limit's unit
}

// Message is the note for the report (msg.TitleCut, …).
func (c Cut) Message() msg.Message {
	code := [...]msg.Code{Title: msg.TitleCut, Description: msg.DescriptionCut, AltText: msg.AltCut}[c.Field]
	return msg.New(code, msg.Text("platform", c.Limit.Platform), msg.Num("limit", c.Limit.Max), msg.Num("had", c.Had))
}

// String is the note in English.
func (c Cut) String() string { return c.Message().String() }

// Make writes the post for one output of preset p; row is the photo's row
// (nil when it has none).
func Make(output string, p preset.Preset, t Templates, row *sheet.Row) Post {
	post := Post{Output: output, Preset: p.ID}
	alt := t.AltText
	if alt == nil {
		alt = t.Title
	}
	post.Title = post.field(Title, p.Platform, t.Title, row, oneLine)
	post.Description = post.field(Description, p.Platform, t.Description, row, paragraphs)
	post.AltText = post.field(AltText, p.Platform, alt, row, oneLine)
	return post
}

func (post *Post) field(f Field, platform string, t *captions.Bound, row *sheet.Row, clean func(string) string) string {
	lim, ok, known := LimitFor(platform, f)
	if t == nil || known && !ok {
		return ""
	}
	text, note := t.Fill(row)
	if !note.IsZero() {
		if !slices.ContainsFunc(post.Notes, note.Equal) {
			post.Notes = append(post.Notes, note)
		}
		return ""
	}
	text = clean(text)
	if fitted, cut := Fit(text, lim.Max, lim.Unit); cut {
		post.Cut = append(post.Cut, Cut{Field: f, Limit: lim, Had: Count(text, lim.Unit)})
		text = fitted
	}
	return text
}

// oneLine makes a title or alt text one line with single spaces.
func oneLine(s string) string { return strings.Join(strings.FieldsFunc(s, breaks), " ") }

// paragraphs keeps a description's line breaks, without spaces around it.
func paragraphs(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// FileName is the posts' file, beside report.csv.
const FileName = "posts.csv"

// Header is posts.csv's first line.
var Header = []string{"output", "preset", "title", "description", "alt_text"}

// Dialect is how posts.csv is written.
type Dialect struct {
	Comma rune // the separator
	BOM   bool // a UTF-8 byte order mark first, so Excel reads the accents right
}

// Standard is for scripts and schedulers: commas, no byte order mark.
// FrenchExcel opens right in a French Excel: semicolons and a byte order
// mark.
var (
	Standard    = Dialect{Comma: ','}
	FrenchExcel = Dialect{Comma: ';', BOM: true}
)

// WriteCSV writes posts.csv. A cell a spreadsheet would run as a formula
// gets an apostrophe first (package formula); ordinary text, "-20 % sur
// tout" included, is written as it is.
func WriteCSV(w io.Writer, posts []Post, d Dialect) error {
	if d.Comma == 0 {
		d.Comma = ','
	}
	if d.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.Comma = d.Comma
	if err := cw.Write(Header); err != nil {
		return err
	}
	for _, p := range posts {
		rec := []string{p.Output, p.Preset, p.Title, p.Description, p.AltText}
		for i := range rec {
			rec[i] = formula.Escape(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
