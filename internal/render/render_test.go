package render

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"testing"

	"picmark/internal/brand"
	"picmark/internal/crop"
	"picmark/internal/imgio"
	"picmark/internal/msg"
	"picmark/internal/preset"
)

func mustPreset(t testing.TB, id string) preset.Preset {
	t.Helper()
	p, ok := preset.Lookup(id)
	if !ok {
		t.Fatalf("no preset %q", id)
	}
	return p
}

// shortScale is 1, or 4 under go test -short: make mutate runs these tests
// once per mutant, so the slowest ones divide their photos and formats by
// it there. The ratios stay, and so do the code paths and every assertion.
func shortScale() int {
	if testing.Short() {
		return 4
	}
	return 1
}

// scaled is p at 1/k of its size, safe zone included.
func scaled(p preset.Preset, k int) preset.Preset {
	p.Width, p.Height, p.MaxHeight = p.Width/k, p.Height/k, p.MaxHeight/k
	p.Safe = preset.Insets{Top: p.Safe.Top / k, Right: p.Safe.Right / k, Bottom: p.Safe.Bottom / k, Left: p.Safe.Left / k}
	return p
}

func TestFrame(t *testing.T) {
	pin := preset.Preset{ID: "pin", Width: 1000, Height: 1500}
	tumblr := preset.Preset{ID: "t", Width: 1280, MaxHeight: 1920}
	tests := []struct {
		name     string
		p        preset.Preset
		photo    image.Rectangle
		crop     image.Rectangle
		w, h     int
		upscaled bool
	}{
		{"pin from landscape 12MP", pin, image.Rect(0, 0, 4000, 3000), image.Rect(1000, 0, 3000, 3000), 1000, 1500, false},
		{"pin from small", pin, image.Rect(0, 0, 400, 300), image.Rect(100, 0, 300, 300), 1000, 1500, true},
		{"pin exact", pin, image.Rect(0, 0, 1000, 1500), image.Rect(0, 0, 1000, 1500), 1000, 1500, false},
		{"pin odd origin", pin, image.Rect(10, 20, 2010, 3020), image.Rect(10, 20, 2010, 3020), 1000, 1500, false},
		{"tumblr big landscape", tumblr, image.Rect(0, 0, 4000, 3000), image.Rect(0, 0, 4000, 3000), 1280, 960, false},
		{"tumblr never upscales", tumblr, image.Rect(0, 0, 640, 480), image.Rect(0, 0, 640, 480), 640, 480, false},
		{"tumblr tall is cropped", tumblr, image.Rect(0, 0, 1280, 4000), image.Rect(0, 1040, 1280, 2960), 1280, 1920, false},
		{"tumblr narrow tall", tumblr, image.Rect(0, 0, 100, 3000), image.Rect(0, 540, 100, 2460), 100, 1920, false},
		{"tumblr panorama", tumblr, image.Rect(0, 0, 16000, 500), image.Rect(0, 0, 16000, 500), 1280, 40, false},
		{"empty photo", pin, image.Rectangle{}, image.Rectangle{}, 0, 0, false},
		{"photo with no width", pin, image.Rect(0, 0, 0, 300), image.Rect(0, 0, 0, 300), 0, 0, false},
		{"photo with no height", pin, image.Rect(0, 0, 300, 0), image.Rect(0, 0, 300, 0), 0, 0, false},
		{"preset with no width", preset.Preset{Height: 50}, image.Rect(0, 0, 400, 300), image.Rect(0, 0, 400, 300), 0, 0, false},
		{"width only, no height limit", preset.Preset{Width: 100}, image.Rect(0, 0, 200, 10000), image.Rect(0, 0, 200, 10000), 100, 5000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := Frame(tt.p, tt.photo, crop.Strategy{}, FitFill, nil)
			crop, w, h, up := pl.Crop, pl.Width, pl.Height, pl.Upscaled
			if crop != tt.crop || w != tt.w || h != tt.h || up != tt.upscaled {
				t.Errorf("Frame = %v %d×%d up=%v, want %v %d×%d up=%v", crop, w, h, up, tt.crop, tt.w, tt.h, tt.upscaled)
			}
		})
	}
}

