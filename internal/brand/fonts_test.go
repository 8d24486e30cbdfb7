package brand

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/sfnt"
)

// browserFonts makes Font behave as in the browser's binary for one test:
// no font compiled in, nothing parsed yet.
func browserFonts(t *testing.T) {
	t.Helper()
	fontsMu.Lock()
	saved, savedFonts, savedLoader := embedded, fonts, fontLoader
	embedded = map[string][]byte{}
	fonts, fontLoader = map[string]*sfnt.Font{}, nil
	fontsMu.Unlock()
	t.Cleanup(func() {
		fontsMu.Lock()
		embedded, fonts, fontLoader = saved, savedFonts, savedLoader
		fontsMu.Unlock()
	})
}

// TestFontLoader: a font the binary lacks comes from the loader, once; a
// failed download names the font and says what to do, and is retried.
func TestFontLoader(t *testing.T) {
	browserFonts(t)
	var fe *FontDownloadError
	if _, err := Font(""); !errors.As(err, &fe) || fe.Name != DefaultFont {
		t.Fatalf("the default font without a loader: %v, want a FontDownloadError for %s", err, DefaultFont)
	}
	if _, err := Font("mono"); !errors.As(err, &fe) || fe.Name != "mono" {
		t.Fatalf("without a loader: %v, want a FontDownloadError for mono", err)
	}

	offline := errors.New("Failed to fetch")
	calls := map[string]int{}
	fail := true
	SetFontLoader(func(name string) ([]byte, error) {
		calls[name]++
		if fail {
			return nil, offline
		}
		if name != "mono" {
			return []byte("<html>not found</html>"), nil
		}
		return gomono.TTF, nil
	})
	_, err := Font("mono")
	if !errors.As(err, &fe) || !errors.Is(err, offline) {
		t.Fatalf("offline: %v, want a FontDownloadError wrapping the cause", err)
	}
	for _, want := range []string{"Go mono", "connect to the internet", "choose another font"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("offline message %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), offline.Error()) {
		t.Errorf("the message shows the browser's cause %q; it should stay plain words", offline)
	}

	fail = false
	for range 2 {
		f, err := Font("mono")
		if err != nil || f == nil {
			t.Fatalf("back online: %v", err)
		}
	}
	if calls["mono"] != 2 {
		t.Errorf("mono loaded %d times (one failure, then once), want 2", calls["mono"])
	}
	if _, err := Font("italic"); !errors.As(err, &fe) || fe.Name != "italic" {
		t.Errorf("bytes that are not a font: %v, want a FontDownloadError for italic", err)
	}
	if _, err := Font("comic"); err == nil || calls["comic"] > 0 {
		t.Errorf("an unknown font: %v, loader called %d times", err, calls["comic"])
	}
}

// TestFontsEmbedded: the command line and the server carry every font, so
// neither ever downloads one; the browser's binary carries none (a first
// visit downloads it whole), and fetches each when first used.
func TestFontsEmbedded(t *testing.T) {
	browser := runtime.GOOS == "js"
	for _, n := range FontNames() {
		if data, ok := EmbeddedFont(n); ok == browser || ok && len(data) == 0 {
			t.Errorf("%s: embedded %v (%d bytes) in the %s binary", n, ok, len(data), runtime.GOOS)
		}
	}
}
