//go:build !wasm

package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"picmark/internal/batch"
)

// frenchCSV is the test sheet as French Excel saves "CSV (point-virgule)":
// semicolons, Windows-1252.
func frenchCSV(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../../internal/captions/testdata/produits.csv")
	if err != nil {
		t.Fatal(err)
	}
	w, err := charmap.Windows1252.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// readPosts reads posts.csv as a French Excel would: a byte order mark,
// semicolons.
func readPosts(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("posts.csv has no byte order mark: a French Excel would garble its accents")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("posts.csv: %v", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "output,preset,title,description,alt_text" {
		t.Fatalf("posts.csv header %q", recs)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestProcessSheet: a folder of photos and a French sheet give each
// product's words on its pictures, its posts in posts.csv, and the photos
// and rows that did not meet in the report, to a folder and to a ZIP.
func TestProcessSheet(t *testing.T) {
	shoot := filepath.Join(t.TempDir(), "shoot")
	same := encodeJPEG(t, photo(900, 900)) // the same pixels: only the words tell the outputs apart
	writeFiles(t, shoot, map[string][]byte{"vase-bleu.jpg": same, "bol-the.jpg": same, "lampe.jpg": same, "autre.jpg": same})
	sheetPath := filepath.Join(t.TempDir(), "produits.csv")
	if err := os.WriteFile(sheetPath, frenchCSV(t), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"process", "-preset", "pinterest-pin,instagram-square", "-sheet", sheetPath,
		"-text", "{Produit} – {Prix}", "-text", "{Accroche}", "-title", "{Produit}", "-description", "{Description}"}

	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, append(args, "-out", out, shoot)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "produits.csv: photos with their row: 3; photos no row names: 1; rows naming no photo: 1") ||
		!strings.Contains(stdout, "produits.csv: line 4 names no photo of the batch (coffret.jpg)") {
		t.Errorf("stdout %q", stdout)
	}
	files := readDirOutputs(t, out)
	for _, pair := range [][2]string{{"vase-bleu", "bol-the"}, {"vase-bleu", "lampe"}, {"vase-bleu", "autre"}} {
		a, b := files["pinterest-pin/shoot/"+pair[0]+".jpg"], files["pinterest-pin/shoot/"+pair[1]+".jpg"]
		if len(a) == 0 || bytes.Equal(a, b) {
			t.Errorf("%s and %s: the same pixels and no words of their own (%d bytes)", pair[0], pair[1], len(a))
		}
	}

	// posts.csv: one row per output, each product's words, cut to each
	// platform (Instagram has no title), the alt text the title's.
	ps := readPosts(t, files["posts.csv"])
	if len(ps) != 8 {
		t.Fatalf("posts.csv has %d rows, want 8 (4 photos × 2 formats): %v", len(ps), ps)
	}
	byOut := map[string]map[string]string{}
	for _, p := range ps {
		byOut[p["output"]] = p
	}
	vase := byOut["pinterest-pin/shoot/vase-bleu.jpg"]
	if vase["preset"] != "pinterest-pin" || vase["title"] != "Vase bleu" || vase["alt_text"] != "Vase bleu" ||
		vase["description"] != "Grès émaillé, tourné à la main dans notre atelier de Limoges." {
		t.Errorf("vase's pin post %q", vase)
	}
	if ig := byOut["instagram-square/shoot/bol-the.jpg"]; ig["title"] != "" || ig["description"] != "Porcelaine fine, l’été comme l’hiver." {
		t.Errorf("bol's Instagram post %q", ig)
	}
	if a := byOut["pinterest-pin/shoot/autre.jpg"]; a == nil || a["title"] != "" {
		t.Errorf("a photo without a row: %q", a)
	}

	// The report: the row that named no photo, the photo no row named, the
	// layer an empty cell left out.
	rows := readReport(t, out)
	find := func(input, preset string) batch.Line {
		for _, r := range rows {
			if r.Input == input && r.Preset == preset {
				return r
			}
		}
		t.Fatalf("no report row for %s %s: %+v", input, preset, rows)
		return batch.Line{}
	}
	if r := find("produits.csv", ""); r.Status != string(batch.StatusLeftOut) || r.Code != "caption-row-unmatched" ||
		!strings.Contains(r.Message, "line 4 names no photo of the batch (coffret.jpg)") {
		t.Errorf("the unmatched row: %+v", r)
	}
	if r := find("shoot/autre.jpg", "pinterest-pin"); r.Status != string(batch.StatusDone) || !strings.Contains(r.Message, "text 1 left out: no row of the sheet names this photo") ||
		!strings.Contains(r.Code, "text-left-out") {
		t.Errorf("the photo without a row: %+v", r)
	}
	if r := find("shoot/lampe.jpg", "instagram-square"); !strings.Contains(r.Message, `text 2 left out: line 5 has nothing in "Accroche"`) {
		t.Errorf("lampe's empty catch line: %+v", r)
	}

	// The same batch to a ZIP carries posts.csv too.
	zipPath := filepath.Join(t.TempDir(), "out.zip")
	mustRun(t, append(args, "-out", zipPath, shoot)...)
	if z := readZipOutputs(t, zipPath); !bytes.Equal(z["posts.csv"], files["posts.csv"]) {
		t.Errorf("the ZIP's posts.csv differs from the folder's:\n%s\n%s", z["posts.csv"], files["posts.csv"])
	}

	// In French: the layers' and the sheet's notes in rapport.csv, the
	// summary on stdout, posts.csv among the report files all the same.
	t.Setenv("LC_ALL", "fr_FR.UTF-8")
	fr := filepath.Join(t.TempDir(), "fr")
	code, stdout, stderr = runCLI(t, append(args, "-out", fr, shoot)...)
	if code != 0 || !strings.Contains(stdout, "produits.csv\u00A0: photos avec leur ligne\u00A0: 3\u202F;") ||
		!strings.Contains(stdout, "produits.csv: la ligne 4 ne nomme aucune photo du lot (coffret.jpg)") {
		t.Errorf("in French: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	frFiles := readDirOutputs(t, fr)
	rapport := string(frFiles["rapport.csv"])
	for _, want := range []string{"texte 2 laissé de côté\u00A0: la ligne 5 n’a rien dans «\u00A0Accroche\u00A0»",
		"texte 1 laissé de côté\u00A0: aucune ligne du tableau ne nomme cette photo"} {
		if !strings.Contains(rapport, want) {
			t.Errorf("rapport.csv lacks %q:\n%s", want, rapport)
		}
	}
	if !bytes.Equal(frFiles["posts.csv"], files["posts.csv"]) {
		t.Error("posts.csv differs in French")
	}
	code, _, stderr = runCLI(t, "process", "-sheet", sheetPath, "-text", "{Promo}", "-out", filepath.Join(t.TempDir(), "x"), shoot)
	if code != exitUsage || !strings.Contains(stderr, "texte 1\u00A0: produits.csv n’a pas de colonne «\u00A0Promo\u00A0»\u00A0: ses colonnes sont") {
		t.Errorf("a template's mistake in French: exit %d, %q", code, stderr)
	}
	t.Setenv("LC_ALL", "C")

	// {col:…} names outputs after the sheet; photos without a row keep their name.
	named := filepath.Join(t.TempDir(), "named")
	mustRun(t, append(args, "-name", "{preset}/{col:Produit}", "-out", named, shoot)...)
	got := readDirOutputs(t, named)
	for _, n := range []string{"pinterest-pin/Bol à thé.jpg", "pinterest-pin/Vase bleu.jpg", "pinterest-pin/autre.jpg"} {
		if got[n] == nil {
			t.Errorf("no %s in %v", n, keys(got))
		}
	}
}

// TestProcessSheetErrors: a sheet or template mistake stops before
// anything is made, naming the sheet, the column and what to do.
func TestProcessSheetErrors(t *testing.T) {
	shoot := filepath.Join(t.TempDir(), "shoot")
	writeFiles(t, shoot, map[string][]byte{"vase-bleu.jpg": encodeJPEG(t, photo(200, 200))})
	dir := t.TempDir()
	sheetPath := filepath.Join(dir, "produits.csv")
	writeFiles(t, dir, map[string][]byte{"produits.csv": frenchCSV(t), "liste.pdf": []byte("%PDF-1.7\n")})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown column", []string{"-sheet", sheetPath, "-text", "{Promo}"}, `text 1: produits.csv has no column "Promo": its columns are "Image", "Produit"`},
		{"no sheet", []string{"-text", "{Produit}"}, `the column "Produit", and no sheet is loaded`},
		{"match alone", []string{"-match", "Image"}, "-match names a column of a sheet: give the sheet with -sheet FILE"},
		{"match unknown", []string{"-sheet", sheetPath, "-match", "Photo"}, `produits.csv has no column "Photo"`},
		{"not a sheet", []string{"-sheet", filepath.Join(dir, "liste.pdf")}, "liste.pdf is a PDF, not a sheet picmark can read"},
		{"missing sheet", []string{"-sheet", filepath.Join(dir, "nope.csv")}, "cannot open the sheet"},
		{"post column", []string{"-sheet", sheetPath, "-title", "{Nom}"}, `the post title: produits.csv has no column "Nom"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runCLI(t, append(append([]string{"process"}, tc.args...), "-out", out, shoot)...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an output folder was made before the mistake was found")
			}
		})
	}
}
