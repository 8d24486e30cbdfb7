package render

import (
	"image"
	"testing"

	"picmark/internal/imgio"
	"picmark/internal/preset"
)

// photo12MP is a 4000×3000 camera-like JPEG (gradients plus grain), built in
// memory: big files are not committed.
func photo12MP(b *testing.B) []byte {
	b.Helper()
	m := scene(4000, 3000)
	s := uint32(1)
	for i := range m.Pix {
		if i%4 == 3 {
			continue
		}
		s = s*1664525 + 1013904223
		m.Pix[i] = uint8(min(255, max(0, int(m.Pix[i])+int(s>>28)-8)))
	}
	return encJPEG(b, m, 90)
}

func defaults(b *testing.B) []preset.Preset {
	ps, err := preset.Parse("")
	if err != nil {
		b.Fatal(err)
	}
	return ps
}

// BenchmarkPhoto is the whole job for one 12 MP photo: decode, three
// presets, logo, encode.
func BenchmarkPhoto(b *testing.B) {
	data := photo12MP(b)
	spec := Spec{Presets: defaults(b), Logo: circleLogo()}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Photo(data, spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImage separates rendering (crop, resize, flatten, logo) from
// decoding and encoding, per preset.
func BenchmarkImage(b *testing.B) {
	img, _, err := imgio.Decode(photo12MP(b), imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range defaults(b) {
		b.Run(p.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Image(img, p, circleLogo())
			}
		})
	}
}

// BenchmarkEncode measures EncodeJPEGUnder on a rendered pin.
func BenchmarkEncode(b *testing.B) {
	img, _, err := imgio.Decode(photo12MP(b), imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	m, _ := Image(img, defaults(b)[0], nil)
	var _ image.Image = m
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := imgio.EncodeJPEGUnder(m, 10<<20); err != nil {
			b.Fatal(err)
		}
	}
}
