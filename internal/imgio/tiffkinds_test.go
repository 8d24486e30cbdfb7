//go:build !wasm

package imgio

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// stripTIFF is a little-endian TIFF of one strip of w×h RGB (or YCbCr)
// pixels of bits a sample, its directory first and the strip last, ending
// the file: how some writers lay it out, which neither tiffcp nor
// ImageMagick does.
func stripTIFF(w, h, bits int, compression, photometric uint16, sub [2]uint16, strip []byte) []byte {
	le := binary.LittleEndian
	type tag struct {
		id, typ uint16
		count   uint32
		value   uint32
	}
	tags := []tag{
		{256, 3, 1, uint32(w)}, {257, 3, 1, uint32(h)}, {258, 3, 3, 0}, {259, 3, 1, uint32(compression)},
		{262, 3, 1, uint32(photometric)}, {273, 4, 1, 0}, {277, 3, 1, 3}, {278, 3, 1, uint32(h)},
		{279, 4, 1, uint32(len(strip))}, {284, 3, 1, 1},
	}
	if sub[0] != 0 {
		tags = append(tags, tag{530, 3, 2, uint32(sub[0]) | uint32(sub[1])<<16})
	}
	dir := 8
	bps := dir + 2 + 12*len(tags) + 4
	start := bps + 6
	out := make([]byte, start, start+len(strip))
	copy(out, "II*\x00")
	le.PutUint32(out[4:], uint32(dir))
	le.PutUint16(out[dir:], uint16(len(tags)))
	for i, t := range tags {
		e := out[dir+2+12*i:]
		le.PutUint16(e, t.id)
		le.PutUint16(e[2:], t.typ)
		le.PutUint32(e[4:], t.count)
		switch t.id {
		case 258:
			le.PutUint32(e[8:], uint32(bps))
		case 273:
			le.PutUint32(e[8:], uint32(start))
		default:
			if t.typ == 3 && t.count == 1 {
				le.PutUint16(e[8:], uint16(t.value))
			} else {
				le.PutUint32(e[8:], t.value)
			}
		}
	}
	for i := range 3 {
		le.PutUint16(out[bps+2*i:], uint16(bits))
	}
	return append(out, strip...)
}

