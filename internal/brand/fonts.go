package brand

import (
	"fmt"
	"slices"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"

	"picmark/internal/msg"
)

// DefaultFont is the bundled font used when a text names none.
const DefaultFont = "regular"

// fontNames are the bundled Go fonts (golang.org/x/image/font/gofont, BSD
// licence) by the names brand kits use, sorted.
var fontNames = []string{"bold", "bold-italic", "italic", "medium", "mono", "mono-bold", "regular"}

// embedded holds the fonts compiled into this binary: all of them in the
// native one (fonts_native.go), none in the browser's, which downloads each
// when first used (each is about 57 KB compressed, and a first visit
// downloads the binary whole; the page fetches the two its defaults use in
// the background once installed, so they work offline).
var embedded = map[string][]byte{}

var (
	fontsMu    sync.Mutex // held while a font loads, so two users fetch it once
	fonts      = map[string]*sfnt.Font{}
	fontLoader func(name string) ([]byte, error)
)

// SetFontLoader tells Font where to get the bytes of a bundled font this
// binary does not carry (the browser's worker downloads them).
func SetFontLoader(load func(name string) ([]byte, error)) {
	fontsMu.Lock()
	defer fontsMu.Unlock()
	fontLoader = load
}

// FontNames lists the bundled fonts, sorted.
func FontNames() []string { return slices.Clone(fontNames) }

// FontFile is the file name a bundled font is served under.
func FontFile(name string) string { return name + ".ttf" }

// EmbeddedFont returns the bytes of a bundled font compiled into this
// binary (all of them in the native one: the server serves them).
func EmbeddedFont(name string) ([]byte, bool) {
	data, ok := embedded[name]
	return data, ok
}

func isFont(name string) bool { return slices.Contains(fontNames, name) }

// Font returns a bundled font by name ("" is DefaultFont), parsed once.
// A font this binary does not carry comes from the loader; when that fails
// the error is a *FontDownloadError.
func Font(name string) (*sfnt.Font, error) {
	if name == "" {
		name = DefaultFont
	}
	if !isFont(name) {
		return nil, msg.Err(msg.LayerFontUnknown, msg.Text("font", name), msg.List("fonts", fontNames...))
	}
	fontsMu.Lock()
	defer fontsMu.Unlock()
	if f := fonts[name]; f != nil {
		return f, nil
	}
	data, ok := embedded[name]
	if !ok {
		if fontLoader == nil {
			return nil, &FontDownloadError{Name: name, Err: fmt.Errorf("this binary has no way to download fonts")}
		}
		var err error
		if data, err = fontLoader(name); err != nil {
			return nil, &FontDownloadError{Name: name, Err: err}
		}
	}
	f, err := opentype.Parse(data)
	if err != nil {
		if !ok {
			return nil, &FontDownloadError{Name: name, Err: fmt.Errorf("the downloaded bytes are not a font: %w", err)}
		}
		return nil, fmt.Errorf("bundled font %q: %w", name, err) // cannot happen: the bytes are Go's
	}
	fonts[name] = f
	return f, nil
}

// FontDownloadError says a bundled font the browser fetches on first use
// could not be had: most often the device is offline and never used it.
type FontDownloadError struct {
	Name string // the brand-kit name, e.g. "mono"
	Err  error  // why the download failed
}

func (e *FontDownloadError) Error() string { return e.Message().String() }

// Message is what the report says (msg.FontMissing).
func (e *FontDownloadError) Message() msg.Message {
	return msg.New(msg.FontMissing, msg.Text("font", e.Name))
}

func (e *FontDownloadError) Unwrap() error { return e.Err }
