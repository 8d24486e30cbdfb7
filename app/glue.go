package app

import (
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/job"
	"picmark/internal/msg"
	"picmark/internal/sheet"
)

// glue.go wraps every call into web/js/picmark.js in a small named function, so
// the rest of the UI deals in Go values. Natively (server rendering, tests)
// window.picmark is absent and these do nothing.

// glueHandlers are called by the glue, on the JavaScript event loop: each
// must only hand its values to the UI goroutine (the Page posts them as
// actions: state.go).
type glueHandlers struct {
	listed   func(wire.Listed)
	files    func([]wire.Picked)
	started  func(id int)
	result   func(wire.Result)
	died     func(id int, why wire.Stop)
	finished func()
	preview  func(index int, previews wire.Previews)
}

func glue() app.Value { return app.Window().Get("picmark") }

func glueReady() bool { return glue().Truthy() }

// bindGlue registers the handlers; the returned func releases them. A
// message the glue hands over that Go cannot read (the page's scripts and
// its Go out of step) is said on the console; the batch's bookkeeping then
// reports the photo (session.result).
func bindGlue(h glueHandlers) (release func()) {
	if !glueReady() {
		return func() {}
	}
	listed := app.FuncOf(func(this app.Value, args []app.Value) any {
		var l wire.Listed
		if err := decodeApp(args[0], &l); err != nil {
			app.Log(err)
			return nil
		}
		h.listed(l)
		return nil
	})
	files := app.FuncOf(func(this app.Value, args []app.Value) any {
		var list []wire.Picked
		if err := decodeApp(args[0], &list); err != nil {
			app.Log(err)
			return nil
		}
		h.files(list)
		return nil
	})
	result := app.FuncOf(func(this app.Value, args []app.Value) any {
		var r wire.Result
		if err := decodeApp(args[0], &r); err != nil {
			app.Log(err)
			r = wire.Result{ID: r.ID, Error: &msg.Message{Code: msg.OutOfStep, Args: []msg.Arg{msg.Text("reason", err.Error())}}}
		}
		h.result(r)
		return nil
	})
	started := app.FuncOf(func(this app.Value, args []app.Value) any {
		h.started(args[0].Int())
		return nil
	})
	died := app.FuncOf(func(this app.Value, args []app.Value) any {
		h.died(args[0].Int(), wire.Stop(args[1].String()))
		return nil
	})
	finished := app.FuncOf(func(this app.Value, args []app.Value) any {
		h.finished()
		return nil
	})
	preview := app.FuncOf(func(this app.Value, args []app.Value) any {
		var p wire.Previews
		if err := decodeApp(args[1], &p); err != nil {
			p = wire.Previews{Error: &msg.Message{Code: msg.OutOfStep, Args: []msg.Arg{msg.Text("reason", err.Error())}}}
		}
		h.preview(args[0].Int(), p)
		return nil
	})
	obj := app.Window().Get("Object").New()
	obj.Set("listed", listed)
	obj.Set("files", files)
	obj.Set("started", started)
	obj.Set("result", result)
	obj.Set("died", died)
	obj.Set("finished", finished)
	obj.Set("preview", preview)
	glue().Call("bind", obj)
	return func() {
		glue().Call("bind", nil)
		listed.Release()
		files.Release()
		started.Release()
		result.Release()
		died.Release()
		finished.Release()
		preview.Release()
	}
}

// runBatch hands the jobs to the worker pool, with the batch's settings as
// one JSON document (the same the command line reads as a brand kit and
// flags), which the pool adds to each job. toFolder: the outputs go into
// the folder picked as they are made (folder.go), not kept for a ZIP.
func runBatch(ctx app.Context, jobs []wire.Job, settings job.Settings, toFolder bool) {
	sendJobs(ctx, jobs, func() { glue().Call("run", settingsJSON(settings), toFolder) })
}

// retryBatch runs jobs again; the outputs named in forget are replaced.
func retryBatch(ctx app.Context, jobs []wire.Job, settings job.Settings, forget []string) {
	sendJobs(ctx, jobs, func() { glue().Call("retry", settingsJSON(settings), encodeApp(forget)) })
}

// jobsAtOnce jobs cross to the glue together, each lot in a task of its
// own: wire-encoding 2,000 jobs in one task held the page's thread ~80 ms,
// 200 of them up to ~45 ms in a batch of 3,000.
const jobsAtOnce = 100

