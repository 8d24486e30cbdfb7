package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
	"picmark/internal/imgio"
	"picmark/internal/job"
)

// room.go: a batch starts only when its outputs will fit where they wait
// for the download (the origin's private file system: web/js/storage.js).
// Their size is estimated from the formats and the photos (batch.Estimate)
// and the browser asked to set that much room aside; when they will not
// fit, the page says so and what to do instead, and nothing starts.

// whenRoom runs then once the browser has said there is room for the
// batch's outputs, or that it cannot tell; otherwise the notice says why
// the batch does not start.
func (c *runPanel) whenRoom(ctx app.Context, settings job.Settings, then func(app.Context)) {
	if c.checkingRoom {
		return
	}
	need := batch.Estimate(c.settings.Choices.chosen(), c.sess.photos(), imgio.Format(settings.Format), settings.Quality)
	c.checkingRoom = true
	ctx.Async(func() {
		fits, known := outputsFit(need)
		ctx.Dispatch(func(ctx app.Context) {
			c.checkingRoom = false
			if known && !fits {
				c.notice = c.noRoom(need, canSaveToFolder())
				return
			}
			then(ctx)
		})
	})
}

// noRoom says that a batch's outputs (need bytes) will not fit, and what
// to do.
func (c *runPanel) noRoom(need int64, folder bool) said {
	const (
		withFolder = "These pictures need about %s, more than this browser can keep for picmark until you download them. " +
			"Choose “Save into a folder…” to write them straight into a folder on this computer as they are made, or tick fewer formats."
		without = "These pictures need about %s, more than this browser can keep for picmark until you download them. " +
			"Tick fewer formats, or add fewer photos at a time."
	)
	if folder {
		return tell(withFolder, size(need))
	}
	return tell(without, size(need))
}
