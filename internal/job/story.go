package job

import (
	"bytes"
	"errors"
	"strings"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/captions"
	"picmark/internal/msg"
	"picmark/internal/posts"
	"picmark/internal/preset"
	"picmark/internal/sheet"
)

// Caption is one text layer's words for one photo: its template filled
// from the photo's row, or why the layer is left out. The page sends them
// with each photo, as it sends a focal point.
type Caption struct {
	Text string       `json:"text,omitempty"`
	Note *msg.Message `json:"note,omitempty"` // why Text is empty, for the report
}

// Story is a batch's sheet put to work: which row tells each photo's
// story, each text layer's words and each output's post texts and name.
// Without a sheet, templates that name no column are their own text.
type Story struct {
	Sheet   *sheet.Sheet      // nil: no sheet
	Matches *captions.Matches // nil without a sheet
	texts   []*captions.Bound // per kit text layer
	posts   posts.Templates
	// Posts: the kit has post templates, so the batch writes posts.csv.
	Posts bool
}

// templates parses the kit's text layers' and posts' templates: a brace
// without its pair is an error naming the layer.
func templates(kit *brand.File) (texts []*captions.Template, title, desc, alt *captions.Template, err error) {
	for i, t := range kit.Texts {
		tp, err := captions.Parse(t.Content)
		if err != nil {
			return nil, nil, nil, nil, msg.Within(err, msg.InText, msg.Num("layer", i+1))
		}
		texts = append(texts, tp)
	}
	if p := kit.Posts; !p.Empty() {
		for _, f := range []struct {
			where msg.Code
			src   string
			dst   **captions.Template
		}{{msg.InTitle, p.Title, &title}, {msg.InDescription, p.Description, &desc}, {msg.InAlt, p.AltText, &alt}} {
			if f.src == "" {
				continue
			}
			if *f.dst, err = captions.Parse(f.src); err != nil {
				return nil, nil, nil, nil, msg.Within(err, f.where)
			}
		}
	}
	return texts, title, desc, alt, nil
}

// Story binds the settings' templates (text layers, posts, the naming
// template's {col:…}) to sh, nil when no sheet is loaded, and matches its
// rows to photos, their paths relative to the dropped folder
// ("shoot/a.jpg"). match names the column of file names; empty, it is
// found. Errors stop the batch before it starts and name the sheet and
// the line: a column the sheet lacks (with the columns it has), a template
// naming a column without a sheet, no column of file names, two rows
// claiming one photo.
func (s Settings) Story(sh *sheet.Sheet, photos []string, match string) (*Story, error) {
	kit := s.kit()
	texts, title, desc, alt, err := templates(kit)
	if err != nil {
		return nil, err
	}
	st := &Story{Sheet: sh, Posts: !kit.Posts.Empty()}
	bind := func(t *captions.Template) (*captions.Bound, error) {
		if t == nil {
			return nil, nil
		}
		return t.Bind(sh)
	}
	for i, t := range texts {
		b, err := bind(t)
		if err != nil {
			return nil, msg.Within(err, msg.InText, msg.Num("layer", i+1))
		}
		st.texts = append(st.texts, b)
	}
	for _, f := range []struct {
		where msg.Code
		t     *captions.Template
		dst   **captions.Bound
	}{{msg.InTitle, title, &st.posts.Title}, {msg.InDescription, desc, &st.posts.Description}, {msg.InAlt, alt, &st.posts.AltText}} {
		if *f.dst, err = bind(f.t); err != nil {
			return nil, msg.Within(err, f.where)
		}
	}
	if sh == nil {
		return st, nil
	}
	namer, err := batch.NewNamer(s.Name)
	if err != nil {
		return nil, err
	}
	for _, c := range namer.Columns() {
		if _, err := sh.Index(c); err != nil {
			return nil, msg.Within(err, msg.InName)
		}
	}
	var opt captions.Options
	if match = strings.TrimSpace(match); match != "" {
		opt.Columns = []string{match}
	}
	if st.Matches, err = captions.Match(sh, photos, opt); err != nil {
		return nil, err
	}
	if len(st.Matches.Claims) > 0 {
		errs := make([]error, len(st.Matches.Claims))
		for i, c := range st.Matches.Claims {
			errs[i] = c
		}
		return nil, errors.Join(errs...)
	}
	return st, nil
}

// row is photo i's row, or nil.
func (st *Story) row(i int) *sheet.Row {
	if st == nil || st.Matches == nil {
		return nil
	}
	return st.Matches.Row(i)
}

