// Package ziptest is for tests only: it makes entries of any size from a
// generator, keeps archives of several GiB as sparse images in memory or
// sparse files, and reads a ZIP back the ways a user's tools do: Go's
// archive/zip, Info-ZIP's `unzip` and Python's zipfile. The page's ZIP (internal/batch) and the CLI's
// (cmd/picmark) are checked with the same readers. Unlike the engine it
// touches files and starts programs; nothing but tests imports it.
package ziptest

import (
	"archive/zip"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Entry is what a reader must find in the archive.
type Entry struct {
	Name  string
	Size  int64
	CRC32 uint32
	Tail  []byte // the entry's last bytes (all of a small one)
}

// tailLen is how many of an entry's last bytes the readers compare.
const tailLen = 4096

// block is the period of Gen's data: one marker each, zeros between, so a
// file of several GiB takes a few MB of disk.
const block = 1 << 20

// Gen is an entry's data, made on the fly: zero but for 16 bytes at the
// start of each MiB and the last 16 bytes, each depending on the seed and
// its position, so a reader that loses its place by any amount gets
// another CRC. It takes the CRC of what it gives as it goes.
type Gen struct {
	seed, size, off int64
	crc             hash.Hash32
}

// NewGen returns the size bytes of the data that seed names.
func NewGen(seed, size int64) *Gen { return &Gen{seed: seed, size: size, crc: crc32.NewIEEE()} }

// Size is the data's length.
func (g *Gen) Size() int64 { return g.size }

func (g *Gen) Read(p []byte) (int, error) {
	if g.off >= g.size {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), g.size-g.off)]
	g.fill(p, g.off)
	g.crc.Write(p)
	g.off += int64(len(p))
	return len(p), nil
}

// WriteTo hands w a MiB at a time: io.Copy calls it.
func (g *Gen) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, min(block, g.size-g.off))
	var n int64
	for {
		k, err := g.Read(buf)
		if err == io.EOF {
			return n, nil
		}
		k, err = w.Write(buf[:k])
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
}

// last is the data's last n bytes (all of it when shorter).
func (g *Gen) last(n int) []byte {
	n = int(min(int64(n), g.size))
	p := make([]byte, n)
	g.fill(p, g.size-int64(n))
	return p
}

// Entry is the data's entry under name. Its CRC is the one taken while
// generating: what was not read yet is read now, so a writer that stopped
// short cannot agree with it.
func (g *Gen) Entry(name string) Entry {
	io.Copy(io.Discard, g) // Gen never fails
	return Entry{Name: name, Size: g.size, CRC32: g.crc.Sum32(), Tail: g.last(tailLen)}
}

// EntryOf is the entry of data held in memory.
func EntryOf(name string, data []byte) Entry {
	return Entry{Name: name, Size: int64(len(data)), CRC32: crc32.ChecksumIEEE(data), Tail: data[max(0, len(data)-tailLen):]}
}

// fill writes the data at [off, off+len(p)) into p.
func (g *Gen) fill(p []byte, off int64) {
	clear(p)
	end := off + int64(len(p))
	mark := func(from int64) {
		for i := max(from, off); i < min(from+16, end); i++ {
			v := uint64(i)*0x9E3779B97F4A7C15 ^ uint64(g.seed+1)*0xBF58476D1CE4E5B9
			p[i-off] = byte(v>>56) | 1
		}
	}
	for b := off / block * block; b < end; b += block {
		mark(b)
	}
	mark(g.size - 16)
}

const page = 4096

var zeroPage [page]byte

// Image is a file held in memory, 4 KiB pages of it: only the pages where
// a byte other than zero was written are kept. Gen's data of several GiB
// takes a few MB, and reads back with no disk and, under GOOS=js, no
// round trip through node for each read.
type Image struct {
	pages map[int64]*[page]byte
	size  int64
}

// Size is the file's length: the end of the furthest write.
func (m *Image) Size() int64 { return m.size }

// Write appends p.
func (m *Image) Write(p []byte) (int, error) { return m.WriteAt(p, m.size) }

func (m *Image) WriteAt(p []byte, off int64) (int, error) {
	if m.pages == nil {
		m.pages = map[int64]*[page]byte{}
	}
	m.size = max(m.size, off+int64(len(p)))
	for n := 0; n < len(p); {
		at := off + int64(n)
		pg, in := at/page, int(at%page)
		k := min(len(p)-n, page-in)
		if m.pages[pg] == nil && bytes.Equal(p[n:n+k], zeroPage[:k]) {
			n += k
			continue
		}
		if m.pages[pg] == nil {
			m.pages[pg] = new([page]byte)
		}
		copy(m.pages[pg][in:], p[n:n+k])
		n += k
	}
	return len(p), nil
}

