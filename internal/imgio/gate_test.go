package imgio

import (
	"errors"
	"image"
	"image/color"
	"runtime"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Format
		err  error
	}{
		{"jpeg", "\xFF\xD8\xFF\xE0", JPEG, nil},
		{"png", "\x89PNG\r\n\x1a\n\x00", PNG, nil},
		{"gif87", "GIF87a", GIF, nil},
		{"gif89", "GIF89a...", GIF, nil},
		{"webp", "RIFF\x10\x00\x00\x00WEBPVP8 ", WebP, nil},
		{"riff not webp", "RIFF\x10\x00\x00\x00AVI LIST", "", ErrNotImage},
		{"bmp too short to tell", "BM\x00\x00", "", ErrNotImage},
		{"bmp", "BM\x00\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", BMP, nil},
		{"bmp os2", "BM\x00\x00\x00\x00\x00\x00\x00\x00\x1a\x00\x00\x00\x0c\x00\x00\x00", BMP, nil},
		{"text starting BM", "BMW drivers club: notes for the meeting", "", ErrNotImage},
		{"tiff ii", "II*\x00", TIFF, nil},
		{"tiff mm", "MM\x00*", TIFF, nil},
		{"bigtiff", "II+\x00\x08\x00", TIFF, nil},
		{"heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", HEIC, nil},
		{"heif mif1 then heic", "\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf", HEIC, nil},
		{"avif", "\x00\x00\x00\x20ftypavif\x00\x00\x00\x00avifmif1miafMA1B", AVIF, nil},
		{"avif sequence", "\x00\x00\x00\x1cftypavis\x00\x00\x00\x00avismsf1iso8", AVIF, nil},
		{"mp4 video", "\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "", ErrNotImage},
		{"text", "hello", "", ErrNotImage},
		{"short jpeg", "\xFF\xD8", "", ErrNotImage},
		{"empty", "", "", ErrNotImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff([]byte(tt.head))
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("Sniff = %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestInspect(t *testing.T) {
	small := Limits{MaxFileBytes: 100}
	tests := []struct {
		name     string
		data     []byte
		lim      Limits
		want     Info
		limit    string // LimitError.What expected
		corrupt  bool
		notImage bool
		msg      string // substring of Error()
	}{
		{name: "jpeg with xmp then exif", data: readTestdata(t, "photo-xmp-then-exif6.jpg"), want: hdr(JPEG, 32, 24, 6)},
		{name: "png", data: readTestdata(t, "alpha.png"), want: hdr(PNG, 4, 2, 1)},
		{name: "gif", data: readTestdata(t, "two-frames.gif"), want: hdr(GIF, 6, 4, 1)},
		{name: "webp", data: readTestdata(t, "photo.webp"), want: hdr(WebP, 150, 100, 1)},
		{name: "text", data: readTestdata(t, "not-an-image.txt"), notImage: true, msg: "is not an image picmark can read (JPEG, PNG, GIF, WebP, HEIC, AVIF, TIFF or BMP)"},
		{name: "huge claim", data: readTestdata(t, "huge-claim.jpg"), limit: "pixels",
			msg: "is 65500×65500 pixels (4290 megapixels); picmark accepts up to 50 megapixels: export a smaller copy"},
		{name: "thin 256x1", data: readTestdata(t, "thin-256x1.png"), limit: "aspect",
			msg: "is 256×1 pixels, 256 times as wide as it is tall; picmark accepts up to 32 times: crop it to a less extreme shape first"},
		{name: "tall 1x40", data: encPNG(image.NewGray(image.Rect(0, 0, 1, 40))), limit: "aspect", msg: "40 times as tall as it is wide"},
		{name: "side before aspect", data: pngHeader(60000, 1), limit: "side"},
		{name: "16384 square is pixels", data: pngHeader(16384, 16384), limit: "pixels", msg: "(268 megapixels)"},
		{name: "aspect 32 ok", data: encPNG(image.NewGray(image.Rect(0, 0, 64, 2))), want: hdr(PNG, 64, 2, 1)},
		{name: "side", data: pngHeader(20000, 1000), limit: "side",
			msg: "is 20000×1000 pixels; picmark accepts at most 16384 pixels on a side: export a smaller copy"},
		{name: "file size", data: readTestdata(t, "alpha.png"), lim: Limits{MaxFileBytes: 50}, limit: "file size",
			msg: "is 82 bytes; picmark accepts files up to 50 bytes: export a smaller copy"},
		{name: "small file ok", data: readTestdata(t, "alpha.png"), lim: small, want: hdr(PNG, 4, 2, 1)},
		{name: "cut before header", data: readTestdata(t, "truncated.jpg")[:20], corrupt: true,
			msg: "is damaged or incomplete (the JPEG data ends early): export it again"},
		{name: "png garbage", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDRxxxxxxxxxxxxxxxxx"), corrupt: true, msg: "PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Info
			var err error
			if alloc := allocated(func() { got, err = Inspect(tt.data, tt.lim) }); alloc > 1<<20 {
				t.Errorf("Inspect allocated %d bytes; the gate must not touch pixels", alloc)
			}
			var le *LimitError
			var ce *CorruptError
			switch {
			case tt.limit != "":
				if !errors.As(err, &le) || le.What != tt.limit {
					t.Fatalf("err = %v, want a %s LimitError", err, tt.limit)
				}
			case tt.corrupt:
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v, want a CorruptError", err)
				}
			case tt.notImage:
				if !errors.Is(err, ErrNotImage) {
					t.Fatalf("err = %v, want ErrNotImage", err)
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				if got.Format != tt.want.Format || got.Width != tt.want.Width || got.Height != tt.want.Height ||
					got.Orientation != tt.want.Orientation || got.Profile != nil || got.Notes != nil {
					t.Errorf("Info = %+v, want %+v", got, tt.want)
				}
			}
			if tt.msg != "" && (err == nil || !strings.Contains(err.Error(), tt.msg)) {
				t.Errorf("Error() = %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	t.Run("truncated jpeg", func(t *testing.T) {
		_, _, err := Decode(readTestdata(t, "truncated.jpg"), DefaultLimits)
		var ce *CorruptError
		if !errors.As(err, &ce) || ce.Format != JPEG {
			t.Fatalf("err = %v, want a JPEG CorruptError", err)
		}
		if want := "is damaged or incomplete (the JPEG data ends early): export it again"; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err, want)
		}
		if errors.Unwrap(err) == nil {
			t.Error("CorruptError hides its cause")
		}
	})
	t.Run("truncated other formats", func(t *testing.T) {
		png := encPNG(noise(32, 32, 2))
		gif := readTestdata(t, "two-frames.gif")
		webp := readTestdata(t, "photo.webp")
		for _, tt := range []struct {
			f    Format
			data []byte
		}{{PNG, png[:len(png)-40]}, {GIF, gif[:45]}, {WebP, webp[:len(webp)-500]}} {
			_, _, err := Decode(tt.data, DefaultLimits)
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Format != tt.f {
				t.Errorf("%s: err = %v, want a CorruptError", tt.f, err)
				continue
			}
			if !strings.HasPrefix(err.Error(), "is damaged") || !strings.Contains(err.Error(), tt.f.Name()) || !strings.HasSuffix(err.Error(), "export it again") {
				t.Errorf("%s: message %q", tt.f, err)
			}
			t.Logf("%s: %v (%v)", tt.f, err, ce.Err)
		}
	})
	t.Run("gif first frame", func(t *testing.T) {
		img, info, err := Decode(readTestdata(t, "two-frames.gif"), DefaultLimits)
		if err != nil || info.Format != GIF {
			t.Fatal(err, info)
		}
		if c := img.At(2, 2); !near(c, color.RGBA{255, 0, 0, 255}, 0) {
			t.Errorf("pixel = %v, want the red first frame", c)
		}
	})
	t.Run("png alpha kept", func(t *testing.T) {
		img, _, err := Decode(readTestdata(t, "alpha.png"), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, _, a := img.At(3, 0).RGBA(); a != 0 {
			t.Errorf("alpha = %d, want transparent", a)
		}
	})
	t.Run("webp", func(t *testing.T) {
		img, _, err := Decode(readTestdata(t, "photo.webp"), DefaultLimits)
		if err != nil || img.Bounds().Dx() != 150 {
			t.Fatal(err)
		}
	})
	t.Run("gate first", func(t *testing.T) {
		data := readTestdata(t, "huge-claim.jpg")
		var err error
		alloc := allocated(func() { _, _, err = Decode(data, DefaultLimits) })
		var le *LimitError
		if !errors.As(err, &le) || le.Got != 65500*65500 {
			t.Fatalf("err = %v", err)
		}
		if alloc > 64<<10 {
			t.Errorf("refusing allocated %d bytes", alloc)
		}
	})
}

// hdr is the Info of a photo without a colour profile.
func hdr(f Format, w, h, o int) Info { return Info{Format: f, Width: w, Height: h, Orientation: o} }

// allocated is how many bytes of heap f allocates: the gate's promise not
// to touch pixels, in a measure that does not depend on the machine's load
// (how fast it refuses is make bench's to measure).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// The gate's speed on the photo that would kill a worker (a 378-byte JPEG
// claiming 65500²): make bench reports it; it must stay far below a decode.
func BenchmarkRefuseHugeClaim(b *testing.B) {
	data := readTestdata(b, "huge-claim.jpg")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode(data, DefaultLimits); err == nil {
			b.Fatal("a 65500² claim passed the gate")
		}
	}
}
