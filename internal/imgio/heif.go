package imgio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"slices"

	"picmark/internal/colour"
	"picmark/internal/msg"
)

// HEIF (HEIC, AVIF): an ISO base media file. The gate reads the ftyp box,
// then the meta box (at most maxPart bytes, parsed in memory): the primary
// item (pitm), its type (iinf), its properties (iprp: ipco, ipma) and, for
// a grid, its tiles' type (iref dimg). Its size is the primary item's ispe
// (a grid has its own), cropped by clap; irot and imir, in the order the
// item lists them, become the equivalent EXIF orientation. An AVIF
// sequence without a still item gives the size of its track's first frame.
//
// Orientation once: an EXIF orientation inside a HEIF is never read, as
// irot and imir already say how to turn the picture (iPhones write both).
// That is what the decoders do: libheif applies irot and imir and leaves
// the Exif item alone ("In HEIF, there may also be a rotation value in the
// EXIF data, but it is NOT applied to the image. It is only for
// information": its author, strukturag/libheif issues #227 and #680), and
// Chromium's AVIF decoder (blink's avif_image_decoder.cc) takes the
// picture's orientation from irot and imir alone, citing MIAF 7.3.6.7.

// heifFile is what the gate read of a HEIF, for the decoder.
type heifFile struct {
	clap image.Rectangle // the visible part of the stored picture, in its pixels
	seq  bool            // the decoder gives the first frame of a sequence
}

var (
	heicBrands = []string{"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "mif2"}
	avifBrands = []string{"avif", "avis"}
)

// heifBrand names the format of a HEIF from its ftyp box: AVIF when a
// brand says so, else HEIC for any HEIF brand ("" for neither).
func heifBrand(head []byte) Format {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return ""
	}
	end := min(int(binary.BigEndian.Uint32(head)), len(head))
	if end < 16 {
		return ""
	}
	brands := []string{string(head[8:12])}
	for i := 16; i+4 <= end; i += 4 {
		brands = append(brands, string(head[i:i+4]))
	}
	anyOf := func(set []string) bool {
		return slices.ContainsFunc(brands, func(b string) bool { return slices.Contains(set, b) })
	}
	switch {
	case anyOf(avifBrands):
		return AVIF
	case anyOf(heicBrands):
		return HEIC
	}
	return ""
}

// box is one ISO BMFF box: its type and its payload.
type box struct {
	typ  string
	body []byte
}

// boxes splits b into boxes; a malformed size ends it with an error.
func boxes(b []byte) ([]box, error) {
	var out []box
	for len(b) > 0 {
		if len(b) < 8 {
			return out, errors.New("box header cut")
		}
		n, hdr := uint64(binary.BigEndian.Uint32(b)), uint64(8)
		switch n {
		case 0:
			n = uint64(len(b))
		case 1:
			if len(b) < 16 {
				return out, errors.New("box header cut")
			}
			n, hdr = binary.BigEndian.Uint64(b[8:]), 16
		}
		if n < hdr || n > uint64(len(b)) {
			return out, errors.New("box larger than its parent")
		}
		out = append(out, box{typ: string(b[4:8]), body: b[hdr:n]})
		b = b[n:]
	}
	return out, nil
}

func child(bs []box, typ string) []byte {
	for _, b := range bs {
		if b.typ == typ {
			return b.body
		}
	}
	return nil
}

// maxTopBoxes bounds the top-level boxes walked to find meta and moov.
const maxTopBoxes = 64

