//go:build js && wasm

package worker

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"syscall/js"
	"testing"

	"picmark/app/wire"
	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/msg"
)

// This test runs under wasm in Node.js (make test: the GOOS=js line), where
// the page's JavaScript and the worker's Go meet as they do in a browser.

// wireModule imports web/js/wire.js, the module go generate writes.
func wireModule(t *testing.T) js.Value {
	t.Helper()
	path, err := filepath.Abs("../../web/js/wire.js")
	if err != nil {
		t.Fatal(err)
	}
	url := js.Global().Call("require", "url").Call("pathToFileURL", path).Get("href")
	mod, err := await(js.Global().Get("Function").New("p", "return import(p)").Invoke(url))
	if err != nil {
		t.Fatalf("importing %s: %v", path, err)
	}
	return mod
}

// jsSamples builds, with the module's constructors, the messages the page's
// JavaScript builds; goSamples are the same in Go.
const jsSamples = `(w, photo, blob, jpeg) => [
  w.job({id: 3, file: 7, input: "shoot/a.jpg", stem: "shoot/a", focal: w.point({x: 0.25, y: 0.75}), settings: '{"crop":"smart"}', photo}),
  w.prepare({settings: '{"fit":"blur"}'}),
  w.preview({id: 9, file: 2, settings: "{}", size: 240, photo}),
  w.ready({}),
  w.exit({message: "RangeError: out of memory"}),
  w.result({id: 3, rows: [w.row({Input: "shoot/a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/shoot/a.jpg", Width: 1000, Height: 1500, Bytes: 123456, Status: "done",
    Notes: [w.message({code: "faces-cut", args: [w.arg({name: "n", kind: "count", n: 2})]})]})],
    files: [w.output({name: "pinterest-pin/shoot/a.jpg", size: 123456, crc32: 4294967294, type: "image/jpeg", blob})], heap: 1073741824,
    stats: w.stats({input: "shoot/a.jpg", decoder: "canvas", renderMs: 120.5, scalePSNR: 41.5, blobs: 1})}),
  w.previews({id: 9, images: [w.previewImage({preset: "x-post", name: "X post", w: 240, h: 135, jpeg})], error: w.message({code: w.Code.fileGone})}),
]`

func goSamples(photo, blob, jpeg js.Value) []wire.Message {
	psnr := 41.5
	return []wire.Message{
		wire.Job{ID: 3, File: 7, Input: "shoot/a.jpg", Stem: "shoot/a", Focal: &crop.Point{X: 0.25, Y: 0.75}, Settings: `{"crop":"smart"}`, Photo: wrap(photo)},
		wire.Prepare{Settings: `{"fit":"blur"}`},
		wire.Preview{ID: 9, File: 2, Settings: "{}", Size: 240, Photo: wrap(photo)},
		wire.Ready{},
		wire.Exit{Message: "RangeError: out of memory"},
		wire.Result{ID: 3, Rows: []batch.Row{{Input: "shoot/a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/shoot/a.jpg", Width: 1000, Height: 1500, Bytes: 123456, Status: batch.StatusDone,
			Notes: []msg.Message{msg.New(msg.FacesCut, msg.Count("n", 2))}}},
			Files: []wire.Output{{Name: "pinterest-pin/shoot/a.jpg", Size: 123456, CRC32: 0xFFFFFFFE, Type: "image/jpeg", Blob: wrap(blob)}},
			Heap:  1 << 30, Stats: &wire.Stats{Input: "shoot/a.jpg", Decoder: "canvas", RenderMs: 120.5, ScalePSNR: &psnr, Blobs: 1}},
		wire.Previews{ID: 9, Images: []wire.PreviewImage{{Preset: "x-post", Name: "X post", W: 240, H: 135, JPEG: wrap(jpeg)}}, Error: &msg.Message{Code: msg.FileGone}},
	}
}

