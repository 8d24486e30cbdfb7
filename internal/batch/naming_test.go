package batch

import (
	"image"
	"reflect"
	"slices"
	"strings"
	"testing"

	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/render"
)

func TestNamerName(t *testing.T) {
	type in struct {
		preset, stem string
		index, w, h  int
		f            imgio.Format
	}
	pin := in{"pinterest-pin", "shoot/sub/a", 3, 1000, 1500, imgio.JPEG}
	top := in{"pinterest-pin", "a", 1, 1000, 1500, imgio.PNG}
	tests := []struct {
		template string
		in       in
		want     string
	}{
		{"", pin, "pinterest-pin/shoot/sub/a.jpg"},
		{DefaultTemplate, pin, "pinterest-pin/shoot/sub/a.jpg"},
		{DefaultTemplate, top, "pinterest-pin/a.png"}, // no empty folder: not "pinterest-pin//a.png"
		{"{dir}/{name}-{preset}-{w}x{h}", pin, "shoot/sub/a-pinterest-pin-1000x1500.jpg"},
		{"{dir}/{name}-{preset}", top, "a-pinterest-pin.png"},
		{"{index}", pin, "3.jpg"},
		{"campaign/{preset}/{index}-{name}", top, "campaign/pinterest-pin/1-a.png"},
		{"{name}/{dir}", pin, "a/shoot/sub.jpg"},
		{"{name}/{dir}", top, "a.png"},
		{"{name}. ", pin, "a.jpg"}, // Windows drops trailing dots and spaces
		{"{preset}//{name}", pin, "pinterest-pin/a.jpg"},
		{"{name}", in{"x", "", 1, 1, 1, imgio.JPEG}, "image.jpg"},
		{"{name}", in{"x", "../evil", 1, 1, 1, imgio.JPEG}, "evil.jpg"},             // a stem not from Stems stays inside
		{"{preset}/{name}", in{"a/../b", "n", 1, 1, 1, imgio.JPEG}, "a_.._b/n.jpg"}, // an id is one folder
		{"{dir}/{name}", in{"x", "été/café", 1, 1, 1, imgio.JPEG}, "été/café.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.template+" "+tt.in.stem, func(t *testing.T) {
			n, err := NewNamer(tt.template)
			if err != nil {
				t.Fatal(err)
			}
			got := n.Name(tt.in.preset, tt.in.stem, tt.in.index, tt.in.w, tt.in.h, tt.in.f)
			if got != tt.want {
				t.Errorf("Name = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, "//") || strings.HasPrefix(got, "/") || slices.Contains(strings.Split(got, "/"), "..") {
				t.Errorf("unsafe name %q", got)
			}
		})
	}
}

