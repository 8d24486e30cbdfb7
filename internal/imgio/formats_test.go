//go:build !wasm

package imgio

// Real files of each new format, made at test time by Debian's tools from
// the tests' own pictures (blocks, with alpha where the format has it),
// decoded by picmark and compared with the same file decoded by the
// reference decoder: ImageMagick (convert-im6) for TIFF and BMP, libheif's
// heif-convert for HEIC, libavif's avifdec for AVIF. `make deps` installs
// the tools; a missing one fails the test with what to install.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"picmark/internal/colour"
)

// tools names the Debian package of each tool the tests run.
var tools = map[string]string{
	"convert-im6": "imagemagick", "tiffcp": "libtiff-tools", "tiffset": "libtiff-tools",
	"heif-enc": "libheif-examples", "heif-convert": "libheif-examples",
	"avifenc": "libavif-bin", "avifdec": "libavif-bin",
}

// run runs a tool in dir, failing the test with its output.
func run(t testing.TB, dir, name string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is missing: install the Debian package %s (make deps does)", name, tools[name])
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// scene is the opaque test picture: blocks of distinct colours, 64×48, so
// a turn or a mirror shows.
func scene() *image.RGBA { return blocks(4, 3, 16) }

// sceneAlpha is scene with alpha going from clear (left) to solid (right).
func sceneAlpha() *image.NRGBA {
	s := scene()
	m := image.NewNRGBA(s.Rect)
	for y := range 48 {
		for x := range 64 {
			c := s.RGBAAt(x, y)
			m.SetNRGBA(x, y, color.NRGBA{c.R, c.G, c.B, uint8(64 + 3*x)})
		}
	}
	return m
}

// smooth is a picture without sharp edges, for lossy formats: there the
// encoders' and decoders' chroma filters differ at sharp edges far more
// than the colours the tests check.
func smooth(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/float64(w), float64(y)/float64(h)
			m.SetRGBA(x, y, color.RGBA{uint8(40 + 180*fx), uint8(30 + 190*fy), uint8(200 - 120*fx*fy), 255})
		}
	}
	return m
}

