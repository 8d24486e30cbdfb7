package batch

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"picmark/internal/imgio"
	"picmark/internal/msg"
)

// DefaultTemplate puts each output in its preset's folder, under the
// input's own folders: "pinterest-pin/shoot/a.jpg".
const DefaultTemplate = "{preset}/{dir}/{name}"

// maxTemplate bounds a template's length; paths stay well inside every
// file system's limits.
const maxTemplate = 200

// Namer applies a naming template. Tokens: {preset} the preset id, {dir}
// the input's folders ("shoot/sub", maybe empty), {name} the input's name
// without extension, {w} and {h} the output's size, {index} the input's
// number in the batch (1, 2, …), {col:Référence} the photo's value in
// that column of the captions sheet. "/" makes folders; empty folders are
// dropped, so "{preset}/{dir}/{name}" gives "pinterest-pin/a.jpg" for an
// input at the top. The extension follows the output format.
type Namer struct {
	template string
	parts    []part
}

// part is a literal text or a token (tok != ""); col is the column of a
// {col:…} token.
type part struct{ text, tok, col string }

var tokens = []string{"preset", "dir", "name", "w", "h", "index"}

// DefaultNamer applies DefaultTemplate.
var DefaultNamer = mustNamer(DefaultTemplate)

func mustNamer(t string) *Namer {
	n, err := NewNamer(t)
	if err != nil {
		panic(err)
	}
	return n
}

// NewNamer checks a template and returns its Namer; "" means
// DefaultTemplate. Errors are msg.Coded, inside msg.InName: an unknown token, a brace
// without its pair, no {name} nor {index} (every output would collide),
// "..", an absolute path, or a character file names cannot hold.
func NewNamer(template string) (*Namer, error) {
	if strings.TrimSpace(template) == "" {
		template = DefaultTemplate
	}
	if len(template) > maxTemplate {
		return nil, badName(msg.NameLong, msg.Num("n", len(template)), msg.Num("max", maxTemplate))
	}
	n := &Namer{template: template}
	rest := template
	for rest != "" {
		open, closing := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		switch {
		case closing >= 0 && (open < 0 || closing < open):
			return nil, badName(msg.NameBrace, msg.Word("brace", msg.BraceClose), msg.Text("example", "{name}"))
		case open < 0:
			n.parts = append(n.parts, part{text: rest})
			rest = ""
			continue
		case closing < 0:
			return nil, badName(msg.NameBrace, msg.Word("brace", msg.BraceOpen), msg.Text("example", "{name}"))
		}
		if open > 0 {
			n.parts = append(n.parts, part{text: rest[:open]})
		}
		tok := rest[open+1 : closing]
		if col, ok := strings.CutPrefix(tok, "col:"); ok && strings.TrimSpace(col) != "" {
			n.parts = append(n.parts, part{tok: "col", col: strings.TrimSpace(col)})
			rest = rest[closing+1:]
			continue
		}
		known := false
		for _, t := range tokens {
			known = known || tok == t
		}
		if !known {
			return nil, badName(msg.NameUnknown, msg.Text("token", "{"+tok+"}"), msg.List("tokens", "{preset}", "{dir}", "{name}", "{w}", "{h}", "{index}", "{col:Column}"))
		}
		n.parts = append(n.parts, part{tok: tok})
		rest = rest[closing+1:]
	}
	return n, n.check()
}

