package batch

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"testing"
	"time"

	"picmark/internal/ziptest"
)

// TestZipLayout assembles a ZIP the way the page does (header, data, …,
// central directory) and reads it back with archive/zip.
func TestZipLayout(t *testing.T) {
	files := []struct {
		name string
		data []byte
	}{
		{"pinterest-pin/shoot/a.jpg", []byte("\xFF\xD8\xFFfake jpeg bytes")},
		{"tumblr-post/été/café (2).jpg", bytes.Repeat([]byte{0, 1, 2, 3}, 5000)},
		{"empty.txt", nil},
		{"report.csv", []byte("input,preset,output,width,height,bytes,status,message\n")},
	}
	mod := time.Date(2026, 11, 25, 14, 30, 10, 0, time.UTC)
	var buf bytes.Buffer
	var entries []ZipEntry
	for _, f := range files {
		e := ZipEntry{Name: f.name, Size: int64(len(f.data)), CRC32: crc32.ChecksumIEEE(f.data), Modified: mod}
		entries = append(entries, e)
		buf.Write(ZipLocalHeader(e))
		buf.Write(f.data)
	}
	buf.Write(ZipCentralDirectory(entries))

	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(files) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(files))
	}
	for i, zf := range zr.File {
		f := files[i]
		if zf.Name != f.name || zf.Method != zip.Store || zf.NonUTF8 {
			t.Errorf("entry %d: %q method %d nonUTF8 %v", i, zf.Name, zf.Method, zf.NonUTF8)
		}
		if !zf.Modified.Equal(mod) && zf.Modified.Format("2006-01-02 15:04:05") != "2026-11-25 14:30:10" {
			t.Errorf("%s: modified %v", zf.Name, zf.Modified)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // archive/zip checks the CRC at EOF
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		if !bytes.Equal(got, f.data) {
			t.Errorf("%s: data differs", zf.Name)
		}
	}

	t.Run("bad crc is caught", func(t *testing.T) {
		e := ZipEntry{Name: "x", Size: 3, CRC32: 1}
		b := append(append(ZipLocalHeader(e), "abc"...), ZipCentralDirectory([]ZipEntry{e})...)
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := zr.File[0].Open()
		if _, err := io.ReadAll(rc); !errors.Is(err, zip.ErrChecksum) {
			t.Errorf("err = %v, want ErrChecksum", err)
		}
	})
	t.Run("zero time", func(t *testing.T) {
		e := ZipEntry{Name: "x"}
		b := append(ZipLocalHeader(e), ZipCentralDirectory([]ZipEntry{e})...)
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil || zr.File[0].Modified.Year() != 1980 {
			t.Errorf("%v %v", err, zr)
		}
	})
}

// genFile is an output of a test batch: its name and its data.
type genFile struct {
	name string
	gen  *ziptest.Gen
}

// pageZip is an archive written as the page writes its own.
type pageZip struct {
	img     *ziptest.Image
	want    []ziptest.Entry
	headers [][]byte // each entry's local header
	trailer []byte   // ZipCentralDirectory's bytes
}

// writePageZip lays out files as app/session.go's finish does: each
// file's ZipLocalHeader then its data, in order, then
// ZipCentralDirectory(entries), with the same ZipEntry fields. The data
// streams from its generator into a sparse image of the file, never whole
// in memory. The page knows each CRC before it writes a header; here the
// CRC is taken while generating, so each header goes into its place once
// its data is behind it.
func writePageZip(t *testing.T, files []genFile) pageZip {
	t.Helper()
	z := pageZip{img: &ziptest.Image{}}
	var entries []ZipEntry
	for _, file := range files {
		e := ZipEntry{Name: file.name, Size: file.gen.Size()}
		at := z.img.Size()
		// Its place: the header's length does not depend on the CRC.
		z.img.Write(make([]byte, len(ZipLocalHeader(e))))
		if n, err := io.Copy(z.img, file.gen); err != nil || n != e.Size {
			t.Fatalf("%s: %d bytes written of %d: %v", file.name, n, e.Size, err)
		}
		want := file.gen.Entry(file.name)
		e.CRC32 = want.CRC32
		h := ZipLocalHeader(e)
		z.img.WriteAt(h, at)
		entries = append(entries, e)
		z.want = append(z.want, want)
		z.headers = append(z.headers, h)
	}
	z.trailer = ZipCentralDirectory(entries)
	z.img.Write(z.trailer)
	return z
}

