package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
)

// reportRows is one chunk of the report: a <tbody> of rows (a table may have
// several). It renders again only when its rows or the language change.
type reportRows struct {
	app.Compo

	Rows []batch.Row
	Lang string
}

func (c *reportRows) Render() app.UI {
	return app.TBody().Body(
		app.Range(c.Rows).Slice(func(i int) app.UI {
			r := c.Rows[i]
			size := ""
			if r.Status == batch.StatusDone {
				size = fmt.Sprintf("%d×%d, %d KB", r.Width, r.Height, (r.Bytes+1023)/1024)
			}
			return app.Tr().Class(r.Status).Body(
				app.Td().Text(r.Input), app.Td().Text(r.Preset), app.Td().Text(r.Output),
				app.Td().Text(size), app.Td().Text(tr(c.Lang, r.Status)), app.Td().Text(r.Say(c.Lang)),
			)
		}),
	)
}
