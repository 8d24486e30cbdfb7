package geom

import (
	"image"
	"testing"
)

func TestCenterCrop(t *testing.T) {
	tests := []struct {
		name string
		src  image.Rectangle
		w, h int
		want image.Rectangle
	}{
		{"same aspect", image.Rect(0, 0, 200, 300), 2, 3, image.Rect(0, 0, 200, 300)},
		{"landscape to portrait", image.Rect(0, 0, 400, 300), 1000, 1500, image.Rect(100, 0, 300, 300)},
		{"portrait to landscape", image.Rect(0, 0, 300, 400), 4, 3, image.Rect(0, 87, 300, 312)},
		{"odd origin", image.Rect(-10, 5, 90, 105), 1, 1, image.Rect(-10, 5, 90, 105)},
		{"offset wide", image.Rect(10, 10, 110, 30), 1, 1, image.Rect(50, 10, 70, 30)},
		{"thin line keeps 1px", image.Rect(0, 0, 256, 1), 1000, 1500, image.Rect(127, 0, 128, 1)},
		{"tall line keeps 1px", image.Rect(0, 0, 1, 60000), 16, 9, image.Rect(0, 29999, 1, 30000)},
		{"max sides no overflow", image.Rect(0, 0, 16384, 16384), 1080, 1920, image.Rect(3584, 0, 12800, 16384)},
		{"empty src", image.Rectangle{}, 1, 1, image.Rectangle{}},
		{"no width", image.Rect(5, 5, 5, 50), 1, 1, image.Rect(5, 5, 5, 50)},
		{"no height", image.Rect(5, 5, 50, 5), 1, 1, image.Rect(5, 5, 50, 5)},
		{"zero aspect", image.Rect(0, 0, 10, 10), 0, 5, image.Rect(0, 0, 10, 10)},
		{"zero height", image.Rect(0, 0, 10, 10), 5, 0, image.Rect(0, 0, 10, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CenterCrop(tt.src, tt.w, tt.h)
			if got != tt.want {
				t.Errorf("CenterCrop(%v, %d, %d) = %v, want %v", tt.src, tt.w, tt.h, got, tt.want)
			}
			if !tt.src.Empty() && !got.In(tt.src) {
				t.Errorf("crop %v is not inside %v", got, tt.src)
			}
		})
	}
}

func TestInset(t *testing.T) {
	tests := []struct {
		name                     string
		r                        image.Rectangle
		top, right, bottom, left int
		want                     image.Rectangle
	}{
		{"none", image.Rect(0, 0, 10, 10), 0, 0, 0, 0, image.Rect(0, 0, 10, 10)},
		{"story", image.Rect(0, 0, 1080, 1920), 150, 0, 150, 0, image.Rect(0, 150, 1080, 1770)},
		{"all sides", image.Rect(5, 5, 25, 25), 1, 2, 3, 4, image.Rect(9, 6, 23, 22)},
		{"too big", image.Rect(0, 0, 10, 10), 6, 0, 6, 0, image.Rectangle{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Inset(tt.r, tt.top, tt.right, tt.bottom, tt.left); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPlaceBottomRight(t *testing.T) {
	tests := []struct {
		name         string
		area         image.Rectangle
		w, h, margin int
		want         image.Rectangle
	}{
		{"corner", image.Rect(0, 0, 100, 50), 20, 10, 0, image.Rect(80, 40, 100, 50)},
		{"margin", image.Rect(0, 0, 100, 50), 20, 10, 5, image.Rect(75, 35, 95, 45)},
		{"offset area", image.Rect(10, 150, 1080, 1770), 200, 100, 30, image.Rect(850, 1640, 1050, 1740)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Place(tt.area, tt.w, tt.h, tt.margin, BottomRight); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
