package render

// Per-stage benchmarks for `make bench` (issue 5): each stage of a photo's
// job on its own — decode, crop+resize, logo, encode — so that a change in
// the whole job (BenchmarkPhoto) can be traced to its stage. The photos are
// built in memory, photo-like (gradients, texture, grain): noise alone
// compresses and decodes unlike a photo, and big files are not committed.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"sync"
	"testing"

	"picmark/internal/brand"
	"picmark/internal/imgio"
	"picmark/internal/preset"
)

var (
	stageOnce   sync.Once
	stageJPEG12 []byte // 4000×3000
	stageJPEG24 []byte // 6000×4000
)

// stagePhotos builds the two test photos once for every stage benchmark.
func stagePhotos(b *testing.B) (mp12, mp24 []byte) {
	b.Helper()
	stageOnce.Do(func() {
		stageJPEG12 = stageEncode(stageScene(4000, 3000))
		stageJPEG24 = stageEncode(stageScene(6000, 4000))
	})
	if stageJPEG12 == nil || stageJPEG24 == nil {
		b.Fatal("could not build the test photos")
	}
	return stageJPEG12, stageJPEG24
}

func stageEncode(m image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		return nil
	}
	return buf.Bytes()
}

// stageScene paints a w×h photo-like scene: a sky gradient, hills, a
// textured foreground with detail at several scales, and sensor grain.
func stageScene(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	s := uint32(12345)
	fw, fh := float64(w), float64(h)
	for y := range h {
		fy := float64(y) / fh
		for x := range w {
			fx := float64(x) / fw
			var r, g, bl float64
			hill := 0.45 + 0.06*math.Sin(fx*7) + 0.03*math.Sin(fx*23+1)
			if fy < hill {
				r, g, bl = 70+120*fy, 120+110*fy, 230-20*fy
			} else {
				t := math.Sin(fx*180)*math.Cos(fy*140) + 0.5*math.Sin(fx*900+fy*700) + 0.25*math.Sin(fx*3100-fy*2900)
				k := 1.1 - 0.6*(fy-hill)
				r, g, bl = (90+25*t)*k, (120+30*t)*k, (60+15*t)*k
			}
			if dx, dy := fx-0.7, fy-0.6; dx*dx+dy*dy < 0.01 {
				r, g, bl = 160+40*dy*10, 60, 50 // a red object
			}
			s ^= s << 13
			s ^= s >> 17
			s ^= s << 5
			n := float64(int(s&0xff)+int(s>>8&0xff)-255) / 40
			o := y*m.Stride + 4*x
			m.Pix[o] = uint8(min(255, max(0, r+n)))
			m.Pix[o+1] = uint8(min(255, max(0, g+n)))
			m.Pix[o+2] = uint8(min(255, max(0, bl+n)))
			m.Pix[o+3] = 255
		}
	}
	return m
}

// stageLogo is a 900×300 logo with soft, transparent edges.
func stageLogo() *brand.Logo {
	m := image.NewNRGBA(image.Rect(0, 0, 900, 300))
	for y := range 300 {
		for x := range 900 {
			cx := math.Min(math.Max(float64(x), 150), 750)
			if d := 150 - math.Hypot(float64(x)-cx, float64(y)-150); d > 0 {
				m.SetNRGBA(x, y, color.NRGBA{20, 40, 110, uint8(235 * math.Min(1, d))})
			}
		}
	}
	return brand.DefaultLogo(m)
}

func stagePresets(b *testing.B) []preset.Preset {
	b.Helper()
	ps, err := preset.Parse("pinterest-pin,tumblr-post,snapchat-story")
	if err != nil {
		b.Fatal(err)
	}
	return ps
}

// BenchmarkStageDecode is imgio's gate and decoder on a 12 and a 24 MP JPEG.
func BenchmarkStageDecode(b *testing.B) {
	mp12, mp24 := stagePhotos(b)
	for _, c := range []struct {
		name string
		data []byte
	}{{"12MP", mp12}, {"24MP", mp24}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := imgio.Decode(c.data, imgio.DefaultLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStageCropResize is one preset's crop, resize and flatten of a
// decoded 12 MP photo, without a logo.
func BenchmarkStageCropResize(b *testing.B) {
	mp12, _ := stagePhotos(b)
	img, _, err := imgio.Decode(mp12, imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range stagePresets(b) {
		b.Run(p.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Image(img, p, Spec{})
			}
		})
	}
}

// BenchmarkStageLogo is the logo drawn on one preset's output: resized
// from 900×300 and blended at the default opacity.
func BenchmarkStageLogo(b *testing.B) {
	mp12, _ := stagePhotos(b)
	img, _, err := imgio.Decode(mp12, imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	logo := stageLogo()
	for _, p := range stagePresets(b) {
		dst, _ := Image(img, p, Spec{})
		b.Run(p.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				logo.Draw(dst, p.Safe)
			}
		})
	}
}

// BenchmarkStageEncode is one preset's output encoded as a JPEG at quality
// 85, where picmark's quality search starts.
func BenchmarkStageEncode(b *testing.B) {
	mp12, _ := stagePhotos(b)
	img, _, err := imgio.Decode(mp12, imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range stagePresets(b) {
		dst, _ := Image(img, p, Spec{})
		b.Run(fmt.Sprintf("%s-%dx%d", p.ID, dst.Rect.Dx(), dst.Rect.Dy()), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := imgio.EncodeJPEG(dst, 85); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
