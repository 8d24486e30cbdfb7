//go:build !wasm

package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The app icons in web/ are drawn by this file, so they can be regenerated
// (go test ./cmd/picmark -run Icons -update-icons) instead of being opaque
// binaries nobody can change.
var updateIcons = flag.Bool("update-icons", false, "rewrite the app icons in web/")

// Brand colours, shared with the manifest and the page's theme colour.
var (
	iconTop    = color.RGBA{0xe0, 0x3e, 0x74, 0xff}
	iconBottom = color.RGBA{0xb0, 0x24, 0x58, 0xff}
)

// glyph is a white "p" in unit coordinates (0..1 of the icon side): a ring
// for the bowl and a bar for the stem, centred in the square.
type glyph struct {
	cx, cy, rOut, rIn        float64 // bowl
	x0, x1, y0, y1, rounding float64 // stem
}

var pGlyph = glyph{cx: 0.545, cy: 0.43, rOut: 0.19, rIn: 0.095, x0: 0.355, x1: 0.45, y0: 0.24, y1: 0.78, rounding: 0.0475}

// scaled shrinks the glyph around the icon's centre (maskable icons keep
// everything inside the central 80 % circle).
func (g glyph) scaled(s float64) glyph {
	f := func(v float64) float64 { return 0.5 + (v-0.5)*s }
	return glyph{cx: f(g.cx), cy: f(g.cy), rOut: g.rOut * s, rIn: g.rIn * s,
		x0: f(g.x0), x1: f(g.x1), y0: f(g.y0), y1: f(g.y1), rounding: g.rounding * s}
}

func (g glyph) inside(x, y float64) bool {
	d := math.Hypot(x-g.cx, y-g.cy)
	if d <= g.rOut && d >= g.rIn {
		return true
	}
	if x < g.x0 || x > g.x1 || y < g.y0 || y > g.y1 {
		return false
	}
	// Round the stem's bottom end.
	if y > g.y1-g.rounding {
		return math.Hypot(x-(g.x0+g.x1)/2, y-(g.y1-g.rounding)) <= g.rounding
	}
	return true
}

// insideRounded reports whether (x, y) lies in the unit square with corners
// rounded by radius r (r = 0: the full square).
func insideRounded(x, y, r float64) bool {
	if x < 0 || y < 0 || x > 1 || y > 1 {
		return false
	}
	cx := math.Min(math.Max(x, r), 1-r)
	cy := math.Min(math.Max(y, r), 1-r)
	return math.Hypot(x-cx, y-cy) <= r
}

// drawIcon renders the icon with 4×4 supersampling for smooth edges.
func drawIcon(size int, corner float64, g glyph) *image.NRGBA {
	const ss = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		t := float64(py) / float64(size-1)
		bg := [3]float64{
			float64(iconTop.R) + t*(float64(iconBottom.R)-float64(iconTop.R)),
			float64(iconTop.G) + t*(float64(iconBottom.G)-float64(iconTop.G)),
			float64(iconTop.B) + t*(float64(iconBottom.B)-float64(iconTop.B)),
		}
		for px := 0; px < size; px++ {
			var cover, white float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					if !insideRounded(x, y, corner) {
						continue
					}
					cover++
					if g.inside(x, y) {
						white++
					}
				}
			}
			if cover == 0 {
				continue
			}
			w := white / cover
			var c [3]uint8
			for i := range c {
				c[i] = uint8(math.Round(bg[i]*(1-w) + 255*w))
			}
			img.SetNRGBA(px, py, color.NRGBA{c[0], c[1], c[2], uint8(math.Round(255 * cover / ss / ss))})
		}
	}
	return img
}

func iconSVG() string {
	g := pGlyph
	s := 512.0
	hex := func(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="%s"/><stop offset="1" stop-color="%s"/></linearGradient></defs>
<rect width="512" height="512" rx="%.1f" fill="url(#g)"/>
<circle cx="%.1f" cy="%.1f" r="%.1f" fill="none" stroke="#fff" stroke-width="%.1f"/>
<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="%.1f" fill="#fff"/>
<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#fff"/>
</svg>
`, hex(iconTop), hex(iconBottom), 0.22*s,
		g.cx*s, g.cy*s, (g.rOut+g.rIn)/2*s, (g.rOut-g.rIn)*s,
		g.x0*s, g.y0*s, (g.x1-g.x0)*s, (g.y1-g.y0)*s, g.rounding*s,
		g.x0*s, g.y0*s, (g.x1-g.x0)*s, (g.y1-g.y0)/2)
}

func iconFiles(t *testing.T) map[string][]byte {
	t.Helper()
	enc := func(img image.Image) []byte {
		var b bytes.Buffer
		e := png.Encoder{CompressionLevel: png.BestCompression}
		if err := e.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	return map[string][]byte{
		"icon-192.png":          enc(drawIcon(192, 0.22, pGlyph)),
		"icon-512.png":          enc(drawIcon(512, 0.22, pGlyph)),
		"icon-maskable-512.png": enc(drawIcon(512, 0, pGlyph.scaled(0.8))),
		"icon.svg":              []byte(iconSVG()),
	}
}

// TestServerIcons keeps web/'s icons equal to what this file draws.
func TestServerIcons(t *testing.T) {
	dir := filepath.Join("..", "..", "web")
	for name, want := range iconFiles(t) {
		path := filepath.Join(dir, name)
		if *updateIcons {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (regenerate with: go test ./cmd/picmark -run Icons -update-icons)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the drawing in icons_test.go: regenerate with -update-icons", path)
		}
	}
}
