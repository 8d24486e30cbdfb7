package captions

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"picmark/internal/msg"
)

func TestMatchBoundaries(t *testing.T) {
	// The file names in the first column.
	m, err := Match(read(t, "s.csv", "Fichier;Nom\na.jpg;Vase\n"), []string{"a.jpg"}, Options{})
	if err != nil || !reflect.DeepEqual(lines(m), []int{2}) || m.Row(1) != nil || m.Row(-1) != nil {
		t.Errorf("first column: %v %v", m, err)
	}
	// No photos at all: no example to give, still an error that says so.
	_, err = Match(read(t, "s.csv", "Fichier;Nom\na.jpg;Vase\n"), nil, Options{})
	var e *Error
	if !errors.As(err, &e) || !e.Msg.Equal(msg.New(msg.NoNameColumn, msg.Text("sheet", "s.csv"), msg.Text("name", ""))) {
		t.Errorf("no photos: %v", err)
	}
	// A bare name beats a path whose folders disagree.
	m, err = Match(read(t, "s.csv", "Nom;Fichier\nVase;ailleurs/a.jpg\nBol;a.jpg\n"), []string{"shoot/a.jpg"}, Options{})
	if err != nil || !reflect.DeepEqual(lines(m), []int{3}) || len(m.Claims) != 0 {
		t.Errorf("bare name: %v %v %v", lines(m), m.Claims, err)
	}
	// A row naming a photo twice keeps its better name: here the one with
	// the photo's folder, which beats another row's bare name.
	m, err = Match(read(t, "s.csv", "Nom;Image1;Image2\nVase;a.heic;shoot/a.jpg\nBol;a.jpg;\n"), []string{"shoot/a.jpg"}, Options{Columns: []string{"Image1", "Image2"}})
	if err != nil || !reflect.DeepEqual(lines(m), []int{2}) {
		t.Errorf("twice: %v %v", lines(m), err)
	}
	// The same, its better name first.
	m, err = Match(read(t, "s.csv", "Nom;Image1;Image2\nVase;shoot/a.jpg;a.heic\nBol;a.jpg;\n"), []string{"shoot/a.jpg"}, Options{Columns: []string{"Image1", "Image2"}})
	if err != nil || !reflect.DeepEqual(lines(m), []int{2}) {
		t.Errorf("twice, better first: %v %v", lines(m), err)
	}
	// Same folders, one with the photo's extension.
	m, err = Match(read(t, "s.csv", "Nom;Image1;Image2\nVase;a.heic;a.jpg\nBol;a.JPG;\n"), []string{"a.jpg"}, Options{Columns: []string{"Image1", "Image2"}})
	if err != nil || !reflect.DeepEqual(lines(m), []int{3}) { // Bol names one photo, Vase two names
		t.Errorf("extension: %v %v", lines(m), err)
	}
}

func TestMatchKeepsARowsBestName(t *testing.T) {
	// Row 2 names a.jpg exactly, then as a.heic: it keeps the exact name,
	// so it ties with row 3 and the photo is claimed twice.
	m, err := Match(read(t, "s.csv", "Nom;Image1;Image2\nVase;a.jpg;a.heic\nBol;a.jpg;x.png\n"), []string{"a.jpg", "x.png"}, Options{Columns: []string{"Image1", "Image2"}})
	if err != nil || len(m.Claims) != 1 || !strings.Contains(m.Claims[0].Error(), "on lines 2 and 3") {
		t.Errorf("claims %v, %v", m.Claims, err)
	}
}

func TestFoldEdges(t *testing.T) {
	for in, want := range map[string]string{
		"e\u0300": "e", "e\u036f": "e", "e\u02ff": "e\u02ff", "e\u0370": "e\u0371", // U+0370 folds to its lower case
		".jpg": ".jpg",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	if n := parsePath(".jpg"); n.stem != ".jpg" || n.ext != "" {
		t.Errorf("a name that is all extension: %+v", n)
	}
}