// same compares two messages by value, and with identity their browser
// objects too.
func same(t *testing.T, what string, got, want wire.Message, identity bool) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s: got %s, want %s", what, g, w)
	}
	var objects func(v reflect.Value) []js.Value
	objects = func(v reflect.Value) (out []js.Value) {
		switch v.Kind() {
		case reflect.Interface:
			if jv, ok := v.Interface().(*jsValue); ok {
				return []js.Value{jv.v}
			}
		case reflect.Pointer:
			if !v.IsNil() {
				return objects(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				out = append(out, objects(v.Index(i))...)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				out = append(out, objects(v.Field(i))...)
			}
		}
		return out
	}
	if !identity {
		return
	}
	og, ow := objects(reflect.ValueOf(got)), objects(reflect.ValueOf(want))
	if len(og) != len(ow) {
		t.Errorf("%s: %d browser objects, want %d", what, len(og), len(ow))
		return
	}
	for i := range og {
		if !og[i].Equal(ow[i]) {
			t.Errorf("%s: browser object %d is another one", what, i)
		}
	}
}

// TestWireAcrossLanguages: every message built by web/js/wire.js, cloned as
// postMessage clones it, decodes in Go to what Go means; and every message
// Go encodes is one the module's constructor accepts as it is, and decodes
// back. It fails when the module and the Go types disagree on a name, a
// field's presence or its type.
func TestWireAcrossLanguages(t *testing.T) {
	w := wireModule(t)
	blob := js.Global().Get("Blob").New([]any{"photo"})
	photo, jpeg := blob, uint8Array.New(4)
	list, err := call(js.Global().Call("eval", jsSamples), w, photo, blob, jpeg)
	if err != nil {
		t.Fatalf("wire.js refuses a sample: %v", err)
	}
	want := goSamples(photo, blob, jpeg)
	if list.Length() != len(want) {
		t.Fatalf("%d JavaScript samples, %d Go ones", list.Length(), len(want))
	}
	// check decodes v as postMessage delivers it (a structured clone, whose
	// browser objects are copies) and as it is (the same objects).
	check := func(what string, v js.Value, m wire.Message) {
		for _, cloned := range []bool{true, false} {
			msg := v
			if cloned {
				msg = js.Global().Call("structuredClone", v)
			}
			got := reflect.New(reflect.TypeOf(m))
			if err := decode(msg, got.Interface()); err != nil {
				t.Errorf("%s: %v", what, err)
				return
			}
			same(t, what, got.Elem().Interface().(wire.Message), m, !cloned)
		}
	}
	for i, m := range want {
		kind := string(m.Kind())
		check(kind+" built by wire.js", list.Index(i), m)

		fields := js.Global().Get("Object").Call("assign", js.Global().Get("Object").New(), encode(m))
		fields.Delete("type")
		built, err := call(w.Get(jsName(reflect.TypeOf(m).Name())), fields)
		if err != nil {
			t.Errorf("wire.js refuses the %s Go encodes: %v", kind, err)
			continue
		}
		check(kind+" encoded by Go, through wire.js", built, m)
	}
}

// TestWireRefusesStrangers: the module refuses a field the Go type lacks
// and a required one left out, as Go's decoder does.
func TestWireRefusesStrangers(t *testing.T) {
	w := wireModule(t)
	for _, c := range []struct{ ctor, fields string }{
		{"job", `({id: 1, file: 0, input: "a.jpg", stem: "a", focl: {x: 0, y: 0}})`},
		{"job", `({id: 1, file: 0, input: "a.jpg"})`},
		{"result", `({id: 1, rows: [], files: [], heap: 0, stat: {}})`},
	} {
		if _, err := call(w.Get(c.ctor), js.Global().Call("eval", c.fields)); err == nil {
			t.Errorf("wire.js %s accepted %s", c.ctor, c.fields)
		}
	}
}

// call calls a JavaScript function, returning what it throws as an error.
func call(f js.Value, args ...any) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error)
		}
	}()
	return f.Invoke(args...), nil
}

// jsName is a Go type's constructor in wire.js: "PreviewImage" previewImage.
func jsName(goName string) string {
	return string(goName[0]+'a'-'A') + goName[1:]
}
