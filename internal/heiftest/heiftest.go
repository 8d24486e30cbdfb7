// Package heiftest is for tests only: it adds to a HEIF file what Debian's
// heif-enc 1.15 cannot write: the irot and imir transforms of the primary
// item, as iPhones write them, so the engine's tests and the browser's can
// check a HEIC turned by its container (with an EXIF orientation beside,
// which must not count); and an nclx colour description (heif-enc 1.15
// writes none, whatever its flags say). Its box reading is its own, not the gate's
// (internal/imgio), so a fault in one is not hidden by the other. Nothing
// but tests imports it.
package heiftest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// WithTransforms adds irot (rot quarter turns anticlockwise) and, when mir
// is 0 or 1, imir to the primary item of a HEIF that has none, as
// essential properties. The meta box grows, so the file offsets in iloc
// that point past it move by as much. The file must have 32-bit box sizes
// (heif-enc's).
func WithTransforms(file []byte, rot, mir int) ([]byte, error) {
	props := []box{{"irot", []byte{byte(rot & 3)}}}
	if mir >= 0 {
		props = append(props, box{"imir", []byte{byte(mir)}})
	}
	return withProperties(file, props, true)
}

// WithNCLX adds a colr box of type nclx (ISO/IEC 23091-2's colour
// primaries, transfer characteristics, matrix coefficients and range) to
// the primary item of a HEIF that has no colr. The pixels stay as they
// were encoded: the file then says how to read them.
func WithNCLX(file []byte, primaries, transfer, matrix uint16, full bool) ([]byte, error) {
	b := []byte("nclx")
	b = binary.BigEndian.AppendUint16(b, primaries)
	b = binary.BigEndian.AppendUint16(b, transfer)
	b = binary.BigEndian.AppendUint16(b, matrix)
	if full {
		b = append(b, 0x80)
	} else {
		b = append(b, 0)
	}
	return withProperties(file, []box{{"colr", b}}, false)
}

// withProperties adds props to the primary item, essential or not.
func withProperties(file []byte, props []box, essential bool) ([]byte, error) {
	top, err := boxes(file)
	if err != nil {
		return nil, err
	}
	m := slices.IndexFunc(top, func(b box) bool { return b.typ == "meta" })
	if m < 0 {
		return nil, errors.New("no meta box")
	}
	at := 0 // the meta box's offset in the file
	for _, b := range top[:m] {
		at += 8 + len(b.body)
	}
	meta := top[m].body
	if len(meta) < 4 {
		return nil, errors.New("meta box cut")
	}
	kids, err := boxes(meta[4:])
	if err != nil {
		return nil, err
	}
	primary, err := pitm(child(kids, "pitm"))
	if err != nil {
		return nil, err
	}
	grow := 0
	for i, k := range kids {
		if k.typ == "iprp" {
			if kids[i].body, err = addProperties(k.body, primary, props, essential); err != nil {
				return nil, err
			}
			grow = len(kids[i].body) - len(k.body)
		}
	}
	newMeta := slices.Clone(meta[:4])
	for _, k := range kids {
		if k.typ == "iloc" {
			if k.body, err = shiftIloc(k.body, at+8+len(meta), grow); err != nil {
				return nil, err
			}
		}
		newMeta = AppendBox(newMeta, k.typ, k.body)
	}
	var out []byte
	for _, b := range top {
		if b.typ == "meta" {
			b.body = newMeta
		}
		out = AppendBox(out, b.typ, b.body)
	}
	return out, nil
}

// AppendBox appends an ISO BMFF box of type typ holding body.
func AppendBox(out []byte, typ string, body []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(8+len(body)))
	return append(append(out, typ...), body...)
}

type box struct {
	typ  string
	body []byte
}

