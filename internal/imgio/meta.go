package imgio

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"io"
	"strings"

	"picmark/internal/colour"
	"picmark/internal/msg"
)

// maxICC bounds an embedded profile: matrix/TRC profiles are under 10 KB,
// the largest lookup-table ones a few MB. A PNG's compressed profile is
// never inflated beyond this.
const maxICC = 4 << 20

// embeddedICC returns the ICC profile embedded in data, read without
// decoding pixels: JPEG APP2 "ICC_PROFILE" chunks joined in their sequence
// order, PNG iCCP (inflated), WebP ICCP. problem is a plain reason when a
// profile is there but cannot be read (msg.ProfileIncomplete).
func embeddedICC(data []byte, f Format) (icc []byte, problem msg.Code) {
	switch f {
	case JPEG:
		return jpegICC(data)
	case PNG:
		return pngICC(data)
	case WebP:
		c, _ := webpChunk(data, "ICCP")
		return c, ""
	}
	return nil, ""
}

// jpegSegments calls fn for every marker segment before the image data,
// with the offset of its marker in data, until fn returns false. It stops
// quietly on anything malformed.
func jpegSegments(data []byte, fn func(marker byte, at int, seg []byte) bool) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return
	}
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return // not a marker: give up rather than guess
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			i++
			continue
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7): // no length
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9: // image data or end: no metadata after this
			return
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return
		}
		if !fn(marker, i, data[i+4:i+2+n]) {
			return
		}
		i += 2 + n
	}
}

// jpegICC joins the APP2 chunks: "ICC_PROFILE\0", sequence number (1..n),
// count n, then the bytes. Writers may order the segments freely.
func jpegICC(data []byte) ([]byte, msg.Code) {
	const sig = "ICC_PROFILE\x00"
	var chunks [][]byte
	count, bad := 0, false
	jpegSegments(data, func(marker byte, _ int, seg []byte) bool {
		if marker != 0xE2 || !bytes.HasPrefix(seg, []byte(sig)) {
			return true
		}
		if len(seg) < len(sig)+2 {
			bad = true
			return false
		}
		seq, n := int(seg[len(sig)]), int(seg[len(sig)+1])
		if chunks == nil {
			count, chunks = n, make([][]byte, n)
		}
		if n != count || seq < 1 || seq > count || chunks[seq-1] != nil {
			bad = true
			return false
		}
		chunks[seq-1] = seg[len(sig)+2:]
		return true
	})
	if chunks == nil && !bad {
		return nil, ""
	}
	var icc []byte
	for _, c := range chunks {
		if c == nil {
			bad = true
			break
		}
		icc = append(icc, c...)
	}
	if bad || len(icc) == 0 {
		return nil, msg.ProfileIncomplete
	}
	return icc, ""
}

// pngChunks calls fn for every chunk after the signature until IEND, a
// malformed length, or fn returning false. CRCs are not checked: the
// decoder checks those of the chunks it reads.
func pngChunks(data []byte, fn func(typ string, body []byte) bool) {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return
	}
	for i := 8; i+8 <= len(data); {
		n := uint64(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if uint64(i)+12+n > uint64(len(data)) || typ == "IEND" {
			return
		}
		if !fn(typ, data[i+8:i+8+int(n)]) {
			return
		}
		i += 12 + int(n)
	}
}

// pngICC inflates the first iCCP chunk: name, NUL, method 0, zlib data.
func pngICC(data []byte) (icc []byte, problem msg.Code) {
	pngChunks(data, func(typ string, body []byte) bool {
		if typ != "iCCP" {
			return true
		}
		nul := bytes.IndexByte(body, 0)
		if nul < 1 || nul > 79 || nul+2 > len(body) || body[nul+1] != 0 {
			problem = msg.ProfileDamaged
			return false
		}
		zr, err := zlib.NewReader(bytes.NewReader(body[nul+2:]))
		if err != nil {
			problem = msg.ProfileDamaged
			return false
		}
		b, err := io.ReadAll(io.LimitReader(zr, maxICC+1))
		switch {
		case len(b) > maxICC:
			problem = msg.ProfileTooLarge
		case err != nil:
			problem = msg.ProfileDamaged
		default:
			icc = b
		}
		return false
	})
	return icc, problem
}

// webpChunk returns the body of the first chunk named fourcc of a WebP
// (RIFF) file.
func webpChunk(data []byte, fourcc string) ([]byte, bool) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, false
	}
	for i := 12; i+8 <= len(data); {
		n := uint64(binary.LittleEndian.Uint32(data[i+4:]))
		if uint64(i)+8+n > uint64(len(data)) {
			return nil, false
		}
		if string(data[i:i+4]) == fourcc {
			return data[i+8 : i+8+int(n)], true
		}
		i += 8 + int(n) + int(n&1) // chunks are padded to an even size
	}
	return nil, false
}

// exifTIFF strips the "Exif\0\0" prefix some writers put before the TIFF
// header in PNG eXIf and WebP EXIF chunks (the specifications say none).
func exifTIFF(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("Exif\x00\x00"))
}

func pngOrientation(data []byte) int {
	o := 1
	pngChunks(data, func(typ string, body []byte) bool {
		if typ != "eXIf" {
			return true
		}
		if v := tiffOrientation(exifTIFF(body)); v != 0 {
			o = v
		}
		return false
	})
	return o
}

