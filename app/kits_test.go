package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"testing"

	"picmark/internal/brand"
	"picmark/internal/preset"
)

// A kit saved from the page's choices and opened again gives the same
// choices and the same logo: what the browser keeps is what the user set.
func TestKitRoundTrip(t *testing.T) {
	logo := image.NewNRGBA(image.Rect(0, 0, 8, 4))
	logo.Set(1, 1, color.NRGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, logo); err != nil {
		t.Fatal(err)
	}
	c := defaultChoices()
	c.Ticked = map[string]bool{"snapchat-story": true, "shop": true}
	c.Custom = []preset.Preset{{ID: "shop", Name: "Shop", Platform: "Custom", Width: 600, Height: 600, MaxBytes: 5 << 20, Formats: []string{"jpeg", "png"}}}
	c.LogoAnchor, c.LogoScale, c.LogoOpacity = "top-left", 30, 70
	c.Text, c.TextFont, c.TextSize, c.TextColor, c.TextStyle, c.BandColor, c.TextAnchor = "Soldes d'hiver", "italic", 60, "#ffcc00", "band", "#102030", "top"
	c.Tile, c.TileText, c.TileAngle, c.TileSpacing, c.TileOpacity = true, "", -20, 12, 35

	kit := c.settings(upload{Name: "logo.png", Data: buf.Bytes()}, upload{}).Kit
	data, err := kit.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	f, err := brand.ParseFile(data)
	if err != nil {
		t.Fatalf("the page's kit does not read back: %v", err)
	}
	got := defaultChoices()
	gotLogo, gotFont := got.applyKit(f)
	if !bytes.Equal(gotLogo.Data, buf.Bytes()) {
		t.Error("the logo did not come back")
	}
	if gotFont.Data != nil || gotFont.Name != "" {
		t.Errorf("a kit with a bundled font (%q) brought a font file back: %q, %d bytes", c.TextFont, gotFont.Name, len(gotFont.Data))
	}
	// Settings outside the kit (framing, output) keep their own values.
	got.Crop, got.Fit, got.Pad, got.Format, got.Quality, got.Name = c.Crop, c.Fit, c.Pad, c.Format, c.Quality, c.Name
	if !reflect.DeepEqual(got, c) {
		t.Errorf("choices after a round trip:\n got %+v\nwant %+v", got, c)
	}
}