// topBoxes reads the top-level meta and moov boxes of a file.
func topBoxes(r io.ReaderAt, size int64, f Format) (meta, moov []byte, err error) {
	var off int64
	for range maxTopBoxes {
		if off >= size || (meta != nil && moov != nil) {
			break
		}
		h, err := readAt(r, size, off, min(16, size-off), f)
		if err != nil {
			return nil, nil, err
		}
		if len(h) < 8 {
			return nil, nil, &CorruptError{Format: f, Err: io.ErrUnexpectedEOF}
		}
		n, hdr := int64(binary.BigEndian.Uint32(h)), int64(8)
		switch n {
		case 0:
			n = size - off
		case 1:
			if len(h) < 16 || binary.BigEndian.Uint64(h[8:]) > math.MaxInt64 {
				return nil, nil, &CorruptError{Format: f, Err: io.ErrUnexpectedEOF}
			}
			n, hdr = int64(binary.BigEndian.Uint64(h[8:])), 16
		}
		if n < hdr || n > size-off {
			return nil, nil, &CorruptError{Format: f, Err: io.ErrUnexpectedEOF}
		}
		typ := string(h[4:8])
		if typ == "meta" || typ == "moov" {
			if n-hdr > maxPart {
				return nil, nil, &CorruptError{Format: f, Err: fmt.Errorf("%s box of %d bytes", typ, n)}
			}
			b, err := readAt(r, size, off+hdr, n-hdr, f)
			if err != nil {
				return nil, nil, err
			}
			if typ == "meta" {
				meta = b
			} else {
				moov = b
			}
		}
		off += n
	}
	return meta, moov, nil
}

// inspectHEIF reads a HEIF's size, orientation and colour from its boxes.
func inspectHEIF(r io.ReaderAt, size int64, f Format) (*heifFile, Info, error) {
	meta, moov, err := topBoxes(r, size, f)
	if err != nil {
		return nil, Info{}, err
	}
	head, _ := readAt(r, size, 0, min(size, SniffBytes), f)
	seq := heifBrand(head) == AVIF && moov != nil && containsBrand(head, "avis")
	var hf *heifFile
	var info Info
	switch {
	case meta != nil && !seq:
		hf, info, err = primaryItem(meta, f)
	case moov != nil && seq:
		hf, info, err = firstFrame(moov)
		if err == nil && meta != nil {
			// The colour of the still item, when there is one, is the track's too.
			if _, still, e := primaryItem(meta, f); e == nil {
				info.Profile, info.CICP, info.Notes = still.Profile, still.CICP, still.Notes
			}
		}
	default:
		err = errors.New("no picture")
	}
	if err != nil {
		var ce *CorruptError
		if !errors.As(err, &ce) {
			err = &CorruptError{Format: f, Err: err}
		}
		return nil, Info{}, err
	}
	if seq {
		info.noteOnce(msg.New(msg.FirstFrame, msg.Text("format", AVIF.Name())))
	}
	info.profileFromCICP()
	return hf, info, nil
}

func containsBrand(head []byte, brand string) bool {
	if len(head) < 16 {
		return false
	}
	end := min(int(binary.BigEndian.Uint32(head)), len(head))
	for i := 8; i+4 <= end; i += 4 {
		if i != 12 && string(head[i:i+4]) == brand {
			return true
		}
	}
	return false
}

// fullBox splits a full box's version from its payload.
func fullBox(b []byte) (version byte, body []byte, ok bool) {
	if len(b) < 4 {
		return 0, nil, false
	}
	return b[0], b[4:], true
}

