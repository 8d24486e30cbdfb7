package imgio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"picmark/internal/msg"
)

// TIFF's directory, read by seeking: a TIFF's first directory (IFD) may sit
// anywhere, often after 400 MB of pixels, so the gate reads the 8-byte
// header, then the directory where it points, then only the values of the
// tags it needs. Classic TIFF (II/MM, 42) and BigTIFF (43, 64-bit offsets)
// alike; every count and size is bounded before anything is read.

const (
	tNewSubfileType  = 254
	tWidth           = 256
	tHeight          = 257
	tBitsPerSample   = 258
	tCompression     = 259
	tPhotometric     = 262
	tFillOrder       = 266
	tStripOffsets    = 273
	tOrientation     = 274
	tSamplesPerPixel = 277
	tRowsPerStrip    = 278
	tStripByteCounts = 279
	tPlanar          = 284
	tPredictor       = 317
	tColorMap        = 320
	tTileWidth       = 322
	tTileLength      = 323
	tTileOffsets     = 324
	tTileByteCounts  = 325
	tInkSet          = 332
	tExtraSamples    = 338
	tSampleFormat    = 339
	tJPEGTables      = 347
	tICCProfile      = 34675
)

// maxTIFFEntries bounds a directory (real ones have 10–60 tags).
const maxTIFFEntries = 4096

// maxTIFFPages bounds the directories walked to tell a multi-page TIFF.
const maxTIFFPages = 8

// tiffEntry is one tag of a directory, its value not read yet.
type tiffEntry struct {
	typ   uint16
	count uint64
	field []byte // the value itself when it fits, else its offset
}

// tiffDir is a TIFF's first directory: the tags the decoder needs.
type tiffDir struct {
	bo                    binary.ByteOrder
	big                   bool
	width, height         int
	bps                   int // bits per sample (all samples alike)
	spp                   int // samples per pixel
	photometric           int
	compression           int
	planar                int // 1 chunky, 2 planes
	predictor             int
	alpha                 int // ExtraSamples of the first extra: 0 none, 1 premultiplied, 2 straight
	rowsPerStrip          int
	tileW, tileH          int // 0 for strips
	fillOrder             int
	entries               map[uint16]tiffEntry
	colormap              []uint16
	jpegTables            []byte
	offsetsTag, countsTag uint16
	r                     io.ReaderAt
	size                  int64
}

func tiffMagic(head []byte) bool {
	if len(head) < 4 {
		return false
	}
	switch string(head[:4]) {
	case "II*\x00", "MM\x00*", "II+\x00", "MM\x00+":
		return true
	}
	return false
}

// inspectTIFF reads the header and first directory of a TIFF.
func inspectTIFF(r io.ReaderAt, size int64) (*tiffDir, Info, error) {
	h, err := readAt(r, size, 0, min(size, 16), TIFF)
	if err != nil {
		return nil, Info{}, err
	}
	d := &tiffDir{r: r, size: size, bo: binary.ByteOrder(binary.LittleEndian)}
	if h[0] == 'M' {
		d.bo = binary.BigEndian
	}
	var first uint64
	switch {
	case d.bo.Uint16(h[2:]) == 42 && len(h) >= 8:
		first = uint64(d.bo.Uint32(h[4:]))
	case d.bo.Uint16(h[2:]) == 43 && len(h) >= 16 && d.bo.Uint16(h[4:]) == 8:
		d.big, first = true, d.bo.Uint64(h[8:])
	default:
		return nil, Info{}, &CorruptError{Format: TIFF, Err: errors.New("bad header")}
	}
	next, err := d.readDir(first)
	if err != nil {
		return nil, Info{}, err
	}
	info := Info{Format: TIFF, Orientation: 1}
	if err := d.parse(&info); err != nil {
		return nil, Info{}, &CorruptError{Format: TIFF, Err: err}
	}
	info.Width, info.Height = d.width, d.height
	if d.morePages(next) {
		info.noteOnce(msg.New(msg.FirstPage))
	}
	return d, info, nil
}

// readDir reads the directory at off into d.entries and returns the
// offset of the next one (0 at the end).
func (d *tiffDir) readDir(off uint64) (next uint64, err error) {
	entries, next, err := readTIFFDir(d.r, d.size, d.bo, d.big, off)
	d.entries = entries
	return next, err
}

