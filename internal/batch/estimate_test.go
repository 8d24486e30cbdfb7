package batch

import (
	"testing"

	"picmark/internal/imgio"
	"picmark/internal/preset"
)

func TestEstimate(t *testing.T) {
	square := preset.Preset{ID: "sq", Width: 1080, Height: 1080, MaxBytes: 8 << 20}
	wide := preset.Preset{ID: "w", Width: 1280, MaxHeight: 1600, MaxBytes: 10 << 20}
	tiny := preset.Preset{ID: "t", Width: 4000, Height: 4000, MaxBytes: 1 << 20}
	for _, c := range []struct {
		name    string
		presets []preset.Preset
		photos  int
		format  imgio.Format
		quality int
		want    int64
	}{
		{"a square JPEG at 85", []preset.Preset{square}, 1, imgio.JPEG, 0, 1080*1080*45/100 + zipEntryOverhead},
		{"its photos", []preset.Preset{square}, 1000, imgio.JPEG, 85, 1000 * (1080*1080*45/100 + zipEntryOverhead)},
		{"width only: a 2:3 portrait up to its MaxHeight", []preset.Preset{wide}, 1, imgio.JPEG, 70, 1280*1600*35/100 + zipEntryOverhead},
		{"never over the cap", []preset.Preset{tiny}, 2, imgio.PNG, 0, 2 * (1<<20 + zipEntryOverhead)},
		{"PNG", []preset.Preset{square}, 1, imgio.PNG, 0, 1080*1080*22/10 + zipEntryOverhead},
		{"presets add up", []preset.Preset{square, tiny}, 3, imgio.JPEG, 95, 3 * (int64(1080*1080*0.9) + 1<<20 + 2*zipEntryOverhead)},
		{"no photos", []preset.Preset{square}, 0, imgio.JPEG, 0, 0},
	} {
		if got := Estimate(c.presets, c.photos, c.format, c.quality); got != c.want {
			t.Errorf("%s: Estimate = %d, want %d", c.name, got, c.want)
		}
	}
}
