//go:build !wasm

package imgio

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// withTransforms adds irot (rot quarter turns anticlockwise) and, when mir
// is 0 or 1, imir to the primary item of a HEIF that has none: heif-enc
// 1.15 cannot write them. The meta box grows, so the file offsets in iloc
// that point past it move by as much.
func withTransforms(t *testing.T, file []byte, rot, mir int) []byte {
	t.Helper()
	top, err := boxes(file)
	if err != nil {
		t.Fatal(err)
	}
	at := 0 // the meta box's offset in the file (heif-enc writes 32-bit box sizes)
	for _, b := range top[:slices.IndexFunc(top, func(b box) bool { return b.typ == "meta" })] {
		at += 8 + len(b.body)
	}
	meta := child(top, "meta")
	kids, err := boxes(meta[4:])
	if err != nil {
		t.Fatal(err)
	}
	primary, err := pitm(child(kids, "pitm"))
	if err != nil {
		t.Fatal(err)
	}
	props := []box{{"irot", []byte{byte(rot & 3)}}}
	if mir >= 0 {
		props = append(props, box{"imir", []byte{byte(mir)}})
	}
	grow := 0
	for i, k := range kids {
		if k.typ == "iprp" {
			kids[i].body = addProperties(t, k.body, primary, props)
			grow = len(kids[i].body) - len(k.body)
		}
	}
	newMeta := append([]byte(nil), meta[:4]...)
	for _, k := range kids {
		if k.typ == "iloc" {
			k.body = shiftIloc(t, k.body, at+8+len(meta), grow)
		}
		newMeta = appendBox(newMeta, k.typ, k.body)
	}
	var out []byte
	for _, b := range top {
		if b.typ == "meta" {
			b.body = newMeta
		}
		out = appendBox(out, b.typ, b.body)
	}
	return out
}

// addProperties appends props to ipco and associates them, as essential,
// with item id in ipma (version 0 or 1, 7-bit indices).
func addProperties(t *testing.T, iprp []byte, id uint32, props []box) []byte {
	kids, err := boxes(iprp)
	if err != nil {
		t.Fatal(err)
	}
	ipco, _ := boxes(child(kids, "ipco"))
	first := len(ipco) + 1
	var out []byte
	for _, k := range kids {
		switch k.typ {
		case "ipco":
			body := append([]byte(nil), k.body...)
			for _, p := range props {
				body = appendBox(body, p.typ, p.body) // irot and imir are not full boxes
			}
			out = appendBox(out, "ipco", body)
		case "ipma":
			v, flags := k.body[0], k.body[3]
			if flags&1 != 0 {
				t.Fatal("ipma with 15-bit indices")
			}
			b := k.body[8:]
			body := append([]byte(nil), k.body[:8]...)
			for e := binary.BigEndian.Uint32(k.body[4:]); e > 0; e-- {
				n := 2
				if v >= 1 {
					n = 4
				}
				item := uint32(binary.BigEndian.Uint16(b))
				if n == 4 {
					item = binary.BigEndian.Uint32(b)
				}
				count := int(b[n])
				assoc := append([]byte(nil), b[n+1:n+1+count]...)
				if item == id {
					for i := range props {
						assoc = append(assoc, byte(0x80|(first+i)))
					}
				}
				body = append(append(append(body, b[:n]...), byte(len(assoc))), assoc...)
				b = b[n+1+count:]
			}
			out = appendBox(out, "ipma", body)
		default:
			out = appendBox(out, k.typ, k.body)
		}
	}
	return out
}

// shiftIloc adds grow to every file offset in iloc at or past from
// (construction method 0: offsets into the file).
func shiftIloc(t *testing.T, iloc []byte, from, grow int) []byte {
	b := append([]byte(nil), iloc...)
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
	field := func(at, size int) (int, func(int)) {
		switch size {
		case 0:
			return 0, func(int) {}
		case 4:
			return int(binary.BigEndian.Uint32(b[at:])), func(x int) { binary.BigEndian.PutUint32(b[at:], uint32(x)) }
		case 8:
			return int(binary.BigEndian.Uint64(b[at:])), func(x int) { binary.BigEndian.PutUint64(b[at:], uint64(x)) }
		}
		t.Fatalf("iloc field of %d bytes", size)
		return 0, nil
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
		base, setBase := field(p, baseSize)
		p += baseSize
		extents := int(binary.BigEndian.Uint16(b[p:]))
		p += 2
		for range extents {
			p += idxSize
			off, setOff := field(p, offSize)
			p += offSize + lenSize
			if method != 0 {
				continue
			}
			switch {
			case baseSize > 0 && base >= from:
			case baseSize == 0 && off >= from:
				setOff(off + grow)
			}
		}
		if method == 0 && baseSize > 0 && base >= from {
			setBase(base + grow)
		}
	}
	return b
}

// TestHEICOrientationOnce: a HEIC whose container says irot (and imir) and
// whose Exif item says 6, as iPhones write both, comes out turned by irot
// and imir alone, for every combination (libheif's behaviour and
// Chromium's; see heif.go). The expected picture is the untransformed
// file's decode turned by imaging, not by the code under test.
func TestHEICOrientationOnce(t *testing.T) {
	dir := t.TempDir()
	jpg := withSegments(encJPEG(scene(), 95), exifSegment(binary.BigEndian, 6))
	if err := os.WriteFile(filepath.Join(dir, "exif6.jpg"), jpg, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "heif-enc", "-q", "95", "-p", "chroma=444", "-o", "exif6.heic", "exif6.jpg")
	base, err := os.ReadFile(filepath.Join(dir, "exif6.heic"))
	if err != nil {
		t.Fatal(err)
	}
	upright, info := decodeFile(t, filepath.Join(dir, "exif6.heic"))
	if info.Width != 64 || info.Height != 48 || info.Orientation != 1 {
		t.Fatalf("the EXIF 6 alone turned the picture: %+v", info)
	}
	for rot := range 4 {
		for mir := -1; mir <= 1; mir++ {
			t.Run(fmt.Sprintf("irot%d-imir%d", rot, mir), func(t *testing.T) {
				data := withTransforms(t, base, rot, mir)
				head, err := Inspect(data, DefaultLimits)
				if err != nil {
					t.Fatal(err)
				}
				if head.Orientation != heifOrientation(rot, mir) {
					t.Errorf("the gate read orientation %d, want %d (irot and imir, EXIF ignored)", head.Orientation, heifOrientation(rot, mir))
				}
				got, info, err := Decode(data, DefaultLimits)
				if err != nil {
					t.Fatal(err)
				}
				want := turned(upright, rot, mir)
				if info.Orientation != 1 || info.Width != want.Rect.Dx() || info.Height != want.Rect.Dy() {
					t.Errorf("Info = %+v, want upright %v", info, want.Rect.Size())
				}
				closeTo(t, got, want, true)
			})
		}
	}
}