// TestFrameEveryPreset: fixed presets always give their exact size, and
// width-only ones never exceed the photo or MaxHeight, for awkward photos.
func TestFrameEveryPreset(t *testing.T) {
	photos := []image.Rectangle{image.Rect(0, 0, 4000, 3000), image.Rect(0, 0, 3000, 4000), image.Rect(0, 0, 64, 48),
		image.Rect(0, 0, 16384, 512), image.Rect(0, 0, 1, 32), image.Rect(0, 0, 1, 1)}
	for _, p := range preset.All() {
		for _, ph := range photos {
			pl := Frame(p, ph, crop.Strategy{}, FitFill, nil)
			crop, w, h, up := pl.Crop, pl.Width, pl.Height, pl.Upscaled
			if !crop.In(ph) || crop.Empty() {
				t.Errorf("%s on %v: crop %v not inside", p.ID, ph, crop)
			}
			if p.WidthOnly() {
				if w > p.Width || w > ph.Dx() || h > p.MaxHeight || up {
					t.Errorf("%s on %v: %d×%d up=%v", p.ID, ph, w, h, up)
				}
				continue
			}
			if w != p.Width || h != p.Height {
				t.Errorf("%s on %v: %d×%d, want %d×%d", p.ID, ph, w, h, p.Width, p.Height)
			}
			if up != (crop.Dx() < w) {
				t.Errorf("%s on %v: upscaled=%v with crop %v", p.ID, ph, up, crop)
			}
		}
	}
}

