package imgio

import (
	"os"
	"path/filepath"
	"testing"
)

// seed adds every file in testdata/ (all a few KB at most) to the corpus.
func seed(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
}

func FuzzOrientation(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := Orientation(data); o < 1 || o > 8 {
			t.Fatalf("Orientation = %d", o)
		}
	})
}

// FuzzInspect checks that the gate never panics and that whatever it lets
// through is within the limits; small limits keep each decode cheap.
func FuzzInspect(f *testing.F) {
	seed(f)
	lim := Limits{MaxPixels: 1 << 16, MaxSide: 1024, MaxFileBytes: 1 << 20, MaxAspect: 32}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data, lim)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if int64(info.Width)*int64(info.Height) > lim.MaxPixels || info.Width > lim.MaxSide || info.Height > lim.MaxSide {
			t.Fatalf("let through %+v", info)
		}
		img, _, err := Decode(data, lim)
		if err == nil {
			if w, h := info.Upright(); img.Bounds().Dx() != w || img.Bounds().Dy() != h {
				t.Fatalf("decoded %v, header said %+v", img.Bounds(), info)
			}
		}
	})
}

// FuzzEmbeddedICC checks the profile readers of every container: never a
// panic, never more than maxICC bytes, and a problem or a profile, not both.
func FuzzEmbeddedICC(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fm := range []Format{JPEG, PNG, WebP} {
			icc, problem := embeddedICC(data, fm)
			if len(icc) > maxICC || (icc != nil && problem != "") {
				t.Fatalf("%s: %d bytes, problem %q", fm, len(icc), problem)
			}
			var info Info
			info.Format = fm
			readProfile(data, &info)
		}
	})
}
