//go:build !wasm

package imgio

// BMPs no tool on Debian writes (RLE4, run-length files with absolute runs
// and moves, 2-bit, V2 and V3 headers, bit fields at every header size, a
// gap before the pixels) are written here, byte by byte as the format says,
// and decoded by picmark and by ImageMagick: the two must agree to the
// unit, but where ImageMagick reads a file otherwise than browsers do or
// not at all (the table says which). Each file is also checked against the
// picture it was made from, so a writer's slip cannot pass unseen because
// both decoders read it alike.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"picmark/internal/colour"
	"picmark/internal/msg"
)

// bmpSpec is how a test BMP is written.
type bmpSpec struct {
	dib     int // header size: 12, 40, 52, 56, 108, 124
	bpp     int
	comp    uint32
	topDown bool
	masks   [4]uint32 // bit fields (comp 3 or 6)
	used    int       // biClrUsed: 0 means every colour of the depth
	gap     int       // bytes between the palette and the pixels
}

// file writes a BMP of w×h holding pal and the pixel bytes px.
func (s bmpSpec) file(w, h int, pal color.Palette, px []byte) []byte {
	le := binary.LittleEndian
	entry := 4
	if s.dib == 12 {
		entry = 3
	}
	maskBytes := 0
	if s.dib == 40 && (s.comp == bmpBitFields || s.comp == bmpAlphaBits) {
		maskBytes = 12
		if s.comp == bmpAlphaBits {
			maskBytes = 16
		}
	}
	n := 0
	if s.bpp <= 8 {
		n = 1 << s.bpp
		if s.used > 0 {
			n = s.used
		}
	}
	off := 14 + s.dib + maskBytes + n*entry + s.gap
	b := make([]byte, off, off+len(px))
	copy(b, "BM")
	le.PutUint32(b[2:], uint32(off+len(px)))
	le.PutUint32(b[10:], uint32(off))
	d := b[14:]
	le.PutUint32(d, uint32(s.dib))
	hh := h
	if s.topDown {
		hh = -h
	}
	if s.dib == 12 {
		le.PutUint16(d[4:], uint16(w))
		le.PutUint16(d[6:], uint16(int16(hh)))
		le.PutUint16(d[8:], 1)
		le.PutUint16(d[10:], uint16(s.bpp))
	} else {
		le.PutUint32(d[4:], uint32(int32(w)))
		le.PutUint32(d[8:], uint32(int32(hh)))
		le.PutUint16(d[12:], 1)
		le.PutUint16(d[14:], uint16(s.bpp))
		le.PutUint32(d[16:], s.comp)
		le.PutUint32(d[20:], uint32(len(px)))
		le.PutUint32(d[32:], uint32(s.used))
		m := d[40:]
		if s.dib == 40 {
			m = d[40 : 40+maskBytes]
		}
		for i := range min(len(m)/4, 4) {
			le.PutUint32(m[4*i:], s.masks[i])
		}
		if s.dib >= 108 {
			copy(d[56:], "BGRs") // LCS_sRGB, stored little-endian
		}
	}
	p := b[14+s.dib+maskBytes:]
	for i := range n {
		if i < len(pal) {
			r, g, bl, _ := pal[i].RGBA()
			p[i*entry], p[i*entry+1], p[i*entry+2] = byte(bl>>8), byte(g>>8), byte(r>>8)
		}
	}
	return append(b, px...)
}

// sceneIndexes is scene's palette (its 12 block colours) and each pixel's
// index in it, top row first.
func sceneIndexes() (color.Palette, [][]byte) {
	var pal color.Palette
	for r := range 3 {
		for c := range 4 {
			pal = append(pal, blockColor(c, r))
		}
	}
	m := scene()
	rows := make([][]byte, 48)
	for y := range rows {
		rows[y] = make([]byte, 64)
		for x := range 64 {
			rows[y][x] = byte(pal.Index(m.At(x, y)))
		}
	}
	return pal, rows
}

