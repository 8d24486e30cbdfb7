package msg

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// samples give each placeholder name a typed argument; a template using a
// new name needs one here.
var samples = map[string]Arg{
	"size":    Bytes("size", 12<<20+300<<10),
	"maxSize": Bytes("maxSize", 10<<20),
	"mp":      MP("mp", 4_290_250_000),
	"maxMP":   MP("maxMP", 50_000_000),
	"w":       Count("w", 65500), // a format's side picks its plural
	"h":       Count("h", 1500),
	"max":     Num("max", 16384),
	"ratio":   Num("ratio", 12),
	"format":  Text("format", "PNG"),
	"formats": List("formats", "JPEG", "PNG", "GIF"),
	"reason":  Text("reason", "NotReadableError"),
	"font":    Text("font", "mono-bold"),
	"why":     Word("why", StopTimeout),
	"profile": Word("profile", PixelsCMYK),
	"photo":   Word("photo", PixelsRGB),
	"n":       Count("n", 2),
	"name":    Text("name", "pin/a.jpg"),
	"path":    Text("path", "/photos/out"),
	"out":     Text("out", "results.zip"),
	// A sheet's and a kit's layers'.
	"layer":     Num("layer", 2),
	"line":      Num("line", 12),
	"other":     Num("other", 14),
	"column":    Text("column", "Accroche"),
	"names":     List("names", "vase-bleu.jpg", "vase-bleu-2.jpg"),
	"sheet":     Text("sheet", "produits.csv"),
	"template":  Text("template", "Produit – Prix"),
	"brace":     Word("brace", BraceOpen),
	"platform":  Text("platform", "Pinterest"),
	"limit":     Num("limit", 500),
	"had":       Num("had", 620),
	"matched":   Num("matched", 12),
	"alone":     Num("alone", 1),
	"unmatched": Num("unmatched", 3),
	"what":      Word("what", FilePDF),
	"last":      Text("last", "ZZ"),
	"col":       Text("col", "C"),
	"columns":   Text("columns", `"Produit", "Prix", E`),
	"part":      Text("part", "xl/workbook.xml"),
	// A settings file's, a brand kit's, a format's and the flags'.
	"want":    Word("want", FileKit),
	"at":      Num("at", 120),
	"field":   Text("field", "texts.size"),
	"kind":    Word("kind", ValueNumber),
	"value":   Text("value", "#12"),
	"version": Num("version", 2),
	"reads":   Num("reads", 1),
	"which":   Word("which", PartLogo),
	"file":    Text("file", "kit.json"),
	"share":   Share("share", 1.5),
	"least":   Share("least", 0),
	"most":    Share("most", 0.5),
	"anchors": List("anchors", "top-left", "top", "bottom-right"),
	"fonts":   List("fonts", "bold", "regular"),
	"letters": List("letters", "→", "★"),
	"lines":   Num("lines", 30),
	"angle":   Dec("angle", 400.5),
	"preset":  Text("preset", "Shop banner"),
	"left":    Num("left", 500),
	"right":   Num("right", 400),
	"top":     Num("top", 700),
	"bottom":  Num("bottom", 600),
	"free":    Num("free", 200),
	"id":      Text("id", "pinterest-pn"),
	"ids":     Text("ids", "pinterest-pin, pinterest-square"),
	// A naming template's parts are written in braces, as the check
	// below forbids: these stand for "{name}", "{nom}"….
	"example": Text("example", "NAME"),
	"token":   Text("token", "NOM"),
	"tokens":  List("tokens", "PRESET", "DIR", "NAME", "COL"),
	"needs":   List("needs", "NAME", "INDEX", "COL"),
	"flag":    Text("flag", "-qualite"),
}

var placeholder = regexp.MustCompile(`\{([^{}]*)\}`)

