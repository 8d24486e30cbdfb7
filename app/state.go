package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/job"
)

// state.go is how the page's sections talk. Each section is a component
// that owns its state. What others read of it is published under a state
// key (ctx.SetState by its owner; ctx.ObserveState into an unexported
// field of each reader, which survives the page's renders). What a section
// asks of another is an action (ctx.NewActionWithValue; ctx.Handle by the
// owner). go-app delivers both on the UI goroutine, after the handler that
// sent them, and renders the receiving component (and its parents, whose
// renders only lay the sections out: a section renders again only when its
// own state changed). Values are shared, not copied: a published slice or
// map is replaced, never changed in place (two exceptions: fileSet.All,
// whose Gen says when it changed, and fileSet.Photos, which grows past the
// length its readers hold: none appends to it).
//
// Natively (server rendering, tests) no component is mounted, so nothing is
// observed or handled: tests set the readers' fields from the owners'
// published values (page_test.go share).

// State keys, each with its Go type and its one publisher.
const (
	stateLang     = "picmark/lang"     // string, "en" or "fr": the masthead (Page)
	stateSettings = "picmark/settings" // batchSettings: the settings sections (settingsPanel)
	stateSheet    = "picmark/sheet"    // sheetState: the sheet beside the photos (sheetPanel)
	stateStory    = "picmark/story"    // storyState: the sheet's matches with the photos and templates (sheetPanel)
	stateFiles    = "picmark/files"    // fileSet: the received files (runPanel, the session's owner)
	stateRun      = "picmark/run"      // string, runIdle, runRunning or runDone: runPanel
	stateReport   = "picmark/report"   // reportRows, its Rows nil until a batch is done: runPanel
	stateFocal    = "picmark/focal"    // int, the glue index of the photo in the focal point editor, -1: none: focalPanel
	// stateFocalPreviews is that photo's previews ([]wire.PreviewImage): previewGrid.
	stateFocalPreviews = "picmark/focal-previews"
)

// The batch's phases (stateRun).
const (
	runIdle    = "idle"
	runRunning = "running"
	runDone    = "done"
)

// Actions, each with the Go type of its value and the section that
// handles it.
const (
	// From the glue (glue.go bindGlue, posted by the Page).
	actionListed   = "picmark/listed"   // wire.Listed, files named before they are read: runPanel
	actionReceived = "picmark/received" // []wire.Picked: runPanel (a sheet among them: actionReadSheet)
	actionStarted  = "picmark/started"  // int, a job's id: runPanel
	actionResult   = "picmark/result"   // wire.Result: runPanel
	actionDied     = "picmark/died"     // jobStop: runPanel
	actionFinished = "picmark/finished" // nil: runPanel
	actionPreview  = "picmark/preview"  // previewAnswer: previewGrid

	// Between sections.
	actionClear        = "picmark/clear"         // nil, the file list's Clear: runPanel
	actionOpenFocal    = "picmark/open-focal"    // int, a file's glue index: focalPanel
	actionSetFocal     = "picmark/set-focal"     // photoFocal: runPanel
	actionSetWords     = "picmark/set-words"     // photoWords: runPanel
	actionReadSheet    = "picmark/read-sheet"    // sheetFile: sheetPanel
	actionEditSettings = "picmark/edit-settings" // settingsEdit: settingsPanel
	actionNotice       = "picmark/notice"        // said, a message for the user under the Run buttons: runPanel
)

// batchSettings is what the settings sections publish: the controls'
// values and the picked logo and font.
type batchSettings struct {
	Choices    choices
	Logo, Font upload
}

// settings are the batch's settings (job.Settings) for these choices.
func (b batchSettings) settings() job.Settings { return b.Choices.settings(b.Logo, b.Font) }

// fileSet is the received files as the session holds them.
type fileSet struct {
	// All is every file listed: photo, skipped or being read. Told apart
	// in place as heads.js answers (session.add), with a new Gen.
	All     []fileEntry
	Photos  []fileEntry // those that will be processed, in order (session.photoList); appended to in place
	LeftOut int         // system files left out (batch.SystemFile)
	Reading int         // files listed, their first bytes not read yet (fileEntry.Checking)
	// Gen changes whenever All does (session.setFiles): the file list's
	// rows compare it, not 10,000 entries (fileView).
	Gen int
	// Cleared counts the times the list was emptied: the glue then numbers
	// files from 0 again, so what is kept by index (previews) is forgotten.
	Cleared int
}

// jobStop is a job whose worker stopped (actionDied).
type jobStop struct {
	ID  int
	Why wire.Stop
}

// previewAnswer is the previews of one photo (actionPreview).
type previewAnswer struct {
	Index    int
	Previews wire.Previews
}

// photoFocal sets a photo's focal point; nil gives it back the batch's
// framing (actionSetFocal).
type photoFocal struct {
	Index int
	Point *crop.Point
}

// photoWords sets a photo's own words for text layer K (actionSetWords).
type photoWords struct {
	Index, K int
	Text     string
}

// settingsEdit changes the settings (actionEditSettings); Keep: remember
// them for the next visit too (a field left, not each key typed).
type settingsEdit struct {
	Edit func(*choices)
	Keep bool
}

// sheetFile is a sheet to read (actionReadSheet).
type sheetFile struct {
	File app.Value
	Name string
}

// reportRows is stateReport's type: the rows, nil until a batch is done,
// and their summary under no filter, made with them at the batch's end (in
// lots, session.finishPausing: summed in the report's first render, 30,000
// rows were one long task); nil: the report makes it.
type reportRows struct {
	Rows []batch.Row
	Sum  *reportSum
}

// say posts a message for the user (actionNotice).
func say(ctx app.Context, s said) { ctx.NewActionWithValue(actionNotice, s) }