// packed writes rows of indexes (or of 16- and 32-bit values) as BMP rows:
// bpp bits a pixel, each row padded to 4 bytes, bottom-up unless topDown.
func packed(rows [][]uint32, bpp int, topDown bool) []byte {
	var out []byte
	for i := range rows {
		row := rows[len(rows)-1-i]
		if topDown {
			row = rows[i]
		}
		b := make([]byte, (len(row)*bpp+31)/32*4)
		for x, v := range row {
			switch bpp {
			case 16:
				binary.LittleEndian.PutUint16(b[2*x:], uint16(v))
			case 24:
				b[3*x], b[3*x+1], b[3*x+2] = byte(v), byte(v>>8), byte(v>>16)
			case 32:
				binary.LittleEndian.PutUint32(b[4*x:], v)
			default:
				bit := x * bpp
				b[bit/8] |= byte(v) << (8 - bpp - bit%8)
			}
		}
		out = append(out, b...)
	}
	return out
}

// fields packs each of scene's pixels into the bit fields of masks, alpha
// from sceneAlpha when masks[3] is set.
func fields(masks [4]uint32) [][]uint32 {
	m := sceneAlpha()
	rows := make([][]uint32, 48)
	for y := range rows {
		rows[y] = make([]uint32, 64)
		for x := range 64 {
			c := m.NRGBAAt(x, y)
			for i, v := range []uint8{c.R, c.G, c.B, c.A} {
				if mk := masks[i]; mk != 0 {
					shift := 0
					for mk>>shift&1 == 0 {
						shift++
					}
					width := 0
					for mk>>(shift+width)&1 == 1 {
						width++
					}
					if width > 8 { // 8 bits in a wider field: v·2^(width−8)
						rows[y][x] |= uint32(v) << (width - 8) << shift
					} else {
						rows[y][x] |= uint32(v) >> (8 - width) << shift
					}
				}
			}
		}
	}
	return rows
}

func indexRows(rows [][]byte) [][]uint32 {
	out := make([][]uint32, len(rows))
	for y, r := range rows {
		out[y] = make([]uint32, len(r))
		for x, v := range r {
			out[y][x] = uint32(v)
		}
	}
	return out
}

// rle8 encodes scene's indexes with every kind of RLE8 code: runs, a run
// past the row's end, absolute runs of odd and even length (padded to 2
// bytes), a move across a row and one down a row, end of line and end of
// picture. The pixels the moves skip are returned as a mask of the rows as
// the file lays them out (bottom-up).
func rle8(rows [][]byte) (data []byte, skipped map[image.Point]bool) {
	skipped = map[image.Point]bool{}
	for i := 0; i < len(rows); i++ {
		row := rows[len(rows)-1-i]
		data = append(data, 16, row[0]) // a run
		if i == 10 {
			// Move 16 to the right: those pixels are not drawn.
			data = append(data, 0, 2, 16, 0)
			for x := 16; x < 32; x++ {
				skipped[image.Pt(x, len(rows)-1-i)] = true
			}
		} else {
			data = append(data, 0, 7) // 7 pixels as they are, padded
			data = append(data, row[16:23]...)
			data = append(data, 0, 9, row[23]) // 9 as a run
		}
		data = append(data, 0, 16) // 16 as they are: no padding
		data = append(data, row[32:48]...)
		data = append(data, 16, row[48])
		if i == 30 {
			// Runs past the row's end, of other colours: browsers leave them
			// out, ImageMagick spills them into the next row (overwritten here).
			data = append(data, 0, 3, rows[0][0], rows[0][16], rows[0][32], 0, 200, row[48])
		}
		if i == 20 {
			// Move one row down: the next row is skipped whole.
			data = append(data, 0, 2, 0, 1)
			for x := range 64 {
				skipped[image.Pt(x, len(rows)-2-i)] = true
			}
			i++
		}
		data = append(data, 0, 0)
	}
	return append(data, 0, 1), skipped
}

