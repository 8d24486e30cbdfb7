//go:build !wasm

// Each photo's story from a sheet: a folder dropped with a French Excel
// sheet (semicolons, Windows-1252) in it; the matches shown before the
// batch; text layers from templates, the preview following a text as it is
// typed; the ZIP's pictures carrying each product's words, posts.csv its
// posts, the report what the sheet and the photos did not share.

package main

import (
	"bytes"
	"encoding/csv"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestE2EStory(t *testing.T) {
	env := e2eServe(t, e2eBudget, nil)
	s := env.s
	s.setPhase("story")
	s.load(t, env.srv.URL)

	// Four photos of the same pixels: only their words can tell them apart.
	shoot := filepath.Join(t.TempDir(), "shoot")
	if err := os.MkdirAll(shoot, 0o755); err != nil {
		t.Fatal(err)
	}
	same := e2eJPEG(t, e2eBeach(1200, 900), 90)
	files := map[string][]byte{"vase-bleu.jpg": same, "bol-the.jpg": same, "lampe.jpg": same, "autre.jpg": same, "produits.csv": frenchCSV(t)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(shoot, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.drag(t, shoot)
	s.waitJS(t, "the photos listed, the sheet read and matched",
		`document.querySelectorAll("#file-list [role=row]").length === 4 && (document.querySelector("#sheet-name") || {}).textContent === "produits.csv: 4 rows, columns Image, Produit, Prix, Accroche, Description."`,
		30*time.Second)
	// The first layer, typed: the preview follows as it is typed, before
	// the field is left.
	s.waitJS(t, "the first previews", `(() => { const i = document.querySelector('.preview-row[data-path="shoot/bol-the.jpg"] .preview img'); return !!i && i.complete && i.naturalWidth > 0; })()`, 30*time.Second)
	before := s.eval(t, "bol's preview", `document.querySelector('.preview-row[data-path="shoot/bol-the.jpg"] .preview img').src`)
	s.click(t, "#text-layer > summary")
	ctx, cancel := s.step(10 * time.Second)
	err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#text"), "{Produit} – {Prix}"))
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	s.waitJS(t, "bol's preview made again while the text is still being typed",
		`document.activeElement && document.activeElement.id === "text" && document.querySelector('.preview-row[data-path="shoot/bol-the.jpg"] .preview img').src !== `+before, 20*time.Second)
	s.eval(t, "leave the field", `(document.activeElement.blur(), true)`)

	// A second layer, and the posts' templates.
	s.click(t, "#more-layers > summary")
	s.click(t, "#add-layer")
	s.waitJS(t, "a second layer", `!!document.querySelector("#layer-2-text")`, 5*time.Second)
	s.typeText(t, "#layer-2-text", "{Accroche}")
	// A third layer, then the second edited again and the third removed: the
	// second's field still writes the second layer (go-app keeps a field's
	// first handler, so a handler must not hold the layers as they were).
	s.click(t, "#add-layer")
	s.waitJS(t, "a third layer", `!!document.querySelector("#layer-3-text")`, 5*time.Second)
	s.wsSetValue(t, "#layer-2-text", "{Produit}", "change")
	s.waitSetting(t, "the second layer edited beside a third", `S.layers.length === 2 && S.layers[0].text === "{Produit}"`)
	// The second removed: its field now shows the empty third's text, not
	// its own (go-app's Value("") leaves an input's old text: clearEmptied).
	s.click(t, "#layer-2-remove")
	s.waitSetting(t, "the second layer removed", `S.layers.length === 1 && S.layers[0].text === ""`)
	s.waitJS(t, "the empty layer's field empty", `document.querySelector("#layer-2-text").value === ""`, 5*time.Second)
	s.typeText(t, "#layer-2-text", "{Accroche}")
	s.waitSetting(t, "the layer's words again", `S.layers.length === 1 && S.layers[0].text === "{Accroche}"`)
	s.typeText(t, "#post-title", "{Produit}")
	s.typeText(t, "#post-description", "{Description}")
	s.waitSetting(t, "the layers and posts remembered", `S.text === "{Produit} – {Prix}" && S.layers.length === 1 && S.layers[0].text === "{Accroche}" && S.postTitle === "{Produit}"`)

	// The matches, before the batch (made again as the templates change).
	s.waitJS(t, "the matches shown", `(document.querySelector("#matched") || {}).textContent === "3 of 4 photos have their row."`, 20*time.Second)
	var m struct{ Matched, Photos, Rows string }
	s.evalInto(t, "the matches", `(() => { const t = (id) => (document.querySelector(id) || {}).textContent || "";
  return {Matched: t("#matched"), Photos: t("#unmatched-photos"), Rows: t("#unmatched-rows")}; })()`, &m)
	if m.Matched != "3 of 4 photos have their row." || !strings.Contains(m.Photos, "shoot/autre.jpg") || !strings.Contains(m.Rows, "lines 4.") {
		t.Errorf("the matches shown: %+v", m)
	}

	// A photo's own words, typed key by key on the photo: none is lost on
	// the way to the batch's bookkeeping and back, and they are still
	// there when the photo is opened again.
	const own = "Offre speciale, moins 20 pour cent"
	openAutre := func() {
		s.click(t, `#file-list [role=row][data-path="shoot/autre.jpg"] button.set-focal`)
		s.waitJS(t, "autre's words in the focal point editor", `document.querySelector("#focal-editor").open && !!document.querySelector("#photo-text-2")`, 10*time.Second)
	}
	openAutre()
	s.typeText(t, "#photo-text-2", own)
	var typed string
	s.evalInto(t, "the words typed", `document.querySelector("#photo-text-2").value`, &typed)
	if typed != own {
		t.Errorf("typed %q in #photo-text-2, the field says %q", own, typed)
	}
	s.click(t, "#focal-close")
	s.waitJS(t, "the editor closed", `!document.querySelector("#focal-editor").open`, 10*time.Second)
	openAutre()
	s.evalInto(t, "the words kept", `document.querySelector("#photo-text-2").value`, &typed)
	if typed != own {
		t.Errorf("autre's own words opened again: %q, want %q", typed, own)
	}
	s.click(t, "#focal-close")
	s.waitJS(t, "the editor closed", `!document.querySelector("#focal-editor").open`, 10*time.Second)

	s.runBatch(t)
	zipPath := s.download(t)
	out := e2eZipFiles(t, zipPath)

	// Each product's words on its pictures: the same photo, other pixels.
	pin := func(name string) image.Image { return e2eDecodeJPEG(t, out["pinterest-pin/shoot/"+name+".jpg"]) }
	vase, bol, autre := pin("vase-bleu"), pin("bol-the"), pin("autre")
	for _, c := range []struct {
		name string
		a, b image.Image
	}{{"vase-bleu and bol-the", vase, bol}, {"vase-bleu and autre (no row)", vase, autre}} {
		if n := e2eDiffering(c.a, c.b); n < 500 {
			t.Errorf("%s: %d pixels differ; each product's words should", c.name, n)
		}
	}

	// posts.csv: one row per output, as a French Excel reads it.
	data := out["posts.csv"]
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("posts.csv has no byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 1+4*3 {
		t.Fatalf("posts.csv: %v, %d lines, want a header and 12 rows (4 photos × 3 formats):\n%s", err, len(recs), data)
	}
	if strings.Join(recs[0], ",") != "output,preset,title,description,alt_text" {
		t.Errorf("posts.csv header %q", recs[0])
	}
	byOut := map[string][]string{}
	for _, rec := range recs[1:] {
		byOut[rec[0]] = rec
	}
	if v := byOut["pinterest-pin/shoot/vase-bleu.jpg"]; v == nil || v[2] != "Vase bleu" || v[4] != "Vase bleu" || v[3] != "Grès émaillé, tourné à la main dans notre atelier de Limoges." {
		t.Errorf("vase's pin post %q", v)
	}
	if v := byOut["pinterest-pin/shoot/autre.jpg"]; v == nil || v[2] != "" {
		t.Errorf("autre (no row): %q", v)
	}

	// The report: the row naming no photo, the photo no row names, the
	// layer an empty cell left out.
	rows := e2eReadReport(t, out["report.csv"])
	found := map[string]bool{}
	for _, row := range rows {
		switch {
		case row.input == "produits.csv" && row.status == "left out" && strings.Contains(row.message, "line 4 names no photo of the batch (coffret.jpg)"):
			found["row"] = true
		case row.input == "shoot/autre.jpg" && row.status == "done" && strings.Contains(row.message, "text 1 left out: no row of the sheet names this photo"):
			found["photo"] = true
		case row.input == "shoot/lampe.jpg" && strings.Contains(row.message, `text 2 left out: line 5 has nothing in "Accroche"`):
			found["empty"] = true
		}
	}
	for _, k := range []string{"row", "photo", "empty"} {
		if !found[k] {
			t.Errorf("the report lacks the %s note: %+v", k, rows)
		}
	}

	// Saving the kit says where it went.
	s.awaitDownload(t, "#export-kit")
	s.waitJS(t, "the page saying where the kit went", `((document.querySelector("#kit-saved") || {}).textContent || "").includes("brand-kit.json")`, 5*time.Second)
	s.checkConsole(t)
}

// e2eDiffering counts the pixels of a and b (the same size) that differ
// by more than JPEG noise.
func e2eDiffering(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) >> 8; d > 40 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
