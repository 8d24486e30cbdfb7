package app

import (
	"fmt"
	"strings"
	"testing"

	"picmark/app/wire"
	"picmark/internal/crop"
	"picmark/internal/job"
	"picmark/internal/msg"
)

type previewCall struct {
	index    int
	settings string
	focal    *crop.Point
	size     int
}

// fakePreviews records the page's preview requests instead of the glue.
func fakePreviews(t *testing.T) *[]previewCall {
	var calls []previewCall
	req, cancel := requestPreview, cancelPreviews
	requestPreview = func(r wire.Preview) {
		calls = append(calls, previewCall{r.File, r.Settings, r.Focal, r.Size})
	}
	cancelPreviews = func() {}
	t.Cleanup(func() { requestPreview, cancelPreviews = req, cancel })
	return &calls
}

func photosPage(n int) *Page {
	p := &Page{}
	p.OnInit()
	var list []wire.Picked
	for i := 0; i < n; i++ {
		list = append(list, wire.Picked{Index: i, Path: fmt.Sprintf("shoot/%02d.jpg", i), Size: 100, Head: jpegHead})
	}
	list = append(list, wire.Picked{Index: n, Path: "shoot/notes.txt", Size: 5, Head: []byte("hello")})
	p.run.sess.add(list)
	share(p)
	return p
}

// previewWindow is how many photos the grid shows before it is scrolled.
func previewWindow(p *Page) int {
	_, first, last := p.previewGrid.previewSpan()
	return last - first
}

func TestPreviewRequests(t *testing.T) {
	calls := fakePreviews(t)
	p := photosPage(20)
	shown := previewWindow(p)
	if shown < 3 || shown >= 20 {
		t.Fatalf("the grid shows %d of 20 photos at first, want the few in view", shown)
	}
	p.previewGrid.requestPreviews()
	if len(*calls) != shown {
		t.Fatalf("%d requests, want %d", len(*calls), shown)
	}
	// The last shown photo is asked first: the pool makes the newest first.
	if (*calls)[0].index != shown-1 || (*calls)[len(*calls)-1].index != 0 {
		t.Errorf("order: first %d, last %d", (*calls)[0].index, (*calls)[len(*calls)-1].index)
	}
	c := (*calls)[0]
	if c.size != previewSide || c.focal != nil {
		t.Errorf("size %d focal %v", c.size, c.focal)
	}
	s, err := job.Parse([]byte(c.settings))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(plan.Spec.Presets); got != len(p.settings.choices.chosen()) {
		t.Errorf("settings carry %d presets, %d ticked", got, len(p.settings.choices.chosen()))
	}
	if stale := p.previewGrid.stalePreviews(); len(stale) != 0 {
		t.Errorf("%d stale right after asking", len(stale))
	}

	// Nothing changed: nothing is asked again.
	*calls = nil
	p.previewGrid.requestPreviews()
	if len(*calls) != 0 {
		t.Errorf("%d requests with nothing changed", len(*calls))
	}

	// A focal point on one photo: only that photo again, with its point.
	p.run.sess.setFocal(3, &crop.Point{X: 0.2, Y: 0.7}) // as the page does: the list replaced
	share(p)
	p.previewGrid.requestPreviews()
	if len(*calls) != 1 || (*calls)[0].index != 3 || (*calls)[0].focal == nil || (*calls)[0].focal.X != 0.2 {
		t.Errorf("focal: %+v", *calls)
	}

	// Another format, the framing, or the branding: every shown photo again.
	for name, change := range map[string]func(){
		"format":   func() { p.settings.choices.Ticked["instagram-story"] = true },
		"framing":  func() { p.settings.choices.Crop = "center" },
		"fit":      func() { p.settings.choices.Fit = "blur" },
		"branding": func() { p.settings.choices.Text = "Soldes" },
	} {
		*calls = nil
		change()
		share(p)
		p.previewGrid.requestPreviews()
		if len(*calls) != shown {
			t.Errorf("%s: %d requests, want %d", name, len(*calls), shown)
		}
	}
	// The naming template and quality change no picture shown.
	*calls = nil
	p.settings.choices.Name, p.settings.choices.Quality = "{name}-{preset}", 60
	share(p)
	p.previewGrid.requestPreviews()
	if len(*calls) != 0 {
		t.Errorf("naming: %d requests", len(*calls))
	}

	// Scrolled to the end: the photos that came into view are asked, and
	// only those.
	*calls = nil
	p.previewGrid.previews.win.First = 20
	_, first, last := p.previewGrid.previewSpan()
	p.previewGrid.requestPreviews()
	if last != 20 || len(*calls) != 20-max(first, shown) {
		t.Errorf("scrolled: window %d–%d, %d requests, want the %d new ones", first, last, len(*calls), 20-max(first, shown))
	}
	for _, c := range *calls {
		if c.index < first || c.index < shown {
			t.Errorf("scrolled: photo %d asked, out of view or made already", c.index)
		}
	}
	// The focal point editor's photo is asked too, wherever the grid is.
	*calls = nil
	p.focalPanel.editor = focalEditor{Index: 0}
	p.settings.choices.Quality = 61
	p.run.sess.setFocal(0, &crop.Point{X: 0.5, Y: 0.1})
	share(p)
	p.previewGrid.requestPreviews()
	if len(*calls) != 1 || (*calls)[0].index != 0 {
		t.Errorf("focal editor's photo out of view: %+v", *calls)
	}
	p.focalPanel.editor = focalEditor{Index: -1}

	// No format ticked: nothing asked.
	*calls = nil
	p.settings.choices.Ticked = map[string]bool{}
	share(p)
	p.previewGrid.requestPreviews()
	if len(*calls) != 0 {
		t.Errorf("no format: %d requests", len(*calls))
	}
}