// rle4 is rle8's RLE4 counterpart: two pixels a byte, runs alternating the
// byte's two nibbles, absolute runs of odd and even length.
func rle4(rows [][]byte) (data []byte, skipped map[image.Point]bool) {
	skipped = map[image.Point]bool{}
	for i := range rows {
		row := rows[len(rows)-1-i]
		data = append(data, 15, row[0]<<4|row[0])  // 15: an odd run
		data = append(data, 2, row[15]<<4|row[16]) // a run of two colours
		if i == 7 {
			data = append(data, 0, 2, 14, 0)
			for x := 17; x < 31; x++ {
				skipped[image.Pt(x, len(rows)-1-i)] = true
			}
		} else {
			data = append(data, 0, 5, row[17]<<4|row[18], row[19]<<4|row[20], row[21]<<4, 0) // 5: 3 bytes, padded
			data = append(data, 9, row[22]<<4|row[22])
		}
		data = append(data, 0, 4, row[31]<<4|row[32], row[33]<<4|row[34]) // 4: 2 bytes, no padding
		data = append(data, 13, row[35]<<4|row[35], 16, row[48]<<4|row[48])
		if i == 30 {
			data = append(data, 100, row[48]<<4|row[48])
		}
		data = append(data, 0, 0)
	}
	return append(data, 0, 1), skipped
}

