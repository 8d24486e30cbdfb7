package app

import (
	"encoding/json"
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/internal/crop"
	"picmark/internal/job"
)

// glue.go wraps every call into web/picmark.js in a small named function, so
// the rest of the UI deals in Go values. Natively (server rendering, tests)
// window.picmark is absent and these do nothing.

// pickedFile is what the glue reports for each file received.
type pickedFile struct {
	Index int    // the glue's handle for the File
	Path  string // relative to the drop: "shoot/sub/a.jpg"
	Size  int64
	Head  []byte // first bytes, to tell images from other files
	Error string // the browser could not read it
}

// outputMeta describes one encoded output the glue now holds as a Blob.
type outputMeta struct {
	Key   string // the glue's handle for the Blob
	Name  string
	Size  int64
	CRC32 uint32
}

// glueHandlers are called by the glue, on the JavaScript event loop: each
// must only hand its values to the UI goroutine.
type glueHandlers struct {
	files    func([]pickedFile)
	started  func(id int)
	result   func(id int, rowsJSON string, outputs []outputMeta, problem string)
	died     func(id int, reason string)
	finished func()
	preview  func(index int, images []previewImage, problem string)
}

func glue() app.Value { return app.Window().Get("picmark") }

func glueReady() bool { return glue().Truthy() }

// bindGlue registers the handlers; the returned func releases them.
func bindGlue(h glueHandlers) (release func()) {
	if !glueReady() {
		return func() {}
	}
	files := app.FuncOf(func(this app.Value, args []app.Value) any {
		list := args[0]
		out := make([]pickedFile, list.Length())
		for i := range out {
			v := list.Index(i)
			head := make([]byte, v.Get("head").Length())
			app.CopyBytesToGo(head, v.Get("head"))
			out[i] = pickedFile{
				Index: v.Get("index").Int(),
				Path:  v.Get("path").String(),
				Size:  int64(v.Get("size").Float()),
				Head:  head,
				Error: v.Get("error").String(),
			}
		}
		h.files(out)
		return nil
	})
	result := app.FuncOf(func(this app.Value, args []app.Value) any {
		list := args[2]
		outs := make([]outputMeta, list.Length())
		for i := range outs {
			v := list.Index(i)
			outs[i] = outputMeta{
				Key:   v.Get("key").String(),
				Name:  v.Get("name").String(),
				Size:  int64(v.Get("size").Float()),
				CRC32: uint32(v.Get("crc32").Float()),
			}
		}
		h.result(args[0].Int(), args[1].String(), outs, args[3].String())
		return nil
	})
	started := app.FuncOf(func(this app.Value, args []app.Value) any {
		h.started(args[0].Int())
		return nil
	})
	died := app.FuncOf(func(this app.Value, args []app.Value) any {
		h.died(args[0].Int(), args[1].String())
		return nil
	})
	finished := app.FuncOf(func(this app.Value, args []app.Value) any {
		h.finished()
		return nil
	})
	preview := app.FuncOf(func(this app.Value, args []app.Value) any {
		list := args[1]
		images := make([]previewImage, list.Length())
		for i := range images {
			v := list.Index(i)
			images[i] = previewImage{Preset: v.Get("preset").String(), URL: v.Get("url").String(), W: v.Get("w").Int(), H: v.Get("h").Int()}
		}
		h.preview(args[0].Int(), images, args[2].String())
		return nil
	})
	obj := app.Window().Get("Object").New()
	obj.Set("files", files)
	obj.Set("started", started)
	obj.Set("result", result)
	obj.Set("died", died)
	obj.Set("finished", finished)
	obj.Set("preview", preview)
	glue().Call("bind", obj)
	return func() {
		glue().Call("bind", nil)
		files.Release()
		started.Release()
		result.Release()
		died.Release()
		finished.Release()
		preview.Release()
	}
}

// photoJob is one photo for the worker pool.
type photoJob struct {
	ID    int
	File  int // pickedFile.Index
	Input string
	Stem  string
	Focal *crop.Point
}

// runBatch hands the jobs to the worker pool, with the batch's settings as
// one JSON document (the same the command line reads as a brand kit and flags).
func runBatch(jobs []photoJob, settings job.Settings) {
	glue().Call("run", jobList(jobs), settingsJSON(settings))
}

// retryBatch runs jobs again; the outputs named in forget are replaced.
func retryBatch(jobs []photoJob, settings job.Settings, forget []string) {
	keys := app.Window().Get("Array").New()
	for _, k := range forget {
		keys.Call("push", k)
	}
	glue().Call("retry", jobList(jobs), settingsJSON(settings), keys)
}

// cancelBatch stops the batch; what is finished stays.
func cancelBatch() { glue().Call("cancel") }

func settingsJSON(s job.Settings) string {
	doc, _ := json.Marshal(s) // plain values: it cannot fail
	return string(doc)
}

// jobList is the jobs as one JSON document: one call into the glue, not
// several per job.
func jobList(jobs []photoJob) string {
	type jobJSON struct {
		ID     int      `json:"id"`
		File   int      `json:"file"`
		Input  string   `json:"input"`
		Stem   string   `json:"stem"`
		FocalX *float64 `json:"focalX,omitempty"`
		FocalY *float64 `json:"focalY,omitempty"`
	}
	list := make([]jobJSON, len(jobs))
	for i, j := range jobs {
		list[i] = jobJSON{ID: j.ID, File: j.File, Input: j.Input, Stem: j.Stem}
		if j.Focal != nil {
			list[i].FocalX, list[i].FocalY = &j.Focal.X, &j.Focal.Y
		}
	}
	doc, _ := json.Marshal(list) // plain values: it cannot fail
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
// the ZIP in a task of its own. It blocks: call it from ctx.Async.
func buildZip(parts []zipPart) (string, error) {
	var data []byte
	layout := make([]any, len(parts))
	for i, p := range parts {
		if p.Bytes != nil {
			layout[i] = [2]int{len(data), len(data) + len(p.Bytes)}
			data = append(data, p.Bytes...)
		} else {
			layout[i] = p.Output
		}
	}
	doc, _ := json.Marshal(layout) // ints and strings: it cannot fail
	url, err := await(glue().Call("zip", bytesToJS(data), string(doc)))
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
// point on) without reading it into Go.
func fileURL(index int) string {
	return glue().Call("fileURL", index).String()
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

func canSaveToFolder() bool { return glueReady() && glue().Call("canSaveToFolder").Bool() }

func canShare() bool { return glueReady() && glue().Call("canShare").Bool() }

func outputList(outs []outputMeta) app.Value {
	list := app.Window().Get("Array").New()
	for _, o := range outs {
		e := app.Window().Get("Object").New()
		e.Set("key", o.Key)
		e.Set("name", o.Name)
		list.Call("push", e)
	}
	return list
}

// saveToFolder lets the user pick a folder and writes the outputs and the
// report into it. It blocks: call it from ctx.Async.
func saveToFolder(outs []outputMeta, report []byte) (int, error) {
	n, err := await(glue().Call("saveToFolder", outputList(outs), bytesToJS(report)))
	if err != nil {
		return 0, err
	}
	return n.Int(), nil
}

// shareOutputs hands the outputs to the system's share sheet. It blocks.
func shareOutputs(outs []outputMeta) error {
	_, err := await(glue().Call("share", outputList(outs)))
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
