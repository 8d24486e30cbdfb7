package imgio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"

	"picmark/internal/heiftest"
)

// The committed seeds decode natively and under wasm alike; HEIC and AVIF
// have no decoder in the browser's build, and say so.
func TestSeeds(t *testing.T) {
	tests := []struct {
		name  string
		f     Format
		w, h  int
		o     int
		notes int
	}{
		{"seed-lzw.tif", TIFF, 24, 16, 1, 0}, {"seed-rgb16.tif", TIFF, 24, 16, 1, 0}, {"seed-cmyk.tif", TIFF, 24, 16, 1, 0},
		{"seed-jpeg.tif", TIFF, 24, 16, 1, 0}, {"seed-bigtiff-tiles.tif", TIFF, 24, 16, 1, 0}, {"seed-pages.tif", TIFF, 24, 16, 1, 1},
		{"seed-rle8.bmp", BMP, 24, 16, 1, 0}, {"seed-rgb565.bmp", BMP, 24, 16, 1, 0}, {"seed-os2.bmp", BMP, 24, 16, 1, 0},
		{"seed-small.heic", HEIC, 128, 64, 1, 0}, {"seed-irot-imir.avif", AVIF, 24, 16, 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := readTestdata(t, tt.name)
			info, err := Inspect(data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != tt.f || info.Width != tt.w || info.Height != tt.h || info.Orientation != tt.o || len(info.Notes) != tt.notes {
				t.Fatalf("Info = %+v", info)
			}
			img, _, err := Decode(data, DefaultLimits)
			var nd *NoDecoderError
			if runtime.GOARCH == "wasm" && (tt.f == HEIC || tt.f == AVIF) {
				if !errors.As(err, &nd) || nd.Format != tt.f {
					t.Fatalf("err = %v, want a NoDecoderError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if w, h := info.Upright(); img.Bounds().Dx() != w || img.Bounds().Dy() != h {
				t.Errorf("decoded %v, want %d×%d", img.Bounds(), w, h)
			}
		})
	}
}

// sparse is a file of size bytes, zero but for parts, that counts what
// is read of it.
type sparse struct {
	size  int64
	parts map[int64][]byte
	read  int64
}

func (s *sparse) ReadAt(p []byte, off int64) (int, error) {
	if off >= s.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), s.size-off))
	clear(p[:n])
	for at, b := range s.parts {
		for i := range b {
			if k := at + int64(i) - off; k >= 0 && k < int64(n) {
				p[k] = b[i]
			}
		}
	}
	s.read += int64(n)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// tiffAtEnd is a 16-bit RGBA TIFF of w×h, uncompressed in one strip, its
// directory after the pixels, as print software writes them.
func tiffAtEnd(w, h uint32) *sparse {
	pixels := int64(w) * int64(h) * 8
	ifd := 8 + pixels
	le := binary.LittleEndian
	var d bytes.Buffer
	entry := func(tag, typ uint16, count, value uint32) {
		var e [12]byte
		le.PutUint16(e[0:], tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], value)
		d.Write(e[:])
	}
	bps := uint32(ifd) + 2 + 10*12 + 4 // where the four BitsPerSample values go
	binary.Write(&d, le, uint16(10))
	entry(tWidth, 4, 1, w)
	entry(tHeight, 4, 1, h)
	entry(tBitsPerSample, 3, 4, bps)
	entry(tCompression, 3, 1, 1)
	entry(tPhotometric, 3, 1, 2)
	entry(tStripOffsets, 4, 1, 8)
	entry(tSamplesPerPixel, 3, 1, 4)
	entry(tRowsPerStrip, 4, 1, h)
	entry(tStripByteCounts, 4, 1, uint32(pixels))
	entry(tExtraSamples, 3, 1, 2)
	d.Write([]byte{0, 0, 0, 0, 16, 0, 16, 0, 16, 0, 16, 0})
	head := []byte("II*\x00\x00\x00\x00\x00")
	le.PutUint32(head[4:], uint32(ifd))
	return &sparse{size: ifd + int64(d.Len()), parts: map[int64][]byte{0: head, ifd: d.Bytes()}}
}