func readTIFFDir(r io.ReaderAt, size int64, bo binary.ByteOrder, big bool, off uint64) (map[uint16]tiffEntry, uint64, error) {
	countLen, entryLen, nextLen := int64(2), int64(12), int64(4)
	if big {
		countLen, entryLen, nextLen = 8, 20, 8
	}
	if off < 8 || off > uint64(size) {
		return nil, 0, &CorruptError{Format: TIFF, Err: io.ErrUnexpectedEOF}
	}
	c, err := readAt(r, size, int64(off), countLen, TIFF)
	if err != nil {
		return nil, 0, err
	}
	n := uint64(bo.Uint16(c))
	if big {
		n = bo.Uint64(c)
	}
	if n == 0 || n > maxTIFFEntries {
		return nil, 0, &CorruptError{Format: TIFF, Err: fmt.Errorf("%d tags", n)}
	}
	b, err := readAt(r, size, int64(off)+countLen, int64(n)*entryLen+nextLen, TIFF)
	if err != nil {
		return nil, 0, err
	}
	entries := make(map[uint16]tiffEntry, n)
	for i := range int64(n) {
		e := b[i*entryLen : (i+1)*entryLen]
		t := tiffEntry{typ: bo.Uint16(e[2:])}
		if big {
			t.count, t.field = bo.Uint64(e[4:]), e[12:20]
		} else {
			t.count, t.field = uint64(bo.Uint32(e[4:])), e[8:12]
		}
		entries[bo.Uint16(e)] = t
	}
	tail := b[int64(n)*entryLen:]
	if big {
		return entries, bo.Uint64(tail), nil
	}
	return entries, uint64(bo.Uint32(tail)), nil
}

// tiffTypeSize is the size of one value of a TIFF field type; 0 unknown.
func tiffTypeSize(t uint16) uint64 {
	switch t {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11, 13:
		return 4
	case 5, 10, 12, 16, 17, 18:
		return 8
	}
	return 0
}

// raw returns the bytes of a tag's value, read from the file when it does
// not fit in the entry; at most limit bytes.
func (d *tiffDir) raw(tag uint16, limit uint64) ([]byte, bool, error) {
	e, ok := d.entries[tag]
	if !ok {
		return nil, false, nil
	}
	ts := tiffTypeSize(e.typ)
	if ts == 0 || e.count == 0 || e.count > limit/ts {
		return nil, true, fmt.Errorf("tag %d: %d values of type %d", tag, e.count, e.typ)
	}
	n := e.count * ts
	if n <= uint64(len(e.field)) {
		return e.field[:n], true, nil
	}
	off := uint64(d.bo.Uint32(e.field))
	if d.big {
		off = d.bo.Uint64(e.field)
	}
	if off > uint64(d.size) {
		return nil, true, io.ErrUnexpectedEOF
	}
	b, err := readAt(d.r, d.size, int64(off), int64(n), TIFF)
	return b, true, err
}

// ints returns a tag's values as unsigned integers (BYTE, SHORT, LONG or
// LONG8), at most limit of them.
func (d *tiffDir) ints(tag uint16, limit uint64) ([]uint64, error) {
	e, ok := d.entries[tag]
	if !ok {
		return nil, nil
	}
	ts := tiffTypeSize(e.typ)
	switch e.typ {
	case 1, 3, 4, 13, 16, 18:
	default:
		return nil, fmt.Errorf("tag %d has type %d", tag, e.typ)
	}
	b, _, err := d.raw(tag, limit*ts)
	if err != nil {
		return nil, err
	}
	out := make([]uint64, e.count)
	for i := range out {
		v := b[uint64(i)*ts:]
		switch ts {
		case 1:
			out[i] = uint64(v[0])
		case 2:
			out[i] = uint64(d.bo.Uint16(v))
		case 4:
			out[i] = uint64(d.bo.Uint32(v))
		default:
			out[i] = d.bo.Uint64(v)
		}
	}
	return out, nil
}

// one returns a tag's first value, or def when the tag is absent.
func (d *tiffDir) one(tag uint16, def int) (int, error) {
	v, err := d.ints(tag, 1<<16)
	if err != nil || len(v) == 0 {
		return def, err
	}
	if v[0] > 1<<31 {
		return 0, fmt.Errorf("tag %d is %d", tag, v[0])
	}
	return int(v[0]), nil
}

