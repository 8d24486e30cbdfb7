package imgio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// jpegHeader is the start of a w×h greyscale JPEG: SOI, the frame header
// and the scan header, no pixels (like pngHeader). The gate reads no
// further.
func jpegHeader(w, h int) []byte {
	sof := []byte("\xFF\xD8\xFF\xC0\x00\x0B\x08\x00\x00\x00\x00\x01\x01\x11\x00\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00")
	binary.BigEndian.PutUint16(sof[7:], uint16(h))
	binary.BigEndian.PutUint16(sof[9:], uint16(w))
	return sof
}

// TestGateEdges: each default limit holds at its very edge, for JPEG and
// PNG headers (a few bytes: no pixel is ever allocated). 7071×7071
// (49,999,041 pixels) and 10000×5000 are accepted, 7072×7071 (50,006,112)
// refused; 16384
// pixels a side accepted, 16385 refused; 32 times as long as wide
// accepted, 32.01 and 33 times refused.
func TestGateEdges(t *testing.T) {
	tests := []struct {
		w, h  int
		limit string // "": accepted; else the LimitError.What
		msg   string // in the refusal
	}{
		{7071, 7071, "", ""},
		{7072, 7071, "pixels", "is 7072×7071 pixels (50 megapixels); picmark accepts up to 50 megapixels"},
		{7071, 7072, "pixels", "is 7071×7072 pixels"},
		{10000, 5000, "", ""}, // 50,000,000 exactly
		{10001, 5000, "pixels", "is 10001×5000 pixels"},
		{16384, 1000, "", ""},
		{16385, 1000, "side", "is 16385×1000 pixels; picmark accepts at most 16384 pixels on a side"},
		{1000, 16384, "", ""},
		{1000, 16385, "side", "is 1000×16385 pixels; picmark accepts at most 16384 pixels on a side"},
		{3200, 100, "", ""},
		{3201, 100, "aspect", "is 3201×100 pixels, 33 times as wide as it is tall; picmark accepts up to 32 times"},
		{3300, 100, "aspect", "33 times as wide as it is tall"},
		{100, 3200, "", ""},
		{100, 3201, "aspect", "33 times as tall as it is wide"},
		{100, 3300, "aspect", "33 times as tall as it is wide"},
	}
	for _, tt := range tests {
		for _, f := range []struct {
			format Format
			data   []byte
		}{{JPEG, jpegHeader(tt.w, tt.h)}, {PNG, pngHeader(tt.w, tt.h)}} {
			t.Run(fmt.Sprintf("%s %d×%d", f.format, tt.w, tt.h), func(t *testing.T) {
				info, err := Inspect(f.data, Limits{})
				if tt.limit == "" {
					if err != nil || info.Format != f.format || info.Width != tt.w || info.Height != tt.h {
						t.Fatalf("Inspect = %+v, %v; want a %d×%d %s accepted", info, err, tt.w, tt.h, f.format)
					}
					return
				}
				var le *LimitError
				if !errors.As(err, &le) || le.What != tt.limit {
					t.Fatalf("Inspect = %+v, %v; want a %s LimitError", info, err, tt.limit)
				}
				if !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("Error() = %q, want it to contain %q", err, tt.msg)
				}
			})
		}
	}
}
