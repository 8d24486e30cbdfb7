package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/msg"
)

// sheetPanel is the Sheet section (story.go): the sheet, how its rows meet
// the photos, the column of file names, and the post texts' templates. It
// owns the sheet and publishes it (stateSheet) with the story it tells of
// the photos and the templates (stateStory), made again when the files,
// the settings or the sheet change. The post templates are settings: their
// fields ask the settings' owner to change them (actionEditSettings).
type sheetPanel struct {
	app.Compo

	sheet   sheetState
	stories storyCache
	story   storyState // as last published

	// Read from the other sections (state.go).
	lang     string
	settings batchSettings
	files    fileSet
	state    string
}

func newSheetPanel() *sheetPanel {
	return &sheetPanel{lang: "en", settings: batchSettings{Choices: defaultChoices()}, state: runIdle}
}

func (c *sheetPanel) OnMount(ctx app.Context) {
	ctx.ObserveState(stateLang, &c.lang)
	ctx.ObserveState(stateRun, &c.state)
	ctx.ObserveState(stateSettings, &c.settings).OnChange(func() { c.publishStory(ctx) })
	ctx.ObserveState(stateFiles, &c.files).OnChange(func() { c.publishStory(ctx) })
	ctx.Handle(actionReadSheet, func(ctx app.Context, a app.Action) {
		f := a.Value.(sheetFile)
		c.loadSheet(ctx, f.File, f.Name)
	})
	c.publishSheet(ctx)
}

func (c *sheetPanel) t(en string, args ...any) string { return tr(c.lang, en, args...) }

func (c *sheetPanel) tn(n int, en string, args ...any) string { return trn(c.lang, n, en, args...) }

// tell makes the story of the sheet, the photos and the templates again
// if one of them changed, and reports whether it did.
func (c *sheetPanel) tell() bool {
	st, err := c.stories.of(c.sheet, c.settings.settings(), c.files.Photos)
	// Errors by their words: == on an error whose type is not comparable panics.
	sameErr := (err == nil) == (c.story.Err == nil) && (err == nil || err.Error() == c.story.Err.Error())
	if st == c.story.Story && sameErr && (st == nil && err == nil || c.files.Gen == c.story.Gen) {
		return false
	}
	c.story = storyState{Story: st, Err: err, Gen: c.files.Gen}
	return true
}

// publishStory shares the story when it changed (stateStory).
func (c *sheetPanel) publishStory(ctx app.Context) {
	if c.tell() {
		ctx.SetState(stateStory, c.story)
	}
}

// pickSheet reads the sheet chosen with the picker.
func (c *sheetPanel) pickSheet(ctx app.Context, e app.Event) {
	if file, name, _, ok := picked(ctx); ok {
		c.loadSheet(ctx, file, name)
	}
}

// loadSheet has a worker read the sheet; the page says so meanwhile.
func (c *sheetPanel) loadSheet(ctx app.Context, file app.Value, name string) {
	if c.state == runRunning {
		return
	}
	c.sheet.Loading, c.sheet.Error = name, msg.Message{}
	c.publishSheet(ctx)
	lang := c.lang
	ctx.Async(func() {
		s, problem := readSheet(file, name, lang)
		ctx.Dispatch(func(ctx app.Context) {
			c.sheet.Loading = ""
			if problem.IsZero() {
				c.sheet.Sheet, c.sheet.Match = s, ""
				c.sheet.gen++
			} else {
				c.sheet.Error = problem
			}
			c.publishSheet(ctx)
		})
	})
}

func (c *sheetPanel) removeSheet(ctx app.Context, e app.Event) {
	if c.state != runRunning {
		c.sheet = sheetState{gen: c.sheet.gen + 1}
		c.publishSheet(ctx)
	}
}

func (c *sheetPanel) chooseMatch(ctx app.Context, e app.Event) {
	c.sheet.Match = ctx.JSSrc().Get("value").String()
	c.publishSheet(ctx)
}

// publishSheet shares the sheet with the sections that read it
// (stateSheet), and its story: at mount, and on every change.
func (c *sheetPanel) publishSheet(ctx app.Context) {
	ctx.SetState(stateSheet, c.sheet)
	c.tell()
	ctx.SetState(stateStory, c.story)
}

// maxListed is how many unmatched photos or rows the page names; the
// report has them all.
const maxListed = 8

// listSome joins the first maxListed items, saying how many more there are.
func (c *sheetPanel) listSome(items []string) string {
	if len(items) > maxListed {
		n := len(items) - maxListed
		return strings.Join(items[:maxListed], ", ") + c.tn(n, " and %d more", n)
	}
	return strings.Join(items, ", ")
}