// TestBigTIFFGate: a 50 MP 16-bit RGBA TIFF weighs 400 MB, over
// MaxFileBytes, and is let through; its directory, after the pixels, is
// read by seeking (a few hundred bytes read, not 400 MB). A JPEG as heavy
// is refused.
func TestBigTIFFGate(t *testing.T) {
	f := tiffAtEnd(8660, 5773)
	if f.size <= DefaultLimits.MaxFileBytes {
		t.Fatalf("the test file is only %d bytes", f.size)
	}
	if err := CheckFileSize(f.size, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	info, err := InspectAt(f, f.size, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != TIFF || info.Width != 8660 || info.Height != 5773 {
		t.Errorf("Info = %+v", info)
	}
	if f.read > 4096 {
		t.Errorf("the gate read %d bytes", f.read)
	}
	jpegHeavy := &sparse{size: f.size, parts: map[int64][]byte{0: {0xFF, 0xD8, 0xFF, 0xE0}}}
	var le *LimitError
	if _, err := InspectAt(jpegHeavy, jpegHeavy.size, DefaultLimits); !errors.As(err, &le) || le.What != "file size" {
		t.Errorf("a %d-byte JPEG: %v", jpegHeavy.size, err)
	}
	if err := CheckFileSize(DefaultLimits.FileBytes("")+1, DefaultLimits); !errors.As(err, &le) {
		t.Errorf("over every format's limit: %v", err)
	}
	if got, want := DefaultLimits.FileBytes(PNG), DefaultLimits.MaxFileBytes; got != want {
		t.Errorf("FileBytes(PNG) = %d, want %d", got, want)
	}
	if got, want := DefaultLimits.FileBytes(BMP), DefaultLimits.MaxPixels*8+DefaultLimits.MaxFileBytes; got != want {
		t.Errorf("FileBytes(BMP) = %d, want %d", got, want)
	}
}

// bmpHead is a 24-bit BMP's headers claiming w×h (negative h: top-down),
// and no pixels.
func bmpHead(w, h int32) []byte {
	b := make([]byte, 54)
	copy(b, "BM")
	binary.LittleEndian.PutUint32(b[10:], 54)
	binary.LittleEndian.PutUint32(b[14:], 40)
	binary.LittleEndian.PutUint32(b[18:], uint32(w))
	binary.LittleEndian.PutUint32(b[22:], uint32(h))
	binary.LittleEndian.PutUint16(b[26:], 1)
	binary.LittleEndian.PutUint16(b[28:], 24)
	return b
}

// TestNewFormatBombs: headers claiming absurd sizes are refused with the
// same reasons as JPEG's, before any pixel.
func TestNewFormatBombs(t *testing.T) {
	huge := tiffAtEnd(65500, 65500)
	tests := []struct {
		name string
		r    io.ReaderAt
		size int64
		what string
	}{
		{"tiff 65500² as heavy as it claims", huge, huge.size, "file size"},
		{"bmp top-down 60000×1", bytes.NewReader(bmpHead(60000, -1)), 54, "side"},
		{"bmp 1000×10", bytes.NewReader(bmpHead(1000, 10)), 54, "aspect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var le *LimitError
			if _, err := InspectAt(tt.r, tt.size, DefaultLimits); !errors.As(err, &le) || le.What != tt.what {
				t.Errorf("err = %v, want a %s LimitError", err, tt.what)
			}
		})
	}
}

// appendBox appends an ISO BMFF box of type typ holding body.
var appendBox = heiftest.AppendBox

// tinyTIFF is a grey TIFF header claiming w×h in strips of rows rows,
// its strip lists claiming count entries (0: as many as the strips), and
// no pixels at all.
func tinyTIFF(w, h, rows, count uint32) []byte {
	if count == 0 {
		count = (h + rows - 1) / rows
	}
	le := binary.LittleEndian
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = le.AppendUint16(b, 9)
	for _, e := range [][4]uint32{{tWidth, 4, 1, w}, {tHeight, 4, 1, h}, {tBitsPerSample, 3, 1, 8},
		{tCompression, 3, 1, 1}, {tPhotometric, 3, 1, 1}, {tStripOffsets, 4, count, 8},
		{tSamplesPerPixel, 3, 1, 1}, {tRowsPerStrip, 4, 1, rows}, {tStripByteCounts, 4, count, 8}} {
		b = le.AppendUint16(b, uint16(e[0]))
		b = le.AppendUint16(b, uint16(e[1]))
		b = le.AppendUint32(b, e[2])
		b = le.AppendUint32(b, e[3])
	}
	return le.AppendUint32(b, 0)
}

// tinyHEIF is a HEIC's boxes without any coded data: a primary item of
// w×h, or a grid of w×h made of tiles of tw×th.
func tinyHEIF(w, h uint32, tiles int, tw, th uint32) []byte {
	be := binary.BigEndian
	box := func(typ string, body ...[]byte) []byte {
		n := 8
		for _, p := range body {
			n += len(p)
		}
		out := append(be.AppendUint32(nil, uint32(n)), typ...)
		for _, p := range body {
			out = append(out, p...)
		}
		return out
	}
	full := func(typ string, body ...[]byte) []byte { return box(typ, append([][]byte{{0, 0, 0, 0}}, body...)...) }
	ispe := func(w, h uint32) []byte { return full("ispe", be.AppendUint32(be.AppendUint32(nil, w), h)) }
	infe := func(id uint16, typ string) []byte {
		return box("infe", append([]byte{2, 0, 0, 0, byte(id >> 8), byte(id), 0, 0}, append([]byte(typ), 0)...))
	}
	primary := "hvc1"
	if tiles > 0 {
		primary = "grid"
	}
	iinf := full("iinf", []byte{0, 2}, infe(1, primary), infe(2, "hvc1"))
	ipma := full("ipma", []byte{0, 0, 0, 2, 0, 1, 1, 0x01, 0, 2, 1, 0x02})
	var iref []byte
	if tiles > 0 {
		refs := []byte{0, 1, byte(tiles >> 8), byte(tiles)}
		for i := range tiles {
			refs = be.AppendUint16(refs, uint16(2+i))
		}
		iref = full("iref", box("dimg", refs))
	}
	meta := full("meta", box("hdlr", make([]byte, 8), []byte("pict"), make([]byte, 13)), full("pitm", []byte{0, 1}),
		iinf, iref, box("iprp", box("ipco", ispe(w, h), ispe(tw, th)), ipma))
	return append(box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic")), meta...)
}

// TestTinyBombs: a few hundred bytes claiming a huge picture, or lists
// and tiles that would take gigabytes, are refused by the gate, and by
// Decode, before anything their size is allocated.
func TestTinyBombs(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		limit string // the LimitError expected, else a CorruptError
	}{
		{"tiff claiming 65000²", tinyTIFF(65000, 65000, 65000, 0), "pixels"},
		{"tiff claiming a billion strips", tinyTIFF(1000, 1000, 1, 1<<30), ""},
		{"tiff strip lists beyond the file", tinyTIFF(4000, 4000, 1, 0), ""},
		{"heic ispe 65535²", tinyHEIF(65535, 65535, 0, 0, 0), "pixels"},
		{"heic ispe 2³⁰ wide", tinyHEIF(1<<30, 1, 0, 0, 0), "pixels"},
		{"heic ispe 2³⁰ tall", tinyHEIF(1, 1<<30, 0, 0, 0), "pixels"},
		{"heic grid of 10000 tiles", tinyHEIF(6400, 6400, 10000, 64, 64), ""},
		{"heic grid of huge tiles behind a small size", tinyHEIF(512, 512, 4, 60000, 60000), ""},
		{"bmp claiming 65500²", bmpHead(65500, 65500), "pixels"},
		{"bmp claiming 7000×7000 in 54 bytes", bmpHead(7000, 7000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for step, f := range map[string]func() error{
				"Inspect": func() error { _, err := Inspect(tt.data, DefaultLimits); return err },
				"Decode":  func() error { _, _, err := Decode(tt.data, DefaultLimits); return err },
			} {
				var err error
				alloc := allocated(func() { err = f() })
				var le *LimitError
				var ce *CorruptError
				switch {
				case tt.limit != "" && (!errors.As(err, &le) || le.What != tt.limit):
					t.Errorf("%s: %v, want a %s LimitError", step, err, tt.limit)
				case tt.limit == "" && !errors.As(err, &ce):
					t.Errorf("%s: %v, want a CorruptError", step, err)
				}
				if alloc > 256<<10 {
					t.Errorf("%s allocated %d bytes for a %d-byte file", step, alloc, len(tt.data))
				}
			}
		})
	}
}

// TestHEIFOrientationTable: the table composes; the AVIF test checks each
// entry against real files turned by imaging.
func TestHEIFOrientationTable(t *testing.T) {
	seen := map[int]bool{}
	for rot := range 4 {
		for mir := -1; mir <= 1; mir++ {
			o := heifOrientation(rot, mir)
			if o < 1 || o > 8 {
				t.Fatalf("irot %d imir %d: %d", rot, mir, o)
			}
			seen[o] = true
		}
	}
	if len(seen) != 8 {
		t.Errorf("only %d orientations reached", len(seen))
	}
}

// TestTinyBombEdges pins the bomb checks' bounds: what just fits passes
// the gate, one short is refused.
func TestTinyBombEdges(t *testing.T) {
	// A 3×3 24-bit BMP: rows of 9 bytes padded to 12, the last row's
	// padding may be missing: 54 + 2×12 + 9 bytes.
	bmp := append(bmpHead(3, 3), make([]byte, 33)...)
	// A grid's tiles may hold up to (w+tw)×(h+th) pixels: 16 tiles of 256²
	// for 768², at most.
	grid := func(tiles int) []byte { return tinyHEIF(768, 768, tiles, 256, 256) }
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"bmp whole", bmp, true},
		{"bmp one byte short", bmp[:len(bmp)-1], false},
		{"bmp run-length: rows unknown", func() []byte {
			b := bmpHead(3, 2)
			binary.LittleEndian.PutUint16(b[28:], 8)
			binary.LittleEndian.PutUint32(b[30:], bmpRLE8)
			binary.LittleEndian.PutUint32(b[10:], 54+1024)
			return append(b, make([]byte, 1024)...)
		}(), true},
		{"tiff one strip list entry a strip", tinyTIFF(100, 100, 25, 4), true},
		{"tiff one entry short", tinyTIFF(100, 100, 25, 3), false},
		{"tiff one entry over", tinyTIFF(100, 100, 25, 5), false},
		{"tiff RowsPerStrip 0: one strip", tinyTIFF(8, 8, 0, 1), true},
		{"tiff a strip list longer than the file", tinyTIFF(8, 100, 1, 0), false},
		{"heic grid at the most", grid(16), true},
		{"heic grid a tile over", grid(17), false},
		{"heic grid of 1024 tiles", tinyHEIF(32*64, 32*64, 1024, 64, 64), true},
		{"heic grid of 1025 tiles", tinyHEIF(32*64, 32*64+64, 1025, 64, 64), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Inspect(tt.data, DefaultLimits)
			if (err == nil) != tt.ok {
				t.Errorf("Inspect: %v, want accepted %v", err, tt.ok)
			}
		})
	}
}