// primaryItem reads the primary item of a meta box.
func primaryItem(meta []byte, f Format) (*heifFile, Info, error) {
	_, mb, ok := fullBox(meta)
	if !ok {
		return nil, Info{}, errors.New("meta box cut")
	}
	kids, err := boxes(mb)
	if err != nil {
		return nil, Info{}, err
	}
	id, err := pitm(child(kids, "pitm"))
	if err != nil {
		return nil, Info{}, err
	}
	types, err := itemTypes(child(kids, "iinf"))
	if err != nil {
		return nil, Info{}, err
	}
	typ := types[id]
	var tiles []uint32 // a grid's
	if typ == "grid" || typ == "iden" {
		refs := dimg(child(kids, "iref"), id)
		if len(refs) == 0 {
			return nil, Info{}, fmt.Errorf("%s item without tiles", typ)
		}
		if typ == "grid" {
			tiles = refs
		}
		typ = types[refs[0]]
	}
	switch {
	case typ == "hvc1" && f == HEIC, typ == "av01" && f == AVIF:
	case typ == "hvc1":
		f = HEIC
	case typ == "av01":
		f = AVIF
	default:
		return nil, Info{}, unsupported(fmt.Sprintf("HEIF item of type %q", typ))
	}
	props, err := itemProperties(child(kids, "iprp"), id)
	if err != nil {
		return nil, Info{}, err
	}
	info := Info{Format: f, Orientation: 1}
	hf := &heifFile{}
	var w, h uint32
	rot, mir := 0, -1
	for _, p := range props {
		switch p.typ {
		case "ispe":
			if _, b, ok := fullBox(p.body); ok && len(b) >= 8 {
				w, h = binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:])
			}
		case "clap":
			if w == 0 || h == 0 {
				return nil, Info{}, errors.New("clap before ispe")
			}
			c, err := cleanAperture(p.body, int(w), int(h))
			if err != nil {
				return nil, Info{}, err
			}
			hf.clap = c
		case "irot":
			if len(p.body) >= 1 {
				rot = int(p.body[0] & 3)
			}
		case "imir":
			if len(p.body) >= 1 {
				mir = int(p.body[0] & 1)
			}
		case "colr":
			readColr(p.body, &info)
		}
	}
	if w == 0 || h == 0 || w > 1<<30 || h > 1<<30 {
		return nil, Info{}, errors.New("no size (ispe)")
	}
	if tiles != nil {
		if err := checkGrid(child(kids, "iprp"), tiles, w, h); err != nil {
			return nil, Info{}, err
		}
	}
	if hf.clap.Empty() {
		hf.clap = image.Rect(0, 0, int(w), int(h))
	}
	info.Width, info.Height = hf.clap.Dx(), hf.clap.Dy()
	info.Orientation = heifOrientation(rot, mir)
	return hf, info, nil
}

// maxGridTiles bounds a grid's tiles, each decoded by a decoder of its
// own: a 48 MP iPhone photo has 192 of 512×512.
const maxGridTiles = 1024

// checkGrid refuses a grid of w×h whose tiles, by their own ispe, hold far
// more pixels than it shows: decoding costs the tiles' size, not the
// picture's, so a few hundred bytes could claim gigapixels behind a small
// ispe. Tiles overlap the picture's edges by less than one tile.
func checkGrid(iprp []byte, tiles []uint32, w, h uint32) error {
	if len(tiles) > maxGridTiles {
		return unsupported(fmt.Sprintf("a grid of %d tiles", len(tiles)))
	}
	props, err := itemProperties(iprp, tiles[0])
	if err != nil {
		return err
	}
	var tw, th uint64
	for _, p := range props {
		if _, b, ok := fullBox(p.body); p.typ == "ispe" && ok && len(b) >= 8 {
			tw, th = uint64(binary.BigEndian.Uint32(b)), uint64(binary.BigEndian.Uint32(b[4:]))
		}
	}
	if tw == 0 || th == 0 {
		return errors.New("grid tile without a size (ispe)")
	}
	if uint64(len(tiles))*tw*th > (uint64(w)+tw)*(uint64(h)+th) {
		return fmt.Errorf("%d tiles of %d×%d for a grid of %d×%d", len(tiles), tw, th, w, h)
	}
	return nil
}

// heifOrientation is the EXIF orientation that turns a stored picture as
// irot (rot quarter turns anticlockwise) then imir (mir: -1 none, 0 top
// and bottom exchanged, 1 left and right, as libheif and libavif read it)
// do.
func heifOrientation(rot, mir int) int {
	table := [3][4]int{
		{1, 8, 3, 6}, // no mirror
		{4, 5, 2, 7}, // imir 0
		{2, 7, 4, 5}, // imir 1
	}
	return table[mir+1][rot&3]
}

