package batch

import (
	"bytes"
	"image"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/imgio"
	"picmark/internal/msg"
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
		{"shoot/a.jpg", "pinterest-pin", "pinterest-pin/shoot/a.jpg", 1000, 1500, 1234, StatusDone, []msg.Message{msg.New(msg.Upscaled, msg.Num("w", 200), msg.Num("h", 300))}},
		{"shoot/a.jpg", "tumblr-post", "tumblr-post/shoot/a.jpg", 400, 300, 99, StatusDone, nil},
		{"shoot/a.jpg", "snapchat-story", "", 0, 0, 0, StatusFailed, []msg.Message{msg.New(msg.OverCapJPEG, msg.Bytes("size", 6<<20), msg.Bytes("maxSize", 5<<20))}},
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
			if r.Status != StatusFailed || r.Say(msg.English) != imgio.ErrNotImage.Error() || r.Notes[0].Code != msg.NotImage || r.Output != "" {
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
	rows := FailedRows("big.jpg", presets(t), msg.New(msg.WorkerStopped, msg.Word("why", msg.StopCrashed)))
	if len(rows) != 3 || rows[2].Preset != "snapchat-story" || rows[0].Status != StatusFailed || rows[1].Notes[0].Code != msg.WorkerStopped {
		t.Errorf("%+v", rows)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	upscaled := msg.New(msg.Upscaled, msg.Num("w", 200), msg.Num("h", 300))
	faces := msg.New(msg.FacesCut, msg.Count("n", 1))
	rows := []Row{
		{"shoot/a.jpg", "pinterest-pin", "pinterest-pin/shoot/a.jpg", 1000, 1500, 1234, StatusDone, []msg.Message{upscaled, faces}},
		{"odd, \"quoted\"\nname.jpg", "tumblr-post", "", 0, 0, 0, StatusFailed, []msg.Message{msg.New(msg.Truncated, msg.Text("format", "JPEG"))}},
		{"=HYPERLINK(\"http://x\").jpg", "x-post", "x-post/=HYPERLINK(_http___x_)", 1, 2, 3, StatusDone, nil},
		{"'", "'quoted'", "''", 0, 0, 0, StatusFailed, []msg.Message{msg.New(msg.Failed, msg.Text("reason", "'+"))}},
		{"", "", "", 0, 0, 0, StatusLeftOut, []msg.Message{LeftOutNote(2)}},
	}
	for _, lang := range []string{msg.English, msg.French} {
		var b bytes.Buffer
		if err := WriteCSV(&b, rows, lang); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		if !strings.HasPrefix(text, "input,preset,output,width,height,bytes,status,code,message\n") {
			t.Errorf("header: %q", text)
		}
		if strings.Contains(text, "\n=HYPERLINK") || !strings.Contains(text, "'=HYPERLINK") {
			t.Errorf("a formula cell reaches the spreadsheet: %q", text)
		}
		if !strings.Contains(text, "tumblr-post,,,,,failed,truncated,") {
			t.Errorf("failed row should leave the numbers empty and give its code: %q", text)
		}
		got, err := ReadCSV(&b)
		if err != nil {
			t.Fatal(err)
		}
		var want []Line
		for _, r := range rows {
			want = append(want, Line{r.Input, r.Preset, r.Output, r.Width, r.Height, r.Bytes, r.Status, msg.Codes(r.Notes), r.Say(lang)})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s round trip:\n%+v\nwant\n%+v", lang, got, want)
		}
		if got[0].Code != "upscaled faces-cut" {
			t.Errorf("codes %q", got[0].Code)
		}
	}
	if _, err := ReadCSV(strings.NewReader("a,b\n")); err == nil {
		t.Error("wrong header accepted")
	}
	// A lone apostrophe (from a report no WriteCSV defused) reads as itself.
	if got, err := ReadCSV(strings.NewReader(strings.Join(CSVHeader, ",") + "\n',p,,,,,failed,,'\n")); err != nil || got[0].Input != "'" || got[0].Message != "'" {
		t.Errorf("a lone apostrophe: %+v, %v", got, err)
	}
	for i, col := range []string{"width", "height", "bytes"} {
		rec := []string{"a.jpg", "p", "p/a.jpg", "1", "2", "3", "done", "", ""}
		rec[3+i] = "12px"
		_, err := ReadCSV(strings.NewReader(strings.Join(CSVHeader, ",") + "\n" + strings.Join(rec, ",") + "\n"))
		if err == nil || !strings.Contains(err.Error(), `report: `+col+` "12px"`) {
			t.Errorf("a %s of 12px: %v", col, err)
		}
	}
}

// rapport.csv, for a French-speaking user, opens right in French Excel:
// a UTF-8 BOM, semicolons, French column names, statuses, format names
// and messages; report.csv stays the scripts' format beside it.
func TestRapport(t *testing.T) {
	ps := presets(t)
	rows := []Row{
		{"shoot/a.jpg", "pinterest-pin", "pinterest-pin/shoot/a.jpg", 1000, 1500, 1234, StatusDone, []msg.Message{msg.New(msg.FacesCut, msg.Count("n", 0))}},
		{"shoot/b;c.jpg", "snapchat-story", "", 0, 0, 0, StatusFailed, []msg.Message{msg.New(msg.OverCapJPEG, msg.Bytes("size", 6<<20+100<<10), msg.Bytes("maxSize", 5<<20))}},
		{"", "", "", 0, 0, 0, StatusLeftOut, []msg.Message{LeftOutNote(1)}},
	}
	if files := Reports(rows, msg.English, ps); len(files) != 1 || files[0].Name != "report.csv" {
		t.Fatalf("English reports: %v", files)
	}
	files := Reports(rows, msg.French, ps)
	if len(files) != 2 || files[0].Name != "report.csv" || files[1].Name != "rapport.csv" {
		t.Fatalf("French reports: %d files", len(files))
	}
	data := files[1].Data
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBFfichier;format;image créée;largeur;hauteur;octets;état;code;message\r\n")) &&
		!bytes.HasPrefix(data, []byte("\xEF\xBB\xBFfichier;format;image créée;largeur;hauteur;octets;état;code;message\n")) {
		t.Errorf("rapport.csv starts %q", data[:min(len(data), 90)])
	}
	got, err := ReadCSV(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{"shoot/a.jpg", "Épingle Pinterest", "pinterest-pin/shoot/a.jpg", 1000, 1500, 1234, "fait", "faces-cut", "0 visage n’a pas pu être gardé entier dans ce format"},
		{"shoot/b;c.jpg", "Story Snapchat", "", 0, 0, 0, "échec", "over-cap-jpeg",
			"pèse encore 6,1\u00A0Mo à la qualité JPEG la plus basse, au-delà de la limite de 5\u00A0Mo de ce format\u00A0: choisissez une photo moins détaillée ou un autre format"},
		{"", "", "", 0, 0, 0, "mis de côté", "system-files", "1 fichier système mis de côté (.DS_Store, Thumbs.db et autres)"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rapport.csv read back:\n%+v\nwant\n%+v", got, want)
	}
	en, err := ReadCSV(bytes.NewReader(files[0].Data))
	if err != nil || en[1].Preset != "snapchat-story" || en[1].Status != StatusFailed || en[1].Message != want[1].Message {
		t.Errorf("report.csv beside it: %+v, %v", en, err)
	}
}