func names(t string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(t, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

// TestCatalog says every code in both languages with sample arguments (and
// each count 0, 1, 2 and 1000 where a template has two forms): nothing is
// left in braces, both languages name the same arguments, the French is
// translated and typeset as French is.
func TestCatalog(t *testing.T) {
	if len(Known()) < 40 {
		t.Fatalf("only %d codes: the catalog did not load", len(Known()))
	}
	for _, c := range Known() {
		d := catalog[c]
		en, fr := names(d.en), names(d.fr)
		if !slices.Equal(en, fr) {
			t.Errorf("%s: English names %v, French %v", c, en, fr)
		}
		if strings.Contains(d.en, "|") != strings.Contains(d.fr, "|") {
			t.Errorf("%s: one language has two forms, the other one", c)
		}
		var args []Arg
		for _, n := range en {
			a, ok := samples[n]
			if !ok {
				t.Errorf("%s: no sample for {%s}: add one to samples", c, n)
			}
			args = append(args, a)
		}
		counts := []int64{2}
		if strings.Contains(d.en, "|") {
			counts = []int64{0, 1, 2, 1000, 1_000_000}
		}
		for _, n := range counts {
			for i := range args {
				if args[i].Kind == KindCount {
					args[i].N = n
				}
			}
			m := New(c, args...)
			e, f := m.Say(English), m.Say(French)
			if e == f {
				t.Errorf("%s: the French is the English: %q", c, f)
			}
			for _, s := range []string{e, f} {
				if strings.ContainsAny(s, "{}|") || s == "" {
					t.Errorf("%s: %q is not fully said", c, s)
				}
			}
			for _, p := range Typography(f) {
				t.Errorf("%s in French: %s in %q", c, p, f)
			}
			if strings.ContainsAny(e, "\u00A0\u202F’") {
				t.Errorf("%s in English has French spaces or apostrophes: %q", c, e)
			}
		}
	}
}

func TestTypographyCatches(t *testing.T) {
	for _, bad := range []string{"l'image", "fichier : vide", "fichier: vide", "a ; b", "85 %", "12 Mo", "12Mo", "12 MB"} {
		if len(Typography(bad)) == 0 {
			t.Errorf("typography passes %q", bad)
		}
	}
	if p := Typography("l’image\u00A0: 85\u00A0% de 12\u00A0Mo (en Mo)\u202F; vraiment\u202F?"); len(p) > 0 {
		t.Errorf("good French refused: %v", p)
	}
}

func TestPlurals(t *testing.T) {
	tests := []struct {
		lang string
		n    int64
		want string
	}{
		{French, 0, "0 visage n’a pas pu être gardé entier dans ce format"},
		{French, 1, "1 visage n’a pas pu être gardé entier dans ce format"},
		{French, 2, "2 visages n’ont pas pu être gardés entiers dans ce format"},
		{English, 0, "0 faces could not be kept whole in this format"},
		{English, 1, "1 face could not be kept whole in this format"},
		{English, 3, "3 faces could not be kept whole in this format"},
	}
	for _, tt := range tests {
		if got := New(FacesCut, Count("n", tt.n)).Say(tt.lang); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestArguments(t *testing.T) {
	tests := []struct {
		a      Arg
		en, fr string
	}{
		{Bytes("x", 500), "500 bytes", "500\u00A0octets"},
		{Bytes("x", 48<<10), "48 KB", "48\u00A0Ko"},
		{Bytes("x", 10<<20), "10 MB", "10\u00A0Mo"},
		{Bytes("x", 6<<20+200<<10), "6.2 MB", "6,2\u00A0Mo"},
		{MP("x", 48_500_000), "48.5", "48,5"},
		{MP("x", 4_290_250_000), "4290", "4290"},
		{Num("x", 65500), "65500", "65\u202F500"},
		{Num("x", 1280), "1280", "1280"},
		{List("x", "JPEG"), "JPEG", "JPEG"},
		{List("x", "JPEG", "PNG", "GIF"), "JPEG, PNG or GIF", "JPEG, PNG ou GIF"},
		{Word("x", StopCrashed), "it stopped", "il s’est arrêté"},
		{Dec("x", 12.5), "12.5", "12,5"},
		{Dec("x", -30), "-30", "-30"},
		{Share("x", 0.855), "85.5%", "85,5\u00A0%"},
		{Share("x", 1.5), "150%", "150\u00A0%"},
	}
	for _, tt := range tests {
		if got := tt.a.say(English); got != tt.en {
			t.Errorf("%+v in English: %q, want %q", tt.a, got, tt.en)
		}
		if got := tt.a.say(French); got != tt.fr {
			t.Errorf("%+v in French: %q, want %q", tt.a, got, tt.fr)
		}
	}
}

func TestJoinAndCodes(t *testing.T) {
	ms := []Message{New(Upscaled, Num("w", 900), Num("h", 1600)), {}, New(FirstPage)}
	if got := Join(English, ms); got != "upscaled from 900×1600 crop; only the first page was used (the TIFF has several)" {
		t.Errorf("Join(en) = %q", got)
	}
	if got := Join(French, ms); got != "agrandie à partir d’un recadrage de 900×1600\u202F; seule la première page a été utilisée (le TIFF en a plusieurs)" {
		t.Errorf("Join(fr) = %q", got)
	}
	if got := Codes(ms); got != "upscaled first-page" {
		t.Errorf("Codes = %q", got)
	}
	if New("no-such-code").Say(French) != "no-such-code" {
		t.Error("an unknown code is not said as itself")
	}
}

type dataErr struct{ n int }

func (e dataErr) Error() string    { return "data error" }
func (e dataErr) Message() Message { return New(FacesCut, Count("n", e.n)) }

func TestOf(t *testing.T) {
	wrapped := fmt.Errorf("text 1: %w", dataErr{3})
	if m := Of(wrapped); m.Code != FacesCut || m.count() != 3 {
		t.Errorf("Of(wrapped coded) = %+v", m)
	}
	if m := Of(errors.New("boom")); m.Code != Failed || m.Say(English) != "could not be made (boom): try again" {
		t.Errorf("Of(plain) = %+v %q", m, m.Say(English))
	}
	cause := errors.New("NotReadableError")
	err := Wrap(cause, BrowserRead, Text("reason", cause.Error()))
	if !errors.Is(err, cause) || err.Error() != New(BrowserRead, Text("reason", "NotReadableError")).Say(English) {
		t.Errorf("Wrap: %v", err)
	}
	if !Of(nil).IsZero() {
		t.Error("Of(nil) is a message")
	}
}

func TestLang(t *testing.T) {
	for tag, want := range map[string]string{"fr": French, "fr_FR.UTF-8": French, "fr-CA": French, "FR_ca": French, "fr.UTF-8": French,
		"en_US.UTF-8": English, "C": English, "": English, "fri": English, "de_DE": English} {
		if got := Lang(tag); got != want {
			t.Errorf("Lang(%q) = %q, want %q", tag, got, want)
		}
	}
}

// TestNested: a word is said with the arguments that follow it, so a
// reason with its own arguments nests, twice over, in both languages.
func TestNested(t *testing.T) {
	empty := New(CaptionEmpty, Text("column", "Accroche"), Num("line", 5))
	left := New(TextLeftOut, append([]Arg{Num("layer", 3), Word("why", empty.Code)}, empty.Args...)...)
	if got := left.Say(French); got != "texte 3 laissé de côté\u00A0: la ligne 5 n’a rien dans «\u00A0Accroche\u00A0»" {
		t.Errorf("one level: %q", got)
	}
	sheet := New(SheetSays, Text("sheet", "produits.csv"), Word("why", SheetNoColumn), Text("column", "Promo"), Text("columns", `"Produit"`))
	in := New(InText, append([]Arg{Num("layer", 2), Word("why", sheet.Code)}, sheet.Args...)...)
	if got := in.Say(English); got != `text 2: produits.csv has no column "Promo": its columns are "Produit"` {
		t.Errorf("two levels: %q", got)
	}
	if got := in.Say(French); got != "texte 2\u00A0: produits.csv n’a pas de colonne «\u00A0Promo\u00A0»\u00A0: ses colonnes sont \"Produit\"" {
		t.Errorf("two levels in French: %q", got)
	}
}

func TestSize(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{English, 500, "500 bytes"},
		{French, 500, "500\u00A0octets"},
		{English, 840 << 10, "840 KB"},
		{French, 13 << 20, "13\u00A0Mo"},
		{English, 6<<20 + 200<<10, "6.2 MB"},
		{English, 1536 << 20, "1.5 GB"},
		{French, 2560 << 20, "2,5\u00A0Go"},
		{French, 3 << 40, "3\u00A0To"},
	} {
		if got := Size(c.lang, c.n); got != c.want {
			t.Errorf("Size(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
