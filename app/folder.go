package app

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/batch"
)

// folder.go: "Save into a folder…" before a batch. The marketer picks a
// folder (the File System Access API's directory picker) and each picture
// is written into it as soon as it is made, with the report of the rows so
// far; the page keeps no copy and makes no ZIP. So a batch of gigabytes
// goes where the disk allows, and what was written survives a closed tab.
// (After a batch made for a ZIP, the same button saves what was made:
// runPanel.saveFolder.)

// reportEvery is how often the report in the folder is written again
// while the batch runs; it is written whole at the end.
const reportEvery = 2 * time.Second

// startFolder asks for the folder, then starts the batch into it. There
// is no room to check: the folder is on the marketer's own disk.
func (c *runPanel) startFolder(ctx app.Context, e app.Event) {
	settings, ok := c.ready()
	if !ok {
		return
	}
	ctx.Async(func() {
		name, err := await(glue().Get("toFolder").Call("pick"))
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil && strings.Contains(err.Error(), "AbortError"):
				// The marketer closed the folder picker: nothing to say.
			case err != nil:
				c.notice = tell("picmark cannot write into that folder (%v): choose another one.", err)
			default:
				c.reportAt, c.folderName = time.Time{}, name.String()
				c.begin(ctx, settings, true)
			}
		})
	})
}

// writeArrived writes job id's outputs into the folder as they arrive, and
// the report so far every reportEvery.
func (c *runPanel) writeArrived(id int) {
	for _, o := range c.sess.nameArrived(id) {
		glue().Get("toFolder").Call("output", o.Key, o.Name)
	}
	if time.Since(c.reportAt) >= reportEvery {
		c.reportAt = time.Now()
		glue().Get("toFolder").Call("report", encodeApp(c.sess.reportSoFar(c.lang)))
	}
}

// finishFolder waits for the last writes, reports those that failed, and
// writes the whole report into the folder. The report is made in lots, the
// page's thread given back between them, as for a ZIP (runPanel.finish),
// and kept (session.reports).
func (c *runPanel) finishFolder(ctx app.Context) {
	ctx.Async(func() {
		failed, err := settleFolder()
		c.sess.unwritten(failed)
		_, notMade := c.sess.finishPausing(c.lang, yieldToBrowser)
		glue().Get("toFolder").Call("report", encodeApp(c.sess.reports(c.lang)))
		made := len(c.sess.outputs)
		for name := range failed {
			if name != batch.ReportName && name != batch.RapportName {
				made--
			}
		}
		last, lastErr := settleFolder()
		ctx.Dispatch(func(ctx app.Context) {
			switch {
			case err != nil || lastErr != nil || len(last) > 0:
				c.notice = tell("The report could not be written into the folder: check there is room on the disk; the report below says the same.")
			case notMade == 0:
				c.notice = tellN(made, "Done: %d picture and the report saved in a new folder, %s, inside the one you chose.|"+
					"Done: %d pictures and the report saved in a new folder, %s, inside the one you chose.", made, c.folderName)
			default:
				c.notice = tell("%s %s",
					tellN(made, "Done: %d picture saved in a new folder, %s, inside the one you chose.|Done: %d pictures saved in a new folder, %s, inside the one you chose.", made, c.folderName),
					tellN(notMade, "%d picture could not be made: the report there and below says why.|%d pictures could not be made: the report there and below says why.", notMade))
			}
			c.setState(ctx, runDone)
		})
	})
}

// settleFolder waits for the folder's writes so far and returns those that
// failed since it was last called, by name, with the browser's words.
func settleFolder() (map[string]string, error) {
	v, err := await(glue().Get("toFolder").Call("settle"))
	if err != nil {
		return nil, err
	}
	failed := map[string]string{}
	if err := json.Unmarshal([]byte(v.String()), &failed); err != nil {
		return nil, err
	}
	return failed, nil
}
