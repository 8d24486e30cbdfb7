package crop

import (
	"image"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/preset"
)

// BenchmarkAnalyse is the per-photo cost of the smart strategy on a
// MaxSide copy (400×300), with and without face detection.
func BenchmarkAnalyse(b *testing.B) {
	m := subject(400, 300, 60, 0.3, 0.6)
	for _, bc := range []struct {
		name string
		w    Weights
	}{{"faces", DefaultWeights}, {"no-faces", Weights{Edge: 0.2, Skin: 1.8, Saturation: 0.1}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyse(m, bc.w)
			}
		})
	}
}

// BenchmarkAnalyseGroup analyses a 400×300 group photo of real faces
// (pigo's sample portrait pasted three times).
func BenchmarkAnalyseGroup(b *testing.B) {
	small := imaging.Resize(groupPhoto(pigoSample(b), 1200, 900, 130, []float64{0.1, 0.45, 0.8}), MaxSide, 0, imaging.Box)
	b.ReportAllocs()
	for b.Loop() {
		if a := Analyse(small, DefaultWeights); len(a.Faces) != 3 {
			b.Fatalf("%d faces", len(a.Faces))
		}
	}
}

// BenchmarkSmartRect is the per-preset cost once the photo is analysed.
func BenchmarkSmartRect(b *testing.B) {
	a := Analyse(subject(400, 300, 60, 0.3, 0.6), DefaultWeights)
	a.Faces = row(5, 0.4, 0.05, 0.01)
	photo := image.Rect(0, 0, 4000, 3000)
	b.ReportAllocs()
	for b.Loop() {
		Strategy{Kind: Smart}.Rect(photo, 1080, 1920, preset.Insets{Top: 250, Bottom: 340}, a)
	}
}