func (c *sheetPanel) Render() app.UI {
	ch, s := &c.settings.Choices, &c.sheet
	running := c.state == runRunning
	body := []app.UI{
		app.H2().Text(c.t("Captions and posts from a sheet (optional)")),
		app.P().Class("muted").Text(c.t("A CSV or TSV sheet with a row per product and a column naming its photos (from Excel or LibreOffice, save it as CSV UTF-8 first). " +
			"Write {Column} in a text layer, a post text or the names to take each photo's value: {Produit} – {Prix} €.")),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("sheet-input").Class("visually-hidden").Accept(sheetTypes).Disabled(running).OnChange(c.pickSheet),
			app.Label().For("sheet-input").ID("pick-sheet").Class("button secondary").Text(c.t("Choose a sheet")),
			app.If(s.Sheet != nil, func() app.UI {
				return app.Button().ID("remove-sheet").Class("button secondary small").Disabled(running).Text(c.t("Remove the sheet")).OnClick(c.removeSheet)
			}),
		),
	}
	if s.Loading != "" {
		body = append(body, app.P().ID("sheet-loading").Attr("role", "status").Text(c.t("Reading %s…", s.Loading)))
	}
	if !s.Error.IsZero() {
		body = append(body, app.P().ID("sheet-error").Class("error").Attr("role", "alert").Text(s.Error.Say(c.lang)))
		if !says(s.Error, msg.SheetWorkbook) { // which says how already
			body = append(body, app.P().ID("sheet-hint").Class("muted").Text(c.t("If your spreadsheet cannot be read, save it as CSV UTF-8 (in Excel: File > Save As, type “CSV UTF-8 (Comma delimited)”) and choose that file.")))
		}
	}
	if sh := s.Sheet; sh != nil {
		opts := []option{{"", c.t("Found on its own")}}
		for _, h := range sh.Header {
			if h != "" {
				opts = append(opts, option{h, h})
			}
		}
		body = append(body,
			app.P().ID("sheet-name").Text(c.tn(len(sh.Rows), "%s: %d row, columns %s.|%s: %d rows, columns %s.", sh.Name, len(sh.Rows), strings.Join(sh.Header, ", "))),
			app.Div().Class("fields").Body(
				app.Div().Class("field").Body(
					app.Label().For("sheet-match").Text(c.t("Column of the photos' file names")),
					app.Select().ID("sheet-match").Disabled(running).OnChange(c.chooseMatch).Body(
						app.Range(opts).Slice(func(i int) app.UI {
							return app.Option().Value(opts[i].value).Selected(opts[i].value == s.Match).Text(opts[i].label)
						}),
					),
				),
			),
		)
	}
	body = append(body, c.renderMatches())
	body = append(body, app.Div().Class("fields").Body(
		c.postField("post-title", "Post title (posts.csv)", "e.g. {Produit}", ch.PostTitle, func(ch *choices, v string) { ch.PostTitle = v }),
		c.postField("post-description", "Post description", "e.g. {Description}", ch.PostDescription, func(ch *choices, v string) { ch.PostDescription = v }),
		c.postField("post-alt", "Alt text (empty: the title)", "e.g. {Produit}, {Couleur}", ch.PostAlt, func(ch *choices, v string) { ch.PostAlt = v }),
	))
	return app.Section().ID("sheet").Class("card").Body(body...)
}

// renderMatches says how the sheet's rows meet the photos, before the
// batch: or what stops the batch (a column the sheet lacks, two rows
// claiming one photo).
func (c *sheetPanel) renderMatches() app.UI {
	st, err := c.story.Story, c.story.Err
	switch {
	case err != nil:
		return app.P().ID("sheet-problem").Class("error").Attr("role", "alert").Text(msg.Reason(err, c.lang))
	case st == nil || st.Matches == nil:
		return app.P().ID("sheet-matches").Hidden(true)
	}
	paths := photoPaths(c.files.Photos)
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
		app.P().ID("matched").Text(c.tn(len(paths)-len(alone), "%d of %d photos has its row.|%d of %d photos have their row.", len(paths)-len(alone), len(paths))),
		app.If(len(alone) > 0, func() app.UI {
			return app.P().ID("unmatched-photos").Text(c.t("No row names %s: their text layers are left out.", c.listSome(alone)))
		}),
		app.If(len(lines) > 0, func() app.UI {
			return app.P().ID("unmatched-rows").Text(c.t("Rows that name no photo of the batch: lines %s.", c.listSome(lines)))
		}),
	)
}

// postField is a post text's template: typed, it asks the settings'
// owner to change it (kept for the next visit once the field is left).
// The section's own copy changes at once: a frame rendered before the
// owner's answer comes back must not put an older value in the field
// while it is typed in.
func (c *sheetPanel) postField(id, label, placeholder, value string, set func(*choices, string)) app.UI {
	edit := func(keep bool) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			v := ctx.JSSrc().Get("value").String()
			set(&c.settings.Choices, v)
			ctx.NewActionWithValue(actionEditSettings, settingsEdit{Edit: func(ch *choices) { set(ch, v) }, Keep: keep})
		}
	}
	return app.Div().Class("field wide").Body(
		app.Label().For(id).Text(c.t(label)),
		app.Input().Type("text").ID(id).Value(value).Placeholder(c.t(placeholder)).OnInput(edit(false)).OnChange(edit(true)),
	)
}

// says reports whether m is c, or says c inside it (msg.SheetSays's why).
func says(m msg.Message, c msg.Code) bool {
	if m.Code == c {
		return true
	}
	for _, a := range m.Args {
		if a.Kind == msg.KindWord && msg.Code(a.S) == c {
			return true
		}
	}
	return false
}
