package app

import (
	"fmt"
	"hash/crc32"
	"path"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// story.go: a sheet beside the photos (a product list, a price sheet, an
// e-shop export) tells each photo's story: its row fills the text layers'
// templates ({Produit} – {Prix} €), the output names' {col:…} and the post
// texts of posts.csv. The sheet is read by a worker, never on this thread;
// the matches are shown before the batch; each photo's words can be
// changed on the photo itself, as its focal point.

// sheetState is the sheet loaded beside the photos.
type sheetState struct {
	Sheet   *sheet.Sheet
	Loading string      // the name of the sheet being read
	Error   msg.Message // why it could not be read
	Match   string      // the column of file names the user chose; "" finds it
	gen     int         // bumped for each sheet read: the previews depend on it
}

// storyCache keeps the story made for the page's state: it is asked on
// every render.
type storyCache struct {
	key   string
	story *job.Story
	err   error
}

// sheetTypes is the sheet picker's accept list.
const sheetTypes = ".csv,.tsv,.txt,.xlsx,.ods,text/csv,text/tab-separated-values," +
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"

// isSheet says whether a received file is a sheet by its name: a sheet
// dropped with the photos is read as the sheet, not listed as a file
// picmark skips. (.txt stays a file: notes.txt is rarely a sheet; the
// picker takes it.)
func isSheet(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".csv", ".tsv", ".xlsx", ".ods", ".xls":
		return true
	}
	return false
}

// listed takes files the glue names before reading them: the list shows
// them at once, and received describes them. A sheet waits for received.
func (p *Page) listed(l wire.Listed) {
	paths := l.ListedPaths()
	for i, f := range paths {
		if isSheet(f) {
			if p.sheetsNamed == nil {
				p.sheetsNamed = map[int]string{}
			}
			p.sheetsNamed[l.First+i] = f
			paths[i] = "" // not listed: read as the sheet once received
		}
	}
	p.sess.list(l.First, paths)
}

// received takes files from the glue, described: sheets are read, the rest
// listed (or, listed already, told apart).
func (p *Page) received(ctx app.Context, list []wire.Picked) {
	var photos []wire.Picked
	for _, f := range list {
		if name, ok := p.sheetsNamed[f.Index]; ok {
			f.Path = name
			delete(p.sheetsNamed, f.Index)
		}
		if isSheet(f.Path) && f.Error == "" {
			p.loadSheet(ctx, glueFile(f.Index), path.Base(f.Path))
			continue
		}
		photos = append(photos, f)
	}
	p.sess.add(photos)
	if p.startWhenRead && p.sess.unread == 0 {
		p.startWhenRead, p.notice = false, ""
		p.start(ctx, app.Event{})
	}
}

// pickSheet reads the sheet chosen with the picker.
func (p *Page) pickSheet(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Length() == 0 {
		return
	}
	file := files.Index(0)
	ctx.JSSrc().Set("value", "")
	p.loadSheet(ctx, file, file.Get("name").String())
}

// loadSheet has a worker read the sheet; the page says so meanwhile.
func (p *Page) loadSheet(ctx app.Context, file app.Value, name string) {
	if p.state == "running" {
		return
	}
	p.sheet.Loading, p.sheet.Error = name, msg.Message{}
	lang := p.lang
	ctx.Async(func() {
		s, problem := readSheet(file, name, lang)
		ctx.Dispatch(func(ctx app.Context) {
			p.sheet.Loading = ""
			if !problem.IsZero() {
				p.sheet.Error = problem
				return
			}
			p.sheet.Sheet, p.sheet.Match = s, ""
			p.sheet.gen++
		})
	})
}

func (p *Page) removeSheet(ctx app.Context, e app.Event) {
	if p.state != "running" {
		p.sheet = sheetState{gen: p.sheet.gen + 1}
	}
}

func (p *Page) chooseMatch(ctx app.Context, e app.Event) {
	p.sheet.Match = ctx.JSSrc().Get("value").String()
}

