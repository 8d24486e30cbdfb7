package render

import (
	"image"
	"testing"

	"picmark/internal/crop"
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
	spec := Spec{Presets: defaults(b), Brand: kit(circleLogo())}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Photo(data, spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPhotoSmart is BenchmarkPhoto with the smart strategy: one
// analysis (shrink, saliency, faces) serves the three presets.
func BenchmarkPhotoSmart(b *testing.B) {
	data := photo12MP(b)
	spec := Spec{Presets: defaults(b), Brand: kit(circleLogo()), Crop: crop.Strategy{Kind: crop.Smart}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Photo(data, spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPhotoBlur fits the photo on a blurred copy of itself.
func BenchmarkPhotoBlur(b *testing.B) {
	data := photo12MP(b)
	spec := Spec{Presets: defaults(b), Fit: FitBlur}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Photo(data, spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalysePhoto is the smart strategy's per-photo cost on a decoded
// 12 MP JPEG stored on its side: the shrink, then crop.Analyse.
func BenchmarkAnalysePhoto(b *testing.B) {
	img, _, err := imgio.DecodeStored(photo12MP(b), imgio.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("shrink", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			shrink(img, crop.MaxSide)
		}
	})
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			AnalysePhoto(img, 6)
		}
	})
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
				Image(img, p, Spec{Brand: kit(circleLogo())})
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
	m, _ := Image(img, defaults(b)[0], Spec{})
	var _ image.Image = m
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := imgio.EncodeJPEGUnder(m, 10<<20); err != nil {
			b.Fatal(err)
		}
	}
}