// TestBMPHeaderEdges: headers cut or empty are damaged files, not limits,
// and never a panic.
func TestBMPHeaderEdges(t *testing.T) {
	zeroWide := bmpHead(0, 10)
	zeroTall := bmpHead(10, 0)
	for name, data := range map[string][]byte{
		"cut in the DIB header": bmpHead(3, 2)[:14+40-1],
		"no width":              append(zeroWide, make([]byte, 64)...),
		"no height":             append(zeroTall, make([]byte, 64)...),
		"18 bytes":              bmpHead(3, 2)[:18],
	} {
		t.Run(name, func(t *testing.T) {
			var ce *CorruptError
			if _, err := Inspect(data, DefaultLimits); !errors.As(err, &ce) {
				t.Errorf("Inspect: %v, want a CorruptError", err)
			}
		})
	}
}

// TestGateReads: the file-size limit is inclusive; a header in the first
// headBytes is read from them alone, however large the file; one that runs
// past them (a huge EXIF or profile) is read whole; a GIF without width is
// damaged, not a shape.
func TestGateReads(t *testing.T) {
	photo := encJPEG(blocks(4, 3, 8), 80)
	lim := DefaultLimits
	lim.MaxFileBytes = int64(len(photo))
	if _, err := Inspect(photo, lim); err != nil {
		t.Errorf("a file of exactly the limit: %v", err)
	}
	lim.MaxFileBytes--
	var le *LimitError
	if _, err := Inspect(photo, lim); !errors.As(err, &le) || le.What != "file size" {
		t.Errorf("a byte over the limit: %v", err)
	}

	big := &sparse{size: 20 << 20, parts: map[int64][]byte{0: photo}}
	if _, err := InspectAt(big, big.size, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	if big.read > headBytes+SniffBytes {
		t.Errorf("the gate read %d bytes of a 20 MB JPEG whose header is in its first %d", big.read, len(photo))
	}

	app := make([]byte, headBytes) // an APP15 segment a quarter of a megabyte long
	longHead := withSegments(photo, segment(0xEF, app[:60000]), segment(0xEF, app[:60000]), segment(0xEF, app[:60000]),
		segment(0xEF, app[:60000]), segment(0xEF, app[:60000]))
	if info, err := Inspect(longHead, DefaultLimits); err != nil || info.Width != 32 {
		t.Errorf("a header past the first %d bytes: %+v, %v", headBytes, info, err)
	}

	gif := []byte("GIF89a\x00\x00\x0a\x00\x00\x00\x00;")
	var ce *CorruptError
	if _, err := Inspect(gif, DefaultLimits); !errors.As(err, &ce) {
		t.Errorf("a GIF 0 pixels wide: %v, want a CorruptError", err)
	}
}

// TestReadAtBounds: an empty file is no image (not a damaged one), and a
// part claimed past the end of the file is refused before it is allocated.
func TestReadAtBounds(t *testing.T) {
	if _, err := Inspect(nil, DefaultLimits); !errors.Is(err, ErrNotImage) {
		t.Errorf("an empty file: %v, want ErrNotImage", err)
	}
	f := bytes.NewReader(make([]byte, 1000))
	var err error
	alloc := allocated(func() { _, err = readAt(f, 1000, 500, 4<<20, TIFF) })
	var ce *CorruptError
	if !errors.As(err, &ce) || alloc > 64<<10 {
		t.Errorf("4 MB at 500 of a 1000-byte file: %v, %d bytes allocated", err, alloc)
	}
}

// TestLimitsInclusive: a file or picture at each limit passes, one over
// does not.
func TestLimitsInclusive(t *testing.T) {
	if err := CheckFileSize(DefaultLimits.FileBytes(""), DefaultLimits); err != nil {
		t.Errorf("a file of the most any format may weigh: %v", err)
	}
	photo := encPNG(blocks(4, 3, 8)) // 32×24
	thin := encPNG(image.NewNRGBA(image.Rect(0, 0, 64, 2)))
	for _, tt := range []struct {
		name string
		data []byte
		set  func(*Limits, int)
		at   int
	}{
		{"pixels", photo, func(l *Limits, v int) { l.MaxPixels = int64(v) }, 32 * 24},
		{"side", photo, func(l *Limits, v int) { l.MaxSide = v }, 32},
		{"aspect", thin, func(l *Limits, v int) { l.MaxAspect = v }, 32},
	} {
		lim := DefaultLimits
		tt.set(&lim, tt.at)
		if _, err := Inspect(tt.data, lim); err != nil {
			t.Errorf("%s at the limit: %v", tt.name, err)
		}
		tt.set(&lim, tt.at-1)
		var le *LimitError
		if _, err := Inspect(tt.data, lim); !errors.As(err, &le) || le.What != tt.name {
			t.Errorf("%s over the limit: %v", tt.name, err)
		}
	}
}

// TestHEIFBrandEdges: an ftyp box of 16 bytes (no compatible brands) and a
// compatible brand in its last 4 bytes are read.
func TestHEIFBrandEdges(t *testing.T) {
	ftyp := func(major string, compatible ...string) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(16+4*len(compatible)))
		b = append(b, "ftyp"+major+"\x00\x00\x00\x00"...)
		for _, c := range compatible {
			b = append(b, c...)
		}
		return b
	}
	for _, tt := range []struct {
		head []byte
		want Format
	}{
		{ftyp("heic"), HEIC},
		{ftyp("abcd", "mif1", "avif"), AVIF},
		{ftyp("abcd", "heic"), HEIC},
	} {
		if got, err := Sniff(tt.head); got != tt.want || err != nil {
			t.Errorf("Sniff(%q) = %q, %v; want %q", tt.head, got, err, tt.want)
		}
	}
}

