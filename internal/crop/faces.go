package crop

import (
	_ "embed" // the face cascade
	"math"
	"slices"
	"sync"

	pigo "github.com/esimov/pigo/core"
)

// The face detector's cascade comes from the pigo module at build time and is
// not committed: run `go generate ./internal/crop` (the Makefile does) to
// copy it from the module cache, at the version go.mod names.
//
//go:generate go run gencascade.go
//go:embed facefinder
var facefinder []byte

var (
	detectorOnce sync.Once
	detector     *pigo.Pigo
)

// faceDetector unpacks the cascade once. A damaged cascade means no faces,
// never a failed photo; the tests check that it unpacks.
func faceDetector() *pigo.Pigo {
	detectorOnce.Do(func() {
		if p, err := pigo.NewPigo().Unpack(facefinder); err == nil {
			detector = p
		}
	})
	return detector
}

// detectFaces runs pigo over a W×H grey image and returns the faces scoring
// at least minQ as boxes in fractions of the image, enlarged by faceEnlarge
// and clamped to it, sorted top to bottom, then left to right. RunCascade
// allocates only its results and is safe to run concurrently.
func detectFaces(gray []uint8, W, H int, minQ float32) []Box {
	d := faceDetector()
	if d == nil || min(W, H) < faceMinSidePx {
		return nil
	}
	cp := pigo.CascadeParams{
		MinSize:     faceMinSidePx,
		MaxSize:     min(W, H),
		ShiftFactor: 0.15,
		ScaleFactor: 1.15,
		ImageParams: pigo.ImageParams{Pixels: gray, Rows: H, Cols: W, Dim: W},
	}
	dets := d.ClusterDetections(d.RunCascade(cp, 0), faceClusterIoU)
	// pigo's clusters can still overlap (two clusters of one face): keep the
	// best-scoring of any overlapping pair.
	slices.SortStableFunc(dets, func(a, b pigo.Detection) int { return cmpFloat(float64(b.Q), float64(a.Q)) })
	var kept []pigo.Detection
	for _, det := range dets {
		if det.Q < minQ || slices.ContainsFunc(kept, func(k pigo.Detection) bool { return overlap(k, det) > faceClusterIoU }) {
			continue
		}
		kept = append(kept, det)
	}
	var faces []Box
	for _, det := range kept {
		half := float64(det.Scale) * faceEnlarge / 2
		cx, cy := float64(det.Col), float64(det.Row)
		faces = append(faces, clampBox(Box{
			Point{(cx - half) / float64(W), (cy - half) / float64(H)},
			Point{(cx + half) / float64(W), (cy + half) / float64(H)},
		}))
	}
	slices.SortFunc(faces, func(a, b Box) int {
		if c := cmpFloat(a.Min.Y, b.Min.Y); c != 0 {
			return c
		}
		return cmpFloat(a.Min.X, b.Min.X)
	})
	return faces
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b || math.IsNaN(a) && !math.IsNaN(b):
		return -1
	case a > b:
		return 1
	}
	return 0
}

// overlap is the intersection over union of two square detections.
func overlap(a, b pigo.Detection) float64 {
	side := func(c, s int) (float64, float64) { return float64(c) - float64(s)/2, float64(c) + float64(s)/2 }
	ax0, ax1 := side(a.Col, a.Scale)
	ay0, ay1 := side(a.Row, a.Scale)
	bx0, bx1 := side(b.Col, b.Scale)
	by0, by1 := side(b.Row, b.Scale)
	i := max(0, min(ax1, bx1)-max(ax0, bx0)) * max(0, min(ay1, by1)-max(ay0, by0))
	u := float64(a.Scale*a.Scale+b.Scale*b.Scale) - i
	if u <= 0 {
		return 0
	}
	return i / u
}