// boxes splits b into boxes with 32-bit sizes.
func boxes(b []byte) ([]box, error) {
	var out []box
	for len(b) > 0 {
		if len(b) < 8 {
			return nil, errors.New("box header cut")
		}
		n := int(binary.BigEndian.Uint32(b))
		if n < 8 || n > len(b) {
			return nil, fmt.Errorf("box %q of %d bytes in %d", b[4:8], n, len(b))
		}
		out = append(out, box{string(b[4:8]), b[8:n]})
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

// pitm reads the primary item's ID (a full box, version 0 or 1).
func pitm(b []byte) (uint32, error) {
	switch {
	case len(b) >= 6 && b[0] == 0:
		return uint32(binary.BigEndian.Uint16(b[4:])), nil
	case len(b) >= 8:
		return binary.BigEndian.Uint32(b[4:]), nil
	}
	return 0, errors.New("no primary item")
}

// addProperties appends props to ipco and associates them with item id in
// ipma (version 0 or 1, 7-bit indices).
func addProperties(iprp []byte, id uint32, props []box, essential bool) ([]byte, error) {
	kids, err := boxes(iprp)
	if err != nil {
		return nil, err
	}
	ipco, err := boxes(child(kids, "ipco"))
	if err != nil {
		return nil, err
	}
	first := len(ipco) + 1
	var out []byte
	for _, k := range kids {
		switch k.typ {
		case "ipco":
			body := slices.Clone(k.body)
			for _, p := range props {
				body = AppendBox(body, p.typ, p.body) // irot, imir and colr are not full boxes
			}
			out = AppendBox(out, "ipco", body)
		case "ipma":
			if len(k.body) < 8 {
				return nil, errors.New("ipma cut")
			}
			v, flags := k.body[0], k.body[3]
			if flags&1 != 0 {
				return nil, errors.New("ipma with 15-bit indices")
			}
			b := k.body[8:]
			body := slices.Clone(k.body[:8])
			for e := binary.BigEndian.Uint32(k.body[4:]); e > 0; e-- {
				n := 2
				if v >= 1 {
					n = 4
				}
				if len(b) < n+1 || len(b) < n+1+int(b[n]) {
					return nil, errors.New("ipma entry cut")
				}
				item := uint32(binary.BigEndian.Uint16(b))
				if n == 4 {
					item = binary.BigEndian.Uint32(b)
				}
				count := int(b[n])
				assoc := slices.Clone(b[n+1 : n+1+count])
				if item == id {
					for i := range props {
						if essential {
							assoc = append(assoc, byte(0x80|(first+i)))
						} else {
							assoc = append(assoc, byte(first+i))
						}
					}
				}
				body = append(append(append(body, b[:n]...), byte(len(assoc))), assoc...)
				b = b[n+1+count:]
			}
			out = AppendBox(out, "ipma", body)
		default:
			out = AppendBox(out, k.typ, k.body)
		}
	}
	return out, nil
}

// shiftIloc adds grow to every file offset in iloc at or past from
// (construction method 0: offsets into the file).
func shiftIloc(iloc []byte, from, grow int) (out []byte, err error) {
	defer func() {
		if recover() != nil { // an index past the box: it is cut
			out, err = nil, errors.New("iloc cut")
		}
	}()
	b := slices.Clone(iloc)
	v := b[0]
	offSize, lenSize, baseSize := int(b[4]>>4), int(b[4]&15), int(b[5]>>4)
	idxSize := 0
	if v >= 1 {
		idxSize = int(b[5] & 15)
	}
	p := 6
	var count int
	if v < 2 {
		count, p = int(binary.BigEndian.Uint16(b[p:])), p+2
	} else {
		count, p = int(binary.BigEndian.Uint32(b[p:])), p+4
	}
	field := func(at, size int) (int, func(int), error) {
		switch size {
		case 0:
			return 0, func(int) {}, nil
		case 4:
			return int(binary.BigEndian.Uint32(b[at:])), func(x int) { binary.BigEndian.PutUint32(b[at:], uint32(x)) }, nil
		case 8:
			return int(binary.BigEndian.Uint64(b[at:])), func(x int) { binary.BigEndian.PutUint64(b[at:], uint64(x)) }, nil
		}
		return 0, nil, fmt.Errorf("iloc field of %d bytes", size)
	}
	for range count {
		if v < 2 {
			p += 2
		} else {
			p += 4
		}
		method := 0
		if v >= 1 {
			method, p = int(binary.BigEndian.Uint16(b[p:])&15), p+2
		}
		p += 2 // data reference index
		base, setBase, err := field(p, baseSize)
		if err != nil {
			return nil, err
		}
		p += baseSize
		extents := int(binary.BigEndian.Uint16(b[p:]))
		p += 2
		for range extents {
			p += idxSize
			off, setOff, err := field(p, offSize)
			if err != nil {
				return nil, err
			}
			p += offSize + lenSize
			if method == 0 && baseSize == 0 && off >= from {
				setOff(off + grow)
			}
		}
		if method == 0 && baseSize > 0 && base >= from {
			setBase(base + grow)
		}
	}
	return b, nil
}
