package batch

import (
	"encoding/binary"
	"time"
)

// The browser assembles the ZIP from Blob parts, so outputs never sit in
// wasm memory together: the page keeps each output's bytes, Go computes the
// headers. Layout: for each entry ZipLocalHeader(e) then its data, in order,
// then ZipCentralDirectory(entries).
//
// Entries are stored (JPEG is already compressed) with UTF-8 names. Without
// ZIP64 each entry and the whole archive must stay under 4 GiB and the
// count under 65535 entries; ZipFits checks that before the page starts.

// ZipEntry describes one stored file.
type ZipEntry struct {
	Name     string // slash-separated, UTF-8
	Size     int64
	CRC32    uint32    // IEEE, as hash/crc32.ChecksumIEEE
	Modified time.Time // zero: 1980-01-01, the earliest a ZIP can say
}

const (
	localHeaderLen   = 30
	centralHeaderLen = 46
	endRecordLen     = 22
	flagUTF8         = 0x0800
	versionNeeded    = 20 // 2.0: plain stored entries
)

// ZipFits reports whether entries can be written without ZIP64.
func ZipFits(entries []ZipEntry) bool {
	if len(entries) >= 0xFFFF {
		return false
	}
	var total int64
	for _, e := range entries {
		if e.Size < 0 || e.Size >= 0xFFFFFFFF {
			return false
		}
		total += localHeaderLen + int64(len(e.Name)) + e.Size
	}
	return total < 0xFFFFFFFF
}

// ZipLocalHeader returns the bytes that go right before the entry's data.
func ZipLocalHeader(e ZipEntry) []byte {
	b := make([]byte, localHeaderLen, localHeaderLen+len(e.Name))
	le := binary.LittleEndian
	t, d := dosTime(e.Modified)
	le.PutUint32(b[0:], 0x04034b50)
	le.PutUint16(b[4:], versionNeeded)
	le.PutUint16(b[6:], flagUTF8)
	le.PutUint16(b[8:], 0) // stored
	le.PutUint16(b[10:], t)
	le.PutUint16(b[12:], d)
	le.PutUint32(b[14:], e.CRC32)
	le.PutUint32(b[18:], uint32(e.Size)) // compressed = uncompressed when stored
	le.PutUint32(b[22:], uint32(e.Size))
	le.PutUint16(b[26:], uint16(len(e.Name)))
	le.PutUint16(b[28:], 0) // no extra field
	return append(b, e.Name...)
}

// ZipCentralDirectory returns the archive's trailer: the central directory
// and the end record, for entries laid out in order as header + data from
// offset 0.
func ZipCentralDirectory(entries []ZipEntry) []byte {
	le := binary.LittleEndian
	var b []byte
	var offset int64
	for _, e := range entries {
		h := make([]byte, centralHeaderLen)
		t, d := dosTime(e.Modified)
		le.PutUint32(h[0:], 0x02014b50)
		le.PutUint16(h[4:], 3<<8|versionNeeded) // made by Unix, so the mode in h[38:] counts
		le.PutUint16(h[6:], versionNeeded)
		le.PutUint16(h[8:], flagUTF8)
		le.PutUint16(h[10:], 0)
		le.PutUint16(h[12:], t)
		le.PutUint16(h[14:], d)
		le.PutUint32(h[16:], e.CRC32)
		le.PutUint32(h[20:], uint32(e.Size))
		le.PutUint32(h[24:], uint32(e.Size))
		le.PutUint16(h[28:], uint16(len(e.Name)))
		// extra, comment, disk, internal attributes: 0
		le.PutUint32(h[38:], 0o100644<<16) // a regular file, rw-r--r--
		le.PutUint32(h[42:], uint32(offset))
		b = append(append(b, h...), e.Name...)
		offset += localHeaderLen + int64(len(e.Name)) + e.Size
	}
	end := make([]byte, endRecordLen)
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], uint16(len(entries)))
	le.PutUint16(end[10:], uint16(len(entries)))
	le.PutUint32(end[12:], uint32(len(b)))
	le.PutUint32(end[16:], uint32(offset))
	return append(b, end...)
}

// dosTime encodes t (local wall clock, as ZIP readers expect) in MS-DOS
// format; times before 1980 become 1980-01-01 00:00.
func dosTime(t time.Time) (tm, date uint16) {
	if t.Year() < 1980 {
		return 0, 1<<5 | 1
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, t.Location())
	}
	tm = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	return tm, date
}
