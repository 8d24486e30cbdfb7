//go:build !wasm

// The e2e tests' fixtures: a real folder of good and bad files (e2eInputs),
// a logo, what each default format must make of them (e2ePresets), and
// the painters and encoders that make photo-like files at run time.

package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The folder the test drops on the page, as the page must list it.
var e2eInputs = []string{
	"shoot/beach.jpg",
	"shoot/broken.jpg",
	"shoot/huge.jpg",
	"shoot/notes.txt",
	"shoot/sub/portrait.jpg",
	"shoot/thin.png",
}

// The photos that must come out, with their upright size.
var e2ePhotos = map[string]image.Point{
	"shoot/beach.jpg":        {2400, 1600},
	"shoot/sub/portrait.jpg": {1200, 1800},
}

// e2ePreset is what the test expects of each default preset; the numbers are
// the platforms' own, as the preset table cites them with their sources
// (internal/preset/preset.go), written out here on purpose rather than read
// from internal/preset, so a change to the table is caught too.
type e2ePreset struct {
	id                string
	w, h              int // h == 0: width only, height by aspect
	maxH              int
	cap               int64
	safeTop, safeBott int
}

var e2ePresets = []e2ePreset{
	{id: "pinterest-pin", w: 1000, h: 1500, cap: 10 << 20},
	{id: "tumblr-post", w: 1280, maxH: 1920, cap: 10 << 20},
	{id: "snapchat-story", w: 1080, h: 1920, cap: 5 << 20, safeTop: 150, safeBott: 150},
}

// outSize is the size a preset must give a photo of upright size p.
func (pr e2ePreset) outSize(p image.Point) image.Point {
	if pr.h > 0 {
		return image.Pt(pr.w, pr.h)
	}
	w := min(pr.w, p.X)
	h := int(math.Round(float64(p.Y) * float64(w) / float64(p.X)))
	if pr.maxH > 0 && h > pr.maxH {
		h = pr.maxH
	}
	return image.Pt(w, h)
}

type e2eFixtures struct {
	folder string // absolute path of shoot/
	logo   string
	// The logo is 200×100 with an opaque red rectangle at logoRed.
	logoSize image.Point
	logoRed  image.Rectangle
	scale    float64 // share of the output width the page gives the logo
	logoPNG  []byte  // the logo file's bytes
	// upright holds each photo as decoded from its file and turned upright.
	upright map[string]image.Image
}

// expectedRed is where the logo's red rectangle must land on a w×h output:
// brand.LogoRect's rule (bottom-right of the safe area, margin 3% of the
// width, at least 4 px; width scale × output width; aspect kept).
func (fx e2eFixtures) expectedRed(w, h int, pr e2ePreset) image.Rectangle {
	margin := max(4, int(math.Round(0.03*float64(w))))
	lw := int(math.Round(fx.scale * float64(w)))
	lh := int(math.Round(float64(lw) * float64(fx.logoSize.Y) / float64(fx.logoSize.X)))
	maxX, maxY := w-margin, h-pr.safeBott-margin
	box := image.Rect(maxX-lw, maxY-lh, maxX, maxY)
	k := float64(lw) / float64(fx.logoSize.X)
	return image.Rect(
		box.Min.X+int(math.Round(float64(fx.logoRed.Min.X)*k)),
		box.Min.Y+int(math.Round(float64(fx.logoRed.Min.Y)*k)),
		box.Min.X+int(math.Round(float64(fx.logoRed.Max.X)*k)),
		box.Min.Y+int(math.Round(float64(fx.logoRed.Max.Y)*k)),
	)
}

