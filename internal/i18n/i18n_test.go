package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"strings"
	"testing"

	"picmark/internal/batch"
	"picmark/internal/brand"
	"picmark/internal/captions"
	"picmark/internal/geom"
	"picmark/internal/imgio"
	"picmark/internal/posts"
	"picmark/internal/preset"
	"picmark/internal/render"
	"picmark/internal/sheet"
)

// The messages the engine really writes, made by driving it, all read in
// French: nothing a French-speaking marketer sees in a report stays English.
func TestEngineMessagesInFrench(t *testing.T) {
	var msgs []string
	add := func(err error) {
		t.Helper()
		if err == nil {
			t.Fatal("want an error")
		}
		msgs = append(msgs, err.Error())
	}
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, image.NewRGBA(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	_, err := imgio.Inspect([]byte("hello, not an image"), imgio.DefaultLimits)
	add(err)
	_, _, err = imgio.Decode(photo.Bytes()[:photo.Len()/2], imgio.DefaultLimits)
	add(err)
	add(imgio.CheckFileSize(700<<20, imgio.DefaultLimits))
	add(&imgio.NoDecoderError{Format: imgio.HEIC})
	add(&imgio.ReadError{Err: errors.New("NotReadableError")})
	_, err = imgio.Inspect(photo.Bytes(), imgio.Limits{MaxPixels: 100})
	add(err)
	_, err = imgio.Inspect(photo.Bytes(), imgio.Limits{MaxSide: 10})
	add(err)
	_, err = imgio.Inspect(photo.Bytes(), imgio.Limits{MaxAspect: 1})
	add(err)
	add(&imgio.CapError{Max: 1 << 20, Got: 2 << 20})
	add(&imgio.CapError{Max: 1 << 20, Got: 2 << 20, Format: imgio.PNG})

	// Notes on done outputs, through the report rows.
	small := preset.Preset{ID: "big", Name: "Big", Width: 640, Height: 480, MaxBytes: 1 << 20, Formats: []string{"jpeg"}}
	outs, err := render.Photo(photo.Bytes(), render.Spec{Presets: []preset.Preset{small}, Output: imgio.Output{Format: imgio.PNG}})
	if err != nil {
		t.Fatal(err)
	}
	outs[0].Notes = append(outs[0].Notes, "2 faces could not be kept whole in this format", "1 face could not be kept whole in this format",
		"colour profile ignored (it is a CMYK profile)", "colour profile ignored (it is based on lookup tables, which picmark cannot apply)",
		"only the first page was used (the TIFF has several)", "only the first frame was used (the AVIF is an animation)")
	rows := batch.NamedRows("a.jpg", []preset.Preset{small}, outs, nil, []string{"big/a.jpg"})
	if !strings.Contains(rows[0].Message, "upscaled") || !strings.Contains(rows[0].Message, "JPEG") {
		t.Fatalf("the row's message %q lacks the notes this test needs", rows[0].Message)
	}
	msgs = append(msgs, rows[0].Message, batch.LeftOutMessage(1), batch.LeftOutMessage(3),
		"the image worker stopped while working on this file (stopped); the other files went on. Try this file again, or export a smaller copy",
		"not made: the batch was cancelled before this file; press Retry to make it",
		"the browser could not read this file: NotReadableError",
		"could not be made: the browser could not resize the photo (InvalidStateError); try again, or use another browser",
	)
	// A font the browser downloads on first use, needed offline (the
	// worker's words around brand's error).
	font := &brand.FontDownloadError{Name: "mono-bold", Err: errors.New("TypeError: Failed to fetch")}
	msgs = append(msgs, "the settings could not be used: text 1: "+font.Error(), "tile: "+font.Error())
	// Layers made smaller or left out, and a sheet's rows and photos.
	solid := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	for i := 3; i < len(solid.Pix); i += 4 {
		solid.Pix[i] = 255
	}
	crowded := &brand.Kit{Logo: &brand.Logo{Image: solid, Scale: 0.5, Opacity: 1, Anchor: brand.At(geom.Center)}, Texts: []*brand.Text{
		{Content: "Coffret découverte des thés verts", Anchor: geom.Center, Size: 0.3},
		{Content: "Supercalifragilisticexpialidocious", Anchor: geom.Center, Size: 0.3},
		{Omitted: captions.Note{Code: captions.NoteEmpty, Args: []string{"Accroche", "5"}}.String()},
		{Omitted: captions.Note{Code: captions.NoteNoRow}.String()},
	}}
	notes := crowded.Notes(image.Rect(0, 0, 300, 120), preset.Insets{})
	if len(notes) != 4 {
		t.Fatalf("the crowded kit's notes %q", notes)
	}
	pin, _ := preset.Lookup("pinterest-pin")
	title, _ := captions.Parse("{T}")
	long, _ := sheet.ReadText("s.csv", []byte("T\n"+strings.Repeat("mot ", 40)+"\n"), sheet.Options{})
	bound, _ := title.Bind(long)
	post := posts.Make("a.jpg", pin, posts.Templates{Title: bound, Description: bound}, &long.Rows[0])
	if len(post.Cut) != 1 {
		t.Fatalf("cuts %+v", post.Cut)
	}
	msgs = append(append(msgs, notes...), post.Cut[0].String(),
		captions.Note{Code: captions.NoteRowUnmatched, Args: []string{"coffret.jpg"}}.String(),
		"logo made smaller to make room for the layers before it", "logo left out: no room for the logo inside the safe area at a legible size",
		"the description was cut at a word to fit Pinterest's 500 (it had 620)", "the alt text was cut at a word to fit X's 1000 (it had 1200)")
	for _, m := range msgs {
		fr := French(m)
		if !Known(m) {
			t.Errorf("no French for %q (got %q)", m, fr)
		}
		if fr == m {
			t.Errorf("%q stayed in English", m)
		}
		for _, en := range []string{"picmark accepts", "export a", "export it", "upscaled", " the ", "could not", "stopped"} {
			if strings.Contains(fr, en) {
				t.Errorf("French for %q still says %q: %q", m, en, fr)
			}
		}
	}
}

func TestNumbersCarryOver(t *testing.T) {
	got := French("is 65500×65500 pixels (4290 megapixels); picmark accepts up to 50 megapixels: export a smaller copy")
	want := "fait 65500×65500 pixels (4290 mégapixels) ; picmark accepte jusqu'à 50 mégapixels : exportez une copie plus petite"
	if got != want {
		t.Errorf("French = %q\nwant %q", got, want)
	}
	if got := French("upscaled from 900×1600 crop; Instagram square takes JPEG files only: made a JPEG"); got !=
		"agrandie à partir d'un recadrage de 900×1600 ; Instagram square n'accepte que les fichiers JPEG : un JPEG a été créé" {
		t.Errorf("joined notes: %q", got)
	}
	if got := Say("en", "the file is empty"); got != "the file is empty" {
		t.Errorf("Say(en) = %q", got)
	}
	if Known("something new the engine says") {
		t.Error("an unknown sentence counts as known")
	}
}

// TestNestedAndSplit: a worker's stop reason is translated inside its
// sentence, whatever the reason; an unknown reason stays as it is, the rest
// in French. A message joining parts at "; " or ": " is cut where both sides
// are known, even when the first cut is inside a sentence that holds "; "
// itself.
func TestNestedAndSplit(t *testing.T) {
	const stop = "the image worker stopped while working on this file (%s); the other files went on. Try this file again, or export a smaller copy"
	const arrêt = "le processus de traitement s'est arrêté sur ce fichier (%s) ; les autres fichiers ont continué. Réessayez ce fichier, ou exportez-en une copie plus petite"
	tests := []struct{ en, fr string }{
		{fmt.Sprintf(stop, "took too long"), fmt.Sprintf(arrêt, "trop long")},
		{fmt.Sprintf(stop, "could not start"), fmt.Sprintf(arrêt, "n'a pas pu démarrer")},
		{fmt.Sprintf(stop, "out of memory"), fmt.Sprintf(arrêt, "out of memory")},
		{"not made: the batch was cancelled before this file; press Retry to make it; colour profile ignored (it is a CMYK profile)",
			"non créée : le lot a été annulé avant ce fichier ; appuyez sur Refaire pour la créer ; profil de couleur ignoré (c'est un profil CMJN)"},
		{"upscaled from 10×20 crop; 1 face could not be kept whole in this format; colour profile ignored (it is a greyscale profile)",
			"agrandie à partir d'un recadrage de 10×20 ; 1 visage n'a pas pu être gardé entier dans ce format ; profil de couleur ignoré (c'est un profil en niveaux de gris)"},
		{"text 2: text 3", "texte 2 : texte 3"},
	}
	for _, tt := range tests {
		if got := French(tt.en); got != tt.fr {
			t.Errorf("French(%q)\n= %q\nwant %q", tt.en, got, tt.fr)
		}
		if got := Say("fr", tt.en); got != tt.fr {
			t.Errorf("Say(fr, %q) = %q", tt.en, got)
		}
	}
	for _, en := range []string{"upscaled from 10×20 crop; something new", "something new: text 1", "; text 1"} {
		if Known(en) || French(en) != en {
			t.Errorf("%q: known %v, French %q: a message with an unknown part stays whole, in English", en, Known(en), French(en))
		}
	}
}
