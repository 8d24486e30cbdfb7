//go:build !wasm

// A workbook dropped as the sheet: the page reads CSV and TSV only (XLSX
// and ODS need -tags pageworkbook), so it names the file and says, in the
// page's language and in Excel's and LibreOffice's own menu words, how to
// save it as CSV UTF-8; the batch goes on without the sheet.

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"picmark/internal/sheet"
	"picmark/internal/workbook"
)

func TestE2EStoryWorkbook(t *testing.T) {
	// Real workbooks, written by LibreOffice from produits.fods (the
	// commands are in internal/workbook/workbook_test.go): the command line
	// reads them, so they are sheets, not stand-ins.
	book := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "..", "internal", "workbook", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if s, err := workbook.Read(name, data, sheet.Options{Locale: sheet.French}); err != nil || len(s.Rows) == 0 {
			t.Fatalf("%s is not a workbook picmark process reads: %v", name, err)
		}
		return data
	}
	env := e2eServe(t, e2eBudget, nil)
	s := env.s
	s.setPhase("workbook")
	s.load(t, env.srv.URL)

	shoot := filepath.Join(t.TempDir(), "shoot")
	if err := os.MkdirAll(shoot, 0o755); err != nil {
		t.Fatal(err)
	}
	photo := e2eJPEG(t, e2eBeach(900, 600), 90)
	for name, data := range map[string][]byte{"vase-bleu.jpg": photo, "bol-the.jpg": photo, "produits.xlsx": book("produits.xlsx")} {
		if err := os.WriteFile(filepath.Join(shoot, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ods := filepath.Join(t.TempDir(), "catalogue.ods")
	if err := os.WriteFile(ods, book("produits.ods"), 0o644); err != nil {
		t.Fatal(err)
	}
	sheetError := `((document.querySelector("#sheet-error") || {}).textContent || "")`

	// Dropped with the photos: the photos are listed, the workbook is
	// taken as the sheet and named in the message.
	s.drag(t, shoot)
	en := "produits.xlsx is an Excel or LibreOffice workbook, and this page reads CSV sheets only: " +
		`in Excel, choose File > Save As and the type "CSV UTF-8 (Comma delimited)"; ` +
		`in LibreOffice, File > Save As, the type "Text CSV" and the character set "Unicode (UTF-8)". Then choose that CSV file here`
	s.waitJS(t, "the photos listed and the workbook's message",
		`document.querySelectorAll("#file-list [role=row]").length === 2 && `+sheetError+` === `+strconv.Quote(en), 30*time.Second)
	if s.eval(t, "a sheet loaded", `!!document.querySelector("#sheet-name") || !!document.querySelector("#sheet-hint")`) != "false" {
		t.Error("the page shows a sheet, or a second hint, beside the workbook's message")
	}

	// In French, the same message in French Excel's words.
	s.wsSetValue(t, "#lang", "fr", "change")
	fr := "produits.xlsx est un classeur Excel ou LibreOffice, et cette page ne lit que les tableaux CSV\u00A0: " +
		"dans Excel, choisissez Fichier > Enregistrer sous et le type «\u00A0CSV UTF-8 (délimité par des virgules)\u00A0»\u202F; " +
		"dans LibreOffice, Fichier > Enregistrer sous, le type «\u00A0Texte CSV\u00A0» et le jeu de caractères «\u00A0Unicode (UTF-8)\u00A0». Choisissez ensuite ce fichier CSV ici"
	s.waitJS(t, "the workbook's message in French", sheetError+` === `+strconv.Quote(fr), 10*time.Second)
	// An ODS chosen with the picker, in French: named too.
	s.upload(t, "#sheet-input", []string{ods})
	s.waitJS(t, "the ODS's message in French", sheetError+`.startsWith("catalogue.ods est un classeur Excel ou LibreOffice") && `+sheetError+`.endsWith("Choisissez ensuite ce fichier CSV ici")`, 30*time.Second)

	// The batch goes on without the sheet: every photo in every default format.
	s.runBatch(t)
	out := e2eZipFiles(t, s.download(t))
	for _, p := range []string{"pinterest-pin", "tumblr-post", "snapchat-story"} {
		for _, name := range []string{"vase-bleu", "bol-the"} {
			if _, ok := out[p+"/shoot/"+name+".jpg"]; !ok {
				t.Errorf("the ZIP lacks %s/shoot/%s.jpg: %q", p, name, keys(out))
			}
		}
	}
	for name := range out {
		if strings.HasPrefix(name, "posts") || strings.Contains(name, "produits") || strings.Contains(name, "catalogue") {
			t.Errorf("the ZIP holds %s, from a sheet the page did not read", name)
		}
	}
	s.wsSetValue(t, "#lang", "en", "change")
	s.checkConsole(t)
}
