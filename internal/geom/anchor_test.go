package geom

import (
	"image"
	"testing"
)

func TestAnchorNamesRoundTrip(t *testing.T) {
	for _, a := range Anchors() {
		got, err := ParseAnchor(a.String())
		if err != nil || got != a {
			t.Errorf("ParseAnchor(%q) = %v, %v", a.String(), got, err)
		}
	}
	if _, err := ParseAnchor("upper-left"); err == nil {
		t.Error("an unknown name was accepted")
	}
	if a, err := ParseAnchor("Centre"); err != nil || a != Center {
		t.Errorf("Centre = %v, %v", a, err)
	}
	// Anchors out of range (a kit from a newer version) name themselves.
	for a, want := range map[Anchor]string{-1: "anchor(-1)", 9: "anchor(9)"} {
		if got := a.String(); got != want {
			t.Errorf("Anchor(%d).String() = %q, want %q", int(a), got, want)
		}
	}
}

func TestPlace(t *testing.T) {
	area := image.Rect(10, 20, 110, 220) // 100×200
	tests := []struct {
		a    Anchor
		want image.Rectangle
	}{
		{TopLeft, image.Rect(15, 25, 35, 35)},
		{Top, image.Rect(50, 25, 70, 35)},
		{TopRight, image.Rect(85, 25, 105, 35)},
		{Left, image.Rect(15, 115, 35, 125)},
		{Center, image.Rect(50, 115, 70, 125)},
		{Right, image.Rect(85, 115, 105, 125)},
		{BottomLeft, image.Rect(15, 205, 35, 215)},
		{Bottom, image.Rect(50, 205, 70, 215)},
		{BottomRight, image.Rect(85, 205, 105, 215)},
	}
	for _, tt := range tests {
		if got := Place(area, 20, 10, 5, tt.a); got != tt.want {
			t.Errorf("Place(%v) = %v, want %v", tt.a, got, tt.want)
		}
	}
}

func TestAnchorCrop(t *testing.T) {
	src := image.Rect(0, 0, 400, 100)
	tests := []struct {
		a    Anchor
		want image.Rectangle
	}{
		{Left, image.Rect(0, 0, 100, 100)},
		{TopLeft, image.Rect(0, 0, 100, 100)},
		{Center, image.Rect(150, 0, 250, 100)},
		{Right, image.Rect(300, 0, 400, 100)},
		{BottomRight, image.Rect(300, 0, 400, 100)},
	}
	for _, tt := range tests {
		if got := AnchorCrop(src, 1, 1, tt.a); got != tt.want {
			t.Errorf("AnchorCrop(%v) = %v, want %v", tt.a, got, tt.want)
		}
	}
	tall := image.Rect(0, 0, 100, 400)
	if got, want := AnchorCrop(tall, 1, 1, Bottom), image.Rect(0, 300, 100, 400); got != want {
		t.Errorf("AnchorCrop(tall, Bottom) = %v, want %v", got, want)
	}
}