func pitm(b []byte) (uint32, error) {
	v, body, ok := fullBox(b)
	switch {
	case !ok:
		return 0, errors.New("no primary item")
	case v == 0 && len(body) >= 2:
		return uint32(binary.BigEndian.Uint16(body)), nil
	case v > 0 && len(body) >= 4:
		return binary.BigEndian.Uint32(body), nil
	}
	return 0, errors.New("primary item cut")
}

// itemTypes maps item IDs to their types (infe version 2 and 3).
func itemTypes(iinf []byte) (map[uint32]string, error) {
	v, body, ok := fullBox(iinf)
	if !ok {
		return nil, errors.New("no item list")
	}
	skip := 2
	if v > 0 {
		skip = 4
	}
	if len(body) < skip {
		return nil, errors.New("item list cut")
	}
	infes, err := boxes(body[skip:])
	if err != nil {
		return nil, err
	}
	types := map[uint32]string{}
	for _, e := range infes {
		ev, eb, ok := fullBox(e.body)
		if e.typ != "infe" || !ok || ev < 2 {
			continue
		}
		var id uint32
		if ev == 2 && len(eb) >= 8 {
			id, eb = uint32(binary.BigEndian.Uint16(eb)), eb[4:]
		} else if ev > 2 && len(eb) >= 10 {
			id, eb = binary.BigEndian.Uint32(eb), eb[6:]
		} else {
			continue
		}
		types[id] = string(eb[:4])
	}
	return types, nil
}

// dimg lists the items a derived item (a grid) is made of.
func dimg(iref []byte, id uint32) []uint32 {
	v, body, ok := fullBox(iref)
	if !ok {
		return nil
	}
	refs, _ := boxes(body)
	n := 2
	if v > 0 {
		n = 4
	}
	read := func(b []byte) uint32 {
		if n == 2 {
			return uint32(binary.BigEndian.Uint16(b))
		}
		return binary.BigEndian.Uint32(b)
	}
	for _, r := range refs {
		b := r.body
		if r.typ != "dimg" || len(b) < n+2 || read(b) != id {
			continue
		}
		count := int(binary.BigEndian.Uint16(b[n:]))
		b = b[n+2:]
		var out []uint32
		for i := 0; i < count && len(b) >= n; i++ {
			out = append(out, read(b))
			b = b[n:]
		}
		return out
	}
	return nil
}

// itemProperties returns the properties associated with an item, in the
// order the item lists them (transformations apply in that order).
func itemProperties(iprp []byte, id uint32) ([]box, error) {
	kids, err := boxes(iprp)
	if err != nil {
		return nil, err
	}
	ipco, err := boxes(child(kids, "ipco"))
	if err != nil {
		return nil, err
	}
	var out []box
	for _, k := range kids {
		if k.typ != "ipma" {
			continue
		}
		v, b, ok := fullBox(k.body)
		if !ok || len(b) < 4 {
			return nil, errors.New("ipma cut")
		}
		flags := k.body[3]
		count := binary.BigEndian.Uint32(b)
		b = b[4:]
		for e := uint32(0); e < count; e++ {
			var item uint32
			if v < 1 {
				if len(b) < 3 {
					return nil, errors.New("ipma cut")
				}
				item, b = uint32(binary.BigEndian.Uint16(b)), b[2:]
			} else {
				if len(b) < 5 {
					return nil, errors.New("ipma cut")
				}
				item, b = binary.BigEndian.Uint32(b), b[4:]
			}
			n := int(b[0])
			b = b[1:]
			size := 1
			if flags&1 != 0 {
				size = 2
			}
			if len(b) < n*size {
				return nil, errors.New("ipma cut")
			}
			for a := range n {
				var idx int
				if size == 1 {
					idx = int(b[a] & 0x7F)
				} else {
					idx = int(binary.BigEndian.Uint16(b[2*a:]) & 0x7FFF)
				}
				if item == id && idx > 0 && idx <= len(ipco) {
					out = append(out, ipco[idx-1])
				}
			}
			b = b[n*size:]
		}
	}
	return out, nil
}