func TestPreviewGridRenders(t *testing.T) {
	fakePreviews(t)
	p := photosPage(15)
	p.previewGrid.requestPreviews()
	p.previewGrid.previewDone(0, []wire.PreviewImage{
		{Preset: "pinterest-pin", URL: "blob:pin", W: 160, H: 240},
		{Preset: "tumblr-post", URL: "blob:tumblr", W: 240, H: 160},
		{Preset: "snapchat-story", URL: "blob:snap", W: 135, H: 240},
	}, msg.Message{})
	p.previewGrid.previewDone(1, nil, msg.New(msg.Truncated, msg.Text("format", "JPEG")))
	p.previewGrid.previewDone(99, nil, msg.New(msg.Busy)) // a photo cleared since: ignored
	html := renderPage(t, p)
	for _, want := range []string{
		`id="previews"`, `>Preview<`,
		`src="blob:pin"`, `alt="Pinterest pin: 00.jpg"`, `width="160"`, `height="240"`,
		`alt="Snapchat story: 00.jpg"`, `alt="Tumblr photo post: 00.jpg"`,
		"No preview: is damaged or incomplete (the JPEG data ends early)", "Making the previews…", `aria-rowcount="15"`, `aria-rowindex="1"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(html, `class="preview-row vrow`); n != previewWindow(p) {
		t.Errorf("%d rows, want %d", n, previewWindow(p))
	}
	if strings.Contains(html, `id="preview-row-15"`) {
		t.Error("a skipped file has a preview row")
	}
	if n := strings.Count(html, `<figcaption>`); n != 3 {
		t.Errorf("%d previews, want 3", n)
	}

	// No photos: no grid.
	empty := &Page{}
	empty.OnInit()
	if html := renderPage(t, empty); strings.Contains(html, "preview-row") || strings.Contains(html, ">Preview<") {
		t.Error("a grid without photos")
	}

	// Clearing the list forgets the previews (the glue reuses indexes).
	p.run.sess, p.run.cleared = session{}, p.run.cleared+1 // as runPanel.clear does
	share(p)
	if len(p.previewGrid.previews.Items) != 0 {
		t.Error("previews kept after clearing")
	}
}

// A preview worker that stopped is said in words, as a batch's is.
func TestPreviewProblem(t *testing.T) {
	for _, c := range []struct {
		p    wire.Previews
		want string
	}{
		{wire.Previews{Error: &msg.Message{Code: msg.Busy}}, "another photo's previews are being made; try again in a moment"},
		{wire.Previews{Stop: wire.StopTimeout}, "the preview worker stopped (it took too long)"},
		{wire.Previews{Stop: wire.StopCrashed}, "the preview worker stopped (it stopped)"},
		{wire.Previews{Stop: wire.StopCannotStart}, "the preview worker stopped (it could not start)"},
		{wire.Previews{}, ""},
	} {
		if got := previewProblem(c.p).String(); got != c.want {
			t.Errorf("previewProblem(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}
