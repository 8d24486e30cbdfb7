package batch

import (
	"bytes"
	"image"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/imgio"
	"picmark/internal/preset"
	"picmark/internal/render"
)

func TestStems(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"plain", []string{"shoot/sub/a.jpg", "b.png"}, []string{"shoot/sub/a", "b"}},
		{"collision by extension", []string{"a.jpg", "a.png", "a.webp"}, []string{"a", "a (2)", "a (3)"}},
		{"collision by case", []string{"A.JPG", "a.jpg"}, []string{"A", "a (2)"}},
		{"same name other folder", []string{"x/a.jpg", "y/a.jpg"}, []string{"x/a", "y/a"}},
		{"suffix taken by a real file", []string{"a.jpg", "a (2).jpg", "a.png"}, []string{"a", "a (2)", "a (3)"}},
		{"dot dot", []string{"../../etc/passwd.jpg", "shoot/../x.jpg"}, []string{"etc/passwd", "shoot/x"}},
		{"absolute", []string{"/home/me/a.jpg"}, []string{"home/me/a"}},
		{"backslashes and drive", []string{`C:\Users\me\b.jpg`, `shoot\c.JPG`}, []string{"Users/me/b", "shoot/c"}},
		{"double dots in name", []string{"my..photo.jpg", "v1.2.final.png"}, []string{"my..photo", "v1.2.final"}},
		{"no extension", []string{"README"}, []string{"README"}},
		{"hidden file", []string{".hidden.jpg", ".jpg"}, []string{".hidden", ".jpg"}},
		{"windows-hostile", []string{"a:b*c?.jpg", "x\x00y.png"}, []string{"a_b_c_", "x_y"}},
		{"nothing left", []string{"..", "", "/"}, []string{"image", "image (2)", "image (3)"}},
		{"unicode", []string{"été/café.jpg"}, []string{"été/café"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Stems(tt.paths)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Stems(%q) = %q, want %q", tt.paths, got, tt.want)
			}
			if again := Stems(tt.paths); !reflect.DeepEqual(again, got) {
				t.Errorf("not deterministic: %q then %q", got, again)
			}
			for _, s := range got {
				if strings.HasPrefix(s, "/") || strings.Contains(s, "..") && !strings.Contains(tt.name, "double dots") || strings.Contains(s, `\`) {
					t.Errorf("unsafe stem %q", s)
				}
			}
		})
	}
}

func TestOutputName(t *testing.T) {
	if got := OutputName("pinterest-pin", "shoot/a"); got != "pinterest-pin/shoot/a.jpg" {
		t.Errorf("got %q", got)
	}
}

func presets(t *testing.T) []preset.Preset {
	ps, err := preset.Parse("")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestRows(t *testing.T) {
	ps := presets(t)
	outs := []render.Output{
		{Preset: ps[0], Data: make([]byte, 1234), Width: 1000, Height: 1500, Quality: 85, Upscaled: true, Crop: image.Rect(100, 0, 300, 300)},
		{Preset: ps[1], Data: make([]byte, 99), Width: 400, Height: 300, Quality: 85, Crop: image.Rect(0, 0, 400, 300)},
		{Preset: ps[2], Err: &imgio.CapError{Max: 5 << 20, Got: 6 << 20}},
	}
	got := Rows("shoot/a.jpg", "shoot/a", ps, outs, nil)
	want := []Row{
		{"shoot/a.jpg", "pinterest-pin", "pinterest-pin/shoot/a.jpg", 1000, 1500, 1234, StatusDone, "upscaled from 200×300 crop"},
		{"shoot/a.jpg", "tumblr-post", "tumblr-post/shoot/a.jpg", 400, 300, 99, StatusDone, ""},
		{"shoot/a.jpg", "snapchat-story", "", 0, 0, 0, StatusFailed, outs[2].Err.Error()},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Rows =\n%+v\nwant\n%+v", got, want)
	}

	t.Run("photo error", func(t *testing.T) {
		rows := Rows("notes.txt", "notes", ps, nil, imgio.ErrNotImage)
		if len(rows) != 3 {
			t.Fatalf("%d rows", len(rows))
		}
		for _, r := range rows {
			if r.Status != StatusFailed || r.Message != imgio.ErrNotImage.Error() || r.Output != "" {
				t.Errorf("%+v", r)
			}
		}
	})
	t.Run("missing outputs", func(t *testing.T) {
		rows := Rows("a.jpg", "a", ps, outs[:1], nil)
		if rows[1].Status != StatusFailed || rows[2].Status != StatusFailed || rows[0].Status != StatusDone {
			t.Errorf("%+v", rows)
		}
	})
}

func TestFailedRows(t *testing.T) {
	rows := FailedRows("big.jpg", presets(t), "stopped the worker (out of memory): export a smaller copy")
	if len(rows) != 3 || rows[2].Preset != "snapchat-story" || rows[0].Status != StatusFailed {
		t.Errorf("%+v", rows)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	rows := []Row{
		{"shoot/a.jpg", "pinterest-pin", "pinterest-pin/shoot/a.jpg", 1000, 1500, 1234, StatusDone, "upscaled from 200×300 crop"},
		{"odd, \"quoted\"\nname.jpg", "tumblr-post", "", 0, 0, 0, StatusFailed, "is damaged or incomplete (the JPEG data ends early): export it again"},
		{"=HYPERLINK(\"http://x\").jpg", "x-post", "x-post/=HYPERLINK(_http___x_)", 1, 2, 3, StatusDone, "-minus"},
		{"'", "'quoted'", "''", 0, 0, 0, StatusFailed, "'+"},
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasPrefix(text, "input,preset,output,width,height,bytes,status,message\n") {
		t.Errorf("header: %q", text)
	}
	if strings.Contains(text, "\n=HYPERLINK") || !strings.Contains(text, "'=HYPERLINK") {
		t.Errorf("a formula cell reaches the spreadsheet: %q", text)
	}
	if !strings.Contains(text, "tumblr-post,,,,,failed,") {
		t.Errorf("failed row should leave the numbers empty: %q", text)
	}
	got, err := ReadCSV(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rows) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", got, rows)
	}
	if _, err := ReadCSV(strings.NewReader("a,b\n")); err == nil {
		t.Error("wrong header accepted")
	}
	// A lone apostrophe (from a report no WriteCSV defused) reads as itself.
	if got, err := ReadCSV(strings.NewReader(strings.Join(CSVHeader, ",") + "\n',p,,,,,failed,'\n")); err != nil || got[0].Input != "'" || got[0].Message != "'" {
		t.Errorf("a lone apostrophe: %+v, %v", got, err)
	}
	for i, col := range []string{"width", "height", "bytes"} {
		rec := []string{"a.jpg", "p", "p/a.jpg", "1", "2", "3", "done", ""}
		rec[3+i] = "12px"
		_, err := ReadCSV(strings.NewReader(strings.Join(CSVHeader, ",") + "\n" + strings.Join(rec, ",") + "\n"))
		if err == nil || !strings.Contains(err.Error(), `report: `+col+` "12px"`) {
			t.Errorf("a %s of 12px: %v", col, err)
		}
	}
}
