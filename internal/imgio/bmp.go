package imgio

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"math/bits"

	"golang.org/x/image/bmp"

	"picmark/internal/msg"
)

// BMP, every header version: OS/2's 12- and 16/64-byte ones, Windows'
// BITMAPINFOHEADER (40) and its V2 (52), V3 (56), V4 (108) and V5 (124)
// extensions. The header gives the size before any pixel.

// bmpHeader is what a BMP's headers say.
type bmpHeader struct {
	dib           uint32 // the DIB header's size: its version
	offset        int64  // where the pixels start
	width, height int
	topDown       bool
	bpp           int
	compression   uint32 // 0 none, 1 RLE8, 2 RLE4, 3 and 6 bit fields
	masks         [4]uint32
	palette       [][3]byte
}

const (
	bmpRGB       = 0
	bmpRLE8      = 1
	bmpRLE4      = 2
	bmpBitFields = 3
	bmpAlphaBits = 6
)

func bmpHeaderSize(n uint32) bool {
	switch n {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// inspectBMP reads a BMP's file and DIB headers, its bit masks and its
// palette (at most 256 colours), and a V5 header's embedded profile.
func inspectBMP(r io.ReaderAt, size int64) (*bmpHeader, Info, error) {
	fail := func(err error) (*bmpHeader, Info, error) {
		var ce *CorruptError
		var re *ReadError
		if !errors.As(err, &ce) && !errors.As(err, &re) {
			err = &CorruptError{Format: BMP, Err: err}
		}
		return nil, Info{}, err
	}
	b, err := readAt(r, size, 0, min(size, 14+124+16), BMP)
	if err != nil || len(b) < 18 {
		return fail(cmpErr(err, io.ErrUnexpectedEOF))
	}
	le := binary.LittleEndian
	h := &bmpHeader{dib: le.Uint32(b[14:]), offset: int64(le.Uint32(b[10:]))}
	if !bmpHeaderSize(h.dib) || len(b) < 14+int(h.dib) {
		return fail(io.ErrUnexpectedEOF)
	}
	d := b[14:]
	var planes int
	if h.dib == 12 {
		h.width, h.height = int(le.Uint16(d[4:])), int(int16(le.Uint16(d[6:])))
		planes, h.bpp = int(le.Uint16(d[8:])), int(le.Uint16(d[10:]))
	} else {
		h.width, h.height = int(int32(le.Uint32(d[4:]))), int(int32(le.Uint32(d[8:])))
		planes, h.bpp = int(le.Uint16(d[12:])), int(le.Uint16(d[14:]))
		if h.dib >= 20 {
			h.compression = le.Uint32(d[16:])
		}
	}
	if h.height < 0 {
		h.height, h.topDown = -h.height, true
	}
	if h.width <= 0 || h.height <= 0 {
		return fail(errors.New("no pixels"))
	}
	if planes != 1 {
		return fail(fmt.Errorf("%d planes", planes))
	}
	if err := h.checkKind(); err != nil {
		return fail(err)
	}
	// Bit masks: in the V2+ header, or right after a 40-byte one.
	if h.compression == bmpBitFields || h.compression == bmpAlphaBits {
		m := d[40:]
		if h.dib == 40 {
			n := int64(12)
			if h.compression == bmpAlphaBits {
				n = 16
			}
			if m, err = readAt(r, size, 14+40, n, BMP); err != nil {
				return fail(err)
			}
			m = append(m, 0, 0, 0, 0)
		}
		for i := range 4 {
			if i < 3 || h.dib >= 56 || h.compression == bmpAlphaBits {
				h.masks[i] = le.Uint32(m[4*i:])
			}
		}
	}
	if h.bpp <= 8 {
		if err := h.readPalette(r, size, d); err != nil {
			return fail(err)
		}
	}
	info := Info{Format: BMP, Width: h.width, Height: h.height, Orientation: 1}
	// A V5 header may embed an ICC profile ("MBED"), its offset counted
	// from the DIB header.
	if h.dib == 124 && string(d[56:60]) == "DEBM" {
		off, n := int64(le.Uint32(d[112:])), int64(le.Uint32(d[116:]))
		switch icc, err := readAt(r, size, 14+off, n, BMP); {
		case n > maxICC:
			setProfile(nil, msg.ProfileTooLarge, 3, &info)
		case err != nil:
			setProfile(nil, msg.ProfileIncomplete, 3, &info)
		default:
			setProfile(icc, "", 3, &info)
		}
	}
	return h, info, nil
}

// checkData refuses an uncompressed BMP whose file is too short for the
// rows its header claims (the last row's padding may be missing): the gate
// runs it once the size is within the limits, so that a 54-byte file
// claiming 7000×7000 allocates nothing.
func (h *bmpHeader) checkData(size int64) error {
	if h.compression == bmpRLE8 || h.compression == bmpRLE4 {
		return nil // compressed: the rows' length is not known before decoding
	}
	row := (int64(h.width)*int64(h.bpp) + 7) / 8
	stride := (row + 3) &^ 3
	if need := h.offset + stride*int64(h.height-1) + row; size < need {
		return fmt.Errorf("%d bytes for %d: %w", size, need, io.ErrUnexpectedEOF)
	}
	return nil
}

func cmpErr(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

// checkKind refuses what the decoder cannot read: JPEG or PNG inside a
// BMP, OS/2's Huffman and 24-bit RLE, odd depths.
func (h *bmpHeader) checkKind() error {
	switch h.compression {
	case bmpRGB:
		switch h.bpp {
		case 1, 2, 4, 8, 16, 24, 32:
			return nil
		}
	case bmpRLE8:
		if h.bpp == 8 && !h.topDown {
			return nil
		}
	case bmpRLE4:
		if h.bpp == 4 && !h.topDown {
			return nil
		}
	case bmpBitFields, bmpAlphaBits:
		if (h.bpp == 16 || h.bpp == 32) && h.dib != 12 && h.dib != 16 && h.dib != 64 {
			return nil
		}
	}
	return unsupported(fmt.Sprintf("BMP compression %d at %d bits", h.compression, h.bpp))
}

// readPalette reads the colours after the headers: 3 bytes each in OS/2's
// 12-byte version, 4 in the others.
func (h *bmpHeader) readPalette(r io.ReaderAt, size int64, d []byte) error {
	n := 1 << h.bpp
	if h.dib >= 40 {
		if used := binary.LittleEndian.Uint32(d[32:]); used > 0 && used < uint32(n) {
			n = int(used)
		}
	}
	entry := int64(4)
	if h.dib == 12 {
		entry = 3
	}
	// No bit masks come before a palette: checkKind allows them at 16 and
	// 32 bits only.
	p, err := readAt(r, size, 14+int64(h.dib), int64(n)*entry, BMP)
	if err != nil {
		return err
	}
	h.palette = make([][3]byte, n)
	for i := range h.palette {
		e := p[int64(i)*entry:]
		h.palette[i] = [3]byte{e[2], e[1], e[0]}
	}
	return nil
}

// std reports whether golang.org/x/image/bmp reads this BMP as it is:
// uncompressed 1–8, 24 and 32 bits with a 40-, 108- or 124-byte header,
// the pixels right after the palette. It refuses the rest (OS/2 headers,
// V2 and V3, 16 bits, run-length and bit-field compression, a gap before
// the pixels), which decodeOwn reads.
func (h *bmpHeader) std() bool {
	if h.compression != bmpRGB || (h.dib != 40 && h.dib != 108 && h.dib != 124) {
		return false
	}
	switch h.bpp {
	case 1, 2, 4, 8:
		return h.offset == 14+int64(h.dib)+4*int64(len(h.palette))
	case 24:
		return h.offset == 14+int64(h.dib)
	case 32:
		// x/image/bmp takes the fourth byte as alpha with a V4 or V5
		// header; with no alpha mask it is padding.
		return h.offset == 14+int64(h.dib) && h.dib == 40
	}
	return false
}

func decodeBMP(r io.ReaderAt, size int64, h *bmpHeader) (image.Image, error) {
	if h.std() {
		return bmp.Decode(io.NewSectionReader(r, 0, size))
	}
	if h.offset < 14 || h.offset > size {
		return nil, io.ErrUnexpectedEOF
	}
	src := bufio.NewReaderSize(io.NewSectionReader(r, h.offset, size-h.offset), 1<<16)
	m := image.NewNRGBA(image.Rect(0, 0, h.width, h.height))
	var err error
	if h.compression == bmpRLE8 || h.compression == bmpRLE4 {
		err = h.rle(src, m)
	} else {
		err = h.rows(src, m)
	}
	return m, err
}

// rows reads uncompressed rows (each padded to 4 bytes), bottom-up unless
// the height was negative.
func (h *bmpHeader) rows(src io.Reader, m *image.NRGBA) error {
	row := make([]byte, (h.width*h.bpp+31)/32*4)
	masks := h.masks
	if h.compression == bmpRGB {
		switch h.bpp {
		case 16:
			masks = [4]uint32{0x7C00, 0x03E0, 0x001F, 0}
		case 32:
			masks = [4]uint32{0xFF0000, 0xFF00, 0xFF, 0}
		}
	}
	var shift, width [4]int
	for i, mk := range masks {
		shift[i], width[i] = bits.TrailingZeros32(mk), bits.OnesCount32(mk)
	}
	alpha := masks[3] != 0
	seen := false // any alpha but 0: else the mask is unused and the picture opaque
	for y := range h.height {
		if _, err := io.ReadFull(src, row); err != nil {
			return err
		}
		yy := h.height - 1 - y
		if h.topDown {
			yy = y
		}
		out := m.Pix[yy*m.Stride:]
		for x := range h.width {
			o := out[4*x : 4*x+4]
			o[3] = 255
			switch h.bpp {
			case 1, 2, 4, 8:
				bit := x * h.bpp
				i := int(row[bit/8]>>(8-h.bpp-bit%8)) & (1<<h.bpp - 1)
				if i < len(h.palette) {
					o[0], o[1], o[2] = h.palette[i][0], h.palette[i][1], h.palette[i][2]
				} else {
					o[0], o[1], o[2] = 0, 0, 0
				}
			case 24:
				o[0], o[1], o[2] = row[3*x+2], row[3*x+1], row[3*x]
			default:
				var v uint32
				if h.bpp == 16 {
					v = uint32(binary.LittleEndian.Uint16(row[2*x:]))
				} else {
					v = binary.LittleEndian.Uint32(row[4*x:])
				}
				for c := range 4 {
					if masks[c] != 0 {
						o[c] = scaleBits((v&masks[c])>>shift[c], width[c])
					}
				}
				seen = seen || (alpha && o[3] != 0)
			}
		}
	}
	if alpha && !seen {
		for i := 3; i < len(m.Pix); i += 4 {
			m.Pix[i] = 255
		}
	}
	return nil
}

// scaleBits stretches an n-bit value to 0–255.
func scaleBits(v uint32, n int) byte {
	switch {
	case n <= 0:
		return 0
	case n >= 8:
		return byte(v >> (n - 8))
	}
	return byte(v * 255 / (1<<n - 1))
}

// rle reads run-length rows (RLE8 or RLE4). Pixels the runs skip stay
// transparent, as browsers show them.
func (h *bmpHeader) rle(src *bufio.Reader, m *image.NRGBA) error {
	x, y := 0, 0
	put := func(i byte) {
		if x < h.width && y < h.height {
			o := m.Pix[(h.height-1-y)*m.Stride+4*x:]
			c := [3]byte{}
			if int(i) < len(h.palette) {
				c = h.palette[i]
			}
			o[0], o[1], o[2], o[3] = c[0], c[1], c[2], 255
		}
		x++
	}
	four := h.compression == bmpRLE4
	for {
		n, err := src.ReadByte()
		if err != nil {
			return io.ErrUnexpectedEOF
		}
		v, err := src.ReadByte()
		if err != nil {
			return io.ErrUnexpectedEOF
		}
		if n > 0 { // a run of n pixels; those past the row cost nothing
			k := min(int(n), max(0, h.width-x))
			for i := range k {
				switch {
				case !four:
					put(v)
				case i%2 == 0:
					put(v >> 4)
				default:
					put(v & 15)
				}
			}
			x += int(n) - k
			continue
		}
		switch v {
		case 0: // end of line
			x, y = 0, y+1
		case 1: // end of picture
			return nil
		case 2: // move
			dx, e1 := src.ReadByte()
			dy, e2 := src.ReadByte()
			if e1 != nil || e2 != nil {
				return io.ErrUnexpectedEOF
			}
			x, y = x+int(dx), y+int(dy)
		default: // v pixels as they are, padded to 2 bytes
			count := int(v)
			nbytes := count
			if four {
				nbytes = (count + 1) / 2
			}
			buf := make([]byte, nbytes+nbytes%2)
			if _, err := io.ReadFull(src, buf); err != nil {
				return io.ErrUnexpectedEOF
			}
			for i := range count {
				switch {
				case !four:
					put(buf[i])
				case i%2 == 0:
					put(buf[i/2] >> 4)
				default:
					put(buf[i/2] & 15)
				}
			}
		}
		if y >= h.height {
			return nil
		}
	}
}