// TestStripAtTheEnd: a strip that ends the file is whole, for our own
// decoder (16 bits) as for the JPEG one.
func TestStripAtTheEnd(t *testing.T) {
	dir := fixtures(t)
	m := scene()
	var px []byte
	for i, v := range m.Pix {
		if i%4 != 3 {
			px = binary.LittleEndian.AppendUint16(px, uint16(v)*257)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "end.tif"), stripTIFF(64, 48, 16, 1, 2, [2]uint16{}, px), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := decodeFile(t, filepath.Join(dir, "end.tif"))
	closeTo(t, got, imDecode(t, dir, "end.tif"), true)
	closeTo(t, got, m, true)
}

// TestJPEGInTIFF422: 4:2:2 and 4:4:4 JPEG strips in YCbCr TIFFs, against
// ImageMagick (through libtiff and libjpeg): on flat blocks with sharp
// colour edges libjpeg's upsampling gives every pixel to the unit.
func TestJPEGInTIFF422(t *testing.T) {
	dir := fixtures(t)
	for _, tt := range []struct {
		name, sampling string
		sub            [2]uint16
	}{
		{"ycbcr422.tif", "2x1", [2]uint16{2, 1}},
		{"ycbcr444.tif", "1x1", [2]uint16{1, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			run(t, dir, "convert-im6", "src.png", "-quality", "90", "-sampling-factor", tt.sampling, tt.name+".jpg")
			jpg, err := os.ReadFile(filepath.Join(dir, tt.name+".jpg"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, tt.name), stripTIFF(64, 48, 8, 7, 6, tt.sub, jpg), 0o644); err != nil {
				t.Fatal(err)
			}
			got, info := decodeFile(t, filepath.Join(dir, tt.name))
			if info.Format != TIFF || len(info.Notes) > 0 {
				t.Errorf("Info = %+v", info)
			}
			want := imDecode(t, dir, tt.name)
			if _, most, err := diff(got, want); err != nil || most != 0 {
				t.Errorf("%d/255 from ImageMagick where libjpeg's upsampling gives 0 (%v)", most, err)
			}
		})
	}
}

// TestPackBits decodes TIFF 6.0's own PackBits example (section 9), with a
// no-op code (-128) added, read in pieces of every size; and a stream cut
// in a literal or a repeat run ends early.
func TestPackBits(t *testing.T) {
	packed := []byte{0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0x80, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA}
	want := []byte{0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22,
		0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA}
	for piece := 1; piece <= len(want)+1; piece++ {
		p := &packBits{r: bufio.NewReader(bytes.NewReader(packed))}
		var got []byte
		buf := make([]byte, piece)
		for {
			n, err := p.Read(buf)
			got = append(got, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil || n == 0 {
				t.Fatalf("pieces of %d: Read = %d, %v", piece, n, err)
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("pieces of %d: % X, want % X", piece, got, want)
		}
	}
	for name, cut := range map[string][]byte{"in a literal run": packed[:4], "before a repeated byte": packed[:1]} {
		if _, err := io.ReadAll(&packBits{r: bufio.NewReader(bytes.NewReader(cut))}); err != io.ErrUnexpectedEOF {
			t.Errorf("cut %s: %v, want io.ErrUnexpectedEOF", name, err)
		}
	}
}

// TestTIFFTagEdges: a width of 2³¹ is a width (over the limits), one more
// a damaged file; a directory of 4096 tags is read, one of 4097 refused; a
// tag of the wrong type is a damaged file, never read as its default (a
// compressed strip shown as raw bytes).
func TestTIFFTagEdges(t *testing.T) {
	// tags gives tinyTIFF's directory n tags in all, the extra ones private.
	tags := func(n int) []byte {
		b := tinyTIFF(8, 8, 8, 0)
		le := binary.LittleEndian
		dir := slices.Clone(b[10 : len(b)-4])
		for i := range n - 9 {
			dir = le.AppendUint16(dir, uint16(50000+i))
			dir = append(dir, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0)
		}
		out := le.AppendUint16(slices.Clone(b[:8]), uint16(n))
		return le.AppendUint32(append(out, dir...), 0)
	}
	wrongType := tinyTIFF(8, 8, 8, 0)
	wrongType[10+12*3+2] = 2 // Compression as ASCII
	// samples gives tinyTIFF's grey pixels n samples, without ExtraSamples.
	samples := func(n byte) []byte {
		b := tinyTIFF(8, 8, 8, 0)
		b[10+12*6+8] = n
		return b
	}
	var le *LimitError
	var ce *CorruptError
	for _, tt := range []struct {
		name  string
		data  []byte
		limit bool // a LimitError; else a CorruptError
	}{
		{"2³¹ wide", tinyTIFF(1<<31, 1, 1, 0), true},
		{"2³¹+1 wide", tinyTIFF(1<<31+1, 1, 1, 0), false},
		{"4097 tags", tags(4097), false},
		{"Compression as text", wrongType, false},
		{"0 wide", tinyTIFF(0, 8, 8, 0), false},
		{"0 high", tinyTIFF(8, 0, 8, 0), false},
		{"17 samples a pixel", samples(17), false},
	} {
		_, err := Inspect(tt.data, DefaultLimits)
		if tt.limit && !errors.As(err, &le) || !tt.limit && !errors.As(err, &ce) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	for name, data := range map[string][]byte{"4096 tags": tags(4096), "16 samples a pixel": samples(16),
		"2 samples, no ExtraSamples": samples(2)} {
		if info, err := Inspect(data, DefaultLimits); err != nil || info.Width != 8 {
			t.Errorf("%s: %+v, %v", name, info, err)
		}
	}
}
