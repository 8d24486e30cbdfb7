package imgio

// cmykToRGB writes to rgb (3 bytes) the colour of one pixel of CMYK ink
// amounts (4 bytes, 0 no ink, 255 full ink), as a TIFF stores them.
//
// THE single place where CMYK pixels become RGB. It is naive (no profile:
// what a screen would show of uncalibrated inks), until internal/colour
// converts through the file's CMYK (A2B lookup table) profile as
// LittleCMS does; the lead wires that here once the colour branch lands,
// and then drops the "colour profile ignored (it is a CMYK profile)" note.
func cmykToRGB(rgb, cmyk []byte) {
	k := 255 - uint32(cmyk[3])
	rgb[0] = byte((255 - uint32(cmyk[0])) * k / 255)
	rgb[1] = byte((255 - uint32(cmyk[1])) * k / 255)
	rgb[2] = byte((255 - uint32(cmyk[2])) * k / 255)
}