// TestAspectRatioSaid: the ratio a refusal gives is rounded up.
func TestAspectRatioSaid(t *testing.T) {
	lim := DefaultLimits
	lim.MaxAspect = 30
	var le *LimitError
	if _, err := Inspect(encPNG(image.NewNRGBA(image.Rect(0, 0, 63, 2))), lim); !errors.As(err, &le) || le.Got != 32 {
		t.Errorf("63×2: %v (Got %d), want a ratio of 32", err, le.Got)
	}
}

// TestDecodeBeyondHead: a photo larger than the part the gate reads
// decodes whole.
func TestDecodeBeyondHead(t *testing.T) {
	noise := image.NewRGBA(image.Rect(0, 0, 500, 500))
	for i := range noise.Pix {
		noise.Pix[i] = byte(i * 2654435761 >> 13)
	}
	data := encJPEG(noise, 100)
	if len(data) <= headBytes {
		t.Fatalf("the test JPEG is only %d bytes", len(data))
	}
	if _, _, err := DecodeStoredAt(bytes.NewReader(data), int64(len(data)), DefaultLimits); err != nil {
		t.Error(err)
	}
}

// TestBoxEdges: empty boxes, with a 32-bit or a 64-bit size, are boxes.
func TestBoxEdges(t *testing.T) {
	empty := []byte("\x00\x00\x00\x08free")
	large := []byte("\x00\x00\x00\x01skip\x00\x00\x00\x00\x00\x00\x00\x10")
	for _, b := range [][]byte{empty, large, append(append([]byte(nil), empty...), large...)} {
		bs, err := boxes(b)
		if err != nil || len(bs) == 0 || len(bs[0].body) != 0 {
			t.Errorf("boxes(%q) = %+v, %v", b, bs, err)
		}
	}
	if _, err := boxes(empty[:7]); err == nil {
		t.Error("a box header of 7 bytes read")
	}
}

