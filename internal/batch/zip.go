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
// Entries are stored (JPEG is already compressed) with UTF-8 names. The
// page knows each size and CRC before it writes a header, so there are no
// data descriptors. ZIP64 (APPNOTE.TXT 4.3.14–16, 4.5.3) is written only
// where a classic field would overflow, as archive/zip's Writer does: in a
// local header whose sizes reach 4 GiB, in a central record whose sizes or
// offset do, and as the ZIP64 end record and locator when the count reaches
// 65,535 or the central directory's size or offset reaches 4 GiB. Any other
// archive is plain ZIP 2.0, which every reader opens. So no batch is too
// big for the format; whether the browser can hold it is another matter.

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
	zip64EndLen      = 56
	zip64LocatorLen  = 20
	zip64LocalExtra  = 20 // ID, length, uncompressed and compressed sizes
	zip64CentralExt  = 28 // ID, length, both sizes, offset
	flagUTF8         = 0x0800
	versionPlain     = 20 // 2.0: stored entries
	versionZip64     = 45 // 4.5: ZIP64 extensions
	madeByUnix       = 3 << 8
	max16            = 0xFFFF
	max32            = 0xFFFFFFFF // the value that says "see the ZIP64 field"
)

// ZipLocalHeader returns the bytes that go right before the entry's data.
func ZipLocalHeader(e ZipEntry) []byte {
	zip64 := e.Size >= max32
	version, size, extra := uint16(versionPlain), uint32(e.Size), 0
	if zip64 {
		// APPNOTE 4.5.3: a local ZIP64 field holds both sizes.
		version, size, extra = versionZip64, max32, zip64LocalExtra
	}
	b := make([]byte, localHeaderLen, localHeaderLen+len(e.Name)+extra)
	le.PutUint32(b, 0x04034b50)
	putShared(b[4:localHeaderLen], e, version, size, extra)
	b = append(b, e.Name...)
	if zip64 {
		b = le.AppendUint16(b, 0x0001) // ZIP64 extended information
		b = le.AppendUint16(b, zip64LocalExtra-4)
		b = le.AppendUint64(b, uint64(e.Size))
		b = le.AppendUint64(b, uint64(e.Size))
	}
	return b
}

// zipLocalLen is len(ZipLocalHeader(e)), without making it.
func zipLocalLen(e ZipEntry) int64 {
	n := int64(localHeaderLen + len(e.Name))
	if e.Size >= max32 {
		n += zip64LocalExtra
	}
	return n
}

// ZipCentralDirectory returns the archive's trailer: the central directory,
// the ZIP64 end record and locator when needed, and the end record, for
// entries laid out in order as header + data from offset 0.
func ZipCentralDirectory(entries []ZipEntry) []byte {
	var b []byte
	var offset int64
	for _, e := range entries {
		// Both sizes and the offset go to the ZIP64 field together, as
		// archive/zip writes them: each classic field says max32.
		zip64 := e.Size >= max32 || offset >= max32
		version, size, off, extra := uint16(versionPlain), uint32(e.Size), uint32(offset), 0
		if zip64 {
			version, size, off, extra = versionZip64, max32, max32, zip64CentralExt
		}
		var h [centralHeaderLen]byte
		le.PutUint32(h[0:], 0x02014b50)
		le.PutUint16(h[4:], madeByUnix|version) // Unix, so the mode in h[38:] counts
		putShared(h[6:32], e, version, size, extra)
		// comment length, disk, internal attributes: 0
		le.PutUint32(h[38:], 0o100644<<16) // a regular file, rw-r--r--
		le.PutUint32(h[42:], off)
		b = append(append(b, h[:]...), e.Name...)
		if zip64 {
			b = le.AppendUint16(b, 0x0001)
			b = le.AppendUint16(b, zip64CentralExt-4)
			b = le.AppendUint64(b, uint64(e.Size))
			b = le.AppendUint64(b, uint64(e.Size))
			b = le.AppendUint64(b, uint64(offset))
		}
		offset += zipLocalLen(e) + e.Size
	}

	count, size, start := uint64(len(entries)), uint64(len(b)), uint64(offset)
	if count >= max16 || size >= max32 || start >= max32 {
		var z [zip64EndLen + zip64LocatorLen]byte
		le.PutUint32(z[0:], 0x06064b50)     // ZIP64 end of central directory
		le.PutUint64(z[4:], zip64EndLen-12) // its length after this field
		le.PutUint16(z[12:], madeByUnix|versionZip64)
		le.PutUint16(z[14:], versionZip64)
		// this disk, the directory's disk: 0
		le.PutUint64(z[24:], count)
		le.PutUint64(z[32:], count)
		le.PutUint64(z[40:], size)
		le.PutUint64(z[48:], start)
		le.PutUint32(z[56:], 0x07064b50) // its locator; its disk: 0
		le.PutUint64(z[64:], start+size) // its offset
		le.PutUint32(z[72:], 1)          // disks in all
		b = append(b, z[:]...)
		// As archive/zip: every classic field sends readers to the record.
		count, size, start = max16, max32, max32
	}
	var end [endRecordLen]byte
	le.PutUint32(end[0:], 0x06054b50)
	// this disk, the directory's disk: 0
	le.PutUint16(end[8:], uint16(count))
	le.PutUint16(end[10:], uint16(count))
	le.PutUint32(end[12:], uint32(size))
	le.PutUint32(end[16:], uint32(start))
	// comment length: 0
	return append(b, end[:]...)
}

var le = binary.LittleEndian

// putShared fills the 26 bytes a local header and a central record share:
// from the version needed to the extra field's length.
func putShared(b []byte, e ZipEntry, version uint16, size uint32, extra int) {
	t, d := dosTime(e.Modified)
	le.PutUint16(b[0:], version)
	le.PutUint16(b[2:], flagUTF8)
	le.PutUint16(b[4:], 0) // stored
	le.PutUint16(b[6:], t)
	le.PutUint16(b[8:], d)
	le.PutUint32(b[10:], e.CRC32)
	le.PutUint32(b[14:], size) // compressed = uncompressed when stored
	le.PutUint32(b[18:], size)
	le.PutUint16(b[22:], uint16(len(e.Name)))
	le.PutUint16(b[24:], uint16(extra))
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