// zip64Use is where an archive uses ZIP64: the entries whose local header
// or central record has a ZIP64 field, and whether the ZIP64 end record is
// there.
type zip64Use struct {
	local, central []string
	end            bool
}

// zip64Used reads where z uses ZIP64: from the headers as written, from
// the central directory as archive/zip reads it, and from the trailer's
// end. A record with a ZIP64 field must need version 4.5; one without, 2.0.
func zip64Used(t *testing.T, z pageZip) zip64Use {
	t.Helper()
	le := binary.LittleEndian
	var use zip64Use
	for i, h := range z.headers {
		version, extra := le.Uint16(h[4:]), le.Uint16(h[28:])
		has := extra == 20 && le.Uint16(h[30+len(z.want[i].Name):]) == 0x0001
		if has {
			use.local = append(use.local, z.want[i].Name)
		}
		if has != (version == 45) || extra != 0 && !has {
			t.Errorf("%s: local header needs version %d, extra field of %d bytes", z.want[i].Name, version, extra)
		}
	}
	zr, err := zip.NewReader(z.img, z.img.Size())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		has := len(f.Extra) == 28 && le.Uint16(f.Extra) == 0x0001
		if has {
			use.central = append(use.central, f.Name)
		}
		if has != (f.ReaderVersion == 45) || len(f.Extra) != 0 && !has || f.CreatorVersion != 3<<8|f.ReaderVersion {
			t.Errorf("%s: central record needs version %d, made by %#x, extra field % x", f.Name, f.ReaderVersion, f.CreatorVersion, f.Extra)
		}
	}

	// The directory's count, size and offset, where a reader that trusts
	// them finds them: in the end record, or in the ZIP64 record its
	// locator points to. (archive/zip, unzip and zipfile all walk the
	// directory to its end, so a count that wrapped past 65,535 fools none
	// of them; it does fool others.)
	tr := z.trailer
	end := tr[len(tr)-22:]
	count, size, start := uint64(le.Uint16(end[10:])), uint64(le.Uint32(end[12:])), uint64(le.Uint32(end[16:]))
	dirLen := len(tr) - 22
	use.end = len(tr) >= 42 && le.Uint32(tr[len(tr)-42:]) == 0x07064b50
	if use.end {
		dirLen -= 76
		if count != 0xFFFF || size != 0xFFFFFFFF || start != 0xFFFFFFFF {
			t.Errorf("end record says %d entries, %d bytes at %d, beside a ZIP64 record", count, size, start)
		}
		loc := tr[len(tr)-42:]
		at := int64(le.Uint64(loc[8:]))
		rec := make([]byte, 56)
		if _, err := z.img.ReadAt(rec, at); err != nil || le.Uint32(rec) != 0x06064b50 || le.Uint64(rec[4:]) != 44 ||
			le.Uint32(loc[16:]) != 1 || le.Uint64(rec[24:]) != le.Uint64(rec[32:]) {
			t.Fatalf("no ZIP64 end record where its locator says (%d): % x (%v)", at, rec, err)
		}
		count, size, start = le.Uint64(rec[32:]), le.Uint64(rec[40:]), le.Uint64(rec[48:])
	}
	if wantStart := z.img.Size() - int64(len(tr)); count != uint64(len(z.want)) || size != uint64(dirLen) || start != uint64(wantStart) {
		t.Errorf("the directory is said to hold %d entries, %d bytes at %d; it holds %d, %d bytes at %d",
			count, size, start, len(z.want), dirLen, wantStart)
	}
	return use
}