// scene is a smooth, asymmetric test photo: a colour gradient, a dark
// square in the top-left quarter and a light bar at the bottom.
func scene(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(40 + 180*x/w), uint8(60 + 150*y/h), 140, 255}
			if x >= w/8 && x < w/4 && y >= h/8 && y < h/4 {
				c = color.RGBA{20, 20, 60, 255}
			}
			if y >= h*7/8 {
				c = color.RGBA{240, 230, 200, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

func encJPEG(t testing.TB, img image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encPNG(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// redLogo is an opaque red logo 2:1.
func redLogo() *brand.Logo {
	m := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+3] = 255, 255
	}
	return &brand.Logo{Image: m, Scale: 0.2, Opacity: 1}
}

// TestImageEveryPreset renders a small grey photo to every preset with an
// opaque red logo: exact size, opaque, and red at the centre of LogoRect,
// which lies inside the safe area.
func TestImageEveryPreset(t *testing.T) {
	photo := image.NewRGBA(image.Rect(0, 0, 120, 90))
	for i := range photo.Pix {
		photo.Pix[i] = 128
		if i%4 == 3 {
			photo.Pix[i] = 255
		}
	}
	logo := redLogo()
	for _, p := range preset.All() {
		p = scaled(p, shortScale())
		t.Run(p.ID, func(t *testing.T) {
			m, pl := Image(photo, p, Spec{Brand: kit(logo)})
			w, h, up := pl.Width, pl.Height, pl.Upscaled
			if m.Rect != image.Rect(0, 0, w, h) {
				t.Fatalf("image %v, want %d×%d", m.Rect, w, h)
			}
			if !p.WidthOnly() && !up {
				t.Error("a 120×90 photo must be marked upscaled")
			}
			r := logo.Rect(m.Rect, p.Safe)
			if r.Empty() {
				t.Fatal("no room for the logo")
			}
			safe := image.Rect(p.Safe.Left, p.Safe.Top, w-p.Safe.Right, h-p.Safe.Bottom)
			if !r.In(safe) {
				t.Errorf("logo %v outside the safe area %v", r, safe)
			}
			c := r.Min.Add(r.Size().Div(2))
			if got := m.RGBAAt(c.X, c.Y); got != (color.RGBA{255, 0, 0, 255}) {
				t.Errorf("logo centre %v = %v, want red", c, got)
			}
			if got := m.RGBAAt(2, 2); got.A != 255 || got.R != 128 {
				t.Errorf("photo pixel = %v, want grey", got)
			}
		})
	}
}

// TestOutputSizeEdges: an output 1 pixel or MaxOutputSide pixels a side
// is made; one over MaxOutputSide is refused with the reason.
func TestOutputSizeEdges(t *testing.T) {
	photo := encPNG(t, scene(40, 30))
	for _, tt := range []struct {
		p  preset.Preset
		ok bool
	}{
		{preset.Preset{ID: "dot", Width: 1, Height: 1, MaxBytes: 1 << 20}, true},
		{preset.Preset{ID: "long", Width: MaxOutputSide, Height: 1, MaxBytes: 1 << 20}, true},
		{preset.Preset{ID: "tall", Width: 1, Height: MaxOutputSide, MaxBytes: 1 << 20}, true},
		{preset.Preset{ID: "too long", Width: MaxOutputSide + 1, Height: 1, MaxBytes: 1 << 20}, false},
		{preset.Preset{ID: "too tall", Width: 1, Height: MaxOutputSide + 1, MaxBytes: 1 << 20}, false},
	} {
		outs, err := Photo(photo, Spec{Presets: []preset.Preset{tt.p}})
		if err != nil {
			t.Fatal(err)
		}
		o := outs[0]
		if tt.ok && (o.Err != nil || o.Width != tt.p.Width || o.Height != tt.p.Height) {
			t.Errorf("%s: %v, %d×%d", tt.p.ID, o.Err, o.Width, o.Height)
		}
		if !tt.ok && !errors.Is(o.Err, errBadSize) {
			t.Errorf("%s: %v, want %q", tt.p.ID, o.Err, errBadSize)
		}
	}
}

// TestSmartOnWidthOnlyPresets: a width-only preset with a height limit
// crops a tall photo with the smart strategy too: the subject at the
// bottom is kept, not the centre.
func TestSmartOnWidthOnlyPresets(t *testing.T) {
	u := image.NewRGBA(image.Rect(0, 0, 400, 1600))
	draw.Draw(u, u.Rect, image.NewUniform(color.RGBA{128, 128, 128, 255}), image.Point{}, draw.Src)
	for y := 1400; y < 1550; y++ {
		for x := 120; x < 280; x++ {
			u.Set(x, y, color.RGBA{224, 150, 110, 255}) // skin
			if (x/4+y/4)%2 == 0 {
				u.Set(x, y, color.RGBA{200, 40, 30, 255})
			}
		}
	}
	p := preset.Preset{ID: "post", Width: 400, MaxHeight: 600, MaxBytes: 5 << 20}
	outs := Decoded(u, imgio.Info{Orientation: 1}, Spec{Presets: []preset.Preset{p}, Crop: crop.Strategy{Kind: crop.Smart}})
	if c := outs[0].Crop; outs[0].Err != nil || c.Dy() != 600 || c.Min.Y < 950 {
		t.Errorf("crop %v (%v), want 600 px high around the subject at 1400..1550", c, outs[0].Err)
	}
}

func TestImageFlattensOnWhite(t *testing.T) {
	clear := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	m, _ := Image(clear, preset.Preset{Width: 40, Height: 40}, Spec{})
	for _, pt := range []image.Point{{0, 0}, {20, 20}, {39, 39}} {
		if got := m.RGBAAt(pt.X, pt.Y); got != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("pixel %v = %v, want white", pt, got)
		}
	}
}

// stored builds the pixels a camera stores for upright u under EXIF
// orientation o (see the EXIF definition; imgio tests the same mapping).
func stored(u image.Image, o int) *image.NRGBA {
	W, H := u.Bounds().Dx(), u.Bounds().Dy()
	sw, sh := W, H
	if o >= 5 {
		sw, sh = H, W
	}
	s := image.NewNRGBA(image.Rect(0, 0, sw, sh))
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			m := [9][2]int{1: {x, y}, 2: {W - 1 - x, y}, 3: {W - 1 - x, H - 1 - y}, 4: {x, H - 1 - y},
				5: {y, x}, 6: {W - 1 - y, x}, 7: {W - 1 - y, H - 1 - x}, 8: {y, H - 1 - x}}[o]
			ux, uy := m[0], m[1]
			s.Set(x, y, u.At(ux, uy))
		}
	}
	return s
}

func maxDiff(a, b *image.RGBA) int {
	if a.Rect != b.Rect {
		return math.MaxInt
	}
	d := 0
	for i := range a.Pix {
		d = max(d, int(a.Pix[i])-int(b.Pix[i]), int(b.Pix[i])-int(a.Pix[i]))
	}
	return d
}

