package app

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"picmark/app/wire"
	"picmark/internal/preset"
)

// share does natively what go-app's state does in the browser (state.go):
// it gives each section what the others publish.
func share(p *Page) {
	if p.run == nil {
		p.OnInit()
	}
	settings, files, run := p.settings.batchSettings(), p.run.files(), p.run.state
	sp := p.sheetPanel
	sp.lang, sp.settings, sp.files, sp.state = p.lang, settings, files, run
	sp.tell()
	p.state = run
	p.settings.lang, p.settings.state = p.lang, run
	p.run.lang, p.run.settings, p.run.sheet, p.run.story, p.run.touch = p.lang, settings, sp.sheet, sp.story, p.touch
	p.fileList.files, p.fileList.state, p.fileList.lang = files, run, p.lang
	g, fp := p.previewGrid, p.focalPanel
	g.lang, g.settings, g.files, g.sheet, g.story, g.focal, g.touch = p.lang, settings, files, sp.sheet, sp.story, fp.editor.Index, p.touch
	g.filesChanged()
	fp.lang, fp.settings, fp.files, fp.story, fp.state, fp.after, fp.touch = p.lang, settings, files, sp.story, run, g.focalPreviews(), p.touch
	p.report.report, p.report.lang, p.report.settings = p.run.report(), p.lang, settings
}

// renderPage mounts the page, each section with what the others publish.
func renderPage(t *testing.T, p *Page) string {
	t.Helper()
	share(p)
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
	p.OnInit()
	p.run.sess.add([]wire.Picked{
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
	p.run.start(app.Context{}, app.Event{})
	if p.state != "idle" || !strings.Contains(p.run.notice.en, "Add photos") {
		t.Errorf("with no files: state %q, notice %q", p.run.state, p.run.notice.en)
	}
	p.run.sess.add([]wire.Picked{{Index: 0, Path: "a.jpg", Size: 100, Head: jpegHead}})
	p.settings.choices.Ticked = map[string]bool{}
	share(p)
	p.run.start(app.Context{}, app.Event{})
	if p.state != "idle" || !strings.Contains(p.run.notice.en, "format") {
		t.Errorf("with no format: state %q, notice %q", p.run.state, p.run.notice.en)
	}
}

// TestStartWhileReading: Start pressed while files are being read says so,
// and Start runs again by itself once the last file is read (here it then
// finds no format ticked, and says that: no ctx to run a batch natively).
func TestStartWhileReading(t *testing.T) {
	p := &Page{}
	renderPage(t, p)
	p.settings.choices.Ticked = map[string]bool{}
	share(p)
	c := p.run
	c.listed(wire.Listed{First: 0, Paths: "a.jpg\x00b.txt\x00"})
	c.start(app.Context{}, app.Event{})
	if c.state != runIdle || !c.startWhenRead || !strings.Contains(c.notice.en, "once every file is read") {
		t.Fatalf("while reading: state %q, startWhenRead %v, notice %q", c.state, c.startWhenRead, c.notice.en)
	}
	shown := &Page{}
	shown.OnInit()
	shown.run.listed(wire.Listed{First: 0, Paths: "a.jpg\x00b.txt\x00"})
	if html := renderPage(t, shown); !strings.Contains(html, `data-status="checking"`) || !strings.Contains(html, "2 being read") ||
		!regexp.MustCompile(`aria-busy(="true")?[ >]`).MatchString(html) {
		t.Errorf("the list does not say the files are being read")
	}
	c.received(app.Context{}, []wire.Picked{{Index: 0, Size: 100, Head: jpegHead}})
	c.startIfRead(app.Context{})
	if !c.startWhenRead || !strings.Contains(c.notice.en, "once every file is read") {
		t.Fatalf("one file still being read: startWhenRead %v, notice %q", c.startWhenRead, c.notice.en)
	}
	// The story the Sheet section told is of the files before the last
	// read: the batch waits for the one of these files (stateStory).
	c.story = storyState{Err: errors.New("a story of other files"), Gen: c.sess.gen}
	c.received(app.Context{}, []wire.Picked{{Index: 1, Size: 5, Head: []byte("hello")}})
	c.startIfRead(app.Context{})
	if !c.startWhenRead {
		t.Fatalf("all read, the story not told of them yet: the batch did not wait (notice %q)", c.notice.en)
	}
	c.story.Gen = c.sess.gen
	c.startIfRead(app.Context{})
	if c.startWhenRead || !strings.Contains(c.notice.en, "Tick at least one format") {
		t.Errorf("all read: startWhenRead %v, notice %q; want Start run again", c.startWhenRead, c.notice.en)
	}
}

// TestSheetNamedThenUnreadable: a sheet named with the photos is not listed
// as a file, and Start waits for it; when the browser cannot read it, it is
// listed then, by its name, with why.
func TestSheetNamedThenUnreadable(t *testing.T) {
	p := &Page{}
	p.OnInit()
	c := p.run
	c.listed(wire.Listed{First: 0, Paths: "shoot/a.jpg\x00shoot/produits.csv\x00"})
	if len(c.sess.files) != 1 || c.sess.unread != 1 {
		t.Fatalf("listed: %+v, want a.jpg only", c.sess.files)
	}
	c.received(app.Context{}, []wire.Picked{{Index: 0, Size: 100, Head: jpegHead}})
	if !c.reading() {
		t.Errorf("the named sheet has not come, and the files are not said to be being read")
	}
	c.received(app.Context{}, []wire.Picked{{Index: 1, Error: "NotReadableError"}})
	if len(c.sess.files) != 2 || c.sess.unread != 0 || c.reading() {
		t.Fatalf("received: %+v, want a.jpg and the sheet", c.sess.files)
	}
	if f := c.sess.files[1]; f.Path != "shoot/produits.csv" || f.Skip.IsZero() || !strings.Contains(f.Skip.String(), "NotReadableError") {
		t.Errorf("the unreadable sheet is listed as %+v", f)
	}
}

// TestSettingsLockWhileRunning: the four settings sections are locked
// (their fieldsets disabled) while a batch runs, and only then.
func TestSettingsLockWhileRunning(t *testing.T) {
	for _, state := range []string{runIdle, runRunning, runDone} {
		p := &Page{}
		p.OnInit()
		share(p)
		p.settings.state = state
		html := app.HTMLString(p.settings.Render())
		sections, locked := 0, 0
		for _, tag := range strings.Split(html, "<fieldset")[1:] {
			tag = tag[:strings.Index(tag, ">")]
			if strings.Contains(tag, `class="lock"`) {
				sections++
			}
			// Natively a false attribute is written out; the browser drops it.
			if strings.Contains(tag, "disabled") && !strings.Contains(tag, `disabled="false"`) {
				locked++
			}
		}
		want := 0
		if state == runRunning {
			want = 4
		}
		if sections != 4 || locked != want {
			t.Errorf("%s: %d of %d settings sections locked, want %d of 4", state, locked, sections, want)
		}
	}
}