// parse reads the tags of the first directory into d and info, and
// refuses what the decoder cannot read.
func (d *tiffDir) parse(info *Info) error {
	var err error
	get := func(tag uint16, def int) int {
		v, e := d.one(tag, def)
		if err == nil {
			err = e
		}
		return v
	}
	d.width, d.height = get(tWidth, 0), get(tHeight, 0)
	d.spp = get(tSamplesPerPixel, 1)
	d.photometric = get(tPhotometric, -1)
	d.compression = get(tCompression, 1)
	d.planar = get(tPlanar, 1)
	d.predictor = get(tPredictor, 1)
	d.fillOrder = get(tFillOrder, 1)
	d.rowsPerStrip = get(tRowsPerStrip, d.height)
	d.tileW, d.tileH = get(tTileWidth, 0), get(tTileLength, 0)
	if o := get(tOrientation, 1); o >= 1 && o <= 8 {
		info.Orientation = o
	}
	if err != nil {
		return err
	}
	if d.width <= 0 || d.height <= 0 {
		return errors.New("no pixels")
	}
	bps, err := d.ints(tBitsPerSample, 64)
	if err != nil {
		return err
	}
	d.bps = 1
	for i, b := range bps {
		if i == 0 {
			d.bps = int(b)
		} else if int(b) != d.bps {
			return unsupported("samples of different sizes")
		}
	}
	if f, err := d.one(tSampleFormat, 1); err != nil || (f != 1 && f != 0) {
		return unsupported("floating-point or signed samples")
	}
	icc, ok, err := d.raw(tICCProfile, maxICC)
	switch {
	case ok && err != nil && errors.Is(err, io.ErrUnexpectedEOF):
		setProfile(nil, msg.ProfileIncomplete, 0, info)
	case ok && err != nil:
		setProfile(nil, msg.ProfileTooLarge, 0, info)
	case ok:
		setProfile(icc, "", d.channels(), info)
	}
	return d.check()
}

// check refuses, before any pixel, what the decoder cannot read.
func (d *tiffDir) check() error {
	switch d.bps {
	case 1, 2, 4, 8, 16:
	default:
		return unsupported(fmt.Sprintf("%d bits a sample", d.bps))
	}
	if d.spp < 1 || d.spp > 16 {
		return fmt.Errorf("%d samples a pixel", d.spp)
	}
	colours := 0
	switch d.photometric {
	case 0, 1, 3: // grey (white or black is zero), palette
		colours = 1
	case 2:
		colours = 3
	case 5:
		colours = 4
		if ink, _ := d.one(tInkSet, 1); ink != 1 {
			return unsupported("inks other than CMYK")
		}
	case 6:
		if d.compression != 7 {
			return unsupported("YCbCr without JPEG")
		}
		colours = 3
	default:
		return unsupported(fmt.Sprintf("photometric interpretation %d", d.photometric))
	}
	if d.spp < colours {
		return fmt.Errorf("%d samples for %d colours", d.spp, colours)
	}
	if d.spp > colours {
		extra, err := d.ints(tExtraSamples, 16)
		if err != nil {
			return err
		}
		if len(extra) > 0 && (extra[0] == 1 || extra[0] == 2) {
			d.alpha = int(extra[0])
		}
	}
	switch d.compression {
	case 1, 5, 8, 32946, 32773, 7:
	case 3, 4:
		if d.bps != 1 || d.spp != 1 || !d.std() {
			return unsupported("fax compression of a colour picture")
		}
	default:
		return unsupported(fmt.Sprintf("compression %d", d.compression))
	}
	if d.compression == 7 && (d.bps != 8 || d.planar != 1) {
		return unsupported("JPEG of other than 8-bit samples")
	}
	if d.photometric == 3 {
		if d.bps > 8 {
			return unsupported("16-bit palette")
		}
		cm, err := d.ints(tColorMap, 3<<8)
		if err != nil || len(cm) != 3<<d.bps {
			return errors.New("no colour map")
		}
		d.colormap = make([]uint16, len(cm))
		for i, v := range cm {
			d.colormap[i] = uint16(v)
		}
	}
	if d.predictor != 1 && (d.predictor != 2 || d.bps < 8) {
		return unsupported(fmt.Sprintf("predictor %d", d.predictor))
	}
	if d.planar != 1 && d.planar != 2 {
		return fmt.Errorf("planar configuration %d", d.planar)
	}
	if d.fillOrder != 1 && d.compression != 3 && d.compression != 4 { // fax only: golang.org/x/image reads it
		return unsupported("reversed bit order")
	}
	d.offsetsTag, d.countsTag = tStripOffsets, tStripByteCounts
	if d.tileW > 0 || d.tileH > 0 {
		if d.tileW < 8 || d.tileH < 8 || d.tileW > 1<<15 || d.tileH > 1<<15 {
			return fmt.Errorf("tiles of %d×%d", d.tileW, d.tileH)
		}
		d.offsetsTag, d.countsTag = tTileOffsets, tTileByteCounts
	} else if d.rowsPerStrip <= 0 || d.rowsPerStrip > d.height {
		d.rowsPerStrip = d.height
	}
	if _, ok := d.entries[d.offsetsTag]; !ok {
		return errors.New("no pixel data")
	}
	if d.compression == 7 {
		if t, ok, err := d.raw(tJPEGTables, 1<<20); ok && err == nil {
			d.jpegTables = t
		}
	}
	return nil
}

