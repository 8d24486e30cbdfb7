package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
	"picmark/internal/msg"
)

// reportTable is the Report section, shown once a batch is done. It opens
// on a summary (reportsummary.go): pictures done, with notes and failed,
// and each reason with its count and its files. Filters (status, format,
// reason, a file's name) narrow it, and the whole table is one click away:
// a table that puts in the page only the rows in view (window.go).
type reportTable struct {
	app.Compo

	// Read from the other sections (state.go).
	report   reportRows // Rows nil until a batch is done; replaced, never changed in place
	lang     string
	settings batchSettings // for the formats' names

	table  bool // the table is shown, not the summary
	filter reportFilter
	win    rowWindow

	// The summaries of Rows under the filter, and under it without its
	// reason (the reasons to choose from), made again when either changes:
	// a scroll of the table renders the section again.
	sum, reasons summaryMemo
}

// summaryMemo keeps the last summary made.
type summaryMemo struct {
	sum  reportSum
	of   []batch.Row
	with reportFilter
	made bool
}

func (m *summaryMemo) get(rows []batch.Row, f reportFilter) reportSum {
	same := m.made && len(m.of) == len(rows) && (len(rows) == 0 || &m.of[0] == &rows[0]) && m.with == f
	if !same {
		m.sum, m.of, m.with, m.made = summarize(rows, f), rows, f, true
	}
	return m.sum
}

// The table's row and box heights before the page measures them
// (web/picmark.css #report).
const reportRowH, reportViewH = 68, 480

// anyValue is the filters' "All" (an option's empty value reads as its text).
const anyValue = "*"

// filesShown is how many of a reason's files the summary names.
const filesShown = 5

func (c *reportTable) OnMount(ctx app.Context) {
	ctx.ObserveState(stateReport, &c.report)
	ctx.ObserveState(stateLang, &c.lang)
	ctx.ObserveState(stateSettings, &c.settings)
}

// names are the formats' names, by id.
func (c *reportTable) names() map[string]string { return formatNames(c.settings.Choices, c.lang) }

func (c *reportTable) t(en string, args ...any) string { return tr(c.lang, en, args...) }

// summary is the report under the filter, made once per change.
func (c *reportTable) summary() reportSum {
	if c.filter == (reportFilter{}) && c.report.Sum != nil {
		return *c.report.Sum // made with the rows, at the batch's end
	}
	return c.sum.get(c.report.Rows, c.filter)
}

func (c *reportTable) Render() app.UI {
	if len(c.report.Rows) == 0 {
		c.table, c.filter, c.win, c.sum, c.reasons = false, reportFilter{}, rowWindow{}, summaryMemo{}, summaryMemo{}
		return app.Section().ID("report-section")
	}
	s := c.summary()
	return app.Section().ID("report-section").Class("card").Body(
		app.Div().Class("row").Body(
			app.H2().Text(c.t("Report")),
			app.Div().Class("actions report-views").Attr("role", "group").Aria("label", c.t("Report")).Body(
				app.Button().ID("report-summary-view").Class("button secondary small").Aria("pressed", !c.table).
					Text(c.t("Summary")).OnClick(c.show(false)),
				app.Button().ID("report-table-view").Class("button secondary small").Aria("pressed", c.table).
					Text(c.t("Every row (%d)", len(s.Rows))).OnClick(c.show(true)),
			),
		),
		c.renderFilters(),
		app.If(c.table, func() app.UI { return c.renderTable(s) }).
			Else(func() app.UI { return c.renderSummary(s) }),
	)
}

// show switches between the summary and the table.
func (c *reportTable) show(table bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.table = table }
}