// sendJobs hands the glue a batch's jobs, then calls start. The first lot
// crosses now, inside the click that started the batch (a Cancel after it
// finds the batch coming: picmark.js); the others from ctx.Async, the
// browser running its own tasks between them.
func sendJobs(ctx app.Context, jobs []wire.Job, start func()) {
	first := jobs[:min(len(jobs), jobsAtOnce)]
	glue().Call("jobs", encodeApp(first))
	if len(first) == len(jobs) {
		start()
		return
	}
	ctx.Async(func() {
		for lot := range slices.Chunk(jobs[len(first):], jobsAtOnce) {
			yieldToBrowser()
			glue().Call("jobs", encodeApp(lot))
		}
		start()
	})
}

// yieldToBrowser, called from a goroutine of ctx.Async, gives the page's
// thread back to the browser for a moment: Go in wasm keeps it until every
// goroutine waits.
func yieldToBrowser() { time.Sleep(time.Millisecond) }

// cancelBatch stops the batch; what is finished stays.
func cancelBatch() { glue().Call("cancel") }

func settingsJSON(s job.Settings) string {
	doc, _ := json.Marshal(s) // plain values: it cannot fail
	return string(doc)
}

// rasterizeSVG has the browser draw an SVG file into PNG bytes.
func rasterizeSVG(file app.Value) ([]byte, error) {
	png, err := await(glue().Call("rasterize", file, svgLogoWidth))
	if err != nil {
		return nil, err
	}
	data := make([]byte, png.Length())
	app.CopyBytesToGo(data, png)
	return data, nil
}

// svgLogoWidth is the width an SVG logo is drawn at: enough for a logo on a
// 3000 px header.
const svgLogoWidth = 1200

// zipPart is one piece of the ZIP: bytes Go made, or an output the glue holds.
type zipPart struct {
	Bytes  []byte
	Output string // the output's key
}

// buildZip asks the glue to assemble the ZIP and returns its object URL.
// Go's bytes cross in one copy, the layout as one JSON list (a [start, end]
// range of those bytes, or an output's key, per part), and the glue builds
// the ZIP in tasks of its own. It blocks: call it from ctx.Async.
func buildZip(parts []zipPart) (string, error) {
	data, doc := zipLayout(parts, yieldToBrowser)
	url, err := await(glue().Call("zip", bytesToJS(data), doc))
	if err != nil {
		return "", err
	}
	return url.String(), nil
}

func clearGlue() {
	if glueReady() {
		glue().Call("clear")
	}
}

func objectURL(file app.Value) string {
	return glue().Call("objectURL", file).String()
}

func bytesToJS(b []byte) app.Value {
	arr := app.Window().Get("Uint8Array").New(len(b))
	app.CopyBytesToJS(arr, b)
	return arr
}

// picked is the file chosen in a file input (the event's source), with
// its name and size; ok is false when none was. The input is emptied, so
// choosing the same file again fires again.
func picked(ctx app.Context) (file app.Value, name string, size int64, ok bool) {
	files := ctx.JSSrc().Get("files")
	if files.Length() == 0 {
		return nil, "", 0, false
	}
	file = files.Index(0)
	ctx.JSSrc().Set("value", "")
	return file, file.Get("name").String(), int64(file.Get("size").Float()), true
}

// readFile copies a picked File's bytes into Go. It blocks: call it from
// ctx.Async, never from the UI goroutine.
func readFile(file app.Value) ([]byte, error) {
	buf, err := await(file.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	arr := app.Window().Get("Uint8Array").New(buf)
	data := make([]byte, arr.Length())
	app.CopyBytesToGo(data, arr)
	return data, nil
}

// await waits for a promise on both of its outcomes (go-app's Then would
// block forever on a rejection).
func await(promise app.Value) (app.Value, error) {
	if !promise.Truthy() {
		return nil, errors.New("this needs a browser")
	}
	type outcome struct {
		v   app.Value
		err error
	}
	done := make(chan outcome, 1)
	onOK := app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- outcome{v: args[0]}
		return nil
	})
	onErr := app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- outcome{err: errors.New(app.Window().Get("String").Invoke(args[0]).String())}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	promise.Call("then", onOK, onErr)
	o := <-done
	return o.v, o.err
}

