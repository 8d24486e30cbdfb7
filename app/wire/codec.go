package wire

// The codec: Go values to JavaScript objects and back, field by field,
// through Value and Host (app/worker wraps syscall/js, the page go-app's
// values). It uses reflect, which app.wasm links already (encoding/json);
// JSON text would not do: a message carries Files, Blobs, bitmaps and
// transferred buffers that must stay what they are.
//
// A field's name is its json tag, or its Go name; "-" leaves it out. Types:
// bool, numbers, string, []byte (a Uint8Array), []int32 (an Int32Array,
// where the Host makes them), other slices (Arrays; nil is empty), structs
// and pointers to them (objects; nil is null), Value (as it is) and any (a
// number, string or bool as Go's; else the Value).
//
// Decode is strict where a mistake would otherwise pass silently: a
// message's type must be the one asked for, a field without omitempty must
// be there (not undefined), and a value must have the field's type.

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Encode makes v, a Message or any value of the types above, a JavaScript
// value; a Message gets its "type" first.
func Encode(h Host, v any) Value {
	if m, ok := v.(Message); ok {
		obj := h.Object()
		obj.Set("type", h.String(string(m.Kind())))
		encodeFields(h, reflect.ValueOf(v), obj)
		return obj
	}
	return encode(h, reflect.ValueOf(v))
}

var valueType = reflect.TypeFor[Value]()

func encode(h Host, v reflect.Value) Value {
	if !v.IsValid() {
		return h.Null()
	}
	if v.Type() == valueType || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return h.Null()
		}
		if jv, ok := v.Interface().(Value); ok {
			return jv
		}
		return encode(h, v.Elem())
	}
	switch v.Kind() {
	case reflect.Bool:
		return h.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return h.Number(float64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return h.Number(float64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		return h.Number(v.Float())
	case reflect.String:
		return h.String(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			return h.Null()
		}
		return encode(h, v.Elem())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return h.Bytes(v.Bytes())
		}
		if h, ok := h.(Int32Host); ok && v.Type().Elem().Kind() == reflect.Int32 {
			return h.Int32s(v.Interface().([]int32))
		}
		arr := h.Array()
		for i := range v.Len() {
			arr.SetIndex(i, encode(h, v.Index(i)))
		}
		return arr
	case reflect.Struct:
		obj := h.Object()
		encodeFields(h, v, obj)
		return obj
	}
	panic("wire: cannot encode a " + v.Type().String())
}

// encodeFields sets the fields of v, a struct, on obj.
func encodeFields(h Host, v reflect.Value, obj Value) {
	for _, f := range fieldsOf(v.Type()) {
		fv := v.Field(f.index)
		if f.optional && fv.IsZero() {
			continue
		}
		obj.Set(f.name, encode(h, fv))
	}
}

// Decode reads src into dst, a pointer. When dst is a Message, src's
// "type" must be its Kind.
func Decode(src Value, dst any) error {
	p := reflect.ValueOf(dst)
	if p.Kind() != reflect.Pointer || p.IsNil() {
		return errors.New("wire: Decode needs a pointer")
	}
	if m, ok := dst.(Message); ok {
		t := src.Get("type")
		if src.Type() != TypeObject || t.Type() != TypeString || Kind(t.String()) != m.Kind() {
			return &Error{Path: string(m.Kind()) + " message's type", Got: t.Type(), Want: `"` + string(m.Kind()) + `"`, Is: t}
		}
	}
	return decode(src, p.Elem(), p.Elem().Type().Name())
}

// Error is a value Decode cannot take: Got where Want was needed at Path
// (Want empty: the field is missing).
type Error struct {
	Path string
	Got  Type
	Want string
	Is   Value // the value, when it is a string
}

func (e *Error) Error() string {
	if e.Want == "" {
		return "wire: " + e.Path + " is missing"
	}
	got := typeNames[e.Got]
	if e.Got == TypeString {
		got = strconv.Quote(e.Is.String())
	}
	return "wire: " + e.Path + " is " + got + ", not " + e.Want
}

var typeNames = [...]string{"undefined", "null", "a boolean", "a number", "a string", "an object", "a function"}

func decode(src Value, dst reflect.Value, path string) error {
	t := src.Type()
	absent := t == TypeUndefined || t == TypeNull
	mismatch := func(want string) error { return &Error{Path: path, Got: t, Want: want, Is: src} }
	if dst.Kind() == reflect.Interface {
		// A Value field, or any: browser objects as they are, the rest as Go's.
		var v any = src
		switch t {
		case TypeUndefined, TypeNull:
			dst.SetZero()
			return nil
		case TypeBool:
			v = src.Bool()
		case TypeNumber:
			v = src.Float()
		case TypeString:
			v = src.String()
		}
		if rv := reflect.ValueOf(v); rv.Type().AssignableTo(dst.Type()) {
			dst.Set(rv)
			return nil
		}
		return mismatch("an object")
	}
	switch k := dst.Kind(); {
	case k == reflect.Bool:
		if t != TypeBool {
			return mismatch("a boolean")
		}
		dst.SetBool(src.Bool())
	case dst.CanInt(), dst.CanUint(), dst.CanFloat():
		if t != TypeNumber {
			return mismatch("a number")
		}
		f := src.Float()
		switch {
		case dst.CanInt():
			dst.SetInt(int64(f))
		case dst.CanUint():
			dst.SetUint(uint64(f))
		default:
			dst.SetFloat(f)
		}
	case k == reflect.String:
		if t != TypeString {
			return mismatch("a string")
		}
		dst.SetString(src.String())
	case k == reflect.Pointer:
		if absent {
			dst.SetZero()
			return nil
		}
		p := reflect.New(dst.Type().Elem())
		if err := decode(src, p.Elem(), path); err != nil {
			return err
		}
		dst.Set(p)
	case k == reflect.Slice:
		if t != TypeObject {
			return mismatch("an array")
		}
		if dst.Type().Elem().Kind() == reflect.Uint8 {
			b, ok := src.Bytes()
			if !ok {
				return mismatch("a Uint8Array")
			}
			dst.SetBytes(b)
			return nil
		}
		n := src.Length()
		s := reflect.MakeSlice(dst.Type(), n, n)
		for i := range n {
			if err := decode(src.Index(i), s.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		dst.Set(s)
	case k == reflect.Struct:
		if t != TypeObject {
			return mismatch("an object")
		}
		for _, f := range fieldsOf(dst.Type()) {
			v := src.Get(f.name)
			if v.Type() == TypeUndefined {
				if !f.optional {
					return &Error{Path: path + "." + f.name}
				}
				continue
			}
			if err := decode(v, dst.Field(f.index), path+"."+f.name); err != nil {
				return err
			}
		}
	default:
		return errors.New("wire: cannot decode into " + path + " (" + dst.Type().String() + ")")
	}
	return nil
}

// field is a struct field as the codec sees it.
type field struct {
	index    int
	name     string
	optional bool // omitempty: left out when zero, may be missing
	jsType   string
}

var fieldCache sync.Map // reflect.Type → []field

func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, field{index: i, name: name, optional: strings.Contains(","+opts+",", ",omitempty,"), jsType: sf.Tag.Get("js")})
	}
	fieldCache.Store(t, fs)
	return fs
}
