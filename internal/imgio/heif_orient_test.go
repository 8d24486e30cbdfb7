//go:build !wasm

package imgio

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

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