func (c *reportTable) renderFilters() app.UI {
	statuses := []option{{anyValue, c.t("All")}, {batch.StatusDone, c.t("done")}, {statusNotes, c.t("done, with notes")},
		{batch.StatusFailed, c.t("failed")}, {batch.StatusLeftOut, c.t("left out")}}
	formats, names := []option{{anyValue, c.t("All")}}, c.names()
	seen := map[string]bool{}
	last := ""
	for _, r := range c.report.Rows {
		if r.Preset == last {
			continue // a file's rows are together, in the formats' order: most rows repeat the one before
		}
		last = r.Preset
		if r.Preset != "" && !seen[r.Preset] {
			seen[r.Preset] = true
			formats = append(formats, option{r.Preset, formatName(names, r.Preset)})
		}
	}
	// The reasons of the rows the other filters let through.
	f := c.filter
	f.Reason = ""
	reasons := []option{{anyValue, c.t("All")}}
	groups := c.summary().Groups // the same rows when no reason is chosen
	if c.filter.Reason != "" {
		groups = c.reasons.get(c.report.Rows, f).Groups
	}
	for _, g := range groups {
		reasons = append(reasons, option{g.Key, c.groupText(g)})
	}
	if c.filter.Reason != "" && len(reasons) == 1 {
		reasons = append(reasons, option{c.filter.Reason, c.filter.Reason})
	}
	return app.Div().ID("report-filters").Class("fields report-filters").Body(
		c.filterSelect("report-status", "Status", statuses, &c.filter.Status),
		c.filterSelect("report-format", "Format", formats, &c.filter.Format),
		c.filterSelect("report-reason", "Reason", reasons, &c.filter.Reason),
		app.Div().Class("field").Body(
			app.Label().For("report-search").Text(c.t("Find a file")),
			app.Input().Type("search").ID("report-search").Value(c.filter.Search).
				Placeholder(c.t("part of its name")).OnInput(c.setFilter(&c.filter.Search)),
		),
	)
}

func (c *reportTable) filterSelect(id, label string, opts []option, v *string) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(c.t(label)),
		app.Select().ID(id).OnChange(c.setFilter(v)).Body(
			app.Range(opts).Slice(func(i int) app.UI {
				return app.Option().Value(opts[i].value).Selected(opts[i].value == *v || opts[i].value == anyValue && *v == "").Text(opts[i].label)
			}),
		),
	)
}

// setFilter sets one of the filter's fields from its control, and shows
// the table's top.
func (c *reportTable) setFilter(v *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if *v = ctx.JSSrc().Get("value").String(); *v == anyValue {
			*v = ""
		}
		c.toTop(ctx)
	}
}

func (c *reportTable) toTop(ctx app.Context) {
	c.win.First = 0
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("report"); el.Truthy() {
			el.Set("scrollTop", 0)
		}
	})
}

// groupText is a reason as the summary says it: its message in the page's
// language, numbers left out when they differ from row to row.
func (c *reportTable) groupText(g reportGroup) string {
	text := g.Msg.Say(c.lang)
	if !g.Varies {
		return text
	}
	var b strings.Builder
	digits := false
	for _, r := range text {
		isDigit := r >= '0' && r <= '9' || digits && (r == '.' || r == ',')
		if isDigit && !digits {
			b.WriteString("…")
		}
		if !isDigit {
			b.WriteRune(r)
		}
		digits = isDigit
	}
	return b.String()
}

// statusClass is a status as a class name ("left out": "left-out").
func statusClass(status string) string { return strings.ReplaceAll(status, " ", "-") }

func (c *reportTable) renderSummary(s reportSum) app.UI {
	counts := []struct {
		class, text string
		n           int
	}{
		{"done", c.count(s.Done, "%d picture made", "%d pictures made"), s.Done},
		{"notes", c.count(s.Notes, "%d of them with a note", "%d of them with notes"), s.Notes},
		{"failed", c.count(s.Failed, "%d picture could not be made", "%d pictures could not be made"), s.Failed},
	}
	return app.Div().ID("report-summary").Body(
		app.P().Class("muted").Text(c.count(s.Files, "From %d file.", "From %d files.")),
		app.Ul().Class("report-counts").Body(
			app.Range(counts).Slice(func(i int) app.UI {
				return app.Li().Class(counts[i].class).DataSet("count", counts[i].n).Text(counts[i].text)
			}),
		),
		app.If(len(s.Groups) > 0, func() app.UI {
			return app.H3().Text(c.t("Why, file by file"))
		}),
		app.Ul().ID("report-groups").Class("report-groups").Body(
			app.Range(s.Groups).Slice(func(i int) app.UI { return c.renderGroup(s.Groups[i]) }),
		),
	)
}

