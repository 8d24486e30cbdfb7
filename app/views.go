package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
	"picmark/internal/i18n"
	"picmark/internal/imgio"
)

// views.go holds the Page's sections, in the order a marketer uses them.

func (p *Page) renderIntake() app.UI {
	return app.Section().ID("intake").Class("card drop").Aria("label", p.t("Add photos")).Body(
		app.H2().Text(p.t("1. Add photos")),
		app.P().Class("drop-hint").Text(p.t("Drop a folder of photos anywhere on this page — sub-folders included — or choose one:")),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("folder-input").Class("visually-hidden").
				Attr("webkitdirectory", true).Multiple(true).Disabled(p.state == "running"),
			app.Label().For("folder-input").ID("pick-folder").Class("button").Text(p.t("Choose a folder")),
			app.Input().Type("file").ID("files-input").Class("visually-hidden").
				Multiple(true).Accept("image/*").Disabled(p.state == "running"),
			app.Label().For("files-input").ID("pick-files").Class("button secondary").Text(p.t("Choose files")),
		),
	)
}

func (p *Page) renderFiles() app.UI {
	files := p.sess.files
	if len(files) == 0 {
		return app.Section().ID("files").Class("card").Body(
			app.H2().Text(p.t("Files")),
			app.P().Class("muted").Text(p.t("No files yet.")),
			app.Ul().ID("file-list"),
		)
	}
	photos := p.sess.photos()
	return app.Section().ID("files").Class("card").Body(
		app.Div().Class("row").Body(
			app.H2().Text(p.t("Files: %d photos, %d skipped", photos, len(files)-photos)),
			app.Button().ID("clear").Class("button secondary small").Disabled(p.state == "running").
				Text(p.t("Clear the list")).OnClick(p.clear),
		),
		app.Ul().ID("file-list").Class("file-list").TabIndex(0).Aria("label", p.t("Files")).Body(
			app.Range(files).Slice(func(i int) app.UI {
				f := files[i]
				status := "ready"
				if f.Skip != "" {
					status = "skipped"
				}
				return app.Li().DataSet("path", f.Path).DataSet("status", status).Class(status).Body(
					app.Span().Class("path").Text(f.Path),
					app.If(f.Skip != "", func() app.UI {
						return app.Span().Class("reason").Text(p.t("skipped: %s", i18n.Say(p.lang, f.Skip)))
					}).Else(func() app.UI {
						label := p.t("Set a focal point")
						if f.Focal != nil {
							label = p.t("Focal point %.0f%%, %.0f%%", f.Focal.X*100, f.Focal.Y*100)
						}
						return app.Button().Class("button secondary small set-focal").DataSet("index", f.Index).
							Aria("label", label+": "+f.Path).Text(label).OnClick(p.openFocal(f.Index))
					}),
				)
			}),
		),
	)
}

func (p *Page) renderPresets() app.UI {
	all := p.choices.presets()
	return app.Section().ID("formats").Class("card").Body(
		app.H2().Text(p.t("2. Tick the formats")),
		app.Div().Class("presets").Body(
			app.Range(all).Slice(func(i int) app.UI {
				pr := all[i]
				id := "preset-" + pr.ID
				return app.Div().Class("preset").Body(
					app.Input().Type("checkbox").ID(id).Name("preset").Value(pr.ID).
						Checked(p.choices.Ticked[pr.ID]).Disabled(p.state == "running").OnChange(p.togglePreset(pr.ID)),
					app.Label().For(id).Body(
						app.Strong().Text(pr.Name),
						app.Span().Class("muted").Text(p.t(" %s, up to %s", pr.Size(), imgio.Bytes(pr.MaxBytes))),
					),
					app.If(p.isCustom(pr.ID), func() app.UI {
						return app.Button().Class("button secondary small remove-custom").DataSet("id", pr.ID).
							Aria("label", p.t("Remove the format %s", pr.Name)).Text(p.t("Remove")).OnClick(p.removeCustom(pr.ID))
					}),
				)
			}),
		),
		p.renderCustomForm(),
	)
}

