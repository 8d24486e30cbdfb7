package captions

import (
	"net/url"
	"sort"
	"strings"
	"unicode"

	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// Options tune Match.
type Options struct {
	// Columns are the headers of the columns that hold file names, as the
	// user chose them. None: Match finds them (see Match).
	Columns []string
}

// Matches says which row of a sheet tells each photo's story.
type Matches struct {
	Sheet   *sheet.Sheet
	Columns []int // the columns read for file names, 0-based
	// Rows has one entry per photo, in the order Match was given them: the
	// index of its row in Sheet.Rows, or -1 when no row names it (or two
	// rows claim it: see Claims).
	Rows []int
	// Unmatched lists the rows (indexes in Sheet.Rows) whose product took
	// no photo of the batch: one row per product, the first of its group.
	Unmatched []int
	// Claims are the photos two rows claim, with both lines: errors to
	// show before the batch starts. Such a photo gets no row.
	Claims []*Error
	filled [][]string // per row: its cells with the group's values filled in
}

// Row is photo i's row with its group's values filled in, or nil.
func (m *Matches) Row(i int) *sheet.Row {
	if i < 0 || i >= len(m.Rows) || m.Rows[i] < 0 {
		return nil
	}
	r := m.Rows[i]
	return &sheet.Row{Line: m.Sheet.Rows[r].Line, Cells: m.filled[r]}
}

// Match finds each photo's row. photos are the photos' paths relative to
// the dropped folder ("shoot/sub/IMG_0001.HEIC"), "/"-separated.
//
// A cell names a photo by its file name, its relative path, or an image
// URL; several names in one cell are separated by commas, semicolons,
// bars or line breaks (e-shop exports list a product's images that way).
// Names compare ignoring case, accents (a Mac writes é in file names as e
// and an accent, a sheet as one letter) and the image extension:
// IMG_0001.HEIC and IMG_0001.jpg both take the row that says IMG_0001.jpg.
// A URL names a file by its last segment, query and %-escapes resolved: a
// shop's folders are not the user's.
//
// Ambiguity, in this order:
//   - A name with folders (shoot/a.jpg) takes the photos whose folders
//     agree with it from the end; if none agree, it names the file alone.
//   - A bare name (a.jpg) names every photo called a, in any folder: the
//     same product photographed for two uses keeps one caption.
//   - Two rows naming one photo: the name with more agreeing folders wins,
//     then the one with the photo's own extension (a.jpg beats a.heic for
//     a.jpg), then the row naming fewer photos (a variant naming its one
//     image beats the product listing its whole gallery, as WooCommerce and
//     PrestaShop exports do), then, within one product's rows, the first.
//     Still tied: a *Error in Claims, with both lines.
//
// Products spread over several rows are one group: Shopify's rows with the
// same Handle (extra images, variants), WooCommerce's variations (Parent
// names the product's SKU, or id:ID). A row of a group takes the first
// row's values in the cells it leaves empty (the title and price of the
// product an extra image row belongs to), its file names aside.
//
// Without Options.Columns, the file-name column is the one whose cells
// name the most photos, with any other column whose cells name photos by a
// file name with an image extension or a URL (Shopify's Image Src and
// Variant Image). When no column names a photo, Match returns a *Error
// (CodeNoNameColumn); a chosen column the sheet lacks is a *sheet.Error.
func Match(s *sheet.Sheet, photos []string, opt Options) (*Matches, error) {
	idx := newPhotoIndex(photos)
	cols, err := nameColumns(s, idx, opt.Columns)
	if err != nil {
		return nil, err
	}
	m := &Matches{Sheet: s, Columns: cols, Rows: make([]int, len(photos))}
	lead := groups(s)
	m.filled = fill(s, lead, cols)

	claims := make([][]claim, len(photos))
	for r, row := range s.Rows {
		var hits []hit
		distinct := map[string]bool{}
		for _, c := range cols {
			h, ns := idx.cell(row.Cells[c])
			hits = append(hits, h...)
			for _, n := range ns {
				distinct[n] = true
			}
		}
		names := len(distinct)
		for _, h := range hits {
			cl := claim{row: r, depth: h.depth, names: names, sameExt: h.sameExt}
			cs := claims[h.photo]
			if k := len(cs) - 1; k >= 0 && cs[k].row == r { // a row naming a photo twice keeps its best name
				if cl.depth > cs[k].depth || cl.depth == cs[k].depth && cl.sameExt {
					cs[k] = cl
				}
				continue
			}
			claims[h.photo] = append(cs, cl)
		}
	}
	took := make([]bool, len(s.Rows)) // per group lead
	for p, cs := range claims {
		m.Rows[p] = -1
		if len(cs) == 0 {
			continue
		}
		sort.SliceStable(cs, func(i, j int) bool {
			a, b := cs[i], cs[j]
			if a.depth != b.depth {
				return a.depth > b.depth
			}
			if a.sameExt != b.sameExt {
				return a.sameExt
			}
			return a.names < b.names
		})
		a := cs[0]
		for _, b := range cs[1:] {
			if b.depth != a.depth || b.sameExt != a.sameExt || b.names != a.names {
				break
			}
			if lead[b.row] == lead[a.row] {
				continue // one product's rows: the first keeps it
			}
			m.Claims = append(m.Claims, errorOf(msg.RowClaim, msg.Text("sheet", s.Name),
				msg.Text("name", photos[p]), msg.Num("line", s.Rows[a.row].Line), msg.Num("other", s.Rows[b.row].Line)))
			a.row = -1
			break
		}
		if a.row >= 0 {
			m.Rows[p] = a.row
			took[lead[a.row]] = true
		}
	}
	for r := range s.Rows {
		if lead[r] == r && !took[r] {
			m.Unmatched = append(m.Unmatched, r)
		}
	}
	return m, nil
}

// claim is a row naming a photo: how well (agreeing folders, the same
// extension) and among how many names.
type claim struct {
	row, depth, names int
	sameExt           bool
}

// nameColumns picks the columns to read for file names.
func nameColumns(s *sheet.Sheet, idx *photoIndex, chosen []string) ([]int, error) {
	if len(chosen) > 0 {
		var cols []int
		for _, name := range chosen {
			c, err := s.Index(name)
			if err != nil {
				return nil, err
			}
			cols = append(cols, c)
		}
		return cols, nil
	}
	best, bestN := -1, 0
	fileLike := make([]bool, len(s.Header))
	for c := range s.Header {
		seen := map[int]bool{}
		for _, r := range s.Rows {
			for _, h := range idx.cellHits(r.Cells[c]) {
				seen[h.photo] = true
				fileLike[c] = fileLike[c] || h.fileLike
			}
		}
		if len(seen) > bestN {
			best, bestN = c, len(seen)
		}
	}
	if best < 0 {
		example := ""
		if len(idx.paths) > 0 {
			example = idx.paths[0]
		}
		return nil, errorOf(msg.NoNameColumn, msg.Text("sheet", s.Name), msg.Text("name", example))
	}
	cols := []int{best}
	for c, ok := range fileLike {
		if ok && c != best {
			cols = append(cols, c)
		}
	}
	sort.Ints(cols)
	return cols, nil
}

// groups gives each row the index of the row that leads its product: the
// first Shopify row with its Handle, the WooCommerce product its Parent
// names; itself otherwise.
func groups(s *sheet.Sheet) []int {
	lead := make([]int, len(s.Rows))
	for i := range lead {
		lead[i] = i
	}
	if h, err := s.Index("Handle"); err == nil {
		first := map[string]int{}
		for i, r := range s.Rows {
			if v := r.Cells[h]; v != "" {
				if f, ok := first[v]; ok {
					lead[i] = f
				} else {
					first[v] = i
				}
			}
		}
		return lead
	}
	parent, err := s.Index("Parent")
	if err != nil {
		return lead
	}
	keys := map[string]int{}
	for _, name := range []string{"SKU", "UGS", "ID"} {
		if c, err := s.Index(name); err == nil {
			for i, r := range s.Rows {
				if v := r.Cells[c]; v != "" {
					if name == "ID" {
						v = "id:" + v
					}
					if _, dup := keys[v]; !dup {
						keys[v] = i
					}
				}
			}
		}
	}
	for i, r := range s.Rows {
		if f, ok := keys[r.Cells[parent]]; ok && f != i && lead[f] == f {
			lead[i] = f
		}
	}
	return lead
}

// fill gives each row of a group its lead's values where it has none,
// file names aside.
func fill(s *sheet.Sheet, lead, nameCols []int) [][]string {
	out := make([][]string, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = r.Cells
		if lead[i] == i {
			continue
		}
		cells := append([]string(nil), r.Cells...)
		for c, v := range s.Rows[lead[i]].Cells {
			if cells[c] == "" && !containsInt(nameCols, c) {
				cells[c] = v
			}
		}
		out[i] = cells
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// photoIndex finds photos by folded stem.
type photoIndex struct {
	paths  []string
	names  []name
	byStem map[string][]int
}

// name is a file name made comparable: folders, stem and image extension,
// folded.
type name struct {
	dirs      []string
	stem, ext string
}

func newPhotoIndex(photos []string) *photoIndex {
	idx := &photoIndex{paths: photos, names: make([]name, len(photos)), byStem: map[string][]int{}}
	for i, p := range photos {
		n := parsePath(p)
		idx.names[i] = n
		idx.byStem[n.stem] = append(idx.byStem[n.stem], i)
	}
	return idx
}

// hit is a photo a cell names.
type hit struct {
	photo, depth int
	sameExt      bool
	fileLike     bool // named with an image extension, or by a URL
}

// cell lists the photos a cell names, and the names it holds (folded, for
// counting a row's distinct names).
func (idx *photoIndex) cell(v string) ([]hit, []string) {
	var names []string
	for _, p := range splitNames(v) {
		n := parsePath(p)
		if isURL(p) {
			n = parseURL(p)
		}
		names = append(names, strings.Join(append(n.dirs, n.stem+"."+n.ext), "/"))
	}
	return idx.cellHits(v), names
}

func (idx *photoIndex) cellHits(v string) []hit {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if !isURL(v) && strings.ContainsAny(v, ",;|\n") {
		if h := idx.lookup(v); len(h) > 0 { // a file name with a comma in it
			return h
		}
	}
	var hits []hit
	for _, p := range splitNames(v) {
		hits = append(hits, idx.lookup(p)...)
	}
	return hits
}

func splitNames(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lookup lists the photos one name names.
func (idx *photoIndex) lookup(s string) []hit {
	u := isURL(s)
	var n name
	if u {
		n = parseURL(s)
	} else {
		n = parsePath(s)
	}
	cands := idx.byStem[n.stem]
	if n.stem == "" || len(cands) == 0 {
		return nil
	}
	fileLike := u || n.ext != ""
	best := -1
	var hits []hit
	for _, p := range cands {
		d := agree(n.dirs, idx.names[p].dirs)
		if d < best {
			continue
		}
		if d > best {
			best, hits = d, hits[:0]
		}
		hits = append(hits, hit{photo: p, depth: d, sameExt: n.ext != "" && n.ext == idx.names[p].ext, fileLike: fileLike})
	}
	if best < 0 { // no folder agrees: the name alone
		for i := range hits {
			hits[i].depth = -1
		}
	}
	return hits
}

// agree counts the folders a and b share from the end when one ends as
// the other does; -1 when they differ.
func agree(a, b []string) int {
	n := min(len(a), len(b))
	for i := 1; i <= n; i++ {
		if a[len(a)-i] != b[len(b)-i] {
			return -1
		}
	}
	return n
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "://") || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "www.")
}

// parseURL names the file a URL points at: its path's last segment.
func parseURL(s string) name {
	p := s
	if u, err := url.Parse(s); err == nil {
		p = u.Path
	} else {
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if q, err := url.PathUnescape(p); err == nil {
			p = q
		}
	}
	n := parsePath(p[strings.LastIndexByte(p, '/')+1:])
	n.dirs = nil
	return n
}

// parsePath splits a relative or absolute path ("shoot\sub\a.JPG",
// "C:\Photos\a.jpg", "./a.jpg") into folded folders, stem and image
// extension.
func parsePath(s string) name {
	s = fold(strings.ReplaceAll(strings.TrimSpace(s), `\`, "/"))
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		if seg != "" && seg != "." {
			segs = append(segs, seg)
		}
	}
	if len(segs) == 0 {
		return name{}
	}
	last := segs[len(segs)-1]
	n := name{dirs: segs[:len(segs)-1], stem: last}
	if i := strings.LastIndexByte(last, '.'); i > 0 && imageExt(last[i+1:]) {
		n.stem, n.ext = last[:i], last[i+1:]
	}
	return n
}

// imageExt reports whether ext (folded) is a photo's extension: only those
// are dropped, so "Vase 12.5" keeps its ".5".
func imageExt(ext string) bool {
	switch ext {
	case "jpg", "jpeg", "jpe", "jfif", "png", "gif", "webp", "heic", "heif", "avif", "tif", "tiff", "bmp",
		"dng", "cr2", "cr3", "nef", "arw", "raf", "orf", "rw2", "psd":
		return true
	}
	return false
}

// latinBase folds the accented letters of Latin-1 (à…ÿ) and Latin
// Extended-A (ā…ſ), lower case, to their base letter; '.' keeps the letter
// (æ, œ, ß have no single base).
const (
	latin1Base  = "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y"
	latinABase  = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllllllllnnnnnn...oooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs" // U+0100…U+017F
	combiningLo = 0x300
	combiningHi = 0x36F
)

// fold makes a name comparable: lower case, accents and combining marks
// off, no-break spaces plain.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r >= combiningLo && r <= combiningHi {
			continue
		}
		if r == '\u00a0' || r == '\u202f' || r == '\u2007' {
			r = ' '
		} else if r >= 0xE0 && r <= 0xFF && latin1Base[r-0xE0] != '.' {
			r = rune(latin1Base[r-0xE0])
		} else if r >= 0x100 && r <= 0x17F && latinABase[r-0x100] != '.' {
			r = rune(latinABase[r-0x100])
		}
		b.WriteRune(r)
	}
	return b.String()
}