func (c *reportTable) renderGroup(g reportGroup) app.UI {
	names := g.Files[:min(len(g.Files), filesShown)]
	files := strings.Join(names, ", ")
	if more := len(g.Files) - len(names); more > 0 {
		files += " " + c.count(more, "and %d other", "and %d more")
	}
	status := c.t("failed")
	switch g.Status {
	case statusNotes:
		status = c.t("note")
	case batch.StatusLeftOut:
		status = c.t("left out")
	}
	what := c.count(len(g.Files), "%d file", "%d files")
	if len(g.Files) == 0 {
		what = ""
	}
	return app.Li().Class("report-group "+statusClass(g.Status)).DataSet("reason", g.Key).DataSet("rows", g.Rows).DataSet("files", len(g.Files)).Body(
		app.P().Class("reason-text").Body(
			app.Strong().Text(status+colon(c.lang)),
			app.Text(c.groupText(g)),
		),
		app.If(what != "", func() app.UI {
			return app.P().Class("reason-files").Body(
				app.Strong().Text(what+colon(c.lang)),
				app.Text(files),
				app.Text(" "),
				app.Button().Class("button secondary small show-reason").DataSet("reason", g.Key).
					Text(c.t("Show them in the table")).OnClick(c.showReason),
			)
		}),
	)
}

// showReason shows the table with the rows of the button's reason (its
// data-reason: see openFocalHere).
func (c *reportTable) showReason(ctx app.Context, e app.Event) {
	c.filter.Reason, c.table = ctx.JSSrc().Get("dataset").Get("reason").String(), true
	c.toTop(ctx)
}

// colon is ": " in English, " : " in French (a non-breaking space before).
func colon(lang string) string {
	if lang == "fr" {
		return "\u00a0: "
	}
	return ": "
}

// count says n with the singular or plural sentence (counted).
func (c *reportTable) count(n int, one, many string) string { return counted(c.lang, n, one, many) }

// counted says one or many in lang, as the language's plural rule picks
// for n (msg.Form: in French 0 and 1 are singular), with args (n when
// none are given).
func counted(lang string, n int, one, many string, args ...any) string {
	if len(args) == 0 {
		args = []any{n}
	}
	return tr(lang, msg.Form(lang, int64(n), one+"|"+many), args...)
}

func (c *reportTable) renderTable(s reportSum) app.UI {
	n := len(s.Rows)
	first, last := c.win.span(n, reportRowH, reportViewH)
	top, bottom := c.win.padding(n, first, last, reportRowH)
	rows, names := s.Rows[first:last], c.names()
	return app.Div().ID("report").Class("report vlist").Attr("role", "table").TabIndex(0).
		Aria("label", c.t("Report")).Aria("rowcount", n+1).OnScroll(c.scroll).Body(
		app.Div().Class("report-head").Attr("role", "rowgroup").Body(
			app.Div().Class("report-row").Attr("role", "row").Aria("rowindex", 1).Body(
				app.Div().Attr("role", "columnheader").Text(c.t("File")),
				app.Div().Attr("role", "columnheader").Text(c.t("Format")),
				app.Div().Attr("role", "columnheader").Text(c.t("Output")),
				app.Div().Attr("role", "columnheader").Text(c.t("Size")),
				app.Div().Attr("role", "columnheader").Text(c.t("Status")),
				app.Div().Attr("role", "columnheader").Text(c.t("Details")),
			),
		),
		app.Div().Class("vrows").Attr("role", "rowgroup").DataSet("pad-top", top).DataSet("pad-bottom", bottom).Body(
			app.Range(rows).Slice(func(i int) app.UI {
				r := c.report.Rows[rows[i]]
				size, details := "", r.Say(c.lang)
				if r.Status == batch.StatusDone {
					size = fmt.Sprintf("%d×%d, %s", r.Width, r.Height, c.t("%d KB", (r.Bytes+1023)/1024))
				}
				return app.Div().Class("report-row vrow "+statusClass(rowStatus(r))).Attr("role", "row").Aria("rowindex", first+i+2).
					DataSet("input", r.Input).DataSet("preset", r.Preset).Body(
					app.Div().Class("c-file").Attr("role", "cell").Title(r.Input).Text(r.Input),
					app.Div().Class("c-format").Attr("role", "cell").Text(formatName(names, r.Preset)),
					app.Div().Class("c-output").Attr("role", "cell").Title(r.Output).Text(r.Output),
					app.Div().Class("c-size").Attr("role", "cell").Text(size),
					app.Div().Class("c-status").Attr("role", "cell").Text(c.t(r.Status)),
					app.Div().Class("c-details").Attr("role", "cell").Title(details).Text(details),
				)
			}),
		),
	)
}

func (c *reportTable) scroll(ctx app.Context, e app.Event) {
	if !c.win.scrolled(ctx.JSSrc()) {
		ctx.PreventUpdate()
	}
}