// fixtures writes the source pictures into a new folder.
func fixtures(t testing.TB) string {
	dir := t.TempDir()
	for name, m := range map[string]image.Image{"src.png": scene(), "srca.png": sceneAlpha(),
		"smooth.png": smooth(64, 48), "smooth-big.png": smooth(256, 192)} {
		if err := os.WriteFile(filepath.Join(dir, name), encPNG(m), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readPNG decodes a PNG a reference tool wrote, as 8-bit NRGBA.
func readPNG(t testing.TB, path string) *image.NRGBA {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return toNRGBA(m)
}

// premultiplied is m's pixels with alpha applied: what shows.
func premultiplied(m image.Image) *image.NRGBA {
	r := image.NewRGBA(image.Rect(0, 0, m.Bounds().Dx(), m.Bounds().Dy()))
	draw.Draw(r, r.Rect, m, m.Bounds().Min, draw.Src)
	return &image.NRGBA{Pix: r.Pix, Stride: r.Stride, Rect: r.Rect}
}

func toNRGBA(m image.Image) *image.NRGBA {
	out := image.NewNRGBA(image.Rect(0, 0, m.Bounds().Dx(), m.Bounds().Dy()))
	draw.Draw(out, out.Rect, m, m.Bounds().Min, draw.Src)
	return out
}

// diff returns the 99th percentile and the largest difference of any
// channel between a and b, alpha applied, or an error when their sizes
// differ.
func diff(a, b image.Image) (p99, most int, err error) {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 0, 0, fmt.Errorf("sizes %v and %v", a.Bounds().Size(), b.Bounds().Size())
	}
	pa, pb := premultiplied(a), premultiplied(b)
	var hist [256]int // a count of each difference: no sort of 48 million for 12 MP
	for i := range pa.Pix {
		d := int(pa.Pix[i]) - int(pb.Pix[i])
		hist[max(d, -d)]++
	}
	rank, seen := len(pa.Pix)*99/100, 0
	p99 = -1
	for d, n := range hist {
		seen += n
		if p99 < 0 && seen > rank {
			p99 = d
		}
		if n > 0 {
			most = d
		}
	}
	return p99, most, nil
}

// closeTo fails the test unless got is within the bounds of want:
// 2/255 at the 99th percentile and 6/255 at most (exact: 1/255 at most).
func closeTo(t testing.TB, got, want image.Image, exact bool) {
	t.Helper()
	p99, most, err := diff(got, want)
	switch {
	case err != nil:
		t.Fatal(err)
	case exact && most > 1, p99 > 2 || most > 6:
		t.Errorf("differs from the reference decode: 99th percentile %d, at most %d", p99, most)
	}
}

// likeSource fails the test unless a lossy file decodes near the picture
// it was made from. Decoders' chroma filters differ (libjpeg's and
// libyuv's smooth ones, Go's and libtiff's nearest), so this is no colour
// check (closeTo on 4:4:4 files is); a wrong decode is off by far more.
func likeSource(t testing.TB, got, src image.Image) {
	t.Helper()
	p99, most, err := diff(got, src)
	switch {
	case err != nil:
		t.Fatal(err)
	case p99 > 8 || most > 24:
		t.Errorf("differs from its source picture: 99th percentile %d, at most %d", p99, most)
	}
}

// imDecode is ImageMagick's decode of a file's first picture, as stored.
// The PNG gets no gamma chunk: ImageMagick reads one from a BMP's V2 and V3
// headers, which have none, then fails to write it.
func imDecode(t testing.TB, dir, file string) *image.NRGBA {
	out := file + ".ref.png"
	run(t, dir, "convert-im6", file+"[0]", "-colorspace", "sRGB", "-depth", "8", "-define", "png:exclude-chunk=gAMA,cHRM", "PNG32:"+out)
	return readPNG(t, filepath.Join(dir, out))
}

func decodeFile(t testing.TB, path string) (image.Image, Info) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	m, info, err := DecodeStoredAt(f, st.Size(), DefaultLimits)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	if m.Bounds().Dx() != info.Width || m.Bounds().Dy() != info.Height {
		t.Fatalf("decoded %v, header said %d×%d", m.Bounds(), info.Width, info.Height)
	}
	return m, info
}

// TestTIFFAndBMP decodes every kind of TIFF and BMP the tools write and
// compares it with ImageMagick's decode of the same file.
func TestTIFFAndBMP(t *testing.T) {
	dir := fixtures(t)
	im := func(in, out string, opts ...string) [][]string {
		return [][]string{append(append([]string{"convert-im6", in}, opts...), out)}
	}
	cp := func(out string, opts ...string) [][]string {
		return append(im("src.png", "base.tif", "-depth", "8", "-compress", "None"),
			append(append([]string{"tiffcp"}, opts...), "base.tif", out))
	}
	cpSmooth := func(out string, opts ...string) [][]string {
		return append(im("smooth.png", "smooth.tif", "-depth", "8", "-compress", "None"),
			append(append([]string{"tiffcp"}, opts...), "smooth.tif", out))
	}
	tests := []struct {
		name    string
		make    [][]string
		std     bool // golang.org/x/image reads it (else our own decoder)
		lossy   bool
		gray    bool
		note    string
		shift4  bool
		inverts string // the file is this one as min-is-white: compared with its decode, inverted
		opaque  bool   // compared with ImageMagick's decode made opaque
	}{
		{name: "rgb.tif", make: cp("rgb.tif", "-c", "none"), std: true},
		{name: "lzw.tif", make: cp("lzw.tif", "-c", "lzw"), std: true},
		{name: "lzw-predictor.tif", make: cp("lzw-predictor.tif", "-c", "lzw:2"), std: true},
		{name: "deflate.tif", make: cp("deflate.tif", "-c", "zip"), std: true},
		{name: "packbits.tif", make: cp("packbits.tif", "-c", "packbits"), std: true},
		{name: "planes.tif", make: cp("planes.tif", "-p", "separate", "-c", "lzw")},
		{name: "planes-predictor.tif", make: cp("planes-predictor.tif", "-p", "separate", "-c", "lzw:2")},
		{name: "tiles.tif", make: cp("tiles.tif", "-t", "-w", "16", "-l", "16", "-c", "zip"), std: true},
		{name: "tiles16.tif", make: append(im("src.png", "b16.tif", "-depth", "16"), []string{"tiffcp", "-t", "-w", "32", "-l", "32", "-c", "lzw:2", "b16.tif", "tiles16.tif"})},
		{name: "bigtiff.tif", make: cp("bigtiff.tif", "-8", "-c", "lzw")},
		{name: "strips.tif", make: cp("strips.tif", "-r", "5", "-c", "packbits"), std: true},
		{name: "jpeg.tif", make: cpSmooth("jpeg.tif", "-r", "16", "-c", "jpeg:90"), lossy: true},
		{name: "jpeg-tiles.tif", make: cpSmooth("jpeg-tiles.tif", "-t", "-w", "32", "-l", "32", "-c", "jpeg:90"), lossy: true},
		{name: "jpeg-rgb.tif", make: cpSmooth("jpeg-rgb.tif", "-r", "16", "-c", "jpeg:r:90"), lossy: true},
		// Sharp colour edges: chroma upsampled as libjpeg does (libjpeg.go).
		{name: "jpeg-edges.tif", make: cp("jpeg-edges.tif", "-r", "16", "-c", "jpeg:90"), lossy: true},
		// ImageMagick writes JPEG-in-TIFF as RGB, its JPEG in the sampling asked.
		{name: "jpeg422.tif", make: im("smooth.png", "jpeg422.tif", "-compress", "JPEG", "-quality", "90", "-sampling-factor", "2x1"), lossy: true},
		{name: "jpeg-edges422.tif", make: im("src.png", "jpeg-edges422.tif", "-compress", "JPEG", "-quality", "90", "-sampling-factor", "2x1"), lossy: true},
		{name: "jpeg444.tif", make: im("src.png", "jpeg444.tif", "-compress", "JPEG", "-quality", "90", "-sampling-factor", "1x1"), lossy: true},
		{name: "cmyk-jpeg.tif", make: im("smooth.png", "cmyk-jpeg.tif", "-colorspace", "CMYK", "-compress", "JPEG", "-quality", "90"), lossy: true},
		{name: "rgb16.tif", make: im("src.png", "rgb16.tif", "-depth", "16", "-compress", "LZW")},
		{name: "packbits16.tif", make: im("smooth.png", "packbits16.tif", "-depth", "16", "-compress", "RLE")}, // literal runs and repeats
		{name: "grey4.tif", make: im("src.png", "grey4.tif", "-colorspace", "Gray", "-depth", "4"), gray: true},
		{name: "grey2.tif", make: im("src.png", "grey2.tif", "-colorspace", "Gray", "-depth", "2"), gray: true},
		// Min-is-white: the same samples, shown inverted.
		{name: "white16.tif", make: append(im("src.png", "white16.tif", "-colorspace", "Gray", "-depth", "16"),
			[]string{"tiffset", "-s", "262", "0", "white16.tif"}), gray: true},
		// ImageMagick does not invert grey with alpha: the reference is its
		// decode of the file before the change, inverted.
		{name: "whitea.tif", make: append(im("srca.png", "blacka.tif", "-colorspace", "Gray", "-depth", "8"),
			[]string{"tiffcp", "blacka.tif", "whitea.tif"}, []string{"tiffset", "-s", "262", "0", "whitea.tif"}),
			gray: true, inverts: "blacka.tif"},
		// An extra sample that is not alpha (ExtraSamples 0, "unspecified
		// data" in TIFF 6.0): grey, opaque; ImageMagick takes it for alpha.
		{name: "grey-extra.tif", make: append(im("srca.png", "grey-extra.tif", "-colorspace", "Gray", "-depth", "8"),
			[]string{"tiffset", "-s", "338", "1", "0", "grey-extra.tif"}), gray: true, opaque: true},
		{name: "fax4.tif", make: im("src.png", "fax4.tif", "-monochrome", "-compress", "Group4"), std: true, gray: true},
		{name: "fax4-lsb.tif", make: append(im("src.png", "fax4-msb.tif", "-monochrome", "-compress", "Group4"),
			[]string{"tiffcp", "-f", "lsb2msb", "fax4-msb.tif", "fax4-lsb.tif"}), std: true, gray: true},
		{name: "rgba16.tif", make: im("srca.png", "rgba16.tif", "-depth", "16", "-compress", "Zip")},
		{name: "rgba.tif", make: im("srca.png", "rgba.tif", "-depth", "8", "-compress", "LZW"), std: true},
		{name: "grey.tif", make: im("src.png", "grey.tif", "-colorspace", "Gray", "-depth", "8"), std: true, gray: true},
		{name: "grey16.tif", make: im("src.png", "grey16.tif", "-colorspace", "Gray", "-depth", "16"), gray: true},
		{name: "greya.tif", make: im("srca.png", "greya.tif", "-colorspace", "Gray", "-depth", "8"), gray: true},
		{name: "mono.tif", make: im("src.png", "mono.tif", "-monochrome"), std: true, gray: true},
		{name: "palette.tif", make: im("src.png", "palette.tif", "-type", "Palette", "-depth", "8")}, // 12 colours: 4 bits
		{name: "palette8.tif", make: im("smooth.png", "palette8.tif", "-type", "Palette", "-depth", "8"), std: true},
		{name: "rgba-premultiplied.tif", make: im("srca.png", "rgba-premultiplied.tif", "-depth", "8", "-define", "tiff:alpha=associated"), std: true},
		{name: "palette1.tif", make: im("src.png", "palette1.tif", "-colors", "2", "-type", "Palette")},
		{name: "palette4.tif", make: im("src.png", "palette4.tif", "-colors", "12", "-type", "Palette", "-depth", "4")},
		{name: "cmyk.tif", make: im("src.png", "cmyk.tif", "-colorspace", "CMYK", "-compress", "LZW")},
		{name: "cmyk-jpeg-strips.tif", make: append(im("smooth.png", "cmyk-smooth.tif", "-colorspace", "CMYK"),
			[]string{"tiffcp", "-r", "16", "-c", "jpeg:90", "cmyk-smooth.tif", "cmyk-jpeg-strips.tif"}), lossy: true},
		{name: "cmyk-tiles.tif", make: append(im("src.png", "cmyk-strips.tif", "-colorspace", "CMYK"),
			[]string{"tiffcp", "-t", "-w", "16", "-l", "16", "cmyk-strips.tif", "cmyk-tiles.tif"})},
		{name: "cmyk16.tif", make: im("src.png", "cmyk16.tif", "-colorspace", "CMYK", "-depth", "16")},
		{name: "pages.tif", make: append(cp("one.tif"), []string{"tiffcp", "one.tif", "base.tif", "pages.tif"}),
			std: true, note: "only the first page was used (the TIFF has several)"},
		{name: "v5.bmp", make: im("src.png", "v5.bmp"), std: true},
		{name: "v3.bmp", make: im("src.png", "BMP3:v3.bmp"), std: true},
		{name: "os2.bmp", make: im("src.png", "BMP2:os2.bmp")},
		{name: "alpha.bmp", make: im("srca.png", "alpha.bmp")},
		{name: "palette8.bmp", std: true, make: im("src.png", "BMP3:palette8.bmp", "-type", "Palette")},
		{name: "palette4.bmp", std: true, make: im("src.png", "BMP3:palette4.bmp", "-colors", "12", "-type", "Palette", "-depth", "4")},
		{name: "mono.bmp", std: true, make: im("src.png", "BMP3:mono.bmp", "-monochrome"), gray: true},
		{name: "rle8.bmp", make: im("src.png", "BMP3:rle8.bmp", "-type", "Palette", "-compress", "RLE")},
		{name: "rgb565.bmp", make: im("src.png", "rgb565.bmp", "-define", "bmp:subtype=RGB565")},
		{name: "rgb555.bmp", make: im("src.png", "rgb555.bmp", "-define", "bmp:subtype=RGB555")},
		// ImageMagick stretches 4-bit values by shifting (15 becomes 240);
		// picmark, as Firefox, to the whole range (15 becomes 255).
		{name: "argb4444.bmp", make: im("srca.png", "argb4444.bmp", "-define", "bmp:subtype=ARGB4444"), shift4: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range tt.make {
				run(t, dir, c[0], c[1:]...)
			}
			path := filepath.Join(dir, tt.name)
			got, info := decodeFile(t, path)
			if info.Width != 64 || info.Height != 48 || info.Orientation != 1 {
				t.Errorf("Info = %+v", info)
			}
			if note := joinNotes(info.Notes, "; "); note != tt.note {
				t.Errorf("notes %q, want %q", note, tt.note)
			}
			var want *image.NRGBA
			if tt.inverts == "" {
				want = imDecode(t, dir, tt.name)
			} else {
				want = imDecode(t, dir, tt.inverts)
				for i, v := range want.Pix {
					if i%4 != 3 {
						want.Pix[i] = 255 - v
					}
				}
			}
			for i := 3; tt.opaque && i < len(want.Pix); i += 4 {
				want.Pix[i] = 255
			}
			if tt.shift4 {
				for i, v := range want.Pix {
					want.Pix[i] = v | v>>4
				}
			}
			// JPEG-in-TIFF: libjpeg's IDCT and ours differ by a unit here
			// and there, so the bound, not the exact one; on flat
			// blocks with sharp edges there is no IDCT error, and the
			// upsampling must be libjpeg's to the unit.
			closeTo(t, got, want, !tt.lossy)
			if _, most, _ := diff(got, want); strings.HasPrefix(tt.name, "jpeg-edges") && most != 0 {
				t.Errorf("%d/255 from ImageMagick where libjpeg's upsampling gives 0", most)
			}
			// Which decoder read it, so a test fails when a kind moves.
			data, _ := os.ReadFile(path)
			_, c, err := inspect(bytes.NewReader(data), int64(len(data)), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if std := (c.tiff != nil && c.tiff.std()) || (c.bmp != nil && c.bmp.std()); std != tt.std {
				t.Errorf("read by golang.org/x/image: %v, want %v", std, tt.std)
			}
		})
	}
}

// TestTIFFOrientation: the orientation tag turns the picture once.
func TestTIFFOrientation(t *testing.T) {
	dir := fixtures(t)
	run(t, dir, "convert-im6", "src.png", "-compress", "LZW", "o.tif")
	want := imDecode(t, dir, "o.tif")
	for o := 1; o <= 8; o++ {
		run(t, dir, "tiffset", "-s", "274", fmt.Sprint(o), "o.tif")
		data, err := os.ReadFile(filepath.Join(dir, "o.tif"))
		if err != nil {
			t.Fatal(err)
		}
		got, info, err := Decode(data, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if info.Orientation != o {
			t.Fatalf("orientation %d read as %d", o, info.Orientation)
		}
		closeTo(t, got, toNRGBA(Orient(want, o)), true)
	}
}

// turned is what a picture looks like once turned rot quarter turns
// anticlockwise, then mirrored (mir 0: top and bottom exchanged, 1: left
// and right), by imaging's own steps: the meaning libavif and libheif give
// irot and imir, checked independently of heifOrientation's table.
func turned(m image.Image, rot, mir int) *image.NRGBA {
	out := toNRGBA(m)
	for range rot {
		out = imaging.Rotate90(out)
	}
	switch mir {
	case 0:
		out = imaging.FlipV(out)
	case 1:
		out = imaging.FlipH(out)
	}
	return out
}

// TestAVIF decodes AVIFs of every kind avifenc writes, against avifdec,
// and every irot and imir, with an EXIF orientation beside them, against
// the picture turned by imaging.
func TestAVIF(t *testing.T) {
	dir := fixtures(t)
	tests := []struct {
		name string
		args []string
		src  string
		cicp *colour.CICP
	}{
		{"yuv420.avif", []string{"-y", "420", "--min", "0", "--max", "10"}, "smooth.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6, FullRange: true}},
		{"yuv444.avif", []string{"-y", "444", "--min", "0", "--max", "10"}, "smooth.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6, FullRange: true}},
		{"yuv444-10bit.avif", []string{"-y", "444", "-d", "10", "--min", "0", "--max", "10"}, "smooth.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6, FullRange: true}},
		{"12bit.avif", []string{"-d", "12", "--min", "0", "--max", "10"}, "smooth.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6, FullRange: true}},
		{"bt709-limited.avif", []string{"-y", "444", "--cicp", "1/13/1", "-r", "limited", "--min", "0", "--max", "10"}, "smooth.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 1, FullRange: false}},
		{"alpha.avif", []string{"--min", "0", "--max", "5"}, "srca.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6, FullRange: true}},
		{"grid.avif", []string{"--grid", "2x2", "--min", "0", "--max", "10"}, "smooth-big.png", &colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6, FullRange: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run(t, dir, "avifenc", append(tt.args, tt.src, tt.name)...)
			run(t, dir, "avifdec", "-d", "8", tt.name, tt.name+".png")
			got, info := decodeFile(t, filepath.Join(dir, tt.name))
			b := readPNG(t, filepath.Join(dir, tt.name+".png")).Rect
			if info.Format != AVIF || info.Width != b.Dx() || info.Height != b.Dy() || info.Orientation != 1 || *info.CICP != *tt.cicp {
				t.Errorf("Info = %+v, CICP %+v", info, info.CICP)
			}
			if strings.Contains(tt.name, "420") || tt.name == "grid.avif" {
				likeSource(t, got, readPNG(t, filepath.Join(dir, tt.src)))
			} else {
				closeTo(t, got, readPNG(t, filepath.Join(dir, tt.name+".png")), false)
			}
		})
	}
	// Every irot and imir, each with an Exif item beside them (every EXIF
	// orientation appears) as iPhones write both: the picture is turned by
	// irot and imir alone (see heif.go).
	want := toNRGBA(scene())
	for rot := range 4 {
		for mir := -1; mir <= 1; mir++ {
			// avifenc turns a mirroring EXIF into an imir when it is given
			// none: those go with an imir.
			exif := []int{6, 8, 3, 1}[rot]
			if mir >= 0 {
				exif = []int{2, 4, 5, 7}[(rot*2+mir)%4]
			}
			name := fmt.Sprintf("irot%d-imir%d-exif%d.avif", rot, mir, exif)
			t.Run(name, func(t *testing.T) {
				if err := os.WriteFile(filepath.Join(dir, name+".exif"), tiffOrientationBytes(binary.BigEndian, exif), 0o644); err != nil {
					t.Fatal(err)
				}
				args := []string{"--lossless", "--exif", name + ".exif", "--irot", fmt.Sprint(rot)}
				if mir >= 0 {
					args = append(args, "--imir", fmt.Sprint(mir))
				}
				run(t, dir, "avifenc", append(args, "src.png", name)...)
				data, _ := os.ReadFile(filepath.Join(dir, name))
				got, info, err := Decode(data, DefaultLimits)
				if err != nil {
					t.Fatal(err)
				}
				if info.Orientation != heifOrientation(rot, mir) {
					t.Errorf("orientation %d", info.Orientation)
				}
				closeTo(t, got, turned(want, rot, mir), false)
			})
		}
	}
}

// photo is a picture with what a photo has and a blur would lose: smooth
// gradients, sharp edges between coloured blocks, and fine noise (the same
// every run).
func photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := blockColor(x*5/max(w, 5), y*4/max(h, 4))
			n := int(uint32(x*7919+y*104729)*2654435761>>27) - 16 // ±16
			g := 60 * x / max(w, 1)
			m.SetRGBA(x, y, color.RGBA{clampByte(int(c.R) + n - 30 + g), clampByte(int(c.G) - n), clampByte(int(c.B) + n/2 + g/2), 255})
		}
	}
	return m
}

// TestAVIFSequence: an animated AVIF (avifenc makes it from two frames,
// with a still item beside its track) gives its first frame, with a note.
func TestAVIFSequence(t *testing.T) {
	dir := fixtures(t)
	run(t, dir, "avifenc", "--min", "0", "--max", "10", "smooth.png", "src.png", "seq.avif")
	got, info := decodeFile(t, filepath.Join(dir, "seq.avif"))
	if info.Format != AVIF || info.Width != 64 || info.Height != 48 {
		t.Errorf("Info = %+v", info)
	}
	if note := joinNotes(info.Notes, "; "); note != "only the first frame was used (the AVIF is an animation)" {
		t.Errorf("notes %q", note)
	}
	likeSource(t, got, smooth(64, 48))
}

// TestAVIFClap: a clean aperture crops the picture (libavif leaves that to
// its caller), against the source cut the same.
func TestAVIFClap(t *testing.T) {
	dir := fixtures(t)
	run(t, dir, "avifenc", "--lossless", "--crop", "8,4,40,32", "src.png", "clap.avif")
	got, info := decodeFile(t, filepath.Join(dir, "clap.avif"))
	if info.Width != 40 || info.Height != 32 {
		t.Errorf("Info = %+v", info)
	}
	closeTo(t, got, toNRGBA(scene().SubImage(image.Rect(8, 4, 48, 36))), false)
}

// TestTo8Bit: libavif's 16-bit samples rounded to 8 bits.
func TestTo8Bit(t *testing.T) {
	m := image.NewRGBA64(image.Rect(0, 0, 1, 1))
	m.SetRGBA64(0, 0, color.RGBA64{0, 128, 32896, 65535})
	if got := to8Bit(m).(*image.RGBA).Pix; !slices.Equal(got, []byte{0, 0, 128, 255}) {
		t.Errorf("to8Bit = %v", got)
	}
}

// TestHEIC decodes HEICs heif-enc writes, of the sizes photos and
// thumbnails have (1 to 130 px, odd and even, and a 12 MP phone photo),
// in 4:2:0 (what iPhones write), 4:2:2 and 4:4:4, with alpha, 10 bits and
// BT.709 limited range, and compares each with Debian's heif-convert on
// the same file: the bound (2/255 at the 99th percentile, 6/255 at
// most) for every one.
func TestHEIC(t *testing.T) {
	dir := fixtures(t)
	type file struct {
		name string
		w, h int
		args []string
		src  image.Image
	}
	var files []file
	sizes := [][2]int{{1, 1}, {2, 2}, {3, 5}, {7, 1}, {1, 9}, {15, 17}, {31, 33}, {33, 17}, {63, 65}, {64, 64},
		{65, 63}, {95, 97}, {96, 64}, {127, 65}, {128, 130}, {129, 5}, {130, 130}}
	for _, c := range []string{"420", "422", "444"} {
		for _, s := range sizes {
			files = append(files, file{fmt.Sprintf("%dx%d-%s.heic", s[0], s[1], c), s[0], s[1],
				[]string{"-q", "90", "-p", "chroma=" + c}, photo(s[0], s[1])})
		}
	}
	// 12 MP takes x265 most of this test's time, and the many small sizes
	// the rest: -short (mutation testing) keeps one of each kind, make test
	// runs them all.
	if testing.Short() {
		files = slices.DeleteFunc(files, func(f file) bool {
			return !slices.Contains([]string{"1x1", "33x17", "127x65"}, fmt.Sprintf("%dx%d", f.w, f.h))
		})
	} else {
		files = append(files, file{"12mp-420.heic", 4032, 3024, []string{"-q", "80", "-p", "preset=ultrafast"}, photo(4032, 3024)})
	}
	deep := image.NewRGBA64(image.Rect(0, 0, 96, 64))
	draw.Draw(deep, deep.Rect, photo(96, 64), image.Point{}, draw.Src)
	files = append(files,
		file{"alpha.heic", 64, 48, []string{"-q", "90"}, sceneAlpha()},
		file{"10bit.heic", 96, 64, []string{"-q", "90", "-b", "10"}, deep},
		file{"bt709-limited.heic", 96, 64, []string{"-q", "90", "-p", "chroma=444", "--matrix_coefficients=1",
			"--full_range_flag=0", "--colour_primaries=1", "--transfer_characteristic=1"}, smooth(96, 64)})
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			src := f.name + ".png"
			if err := os.WriteFile(filepath.Join(dir, src), encPNG(f.src), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, dir, "heif-enc", append(f.args, "-o", f.name, src)...)
			run(t, dir, "heif-convert", f.name, f.name+".ref.png")
			got, info := decodeFile(t, filepath.Join(dir, f.name))
			if info.Format != HEIC || info.Width != f.w || info.Height != f.h || info.Orientation != 1 {
				t.Errorf("Info = %+v", info)
			}
			closeTo(t, got, readPNG(t, filepath.Join(dir, f.name+".ref.png")), false)
			if f.name == "bt709-limited.heic" {
				likeSource(t, got, f.src) // read with its own matrix, not BT.601's
			}
		})
	}
}