// fileURL lets the browser show a received file (a photo to set a focal
// point on) without reading it into Go; "" when it cannot be opened. It
// blocks: call it from ctx.Async.
func fileURL(index int) string {
	v, err := await(glue().Call("fileURL", index))
	if err != nil {
		return ""
	}
	return v.String()
}

// bytesURL shows bytes Go holds (a stored logo) as an image.
func bytesURL(data []byte, mime string) string {
	return glue().Call("bytesURL", bytesToJS(data), mime).String()
}

// kitList, kitGet, kitPut and kitDelete keep brand kits in IndexedDB.
// They block: call them from ctx.Async.
func kitList() ([]kitRef, error) {
	v, err := await(glue().Get("kits").Call("list"))
	if err != nil {
		return nil, err
	}
	out := make([]kitRef, v.Length())
	for i := range out {
		out[i] = kitRef{ID: v.Index(i).Get("id").String(), Name: v.Index(i).Get("name").String()}
	}
	return out, nil
}

func kitGet(id string) (string, error) {
	v, err := await(glue().Get("kits").Call("get", id))
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

func kitPut(id, name, doc string) error {
	_, err := await(glue().Get("kits").Call("put", id, name, doc))
	return err
}

func kitDelete(id string) error {
	_, err := await(glue().Get("kits").Call("delete", id))
	return err
}

// outputsFit says whether a batch's outputs, need bytes, fit where they
// wait for the download (web/js/storage.js); known is false when the
// browser cannot tell. It blocks: call it from ctx.Async.
func outputsFit(need int64) (fits, known bool) {
	if !glueReady() {
		return true, false
	}
	v, err := await(glue().Call("fits", float64(need)))
	if err != nil || v.Type() != app.TypeBoolean {
		return true, false
	}
	return v.Bool(), true
}

func canSaveToFolder() bool { return glueReady() && glue().Call("canSaveToFolder").Bool() }

func canShare() bool { return glueReady() && glue().Call("canShare").Bool() }

// saveToFolder lets the user pick a folder and writes the outputs and the
// report files into a new folder inside it, whose name it returns with the
// number of files. It blocks: call it from ctx.Async.
func saveToFolder(outs []wire.Output, reports []batch.ReportFile) (int, string, error) {
	saved, err := await(glue().Call("saveToFolder", encodeApp(outs), encodeApp(reports)))
	if err != nil {
		return 0, "", err
	}
	return saved.Get("files").Int(), saved.Get("folder").String(), nil
}

// shareOutputs hands the outputs to the system's share sheet. It blocks.
func shareOutputs(outs []wire.Output) error {
	_, err := await(glue().Call("share", encodeApp(outs)))
	return err
}

// saveFile offers bytes as a download named name.
func saveFile(data []byte, name, mime string) {
	glue().Call("save", bytesToJS(data), name, mime)
}

// updatable is false on a first visit, when the service worker that
// activates is the install and not a new version.
func updatable() bool {
	return glueReady() && glue().Call("updatable").Bool()
}

// readSheet has a worker read a sheet File (wire.ReadSheet). It blocks:
// call it from ctx.Async.
func readSheet(file app.Value, name, lang string) (*sheet.Sheet, msg.Message) {
	v, err := await(glue().Call("readSheet", file, name, lang))
	if err != nil {
		if stop := wire.Stop(err.Error()); slices.Contains(wire.Stops, stop) { // its worker stopped
			return nil, msg.New(msg.SheetStopped, msg.Text("sheet", name), stopWord(stop))
		}
		return nil, msg.New(msg.SheetReadFailed, msg.Text("sheet", name), msg.Text("reason", err.Error()))
	}
	var r wire.SheetRead
	if err := decodeApp(v, &r); err != nil {
		return nil, msg.New(msg.OutOfStep, msg.Text("reason", err.Error()))
	}
	if r.Error != nil {
		return nil, *r.Error
	}
	if r.Sheet == nil {
		return nil, msg.New(msg.SheetReadFailed, msg.Text("sheet", name), msg.Text("reason", "no sheet"))
	}
	return r.Sheet, msg.Message{}
}

// glueFile is a received file by its handle (a sheet dropped with the
// photos).
func glueFile(index int) app.Value { return glue().Call("file", index) }