func TestNewNamerErrors(t *testing.T) {
	tests := []struct{ template, want string }{
		{"{preset}/{nmae}", "the naming template: it has a part picmark does not know, {nmae}: use {preset}, {dir}, {name}, {w}, {h}, {index} or {col:Column}"},
		{"{preset}/{name", `the naming template: it has an opening brace without its pair: write each part whole, like {name}`},
		{"{preset}/name}", `the naming template: it has a closing brace without its pair: write each part whole, like {name}`},
		{"{preset}/{w}x{h}", "the naming template: it needs {name}, {index} or {col:Column}, or every photo would get the same file name"},
		{"fixed", "the naming template: it needs {name}, {index} or {col:Column}, or every photo would get the same file name"},
		{"../{name}", `the naming template: it has ".." as a folder: take it out, as the pictures stay inside the output folder`},
		{"{preset}/../../{name}", `the naming template: it has ".." as a folder: take it out, as the pictures stay inside the output folder`},
		{"/{name}", `the naming template: it starts with "/" or a drive: take it out, as the pictures stay inside the output folder`},
		{"C:{name}", `the naming template: it starts with "/" or a drive: take it out, as the pictures stay inside the output folder`},
		{`{preset}\{name}`, `the naming template: it makes folders with "\": write "/" instead`},
		{"{name}?", `the naming template: it has "?", which file names cannot hold: take it out`},
		{strings.Repeat("x", 190) + "{name}/{dir}", "the naming template: it has 202 characters, 200 at most: shorten it"},
		{strings.Repeat("x", 195) + "{name}", "the naming template: it has 201 characters, 200 at most: shorten it"},
		{"{name}\x7f", `the naming template: it has "\x7f", which file names cannot hold: take it out`},
		{"{name}\x1f", `the naming template: it has "\x1f", which file names cannot hold: take it out`},
		{"{name}:", `the naming template: it starts with "/" or a drive: take it out, as the pictures stay inside the output folder`}, // "x:" reads as a drive
		{"{name}x:", `the naming template: it has ":", which file names cannot hold: take it out`},
		{"<{name}", `the naming template: it has "<", which file names cannot hold: take it out`},
		{"./{name}", `the naming template: it has "." as a folder: take it out, as the pictures stay inside the output folder`},
	}
	for _, tt := range tests {
		t.Run(tt.template, func(t *testing.T) {
			n, err := NewNamer(tt.template)
			if err == nil {
				t.Fatalf("accepted: %+v", n)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
	for _, ok := range []string{"{name}..{w}", "{preset}/{dir}/{name}.v2", "{index}", "{name} ", strings.Repeat("x", 194) + "{name}"} {
		if _, err := NewNamer(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

func TestUnique(t *testing.T) {
	var u Unique
	in := []string{"p/a.jpg", "p/a.jpg", "p/A.JPG", "p/a (2).jpg", "p/b", "p/b", "p.x/c", "p.x/c", ".jpg", ".jpg"}
	want := []string{"p/a.jpg", "p/a (2).jpg", "p/A (3).JPG", "p/a (2) (2).jpg", "p/b", "p/b (2)", "p.x/c", "p.x/c (2)", ".jpg", ".jpg (2)"}
	var got []string
	for _, n := range in {
		got = append(got, u.Name(n))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestNamesAndNotes(t *testing.T) {
	ps := presets(t)
	png := []byte("\x89PNG\r\n\x1a\nrest")
	outs := []render.Output{
		{Preset: ps[0], Data: []byte{0xFF, 0xD8, 0xFF, 0xE0}, Width: 1000, Height: 1500, Upscaled: true, Crop: imageRect(200, 300),
			Notes: []msg.Message{msg.New(msg.ProfileDamaged), msg.New(msg.FacesCut, msg.Count("n", 1))}},
		{Preset: ps[1], Data: png, Width: 400, Height: 300, Notes: []msg.Message{msg.New(msg.ProfileDamaged)}},
		{Preset: ps[2], Err: &imgio.CapError{Format: imgio.PNG, Max: 5 << 20, Got: 6 << 20}},
	}
	n, err := NewNamer("{name}-{w}x{h}")
	if err != nil {
		t.Fatal(err)
	}
	var u Unique
	u.Name("a-1000x1500.jpg") // taken by an earlier input
	names := n.Names("shoot/a", 2, outs, &u)
	if want := []string{"a-1000x1500 (2).jpg", "a-400x300.png", ""}; !reflect.DeepEqual(names, want) {
		t.Errorf("Names = %q, want %q", names, want)
	}
	rows := NamedRows("shoot/a.jpg", ps, outs, nil, names)
	want := []struct {
		Input, Preset, Output string
		Width, Height         int
		Bytes                 int64
		Status, Notes         string
	}{
		{"shoot/a.jpg", "pinterest-pin", "a-1000x1500 (2).jpg", 1000, 1500, 4, StatusDone,
			"upscaled from 200×300 crop; colour profile ignored (it is damaged); 1 face could not be kept whole in this format"},
		{"shoot/a.jpg", "tumblr-post", "a-400x300.png", 400, 300, int64(len(png)), StatusDone, "colour profile ignored (it is damaged)"},
		{"shoot/a.jpg", "snapchat-story", "", 0, 0, 0, StatusFailed, outs[2].Err.Error()},
	}
	for i, r := range rows {
		w := want[i]
		if r.Input != w.Input || r.Preset != w.Preset || r.Output != w.Output || r.Width != w.Width || r.Height != w.Height ||
			r.Bytes != w.Bytes || r.Status != w.Status || r.Say(msg.English) != w.Notes {
			t.Errorf("NamedRows[%d] =\n%+v (%q)\nwant\n%+v", i, r, r.Say(msg.English), w)
		}
	}
	// Names missing at the end: the default name, never a panic.
	if rows := NamedRows("shoot/a.jpg", ps[:2], outs[:2], nil, names[:1]); rows[0].Output != "a-1000x1500 (2).jpg" || rows[1].Output != "tumblr-post/image.png" {
		t.Errorf("NamedRows with one name: outputs %q, %q", rows[0].Output, rows[1].Output)
	}
	// Rows: the default template, the extension from the bytes.
	if rows := Rows("a.png", "a", ps, outs, nil); rows[0].Output != "pinterest-pin/a.jpg" || rows[1].Output != "tumblr-post/a.png" {
		t.Errorf("Rows outputs %q, %q", rows[0].Output, rows[1].Output)
	}
}

func imageRect(w, h int) image.Rectangle { return image.Rect(0, 0, w, h) }

func TestNamerColumns(t *testing.T) {
	row := map[string]string{"Référence": "REF/001", "Vide": ""}
	col := func(c string) string { return row[c] }
	tests := []struct {
		template, stem string
		col            func(string) string
		want           string
	}{
		{"{preset}/{col:Référence}", "shoot/a", col, "pinterest-pin/REF_001.jpg"}, // a value's "/" makes no folder
		{"{preset}/{col: Référence }-{name}", "shoot/a", col, "pinterest-pin/REF_001-a.jpg"},
		{"{preset}/{col:Vide}", "shoot/a", col, "pinterest-pin/a.jpg"},       // empty: the photo's name
		{"{preset}/{col:Vide}{name}", "shoot/a", col, "pinterest-pin/a.jpg"}, // with {name}: nothing more
		{"{preset}/{col:Référence}", "shoot/a", nil, "pinterest-pin/a.jpg"},  // no sheet
		{"{col:Référence}/{index}", "a", col, "REF_001/3.jpg"},
	}
	for _, tt := range tests {
		n, err := NewNamer(tt.template)
		if err != nil {
			t.Fatalf("%q: %v", tt.template, err)
		}
		if got := n.NameWith("pinterest-pin", tt.stem, 3, 1000, 1500, imgio.JPEG, tt.col); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.template, got, tt.want)
		}
	}
	n, _ := NewNamer("{col:Référence}/{name}-{col:Prix}")
	if !reflect.DeepEqual(n.Columns(), []string{"Référence", "Prix"}) {
		t.Errorf("Columns() = %q", n.Columns())
	}
	if got := n.Name("p", "a", 1, 1, 1, imgio.JPEG); got != "a-.jpg" {
		t.Errorf("Name without a sheet: %q", got)
	}
	if _, err := NewNamer("{col:}"); err == nil {
		t.Error("{col:} accepted")
	}
}
