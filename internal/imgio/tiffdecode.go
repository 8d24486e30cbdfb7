package imgio

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"image"
	"image/draw"
	"image/jpeg"
	"io"
	"slices"

	"golang.org/x/image/tiff"
	"golang.org/x/image/tiff/lzw"
)

// decodeTIFF decodes the first page of a TIFF from r. golang.org/x/image/tiff
// reads the common kinds (see tiffDir.std). It falls short, measured on
// files made by libtiff's tools and ImageMagick, on CMYK, JPEG-in-TIFF,
// 2- and 4-bit samples, grey with alpha, planes and BigTIFF, which it
// refuses, and on 16-bit samples, which it keeps as 16-bit: a 50 MP 16-bit
// RGBA TIFF then takes 400 MB besides the file, past a browser worker's
// means. No maintained Go module covers these, so decodeOwn does, writing
// 8-bit pixels a row at a time from the compressed strips: a page never
// needs more than its 8-bit pixels and one row in memory.
func decodeTIFF(r io.ReaderAt, size int64, d *tiffDir) (image.Image, error) {
	if d.std() {
		return tiff.Decode(io.NewSectionReader(r, 0, size))
	}
	return d.decodeOwn()
}

// decodeOwn is the decoder for what x/image/tiff does not read.
func (d *tiffDir) decodeOwn() (image.Image, error) {
	bw, bh, across, down, planes := d.layout()
	perPlane := across * down
	offsets, counts, err := d.blocks(perPlane * planes)
	if err != nil {
		return nil, err
	}
	out := d.newOutput()
	px := d.pixelWriter(out)
	samples := make([]byte, bw*d.spp) // one row, 8 bits a sample, interleaved
	for j := range down {
		for i := range across {
			x0, y0 := i*bw, j*bh
			rows := bh
			if d.tileW == 0 {
				rows = min(bh, d.height-y0)
			}
			visible := image.Rect(x0, y0, x0+bw, y0+rows).Intersect(out.Bounds())
			if d.compression == 7 {
				k := j*across + i
				if err := d.jpegBlock(out, visible, offsets[k], counts[k]); err != nil {
					return nil, err
				}
				continue
			}
			readers := make([]io.Reader, planes)
			rowBytes := (bw*d.bps*(d.spp/planes) + 7) / 8
			for p := range planes {
				k := p*perPlane + j*across + i
				if readers[p], err = d.blockReader(offsets[k], counts[k]); err != nil {
					return nil, err
				}
			}
			raw := make([]byte, rowBytes)
			for y := range rows {
				for p, rd := range readers {
					if _, err := io.ReadFull(rd, raw); err != nil {
						return nil, err
					}
					d.unpredict(raw, d.spp/planes)
					d.unpack(raw, samples, bw, p, planes)
				}
				if y0+y < visible.Max.Y {
					px(samples, x0, y0+y, visible.Dx())
				}
			}
		}
	}
	return out, nil
}

// blockReader gives the decompressed bytes of one strip or tile.
func (d *tiffDir) blockReader(off, n uint64) (io.Reader, error) {
	if off > uint64(d.size) || n > uint64(d.size)-off {
		return nil, io.ErrUnexpectedEOF
	}
	src := bufio.NewReaderSize(io.NewSectionReader(d.r, int64(off), int64(n)), int(min(n+1, 1<<20)))
	switch d.compression {
	case 5:
		return lzw.NewReader(src, lzw.MSB, 8), nil
	case 8, 32946:
		return zlib.NewReader(src)
	case 32773:
		return &packBits{r: src}, nil
	}
	return src, nil
}

// packBits reads PackBits runs (Apple's run-length code; TIFF 6.0 §9).
type packBits struct {
	r   *bufio.Reader
	run int  // bytes left in the current run
	lit bool // the run is literal bytes (else one byte repeated)
	b   byte
}

func (p *packBits) Read(out []byte) (int, error) {
	n := 0
	for n < len(out) {
		if p.run == 0 {
			c, err := p.r.ReadByte()
			if err != nil {
				if n > 0 {
					return n, nil
				}
				return 0, err
			}
			// Ifs, not a switch: gremlins can tell which tests reach them
			// (see docs/mutants.md, gremlins#298).
			h := int8(c)
			if h >= 0 {
				p.run, p.lit = int(h)+1, true
			} else if h != -128 { // -128 is a no-op
				if p.b, err = p.r.ReadByte(); err != nil {
					return n, io.ErrUnexpectedEOF
				}
				p.run, p.lit = 1-int(h), false
			}
			continue
		}
		k := min(p.run, len(out)-n)
		if p.lit {
			if _, err := io.ReadFull(p.r, out[n:n+k]); err != nil {
				return n, io.ErrUnexpectedEOF
			}
		} else {
			for i := range k {
				out[n+i] = p.b
			}
		}
		n, p.run = n+k, p.run-k
	}
	return n, nil
}

// unpredict undoes horizontal differencing (Predictor 2) in one row of
// stride samples a pixel.
func (d *tiffDir) unpredict(row []byte, stride int) {
	if d.predictor != 2 {
		return
	}
	if d.bps == 8 {
		for i := stride; i < len(row); i++ {
			row[i] += row[i-stride]
		}
		return
	}
	for i := 2 * stride; i+1 < len(row); i += 2 {
		v := d.bo.Uint16(row[i:]) + d.bo.Uint16(row[i-2*stride:])
		d.bo.PutUint16(row[i:], v)
	}
}