func e2eMakeFixtures(t *testing.T, dir string) e2eFixtures {
	t.Helper()
	shoot := filepath.Join(dir, "shoot")
	if err := os.MkdirAll(filepath.Join(shoot, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(rel string, data []byte) {
		if err := os.WriteFile(filepath.Join(shoot, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	beach := e2eJPEG(t, e2eBeach(2400, 1600), 88)
	write("beach.jpg", beach)
	portrait := e2eJPEG(t, e2eStoredPortrait(), 88)
	write("sub/portrait.jpg", e2eWithOrientation6(portrait))
	write("notes.txt", []byte("Shoot notes: beach at golden hour, portrait by the dunes.\nUse the blue logo for Pinterest.\n"))
	broken := e2eJPEG(t, e2eBeach(800, 600), 90)
	write("broken.jpg", broken[:len(broken)/2])
	write("huge.jpg", e2eHugeJPEG(t))
	thin := image.NewNRGBA(image.Rect(0, 0, 256, 1))
	for x := range 256 {
		thin.Set(x, 0, color.NRGBA{uint8(x), 128, uint8(255 - x), 255})
	}
	write("thin.png", e2ePNG(t, thin))

	fx := e2eFixtures{folder: shoot, logoSize: image.Pt(200, 100), logoRed: image.Rect(20, 20, 180, 80), scale: 0.2}
	logo := image.NewNRGBA(image.Rectangle{Max: fx.logoSize})
	for y := fx.logoRed.Min.Y; y < fx.logoRed.Max.Y; y++ {
		for x := fx.logoRed.Min.X; x < fx.logoRed.Max.X; x++ {
			logo.SetNRGBA(x, y, color.NRGBA{255, 0, 0, 255})
		}
	}
	fx.logo = filepath.Join(dir, "logo.png")
	fx.logoPNG = e2ePNG(t, logo)
	if err := os.WriteFile(fx.logo, fx.logoPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	fx.upright = map[string]image.Image{"shoot/beach.jpg": e2eDecodeJPEG(t, beach), "shoot/sub/portrait.jpg": e2eRotate6(e2eDecodeJPEG(t, portrait))}
	return fx
}

func e2eDecodeJPEG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// e2eRotate6 turns a photo stored for EXIF orientation 6 upright: upright
// U(ux, uy) = stored S(uy, h-1-ux), h the stored height.
func e2eRotate6(m image.Image) image.Image {
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for uy := 0; uy < b.Dx(); uy++ {
		for ux := 0; ux < b.Dy(); ux++ {
			out.Set(ux, uy, m.At(b.Min.X+uy, b.Min.Y+b.Dy()-1-ux))
		}
	}
	return out
}

// e2eBeach paints a photo-like scene with no strong red anywhere: sky
// gradient, sun, sea with waves, sand, a few dark shapes.
func e2eBeach(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sunX, sunY, sunR := float64(w)*0.7, float64(h)*0.25, float64(h)*0.09
	for y := range h {
		fy := float64(y) / float64(h)
		for x := range w {
			fx := float64(x) / float64(w)
			var c color.RGBA
			switch {
			case fy < 0.5: // sky, lighter towards the horizon
				c = color.RGBA{uint8(60 + 120*fy), uint8(120 + 150*fy), 235, 255}
				if dx, dy := float64(x)-sunX, float64(y)-sunY; dx*dx+dy*dy < sunR*sunR {
					c = color.RGBA{255, 235, 120, 255}
				}
			case fy < 0.72: // sea with waves
				wave := 20 * math.Sin(fx*60+fy*200)
				c = color.RGBA{20, uint8(90 + wave), uint8(160 + wave), 255}
			default: // sand with texture
				n := 12 * math.Sin(fx*400) * math.Cos(fy*300)
				c = color.RGBA{uint8(225 + n), uint8(200 + n), uint8(150 + n), 255}
			}
			// A few dark rocks.
			if fy > 0.65 && fy < 0.8 && math.Abs(fx-0.2-0.05*math.Sin(fy*40)) < 0.04 {
				c = color.RGBA{50, 55, 60, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// e2eStoredPortrait is the upright 1200×1800 portrait (e2eUprightPortrait)
// stored rotated for EXIF orientation 6.
func e2eStoredPortrait() *image.RGBA { return e2eStore(e2eUprightPortrait(1200, 1800), 6) }

// e2eUprightPortrait paints a uw×uh portrait: top band, blue left half and
// yellow right half; green below, with a gentle ripple.
func e2eUprightPortrait(uw, uh int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, uw, uh))
	for y := range uh {
		for x := range uw {
			c := color.RGBA{240, 220, 30, 255}
			switch {
			case y >= uh*30/100:
				n := 25 * math.Sin(float64(x)/37) * math.Cos(float64(y)/53)
				c = color.RGBA{uint8(50 + n), uint8(170 + n), uint8(60 + n), 255}
			case x < uw/2:
				c = color.RGBA{20, 40, 230, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// e2eStore is how a camera stores upright u under EXIF orientation o, from
// the EXIF definition of each value (which side of the scene row 0 and
// column 0 of the stored image are).
func e2eStore(u *image.RGBA, o int) *image.RGBA {
	W, H := u.Rect.Dx(), u.Rect.Dy()
	sw, sh := W, H
	if o >= 5 {
		sw, sh = H, W
	}
	s := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range sh {
		for x := range sw {
			var ux, uy int
			switch o {
			case 2:
				ux, uy = W-1-x, y
			case 3:
				ux, uy = W-1-x, H-1-y
			case 4:
				ux, uy = x, H-1-y
			case 5:
				ux, uy = y, x
			case 6:
				ux, uy = W-1-y, x
			case 7:
				ux, uy = W-1-y, H-1-x
			case 8:
				ux, uy = y, H-1-x
			default:
				ux, uy = x, y
			}
			s.SetRGBA(x, y, u.RGBAAt(ux, uy))
		}
	}
	return s
}

// e2eWithOrientation6 inserts, right after SOI, an XMP APP1 segment and then
// an EXIF APP1 segment saying orientation 6 (rotate 90° clockwise).
func e2eWithOrientation6(j []byte) []byte { return e2eWithOrientation(j, 6) }

// e2eWithOrientation is e2eWithOrientation6 for any EXIF orientation o.
func e2eWithOrientation(j []byte, o byte) []byte {
	seg := func(payload []byte) []byte {
		b := []byte{0xFF, 0xE1, 0, 0}
		binary.BigEndian.PutUint16(b[2:], uint16(len(payload)+2))
		return append(b, payload...)
	}
	xmp := append([]byte("http://ns.adobe.com/xap/1.0/\x00"),
		`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>picmark e2e</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`...)
	exif := []byte("Exif\x00\x00")
	exif = append(exif, 'M', 'M', 0, 42, 0, 0, 0, 8) // big-endian TIFF, IFD0 at 8
	exif = append(exif, 0, 1)                        // one entry
	exif = append(exif, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0)
	exif = append(exif, 0, 0, 0, 0) // no next IFD
	out := append([]byte{}, j[:2]...)
	out = append(out, seg(xmp)...)
	out = append(out, seg(exif)...)
	return append(out, j[2:]...)
}

// e2eHugeJPEG is a tiny valid JPEG whose SOF0 claims 65500×65500.
func e2eHugeJPEG(t *testing.T) []byte {
	t.Helper()
	j := e2eJPEG(t, image.NewGray(image.Rect(0, 0, 8, 8)), 50)
	i := bytes.Index(j, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 in Go's JPEG")
	}
	binary.BigEndian.PutUint16(j[i+5:], 65500) // height
	binary.BigEndian.PutUint16(j[i+7:], 65500) // width
	if len(j) > 1000 {
		t.Fatalf("huge.jpg is %d bytes, want a few hundred", len(j))
	}
	return j
}

func e2eJPEG(t *testing.T, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func e2ePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// e2eManyPhotos makes a folder "many" of n photo-like JPEGs big enough that
// a batch takes a few seconds.
func e2eManyPhotos(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "many")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		img := e2eBeach(1500, 1000)
		img.Set(i, i, color.RGBA{uint8(i * 20), 0, 0, 255})
		if err := os.WriteFile(filepath.Join(dir, "photo-"+strconv.Itoa(i)+".jpg"), e2eJPEG(t, img, 90), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func e2eRedSquare() image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+3] = 255, 255
	}
	return m
}
