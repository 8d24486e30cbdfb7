package crop

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	pigo "github.com/esimov/pigo/core"

	"picmark/internal/msg"
)

// The face detector's cascade (236 KB, 232 KB brotli'd: it barely
// compresses) comes from the pigo module at build time and is not
// committed: run `go generate ./internal/crop` (the Makefile does) to copy
// it from the module cache, at the version go.mod names. The native binary
// embeds it (cascade_native.go); the browser's does not, because a first
// visit downloads app.wasm whole: its worker fetches the cascade the first
// time it frames a photo (SetCascadeLoader), from the server, which serves
// the native binary's copy (EmbeddedCascade).
//
//go:generate go run gencascade.go

var (
	detectorMu    sync.Mutex // held while the cascade loads, so two photos fetch it once
	detector      *cascade
	embedded      []byte // the cascade, in binaries that carry it
	cascadeLoader func() ([]byte, error)
)

// SetCascadeLoader tells the face finder where to get the cascade when
// this binary does not carry it (the browser's worker downloads it).
func SetCascadeLoader(load func() ([]byte, error)) {
	detectorMu.Lock()
	defer detectorMu.Unlock()
	cascadeLoader = load
}

// EmbeddedCascade returns the cascade compiled into this binary (the
// native one: the server serves it).
func EmbeddedCascade() ([]byte, bool) { return embedded, embedded != nil }

// CascadeFile is the name the cascade is served under.
const CascadeFile = "facefinder"

// faceDetector unpacks the cascade once, loading it first when this binary
// does not carry it. A failed load is tried again on the next photo (the
// device may be back online); the error is a *FaceFinderError.
func faceDetector() (*cascade, error) {
	detectorMu.Lock()
	defer detectorMu.Unlock()
	if detector != nil {
		return detector, nil
	}
	data := embedded
	if data == nil {
		if cascadeLoader == nil {
			return nil, &FaceFinderError{Err: errors.New("this binary has no way to download it")}
		}
		var err error
		if data, err = cascadeLoader(); err != nil {
			return nil, &FaceFinderError{Err: err}
		}
	}
	p, err := unpack(data)
	if err != nil {
		return nil, &FaceFinderError{Err: err}
	}
	detector = p
	return detector, nil
}

// unpack reads a cascade; damaged bytes (a cut download) must not take
// the worker down.
func unpack(data []byte) (c *cascade, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("the cascade is damaged: %v", r)
		}
	}()
	if c, err = parseCascade(data); err != nil {
		return nil, fmt.Errorf("the cascade does not unpack: %w", err)
	}
	return c, nil
}

// FaceFinderError says the face finder could not be had, so a smart crop
// framed the photo without looking for faces: most often the device is
// offline and never framed a photo before.
type FaceFinderError struct {
	Err error // why the cascade could not be had
}

func (e *FaceFinderError) Error() string {
	return "faces were not looked for: picmark downloads its face finder the first time it frames a photo, " +
		"so connect to the internet and make this photo again"
}

// Message is the report's note for a photo framed without faces.
func (e *FaceFinderError) Message() msg.Message { return msg.New(msg.FacesNotSought) }

func (e *FaceFinderError) Unwrap() error { return e.Err }

// detectFaces runs pigo's cascade over a W×H grey image (cascade.scan, then
// pigo's clustering) and returns the faces scoring at least minQ as boxes in
// fractions of the image, enlarged by faceEnlarge and clamped to it, sorted
// top to bottom, then left to right. It is safe to run concurrently.
func detectFaces(gray []uint8, W, H int, minQ float32) ([]Box, error) {
	if min(W, H) < faceMinSidePx {
		return nil, nil
	}
	d, err := faceDetector()
	if err != nil {
		return nil, err
	}
	dets := pigo.NewPigo().ClusterDetections(d.scan(gray, W, H, faceMinSidePx, min(W, H), faceShift, faceScale), faceClusterIoU)
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
	return faces, nil
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