// TestZipPastLimits writes archives as the page does, past each limit of
// classic ZIP and just before it, and reads each back with archive/zip,
// unzip and Python's zipfile. ZIP64 must appear exactly where a classic
// field cannot hold its value.
func TestZipPastLimits(t *testing.T) {
	const gib = 1 << 30
	small := func(n int) []genFile {
		files := make([]genFile, n)
		for i := range files {
			files[i] = genFile{fmt.Sprintf("pinterest-pin/shoot/photo-%05d.jpg", i), ziptest.NewGen(int64(i), int64(i*37%300))}
		}
		return append(files, genFile{"report.csv", ziptest.NewGen(-1, 5000)})
	}
	tests := []struct {
		name  string
		files []genFile
		want  zip64Use
	}{
		{"plain", []genFile{
			{"pinterest-pin/été/café (2).jpg", ziptest.NewGen(1, 70000)},
			{"tumblr-post/empty.jpg", ziptest.NewGen(2, 0)},
			{"report.csv", ziptest.NewGen(3, 300)},
		}, zip64Use{}},
		{"65,534 entries: the most a plain ZIP holds", small(65533), zip64Use{}},
		{"65,535 entries", small(65534), zip64Use{end: true}},
		{"70,000 entries", small(69999), zip64Use{end: true}},
		{"an entry over 4 GiB", []genFile{
			{"pinterest-pin/before.jpg", ziptest.NewGen(1, 300000)},
			{"pinterest-pin/huge.jpg", ziptest.NewGen(2, 4*gib+3<<20+5)},
			{"report.csv", ziptest.NewGen(3, 300)},
		}, zip64Use{
			local:   []string{"pinterest-pin/huge.jpg"},
			central: []string{"pinterest-pin/huge.jpg", "report.csv"},
			end:     true,
		}},
		{"an archive over 4 GiB of entries under it", []genFile{
			{"pinterest-pin/a.jpg", ziptest.NewGen(1, 3*gib)},
			{"pinterest-pin/b.jpg", ziptest.NewGen(2, gib+1<<20+7)}, // from 3 GiB to past 4 GiB
			{"pinterest-pin/c.jpg", ziptest.NewGen(3, 300000)},
			{"report.csv", ziptest.NewGen(4, 300)},
		}, zip64Use{
			central: []string{"pinterest-pin/c.jpg", "report.csv"},
			end:     true,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := writePageZip(t, tt.files)
			if got := zip64Used(t, z); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ZIP64 used in %+v, want %+v", got, tt.want)
			}
			ziptest.ReadImage(t, z.img, z.want)
		})
	}
}

// TestZipLocalHeaderAtTheLimit: a size of exactly 4 GiB − 1 already needs
// ZIP64 (0xFFFFFFFF in a classic field means "see the ZIP64 field"), and
// the central directory counts every header's length as it is made.
func TestZipLocalHeaderAtTheLimit(t *testing.T) {
	for _, tt := range []struct {
		size  int64
		zip64 bool
	}{{0, false}, {1<<32 - 2, false}, {1<<32 - 1, true}, {1 << 32, true}, {1 << 40, true}} {
		e := ZipEntry{Name: "a.jpg", Size: tt.size}
		h := ZipLocalHeader(e)
		version := binary.LittleEndian.Uint16(h[4:])
		if int64(len(h)) != zipLocalLen(e) || (version == 45) != tt.zip64 || (len(h) > 30+len(e.Name)) != tt.zip64 {
			t.Errorf("size %d: header of %d bytes (counted %d), version %d; want ZIP64 %v", tt.size, len(h), zipLocalLen(e), version, tt.zip64)
		}
		if tt.zip64 && binary.LittleEndian.Uint64(h[len(h)-8:]) != uint64(tt.size) {
			t.Errorf("size %d: ZIP64 field % x", tt.size, h[30+len(e.Name):])
		}
	}
}