// Captions are photo i's words for each text layer (nil when the kit has
// none).
func (st *Story) Captions(i int) []Caption {
	if st == nil || len(st.texts) == 0 {
		return nil
	}
	row := st.row(i)
	out := make([]Caption, len(st.texts))
	for k, b := range st.texts {
		text, note := b.Fill(row)
		out[k].Text = text
		if !note.IsZero() {
			out[k].Note = &note
		}
	}
	return out
}

// Column is photo i's value in column c, for {col:…} in output names.
func (st *Story) Column(i int) func(string) string {
	row := st.row(i)
	if row == nil {
		return nil
	}
	return func(c string) string {
		j, err := st.Sheet.Index(c)
		if err != nil || j >= len(row.Cells) {
			return ""
		}
		return row.Cells[j]
	}
}

// Cols are photo i's values in the columns n's {col:…} name, in n's order
// (Namer.Columns): what the page sends with the photo's job; nil when it
// has no row.
func (st *Story) Cols(i int, n *batch.Namer) []string {
	col := st.Column(i)
	if col == nil {
		return nil
	}
	var out []string
	for _, c := range n.Columns() {
		out = append(out, col(c))
	}
	return out
}

// ColumnsOf turns Cols back into the column values Namer.NameWith takes
// (nil: no row).
func ColumnsOf(n *batch.Namer, vals []string) func(string) string {
	if vals == nil {
		return nil
	}
	cols := n.Columns()
	return func(c string) string {
		for i, name := range cols {
			if name == c && i < len(vals) {
				return vals[i]
			}
		}
		return ""
	}
}

// Post is the post texts of photo i's output named output, of preset p.
func (st *Story) Post(i int, output string, p preset.Preset) posts.Post {
	return posts.Make(output, p, st.posts, st.row(i))
}

// Notes are the report's words on photo i's output beyond its layers'
// own: its post texts cut to fit, and, when a sheet is loaded and the kit
// has no text layer to say it, that no row names the photo.
func (st *Story) Notes(i int, post posts.Post) []msg.Message {
	var out []msg.Message
	if st != nil && st.Posts {
		for _, c := range post.Cut {
			out = append(out, c.Message())
		}
	}
	if st != nil && st.Matches != nil && len(st.texts) == 0 && st.row(i) == nil {
		out = append(out, msg.New(msg.CaptionNoRow))
	}
	return out
}

// Reports is posts.csv of the posts made, as a report file beside
// report.csv, so the ZIP, a folder and the command line carry it as they
// carry the report; none when the kit has no post templates.
func (st *Story) Reports(made []posts.Post) []batch.ReportFile {
	if st == nil || !st.Posts {
		return nil
	}
	var b bytes.Buffer
	if err := posts.WriteCSV(&b, made, st.Dialect()); err != nil {
		return nil // writing to memory does not fail
	}
	return []batch.ReportFile{{Name: posts.FileName, Data: b.Bytes()}}
}

// Dialect is how posts.csv is written: as a French Excel reads it when the
// sheet came with semicolons, else with commas.
func (st *Story) Dialect() posts.Dialect {
	if st != nil && st.Sheet != nil && st.Sheet.Separator == ';' {
		return posts.FrenchExcel
	}
	return posts.Standard
}

// Unmatched are the report's rows for the sheet's rows that named no
// photo of the batch, one per product, the photos it names in its message.
func (st *Story) Unmatched() []batch.Row {
	if st == nil || st.Matches == nil {
		return nil
	}
	var rows []batch.Row
	for _, r := range st.Matches.Unmatched {
		row := st.Sheet.Rows[r]
		var names []string
		for _, c := range st.Matches.Columns {
			if v := strings.TrimSpace(row.Cells[c]); v != "" {
				names = append(names, v)
			}
		}
		rows = append(rows, batch.Row{Input: st.Sheet.Name, Status: batch.StatusLeftOut,
			Notes: []msg.Message{msg.New(msg.RowUnmatched, msg.Num("line", row.Line), msg.Text("names", strings.Join(names, ", ")))}})
	}
	return rows
}

// PhotosWithoutRow counts the photos no row names.
func (st *Story) PhotosWithoutRow() int {
	if st == nil || st.Matches == nil {
		return 0
	}
	n := 0
	for _, r := range st.Matches.Rows {
		if r < 0 {
			n++
		}
	}
	return n
}