// morePages reports whether a full-size page follows the first: reduced
// copies (a preview, NewSubfileType bit 0) do not count.
func (d *tiffDir) morePages(next uint64) bool {
	seen := map[uint64]bool{}
	for range maxTIFFPages {
		if next == 0 || seen[next] {
			return false
		}
		seen[next] = true
		entries, n, err := readTIFFDir(d.r, d.size, d.bo, d.big, next)
		if err != nil {
			return false
		}
		page := &tiffDir{bo: d.bo, big: d.big, entries: entries, r: d.r, size: d.size}
		if t, _ := page.one(tNewSubfileType, 0); t&1 == 0 {
			return true
		}
		next = n
	}
	return false
}

// channels is the number of colour channels of the directory's pixels, as
// an ICC profile for them must have (see setProfile): 0 when not known.
func (d *tiffDir) channels() int {
	switch d.photometric {
	case 0, 1:
		return 1
	case 2, 3, 6:
		return 3
	case 5:
		return 4
	}
	return 0
}

// std reports whether golang.org/x/image/tiff reads this TIFF as it is:
// 1- or 8-bit grey, palette, RGB or RGBA in one plane, not BigTIFF, not
// JPEG. The rest (16-bit, CMYK, JPEG, 2- and 4-bit, grey with alpha,
// planes, BigTIFF) is decoded by our own code (tiffdecode.go).
func (d *tiffDir) std() bool {
	if d.big || d.planar != 1 || d.compression == 7 {
		return false
	}
	switch {
	case d.bps == 1 && d.spp == 1 && (d.photometric == 0 || d.photometric == 1):
		return true
	case d.bps != 8:
		return false
	case d.photometric == 0 || d.photometric == 1 || d.photometric == 3:
		return d.spp == 1
	case d.photometric == 2:
		return d.spp == 3 || (d.spp == 4 && d.alpha != 0)
	}
	return false
}

// layout is how the pixels are cut: blocks (strips or tiles) of bw×bh,
// across×down of them in each of planes planes.
func (d *tiffDir) layout() (bw, bh, across, down, planes int) {
	bw, bh = d.width, d.rowsPerStrip
	if d.tileW > 0 {
		bw, bh = d.tileW, d.tileH
	}
	planes = 1
	if d.planar == 2 {
		planes = d.spp
	}
	return bw, bh, (d.width + bw - 1) / bw, (d.height + bh - 1) / bh, planes
}

// checkBlocks refuses a directory whose strip or tile lists do not hold
// one entry a block, or lie beyond the file: the gate runs it once the size
// is within the limits, so that no decoder (x/image's reads the lists
// whole) allocates what a few hundred bytes claim.
func (d *tiffDir) checkBlocks() error {
	_, _, across, down, planes := d.layout()
	n := uint64(across) * uint64(down) * uint64(planes)
	for _, tag := range []uint16{d.offsetsTag, d.countsTag} {
		e, ok := d.entries[tag]
		if !ok || e.count != n {
			return fmt.Errorf("tag %d lists %d blocks for %d", tag, e.count, n)
		}
		if ts := tiffTypeSize(e.typ); ts == 0 || n*ts > uint64(d.size) {
			return fmt.Errorf("tag %d: %d values of type %d in a file of %d bytes", tag, n, e.typ, d.size)
		}
	}
	return nil
}

// blocks returns the offsets and byte counts of the strips or tiles.
func (d *tiffDir) blocks(n int) (offsets, counts []uint64, err error) {
	if offsets, err = d.ints(d.offsetsTag, uint64(n)); err == nil {
		counts, err = d.ints(d.countsTag, uint64(n))
	}
	if err == nil && (len(offsets) < n || len(counts) < n) {
		err = fmt.Errorf("%d blocks for %d", min(len(offsets), len(counts)), n)
	}
	return offsets, counts, err
}
