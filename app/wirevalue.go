package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
)

// appValue is a go-app value as app/wire's codec reads and writes it (the
// worker has the same over syscall/js: app/worker/wirejs.go).
type appValue struct{ v app.Value }

// appTypes are the codec's types by app's, in the order of its Type.
var appTypes = [...]wire.Type{wire.TypeUndefined, wire.TypeNull, wire.TypeBool, wire.TypeNumber, wire.TypeString,
	wire.TypeObject, wire.TypeObject, wire.TypeFunction} // symbols count as objects

func (x *appValue) Type() wire.Type              { return appTypes[x.v.Type()] }
func (x *appValue) Get(k string) wire.Value      { return &appValue{x.v.Get(k)} }
func (x *appValue) Set(k string, v wire.Value)   { x.v.Set(k, v.(*appValue).v) }
func (x *appValue) Index(i int) wire.Value       { return &appValue{x.v.Index(i)} }
func (x *appValue) SetIndex(i int, v wire.Value) { x.v.Set(strconv.Itoa(i), v.(*appValue).v) } // go-app's SetIndex takes no go-app value
func (x *appValue) Length() int                  { return x.v.Length() }
func (x *appValue) Bool() bool                   { return x.v.Bool() }
func (x *appValue) Float() float64               { return x.v.Float() }
func (x *appValue) String() string               { return x.v.String() }

func (x *appValue) Bytes() ([]byte, bool) {
	if !x.v.InstanceOf(app.Window().Get("Uint8Array")) {
		return nil, false
	}
	b := make([]byte, x.v.Length())
	app.CopyBytesToGo(b, x.v)
	return b, true
}

// appHost makes the codec's values with go-app (no Int32Array: the page sends none).
type appHost struct{}

func (*appHost) Object() wire.Value          { return &appValue{app.Window().Get("Object").New()} }
func (*appHost) Array() wire.Value           { return &appValue{app.Window().Get("Array").New()} }
func (*appHost) Null() wire.Value            { return &appValue{app.Null()} }
func (*appHost) Bool(b bool) wire.Value      { return &appValue{app.ValueOf(b)} }
func (*appHost) Number(f float64) wire.Value { return &appValue{app.ValueOf(f)} }
func (*appHost) String(s string) wire.Value  { return &appValue{app.ValueOf(s)} }
func (*appHost) Bytes(b []byte) wire.Value   { return &appValue{bytesToJS(b)} }

// encodeApp is wire.Encode as a go-app value.
func encodeApp(v any) app.Value { return wire.Encode(&appHost{}, v).(*appValue).v }

// decodeApp is wire.Decode from a go-app value.
func decodeApp(v app.Value, dst any) error { return wire.Decode(&appValue{v}, dst) }