// TestBMPKinds decodes the BMPs written here, each against ImageMagick's
// decode and against the picture it holds.
func TestBMPKinds(t *testing.T) {
	dir := t.TempDir()
	pal, idx := sceneIndexes()
	// 2-bit and 1-bit: four and two of scene's colours, by column.
	narrow := func(k int) [][]byte {
		out := make([][]byte, len(idx))
		for y := range idx {
			out[y] = make([]byte, 64)
			for x := range 64 {
				out[y][x] = byte(x / 16 % k)
			}
		}
		return out
	}
	// Indexes past a palette of 12 colours: black, as browsers show them
	// (ImageMagick and golang.org/x/image refuse the file).
	past := make([][]byte, len(idx))
	for y := range idx {
		past[y] = slices.Clone(idx[y])
		past[y][y] = byte(12 + y%2*200)
	}
	// The same in a run-length file: its first row (the bottom one) all
	// index 12, its second 200.
	pastRows := slices.Clone(idx)
	pastRows[47], pastRows[46] = slices.Repeat([]byte{12}, 64), slices.Repeat([]byte{200}, 64)
	rPast, skipPast := rle8(pastRows)
	r8, skip8 := rle8(idx)
	r4, skip4 := rle4(idx)
	bgr := [4]uint32{0xFF0000, 0xFF00, 0xFF, 0}
	argb := [4]uint32{0xFF0000, 0xFF00, 0xFF, 0xFF000000}
	rgb565 := [4]uint32{0xF800, 0x07E0, 0x001F, 0}
	rgb10 := [4]uint32{0x3FF00000, 0xFFC00, 0x3FF, 0} // 10 bits a channel, 2 unused
	tests := []struct {
		name    string
		data    []byte
		src     [][]byte             // palette indexes (nil: sceneAlpha, or scene without alpha)
		pal     color.Palette        // the colours of src
		alpha   bool                 // the file keeps sceneAlpha's alpha
		skipped map[image.Point]bool // pixels a run-length file leaves out: transparent
		std     bool                 // golang.org/x/image reads it (else our own decoder)
		coarse  bool                 // 5 or 6 bits a channel: near the source, not equal
		noRef   bool                 // ImageMagick reads no 2-bit BMP, alpha bit fields (compression 6) nor indexes past the palette
		opaque  bool                 // ImageMagick takes bits no mask names for alpha; browsers and picmark do not
	}{
		{name: "rle8.bmp", data: bmpSpec{dib: 40, bpp: 8, comp: bmpRLE8, used: 12}.file(64, 48, pal, r8), src: idx, pal: pal, skipped: skip8},
		{name: "rle4.bmp", data: bmpSpec{dib: 40, bpp: 4, comp: bmpRLE4}.file(64, 48, pal, r4), src: idx, pal: pal, skipped: skip4},
		{name: "pal8-past-palette.bmp", noRef: true, data: bmpSpec{dib: 40, bpp: 8, used: 12, gap: 4}.file(64, 48, pal, packed(indexRows(past), 8, false)), src: past, pal: pal},
		{name: "rle8-past-palette.bmp", noRef: true, data: bmpSpec{dib: 40, bpp: 8, comp: bmpRLE8, used: 12}.file(64, 48, pal, rPast), src: pastRows, pal: pal, skipped: skipPast},
		// The last row's end of line ends the picture.
		{name: "rle4-no-end.bmp", data: bmpSpec{dib: 40, bpp: 4, comp: bmpRLE4}.file(64, 48, pal, r4[:len(r4)-2]), src: idx, pal: pal, skipped: skip4},
		{name: "pal8-v3.bmp", data: bmpSpec{dib: 56, bpp: 8}.file(64, 48, pal, packed(indexRows(idx), 8, false)), src: idx, pal: pal},
		{name: "pal8-gap.bmp", data: bmpSpec{dib: 40, bpp: 8, gap: 6}.file(64, 48, pal, packed(indexRows(idx), 8, false)), src: idx, pal: pal},
		{name: "pal8-top-down.bmp", std: true, data: bmpSpec{dib: 40, bpp: 8, topDown: true}.file(64, 48, pal, packed(indexRows(idx), 8, true)), src: idx, pal: pal},
		{name: "pal4-os2.bmp", data: bmpSpec{dib: 12, bpp: 4}.file(64, 48, pal, packed(indexRows(idx), 4, false)), src: idx, pal: pal},
		{name: "pal2.bmp", std: true, noRef: true, data: bmpSpec{dib: 40, bpp: 2}.file(64, 48, pal, packed(indexRows(narrow(4)), 2, false)), src: narrow(4), pal: pal},
		{name: "pal1-v2.bmp", data: bmpSpec{dib: 52, bpp: 1}.file(64, 48, pal, packed(indexRows(narrow(2)), 1, false)), src: narrow(2), pal: pal},
		{name: "rgb24-v2.bmp", data: bmpSpec{dib: 52, bpp: 24}.file(64, 48, nil, packed(fields(bgr), 24, false))},
		{name: "rgb24-v4.bmp", std: true, data: bmpSpec{dib: 108, bpp: 24}.file(64, 48, nil, packed(fields(bgr), 24, false))},
		{name: "bitfields32-v2.bmp", opaque: true, data: bmpSpec{dib: 52, bpp: 32, comp: bmpBitFields, masks: bgr}.file(64, 48, nil, packed(fields(argb), 32, false))},
		{name: "rgb24-top-down.bmp", std: true, data: bmpSpec{dib: 40, bpp: 24, topDown: true}.file(64, 48, nil, packed(fields(bgr), 24, true))},
		{name: "rgb32.bmp", std: true, opaque: true, data: bmpSpec{dib: 40, bpp: 32}.file(64, 48, nil, packed(fields(bgr), 32, false))},
		{name: "rgb32-v4.bmp", opaque: true, data: bmpSpec{dib: 108, bpp: 32}.file(64, 48, nil, packed(fields(bgr), 32, false))},
		{name: "alpha-unused-v5.bmp", opaque: true, data: bmpSpec{dib: 124, bpp: 32, comp: bmpBitFields, masks: argb}.file(64, 48, nil, packed(fields(bgr), 32, false))},
		{name: "bitfields565.bmp", coarse: true, data: bmpSpec{dib: 40, bpp: 16, comp: bmpBitFields, masks: rgb565}.file(64, 48, nil, packed(fields(rgb565), 16, false))},
		{name: "bitfields565-top-down.bmp", coarse: true, data: bmpSpec{dib: 40, bpp: 16, comp: bmpBitFields, masks: rgb565, topDown: true}.file(64, 48, nil, packed(fields(rgb565), 16, true))},
		{name: "rgb555.bmp", coarse: true, data: bmpSpec{dib: 40, bpp: 16}.file(64, 48, nil, packed(fields([4]uint32{0x7C00, 0x03E0, 0x001F, 0}), 16, false))},
		{name: "bitfields-10bit.bmp", opaque: true, data: bmpSpec{dib: 56, bpp: 32, comp: bmpBitFields, masks: rgb10}.file(64, 48, nil, packed(fields(rgb10), 32, false))},
		{name: "bitfields32-v3.bmp", data: bmpSpec{dib: 56, bpp: 32, comp: bmpBitFields, masks: argb}.file(64, 48, nil, packed(fields(argb), 32, false)), alpha: true},
		{name: "bitfields32-v5-top-down.bmp", data: bmpSpec{dib: 124, bpp: 32, comp: bmpBitFields, masks: argb, topDown: true}.file(64, 48, nil, packed(fields(argb), 32, true)), alpha: true},
		{name: "alphabits.bmp", data: bmpSpec{dib: 40, bpp: 32, comp: bmpAlphaBits, masks: argb}.file(64, 48, nil, packed(fields(argb), 32, false)), alpha: true, noRef: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, info := decodeFile(t, path)
			if _, c, err := inspect(bytes.NewReader(tt.data), int64(len(tt.data)), DefaultLimits); err != nil || c.bmp.std() != tt.std {
				t.Errorf("read by golang.org/x/image: %v, want %v (%v)", !tt.std, tt.std, err)
			}
			if info.Format != BMP || info.Width != 64 || info.Height != 48 || len(info.Notes) > 0 {
				t.Errorf("Info = %+v", info)
			}
			if !tt.noRef {
				want := imDecode(t, dir, tt.name)
				for p := range tt.skipped {
					want.SetNRGBA(p.X, p.Y, color.NRGBA{}) // ImageMagick: the palette's first colour
				}
				for i := 3; tt.opaque && i < len(want.Pix); i += 4 {
					want.Pix[i] = 255
				}
				closeTo(t, got, want, true)
			}
			if src := source(tt.src, tt.pal, tt.alpha, tt.skipped); tt.coarse {
				likeSource(t, got, src)
			} else {
				closeTo(t, got, src, true)
			}
		})
	}
}