// cleanAperture is the part of a w×h picture a clap box keeps: its size
// and centre as fractions, the centre relative to the picture's.
func cleanAperture(b []byte, w, h int) (image.Rectangle, error) {
	if len(b) < 32 {
		return image.Rectangle{}, errors.New("clap cut")
	}
	frac := func(i int) (float64, bool) {
		n, d := int32(binary.BigEndian.Uint32(b[8*i:])), int32(binary.BigEndian.Uint32(b[8*i+4:]))
		if d == 0 {
			return 0, false
		}
		return float64(n) / float64(d), true
	}
	cw, ok1 := frac(0)
	ch, ok2 := frac(1)
	ox, ok3 := frac(2)
	oy, ok4 := frac(3)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return image.Rectangle{}, errors.New("clap divides by zero")
	}
	left := math.Round(ox + float64(w-1)/2 - (cw-1)/2)
	top := math.Round(oy + float64(h-1)/2 - (ch-1)/2)
	r := image.Rect(int(left), int(top), int(left)+int(math.Round(cw)), int(top)+int(math.Round(ch)))
	if cw < 1 || ch < 1 || left < 0 || top < 0 || !r.In(image.Rect(0, 0, w, h)) {
		return image.Rectangle{}, errors.New("clap outside the picture")
	}
	return r, nil
}

// readColr reads a colr box: an ICC profile (prof, rICC) or nclx numbers.
func readColr(b []byte, info *Info) {
	if len(b) < 4 {
		return
	}
	switch string(b[:4]) {
	case "nclx":
		if len(b) >= 11 {
			info.CICP = &colour.CICP{
				Primaries: int(binary.BigEndian.Uint16(b[4:])),
				Transfer:  int(binary.BigEndian.Uint16(b[6:])),
				Matrix:    int(binary.BigEndian.Uint16(b[8:])),
				FullRange: b[10]&0x80 != 0,
			}
		}
	case "prof", "rICC":
		if len(b)-4 > maxICC {
			setProfile(nil, msg.ProfileTooLarge, 3, info)
			return
		}
		setProfile(b[4:], "", 3, info)
	}
}

// firstFrame reads the size of an AVIF sequence's first video track from
// its AV1 sample entry (moov/trak/mdia/minf/stbl/stsd/av01).
func firstFrame(moov []byte) (*heifFile, Info, error) {
	kids, err := boxes(moov)
	if err != nil {
		return nil, Info{}, err
	}
	for _, t := range kids {
		if t.typ != "trak" {
			continue
		}
		b := t.body
		for _, name := range []string{"mdia", "minf", "stbl"} {
			bs, _ := boxes(b)
			b = child(bs, name)
		}
		bs, _ := boxes(b)
		_, stsd, ok := fullBox(child(bs, "stsd"))
		if !ok || len(stsd) < 4 {
			continue
		}
		entries, _ := boxes(stsd[4:])
		for _, e := range entries {
			// VisualSampleEntry: 6 reserved, 2 index, 16 pre-defined, then width and height.
			if e.typ == "av01" && len(e.body) >= 28 {
				w, h := int(binary.BigEndian.Uint16(e.body[24:])), int(binary.BigEndian.Uint16(e.body[26:]))
				if w > 0 && h > 0 {
					return &heifFile{clap: image.Rect(0, 0, w, h), seq: true},
						Info{Format: AVIF, Width: w, Height: h, Orientation: 1}, nil
				}
			}
		}
	}
	return nil, Info{}, errors.New("no AV1 track")
}
