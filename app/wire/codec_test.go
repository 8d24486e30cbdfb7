package wire

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/crop"
	"picmark/internal/msg"
)

// fake is a JavaScript value in Go, for the codec's native tests; the
// worker's test under wasm runs the same messages through real JavaScript.
type fake struct {
	t     Type
	b     bool
	f     float64
	s     string
	keys  []string
	obj   map[string]*fake
	arr   []*fake
	bytes []byte // a Uint8Array
	name  string // a browser object (File, Blob): only its identity matters
}

var undefined = &fake{t: TypeUndefined}

func (v *fake) Type() Type { return v.t }
func (v *fake) Get(k string) Value {
	if x, ok := v.obj[k]; ok {
		return x
	}
	return undefined
}
func (v *fake) Set(k string, x Value) {
	if _, ok := v.obj[k]; !ok {
		v.keys = append(v.keys, k)
	}
	v.obj[k] = x.(*fake)
}
func (v *fake) Index(i int) Value {
	if v.bytes != nil {
		return &fake{t: TypeNumber, f: float64(v.bytes[i])}
	}
	return v.arr[i]
}
func (v *fake) SetIndex(i int, x Value) {
	for len(v.arr) <= i {
		v.arr = append(v.arr, undefined)
	}
	v.arr[i] = x.(*fake)
}
func (v *fake) Length() int {
	if v.bytes != nil {
		return len(v.bytes)
	}
	return len(v.arr)
}
func (v *fake) Bool() bool            { return v.b }
func (v *fake) Float() float64        { return v.f }
func (v *fake) String() string        { return v.s }
func (v *fake) Bytes() ([]byte, bool) { return bytes.Clone(v.bytes), v.bytes != nil }

type fakeHost struct{}

func (fakeHost) Object() Value          { return &fake{t: TypeObject, obj: map[string]*fake{}} }
func (fakeHost) Array() Value           { return &fake{t: TypeObject} }
func (fakeHost) Null() Value            { return &fake{t: TypeNull} }
func (fakeHost) Bool(b bool) Value      { return &fake{t: TypeBool, b: b} }
func (fakeHost) Number(f float64) Value { return &fake{t: TypeNumber, f: f} }
func (fakeHost) String(s string) Value  { return &fake{t: TypeString, s: s} }
func (fakeHost) Bytes(b []byte) Value   { return &fake{t: TypeObject, bytes: bytes.Clone(b)} }
func (fakeHost) Int32s(v []int32) Value {
	a := &fake{t: TypeObject}
	for _, x := range v {
		a.arr = append(a.arr, &fake{t: TypeNumber, f: float64(x)})
	}
	return a
}

// Samples is one of each message, every field set (the worker's wasm test
// has its own, made by the generated module).
func samples() []Message {
	psnr := 41.5
	file := &fake{t: TypeObject, name: "File"}
	return []Message{
		Job{ID: 3, File: 7, Input: "shoot/a.jpg", Stem: "shoot/a", Focal: &crop.Point{X: 0.25, Y: 0.75}, Settings: `{"crop":"smart"}`, Photo: file},
		Prepare{Settings: `{"fit":"blur"}`},
		Preview{ID: 9, File: 2, Settings: "{}", Size: 240, Photo: file},
		Ready{},
		Exit{Message: "RangeError: out of memory"},
		Result{ID: 3, Rows: []batch.Row{{Input: "shoot/a.jpg", Preset: "pinterest-pin", Output: "pinterest-pin/shoot/a.jpg", Width: 1000, Height: 1500, Bytes: 123456, Status: batch.StatusDone,
			Notes: []msg.Message{msg.New(msg.Upscaled, msg.Num("w", 900), msg.Num("h", 1600)), msg.New(msg.FacesCut, msg.Count("n", 2))}}},
			Files: []Output{{Name: "pinterest-pin/shoot/a.jpg", Size: 123456, CRC32: 0xFFFFFFFE, Type: "image/jpeg", Blob: &fake{t: TypeObject, name: "Blob"}}},
			Heap:  1 << 30, Stats: &Stats{Input: "shoot/a.jpg", Decoder: "canvas", RenderMs: 120.5, ScalePSNR: &psnr, Blobs: 1}},
		Previews{ID: 9, Images: []PreviewImage{{Preset: "x-post", Name: "X post", W: 240, H: 135, URL: "blob:x"}}, Error: &msg.Message{Code: msg.Busy}},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, m := range samples() {
		t.Run(string(m.Kind()), func(t *testing.T) {
			v := Encode(fakeHost{}, m)
			if got := v.Get("type").String(); got != string(m.Kind()) {
				t.Fatalf("type %q, want %q", got, m.Kind())
			}
			back := reflect.New(reflect.TypeOf(m))
			if err := Decode(v, back.Interface()); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back.Elem().Interface(), m) {
				t.Errorf("decoded %+v, want %+v", back.Elem().Interface(), m)
			}
		})
	}
}