// unpack writes a row's samples of plane p (of planes) as 8-bit values
// into samples, interleaved: 16-bit ones rounded, 1- 2- and 4-bit ones
// stretched to 0–255 (palette indexes kept).
func (d *tiffDir) unpack(raw, samples []byte, width, p, planes int) {
	per := d.spp / planes // samples a pixel in this plane
	n := width * per
	for i := range n {
		var v byte
		switch d.bps {
		case 8:
			v = raw[i]
		case 16:
			v = byte((uint32(d.bo.Uint16(raw[2*i:]))*255 + 32767) / 65535)
		default:
			bit := i * d.bps
			s := raw[bit/8] >> (8 - d.bps - bit%8) & (1<<d.bps - 1)
			if d.photometric == 3 {
				v = s
			} else {
				v = byte(int(s) * 255 / (1<<d.bps - 1))
			}
		}
		samples[(i/per)*d.spp+p+i%per] = v
	}
}

// newOutput makes the page's pixels: grey without alpha as *image.Gray,
// CMYK as *image.CMYK (DecodeStored turns it into sRGB by the file's
// profile), straight alpha as *image.NRGBA, the rest as *image.RGBA
// (premultiplied alpha as it is stored).
func (d *tiffDir) newOutput() draw.Image {
	r := image.Rect(0, 0, d.width, d.height)
	switch {
	case (d.photometric == 0 || d.photometric == 1) && d.alpha == 0:
		return image.NewGray(r)
	case d.photometric == 5:
		return image.NewCMYK(r)
	case d.alpha == 2:
		return image.NewNRGBA(r)
	}
	return image.NewRGBA(r)
}

// pixelWriter returns what turns n pixels of 8-bit samples into out's
// pixels at (x, y).
func (d *tiffDir) pixelWriter(out draw.Image) func(s []byte, x, y, n int) {
	spp := d.spp
	if g, ok := out.(*image.Gray); ok {
		invert := d.photometric == 0
		return func(s []byte, x, y, n int) {
			row := g.Pix[g.PixOffset(x, y):]
			for i := range n {
				v := s[i*spp]
				if invert {
					v = 255 - v
				}
				row[i] = v
			}
		}
	}
	var pix []byte
	var stride int
	switch m := out.(type) {
	case *image.RGBA:
		pix, stride = m.Pix, m.Stride
	case *image.NRGBA:
		pix, stride = m.Pix, m.Stride
	case *image.CMYK:
		pix, stride = m.Pix, m.Stride
		return func(s []byte, x, y, n int) {
			row := pix[y*stride+4*x:]
			for i := range n {
				copy(row[4*i:4*i+4], s[i*spp:i*spp+4])
			}
		}
	}
	pal := len(d.colormap) / 3
	return func(s []byte, x, y, n int) {
		row := pix[y*stride+4*x:]
		for i := range n {
			p, o := s[i*spp:], row[4*i:4*i+4]
			a := byte(255)
			switch d.photometric {
			case 0, 1:
				g := p[0]
				if d.photometric == 0 {
					g = 255 - g
				}
				o[0], o[1], o[2] = g, g, g
				if d.alpha != 0 {
					a = p[1]
				}
			case 2:
				o[0], o[1], o[2] = p[0], p[1], p[2]
				if d.alpha != 0 {
					a = p[3]
				}
			case 3:
				k := int(p[0])
				o[0], o[1], o[2] = byte(d.colormap[k]>>8), byte(d.colormap[pal+k]>>8), byte(d.colormap[2*pal+k]>>8)
			}
			o[3] = a
		}
	}
}

// adobeCMYK is an APP14 "Adobe" segment saying the components are CMYK
// (version 100, no flags, transform 0).
var adobeCMYK = []byte{0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}

// jpegBlock decodes one JPEG strip or tile (Compression 7) into out at r:
// the file's shared tables (JPEGTables) go before the block's own stream.
func (d *tiffDir) jpegBlock(out draw.Image, r image.Rectangle, off, n uint64) error {
	if off > uint64(d.size) || n > uint64(d.size)-off {
		return io.ErrUnexpectedEOF
	}
	b, err := readAt(d.r, d.size, int64(off), int64(n), TIFF)
	if err != nil {
		return err
	}
	if t := d.jpegTables; len(t) > 4 && bytes.HasPrefix(b, []byte{0xFF, 0xD8}) && bytes.HasSuffix(t, []byte{0xFF, 0xD9}) {
		b = append(t[:len(t)-2:len(t)-2], b[2:]...)
	}
	if d.photometric == 5 && len(b) > 2 {
		// libtiff writes CMYK blocks without the Adobe segment Go's decoder
		// needs to read four components: one goes first, and a block's own,
		// later in the stream, still wins.
		b = slices.Concat(b[:2], adobeCMYK, b[2:])
	}
	m, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		return err
	}
	if m.Bounds().Dx() < r.Dx() || m.Bounds().Dy() < r.Dy() {
		return errors.New("JPEG block smaller than its strip")
	}
	if c, ok := m.(*image.CMYK); ok && d.photometric == 5 {
		// Go's decoder inverts the samples, as Adobe stores them; libtiff,
		// and so every TIFF reader, shows them as they are stored.
		for i := range c.Pix {
			c.Pix[i] = 255 - c.Pix[i]
		}
		dst := out.(*image.CMYK)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			copy(dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()], c.Pix[(y-r.Min.Y)*c.Stride:])
		}
		return nil
	}
	if y, ok := m.(*image.YCbCr); ok {
		if rgb, ok := out.(*image.RGBA); ok && libjpegRGB(rgb, r, y) {
			return nil
		}
	}
	draw.Draw(out, r, m, m.Bounds().Min, draw.Src)
	return nil
}