// TestRenderStoredOrientation: rendering the stored pixels and turning only
// the output gives the same picture as turning the photo first.
func TestRenderStoredOrientation(t *testing.T) {
	u := scene(90, 60)
	ps := []preset.Preset{{Width: 40, Height: 60}, {Width: 50, MaxHeight: 30}, {Width: 200, Height: 100}}
	for o := 1; o <= 8; o++ {
		for _, p := range ps {
			t.Run(fmt.Sprintf("%d/%s", o, p.Size(msg.English)), func(t *testing.T) {
				want, _ := Image(u, p, Spec{Brand: kit(redLogo())})
				got, _, _ := render(imageSource(stored(u, o)), imgio.Info{Orientation: o}, p, &Spec{Brand: kit(redLogo())}, nil)
				if d := maxDiff(got, want); d > 3 {
					t.Errorf("differs by up to %d per channel", d)
				}
			})
		}
	}
}

// exifJPEG puts an XMP APP1 then an EXIF APP1 with orientation o after SOI.
func exifJPEG(jpg []byte, o int) []byte {
	seg := func(payload []byte) []byte {
		s := []byte{0xFF, 0xE1, 0, 0}
		binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
		return append(s, payload...)
	}
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	tiff[19] = byte(o)
	out := append([]byte(nil), jpg[:2]...)
	out = append(out, seg([]byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"))...)
	out = append(out, seg(append([]byte("Exif\x00\x00"), tiff...))...)
	return append(out, jpg[2:]...)
}

func hasMetadata(b []byte) bool {
	for i := 2; i+4 <= len(b) && b[i] == 0xFF; i += 2 + int(b[i+2])<<8 + int(b[i+3]) {
		if m := b[i+1]; m >= 0xE0 && m <= 0xEF || m == 0xFE {
			return true
		}
		if b[i+1] == 0xDA {
			break
		}
	}
	return false
}

func TestPhoto(t *testing.T) {
	u := scene(400, 300)
	data := exifJPEG(encJPEG(t, stored(u, 6), 92), 6) // on its side, XMP first
	k := shortScale()
	presets := []preset.Preset{scaled(mustPreset(t, "pinterest-pin"), k), scaled(mustPreset(t, "tumblr-post"), k), scaled(mustPreset(t, "snapchat-story"), k)}
	outs, err := Photo(data, Spec{Presets: presets, Brand: kit(redLogo())})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 3 {
		t.Fatalf("%d outputs", len(outs))
	}
	tw := min(1280/k, 400) // the Tumblr post: never wider than the photo
	wantSize := [][2]int{{1000 / k, 1500 / k}, {tw, tw * 3 / 4}, {1080 / k, 1920 / k}}
	for i, o := range outs {
		t.Run(o.Preset.ID, func(t *testing.T) {
			if o.Err != nil {
				t.Fatal(o.Err)
			}
			if o.Width != wantSize[i][0] || o.Height != wantSize[i][1] {
				t.Errorf("%d×%d, want %v", o.Width, o.Height, wantSize[i])
			}
			if o.Upscaled != (i != 1) {
				t.Errorf("Upscaled = %v", o.Upscaled)
			}
			if int64(len(o.Data)) > o.Preset.MaxBytes || o.Quality != imgio.DefaultQuality {
				t.Errorf("%d bytes at q%d", len(o.Data), o.Quality)
			}
			if hasMetadata(o.Data) {
				t.Error("output carries an APP or COM segment")
			}
			img, info, err := imgio.Decode(o.Data, imgio.DefaultLimits)
			if err != nil || info.Orientation != 1 || img.Bounds().Dx() != o.Width {
				t.Fatalf("output: %v %+v", err, info)
			}
			// Upright: the bottom rows are the scene's light bar.
			if r, g, b, _ := img.At(o.Width/2, o.Height-3).RGBA(); r>>8 < 200 || g>>8 < 190 || b>>8 < 160 {
				t.Errorf("bottom centre = %d,%d,%d: the photo is not upright", r>>8, g>>8, b>>8)
			}
			if r, _, _, _ := img.At(3, o.Height/2).RGBA(); r>>8 > 150 {
				t.Errorf("left middle is red %d: the gradient runs the wrong way", r>>8)
			}
		})
	}
}

func TestPhotoErrors(t *testing.T) {
	pin := mustPreset(t, "pinterest-pin")
	noisy := image.NewRGBA(image.Rect(0, 0, 64, 64))
	s := uint32(9)
	for i := range noisy.Pix {
		s = s*1664525 + 1013904223
		noisy.Pix[i] = uint8(s >> 24)
	}
	thin := encPNG(t, image.NewGray(image.Rect(0, 0, 256, 1)))
	t.Run("not an image", func(t *testing.T) {
		outs, err := Photo([]byte("just text"), Spec{Presets: []preset.Preset{pin}})
		if !errors.Is(err, imgio.ErrNotImage) || outs != nil {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("thin strip refused by aspect", func(t *testing.T) {
		_, err := Photo(thin, Spec{Presets: []preset.Preset{pin}})
		var le *imgio.LimitError
		if !errors.As(err, &le) || le.What != "aspect" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("cap per preset", func(t *testing.T) {
		tiny := preset.Preset{ID: "tiny-cap", Width: 200, Height: 200, MaxBytes: 600}
		outs, err := Photo(encPNG(t, noisy), Spec{Presets: []preset.Preset{tiny, {ID: "ok", Width: 50, Height: 50, MaxBytes: 1 << 20}}})
		if err != nil {
			t.Fatal(err)
		}
		var ce *imgio.CapError
		if !errors.As(outs[0].Err, &ce) || outs[0].Data != nil {
			t.Errorf("tiny cap: err %v, %d bytes", outs[0].Err, len(outs[0].Data))
		}
		if outs[1].Err != nil || len(outs[1].Data) == 0 {
			t.Errorf("the other preset failed too: %v", outs[1].Err)
		}
	})
	t.Run("invalid custom size", func(t *testing.T) {
		outs, err := Photo(encPNG(t, noisy), Spec{Presets: []preset.Preset{{ID: "bad", Width: 0, Height: 10}, {ID: "huge", Width: 70000, Height: 10}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			if o.Err == nil {
				t.Errorf("%s: no error", o.Preset.ID)
			}
		}
	})
}

// kit wraps a logo in a brand kit (nil stays nil).
func kit(l *brand.Logo) *brand.Kit {
	if l == nil {
		return nil
	}
	return &brand.Kit{Logo: l}
}

// A platform that takes only JPEG gets a JPEG even when PNG is chosen, and
// the report says so; a platform that takes PNG gets the PNG.
func TestOutputFollowsWhatThePlatformTakes(t *testing.T) {
	photo := image.NewRGBA(image.Rect(0, 0, 120, 90))
	for i := range photo.Pix {
		photo.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, photo); err != nil {
		t.Fatal(err)
	}
	jpegOnly := preset.Preset{ID: "ig", Name: "Instagram square", Width: 60, Height: 60, MaxBytes: 1 << 20, Formats: []string{"jpeg"}}
	pngToo := preset.Preset{ID: "fb", Name: "Facebook", Width: 60, Height: 60, MaxBytes: 1 << 20, Formats: []string{"jpeg", "png"}}
	outs, err := Photo(buf.Bytes(), Spec{Presets: []preset.Preset{jpegOnly, pngToo}, Output: imgio.Output{Format: imgio.PNG}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		out  Output
		want imgio.Format
		note bool
	}{{outs[0], imgio.JPEG, true}, {outs[1], imgio.PNG, false}} {
		got, err := imgio.Sniff(tt.out.Data)
		if err != nil || got != tt.want || tt.out.Format != tt.want {
			t.Errorf("%s: made %v (Format %v), want %v", tt.out.Preset.ID, got, tt.out.Format, tt.want)
		}
		hasNote := len(tt.out.Notes) > 0 && strings.Contains(tt.out.Notes[0].String(), "JPEG")
		if hasNote != tt.note {
			t.Errorf("%s: notes %q, want a JPEG note: %v", tt.out.Preset.ID, tt.out.Notes, tt.note)
		}
	}
}