func (n *Namer) check() error {
	var literal strings.Builder
	hasName := false
	for _, p := range n.parts {
		hasName = hasName || p.tok == "name" || p.tok == "index" || p.tok == "col"
		literal.WriteString(p.text)
		if p.tok != "" {
			literal.WriteString("x") // a token is never empty between two slashes of the literal text
		}
	}
	lit := literal.String()
	if !hasName {
		return badName(msg.NameNoName, msg.List("needs", "{name}", "{index}", "{col:Column}"))
	}
	if strings.Contains(lit, `\`) {
		return badName(msg.NameBackslash)
	}
	if strings.HasPrefix(lit, "/") || len(lit) >= 2 && lit[1] == ':' {
		return badName(msg.NameAbsolute)
	}
	for _, seg := range strings.Split(lit, "/") {
		if seg == ".." || seg == "." {
			return badName(msg.NameDots, msg.Text("value", seg))
		}
	}
	unfit := func(r rune) bool { return r < 0x20 || r == 0x7F || strings.ContainsRune(`<>:"|?*`, r) }
	if i := strings.IndexFunc(lit, unfit); i >= 0 {
		return badName(msg.NameChar, msg.Text("value", strings.Trim(strconv.QuoteToASCII(lit[i:i+1]), `"`))) // a control character as \x1f
	}
	return nil
}

// badName is a naming template's problem c, said inside msg.InName ("the
// naming template: it has …").
func badName(c msg.Code, args ...msg.Arg) error {
	return msg.Within(msg.Err(c, args...), msg.InName)
}

// named reports whether the template has {name} or {index}.
func (n *Namer) named() bool {
	for _, p := range n.parts {
		if p.tok == "name" || p.tok == "index" {
			return true
		}
	}
	return false
}

// Template is the template the Namer applies.
func (n *Namer) Template() string { return n.template }

// Columns lists the sheet columns the template names ({col:…}), as
// written: the caller checks them against the sheet before the batch.
func (n *Namer) Columns() []string {
	var cols []string
	for _, p := range n.parts {
		if p.tok == "col" {
			cols = append(cols, p.col)
		}
	}
	return cols
}

// Name is the output path (slash-separated, relative, with extension) for
// one output: the input's stem (from Stems), its 1-based index in the batch,
// the output's size and format. It is a pure function of its arguments.
// {col:…} tokens take the photo's name: Name knows no sheet (see NameWith).
func (n *Namer) Name(presetID, stem string, index, w, h int, f imgio.Format) string {
	return n.NameWith(presetID, stem, index, w, h, f, nil)
}

// NameWith is Name with the photo's values in the sheet: col(column) is
// the photo's value in that column ("" when it has no row or the cell is
// empty; nil: no sheet). A value's "/" cannot make folders. An empty value
// gives the photo's own name when the template has no {name} nor {index},
// so every output keeps a name of its own.
func (n *Namer) NameWith(presetID, stem string, index, w, h int, f imgio.Format, col func(string) string) string {
	dir, name := "", stem
	if i := strings.LastIndexByte(stem, '/'); i >= 0 {
		dir, name = stem[:i], stem[i+1:]
	}
	var b strings.Builder
	for _, p := range n.parts {
		switch p.tok {
		case "":
			b.WriteString(p.text)
		case "preset":
			b.WriteString(strings.ReplaceAll(presetID, "/", "_"))
		case "dir":
			b.WriteString(dir)
		case "name":
			b.WriteString(name)
		case "w":
			b.WriteString(strconv.Itoa(w))
		case "h":
			b.WriteString(strconv.Itoa(h))
		case "index":
			b.WriteString(strconv.Itoa(index))
		case "col":
			v := ""
			if col != nil {
				v = strings.Map(func(r rune) rune { // a value makes no folder
					if r == '/' || r == '\\' {
						return '_'
					}
					return r
				}, col(p.col))
			}
			if strings.TrimSpace(v) == "" && !n.named() {
				v = name
			}
			b.WriteString(v)
		}
	}
	var parts []string
	for _, s := range strings.Split(strings.ReplaceAll(b.String(), `\`, "/"), "/") {
		s = strings.TrimRight(cleanPart(s), ". ") // Windows drops trailing dots and spaces
		if s != "" && s != "." && s != ".." {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		parts = []string{"image"}
	}
	return strings.Join(parts, "/") + f.Ext()
}

// Unique keeps output names distinct across a batch, as a case-insensitive
// disk or ZIP reader sees them. The zero value is ready to use.
type Unique struct{ used map[string]bool }

// Name returns name when no earlier call returned it (ignoring case), else
// the first free "name (2).jpg", "name (3).jpg"…
func (u *Unique) Name(name string) string {
	if u.used == nil {
		u.used = map[string]bool{}
	}
	ext := path.Ext(name)
	if ext == name || strings.HasSuffix(name, "/"+ext) { // ".jpg" alone is a name, not an extension
		ext = ""
	}
	base := strings.TrimSuffix(name, ext)
	cand := name
	for k := 2; u.used[strings.ToLower(cand)]; k++ {
		cand = fmt.Sprintf("%s (%d)%s", base, k, ext)
	}
	u.used[strings.ToLower(cand)] = true
	return cand
}