func (p *Page) renderLogo() app.UI {
	l, c := p.logo, &p.choices
	return app.Div().ID("logo-layer").Body(
		app.H3().Text(p.t("Logo")),
		app.P().Class("muted").Text(p.t("A PNG with transparency, a JPEG or an SVG. It stays inside each platform's safe zone.")),
		app.Div().Class("actions").Body(
			app.Input().Type("file").ID("logo-input").Class("visually-hidden").
				Accept("image/png,image/jpeg,image/webp,image/svg+xml,.svg").OnChange(p.pickUpload(&p.logo, "logo")),
			app.Label().For("logo-input").ID("pick-logo").Class("button secondary").Text(p.t("Choose a logo")),
			app.If(l.Name != "", func() app.UI {
				return app.Span().Class("logo-chosen").Body(
					app.Img().ID("logo-preview").Src(l.URL).Alt(p.t("logo: %s", l.Name)),
					app.Span().Text(l.Name),
					app.Button().ID("remove-logo").Class("button secondary small").Text(p.t("Remove")).OnClick(p.removeUpload(&p.logo)),
				)
			}),
		),
		app.If(l.Error != "", func() app.UI {
			return app.P().ID("logo-error").Class("error").Attr("role", "alert").Text(l.Error)
		}),
		app.Div().Class("fields").Body(
			p.rangeField("logo-scale", "Size", 5, 50, "% of the width", &c.LogoScale),
			p.rangeField("logo-opacity", "Opacity", 0, 100, "%", &c.LogoOpacity),
			p.selectField("logo-anchor", "Position", anchorOptions(), &c.LogoAnchor),
		),
	)
}

func (p *Page) renderRun() app.UI {
	s := &p.sess
	status := p.notice
	if p.state == "running" {
		status = p.t("Working: %d of %d photos done…", s.done(), s.total)
		if now := s.current(); len(now) > 0 {
			status += " " + p.t("Now: %s.", strings.Join(now, ", "))
		}
		if left := s.left(time.Now()); left > 0 {
			status += " " + p.t("About %s left.", p.duration(left))
		}
	}
	retryable := p.state == "done" && len(s.failedJobs()) > 0
	return app.Section().ID("run").Class("card").Body(
		app.H2().Text(p.t("6. Make the pictures")),
		app.Div().Class("actions").Body(
			app.Button().ID("start").Class("button primary").Disabled(p.state == "running").
				Text(p.t("Make the pictures")).OnClick(p.start),
			app.If(p.state == "running", func() app.UI {
				return app.Button().ID("cancel").Class("button secondary").Text(p.t("Cancel (keep what is made)")).OnClick(p.cancel)
			}),
			app.If(retryable, func() app.UI {
				return app.Button().ID("retry").Class("button secondary").Text(p.t("Retry the failed photos")).OnClick(p.retry)
			}),
			app.If(p.zipURL != "" && canSaveToFolder(), func() app.UI {
				return app.Button().ID("save-folder").Class("button secondary").Text(p.t("Save into a folder…")).OnClick(p.saveFolder)
			}),
			app.If(p.zipURL != "" && len(p.sess.outputs) > 0 && canShare(), func() app.UI {
				return app.Button().ID("share").Class("button secondary").Text(p.t("Share…")).OnClick(p.share)
			}),
			app.If(p.zipURL != "", func() app.UI {
				return app.A().ID("download").Class("button primary").Href(p.zipURL).Download("picmark.zip").
					Text(p.t("Download the ZIP"))
			}),
		),
		app.Progress().ID("progress").Max(max(s.total, 1)).Value(s.done()).Aria("label", p.t("photos done")),
		app.P().ID("status").Attr("role", "status").Aria("live", "polite").Text(status),
	)
}

func (p *Page) renderReport() app.UI {
	rows := p.sess.rows
	if p.state != "done" || len(rows) == 0 {
		return app.Section().ID("report-section")
	}
	return app.Section().ID("report-section").Class("card").Body(
		app.H2().Text(p.t("Report")),
		app.Div().Class("table-scroll").TabIndex(0).Aria("label", p.t("Report")).Body(
			app.Table().ID("report").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text(p.t("File")), app.Th().Text(p.t("Format")), app.Th().Text(p.t("Output")),
					app.Th().Text(p.t("Size")), app.Th().Text(p.t("Status")), app.Th().Text(p.t("Details")),
				)),
				app.TBody().Body(
					app.Range(rows).Slice(func(i int) app.UI {
						r := rows[i]
						size := ""
						if r.Status == batch.StatusDone {
							size = fmt.Sprintf("%d×%d, %d KB", r.Width, r.Height, (r.Bytes+1023)/1024)
						}
						return app.Tr().Class(r.Status).Body(
							app.Td().Text(r.Input), app.Td().Text(r.Preset), app.Td().Text(r.Output),
							app.Td().Text(size), app.Td().Text(p.t(r.Status)), app.Td().Text(i18n.Say(p.lang, r.Message)),
						)
					}),
				),
			),
		),
	)
}

// duration says a time left in whole minutes, or seconds under a minute.
func (p *Page) duration(d time.Duration) string {
	if d < time.Minute {
		return p.t("%d s", int(d.Seconds()+0.5))
	}
	return p.t("%d min", int(d.Minutes()+0.5))
}