// TestTypedArrays: bytes and int32s travel as typed arrays, each element
// kept, and come back.
func TestTypedArrays(t *testing.T) {
	k := Kernel{Taps: 3, Start: []int32{0, -1, 2147483647}, W: []int32{-5, 16384, 0}}
	var back Kernel
	if err := Decode(Encode(fakeHost{}, k), &back); err != nil || !reflect.DeepEqual(back, k) {
		t.Errorf("kernel came back %+v (%v), want %+v", back, err, k)
	}
	p := Picked{Index: 1, Path: "a.jpg", Size: 10, Head: []byte{0xFF, 0xD8, 0xFF, 0}}
	var pb Picked
	if err := Decode(Encode(fakeHost{}, p), &pb); err != nil || !reflect.DeepEqual(pb, p) {
		t.Errorf("picked came back %+v (%v), want %+v", pb, err, p)
	}
}

// TestOptional: a zero omitempty field is left out, a zero required one is
// written (a nil slice as an empty array).
func TestOptional(t *testing.T) {
	v := Encode(fakeHost{}, Result{ID: 0})
	for _, k := range []string{"error", "stats"} {
		if v.Get(k).Type() != TypeUndefined {
			t.Errorf("an empty %s was written", k)
		}
	}
	for _, k := range []string{"id", "rows", "files", "heap"} {
		if v.Get(k).Type() == TypeUndefined {
			t.Errorf("%s was left out", k)
		}
	}
	if rows := v.Get("rows"); rows.Type() != TypeObject || rows.Length() != 0 {
		t.Errorf("nil rows are not an empty array, which JavaScript can loop over")
	}
}

// TestStrict: what Decode refuses, and says.
func TestStrict(t *testing.T) {
	h := fakeHost{}
	job := func(drop string, set map[string]Value) Value {
		v := Encode(h, Job{ID: 1, Input: "a.jpg", Stem: "a"})
		f := v.(*fake)
		delete(f.obj, drop)
		for k, x := range set {
			v.Set(k, x)
		}
		return v
	}
	cases := []struct {
		name string
		v    Value
		want string
	}{
		{"a required field missing", job("stem", nil), "Job.stem is missing"},
		{"a string for a number", job("", map[string]Value{"id": h.String("1")}), `Job.id is "1", not a number`},
		{"another message", Encode(h, Prepare{Settings: "{}"}), `job message's type is "prepare", not "job"`},
		{"no type", job("type", nil), "job message's type is undefined"},
		{"a focal point of the wrong shape", job("", map[string]Value{"focal": h.Number(0.5)}), "Job.focal is a number, not an object"},
	}
	for _, c := range cases {
		var j Job
		err := Decode(c.v, &j)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
		}
	}
	var r Result
	rows := Encode(h, Result{Rows: []batch.Row{{Input: "a"}}})
	rows.Get("rows").Index(0).Set("Width", h.Bool(true))
	if err := Decode(rows, &r); err == nil || !strings.Contains(err.Error(), "Result.rows[0].Width is a boolean") {
		t.Errorf("a boolean width: %v", err)
	}
}

// TestWireJSFresh fails when web/js/wire.js is not what go generate makes
// from these types now.
func TestWireJSFresh(t *testing.T) {
	have, err := os.ReadFile("../../web/js/wire.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, JS()) {
		t.Errorf("web/js/wire.js is stale: run go generate ./app/wire")
	}
}

// TestListedPaths: the paths of a Listed come back as they were joined,
// names with spaces, accents and sub-folders kept; none is none.
func TestListedPaths(t *testing.T) {
	want := []string{"shoot/a b.jpg", "shoot/été/c.JPG", "d"}
	l := Listed{First: 3, Paths: "shoot/a b.jpg\x00shoot/été/c.JPG\x00d\x00"}
	if got := l.ListedPaths(); !reflect.DeepEqual(got, want) {
		t.Errorf("ListedPaths() = %q, want %q", got, want)
	}
	if got := (Listed{}).ListedPaths(); got != nil {
		t.Errorf("no paths gave %q", got)
	}
	var back Listed
	if err := Decode(Encode(fakeHost{}, l), &back); err != nil || back != l {
		t.Errorf("listed came back %+v (%v), want %+v", back, err, l)
	}
}
