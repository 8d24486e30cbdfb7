//go:build !js

package colour

// Helpers for the tests that compare picmark's conversions with Debian's
// reference tools (LittleCMS's tificc, libwebp's dwebp, libavif's avifdec,
// ImageMagick). They run natively only: wasm has no processes. `make deps`
// installs the tools; a missing one fails the test with the package to
// install.

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/tiff"
)

// toolPackages names the Debian package of each tool the tests run.
var toolPackages = map[string]string{
	"tificc":      "liblcms2-utils",
	"transicc":    "liblcms2-utils",
	"convert-im6": "imagemagick",
	"cwebp":       "webp",
	"dwebp":       "webp",
	"avifenc":     "libavif-bin",
	"avifdec":     "libavif-bin",
}

// run runs a reference tool and fails the test when it is missing or fails.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	return runWith(t, "", name, args...)
}

// runWith is run with stdin as the tool's input.
func runWith(t testing.TB, stdin, name string, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is missing: install Debian's %s (make deps does)", name, toolPackages[name])
	}
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.Bytes())
	}
	return out
}

// writeTIFF writes an uncompressed, interleaved 8-bit TIFF: RGB (spp 3,
// photometric 2) or CMYK (spp 4, photometric 5), with icc as its profile
// when given.
func writeTIFF(t testing.TB, path string, w, h, spp int, pix, icc []byte) {
	t.Helper()
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // inline when 4 bytes or fewer, else written after
	}
	u16 := func(v ...uint16) []byte {
		var b []byte
		for _, x := range v {
			b = binary.LittleEndian.AppendUint16(b, x)
		}
		return b
	}
	u32 := func(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
	photometric := uint16(2)
	if spp == 4 {
		photometric = 5
	}
	bits := make([]uint16, spp)
	for i := range bits {
		bits[i] = 8
	}
	entries := []entry{
		{256, 4, 1, u32(uint32(w))},
		{257, 4, 1, u32(uint32(h))},
		{258, 3, uint32(spp), u16(bits...)},
		{259, 3, 1, u16(1)},
		{262, 3, 1, u16(photometric)},
		{273, 4, 1, nil}, // strip offset, filled below
		{277, 3, 1, u16(uint16(spp))},
		{278, 4, 1, u32(uint32(h))},
		{279, 4, 1, u32(uint32(len(pix)))},
		{284, 3, 1, u16(1)},
	}
	if icc != nil {
		entries = append(entries, entry{34675, 7, uint32(len(icc)), icc})
	}
	ifdSize := 2 + 12*len(entries) + 4
	extra := 8 + ifdSize
	var tail []byte
	offsets := make([]uint32, len(entries))
	for i, e := range entries {
		if len(e.value) > 4 {
			offsets[i] = uint32(extra + len(tail))
			tail = append(tail, e.value...)
			if len(tail)%2 == 1 {
				tail = append(tail, 0)
			}
		}
	}
	stripAt := uint32(extra + len(tail))
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = append(b, u16(uint16(len(entries)))...)
	for i, e := range entries {
		b = append(b, u16(e.tag, e.typ)...)
		b = append(b, u32(e.count)...)
		switch {
		case e.tag == 273:
			b = append(b, u32(stripAt)...)
		case len(e.value) > 4:
			b = append(b, u32(offsets[i])...)
		default:
			v := append(append([]byte(nil), e.value...), 0, 0, 0, 0)
			b = append(b, v[:4]...)
		}
	}
	b = append(b, 0, 0, 0, 0)
	b = append(b, tail...)
	b = append(b, pix...)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readImage decodes a TIFF or PNG file.
func readImage(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m image.Image
	if filepath.Ext(path) == ".tif" {
		m, err = tiff.Decode(f)
	} else {
		m, _, err = image.Decode(f)
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// readInto decodes a file into a new image of newImage's type (RGBA for
// opaque files, NRGBA to keep translucent colours unpremultiplied).
func readInto[M draw.Image](t testing.TB, path string, newImage func(image.Rectangle) M) M {
	t.Helper()
	m := readImage(t, path)
	out := newImage(m.Bounds())
	draw.Draw(out, out.Bounds(), m, m.Bounds().Min, draw.Src)
	return out
}

func readRGB(t testing.TB, path string) *image.RGBA {
	t.Helper()
	return readInto(t, path, image.NewRGBA)
}

// unpackRGB is RGB bytes as an opaque w×h image.
func unpackRGB(pix []byte, w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h && 3*i+2 < len(pix); i++ {
		copy(m.Pix[4*i:], pix[3*i:3*i+3])
		m.Pix[4*i+3] = 255
	}
	return m
}

// packRGB is m's pixels as RGB bytes, what tificc reads.
func packRGB(m *image.RGBA) []byte {
	pix := make([]byte, 0, 3*len(m.Pix)/4)
	for i := 0; i+3 < len(m.Pix); i += 4 {
		pix = append(pix, m.Pix[i:i+3]...)
	}
	return pix
}

// tificc converts pixels (packed, spp channels) of a w×h image described
// by icc to sRGB with LittleCMS's relative colorimetric intent (see the
// package comment) and returns its 8-bit result.
func tificc(t testing.TB, w, h, spp int, pix, icc []byte) *image.RGBA {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.tif"), filepath.Join(dir, "out.tif")
	writeTIFF(t, in, w, h, spp, pix, icc)
	run(t, "tificc", "-t1", in, out)
	return readRGB(t, out)
}

// diffStats compares the RGB of two images of the same size: the 99th
// percentile and the largest difference of any channel of any pixel.
func diffStats(t testing.TB, got, want *image.RGBA) (p99, worst int) {
	t.Helper()
	if got.Rect.Size() != want.Rect.Size() {
		t.Fatalf("size %v, want %v", got.Rect.Size(), want.Rect.Size())
	}
	var hist [256]int
	n := 0
	for y := 0; y < got.Rect.Dy(); y++ {
		for x := 0; x < got.Rect.Dx(); x++ {
			a, b := got.Pix[y*got.Stride+4*x:], want.Pix[y*want.Stride+4*x:]
			d := 0
			for c := range 3 {
				d = max(d, absDiff(a[c], b[c]))
			}
			hist[d]++
			n++
		}
	}
	seen := 0
	p99 = -1
	for d, k := range hist {
		seen += k
		if p99 < 0 && seen*100 >= n*99 {
			p99 = d
		}
		if k > 0 {
			worst = d
		}
	}
	return p99, worst
}

// y4m is one frame of a YUV4MPEG2 file (what avifdec and heif-convert
// write for planes): 8-bit samples, or 16-bit little-endian ones (C…p10,
// p12).
type y4m struct {
	w, h, depth int
	sub         image.YCbCrSubsampleRatio
	rangeKnown  bool // the header says XCOLORRANGE (avifdec does, heif-convert not)
	limited     bool
	y, cb, cr   []uint16
}

func readY4M(t testing.TB, path string) y4m {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || !bytes.HasPrefix(data, []byte("YUV4MPEG2 ")) {
		t.Fatalf("%s: not a y4m file", path)
	}
	f := y4m{depth: 8, sub: image.YCbCrSubsampleRatio420}
	for _, tok := range strings.Fields(string(data[10:nl])) {
		switch {
		case tok[0] == 'W':
			f.w, _ = strconv.Atoi(tok[1:])
		case tok[0] == 'H':
			f.h, _ = strconv.Atoi(tok[1:])
		case tok[0] == 'C':
			c := tok[1:]
			if i := strings.Index(c, "p"); i >= 0 && c[:3] != "420" || strings.Contains(c, "p1") {
				f.depth, _ = strconv.Atoi(c[strings.LastIndex(c, "p")+1:])
			}
			switch {
			case strings.HasPrefix(c, "444"):
				f.sub = image.YCbCrSubsampleRatio444
			case strings.HasPrefix(c, "422"):
				f.sub = image.YCbCrSubsampleRatio422
			}
		case strings.HasPrefix(tok, "XCOLORRANGE="):
			f.rangeKnown, f.limited = true, tok == "XCOLORRANGE=LIMITED"
		}
	}
	body := data[nl+1:]
	fl := bytes.IndexByte(body, '\n')
	if fl < 0 || !bytes.HasPrefix(body, []byte("FRAME")) {
		t.Fatalf("%s: no frame", path)
	}
	body = body[fl+1:]
	hx, vy, _ := steps(f.sub)
	cw, ch := (f.w+hx-1)/hx, (f.h+vy-1)/vy
	bps := 1
	if f.depth > 8 {
		bps = 2
	}
	read := func(n int) []uint16 {
		if len(body) < n*bps {
			t.Fatalf("%s: frame cut short", path)
		}
		v := make([]uint16, n)
		for i := range v {
			if bps == 1 {
				v[i] = uint16(body[i])
			} else {
				v[i] = binary.LittleEndian.Uint16(body[2*i:])
			}
		}
		body = body[n*bps:]
		return v
	}
	f.y, f.cb, f.cr = read(f.w*f.h), read(cw*ch), read(cw*ch)
	return f
}

// toNRGBA converts the frame as c says, checking c's range against the
// frame's when it has one.
func (f y4m) toNRGBA(t testing.TB, c CICP, up Upsampling) *image.NRGBA {
	t.Helper()
	if f.rangeKnown && f.limited == c.FullRange {
		t.Fatalf("the file's range is not the one asked for (limited %v)", f.limited)
	}
	hx, _, _ := steps(f.sub)
	cw := (f.w + hx - 1) / hx
	var m *image.NRGBA
	var err error
	if f.depth == 8 {
		narrow := func(v []uint16) []uint8 {
			b := make([]uint8, len(v))
			for i, x := range v {
				b[i] = uint8(x)
			}
			return b
		}
		m, err = PlanesToNRGBA(Planes[uint8]{Width: f.w, Height: f.h, Depth: 8, Subsample: f.sub,
			Y: narrow(f.y), Cb: narrow(f.cb), Cr: narrow(f.cr), YStride: f.w, CStride: cw}, c, up)
	} else {
		m, err = PlanesToNRGBA(Planes[uint16]{Width: f.w, Height: f.h, Depth: f.depth, Subsample: f.sub,
			Y: f.y, Cb: f.cb, Cr: f.cr, YStride: f.w, CStride: cw}, c, up)
	}
	if err != nil {
		t.Fatal(err)
	}
	return m
}
