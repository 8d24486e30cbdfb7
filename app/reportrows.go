package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
	"picmark/internal/msg"
)

// reportRows is one chunk of the report: a <tbody> of rows (a table may have
// several). It renders again only when its rows or the language change.
type reportRows struct {
	app.Compo

	Rows  []batch.Row
	Names map[string]string // the formats' names, by id
	Lang  string
}

func (c *reportRows) Render() app.UI {
	return app.TBody().Body(
		app.Range(c.Rows).Slice(func(i int) app.UI {
			r := c.Rows[i]
			size := ""
			if r.Status == batch.StatusDone {
				size = fmt.Sprintf("%d×%d, %s", r.Width, r.Height, msg.Size(c.Lang, r.Bytes))
			}
			format := c.Names[r.Preset]
			if format == "" {
				format = r.Preset
			}
			return app.Tr().Class(r.Status).Body(
				app.Td().Text(r.Input), app.Td().Text(format), app.Td().Text(r.Output),
				app.Td().Text(size), app.Td().Text(batch.StatusWord(r.Status, c.Lang)), app.Td().Text(r.Say(c.Lang)),
			)
		}),
	)
}