// story is the page's sheet put to work on its photos and templates, or
// why it cannot be (a column the sheet lacks, two rows claiming one
// photo); nil when there is neither a sheet nor a template.
func (p *Page) story() (*job.Story, error) {
	settings := p.choices.settings(p.logo, p.font)
	kit := settings.Kit
	if p.sheet.Sheet == nil && len(kit.Texts) == 0 && kit.Posts.Empty() {
		return nil, nil
	}
	paths := p.sess.photoPaths()
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%s|%s|%d|%08x", p.sheet.gen, p.sheet.Match, settings.Name, len(paths), crc32.ChecksumIEEE([]byte(strings.Join(paths, "\n"))))
	for _, t := range kit.Texts {
		b.WriteString("|" + t.Content)
	}
	if kit.Posts != nil {
		fmt.Fprintf(&b, "|%s|%s|%s", kit.Posts.Title, kit.Posts.Description, kit.Posts.AltText)
	}
	if key := b.String(); key != p.stories.key {
		p.stories.key = key
		p.stories.story, p.stories.err = settings.Story(p.sheet.Sheet, paths, p.sheet.Match)
	}
	return p.stories.story, p.stories.err
}

// words are photo f's text layers' words (f is the photo-th photo): the
// sheet's, with the user's own over them; nil when neither a sheet nor
// the user gives any, so the kit's own texts draw (and stay cached).
func (p *Page) words(st *job.Story, photo int, f fileEntry) []job.Caption {
	if st == nil || p.sheet.Sheet == nil && len(f.Words) == 0 {
		return nil
	}
	caps := st.Captions(photo)
	for k, w := range f.Words {
		if k < len(caps) && w != "" {
			caps[k] = job.Caption{Text: w}
		}
	}
	return caps
}

// photoIndex is a file's place among the photos (see session.photoPaths),
// or -1.
func (p *Page) photoIndex(index int) int {
	n := 0
	for _, f := range p.sess.files {
		if !f.photo() {
			continue
		}
		if f.Index == index {
			return n
		}
		n++
	}
	return -1
}

// wordsKey is what a photo's previews depend on beyond the settings: its
// words.
func wordsKey(caps []job.Caption) string {
	if caps == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range caps {
		b.WriteString("|" + c.Text)
	}
	return b.String()
}

// storyRun is the batch's share of the story: each photo's words and
// {col:…} values.
func (p *Page) storyRun(st *job.Story) storyRun {
	if st == nil {
		return storyRun{}
	}
	run := storyRun{story: st, words: func(i int, f fileEntry) []job.Caption { return p.words(st, i, f) }}
	if namer, err := batch.NewNamer(p.choices.Name); err == nil && len(namer.Columns()) > 0 {
		run.cols = func(i int) []string { return st.Cols(i, namer) }
	}
	return run
}

// maxListed is how many unmatched photos or rows the page names; the
// report has them all.
const maxListed = 8

// listSome joins the first maxListed items, saying how many more there are.
func (p *Page) listSome(items []string) string {
	if len(items) > maxListed {
		n := len(items) - maxListed
		return strings.Join(items[:maxListed], ", ") + p.tn(n, " and %d more", n)
	}
	return strings.Join(items, ", ")
}

