//go:build !wasm

package imgio

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"picmark/internal/colour"
	"picmark/internal/heiftest"
)

// withTransforms adds irot and imir to a HEIF that has none: heif-enc
// 1.15 cannot write them (see heiftest.WithTransforms).
func withTransforms(t *testing.T, file []byte, rot, mir int) []byte {
	t.Helper()
	out, err := heiftest.WithTransforms(file, rot, mir)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHEICOrientationOnce: a HEIC whose container says irot (and imir) and
// whose Exif item says 6, as iPhones write both, comes out turned by irot
// and imir alone, for every combination (libheif's behaviour and
// Chromium's; see heif.go). The expected picture is the untransformed
// file's decode turned by imaging, not by the code under test.
func TestHEICOrientationOnce(t *testing.T) {
	dir := t.TempDir()
	jpg := withSegments(encJPEG(scene(), 95), exifSegment(binary.BigEndian, 6))
	if err := os.WriteFile(filepath.Join(dir, "exif6.jpg"), jpg, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "heif-enc", "-q", "95", "-p", "chroma=444", "-o", "exif6.heic", "exif6.jpg")
	base, err := os.ReadFile(filepath.Join(dir, "exif6.heic"))
	if err != nil {
		t.Fatal(err)
	}
	upright, info := decodeFile(t, filepath.Join(dir, "exif6.heic"))
	if info.Width != 64 || info.Height != 48 || info.Orientation != 1 {
		t.Fatalf("the EXIF 6 alone turned the picture: %+v", info)
	}
	for rot := range 4 {
		for mir := -1; mir <= 1; mir++ {
			t.Run(fmt.Sprintf("irot%d-imir%d", rot, mir), func(t *testing.T) {
				data := withTransforms(t, base, rot, mir)
				head, err := Inspect(data, DefaultLimits)
				if err != nil {
					t.Fatal(err)
				}
				if head.Orientation != heifOrientation(rot, mir) {
					t.Errorf("the gate read orientation %d, want %d (irot and imir, EXIF ignored)", head.Orientation, heifOrientation(rot, mir))
				}
				got, info, err := Decode(data, DefaultLimits)
				if err != nil {
					t.Fatal(err)
				}
				want := turned(upright, rot, mir)
				if info.Orientation != 1 || info.Width != want.Rect.Dx() || info.Height != want.Rect.Dy() {
					t.Errorf("Info = %+v, want upright %v", info, want.Rect.Size())
				}
				closeTo(t, got, want, true)
			})
		}
	}
}

// TestHEICWithNCLX: the nclx colr heiftest adds (heif-enc 1.15 writes
// none) is read by the gate, and a Display P3 one makes the profile the
// engine converts the outputs by: the browser tests' P3 HEIC is what it
// claims.
func TestHEICWithNCLX(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "scene.png"), encPNG(scene()), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "heif-enc", "-q", "95", "-o", "scene.heic", "scene.png")
	plain, err := os.ReadFile(filepath.Join(dir, "scene.heic"))
	if err != nil {
		t.Fatal(err)
	}
	if info, err := Inspect(plain, DefaultLimits); err != nil || info.CICP != nil {
		t.Fatalf("heif-enc wrote nclx %+v (%v): heiftest.WithNCLX is no longer needed", info.CICP, err)
	}
	for _, c := range []colour.CICP{{Primaries: 1, Transfer: 1, Matrix: 1}, {Primaries: 12, Transfer: 13, Matrix: 6, FullRange: true}} {
		data, err := heiftest.WithNCLX(plain, uint16(c.Primaries), uint16(c.Transfer), uint16(c.Matrix), c.FullRange)
		if err != nil {
			t.Fatal(err)
		}
		info, err := Inspect(data, DefaultLimits)
		if err != nil || info.CICP == nil || *info.CICP != c {
			t.Fatalf("nclx %+v: the gate read %+v (%v)", c, info.CICP, err)
		}
		if _, _, err := Decode(data, DefaultLimits); err != nil {
			t.Fatalf("nclx %+v: %v", c, err)
		}
		if p3 := c.Primaries == 12; info.Profile.Active() != p3 {
			t.Errorf("nclx %+v: profile active %v, want %v", c, info.Profile.Active(), p3)
		}
	}
}
