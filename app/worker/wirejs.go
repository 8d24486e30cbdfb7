//go:build js && wasm

package worker

import (
	"encoding/binary"
	"syscall/js"

	"picmark/app/wire"
)

// jsValue is a syscall/js value as app/wire's codec reads and writes it.
type jsValue struct{ v js.Value }

// raw is the JavaScript value a wire.Value field holds (undefined for nil).
func raw(v wire.Value) js.Value {
	if x, ok := v.(*jsValue); ok {
		return x.v
	}
	return js.Undefined()
}

// wrap lets a JavaScript value be a wire.Value field.
func wrap(v js.Value) wire.Value { return &jsValue{v} }

// jsTypes are the codec's types by syscall/js's, in the order of its Type.
var jsTypes = [...]wire.Type{wire.TypeUndefined, wire.TypeNull, wire.TypeBool, wire.TypeNumber, wire.TypeString,
	wire.TypeObject, wire.TypeObject, wire.TypeFunction} // symbols count as objects

func (x *jsValue) Type() wire.Type              { return jsTypes[x.v.Type()] }
func (x *jsValue) Get(k string) wire.Value      { return &jsValue{x.v.Get(k)} }
func (x *jsValue) Set(k string, v wire.Value)   { x.v.Set(k, raw(v)) }
func (x *jsValue) Index(i int) wire.Value       { return &jsValue{x.v.Index(i)} }
func (x *jsValue) SetIndex(i int, v wire.Value) { x.v.SetIndex(i, raw(v)) }
func (x *jsValue) Length() int                  { return x.v.Length() }
func (x *jsValue) Bool() bool                   { return x.v.Bool() }
func (x *jsValue) Float() float64               { return x.v.Float() }
func (x *jsValue) String() string               { return x.v.String() }

func (x *jsValue) Bytes() ([]byte, bool) {
	if !x.v.InstanceOf(uint8Array) {
		return nil, false
	}
	b := make([]byte, x.v.Length())
	js.CopyBytesToGo(b, x.v)
	return b, true
}

var (
	object     = js.Global().Get("Object")
	array      = js.Global().Get("Array")
	uint8Array = js.Global().Get("Uint8Array")
	int32Array = js.Global().Get("Int32Array")
)

// jsHost makes the codec's values with syscall/js.
type jsHost struct{}

func (*jsHost) Object() wire.Value          { return &jsValue{object.New()} }
func (*jsHost) Array() wire.Value           { return &jsValue{array.New()} }
func (*jsHost) Null() wire.Value            { return &jsValue{js.Null()} }
func (*jsHost) Bool(b bool) wire.Value      { return &jsValue{js.ValueOf(b)} }
func (*jsHost) Number(f float64) wire.Value { return &jsValue{js.ValueOf(f)} }
func (*jsHost) String(s string) wire.Value  { return &jsValue{js.ValueOf(s)} }

func (*jsHost) Bytes(b []byte) wire.Value {
	arr := uint8Array.New(len(b))
	js.CopyBytesToJS(arr, b)
	return &jsValue{arr}
}

// Int32s copies through bytes: typed arrays are little-endian wherever
// wasm runs.
func (*jsHost) Int32s(v []int32) wire.Value {
	b := make([]byte, 0, 4*len(v))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, uint32(x))
	}
	arr := int32Array.New(len(v))
	js.CopyBytesToJS(uint8Array.New(arr.Get("buffer")), b)
	return &jsValue{arr}
}

// encode is wire.Encode as a syscall/js value.
func encode(v any) js.Value { return raw(wire.Encode(&jsHost{}, v)) }

// decode is wire.Decode from a syscall/js value.
func decode(v js.Value, dst any) error { return wire.Decode(&jsValue{v}, dst) }