func webpOrientation(data []byte) int {
	if b, ok := webpChunk(data, "EXIF"); ok {
		if v := tiffOrientation(exifTIFF(b)); v != 0 {
			return v
		}
	}
	return 1
}

// readProfile fills info.Profile and info.Notes from the embedded profile.
// A profile picmark cannot apply (or cannot read), or one made for another
// kind of pixels than the photo's (a CMYK profile on an RGB photo), is
// reported, not applied; an sRGB profile is kept (Active false) and
// reported nowhere.
func readProfile(data []byte, info *Info) {
	icc, problem := embeddedICC(data, info.Format)
	setProfile(icc, problem, channels(data, info.Format), info)
}

// setProfile is readProfile for a profile any container gave (HEIF colr,
// the TIFF tag), or the problem found reading it; channels is the number of
// colour channels of the file's pixels (see channels), 0 when not known.
func setProfile(icc []byte, problem msg.Code, channels int, info *Info) {
	if problem == "" && icc == nil {
		return
	}
	note := msg.New(problem)
	if problem == "" {
		p, err := colour.ParseICC(icc)
		switch {
		case err != nil:
			note = msg.New(msg.ProfileDamaged)
		case p.Reason() != "":
			info.Profile, note = p, msg.New(p.Reason())
		default:
			if channels != 0 {
				note = p.FitReason(channels)
			}
			if note.IsZero() {
				info.Profile = p
			}
		}
	}
	if !note.IsZero() {
		info.Notes = append(info.Notes, note)
	}
}

// ProfileNote reports whether n is a note about the photo's colour
// profile (a decoder that converts the colours itself drops them).
func ProfileNote(n msg.Message) bool { return strings.HasPrefix(string(n.Code), "profile-") }

// profileFromCICP makes Profile from the nclx numbers of a HEIC or AVIF
// without an ICC profile (an ICC profile wins, as in libheif and Chromium):
// a Display P3 iPhone photo then comes out in sRGB like a JPEG with its P3
// profile.
func (i *Info) profileFromCICP() {
	if i.CICP == nil || i.Profile != nil {
		return
	}
	p, note := i.CICP.Profile()
	i.Profile = p
	if note != "" {
		i.noteOnce(msg.New(note))
	}
}

// channels is the number of colour channels a file's pixels have, as its
// header says: 1 (grey), 3 (RGB, palette) or 4 (CMYK); 0 when not known,
// and then a profile is taken as it comes. A format whose files may be
// grey or CMYK needs its case here.
func channels(data []byte, f Format) int {
	n := 0
	switch f {
	case WebP:
		n = 3
	case JPEG:
		jpegSegments(data, func(marker byte, _ int, seg []byte) bool {
			sof := marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
			if sof && len(seg) >= 6 {
				n = int(seg[5]) // the frame header's component count
			}
			return !sof
		})
	case PNG:
		pngChunks(data, func(typ string, body []byte) bool {
			if typ == "IHDR" && len(body) >= 10 {
				n = 3
				if body[9] == 0 || body[9] == 4 {
					n = 1 // grey, grey with alpha
				}
			}
			return false // IHDR comes first
		})
	}
	return n
}

// vp8Colours is how lossy WebP (VP8) stores colour: BT.601 Y′CbCr in
// limited range.
var vp8Colours = colour.CICP{Primaries: 1, Transfer: 13, Matrix: 6}

// vp8ToRGB converts a lossy WebP's planes to RGB as libwebp (dwebp, and
// the browsers) does: limited range, chroma upsampled "fancy". Left as
// x/image/webp returns them, image.YCbCr would take them for full-range
// JPEG samples and flatten the contrast. Lossless WebP (NRGBA) is returned
// as it is.
func vp8ToRGB(img image.Image) (image.Image, error) {
	switch m := img.(type) {
	case *image.YCbCr:
		return colour.YCbCrToNRGBA(m, vp8Colours, colour.Fancy)
	case *image.NYCbCrA:
		return colour.NYCbCrAToNRGBA(m, vp8Colours, colour.Fancy)
	}
	return img, nil
}

// decodedToSRGB turns a decoder's CMYK pixels (a print shop's JPEG) into
// sRGB at once, in place, by the photo's CMYK profile or, without one, as
// browsers show them; info then has no profile, its work done. Other
// images are returned as they are: their profile is applied to each small
// output (ConvertToSRGB).
func decodedToSRGB(img image.Image, info Info) (image.Image, Info) {
	c, ok := img.(*image.CMYK)
	if !ok {
		return img, info
	}
	p := info.Profile
	if !p.IsCMYK() {
		p = nil
	}
	info.Profile = nil
	return p.CMYKToRGBA(c), info
}

// ConvertToSRGB converts m, pixels decoded from the photo info describes,
// from the photo's embedded colour profile to sRGB, in place. m is an
// *image.RGBA or *image.NRGBA (other types are left alone); call it on the
// small rendered output, before drawing anything that is already sRGB (pad
// colour, logo, text). It does nothing when the photo has no profile, an
// sRGB one, or one picmark does not apply (Info.Notes then says so), and
// reports whether it changed the pixels.
func ConvertToSRGB(m image.Image, info Info) bool {
	if !info.Profile.Active() {
		return false
	}
	switch m := m.(type) {
	case *image.RGBA:
		info.Profile.ToSRGB(m)
	case *image.NRGBA:
		info.Profile.ToSRGBNRGBA(m)
	default:
		return false
	}
	return true
}