func (m *Image) ReadAt(p []byte, off int64) (int, error) {
	if off >= m.size {
		return 0, io.EOF
	}
	var err error
	if off+int64(len(p)) > m.size {
		p, err = p[:m.size-off], io.EOF
	}
	for n := 0; n < len(p); {
		at := off + int64(n)
		pg, in := at/page, int(at%page)
		k := min(len(p)-n, page-in)
		if m.pages[pg] != nil {
			copy(p[n:n+k], m.pages[pg][in:])
		} else {
			clear(p[n : n+k])
		}
		n += k
	}
	return len(p), err
}

// save writes the image to a new file at path, its zero pages as holes.
func (m *Image) save(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for pg, b := range m.pages {
		if _, err = f.WriteAt(b[:min(page, m.size-pg*page)], pg*page); err != nil {
			break
		}
	}
	if err == nil {
		err = f.Truncate(m.size)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Sparse writes a file in sequence, leaving a hole wherever a 4 KiB run of
// zeros is written, so Gen's data costs little disk. The file must end
// with bytes written, as a ZIP does.
type Sparse struct {
	f   *os.File
	pos int64
}

// NewSparse writes f from its start.
func NewSparse(f *os.File) *Sparse { return &Sparse{f: f} }

func (s *Sparse) Write(p []byte) (int, error) {
	for n := 0; n < len(p); {
		k := min(len(p)-n, page)
		if !bytes.Equal(p[n:n+k], zeroPage[:k]) {
			if _, err := s.f.WriteAt(p[n:n+k], s.pos); err != nil {
				return n, err
			}
		}
		s.pos += int64(k)
		n += k
	}
	return len(p), nil
}

// readGo reads the archive with archive/zip: every entry in order, its
// name, sizes, stored method, CRC (archive/zip checks the bytes against it
// at the end) and last bytes.
func readGo(t *testing.T, r io.ReaderAt, size int64, want []Entry) {
	t.Helper()
	zr, err := zip.NewReader(r, size)
	if err != nil {
		t.Fatalf("archive/zip cannot open the archive: %v", err)
	}
	if len(zr.File) != len(want) {
		t.Fatalf("archive/zip: %d entries, want %d", len(zr.File), len(want))
	}
	buf := make([]byte, block)
	for i, f := range zr.File {
		w := want[i]
		if f.Name != w.Name || int64(f.UncompressedSize64) != w.Size || int64(f.CompressedSize64) != w.Size ||
			f.Method != zip.Store || f.CRC32 != w.CRC32 {
			t.Fatalf("archive/zip: entry %d is %q, %d bytes (%d stored, method %d), CRC %08x; want %q, %d bytes, CRC %08x",
				i, f.Name, f.UncompressedSize64, f.CompressedSize64, f.Method, f.CRC32, w.Name, w.Size, w.CRC32)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("archive/zip cannot open %s: %v", f.Name, err)
		}
		var r lastBytes
		n, err := io.CopyBuffer(&r, rc, buf)
		rc.Close()
		if err != nil || n != w.Size || !bytes.Equal(r, w.Tail) {
			t.Fatalf("archive/zip read %s: %d bytes of %d, tail equal %v: %v", f.Name, n, w.Size, bytes.Equal(r, w.Tail), err)
		}
	}
}

// lastBytes keeps the last tailLen bytes written to it.
type lastBytes []byte

func (r *lastBytes) Write(p []byte) (int, error) {
	*r = append(*r, p[max(0, len(p)-tailLen):]...)
	if len(*r) > tailLen {
		*r = append((*r)[:0], (*r)[len(*r)-tailLen:]...)
	}
	return len(p), nil
}

// tool returns the path of a program the test runs, or stops the test.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skipf("%s cannot be started from GOOS=js: this check runs natively", name)
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is missing: install the Debian package %s (make test does)", name, pkg)
	}
	return p
}

var unzipRow = regexp.MustCompile(`^\s*(\d+)\s+\S+\s+\S+\s+(.+)$`)

