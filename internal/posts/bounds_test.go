package posts

import "testing"

// TestCountBoundaries: each range's first and last code point, and the
// ones just outside.
func TestCountBoundaries(t *testing.T) {
	for _, tt := range []struct {
		r             rune
		utf16, x, thr int
	}{
		{0xFFFF, 1, 2, 1}, {0x10000, 2, 2, 4},
		{0xA8, 1, 1, 1}, {0xA9, 1, 2, 2}, {0xAE, 1, 2, 2}, {0xAF, 1, 1, 1},
		{0x10FF, 1, 1, 1}, {0x1100, 1, 2, 1},
		{0x1FFF, 1, 2, 1}, {0x2000, 1, 1, 1}, {0x200C, 1, 1, 1}, {0x200D, 1, 1, 3}, {0x200E, 1, 2, 1},
		{0x200F, 1, 2, 1}, {0x2010, 1, 1, 1}, {0x201F, 1, 1, 1}, {0x2020, 1, 2, 1},
		{0x2031, 1, 2, 1}, {0x2032, 1, 1, 1}, {0x2037, 1, 1, 1}, {0x2038, 1, 2, 1},
		{0x203B, 1, 2, 1}, {0x203C, 1, 2, 3}, {0x2048, 1, 2, 1}, {0x2049, 1, 2, 3},
		{0x20E2, 1, 2, 1}, {0x20E3, 1, 2, 3}, {0x20FF, 1, 2, 1}, {0x2100, 1, 2, 3}, {0x2BFF, 1, 2, 3}, {0x2C00, 1, 2, 1},
		{0x302F, 1, 2, 1}, {0x3030, 1, 2, 3}, {0x303D, 1, 2, 3}, {0x3297, 1, 2, 3}, {0x3298, 1, 2, 1}, {0x3299, 1, 2, 3},
		{0xFE0E, 1, 2, 1}, {0xFE0F, 1, 2, 3},
	} {
		s := string(tt.r)
		if got := [3]int{Count(s, UTF16), Count(s, XWeighted), Count(s, Threads)}; got != [3]int{tt.utf16, tt.x, tt.thr} {
			t.Errorf("U+%04X: UTF-16, X, Threads = %v, want %d %d %d", tt.r, got, tt.utf16, tt.x, tt.thr)
		}
	}
}

func TestLinks(t *testing.T) {
	for s, want := range map[string]int{
		"a.fr":                23, // a two-letter domain is a link to X
		".fr":                 3,  // nothing before the dot
		"a.f":                 3,  // one letter after it
		"a.fr2":               5,
		"/a.fr":               5, // a path, not a host
		"http://a.fr":         23,
		"HTTPS://a.fr/x?y#z":  23,
		"ftp://a.fr":          10,
		"://a.fr":             7,
		"«https://a.fr/x»":    25,
		"https://a.b.example": 23,
		"https://localhost/x": 19,
	} {
		if got := Count(s, XWeighted); got != want {
			t.Errorf("Count(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestJoins(t *testing.T) {
	for r, want := range map[rune]bool{
		'a': false, 0x0301: true, 0x20DD: true, 0x200D: true, 0x200C: false, 0xFE0F: true, 0xFE0E: true, 0xFE10: false,
		0x1F3FA: false, 0x1F3FB: true, 0x1F3FF: true, 0x1F400: false,
		0xE001F: false, 0xE0020: true, 0xE007F: true, 0xE0080: false,
	} {
		if joins(r) != want {
			t.Errorf("joins(U+%04X) = %v", r, !want)
		}
	}
}

func TestFitFirstPlaces(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"Vase bleu en grès", 7, "Vase…"}, // the first word is the last that fits: not cut inside the next
		{"Supercalifragilistic", 2, "S…"}, // the first letter is the last that fits
		{"Supercalifragilistic", 1, "…"},
	} {
		if got, _ := Fit(tt.s, tt.max, UTF16); got != tt.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}
	for n, f := range map[int]func(int) bool{
		-1: func(int) bool { return false },
		0:  func(k int) bool { return k == 0 },
		4:  func(k int) bool { return k <= 4 },
		9:  func(int) bool { return true },
	} {
		if got := lastTrue(10, f); got != n {
			t.Errorf("lastTrue = %d, want %d", got, n)
		}
	}
}
