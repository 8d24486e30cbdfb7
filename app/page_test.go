package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/preset"
)

func renderPage(t *testing.T, p *Page) string {
	t.Helper()
	e := app.NewTestEngine()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return app.HTMLString(p)
}

func TestPageDefaults(t *testing.T) {
	html := renderPage(t, &Page{})
	for _, want := range []string{`id="folder-input"`, `webkitdirectory`, `id="files-input"`, `id="logo-input"`,
		`id="start"`, `id="progress"`, `id="file-list"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, p := range preset.All() {
		box := `id="preset-` + p.ID + `"`
		i := strings.Index(html, box)
		if i < 0 {
			t.Errorf("no checkbox for %s", p.ID)
			continue
		}
		tag := html[strings.LastIndex(html[:i], "<"):]
		tag = tag[:strings.Index(tag, ">")]
		checked := strings.Contains(tag, " checked") && !strings.Contains(tag, `checked="false"`)
		want := p.ID == "pinterest-pin" || p.ID == "tumblr-post" || p.ID == "snapchat-story"
		if checked != want {
			t.Errorf("%s checked=%v, want %v (%s)", p.ID, checked, want, tag)
		}
	}
}

func TestPageListsFilesWithReasons(t *testing.T) {
	p := &Page{}
	p.sess.add([]wire.Picked{
		{Index: 0, Path: "shoot/a.jpg", Size: 100, Head: jpegHead},
		{Index: 1, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")},
	})
	html := renderPage(t, p)
	for _, want := range []string{`data-path="shoot/a.jpg"`, `data-status="ready"`, `data-path="shoot/notes.txt"`,
		`data-status="skipped"`, "Files: 1 photo, 1 skipped"} {
		if !strings.Contains(html, want) {
			t.Errorf("the file list lacks %s", want)
		}
	}
}

func TestStartNeedsFilesAndFormats(t *testing.T) {
	p := &Page{}
	renderPage(t, p)
	p.start(app.Context{}, app.Event{})
	if p.state != "idle" || !strings.Contains(p.notice, "Add photos") {
		t.Errorf("with no files: state %q, notice %q", p.state, p.notice)
	}
	p.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
	p.choices.Ticked = map[string]bool{}
	p.start(app.Context{}, app.Event{})
	if p.state != "idle" || !strings.Contains(p.notice, "format") {
		t.Errorf("with no format: state %q, notice %q", p.state, p.notice)
	}
}

// TestStartWhileReading: Start pressed while files are being read says so,
// and Start runs again by itself once the last file is read (here it then
// finds no format ticked, and says that: no ctx to run a batch natively).
func TestStartWhileReading(t *testing.T) {
	p := &Page{}
	renderPage(t, p)
	p.choices.Ticked = map[string]bool{}
	p.listed(wire.Listed{First: 0, Paths: "a.jpg\x00b.txt\x00"})
	p.start(app.Context{}, app.Event{})
	if p.state != "idle" || !p.startWhenRead || !strings.Contains(p.notice, "once every file is read") {
		t.Fatalf("while reading: state %q, startWhenRead %v, notice %q", p.state, p.startWhenRead, p.notice)
	}
	shown := &Page{}
	shown.listed(wire.Listed{First: 0, Paths: "a.jpg\x00b.txt\x00"})
	if html := renderPage(t, shown); !strings.Contains(html, `data-status="checking"`) || !strings.Contains(html, "2 being read") ||
		!regexp.MustCompile(`aria-busy(="true")?[ >]`).MatchString(html) {
		t.Errorf("the list does not say the files are being read")
	}
	p.received(app.Context{}, []wire.Picked{{Index: 0, Size: 100, Head: jpegHead}})
	if !p.startWhenRead || !strings.Contains(p.notice, "once every file is read") {
		t.Fatalf("one file still being read: startWhenRead %v, notice %q", p.startWhenRead, p.notice)
	}
	p.received(app.Context{}, []wire.Picked{{Index: 1, Size: 5, Head: []byte("hello")}})
	if p.startWhenRead || !strings.Contains(p.notice, "Tick at least one format") {
		t.Errorf("all read: startWhenRead %v, notice %q; want Start run again", p.startWhenRead, p.notice)
	}
}

// TestSheetNamedThenUnreadable: a sheet named with the photos is not listed
// as a file; when the browser cannot read it, it is listed then, by its
// name, with why.
func TestSheetNamedThenUnreadable(t *testing.T) {
	p := &Page{}
	p.listed(wire.Listed{First: 0, Paths: "shoot/a.jpg\x00shoot/produits.csv\x00"})
	if len(p.sess.files) != 1 || p.sess.unread != 1 {
		t.Fatalf("listed: %+v, want a.jpg only", p.sess.files)
	}
	p.received(app.Context{}, []wire.Picked{{Index: 0, Size: 100, Head: jpegHead}, {Index: 1, Error: "NotReadableError"}})
	if len(p.sess.files) != 2 || p.sess.unread != 0 {
		t.Fatalf("received: %+v, want a.jpg and the sheet", p.sess.files)
	}
	if f := p.sess.files[1]; f.Path != "shoot/produits.csv" || f.Skip.IsZero() || !strings.Contains(f.Skip.String(), "NotReadableError") {
		t.Errorf("the unreadable sheet is listed as %+v", f)
	}
}
