package settings

import (
	"reflect"
	"strings"
	"testing"
)

// Every page field of every entry has a control on the page: a simple one
// described here, which edits that very field, or one the page draws
// itself (Hand), with the reason and the element's id. A new setting with
// a page field and no control fails here; one whose control the page
// forgets to draw fails app's TestEveryControlOnThePage. What only a
// hand-written kit sets (whyKitOnly) has a page field and no control.
func TestEveryPageFieldHasAControl(t *testing.T) {
	ids := map[string]string{}
	for _, e := range Table {
		if e.Why == whyKitOnly && len(e.Controls) > 0 {
			t.Errorf("%s has controls: the page edits it, it is not kit-only", e.Key)
		}
		if e.Page == "" || e.Why == whyKitOnly {
			if len(e.Controls) > 0 {
				t.Errorf("%s has controls but no page field", e.Key)
			}
			continue
		}
		edited := checkControls(t, e.Key, e.Controls, ids, false)
		for _, p := range pageFields(e.Page) {
			if !edited[p] && !allHand(e.Controls) {
				t.Errorf("%s: no control edits the page field %q", e.Key, p)
			}
		}
	}
	for _, e := range LayerTable {
		if e.Why == whyKitOnly && len(e.Controls) > 0 {
			t.Errorf("kit.texts[].%s has controls: the page edits it, it is not kit-only", e.Key)
		}
		if e.Page == "" || e.Why == whyKitOnly {
			continue
		}
		edited := checkControls(t, "kit.texts[]."+e.Key, e.Controls, ids, true)
		for _, p := range pageFields(e.Page) {
			if !edited[p] && !allHand(e.Controls) {
				t.Errorf("kit.texts[].%s: no control edits the layer's field %q", e.Key, p)
			}
		}
	}
}

// checkControls checks an entry's controls and returns the fields (by
// their JSON key) its simple controls edit.
func checkControls[T any](t *testing.T, key string, cs []Control[T], ids map[string]string, layer bool) map[string]bool {
	t.Helper()
	if len(cs) == 0 {
		t.Errorf("%s has a page field and no control: describe it (Control), or say why the page draws it itself (Hand)", key)
	}
	edited := map[string]bool{}
	for _, c := range cs {
		for _, id := range []string{c.ID, c.First} {
			// A Hand control may name another's element: the tile's
			// colour is the text's.
			if other, dup := ids[id]; id != "" && c.Kind != Hand && dup && other != key+" "+c.ID {
				t.Errorf("%s: the id %q is %s's too", key, id, other)
			} else if id != "" && c.Kind != Hand {
				ids[id] = key + " " + c.ID
			}
		}
		if c.Kind == Hand {
			if c.Why == "" || c.ID == "" && c.First == "" {
				t.Errorf("%s: a control the page draws itself needs its element's id and a Why", key)
			}
			continue
		}
		if c.Label == "" || layer && (c.ID == "" || c.First == "") || !layer && c.ID == "" {
			t.Errorf("%s: the control %q needs a label and its ids", key, c.ID)
		}
		if !layer && c.Section == "" || layer && c.Section != "" {
			t.Errorf("%s: the control %q has the section %q: Table's controls need one, LayerTable's go in their layer", key, c.ID, c.Section)
		}
		var v T
		var field any
		switch c.Kind {
		case Checkbox:
			field = ptrOf(c.Bool, &v)
		case Select, Text, Colour:
			field = ptrOf(c.Str, &v)
			if c.Kind == Select && (c.Options == nil || len(c.Options()) == 0) {
				t.Errorf("%s: the select %q has no options", key, c.ID)
			}
		case Range:
			field = ptrOf(c.Int, &v)
			if c.Min >= c.Max {
				t.Errorf("%s: the slider %q goes from %d to %d", key, c.ID, c.Min, c.Max)
			}
		default:
			t.Errorf("%s: the control %q is of kind %d", key, c.ID, c.Kind)
		}
		if field == nil {
			t.Errorf("%s: the control %q has no field of its kind to edit", key, c.ID)
			continue
		}
		name := jsonKeyAt(&v, field)
		if name == "" {
			t.Errorf("%s: the control %q edits no field of %T", key, c.ID, v)
		}
		edited[name] = true
	}
	return edited
}

func ptrOf[T, F any](get func(*T) *F, v *T) any {
	if get == nil {
		return nil
	}
	return get(v)
}

// jsonKeyAt is the JSON key of the field of *v at the address p, among
// its fields and its embedded structs' ("" for none).
func jsonKeyAt(v any, p any) string {
	addr := reflect.ValueOf(p).Pointer()
	var find func(s reflect.Value) string
	find = func(s reflect.Value) string {
		for i := range s.NumField() {
			f, sf := s.Field(i), s.Type().Field(i)
			if sf.Anonymous && f.Kind() == reflect.Struct {
				if k := find(f); k != "" {
					return k
				}
				continue
			}
			if f.Addr().Pointer() == addr && f.Type() == reflect.TypeOf(p).Elem() {
				name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
				return name
			}
		}
		return ""
	}
	return find(reflect.ValueOf(v).Elem())
}

func allHand[T any](cs []Control[T]) bool {
	for _, c := range cs {
		if c.Kind != Hand {
			return false
		}
	}
	return len(cs) > 0
}