// TestTopBoxes: the walk over a HEIF's top-level boxes reads an empty box
// at the very end, stops once it has meta and moov (what follows is not
// read), and refuses a box running past the end of the file.
func TestTopBoxes(t *testing.T) {
	heic := tinyHEIF(64, 48, 0, 0, 0)
	box := func(size uint32, typ string) []byte { return append(binary.BigEndian.AppendUint32(nil, size), typ...) }
	for _, tt := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"an empty box last", append(append([]byte(nil), heic...), box(8, "free")...), true},
		{"garbage after meta and moov", append(append(append([]byte(nil), heic...), box(8, "moov")...), box(1000, "junk")...), true},
		{"a box past the end", append(append([]byte(nil), heic...), box(100, "mdat")...), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Inspect(tt.data, DefaultLimits); (err == nil) != tt.ok {
				t.Errorf("Inspect: %v, want accepted %v", err, tt.ok)
			}
		})
	}
}

// TestDimg: a grid's tile list, read to its count and no further, and a
// cut one without a panic.
func TestDimg(t *testing.T) {
	iref := func(refs ...byte) []byte { return append([]byte{0, 0, 0, 0}, appendBox(nil, "dimg", refs)...) }
	for _, tt := range []struct {
		name string
		iref []byte
		want []uint32
	}{
		{"two of two", iref(0, 1, 0, 2, 0, 7, 0, 9), []uint32{7, 9}},
		{"one of two listed", iref(0, 1, 0, 1, 0, 7, 0, 9), []uint32{7}},
		{"cut after the item", iref(0, 1), nil},
		{"another item's", iref(0, 2, 0, 1, 0, 7), nil},
	} {
		if got := dimg(tt.iref, 1); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestItemProperties: ipma in both versions and both index sizes, empty,
// with several entries, up to the last property of ipco.
func TestItemProperties(t *testing.T) {
	ipco := appendBox(appendBox(appendBox(nil, "ispe", []byte{1}), "irot", []byte{2}), "imir", []byte{3})
	iprp := func(version, flags byte, entries ...byte) []byte {
		count := byte(0)
		for i := 0; i < len(entries); count++ {
			id := 2
			if version > 0 {
				id = 4
			}
			n := int(entries[i+id])
			if flags&1 != 0 {
				n *= 2
			}
			i += id + 1 + n
		}
		body := append([]byte{version, 0, 0, flags, 0, 0, 0, count}, entries...)
		return appendBox(appendBox(nil, "ipco", ipco), "ipma", body)
	}
	for _, tt := range []struct {
		name string
		iprp []byte
		want string // the types found for item 1
	}{
		{"no entries", iprp(0, 0), ""},
		{"an item without properties", iprp(0, 0, 0, 1, 0), ""},
		{"v0, 7-bit indices, the last property", iprp(0, 0, 0, 1, 2, 0x81, 0x83), "ispe imir"},
		{"v1, 32-bit item", iprp(1, 0, 0, 0, 0, 1, 1, 0x82), "irot"},
		{"15-bit indices", iprp(0, 1, 0, 1, 2, 0x80, 0x02, 0x00, 0x03), "irot imir"},
		{"the second entry", iprp(0, 1, 0, 2, 1, 0x00, 0x01, 0, 1, 1, 0x80, 0x03), "imir"},
		{"past the last property", iprp(0, 0, 0, 1, 1, 0x84), ""},
	} {
		props, err := itemProperties(tt.iprp, 1)
		var types []string
		for _, p := range props {
			types = append(types, p.typ)
		}
		if got := strings.Join(types, " "); err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	// A clean aperture of exactly its 32 bytes: the middle 2×2 of 4×4.
	clap := make([]byte, 32)
	for i, v := range []uint32{2, 1, 2, 1, 0, 1, 0, 1} {
		binary.BigEndian.PutUint32(clap[4*i:], v)
	}
	if r, err := cleanAperture(clap, 4, 4); err != nil || r != image.Rect(1, 1, 3, 3) {
		t.Errorf("cleanAperture = %v, %v", r, err)
	}
}