// readUnzip checks the archive with Info-ZIP's unzip: `unzip -t` tests
// every entry's CRC without a warning, and `unzip -l` lists the names and
// sizes in order.
func readUnzip(t *testing.T, path string, want []Entry) {
	t.Helper()
	unzip := tool(t, "unzip", "unzip")
	run := func(flag string) string {
		cmd := exec.Command(unzip, flag, path)
		cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
		out, err := cmd.CombinedOutput()
		if err != nil { // exit 1 is a warning, still a fault in our archive
			t.Fatalf("unzip %s: %v\n%s", flag, err, head(out))
		}
		return string(out)
	}
	if out := run("-tq"); !strings.Contains(out, "No errors detected") {
		t.Fatalf("unzip -tq:\n%s", head([]byte(out)))
	}
	out := run("-l")
	lines := strings.Split(out, "\n")
	var got []Entry
	for _, l := range lines[min(3, len(lines)):] {
		if strings.HasPrefix(l, "---") {
			break
		}
		m := unzipRow.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("unzip -l: unexpected line %q", l)
		}
		size, _ := strconv.ParseInt(m[1], 10, 64)
		got = append(got, Entry{Name: m[2], Size: size})
	}
	if len(got) != len(want) {
		t.Fatalf("unzip -l lists %d entries, want %d:\n%s", len(got), len(want), head([]byte(out)))
	}
	for i, g := range got {
		if g.Name != want[i].Name || g.Size != want[i].Size {
			t.Fatalf("unzip -l: entry %d is %q, %d bytes; want %q, %d", i, g.Name, g.Size, want[i].Name, want[i].Size)
		}
	}
}

// pythonRead lists the entries and reads each whole: zipfile checks the
// local header's name against the directory's, and the CRC at the end.
const pythonRead = `
import json, sys, zipfile
path, n = sys.argv[1], int(sys.argv[2])
out = []
with zipfile.ZipFile(path) as z:
    for info in z.infolist():
        tail, size = b"", 0
        with z.open(info) as f:
            while True:
                b = f.read(1 << 24)
                if not b:
                    break
                size += len(b)
                tail = b[-n:] if len(b) >= n else (tail + b)[-n:]
        out.append({"name": info.filename, "size": info.file_size, "stored": info.compress_size,
                    "method": info.compress_type, "crc": info.CRC, "read": size, "tail": tail.hex()})
json.dump(out, sys.stdout)
`

// readPython reads the archive with Python 3's zipfile: names, sizes,
// CRCs, every byte (zipfile checks the CRC) and the last bytes.
func readPython(t *testing.T, path string, want []Entry) {
	t.Helper()
	python := tool(t, "python3", "python3")
	out, err := exec.Command(python, "-c", pythonRead, path, strconv.Itoa(tailLen)).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("python3 zipfile: %v\n%s", err, head(stderr))
	}
	var got []struct {
		Name                       string
		Size, Stored, Method, Read int64
		CRC                        uint32
		Tail                       string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("python3 zipfile: %v\n%s", err, head(out))
	}
	if len(got) != len(want) {
		t.Fatalf("python3 zipfile: %d entries, want %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.Name != w.Name || g.Size != w.Size || g.Stored != w.Size || g.Method != 0 || g.Read != w.Size ||
			g.CRC != w.CRC32 || g.Tail != hex.EncodeToString(w.Tail) {
			t.Fatalf("python3 zipfile: entry %d is %q, %d bytes (%d stored, method %d, %d read), CRC %08x, tail equal %v; want %q, %d bytes, CRC %08x",
				i, g.Name, g.Size, g.Stored, g.Method, g.Read, g.CRC, g.Tail == hex.EncodeToString(w.Tail), w.Name, w.Size, w.CRC32)
		}
	}
}

// ReadFile reads the ZIP file at path the three ways.
func ReadFile(t *testing.T, path string, want []Entry) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() }) // after the subtests, which run once this returns
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	read(t, f, info.Size(), path, want)
}

// ReadImage reads the ZIP in m the three ways: archive/zip in memory, the
// programs from a sparse copy in a temp file.
func ReadImage(t *testing.T, m *Image, want []Entry) {
	t.Helper()
	path := ""
	if runtime.GOOS != "js" { // no program starts there: the subtests say so
		path = filepath.Join(t.TempDir(), "read.zip")
		if err := m.save(path); err != nil {
			t.Fatal(err)
		}
	}
	read(t, m, m.Size(), path, want)
}

// read runs the three readers side by side, each a subtest: archive/zip
// on r, the programs on the file at path.
func read(t *testing.T, r io.ReaderAt, size int64, path string, want []Entry) {
	t.Run("archive-zip", func(t *testing.T) {
		t.Parallel()
		readGo(t, r, size, want)
	})
	t.Run("unzip", func(t *testing.T) {
		t.Parallel()
		readUnzip(t, path, want)
	})
	t.Run("python3", func(t *testing.T) {
		t.Parallel()
		readPython(t, path, want)
	})
}

// head is the start of a tool's output, enough to see what went wrong.
func head(b []byte) string {
	if len(b) > 2000 {
		return fmt.Sprintf("%s\n… (%d bytes in all)", b[:2000], len(b))
	}
	return string(b)
}