// source is the picture a test BMP holds: its palette's colours at its
// indexes, or sceneAlpha (scene when the file keeps no alpha), with the
// skipped pixels transparent.
func source(idx [][]byte, pal color.Palette, alpha bool, skipped map[image.Point]bool) *image.NRGBA {
	m := sceneAlpha()
	for y := range 48 {
		for x := range 64 {
			c := m.NRGBAAt(x, y)
			if idx != nil {
				c = color.NRGBA{A: 255}
				if i := int(idx[y][x]); i < len(pal) {
					r, g, b, _ := pal[i].RGBA()
					c = color.NRGBA{byte(r >> 8), byte(g >> 8), byte(b >> 8), 255}
				}
			}
			if !alpha {
				c.A = 255
			}
			if skipped[image.Pt(x, y)] {
				c = color.NRGBA{}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// TestBMPProfile: a V5 header's embedded profile (ImageMagick writes one)
// is the photo's; one past the end of the file or over the size limit is
// ignored with a note.
func TestBMPProfile(t *testing.T) {
	dir := fixtures(t)
	icc, err := filepath.Abs(filepath.Join("..", "colour", "testdata", "compatibleWithAdobeRGB1998.icc"))
	if err != nil {
		t.Fatal(err)
	}
	run(t, dir, "convert-im6", "src.png", "-profile", icc, "icc.bmp")
	data, err := os.ReadFile(filepath.Join(dir, "icc.bmp"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(icc)
	if err != nil {
		t.Fatal(err)
	}
	want, err := colour.ParseICC(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, info, err := Decode(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b := info.Profile.Convert(200, 100, 50); !info.Profile.Active() || [3]uint8{r, g, b} != func() [3]uint8 {
		r, g, b := want.Convert(200, 100, 50)
		return [3]uint8{r, g, b}
	}() || len(info.Notes) > 0 {
		t.Errorf("the embedded Adobe RGB profile: %+v", info)
	}
	closeTo(t, got, imDecode(t, dir, "icc.bmp"), true)

	le := binary.LittleEndian
	for _, tt := range []struct {
		name      string
		off, size uint32
		note      string
	}{
		{"past the end", uint32(len(data)), uint32(len(raw)), "colour profile ignored (it is incomplete)"},
		{"over 4 MB", le.Uint32(data[14+112:]), maxICC + 1, "colour profile ignored (it is too large)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := slices.Clone(data)
			le.PutUint32(b[14+112:], tt.off)
			le.PutUint32(b[14+116:], tt.size)
			_, info, err := Decode(b, DefaultLimits)
			if err != nil || info.Profile != nil || msg.Join(msg.English, info.Notes) != tt.note {
				t.Errorf("Decode: %+v, %v; want the note %q", info, err, tt.note)
			}
		})
	}
}

// failingReader serves the first reads of a file, then fails as a disk or
// a browser's file can.
type failingReader struct {
	data  []byte
	reads int // reads left before it fails
}

func (f *failingReader) ReadAt(p []byte, off int64) (int, error) {
	if f.reads--; f.reads < 0 {
		return 0, errors.New("input/output error")
	}
	return bytes.NewReader(f.data).ReadAt(p, off)
}

// TestRefusedKinds: files the decoders refuse, and reads that fail, say
// why in words a user can act on.
func TestRefusedKinds(t *testing.T) {
	dir := fixtures(t)
	run(t, dir, "convert-im6", "src.png", "-compress", "None", "fax.tif")
	run(t, dir, "tiffset", "-s", "259", "4", "fax.tif") // Group 4, which only suits 1-bit pictures
	fax, err := os.ReadFile(filepath.Join(dir, "fax.tif"))
	if err != nil {
		t.Fatal(err)
	}
	run(t, dir, "convert-im6", "src.png", "-compress", "LZW", "lsb.tif")
	run(t, dir, "tiffset", "-s", "266", "2", "lsb.tif") // bits in reverse order, which only fax readers know
	lsb, err := os.ReadFile(filepath.Join(dir, "lsb.tif"))
	if err != nil {
		t.Fatal(err)
	}
	run(t, dir, "convert-im6", "src.png", "-type", "TrueColor", "-depth", "16", "-define", "quantum:format=floating-point", "-compress", "LZW", "-define", "tiff:predictor=1", "half.tif")
	half, err := os.ReadFile(filepath.Join(dir, "half.tif"))
	if err != nil {
		t.Fatal(err)
	}
	pal, idx := sceneIndexes()
	masks := bmpSpec{dib: 40, bpp: 16, comp: bmpBitFields, masks: [4]uint32{0xF800, 0x07E0, 0x001F, 0}}.file(64, 48, pal, packed(indexRows(idx), 16, false))
	tests := []struct {
		name string
		r    io.ReaderAt
		size int
		err  string
	}{
		{"a colour TIFF said to be a fax", bytes.NewReader(fax), len(fax),
			"uses a TIFF feature picmark cannot read: export it again as a standard TIFF"},
		{"a TIFF of 16-bit floating-point samples", bytes.NewReader(half), len(half),
			"uses a TIFF feature picmark cannot read: export it again as a standard TIFF"},
		{"an LZW TIFF in reverse bit order", bytes.NewReader(lsb), len(lsb),
			"uses a TIFF feature picmark cannot read: export it again as a standard TIFF"},
		{"a BMP cut in its bit masks", bytes.NewReader(masks[:14+40+6]), 14 + 40 + 6,
			"is damaged or incomplete (the BMP data ends early): export it again"},
		{"a BMP whose header cannot be read", &failingReader{data: masks, reads: 1}, len(masks),
			"could not be read (input/output error): check that it opens on this device, then try again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := DecodeStoredAt(tt.r, int64(tt.size), DefaultLimits)
			if err == nil || err.Error() != tt.err {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
		})
	}
}