// renderSheet is the Sheet section: the sheet, how its rows meet the
// photos, the column of file names, and the post texts' templates.
func (p *Page) renderSheet() app.UI {
	c, s := &p.choices, &p.sheet
	running := p.state == "running"
	body := []app.UI{
		app.H2().Text(p.t("Captions and posts from a sheet (optional)")),
		app.P().Class("muted").Text(p.t("A CSV or TSV sheet with a row per product and a column naming its photos (from Excel or LibreOffice, save it as CSV UTF-8 first). " +
			"Write {Column} in a text layer, a post text or the names to take each photo's value: {Produit} – {Prix} €.")),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("sheet-input").Class("visually-hidden").Accept(sheetTypes).Disabled(running).OnChange(p.pickSheet),
			app.Label().For("sheet-input").ID("pick-sheet").Class("button secondary").Text(p.t("Choose a sheet")),
			app.If(s.Sheet != nil, func() app.UI {
				return app.Button().ID("remove-sheet").Class("button secondary small").Disabled(running).Text(p.t("Remove the sheet")).OnClick(p.removeSheet)
			}),
		),
	}
	if s.Loading != "" {
		body = append(body, app.P().ID("sheet-loading").Attr("role", "status").Text(p.t("Reading %s…", s.Loading)))
	}
	if !s.Error.IsZero() {
		body = append(body, app.P().ID("sheet-error").Class("error").Attr("role", "alert").Text(s.Error.Say(p.lang)),
			app.P().Class("muted").Text(p.t("If your spreadsheet cannot be read, save it as CSV UTF-8 (in Excel: File, Save as, CSV UTF-8) and choose that file.")))
	}
	if sh := s.Sheet; sh != nil {
		opts := []option{{"", p.t("Found on its own")}}
		for _, h := range sh.Header {
			if h != "" {
				opts = append(opts, option{h, h})
			}
		}
		body = append(body,
			app.P().ID("sheet-name").Text(p.tn(len(sh.Rows), "%s: %d row, columns %s.|%s: %d rows, columns %s.", sh.Name, len(sh.Rows), strings.Join(sh.Header, ", "))),
			app.Div().Class("fields").Body(
				app.Div().Class("field").Body(
					app.Label().For("sheet-match").Text(p.t("Column of the photos' file names")),
					app.Select().ID("sheet-match").Disabled(running).OnChange(p.chooseMatch).Body(
						app.Range(opts).Slice(func(i int) app.UI {
							return app.Option().Value(opts[i].value).Selected(opts[i].value == s.Match).Text(opts[i].label)
						}),
					),
				),
			),
		)
	}
	body = append(body, p.renderMatches())
	body = append(body, app.Div().Class("fields").Body(
		p.textField("post-title", "Post title (posts.csv)", "e.g. {Produit}", &c.PostTitle),
		p.textField("post-description", "Post description", "e.g. {Description}", &c.PostDescription),
		p.textField("post-alt", "Alt text (empty: the title)", "e.g. {Produit}, {Couleur}", &c.PostAlt),
	))
	return app.Section().ID("sheet").Class("card").Body(body...)
}

// renderMatches says how the sheet's rows meet the photos, before the
// batch: or what stops the batch (a column the sheet lacks, two rows
// claiming one photo).
func (p *Page) renderMatches() app.UI {
	st, err := p.story()
	switch {
	case err != nil:
		return app.P().ID("sheet-problem").Class("error").Attr("role", "alert").Text(msg.Reason(err, p.lang))
	case st == nil || st.Matches == nil:
		return app.P().ID("sheet-matches").Hidden(true)
	}
	paths := p.sess.photoPaths()
	var alone []string
	for i, r := range st.Matches.Rows {
		if r < 0 {
			alone = append(alone, paths[i])
		}
	}
	var lines []string
	for _, r := range st.Matches.Unmatched {
		lines = append(lines, fmt.Sprint(st.Sheet.Rows[r].Line))
	}
	return app.Div().ID("sheet-matches").Attr("role", "status").Body(
		app.P().ID("matched").Text(p.tn(len(paths)-len(alone), "%d of %d photos has its row.|%d of %d photos have their row.", len(paths)-len(alone), len(paths))),
		app.If(len(alone) > 0, func() app.UI {
			return app.P().ID("unmatched-photos").Text(p.t("No row names %s: their text layers are left out.", p.listSome(alone)))
		}),
		app.If(len(lines) > 0, func() app.UI {
			return app.P().ID("unmatched-rows").Text(p.t("Rows that name no photo of the batch: lines %s.", p.listSome(lines)))
		}),
	)
}
