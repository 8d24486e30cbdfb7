package imgio

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"picmark/internal/colour"
)

// testdata/cmyk.jpg is a 32×24 Adobe CMYK JPEG without a profile, as print
// shops send them, made by ImageMagick:
//
//	convert-im6 -size 32x24 gradient:'#E03020'-'#2050C0' \
//	  \( -size 32x24 gradient:white-black -rotate 90 -resize 32x24! \) \
//	  -compose multiply -composite -colorspace CMYK -strip -quality 90 cmyk.jpg
//
// The tests add profiles to it; internal/colour checks the conversion
// itself against LittleCMS.
func TestCMYKJPEG(t *testing.T) {
	plain := readTestdata(t, "cmyk.jpg")
	fogra := profileFile(t, "FOGRA39L.icc")
	cmykPixels := func(data []byte) *image.CMYK {
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return img.(*image.CMYK)
	}
	naive := func(data []byte) []byte {
		m := cmykPixels(data)
		var none *colour.Profile
		return none.CMYKToRGBA(m).Pix
	}
	withFogra := withSegments(plain, iccSegments(fogra, 2, 1)...)
	p, err := colour.ParseICC(fogra)
	if err != nil {
		t.Fatal(err)
	}
	byProfile := p.CMYKToRGBA(cmykPixels(withFogra)).Pix
	if bytes.Equal(byProfile, naive(plain)) {
		t.Fatal("the profile changes nothing: a useless test")
	}
	if info, err := Inspect(encJPEG(blocks(4, 3, 16), 90), DefaultLimits); err != nil || info.CMYK {
		t.Fatalf("an RGB JPEG: CMYK %v, %v", info.CMYK, err)
	}
	tests := []struct {
		name string
		data []byte
		note string
		want []byte
	}{
		{"no profile: as browsers show it", plain, "", naive(plain)},
		{"FOGRA39 profile", withFogra, "", byProfile},
		{"an RGB profile", withSegments(plain, iccSegments(profileFile(t, "compatibleWithAdobeRGB1998.icc"), 1)...),
			"colour profile ignored (it is made for RGB pixels and the photo has CMYK pixels)", naive(plain)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if got := joinNotes(info.Notes, "|"); got != tt.note {
				t.Errorf("Notes %q, want %q", got, tt.note)
			}
			if info.Profile.Active() {
				t.Error("a CMYK photo's profile is active on its outputs")
			}
			if !info.CMYK {
				t.Error("the gate did not say the JPEG is CMYK")
			}
			img, info, err := DecodeStored(tt.data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := img.(*image.RGBA)
			if !ok || info.Profile != nil {
				t.Fatalf("decoded %T, profile %v: want sRGB RGBA and no profile left", img, info.Profile)
			}
			if !bytes.Equal(m.Pix, tt.want) {
				t.Error("pixels differ from the conversion expected")
			}
		})
	}
}

func TestProfileMustFitThePhoto(t *testing.T) {
	grey := profileFile(t, "Gray.icc") // linear grey: its photos look darker shown as sRGB
	adobe := profileFile(t, "compatibleWithAdobeRGB1998.icc")
	greyJPEG := encJPEG(image.NewGray(image.Rect(0, 0, 8, 8)), 90)
	tests := []struct {
		name   string
		data   []byte
		active bool
		note   string
	}{
		{"grey JPEG, grey profile", withSegments(greyJPEG, iccSegments(grey, 1)...), true, ""},
		{"grey JPEG, RGB profile", withSegments(greyJPEG, iccSegments(adobe, 1)...), true, ""},
		{"RGB JPEG, CMYK profile", withSegments(encJPEG(blocks(2, 2, 8), 90), iccSegments(profileFile(t, "FOGRA39L.icc"), 1, 2)...),
			false, "colour profile ignored (it is made for CMYK pixels and the photo has RGB pixels)"},
		{"grey PNG, grey profile", withPNGChunks(encPNG(image.NewGray(image.Rect(0, 0, 4, 4))), iccpChunk(grey)), true, ""},
		{"RGB PNG, grey profile", withPNGChunks(encPNG(blocks(2, 2, 4)), iccpChunk(grey)),
			false, "colour profile ignored (it is made for greyscale pixels and the photo has RGB pixels)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.data, DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if info.Profile.Active() != tt.active {
				t.Errorf("Active %v, want %v", info.Profile.Active(), tt.active)
			}
			if got := joinNotes(info.Notes, "|"); got != tt.note {
				t.Errorf("Notes %q, want %q", got, tt.note)
			}
		})
	}
}

func TestChannels(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		f    Format
		want int
	}{
		{"grey JPEG", encJPEG(image.NewGray(image.Rect(0, 0, 8, 8)), 90), JPEG, 1},
		{"colour JPEG", encJPEG(blocks(2, 2, 8), 90), JPEG, 3},
		{"CMYK JPEG", readTestdata(t, "cmyk.jpg"), JPEG, 4},
		{"progressive-looking SOF2", []byte("\xFF\xD8\xFF\xC2\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00\xFF\xDA"), JPEG, 1},
		{"grey PNG", encPNG(image.NewGray(image.Rect(0, 0, 2, 2))), PNG, 1},
		{"grey+alpha PNG", pngWithColourType(4), PNG, 1},
		{"palette PNG", pngWithColourType(3), PNG, 3},
		{"RGBA PNG", encPNG(alphaImage()), PNG, 3},
		{"WebP", readTestdata(t, "photo.webp"), WebP, 3},
		{"a JPEG without a frame header", []byte("\xFF\xD8\xFF\xDA"), JPEG, 0},
		{"a PNG without IHDR", []byte("\x89PNG\r\n\x1a\n"), PNG, 0},
		{"a format without a case", readTestdata(t, "two-frames.gif"), GIF, 0},
	}
	for _, tt := range tests {
		if got := channels(tt.data, tt.f); got != tt.want {
			t.Errorf("%s: %d channels, want %d", tt.name, got, tt.want)
		}
	}
}

// pngWithColourType is a PNG signature and an IHDR of that colour type.
func pngWithColourType(ct byte) []byte {
	body := []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, ct, 0, 0, 0}
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", body)...)
}
