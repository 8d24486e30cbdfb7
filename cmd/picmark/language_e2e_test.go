//go:build !wasm

// The page's language: French for a French browser, and switched by hand.

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"picmark/internal/batch"
	"picmark/internal/preset"
)

// language checks the page follows the browser's language, and that a
// language picked by hand stays after a reload.
func (env *e2eEnv) language(t *testing.T) {
	s := env.s
	// A browser set to French opens the page in French.
	c, cancel := s.step(10 * time.Second)
	ua := s.eval(t, "user agent", `navigator.userAgent`)
	if _, err := chromedp.Call(c, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: strings.Trim(ua, `"`), AcceptLanguage: "fr-FR,fr",
	}); err != nil {
		cancel()
		t.Fatal(err)
	}
	cancel()
	s.reload(t)
	s.waitJS(t, "the page in French for a French browser", `navigator.language.startsWith("fr") && document.body.textContent.includes("Cochez les formats")`, 10*time.Second)
	c, cancel = s.step(10 * time.Second)
	if _, err := chromedp.Call(c, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: strings.Trim(ua, `"`), AcceptLanguage: "en-US,en",
	}); err != nil {
		cancel()
		t.Fatal(err)
	}
	cancel()
	s.reload(t)
	s.waitJS(t, "the page in English for an English browser", `document.body.textContent.includes("Tick the formats")`, 10*time.Second)

	// Switched by hand, it stays so.
	s.wsSetValue(t, "#lang", "fr", "change")
	s.waitJS(t, "the page in French", `document.body.textContent.includes("Cochez les formats") && document.documentElement.lang === "fr"`, 10*time.Second)
	s.reload(t)
	s.waitJS(t, "French remembered after a reload", `document.body.textContent.includes("Cochez les formats")`, 10*time.Second)
	t.Run("french-batch", env.frenchBatch)
	s.wsSetValue(t, "#lang", "en", "change")
	s.waitJS(t, "back in English", `document.body.textContent.includes("Tick the formats") && document.documentElement.lang === "en"`, 10*time.Second)
}

// frenchBatch runs a batch with the page in French: the tab's title and
// the formats' names are French, and the ZIP holds report.csv (commas,
// English column names, the codes, French messages) and rapport.csv (a
// BOM, semicolons, French column names, statuses and format names).
func (env *e2eEnv) frenchBatch(t *testing.T) {
	s := env.s
	if title := s.eval(t, "the tab's title", `document.title`); !strings.Contains(title, "plateforme") {
		t.Errorf("the tab's title in French is %s", title)
	}
	dir := filepath.Join(t.TempDir(), "séance")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"plage.jpg": e2eJPEG(t, e2eBeach(900, 600), 90), "notes.txt": []byte("rappeler le client")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.dropFolder(t, dir)
	n := s.runs(t)
	s.click(t, "#start")
	s.wsWaitDone(t, n)
	s.click(t, "#report-table-view") // the report opens on its summary
	s.waitJS(t, "the report's formats by their French names", `(() => { const r = document.querySelector("#report");
  return !!r && r.textContent.includes("Épingle Pinterest") && r.textContent.includes("échec") && ![...r.querySelectorAll("[role=cell]")].some((td) => td.textContent === "pinterest-pin"); })()`, 10*time.Second)
	z := e2eZipFiles(t, s.download(t))
	report, err := batch.ReadCSV(bytes.NewReader(z["report.csv"]))
	if err != nil {
		t.Fatalf("report.csv: %v", err)
	}
	rapport, err := batch.ReadCSV(bytes.NewReader(z["rapport.csv"]))
	if err != nil || !bytes.HasPrefix(z["rapport.csv"], []byte("\xEF\xBB\xBFfichier;format;")) {
		t.Fatalf("rapport.csv: %v, starts %q", err, z["rapport.csv"][:min(len(z["rapport.csv"]), 40)])
	}
	if len(report) != len(rapport) || len(report) != 6 {
		t.Fatalf("report.csv has %d lines, rapport.csv %d; want 6 (2 files × 3 formats)", len(report), len(rapport))
	}
	for i, r := range report {
		f := rapport[i]
		if r.Input == "séance/notes.txt" && (r.Code != "not-image" || !strings.HasPrefix(r.Message, "n’est pas une image") || f.Status != "échec") {
			t.Errorf("notes.txt: report.csv %+v, rapport.csv %+v", r, f)
		}
		if r.Input == "séance/plage.jpg" && (r.Status != batch.StatusDone || f.Status != "fait") {
			t.Errorf("plage.jpg: report.csv %+v, rapport.csv %+v", r, f)
		}
		if p, ok := preset.Lookup(r.Preset); !ok || f.Preset != p.NameFR || f.Message != r.Message || f.Code != r.Code {
			t.Errorf("line %d: report.csv %+v, rapport.csv %+v", i, r, f)
		}
	}
	s.reload(t) // the next steps start from an empty list
}
