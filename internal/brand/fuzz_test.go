package brand

import (
	"bytes"
	"image"
	"os"
	"testing"

	"picmark/internal/preset"
)

// FuzzParseFile: any bytes give a kit or a plain error, never a panic; an
// accepted kit marshals to JSON that parses to the same kit, and its
// layers (when they decode) stay inside the safe area.
func FuzzParseFile(f *testing.F) {
	if data, err := os.ReadFile("testdata/kit.json"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{`{"version":1}`, `{"version":2}`, `{"version":1,"texts":[{"content":"a\nb","size":0.5,"anchor":"top"}]}`,
		`{"version":1,"tile":{"text":"x","angle":-360,"spacing":0}}`, `{"version":1,"custom":[{"id":"a","width":1,"height":1,"maxBytes":1}],"presets":["a"]}`,
		`{"version":1,"logo":{"data":"PHN2Zz4="}}`, `[]`, `null`, `{"version":1e400}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kf, err := ParseFile(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		out, err := kf.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseFile(out)
		if err != nil {
			t.Fatalf("marshalled kit does not parse: %v\n%s", err, out)
		}
		if out2, _ := again.Marshal(); !bytes.Equal(out, out2) {
			t.Fatal("marshal is not stable")
		}
		k, err := kf.Kit()
		if err != nil {
			return // a logo or font that does not decode: a plain error
		}
		canvas, safe := image.Rect(0, 0, 200, 120), preset.Insets{Left: 20, Bottom: 10}
		area := image.Rect(20, 0, 200, 110) // canvas minus safe
		for _, lr := range k.Rects(canvas, safe) {
			if !lr.Skipped && !lr.Rect.In(area) {
				t.Fatalf("%s at %v outside %v", lr.Layer, lr.Rect, area)
			}
		}
		k.Draw(grey(200, 120), safe)
	})
}
